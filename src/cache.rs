//! What a client keeps between questions: answers, each for a time to live.

use std::borrow::Borrow;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Entries kept at most: a tool asking about every model of a listing should not grow without
/// bound. Stale entries go at each insertion; past the bound, all of them.
const MAX_ENTRIES: usize = 1024;

/// Answers by key, each given out only while younger than the time to live. A time to live of
/// zero keeps nothing. Shared by the threads of one client; never by two clients.
///
/// A list searched in order, not a hash map: a client keeps one catalog and the mappings of
/// the models it was asked about, and a map's code would cost the static binary 3 KB.
#[derive(Debug)]
pub(crate) struct Cache<K, V> {
    ttl: Duration,
    entries: Mutex<Vec<(K, Instant, V)>>,
}

impl<K: Eq, V: Clone> Cache<K, V> {
    pub(crate) fn new(ttl: Duration) -> Self {
        Cache {
            ttl,
            entries: Mutex::new(Vec::new()),
        }
    }

    /// The value of `key`, if it was stored less than the time to live before `now`.
    pub(crate) fn get<Q>(&self, key: &Q, now: Instant) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Eq + ?Sized,
    {
        let mut entries = self.lock();
        let i = entries.iter().position(|(k, ..)| k.borrow() == key)?;
        if self.fresh(entries[i].1, now) {
            return Some(entries[i].2.clone());
        }
        entries.swap_remove(i);
        None
    }

    /// Keeps `value` for `key`, as of `now`.
    pub(crate) fn put(&self, key: K, value: V, now: Instant) {
        if self.ttl.is_zero() {
            return;
        }
        let mut entries = self.lock();
        entries.retain(|(k, at, _)| *k != key && self.fresh(*at, now));
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.push((key, now, value));
    }

    fn fresh(&self, at: Instant, now: Instant) -> bool {
        now.saturating_duration_since(at) < self.ttl
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<(K, Instant, V)>> {
        // A panic elsewhere cannot leave a map half-written: every change is one call.
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gives_out_values_until_they_are_stale() {
        let start = Instant::now();
        let cache = Cache::new(Duration::from_secs(10));
        cache.put("a".to_owned(), 1, start);
        assert_eq!(cache.get("a", start + Duration::from_secs(9)), Some(1));
        assert_eq!(cache.get("a", start + Duration::from_secs(10)), None);
        // Stale means gone, even for a clock that goes back.
        assert_eq!(cache.get("a", start), None);
        assert_eq!(cache.get("b", start), None);
    }

    #[test]
    fn a_zero_ttl_keeps_nothing() {
        let now = Instant::now();
        let cache = Cache::new(Duration::ZERO);
        cache.put((), 1, now);
        assert_eq!(cache.get(&(), now), None);
    }

    #[test]
    fn stays_bounded() {
        let start = Instant::now();
        let cache = Cache::new(Duration::from_secs(10));
        for i in 0..MAX_ENTRIES * 2 {
            cache.put(i, i, start);
        }
        assert!(cache.lock().len() <= MAX_ENTRIES);
        cache.put(usize::MAX, 0, start + Duration::from_secs(60));
        assert_eq!(cache.lock().len(), 1, "stale entries go first");
    }
}
