//! The paging rules of a listing: which page to fetch next, when to stop, and which `next`
//! links to refuse. A listing that follows them needs only to send what they say.

use std::collections::HashSet;
use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher, Hash, Hasher};

use crate::proto::error::{Error, LinkRefusal};
use crate::proto::exchange::Answer;
use crate::proto::page::Cursor;
use crate::proto::parse::next_link;
use crate::proto::query::ListModels;
use crate::proto::url::{Endpoint, join, path_and_query};

/// What a listing does next.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Next {
    /// Fetch this URL; it is on the endpoint's origin, so it may carry the token.
    Fetch(String),
    /// The listing is complete.
    Stop,
    /// End with this error: a `next` link that must not be followed, or an invalid query.
    Refuse(Error),
}

/// Decides a listing's pages, pure and step by step.
///
/// The rules: stop at the query's limit (no request beyond it); stop at an empty page, even if
/// it links to another (a server cannot keep a caller busy with empty pages); follow the first
/// `Link: <...>; rel="next"`, joined to the page's URL, only if it is on the endpoint's origin
/// (the only place the token goes), the page itself was not reached through a redirect to
/// another origin (that page's links would choose where the token goes next), and it was not
/// fetched before (a loop would never end).
///
/// ```
/// use hf_providers::proto::{Answer, Next, Pager};
/// use hf_providers::{Endpoint, ListModels, Response};
///
/// let (mut pager, first) = Pager::start(&ListModels::new().limit(3), &Endpoint::default());
/// let Next::Fetch(url) = first else { panic!() };
/// assert_eq!(url, "https://huggingface.co/api/models?limit=3");
///
/// // The first page held 2 items and links to a second one: take both, fetch the next.
/// let link = vec![("Link".to_string(), r#"</api/models?limit=3&cursor=x>; rel="next""#.to_string())];
/// let page = Answer::new(url, Response::new(200, link.clone(), vec![]));
/// let (take, next) = pager.after(&page, 2);
/// assert_eq!(take, 2);
/// assert_eq!(next, Next::Fetch("https://huggingface.co/api/models?limit=3&cursor=x".into()));
///
/// // The second page reaches the limit: take 1 of its 3 items and stop.
/// let page = Answer::new("https://huggingface.co/api/models?limit=3&cursor=x", Response::new(200, link, vec![]));
/// assert_eq!(pager.after(&page, 3), (1, Next::Stop));
/// ```
#[derive(Debug, Clone)]
pub struct Pager {
    endpoint: Endpoint,
    /// Items the limit still allows; `None` without a limit.
    remaining: Option<usize>,
    /// Hashes of the URLs handed out, so a link back to one of them is refused. Fixed keys,
    /// not random ones: the core reads no randomness, and a server that forged a collision
    /// would only end its own listing, which it can do anyway.
    seen: HashSet<u64, BuildHasherDefault<DefaultHasher>>,
    hasher: BuildHasherDefault<DefaultHasher>,
    pages: usize,
}

impl Pager {
    /// A pager for `query` on `endpoint`, and its first step: the first page's URL (or the
    /// page at the query's cursor), `Stop` for a limit of 0, or `Refuse` for a query that does
    /// not validate.
    pub fn start(query: &ListModels, endpoint: &Endpoint) -> (Pager, Next) {
        let mut pager = Pager {
            endpoint: endpoint.clone(),
            remaining: query.limit,
            seen: HashSet::default(),
            hasher: BuildHasherDefault::default(),
            pages: 0,
        };
        let first = match query.to_ask(endpoint) {
            _ if pager.remaining == Some(0) => Next::Stop,
            Ok(ask) => pager.fetch(ask.url().to_owned()),
            Err(e) => Next::Refuse(e.into()),
        };
        (pager, first)
    }

    /// After a page (the exchange's answer, holding `items` items): how many of them to yield
    /// (the limit may cut it short) and what to do next. A refused link is returned as the
    /// next step, so the page's items are still yielded before the error.
    pub fn after(&mut self, page: &Answer, items: usize) -> (usize, Next) {
        self.pages += 1;
        let take = self.remaining.map_or(items, |n| n.min(items));
        if let Some(n) = &mut self.remaining {
            *n -= take;
        }
        if items == 0 || self.remaining == Some(0) {
            return (take, Next::Stop);
        }
        let link = page.response.headers_named("link").find_map(next_link);
        let next = match link {
            None => Next::Stop,
            Some(link) if page.left_origin => Next::Refuse(Error::LinkRefused {
                url: link.to_owned(),
                reason: LinkRefusal::LeftOrigin,
            }),
            Some(link) => match self.checked(&page.url, link) {
                Ok(url) => self.fetch(url),
                Err(reason) => Next::Refuse(Error::LinkRefused {
                    url: link.to_owned(),
                    reason,
                }),
            },
        };
        (take, next)
    }

    /// The cursor of a step: where a listing that stops now would resume.
    pub fn cursor(&self, next: &Next) -> Option<Cursor> {
        match next {
            Next::Fetch(url) => Cursor::of(url, &self.endpoint),
            Next::Stop | Next::Refuse(_) => None,
        }
    }

    /// How many pages have been read.
    pub fn pages(&self) -> usize {
        self.pages
    }

    /// `link` joined to `page_url`, if it may be followed.
    fn checked(&self, page_url: &str, link: &str) -> Result<String, LinkRefusal> {
        let url = join(page_url, link).map_err(|_| LinkRefusal::Malformed)?;
        if !self.endpoint.is_same_origin(&url) {
            return Err(LinkRefusal::CrossOrigin);
        }
        if self.seen.contains(&self.loop_key(&url)) {
            return Err(LinkRefusal::Loop);
        }
        Ok(url)
    }

    fn fetch(&mut self, url: String) -> Next {
        self.seen.insert(self.loop_key(&url));
        Next::Fetch(url)
    }

    /// What two spellings of one page share: every URL fetched is on the endpoint's origin
    /// (however the link spells it: `:443`, `:0443`, capitals), so its path and query, without
    /// empty query parameters (`?&&cursor=x` is `?cursor=x`).
    fn loop_key(&self, url: &str) -> u64 {
        let rest = path_and_query(url);
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        let mut hasher = self.hasher.build_hasher();
        path.hash(&mut hasher);
        for param in query.split('&').filter(|p| !p.is_empty()) {
            param.hash(&mut hasher);
        }
        hasher.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HUB: &str = "https://huggingface.co";

    fn answer(url: &str, headers: &[(String, String)]) -> Answer {
        Answer::new(
            url,
            crate::proto::http::Response::new(200, headers.to_vec(), vec![]),
        )
    }

    fn link(target: &str) -> Vec<(String, String)> {
        vec![("Link".into(), format!("<{target}>; rel=\"next\""))]
    }

    fn start(query: ListModels) -> (Pager, String) {
        match Pager::start(&query, &Endpoint::default()) {
            (pager, Next::Fetch(url)) => (pager, url),
            (_, other) => panic!("{other:?}"),
        }
    }

    fn refusal(next: Next) -> (String, LinkRefusal) {
        match next {
            Next::Refuse(Error::LinkRefused { url, reason }) => (url, reason),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn follows_next_links_relative_or_absolute() {
        let (mut pager, first) = start(ListModels::new().any_inference_provider());
        assert_eq!(first, format!("{HUB}/api/models?inference_provider=all"));
        let second = format!("{HUB}/api/models?inference_provider=all&cursor=2");
        let (take, next) = pager.after(&answer(&first, &link(&second)), 2);
        assert_eq!((take, &next), (2, &Next::Fetch(second.clone())));
        let (_, next) = pager.after(&answer(&second, &link("?cursor=3")), 1);
        assert_eq!(next, Next::Fetch(format!("{HUB}/api/models?cursor=3")));
        let (take, next) = pager.after(&answer(&second, &[]), 5);
        assert_eq!((take, next), (5, Next::Stop));
        assert_eq!(pager.pages(), 3);
    }

    #[test]
    fn reads_the_first_next_among_several_link_headers() {
        let (mut pager, first) = start(ListModels::new());
        let headers = vec![
            ("link".into(), "</prev>; rel=\"prev\"".into()),
            ("X-Other".into(), "</x>; rel=\"next\"".into()),
            ("LINK".into(), "</p2>; rel=\"next\"".into()),
        ];
        let (_, next) = pager.after(&answer(&first, &headers), 1);
        assert_eq!(next, Next::Fetch(format!("{HUB}/p2")));
    }

    #[test]
    fn stops_at_the_limit_before_any_further_request() {
        let (mut pager, first) = start(ListModels::new().limit(3));
        assert_eq!(pager.after(&answer(&first, &link("/p2")), 2).0, 2);
        let (take, next) = pager.after(&answer("https://huggingface.co/p2", &link("/p3")), 2);
        assert_eq!((take, next), (1, Next::Stop));

        // A refused link past the limit does not matter: the listing is complete.
        let (mut pager, first) = start(ListModels::new().limit(1));
        let (take, next) = pager.after(&answer(&first, &link("https://evil.example/")), 4);
        assert_eq!((take, next), (1, Next::Stop));

        let (_, first) = Pager::start(&ListModels::new().limit(0), &Endpoint::default());
        assert_eq!(first, Next::Stop);
    }

    #[test]
    fn an_empty_page_ends_the_listing_even_with_a_link() {
        let (mut pager, first) = start(ListModels::new());
        assert_eq!(
            pager.after(&answer(&first, &link("/p2")), 0),
            (0, Next::Stop)
        );
    }

    #[test]
    fn refuses_links_to_other_origins() {
        for evil in [
            "https://evil.example/api/models?cursor=2",
            "http://huggingface.co/api/models?cursor=2",
            "https://huggingface.co:444/api/models",
            "//evil.example/api/models",
            "https://huggingface.co.evil.example/api/models",
        ] {
            let (mut pager, first) = start(ListModels::new());
            let (take, next) = pager.after(&answer(&first, &link(evil)), 1);
            assert_eq!(take, 1, "the page's items are still yielded");
            assert_eq!(refusal(next), (evil.to_owned(), LinkRefusal::CrossOrigin));
        }
    }

    #[test]
    fn refuses_any_link_on_a_page_reached_through_another_origin() {
        for target in [
            "/api/models?c=2",
            "https://huggingface.co/api/models?c=2",
            "https://x.example/",
        ] {
            let (mut pager, _) = start(ListModels::new());
            let headers = link(target);
            let mut page = answer("https://cdn.example/page", &headers);
            page.left_origin = true;
            let (take, next) = pager.after(&page, 3);
            assert_eq!(take, 3, "the page's items are still yielded");
            assert_eq!(refusal(next), (target.to_owned(), LinkRefusal::LeftOrigin));
        }
    }

    #[test]
    fn refuses_malformed_links() {
        for bad in [
            "/p2 x",
            "javascript:alert(1)",
            "https://user@huggingface.co/x",
            "/é",
        ] {
            let (mut pager, first) = start(ListModels::new());
            let (_, next) = pager.after(&answer(&first, &link(bad)), 1);
            assert_eq!(refusal(next), (bad.to_owned(), LinkRefusal::Malformed));
        }
    }

    #[test]
    fn refuses_a_link_back_to_a_page_already_fetched() {
        let (mut pager, first) = start(ListModels::new());
        let (_, next) = pager.after(&answer(&first, &link("/api/models?c=2")), 1);
        assert_eq!(next, Next::Fetch(format!("{HUB}/api/models?c=2")));
        let (_, next) = pager.after(&answer(&format!("{HUB}/api/models?c=2"), &link(&first)), 1);
        assert_eq!(refusal(next), (first.clone(), LinkRefusal::Loop));

        // A page linking to itself is a loop too.
        let (mut pager, first) = start(ListModels::new());
        let (_, next) = pager.after(&answer(&first, &link("/api/models")), 1);
        assert_eq!(refusal(next).1, LinkRefusal::Loop);

        // However the link spells the same page: the port written out (with zeros), the host
        // in capitals, empty query parameters.
        for same in [
            "https://huggingface.co:443/api/models?c=2",
            "https://HuggingFace.CO:00443/api/models?c=2",
            "/api/models?&c=2",
            "/api/models?c=2&&",
        ] {
            let (mut pager, first) = start(ListModels::new());
            let (_, next) = pager.after(&answer(&first, &link("/api/models?c=2")), 1);
            let Next::Fetch(second) = next else { panic!() };
            let (_, next) = pager.after(&answer(&second, &link(same)), 1);
            assert_eq!(refusal(next).1, LinkRefusal::Loop, "{same}");
        }
    }

    #[test]
    fn a_next_link_spelled_otherwise_on_the_same_origin_still_gives_a_cursor() {
        let (mut pager, first) = start(ListModels::new());
        let spelled = "https://HuggingFace.co:443/api/models?cursor=abc";
        let (_, next) = pager.after(&answer(&first, &link(spelled)), 1);
        let cursor = pager.cursor(&next).expect("a cursor");
        assert_eq!(cursor.as_str(), "/api/models?cursor=abc");
    }

    #[test]
    fn an_invalid_query_is_refused_before_any_request() {
        let (_, first) = Pager::start(
            &ListModels::new().inference_provider("a,b"),
            &Endpoint::default(),
        );
        assert!(
            matches!(first, Next::Refuse(Error::InvalidInput(_))),
            "{first:?}"
        );
    }

    #[test]
    fn pages_on_a_mirror_stay_on_its_origin() {
        let mirror = Endpoint::parse("http://127.0.0.1:9/mirror/").unwrap();
        let (mut pager, first) = match Pager::start(&ListModels::new(), &mirror) {
            (p, Next::Fetch(url)) => (p, url),
            (_, other) => panic!("{other:?}"),
        };
        assert_eq!(first, "http://127.0.0.1:9/mirror/api/models");
        let (_, next) = pager.after(&answer(&first, &link("?cursor=2")), 1);
        assert_eq!(
            next,
            Next::Fetch("http://127.0.0.1:9/mirror/api/models?cursor=2".into())
        );
    }
}
