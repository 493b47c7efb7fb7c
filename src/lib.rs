//! A blocking, minimal client for the Hugging Face Hub's Inference Providers API.
//!
//! It answers three questions over plain HTTP GETs:
//! which models providers serve ([`Client::list_models`]), whether a model is warm
//! ([`Client::model_status`]) and which providers serve it ([`Client::model_providers`],
//! [`Client::choose_provider`]).
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
//! use hf_providers::{transport, Client, Config, ProviderChoice, Response};
//!
//! let hub = transport::from_fn(|req| {
//!     assert!(req.url.ends_with("/api/models/google/gemma-3-27b-it?expand[]=inferenceProviderMapping"));
//!     let body = r#"{"id":"google/gemma-3-27b-it","inferenceProviderMapping":{
//!         "hf-inference":{"status":"live","providerId":"google/gemma-3-27b-it","task":"conversational"},
//!         "nebius":{"status":"live","providerId":"google/gemma-3-27b-it-fast","task":"conversational"}}}"#;
//!     Ok(Response::new(200, vec![], body.into()))
//! });
//! let client = Client::new(hub, Config::default());
//! let chosen = client.choose_provider("google/gemma-3-27b-it", &ProviderChoice::Auto)?;
//! assert_eq!(chosen.provider, "hf-inference");
//! # Ok::<(), hf_providers::Error>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs, missing_debug_implementations)]
#![warn(clippy::missing_errors_doc, clippy::return_self_not_must_use)]
#![cfg_attr(docsrs, feature(doc_cfg))]

// The driving layer: everything here that waits, reads the environment or sends goes through
// the `Transport`.
mod client;
mod config;
mod listing;
pub mod transport;

pub mod proto;

pub use client::Client;
pub use config::Config;
pub use listing::{Listing, ModelIds, Models};
pub use proto::choice::ProviderChoice;
pub use proto::error::{
    Error, HubError, InputKind, InvalidInput, LinkRefusal, NoProviderReason, TransportError,
    TransportErrorKind,
};
pub use proto::http::{Method, Request, Response};
pub use proto::model::{Gated, InferenceStatus, Model, ProviderMapping, ProviderStatus};
pub use proto::parse;
pub use proto::query::{Direction, Expand, GetModel, ListModels, MAX_PAGE_SIZE, Sort};
pub use proto::repo_id::RepoId;
pub use proto::retry::RetryPolicy;
pub use proto::tags::Tags;
pub use proto::token::Token;
pub use proto::url::Endpoint;
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
