//! What a client keeps between questions: answers, each for a time to live.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Entries kept at most: a tool asking about every model of a listing should not grow without
/// bound. Past it, stale entries go first, then all of them.
const MAX_ENTRIES: usize = 4096;

/// Answers by key, each given out only while younger than the time to live. A time to live of
/// zero keeps nothing. Shared by the threads of one client; never by two clients.
#[derive(Debug)]
pub(crate) struct Cache<K, V> {
    ttl: Duration,
    entries: Mutex<HashMap<K, (Instant, V)>>,
}

impl<K: Hash + Eq, V: Clone> Cache<K, V> {
    pub(crate) fn new(ttl: Duration) -> Self {
        Cache {
            ttl,
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// The value of `key`, if it was stored less than the time to live before `now`.
    pub(crate) fn get<Q>(&self, key: &Q, now: Instant) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let mut entries = self.lock();
        match entries.get(key) {
            Some((at, value)) if self.fresh(*at, now) => Some(value.clone()),
            Some(_) => {
                entries.remove(key);
                None
            }
            None => None,
        }
    }

    /// Keeps `value` for `key`, as of `now`.
    pub(crate) fn put(&self, key: K, value: V, now: Instant) {
        if self.ttl.is_zero() {
            return;
        }
        let mut entries = self.lock();
        if entries.len() >= MAX_ENTRIES {
            entries.retain(|_, (at, _)| self.fresh(*at, now));
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
        }
        entries.insert(key, (now, value));
    }

    fn fresh(&self, at: Instant, now: Instant) -> bool {
        now.saturating_duration_since(at) < self.ttl
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<K, (Instant, V)>> {
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
