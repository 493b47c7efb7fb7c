//! `watch`: a model's providers, then each change as it happens. The comparison and the pace
//! are the core's ([`proto::differences`], [`proto::next_look`]); this fetches, sleeps and
//! prints.

use std::io::Write;
use std::time::{Duration, SystemTime};

use hf_providers::proto;
use hf_providers::{Client, Error, ProviderDetails, RepoId, Service, ServiceError, Transport};

use super::args::Until;
use super::json::{EventJson, LookJson, to_json};
use super::mapping::mapping_of;
use super::outcome::{Failure, Output};
use super::report::chain;
use super::status;
use super::table::{self, Table};

/// The requests of one look, to each service: the Hub's mapping, the router's entry.
const REQUESTS_PER_LOOK: u32 = 1;

/// Watches `id` until `until` holds (exit 0), `count` looks have been made, or a signal.
pub fn watch<T: Transport, O: Write, E: Write>(
    client: &Client<T>,
    id: &RepoId,
    interval: Duration,
    until: Option<Until>,
    count: Option<u64>,
    json: bool,
    o: &mut Output<'_, O, E>,
) -> Result<(), Failure> {
    let mut before: Option<Vec<ProviderDetails>> = None;
    let mut looks: u64 = 0;
    loop {
        status::show("looking");
        let look = look_at(client, id);
        looks = looks.saturating_add(1);
        let time = rfc3339(SystemTime::now());
        let mut changed = false;
        match (look, &before) {
            (Ok(look), None) => {
                first(&time, id, &look, json, o)?;
                before = Some(look);
            }
            (Ok(look), Some(then)) => {
                for event in proto::differences(then, &look) {
                    changed = true;
                    let value = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
                    if json {
                        let line = EventJson {
                            time: time.clone(),
                            provider: event.provider.to_string(),
                            what: event.what.as_str().into(),
                            before: event.before.clone(),
                            after: event.after.clone(),
                        };
                        writeln!(o.out, "{}", to_json(&line))?;
                    } else {
                        let fields = [
                            time.clone(),
                            event.provider.to_string(),
                            event.what.to_string(),
                            value(&event.before),
                            value(&event.after),
                        ];
                        let fields: Vec<String> = fields.into_iter().map(table::escaped).collect();
                        writeln!(o.out, "{}", fields.join("\t"))?;
                    }
                }
                before = Some(look);
            }
            // A look that failed for a while (the network, a server's bad moment) is tried
            // again; one that cannot succeed ends the watch, as does a first look that fails.
            (Err(e), Some(_)) if passing(&e) => {
                writeln!(
                    o.err,
                    "hf-providers: {time}: this look failed: {}",
                    chain(&e)
                )?;
            }
            (Err(e), _) => return Err(e.into()),
        }
        o.out.flush()?;
        let holds = match (until, &before) {
            (Some(Until::Live), Some(look)) => proto::any_live(look),
            (Some(Until::Gone), Some(look)) => !proto::any_live(look),
            (Some(Until::Change), _) => changed,
            _ => false,
        };
        if holds {
            return Ok(());
        }
        if count.is_some_and(|n| looks >= n) {
            return match until {
                Some(_) => Err(Failure::NotYet),
                None => Ok(()),
            };
        }
        let wait = [Service::Hub, Service::Router]
            .iter()
            .map(|&s| proto::next_look(interval, client.quota(s).as_ref(), REQUESTS_PER_LOOK))
            .max()
            .unwrap_or(interval);
        status::show(&format!("next look in {} s", wait.as_secs()));
        client.transport().sleep(wait);
    }
}

/// The model's providers now: the Hub's mapping, joined with the router's entry for the model
/// (none when the catalog does not list it).
fn look_at<T: Transport>(client: &Client<T>, id: &RepoId) -> Result<Vec<ProviderDetails>, Error> {
    // The Hub's answer now, not a cache's; the router knows a renamed model only by its new id.
    let (current, mapping) = mapping_of(client, id)?;
    let entry = match client.catalog_model(&current) {
        Ok(entry) => Some(entry),
        Err(Error::NotFound(ServiceError {
            service: Service::Router,
            ..
        })) => None,
        Err(e) => return Err(e),
    };
    Ok(proto::join(&mapping, entry.as_ref()))
}

/// Whether a failed look may succeed if tried again.
fn passing(e: &Error) -> bool {
    match e {
        Error::Transport(_) | Error::RateLimited { .. } | Error::Decode { .. } => true,
        Error::Http(h) => h.status >= 500,
        _ => false,
    }
}

/// The first look: every provider, aligned on a terminal; one object with `--json`.
fn first<O: Write, E: Write>(
    time: &str,
    id: &RepoId,
    look: &[ProviderDetails],
    json: bool,
    o: &mut Output<'_, O, E>,
) -> Result<(), Failure> {
    if json {
        let state = LookJson {
            time: time.to_owned(),
            model: id.to_string(),
            providers: look.to_vec(),
        };
        writeln!(o.out, "{}", to_json(&state))?;
        return Ok(());
    }
    let mut t = Table::new(&["PROVIDER", "STATUS", "ROUTER", "OUT $/M", "TOK/S"]);
    for d in look {
        let m = d.metrics();
        t.push(vec![
            d.mapping.provider.to_string(),
            d.mapping.status.as_str().to_owned(),
            table::text(
                d.router
                    .as_ref()
                    .and_then(|r| r.status.as_ref())
                    .map(|s| s.as_str()),
            ),
            table::price(m.and_then(|r| r.pricing?.output)),
            table::throughput(m.and_then(|r| r.throughput)),
        ]);
    }
    if look.is_empty() {
        writeln!(o.err, "hf-providers: {time}: no provider serves {id}")?;
    }
    t.write(o.out, o.out_width)?;
    Ok(())
}

/// `time` as RFC 3339 in UTC, to the second: `2026-12-06T11:34:07Z`.
fn rfc3339(time: SystemTime) -> String {
    let secs = time
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    // Howard Hinnant's days-to-civil, for the proleptic Gregorian calendar.
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_in_utc() {
        let at = |secs| rfc3339(SystemTime::UNIX_EPOCH + Duration::from_secs(secs));
        assert_eq!(at(0), "1970-01-01T00:00:00Z");
        assert_eq!(at(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(at(1_796_556_847), "2026-12-06T11:34:07Z");
        assert_eq!(at(4_107_542_399), "2100-02-28T23:59:59Z");
    }
}
