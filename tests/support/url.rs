//! Decoding the URLs the library builds, written apart from the library (which only encodes),
//! so a property test or fuzz target checks its encoding against an independent reading.
#![allow(dead_code)]

/// Decodes `%XX` escapes (and nothing else: `+` stays `+`). `None` on a bad escape or if the
/// result is not UTF-8.
pub fn percent_decode(value: &str) -> Option<String> {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The query of `url` as decoded `(key, value)` pairs, in order. `None` if an escape is bad.
pub fn query_pairs(url: &str) -> Option<Vec<(String, String)>> {
    let Some((_, query)) = url.split_once('?') else {
        return Some(Vec::new());
    };
    let query = query.split('#').next().unwrap_or_default();
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            Some((percent_decode(k)?, percent_decode(v)?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_and_rejects_bad_escapes() {
        assert_eq!(percent_decode("a%20b%2Fc%C3%A9").as_deref(), Some("a b/cé"));
        for bad in ["%", "%zz", "%ff", "%+1", "%1"] {
            assert_eq!(percent_decode(bad), None, "{bad}");
        }
        let pairs = query_pairs("https://h/api/models?a=1&expand[]=b%2Fc").unwrap();
        assert_eq!(
            pairs,
            [("a".into(), "1".into()), ("expand[]".into(), "b/c".into())]
        );
    }
}
