//! The one error type of the crate, and the errors it wraps: a rejected argument, the Hub's
//! answer, a transport failure.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::proto::catalog::RouterStatus;
use crate::proto::http::Method;
use crate::proto::model::ProviderStatus;
use crate::proto::redact::{redact, scrub};
use crate::proto::service::Service;
use crate::proto::text::Escaped;
use crate::proto::verdict::Exclusion;

/// Everything that can go wrong, as an enum callers can match on.
///
/// `Display` is one short statement of what happened; the details (the rejected value, the
/// Hub's status, code and message, the transport's failure) come from
/// [`source()`](std::error::Error::source). Every `Display` here shows text from a server or a
/// user through [`escape`](crate::proto::text::escape), so printing an error cannot drive a
/// terminal. A [`Client`](crate::Client) removes its token and any URL credentials from what
/// it returns.
///
/// ```
/// use std::error::Error as _;
/// use hf_providers::{Error, InputKind, RepoId};
///
/// let err: Error = RepoId::parse("not--valid").unwrap_err().into();
/// match &err {
///     Error::InvalidInput(bad) => assert_eq!((bad.kind(), bad.value()), (InputKind::RepoId, "not--valid")),
///     other => panic!("unexpected: {other:?}"),
/// }
/// // The whole story, as a command-line tool prints it:
/// let mut line = err.to_string();
/// let mut cause = err.source();
/// while let Some(e) = cause {
///     line = format!("{line}: {e}");
///     cause = e.source();
/// }
/// assert_eq!(line, r#"invalid input: repo id "not--valid" contains `--`"#);
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Error {
    /// An argument was rejected before any request was sent.
    InvalidInput(InvalidInput),
    /// The repository or revision does not exist, or is private and the token cannot see it
    /// (or, from the router, the model is not in its catalog).
    NotFound(ServiceError),
    /// The service ([`ServiceError::service`]) rejected the token.
    Unauthorized(ServiceError),
    /// The token is valid but may not read this (for example a gated model).
    Forbidden(ServiceError),
    /// The service kept answering 429 after the retries the policy allowed.
    RateLimited {
        /// How long the service asked us to wait, when it said.
        retry_after: Option<Duration>,
        /// The service's answer.
        error: ServiceError,
    },
    /// The Hub refused a change to a provider's mappings (400, 409 or 422): its message says
    /// why, for example that the task does not match the model.
    Rejected(ServiceError),
    /// A write that may or may not have been applied: it may have reached the Hub before the
    /// connection broke, the time ran out, or a 5xx, a `303 See Other`, an answer over the body
    /// limit or one that cannot be read came back. It is not sent again; listing the
    /// provider's mappings shows the truth.
    OutcomeUnknown(Box<Error>),
    /// Any other HTTP error status.
    Http(ServiceError),
    /// The request did not get an HTTP answer (connection, TLS, timeout, I/O).
    Transport(TransportError),
    /// The answer is not the JSON we expect.
    Decode {
        /// What we were reading, e.g. `"model list"`.
        what: &'static str,
        /// What was wrong with it.
        detail: String,
    },
    /// The answer's body is larger than [`Config::max_body_bytes`](crate::Config::max_body_bytes).
    BodyTooLarge {
        /// The limit in bytes.
        limit: u64,
    },
    /// A pagination link or redirect that the client refuses to follow.
    LinkRefused {
        /// The link as the server sent it (never carries the token).
        url: String,
        /// Why it was refused.
        reason: LinkRefusal,
    },
    /// No provider can serve the model for the choice made.
    NoProvider {
        /// The model id.
        model: String,
        /// Why.
        reason: NoProviderReason,
    },
    /// Nothing is sent in offline mode ([`Config::offline`](crate::Config::offline)).
    Offline,
}

/// An argument that failed validation: what it was, the value, and why.
///
/// ```
/// use hf_providers::{InputKind, RepoId};
///
/// let bad = RepoId::parse("a/b/c").unwrap_err();
/// assert_eq!(bad.kind(), InputKind::RepoId);
/// assert_eq!(bad.to_string(), r#"repo id "a/b/c" has more than one `/`; use `name` or `namespace/name`"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidInput {
    kind: InputKind,
    value: String,
    reason: &'static str,
}

/// Which argument was invalid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum InputKind {
    /// A repository id such as `google/gemma-3-27b-it`.
    RepoId,
    /// The Hub endpoint URL.
    Endpoint,
    /// A provider name.
    Provider,
    /// A revision (branch, tag or commit).
    Revision,
    /// A token (for example one with a line break in it).
    Token,
    /// The file a token is read from.
    TokenFile,
    /// A variable of the environment.
    Environment,
    /// A product added to the `User-Agent`.
    UserAgent,
    /// Any other query parameter.
    Parameter,
    /// A listing's cursor.
    Cursor,
}

impl InvalidInput {
    pub(crate) fn new(kind: InputKind, value: impl Into<String>, reason: &'static str) -> Self {
        InvalidInput {
            kind,
            value: value.into(),
            reason,
        }
    }

    /// Which argument was rejected.
    pub fn kind(&self) -> InputKind {
        self.kind
    }

    /// The rejected value (for a token, a placeholder).
    pub fn value(&self) -> &str {
        &self.value
    }

    /// Why it was rejected, worded to follow the value (`"contains `--`"`).
    pub fn reason(&self) -> &'static str {
        self.reason
    }
}

impl From<InvalidInput> for Error {
    fn from(e: InvalidInput) -> Self {
        Error::InvalidInput(e)
    }
}

/// What a service (the Hub, or the router) said when it answered with an error status.
///
/// ```
/// use hf_providers::{ServiceError, Service};
///
/// // Shown without its query, which is ours and long; `url` keeps it.
/// let e = ServiceError::new(404, "https://huggingface.co/api/models/a/b?expand[]=inference")
///     .with_code("RepoNotFound")
///     .with_message("Repository not found");
/// assert_eq!(e.service, Service::Hub);
/// assert_eq!(e.to_string(), "GET https://huggingface.co/api/models/a/b answered 404 (RepoNotFound): Repository not found");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ServiceError {
    /// The service that answered.
    pub service: Service,
    /// The HTTP status.
    pub status: u16,
    /// The `X-Error-Code` header, e.g. `RepoNotFound`.
    pub code: Option<String>,
    /// `X-Error-Message`, else the JSON body's `error`, else an HTML page's title.
    pub message: Option<String>,
    /// The URL that answered.
    pub url: String,
    /// The method of the request it answered.
    pub method: Method,
    /// The `X-Request-Id` header: what the service's support asks for.
    pub request_id: Option<String>,
}

impl ServiceError {
    /// An answer of `status` from `url` on the Hub to a `GET`, with no code or message.
    pub fn new(status: u16, url: impl Into<String>) -> ServiceError {
        ServiceError {
            method: Method::Get,
            service: Service::Hub,
            status,
            code: None,
            message: None,
            url: url.into(),
            request_id: None,
        }
    }

    /// From this service.
    #[must_use]
    pub fn from_service(mut self, service: Service) -> ServiceError {
        self.service = service;
        self
    }

    /// With this `X-Error-Code`.
    #[must_use]
    pub fn with_code(mut self, code: impl Into<String>) -> ServiceError {
        self.code = Some(code.into());
        self
    }

    /// With this message.
    #[must_use]
    pub fn with_message(mut self, message: impl Into<String>) -> ServiceError {
        self.message = Some(message.into());
        self
    }
}

/// Why a link was not followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LinkRefusal {
    /// A `next` page on another origin than the configured endpoint.
    CrossOrigin,
    /// Not a URL we can follow (bad characters, unknown scheme, credentials in it).
    Malformed,
    /// A `next` page that was already fetched: following it would never end.
    Loop,
    /// More redirects in a row than [`Config::max_redirects`](crate::Config::max_redirects).
    TooManyRedirects,
    /// A `next` link on a page reached through a redirect to another origin.
    LeftOrigin,
}

/// Why no provider was chosen.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum NoProviderReason {
    /// No provider serves the model at all.
    NoneServes,
    /// Providers are mapped, but none is `live`.
    NoneLive,
    /// Live providers are mapped, but none is live in the router or meets the needs.
    NoneQualifies,
    /// `fastest` or `cheapest` for a model the router's catalog does not list: the router
    /// publishes no metrics for it.
    NoMetrics,
    /// The named provider serves it live on the Hub, but cannot be chosen.
    Excluded {
        /// The provider asked for.
        provider: String,
        /// Why.
        why: Exclusion,
    },
    /// The named provider does not serve the model.
    NotServedBy {
        /// The provider asked for.
        provider: String,
    },
    /// The named provider serves it, but not `live` (for example `staging`).
    NotLive {
        /// The provider asked for.
        provider: String,
        /// Its status.
        status: ProviderStatus,
    },
}

/// Why a [`Transport`](crate::Transport) could not produce a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// Could not connect (DNS, refused, unreachable, proxy).
    Connect,
    /// The connect or overall timeout fired.
    Timeout,
    /// The connection broke while sending or reading (including a truncated body).
    Io,
    /// TLS handshake or certificate failure.
    Tls,
    /// The body was larger than [`Request::max_body_bytes`](crate::Request::max_body_bytes).
    BodyTooLarge,
    /// The transport could not send this request (for example an unsupported URL).
    InvalidRequest,
    /// Anything else.
    Other,
}

/// The error a [`Transport`](crate::Transport) returns: a kind the client acts on (retry or
/// not), a description, and the underlying error when there is one.
///
/// Equality compares the kind and the description, not the underlying error.
///
/// ```
/// use std::error::Error as _;
/// use hf_providers::{TransportError, TransportErrorKind};
///
/// let e = TransportError::new(TransportErrorKind::Timeout, "read timed out after 30s");
/// assert_eq!(e.kind(), TransportErrorKind::Timeout);
/// assert_eq!(e.to_string(), "timed out: read timed out after 30s");
///
/// let io = std::io::Error::new(std::io::ErrorKind::ConnectionReset, "reset by peer");
/// let e = TransportError::from_source(TransportErrorKind::Io, io);
/// assert_eq!(e.to_string(), "connection failed");
/// assert_eq!(e.source().unwrap().to_string(), "reset by peer");
/// // The message is never empty, and `Debug` shows it rather than the cause's internals.
/// assert_eq!(e.message(), "reset by peer");
/// assert_eq!(format!("{e:?}"), r#"TransportError { kind: Io, message: "reset by peer" }"#);
/// ```
#[derive(Clone)]
pub struct TransportError {
    kind: TransportErrorKind,
    message: String,
    source: Option<Arc<dyn std::error::Error + Send + Sync>>,
    /// The service and the `host:port` the request went to, when the client says.
    at: Option<(Service, String)>,
}

impl TransportError {
    /// A transport error of `kind`, described by `message` (which must not contain secrets).
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        TransportError {
            kind,
            message: message.into(),
            source: None,
            at: None,
        }
    }

    /// A transport error of `kind` caused by `source`, which describes it (and must not
    /// contain secrets).
    pub fn from_source(
        kind: TransportErrorKind,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        TransportError {
            kind,
            message: String::new(),
            source: Some(Arc::new(source)),
            at: None,
        }
    }

    /// What kind of failure this was.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// The service the request was for and the `host:port` it went to, when a client set them
    /// (an error straight from a transport has none).
    pub fn target(&self) -> Option<(Service, &str)> {
        self.at
            .as_ref()
            .map(|(service, at)| (*service, at.as_str()))
    }

    /// The same error, for a request to `service` at `authority` (`host:port`).
    pub(crate) fn at(mut self, service: Service, authority: String) -> TransportError {
        self.at = Some((service, authority));
        self
    }

    /// What happened: the transport's description, else its cause's, else the kind's; never
    /// empty.
    pub fn message(&self) -> std::borrow::Cow<'_, str> {
        match (&self.source, self.message.is_empty()) {
            (_, false) => std::borrow::Cow::Borrowed(&self.message),
            (Some(source), true) => std::borrow::Cow::Owned(source.to_string()),
            (None, true) => std::borrow::Cow::Owned(self.kind.to_string()),
        }
    }

    /// Whether trying again may help.
    pub(crate) fn is_transient(&self) -> bool {
        matches!(
            self.kind,
            TransportErrorKind::Connect
                | TransportErrorKind::Timeout
                | TransportErrorKind::Io
                | TransportErrorKind::Other
        )
    }
}

impl fmt::Debug for TransportError {
    /// The kind and the message, then the cause's text when the message is the transport's
    /// own: the useful part, never an empty field or an error's internals.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("TransportError");
        d.field("kind", &self.kind)
            .field("message", &self.message());
        if let (false, Some(source)) = (self.message.is_empty(), &self.source) {
            d.field("cause", &source.to_string());
        }
        d.finish()
    }
}

impl PartialEq for TransportError {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind && self.message == other.message
    }
}

impl Eq for TransportError {}

impl Error {
    /// The service's answer this error holds, if it holds one.
    pub(crate) fn service_error_mut(&mut self) -> Option<&mut ServiceError> {
        match self {
            Error::NotFound(h)
            | Error::Unauthorized(h)
            | Error::Forbidden(h)
            | Error::Http(h)
            | Error::Rejected(h)
            | Error::RateLimited { error: h, .. } => Some(h),
            Error::OutcomeUnknown(e) => e.service_error_mut(),
            _ => None,
        }
    }

    /// The same error with `secret` (the token) and any URL credentials taken out of every text
    /// it holds, and a server's texts cut to a readable length, in that order (see
    /// [`redact`](crate::proto::redact::redact)): no cut leaves a piece of the token behind. A
    /// transport error whose cause mentions one keeps the cause's text, redacted, instead of the
    /// cause. Applying it again changes nothing.
    pub(crate) fn scrubbed(self, secret: Option<&str>) -> Error {
        // Whole: what we sent, or a value of the caller's.
        let whole = |s: String| match redact(&s, secret) {
            std::borrow::Cow::Borrowed(_) => s,
            std::borrow::Cow::Owned(clean) => clean,
        };
        // Cut: a server's text, any length.
        let cut = |s: String| scrub(&s, secret);
        // An unknown status is a server's text: any length, anything in it.
        let cut_status = |status| match status {
            ProviderStatus::Other(text) => ProviderStatus::Other(cut(text)),
            known => known,
        };
        let hub = |h: ServiceError| ServiceError {
            code: h.code.map(cut),
            message: h.message.map(cut),
            request_id: h.request_id.map(cut),
            url: whole(h.url),
            ..h
        };
        match self {
            Error::InvalidInput(e) => Error::InvalidInput(InvalidInput {
                value: whole(e.value),
                ..e
            }),
            Error::NotFound(h) => Error::NotFound(hub(h)),
            Error::Unauthorized(h) => Error::Unauthorized(hub(h)),
            Error::Forbidden(h) => Error::Forbidden(hub(h)),
            Error::Http(h) => Error::Http(hub(h)),
            Error::Rejected(h) => Error::Rejected(hub(h)),
            Error::OutcomeUnknown(e) => Error::OutcomeUnknown(Box::new(e.scrubbed(secret))),
            Error::RateLimited { retry_after, error } => Error::RateLimited {
                retry_after,
                error: hub(error),
            },
            Error::Transport(e) => Error::Transport(e.scrubbed(secret)),
            Error::Decode { what, detail } => Error::Decode {
                what,
                detail: cut(detail),
            },
            Error::LinkRefused { url, reason } => Error::LinkRefused {
                url: cut(url),
                reason,
            },
            Error::NoProvider { model, reason } => Error::NoProvider {
                model: whole(model),
                reason: match reason {
                    NoProviderReason::NotServedBy { provider } => NoProviderReason::NotServedBy {
                        provider: whole(provider),
                    },
                    NoProviderReason::NotLive { provider, status } => NoProviderReason::NotLive {
                        provider: whole(provider),
                        status: cut_status(status),
                    },
                    NoProviderReason::Excluded { provider, why } => NoProviderReason::Excluded {
                        provider: whole(provider),
                        why: match why {
                            Exclusion::HubStatus(status) => {
                                Exclusion::HubStatus(cut_status(status))
                            }
                            Exclusion::OtherTask(task) => {
                                Exclusion::OtherTask(cut(task.into()).into())
                            }
                            Exclusion::RouterStatus(Some(RouterStatus::Other(text))) => {
                                Exclusion::RouterStatus(Some(RouterStatus::Other(cut(text))))
                            }
                            other => other,
                        },
                    },
                    other => other,
                },
            },
            other => other,
        }
    }
}

impl TransportError {
    fn scrubbed(self, secret: Option<&str>) -> TransportError {
        let message = scrub(&self.message, secret);
        let at = self.at.map(|(service, at)| (service, scrub(&at, secret)));
        // Any cause down the chain may mention the secret, not just the first. A chain is a
        // few links long; a transport's own error type could make one that never ends.
        let mut causes = String::new();
        let mut next = self.source.as_deref().map(|s| s as &dyn std::error::Error);
        let mut links = 0;
        while let Some(cause) = next.filter(|_| links < 16) {
            links += 1;
            if !causes.is_empty() {
                causes.push_str(": ");
            }
            causes.push_str(&cause.to_string());
            next = cause.source();
        }
        // A chain that goes on past 16 links is kept only as text: nothing can walk it whole.
        let endless = next.is_some();
        match scrub(&causes, secret) {
            clean if clean != causes || endless => TransportError {
                kind: self.kind,
                message: clean,
                source: None,
                at,
            },
            _ => TransportError {
                message,
                at,
                ..self
            },
        }
    }
}

impl fmt::Display for TransportErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TransportErrorKind::Connect => "could not connect",
            TransportErrorKind::Timeout => "timed out",
            TransportErrorKind::Io => "connection failed",
            TransportErrorKind::Tls => "TLS failure",
            TransportErrorKind::BodyTooLarge => "body too large",
            TransportErrorKind::InvalidRequest => "invalid request",
            TransportErrorKind::Other => "transport failure",
        })
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.kind)?;
        if !self.message.is_empty() {
            write!(f, ": {}", Escaped(&self.message))?;
        }
        Ok(())
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

impl fmt::Display for InputKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            InputKind::RepoId => "repo id",
            InputKind::Endpoint => "endpoint",
            InputKind::Provider => "provider",
            InputKind::Revision => "revision",
            InputKind::Token => "token",
            InputKind::TokenFile => "token file",
            InputKind::Environment => "environment variable",
            InputKind::UserAgent => "user agent",
            InputKind::Parameter => "parameter",
            InputKind::Cursor => "cursor",
        })
    }
}

impl fmt::Display for InvalidInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} \"{}\" {}",
            self.kind,
            Escaped(&self.value),
            self.reason
        )
    }
}

impl std::error::Error for InvalidInput {}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The query (filters, `expand[]` keys) is ours and long: the line stays short without it.
        let url = self
            .url
            .split_once('?')
            .map_or(self.url.as_str(), |(path, _)| path);
        write!(
            f,
            "{} {} answered {}",
            self.method,
            Escaped(url),
            self.status
        )?;
        if let Some(code) = &self.code {
            write!(f, " ({})", Escaped(code))?;
        }
        if let Some(message) = &self.message {
            write!(f, ": {}", Escaped(message))?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request {})", Escaped(id))?;
        }
        Ok(())
    }
}

impl std::error::Error for ServiceError {}

impl fmt::Display for LinkRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LinkRefusal::CrossOrigin => "it points to another origin than the endpoint",
            LinkRefusal::Malformed => "it is not a URL that can be followed",
            LinkRefusal::Loop => "that page was already fetched",
            LinkRefusal::TooManyRedirects => "there were too many redirects",
            LinkRefusal::LeftOrigin => "its page came through a redirect to another origin",
        })
    }
}

impl fmt::Display for NoProviderReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NoProviderReason::NoneServes => f.write_str("no inference provider serves it"),
            NoProviderReason::NoneLive => f.write_str("no inference provider serves it live"),
            NoProviderReason::NoneQualifies => {
                f.write_str("no live provider is routed and meets the needs")
            }
            NoProviderReason::NoMetrics => {
                f.write_str("the router publishes no metrics for it (not in its catalog)")
            }
            NoProviderReason::Excluded { provider, why } => {
                write!(f, "{}: {why}", Escaped(provider))
            }
            NoProviderReason::NotServedBy { provider } => {
                write!(f, "{} does not serve it", Escaped(provider))
            }
            NoProviderReason::NotLive { provider, status } => write!(
                f,
                "{} serves it with status {}, not live",
                Escaped(provider),
                Escaped(status.as_str())
            ),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidInput(_) => f.write_str("invalid input"),
            Error::NotFound(h) => write!(f, "not found on {}", h.service),
            Error::Unauthorized(h) => write!(f, "{} rejected the token", h.service),
            Error::Forbidden(_) => f.write_str("access denied"),
            Error::RateLimited { retry_after, error } => {
                write!(f, "rate limited by {}", error.service)?;
                match retry_after {
                    Some(wait) if !wait.is_zero() => {
                        write!(
                            f,
                            " (asked to wait {})",
                            crate::proto::seconds::Seconds(*wait)
                        )
                    }
                    _ => Ok(()),
                }
            }
            Error::Http(h) => write!(f, "error answer from {}", h.service),
            Error::Rejected(h) => write!(f, "{} refused the change", h.service),
            Error::OutcomeUnknown(_) => f.write_str(
                "the change may or may not have been made (it is not sent again; list the \
                 mappings to see)",
            ),
            Error::Transport(e) => match e.target() {
                Some((service, at)) => write!(f, "request to {service} ({}) failed", Escaped(at)),
                None => f.write_str("request failed"),
            },
            Error::Decode { what, detail } => write!(
                f,
                "unexpected answer: the {what} is not the JSON expected ({})",
                Escaped(detail)
            ),
            Error::BodyTooLarge { limit } => {
                write!(f, "the answer is larger than the limit of {limit} bytes")
            }
            Error::LinkRefused { url, reason } => {
                write!(f, "refused to follow \"{}\": {reason}", Escaped(url))
            }
            Error::NoProvider { model, reason } => {
                write!(f, "no provider for {}: {reason}", Escaped(model))
            }
            Error::Offline => f.write_str("offline mode is on: no request is sent"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::InvalidInput(e) => Some(e),
            Error::NotFound(e)
            | Error::Unauthorized(e)
            | Error::Forbidden(e)
            | Error::Http(e)
            | Error::Rejected(e) => Some(e),
            Error::OutcomeUnknown(e) => Some(e.as_ref()),
            Error::RateLimited { error, .. } => Some(error),
            Error::Transport(e) => Some(e),
            Error::Decode { .. }
            | Error::BodyTooLarge { .. }
            | Error::LinkRefused { .. }
            | Error::NoProvider { .. }
            | Error::Offline => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error as _;

    fn chain(e: &dyn std::error::Error) -> String {
        let mut line = e.to_string();
        let mut cause = e.source();
        while let Some(c) = cause {
            line = format!("{line}: {c}");
            cause = c.source();
        }
        line
    }

    #[test]
    fn each_cause_is_told_once() {
        let hub = ServiceError::new(404, "https://h/api/models/a/b")
            .with_code("RepoNotFound")
            .with_message("Repository not found");
        assert_eq!(
            chain(&Error::NotFound(hub.clone())),
            "not found on the Hub: GET https://h/api/models/a/b answered 404 (RepoNotFound): Repository not found"
        );
        // Each service is named for what it is.
        let router =
            |status| ServiceError::new(status, "https://r/v1/models").from_service(Service::Router);
        assert_eq!(
            chain(&Error::Unauthorized(router(401))),
            "the router rejected the token: GET https://r/v1/models answered 401"
        );
        assert!(chain(&Error::NotFound(router(404))).starts_with("not found on the router: "));
        assert!(chain(&Error::Http(router(502))).starts_with("error answer from the router: "));
        assert_eq!(
            Error::Unauthorized(ServiceError::new(401, "u")).to_string(),
            "the Hub rejected the token"
        );
        let limited = Error::RateLimited {
            retry_after: Some(Duration::from_secs(7)),
            error: ServiceError::new(429, "https://h/x"),
        };
        assert_eq!(
            chain(&limited),
            "rate limited by the Hub (asked to wait 7 s): GET https://h/x answered 429"
        );
        let io = std::io::Error::new(std::io::ErrorKind::ConnectionReset, "reset");
        let transport = Error::Transport(TransportError::from_source(TransportErrorKind::Io, io));
        assert_eq!(
            chain(&transport),
            "request failed: connection failed: reset"
        );
        assert!(transport.source().unwrap().source().is_some());
        let none = Error::NoProvider {
            model: "m/x".into(),
            reason: NoProviderReason::NotLive {
                provider: "groq".into(),
                status: ProviderStatus::Staging,
            },
        };
        assert_eq!(
            chain(&none),
            "no provider for m/x: groq serves it with status staging, not live"
        );
        assert!(none.source().is_none());
    }

    #[test]
    fn displays_are_short_lowercase_statements() {
        let hub = || ServiceError::new(500, "u");
        for e in [
            Error::InvalidInput(InvalidInput::new(InputKind::RepoId, "x", "is empty")),
            Error::NotFound(hub()),
            Error::Unauthorized(hub()),
            Error::Forbidden(hub()),
            Error::Http(hub()),
            Error::Transport(TransportError::new(TransportErrorKind::Tls, "x")),
            Error::BodyTooLarge { limit: 1 },
        ] {
            let shown = e.to_string();
            assert!(
                shown.starts_with(|c: char| c.is_ascii_lowercase()),
                "{shown}"
            );
            assert!(
                !shown.contains("hf-providers") && !shown.contains("HF_"),
                "{shown}"
            );
        }
    }

    #[test]
    fn scrubbing_takes_the_token_and_credentials_out_of_every_text() {
        let secret = "hf_SeCrEt";
        let dirty = format!("{secret} at http://u:p@evil.example/x?t={secret}");
        let hub = || {
            ServiceError::new(404, dirty.clone())
                .with_code(dirty.clone())
                .with_message(dirty.clone())
        };
        let io = std::io::Error::other(dirty.clone());
        // A cause whose own text is clean but whose cause is not.
        #[derive(Debug)]
        struct Wrapper(std::io::Error);
        impl fmt::Display for Wrapper {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("request failed")
            }
        }
        impl std::error::Error for Wrapper {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                Some(&self.0)
            }
        }
        let deep = Wrapper(std::io::Error::other(dirty.clone()));
        for e in [
            Error::Transport(TransportError::from_source(TransportErrorKind::Io, deep)),
            Error::NotFound(hub()),
            Error::RateLimited {
                retry_after: None,
                error: hub(),
            },
            Error::Transport(TransportError::new(TransportErrorKind::Io, dirty.clone())),
            Error::Transport(TransportError::from_source(TransportErrorKind::Io, io)),
            Error::Decode {
                what: "model",
                detail: dirty.clone(),
            },
            Error::LinkRefused {
                url: dirty.clone(),
                reason: LinkRefusal::Malformed,
            },
            Error::InvalidInput(InvalidInput::new(InputKind::Parameter, dirty.clone(), "x")),
            Error::NoProvider {
                model: dirty.clone(),
                reason: NoProviderReason::NotServedBy {
                    provider: dirty.clone(),
                },
            },
            Error::NoProvider {
                model: "m".into(),
                reason: NoProviderReason::NotLive {
                    provider: "p".into(),
                    status: ProviderStatus::Other(dirty.clone()),
                },
            },
            Error::NoProvider {
                model: "m".into(),
                reason: NoProviderReason::Excluded {
                    provider: "p".into(),
                    why: Exclusion::HubStatus(ProviderStatus::Other(dirty.clone())),
                },
            },
            Error::NoProvider {
                model: "m".into(),
                reason: NoProviderReason::Excluded {
                    provider: "p".into(),
                    why: Exclusion::RouterStatus(Some(RouterStatus::Other(dirty.clone()))),
                },
            },
        ] {
            let clean = e.scrubbed(Some(secret));
            let shown = format!("{} {clean:?}", chain(&clean));
            assert!(
                !shown.contains(secret) && !shown.contains("u:p@"),
                "{shown}"
            );
            assert!(
                shown.contains("<redacted> at http://<redacted>@evil.example"),
                "{shown}"
            );
        }
    }

    #[test]
    fn a_cause_chain_that_never_ends_is_read_16_links_deep() {
        #[derive(Debug)]
        struct Cycle;
        impl fmt::Display for Cycle {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("hf_secret again")
            }
        }
        impl std::error::Error for Cycle {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                Some(self)
            }
        }
        let e = Error::Transport(TransportError::from_source(TransportErrorKind::Io, Cycle));
        for secret in [Some("hf_secret"), None] {
            let Error::Transport(clean) = e.clone().scrubbed(secret) else {
                panic!()
            };
            assert!(clean.source().is_none());
            assert_eq!(clean.message().matches(" again").count(), 16);
        }
    }

    #[test]
    fn no_display_can_drive_a_terminal() {
        let evil = "x\u{1b}]0;pwned\u{7}\r\ny\u{202e}";
        let hub = ServiceError::new(500, evil)
            .with_code(evil)
            .with_message(evil);
        let status = ProviderStatus::Other(evil.into());
        for e in [
            Error::Http(hub),
            Error::InvalidInput(InvalidInput::new(InputKind::RepoId, evil, "is bad")),
            Error::Transport(TransportError::new(TransportErrorKind::Io, evil)),
            Error::Decode {
                what: "model",
                detail: evil.into(),
            },
            Error::LinkRefused {
                url: evil.into(),
                reason: LinkRefusal::Malformed,
            },
            Error::NoProvider {
                model: evil.into(),
                reason: NoProviderReason::NotLive {
                    provider: evil.into(),
                    status: status.clone(),
                },
            },
            Error::NoProvider {
                model: evil.into(),
                reason: NoProviderReason::Excluded {
                    provider: evil.into(),
                    why: Exclusion::HubStatus(status),
                },
            },
        ] {
            let shown = chain(&e);
            assert!(
                !shown.chars().any(|c| c.is_control() || c == '\u{202e}'),
                "{shown:?}"
            );
            assert!(
                shown.contains(r"x\u{1b}]0;pwned\u{7}\u{d}\u{a}y\u{202e}"),
                "{shown}"
            );
        }
    }

    #[test]
    fn transport_errors_compare_by_kind_and_message() {
        let a = TransportError::new(TransportErrorKind::Io, "x");
        assert_eq!(a, a.clone());
        assert_ne!(a, TransportError::new(TransportErrorKind::Timeout, "x"));
    }
}
