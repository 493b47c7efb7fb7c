//! A provider's mappings as the Hub's model mapping API has them: what a mapping maps, one
//! mapping of a provider's list, and one to register (with the JSON body that registers it).

use std::fmt;

use crate::proto::error::{InputKind, InvalidInput};
use crate::proto::model::ProviderStatus;
use crate::proto::name::Name;
use crate::proto::repo_id::RepoId;

/// What a mapping maps: one Hub model, or every model carrying all of a set of tags (LoRA
/// adapters, mapped to one endpoint).
///
/// ```
/// use hf_providers::MappingTarget;
///
/// let t = MappingTarget::from_key("tag-filter=lora,base_model:adapter:black-forest-labs/FLUX.1-dev");
/// assert_eq!(t, MappingTarget::TagFilter(vec!["lora".into(), "base_model:adapter:black-forest-labs/FLUX.1-dev".into()]));
/// assert_eq!(t.to_string(), "tag-filter=lora,base_model:adapter:black-forest-labs/FLUX.1-dev");
/// assert_eq!(MappingTarget::from_key("deepseek-ai/DeepSeek-R1").to_string(), "deepseek-ai/DeepSeek-R1");
/// // A set of tags: the order they are written in does not matter.
/// assert_eq!(t, MappingTarget::from_key("tag-filter=base_model:adapter:black-forest-labs/FLUX.1-dev,lora"));
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum MappingTarget {
    /// A Hub model id.
    Model(String),
    /// The tags a model must all carry.
    TagFilter(Vec<String>),
}

impl MappingTarget {
    /// The target a key of the Hub's list names: `tag-filter=` and the tags joined with commas,
    /// or a model id.
    pub fn from_key(key: &str) -> MappingTarget {
        match key.strip_prefix("tag-filter=") {
            Some(tags) => MappingTarget::TagFilter(
                tags.split(',')
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned)
                    .collect(),
            ),
            None => MappingTarget::Model(key.to_owned()),
        }
    }
}

impl MappingTarget {
    /// The target as a key two targets are equal by: a tag filter's tags sorted, each once.
    pub(crate) fn key(&self) -> String {
        match self {
            MappingTarget::Model(id) => id.clone(),
            MappingTarget::TagFilter(tags) => {
                let mut tags: Vec<&str> = tags.iter().map(String::as_str).collect();
                crate::proto::sort::sort(&mut tags);
                tags.dedup();
                // A comma cannot be in a tag (the Hub's key joins them with commas).
                format!("tag-filter={}", tags.join(","))
            }
        }
    }
}

impl PartialEq for MappingTarget {
    fn eq(&self, other: &MappingTarget) -> bool {
        match (self, other) {
            (MappingTarget::Model(a), MappingTarget::Model(b)) => a == b,
            (MappingTarget::TagFilter(_), MappingTarget::TagFilter(_)) => self.key() == other.key(),
            _ => false,
        }
    }
}

impl Eq for MappingTarget {}

impl std::hash::Hash for MappingTarget {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.key().hash(state);
    }
}

impl fmt::Display for MappingTarget {
    /// As the Hub writes it in its list: the model id, or `tag-filter=TAG,TAG`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MappingTarget::Model(id) => f.write_str(id),
            MappingTarget::TagFilter(tags) => write!(f, "tag-filter={}", tags.join(",")),
        }
    }
}

/// One mapping of a provider's list, as the Hub has it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PartnerMapping {
    /// The task it serves: a pipeline tag, or `conversational` for chat.
    pub task: Name,
    /// The Hub model (or tag filter) it maps.
    pub target: MappingTarget,
    /// The model's id at the provider.
    pub provider_id: String,
    /// `live`, `staging`, or a newer value.
    pub status: ProviderStatus,
    /// The mapping's id, for a status change or a deletion (`_id`); `None` if the Hub left it
    /// out.
    pub id: Option<String>,
    /// The adapter kind (`lora`) of a tag filter.
    pub adapter_type: Option<String>,
}

impl PartnerMapping {
    /// A mapping with no id and no adapter.
    pub fn new(
        task: impl Into<Name>,
        target: MappingTarget,
        provider_id: impl Into<String>,
        status: ProviderStatus,
    ) -> PartnerMapping {
        PartnerMapping {
            task: task.into(),
            target,
            provider_id: provider_id.into(),
            status,
            id: None,
            adapter_type: None,
        }
    }
}

/// A mapping to register: `POST /api/partners/{provider}/models`.
///
/// ```
/// use hf_providers::{MappingTarget, NewMapping, ProviderStatus};
///
/// let new = NewMapping::new("conversational", MappingTarget::Model("deepseek-ai/DeepSeek-R1".into()), "deepseek-r1");
/// assert_eq!(
///     String::from_utf8(new.body()).unwrap(),
///     r#"{"task":"conversational","hfModel":"deepseek-ai/DeepSeek-R1","providerModel":"deepseek-r1"}"#
/// );
/// let lora = NewMapping::new("text-to-image", MappingTarget::TagFilter(vec!["lora".into()]), "flux-lora")
///     .adapter_type("lora")
///     .status(ProviderStatus::Live);
/// assert_eq!(
///     String::from_utf8(lora.body()).unwrap(),
///     r#"{"type":"tag-filter","task":"text-to-image","tags":["lora"],"providerModel":"flux-lora","adapterType":"lora","status":"live"}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct NewMapping {
    /// The task: the model's pipeline tag, or `conversational`.
    pub task: String,
    /// The Hub model (or tag filter) it maps.
    pub target: MappingTarget,
    /// The model's id at the provider.
    pub provider_id: String,
    /// `staging` when not set (the Hub's default).
    pub status: Option<ProviderStatus>,
    /// `lora`, for a tag filter of adapters.
    pub adapter_type: Option<String>,
}

impl NewMapping {
    /// `target` for `task`, served by the provider as `provider_id`.
    pub fn new(
        task: impl Into<String>,
        target: MappingTarget,
        provider_id: impl Into<String>,
    ) -> NewMapping {
        NewMapping {
            task: task.into(),
            target,
            provider_id: provider_id.into(),
            status: None,
            adapter_type: None,
        }
    }

    /// Registered with this status (else `staging`).
    #[must_use]
    pub fn status(mut self, status: ProviderStatus) -> Self {
        self.status = Some(status);
        self
    }

    /// The adapter kind (`lora`).
    #[must_use]
    pub fn adapter_type(mut self, kind: impl Into<String>) -> Self {
        self.adapter_type = Some(kind.into());
        self
    }

    /// The JSON body of the request.
    pub fn body(&self) -> Vec<u8> {
        let mut json = Json::default();
        if let MappingTarget::TagFilter(_) = &self.target {
            json.field("type", "tag-filter");
        }
        json.field("task", &self.task);
        match &self.target {
            MappingTarget::Model(id) => json.field("hfModel", id),
            MappingTarget::TagFilter(tags) => json.list("tags", tags),
        }
        json.field("providerModel", &self.provider_id);
        if let Some(kind) = &self.adapter_type {
            json.field("adapterType", kind);
        }
        if let Some(status) = &self.status {
            json.field("status", status.as_str());
        }
        json.finish()
    }

    /// Checks what the Hub would refuse anyway, before anything is sent: an empty task or
    /// provider id, a model id the Hub would not accept, an empty tag filter.
    ///
    /// # Errors
    ///
    /// [`InvalidInput`] naming what is wrong.
    pub fn validate(&self) -> Result<(), InvalidInput> {
        let bad = |value: &str, reason| Err(InvalidInput::new(InputKind::Parameter, value, reason));
        if self.task.trim().is_empty() || self.task.chars().any(char::is_whitespace) {
            return bad(
                &self.task,
                "is not a task (a pipeline tag, or conversational)",
            );
        }
        if self.provider_id.trim().is_empty() {
            return bad("providerModel", "is empty");
        }
        match &self.target {
            MappingTarget::Model(id) => RepoId::parse(id).map(drop),
            // The Hub's list joins a filter's tags with commas: one in a tag would read back
            // as two tags.
            MappingTarget::TagFilter(tags)
                if tags.is_empty() || tags.iter().any(|t| t.is_empty() || t.contains(',')) =>
            {
                bad(
                    "tag-filter",
                    "needs tags, none of them empty or with a comma",
                )
            }
            MappingTarget::TagFilter(_) => Ok(()),
        }
    }
}

impl From<&PartnerMapping> for NewMapping {
    /// The registration that makes `mapping` (its status included).
    fn from(m: &PartnerMapping) -> NewMapping {
        NewMapping {
            task: m.task.to_string(),
            target: m.target.clone(),
            provider_id: m.provider_id.clone(),
            status: Some(m.status.clone()),
            adapter_type: m.adapter_type.clone(),
        }
    }
}

/// A JSON object written by hand: a few string fields, whatever the JSON engine.
#[derive(Default)]
pub(crate) struct Json(String);

impl Json {
    fn key(&mut self, key: &str) {
        self.0.push(if self.0.is_empty() { '{' } else { ',' });
        string(&mut self.0, key);
        self.0.push(':');
    }

    pub(crate) fn field(&mut self, key: &str, value: &str) {
        self.key(key);
        string(&mut self.0, value);
    }

    fn list(&mut self, key: &str, values: &[String]) {
        self.key(key);
        self.0.push('[');
        for (i, v) in values.iter().enumerate() {
            if i > 0 {
                self.0.push(',');
            }
            string(&mut self.0, v);
        }
        self.0.push(']');
    }

    pub(crate) fn finish(mut self) -> Vec<u8> {
        if self.0.is_empty() {
            self.0.push('{');
        }
        self.0.push('}');
        self.0.into_bytes()
    }
}

/// `text` as a JSON string: quotes, backslashes and controls escaped.
fn string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(id: &str) -> MappingTarget {
        MappingTarget::Model(id.into())
    }

    #[test]
    fn json_strings_are_escaped() {
        let m = NewMapping::new("t", model("a/b"), "x\"\\\n\u{7f}é");
        assert_eq!(
            String::from_utf8(m.body()).unwrap(),
            r#"{"task":"t","hfModel":"a/b","providerModel":"x\"\\\u000a\u007fé"}"#
        );
    }
}
