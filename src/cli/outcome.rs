//! What running a command gives: where its output goes, and why it failed.

use std::io;

use hf_providers::Error;

/// Why a command failed: the Hub's answer, or our own output (a closed pipe is not an error
/// to report).
pub enum Failure {
    Hub(Error),
    /// A model the Hub does not know, and ids like it the Hub's search found.
    NotFound {
        error: Box<Error>,
        like: Vec<String>,
    },
    Output(io::Error),
    /// Bad input found before any request (exit 2): what is wrong.
    Usage(String),
    /// `partner plan`: changes are pending (exit 9).
    Pending,
    /// `watch --until`: its looks ran out first (exit 12).
    NotYet,
    /// `resolve --snippet`: no program for the chosen route in that language (exit 1).
    NoSnippet(String),
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
    /// The width of the terminal stdout is, if it is one: tables are aligned under a header and
    /// fit it.
    pub out_width: Option<usize>,
    /// The same for stderr.
    pub err_width: Option<usize>,
}
