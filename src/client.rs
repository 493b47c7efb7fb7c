//! The blocking client: drives requests through a [`Transport`], following redirects, retrying,
//! and mapping answers to typed values or errors.

use std::collections::hash_map::RandomState;
use std::fmt;
use std::hash::BuildHasher;

use crate::config::Config;
use crate::proto::choice::{ProviderChoice, choose};
use crate::proto::error::{Error, LinkRefusal, TransportError, TransportErrorKind};
use crate::proto::http::{Request, Response};
use crate::proto::http_error::error_for;
use crate::proto::model::{InferenceStatus, Model, ProviderMapping};
use crate::proto::query::{Expand, GetModel};
use crate::proto::redirect;
use crate::proto::retry::Decision;
use crate::transport::Transport;

/// A blocking client for the Hub's Inference Providers questions.
///
/// ```
/// use hf_providers::{transport, Client, Config, ListModels, Response};
///
/// // Any transport will do; this one answers every request with one page.
/// let hub = transport::from_fn(|_req| {
///     Ok(Response::new(200, vec![], br#"[{"id":"deepseek-ai/DeepSeek-R1"}]"#.to_vec()))
/// });
/// let client = Client::new(hub, Config::default());
/// let ids: Vec<String> = client
///     .list_models(&ListModels::new().inference_provider("fireworks-ai"))
///     .map(|m| m.map(|m| m.id))
///     .collect::<Result<_, _>>()?;
/// assert_eq!(ids, ["deepseek-ai/DeepSeek-R1"]);
/// # Ok::<(), hf_providers::Error>(())
/// ```
pub struct Client<T> {
    transport: T,
    config: Config,
    random: RandomState,
}

/// A successful answer and the URL that gave it (after redirects).
pub(crate) struct Fetched {
    pub(crate) url: String,
    pub(crate) response: Response,
}

impl<T: Transport> Client<T> {
    /// A client sending through `transport` with `config`.
    pub fn new(transport: T, mut config: Config) -> Self {
        // The user agent is a plain field; a line break in it must not become a header line
        // in a transport that writes headers by hand.
        config.user_agent.retain(|c| !c.is_control());
        Client {
            transport,
            config,
            random: RandomState::new(),
        }
    }

    /// The settings in use.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The transport in use.
    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// `GET /api/models/{id}` with the given `expand[]` keys (none: the full record).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] for an invalid id (nothing is sent); otherwise the error of
    /// the request (see [`Error`]): not found, denied, rate limited, a transport failure, or
    /// an answer that is not a model.
    ///
    /// ```
    /// use hf_providers::{transport, Client, Config, Expand, Response};
    ///
    /// let hub = transport::from_fn(|req| {
    ///     assert!(req.url.ends_with("/api/models/gpt2?expand[]=downloads&expand[]=likes"));
    ///     Ok(Response::new(200, vec![], br#"{"id":"gpt2","downloads":9,"likes":3}"#.to_vec()))
    /// });
    /// let model = Client::new(hub, Config::default())
    ///     .model_info("gpt2", &[Expand::Downloads, Expand::Likes])?;
    /// assert_eq!((model.downloads, model.likes), (Some(9), Some(3)));
    /// # Ok::<(), hf_providers::Error>(())
    /// ```
    pub fn model_info(&self, id: &str, expand: &[Expand]) -> Result<Model, Error> {
        let request = expand
            .iter()
            .cloned()
            .fold(GetModel::new(id)?, GetModel::expand);
        self.model_info_with(&request)
    }

    /// `GET /api/models/{id}[/revision/{revision}]` as `request` describes it.
    ///
    /// # Errors
    ///
    /// As [`Client::model_info`]; an empty revision is [`Error::InvalidInput`].
    ///
    /// ```
    /// use hf_providers::{transport, Client, Config, GetModel, Response};
    ///
    /// let hub = transport::from_fn(|req| {
    ///     assert!(req.url.ends_with("/api/models/gpt2/revision/v1.0"));
    ///     Ok(Response::new(200, vec![], br#"{"id":"gpt2","sha":"abc"}"#.to_vec()))
    /// });
    /// let model = Client::new(hub, Config::default())
    ///     .model_info_with(&GetModel::new("gpt2")?.revision("v1.0"))?;
    /// assert_eq!(model.sha.as_deref(), Some("abc"));
    /// # Ok::<(), hf_providers::Error>(())
    /// ```
    pub fn model_info_with(&self, request: &GetModel) -> Result<Model, Error> {
        let request = request.to_request(&self.config.endpoint)?;
        let fetched = self.fetch(request.url, true)?;
        crate::proto::parse::model(&fetched.response.body)
    }

    /// Whether `id` is warm: `Some(Warm)`, `None` when the Hub leaves the field out (not warm),
    /// or a newer value kept as [`InferenceStatus::Other`].
    ///
    /// # Errors
    ///
    /// As [`Client::model_info`].
    pub fn model_status(&self, id: &str) -> Result<Option<InferenceStatus>, Error> {
        Ok(self.model_info(id, &[Expand::Inference])?.inference)
    }

    /// The providers serving `id`, in the Hub's order; empty when none does.
    ///
    /// # Errors
    ///
    /// As [`Client::model_info`].
    ///
    /// ```
    /// use hf_providers::{transport, Client, Config, Response};
    ///
    /// let hub = transport::from_fn(|_| {
    ///     let body = r#"{"id":"m/x","inferenceProviderMapping":{
    ///         "together":{"status":"live","providerId":"x-turbo","task":"conversational"},
    ///         "cerebras":{"status":"staging","providerId":"x","task":"conversational"}}}"#;
    ///     Ok(Response::new(200, vec![], body.into()))
    /// });
    /// let providers = Client::new(hub, Config::default()).model_providers("m/x")?;
    /// let names: Vec<_> = providers.iter().map(|p| p.provider.as_ref()).collect();
    /// assert_eq!(names, ["together", "cerebras"]); // the Hub's order, not alphabetical
    /// # Ok::<(), hf_providers::Error>(())
    /// ```
    pub fn model_providers(&self, id: &str) -> Result<Vec<ProviderMapping>, Error> {
        let model = self.model_info(id, &[Expand::InferenceProviderMapping])?;
        Ok(model.inference_provider_mapping.unwrap_or_default())
    }

    /// The provider to call for `id`: with [`ProviderChoice::Auto`], the first `live` one in
    /// the Hub's order; with a name, that provider if it serves the model `live`.
    ///
    /// # Errors
    ///
    /// [`Error::NoProvider`] when no provider fits the choice, with the reason; otherwise as
    /// [`Client::model_info`].
    pub fn choose_provider(
        &self,
        id: &str,
        choice: &ProviderChoice,
    ) -> Result<ProviderMapping, Error> {
        let mapping = self.model_providers(id)?;
        choose(id, &mapping, choice).cloned()
    }

    /// GETs `url` until it succeeds, retrying as the policy allows. `repo_url` tells the error
    /// mapping that a 401 may mean "not found".
    pub(crate) fn fetch(&self, url: String, repo_url: bool) -> Result<Fetched, Error> {
        let mut retries_done = 0;
        loop {
            let outcome = match self.send_following_redirects(url.clone())? {
                Ok(f) if (200..300).contains(&f.response.status) => return Ok(f),
                other => other,
            };
            let for_policy = outcome.as_ref().map(|f| &f.response);
            match self
                .config
                .retry
                .decide(retries_done, for_policy, self.jitter())
            {
                Decision::Retry(wait) => {
                    self.transport.sleep(wait);
                    retries_done += 1;
                }
                Decision::Stop => {
                    return Err(match outcome {
                        Ok(f) => error_for(&f.response, &f.url, repo_url),
                        Err(e) => Error::Transport(e),
                    });
                }
            }
        }
    }

    /// One attempt: the request and any redirects. The outer error is final (never retried);
    /// the inner one is the transport's, which the retry policy judges.
    fn send_following_redirects(
        &self,
        mut url: String,
    ) -> Result<Result<Fetched, TransportError>, Error> {
        // Once a redirect leaves the endpoint's origin the token stays behind, even if a later
        // redirect comes back.
        let mut on_origin = true;
        for _ in 0..=self.config.max_redirects {
            on_origin &= self.config.endpoint.is_same_origin(&url);
            let request = self.request(&url, on_origin);
            let response = match self.transport.send(&request) {
                Ok(response) => response,
                Err(e) if e.kind() == TransportErrorKind::BodyTooLarge => {
                    return Err(self.body_too_large());
                }
                Err(e) => return Ok(Err(e)),
            };
            if response.body.len() as u64 > self.config.max_body_bytes {
                return Err(self.body_too_large());
            }
            match redirect::target(&url, &response)? {
                Some(next) => url = next,
                None => return Ok(Ok(Fetched { url, response })),
            }
        }
        Err(Error::LinkRefused {
            url,
            reason: LinkRefusal::TooManyRedirects,
        })
    }

    fn request(&self, url: &str, with_token: bool) -> Request {
        let mut request = Request::get(url);
        request.max_body_bytes = self.config.max_body_bytes;
        request.headers.push(("accept", "application/json".into()));
        request
            .headers
            .push(("user-agent", self.config.user_agent.clone()));
        if let (true, Some(token)) = (with_token, &self.config.token) {
            request
                .headers
                .push(("authorization", format!("Bearer {}", token.expose())));
        }
        request
    }

    fn body_too_large(&self) -> Error {
        Error::BodyTooLarge {
            limit: self.config.max_body_bytes,
        }
    }

    /// A fresh number in `[0, 1]` for backoff jitter, from std's per-process random keys.
    fn jitter(&self) -> f64 {
        self.random.hash_one(std::time::SystemTime::now()) as f64 / u64::MAX as f64
    }
}

impl<T: Clone> Clone for Client<T> {
    fn clone(&self) -> Self {
        Client {
            transport: self.transport.clone(),
            config: self.config.clone(),
            random: RandomState::new(),
        }
    }
}

impl<T> fmt::Debug for Client<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}
