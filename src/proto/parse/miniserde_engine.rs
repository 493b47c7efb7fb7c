//! The parse functions with the `miniserde` engine (feature `miniserde`).
//!
//! miniserde parses without recursion, so nesting cannot overflow the stack; the depth limit is
//! still applied, by the visitors that skip unknown values, so that both engines accept the same
//! documents.
//! miniserde's errors carry no detail, so its decode errors say less than serde_json's.

use std::cell::Cell;
use std::mem;

use miniserde::de::{Deserialize, Map, Seq, Visitor};
use miniserde::{Error as MiniError, Result as MiniResult, make_place};

use super::schema::{
    ArchitectureDraft, CATALOG, CATALOG_MODEL, Catalog, CatalogDraft, CatalogModelDraft,
    CatalogProviderDraft, Count, ErrorBody, ErrorDraft, ErrorObjectDraft, ErrorText, Features,
    FeaturesDraft, IdDraft, Int, LibraryName, ListedPricing, MAPPING_ID, MAPPING_ITEM, MODEL,
    MODEL_LIST, MappingDraft, MappingIdBody, MappingIdDraft, MappingItem, MappingItemDraft,
    MappingList, ModalityName, ModelDraft, ModelId, Number, PARTNER_LIST, PartnerEntryDraft,
    PartnerListBody, Performance, PerformanceDraft, PricingDraft, ProviderDetailsDraft,
    ProviderFacts, ProviderName, TaskName, decode_error, finish_tags, tags_builder,
};
use crate::proto::catalog::{Architecture, CatalogModel, CatalogProvider, Pricing, RouterStatus};
use crate::proto::error::Error;
use crate::proto::model::{Gated, InferenceStatus, Model, ProviderMapping, ProviderStatus};
use crate::proto::partner_mapping::{NewMapping, PartnerMapping};
use crate::proto::tags::{Tags, TagsBuilder};

make_place!(Place);

/// Nesting depth at which parsing fails: serde_json's own limit (a container nested 128 deep),
/// mirrored so the two engines agree.
const MAX_DEPTH: usize = 128;

/// [`crate::parse::model_list`] with miniserde.
///
/// # Errors
///
/// As [`crate::parse::model_list`].
pub fn model_list(body: &[u8]) -> Result<Vec<Model>, Error> {
    parse(body, MODEL_LIST, 2)
}

/// [`crate::parse::model_ids`] with miniserde.
///
/// # Errors
///
/// As [`crate::parse::model_ids`].
pub fn model_ids(body: &[u8]) -> Result<Vec<String>, Error> {
    let ids: Vec<ModelId> = parse(body, MODEL_LIST, 2)?;
    Ok(ids.into_iter().map(|id| id.0).collect())
}

/// [`crate::parse::model`] with miniserde.
///
/// # Errors
///
/// As [`crate::parse::model`].
pub fn model(body: &[u8]) -> Result<Model, Error> {
    parse(body, MODEL, 1)
}

/// [`crate::parse::error_message`] with miniserde.
pub fn error_message(body: &[u8]) -> Option<String> {
    parse::<ErrorBody>(body, "error body", 1).ok()?.0
}

/// [`crate::parse::catalog`] with miniserde.
///
/// # Errors
///
/// As [`crate::parse::catalog`].
pub fn catalog(body: &[u8]) -> Result<Vec<CatalogModel>, Error> {
    parse::<Catalog>(body, CATALOG, 3).map(|c| c.0)
}

/// [`crate::parse::catalog_model`] with miniserde.
///
/// # Errors
///
/// As [`crate::parse::catalog_model`].
pub fn catalog_model(body: &[u8]) -> Result<CatalogModel, Error> {
    parse(body, CATALOG_MODEL, 1)
}

/// [`crate::parse::partner_list`] with miniserde.
///
/// # Errors
///
/// As [`crate::parse::partner_list`].
pub fn partner_list(body: &[u8]) -> Result<Vec<PartnerMapping>, Error> {
    parse::<PartnerListBody>(body, PARTNER_LIST, 1).map(PartnerListBody::into_mappings)
}

/// [`crate::parse::mapping_item`] with miniserde.
///
/// # Errors
///
/// As [`crate::parse::mapping_item`].
pub fn mapping_item(body: &[u8]) -> Result<NewMapping, Error> {
    parse::<MappingItem>(body, MAPPING_ITEM, 1).map(|m| m.0)
}

/// [`crate::parse::mapping_id`] with miniserde.
///
/// # Errors
///
/// As [`crate::parse::mapping_id`].
pub fn mapping_id(body: &[u8]) -> Result<String, Error> {
    parse::<MappingIdBody>(body, MAPPING_ID, 1).map(|m| m.0)
}

/// Parses a document whose main objects (models, or catalog models) sit at nesting depth
/// `unit_depth` (1 at the root).
fn parse<T: Deserialize>(body: &[u8], what: &'static str, unit_depth: usize) -> Result<T, Error> {
    let text =
        std::str::from_utf8(body).map_err(|e| decode_error(what, format!("not UTF-8: {e}")))?;
    UNIT_DEPTH.set(unit_depth);
    let parsed = miniserde::json::from_str(text);
    UNIT_DEPTH.set(1);
    parsed.map_err(|_| decode_error(what, "invalid JSON or unexpected shape".into()))
}

thread_local! {
    /// The depth of the models (or catalog models) being parsed: `Place<Model>` cannot be
    /// told, and the depth of
    /// every container skipped below a model counts against [`MAX_DEPTH`]. 1 when a caller
    /// parses a `Model` with miniserde directly.
    static UNIT_DEPTH: Cell<usize> = const { Cell::new(1) };
}

/// Skips any value, counting the depth of the containers it enters like serde_json does.
struct Skip {
    /// The depth of the container holding the value.
    depth: usize,
}

impl Skip {
    fn inside(&self) -> MiniResult<Skip> {
        let depth = self.depth + 1;
        if depth >= MAX_DEPTH {
            return Err(MiniError);
        }
        Ok(Skip { depth })
    }
}

impl Visitor for Skip {
    fn null(&mut self) -> MiniResult<()> {
        Ok(())
    }
    fn boolean(&mut self, _: bool) -> MiniResult<()> {
        Ok(())
    }
    fn string(&mut self, _: &str) -> MiniResult<()> {
        Ok(())
    }
    fn negative(&mut self, _: i64) -> MiniResult<()> {
        Ok(())
    }
    fn nonnegative(&mut self, _: u64) -> MiniResult<()> {
        Ok(())
    }
    fn float(&mut self, _: f64) -> MiniResult<()> {
        Ok(())
    }
    fn seq(&mut self) -> MiniResult<Box<dyn Seq + '_>> {
        Ok(Box::new(self.inside()?))
    }
    fn map(&mut self) -> MiniResult<Box<dyn Map + '_>> {
        Ok(Box::new(self.inside()?))
    }
}

/// A skipped container: its elements are skipped one level deeper.
impl Seq for Skip {
    fn element(&mut self) -> MiniResult<&mut dyn Visitor> {
        Ok(self)
    }
    fn finish(&mut self) -> MiniResult<()> {
        Ok(())
    }
}

impl Map for Skip {
    fn key(&mut self, _: &str) -> MiniResult<&mut dyn Visitor> {
        Ok(self)
    }
    fn finish(&mut self) -> MiniResult<()> {
        Ok(())
    }
}

/// A draft that can hand out places for its keys and turn into `Out` at the closing brace.
trait Draft: Default {
    type Out;
    /// The depth of the object.
    fn depth() -> usize;
    fn place(&mut self, key: &str) -> Option<&mut dyn Visitor>;
    fn done(self) -> Option<Self::Out>;
}

struct ObjectBuilder<'a, D: Draft> {
    draft: D,
    skip: Skip,
    out: &'a mut Option<D::Out>,
}

impl<'a, D: Draft> ObjectBuilder<'a, D> {
    fn new(out: &'a mut Option<D::Out>) -> Box<Self> {
        Box::new(ObjectBuilder {
            draft: D::default(),
            skip: Skip { depth: D::depth() },
            out,
        })
    }
}

impl<D: Draft> Map for ObjectBuilder<'_, D> {
    fn key(&mut self, k: &str) -> MiniResult<&mut dyn Visitor> {
        Ok(match self.draft.place(k) {
            Some(place) => place,
            None => &mut self.skip,
        })
    }

    fn finish(&mut self) -> MiniResult<()> {
        *self.out = Some(mem::take(&mut self.draft).done().ok_or(MiniError)?);
        Ok(())
    }
}

/// Implements miniserde's `Deserialize` for a type read from an object through a draft.
macro_rules! object_via_draft {
    ($out:ty, $draft:ident, depth: $depth:expr, |$d:ident| $done:expr) => {
        object_via_draft!($out, $draft, depth: $depth, |$d| $done, also {});
    };
    // `also`: more `Visitor` methods, for a value that may be something else than an object.
    ($out:ty, $draft:ident, depth: $depth:expr, |$d:ident| $done:expr, also { $($also:tt)* }) => {
        impl Draft for $draft {
            type Out = $out;
            fn depth() -> usize {
                $depth
            }
            fn place(&mut self, key: &str) -> Option<&mut dyn Visitor> {
                $draft::place(self, key)
            }
            fn done(self) -> Option<$out> {
                let $d = self;
                $done
            }
        }

        impl Visitor for Place<$out> {
            fn map(&mut self) -> MiniResult<Box<dyn Map + '_>> {
                Ok(ObjectBuilder::<$draft>::new(&mut self.out))
            }
            $($also)*
        }

        impl Deserialize for $out {
            fn begin(out: &mut Option<Self>) -> &mut dyn Visitor {
                Place::new(out)
            }
        }
    };
}

object_via_draft!(Model, ModelDraft, depth: UNIT_DEPTH.get(), |d| d.finish().ok());
object_via_draft!(ModelId, IdDraft, depth: UNIT_DEPTH.get(), |d| d.finish().ok());
// Error bodies are parsed on their own: the object is the root.
object_via_draft!(ErrorBody, ErrorDraft, depth: 1, |d| Some(d.finish()));
// `{"error": "..."}` or `{"error": {"message": "..."}}`: the value's object is at depth 2.
object_via_draft!(ErrorText, ErrorObjectDraft, depth: 2, |d| Some(d.finish()), also {
    fn string(&mut self, s: &str) -> MiniResult<()> {
        self.out = Some(ErrorText(Some(s.to_owned())));
        Ok(())
    }
});
// The catalog is the root; its models sit in `data`, their parts below them.
object_via_draft!(Catalog, CatalogDraft, depth: 1, |d| d.finish().ok());
object_via_draft!(CatalogModel, CatalogModelDraft, depth: UNIT_DEPTH.get(), |d| d.finish().ok());
object_via_draft!(Architecture, ArchitectureDraft, depth: UNIT_DEPTH.get() + 1, |d| Some(d.finish()));
object_via_draft!(CatalogProvider, CatalogProviderDraft, depth: UNIT_DEPTH.get() + 2, |d| {
    d.finish().ok()
});
object_via_draft!(Pricing, PricingDraft, depth: UNIT_DEPTH.get() + 3, |d| Some(d.finish()));
// A mapping entry sits in the mapping, in the model. Its parent finishes it, knowing whether a
// key names the provider.
object_via_draft!(MappingDraft, MappingDraft, depth: UNIT_DEPTH.get() + 2, |d| Some(d));

// What a listing's mapping entry says of the provider's numbers sits one level below the
// entry; the pricing in `providerDetails` one more.
object_via_draft!(Performance, PerformanceDraft, depth: UNIT_DEPTH.get() + 3, |d| Some(d.finish()));
object_via_draft!(ProviderFacts, ProviderDetailsDraft, depth: UNIT_DEPTH.get() + 3, |d| {
    Some(d.finish())
});
object_via_draft!(Features, FeaturesDraft, depth: UNIT_DEPTH.get() + 3, |d| Some(d.finish()));

/// The catalog's pricing draft, for the deeper pricing of a listing's mapping entry.
#[derive(Default)]
struct ListedPricingDraft(PricingDraft);

impl ListedPricingDraft {
    fn place(&mut self, key: &str) -> Option<&mut dyn Visitor> {
        self.0.place(key)
    }
}

object_via_draft!(ListedPricing, ListedPricingDraft, depth: UNIT_DEPTH.get() + 4, |d| {
    Some(ListedPricing(d.0.finish()))
});

// A registration's answer: an object with the id, or the id itself.
object_via_draft!(MappingIdBody, MappingIdDraft, depth: 1, |d| d.finish().ok(), also {
    fn string(&mut self, s: &str) -> MiniResult<()> {
        self.out = Some(MappingIdBody(s.to_owned()));
        Ok(())
    }
});

// A mapping item is a document of its own.
object_via_draft!(MappingItem, MappingItemDraft, depth: 1, |d| d.finish().ok());

// A provider's list: the root holds tasks, each task its mappings, each mapping at depth 3.
object_via_draft!(PartnerEntryDraft, PartnerEntryDraft, depth: 3, |d| Some(d));

/// The list's root object: each key a task, whose object [`TaskEntries`] reads.
struct PartnerListBuilder<'a> {
    out: &'a mut Option<PartnerListBody>,
    task: TaskEntries,
}

/// The mappings read so far, and the task whose object is being read.
struct TaskEntries {
    name: Option<TaskName>,
    list: Vec<PartnerMapping>,
}

impl Map for PartnerListBuilder<'_> {
    fn key(&mut self, k: &str) -> MiniResult<&mut dyn Visitor> {
        self.task.name = Some(TaskName::list_key(k).map_err(|_| MiniError)?);
        Ok(&mut self.task)
    }
    fn finish(&mut self) -> MiniResult<()> {
        *self.out = Some(PartnerListBody(mem::take(&mut self.task.list)));
        Ok(())
    }
}

impl Visitor for TaskEntries {
    fn map(&mut self) -> MiniResult<Box<dyn Map + '_>> {
        Ok(Box::new(TaskMap {
            entries: self,
            target: String::new(),
            entry: None,
        }))
    }
}

/// One task's object: mappings keyed by model (or tag filter), each finished at the next key.
struct TaskMap<'a> {
    entries: &'a mut TaskEntries,
    target: String,
    entry: Option<PartnerEntryDraft>,
}

impl TaskMap<'_> {
    fn flush(&mut self) -> MiniResult<()> {
        if let Some(draft) = self.entry.take() {
            let task = self.entries.name.as_ref().ok_or(MiniError)?;
            let mapping = draft.finish(task, &self.target).map_err(|_| MiniError)?;
            self.entries.list.push(mapping);
        }
        Ok(())
    }
}

impl Map for TaskMap<'_> {
    fn key(&mut self, k: &str) -> MiniResult<&mut dyn Visitor> {
        self.flush()?;
        k.clone_into(&mut self.target);
        Ok(Deserialize::begin(&mut self.entry))
    }
    fn finish(&mut self) -> MiniResult<()> {
        self.flush()
    }
}

impl Visitor for Place<PartnerListBody> {
    fn map(&mut self) -> MiniResult<Box<dyn Map + '_>> {
        Ok(Box::new(PartnerListBuilder {
            out: &mut self.out,
            task: TaskEntries {
                name: None,
                list: Vec::new(),
            },
        }))
    }
}

impl Deserialize for PartnerListBody {
    fn begin(out: &mut Option<Self>) -> &mut dyn Visitor {
        Place::new(out)
    }
}

/// Collects mapping entries: list items (`key` stays `None`) or values under provider keys.
struct MappingBuilder<'a> {
    out: &'a mut Option<MappingList>,
    entries: Vec<ProviderMapping>,
    key: Option<ProviderName>,
    entry: Option<MappingDraft>,
}

impl MappingBuilder<'_> {
    fn flush(&mut self) -> MiniResult<()> {
        if let Some(draft) = self.entry.take() {
            let entry = draft.finish(self.key.take()).map_err(|_| MiniError)?;
            self.entries.push(entry);
        }
        Ok(())
    }

    fn done(&mut self) -> MiniResult<()> {
        self.flush()?;
        *self.out = Some(MappingList(mem::take(&mut self.entries)));
        Ok(())
    }
}

impl Seq for MappingBuilder<'_> {
    fn element(&mut self) -> MiniResult<&mut dyn Visitor> {
        self.flush()?;
        Ok(Deserialize::begin(&mut self.entry))
    }
    fn finish(&mut self) -> MiniResult<()> {
        self.done()
    }
}

impl Map for MappingBuilder<'_> {
    fn key(&mut self, k: &str) -> MiniResult<&mut dyn Visitor> {
        self.flush()?;
        self.key = Some(ProviderName::from_wire(k));
        Ok(Deserialize::begin(&mut self.entry))
    }
    fn finish(&mut self) -> MiniResult<()> {
        self.done()
    }
}

impl Place<MappingList> {
    fn builder(&mut self) -> Box<MappingBuilder<'_>> {
        Box::new(MappingBuilder {
            out: &mut self.out,
            entries: Vec::new(),
            key: None,
            entry: None,
        })
    }
}

impl Visitor for Place<MappingList> {
    fn seq(&mut self) -> MiniResult<Box<dyn Seq + '_>> {
        Ok(self.builder())
    }
    fn map(&mut self) -> MiniResult<Box<dyn Map + '_>> {
        Ok(self.builder())
    }
}

impl Deserialize for MappingList {
    fn begin(out: &mut Option<Self>) -> &mut dyn Visitor {
        Place::new(out)
    }
}

/// Appends each string of a tags list to the builder.
struct TagSink {
    builder: TagsBuilder,
}

impl Visitor for TagSink {
    fn string(&mut self, s: &str) -> MiniResult<()> {
        if self.builder.push(s) {
            Ok(())
        } else {
            Err(MiniError)
        }
    }
}

struct TagsSeq<'a> {
    out: &'a mut Option<Tags>,
    sink: TagSink,
}

impl Seq for TagsSeq<'_> {
    fn element(&mut self) -> MiniResult<&mut dyn Visitor> {
        Ok(&mut self.sink)
    }
    fn finish(&mut self) -> MiniResult<()> {
        *self.out = Some(finish_tags(mem::take(&mut self.sink.builder)));
        Ok(())
    }
}

impl Visitor for Place<Tags> {
    fn seq(&mut self) -> MiniResult<Box<dyn Seq + '_>> {
        Ok(Box::new(TagsSeq {
            out: &mut self.out,
            sink: TagSink {
                builder: tags_builder(),
            },
        }))
    }
}

impl Deserialize for Tags {
    fn begin(out: &mut Option<Self>) -> &mut dyn Visitor {
        Place::new(out)
    }
}

/// Implements `Deserialize` for a type read from a JSON string through `from_wire`.
macro_rules! from_wire_string {
    ($ty:ty) => {
        impl Visitor for Place<$ty> {
            fn string(&mut self, s: &str) -> MiniResult<()> {
                self.out = Some(<$ty>::from_wire(s));
                Ok(())
            }
        }

        impl Deserialize for $ty {
            fn begin(out: &mut Option<Self>) -> &mut dyn Visitor {
                Place::new(out)
            }
        }
    };
}

from_wire_string!(ProviderStatus);
from_wire_string!(ProviderName);
from_wire_string!(TaskName);
from_wire_string!(LibraryName);
from_wire_string!(ModalityName);
from_wire_string!(InferenceStatus);
from_wire_string!(RouterStatus);

impl Visitor for Place<Number> {
    fn negative(&mut self, n: i64) -> MiniResult<()> {
        // miniserde reads `-0` as the integer 0 (negative): it is -0.0, as serde_json reads it.
        self.out = Some(Number(if n == 0 { -0.0 } else { n as f64 }));
        Ok(())
    }
    fn nonnegative(&mut self, n: u64) -> MiniResult<()> {
        self.out = Some(Number(n as f64));
        Ok(())
    }
    fn float(&mut self, n: f64) -> MiniResult<()> {
        self.out = Some(Number(n));
        Ok(())
    }
}

impl Deserialize for Number {
    fn begin(out: &mut Option<Self>) -> &mut dyn Visitor {
        Place::new(out)
    }
}

impl Visitor for Place<Count> {
    fn negative(&mut self, n: i64) -> MiniResult<()> {
        // Only `-0`, which serde_json reads as the float -0.0: a whole number, 0.
        if n != 0 {
            return Err(MiniError);
        }
        self.out = Some(Count(0));
        Ok(())
    }
    fn nonnegative(&mut self, n: u64) -> MiniResult<()> {
        self.out = Some(Count(n));
        Ok(())
    }
    fn float(&mut self, n: f64) -> MiniResult<()> {
        self.out = Some(Count::from_f64(n).ok_or(MiniError)?);
        Ok(())
    }
}

impl Deserialize for Count {
    fn begin(out: &mut Option<Self>) -> &mut dyn Visitor {
        Place::new(out)
    }
}

impl Visitor for Place<Gated> {
    fn boolean(&mut self, b: bool) -> MiniResult<()> {
        self.out = Some(Gated::from(b));
        Ok(())
    }
    fn string(&mut self, s: &str) -> MiniResult<()> {
        self.out = Some(Gated::from_wire(s));
        Ok(())
    }
}

impl Deserialize for Gated {
    fn begin(out: &mut Option<Self>) -> &mut dyn Visitor {
        Place::new(out)
    }
}

impl Visitor for Place<Int> {
    fn negative(&mut self, n: i64) -> MiniResult<()> {
        // miniserde reads `-0` as the integer 0; serde_json reads it as a float, which is not
        // an integer. Refusing it keeps the engines in agreement.
        if n == 0 {
            return Err(MiniError);
        }
        self.out = Some(Int(n));
        Ok(())
    }
    fn nonnegative(&mut self, n: u64) -> MiniResult<()> {
        self.out = Some(Int(i64::try_from(n).map_err(|_| MiniError)?));
        Ok(())
    }
}

impl Deserialize for Int {
    fn begin(out: &mut Option<Self>) -> &mut dyn Visitor {
        Place::new(out)
    }
}
