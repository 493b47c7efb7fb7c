//! Floats in messages, written without `core::fmt`'s float formatting (12 KB of a static
//! binary for a few messages): through the JSON engine the build already has.

/// `x` in its shortest form: `2`, `0.34`, `1e-7` (`null` for a NaN or an infinity, which the
/// router cannot send).
pub(crate) fn shortest(x: f64) -> String {
    cfg_if::cfg_if! {
        if #[cfg(feature = "serde")] {
            let mut text = serde_json::to_string(&x).unwrap_or_default();
        } else {
            let mut text = miniserde::json::to_string(&x);
        }
    }
    if text.ends_with(".0") {
        text.truncate(text.len() - 2);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::shortest;

    #[test]
    fn shortest_forms() {
        assert_eq!(shortest(2.0), "2");
        assert_eq!(shortest(0.34), "0.34");
        assert_eq!(shortest(-1.5), "-1.5");
        assert_eq!(shortest(1e300).parse::<f64>(), Ok(1e300));
    }
}
