//! Repository ids, validated the way the Hub validates them.

use std::fmt;
use std::str::FromStr;

use crate::proto::error::{InputKind, InvalidInput};
use crate::proto::model::Model;

/// The longest name (or namespace) the Hub accepts.
const MAX_PART_LEN: usize = 96;

/// A valid model id: `name` or `namespace/name`.
///
/// Each part is 1 to 96 ASCII letters, digits, `-`, `_` or `.`, starts and ends with a letter,
/// digit or `_`; the id holds no `--` or `..` and does not end in `.git`. These are the official
/// client's rules, checked before any request so a typo never costs a round trip.
///
/// ```
/// use hf_providers::RepoId;
///
/// let id = RepoId::parse("google/gemma-3-27b-it")?;
/// assert_eq!(id.namespace(), Some("google"));
/// assert_eq!(id.name(), "gemma-3-27b-it");
/// assert!(RepoId::parse("../etc/passwd").is_err());
/// let parsed: RepoId = "gpt2".parse()?;
/// assert_eq!(parsed.namespace(), None);
/// # Ok::<(), hf_providers::InvalidInput>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RepoId(String);

impl RepoId {
    /// Validates `id`.
    ///
    /// # Errors
    ///
    /// [`InvalidInput`] when `id` breaks one of the rules above.
    pub fn parse(id: &str) -> Result<RepoId, InvalidInput> {
        validate(id).map_err(|reason| InvalidInput::new(InputKind::RepoId, id, reason))?;
        Ok(RepoId(id.to_owned()))
    }

    /// The id as given.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The user or organisation, if the id has one.
    pub fn namespace(&self) -> Option<&str> {
        self.0.split_once('/').map(|(ns, _)| ns)
    }

    /// The repository name.
    pub fn name(&self) -> &str {
        self.0.rsplit('/').next().unwrap_or(&self.0)
    }
}

// Here rather than in `model`: ids' rules need `error`, which needs `model` (no import cycles).
impl Model {
    /// The model's id as a [`RepoId`]; `None` when the Hub sent one that is not valid.
    ///
    /// This is the model's current id: asked for under an old name, the Hub answers through a
    /// redirect with the new one (and with the id's own case), and the router knows the model
    /// only by it.
    ///
    /// ```
    /// use hf_providers::parse;
    ///
    /// let renamed = parse::model(br#"{"id":"meta-llama/Llama-3.1-8B-Instruct"}"#)?;
    /// assert_eq!(renamed.repo_id().unwrap().name(), "Llama-3.1-8B-Instruct");
    /// assert_eq!(parse::model(br#"{"id":"a/../b"}"#)?.repo_id(), None);
    /// # Ok::<(), hf_providers::Error>(())
    /// ```
    pub fn repo_id(&self) -> Option<RepoId> {
        RepoId::parse(&self.id).ok()
    }
}

/// A model id, parsed ([`RepoId`]) or not (`&str`, `String`): what every method that takes an
/// id accepts. A parsed id is not parsed again.
///
/// ```
/// use hf_providers::{IntoRepoId, RepoId};
///
/// let parsed = RepoId::parse("google/gemma-3-27b-it")?;
/// assert_eq!((&parsed).into_repo_id()?, parsed);
/// assert_eq!("google/gemma-3-27b-it".into_repo_id()?, parsed);
/// assert!("not--valid".into_repo_id().is_err());
/// # Ok::<(), hf_providers::InvalidInput>(())
/// ```
pub trait IntoRepoId {
    /// The id, validated if it was not yet.
    ///
    /// # Errors
    ///
    /// [`InvalidInput`] for text that is not a valid id.
    fn into_repo_id(self) -> Result<RepoId, InvalidInput>;
}

impl IntoRepoId for RepoId {
    fn into_repo_id(self) -> Result<RepoId, InvalidInput> {
        Ok(self)
    }
}

impl IntoRepoId for &RepoId {
    fn into_repo_id(self) -> Result<RepoId, InvalidInput> {
        Ok(self.clone())
    }
}

impl IntoRepoId for &str {
    fn into_repo_id(self) -> Result<RepoId, InvalidInput> {
        RepoId::parse(self)
    }
}

impl IntoRepoId for &String {
    fn into_repo_id(self) -> Result<RepoId, InvalidInput> {
        RepoId::parse(self)
    }
}

impl IntoRepoId for String {
    fn into_repo_id(self) -> Result<RepoId, InvalidInput> {
        RepoId::parse(&self)
    }
}

impl fmt::Display for RepoId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for RepoId {
    type Err = InvalidInput;

    fn from_str(id: &str) -> Result<RepoId, InvalidInput> {
        RepoId::parse(id)
    }
}

impl TryFrom<&str> for RepoId {
    type Error = InvalidInput;

    fn try_from(id: &str) -> Result<RepoId, InvalidInput> {
        RepoId::parse(id)
    }
}

impl AsRef<str> for RepoId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

fn validate(id: &str) -> Result<(), &'static str> {
    if id.is_empty() {
        return Err("is empty");
    }
    let mut parts = id.split('/');
    let first = parts.next().unwrap_or_default();
    let second = parts.next();
    if parts.next().is_some() {
        return Err("has more than one `/`; use `name` or `namespace/name`");
    }
    validate_part(first)?;
    if let Some(name) = second {
        validate_part(name)?;
    }
    if id.contains("--") {
        return Err("contains `--`");
    }
    if id.contains("..") {
        return Err("contains `..`");
    }
    if id.ends_with(".git") {
        return Err("ends with `.git`");
    }
    Ok(())
}

fn validate_part(part: &str) -> Result<(), &'static str> {
    let bytes = part.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return Err("has an empty namespace or name");
    };
    if bytes.len() > MAX_PART_LEN {
        return Err("has a part longer than 96 characters");
    }
    if !bytes
        .iter()
        .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    {
        return Err("may only hold ASCII letters, digits, `-`, `_`, `.` and one `/`");
    }
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    if !is_word(first) || !is_word(last) {
        return Err("has a part that starts or ends with `-` or `.`");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_hubs_ids() {
        for id in [
            "gpt2",
            "google/gemma-3-27b-it",
            "Qwen/QwQ-32B",
            "BagOu22/Lora_HKLPAZ",
            "black-forest-labs/FLUX.1-dev",
            "_a/_b_",
            &"a".repeat(96),
            &format!("{}/{}", "n".repeat(96), "m".repeat(96)),
        ] {
            assert!(RepoId::parse(id).is_ok(), "{id}");
        }
    }

    #[test]
    fn rejects_what_the_hub_rejects() {
        for (id, reason) in [
            ("", "is empty"),
            ("a/b/c", "more than one"),
            ("/b", "empty"),
            ("a/", "empty"),
            ("a--b", "`--`"),
            ("a..b", "`..`"),
            ("org/repo.git", ".git"),
            ("-a", "starts or ends"),
            ("a.", "starts or ends"),
            ("org/.hidden", "starts or ends"),
            ("a b", "ASCII letters"),
            ("modèle", "ASCII letters"),
            ("a?b", "ASCII letters"),
            ("a%2Fb", "ASCII letters"),
            (&"a".repeat(97), "96"),
        ] {
            match RepoId::parse(id) {
                Err(e) => {
                    assert_eq!(e.kind(), InputKind::RepoId);
                    assert!(e.reason().contains(reason), "{id}: {}", e.reason());
                }
                other => panic!("{id}: {other:?}"),
            }
        }
    }

    #[test]
    fn splits_namespace_and_name() {
        let id = RepoId::parse("gpt2").unwrap();
        assert_eq!((id.namespace(), id.name()), (None, "gpt2"));
    }
}
