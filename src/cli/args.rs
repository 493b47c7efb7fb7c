//! Command-line parsing: everything is checked here, before any request.

use std::ffi::OsString;
use std::time::Duration;

use hf_providers::{Direction, Expand, ListModels, ProviderChoice, RepoId, Sort};
use lexopt::prelude::*;

pub const HELP: &str = "\
hf-providers: ask the Hugging Face Hub about Inference Providers

USAGE:
    hf-providers models [--provider P[,P...]|all] [--task PIPELINE_TAG] [--search TEXT]
                        [--author NAME] [--filter TAG]... [--library NAME]
                        [--sort downloads|likes|trendingScore|createdAt|lastModified] [--asc]
                        [--limit N] [--expand KEY]... [--json]
    hf-providers status MODEL_ID [--json]
    hf-providers providers MODEL_ID [--json]
    hf-providers resolve MODEL_ID [--provider auto|NAME] [--json]

COMMANDS:
    models      Models served by the providers (any provider with `all`), one id per line,
                streamed page by page; --json prints one JSON object per line (NDJSON).
    status      `warm` when at least one provider serves the model, else `not-warm`;
                --json prints {\"id\":...,\"inference\":\"warm\"|null}.
    providers   One line per provider, in the Hub's order (the owner's preference):
                provider<TAB>status<TAB>task<TAB>providerId. Nothing when none serves it.
                --json prints the list with all fields.
    resolve     The provider to call: provider<TAB>providerId<TAB>task. `auto` (the
                default) is the first live provider in the Hub's order; a name must serve
                the model live.

GLOBAL OPTIONS:
    --endpoint URL      The Hub (else HF_ENDPOINT, else https://huggingface.co)
    --token TOKEN       Access token (else HF_TOKEN, else the token file: HF_TOKEN_PATH or
                        $HF_HOME/token); sent only to the endpoint's origin
    --timeout SECONDS   Per request, body included (default 60)
    --retries N         Retries on 408/429/5xx and network errors (default 4)
    -h, --help          This help
    -V, --version       The version

EXIT CODES:
    0 success   2 usage error or invalid input (nothing was sent)   3 not found
    4 unauthorized or forbidden   5 network error or timeout
    6 server error or unexpected response   7 rate limited after retries   1 anything else
";

/// What to do.
#[derive(Debug, PartialEq)]
pub enum Command {
    Models(ListModels),
    Status(RepoId),
    Providers(RepoId),
    Resolve(RepoId, ProviderChoice),
    Help,
    Version,
}

/// A parsed command line.
#[derive(Debug, PartialEq)]
pub struct Args {
    pub command: Command,
    pub json: bool,
    pub endpoint: Option<String>,
    pub token: Option<String>,
    pub timeout: Option<Duration>,
    pub retries: Option<u32>,
}

/// Parses `args` (without the program name).
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Args, String> {
    let mut p = lexopt::Parser::from_args(args);
    let mut out = Args {
        command: Command::Help,
        json: false,
        endpoint: None,
        token: None,
        timeout: None,
        retries: None,
    };
    let mut subcommand: Option<String> = None;
    let mut model: Option<String> = None;
    let mut list = ListModels::new();
    let mut provider: Option<String> = None;
    let mut help = false;
    let mut version = false;
    let mut expanded = false;
    while let Some(arg) = p.next().map_err(|e| e.to_string())? {
        match arg {
            Short('h') | Long("help") => help = true,
            Short('V') | Long("version") => version = true,
            Long("json") => out.json = true,
            Long("endpoint") => out.endpoint = Some(string(&mut p)?),
            Long("token") => out.token = Some(string(&mut p)?),
            Long("timeout") => {
                let secs: f64 = number(&mut p, "--timeout")?;
                if !(secs.is_finite() && secs > 0.0 && secs <= 86_400.0) {
                    return Err("--timeout must be between 0 and 86400 seconds".into());
                }
                out.timeout = Some(Duration::from_secs_f64(secs));
            }
            Long("retries") => out.retries = Some(number(&mut p, "--retries")?),
            Long("provider") => provider = Some(string(&mut p)?),
            Long("task") => list = list.pipeline_tag(string(&mut p)?),
            Long("search") => list = list.search(string(&mut p)?),
            Long("author") => list = list.author(string(&mut p)?),
            Long("filter") => list = list.filter(string(&mut p)?),
            Long("library") => list = list.library(string(&mut p)?),
            Long("sort") => list = list.sort(sort(&string(&mut p)?)?),
            Long("asc") => list = list.direction(Direction::Ascending),
            Long("limit") => list = list.limit(number(&mut p, "--limit")?),
            Long("expand") => {
                list = list.expand(Expand::from_wire(&string(&mut p)?));
                expanded = true;
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
    let listing_only = list != ListModels::new();
    out.command = match subcommand.as_str() {
        "models" => {
            if let Some(m) = model {
                return Err(format!("unexpected argument {m:?}"));
            }
            for p in provider.iter().flat_map(|p| p.split(',')) {
                list = list.inference_provider(p);
            }
            // Printing ids needs no field but `id`; any `expand[]` makes the Hub send only the
            // keys named (plus `_id` and `id`), so ask for one tiny field: pages shrink about
            // fourfold and so does the work of reading them.
            if !out.json && !expanded {
                list = list.expand(Expand::Private);
            }
            Command::Models(list)
        }
        "status" | "providers" | "resolve" => {
            if listing_only {
                return Err(format!("`{subcommand}` takes no listing options"));
            }
            let id = model.ok_or_else(|| format!("`{subcommand}` needs a MODEL_ID"))?;
            let id = RepoId::parse(&id).map_err(|e| format!("invalid {e}"))?;
            match subcommand.as_str() {
                "status" | "providers" if provider.is_some() => {
                    return Err(format!("`{subcommand}` takes no --provider"));
                }
                "status" => Command::Status(id),
                "providers" => Command::Providers(id),
                _ => Command::Resolve(
                    id,
                    provider.as_deref().map_or(ProviderChoice::Auto, Into::into),
                ),
            }
        }
        other => return Err(format!("unknown command {other:?}")),
    };
    Ok(out)
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

fn number<T: std::str::FromStr>(p: &mut lexopt::Parser, name: &str) -> Result<T, String> {
    let value = string(p)?;
    value
        .parse()
        .map_err(|_| format!("{name} needs a number, not {value:?}"))
}

fn sort(value: &str) -> Result<Sort, String> {
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
             --sort likes --asc --limit 5 --expand inference --json --timeout 2.5 --retries 1",
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
            .inference_provider("sambanova")
            .inference_provider("novita");
        assert_eq!(args.command, Command::Models(want));
        assert!(args.json);
        assert_eq!(args.endpoint.as_deref(), Some("http://x"));
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
            Command::Providers(id.clone())
        );
        assert_eq!(
            parse_str("resolve google/gemma-3-27b-it").unwrap().command,
            Command::Resolve(id.clone(), ProviderChoice::Auto)
        );
        assert_eq!(
            parse_str("resolve --provider groq google/gemma-3-27b-it")
                .unwrap()
                .command,
            Command::Resolve(id, ProviderChoice::Named("groq".into()))
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
        ] {
            assert!(parse_str(line).is_err(), "{line}");
        }
    }
}
