//! The request a [`Transport`](crate::Transport) sends and the response it hands back: plain
//! data, so a transport can be a few lines and a test can build responses by hand.

use std::fmt;
use std::time::Duration;

use crate::proto::redact::redact;

/// The HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Method {
    /// `GET`: every question.
    Get,
    /// `POST`.
    Post,
    /// `PUT`.
    Put,
    /// `DELETE`.
    Delete,
}

impl Method {
    /// The method's name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A header a request carries: the few the client sends, named once (a transport can map each
/// to its own constant instead of parsing a name).
///
/// ```
/// use hf_providers::Header;
/// assert_eq!(Header::UserAgent.as_str(), "user-agent");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Header {
    /// `accept`.
    Accept,
    /// `authorization`: the token, only to the origin of the service it is for.
    Authorization,
    /// `content-type`, with a body.
    ContentType,
    /// `user-agent`.
    UserAgent,
}

impl Header {
    /// The name on the wire, in lower case.
    pub fn as_str(self) -> &'static str {
        match self {
            Header::Accept => "accept",
            Header::Authorization => "authorization",
            Header::ContentType => "content-type",
            Header::UserAgent => "user-agent",
        }
    }
}

/// One HTTP request, as a [`Transport`](crate::Transport) sends it: method, absolute URL,
/// headers, body, and the limits the client set.
///
/// Its `Debug` output redacts the `Authorization` header.
///
/// ```
/// use hf_providers::{Header, Method, Request};
///
/// let req = Request::get("https://huggingface.co/api/models?limit=1")
///     .with_header(Header::Authorization, "Bearer hf_secret");
/// assert_eq!(req.method(), Method::Get);
/// assert_eq!(req.header("Authorization"), Some("Bearer hf_secret"));
/// assert!(!format!("{req:?}").contains("hf_secret"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Request {
    pub(crate) method: Method,
    pub(crate) url: String,
    pub(crate) headers: Vec<(Header, String)>,
    pub(crate) body: Vec<u8>,
    pub(crate) max_body_bytes: u64,
    pub(crate) timeout: Option<Duration>,
    pub(crate) proxy: Option<String>,
}

impl Request {
    /// The default body limit: 32 MiB, far above the largest listing page.
    pub const DEFAULT_MAX_BODY_BYTES: u64 = 32 << 20;

    /// A `GET` of `url` with no headers and the default body limit.
    pub fn get(url: impl Into<String>) -> Request {
        Request {
            method: Method::Get,
            url: url.into(),
            headers: Vec::new(),
            body: Vec::new(),
            max_body_bytes: Request::DEFAULT_MAX_BODY_BYTES,
            timeout: None,
            proxy: None,
        }
    }

    /// With header `name` set to `value`, after the others.
    #[must_use]
    pub fn with_header(mut self, name: Header, value: impl Into<String>) -> Request {
        self.headers.push((name, value.into()));
        self
    }

    /// With this body limit.
    #[must_use]
    pub fn with_max_body_bytes(mut self, limit: u64) -> Request {
        self.max_body_bytes = limit;
        self
    }

    /// The method.
    pub fn method(&self) -> Method {
        self.method
    }

    /// The absolute URL, already percent-encoded.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The headers to send (names in lower case), in order.
    pub fn headers(&self) -> impl Iterator<Item = (&str, &str)> {
        self.headers.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }

    /// The value of header `name` (case-insensitive), if set.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    }

    /// The body to send (empty for a `GET`).
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// A transport should stop reading and fail with
    /// [`TransportErrorKind::BodyTooLarge`](crate::TransportErrorKind::BodyTooLarge) past this.
    pub fn max_body_bytes(&self) -> u64 {
        self.max_body_bytes
    }

    /// The time this request may take, connecting and reading included: what is left of the
    /// deadline of the logical request it is part of. A transport fails with
    /// [`TransportErrorKind::Timeout`](crate::TransportErrorKind::Timeout) past it. `None`: no
    /// limit.
    pub fn timeout(&self) -> Option<Duration> {
        self.timeout
    }

    /// The proxy to send this request through (`http://host:port`), chosen by the client from
    /// the proxy settings; `None`: connect directly.
    pub fn proxy(&self) -> Option<&str> {
        self.proxy.as_deref()
    }
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers()
            .map(|(n, v)| {
                let shown = if n.eq_ignore_ascii_case("authorization") {
                    "<redacted>"
                } else {
                    v
                };
                (n, shown)
            })
            .collect();
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &headers)
            .field("body_bytes", &self.body.len())
            .field("max_body_bytes", &self.max_body_bytes)
            .field("timeout", &self.timeout)
            .field("proxy", &self.proxy.as_deref().map(|p| redact(p, None)))
            .finish()
    }
}

/// The room made at once for a body that declares `declared` bytes under the limit `limit`:
/// all of it (one allocation for a whole page), but never more than 8 MiB on a server's word,
/// whatever limit the caller set; a longer body grows as it arrives.
pub(crate) fn room_for_body(declared: u64, limit: u64) -> usize {
    usize::try_from(declared.min(limit).min(8 << 20)).unwrap_or(0)
}

/// One HTTP response: status, headers (in order, repeated names kept) and the whole body.
///
/// ```
/// use hf_providers::Response;
///
/// let resp = Response::new(200, vec![("Content-Type".into(), "application/json".into())], b"[]".to_vec());
/// assert_eq!(resp.header("content-type"), Some("application/json"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Response {
    /// The HTTP status code.
    pub status: u16,
    /// Header names and values as received.
    pub headers: Vec<(String, String)>,
    /// The body, already decompressed if the transport asked for compression.
    pub body: Vec<u8>,
}

impl Response {
    /// A response from its parts.
    pub fn new(status: u16, headers: Vec<(String, String)>, body: Vec<u8>) -> Response {
        Response {
            status,
            headers,
            body,
        }
    }

    /// The first value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers_named(name).next()
    }

    /// Every value of header `name` (case-insensitive), in order.
    pub fn headers_named<'a, 'n>(
        &'a self,
        name: &'n str,
    ) -> impl Iterator<Item = &'a str> + use<'a, 'n> {
        self.headers
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::room_for_body;

    #[test]
    fn a_declared_length_makes_bounded_room() {
        assert_eq!(room_for_body(1000, 32 << 20), 1000);
        assert_eq!(room_for_body(1000, 10), 10);
        // A caller's "no limit" does not let a server's number size an allocation.
        assert_eq!(room_for_body(u64::MAX, u64::MAX), 8 << 20);
        assert_eq!(room_for_body(1 << 63, u64::MAX), 8 << 20);
    }
}
