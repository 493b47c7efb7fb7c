//! The HTTPS transport, on ureq 3 with rustls (feature `ureq`, on by default).

use std::io::{self, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

use ureq::Agent;

use crate::client::Client;
use crate::proto::config::Config;
use crate::proto::error::{Error, TransportError, TransportErrorKind};
use crate::proto::forward::{Forward, ResponseReader, forward, request_bytes};
use crate::proto::http::{Header, Method, Request, Response, room_for_body};
use crate::transport::Transport;
use ureq::http::header;

/// A [`Transport`] on one reused ureq agent (keep-alive), with rustls and the webpki roots.
///
/// Certificates are always verified. Each request goes through the proxy the client names for
/// it ([`Request::proxy`], from [`Config::proxies`]) or directly: ureq's own reading of the
/// proxy variables is off, since it sends `http://` targets through `HTTPS_PROXY` and does not
/// trim `NO_PROXY`. Through an `http://` proxy, an `http://` request is sent to the proxy as a
/// plain request naming the whole URL (absolute-form; some proxies refuse `CONNECT` to port
/// 80), on a connection of its own; everything else is tunnelled with `CONNECT`. A request gets
/// the time its deadline leaves it ([`Request::timeout`]).
/// ureq's own redirect handling is off: the client follows redirects itself so the token never
/// leaves the endpoint's origin. Bodies are read up to
/// [`Request::max_body_bytes`]; a larger one is refused while reading (or at once, from its
/// `Content-Length`), never buffered whole.
///
/// ```no_run
/// use hf_providers::{Client, Config, UreqTransport};
///
/// let config = Config::from_env()?;
/// let client = Client::new(UreqTransport::new(&config), config);
/// println!("{:?}", client.model_status("google/gemma-3-27b-it")?);
/// # Ok::<(), hf_providers::Error>(())
/// ```
#[derive(Debug, Clone)]
#[cfg_attr(docsrs, doc(cfg(feature = "ureq")))]
pub struct UreqTransport {
    agent: Agent,
    /// For a request that names no time of its own; `None`: the agent's.
    timeout: Option<Duration>,
}

impl UreqTransport {
    /// A transport with `config`'s timeouts.
    pub fn new(config: &Config) -> UreqTransport {
        let agent = Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_connect(countable(config.connect_timeout))
            .timeout_global(countable(config.timeout))
            .proxy(None)
            // Our requests always carry their own User-Agent; this one only reaches proxies.
            .user_agent(config.user_agent())
            .build()
            .into();
        UreqTransport {
            agent,
            timeout: countable(config.timeout),
        }
    }

    /// A transport on an agent you prepared: a custom root certificate, a connection pool
    /// shared with the rest of your program, your own TLS or connect settings. Each request
    /// still gets the client's rules: its proxy (or none), its time left, no redirects followed
    /// by ureq, error statuses as answers, and the body limit.
    ///
    /// ```no_run
    /// use hf_providers::{Client, Config, UreqTransport};
    /// use ureq::tls::{Certificate, RootCerts, TlsConfig};
    ///
    /// // A mirror behind a corporate certificate authority.
    /// let pem = std::fs::read("corporate-ca.pem").expect("the CA's certificate");
    /// let ca = Certificate::from_pem(&pem).expect("a PEM certificate");
    /// let tls = TlsConfig::builder()
    ///     .root_certs(RootCerts::new_with_certs(&[ca]))
    ///     .build();
    /// let agent = ureq::Agent::config_builder().tls_config(tls).build().new_agent();
    ///
    /// let mut config = Config::from_env()?;
    /// config.endpoint = "https://hub.corp.example".parse()?;
    /// let client = Client::new(UreqTransport::with_agent(agent), config);
    /// # Ok::<(), hf_providers::Error>(())
    /// ```
    pub fn with_agent(agent: Agent) -> UreqTransport {
        UreqTransport {
            agent,
            timeout: None,
        }
    }
}

impl Transport for UreqTransport {
    fn send(&self, request: &Request) -> Result<Response, TransportError> {
        let timeout = request.timeout().and_then(countable).or(self.timeout);
        let forwarded = request
            .proxy()
            .and_then(|proxy| forward(request.url(), proxy));
        if let Some(forward) = forwarded {
            return send_forwarded(request, &forward, timeout);
        }
        let proxy = match request.proxy() {
            Some(url) => Some(ureq::Proxy::new(url).map_err(|_| {
                // The proxy's URL is not shown: it may hold credentials.
                TransportError::new(
                    TransportErrorKind::InvalidRequest,
                    "the proxy URL is invalid",
                )
            })?),
            None => None,
        };
        // The client's rules, whatever the agent was made with.
        macro_rules! prepared {
            ($builder:expr) => {{
                let mut builder = $builder;
                for (name, value) in &request.headers {
                    // The `http` crate's constants: a name parsed at run time would cost a
                    // static binary 11 KB of matching.
                    let name = match name {
                        Header::Accept => header::ACCEPT,
                        Header::Authorization => header::AUTHORIZATION,
                        Header::ContentType => header::CONTENT_TYPE,
                        Header::UserAgent => header::USER_AGENT,
                    };
                    builder = builder.header(name, value);
                }
                builder
                    .config()
                    .proxy(proxy)
                    .timeout_global(timeout)
                    .http_status_as_error(false)
                    .max_redirects(0)
                    .build()
            }};
        }
        let url = request.url();
        // One copy of the preparation for each of ureq's two builder types rather than one per
        // method: 608 bytes less in a static program.
        let sent = match request.method() {
            method @ (Method::Get | Method::Delete) => prepared!(if method == Method::Get {
                self.agent.get(url)
            } else {
                self.agent.delete(url)
            })
            .call(),
            method => prepared!(if method == Method::Post {
                self.agent.post(url)
            } else {
                self.agent.put(url)
            })
            .send(request.body()),
        };
        let mut response = sent.map_err(transport_error)?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(name, value)| {
                let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
                (name.as_str().to_owned(), value)
            })
            .collect();
        let encoded = response.headers().contains_key(header::CONTENT_ENCODING);
        let body = read_body(response.body_mut(), request.max_body_bytes(), encoded)?;
        Ok(Response::new(status, headers, body))
    }
}

/// `t`, unless it is too long to count (over a century): then no limit. ureq and `Instant`
/// add a timeout to the time now, which overflows (a panic) for one as long as `Duration::MAX`.
fn countable(t: Duration) -> Option<Duration> {
    (t <= Duration::from_secs(u64::from(u32::MAX))).then_some(t)
}

/// An `http://` request through an `http://` proxy, which ureq would tunnel with `CONNECT`: sent
/// to the proxy itself in absolute-form, one request per connection, read with
/// [`ResponseReader`].
fn send_forwarded(
    request: &Request,
    forward: &Forward,
    timeout: Option<Duration>,
) -> Result<Response, TransportError> {
    let deadline = timeout.map(|t| Instant::now() + t);
    let timed_out = || TransportError::new(TransportErrorKind::Timeout, String::new());
    // What the deadline leaves; `None`: no limit.
    let left = || -> Result<Option<Duration>, TransportError> {
        match deadline.map(|d| d.saturating_duration_since(Instant::now())) {
            Some(Duration::ZERO) => Err(timed_out()),
            left => Ok(left),
        }
    };
    let io = |e: io::Error| match e.kind() {
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => timed_out(),
        _ => TransportError::from_source(TransportErrorKind::Io, e),
    };
    let bytes = request_bytes(request, forward)?;
    let (host, port) = (forward.proxy.0.as_str(), forward.proxy.1);
    let connect_error = |e: io::Error| match e.kind() {
        io::ErrorKind::TimedOut => timed_out(),
        _ => TransportError::from_source(TransportErrorKind::Connect, e),
    };
    let mut last = None;
    let mut stream = None;
    for addr in (host, port).to_socket_addrs().map_err(connect_error)? {
        let tried = match left()? {
            Some(left) => TcpStream::connect_timeout(&addr, left),
            None => TcpStream::connect(addr),
        };
        match tried {
            Ok(s) => {
                stream = Some(s);
                break;
            }
            Err(e) => last = Some(e),
        }
    }
    let mut stream = stream.ok_or_else(|| {
        connect_error(last.unwrap_or_else(|| io::Error::other("the proxy's name has no address")))
    })?;
    stream.set_write_timeout(left()?).map_err(io)?;
    stream.write_all(&bytes).map_err(io)?;
    let mut reader = ResponseReader::new(request.max_body_bytes());
    let mut buf = vec![0; 16 << 10];
    loop {
        stream.set_read_timeout(left()?).map_err(io)?;
        let n = stream.read(&mut buf).map_err(io)?;
        if n == 0 || reader.feed(&buf[..n])? {
            return reader.finish();
        }
    }
}

/// Reads at most `limit` bytes of `body`. `encoded` bodies are decompressed by ureq, so their
/// `Content-Length` is not the size that counts.
fn read_body(body: &mut ureq::Body, limit: u64, encoded: bool) -> Result<Vec<u8>, TransportError> {
    let too_large = || {
        TransportError::new(
            TransportErrorKind::BodyTooLarge,
            format!("the body is larger than {limit} bytes"),
        )
    };
    // Without compression the declared length is the real one: refuse before reading, and
    // otherwise allocate once.
    let declared = body.content_length().filter(|_| !encoded);
    if declared.is_some_and(|n| n > limit) {
        return Err(too_large());
    }
    let mut buf = Vec::with_capacity(room_for_body(declared.unwrap_or(0), limit));
    body.with_config()
        .limit(limit)
        .reader()
        .read_to_end(&mut buf)
        .map_err(|e| match ureq::Error::from(e) {
            ureq::Error::BodyExceedsLimit(_) => too_large(),
            other => transport_error(other),
        })?;
    Ok(buf)
}

fn transport_error(e: ureq::Error) -> TransportError {
    use TransportErrorKind as K;
    let kind = match &e {
        ureq::Error::Timeout(_) => K::Timeout,
        ureq::Error::HostNotFound
        | ureq::Error::ConnectionFailed
        | ureq::Error::ConnectProxyFailed(_)
        | ureq::Error::InvalidProxyUrl => K::Connect,
        ureq::Error::Io(io) => match io.kind() {
            io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => K::Timeout,
            io::ErrorKind::ConnectionRefused
            | io::ErrorKind::AddrNotAvailable
            | io::ErrorKind::NetworkUnreachable
            | io::ErrorKind::HostUnreachable => K::Connect,
            _ => K::Io,
        },
        ureq::Error::Tls(_) | ureq::Error::Rustls(_) | ureq::Error::Pem(_) => K::Tls,
        ureq::Error::BodyExceedsLimit(_) => K::BodyTooLarge,
        ureq::Error::BadUri(_) | ureq::Error::Http(_) | ureq::Error::RequireHttpsOnly(_) => {
            K::InvalidRequest
        }
        ureq::Error::Protocol(_) | ureq::Error::LargeResponseHeader(..) => K::Io,
        _ => K::Other,
    };
    match e {
        // ureq's own words ("timeout: global") add nothing to "timed out".
        ureq::Error::Timeout(_) => TransportError::new(kind, String::new()),
        e => TransportError::from_source(kind, e),
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "ureq")))]
impl Client<UreqTransport> {
    /// A client over HTTPS configured from the environment ([`Config::from_env`]).
    ///
    /// # Errors
    ///
    /// As [`Config::from_env`].
    ///
    /// ```no_run
    /// let client = hf_providers::Client::from_env()?;
    /// for provider in client.model_providers("google/gemma-3-27b-it")? {
    ///     println!("{}\t{}", provider.provider, provider.status);
    /// }
    /// # Ok::<(), hf_providers::Error>(())
    /// ```
    pub fn from_env() -> Result<Self, Error> {
        let config = Config::from_env()?;
        Ok(Client::new(UreqTransport::new(&config), config))
    }
}
