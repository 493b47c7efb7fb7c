//! The `Link` header (RFC 8288), read only as far as finding `rel="next"`.

/// The target of the first link whose `rel` includes `next`, as written in the header (it may be
/// relative; the client resolves it and checks its origin). `None` when there is none.
///
/// Link values that cannot be read are skipped, never guessed at.
///
/// ```
/// use hf_providers::parse::next_link;
///
/// let header = r#"<https://huggingface.co/api/models?cursor=abc>; rel="next", </first>; rel=first"#;
/// assert_eq!(next_link(header), Some("https://huggingface.co/api/models?cursor=abc"));
/// assert_eq!(next_link(r#"<https://h/p>; rel="prev""#), None);
/// assert_eq!(next_link("garbage"), None);
/// ```
pub fn next_link(header: &str) -> Option<&str> {
    let mut rest = header;
    loop {
        rest = rest.trim_start_matches([' ', '\t', ',']);
        if rest.is_empty() {
            return None;
        }
        let Some(after_lt) = rest.strip_prefix('<') else {
            rest = skip_link_value(rest);
            continue;
        };
        let end = after_lt.find('>')?;
        let target = &after_lt[..end];
        let (is_next, after) = read_params(&after_lt[end + 1..]);
        if is_next {
            return Some(target);
        }
        rest = after;
    }
}

/// Reads `; name=value` parameters up to the end of this link value. Returns whether one was a
/// `rel` naming `next`, and the text after the link value.
fn read_params(mut rest: &str) -> (bool, &str) {
    let mut is_next = false;
    loop {
        rest = rest.trim_start_matches([' ', '\t']);
        let Some(param) = rest.strip_prefix(';') else {
            // End of this link value: a comma, the end, or junk we skip.
            return (is_next, skip_link_value(rest));
        };
        let param = param.trim_start_matches([' ', '\t']);
        let name_end = param.find(['=', ';', ',']).unwrap_or(param.len());
        let name = param[..name_end].trim_end_matches([' ', '\t']);
        rest = &param[name_end..];
        let Some(after_eq) = rest.strip_prefix('=') else {
            continue;
        };
        let (value, after) = read_value(after_eq.trim_start_matches([' ', '\t']));
        if name.eq_ignore_ascii_case("rel")
            && value
                .split_ascii_whitespace()
                .any(|r| r.eq_ignore_ascii_case("next"))
        {
            is_next = true;
        }
        rest = after;
    }
}

/// A token or a quoted string (escapes kept as written: `rel` values never need them).
fn read_value(s: &str) -> (&str, &str) {
    if let Some(quoted) = s.strip_prefix('"') {
        let bytes = quoted.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\\' => i += 2,
                b'"' => return (&quoted[..i], &quoted[i + 1..]),
                _ => i += 1,
            }
        }
        // Unterminated: the value runs to the end.
        return (quoted, "");
    }
    let end = s.find([';', ',']).unwrap_or(s.len());
    (s[..end].trim_end_matches([' ', '\t']), &s[end..])
}

/// Skips to just after the next comma outside a quoted string or `<...>`.
fn skip_link_value(s: &str) -> &str {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b',' => return &s[i + 1..],
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'<' => {
                while i < bytes.len() && bytes[i] != b'>' {
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    ""
}

#[cfg(test)]
mod tests {
    use super::next_link;

    #[test]
    fn finds_next_among_others() {
        let cases = [
            (r#"<https://a/x>; rel="next""#, Some("https://a/x")),
            ("<https://a/x>; rel=next", Some("https://a/x")),
            ("<https://a/x>;rel=NEXT", Some("https://a/x")),
            (r#"<https://a/x>; rel="last next""#, Some("https://a/x")),
            (r#"</p>; rel="prev", </n>; rel="next""#, Some("/n")),
            (
                r#"</p>; title="a, b; rel=next"; rel=prev, </n>; rel=next"#,
                Some("/n"),
            ),
            (r#"</a,b>; rel="next""#, Some("/a,b")),
            (r#"</a>; anchor="x"; rel="nextpage""#, None),
            (r#"</a>; rel"#, None),
            (r#"</a>; rel="next"#, Some("/a")),
            ("<https://a/x", None),
            ("", None),
            (", , ,", None),
            (r#"junk, </n>; rel="next""#, Some("/n")),
            (r#"junk "with, comma", </n>; rel="next""#, Some("/n")),
            (r#"</a>; rel="\"; rel=next"#, None),
        ];
        for (header, want) in cases {
            assert_eq!(next_link(header), want, "{header:?}");
        }
    }

    #[test]
    fn the_hubs_header() {
        let raw = include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/list-page-with-next-link.http"
        ));
        let header = raw.lines().find_map(|l| l.strip_prefix("Link: ")).unwrap();
        assert_eq!(
            next_link(header),
            Some(
                "https://huggingface.co/api/models?inference_provider=all&pipeline_tag=text-to-video\
                 &cursor=eyIkb3IiOlt7ImRvd25sb2FkcyI6eyIkbHQiOjEyM319XX0%3D"
            )
        );
    }

    #[test]
    fn hostile_headers_end_quickly() {
        for header in [
            "<".repeat(100_000),
            ";".repeat(100_000),
            "\"".repeat(100_000),
            "<a>".to_owned() + &"; x=\"\\".repeat(20_000),
            "\\".repeat(100_000),
        ] {
            let _ = next_link(&header);
        }
    }
}
