//! Running a command and printing its answer.

use std::io::{self, Write};

use hf_providers::{Client, Error, Transport};

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
        Command::Models(query) => {
            let mut progress = Progress::new();
            let mut models = client.list_models(query);
            let mut count = 0;
            while let Some(model) = models.next() {
                let model = match model {
                    Ok(model) => model,
                    Err(e) => {
                        out.flush()?;
                        return Err(e.into());
                    }
                };
                let line = if json { to_json(&model) } else { model.id };
                // Not `writeln!`: its formatting machinery is a tenth of a listing's work.
                out.write_all(line.as_bytes())?;
                out.write_all(b"\n")?;
                count += 1;
                // The next model needs a request: show this page before waiting for it.
                if models.remaining_in_page() == 0 {
                    out.flush()?;
                    progress.update(count, models.pages_fetched());
                }
            }
        }
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
            let p = client.resolve_provider(id.as_str(), choice)?;
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
