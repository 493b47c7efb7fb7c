//! One small sort for the whole crate: a heapsort, O(n log n) on any input, in a few hundred
//! bytes of code where the standard library's sorts add several kilobytes to a static binary
//! for each element type.

/// Sorts `items` so that no item is `less` than one before it. Not stable: a caller that needs
/// ties in their first order breaks them by position itself.
pub(crate) fn sort_by<T>(items: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    let len = items.len();
    // Heapify, then move the largest to the end, one at a time.
    for start in (0..len / 2).rev() {
        sift_down(items, start, len, &mut less);
    }
    for end in (1..len).rev() {
        items.swap(0, end);
        sift_down(items, 0, end, &mut less);
    }
}

/// Sorts `items` in ascending order. One comparison for every caller: each element type is
/// compiled once, where a closure of each caller's would be compiled again.
pub(crate) fn sort<T: PartialOrd>(items: &mut [T]) {
    sort_by(items, T::lt);
}

/// Restores the max-heap below `root` in `items[..end]`.
fn sift_down<T>(
    items: &mut [T],
    mut root: usize,
    end: usize,
    less: &mut impl FnMut(&T, &T) -> bool,
) {
    loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && less(&items[child], &items[child + 1]) {
            child += 1;
        }
        if !less(&items[root], &items[child]) {
            return;
        }
        items.swap(root, child);
        root = child;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_library() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for len in 0..200 {
            let mut items: Vec<u32> = (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    (seed % 50) as u32
                })
                .collect();
            let mut want = items.clone();
            want.sort();
            sort_by(&mut items, |a, b| a < b);
            assert_eq!(items, want, "{len}");
        }
    }
}
