//! Helpers shared by the integration tests: an in-memory transport that records what it was
//! asked, and a reader for the `.http` fixtures.
#![allow(dead_code)]

pub mod generate;
pub mod rng;

use std::cell::RefCell;
use std::collections::VecDeque;
use std::time::Duration;

use hf_providers::{Request, Response, Transport, TransportError};

/// A transport that answers from a script and records every request and every sleep.
pub struct Script {
    answers: RefCell<VecDeque<Result<Response, TransportError>>>,
    pub requests: RefCell<Vec<Request>>,
    pub sleeps: RefCell<Vec<Duration>>,
}

impl Script {
    pub fn new(answers: impl IntoIterator<Item = Result<Response, TransportError>>) -> Self {
        Script {
            answers: RefCell::new(answers.into_iter().collect()),
            requests: RefCell::new(Vec::new()),
            sleeps: RefCell::new(Vec::new()),
        }
    }

    pub fn urls(&self) -> Vec<String> {
        self.requests
            .borrow()
            .iter()
            .map(|r| r.url.clone())
            .collect()
    }

    pub fn authorization(&self) -> Vec<Option<String>> {
        self.requests
            .borrow()
            .iter()
            .map(|r| r.header("authorization").map(str::to_owned))
            .collect()
    }

    pub fn left(&self) -> usize {
        self.answers.borrow().len()
    }
}

impl Transport for Script {
    fn send(&self, request: &Request) -> Result<Response, TransportError> {
        self.requests.borrow_mut().push(request.clone());
        self.answers
            .borrow_mut()
            .pop_front()
            .unwrap_or_else(|| panic!("no answer scripted for {}", request.url))
    }

    fn sleep(&self, duration: Duration) {
        self.sleeps.borrow_mut().push(duration);
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
