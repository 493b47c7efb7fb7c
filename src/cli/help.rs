//! The help texts: the whole tool, and each command's options.

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
    -h, --help          This help; after a command, that command's options
    -V, --version       The version

EXIT CODES:
    0 success   2 usage error or invalid input (nothing was sent)   3 not found
    4 unauthorized or forbidden   5 network error or timeout
    6 server error or unexpected response   7 rate limited after retries
    8 no provider satisfies the request (policy or needs)   1 anything else
";

const MORE: &str = "
Global options (--endpoint, --router, --token, --timeout, --retries, --verbose) and exit codes:
`hf-providers --help`.
";

pub const MODELS: &str = "\
hf-providers models: models served by inference providers, one id per line

USAGE:
    hf-providers models [OPTIONS]

Streamed page by page: `| head -1` answers after the first request. On a terminal, stderr
shows the progress.

OPTIONS:
    --provider P[,P...]   Served by any of these providers; `all`: by any provider
    --warm                Only models some provider serves live now
    --task PIPELINE_TAG   With this pipeline tag (text-generation, text-to-image, ...)
    --search TEXT         Whose id contains TEXT
    --author NAME         Under this user or organization
    --filter TAG          With this tag (repeat for all of several)
    --library NAME        For this library (transformers, diffusers, ...)
    --sort FIELD          downloads, likes, trendingScore, createdAt or lastModified,
                          largest first
    --asc                 Smallest first
    --limit N             At most N models (1 or more; default: all)
    --expand KEY          Ask for this field too (repeatable); --json prints it
    --json                One JSON object per model and line (NDJSON), typed fields
";

pub const STATUS: &str = "\
hf-providers status: whether a model is warm

USAGE:
    hf-providers status MODEL_ID [--json]

Prints `warm` when at least one provider serves the model, else `not-warm`.

OPTIONS:
    --json                {\"id\":...,\"inference\":\"warm\"|null}
";

pub const PROVIDERS: &str = "\
hf-providers providers: the providers that serve a model, in the Hub's order

USAGE:
    hf-providers providers MODEL_ID [--details] [--json]

One line per provider, in the Hub's order (the caller's preference):
provider<TAB>status<TAB>task<TAB>providerId. Nothing when none serves it.

OPTIONS:
    --details             Add the router's view: router status, context, input price,
                          output price (USD per 1M tokens), throughput (tokens/s), latency
                          (ms to the first token), tools, structured output; `-` when
                          unknown. Aligned under a header on a terminal.
    --json                The list with all fields
";

pub const RESOLVE: &str = "\
hf-providers resolve: the provider to call for a model, and why

USAGE:
    hf-providers resolve MODEL_ID[:POLICY|:PROVIDER] [OPTIONS]

Prints provider<TAB>providerId<TAB>task: the provider the router would call. Exits 8 when
none satisfies the policy and the needs.

POLICIES (MODEL_ID:POLICY as the router takes it, or --provider):
    auto                  The default: what the router does (fastest for a model in its
                          catalog, else preferred)
    fastest               The highest throughput
    cheapest              The lowest output price, then input price
    preferred             The first live provider in the Hub's order
    NAME                  That provider, if it serves the model live

OPTIONS:
    --provider POLICY     As MODEL_ID:POLICY
    --tools               Needs tool calling
    --structured-output   Needs structured output
    --min-context N       Needs a context of at least N tokens
    --max-price USD       Needs an output price of at most USD per 1M tokens
    --explain             Each provider and why it won or lost, on stderr
    --json                The chosen mapping, the policy applied, the route, the metrics and
                          every candidate
";

pub const CATALOG: &str = "\
hf-providers catalog: the router's catalog, one line per live (model, provider) pair

USAGE:
    hf-providers catalog [MODEL_ID] [OPTIONS]

Prints model<TAB>provider<TAB>context<TAB>input price<TAB>output price<TAB>throughput<TAB>
latency ms<TAB>tools<TAB>structured output, in the catalog's order unless sorted. Aligned
under a header on a terminal.

OPTIONS:
    --provider P[,P...]   Only these providers
    --tools               Only pairs with tool calling
    --structured-output   Only pairs with structured output
    --min-context N       Only pairs with a context of at least N tokens
    --max-price USD       Only pairs with an output price of at most USD per 1M tokens
    --sort fastest|cheapest
                          By throughput, or by output then input price
    --json                One JSON object per model (NDJSON), in the router's own shape
";

/// Each command and its help.
const COMMANDS: [(&str, &str); 5] = [
    ("models", MODELS),
    ("status", STATUS),
    ("providers", PROVIDERS),
    ("resolve", RESOLVE),
    ("catalog", CATALOG),
];

fn find(command: &str) -> Option<(&'static str, &'static str)> {
    COMMANDS.into_iter().find(|(name, _)| *name == command)
}

/// `command` as a known command's name.
pub fn command_name(command: &str) -> Option<&'static str> {
    find(command).map(|(name, _)| name)
}

/// The help for `command`, or `None` for a command that does not exist.
pub fn for_command(command: &str) -> Option<String> {
    find(command).map(|(_, text)| format!("{text}{MORE}"))
}
