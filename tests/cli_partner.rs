//! The provider side of the built `hf-providers` against the fake Hub: `partner ls`, `plan`,
//! `apply` and `providers` without a model; their output, exit codes, and what reaches the Hub.
#![cfg(all(feature = "cli", not(target_os = "wasi")))]

#[path = "fake_hub/mod.rs"]
mod fake_hub;
#[path = "support/cli.rs"]
mod support_cli;

use std::io::Write;
use std::process::{Command, Stdio};

use fake_hub::partners::{BIG_PROVIDER, NEW_PROVIDER};
use fake_hub::{FakeHub, Fault, Options, VALID_TOKEN};
use support_cli::{cli, fails, ok, run};

fn start() -> FakeHub {
    FakeHub::start(Options {
        models: 0,
        ..Options::default()
    })
}

/// A file in a fresh temporary directory, removed with it.
struct TempFile(std::path::PathBuf);

impl TempFile {
    fn new(text: &str) -> TempFile {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "hf-providers-cli-partner-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("wanted.tsv");
        std::fs::write(&path, text).unwrap();
        TempFile(path)
    }

    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if let Some(dir) = self.0.parent() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

fn with_token(hub: &FakeHub) -> Command {
    let mut cmd = cli(hub);
    cmd.env("HF_TOKEN", VALID_TOKEN);
    cmd
}

/// A file that wants only together's first mapping, with another provider id: one replacement.
fn first_mapping_moved(hub: &FakeHub) -> TempFile {
    let listed = ok(hub, &["partner", "ls", "together"]);
    let fields: Vec<&str> = listed.lines().next().unwrap().split('\t').collect();
    TempFile::new(&format!("{}\t{}\tmoved\n", fields[0], fields[1]))
}

/// `partner apply together FILE --yes --prune`, with the token.
fn apply_pruning(hub: &FakeHub, file: &TempFile) -> support_cli::Run {
    let args = [
        "partner",
        "apply",
        "together",
        file.path(),
        "--yes",
        "--prune",
    ];
    run(&mut with_token(hub), &args)
}

/// The writes the fake Hub saw.
fn writes(hub: &FakeHub) -> Vec<String> {
    hub.seen()
        .into_iter()
        .filter(|s| s.method != "GET")
        .map(|s| format!("{} {}", s.method, s.target))
        .collect()
}

#[test]
fn ls_prints_each_mapping_and_its_json_reads_back() {
    let hub = start();
    let held = hub.partner_entries("fal-ai");
    let out = ok(&hub, &["partner", "ls", "fal-ai"]);
    let mut lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), held.len());
    // The Hub's order is by task: compare as sets per line, then the grouping.
    let expected: Vec<String> = held
        .iter()
        .map(|e| {
            format!(
                "{}\t{}\t{}\t{}\t{}",
                e.task, e.key, e.provider_id, e.status, e.id
            )
        })
        .collect();
    lines.sort_unstable();
    let mut sorted = expected.clone();
    sorted.sort_unstable();
    assert_eq!(lines, sorted);
    let tasks: Vec<&str> = out.lines().map(|l| l.split('\t').next().unwrap()).collect();
    let mut runs = tasks.clone();
    runs.dedup();
    let mut distinct = runs.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(runs.len(), distinct.len(), "grouped by task: {tasks:?}");

    let json = ok(&hub, &["partner", "ls", "fal-ai", "--json"]);
    for (line, m) in json.lines().zip(out.lines()) {
        let item = hf_providers::parse::mapping_item(line.as_bytes()).unwrap();
        let fields: Vec<&str> = m.split('\t').collect();
        assert_eq!(
            (
                item.task.as_str(),
                item.target.to_string(),
                item.provider_id.as_str()
            ),
            (fields[0], fields[1].to_owned(), fields[2])
        );
        assert!(
            line.ends_with(&format!(",\"_id\":\"{}\"}}", fields[4])),
            "{line}"
        );
    }
    let lora = json.lines().find(|l| l.contains("adapterType")).unwrap();
    assert!(lora.contains("\"adapterType\":\"lora\""), "{lora}");

    let staging = ok(&hub, &["partner", "ls", "replicate", "--status", "staging"]);
    assert!(!staging.is_empty());
    assert!(
        staging
            .lines()
            .all(|l| l.split('\t').nth(3) == Some("staging"))
    );
    let videos = ok(
        &hub,
        &["partner", "ls", "fal-ai", "--task", "text-to-video"],
    );
    assert!(!videos.is_empty());
    assert!(videos.lines().all(|l| l.starts_with("text-to-video\t")));

    let none = run(&mut cli(&hub), &["partner", "ls", NEW_PROVIDER]);
    assert_eq!((none.code, none.stdout.as_str()), (0, ""));
    assert!(none.stderr.contains("has no mapping"), "{}", none.stderr);
    let unknown = fails(&mut cli(&hub), &["partner", "ls", "fal-aii"], 3);
    assert!(unknown.contains("not found"), "{unknown}");
    // The list is public: no token went out.
    assert!(hub.seen().iter().all(|s| s.authorization.is_none()));
}

#[test]
fn bad_input_is_refused_before_any_request() {
    let hub = start();
    for (args, says) in [
        (vec!["partner"], "takes ls, plan or apply"),
        (vec!["partner", "lss", "fal-ai"], "did you mean partner ls"),
        (vec!["partner", "ls"], "needs a PROVIDER"),
        (vec!["partner", "ls", "fal ai"], "PROVIDER"),
        (
            vec!["partner", "ls", "fal-ai", "--status", "error"],
            "live, staging",
        ),
        (
            vec!["partner", "ls", "fal-ai", "--status", "stagin"],
            "did you mean staging",
        ),
        (vec!["partner", "plan", "fal-ai"], "needs a FILE"),
        (
            vec!["partner", "plan", "fal-ai", "/nonexistent/wanted"],
            "cannot read it",
        ),
        (
            vec!["partner", "ls", "fal-ai", "--prune"],
            "takes no --prune",
        ),
        (vec!["providers", "--details"], "--details needs a MODEL_ID"),
    ] {
        let e = fails(&mut cli(&hub), &args, 2);
        assert!(e.contains(says), "{args:?}: {e}");
    }
    for (text, says) in [
        (
            "# only a comment\nconversational\tdeepseek-ai/DeepSeek-R1\n",
            ":2: 2 tab-separated",
        ),
        ("conversational\tnot/a/model\tx\n", ":1: repo id"),
        ("conversational\ta/b\tx\tgone\n", ":1: status \"gone\""),
        (
            "conversational\ta/b\tx\n\nconversational\ta/b\ty\n",
            ":3: the same task and model as line 1",
        ),
        ("{\"task\":\"t\"\n", ":1: "),
        (
            "conversational\ta/b\t\u{1b}[31mred\x07\tlive\n\u{0}\n",
            ":2: ",
        ),
    ] {
        let file = TempFile::new(text);
        for command in ["plan", "apply"] {
            let e = fails(
                &mut with_token(&hub),
                &["partner", command, "fal-ai", file.path(), "--yes"]
                    [..if command == "plan" { 4 } else { 5 }],
                2,
            );
            assert!(e.contains(says), "{text:?}: {e}");
            assert!(!e.contains('\u{1b}') && !e.contains('\u{7}'), "{e:?}");
        }
    }
    let fine = TempFile::new("conversational\tQwen/QwQ-32B\tqwq\n");
    // `apply` without a token, or without --yes where no one can be asked.
    let e = fails(
        &mut cli(&hub),
        &["partner", "apply", NEW_PROVIDER, fine.path(), "--yes"],
        2,
    );
    assert!(e.contains("needs the token"), "{e}");
    let e = fails(
        &mut with_token(&hub),
        &["partner", "apply", NEW_PROVIDER, fine.path()],
        2,
    );
    assert!(e.contains("--yes"), "{e}");
    assert!(hub.seen().is_empty(), "{:?}", hub.seen());
}

#[test]
fn plan_then_apply_converges_and_plan_says_so() {
    let hub = start();
    let listed = ok(&hub, &["partner", "ls", "together"]);
    // Its own list, as `ls` prints it: nothing to do.
    let same = TempFile::new(&listed);
    let r = run(
        &mut cli(&hub),
        &["partner", "plan", "together", same.path()],
    );
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stderr);
    assert!(r.stderr.contains("nothing to change"));

    // Keep the first three lines (the second switched to staging, the third's provider id
    // moved), add a new one from stdin; the rest is not in the file.
    let lines: Vec<&str> = listed.lines().collect();
    let field = |l: &str, i: usize| l.split('\t').nth(i).unwrap().to_owned();
    let wanted = format!(
        "# wanted by together\n{}\n{}\t{}\t{}\tstaging\n{}\t{}\tmoved\t{}\n\
         text-to-image\tblack-forest-labs/FLUX.1-dev\tflux\tlive\n",
        lines[0],
        field(lines[1], 0),
        field(lines[1], 1),
        field(lines[1], 2),
        field(lines[2], 0),
        field(lines[2], 1),
        field(lines[2], 3),
    );
    let plan = |prune: bool| {
        let mut cmd = cli(&hub);
        let mut args = vec!["partner", "plan", "together", "-"];
        if prune {
            args.push("--prune");
        }
        let mut child = cmd
            .args(&args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(wanted.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8(out.stdout).unwrap(),
        )
    };
    let (code, shown) = plan(false);
    assert_eq!(code, 9, "{shown}");
    let ops: Vec<&str> = shown
        .lines()
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(&ops[..3], ["~", "!", "+"], "{shown}");
    assert!(ops[3..].iter().all(|op| *op == "-"), "{shown}");
    assert_eq!(ops.len(), 3 + lines.len() - 3);
    assert!(shown.contains("delete (with --prune)"));

    let file = TempFile::new(&wanted);
    let applied = run(
        &mut with_token(&hub),
        &["partner", "apply", "together", file.path(), "--yes"],
    );
    assert_eq!(applied.code, 0, "{}", applied.stderr);
    let made: Vec<&str> = applied.stdout.lines().collect();
    assert_eq!(made.len(), 2, "{}", applied.stdout);
    assert!(made[0].starts_with("~\t") && made[0].ends_with("\tstatus set"));
    assert!(
        made[1].starts_with(
            "+\ttext-to-image\tblack-forest-labs/FLUX.1-dev\tflux\tlive\tregistered as "
        )
    );
    // Without --prune, only deletions (and the replacement) are left: not pending.
    let (code, _) = plan(false);
    assert_eq!(code, 0);
    let (code, _) = plan(true);
    assert_eq!(code, 9);
    let pruned = apply_pruning(&hub, &file);
    assert_eq!(pruned.code, 0, "{}", pruned.stderr);
    assert_eq!(plan(true).0, 0);
    assert_eq!(hub.partner_entries("together").len(), 4);
}

#[test]
fn apply_stopped_halfway_says_what_was_done_and_finishes_when_run_again() {
    let hub = start();
    let file = TempFile::new(
        "conversational\tQwen/QwQ-32B\tqwq\tlive\n\
         conversational\tdeepseek-ai/DeepSeek-R1\tr1\n\
         conversational\tdeepseek-ai/DeepSeek-V3\tv3\n",
    );
    // The list answers; the first registration is made; the second is refused.
    hub.push_fault(Fault::Pass);
    hub.push_fault(Fault::Pass);
    hub.push_fault(Fault::Status(
        403,
        vec![],
        "{\"error\":\"Write access revoked\"}".into(),
    ));
    let args = ["partner", "apply", NEW_PROVIDER, file.path(), "--yes"];
    let r = run(&mut with_token(&hub), &args);
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert_eq!(r.stdout.lines().count(), 1, "{}", r.stdout);
    assert!(
        r.stderr.contains("stopped at change 2 of 3: 1 made, 2 not"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("Write access revoked"), "{}", r.stderr);
    assert_eq!(hub.partner_entries(NEW_PROVIDER).len(), 1);
    // Again: the two left, then nothing.
    let r = run(&mut with_token(&hub), &args);
    assert_eq!((r.code, r.stdout.lines().count()), (0, 2), "{}", r.stderr);
    let r = run(
        &mut cli(&hub),
        &["partner", "plan", NEW_PROVIDER, file.path()],
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
}

#[test]
fn a_replacement_stopped_between_its_two_writes_says_what_became_of_it() {
    let refused = Fault::Status(400, vec![], "{\"error\":\"Task does not match\"}".into());
    for (fault, code, says) in [
        (
            refused,
            10,
            "(its old mapping is deleted, the new one not registered)",
        ),
        // Made, and its answer lost.
        (
            Fault::ApplyThenDrop,
            11,
            "whether the new one is registered is not known",
        ),
    ] {
        let hub = start();
        let file = first_mapping_moved(&hub);
        // The list answers, the deletion is made, then the registration meets `fault`.
        hub.push_fault(Fault::Pass);
        hub.push_fault(Fault::Pass);
        hub.push_fault(fault);
        let r = apply_pruning(&hub, &file);
        assert_eq!(r.code, code, "{}", r.stderr);
        assert!(r.stderr.contains(says), "{}", r.stderr);
        let kinds: Vec<String> = writes(&hub)
            .iter()
            .map(|w| w.split(' ').next().unwrap().to_owned())
            .collect();
        assert_eq!(kinds, ["DELETE", "POST"]);
    }
}

#[test]
fn a_mapping_listed_without_an_id_stops_apply_before_any_write() {
    let hub = start();
    // `b/no-id` comes without its `_id`; the file drops it, so --prune would delete it.
    hub.push_fault(Fault::Body(
        "{\"conversational\":{\"a/kept\":{\"providerId\":\"k\",\"status\":\"live\",\"_id\":\"1\"},\
         \"b/no-id\":{\"providerId\":\"n\",\"status\":\"live\"}}}"
            .into(),
    ));
    let file = TempFile::new("conversational\ta/kept\tk\tlive\nconversational\ta/new\tnew\n");
    let r = apply_pruning(&hub, &file);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("b/no-id") && r.stderr.contains("nothing was sent"),
        "{}",
        r.stderr
    );
    assert!(writes(&hub).is_empty(), "{:?}", writes(&hub));
}

#[test]
fn a_registration_whose_answer_is_lost_is_not_sent_again() {
    let hub = start();
    let file = TempFile::new("conversational\tQwen/QwQ-32B\tqwq\tlive\n");
    hub.push_fault(Fault::Pass);
    hub.push_fault(Fault::ApplyThenDrop);
    let args = ["partner", "apply", NEW_PROVIDER, file.path(), "--yes"];
    let r = run(&mut with_token(&hub), &args);
    assert_eq!(r.code, 11, "{}", r.stderr);
    assert!(
        r.stderr.contains("may or may not have been made"),
        "{}",
        r.stderr
    );
    assert_eq!(
        writes(&hub),
        [format!("POST /api/partners/{NEW_PROVIDER}/models")]
    );
    // The plan shows the truth: it was made.
    let r = run(
        &mut cli(&hub),
        &["partner", "plan", NEW_PROVIDER, file.path()],
    );
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stderr);
}

#[test]
fn the_hubs_refusals_are_typed_and_explained() {
    let hub = start();
    let wrong_task = TempFile::new("text-to-image\tQwen/QwQ-32B\tqwq\n");
    let apply = |cmd: &mut Command, provider: &str, file: &TempFile, code: i32| {
        let r = run(cmd, &["partner", "apply", provider, file.path(), "--yes"]);
        assert_eq!((r.code, r.stdout.as_str()), (code, ""), "{}", r.stderr);
        r.stderr
    };
    let e = apply(&mut with_token(&hub), NEW_PROVIDER, &wrong_task, 10);
    assert!(
        e.contains("refused the change") && e.contains("does not match"),
        "{e}"
    );
    let fine = TempFile::new("conversational\tQwen/QwQ-32B\tqwq\n");
    let e = apply(&mut with_token(&hub), "groq", &fine, 4);
    assert!(e.contains("member"), "{e}");
    let mut bad_token = cli(&hub);
    bad_token.env("HF_TOKEN", "hf_not_the_right_one");
    // The Hub rejects a bad token on the public list already.
    let e = apply(&mut bad_token, NEW_PROVIDER, &fine, 4);
    assert!(e.contains("rejected the token"), "{e}");
    assert!(hub.partner_entries(NEW_PROVIDER).is_empty());
}

#[test]
fn providers_without_a_model_shows_every_provider_at_a_glance() {
    let hub = FakeHub::start(Options {
        models: 300,
        big_provider: 500,
        ..Options::default()
    });
    let out = ok(&hub, &["providers"]);
    let rows: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert!(rows.iter().all(|r| r.len() == 5), "{out}");
    let names: Vec<&str> = rows.iter().map(|r| r[0]).collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted);
    for known in hf_providers::KNOWN_PROVIDERS {
        assert!(names.contains(known), "{known}");
    }
    for row in &rows {
        let held = hub.partner_entries(row[0]);
        let count = |s: &str| held.iter().filter(|e| e.status == s).count().to_string();
        assert_eq!(
            (row[1], row[2]),
            (count("live").as_str(), count("staging").as_str()),
            "{row:?}"
        );
    }
    let fal = rows.iter().find(|r| r[0] == "fal-ai").unwrap();
    assert_eq!(fal[3], "text-to-image,text-to-video");
    let json = ok(&hub, &["providers", "--json"]);
    assert_eq!(json.lines().count(), rows.len());
    assert!(
        json.lines().next().unwrap().contains("\"liveTasks\":"),
        "{json}"
    );
    // BIG_PROVIDER is neither known nor in the catalog: not asked about.
    assert!(!names.contains(&BIG_PROVIDER));
}
