//! Soak: many model requests over keep-alive against a fake Hub (in a process of its own, so
//! only the client's memory is measured) that answers a share of them with a fault: 429, 503,
//! a connection closed without an answer, or a truncated body.
//!
//! Two passes: without retries, every fault must come back as a typed error; with retries
//! (backoff shortened to a millisecond), every request must succeed. Prints the outcomes by
//! type and the client's resident memory as it goes; memory must stay flat.
//!
//! ```sh
//! cargo bench --bench soak                              # 20,000 requests a pass, 10% faults
//! cargo bench --bench soak -- --requests 5000 --faults 25
//! ```
//!
//! Linux only (it reads `/proc/self/status`). Not run in CI: it takes a minute.

#[path = "../tests/fake_hub/mod.rs"]
mod fake_hub;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use hf_providers::{Client, Config, Endpoint, Error, RetryPolicy, UreqTransport};

/// Set in the child process, which serves the fake Hub until killed.
const SERVE: &str = "HF_PROVIDERS_SOAK_SERVE";
/// The ids asked about, in turn: the fake Hub's seed examples.
const IDS: [&str; 4] = [
    "google/gemma-3-27b-it",
    "deepseek-ai/DeepSeek-R1",
    "meta-llama/Llama-3.3-70B-Instruct",
    "Qwen/QwQ-32B",
];

fn main() {
    let mut requests = 20_000;
    let mut faults = 10;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut number = || args.next().and_then(|v| v.parse().ok()).expect("a number");
        match arg.as_str() {
            "--requests" => requests = number(),
            "--faults" => faults = number(),
            // What `cargo bench` passes to every bench.
            "--bench" => {}
            other => panic!("unknown argument {other}"),
        }
    }
    if std::env::var_os(SERVE).is_some() {
        serve(faults as u32);
    }
    let (mut hub, url) = start_hub(faults);
    println!("soak: {requests} requests a pass, {faults}% faults, fake Hub at {url}");
    let mut quick = RetryPolicy::default();
    quick.base_delay = Duration::from_millis(1);
    quick.max_delay = Duration::from_millis(1);
    for (pass, retry) in [
        ("no retries", RetryPolicy::never()),
        ("with retries", quick),
    ] {
        let mut config = Config::default();
        config.endpoint = Endpoint::parse(&url).unwrap();
        config.retry = retry;
        config.cache_ttl = Duration::ZERO;
        let client = hf_providers::ClientBuilder::from_config(config)
            .build()
            .expect("valid settings");
        soak(pass, &client, requests);
    }
    let _ = hub.kill();
    let _ = hub.wait();
}

/// The child: a fake Hub with faults, its URL on stdout.
fn serve(faults: u32) -> ! {
    let hub = fake_hub::FakeHub::start(fake_hub::Options {
        models: 0,
        fault_percent: faults,
        ..fake_hub::Options::default()
    });
    println!("{}", hub.url());
    hub.wait();
    std::process::exit(0)
}

fn start_hub(faults: usize) -> (Child, String) {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--faults", &faults.to_string()])
        .env(SERVE, "1")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut url = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut url)
        .unwrap();
    (child, url.trim().to_owned())
}

fn soak(pass: &str, client: &Client<UreqTransport>, requests: usize) {
    let start = Instant::now();
    let mut outcomes: BTreeMap<String, usize> = BTreeMap::new();
    let checkpoint = (requests / 10).max(1);
    let mut rss = Vec::new();
    for i in 0..requests {
        let outcome = client.model_providers(IDS[i % IDS.len()]);
        *outcomes.entry(label(&outcome)).or_default() += 1;
        if (i + 1) % checkpoint == 0 {
            rss.push(rss_kib());
        }
    }
    let took = start.elapsed();
    println!(
        "\n{pass}: {requests} requests in {:.1} s",
        took.as_secs_f64()
    );
    for (outcome, count) in &outcomes {
        println!("  {count:>6}  {outcome}");
    }
    let shown: Vec<String> = rss.iter().map(|kib| format!("{kib}")).collect();
    println!(
        "  resident KiB every {checkpoint} requests: {}",
        shown.join(" ")
    );
    let (first, last) = (rss[0], rss[rss.len() - 1]);
    println!(
        "  growth after the first {checkpoint}: {} KiB; peak {} KiB",
        last as i64 - first as i64,
        peak_kib()
    );
}

/// The outcome's type: `ok`, or the error's variant and what it carries that tells it apart.
fn label(outcome: &Result<Vec<hf_providers::ProviderMapping>, Error>) -> String {
    match outcome {
        Ok(_) => "ok".into(),
        Err(Error::RateLimited { .. }) => "Error::RateLimited".into(),
        Err(Error::Http(e)) => format!("Error::Http (status {})", e.status),
        Err(Error::Transport(e)) => {
            let cause = std::error::Error::source(e).map(ToString::to_string);
            format!(
                "Error::Transport ({:?}: {})",
                e.kind(),
                cause.unwrap_or_default()
            )
        }
        Err(Error::Decode { .. }) => "Error::Decode".into(),
        Err(other) => format!("other: {other}"),
    }
}

fn status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches(" kB").parse().ok())
        .unwrap_or(0)
}

fn rss_kib() -> u64 {
    status_kib("VmRSS:")
}

fn peak_kib() -> u64 {
    status_kib("VmHWM:")
}
