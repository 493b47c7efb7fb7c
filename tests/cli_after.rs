//! After the answer: `resolve --snippet` (each program checked by its language's own parser)
//! and `watch` (a status flipped while it runs, its pace, its ends), against the fake Hub.
#![cfg(all(feature = "cli", not(target_os = "wasi")))]

#[path = "fake_hub/mod.rs"]
mod fake_hub;
#[path = "support/cli.rs"]
mod support_cli;

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use fake_hub::{FakeHub, VALID_TOKEN};
use support_cli::{cli, fails, hub, run};

/// Checks `program` with `checker` (a syntax check, nothing run) from a file named `name`.
fn parses(checker: &[&str], name: &str, program: &str) {
    let dir = std::env::temp_dir().join(format!("hf-providers-snippet-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(name);
    std::fs::write(&file, program).unwrap();
    let out = Command::new(checker[0])
        .args(&checker[1..])
        .arg(&file)
        .output()
        .unwrap_or_else(|e| panic!("{checker:?} runs (CI installs it): {e}"));
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "{checker:?} refused:\n{program}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `resolve MODEL --snippet LANGUAGE`, with a token in the environment (which must not show).
fn snippet(hub: &FakeHub, model: &str, language: &str) -> String {
    let mut cmd = cli(hub);
    cmd.env("HF_TOKEN", VALID_TOKEN);
    let r = run(&mut cmd, &["resolve", model, "--snippet", language]);
    assert_eq!(r.code, 0, "{model} {language}: {}", r.stderr);
    assert!(!r.stdout.contains(VALID_TOKEN));
    assert!(!r.stdout.contains("hf_fake"));
    r.stdout
}

/// Each language's program for `model` parses and names what is given for it (curl only where
/// something is).
fn check_all(hub: &FakeHub, model: &str, curl: &[&str], python: &[&str], js: &[&str]) {
    let checks = [
        ("curl", &["bash", "-n"][..], "call.sh", curl),
        (
            "python",
            &["python3", "-m", "py_compile"][..],
            "call.py",
            python,
        ),
        ("js", &["node", "--check"][..], "call.mjs", js),
    ];
    for (language, checker, file, names) in checks {
        if language == "curl" && names.is_empty() {
            continue;
        }
        let program = snippet(hub, model, language);
        parses(checker, file, &program);
        for name in names {
            assert!(
                program.contains(name),
                "{language} lacks {name}:\n{program}"
            );
        }
        assert!(program.contains("HF_TOKEN"), "{program}");
    }
}

#[test]
fn snippets_for_chat_and_other_tasks_parse_and_name_the_route() {
    let hub = hub(3000, 1000);
    // Chat: the router's chat completions, MODEL:PROVIDER (fastest: fireworks-ai).
    let model = "deepseek-ai/DeepSeek-V4-Pro";
    let route = "deepseek-ai/DeepSeek-V4-Pro:fireworks-ai";
    check_all(
        &hub,
        model,
        &[route],
        &[route],
        &["chatCompletion", "provider: \"fireworks-ai\""],
    );
    let curl = snippet(&hub, model, "curl");
    assert!(
        curl.contains(&format!("{}/v1/chat/completions", hub.url())),
        "{curl}"
    );
    assert!(curl.contains("\"model\": \"deepseek-ai/DeepSeek-V4-Pro:fireworks-ai\""));
    let python = snippet(&hub, model, "python");
    assert!(python.contains("from openai import OpenAI"));
    assert!(python.contains("model=\"deepseek-ai/DeepSeek-V4-Pro:fireworks-ai\""));
    // A named provider too.
    let named = run(
        &mut cli(&hub),
        &["resolve", &format!("{model}:novita"), "--snippet", "python"],
    );
    assert!(named.stdout.contains(":novita\""), "{}", named.stdout);

    // Text to image on fal-ai: the official clients' method, the provider named; no curl.
    let flux = "black-forest-labs/FLUX.1-dev";
    check_all(
        &hub,
        flux,
        &[],
        &["provider=\"fal-ai\"", "client.text_to_image(", flux],
        &["provider: \"fal-ai\"", "client.textToImage(", flux],
    );
    let js = snippet(&hub, flux, "js");
    assert!(
        js.contains("client.textToImage(") && js.contains("provider: \"fal-ai\""),
        "{js}"
    );
    let r = run(&mut cli(&hub), &["resolve", flux, "--snippet", "curl"]);
    assert_eq!((r.code, r.stdout.as_str()), (1, ""));
    assert!(
        r.stderr
            .contains("no documented HTTP route for text-to-image on fal-ai")
    );

    // A model hf-inference serves first, for a text task: its documented route, in curl too.
    let classifier = hub
        .catalog()
        .iter()
        .find(|m| {
            m.mapping.first().is_some_and(|e| {
                e.provider == "hf-inference"
                    && e.status == "live"
                    && e.task == "text-classification"
            })
        })
        .expect("a text classifier served by hf-inference first")
        .id
        .clone();
    check_all(
        &hub,
        &classifier,
        &["/hf-inference/models/"],
        &["provider=\"hf-inference\"", "client.text_classification("],
        &["provider: \"hf-inference\"", "client.textClassification("],
    );
    let curl = snippet(&hub, &classifier, "curl");
    assert!(
        curl.contains(&format!("/hf-inference/models/{classifier}'")),
        "{curl}"
    );
    // A task that reads a file.
    let asr = hub
        .catalog()
        .iter()
        .find(|m| {
            m.mapping
                .first()
                .is_some_and(|e| e.status == "live" && e.task == "automatic-speech-recognition")
        })
        .expect("a speech recognition model")
        .id
        .clone();
    check_all(
        &hub,
        &asr,
        &[],
        &["client.automatic_speech_recognition(\"sample.flac\""],
        &[
            "client.automaticSpeechRecognition(",
            "readFile(\"sample.flac\")",
        ],
    );

    fails(&mut cli(&hub), &["resolve", model, "--snippet", "rust"], 2);
    fails(&mut cli(&hub), &["resolve", model, "--snippet", "pyton"], 2);
    let both = fails(
        &mut cli(&hub),
        &["resolve", model, "--snippet", "js", "--json"],
        2,
    );
    assert!(both.contains("give one"), "{both}");
}

/// `watch` started with `args`, its stdout read line by line as it comes.
struct Watching {
    child: std::process::Child,
    lines: std::sync::mpsc::Receiver<String>,
}

fn watch(hub: &FakeHub, args: &[&str]) -> Watching {
    let mut child = cli(hub)
        .arg("watch")
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, lines) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    Watching { child, lines }
}

impl Watching {
    fn line(&self) -> String {
        self.lines
            .recv_timeout(Duration::from_secs(30))
            .expect("a line within 30 s")
    }

    /// Waits for the end: the exit code, the rest of stdout, and stderr.
    fn end(mut self) -> (Option<i32>, Vec<String>, String) {
        let status = self.child.wait().unwrap();
        let mut err = String::new();
        self.child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        (status.code(), self.lines.iter().collect(), err)
    }
}

const STAGING: &str = "acme/staging-only";

#[test]
fn watch_sees_a_provider_go_live_and_exits_0() {
    let hub = hub(0, 1000);
    let tsv = watch(&hub, &[STAGING, "--interval", "5", "--until", "live"]);
    let json = watch(
        &hub,
        &[STAGING, "--interval", "5", "--until", "live", "--json"],
    );
    assert_eq!(tsv.line(), "groq\tstaging\t-\t-\t-");
    let first = json.line();
    assert!(first.contains("\"model\":\"acme/staging-only\""), "{first}");
    assert!(first.contains("\"status\":\"staging\""), "{first}");
    hub.set_mapping_status(STAGING, "groq", "live");
    let (code, rest, err) = tsv.end();
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(rest.len(), 1, "{rest:?}");
    let fields: Vec<&str> = rest[0].split('\t').collect();
    assert_eq!(&fields[1..], ["groq", "status", "staging", "live"]);
    assert_eq!(
        fields[0].len(),
        "2026-12-06T11:34:07Z".len(),
        "{}",
        fields[0]
    );
    let (code, rest, err) = json.end();
    assert_eq!(code, Some(0), "{err}");
    assert!(
        rest[0].ends_with(
            "\"provider\":\"groq\",\"what\":\"status\",\"before\":\"staging\",\"after\":\"live\"}"
        ),
        "{rest:?}"
    );
}

#[test]
fn watch_joins_a_renamed_model_with_the_routers_entry_for_its_new_id() {
    let hub = hub(0, 1000);
    let (old, _) = fake_hub::RENAMED[0];
    let (code, out, err) = watch(&hub, &[old, "--count", "1"]).end();
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out[2], "fireworks-ai\tlive\tlive\t-\t45.4", "{out:?}");
}

#[test]
fn watch_never_looks_faster_than_its_interval_and_says_when_looks_ran_out() {
    let hub = hub(0, 1000);
    let started = Instant::now();
    let w = watch(
        &hub,
        &[
            STAGING,
            "--interval",
            "5",
            "--count",
            "2",
            "--until",
            "live",
        ],
    );
    let (code, out, err) = w.end();
    assert_eq!(code, Some(12), "{err}");
    assert!(err.contains("ran out"), "{err}");
    assert_eq!(out, ["groq\tstaging\t-\t-\t-"]);
    let looks: Vec<Instant> = hub
        .seen()
        .iter()
        .filter(|s| s.target.starts_with(&format!("/api/models/{STAGING}")))
        .map(|s| s.at)
        .collect();
    assert_eq!(looks.len(), 2);
    assert!(
        looks[1] - looks[0] >= Duration::from_secs(5),
        "{:?}",
        looks[1] - looks[0]
    );
    assert!(started.elapsed() >= Duration::from_secs(5));
    // Already live: the first look answers, nothing is waited for.
    let started = Instant::now();
    let live = watch(&hub, &["google/gemma-3-27b-it", "--until", "live"]);
    let (code, out, _) = live.end();
    assert_eq!((code, out.len()), (Some(0), 2));
    assert!(started.elapsed() < Duration::from_secs(5));
    // Gone: none is live.
    let (code, ..) = watch(&hub, &[STAGING, "--until", "gone"]).end();
    assert_eq!(code, Some(0));
}

#[test]
fn watch_stops_on_ctrl_c_and_refuses_bad_input_before_any_request() {
    let hub = hub(0, 1000);
    let w = watch(&hub, &[STAGING, "--interval", "60"]);
    assert_eq!(w.line(), "groq\tstaging\t-\t-\t-");
    let killed = Command::new("kill")
        .args(["-INT", &w.child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let started = Instant::now();
    let mut w = w;
    let status = w.child.wait().unwrap();
    assert!(started.elapsed() < Duration::from_secs(5));
    use std::os::unix::process::ExitStatusExt;
    // Died of the signal, as the shell expects ($? is 130).
    assert_eq!(status.signal(), Some(2), "{status:?}");

    for (args, says) in [
        (vec!["watch"], "needs a MODEL_ID"),
        (vec!["watch", STAGING, "--interval", "4"], "at least 5"),
        (
            vec!["watch", STAGING, "--until", "alive"],
            "did you mean live",
        ),
        (vec!["watch", STAGING, "--count", "0"], "1 or more"),
        (vec!["watch", "not a model"], "MODEL_ID"),
    ] {
        let e = fails(&mut cli(&hub), &args, 2);
        assert!(e.contains(says), "{args:?}: {e}");
    }
    let unknown = fails(&mut cli(&hub), &["watch", "acme/nothing-here"], 3);
    assert!(unknown.contains("not found"), "{unknown}");
    let asked: Vec<String> = hub.seen().into_iter().map(|s| s.target).collect();
    assert!(
        asked
            .iter()
            .all(|t| t.contains(STAGING) || t.contains("acme/nothing-here")),
        "{asked:?}"
    );
}
