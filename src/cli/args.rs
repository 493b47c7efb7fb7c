//! Command-line parsing: everything is checked here, before any request.

use std::ffi::OsString;
use std::time::Duration;

use hf_providers::{Direction, Endpoint, Expand, ListModels, Needs, Policy, RepoId, Sort, Token};
use lexopt::prelude::*;

use super::help;

/// How `catalog` orders its lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CatalogSort {
    Fastest,
    Cheapest,
}

/// What to do.
#[derive(Debug, PartialEq)]
pub enum Command {
    Models(ListModels),
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
    },
    Catalog {
        /// One model of the catalog, or all of them.
        model: Option<RepoId>,
        providers: Vec<String>,
        needs: Needs,
        sort: Option<CatalogSort>,
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
}

/// The commands, as typed.
const COMMANDS: &str = "models, status, providers, resolve or catalog";

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
        command: command.and_then(|c: String| help::command_name(&c)),
    })
}

fn parse_into(
    args: impl IntoIterator<Item = OsString>,
    seen: &mut Option<String>,
) -> Result<Args, String> {
    let mut p = lexopt::Parser::from_args(args);
    let mut out = Args {
        command: Command::Help(help::HELP.into()),
        json: false,
        endpoint: None,
        router: None,
        token: None,
        timeout: None,
        retries: None,
        verbose: false,
    };
    let mut subcommand: Option<String> = None;
    let mut model: Option<String> = None;
    let mut list = ListModels::new();
    let mut provider: Option<String> = None;
    let mut needs = Needs::new();
    let mut sort_by: Option<String> = None;
    let mut help = false;
    let mut version = false;
    let mut expanded = false;
    let mut details = false;
    let mut explain = false;
    while let Some(arg) = p.next().map_err(|e| e.to_string())? {
        match arg {
            Short('h') | Long("help") => help = true,
            Short('V') | Long("version") => version = true,
            Long("json") => out.json = true,
            Long("verbose") => out.verbose = true,
            Long("endpoint") => out.endpoint = Some(endpoint(&mut p, "--endpoint")?),
            Long("router") => out.router = Some(endpoint(&mut p, "--router")?),
            // Never echoed, even when it is not UTF-8 or empty.
            Long("token") => {
                let token = secret(&mut p, "--token")?;
                out.token = Some(Token::new(token).map_err(|e| format!("--token: {e}"))?);
            }
            Long("timeout") => {
                let secs: f64 = number(&mut p, "--timeout")?;
                if !(secs.is_finite() && secs > 0.0 && secs <= 86_400.0) {
                    return Err("--timeout takes seconds, more than 0 and at most 86400".into());
                }
                out.timeout = Some(Duration::from_secs_f64(secs));
            }
            Long("retries") => out.retries = Some(number(&mut p, "--retries")?),
            Long("provider") => provider = Some(string(&mut p, "--provider")?),
            Long("warm") => list = list.warm(),
            Long("task") => list = list.pipeline_tag(word(&mut p, "--task", "a pipeline tag")?),
            Long("search") => list = list.search(text(&mut p, "--search")?),
            Long("author") => list = list.author(author(&mut p)?),
            Long("filter") => list = list.filter(text(&mut p, "--filter")?),
            Long("library") => list = list.library(word(&mut p, "--library", "a library")?),
            Long("sort") => sort_by = Some(string(&mut p, "--sort")?),
            Long("asc") => list = list.direction(Direction::Ascending),
            Long("limit") => {
                let limit: usize = number(&mut p, "--limit")?;
                if limit == 0 {
                    return Err("--limit takes 1 or more".into());
                }
                list = list.limit(limit);
            }
            Long("expand") => {
                let key = string(&mut p, "--expand")?;
                list = list.expand(one_of("--expand", &key, Expand::KNOWN, Expand::from_wire)?);
                expanded = true;
            }
            Long("details") => details = true,
            Long("explain") => explain = true,
            Long("tools") => needs = needs.tools(),
            Long("structured-output") => needs = needs.structured_output(),
            Long("min-context") => {
                let tokens: u64 = number(&mut p, "--min-context")?;
                needs = needs.min_context(tokens);
            }
            Long("max-price") => {
                let usd: f64 = number(&mut p, "--max-price")?;
                if !(usd.is_finite() && usd >= 0.0) {
                    return Err("--max-price takes a price in USD, 0 or more".into());
                }
                needs = needs.max_output_price(usd);
            }
            Value(value) if subcommand.is_none() => {
                let name = utf8(value)?;
                *seen = Some(name.clone());
                subcommand = Some(name);
            }
            Value(value) if model.is_none() => model = Some(utf8(value)?),
            other => return Err(other.unexpected().to_string()),
        }
    }
    if version && !help {
        out.command = Command::Version;
        return Ok(out);
    }
    let Some(subcommand) = subcommand else {
        return Ok(out);
    };
    if help {
        let text = help::for_command(&subcommand)
            .ok_or_else(|| format!("unknown command {subcommand:?}: {COMMANDS}"))?;
        out.command = Command::Help(text);
        return Ok(out);
    }
    let needs_given = !needs.is_empty();
    let only = |allowed: bool, what: &str| {
        if allowed {
            Ok(())
        } else {
            Err(format!("`{subcommand}` takes no {what}"))
        }
    };
    let listing_only = list != ListModels::new();
    if subcommand != "models" {
        only(!listing_only, "listing options")?;
    }
    only(subcommand == "providers" || !details, "--details")?;
    only(subcommand == "resolve" || !explain, "--explain")?;
    only(
        matches!(subcommand.as_str(), "resolve" | "catalog") || !needs_given,
        "needs (--tools, --structured-output, --min-context, --max-price)",
    )?;
    out.command = match subcommand.as_str() {
        "models" => {
            if let Some(m) = model {
                return Err(format!("unexpected argument {m:?}"));
            }
            if let Some(value) = &provider {
                for name in providers(value, true)? {
                    list = list.inference_provider(name);
                }
            }
            if let Some(sort) = &sort_by {
                list = list.sort(one_of("--sort", sort, Sort::KNOWN, Sort::from_wire)?);
            }
            // Printing ids needs no field but `id`; any `expand[]` makes the Hub send only the
            // keys named (plus `_id` and `id`), so ask for one tiny field: pages shrink about
            // fourfold and so does the work of reading them.
            if !out.json && !expanded {
                list = list.expand(Expand::Private);
            }
            Command::Models(list)
        }
        "status" | "providers" => {
            only(provider.is_none(), "--provider")?;
            only(sort_by.is_none(), "--sort")?;
            let id = repo_id(model, &subcommand)?;
            if subcommand == "status" {
                Command::Status(id)
            } else {
                Command::Providers { id, details }
            }
        }
        "resolve" => {
            only(sort_by.is_none(), "--sort")?;
            let given = model.ok_or("`resolve` needs a MODEL_ID")?;
            // MODEL:POLICY and MODEL:PROVIDER, as the router takes them.
            let (id, suffix) = match given.split_once(':') {
                Some((id, suffix)) => (id.to_owned(), Some(suffix.to_owned())),
                None => (given, None),
            };
            let choice = match (suffix, provider) {
                (Some(a), Some(b)) if a != b => {
                    return Err(format!(
                        "MODEL_ID:{a} and --provider {b} disagree; give one"
                    ));
                }
                (Some(policy), _) => choice(&policy, "MODEL_ID:POLICY")?,
                (None, Some(policy)) => choice(&policy, "--provider")?,
                (None, None) => Policy::Auto,
            };
            Command::Resolve {
                id: repo_id(Some(id), &subcommand)?,
                choice,
                needs,
                explain,
            }
        }
        "catalog" => {
            let model = match model {
                Some(id) => Some(repo_id(Some(id), &subcommand)?),
                None => None,
            };
            let providers = match &provider {
                Some(value) => providers(value, false)?
                    .into_iter()
                    .map(str::to_owned)
                    .collect(),
                None => Vec::new(),
            };
            let sort = match sort_by.as_deref() {
                None => None,
                Some("fastest") => Some(CatalogSort::Fastest),
                Some("cheapest") => Some(CatalogSort::Cheapest),
                Some(other) => {
                    return Err(format!(
                        "`catalog --sort` takes fastest or cheapest, not {other:?}"
                    ));
                }
            };
            Command::Catalog {
                model,
                providers,
                needs,
                sort,
            }
        }
        other => return Err(format!("unknown command {other:?}: {COMMANDS}")),
    };
    Ok(out)
}

fn repo_id(model: Option<String>, subcommand: &str) -> Result<RepoId, String> {
    let id = model.ok_or_else(|| format!("`{subcommand}` needs a MODEL_ID"))?;
    RepoId::parse(&id).map_err(|e| format!("MODEL_ID: {e}"))
}

fn choice(value: &str, option: &str) -> Result<Policy, String> {
    value.parse().map_err(|e| {
        format!("{option} takes auto, fastest, cheapest, preferred or a provider name: {e}")
    })
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

fn endpoint(p: &mut lexopt::Parser, option: &str) -> Result<Endpoint, String> {
    Endpoint::parse(&string(p, option)?).map_err(|e| format!("{option}: {e}"))
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
        Err(format!(
            "{option} takes {}, not {value:?}",
            known.join(", ")
        ))
    }
}

fn author(p: &mut lexopt::Parser) -> Result<String, String> {
    let name = string(p, "--author")?;
    match RepoId::parse(&name) {
        Ok(_) if !name.contains('/') => Ok(name),
        _ => Err(format!(
            "--author takes a user or organization name, not {name:?}"
        )),
    }
}

/// A value such as a pipeline tag or a library: ASCII letters, digits, `-`, `_` and `.`.
fn word(p: &mut lexopt::Parser, option: &str, what: &str) -> Result<String, String> {
    let value = string(p, option)?;
    if value
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    {
        Ok(value)
    } else {
        Err(format!(
            "{option} takes {what} (ASCII letters, digits, `-`, `_` or `.`), not {value:?}"
        ))
    }
}

/// Free text: anything printable.
fn text(p: &mut lexopt::Parser, option: &str) -> Result<String, String> {
    let value = string(p, option)?;
    if value.chars().any(char::is_control) {
        return Err(format!("{option} takes printable text"));
    }
    Ok(value)
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

fn number<T: std::str::FromStr>(p: &mut lexopt::Parser, option: &str) -> Result<T, String> {
    let value = string(p, option)?;
    value
        .parse()
        .map_err(|_| format!("{option} takes a number, not {value:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

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
            .warm()
            .inference_provider("sambanova")
            .inference_provider("novita");
        assert_eq!(args.command, Command::Models(want));
        assert!(args.json);
        assert_eq!(args.endpoint, Some(Endpoint::parse("http://x").unwrap()));
        assert_eq!(args.router, Some(Endpoint::parse("http://r").unwrap()));
        assert_eq!(args.timeout, Some(Duration::from_millis(2500)));
        assert_eq!(args.retries, Some(1));
    }

    #[test]
    fn plain_listings_ask_for_one_small_field() {
        let plain = ListModels::new().expand(Expand::Private);
        assert_eq!(parse_str("models").unwrap().command, Command::Models(plain));
        assert_eq!(
            parse_str("models --json").unwrap().command,
            Command::Models(ListModels::new())
        );
        let asked = ListModels::new().expand(Expand::Likes);
        assert_eq!(
            parse_str("models --expand likes").unwrap().command,
            Command::Models(asked)
        );
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
        assert_eq!(
            parse_str("").unwrap().command,
            Command::Help(help::HELP.into())
        );
        assert_eq!(
            parse_str("-h").unwrap().command,
            Command::Help(help::HELP.into())
        );
        let models = help::for_command("models").unwrap();
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
