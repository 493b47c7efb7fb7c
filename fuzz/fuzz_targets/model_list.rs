//! A listing body (`GET /api/models`) through both engines: never a panic, and what parses
//! back out, written again in the Hub's shape, parses to the same values.
#![no_main]

use hf_providers::parse::{miniserde_engine, serde_engine};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &[u8]| {
    for parse in [serde_engine::model_list, miniserde_engine::model_list] {
        if let Ok(models) = parse(body) {
            let json = serde_json::to_vec(&models).expect("models serialise");
            assert_eq!(
                parse(&json).as_ref(),
                Ok(&models),
                "{}",
                String::from_utf8_lossy(&json)
            );
        }
    }
});
