//! The same bytes through serde_json and miniserde: both `Ok` with equal values, or both a
//! decode error, for every entry point.
#![no_main]

use hf_providers::Error;
use hf_providers::parse::{miniserde_engine as mini, serde_engine as serde};
use libfuzzer_sys::fuzz_target;

fn agree<T: PartialEq + std::fmt::Debug>(
    what: &str,
    body: &[u8],
    a: Result<T, Error>,
    b: Result<T, Error>,
) {
    match (&a, &b) {
        // Debug too: `-0.0 == 0.0`, but a price of -0 is invalid where 0 is free.
        (Ok(x), Ok(y)) if x == y && format!("{x:?}") == format!("{y:?}") => {}
        (Err(Error::Decode { .. }), Err(Error::Decode { .. })) => {}
        _ => panic!(
            "engines disagree on {what}:\n  serde_json: {a:?}\n  miniserde:  {b:?}\n  body: {:?}",
            String::from_utf8_lossy(body)
        ),
    }
}

fuzz_target!(|body: &[u8]| {
    agree(
        "model_list",
        body,
        serde::model_list(body),
        mini::model_list(body),
    );
    agree("model", body, serde::model(body), mini::model(body));
    let ids = serde::model_ids(body);
    agree("model_ids", body, ids.clone(), mini::model_ids(body));
    // Reading only the ids accepts every page the full parse accepts, with the same ids.
    if let Ok(models) = serde::model_list(body) {
        let want: Vec<String> = models.into_iter().map(|m| m.id).collect();
        assert_eq!(ids.ok(), Some(want), "model_ids and model_list differ");
    }
    agree("catalog", body, serde::catalog(body), mini::catalog(body));
    agree(
        "catalog_model",
        body,
        serde::catalog_model(body),
        mini::catalog_model(body),
    );
    agree(
        "partner_list",
        body,
        serde::partner_list(body),
        mini::partner_list(body),
    );
    agree(
        "mapping_item",
        body,
        serde::mapping_item(body),
        mini::mapping_item(body),
    );
    agree(
        "mapping_id",
        body,
        serde::mapping_id(body),
        mini::mapping_id(body),
    );
    let (a, b) = (serde::error_message(body), mini::error_message(body));
    assert_eq!(
        a,
        b,
        "engines disagree on error_message: {:?}",
        String::from_utf8_lossy(body)
    );
});
