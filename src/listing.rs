//! Listings, page by page or item by item, and the [`Client`] methods that start one: one page
//! in memory, the next fetched only when needed, as the [`Pager`] decides.

use std::fmt;
use std::iter::FusedIterator;

use crate::client::Client;
use crate::proto::error::Error;
use crate::proto::exchange::Ask;
use crate::proto::http_error::Subject;
use crate::proto::model::Model;
use crate::proto::page::Page;
use crate::proto::pager::{Next, Pager};
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
    /// `Err`, after which the iterator ends. [`Listing::pages`] gives the same listing a page
    /// at a time, each with the cursor to resume from.
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
    ///     assert!(req.url().ends_with("/api/models?inference_provider=groq&expand[]=private"));
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

    /// One page of the listing `query` describes: its first page, or with
    /// [`ListModels::after`] the page at a cursor. The page's
    /// [`next_cursor`](Page::next_cursor) resumes the listing, now or in another process.
    ///
    /// # Errors
    ///
    /// The listing's first error (see [`Client::list_models`]). A limit of 0 is an empty page
    /// with no cursor.
    ///
    /// ```
    /// use hf_providers::{transport, Client, Config, ListModels, Response};
    ///
    /// let hub = transport::from_fn(|req| {
    ///     let (body, link) = if req.url().contains("cursor=2") {
    ///         (r#"[{"id":"c/d"}]"#, None)
    ///     } else {
    ///         (r#"[{"id":"a/b"}]"#, Some(r#"</api/models?cursor=2>; rel="next""#))
    ///     };
    ///     let headers = link.map(|l| ("Link".to_string(), l.to_string())).into_iter().collect();
    ///     Ok(Response::new(200, headers, body.into()))
    /// });
    /// let client = Client::new(hub, Config::default());
    /// let first = client.list_models_page(&ListModels::new())?;
    /// let kept = first.next_cursor().unwrap().to_string(); // store it anywhere
    /// let second = client.list_models_page(&ListModels::new().after(kept.parse()?))?;
    /// assert_eq!((second.items()[0].id.as_str(), second.next_cursor()), ("c/d", None));
    /// # Ok::<(), hf_providers::Error>(())
    /// ```
    pub fn list_models_page(&self, query: &ListModels) -> Result<Page<Model>, Error> {
        self.list_models(query)
            .pages()
            .next()
            .unwrap_or_else(|| Ok(Page::new(Vec::new(), None)))
    }
}

/// A listing's items, page by page: [`Models`] or [`ModelIds`].
///
/// Yields `Err` at most once, then ends (it is a [`FusedIterator`]).
#[must_use = "a listing fetches nothing until it is iterated"]
pub struct Listing<'c, T, I> {
    pages: Pages<'c, T, I>,
    page: std::vec::IntoIter<I>,
}

/// A listing a page at a time; see [`Listing::pages`].
///
/// Yields `Err` at most once, then ends (it is a [`FusedIterator`]).
#[must_use = "a listing fetches nothing until it is iterated"]
pub struct Pages<'c, T, I> {
    client: &'c Client<T>,
    /// Reads one page's body.
    parse: fn(&[u8]) -> Result<Vec<I>, Error>,
    pager: Pager,
    /// What to do next; `None` once the listing has ended.
    next: Option<Next>,
}

impl<'c, T: Transport, I> Listing<'c, T, I> {
    fn new(
        client: &'c Client<T>,
        query: &ListModels,
        parse: fn(&[u8]) -> Result<Vec<I>, Error>,
    ) -> Self {
        let (pager, first) = Pager::start(query, &client.config().endpoint);
        Listing {
            pages: Pages {
                client,
                parse,
                pager,
                next: Some(first),
            },
            page: Vec::new().into_iter(),
        }
    }

    /// The rest of the listing a page at a time, each page with the cursor of the next one:
    /// to show each page as soon as it is read, or to stop and resume later.
    pub fn pages(self) -> Pages<'c, T, I> {
        self.pages
    }

    /// How many pages have been fetched so far.
    pub fn pages_fetched(&self) -> usize {
        self.pages.pager.pages()
    }
}

impl<T: Transport, I> Pages<'_, T, I> {
    /// How many pages have been fetched so far.
    pub fn pages_fetched(&self) -> usize {
        self.pager.pages()
    }

    fn fetch(&mut self, ask: Ask) -> Result<Page<I>, Error> {
        let (answer, mut items) = self.client.fetch(ask, self.parse)?;
        let (take, next) = self.pager.after(&answer, items.len());
        items.truncate(take);
        let cursor = self.pager.cursor(&next);
        self.next = Some(next);
        Ok(Page::new(items, cursor))
    }
}

impl<T: Transport, I> Iterator for Pages<'_, T, I> {
    type Item = Result<Page<I>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        // `next` is taken: after an error the listing has nothing left to do.
        match self.next.take()? {
            Next::Fetch(url) => Some(self.fetch(Ask::get(url, Service::Hub, Subject::Other))),
            Next::Stop => None,
            // A refused link is the server's text: scrubbed as every error an exchange ends
            // with (the token, URL credentials, the length).
            Next::Refuse(e) => {
                let secret = self.client.config().token.as_ref().map(|t| t.expose());
                Some(Err(e.scrubbed(secret)))
            }
        }
    }
}

impl<T: Transport, I> Iterator for Listing<'_, T, I> {
    type Item = Result<I, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.page.next() {
                return Some(Ok(item));
            }
            match self.pages.next()? {
                Ok(page) => self.page = page.into_items().into_iter(),
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

impl<T: Transport, I> FusedIterator for Listing<'_, T, I> {}
impl<T: Transport, I> FusedIterator for Pages<'_, T, I> {}

impl<T, I> fmt::Debug for Listing<'_, T, I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Listing")
            .field("pages", &self.pages)
            .field("remaining_in_page", &self.page.len())
            .finish()
    }
}

impl<T, I> fmt::Debug for Pages<'_, T, I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages")
            .field("pager", &self.pager)
            .field("next", &self.next)
            .finish_non_exhaustive()
    }
}
