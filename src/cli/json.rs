//! JSON output through the crate's own engine.

cfg_if::cfg_if! {
    if #[cfg(feature = "serde")] {
        pub use serde::Serialize;

        pub fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
            // Our types serialize to plain JSON: there is no map with non-string keys and no
            // fallible Serialize impl, so this cannot fail.
            serde_json::to_string(value).unwrap_or_default()
        }
    } else {
        pub use miniserde::Serialize;

        pub fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
            miniserde::json::to_string(value)
        }
    }
}

/// `status --json`.
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(not(feature = "serde"), derive(miniserde::Serialize))]
pub struct Status {
    pub id: String,
    pub inference: Option<String>,
}
