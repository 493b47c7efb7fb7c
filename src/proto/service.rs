//! The services a client talks to.

use core::fmt;

/// The services a client talks to. The token goes only to the origin of the one a request is
/// for; each announces its own quota ([`Client::quota`](crate::Client::quota)).
///
/// ```
/// use hf_providers::Service;
/// assert_eq!(Service::Router.to_string(), "the router");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Service {
    /// The Hub (`Config::endpoint`).
    Hub,
    /// The router (`Config::router`).
    Router,
}

impl fmt::Display for Service {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Service::Hub => "the Hub",
            Service::Router => "the router",
        })
    }
}
