//! A model's tags, stored compactly.

use std::fmt;
use std::ops::Index;

/// A model's tags, in the Hub's order.
///
/// The Hub sends 10 to 30 tags a model; as a `Vec<String>` that is as many allocations, which
/// made them the largest cost of parsing a listing. Here they share one buffer (plus one for
/// their ends), and read like a slice of `&str`.
///
/// ```
/// use hf_providers::Tags;
///
/// let tags: Tags = ["transformers", "license:mit", "region:us"].into_iter().collect();
/// assert_eq!(tags.len(), 3);
/// assert_eq!(&tags[1], "license:mit");
/// assert!(tags.contains("region:us"));
/// assert_eq!(tags.iter().collect::<Vec<_>>(), ["transformers", "license:mit", "region:us"]);
/// assert_eq!(tags, ["transformers", "license:mit", "region:us"]);
/// ```
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Tags {
    text: Box<str>,
    /// Where each tag ends in `text`.
    ends: Box<[u32]>,
}

impl Tags {
    /// No tags.
    pub fn new() -> Tags {
        Tags::default()
    }

    /// How many tags there are.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Tag number `i`, if there is one.
    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)? as usize;
        let start = match i {
            0 => 0,
            _ => self.ends[i - 1] as usize,
        };
        self.text.get(start..end)
    }

    /// Whether `tag` is one of them.
    pub fn contains(&self, tag: &str) -> bool {
        self.iter().any(|t| t == tag)
    }

    /// The tags in order.
    pub fn iter(&self) -> TagIter<'_> {
        TagIter {
            tags: self,
            front: 0,
            back: self.len(),
        }
    }
}

/// Builds [`Tags`] by appending to buffers that can be reused, then copying them once at their
/// exact size.
#[derive(Debug, Default)]
pub(crate) struct TagsBuilder {
    text: String,
    ends: Vec<u32>,
}

impl TagsBuilder {
    pub(crate) const fn new() -> TagsBuilder {
        TagsBuilder {
            text: String::new(),
            ends: Vec::new(),
        }
    }

    pub(crate) fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
    }

    /// Appends a tag; `false` if the tags together pass 4 GiB, which no body we accept holds.
    pub(crate) fn push(&mut self, tag: &str) -> bool {
        self.text.push_str(tag);
        match u32::try_from(self.text.len()) {
            Ok(end) => {
                self.ends.push(end);
                true
            }
            Err(_) => false,
        }
    }

    /// The bytes the buffers hold on to.
    pub(crate) fn room(&self) -> usize {
        self.text.capacity() + self.ends.capacity() * std::mem::size_of::<u32>()
    }

    pub(crate) fn build(&self) -> Tags {
        Tags {
            text: self.text.as_str().into(),
            ends: self.ends.as_slice().into(),
        }
    }
}

impl<S: AsRef<str>> FromIterator<S> for Tags {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Tags {
        let mut builder = TagsBuilder::default();
        for tag in iter {
            // Beyond 4 GiB of tags the rest is dropped; only a deliberate caller gets there.
            if !builder.push(tag.as_ref()) {
                break;
            }
        }
        builder.build()
    }
}

/// The iterator of [`Tags::iter`].
#[derive(Debug, Clone)]
#[must_use = "iterators are lazy and do nothing unless consumed"]
pub struct TagIter<'a> {
    tags: &'a Tags,
    front: usize,
    back: usize,
}

impl<'a> Iterator for TagIter<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        if self.front == self.back {
            return None;
        }
        self.front += 1;
        self.tags.get(self.front - 1)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.back - self.front;
        (n, Some(n))
    }
}

impl DoubleEndedIterator for TagIter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        if self.front == self.back {
            return None;
        }
        self.back -= 1;
        self.tags.get(self.back)
    }
}

impl ExactSizeIterator for TagIter<'_> {}

impl<'a> IntoIterator for &'a Tags {
    type Item = &'a str;
    type IntoIter = TagIter<'a>;

    fn into_iter(self) -> TagIter<'a> {
        self.iter()
    }
}

impl Index<usize> for Tags {
    type Output = str;

    /// Panics when `i` is out of range, like a slice.
    fn index(&self, i: usize) -> &str {
        match self.get(i) {
            Some(tag) => tag,
            None => panic!("tag {i} out of range: there are {}", self.len()),
        }
    }
}

impl fmt::Debug for Tags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<S: AsRef<str>> PartialEq<[S]> for Tags {
    fn eq(&self, other: &[S]) -> bool {
        self.len() == other.len() && self.iter().zip(other).all(|(a, b)| a == b.as_ref())
    }
}

impl<S: AsRef<str>, const N: usize> PartialEq<[S; N]> for Tags {
    fn eq(&self, other: &[S; N]) -> bool {
        *self == other[..]
    }
}

impl<S: AsRef<str>> PartialEq<Vec<S>> for Tags {
    fn eq(&self, other: &Vec<S>) -> bool {
        *self == other[..]
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Tags {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

#[cfg(feature = "miniserde")]
impl miniserde::Serialize for Tags {
    fn begin(&self) -> miniserde::ser::Fragment<'_> {
        // The item handed out must live in the iterator, hence `current`.
        struct Seq<'a> {
            iter: TagIter<'a>,
            current: &'a str,
        }
        impl miniserde::ser::Seq for Seq<'_> {
            fn next(&mut self) -> Option<&dyn miniserde::Serialize> {
                self.current = self.iter.next()?;
                Some(&self.current)
            }
        }
        miniserde::ser::Fragment::Seq(Box::new(Seq {
            iter: self.iter(),
            current: "",
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_like_a_slice() {
        let tags: Tags = ["a", "", "ünï", "d"].into_iter().collect();
        assert_eq!(tags.len(), 4);
        assert_eq!(tags.get(1), Some(""));
        assert_eq!(&tags[2], "ünï");
        assert_eq!(tags.get(4), None);
        assert_eq!(tags.iter().rev().collect::<Vec<_>>(), ["d", "ünï", "", "a"]);
        assert_eq!(tags.iter().len(), 4);
        assert_eq!(format!("{tags:?}"), r#"["a", "", "ünï", "d"]"#);
        assert!(tags.contains(""));
        assert!(!tags.contains("b"));
        assert_eq!(tags, vec!["a", "", "ünï", "d"]);
        assert_ne!(tags, ["a", "", "ünï"]);
        assert!(Tags::new().is_empty());
        assert_eq!(Tags::new(), [""; 0]);
    }

    #[test]
    fn equal_lists_are_equal_tags() {
        let a: Tags = ["ab", "c"].into_iter().collect();
        let b: Tags = ["a", "bc"].into_iter().collect();
        assert_ne!(a, b);
        assert_eq!(a, ["ab", "c"].into_iter().collect::<Tags>());
    }
}
