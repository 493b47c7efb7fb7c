//! Turning the Hub's answers into typed values: pure functions over bytes, no I/O, no panics on
//! any input (the fuzz targets call these).
//!
//! The JSON engine is chosen at build time: serde_json with feature `serde` (the default),
//! miniserde with feature `miniserde`. With both on, serde_json is used here.

mod link;
mod schema;

// With both engines built, both are public (`hf_providers::parse::{serde_engine,
// miniserde_engine}`): the same bytes can be read by each, as the fuzz targets, benches and
// tests do.
#[cfg(feature = "miniserde")]
pub mod miniserde_engine;
#[cfg(feature = "serde")]
pub mod serde_engine;

pub use link::next_link;

use crate::proto::catalog::CatalogModel;
use crate::proto::error::Error;
use crate::proto::model::Model;
use crate::proto::partner_mapping::{NewMapping, PartnerMapping};

cfg_if::cfg_if! {
    if #[cfg(feature = "serde")] {
        use serde_engine as engine;
    } else if #[cfg(feature = "miniserde")] {
        use miniserde_engine as engine;
    } else {
        compile_error!(
            "hf-providers needs a JSON engine: enable the feature `serde` (the default) or \
             `miniserde`"
        );
    }
}

/// A listing page (`GET /api/models`): a JSON array of models.
///
/// The provider mapping may be a list or an object keyed by provider; unknown keys, providers,
/// statuses and tasks are accepted.
///
/// # Errors
///
/// [`Error::Decode`] when the body is not UTF-8, not JSON, or not a list of objects with a
/// string `id` and the types the Hub sends.
///
/// ```
/// let body = br#"[{"_id":"1","id":"a/b","inferenceProviderMapping":[
///     {"provider":"fal-ai","providerId":"x","status":"live","task":"text-to-image"}]}]"#;
/// let models = hf_providers::parse::model_list(body)?;
/// assert_eq!(models[0].providers()[0].provider, "fal-ai");
/// assert!(hf_providers::parse::model_list(b"<html>").is_err());
/// # Ok::<(), hf_providers::Error>(())
/// ```
pub fn model_list(body: &[u8]) -> Result<Vec<Model>, Error> {
    engine::model_list(body)
}

/// The `id` of each model of a listing page, skipping (but still checking the JSON of) every
/// other field.
///
/// # Errors
///
/// [`Error::Decode`] when the body is not UTF-8, not JSON, or not a list of objects with a
/// string `id`.
///
/// ```
/// let ids = hf_providers::parse::model_ids(br#"[{"_id":"1","id":"a/b","downloads":"odd"}]"#)?;
/// assert_eq!(ids, ["a/b"]);
/// assert!(hf_providers::parse::model_ids(br#"[{"_id":"1"}]"#).is_err());
/// # Ok::<(), hf_providers::Error>(())
/// ```
pub fn model_ids(body: &[u8]) -> Result<Vec<String>, Error> {
    engine::model_ids(body)
}

/// A model info answer (`GET /api/models/{id}`): one JSON object.
///
/// # Errors
///
/// [`Error::Decode`] when the body is not UTF-8, not JSON, or not an object with a string `id`
/// and the types the Hub sends.
///
/// ```
/// let body = br#"{"id":"g/m","inferenceProviderMapping":{
///     "nebius":{"status":"live","providerId":"g/m-fast","task":"conversational"}}}"#;
/// let model = hf_providers::parse::model(body)?;
/// assert_eq!(model.providers()[0].provider_id, "g/m-fast");
/// assert_eq!(model.inference, None);
/// # Ok::<(), hf_providers::Error>(())
/// ```
pub fn model(body: &[u8]) -> Result<Model, Error> {
    engine::model(body)
}

/// The router's catalog (`GET {router}/v1/models`): `{"object":"list","data":[...]}`.
///
/// Only each model's `id` and each provider's `provider` are required; numbers may be integers
/// or floats; unknown fields are skipped and unknown statuses kept.
///
/// # Errors
///
/// [`Error::Decode`] when the body is not UTF-8, not JSON, has no `data` list, or a model or
/// provider that lacks its name or has a field of another type than the router's.
///
/// ```
/// let body = br#"{"object":"list","data":[{"id":"m/x","providers":[
///     {"provider":"groq","status":"live","context_length":131072,"supports_tools":true}]}]}"#;
/// let catalog = hf_providers::parse::catalog(body)?;
/// assert_eq!(catalog[0].providers[0].context_length, Some(131072));
/// # Ok::<(), hf_providers::Error>(())
/// ```
pub fn catalog(body: &[u8]) -> Result<Vec<CatalogModel>, Error> {
    engine::catalog(body)
}

/// One model of the router's catalog (`GET {router}/v1/models/{id}`).
///
/// # Errors
///
/// As [`catalog`], for one model object.
///
/// ```
/// let model = hf_providers::parse::catalog_model(br#"{"id":"m/x","created":1776837885,
///     "architecture":{"input_modalities":["text","image"],"output_modalities":["text"]}}"#)?;
/// assert_eq!(model.architecture.input_modalities, ["text", "image"]);
/// assert!(model.providers.is_empty());
/// # Ok::<(), hf_providers::Error>(())
/// ```
pub fn catalog_model(body: &[u8]) -> Result<CatalogModel, Error> {
    engine::catalog_model(body)
}

/// A provider's list of mappings (`GET /api/partners/{provider}/models`): an object of tasks,
/// each an object of mappings keyed by Hub model id (or `tag-filter=TAGS`), in the Hub's
/// order. Read without building a tree: tens of thousands of entries cost one pass.
///
/// Unknown tasks, statuses and fields are kept or skipped, never an error.
///
/// # Errors
///
/// [`Error::Decode`] when the body is not UTF-8, not JSON, not an object of objects, or a
/// mapping lacks its `providerId` or `status`.
///
/// ```
/// let body = br#"{"conversational":{"deepseek-ai/DeepSeek-R1":
///     {"_id":"66e2","providerId":"deepseek-r1","status":"live"}}}"#;
/// let list = hf_providers::parse::partner_list(body)?;
/// assert_eq!((list[0].task.as_str(), list[0].provider_id.as_str()), ("conversational", "deepseek-r1"));
/// assert_eq!(list[0].id.as_deref(), Some("66e2"));
/// # Ok::<(), hf_providers::Error>(())
/// ```
pub fn partner_list(body: &[u8]) -> Result<Vec<PartnerMapping>, Error> {
    engine::partner_list(body)
}

/// A mapping item: the body a registration sends, and a line of `hf-providers partner ls
/// --json`. `task`, `providerModel`, and `hfModel` or `tags` are required; `status` and
/// `adapterType` are read; anything else (`_id`, `type`) is skipped.
///
/// # Errors
///
/// [`Error::Decode`] when the body is not such an object.
///
/// ```
/// use hf_providers::{parse::mapping_item, MappingTarget, NewMapping};
///
/// let new = NewMapping::new("conversational", MappingTarget::Model("deepseek-ai/DeepSeek-R1".into()), "deepseek-r1");
/// assert_eq!(mapping_item(&new.body())?, new);
/// assert!(mapping_item(br#"{"task":"t","providerModel":"x"}"#).is_err());
/// # Ok::<(), hf_providers::Error>(())
/// ```
pub fn mapping_item(body: &[u8]) -> Result<NewMapping, Error> {
    engine::mapping_item(body)
}

/// The id a registration answers with: a JSON object's `_id` (or `id`), or a JSON string.
///
/// # Errors
///
/// [`Error::Decode`] for any other answer.
///
/// ```
/// use hf_providers::parse::mapping_id;
/// assert_eq!(mapping_id(br#"{"_id":"66e2"}"#)?, "66e2");
/// assert_eq!(mapping_id(br#""66e2""#)?, "66e2");
/// assert!(mapping_id(b"[]").is_err());
/// # Ok::<(), hf_providers::Error>(())
/// ```
pub fn mapping_id(body: &[u8]) -> Result<String, Error> {
    engine::mapping_id(body)
}

/// The message of an error body: the Hub's `{"error":"Repository not found"}` or the router's
/// OpenAI-style `{"error":{"message":"...","type":"..."}}`, if the body is one.
///
/// ```
/// use hf_providers::parse::error_message;
/// assert_eq!(error_message(br#"{"error":"nope"}"#).as_deref(), Some("nope"));
/// assert_eq!(error_message(br#"{"error":{"message":"no such model","type":"invalid_request_error"}}"#).as_deref(), Some("no such model"));
/// assert_eq!(error_message(b"<html></html>"), None);
/// ```
pub fn error_message(body: &[u8]) -> Option<String> {
    engine::error_message(body)
}
