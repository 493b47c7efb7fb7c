//! The blocking client: drives requests through a [`Transport`], following redirects, retrying,
//! and mapping answers to typed values or errors.

use std::collections::hash_map::RandomState;
use std::fmt;
use std::hash::BuildHasher;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::cache::Cache;
use crate::config::Config;
use crate::proto::catalog::CatalogModel;
use crate::proto::choice::{self, Choice, Needs, ProviderChoice, ProviderDetails};
use crate::proto::error::{Error, LinkRefusal, TransportError, TransportErrorKind};
use crate::proto::http::{Request, Response};
use crate::proto::http_error::error_for;
use crate::proto::model::{InferenceStatus, Model, ProviderMapping};
use crate::proto::parse;
use crate::proto::query::{Expand, GetCatalog, GetModel};
use crate::proto::quota::{Quota, quota};
use crate::proto::redirect;
use crate::proto::repo_id::RepoId;
use crate::proto::retry::Decision;
use crate::proto::token::Token;
use crate::proto::url::Endpoint;
use crate::proto::wait::{Seconds, Service, Wait, WaitCause};
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
    /// The router's catalog, under the one key `()`.
    catalogs: Cache<(), Arc<Vec<CatalogModel>>>,
    /// Provider mappings by model id.
    mappings: Cache<String, Arc<Vec<ProviderMapping>>>,
    /// The quota each service announced last, and when (by `Service as usize`).
    quotas: Mutex<[Option<(Instant, Quota)>; 2]>,
    /// Told of each wait before it starts.
    on_wait: Option<Arc<WaitObserver>>,
}

type WaitObserver = dyn Fn(&Wait) + Send + Sync;

/// When a logical request must be over: `Config::timeout` after it started (never, for a
/// timeout too long to count).
struct Deadline(Option<Instant>);

impl Deadline {
    fn after(now: Instant, timeout: Duration) -> Deadline {
        Deadline(now.checked_add(timeout))
    }

    /// The time left at `now`: zero once past, `Duration::MAX` without a deadline.
    fn left(&self, now: Instant) -> Duration {
        self.0
            .map_or(Duration::MAX, |end| end.saturating_duration_since(now))
    }
}

/// A successful answer and the URL that gave it (after redirects).
pub(crate) struct Fetched {
    pub(crate) url: String,
    pub(crate) response: Response,
    /// Whether a redirect on the way left the service's origin.
    pub(crate) left_origin: bool,
}

impl<T: Transport> Client<T> {
    /// A client sending through `transport` with `config`.
    pub fn new(transport: T, config: Config) -> Self {
        Client {
            catalogs: Cache::new(config.cache_ttl),
            mappings: Cache::new(config.cache_ttl),
            quotas: Mutex::new([None; 2]),
            on_wait: None,
            transport,
            config,
            random: RandomState::new(),
        }
    }

    /// Calls `observer` before each wait: a retry's backoff, a wait the server asked for, or a
    /// spent quota's reset. Waits can last seconds; a program can say why nothing is happening.
    ///
    /// ```
    /// use std::sync::{Arc, Mutex};
    /// use hf_providers::{transport, Client, Config, Response};
    ///
    /// let answers = Mutex::new(vec![
    ///     Response::new(200, vec![], br#"{"id":"gpt2"}"#.to_vec()),
    ///     Response::new(503, vec![("Retry-After".into(), "0".into())], vec![]),
    /// ]);
    /// let hub = transport::from_fn(move |_| Ok(answers.lock().unwrap().pop().unwrap()));
    /// let told = Arc::new(Mutex::new(Vec::new()));
    /// let seen = Arc::clone(&told);
    /// let client = Client::new(hub, Config::default())
    ///     .on_wait(move |wait| seen.lock().unwrap().push(wait.to_string()));
    /// client.model_status("gpt2")?;
    /// assert_eq!(*told.lock().unwrap(), ["503 from the Hub, retrying in 0 s (attempt 2 of 5)"]);
    /// # Ok::<(), hf_providers::Error>(())
    /// ```
    #[must_use]
    pub fn on_wait(mut self, observer: impl Fn(&Wait) + Send + Sync + 'static) -> Self {
        self.on_wait = Some(Arc::new(observer));
        self
    }

    /// Tells the observer, then waits.
    fn wait(&self, service: Service, cause: WaitCause, duration: Duration, retries_done: u32) {
        if let Some(observer) = &self.on_wait {
            let attempts = self.config.retry.max_retries.saturating_add(1);
            observer(&Wait::new(
                service,
                cause,
                duration,
                retries_done.saturating_add(1),
                attempts,
            ));
        }
        self.transport.sleep(duration);
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
        let (_, model) = self.fetch(request.url, Service::Hub, true, parse::model)?;
        Ok(model)
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
    /// Kept for [`Config::cache_ttl`]: asked again within it, the answer comes from memory.
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
        Ok(self.mapping(&RepoId::parse(id)?)?.to_vec())
    }

    /// The router's catalog: the chat models it serves and, per provider, its health, prices,
    /// context length, tool support, latency and throughput.
    ///
    /// Kept for [`Config::cache_ttl`].
    ///
    /// # Errors
    ///
    /// The error of the request to the router (see [`Error`]), or [`Error::Decode`] for an
    /// answer that is not the catalog.
    ///
    /// ```
    /// use hf_providers::{transport, Client, Config, Response};
    ///
    /// let router = transport::from_fn(|req| {
    ///     assert_eq!(req.url, "https://router.huggingface.co/v1/models");
    ///     let body = r#"{"object":"list","data":[{"id":"m/x","providers":[
    ///         {"provider":"groq","status":"live","throughput":276.4}]}]}"#;
    ///     Ok(Response::new(200, vec![], body.into()))
    /// });
    /// let catalog = Client::new(router, Config::default()).catalog()?;
    /// assert_eq!(catalog[0].provider("groq").unwrap().throughput, Some(276.4));
    /// # Ok::<(), hf_providers::Error>(())
    /// ```
    pub fn catalog(&self) -> Result<Vec<CatalogModel>, Error> {
        Ok(self.full_catalog()?.to_vec())
    }

    /// One model of the router's catalog (`GET {router}/v1/models/{id}`).
    ///
    /// # Errors
    ///
    /// [`Error::NotFound`] when the catalog does not list the model (it lists chat models
    /// only); [`Error::InvalidInput`] for an invalid id; otherwise as [`Client::catalog`].
    pub fn catalog_model(&self, id: &str) -> Result<CatalogModel, Error> {
        let request = GetCatalog::model(id)?.to_request(&self.config.router);
        let (_, model) = self.fetch(request.url, Service::Router, false, parse::catalog_model)?;
        Ok(model)
    }

    /// The providers serving `id`, in the Hub's order, each with its entry in the router's
    /// catalog (none when the catalog does not list the model, or not with that provider).
    ///
    /// The mapping and the catalog are fetched side by side: one round trip of waiting.
    ///
    /// # Errors
    ///
    /// As [`Client::model_providers`] and [`Client::catalog`].
    pub fn provider_details(&self, id: &str) -> Result<Vec<ProviderDetails>, Error> {
        let id = RepoId::parse(id)?;
        let (mapping, catalog) = self.mapping_and_catalog(&id);
        let (mapping, catalog) = (mapping?, catalog?);
        Ok(choice::join(&mapping, find(&catalog, &id)))
    }

    /// The whole decision of which provider to call for `id`: the policy applied (what `auto`
    /// became), every provider with why it won, lost or was excluded, and the route the router
    /// takes (`MODEL:PROVIDER`); see [`choice::choose`] for the rules. When no provider
    /// qualifies, the answer says why ([`Choice::no_provider`]); [`Choice::into_chosen`]
    /// makes that an error.
    ///
    /// The mapping and the router's catalog are fetched side by side (one round trip of
    /// waiting) and kept for [`Config::cache_ttl`], so choosing for many models reads the
    /// catalog once. If the catalog cannot be read, `auto`, `preferred` and a named provider
    /// are chosen from the Hub's mapping alone (the answer says so); `fastest`, `cheapest`
    /// and any need fail with the catalog's error.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] for an invalid id; the error of a request that failed.
    ///
    /// ```
    /// use hf_providers::{transport, Client, Config, Needs, ProviderChoice, Response};
    ///
    /// let both = transport::from_fn(|req| {
    ///     let body = if req.url.contains("/v1/models") {
    ///         r#"{"object":"list","data":[{"id":"m/x","providers":[
    ///             {"provider":"together","status":"live","throughput":40.1,"supports_tools":true},
    ///             {"provider":"groq","status":"live","throughput":276.4,"supports_tools":false}]}]}"#
    ///     } else {
    ///         r#"{"id":"m/x","inferenceProviderMapping":{
    ///             "together":{"status":"live","providerId":"x-turbo","task":"conversational"},
    ///             "groq":{"status":"live","providerId":"x-groq","task":"conversational"}}}"#
    ///     };
    ///     Ok(Response::new(200, vec![], body.into()))
    /// });
    /// let client = Client::new(both, Config::default());
    /// let choice = client.choose("m/x", &ProviderChoice::Auto, &Needs::new())?;
    /// assert_eq!((choice.applied.to_string(), choice.route().unwrap()), ("fastest".into(), "m/x:groq".into()));
    /// let with_tools = client.choose("m/x", &ProviderChoice::Auto, &Needs::new().tools())?;
    /// assert_eq!(with_tools.chosen().unwrap().mapping.provider_id, "x-turbo");
    /// assert_eq!(with_tools.candidates[1].verdict.to_string(), "no tools");
    /// # Ok::<(), hf_providers::Error>(())
    /// ```
    pub fn choose(&self, id: &str, asked: &ProviderChoice, needs: &Needs) -> Result<Choice, Error> {
        let id = RepoId::parse(id)?;
        let (mapping, catalog) = self.mapping_and_catalog(&id);
        let mapping = mapping?;
        let catalog = match catalog {
            Err(e) if asked.needs_metrics() || !needs.is_empty() => return Err(e),
            other => other,
        };
        let entry = catalog.as_ref().map(|catalog| find(catalog, &id));
        Ok(choice::choose(id.as_str(), &mapping, entry, asked, needs))
    }

    /// The provider to call for `id` with `asked`, as [`Client::choose`] decides.
    ///
    /// # Errors
    ///
    /// [`Error::NoProvider`] when no provider qualifies, with the reason; otherwise as
    /// [`Client::choose`].
    pub fn choose_provider(
        &self,
        id: &str,
        asked: &ProviderChoice,
    ) -> Result<ProviderMapping, Error> {
        let choice = self.choose(id, asked, &Needs::new())?.into_chosen()?;
        Ok(choice
            .chosen()
            .map(|c| c.mapping.clone())
            .expect("into_chosen keeps only a choice with a chosen provider"))
    }

    /// The mapping of `id`, from the cache or the Hub.
    fn mapping(&self, id: &RepoId) -> Result<Arc<Vec<ProviderMapping>>, Error> {
        if let Some(mapping) = self.mappings.get(id.as_str(), self.transport.now()) {
            return Ok(mapping);
        }
        let model = self.model_info(id.as_str(), &[Expand::InferenceProviderMapping])?;
        let mapping = Arc::new(model.inference_provider_mapping.unwrap_or_default());
        let now = self.transport.now();
        self.mappings.put(id.to_string(), Arc::clone(&mapping), now);
        Ok(mapping)
    }

    /// The router's catalog, from the cache or the router.
    fn full_catalog(&self) -> Result<Arc<Vec<CatalogModel>>, Error> {
        if let Some(catalog) = self.catalogs.get(&(), self.transport.now()) {
            return Ok(catalog);
        }
        let request = GetCatalog::all().to_request(&self.config.router);
        let (_, catalog) = self.fetch(request.url, Service::Router, false, parse::catalog)?;
        let catalog = Arc::new(catalog);
        self.catalogs
            .put((), Arc::clone(&catalog), self.transport.now());
        Ok(catalog)
    }

    /// The mapping of `id` and the catalog, fetching what is not cached side by side: the
    /// catalog from a scoped thread, or after the mapping where no thread can be started.
    #[allow(clippy::type_complexity)]
    fn mapping_and_catalog(
        &self,
        id: &RepoId,
    ) -> (
        Result<Arc<Vec<ProviderMapping>>, Error>,
        Result<Arc<Vec<CatalogModel>>, Error>,
    ) {
        let now = self.transport.now();
        if self.mappings.get(id.as_str(), now).is_some() || self.catalogs.get(&(), now).is_some() {
            return (self.mapping(id), self.full_catalog());
        }
        std::thread::scope(|scope| {
            let catalog = std::thread::Builder::new()
                .name("hf-providers-catalog".into())
                .spawn_scoped(scope, || self.full_catalog());
            let mapping = self.mapping(id);
            let catalog = match catalog {
                Ok(thread) => thread
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                Err(_) => self.full_catalog(),
            };
            (mapping, catalog)
        })
    }

    /// GETs `url` from `service` until it succeeds, retrying as the policy allows, and reads
    /// the body with `parse`. `repo_url` tells the error mapping that a 401 may mean "not
    /// found". Everything a request can fail with, its reading included, has the token and URL
    /// credentials taken out here: a server may echo them.
    pub(crate) fn fetch<V>(
        &self,
        url: String,
        service: Service,
        repo_url: bool,
        parse: impl FnOnce(&[u8]) -> Result<V, Error>,
    ) -> Result<(Fetched, V), Error> {
        let scrub = |e: Error| e.scrubbed(self.config.token.as_ref().map(Token::expose));
        let fetched = self.attempts(url, service, repo_url).map_err(scrub)?;
        let value = parse(&fetched.response.body).map_err(scrub)?;
        Ok((fetched, value))
    }

    fn attempts(&self, url: String, service: Service, repo_url: bool) -> Result<Fetched, Error> {
        let deadline = Deadline::after(self.transport.now(), self.config.timeout);
        let mut retries_done = 0;
        loop {
            self.pace(service, &deadline, retries_done);
            let outcome = match self.send_following_redirects(url.clone(), service, &deadline)? {
                Ok(f) if (200..300).contains(&f.response.status) => return Ok(f),
                other => other,
            };
            let for_policy = outcome.as_ref().map(|f| &f.response);
            let decision = self
                .config
                .retry
                .decide(retries_done, for_policy, self.jitter());
            match decision {
                // Only a wait that ends before the deadline is worth starting; a 429 that asked
                // for more ends as `RateLimited` with the wait it asked for.
                Decision::Retry(wait) if wait < deadline.left(self.transport.now()) => {
                    let cause = match &outcome {
                        Ok(f) => WaitCause::Status(f.response.status),
                        Err(e) => WaitCause::Transport(e.kind()),
                    };
                    retries_done += 1;
                    self.wait(service, cause, wait, retries_done);
                }
                _ => {
                    return Err(match outcome {
                        Ok(f) => error_for(&f.response, &f.url, repo_url),
                        Err(e) => Error::Transport(e),
                    });
                }
            }
        }
    }

    /// Waits for the quota's reset when the service's last answer said nothing is left and the
    /// reset comes before the deadline: a request sent now would be a certain 429. A later
    /// reset is not waited for: the request goes, and the service decides.
    fn pace(&self, service: Service, deadline: &Deadline, retries_done: u32) {
        let Some((seen, quota)) =
            self.quotas.lock().unwrap_or_else(|p| p.into_inner())[service as usize]
        else {
            return;
        };
        if quota.remaining > 0 {
            return;
        }
        let now = self.transport.now();
        let wait = (seen + quota.reset).saturating_duration_since(now);
        if !wait.is_zero() && wait < deadline.left(now) {
            self.wait(service, WaitCause::Quota, wait, retries_done);
        }
    }

    /// The quota the service announced last, its reset counted from now; `None` before any
    /// answer that announced one.
    ///
    /// ```
    /// use hf_providers::{transport, Client, Config, Response, Service};
    ///
    /// let hub = transport::from_fn(|_| {
    ///     let headers = vec![("RateLimit".into(), r#""api";r=499;t=300"#.into())];
    ///     Ok(Response::new(200, headers, br#"{"id":"gpt2"}"#.to_vec()))
    /// });
    /// let client = Client::new(hub, Config::default());
    /// assert_eq!(client.quota(Service::Hub), None);
    /// client.model_status("gpt2")?;
    /// assert_eq!(client.quota(Service::Hub).unwrap().remaining, 499);
    /// assert_eq!(client.quota(Service::Router), None);
    /// # Ok::<(), hf_providers::Error>(())
    /// ```
    pub fn quota(&self, service: Service) -> Option<Quota> {
        let (seen, mut quota) =
            self.quotas.lock().unwrap_or_else(|p| p.into_inner())[service as usize]?;
        let elapsed = self.transport.now().saturating_duration_since(seen);
        quota.reset = quota.reset.saturating_sub(elapsed);
        Some(quota)
    }

    /// One attempt: the request and any redirects. The outer error is final (never retried);
    /// the inner one is the transport's, which the retry policy judges.
    fn send_following_redirects(
        &self,
        mut url: String,
        service: Service,
        deadline: &Deadline,
    ) -> Result<Result<Fetched, TransportError>, Error> {
        let home = self.endpoint(service);
        // Once a redirect leaves the service's origin the token stays behind, even if a later
        // redirect comes back.
        let mut on_origin = true;
        for _ in 0..=self.config.max_redirects {
            on_origin &= home.is_same_origin(&url);
            let left = deadline.left(self.transport.now());
            if left.is_zero() {
                let timeout = Seconds(self.config.timeout);
                let e = TransportError::new(
                    TransportErrorKind::Timeout,
                    format!("the request took its whole timeout of {timeout}"),
                );
                return Ok(Err(e));
            }
            let mut request = self.request(&url, on_origin);
            request.timeout = (left != Duration::MAX).then_some(left);
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
            // Only the service's own answers speak for its quota.
            if let (true, Some(quota)) = (on_origin, quota(&response.headers)) {
                let seen = self.transport.now();
                self.quotas.lock().unwrap_or_else(|p| p.into_inner())[service as usize] =
                    Some((seen, quota));
            }
            match redirect::target(&url, &response)? {
                Some(next) => url = next,
                None => {
                    return Ok(Ok(Fetched {
                        url,
                        response,
                        left_origin: !on_origin,
                    }));
                }
            }
        }
        Err(Error::LinkRefused {
            url,
            reason: LinkRefusal::TooManyRedirects,
        })
    }

    /// The endpoint of `service`: the only origin its requests carry the token to.
    pub(crate) fn endpoint(&self, service: Service) -> &Endpoint {
        match service {
            Service::Hub => &self.config.endpoint,
            Service::Router => &self.config.router,
        }
    }

    fn request(&self, url: &str, with_token: bool) -> Request {
        let mut request = Request::get(url);
        request.max_body_bytes = self.config.max_body_bytes;
        request.proxy = self.config.proxies.for_url(url).map(str::to_owned);
        request.headers.push(("accept", "application/json".into()));
        request
            .headers
            .push(("user-agent", self.config.user_agent().to_owned()));
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

/// The catalog's entry for `id`.
fn find<'c>(catalog: &'c [CatalogModel], id: &RepoId) -> Option<&'c CatalogModel> {
    catalog.iter().find(|m| m.id == id.as_str())
}

/// A clone starts with an empty cache: nothing cached crosses clients.
impl<T: Clone> Clone for Client<T> {
    fn clone(&self) -> Self {
        Client {
            transport: self.transport.clone(),
            config: self.config.clone(),
            random: RandomState::new(),
            catalogs: Cache::new(self.config.cache_ttl),
            mappings: Cache::new(self.config.cache_ttl),
            quotas: Mutex::new([None; 2]),
            on_wait: self.on_wait.clone(),
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
