//! Every command and every option, described once: parsing, each command's help and the
//! suggestions for a typo all read this table.

/// What an option sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Help,
    Version,
    Json,
    Verbose,
    Suggest,
    Endpoint,
    Router,
    Token,
    Timeout,
    Retries,
    Provider,
    Warm,
    Task,
    Search,
    Author,
    Filter,
    Library,
    Gated,
    NotGated,
    NumParameters,
    Sort,
    Asc,
    Limit,
    Expand,
    Details,
    Explain,
    Tools,
    StructuredOutput,
    MinContext,
    MaxPrice,
    Status,
    Prune,
    Yes,
    Snippet,
    Interval,
    Until,
    Count,
}

/// One option: its name, other names it answers to, the value it takes, and its help.
#[derive(Debug)]
pub struct Opt {
    pub key: Key,
    /// The long name, without `--`.
    pub name: &'static str,
    /// Other long names (`hf models ls`'s, for one).
    pub aliases: &'static [&'static str],
    pub short: Option<char>,
    /// What the value is called in the help; `None` for a switch.
    pub value: Option<&'static str>,
    pub help: &'static str,
}

impl Opt {
    /// Whether `name` (without `--`) names this option.
    pub fn answers_to(&self, name: &str) -> bool {
        self.name == name || self.aliases.contains(&name)
    }
}

/// One command.
#[derive(Debug)]
pub struct Spec {
    pub name: &'static str,
    /// What follows the name in the usage line (operands and the option summary).
    pub usage: &'static str,
    /// One line, for the list of commands.
    pub summary: &'static str,
    /// What it prints, and how.
    pub about: &'static str,
    pub options: &'static [Opt],
}

const fn opt(key: Key, name: &'static str, value: Option<&'static str>, help: &'static str) -> Opt {
    Opt {
        key,
        name,
        aliases: &[],
        short: None,
        value,
        help,
    }
}

/// Options every command takes.
pub const GLOBAL: &[Opt] = &[
    opt(
        Key::Endpoint,
        "endpoint",
        Some("URL"),
        "The Hub (else HF_ENDPOINT, else https://huggingface.co)",
    ),
    opt(
        Key::Router,
        "router",
        Some("URL"),
        "The router (else HF_ROUTER_URL, else https://router.huggingface.co)",
    ),
    opt(
        Key::Token,
        "token",
        Some("TOKEN"),
        "Access token (else HF_TOKEN, else the token file: HF_TOKEN_PATH, $HF_HOME/token \
         or ~/.cache/huggingface/token); sent only to the Hub's and the router's origins",
    ),
    opt(
        Key::Timeout,
        "timeout",
        Some("SECONDS"),
        "Bounds each request: its attempts, redirects, waits and body (default 60)",
    ),
    opt(
        Key::Retries,
        "retries",
        Some("N"),
        "Retries on 408, 429, 500, 502, 503, 504 and network errors (default 4)",
    ),
    opt(
        Key::Suggest,
        "suggest",
        None,
        "When a model is not found, ask the Hub for up to three ids like it (always on a \
         terminal)",
    ),
    opt(
        Key::Verbose,
        "verbose",
        None,
        "After the command, the quota the Hub and the router announced last, on stderr",
    ),
    Opt {
        short: Some('h'),
        ..opt(
            Key::Help,
            "help",
            None,
            "This help; after a command, that command's",
        )
    },
    Opt {
        short: Some('V'),
        ..opt(Key::Version, "version", None, "The version")
    },
];

const TOOLS: &str = "Needs tool calling";
const STRUCTURED: &str = "Needs structured output";
const MIN_CONTEXT: &str = "Needs a context of at least N tokens";
const MAX_PRICE: &str = "Needs an output price of at most USD per 1M tokens";

/// The commands, in the order the help lists them.
pub const COMMANDS: &[Spec] = &[
    Spec {
        name: "models",
        usage: "[OPTIONS]",
        summary: "Models served by inference providers, one id per line",
        about: "Streamed page by page: `| head -1` answers after the first request. On a \
                terminal, stderr shows the progress. Options of `hf models ls` are taken \
                too (--inference-provider, --pipeline-tag, trending_score...).",
        options: &[
            Opt {
                aliases: &["inference-provider"],
                ..opt(
                    Key::Provider,
                    "provider",
                    Some("P[,P...]"),
                    "Served by any of these providers (repeatable); `all`: by any provider",
                )
            },
            opt(
                Key::Warm,
                "warm",
                None,
                "Only models some provider serves live now",
            ),
            Opt {
                aliases: &["pipeline-tag"],
                ..opt(
                    Key::Task,
                    "task",
                    Some("PIPELINE_TAG"),
                    "With this pipeline tag (text-generation, text-to-image, ...)",
                )
            },
            opt(
                Key::Search,
                "search",
                Some("TEXT"),
                "Whose id contains TEXT",
            ),
            opt(
                Key::Author,
                "author",
                Some("NAME"),
                "Under this user or organization",
            ),
            opt(
                Key::Filter,
                "filter",
                Some("TAG"),
                "With this tag (repeat for all of several)",
            ),
            opt(
                Key::Library,
                "library",
                Some("NAME"),
                "For this library (transformers, diffusers, ...)",
            ),
            opt(Key::Gated, "gated", None, "Only gated models"),
            opt(
                Key::NotGated,
                "no-gated",
                None,
                "Only models that are not gated",
            ),
            opt(
                Key::NumParameters,
                "num-parameters",
                Some("RANGE"),
                "With a parameter count in RANGE: min:6B,max:128B, min:6B or max:128B",
            ),
            opt(
                Key::Sort,
                "sort",
                Some("FIELD"),
                "downloads, likes, trendingScore, createdAt or lastModified (or in snake \
                 case), largest first",
            ),
            opt(Key::Asc, "asc", None, "Smallest first"),
            opt(
                Key::Limit,
                "limit",
                Some("N"),
                "At most N models (1 or more; default: all)",
            ),
            opt(
                Key::Expand,
                "expand",
                Some("KEY"),
                "Ask for this field too (repeatable); --json prints it beside the usual ones",
            ),
            opt(
                Key::Json,
                "json",
                None,
                "One JSON object per model and line, typed fields",
            ),
        ],
    },
    Spec {
        name: "status",
        usage: "MODEL_ID [--json]",
        summary: "`warm` when at least one provider serves the model, else `not-warm`",
        about: "Prints `warm` when at least one provider serves the model, else `not-warm`.",
        options: &[opt(
            Key::Json,
            "json",
            None,
            "{\"id\":...,\"inference\":\"warm\"|null}",
        )],
    },
    Spec {
        name: "providers",
        usage: "[MODEL_ID] [--details] [--json]",
        summary: "A model's providers in the Hub's order; every provider without one",
        about: "One line per provider, in the Hub's order (the caller's preference): \
                provider<TAB>status<TAB>task<TAB>providerId. Nothing when none serves it. \
                Without MODEL_ID, every provider at a glance, from each one's public list of \
                mappings and the router's catalog: provider<TAB>live mappings<TAB>staging \
                mappings<TAB>tasks with a live mapping (comma-separated)<TAB>models in the \
                router's catalog. Aligned under a header on a terminal.",
        options: &[
            opt(
                Key::Details,
                "details",
                None,
                "Add the router's view: router status, context, input price, output price \
                 (USD per 1M tokens), throughput (tokens/s), latency (ms to the first \
                 token), tools, structured output; `-` when unknown",
            ),
            opt(
                Key::Json,
                "json",
                None,
                "With a model, its list with all fields on one line; without, one object a \
                 provider",
            ),
        ],
    },
    Spec {
        name: "resolve",
        usage: "MODEL_ID[:POLICY|:PROVIDER] [OPTIONS]",
        summary: "The provider to call for a model, and why",
        about: "Prints provider<TAB>providerId<TAB>task: the provider the router would call. \
                Exits 8 when none satisfies the policy and the needs. Policies (MODEL_ID:POLICY \
                as the router takes it, or --provider): auto, the default, is what the router \
                does (fastest for a model in its catalog, else preferred); fastest, the \
                highest throughput; cheapest, the lowest output price, then input price; \
                preferred, the first live provider in the Hub's order; NAME, that provider, if \
                it serves the model live.",
        options: &[
            opt(
                Key::Provider,
                "provider",
                Some("POLICY"),
                "As MODEL_ID:POLICY",
            ),
            opt(
                Key::Task,
                "task",
                Some("TASK"),
                "Needs a provider mapped for this task, the one to call (conversational, \
                 text-to-image, ...)",
            ),
            opt(Key::Tools, "tools", None, TOOLS),
            opt(Key::StructuredOutput, "structured-output", None, STRUCTURED),
            opt(Key::MinContext, "min-context", Some("N"), MIN_CONTEXT),
            opt(Key::MaxPrice, "max-price", Some("USD"), MAX_PRICE),
            opt(
                Key::Explain,
                "explain",
                None,
                "Each provider and why it won or lost, on stderr",
            ),
            opt(
                Key::Snippet,
                "snippet",
                Some("curl|python|js"),
                "Instead of the line, a program that calls the chosen provider: the router's \
                 chat completions for a chat model, else the official client's method for the \
                 task (curl only where the route is documented). It reads the token from \
                 HF_TOKEN.",
            ),
            opt(
                Key::Json,
                "json",
                None,
                "The chosen mapping, the policy applied, the route, the metrics and every \
                 candidate, on one line",
            ),
        ],
    },
    Spec {
        name: "catalog",
        usage: "[MODEL_ID] [OPTIONS]",
        summary: "The router's catalog, one line per live (model, provider) pair",
        about: "Prints model<TAB>provider<TAB>context<TAB>input price<TAB>output price<TAB>\
                throughput<TAB>latency ms<TAB>tools<TAB>structured output, in the catalog's \
                order unless sorted. Aligned under a header on a terminal.",
        options: &[
            opt(
                Key::Provider,
                "provider",
                Some("P[,P...]"),
                "Only these providers",
            ),
            opt(Key::Tools, "tools", None, "Only pairs with tool calling"),
            opt(
                Key::StructuredOutput,
                "structured-output",
                None,
                "Only pairs with structured output",
            ),
            opt(
                Key::MinContext,
                "min-context",
                Some("N"),
                "Only pairs with a context of at least N tokens",
            ),
            opt(
                Key::MaxPrice,
                "max-price",
                Some("USD"),
                "Only pairs with an output price of at most USD per 1M tokens",
            ),
            opt(
                Key::Sort,
                "sort",
                Some("fastest|cheapest"),
                "By throughput, or by output then input price",
            ),
            opt(
                Key::Json,
                "json",
                None,
                "One JSON object per model and line, in the router's own shape",
            ),
        ],
    },
];

/// `watch`, after the commands that answer once.
const WATCH: Spec = Spec {
    name: "watch",
    usage: "MODEL_ID [--interval SECONDS] [--until live|gone|change] [--count N]",
    summary: "A model's providers, then each change as it happens",
    about: "Prints the model's providers (the Hub's status, and the router's when its \
            catalog lists the model) once, then one line per change: \
            time<TAB>provider<TAB>what<TAB>before<TAB>after, what being added, removed, \
            status, router-status, output-price (beyond 1%) or throughput (beyond 10%). It \
            looks again every --interval seconds, or less often when the Hub's quota would \
            not last; a look that fails on the network is tried again. Ctrl-C stops it.",
    options: &[
        opt(
            Key::Interval,
            "interval",
            Some("SECONDS"),
            "Between two looks (default 60, at least 5)",
        ),
        opt(
            Key::Until,
            "until",
            Some("live|gone|change"),
            "Exit 0 once a provider is live on the Hub, once none is, or at the first change",
        ),
        opt(
            Key::Count,
            "count",
            Some("N"),
            "Stop after N looks (exit 12 if --until was not met by then)",
        ),
        opt(
            Key::Json,
            "json",
            None,
            "The first look as one object (time, model, providers), then one object per change",
        ),
    ],
};

/// `partner ls`, `plan` and `apply`: the provider side.
const PARTNER: &[Spec] = &[
    Spec {
        name: "partner ls",
        usage: "PROVIDER [--status live|staging] [--task TASK] [--json]",
        summary: "A provider's mappings on the Hub, staging included",
        about: "One line per mapping, in the Hub's order (grouped by task): \
                task<TAB>model<TAB>providerId<TAB>status<TAB>mappingId, where model is the \
                Hub id or tag-filter=TAGS. The list is public: no token is needed. Aligned \
                under a header on a terminal.",
        options: &[
            opt(
                Key::Status,
                "status",
                Some("live|staging"),
                "Only the mappings with this status",
            ),
            opt(
                Key::Task,
                "task",
                Some("TASK"),
                "Only the mappings of this task (conversational, text-to-image, ...)",
            ),
            opt(
                Key::Json,
                "json",
                None,
                "One mapping item per line, as the Hub takes it to register one (task, \
                 hfModel or tags, providerModel, status, adapterType) plus its _id: what \
                 `partner plan` reads back exactly",
            ),
        ],
    },
    Spec {
        name: "partner plan",
        usage: "PROVIDER FILE [--prune]",
        summary: "What `partner apply` would change to make the Hub match FILE",
        about: "FILE (`-`: stdin) holds the mappings the provider wants, one per line: \
                task<TAB>model<TAB>providerId[<TAB>status] (status staging when left out; a \
                tag-filter= model is a LoRA filter; `partner ls` output will do, but not a line \
                holding a \\u{..} escape or the status error) or a line of `partner ls \
                --json`; `#` comments and blank lines are skipped. An invalid line stops \
                everything before any request (exit 2, with its number and why). Prints one line per change: \
                `+` register, `~` change the status, `-` delete (a mapping FILE does not \
                have), `!` the provider id differs (a delete and a register). Without \
                --prune, `-` and `!` lines are shown but not pending. Exits 0 when nothing is \
                pending, 9 when something is.",
        options: &[opt(
            Key::Prune,
            "prune",
            None,
            "Count deletions (and replacements) as pending, as `apply --prune` makes them",
        )],
    },
    Spec {
        name: "partner apply",
        usage: "PROVIDER FILE [--prune] [--yes]",
        summary: "Make the Hub's mappings of a provider match FILE",
        about: "Makes the changes `partner plan` shows, printing each as it is made, with \
                a token of a member of the provider's organisation. Asks first on a \
                terminal; elsewhere it needs --yes (exit 2 without it). A registration whose \
                answer is lost is not sent again (exit 11: `partner plan` shows whether it \
                was made). On the first failure it stops and says what was done and what \
                was not: running it again finishes the job.",
        options: &[
            opt(
                Key::Prune,
                "prune",
                None,
                "Also delete the mappings FILE does not have, and replace those whose \
                 provider id differs",
            ),
            opt(Key::Yes, "yes", None, "Do not ask"),
        ],
    },
];

/// The command named `name`.
pub fn command(name: &str) -> Option<&'static Spec> {
    all().find(|c| c.name == name)
}

/// Every command: those that answer once, `watch`, then `partner`'s three.
pub fn all() -> impl Iterator<Item = &'static Spec> + Clone {
    COMMANDS
        .iter()
        .chain(std::iter::once(&WATCH))
        .chain(PARTNER)
}

/// Every option of every command, and the global ones.
pub fn everywhere() -> impl Iterator<Item = &'static Opt> {
    GLOBAL.iter().chain(all().flat_map(|c| c.options))
}
