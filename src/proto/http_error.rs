//! Mapping an error answer (status, headers, body) to an [`Error`]: pure, so it can be fuzzed.

use crate::proto::error::{Error, HubError};
use crate::proto::http::Response;
use crate::proto::retry::server_wait;
use crate::proto::text::escape;

/// What the Hub's 401 says when the token itself is wrong (rather than the repo hidden).
const BAD_CREDENTIALS: &str = "Invalid credentials in Authorization header";

/// Longest message kept from a server, in characters.
const MAX_MESSAGE_CHARS: usize = 300;

/// The error for a non-success `response` to `url`. `repo_url` says whether the URL names a
/// repository, where the Hub answers 401 for a missing or private repo to hide which it is.
///
/// ```
/// use hf_providers::proto::http_error::error_for;
/// use hf_providers::{Error, Response};
///
/// let resp = Response::new(404, vec![("X-Error-Code".into(), "RepoNotFound".into())], vec![]);
/// assert!(matches!(error_for(&resp, "https://huggingface.co/api/models/a/b", true), Error::NotFound(_)));
/// ```
pub fn error_for(response: &Response, url: &str, repo_url: bool) -> Error {
    let code = response.header("x-error-code").map(clean);
    let message = response
        .header("x-error-message")
        .map(clean)
        .or_else(|| crate::proto::parse::error_message(&response.body).map(|m| clean(&m)))
        .or_else(|| html_title(&response.body).map(clean));
    let status = response.status;
    let hub = HubError {
        status,
        code,
        message,
        url: url.to_owned(),
    };
    let code = hub.code.as_deref();
    let bad_credentials = hub.message.as_deref() == Some(BAD_CREDENTIALS);
    match status {
        _ if matches!(
            code,
            Some("RepoNotFound" | "RevisionNotFound" | "EntryNotFound")
        ) =>
        {
            Error::NotFound(hub)
        }
        _ if matches!(code, Some("GatedRepo" | "DisabledRepo")) => Error::Forbidden(hub),
        404 => Error::NotFound(hub),
        401 if repo_url && !bad_credentials => Error::NotFound(hub),
        401 => Error::Unauthorized(hub),
        403 => Error::Forbidden(hub),
        429 => Error::RateLimited {
            retry_after: server_wait(&response.headers),
            error: hub,
        },
        _ => Error::Http(hub),
    }
}

/// Makes server text safe to print: cut to a readable length, and every character that could
/// drive a terminal shown as an escape (see [`escape`]).
fn clean(text: &str) -> String {
    let text = text.trim();
    let cut = text.char_indices().nth(MAX_MESSAGE_CHARS).map(|(i, _)| i);
    let mut out = escape(&text[..cut.unwrap_or(text.len())]).into_owned();
    if cut.is_some() {
        out.push('…');
    }
    out
}

/// The `<title>` of an HTML page, which is what a proxy's error page says.
fn html_title(body: &[u8]) -> Option<&str> {
    let head = &body[..body.len().min(4096)];
    let start = find_ascii_ci(head, b"<title>")? + b"<title>".len();
    let len = find_ascii_ci(&head[start..], b"</title>")?;
    std::str::from_utf8(&head[start..start + len])
        .ok()
        .filter(|t| !t.trim().is_empty())
}

fn find_ascii_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_terminal_escapes_and_long_text() {
        assert_eq!(clean("a\x1b[31mb\r\nc"), r"a\u{1b}[31mb\u{d}\u{a}c");
        let long = "x".repeat(1000);
        assert_eq!(clean(&long).chars().count(), MAX_MESSAGE_CHARS + 1);
    }

    #[test]
    fn reads_html_titles() {
        assert_eq!(
            html_title(b"<html><head><TITLE>502 Bad Gateway</TITLE>"),
            Some("502 Bad Gateway")
        );
        assert_eq!(html_title(b"<title></title>"), None);
        assert_eq!(html_title(b"<title>unterminated"), None);
        assert_eq!(html_title(b""), None);
    }
}
