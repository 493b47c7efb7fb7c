//! A blocking, minimal client for the Hugging Face Hub's Inference Providers API.
//!
//! | question | method |
//! |---|---|
//! | which models do providers serve (filtered, paged lazily) | [`Client::list_models`], [`Client::list_model_ids`] |
//! | one page of that listing, and a cursor to resume it later | [`Client::list_models_page`], [`ListModels::after`] |
//! | is a model warm | [`Client::model_status`] |
//! | which providers serve it, in the caller's preference order | [`Client::model_providers`] |
//! | the same, with the router's numbers for each | [`Client::provider_details`] |
//! | which provider to call, and why | [`Client::choose`], [`Client::choose_provider`] |
//! | the router's catalog: price, context, speed, health per provider | [`Client::catalog`], [`Client::catalog_model`] |
//! | a provider's own mappings on the Hub, staging included | [`Client::partner_mappings`] |
//! | a provider's changes: register, set a status, delete, or a whole plan | [`Client::register_mapping`], [`Client::set_mapping_status`], [`Client::delete_mapping`], [`proto::plan`], [`Client::apply_change`] |
//! | every provider at a glance | [`Client::providers_at_a_glance`] |
//!
//! # Module map
//!
//! - **The crate root**: the [`Client`] and how to make one ([`ClientBuilder`], [`Config`],
//!   [`Client::from_env`]); what the questions take ([`ListModels`], [`GetModel`],
//!   [`GetCatalog`], [`Expand`], [`Sort`], [`Direction`], [`RepoId`] and [`IntoRepoId`],
//!   [`Policy`], [`Needs`], [`Cursor`]); what they answer ([`Model`], [`ProviderMapping`],
//!   [`ProviderStatus`], [`InferenceStatus`], [`Gated`], [`Tags`], [`Name`], [`CatalogModel`],
//!   [`CatalogProvider`], [`Pricing`], [`RouterStatus`], [`Architecture`], [`Decision`],
//!   [`Candidate`], [`Verdict`], [`Loss`], [`Exclusion`], [`InCatalog`], [`ProviderDetails`],
//!   [`Page`], [`Listing`], [`Pages`], [`PartnerMapping`], [`MappingTarget`],
//!   [`ProviderSummary`]); what a provider sends ([`PartnerList`], [`NewMapping`], [`Change`]);
//!   what can go wrong ([`Error`] and its parts); the
//!   settings' types ([`Endpoint`], [`Token`], [`RetryPolicy`], [`Proxies`]); the waits and the
//!   quota ([`Service`], [`Wait`], [`WaitCause`], [`Quota`]); the HTTP a transport carries
//!   ([`Request`], [`Response`], [`Method`]); and, with feature `ureq` (default),
//!   `UreqTransport`.
//! - [`transport`]: the [`Transport`] trait, one blocking `send`, and [`transport::from_fn`] to
//!   make one from a closure.
//! - [`parse`]: the parsers of the Hub's and the router's answers, pure and fuzzed.
//! - [`proto`]: the pure core for a program that drives requests itself (an event loop, WASI):
//!   one request as a state machine ([`proto::Exchange`]), the paging rules
//!   ([`proto::Pager`]), choosing a provider ([`proto::choose`]), a provider's plan
//!   ([`proto::plan`]), what changed between two looks at a model ([`proto::differences`]),
//!   terminal-safe text ([`proto::escape`]). The [`Client`] is one driver of it.
//!
//! JSON is read with serde_json (feature `serde`, default) or miniserde (feature `miniserde`);
//! the answer types implement that engine's `Serialize` (and most its `Deserialize`).
//!
//! ```
//! use hf_providers::{transport, ClientBuilder, Needs, Policy, Response};
//!
//! // The Hub's mapping and the router's catalog; any transport will do, this one answers
//! // from memory. (`Client::builder().build()?` makes an HTTPS client.)
//! let services = transport::from_fn(|req| {
//!     let body = if req.url() == "https://router.huggingface.co/v1/models" {
//!         r#"{"object":"list","data":[{"id":"google/gemma-3-27b-it","providers":[
//!             {"provider":"hf-inference","status":"live","throughput":38.2},
//!             {"provider":"nebius","status":"live","throughput":71.9}]}]}"#
//!     } else {
//!         assert!(req.url().ends_with("/api/models/google/gemma-3-27b-it?expand[]=inferenceProviderMapping"));
//!         r#"{"id":"google/gemma-3-27b-it","inferenceProviderMapping":{
//!             "hf-inference":{"status":"live","providerId":"google/gemma-3-27b-it","task":"conversational"},
//!             "nebius":{"status":"live","providerId":"google/gemma-3-27b-it-fast","task":"conversational"}}}"#
//!     };
//!     Ok(Response::new(200, vec![], body.into()))
//! });
//! let client = ClientBuilder::new().build_with(services)?;
//! // What the router does by default: the fastest live provider.
//! let decision = client.choose("google/gemma-3-27b-it", &Policy::Auto, &Needs::new())?;
//! assert_eq!(decision.route().as_deref(), Some("google/gemma-3-27b-it:nebius"));
//! // The caller's own order instead.
//! let first = client.choose_provider("google/gemma-3-27b-it", &Policy::Preferred)?;
//! assert_eq!(first.provider, "hf-inference");
//! # Ok::<(), hf_providers::Error>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs, missing_debug_implementations)]
#![warn(clippy::missing_errors_doc, clippy::return_self_not_must_use)]
#![cfg_attr(docsrs, feature(doc_cfg))]

// The driving layer: everything here that waits, reads the environment or sends goes through
// the `Transport`.
mod builder;
mod cache;
mod client;
mod config;
mod listing;
mod partners;
pub mod transport;

pub mod proto;

/// Reading the Hub's and the router's answers: pure functions over bytes, no I/O, no panic on
/// any input (each has a fuzz target).
///
/// The JSON engine is chosen at build time: serde_json with feature `serde` (the default),
/// miniserde with feature `miniserde`; with both on, serde_json reads for the crate, and each
/// engine is here by name, so the same bytes can be read by both.
pub mod parse {
    pub use crate::proto::parse::{
        catalog, catalog_model, error_message, mapping_id, mapping_item, model, model_ids,
        model_list, next_link, partner_list,
    };
    #[cfg(all(feature = "serde", feature = "miniserde"))]
    pub use crate::proto::parse::{miniserde_engine, serde_engine};
}

pub use builder::ClientBuilder;
pub use client::Client;
pub use listing::{Listing, ModelIds, Models, Pages};
pub use proto::catalog::{Architecture, CatalogModel, CatalogProvider, Pricing, RouterStatus};
pub use proto::choice::{Candidate, Decision, InCatalog, Needs, Policy, ProviderDetails};
pub use proto::config::Config;
pub use proto::error::{
    Error, InputKind, InvalidInput, LinkRefusal, NoProviderReason, ServiceError, TransportError,
    TransportErrorKind,
};
pub use proto::http::{Header, Method, Request, Response};
pub use proto::known::KNOWN_PROVIDERS;
pub use proto::model::{Gated, InferenceStatus, Model, ProviderMapping, ProviderStatus};
pub use proto::name::Name;
pub use proto::page::{Cursor, MAX_PAGE_SIZE, Page};
pub use proto::partner::{PartnerList, ProviderSummary};
pub use proto::partner_mapping::{MappingTarget, NewMapping, PartnerMapping};
pub use proto::plan::Change;
pub use proto::proxy::Proxies;
pub use proto::query::{Direction, Expand, GetCatalog, GetModel, ListModels, Sort};
pub use proto::quota::Quota;
pub use proto::repo_id::{IntoRepoId, RepoId};
pub use proto::retry::RetryPolicy;
pub use proto::service::Service;
pub use proto::tags::{TagIter, Tags};
pub use proto::token::Token;
pub use proto::url::Endpoint;
pub use proto::verdict::{Exclusion, Loss, Verdict};
pub use proto::wait::{Wait, WaitCause};
#[doc(inline)]
pub use transport::Transport;

/// The HTTP/1.1 response reader of the proxied `http://` path, for its fuzz target only
/// (`cargo fuzz` builds with `--cfg fuzzing`): not part of the API.
#[cfg(fuzzing)]
#[doc(hidden)]
pub use proto::forward::ResponseReader;

/// The README's examples, run as doc tests so it stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

cfg_if::cfg_if! {
    if #[cfg(feature = "ureq")] {
        #[path = "../backends/ureq.rs"]
        mod ureq_transport;
        #[cfg_attr(docsrs, doc(cfg(feature = "ureq")))]
        pub use ureq_transport::UreqTransport;
    }
}

/// The types that cross threads are `Send + Sync`: a client can serve several threads, and an
/// error can travel to another one.
const _: () = {
    const fn send_sync<T: Send + Sync>() {}
    send_sync::<Config>();
    send_sync::<ClientBuilder>();
    send_sync::<Error>();
    send_sync::<Page<Model>>();
    send_sync::<Decision>();
    #[cfg(feature = "ureq")]
    send_sync::<Client<UreqTransport>>();
};
