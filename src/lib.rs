//! A blocking, minimal client for the Hugging Face Hub's Inference Providers API.
//!
//! It answers three questions over plain HTTP GETs:
//! which models providers serve ([`Client::list_models`]), whether a model is warm
//! ([`Client::model_status`]) and which providers serve it ([`Client::model_providers`],
//! [`Client::resolve_provider`]).
//!
//! The crate is layered so each part can be used alone:
//! - a pure layer that builds requests ([`ListModels`], [`ModelInfo`]) and parses answers
//!   ([`parse`], [`http_error`], [`retry`], [`resolve`]): no I/O, usable in WASI, fuzzable;
//! - the [`Transport`] trait, one blocking `send`, that you can implement (or make from a
//!   closure with [`transport::from_fn`]);
//! - the [`Client`], which drives requests through a transport: redirects (the token never
//!   leaves the endpoint's origin), retries, paging, and typed errors;
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
//! let chosen = client.resolve_provider("google/gemma-3-27b-it", &ProviderChoice::Auto)?;
//! assert_eq!(chosen.provider, "hf-inference");
//! # Ok::<(), hf_providers::Error>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod client;
mod config;
mod error;
mod http;
pub mod http_error;
mod known;
mod model;
mod open_enum;
mod pages;
pub mod parse;
mod query;
mod repo_id;
pub mod resolve;
pub mod retry;
pub mod tags;
mod token;
pub mod transport;
pub mod url;

pub use client::Client;
pub use config::Config;
pub use error::{
    Error, HubError, InputKind, InvalidInput, LinkRefusal, NoProviderReason, TransportError,
    TransportErrorKind,
};
pub use http::{Method, Request, Response};
pub use model::{Gated, InferenceStatus, Model, ProviderMapping, ProviderStatus};
pub use pages::{Listing, ModelIds, Models};
pub use query::{Direction, Expand, ListModels, MAX_PAGE_SIZE, ModelInfo, Sort};
pub use repo_id::RepoId;
pub use resolve::ProviderChoice;
pub use retry::RetryPolicy;
pub use tags::Tags;
pub use token::Token;
pub use transport::Transport;
pub use url::Endpoint;

/// The README's examples, run as doc tests so it stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

cfg_if::cfg_if! {
    if #[cfg(feature = "ureq")] {
        #[path = "../backends/ureq.rs"]
        mod ureq_transport;
        pub use ureq_transport::UreqTransport;
    }
}
