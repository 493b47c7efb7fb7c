//! Driving the Hub's rules from a loop of your own, without `Client`: an event loop, a WASI
//! host with non-blocking I/O or a test on virtual time can do the same.
//!
//! The exchange says what to do next (send this request, wait this long, done); the loop does
//! it and reports back with the time. Here the network is a script in memory (the Hub is busy
//! once, then answers with a redirect for a renamed model, then with the model) and the clock
//! is virtual, so the example runs in no time and the same way every time:
//!
//! ```text
//! cargo run --example own_loop
//! ```

use std::time::{Duration, Instant};

use hf_providers::proto::Subject;
use hf_providers::proto::{Ask, Exchange, Step};
use hf_providers::{Config, GetModel, Response, Service, Token, parse};

fn main() -> Result<(), hf_providers::Error> {
    let mut config = Config::default();
    config.token = Some(Token::new("hf_example_token")?);
    let request = GetModel::new("old-name/gemma")?
        .expand(hf_providers::Expand::InferenceProviderMapping)
        .to_ask(&config.endpoint)?;
    let ask = Ask::get(request.url(), Service::Hub, Subject::Repository);

    // What the network answers, in order.
    let mut script = vec![
        Response::new(503, vec![("Retry-After".into(), "2".into())], Vec::new()),
        Response::new(
            307,
            vec![(
                "Location".into(),
                "/api/models/google/gemma-3-27b-it?expand[]=inferenceProviderMapping".into(),
            )],
            Vec::new(),
        ),
        Response::new(
            200,
            vec![("RateLimit".into(), r#""api";r=499;t=300"#.into())],
            br#"{"id":"google/gemma-3-27b-it","inferenceProviderMapping":{
                "nebius":{"status":"live","providerId":"google/gemma-3-27b-it-fast","task":"conversational"}}}"#
                .to_vec(),
        ),
    ]
    .into_iter();

    // A virtual clock: it moves only when the loop says so.
    let start = Instant::now();
    let mut elapsed = Duration::ZERO;
    let mut random = 0x2545_f491_4f6c_dd1d_u64;

    let mut step = Exchange::start(&config, ask, None, start + elapsed);
    let done = loop {
        step = match step {
            Step::Send(sending) => {
                let request = sending.request();
                let with_token = request.header("authorization").is_some();
                println!(
                    "{:>5.1} s  GET {} (token: {with_token})",
                    elapsed.as_secs_f64(),
                    request.url()
                );
                let answer = script
                    .next()
                    .expect("the script has an answer for each request");
                println!("{:>5.1} s  <- {}", elapsed.as_secs_f64(), answer.status);
                elapsed += Duration::from_millis(80);
                // Any random number will do: it spreads the backoff of retries.
                random = random
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1);
                sending.answered(Ok(answer), start + elapsed, random)
            }
            Step::Wait(waiting) => {
                println!("{:>5.1} s  {}", elapsed.as_secs_f64(), waiting.wait());
                elapsed += waiting.wait().duration;
                waiting.waited(start + elapsed)
            }
            Step::Done(done) => break done,
        };
    };
    let quota = done.quota();
    let (answer, model) = done.read(parse::model)?;
    println!(
        "{:>5.1} s  done: {} from {}",
        elapsed.as_secs_f64(),
        model.id,
        answer.url
    );
    for p in model.providers() {
        println!("          {}\t{}\t{}", p.provider, p.status, p.provider_id);
    }
    if let Some(quota) = quota {
        println!("          quota: {}", quota.at(start + elapsed));
    }
    assert_eq!(model.id, "google/gemma-3-27b-it");
    assert!(script.next().is_none(), "every scripted answer was used");
    Ok(())
}
