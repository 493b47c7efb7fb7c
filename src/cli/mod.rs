//! The `hf-providers` command: argument parsing, output, exit codes.

pub mod args;
pub mod exit;
pub mod help;
pub mod json;
pub mod mapping;
pub mod options;
pub mod outcome;
pub mod partner;
pub mod report;
pub mod run;
pub mod snippet;
pub mod status;
pub mod suggest;
pub mod table;
pub mod wanted;
pub mod watch;
