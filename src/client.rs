//! The blocking client: the questions, their caches, and a short driver that carries out each
//! request's [`Exchange`] through a [`Transport`].

use std::collections::hash_map::RandomState;
use std::fmt;
use std::hash::BuildHasher;
use std::sync::{Arc, Mutex};

use crate::cache::Cache;
use crate::proto::catalog::CatalogModel;
use crate::proto::choice::{self, Decision, Needs, Policy, ProviderDetails};
use crate::proto::config::Config;
use crate::proto::error::Error;
use crate::proto::exchange::{self, Answer, Ask, Exchange, Step};
use crate::proto::http::Request;
use crate::proto::model::{InferenceStatus, Model, ProviderMapping};
use crate::proto::parse;
use crate::proto::query::{Expand, GetCatalog, GetModel};
use crate::proto::quota::{Announced, Quota};
use crate::proto::repo_id::{IntoRepoId, RepoId};
use crate::proto::service::Service;
use crate::proto::wait::Wait;
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
    mappings: Cache<String, Arc<Mapped>>,
    /// The quota each service announced last, and when (by `Service as usize`).
    quotas: Mutex<[Option<Announced>; 2]>,
    /// Told of each wait before it starts.
    on_wait: Option<Arc<WaitObserver>>,
    /// Told of each request before it is sent.
    on_send: Option<Arc<SendObserver>>,
}

type WaitObserver = dyn Fn(&Wait) + Send + Sync;
type SendObserver = dyn Fn(Service, &Request) + Send + Sync;

impl<T: Transport> Client<T> {
    /// A client sending through `transport` with `config`.
    pub fn new(transport: T, config: Config) -> Self {
        Client {
            catalogs: Cache::new(config.cache_ttl),
            mappings: Cache::new(config.cache_ttl),
            quotas: Mutex::new([None; 2]),
            on_wait: None,
            on_send: None,
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

    /// Calls `observer` before each request is sent, with the service it is for: a program can
    /// say what it is waiting for (`waiting for huggingface.co`) from the first moment, the
    /// connection included. The request carries the token: show its host, not the request.
    ///
    /// ```
    /// use std::sync::{Arc, Mutex};
    /// use hf_providers::{transport, Client, Config, Response, Service};
    ///
    /// let hub = transport::from_fn(|_| Ok(Response::new(200, vec![], br#"{"id":"gpt2"}"#.to_vec())));
    /// let told = Arc::new(Mutex::new(Vec::new()));
    /// let seen = Arc::clone(&told);
    /// let client = Client::new(hub, Config::default())
    ///     .on_send(move |service, req| seen.lock().unwrap().push((service, req.url().to_owned())));
    /// client.model_status("gpt2")?;
    /// let told = told.lock().unwrap();
    /// assert_eq!(told[0].0, Service::Hub);
    /// assert!(told[0].1.starts_with("https://huggingface.co/api/models/gpt2?"));
    /// # Ok::<(), hf_providers::Error>(())
    /// ```
    #[must_use]
    pub fn on_send(mut self, observer: impl Fn(Service, &Request) + Send + Sync + 'static) -> Self {
        self.on_send = Some(Arc::new(observer));
        self
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
    ///     assert!(req.url().ends_with("/api/models/gpt2?expand[]=downloads&expand[]=likes"));
    ///     Ok(Response::new(200, vec![], br#"{"id":"gpt2","downloads":9,"likes":3}"#.to_vec()))
    /// });
    /// let model = Client::new(hub, Config::default())
    ///     .model_info("gpt2", &[Expand::Downloads, Expand::Likes])?;
    /// assert_eq!((model.downloads, model.likes), (Some(9), Some(3)));
    /// # Ok::<(), hf_providers::Error>(())
    /// ```
    pub fn model_info(&self, id: impl IntoRepoId, expand: &[Expand]) -> Result<Model, Error> {
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
    ///     assert!(req.url().ends_with("/api/models/gpt2/revision/v1.0"));
    ///     Ok(Response::new(200, vec![], br#"{"id":"gpt2","sha":"abc"}"#.to_vec()))
    /// });
    /// let model = Client::new(hub, Config::default())
    ///     .model_info_with(&GetModel::new("gpt2")?.revision("v1.0"))?;
    /// assert_eq!(model.sha.as_deref(), Some("abc"));
    /// # Ok::<(), hf_providers::Error>(())
    /// ```
    pub fn model_info_with(&self, request: &GetModel) -> Result<Model, Error> {
        let ask = request.to_ask(&self.config.endpoint)?;
        let (_, model) = self.fetch(ask, parse::model)?;
        Ok(model)
    }

    /// Whether `id` is warm: `Some(Warm)`, `None` when the Hub leaves the field out (not warm),
    /// or a newer value kept as [`InferenceStatus::Other`].
    ///
    /// # Errors
    ///
    /// As [`Client::model_info`].
    pub fn model_status(&self, id: impl IntoRepoId) -> Result<Option<InferenceStatus>, Error> {
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
    pub fn model_providers(&self, id: impl IntoRepoId) -> Result<Vec<ProviderMapping>, Error> {
        Ok(self.mapping(&id.into_repo_id()?)?.providers.clone())
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
    ///     assert_eq!(req.url(), "https://router.huggingface.co/v1/models");
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

    /// One model of the router's catalog (`GET {router}/v1/models/{id}`). The router knows a
    /// model only by its current id: a renamed model's old id is not found (the Hub's answer
    /// about the model names the current one, [`Model::repo_id`]).
    ///
    /// # Errors
    ///
    /// [`Error::NotFound`] when the catalog does not list the model (it lists chat models
    /// only); [`Error::InvalidInput`] for an invalid id; otherwise as [`Client::catalog`].
    pub fn catalog_model(&self, id: impl IntoRepoId) -> Result<CatalogModel, Error> {
        let ask = GetCatalog::model(id)?.to_ask(&self.config.router);
        let (_, model) = self.fetch(ask, parse::catalog_model)?;
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
    pub fn provider_details(&self, id: impl IntoRepoId) -> Result<Vec<ProviderDetails>, Error> {
        let id = id.into_repo_id()?;
        let (mapped, catalog) = self.mapping_and_catalog(&id);
        let (mapped, catalog) = (mapped?, catalog?);
        Ok(choice::join(&mapped.providers, find(&catalog, &mapped.id)))
    }

    /// The whole decision of which provider to call for `id`: the policy applied (what `auto`
    /// became), every provider with why it won, lost or was excluded, and the route the router
    /// takes (`MODEL:PROVIDER`, MODEL being the model's current id: a renamed model's new one,
    /// which is the only one the router knows); see [`proto::choose`](crate::proto::choose)
    /// for the rules. When no provider qualifies, the answer says why
    /// ([`Decision::no_provider`]); [`Decision::into_chosen`] makes that an error.
    ///
    /// The mapping and the router's catalog are fetched side by side (one round trip of
    /// waiting) and kept for [`Config::cache_ttl`], so choosing for many models reads the
    /// catalog once. If the catalog cannot be read, `auto`, `preferred` and a named provider
    /// are chosen from the Hub's mapping alone (the answer says so); `fastest`, `cheapest`
    /// and any need but the task fail with the catalog's error (the model's mapping, from the
    /// Hub's answer about the model, does not carry the Hub's own numbers: only a listing's
    /// does).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] for an invalid id; the error of a request that failed.
    ///
    /// ```
    /// use hf_providers::{transport, Client, Config, Needs, Policy, Response};
    ///
    /// let both = transport::from_fn(|req| {
    ///     let body = if req.url().contains("/v1/models") {
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
    /// let choice = client.choose("m/x", &Policy::Auto, &Needs::new())?;
    /// assert_eq!((choice.applied.to_string(), choice.route().unwrap()), ("fastest".into(), "m/x:groq".into()));
    /// let with_tools = client.choose("m/x", &Policy::Auto, &Needs::new().tools())?;
    /// assert_eq!(with_tools.chosen().unwrap().mapping.provider_id, "x-turbo");
    /// assert_eq!(with_tools.candidates[1].verdict.to_string(), "no tools");
    /// # Ok::<(), hf_providers::Error>(())
    /// ```
    pub fn choose(
        &self,
        id: impl IntoRepoId,
        asked: &Policy,
        needs: &Needs,
    ) -> Result<Decision, Error> {
        let id = id.into_repo_id()?;
        let (mapped, catalog) = self.mapping_and_catalog(&id);
        let Mapped { id, providers } = &*mapped?;
        match catalog {
            Ok(catalog) => {
                choice::choose(id.as_str(), providers, Ok(find(&catalog, id)), asked, needs)
            }
            Err(e) => choice::choose(id.as_str(), providers, Err(e), asked, needs),
        }
    }

    /// The provider to call for `id` with `asked`, as [`Client::choose`] decides.
    ///
    /// # Errors
    ///
    /// [`Error::NoProvider`] when no provider qualifies, with the reason; otherwise as
    /// [`Client::choose`].
    pub fn choose_provider(
        &self,
        id: impl IntoRepoId,
        asked: &Policy,
    ) -> Result<ProviderMapping, Error> {
        let chosen = self.choose(id, asked, &Needs::new())?.into_candidate()?;
        Ok(chosen.mapping)
    }

    /// The mapping of `id`, from the cache or the Hub.
    fn mapping(&self, id: &RepoId) -> Result<Arc<Mapped>, Error> {
        if let Some(mapping) = self.mappings.get(id.as_str(), self.transport.now()) {
            return Ok(mapping);
        }
        let model = self.model_info(id, &[Expand::InferenceProviderMapping])?;
        let mapping = Arc::new(Mapped {
            id: model.repo_id().unwrap_or_else(|| id.clone()),
            providers: model.inference_provider_mapping.unwrap_or_default(),
        });
        let now = self.transport.now();
        self.mappings.put(id.to_string(), Arc::clone(&mapping), now);
        Ok(mapping)
    }

    /// The router's catalog, from the cache or the router.
    pub(crate) fn full_catalog(&self) -> Result<Arc<Vec<CatalogModel>>, Error> {
        if let Some(catalog) = self.catalogs.get(&(), self.transport.now()) {
            return Ok(catalog);
        }
        let ask = GetCatalog::all().to_ask(&self.config.router);
        let (_, catalog) = self.fetch(ask, parse::catalog)?;
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
        Result<Arc<Mapped>, Error>,
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

    /// Carries out `ask` and reads the answer's body with `parse`.
    pub(crate) fn fetch<V>(
        &self,
        ask: Ask,
        parse: impl FnOnce(&[u8]) -> Result<V, Error>,
    ) -> Result<(Answer, V), Error> {
        self.carry_out(ask).read(parse)
    }

    /// Carries out `ask` as its [`Exchange`] says: sends, tells the observer and sleeps through
    /// the transport. Every rule is the exchange's; this only does what it is told. (Apart from
    /// `fetch`, which is generic, so that one copy of the loop serves every question.)
    #[inline(never)]
    fn carry_out(&self, ask: Ask) -> exchange::Done<'_> {
        let service = ask.service();
        let quota = self.quotas()[service as usize];
        let mut step = Exchange::start(&self.config, ask, quota, self.transport.now());
        let done = loop {
            step = match step {
                Step::Send(sending) => {
                    if let Some(observer) = &self.on_send {
                        observer(service, sending.request());
                    }
                    let outcome = self.transport.send(sending.request());
                    sending.answered(outcome, self.transport.now(), self.random())
                }
                Step::Wait(waiting) => {
                    if let Some(observer) = &self.on_wait {
                        observer(waiting.wait());
                    }
                    self.transport.sleep(waiting.wait().duration);
                    waiting.waited(self.transport.now())
                }
                Step::Done(done) => break done,
            };
        };
        self.quotas()[service as usize] = done.quota();
        done
    }

    fn quotas(&self) -> std::sync::MutexGuard<'_, [Option<Announced>; 2]> {
        // Each change is one assignment: a panic elsewhere cannot leave it half-written.
        self.quotas.lock().unwrap_or_else(|p| p.into_inner())
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
        let announced = self.quotas()[service as usize]?;
        Some(announced.at(self.transport.now()))
    }

    /// A fresh random number for the backoff's jitter, from std's per-process random keys.
    fn random(&self) -> u64 {
        self.random.hash_one(std::time::SystemTime::now())
    }
}

/// A model's providers, under the id the Hub answered with.
struct Mapped {
    /// The model's current id ([`Model::repo_id`]): the router's name for it.
    id: RepoId,
    providers: Vec<ProviderMapping>,
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
            on_send: self.on_send.clone(),
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
