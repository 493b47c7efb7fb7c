//! Exit codes, the CLI's contract with scripts.

use hf_providers::Error;

pub const OK: u8 = 0;
pub const OTHER: u8 = 1;
pub const USAGE: u8 = 2;
pub const NOT_FOUND: u8 = 3;
pub const DENIED: u8 = 4;
pub const NETWORK: u8 = 5;
pub const SERVER: u8 = 6;
pub const RATE_LIMITED: u8 = 7;
pub const NO_PROVIDER: u8 = 8;
pub const PENDING: u8 = 9;
pub const REJECTED: u8 = 10;
pub const OUTCOME_UNKNOWN: u8 = 11;
pub const NOT_YET: u8 = 12;

pub fn code(error: &Error) -> u8 {
    match error {
        // Nothing was sent, and trying again will not change that.
        Error::InvalidInput(_) | Error::Offline => USAGE,
        Error::NotFound(_) => NOT_FOUND,
        Error::Unauthorized(_) | Error::Forbidden(_) => DENIED,
        Error::Transport(_) => NETWORK,
        Error::RateLimited { .. } => RATE_LIMITED,
        Error::Http(_) | Error::Decode { .. } | Error::BodyTooLarge { .. } => SERVER,
        Error::LinkRefused { .. } => SERVER,
        Error::NoProvider { .. } => NO_PROVIDER,
        Error::Rejected(_) => REJECTED,
        Error::OutcomeUnknown(_) => OUTCOME_UNKNOWN,
        _ => OTHER,
    }
}
