//! What the Hub answers, as plain typed values.
//!
//! Open sets (statuses, gating modes) are enums with an `Other` variant, so a value the Hub
//! starts sending tomorrow is kept, not an error.

use crate::proto::catalog::CatalogProvider;
use crate::proto::name::Name;
use crate::proto::open_enum::open_enum;
use crate::proto::tags::Tags;

/// A model as listed or described by the Hub: the typed fields the Inference Providers
/// questions need. Every field but `id` is optional, because the Hub sends only what was asked
/// for (`expand[]`) or what applies.
///
/// ```
/// let models = hf_providers::parse::model_list(br#"[{"id":"gpt2","downloads":7,"tags":["a"]}]"#)?;
/// assert_eq!(models[0].id, "gpt2");
/// assert_eq!(models[0].downloads, Some(7));
/// assert_eq!(models[0].tags, ["a"]);
/// # Ok::<(), hf_providers::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "miniserde", derive(miniserde::Serialize))]
pub struct Model {
    /// `namespace/name`.
    pub id: String,
    /// The user or organisation that owns it.
    pub author: Option<String>,
    /// The commit the answer describes.
    pub sha: Option<String>,
    /// ISO 8601 creation time, as sent.
    #[serde(rename = "createdAt")]
    pub created_at: Option<String>,
    /// ISO 8601 time of the last commit, as sent.
    #[serde(rename = "lastModified")]
    pub last_modified: Option<String>,
    /// Whether the repo is private.
    pub private: Option<bool>,
    /// Whether the repo is disabled.
    pub disabled: Option<bool>,
    /// Whether access needs approval, and how.
    pub gated: Option<Gated>,
    /// Downloads over the last 30 days.
    pub downloads: Option<u64>,
    /// Downloads since creation.
    #[serde(rename = "downloadsAllTime")]
    pub downloads_all_time: Option<u64>,
    /// Likes.
    pub likes: Option<u64>,
    /// The Hub's trending score.
    #[serde(rename = "trendingScore")]
    pub trending_score: Option<i64>,
    /// The library, e.g. `transformers` (common ones are not allocated).
    pub library_name: Option<Name>,
    /// The task, e.g. `text-generation` (known ones are not allocated).
    pub pipeline_tag: Option<Name>,
    /// Tags (empty when not sent).
    pub tags: Tags,
    /// `Some(Warm)` when at least one provider serves it; `None` when the Hub left it out.
    pub inference: Option<InferenceStatus>,
    /// The providers serving the model, in the Hub's order (the preference order of the user
    /// whose token asked; without a token, the Hub's default); `None` when not asked for with
    /// `expand[]=inferenceProviderMapping`.
    #[serde(rename = "inferenceProviderMapping")]
    pub inference_provider_mapping: Option<Vec<ProviderMapping>>,
}

impl Model {
    /// Whether the Hub says the model is warm.
    pub fn is_warm(&self) -> bool {
        self.inference
            .as_ref()
            .is_some_and(InferenceStatus::is_warm)
    }

    /// The provider mapping, empty when absent.
    pub fn providers(&self) -> &[ProviderMapping] {
        self.inference_provider_mapping
            .as_deref()
            .unwrap_or_default()
    }
}

/// One provider serving a model.
///
/// The Hub sends these as an object keyed by provider on model info and as a list on listings;
/// both become a list in the Hub's order.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "miniserde", derive(miniserde::Serialize))]
pub struct ProviderMapping {
    /// The provider, e.g. `fal-ai` (known ones are not allocated).
    pub provider: Name,
    /// The model's id at the provider.
    #[serde(rename = "providerId")]
    pub provider_id: String,
    /// `live`, `staging`, `error`, or a newer value; only `live` is callable.
    pub status: ProviderStatus,
    /// The task the provider runs it for, e.g. `conversational` (known ones are not allocated).
    pub task: Name,
    /// The adapter kind (e.g. `lora`) when the provider serves an adapter.
    pub adapter: Option<String>,
    /// The adapter's weights file in the repo.
    #[serde(rename = "adapterWeightsPath")]
    pub adapter_weights_path: Option<String>,
    /// The mapping's `type` (e.g. `single-model`, `tag-filter`).
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Whether this provider published the model (`isModelAuthor`).
    #[serde(rename = "isModelAuthor")]
    pub is_model_author: Option<bool>,
    /// What a listing's entry says of the provider's numbers (`performance`,
    /// `providerDetails`, `features`), in the router's terms; used where the router's catalog
    /// has nothing for this provider. `None` when the entry says nothing of them.
    #[serde(rename = "hubMetrics")]
    pub hub_metrics: Option<CatalogProvider>,
}

impl ProviderMapping {
    /// A mapping with the four fields every entry has and no adapter or type.
    ///
    /// ```
    /// use hf_providers::{ProviderMapping, ProviderStatus};
    /// let m = ProviderMapping::new("nebius", "google/gemma-3-27b-it-fast", ProviderStatus::Live, "conversational");
    /// assert!(m.is_live());
    /// ```
    pub fn new(
        provider: impl Into<Name>,
        provider_id: impl Into<String>,
        status: ProviderStatus,
        task: impl Into<Name>,
    ) -> ProviderMapping {
        ProviderMapping {
            provider: provider.into(),
            provider_id: provider_id.into(),
            status,
            task: task.into(),
            adapter: None,
            adapter_weights_path: None,
            kind: None,
            is_model_author: None,
            hub_metrics: None,
        }
    }

    /// Whether the provider serves the model in production.
    pub fn is_live(&self) -> bool {
        self.status == ProviderStatus::Live
    }
}

open_enum! {
    /// A provider's status for a model.
    ///
    /// ```
    /// use hf_providers::ProviderStatus;
    /// assert_eq!(ProviderStatus::from_wire("live"), ProviderStatus::Live);
    /// assert_eq!(ProviderStatus::from_wire("paused").as_str(), "paused");
    /// ```
    ProviderStatus {
        /// Served in production.
        Live = "live",
        /// Being set up; only the model's owner should use it.
        Staging = "staging",
        /// The provider failed the Hub's automated validation (retested hourly).
        Error = "error",
    }
}

open_enum! {
    /// The model's `inference` field.
    ///
    /// ```
    /// use hf_providers::InferenceStatus;
    /// assert!(InferenceStatus::from_wire("warm").is_warm());
    /// assert!(!InferenceStatus::from_wire("cold").is_warm());
    /// ```
    InferenceStatus {
        /// At least one provider serves the model.
        Warm = "warm",
    }
}

impl InferenceStatus {
    /// Whether this is `warm`.
    pub fn is_warm(&self) -> bool {
        *self == InferenceStatus::Warm
    }
}

/// The model's `gated` field: `false`, `"auto"`, `"manual"`, or something newer.
///
/// ```
/// use hf_providers::Gated;
/// assert_eq!(Gated::from(false), Gated::No);
/// assert_eq!(Gated::from_wire("manual").to_string(), "manual");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Gated {
    /// Not gated (`false`).
    No,
    /// Access is granted automatically once the terms are accepted.
    Auto,
    /// The owner approves each request.
    Manual,
    /// A value this version does not know, kept as sent (`true` is kept as `"true"`).
    Other(String),
}

impl Gated {
    /// Maps a string value; `"auto"` and `"manual"` are known.
    pub fn from_wire(value: &str) -> Gated {
        match value {
            "auto" => Gated::Auto,
            "manual" => Gated::Manual,
            other => Gated::Other(other.to_owned()),
        }
    }
}

impl From<bool> for Gated {
    /// `false` is [`Gated::No`]; `true`, which the Hub does not send, is kept as `"true"`.
    fn from(gated: bool) -> Gated {
        if gated {
            Gated::Other("true".to_owned())
        } else {
            Gated::No
        }
    }
}

impl std::fmt::Display for Gated {
    /// The wire value: `false`, `auto`, `manual` or the newer value.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Gated::No => "false",
            Gated::Auto => "auto",
            Gated::Manual => "manual",
            Gated::Other(v) => v,
        })
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Gated {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Gated::No => s.serialize_bool(false),
            Gated::Auto => s.serialize_str("auto"),
            Gated::Manual => s.serialize_str("manual"),
            Gated::Other(v) => s.serialize_str(v),
        }
    }
}

#[cfg(feature = "miniserde")]
impl miniserde::Serialize for Gated {
    fn begin(&self) -> miniserde::ser::Fragment<'_> {
        use miniserde::ser::Fragment;
        match self {
            Gated::No => Fragment::Bool(false),
            Gated::Auto => Fragment::Str("auto".into()),
            Gated::Manual => Fragment::Str("manual".into()),
            Gated::Other(v) => Fragment::Str(v.as_str().into()),
        }
    }
}
