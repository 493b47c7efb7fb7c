//! The two JSON engines side by side (`cargo test --all-features`): on every input both give
//! the same value or both fail. The fuzz target `engines_agree` checks the same on what
//! libFuzzer finds; this runs on stable, on generated and broken documents and on each input
//! the fuzzer ever caught the engines disagreeing on.
#![cfg(all(feature = "serde", feature = "miniserde"))]

mod support;

use hf_providers::Error;
use hf_providers::parse::{miniserde_engine as mini, serde_engine as serde};
use support::generate::{self, Rng, Shape, Writer};

/// Panics unless both engines give the same answer for `body` on every entry point.
fn assert_agree(body: &[u8], context: &str) {
    fn same<T: PartialEq + std::fmt::Debug>(
        what: &str,
        context: &str,
        body: &[u8],
        a: Result<T, Error>,
        b: Result<T, Error>,
    ) {
        match (&a, &b) {
            // Debug too: `-0.0 == 0.0`, but a price of -0 is invalid where 0 is free.
            (Ok(x), Ok(y)) if x == y && format!("{x:?}") == format!("{y:?}") => {}
            (Err(Error::Decode { .. }), Err(Error::Decode { .. })) => {}
            _ => panic!(
                "{context}: engines disagree on {what}\n  serde_json: {a:?}\n  miniserde:  {b:?}\n  \
                 body: {:?}",
                String::from_utf8_lossy(body)
            ),
        }
    }
    same(
        "model_list",
        context,
        body,
        serde::model_list(body),
        mini::model_list(body),
    );
    same(
        "model",
        context,
        body,
        serde::model(body),
        mini::model(body),
    );
    let ids = serde::model_ids(body);
    same(
        "model_ids",
        context,
        body,
        ids.clone(),
        mini::model_ids(body),
    );
    // Reading only the ids accepts every page the full parse accepts, with the same ids.
    if let Ok(models) = serde::model_list(body) {
        let want: Vec<String> = models.into_iter().map(|m| m.id).collect();
        assert_eq!(
            ids.ok(),
            Some(want),
            "{context}: model_ids and model_list differ"
        );
    }
    same(
        "catalog",
        context,
        body,
        serde::catalog(body),
        mini::catalog(body),
    );
    same(
        "catalog_model",
        context,
        body,
        serde::catalog_model(body),
        mini::catalog_model(body),
    );
    same(
        "partner_list",
        context,
        body,
        serde::partner_list(body),
        mini::partner_list(body),
    );
    same(
        "mapping_item",
        context,
        body,
        serde::mapping_item(body),
        mini::mapping_item(body),
    );
    same(
        "mapping_id",
        context,
        body,
        serde::mapping_id(body),
        mini::mapping_id(body),
    );
    assert_eq!(
        serde::error_message(body),
        mini::error_message(body),
        "{context}: engines disagree on error_message for {:?}",
        String::from_utf8_lossy(body)
    );
}

#[test]
fn generated_documents_parse_the_same() {
    for seed in 0..1000 {
        let mut rng = Rng::new(seed);
        let models: Vec<_> = (0..rng.below(3))
            .map(|_| generate::model(&mut rng))
            .collect();
        for shape in [Shape::List, Shape::Object] {
            let doc = Writer { rng: &mut rng }.model_list(&models, shape);
            assert_agree(doc.as_bytes(), &format!("seed {seed}"));
            assert_eq!(
                mini::model_list(doc.as_bytes()),
                Ok(models.clone()),
                "seed {seed}"
            );
        }
    }
}

#[test]
fn broken_documents_fail_the_same() {
    for seed in 0..4000 {
        let mut rng = Rng::new(seed);
        let models: Vec<_> = (0..1 + rng.below(2))
            .map(|_| generate::model(&mut rng))
            .collect();
        let shape = rng.pick(&[Shape::List, Shape::Object]);
        let mut doc = Writer { rng: &mut rng }.model_list(&models, shape);
        if rng.chance(30) {
            // Strip the list so `model` and `error_message` see an object.
            doc = doc
                .trim()
                .trim_start_matches('[')
                .trim_end_matches(']')
                .into();
        }
        let broken = generate::mutate(&mut rng, doc.as_bytes());
        assert_agree(&broken, &format!("seed {seed}"));
    }
}

#[test]
fn unknown_values_of_every_kind_are_skipped_the_same() {
    for seed in 0..3000 {
        let mut rng = Rng::new(seed);
        let mut value = String::new();
        Writer { rng: &mut rng }.any_value(&mut value, 4);
        let body = format!(r#"{{"id":"a","x":{value},"error":"e"}}"#);
        assert_agree(body.as_bytes(), &format!("seed {seed}"));
        assert!(serde::model(body.as_bytes()).is_ok(), "seed {seed}: {body}");
        let broken = generate::mutate(&mut rng, body.as_bytes());
        assert_agree(&broken, &format!("seed {seed}, broken"));
    }
}

#[test]
fn the_known_edges() {
    for body in [
        r#"[{"id":"a","trendingScore":-0}]"#,
        r#"[{"id":"a","x":-0}]"#,
        r#"[{"id":"a","x":"\ud800"}]"#,
        r#"[{"id":"a","x":1e400}]"#,
        r#"[{"id":"a","x":-1e400}]"#,
        r#"[{"id":"a","x":123456789012345678901234567890}]"#,
        r#"[{"id":"a","x":1.7976931348623157e309}]"#,
        r#"[{"id":"a","x":1e-400}]"#,
        r#"[{"id":"a","x":0.0000000000000000000000000000000000000000001e-400}]"#,
        r#"[{"id":"a","x":1000e306}]"#,
        r#"[{"id":"a","x":0.00000001e316}]"#,
        r#"[{"id":"a","x":0e99999999999999999999}]"#,
        r#"[{"id":"a","x":1e99999999999999999999}]"#,
        r#"[{"id":"a","x":1e-99999999999999999999}]"#,
        r#"[{"id":"a","x":-9223372036854775809}]"#,
        r#"[{"id":"a","downloads":-0}]"#,
        r#"[{"id":"a","trendingScore":-9223372036854775809}]"#,
        r#"[{"id":"a","x":"\uD800\u0041"}]"#,
        r#"[{"id":"a","tags":["a"],"tags":["b"]}]"#,
        r#"[{"id":"a","tags":["a"],"tags":null}]"#,
        r#"{"id":"a","inferenceProviderMapping":{"q":{"providerId":"x","status":"live","task":"t","providerId":null}}}"#,
        r#"{"id":"a","inferenceProviderMapping":{"q":{"providerId":"x","status":"live","task":"t"},"q":{"providerId":"y","status":"live","task":"t"}}}"#,
        r#"{"id":"a","inferenceProviderMapping":[null]}"#,
        "\u{feff}[]",
        "[] ",
        "[]\u{0}",
        "[]\u{a0}",
        "",
    ] {
        assert_agree(body.as_bytes(), "edge");
    }
}

#[test]
fn generated_catalogs_parse_the_same() {
    for seed in 0..1000 {
        let mut rng = Rng::new(seed);
        let models: Vec<_> = (0..rng.below(3))
            .map(|_| generate::catalog_model(&mut rng))
            .collect();
        let doc = Writer { rng: &mut rng }.catalog(&models);
        assert_agree(doc.as_bytes(), &format!("seed {seed}"));
        assert_eq!(
            mini::catalog(doc.as_bytes()),
            Ok(generate::as_read(&models)),
            "seed {seed}: {doc}"
        );
        if let Some(one) = models.first() {
            let mut body = String::new();
            Writer { rng: &mut rng }.catalog_model(&mut body, one);
            assert_agree(body.as_bytes(), &format!("seed {seed}, one"));
            assert_eq!(
                mini::catalog_model(body.as_bytes()),
                Ok(generate::one_as_read(one))
            );
        }
    }
}

#[test]
fn broken_catalogs_fail_the_same() {
    for seed in 0..3000 {
        let mut rng = Rng::new(seed);
        let broken = generate::broken_catalog(&mut rng);
        assert_agree(&broken, &format!("seed {seed}"));
    }
}

#[test]
fn the_known_edges_of_the_routers_numbers() {
    let one = |field: &str, value: &str| {
        format!(r#"{{"id":"a","providers":[{{"provider":"p","{field}":{value}}}]}}"#)
    };
    for value in [
        "-0",
        "-0.0",
        "0",
        "1.5",
        "1e5",
        "1E+5",
        "1.0e2",
        "-1",
        "1e400",
        "-1e400",
        "1e-400",
        "18446744073709551615",
        "18446744073709551616",
        "18446744073709551615.0",
        "1.8446744073709552e19",
        "9007199254740993",
        // Written by serde_json from 7.777777777777778e59; both engines read it one unit off,
        // alike (a catalog fuzz target find).
        "7.777777777777778e+59",
        "123456789012345678901234567890",
        "1e99999999999999999999",
        "0e99999999999999999999",
        "true",
        "\"5\"",
        "null",
        "[]",
        "{}",
    ] {
        for field in ["context_length", "throughput", "first_token_latency_ms"] {
            assert_agree(one(field, value).as_bytes(), &format!("{field}: {value}"));
        }
        let price = format!(
            r#"{{"id":"a","providers":[{{"provider":"p","pricing":{{"output":{value}}}}}]}}"#
        );
        assert_agree(price.as_bytes(), &format!("price: {value}"));
        let created = format!(r#"{{"object":"list","data":[{{"id":"a","created":{value}}}]}}"#);
        assert_agree(created.as_bytes(), &format!("created: {value}"));
    }
    // Any float at all, written in its shortest form: the engines agree (not always on the
    // exact value: see `Rng::f64`).
    let mut rng = Rng::new(7);
    for _ in 0..5000 {
        let x = f64::from_bits(rng.next_u64());
        if x.is_finite() {
            assert_agree(
                one("throughput", &format!("{x:?}")).as_bytes(),
                "random float",
            );
        }
    }
    for body in [
        r#"{"error":{"message":"gone","type":"invalid_request_error"}}"#,
        r#"{"error":{"type":"x"}}"#,
        r#"{"error":{"message":5}}"#,
        r#"{"error":5}"#,
        r#"{"error":["a"]}"#,
        r#"{"error":{"message":"a","message":"b"}}"#,
        r#"{"object":"list"}"#,
        r#"{"object":"list","data":null}"#,
        r#"{"object":"list","data":[{"id":"a","architecture":null,"providers":null}]}"#,
        r#"{"object":"list","data":[{"id":"a","architecture":{"input_modalities":[1]}}]}"#,
        r#"{"object":"list","data":[{"id":"a","providers":[{"status":"live"}]}]}"#,
    ] {
        assert_agree(body.as_bytes(), body);
    }
}

#[test]
fn generated_partner_lists_parse_the_same() {
    for seed in 0..2000 {
        let mut rng = Rng::new(seed);
        let list = generate::partner_list(&mut rng);
        let doc = Writer { rng: &mut rng }.partner_list(&list);
        assert_agree(doc.as_bytes(), &format!("seed {seed}"));
        assert_eq!(
            mini::partner_list(doc.as_bytes()),
            Ok(list.clone()),
            "seed {seed}: {doc}"
        );
        let broken = generate::mutate(&mut rng, doc.as_bytes());
        assert_agree(&broken, &format!("seed {seed}, broken"));
        // Each mapping as the item that registers it, read back the same.
        for m in &list {
            let new = hf_providers::NewMapping::from(m);
            let body = new.body();
            assert_agree(&body, &format!("seed {seed}, item"));
            assert_eq!(mini::mapping_item(&body), Ok(new), "seed {seed}");
            let broken = generate::mutate(&mut rng, &body);
            assert_agree(&broken, &format!("seed {seed}, item broken"));
        }
    }
}

#[test]
fn the_known_edges_of_partner_lists() {
    for body in [
        r#"{}"#,
        r#"{"t":{}}"#,
        r#"{"t":[]}"#,
        r#"{"t":null}"#,
        r#"{"t":{"a/b":null}}"#,
        r#"{"t":{"a/b":{"providerId":"x"}}}"#,
        r#"{"t":{"a/b":{"providerId":"x","status":"live"},"a/b":{"providerId":"y","status":"live"}}}"#,
        r#"{"t":{"tag-filter=":{"providerId":"x","status":"live"}}}"#,
        r#"{"t":{"tag-filter=a,,b":{"providerId":"x","status":"live","tags":7}}}"#,
        r#"{"t":{"a/b":{"providerId":"x","status":"live","_id":5}}}"#,
        r#"{"t":{"a/b":{"providerId":"x","status":"live","_id":null}}}"#,
        r#"{"id":"a"}"#,
        r#""66e2""#,
        r#"{"_id":"a","id":"b"}"#,
        r#"{"id":"b"}"#,
        r#"{"_id":null,"id":"b"}"#,
        r#"{"_id":7}"#,
        r#"{"task":"t","providerModel":"x","hfModel":"a/b","tags":["l"]}"#,
        r#"{"task":"t","providerModel":"x","tags":[]}"#,
        r#"{"task":"t","providerModel":"x","tags":[1]}"#,
        r#"{"task":"t","providerModel":"x","hfModel":null,"tags":["l"],"status":"weird"}"#,
        r#"{"task":"t","providerModel":"x","hfModel":"a/b","status":7}"#,
        r#"7"#,
        r#"[{"id":"a","inferenceProviderMapping":[{"provider":"p","providerId":"x","status":"live","task":"t","performance":{"tokensPerSecond":1e400}}]}]"#,
        r#"[{"id":"a","inferenceProviderMapping":[{"provider":"p","providerId":"x","status":"live","task":"t","providerDetails":{"pricing":{"input":-0}}}]}]"#,
        r#"[{"id":"a","inferenceProviderMapping":[{"provider":"p","providerId":"x","status":"live","task":"t","features":null}]}]"#,
        r#"[{"id":"a","inferenceProviderMapping":[{"provider":"p","providerId":"x","status":"live","task":"t","features":{"toolCalling":"yes"}}]}]"#,
    ] {
        assert_agree(body.as_bytes(), "edge");
    }
    // Nesting at serde_json's limit, below each of a listed entry's objects.
    for n in 118..124 {
        let deep = format!("{}{}", "[".repeat(n), "]".repeat(n));
        for wrap in [
            format!(r#"{{"pricing":{{"x":{deep}}}}}"#),
            format!(r#"{{"x":{deep}}}"#),
        ] {
            for key in ["providerDetails", "performance", "features"] {
                let body = format!(
                    r#"[{{"id":"a","inferenceProviderMapping":[{{"provider":"p","providerId":"x","status":"live","task":"t","{key}":{wrap}}}]}}]"#
                );
                assert_agree(body.as_bytes(), &format!("{key} nested {n}"));
            }
        }
        let body = format!(r#"{{"t":{{"a/b":{{"providerId":"x","status":"live","x":{deep}}}}}}}"#);
        assert_agree(body.as_bytes(), &format!("partner entry nested {n}"));
    }
}
