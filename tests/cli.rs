//! The built `hf-providers` binary against the fake Hub: stdout, stderr and exit code of each
//! subcommand, each exit code, `--json`, paging, streaming and the closed pipe.
#![cfg(all(feature = "cli", not(target_os = "wasi")))]

#[path = "fake_hub/mod.rs"]
mod fake_hub;
#[path = "support/cli.rs"]
mod support_cli;

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::Duration;

use fake_hub::{FakeHub, Fault, Options, VALID_TOKEN};
use support_cli::{BIN, cli, fails, hub, in_clean_env, ok, ok_with, run};

#[test]
fn models_lists_ids() {
    let hub = hub(500, 1000);
    assert_eq!(
        ok(&hub, &["models", "--provider", "fireworks-ai"]),
        "deepseek-ai/DeepSeek-V3-0324\ndeepseek-ai/DeepSeek-R1\nQwen/QwQ-32B\ndeepseek-ai/DeepSeek-V3\n\
         deepseek-ai/DeepSeek-V4-Pro\n"
    );
    assert_eq!(
        ok(
            &hub,
            &[
                "models",
                "--provider",
                "sambanova,novita",
                "--task",
                "image-text-to-text"
            ]
        ),
        "meta-llama/Llama-3.2-11B-Vision-Instruct\nmeta-llama/Llama-3.2-90B-Vision-Instruct\n\
         Qwen/Qwen2-VL-72B-Instruct\n"
    );
    assert_eq!(
        hub.seen()[1].target,
        "/api/models?inference_provider=sambanova,novita&pipeline_tag=image-text-to-text\
         &expand[]=private"
    );
    let sorted = ok(
        &hub,
        &[
            "models",
            "--author",
            "deepseek-ai",
            "--sort",
            "downloads",
            "--asc",
            "--limit",
            "2",
        ],
    );
    // DeepSeek-V4-Pro (the router's example) came later and has the fewest downloads.
    assert_eq!(
        sorted,
        "deepseek-ai/DeepSeek-V4-Pro\ndeepseek-ai/DeepSeek-V3\n"
    );
}

#[test]
fn models_pages_through_everything_and_stops_at_the_limit() {
    let hub = hub(3000, 100);
    let expected: Vec<&str> = hub
        .catalog()
        .iter()
        .filter(|m| m.is_warm() && !m.private)
        .map(|m| m.id.as_str())
        .collect();
    let out = ok(&hub, &["models", "--provider", "all"]);
    assert_eq!(out.lines().collect::<Vec<_>>(), expected);
    assert_eq!(hub.seen().len(), expected.len().div_ceil(100));

    let hub2 = self::hub(3000, 100);
    let out = ok(&hub2, &["models", "--limit", "250"]);
    assert_eq!(out.lines().count(), 250);
    assert_eq!(hub2.seen().len(), 3);
}

#[test]
fn models_json_is_one_typed_object_per_line() {
    let hub = hub(0, 1000);
    let out = ok(
        &hub,
        &[
            "models",
            "--provider",
            "fal-ai",
            "--task",
            "text-to-image",
            "--expand",
            "inferenceProviderMapping",
            "--expand",
            "downloads",
            "--json",
        ],
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4);
    let first = hf_providers::parse::model(lines[0].as_bytes()).unwrap();
    assert_eq!(first.id, "black-forest-labs/FLUX.1-dev");
    assert!(first.downloads.is_some());
    assert_eq!(first.providers()[0].provider_id, "fal-ai/flux/dev");
    assert!(lines[0].starts_with("{\"id\":\"black-forest-labs/FLUX.1-dev\","));
    assert!(lines[0].contains("\"inference\":null"));
}

#[test]
fn status_answers_warm_or_not() {
    let hub = hub(0, 1000);
    assert_eq!(ok(&hub, &["status", "google/gemma-3-27b-it"]), "warm\n");
    assert_eq!(
        ok(&hub, &["status", "manycore-research/SpatialLM-Llama-1B"]),
        "not-warm\n"
    );
    assert_eq!(
        ok(&hub, &["status", "google/gemma-3-27b-it", "--json"]),
        "{\"id\":\"google/gemma-3-27b-it\",\"inference\":\"warm\"}\n"
    );
    assert_eq!(
        ok(
            &hub,
            &["--json", "status", "manycore-research/SpatialLM-Llama-1B"]
        ),
        "{\"id\":\"manycore-research/SpatialLM-Llama-1B\",\"inference\":null}\n"
    );
}

#[test]
fn providers_in_the_hubs_order() {
    let hub = hub(0, 1000);
    assert_eq!(
        ok(&hub, &["providers", "meta-llama/Llama-3.3-70B-Instruct"]),
        "together\tlive\tconversational\tmeta-llama/Llama-3.3-70B-Instruct-Turbo\n\
         sambanova\tlive\tconversational\tMeta-Llama-3.3-70B-Instruct\n\
         fireworks-ai\tstaging\tconversational\taccounts/fireworks/models/llama-v3p3-70b-instruct\n\
         cerebras\tlive\tconversational\tllama-3.3-70b\n\
         hf-inference\tlive\tconversational\tmeta-llama/Llama-3.3-70B-Instruct\n"
    );
    assert_eq!(
        ok(&hub, &["providers", "manycore-research/SpatialLM-Llama-1B"]),
        ""
    );
    assert_eq!(
        ok(&hub, &["providers", "BagOu22/Lora_HKLPAZ", "--json"]),
        "[{\"provider\":\"fal-ai\",\"providerId\":\"fal-ai/wan-t2v-lora\",\"status\":\"live\",\
         \"task\":\"text-to-video\",\"adapter\":\"lora\",\"adapterWeightsPath\":\
         \"wan_lora.safetensors\",\"type\":null,\"isModelAuthor\":null,\"hubMetrics\":null},{\"provider\":\"replicate\",\
         \"providerId\":\"bagou22/lora-hklpaz:2f7c1b\",\"status\":\"staging\",\
         \"task\":\"text-to-video\",\"adapter\":null,\"adapterWeightsPath\":null,\"type\":null,\
         \"isModelAuthor\":null,\"hubMetrics\":null}]\n"
    );
}

#[test]
fn resolve_picks_a_live_provider() {
    let hub = hub(0, 1000);
    let llama = "meta-llama/Llama-3.3-70B-Instruct";
    assert_eq!(
        ok(&hub, &["resolve", llama]),
        "together\tmeta-llama/Llama-3.3-70B-Instruct-Turbo\tconversational\n"
    );
    assert_eq!(
        ok(&hub, &["resolve", llama, "--provider", "cerebras"]),
        "cerebras\tllama-3.3-70b\tconversational\n"
    );
    // The mapping's fields as before, then the decision (the router does not list this model:
    // auto is preferred).
    let json = ok(&hub, &["resolve", llama, "--provider", "auto", "--json"]);
    assert!(
        json.starts_with(
            "{\"provider\":\"together\",\"providerId\":\"meta-llama/Llama-3.3-70B-Instruct-Turbo\",\
             \"status\":\"live\",\"task\":\"conversational\",\"adapter\":null,\
             \"adapterWeightsPath\":null,\"type\":null,\"isModelAuthor\":null,\"hubMetrics\":null,\
             \"model\":\"meta-llama/Llama-3.3-70B-Instruct\",\"policy\":\"preferred\",\"asked\":\"auto\",\
             \"route\":\"meta-llama/Llama-3.3-70B-Instruct:together\",\"inCatalog\":\"not-listed\",\
             \"metrics\":null,\"candidates\":["
        ),
        "{json}"
    );
    // No provider to call is exit 8 (it was 1, "anything else", before the code existed).
    let err = fails(
        &mut cli(&hub),
        &["resolve", llama, "--provider", "fireworks-ai"],
        8,
    );
    assert!(err.contains("staging"), "{err}");
    let err = fails(
        &mut cli(&hub),
        &["resolve", "manycore-research/SpatialLM-Llama-1B"],
        8,
    );
    assert!(err.contains("no inference provider serves"), "{err}");
}

#[test]
fn usage_errors_exit_2_before_any_request() {
    let hub = hub(0, 1000);
    for args in [
        &["bogus"][..],
        &["models", "--sort", "name"],
        &["models", "--limit", "ten"],
        &["models", "--provider", "fal ai"],
        &["models", "--provider", "a,,b"],
        &["status"],
        &["status", "a--b"],
        &["providers", "../../etc/passwd"],
        &["resolve", "a/b/c"],
        &["--endpoint", "ftp://x", "status", "a/b"],
        &["--token", "bad\ntoken", "status", "a/b"],
    ] {
        fails(&mut cli(&hub), args, 2);
    }
    assert!(hub.seen().is_empty());
    let r = run(
        cli(&hub).env("HF_ENDPOINT", "not a url"),
        &["status", "a/b"],
    );
    assert_eq!(r.code, 2);

    // Each message names the option and what it takes, and points at the command's help.
    for (args, says) in [
        (
            &["models", "--provider", ""][..],
            "--provider has an empty value",
        ),
        (
            &["models", "--limit", "0"],
            "--limit takes a whole number, 1 or more",
        ),
        (
            &["models", "--provider", "all,groq"],
            "--provider takes `all` alone",
        ),
        (
            &["models", "--expand", "bogus"],
            "--expand takes author, createdAt,",
        ),
        (
            &["resolve", "a/b", "--provider", "bad name"],
            "--provider takes auto,",
        ),
        (
            &["catalog", "--provider", "fastest"],
            "not the policy \"fastest\"",
        ),
        (
            &["models", "--timeout", "0"],
            "--timeout takes seconds, more than 0",
        ),
        (
            &["status", "a/b", "--endpoint", "http://a b"],
            "--endpoint: ",
        ),
    ] {
        let err = fails(&mut cli(&hub), args, 2);
        assert!(err.contains(says), "{args:?}: {err}");
        let help = format!("(see `hf-providers {} --help`)", args[0]);
        assert!(err.trim_end().ends_with(&help), "{args:?}: {err}");
    }
    assert!(hub.seen().is_empty());
}

#[test]
fn error_exit_codes() {
    let hub = hub(0, 1000);
    let err = fails(&mut cli(&hub), &["status", "nobody/nothing"], 3);
    assert!(err.contains("RepoNotFound"), "{err}");
    fails(
        cli(&hub).env("HF_TOKEN", VALID_TOKEN),
        &["providers", "nobody/nothing"],
        3,
    );

    let wrong = "hf_wrong_token_value";
    let mut from_env = cli(&hub);
    from_env.env("HF_TOKEN", wrong);
    let mut from_flag = cli(&hub);
    from_flag.args(["--token", wrong]);
    for mut cmd in [from_env, from_flag] {
        let err = fails(&mut cmd, &["models", "--limit", "1"], 4);
        assert!(!err.contains(wrong), "the token leaked: {err}");
        assert!(err.contains("rejected the token"), "{err}");
    }

    let closed = {
        let h = self::hub(0, 1000);
        h.url()
    };
    fails(
        &mut cli(&hub),
        &["--endpoint", &closed, "--retries", "0", "status", "a/b"],
        5,
    );
    hub.push_fault(Fault::Hang);
    fails(
        &mut cli(&hub),
        &[
            "--timeout",
            "0.3",
            "--retries",
            "0",
            "status",
            "google/gemma-3-27b-it",
        ],
        5,
    );

    hub.always(Some(Fault::Status(
        503,
        vec![],
        "<html><title>down</title></html>".into(),
    )));
    let err = fails(
        &mut cli(&hub),
        &["--retries", "0", "status", "google/gemma-3-27b-it"],
        6,
    );
    assert!(err.contains("503") && err.contains("down"), "{err}");
    hub.always(Some(Fault::Body("<html>not json</html>".into())));
    fails(&mut cli(&hub), &["models"], 6);
    hub.always(Some(Fault::Huge {
        bytes: 65 << 20,
        content_length: true,
    }));
    let err = fails(&mut cli(&hub), &["status", "a/b"], 6);
    assert!(err.contains("larger than the limit"), "{err}");
    assert!(!err.contains("Config"), "{err}");

    hub.always(Some(Fault::Status(
        429,
        vec![("Retry-After".into(), "0".into())],
        "{\"error\":\"quota\"}".into(),
    )));
    let before = hub.seen().len();
    let err = fails(&mut cli(&hub), &["--retries", "2", "models"], 7);
    assert!(
        err.contains("rate limited") && err.contains("quota"),
        "{err}"
    );
    assert_eq!(hub.seen().len() - before, 3);
    hub.always(None);
}

#[test]
fn the_token_is_sent_to_the_hub_only() {
    let hub = hub(0, 1000);
    assert_eq!(
        ok_with(
            &hub,
            &[("HF_TOKEN", VALID_TOKEN)],
            &["status", fake_hub::PRIVATE_MODEL]
        ),
        "warm\n"
    );
    assert_eq!(
        hub.seen()[0].authorization.as_deref(),
        Some(format!("Bearer {VALID_TOKEN}").as_str())
    );
    // The implicit token can be turned off; an explicit one is still sent.
    let r = run(
        cli(&hub)
            .env("HF_TOKEN", VALID_TOKEN)
            .env("HF_HUB_DISABLE_IMPLICIT_TOKEN", "1"),
        &["status", fake_hub::PRIVATE_MODEL],
    );
    assert_eq!(r.code, 3);
    assert_eq!(hub.seen()[1].authorization, None);
}

#[test]
fn offline_mode_sends_nothing_and_exits_2() {
    let hub = hub(0, 1000);
    for args in [&["status", "gpt2"][..], &["models"], &["resolve", "a/b"]] {
        let err = fails(cli(&hub).env("HF_HUB_OFFLINE", "1"), args, 2);
        assert!(err.contains("offline mode is on"), "{err}");
    }
    assert!(hub.seen().is_empty());
}

#[test]
fn a_closed_stdout_ends_quietly_with_0() {
    let hub = hub(20_000, 100);
    let mut child = cli(&hub)
        .args(["models", "--provider", "all"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader is gone now, as with `| head -1`.
    let out = child.wait_with_output().unwrap();
    assert!(!first.is_empty());
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert!(hub.seen().len() < 10, "{} requests", hub.seen().len());
}

#[test]
fn the_first_page_is_printed_before_the_next_is_fetched() {
    let hub = hub(3000, 100);
    hub.push_fault(Fault::Pass);
    hub.push_fault(Fault::Hang);
    let mut child = cli(&hub)
        .args(["--timeout", "30", "models", "--provider", "all"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut lines = BufReader::new(stdout).lines();
        let _ = tx.send(lines.next());
    });
    let first = rx.recv_timeout(Duration::from_secs(10));
    let _ = child.kill();
    let _ = child.wait();
    let first = first.expect("the first page arrives while the second hangs");
    assert_eq!(first.unwrap().unwrap(), "deepseek-ai/DeepSeek-V3-0324");
}

#[test]
fn help_and_version() {
    let hub = hub(0, 1000);
    let help = ok(&hub, &["--help"]);
    assert!(help.contains("\n    models        Models served by inference providers"));
    assert!(help.contains("EXIT CODES"));
    assert_eq!(ok(&hub, &["help"]), help);
    assert_eq!(ok(&hub, &[]), help);
    // Each command has its own.
    for command in ["models", "status", "providers", "resolve", "catalog"] {
        let own = ok(&hub, &[command, "--help"]);
        assert!(
            own.starts_with(&format!("hf-providers {command}: ")),
            "{own}"
        );
        assert!(
            own.contains(&format!("    hf-providers {command} ")),
            "{own}"
        );
        assert_eq!(ok(&hub, &["-h", command]), own);
        assert_eq!(ok(&hub, &["help", command]), own);
    }
    assert!(ok(&hub, &["models", "--help"]).contains("--library NAME"));
    assert_eq!(
        ok(&hub, &["-V"]),
        format!("hf-providers {}\n", env!("CARGO_PKG_VERSION"))
    );
    assert!(hub.seen().is_empty());
}

const SCOUT: &str = fake_hub::SCOUT;
const V4: &str = "deepseek-ai/DeepSeek-V4-Pro";

#[test]
fn resolve_predicts_the_router_under_each_policy() {
    let hub = hub(0, 1000);
    let line = |args: &[&str]| ok(&hub, args);
    // The router's documented example: fastest by default.
    assert_eq!(
        line(&["resolve", V4]),
        "fireworks-ai\taccounts/fireworks/models/deepseek-v4-pro\tconversational\n"
    );
    // Hub order, speed order and price order all differ.
    assert_eq!(
        line(&["resolve", SCOUT]),
        "groq\tmeta-llama/llama-4-scout-17b-16e-instruct\tconversational\n"
    );
    assert!(line(&["resolve", &format!("{SCOUT}:cheapest")]).starts_with("novita\t"));
    assert!(line(&["resolve", SCOUT, "--provider", "preferred"]).starts_with("together\t"));
    assert!(line(&["resolve", &format!("{SCOUT}:together")]).starts_with("together\t"));
    // Needs: only together has tools and structured output.
    assert!(line(&["resolve", SCOUT, "--tools", "--structured-output"]).starts_with("together\t"));
    assert!(line(&["resolve", SCOUT, "--max-price", "0.3"]).starts_with("novita\t"));
    // Listed, but no metrics: the Hub's order.
    assert!(line(&["resolve", "acme/chat-no-metrics"]).starts_with("featherless-ai\t"));
    // Not a chat model: not in the catalog, so the Hub's order.
    assert!(line(&["resolve", "black-forest-labs/FLUX.1-dev"]).starts_with("fal-ai\t"));
    // The task to call: every provider here is mapped for it.
    assert_eq!(
        line(&["resolve", V4, "--task", "conversational"]),
        line(&["resolve", V4])
    );
}

#[test]
fn resolve_knows_a_renamed_model_by_its_new_id() {
    let hub = hub(0, 1000);
    let (old, new) = fake_hub::RENAMED[0];
    let r = run(&mut cli(&hub), &["resolve", old, "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stderr,
        format!("hf-providers: the Hub names {old} {new}, the id the router knows\n")
    );
    // The router's choice for the model under its new id: fastest, from the catalog.
    assert!(
        r.stdout
            .contains(&format!("\"route\":\"{new}:fireworks-ai\"")),
        "{}",
        r.stdout
    );
    assert!(ok(&hub, &["providers", old, "--details"]).contains("45.4"));
    let lines = ok(&hub, &["catalog", old]);
    assert!(lines.starts_with(&format!("{new}\t")), "{lines}");
    // Not a chat model: the router's answer stands.
    fails(
        &mut cli(&hub),
        &["catalog", "black-forest-labs/FLUX.1-dev"],
        3,
    );
}

#[test]
fn resolve_exits_8_when_no_provider_satisfies_the_request() {
    let hub = hub(0, 1000);
    for (args, says) in [
        (vec![format!("{SCOUT}:nscale")], "error in the router"),
        (vec![format!("{SCOUT}:cerebras")], "staging"),
        (
            vec![format!("{SCOUT}:groq"), "--structured-output".into()],
            "no structured output",
        ),
        (
            vec![SCOUT.into(), "--min-context".into(), "10000000".into()],
            "meets the needs",
        ),
        (
            vec!["black-forest-labs/FLUX.1-dev:fastest".into()],
            "publishes no metrics",
        ),
        (vec![format!("{SCOUT}:replicate")], "does not serve"),
        (
            vec![
                format!("{SCOUT}:groq"),
                "--task".into(),
                "text-to-image".into(),
            ],
            "mapped for conversational",
        ),
    ] {
        let mut full = vec!["resolve"];
        full.extend(args.iter().map(String::as_str));
        let err = fails(&mut cli(&hub), &full, 8);
        assert!(err.contains(says), "{full:?}: {err}");
    }
}

#[test]
fn resolve_explains_each_candidate_on_stderr() {
    let hub = hub(0, 1000);
    let r = run(&mut cli(&hub), &["resolve", SCOUT, "--explain"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "groq\tmeta-llama/llama-4-scout-17b-16e-instruct\tconversational\n"
    );
    assert_eq!(
        r.stderr,
        "policy: fastest (auto: the router's default for a model in its catalog); router \
         catalog: listed\n\
         -\ttogether\tslower\t80.2\t0.59\t1048576\n\
         *\tgroq\tchosen\t460.5\t0.34\t131072\n\
         -\tnovita\tslower\t40.1\t0.3\t131072\n\
         -\tcerebras\tstaging on the Hub\t-\t-\t-\n\
         -\tnscale\terror in the router\t999.0\t0.1\t65536\n\
         -\tfeatherless-ai\tno throughput published\t-\t-\t-\n"
    );
    // When nobody qualifies, the explanation says why each was left out.
    let r = run(
        &mut cli(&hub),
        &["resolve", SCOUT, "--explain", "--min-context", "2000000"],
    );
    assert_eq!(r.code, 8);
    assert_eq!(r.stdout, "");
    for line in [
        "-\tgroq\tcontext 131072 < 2000000\t",
        "-\ttogether\tcontext 1048576 < 2000000\t",
        "-\tfeatherless-ai\tcontext length unknown\t",
        "hf-providers: no provider for meta-llama/Llama-4-Scout-17B-16E-Instruct: no live \
         provider is routed and meets the needs",
    ] {
        assert!(r.stderr.contains(line), "{line}\nin {}", r.stderr);
    }
}

#[test]
fn resolve_json_carries_the_decision() {
    let hub = hub(0, 1000);
    let json = ok(&hub, &["resolve", SCOUT, "--json"]);
    assert_eq!(json.lines().count(), 1);
    for part in [
        "{\"provider\":\"groq\",\"providerId\":\"meta-llama/llama-4-scout-17b-16e-instruct\",",
        &format!("\"model\":\"{SCOUT}\",\"policy\":\"fastest\",\"asked\":\"auto\","),
        &format!("\"route\":\"{SCOUT}:groq\",\"inCatalog\":\"listed\","),
        "\"metrics\":{\"provider\":\"groq\",\"status\":\"live\",\"context_length\":131072,",
        "\"pricing\":{\"input\":0.11,\"output\":0.34}",
        "\"verdict\":\"excluded\",\"reason\":\"staging on the Hub\"",
        "\"verdict\":\"excluded\",\"reason\":\"error in the router\"",
        "\"router\":{\"provider\":\"featherless-ai\",\"status\":\"live\",\"context_length\":null,",
        "\"verdict\":\"lost\",\"reason\":\"no throughput published\"",
        "{\"mapping\":{\"provider\":\"cerebras\",\"providerId\":\"llama-4-scout-17b-16e-instruct\",\
         \"status\":\"staging\",",
    ] {
        assert!(json.contains(part), "{part}\nin {json}");
    }
    assert_eq!(json.matches("\"verdict\":").count(), 6);
}

#[test]
fn providers_details_join_the_hub_and_the_router() {
    let hub = hub(0, 1000);
    assert_eq!(
        ok(&hub, &["providers", SCOUT, "--details"]),
        "together\tlive\tconversational\tmeta-llama/Llama-4-Scout-17B-16E-Instruct\tlive\t1048576\t\
         0.18\t0.59\t80.2\t420\tyes\tyes\n\
         groq\tlive\tconversational\tmeta-llama/llama-4-scout-17b-16e-instruct\tlive\t131072\t\
         0.11\t0.34\t460.5\t160\tyes\tno\n\
         novita\tlive\tconversational\tmeta-llama/llama-4-scout-17b-16e-instruct\tlive\t131072\t\
         0.1\t0.3\t40.1\t900\tno\tno\n\
         cerebras\tstaging\tconversational\tllama-4-scout-17b-16e-instruct\t-\t-\t-\t-\t-\t-\t-\t-\n\
         nscale\tlive\tconversational\tmeta-llama/Llama-4-Scout-17B-16E-Instruct\terror\t65536\t\
         0.05\t0.1\t999.0\t100\tyes\tyes\n\
         featherless-ai\tlive\tconversational\tmeta-llama/Llama-4-Scout-17B-16E-Instruct\tlive\t-\t\
         -\t-\t-\t-\t-\t-\n"
    );
    // A model the catalog does not list: the Hub's columns, then unknowns.
    assert_eq!(
        ok(
            &hub,
            &["providers", "black-forest-labs/FLUX.1-dev", "--details"]
        ),
        "fal-ai\tlive\ttext-to-image\tfal-ai/flux/dev\t-\t-\t-\t-\t-\t-\t-\t-\n\
         replicate\tlive\ttext-to-image\tblack-forest-labs/FLUX.1-dev\t-\t-\t-\t-\t-\t-\t-\t-\n"
    );
    let json = ok(&hub, &["providers", V4, "--details", "--json"]);
    assert!(json.starts_with(
        "[{\"mapping\":{\"provider\":\"novita\",\"providerId\":\"deepseek/deepseek-v4-pro\","
    ));
    assert!(json.contains("},\"router\":{\"provider\":\"novita\",\"status\":\"live\","));
    // Old output is unchanged without --details.
    assert!(ok(&hub, &["providers", SCOUT]).starts_with("together\tlive\tconversational\t"));
}

#[test]
fn catalog_lists_live_pairs_filtered_and_sorted() {
    let hub = hub(0, 1000);
    assert_eq!(
        ok(&hub, &["catalog", "--provider", "groq"]),
        format!("{SCOUT}\tgroq\t131072\t0.11\t0.34\t460.5\t160\tyes\tno\n")
    );
    assert_eq!(
        ok(&hub, &["catalog", V4, "--sort", "cheapest"]),
        format!(
            "{V4}\tnovita\t1048576\t1.69\t3.38\t24.7\t1490\tyes\tno\n\
             {V4}\tdeepinfra\t65536\t1.74\t3.48\t34.6\t526\tyes\tyes\n\
             {V4}\ttogether\t512000\t2.1\t4.4\t40.1\t611\tyes\tyes\n\
             {V4}\tfireworks-ai\t1048576\t-\t-\t45.4\t588\tyes\tyes\n\
             {V4}\tfeatherless-ai\t-\t-\t-\t-\t-\t-\t-\n"
        )
    );
    // Every live pair, fastest first; nscale (router error) is not live.
    let fastest = ok(&hub, &["catalog", "--sort", "fastest"]);
    let first: Vec<&str> = fastest
        .lines()
        .map(|l| l.split('\t').nth(1).unwrap())
        .take(3)
        .collect();
    assert_eq!(first, ["groq", "together", "fireworks-ai"]);
    assert!(!fastest.contains("nscale"));
    // DeepSeek-V4-Pro's 5, Scout's 4 (nscale is failing) and the model without metrics.
    assert_eq!(fastest.lines().count(), 10);
    // Needs filter the pairs the same way they filter candidates.
    assert_eq!(
        ok(
            &hub,
            &[
                "catalog",
                "--tools",
                "--structured-output",
                "--min-context",
                "600000"
            ]
        ),
        format!(
            "{V4}\tfireworks-ai\t1048576\t-\t-\t45.4\t588\tyes\tyes\n\
             {SCOUT}\ttogether\t1048576\t0.18\t0.59\t80.2\t420\tyes\tyes\n"
        )
    );
    // JSON: one object per model, in the router's own shape.
    let json = ok(&hub, &["catalog", V4, "--json"]);
    assert_eq!(json.lines().count(), 1);
    let model = hf_providers::parse::catalog_model(json.trim_end().as_bytes()).unwrap();
    assert_eq!(model.providers.len(), 5);
    assert_eq!(model.architecture.input_modalities, ["text"]);
    let all = ok(&hub, &["catalog", "--json", "--max-price", "1"]);
    assert_eq!(all.lines().count(), 1, "{all}");
    // A model the catalog does not list is not found.
    let err = fails(
        &mut cli(&hub),
        &["catalog", "black-forest-labs/FLUX.1-dev"],
        3,
    );
    assert!(err.contains("does not exist"), "{err}");
}

#[test]
fn the_router_has_its_own_url_and_gets_the_token_on_its_own_origin() {
    let hub = hub(0, 1000);
    let router = FakeHub::start(Options {
        models: 0,
        host: std::net::IpAddr::V4(std::net::Ipv4Addr::new(127, 0, 0, 2)),
        ..Options::default()
    });
    let mut cmd = cli(&hub);
    cmd.env("HF_ROUTER_URL", "http://127.0.0.1:9/unused");
    let r = run(
        &mut cmd,
        &[
            "--router",
            &router.url(),
            "--token",
            VALID_TOKEN,
            "resolve",
            V4,
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("fireworks-ai\t"));
    let bearer = Some(format!("Bearer {VALID_TOKEN}"));
    let seen = router.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(
        (seen[0].target.as_str(), &seen[0].authorization),
        ("/v1/models", &bearer)
    );
    assert!(hub.seen().iter().all(|s| s.authorization == bearer));
    assert!(hub.seen().iter().all(|s| !s.target.starts_with("/v1/")));
}

#[test]
fn models_warm_asks_the_hub_for_warm_models_only() {
    let hub = hub(500, 1000);
    let out = ok(&hub, &["models", "--warm", "--author", "acme"]);
    assert_eq!(out, "acme/chat-no-metrics\n");
    assert!(
        hub.seen()[0]
            .target
            .starts_with("/api/models?inference=warm&"),
        "{}",
        hub.seen()[0].target
    );
}

#[test]
fn models_takes_the_filters_of_hf_models_ls() {
    let hub = hub(0, 1000);
    let args = [
        "models",
        "--no-gated",
        "--gated",
        "--num-parameters",
        "min:6B,max:128B",
        "--limit",
        "1",
    ];
    ok(&hub, &args);
    assert_eq!(
        hub.seen()[0].target,
        "/api/models?gated=True&num_parameters=min%3A6B%2Cmax%3A128B&limit=1&expand[]=private"
    );
    let err = fails(
        &mut cli(&hub),
        &["models", "--num-parameters", "max:8B\n"],
        2,
    );
    assert!(
        err.contains("--num-parameters takes printable text"),
        "{err}"
    );
}

#[test]
fn tables_are_aligned_under_a_header_on_a_terminal() {
    // util-linux `script` gives the CLI a pseudo-terminal for stdout and stderr.
    let hub = hub(0, 1000);
    let command = format!("{BIN} providers {SCOUT} --details; {BIN} catalog {V4}");
    let out = in_clean_env("script", &hub)
        .env("PATH", "/usr/bin:/bin")
        .args(["-q", "-e", "-c", &command, "/dev/null"])
        .output()
        .expect("util-linux `script` runs (Debian's bsdutils)");
    // The status line ("waiting for ...") is erased before the table: drop it as a screen would.
    let terminal = String::from_utf8_lossy(&out.stdout)
        .replace("\r\n", "\n")
        .split('\n')
        .map(|line| line.rsplit("\r\x1b[2K").next().unwrap_or(line))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(out.status.success(), "{terminal}");
    let lines: Vec<&str> = terminal.lines().collect();
    assert_eq!(
        lines[0],
        "PROVIDER        STATUS   TASK            PROVIDER ID                                ROUTER  \
         CONTEXT  IN $/M  OUT $/M  TOK/S  LATENCY MS  TOOLS  STRUCTURED"
    );
    assert_eq!(
        lines[2],
        "groq            live     conversational  meta-llama/llama-4-scout-17b-16e-instruct  live    \
         131072   0.11    0.34     460.5  160         yes    no"
    );
    assert!(!terminal.contains('\t'), "{terminal}");
    let catalog_header = lines.iter().position(|l| l.starts_with("MODEL ")).unwrap();
    assert_eq!(catalog_header, 7);
    assert!(lines[catalog_header + 1].starts_with(&format!("{V4}  novita ")));
}

// A new user's first hour: each stumble of the issue that found them, by number.

#[test]
fn stumble_2_an_expanded_json_listing_keeps_the_usual_fields() {
    let hub = hub(50, 1000);
    let out = ok(
        &hub,
        &["models", "--json", "--expand", "inference", "--limit", "3"],
    );
    for line in out.lines() {
        assert!(
            line.contains("\"downloads\":") && !line.contains("\"downloads\":null"),
            "{line}"
        );
        assert!(!line.contains("\"likes\":null"), "{line}");
    }
}

#[test]
fn stumble_4_a_network_error_names_the_host_and_port() {
    let hub = hub(0, 1000);
    let url = hub.url();
    drop(hub);
    let mut cmd = cli(&FakeHub::start(Options::default()));
    cmd.env("HF_ENDPOINT", &url);
    let err = fails(&mut cmd, &["--retries", "0", "status", "a/b"], 5);
    let at = url.trim_start_matches("http://");
    assert!(
        err.contains(&format!(
            "request to the Hub ({at}) failed: could not connect"
        )),
        "{err}"
    );
}

#[test]
fn stumble_5_typos_are_told_before_any_request_and_an_empty_listing_says_why() {
    let hub = hub(0, 1000);
    for (args, says) in [
        (
            &["resolve", "google/gemma-3-27b-it:fastset"][..],
            "did you mean fastest?",
        ),
        (
            &["resolve", "google/gemma-3-27b-it", "--provider", "FASTEST"],
            "did you mean fastest?",
        ),
        (
            &["models", "--provider", "fireworks"],
            "did you mean fireworks-ai?",
        ),
        (&["modles"], "did you mean models?"),
        (&["model"], "did you mean models?"),
    ] {
        let err = fails(&mut cli(&hub), args, 2);
        assert!(err.contains(says), "{args:?}: {err}");
    }
    assert!(hub.seen().is_empty(), "nothing was sent");
    // A name far from every known provider goes; an empty answer says why it may be empty.
    let r = run(
        &mut cli(&hub),
        &["models", "--provider", "brand-new-provider"],
    );
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("not among the providers the Hub lists today (brand-new-provider)"),
        "{}",
        r.stderr
    );
    assert_eq!(
        ok(&hub, &["help", "status"]),
        ok(&hub, &["status", "--help"])
    );
}

#[test]
fn stumble_6_resolve_says_when_the_router_could_not_be_asked() {
    let hub = hub(0, 1000);
    let nowhere = hub_gone();
    let mut cmd = cli(&hub);
    cmd.env("HF_ROUTER_URL", &nowhere);
    let r = run(
        &mut cmd,
        &["--retries", "0", "resolve", "google/gemma-3-27b-it"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("hf-inference\t"), "{}", r.stdout);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(
        r.stderr.starts_with("hf-providers: chosen from the Hub's mapping alone: the router's catalog could not be read (request to the router ("),
        "{}",
        r.stderr
    );
}

/// The URL of a server that is gone: nothing listens there.
fn hub_gone() -> String {
    let gone = hub(0, 1000);
    gone.url()
}

#[test]
fn stumble_7_an_endpoint_from_the_environment_is_named_in_its_error() {
    let hub = hub(0, 1000);
    let mut cmd = cli(&hub);
    cmd.env("HF_ENDPOINT", "127.0.0.1:8080");
    let err = fails(&mut cmd, &["status", "a/b"], 2);
    assert!(
        err.contains(r#"environment variable "HF_ENDPOINT=127.0.0.1:8080" is not an absolute URL"#),
        "{err}"
    );
}

#[test]
fn stumble_9_a_wait_of_nothing_is_not_told_and_verbose_always_speaks() {
    let hub = hub(0, 1000);
    hub.always(Some(Fault::Status(
        429,
        vec![("Retry-After".into(), "0".into())],
        String::new(),
    )));
    let err = fails(&mut cli(&hub), &["--retries", "0", "status", "a/b"], 7);
    assert!(err.contains("rate limited by the Hub: "), "{err}");
    assert!(!err.contains("wait 0"), "{err}");
    hub.always(None);
    let r = run(
        &mut cli(&hub),
        &["--verbose", "status", "google/gemma-3-27b-it"],
    );
    assert!(
        r.stderr
            .contains("hf-providers: router quota: none announced"),
        "{}",
        r.stderr
    );
}

#[test]
fn stumble_12_json_is_one_value_per_line_everywhere() {
    let hub = hub(10, 1000);
    for args in [
        &["models", "--json", "--limit", "3"][..],
        &["status", "google/gemma-3-27b-it", "--json"],
        &["providers", "google/gemma-3-27b-it", "--json"],
        &["providers", "google/gemma-3-27b-it", "--details", "--json"],
        &["resolve", "google/gemma-3-27b-it", "--json"],
        &["catalog", "--json"],
    ] {
        let out = ok(&hub, args);
        for line in out.lines() {
            assert!(
                (line.starts_with('{') && line.ends_with('}'))
                    || (line.starts_with('[') && line.ends_with(']')),
                "{args:?}: {line}"
            );
        }
    }
}
