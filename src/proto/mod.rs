//! The pure core, for a program that drives requests itself: building them, reading the
//! answers, and every rule in between. No I/O.
//!
//! Nothing here opens a socket or a file, starts a thread or reads a clock: every function is
//! a function of its arguments. That is what lets the crate build for WASI, lets each parser be
//! fuzzed alone, and lets a program with its own event loop use these rules. The
//! [`Client`](crate::Client) is one such driver.
//!
//! - one request: an [`Exchange`] carries out an [`Ask`] (made by
//!   [`ListModels::to_ask`](crate::ListModels::to_ask),
//!   [`GetModel::to_ask`](crate::GetModel::to_ask) or
//!   [`GetCatalog::to_ask`](crate::GetCatalog::to_ask)) step by step ([`Step`]): redirects,
//!   the token's origin, the deadline, retries, quota pacing ([`Announced`]), the body limit,
//!   error mapping ([`error_for`], [`Subject`]) and scrubbing;
//! - a listing: the [`Pager`] says which page comes next ([`Next`]);
//! - the answers: [`parse`](crate::parse), the bodies and the `Link` header;
//! - choosing a provider: [`choose`] and [`join`], on the Hub's mapping and the router's entry;
//! - text from a server, made safe to print: [`escape`], and [`escape_json`] for JSON.
//!
//! The types these take and return ([`Request`](crate::Request), [`Model`](crate::Model),
//! [`Error`](crate::Error), ...) are at the crate root.

pub(crate) mod catalog;
pub(crate) mod choice;
pub(crate) mod config;
pub(crate) mod error;
pub(crate) mod exchange;
// Only the transport that speaks HTTP/1.1 itself uses it: unused in a build without one.
#[allow(dead_code)]
pub(crate) mod forward;
pub(crate) mod http;
pub(crate) mod http_error;
pub(crate) mod known;
pub(crate) mod model;
pub(crate) mod name;
pub(crate) mod number;
pub(crate) mod open_enum;
pub(crate) mod page;
pub(crate) mod pager;
pub(crate) mod parse;
pub(crate) mod partner;
pub(crate) mod partner_mapping;
pub(crate) mod plan;
pub(crate) mod proxy;
pub(crate) mod query;
pub(crate) mod quota;
pub(crate) mod redact;
pub(crate) mod redirect;
pub(crate) mod repo_id;
pub(crate) mod retry;
pub(crate) mod seconds;
pub(crate) mod service;
pub(crate) mod sort;
pub(crate) mod tags;
pub(crate) mod text;
pub(crate) mod token;
pub(crate) mod url;
pub(crate) mod verdict;
pub(crate) mod wait;
pub(crate) mod watch;

pub use choice::{choose, join};
pub use exchange::{Answer, Ask, Done, Exchange, Replay, Sending, Step, Waiting};
pub use http_error::{Subject, error_for};
pub use pager::{Next, Pager};
pub use partner::{delete_ask, set_status_ask};
pub use plan::plan;
pub use quota::Announced;
pub use text::{escape, escape_json};
pub use watch::{Event, PRICE_CHANGE, THROUGHPUT_CHANGE, What, any_live, differences, next_look};
