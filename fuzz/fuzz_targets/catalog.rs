//! The router's catalog (`GET /v1/models`) and one catalog model (`GET /v1/models/{id}`)
//! through both engines: never a panic, and what parses, written back (in the router's shape),
//! parses to the same value, floats to within two units in the last place (both engines read
//! floats with serde_json's fast algorithm, which is not always correctly rounded).
#![no_main]

use hf_providers::parse::{miniserde_engine, serde_engine};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

/// Equal JSON values, floats to within two units in the last place.
fn close(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            x == y || (x.to_bits().abs_diff(y.to_bits()) <= 2 && x.signum() == y.signum())
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| close(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| close(v, w)))
        }
        _ => a == b,
    }
}

fn assert_close<T: serde::Serialize + std::fmt::Debug>(again: &T, first: &T, written: &str) {
    let (a, b) = (
        serde_json::to_value(again).unwrap(),
        serde_json::to_value(first).unwrap(),
    );
    assert!(
        close(&a, &b),
        "{written}\n  again: {again:?}\n  first: {first:?}"
    );
}

fuzz_target!(|body: &[u8]| {
    for parse in [serde_engine::catalog_model, miniserde_engine::catalog_model] {
        if let Ok(model) = parse(body) {
            let json = serde_json::to_string(&model).expect("a catalog model serialises");
            let again = parse(json.as_bytes()).expect("what was written parses");
            assert_close(&again, &model, &json);
        }
    }
    for parse in [serde_engine::catalog, miniserde_engine::catalog] {
        if let Ok(models) = parse(body) {
            let json = serde_json::to_string(&models).expect("a catalog serialises");
            let wrapped = format!(r#"{{"object":"list","data":{json}}}"#);
            let again = parse(wrapped.as_bytes()).expect("what was written parses");
            assert_close(&again, &models, &wrapped);
        }
    }
});
