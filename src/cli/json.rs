//! JSON output through the crate's own engine, and the shapes the CLI prints.

use hf_providers::{
    CatalogProvider, Decision, InCatalog, ProviderDetails, ProviderMapping, Verdict,
};

cfg_if::cfg_if! {
    if #[cfg(feature = "serde")] {
        pub use serde::Serialize;

        fn raw_json<T: Serialize + ?Sized>(value: &T) -> String {
            // Our types serialize to plain JSON: there is no map with non-string keys and no
            // fallible Serialize impl, so this cannot fail. Room for a listed model's line at
            // once: `to_string` starts at 128 bytes and grew twice a model, 5% of a listing.
            let mut json = Vec::with_capacity(512);
            let _ = serde_json::to_writer(&mut json, value);
            String::from_utf8(json).unwrap_or_default()
        }
    } else {
        pub use miniserde::Serialize;

        fn raw_json<T: Serialize + ?Sized>(value: &T) -> String {
            miniserde::json::to_string(value)
        }
    }
}

/// `value` as one line of JSON, exact and safe on a terminal: what a server sent that could
/// drive one (C1 controls, DEL, bidi controls, invisible characters) is written as `\u`
/// escapes, which decode to the same strings.
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    let json = raw_json(value);
    match hf_providers::proto::escape_json(&json) {
        std::borrow::Cow::Borrowed(_) => json,
        std::borrow::Cow::Owned(safe) => safe,
    }
}

/// Derives the `Serialize` of the engine `to_json` uses.
macro_rules! output {
    ($($item:item)*) => {
        $(
            #[cfg_attr(feature = "serde", derive(serde::Serialize))]
            #[cfg_attr(not(feature = "serde"), derive(miniserde::Serialize))]
            $item
        )*
    };
}

output! {
    /// `status --json`.
    pub struct Status {
        pub id: String,
        pub inference: Option<String>,
    }

    /// `resolve --json` after the chosen mapping's own fields: the decision.
    pub struct DecisionJson {
        pub model: String,
        /// The policy applied (what `auto` became).
        pub policy: String,
        /// The policy asked for.
        pub asked: String,
        /// `MODEL:PROVIDER`.
        pub route: String,
        /// `listed`, `not-listed` or `unavailable`.
        #[serde(rename = "inCatalog")]
        pub in_catalog: String,
        /// The chosen provider's router entry.
        pub metrics: Option<CatalogProvider>,
        pub candidates: Vec<CandidateJson>,
    }

    /// One provider of `resolve --json`'s `candidates`: the Hub's entry, the router's, and
    /// what became of it.
    pub struct CandidateJson {
        pub mapping: ProviderMapping,
        pub router: Option<CatalogProvider>,
        /// `chosen`, `lost` or `excluded`.
        pub verdict: String,
        /// Why (for the chosen one, `chosen`).
        pub reason: String,
    }
}

/// `resolve --json`: the chosen mapping's object (its keys first, as before the decision was
/// added), then the decision's members. Written as two objects and joined, rather than as one
/// struct repeating the mapping's fields: the static binary is 2 KB smaller.
pub fn resolved(choice: &Decision) -> Option<String> {
    let chosen = choice.chosen()?;
    let decision = DecisionJson {
        model: choice.model.clone(),
        policy: choice.applied.to_string(),
        asked: choice.asked.to_string(),
        route: choice.route()?,
        in_catalog: in_catalog(&choice.in_catalog).into(),
        metrics: chosen.metrics().cloned(),
        candidates: choice
            .candidates
            .iter()
            .map(|c| CandidateJson {
                mapping: c.mapping.clone(),
                router: c.router.clone(),
                verdict: match c.verdict {
                    Verdict::Chosen => "chosen",
                    Verdict::Lost(_) => "lost",
                    _ => "excluded",
                }
                .into(),
                reason: c.verdict.to_string(),
            })
            .collect(),
    };
    let mut json = to_json(&chosen.mapping);
    let more = to_json(&decision);
    // Both are objects: `{"provider":...}` and `{"model":...}` become one.
    json.pop();
    json.push(',');
    json.push_str(more.strip_prefix('{')?);
    Some(json)
}

pub fn in_catalog(state: &InCatalog) -> &'static str {
    match state {
        InCatalog::Listed => "listed",
        InCatalog::NotListed => "not-listed",
        _ => "unavailable",
    }
}

output! {
    /// `watch --json`: the first look.
    pub struct LookJson {
        pub time: String,
        pub model: String,
        pub providers: Vec<ProviderDetails>,
    }

    /// `watch --json`: one change.
    pub struct EventJson {
        pub time: String,
        pub provider: String,
        pub what: String,
        pub before: Option<String>,
        pub after: Option<String>,
    }
}
