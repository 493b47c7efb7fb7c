//! The Hub's model mapping API for providers (`/api/partners/{provider}/models`), as
//! `../shared/spec/partner-api.md` describes it: the public list grouped by task, and the
//! three writes, for members of the provider's organisation only, validated like the Hub.

use std::fmt::Write as _;

use serde_json::Value;

use super::{Answer, HubModel, hub_error, json, quote};

/// The providers whose organisation the valid token is a member of, with write access.
pub const MEMBER_OF: &[&str] = &["fal-ai", "together", "acme-ai", "big-provider"];

/// A provider with no mappings yet, whose organisation the token is a member of.
pub const NEW_PROVIDER: &str = "acme-ai";

/// A provider with many generated mappings ([`super::Options::big_provider`]).
pub const BIG_PROVIDER: &str = "big-provider";

#[derive(Debug, Clone)]
pub struct PartnerEntry {
    pub provider: String,
    pub task: String,
    /// The model id, or `tag-filter=` and the tags joined with commas.
    pub key: String,
    pub id: String,
    pub provider_id: String,
    pub status: String,
    pub adapter_type: Option<String>,
    pub tags: Vec<String>,
}

pub struct Partners {
    pub entries: Vec<PartnerEntry>,
    next_id: u64,
}

impl Partners {
    /// Every mapping of the catalog, and `big` generated ones for [`BIG_PROVIDER`].
    pub fn seed(catalog: &[HubModel], big: usize) -> Partners {
        let mut partners = Partners {
            entries: Vec::new(),
            next_id: 0x66e2_c0f1_a7b3_0000,
        };
        for m in catalog {
            for e in &m.mapping {
                let id = partners.new_id();
                partners.entries.push(PartnerEntry {
                    provider: e.provider.clone(),
                    task: e.task.clone(),
                    key: m.id.clone(),
                    id,
                    provider_id: e.provider_id.clone(),
                    status: e.status.into(),
                    adapter_type: e.adapter.map(str::to_owned),
                    tags: Vec::new(),
                });
            }
        }
        const TASKS: [&str; 3] = ["text-to-image", "conversational", "text-to-video"];
        for i in 0..big {
            let id = partners.new_id();
            let (key, tags, adapter_type) = if i % 10 == 9 {
                let tags = vec![format!("base_model:adapter:org/base-{i}"), "lora".into()];
                (
                    format!("tag-filter={}", tags.join(",")),
                    tags,
                    Some("lora".into()),
                )
            } else {
                (format!("org{}/model-{i:06}", i % 300), Vec::new(), None)
            };
            partners.entries.push(PartnerEntry {
                provider: BIG_PROVIDER.into(),
                task: TASKS[i % 3].into(),
                key,
                id,
                provider_id: format!("big/endpoint-{i}"),
                status: if i % 7 == 0 { "staging" } else { "live" }.into(),
                adapter_type,
                tags,
            });
        }
        partners
    }

    fn new_id(&mut self) -> String {
        self.next_id += 1;
        format!("{:024x}", self.next_id)
    }

    fn known(&self, provider: &str) -> bool {
        MEMBER_OF.contains(&provider) || self.entries.iter().any(|e| e.provider == provider)
    }

    /// Answers `method` on `/api/partners/{rest}`.
    pub(super) fn route(
        &mut self,
        method: &str,
        rest: &str,
        status: Option<&str>,
        body: &[u8],
        token: bool,
        catalog: &[HubModel],
    ) -> Answer {
        let parts: Vec<&str> = rest.split('/').collect();
        let (provider, tail) = match parts.as_slice() {
            [provider, "models", tail @ ..] => (*provider, tail),
            _ => return json(404, "{\"error\":\"Not Found\"}".into()),
        };
        if !self.known(provider) {
            return hub_error(404, None, &format!("Provider {provider} not found"));
        }
        if method != "GET" {
            if !token {
                return hub_error(401, None, "You must be authenticated to change mappings");
            }
            if !MEMBER_OF.contains(&provider) {
                return hub_error(
                    403,
                    None,
                    &format!(
                        "You must be a member of the {provider} organization with write access"
                    ),
                );
            }
        }
        match (method, tail) {
            ("GET", []) => self.list(provider, status),
            ("POST", []) => self.register(provider, body, catalog),
            ("PUT", [id, "status"]) => self.set_status(provider, id, body),
            ("DELETE", [id]) => {
                match self
                    .entries
                    .iter()
                    .position(|e| e.provider == provider && e.id == *id)
                {
                    Some(at) => {
                        self.entries.remove(at);
                        json(200, "{\"success\":true}".into())
                    }
                    None => hub_error(404, None, "Mapping not found"),
                }
            }
            _ => json(405, "{\"error\":\"Method not allowed\"}".into()),
        }
    }

    /// The list, grouped by task in order of first appearance.
    fn list(&self, provider: &str, status: Option<&str>) -> Answer {
        let entries: Vec<&PartnerEntry> = self
            .entries
            .iter()
            .filter(|e| e.provider == provider && status.is_none_or(|s| e.status == s))
            .collect();
        let mut tasks: Vec<&str> = Vec::new();
        for e in &entries {
            if !tasks.contains(&e.task.as_str()) {
                tasks.push(&e.task);
            }
        }
        let mut out = String::from("{");
        for (i, task) in tasks.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let _ = write!(out, "{}:{{", quote(task));
            for (j, e) in entries.iter().filter(|e| e.task == *task).enumerate() {
                if j > 0 {
                    out.push(',');
                }
                let _ = write!(
                    out,
                    "{}:{{\"_id\":{},\"providerId\":{},\"status\":{}",
                    quote(&e.key),
                    quote(&e.id),
                    quote(&e.provider_id),
                    quote(&e.status)
                );
                if let Some(kind) = &e.adapter_type {
                    let _ = write!(out, ",\"adapterType\":{}", quote(kind));
                }
                if !e.tags.is_empty() {
                    let tags: Vec<String> = e.tags.iter().map(|t| quote(t)).collect();
                    let _ = write!(out, ",\"tags\":[{}]", tags.join(","));
                }
                out.push('}');
            }
            out.push('}');
        }
        out.push('}');
        json(200, out)
    }

    fn register(&mut self, provider: &str, body: &[u8], catalog: &[HubModel]) -> Answer {
        let bad = |message: &str| hub_error(400, None, message);
        let Ok(Value::Object(item)) = serde_json::from_slice::<Value>(body) else {
            return bad("The body must be a JSON object");
        };
        let text = |key: &str| item.get(key).and_then(Value::as_str);
        let (Some(task), Some(provider_id)) = (text("task"), text("providerModel")) else {
            return bad("`task` and `providerModel` are required");
        };
        let status = text("status").unwrap_or("staging");
        if !matches!(status, "live" | "staging") {
            return bad("`status` must be live or staging");
        }
        let (key, tags) = if text("type") == Some("tag-filter") {
            let tags: Option<Vec<String>> = item.get("tags").and_then(Value::as_array).map(|t| {
                t.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            });
            match tags {
                Some(tags) if !tags.is_empty() => (format!("tag-filter={}", tags.join(",")), tags),
                _ => return bad("A tag filter needs `tags`"),
            }
        } else {
            let Some(id) = text("hfModel") else {
                return bad("`hfModel` is required");
            };
            let Some(model) = catalog.iter().find(|m| m.id == id) else {
                return bad(&format!("Model {id} does not exist"));
            };
            let tag = model.pipeline_tag.unwrap_or("");
            let chat =
                task == "conversational" && matches!(tag, "text-generation" | "image-text-to-text");
            if tag != task && !chat {
                return hub_error(
                    422,
                    None,
                    &format!("Task {task} does not match the model's pipeline tag {tag}"),
                );
            }
            (id.to_owned(), Vec::new())
        };
        if self
            .entries
            .iter()
            .any(|e| e.provider == provider && e.task == task && e.key == key)
        {
            return hub_error(409, None, "This mapping already exists");
        }
        let id = self.new_id();
        self.entries.push(PartnerEntry {
            provider: provider.into(),
            task: task.into(),
            key,
            id: id.clone(),
            provider_id: provider_id.into(),
            status: status.into(),
            adapter_type: text("adapterType").map(str::to_owned),
            tags,
        });
        json(200, format!("{{\"_id\":{}}}", quote(&id)))
    }

    fn set_status(&mut self, provider: &str, id: &str, body: &[u8]) -> Answer {
        let status = serde_json::from_slice::<Value>(body)
            .ok()
            .and_then(|v| v.get("status").and_then(Value::as_str).map(str::to_owned));
        let Some(status @ ("live" | "staging")) = status.as_deref() else {
            return hub_error(400, None, "`status` must be live or staging");
        };
        match self
            .entries
            .iter_mut()
            .find(|e| e.provider == provider && e.id == id)
        {
            Some(e) => {
                e.status = status.into();
                json(200, "{\"success\":true}".into())
            }
            None => hub_error(404, None, "Mapping not found"),
        }
    }
}
