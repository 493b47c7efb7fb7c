//! Hostile and malformed bodies: each is a typed error (or a documented tolerance), never a
//! panic. Run under each JSON engine; `tests/engines_agree.rs` compares them directly.

use hf_providers::{Error, parse};

fn decode_error(body: &[u8]) -> String {
    match parse::model_list(body) {
        Err(Error::Decode { what, detail }) => {
            assert_eq!(what, "model list");
            detail
        }
        other => panic!("{:?}: {other:?}", String::from_utf8_lossy(body)),
    }
}

#[test]
fn malformed_json_is_a_decode_error() {
    for body in [
        "",
        " ",
        "[",
        "[{",
        r#"[{"id":}]"#,
        r#"[{"id":"a"},]"#,
        r#"[{"id":"a"}] x"#,
        r#"[{"id":"a" "b":1}]"#,
        "\u{feff}[]",
        "[NaN]",
        r#"[{"id":"a","x":1e400}]"#,
        r#"[{"id":"a","x":"\ud800"}]"#,
        r#"[{"id":"a","x":"\udc00\ud800"}]"#,
        "[{\"id\":\"a\u{1}\"}]",
        r#"[{"id":"a\x"}]"#,
        r#"[{"id":"a","x":01}]"#,
        r#"[{"id":"a","x":-}]"#,
        r#"[{"id":"a","x":tru}]"#,
        "<html><body>502 Bad Gateway</body></html>",
        "{}",
        "null",
    ] {
        decode_error(body.as_bytes());
    }
}

#[test]
fn invalid_utf8_is_a_decode_error() {
    // In a kept string, a skipped string, a key, and between tokens.
    for body in [
        &b"[{\"id\":\"\xff\"}]"[..],
        b"[{\"id\":\"a\",\"x\":\"\xc3\"}]",
        b"[{\"id\":\"a\",\"\xe2\x82\":1}]",
        b"[{\"id\":\"a\"}\xff]",
    ] {
        let detail = decode_error(body);
        assert!(
            detail.to_lowercase().contains("utf-8") || detail.contains("unicode"),
            "{detail}"
        );
    }
}

#[test]
fn wrong_types_are_decode_errors() {
    for body in [
        r#"[{"id":1}]"#,
        r#"[{"id":null}]"#,
        r#"[{"author":"x"}]"#,
        r#"[{"id":"a","downloads":"12"}]"#,
        r#"[{"id":"a","downloads":-1}]"#,
        r#"[{"id":"a","downloads":1.0}]"#,
        r#"[{"id":"a","downloads":1e2}]"#,
        r#"[{"id":"a","downloads":18446744073709551616}]"#,
        r#"[{"id":"a","trendingScore":-0}]"#,
        r#"[{"id":"a","trendingScore":9223372036854775808}]"#,
        r#"[{"id":"a","private":"false"}]"#,
        r#"[{"id":"a","tags":"x"}]"#,
        r#"[{"id":"a","tags":["x",1]}]"#,
        r#"[{"id":"a","gated":1}]"#,
        r#"[{"id":"a","inference":true}]"#,
        r#"[{"id":"a","inferenceProviderMapping":"fal-ai"}]"#,
        r#"[{"id":"a","inferenceProviderMapping":{"fal-ai":null}}]"#,
        r#"[{"id":"a","inferenceProviderMapping":{"fal-ai":{"status":"live","task":"t"}}}]"#,
        r#"[{"id":"a","inferenceProviderMapping":[{"providerId":"x","status":"live","task":"t"}]}]"#,
        r#"[{"id":"a","inferenceProviderMapping":[{"provider":"p","providerId":"x","status":1,"task":"t"}]}]"#,
        r#"[["id"]]"#,
        r#"["id"]"#,
    ] {
        decode_error(body.as_bytes());
    }
}

#[test]
fn tolerated_on_purpose() {
    // Nulls mean "absent", unknown keys are skipped, the last of a repeated key wins, keys
    // may be escaped, and the extremes of the integer types are in range.
    let models = parse::model_list(
        br#"[{"id":"a","author":null,"tags":null,"inferenceProviderMapping":null,"gated":null,
              "x":{"y":[1,2.5,-3,1e300,"\ud83d\ude00",null,true]},"downloads":1,"downloads":2,
              "\u0069d":"b","trendingScore":-9223372036854775808,"likes":18446744073709551615}]"#,
    )
    .unwrap();
    let m = &models[0];
    assert_eq!(m.id, "b");
    assert_eq!(m.author, None);
    assert!(m.tags.is_empty());
    assert_eq!(m.inference_provider_mapping, None);
    assert_eq!(m.downloads, Some(2));
    assert_eq!(m.trending_score, Some(i64::MIN));
    assert_eq!(m.likes, Some(u64::MAX));
}

/// `[` × n, a value, `]` × n.
fn nested(n: usize) -> String {
    format!("{}1{}", "[".repeat(n), "]".repeat(n))
}

#[test]
fn deep_nesting_is_refused_at_the_same_depth_by_both_engines() {
    // The list is depth 1, a model 2: an unknown field's value may nest 125 more.
    let ok = format!(r#"[{{"id":"a","x":{}}}]"#, nested(125));
    assert!(parse::model_list(ok.as_bytes()).is_ok());
    let too_deep = format!(r#"[{{"id":"a","x":{}}}]"#, nested(126));
    decode_error(too_deep.as_bytes());
    let ok = format!(r#"{{"id":"a","x":{}}}"#, nested(126));
    assert!(parse::model(ok.as_bytes()).is_ok());
    let too_deep = format!(r#"{{"id":"a","x":{}}}"#, nested(127));
    assert!(matches!(
        parse::model(too_deep.as_bytes()),
        Err(Error::Decode { .. })
    ));
}

#[test]
fn the_depth_limit_counts_from_the_root_everywhere() {
    // An entry's unknown field, in both mapping shapes: list 1, model 2, mapping 3, entry 4.
    let entry = |n: usize, list_shape: bool| {
        let fields = format!(
            r#""providerId":"x","status":"live","task":"t","x":{}"#,
            nested(n)
        );
        let mapping = if list_shape {
            format!(r#"[{{"provider":"p",{fields}}}]"#)
        } else {
            format!(r#"{{"p":{{{fields}}}}}"#)
        };
        format!(r#"[{{"id":"a","inferenceProviderMapping":{mapping}}}]"#)
    };
    for list_shape in [true, false] {
        assert!(parse::model_list(entry(123, list_shape).as_bytes()).is_ok());
        decode_error(entry(124, list_shape).as_bytes());
        // One level less deep at the root of a model answer.
        let as_model = |n| entry(n, list_shape)[1..].trim_end_matches(']').to_owned();
        assert!(parse::model(as_model(124).as_bytes()).is_ok());
        assert!(parse::model(as_model(125).as_bytes()).is_err());
    }
    let error = |n| format!(r#"{{"error":"x","x":{}}}"#, nested(n));
    assert_eq!(
        parse::error_message(error(126).as_bytes()).as_deref(),
        Some("x")
    );
    assert_eq!(parse::error_message(error(127).as_bytes()), None);
}

#[test]
fn very_deep_nesting_does_not_overflow_the_stack() {
    for body in [
        "[".repeat(200_000),
        nested(200_000),
        format!(r#"[{{"id":"a","x":{}}}]"#, "{\"a\":".repeat(200_000)),
    ] {
        decode_error(body.as_bytes());
        assert!(parse::model(body.as_bytes()).is_err());
        assert_eq!(parse::error_message(body.as_bytes()), None);
    }
}

#[test]
fn model_is_an_object() {
    for body in ["[]", "\"id\"", "1", r#"{"id":"a"} {}"#] {
        assert!(matches!(
            parse::model(body.as_bytes()),
            Err(Error::Decode { what: "model", .. })
        ));
    }
}

#[test]
fn error_messages_only_from_error_objects() {
    assert_eq!(
        parse::error_message(br#"{"error":"x","other":[1]}"#).as_deref(),
        Some("x")
    );
    assert_eq!(parse::error_message(br#"{"error":["x"]}"#), None);
    assert_eq!(parse::error_message(br#"{"message":"x"}"#), None);
    assert_eq!(parse::error_message(b"\xff"), None);
}

#[test]
fn a_provider_the_mapping_names_twice_counts_once_and_first() {
    for body in [
        r#"{"id":"a/m","inferenceProviderMapping":[
            {"provider":"together","providerId":"first","status":"staging","task":"conversational"},
            {"provider":"groq","providerId":"g","status":"live","task":"conversational"},
            {"provider":"together","providerId":"second","status":"live","task":"conversational"}]}"#,
        r#"{"id":"a/m","inferenceProviderMapping":{
            "together":{"providerId":"first","status":"staging","task":"conversational"},
            "groq":{"providerId":"g","status":"live","task":"conversational"},
            "together":{"providerId":"second","status":"live","task":"conversational"}}}"#,
    ] {
        let model = parse::model(body.as_bytes()).unwrap();
        let mapping = model.inference_provider_mapping.unwrap();
        let shown: Vec<(&str, &str)> = mapping
            .iter()
            .map(|p| (p.provider.as_str(), p.provider_id.as_str()))
            .collect();
        assert_eq!(shown, [("together", "first"), ("groq", "g")], "{body}");
    }
}

#[test]
fn a_task_too_long_to_copy_into_every_mapping_is_refused() {
    // Each mapping keeps its task: 2,000 mappings under a 200 KB task would be 400 MB.
    let list = |task: &str| {
        let entries: Vec<String> = (0..2000)
            .map(|i| format!("\"m/{i}\":{{\"providerId\":\"p\",\"status\":\"live\"}}"))
            .collect();
        format!("{{\"{task}\":{{{}}}}}", entries.join(","))
    };
    assert_eq!(
        parse::partner_list(list(&"t".repeat(128)).as_bytes())
            .unwrap()
            .len(),
        2000
    );
    let long = list(&"t".repeat(200_000));
    assert!(matches!(
        parse::partner_list(long.as_bytes()),
        Err(Error::Decode { .. })
    ));
}

#[test]
fn a_target_a_task_names_twice_in_a_providers_list_counts_once_and_first() {
    let body = r#"{"conversational":{
        "a/b":{"providerId":"first","status":"live"},
        "a/c":{"providerId":"c","status":"live"},
        "a/b":{"providerId":"second","status":"staging"}},
        "text-to-image":{"a/b":{"providerId":"image","status":"live"},
            "tag-filter=lora,x":{"providerId":"lora","status":"live"},
            "tag-filter=x,lora":{"providerId":"again","status":"live"}}}"#;
    let list = parse::partner_list(body.as_bytes()).unwrap();
    let shown: Vec<(&str, &str)> = list
        .iter()
        .map(|m| (m.task.as_str(), m.provider_id.as_str()))
        .collect();
    assert_eq!(
        shown,
        [
            ("conversational", "first"),
            ("conversational", "c"),
            ("text-to-image", "image"),
            ("text-to-image", "lora")
        ]
    );
}
