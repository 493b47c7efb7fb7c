//! The parse functions with the `serde_json` engine (feature `serde`).
//!
//! Unknown values are skipped with `deserialize_any`, not `IgnoredAny`: serde_json's ignore path
//! accepts lone surrogate escapes and unbounded nesting, miniserde accepts neither, and the two
//! engines must agree on every input.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::schema::{
    ArchitectureDraft, CATALOG, CATALOG_MODEL, Catalog, CatalogDraft, CatalogModelDraft,
    CatalogProviderDraft, Count, ErrorBody, ErrorDraft, ErrorObjectDraft, ErrorText, Features,
    FeaturesDraft, IdDraft, Int, LibraryName, ListedPricing, MAPPING_ID, MAPPING_ITEM, MODEL,
    MODEL_LIST, MappingDraft, MappingIdBody, MappingIdDraft, MappingItem, MappingItemDraft,
    MappingList, ModalityName, ModelDraft, ModelId, Number, PARTNER_LIST, PartnerEntryDraft,
    PartnerListBody, Performance, PerformanceDraft, PricingDraft, ProviderDetailsDraft,
    ProviderFacts, ProviderName, TaskName, catalog_capacity, decode_error, finish_tags,
    page_capacity, tags_builder,
};
use crate::proto::catalog::{Architecture, CatalogModel, CatalogProvider, Pricing, RouterStatus};
use crate::proto::error::Error;
use crate::proto::model::{Gated, InferenceStatus, Model, ProviderMapping, ProviderStatus};
use crate::proto::partner_mapping::{NewMapping, PartnerMapping};
use crate::proto::tags::Tags;

/// [`crate::parse::model_list`] with serde_json.
///
/// # Errors
///
/// As [`crate::parse::model_list`].
pub fn model_list(body: &[u8]) -> Result<Vec<Model>, Error> {
    list(body)
}

/// [`crate::parse::model_ids`] with serde_json.
///
/// # Errors
///
/// As [`crate::parse::model_ids`].
pub fn model_ids(body: &[u8]) -> Result<Vec<String>, Error> {
    let ids: Vec<ModelId> = list(body)?;
    Ok(ids.into_iter().map(|id| id.0).collect())
}

fn list<T: for<'de> Deserialize<'de>>(body: &[u8]) -> Result<Vec<T>, Error> {
    let list = ModelList {
        capacity: page_capacity(body.len()),
        item: PhantomData,
    };
    parse(body, MODEL_LIST, |de| list.deserialize(de))
}

/// [`crate::parse::model`] with serde_json.
///
/// # Errors
///
/// As [`crate::parse::model`].
pub fn model(body: &[u8]) -> Result<Model, Error> {
    parse(body, MODEL, |de| Model::deserialize(de))
}

/// [`crate::parse::catalog`] with serde_json.
///
/// # Errors
///
/// As [`crate::parse::catalog`].
pub fn catalog(body: &[u8]) -> Result<Vec<CatalogModel>, Error> {
    let catalog = CatalogVisitor {
        capacity: catalog_capacity(body.len()),
    };
    parse(body, CATALOG, |de| de.deserialize_map(catalog)).map(|c| c.0)
}

/// The catalog object, with room made for its `data` list up front.
struct CatalogVisitor {
    capacity: usize,
}

impl<'de> Visitor<'de> for CatalogVisitor {
    type Value = Catalog;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the catalog object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Catalog, A::Error> {
        let mut draft = CatalogDraft::default();
        while let Some(key) = map.next_key::<Key<'de>>()? {
            if key.0 == "data" {
                let list = ModelList::<CatalogModel> {
                    capacity: self.capacity,
                    item: PhantomData,
                };
                draft.data = Some(map.next_value_seed(Nullable(list))?);
            } else if !draft.read_serde(&key.0, &mut map)? {
                map.next_value::<Skip>()?;
            }
        }
        draft.finish().map_err(de::Error::custom)
    }
}

/// `null` (read as `None`), or what the seed reads.
struct Nullable<S>(S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Nullable<S> {
    type Value = Option<S::Value>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de, S: DeserializeSeed<'de>> Visitor<'de> for Nullable<S> {
    type Value = Option<S::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("null or a list")
    }

    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.0.deserialize(d).map(Some)
    }
}

/// [`crate::parse::catalog_model`] with serde_json.
///
/// # Errors
///
/// As [`crate::parse::catalog_model`].
pub fn catalog_model(body: &[u8]) -> Result<CatalogModel, Error> {
    parse(body, CATALOG_MODEL, |de| CatalogModel::deserialize(de))
}

/// Parses one JSON document. serde_json checks UTF-8 itself in every string it reads, and we
/// read every string (see the module docs), so the body is not scanned for UTF-8 first.
fn parse<T>(
    body: &[u8],
    what: &'static str,
    read: impl FnOnce(
        &mut serde_json::Deserializer<serde_json::de::StrRead<'_>>,
    ) -> serde_json::Result<T>,
) -> Result<T, Error> {
    let text = std::str::from_utf8(body).map_err(|e| decode_error(what, e.to_string()))?;
    let mut de = serde_json::Deserializer::from_str(text);
    read(&mut de)
        .and_then(|value| de.end().map(|()| value))
        .map_err(|e| decode_error(what, e.to_string()))
}

/// A list of models (or catalog models), with room made for them up front.
struct ModelList<T> {
    capacity: usize,
    item: PhantomData<T>,
}

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for ModelList<T> {
    type Value = Vec<T>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<T>, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for ModelList<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of models")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut models = Vec::with_capacity(self.capacity);
        while let Some(model) = seq.next_element()? {
            models.push(model);
        }
        Ok(models)
    }
}

/// [`crate::parse::error_message`] with serde_json.
pub fn error_message(body: &[u8]) -> Option<String> {
    serde_json::from_slice::<ErrorBody>(body).ok()?.0
}

/// Consumes any value, fully validated (see the module docs).
struct Skip;

impl<'de> Deserialize<'de> for Skip {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(SkipVisitor)
    }
}

struct SkipVisitor;

impl<'de> Visitor<'de> for SkipVisitor {
    type Value = Skip;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_str<E>(self, _: &str) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_unit<E>(self) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_none<E>(self) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Skip, D::Error> {
        Skip::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Skip, A::Error> {
        while seq.next_element::<Skip>()?.is_some() {}
        Ok(Skip)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Skip, A::Error> {
        while map.next_entry::<Skip, Skip>()?.is_some() {}
        Ok(Skip)
    }
}

/// An object key, borrowed from the input unless it had escapes.
struct Key<'de>(std::borrow::Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object key")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(s.into()))
            }
            fn visit_str<E>(self, s: &str) -> Result<Key<'de>, E> {
                Ok(Key(s.to_owned().into()))
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

/// Deserializes an object into a draft, then finishes it.
struct DraftVisitor<T>(PhantomData<T>, &'static str);

macro_rules! object_via_draft {
    ($ty:ty, $draft:ident, $what:literal, |$d:ident| $finish:expr) => {
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_map(DraftVisitor::<$ty>(PhantomData, $what))
            }
        }

        impl<'de> Visitor<'de> for DraftVisitor<$ty> {
            type Value = $ty;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.1)
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<$ty, A::Error> {
                let mut $d = $draft::default();
                while let Some(key) = map.next_key::<Key<'de>>()? {
                    if !$d.read_serde(&key.0, &mut map)? {
                        map.next_value::<Skip>()?;
                    }
                }
                $finish.map_err(de::Error::custom)
            }
        }
    };
}

object_via_draft!(Model, ModelDraft, "a model object", |d| d.finish());
object_via_draft!(ModelId, IdDraft, "a model object", |d| d.finish());
object_via_draft!(
    ProviderMapping,
    MappingDraft,
    "a provider mapping entry",
    |d| d.finish(None)
);
object_via_draft!(
    MappingDraft,
    MappingDraft,
    "a provider mapping entry",
    |d| { Ok::<_, &str>(d) }
);
object_via_draft!(ErrorBody, ErrorDraft, "an error object", |d| {
    Ok::<_, &str>(d.finish())
});
object_via_draft!(
    CatalogModel,
    CatalogModelDraft,
    "a catalog model object",
    |d| { d.finish() }
);
object_via_draft!(
    Architecture,
    ArchitectureDraft,
    "an architecture object",
    |d| { Ok::<_, &str>(d.finish()) }
);
object_via_draft!(
    CatalogProvider,
    CatalogProviderDraft,
    "a catalog provider object",
    |d| d.finish()
);
object_via_draft!(Pricing, PricingDraft, "a pricing object", |d| {
    Ok::<_, &str>(d.finish())
});
object_via_draft!(ListedPricing, PricingDraft, "a pricing object", |d| {
    Ok::<_, &str>(ListedPricing(d.finish()))
});
object_via_draft!(Performance, PerformanceDraft, "a performance object", |d| {
    Ok::<_, &str>(d.finish())
});
object_via_draft!(
    ProviderFacts,
    ProviderDetailsDraft,
    "a provider details object",
    |d| { Ok::<_, &str>(d.finish()) }
);
object_via_draft!(Features, FeaturesDraft, "a features object", |d| {
    Ok::<_, &str>(d.finish())
});
object_via_draft!(
    PartnerEntryDraft,
    PartnerEntryDraft,
    "a mapping object",
    |d| { Ok::<_, &str>(d) }
);

object_via_draft!(MappingItem, MappingItemDraft, "a mapping item", |d| d
    .finish());

/// [`crate::parse::mapping_item`] with serde_json.
///
/// # Errors
///
/// As [`crate::parse::mapping_item`].
pub fn mapping_item(body: &[u8]) -> Result<NewMapping, Error> {
    parse(body, MAPPING_ITEM, |de| MappingItem::deserialize(de)).map(|m| m.0)
}

/// [`crate::parse::mapping_id`] with serde_json.
///
/// # Errors
///
/// As [`crate::parse::mapping_id`].
pub fn mapping_id(body: &[u8]) -> Result<String, Error> {
    parse(body, MAPPING_ID, |de| MappingIdBody::deserialize(de)).map(|m| m.0)
}

impl<'de> Deserialize<'de> for MappingIdBody {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = MappingIdBody;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mapping id, or an object with its `_id`")
            }
            fn visit_str<E>(self, s: &str) -> Result<MappingIdBody, E> {
                Ok(MappingIdBody(s.to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<MappingIdBody, A::Error> {
                let mut draft = MappingIdDraft::default();
                while let Some(key) = map.next_key::<Key<'de>>()? {
                    if !draft.read_serde(&key.0, &mut map)? {
                        map.next_value::<Skip>()?;
                    }
                }
                draft.finish().map_err(de::Error::custom)
            }
        }
        d.deserialize_any(V)
    }
}

/// [`crate::parse::partner_list`] with serde_json.
///
/// # Errors
///
/// As [`crate::parse::partner_list`].
pub fn partner_list(body: &[u8]) -> Result<Vec<PartnerMapping>, Error> {
    parse(body, PARTNER_LIST, |de| PartnerListBody::deserialize(de))
        .map(PartnerListBody::into_mappings)
}

impl<'de> Deserialize<'de> for PartnerListBody {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(TasksVisitor)
    }
}

/// The list's object: tasks, each an object of mappings.
struct TasksVisitor;

impl<'de> Visitor<'de> for TasksVisitor {
    type Value = PartnerListBody;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object of tasks")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<PartnerListBody, A::Error> {
        let mut out = Vec::new();
        while let Some(task) = map.next_key::<Key<'de>>()? {
            let task = TaskName::list_key(&task.0).map_err(de::Error::custom)?;
            map.next_value_seed(TaskMappings {
                task: &task,
                out: &mut out,
            })?;
        }
        Ok(PartnerListBody(out))
    }
}

/// One task's object: its mappings, keyed by model (or tag filter), appended to `out`.
struct TaskMappings<'a> {
    task: &'a TaskName,
    out: &'a mut Vec<PartnerMapping>,
}

impl<'de> DeserializeSeed<'de> for TaskMappings<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TaskMappings<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object of mappings")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(target) = map.next_key::<Key<'de>>()? {
            let entry: PartnerEntryDraft = map.next_value()?;
            let mapping = entry
                .finish(self.task, &target.0)
                .map_err(de::Error::custom)?;
            self.out.push(mapping);
        }
        Ok(())
    }
}

impl<'de> Deserialize<'de> for ErrorText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ErrorText;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an error message, or an object with a `message`")
            }
            fn visit_str<E>(self, s: &str) -> Result<ErrorText, E> {
                Ok(ErrorText(Some(s.to_owned())))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ErrorText, A::Error> {
                let mut draft = ErrorObjectDraft::default();
                while let Some(key) = map.next_key::<Key<'de>>()? {
                    if !draft.read_serde(&key.0, &mut map)? {
                        map.next_value::<Skip>()?;
                    }
                }
                Ok(draft.finish())
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Number;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_u64<E>(self, n: u64) -> Result<Number, E> {
                Ok(Number(n as f64))
            }
            fn visit_i64<E>(self, n: i64) -> Result<Number, E> {
                Ok(Number(n as f64))
            }
            fn visit_f64<E>(self, n: f64) -> Result<Number, E> {
                Ok(Number(n))
            }
        }
        d.deserialize_f64(V)
    }
}

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Count;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a whole number")
            }
            fn visit_u64<E>(self, n: u64) -> Result<Count, E> {
                Ok(Count(n))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Count, E> {
                u64::try_from(n)
                    .map(Count)
                    .map_err(|_| E::custom("a negative count"))
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<Count, E> {
                Count::from_f64(n).ok_or_else(|| E::custom("not a whole number"))
            }
        }
        d.deserialize_u64(V)
    }
}

impl<'de> Deserialize<'de> for MappingList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct MappingVisitor;
        impl<'de> Visitor<'de> for MappingVisitor {
            type Value = MappingList;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a provider mapping (an object keyed by provider, or a list)")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<MappingList, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = seq.next_element::<ProviderMapping>()? {
                    entries.push(entry);
                }
                Ok(MappingList(entries))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<MappingList, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<Key<'de>>()? {
                    let provider = ProviderName::from_wire(&key.0);
                    let draft: MappingDraft = map.next_value()?;
                    entries.push(draft.finish(Some(provider)).map_err(de::Error::custom)?);
                }
                Ok(MappingList(entries))
            }
        }
        d.deserialize_any(MappingVisitor)
    }
}

impl<'de> Deserialize<'de> for Tags {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Tags;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of tags")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tags, A::Error> {
                let mut tags = tags_builder();
                // Borrowed from the body unless escaped: no allocation per tag.
                while let Some(tag) = seq.next_element::<Key<'de>>()? {
                    if !tags.push(&tag.0) {
                        return Err(de::Error::custom("tags too long"));
                    }
                }
                Ok(finish_tags(tags))
            }
        }
        d.deserialize_seq(V)
    }
}

/// Implements `Deserialize` for a type read from a JSON string through `from_wire`.
macro_rules! from_wire_string {
    ($ty:ty, $expecting:literal) => {
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = $ty;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_str<E>(self, s: &str) -> Result<$ty, E> {
                        Ok(<$ty>::from_wire(s))
                    }
                }
                d.deserialize_str(V)
            }
        }
    };
}

from_wire_string!(ProviderStatus, "a provider status string");
from_wire_string!(ProviderName, "a provider name");
from_wire_string!(TaskName, "a task name");
from_wire_string!(LibraryName, "a library name");
from_wire_string!(ModalityName, "a modality");
from_wire_string!(InferenceStatus, "an inference status string");
from_wire_string!(RouterStatus, "a router status string");

impl<'de> Deserialize<'de> for Gated {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Gated;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("false, \"auto\" or \"manual\"")
            }
            fn visit_bool<E>(self, b: bool) -> Result<Gated, E> {
                Ok(Gated::from(b))
            }
            fn visit_str<E>(self, s: &str) -> Result<Gated, E> {
                Ok(Gated::from_wire(s))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for Int {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Int;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an integer")
            }
            fn visit_i64<E>(self, n: i64) -> Result<Int, E> {
                Ok(Int(n))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Int, E> {
                i64::try_from(n)
                    .map(Int)
                    .map_err(|_| E::custom("integer out of range"))
            }
        }
        d.deserialize_i64(V)
    }
}
