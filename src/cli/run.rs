//! Running a command and printing its answer.

use std::io::{self, Write};

use std::sync::Arc;

use hf_providers::proto::{self, escape};
use hf_providers::{
    CatalogModel, CatalogProvider, Client, Decision, Error, InCatalog, KNOWN_PROVIDERS, ListModels,
    Listing, Needs, Policy, ProviderMapping, RepoId, Service, ServiceError, Transport, Verdict,
};

use super::args::{CatalogSort, Command};
use super::json::{Status, in_catalog, resolved, to_json};
use super::mapping::mapping_of;
use super::outcome::{Failure, Output};
use super::status;
use super::table::{self, Table};
use super::{partner, snippet, watch};

/// Runs `command`; when it names a model the Hub does not know and `suggest`, looks for ids
/// like it (one more request, only then).
pub fn run<T: Transport + Send + 'static, O: Write, E: Write>(
    client: &Arc<Client<T>>,
    command: &Command,
    json: bool,
    suggest: bool,
    o: &mut Output<'_, O, E>,
) -> Result<(), Failure> {
    match answer(client, command, json, o) {
        Err(Failure::Hub(
            error @ Error::NotFound(ServiceError {
                service: Service::Hub,
                ..
            }),
        )) if suggest => {
            let like = model_of(command).map_or_else(Vec::new, |id| ids_like(client, id));
            Err(Failure::NotFound {
                error: Box::new(error),
                like,
            })
        }
        other => other,
    }
}

/// The model a command names.
fn model_of(command: &Command) -> Option<&RepoId> {
    match command {
        Command::Status(id)
        | Command::Providers { id, .. }
        | Command::Resolve { id, .. }
        | Command::Watch { id, .. }
        | Command::Catalog {
            model: Some(id), ..
        } => Some(id),
        _ => None,
    }
}

/// Up to three ids the Hub's search finds for `id`'s name; none if the search fails.
fn ids_like<T: Transport>(client: &Client<T>, id: &RepoId) -> Vec<String> {
    status::show("looking for ids like it");
    let query = ListModels::new().search(id.name()).limit(3);
    client
        .list_model_ids(&query)
        .map_while(Result::ok)
        .filter(|like| like != id.as_str())
        .collect()
}

fn answer<T: Transport + Send + 'static, O: Write, E: Write>(
    client: &Arc<Client<T>>,
    command: &Command,
    json: bool,
    o: &mut Output<'_, O, E>,
) -> Result<(), Failure> {
    match command {
        Command::Models { query, providers } => {
            let listed = if json {
                stream(client.list_models(query), o.out, |model| to_json(&model))?
            } else {
                // An id the Hub sends may hold anything; it is printed escaped, as one line.
                stream(client.list_model_ids(query), o.out, table::escaped)?
            };
            if listed == 0 {
                nothing_listed(providers, o.err)?;
            }
        }
        Command::Status(id) => {
            let status = client.model_status(id)?;
            if json {
                let status = Status {
                    id: id.to_string(),
                    inference: status.map(|s| s.as_str().to_owned()),
                };
                writeln!(o.out, "{}", to_json(&status))?;
            } else {
                let warm = status.is_some_and(|s| s.is_warm());
                writeln!(o.out, "{}", if warm { "warm" } else { "not-warm" })?;
            }
        }
        Command::Providers { id, details: false } => {
            let (_, providers) = mapping_of(client, id)?;
            if json {
                writeln!(o.out, "{}", to_json(&providers))?;
            } else {
                let mut t = Table::new(&["PROVIDER", "STATUS", "TASK", "PROVIDER ID"]);
                for p in &providers {
                    t.push(vec![
                        p.provider.to_string(),
                        p.status.as_str().to_owned(),
                        p.task.to_string(),
                        p.provider_id.clone(),
                    ]);
                }
                t.write(o.out, o.out_width)?;
            }
        }
        Command::Providers { id, details: true } => {
            let (id, mapping, catalog) = side_by_side(client, id)?;
            let details = proto::join(&mapping, entry(&catalog?, &id));
            if json {
                writeln!(o.out, "{}", to_json(&details))?;
            } else {
                let mapping = ["PROVIDER", "STATUS", "TASK", "PROVIDER ID", "ROUTER"];
                let mut t = Table::new(mapping.iter().chain(&table::METRICS));
                for d in &details {
                    let m = &d.mapping;
                    let r = d.router.as_ref();
                    let mut row = vec![
                        m.provider.to_string(),
                        m.status.as_str().to_owned(),
                        m.task.to_string(),
                        m.provider_id.to_string(),
                        table::text(r.and_then(|r| r.status.as_ref()).map(|s| s.as_str())),
                    ];
                    row.extend(metrics(d.metrics()));
                    t.push(row);
                }
                t.write(o.out, o.out_width)?;
            }
        }
        Command::Resolve {
            id,
            choice,
            needs,
            explain,
            snippet,
        } => {
            let (current, mapping, catalog) = side_by_side(client, id)?;
            if current != *id {
                writeln!(
                    o.err,
                    "hf-providers: the Hub names {id} {current}, the id the router knows"
                )?;
            }
            let id = &current;
            let decision = match catalog {
                Ok(catalog) => proto::choose(
                    id.as_str(),
                    &mapping,
                    Ok(entry(&catalog, id)),
                    choice,
                    needs,
                ),
                Err(e) => proto::choose(id.as_str(), &mapping, Err(e), choice, needs),
            }?;
            if *explain {
                explanation(&decision, o.err, o.err_width)?;
            }
            let decision = decision.into_chosen()?;
            // The answer stands (exit 0), but it is not what the router would say: tell why.
            if let InCatalog::Unavailable(e) = &decision.in_catalog {
                writeln!(
                    o.err,
                    "hf-providers: chosen from the Hub's mapping alone: the router's catalog \
                     could not be read ({})",
                    super::report::chain(e)
                )?;
            }
            if let (Some(language), Some(c)) = (snippet, decision.chosen()) {
                let program = snippet::snippet(*language, id, &c.mapping, &client.config().router)
                    .map_err(Failure::NoSnippet)?;
                o.out.write_all(program.as_bytes())?;
            } else if json {
                if let Some(line) = resolved(&decision) {
                    writeln!(o.out, "{line}")?;
                }
            } else if let Some(c) = decision.chosen() {
                let m = &c.mapping;
                let (p, id, task) = (escape(&m.provider), escape(&m.provider_id), escape(&m.task));
                writeln!(o.out, "{p}\t{id}\t{task}")?;
            }
        }
        Command::Catalog {
            model,
            providers,
            needs,
            sort,
        } => {
            let models = match model {
                None => client.catalog()?,
                Some(id) => vec![catalog_entry(client, id)?],
            };
            catalog(&models, providers, needs, *sort, json, o)?;
        }
        Command::Glance => partner::glance(client, json, o)?,
        Command::Watch {
            id,
            interval,
            until,
            count,
        } => watch::watch(client, id, *interval, *until, *count, json, o)?,
        Command::PartnerLs {
            provider,
            status,
            task,
        } => partner::ls(client, provider, status.as_ref(), task.as_deref(), json, o)?,
        Command::Partner {
            provider,
            file,
            prune,
            apply,
        } => partner::plan_or_apply(client, provider, file, *prune, *apply, o)?,
        Command::Help(_) | Command::Version => {}
    }
    o.out.flush()?;
    Ok(())
}

/// The model's current id (a renamed model's new one, which the router knows it by), the Hub's
/// mapping and the router's catalog, asked side by side. The catalog is asked from a thread of
/// its own that is not waited for when the Hub's answer already decides (a model that is not
/// found): a hanging router cannot hold up that answer.
fn side_by_side<T: Transport + Send + 'static>(
    client: &Arc<Client<T>>,
    id: &RepoId,
) -> Result<MappingAndCatalog, Error> {
    let router = Arc::clone(client);
    // Returning early drops the handle: the thread is left to finish alone.
    let asked = std::thread::Builder::new()
        .name("catalog".into())
        .spawn(move || router.catalog());
    let (id, mapping) = mapping_of(client, id)?;
    status::show("waiting for the router's catalog");
    let catalog = match asked {
        Ok(thread) => thread.join().unwrap_or_else(|_| client.catalog()),
        Err(_) => client.catalog(),
    };
    Ok((id, mapping, catalog))
}

/// The router's entry for `id`, or for its current id when the Hub renamed it: the router
/// knows a model only by that one. The Hub is asked only when the router does not know `id`.
fn catalog_entry<T: Transport>(client: &Client<T>, id: &RepoId) -> Result<CatalogModel, Error> {
    match client.catalog_model(id) {
        Err(
            unknown @ Error::NotFound(ServiceError {
                service: Service::Router,
                ..
            }),
        ) => {
            let model = client.model_info(id, &[]).ok();
            match model
                .and_then(|m| m.repo_id())
                .filter(|current| current != id)
            {
                Some(current) => client.catalog_model(&current),
                None => Err(unknown),
            }
        }
        other => other,
    }
}

/// The model's current id, the Hub's mapping, and the router's catalog or why it could not be
/// read.
type MappingAndCatalog = (
    RepoId,
    Vec<ProviderMapping>,
    Result<Vec<CatalogModel>, Error>,
);

/// The catalog's entry for `id`.
fn entry<'c>(catalog: &'c [CatalogModel], id: &RepoId) -> Option<&'c CatalogModel> {
    catalog.iter().find(|m| m.id == id.as_str())
}

/// The router's numbers, under [`table::METRICS`]: context, prices, throughput, latency, tools
/// and structured output, as the router sent them (those that cannot be true included: they
/// are ignored when choosing, not hidden).
fn metrics(r: Option<&CatalogProvider>) -> [String; 7] {
    [
        table::count(r.and_then(|r| r.context_length)),
        table::price(r.and_then(|r| r.pricing?.input)),
        table::price(r.and_then(|r| r.pricing?.output)),
        table::throughput(r.and_then(|r| r.throughput)),
        table::latency(r.and_then(|r| r.first_token_latency_ms)),
        table::yes_no(r.and_then(|r| r.supports_tools)),
        table::yes_no(r.and_then(|r| r.supports_structured_output)),
    ]
}

/// `resolve --explain`: the policy, then each provider and what became of it.
fn explanation(choice: &Decision, err: &mut dyn Write, width: Option<usize>) -> io::Result<()> {
    let why = match (&choice.asked, &choice.in_catalog) {
        (Policy::Auto, InCatalog::Listed) => {
            " (auto: the router's default for a model in its catalog)"
        }
        (Policy::Auto, InCatalog::NotListed) => " (auto: the model is not in the router's catalog)",
        (Policy::Auto, _) => " (auto: the router's catalog could not be read)",
        _ => "",
    };
    writeln!(
        err,
        "policy: {}{why}; router catalog: {}",
        choice.applied,
        in_catalog(&choice.in_catalog)
    )?;
    let mut t = Table::new(&["", "PROVIDER", "VERDICT", "TOK/S", "OUT $/M", "CONTEXT"]);
    for c in &choice.candidates {
        let r = c.metrics();
        t.push(vec![
            if c.verdict == Verdict::Chosen {
                "*"
            } else {
                "-"
            }
            .into(),
            c.mapping.provider.to_string(),
            c.verdict.to_string(),
            table::throughput(r.and_then(|r| r.throughput)),
            table::price(r.and_then(|r| r.pricing?.output)),
            table::count(r.and_then(|r| r.context_length)),
        ]);
    }
    t.write(err, width)?;
    err.flush()
}

/// `catalog`: each live (model, provider) pair that passes the filters, sorted if asked. Every
/// step is O(n log n) in the catalog's size, whatever a router sends.
fn catalog<O: Write, E: Write>(
    models: &[CatalogModel],
    providers: &[String],
    needs: &Needs,
    sort: Option<CatalogSort>,
    json: bool,
    o: &mut Output<'_, O, E>,
) -> Result<(), Failure> {
    // Each pair with its model's position, for grouping without a search.
    let mut pairs: Vec<(usize, &CatalogProvider)> = models
        .iter()
        .enumerate()
        .flat_map(|(i, m)| m.providers.iter().map(move |p| (i, p)))
        .filter(|(_, p)| p.is_live())
        .filter(|(_, p)| providers.is_empty() || providers.iter().any(|n| p.provider == *n))
        .filter(|(_, p)| needs.unmet(Some(p)).is_none())
        .collect();
    if let Some(sort) = sort {
        let policy = match sort {
            CatalogSort::Fastest => Policy::Fastest,
            CatalogSort::Cheapest => Policy::Cheapest,
        };
        policy.sort(&mut pairs, |(_, p)| Some(p));
    }
    if json {
        // One object per model, in the order of its first pair, with the providers that passed.
        let mut order: Vec<usize> = Vec::new();
        let mut kept: Vec<Vec<CatalogProvider>> = vec![Vec::new(); models.len()];
        for &(m, p) in &pairs {
            if kept[m].is_empty() {
                order.push(m);
            }
            kept[m].push(p.clone());
        }
        for m in order {
            let mut model = models[m].clone();
            model.providers = std::mem::take(&mut kept[m]);
            writeln!(o.out, "{}", to_json(&model))?;
        }
        return Ok(());
    }
    let mut t = Table::new(["MODEL", "PROVIDER"].iter().chain(&table::METRICS));
    for (m, p) in pairs {
        let mut row = vec![models[m].id.to_string(), p.provider.to_string()];
        row.extend(metrics(Some(p)));
        t.push(row);
    }
    t.write(o.out, o.out_width)?;
    Ok(())
}

/// Prints a listing one line an item, each page as soon as it is read.
/// Says why an empty listing may be empty: a provider name the Hub does not list.
fn nothing_listed(providers: &[String], err: &mut impl Write) -> io::Result<()> {
    let unknown: Vec<&str> = providers
        .iter()
        .map(String::as_str)
        .filter(|p| !KNOWN_PROVIDERS.contains(p))
        .collect();
    if !unknown.is_empty() {
        writeln!(
            err,
            "hf-providers: no model listed; {} not among the providers the Hub lists today ({})",
            if unknown.len() == 1 {
                "this is"
            } else {
                "these are"
            },
            unknown.join(", ")
        )?;
    }
    Ok(())
}

/// Prints a listing one line an item, each page as soon as it is read; returns how many.
fn stream<T: Transport, I>(
    listing: Listing<'_, T, I>,
    out: &mut impl Write,
    line: impl Fn(I) -> String,
) -> Result<usize, Failure> {
    status::show("waiting for the first page");
    let (mut count, mut fetched) = (0, 0);
    for page in listing.pages() {
        let page = match page {
            Ok(page) => page,
            Err(e) => {
                out.flush()?;
                return Err(e.into());
            }
        };
        for item in page.into_items() {
            // Not `writeln!`: its formatting machinery is a tenth of a listing's work.
            out.write_all(line(item).as_bytes())?;
            out.write_all(b"\n")?;
            count += 1;
        }
        // The next page needs a request: show this one before waiting for it.
        out.flush()?;
        fetched += 1;
        let plural = if fetched == 1 { "" } else { "s" };
        status::show(&format!("{count} models, {fetched} page{plural}"));
    }
    Ok(count)
}
