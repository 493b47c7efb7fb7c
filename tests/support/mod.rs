//! Helpers shared by the integration tests: an in-memory transport that records what it was
//! asked, and a reader for the `.http` fixtures.
#![allow(dead_code)]

pub mod exchange_check;
pub mod generate;
pub mod rng;
pub mod url;

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use hf_providers::{Request, Response, Transport, TransportError};

type Answer = Result<Response, TransportError>;

/// A transport that answers from a script and records every request and every sleep.
///
/// Requests to the router (`/v1/models`) take their answers from a queue of their own: a
/// client sends them side by side with the Hub's, in an order no test can rely on. Time is
/// fake: `now` starts at the creation and moves only with `sleep` and `advance`.
pub struct Script {
    hub: Mutex<VecDeque<Answer>>,
    router: Mutex<VecDeque<Answer>>,
    requests: Mutex<Vec<Request>>,
    sleeps: Mutex<Vec<Duration>>,
    start: Instant,
    elapsed: Mutex<Duration>,
    /// How long each request takes on the fake clock.
    latency: Mutex<Duration>,
}

impl Script {
    pub fn new(answers: impl IntoIterator<Item = Answer>) -> Self {
        Script::with_router(answers, [])
    }

    /// `hub` answers the Hub's requests in order, `router` the router's.
    pub fn with_router(
        hub: impl IntoIterator<Item = Answer>,
        router: impl IntoIterator<Item = Answer>,
    ) -> Self {
        Script {
            hub: Mutex::new(hub.into_iter().collect()),
            router: Mutex::new(router.into_iter().collect()),
            requests: Mutex::new(Vec::new()),
            sleeps: Mutex::new(Vec::new()),
            start: Instant::now(),
            elapsed: Mutex::new(Duration::ZERO),
            latency: Mutex::new(Duration::ZERO),
        }
    }

    /// Every request, in the order received.
    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }

    pub fn sleeps(&self) -> Vec<Duration> {
        self.sleeps.lock().unwrap().clone()
    }

    pub fn urls(&self) -> Vec<String> {
        self.requests().iter().map(|r| r.url().to_owned()).collect()
    }

    pub fn authorization(&self) -> Vec<Option<String>> {
        self.requests()
            .iter()
            .map(|r| r.header("authorization").map(str::to_owned))
            .collect()
    }

    /// Answers not used yet, both queues.
    pub fn left(&self) -> usize {
        self.hub.lock().unwrap().len() + self.router.lock().unwrap().len()
    }

    /// Moves the fake clock on.
    pub fn advance(&self, by: Duration) {
        *self.elapsed.lock().unwrap() += by;
    }

    /// Each request from now on takes `latency` on the fake clock.
    pub fn set_latency(&self, latency: Duration) {
        *self.latency.lock().unwrap() = latency;
    }

    /// The fake clock's time since the script was made.
    pub fn elapsed(&self) -> Duration {
        *self.elapsed.lock().unwrap()
    }
}

impl Transport for Script {
    fn send(&self, request: &Request) -> Result<Response, TransportError> {
        self.requests.lock().unwrap().push(request.clone());
        let latency = *self.latency.lock().unwrap();
        // As a real transport: a request slower than the time it has times out.
        if let Some(left) = request.timeout().filter(|left| latency > *left) {
            self.advance(left);
            return Err(TransportError::new(
                hf_providers::TransportErrorKind::Timeout,
                "timed out",
            ));
        }
        self.advance(latency);
        let queue = if request.url().contains("/v1/models") {
            &self.router
        } else {
            &self.hub
        };
        let answer = queue.lock().unwrap().pop_front();
        answer.unwrap_or_else(|| panic!("no answer scripted for {}", request.url()))
    }

    fn sleep(&self, duration: Duration) {
        self.sleeps.lock().unwrap().push(duration);
        self.advance(duration);
    }

    fn now(&self) -> Instant {
        self.start + *self.elapsed.lock().unwrap()
    }
}

/// A `200` with a JSON body and extra headers.
pub fn ok(body: &str, headers: &[(&str, &str)]) -> Result<Response, TransportError> {
    Ok(answer(200, headers, body))
}

pub fn answer(status: u16, headers: &[(&str, &str)], body: &str) -> Response {
    let headers = headers
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect();
    Response::new(status, headers, body.as_bytes().to_vec())
}

/// Reads a whole-response fixture: status line, headers, blank line, body.
pub fn http_fixture(text: &str) -> Response {
    let (head, body) = text
        .split_once("\r\n\r\n")
        .or_else(|| text.split_once("\n\n"))
        .unwrap_or((text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let headers = lines
        .filter_map(|l| l.split_once(": "))
        .map(|(n, v)| (n.to_owned(), v.to_owned()))
        .collect();
    Response::new(status, headers, body.as_bytes().to_vec())
}

/// A fixture from `tests/fixtures/`, compiled in (so the tests also run under WASI).
#[macro_export]
macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/",
            $name
        ))
    };
}
