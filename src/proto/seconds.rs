//! Durations as people read them.

use core::fmt;
use core::time::Duration;

/// `2 s`, `0.5 s`, `12.3 s`: to a tenth, whole seconds without one. Integer arithmetic in 64
/// bits: core's float formatting would add 12 KB to a static binary, and `u128`'s 1 KB.
pub(crate) struct Seconds(pub(crate) Duration);

impl fmt::Display for Seconds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = (self.0.as_secs())
            .saturating_mul(1000)
            .saturating_add(u64::from(self.0.subsec_millis()));
        let tenths = ms.saturating_add(50) / 100;
        match tenths % 10 {
            0 => write!(f, "{} s", tenths / 10),
            t => write!(f, "{}.{t} s", tenths / 10),
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
        assert_eq!(Seconds(Duration::MAX).to_string(), "18446744073709551.6 s");
    }
}
