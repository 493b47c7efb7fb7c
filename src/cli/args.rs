//! Command-line parsing: everything is checked here, before any request.

use std::ffi::OsString;
use std::time::Duration;

use hf_providers::{Direction, Expand, ListModels, Needs, ProviderChoice, RepoId, Sort};
use lexopt::prelude::*;

pub const HELP: &str = "\
hf-providers: ask the Hugging Face Hub about Inference Providers

USAGE:
    hf-providers models [--provider P[,P...]|all] [--warm] [--task PIPELINE_TAG]
                        [--search TEXT] [--author NAME] [--filter TAG]... [--library NAME]
                        [--sort downloads|likes|trendingScore|createdAt|lastModified] [--asc]
                        [--limit N] [--expand KEY]... [--json]
    hf-providers status MODEL_ID [--json]
    hf-providers providers MODEL_ID [--details] [--json]
    hf-providers resolve MODEL_ID[:POLICY|:PROVIDER]
                         [--provider auto|fastest|cheapest|preferred|NAME]
                         [--tools] [--structured-output] [--min-context N] [--max-price USD]
                         [--explain] [--json]
    hf-providers catalog [MODEL_ID] [--provider P[,P...]] [--tools] [--structured-output]
                         [--min-context N] [--max-price USD] [--sort fastest|cheapest] [--json]

COMMANDS:
    models      Models served by the providers (any provider with `all`; only warm ones with
                --warm), one id per line, streamed page by page; --json prints one JSON object
                per line (NDJSON).
    status      `warm` when at least one provider serves the model, else `not-warm`;
                --json prints {\"id\":...,\"inference\":\"warm\"|null}.
    providers   One line per provider, in the Hub's order (the caller's preference):
                provider<TAB>status<TAB>task<TAB>providerId. Nothing when none serves it.
                --details adds the router's view: router status, context, input price,
                output price (USD per 1M tokens), throughput (tokens/s), latency (ms to the
                first token), tools, structured output; `-` when unknown.
                --json prints the list with all fields.
    resolve     The provider to call: provider<TAB>providerId<TAB>task. The policy, as the
                router takes it (MODEL:fastest, or --provider): auto (the default) is what the
                router does, fastest for a model in its catalog, else preferred (the first live
                provider in the Hub's order); cheapest ranks by output price; a name must be
                live. Needs exclude providers that miss them or do not say. --explain writes
                each provider and why it won or lost to stderr; --json adds the policy applied,
                the route, the metrics and every candidate.
    catalog     The router's catalog: one line per live (model, provider) pair:
                model<TAB>provider<TAB>context<TAB>input price<TAB>output price<TAB>
                throughput<TAB>latency ms<TAB>tools<TAB>structured output, in the catalog's
                order unless sorted; --json prints one JSON object per model (NDJSON).

    On a terminal, the tables of `providers --details` and `catalog` are aligned under a
    header; piped, they are tab-separated with no header.

GLOBAL OPTIONS:
    --endpoint URL      The Hub (else HF_ENDPOINT, else https://huggingface.co)
    --router URL        The router (else HF_ROUTER_URL, else https://router.huggingface.co)
    --token TOKEN       Access token (else HF_TOKEN, else the token file: HF_TOKEN_PATH or
                        $HF_HOME/token); sent only to the Hub's and the router's origins
    --timeout SECONDS   Bounds each request: its attempts, redirects, waits and body
                        (default 60)
    --retries N         Retries on 408/429/5xx and network errors (default 4)
    --verbose           After the command, the quota the Hub and the router announced last
                        (requests left, and when they reset), on stderr
    -h, --help          This help
    -V, --version       The version

EXIT CODES:
    0 success   2 usage error or invalid input (nothing was sent)   3 not found
    4 unauthorized or forbidden   5 network error or timeout
    6 server error or unexpected response   7 rate limited after retries
    8 no provider satisfies the request (policy or needs)   1 anything else
";

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
        choice: ProviderChoice,
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
    Help,
    Version,
}

/// A parsed command line.
#[derive(Debug, PartialEq)]
pub struct Args {
    pub command: Command,
    pub json: bool,
    pub endpoint: Option<String>,
    pub router: Option<String>,
    pub token: Option<String>,
    pub timeout: Option<Duration>,
    pub retries: Option<u32>,
    pub verbose: bool,
}

/// Parses `args` (without the program name).
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Args, String> {
    let mut p = lexopt::Parser::from_args(args);
    let mut out = Args {
        command: Command::Help,
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
            Long("endpoint") => out.endpoint = Some(string(&mut p)?),
            Long("router") => out.router = Some(string(&mut p)?),
            // Never echoed, even when it is not UTF-8 or empty.
            Long("token") => out.token = Some(secret(&mut p, "--token")?),
            Long("timeout") => {
                let secs: f64 = number(&mut p, "--timeout")?;
                if !(secs.is_finite() && secs > 0.0 && secs <= 86_400.0) {
                    return Err("--timeout must be between 0 and 86400 seconds".into());
                }
                out.timeout = Some(Duration::from_secs_f64(secs));
            }
            Long("retries") => out.retries = Some(number(&mut p, "--retries")?),
            Long("provider") => provider = Some(string(&mut p)?),
            Long("warm") => list = list.warm(),
            Long("task") => list = list.pipeline_tag(string(&mut p)?),
            Long("search") => list = list.search(string(&mut p)?),
            Long("author") => list = list.author(string(&mut p)?),
            Long("filter") => list = list.filter(string(&mut p)?),
            Long("library") => list = list.library(string(&mut p)?),
            Long("sort") => sort_by = Some(string(&mut p)?),
            Long("asc") => list = list.direction(Direction::Ascending),
            Long("limit") => list = list.limit(number(&mut p, "--limit")?),
            Long("expand") => {
                list = list.expand(Expand::from_wire(&string(&mut p)?));
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
                    return Err("--max-price must be a price in USD, 0 or more".into());
                }
                needs = needs.max_output_price(usd);
            }
            Value(value) if subcommand.is_none() => subcommand = Some(utf8(value)?),
            Value(value) if model.is_none() => model = Some(utf8(value)?),
            other => return Err(other.unexpected().to_string()),
        }
    }
    if help || (subcommand.is_none() && !version) {
        return Ok(out);
    }
    if version {
        out.command = Command::Version;
        return Ok(out);
    }
    let subcommand = subcommand.unwrap_or_default();
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
            for p in provider.iter().flat_map(|p| p.split(',')) {
                list = list.inference_provider(p);
            }
            if let Some(sort) = &sort_by {
                list = list.sort(listing_sort(sort)?);
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
                (Some(policy), _) | (None, Some(policy)) => choice(&policy)?,
                (None, None) => ProviderChoice::Auto,
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
            let providers: Vec<String> = provider
                .iter()
                .flat_map(|p| p.split(','))
                .map(str::to_owned)
                .collect();
            for name in &providers {
                if let ProviderChoice::Named(_) = choice(name)? {
                } else {
                    return Err(format!(
                        "--provider names providers, not the policy {name:?}"
                    ));
                }
            }
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
        other => return Err(format!("unknown command {other:?}")),
    };
    Ok(out)
}

fn repo_id(model: Option<String>, subcommand: &str) -> Result<RepoId, String> {
    let id = model.ok_or_else(|| format!("`{subcommand}` needs a MODEL_ID"))?;
    RepoId::parse(&id).map_err(|e| format!("invalid {e}"))
}

fn choice(value: &str) -> Result<ProviderChoice, String> {
    value.parse().map_err(|e| format!("invalid {e}"))
}

fn utf8(value: OsString) -> Result<String, String> {
    value
        .into_string()
        .map_err(|v| format!("{v:?} is not valid UTF-8"))
}

fn string(p: &mut lexopt::Parser) -> Result<String, String> {
    let value = utf8(p.value().map_err(|e| e.to_string())?)?;
    if value.is_empty() {
        return Err("an option has an empty value".into());
    }
    Ok(value)
}

/// An option's value that must not be shown in a message, whatever is wrong with it.
fn secret(p: &mut lexopt::Parser, name: &str) -> Result<String, String> {
    let value = p
        .value()
        .map_err(|_| format!("{name} needs a value"))?
        .into_string()
        .map_err(|_| format!("{name} is not valid UTF-8 (its value is not shown)"))?;
    if value.is_empty() {
        return Err(format!("{name} has an empty value"));
    }
    Ok(value)
}

fn number<T: std::str::FromStr>(p: &mut lexopt::Parser, name: &str) -> Result<T, String> {
    let value = string(p)?;
    value
        .parse()
        .map_err(|_| format!("{name} needs a number, not {value:?}"))
}

fn listing_sort(value: &str) -> Result<Sort, String> {
    match Sort::from_wire(value) {
        Sort::Other(_) => Err(format!(
            "--sort must be downloads, likes, trendingScore, createdAt or lastModified, not \
             {value:?}"
        )),
        known => Ok(known),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(line: &str) -> Result<Args, String> {
        parse(line.split_whitespace().map(OsString::from))
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
        assert_eq!(args.endpoint.as_deref(), Some("http://x"));
        assert_eq!(args.router.as_deref(), Some("http://r"));
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
            resolve(ProviderChoice::Auto, Needs::new(), false)
        );
        assert_eq!(
            parse_str("resolve --provider groq google/gemma-3-27b-it")
                .unwrap()
                .command,
            resolve(ProviderChoice::Named("groq".into()), Needs::new(), false)
        );
        assert_eq!(
            parse_str("resolve google/gemma-3-27b-it:cheapest --provider cheapest --explain")
                .unwrap()
                .command,
            resolve(ProviderChoice::Cheapest, Needs::new(), true)
        );
        assert_eq!(
            parse_str(
                "resolve google/gemma-3-27b-it:together --tools --structured-output \
                 --min-context 100000 --max-price 1.5"
            )
            .unwrap()
            .command,
            resolve(
                ProviderChoice::Named("together".into()),
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
        assert_eq!(parse_str("").unwrap().command, Command::Help);
        assert_eq!(parse_str("models -h").unwrap().command, Command::Help);
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
        ] {
            assert!(parse_str(line).is_err(), "{line}");
        }
    }
}
