//! A Hub access token that never prints itself.

use std::fmt;

use crate::proto::error::{InputKind, InvalidInput};

/// A Hub access token. Its `Debug` output is redacted and it has no `Display`, so it cannot end
/// up in a log line or an error message by accident.
///
/// ```
/// use hf_providers::Token;
///
/// let token = Token::new("hf_secret").unwrap();
/// assert_eq!(format!("{token:?}"), "Token(<redacted>)");
/// assert_eq!(token.expose(), "hf_secret");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    /// Wraps a token, trimming surrounding white space as the official clients do.
    ///
    /// # Errors
    ///
    /// [`InvalidInput`] for an empty token or one with characters that cannot go in an HTTP
    /// header (the error shows a placeholder, never the token).
    pub fn new(token: impl Into<String>) -> Result<Token, InvalidInput> {
        let mut token = token.into();
        let trimmed = token.trim();
        if trimmed.is_empty() {
            return Err(InvalidInput::new(InputKind::Token, "<empty>", "is empty"));
        }
        if !trimmed.bytes().all(|b| (0x21..0x7f).contains(&b)) {
            return Err(InvalidInput::new(
                InputKind::Token,
                "<redacted>",
                "has characters other than visible ASCII",
            ));
        }
        if trimmed.len() != token.len() {
            token = trimmed.to_owned();
        }
        Ok(Token(token))
    }

    /// The secret itself, for a transport to put in the `Authorization` header.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_redacts() {
        let t = Token::new("  hf_abc\n").unwrap();
        assert_eq!(t.expose(), "hf_abc");
        assert!(!format!("{t:?}").contains("hf_abc"));
        assert!(!format!("{:#?}", Some(&t)).contains("hf_abc"));
    }

    #[test]
    fn rejects_empty_and_header_breaking_tokens() {
        assert!(Token::new(" \n").is_err());
        let err = Token::new("hf_a\r\nX-Evil: 1").unwrap_err();
        assert!(!err.to_string().contains("hf_a"), "{err}");
        assert!(Token::new("hf_é").is_err());
    }
}
