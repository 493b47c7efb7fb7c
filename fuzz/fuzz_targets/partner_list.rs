//! A provider's list of mappings (`GET /api/partners/{provider}/models`), a mapping item and a
//! registration's answer through both engines: never a panic, and what parses, written back
//! (the list in the Hub's shape, a run of one task's mappings under one key), parses the same.
#![no_main]

use hf_providers::parse::{miniserde_engine, serde_engine};
use hf_providers::{MappingTarget, PartnerMapping};
use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Value, json};

/// The list in the Hub's shape; a task that comes back after another gets a key of its own
/// again (the parsers read repeated keys in order).
fn write(list: &[PartnerMapping]) -> String {
    let mut out = String::from("{");
    for (i, run) in list.chunk_by(|a, b| a.task == b.task).enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&Value::from(run[0].task.as_str()).to_string());
        out.push_str(":{");
        for (j, m) in run.iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            let mut entry = Map::new();
            entry.insert("providerId".into(), json!(m.provider_id));
            entry.insert("status".into(), json!(m.status.as_str()));
            if let Some(id) = &m.id {
                entry.insert("_id".into(), json!(id));
            }
            if let Some(kind) = &m.adapter_type {
                entry.insert("adapterType".into(), json!(kind));
            }
            if let MappingTarget::TagFilter(tags) = &m.target {
                entry.insert("tags".into(), json!(tags));
            }
            out.push_str(&Value::from(m.target.to_string()).to_string());
            out.push(':');
            out.push_str(&Value::Object(entry).to_string());
        }
        out.push('}');
    }
    out.push('}');
    out
}

fuzz_target!(|body: &[u8]| {
    for parse in [serde_engine::partner_list, miniserde_engine::partner_list] {
        if let Ok(list) = parse(body) {
            let written = write(&list);
            let again = parse(written.as_bytes()).expect("what was written parses");
            assert_eq!(again, list, "{written}");
        }
    }
    for parse in [serde_engine::mapping_item, miniserde_engine::mapping_item] {
        if let Ok(item) = parse(body) {
            let again = parse(&item.body()).expect("a written item parses");
            assert_eq!(again, item);
        }
    }
    for parse in [serde_engine::mapping_id, miniserde_engine::mapping_id] {
        if let Ok(id) = parse(body) {
            let again = parse(Value::from(id.as_str()).to_string().as_bytes());
            assert_eq!(again.as_deref(), Ok(id.as_str()));
        }
    }
});
