//! One logical request as a state machine: every rule between asking and answering (redirects,
//! where the token goes, the deadline, retries, quota pacing, the body limit, which error an
//! answer means, what a message may show), with no I/O and no clock.
//!
//! An [`Exchange`] says what to do next ([`Step`]): send this request, wait this long, or done.
//! Its driver does it and reports back with the time (and, after an answer, a random number for
//! the backoff's jitter). The [`Client`](crate::Client) is one driver; a program with an event
//! loop of its own, a WASI host or a test on virtual time can be another
//! (`examples/own_loop.rs`).
//!
//! ```
//! use std::time::{Duration, Instant};
//! use hf_providers::proto::{Ask, Exchange, Step};
//! use hf_providers::proto::Subject;
//! use hf_providers::{Config, Response, Service};
//!
//! let config = Config::default();
//! let ask = Ask::get("https://huggingface.co/api/models/gpt2", Service::Hub, Subject::Repository);
//! // A virtual clock, and a server that is busy once.
//! let mut now = Instant::now();
//! let mut answers = vec![
//!     Response::new(200, vec![], br#"{"id":"gpt2"}"#.to_vec()),
//!     Response::new(503, vec![("Retry-After".into(), "2".into())], vec![]),
//! ];
//! let mut step = Exchange::start(&config, ask, None, now);
//! let done = loop {
//!     step = match step {
//!         Step::Send(sending) => {
//!             assert_eq!(sending.request().url(), "https://huggingface.co/api/models/gpt2");
//!             let answer = answers.pop().unwrap();
//!             sending.answered(Ok(answer), now, 42)
//!         }
//!         Step::Wait(waiting) => {
//!             assert_eq!(waiting.wait().to_string(), "503 from the Hub, retrying in 2 s (attempt 2 of 5)");
//!             now += waiting.wait().duration;
//!             waiting.waited(now)
//!         }
//!         Step::Done(done) => break done,
//!     };
//! };
//! let (answer, model) = done.read(hf_providers::parse::model)?;
//! assert_eq!((answer.response.status, model.id.as_str()), (200, "gpt2"));
//! # Ok::<(), hf_providers::Error>(())
//! ```

use std::time::{Duration, Instant};

use crate::proto::config::Config;
use crate::proto::error::{
    Error, InputKind, InvalidInput, LinkRefusal, TransportError, TransportErrorKind,
};
use crate::proto::http::{Header, Method, Request, Response};
use crate::proto::http_error::{Subject, error_for};
use crate::proto::quota::{Announced, quota};
use crate::proto::redirect;
use crate::proto::retry::Retry;
use crate::proto::seconds::Seconds;
use crate::proto::service::Service;
use crate::proto::url::authority;
use crate::proto::wait::{Wait, WaitCause};

/// What one logical request asks for: a `GET` of a URL from one of the services, and what a
/// 401 means there; or a write to the Hub, and whether it may be sent twice.
///
/// ```
/// use hf_providers::proto::{Ask, Subject};
/// use hf_providers::Service;
///
/// let ask = Ask::get("https://router.huggingface.co/v1/models", Service::Router, Subject::Other);
/// assert_eq!((ask.url(), ask.service()), ("https://router.huggingface.co/v1/models", Service::Router));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ask {
    method: Method,
    url: String,
    body: Vec<u8>,
    service: Service,
    subject: Subject,
    replay: Replay,
}

/// Whether a request may be sent again after it may have reached the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Replay {
    /// Yes: reading, or a write whose repetition changes nothing (a status set, a deletion).
    Safe,
    /// No: a write that would be made twice (a registration). It is sent again only when it
    /// surely did not reach the server (the connection could not be made, or a 429 refused
    /// it); after a timeout, a broken connection or a 5xx, the exchange ends with
    /// [`Error::OutcomeUnknown`].
    Never,
}

impl Ask {
    /// A `GET` of `url` (absolute, already encoded) from `service`, about `subject`.
    pub fn get(url: impl Into<String>, service: Service, subject: Subject) -> Ask {
        Ask {
            method: Method::Get,
            url: url.into(),
            body: Vec::new(),
            service,
            subject,
            replay: Replay::Safe,
        }
    }

    /// A write to the Hub's mappings of a provider: `method` with a JSON `body` (none for a
    /// deletion). Its answer is not followed through redirects.
    pub fn write(method: Method, url: impl Into<String>, body: Vec<u8>, replay: Replay) -> Ask {
        Ask {
            method,
            url: url.into(),
            body,
            service: Service::Hub,
            subject: Subject::Mappings,
            replay,
        }
    }

    /// The method.
    pub fn method(&self) -> Method {
        self.method
    }

    /// The URL asked for.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The service it is asked of.
    pub fn service(&self) -> Service {
        self.service
    }

    /// What the URL names.
    pub fn subject(&self) -> Subject {
        self.subject
    }

    /// Whether it may be sent again.
    pub fn replay(&self) -> Replay {
        self.replay
    }
}

/// A successful answer, and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Answer {
    /// The URL that answered, after redirects.
    pub url: String,
    /// The answer.
    pub response: Response,
    /// Whether a redirect on the way left the service's origin (a listing then follows none of
    /// the page's links).
    pub left_origin: bool,
}

impl Answer {
    /// `response`, from `url`, reached without leaving the service's origin.
    pub fn new(url: impl Into<String>, response: Response) -> Answer {
        Answer {
            url: url.into(),
            response,
            left_origin: false,
        }
    }
}

/// One logical request in progress: made by [`Exchange::start`], driven through the [`Step`]s
/// it returns.
#[derive(Debug)]
pub struct Exchange<'c> {
    config: &'c Config,
    ask: Ask,
    /// When the request must be over; `None` for a timeout too long to count.
    deadline: Option<Instant>,
    /// The service's quota, as last announced.
    quota: Option<Announced>,
    /// The URL the attempt in progress sends to next (a redirect changes it).
    url: String,
    /// Whether every hop of this attempt stayed on the service's origin: the token goes along
    /// only while it has, even if a later redirect comes back.
    on_origin: bool,
    /// Redirects followed in this attempt.
    redirects: u32,
    /// Attempts made before this one.
    retries: u32,
    /// Whether one of them may have reached the server: a deletion it made leaves nothing for
    /// this attempt to find.
    may_have_arrived: bool,
    /// Whether this attempt already considered the quota.
    paced: bool,
}

/// What the driver of an [`Exchange`] does next.
#[derive(Debug)]
#[must_use = "an exchange does nothing until its steps are carried out"]
pub enum Step<'c> {
    /// Send this request, then report its outcome with [`Sending::answered`].
    Send(Sending<'c>),
    /// Wait this long, then say so with [`Waiting::waited`].
    Wait(Waiting<'c>),
    /// The request is over.
    Done(Done<'c>),
}

/// A request to send; see [`Step::Send`].
#[derive(Debug)]
#[must_use = "a request to send must be answered to go on"]
pub struct Sending<'c> {
    exchange: Exchange<'c>,
    request: Request,
}

/// A wait to make; see [`Step::Wait`].
#[derive(Debug)]
#[must_use = "a wait must be reported to go on"]
pub struct Waiting<'c> {
    exchange: Exchange<'c>,
    wait: Wait,
}

/// The end of an exchange: the answer or a typed error, and the quota last announced.
#[derive(Debug)]
pub struct Done<'c> {
    config: &'c Config,
    result: Result<Answer, Error>,
    quota: Option<Announced>,
    replay: Replay,
}

impl<'c> Exchange<'c> {
    /// Starts `ask` at `now` with `config`'s rules, `quota` being what its service announced
    /// last (from an earlier exchange; `None` if nothing was), and returns the first step.
    ///
    /// The deadline is [`Config::timeout`] from `now`: it bounds every attempt, redirect and
    /// wait. The token goes only to the origin of the service asked, and never again after a
    /// redirect left it.
    pub fn start(config: &'c Config, ask: Ask, quota: Option<Announced>, now: Instant) -> Step<'c> {
        let url = ask.url.clone();
        let exchange = Exchange {
            config,
            deadline: now.checked_add(config.timeout),
            quota,
            on_origin: config.endpoint_of(ask.service).is_same_origin(&url),
            url,
            ask,
            redirects: 0,
            retries: 0,
            may_have_arrived: false,
            paced: false,
        };
        if config.offline {
            return exchange.finish(Err(Error::Offline));
        }
        // A change is made with the token or not at all: refused before anything is sent.
        if exchange.ask.method != Method::Get && config.token.is_none() {
            let e = InvalidInput::new(
                InputKind::Token,
                "",
                "is needed to change a provider's mappings (none is set)",
            );
            return exchange.finish(Err(Error::InvalidInput(e)));
        }
        exchange.next(now)
    }

    /// The time left at `now`: zero once past, `Duration::MAX` without a deadline.
    fn left(&self, now: Instant) -> Duration {
        self.deadline
            .map_or(Duration::MAX, |end| end.saturating_duration_since(now))
    }

    /// The next step of an attempt that is ready to send.
    fn next(mut self, now: Instant) -> Step<'c> {
        let left = self.left(now);
        if !self.paced {
            self.paced = true;
            // A spent quota makes a request sent now a certain 429: wait for the reset, if it
            // comes before the deadline and is not longer than any server wait we honour. A
            // later reset is not waited for: the request goes, and the service decides.
            let wait = self.quota.map_or(Duration::ZERO, |q| q.wait(now));
            if !wait.is_zero() && wait < left && wait <= self.config.retry.max_server_wait {
                return self.wait(WaitCause::Quota, wait);
            }
        }
        if left.is_zero() {
            let timeout = Seconds(self.config.timeout);
            let e = TransportError::new(
                TransportErrorKind::Timeout,
                format!("the request took its whole timeout of {timeout}"),
            );
            let e = self.located(e);
            return self.finish(Err(Error::Transport(e)));
        }
        let request = self.request(left);
        Step::Send(Sending {
            exchange: self,
            request,
        })
    }

    fn request(&self, left: Duration) -> Request {
        let config = self.config;
        let mut request = Request::get(&self.url);
        request.method = self.ask.method;
        if !self.ask.body.is_empty() {
            request.body = self.ask.body.clone();
            request
                .headers
                .push((Header::ContentType, "application/json".into()));
        }
        request.max_body_bytes = config.max_body_bytes;
        request.timeout = (left != Duration::MAX).then_some(left);
        request.proxy = config.proxies.for_url(&self.url).map(str::to_owned);
        request
            .headers
            .push((Header::Accept, "application/json".into()));
        request
            .headers
            .push((Header::UserAgent, config.user_agent().to_owned()));
        if let (true, Some(token)) = (self.on_origin, &config.token) {
            request
                .headers
                .push((Header::Authorization, format!("Bearer {}", token.expose())));
        }
        request
    }

    fn answered(
        mut self,
        outcome: Result<Response, TransportError>,
        now: Instant,
        random: u64,
    ) -> Step<'c> {
        let limit = self.config.max_body_bytes;
        let too_large = match self.ask.replay {
            // An answer was read: the write reached the Hub, and what it did is not known.
            Replay::Never => Error::OutcomeUnknown(Box::new(Error::BodyTooLarge { limit })),
            Replay::Safe => Error::BodyTooLarge { limit },
        };
        let response = match outcome {
            Err(e) if e.kind() == TransportErrorKind::BodyTooLarge => {
                return self.finish(Err(too_large));
            }
            Err(e) => return self.failed(Err(e), now, random),
            Ok(response) if response.body.len() as u64 > limit => {
                return self.finish(Err(too_large));
            }
            Ok(response) => response,
        };
        // Only the service's own answers speak for its quota.
        if let (true, Some(announced)) = (self.on_origin, quota(&response)) {
            self.quota = Some(Announced::new(announced, now));
        }
        // A write's answer is its answer: a redirect would send the body somewhere else.
        let redirect = match self.ask.method {
            Method::Get => redirect::target(&self.url, &response),
            _ => Ok(None),
        };
        match redirect {
            Err(e) => self.finish(Err(e)),
            Ok(Some(url)) if self.redirects >= self.config.max_redirects => {
                let reason = LinkRefusal::TooManyRedirects;
                self.finish(Err(Error::LinkRefused { url, reason }))
            }
            Ok(Some(next)) => {
                self.redirects += 1;
                let home = self.config.endpoint_of(self.ask.service);
                self.on_origin &= home.is_same_origin(&next);
                self.url = next;
                self.next(now)
            }
            // A deletion repeated after an attempt that may have made it finds nothing: that
            // 404 is the first attempt's success, not an unknown mapping.
            Ok(None)
                if (200..300).contains(&response.status)
                    || (self.ask.method == Method::Delete
                        && response.status == 404
                        && self.may_have_arrived) =>
            {
                let answer = Answer {
                    url: std::mem::take(&mut self.url),
                    response,
                    left_origin: !self.on_origin,
                };
                self.finish(Ok(answer))
            }
            Ok(None) => self.failed(Ok(response), now, random),
        }
    }

    /// After an attempt that failed: retry after a wait, if the policy allows one that ends
    /// before the deadline; else the error.
    fn failed(
        mut self,
        outcome: Result<Response, TransportError>,
        now: Instant,
        random: u64,
    ) -> Step<'c> {
        let jitter = random as f64 / u64::MAX as f64;
        // A write that may not be repeated goes again only if it surely was not received: no
        // connection, or refused before being handled.
        let may_repeat = match (self.ask.replay, &outcome) {
            (Replay::Safe, _) => true,
            (Replay::Never, Err(e)) => e.kind() == TransportErrorKind::Connect,
            (Replay::Never, Ok(r)) => r.status == 429,
        };
        let may_have_arrived = match &outcome {
            // A write is never redirected; a 303 says "handled, see there", where the other
            // redirects say the resource is elsewhere and nothing was done here.
            Ok(response) => response.status >= 500 || response.status == 303,
            Err(e) => !matches!(
                e.kind(),
                TransportErrorKind::Connect
                    | TransportErrorKind::Tls
                    | TransportErrorKind::InvalidRequest
            ),
        };
        let decision = match may_repeat {
            true => self
                .config
                .retry
                .decide(self.retries, outcome.as_ref(), jitter),
            false => Retry::GiveUp,
        };
        match decision {
            // A 429 that asked for more than the deadline leaves ends as `RateLimited`, with the
            // wait it asked for.
            Retry::After(wait) if wait < self.left(now) => {
                let cause = match &outcome {
                    Ok(response) => WaitCause::Status(response.status),
                    Err(e) => WaitCause::Transport(e.kind()),
                };
                self.retries += 1;
                self.may_have_arrived |= may_have_arrived;
                self.redirects = 0;
                self.paced = false;
                self.url = self.ask.url.clone();
                let home = self.config.endpoint_of(self.ask.service);
                self.on_origin = home.is_same_origin(&self.url);
                self.wait(cause, wait)
            }
            _ => {
                let mut error = match outcome {
                    Ok(response) => error_for(
                        &response,
                        &self.url,
                        self.ask.service,
                        self.ask.subject,
                        self.secret(),
                    ),
                    Err(e) => Error::Transport(self.located(e)),
                };
                if let Some(answer) = error.service_error_mut() {
                    answer.method = self.ask.method;
                }
                let error = match self.ask.replay {
                    Replay::Never if may_have_arrived => Error::OutcomeUnknown(Box::new(error)),
                    _ => error,
                };
                self.finish(Err(error))
            }
        }
    }

    fn wait(self, cause: WaitCause, duration: Duration) -> Step<'c> {
        let attempts = self.config.retry.max_retries.saturating_add(1);
        let attempt = self.retries.saturating_add(1);
        let wait = Wait::new(self.ask.service, cause, duration, attempt, attempts);
        Step::Wait(Waiting {
            exchange: self,
            wait,
        })
    }

    /// The end: every error has the token and URL credentials taken out here, whatever made it.
    fn finish(self, result: Result<Answer, Error>) -> Step<'c> {
        let secret = self.secret();
        Step::Done(Done {
            config: self.config,
            result: result.map_err(|e| e.scrubbed(secret)),
            quota: self.quota,
            replay: self.ask.replay,
        })
    }

    /// `e`, saying which service and which `host:port` the request went to (as the URL
    /// writes it, the scheme's port added when it has none).
    fn located(&self, e: TransportError) -> TransportError {
        match authority(&self.url) {
            Some(at) => e.at(self.ask.service, at),
            None => e,
        }
    }

    fn secret(&self) -> Option<&'c str> {
        self.config.token.as_ref().map(|t| t.expose())
    }
}

impl<'c> Sending<'c> {
    /// The request to send, exactly as it is (its token included).
    pub fn request(&self) -> &Request {
        &self.request
    }

    /// Reports the outcome of sending [`Sending::request`]: the answer, or the transport's
    /// error. `now` is the time it arrived, and `random` any random number (it spreads the
    /// backoff of a retry, so clients that failed together do not retry together).
    pub fn answered(
        self,
        outcome: Result<Response, TransportError>,
        now: Instant,
        random: u64,
    ) -> Step<'c> {
        self.exchange.answered(outcome, now, random)
    }
}

impl<'c> Waiting<'c> {
    /// The wait to make, and why: tell the user, then sleep for [`Wait::duration`].
    pub fn wait(&self) -> &Wait {
        &self.wait
    }

    /// Reports that the wait is over, at `now` (a driver may have waited more or less).
    pub fn waited(self, now: Instant) -> Step<'c> {
        self.exchange.next(now)
    }
}

impl Done<'_> {
    /// The answer, or the error it ended with.
    ///
    /// # Errors
    ///
    /// The error the request ended with (see [`Error`]), its texts free of the token.
    pub fn into_result(self) -> Result<Answer, Error> {
        self.result
    }

    /// The answer and its body read by `parse`, whose error has the token taken out as well.
    ///
    /// # Errors
    ///
    /// The error the request ended with, or the one `parse` returned; for a write that may
    /// not be repeated, [`Error::OutcomeUnknown`] around it: an answer that cannot be read may
    /// not be the Hub's (a proxy's page), so whether the write was made is not known.
    pub fn read<V>(
        self,
        parse: impl FnOnce(&[u8]) -> Result<V, Error>,
    ) -> Result<(Answer, V), Error> {
        let secret = self.config.token.as_ref().map(|t| t.expose());
        let answer = self.result?;
        let value = parse(&answer.response.body).map_err(|e| match self.replay {
            Replay::Never => Error::OutcomeUnknown(Box::new(e.scrubbed(secret))),
            Replay::Safe => e.scrubbed(secret),
        })?;
        Ok((answer, value))
    }

    /// The quota the service announced last (given to the next exchange with that service).
    pub fn quota(&self) -> Option<Announced> {
        self.quota
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::quota::Quota;
    use crate::proto::token::Token;
    use crate::proto::url::Endpoint;

    const HUB: &str = "https://huggingface.co";

    fn config() -> Config {
        let mut config = Config::default();
        config.token = Some(Token::new("hf_secret_0123456789").unwrap());
        config
    }

    fn answer(status: u16, headers: &[(&str, &str)]) -> Response {
        let headers = headers
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        Response::new(status, headers, Vec::new())
    }

    type Drive = (Vec<Request>, Vec<Wait>, Result<Answer, Error>);

    /// Drives `ask` through `answers` on a virtual clock: the requests sent, the waits made,
    /// and the end.
    fn drive(
        config: &Config,
        ask: Ask,
        quota: Option<Announced>,
        answers: Vec<Result<Response, TransportError>>,
    ) -> Drive {
        let (sent, waits, done) = drive_to_end(config, ask, quota, answers);
        (sent, waits, done.into_result())
    }

    fn drive_to_end(
        config: &Config,
        ask: Ask,
        quota: Option<Announced>,
        answers: Vec<Result<Response, TransportError>>,
    ) -> (Vec<Request>, Vec<Wait>, Done<'_>) {
        let mut answers = answers.into_iter();
        let (mut sent, mut waits) = (Vec::new(), Vec::new());
        let mut now = Instant::now();
        let mut step = Exchange::start(config, ask, quota, now);
        loop {
            step = match step {
                Step::Send(s) => {
                    sent.push(s.request().clone());
                    s.answered(answers.next().expect("an answer"), now, u64::MAX / 2)
                }
                Step::Wait(w) => {
                    waits.push(*w.wait());
                    now += w.wait().duration;
                    w.waited(now)
                }
                Step::Done(done) => return (sent, waits, done),
            };
        }
    }

    fn get(path: &str) -> Ask {
        Ask::get(format!("{HUB}{path}"), Service::Hub, Subject::Other)
    }

    #[test]
    fn the_token_never_comes_back_after_a_redirect_left_the_origin() {
        let (sent, _, result) = drive(
            &config(),
            get("/api/models/a"),
            None,
            vec![
                Ok(answer(307, &[("Location", "/api/models/b")])),
                Ok(answer(302, &[("Location", "https://cdn.example/x")])),
                Ok(answer(302, &[("Location", "https://huggingface.co/back")])),
                Ok(answer(200, &[])),
            ],
        );
        let auth: Vec<bool> = sent
            .iter()
            .map(|r| r.header("authorization").is_some())
            .collect();
        assert_eq!(auth, [true, true, false, false]);
        let answer = result.unwrap();
        assert_eq!(
            (answer.url.as_str(), answer.left_origin),
            ("https://huggingface.co/back", true)
        );
    }

    #[test]
    fn a_retry_starts_over_from_the_url_asked_with_the_token() {
        let (sent, waits, result) = drive(
            &config(),
            get("/api/models/a"),
            None,
            vec![
                Ok(answer(302, &[("Location", "https://cdn.example/x")])),
                Ok(answer(503, &[("Retry-After", "1")])),
                Ok(answer(200, &[])),
            ],
        );
        assert_eq!(sent[2].url, "https://huggingface.co/api/models/a");
        assert!(sent[2].header("authorization").is_some());
        assert_eq!(waits[0].cause, WaitCause::Status(503));
        assert_eq!(waits[0].duration, Duration::from_secs(1));
        assert!(result.is_ok());
    }

    #[test]
    fn a_deletion_repeated_after_it_may_have_been_made_takes_404_as_done() {
        let delete =
            || crate::proto::partner::delete_ask(&Endpoint::default(), "fal-ai", "abc").unwrap();
        let timeout = || {
            Err(TransportError::new(
                TransportErrorKind::Timeout,
                String::new(),
            ))
        };
        let refused = || {
            Err(TransportError::new(
                TransportErrorKind::Connect,
                String::new(),
            ))
        };
        // The first attempt may have deleted it: the second one's 404 is that success.
        for first in [timeout(), Ok(answer(503, &[("Retry-After", "1")]))] {
            let (sent, _, result) =
                drive(&config(), delete(), None, vec![first, Ok(answer(404, &[]))]);
            assert_eq!(sent.len(), 2);
            assert!(result.is_ok(), "{result:?}");
        }
        // Nothing reached the Hub before: a 404 is a mapping it does not have.
        for first in [refused(), Ok(answer(429, &[("Retry-After", "1")]))] {
            let (_, _, result) =
                drive(&config(), delete(), None, vec![first, Ok(answer(404, &[]))]);
            assert!(matches!(result, Err(Error::NotFound(_))), "{result:?}");
        }
        let (_, _, result) = drive(&config(), delete(), None, vec![Ok(answer(404, &[]))]);
        assert!(matches!(result, Err(Error::NotFound(_))), "{result:?}");
        // A status set repeated gets no such pass: its 404 is still an unknown mapping.
        let set = crate::proto::partner::set_status_ask(
            &Endpoint::default(),
            "fal-ai",
            "abc",
            &crate::proto::model::ProviderStatus::Live,
        )
        .unwrap();
        let (_, _, result) = drive(&config(), set, None, vec![timeout(), Ok(answer(404, &[]))]);
        assert!(matches!(result, Err(Error::NotFound(_))), "{result:?}");
    }

    #[test]
    fn a_registration_answered_see_other_has_an_unknown_outcome() {
        let new = crate::proto::partner_mapping::NewMapping::new(
            "conversational",
            crate::proto::partner_mapping::MappingTarget::Model("a/b".into()),
            "x",
        );
        let post = || new.to_ask(&Endpoint::default(), "fal-ai").unwrap();
        let see = Ok(answer(
            303,
            &[("Location", "/api/partners/fal-ai/models/1")],
        ));
        let (sent, _, result) = drive(&config(), post(), None, vec![see]);
        assert_eq!(sent.len(), 1, "not sent again, nor followed");
        assert!(
            matches!(result, Err(Error::OutcomeUnknown(_))),
            "{result:?}"
        );
        // The resource is elsewhere, or the write refused: it was not made here.
        for status in [301, 302, 307, 308, 400] {
            let moved = Ok(answer(status, &[("Location", "/elsewhere")]));
            let (sent, _, result) = drive(&config(), post(), None, vec![moved]);
            assert_eq!(sent.len(), 1, "{status}");
            assert!(
                !matches!(result, Err(Error::OutcomeUnknown(_))),
                "{status}: {result:?}"
            );
        }
    }

    #[test]
    fn redirects_are_bounded_and_bad_locations_refused() {
        let mut config = config();
        config.max_redirects = 2;
        let hop = || Ok(answer(302, &[("Location", "/again")]));
        let (sent, _, result) = drive(&config, get("/a"), None, vec![hop(), hop(), hop()]);
        assert_eq!(sent.len(), 3);
        assert!(matches!(
            result,
            Err(Error::LinkRefused {
                reason: LinkRefusal::TooManyRedirects,
                ..
            })
        ));
        let bad = Ok(answer(302, &[("Location", "javascript:alert(1)")]));
        let (_, _, result) = drive(&config, get("/a"), None, vec![bad]);
        assert!(matches!(
            result,
            Err(Error::LinkRefused {
                reason: LinkRefusal::Malformed,
                ..
            })
        ));
    }

    #[test]
    fn bodies_over_the_limit_end_the_request_at_once() {
        let mut config = config();
        config.max_body_bytes = 3;
        let big = Response::new(200, vec![], b"1234".to_vec());
        let (sent, _, result) = drive(&config, get("/a"), None, vec![Ok(big)]);
        assert_eq!(sent[0].max_body_bytes, 3);
        assert_eq!(result.unwrap_err(), Error::BodyTooLarge { limit: 3 });
        let refused = TransportError::new(TransportErrorKind::BodyTooLarge, "x");
        let (sent, _, result) = drive(&config, get("/a"), None, vec![Err(refused)]);
        assert_eq!(
            (sent.len(), result.unwrap_err()),
            (1, Error::BodyTooLarge { limit: 3 })
        );
    }

    #[test]
    fn the_deadline_bounds_every_attempt_and_wait() {
        let mut config = config();
        config.timeout = Duration::from_secs(10);
        // A wait that ends past the deadline is not started: the 429 is the answer.
        let (sent, waits, result) = drive(
            &config,
            get("/a"),
            None,
            vec![Ok(answer(429, &[("Retry-After", "30")]))],
        );
        assert_eq!((sent.len(), waits.len()), (1, 0));
        assert!(
            matches!(result, Err(Error::RateLimited { retry_after: Some(d), .. }) if d == Duration::from_secs(30))
        );
        // Each request is given what is left.
        let (sent, _, _) = drive(
            &config,
            get("/a"),
            None,
            vec![
                Ok(answer(503, &[("Retry-After", "4")])),
                Ok(answer(200, &[])),
            ],
        );
        assert_eq!(sent[0].timeout, Some(Duration::from_secs(10)));
        assert_eq!(sent[1].timeout, Some(Duration::from_secs(6)));
    }

    #[test]
    fn the_deadline_spent_in_the_transport_ends_with_a_timeout() {
        let mut config = config();
        config.timeout = Duration::from_secs(1);
        let now = Instant::now();
        let Step::Send(s) = Exchange::start(&config, get("/a"), None, now) else {
            panic!()
        };
        let redirect = answer(302, &[("Location", "/b")]);
        let Step::Done(done) = s.answered(Ok(redirect), now + Duration::from_secs(2), 0) else {
            panic!()
        };
        let e = done.into_result().unwrap_err();
        assert!(matches!(&e, Error::Transport(t) if t.kind() == TransportErrorKind::Timeout));
        assert_eq!(
            e.to_string(),
            "request to the Hub (huggingface.co:443) failed"
        );
    }

    #[test]
    fn a_spent_quota_is_waited_out_first_and_its_bookkeeping_kept() {
        let config = config();
        let now = Instant::now();
        let spent = Announced::new(Quota::new(0, Duration::from_secs(3)), now);
        let Step::Wait(w) = Exchange::start(&config, get("/a"), Some(spent), now) else {
            panic!()
        };
        assert_eq!(
            (w.wait().cause, w.wait().duration),
            (WaitCause::Quota, Duration::from_secs(3))
        );
        let Step::Send(s) = w.waited(now) else {
            panic!("one quota wait an attempt, even if the driver slept less")
        };
        let headers = [("RateLimit", "\"api\";r=7;t=200")];
        let Step::Done(done) = s.answered(Ok(answer(200, &headers)), now, 0) else {
            panic!()
        };
        assert_eq!(done.quota().unwrap().quota.remaining, 7);
        // A reset longer than any server wait honoured, or absurd, is not waited for.
        for reset in [61, u64::MAX] {
            let far = Announced::new(Quota::new(0, Duration::from_secs(reset)), now);
            let step = Exchange::start(&config, get("/a"), Some(far), now);
            assert!(matches!(step, Step::Send(_)), "{reset}");
        }
    }

    #[test]
    fn only_the_services_own_answers_speak_for_its_quota() {
        let config = config();
        let limited = || Ok(answer(200, &[("RateLimit", "\"api\";r=0;t=9")]));
        let away = Ok(answer(302, &[("Location", "https://cdn.example/x")]));
        let (_, _, done) = drive_to_end(&config, get("/a"), None, vec![away, limited()]);
        assert_eq!(done.quota(), None);
        let (_, _, done) = drive_to_end(&config, get("/a"), None, vec![limited()]);
        assert_eq!(done.quota().unwrap().quota.remaining, 0);
    }

    #[test]
    fn errors_name_their_service_and_what_a_401_means() {
        let config = config();
        let router = Ask::get(
            "https://router.huggingface.co/v1/models",
            Service::Router,
            Subject::Other,
        );
        let (_, _, result) = drive(&config, router, None, vec![Ok(answer(401, &[]))]);
        assert_eq!(
            result.unwrap_err().to_string(),
            "the router rejected the token"
        );
        let repo = Ask::get(
            format!("{HUB}/api/models/a/b"),
            Service::Hub,
            Subject::Repository,
        );
        let (_, _, result) = drive(&config, repo, None, vec![Ok(answer(401, &[]))]);
        assert!(matches!(result, Err(Error::NotFound(_))));
    }

    #[test]
    fn requests_carry_the_settings() {
        let mut config = config();
        config.proxies = crate::proto::proxy::Proxies::from_vars(|n| {
            (n == "HTTPS_PROXY").then(|| "http://proxy:3128".to_owned())
        })
        .unwrap();
        config.endpoint = Endpoint::parse(HUB).unwrap();
        let (sent, _, _) = drive(&config, get("/a"), None, vec![Ok(answer(200, &[]))]);
        let r = &sent[0];
        assert_eq!(r.proxy.as_deref(), Some("http://proxy:3128"));
        assert_eq!(r.header("accept"), Some("application/json"));
        assert_eq!(r.header("user-agent"), Some(config.user_agent()));
        assert_eq!(
            r.header("authorization"),
            Some("Bearer hf_secret_0123456789")
        );
    }
}
