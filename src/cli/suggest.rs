//! "Did you mean ...?": the known word closest to a typo, if one is close enough.

/// The edits (insertions, deletions, substitutions, swaps of neighbours) that turn `a` into
/// `b`, counted on characters and ignoring case.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().flat_map(char::to_lowercase).collect();
    // Three rows of the table: two back, one back (the first row to start), this one.
    let mut rows = [
        vec![0; b.len() + 1],
        (0..=b.len()).collect(),
        vec![0; b.len() + 1],
    ];
    for i in 1..=a.len() {
        let (done, now) = rows.split_at_mut(2);
        let (before, last) = (&done[0], &done[1]);
        let now = &mut now[0];
        now[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            now[j] = (last[j] + 1).min(now[j - 1] + 1).min(last[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                now[j] = now[j].min(before[j - 2] + 1);
            }
        }
        rows.rotate_left(1);
    }
    rows[1][b.len()]
}

/// The word of `known` a typo `word` was most likely meant to be: one edit away for a short
/// word, two for a longer one, the same but for case or a `-suffix` (`fireworks` for
/// `fireworks-ai`). `None` when none is that close, or `word` is one of them.
pub fn closest<'k>(word: &str, known: impl IntoIterator<Item = &'k str>) -> Option<&'k str> {
    let most = if word.chars().count() <= 4 { 1 } else { 2 };
    let mut best: Option<(usize, &str)> = None;
    for candidate in known {
        if candidate == word {
            return None;
        }
        let suffixed = candidate
            .strip_prefix(word)
            .is_some_and(|rest| rest.starts_with('-') && rest.len() <= 4);
        let d = if suffixed {
            1
        } else {
            distance(word, candidate)
        };
        if d <= most && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, candidate));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_edits_and_swaps() {
        assert_eq!(distance("models", "models"), 0);
        assert_eq!(distance("modles", "models"), 1);
        assert_eq!(distance("model", "models"), 1);
        assert_eq!(distance("fastset", "fastest"), 1);
        assert_eq!(distance("FASTEST", "fastest"), 0);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("kitten", "sitting"), 3);
    }

    #[test]
    fn suggests_only_what_is_close() {
        let known = ["models", "status", "providers", "resolve", "catalog"];
        assert_eq!(closest("modles", known), Some("models"));
        assert_eq!(closest("model", known), Some("models"));
        assert_eq!(closest("provider", known), Some("providers"));
        assert_eq!(closest("bogus", known), None);
        assert_eq!(closest("models", known), None);
        let providers = ["fireworks-ai", "fal-ai", "groq", "together", "novita"];
        assert_eq!(closest("fireworks", providers), Some("fireworks-ai"));
        assert_eq!(closest("grok", providers), Some("groq"));
        assert_eq!(closest("nebius", providers), None);
        assert_eq!(closest("Together", providers), Some("together"));
    }
}
