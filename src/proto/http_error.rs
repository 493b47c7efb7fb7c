//! Mapping an error answer (status, headers, body) to an [`Error`]: pure, so it can be fuzzed.

use crate::proto::error::{Error, ServiceError};
use crate::proto::http::Response;
use crate::proto::retry::server_wait;
use crate::proto::service::Service;

/// What the Hub's 401 says when the token itself is wrong (rather than the repo hidden).
const BAD_CREDENTIALS: &str = "Invalid credentials in Authorization header";

/// What a URL names, which decides what a 401 from it means.
///
/// ```
/// use hf_providers::proto::Subject;
/// assert_ne!(Subject::Repository, Subject::Other);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Subject {
    /// A repository (`/api/models/{id}`): the Hub answers 401 for one that is missing or
    /// private, to hide which, so a 401 there is [`Error::NotFound`] unless the Hub says the
    /// token itself is wrong.
    Repository,
    /// Anything else (a listing, the router's catalog): a 401 means the token was rejected.
    Other,
    /// A change to a provider's mappings (the model mapping API): a 400, 409 (a conflict, such
    /// as a mapping that exists already) or 422 is the Hub's refusal ([`Error::Rejected`]).
    Mappings,
}

/// The error for a non-success `response` from `service` to `url`, with every text the server
/// sent cleaned for display: `secret` (the token) and URL credentials taken out first, then
/// cut to a readable length (a cut never leaves a piece of the token behind).
///
/// ```
/// use hf_providers::proto::{error_for, Subject};
/// use hf_providers::{Error, Response, Service};
///
/// let resp = Response::new(404, vec![("X-Error-Code".into(), "RepoNotFound".into())], vec![]);
/// let url = "https://huggingface.co/api/models/a/b";
/// assert!(matches!(error_for(&resp, url, Service::Hub, Subject::Repository, None), Error::NotFound(_)));
/// let echo = Response::new(401, vec![("X-Error-Message".into(), "bad hf_secret123".into())], vec![]);
/// let err = error_for(&echo, "https://router.huggingface.co/v1/models", Service::Router, Subject::Other, Some("hf_secret123"));
/// assert_eq!(err.to_string(), "the router rejected the token");
/// assert!(!format!("{err:?}").contains("hf_secret"));
/// ```
pub fn error_for(
    response: &Response,
    url: &str,
    service: Service,
    subject: Subject,
    secret: Option<&str>,
) -> Error {
    let text = |s: &str| s.trim().to_owned();
    let code = response.header("x-error-code").map(text);
    let message = response
        .header("x-error-message")
        .map(text)
        .or_else(|| crate::proto::parse::error_message(&response.body).map(|m| text(&m)))
        .or_else(|| html_title(&response.body).map(text));
    let status = response.status;
    let hub = ServiceError {
        service,
        status,
        code,
        message,
        url: url.to_owned(),
        method: crate::proto::http::Method::Get,
        request_id: response
            .header("x-request-id")
            .map(text)
            .filter(|id| !id.is_empty()),
    };
    let code = hub.code.as_deref();
    let bad_credentials = hub.message.as_deref() == Some(BAD_CREDENTIALS);
    let error = match status {
        _ if matches!(
            code,
            Some("RepoNotFound" | "RevisionNotFound" | "EntryNotFound")
        ) =>
        {
            Error::NotFound(hub)
        }
        _ if matches!(code, Some("GatedRepo" | "DisabledRepo")) => Error::Forbidden(hub),
        404 => Error::NotFound(hub),
        401 if subject == Subject::Repository && !bad_credentials => Error::NotFound(hub),
        400 | 409 | 422 if subject == Subject::Mappings => Error::Rejected(hub),
        401 => Error::Unauthorized(hub),
        403 => Error::Forbidden(hub),
        429 => Error::RateLimited {
            retry_after: server_wait(response),
            error: hub,
        },
        _ => Error::Http(hub),
    };
    error.scrubbed(secret)
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
    fn the_hub_refuses_a_change_to_the_mappings_with_400_409_or_422() {
        let body = br#"{"error":"You already created this mapping"}"#.to_vec();
        for status in [400, 409, 422] {
            let refused = Response::new(status, vec![], body.clone());
            let e = error_for(&refused, "u", Service::Hub, Subject::Mappings, None);
            assert!(
                matches!(&e, Error::Rejected(h) if h.status == status),
                "{e:?}"
            );
            let elsewhere = error_for(&refused, "u", Service::Hub, Subject::Other, None);
            assert!(matches!(elsewhere, Error::Http(_)), "{elsewhere:?}");
        }
    }

    #[test]
    fn the_request_id_is_kept_clean_for_support() {
        let id = |value: &str| {
            let headers = vec![("X-Request-Id".into(), value.into())];
            let response = Response::new(500, headers, vec![]);
            let secret = Some("hf_secret");
            let mut e = error_for(&response, "u", Service::Hub, Subject::Other, secret);
            let answer = e.service_error_mut().unwrap();
            (answer.request_id.clone(), answer.to_string())
        };
        let (kept, shown) = id("Root=1-67cae56b-7044bad3;c9be3bc3");
        assert_eq!(kept.as_deref(), Some("Root=1-67cae56b-7044bad3;c9be3bc3"));
        assert!(
            shown.ends_with("answered 500 (request Root=1-67cae56b-7044bad3;c9be3bc3)"),
            "{shown}"
        );
        let (_, shown) = id("\x1b[2J hf_secret");
        assert!(
            shown.ends_with(r"(request \u{1b}[2J <redacted>)"),
            "{shown}"
        );
        assert_eq!(id(" ").0, None);
        let long = id(&"x".repeat(5000)).0.unwrap();
        assert_eq!(long.chars().count(), crate::proto::redact::MAX_TEXT_CHARS);
    }

    #[test]
    fn long_text_is_cut_and_shown_escaped() {
        let long = Response::new(
            500,
            vec![(
                "X-Error-Message".into(),
                format!("a\x1b[31mb{}", "x".repeat(1000)),
            )],
            vec![],
        );
        let Error::Http(e) = error_for(&long, "u", Service::Hub, Subject::Other, None) else {
            panic!()
        };
        let message = e.message.clone().unwrap();
        assert_eq!(
            message.chars().count(),
            crate::proto::redact::MAX_TEXT_CHARS
        );
        assert!(e.to_string().contains(r"a\u{1b}[31mb"), "{e}");
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
