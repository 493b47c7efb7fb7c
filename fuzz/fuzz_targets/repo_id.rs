//! Repo ids: `RepoId::parse` agrees with the rules written out plainly, and a valid id builds a
//! model info URL that decodes back to the id and the revision.
//!
//! The input is an id, optionally followed by `\n` and a revision for the URL check.
#![no_main]

#[path = "../../tests/support/url.rs"]
mod url;

use hf_providers::{Endpoint, Expand, GetModel, InputKind, RepoId};
use libfuzzer_sys::fuzz_target;
use url::percent_decode;

/// The Hub's rules, one at a time, independent of the library's code.
fn valid(id: &str) -> bool {
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

fn check_id(id: &str) {
    match RepoId::parse(id) {
        Ok(repo) => {
            assert!(valid(id), "accepted {id:?}");
            assert_eq!(repo.as_str(), id);
            let rebuilt = match repo.namespace() {
                Some(ns) => format!("{ns}/{}", repo.name()),
                None => repo.name().to_owned(),
            };
            assert_eq!(rebuilt, id);
        }
        Err(e) => {
            assert!(!valid(id), "refused {id:?}: {}", e.reason());
            assert_eq!(e.kind(), InputKind::RepoId);
            assert_eq!(e.value(), id);
        }
    }
}

fn check_model_info(id: &str, revision: Option<&str>) {
    let Ok(mut info) = GetModel::new(id) else {
        return;
    };
    if let Some(rev) = revision {
        info = info.revision(rev);
    }
    let info = info
        .expand(Expand::Inference)
        .expand(Expand::InferenceProviderMapping);
    let endpoint = Endpoint::default();
    let req = match info.to_ask(&endpoint) {
        Ok(req) => req,
        Err(e) => {
            // Empty, or a step in the path.
            assert!(matches!(revision, Some("" | "." | "..")), "{e:?}");
            assert_eq!(e.kind(), InputKind::Revision);
            return;
        }
    };
    assert!(
        req.url().bytes().all(|b| (0x21..0x7f).contains(&b)),
        "{}",
        req.url()
    );
    let (path, query) = req.url().split_once('?').expect("a query");
    assert_eq!(
        query,
        "expand[]=inference&expand[]=inferenceProviderMapping"
    );
    let rest = path
        .strip_prefix(endpoint.as_str())
        .and_then(|p| p.strip_prefix("/api/models/"))
        .expect("the model path");
    // The id is sent as is: a valid id needs no escaping.
    let after_id = rest.strip_prefix(id).expect("the id, verbatim");
    let got_rev = match after_id {
        "" => None,
        r => {
            let r = r.strip_prefix("/revision/").expect("a revision segment");
            assert!(!r.contains('/'), "the revision is one segment: {r:?}");
            Some(percent_decode(r).expect("a decodable revision"))
        }
    };
    assert_eq!(got_rev.as_deref(), revision);
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    check_id(text);
    match text.split_once('\n') {
        Some((id, rev)) => check_model_info(id, Some(rev)),
        None => check_model_info(text, None),
    }
});
