//! When to try a request again, and after how long: a pure decision, tested without sleeping.

use std::time::Duration;

use crate::proto::error::TransportError;
use crate::proto::http::Response;
use crate::proto::quota::param;

/// How failed requests are retried.
///
/// Retried: transport failures that may be passing (connect, timeout, I/O) and the statuses
/// 408, 429, 500, 502, 503 and 504. The wait is what the server asked for (`RateLimit: ...;t=N`
/// or `Retry-After`, in seconds or as an HTTP date counted from the answer's `Date`; the
/// longest) if it asked, else exponential backoff with jitter. A server asking for more than
/// `max_server_wait` is not waited for: the error is returned at once with the wait it asked
/// for.
///
/// ```
/// use std::time::Duration;
/// use hf_providers::RetryPolicy;
///
/// let mut patient = RetryPolicy::with_max_retries(8);
/// patient.max_server_wait = Duration::from_secs(300);
/// assert_eq!(patient.base_delay, Duration::from_millis(500));
/// assert_eq!(RetryPolicy::never().max_retries, 0);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryPolicy {
    /// Retries after the first attempt (0 disables retrying).
    pub max_retries: u32,
    /// The first backoff; it doubles with each retry.
    pub base_delay: Duration,
    /// The longest backoff.
    pub max_delay: Duration,
    /// The longest server-requested wait we honour.
    pub max_server_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 4,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(8),
            max_server_wait: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    #[must_use]
    pub fn never() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        }
    }

    /// With `retries` retries and the default waits.
    #[must_use]
    pub fn with_max_retries(retries: u32) -> Self {
        RetryPolicy {
            max_retries: retries,
            ..RetryPolicy::default()
        }
    }

    /// What to do after attempt number `retries_done + 1` ended with `outcome`.
    /// `jitter` in `[0, 1]` spreads the backoff (values outside are clamped).
    pub(crate) fn decide(
        &self,
        retries_done: u32,
        outcome: Result<&Response, &TransportError>,
        jitter: f64,
    ) -> Retry {
        if retries_done >= self.max_retries {
            return Retry::GiveUp;
        }
        let server_asked = match outcome {
            Ok(response) if is_retryable_status(response.status) => server_wait(response),
            Err(e) if e.is_transient() => None,
            _ => return Retry::GiveUp,
        };
        match server_asked {
            Some(wait) if wait > self.max_server_wait => Retry::GiveUp,
            Some(wait) => Retry::After(wait),
            None => Retry::After(self.backoff(retries_done, jitter)),
        }
    }

    /// Half the exponential delay, plus a jittered share of the other half, so clients that
    /// failed together do not retry together.
    fn backoff(&self, retries_done: u32, jitter: f64) -> Duration {
        let exp = self
            .base_delay
            .saturating_mul(1u32.checked_shl(retries_done.min(31)).unwrap_or(u32::MAX))
            .min(self.max_delay);
        let jitter = if jitter.is_nan() {
            0.0
        } else {
            jitter.clamp(0.0, 1.0)
        };
        exp / 2 + (exp / 2).mul_f64(jitter)
    }
}

/// The outcome of [`RetryPolicy::decide`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Retry {
    /// Wait this long, then try again.
    After(Duration),
    /// Give up and report the outcome.
    GiveUp,
}

fn is_retryable_status(status: u16) -> bool {
    matches!(status, 408 | 429 | 500 | 502 | 503 | 504)
}

/// The wait a server asked for: the longer of `Retry-After` and the `t` of a `RateLimit` item
/// whose remaining quota `r` is 0 (IETF draft). `Retry-After` is a number of seconds, or an
/// HTTP date counted from the answer's own `Date` header (no clock is read: without a `Date`,
/// a date is ignored).
pub(crate) fn server_wait(response: &Response) -> Option<Duration> {
    let header = |name| response.headers_named(name).map(str::trim);
    let sent_at = header("date").find_map(http_date);
    let mut wait: Option<u64> = None;
    let mut note = |secs: u64| wait = Some(wait.map_or(secs, |w| w.max(secs)));
    for value in header("retry-after") {
        match (value.parse::<u64>(), http_date(value), sent_at) {
            (Ok(secs), ..) => note(secs),
            (_, Some(at), Some(sent)) => note(at.saturating_sub(sent)),
            _ => {}
        }
    }
    for item in header("ratelimit").flat_map(|v| v.split(',')) {
        if let (Some(0), Some(t)) = (param(item, "r"), param(item, "t")) {
            note(t);
        }
    }
    wait.map(Duration::from_secs)
}

/// An HTTP date in the form every server sends today (IMF-fixdate, `Sun, 06 Nov 1994 08:49:37
/// GMT`), as seconds since the Unix epoch; `None` for any other text or an impossible date.
fn http_date(text: &str) -> Option<u64> {
    let weekday = text.get(..3)?;
    let rest = text.get(5..).filter(|_| text.get(3..5) == Some(", "))?;
    if !weekday.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let mut parts = rest.split(' ');
    let (day, month, year, time, zone) = (
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    );
    if zone != "GMT" || parts.next().is_some() || day.len() != 2 || year.len() != 4 {
        return None;
    }
    let number = |s: &str| {
        s.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| s.parse::<u64>().ok())?
    };
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| *m == month)? as u64 + 1;
    let (day, year) = (number(day)?, number(year)?);
    let mut hms = time.split(':');
    let (h, m, sec) = (hms.next()?, hms.next()?, hms.next()?);
    if hms.next().is_some() || [h, m, sec].iter().any(|p| p.len() != 2) {
        return None;
    }
    let (h, m, sec) = (number(h)?, number(m)?, number(sec)?);
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days_in_month = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if year < 1970
        || day == 0
        || day > days_in_month[month as usize - 1]
        || h > 23
        || m > 59
        || sec > 60
    {
        return None;
    }
    // Days since 1970-01-01 (the civil-calendar count, with March as the year's first month).
    let (y, mp) = if month > 2 {
        (year, month - 3)
    } else {
        (year - 1, month + 9)
    };
    let era_days = y / 400 * 146_097;
    let yoe = y % 400;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let days = era_days + yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = days.checked_sub(719_468)?;
    Some(days * 86_400 + h * 3_600 + m * 60 + sec)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::error::TransportErrorKind;

    fn resp(status: u16, headers: &[(&str, &str)]) -> Response {
        let headers = headers
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        Response::new(status, headers, Vec::new())
    }

    const SEC: Duration = Duration::from_secs(1);

    #[test]
    fn retries_the_transient_statuses_only() {
        let p = RetryPolicy::default();
        for status in [408, 429, 500, 502, 503, 504] {
            assert!(matches!(
                p.decide(0, Ok(&resp(status, &[])), 0.0),
                Retry::After(_)
            ));
        }
        for status in [200, 301, 400, 401, 403, 404, 409, 501, 505] {
            assert_eq!(
                p.decide(0, Ok(&resp(status, &[])), 0.0),
                Retry::GiveUp,
                "{status}"
            );
        }
    }

    #[test]
    fn retries_transient_transport_errors_only() {
        let p = RetryPolicy::default();
        for kind in [
            TransportErrorKind::Connect,
            TransportErrorKind::Timeout,
            TransportErrorKind::Io,
        ] {
            let e = TransportError::new(kind, "x");
            assert!(matches!(p.decide(0, Err(&e), 0.0), Retry::After(_)));
        }
        for kind in [
            TransportErrorKind::Tls,
            TransportErrorKind::BodyTooLarge,
            TransportErrorKind::InvalidRequest,
        ] {
            let e = TransportError::new(kind, "x");
            assert_eq!(p.decide(0, Err(&e), 0.0), Retry::GiveUp);
        }
    }

    #[test]
    fn backoff_doubles_with_jitter_and_a_cap() {
        let p = RetryPolicy {
            max_retries: 10,
            base_delay: SEC,
            max_delay: 8 * SEC,
            max_server_wait: 60 * SEC,
        };
        let e = TransportError::new(TransportErrorKind::Io, "reset");
        let wait = |n, j| match p.decide(n, Err(&e), j) {
            Retry::After(d) => d,
            Retry::GiveUp => panic!("stopped"),
        };
        assert_eq!(wait(0, 0.0), SEC / 2);
        assert_eq!(wait(0, 1.0), SEC);
        assert_eq!(wait(1, 0.0), SEC);
        assert_eq!(wait(2, 0.5), 3 * SEC);
        assert_eq!(wait(3, 1.0), 8 * SEC);
        assert_eq!(wait(9, 1.0), 8 * SEC);
        assert_eq!(wait(1, f64::NAN), SEC);
        assert_eq!(wait(1, 7.0), 2 * SEC);
        assert_eq!(p.decide(10, Err(&e), 0.0), Retry::GiveUp);
        let huge = RetryPolicy {
            max_retries: u32::MAX,
            ..p
        };
        assert!(matches!(huge.decide(u32::MAX - 1, Err(&e), 1.0), Retry::After(d) if d == 8 * SEC));
    }

    #[test]
    fn honours_the_servers_wait_up_to_a_cap() {
        let p = RetryPolicy::default();
        let fixture = include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/error-429-rate-limited.http"
        ));
        let headers: Vec<(&str, &str)> = fixture
            .lines()
            .skip(1)
            .take_while(|l| !l.is_empty())
            .filter_map(|l| l.split_once(": "))
            .collect();
        assert_eq!(
            p.decide(0, Ok(&resp(429, &headers)), 0.9),
            Retry::After(7 * SEC)
        );
        type Headers<'a> = &'a [(&'a str, &'a str)];
        let date = ("Date", "Wed, 21 Oct 2015 07:28:00 GMT");
        let cases: [(Headers, Option<u64>); 12] = [
            (
                &[("Retry-After", "Wed, 21 Oct 2015 07:28:30 GMT"), date],
                Some(30),
            ),
            (
                &[("Retry-After", "Wed, 21 Oct 2015 07:27:00 GMT"), date],
                Some(0),
            ),
            (
                &[("Retry-After", "Fri, 31 Dec 9999 23:59:59 GMT"), date],
                Some(253_402_300_799 - 1_445_412_480),
            ),
            (
                &[("Retry-After", "Wed, 21 Oct 2015 07:28:30 UTC"), date],
                None,
            ),
            (&[("RateLimit", "\"api\";r=0;t=12")], Some(12)),
            (&[("RateLimit", "\"api\";r=3;t=12")], None),
            (&[("ratelimit", "\"a\";r=0;t=5, \"b\";r=0;t=9")], Some(9)),
            (
                &[("Retry-After", "3"), ("RateLimit", "\"api\";r=0;t=5")],
                Some(5),
            ),
            (&[("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT")], None),
            (&[("Retry-After", "-1")], None),
            (&[("Retry-After", " 0 ")], Some(0)),
            (&[("RateLimit", ";;;r=0;t=;t=x")], None),
        ];
        for (headers, want) in cases {
            assert_eq!(
                server_wait(&resp(429, headers)),
                want.map(Duration::from_secs),
                "{headers:?}"
            );
        }
        let too_long = resp(503, &[("Retry-After", "3600")]);
        assert_eq!(p.decide(0, Ok(&too_long), 0.0), Retry::GiveUp);
    }

    #[test]
    fn reads_http_dates() {
        assert_eq!(http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(
            http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777)
        );
        assert_eq!(
            http_date("Tue, 29 Feb 2000 12:00:00 GMT"),
            Some(951_825_600)
        );
        for bad in [
            "",
            "Sun, 06 Nov 1994 08:49:37",
            "Sun, 6 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 8:49:37 GMT",
            "Sun, 06 Foo 1994 08:49:37 GMT",
            "Sun, 30 Feb 1994 08:49:37 GMT",
            "Sun, 06 Nov 1969 08:49:37 GMT",
            "Sun, 06 Nov 1994 24:00:00 GMT",
            "Sun, +6 Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun, 06 Nov 1994 08:49:37 GMT x",
            "Sé, 06 Nov 1994 08:49:37 GMT",
        ] {
            assert_eq!(http_date(bad), None, "{bad}");
        }
    }
}
