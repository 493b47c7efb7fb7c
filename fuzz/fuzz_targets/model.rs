//! A model info body (`GET /api/models/{id}`) through both engines: never a panic, and what
//! parses back out, written again in the Hub's shape, parses to the same value.
#![no_main]

use hf_providers::parse::{miniserde_engine, serde_engine};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &[u8]| {
    for parse in [serde_engine::model, miniserde_engine::model] {
        if let Ok(model) = parse(body) {
            let json = serde_json::to_vec(&model).expect("a model serialises");
            assert_eq!(
                parse(&json).as_ref(),
                Ok(&model),
                "{}",
                String::from_utf8_lossy(&json)
            );
        }
    }
});
