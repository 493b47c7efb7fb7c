//! What the router's catalog says (`GET {router}/v1/models`): the chat models Inference
//! Providers serve, and per provider the numbers the router routes by.

use crate::proto::name::Name;
use crate::proto::open_enum::open_enum;

/// One model of the router's catalog.
///
/// Only `id` is sure to be there; the router adds fields without notice (they are skipped) and
/// leaves out what it does not know.
///
/// ```
/// let model = hf_providers::parse::catalog_model(br#"{"id":"m/x","object":"model",
///     "providers":[{"provider":"together","status":"live","throughput":40.1,
///                   "pricing":{"input":2.1,"output":4.4}}]}"#)?;
/// assert_eq!(model.providers[0].throughput, Some(40.1));
/// assert_eq!(model.provider("together").and_then(|p| p.output_price()), Some(4.4));
/// # Ok::<(), hf_providers::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "miniserde", derive(miniserde::Serialize))]
pub struct CatalogModel {
    /// The Hub's model id, e.g. `deepseek-ai/DeepSeek-V4-Pro`.
    pub id: String,
    /// When the model entered the catalog, in seconds since the Unix epoch.
    pub created: Option<u64>,
    /// The organisation that publishes the model.
    pub owned_by: Option<String>,
    /// What the model reads and writes.
    pub architecture: Architecture,
    /// The providers the router can send the model to, in the router's order.
    pub providers: Vec<CatalogProvider>,
}

impl CatalogModel {
    /// A model with this id and nothing else known.
    pub fn new(id: impl Into<String>) -> CatalogModel {
        CatalogModel {
            id: id.into(),
            ..CatalogModel::default()
        }
    }

    /// The entry of `provider`, if the router lists it for this model.
    pub fn provider(&self, provider: &str) -> Option<&CatalogProvider> {
        self.providers.iter().find(|p| p.provider == provider)
    }
}

/// A catalog model's modalities (empty when the router does not say; known ones are not
/// allocated).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "miniserde", derive(miniserde::Serialize))]
pub struct Architecture {
    /// What the model reads, e.g. `text`, `image`.
    pub input_modalities: Vec<Name>,
    /// What the model writes.
    pub output_modalities: Vec<Name>,
}

impl Architecture {
    /// These modalities.
    pub fn new(input_modalities: Vec<Name>, output_modalities: Vec<Name>) -> Architecture {
        Architecture {
            input_modalities,
            output_modalities,
        }
    }
}

/// One provider of a [`CatalogModel`]: its health and the router's numbers for it.
///
/// The metrics come from the router's validation probes, about once a day. The fields hold
/// what the router sent; the methods ([`output_price`](CatalogProvider::output_price),
/// [`valid_throughput`](CatalogProvider::valid_throughput), ...) only what can be true: a price
/// below zero, a throughput that is not above zero, a negative latency or a context of zero
/// counts as not published when choosing.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "miniserde", derive(miniserde::Serialize))]
pub struct CatalogProvider {
    /// The provider, as named in the Hub's mapping (known ones are not allocated).
    pub provider: Name,
    /// `live`, `error` (failing the router's health check), or a newer value.
    pub status: Option<RouterStatus>,
    /// The longest context, in tokens.
    pub context_length: Option<u64>,
    /// USD per million tokens.
    pub pricing: Option<Pricing>,
    /// Whether tool calling works.
    pub supports_tools: Option<bool>,
    /// Whether structured output works.
    pub supports_structured_output: Option<bool>,
    /// Time to the first token in the latest probe, in milliseconds.
    pub first_token_latency_ms: Option<f64>,
    /// Output tokens per second in the latest probe.
    pub throughput: Option<f64>,
    /// Whether this provider published the model.
    pub is_model_author: Option<bool>,
    /// A temporary free promotion.
    pub is_free: Option<bool>,
}

impl CatalogProvider {
    /// An entry with a provider name and nothing known.
    ///
    /// ```
    /// use hf_providers::{CatalogProvider, RouterStatus};
    /// let mut p = CatalogProvider::new("groq");
    /// p.status = Some(RouterStatus::Live);
    /// assert!(p.is_live());
    /// ```
    pub fn new(provider: impl Into<Name>) -> CatalogProvider {
        CatalogProvider {
            provider: provider.into(),
            ..CatalogProvider::default()
        }
    }

    /// Whether the router routes to it (`status` is `live`).
    pub fn is_live(&self) -> bool {
        self.status == Some(RouterStatus::Live)
    }

    /// USD per million input tokens, when published and possible: zero (free) or more, never
    /// `-0` or below.
    pub fn input_price(&self) -> Option<f64> {
        self.pricing
            .as_ref()
            .and_then(|p| p.input)
            .filter(|&x| price_ok(x))
    }

    /// USD per million output tokens, when published and possible (see
    /// [`input_price`](CatalogProvider::input_price)).
    ///
    /// ```
    /// use hf_providers::{CatalogProvider, Pricing};
    /// let mut p = CatalogProvider::new("groq");
    /// p.pricing = Some(Pricing::new(Some(-0.0), Some(-1.0)));
    /// assert_eq!((p.input_price(), p.output_price()), (None, None)); // as sent, but not possible
    /// ```
    pub fn output_price(&self) -> Option<f64> {
        self.pricing
            .as_ref()
            .and_then(|p| p.output)
            .filter(|&x| price_ok(x))
    }

    /// Output tokens per second, when published and possible: finite and above zero.
    pub fn valid_throughput(&self) -> Option<f64> {
        self.throughput.filter(|t| t.is_finite() && *t > 0.0)
    }

    /// Milliseconds to the first token, when published and possible: finite, zero or more.
    pub fn valid_latency_ms(&self) -> Option<f64> {
        self.first_token_latency_ms
            .filter(|t| t.is_finite() && *t >= 0.0)
    }

    /// The longest context, when published and possible: above zero.
    pub fn valid_context_length(&self) -> Option<u64> {
        self.context_length.filter(|&c| c > 0)
    }

    /// Whether the router sent a price that is not possible (below zero, or `-0`).
    pub fn has_invalid_price(&self) -> bool {
        self.pricing.as_ref().is_some_and(|p| {
            [p.input, p.output]
                .into_iter()
                .flatten()
                .any(|x| !price_ok(x))
        })
    }
}

/// A price the router may mean: zero (free) or more, and not `-0`.
fn price_ok(x: f64) -> bool {
    x.is_finite() && x >= 0.0 && !x.is_sign_negative()
}

/// A provider's prices for a model, in USD per million tokens, as the router sent them (see
/// [`CatalogProvider::output_price`] for the ones that can be true).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "miniserde", derive(miniserde::Serialize))]
pub struct Pricing {
    /// Per million input tokens.
    pub input: Option<f64>,
    /// Per million output tokens.
    pub output: Option<f64>,
}

impl Pricing {
    /// These prices.
    pub fn new(input: Option<f64>, output: Option<f64>) -> Pricing {
        Pricing { input, output }
    }
}

open_enum! {
    /// A provider's health in the router's catalog.
    ///
    /// ```
    /// use hf_providers::RouterStatus;
    /// assert_eq!(RouterStatus::from_wire("error"), RouterStatus::Error);
    /// assert_eq!(RouterStatus::from_wire("degraded").as_str(), "degraded");
    /// ```
    RouterStatus {
        /// Routed to.
        Live = "live",
        /// Failing the router's health check: not routed to.
        Error = "error",
    }
}
