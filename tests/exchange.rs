//! The exchange's invariants on many generated scenarios (the stable twin of the `exchange`
//! fuzz target), and the token kept out of every error whatever a server echoes.

mod support;

use std::time::{Duration, Instant};

use hf_providers::proto::Subject;
use hf_providers::proto::{Ask, Exchange, Step};
use hf_providers::{Config, Error, Response, Service, Token};
use support::exchange_check::{self, Bytes, TOKEN, assert_no_piece_of_the_token, shown};
use support::rng::Rng;

impl Bytes for Rng {
    fn byte(&mut self) -> u8 {
        self.next_u64() as u8
    }
}

#[test]
fn every_invariant_holds_on_generated_scenarios() {
    let (mut succeeded, mut failed, mut requests, mut waits) = (0, 0, 0, 0);
    for seed in 0..20_000 {
        // A panic names the seed; `Rng::new(seed)` replays it.
        let report = std::panic::catch_unwind(|| exchange_check::check(&mut Rng::new(seed)))
            .unwrap_or_else(|_| panic!("seed {seed}"));
        if report.succeeded {
            succeeded += 1;
        } else {
            failed += 1;
        }
        requests += report.requests;
        waits += report.waits;
    }
    // The scenarios reach every kind of end, retry and wait: the checks above ran on each.
    assert!(
        succeeded > 1_000 && failed > 1_000,
        "{succeeded} ok, {failed} failed"
    );
    assert!(
        requests > 15_000 && waits > 2_000,
        "{requests} requests, {waits} waits"
    );
    eprintln!("{succeeded} ok, {failed} failed, {requests} requests, {waits} waits");
}

/// Runs `ask` against answers given in order, on a virtual clock; the end's error.
fn error_after(config: &Config, ask: Ask, mut answers: Vec<Response>) -> Error {
    answers.reverse();
    let mut now = Instant::now();
    let mut step = Exchange::start(config, ask, None, now);
    loop {
        step = match step {
            Step::Send(s) => s.answered(Ok(answers.pop().expect("an answer")), now, 0),
            Step::Wait(w) => {
                now += w.wait().duration;
                w.waited(now)
            }
            Step::Done(done) => return done.into_result().unwrap_err(),
        };
    }
}

#[test]
fn a_token_echoed_at_any_offset_across_the_cut_never_shows() {
    let mut config = Config::default();
    config.token = Some(Token::new(TOKEN).unwrap());
    let url = "https://huggingface.co/api/models/a/b";
    let ask = || Ask::get(url, Service::Hub, Subject::Repository);
    let header = |name: &str, value: String| Response::new(404, vec![(name.into(), value)], vec![]);
    let body = |body: String| Response::new(500, vec![], body.into_bytes());
    for at in 0..=340 {
        let pad = "h".repeat(at);
        for answer in [
            header("X-Error-Message", format!("{pad}{TOKEN}")),
            header("X-Error-Message", format!("{pad}{TOKEN}{TOKEN}tail")),
            header("X-Error-Code", format!("{pad}{TOKEN}")),
            header(
                "X-Error-Message",
                format!("{pad}{}", TOKEN.replace('_', "%5F")),
            ),
            body(format!("{{\"error\":\"{pad}{TOKEN}\"}}")),
            body(format!("{{\"error\":{{\"message\":\"{pad}{TOKEN}\"}}}}")),
            body(format!("<html><title>{pad}{TOKEN}</title>")),
        ] {
            let mut config = config.clone();
            config.retry.max_retries = 0;
            let e = error_after(&config, ask(), vec![answer]);
            assert_no_piece_of_the_token(&shown(&e));
        }
    }
    // In a redirect the client refuses: credentials, a query.
    for location in [
        format!("http://user:{TOKEN}@127.0.0.2/x"),
        format!("javascript:{TOKEN}"),
    ] {
        let redirect = Response::new(302, vec![("Location".into(), location)], vec![]);
        let e = error_after(&config, ask(), vec![redirect]);
        assert_no_piece_of_the_token(&shown(&e));
    }
}

#[test]
fn absurd_numbers_from_a_server_end_in_ordinary_errors() {
    let config = Config::default();
    let ask = || {
        Ask::get(
            "https://huggingface.co/api/models",
            Service::Hub,
            Subject::Other,
        )
    };
    let max = u64::MAX;
    for headers in [
        vec![("RateLimit", format!("\"api\";r=0;t={max}"))],
        vec![("Retry-After", max.to_string())],
        vec![(
            "RateLimit-Policy",
            format!("\"fixed window\";\"api\";q={max};w={max}"),
        )],
    ] {
        let headers: Vec<(String, String)> =
            headers.into_iter().map(|(n, v)| (n.into(), v)).collect();
        let busy = Response::new(429, headers, vec![]);
        let answers = vec![busy; 1 + config.retry.max_retries as usize];
        match error_after(&config, ask(), answers) {
            Error::RateLimited { error, .. } => assert_eq!(error.status, 429),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn a_spent_quota_with_an_absurd_reset_is_not_waited_for() {
    // The next request goes at once; the service decides.
    let config = Config::default();
    let ask = Ask::get(
        "https://huggingface.co/api/models",
        Service::Hub,
        Subject::Other,
    );
    let now = Instant::now();
    let quota = hf_providers::proto::Announced::new(
        hf_providers::Quota::new(0, Duration::from_secs(u64::MAX)),
        now,
    );
    assert!(matches!(
        Exchange::start(&config, ask, Some(quota), now),
        Step::Send(_)
    ));
}
