//! The pure core: building requests, reading answers, and the rules in between. No I/O.
//!
//! Nothing here opens a socket or a file, starts a thread or reads a clock: every function is
//! a function of its arguments. That is what lets the crate build for WASI, lets each parser be
//! fuzzed alone, and lets a program with its own event loop drive the Hub with these rules.
//! The [`Client`](crate::Client) is one such driver.
//!
//! - requests: [`ListModels`](crate::ListModels), [`GetModel`](crate::GetModel), validated
//!   [`RepoId`](crate::RepoId), [`Endpoint`](crate::Endpoint) and [`Token`](crate::Token);
//! - answers: [`parse`] (bodies and the `Link` header), [`http_error`] (an error status to an
//!   [`Error`](crate::Error));
//! - rules: [`pager`] (which page next), [`redirect`] (where a redirect leads), [`retry`] (when
//!   to try again), [`choice`] (which provider to call), [`url`] (origins and joining links).
//!
//! The types are re-exported at the crate root.

pub(crate) mod catalog;
pub mod choice;
pub(crate) mod config;
pub(crate) mod error;
pub mod exchange;
pub(crate) mod http;
pub mod http_error;
pub(crate) mod known;
pub(crate) mod model;
pub(crate) mod number;
pub(crate) mod open_enum;
pub mod pager;
pub mod parse;
pub mod proxy;
pub(crate) mod query;
pub mod quota;
pub mod redact;
pub mod redirect;
pub(crate) mod repo_id;
pub mod retry;
pub(crate) mod service;
pub mod tags;
pub mod text;
pub(crate) mod token;
pub mod url;
pub(crate) mod verdict;
pub(crate) mod wait;
