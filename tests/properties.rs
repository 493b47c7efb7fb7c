//! Property tests over the fuzzed entry points, on stable, under whichever JSON engine is built
//! in: generated inputs with known answers, so a regression shows in `cargo test` without
//! nightly or a fuzzer. Each case is made from a seed that the failure message names.

mod support;

use hf_providers::parse::{self, next_link};
use hf_providers::proto::{Subject, error_for};
use hf_providers::{
    Direction, Endpoint, Error, Expand, GetModel, InputKind, ListModels, MAX_PAGE_SIZE, Model,
    RepoId, Response, Service, ServiceError, Sort,
};
use support::generate::{self, Rng, Shape, Writer};
use support::url::{percent_decode, query_pairs};

const CASES: u64 = 1500;

#[test]
fn generated_listings_parse_back_under_both_mapping_shapes() {
    for seed in 0..CASES {
        let mut rng = Rng::new(seed);
        let models: Vec<Model> = (0..rng.below(4))
            .map(|_| generate::model(&mut rng))
            .collect();
        for shape in [Shape::List, Shape::Object] {
            let doc = Writer { rng: &mut rng }.model_list(&models, shape);
            assert_eq!(
                parse::model_list(doc.as_bytes()).as_ref(),
                Ok(&models),
                "seed {seed}, {shape:?}: {doc}"
            );
        }
    }
}

#[test]
fn generated_catalogs_parse_back() {
    for seed in 0..CASES {
        let mut rng = Rng::new(seed);
        let models: Vec<_> = (0..rng.below(4))
            .map(|_| generate::catalog_model(&mut rng))
            .collect();
        let doc = Writer { rng: &mut rng }.catalog(&models);
        assert_eq!(
            parse::catalog(doc.as_bytes()),
            Ok(generate::as_read(&models)),
            "seed {seed}: {doc}"
        );
        for model in &models {
            let mut body = String::new();
            Writer { rng: &mut rng }.catalog_model(&mut body, model);
            assert_eq!(
                parse::catalog_model(body.as_bytes()),
                Ok(generate::one_as_read(model)),
                "seed {seed}: {body}"
            );
        }
    }
}

#[test]
fn broken_catalogs_are_decode_errors_or_parse() {
    for seed in 0..CASES {
        let mut rng = Rng::new(seed);
        let broken = generate::broken_catalog(&mut rng);
        for result in [
            parse::catalog(&broken).map(drop),
            parse::catalog_model(&broken).map(drop),
        ] {
            assert!(
                matches!(result, Ok(()) | Err(Error::Decode { .. })),
                "seed {seed}: {result:?}"
            );
        }
    }
}

#[test]
fn generated_models_parse_back_under_both_mapping_shapes() {
    for seed in 0..CASES {
        let mut rng = Rng::new(seed);
        let model = generate::model(&mut rng);
        for shape in [Shape::Object, Shape::List] {
            let mut doc = String::new();
            Writer { rng: &mut rng }.model(&mut doc, &model, shape);
            assert_eq!(
                parse::model(doc.as_bytes()).as_ref(),
                Ok(&model),
                "seed {seed}, {shape:?}: {doc}"
            );
            // A model is not a listing, and a listing of one is.
            assert!(parse::model_list(doc.as_bytes()).is_err(), "seed {seed}");
            let list = format!("[{doc}]");
            assert_eq!(
                parse::model_list(list.as_bytes()),
                Ok(vec![model.clone()]),
                "seed {seed}"
            );
        }
    }
}

#[test]
fn broken_documents_are_decode_errors_or_parse() {
    for seed in 0..CASES {
        let mut rng = Rng::new(seed);
        let models: Vec<Model> = (0..1 + rng.below(2))
            .map(|_| generate::model(&mut rng))
            .collect();
        let shape = rng.pick(&[Shape::List, Shape::Object]);
        let doc = Writer { rng: &mut rng }.model_list(&models, shape);
        let broken = generate::mutate(&mut rng, doc.as_bytes());
        for result in [
            parse::model_list(&broken).map(drop),
            parse::model(&broken).map(drop),
        ] {
            assert!(
                matches!(result, Ok(()) | Err(Error::Decode { .. })),
                "seed {seed}: {result:?}"
            );
        }
        let _ = parse::error_message(&broken);
    }
}

#[test]
fn error_bodies_give_their_message() {
    for seed in 0..CASES {
        let mut rng = Rng::new(seed);
        let message = rng.text();
        let mut w = Writer { rng: &mut rng };
        let mut value = String::new();
        w.string(&mut value, &message);
        let mut body = String::new();
        w.object(&mut body, vec![("error".into(), value)]);
        assert_eq!(
            parse::error_message(body.as_bytes()).as_ref(),
            Some(&message),
            "seed {seed}: {body}"
        );
        // Anything but a string is no message.
        let mut body = String::new();
        let other = (*w
            .rng
            .pick(&["null", "1", "[\"x\"]", "{\"error\":\"x\"}", "true"]))
        .into();
        w.object(&mut body, vec![("error".into(), other)]);
        assert_eq!(
            parse::error_message(body.as_bytes()),
            None,
            "seed {seed}: {body}"
        );
    }
}

/// One link value of a generated `Link` header.
struct Link {
    target: String,
    rels: Vec<&'static str>,
}

#[test]
fn the_first_next_link_is_found() {
    const RELS: &[&str] = &[
        "next", "NEXT", "prev", "first", "last", "nextpage", "next-ish",
    ];
    for seed in 0..CASES {
        let mut rng = Rng::new(seed);
        let links: Vec<Link> = (0..rng.below(4))
            .map(|_| Link {
                target: format!(
                    "{}?cursor={}",
                    rng.pick(&["https://huggingface.co/api/models", "/api/models", "?x=1"]),
                    rng.pick(&["abc", "a,b;c", "eyJ9%3D", "\"q\"", "a b"])
                ),
                rels: (0..rng.below(3)).map(|_| rng.pick(RELS)).collect(),
            })
            .collect();
        let mut header = String::new();
        for (i, link) in links.iter().enumerate() {
            if i > 0 {
                header.push_str(rng.pick(&[",", ", ", " ,\t"]));
            }
            header.push_str(&format!("<{}>", link.target));
            if rng.chance(30) {
                header.push_str(rng.pick(&[r#"; title="a, b; rel=next""#, "; anchor=x", "; x"]));
            }
            if !link.rels.is_empty() {
                let rel = link.rels.join(" ");
                let name = rng.pick(&["rel", "REL", "Rel"]);
                if link.rels.len() == 1 && rng.chance(50) {
                    header.push_str(&format!("; {name}={rel}"));
                } else {
                    header.push_str(&format!(";{name}=\"{rel}\""));
                }
            }
        }
        let want = links
            .iter()
            .find(|l| l.rels.iter().any(|r| r.eq_ignore_ascii_case("next")))
            .map(|l| l.target.as_str());
        assert_eq!(next_link(&header), want, "seed {seed}: {header}");
    }
}

fn hub_error(e: &Error) -> &ServiceError {
    match e {
        Error::NotFound(h) | Error::Unauthorized(h) | Error::Forbidden(h) | Error::Http(h) => h,
        Error::RateLimited { error, .. } => error,
        other => panic!("an error answer became {other:?}"),
    }
}

#[test]
fn error_answers_map_by_status_and_code_and_show_clean_text() {
    const URL: &str = "https://huggingface.co/api/models/a/b";
    const CODES: &[&str] = &[
        "RepoNotFound",
        "RevisionNotFound",
        "EntryNotFound",
        "GatedRepo",
        "DisabledRepo",
        "Other",
    ];
    for seed in 0..CASES {
        let mut rng = Rng::new(seed);
        let status = rng.pick(&[400, 401, 403, 404, 408, 429, 500, 502, 503, 504, 599, 0]);
        let mut headers = Vec::new();
        let code = rng.chance(40).then(|| (rng.pick(CODES)).to_owned());
        if let Some(code) = &code {
            headers.push((
                (rng.pick(&["X-Error-Code", "x-error-code"])).into(),
                code.clone(),
            ));
        }
        if rng.chance(40) {
            let text = if rng.chance(20) {
                "Invalid credentials in Authorization header".to_owned()
            } else {
                rng.text().repeat(1 + rng.below(40))
            };
            headers.push(("X-Error-Message".into(), text));
        }
        if rng.chance(30) {
            let wait = rng.u64().to_string();
            headers.push(((rng.pick(&["Retry-After", "RateLimit"])).into(), wait));
        }
        let body = match rng.below(4) {
            0 => Vec::new(),
            1 => {
                let mut b = String::new();
                let text = rng.text();
                let mut w = Writer { rng: &mut rng };
                let mut v = String::new();
                w.string(&mut v, &text);
                w.object(&mut b, vec![("error".into(), v)]);
                b.into_bytes()
            }
            2 => format!("<html><title>{}</title></html>", rng.text()).into_bytes(),
            _ => generate::mutate(&mut rng, b"{\"error\":\"x\"}"),
        };
        let resp = Response::new(status, headers, body);
        let as_repo = error_for(&resp, URL, Service::Hub, Subject::Repository, None);
        let as_other = error_for(&resp, URL, Service::Hub, Subject::Other, None);
        for e in [&as_repo, &as_other] {
            let h = hub_error(e);
            assert_eq!((h.status, h.url.as_str()), (status, URL), "seed {seed}");
            assert_eq!(h.code, code, "seed {seed}");
            for text in h.code.iter().chain(&h.message) {
                // Nothing that could drive a terminal; at most 300 of the server's characters,
                // each shown in at most 10 (`\u{10ffff}`), and an ellipsis.
                let unsafe_char = |c: char| {
                    c.is_control() || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}')
                };
                assert!(!text.chars().any(unsafe_char), "seed {seed}: {text:?}");
                assert!(text.chars().count() <= 3001, "seed {seed}: {text:?}");
            }
            let not_found = matches!(
                code.as_deref(),
                Some("RepoNotFound" | "RevisionNotFound" | "EntryNotFound")
            );
            // The code decides first; the status only when the code does not.
            let forbidden = matches!(code.as_deref(), Some("GatedRepo" | "DisabledRepo"));
            if forbidden {
                assert!(matches!(e, Error::Forbidden(_)), "seed {seed}: {e:?}");
            }
            if not_found || (status == 404 && !forbidden) {
                assert!(matches!(e, Error::NotFound(_)), "seed {seed}: {e:?}");
            }
        }
        if status != 401 {
            assert_eq!(as_repo, as_other, "seed {seed}");
        }
    }
}

/// The Hub's id rules, one at a time, written independently of the library's code.
fn valid_repo_id(id: &str) -> bool {
    let parts: Vec<&str> = id.split('/').collect();
    let part_ok = |p: &str| {
        let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
        !p.is_empty()
            && p.len() <= 96
            && p.chars().all(|c| word(c) || c == '-' || c == '.')
            && p.starts_with(word)
            && p.ends_with(word)
    };
    (1..=2).contains(&parts.len())
        && parts.iter().all(|p| part_ok(p))
        && !id.contains("--")
        && !id.contains("..")
        && !id.ends_with(".git")
}

fn repo_id(rng: &mut Rng) -> String {
    const PIECES: &[&str] = &[
        "a", "Z", "0", "_", "-", ".", "/", "gpt2", "google", "gemma-3", "git", ".git", "é", " ",
        "%2F", "?", "#",
    ];
    let mut id: String = (0..1 + rng.below(8)).map(|_| rng.pick(PIECES)).collect();
    if rng.chance(5) {
        id = "a".repeat(90 + rng.below(10));
    }
    id
}

#[test]
fn repo_ids_follow_the_hubs_rules_and_build_model_info_urls() {
    let endpoint = Endpoint::default();
    for seed in 0..CASES * 4 {
        let mut rng = Rng::new(seed);
        let id = repo_id(&mut rng);
        match RepoId::parse(&id) {
            Ok(repo) => {
                assert!(valid_repo_id(&id), "accepted {id:?}");
                assert_eq!(repo.as_str(), id);
            }
            Err(e) => {
                assert!(!valid_repo_id(&id), "refused {id:?}: {}", e.reason());
                assert_eq!((e.kind(), e.value()), (InputKind::RepoId, id.as_str()));
                continue;
            }
        }
        let revision = rng.chance(60).then(|| rng.text());
        let mut info = GetModel::new(&id).unwrap();
        if let Some(rev) = &revision {
            info = info.revision(rev.as_str());
        }
        match info.to_ask(&endpoint) {
            Ok(req) => {
                let path = req.url().strip_prefix(endpoint.as_str()).unwrap();
                let after_id = path.strip_prefix("/api/models/").unwrap();
                let after_id = after_id.strip_prefix(id.as_str()).unwrap();
                let got = match after_id {
                    "" => None,
                    r => Some(percent_decode(r.strip_prefix("/revision/").unwrap()).unwrap()),
                };
                assert_eq!(got, revision, "seed {seed}: {}", req.url());
            }
            Err(e) => {
                // Empty, or a step in the path.
                let refused = matches!(revision.as_deref(), Some("" | "." | ".."));
                assert!(refused, "seed {seed}: {revision:?}");
                assert_eq!(e.kind(), InputKind::Revision);
            }
        }
    }
}

const SORTS: &[&str] = &[
    "downloads",
    "likes",
    "trendingScore",
    "createdAt",
    "lastModified",
];
const EXPANDS: &[&str] = &[
    "inference",
    "inferenceProviderMapping",
    "tags",
    "safetensors",
];

#[test]
fn built_listing_urls_decode_back_to_the_inputs() {
    let endpoints = [
        Endpoint::default(),
        Endpoint::parse("http://127.0.0.1:9/mirror/a=b&c/").unwrap(),
    ];
    for seed in 0..CASES * 2 {
        let mut rng = Rng::new(seed);
        let endpoint = endpoints[rng.below(endpoints.len())].clone();
        let some_text =
            |rng: &mut Rng, plausible: &[&str]| rng.chance(40).then(|| rng.value_text(plausible));
        let providers: Vec<String> = (0..rng.below(4))
            .map(|_| {
                if rng.chance(85) {
                    (rng.pick(&["fal-ai", "together", "hf.inference_2", "all", "a"])).into()
                } else {
                    rng.text()
                }
            })
            .collect();
        let pipeline_tag = some_text(&mut rng, &["text-to-image"]);
        let search = some_text(&mut rng, &["Llama 3", "a&b=c#d"]);
        let author = some_text(&mut rng, &["meta-llama"]);
        let library = some_text(&mut rng, &["transformers"]);
        let filters: Vec<String> = (0..rng.below(3))
            .map(|_| rng.value_text(&["license:mit", "text-generation-inference"]))
            .collect();
        let gated = rng.chance(30).then(|| rng.chance(50));
        let num_parameters = some_text(&mut rng, &["min:6B,max:128B", "max:8B"]);
        let sort = rng.chance(40).then(|| rng.value_text(SORTS));
        let direction = rng.chance(40).then(|| rng.chance(50));
        let limit = rng.chance(40).then(|| rng.u64() as usize);
        let full = rng.chance(30);
        let expand: Vec<String> = (0..rng.below(3)).map(|_| rng.value_text(EXPANDS)).collect();

        let mut q = ListModels::new();
        for p in &providers {
            q = q.inference_provider(p.as_str());
        }
        if let Some(v) = &pipeline_tag {
            q = q.pipeline_tag(v.as_str());
        }
        if let Some(v) = &search {
            q = q.search(v.as_str());
        }
        if let Some(v) = &author {
            q = q.author(v.as_str());
        }
        if let Some(v) = &library {
            q = q.library(v.as_str());
        }
        for f in &filters {
            q = q.filter(f.as_str());
        }
        if let Some(g) = gated {
            q = q.gated(g);
        }
        if let Some(v) = &num_parameters {
            q = q.num_parameters(v.as_str());
        }
        if let Some(s) = &sort {
            q = q.sort(Sort::from_wire(s));
        }
        if let Some(up) = direction {
            q = q.direction(if up {
                Direction::Ascending
            } else {
                Direction::Descending
            });
        }
        if let Some(n) = limit {
            q = q.limit(n);
        }
        q = q.full(full);
        for e in &expand {
            q = q.expand(Expand::from_wire(e));
        }

        let mut want: Vec<(String, String)> = Vec::new();
        let mut push = |k: &str, v: &str| want.push((k.into(), v.into()));
        if !providers.is_empty() {
            push("inference_provider", &providers.join(","));
        }
        for (k, v) in [
            ("pipeline_tag", &pipeline_tag),
            ("search", &search),
            ("author", &author),
            ("library", &library),
        ] {
            if let Some(v) = v {
                push(k, v);
            }
        }
        for f in &filters {
            push("filter", f);
        }
        if let Some(g) = gated {
            push("gated", if g { "True" } else { "False" });
        }
        if let Some(v) = &num_parameters {
            push("num_parameters", v);
        }
        if let Some(s) = &sort {
            push("sort", s);
        }
        if let Some(up) = direction {
            push("direction", if up { "1" } else { "-1" });
        }
        if let Some(n) = limit {
            push("limit", &n.clamp(1, MAX_PAGE_SIZE).to_string());
        }
        if full {
            push("full", "true");
        }
        for e in &expand {
            push("expand[]", e);
        }
        let slug = |p: &String| {
            !matches!(p.as_str(), "" | "." | "..")
                && p.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
        };
        let valid = providers.iter().all(slug) && want.iter().all(|(_, v)| !v.is_empty());

        match q.to_ask(&endpoint) {
            Ok(req) => {
                assert!(valid, "seed {seed}: accepted {q:?}");
                let url = &req.url();
                assert!(url.bytes().all(|b| (0x21..0x7f).contains(&b)), "{url}");
                let path = url.split('?').next().unwrap();
                assert_eq!(path, format!("{}/api/models", endpoint.as_str()));
                assert_eq!(query_pairs(url).as_ref(), Some(&want), "seed {seed}: {url}");
            }
            Err(e) => {
                assert!(!valid, "seed {seed}: refused {q:?}: {}", e.reason());
            }
        }
    }
}
