//! The provider side from a shell: `partner ls`, `plan` and `apply`, and `providers` without a
//! model (every provider at a glance).

use std::io::{BufRead, IsTerminal, Write};

use hf_providers::proto::{self, escape};
use hf_providers::{
    Change, Client, Error, KNOWN_PROVIDERS, NewMapping, PartnerList, PartnerMapping,
    ProviderStatus, Transport,
};

use super::json::to_json;
use super::outcome::{Failure, Output};
use super::status;
use super::table::Table;
use super::wanted;

/// `partner ls`: the provider's mappings, in the Hub's order.
pub fn ls<T: Transport, O: Write, E: Write>(
    client: &Client<T>,
    provider: &str,
    status: Option<&ProviderStatus>,
    task: Option<&str>,
    json: bool,
    o: &mut Output<'_, O, E>,
) -> Result<(), Failure> {
    let mut list = PartnerList::new(provider).map_err(Error::from)?;
    if let Some(status) = status {
        list = list.status(status.clone());
    }
    status::show("waiting for the provider's list");
    let mappings = client.partner_mappings(&list)?;
    let kept = mappings.iter().filter(|m| task.is_none_or(|t| m.task == t));
    let mut count = 0;
    if json {
        for m in kept {
            writeln!(o.out, "{}", item_json(m))?;
            count += 1;
        }
    } else {
        let mut t = Table::new(&["TASK", "MODEL", "PROVIDER ID", "STATUS", "MAPPING ID"]);
        for m in kept {
            t.push(vec![
                m.task.to_string(),
                m.target.to_string(),
                m.provider_id.clone(),
                m.status.as_str().to_owned(),
                m.id.clone().unwrap_or_else(|| "-".into()),
            ]);
            count += 1;
        }
        t.write(o.out, o.out_width)?;
    }
    if count == 0 {
        let status = status.map_or(String::new(), |s| format!(" {}", s.as_str()));
        let task = task.map_or(String::new(), |t| format!(" for {t}"));
        writeln!(
            o.err,
            "hf-providers: {provider} has no{status} mapping{task} on the Hub"
        )?;
    }
    Ok(())
}

/// A mapping as the item that registers it, plus its `_id`: what `plan` reads back.
fn item_json(m: &PartnerMapping) -> String {
    let mut json = String::from_utf8_lossy(&NewMapping::from(m).body()).into_owned();
    if let Some(id) = &m.id {
        json.pop();
        json.push_str(",\"_id\":");
        json.push_str(&to_json(id));
        json.push('}');
    }
    proto::escape_json(&json).into_owned()
}

/// `partner plan` (`apply: None`) and `partner apply` (`Some(yes)`).
pub fn plan_or_apply<T: Transport, O: Write, E: Write>(
    client: &Client<T>,
    provider: &str,
    file: &str,
    prune: bool,
    apply: Option<bool>,
    o: &mut Output<'_, O, E>,
) -> Result<(), Failure> {
    let wanted = wanted::read(file).map_err(Failure::Usage)?;
    if apply.is_some() && client.config().token.is_none() {
        return Err(Failure::Usage(format!(
            "`partner apply` needs the token of a member of {provider}'s organization: \
             --token, HF_TOKEN or the token file"
        )));
    }
    // No one to ask: refused before anything is sent.
    if apply == Some(false) && !can_ask(file, o) {
        return Err(Failure::Usage(
            "`partner apply` changes the Hub: give --yes, or run it on a terminal to be asked"
                .into(),
        ));
    }
    status::show("waiting for the provider's list");
    let list = PartnerList::new(provider).map_err(Error::from)?;
    let current = client.partner_mappings(&list)?;
    let changes = proto::plan(&current, &wanted);
    // Deletions, and replacements (which delete), are made only when pruning.
    let needs_prune = |c: &Change| matches!(c, Change::Delete(_) | Change::Replace { .. });
    let (pending, held): (Vec<&Change>, Vec<&Change>) =
        changes.iter().partition(|c| prune || !needs_prune(c));
    let Some(yes) = apply else {
        if changes.is_empty() {
            return nothing_to_change(o.err, provider);
        }
        let mut t = Table::new(&["", "TASK", "MODEL", "PROVIDER ID", "STATUS", "NOTE"]);
        for change in &changes {
            t.push(row(change, prune, None));
        }
        t.write(o.out, o.out_width)?;
        if !held.is_empty() {
            writeln!(
                o.err,
                "hf-providers: {} change(s) not pending: they delete, and apply deletes only \
                 with --prune",
                held.len()
            )?;
        }
        return match pending.len() {
            0 => Ok(()),
            _ => Err(Failure::Pending),
        };
    };
    if pending.is_empty() {
        if !held.is_empty() {
            writeln!(
                o.err,
                "hf-providers: nothing to change without --prune ({} deletion(s) left)",
                held.len()
            )?;
            return Ok(());
        }
        return nothing_to_change(o.err, provider);
    }
    checked(client, provider, &pending)?;
    if !yes && !confirmed(pending.len(), provider, o)? {
        return Ok(());
    }
    for (done, change) in pending.iter().enumerate() {
        status::show(&format!("change {} of {}", done + 1, pending.len()));
        // A replacement is two writes: which one failed tells whether the old mapping is gone.
        let made = match change {
            Change::Replace { old, new } => {
                match client.apply_change(provider, &Change::Delete(old.clone())) {
                    Err(e) => Err((e, false)),
                    Ok(_) => client
                        .apply_change(provider, &Change::Register(new.clone()))
                        .map_err(|e| (e, true)),
                }
            }
            change => client
                .apply_change(provider, change)
                .map_err(|e| (e, false)),
        };
        match made {
            Ok(id) => {
                let fields: Vec<String> = row(change, true, Some(id))
                    .iter()
                    .map(|f| escape(f).into_owned())
                    .collect();
                writeln!(o.out, "{}", fields.join("\t"))?;
                o.out.flush()?;
            }
            Err((e, half)) => {
                o.out.flush()?;
                let this = match (half, &e) {
                    (true, Error::OutcomeUnknown(_)) => {
                        " (its old mapping is deleted; whether the new one is registered is \
                         not known)"
                    }
                    (true, _) => " (its old mapping is deleted, the new one not registered)",
                    _ => "",
                };
                writeln!(
                    o.err,
                    "hf-providers: stopped at change {} of {}{this}: {done} made, {} not; run \
                     it again to make the rest (`partner plan` shows them)",
                    done + 1,
                    pending.len(),
                    pending.len() - done
                )?;
                return Err(e.into());
            }
        }
    }
    Ok(())
}

/// Every request of `pending` built before the first is sent: a mapping the Hub listed without
/// a usable id stops the run before it starts, not halfway (exit 2 says nothing was sent).
fn checked<T: Transport>(
    client: &Client<T>,
    provider: &str,
    pending: &[&Change],
) -> Result<(), Failure> {
    let endpoint = &client.config().endpoint;
    for change in pending {
        let (old, new) = match change {
            Change::Register(new) => (None, Some(new)),
            Change::SetStatus { mapping, .. } | Change::Delete(mapping) => (Some(mapping), None),
            Change::Replace { old, new } => (Some(old), Some(new)),
            _ => (None, None),
        };
        // A status set and a deletion name the mapping by the same id in the same place.
        if let Some(m) = old {
            let id = m.id.as_deref().unwrap_or_default();
            proto::delete_ask(endpoint, provider, id).map_err(|_| {
                Failure::Usage(format!(
                    "the Hub lists {} for {} without a usable mapping id: nothing was sent",
                    m.target, m.task
                ))
            })?;
        }
        if let Some(new) = new {
            new.to_ask(endpoint, provider).map_err(Error::from)?;
        }
    }
    Ok(())
}

fn nothing_to_change(err: &mut impl Write, provider: &str) -> Result<(), Failure> {
    writeln!(
        err,
        "hf-providers: nothing to change: {provider}'s mappings on the Hub match the file"
    )?;
    Ok(())
}

/// Whether someone can be asked: stdin and stderr are a terminal, and stdin is not the file.
fn can_ask<O, E>(file: &str, o: &Output<'_, O, E>) -> bool {
    file != "-" && std::io::stdin().is_terminal() && o.err_width.is_some()
}

/// Asks on the terminal whether to make `count` changes.
fn confirmed<O: Write, E: Write>(
    count: usize,
    provider: &str,
    o: &mut Output<'_, O, E>,
) -> Result<bool, Failure> {
    let stdin = std::io::stdin();
    o.out.flush()?;
    write!(
        o.err,
        "Make {count} change(s) to {provider}'s mappings on the Hub? [y/N] "
    )?;
    o.err.flush()?;
    let mut answer = String::new();
    stdin.lock().read_line(&mut answer)?;
    let yes = matches!(answer.trim(), "y" | "Y" | "yes" | "YES" | "Yes");
    if !yes {
        writeln!(o.err, "hf-providers: nothing changed")?;
    }
    Ok(yes)
}

/// A change as `plan` and `apply` print it: op, task, model, provider id, status, note.
/// `made`: the change was made (and the id registered, if one was).
fn row(change: &Change, prune: bool, made: Option<Option<String>>) -> Vec<String> {
    let status = |s: &Option<ProviderStatus>| {
        s.as_ref()
            .map_or(ProviderStatus::Staging.as_str(), ProviderStatus::as_str)
            .to_owned()
    };
    let later = if prune { "" } else { " (with --prune)" };
    let registered = |made: &Option<Option<String>>| match made {
        Some(Some(id)) => format!("registered as {id}"),
        _ => "registered".into(),
    };
    match change {
        Change::Register(new) => vec![
            "+".into(),
            new.task.clone(),
            new.target.to_string(),
            new.provider_id.clone(),
            status(&new.status),
            match made {
                None => "register".into(),
                made => registered(&made),
            },
        ],
        Change::SetStatus { mapping, to } => vec![
            "~".into(),
            mapping.task.to_string(),
            mapping.target.to_string(),
            mapping.provider_id.clone(),
            to.as_str().into(),
            match made {
                None => format!("status {} on the Hub", mapping.status.as_str()),
                Some(_) => "status set".into(),
            },
        ],
        Change::Delete(m) => vec![
            "-".into(),
            m.task.to_string(),
            m.target.to_string(),
            m.provider_id.clone(),
            m.status.as_str().into(),
            match made {
                None => format!("not in the file: delete{later}"),
                Some(_) => "deleted".into(),
            },
        ],
        Change::Replace { old, new } => vec![
            "!".into(),
            new.task.clone(),
            new.target.to_string(),
            new.provider_id.clone(),
            status(&new.status),
            match made {
                None => format!(
                    "provider id {} on the Hub: delete and register{later}",
                    old.provider_id
                ),
                made => format!("deleted, then {}", registered(&made)),
            },
        ],
        _ => vec!["?".into()],
    }
}

/// `providers` without a model: every provider the Hub lists today or the router's catalog
/// names, at a glance.
pub fn glance<T: Transport, O: Write, E: Write>(
    client: &Client<T>,
    json: bool,
    o: &mut Output<'_, O, E>,
) -> Result<(), Failure> {
    status::show("waiting for the router's catalog");
    let catalog = client.catalog()?;
    let mut names: Vec<&str> = KNOWN_PROVIDERS.to_vec();
    // A name the router lists that no provider could have is left out, not a failure of
    // the whole overview.
    names.extend(
        catalog
            .iter()
            .flat_map(|m| m.providers.iter().map(|p| p.provider.as_str()))
            .filter(|name| PartnerList::new(name).is_ok()),
    );
    status::show("waiting for every provider's list");
    let rows = client.providers_at_a_glance(&names)?;
    if json {
        for row in &rows {
            writeln!(o.out, "{}", to_json(row))?;
        }
        return Ok(());
    }
    let mut t = Table::new(&["PROVIDER", "LIVE", "STAGING", "LIVE TASKS", "IN CATALOG"]);
    for row in rows {
        let tasks: Vec<&str> = row.live_tasks.iter().map(|t| t.as_str()).collect();
        t.push(vec![
            row.provider,
            row.live.to_string(),
            row.staging.to_string(),
            if tasks.is_empty() {
                "-".into()
            } else {
                tasks.join(",")
            },
            row.in_catalog.to_string(),
        ]);
    }
    t.write(o.out, o.out_width)?;
    Ok(())
}
