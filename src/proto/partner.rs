//! The provider side of the Hub's API (its "model mapping API"): the requests for the public
//! list of a provider's mappings and for the three writes a member of the provider's
//! organisation may make, and a provider at a glance.

use crate::proto::catalog::CatalogModel;
use crate::proto::error::{InputKind, InvalidInput};
use crate::proto::exchange::{Ask, Replay};
use crate::proto::http::Method;
use crate::proto::http_error::Subject;
use crate::proto::model::ProviderStatus;
use crate::proto::name::Name;
use crate::proto::partner_mapping::{Json, NewMapping, PartnerMapping};
use crate::proto::query::validate_provider;
use crate::proto::service::Service;
use crate::proto::url::{Endpoint, encode_into};

/// The list of a provider's mappings: `GET /api/partners/{provider}/models`, public.
///
/// ```
/// use hf_providers::{Endpoint, PartnerList, ProviderStatus};
///
/// let ask = PartnerList::new("fal-ai")?.status(ProviderStatus::Staging).to_ask(&Endpoint::default());
/// assert_eq!(ask.url(), "https://huggingface.co/api/partners/fal-ai/models?status=staging");
/// # Ok::<(), hf_providers::InvalidInput>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerList {
    provider: String,
    status: Option<ProviderStatus>,
}

impl PartnerList {
    /// Every mapping of `provider`, both statuses.
    ///
    /// # Errors
    ///
    /// [`InvalidInput`] for a provider name that is not ASCII letters, digits, `-`, `_`, `.`.
    pub fn new(provider: &str) -> Result<PartnerList, InvalidInput> {
        validate_provider(provider)?;
        Ok(PartnerList {
            provider: provider.to_owned(),
            status: None,
        })
    }

    /// Only the mappings with this status (the Hub filters).
    #[must_use]
    pub fn status(mut self, status: ProviderStatus) -> Self {
        self.status = Some(status);
        self
    }

    /// The provider asked about.
    pub fn provider(&self) -> &str {
        &self.provider
    }

    /// What it asks of the Hub at `endpoint`.
    pub fn to_ask(&self, endpoint: &Endpoint) -> Ask {
        let mut url = models_url(endpoint, &self.provider);
        if let Some(status) = &self.status {
            url.push_str("?status=");
            encode_into(&mut url, status.as_str());
        }
        // A read: a 4xx here refuses no change.
        Ask::get(url, Service::Hub, Subject::Other)
    }
}

impl NewMapping {
    /// What it asks of the Hub at `endpoint`, for `provider`: a write that is never sent twice
    /// once it may have reached the Hub.
    ///
    /// # Errors
    ///
    /// [`InvalidInput`] for an invalid provider name or mapping (see [`NewMapping::validate`]).
    pub fn to_ask(&self, endpoint: &Endpoint, provider: &str) -> Result<Ask, InvalidInput> {
        validate_provider(provider)?;
        self.validate()?;
        let url = models_url(endpoint, provider);
        Ok(Ask::write(Method::Post, url, self.body(), Replay::Never))
    }
}

/// `PUT /api/partners/{provider}/models/{mapping_id}/status`: a write that may be repeated
/// (setting a status twice is setting it once).
///
/// # Errors
///
/// [`InvalidInput`] for an invalid provider name or mapping id.
///
/// ```
/// use hf_providers::{proto, Endpoint, ProviderStatus};
///
/// let ask = proto::set_status_ask(&Endpoint::default(), "fal-ai", "66e2c0f1a7b3c2d4e5f60718", &ProviderStatus::Live)?;
/// assert_eq!(ask.url(), "https://huggingface.co/api/partners/fal-ai/models/66e2c0f1a7b3c2d4e5f60718/status");
/// # Ok::<(), hf_providers::InvalidInput>(())
/// ```
pub fn set_status_ask(
    endpoint: &Endpoint,
    provider: &str,
    mapping_id: &str,
    status: &ProviderStatus,
) -> Result<Ask, InvalidInput> {
    let url = format!("{}/status", mapping_url(endpoint, provider, mapping_id)?);
    let mut json = Json::default();
    json.field("status", status.as_str());
    Ok(Ask::write(Method::Put, url, json.finish(), Replay::Safe))
}

/// `DELETE /api/partners/{provider}/models/{mapping_id}`: a write that may be repeated.
///
/// # Errors
///
/// [`InvalidInput`] for an invalid provider name or mapping id.
pub fn delete_ask(
    endpoint: &Endpoint,
    provider: &str,
    mapping_id: &str,
) -> Result<Ask, InvalidInput> {
    let url = mapping_url(endpoint, provider, mapping_id)?;
    Ok(Ask::write(Method::Delete, url, Vec::new(), Replay::Safe))
}

fn models_url(endpoint: &Endpoint, provider: &str) -> String {
    // A valid provider name needs no escaping.
    format!("{}/api/partners/{provider}/models", endpoint.as_str())
}

fn mapping_url(
    endpoint: &Endpoint,
    provider: &str,
    mapping_id: &str,
) -> Result<String, InvalidInput> {
    validate_provider(provider)?;
    let ok = !mapping_id.is_empty()
        && mapping_id.len() <= 64
        && mapping_id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !ok {
        return Err(InvalidInput::new(
            InputKind::Parameter,
            mapping_id,
            "is not a mapping id (letters, digits, `-` or `_`)",
        ));
    }
    Ok(format!("{}/{mapping_id}", models_url(endpoint, provider)))
}
/// One provider at a glance: how many mappings it has live and in staging, the tasks it
/// serves live, and how many models the router's catalog lists with it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "miniserde", derive(miniserde::Serialize))]
pub struct ProviderSummary {
    /// The provider's name.
    pub provider: String,
    /// Its mappings with status `live`.
    pub live: usize,
    /// Its mappings with status `staging`.
    pub staging: usize,
    /// The tasks it has a live mapping for, sorted.
    #[serde(rename = "liveTasks")]
    pub live_tasks: Vec<Name>,
    /// The models the router's catalog lists with this provider.
    #[serde(rename = "inCatalog")]
    pub in_catalog: usize,
}

impl ProviderSummary {
    /// The summary of `provider`'s `list`, with `in_catalog` models in the router's catalog.
    /// O(n log n) in the list.
    ///
    /// ```
    /// use hf_providers::{MappingTarget, PartnerMapping, ProviderStatus, ProviderSummary};
    ///
    /// let m = |task: &str, status| PartnerMapping::new(task.to_owned(), MappingTarget::Model("a/b".into()), "b", status);
    /// let list = [m("text-to-image", ProviderStatus::Live), m("conversational", ProviderStatus::Live),
    ///             m("conversational", ProviderStatus::Staging)];
    /// let s = ProviderSummary::new("fal-ai", &list, 3);
    /// assert_eq!((s.live, s.staging, s.in_catalog), (2, 1, 3));
    /// assert_eq!(s.live_tasks, ["conversational", "text-to-image"]);
    /// ```
    pub fn new(provider: &str, list: &[PartnerMapping], in_catalog: usize) -> ProviderSummary {
        let count = |status: ProviderStatus| list.iter().filter(|m| m.status == status).count();
        let mut live_tasks: Vec<Name> = list
            .iter()
            .filter(|m| m.status == ProviderStatus::Live)
            .map(|m| m.task.clone())
            .collect();
        crate::proto::sort::sort(&mut live_tasks);
        live_tasks.dedup();
        ProviderSummary {
            provider: provider.to_owned(),
            live: count(ProviderStatus::Live),
            staging: count(ProviderStatus::Staging),
            live_tasks,
            in_catalog,
        }
    }
}

/// Each provider of the catalog with the number of models it is listed for, sorted by name.
pub(crate) fn models_per_provider(catalog: &[CatalogModel]) -> Vec<(String, usize)> {
    let mut names: Vec<&str> = catalog
        .iter()
        .flat_map(|m| m.providers.iter().map(|p| p.provider.as_str()))
        .collect();
    crate::proto::sort::sort(&mut names);
    let mut counts: Vec<(String, usize)> = Vec::new();
    for name in names {
        match counts.last_mut() {
            Some((last, n)) if last == name => *n += 1,
            _ => counts.push((name.to_owned(), 1)),
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::partner_mapping::MappingTarget;

    fn model(id: &str) -> MappingTarget {
        MappingTarget::Model(id.into())
    }

    #[test]
    fn requests_are_checked_before_anything_is_sent() {
        let e = Endpoint::default();
        for bad in ["fal ai", "", ".", "..", "a/b"] {
            assert!(PartnerList::new(bad).is_err(), "{bad:?}");
        }
        assert!(set_status_ask(&e, "fal-ai", "../x", &ProviderStatus::Live).is_err());
        assert!(delete_ask(&e, "fal-ai", "").is_err());
        let bad_model = NewMapping::new("conversational", model("a/b/c"), "x");
        assert!(bad_model.to_ask(&e, "fal-ai").is_err());
        let no_tags = NewMapping::new("text-to-image", MappingTarget::TagFilter(vec![]), "x");
        assert!(no_tags.to_ask(&e, "fal-ai").is_err());
        let ask = delete_ask(&e, "fal-ai", "66e2").unwrap();
        assert_eq!(
            ask.url(),
            "https://huggingface.co/api/partners/fal-ai/models/66e2"
        );
    }
}
