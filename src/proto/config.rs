//! The client's settings: plain data, with the defaults the official clients use. Reading
//! them from the environment is the driving layer's (`Config::from_env`).

use std::time::Duration;

use crate::proto::error::{InputKind, InvalidInput};
use crate::proto::http::Request;
use crate::proto::proxy::Proxies;
use crate::proto::retry::RetryPolicy;
use crate::proto::service::Service;
use crate::proto::token::Token;
use crate::proto::url::Endpoint;

/// How the [`Client`](crate::Client) talks to the Hub.
///
/// `Debug` shows the token as `<redacted>`.
///
/// ```
/// use std::time::Duration;
/// use hf_providers::{Config, Endpoint, Token};
///
/// let mut config = Config::default();
/// config.endpoint = Endpoint::parse("http://127.0.0.1:8080")?;
/// config.router = Endpoint::parse("http://127.0.0.1:8081")?;
/// config.token = Some(Token::new("hf_secret")?);
/// config.cache_ttl = Duration::ZERO; // no cache
/// config.timeout = Duration::from_secs(5);
/// config.append_user_agent("my-tool/1.2")?;
/// assert!(config.user_agent().starts_with("hf-providers/"));
/// assert!(config.append_user_agent("x\r\nX-Injected: 1").is_err());
/// assert!(!format!("{config:?}").contains("hf_secret"));
/// # Ok::<(), hf_providers::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Config {
    /// The Hub's base URL (default `https://huggingface.co`).
    pub endpoint: Endpoint,
    /// The router's base URL (default `https://router.huggingface.co`), for its catalog.
    pub router: Endpoint,
    /// Sent as `Authorization: Bearer ...`, only to the origin of the service a request is for
    /// (the Hub's or the router's).
    pub token: Option<Token>,
    /// `hf-providers/<version>`, then the caller's products: validated where it is set
    /// ([`Config::append_user_agent`]), so no transport ever sees a line break in it.
    user_agent: String,
    /// Longest time to establish a connection.
    pub connect_timeout: Duration,
    /// Longest time for one whole request, body included.
    pub timeout: Duration,
    /// Largest body accepted, in bytes.
    pub max_body_bytes: u64,
    /// How failed requests are retried.
    pub retry: RetryPolicy,
    /// Redirects followed in a row before giving up.
    pub max_redirects: u32,
    /// How long a client keeps the router's catalog and the provider mappings it fetched for
    /// choosing providers (default 5 minutes; zero keeps nothing).
    pub cache_ttl: Duration,
    /// The proxy each request goes through ([`Config::from_env`] reads them as curl does;
    /// the default is none).
    pub proxies: Proxies,
    /// Offline mode: every request ends in [`Error::Offline`](crate::Error::Offline) before
    /// anything is sent ([`Config::from_env`] reads `HF_HUB_OFFLINE`, as the official clients
    /// do; the default is off).
    pub offline: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            endpoint: Endpoint::default(),
            router: Endpoint::router(),
            token: None,
            user_agent: concat!("hf-providers/", env!("CARGO_PKG_VERSION")).to_owned(),
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(60),
            max_body_bytes: Request::DEFAULT_MAX_BODY_BYTES,
            retry: RetryPolicy::default(),
            max_redirects: 5,
            cache_ttl: Duration::from_secs(300),
            proxies: Proxies::none(),
            offline: false,
        }
    }
}

impl Config {
    /// The endpoint of `service`: the only origin its requests carry the token to.
    pub fn endpoint_of(&self, service: Service) -> &Endpoint {
        match service {
            Service::Hub => &self.endpoint,
            Service::Router => &self.router,
        }
    }

    /// The `User-Agent` sent: `hf-providers/<version>` and the caller's products.
    pub fn user_agent(&self) -> &str {
        &self.user_agent
    }

    /// Appends a product (e.g. `my-tool/1.2`) to the `User-Agent`.
    ///
    /// # Errors
    ///
    /// [`InvalidInput`] (and nothing appended) when `product` is empty or holds anything but
    /// printable ASCII: a header value must not be able to start another header line, in a
    /// request or in a proxy's `CONNECT`.
    pub fn append_user_agent(&mut self, product: &str) -> Result<(), InvalidInput> {
        if product.trim().is_empty() || !product.bytes().all(|b| (0x20..0x7f).contains(&b)) {
            return Err(InvalidInput::new(
                InputKind::UserAgent,
                product,
                "must be printable ASCII, not empty",
            ));
        }
        self.user_agent.push(' ');
        self.user_agent.push_str(product.trim());
        Ok(())
    }
}
