//! The CLI on a terminal, through a pseudo-terminal (util-linux `script`): the status line
//! (progress, waits) appears, never mixes with the output and is gone at exit and on Ctrl-C;
//! hints go on a second line. Piped, none of it appears.
#![cfg(all(feature = "cli", unix, not(target_os = "wasi")))]

#[path = "fake_hub/mod.rs"]
mod fake_hub;
#[path = "support/cli.rs"]
mod support_cli;

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use fake_hub::{FakeHub, Fault};
use support_cli::{BIN, cli, fails, hub, in_clean_env, ok};

/// Erases the row the cursor is on, from its start.
const ERASE: &str = "\r\x1b[2K";

/// `script` running `args` on a pseudo-terminal (stdin, stdout and stderr), against `hub`.
fn on_terminal(hub: &FakeHub, args: &str) -> Command {
    let mut cmd = in_clean_env("script", hub);
    cmd.env("PATH", "/usr/bin:/bin").args([
        "-q",
        "-e",
        "-c",
        &format!("{BIN} {args}"),
        "/dev/null",
    ]);
    cmd
}

/// What a terminal shows after `transcript`: its rows, as a terminal draws `\r`, `\n` and
/// `ESC [2K` (the only controls the CLI may write), without the trailing empty row.
fn screen(transcript: &str) -> Vec<String> {
    let mut rows: Vec<Vec<char>> = vec![Vec::new()];
    let mut column = 0;
    let mut chars = transcript.chars();
    while let Some(c) = chars.next() {
        let row = rows.last_mut().unwrap();
        match c {
            '\r' => column = 0,
            '\n' => {
                rows.push(Vec::new());
                column = 0;
            }
            '\x1b' => {
                let sequence: String = chars.by_ref().take(3).collect();
                assert_eq!(sequence, "[2K", "an unexpected control: {transcript:?}");
                row.clear();
            }
            c => {
                if column < row.len() {
                    row[column] = c;
                } else {
                    row.push(c);
                }
                column += 1;
            }
        }
    }
    if rows.last().is_some_and(Vec::is_empty) {
        rows.pop();
    }
    rows.into_iter().map(|r| r.into_iter().collect()).collect()
}

fn transcript(cmd: &mut Command) -> (i32, String) {
    let out = cmd
        .output()
        .expect("util-linux `script` runs (Debian's bsdutils)");
    (
        out.status.code().expect("script's exit code"),
        String::from_utf8(out.stdout).unwrap(),
    )
}

#[test]
fn progress_shows_while_pages_load_and_never_mixes_with_the_output() {
    let hub = hub(3000, 100);
    let args = "models --provider all --limit 250";
    let ids = ok(&hub, &args.split(' ').collect::<Vec<_>>());
    let (code, shown) = transcript(&mut on_terminal(&hub, args));
    assert_eq!(code, 0, "{shown:?}");
    // The first thing on the terminal, before any request is answered.
    assert!(
        shown.starts_with(&format!("{ERASE}waiting for the first page{ERASE}")),
        "{shown:?}"
    );
    assert!(shown.contains("100 models, 1 page"), "{shown:?}");
    assert!(shown.contains("200 models, 2 pages"), "{shown:?}");
    // What stays on the screen is the output, and only it.
    assert_eq!(screen(&shown), ids.lines().collect::<Vec<_>>());
}

#[test]
fn the_status_line_fits_a_narrow_terminal() {
    // A longer line would wrap, and erasing would leave its first row behind.
    let hub = hub(3000, 100);
    let mut cmd = in_clean_env("script", &hub);
    cmd.env("PATH", "/usr/bin:/bin").args([
        "-q",
        "-e",
        "-c",
        &format!("stty rows 40 cols 24; {BIN} models --provider all --limit 250"),
        "/dev/null",
    ]);
    let (code, shown) = transcript(&mut cmd);
    assert_eq!(code, 0, "{shown:?}");
    // Each status line: what follows an erase, up to the next control.
    let status: Vec<&str> = shown
        .split(ERASE)
        .map(|s| s.split(['\r', '\n', '\x1b']).next().unwrap_or_default())
        .filter(|s| s.starts_with("waiting") || s.contains(" models, "))
        .collect();
    assert!(status.len() > 2, "{shown:?}");
    for line in status {
        assert!(line.chars().count() <= 23, "{line:?} in {shown:?}");
    }
}

#[test]
fn no_status_line_when_stdout_is_not_the_terminal() {
    // `models | head`, or `> file`, with stderr on the terminal: a status line there would sit
    // beside the output the terminal shows (`100 models, 1 pagedeepseek-ai/...`). None is shown.
    let hub = hub(3000, 100);
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("terminal-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("ids.txt");
    for command in [
        format!("models --provider all > {}", file.display()),
        "models --provider all | head -3".to_owned(),
    ] {
        let (code, shown) = transcript(&mut on_terminal(&hub, &command));
        assert_eq!(code, 0, "{shown:?}");
        assert!(
            !shown.contains("models,") && !shown.contains(ERASE),
            "{command}: {shown:?}"
        );
    }
    let ids = std::fs::read_to_string(&file).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(ids.lines().count() > 100);
    assert!(!ids.contains("models,"), "progress never goes to stdout");
}

#[test]
fn waits_are_told_on_a_terminal_and_nowhere_else() {
    let hub = hub(0, 1000);
    let busy = || Fault::Status(503, vec![("Retry-After".into(), "1".into())], String::new());
    hub.push_fault(busy());
    let (code, shown) = transcript(&mut on_terminal(&hub, "status google/gemma-3-27b-it"));
    assert_eq!(code, 0, "{shown:?}");
    assert!(
        shown.contains(&format!(
            "{ERASE}503 from the Hub, retrying in 1 s (attempt 2 of 5){ERASE}"
        )),
        "{shown:?}"
    );
    assert_eq!(screen(&shown), ["warm"]);

    // Piped: the same wait, and nothing on stderr.
    hub.push_fault(busy());
    assert_eq!(ok(&hub, &["status", "google/gemma-3-27b-it"]), "warm\n");
}

#[test]
fn a_hint_goes_on_a_second_line_on_a_terminal_only() {
    let hub = hub(0, 1000);
    let (code, shown) = transcript(&mut on_terminal(&hub, "status nobody/nothing"));
    assert_eq!(code, 3, "{shown:?}");
    let rows = screen(&shown);
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(
        rows[0].starts_with("hf-providers: not found on the Hub: "),
        "{rows:?}"
    );
    assert!(
        rows[1].starts_with("  hint: model ids are namespace/name"),
        "{rows:?}"
    );
    let err = fails(&mut cli(&hub), &["status", "nobody/nothing"], 3);
    assert!(!err.contains("hint"), "{err}");
}

/// Runs `models` on a terminal against a Hub that never answers, lets `signal` reach the CLI
/// once the status line is up, and returns the exit code `script` reports and the screen.
fn signalled(signal: impl FnOnce(&mut std::process::Child, &FakeHub)) -> (i32, Vec<String>) {
    let hub = hub(0, 1000);
    hub.always(Some(Fault::Hang));
    let mut child = on_terminal(&hub, "models")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut shown = Vec::new();
        let mut chunk = [0; 256];
        while let Ok(n @ 1..) = stdout.read(&mut chunk) {
            shown.extend_from_slice(&chunk[..n]);
            let _ = tx.send(String::from_utf8_lossy(&shown).into_owned());
        }
        String::from_utf8(shown).unwrap()
    });
    loop {
        let so_far = rx
            .recv_timeout(Duration::from_secs(10))
            .expect("the status line within 10 s");
        if so_far.contains("waiting for the first page") {
            break;
        }
    }
    signal(&mut child, &hub);
    // `script` reports a command killed by a signal as 128 + the signal, as a shell does.
    let status = child.wait().unwrap();
    let shown = reader.join().unwrap();
    hub.always(None);
    (status.code().unwrap_or(-1), screen(&shown))
}

/// Sends `signal` to the CLI (not to `script`): the process running our binary with `hub`'s
/// URL in its environment.
fn kill_cli(signal: &str, hub: &FakeHub) {
    let marker = format!("HF_ENDPOINT={}", hub.url());
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let pid = entry.file_name().to_string_lossy().into_owned();
        let exe = std::fs::read_link(entry.path().join("exe"));
        let environ = std::fs::read(entry.path().join("environ")).unwrap_or_default();
        let ours = exe.is_ok_and(|e| e == std::path::Path::new(BIN))
            && environ.split(|&b| b == 0).any(|v| v == marker.as_bytes());
        if ours {
            let sent = Command::new("kill").args([signal, &pid]).status().unwrap();
            assert!(sent.success());
            return;
        }
    }
    panic!("the CLI's process was not found");
}

#[test]
fn ctrl_c_clears_the_status_line_and_ends_as_interrupted() {
    let (code, rows) = signalled(|child, _| {
        child.stdin.as_mut().unwrap().write_all(b"\x03").unwrap();
    });
    assert_eq!(code, 130, "{rows:?}");
    assert!(
        rows.iter().all(|r| !r.contains("waiting")),
        "the status line is gone: {rows:?}"
    );
}

#[test]
fn a_hang_up_or_a_quit_clears_the_status_line_too() {
    // Ctrl-\ on the terminal: SIGQUIT.
    let (code, rows) = signalled(|child, _| {
        child.stdin.as_mut().unwrap().write_all(b"\x1c").unwrap();
    });
    assert_eq!(code, 128 + 3, "{rows:?}");
    assert!(rows.iter().all(|r| !r.contains("waiting")), "{rows:?}");
    // The terminal going away: SIGHUP, as a closed ssh session sends it.
    let (code, rows) = signalled(|_, hub| kill_cli("-HUP", hub));
    assert_eq!(code, 128 + 1, "{rows:?}");
    assert!(rows.iter().all(|r| !r.contains("waiting")), "{rows:?}");
}

#[test]
fn stumble_1_and_3_what_is_waited_for_is_said_from_the_first_moment() {
    // https:// to a server that speaks plain HTTP: the status line names the Hub and where it
    // is at once, and the error says where the request went and what to try.
    let hub = hub(0, 1000);
    hub.always(Some(Fault::Hang));
    let at = hub.url().trim_start_matches("http://").to_owned();
    let mut cmd = on_terminal(&hub, "--timeout 2 --retries 0 status google/gemma-3-27b-it");
    cmd.env("HF_ENDPOINT", format!("https://{at}"));
    let (code, shown) = transcript(&mut cmd);
    assert_eq!(code, 5, "{shown:?}");
    assert!(
        shown.contains(&format!("waiting for the Hub ({at})")),
        "{shown:?}"
    );
    let rows = screen(&shown);
    assert!(
        rows[0].starts_with(&format!("hf-providers: request to the Hub ({at}) failed")),
        "{rows:?}"
    );
    assert!(rows[1].contains("starts with http://"), "{rows:?}");
    hub.always(None);
}

#[test]
fn stumble_8_tables_fit_the_terminal_and_every_table_is_aligned() {
    let hub = hub(0, 1000);
    let command = "providers deepseek-ai/DeepSeek-V4-Pro --details";
    let mut cmd = in_clean_env("script", &hub);
    cmd.env("PATH", "/usr/bin:/bin").args([
        "-q",
        "-e",
        "-c",
        &format!(
            "stty rows 40 cols 110; {BIN} {command}; {BIN} providers deepseek-ai/DeepSeek-V4-Pro; \
             stty cols 50; {BIN} {command}"
        ),
        "/dev/null",
    ]);
    let (code, shown) = transcript(&mut cmd);
    assert_eq!(code, 0, "{shown:?}");
    let rows = screen(&shown);
    assert!(rows.len() > 4, "{rows:?}");
    // 110 columns: the provider ids lose their ends, the numbers stay whole.
    for row in &rows[..12] {
        assert!(row.chars().count() <= 110, "{row:?} in {rows:?}");
        assert!(!row.contains('\t'), "{row:?}");
    }
    assert!(rows[3].contains("account…"), "{rows:?}");
    assert!(rows[0].contains("  LATENCY MS  "), "{rows:?}");
    assert!(rows[1].contains("  1048576  1.69  "), "{rows:?}");
    let plain = rows
        .iter()
        .position(|r| r.starts_with("PROVIDER  "))
        .unwrap();
    assert_eq!(plain, 0);
    assert!(rows[6].starts_with("PROVIDER        STATUS  "), "{rows:?}");
    // 50 columns: too narrow for the numbers; rows are cut, never wrapped.
    for row in &rows[12..] {
        assert!(row.chars().count() <= 50, "{row:?}");
    }
}
