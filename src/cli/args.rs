//! Command-line parsing: everything is checked here, before any request. What each command
//! takes comes from the one table in [`options`](super::options).

use std::ffi::OsString;
use std::time::Duration;

use hf_providers::{
    Direction, Endpoint, Expand, KNOWN_PROVIDERS, ListModels, Needs, PartnerList, Policy,
    ProviderStatus, RepoId, Sort, Token,
};
use lexopt::prelude::*;

use super::help;
use super::options::{self, GLOBAL, Key, Opt, Spec};
use super::suggest::closest;

/// How `catalog` orders its lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CatalogSort {
    Fastest,
    Cheapest,
}

/// The language of `resolve --snippet`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    Curl,
    Python,
    Js,
}

/// What `watch --until` waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Until {
    /// A provider live on the Hub.
    Live,
    /// No provider live on the Hub.
    Gone,
    /// Any change.
    Change,
}

/// What to do.
#[derive(Debug, PartialEq)]
pub enum Command {
    Models {
        query: ListModels,
        /// The provider names asked for, as typed (none for `all`).
        providers: Vec<String>,
    },
    Status(RepoId),
    Providers {
        id: RepoId,
        details: bool,
    },
    Resolve {
        id: RepoId,
        choice: Policy,
        needs: Needs,
        explain: bool,
        snippet: Option<Language>,
    },
    Watch {
        id: RepoId,
        interval: Duration,
        until: Option<Until>,
        count: Option<u64>,
    },
    Catalog {
        /// One model of the catalog, or all of them.
        model: Option<RepoId>,
        providers: Vec<String>,
        needs: Needs,
        sort: Option<CatalogSort>,
    },
    /// Every provider at a glance.
    Glance,
    PartnerLs {
        provider: String,
        status: Option<ProviderStatus>,
        task: Option<String>,
    },
    /// `partner plan` (`apply: None`) or `partner apply` (`Some(yes)`).
    Partner {
        provider: String,
        /// The file of wanted mappings; `-` for stdin.
        file: String,
        prune: bool,
        apply: Option<bool>,
    },
    /// Print this help text.
    Help(String),
    Version,
}

/// A parsed command line.
#[derive(Debug, PartialEq)]
pub struct Args {
    pub command: Command,
    pub json: bool,
    pub endpoint: Option<Endpoint>,
    pub router: Option<Endpoint>,
    pub token: Option<Token>,
    pub timeout: Option<Duration>,
    pub retries: Option<u32>,
    pub verbose: bool,
    /// Ask the Hub for ids like a model that is not found.
    pub suggest: bool,
}

/// A usage error: what is wrong, and the command whose help tells what is right.
#[derive(Debug)]
pub struct Usage {
    pub message: String,
    /// `models`, `status`...: known commands only.
    pub command: Option<&'static str>,
}

/// Parses `args` (without the program name). Every value that can be checked without a request
/// is checked here; the message names the option and what it takes.
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Args, Usage> {
    let mut command = None;
    parse_into(args, &mut command).map_err(|message| Usage {
        message,
        command: command.map(|c: &Spec| c.name),
    })
}

/// An option as given: which, and its value.
struct Given {
    opt: &'static Opt,
    value: Option<String>,
}

impl Given {
    /// `--name` as the user typed it, for messages.
    fn flag(&self) -> String {
        format!("--{}", self.opt.name)
    }

    fn value(&self) -> &str {
        self.value.as_deref().unwrap_or_default()
    }
}

/// The option `--name` (or `-c`), wherever the table has it.
fn lookup(name: &str, short: Option<char>) -> Result<&'static Opt, String> {
    let found = options::everywhere().find(|o| match short {
        Some(c) => o.short == Some(c),
        None => o.answers_to(name),
    });
    found.ok_or_else(|| {
        let shown = match short {
            Some(c) => format!("-{c}"),
            None => format!("--{name}"),
        };
        let names = options::everywhere()
            .flat_map(|o| std::iter::once(o.name).chain(o.aliases.iter().copied()));
        match (short, closest(name, names)) {
            (None, Some(near)) => format!("unknown option {shown}: did you mean --{near}?"),
            _ => format!("unknown option {shown}"),
        }
    })
}

fn parse_into(
    args: impl IntoIterator<Item = OsString>,
    seen: &mut Option<&'static Spec>,
) -> Result<Args, String> {
    let mut p = lexopt::Parser::from_args(args);
    let mut given: Vec<Given> = Vec::new();
    let mut operands: Vec<String> = Vec::new();
    while let Some(arg) = p.next().map_err(|e| e.to_string())? {
        let opt = match arg {
            Short(c) => lookup("", Some(c))?,
            Long(name) => lookup(name, None)?,
            Value(value) => {
                let value = utf8(value)?;
                if operands.is_empty() {
                    *seen = options::command(&value);
                }
                operands.push(value);
                continue;
            }
        };
        let value = match opt.value {
            None => None,
            // Never echoed, even when it is not UTF-8 or empty.
            Some(_) if opt.key == Key::Token => Some(secret(&mut p, "--token")?),
            Some(_) => Some(string(&mut p, &format!("--{}", opt.name))?),
        };
        given.push(Given { opt, value });
    }
    let has = |key| given.iter().any(|g| g.opt.key == key);
    let mut operands = operands.into_iter();
    let name = operands.next().map(|n| with_subcommand(n, &mut operands));
    // `help`, `help COMMAND`, `COMMAND --help`, `--help`.
    let help_of = match name.as_deref() {
        Some("help") => Some(operands.next().map(|n| with_subcommand(n, &mut operands))),
        _ if has(Key::Help) => Some(name.clone()),
        _ => None,
    };
    if let Some(of) = help_of {
        let text = match of.as_deref() {
            None => help::main(),
            Some("partner") => options::all()
                .filter(|c| c.name.starts_with("partner "))
                .map(help::for_command)
                .collect::<Vec<_>>()
                .join("\n"),
            Some(of) => help::for_command(spec(of)?),
        };
        return Ok(args_for(Command::Help(text)));
    }
    if has(Key::Version) {
        return Ok(args_for(Command::Version));
    }
    let Some(name) = name else {
        return Ok(args_for(Command::Help(help::main())));
    };
    let spec = spec(&name)?;
    *seen = Some(spec);
    // Each option must be one of this command's, or a global one.
    for g in &given {
        let here = GLOBAL
            .iter()
            .chain(spec.options)
            .any(|o| o.key == g.opt.key);
        if !here {
            return Err(format!("`{}` takes no {}", spec.name, g.flag()));
        }
    }
    let mut out = args_for(Command::Version);
    let mut list = ListModels::new();
    let mut needs = Needs::new();
    let (mut provider, mut sort_by): (Vec<&str>, Option<&str>) = (Vec::new(), None);
    let (mut expanded, mut details, mut explain) = (false, false, false);
    let (mut prune, mut yes) = (false, false);
    let (mut snippet, mut until, mut count) = (None, None, None);
    let mut interval = Duration::from_secs(60);
    let (mut task, mut status) = (None, None);
    for g in &given {
        let (flag, value) = (g.flag(), g.value());
        match g.opt.key {
            Key::Help | Key::Version => {}
            Key::Json => out.json = true,
            Key::Verbose => out.verbose = true,
            Key::Suggest => out.suggest = true,
            Key::Endpoint => out.endpoint = Some(endpoint(value, &flag)?),
            Key::Router => out.router = Some(endpoint(value, &flag)?),
            Key::Token => {
                out.token = Some(Token::new(value).map_err(|e| format!("--token: {e}"))?);
            }
            Key::Timeout => {
                let secs = decimal(value, &flag, "seconds, more than 0 and at most 86400")?;
                let wrong = || "--timeout takes seconds, more than 0 and at most 86400".into();
                if !(secs > 0.0 && secs <= 86_400.0) {
                    return Err(wrong());
                }
                // Below a nanosecond is 0 for a `Duration`: no time at all.
                let timeout = Duration::from_secs_f64(secs);
                if timeout.is_zero() {
                    return Err(wrong());
                }
                out.timeout = Some(timeout);
            }
            Key::Retries => out.retries = Some(number(value, &flag, "a whole number, 0 or more")?),
            Key::Provider => provider.push(value),
            Key::Warm => list = list.warm(),
            Key::Task => {
                let tag = word(value, &flag, "a pipeline tag")?;
                task = Some(tag.clone());
                list = list.pipeline_tag(tag);
            }
            Key::Status => {
                let known = ["live", "staging"];
                status = Some(one_of(&flag, value, &known, ProviderStatus::from_wire)?);
            }
            Key::Prune => prune = true,
            Key::Snippet => {
                let known = ["curl", "python", "js"];
                snippet = Some(one_of(&flag, value, &known, |v| match v {
                    "curl" => Language::Curl,
                    "python" => Language::Python,
                    _ => Language::Js,
                })?);
            }
            Key::Interval => {
                let secs = decimal(value, &flag, "seconds, at least 5")?;
                if !(secs.is_finite() && (5.0..=86_400.0).contains(&secs)) {
                    return Err("--interval takes seconds, at least 5 and at most 86400".into());
                }
                interval = Duration::from_secs_f64(secs);
            }
            Key::Until => {
                let known = ["live", "gone", "change"];
                until = Some(one_of(&flag, value, &known, |v| match v {
                    "live" => Until::Live,
                    "gone" => Until::Gone,
                    _ => Until::Change,
                })?);
            }
            Key::Count => {
                let n: u64 = number(value, &flag, "a whole number, 1 or more")?;
                if n == 0 {
                    return Err("--count takes a whole number, 1 or more, not \"0\"".into());
                }
                count = Some(n);
            }
            Key::Yes => yes = true,
            Key::Search => list = list.search(text(value, &flag)?),
            Key::Author => list = list.author(author(value)?),
            Key::Filter => list = list.filter(text(value, &flag)?),
            Key::Library => list = list.library(word(value, &flag, "a library")?),
            Key::Gated => list = list.gated(true),
            Key::NotGated => list = list.gated(false),
            Key::NumParameters => list = list.num_parameters(text(value, &flag)?),
            Key::Sort => sort_by = Some(value),
            Key::Asc => list = list.direction(Direction::Ascending),
            Key::Limit => {
                let limit: usize = number(value, &flag, "a whole number, 1 or more")?;
                if limit == 0 {
                    return Err("--limit takes a whole number, 1 or more, not \"0\"".into());
                }
                list = list.limit(limit);
            }
            Key::Expand => {
                list = list.expand(one_of(&flag, value, Expand::KNOWN, Expand::from_wire)?);
                expanded = true;
            }
            Key::Details => details = true,
            Key::Explain => explain = true,
            Key::Tools => needs = needs.tools(),
            Key::StructuredOutput => needs = needs.structured_output(),
            Key::MinContext => {
                needs = needs.min_context(number(value, &flag, "a whole number of tokens")?)
            }
            Key::MaxPrice => {
                let usd = decimal(value, &flag, "a price in USD, 0 or more")?;
                if !(usd.is_finite() && usd >= 0.0) {
                    return Err("--max-price takes a price in USD, 0 or more".into());
                }
                needs = needs.max_output_price(usd);
            }
        }
    }
    let model = operands.next();
    // `partner plan` and `apply` take a FILE after the PROVIDER.
    let file = match spec.name {
        "partner plan" | "partner apply" => operands.next(),
        _ => None,
    };
    if let Some(extra) = operands.next() {
        return Err(format!("unexpected argument {extra:?}"));
    }
    out.command = match spec.name {
        "models" => {
            if let Some(m) = model {
                return Err(format!("unexpected argument {m:?}"));
            }
            let mut names = Vec::new();
            for value in &provider {
                for name in providers(value, true)? {
                    names.push(name.to_owned());
                }
            }
            if names.len() > 1 && names.iter().any(|n| n == "all") {
                return Err("--provider takes `all` alone".into());
            }
            for name in &names {
                list = list.inference_provider(name.as_str());
            }
            if let Some(sort) = sort_by {
                list = list.sort(one_of(
                    "--sort",
                    &camel_case(sort),
                    Sort::KNOWN,
                    Sort::from_wire,
                )?);
            }
            if out.json && expanded {
                // `expand[]` makes the Hub send only the keys named: ask for the usual ones
                // too, so --expand adds a field instead of taking the others away.
                for usual in LISTED {
                    list = list.expand(usual);
                }
            }
            // Printing ids needs no field but `id`; any `expand[]` makes the Hub send only the
            // keys named (plus `_id` and `id`), so ask for one tiny field: pages shrink about
            // fourfold and so does the work of reading them.
            if !out.json && !expanded {
                list = list.expand(Expand::Private);
            }
            names.retain(|n| n != "all");
            Command::Models {
                query: list,
                providers: names,
            }
        }
        "status" => Command::Status(repo_id(model, spec.name)?),
        "providers" if model.is_none() => {
            if details {
                return Err("--details needs a MODEL_ID".into());
            }
            Command::Glance
        }
        "providers" => Command::Providers {
            id: repo_id(model, spec.name)?,
            details,
        },
        "partner ls" => Command::PartnerLs {
            provider: provider_name(model, spec.name)?,
            status,
            task,
        },
        "partner plan" | "partner apply" => {
            let provider = provider_name(model, spec.name)?;
            let file = file.ok_or_else(|| format!("`{}` needs a FILE (`-`: stdin)", spec.name))?;
            Command::Partner {
                provider,
                file,
                prune,
                apply: (spec.name == "partner apply").then_some(yes),
            }
        }
        "resolve" => {
            let given = model.ok_or("`resolve` needs a MODEL_ID")?;
            // MODEL:POLICY and MODEL:PROVIDER, as the router takes them.
            let (id, suffix) = match given.split_once(':') {
                Some((id, suffix)) => (id.to_owned(), Some(suffix.to_owned())),
                None => (given, None),
            };
            let asked = match provider.as_slice() {
                [] => None,
                [one] => Some(*one),
                _ => return Err("--provider takes one policy".into()),
            };
            let choice = match (suffix.as_deref(), asked) {
                (Some(a), Some(b)) if a != b => {
                    return Err(format!(
                        "MODEL_ID:{a} and --provider {b} disagree; give one"
                    ));
                }
                (Some(policy), _) => choice(policy, "MODEL_ID:POLICY")?,
                (None, Some(policy)) => choice(policy, "--provider")?,
                (None, None) => Policy::Auto,
            };
            if snippet.is_some() && out.json {
                return Err("--snippet prints a program, --json a line: give one".into());
            }
            if let Some(task) = task {
                needs = needs.task(task);
            }
            Command::Resolve {
                id: repo_id(Some(id), spec.name)?,
                choice,
                needs,
                explain,
                snippet,
            }
        }
        "watch" => Command::Watch {
            id: repo_id(model, spec.name)?,
            interval,
            until,
            count,
        },
        _ => {
            let model = match model {
                Some(id) => Some(repo_id(Some(id), spec.name)?),
                None => None,
            };
            let mut names = Vec::new();
            for value in &provider {
                names.extend(providers(value, false)?.into_iter().map(str::to_owned));
            }
            let sort = match sort_by {
                None => None,
                Some("fastest") => Some(CatalogSort::Fastest),
                Some("cheapest") => Some(CatalogSort::Cheapest),
                Some(other) => {
                    let near = closest(other, ["fastest", "cheapest"]);
                    return Err(format!(
                        "`catalog --sort` takes fastest or cheapest, not {other:?}{}",
                        did_you_mean(near)
                    ));
                }
            };
            Command::Catalog {
                model,
                providers: names,
                needs,
                sort,
            }
        }
    };
    Ok(out)
}

/// The fields a plain listing carries, asked for again beside an `--expand` with `--json`.
const LISTED: [Expand; 8] = [
    Expand::Author,
    Expand::CreatedAt,
    Expand::Downloads,
    Expand::LibraryName,
    Expand::Likes,
    Expand::PipelineTag,
    Expand::Tags,
    Expand::TrendingScore,
];

/// Settings with nothing set, to run `command`.
fn args_for(command: Command) -> Args {
    Args {
        command,
        json: false,
        endpoint: None,
        router: None,
        token: None,
        timeout: None,
        retries: None,
        verbose: false,
        suggest: false,
    }
}

/// The command named `name`, or what it may have been meant to be.
fn spec(name: &str) -> Result<&'static Spec, String> {
    if name == "partner" {
        return Err("`partner` takes ls, plan or apply: `hf-providers help partner`".into());
    }
    options::command(name).ok_or_else(|| {
        let names = options::all().map(|c| c.name);
        let known: Vec<&str> = names.clone().collect();
        format!(
            "unknown command {name:?}{}; the commands are {}",
            did_you_mean(closest(name, names)),
            known.join(", ")
        )
    })
}

/// `: did you mean X?`, when there is an X.
fn did_you_mean(near: Option<&str>) -> String {
    near.map_or_else(String::new, |near| format!(": did you mean {near}?"))
}

/// A sort field as `hf` spells it (`trending_score`) in the Hub's spelling (`trendingScore`).
fn camel_case(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut upper = false;
    for c in field.chars() {
        match c {
            '_' => upper = true,
            c if upper => {
                out.extend(c.to_uppercase());
                upper = false;
            }
            c => out.push(c),
        }
    }
    out
}

/// `partner` and its subcommand, as one name (`partner ls`); any other name as it is.
fn with_subcommand(name: String, operands: &mut impl Iterator<Item = String>) -> String {
    match name.as_str() {
        "partner" => match operands.next() {
            Some(sub) => format!("partner {sub}"),
            None => name,
        },
        _ => name,
    }
}

/// A provider name, checked as the Hub's API takes it. A name near a known one is not taken
/// for a typo here: a new provider may well be named so. (The Hub's 404 gets the suggestion.)
fn provider_name(name: Option<String>, command: &str) -> Result<String, String> {
    let name = name.ok_or_else(|| format!("`{command}` needs a PROVIDER"))?;
    PartnerList::new(&name).map_err(|e| format!("PROVIDER: {e}"))?;
    Ok(name)
}

fn repo_id(model: Option<String>, subcommand: &str) -> Result<RepoId, String> {
    let id = model.ok_or_else(|| format!("`{subcommand}` needs a MODEL_ID"))?;
    RepoId::parse(&id).map_err(|e| format!("MODEL_ID: {e}"))
}

/// A policy or a provider name. A word close to a policy, or to a provider the Hub lists, is
/// taken for a typo (a name far from every known one still goes: new providers appear).
fn choice(value: &str, option: &str) -> Result<Policy, String> {
    const POLICIES: [&str; 4] = ["auto", "fastest", "cheapest", "preferred"];
    let policy: Policy = value.parse().map_err(|e| {
        format!("{option} takes auto, fastest, cheapest, preferred or a provider name: {e}")
    })?;
    if let Policy::Named(name) = &policy {
        let known = POLICIES.iter().chain(KNOWN_PROVIDERS).copied();
        if let Some(near) = closest(name, known) {
            return Err(format!(
                "{option}: {name:?} is neither a policy nor a provider the Hub lists: did you \
                 mean {near}?"
            ));
        }
    }
    Ok(policy)
}

/// `--provider` as a list of provider names (`all` alone, where `all` is allowed).
fn providers(value: &str, all: bool) -> Result<Vec<&str>, String> {
    if all && value == "all" {
        return Ok(vec![value]);
    }
    if value.split(',').any(|name| name == "all") {
        return Err("--provider takes `all` alone".into());
    }
    let takes = if all {
        "provider names, or all"
    } else {
        "provider names"
    };
    value
        .split(',')
        .map(|name| match choice(name, "--provider") {
            Ok(Policy::Named(_)) => Ok(name),
            Ok(_) => Err(format!("--provider takes {takes}, not the policy {name:?}")),
            Err(e) => Err(e.replacen(
                "auto, fastest, cheapest, preferred or a provider name",
                takes,
                1,
            )),
        })
        .collect()
}

fn endpoint(value: &str, option: &str) -> Result<Endpoint, String> {
    Endpoint::parse(value).map_err(|e| format!("{option}: {e}"))
}

/// `value` if it is one of the `known` values, else a message naming `option` and them.
fn one_of<T>(
    option: &str,
    value: &str,
    known: &[&str],
    from_wire: fn(&str) -> T,
) -> Result<T, String> {
    if known.contains(&value) {
        Ok(from_wire(value))
    } else {
        let near = closest(value, known.iter().copied());
        Err(format!(
            "{option} takes {}, not {value:?}{}",
            known.join(", "),
            did_you_mean(near)
        ))
    }
}

fn author(name: &str) -> Result<String, String> {
    match RepoId::parse(name) {
        Ok(_) if !name.contains('/') => Ok(name.to_owned()),
        _ => Err(format!(
            "--author takes a user or organization name, not {name:?}"
        )),
    }
}

/// A value such as a pipeline tag or a library: ASCII letters, digits, `-`, `_` and `.`.
fn word(value: &str, option: &str, what: &str) -> Result<String, String> {
    if value
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    {
        Ok(value.to_owned())
    } else {
        Err(format!(
            "{option} takes {what} (ASCII letters, digits, `-`, `_` or `.`), not {value:?}"
        ))
    }
}

/// Free text: anything printable.
fn text(value: &str, option: &str) -> Result<String, String> {
    if value.chars().any(char::is_control) {
        return Err(format!("{option} takes printable text"));
    }
    Ok(value.to_owned())
}

fn utf8(value: OsString) -> Result<String, String> {
    value
        .into_string()
        .map_err(|v| format!("{v:?} is not valid UTF-8"))
}

fn string(p: &mut lexopt::Parser, option: &str) -> Result<String, String> {
    value(p, option, |v| format!("{option}: {v:?} is not valid UTF-8"))
}

/// An option's value that must not be shown in a message, whatever is wrong with it.
fn secret(p: &mut lexopt::Parser, option: &str) -> Result<String, String> {
    value(p, option, |_| {
        format!("{option} is not valid UTF-8 (its value is not shown)")
    })
}

/// An option's value: present, UTF-8 (else `not_utf8` says so) and not empty.
fn value(
    p: &mut lexopt::Parser,
    option: &str,
    not_utf8: impl FnOnce(OsString) -> String,
) -> Result<String, String> {
    let value = p
        .value()
        .map_err(|_| format!("{option} needs a value"))?
        .into_string()
        .map_err(not_utf8)?;
    if value.is_empty() {
        return Err(format!("{option} has an empty value"));
    }
    Ok(value)
}

/// `value` as a number of type `T`, or a message saying what `option` takes.
fn number<T: std::str::FromStr>(value: &str, option: &str, what: &str) -> Result<T, String> {
    value
        .parse()
        .map_err(|_| format!("{option} takes {what}, not {value:?}"))
}

/// `value` as a decimal written as people write seconds and prices (`30`, `0.5`, `.5`), or a
/// message saying what `option` takes. Read exactly as `str::parse::<f64>` reads it, without
/// the standard library's float parser, whose tables cost a static binary 17 KB.
fn decimal(value: &str, option: &str, what: &str) -> Result<f64, String> {
    decimal_value(value).ok_or_else(|| format!("{option} takes {what}, not {value:?}"))
}

/// The exact value of `text` (digits, at most one point), when it has at most 15 or so
/// significant digits: beyond 2^53 or 22 decimals, one division would no longer be exact.
fn decimal_value(text: &str) -> Option<f64> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let fraction = fraction.trim_end_matches('0');
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut mantissa: u64 = 0;
    for d in whole.bytes().chain(fraction.bytes()) {
        if !d.is_ascii_digit() {
            return None;
        }
        mantissa = mantissa.checked_mul(10)?.checked_add(u64::from(d - b'0'))?;
    }
    if mantissa > 1 << 53 || fraction.len() > 22 {
        return None;
    }
    // 10^k for k <= 22 is exact in f64, and so is each product on the way.
    let scale = (0..fraction.len()).fold(1.0, |p, _| p * 10.0);
    // Both operands exact: the one rounding is the division's, as in a correct parser.
    Some(mantissa as f64 / scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_read_as_the_standard_parser_reads_them() {
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for _ in 0..20_000 {
            let size = next(8) as u32;
            let whole = next(10u64.pow(size));
            let places = next(9) as usize;
            let fraction = next(10u64.pow(places as u32));
            let text = match places {
                0 => whole.to_string(),
                _ => format!("{whole}.{fraction:0places$}"),
            };
            assert_eq!(decimal_value(&text), text.parse().ok(), "{text}");
        }
        for (text, want) in [
            ("0", Some(0.0)),
            ("0.", Some(0.0)),
            (".5", Some(0.5)),
            ("5.", Some(5.0)),
            ("0.1", Some(0.1)),
            ("0.30000000000000000000000000", Some(0.3)),
            ("86400", Some(86400.0)),
            ("9007199254740992", Some(9007199254740992.0)),
        ] {
            assert_eq!(decimal_value(text), want, "{text}");
        }
        // What Rust's parser also takes, refused here with the option's own message.
        for text in [
            "",
            ".",
            "..",
            "1.2.3",
            "-1",
            "+1",
            "1e3",
            "inf",
            "NaN",
            " 1",
            "1 ",
            "0x10",
            "١",
            "9007199254740993",
            "0.00000000000000000000001",
            "99999999999999999999",
        ] {
            assert_eq!(decimal_value(text), None, "{text}");
        }
    }

    fn parse_str(line: &str) -> Result<Args, String> {
        parse(line.split_whitespace().map(OsString::from)).map_err(|u| u.message)
    }

    #[test]
    fn models_with_every_option() {
        let args = parse_str(
            "--endpoint http://x models --provider sambanova,novita --task image-text-to-text \
             --search llama --author meta --filter a --filter b --library transformers \
             --sort likes --asc --limit 5 --expand inference --json --timeout 2.5 --retries 1 \
             --warm --router http://r",
        )
        .unwrap();
        let want = ListModels::new()
            .pipeline_tag("image-text-to-text")
            .search("llama")
            .author("meta")
            .filter("a")
            .filter("b")
            .library("transformers")
            .sort(Sort::Likes)
            .direction(Direction::Ascending)
            .limit(5)
            .expand(Expand::Inference)
            .expand(Expand::Author)
            .expand(Expand::CreatedAt)
            .expand(Expand::Downloads)
            .expand(Expand::LibraryName)
            .expand(Expand::Likes)
            .expand(Expand::PipelineTag)
            .expand(Expand::Tags)
            .expand(Expand::TrendingScore)
            .warm()
            .inference_provider("sambanova")
            .inference_provider("novita");
        assert_eq!(
            args.command,
            Command::Models {
                query: want,
                providers: vec!["sambanova".into(), "novita".into()]
            }
        );
        assert!(args.json);
        assert_eq!(args.endpoint, Some(Endpoint::parse("http://x").unwrap()));
        assert_eq!(args.router, Some(Endpoint::parse("http://r").unwrap()));
        assert_eq!(args.timeout, Some(Duration::from_millis(2500)));
        assert_eq!(args.retries, Some(1));
    }

    fn query(line: &str) -> ListModels {
        match parse_str(line).unwrap().command {
            Command::Models { query, .. } => query,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn plain_listings_ask_for_one_small_field() {
        assert_eq!(query("models"), ListModels::new().expand(Expand::Private));
        assert_eq!(query("models --json"), ListModels::new());
        assert_eq!(
            query("models --expand likes"),
            ListModels::new().expand(Expand::Likes)
        );
    }

    #[test]
    fn an_expanded_json_listing_keeps_the_usual_fields() {
        let mut want = ListModels::new().expand(Expand::Inference);
        for usual in LISTED {
            want = want.expand(usual);
        }
        assert_eq!(query("models --json --expand inference"), want);
    }

    #[test]
    fn the_hf_clis_names_are_taken_too() {
        assert_eq!(
            query("models --inference-provider groq --inference-provider novita --pipeline-tag t"),
            query("models --provider groq,novita --task t")
        );
        for (theirs, ours) in [
            ("trending_score", "trendingScore"),
            ("created_at", "createdAt"),
            ("last_modified", "lastModified"),
        ] {
            assert_eq!(
                query(&format!("models --sort {theirs}")),
                query(&format!("models --sort {ours}"))
            );
        }
    }

    #[test]
    fn help_is_a_command_too() {
        assert_eq!(
            parse_str("help").unwrap().command,
            Command::Help(help::main())
        );
        assert_eq!(
            parse_str("help models").unwrap().command,
            parse_str("models --help").unwrap().command
        );
        assert!(
            parse_str("help modles")
                .unwrap_err()
                .contains("did you mean models?")
        );
    }

    #[test]
    fn typos_are_caught_with_a_suggestion_before_any_request() {
        for (line, says) in [
            ("modles", "unknown command \"modles\": did you mean models?"),
            ("model", "did you mean models?"),
            ("resolve a/b:fastset", "did you mean fastest?"),
            ("resolve a/b --provider FASTEST", "did you mean fastest?"),
            ("models --provider fireworks", "did you mean fireworks-ai?"),
            ("catalog --provider grok", "did you mean groq?"),
            (
                "models --limt 3",
                "unknown option --limt: did you mean --limit?",
            ),
            ("models --sort likse", "did you mean likes?"),
            ("catalog --sort cheap", "takes fastest or cheapest"),
            (
                "models --limit -1",
                "--limit takes a whole number, 1 or more, not \"-1\"",
            ),
            ("status a/b --limit 3", "`status` takes no --limit"),
        ] {
            let err = parse_str(line).unwrap_err();
            assert!(err.contains(says), "{line}: {err}");
        }
        // A name far from every known provider still goes: new providers appear.
        assert!(parse_str("resolve a/b:brand-new-provider").is_ok());
        assert!(parse_str("models --provider nebius").is_ok());
    }

    #[test]
    fn model_commands() {
        let id = RepoId::parse("google/gemma-3-27b-it").unwrap();
        assert_eq!(
            parse_str("status google/gemma-3-27b-it").unwrap().command,
            Command::Status(id.clone())
        );
        assert_eq!(
            parse_str("providers google/gemma-3-27b-it --json")
                .unwrap()
                .command,
            Command::Providers {
                id: id.clone(),
                details: false
            }
        );
        assert_eq!(
            parse_str("providers google/gemma-3-27b-it --details")
                .unwrap()
                .command,
            Command::Providers {
                id: id.clone(),
                details: true
            }
        );
        let resolve = |choice, needs, explain| Command::Resolve {
            id: id.clone(),
            choice,
            needs,
            explain,
            snippet: None,
        };
        assert_eq!(
            parse_str("resolve google/gemma-3-27b-it").unwrap().command,
            resolve(Policy::Auto, Needs::new(), false)
        );
        assert_eq!(
            parse_str("resolve --provider groq google/gemma-3-27b-it")
                .unwrap()
                .command,
            resolve(Policy::Named("groq".into()), Needs::new(), false)
        );
        assert_eq!(
            parse_str("resolve google/gemma-3-27b-it:cheapest --provider cheapest --explain")
                .unwrap()
                .command,
            resolve(Policy::Cheapest, Needs::new(), true)
        );
        assert_eq!(
            parse_str(
                "resolve google/gemma-3-27b-it:together --tools --structured-output \
                 --min-context 100000 --max-price 1.5"
            )
            .unwrap()
            .command,
            resolve(
                Policy::Named("together".into()),
                Needs::new()
                    .tools()
                    .structured_output()
                    .min_context(100_000)
                    .max_output_price(1.5),
                false
            )
        );
    }

    #[test]
    fn catalog_commands() {
        assert_eq!(
            parse_str("catalog").unwrap().command,
            Command::Catalog {
                model: None,
                providers: vec![],
                needs: Needs::new(),
                sort: None
            }
        );
        assert_eq!(
            parse_str("catalog m/x --provider groq,novita --tools --sort cheapest --json")
                .unwrap()
                .command,
            Command::Catalog {
                model: Some(RepoId::parse("m/x").unwrap()),
                providers: vec!["groq".into(), "novita".into()],
                needs: Needs::new().tools(),
                sort: Some(CatalogSort::Cheapest)
            }
        );
    }

    #[test]
    fn help_and_version() {
        assert_eq!(parse_str("").unwrap().command, Command::Help(help::main()));
        assert_eq!(
            parse_str("-h").unwrap().command,
            Command::Help(help::main())
        );
        let models = help::for_command(options::command("models").unwrap());
        assert_eq!(
            parse_str("models -h").unwrap().command,
            Command::Help(models)
        );
        assert!(parse_str("nope --help").is_err());
        assert_eq!(parse_str("-V").unwrap().command, Command::Version);
    }

    #[test]
    fn usage_errors() {
        for line in [
            "nope",
            "models extra",
            "status",
            "status a--b",
            "status a/b --provider x",
            "providers a/b --limit 3",
            "models --limit x",
            "models --limit -1",
            "models --sort name",
            "models --timeout 0",
            "models --timeout 0.0000000001",
            "models --timeout nan",
            "models --retries 1.5",
            "models --bogus",
            "models --provider",
            "status a/b c",
            "models --details",
            "models --tools",
            "status a/b --explain",
            "providers a/b --min-context 5",
            "resolve a/b --provider bad,name",
            "resolve a/b:fastest --provider cheapest",
            "resolve a/b:bad!name",
            "resolve a/b --min-context -1",
            "resolve a/b --max-price -1",
            "resolve a/b --max-price inf",
            "resolve a/b --sort fastest",
            "catalog --sort likes",
            "catalog --provider fastest",
            "catalog a--b",
            "catalog --provider a,,b",
            "models --provider all,groq",
            "models --provider fastest",
            "models --limit 0",
            "models --expand bogus",
            "models --author a/b",
            "models --task a%20b",
            "models --library a/b",
            "--endpoint ftp://x models",
            "--token a\u{1}b models",
        ] {
            assert!(parse_str(line).is_err(), "{line}");
        }
    }
}
