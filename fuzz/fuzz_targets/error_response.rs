//! The error mapping: status, headers and body of an error answer, written as a raw HTTP
//! response (`HTTP/1.1 404 Not Found\r\nName: value\r\n\r\nbody`) so the fixtures are seeds.
//! Never a panic, and the result obeys the mapping's rules.
#![no_main]

use hf_providers::proto::{Subject, error_for};
use hf_providers::{Error, ServiceError, Response, Service};
use libfuzzer_sys::fuzz_target;

const URL: &str = "https://huggingface.co/api/models/acme/model";

fn response(data: &[u8]) -> Option<Response> {
    let split = data
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| (i, 4))
        .or_else(|| data.windows(2).position(|w| w == b"\n\n").map(|i| (i, 2)));
    let (head, body) = match split {
        Some((i, n)) => (&data[..i], &data[i + n..]),
        None => (data, &[][..]),
    };
    let head = String::from_utf8_lossy(head);
    let mut lines = head.lines();
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers = lines
        .map(|l| {
            let (n, v) = l.split_once(':').unwrap_or((l, ""));
            (n.to_owned(), v.strip_prefix(' ').unwrap_or(v).to_owned())
        })
        .collect();
    Some(Response::new(status, headers, body.to_vec()))
}

fn hub(e: &Error) -> &ServiceError {
    match e {
        Error::NotFound(h) | Error::Unauthorized(h) | Error::Forbidden(h) | Error::Http(h) => h,
        Error::RateLimited { error, .. } => error,
        other => panic!("an error answer became {other:?}"),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some(resp) = response(data) else {
        return;
    };
    let as_repo = error_for(&resp, URL, Service::Hub, Subject::Repository, None);
    let as_other = error_for(&resp, URL, Service::Hub, Subject::Other, None);
    for e in [&as_repo, &as_other] {
        let h = hub(e);
        assert_eq!((h.status, h.url.as_str()), (resp.status, URL));
        for text in h.code.iter().chain(&h.message) {
            // Server text is printed to terminals: nothing that could drive one, and at most
            // 300 of the server's characters, each shown in at most 10 (`\u{10ffff}`).
            let unsafe_char = |c: char| {
                c.is_control() || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}')
            };
            assert!(!text.chars().any(unsafe_char), "{text:?}");
            assert!(text.chars().count() <= 3001, "{text:?}");
        }
        let shown = e.to_string();
        assert!(!shown.contains('\x1b'), "{shown:?}");
    }
    // Only a 401 depends on whether the URL names a repository.
    if resp.status != 401 {
        assert_eq!(as_repo, as_other);
    }
    // The `X-Error-Code` decides first; a 404 without a code saying otherwise is not found.
    let code = resp.header("x-error-code").map(str::trim);
    let forbidden = matches!(code, Some("GatedRepo" | "DisabledRepo"));
    if resp.status == 404 && !forbidden {
        assert!(matches!(as_repo, Error::NotFound(_)), "{as_repo:?}");
    }
    // (The retry decision on any answer is the `exchange` target's.)
});
