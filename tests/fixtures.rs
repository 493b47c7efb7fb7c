//! Every fixture in `tests/fixtures/` (the Hub's real shapes) through the pure parse layer.

mod support;

use std::time::Duration;

use hf_providers::proto::{Subject, error_for};
use hf_providers::{
    CatalogProvider, Error, Gated, InferenceStatus, Model, Pricing, ProviderStatus, RouterStatus,
    Service, parse,
};
use support::http_fixture;

fn providers(model: &Model) -> Vec<(&str, &str, &str, &str)> {
    model
        .providers()
        .iter()
        .map(|m| {
            (
                m.provider.as_ref(),
                m.status.as_str(),
                m.task.as_ref(),
                m.provider_id.as_str(),
            )
        })
        .collect()
}

#[test]
fn listing_with_default_fields() {
    let models = parse::model_list(fixture!("list-default-fields.json").as_bytes()).unwrap();
    let ids: Vec<_> = models.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "deepseek-ai/DeepSeek-V3-0324",
            "deepseek-ai/DeepSeek-R1",
            "Qwen/QwQ-32B",
            "deepseek-ai/DeepSeek-V3"
        ]
    );
    let first = &models[0];
    assert_eq!(first.likes, Some(3012));
    assert_eq!(first.trending_score, Some(41));
    assert_eq!(first.private, Some(false));
    assert_eq!(first.downloads, Some(412_345));
    assert_eq!(first.pipeline_tag.as_deref(), Some("text-generation"));
    assert_eq!(first.library_name.as_deref(), Some("transformers"));
    assert_eq!(
        first.created_at.as_deref(),
        Some("2025-03-24T09:28:22.000Z")
    );
    assert_eq!(first.tags.len(), 13);
    assert_eq!(&first.tags[0], "transformers");
    assert_eq!(&first.tags[12], "region:us");
    assert_eq!(first.inference, None);
    assert_eq!(first.inference_provider_mapping, None);
    assert_eq!(first.gated, None);
}

#[test]
fn empty_listing() {
    assert_eq!(
        parse::model_list(fixture!("list-empty.json").as_bytes()).unwrap(),
        []
    );
}

#[test]
fn listing_with_the_mapping_as_a_list() {
    let models = parse::model_list(fixture!("list-expand-mapping.json").as_bytes()).unwrap();
    assert_eq!(models.len(), 4);
    assert_eq!(
        providers(&models[0]),
        [
            ("fal-ai", "live", "text-to-image", "fal-ai/flux/dev"),
            (
                "replicate",
                "live",
                "text-to-image",
                "black-forest-labs/flux-dev"
            ),
            (
                "hf-inference",
                "live",
                "text-to-image",
                "black-forest-labs/FLUX.1-dev"
            ),
        ]
    );
    // Not alphabetical: the Hub's order is kept.
    assert_eq!(
        providers(&models[2]),
        [
            (
                "together",
                "live",
                "text-to-image",
                "black-forest-labs/FLUX.1-schnell"
            ),
            ("fal-ai", "live", "text-to-image", "fal-ai/flux/schnell"),
        ]
    );
    let lora = &models[3].providers()[0];
    assert_eq!(lora.adapter.as_deref(), Some("lora"));
    assert_eq!(
        lora.adapter_weights_path.as_deref(),
        Some("wan_lora.safetensors")
    );
    assert_eq!(lora.kind, None);
}

#[test]
fn model_info_with_the_mapping_as_an_object() {
    let model = parse::model(fixture!("model-providers-object.json").as_bytes()).unwrap();
    assert_eq!(model.id, "google/gemma-3-27b-it");
    assert_eq!(
        providers(&model),
        [
            (
                "hf-inference",
                "live",
                "conversational",
                "google/gemma-3-27b-it"
            ),
            (
                "nebius",
                "live",
                "conversational",
                "google/gemma-3-27b-it-fast"
            ),
        ]
    );
}

#[test]
fn object_order_is_the_hubs_not_alphabetical() {
    let model = parse::model(fixture!("model-providers-object-ordered.json").as_bytes()).unwrap();
    let order: Vec<_> = model
        .providers()
        .iter()
        .map(|m| m.provider.as_ref())
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
    assert_eq!(model.providers()[2].status, ProviderStatus::Staging);
}

#[test]
fn model_info_with_the_mapping_as_a_list() {
    let model = parse::model(fixture!("model-providers-list.json").as_bytes()).unwrap();
    assert_eq!(model.inference, Some(InferenceStatus::Warm));
    let m = model.providers();
    assert_eq!(m.len(), 2);
    assert_eq!(m[0].kind.as_deref(), Some("single-model"));
    assert_eq!(m[0].adapter.as_deref(), Some("lora"));
    assert_eq!(m[1].provider, "replicate");
    assert_eq!(m[1].status, ProviderStatus::Staging);
    assert_eq!(m[1].provider_id, "bagou22/lora-hklpaz:2f7c1b");
}

#[test]
fn empty_mapping_is_present_but_empty() {
    let model = parse::model(fixture!("model-providers-empty.json").as_bytes()).unwrap();
    assert_eq!(model.inference_provider_mapping, Some(vec![]));
}

#[test]
fn unknown_values_are_kept_not_errors() {
    let model = parse::model(fixture!("model-providers-unknown-values.json").as_bytes()).unwrap();
    assert_eq!(model.inference, Some(InferenceStatus::Other("cold".into())));
    assert!(!model.is_warm());
    let m = model.providers();
    assert_eq!(m[0].provider, "brand-new-provider");
    assert_eq!(m[0].status, ProviderStatus::Error);
    assert_eq!(m[0].task, "some-future-task");
    assert_eq!(m[0].kind.as_deref(), Some("tag-filter"));
    assert_eq!(m[1].provider, "groq");
}

#[test]
fn status_warm_and_absent() {
    let warm = parse::model(fixture!("model-status-warm.json").as_bytes()).unwrap();
    assert_eq!(warm.inference, Some(InferenceStatus::Warm));
    assert!(warm.is_warm());
    let absent = parse::model(fixture!("model-status-absent.json").as_bytes()).unwrap();
    assert_eq!(absent.id, "manycore-research/SpatialLM-Llama-1B");
    assert_eq!(absent.inference, None);
    assert!(!absent.is_warm());
}

#[test]
fn page_with_next_link() {
    let resp = http_fixture(fixture!("list-page-with-next-link.http"));
    let models = parse::model_list(&resp.body).unwrap();
    assert_eq!(models[0].id, "Wan-AI/Wan2.1-T2V-14B");
    let next = parse::next_link(resp.header("link").unwrap()).unwrap();
    assert!(next.ends_with("&cursor=eyIkb3IiOlt7ImRvd25sb2FkcyI6eyIkbHQiOjEyM319XX0%3D"));
}

const REPO_URL: &str = "https://huggingface.co/api/models/org/model";
const LIST_URL: &str = "https://huggingface.co/api/models";

#[test]
fn error_400_is_an_http_error_with_the_bodys_message() {
    let resp = http_fixture(fixture!("error-400-bad-param.http"));
    match error_for(&resp, LIST_URL, Service::Hub, Subject::Other, None) {
        Error::Http(e) => {
            assert_eq!(e.status, 400);
            assert_eq!(e.message.as_deref(), Some("Invalid sort parameter"));
            assert_eq!(e.code, None);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn error_401_bad_token_is_unauthorized_even_on_a_repo() {
    let resp = http_fixture(fixture!("error-401-bad-token.http"));
    for repo_url in [Subject::Repository, Subject::Other] {
        assert!(
            matches!(
                error_for(&resp, REPO_URL, Service::Hub, repo_url, None),
                Error::Unauthorized(_)
            ),
            "{repo_url:?}"
        );
    }
}

#[test]
fn error_401_repo_not_found_is_not_found() {
    let resp = http_fixture(fixture!("error-401-repo-not-found.http"));
    match error_for(&resp, REPO_URL, Service::Hub, Subject::Repository, None) {
        Error::NotFound(e) => {
            assert_eq!(e.status, 401);
            assert_eq!(e.code.as_deref(), Some("RepoNotFound"));
            assert_eq!(e.message.as_deref(), Some("Repository not found"));
        }
        other => panic!("{other:?}"),
    }
    // Without the code, a 401 on a repo URL is still the Hub hiding a repo.
    let mut bare = resp.clone();
    bare.headers.clear();
    assert!(matches!(
        error_for(&bare, REPO_URL, Service::Hub, Subject::Repository, None),
        Error::NotFound(_)
    ));
    assert!(matches!(
        error_for(&bare, LIST_URL, Service::Hub, Subject::Other, None),
        Error::Unauthorized(_)
    ));
}

#[test]
fn error_404s_are_not_found() {
    for (text, code, message) in [
        (
            fixture!("error-404-repo-not-found.http"),
            "RepoNotFound",
            "Repository not found",
        ),
        (
            fixture!("error-404-revision-not-found.http"),
            "RevisionNotFound",
            "Invalid rev id: nope",
        ),
    ] {
        match error_for(
            &http_fixture(text),
            REPO_URL,
            Service::Hub,
            Subject::Repository,
            None,
        ) {
            Error::NotFound(e) => {
                assert_eq!(e.status, 404);
                assert_eq!(e.code.as_deref(), Some(code));
                assert_eq!(e.message.as_deref(), Some(message));
                assert_eq!(e.url, REPO_URL);
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn error_429_carries_the_wait() {
    let resp = http_fixture(fixture!("error-429-rate-limited.http"));
    match error_for(&resp, LIST_URL, Service::Hub, Subject::Other, None) {
        Error::RateLimited { retry_after, error } => {
            assert_eq!(retry_after, Some(Duration::from_secs(7)));
            assert!(error.message.unwrap().starts_with("You have exceeded"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn error_503_html_is_an_http_error_not_a_decode_error() {
    let resp = http_fixture(fixture!("error-503-html.http"));
    match error_for(&resp, LIST_URL, Service::Hub, Subject::Other, None) {
        Error::Http(e) => {
            assert_eq!(e.status, 503);
            assert_eq!(
                e.message.as_deref(),
                Some("503 Service Temporarily Unavailable")
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn gated_values() {
    let body = br#"[{"id":"a","gated":false},{"id":"b","gated":"auto"},{"id":"c","gated":"manual"},
        {"id":"d","gated":"new"},{"id":"e","gated":true},{"id":"f","gated":null}]"#;
    let gated: Vec<_> = parse::model_list(body)
        .unwrap()
        .into_iter()
        .map(|m| m.gated)
        .collect();
    assert_eq!(
        gated,
        [
            Some(Gated::No),
            Some(Gated::Auto),
            Some(Gated::Manual),
            Some(Gated::Other("new".into())),
            Some(Gated::Other("true".into())),
            None
        ]
    );
}

#[test]
fn the_routers_documented_example() {
    let model = parse::catalog_model(fixture!("router-catalog-model.json").as_bytes()).unwrap();
    assert_eq!(model.id, "deepseek-ai/DeepSeek-V4-Pro");
    assert_eq!(model.created, Some(1_776_837_885));
    assert_eq!(model.owned_by.as_deref(), Some("deepseek-ai"));
    assert_eq!(model.architecture.input_modalities, ["text"]);
    assert_eq!(model.architecture.output_modalities, ["text"]);
    let names: Vec<&str> = model
        .providers
        .iter()
        .map(|p| p.provider.as_ref())
        .collect();
    assert_eq!(
        names,
        [
            "novita",
            "together",
            "fireworks-ai",
            "featherless-ai",
            "deepinfra"
        ],
        "the router's order"
    );
    let novita = &model.providers[0];
    assert_eq!(novita.status, Some(RouterStatus::Live));
    assert_eq!(novita.context_length, Some(1_048_576));
    assert_eq!(novita.pricing, Some(Pricing::new(Some(1.69), Some(3.38))));
    assert_eq!(
        (novita.supports_tools, novita.supports_structured_output),
        (Some(true), Some(false))
    );
    assert_eq!(novita.first_token_latency_ms, Some(1490.0));
    assert_eq!(novita.throughput, Some(24.69124008437934));
    assert_eq!(novita.is_model_author, Some(false));
    assert_eq!(novita.is_free, None);
    let fireworks = model.provider("fireworks-ai").unwrap();
    assert_eq!(fireworks.pricing, None);
    assert_eq!(fireworks.first_token_latency_ms, Some(588.4));
    // Everything but the name and status may be missing.
    let featherless = model.provider("featherless-ai").unwrap();
    let mut bare = CatalogProvider::new("featherless-ai");
    bare.status = Some(RouterStatus::Live);
    bare.is_model_author = Some(false);
    assert_eq!(*featherless, bare);
}

#[test]
fn a_catalog_with_integers_errors_and_unknown_values() {
    let catalog = parse::catalog(fixture!("router-catalog.json").as_bytes()).unwrap();
    assert_eq!(catalog.len(), 2);
    assert_eq!(
        catalog[0],
        parse::catalog_model(fixture!("router-catalog-model.json").as_bytes()).unwrap()
    );
    let llama = &catalog[1];
    let groq = llama.provider("groq").unwrap();
    assert_eq!(groq.input_price(), Some(1.0));
    assert_eq!(groq.output_price(), Some(1.0));
    assert_eq!(groq.throughput, Some(276.0));
    assert_eq!(groq.first_token_latency_ms, Some(210.0));
    assert_eq!(groq.is_free, Some(true));
    let cerebras = llama.provider("cerebras").unwrap();
    assert_eq!(cerebras.status, Some(RouterStatus::Error));
    assert!(!cerebras.is_live());
    assert_eq!(
        cerebras.context_length,
        Some(65_536),
        "a whole float is a count"
    );
    let new = llama.provider("brand-new-provider").unwrap();
    assert_eq!(new.status, Some(RouterStatus::Other("degraded".into())));
    assert!(!new.is_live());
}

#[test]
fn the_routers_404_is_not_found_with_its_message() {
    let response = support::http_fixture(fixture!("router-404-model-not-found.http"));
    let url = "https://router.huggingface.co/v1/models/acme/nothing";
    match error_for(&response, url, Service::Router, Subject::Other, None) {
        Error::NotFound(e) => {
            assert_eq!(
                e.message.as_deref(),
                Some("The model `acme/nothing` does not exist")
            );
            assert_eq!(e.url, url);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_mapping_keeps_is_model_author_and_the_error_status() {
    let body = br#"{"id":"m/x","inferenceProviderMapping":{
        "groq":{"status":"error","providerId":"x","task":"conversational","isModelAuthor":false},
        "zai-org":{"status":"live","providerId":"glm","task":"conversational","isModelAuthor":true}}}"#;
    let model = parse::model(body).unwrap();
    let mapping = model.providers();
    assert_eq!(mapping[0].status, ProviderStatus::Error);
    assert!(!mapping[0].is_live());
    assert_eq!(mapping[0].is_model_author, Some(false));
    assert_eq!(mapping[1].is_model_author, Some(true));
    let listed = parse::model_list(
        br#"[{"id":"m/x","inferenceProviderMapping":[{"provider":"deepinfra","providerId":"x",
            "status":"live","task":"conversational","isModelAuthor":true,"type":"single-model"}]}]"#,
    )
    .unwrap();
    assert_eq!(listed[0].providers()[0].is_model_author, Some(true));
    assert_eq!(
        listed[0].providers()[0].kind.as_deref(),
        Some("single-model")
    );
}
