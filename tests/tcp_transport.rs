//! The example's plain-HTTP transport (`examples/tcp_transport/transport.rs`) against a std-only
//! HTTP server on 127.0.0.1, driven by the `Client`: paging by `Link`, both body framings, and
//! the body limit while reading.
#![cfg(not(target_os = "wasi"))]

#[path = "../examples/tcp_transport/transport.rs"]
mod transport;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use hf_providers::{
    Client, Config, Endpoint, ListModels, Request, Token, Transport, TransportErrorKind,
};
use transport::TcpTransport;

/// A server on a port the OS picks; it answers one connection per answer, in order, then stops.
struct Server {
    base: String,
    thread: JoinHandle<Vec<String>>,
}

impl Server {
    /// `answers` may use `{base}` for the server's own URL (for `Link` headers).
    fn start(answers: &[&str]) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let answers: Vec<String> = answers.iter().map(|a| a.replace("{base}", &base)).collect();
        let thread = thread::spawn(move || serve(listener, answers));
        Server { base, thread }
    }

    /// Waits for the server to stop and returns the request heads it read.
    fn requests(self) -> Vec<String> {
        self.thread.join().unwrap()
    }
}

fn serve(listener: TcpListener, answers: Vec<String>) -> Vec<String> {
    // Polling with a deadline, so a client that never comes cannot hang the test.
    listener.set_nonblocking(true).unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut heads = Vec::new();
    for answer in answers {
        let stream = loop {
            match listener.accept() {
                Ok((stream, _)) => break stream,
                Err(_) if Instant::now() < deadline => thread::sleep(Duration::from_millis(5)),
                Err(_) => return heads,
            }
        };
        stream.set_nonblocking(false).unwrap();
        let mut head = String::new();
        let mut reader = BufReader::new(&stream);
        while reader.read_line(&mut head).unwrap() > 2 {}
        heads.push(head);
        // The client may hang up early (a body over its limit): not an error here.
        let _ = (&stream).write_all(answer.as_bytes());
    }
    heads
}

/// A `200` with `headers` (each ending in CRLF) and `body`, framed by `Content-Length`.
fn with_length(headers: &str, body: &str) -> String {
    let length = body.len();
    format!("HTTP/1.1 200 OK\r\n{headers}Content-Length: {length}\r\n\r\n{body}")
}

fn client(base: &str) -> Client<TcpTransport> {
    let mut config = Config::default();
    config.endpoint = Endpoint::parse(base).unwrap();
    config.router = config.endpoint.clone();
    config.token = Some(Token::new("hf_local").unwrap());
    Client::new(TcpTransport::new(&config), config)
}

#[test]
fn lists_models_across_pages() {
    let server = Server::start(&[
        // Framed by Content-Length, with the next page's link.
        &with_length(
            "Link: <{base}/api/models?inference_provider=all&cursor=2>; rel=\"next\"\r\n",
            r#"[{"id":"a/1"},{"id":"a/2"}]"#,
        ),
        // Chunked, split inside the JSON.
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\
         6\r\n[{\"id\"\r\n8;ext=1\r\n:\"b/3\"}]\r\n0\r\n\r\n",
    ]);
    let client = client(&server.base);
    let ids: Vec<String> = client
        .list_models(&ListModels::new().any_inference_provider())
        .map(|m| m.map(|m| m.id))
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(ids, ["a/1", "a/2", "b/3"]);

    let host = server.base.strip_prefix("http://").unwrap().to_owned();
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert!(requests[0].starts_with("GET /api/models?inference_provider=all HTTP/1.1\r\n"));
    assert!(
        requests[1].starts_with("GET /api/models?inference_provider=all&cursor=2 HTTP/1.1\r\n")
    );
    for request in &requests {
        assert!(
            request.contains(&format!("\r\nHost: {host}\r\n")),
            "{request}"
        );
        assert!(request.contains("\r\nConnection: close\r\n"), "{request}");
        assert!(
            request.contains("\r\nauthorization: Bearer hf_local\r\n"),
            "{request}"
        );
    }
}

#[test]
fn reads_a_body_that_ends_with_the_connection() {
    let server = Server::start(
        &["HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n\
         {\"id\":\"google/gemma-3-27b-it\",\"inference\":\"warm\"}"],
    );
    let status = client(&server.base).model_status("google/gemma-3-27b-it");
    assert!(status.unwrap().is_some_and(|s| s.is_warm()));
    let requests = server.requests();
    assert!(requests[0].starts_with("GET /api/models/google/gemma-3-27b-it?expand[]=inference "));
}

#[test]
fn reads_each_body_framing() {
    let server = Server::start(&[
        &with_length("X-Repeated: 1\r\nx-repeated: 2\r\n", "hello"),
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhe\r\n3;x=y\r\nllo\r\n0\r\n\r\n",
        "HTTP/1.1 404 Not Found\r\n\r\nhello",
    ]);
    let transport = TcpTransport::new(&Config::default());
    let request = Request::get(format!("{}/x", server.base));
    let first = transport.send(&request).unwrap();
    assert_eq!(
        first.headers_named("x-repeated").collect::<Vec<_>>(),
        ["1", "2"]
    );
    for response in [first, transport.send(&request).unwrap()] {
        assert_eq!((response.status, &response.body[..]), (200, &b"hello"[..]));
    }
    let not_found = transport.send(&request).unwrap();
    assert_eq!(
        (not_found.status, &not_found.body[..]),
        (404, &b"hello"[..])
    );
    server.requests();
}

#[test]
fn stops_reading_past_the_body_limit() {
    let big = format!("[{}]", "0,".repeat(50_000) + "0");
    let server = Server::start(&[
        &with_length("", &big),
        &format!("HTTP/1.1 200 OK\r\n\r\n{big}"),
        &format!(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n{big}\r\n0\r\n\r\n",
            big.len()
        ),
        "HTTP/1.1 200 OK\r\n\r\n0123456789",
    ]);
    let request = Request::get(format!("{}/api/models", server.base)).with_max_body_bytes(10);
    let transport = TcpTransport::new(&Config::default());
    for framing in ["content-length", "close", "chunked"] {
        let err = transport.send(&request).unwrap_err();
        assert_eq!(
            err.kind(),
            TransportErrorKind::BodyTooLarge,
            "{framing}: {err}"
        );
    }
    // Exactly at the limit is fine.
    assert_eq!(transport.send(&request).unwrap().body, b"0123456789");
    server.requests();
}

#[test]
fn writes_go_with_their_method_and_body() {
    let server = Server::start(&[&with_length("", r#"{"_id":"66e2"}"#), &with_length("", "")]);
    let c = client(&server.base);
    let new = hf_providers::NewMapping::new(
        "conversational",
        hf_providers::MappingTarget::Model("a/b".into()),
        "x",
    );
    assert_eq!(c.register_mapping("fal-ai", &new).unwrap(), "66e2");
    c.delete_mapping("fal-ai", "66e2").unwrap();
    let heads = server.requests();
    assert!(
        heads[0].starts_with("POST /api/partners/fal-ai/models HTTP/1.1"),
        "{heads:?}"
    );
    let length = format!("Content-Length: {}", new.body().len());
    assert!(heads[0].contains(&length), "{heads:?}");
    assert!(
        heads[1].starts_with("DELETE /api/partners/fal-ai/models/66e2 "),
        "{heads:?}"
    );
}

#[test]
fn absurd_chunk_sizes_and_endless_lines_are_errors() {
    let long_line = format!("HTTP/1.1 200 OK\r\nX: {}", "a".repeat(100_000));
    let server = Server::start(&[
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\nffffffffffffffff\r\n",
        &long_line,
    ]);
    let request = Request::get(format!("{}/api/models", server.base));
    let transport = TcpTransport::new(&Config::default());
    let err = transport.send(&request).unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::BodyTooLarge, "{err}");
    let err = transport.send(&request).unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Io, "{err}");
    server.requests();
}

#[test]
fn refuses_https_and_reports_refused_connections() {
    let transport = TcpTransport::new(&Config::default());
    let err = transport
        .send(&Request::get("https://huggingface.co/api/models"))
        .unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::InvalidRequest);

    // A port that was free a moment ago: nothing listens there.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}/api/models");
    let err = transport.send(&Request::get(url)).unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Connect, "{err}");
}
