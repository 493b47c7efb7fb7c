//! Secrets taken out of text that came from a server or a URL, before anyone prints it.

use std::borrow::Cow;

/// What replaces a secret.
pub const REDACTED: &str = "<redacted>";

/// `text` with every occurrence of `secret` and the credentials of every URL in it
/// (`https://user:pass@host/`) replaced by `<redacted>`; borrowed when there was none.
///
/// A server can echo what it was sent (the token in an error message, an HTML page, a URL it
/// redirects to); a message built from its answer must not pass that on.
///
/// ```
/// use hf_providers::proto::redact::redact;
/// assert_eq!(redact("bad token hf_abc123", Some("hf_abc123")), "bad token <redacted>");
/// assert_eq!(redact("see http://me:pw@evil.example/x", None), "see http://<redacted>@evil.example/x");
/// assert_eq!(redact("nothing here", Some("hf_abc123")), "nothing here");
/// ```
pub fn redact<'a>(text: &'a str, secret: Option<&str>) -> Cow<'a, str> {
    let mut text = Cow::Borrowed(text);
    if let Some(secret) = secret.filter(|s| !s.is_empty()) {
        if text.contains(secret) {
            text = Cow::Owned(text.replace(secret, REDACTED));
        }
    }
    match url_credentials(&text) {
        None => text,
        Some(_) => Cow::Owned(without_credentials(&text)),
    }
}

/// Where the credentials of the first URL holding some are: the range of `user:pass`.
fn url_credentials(text: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(at) = text[from..].find("://") {
        let start = from + at + 3;
        let authority_end = text[start..]
            .find(|c: char| "/?#\"'<> \t\r\n".contains(c) || c.is_control())
            .map_or(text.len(), |i| start + i);
        if let Some(at_sign) = text[start..authority_end].rfind('@') {
            let end = start + at_sign;
            if &text[start..end] != REDACTED {
                return Some((start, end));
            }
        }
        from = start;
    }
    None
}

fn without_credentials(text: &str) -> String {
    let mut out = text.to_owned();
    while let Some((start, end)) = url_credentials(&out) {
        out.replace_range(start..end, REDACTED);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_out_the_secret_everywhere() {
        let secret = "hf_SeCrEt";
        assert_eq!(
            redact("a hf_SeCrEt b /x?t=hf_SeCrEt&u=1", Some(secret)),
            "a <redacted> b /x?t=<redacted>&u=1"
        );
        assert!(matches!(
            redact("clean", Some(secret)),
            Cow::Borrowed("clean")
        ));
        assert_eq!(redact("x", Some("")), "x");
    }

    #[test]
    fn takes_out_url_credentials() {
        for (text, want) in [
            ("http://a@b/", "http://<redacted>@b/"),
            (
                "https://u:p@h.example:8443/p?q",
                "https://<redacted>@h.example:8443/p?q",
            ),
            (
                "two: http://a:b@x http://c@y/z",
                "two: http://<redacted>@x http://<redacted>@y/z",
            ),
            ("\"ftp://me@host\"", "\"ftp://<redacted>@host\""),
            ("http://a@b@c/", "http://<redacted>@c/"),
            ("no url @ all", "no url @ all"),
            ("http://h/p@q", "http://h/p@q"),
            ("mailto:a@b", "mailto:a@b"),
        ] {
            assert_eq!(redact(text, None), want, "{text}");
        }
    }
}
