//! Text from a server (or a user) made safe to print on a terminal.

use std::borrow::Cow;
use std::fmt::{self, Write as _};

/// Whether `c` could move the cursor, retitle or clear a terminal, reorder what is shown, hide
/// itself, or break a line: C0 and C1 controls (tab and line feed included), DEL, the Unicode
/// line and paragraph separators, and every character that shows as nothing (Unicode's
/// default-ignorable code points: the bidi controls and marks, zero-width characters, the soft
/// hyphen, variation selectors, tag characters, the Hangul fillers...) or as a blank that is not
/// the space (the no-break and ideographic spaces and the other Unicode blanks, the braille
/// blank, the interlinear annotation marks), so two ids that differ never look the same. (Text
/// that spells an escape itself, `\u{1b}`, is kept as it is, so that escaping twice changes
/// nothing: it looks like the character it names.)
pub(crate) fn unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{115F}'..='\u{1160}'
                | '\u{17B4}'..='\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{2800}'
                // Blanks other than the space: U+3000 after an id looks like nothing at all.
                | '\u{00A0}'
                | '\u{1680}'
                | '\u{2000}'..='\u{200A}'
                | '\u{202F}'
                | '\u{205F}'
                | '\u{3000}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF0}'..='\u{FFFB}'
                | '\u{1BCA0}'..='\u{1BCA3}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
}

/// `text` with every character that could drive a terminal shown as a visible escape
/// (`\u{1b}`); borrowed when there is none. A field so escaped holds no tab and no line break,
/// so one record stays one line.
///
/// ```
/// use hf_providers::proto::escape;
/// assert_eq!(escape("gpt2"), "gpt2");
/// assert_eq!(escape("a\u{1b}]0;owned\u{7}b"), r"a\u{1b}]0;owned\u{7}b");
/// assert_eq!(escape("x\ny\tz\u{202e}"), r"x\u{a}y\u{9}z\u{202e}");
/// ```
pub fn escape(text: &str) -> Cow<'_, str> {
    // Most text is printable ASCII: one pass over the bytes decides.
    if printable_ascii(text.as_bytes()) || !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// JSON text with every character [`escape`] would show written as a JSON `\u` escape instead
/// (a pair of them past U+FFFF): the same values once parsed, and nothing that can drive a
/// terminal. Only DEL and non-ASCII characters are touched: those can only be inside a string
/// in JSON, where a serializer already escaped the C0 controls, so the text stays valid JSON.
///
/// ```
/// use hf_providers::proto::escape_json;
///
/// let json = "{\"id\":\"a\u{9b}31m\u{202e}b\u{e0041}\"}";
/// assert_eq!(escape_json(json), r#"{"id":"a\u009b31m\u202eb\udb40\udc41"}"#);
/// assert_eq!(escape_json(r#"{"id":"gpt2","name":"modèle"}"#), r#"{"id":"gpt2","name":"modèle"}"#);
/// ```
pub fn escape_json(json: &str) -> Cow<'_, str> {
    let touched = |c: char| c == '\u{7f}' || (!c.is_ascii() && unsafe_char(c));
    if printable_ascii(json.as_bytes()) || !json.chars().any(touched) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if touched(c) {
            let mut units = [0; 2];
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Whether every byte is printable ASCII (`0x20..=0x7e`). Eight bytes at a time: this runs for
/// every id a listing prints, and a byte at a time cost 7% of a listing's instructions.
fn printable_ascii(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    // A high bit in each byte of `word` below `n` (for `n` up to 0x80, bytes below 0x80).
    let below = |word: u64, n: u8| word.wrapping_sub(ONES * u64::from(n)) & !word & HIGHS;
    // Non-ASCII; a control; DEL (the only byte that is 0 after `^ 0x7f`).
    let bad = |word: u64| (word & HIGHS) | below(word, 0x20) | below(word ^ (ONES * 0x7f), 1);
    let word = |chunk: &[u8]| u64::from_ne_bytes(chunk.try_into().unwrap_or([0; 8]));
    if bytes.len() < 8 {
        let mut padded = [b' '; 8];
        padded[..bytes.len()].copy_from_slice(bytes);
        return bad(u64::from_ne_bytes(padded)) == 0;
    }
    let mut chunks = bytes.chunks_exact(8);
    let mut found = 0;
    for chunk in &mut chunks {
        found |= bad(word(chunk));
    }
    // The last eight bytes, overlapping the chunks, cover what is left.
    found |= bad(word(&bytes[bytes.len() - 8..]));
    found == 0
}

/// Displays a text through [`escape`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Escaped<'a>(pub &'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&escape(self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_ascii_is_told_apart_from_every_other_byte_at_every_position() {
        for len in 0..20 {
            for at in 0..len {
                for b in 0..=255u8 {
                    let mut text = vec![b'a'; len];
                    text[at] = b;
                    let want = (0x20..0x7f).contains(&b);
                    assert_eq!(printable_ascii(&text), want, "{b:#x} at {at} of {len}");
                }
            }
        }
    }

    #[test]
    fn every_kind_of_unsafe_character_is_shown() {
        for c in [
            '\u{0}',
            '\u{7}',
            '\u{8}',
            '\t',
            '\n',
            '\r',
            '\u{1b}',
            '\u{7f}',
            '\u{80}',
            '\u{85}',
            '\u{9b}',
            '\u{9f}',
            '\u{200b}',
            '\u{200d}',
            '\u{200e}',
            '\u{2028}',
            '\u{2029}',
            '\u{202a}',
            '\u{202e}',
            '\u{2066}',
            '\u{2069}',
            '\u{2060}',
            '\u{feff}',
            '\u{61c}',
            // Invisible: tag characters, Hangul fillers, the soft hyphen, the interlinear
            // annotation marks, the deprecated format characters, the braille blank, variation
            // selectors, the combining grapheme joiner, the Mongolian free variation selectors.
            '\u{e0041}',
            '\u{e0001}',
            '\u{e007f}',
            '\u{3164}',
            '\u{115f}',
            '\u{1160}',
            '\u{ffa0}',
            '\u{ad}',
            '\u{fff9}',
            '\u{fffa}',
            '\u{fffb}',
            '\u{206a}',
            '\u{206f}',
            '\u{2800}',
            '\u{fe00}',
            '\u{fe0f}',
            '\u{e0100}',
            '\u{e01ef}',
            '\u{34f}',
            '\u{180b}',
            '\u{180e}',
            '\u{17b4}',
            '\u{1bca0}',
            '\u{1d173}',
            '\u{a0}',
            '\u{1680}',
            '\u{2007}',
            '\u{202f}',
            '\u{205f}',
            '\u{3000}',
        ] {
            let shown = escape(&format!("a{c}b")).into_owned();
            assert_eq!(shown, format!("a\\u{{{:x}}}b", c as u32), "{c:?}");
            assert!(!shown.chars().any(unsafe_char));
        }
    }

    #[test]
    fn ordinary_text_is_untouched_and_borrowed() {
        for text in [
            "gpt2",
            "deepseek-ai/DeepSeek-V4-Pro",
            "modèle 中文 😀",
            "한국어 العربية עברית",
            "a\\u{1b}",
            "",
        ] {
            assert!(
                matches!(escape(text), Cow::Borrowed(t) if t == text),
                "{text}"
            );
        }
    }
}
