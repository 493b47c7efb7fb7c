//! The exchange driven by arbitrary bytes: any sequence of answers (status, `Location`,
//! `RateLimit`, `RateLimit-Policy`, `Retry-After` in seconds or as a date, body sizes, echoed
//! tokens), transport errors and clock jumps either way, under arbitrary settings. The checks
//! are `tests/support/exchange_check.rs`'s (shared with `tests/exchange.rs`): it ends within
//! the bound its settings give, the token goes only to the service's origin and never after
//! leaving it, no step starts past the deadline, and no error shows a piece of the token.
#![no_main]

#[path = "../../tests/support/exchange_check.rs"]
mod exchange_check;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    exchange_check::check(&mut exchange_check::Input(data));
});
