//! Running a command and printing its answer.

use std::io::{self, Write};

use hf_providers::{Client, Error, Listing, Transport};

use super::args::Command;
use super::json::{Status, to_json};
use super::progress::Progress;

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

pub fn run<T: Transport>(
    client: &Client<T>,
    command: &Command,
    json: bool,
    out: &mut impl Write,
) -> Result<(), Failure> {
    match command {
        Command::Models(query) if json => {
            stream(client.list_models(query), out, |model| to_json(&model))?
        }
        Command::Models(query) => stream(client.list_model_ids(query), out, |id| id)?,
        Command::Status(id) => {
            let status = client.model_status(id.as_str())?;
            if json {
                let status = Status {
                    id: id.to_string(),
                    inference: status.map(|s| s.as_str().to_owned()),
                };
                writeln!(out, "{}", to_json(&status))?;
            } else {
                let warm = status.is_some_and(|s| s.is_warm());
                writeln!(out, "{}", if warm { "warm" } else { "not-warm" })?;
            }
        }
        Command::Providers(id) => {
            let providers = client.model_providers(id.as_str())?;
            if json {
                writeln!(out, "{}", to_json(&providers))?;
            } else {
                for p in &providers {
                    writeln!(
                        out,
                        "{}\t{}\t{}\t{}",
                        p.provider, p.status, p.task, p.provider_id
                    )?;
                }
            }
        }
        Command::Resolve(id, choice) => {
            let p = client.choose_provider(id.as_str(), choice)?;
            if json {
                writeln!(out, "{}", to_json(&p))?;
            } else {
                writeln!(out, "{}\t{}\t{}", p.provider, p.provider_id, p.task)?;
            }
        }
        Command::Help | Command::Version => {}
    }
    out.flush()?;
    Ok(())
}

/// Prints a listing one line an item, each page as soon as it is read.
fn stream<T: Transport, I>(
    mut listing: Listing<'_, T, I>,
    out: &mut impl Write,
    line: impl Fn(I) -> String,
) -> Result<(), Failure> {
    let mut progress = Progress::new();
    let mut count = 0;
    while let Some(item) = listing.next() {
        let item = match item {
            Ok(item) => item,
            Err(e) => {
                out.flush()?;
                return Err(e.into());
            }
        };
        // Not `writeln!`: its formatting machinery is a tenth of a listing's work.
        out.write_all(line(item).as_bytes())?;
        out.write_all(b"\n")?;
        count += 1;
        // The next item needs a request: show this page before waiting for it.
        if listing.remaining_in_page() == 0 {
            out.flush()?;
            progress.update(count, listing.pages_fetched());
        }
    }
    Ok(())
}
