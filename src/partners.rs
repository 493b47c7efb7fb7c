//! The provider side: a provider's mappings listed, registered, switched and deleted, and every
//! provider at a glance.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::client::Client;
use crate::proto::error::Error;
use crate::proto::model::ProviderStatus;
use crate::proto::parse;
use crate::proto::partner::{
    PartnerList, ProviderSummary, delete_ask, models_per_provider, set_status_ask,
};
use crate::proto::partner_mapping::{NewMapping, PartnerMapping};
use crate::proto::plan::Change;
use crate::transport::Transport;

/// How many providers' lists are asked for at once: enough to overlap the waits, few enough
/// not to crowd the Hub's quota.
const PARALLEL_LISTS: usize = 4;

impl<T: Transport> Client<T> {
    /// A provider's mappings, as the Hub has them (`GET /api/partners/{provider}/models`):
    /// public, staging included, in the Hub's order (grouped by task).
    ///
    /// # Errors
    ///
    /// [`Error::NotFound`] when the Hub knows no such provider; the error of a request that
    /// failed.
    ///
    /// ```
    /// use hf_providers::{transport, Client, Config, PartnerList, Response};
    ///
    /// let hub = transport::from_fn(|req| {
    ///     assert_eq!(req.url(), "https://huggingface.co/api/partners/fal-ai/models");
    ///     let body = r#"{"text-to-image":{"black-forest-labs/FLUX.1-dev":
    ///         {"_id":"66e2","providerId":"fal-ai/flux/dev","status":"live"}}}"#;
    ///     Ok(Response::new(200, vec![], body.into()))
    /// });
    /// let list = Client::new(hub, Config::default()).partner_mappings(&PartnerList::new("fal-ai")?)?;
    /// assert_eq!(list[0].provider_id, "fal-ai/flux/dev");
    /// # Ok::<(), hf_providers::Error>(())
    /// ```
    pub fn partner_mappings(&self, list: &PartnerList) -> Result<Vec<PartnerMapping>, Error> {
        let ask = list.to_ask(&self.config().endpoint);
        Ok(self.fetch(ask, parse::partner_list)?.1)
    }

    /// Registers `mapping` for `provider` (`POST /api/partners/{provider}/models`) and answers
    /// the new mapping's id. Needs a token of a member of the provider's organisation.
    ///
    /// The request is never sent twice once it may have reached the Hub: after a timeout, a
    /// broken connection, a 5xx, a `303 See Other`, an answer over the body limit or one that
    /// cannot be read, the answer is [`Error::OutcomeUnknown`], and
    /// [`Client::partner_mappings`] shows whether it was made.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] before anything is sent: no token, an invalid provider name or
    /// mapping. [`Error::Rejected`] with the Hub's reason (the task does not match the model);
    /// [`Error::Unauthorized`], [`Error::Forbidden`] (not a member, or no write access),
    /// [`Error::NotFound`] (no such provider); [`Error::OutcomeUnknown`].
    ///
    /// ```
    /// use hf_providers::{transport, Client, Config, Error, MappingTarget, NewMapping, Response, Token};
    ///
    /// let hub = transport::from_fn(|req| {
    ///     assert_eq!(req.method().as_str(), "POST");
    ///     Ok(Response::new(200, vec![], br#"{"_id":"66e2"}"#.to_vec()))
    /// });
    /// let new = NewMapping::new("conversational", MappingTarget::Model("deepseek-ai/DeepSeek-R1".into()), "deepseek-r1");
    /// let anonymous = Client::new(&hub, Config::default());
    /// assert!(matches!(anonymous.register_mapping("together", &new), Err(Error::InvalidInput(_))));
    /// let mut config = Config::default();
    /// config.token = Some(Token::new("hf_example")?);
    /// assert_eq!(Client::new(&hub, config).register_mapping("together", &new)?, "66e2");
    /// # Ok::<(), hf_providers::Error>(())
    /// ```
    pub fn register_mapping(&self, provider: &str, mapping: &NewMapping) -> Result<String, Error> {
        let ask = mapping.to_ask(&self.config().endpoint, provider)?;
        Ok(self.fetch(ask, parse::mapping_id)?.1)
    }

    /// Sets the status of `provider`'s mapping `mapping_id`
    /// (`PUT /api/partners/{provider}/models/{mapping_id}/status`). Setting a status twice is
    /// setting it once, so it is retried like a read.
    ///
    /// # Errors
    ///
    /// As [`Client::register_mapping`], except that the outcome is always known.
    pub fn set_mapping_status(
        &self,
        provider: &str,
        mapping_id: &str,
        status: &ProviderStatus,
    ) -> Result<(), Error> {
        let ask = set_status_ask(&self.config().endpoint, provider, mapping_id, status)?;
        self.fetch(ask, |_| Ok(())).map(drop)
    }

    /// Deletes `provider`'s mapping `mapping_id`
    /// (`DELETE /api/partners/{provider}/models/{mapping_id}`). A deletion is repeated after an
    /// attempt whose answer was lost; if that attempt may have made it, the repeat's 404 counts
    /// as done.
    ///
    /// # Errors
    ///
    /// As [`Client::set_mapping_status`].
    pub fn delete_mapping(&self, provider: &str, mapping_id: &str) -> Result<(), Error> {
        let ask = delete_ask(&self.config().endpoint, provider, mapping_id)?;
        self.fetch(ask, |_| Ok(())).map(drop)
    }

    /// Makes one change of a [`proto::plan`](crate::proto::plan) for `provider`: a replacement
    /// is a deletion, then a registration. Answers the id of a registered mapping.
    ///
    /// # Errors
    ///
    /// As the requests it makes; a change of a mapping the list gave no id for is
    /// [`Error::InvalidInput`].
    pub fn apply_change(&self, provider: &str, change: &Change) -> Result<Option<String>, Error> {
        let id = |m: &PartnerMapping| {
            m.id.clone().ok_or_else(|| {
                Error::InvalidInput(crate::proto::error::InvalidInput::new(
                    crate::proto::error::InputKind::Parameter,
                    m.target.to_string(),
                    "has no mapping id in the Hub's list",
                ))
            })
        };
        match change {
            Change::Register(new) => self.register_mapping(provider, new).map(Some),
            Change::SetStatus { mapping, to } => {
                self.set_mapping_status(provider, &id(mapping)?, to)?;
                Ok(None)
            }
            Change::Delete(mapping) => {
                self.delete_mapping(provider, &id(mapping)?)?;
                Ok(None)
            }
            Change::Replace { old, new } => {
                self.delete_mapping(provider, &id(old)?)?;
                self.register_mapping(provider, new).map(Some)
            }
        }
    }

    /// Each of `providers` at a glance, once each and in name order, from its public list and
    /// the router's catalog. The lists are asked a few at a time, each request paced by the quota
    /// the Hub announced last; each list is summed up and dropped as it arrives. A provider
    /// the Hub does not know (404) has nothing: zero mappings.
    ///
    /// # Errors
    ///
    /// The first error of a request that failed (the catalog's, or a list's).
    ///
    /// ```
    /// use hf_providers::{transport, Client, Config, Response};
    ///
    /// let both = transport::from_fn(|req| {
    ///     let body = if req.url().contains("/v1/models") {
    ///         r#"{"object":"list","data":[{"id":"m/x","providers":[{"provider":"groq"}]}]}"#
    ///     } else if req.url().contains("/groq/") {
    ///         r#"{"conversational":{"m/x":{"providerId":"x","status":"live"}}}"#
    ///     } else {
    ///         return Ok(Response::new(404, vec![], vec![]));
    ///     };
    ///     Ok(Response::new(200, vec![], body.into()))
    /// });
    /// let client = Client::new(both, Config::default());
    /// let rows = client.providers_at_a_glance(&["groq", "gone", "groq"])?;
    /// assert_eq!((rows[0].provider.as_str(), rows[0].live, rows[0].in_catalog), ("gone", 0, 0));
    /// assert_eq!((rows[1].provider.as_str(), rows[1].live, rows[1].in_catalog), ("groq", 1, 1));
    /// assert_eq!(rows.len(), 2);
    /// # Ok::<(), hf_providers::Error>(())
    /// ```
    pub fn providers_at_a_glance(&self, providers: &[&str]) -> Result<Vec<ProviderSummary>, Error> {
        let mut names = providers.to_vec();
        crate::proto::sort::sort(&mut names);
        names.dedup();
        let providers = names.as_slice();
        let lists = PARALLEL_LISTS.min(providers.len());
        let next = AtomicUsize::new(0);
        let rows: Mutex<Vec<Option<Result<ProviderSummary, Error>>>> =
            Mutex::new(providers.iter().map(|_| None).collect());
        let catalog = std::thread::scope(|scope| {
            let work = || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&provider) = providers.get(i) else {
                        break;
                    };
                    let row = PartnerList::new(provider)
                        .map_err(Error::from)
                        .and_then(|list| match self.partner_mappings(&list) {
                            Err(Error::NotFound(_)) => Ok(Vec::new()),
                            other => other,
                        })
                        .map(|list| ProviderSummary::new(provider, &list, 0));
                    rows.lock().unwrap_or_else(|p| p.into_inner())[i] = Some(row);
                }
            };
            // Where no thread can be started, the calling thread does the work alone.
            let started: Vec<_> = (0..lists)
                .filter_map(|_| std::thread::Builder::new().spawn_scoped(scope, work).ok())
                .collect();
            let catalog = self.full_catalog();
            work();
            for thread in started {
                if let Err(panic) = thread.join() {
                    std::panic::resume_unwind(panic);
                }
            }
            catalog
        })?;
        let counts = models_per_provider(&catalog);
        let rows = rows.into_inner().unwrap_or_else(|p| p.into_inner());
        rows.into_iter()
            .flatten()
            .map(|row| {
                let mut row = row?;
                row.in_catalog = counts
                    .binary_search_by(|(name, _)| name.as_str().cmp(&row.provider))
                    .map_or(0, |at| counts[at].1);
                Ok(row)
            })
            .collect()
    }
}
