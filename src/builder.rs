//! [`ClientBuilder`]: every setting of a [`Config`], chained, from the defaults or the
//! environment.

use std::time::Duration;

use crate::client::Client;
use crate::proto::config::Config;
use crate::proto::error::Error;
use crate::proto::proxy::Proxies;
use crate::proto::retry::RetryPolicy;
use crate::proto::token::Token;
use crate::proto::url::Endpoint;
use crate::transport::Transport;

/// Builds a [`Client`]: a setter for every setting [`Config`] holds, starting from the defaults
/// ([`ClientBuilder::new`], or `Client::builder()` with feature `ureq`) or from the environment ([`ClientBuilder::from_env`]). A setter given
/// text checks it when [`build`](ClientBuilder::build) is called, which returns the first
/// problem.
///
/// ```
/// use std::time::Duration;
/// use hf_providers::{transport, ClientBuilder, Response};
///
/// let hub = transport::from_fn(|req| {
///     assert_eq!(req.url(), "http://127.0.0.1:8080/api/models/gpt2?expand[]=inference");
///     assert_eq!(req.header("authorization"), Some("Bearer hf_abc"));
///     Ok(Response::new(200, vec![], br#"{"id":"gpt2"}"#.to_vec()))
/// });
/// let client = ClientBuilder::new()
///     .endpoint("http://127.0.0.1:8080")
///     .token("hf_abc")
///     .timeout(Duration::from_secs(10))
///     .max_retries(2)
///     .cache_ttl(Duration::ZERO)
///     .user_agent("my-tool/1.2")
///     .build_with(hub)?;
/// assert_eq!(client.model_status("gpt2")?, None);
/// assert!(client.config().user_agent().ends_with(" my-tool/1.2"));
///
/// // A problem is told by `build`, naming what was wrong.
/// let never = transport::from_fn(|_| unreachable!("nothing is sent"));
/// assert!(ClientBuilder::new().endpoint("huggingface.co").build_with(never).is_err());
/// # Ok::<(), hf_providers::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
#[must_use = "a builder does nothing until it builds"]
pub struct ClientBuilder {
    config: Config,
    /// The first setter that was given something invalid.
    error: Option<Error>,
}

#[cfg(feature = "ureq")]
#[cfg_attr(docsrs, doc(cfg(feature = "ureq")))]
impl Client<crate::ureq_transport::UreqTransport> {
    /// A [`ClientBuilder`] with the defaults (the public Hub and router, no token), as
    /// [`ClientBuilder::new`]: [`build`](ClientBuilder::build) makes an HTTPS client,
    /// [`build_with`](ClientBuilder::build_with) one on any transport.
    ///
    /// ```no_run
    /// let client = hf_providers::Client::builder().max_retries(2).build()?;
    /// # Ok::<(), hf_providers::Error>(())
    /// ```
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }
}

impl ClientBuilder {
    /// The defaults: the public Hub and router, no token.
    pub fn new() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The settings the environment gives, as [`Config::from_env`] reads them (`HF_ENDPOINT`,
    /// `HF_TOKEN` and the token file, the proxy variables, ...), to change further.
    ///
    /// # Errors
    ///
    /// As [`Config::from_env`].
    pub fn from_env() -> Result<ClientBuilder, Error> {
        Ok(ClientBuilder::from_config(Config::from_env()?))
    }

    /// These settings, to change further.
    pub fn from_config(config: Config) -> ClientBuilder {
        ClientBuilder {
            config,
            error: None,
        }
    }

    fn set<V, E: Into<Error>>(
        mut self,
        value: Result<V, E>,
        apply: impl FnOnce(&mut Config, V),
    ) -> Self {
        match value {
            Ok(value) => apply(&mut self.config, value),
            Err(e) if self.error.is_none() => self.error = Some(e.into()),
            Err(_) => {}
        }
        self
    }

    /// The Hub's base URL (default `https://huggingface.co`).
    pub fn endpoint(self, url: &str) -> Self {
        self.set(Endpoint::parse(url), |c, e| c.endpoint = e)
    }

    /// The router's base URL (default `https://router.huggingface.co`).
    pub fn router(self, url: &str) -> Self {
        self.set(Endpoint::parse(url), |c, e| c.router = e)
    }

    /// The token, sent only to the origin of the service a request is for.
    pub fn token(self, token: &str) -> Self {
        self.set(Token::new(token), |c, t| c.token = Some(t))
    }

    /// No token, whatever the environment holds.
    pub fn no_token(mut self) -> Self {
        self.config.token = None;
        self
    }

    /// The longest time one logical request may take, its retries, redirects and waits
    /// included (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.config.timeout = timeout;
        self
    }

    /// The longest time to establish a connection (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.config.connect_timeout = timeout;
        self
    }

    /// Retries after a failed attempt (default 4; 0 never retries).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.config.retry.max_retries = retries;
        self
    }

    /// The whole retry policy: retries, backoff, the longest server-asked wait honoured.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.config.retry = policy;
        self
    }

    /// Redirects followed in a row (default 5).
    pub fn max_redirects(mut self, redirects: u32) -> Self {
        self.config.max_redirects = redirects;
        self
    }

    /// How long the router's catalog and the provider mappings are kept (default 5 minutes;
    /// zero keeps nothing).
    pub fn cache_ttl(mut self, ttl: Duration) -> Self {
        self.config.cache_ttl = ttl;
        self
    }

    /// Adds a product (`my-tool/1.2`) to the `User-Agent`.
    pub fn user_agent(mut self, product: &str) -> Self {
        let result = self.config.append_user_agent(product);
        self.set(result, |_, ()| {})
    }

    /// The proxies requests go through (default none; [`ClientBuilder::from_env`] reads them
    /// as curl does).
    pub fn proxies(mut self, proxies: Proxies) -> Self {
        self.config.proxies = proxies;
        self
    }

    /// Offline mode: nothing is sent, every request ends in [`Error::Offline`] (default off;
    /// [`ClientBuilder::from_env`] reads `HF_HUB_OFFLINE`).
    ///
    /// ```
    /// use hf_providers::{transport, ClientBuilder, Error};
    ///
    /// let never = transport::from_fn(|_| unreachable!("offline: nothing is sent"));
    /// let client = ClientBuilder::new().offline(true).build_with(never)?;
    /// assert_eq!(client.model_status("gpt2"), Err(Error::Offline));
    /// # Ok::<(), Error>(())
    /// ```
    pub fn offline(mut self, offline: bool) -> Self {
        self.config.offline = offline;
        self
    }

    /// The largest body accepted, in bytes (default 32 MiB).
    pub fn max_body_bytes(mut self, limit: u64) -> Self {
        self.config.max_body_bytes = limit;
        self
    }

    /// The settings as built so far.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// A client sending through `transport`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] for the first setter given something invalid.
    pub fn build_with<T: Transport>(self, transport: T) -> Result<Client<T>, Error> {
        match self.error {
            Some(e) => Err(e),
            None => Ok(Client::new(transport, self.config)),
        }
    }

    /// A client over HTTPS with [`UreqTransport`](crate::ureq_transport::UreqTransport) (feature `ureq`).
    ///
    /// # Errors
    ///
    /// As [`ClientBuilder::build_with`].
    #[cfg(feature = "ureq")]
    #[cfg_attr(docsrs, doc(cfg(feature = "ureq")))]
    pub fn build(self) -> Result<Client<crate::ureq_transport::UreqTransport>, Error> {
        let transport = crate::ureq_transport::UreqTransport::new(&self.config);
        self.build_with(transport)
    }
}
