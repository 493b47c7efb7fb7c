//! One exchange driven through a scenario that a source of bytes decides (a fuzzer's input, or
//! a seeded generator), with every invariant of the exchange checked on the way:
//!
//! - it ends, within a bound the settings give: at most `(retries + 1) * (redirects + 1)`
//!   requests and two waits an attempt;
//! - the token goes only to the service's origin, and never again in an attempt after a
//!   redirect left it;
//! - no step starts once the deadline is spent, and no wait runs past it: the virtual time spent
//!   exceeds the deadline by at most the one step in progress;
//! - no error text (`Display` of the whole chain, `Debug`) holds an 8-character piece of the
//!   token, wherever a server echoed it;
//! - success means a 2xx answer;
//! - a write carries its method and body, is never redirected, is not sent at all without a
//!   token, and a registration (`Replay::Never`) is not sent again once it may have reached
//!   the server (anything but a failed connection or a 429).
//!
//! Used by `tests/exchange.rs` (stable, `cargo test`) and by `fuzz/fuzz_targets/exchange.rs`.
#![allow(dead_code)]

use std::error::Error as _;
use std::time::{Duration, Instant};

use hf_providers::Quota;
use hf_providers::proto::Announced;
use hf_providers::proto::Subject;
use hf_providers::proto::{Ask, Exchange, Replay, Step};
use hf_providers::{
    Config, Endpoint, Error, Method, Response, RetryPolicy, Service, Token, TransportError,
    TransportErrorKind,
};

/// Where the scenario's choices come from. Once the bytes run out, every choice is 0.
pub trait Bytes {
    fn byte(&mut self) -> u8;

    fn u64(&mut self) -> u64 {
        (0..8).fold(0, |n, _| n << 8 | u64::from(self.byte()))
    }

    fn below(&mut self, n: u8) -> u8 {
        self.byte() % n
    }
}

/// A fuzzer's input.
pub struct Input<'a>(pub &'a [u8]);

impl Bytes for Input<'_> {
    fn byte(&mut self) -> u8 {
        let (first, rest) = self.0.split_first().unwrap_or((&0, &[]));
        self.0 = rest;
        *first
    }
}

/// The token of every scenario: 37 characters, as the Hub's are.
pub const TOKEN: &str = "hf_TokenOf37CharactersXyzw0123456789A";

const HUB: &str = "http://127.0.0.1:8080/mirror";
const ROUTER: &str = "http://127.0.0.1:8081";
const OTHER: &str = "http://127.0.0.2:9";

/// What a scenario did, for the caller to count.
#[derive(Debug, Default)]
pub struct Report {
    pub requests: usize,
    pub waits: usize,
    pub succeeded: bool,
}

/// A number a server might send: small, at a boundary, or anything.
fn number(b: &mut impl Bytes) -> u64 {
    match b.below(6) {
        0 => 0,
        1 => u64::from(b.below(5)),
        2 => u64::from(b.byte()),
        3 => u64::MAX,
        4 => u64::MAX / 1_000,
        _ => b.u64(),
    }
}

fn duration(b: &mut impl Bytes) -> Duration {
    match b.below(5) {
        0 => Duration::ZERO,
        1 => Duration::from_millis(u64::from(b.byte()) * 10),
        2 => Duration::from_secs(u64::from(b.byte())),
        3 => Duration::from_secs(number(b)),
        _ => Duration::MAX,
    }
}

/// The token somewhere in `text`: whole at any offset, twice, cut, percent-encoded.
fn with_token(b: &mut impl Bytes, text: &str) -> String {
    let at = usize::from(b.byte()) % (text.len() + 1);
    let token = match b.below(5) {
        0 => TOKEN.to_owned(),
        1 => format!("{TOKEN} {TOKEN}"),
        2 => TOKEN[..8 + usize::from(b.below(29))].to_owned(),
        3 => TOKEN.replace('_', "%5F").replace('T', "%54"),
        _ => String::new(),
    };
    let text = if text.is_char_boundary(at) { text } else { "x" };
    let at = at.min(text.len());
    format!("{}{token}{}", &text[..at], &text[at..])
}

fn config(b: &mut impl Bytes) -> Config {
    let mut config = Config::default();
    config.endpoint = Endpoint::parse(HUB).unwrap();
    config.router = Endpoint::parse(ROUTER).unwrap();
    if b.below(4) != 0 {
        config.token = Some(Token::new(TOKEN).unwrap());
    }
    config.timeout = duration(b);
    let mut retry = RetryPolicy::with_max_retries(u32::from(b.below(6)));
    retry.base_delay = duration(b);
    retry.max_delay = duration(b);
    retry.max_server_wait = duration(b);
    config.retry = retry;
    config.max_redirects = u32::from(b.below(6));
    if b.below(4) == 0 {
        config.max_body_bytes = number(b);
    }
    config
}

/// A `Location` a server might send.
fn location(b: &mut impl Bytes, home: &str) -> String {
    match b.below(7) {
        0 => "/api/models/moved?expand[]=inference".into(),
        1 => format!("{OTHER}/elsewhere"),
        2 => format!("{home}/back"),
        3 => with_token(b, &format!("{OTHER}/leak?t=")),
        4 => format!("http://user:{TOKEN}@127.0.0.2:9/creds"),
        5 => "javascript:alert(1)".into(),
        _ => "?cursor=2".into(),
    }
}

fn response(b: &mut impl Bytes, home: &str) -> Response {
    const STATUSES: [u16; 18] = [
        200, 204, 301, 302, 303, 307, 308, 400, 401, 403, 404, 408, 429, 500, 502, 503, 504, 0,
    ];
    let status = match STATUSES[usize::from(b.below(18))] {
        0 => (b.u64() % 1000) as u16,
        s => s,
    };
    let mut headers: Vec<(String, String)> = Vec::new();
    for _ in 0..b.below(6) {
        let header = match b.below(9) {
            0 => ("Location".into(), location(b, home)),
            1 => (
                "RateLimit".into(),
                format!("\"api\";r={};t={}", number(b), number(b)),
            ),
            2 => (
                "RateLimit-Policy".into(),
                format!("\"fixed window\";\"api\";q={};w={}", number(b), number(b)),
            ),
            3 => ("Retry-After".into(), number(b).to_string()),
            4 => ("Retry-After".into(), "Fri, 31 Dec 9999 23:59:59 GMT".into()),
            5 => ("Date".into(), "Thu, 01 Jan 1970 00:00:00 GMT".into()),
            6 => ("X-Error-Message".into(), with_token(b, &"h".repeat(264))),
            7 => ("X-Error-Code".into(), with_token(b, "Code")),
            _ => ("Link".into(), "</next>; rel=\"next\"".into()),
        };
        headers.push(header);
    }
    let len = usize::from(b.byte());
    let body = match b.below(4) {
        0 => Vec::new(),
        1 => format!("{{\"error\":\"{}\"}}", with_token(b, &"j".repeat(len))).into_bytes(),
        2 => format!("<html><title>{}</title>", with_token(b, &"t".repeat(len))).into_bytes(),
        _ => vec![b'x'; len * 16],
    };
    Response::new(status, headers, body)
}

fn transport_error(b: &mut impl Bytes) -> TransportError {
    use TransportErrorKind as K;
    let kinds = [
        K::Connect,
        K::Timeout,
        K::Io,
        K::Tls,
        K::BodyTooLarge,
        K::InvalidRequest,
        K::Other,
    ];
    let kind = kinds[usize::from(b.below(7))];
    TransportError::new(kind, with_token(b, "reset by peer: "))
}

/// The whole text an error can show: its chain and its `Debug`.
pub fn shown(e: &Error) -> String {
    let mut text = format!("{e:?} {e}");
    let mut cause = e.source();
    while let Some(c) = cause {
        text.push_str(&format!(" {c}"));
        cause = c.source();
    }
    text
}

/// Panics if `text` holds an 8-character piece of the token.
pub fn assert_no_piece_of_the_token(text: &str) {
    for piece in TOKEN.as_bytes().windows(8) {
        let piece = std::str::from_utf8(piece).unwrap();
        assert!(!text.contains(piece), "{piece:?} of the token in {text:?}");
    }
}

/// Runs one scenario; panics on a broken invariant.
pub fn check(b: &mut impl Bytes) -> Report {
    let config = config(b);
    let service = if b.below(2) == 0 {
        Service::Hub
    } else {
        Service::Router
    };
    let home = match service {
        Service::Hub => HUB,
        Service::Router => ROUTER,
    };
    let subject = if b.below(2) == 0 {
        Subject::Repository
    } else {
        Subject::Other
    };
    let url = format!("{home}/api/models/a/b");
    let ask = match (service, b.below(3)) {
        (Service::Hub, 1) => Ask::write(
            Method::Put,
            url,
            b"{\"status\":\"live\"}".to_vec(),
            Replay::Safe,
        ),
        (Service::Hub, 2) => Ask::write(
            Method::Post,
            url,
            b"{\"task\":\"t\"}".to_vec(),
            Replay::Never,
        ),
        _ => Ask::get(url, service, subject),
    };
    let written = ask.clone();
    // A registration that may have reached the server.
    let mut may_have_arrived = false;
    // Far from both ends of the clock, so jumps either way stay representable.
    let start = Instant::now() + Duration::from_secs(1 << 20);
    let mut now = start;
    let quota = (b.below(2) == 0).then(|| {
        let quota = Quota::new(number(b), Duration::from_secs(number(b)));
        Announced::new(quota, start)
    });
    let deadline = start.checked_add(config.timeout);
    let attempts = u64::from(config.retry.max_retries) + 1;
    let most_requests = attempts * (u64::from(config.max_redirects) + 1);
    let mut report = Report::default();
    // Whether the attempt in progress has left the service's origin.
    let mut left_origin = false;
    let mut step = Exchange::start(&config, ask, quota, now);
    let done = loop {
        // No step starts once the deadline is spent.
        if let (Some(end), Step::Send(_) | Step::Wait(_)) = (deadline, &step) {
            assert!(now < end, "a step at {:?} after the deadline", now - start);
        }
        step = match step {
            Step::Send(sending) => {
                report.requests += 1;
                assert!(report.requests as u64 <= most_requests, "too many requests");
                let request = sending.request();
                assert!(!may_have_arrived, "a registration sent again");
                assert_eq!(request.method(), written.method());
                if written.method() != Method::Get {
                    assert!(config.token.is_some(), "a write sent without a token");
                    assert_eq!(request.url(), written.url(), "a write redirected");
                    assert!(!request.body().is_empty());
                }
                left_origin |= !Endpoint::parse(home).unwrap().is_same_origin(request.url());
                let authorization = request.header("authorization");
                if left_origin || config.token.is_none() {
                    assert_eq!(authorization, None, "the token went to {}", request.url());
                } else {
                    assert_eq!(authorization, Some(format!("Bearer {TOKEN}").as_str()));
                }
                if let (Some(end), Some(timeout)) = (deadline, request.timeout()) {
                    assert!(now + timeout <= end, "a request may outlive the deadline");
                }
                let outcome = if b.below(4) == 0 {
                    Err(transport_error(b))
                } else {
                    Ok(response(b, home))
                };
                may_have_arrived = written.replay() == Replay::Never
                    && match &outcome {
                        Err(e) => e.kind() != TransportErrorKind::Connect,
                        Ok(r) => r.status != 429,
                    };
                // The transport takes its time, which may be any (the clock may even jump back).
                now = match b.below(4) {
                    0 => now.checked_add(duration(b)).unwrap_or(now),
                    1 => now.checked_sub(duration(b)).unwrap_or(now),
                    _ => now,
                };
                sending.answered(outcome, now, b.u64())
            }
            Step::Wait(waiting) => {
                report.waits += 1;
                assert!(report.waits as u64 <= 2 * attempts, "too many waits");
                let wait = *waiting.wait();
                if let Some(end) = deadline {
                    assert!(
                        now + wait.duration < end,
                        "a wait past the deadline: {wait}"
                    );
                }
                assert!(wait.attempt <= wait.attempts);
                let _ = wait.to_string();
                if !matches!(wait.cause, hf_providers::WaitCause::Quota) {
                    left_origin = false;
                }
                // A driver may sleep a little more or less than asked.
                now = now.checked_add(wait.duration).unwrap_or(now);
                if b.below(4) == 0 {
                    now = now.checked_add(duration(b)).unwrap_or(now);
                }
                waiting.waited(now)
            }
            Step::Done(done) => break done,
        };
    };
    let _ = done.quota().map(|q| q.at(now).to_string());
    match done.into_result() {
        Ok(answer) => {
            assert!((200..300).contains(&answer.response.status));
            report.succeeded = true;
        }
        // (Without a token configured, none was sent: a server that knows it anyway is not ours
        // to hide.)
        Err(e) if config.token.is_some() => assert_no_piece_of_the_token(&shown(&e)),
        Err(_) => {}
    }
    report
}
