//! JSON output through the crate's own engine, and the shapes the CLI prints.

use hf_providers::{CatalogProvider, Choice, InCatalog, ProviderDetails, ProviderMapping, Verdict};

cfg_if::cfg_if! {
    if #[cfg(feature = "serde")] {
        pub use serde::Serialize;

        pub fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
            // Our types serialize to plain JSON: there is no map with non-string keys and no
            // fallible Serialize impl, so this cannot fail.
            serde_json::to_string(value).unwrap_or_default()
        }
    } else {
        pub use miniserde::Serialize;

        pub fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
            miniserde::json::to_string(value)
        }
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

    /// A provider of `providers --details --json`: the Hub's entry and the router's.
    pub struct Details {
        pub provider: String,
        #[serde(rename = "providerId")]
        pub provider_id: String,
        pub status: String,
        pub task: String,
        pub adapter: Option<String>,
        #[serde(rename = "adapterWeightsPath")]
        pub adapter_weights_path: Option<String>,
        #[serde(rename = "type")]
        pub kind: Option<String>,
        #[serde(rename = "isModelAuthor")]
        pub is_model_author: Option<bool>,
        pub router: Option<CatalogProvider>,
    }

    /// `resolve --json`: the chosen mapping's fields, then the decision.
    pub struct Resolved {
        pub provider: String,
        #[serde(rename = "providerId")]
        pub provider_id: String,
        pub status: String,
        pub task: String,
        pub adapter: Option<String>,
        #[serde(rename = "adapterWeightsPath")]
        pub adapter_weights_path: Option<String>,
        #[serde(rename = "type")]
        pub kind: Option<String>,
        #[serde(rename = "isModelAuthor")]
        pub is_model_author: Option<bool>,
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

    /// One provider of `resolve --json`'s `candidates`.
    pub struct CandidateJson {
        pub provider: String,
        #[serde(rename = "providerId")]
        pub provider_id: String,
        pub status: String,
        pub task: String,
        /// `chosen`, `lost` or `excluded`.
        pub verdict: String,
        /// Why (for the chosen one, `chosen`).
        pub reason: String,
        pub router: Option<CatalogProvider>,
    }
}

impl Details {
    pub fn new(details: &ProviderDetails) -> Details {
        let m = &details.mapping;
        Details {
            provider: m.provider.to_string(),
            provider_id: m.provider_id.clone(),
            status: m.status.to_string(),
            task: m.task.to_string(),
            adapter: m.adapter.clone(),
            adapter_weights_path: m.adapter_weights_path.clone(),
            kind: m.kind.clone(),
            is_model_author: m.is_model_author,
            router: details.router.clone(),
        }
    }
}

impl Resolved {
    /// The JSON of `choice`, which has a chosen provider.
    pub fn new(choice: &Choice) -> Option<Resolved> {
        let chosen = choice.chosen()?;
        let m: &ProviderMapping = &chosen.mapping;
        Some(Resolved {
            provider: m.provider.to_string(),
            provider_id: m.provider_id.clone(),
            status: m.status.to_string(),
            task: m.task.to_string(),
            adapter: m.adapter.clone(),
            adapter_weights_path: m.adapter_weights_path.clone(),
            kind: m.kind.clone(),
            is_model_author: m.is_model_author,
            model: choice.model.clone(),
            policy: choice.applied.to_string(),
            asked: choice.asked.to_string(),
            route: choice.route()?,
            in_catalog: in_catalog(&choice.in_catalog).into(),
            metrics: chosen.router.clone(),
            candidates: choice
                .candidates
                .iter()
                .map(|c| CandidateJson {
                    provider: c.mapping.provider.to_string(),
                    provider_id: c.mapping.provider_id.clone(),
                    status: c.mapping.status.to_string(),
                    task: c.mapping.task.to_string(),
                    verdict: match c.verdict {
                        Verdict::Chosen => "chosen",
                        Verdict::Lost(_) => "lost",
                        _ => "excluded",
                    }
                    .into(),
                    reason: c.verdict.to_string(),
                    router: c.router.clone(),
                })
                .collect(),
        })
    }
}

pub fn in_catalog(state: &InCatalog) -> &'static str {
    match state {
        InCatalog::Listed => "listed",
        InCatalog::NotListed => "not-listed",
        _ => "unavailable",
    }
}
