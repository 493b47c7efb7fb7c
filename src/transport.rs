//! The one seam between the client and the network: the [`Transport`] trait, and [`from_fn`]
//! to make one from a closure.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::proto::error::TransportError;
use crate::proto::http::{Request, Response};

/// Sends one HTTP request and returns the response, blocking.
///
/// An error status (404, 503...) is a `Response`, not an error: the client maps statuses itself.
/// Do not follow redirects (the client does, so it can keep the token on its origin) and stop
/// reading past [`Request::max_body_bytes`].
///
/// A transport is `Sync`: a client sends some requests side by side (the Hub's mapping and the
/// router's catalog, to choose a provider in one round trip), from scoped threads where the
/// platform has them. Where it has none (WASI), they are sent one after the other.
///
/// Implemented for references, `Box` and `Arc`; wrap a closure with [`from_fn`].
pub trait Transport: Sync {
    /// Sends `request`.
    ///
    /// # Errors
    ///
    /// A [`TransportError`] when no HTTP answer was read: its kind tells the client whether
    /// to retry ([`Connect`](crate::TransportErrorKind::Connect),
    /// [`Timeout`](crate::TransportErrorKind::Timeout) and
    /// [`Io`](crate::TransportErrorKind::Io) are) and
    /// [`BodyTooLarge`](crate::TransportErrorKind::BodyTooLarge) ends the request at once.
    fn send(&self, request: &Request) -> Result<Response, TransportError>;

    /// Waits before a retry. Override it to make waits observable (tests) or to use a host's
    /// clock (WASI embedders).
    fn sleep(&self, duration: Duration) {
        std::thread::sleep(duration);
    }

    /// The time now: how old a cached answer is. Override it with [`sleep`](Transport::sleep)
    /// to run a client on a clock of your own.
    fn now(&self) -> Instant {
        Instant::now()
    }
}

impl<T: Transport + ?Sized> Transport for &T {
    fn send(&self, request: &Request) -> Result<Response, TransportError> {
        (**self).send(request)
    }
    fn sleep(&self, duration: Duration) {
        (**self).sleep(duration)
    }
    fn now(&self) -> Instant {
        (**self).now()
    }
}

impl<T: Transport + ?Sized> Transport for Box<T> {
    fn send(&self, request: &Request) -> Result<Response, TransportError> {
        (**self).send(request)
    }
    fn sleep(&self, duration: Duration) {
        (**self).sleep(duration)
    }
    fn now(&self) -> Instant {
        (**self).now()
    }
}

impl<T: Transport + Send + ?Sized> Transport for Arc<T> {
    fn send(&self, request: &Request) -> Result<Response, TransportError> {
        (**self).send(request)
    }
    fn sleep(&self, duration: Duration) {
        (**self).sleep(duration)
    }
    fn now(&self) -> Instant {
        (**self).now()
    }
}

/// A [`Transport`] made from a function; see [`from_fn`].
#[derive(Clone, Copy)]
pub struct FnTransport<F>(F);

impl<F> std::fmt::Debug for FnTransport<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FnTransport(..)")
    }
}

/// Makes a [`Transport`] from a closure, so a test or a WASI host can plug in a function.
///
/// (A blanket `impl Transport for F: Fn` would collide with the impls for `&T` and `Box<T>`,
/// which closures also satisfy; `std::iter::from_fn` solves the same problem the same way.)
///
/// ```
/// use hf_providers::{transport, Client, Config, Response};
///
/// let hub = transport::from_fn(|req| {
///     assert!(req.url().ends_with("/api/models/google/gemma-3-27b-it?expand[]=inference"));
///     Ok(Response::new(200, vec![], br#"{"id":"google/gemma-3-27b-it","inference":"warm"}"#.to_vec()))
/// });
/// let client = Client::new(hub, Config::default());
/// assert!(client.model_status("google/gemma-3-27b-it")?.is_some_and(|s| s.is_warm()));
/// # Ok::<(), hf_providers::Error>(())
/// ```
pub fn from_fn<F>(f: F) -> FnTransport<F>
where
    F: Fn(&Request) -> Result<Response, TransportError> + Sync,
{
    FnTransport(f)
}

impl<F> Transport for FnTransport<F>
where
    F: Fn(&Request) -> Result<Response, TransportError> + Sync,
{
    fn send(&self, request: &Request) -> Result<Response, TransportError> {
        (self.0)(request)
    }
}
