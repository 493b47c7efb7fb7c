//! The tests' fake Hub, standalone: point the CLI or a benchmark at it with `HF_ENDPOINT` (it
//! is also a router: `HF_ROUTER_URL`).
//!
//! ```sh
//! cargo run --release --example fake_hub -- --port 8080 --models 20000
//! HF_ENDPOINT=http://127.0.0.1:8080 HF_ROUTER_URL=http://127.0.0.1:8080 \
//!     hf-providers resolve deepseek-ai/DeepSeek-V4-Pro --explain
//! ```

#[path = "../tests/fake_hub/mod.rs"]
mod fake_hub;

use std::io::Write;

fn main() {
    let mut options = fake_hub::Options::default();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| usage(&format!("{name} needs a number")))
        };
        match arg.as_str() {
            "--port" => {
                let port = value("--port");
                options.port =
                    u16::try_from(port).unwrap_or_else(|_| usage("--port is at most 65535"));
            }
            "--models" => options.models = value("--models"),
            "--page-size" => options.page_size = value("--page-size"),
            "--delay-ms" => {
                options.delay = std::time::Duration::from_millis(value("--delay-ms") as u64)
            }
            "--faults" => options.fault_percent = value("--faults") as u32,
            "--big-provider" => options.big_provider = value("--big-provider"),
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0)
            }
            other => usage(&format!("unknown argument {other}")),
        }
    }
    let hub = fake_hub::FakeHub::start(options);
    // One line on stdout so scripts can read the URL (useful with --port 0).
    println!("{}", hub.url());
    let _ = std::io::stdout().flush();
    eprintln!(
        "fake Hub with {} models on {}; the token it accepts is {}; Ctrl-C (or kill) stops it",
        hub.catalog().len(),
        hub.url(),
        fake_hub::VALID_TOKEN
    );
    hub.wait();
}

const USAGE: &str = "usage: fake_hub [--port N] [--models N] [--page-size N] [--delay-ms N] \
                     [--faults PERCENT] [--big-provider MAPPINGS]";

fn usage(problem: &str) -> ! {
    eprintln!("fake_hub: {problem}");
    eprintln!("{USAGE}");
    std::process::exit(2)
}
