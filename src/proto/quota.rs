//! The request quota a service announces on every answer:
//! `RateLimit: "api";r=998;t=253` and `RateLimit-Policy: "fixed window";"api";q=1000;w=300`.

use std::fmt;
use std::time::{Duration, Instant};

use crate::proto::http::Response;

/// What is left of a quota, as an answer announced it (`RateLimit`, `RateLimit-Policy`); see
/// [`Client::quota`](crate::Client::quota).
///
/// ```
/// use std::time::Duration;
/// use hf_providers::Quota;
///
/// let q = Quota::new(998, Duration::from_secs(253));
/// assert_eq!(q.to_string(), "998 requests left, reset in 253 s");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Quota {
    /// Requests left in the window (`r`).
    pub remaining: u64,
    /// Requests allowed in a window (`q`), when the policy was sent.
    pub limit: Option<u64>,
    /// The window (`w`), when the policy was sent.
    pub window: Option<Duration>,
    /// Time until the window resets (`t`), from when the answer was sent.
    pub reset: Duration,
}

impl Quota {
    /// A quota with `remaining` requests left until `reset`, its policy unknown.
    pub fn new(remaining: u64, reset: Duration) -> Quota {
        Quota {
            remaining,
            limit: None,
            window: None,
            reset,
        }
    }
}

impl fmt::Display for Quota {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.remaining)?;
        if let Some(limit) = self.limit {
            write!(f, " of {limit}")?;
        }
        write!(f, " requests left")?;
        if let Some(window) = self.window {
            write!(f, " in a {} s window", window.as_secs())?;
        }
        write!(f, ", reset in {} s", self.reset.as_secs())
    }
}

/// A quota as a service announced it, and when the answer arrived: what pacing reads.
///
/// ```
/// use std::time::{Duration, Instant};
/// use hf_providers::Quota;
/// use hf_providers::proto::Announced;
///
/// let at = Instant::now();
/// let spent = Announced::new(Quota::new(0, Duration::from_secs(20)), at);
/// assert_eq!(spent.wait(at + Duration::from_secs(5)), Duration::from_secs(15));
/// assert_eq!(spent.at(at + Duration::from_secs(5)).reset, Duration::from_secs(15));
/// // Saturating: a reset no clock can reach (a hostile `t=18446744073709551615`) is counted,
/// // never added to an instant; the caller decides not to wait that long.
/// let absurd = Announced::new(Quota::new(0, Duration::from_secs(u64::MAX)), at);
/// assert_eq!(absurd.wait(at + Duration::from_secs(1)), Duration::from_secs(u64::MAX - 1));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Announced {
    /// What was announced.
    pub quota: Quota,
    /// When the answer that announced it arrived.
    pub received: Instant,
}

impl Announced {
    /// `quota`, received at `received`.
    pub fn new(quota: Quota, received: Instant) -> Announced {
        Announced { quota, received }
    }

    /// The quota as it stands at `now`: its reset counted from `now`.
    pub fn at(&self, now: Instant) -> Quota {
        let elapsed = now.saturating_duration_since(self.received);
        Quota {
            reset: self.quota.reset.saturating_sub(elapsed),
            ..self.quota
        }
    }

    /// How long a request sent at `now` should wait: nothing while requests are left, else
    /// until the reset (saturating: every number here is the server's).
    pub fn wait(&self, now: Instant) -> Duration {
        if self.quota.remaining > 0 {
            return Duration::ZERO;
        }
        self.at(now).reset
    }
}

/// The quota `headers` announce: the first `RateLimit` item with both `r` and `t`, and the
/// `q` and `w` of `RateLimit-Policy` when sent. `None` without a usable `RateLimit`.
pub(crate) fn quota(response: &Response) -> Option<Quota> {
    let header = |name| response.headers_named(name).flat_map(|v| v.split(','));
    let (remaining, reset) =
        header("ratelimit").find_map(|item| Some((param(item, "r")?, param(item, "t")?)))?;
    let mut quota = Quota::new(remaining, Duration::from_secs(reset));
    if let Some(policy) = header("ratelimit-policy").find(|item| param(item, "q").is_some()) {
        quota.limit = param(policy, "q");
        quota.window = param(policy, "w").map(Duration::from_secs);
    }
    Some(quota)
}

/// The whole-number parameter `key` of a structured-field item (`"api";r=5;t=10`).
pub(crate) fn param(item: &str, key: &str) -> Option<u64> {
    item.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        (k.trim() == key).then(|| v.trim().parse().ok())?
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An answer with these headers.
    fn headers(pairs: &[(&str, &str)]) -> Response {
        let headers = pairs
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        Response::new(200, headers, Vec::new())
    }

    #[test]
    fn reads_the_hubs_headers_and_tolerates_the_rest() {
        let hub = headers(&[
            ("RateLimit", "\"api\";r=998;t=253"),
            ("RateLimit-Policy", "\"fixed window\";\"api\";q=1000;w=300"),
        ]);
        let q = quota(&hub).unwrap();
        assert_eq!(
            (q.remaining, q.limit, q.window),
            (998, Some(1000), Some(Duration::from_secs(300)))
        );
        assert_eq!(
            q.to_string(),
            "998 of 1000 requests left in a 300 s window, reset in 253 s"
        );
        let q = quota(&headers(&[("ratelimit", "\"api\";r=0;t=12")])).unwrap();
        assert_eq!(q, Quota::new(0, Duration::from_secs(12)));
        assert_eq!(q.to_string(), "0 requests left, reset in 12 s");
        let two = headers(&[("RateLimit", "\"a\";q=1, \"api\";r=3;t=9")]);
        assert_eq!(quota(&two).unwrap().remaining, 3);
        for junk in [
            &[("RateLimit", "\"api\";r=x;t=9")][..],
            &[("RateLimit", "\"api\";t=9")],
            &[("RateLimit", "")],
            &[("RateLimit-Policy", "\"api\";q=5;w=2")],
            &[],
        ] {
            assert_eq!(quota(&headers(junk)), None, "{junk:?}");
        }
        let odd_policy = headers(&[
            ("RateLimit", "\"api\";r=1;t=1"),
            ("RateLimit-Policy", "\"fixed window\";\"api\";q=5;w=x"),
        ]);
        let q = quota(&odd_policy).unwrap();
        assert_eq!((q.limit, q.window), (Some(5), None));
    }
}
