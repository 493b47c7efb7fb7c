//! The whole client over real sockets, through `UreqTransport`, against the fake Hub on
//! 127.0.0.1 (port 0), faults included. No test sleeps for real seconds.
#![cfg(all(feature = "ureq", not(target_os = "wasi")))]

#[path = "fake_hub/mod.rs"]
mod fake_hub;

use std::net::{IpAddr, Ipv4Addr};
use std::time::{Duration, Instant};

use fake_hub::{FakeHub, Fault, Options, PRIVATE_MODEL, VALID_TOKEN};
use hf_providers::{
    Client, Config, Endpoint, Error, InferenceStatus, LinkRefusal, ListModels, Policy, RetryPolicy,
    Token, TransportErrorKind,
};

fn start(models: usize, page_size: usize) -> FakeHub {
    FakeHub::start(Options {
        models,
        page_size,
        ..Options::default()
    })
}

fn config(hub: &FakeHub, token: Option<&str>) -> Config {
    let mut config = Config::default();
    config.endpoint = Endpoint::parse(&hub.url()).unwrap();
    config.router = config.endpoint.clone();
    config.token = token.map(|t| Token::new(t).unwrap());
    config.timeout = Duration::from_secs(10);
    config.retry.base_delay = Duration::from_millis(1);
    config.retry.max_delay = Duration::from_millis(5);
    config
}

fn client(hub: &FakeHub) -> Client<hf_providers::UreqTransport> {
    https_client(config(hub, Some(VALID_TOKEN)))
}

fn list_requests(hub: &FakeHub) -> usize {
    hub.seen()
        .iter()
        .filter(|s| s.target.starts_with("/api/models?") || s.target == "/api/models")
        .count()
}

fn html(status: u16) -> Fault {
    Fault::Status(
        status,
        vec![("Content-Type".into(), "text/html".into())],
        format!("<html><head><title>{status} Oops</title></head></html>"),
    )
}

#[test]
fn listing_across_many_pages_returns_each_match_once_in_order() {
    let hub = start(3000, 100);
    let expected: Vec<String> = hub
        .catalog()
        .iter()
        .filter(|m| m.is_warm())
        .map(|m| m.id.clone())
        .collect();
    assert!(expected.len() > 1000, "{}", expected.len());
    let client = client(&hub);
    let mut models = client.list_models(&ListModels::new().any_inference_provider());
    let mut got = Vec::new();
    for m in &mut models {
        got.push(m.unwrap().id);
    }
    assert_eq!(got, expected);
    let pages = expected.len().div_ceil(100);
    assert_eq!(models.pages_fetched(), pages);
    assert_eq!(list_requests(&hub), pages);
}

#[test]
fn listing_stops_at_the_limit_without_fetching_further_pages() {
    let hub = start(3000, 100);
    let client = client(&hub);
    let got: Vec<String> = client
        .list_models(&ListModels::new().limit(250))
        .map(|m| m.unwrap().id)
        .collect();
    let expected: Vec<&str> = hub
        .catalog()
        .iter()
        .map(|m| m.id.as_str())
        .take(250)
        .collect();
    assert_eq!(got, expected);
    assert_eq!(list_requests(&hub), 3);
    assert!(hub.seen()[0].target.ends_with("?limit=250"));
}

#[test]
fn the_specs_listings() {
    let hub = start(3000, 1000);
    let client = client(&hub);
    let ids =
        |q: ListModels| -> Vec<String> { client.list_models(&q).map(|m| m.unwrap().id).collect() };
    assert_eq!(
        ids(ListModels::new().inference_provider("fireworks-ai")),
        [
            "deepseek-ai/DeepSeek-V3-0324",
            "deepseek-ai/DeepSeek-R1",
            "Qwen/QwQ-32B",
            "deepseek-ai/DeepSeek-V3",
            "deepseek-ai/DeepSeek-V4-Pro"
        ]
    );
    assert_eq!(
        ids(ListModels::new()
            .inference_provider("fal-ai")
            .pipeline_tag("text-to-image")),
        [
            "black-forest-labs/FLUX.1-dev",
            "stabilityai/stable-diffusion-3.5-large",
            "black-forest-labs/FLUX.1-schnell",
            "stabilityai/stable-diffusion-3.5-large-turbo"
        ]
    );
    assert_eq!(
        ids(ListModels::new()
            .inference_provider("sambanova")
            .inference_provider("novita")
            .pipeline_tag("image-text-to-text")),
        [
            "meta-llama/Llama-3.2-11B-Vision-Instruct",
            "meta-llama/Llama-3.2-90B-Vision-Instruct",
            "Qwen/Qwen2-VL-72B-Instruct"
        ]
    );
    assert_eq!(
        ids(ListModels::new()
            .any_inference_provider()
            .pipeline_tag("text-to-video")),
        [
            "Wan-AI/Wan2.1-T2V-14B",
            "Lightricks/LTX-Video",
            "tencent/HunyuanVideo",
            "Wan-AI/Wan2.1-T2V-1.3B",
            "THUDM/CogVideoX-5b",
            "genmo/mochi-1-preview",
            "BagOu22/Lora_HKLPAZ"
        ]
    );
}

#[test]
fn listing_with_the_mapping_expanded_keeps_the_order() {
    let hub = start(0, 1000);
    let client = client(&hub);
    let flux = client
        .list_models(
            &ListModels::new()
                .inference_provider("fal-ai")
                .pipeline_tag("text-to-image")
                .expand(hf_providers::Expand::InferenceProviderMapping),
        )
        .next()
        .unwrap()
        .unwrap();
    let providers: Vec<_> = flux
        .providers()
        .iter()
        .map(|m| m.provider.as_ref())
        .collect();
    assert_eq!(providers, ["fal-ai", "replicate"]);
    assert_eq!(flux.downloads, None, "expand[] asks for only what it names");
}

#[test]
fn a_timeout_too_long_to_count_is_no_limit_not_a_panic() {
    let hub = start(0, 1000);
    for timeout in [Duration::MAX, Duration::from_secs(u64::MAX / 2)] {
        let mut config = config(&hub, None);
        config.timeout = timeout;
        config.connect_timeout = timeout;
        let status = https_client(config).model_status("google/gemma-3-27b-it");
        assert_eq!(status.unwrap(), Some(InferenceStatus::Warm), "{timeout:?}");
    }
}

#[test]
fn status_and_providers_for_the_specs_examples() {
    let hub = start(0, 1000);
    let client = client(&hub);
    assert_eq!(
        client.model_status("google/gemma-3-27b-it").unwrap(),
        Some(InferenceStatus::Warm)
    );
    assert_eq!(
        client
            .model_status("manycore-research/SpatialLM-Llama-1B")
            .unwrap(),
        None
    );
    let gemma = client.model_providers("google/gemma-3-27b-it").unwrap();
    let got: Vec<_> = gemma
        .iter()
        .map(|m| {
            (
                m.provider.as_ref(),
                m.status.as_str(),
                m.provider_id.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("hf-inference", "live", "google/gemma-3-27b-it"),
            ("nebius", "live", "google/gemma-3-27b-it-fast")
        ]
    );
    let llama = "meta-llama/Llama-3.3-70B-Instruct";
    let order: Vec<_> = client
        .model_providers(llama)
        .unwrap()
        .into_iter()
        .map(|m| m.provider)
        .collect();
    assert_eq!(
        order,
        [
            "together",
            "sambanova",
            "fireworks-ai",
            "cerebras",
            "hf-inference"
        ]
    );
    assert_eq!(
        client
            .choose_provider(llama, &Policy::Auto)
            .unwrap()
            .provider,
        "together"
    );
    assert!(matches!(
        client.choose_provider(llama, &"fireworks-ai".parse().unwrap()),
        Err(Error::NoProvider { .. })
    ));
    assert!(matches!(
        client.choose_provider("acme/staging-only", &Policy::Auto),
        Err(Error::NoProvider { .. })
    ));
    let info = client
        .model_info_with(
            &hf_providers::GetModel::new("google/gemma-3-27b-it")
                .unwrap()
                .revision("main"),
        )
        .unwrap();
    assert_eq!(info.providers().len(), 2);
    assert_eq!(info.inference, Some(InferenceStatus::Warm));
}

#[test]
fn the_token_reaches_the_hub_and_unlocks_private_models() {
    let hub = start(0, 1000);
    let with = client(&hub);
    assert_eq!(
        with.model_status(PRIVATE_MODEL).unwrap(),
        Some(InferenceStatus::Warm)
    );
    let seen = hub.seen();
    assert_eq!(
        seen[0].authorization.as_deref(),
        Some(format!("Bearer {VALID_TOKEN}").as_str())
    );
    assert!(
        seen[0]
            .user_agent
            .as_deref()
            .unwrap()
            .starts_with("hf-providers/")
    );
    let listed: Vec<_> = with
        .list_models(&ListModels::new().author("acme"))
        .map(|m| m.unwrap().id)
        .collect();
    assert!(listed.iter().any(|id| id == PRIVATE_MODEL));

    let without = https_client(config(&hub, None));
    assert!(
        matches!(without.model_status(PRIVATE_MODEL), Err(Error::NotFound(e)) if e.status == 401)
    );
    let listed: Vec<_> = without
        .list_models(&ListModels::new().author("acme"))
        .map(|m| m.unwrap().id)
        .collect();
    assert!(!listed.iter().any(|id| id == PRIVATE_MODEL));
}

fn other_host() -> FakeHub {
    FakeHub::start(Options {
        models: 0,
        host: IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2)),
        ..Options::default()
    })
}

#[test]
fn a_redirect_to_another_origin_is_followed_without_the_token() {
    let hub = start(0, 1000);
    let other = other_host();
    hub.push_fault(Fault::Redirect(format!(
        "{}/api/models/google/gemma-3-27b-it?expand[]=inference",
        other.url()
    )));
    let status = client(&hub).model_status("google/gemma-3-27b-it").unwrap();
    assert_eq!(status, Some(InferenceStatus::Warm));
    assert_eq!(hub.seen().len(), 1);
    assert!(hub.seen()[0].authorization.is_some());
    let there = other.seen();
    assert_eq!(there.len(), 1);
    assert_eq!(
        there[0].authorization, None,
        "the token must not leave the origin"
    );
}

#[test]
fn a_next_link_to_another_origin_is_refused() {
    let hub = start(0, 1000);
    let other = other_host();
    let evil = format!("{}/api/models?cursor=steal", other.url());
    hub.push_fault(Fault::NextLink(evil.clone()));
    let client = client(&hub);
    let results: Vec<_> = client
        .list_models(&ListModels::new().inference_provider("fireworks-ai"))
        .collect();
    assert_eq!(results.len(), 6);
    assert!(results[..5].iter().all(Result::is_ok));
    assert_eq!(
        results[5],
        Err(Error::LinkRefused {
            url: evil,
            reason: LinkRefusal::CrossOrigin
        })
    );
    assert!(other.seen().is_empty());

    // A link that echoes the token, or carries credentials, is shown without them.
    let echo = format!("{}/api/models?t={VALID_TOKEN}", other.url()).replace("://", "://u:p@");
    hub.push_fault(Fault::NextLink(echo));
    let refused = client
        .list_models(&ListModels::new().inference_provider("fireworks-ai"))
        .find_map(Result::err)
        .unwrap();
    let shown = format!("{refused} {refused:?}");
    assert!(matches!(refused, Error::LinkRefused { .. }), "{shown}");
    assert!(
        !shown.contains(&VALID_TOKEN[..8]) && !shown.contains("u:p"),
        "{shown}"
    );
}

#[test]
fn rate_limits_and_server_errors_are_retried() {
    let hub = start(0, 1000);
    let client = client(&hub);
    hub.push_fault(Fault::Status(
        429,
        vec![
            ("Retry-After".into(), "0".into()),
            ("RateLimit".into(), "\"api\";r=0;t=0".into()),
        ],
        "{\"error\":\"slow down\"}".into(),
    ));
    hub.push_fault(html(502));
    hub.push_fault(html(503));
    let started = Instant::now();
    assert_eq!(
        client.model_status("google/gemma-3-27b-it").unwrap(),
        Some(InferenceStatus::Warm)
    );
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(hub.seen().len(), 4);
}

#[test]
fn a_hub_that_always_answers_429_ends_in_the_rate_limit_error() {
    let hub = start(0, 1000);
    let mut config = config(&hub, None);
    config.retry = RetryPolicy::with_max_retries(3);
    let client = https_client(config);
    hub.always(Some(Fault::Status(
        429,
        vec![("Retry-After".into(), "0".into())],
        "{\"error\":\"You have exceeded our hourly quotas\"}".into(),
    )));
    match client.model_status("google/gemma-3-27b-it") {
        Err(Error::RateLimited { retry_after, error }) => {
            assert_eq!(retry_after, Some(Duration::ZERO));
            assert_eq!(
                error.message.as_deref(),
                Some("You have exceeded our hourly quotas")
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(hub.seen().len(), 4);
}

/// One request against a hub that answers with `fault`, no retries.
fn one_fault(fault: Fault, max_body_bytes: u64) -> (Error, usize) {
    let hub = start(0, 1000);
    let mut config = config(&hub, None);
    config.retry = RetryPolicy::never();
    config.max_body_bytes = max_body_bytes;
    config.timeout = Duration::from_millis(500);
    hub.push_fault(fault);
    let err = https_client(config)
        .list_models(&ListModels::new())
        .next()
        .unwrap()
        .unwrap_err();
    (err, hub.seen().len())
}

#[test]
fn broken_answers_end_in_typed_errors() {
    let transport = |e: &Error, kind| matches!(e, Error::Transport(t) if t.kind() == kind);
    let (e, _) = one_fault(Fault::Truncated, 1 << 20);
    assert!(transport(&e, TransportErrorKind::Io), "truncated: {e:?}");
    let (e, _) = one_fault(Fault::CloseMidResponse, 1 << 20);
    assert!(transport(&e, TransportErrorKind::Io), "closed: {e:?}");
    let (e, _) = one_fault(Fault::Body("[{\"id\":\"a\"".into()), 1 << 20);
    assert!(matches!(e, Error::Decode { .. }), "invalid JSON: {e:?}");
    let (e, _) = one_fault(
        Fault::Body("[{\"id\":1,\"downloads\":\"many\"}]".into()),
        1 << 20,
    );
    assert!(matches!(e, Error::Decode { .. }), "wrong types: {e:?}");
    let (e, _) = one_fault(Fault::Body("[".repeat(200_000)), 1 << 20);
    assert!(matches!(e, Error::Decode { .. }), "deep nesting: {e:?}");
    let started = Instant::now();
    let (e, _) = one_fault(Fault::Hang, 1 << 20);
    assert!(transport(&e, TransportErrorKind::Timeout), "hang: {e:?}");
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn a_huge_declared_length_under_no_limit_is_an_error_not_an_allocation() {
    // A caller may ask for no limit; a server's number still sizes no allocation.
    for claimed in [1 << 63, 100_000_000_000_000, u64::MAX] {
        let (e, _) = one_fault(Fault::Promise(claimed), u64::MAX);
        assert!(matches!(e, Error::Transport(_)), "{claimed}: {e:?}");
    }
}

#[test]
fn broken_answers_are_retried_then_reported() {
    let hub = start(0, 1000);
    let mut config = config(&hub, None);
    config.retry = RetryPolicy::with_max_retries(2);
    hub.always(Some(Fault::Truncated));
    let err = https_client(config)
        .model_status("google/gemma-3-27b-it")
        .unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert_eq!(hub.seen().len(), 3);
}

#[test]
fn a_64_mib_body_is_refused() {
    let limit = 32 << 20;
    let (e, _) = one_fault(
        Fault::Huge {
            bytes: 64 << 20,
            content_length: true,
        },
        limit,
    );
    assert_eq!(e, Error::BodyTooLarge { limit });
    let (e, _) = one_fault(
        Fault::Huge {
            bytes: 64 << 20,
            content_length: false,
        },
        limit,
    );
    assert_eq!(e, Error::BodyTooLarge { limit });
}

#[test]
fn not_found_and_unauthorized() {
    let hub = start(0, 1000);
    let anonymous = https_client(config(&hub, None));
    match anonymous.model_status("nobody/nothing") {
        Err(Error::NotFound(e)) => {
            assert_eq!(e.status, 401);
            assert_eq!(e.code.as_deref(), Some("RepoNotFound"));
        }
        other => panic!("{other:?}"),
    }
    match client(&hub).model_status("nobody/nothing") {
        Err(Error::NotFound(e)) => assert_eq!(e.status, 404),
        other => panic!("{other:?}"),
    }
    match client(&hub).model_info_with(
        &hf_providers::GetModel::new("google/gemma-3-27b-it")
            .unwrap()
            .revision("nope"),
    ) {
        Err(Error::NotFound(e)) => assert_eq!(e.code.as_deref(), Some("RevisionNotFound")),
        other => panic!("{other:?}"),
    }
    let wrong = https_client(config(&hub, Some("hf_wrong")));
    for result in [
        wrong.model_status("google/gemma-3-27b-it").map(drop),
        wrong
            .list_models(&ListModels::new())
            .next()
            .unwrap()
            .map(drop),
    ] {
        match result {
            Err(Error::Unauthorized(e)) => assert_eq!(
                e.message.as_deref(),
                Some("Invalid credentials in Authorization header")
            ),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn nothing_listens() {
    let hub = start(0, 1000);
    let mut config = config(&hub, None);
    drop(hub);
    config.retry = RetryPolicy::never();
    let err = https_client(config).model_status("a/b").unwrap_err();
    assert!(
        matches!(&err, Error::Transport(t) if t.kind() == TransportErrorKind::Connect),
        "{err:?}"
    );
}

#[test]
fn the_router_on_its_own_origin_gets_the_token_and_nothing_beyond_it_does() {
    let hub = start(0, 1000);
    let router = other_host();
    let third = start(0, 1000);
    let mut config = config(&hub, Some(VALID_TOKEN));
    config.router = Endpoint::parse(&router.url()).unwrap();
    let bearer = Some(format!("Bearer {VALID_TOKEN}"));

    let client = https_client(config.clone());
    let choice = client
        .choose(
            "deepseek-ai/DeepSeek-V4-Pro",
            &Policy::Auto,
            &hf_providers::Needs::new(),
        )
        .unwrap();
    assert_eq!(
        choice.route().as_deref(),
        Some("deepseek-ai/DeepSeek-V4-Pro:fireworks-ai")
    );
    let targets = |h: &FakeHub| -> Vec<(String, Option<String>)> {
        h.seen()
            .into_iter()
            .map(|s| (s.target, s.authorization))
            .collect()
    };
    assert_eq!(
        targets(&hub),
        [(
            "/api/models/deepseek-ai/DeepSeek-V4-Pro?expand[]=inferenceProviderMapping".into(),
            bearer.clone()
        )]
    );
    assert_eq!(targets(&router), [("/v1/models".into(), bearer.clone())]);

    // The router sends the catalog request elsewhere: it goes, the token does not.
    router.push_fault(Fault::Redirect(format!("{}/v1/models", third.url())));
    let catalog = https_client(config).catalog().unwrap();
    assert!(
        catalog
            .iter()
            .any(|m| m.id == "deepseek-ai/DeepSeek-V4-Pro")
    );
    assert_eq!(targets(&third), [("/v1/models".into(), None)]);
    assert!(hub.seen().len() == 1, "the Hub saw nothing more");
}

/// A client over HTTPS (ureq) with `config`.
fn https_client(config: Config) -> Client<hf_providers::UreqTransport> {
    Client::new(hf_providers::UreqTransport::new(&config), config)
}
