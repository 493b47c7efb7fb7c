//! The lazy listing iterator, and the [`Client`] methods that start one: one page in memory,
//! the next fetched only when needed, as the [`Pager`] decides.

use std::fmt;
use std::iter::FusedIterator;

use crate::client::Client;
use crate::proto::error::Error;
use crate::proto::exchange::Ask;
use crate::proto::http_error::Subject;
use crate::proto::model::Model;
use crate::proto::pager::{Next, Page, Pager};
use crate::proto::query::ListModels;
use crate::proto::service::Service;
use crate::transport::Transport;

/// The models of a listing; see [`Client::list_models`].
pub type Models<'c, T> = Listing<'c, T, Model>;

/// The model ids of a listing; see [`Client::list_model_ids`].
pub type ModelIds<'c, T> = Listing<'c, T, String>;

impl<T: Transport> Client<T> {
    /// Lists the models matching `query`, lazily: pages are fetched as the iterator reaches
    /// them (one page held at a time) by following the `Link: <...>; rel="next"` header, and
    /// fetching stops at the query's limit. The paging rules are [`Pager`]'s.
    ///
    /// Each failure (an invalid query, a refused link, a failed request) is yielded as one
    /// `Err`, after which the iterator ends.
    pub fn list_models(&self, query: &ListModels) -> Models<'_, T> {
        Listing::new(self, query, crate::proto::parse::model_list)
    }

    /// Like [`Client::list_models`], but reads only each model's `id`: about twice as fast on
    /// the small items the Hub sends for `expand[]` queries, and lenient about the other
    /// fields, which it does not read.
    ///
    /// ```
    /// use hf_providers::{transport, Client, Config, Expand, ListModels, Response};
    ///
    /// let hub = transport::from_fn(|req| {
    ///     assert!(req.url.ends_with("/api/models?inference_provider=groq&expand[]=private"));
    ///     let body = r#"[{"_id":"1","id":"a/b","private":false},{"_id":"2","id":"c/d","private":false}]"#;
    ///     Ok(Response::new(200, vec![], body.into()))
    /// });
    /// let client = Client::new(hub, Config::default());
    /// let query = ListModels::new().inference_provider("groq").expand(Expand::Private);
    /// let ids: Vec<String> = client.list_model_ids(&query).collect::<Result<_, _>>()?;
    /// assert_eq!(ids, ["a/b", "c/d"]);
    /// # Ok::<(), hf_providers::Error>(())
    /// ```
    pub fn list_model_ids(&self, query: &ListModels) -> ModelIds<'_, T> {
        Listing::new(self, query, crate::proto::parse::model_ids)
    }
}

/// A listing's items, page by page: [`Models`] or [`ModelIds`].
///
/// Yields `Err` at most once, then ends (it is a [`FusedIterator`]).
#[must_use = "a listing fetches nothing until it is iterated"]
pub struct Listing<'c, T, I> {
    client: &'c Client<T>,
    /// Reads one page's body.
    parse: fn(&[u8]) -> Result<Vec<I>, Error>,
    pager: Pager,
    /// What to do once the current page is used up; `None` once the listing has ended.
    next: Option<Next>,
    page: std::vec::IntoIter<I>,
}

impl<'c, T: Transport, I> Listing<'c, T, I> {
    fn new(
        client: &'c Client<T>,
        query: &ListModels,
        parse: fn(&[u8]) -> Result<Vec<I>, Error>,
    ) -> Self {
        let (pager, first) = Pager::start(query, &client.config().endpoint);
        Listing {
            client,
            parse,
            pager,
            next: Some(first),
            page: Vec::new().into_iter(),
        }
    }

    /// How many pages have been fetched so far.
    pub fn pages_fetched(&self) -> usize {
        self.pager.pages()
    }

    /// Items of the current page not yet yielded: when 0, the next call may fetch a page, so
    /// a streaming caller flushes its output then.
    pub fn remaining_in_page(&self) -> usize {
        self.page.len()
    }

    fn fetch_page(&mut self, url: String) -> Result<(), Error> {
        let ask = Ask::get(url, Service::Hub, Subject::Other);
        let (fetched, mut items) = self.client.fetch(ask, self.parse)?;
        let page = Page::new(&fetched.url, &fetched.response.headers, items.len())
            .left_origin(fetched.left_origin);
        let (take, next) = self.pager.after(&page);
        items.truncate(take);
        self.page = items.into_iter();
        self.next = Some(next);
        Ok(())
    }
}

impl<T: Transport, I> Iterator for Listing<'_, T, I> {
    type Item = Result<I, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.page.next() {
                return Some(Ok(item));
            }
            // `next` is taken: after an error the listing has nothing left to do.
            match self.next.take()? {
                Next::Fetch(url) => {
                    if let Err(e) = self.fetch_page(url) {
                        return Some(Err(e));
                    }
                }
                Next::Stop => return None,
                Next::Refuse(e) => return Some(Err(e)),
            }
        }
    }
}

impl<T: Transport, I> FusedIterator for Listing<'_, T, I> {}

impl<T, I> fmt::Debug for Listing<'_, T, I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Listing")
            .field("pager", &self.pager)
            .field("next", &self.next)
            .field("remaining_in_page", &self.page.len())
            .finish_non_exhaustive()
    }
}
