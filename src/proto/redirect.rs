//! Which answers are redirects, and where they lead.

use crate::proto::error::{Error, LinkRefusal};
use crate::proto::http::Response;
use crate::proto::url::join;

/// Where `response`, the answer to `url`, redirects: `Ok(None)` when it is not a redirect
/// (nor a redirect status without a `Location`, which is an error answer like any other).
///
/// Whether the token goes along is the caller's rule: only to the endpoint's origin, and never
/// again once a redirect has left it.
///
/// # Errors
///
/// [`Error::LinkRefused`] (`Malformed`) for a `Location` that cannot be followed: bad
/// characters, another scheme than `http(s)`, credentials.
pub fn target(url: &str, response: &Response) -> Result<Option<String>, Error> {
    let location = match response.status {
        301 | 302 | 303 | 307 | 308 => response.header("location"),
        _ => None,
    };
    location
        .map(|location| {
            join(url, location).map_err(|_| Error::LinkRefused {
                url: location.to_owned(),
                reason: LinkRefusal::Malformed,
            })
        })
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_relative_location_keeps_the_query_and_a_success_is_no_redirect() {
        let moved = Response::new(
            307,
            vec![(
                "Location".into(),
                "/api/models/new/name?expand[]=inference".into(),
            )],
            vec![],
        );
        assert_eq!(
            target(
                "https://huggingface.co/api/models/old/name?expand[]=inference",
                &moved
            )
            .unwrap()
            .as_deref(),
            Some("https://huggingface.co/api/models/new/name?expand[]=inference"),
        );
        let ok = Response::new(200, vec![], vec![]);
        assert_eq!(target("https://huggingface.co/x", &ok).unwrap(), None);
        let bad = Response::new(
            302,
            vec![("Location".into(), "javascript:x".into())],
            vec![],
        );
        assert!(target("https://huggingface.co/x", &bad).is_err());
    }
}
