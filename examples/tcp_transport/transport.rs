//! A custom [`Transport`]: plain HTTP/1.1 over `std::net::TcpStream`, one connection per request.
//! Used by `examples/tcp_transport.rs` and tested by `tests/tcp_transport.rs`.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

use hf_providers::{
    Config, Request, Response, Transport, TransportError, TransportErrorKind as Kind,
};

/// HTTP without TLS, so for `http://` endpoints only (a local mirror or proxy of the Hub).
pub struct TcpTransport {
    connect_timeout: Duration,
    /// Applies to each read and write, at most what the request has left
    /// ([`Request::timeout`]): a slow trickle can still outlast it, which a real transport
    /// would bound too.
    io_timeout: Duration,
}

impl TcpTransport {
    /// A transport with `config`'s timeouts.
    pub fn new(config: &Config) -> TcpTransport {
        TcpTransport {
            connect_timeout: config.connect_timeout,
            io_timeout: config.timeout,
        }
    }

    fn connect(&self, authority: &str, left: Option<Duration>) -> io::Result<TcpStream> {
        let io_timeout = left.map_or(self.io_timeout, |left| left.min(self.io_timeout));
        let connect_timeout = io_timeout.min(self.connect_timeout);
        let has_port = authority
            .rsplit(']')
            .next()
            .is_some_and(|h| h.contains(':'));
        let with_port = if has_port {
            authority.to_owned()
        } else {
            format!("{authority}:80")
        };
        let mut last = io::Error::new(io::ErrorKind::NotFound, "the host has no address");
        for addr in with_port.to_socket_addrs()? {
            match TcpStream::connect_timeout(&addr, connect_timeout) {
                Ok(stream) => {
                    stream.set_read_timeout(Some(io_timeout))?;
                    stream.set_write_timeout(Some(io_timeout))?;
                    return Ok(stream);
                }
                Err(e) => last = e,
            }
        }
        Err(last)
    }
}

impl Transport for TcpTransport {
    fn send(&self, request: &Request) -> Result<Response, TransportError> {
        let rest = request.url().strip_prefix("http://").ok_or_else(|| {
            TransportError::new(Kind::InvalidRequest, "this transport speaks http:// only")
        })?;
        if request.proxy().is_some() {
            // Better an error than a request that bypasses the proxy it was meant to go through.
            return Err(TransportError::new(
                Kind::InvalidRequest,
                "this transport cannot use a proxy (unset http_proxy or set NO_PROXY)",
            ));
        }
        let (authority, target) = rest.split_at(rest.find(['/', '?']).unwrap_or(rest.len()));
        let target = if target.starts_with('/') {
            target.to_owned()
        } else {
            format!("/{target}")
        };

        let stream = self
            .connect(authority, request.timeout())
            .map_err(|e| error(Kind::Connect, e))?;
        let method = request.method().as_str();
        let mut head =
            format!("{method} {target} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n");
        for (name, value) in request.headers() {
            head += &format!("{name}: {value}\r\n");
        }
        let body = request.body();
        if !body.is_empty() || matches!(method, "POST" | "PUT") {
            head += &format!("Content-Length: {}\r\n", body.len());
        }
        (&stream)
            .write_all(&[format!("{head}\r\n").as_bytes(), body].concat())
            .map_err(|e| error(Kind::Io, e))?;

        let mut reader = BufReader::new(stream);
        let status_line = read_line(&mut reader)?;
        let status = status_line.split(' ').nth(1).and_then(|s| s.parse().ok());
        let status = status.ok_or_else(|| malformed(format!("status line {status_line:?}")))?;
        let mut response = Response::new(status, Vec::new(), Vec::new());
        loop {
            let line = read_line(&mut reader)?;
            if line.is_empty() {
                break;
            }
            let (name, value) = line
                .split_once(':')
                .ok_or_else(|| malformed(format!("header {line:?}")))?;
            response
                .headers
                .push((name.trim().to_owned(), value.trim().to_owned()));
        }

        let limit = request.max_body_bytes();
        let chunked = response
            .header("transfer-encoding")
            .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
        let length = response
            .header("content-length")
            .and_then(|v| v.parse::<u64>().ok());
        response.body = if chunked {
            read_chunked(&mut reader, limit)?
        } else if let Some(length) = length {
            if length > limit {
                return Err(too_large(limit));
            }
            read_exactly(&mut reader, length)?
        } else {
            // No length: the body ends when the server closes. Reading one byte past the limit
            // tells "exactly at the limit" from "over it" without buffering the rest.
            let mut body = Vec::new();
            let read = reader.take(limit.saturating_add(1)).read_to_end(&mut body);
            read.map_err(|e| error(Kind::Io, e))?;
            if body.len() as u64 > limit {
                return Err(too_large(limit));
            }
            body
        };
        Ok(response)
    }
}

/// `Transfer-Encoding: chunked`, which any HTTP/1.1 server may use: hex size lines, each
/// followed by that many bytes, until a zero size.
fn read_chunked(reader: &mut impl BufRead, limit: u64) -> Result<Vec<u8>, TransportError> {
    let mut body = Vec::new();
    loop {
        let line = read_line(reader)?;
        let size = line.split(';').next().unwrap_or_default().trim();
        let size =
            u64::from_str_radix(size, 16).map_err(|_| malformed(format!("chunk size {line:?}")))?;
        if size == 0 {
            // Trailers, if any, are left unread: the connection is closed anyway.
            return Ok(body);
        }
        // Saturating: the size is the server's.
        if (body.len() as u64).saturating_add(size) > limit {
            return Err(too_large(limit));
        }
        body.extend(read_exactly(reader, size)?);
        read_line(reader)?;
    }
}

fn read_exactly(reader: &mut impl Read, length: u64) -> Result<Vec<u8>, TransportError> {
    let mut bytes = Vec::new();
    reader
        .take(length)
        .read_to_end(&mut bytes)
        .map_err(|e| error(Kind::Io, e))?;
    if (bytes.len() as u64) < length {
        return Err(TransportError::new(
            Kind::Io,
            "the connection closed inside the body",
        ));
    }
    Ok(bytes)
}

fn read_line(reader: &mut impl BufRead) -> Result<String, TransportError> {
    // A line without its end within 8 KiB is not HTTP: no reading a server's bytes for ever.
    const MAX_LINE: u64 = 8 << 10;
    let mut line = String::new();
    match reader.take(MAX_LINE).read_line(&mut line) {
        Ok(0) => Err(TransportError::new(
            Kind::Io,
            "the connection closed inside the head",
        )),
        Ok(_) if !line.ends_with('\n') => Err(malformed("a line longer than 8 KiB".into())),
        Ok(_) => Ok(line.trim_end_matches(['\r', '\n']).to_owned()),
        Err(e) => Err(error(Kind::Io, e)),
    }
}

fn error(kind: Kind, e: io::Error) -> TransportError {
    let kind = match e.kind() {
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => Kind::Timeout,
        _ => kind,
    };
    TransportError::from_source(kind, e)
}

fn malformed(what: String) -> TransportError {
    TransportError::new(Kind::Io, format!("malformed HTTP answer: {what}"))
}

fn too_large(limit: u64) -> TransportError {
    TransportError::new(
        Kind::BodyTooLarge,
        format!("the body is larger than {limit} bytes"),
    )
}
