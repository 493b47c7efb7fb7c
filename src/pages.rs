//! The lazy listing iterator: one page in memory, the next fetched only when needed.

use std::collections::HashSet;
use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;

use crate::client::Client;
use crate::error::{Error, LinkRefusal};
use crate::model::Model;
use crate::query::ListModels;
use crate::transport::Transport;
use crate::url::resolve;

/// The models of a listing; see [`Client::list_models`].
pub type Models<'c, T> = Listing<'c, T, Model>;

/// The model ids of a listing; see [`Client::list_model_ids`].
pub type ModelIds<'c, T> = Listing<'c, T, String>;

/// A listing's items, page by page: [`Models`] or [`ModelIds`].
///
/// Yields `Err` at most once, then ends. An empty page ends the listing even if it links to
/// another (a server cannot keep a caller busy with empty pages).
pub struct Listing<'c, T, I> {
    client: &'c Client<T>,
    /// Reads one page's body.
    parse: fn(&[u8]) -> Result<Vec<I>, Error>,
    /// The next page to fetch: `None` at the end, `Err` for a link that must not be followed
    /// (reported once the current page is used up) or a query that was invalid.
    next: Option<Result<String, Error>>,
    page: std::vec::IntoIter<I>,
    remaining: Option<usize>,
    /// Hashes of the pages fetched, so a `next` link back to one of them is refused.
    seen: HashSet<u64>,
    hasher: RandomState,
    pages_fetched: usize,
}

impl<'c, T: Transport, I> Listing<'c, T, I> {
    pub(crate) fn new(
        client: &'c Client<T>,
        query: &ListModels,
        parse: fn(&[u8]) -> Result<Vec<I>, Error>,
    ) -> Self {
        let first = query
            .to_request(&client.config().endpoint)
            .map(|request| request.url);
        Listing {
            client,
            parse,
            next: Some(first),
            page: Vec::new().into_iter(),
            remaining: query.limit_value(),
            seen: HashSet::new(),
            hasher: RandomState::new(),
            pages_fetched: 0,
        }
    }

    /// How many pages have been fetched so far.
    pub fn pages_fetched(&self) -> usize {
        self.pages_fetched
    }

    /// Items of the current page not yet yielded: when 0, the next call may fetch a page, so
    /// a streaming caller flushes its output then.
    pub fn remaining_in_page(&self) -> usize {
        self.page.len()
    }

    fn fetch_page(&mut self, url: String) -> Result<(), Error> {
        if !self.seen.insert(self.hasher.hash_one(&url)) {
            return Err(Error::LinkRefused {
                url,
                reason: LinkRefusal::Loop,
            });
        }
        let fetched = self.client.fetch(url, false)?;
        let items = (self.parse)(&fetched.response.body)?;
        self.pages_fetched += 1;
        self.next = if items.is_empty() {
            None
        } else {
            fetched
                .response
                .headers_named("link")
                .find_map(crate::parse::next_link)
                .map(|link| self.checked_next(&fetched.url, link))
        };
        self.page = items.into_iter();
        Ok(())
    }

    /// Resolves a `next` link and refuses it unless it stays on the endpoint's origin.
    fn checked_next(&self, page_url: &str, link: &str) -> Result<String, Error> {
        let refuse = |reason| Error::LinkRefused {
            url: link.to_owned(),
            reason,
        };
        let url = resolve(page_url, link).map_err(|_| refuse(LinkRefusal::Malformed))?;
        if self.client.config().endpoint.is_same_origin(&url) {
            Ok(url)
        } else {
            Err(refuse(LinkRefusal::CrossOrigin))
        }
    }
}

impl<T: Transport, I> Iterator for Listing<'_, T, I> {
    type Item = Result<I, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.remaining == Some(0) {
                self.next = None;
                return None;
            }
            if let Some(item) = self.page.next() {
                if let Some(n) = &mut self.remaining {
                    *n -= 1;
                }
                return Some(Ok(item));
            }
            match self.next.take()? {
                // `next` was taken: after an error the listing has nothing left to fetch.
                Ok(url) => {
                    if let Err(e) = self.fetch_page(url) {
                        return Some(Err(e));
                    }
                }
                Err(e) => return Some(Err(e)),
            }
        }
    }
}
