//! A short name the Hub repeats on every model: a provider, a task, a library, a modality.

use std::borrow::{Borrow, Cow};
use std::fmt;
use std::ops::Deref;

/// A provider, task, library or modality name, read like a `&str`.
///
/// The Hub repeats a few dozen of these on every model of a listing; a known one is not
/// allocated (how is this type's business, not its users').
///
/// ```
/// use hf_providers::Name;
///
/// let name = Name::from("fal-ai");
/// assert_eq!(name, "fal-ai");
/// assert_eq!(name.len(), 6); // a `&str` method, through `Deref`
/// assert_eq!(name.to_string(), "fal-ai");
/// assert_eq!(Name::from(String::from("new-provider")).as_str(), "new-provider");
/// ```
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Name(pub(crate) Cow<'static, str>);

impl Name {
    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Name {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Name {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&'static str> for Name {
    fn from(name: &'static str) -> Name {
        Name(Cow::Borrowed(name))
    }
}

impl From<String> for Name {
    fn from(name: String) -> Name {
        Name(Cow::Owned(name))
    }
}

impl From<Name> for String {
    fn from(name: Name) -> String {
        name.0.into_owned()
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<String> for Name {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Name> for str {
    fn eq(&self, other: &Name) -> bool {
        *self == *other.0
    }
}

impl PartialEq<Name> for &str {
    fn eq(&self, other: &Name) -> bool {
        **self == *other.0
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Name {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

#[cfg(feature = "miniserde")]
impl miniserde::Serialize for Name {
    fn begin(&self) -> miniserde::ser::Fragment<'_> {
        miniserde::ser::Fragment::Str(Cow::Borrowed(&self.0))
    }
}
