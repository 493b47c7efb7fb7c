//! The parse functions with the `miniserde` engine (feature `miniserde`).
//!
//! miniserde parses without recursion, so nesting cannot overflow the stack; the depth limit is
//! still applied (by a scan before parsing) so that both engines accept the same documents.
//! miniserde's errors carry no detail, so its decode errors say less than serde_json's.

use std::mem;

use miniserde::de::{Deserialize, Map, Seq, Visitor};
use miniserde::{Error as MiniError, Result as MiniResult, make_place};

use super::schema::{
    ErrorBody, ErrorDraft, Int, LibraryName, MappingDraft, MappingList, ModelDraft, ProviderName,
    TaskName, finish_tags, tags_builder,
};
use crate::error::Error;
use crate::model::{Gated, InferenceStatus, Model, ProviderMapping, ProviderStatus};
use crate::tags::{Tags, TagsBuilder};

make_place!(Place);

/// Nesting depth at which parsing fails: serde_json's own limit (a container nested 128 deep),
/// mirrored so the two engines agree.
const MAX_DEPTH: usize = 128;

/// [`crate::parse::model_list`] with miniserde.
pub fn model_list(body: &[u8]) -> Result<Vec<Model>, Error> {
    parse(body, super::MODEL_LIST)
}

/// [`crate::parse::model`] with miniserde.
pub fn model(body: &[u8]) -> Result<Model, Error> {
    parse(body, super::MODEL)
}

/// [`crate::parse::error_message`] with miniserde.
pub fn error_message(body: &[u8]) -> Option<String> {
    parse::<ErrorBody>(body, "error body").ok()?.0
}

fn parse<T: Deserialize>(body: &[u8], what: &'static str) -> Result<T, Error> {
    let text = std::str::from_utf8(body)
        .map_err(|e| super::decode_error(what, format!("not UTF-8: {e}")))?;
    if nesting_exceeds(text, MAX_DEPTH) {
        return Err(super::decode_error(what, "nesting too deep".into()));
    }
    miniserde::json::from_str(text)
        .map_err(|_| super::decode_error(what, "invalid JSON or unexpected shape".into()))
}

/// Byte classes for the nesting scan, which runs over every byte before miniserde does: outside
/// strings, most bytes are none of these and cost one table look-up.
const QUOTE: u8 = 1;
const OPEN: u8 = 2;
const CLOSE: u8 = 3;
static CLASS: [u8; 256] = {
    let mut class = [0u8; 256];
    class[b'"' as usize] = QUOTE;
    class[b'[' as usize] = OPEN;
    class[b'{' as usize] = OPEN;
    class[b']' as usize] = CLOSE;
    class[b'}' as usize] = CLOSE;
    class
};

/// Whether a container is nested `limit` deep. Exact for valid JSON; on invalid JSON the answer
/// does not matter, since parsing fails anyway.
fn nesting_exceeds(json: &str, limit: usize) -> bool {
    let bytes = json.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match CLASS[usize::from(bytes[i])] {
            QUOTE => match string_end(json, i + 1) {
                Some(end) => i = end,
                None => return false,
            },
            OPEN => {
                depth += 1;
                if depth >= limit {
                    return true;
                }
            }
            CLOSE => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    false
}

/// The index of the quote that ends the string starting at `start`. `str::find` with one ASCII
/// byte is std's word-at-a-time memchr; a quote preceded by an odd run of backslashes is
/// escaped and the search goes on.
fn string_end(json: &str, start: usize) -> Option<usize> {
    let bytes = json.as_bytes();
    let mut from = start;
    loop {
        let quote = from + json.get(from..)?.find('"')?;
        let backslashes = bytes[start..quote]
            .iter()
            .rev()
            .take_while(|&&b| b == b'\\')
            .count();
        if backslashes % 2 == 0 {
            return Some(quote);
        }
        from = quote + 1;
    }
}

/// A draft that can hand out places for its keys and turn into `Out` at the closing brace.
trait Draft: Default {
    type Out;
    fn place(&mut self, key: &str) -> &mut dyn Visitor;
    fn done(self) -> Option<Self::Out>;
}

struct ObjectBuilder<'a, D: Draft> {
    draft: D,
    out: &'a mut Option<D::Out>,
}

impl<D: Draft> Map for ObjectBuilder<'_, D> {
    fn key(&mut self, k: &str) -> MiniResult<&mut dyn Visitor> {
        Ok(self.draft.place(k))
    }

    fn finish(&mut self) -> MiniResult<()> {
        *self.out = Some(mem::take(&mut self.draft).done().ok_or(MiniError)?);
        Ok(())
    }
}

/// Implements miniserde's `Deserialize` for a type read from an object through a draft.
macro_rules! object_via_draft {
    ($out:ty, $draft:ident, |$d:ident| $done:expr) => {
        impl Draft for $draft {
            type Out = $out;
            fn place(&mut self, key: &str) -> &mut dyn Visitor {
                $draft::place(self, key)
            }
            fn done(self) -> Option<$out> {
                let $d = self;
                $done
            }
        }

        impl Visitor for Place<$out> {
            fn map(&mut self) -> MiniResult<Box<dyn Map + '_>> {
                Ok(Box::new(ObjectBuilder::<$draft> {
                    draft: Default::default(),
                    out: &mut self.out,
                }))
            }
        }

        impl Deserialize for $out {
            fn begin(out: &mut Option<Self>) -> &mut dyn Visitor {
                Place::new(out)
            }
        }
    };
}

object_via_draft!(Model, ModelDraft, |d| d.finish().ok());
object_via_draft!(ErrorBody, ErrorDraft, |d| Some(d.finish()));

/// A mapping entry is finished by its parent, which knows whether a key names the provider.
impl Draft for MappingDraft {
    type Out = MappingDraft;
    fn place(&mut self, key: &str) -> &mut dyn Visitor {
        MappingDraft::place(self, key)
    }
    fn done(self) -> Option<MappingDraft> {
        Some(self)
    }
}

impl Visitor for Place<MappingDraft> {
    fn map(&mut self) -> MiniResult<Box<dyn Map + '_>> {
        Ok(Box::new(ObjectBuilder::<MappingDraft> {
            draft: Default::default(),
            out: &mut self.out,
        }))
    }
}

impl Deserialize for MappingDraft {
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
from_wire_string!(InferenceStatus);

impl Visitor for Place<Gated> {
    fn boolean(&mut self, b: bool) -> MiniResult<()> {
        self.out = Some(Gated::from_bool(b));
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

#[cfg(test)]
mod tests {
    use super::nesting_exceeds;

    #[test]
    fn nesting_scan_counts_containers_not_brackets_in_strings() {
        assert!(!nesting_exceeds("[[1]]", 3));
        assert!(nesting_exceeds("[[[1]]]", 3));
        assert!(nesting_exceeds("[{\"a\":[]}]", 3));
        assert!(!nesting_exceeds(r#"["[[[[", "\"[[[["]"#, 3));
        assert!(!nesting_exceeds(r#"["\\", "[[\\\"[["]"#, 3));
        assert!(nesting_exceeds(r#"["\\", [["x"]]]"#, 3));
        assert!(!nesting_exceeds(r#"["\\\\\"[[", []]"#, 3));
        assert!(!nesting_exceeds("[[]][[]]", 3));
        assert!(!nesting_exceeds("[\"unterminated [[[[", 3));
    }
}
