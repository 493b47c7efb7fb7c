//! The CLI against hostile servers and a hostile environment: escape sequences and line breaks in
//! every printed field, echoed secrets, slow redirect chains, a tight quota, proxies read as
//! curl reads them, variables that are not UTF-8, and token files that are not files.
#![cfg(all(feature = "cli", unix, not(target_os = "wasi")))]

#[path = "fake_hub/mod.rs"]
mod fake_hub;
#[path = "support/cli.rs"]
mod support_cli;

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use fake_hub::{FakeHub, Fault, Options, VALID_TOKEN, quote};
use support_cli::{Run, cli, fails, hub, run};

/// Retitles the terminal, clears it, forges a second line and a tab-separated field, reverses
/// what follows, hides a character, and starts a C1 control sequence.
const HOSTILE: &str = "x\u{1b}]0;owned\u{7}\u{1b}[2J\r\nforged\tline\u{202e}\u{200b}\u{9b}31m";
/// [`HOSTILE`] as the CLI must show it: visible, on one line, in one field.
const SHOWN: &str =
    r"x\u{1b}]0;owned\u{7}\u{1b}[2J\u{d}\u{a}forged\u{9}line\u{202e}\u{200b}\u{9b}31m";

/// Whether `text` could drive a terminal: any control but the line feeds and tabs that frame
/// records and fields, or a bidi or zero-width character.
fn drives_a_terminal(text: &str) -> bool {
    text.chars().any(|c| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    })
}

/// Asserts the run succeeded with stdout of `records` lines of `fields` fields each, and that
/// nothing it printed could drive a terminal.
fn safe_records(r: &Run, records: usize, fields: usize) {
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!drives_a_terminal(&r.stdout), "{:?}", r.stdout);
    assert!(!drives_a_terminal(&r.stderr), "{:?}", r.stderr);
    assert_eq!(r.stdout.lines().count(), records, "{:?}", r.stdout);
    for line in r.stdout.lines() {
        assert_eq!(line.split('\t').count(), fields, "{line:?}");
    }
}

/// A model whose every mapping field is [`HOSTILE`], served live, beside a plain one.
fn hostile_model(status: &str) -> String {
    let h = quote(HOSTILE);
    format!(
        "{{\"_id\":\"1\",\"id\":\"acme/m\",\"inferenceProviderMapping\":{{\
         {h}:{{\"status\":{status},\"providerId\":{h},\"task\":{h}}},\
         \"novita\":{{\"status\":{h},\"providerId\":\"acme/m\",\"task\":\"conversational\"}}}}}}",
        status = quote(status),
    )
}

/// The router's catalog with `acme/m` served by the provider named [`HOSTILE`], and a model
/// named [`HOSTILE`].
fn hostile_catalog() -> String {
    let h = quote(HOSTILE);
    let provider = format!(
        "{{\"provider\":{h},\"status\":\"live\",\"context_length\":8192,\
         \"pricing\":{{\"input\":1,\"output\":2}},\"supports_tools\":true,\
         \"supports_structured_output\":false,\"first_token_latency_ms\":500,\"throughput\":40}}"
    );
    format!(
        "{{\"object\":\"list\",\"data\":[\
         {{\"id\":\"acme/m\",\"object\":\"model\",\"providers\":[{provider}]}},\
         {{\"id\":{h},\"object\":\"model\",\"providers\":[{provider}]}}]}}"
    )
}

/// The CLI pointed at `hub` and at a router (on another origin) serving [`hostile_catalog`].
fn with_router(hub: &FakeHub, router: &FakeHub) -> Command {
    router.always(Some(Fault::Body(hostile_catalog())));
    let mut cmd = cli(hub);
    cmd.env("HF_ROUTER_URL", router.url());
    cmd
}

fn hub_on(last_octet: u8) -> FakeHub {
    FakeHub::start(Options {
        models: 0,
        host: [127, 0, 0, last_octet].into(),
        ..Options::default()
    })
}

#[test]
fn every_field_a_server_sends_is_printed_escaped_on_its_own_line() {
    let hub = hub(0, 1000);
    let listing = format!(
        "[{{\"_id\":\"1\",\"id\":{}}}]",
        quote(&format!("a/{HOSTILE}"))
    );
    hub.always(Some(Fault::Body(listing)));
    let r = run(&mut cli(&hub), &["models"]);
    safe_records(&r, 1, 1);
    assert_eq!(r.stdout, format!("a/{SHOWN}\n"));

    // --json stays exact: the id reads back as sent.
    let r = run(&mut cli(&hub), &["models", "--json"]);
    assert_eq!((r.code, r.stdout.lines().count()), (0, 1), "{}", r.stderr);
    let back = hf_providers::parse::model_list(format!("[{}]", r.stdout).as_bytes());
    assert_eq!(back.unwrap()[0].id, format!("a/{HOSTILE}"));

    hub.always(Some(Fault::Body(hostile_model("live"))));
    let r = run(&mut cli(&hub), &["providers", "acme/m"]);
    safe_records(&r, 2, 4);
    assert_eq!(
        r.stdout.lines().next().unwrap(),
        format!("{SHOWN}\tlive\t{SHOWN}\t{SHOWN}")
    );
    let r = run(&mut cli(&hub), &["providers", "acme/m", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains(r#"x\u001b]0;owned\u0007\u001b[2J\r\nforged\tline"#),
        "{}",
        r.stdout
    );

    let router = hub_on(1);
    let r = run(
        &mut with_router(&hub, &router),
        &["providers", "acme/m", "--details"],
    );
    safe_records(&r, 2, 12);
    let r = run(
        &mut with_router(&hub, &router),
        &["resolve", "acme/m", "--explain"],
    );
    safe_records(&r, 1, 3);
    assert_eq!(r.stdout, format!("{SHOWN}\t{SHOWN}\t{SHOWN}\n"));
    assert!(r.stderr.contains(SHOWN), "{}", r.stderr);
    let r = run(&mut with_router(&hub, &router), &["catalog"]);
    safe_records(&r, 2, 9);
    assert!(
        r.stdout.starts_with(&format!("acme/m\t{SHOWN}\t8192\t")),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(&format!("\n{SHOWN}\t{SHOWN}\t")),
        "{}",
        r.stdout
    );
}

#[test]
fn provider_names_the_router_lists_that_no_provider_could_have_are_left_out() {
    let hub = hub(0, 1000);
    let router = hub_on(5);
    let p = |name: &str| format!("{{\"provider\":{},\"status\":\"live\"}}", quote(name));
    let providers = [p(".."), p(HOSTILE), p("a/b"), p("groq")].join(",");
    let mut cmd = with_router(&hub, &router);
    router.always(Some(Fault::Body(format!(
        "{{\"object\":\"list\",\"data\":[{{\"id\":\"acme/m\",\"providers\":[{providers}]}}]}}"
    ))));
    let r = run(&mut cmd, &["providers"]);
    safe_records(&r, hf_providers::KNOWN_PROVIDERS.len(), 5);
    let groq = r.stdout.lines().find(|l| l.starts_with("groq\t")).unwrap();
    assert!(groq.ends_with("\t1"), "groq is in the catalog once: {groq}");
    let targets: Vec<String> = hub.seen().into_iter().map(|s| s.target).collect();
    assert!(
        targets
            .iter()
            .all(|t| !t.contains("..") && !t.contains('%')),
        "{targets:?}"
    );
}

#[test]
fn error_lines_show_server_text_escaped() {
    let hub = hub(0, 1000);
    // An unknown status in the "not live" error.
    hub.always(Some(Fault::Body(hostile_model("live"))));
    let err = fails(&mut cli(&hub), &["resolve", "acme/m:novita"], 8);
    assert!(err.contains(SHOWN), "{err}");
    assert!(!drives_a_terminal(err.trim_end()), "{err:?}");

    // A header cannot hold controls (the transport refuses them), but can hold the rest.
    let header = "owned\u{202e}\u{200b}\u{9b}31m".to_owned();
    let body = format!("{{\"error\":{}}}", quote(HOSTILE));
    for (headers, body) in [
        (vec![("X-Error-Message".to_owned(), header)], String::new()),
        (vec![], body.clone()),
        (vec![], format!("<html><title>{HOSTILE}</title></html>")),
    ] {
        hub.always(Some(Fault::Status(500, headers, body)));
        let err = fails(&mut cli(&hub), &["--retries", "0", "status", "a/b"], 6);
        assert!(err.contains("owned"), "{err}");
        assert!(!drives_a_terminal(err.trim_end()), "{err:?}");
    }
    // A JSON engine's message quoting what it could not read.
    hub.always(Some(Fault::Body(format!(
        "{{\"id\":\"acme/m\",\"inferenceProviderMapping\":{}}}",
        quote(HOSTILE)
    ))));
    let err = fails(&mut cli(&hub), &["providers", "acme/m"], 6);
    assert!(!drives_a_terminal(err.trim_end()), "{err:?}");
}

#[test]
fn a_token_the_server_echoes_is_never_printed() {
    let hub = hub(0, 1000);
    let echo = format!("bad token {VALID_TOKEN}");
    let same_origin_with_token = format!("{}/echo/{VALID_TOKEN}?t={VALID_TOKEN}", hub.url());
    let cases = [
        Fault::Status(
            401,
            vec![("X-Error-Message".into(), echo.clone())],
            String::new(),
        ),
        Fault::Status(400, vec![], format!("{{\"error\":{}}}", quote(&echo))),
        Fault::Status(503, vec![], format!("<html><title>{echo}</title></html>")),
        // Followed, with the token; the 404 names the URL it came from.
        Fault::Redirect(same_origin_with_token),
    ];
    for fault in cases {
        hub.push_fault(fault.clone());
        let r = run(
            &mut cli(&hub),
            &["--token", VALID_TOKEN, "--retries", "0", "status", "a/b"],
        );
        assert!(r.code != 0, "{fault:?}");
        assert!(!r.stderr.contains(VALID_TOKEN), "{fault:?}: {}", r.stderr);
        assert!(r.stderr.contains("<redacted>"), "{fault:?}: {}", r.stderr);
        hub.always(None);
    }

    // A redirect to a URL holding credentials is refused, and not printed whole.
    let with_credentials = format!("http://user:hunter2@{}/api/models/a/b", hub.addr());
    hub.push_fault(Fault::Redirect(with_credentials));
    let err = fails(&mut cli(&hub), &["status", "a/b"], 6);
    assert!(!err.contains("hunter2"), "{err}");

    // A token that is not UTF-8 is refused, and not echoed.
    let mut cmd = cli(&hub);
    cmd.arg("--token")
        .arg(OsStr::from_bytes(b"hf_secret\xff"))
        .args(["status", "a/b"]);
    let r = run(&mut cmd, &[]);
    assert_eq!(r.code, 2);
    assert!(!r.stderr.contains("hf_secret"), "{}", r.stderr);
}

/// Runs `cmd`, killing it if it runs past `limit`; returns what it printed and how long it ran.
fn within(cmd: &mut Command, limit: Duration) -> (Run, Duration) {
    let start = Instant::now();
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            child.kill().unwrap();
            panic!("still running after {limit:?}");
        }
        thread::sleep(Duration::from_millis(10));
    }
    let elapsed = start.elapsed();
    let out = child.wait_with_output().unwrap();
    let run = Run {
        code: out.status.code().unwrap(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    };
    (run, elapsed)
}

#[test]
fn a_slow_redirect_chain_ends_at_the_timeout() {
    // Each answer takes 0.3 s: ten redirects and five attempts would take 15 s; --timeout 1
    // bounds them all.
    let hub = FakeHub::start(Options {
        models: 0,
        delay: Duration::from_millis(300),
        ..Options::default()
    });
    hub.always(Some(Fault::Redirect(format!(
        "{}/api/models/a/b",
        hub.url()
    ))));
    let (r, took) = within(
        cli(&hub).args(["--timeout", "1", "status", "a/b"]),
        Duration::from_secs(10),
    );
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert!(r.stderr.contains("timed out"), "{}", r.stderr);
    // Loose: the deadline is 1 s; the bound leaves room for a slow machine.
    assert!(took < Duration::from_secs(4), "{took:?}");

    // A wait longer than the deadline ends the request at once, with the wait.
    hub.always(Some(Fault::Status(
        429,
        vec![("Retry-After".into(), "30".into())],
        String::new(),
    )));
    let (r, took) = within(
        cli(&hub).args(["--timeout", "2", "status", "a/b"]),
        Duration::from_secs(10),
    );
    assert_eq!(r.code, 7, "{}", r.stderr);
    assert!(r.stderr.contains("30"), "{}", r.stderr);
    assert!(took < Duration::from_secs(2), "{took:?}");
}

#[test]
fn a_tight_quota_is_paced_not_hit() {
    let hub = FakeHub::start(Options {
        models: 300,
        page_size: 5,
        quota: Some((5, Duration::from_secs(2))),
        ..Options::default()
    });
    let r = run(
        &mut cli(&hub),
        &["--verbose", "models", "--provider", "all", "--limit", "40"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout.lines().count(), 40);
    assert_eq!(hub.seen().len(), 8);
    assert_eq!(hub.rate_limited(), 0, "a request was spent on a 429");
    assert!(
        r.stderr.starts_with("hf-providers: Hub quota: "),
        "{}",
        r.stderr
    );
    // The router was not asked: it announced nothing, and --verbose says so.
    assert_eq!(
        r.stderr.lines().nth(1),
        Some("hf-providers: router quota: none announced"),
        "{}",
        r.stderr
    );
    assert_eq!(r.stderr.lines().count(), 2, "{}", r.stderr);
}

/// An HTTP proxy that records the head of each request it gets, tunnels `CONNECT`s and
/// forwards absolute-form requests (`GET http://host:port/path`) to their host.
struct RecordingProxy {
    addr: SocketAddr,
    seen: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
}

impl RecordingProxy {
    fn start() -> RecordingProxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (seen2, stop2) = (Arc::clone(&seen), Arc::clone(&stop));
        thread::spawn(move || {
            for client in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(client) = client else { continue };
                let seen = Arc::clone(&seen2);
                thread::spawn(move || relay(client, &seen));
            }
        });
        RecordingProxy { addr, seen, stop }
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The heads received, in order.
    fn seen(&self) -> Vec<String> {
        self.seen.lock().unwrap().clone()
    }

    /// The request line of each head received.
    fn lines(&self) -> Vec<String> {
        self.seen()
            .iter()
            .map(|head| head.lines().next().unwrap_or_default().to_owned())
            .collect()
    }
}

impl Drop for RecordingProxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr);
    }
}

fn relay(mut client: TcpStream, seen: &Mutex<Vec<String>>) {
    let mut head = Vec::new();
    let mut byte = [0];
    while !head.ends_with(b"\r\n\r\n") {
        match client.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    seen.lock().unwrap().push(head.clone());
    let line = head.lines().next().unwrap_or_default();
    let mut words = line.split(' ');
    let (method, target) = (
        words.next().unwrap_or_default(),
        words.next().unwrap_or_default(),
    );
    let (upstream, first) = if method == "CONNECT" {
        (target.to_owned(), None)
    } else if let Some(rest) = target.strip_prefix("http://") {
        // Forwarded in origin-form, without the proxy's own header, one request per connection.
        let split = rest.find('/').unwrap_or(rest.len());
        let (authority, path) = rest.split_at(split);
        let mut forwarded = format!(
            "{method} /{} HTTP/1.1\r\nConnection: close\r\n",
            path.trim_start_matches('/')
        );
        for header in head.split("\r\n").skip(1).filter(|h| !h.is_empty()) {
            let name = header.split(':').next().unwrap_or_default();
            if !name.eq_ignore_ascii_case("proxy-authorization")
                && !name.eq_ignore_ascii_case("connection")
            {
                forwarded.push_str(header);
                forwarded.push_str("\r\n");
            }
        }
        forwarded.push_str("\r\n");
        (authority.to_owned(), Some(forwarded))
    } else {
        let _ = client.write_all(b"HTTP/1.1 501 Not Implemented\r\nContent-Length: 0\r\n\r\n");
        return;
    };
    let Ok(mut server) = TcpStream::connect(&upstream) else {
        let _ = client.write_all(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n");
        return;
    };
    match first {
        Some(forwarded) => {
            if server.write_all(forwarded.as_bytes()).is_err() {
                return;
            }
        }
        None => {
            let _ = client.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n");
        }
    }
    let (mut up_from, mut up_to) = (client.try_clone().unwrap(), server.try_clone().unwrap());
    let up = thread::spawn(move || {
        let _ = std::io::copy(&mut up_from, &mut up_to);
        let _ = up_to.shutdown(Shutdown::Write);
    });
    let (mut down_from, mut down_to) = (server, client);
    let _ = std::io::copy(&mut down_from, &mut down_to);
    let _ = down_to.shutdown(Shutdown::Both);
    let _ = up.join();
}

#[test]
fn proxies_are_read_as_curl_reads_them() {
    let hub = hub(0, 1000);
    let proxy = RecordingProxy::start();
    let p = proxy.url();
    let port = hub.addr().port();
    let own_port = format!("127.0.0.1:{port}");
    // (variables, whether the request goes through the proxy)
    let cases: Vec<(Vec<(&str, &str)>, bool)> = vec![
        (vec![("http_proxy", &p)], true),
        (vec![("HTTP_PROXY", &p)], true),
        (vec![("ALL_PROXY", &p)], true),
        (vec![("all_proxy", &p)], true),
        // Not for http:// targets: the token of an http:// mirror stays off it.
        (vec![("HTTPS_PROXY", &p)], false),
        (vec![("https_proxy", &p)], false),
        // httpoxy: in a CGI request, HTTP_PROXY may come from a request header.
        (vec![("HTTP_PROXY", &p), ("REQUEST_METHOD", "GET")], false),
        (vec![("http_proxy", &p), ("REQUEST_METHOD", "GET")], true),
        (
            vec![("http_proxy", &p), ("NO_PROXY", "example.com, 127.0.0.1")],
            false,
        ),
        (vec![("http_proxy", &p), ("no_proxy", "127.0.0.0/8")], false),
        (vec![("http_proxy", &p), ("NO_PROXY", &own_port)], false),
        (vec![("http_proxy", &p), ("NO_PROXY", "127.0.0.1:1")], true),
        (vec![("http_proxy", &p), ("NO_PROXY", "*")], false),
        (
            vec![("http_proxy", &p), ("NO_PROXY", ".example.com,10.0.0.0/8")],
            true,
        ),
        (vec![("http_proxy", &p), ("NO_PROXY", "[::1], ::1")], true),
    ];
    let mut forwarded = 0;
    for (vars, through) in cases {
        let mut cmd = cli(&hub);
        cmd.envs(vars.iter().copied());
        let r = run(&mut cmd, &["status", "google/gemma-3-27b-it"]);
        assert_eq!(
            (r.code, r.stdout.as_str()),
            (0, "warm\n"),
            "{vars:?}: {}",
            r.stderr
        );
        if through {
            forwarded += 1;
        }
        let seen = proxy.lines();
        assert_eq!(seen.len(), forwarded, "{vars:?}: {seen:?}");
        if through {
            // An http:// target: a plain proxied request naming the whole URL, no CONNECT.
            let line = &seen[forwarded - 1];
            let expected = format!("GET http://{own_port}/api/models/google/gemma-3-27b-it?");
            assert!(line.starts_with(&expected), "{vars:?}: {line}");
            assert!(line.ends_with(" HTTP/1.1"), "{vars:?}: {line}");
        }
    }

    // A proxy that cannot be used is an error, never a reason to go direct.
    let closed = {
        let gone = TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", gone.local_addr().unwrap())
    };
    let before = hub.seen().len();
    for (name, value, code, says) in [
        ("http_proxy", "socks5://127.0.0.1:1080", 2, "SOCKS"),
        ("ALL_PROXY", "socks5h://127.0.0.1:1080", 2, "SOCKS"),
        ("http_proxy", "ftp://127.0.0.1:21", 2, "http_proxy"),
        ("NO_PROXY", "10.0.0.0/99", 2, "NO_PROXY"),
        ("http_proxy", closed.as_str(), 5, "connect"),
    ] {
        let mut cmd = cli(&hub);
        cmd.env(name, value).args(["--retries", "0"]);
        let err = fails(&mut cmd, &["status", "a/b"], code);
        assert!(err.contains(says), "{name}={value}: {err}");
    }
    assert_eq!(hub.seen().len(), before, "a request went around the proxy");
}

#[test]
fn a_proxy_gets_http_targets_in_absolute_form_and_https_ones_by_connect() {
    let hub = hub(0, 1000);
    let proxy = RecordingProxy::start();
    let own_port = format!("127.0.0.1:{}", hub.addr().port());
    // Credentials in the proxy URL are percent-decoded into Proxy-Authorization, which the
    // proxy keeps: the Hub never sees it.
    let with_credentials = format!("http://us%3Ar:p%40ss@{}", proxy.addr);
    let mut cmd = cli(&hub);
    cmd.env("http_proxy", &with_credentials);
    let r = run(&mut cmd, &["providers", "google/gemma-3-27b-it"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let heads = proxy.seen();
    assert_eq!(heads.len(), 1, "{heads:?}");
    let head = heads[0].to_ascii_lowercase();
    assert!(head.starts_with("get http://127.0.0.1:"), "{head}");
    assert!(
        head.contains(&format!("\r\nhost: {own_port}\r\n")),
        "{head}"
    );
    // base64("us:r:p@ss")
    assert!(
        head.contains("\r\nproxy-authorization: basic dxm6cjpwqhnz\r\n"),
        "{head}"
    );
    assert!(
        !r.stderr.contains("p@ss") && !r.stderr.contains("p%40ss"),
        "{}",
        r.stderr
    );

    // An https:// target is tunnelled: the proxy sees only CONNECT, never the request (the
    // TLS handshake with the plain-HTTP fake Hub then fails, which is beside the point).
    let mut cmd = cli(&hub);
    cmd.env("HF_ENDPOINT", format!("https://{own_port}"))
        .env("https_proxy", proxy.url())
        .args(["--retries", "0", "--timeout", "1"]);
    let r = run(&mut cmd, &["status", "google/gemma-3-27b-it"]);
    assert_ne!(r.code, 0, "{}", r.stdout);
    assert_eq!(
        proxy.lines().get(1).map(String::as_str),
        Some(format!("CONNECT {own_port} HTTP/1.1").as_str())
    );
}

#[test]
fn a_registration_goes_through_the_proxy_with_its_body() {
    let hub = hub(0, 1000);
    let proxy = RecordingProxy::start();
    let dir = scratch("proxied-write");
    let wanted = dir.join("wanted.tsv");
    std::fs::write(
        &wanted,
        "text-to-image\tblack-forest-labs/FLUX.1-dev\tflux\tlive\n",
    )
    .unwrap();
    let mut cmd = cli(&hub);
    cmd.env("http_proxy", proxy.url())
        .env("HF_TOKEN", fake_hub::VALID_TOKEN);
    let provider = fake_hub::partners::NEW_PROVIDER;
    let r = run(
        &mut cmd,
        &[
            "partner",
            "apply",
            provider,
            wanted.to_str().unwrap(),
            "--yes",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("\tregistered as "), "{}", r.stdout);
    assert_eq!(hub.partner_entries(provider).len(), 1);
    let lines = proxy.lines();
    let expected = format!(
        "POST http://127.0.0.1:{}/api/partners/{provider}/models",
        hub.addr().port()
    );
    assert!(lines.iter().any(|l| l.starts_with(&expected)), "{lines:?}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_variable_that_is_not_utf8_is_an_error_naming_it() {
    let hub = hub(0, 1000);
    let not_utf8 = OsStr::from_bytes(b"http://127.0.0.1:1/\xff");
    for name in [
        "HF_ENDPOINT",
        "HF_ROUTER_URL",
        "HF_TOKEN",
        "HF_HUB_DISABLE_IMPLICIT_TOKEN",
        "http_proxy",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "NO_PROXY",
        "REQUEST_METHOD",
    ] {
        let mut cmd = cli(&hub);
        cmd.env(name, not_utf8);
        let err = fails(&mut cmd, &["status", "google/gemma-3-27b-it"], 2);
        assert!(err.contains(name), "{name}: {err}");
    }
    assert!(hub.seen().is_empty());

    // A path may be any path the system allows: a token file by a name that is not UTF-8 is
    // looked for (and, absent, means no token).
    let mut cmd = cli(&hub);
    cmd.env("HF_TOKEN_PATH", OsStr::from_bytes(b"/nonexistent/\xff"));
    let r = run(&mut cmd, &["status", "google/gemma-3-27b-it"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, "warm\n"), "{}", r.stderr);
}

/// A fresh directory under Cargo's scratch space for this test binary.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("hostile-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_token_file_that_is_not_a_small_regular_file_fails_fast() {
    let hub = hub(0, 1000);
    let dir = scratch("token-file");
    let fifo = dir.join("fifo");
    let status = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(status.success());
    let big = dir.join("big");
    std::fs::write(&big, "x".repeat(64 * 1024 + 1)).unwrap();
    for (path, says) in [
        (fifo.as_path(), "not a regular file"),
        ("/dev/zero".as_ref(), "not a regular file"),
        (dir.as_path(), "not a regular file"),
        (big.as_path(), "larger than 64 KiB"),
    ] {
        let (r, _) = within(
            cli(&hub).env("HF_TOKEN_PATH", path).args(["status", "a/b"]),
            Duration::from_secs(10),
        );
        assert_eq!(r.code, 2, "{path:?}: {}", r.stderr);
        assert!(r.stderr.contains(says), "{path:?}: {}", r.stderr);
    }
    assert!(hub.seen().is_empty());
    // The same file through HF_HOME.
    std::fs::rename(&fifo, dir.join("token")).unwrap();
    let (r, _) = within(
        cli(&hub).env("HF_HOME", &dir).args(["status", "a/b"]),
        Duration::from_secs(10),
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A token of the Hub's length, for the tests that need one a server can echo in part.
const LONG_TOKEN: &str = "hf_TokenOf37CharactersXyzw0123456789A";

/// Panics if `text` holds any 8-character piece of [`LONG_TOKEN`].
fn no_piece_of_the_token(text: &str, context: &str) {
    for piece in LONG_TOKEN.as_bytes().windows(8) {
        let piece = std::str::from_utf8(piece).unwrap();
        assert!(!text.contains(piece), "{context}: {piece:?} in {text:?}");
    }
}

#[test]
fn a_token_echoed_across_the_cut_of_a_message_never_reaches_stderr() {
    let hub = hub(0, 1000);
    let run_with = |fault: Fault, args: &[&str]| {
        hub.push_fault(fault);
        let mut all = vec!["--token", LONG_TOKEN, "--retries", "0"];
        all.extend_from_slice(args);
        run(&mut cli(&hub), &all)
    };
    let status = ["status", "google/gemma-3-27b-it"];
    // Every offset around the 300 characters kept of a message.
    for at in 250..=310 {
        let echo = format!("{}{LONG_TOKEN}", "h".repeat(at));
        let header = vec![("X-Error-Message".into(), echo)];
        let r = run_with(Fault::Status(401, header, String::new()), &status);
        assert_eq!(r.code, 3, "{}", r.stderr);
        no_piece_of_the_token(&r.stderr, &format!("X-Error-Message at {at}"));
    }
    for at in [0, 262, 263, 264, 280, 299] {
        let echo = format!("{}{LONG_TOKEN}", "h".repeat(at));
        let json = format!("{{\"error\":{}}}", quote(&echo));
        let cases = [
            (Fault::Status(400, vec![], json), &status[..]),
            (
                Fault::Status(
                    404,
                    vec![("X-Error-Code".into(), echo.clone())],
                    String::new(),
                ),
                &status[..],
            ),
            (
                Fault::Status(503, vec![], format!("<html><title>{echo}</title></html>")),
                &status[..],
            ),
            // The router's OpenAI-style error.
            (
                Fault::Status(
                    500,
                    vec![],
                    format!("{{\"error\":{{\"message\":{}}}}}", quote(&echo)),
                ),
                &["catalog"][..],
            ),
        ];
        for (fault, args) in cases {
            let shown = format!("{fault:?}");
            let r = run_with(fault, args);
            assert_ne!(r.code, 0, "{shown}");
            no_piece_of_the_token(&r.stderr, &format!("{shown} at {at}"));
        }
    }
}

#[test]
fn absurd_quota_and_wait_headers_leave_every_command_its_ordinary_exit_code() {
    // Three pages for `models`, so a second request follows each announcement.
    let hub = hub(30, 10);
    let max = u64::MAX;
    let model = "google/gemma-3-27b-it";
    for (name, value) in [
        ("RateLimit", format!("\"api\";r=0;t={max}")),
        ("Retry-After", max.to_string()),
        (
            "RateLimit-Policy",
            format!("\"fixed window\";\"api\";q={max};w={max}"),
        ),
    ] {
        let header = vec![(name.to_owned(), value.clone())];
        hub.always(Some(Fault::Headers(header.clone())));
        for args in [
            &["models", "--limit", "25"][..],
            &["status", model],
            &["providers", model],
            &["providers", model, "--details"],
            &["resolve", model],
            &["catalog"],
            &["--verbose", "status", model],
        ] {
            let r = run(&mut cli(&hub), args);
            assert_eq!(r.code, 0, "{name}: {args:?}: {}", r.stderr);
        }
        // The same on a 429: rate limited, the ordinary way.
        hub.always(Some(Fault::Status(429, header, String::new())));
        let r = run(&mut cli(&hub), &["--retries", "1", "status", model]);
        assert_eq!(r.code, 7, "{name}: {}", r.stderr);
        hub.always(None);
    }
}

/// What a terminal could be driven by or fooled with: controls, DEL, the line separators,
/// bidi controls, and characters that show as nothing.
const SNEAKY: &str = "x\u{9b}31m\u{85}\u{7f}\u{2028}\u{202e}\u{2066}\u{e0041}\u{3164}\u{ad}y";

/// Whether `text` holds any character of [`SNEAKY`] raw.
fn holds_sneaky(text: &str) -> bool {
    text.chars()
        .any(|c| SNEAKY.chars().any(|s| s == c && !s.is_ascii_alphanumeric()))
}

/// Whether some string of the JSON `line` decodes to exactly `want` (Python's reading).
fn json_holds(line: &str, want: &str) -> bool {
    let script = "import json,sys\n\
        def strings(v):\n\
        \x20   if isinstance(v, str): yield v\n\
        \x20   elif isinstance(v, dict):\n\
        \x20       for k, x in v.items(): yield k; yield from strings(x)\n\
        \x20   elif isinstance(v, list):\n\
        \x20       for x in v: yield from strings(x)\n\
        want = sys.argv[1]\n\
        sys.exit(0 if any(want in s for s in strings(json.loads(sys.stdin.read()))) else 1)";
    let mut child = Command::new("python3")
        .args(["-c", script, want])
        .stdin(Stdio::piped())
        .spawn()
        .expect("python3");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(line.as_bytes())
        .unwrap();
    child.wait().unwrap().success()
}

#[test]
fn json_output_is_exact_and_safe_on_a_terminal() {
    let hub = hub(0, 1000);
    let router = hub_on(3);
    let s = quote(SNEAKY);
    let sneaky_model = format!(
        "{{\"_id\":\"1\",\"id\":\"acme/m\",\"inferenceProviderMapping\":{{\
         {s}:{{\"status\":\"live\",\"providerId\":{s},\"task\":{s}}}}}}}"
    );
    let catalog = format!(
        "{{\"object\":\"list\",\"data\":[{{\"id\":\"acme/m\",\"providers\":[\
         {{\"provider\":{s},\"status\":\"live\",\"throughput\":9}}]}}]}}"
    );
    router.always(Some(Fault::Body(catalog)));
    let mut cases: Vec<(Fault, Vec<&str>)> = vec![
        (
            Fault::Body(format!(
                "[{{\"_id\":\"1\",\"id\":{}}}]",
                quote(&format!("a/{SNEAKY}"))
            )),
            vec!["models", "--json"],
        ),
        (
            Fault::Body(sneaky_model.clone()),
            vec!["providers", "acme/m", "--json"],
        ),
        (
            Fault::Body(sneaky_model.clone()),
            vec!["providers", "acme/m", "--details", "--json"],
        ),
        (
            Fault::Body(sneaky_model),
            vec!["resolve", "acme/m", "--json"],
        ),
    ];
    cases.push((Fault::Pass, vec!["catalog", "--json"]));
    for (fault, args) in cases {
        hub.always(Some(fault));
        let mut cmd = cli(&hub);
        cmd.env("HF_ROUTER_URL", router.url());
        let r = run(&mut cmd, &args);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        assert!(!holds_sneaky(&r.stdout), "{args:?}: {:?}", r.stdout);
        assert!(
            r.stdout
                .contains(r"\u009b31m\u0085\u007f\u2028\u202e\u2066\udb40\udc41\u3164\u00ady"),
            "{args:?}: {}",
            r.stdout
        );
        for line in r.stdout.lines() {
            assert!(json_holds(line, SNEAKY), "{args:?}: {line}");
        }
    }
    // And in text: every one of them shown as an escape.
    hub.always(Some(Fault::Body(format!(
        "[{{\"_id\":\"1\",\"id\":{}}}]",
        quote(&format!("a/{SNEAKY}"))
    ))));
    let r = run(&mut cli(&hub), &["models"]);
    assert_eq!(
        r.stdout,
        "a/x\\u{9b}31m\\u{85}\\u{7f}\\u{2028}\\u{202e}\\u{2066}\\u{e0041}\\u{3164}\\u{ad}y\n"
    );
}

/// A catalog for `acme/m` whose numbers cannot all be true, with a provider and the model
/// listed twice (the first entry of each is the one that counts).
fn odd_catalog() -> String {
    let p =
        |name: &str, rest: &str| format!("{{\"provider\":\"{name}\",\"status\":\"live\"{rest}}}");
    let providers = [
        p(
            "negative",
            ",\"pricing\":{\"input\":-1,\"output\":-5},\"throughput\":-3",
        ),
        p(
            "minus-zero",
            ",\"pricing\":{\"input\":0.1,\"output\":-0.0},\"context_length\":0",
        ),
        p(
            "huge",
            ",\"pricing\":{\"input\":1,\"output\":9},\"throughput\":1e308",
        ),
        p(
            "fair",
            ",\"pricing\":{\"input\":1,\"output\":3},\"throughput\":40",
        ),
        p(
            "huge",
            ",\"pricing\":{\"input\":0,\"output\":0},\"throughput\":0",
        ),
    ]
    .join(",");
    format!(
        "{{\"object\":\"list\",\"data\":[{{\"id\":\"acme/m\",\"providers\":[{providers}]}},\
         {{\"id\":\"acme/m\",\"providers\":[{}]}}]}}",
        p("second-listing", ",\"throughput\":1000")
    )
}

#[test]
fn numbers_that_cannot_be_true_count_as_unpublished_and_print_as_sent() {
    let hub = hub(0, 1000);
    let router = hub_on(4);
    router.always(Some(Fault::Body(odd_catalog())));
    let mapping = ["negative", "minus-zero", "huge", "fair", "second-listing"]
        .iter()
        .map(|p| {
            format!(
                "\"{p}\":{{\"status\":\"live\",\"providerId\":\"{p}\",\"task\":\"conversational\"}}"
            )
        })
        .collect::<Vec<_>>()
        .join(",");
    hub.always(Some(Fault::Body(format!(
        "{{\"id\":\"acme/m\",\"inferenceProviderMapping\":{{{mapping}}}}}"
    ))));
    let resolve = |policy: &str| {
        let mut cmd = cli(&hub);
        cmd.env("HF_ROUTER_URL", router.url());
        run(
            &mut cmd,
            &["resolve", &format!("acme/m:{policy}"), "--explain"],
        )
    };
    // A negative or -0 price never wins `cheapest`: `fair` does, the others say why.
    let r = resolve("cheapest");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("fair\t"), "{}", r.stdout);
    assert!(r.stderr.contains("invalid price"), "{}", r.stderr);
    // A price below zero does not pass a price limit either.
    let mut cmd = cli(&hub);
    cmd.env("HF_ROUTER_URL", router.url());
    let r = run(
        &mut cmd,
        &["resolve", "acme/m:negative", "--max-price", "10"],
    );
    assert_eq!(r.code, 8, "{}", r.stderr);
    // `fastest`: 1e308 is a throughput (huge, but possible); -3 is not, and says so. The second
    // listing of the model and the second entry of `huge` are ignored.
    let r = resolve("fastest");
    assert!(r.stdout.starts_with("huge\t"), "{}", r.stdout);
    assert!(r.stderr.contains("invalid throughput"), "{}", r.stderr);
    assert!(
        r.stderr.contains("second-listing") && r.stderr.contains("not in the router"),
        "{}",
        r.stderr
    );
    // The catalog lists each model and provider once, and prints numbers as they were sent.
    let mut cmd = cli(&hub);
    cmd.env("HF_ROUTER_URL", router.url());
    let r = run(&mut cmd, &["catalog"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout.lines().count(), 4, "{}", r.stdout);
    let huge = r.stdout.lines().find(|l| l.contains("\thuge\t")).unwrap();
    // (As the JSON engine writes it: `1e+308` or `1e308`.)
    assert!(
        huge.contains("\t1e+308\t") || huge.contains("\t1e308\t"),
        "{huge}"
    );
    assert!(!r.stdout.contains("922337203685477580"), "{}", r.stdout);
    let negative = r
        .stdout
        .lines()
        .find(|l| l.contains("\tnegative\t"))
        .unwrap();
    assert!(negative.contains("\t-1\t-5\t-3.0\t"), "{negative}");
}

#[test]
fn a_model_the_hub_does_not_know_is_told_without_waiting_for_the_router() {
    let hub = hub(0, 1000);
    let router = hub_on(5);
    router.always(Some(Fault::Hang));
    for args in [
        &["--timeout", "30", "resolve", "nobody/nothing"][..],
        &[
            "--timeout",
            "30",
            "providers",
            "nobody/nothing",
            "--details",
        ],
    ] {
        let mut cmd = cli(&hub);
        cmd.env("HF_ROUTER_URL", router.url());
        let (r, took) = within(cmd.args(args), Duration::from_secs(25));
        assert_eq!(r.code, 3, "{args:?}: {}", r.stderr);
        // The Hub's 404 decides: nothing near the 30 s the hanging router would take.
        assert!(took < Duration::from_secs(10), "{args:?}: {took:?}");
    }
    router.always(None);
}
