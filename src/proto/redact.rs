//! Secrets taken out of text that came from a server or a URL, before anyone prints it.

use std::borrow::Cow;

use crate::proto::text::escape;

/// What replaces a secret.
pub const REDACTED: &str = "<redacted>";

/// The longest text kept from a server, in characters, the ellipsis that marks a cut included.
pub(crate) const MAX_TEXT_CHARS: usize = 300;

/// A piece of the secret this long (or the whole secret, if shorter) is taken out wherever it
/// appears: a server that echoes part of a token must not get that part printed either.
const MIN_PIECE: usize = 8;

/// `text` with the secret and the credentials of every URL in it (`https://user:pass@host/`)
/// replaced by `<redacted>`; borrowed when there was none.
///
/// The secret is found whole or in part (any piece of 8 characters or more), written as it is
/// or percent-encoded (`hf%5Fabc`), so neither an echo nor a cut can leave a piece of it behind.
pub fn redact<'a>(text: &'a str, secret: Option<&str>) -> Cow<'a, str> {
    let mut text = Cow::Borrowed(text);
    if let Some(secret) = secret.filter(|s| !s.is_empty()) {
        if let Some(clean) = without_secret(&text, secret.as_bytes()) {
            text = Cow::Owned(clean);
        }
    }
    match without_credentials(&text) {
        None => text,
        Some(clean) => Cow::Owned(clean),
    }
}

/// Server text made fit to keep in an error: trimmed, the secret and URL credentials taken out
/// ([`redact`]), every character that could drive a terminal shown as an escape
/// ([`escape`]), then cut to [`MAX_TEXT_CHARS`] with `…`. In that order, so no cut can split a
/// secret into pieces too short to be recognised. Applying it again changes nothing.
pub(crate) fn scrub(text: &str, secret: Option<&str>) -> String {
    let text = text.trim();
    // Only the start is kept: redacting a window a secret's length longer than what is kept
    // finds every secret that overlaps the kept part, and bounds the work on a long text.
    // (Three characters a byte: the secret may be percent-encoded.)
    let window = MAX_TEXT_CHARS.saturating_add(secret.map_or(0, str::len).saturating_mul(3));
    let end = char_boundary_after(text, window);
    let clean = redact(&text[..end], secret);
    let shown = escape(&clean);
    if end == text.len() && shown.chars().count() <= MAX_TEXT_CHARS {
        return shown.into_owned();
    }
    let mut cut = char_boundary_after(&shown, MAX_TEXT_CHARS - 1);
    // Not in the middle of an escape.
    if let Some(open) = shown[..cut].rfind("\\u{") {
        if !shown[open..cut].contains('}') {
            cut = open;
        }
    }
    let mut out = shown[..cut].to_owned();
    out.push('…');
    out
}

/// The byte index after the first `chars` characters of `text` (its length if shorter).
fn char_boundary_after(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i)
}

/// `text` with every run that spells a piece of `secret` (raw or percent-encoded) replaced;
/// `None` when there is none.
fn without_secret(text: &str, secret: &[u8]) -> Option<String> {
    let min = MIN_PIECE.min(secret.len());
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    // Where the text not yet copied to `out` starts.
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let (chars, end) = longest_piece(bytes, i, secret);
        // (A token is visible ASCII, so its pieces start and end at character boundaries; a
        // secret of other text might not, and is then looked for whole characters only.)
        if chars >= min && text.is_char_boundary(i) && text.is_char_boundary(end) {
            let out = out.get_or_insert_with(|| String::with_capacity(text.len()));
            out.push_str(&text[copied..i]);
            out.push_str(REDACTED);
            copied = end;
            i = end;
        } else {
            i += 1;
        }
    }
    let mut out = out?;
    out.push_str(&text[copied..]);
    Some(out)
}

/// The longest piece of `secret` spelled at `bytes[at..]`: how many of the secret's characters,
/// and the byte index where the spelling ends.
fn longest_piece(bytes: &[u8], at: usize, secret: &[u8]) -> (usize, usize) {
    let Some((first, _)) = decoded(bytes, at) else {
        return (0, at);
    };
    let mut best = (0, at);
    for start in 0..secret.len() {
        if secret[start] != first {
            continue;
        }
        let (mut matched, mut pos) = (0, at);
        while let (Some(&want), Some((got, next))) =
            (secret.get(start + matched), decoded(bytes, pos))
        {
            if want != got {
                break;
            }
            matched += 1;
            pos = next;
        }
        if matched > best.0 {
            best = (matched, pos);
        }
    }
    best
}

/// The byte at `bytes[at..]` as a URL would carry it: itself, or the value of a `%XX` escape;
/// and where the next one starts.
fn decoded(bytes: &[u8], at: usize) -> Option<(u8, usize)> {
    let b = *bytes.get(at)?;
    let hex = |i: usize| bytes.get(i).and_then(|&h| (h as char).to_digit(16));
    match (b, hex(at + 1), hex(at + 2)) {
        (b'%', Some(hi), Some(lo)) => Some(((hi * 16 + lo) as u8, at + 3)),
        _ => Some((b, at + 1)),
    }
}

/// Where the credentials of the first URL at or after `from` holding some are: the range of
/// `user:pass`.
fn url_credentials(text: &str, mut from: usize) -> Option<(usize, usize)> {
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

/// `text` with the credentials of every URL replaced, in one pass (each search starts where
/// the last one ended: a text of many URLs costs no more than its length); `None` when it
/// holds none.
fn without_credentials(text: &str) -> Option<String> {
    let (mut out, mut copied) = (None::<String>, 0);
    while let Some((start, end)) = url_credentials(text, copied) {
        let out = out.get_or_insert_with(|| String::with_capacity(text.len()));
        out.push_str(&text[copied..start]);
        out.push_str(REDACTED);
        copied = end;
    }
    out.map(|mut out| {
        out.push_str(&text[copied..]);
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_out_the_secret_whole_in_part_or_encoded() {
        let token = Some("hf_abcdefghij");
        assert_eq!(
            redact("bad token hf_abcdefghij", token),
            "bad token <redacted>"
        );
        assert_eq!(redact("?t=hf%5Fabcdefghij&x=1", token), "?t=<redacted>&x=1");
        assert_eq!(redact("cut at hf_abcdefg", token), "cut at <redacted>");
        assert_eq!(
            redact("see http://me:pw@evil.example/x", None),
            "see http://<redacted>@evil.example/x"
        );
        assert_eq!(redact("nothing here", token), "nothing here");
    }

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
        // A short secret is taken out whole only.
        assert_eq!(
            redact("abc ab abcd", Some("abc")),
            "<redacted> ab <redacted>d"
        );
    }

    #[test]
    fn takes_out_pieces_and_encodings_of_the_secret() {
        let secret = "hf_0123456789abcdefghijklmnopqrstuvwx";
        for (text, want) in [
            ("hf_0123456", "<redacted>"),
            ("x 3456789abc y", "x <redacted> y"),
            ("3456789", "3456789"),
            ("%68%66%5f0123456789abcdefghijklmnopqrstuvwx", "<redacted>"),
            ("hf%5F0123456789abcdef%67hijkl", "<redacted>"),
            (
                "hf_0123456789abcdefghijklmnopqrstuvwxhf_0123456789",
                "<redacted><redacted>",
            ),
            ("é hf_01234567 é", "é <redacted> é"),
            ("%zz%", "%zz%"),
        ] {
            assert_eq!(redact(text, Some(secret)), want, "{text}");
        }
        // Any secret, even one that is not a token, is looked for whole characters at a time.
        assert_eq!(redact("xé1234567y", Some("é1234567")), "x<redacted>y");
        assert_eq!(redact("é1234567", Some("\u{a9}1234567")), "é1234567");
    }

    #[test]
    fn scrub_redacts_before_it_cuts() {
        let secret = "hf_0123456789abcdefghijklmnopqrstuvwx";
        for at in 0..MAX_TEXT_CHARS + 10 {
            let text = format!("{}{secret}{}", "h".repeat(at), "t".repeat(50));
            let kept = scrub(&text, Some(secret));
            assert!(kept.chars().count() <= MAX_TEXT_CHARS, "{at}");
            for piece in secret.as_bytes().windows(MIN_PIECE) {
                let piece = std::str::from_utf8(piece).unwrap();
                assert!(!kept.contains(piece), "{at}: {kept}");
            }
            assert_eq!(scrub(&kept, Some(secret)), kept, "idempotent at {at}");
        }
        assert_eq!(scrub("  short  ", None), "short");
        // Escaped before the cut, and never cut inside an escape.
        let controls = "\u{1b}".repeat(100);
        let kept = scrub(&controls, None);
        assert!(
            kept.starts_with(r"\u{1b}\u{1b}") && kept.ends_with("}…"),
            "{kept}"
        );
        assert!(kept.chars().count() <= MAX_TEXT_CHARS);
        assert_eq!(scrub(&kept, None), kept);
        let long = "é".repeat(1000);
        let kept = scrub(&long, None);
        assert_eq!(kept.chars().count(), MAX_TEXT_CHARS);
        assert!(kept.ends_with('…'));
    }

    #[test]
    fn many_urls_with_credentials_are_taken_out_in_one_pass() {
        // 600 KB of them: the old way, a rescan from the start after each, took minutes.
        let text = "://a@/".repeat(100_000);
        let clean = redact(&text, None);
        assert_eq!(clean.matches("://<redacted>@/").count(), 100_000);
        assert_eq!(redact(&clean, None), clean);
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
