//! Building the Hub's URLs: pure functions of their inputs, no I/O.

use crate::proto::error::{InputKind, InvalidInput};
use crate::proto::exchange::Ask;
use crate::proto::http_error::Subject;
use crate::proto::open_enum::open_enum;
use crate::proto::page::{Cursor, MAX_PAGE_SIZE};
use crate::proto::repo_id::{IntoRepoId, RepoId};
use crate::proto::service::Service;
use crate::proto::url::{Endpoint, encode_into};

open_enum! {
    /// A key for `expand[]`: ask the Hub for these fields (and, on listings, only these plus
    /// `id`). `Other` passes any newer key through.
    ///
    /// ```
    /// use hf_providers::Expand;
    /// assert_eq!(Expand::InferenceProviderMapping.as_str(), "inferenceProviderMapping");
    /// assert_eq!(Expand::from_wire("safetensors"), Expand::Other("safetensors".into()));
    /// ```
    Expand {
        /// `author`.
        Author = "author",
        /// `createdAt`.
        CreatedAt = "createdAt",
        /// `disabled`.
        Disabled = "disabled",
        /// `downloads`.
        Downloads = "downloads",
        /// `downloadsAllTime`.
        DownloadsAllTime = "downloadsAllTime",
        /// `gated`.
        Gated = "gated",
        /// `inference`: whether the model is warm.
        Inference = "inference",
        /// `inferenceProviderMapping`: the providers serving it.
        InferenceProviderMapping = "inferenceProviderMapping",
        /// `lastModified`.
        LastModified = "lastModified",
        /// `library_name`.
        LibraryName = "library_name",
        /// `likes`.
        Likes = "likes",
        /// `pipeline_tag`.
        PipelineTag = "pipeline_tag",
        /// `private`.
        Private = "private",
        /// `sha`.
        Sha = "sha",
        /// `tags`.
        Tags = "tags",
        /// `trendingScore`.
        TrendingScore = "trendingScore",
    }
}

open_enum! {
    /// The field a listing is sorted by (descending unless [`Direction::Ascending`]).
    ///
    /// ```
    /// use hf_providers::Sort;
    /// assert_eq!(Sort::from_wire("trendingScore"), Sort::TrendingScore);
    /// ```
    Sort {
        /// `downloads`.
        Downloads = "downloads",
        /// `likes`.
        Likes = "likes",
        /// `trendingScore`.
        TrendingScore = "trendingScore",
        /// `createdAt`.
        CreatedAt = "createdAt",
        /// `lastModified`.
        LastModified = "lastModified",
    }
}

/// Sort order, sent as `direction=-1` or `direction=1`.
///
/// ```
/// use hf_providers::Direction;
/// assert_eq!(Direction::Ascending.to_string(), "ascending");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Direction {
    /// Largest first (the Hub's default).
    #[default]
    Descending,
    /// Smallest first.
    Ascending,
}

impl std::fmt::Display for Direction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Direction::Descending => "descending",
            Direction::Ascending => "ascending",
        })
    }
}

/// A model listing: `GET /api/models` with the Hub's filters.
///
/// Building is infallible; [`ListModels::to_ask`] validates and percent-encodes.
///
/// ```
/// use hf_providers::{Endpoint, ListModels};
///
/// let q = ListModels::new()
///     .inference_provider("sambanova")
///     .inference_provider("novita")
///     .pipeline_tag("image-text-to-text");
/// assert_eq!(
///     q.to_ask(&Endpoint::default())?.url(),
///     "https://huggingface.co/api/models?inference_provider=sambanova,novita&pipeline_tag=image-text-to-text",
/// );
/// # Ok::<(), hf_providers::InvalidInput>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListModels {
    providers: Vec<String>,
    warm: bool,
    pipeline_tag: Option<String>,
    search: Option<String>,
    author: Option<String>,
    library: Option<String>,
    filters: Vec<String>,
    gated: Option<bool>,
    num_parameters: Option<String>,
    sort: Option<Sort>,
    direction: Option<Direction>,
    pub(crate) limit: Option<usize>,
    full: bool,
    expand: Vec<Expand>,
    after: Option<Cursor>,
}

impl ListModels {
    /// A listing with no filter.
    #[must_use]
    pub fn new() -> ListModels {
        ListModels::default()
    }

    /// Only models served by `provider` (call again for several: they are sent comma-separated
    /// and a model served by any of them matches). `"all"` means any provider.
    #[must_use]
    pub fn inference_provider(mut self, provider: impl Into<String>) -> Self {
        self.providers.push(provider.into());
        self
    }

    /// Only models served by at least one provider (`inference_provider=all`).
    #[must_use]
    pub fn any_inference_provider(self) -> Self {
        self.inference_provider("all")
    }

    /// Only models that are warm: served by at least one provider now (`inference=warm`), as
    /// `huggingface_hub`'s `list_models(inference="warm")` asks.
    #[must_use]
    pub fn warm(mut self) -> Self {
        self.warm = true;
        self
    }

    /// Only models for this task, e.g. `text-to-image`.
    #[must_use]
    pub fn pipeline_tag(mut self, tag: impl Into<String>) -> Self {
        self.pipeline_tag = Some(tag.into());
        self
    }

    /// Only models whose id contains `text`.
    #[must_use]
    pub fn search(mut self, text: impl Into<String>) -> Self {
        self.search = Some(text.into());
        self
    }

    /// Only models owned by this user or organisation.
    #[must_use]
    pub fn author(mut self, author: impl Into<String>) -> Self {
        self.author = Some(author.into());
        self
    }

    /// Only models of this library, e.g. `transformers`.
    #[must_use]
    pub fn library(mut self, library: impl Into<String>) -> Self {
        self.library = Some(library.into());
        self
    }

    /// Only models with this tag (repeatable: all must match).
    #[must_use]
    pub fn filter(mut self, tag: impl Into<String>) -> Self {
        self.filters.push(tag.into());
        self
    }

    /// Only gated models (`true`), or only models that are not (`false`).
    #[must_use]
    pub fn gated(mut self, gated: bool) -> Self {
        self.gated = Some(gated);
        self
    }

    /// Only models with a parameter count in `range`, in the Hub's syntax: `min:6B,max:128B`,
    /// `min:6B` or `max:128B`.
    ///
    /// ```
    /// use hf_providers::{Endpoint, ListModels};
    ///
    /// let small = ListModels::new().any_inference_provider().num_parameters("max:8B").gated(false);
    /// assert_eq!(
    ///     small.to_ask(&Endpoint::default())?.url(),
    ///     "https://huggingface.co/api/models?inference_provider=all&gated=False&num_parameters=max%3A8B",
    /// );
    /// # Ok::<(), hf_providers::InvalidInput>(())
    /// ```
    #[must_use]
    pub fn num_parameters(mut self, range: impl Into<String>) -> Self {
        self.num_parameters = Some(range.into());
        self
    }

    /// Sort by this field.
    #[must_use]
    pub fn sort(mut self, sort: Sort) -> Self {
        self.sort = Some(sort);
        self
    }

    /// Sort order.
    #[must_use]
    pub fn direction(mut self, direction: Direction) -> Self {
        self.direction = Some(direction);
        self
    }

    /// Stop after `limit` models (pages are requested at most 1,000 at a time). With
    /// [`ListModels::after`], the limit counts from the cursor.
    #[must_use]
    pub fn limit(mut self, limit: usize) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Ask for the full model records (`full=true`).
    #[must_use]
    pub fn full(mut self, full: bool) -> Self {
        self.full = full;
        self
    }

    /// Ask for `key` (repeatable).
    #[must_use]
    pub fn expand(mut self, key: Expand) -> Self {
        self.expand.push(key);
        self
    }

    /// Resume a listing at `cursor` (from [`Page::next_cursor`](crate::Page::next_cursor),
    /// kept as long as you like): the listing starts with the page it names. The cursor
    /// carries the listing's filters, so the others set here are not sent; the limit still
    /// applies, counted from the cursor.
    ///
    /// ```
    /// use hf_providers::{Cursor, Endpoint, ListModels};
    ///
    /// let cursor: Cursor = "/api/models?inference_provider=all&cursor=Mg".parse()?;
    /// let query = ListModels::new().limit(500).after(cursor);
    /// let mirror = Endpoint::parse("http://127.0.0.1:8080")?;
    /// assert_eq!(query.to_ask(&mirror)?.url(), "http://127.0.0.1:8080/api/models?inference_provider=all&cursor=Mg");
    /// # Ok::<(), hf_providers::InvalidInput>(())
    /// ```
    #[must_use]
    pub fn after(mut self, cursor: Cursor) -> Self {
        self.after = Some(cursor);
        self
    }

    /// What the first page asks of the Hub at `endpoint`.
    ///
    /// # Errors
    ///
    /// [`InvalidInput`] for an empty or malformed provider name, or an empty value.
    pub fn to_ask(&self, endpoint: &Endpoint) -> Result<Ask, InvalidInput> {
        let ask = |url| Ask::get(url, Service::Hub, Subject::Other);
        if let Some(cursor) = &self.after {
            return Ok(ask(cursor.url(endpoint)));
        }
        let mut url = format!("{}/api/models", endpoint.as_str());
        let mut query = Query::new(&mut url);
        if !self.providers.is_empty() {
            for p in &self.providers {
                validate_provider(p)?;
            }
            query.key("inference_provider");
            for (i, p) in self.providers.iter().enumerate() {
                if i > 0 {
                    query.url.push(',');
                }
                encode_into(query.url, p);
            }
        }
        if self.warm {
            query.pair("inference", "warm")?;
        }
        query.opt("pipeline_tag", self.pipeline_tag.as_deref())?;
        query.opt("search", self.search.as_deref())?;
        query.opt("author", self.author.as_deref())?;
        query.opt("library", self.library.as_deref())?;
        for f in &self.filters {
            query.pair("filter", f)?;
        }
        // As `huggingface_hub` sends it: the words Python writes for a bool.
        query.opt(
            "gated",
            self.gated.map(|g| if g { "True" } else { "False" }),
        )?;
        query.opt("num_parameters", self.num_parameters.as_deref())?;
        query.opt("sort", self.sort.as_ref().map(Sort::as_str))?;
        query.opt(
            "direction",
            self.direction.map(|d| match d {
                Direction::Descending => "-1",
                Direction::Ascending => "1",
            }),
        )?;
        if let Some(limit) = self.limit {
            query.pair("limit", &limit.clamp(1, MAX_PAGE_SIZE).to_string())?;
        }
        if self.full {
            query.pair("full", "true")?;
        }
        query.expand(&self.expand)?;
        Ok(ask(url))
    }
}

/// The request for one model: `GET /api/models/{id}[/revision/{revision}]?expand[]=...`.
///
/// ```
/// use hf_providers::{Endpoint, Expand, GetModel};
///
/// let ask = GetModel::new("google/gemma-3-27b-it")?
///     .expand(Expand::Inference)
///     .to_ask(&Endpoint::default())?;
/// assert_eq!(ask.url(), "https://huggingface.co/api/models/google/gemma-3-27b-it?expand[]=inference");
/// # Ok::<(), hf_providers::InvalidInput>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetModel {
    id: RepoId,
    revision: Option<String>,
    expand: Vec<Expand>,
}

impl GetModel {
    /// The model `id`, validated now if it was not yet.
    ///
    /// # Errors
    ///
    /// [`InvalidInput`] when `id` is not a valid repo id (see [`RepoId`]).
    pub fn new(id: impl IntoRepoId) -> Result<GetModel, InvalidInput> {
        Ok(GetModel {
            id: id.into_repo_id()?,
            revision: None,
            expand: Vec::new(),
        })
    }

    /// At this branch, tag or commit (sent as one encoded path segment).
    #[must_use]
    pub fn revision(mut self, revision: impl Into<String>) -> Self {
        self.revision = Some(revision.into());
        self
    }

    /// Ask for `key` (repeatable).
    #[must_use]
    pub fn expand(mut self, key: Expand) -> Self {
        self.expand.push(key);
        self
    }

    /// The model id.
    pub fn id(&self) -> &RepoId {
        &self.id
    }

    /// What it asks of the Hub at `endpoint`.
    ///
    /// # Errors
    ///
    /// [`InvalidInput`] for an empty revision, or `.` or `..` (a step in the path, which a
    /// server or proxy would resolve to another resource).
    pub fn to_ask(&self, endpoint: &Endpoint) -> Result<Ask, InvalidInput> {
        let mut url = format!("{}/api/models/", endpoint.as_str());
        // A valid id needs no escaping, and its one `/` is a real path separator.
        url.push_str(self.id.as_str());
        if let Some(rev) = &self.revision {
            match rev.as_str() {
                "" => return Err(InvalidInput::new(InputKind::Revision, rev, "is empty")),
                "." | ".." => {
                    return Err(InvalidInput::new(
                        InputKind::Revision,
                        rev,
                        "is a path step",
                    ));
                }
                _ => {}
            }
            url.push_str("/revision/");
            encode_into(&mut url, rev);
        }
        Query::new(&mut url).expand(&self.expand)?;
        Ok(Ask::get(url, Service::Hub, Subject::Repository))
    }
}

/// The request for the router's catalog: `GET {router}/v1/models`, or one model of it,
/// `GET {router}/v1/models/{id}`.
///
/// ```
/// use hf_providers::{Endpoint, GetCatalog};
///
/// let router = Endpoint::router();
/// assert_eq!(GetCatalog::all().to_ask(&router).url(), "https://router.huggingface.co/v1/models");
/// assert_eq!(
///     GetCatalog::model("deepseek-ai/DeepSeek-V4-Pro")?.to_ask(&router).url(),
///     "https://router.huggingface.co/v1/models/deepseek-ai/DeepSeek-V4-Pro",
/// );
/// # Ok::<(), hf_providers::InvalidInput>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetCatalog {
    model: Option<RepoId>,
}

impl GetCatalog {
    /// The whole catalog (one answer: the router does not page it).
    #[must_use]
    pub fn all() -> GetCatalog {
        GetCatalog { model: None }
    }

    /// The catalog's entry for one model, validated now.
    ///
    /// # Errors
    ///
    /// [`InvalidInput`] when `id` is not a valid repo id (see [`RepoId`]).
    pub fn model(id: impl IntoRepoId) -> Result<GetCatalog, InvalidInput> {
        Ok(GetCatalog {
            model: Some(id.into_repo_id()?),
        })
    }

    /// What it asks of the router at `router`.
    pub fn to_ask(&self, router: &Endpoint) -> Ask {
        let mut url = format!("{}/v1/models", router.as_str());
        if let Some(id) = &self.model {
            // A valid id needs no escaping, and its one `/` is a real path separator.
            url.push('/');
            url.push_str(id.as_str());
        }
        Ask::get(url, Service::Router, Subject::Other)
    }
}

/// Provider names are slugs; anything else could not be sent in a comma-separated list, and
/// `.` or `..` would be a step up or nowhere in a path (`/api/partners/../models`).
pub(crate) fn validate_provider(provider: &str) -> Result<(), InvalidInput> {
    let ok = !matches!(provider, "" | "." | "..")
        && provider
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if ok {
        Ok(())
    } else {
        Err(InvalidInput::new(
            InputKind::Provider,
            provider,
            "must be ASCII letters, digits, `-`, `_` or `.`",
        ))
    }
}

/// Appends `?k=v&k=v...` to a URL, encoding every value.
struct Query<'a> {
    url: &'a mut String,
    first: bool,
}

impl<'a> Query<'a> {
    fn new(url: &'a mut String) -> Self {
        Query { url, first: true }
    }

    fn key(&mut self, key: &str) {
        self.url.push(if self.first { '?' } else { '&' });
        self.first = false;
        self.url.push_str(key);
        self.url.push('=');
    }

    fn pair(&mut self, key: &'static str, value: &str) -> Result<(), InvalidInput> {
        if value.is_empty() {
            return Err(InvalidInput::new(
                InputKind::Parameter,
                key,
                "has an empty value",
            ));
        }
        self.key(key);
        encode_into(self.url, value);
        Ok(())
    }

    fn opt(&mut self, key: &'static str, value: Option<&str>) -> Result<(), InvalidInput> {
        value.map_or(Ok(()), |v| self.pair(key, v))
    }

    fn expand(&mut self, keys: &[Expand]) -> Result<(), InvalidInput> {
        keys.iter()
            .try_for_each(|k| self.pair("expand[]", k.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(q: &ListModels) -> String {
        q.to_ask(&Endpoint::default()).unwrap().url().to_owned()
    }

    const HUB: &str = "https://huggingface.co/api/models";

    #[test]
    fn the_specs_examples() {
        assert_eq!(
            url(&ListModels::new().inference_provider("fireworks-ai")),
            format!("{HUB}?inference_provider=fireworks-ai")
        );
        assert_eq!(
            url(&ListModels::new()
                .inference_provider("fal-ai")
                .pipeline_tag("text-to-image")),
            format!("{HUB}?inference_provider=fal-ai&pipeline_tag=text-to-image")
        );
        assert_eq!(
            url(&ListModels::new()
                .inference_provider("sambanova")
                .inference_provider("novita")
                .pipeline_tag("image-text-to-text")),
            format!("{HUB}?inference_provider=sambanova,novita&pipeline_tag=image-text-to-text")
        );
        assert_eq!(
            url(&ListModels::new()
                .any_inference_provider()
                .pipeline_tag("text-to-video")),
            format!("{HUB}?inference_provider=all&pipeline_tag=text-to-video")
        );
    }

    #[test]
    fn every_parameter_in_a_fixed_order() {
        let q = ListModels::new()
            .expand(Expand::Inference)
            .full(true)
            .limit(5000)
            .direction(Direction::Ascending)
            .sort(Sort::Likes)
            .filter("text-generation-inference")
            .filter("license:mit")
            .library("transformers")
            .author("meta-llama")
            .search("Llama 3")
            .pipeline_tag("text-generation")
            .inference_provider("together")
            .warm()
            .expand(Expand::Other("safetensors".into()));
        assert_eq!(
            url(&q),
            format!(
                "{HUB}?inference_provider=together&inference=warm&pipeline_tag=text-generation\
                 &search=Llama%203&author=meta-llama&library=transformers\
                 &filter=text-generation-inference&filter=license%3Amit&sort=likes\
                 &direction=1&limit=1000&full=true&expand[]=inference&expand[]=safetensors"
            )
        );
        assert_eq!(url(&ListModels::new()), HUB);
        assert_eq!(url(&ListModels::new().limit(0)), format!("{HUB}?limit=1"));
        assert_eq!(
            url(&ListModels::new().direction(Direction::Descending)),
            format!("{HUB}?direction=-1")
        );
    }

    #[test]
    fn values_cannot_inject_parameters() {
        let q = ListModels::new()
            .search("x&inference_provider=all#frag")
            .author("a/b?c");
        assert_eq!(
            url(&q),
            format!("{HUB}?search=x%26inference_provider%3Dall%23frag&author=a%2Fb%3Fc")
        );
    }

    #[test]
    fn rejects_bad_values_before_any_request() {
        let endpoint = Endpoint::default();
        for q in [
            ListModels::new().inference_provider(""),
            ListModels::new().inference_provider("a,b"),
            ListModels::new().inference_provider("fal ai"),
            ListModels::new().search(""),
            ListModels::new().filter(""),
        ] {
            assert!(q.to_ask(&endpoint).is_err(), "{q:?}");
        }
    }

    #[test]
    fn model_info_urls() {
        let e = Endpoint::parse("http://127.0.0.1:9/prefix/").unwrap();
        let req = GetModel::new("gpt2")
            .unwrap()
            .revision("refs/pr/1")
            .expand(Expand::Inference)
            .expand(Expand::InferenceProviderMapping)
            .to_ask(&e)
            .unwrap();
        assert_eq!(
            req.url(),
            "http://127.0.0.1:9/prefix/api/models/gpt2/revision/refs%2Fpr%2F1\
             ?expand[]=inference&expand[]=inferenceProviderMapping"
        );
        assert!(GetModel::new("a/b/c").is_err());
        for bad in ["", ".", ".."] {
            let ask = GetModel::new("gpt2").unwrap().revision(bad).to_ask(&e);
            assert!(ask.is_err(), "{bad:?}");
        }
        let dots = GetModel::new("gpt2").unwrap().revision("v1..2").to_ask(&e);
        assert!(dots.unwrap().url().contains("/revision/v1..2"));
    }
}
