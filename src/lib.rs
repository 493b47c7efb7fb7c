//! A blocking, minimal client for the Hugging Face Hub's Inference Providers API.
//!
//! It answers the Inference Providers questions over plain HTTP GETs: which models providers
//! serve ([`Client::list_models`]), whether a model is warm ([`Client::model_status`]), which
//! providers serve it ([`Client::model_providers`]) and, from the router's catalog
//! ([`Client::catalog`]), which one to call and why ([`Client::choose`]).
//!
//! The crate is layered so each part can be used alone:
//! - [`proto`], the pure core: it builds requests ([`ListModels`], [`GetModel`]), parses
//!   answers ([`parse`], [`proto::http_error`]) and holds the rules between them (paging,
//!   redirects, retries, provider choice). No I/O: usable in WASI, fuzzable;
//! - the [`Transport`] trait, one blocking `send`, that you can implement (or make from a
//!   closure with [`transport::from_fn`]);
//! - the [`Client`], which drives requests through a transport: redirects (the token never
//!   leaves the endpoint's origin), retries, paging, and typed errors; [`Config`] reads its
//!   settings from the environment like the official clients;
//! - with feature `ureq` (default), `UreqTransport`, an HTTPS transport.
//!
//! JSON is parsed with serde_json (feature `serde`, default) or miniserde (feature `miniserde`).
//!
//! ```
//! use hf_providers::{transport, Client, Config, Needs, ProviderChoice, Response};
//!
//! // The Hub's mapping and the router's catalog; any transport will do, this one answers
//! // from memory.
//! let services = transport::from_fn(|req| {
//!     let body = if req.url == "https://router.huggingface.co/v1/models" {
//!         r#"{"object":"list","data":[{"id":"google/gemma-3-27b-it","providers":[
//!             {"provider":"hf-inference","status":"live","throughput":38.2},
//!             {"provider":"nebius","status":"live","throughput":71.9}]}]}"#
//!     } else {
//!         assert!(req.url.ends_with("/api/models/google/gemma-3-27b-it?expand[]=inferenceProviderMapping"));
//!         r#"{"id":"google/gemma-3-27b-it","inferenceProviderMapping":{
//!             "hf-inference":{"status":"live","providerId":"google/gemma-3-27b-it","task":"conversational"},
//!             "nebius":{"status":"live","providerId":"google/gemma-3-27b-it-fast","task":"conversational"}}}"#
//!     };
//!     Ok(Response::new(200, vec![], body.into()))
//! });
//! let client = Client::new(services, Config::default());
//! // What the router does by default: the fastest live provider.
//! let choice = client.choose("google/gemma-3-27b-it", &ProviderChoice::Auto, &Needs::new())?;
//! assert_eq!(choice.route().as_deref(), Some("google/gemma-3-27b-it:nebius"));
//! // The caller's own order instead.
//! let first = client.choose_provider("google/gemma-3-27b-it", &ProviderChoice::Preferred)?;
//! assert_eq!(first.provider, "hf-inference");
//! # Ok::<(), hf_providers::Error>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs, missing_debug_implementations)]
#![warn(clippy::missing_errors_doc, clippy::return_self_not_must_use)]
#![cfg_attr(docsrs, feature(doc_cfg))]

// The driving layer: everything here that waits, reads the environment or sends goes through
// the `Transport`.
mod cache;
mod client;
mod config;
mod listing;
pub mod transport;

pub mod proto;

pub use client::Client;
pub use listing::{Listing, ModelIds, Models};
pub use proto::catalog::{Architecture, CatalogModel, CatalogProvider, Pricing, RouterStatus};
pub use proto::choice::{
    Candidate, Choice, Exclusion, InCatalog, Loss, Needs, ProviderChoice, ProviderDetails, Verdict,
};
pub use proto::config::Config;
pub use proto::error::{
    Error, HubError, InputKind, InvalidInput, LinkRefusal, NoProviderReason, TransportError,
    TransportErrorKind,
};
pub use proto::http::{Method, Request, Response};
pub use proto::model::{Gated, InferenceStatus, Model, ProviderMapping, ProviderStatus};
pub use proto::parse;
pub use proto::query::{Direction, Expand, GetCatalog, GetModel, ListModels, MAX_PAGE_SIZE, Sort};
pub use proto::repo_id::RepoId;
pub use proto::retry::RetryPolicy;
pub use proto::service::Service;
pub use proto::tags::Tags;
pub use proto::token::Token;
pub use proto::url::Endpoint;
pub use proto::wait::{Wait, WaitCause};
#[doc(inline)]
pub use transport::Transport;

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
    send_sync::<Error>();
    #[cfg(feature = "ureq")]
    send_sync::<Client<UreqTransport>>();
};
