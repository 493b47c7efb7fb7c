//! A 64 MiB answer must not raise memory by 64 MiB: the body limit is enforced while reading.
//! Alone in its test binary so the process's peak RSS is this test's.
#![cfg(all(feature = "ureq", target_os = "linux"))]

#[path = "fake_hub/mod.rs"]
mod fake_hub;

use std::time::Duration;

use fake_hub::{FakeHub, Fault, Options};
use hf_providers::{Client, Config, Endpoint, Error, ListModels, RetryPolicy};

/// Peak resident memory of this process, in KiB.
fn peak_rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

#[test]
fn a_64_mib_body_without_length_is_cut_off_at_the_limit() {
    let hub = FakeHub::start(Options {
        models: 0,
        ..Options::default()
    });
    let mut config = Config::default();
    config.endpoint = Endpoint::parse(&hub.url()).unwrap();
    config.router = config.endpoint.clone();
    config.retry = RetryPolicy::never();
    config.timeout = Duration::from_secs(20);
    config.max_body_bytes = 1 << 20;
    let client = https_client(config);
    let before = peak_rss_kib();
    for content_length in [false, true] {
        hub.push_fault(Fault::Huge {
            bytes: 64 << 20,
            content_length,
        });
        let err = client
            .list_models(&ListModels::new())
            .next()
            .unwrap()
            .unwrap_err();
        assert_eq!(err, Error::BodyTooLarge { limit: 1 << 20 });
    }
    let grown_mib = (peak_rss_kib() - before) / 1024;
    assert!(grown_mib < 16, "peak RSS grew by {grown_mib} MiB");
}

/// A client over HTTPS (ureq) with `config`.
fn https_client(config: Config) -> Client<hf_providers::UreqTransport> {
    Client::new(hf_providers::UreqTransport::new(&config), config)
}
