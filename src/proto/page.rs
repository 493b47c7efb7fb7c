//! What a caller sees of a listing: a page of items, and the cursor that resumes it.

use std::fmt;
use std::str::FromStr;

use crate::proto::error::{InputKind, InvalidInput};
use crate::proto::url::{Endpoint, path_and_query};

/// The largest page the Hub serves; a larger `limit` is paged.
pub const MAX_PAGE_SIZE: usize = 1000;

/// Where a listing goes on: the next page's path and query, without an origin.
///
/// Keep it (as text: [`Cursor::as_str`]) to resume a listing later, in this process or another,
/// with [`ListModels::after`](crate::ListModels::after). A cursor holds no origin, so resuming sends only to the
/// configured endpoint; and only to the listing's own path, `/api/models`.
///
/// ```
/// use hf_providers::Cursor;
///
/// let cursor: Cursor = "/api/models?inference_provider=all&cursor=eyJ4IjoxfQ".parse()?;
/// assert_eq!(cursor.to_string(), "/api/models?inference_provider=all&cursor=eyJ4IjoxfQ");
/// // Never another origin, nor another path.
/// assert!("https://evil.example/api/models".parse::<Cursor>().is_err());
/// assert!("//evil.example/api/models".parse::<Cursor>().is_err());
/// assert!("/api/whoami-v2".parse::<Cursor>().is_err());
/// # Ok::<(), hf_providers::InvalidInput>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Cursor(String);

impl Cursor {
    /// Validates a cursor kept as text.
    ///
    /// # Errors
    ///
    /// [`InvalidInput`] (kind `Cursor`) for text that is not the path of a listing on the
    /// endpoint's origin (`/api/models`, under the endpoint's own path if it has one) with a
    /// query: a URL, `//`, a fragment, spaces, control or non-ASCII characters.
    pub fn parse(text: &str) -> Result<Cursor, InvalidInput> {
        let bad = |reason| InvalidInput::new(InputKind::Cursor, text, reason);
        let path = text.split('?').next().unwrap_or_default();
        if !text.starts_with('/') || text.starts_with("//") {
            return Err(bad("must be a path starting with one `/`"));
        }
        if !text
            .bytes()
            .all(|b| (0x21..0x7f).contains(&b) && !b"#\\".contains(&b))
        {
            return Err(bad(
                "has a character that cannot go in a URL's path or query",
            ));
        }
        if !path.ends_with("/api/models") || path.contains("/../") || path.contains("/./") {
            return Err(bad("is not the path of a model listing"));
        }
        Ok(Cursor(text.to_owned()))
    }

    /// The cursor as text, to keep.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The cursor of `url`, a page on `endpoint`'s origin; `None` when it is not one.
    pub(crate) fn of(url: &str, endpoint: &Endpoint) -> Option<Cursor> {
        // The origin as compared, not as spelled: `:443` or a host in capitals is the same.
        if !endpoint.is_same_origin(url) {
            return None;
        }
        Cursor::parse(path_and_query(url)).ok()
    }

    /// The URL it stands for on `endpoint`.
    pub(crate) fn url(&self, endpoint: &Endpoint) -> String {
        format!("{}{}", endpoint.origin(), self.0)
    }
}

impl fmt::Display for Cursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Cursor {
    type Err = InvalidInput;

    fn from_str(text: &str) -> Result<Cursor, InvalidInput> {
        Cursor::parse(text)
    }
}

/// One page of a listing: its items, and the cursor of the next page when there is one.
///
/// ```
/// use hf_providers::{Client, Config, ListModels, Response, transport};
///
/// let hub = transport::from_fn(|_| {
///     let next = ("Link".into(), r#"</api/models?cursor=2>; rel="next""#.into());
///     Ok(Response::new(200, vec![next], br#"[{"id":"a/b"}]"#.to_vec()))
/// });
/// let page = Client::new(hub, Config::default()).list_models_page(&ListModels::new())?;
/// assert_eq!(page.items()[0].id, "a/b");
/// assert_eq!(page.next_cursor().unwrap().as_str(), "/api/models?cursor=2");
/// # Ok::<(), hf_providers::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Page<I> {
    items: Vec<I>,
    next: Option<Cursor>,
}

impl<I> Page<I> {
    /// `items`, followed by the page at `next`, if any.
    pub fn new(items: Vec<I>, next: Option<Cursor>) -> Page<I> {
        Page { items, next }
    }

    /// The page's items, in the server's order.
    pub fn items(&self) -> &[I] {
        &self.items
    }

    /// The page's items, owned.
    pub fn into_items(self) -> Vec<I> {
        self.items
    }

    /// Where the listing goes on; `None` on its last page.
    pub fn next_cursor(&self) -> Option<&Cursor> {
        self.next.as_ref()
    }
}
