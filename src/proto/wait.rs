//! The waits a client makes before sending: a retry's backoff, a wait the server asked for, or
//! a spent quota's reset. Described so a program can tell its user why nothing is happening.

use core::fmt;
use core::time::Duration;

use crate::proto::error::TransportErrorKind;
use crate::proto::seconds::Seconds;
use crate::proto::service::Service;

/// Why a client waits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum WaitCause {
    /// The last attempt was answered with this status (429, 503...): retrying after it.
    Status(u16),
    /// The last attempt failed in the transport: retrying after it.
    Transport(TransportErrorKind),
    /// The service said no request is left in its quota: waiting for the reset.
    Quota,
}

/// A wait a client is about to make, told to [`Client::on_wait`](crate::Client::on_wait)
/// before it starts.
///
/// ```
/// use std::time::Duration;
/// use hf_providers::{Service, Wait, WaitCause};
///
/// let wait = Wait::new(Service::Hub, WaitCause::Status(503), Duration::from_secs(2), 2, 5);
/// assert_eq!(wait.to_string(), "503 from the Hub, retrying in 2 s (attempt 2 of 5)");
/// let wait = Wait::new(Service::Router, WaitCause::Quota, Duration::from_millis(12_300), 1, 5);
/// assert_eq!(wait.to_string(), "the router's quota is spent, waiting 12.3 s for its reset");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Wait {
    /// The service the next attempt goes to.
    pub service: Service,
    /// Why.
    pub cause: WaitCause,
    /// How long.
    pub duration: Duration,
    /// The attempt that follows the wait, counting from 1.
    pub attempt: u32,
    /// The most attempts the retry policy allows.
    pub attempts: u32,
}

impl Wait {
    /// A wait of `duration` for `cause`, before attempt `attempt` of at most `attempts`.
    pub fn new(
        service: Service,
        cause: WaitCause,
        duration: Duration,
        attempt: u32,
        attempts: u32,
    ) -> Wait {
        Wait {
            service,
            cause,
            duration,
            attempt,
            attempts,
        }
    }
}

impl fmt::Display for Wait {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (service, time) = (self.service, Seconds(self.duration));
        match self.cause {
            WaitCause::Quota => {
                return write!(
                    f,
                    "{service}'s quota is spent, waiting {time} for its reset"
                );
            }
            WaitCause::Status(status) => write!(f, "{status} from {service}")?,
            WaitCause::Transport(kind) => write!(f, "{kind} ({service})")?,
        }
        write!(
            f,
            ", retrying in {time} (attempt {} of {})",
            self.attempt, self.attempts
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_cause_and_duration_reads_plainly() {
        let wait = |cause, ms| Wait::new(Service::Hub, cause, Duration::from_millis(ms), 3, 5);
        let io = WaitCause::Transport(TransportErrorKind::Io);
        assert_eq!(
            wait(io, 480).to_string(),
            "connection failed (the Hub), retrying in 0.5 s (attempt 3 of 5)"
        );
        assert_eq!(
            wait(WaitCause::Status(429), 60_000).to_string(),
            "429 from the Hub, retrying in 60 s (attempt 3 of 5)"
        );
    }
}
