//! Running the built `hf-providers` binary against a fake Hub, in a clean environment: shared by
//! the CLI's test suites.
#![allow(dead_code)]

use std::process::{Command, Output};

use crate::fake_hub::{FakeHub, Options};

pub const BIN: &str = env!("CARGO_BIN_EXE_hf-providers");

pub fn hub(models: usize, page_size: usize) -> FakeHub {
    FakeHub::start(Options {
        models,
        page_size,
        ..Options::default()
    })
}

/// The CLI with a clean environment pointing at `hub`.
pub fn cli(hub: &FakeHub) -> Command {
    in_clean_env(BIN, hub)
}

pub fn in_clean_env(program: &str, hub: &FakeHub) -> Command {
    let mut cmd = Command::new(program);
    // Nothing may leave loopback: the router is the fake Hub too, unless a test says otherwise.
    cmd.env_clear()
        .env("HF_ENDPOINT", hub.url())
        .env("HF_ROUTER_URL", hub.url())
        .env("HOME", "/nonexistent")
        .env("HF_HOME", "/nonexistent/hf");
    cmd
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(cmd: &mut Command, args: &[&str]) -> Run {
    let Output {
        status,
        stdout,
        stderr,
    } = cmd.args(args).output().expect("run the CLI");
    Run {
        code: status.code().expect("an exit code"),
        stdout: String::from_utf8(stdout).unwrap(),
        stderr: String::from_utf8(stderr).unwrap(),
    }
}

/// Runs and expects success with an empty stderr.
pub fn ok(hub: &FakeHub, args: &[&str]) -> String {
    let r = run(&mut cli(hub), args);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""), "{args:?}");
    r.stdout
}

/// Runs and expects failure with `code` and a one-line error.
pub fn fails(cmd: &mut Command, args: &[&str], code: i32) -> String {
    let r = run(cmd, args);
    assert_eq!(r.code, code, "{args:?}: {}", r.stderr);
    assert_eq!(r.stdout, "", "{args:?}");
    assert_eq!(r.stderr.lines().count(), 1, "{args:?}: {}", r.stderr);
    assert!(r.stderr.starts_with("hf-providers: "), "{}", r.stderr);
    r.stderr
}

pub fn ok_with(hub: &FakeHub, env: &[(&str, &str)], args: &[&str]) -> String {
    let mut cmd = cli(hub);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let r = run(&mut cmd, args);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""), "{args:?}");
    r.stdout
}
