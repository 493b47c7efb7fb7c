//! The wire schema, written once for both JSON engines.
//!
//! Each object we read is filled into a *draft*: one `Option<Option<T>>` per known key (absent,
//! `null`, or a value), so both engines can use their own stock `Option<T>` handling and agree on
//! every input. Unknown keys are skipped. A repeated key keeps its last value, as JavaScript and
//! Python do. `finish` turns a draft into the public type and names what is missing.

use std::cell::Cell;

use crate::proto::catalog::{Architecture, CatalogModel, CatalogProvider, Pricing, RouterStatus};
use crate::proto::error::Error;
use crate::proto::model::{Gated, InferenceStatus, Model, ProviderMapping, ProviderStatus};
use crate::proto::name::Name;
use crate::proto::partner_mapping::{MappingTarget, NewMapping, PartnerMapping};
use crate::proto::tags::{Tags, TagsBuilder};

/// What the parse functions read, as their decode errors name it.
pub(crate) const MODEL_LIST: &str = "model list";
pub(crate) const MODEL: &str = "model";
pub(crate) const CATALOG: &str = "router catalog";
pub(crate) const CATALOG_MODEL: &str = "router catalog model";
pub(crate) const PARTNER_LIST: &str = "provider's mapping list";

pub(crate) fn decode_error(what: &'static str, detail: String) -> Error {
    Error::Decode { what, detail }
}

/// A signed integer that, like serde_json, refuses `-0` (serde_json reads it as a float).
pub(crate) struct Int(pub(crate) i64);

/// The provider mapping in either wire shape, already in document order.
pub(crate) struct MappingList(pub(crate) Vec<ProviderMapping>);

/// Defines a newtype read from a JSON string through [`crate::proto::known`].
macro_rules! known_string {
    ($(#[$meta:meta])* $name:ident = $intern:path) => {
        $(#[$meta])*
        pub(crate) struct $name(pub(crate) Name);

        impl $name {
            pub(crate) fn from_wire(value: &str) -> Self {
                $name($intern(value))
            }
        }
    };
}

known_string!(
    /// A provider name.
    ProviderName = crate::proto::known::provider
);
known_string!(
    /// A task or pipeline tag.
    TaskName = crate::proto::known::task
);
/// The longest task a provider's list may key its mappings by: each mapping keeps a copy, so a
/// long unknown one would multiply the body's size (the Hub's longest task has 30 bytes).
const MAX_TASK_KEY: usize = 128;

impl TaskName {
    /// The task a provider's list keys mappings by; an error past [`MAX_TASK_KEY`] bytes.
    pub(crate) fn list_key(value: &str) -> Result<TaskName, &'static str> {
        if value.len() > MAX_TASK_KEY {
            return Err("a task name is longer than 128 bytes");
        }
        Ok(TaskName::from_wire(value))
    }
}

known_string!(
    /// A library name.
    LibraryName = crate::proto::known::library
);
known_string!(
    /// A modality of the router's catalog.
    ModalityName = crate::proto::known::modality
);

/// A JSON number of any form, as `f64`: the router sends integers and floats alike.
pub(crate) struct Number(pub(crate) f64);

/// A count sent as a JSON number: an integer, or a float with no fraction (`32768.0`, `1e5`),
/// up to `u64::MAX`.
pub(crate) struct Count(pub(crate) u64);

impl Count {
    /// `Some` when `x` is a whole number a `u64` holds; `-0.0` is 0.
    pub(crate) fn from_f64(x: f64) -> Option<Count> {
        // 2^64 is the first float past u64::MAX.
        (x.fract() == 0.0 && x > -1.0 && x < 18_446_744_073_709_551_616.0)
            .then_some(Count(x as u64))
    }
}

/// The body of an error answer: `{"error": "..."}` (the Hub) or
/// `{"error": {"message": "...", "type": "..."}}` (the router, OpenAI-style).
pub(crate) struct ErrorBody(pub(crate) Option<String>);

/// The value of an error body's `error`: a string, or an object whose `message` is read.
pub(crate) struct ErrorText(pub(crate) Option<String>);

/// A provider's list of mappings, in the Hub's order.
pub(crate) struct PartnerListBody(pub(crate) Vec<PartnerMapping>);

impl PartnerListBody {
    /// The mappings, a target a task names twice (its key sent twice, or its tags in another
    /// order) counted once: the first wins, as everywhere.
    pub(crate) fn into_mappings(self) -> Vec<PartnerMapping> {
        let mut list = self.0;
        if list.len() < 2 {
            return list;
        }
        let keys: Vec<String> = list
            .iter()
            .map(|m| format!("{}\0{}", m.task, m.target.key()))
            .collect();
        retain_marked(&mut list, firsts(keys.iter().map(String::as_str).collect()));
        list
    }
}

/// The router's catalog: `{"object": "list", "data": [...]}`.
pub(crate) struct Catalog(pub(crate) Vec<CatalogModel>);

thread_local! {
    static TAGS: Cell<TagsBuilder> = const { Cell::new(TagsBuilder::new()) };
}

/// The reused tag buffers of this thread, empty (see [`Tags`]). Give them back with
/// [`finish_tags`]; buffers lost to an error only cost their room.
pub(crate) fn tags_builder() -> TagsBuilder {
    let mut builder = TAGS.take();
    builder.clear();
    builder
}

/// The tags built, copied at their exact size; the buffers go back for the next model, unless
/// a freak model made them so large that keeping them would hold on to its memory.
pub(crate) fn finish_tags(builder: TagsBuilder) -> Tags {
    let tags = builder.build();
    if builder.room() <= KEPT_TAG_ROOM {
        TAGS.set(builder);
    }
    tags
}

/// The most buffer room kept between models: the Hub's tags take a few hundred bytes.
const KEPT_TAG_ROOM: usize = 64 << 10;

/// How many models to make room for in a page of `bytes`: the Hub's smallest listing items
/// (`_id`, `id` and one small field) are about 64 bytes, and a page holds at most 1,000.
#[cfg(feature = "serde")]
pub(crate) fn page_capacity(bytes: usize) -> usize {
    (bytes / 64).min(crate::proto::page::MAX_PAGE_SIZE)
}

/// How many models to make room for in a catalog of `bytes`: the router's models take about a
/// kilobyte each (five providers with their metrics), rarely less than 640 bytes.
#[cfg(feature = "serde")]
pub(crate) fn catalog_capacity(bytes: usize) -> usize {
    (bytes / 640).min(4096)
}

/// Declares a draft: its fields with their JSON keys, and how each engine fills one key.
macro_rules! draft {
    ($(#[$meta:meta])* $draft:ident { $($field:ident: $ty:ty = $key:literal,)* }) => {
        $(#[$meta])*
        #[derive(Default)]
        pub(crate) struct $draft {
            $(pub(crate) $field: Option<Option<$ty>>,)*
        }

        impl $draft {
            /// Reads the value of `key` from `map`; `false` for a key this draft does not
            /// know, whose value the engine then skips its own way.
            #[cfg(feature = "serde")]
            pub(crate) fn read_serde<'de, A: serde::de::MapAccess<'de>>(
                &mut self,
                key: &str,
                map: &mut A,
            ) -> Result<bool, A::Error> {
                match key {
                    $($key => self.$field = Some(map.next_value()?),)*
                    _ => return Ok(false),
                }
                Ok(true)
            }

            /// The place the value of `key` goes; `None` for a key to skip.
            #[cfg(feature = "miniserde")]
            pub(crate) fn place(&mut self, key: &str) -> Option<&mut dyn miniserde::de::Visitor> {
                match key {
                    $($key => Some(miniserde::Deserialize::begin(&mut self.$field)),)*
                    _ => None,
                }
            }
        }
    };
}

draft! {
    /// A model object.
    ModelDraft {
        id: String = "id",
        author: String = "author",
        sha: String = "sha",
        created_at: String = "createdAt",
        last_modified: String = "lastModified",
        private: bool = "private",
        disabled: bool = "disabled",
        gated: Gated = "gated",
        downloads: u64 = "downloads",
        downloads_all_time: u64 = "downloadsAllTime",
        likes: u64 = "likes",
        trending_score: Int = "trendingScore",
        library_name: LibraryName = "library_name",
        pipeline_tag: TaskName = "pipeline_tag",
        tags: Tags = "tags",
        inference: InferenceStatus = "inference",
        mapping: MappingList = "inferenceProviderMapping",
    }
}

draft! {
    /// One provider entry: a list item, or the value under a provider key.
    MappingDraft {
        provider: ProviderName = "provider",
        provider_id: String = "providerId",
        status: ProviderStatus = "status",
        task: TaskName = "task",
        adapter: String = "adapter",
        adapter_weights_path: String = "adapterWeightsPath",
        kind: String = "type",
        is_model_author: bool = "isModelAuthor",
        performance: Performance = "performance",
        details: ProviderFacts = "providerDetails",
        features: Features = "features",
    }
}

draft! {
    /// One entry of a provider's list, under its task and its model (or tag filter).
    PartnerEntryDraft {
        id: String = "_id",
        provider_id: String = "providerId",
        status: ProviderStatus = "status",
        adapter_type: String = "adapterType",
    }
}

impl PartnerEntryDraft {
    /// The entry of `target` under `task`.
    pub(crate) fn finish(
        self,
        task: &TaskName,
        target: &str,
    ) -> Result<PartnerMapping, &'static str> {
        let mut m = PartnerMapping::new(
            task.0.clone(),
            MappingTarget::from_key(target),
            self.provider_id
                .flatten()
                .ok_or("a mapping has no string `providerId`")?,
            self.status.flatten().ok_or("a mapping has no `status`")?,
        );
        m.id = self.id.flatten();
        m.adapter_type = self.adapter_type.flatten();
        Ok(m)
    }
}

draft! {
    /// A listing mapping entry's `performance`.
    PerformanceDraft {
        tokens_per_second: Number = "tokensPerSecond",
        first_token_latency_ms: Number = "firstTokenLatencyMs",
    }
}

draft! {
    /// A listing mapping entry's `providerDetails`.
    ProviderDetailsDraft {
        pricing: ListedPricing = "pricing",
        context_length: Count = "context_length",
    }
}

draft! {
    /// A registration's answer, as an object.
    MappingIdDraft {
        id: String = "_id",
        other: String = "id",
    }
}

/// A registration's answer: the new mapping's id.
pub(crate) struct MappingIdBody(pub(crate) String);

impl MappingIdDraft {
    pub(crate) fn finish(self) -> Result<MappingIdBody, &'static str> {
        self.id
            .flatten()
            .or(self.other.flatten())
            .map(MappingIdBody)
            .ok_or("the answer has no string `_id` or `id`")
    }
}

pub(crate) const MAPPING_ID: &str = "new mapping's id";

draft! {
    /// A mapping item: a registration's body, a line of `partner ls --json`.
    MappingItemDraft {
        task: String = "task",
        hf_model: String = "hfModel",
        tags: Tags = "tags",
        provider_model: String = "providerModel",
        status: ProviderStatus = "status",
        adapter_type: String = "adapterType",
    }
}

/// A mapping item, read.
pub(crate) struct MappingItem(pub(crate) NewMapping);

pub(crate) const MAPPING_ITEM: &str = "mapping item";

impl MappingItemDraft {
    pub(crate) fn finish(self) -> Result<MappingItem, &'static str> {
        let task = self.task.flatten().ok_or("it has no string `task`")?;
        let provider_id = self
            .provider_model
            .flatten()
            .ok_or("it has no string `providerModel`")?;
        let target = match (self.hf_model.flatten(), self.tags.flatten()) {
            (Some(id), None) => MappingTarget::Model(id),
            (None, Some(tags)) => {
                MappingTarget::TagFilter(tags.iter().map(str::to_owned).collect())
            }
            (Some(_), Some(_)) => return Err("it has both `hfModel` and `tags`"),
            (None, None) => return Err("it has neither `hfModel` nor `tags`"),
        };
        let mut new = NewMapping::new(task, target, provider_id);
        new.status = self.status.flatten();
        new.adapter_type = self.adapter_type.flatten();
        Ok(MappingItem(new))
    }
}

/// The `pricing` of a listing mapping entry's `providerDetails` (deeper than the catalog's).
pub(crate) struct ListedPricing(pub(crate) Pricing);

draft! {
    /// A listing mapping entry's `features`.
    FeaturesDraft {
        tool_calling: bool = "toolCalling",
        structured_output: bool = "structuredOutput",
    }
}

/// What a listing's mapping entry says of a provider's numbers, when it says anything.
pub(crate) struct Performance(pub(crate) Option<f64>, pub(crate) Option<f64>);
pub(crate) struct ProviderFacts(pub(crate) Option<Pricing>, pub(crate) Option<u64>);
pub(crate) struct Features(pub(crate) Option<bool>, pub(crate) Option<bool>);

impl PerformanceDraft {
    pub(crate) fn finish(self) -> Performance {
        Performance(
            self.tokens_per_second.flatten().map(|n| n.0),
            self.first_token_latency_ms.flatten().map(|n| n.0),
        )
    }
}

impl ProviderDetailsDraft {
    pub(crate) fn finish(self) -> ProviderFacts {
        ProviderFacts(
            self.pricing.flatten().map(|p| p.0),
            self.context_length.flatten().map(|c| c.0),
        )
    }
}

impl FeaturesDraft {
    pub(crate) fn finish(self) -> Features {
        Features(
            self.tool_calling.flatten(),
            self.structured_output.flatten(),
        )
    }
}

draft! {
    /// A model object of which only the id is read.
    IdDraft {
        id: String = "id",
    }
}

/// A model's id (see [`IdDraft`]).
pub(crate) struct ModelId(pub(crate) String);

impl IdDraft {
    pub(crate) fn finish(self) -> Result<ModelId, &'static str> {
        self.id
            .flatten()
            .map(ModelId)
            .ok_or("a model has no string `id`")
    }
}

draft! {
    /// An error body.
    ErrorDraft {
        error: ErrorText = "error",
    }
}

draft! {
    /// The object form of an error body's `error`.
    ErrorObjectDraft {
        message: String = "message",
    }
}

draft! {
    /// The router's catalog.
    CatalogDraft {
        data: Vec<CatalogModel> = "data",
    }
}

draft! {
    /// A model of the router's catalog.
    CatalogModelDraft {
        id: String = "id",
        created: Count = "created",
        owned_by: String = "owned_by",
        architecture: Architecture = "architecture",
        providers: Vec<CatalogProvider> = "providers",
    }
}

draft! {
    /// A catalog model's `architecture`.
    ArchitectureDraft {
        input: Vec<ModalityName> = "input_modalities",
        output: Vec<ModalityName> = "output_modalities",
    }
}

draft! {
    /// One provider of a catalog model.
    CatalogProviderDraft {
        provider: ProviderName = "provider",
        status: RouterStatus = "status",
        context_length: Count = "context_length",
        pricing: Pricing = "pricing",
        supports_tools: bool = "supports_tools",
        supports_structured_output: bool = "supports_structured_output",
        first_token_latency_ms: Number = "first_token_latency_ms",
        throughput: Number = "throughput",
        is_model_author: bool = "is_model_author",
        is_free: bool = "is_free",
    }
}

draft! {
    /// A catalog provider's `pricing`.
    PricingDraft {
        input: Number = "input",
        output: Number = "output",
    }
}

impl ModelDraft {
    pub(crate) fn finish(self) -> Result<Model, &'static str> {
        Ok(Model {
            id: self.id.flatten().ok_or("a model has no string `id`")?,
            author: self.author.flatten(),
            sha: self.sha.flatten(),
            created_at: self.created_at.flatten(),
            last_modified: self.last_modified.flatten(),
            private: self.private.flatten(),
            disabled: self.disabled.flatten(),
            gated: self.gated.flatten(),
            downloads: self.downloads.flatten(),
            downloads_all_time: self.downloads_all_time.flatten(),
            likes: self.likes.flatten(),
            trending_score: self.trending_score.flatten().map(|i| i.0),
            library_name: self.library_name.flatten().map(|l| l.0),
            pipeline_tag: self.pipeline_tag.flatten().map(|t| t.0),
            tags: self.tags.flatten().unwrap_or_default(),
            inference: self.inference.flatten(),
            // A provider named twice: the first entry wins, as everywhere.
            inference_provider_mapping: self
                .mapping
                .flatten()
                .map(|m| first_of_each(m.0, |p| p.provider.as_str())),
        })
    }
}

impl MappingDraft {
    /// `key` is the provider when the mapping is an object keyed by provider; a list item
    /// carries its own `provider` field.
    pub(crate) fn finish(self, key: Option<ProviderName>) -> Result<ProviderMapping, &'static str> {
        let provider = match key {
            Some(key) => key.0,
            None => {
                self.provider
                    .flatten()
                    .ok_or("a provider mapping entry has no `provider`")?
                    .0
            }
        };
        let mut m = ProviderMapping::new(
            provider,
            self.provider_id
                .flatten()
                .ok_or("a provider mapping entry has no `providerId`")?,
            self.status
                .flatten()
                .ok_or("a provider mapping entry has no `status`")?,
            self.task
                .flatten()
                .ok_or("a provider mapping entry has no `task`")?
                .0,
        );
        m.adapter = self.adapter.flatten();
        m.adapter_weights_path = self.adapter_weights_path.flatten();
        m.kind = self.kind.flatten();
        m.is_model_author = self.is_model_author.flatten();
        let (performance, details, features) = (
            self.performance.flatten(),
            self.details.flatten(),
            self.features.flatten(),
        );
        if performance.is_some() || details.is_some() || features.is_some() {
            let mut p = CatalogProvider::new(m.provider.clone());
            if let Some(Performance(tokens_per_second, latency)) = performance {
                p.throughput = tokens_per_second;
                p.first_token_latency_ms = latency;
            }
            if let Some(ProviderFacts(pricing, context)) = details {
                p.pricing = pricing;
                p.context_length = context;
            }
            if let Some(Features(tools, structured)) = features {
                p.supports_tools = tools;
                p.supports_structured_output = structured;
            }
            m.hub_metrics = Some(p);
        }
        Ok(m)
    }
}

impl ErrorDraft {
    pub(crate) fn finish(self) -> ErrorBody {
        ErrorBody(self.error.flatten().and_then(|e| e.0))
    }
}

impl ErrorObjectDraft {
    pub(crate) fn finish(self) -> ErrorText {
        ErrorText(self.message.flatten())
    }
}

/// `items` without those whose key an earlier one had, in order. Sorting the keys' positions
/// keeps it O(n log n) on any list a server sends.
fn first_of_each<T>(mut items: Vec<T>, key: impl Fn(&T) -> &str) -> Vec<T> {
    if items.len() < 2 {
        return items;
    }
    let keep = firsts(items.iter().map(key).collect());
    retain_marked(&mut items, keep);
    items
}

/// `items` without those `keep` marks `false`, in order.
fn retain_marked<T>(items: &mut Vec<T>, keep: Vec<bool>) {
    let mut keep = keep.into_iter();
    items.retain(|_| keep.next().unwrap_or(true));
}

/// For each key, whether no earlier key equals it.
fn firsts(keys: Vec<&str>) -> Vec<bool> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    crate::proto::sort::sort_by(&mut order, |&a, &b| (keys[a], a) < (keys[b], b));
    let mut keep = vec![false; keys.len()];
    for (i, &at) in order.iter().enumerate() {
        keep[at] = i == 0 || keys[order[i - 1]] != keys[at];
    }
    keep
}

impl CatalogDraft {
    pub(crate) fn finish(self) -> Result<Catalog, &'static str> {
        let data = self
            .data
            .flatten()
            .ok_or("the catalog has no `data` list")?;
        // A model listed twice: the first entry is the model, everywhere.
        Ok(Catalog(first_of_each(data, |m| &m.id)))
    }
}

impl CatalogModelDraft {
    pub(crate) fn finish(self) -> Result<CatalogModel, &'static str> {
        Ok(CatalogModel {
            id: self
                .id
                .flatten()
                .ok_or("a catalog model has no string `id`")?,
            created: self.created.flatten().map(|c| c.0),
            owned_by: self.owned_by.flatten(),
            architecture: self.architecture.flatten().unwrap_or_default(),
            // A provider listed twice for a model: the first entry is the provider.
            providers: first_of_each(self.providers.flatten().unwrap_or_default(), |p| {
                &p.provider
            }),
        })
    }
}

impl ArchitectureDraft {
    pub(crate) fn finish(self) -> Architecture {
        // A newtype's list becomes its content's in place: no new allocation.
        let unwrap = |list: Option<Option<Vec<ModalityName>>>| {
            list.flatten()
                .unwrap_or_default()
                .into_iter()
                .map(|m| m.0)
                .collect()
        };
        Architecture::new(unwrap(self.input), unwrap(self.output))
    }
}

impl CatalogProviderDraft {
    pub(crate) fn finish(self) -> Result<CatalogProvider, &'static str> {
        let provider = self
            .provider
            .flatten()
            .ok_or("a catalog provider has no string `provider`")?;
        Ok(CatalogProvider {
            provider: provider.0,
            status: self.status.flatten(),
            context_length: self.context_length.flatten().map(|c| c.0),
            pricing: self.pricing.flatten(),
            supports_tools: self.supports_tools.flatten(),
            supports_structured_output: self.supports_structured_output.flatten(),
            first_token_latency_ms: self.first_token_latency_ms.flatten().map(|n| n.0),
            throughput: self.throughput.flatten().map(|n| n.0),
            is_model_author: self.is_model_author.flatten(),
            is_free: self.is_free.flatten(),
        })
    }
}

impl PricingDraft {
    pub(crate) fn finish(self) -> Pricing {
        Pricing::new(
            self.input.flatten().map(|n| n.0),
            self.output.flatten().map(|n| n.0),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_of_each_key_is_kept_in_order() {
        let items = vec!["b", "a", "b", "c", "a", "a"];
        assert_eq!(first_of_each(items, |s| s), ["b", "a", "c"]);
        assert_eq!(first_of_each(vec!["x"], |s| s), ["x"]);
        assert!(first_of_each(Vec::<&str>::new(), |s| s).is_empty());
    }

    #[test]
    fn a_huge_tag_list_does_not_stay_in_the_buffers() {
        let body = format!(r#"[{{"id":"a","tags":["{}"]}}]"#, "x".repeat(1 << 20));
        let models = crate::proto::parse::model_list(body.as_bytes()).unwrap();
        assert_eq!(models[0].tags[0].len(), 1 << 20);
        assert!(TAGS.take().room() <= KEPT_TAG_ROOM);

        crate::proto::parse::model_list(br#"[{"id":"a","tags":["small"]}]"#).unwrap();
        let kept = TAGS.take();
        assert!(
            kept.room() > 0,
            "ordinary buffers are kept for the next model"
        );
    }
}
