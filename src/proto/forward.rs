//! An `http://` request through an `http://` proxy, which ureq can only tunnel with `CONNECT`:
//! whether a request goes so, its bytes (absolute-form), and the response read from bytes as
//! they arrive, in time linear in what the proxy sent.

use std::fmt;

use crate::proto::error::{TransportError, TransportErrorKind};
use crate::proto::http::{Method, Request, Response, room_for_body};
use crate::proto::url::host_port;

/// How an `http://` request goes through an `http://` proxy: to the proxy itself, naming the
/// whole target URL in its request line (absolute-form, RFC 9112 section 3.2.2), since some
/// proxies refuse `CONNECT` to port 80. Everything else is tunnelled with `CONNECT`.
#[derive(PartialEq, Eq)]
pub(crate) struct Forward {
    /// Where to connect: the proxy's host (an IPv6 address without brackets) and port.
    pub(crate) proxy: (String, u16),
    /// The `Host` header: the target's authority as the URL writes it.
    pub(crate) host: String,
    /// The `Proxy-Authorization` header, from the credentials in the proxy URL.
    pub(crate) authorization: Option<String>,
}

impl fmt::Debug for Forward {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The proxy's credentials are as secret as a token.
        let authorization = self.authorization.as_ref().map(|_| "<redacted>");
        f.debug_struct("Forward")
            .field("proxy", &self.proxy)
            .field("host", &self.host)
            .field("authorization", &authorization)
            .finish()
    }
}

/// The [`Forward`] for a request to `url` through `proxy` (a URL
/// [`Proxies::for_url`](crate::Proxies::for_url) gave);
/// `None` when the request is tunnelled instead (an `https://` target or proxy) or a URL is
/// unreadable.
pub(crate) fn forward(url: &str, proxy: &str) -> Option<Forward> {
    let host = http_authority(url)?;
    let proxy = http_authority(proxy)?;
    let (credentials, proxy_host) = match proxy.rsplit_once('@') {
        Some((credentials, host)) => (Some(credentials), host),
        None => (None, proxy),
    };
    let (_, proxy_host, proxy_port) = host_port(&format!("http://{proxy_host}"))?;
    let authorization = credentials.map(|c| {
        let (user, password) = c.split_once(':').unwrap_or((c, ""));
        let mut plain = percent_decoded(user);
        plain.push(b':');
        plain.extend(percent_decoded(password));
        format!("Basic {}", base64(&plain))
    });
    let proxy_host = proxy_host.trim_start_matches('[').trim_end_matches(']');
    Some(Forward {
        proxy: (proxy_host.to_owned(), proxy_port),
        host: host.to_owned(),
        authorization,
    })
}

/// The authority of an `http://` URL; `None` for any other.
fn http_authority(url: &str) -> Option<&str> {
    let (scheme, rest) = url.split_once("://")?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    scheme.eq_ignore_ascii_case("http").then_some(&rest[..end])
}

/// `%XX` decoded; a `%` not followed by two hex digits is kept as it is.
fn percent_decoded(s: &str) -> Vec<u8> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| core::str::from_utf8(h).ok())
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    out
}

/// Standard base64 with padding (RFC 4648 section 4), for `Basic` credentials.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            out.push(if i <= chunk.len() {
                char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize])
            } else {
                '='
            });
        }
    }
    out
}

/// The largest status line and headers read, as ureq allows.
const MAX_HEAD: usize = 64 << 10;
/// The longest chunk-size line (with extensions) or trailer line.
const MAX_LINE: usize = 4 << 10;

/// The bytes of `request` sent to the proxy `forward` names: absolute-form, `Host` of the
/// target, the proxy's credentials, and `Connection: close` (one request per connection).
///
/// # Errors
///
/// [`TransportErrorKind::InvalidRequest`] when the URL or a header value holds a control
/// character or a space, which would split the request.
pub(crate) fn request_bytes(
    request: &Request,
    forward: &Forward,
) -> Result<Vec<u8>, TransportError> {
    let unsafe_byte = |s: &str, space_ok: bool| {
        s.bytes()
            .any(|b| b < 0x20 && b != b'\t' || b == 0x7f || b == b' ' && !space_ok)
    };
    let mut head = format!("{} {} HTTP/1.1\r\n", request.method(), request.url());
    let mut fields = vec![("host", forward.host.as_str())];
    if let Some(authorization) = &forward.authorization {
        fields.push(("proxy-authorization", authorization));
    }
    fields.extend(request.headers());
    let length = request.body().len().to_string();
    if !request.body().is_empty() || matches!(request.method(), Method::Post | Method::Put) {
        fields.push(("content-length", &length));
    }
    fields.push(("connection", "close"));
    if unsafe_byte(request.url(), false) || fields.iter().any(|(_, v)| unsafe_byte(v, true)) {
        return Err(TransportError::new(
            TransportErrorKind::InvalidRequest,
            "the URL or a header holds a control character",
        ));
    }
    for (name, value) in fields {
        head.push_str(name);
        head.push_str(": ");
        head.push_str(value);
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(request.body());
    Ok(bytes)
}

/// A response read from the bytes of a connection as they arrive ([`feed`](Self::feed)), then
/// ended ([`finish`](Self::finish)) when it is complete or the connection closed.
#[derive(Debug)]
pub struct ResponseReader {
    limit: u64,
    state: State,
    /// Bytes not yet used: a head or a line still incomplete.
    pending: Vec<u8>,
    /// Bytes of the heads (interim answers' included) and trailers used so far: together at
    /// most [`MAX_HEAD`], so no stream of them goes on for ever.
    framing: usize,
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Head,
    /// This many body bytes still to come.
    Length(u64),
    UntilClose,
    ChunkSize,
    /// This many bytes of the chunk still to come.
    ChunkData(u64),
    /// The line end after a chunk's data.
    ChunkEnd,
    Trailers,
    Done,
}

impl ResponseReader {
    /// A reader refusing a body of more than `limit` bytes.
    pub fn new(limit: u64) -> ResponseReader {
        ResponseReader {
            limit,
            state: State::Head,
            pending: Vec::new(),
            framing: 0,
            status: 0,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    /// Reads `bytes`, the next ones the connection gave; `true` once the response is complete
    /// (what follows it is ignored).
    ///
    /// # Errors
    ///
    /// [`TransportErrorKind::Io`] for a response that is not HTTP/1.x or breaks its framing,
    /// [`TransportErrorKind::BodyTooLarge`] past the limit.
    pub fn feed(&mut self, bytes: &[u8]) -> Result<bool, TransportError> {
        let mut input = bytes;
        while !input.is_empty() && self.state != State::Done {
            let used = match self.state {
                State::Head => self.head(input)?,
                State::Length(left) | State::ChunkData(left) => {
                    let n = usize::try_from(left).unwrap_or(usize::MAX).min(input.len());
                    self.keep(&input[..n])?;
                    let left = left - n as u64;
                    self.state = match (self.state, left) {
                        (State::Length(_), 0) => State::Done,
                        (State::Length(_), _) => State::Length(left),
                        (_, 0) => State::ChunkEnd,
                        _ => State::ChunkData(left),
                    };
                    n
                }
                State::UntilClose => {
                    self.keep(input)?;
                    input.len()
                }
                State::ChunkSize | State::ChunkEnd | State::Trailers => self.chunk_line(input)?,
                State::Done => break,
            };
            input = &input[used..];
        }
        Ok(self.state == State::Done)
    }

    /// The response, once the connection closed (or [`feed`](Self::feed) said it is complete).
    ///
    /// # Errors
    ///
    /// [`TransportErrorKind::Io`] when the connection closed before the response ended.
    pub fn finish(self) -> Result<Response, TransportError> {
        match self.state {
            State::Done | State::UntilClose => {
                Ok(Response::new(self.status, self.headers, self.body))
            }
            _ => Err(broken("the connection closed before the response ended")),
        }
    }

    fn keep(&mut self, bytes: &[u8]) -> Result<(), TransportError> {
        if (self.body.len() + bytes.len()) as u64 > self.limit {
            return Err(TransportError::new(
                TransportErrorKind::BodyTooLarge,
                format!("the body is larger than {} bytes", self.limit),
            ));
        }
        self.body.extend_from_slice(bytes);
        Ok(())
    }

    /// Takes what it can of the head from `input`; returns how much it used.
    fn head(&mut self, input: &[u8]) -> Result<usize, TransportError> {
        // The end may straddle two reads: look again at the last three bytes kept.
        let from = self.pending.len().saturating_sub(3);
        let before = self.pending.len();
        let used = self.framing + before;
        let take = input.len().min(MAX_HEAD + 1 - used.min(MAX_HEAD));
        self.pending.extend_from_slice(&input[..take]);
        let Some(end) = find(&self.pending[from..], b"\r\n\r\n").map(|i| from + i + 4) else {
            if self.framing + self.pending.len() > MAX_HEAD {
                return Err(too_much_framing());
            }
            return Ok(take);
        };
        self.framing += end;
        let head = std::mem::take(&mut self.pending);
        self.read_head(&head[..end - 4])?;
        Ok(end - before)
    }

    fn read_head(&mut self, head: &[u8]) -> Result<(), TransportError> {
        let text = String::from_utf8_lossy(head);
        let mut lines = text.split("\r\n");
        let status_line = lines.next().unwrap_or_default();
        // `HTTP/1.x NNN` and a reason phrase, perhaps empty.
        let status = status_line
            .strip_prefix("HTTP/1.")
            .map(str::as_bytes)
            .filter(|b| {
                b.len() >= 5
                    && matches!(b[0], b'0' | b'1')
                    && b[1] == b' '
                    && b[2..5].iter().all(u8::is_ascii_digit)
                    && b.get(5).is_none_or(|&c| c == b' ')
            })
            .map(|b| {
                b[2..5]
                    .iter()
                    .fold(0u16, |n, d| n * 10 + u16::from(d - b'0'))
            })
            .filter(|code| (100..600).contains(code))
            .ok_or_else(|| broken("the answer is not HTTP/1.x"))?;
        let mut headers = Vec::new();
        for line in lines {
            let (name, value) = line
                .split_once(':')
                .filter(|(name, _)| !name.is_empty() && name.bytes().all(is_token))
                .ok_or_else(|| broken("a response header is malformed"))?;
            headers.push((name.to_ascii_lowercase(), value.trim().to_owned()));
        }
        if (100..200).contains(&status) {
            // An interim answer: the real one follows.
            return Ok(());
        }
        let named = |name: &'static str| headers.iter().filter(move |(n, _)| n == name);
        let chunked = named("transfer-encoding").next_back().map(|(_, v)| {
            v.rsplit(',')
                .next()
                .is_some_and(|last| last.trim().eq_ignore_ascii_case("chunked"))
        });
        let mut lengths = named("content-length").flat_map(|(_, v)| v.split(','));
        let length = match lengths.next() {
            None => None,
            Some(first) => {
                let first = first.trim();
                if lengths.any(|other| other.trim() != first)
                    || first.is_empty()
                    || !first.bytes().all(|b| b.is_ascii_digit())
                {
                    return Err(broken("the response's Content-Length is invalid"));
                }
                // Saturated: too large for any limit either way.
                Some(first.parse::<u64>().unwrap_or(u64::MAX))
            }
        };
        self.state = match (status, chunked, length) {
            (204 | 304, _, _) => State::Done,
            (_, Some(true), _) => State::ChunkSize,
            (_, Some(false), _) | (_, None, None) => State::UntilClose,
            (_, None, Some(0)) => State::Done,
            (_, None, Some(n)) if n > self.limit => {
                return Err(TransportError::new(
                    TransportErrorKind::BodyTooLarge,
                    format!("the body is larger than {} bytes", self.limit),
                ));
            }
            (_, None, Some(n)) => {
                self.body.reserve(room_for_body(n, self.limit));
                State::Length(n)
            }
        };
        self.status = status;
        self.headers = headers;
        Ok(())
    }

    /// Takes what it can of a chunk-size line, the line end after a chunk or a trailer line;
    /// returns how much of `input` it used.
    fn chunk_line(&mut self, input: &[u8]) -> Result<usize, TransportError> {
        let Some(newline) = input.iter().position(|&b| b == b'\n') else {
            if self.pending.len() + input.len() > MAX_LINE {
                return Err(broken("a chunk line is too long"));
            }
            self.pending.extend_from_slice(input);
            return Ok(input.len());
        };
        let mut line = std::mem::take(&mut self.pending);
        line.extend_from_slice(&input[..newline]);
        if line.len() > MAX_LINE {
            return Err(broken("a chunk line is too long"));
        }
        if self.state == State::Trailers {
            self.framing += line.len() + 1;
            if self.framing > MAX_HEAD {
                return Err(too_much_framing());
            }
        }
        let line = line.strip_suffix(b"\r").unwrap_or(&line);
        self.state = match self.state {
            State::ChunkEnd if line.is_empty() => State::ChunkSize,
            State::ChunkEnd => return Err(broken("a chunk is longer than its size")),
            State::Trailers if line.is_empty() => State::Done,
            State::Trailers => State::Trailers,
            _ => {
                let digits = line.split(|&b| b == b';').next().unwrap_or_default();
                let digits = digits.trim_ascii();
                if digits.is_empty() || !digits.iter().all(u8::is_ascii_hexdigit) {
                    return Err(broken("a chunk size is not hexadecimal"));
                }
                let size = digits.iter().fold(0u64, |n, &d| {
                    let d = u64::from((d as char).to_digit(16).unwrap_or(0));
                    n.saturating_mul(16).saturating_add(d)
                });
                if size == 0 {
                    State::Trailers
                } else if size > self.limit.saturating_sub(self.body.len() as u64) {
                    return Err(TransportError::new(
                        TransportErrorKind::BodyTooLarge,
                        format!("the body is larger than {} bytes", self.limit),
                    ));
                } else {
                    State::ChunkData(size)
                }
            }
        };
        Ok(newline + 1)
    }
}

fn is_token(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn too_much_framing() -> TransportError {
    broken("the response's headers are too large")
}

fn broken(message: &str) -> TransportError {
    TransportError::new(TransportErrorKind::Io, message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::http::Header;

    fn read(bytes: &[u8], limit: u64) -> Result<Response, TransportError> {
        let mut reader = ResponseReader::new(limit);
        reader.feed(bytes)?;
        reader.finish()
    }

    /// The same answer, whatever the reads it arrives in.
    fn read_in_every_split(bytes: &[u8]) -> Result<Response, TransportErrorKind> {
        let whole = read(bytes, 1 << 20).map_err(|e| e.kind());
        for size in 1..bytes.len() {
            let mut reader = ResponseReader::new(1 << 20);
            let mut result = Ok(false);
            for piece in bytes.chunks(size) {
                result = reader.feed(piece);
                if !matches!(result, Ok(false)) {
                    break;
                }
            }
            let split = result.and_then(|_| reader.finish()).map_err(|e| e.kind());
            assert_eq!(split, whole, "in pieces of {size}");
        }
        whole
    }

    #[test]
    fn framings() {
        let r = read_in_every_split(
            b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: b \r\n\r\nhello, and more",
        )
        .unwrap();
        assert_eq!((r.status, &r.body[..]), (200, &b"hello"[..]));
        assert_eq!(r.header("x-a"), Some("b"));
        let r = read_in_every_split(
            b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 404 Not Found\r\ntransfer-encoding: gzip, chunked\r\n\r\n\
              3;ext=1\r\nabc\r\nA\r\n0123456789\r\n0\r\nTrailer: x\r\n\r\nignored",
        )
        .unwrap();
        assert_eq!((r.status, &r.body[..]), (404, &b"abc0123456789"[..]));
        let r = read_in_every_split(b"HTTP/1.0 200 OK\r\n\r\nuntil the end").unwrap();
        assert_eq!(r.body, b"until the end");
        let r =
            read_in_every_split(b"HTTP/1.1 204 No Content\r\nContent-Length: 9\r\n\r\n").unwrap();
        assert_eq!(r.body, b"");
    }

    #[test]
    fn a_complete_response_needs_no_close() {
        let mut reader = ResponseReader::new(100);
        assert_eq!(
            reader
                .feed(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n")
                .ok(),
            Some(false)
        );
        assert_eq!(reader.feed(b"ok").ok(), Some(true));
        let mut chunked = ResponseReader::new(100);
        let head = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n";
        assert_eq!(chunked.feed(head).ok(), Some(false));
        assert_eq!(chunked.feed(b"\r\n").ok(), Some(true));
    }

    #[test]
    fn hostile_responses_are_typed_errors() {
        use TransportErrorKind::{BodyTooLarge, Io};
        let long_head = [&b"HTTP/1.1 200 OK\r\nX: "[..], &[b'a'; 70_000]].concat();
        let long_chunk_line = [
            &b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1;"[..],
            &[b'a'; 5000],
        ]
        .concat();
        // Endless interim answers, or endless trailers: each small, together too much.
        let interim = b"HTTP/1.1 100 Continue\r\n\r\n".repeat(5000);
        let trailers = [
            &b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n"[..],
            &b"X-T: 1\r\n".repeat(20_000),
        ]
        .concat();
        // Refused while reading: the connection need not end for the reader to stop.
        for endless in [&interim[..], &trailers] {
            let fed = ResponseReader::new(10).feed(endless);
            assert_eq!(fed.map_err(|e| e.kind()), Err(Io));
        }
        for (bytes, kind) in [
            (&b""[..], Io),
            (b"<html>no</html>\r\n\r\n", Io),
            (b"HTTP/2 200\r\n\r\n", Io),
            (b"HTTP/1.1 20 OK\r\n\r\n", Io),
            (b"HTTP/1.1 2000 OK\r\n\r\n", Io),
            (b"HTTP/1.1 099 OK\r\n\r\n", Io),
            (b"HTTP/1.1 200 OK\r\nno colon\r\n\r\n", Io),
            (b"HTTP/1.1 200 OK\r\n folded: x\r\n\r\n", Io),
            (b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabc", Io),
            (b"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", Io),
            (
                b"HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
                Io,
            ),
            (
                b"HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999999\r\n\r\n",
                BodyTooLarge,
            ),
            (
                b"HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n",
                BodyTooLarge,
            ),
            (b"HTTP/1.1 200 OK\r\n\r\n0123456789abc", BodyTooLarge),
            (
                b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
                Io,
            ),
            (
                b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffffffff\r\n",
                BodyTooLarge,
            ),
            (
                b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n6\r\n012345\r\n6\r\n",
                BodyTooLarge,
            ),
            (
                b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n",
                Io,
            ),
            (
                b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n",
                Io,
            ),
            (&long_head, Io),
            (&long_chunk_line, Io),
        ] {
            let got = read(bytes, 10).map(|r| r.status).map_err(|e| e.kind());
            assert_eq!(
                got,
                Err(kind),
                "{:?}",
                String::from_utf8_lossy(&bytes[..bytes.len().min(80)])
            );
        }
    }

    #[test]
    fn one_byte_chunks_cost_linear_time() {
        let mut bytes = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
        for _ in 0..200_000 {
            bytes.extend_from_slice(b"1\r\nx\r\n");
        }
        bytes.extend_from_slice(b"0\r\n\r\n");
        assert_eq!(read(&bytes, 1 << 20).unwrap().body.len(), 200_000);
    }

    #[test]
    fn the_request_names_the_whole_url() {
        let forward = Forward {
            proxy: ("proxy".to_owned(), 3128),
            host: "mirror:8080".to_owned(),
            authorization: Some("Basic dTpw".to_owned()),
        };
        let get = Request::get("http://mirror:8080/api/models?x=1")
            .with_header(Header::Authorization, "Bearer hf_x");
        assert_eq!(
            String::from_utf8(request_bytes(&get, &forward).unwrap()).unwrap(),
            "GET http://mirror:8080/api/models?x=1 HTTP/1.1\r\nhost: mirror:8080\r\n\
             proxy-authorization: Basic dTpw\r\nauthorization: Bearer hf_x\r\nconnection: close\r\n\r\n"
        );
        let mut post = Request::get("http://mirror/api");
        post.method = Method::Post;
        post.body = b"{}".to_vec();
        let bytes = request_bytes(
            &post,
            &Forward {
                authorization: None,
                ..forward
            },
        )
        .unwrap();
        assert!(bytes.ends_with(b"content-length: 2\r\nconnection: close\r\n\r\n{}"));
        for url in ["http://h/a b", "http://h/a\r\nX: y", "http://h/\u{7f}"] {
            let bad = Request::get(url);
            let forward = Forward {
                proxy: (String::new(), 0),
                host: "h".to_owned(),
                authorization: None,
            };
            assert_eq!(
                request_bytes(&bad, &forward).map_err(|e| e.kind()),
                Err(TransportErrorKind::InvalidRequest),
                "{url:?}"
            );
        }
        let injected =
            Request::get("http://h/").with_header(Header::Authorization, "Bearer x\r\nEvil: 1");
        let forward = Forward {
            proxy: (String::new(), 0),
            host: "h".to_owned(),
            authorization: None,
        };
        assert!(request_bytes(&injected, &forward).is_err());
    }

    #[test]
    fn http_targets_are_forwarded_and_https_ones_tunnelled() {
        const P: &str = "http://proxy:3128";
        assert_eq!(forward("https://h/x", P), None);
        assert_eq!(forward("http://h/x", "https://proxy:3128"), None);
        assert_eq!(
            forward("http://Mirror.example:8080/api/models?x=1", P),
            Some(Forward {
                proxy: ("proxy".to_owned(), 3128),
                host: "Mirror.example:8080".to_owned(),
                authorization: None,
            })
        );
        let with_credentials = forward("HTTP://h", "http://us%3Ar:p%40ss%zz@[::1]/").unwrap();
        assert_eq!(with_credentials.proxy, ("::1".to_owned(), 80));
        assert_eq!(with_credentials.host, "h");
        // base64("us:r:p@ss%zz")
        assert_eq!(
            with_credentials.authorization.as_deref(),
            Some("Basic dXM6cjpwQHNzJXp6")
        );
        assert!(!format!("{with_credentials:?}").contains("dXM6"));
        assert_eq!(
            forward("http://h/", "http://user@proxy")
                .unwrap()
                .authorization,
            Some("Basic dXNlcjo=".to_owned())
        );
    }

    #[test]
    fn base64_as_rfc_4648_writes_it() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), encoded, "{plain}");
        }
        assert_eq!(base64(&[0xff, 0xfe, 0x3f]), "//4/");
    }
}
