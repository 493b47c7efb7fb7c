//! `hf-providers`: the Hub's Inference Providers questions from a shell.
#![forbid(unsafe_code)]

mod cli;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use cli::args::{self, Args, Command};
use cli::outcome::{Failure, Output};
use cli::run::run;
use cli::status::{self, Clearing};
use cli::{exit, report};
use hf_providers::{Client, Config, Error, Service, UreqTransport};

fn main() -> ExitCode {
    let args = match args::parse(std::env::args_os().skip(1)) {
        Ok(args) => args,
        Err(usage) => {
            // A usage error may echo an argument: escaped, so it cannot drive the terminal.
            let problem = hf_providers::proto::escape(&usage.message);
            let help = usage.command.map_or(String::new(), |c| format!("{c} "));
            eprintln!("hf-providers: {problem} (see `hf-providers {help}--help`)");
            return ExitCode::from(exit::USAGE);
        }
    };
    let stdout = io::stdout();
    let out_terminal = stdout.is_terminal();
    // Each write clears the status line first, so output never lands beside it.
    let mut out = io::BufWriter::with_capacity(64 * 1024, Clearing(stdout.lock()));
    let mut err = Clearing(io::stderr());
    let err_terminal = std::io::stderr().is_terminal();
    let err_width = err_terminal.then(|| cli::table::width(true)).flatten();
    // The status line only where a person watches both: piped output must never sit beside it.
    status::enable(err_width.filter(|_| out_terminal));
    let result = match &args.command {
        Command::Help(text) => write!(out, "{text}").map_err(Failure::from),
        Command::Version => {
            writeln!(out, "hf-providers {}", env!("CARGO_PKG_VERSION")).map_err(Failure::from)
        }
        command => config(&args).map_err(Failure::from).and_then(|config| {
            let mut output = Output {
                out: &mut out,
                err: &mut err,
                out_width: out_terminal.then(|| cli::table::width(false)).flatten(),
                err_width,
            };
            let client = Client::new(UreqTransport::new(&config), config)
                .on_wait(|wait| status::show(&wait.to_string()))
                .on_send(|service, request| status::show(&waiting_for(service, request.url())));
            let client = std::sync::Arc::new(client);
            let suggest = args.suggest || err_terminal;
            let result = run(&client, command, args.json, suggest, &mut output);
            if args.verbose {
                for (name, service) in [("Hub", Service::Hub), ("router", Service::Router)] {
                    let _ = match client.quota(service) {
                        Some(quota) => writeln!(output.err, "hf-providers: {name} quota: {quota}"),
                        None => writeln!(output.err, "hf-providers: {name} quota: none announced"),
                    };
                }
            }
            result
        }),
    };
    let result = result.and_then(|()| out.flush().map_err(Failure::from));
    status::clear();
    ExitCode::from(match result {
        Ok(()) => exit::OK,
        // A reader that stopped early (`| head`) is a normal end.
        Err(Failure::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => exit::OK,
        Err(Failure::Output(e)) => {
            eprintln!("hf-providers: cannot write the output: {e}");
            exit::OTHER
        }
        Err(Failure::Usage(problem)) => said(&problem, exit::USAGE),
        Err(Failure::Pending) => exit::PENDING,
        Err(Failure::NoSnippet(why)) => said(&why, exit::OTHER),
        Err(Failure::NotYet) => {
            eprintln!("hf-providers: the looks ran out (--count) before --until held");
            exit::NOT_YET
        }
        Err(Failure::Hub(e)) => failed(&e, err_terminal),
        Err(Failure::NotFound { error, like }) => {
            let code = failed(&error, err_terminal);
            if !like.is_empty() {
                let like: Vec<_> = like
                    .iter()
                    .map(|id| hf_providers::proto::escape(id))
                    .collect();
                eprintln!("  did you mean: {}?", like.join(", "));
            }
            code
        }
    })
}

/// Says `problem` (escaped: it may quote what was given) and gives `code` back.
fn said(problem: &str, code: u8) -> u8 {
    eprintln!("hf-providers: {}", hf_providers::proto::escape(problem));
    code
}

/// Says what failed, with advice on a terminal (scripts get one line), and the exit code.
fn failed(e: &Error, err_terminal: bool) -> u8 {
    eprintln!("hf-providers: {}", report::chain(e));
    if let Some(hint) = report::hint(e).filter(|_| err_terminal) {
        eprintln!("  hint: {hint}");
    }
    exit::code(e)
}

/// What the status line says while a request is out: the service and where it goes.
fn waiting_for(service: Service, url: &str) -> String {
    let authority = url.split_once("://").map_or(url, |(_, rest)| {
        rest.split(['/', '?', '#']).next().unwrap_or(rest)
    });
    format!("waiting for {service} ({authority})")
}

/// The environment's settings, overridden by the flags. A flag given makes the environment's
/// value irrelevant, so a broken `HF_ENDPOINT` or token file cannot fail a command that
/// overrides it.
fn config(args: &Args) -> Result<Config, Error> {
    let mut config = Config::from_env_with(|name| match name {
        "HF_ENDPOINT" if args.endpoint.is_some() => None,
        "HF_ROUTER_URL" if args.router.is_some() => None,
        "HF_HUB_DISABLE_IMPLICIT_TOKEN" if args.token.is_some() => Some("1".into()),
        _ => std::env::var_os(name),
    })?;
    if let Some(endpoint) = &args.endpoint {
        config.endpoint = endpoint.clone();
    }
    if let Some(router) = &args.router {
        config.router = router.clone();
    }
    if let Some(token) = &args.token {
        config.token = Some(token.clone());
    }
    if let Some(timeout) = args.timeout {
        config.timeout = timeout;
    }
    if let Some(retries) = args.retries {
        config.retry.max_retries = retries;
    }
    Ok(config)
}
