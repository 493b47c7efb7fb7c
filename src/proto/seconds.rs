//! Durations as people read them.

use core::fmt;
use core::time::Duration;

/// `2 s`, `0.5 s`, `12.3 s`: to a tenth, whole seconds without one. Integer arithmetic in 64
/// bits: core's float formatting would add 12 KB to a static binary, and `u128`'s 1 KB.
pub(crate) struct Seconds(pub(crate) Duration);

impl fmt::Display for Seconds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Seconds and tenths apart: counting in milliseconds would saturate at 1.8e16 s.
        let secs = self.0.as_secs();
        match (self.0.subsec_millis() + 50) / 100 {
            10 => write!(f, "{} s", secs.saturating_add(1)),
            0 => write!(f, "{secs} s"),
            t => write!(f, "{secs}.{t} s"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_a_tenth_whole_seconds_without_one() {
        assert_eq!(Seconds(Duration::from_millis(20)).to_string(), "0 s");
        assert_eq!(Seconds(Duration::from_millis(1_949)).to_string(), "1.9 s");
        assert_eq!(Seconds(Duration::from_millis(1_950)).to_string(), "2 s");
        assert_eq!(Seconds(Duration::from_millis(59_960)).to_string(), "60 s");
        let asked = Duration::from_secs(99_999_999_999_999_999);
        assert_eq!(Seconds(asked).to_string(), "99999999999999999 s");
        assert_eq!(Seconds(Duration::MAX).to_string(), "18446744073709551615 s");
    }
}
