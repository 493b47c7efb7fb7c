//! The provider side over real sockets: a provider's list, the three writes, and a plan
//! applied until nothing is left to do, against the fake Hub's model mapping API. A write that
//! may have reached the Hub is never sent twice.
#![cfg(all(feature = "ureq", not(target_os = "wasi")))]

#[path = "fake_hub/mod.rs"]
mod fake_hub;

use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;

use fake_hub::partners::{BIG_PROVIDER, NEW_PROVIDER};
use fake_hub::{FakeHub, Fault, Options, VALID_TOKEN};
use hf_providers::{
    Change, Client, Config, Endpoint, Error, InputKind, MappingTarget, NewMapping, PartnerList,
    ProviderStatus, UreqTransport, proto,
};

fn start() -> FakeHub {
    FakeHub::start(Options {
        models: 0,
        ..Options::default()
    })
}

fn client(hub: &FakeHub, token: Option<&str>) -> Client<UreqTransport> {
    let mut config = Config::default();
    config.endpoint = Endpoint::parse(&hub.url()).unwrap();
    config.router = config.endpoint.clone();
    config.token = token.map(|t| hf_providers::Token::new(t).unwrap());
    config.timeout = Duration::from_secs(10);
    config.retry.base_delay = Duration::from_millis(1);
    config.retry.max_delay = Duration::from_millis(5);
    Client::new(UreqTransport::new(&config), config)
}

fn model(id: &str) -> MappingTarget {
    MappingTarget::Model(id.into())
}

/// The writes the fake Hub saw: (method, path).
fn writes(hub: &FakeHub) -> Vec<(String, String)> {
    hub.seen()
        .into_iter()
        .filter(|s| s.method != "GET")
        .map(|s| (s.method, s.target))
        .collect()
}

#[test]
fn a_providers_list_is_read_in_the_hubs_order_and_filtered_by_status() {
    let hub = start();
    let c = client(&hub, None);
    let list = c
        .partner_mappings(&PartnerList::new("fal-ai").unwrap())
        .unwrap();
    let held = hub.partner_entries("fal-ai");
    // The Hub groups by task, in order of first appearance; so does the fake.
    let mut expected: Vec<(String, String, String)> = Vec::new();
    let mut tasks: Vec<&str> = Vec::new();
    for e in &held {
        if !tasks.contains(&e.task.as_str()) {
            tasks.push(&e.task);
        }
    }
    for task in tasks {
        for e in held.iter().filter(|e| e.task == task) {
            expected.push((e.task.clone(), e.key.clone(), e.id.clone()));
        }
    }
    let got: Vec<(String, String, String)> = list
        .iter()
        .map(|m| {
            (
                m.task.to_string(),
                m.target.to_string(),
                m.id.clone().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, expected);
    assert!(list.len() > 5);
    let lora = list.iter().find(|m| m.adapter_type.is_some()).unwrap();
    assert_eq!(lora.adapter_type.as_deref(), Some("lora"));

    let staging = PartnerList::new("replicate")
        .unwrap()
        .status(ProviderStatus::Staging);
    let staging = c.partner_mappings(&staging).unwrap();
    assert!(!staging.is_empty());
    assert!(staging.iter().all(|m| m.status == ProviderStatus::Staging));
    assert!(
        hub.seen()
            .iter()
            .any(|s| s.target.ends_with("?status=staging"))
    );

    let unknown = c.partner_mappings(&PartnerList::new("no-such-provider").unwrap());
    assert!(matches!(unknown, Err(Error::NotFound(_))), "{unknown:?}");
    // A read refuses no change: its 400 is an error answer like any other.
    hub.push_fault(Fault::Status(
        400,
        vec![],
        "{\"error\":\"bad status\"}".into(),
    ));
    let bad = c.partner_mappings(&PartnerList::new("fal-ai").unwrap());
    assert!(matches!(bad, Err(Error::Http(_))), "{bad:?}");
    // The list is public: no token was needed, none was sent.
    assert!(hub.seen().iter().all(|s| s.authorization.is_none()));
}

#[test]
fn a_registration_needs_a_token_a_membership_and_a_task_that_fits() {
    let hub = start();
    let new = NewMapping::new("conversational", model("deepseek-ai/DeepSeek-R1"), "r1");
    // No token: refused before anything is sent.
    let anonymous = client(&hub, None).register_mapping(NEW_PROVIDER, &new);
    match anonymous {
        Err(Error::InvalidInput(e)) => assert_eq!(e.kind(), InputKind::Token),
        other => panic!("{other:?}"),
    }
    assert!(hub.seen().is_empty());
    // A token the Hub rejects.
    let bad = client(&hub, Some("hf_not_the_right_one")).register_mapping(NEW_PROVIDER, &new);
    assert!(matches!(bad, Err(Error::Unauthorized(_))), "{bad:?}");
    let c = client(&hub, Some(VALID_TOKEN));
    // Not a member of the provider's organisation.
    let forbidden = c.register_mapping("groq", &new);
    match &forbidden {
        Err(Error::Forbidden(e)) => assert!(e.message.as_deref().unwrap().contains("member")),
        other => panic!("{other:?}"),
    }
    // The Hub's validation, with its reason.
    let wrong_task = NewMapping::new("text-to-image", model("deepseek-ai/DeepSeek-R1"), "r1");
    match c.register_mapping(NEW_PROVIDER, &wrong_task) {
        Err(Error::Rejected(e)) => {
            assert_eq!(e.status, 422);
            assert!(
                e.message.as_deref().unwrap().contains("does not match"),
                "{e}"
            );
            assert!(e.to_string().starts_with("POST "), "{e}");
        }
        other => panic!("{other:?}"),
    }
    // An invalid mapping is refused before it is sent.
    let before = hub.seen().len();
    let invalid = NewMapping::new("conversational", model("not a model id"), "x");
    assert!(matches!(
        c.register_mapping(NEW_PROVIDER, &invalid),
        Err(Error::InvalidInput(_))
    ));
    assert_eq!(hub.seen().len(), before);

    let id = c.register_mapping(NEW_PROVIDER, &new).unwrap();
    let held = hub.partner_entries(NEW_PROVIDER);
    assert_eq!(held.len(), 1);
    assert_eq!(
        (held[0].id.as_str(), held[0].status.as_str()),
        (id.as_str(), "staging")
    );
    // The body is the Hub's mapping item, sent with the token.
    let post = hub
        .seen()
        .into_iter()
        .rfind(|s| s.method == "POST")
        .unwrap();
    assert_eq!(post.body, new.body());
    assert_eq!(post.authorization, Some(format!("Bearer {VALID_TOKEN}")));
}

#[test]
fn a_registration_whose_answer_is_lost_is_not_sent_again() {
    let hub = start();
    let c = client(&hub, Some(VALID_TOKEN));
    let new = NewMapping::new("conversational", model("Qwen/QwQ-32B"), "qwq");
    for fault in [
        Fault::ApplyThenDrop,
        Fault::Status(
            503,
            vec![],
            "<html><title>Unavailable</title></html>".into(),
        ),
        // A 200 that cannot be read (a proxy's page?) says nothing of the write either.
        Fault::Body("<html>Welcome to the network</html>".into()),
    ] {
        let before = writes(&hub).len();
        hub.push_fault(fault.clone());
        match c.register_mapping(NEW_PROVIDER, &new) {
            Err(Error::OutcomeUnknown(cause)) => {
                assert!(
                    matches!(
                        *cause,
                        Error::Transport(_) | Error::Http(_) | Error::Decode { .. }
                    ),
                    "{cause:?}"
                );
            }
            other => panic!("{fault:?}: {other:?}"),
        }
        assert_eq!(writes(&hub).len(), before + 1, "{fault:?}: sent once");
    }
    // The list shows the truth: the first one was made, the 503 made nothing.
    let list = c
        .partner_mappings(&PartnerList::new(NEW_PROVIDER).unwrap())
        .unwrap();
    assert_eq!(list.len(), 1);
    assert!(proto::plan(&list, std::slice::from_ref(&new)).is_empty());

    // Refused before being handled (429), or no connection: sent again.
    hub.push_fault(Fault::Status(
        429,
        vec![("Retry-After".into(), "0".into())],
        "{\"error\":\"slow down\"}".into(),
    ));
    let other = NewMapping::new("conversational", model("deepseek-ai/DeepSeek-V3"), "v3");
    c.register_mapping(NEW_PROVIDER, &other).unwrap();
    assert_eq!(hub.partner_entries(NEW_PROVIDER).len(), 2);
}

#[test]
fn status_changes_and_deletions_are_retried_like_reads() {
    let hub = start();
    let c = client(&hub, Some(VALID_TOKEN));
    let list = c
        .partner_mappings(&PartnerList::new("together").unwrap())
        .unwrap();
    let id = list[0].id.clone().unwrap();
    hub.push_fault(Fault::ApplyThenDrop);
    c.set_mapping_status("together", &id, &ProviderStatus::Staging)
        .unwrap();
    let puts = writes(&hub).iter().filter(|(m, _)| m == "PUT").count();
    assert_eq!(puts, 2, "retried after the lost answer");
    let held = hub.partner_entries("together");
    assert_eq!(held.iter().find(|e| e.id == id).unwrap().status, "staging");

    hub.push_fault(Fault::Drop);
    c.delete_mapping("together", &id).unwrap();
    assert!(!hub.partner_entries("together").iter().any(|e| e.id == id));
    assert!(matches!(
        c.delete_mapping("together", &id),
        Err(Error::NotFound(_))
    ));
    assert!(matches!(
        c.set_mapping_status("together", "../../models", &ProviderStatus::Live),
        Err(Error::InvalidInput(_))
    ));
}

#[test]
fn a_write_is_not_redirected_and_the_token_stays_home() {
    let hub = start();
    let other = FakeHub::start(Options {
        models: 0,
        host: IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2)),
        ..Options::default()
    });
    let c = client(&hub, Some(VALID_TOKEN));
    hub.push_fault(Fault::Redirect(format!(
        "{}/api/partners/{NEW_PROVIDER}/models",
        other.url()
    )));
    let new = NewMapping::new("conversational", model("Qwen/QwQ-32B"), "qwq");
    let e = c.register_mapping(NEW_PROVIDER, &new).unwrap_err();
    assert!(matches!(e, Error::Http(ref h) if h.status == 302), "{e:?}");
    assert!(other.seen().is_empty());
    assert!(hub.partner_entries(NEW_PROVIDER).is_empty());
}

#[test]
fn a_plan_applied_change_by_change_converges_even_when_stopped_halfway() {
    let hub = start();
    let c = client(&hub, Some(VALID_TOKEN));
    let provider = "together";
    let current = c
        .partner_mappings(&PartnerList::new(provider).unwrap())
        .unwrap();
    // Keep the first two (one switched to staging), move the third's provider id, drop the
    // rest, add two.
    let mut wanted: Vec<NewMapping> = current[..3].iter().map(NewMapping::from).collect();
    wanted[1].status = Some(ProviderStatus::Staging);
    wanted[2].provider_id = "moved-endpoint".into();
    wanted.push(
        NewMapping::new(
            "text-to-image",
            model("black-forest-labs/FLUX.1-dev"),
            "flux",
        )
        .status(ProviderStatus::Live),
    );
    wanted.push(NewMapping::new(
        "conversational",
        model("google/gemma-3-27b-it"),
        "gemma",
    ));
    let changes = proto::plan(&current, &wanted);
    assert!(matches!(changes[0], Change::SetStatus { .. }));
    assert!(matches!(changes[1], Change::Replace { .. }));
    assert!(matches!(changes[2], Change::Register(_)));
    assert!(changes.iter().any(|c| matches!(c, Change::Delete(_))));
    // Stopped at the third change: the Hub refuses it.
    for (i, change) in changes.iter().enumerate() {
        if i == 2 {
            hub.push_fault(Fault::Status(
                403,
                vec![],
                "{\"error\":\"Write access revoked\"}".into(),
            ));
            assert!(matches!(
                c.apply_change(provider, change),
                Err(Error::Forbidden(_))
            ));
            break;
        }
        c.apply_change(provider, change).unwrap();
    }
    // Run again from what the Hub has now: the rest, and then nothing.
    let now = c
        .partner_mappings(&PartnerList::new(provider).unwrap())
        .unwrap();
    let rest = proto::plan(&now, &wanted);
    assert_eq!(rest.len(), changes.len() - 2, "{rest:?}");
    for change in &rest {
        c.apply_change(provider, change).unwrap();
    }
    let done = c
        .partner_mappings(&PartnerList::new(provider).unwrap())
        .unwrap();
    assert_eq!(proto::plan(&done, &wanted), []);
    assert_eq!(done.len(), wanted.len());
}

#[test]
fn every_provider_at_a_glance() {
    let hub = FakeHub::start(Options {
        models: 200,
        big_provider: 1000,
        ..Options::default()
    });
    let c = client(&hub, None);
    let names = [
        "fal-ai",
        "together",
        BIG_PROVIDER,
        "no-such-provider",
        "groq",
    ];
    // Asked twice, listed once; rows come in name order.
    let asked: Vec<&str> = names.iter().chain(&names[..2]).copied().collect();
    let rows = c.providers_at_a_glance(&asked).unwrap();
    let mut names = names.to_vec();
    names.sort_unstable();
    assert_eq!(rows.len(), names.len());
    let catalog = c.catalog().unwrap();
    for (row, name) in rows.iter().zip(names) {
        assert_eq!(row.provider, name);
        let held = hub.partner_entries(name);
        let count = |s: &str| held.iter().filter(|e| e.status == s).count();
        assert_eq!(
            (row.live, row.staging),
            (count("live"), count("staging")),
            "{name}"
        );
        let mut tasks: Vec<String> = held
            .iter()
            .filter(|e| e.status == "live")
            .map(|e| e.task.clone())
            .collect();
        tasks.sort();
        tasks.dedup();
        assert_eq!(row.live_tasks, tasks, "{name}");
        let listed = catalog
            .iter()
            .filter(|m| m.provider(name).is_some())
            .count();
        assert_eq!(row.in_catalog, listed, "{name}");
    }
    let row = |name: &str| rows.iter().find(|r| r.provider == name).unwrap();
    assert_eq!(row(BIG_PROVIDER).live + row(BIG_PROVIDER).staging, 1000);
    assert!(row("together").in_catalog > 0);
}
