//! Watching a model: what changed between two looks at its providers (the Hub's mapping joined
//! with the router's catalog), and when to look again. Pure: `hf-providers watch` only fetches,
//! sleeps and prints.

use std::fmt;
use std::time::Duration;

use crate::proto::catalog::CatalogProvider;
use crate::proto::choice::ProviderDetails;
use crate::proto::name::Name;
use crate::proto::number::shortest;
use crate::proto::quota::Quota;
use crate::proto::sort::sort_by;

/// A price moves when it changes by more than this fraction (1%): a rounding is not news.
pub const PRICE_CHANGE: f64 = 0.01;
/// A throughput moves when it changes by more than this fraction (10%): the router's probes
/// wander that much between two runs.
pub const THROUGHPUT_CHANGE: f64 = 0.10;

/// What changed about one provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum What {
    /// The Hub's mapping has it now (after: its status).
    Added,
    /// The Hub's mapping no longer has it (before: its status).
    Removed,
    /// Its status on the Hub (`staging` to `live`, `live` to `error`...).
    Status,
    /// Its status in the router's catalog, `-` when the catalog does not list it.
    RouterStatus,
    /// Its output price (USD per 1M tokens), beyond [`PRICE_CHANGE`].
    OutputPrice,
    /// Its throughput (tokens/s), beyond [`THROUGHPUT_CHANGE`].
    Throughput,
}

impl What {
    /// As `watch` prints it: `added`, `removed`, `status`, `router-status`, `output-price`,
    /// `throughput`.
    pub fn as_str(self) -> &'static str {
        match self {
            What::Added => "added",
            What::Removed => "removed",
            What::Status => "status",
            What::RouterStatus => "router-status",
            What::OutputPrice => "output-price",
            What::Throughput => "throughput",
        }
    }
}

impl fmt::Display for What {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One change of one provider: what, and the values before and after (`None`: not there).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Event {
    /// The provider.
    pub provider: Name,
    /// What changed.
    pub what: What,
    /// The value before, as text.
    pub before: Option<String>,
    /// The value after, as text.
    pub after: Option<String>,
}

/// The changes from `before` to `after` (two looks at one model's providers): in `after`'s
/// order (the Hub's), then the providers that left in `before`'s. O(n log n) in both.
///
/// ```
/// use hf_providers::proto::{self, What};
/// use hf_providers::{ProviderDetails, ProviderMapping, ProviderStatus};
///
/// let look = |status| vec![ProviderDetails::new(ProviderMapping::new("groq", "x", status, "conversational"), None)];
/// let events = proto::differences(&look(ProviderStatus::Staging), &look(ProviderStatus::Live));
/// assert_eq!(events[0].what, What::Status);
/// assert_eq!((events[0].before.as_deref(), events[0].after.as_deref()), (Some("staging"), Some("live")));
/// assert!(proto::differences(&look(ProviderStatus::Live), &look(ProviderStatus::Live)).is_empty());
/// ```
pub fn differences(before: &[ProviderDetails], after: &[ProviderDetails]) -> Vec<Event> {
    let index = |list: &[ProviderDetails]| {
        let mut at: Vec<usize> = (0..list.len()).collect();
        sort_by(&mut at, |&a, &b| {
            (&list[a].mapping.provider, a) < (&list[b].mapping.provider, b)
        });
        at
    };
    let (old, new) = (index(before), index(after));
    // The first entry of a provider named twice counts, as everywhere else.
    fn find<'l>(
        list: &'l [ProviderDetails],
        at: &[usize],
        name: &Name,
    ) -> Option<&'l ProviderDetails> {
        let i = at.partition_point(|&i| list[i].mapping.provider < *name);
        at.get(i)
            .map(|&i| &list[i])
            .filter(|d| d.mapping.provider == *name)
    }
    let mut events = Vec::new();
    for (i, now) in after.iter().enumerate() {
        let name = &now.mapping.provider;
        if find(after, &new, name).is_some_and(|first| !std::ptr::eq(first, &after[i])) {
            continue;
        }
        let event = |what, before: Option<String>, after: Option<String>| Event {
            provider: name.clone(),
            what,
            before,
            after,
        };
        let Some(then) = find(before, &old, name) else {
            let status = now.mapping.status.as_str().to_owned();
            events.push(event(What::Added, None, Some(status)));
            continue;
        };
        if then.mapping.status != now.mapping.status {
            let (a, b) = (then.mapping.status.as_str(), now.mapping.status.as_str());
            events.push(event(What::Status, Some(a.into()), Some(b.into())));
        }
        let router_status = |d: &ProviderDetails| {
            d.router
                .as_ref()
                .map(|r| r.status.as_ref().map_or("-", |s| s.as_str()).to_owned())
        };
        let (a, b) = (router_status(then), router_status(now));
        if a != b {
            events.push(event(What::RouterStatus, a, b));
        }
        let price = |d: &ProviderDetails| d.metrics().and_then(CatalogProvider::output_price);
        if moved(price(then), price(now), PRICE_CHANGE) {
            let (a, b) = (price(then).map(shortest), price(now).map(shortest));
            events.push(event(What::OutputPrice, a, b));
        }
        let speed = |d: &ProviderDetails| d.metrics().and_then(CatalogProvider::valid_throughput);
        if moved(speed(then), speed(now), THROUGHPUT_CHANGE) {
            let (a, b) = (speed(then).map(shortest), speed(now).map(shortest));
            events.push(event(What::Throughput, a, b));
        }
    }
    for (i, then) in before.iter().enumerate() {
        let name = &then.mapping.provider;
        let first = find(before, &old, name).is_some_and(|first| std::ptr::eq(first, &before[i]));
        if first && find(after, &new, name).is_none() {
            events.push(Event {
                provider: name.clone(),
                what: What::Removed,
                before: Some(then.mapping.status.as_str().to_owned()),
                after: None,
            });
        }
    }
    events
}

/// Whether a number moved by more than `fraction` of itself (or appeared, or went).
fn moved(before: Option<f64>, after: Option<f64>, fraction: f64) -> bool {
    match (before, after) {
        (Some(a), Some(b)) => {
            let base = a.abs().max(b.abs());
            base > 0.0 && (a - b).abs() > fraction * base
        }
        (None, None) => false,
        _ => true,
    }
}

/// How long to wait before the next look, at least `interval`: longer when the quota the Hub
/// announced last would not last until its reset at `requests` a look (the requests left are
/// spread over the time left; none left, wait for the reset). Saturating, and the quota
/// stretches a wait to an hour at most: the quota is the server's, and a reset it puts
/// centuries away must not end the watch (the Hub's windows last minutes).
///
/// ```
/// use std::time::Duration;
/// use hf_providers::{proto, Quota};
///
/// let minute = Duration::from_secs(60);
/// assert_eq!(proto::next_look(minute, None, 2), minute);
/// // 10 requests left for 300 s, 2 a look: one look every 60 s at most... so 60 s.
/// assert_eq!(proto::next_look(minute, Some(&Quota::new(10, Duration::from_secs(300))), 2), minute);
/// // 4 left: 2 looks in 300 s, one every 150 s.
/// assert_eq!(proto::next_look(minute, Some(&Quota::new(4, Duration::from_secs(300))), 2), Duration::from_secs(150));
/// // None left: wait for the reset.
/// assert_eq!(proto::next_look(minute, Some(&Quota::new(0, Duration::from_secs(200))), 2), Duration::from_secs(200));
/// // A reset centuries away: an hour.
/// assert_eq!(proto::next_look(minute, Some(&Quota::new(0, Duration::MAX)), 2), Duration::from_secs(3600));
/// ```
pub fn next_look(interval: Duration, quota: Option<&Quota>, requests: u32) -> Duration {
    let Some(quota) = quota else {
        return interval;
    };
    let looks = quota.remaining / u64::from(requests.max(1));
    let spread = match u32::try_from(looks) {
        Ok(0) => quota.reset,
        Ok(looks) => quota.reset / looks,
        Err(_) => Duration::ZERO,
    };
    interval.max(spread.min(MAX_QUOTA_STRETCH))
}

/// The longest wait the Hub's quota alone can impose on a watch.
const MAX_QUOTA_STRETCH: Duration = Duration::from_secs(3600);

/// Whether any provider is live on the Hub (what `watch --until live` waits for).
pub fn any_live(look: &[ProviderDetails]) -> bool {
    look.iter().any(|d| d.mapping.is_live())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::catalog::{Pricing, RouterStatus};
    use crate::proto::model::{ProviderMapping, ProviderStatus};

    /// A provider: its name, its status on the Hub, and its router entry (status, output
    /// price, throughput) if the catalog lists it.
    type Entry = (&'static str, &'static str, Option<(&'static str, f64, f64)>);

    fn look(entries: &[Entry]) -> Vec<ProviderDetails> {
        entries
            .iter()
            .map(|&(provider, status, router)| {
                let mapping = ProviderMapping::new(
                    provider,
                    "id",
                    ProviderStatus::from_wire(status),
                    "conversational",
                );
                let router = router.map(|(status, price, speed)| {
                    let mut p = CatalogProvider::new(provider);
                    p.status = Some(RouterStatus::from_wire(status));
                    p.pricing = Some(Pricing::new(None, Some(price)));
                    p.throughput = Some(speed);
                    p
                });
                ProviderDetails::new(mapping, router)
            })
            .collect()
    }

    fn shown(events: &[Event]) -> Vec<String> {
        events
            .iter()
            .map(|e| {
                let v = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
                format!("{} {} {} {}", e.provider, e.what, v(&e.before), v(&e.after))
            })
            .collect()
    }

    #[test]
    fn every_kind_of_change_and_nothing_else() {
        let before = look(&[
            ("a", "staging", None),
            ("b", "live", Some(("live", 2.0, 100.0))),
            ("c", "live", Some(("live", 2.0, 100.0))),
            ("gone", "live", None),
            ("d", "live", Some(("live", 1.0, 50.0))),
        ]);
        let after = look(&[
            ("new", "staging", None),
            ("a", "live", None),
            // Within the thresholds: 0.5% on the price, 5% on the speed.
            ("b", "live", Some(("live", 2.01, 105.0))),
            // Beyond them, and the router's health.
            ("c", "live", Some(("error", 2.5, 150.0))),
            ("d", "live", None),
        ]);
        assert_eq!(
            shown(&differences(&before, &after)),
            [
                "new added - staging",
                "a status staging live",
                "c router-status live error",
                "c output-price 2 2.5",
                "c throughput 100 150",
                "d router-status live -",
                "d output-price 1 -",
                "d throughput 50 -",
                "gone removed live -",
            ]
        );
        assert!(differences(&after, &after).is_empty());
        assert!(differences(&[], &[]).is_empty());
    }

    #[test]
    fn a_provider_named_twice_counts_once() {
        let before = look(&[("a", "live", None), ("a", "error", None)]);
        let after = look(&[("a", "live", None), ("a", "staging", None)]);
        assert!(differences(&before, &after).is_empty());
        let gone = look(&[]);
        assert_eq!(shown(&differences(&before, &gone)), ["a removed live -"]);
    }

    #[test]
    fn the_quota_only_ever_slows_the_looks_down() {
        let minute = Duration::from_secs(60);
        let quota = |r, t| Quota::new(r, Duration::from_secs(t));
        assert_eq!(
            next_look(minute, Some(&quota(u64::MAX, u64::MAX)), 2),
            minute
        );
        // A reset no quota could mean stretches the wait to an hour, no further.
        assert_eq!(
            next_look(minute, Some(&quota(1, u64::MAX)), 2),
            Duration::from_secs(3600)
        );
        let day = Duration::from_secs(86_400);
        assert_eq!(next_look(day, Some(&quota(1, u64::MAX)), 2), day);
        assert_eq!(next_look(minute, Some(&quota(1000, 300)), 0), minute);
        assert_eq!(
            next_look(minute, Some(&quota(3, 300)), 1),
            Duration::from_secs(100)
        );
        assert!(moved(Some(0.0), Some(0.0), 0.1).eq(&false));
        assert!(moved(Some(0.0), Some(1.0), 0.1));
        assert!(moved(None, Some(1.0), 0.1));
    }
}
