//! Request building from arbitrary builder inputs: if `to_request` succeeds, the URL decodes
//! back to exactly the inputs; if it fails, it is `InvalidInput` and some input was invalid.
#![no_main]

#[path = "../../tests/support/url.rs"]
mod url;

use arbitrary::Arbitrary;
use hf_providers::{Direction, Endpoint, Expand, ListModels, MAX_PAGE_SIZE, Sort};
use libfuzzer_sys::fuzz_target;
use url::query_pairs;

/// A known value by index, or any string (`Other`).
#[derive(Arbitrary, Debug)]
enum Key {
    Known(u8),
    Other(String),
}

const SORTS: [&str; 5] = [
    "downloads",
    "likes",
    "trendingScore",
    "createdAt",
    "lastModified",
];
const EXPANDS: [&str; 16] = [
    "author",
    "createdAt",
    "disabled",
    "downloads",
    "downloadsAllTime",
    "gated",
    "inference",
    "inferenceProviderMapping",
    "lastModified",
    "library_name",
    "likes",
    "pipeline_tag",
    "private",
    "sha",
    "tags",
    "trendingScore",
];

impl Key {
    fn wire(&self, known: &[&'static str]) -> String {
        match self {
            Key::Known(i) => known[*i as usize % known.len()].to_owned(),
            Key::Other(s) => s.clone(),
        }
    }
}

#[derive(Arbitrary, Debug)]
struct Input {
    endpoint: Option<String>,
    providers: Vec<String>,
    pipeline_tag: Option<String>,
    search: Option<String>,
    author: Option<String>,
    library: Option<String>,
    filters: Vec<String>,
    gated: Option<bool>,
    num_parameters: Option<String>,
    sort: Option<Key>,
    ascending: Option<bool>,
    limit: Option<usize>,
    full: bool,
    expand: Vec<Key>,
}

/// A provider name: a slug, but never `.` or `..` (a step in a path).
fn is_slug(p: &str) -> bool {
    !matches!(p, "" | "." | "..")
        && p.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
}

fuzz_target!(|input: Input| {
    let endpoint = input
        .endpoint
        .as_deref()
        .and_then(|e| Endpoint::parse(e).ok())
        .unwrap_or_default();
    let sort = input.sort.as_ref().map(|k| k.wire(&SORTS));
    let expand: Vec<String> = input.expand.iter().map(|k| k.wire(&EXPANDS)).collect();

    let mut q = ListModels::new();
    for p in &input.providers {
        q = q.inference_provider(p.as_str());
    }
    if let Some(v) = &input.pipeline_tag {
        q = q.pipeline_tag(v.as_str());
    }
    if let Some(v) = &input.search {
        q = q.search(v.as_str());
    }
    if let Some(v) = &input.author {
        q = q.author(v.as_str());
    }
    if let Some(v) = &input.library {
        q = q.library(v.as_str());
    }
    for f in &input.filters {
        q = q.filter(f.as_str());
    }
    if let Some(g) = input.gated {
        q = q.gated(g);
    }
    if let Some(v) = &input.num_parameters {
        q = q.num_parameters(v.as_str());
    }
    if let Some(s) = &sort {
        q = q.sort(Sort::from_wire(s));
    }
    if let Some(up) = input.ascending {
        q = q.direction(if up {
            Direction::Ascending
        } else {
            Direction::Descending
        });
    }
    if let Some(n) = input.limit {
        q = q.limit(n);
    }
    q = q.full(input.full);
    for e in &expand {
        q = q.expand(Expand::from_wire(e));
    }

    // What the URL must say, in the builder's fixed order.
    let mut want: Vec<(String, String)> = Vec::new();
    let mut push = |k: &str, v: &str| want.push((k.to_owned(), v.to_owned()));
    if !input.providers.is_empty() {
        push("inference_provider", &input.providers.join(","));
    }
    for (k, v) in [
        ("pipeline_tag", &input.pipeline_tag),
        ("search", &input.search),
        ("author", &input.author),
        ("library", &input.library),
    ] {
        if let Some(v) = v {
            push(k, v);
        }
    }
    for f in &input.filters {
        push("filter", f);
    }
    if let Some(g) = input.gated {
        push("gated", if g { "True" } else { "False" });
    }
    if let Some(v) = &input.num_parameters {
        push("num_parameters", v);
    }
    if let Some(s) = &sort {
        push("sort", s);
    }
    if let Some(up) = input.ascending {
        push("direction", if up { "1" } else { "-1" });
    }
    if let Some(n) = input.limit {
        push("limit", &n.clamp(1, MAX_PAGE_SIZE).to_string());
    }
    if input.full {
        push("full", "true");
    }
    for e in &expand {
        push("expand[]", e);
    }
    let valid =
        input.providers.iter().all(|p| is_slug(p)) && want.iter().all(|(_, v)| !v.is_empty());

    match q.to_ask(&endpoint) {
        Ok(req) => {
            assert!(valid, "accepted {input:?}");
            let url = &req.url();
            assert!(url.bytes().all(|b| (0x21..0x7f).contains(&b)), "{url}");
            assert_eq!(
                url.matches('?').count(),
                usize::from(!want.is_empty()),
                "{url}"
            );
            assert!(!url.contains('#'), "{url}");
            let path = url.split('?').next().unwrap_or_default();
            assert_eq!(path, format!("{}/api/models", endpoint.as_str()));
            let got = query_pairs(url).expect("the built URL decodes");
            assert_eq!(got, want, "{url}");
            if let Some((_, providers)) = got.iter().find(|(k, _)| k == "inference_provider") {
                let split: Vec<&str> = providers.split(',').collect();
                assert_eq!(split, input.providers, "{url}");
            }
        }
        Err(e) => assert!(!valid, "refused {input:?}: {}", e.reason()),
    }
});
