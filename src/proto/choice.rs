//! Which provider to call for a model, and why: the router's policies (`fastest`, its default,
//! `cheapest`, `preferred`, or a named provider) and the caller's needs, applied to the Hub's
//! mapping joined with the router's catalog. Pure: the same inputs give the same answer.
//!
//! (Named apart from [`url`](crate::proto::url)'s joining of links: this module chooses,
//! that one resolves references.)

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use crate::proto::catalog::{CatalogModel, CatalogProvider};
use crate::proto::error::{Error, InvalidInput, NoProviderReason};
use crate::proto::model::ProviderMapping;
use crate::proto::name::Name;
use crate::proto::query::validate_provider;
pub use crate::proto::verdict::{Exclusion, Loss, Verdict};

/// How to choose, as the router takes it after the model id (`MODEL:fastest`).
///
/// ```
/// use hf_providers::Policy;
/// assert_eq!("auto".parse::<Policy>().unwrap(), Policy::Auto);
/// assert_eq!("cheapest".parse::<Policy>().unwrap(), Policy::Cheapest);
/// assert_eq!("groq".parse::<Policy>().unwrap(), Policy::Named("groq".into()));
/// assert!("bad name".parse::<Policy>().is_err()); // a provider name is checked
/// assert_eq!(Policy::Named("groq".into()).to_string(), "groq");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Policy {
    /// What the router does when the model is named alone: `fastest` for a model in its
    /// catalog; otherwise `preferred` (the official clients take the Hub's first entry for
    /// other tasks, live or not: one that is not live cannot be called).
    #[default]
    Auto,
    /// The live provider with the highest throughput.
    Fastest,
    /// The live provider with the lowest output price, then input price.
    Cheapest,
    /// The first live provider in the Hub's order: the caller's own preference order.
    Preferred,
    /// This provider, which must be callable.
    Named(String),
}

impl Policy {
    /// How two providers compare under this policy, by their router entries: `Less` when `a` ranks
    /// first. `fastest`: higher throughput first; `cheapest`: lower output price, then lower input
    /// price. An entry without the metric ranks after those with it; ties are `Equal`, so a stable
    /// sort keeps the order given (the Hub's, or the catalog's). Other policies rank all alike.
    ///
    /// ```
    /// use std::cmp::Ordering;
    /// use hf_providers::{CatalogProvider, Policy};
    /// /// use hf_providers::{CatalogProvider, Policy};
    ///
    /// let (mut slow, mut fast) = (CatalogProvider::new("a"), CatalogProvider::new("b"));
    /// slow.throughput = Some(20.0);
    /// fast.throughput = Some(90.0);
    /// assert_eq!(Policy::Fastest.rank(Some(&fast), Some(&slow)), Ordering::Less);
    /// assert_eq!(Policy::Fastest.rank(None, Some(&slow)), Ordering::Greater);
    /// assert_eq!(Policy::Cheapest.rank(Some(&fast), Some(&slow)), Ordering::Equal);
    /// assert_eq!(Policy::Preferred.rank(None, Some(&slow)), Ordering::Equal);
    /// ```
    pub fn rank(&self, a: Option<&CatalogProvider>, b: Option<&CatalogProvider>) -> Ordering {
        let policy = self;
        // The metric as (primary, secondary), larger being better.
        let key = |p: Option<&CatalogProvider>| -> Option<(f64, f64)> {
            match policy {
                Policy::Fastest => p?.valid_throughput().map(|t| (t, 0.0)),
                Policy::Cheapest => {
                    let p = p?;
                    let input = p.input_price().map_or(f64::NEG_INFINITY, |i| -i);
                    p.output_price().map(|o| (-o, input))
                }
                _ => Some((0.0, 0.0)),
            }
        };
        match (key(a), key(b)) {
            (Some(a), Some(b)) => b.0.total_cmp(&a.0).then(b.1.total_cmp(&a.1)),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    }

    /// Sorts `items` by [`Policy::rank`] of the router entry `entry` gives each, ties kept in
    /// their order (a stable sort, O(n log n)): the catalog ordered as this policy would choose.
    ///
    /// ```
    /// use hf_providers::{CatalogProvider, Policy};
    ///
    /// let entry = |name: &'static str, tokens_per_s: f64| {
    ///     let mut p = CatalogProvider::new(name);
    ///     p.throughput = Some(tokens_per_s);
    ///     p
    /// };
    /// let mut rows = vec![entry("a", 20.0), entry("b", 90.0), CatalogProvider::new("c"), entry("d", 90.0)];
    /// Policy::Fastest.sort(&mut rows, |p| Some(p));
    /// let names: Vec<&str> = rows.iter().map(|p| p.provider.as_str()).collect();
    /// assert_eq!(names, ["b", "d", "a", "c"]);
    /// ```
    pub fn sort<T>(&self, items: &mut Vec<T>, entry: impl Fn(&T) -> Option<&CatalogProvider>) {
        let mut ranked: Vec<(usize, T)> = items.drain(..).enumerate().collect();
        crate::proto::sort::sort_by(&mut ranked, |(i, a), (j, b)| {
            self.rank(entry(a), entry(b)).then(i.cmp(j)) == Ordering::Less
        });
        items.extend(ranked.into_iter().map(|(_, item)| item));
    }

    /// Whether this policy ranks by the router's metrics, which exist only for a model in its
    /// catalog.
    pub fn needs_metrics(&self) -> bool {
        matches!(self, Policy::Fastest | Policy::Cheapest)
    }
}

impl FromStr for Policy {
    type Err = InvalidInput;

    /// A policy, or a provider name (ASCII letters, digits, `-`, `_`, `.`).
    fn from_str(s: &str) -> Result<Self, InvalidInput> {
        Ok(match s {
            "auto" => Policy::Auto,
            "fastest" => Policy::Fastest,
            "cheapest" => Policy::Cheapest,
            "preferred" => Policy::Preferred,
            name => {
                validate_provider(name)?;
                Policy::Named(name.to_owned())
            }
        })
    }
}

impl fmt::Display for Policy {
    /// As the router and the command line take it: `auto`, `fastest`, ... or the name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Policy::Auto => "auto",
            Policy::Fastest => "fastest",
            Policy::Cheapest => "cheapest",
            Policy::Preferred => "preferred",
            Policy::Named(name) => name,
        })
    }
}

/// What the caller needs from a provider. A provider whose catalog entry does not say (or
/// that has none) does not meet a need.
///
/// ```
/// use hf_providers::Needs;
/// let needs = Needs::new().tools().min_context(100_000).max_output_price(1.0);
/// assert!(needs.tools && !needs.structured_output);
/// assert!(Needs::new().is_empty());
/// assert_eq!(Needs::new().task("text-to-image").task.as_deref(), Some("text-to-image"));
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct Needs {
    /// A mapping for this task: the one the caller will call (a pipeline tag, or
    /// `conversational` for chat). Checked against the Hub's mapping, so [`Needs::unmet`],
    /// which sees only the router's entry, leaves it out.
    pub task: Option<Name>,
    /// Tool calling.
    pub tools: bool,
    /// Structured output.
    pub structured_output: bool,
    /// At least this context length, in tokens.
    pub min_context: Option<u64>,
    /// At most this price per million output tokens, in USD.
    pub max_output_price: Option<f64>,
}

impl Needs {
    /// No needs.
    #[must_use]
    pub fn new() -> Needs {
        Needs::default()
    }

    /// Needs a provider mapped for `task`: the official clients refuse to call a provider
    /// whose mapping is for another task.
    #[must_use]
    pub fn task(mut self, task: impl Into<Name>) -> Needs {
        self.task = Some(task.into());
        self
    }

    /// Needs tool calling.
    #[must_use]
    pub fn tools(mut self) -> Needs {
        self.tools = true;
        self
    }

    /// Needs structured output.
    #[must_use]
    pub fn structured_output(mut self) -> Needs {
        self.structured_output = true;
        self
    }

    /// Needs a context of at least `tokens`.
    #[must_use]
    pub fn min_context(mut self, tokens: u64) -> Needs {
        self.min_context = Some(tokens);
        self
    }

    /// Needs an output price of at most `usd` per million tokens.
    #[must_use]
    pub fn max_output_price(mut self, usd: f64) -> Needs {
        self.max_output_price = Some(usd);
        self
    }

    /// Whether nothing is needed.
    pub fn is_empty(&self) -> bool {
        *self == Needs::default()
    }

    /// Whether a need only the router's catalog can tell (all but the task).
    fn need_the_router(&self) -> bool {
        self.tools
            || self.structured_output
            || self.min_context.is_some()
            || self.max_output_price.is_some()
    }

    /// The first need a provider with this router entry misses (`None`: it meets them all).
    /// Without an entry, or without the data, a need is not met.
    ///
    /// ```
    /// use hf_providers::{CatalogProvider, Exclusion, Needs};
    ///
    /// let mut p = CatalogProvider::new("groq");
    /// p.context_length = Some(32_768);
    /// assert_eq!(Needs::new().min_context(100_000).unmet(Some(&p)), Some(Exclusion::ContextTooShort { context: 32_768, min: 100_000 }));
    /// assert_eq!(Needs::new().tools().unmet(Some(&p)), Some(Exclusion::ToolsUnknown));
    /// assert_eq!(Needs::new().unmet(None), None);
    /// ```
    pub fn unmet(&self, router: Option<&CatalogProvider>) -> Option<Exclusion> {
        let flag =
            |get: fn(&CatalogProvider) -> Option<bool>, no, unknown| match router.and_then(get) {
                Some(true) => None,
                Some(false) => Some(no),
                None => Some(unknown),
            };
        if self.tools {
            if let Some(why) = flag(
                |r| r.supports_tools,
                Exclusion::NoTools,
                Exclusion::ToolsUnknown,
            ) {
                return Some(why);
            }
        }
        if self.structured_output {
            if let Some(why) = flag(
                |r| r.supports_structured_output,
                Exclusion::NoStructuredOutput,
                Exclusion::StructuredOutputUnknown,
            ) {
                return Some(why);
            }
        }
        if let Some(min) = self.min_context {
            match router.map(|r| (r.context_length, r.valid_context_length())) {
                Some((_, Some(context))) if context >= min => {}
                Some((_, Some(context))) => {
                    return Some(Exclusion::ContextTooShort { context, min });
                }
                Some((Some(_), None)) => return Some(Exclusion::ContextInvalid),
                _ => return Some(Exclusion::ContextUnknown),
            }
        }
        if let Some(max) = self.max_output_price {
            match router.and_then(CatalogProvider::output_price) {
                Some(output) if output <= max => {}
                Some(output) => return Some(Exclusion::TooExpensive { output, max }),
                None if router.is_some_and(CatalogProvider::has_invalid_price) => {
                    return Some(Exclusion::PriceInvalid);
                }
                None => return Some(Exclusion::PriceUnknown),
            }
        }
        None
    }
}

/// One provider of the Hub's mapping, joined with its entry in the router's catalog.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "miniserde", derive(miniserde::Serialize))]
pub struct ProviderDetails {
    /// The Hub's entry: provider, provider id, task, status.
    pub mapping: ProviderMapping,
    /// The router's entry, when the catalog lists the model with this provider.
    pub router: Option<CatalogProvider>,
}

impl ProviderDetails {
    /// `mapping`, with its entry in the router's catalog if it has one.
    pub fn new(mapping: ProviderMapping, router: Option<CatalogProvider>) -> ProviderDetails {
        ProviderDetails { mapping, router }
    }

    /// The numbers to judge this provider by: the router's entry, else what the Hub's entry
    /// said of them ([`ProviderMapping::hub_metrics`]).
    pub fn metrics(&self) -> Option<&CatalogProvider> {
        self.router.as_ref().or(self.mapping.hub_metrics.as_ref())
    }
}

/// The Hub's `mapping` in its order, each entry with its router entry from `model` (the
/// catalog's entry for the model, if it has one).
pub fn join(mapping: &[ProviderMapping], model: Option<&CatalogModel>) -> Vec<ProviderDetails> {
    // The router's providers by name, sorted once: a lookup each is O(log n), whatever the
    // sizes a server sends.
    // Ties are broken by position, so a provider listed twice is found by its first entry.
    let mut by_name: Vec<(&str, usize, &CatalogProvider)> = model.map_or_else(Vec::new, |m| {
        let providers = m.providers.iter().enumerate();
        providers
            .map(|(i, p)| (p.provider.as_str(), i, p))
            .collect()
    });
    crate::proto::sort::sort_by(&mut by_name, |a, b| (a.0, a.1) < (b.0, b.1));
    let find = |name: &str| {
        let at = by_name.partition_point(|&(n, _, _)| n < name);
        by_name
            .get(at)
            .filter(|&&(n, _, _)| n == name)
            .map(|&(_, _, p)| p.clone())
    };
    mapping
        .iter()
        .map(|m| ProviderDetails {
            mapping: m.clone(),
            router: find(&m.provider),
        })
        .collect()
}

/// Whether the router's catalog lists the model.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum InCatalog {
    /// Listed: the router publishes metrics for it, and routes only to its live entries.
    Listed,
    /// Not listed (the catalog lists chat models only).
    NotListed,
    /// The catalog could not be read; the choice was made from the Hub's mapping alone.
    Unavailable(Error),
}

/// One provider of the mapping and what became of it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Candidate {
    /// The Hub's entry.
    pub mapping: ProviderMapping,
    /// The router's entry, when the catalog lists the model with this provider.
    pub router: Option<CatalogProvider>,
    /// Chosen, lost, or excluded, and why.
    pub verdict: Verdict,
}

impl Candidate {
    /// The numbers this candidate was judged by: the router's entry, else what the Hub's
    /// entry said of them ([`ProviderMapping::hub_metrics`]).
    pub fn metrics(&self) -> Option<&CatalogProvider> {
        self.router.as_ref().or(self.mapping.hub_metrics.as_ref())
    }
}

/// The whole decision for one model: the policy applied, every provider of the mapping (in
/// the Hub's order) with its verdict, and the one chosen, if any.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Decision {
    /// The model id.
    pub model: String,
    /// The policy asked for.
    pub asked: Policy,
    /// The policy applied: what `auto` became, else the one asked for.
    pub applied: Policy,
    /// Whether the router's catalog lists the model.
    pub in_catalog: InCatalog,
    /// Every provider of the mapping, in the Hub's order.
    pub candidates: Vec<Candidate>,
    chosen: Result<usize, NoProviderReason>,
}

impl Decision {
    /// The provider to call, if one qualifies.
    pub fn chosen(&self) -> Option<&Candidate> {
        self.chosen.as_ref().ok().map(|&i| &self.candidates[i])
    }

    /// What the router takes to call the chosen provider: `MODEL:PROVIDER`.
    pub fn route(&self) -> Option<String> {
        self.chosen()
            .map(|c| format!("{}:{}", self.model, c.mapping.provider))
    }

    /// Why no provider was chosen; `None` when one was.
    pub fn no_provider(&self) -> Option<&NoProviderReason> {
        self.chosen.as_ref().err()
    }

    /// The candidate chosen, or the [`Error::NoProvider`] saying why none was.
    ///
    /// # Errors
    ///
    /// [`Error::NoProvider`] when no provider qualifies.
    pub fn into_candidate(mut self) -> Result<Candidate, Error> {
        match self.chosen {
            Ok(i) => Ok(self.candidates.swap_remove(i)),
            Err(reason) => Err(no_provider(self.model, reason)),
        }
    }

    /// This decision if a provider was chosen, else the [`Error::NoProvider`] saying why.
    ///
    /// # Errors
    ///
    /// [`Error::NoProvider`] when no provider qualifies.
    pub fn into_chosen(self) -> Result<Decision, Error> {
        match &self.chosen {
            Ok(_) => Ok(self),
            Err(reason) => Err(no_provider(self.model, reason.clone())),
        }
    }
}

/// The error for no provider, with the servers' texts it holds (an unknown status, a task) cut
/// to a readable length.
fn no_provider(model: String, reason: NoProviderReason) -> Error {
    Error::NoProvider { model, reason }.scrubbed(None)
}

/// Chooses a provider for `model` from its `mapping` (in the Hub's order) and `catalog`: the
/// router's entry for the model (`Ok(None)`: not listed; `Err`: could not be read).
///
/// - Candidates are the entries `live` on the Hub and, when the catalog lists the model, live
///   in the router; those that miss a need are excluded.
/// - `fastest` ranks by throughput, `cheapest` by output then input price, `preferred` by the
///   Hub's order; ties, and candidates without the metric, follow the Hub's order after those
///   that have it. `auto` is `fastest` for a model in the catalog, else `preferred`.
/// - `fastest` and `cheapest` need the catalog to list the model, or the Hub's mapping to
///   carry the numbers itself ([`ProviderMapping::hub_metrics`]); a named provider must be a
///   candidate.
///
/// ```
/// use hf_providers::proto::choose;
/// use hf_providers::{CatalogModel, CatalogProvider, Needs, Policy, ProviderMapping, ProviderStatus, RouterStatus};
///
/// let mapping = [
///     ProviderMapping::new("novita", "deepseek/v4", ProviderStatus::Live, "conversational"),
///     ProviderMapping::new("together", "deepseek-ai/V4", ProviderStatus::Live, "conversational"),
/// ];
/// let entry = |name: &'static str, throughput: f64| {
///     let mut p = CatalogProvider::new(name);
///     p.status = Some(RouterStatus::Live);
///     p.throughput = Some(throughput);
///     p
/// };
/// let mut model = CatalogModel::new("deepseek-ai/DeepSeek-V4-Pro");
/// model.providers = vec![entry("novita", 24.7), entry("together", 40.1)];
///
/// let choice = choose(&model.id, &mapping, Ok(Some(&model)), &Policy::Auto, &Needs::new())?;
/// assert_eq!(choice.applied, Policy::Fastest);
/// assert_eq!(choice.route().as_deref(), Some("deepseek-ai/DeepSeek-V4-Pro:together"));
/// assert_eq!(choice.candidates[0].verdict.to_string(), "slower");
///
/// let preferred = choose(&model.id, &mapping, Ok(Some(&model)), &Policy::Preferred, &Needs::new())?;
/// assert_eq!(preferred.chosen().unwrap().mapping.provider, "novita");
/// # Ok::<(), hf_providers::Error>(())
/// ```
///
/// # Errors
///
/// The catalog's error when it could not be read and the choice needs it: `fastest`,
/// `cheapest`, or any need but the task, unless the Hub's mapping carries the numbers itself (a listing's
/// mapping can; a model's own answer does not). (`auto`,
/// `preferred` and a named provider are chosen from the Hub's mapping alone, and the decision
/// says so.)
pub fn choose(
    model: &str,
    mapping: &[ProviderMapping],
    catalog: Result<Option<&CatalogModel>, Error>,
    asked: &Policy,
    needs: &Needs,
) -> Result<Decision, Error> {
    // The Hub's listing may say what the catalog would: then the catalog is not indispensable.
    let hub_metrics = mapping.iter().any(|m| m.hub_metrics.is_some());
    let (in_catalog, listed) = match catalog {
        Ok(Some(entry)) => (InCatalog::Listed, Some(entry)),
        Ok(None) => (InCatalog::NotListed, None),
        Err(e) if !hub_metrics && (asked.needs_metrics() || needs.need_the_router()) => {
            return Err(e);
        }
        Err(e) => (InCatalog::Unavailable(e), None),
    };
    let applied = match asked {
        Policy::Auto if listed.is_some() => Policy::Fastest,
        Policy::Auto => Policy::Preferred,
        other => other.clone(),
    };
    let mut candidates: Vec<Candidate> = join(mapping, listed)
        .into_iter()
        .map(|details| {
            let verdict = match exclusion(&details, listed.is_some(), needs) {
                Some(why) => Verdict::Excluded(why),
                None => Verdict::Lost(Loss::LaterInOrder),
            };
            Candidate {
                mapping: details.mapping,
                router: details.router,
                verdict,
            }
        })
        .collect();
    let chosen = match &applied {
        Policy::Named(name) => named(&mut candidates, name),
        metric if metric.needs_metrics() && listed.is_none() && !hub_metrics => {
            let loss = match metric {
                Policy::Fastest => Loss::NoThroughput,
                _ => Loss::NoPrice,
            };
            set_losses(&mut candidates, |_| loss);
            Err(NoProviderReason::NoMetrics)
        }
        ranked => rank(&mut candidates, ranked),
    };
    // The most telling reason: about the provider asked for by name, else about the mapping.
    let chosen = chosen.map_err(|reason| match reason {
        named @ (NoProviderReason::NotServedBy { .. }
        | NoProviderReason::NotLive { .. }
        | NoProviderReason::Excluded { .. }) => named,
        _ if mapping.is_empty() => NoProviderReason::NoneServes,
        NoProviderReason::NoMetrics => NoProviderReason::NoMetrics,
        _ if !mapping.iter().any(ProviderMapping::is_live) => NoProviderReason::NoneLive,
        other => other,
    });
    Ok(Decision {
        model: model.to_owned(),
        asked: asked.clone(),
        applied,
        in_catalog,
        candidates,
        chosen,
    })
}

/// Why `details` cannot be chosen, if it cannot: the first rule it breaks, in the order the
/// Hub's status and task, the router's status, then the other needs.
fn exclusion(details: &ProviderDetails, listed: bool, needs: &Needs) -> Option<Exclusion> {
    let router = details.router.as_ref();
    if !details.mapping.is_live() {
        return Some(Exclusion::HubStatus(details.mapping.status.clone()));
    }
    if needs
        .task
        .as_ref()
        .is_some_and(|task| *task != details.mapping.task)
    {
        return Some(Exclusion::OtherTask(details.mapping.task.clone()));
    }
    if listed {
        match router {
            None => return Some(Exclusion::NotRouted),
            Some(r) if !r.is_live() => return Some(Exclusion::RouterStatus(r.status.clone())),
            Some(_) => {}
        }
    }
    needs.unmet(details.metrics())
}

fn is_candidate(c: &Candidate) -> bool {
    !matches!(c.verdict, Verdict::Excluded(_))
}

/// Sets the loss of every candidate not excluded.
fn set_losses(candidates: &mut [Candidate], loss: impl Fn(&Candidate) -> Loss) {
    for c in candidates.iter_mut().filter(|c| is_candidate(c)) {
        c.verdict = Verdict::Lost(loss(c));
    }
}

fn named(candidates: &mut [Candidate], name: &str) -> Result<usize, NoProviderReason> {
    set_losses(candidates, |_| Loss::NotNamed);
    let Some(i) = candidates.iter().position(|c| c.mapping.provider == name) else {
        return Err(NoProviderReason::NotServedBy {
            provider: name.to_owned(),
        });
    };
    let c = &mut candidates[i];
    match &c.verdict {
        Verdict::Excluded(Exclusion::HubStatus(status)) => Err(NoProviderReason::NotLive {
            provider: name.to_owned(),
            status: status.clone(),
        }),
        Verdict::Excluded(why) => Err(NoProviderReason::Excluded {
            provider: name.to_owned(),
            why: why.clone(),
        }),
        _ => {
            c.verdict = Verdict::Chosen;
            Ok(i)
        }
    }
}

/// Why `p` has no metric `policy` ranks by, if it has none: it sent none, or one that cannot
/// be true.
fn missing_metric(policy: &Policy, p: Option<&CatalogProvider>) -> Option<Loss> {
    match policy {
        Policy::Fastest if p.and_then(CatalogProvider::valid_throughput).is_none() => {
            Some(match p.and_then(|p| p.throughput) {
                Some(_) => Loss::InvalidThroughput,
                None => Loss::NoThroughput,
            })
        }
        Policy::Cheapest if p.and_then(CatalogProvider::output_price).is_none() => {
            Some(match p.is_some_and(CatalogProvider::has_invalid_price) {
                true => Loss::InvalidPrice,
                false => Loss::NoPrice,
            })
        }
        _ => None,
    }
}

/// The best candidate by `policy`: the first of the best in the Hub's order.
fn rank(candidates: &mut [Candidate], policy: &Policy) -> Result<usize, NoProviderReason> {
    let mut best: Option<usize> = None;
    for (i, c) in candidates
        .iter()
        .enumerate()
        .filter(|(_, c)| is_candidate(c))
    {
        let replaces = best
            .is_none_or(|b| policy.rank(c.metrics(), candidates[b].metrics()) == Ordering::Less);
        if replaces {
            best = Some(i);
        }
    }
    let best = best.ok_or(NoProviderReason::NoneQualifies)?;
    let winner = candidates[best].metrics().cloned();
    let worse = match policy {
        Policy::Fastest => Loss::Slower,
        Policy::Cheapest => Loss::Dearer,
        _ => Loss::LaterInOrder,
    };
    set_losses(candidates, |c| {
        if let Some(missing) = missing_metric(policy, c.metrics()) {
            missing
        } else if policy.rank(c.metrics(), winner.as_ref()) == Ordering::Greater {
            worse
        } else {
            Loss::LaterInOrder
        }
    });
    candidates[best].verdict = Verdict::Chosen;
    Ok(best)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::catalog::{Pricing, RouterStatus};
    use crate::proto::model::ProviderStatus;

    #[test]
    fn a_provider_the_catalog_lists_twice_is_joined_to_its_first_entry() {
        let listed: Vec<CatalogProvider> = (0..20)
            .map(|i| {
                routed(
                    if i % 3 == 0 { "groq" } else { "novita" },
                    Some(f64::from(i)),
                    None,
                )
            })
            .collect();
        let details = join(
            &[entry("novita", "live"), entry("groq", "live")],
            Some(&catalog(listed)),
        );
        let throughput = |d: &ProviderDetails| d.router.as_ref().and_then(|r| r.throughput);
        assert_eq!(throughput(&details[0]), Some(1.0));
        assert_eq!(throughput(&details[1]), Some(0.0));
    }

    fn entry(provider: &'static str, status: &str) -> ProviderMapping {
        ProviderMapping::new(provider, "id", ProviderStatus::from_wire(status), "task")
    }

    fn routed(
        provider: &'static str,
        throughput: Option<f64>,
        price: Option<(f64, f64)>,
    ) -> CatalogProvider {
        let mut p = CatalogProvider::new(provider);
        p.status = Some(RouterStatus::Live);
        p.throughput = throughput;
        p.pricing = price.map(|(i, o)| Pricing::new(Some(i), Some(o)));
        p
    }

    fn catalog(providers: Vec<CatalogProvider>) -> CatalogModel {
        CatalogModel {
            providers,
            ..CatalogModel::new("m")
        }
    }

    fn pick(
        mapping: &[ProviderMapping],
        model: Option<&CatalogModel>,
        asked: &str,
        needs: &Needs,
    ) -> Decision {
        choose("m", mapping, Ok(model), &asked.parse().unwrap(), needs).unwrap()
    }

    fn chosen(choice: &Decision) -> &str {
        &choice
            .chosen()
            .unwrap_or_else(|| panic!("{choice:?}"))
            .mapping
            .provider
    }

    fn verdicts(choice: &Decision) -> Vec<String> {
        choice
            .candidates
            .iter()
            .map(|c| format!("{}: {}", c.mapping.provider, c.verdict))
            .collect()
    }

    /// Hub order a, b, c, d; speed order c, b, a (d has no throughput); price order b, a, c.
    fn three_orders() -> (Vec<ProviderMapping>, CatalogModel) {
        let mapping = vec![
            entry("a", "live"),
            entry("b", "live"),
            entry("c", "live"),
            entry("d", "live"),
        ];
        let model = catalog(vec![
            routed("c", Some(90.0), Some((3.0, 9.0))),
            routed("a", Some(30.0), Some((1.0, 4.0))),
            routed("b", Some(60.0), Some((2.0, 2.0))),
            routed("d", None, None),
        ]);
        (mapping, model)
    }

    /// A mapping entry whose listing said its throughput and output price.
    fn with_hub_metrics(provider: &'static str, throughput: f64, output: f64) -> ProviderMapping {
        let mut m = entry(provider, "live");
        let mut p = CatalogProvider::new(provider);
        p.throughput = Some(throughput);
        p.pricing = Some(Pricing::new(None, Some(output)));
        m.hub_metrics = Some(p);
        m
    }

    #[test]
    fn the_hubs_numbers_stand_in_where_the_catalog_has_none() {
        let mapping = vec![
            entry("a", "live"),
            with_hub_metrics("b", 10.0, 1.0),
            with_hub_metrics("c", 50.0, 9.0),
        ];
        let none = Needs::new();
        // Not in the catalog: the Hub's numbers rank.
        assert_eq!(chosen(&pick(&mapping, None, "fastest", &none)), "c");
        assert_eq!(chosen(&pick(&mapping, None, "cheapest", &none)), "b");
        // The catalog down: still a choice, from the Hub's numbers, and it says so.
        let down = Error::Decode {
            what: "router catalog",
            detail: "x".into(),
        };
        let choice = choose("m", &mapping, Err(down), &Policy::Fastest, &none).unwrap();
        assert_eq!(chosen(&choice), "c");
        assert!(matches!(choice.in_catalog, InCatalog::Unavailable(_)));
        // A need is met by the Hub's numbers, too.
        let mut cheap = Needs::new();
        cheap.max_output_price = Some(2.0);
        let choice = pick(&mapping, None, "preferred", &cheap);
        assert_eq!(
            verdicts(&choice),
            [
                "a: output price unknown",
                "b: chosen",
                "c: output price 9 > 2"
            ]
        );
        // The router's entry, where it has one, wins over the Hub's.
        let model = catalog(vec![
            routed("a", Some(1.0), None),
            routed("b", Some(99.0), None),
            routed("c", Some(2.0), None),
        ]);
        assert_eq!(chosen(&pick(&mapping, Some(&model), "fastest", &none)), "b");
        // Without a number anywhere, no metric to rank by.
        let bare = [entry("a", "live")];
        let choice = pick(&bare, None, "fastest", &none);
        assert_eq!(choice.no_provider(), Some(&NoProviderReason::NoMetrics));
    }

    #[test]
    fn each_policy_ranks_by_its_own_order() {
        let (mapping, model) = three_orders();
        let none = Needs::new();
        let fastest = pick(&mapping, Some(&model), "fastest", &none);
        assert_eq!(chosen(&fastest), "c");
        assert_eq!(
            verdicts(&fastest),
            [
                "a: slower",
                "b: slower",
                "c: chosen",
                "d: no throughput published"
            ]
        );
        let cheapest = pick(&mapping, Some(&model), "cheapest", &none);
        assert_eq!(chosen(&cheapest), "b");
        assert_eq!(
            verdicts(&cheapest),
            [
                "a: dearer",
                "b: chosen",
                "c: dearer",
                "d: no price published"
            ]
        );
        let preferred = pick(&mapping, Some(&model), "preferred", &none);
        assert_eq!(chosen(&preferred), "a");
        assert_eq!(
            preferred.candidates[3].verdict,
            Verdict::Lost(Loss::LaterInOrder)
        );
        assert_eq!(preferred.route().as_deref(), Some("m:a"));
    }

    #[test]
    fn a_task_need_keeps_the_providers_mapped_for_it() {
        let (mut mapping, model) = three_orders();
        mapping[2].task = "conversational".into();
        let chat = Needs::new().task("conversational");
        let fastest = pick(&mapping, Some(&model), "fastest", &chat);
        assert_eq!(chosen(&fastest), "c");
        assert_eq!(verdicts(&fastest)[0], "a: mapped for task");
        let image = Needs::new().task("task");
        assert_eq!(
            chosen(&pick(&mapping, Some(&model), "fastest", &image)),
            "b"
        );
        assert_eq!(chosen(&pick(&mapping, None, "auto", &image)), "a");
        // The task is the Hub's to tell: without the catalog, the choice still stands.
        let down = Err(Error::BodyTooLarge { limit: 1 });
        let alone = choose("m", &mapping, down, &Policy::Auto, &image).unwrap();
        assert_eq!(chosen(&alone), "a");
        let named = choose(
            "m",
            &mapping,
            Ok(Some(&model)),
            &"c".parse().unwrap(),
            &image,
        );
        let named = named.unwrap();
        assert_eq!(
            named.no_provider().unwrap(),
            &NoProviderReason::Excluded {
                provider: "c".into(),
                why: Exclusion::OtherTask("conversational".into())
            }
        );
    }

    #[test]
    fn the_error_for_no_provider_cuts_a_servers_long_text() {
        let long = "s".repeat(100_000);
        let mapping = [entry("a", &long)];
        let named = pick(&mapping, None, "a", &Needs::new())
            .into_chosen()
            .unwrap_err();
        let shown = named.to_string();
        assert!(shown.len() < 1_000, "{} bytes", shown.len());
        let task = Needs::new().task("text-to-image");
        let mut other = entry("a", "live");
        other.task = long.clone().into();
        let named = pick(&[other], None, "a", &task)
            .into_candidate()
            .unwrap_err();
        assert!(named.to_string().len() < 1_000);
    }

    #[test]
    fn auto_is_fastest_in_the_catalog_and_preferred_outside_it() {
        let (mapping, model) = three_orders();
        let listed = pick(&mapping, Some(&model), "auto", &Needs::new());
        assert_eq!(
            (listed.applied.clone(), chosen(&listed)),
            (Policy::Fastest, "c")
        );
        assert_eq!(listed.asked, Policy::Auto);
        assert_eq!(listed.in_catalog, InCatalog::Listed);
        let unlisted = pick(&mapping, None, "auto", &Needs::new());
        assert_eq!(
            (unlisted.applied.clone(), chosen(&unlisted)),
            (Policy::Preferred, "a")
        );
        assert_eq!(unlisted.in_catalog, InCatalog::NotListed);
    }

    #[test]
    fn an_unreadable_catalog_leaves_the_hubs_order() {
        let (mapping, _) = three_orders();
        let down = Error::BodyTooLarge { limit: 1 };
        let choice = choose(
            "m",
            &mapping,
            Err(down.clone()),
            &Policy::Auto,
            &Needs::new(),
        )
        .unwrap();
        assert_eq!(
            (choice.applied.clone(), chosen(&choice)),
            (Policy::Preferred, "a")
        );
        assert_eq!(choice.in_catalog, InCatalog::Unavailable(down.clone()));
        // A choice that needs the catalog fails with its error.
        for (policy, needs) in [
            (Policy::Fastest, Needs::new()),
            (Policy::Cheapest, Needs::new()),
            (Policy::Auto, Needs::new().tools()),
        ] {
            let e = choose("m", &mapping, Err(down.clone()), &policy, &needs).unwrap_err();
            assert_eq!(e, down, "{policy}");
        }
    }

    #[test]
    fn ties_and_missing_metrics_follow_the_hubs_order() {
        let mapping = vec![entry("x", "live"), entry("y", "live"), entry("z", "live")];
        let model = catalog(vec![
            routed("x", None, None),
            routed("y", Some(50.0), Some((1.0, 2.0))),
            routed("z", Some(50.0), Some((1.0, 2.0))),
        ]);
        let fastest = pick(&mapping, Some(&model), "fastest", &Needs::new());
        assert_eq!(
            verdicts(&fastest),
            [
                "x: no throughput published",
                "y: chosen",
                "z: later in the Hub's order"
            ]
        );
        let cheapest = pick(&mapping, Some(&model), "cheapest", &Needs::new());
        assert_eq!(chosen(&cheapest), "y");
        // Nobody has the metric: the Hub's order decides.
        let bare = catalog(vec![routed("x", None, None), routed("y", None, None)]);
        let fastest = pick(&mapping[..2], Some(&bare), "fastest", &Needs::new());
        assert_eq!(
            verdicts(&fastest),
            ["x: chosen", "y: no throughput published"]
        );
    }

    #[test]
    fn cheapest_breaks_an_output_price_tie_by_input_price() {
        let mapping = vec![entry("x", "live"), entry("y", "live"), entry("z", "live")];
        let mut no_input = routed("z", None, None);
        no_input.pricing = Some(Pricing::new(None, Some(2.0)));
        let model = catalog(vec![
            routed("x", None, Some((1.5, 2.0))),
            routed("y", None, Some((0.5, 2.0))),
            no_input,
        ]);
        let choice = pick(&mapping, Some(&model), "cheapest", &Needs::new());
        assert_eq!(verdicts(&choice), ["x: dearer", "y: chosen", "z: dearer"]);
    }

    #[test]
    fn only_live_providers_on_both_sides_are_candidates() {
        let mapping = vec![
            entry("staged", "staging"),
            entry("broken", "error"),
            entry("down", "live"),
            entry("unrouted", "live"),
            entry("ok", "live"),
        ];
        let mut down = routed("down", Some(999.0), None);
        down.status = Some(RouterStatus::Error);
        let model = catalog(vec![down, routed("ok", Some(1.0), None)]);
        let choice = pick(&mapping, Some(&model), "fastest", &Needs::new());
        assert_eq!(
            verdicts(&choice),
            [
                "staged: staging on the Hub",
                "broken: error on the Hub",
                "down: error in the router",
                "unrouted: not in the router's catalog",
                "ok: chosen"
            ]
        );
        // Not listed: the router's catalog has nothing to say about the providers.
        let unlisted = pick(&mapping, None, "preferred", &Needs::new());
        assert_eq!(chosen(&unlisted), "down");
    }

    #[test]
    fn needs_exclude_and_missing_data_does_not_meet_a_need() {
        let mapping = vec![
            entry("a", "live"),
            entry("b", "live"),
            entry("c", "live"),
            entry("d", "live"),
        ];
        let mut a = routed("a", Some(9.0), Some((1.0, 2.0)));
        a.supports_tools = Some(false);
        let mut b = routed("b", Some(8.0), Some((1.0, 2.0)));
        b.supports_tools = Some(true);
        b.context_length = Some(32_768);
        let mut c = routed("c", Some(7.0), Some((1.0, 1.0)));
        c.supports_tools = Some(true);
        c.context_length = Some(131_072);
        let mut d = routed("d", Some(6.0), None);
        d.supports_tools = Some(true);
        d.context_length = Some(131_072);
        let model = catalog(vec![a, b, c, d]);
        let needs = Needs::new()
            .tools()
            .min_context(100_000)
            .max_output_price(1.0);
        let choice = pick(&mapping, Some(&model), "fastest", &needs);
        assert_eq!(
            verdicts(&choice),
            [
                "a: no tools",
                "b: context 32768 < 100000",
                "c: chosen",
                "d: output price unknown"
            ]
        );
        let dear = pick(
            &mapping,
            Some(&model),
            "fastest",
            &Needs::new().max_output_price(0.5),
        );
        assert_eq!(
            dear.candidates[2].verdict.to_string(),
            "output price 1 > 0.5"
        );
        assert_eq!(dear.no_provider(), Some(&NoProviderReason::NoneQualifies));
        let structured = pick(
            &mapping,
            Some(&model),
            "fastest",
            &Needs::new().structured_output(),
        );
        assert_eq!(
            structured.candidates[0].verdict.to_string(),
            "structured output unknown"
        );
        // Without the router's data no need can be met.
        let unlisted = pick(&mapping, None, "preferred", &Needs::new().tools());
        assert_eq!(unlisted.candidates[0].verdict.to_string(), "tools unknown");
        assert_eq!(
            unlisted.no_provider(),
            Some(&NoProviderReason::NoneQualifies)
        );
    }

    #[test]
    fn metric_policies_need_the_model_in_the_catalog() {
        let mapping = vec![entry("fal-ai", "live")];
        for asked in ["fastest", "cheapest"] {
            let choice = pick(&mapping, None, asked, &Needs::new());
            assert_eq!(
                choice.no_provider(),
                Some(&NoProviderReason::NoMetrics),
                "{asked}"
            );
            let err = choice.into_chosen().unwrap_err();
            assert!(err.to_string().contains("no metrics"), "{err}");
        }
    }

    #[test]
    fn a_named_provider_must_be_callable() {
        let (mut mapping, mut model) = three_orders();
        mapping.push(entry("e", "staging"));
        let named = pick(&mapping, Some(&model), "b", &Needs::new());
        assert_eq!(chosen(&named), "b");
        assert_eq!(named.applied, Policy::Named("b".into()));
        assert_eq!(named.candidates[0].verdict, Verdict::Lost(Loss::NotNamed));
        assert_eq!(
            pick(&mapping, Some(&model), "e", &Needs::new()).no_provider(),
            Some(&NoProviderReason::NotLive {
                provider: "e".into(),
                status: ProviderStatus::Staging
            })
        );
        assert_eq!(
            pick(&mapping, Some(&model), "zz", &Needs::new()).no_provider(),
            Some(&NoProviderReason::NotServedBy {
                provider: "zz".into()
            })
        );
        model.providers[0].status = Some(RouterStatus::Error);
        assert_eq!(
            pick(&mapping, Some(&model), "c", &Needs::new()).no_provider(),
            Some(&NoProviderReason::Excluded {
                provider: "c".into(),
                why: Exclusion::RouterStatus(Some(RouterStatus::Error))
            })
        );
    }

    #[test]
    fn explains_why_nothing_was_chosen() {
        let reason = |mapping: &[ProviderMapping], asked: &str| {
            pick(mapping, None, asked, &Needs::new())
                .no_provider()
                .cloned()
        };
        assert_eq!(reason(&[], "auto"), Some(NoProviderReason::NoneServes));
        assert_eq!(reason(&[], "fastest"), Some(NoProviderReason::NoneServes));
        let staged = [entry("a", "staging"), entry("b", "error")];
        assert_eq!(reason(&staged, "auto"), Some(NoProviderReason::NoneLive));
        assert_eq!(
            reason(&staged, "fastest"),
            Some(NoProviderReason::NoMetrics)
        );
        assert_eq!(
            reason(&staged, "a"),
            Some(NoProviderReason::NotLive {
                provider: "a".into(),
                status: ProviderStatus::Staging
            })
        );
        assert_eq!(
            reason(&[entry("a", "paused")], "a"),
            Some(NoProviderReason::NotLive {
                provider: "a".into(),
                status: ProviderStatus::Other("paused".into())
            })
        );
        let live = [entry("a", "staging"), entry("b", "live")];
        assert_eq!(chosen(&pick(&live, None, "auto", &Needs::new())), "b");
    }
}
