//! The help texts, written from the table of commands and options.

use std::fmt::Write as _;

use super::options::{GLOBAL, Opt, Spec, all};

/// The width help is wrapped to.
const WIDTH: usize = 92;

const INTRO: &str = "hf-providers: ask the Hugging Face Hub about Inference Providers\n";

const OUTPUT: &str = "Tables (`providers`, `providers --details`, `catalog`, `resolve --explain`) are \
aligned under a header and fit the width of a terminal; piped, they are tab-separated with no \
header. --json prints one JSON value per line, for every command but `partner plan` and \
`apply`: one object per item for a listing, one value otherwise. Its keys are the Hub's \
(camelCase: providerId, isModelAuthor, inCatalog); the router's own objects keep the router's \
(context_length, is_model_author).";

/// The exit codes, the CLI's contract with scripts.
pub const EXIT_CODES: &str =
    "    0 success   2 usage error, invalid input or HF_HUB_OFFLINE (nothing was sent)
    3 not found   4 unauthorized or forbidden   5 network error or timeout
    6 server error or unexpected response   7 rate limited after retries
    8 no provider satisfies the request (policy or needs)
    9 `partner plan`: changes are pending   10 the Hub refused a change (its reason follows)
    11 a change may or may not have been made (the answer was lost; `partner plan` tells)
    12 `watch --until`: the --count looks ran out first   1 anything else
";

/// The whole tool's help.
pub fn main() -> String {
    let mut out = String::from(INTRO);
    out.push_str("\nUSAGE:\n    hf-providers COMMAND [OPTIONS]\n    hf-providers help [COMMAND]\n");
    out.push_str("\nCOMMANDS:\n");
    for c in all() {
        let _ = writeln!(out, "    {:<13} {}", c.name, c.summary);
    }
    out.push_str("\nGLOBAL OPTIONS:\n");
    options(&mut out, GLOBAL);
    out.push_str("\nOUTPUT:\n");
    wrap(&mut out, OUTPUT, 4);
    out.push_str("\nEXIT CODES:\n");
    out.push_str(EXIT_CODES);
    out
}

/// One command's help.
pub fn for_command(spec: &Spec) -> String {
    let mut out = format!("hf-providers {}: {}\n", spec.name, spec.summary);
    let _ = write!(
        out,
        "\nUSAGE:\n    hf-providers {} {}\n\n",
        spec.name, spec.usage
    );
    wrap(&mut out, spec.about, 0);
    out.push_str("\nOPTIONS:\n");
    options(&mut out, spec.options);
    out.push_str(
        "\nGlobal options (--endpoint, --router, --token, --timeout, --retries, --suggest,\n\
         --verbose) and exit codes: `hf-providers --help`.\n",
    );
    out
}

/// `--name VALUE   help`, aligned, with the other names it answers to.
fn options(out: &mut String, options: &[Opt]) {
    for o in options {
        let mut names = match o.short {
            Some(c) => format!("-{c}, --{}", o.name),
            None => format!("--{}", o.name),
        };
        if let Some(value) = o.value {
            names.push(' ');
            names.push_str(value);
        }
        let mut help = o.help.to_owned();
        for alias in o.aliases {
            let _ = write!(help, " (also --{alias})");
        }
        if names.len() > 20 {
            let _ = writeln!(out, "    {names}");
            wrap(out, &help, 26);
        } else {
            let _ = write!(out, "    {names:<21} ");
            let mut rest = String::new();
            wrap(&mut rest, &help, 26);
            out.push_str(rest.trim_start());
        }
    }
}

/// `text` wrapped to [`WIDTH`], each line indented by `indent`.
fn wrap(out: &mut String, text: &str, indent: usize) {
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && indent + line.len() + 1 + word.len() > WIDTH {
            let _ = writeln!(out, "{:indent$}{line}", "");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        let _ = writeln!(out, "{:indent$}{line}", "");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_option_is_in_its_commands_help_and_no_line_is_too_long() {
        for spec in all() {
            let text = for_command(spec);
            for o in spec.options {
                assert!(
                    text.contains(&format!("--{}", o.name)),
                    "{}: {}",
                    spec.name,
                    o.name
                );
            }
            assert!(text.lines().all(|l| l.chars().count() <= WIDTH), "{text}");
        }
        let text = main();
        assert!(text.lines().all(|l| l.chars().count() <= WIDTH), "{text}");
        for c in all() {
            assert!(text.contains(&format!("    {:<13} ", c.name)));
        }
    }
}
