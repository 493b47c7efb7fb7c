//! The plan that takes a provider's list of mappings on the Hub to the one it wants.

use crate::proto::model::ProviderStatus;
use crate::proto::partner_mapping::{MappingTarget, NewMapping, PartnerMapping};

/// One change that takes a provider's list to the one it wants.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Change {
    /// A mapping the list lacks.
    Register(NewMapping),
    /// A mapping whose status differs.
    SetStatus {
        /// The mapping as it is.
        mapping: PartnerMapping,
        /// The status wanted.
        to: ProviderStatus,
    },
    /// A mapping the provider does not want (applied only when pruning).
    Delete(PartnerMapping),
    /// A mapping whose provider id differs: it takes a deletion and a registration (applied
    /// only when pruning, since the old one goes).
    Replace {
        /// The mapping as it is.
        old: PartnerMapping,
        /// The one wanted.
        new: NewMapping,
    },
}

/// The changes that take `current` (the Hub's list) to `wanted`, in `wanted`'s order, then the
/// deletions in the list's order. A mapping is the same when its task and target are; the
/// first of two wanted lines for one mapping counts; an id the list names twice is one mapping,
/// deleted at most once and never when one of its entries is wanted. O(n log n) in both lists.
///
/// ```
/// use hf_providers::{proto, Change, MappingTarget, NewMapping, PartnerMapping, ProviderStatus};
///
/// let model = |id: &str| MappingTarget::Model(id.into());
/// let mut live = PartnerMapping::new("conversational", model("a/x"), "x", ProviderStatus::Staging);
/// live.id = Some("1".into());
/// let wanted = [
///     NewMapping::new("conversational", model("a/x"), "x").status(ProviderStatus::Live),
///     NewMapping::new("conversational", model("a/y"), "y"),
/// ];
/// let changes = proto::plan(&[live], &wanted);
/// assert!(matches!(&changes[0], Change::SetStatus { to: ProviderStatus::Live, .. }));
/// assert!(matches!(&changes[1], Change::Register(m) if m.provider_id == "y"));
/// ```
pub fn plan(current: &[PartnerMapping], wanted: &[NewMapping]) -> Vec<Change> {
    use crate::proto::sort::sort_by;
    // Positions of the current list, sorted by (task, target): a lookup each is O(log n).
    let key = |task: &str, target: &MappingTarget| (task.to_owned(), target.key());
    let mut index: Vec<((String, String), usize)> = current
        .iter()
        .enumerate()
        .map(|(i, m)| (key(&m.task, &m.target), i))
        .collect();
    crate::proto::sort::sort(&mut index);
    let find = |k: &(String, String)| {
        let at = index.partition_point(|(key, _)| key < k);
        index.get(at).filter(|(key, _)| key == k).map(|(_, i)| *i)
    };
    // The first wanted line of each mapping: its position sorts first among equal keys.
    let wanted_keys: Vec<(String, String)> =
        wanted.iter().map(|w| key(&w.task, &w.target)).collect();
    let mut order: Vec<usize> = (0..wanted.len()).collect();
    sort_by(&mut order, |&a, &b| {
        (&wanted_keys[a], a) < (&wanted_keys[b], b)
    });
    let mut first = vec![false; wanted.len()];
    for (i, &at) in order.iter().enumerate() {
        first[at] = i == 0 || wanted_keys[order[i - 1]] != wanted_keys[at];
    }
    let mut seen = vec![false; current.len()];
    let mut changes = Vec::new();
    for ((want, k), first) in wanted.iter().zip(&wanted_keys).zip(first) {
        if !first {
            continue;
        }
        let status = want.status.clone().unwrap_or(ProviderStatus::Staging);
        match find(k) {
            None => changes.push(Change::Register(want.clone())),
            Some(i) => {
                seen[i] = true;
                let have = &current[i];
                if have.provider_id != want.provider_id {
                    changes.push(Change::Replace {
                        old: have.clone(),
                        new: want.clone(),
                    });
                } else if have.status != status {
                    changes.push(Change::SetStatus {
                        mapping: have.clone(),
                        to: status,
                    });
                }
            }
        }
    }
    // The Hub's list may name one mapping twice (a key sent twice): an id is one mapping,
    // deleted at most once, and never when another entry of it was matched above.
    let mut kept: Vec<&str> = current
        .iter()
        .zip(&seen)
        .filter(|&(_, &seen)| seen)
        .filter_map(|(m, _)| m.id.as_deref())
        .collect();
    crate::proto::sort::sort(&mut kept);
    let mut unseen: Vec<usize> = (0..current.len()).filter(|&i| !seen[i]).collect();
    let id = |i: usize| current[i].id.as_deref();
    sort_by(&mut unseen, |&a, &b| (id(a), a) < (id(b), b));
    let mut delete = vec![false; current.len()];
    for (k, &i) in unseen.iter().enumerate() {
        let repeated = k > 0 && id(i).is_some() && id(unseen[k - 1]) == id(i);
        let kept = id(i).is_some_and(|id| kept.binary_search(&id).is_ok());
        delete[i] = !repeated && !kept;
    }
    for (m, delete) in current.iter().zip(delete) {
        if delete {
            changes.push(Change::Delete(m.clone()));
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(id: &str) -> MappingTarget {
        MappingTarget::Model(id.into())
    }

    fn have(task: &str, id: &str, provider_id: &str, status: ProviderStatus) -> PartnerMapping {
        let mut m = PartnerMapping::new(task.to_owned(), model(id), provider_id, status);
        m.id = Some(format!("id-{id}"));
        m
    }

    #[test]
    fn a_plan_registers_changes_replaces_and_deletes() {
        use ProviderStatus::{Live, Staging};
        let current = [
            have("conversational", "a/same", "same", Live),
            have("conversational", "a/status", "status", Staging),
            have("conversational", "a/moved", "old-id", Live),
            have("conversational", "a/gone", "gone", Live),
            have("text-to-image", "a/same", "same", Live),
        ];
        let wanted = [
            NewMapping::new("conversational", model("a/same"), "same").status(Live),
            NewMapping::new("conversational", model("a/status"), "status").status(Live),
            NewMapping::new("conversational", model("a/moved"), "new-id").status(Live),
            NewMapping::new("conversational", model("a/new"), "new"),
            NewMapping::new("conversational", model("a/new"), "twice"),
            NewMapping::new("text-to-image", model("a/same"), "same").status(Live),
        ];
        let changes = plan(&current, &wanted);
        assert_eq!(changes.len(), 4, "{changes:?}");
        assert!(
            matches!(&changes[0], Change::SetStatus { mapping, to: Live } if mapping.provider_id == "status")
        );
        assert!(
            matches!(&changes[1], Change::Replace { old, new } if old.provider_id == "old-id" && new.provider_id == "new-id")
        );
        assert!(matches!(&changes[2], Change::Register(m) if m.provider_id == "new"));
        assert!(matches!(&changes[3], Change::Delete(m) if m.provider_id == "gone"));
        // Once applied, nothing is left to do.
        let applied: Vec<PartnerMapping> = wanted[..4]
            .iter()
            .chain(&wanted[5..])
            .map(|w| {
                have(
                    &w.task,
                    &w.target.to_string(),
                    &w.provider_id,
                    w.status.clone().unwrap_or(Staging),
                )
            })
            .collect();
        assert!(plan(&applied, &wanted).is_empty());
    }

    #[test]
    fn a_tag_filter_is_a_set_of_tags() {
        use ProviderStatus::Live;
        let tags = |t: &[&str]| MappingTarget::TagFilter(t.iter().map(|&t| t.into()).collect());
        let base = "base_model:adapter:stabilityai/stable-diffusion-xl-base-1.0";
        let mut lora = PartnerMapping::new("text-to-image", tags(&[base, "lora"]), "l", Live);
        lora.id = Some("1".into());
        let wanted = [
            NewMapping::new("text-to-image", tags(&["lora", base]), "l").status(Live),
            NewMapping::new("text-to-image", tags(&["lora", base, "lora"]), "l").status(Live),
        ];
        assert_eq!(plan(&[lora], &wanted), []);
        assert_eq!(plan(&[], &wanted).len(), 1);
    }

    #[test]
    fn a_mapping_the_list_names_twice_is_kept_or_deleted_once() {
        use ProviderStatus::Live;
        let kept = have("conversational", "a/kept", "x", Live);
        let gone = have("conversational", "a/gone", "y", Live);
        let current = [kept.clone(), gone.clone(), kept, gone];
        let wanted = [NewMapping::new("conversational", model("a/kept"), "x").status(Live)];
        let changes = plan(&current, &wanted);
        assert_eq!(changes.len(), 1, "{changes:?}");
        assert!(matches!(&changes[0], Change::Delete(m) if m.provider_id == "y"));
    }
}
