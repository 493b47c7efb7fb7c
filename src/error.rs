//! The one error type of the crate, and the error a [`Transport`](crate::Transport) reports.

use std::fmt;
use std::time::Duration;

use crate::model::ProviderStatus;

/// Everything that can go wrong, as an enum callers can match on.
///
/// Its `Display` says what happened and what to try; no variant ever holds the token.
///
/// ```
/// use hf_providers::{Error, RepoId};
///
/// match RepoId::parse("not--valid") {
///     Err(Error::InvalidInput(bad)) => assert_eq!(bad.value(), "not--valid"),
///     other => panic!("unexpected: {other:?}"),
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// An argument was rejected before any request was sent.
    InvalidInput(InvalidInput),
    /// The repository or revision does not exist, or is private and the token cannot see it.
    NotFound(HubError),
    /// The Hub rejected the token.
    Unauthorized(HubError),
    /// The token is valid but may not read this (for example a gated model).
    Forbidden(HubError),
    /// The Hub kept answering 429 after the retries the policy allowed.
    RateLimited {
        /// How long the Hub asked us to wait, when it said.
        retry_after: Option<Duration>,
        /// The Hub's answer.
        error: HubError,
    },
    /// Any other HTTP error status.
    Http(HubError),
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
}

/// An argument that failed validation: what it was, the value, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidInput {
    kind: InputKind,
    value: String,
    reason: &'static str,
}

/// Which argument was invalid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    /// Any other query parameter.
    Parameter,
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

    /// Why it was rejected.
    pub fn reason(&self) -> &'static str {
        self.reason
    }
}

impl From<InvalidInput> for Error {
    fn from(e: InvalidInput) -> Self {
        Error::InvalidInput(e)
    }
}

/// What the Hub said when it answered with an error status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HubError {
    /// The HTTP status.
    pub status: u16,
    /// The `X-Error-Code` header, e.g. `RepoNotFound`.
    pub code: Option<String>,
    /// `X-Error-Message`, else the JSON body's `error`, else an HTML page's title.
    pub message: Option<String>,
    /// The URL that answered.
    pub url: String,
}

/// Why a link was not followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
}

/// Why no provider was chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum NoProviderReason {
    /// No provider serves the model at all.
    NoneServes,
    /// Providers are mapped, but none is `live`.
    NoneLive,
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// The error a [`Transport`](crate::Transport) returns.
///
/// ```
/// use hf_providers::{TransportError, TransportErrorKind};
///
/// let e = TransportError::new(TransportErrorKind::Timeout, "read timed out after 30s");
/// assert_eq!(e.kind(), TransportErrorKind::Timeout);
/// assert!(e.to_string().contains("timed out"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransportError {
    kind: TransportErrorKind,
    message: String,
}

impl TransportError {
    /// A transport error of `kind`, described by `message` (which must not contain secrets).
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        TransportError {
            kind,
            message: message.into(),
        }
    }

    /// What kind of failure this was.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// The transport's description.
    pub fn message(&self) -> &str {
        &self.message
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

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            TransportErrorKind::Connect => "could not connect",
            TransportErrorKind::Timeout => "timed out",
            TransportErrorKind::Io => "connection failed",
            TransportErrorKind::Tls => "TLS failure",
            TransportErrorKind::BodyTooLarge => "body too large",
            TransportErrorKind::InvalidRequest => "invalid request",
            TransportErrorKind::Other => "transport failure",
        };
        write!(f, "{kind}: {}", self.message)
    }
}

impl std::error::Error for TransportError {}

impl fmt::Display for InputKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            InputKind::RepoId => "repo id",
            InputKind::Endpoint => "endpoint",
            InputKind::Provider => "provider",
            InputKind::Revision => "revision",
            InputKind::Token => "token",
            InputKind::Parameter => "parameter",
        })
    }
}

impl fmt::Display for InvalidInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {} {:?}: {}", self.kind, self.value, self.reason)
    }
}

impl fmt::Display for HubError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "GET {} answered {}", self.url, self.status)?;
        if let Some(code) = &self.code {
            write!(f, " ({code})")?;
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidInput(e) => write!(f, "{e}"),
            Error::NotFound(e) => write!(
                f,
                "not found: {e}. Check the id and revision; a private or gated repo needs a \
                 token that can read it (HF_TOKEN)"
            ),
            Error::Unauthorized(e) => write!(
                f,
                "the Hub rejected the token: {e}. Check HF_TOKEN or the token file, or send no \
                 token for public models"
            ),
            Error::Forbidden(e) => write!(
                f,
                "access denied: {e}. For a gated model, accept its terms on the Hub with the \
                 account that owns the token"
            ),
            Error::RateLimited { retry_after, error } => {
                write!(f, "rate limited: {error}")?;
                if let Some(wait) = retry_after {
                    write!(f, ". The Hub asks to wait {}s", wait.as_secs())?;
                }
                write!(f, "; retry later, or send a token for a larger quota")
            }
            Error::Http(e) => write!(f, "the Hub answered with an error: {e}"),
            Error::Transport(e) => write!(
                f,
                "network error, {e}. Check the connection, HF_ENDPOINT and proxy settings \
                 (HTTPS_PROXY, NO_PROXY)"
            ),
            Error::Decode { what, detail } => write!(
                f,
                "unexpected answer: the {what} is not the JSON we expect ({detail})"
            ),
            Error::BodyTooLarge { limit } => write!(
                f,
                "the answer is larger than the limit of {limit} bytes; raise \
                 Config::max_body_bytes if it is expected"
            ),
            Error::LinkRefused { url, reason } => {
                let why = match reason {
                    LinkRefusal::CrossOrigin => "it points to another origin than the endpoint",
                    LinkRefusal::Malformed => "it is not a URL that can be followed",
                    LinkRefusal::Loop => "that page was already fetched",
                    LinkRefusal::TooManyRedirects => "there were too many redirects",
                };
                write!(f, "refused to follow {url:?}: {why}")
            }
            Error::NoProvider { model, reason } => match reason {
                NoProviderReason::NoneServes => {
                    write!(f, "no inference provider serves {model}")
                }
                NoProviderReason::NoneLive => write!(
                    f,
                    "no inference provider serves {model} live yet (only staging); name one \
                     explicitly once it is live"
                ),
                NoProviderReason::NotServedBy { provider } => write!(
                    f,
                    "{provider} does not serve {model}; list the providers that do with \
                     `hf-providers providers {model}`"
                ),
                NoProviderReason::NotLive { provider, status } => write!(
                    f,
                    "{provider} serves {model} with status {status}, not live; choose another \
                     provider or `auto`"
                ),
            },
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport(e) => Some(e),
            _ => None,
        }
    }
}
