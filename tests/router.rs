//! The client with the router: the catalog, choosing a provider under each policy, the joined
//! view, the cache, the token's two origins, and what happens when the catalog cannot be read.
//! In memory (also under WASI, where the two requests of a choice go one after the other).

mod support;

use std::time::Duration;

use hf_providers::{
    Client, Config, Endpoint, Error, InCatalog, Needs, NoProviderReason, Policy, RetryPolicy,
    RouterStatus, Token, Verdict,
};
use support::{Script, answer, http_fixture, ok};

const V4: &str = "deepseek-ai/DeepSeek-V4-Pro";
const SECRET: &str = "hf_SeCrEt_token";
const ROUTER: &str = "https://router.huggingface.co";

/// The Hub's mapping for the router's documented example, in the same order.
const V4_MAPPING: &str = r#"{"_id":"1","id":"deepseek-ai/DeepSeek-V4-Pro","inferenceProviderMapping":{
    "novita":{"status":"live","providerId":"deepseek/deepseek-v4-pro","task":"conversational"},
    "together":{"status":"live","providerId":"deepseek-ai/DeepSeek-V4-Pro","task":"conversational"},
    "fireworks-ai":{"status":"live","providerId":"accounts/fireworks/models/deepseek-v4-pro","task":"conversational"},
    "featherless-ai":{"status":"live","providerId":"deepseek-ai/DeepSeek-V4-Pro","task":"conversational"},
    "deepinfra":{"status":"live","providerId":"deepseek-ai/DeepSeek-V4-Pro","task":"conversational","isModelAuthor":false}}}"#;

fn catalog() -> &'static str {
    fixture!("router-catalog.json")
}

fn config() -> Config {
    let mut config = Config::default();
    config.token = Some(Token::new(SECRET).unwrap());
    config.retry = RetryPolicy::never();
    config
}

fn verdicts(choice: &hf_providers::Decision) -> Vec<String> {
    choice
        .candidates
        .iter()
        .map(|c| format!("{}: {}", c.mapping.provider, c.verdict))
        .collect()
}

#[test]
fn a_renamed_model_is_chosen_under_its_new_id() {
    // Asked by its old name, the Hub answers through a redirect with the model's new id; the
    // router lists the model only under that one.
    let old = "deepseek-ai/DeepSeek-V4-Pro-Preview";
    let moved = [(
        "Location",
        "/api/models/deepseek-ai/DeepSeek-V4-Pro?expand[]=inferenceProviderMapping",
    )];
    let script = Script::with_router(
        [Ok(answer(307, &moved, "")), ok(V4_MAPPING, &[])],
        [ok(catalog(), &[])],
    );
    let client = Client::new(&script, config());
    let auto = client.choose(old, &Policy::Auto, &Needs::new()).unwrap();
    assert_eq!(
        (auto.applied.clone(), auto.in_catalog.clone()),
        (Policy::Fastest, InCatalog::Listed)
    );
    assert_eq!(
        auto.route().as_deref(),
        Some("deepseek-ai/DeepSeek-V4-Pro:fireworks-ai")
    );
    let details = client.provider_details(old).unwrap();
    assert!(details.iter().all(|d| d.router.is_some()), "{details:?}");
}

#[test]
fn the_documented_example_under_each_policy() {
    let script = Script::with_router([ok(V4_MAPPING, &[])], [ok(catalog(), &[])]);
    let client = Client::new(&script, config());
    let auto = client.choose(V4, &Policy::Auto, &Needs::new()).unwrap();
    assert_eq!(auto.applied, Policy::Fastest);
    assert_eq!(auto.in_catalog, InCatalog::Listed);
    assert_eq!(
        auto.route().as_deref(),
        Some("deepseek-ai/DeepSeek-V4-Pro:fireworks-ai")
    );
    let chosen = auto.chosen().unwrap();
    assert_eq!(
        chosen.mapping.provider_id,
        "accounts/fireworks/models/deepseek-v4-pro"
    );
    assert_eq!(
        chosen.router.as_ref().unwrap().throughput,
        Some(45.42948747753918)
    );
    assert_eq!(
        verdicts(&auto),
        [
            "novita: slower",
            "together: slower",
            "fireworks-ai: chosen",
            "featherless-ai: no throughput published",
            "deepinfra: slower"
        ]
    );
    let cheapest = client.choose(V4, &Policy::Cheapest, &Needs::new()).unwrap();
    assert_eq!(
        verdicts(&cheapest),
        [
            "novita: chosen",
            "together: dearer",
            "fireworks-ai: no price published",
            "featherless-ai: no price published",
            "deepinfra: dearer"
        ]
    );
    let preferred = client.choose_provider(V4, &Policy::Preferred).unwrap();
    assert_eq!(preferred.provider, "novita");
    let named = client
        .choose_provider(V4, &"deepinfra".parse().unwrap())
        .unwrap();
    assert_eq!(named.is_model_author, Some(false));
    // Needs: structured output and 100k of context leave together and fireworks-ai; a price
    // limit then leaves nobody (fireworks-ai publishes no price).
    let needs = Needs::new().structured_output().min_context(100_000);
    let fitting = client.choose(V4, &Policy::Auto, &needs).unwrap();
    assert_eq!(
        verdicts(&fitting),
        [
            "novita: no structured output",
            "together: slower",
            "fireworks-ai: chosen",
            "featherless-ai: structured output unknown",
            "deepinfra: context 65536 < 100000"
        ]
    );
    let none = client
        .choose(V4, &Policy::Auto, &needs.max_output_price(4.0))
        .unwrap();
    assert_eq!(none.no_provider(), Some(&NoProviderReason::NoneQualifies));
    assert!(matches!(
        none.into_chosen(),
        Err(Error::NoProvider {
            reason: NoProviderReason::NoneQualifies,
            ..
        })
    ));
    // All of it from one mapping and one catalog.
    assert_eq!(script.requests().len(), 2, "{:?}", script.urls());
}

#[test]
fn a_model_the_catalog_does_not_list() {
    let flux = r#"{"id":"black-forest-labs/FLUX.1-dev","inferenceProviderMapping":{
        "fal-ai":{"status":"live","providerId":"fal-ai/flux/dev","task":"text-to-image"},
        "replicate":{"status":"live","providerId":"bfl/flux-dev","task":"text-to-image"}}}"#;
    let script = Script::with_router([ok(flux, &[])], [ok(catalog(), &[])]);
    let client = Client::new(&script, config());
    let id = "black-forest-labs/FLUX.1-dev";
    let auto = client.choose(id, &Policy::Auto, &Needs::new()).unwrap();
    assert_eq!(
        (auto.applied.clone(), auto.in_catalog.clone()),
        (Policy::Preferred, InCatalog::NotListed)
    );
    assert_eq!(auto.chosen().unwrap().mapping.provider, "fal-ai");
    for metric in [Policy::Fastest, Policy::Cheapest] {
        let err = client.choose_provider(id, &metric).unwrap_err();
        assert!(
            matches!(
                &err,
                Error::NoProvider {
                    reason: NoProviderReason::NoMetrics,
                    ..
                }
            ),
            "{err:?}"
        );
        assert!(err.to_string().contains(id));
    }
}

#[test]
fn the_catalog_and_mappings_are_kept_for_their_ttl() {
    let mapping = |id: &str| {
        format!(
            r#"{{"id":"{id}","inferenceProviderMapping":{{
            "groq":{{"status":"live","providerId":"x","task":"conversational"}}}}}}"#
        )
    };
    let (a, b) = ("m/a", "m/b");
    let script = Script::with_router(
        [
            ok(&mapping(a), &[]),
            ok(&mapping(b), &[]),
            ok(&mapping(a), &[]),
        ],
        [ok(catalog(), &[]), ok(catalog(), &[])],
    );
    let mut config = config();
    config.cache_ttl = Duration::from_secs(60);
    let client = Client::new(&script, config);
    for id in [a, b, a, b] {
        client.choose_provider(id, &Policy::Auto).unwrap();
    }
    let router_requests = || {
        script
            .urls()
            .iter()
            .filter(|u| u.starts_with(ROUTER))
            .count()
    };
    assert_eq!((script.requests().len(), router_requests()), (3, 1));
    // Past the TTL, the next question fetches again.
    script.advance(Duration::from_secs(61));
    client.choose_provider(a, &Policy::Auto).unwrap();
    assert_eq!((script.requests().len(), router_requests()), (5, 2));
    assert_eq!(script.left(), 0);
}

#[test]
fn a_zero_ttl_keeps_nothing_and_clones_share_nothing() {
    let script = Script::with_router(
        (0..4).map(|_| ok(V4_MAPPING, &[])),
        (0..4).map(|_| ok(catalog(), &[])),
    );
    let mut config = config();
    config.cache_ttl = Duration::ZERO;
    let client = Client::new(&script, config.clone());
    client.choose_provider(V4, &Policy::Auto).unwrap();
    client.choose_provider(V4, &Policy::Auto).unwrap();
    assert_eq!(script.requests().len(), 4);

    config.cache_ttl = Duration::from_secs(300);
    let first = Client::new(&script, config);
    first.choose_provider(V4, &Policy::Auto).unwrap();
    let second = first.clone();
    second.choose_provider(V4, &Policy::Auto).unwrap();
    assert_eq!(script.left(), 0, "the clone fetched both again");
}

#[test]
fn the_token_goes_to_each_services_origin_and_no_further() {
    let mut config = config();
    config.router = Endpoint::parse("https://router.example:8443").unwrap();
    let script = Script::with_router(
        [ok(V4_MAPPING, &[])],
        [
            Ok(answer(302, &[("Location", "/v1/models?moved=1")], "")),
            // Leaving the router's origin: to the Hub's, then back. The token stays behind.
            Ok(answer(
                307,
                &[("Location", "https://huggingface.co/v1/models")],
                "",
            )),
            Ok(answer(
                307,
                &[("Location", "https://router.example:8443/v1/models")],
                "",
            )),
            ok(catalog(), &[]),
        ],
    );
    let client = Client::new(&script, config);
    client.choose_provider(V4, &Policy::Auto).unwrap();
    let sent = |service: &str| -> Vec<(String, bool)> {
        script
            .requests()
            .into_iter()
            .filter(|r| r.url().contains(service))
            .map(|r| {
                (
                    r.url().to_owned(),
                    r.header("authorization") == Some(&*format!("Bearer {SECRET}")),
                )
            })
            .collect()
    };
    assert_eq!(
        sent("/v1/models"),
        [
            ("https://router.example:8443/v1/models".to_owned(), true),
            (
                "https://router.example:8443/v1/models?moved=1".to_owned(),
                true
            ),
            ("https://huggingface.co/v1/models".to_owned(), false),
            ("https://router.example:8443/v1/models".to_owned(), false),
        ]
    );
    assert_eq!(
        sent("/api/models"),
        [(
            format!("https://huggingface.co/api/models/{V4}?expand[]=inferenceProviderMapping"),
            true
        )]
    );
}

#[test]
fn an_unreadable_catalog_leaves_auto_to_the_hubs_order_and_fails_the_rest() {
    let down = || Ok(http_fixture(fixture!("error-503-html.http")));
    let mut config = config();
    config.cache_ttl = Duration::ZERO;
    let script = Script::with_router(
        [
            ok(V4_MAPPING, &[]),
            ok(V4_MAPPING, &[]),
            ok(V4_MAPPING, &[]),
        ],
        [down(), down(), down()],
    );
    let client = Client::new(&script, config);
    let auto = client.choose(V4, &Policy::Auto, &Needs::new()).unwrap();
    assert_eq!(auto.applied, Policy::Preferred);
    assert!(
        matches!(&auto.in_catalog, InCatalog::Unavailable(Error::Http(e)) if e.status == 503),
        "{:?}",
        auto.in_catalog
    );
    assert_eq!(auto.chosen().unwrap().mapping.provider, "novita");
    assert!(matches!(
        client.choose(V4, &Policy::Fastest, &Needs::new()),
        Err(Error::Http(e)) if e.status == 503
    ));
    assert!(matches!(
        client.choose(V4, &Policy::Preferred, &Needs::new().tools()),
        Err(Error::Http(_))
    ));
}

#[test]
fn catalog_model_and_the_routers_not_found() {
    let one = fixture!("router-catalog-model.json");
    let script = Script::with_router(
        [],
        [
            ok(one, &[]),
            Ok(http_fixture(fixture!("router-404-model-not-found.http"))),
        ],
    );
    let client = Client::new(&script, config());
    let model = client.catalog_model(V4).unwrap();
    assert_eq!(model.providers.len(), 5);
    match client.catalog_model("acme/nothing") {
        Err(Error::NotFound(e)) => {
            assert_eq!(
                e.url,
                "https://router.huggingface.co/v1/models/acme/nothing"
            );
            assert_eq!(
                e.message.as_deref(),
                Some("The model `acme/nothing` does not exist")
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        client.catalog_model("../x"),
        Err(Error::InvalidInput(_))
    ));
    assert_eq!(
        script.urls(),
        [
            "https://router.huggingface.co/v1/models/deepseek-ai/DeepSeek-V4-Pro",
            "https://router.huggingface.co/v1/models/acme/nothing"
        ]
    );
}

#[test]
fn provider_details_join_the_two_views_in_the_hubs_order() {
    let script = Script::with_router([ok(V4_MAPPING, &[])], [ok(catalog(), &[])]);
    let details = Client::new(&script, config()).provider_details(V4).unwrap();
    let rows: Vec<(String, Option<f64>, Option<RouterStatus>)> = details
        .iter()
        .map(|d| {
            let r = d.router.as_ref();
            (
                d.mapping.provider.to_string(),
                r.and_then(|r| r.throughput),
                r.and_then(|r| r.status.clone()),
            )
        })
        .collect();
    assert_eq!(
        rows[0],
        (
            "novita".into(),
            Some(24.69124008437934),
            Some(RouterStatus::Live)
        )
    );
    assert_eq!(
        rows[3],
        ("featherless-ai".into(), None, Some(RouterStatus::Live))
    );
    assert_eq!(rows.len(), 5);
}

#[test]
fn verdicts_mark_exactly_one_chosen() {
    let script = Script::with_router([ok(V4_MAPPING, &[])], [ok(catalog(), &[])]);
    let client = Client::new(&script, config());
    for policy in ["auto", "fastest", "cheapest", "preferred", "together"] {
        let choice = client
            .choose(V4, &policy.parse().unwrap(), &Needs::new())
            .unwrap();
        let chosen = choice
            .candidates
            .iter()
            .filter(|c| c.verdict == Verdict::Chosen)
            .count();
        assert_eq!(chosen, 1, "{policy}");
    }
}

/// Holds each request until a second one has arrived (or 5 s pass), and records how many were
/// in flight at once.
#[cfg(not(target_os = "wasi"))]
#[derive(Default)]
struct Rendezvous {
    /// (requests arrived, requests in flight, most in flight at once)
    counts: std::sync::Mutex<(usize, usize, usize)>,
    arrived: std::sync::Condvar,
}

#[cfg(not(target_os = "wasi"))]
impl hf_providers::Transport for Rendezvous {
    fn send(
        &self,
        request: &hf_providers::Request,
    ) -> Result<hf_providers::Response, hf_providers::TransportError> {
        let mut counts = self.counts.lock().unwrap();
        counts.0 += 1;
        counts.1 += 1;
        counts.2 = counts.2.max(counts.1);
        self.arrived.notify_all();
        let (mut counts, _) = self
            .arrived
            .wait_timeout_while(counts, Duration::from_secs(5), |c| c.0 < 2)
            .unwrap();
        counts.1 -= 1;
        drop(counts);
        let body = if request.url().contains("/v1/models") {
            catalog()
        } else {
            V4_MAPPING
        };
        Ok(answer(200, &[], body))
    }
}

#[cfg(not(target_os = "wasi"))]
#[test]
fn the_mapping_and_the_catalog_are_in_flight_at_once() {
    let transport = Rendezvous::default();
    let client = Client::new(&transport, config());
    let started = std::time::Instant::now();
    let choice = client.choose(V4, &Policy::Auto, &Needs::new()).unwrap();
    assert_eq!(
        choice.route().as_deref(),
        Some("deepseek-ai/DeepSeek-V4-Pro:fireworks-ai")
    );
    assert_eq!(
        transport.counts.lock().unwrap().2,
        2,
        "both requests were in flight together"
    );
    // Sequential sends would each have waited out the 5 s.
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
}
