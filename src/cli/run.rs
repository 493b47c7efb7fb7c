//! Running a command and printing its answer.

use std::io::{self, Write};

use hf_providers::proto::escape;
use hf_providers::{
    CatalogModel, CatalogProvider, Client, Decision, Error, InCatalog, Listing, Needs, Policy,
    Transport, Verdict,
};

use super::args::{CatalogSort, Command};
use super::json::{Status, in_catalog, resolved, to_json};
use super::status;
use super::table::{self, Table};

/// Why a command failed: the Hub's answer, or our own output (a closed pipe is not an error
/// to report).
pub enum Failure {
    Hub(Error),
    Output(io::Error),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Hub(e)
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Output(e)
    }
}

/// Where the output goes, and whether people read it there.
pub struct Output<'a, O, E> {
    pub out: &'a mut O,
    pub err: &'a mut E,
    /// stdout is a terminal: tables are aligned under a header.
    pub out_terminal: bool,
    /// stderr is a terminal.
    pub err_terminal: bool,
}

pub fn run<T: Transport, O: Write, E: Write>(
    client: &Client<T>,
    command: &Command,
    json: bool,
    o: &mut Output<'_, O, E>,
) -> Result<(), Failure> {
    match command {
        Command::Models(query) if json => {
            stream(client.list_models(query), o.out, |model| to_json(&model))?
        }
        // An id the Hub sends may hold anything; it is printed escaped, as one line.
        Command::Models(query) => stream(client.list_model_ids(query), o.out, table::escaped)?,
        Command::Status(id) => {
            let status = client.model_status(id.as_str())?;
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
            let providers = client.model_providers(id.as_str())?;
            if json {
                writeln!(o.out, "{}", to_json(&providers))?;
            } else {
                for p in &providers {
                    writeln!(
                        o.out,
                        "{}\t{}\t{}\t{}",
                        escape(&p.provider),
                        escape(p.status.as_str()),
                        escape(&p.task),
                        escape(&p.provider_id)
                    )?;
                }
            }
        }
        Command::Providers { id, details: true } => {
            let details = client.provider_details(id.as_str())?;
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
                    row.extend(metrics(r));
                    t.push(row);
                }
                t.write(o.out, o.out_terminal)?;
            }
        }
        Command::Resolve {
            id,
            choice,
            needs,
            explain,
        } => {
            let decision = client.choose(id.as_str(), choice, needs)?;
            if *explain {
                explanation(&decision, o.err, o.err_terminal)?;
            }
            let decision = decision.into_chosen()?;
            if json {
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
                Some(id) => vec![client.catalog_model(id.as_str())?],
            };
            catalog(&models, providers, needs, *sort, json, o)?;
        }
        Command::Help(_) | Command::Version => {}
    }
    o.out.flush()?;
    Ok(())
}

/// The router's numbers, under [`table::METRICS`]: context, prices, throughput, latency, tools
/// and structured output.
fn metrics(r: Option<&CatalogProvider>) -> [String; 7] {
    [
        table::count(r.and_then(|r| r.context_length)),
        table::price(r.and_then(CatalogProvider::input_price)),
        table::price(r.and_then(CatalogProvider::output_price)),
        table::throughput(r.and_then(|r| r.throughput)),
        table::latency(r.and_then(|r| r.first_token_latency_ms)),
        table::yes_no(r.and_then(|r| r.supports_tools)),
        table::yes_no(r.and_then(|r| r.supports_structured_output)),
    ]
}

/// `resolve --explain`: the policy, then each provider and what became of it.
fn explanation(choice: &Decision, err: &mut dyn Write, terminal: bool) -> io::Result<()> {
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
        let r = c.router.as_ref();
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
            table::price(r.and_then(CatalogProvider::output_price)),
            table::count(r.and_then(|r| r.context_length)),
        ]);
    }
    t.write(err, terminal)?;
    err.flush()
}

/// `catalog`: each live (model, provider) pair that passes the filters, sorted if asked.
fn catalog<O: Write, E: Write>(
    models: &[CatalogModel],
    providers: &[String],
    needs: &Needs,
    sort: Option<CatalogSort>,
    json: bool,
    o: &mut Output<'_, O, E>,
) -> Result<(), Failure> {
    let mut pairs: Vec<(&CatalogModel, &CatalogProvider)> = models
        .iter()
        .flat_map(|m| m.providers.iter().map(move |p| (m, p)))
        .filter(|(_, p)| p.is_live())
        .filter(|(_, p)| providers.is_empty() || providers.iter().any(|n| p.provider == *n))
        .filter(|(_, p)| needs.unmet(Some(p)).is_none())
        .collect();
    if let Some(sort) = sort {
        let policy = match sort {
            CatalogSort::Fastest => Policy::Fastest,
            CatalogSort::Cheapest => Policy::Cheapest,
        };
        stable_sort(&mut pairs, |a, b| policy.rank(Some(a.1), Some(b.1)));
    }
    if json {
        // One object per model, in the order of its first pair, with the providers that passed.
        let mut order: Vec<&str> = Vec::new();
        for (m, _) in &pairs {
            if !order.contains(&m.id.as_str()) {
                order.push(&m.id);
            }
        }
        for id in order {
            let mut model = pairs
                .iter()
                .find(|(m, _)| m.id == id)
                .map(|(m, _)| (*m).clone());
            if let Some(model) = &mut model {
                model.providers = pairs
                    .iter()
                    .filter(|(m, _)| m.id == id)
                    .map(|(_, p)| (*p).clone())
                    .collect();
                writeln!(o.out, "{}", to_json(model))?;
            }
        }
        return Ok(());
    }
    let mut t = Table::new(["MODEL", "PROVIDER"].iter().chain(&table::METRICS));
    for (m, p) in pairs {
        let mut row = vec![m.id.to_string(), p.provider.to_string()];
        row.extend(metrics(Some(p)));
        t.push(row);
    }
    t.write(o.out, o.out_terminal)?;
    Ok(())
}

/// Sorts `items` by `order`, keeping equal items in their order: an insertion sort, a few hundred
/// bytes in the binary where std's merge sort adds 5 KB, and quick for a catalog's few thousand
/// pairs.
fn stable_sort<T>(items: &mut [T], order: impl Fn(&T, &T) -> std::cmp::Ordering) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && order(&items[j - 1], &items[j]).is_gt() {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Prints a listing one line an item, each page as soon as it is read.
fn stream<T: Transport, I>(
    listing: Listing<'_, T, I>,
    out: &mut impl Write,
    line: impl Fn(I) -> String,
) -> Result<(), Failure> {
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
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::stable_sort;

    #[test]
    fn stable_sort_keeps_ties_in_order() {
        let mut items = [(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        stable_sort(&mut items, |x, y| x.0.cmp(&y.0));
        assert_eq!(items, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        let mut none: [u8; 0] = [];
        stable_sort(&mut none, |x, y| x.cmp(y));
    }
}
