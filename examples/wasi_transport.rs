//! A transport for WASI, which has no sockets: the module asks its host to make each request
//! and reads the host's answer. Here the channel is stdio, which every WASI runtime gives a
//! guest; a host function or files work the same way.
//!
//! - Request, on stdout: `METHOD <url>`, one `name: value` line per header, an empty line, and
//!   for a write its body (as many bytes as its `Content-Length` line says).
//! - Answer, on stdin: an HTTP/1.1 response, i.e. status line, headers, empty line, and exactly
//!   `Content-Length` bytes of body (the length is what separates one answer from the next).
//!
//! The host does the HTTPS request (and can add the token itself, so the guest never sees it).
//! Because stdout carries the requests, this program writes its results to stderr.
//!
//! ```sh
//! cargo build --example wasi_transport --target wasm32-wasip1 --no-default-features --features miniserde
//! ```
//!
//! `.ci/wasi-test` runs it under Node's WASI with recorded answers on stdin.

use std::io::{self, BufRead, Read, Write};

use hf_providers::{
    Client, Config, Request, Response, Transport, TransportError, TransportErrorKind as Kind,
};

/// Hands each request to the host over stdout and reads the answer from stdin.
struct StdioTransport;

impl Transport for StdioTransport {
    fn send(&self, request: &Request) -> Result<Response, TransportError> {
        let mut head = format!("{} {}\n", request.method().as_str(), request.url());
        for (name, value) in request.headers() {
            head += &format!("{name}: {value}\n");
        }
        let body = request.body();
        if !body.is_empty() {
            head += &format!("Content-Length: {}\n", body.len());
        }
        // Flushed at once: the host answers only once it has the whole request.
        let mut out = io::stdout().lock();
        writeln!(out, "{head}")
            .and_then(|()| out.write_all(body))
            .and_then(|()| out.flush())
            .map_err(broken)?;

        let mut input = io::stdin().lock();
        let status_line = read_line(&mut input)?;
        let status = status_line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| broken(format!("bad status line {status_line:?}")))?;
        let mut headers = Vec::new();
        loop {
            let line = read_line(&mut input)?;
            if line.is_empty() {
                break;
            }
            let (name, value) = line
                .split_once(':')
                .ok_or_else(|| broken(format!("bad header line {line:?}")))?;
            headers.push((name.trim().to_owned(), value.trim().to_owned()));
        }
        let mut response = Response::new(status, headers, Vec::new());
        let length: u64 = response
            .header("content-length")
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| broken("the answer has no Content-Length"))?;
        let mut body = input.take(length);
        if length > request.max_body_bytes() {
            // Skip it, so that the next answer is read from where it starts.
            io::copy(&mut body, &mut io::sink()).map_err(broken)?;
            let message = format!("{length} bytes, over {}", request.max_body_bytes());
            return Err(TransportError::new(Kind::BodyTooLarge, message));
        }
        body.read_to_end(&mut response.body).map_err(broken)?;
        if response.body.len() as u64 != length {
            return Err(broken("stdin ended inside a body"));
        }
        Ok(response)
    }
}

/// One line without its line ending; the end of stdin is an error, since an answer is due.
fn read_line(input: &mut impl BufRead) -> Result<String, TransportError> {
    let mut line = String::new();
    match input.read_line(&mut line) {
        Ok(0) => Err(broken("stdin ended before the answer")),
        Ok(_) => Ok(line.trim_end_matches(['\r', '\n']).to_owned()),
        Err(e) => Err(broken(e)),
    }
}

/// The channel to the host is gone or out of step. Network failures are the host's to report
/// (as a 502, say); a retry here would only read the next answer out of step, so the kind is
/// one the client never retries.
fn broken(message: impl std::fmt::Display) -> TransportError {
    TransportError::new(Kind::InvalidRequest, format!("host channel: {message}"))
}

fn main() -> Result<(), hf_providers::Error> {
    let model = std::env::args().nth(1);
    let model = model.as_deref().unwrap_or("google/gemma-3-27b-it");
    let client = Client::new(StdioTransport, Config::default());
    for provider in client.model_providers(model)? {
        eprintln!(
            "{}\t{}\t{}",
            provider.provider, provider.status, provider.provider_id
        );
    }
    Ok(())
}
