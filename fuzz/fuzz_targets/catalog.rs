//! The router's catalog (`GET /v1/models`) and one catalog model (`GET /v1/models/{id}`)
//! through both engines: never a panic, and what parses, written back (in the router's shape),
//! parses to the same value.
#![no_main]

use hf_providers::parse::{miniserde_engine, serde_engine};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &[u8]| {
    for parse in [serde_engine::catalog_model, miniserde_engine::catalog_model] {
        if let Ok(model) = parse(body) {
            let json = serde_json::to_vec(&model).expect("a catalog model serialises");
            assert_eq!(
                parse(&json).as_ref(),
                Ok(&model),
                "{}",
                String::from_utf8_lossy(&json)
            );
        }
    }
    for parse in [serde_engine::catalog, miniserde_engine::catalog] {
        if let Ok(models) = parse(body) {
            let json = serde_json::to_string(&models).expect("a catalog serialises");
            let wrapped = format!(r#"{{"object":"list","data":{json}}}"#);
            assert_eq!(parse(wrapped.as_bytes()), Ok(models), "{wrapped}");
        }
    }
});
