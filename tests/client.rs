//! The client through an in-memory transport: paging, redirects, the token's origin rule,
//! retries (without sleeping), limits and error mapping. No network.

mod support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use hf_providers::{
    Client, Config, Endpoint, Error, InferenceStatus, InputKind, LinkRefusal, ListModels,
    NoProviderReason, Policy, Request, RetryPolicy, Service, Token, TransportError,
    TransportErrorKind, WaitCause,
};
use support::{Script, answer, http_fixture, ok};

const HUB: &str = "https://huggingface.co";
const SECRET: &str = "hf_SeCrEt_token";
/// A router catalog that lists no model.
const NOT_LISTED: &str = r#"{"object":"list","data":[]}"#;

fn config() -> Config {
    let mut config = Config::default();
    config.token = Some(Token::new(SECRET).unwrap());
    config
}

fn client(script: &Script) -> Client<&Script> {
    Client::new(script, config())
}

fn ids(models: impl Iterator<Item = Result<hf_providers::Model, Error>>) -> Vec<String> {
    models.map(|m| m.unwrap().id).collect()
}

fn page(ids: &[&str]) -> String {
    let items: Vec<String> = ids.iter().map(|id| format!(r#"{{"id":"{id}"}}"#)).collect();
    format!("[{}]", items.join(","))
}

fn next(url: &str) -> String {
    format!("<{url}>; rel=\"next\"")
}

#[test]
fn listing_follows_next_links_in_order() {
    let p2 = format!("{HUB}/api/models?inference_provider=all&cursor=2");
    let p3 = "/api/models?inference_provider=all&cursor=3";
    let script = Script::new([
        ok(&page(&["a/1", "a/2"]), &[("Link", &next(&p2))]),
        ok(&page(&["a/3"]), &[("link", &next(p3))]),
        ok(&page(&["a/4"]), &[]),
    ]);
    let client = client(&script);
    let mut models = client.list_models(&ListModels::new().any_inference_provider());
    assert_eq!(models.pages_fetched(), 0);
    assert_eq!(models.next().unwrap().unwrap().id, "a/1");
    assert_eq!(models.pages_fetched(), 1);
    assert_eq!(ids(models), ["a/2", "a/3", "a/4"]);
    assert_eq!(
        script.urls(),
        [
            format!("{HUB}/api/models?inference_provider=all"),
            p2,
            format!("{HUB}{p3}")
        ]
    );
    assert_eq!(
        script.authorization(),
        vec![Some(format!("Bearer {SECRET}")); 3]
    );
}

#[test]
fn listing_stops_at_the_limit_without_fetching_more() {
    let script = Script::new([
        ok(&page(&["a/1", "a/2"]), &[("Link", &next("/p2"))]),
        ok(&page(&["a/3", "a/4"]), &[("Link", &next("/p3"))]),
        ok(&page(&["never"]), &[]),
    ]);
    let client = client(&script);
    assert_eq!(
        ids(client.list_models(&ListModels::new().limit(3))),
        ["a/1", "a/2", "a/3"]
    );
    assert_eq!(script.requests().len(), 2);
    assert!(script.urls()[0].ends_with("/api/models?limit=3"));

    let none = Script::new([]);
    assert!(
        Client::new(&none, config())
            .list_models(&ListModels::new().limit(0))
            .next()
            .is_none()
    );
    assert!(none.requests().is_empty());
}

#[test]
fn an_empty_page_ends_the_listing() {
    let script = Script::new([ok("[]", &[("Link", &next("/p2"))])]);
    assert!(ids(client(&script).list_models(&ListModels::new())).is_empty());
    assert_eq!(script.requests().len(), 1);
}

#[test]
fn a_next_link_to_another_origin_is_refused_after_the_page() {
    for evil in [
        "https://evil.example/api/models?cursor=2",
        "http://huggingface.co/api/models?cursor=2",
        "https://huggingface.co:444/api/models",
        "//evil.example/api/models",
    ] {
        let script = Script::new([ok(&page(&["a/1"]), &[("Link", &next(evil))])]);
        let client = client(&script);
        let mut models = client.list_models(&ListModels::new());
        assert_eq!(models.next().unwrap().unwrap().id, "a/1");
        match models.next() {
            Some(Err(Error::LinkRefused { url, reason })) => {
                assert_eq!(url, evil);
                assert_eq!(reason, LinkRefusal::CrossOrigin);
            }
            other => panic!("{evil}: {other:?}"),
        }
        assert!(models.next().is_none());
        assert_eq!(script.requests().len(), 1, "{evil}");
    }
}

#[test]
fn malformed_and_looping_next_links_are_refused() {
    let script = Script::new([ok(&page(&["a/1"]), &[("Link", "</p2 x>; rel=next")])]);
    let refused: Vec<_> = client(&script).list_models(&ListModels::new()).collect();
    assert!(matches!(
        refused.last(),
        Some(Err(Error::LinkRefused {
            reason: LinkRefusal::Malformed,
            ..
        }))
    ));

    let first = format!("{HUB}/api/models");
    let script = Script::new([
        ok(&page(&["a/1"]), &[("Link", &next("/api/models?c=2"))]),
        ok(&page(&["a/2"]), &[("Link", &next(&first))]),
    ]);
    let all: Vec<_> = client(&script).list_models(&ListModels::new()).collect();
    assert_eq!(all.len(), 3);
    assert!(matches!(
        all[2],
        Err(Error::LinkRefused {
            reason: LinkRefusal::Loop,
            ..
        })
    ));
}

#[test]
fn the_token_stays_on_the_endpoints_origin_across_redirects() {
    let script = Script::new([
        Ok(answer(
            302,
            &[("Location", "/api/models/a/b-renamed?expand[]=inference")],
            "",
        )),
        Ok(answer(307, &[("Location", "https://cdn.example/x")], "")),
        Ok(answer(
            301,
            &[("Location", "https://huggingface.co/back")],
            "",
        )),
        ok(r#"{"id":"a/b","inference":"warm"}"#, &[]),
    ]);
    let status = client(&script).model_status("a/b").unwrap();
    assert_eq!(status, Some(InferenceStatus::Warm));
    assert_eq!(
        script.urls(),
        [
            format!("{HUB}/api/models/a/b?expand[]=inference"),
            format!("{HUB}/api/models/a/b-renamed?expand[]=inference"),
            "https://cdn.example/x".to_owned(),
            format!("{HUB}/back"),
        ]
    );
    let bearer = Some(format!("Bearer {SECRET}"));
    assert_eq!(
        script.authorization(),
        [bearer.clone(), bearer, None, None],
        "never sent off the origin, nor after leaving it"
    );
}

#[test]
fn redirect_limits_and_bad_locations() {
    let mut config = config();
    config.max_redirects = 2;
    let loop_answer = || Ok(answer(302, &[("Location", "/again")], ""));
    let script = Script::new([loop_answer(), loop_answer(), loop_answer()]);
    let err = Client::new(&script, config)
        .model_status("a/b")
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::LinkRefused {
                reason: LinkRefusal::TooManyRedirects,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(script.requests().len(), 3);

    let script = Script::new([Ok(answer(302, &[("Location", "javascript:alert(1)")], ""))]);
    assert!(matches!(
        client(&script).model_status("a/b"),
        Err(Error::LinkRefused {
            reason: LinkRefusal::Malformed,
            ..
        })
    ));

    // A redirect status without a Location is just an error status.
    let script = Script::new([Ok(answer(302, &[], ""))]);
    assert!(matches!(
        client(&script).model_status("a/b"),
        Err(Error::Http(e)) if e.status == 302
    ));
}

#[test]
fn requests_carry_our_headers() {
    let script = Script::new([ok(r#"{"id":"a/b"}"#, &[])]);
    let mut config = config();
    config.append_user_agent("tool/1.0").unwrap();
    config.max_body_bytes = 1234;
    Client::new(&script, config).model_status("a/b").unwrap();
    let req: Request = script.requests()[0].clone();
    assert_eq!(
        req.header("user-agent"),
        Some(concat!(
            "hf-providers/",
            env!("CARGO_PKG_VERSION"),
            " tool/1.0"
        ))
    );
    assert_eq!(req.header("accept"), Some("application/json"));
    assert_eq!(req.max_body_bytes(), 1234);

    // A line break cannot get into the header: refused where it is set, for every transport.
    let mut injected = self::config();
    for bad in ["tool/1.0\r\nX-Injected: 1", "tool\u{7f}", "outil/é", " "] {
        assert!(injected.append_user_agent(bad).is_err(), "{bad:?}");
    }
    assert_eq!(
        injected.user_agent(),
        concat!("hf-providers/", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn no_token_means_no_authorization_header() {
    let script = Script::new([ok(r#"{"id":"a/b"}"#, &[])]);
    Client::new(&script, Config::default())
        .model_status("a/b")
        .unwrap();
    assert_eq!(script.authorization(), [None]);
}

#[test]
fn the_token_never_shows_in_debug_or_errors() {
    let script = Script::new([
        Ok(http_fixture(fixture!("error-401-bad-token.http"))),
        Err(TransportError::new(
            TransportErrorKind::Tls,
            "bad certificate",
        )),
    ]);
    let client = client(&script);
    let e1 = client
        .list_models(&ListModels::new())
        .next()
        .unwrap()
        .unwrap_err();
    let e2 = client.model_status("a/b").unwrap_err();
    assert!(matches!(e1, Error::Unauthorized(_)));
    let shown = format!(
        "{client:?} {:?} {e1} {e1:?} {e2} {e2:?} {:?}",
        client.config(),
        script.requests()
    );
    assert!(!shown.contains(SECRET), "{shown}");
    assert!(shown.contains("<redacted>"));
}

#[test]
fn rate_limits_are_waited_out_then_reported() {
    let limited = || Ok(http_fixture(fixture!("error-429-rate-limited.http")));
    let script = Script::new([limited(), ok(r#"{"id":"a/b","inference":"warm"}"#, &[])]);
    assert!(client(&script).model_status("a/b").unwrap().is_some());
    assert_eq!(script.sleeps(), [Duration::from_secs(7)]);

    let mut config = config();
    config.retry = RetryPolicy::with_max_retries(2);
    let script = Script::new([limited(), limited(), limited()]);
    match Client::new(&script, config).model_status("a/b") {
        Err(Error::RateLimited { retry_after, error }) => {
            assert_eq!(retry_after, Some(Duration::from_secs(7)));
            assert_eq!(error.status, 429);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(script.requests().len(), 3);
    assert_eq!(script.sleeps().len(), 2);
}

#[test]
fn server_errors_and_broken_connections_are_retried_with_backoff() {
    let script = Script::new([
        Ok(http_fixture(fixture!("error-503-html.http"))),
        Ok(answer(
            502,
            &[],
            "<html><title>502 Bad Gateway</title></html>",
        )),
        Err(TransportError::new(
            TransportErrorKind::Io,
            "connection reset",
        )),
        ok(&page(&["a/1"]), &[]),
    ]);
    assert_eq!(
        ids(client(&script).list_models(&ListModels::new())),
        ["a/1"]
    );
    let sleeps = script.sleeps();
    let policy = RetryPolicy::default();
    assert_eq!(sleeps.len(), 3);
    for (i, wait) in sleeps.iter().enumerate() {
        let full = (policy.base_delay * 2u32.pow(i as u32)).min(policy.max_delay);
        assert!(*wait >= full / 2 && *wait <= full, "retry {i}: {wait:?}");
    }
}

#[test]
fn the_last_failure_is_reported_after_the_retries() {
    let mut config = config();
    config.retry = RetryPolicy::with_max_retries(1);
    let script = Script::new([
        Ok(http_fixture(fixture!("error-503-html.http"))),
        Ok(http_fixture(fixture!("error-503-html.http"))),
    ]);
    match Client::new(&script, config.clone()).model_status("a/b") {
        Err(Error::Http(e)) => {
            assert_eq!(e.status, 503);
            assert_eq!(
                e.message.as_deref(),
                Some("503 Service Temporarily Unavailable")
            );
        }
        other => panic!("{other:?}"),
    }
    let timeout = || {
        Err(TransportError::new(
            TransportErrorKind::Timeout,
            "timed out",
        ))
    };
    let script = Script::new([timeout(), timeout()]);
    match Client::new(&script, config).model_status("a/b") {
        Err(Error::Transport(e)) => assert_eq!(e.kind(), TransportErrorKind::Timeout),
        other => panic!("{other:?}"),
    }
}

#[test]
fn client_errors_are_not_retried() {
    for (fixture, is_expected) in [
        (
            fixture!("error-404-repo-not-found.http"),
            (|e: &Error| matches!(e, Error::NotFound(_))) as fn(&Error) -> bool,
        ),
        (fixture!("error-401-repo-not-found.http"), |e| {
            matches!(e, Error::NotFound(_))
        }),
        (fixture!("error-401-bad-token.http"), |e| {
            matches!(e, Error::Unauthorized(_))
        }),
        (
            fixture!("error-404-revision-not-found.http"),
            |e| matches!(e, Error::NotFound(h) if h.code.as_deref() == Some("RevisionNotFound")),
        ),
        (
            fixture!("error-400-bad-param.http"),
            |e| matches!(e, Error::Http(h) if h.status == 400),
        ),
    ] {
        let script = Script::new([Ok(http_fixture(fixture))]);
        let err = client(&script).model_providers("a/b").unwrap_err();
        assert!(is_expected(&err), "{err:?}");
        assert_eq!(script.requests().len(), 1);
        assert!(script.sleeps().is_empty());
    }
    let tls = Script::new([Err(TransportError::new(
        TransportErrorKind::Tls,
        "bad cert",
    ))]);
    assert!(matches!(
        client(&tls).model_status("a/b"),
        Err(Error::Transport(_))
    ));
    assert_eq!(tls.requests().len(), 1);
}

#[test]
fn oversized_bodies_are_refused() {
    let mut config = config();
    config.max_body_bytes = 10;
    let script = Script::new([ok(&page(&["a/too-long"]), &[])]);
    assert_eq!(
        Client::new(&script, config.clone()).model_status("a/b"),
        Err(Error::BodyTooLarge { limit: 10 })
    );
    let script = Script::new([Err(TransportError::new(
        TransportErrorKind::BodyTooLarge,
        "big",
    ))]);
    let first = Client::new(&script, config)
        .list_models(&ListModels::new())
        .next()
        .unwrap();
    assert_eq!(first, Err(Error::BodyTooLarge { limit: 10 }));
}

#[test]
fn bad_bodies_on_success_are_decode_errors() {
    for body in ["<html>hello</html>", "[1]", r#"{"id":"a"}"#] {
        let script = Script::new([ok(body, &[])]);
        assert!(matches!(
            client(&script).list_models(&ListModels::new()).next(),
            Some(Err(Error::Decode {
                what: "model list",
                ..
            }))
        ));
    }
}

#[test]
fn invalid_input_is_rejected_before_any_request() {
    let script = Script::new([]);
    let client = client(&script);
    for id in ["", "a/b/c", "a--b", "../x", "a b"] {
        match client.model_providers(id) {
            Err(Error::InvalidInput(e)) => assert_eq!(e.kind(), InputKind::RepoId),
            other => panic!("{id}: {other:?}"),
        }
    }
    let mut models = client.list_models(&ListModels::new().inference_provider("a,b"));
    assert!(
        matches!(models.next(), Some(Err(Error::InvalidInput(e))) if e.kind() == InputKind::Provider)
    );
    assert!(models.next().is_none());
    assert!(script.requests().is_empty());
}

#[test]
fn status_absent_is_not_an_error() {
    let script = Script::new([Ok(answer(200, &[], fixture!("model-status-absent.json")))]);
    assert_eq!(
        client(&script).model_status("manycore-research/SpatialLM-Llama-1B"),
        Ok(None)
    );
    assert_eq!(
        script.urls(),
        [format!(
            "{HUB}/api/models/manycore-research/SpatialLM-Llama-1B?expand[]=inference"
        )]
    );
}

#[test]
fn providers_in_the_hubs_order_and_resolution() {
    // The router does not list the model: auto is preferred, the Hub's order. The mapping and
    // the catalog are fetched once and kept for the next questions.
    let ordered = fixture!("model-providers-object-ordered.json");
    let script = Script::with_router([ok(ordered, &[])], [ok(NOT_LISTED, &[])]);
    let client = client(&script);
    let id = "meta-llama/Llama-3.3-70B-Instruct";
    let names: Vec<_> = client
        .model_providers(id)
        .unwrap()
        .into_iter()
        .map(|m| m.provider)
        .collect();
    assert_eq!(
        names,
        [
            "together",
            "sambanova",
            "fireworks-ai",
            "cerebras",
            "hf-inference"
        ]
    );
    assert_eq!(
        script.urls()[0],
        format!("{HUB}/api/models/{id}?expand[]=inferenceProviderMapping")
    );
    let auto = client.choose_provider(id, &Policy::Auto).unwrap();
    assert_eq!(
        (
            auto.provider.as_ref(),
            auto.provider_id.as_str(),
            auto.task.as_ref()
        ),
        (
            "together",
            "meta-llama/Llama-3.3-70B-Instruct-Turbo",
            "conversational"
        )
    );
    let named = client
        .choose_provider(id, &"cerebras".parse().unwrap())
        .unwrap();
    assert_eq!(named.provider_id, "llama-3.3-70b");
    match client.choose_provider(id, &"fireworks-ai".parse().unwrap()) {
        Err(Error::NoProvider {
            model,
            reason: NoProviderReason::NotLive { provider, .. },
        }) => {
            assert_eq!((model.as_str(), provider.as_str()), (id, "fireworks-ai"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(script.requests().len(), 2, "{:?}", script.urls());
}

#[test]
fn no_provider_at_all() {
    let script = Script::with_router(
        [
            ok(fixture!("model-providers-empty.json"), &[]),
            ok(fixture!("model-status-absent.json"), &[]),
        ],
        [ok(NOT_LISTED, &[]), ok(NOT_LISTED, &[])],
    );
    let mut config = config();
    config.cache_ttl = Duration::ZERO;
    let client = Client::new(&script, config);
    for _ in 0..2 {
        assert!(matches!(
            client.choose_provider("m/x", &Policy::Auto),
            Err(Error::NoProvider {
                reason: NoProviderReason::NoneServes,
                ..
            })
        ));
    }
}

#[test]
fn endpoint_with_a_path_prefix() {
    let script = Script::new([
        ok(&page(&["a/1"]), &[("Link", &next("?cursor=2"))]),
        ok("[]", &[]),
    ]);
    let mut config = config();
    config.endpoint = Endpoint::parse("http://127.0.0.1:9/mirror/").unwrap();
    let client = Client::new(&script, config);
    assert_eq!(ids(client.list_models(&ListModels::new())), ["a/1"]);
    assert_eq!(
        script.urls(),
        [
            "http://127.0.0.1:9/mirror/api/models",
            "http://127.0.0.1:9/mirror/api/models?cursor=2"
        ]
    );
    assert_eq!(script.left(), 0);
}

#[test]
fn a_server_echoing_the_token_does_not_get_it_printed() {
    let echo = |headers: &[(&str, &str)], body: &str| Ok(answer(404, headers, body));
    let header = format!("token {SECRET} is unknown");
    let html = format!("<html><title>Bad {SECRET}</title></html>");
    let json = format!(r#"{{"error":"you sent {SECRET}"}}"#);
    let script = Script::new([
        echo(&[("X-Error-Message", &header)], ""),
        echo(&[], &html),
        echo(&[], &json),
        // A same-origin redirect that puts the token in the URL, then an error there.
        Ok(answer(302, &[("Location", &format!("/x?t={SECRET}"))], "")),
        Ok(answer(500, &[], "")),
        // A redirect refused for the credentials in it.
        Ok(answer(
            302,
            &[("Location", "https://me:pw@evil.example/x")],
            "",
        )),
        // A body whose error message quotes a value.
        ok(&format!(r#"{{"id":"a/b","downloads":"{SECRET}"}}"#), &[]),
    ]);
    let mut config = config();
    config.retry = RetryPolicy::never();
    let client = Client::new(&script, config);
    for _ in 0..6 {
        let err = client.model_status("a/b").unwrap_err();
        let mut shown = format!("{err} {err:?}");
        let mut cause = std::error::Error::source(&err);
        while let Some(c) = cause {
            shown.push_str(&format!(" {c}"));
            cause = c.source();
        }
        assert!(!shown.contains(SECRET), "{shown}");
        assert!(!shown.contains("me:pw"), "{shown}");
        // miniserde's decode errors quote nothing, so there is nothing to redact.
        let quotes_the_body = !matches!(err, Error::Decode { .. }) || cfg!(feature = "serde");
        assert!(!quotes_the_body || shown.contains("<redacted>"), "{shown}");
    }
    assert_eq!(script.left(), 0);
}

#[test]
fn a_page_reached_through_another_origin_chooses_no_next_page() {
    let script = Script::new([
        Ok(answer(
            302,
            &[("Location", "https://cdn.example/page1")],
            "",
        )),
        ok(
            &page(&["a/1"]),
            &[("Link", &next(&format!("{HUB}/api/models?c=2")))],
        ),
    ]);
    let results: Vec<_> = client(&script).list_models(&ListModels::new()).collect();
    assert_eq!(results.len(), 2);
    assert_eq!(results[0].as_ref().unwrap().id, "a/1");
    assert!(matches!(
        &results[1],
        Err(Error::LinkRefused {
            reason: LinkRefusal::LeftOrigin,
            ..
        })
    ));
    assert_eq!(script.requests().len(), 2);
    assert_eq!(
        script.authorization()[1],
        None,
        "the CDN never got the token"
    );
}

/// A client whose whole logical request must fit in `timeout`.
fn timed(script: &Script, timeout: Duration) -> Client<&Script> {
    let mut config = config();
    config.timeout = timeout;
    Client::new(script, config)
}

#[test]
fn one_deadline_bounds_redirects_and_retries() {
    let hop = || Ok(answer(302, &[("Location", "/api/models/a/b?again")], ""));
    let script = Script::new((0..10).map(|_| hop()));
    script.set_latency(Duration::from_secs(3));
    let err = timed(&script, Duration::from_secs(10))
        .model_status("a/b")
        .unwrap_err();
    assert!(
        matches!(&err, Error::Transport(e) if e.kind() == TransportErrorKind::Timeout),
        "{err:?}"
    );
    // Sent at 0, 3, 6 and 9 s, each told what was left of the 10 s.
    let lefts: Vec<_> = script.requests().iter().map(|r| r.timeout()).collect();
    let secs = |s| Some(Duration::from_secs(s));
    assert_eq!(lefts, [secs(10), secs(7), secs(4), secs(1)]);
    // The last one, 3 s long, had 1 s: it timed out there, at the deadline.
    assert_eq!(script.elapsed(), Duration::from_secs(10));
}

#[test]
fn a_wait_past_the_deadline_ends_the_request_at_once() {
    let busy = Ok(answer(
        429,
        &[("Retry-After", "30")],
        r#"{"error":"slow down"}"#,
    ));
    let script = Script::new([busy]);
    match timed(&script, Duration::from_secs(10)).model_status("a/b") {
        Err(Error::RateLimited { retry_after, .. }) => {
            assert_eq!(retry_after, Some(Duration::from_secs(30)));
        }
        other => panic!("{other:?}"),
    }
    assert!(script.sleeps().is_empty(), "{:?}", script.sleeps());

    // Backoff stops too once its next wait would end past the deadline.
    let down = || Ok(answer(503, &[], ""));
    let script = Script::new((0..5).map(|_| down()));
    script.set_latency(Duration::from_millis(400));
    let err = timed(&script, Duration::from_secs(1)).model_status("a/b");
    assert!(
        matches!(&err, Err(Error::Http(e)) if e.status == 503)
            || matches!(&err, Err(Error::Transport(e)) if e.kind() == TransportErrorKind::Timeout),
        "{err:?}"
    );
    assert!(
        script.elapsed() <= Duration::from_secs(1),
        "{:?}",
        script.elapsed()
    );
}

#[test]
fn a_spent_quota_is_waited_out_before_the_next_request() {
    let spent = r#""api";r=0;t=5"#;
    let script = Script::new([
        ok(
            r#"{"id":"a/b"}"#,
            &[
                ("RateLimit", spent),
                ("RateLimit-Policy", r#""fixed window";"api";q=5;w=300"#),
            ],
        ),
        ok(r#"{"id":"a/b"}"#, &[("RateLimit", r#""api";r=4;t=300"#)]),
    ]);
    let client = timed(&script, Duration::from_secs(60));
    client.model_status("a/b").unwrap();
    let quota = client.quota(hf_providers::Service::Hub).unwrap();
    assert_eq!((quota.remaining, quota.limit), (0, Some(5)));
    script.advance(Duration::from_secs(2));
    assert_eq!(
        client.quota(hf_providers::Service::Hub).unwrap().reset,
        Duration::from_secs(3)
    );
    client.model_status("a/b").unwrap();
    assert_eq!(
        script.sleeps(),
        [Duration::from_secs(3)],
        "waited for the reset, then sent"
    );
    assert_eq!(
        client.quota(hf_providers::Service::Hub).unwrap().remaining,
        4
    );
    assert_eq!(client.quota(hf_providers::Service::Router), None);

    // A reset past the deadline is not waited for: the request goes, the Hub decides.
    let script = Script::new([
        ok(r#"{"id":"a/b"}"#, &[("RateLimit", r#""api";r=0;t=120"#)]),
        ok(r#"{"id":"a/b"}"#, &[]),
    ]);
    let client = timed(&script, Duration::from_secs(10));
    client.model_status("a/b").unwrap();
    client.model_status("a/b").unwrap();
    assert!(script.sleeps().is_empty());
}

#[test]
fn each_wait_is_told_before_it_starts() {
    let spent = r#""api";r=0;t=5"#;
    let script = Script::new([
        Ok(answer(503, &[("Retry-After", "2")], "")),
        Err(TransportError::new(TransportErrorKind::Io, "reset")),
        ok(r#"{"id":"a/b"}"#, &[("RateLimit", spent)]),
        ok(r#"{"id":"a/b"}"#, &[]),
    ]);
    let told = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&told);
    let client = timed(&script, Duration::from_secs(60)).on_wait(move |w| {
        seen.lock().unwrap().push(*w);
    });
    client.model_status("a/b").unwrap();
    client.model_status("a/b").unwrap();
    let told = told.lock().unwrap().clone();
    let causes: Vec<_> = told
        .iter()
        .map(|w| (w.cause, w.attempt, w.attempts))
        .collect();
    assert_eq!(
        causes,
        [
            (WaitCause::Status(503), 2, 5),
            (WaitCause::Transport(TransportErrorKind::Io), 3, 5),
            (WaitCause::Quota, 1, 5),
        ]
    );
    // What was told is what was slept.
    let durations: Vec<Duration> = told.iter().map(|w| w.duration).collect();
    assert_eq!(durations, script.sleeps());
    assert_eq!(told[0].duration, Duration::from_secs(2));
    assert!(told.iter().all(|w| w.service == Service::Hub));
}

/// A Hub of `pages` pages of two models each, page `n` at `?cursor=n`, on `endpoint`; every
/// URL asked is recorded.
fn paged_hub(
    pages: usize,
    asked: &Mutex<Vec<String>>,
) -> impl Fn(&Request) -> Result<hf_providers::Response, TransportError> + Sync + '_ {
    move |req| {
        asked.lock().unwrap().push(req.url().to_owned());
        let n: usize = req
            .url()
            .split_once("cursor=")
            .map_or(1, |(_, n)| n.parse().unwrap());
        let body = page(&[&format!("m/{n}a"), &format!("m/{n}b")]);
        let headers = if n < pages {
            vec![(
                "Link".into(),
                next(&format!("/api/models?limit=1000&cursor={}", n + 1)),
            )]
        } else {
            vec![]
        };
        Ok(hf_providers::Response::new(200, headers, body.into_bytes()))
    }
}

#[test]
fn a_listing_fetched_a_page_at_a_time_resumes_from_its_cursor_in_a_new_client() {
    let query = ListModels::new().limit(1000);
    let asked = Mutex::new(Vec::new());
    let whole: Vec<String> = {
        let client = Client::new(
            hf_providers::transport::from_fn(paged_hub(4, &asked)),
            config(),
        );
        ids(client.list_models(&query))
    };
    assert_eq!(whole.len(), 8);

    // Two pages, then the client is gone; the cursor is kept as text, as in a file.
    let mut seen = Vec::new();
    let kept: String = {
        let client = Client::new(
            hf_providers::transport::from_fn(paged_hub(4, &asked)),
            config(),
        );
        let first = client.list_models_page(&query).unwrap();
        seen.extend(first.items().iter().map(|m| m.id.clone()));
        let second = client
            .list_models_page(&query.clone().after(first.next_cursor().unwrap().clone()))
            .unwrap();
        seen.extend(second.items().iter().map(|m| m.id.clone()));
        second.next_cursor().unwrap().to_string()
    };
    assert_eq!(kept, "/api/models?limit=1000&cursor=3");
    // Another client, later: the rest of the listing, lazily, from the cursor.
    let client = Client::new(
        hf_providers::transport::from_fn(paged_hub(4, &asked)),
        config(),
    );
    let resumed = query.after(kept.parse().unwrap());
    seen.extend(ids(client.list_models(&resumed)));
    assert_eq!(seen, whole);
    // The last page has no cursor.
    let last = client
        .list_models_page(&ListModels::new().after("/api/models?cursor=4".parse().unwrap()))
        .unwrap();
    assert_eq!((last.items().len(), last.next_cursor()), (2, None));
}

#[test]
fn a_cursor_cannot_make_the_client_send_to_another_origin() {
    for hostile in [
        "https://evil.example/api/models?cursor=2",
        "//evil.example/api/models?cursor=2",
        "/\\evil.example/api/models",
        "/api/whoami-v2",
        "/api/models/../../whoami-v2?x",
        "/api/models?cursor=2#frag",
        "/api/models?cursor=2 x",
        "api/models?cursor=2",
        "",
    ] {
        let err = hostile.parse::<hf_providers::Cursor>().unwrap_err();
        assert_eq!(err.kind(), InputKind::Cursor, "{hostile}");
    }
    // A valid cursor goes to the configured endpoint's origin, whatever endpoint made it.
    let asked = Mutex::new(Vec::new());
    let mut mirror = config();
    mirror.endpoint = Endpoint::parse("http://127.0.0.1:9/mirror").unwrap();
    let client = Client::new(
        hf_providers::transport::from_fn(paged_hub(1, &asked)),
        mirror,
    );
    let cursor = "/mirror/api/models?cursor=1".parse().unwrap();
    client
        .list_models_page(&ListModels::new().after(cursor))
        .unwrap();
    assert_eq!(
        *asked.lock().unwrap(),
        ["http://127.0.0.1:9/mirror/api/models?cursor=1"]
    );
    // A page whose `next` link leaves the origin gives no cursor, then the refusal.
    let script = Script::new([ok(
        &page(&["a/b"]),
        &[("Link", &next("https://evil.example/api/models?cursor=2"))],
    )]);
    let mut pages = client_pages(&script).into_iter();
    let first = pages.next().unwrap().unwrap();
    assert_eq!(first.next_cursor(), None);
    assert!(matches!(
        pages.next(),
        Some(Err(Error::LinkRefused {
            reason: LinkRefusal::CrossOrigin,
            ..
        }))
    ));
    assert!(pages.next().is_none());
    assert_eq!(script.urls().len(), 1);
}

fn client_pages(script: &Script) -> Vec<Result<hf_providers::Page<hf_providers::Model>, Error>> {
    let client = client(script);
    client.list_models(&ListModels::new()).pages().collect()
}

#[test]
fn offline_mode_sends_nothing_not_even_a_change() {
    let script = Script::new([]);
    let mut config = config();
    config.offline = true;
    let client = Client::new(&script, config);
    assert_eq!(client.model_status("gpt2"), Err(Error::Offline));
    assert_eq!(client.catalog().unwrap_err(), Error::Offline);
    let listing: Vec<_> = client.list_models(&ListModels::new()).collect();
    assert_eq!(listing, [Err(Error::Offline)]);
    let target = hf_providers::MappingTarget::Model("a/b".into());
    let new = hf_providers::NewMapping::new("conversational", target, "b");
    assert_eq!(
        client.register_mapping("acme", &new).unwrap_err(),
        Error::Offline
    );
    assert!(script.requests().is_empty());
}
