//! A fake Hub: a small std-only HTTP/1.1 server with the Hub's behaviour for the Inference
//! Providers endpoints, a generated catalog, and scripted faults.
//!
//! Used by the socket tests (`tests/http_*.rs`, `tests/cli.rs`) and, standalone, by
//! `cargo run --example fake_hub` for benchmarks and manual runs.
#![allow(dead_code)]

use std::collections::VecDeque;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Write};
use std::net::{IpAddr, Ipv4Addr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

#[path = "../support/rng.rs"]
mod rng;
use rng::Rng;

#[path = "partners.rs"]
pub mod partners;
use partners::Partners;

/// The one token the fake Hub accepts.
pub const VALID_TOKEN: &str = "hf_fake_valid_token";
/// A model only visible with [`VALID_TOKEN`].
pub const PRIVATE_MODEL: &str = "acme/private-model";

/// How to start a fake Hub.
#[derive(Debug, Clone)]
pub struct Options {
    /// Generated models, on top of the seed examples.
    pub models: usize,
    /// Largest page served (the Hub's is 1,000).
    pub page_size: usize,
    pub host: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// How long to wait before each answer (a distant server, for benchmarks).
    pub delay: Duration,
    /// Requests allowed per window, announced on every answer (`RateLimit`); past it, 429.
    pub quota: Option<(u64, Duration)>,
    /// Percent of requests (with no scripted fault) answered with a random fault instead: 429,
    /// 503, a connection closed without an answer, or a truncated body.
    pub fault_percent: u32,
    /// Mappings generated for [`partners::BIG_PROVIDER`].
    pub big_provider: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            models: 3000,
            page_size: 1000,
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 0,
            delay: Duration::ZERO,
            quota: None,
            fault_percent: 0,
            big_provider: 0,
        }
    }
}

/// Something to do instead of (or on top of) a normal answer, for the next request.
#[derive(Debug, Clone)]
pub enum Fault {
    /// Answer normally (to script a fault for a later request).
    Pass,
    /// Answer this status, headers and body.
    Status(u16, Vec<(String, String)>, String),
    /// 200 with this body.
    Body(String),
    /// Promise 1,000 bytes, send 10, close.
    Truncated,
    /// Promise this many bytes (a `Content-Length` of any size), send 10, close.
    Promise(u64),
    /// Send half a status line, close.
    CloseMidResponse,
    /// Close without answering.
    Drop,
    /// 200 with this many bytes of JSON-ish filler, streamed (with or without Content-Length).
    Huge { bytes: usize, content_length: bool },
    /// Never answer (until the hub stops).
    Hang,
    /// 302 to this URL.
    Redirect(String),
    /// Answer normally but with this `Link: <...>; rel="next"`.
    NextLink(String),
    /// Answer normally, with these headers too.
    Headers(Vec<(String, String)>),
    /// Do what the request asks (a write is made), then close without answering.
    ApplyThenDrop,
}

/// One request as the fake Hub saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    /// When the request's head was read.
    pub at: Instant,
    pub method: String,
    pub target: String,
    pub body: Vec<u8>,
    pub authorization: Option<String>,
    pub user_agent: Option<String>,
}

pub struct FakeHub {
    addr: SocketAddr,
    state: Arc<State>,
    accept: Option<JoinHandle<()>>,
}

struct State {
    catalog: Vec<HubModel>,
    page_size: usize,
    delay: Duration,
    quota: Option<(u64, Duration)>,
    /// The current window's start and the requests counted in it.
    window: Mutex<(Instant, u64)>,
    /// Requests answered 429 for the quota.
    rate_limited: AtomicUsize,
    fault_percent: u32,
    /// Draws the random faults (seeded: the same faults on every run).
    random: Mutex<Rng>,
    base_url: String,
    faults: Mutex<VecDeque<Fault>>,
    always: Mutex<Option<Fault>>,
    seen: Mutex<Vec<Seen>>,
    stop: AtomicBool,
    partners: Mutex<Partners>,
    /// Statuses changed since the start, by (model, provider): what model info says.
    mapping_overrides: Mutex<Vec<(String, String, &'static str)>>,
}

impl FakeHub {
    pub fn start(options: Options) -> FakeHub {
        let listener = TcpListener::bind((options.host, options.port)).expect("bind");
        let addr = listener.local_addr().expect("local addr");
        let catalog = catalog(options.models);
        let partners = Mutex::new(Partners::seed(&catalog, options.big_provider));
        let state = Arc::new(State {
            partners,
            mapping_overrides: Mutex::new(Vec::new()),
            catalog,
            page_size: options.page_size.max(1),
            delay: options.delay,
            quota: options.quota,
            window: Mutex::new((Instant::now(), 0)),
            rate_limited: AtomicUsize::new(0),
            fault_percent: options.fault_percent,
            random: Mutex::new(Rng::new(0x50a4)),
            base_url: format!("http://{addr}"),
            faults: Mutex::new(VecDeque::new()),
            always: Mutex::new(None),
            seen: Mutex::new(Vec::new()),
            stop: AtomicBool::new(false),
        });
        let accept_state = Arc::clone(&state);
        let accept = thread::spawn(move || {
            let mut workers = Vec::new();
            for stream in listener.incoming() {
                if accept_state.stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let state = Arc::clone(&accept_state);
                workers.push(thread::spawn(move || serve(stream, &state)));
                workers.retain(|w| !w.is_finished());
            }
            for w in workers {
                let _ = w.join();
            }
        });
        FakeHub {
            addr,
            state,
            accept: Some(accept),
        }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        self.state.base_url.clone()
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The next request gets `fault` (faults queue up).
    pub fn push_fault(&self, fault: Fault) {
        self.state.faults.lock().unwrap().push_back(fault);
    }

    /// Every request gets `fault` (after the queued ones), until set to `None`.
    pub fn always(&self, fault: Option<Fault>) {
        *self.state.always.lock().unwrap() = fault;
    }

    /// How many requests were answered 429 because the quota was spent.
    pub fn rate_limited(&self) -> usize {
        self.state.rate_limited.load(Ordering::SeqCst)
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.state.seen.lock().unwrap().clone()
    }

    pub fn catalog(&self) -> &[HubModel] {
        &self.state.catalog
    }

    /// From now on, model info shows `provider`'s mapping of `model` with `status`.
    pub fn set_mapping_status(&self, model: &str, provider: &str, status: &'static str) {
        self.state
            .mapping_overrides
            .lock()
            .unwrap()
            .push((model.into(), provider.into(), status));
    }

    /// The mappings of `provider` the fake Hub holds now.
    pub fn partner_entries(&self, provider: &str) -> Vec<partners::PartnerEntry> {
        let partners = self.state.partners.lock().unwrap();
        partners
            .entries
            .iter()
            .filter(|e| e.provider == provider)
            .cloned()
            .collect()
    }

    /// Blocks until the process is killed (standalone use).
    pub fn wait(mut self) {
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
    }
}

impl Drop for FakeHub {
    fn drop(&mut self) {
        self.state.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The catalog

#[derive(Debug, Clone)]
pub struct HubMapping {
    pub provider: String,
    pub provider_id: String,
    pub status: &'static str,
    pub task: String,
    pub adapter: Option<&'static str>,
    pub adapter_weights_path: Option<&'static str>,
}

#[derive(Debug, Clone)]
pub struct HubModel {
    pub id: String,
    pub mongo_id: String,
    pub pipeline_tag: Option<&'static str>,
    pub library: Option<&'static str>,
    pub tags: Vec<String>,
    pub downloads: u64,
    pub likes: u64,
    pub trending: i64,
    pub created_at: String,
    pub last_modified: String,
    pub private: bool,
    pub gated: &'static str,
    pub sha: String,
    pub mapping: Vec<HubMapping>,
    /// The router's catalog entry: listed providers, in the router's order.
    pub router: Option<Vec<RouterEntry>>,
}

/// One provider of a model in the router's catalog. `None` is left out of the JSON.
#[derive(Debug, Clone, Default)]
pub struct RouterEntry {
    pub provider: String,
    pub status: &'static str,
    pub context_length: Option<u64>,
    pub pricing: Option<(f64, f64)>,
    pub supports_tools: Option<bool>,
    pub supports_structured_output: Option<bool>,
    pub first_token_latency_ms: Option<f64>,
    pub throughput: Option<f64>,
    pub is_model_author: Option<bool>,
}

/// A live router entry with every metric.
#[allow(clippy::too_many_arguments)]
fn routed(
    provider: &str,
    context: u64,
    (input, output): (f64, f64),
    tools: bool,
    structured: bool,
    latency: f64,
    throughput: f64,
) -> RouterEntry {
    RouterEntry {
        provider: provider.into(),
        status: "live",
        context_length: Some(context),
        pricing: Some((input, output)),
        supports_tools: Some(tools),
        supports_structured_output: Some(structured),
        first_token_latency_ms: Some(latency),
        throughput: Some(throughput),
        is_model_author: Some(false),
    }
}

/// A router entry with a status and nothing else known.
fn bare(provider: &str, status: &'static str) -> RouterEntry {
    RouterEntry {
        provider: provider.into(),
        status,
        is_model_author: Some(false),
        ..RouterEntry::default()
    }
}

impl HubModel {
    pub fn author(&self) -> &str {
        self.id.split('/').next().unwrap_or_default()
    }
    fn live(&self) -> impl Iterator<Item = &HubMapping> {
        self.mapping.iter().filter(|m| m.status == "live")
    }
    pub fn is_warm(&self) -> bool {
        self.live().next().is_some()
    }
}

fn mapping(provider: &str, provider_id: &str, status: &'static str, task: &str) -> HubMapping {
    HubMapping {
        provider: provider.into(),
        provider_id: provider_id.into(),
        status,
        task: task.into(),
        adapter: None,
        adapter_weights_path: None,
    }
}

/// The spec's examples first (so listings show them first), then `n` generated models whose
/// tasks and providers never collide with the examples' filters.
fn catalog(n: usize) -> Vec<HubModel> {
    let mut models = Vec::with_capacity(n + 32);
    let mut seed = |id: &str, tag: &'static str, lib: Option<&'static str>, m: Vec<HubMapping>| {
        let i = models.len() as u64;
        models.push(HubModel {
            id: id.into(),
            mongo_id: format!("{:024x}", 0x67c3_0000_0000_0000_u64 + i),
            pipeline_tag: Some(tag),
            library: lib,
            tags: vec![tag.into(), "region:us".into()],
            downloads: 1_000_000 - i * 1000,
            likes: 5000 - i * 10,
            trending: 100 - i as i64,
            created_at: format!("2025-01-{:02}T10:00:00.000Z", 1 + i % 28),
            last_modified: format!("2025-03-{:02}T10:00:00.000Z", 1 + i % 28),
            private: false,
            gated: "false",
            sha: format!("{:040x}", i + 1),
            mapping: m,
            router: None,
        });
    };
    let chat = "conversational";
    for (id, fw) in [
        (
            "deepseek-ai/DeepSeek-V3-0324",
            "accounts/fireworks/models/deepseek-v3-0324",
        ),
        (
            "deepseek-ai/DeepSeek-R1",
            "accounts/fireworks/models/deepseek-r1",
        ),
        ("Qwen/QwQ-32B", "accounts/fireworks/models/qwq-32b"),
        (
            "deepseek-ai/DeepSeek-V3",
            "accounts/fireworks/models/deepseek-v3",
        ),
    ] {
        seed(
            id,
            "text-generation",
            Some("transformers"),
            vec![
                mapping("fireworks-ai", fw, "live", chat),
                mapping("together", id, "live", chat),
            ],
        );
    }
    for (id, fal) in [
        ("black-forest-labs/FLUX.1-dev", "fal-ai/flux/dev"),
        (
            "stabilityai/stable-diffusion-3.5-large",
            "fal-ai/stable-diffusion-v35-large",
        ),
        ("black-forest-labs/FLUX.1-schnell", "fal-ai/flux/schnell"),
        (
            "stabilityai/stable-diffusion-3.5-large-turbo",
            "fal-ai/sd35-turbo",
        ),
    ] {
        seed(
            id,
            "text-to-image",
            Some("diffusers"),
            vec![
                mapping("fal-ai", fal, "live", "text-to-image"),
                mapping("replicate", id, "live", "text-to-image"),
            ],
        );
    }
    for (id, provider) in [
        ("meta-llama/Llama-3.2-11B-Vision-Instruct", "sambanova"),
        ("meta-llama/Llama-3.2-90B-Vision-Instruct", "sambanova"),
        ("Qwen/Qwen2-VL-72B-Instruct", "novita"),
    ] {
        seed(
            id,
            "image-text-to-text",
            Some("transformers"),
            vec![mapping(provider, id, "live", chat)],
        );
    }
    for id in [
        "Wan-AI/Wan2.1-T2V-14B",
        "Lightricks/LTX-Video",
        "tencent/HunyuanVideo",
        "Wan-AI/Wan2.1-T2V-1.3B",
        "THUDM/CogVideoX-5b",
        "genmo/mochi-1-preview",
    ] {
        seed(
            id,
            "text-to-video",
            Some("diffusers"),
            vec![mapping("fal-ai", id, "live", "text-to-video")],
        );
    }
    let mut lora = mapping("fal-ai", "fal-ai/wan-t2v-lora", "live", "text-to-video");
    lora.adapter = Some("lora");
    lora.adapter_weights_path = Some("wan_lora.safetensors");
    seed(
        "BagOu22/Lora_HKLPAZ",
        "text-to-video",
        None,
        vec![
            lora,
            mapping(
                "replicate",
                "bagou22/lora-hklpaz:2f7c1b",
                "staging",
                "text-to-video",
            ),
        ],
    );
    seed(
        "google/gemma-3-27b-it",
        "image-text-to-text",
        Some("transformers"),
        vec![
            mapping("hf-inference", "google/gemma-3-27b-it", "live", chat),
            mapping("nebius", "google/gemma-3-27b-it-fast", "live", chat),
        ],
    );
    seed(
        "manycore-research/SpatialLM-Llama-1B",
        "text-generation",
        None,
        vec![],
    );
    let llama = "meta-llama/Llama-3.3-70B-Instruct";
    seed(
        llama,
        "text-generation",
        Some("transformers"),
        vec![
            mapping(
                "together",
                "meta-llama/Llama-3.3-70B-Instruct-Turbo",
                "live",
                chat,
            ),
            mapping("sambanova", "Meta-Llama-3.3-70B-Instruct", "live", chat),
            mapping(
                "fireworks-ai",
                "accounts/fireworks/models/llama-v3p3-70b-instruct",
                "staging",
                chat,
            ),
            mapping("cerebras", "llama-3.3-70b", "live", chat),
            mapping("hf-inference", llama, "live", chat),
        ],
    );
    // The router's documented example (router-api.md); the Hub serves it with the same
    // providers, in the same order.
    let v4 = "deepseek-ai/DeepSeek-V4-Pro";
    seed(
        v4,
        "text-generation",
        Some("transformers"),
        vec![
            mapping("novita", "deepseek/deepseek-v4-pro", "live", chat),
            mapping("together", v4, "live", chat),
            mapping(
                "fireworks-ai",
                "accounts/fireworks/models/deepseek-v4-pro",
                "live",
                chat,
            ),
            mapping("featherless-ai", v4, "live", chat),
            mapping("deepinfra", v4, "live", chat),
        ],
    );
    // The Hub's order, the speed order and the price order all differ: preferred is
    // together, fastest groq, cheapest novita. cerebras is staging; nscale is live on the Hub
    // but failing in the router; featherless-ai has no metrics.
    seed(
        SCOUT,
        "text-generation",
        Some("transformers"),
        vec![
            mapping(
                "together",
                "meta-llama/Llama-4-Scout-17B-16E-Instruct",
                "live",
                chat,
            ),
            mapping(
                "groq",
                "meta-llama/llama-4-scout-17b-16e-instruct",
                "live",
                chat,
            ),
            mapping(
                "novita",
                "meta-llama/llama-4-scout-17b-16e-instruct",
                "live",
                chat,
            ),
            mapping(
                "cerebras",
                "llama-4-scout-17b-16e-instruct",
                "staging",
                chat,
            ),
            mapping(
                "nscale",
                "meta-llama/Llama-4-Scout-17B-16E-Instruct",
                "live",
                chat,
            ),
            mapping("featherless-ai", SCOUT, "live", chat),
        ],
    );
    // A chat model the router lists without any metric.
    seed(
        "acme/chat-no-metrics",
        "text-generation",
        None,
        vec![mapping(
            "featherless-ai",
            "acme/chat-no-metrics",
            "live",
            chat,
        )],
    );
    seed(
        "acme/staging-only",
        "text-generation",
        None,
        vec![mapping("groq", "acme-staging", "staging", chat)],
    );
    seed(
        PRIVATE_MODEL,
        "text-generation",
        None,
        vec![mapping("groq", "acme-private", "live", chat)],
    );
    if let Some(private) = models.last_mut() {
        private.private = true;
    }
    for m in &mut models {
        m.router = router_seed(&m.id);
    }

    // Generated: tasks and providers chosen so the examples' listings stay exact.
    const TASKS: [&str; 5] = [
        "text-generation",
        "feature-extraction",
        "automatic-speech-recognition",
        "text-classification",
        "translation",
    ];
    const PROVIDERS: [&str; 8] = [
        "hf-inference",
        "together",
        "nebius",
        "groq",
        "hyperbolic",
        "cohere",
        "featherless-ai",
        "nscale",
    ];
    const LIBS: [&str; 4] = ["transformers", "sentence-transformers", "gguf", "peft"];
    let mut rng = Rng::new(0x9e37_79b9_7f4a_7c15);
    for i in 0..n {
        let task = TASKS[rng.below(TASKS.len())];
        let org = format!("org{}", rng.below(200));
        let id = format!("{org}/model-{i:06}");
        let served = match rng.below(10) {
            0..=3 => 0,
            4..=6 => 1,
            7..=8 => 2,
            _ => 4,
        };
        let mut mapping_list = Vec::new();
        let start = rng.below(PROVIDERS.len());
        for k in 0..served {
            let provider = PROVIDERS[(start + k * 3) % PROVIDERS.len()];
            let status = if rng.below(6) == 0 { "staging" } else { "live" };
            let task = if task == "text-generation" {
                chat
            } else {
                task
            };
            mapping_list.push(mapping(provider, &format!("{provider}/{id}"), status, task));
        }
        let created = 1_600_000_000 + rng.below(150_000_000) as u64;
        models.push(HubModel {
            mongo_id: format!("{:024x}", 0x6500_0000_0000_0000_u64 + i as u64),
            pipeline_tag: if rng.below(20) == 0 { None } else { Some(task) },
            library: Some(LIBS[rng.below(LIBS.len())]),
            tags: (0..rng.below(12))
                .map(|t| format!("tag-{}", (i * 7 + t * 13) % 97))
                .chain([format!("license:{}", ["mit", "apache-2.0"][i % 2])])
                .collect(),
            downloads: rng.below(5_000_000) as u64,
            likes: rng.below(3000) as u64,
            trending: rng.below(50) as i64,
            created_at: iso_date(created),
            last_modified: iso_date(created + rng.below(10_000_000) as u64),
            private: false,
            gated: ["false", "false", "false", "auto", "manual"][rng.below(5)],
            sha: format!("{:040x}", (i as u64 + 1) * 0x9e37_79b9),
            router: router_entries(i, task, &mapping_list),
            id,
            mapping: mapping_list,
        });
    }
    models
}

/// The model whose Hub, speed and price orders differ.
pub const SCOUT: &str = "meta-llama/Llama-4-Scout-17B-16E-Instruct";

/// The router's entries for the seed models it lists (the documented example's are copied
/// from router-api.md).
fn router_seed(id: &str) -> Option<Vec<RouterEntry>> {
    Some(match id {
        "deepseek-ai/DeepSeek-V4-Pro" => vec![
            routed(
                "novita",
                1_048_576,
                (1.69, 3.38),
                true,
                false,
                1490.0,
                24.69124008437934,
            ),
            routed(
                "together",
                512_000,
                (2.1, 4.4),
                true,
                true,
                611.0,
                40.13113557470821,
            ),
            RouterEntry {
                pricing: None,
                ..routed(
                    "fireworks-ai",
                    1_048_576,
                    (0.0, 0.0),
                    true,
                    true,
                    588.4,
                    45.42948747753918,
                )
            },
            bare("featherless-ai", "live"),
            routed(
                "deepinfra",
                65_536,
                (1.74, 3.48),
                true,
                true,
                525.8,
                34.615908579189465,
            ),
        ],
        SCOUT => vec![
            routed("groq", 131_072, (0.11, 0.34), true, false, 160.0, 460.5),
            routed("together", 1_048_576, (0.18, 0.59), true, true, 420.0, 80.2),
            routed("novita", 131_072, (0.1, 0.3), false, false, 900.0, 40.1),
            RouterEntry {
                status: "error",
                ..routed("nscale", 65_536, (0.05, 0.1), true, true, 100.0, 999.0)
            },
            bare("featherless-ai", "live"),
        ],
        "acme/chat-no-metrics" => vec![bare("featherless-ai", "live")],
        _ => return None,
    })
}

/// The router's entries for generated model `i`: chat models with a live provider are listed,
/// each live provider with metrics made from `i` (no draw from the catalog's generator, so
/// the Hub's answers stay as they were).
fn router_entries(i: usize, task: &str, mapping: &[HubMapping]) -> Option<Vec<RouterEntry>> {
    let live: Vec<&HubMapping> = mapping.iter().filter(|m| m.status == "live").collect();
    if task != "text-generation" || live.is_empty() {
        return None;
    }
    let entries = live
        .iter()
        .enumerate()
        .map(|(k, m)| {
            let h = ((i * 8 + k) as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
            let pick = |shift: u32, n: u64| (h >> shift) % n;
            routed(
                &m.provider,
                [8_192, 32_768, 131_072, 1_048_576][pick(3, 4) as usize],
                (pick(10, 300) as f64 / 100.0, pick(20, 900) as f64 / 100.0),
                pick(30, 3) != 0,
                pick(32, 2) == 0,
                100.0 + pick(34, 2000) as f64,
                5.0 + pick(45, 5000) as f64 / 10.0,
            )
        })
        .collect();
    Some(entries)
}

/// Seconds since the epoch as `YYYY-MM-DDTHH:MM:SS.000Z` (civil-from-days).
fn iso_date(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.000Z",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

// ---------------------------------------------------------------------------------------------
// HTTP

struct HttpRequest {
    method: String,
    target: String,
    body: Vec<u8>,
    authorization: Option<String>,
    close: bool,
}

fn serve(stream: TcpStream, state: &State) {
    let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
    let _ = stream.set_nodelay(true);
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut writer = stream;
    loop {
        let request = match read_request(&mut reader, state) {
            Some(r) => r,
            None => return,
        };
        let keep_open = handle(&request, &mut writer, state);
        if !keep_open || request.close {
            let _ = writer.shutdown(Shutdown::Both);
            return;
        }
    }
}

/// Reads one request head; `None` on EOF, a broken head, or when the hub stops.
fn read_request(reader: &mut BufReader<TcpStream>, state: &State) -> Option<HttpRequest> {
    let mut head = Vec::new();
    loop {
        if state.stop.load(Ordering::SeqCst) {
            return None;
        }
        let mut line = Vec::new();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) => return None,
            Ok(_) => {}
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                head.extend_from_slice(&line);
                continue;
            }
            Err(_) => return None,
        }
        head.extend_from_slice(&line);
        if head.len() > 64 * 1024 {
            return None;
        }
        if head.ends_with(b"\r\n\r\n") || head.ends_with(b"\n\n") || head == b"\r\n" {
            if head == b"\r\n" {
                // A stray blank line between keep-alive requests.
                head.clear();
                continue;
            }
            break;
        }
    }
    let head = String::from_utf8_lossy(&head);
    let mut lines = head.lines();
    let mut parts = lines.next()?.split(' ');
    let (method, target, version) = (parts.next()?, parts.next()?, parts.next()?);
    let mut request = HttpRequest {
        method: method.to_owned(),
        target: target.to_owned(),
        body: Vec::new(),
        authorization: None,
        close: version == "HTTP/1.0",
    };
    let mut user_agent = None;
    let mut length = 0usize;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match name.to_ascii_lowercase().as_str() {
            "authorization" => request.authorization = Some(value.to_owned()),
            "user-agent" => user_agent = Some(value.to_owned()),
            "content-length" => length = value.parse().ok()?,
            "connection" if value.eq_ignore_ascii_case("close") => request.close = true,
            _ => {}
        }
    }
    if length > 1 << 20 {
        return None;
    }
    let mut body = vec![0; length];
    let mut read = 0;
    while read < length {
        match std::io::Read::read(reader, &mut body[read..]) {
            Ok(0) => return None,
            Ok(n) => read += n,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) && !state.stop.load(Ordering::SeqCst) => {}
            Err(_) => return None,
        }
    }
    request.body = body;
    state.seen.lock().unwrap().push(Seen {
        at: Instant::now(),
        method: request.method.clone(),
        body: request.body.clone(),
        target: request.target.clone(),
        authorization: request.authorization.clone(),
        user_agent,
    });
    Some(request)
}

/// Answers one request; returns whether the connection may be reused.
fn handle(request: &HttpRequest, out: &mut TcpStream, state: &State) -> bool {
    if !state.delay.is_zero() {
        thread::sleep(state.delay);
    }
    let fault = state
        .faults
        .lock()
        .unwrap()
        .pop_front()
        .or_else(|| state.always.lock().unwrap().clone())
        .or_else(|| random_fault(state));
    let mut next_override = None;
    let mut extra_headers = Vec::new();
    match fault {
        None | Some(Fault::Pass) => {}
        Some(Fault::Status(status, headers, body)) => {
            let headers: Vec<(&str, &str)> = headers
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_str()))
                .collect();
            return respond(out, status, &headers, body.as_bytes());
        }
        Some(Fault::Body(body)) => return respond(out, 200, &[JSON], body.as_bytes()),
        Some(Fault::Truncated) => {
            let _ = out.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n[{\"id\":\"a",
            );
            return false;
        }
        Some(Fault::Promise(bytes)) => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {bytes}\r\n\r\n[{{\"id\":\"a"
            );
            let _ = out.write_all(head.as_bytes());
            return false;
        }
        Some(Fault::CloseMidResponse) => {
            let _ = out.write_all(b"HTTP/1.1 20");
            return false;
        }
        Some(Fault::Drop) => return false,
        Some(Fault::Huge {
            bytes,
            content_length,
        }) => {
            stream_huge(out, bytes, content_length);
            return false;
        }
        Some(Fault::Hang) => {
            while !state.stop.load(Ordering::SeqCst) {
                thread::sleep(Duration::from_millis(20));
            }
            return false;
        }
        Some(Fault::Redirect(location)) => {
            return respond(out, 302, &[("Location", &location)], b"");
        }
        Some(Fault::NextLink(url)) => next_override = Some(url),
        Some(Fault::Headers(headers)) => extra_headers = headers,
        Some(Fault::ApplyThenDrop) => {
            route(request, state, None);
            return false;
        }
    }
    let mut answer = match quota_spent(state) {
        Some(spent) => spent,
        None => route(request, state, next_override),
    };
    if let Some(header) = quota_header(state) {
        answer.headers.push(("RateLimit".into(), header));
    }
    answer.headers.extend(extra_headers);
    if let Some((limit, window)) = state.quota {
        answer.headers.push((
            "RateLimit-Policy".into(),
            format!("\"fixed window\";\"api\";q={limit};w={}", window.as_secs()),
        ));
    }
    let headers: Vec<(&str, &str)> = answer
        .headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    respond(out, answer.status, &headers, answer.body.as_bytes())
}

/// One of the faults [`Options::fault_percent`] asks for, or none.
fn random_fault(state: &State) -> Option<Fault> {
    if state.fault_percent == 0 {
        return None;
    }
    let mut random = state.random.lock().unwrap();
    if random.below(100) >= state.fault_percent as usize {
        return None;
    }
    Some(match random.below(4) {
        0 => Fault::Status(
            429,
            vec![("Retry-After".into(), "0".into())],
            "{\"error\":\"Rate limit reached\"}".into(),
        ),
        1 => Fault::Status(
            503,
            vec![],
            "<html><title>Unavailable</title></html>".into(),
        ),
        2 => Fault::Drop,
        _ => Fault::Truncated,
    })
}

const JSON: (&str, &str) = ("Content-Type", "application/json; charset=utf-8");

fn respond(out: &mut TcpStream, status: u16, headers: &[(&str, &str)], body: &[u8]) -> bool {
    let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    for (name, value) in headers {
        let _ = write!(head, "{name}: {value}\r\n");
    }
    let _ = write!(head, "Content-Length: {}\r\n\r\n", body.len());
    out.write_all(head.as_bytes())
        .and_then(|()| out.write_all(body))
        .is_ok()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        302 => "Found",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

fn stream_huge(out: &mut TcpStream, bytes: usize, content_length: bool) {
    let mut head = String::from("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n");
    if content_length {
        let _ = write!(head, "Content-Length: {bytes}\r\n");
    } else {
        head.push_str("Connection: close\r\n");
    }
    head.push_str("\r\n");
    if out.write_all(head.as_bytes()).is_err() {
        return;
    }
    let chunk = vec![b' '; 64 * 1024];
    let mut left = bytes;
    while left > 0 {
        let n = left.min(chunk.len());
        if out.write_all(&chunk[..n]).is_err() {
            return;
        }
        left -= n;
    }
}

/// Counts the request against the quota: `Some(429)` when the window's quota is spent.
fn quota_spent(state: &State) -> Option<Answer> {
    let (limit, window) = state.quota?;
    let mut current = state.window.lock().unwrap();
    if current.0.elapsed() >= window {
        *current = (Instant::now(), 0);
    }
    current.1 += 1;
    if current.1 <= limit {
        return None;
    }
    state.rate_limited.fetch_add(1, Ordering::SeqCst);
    let wait = (window - current.0.elapsed()).as_secs_f64().ceil() as u64;
    let mut answer = hub_error(429, None, "Rate limit reached");
    answer
        .headers
        .push(("Retry-After".into(), wait.to_string()));
    Some(answer)
}

/// `"api";r=..;t=..`: what is left of the window's quota, and when it resets (in whole
/// seconds, rounded up, so a client that waits that long finds it reset).
fn quota_header(state: &State) -> Option<String> {
    let (limit, window) = state.quota?;
    let current = state.window.lock().unwrap();
    let left = limit.saturating_sub(current.1);
    let reset = window
        .saturating_sub(current.0.elapsed())
        .as_secs_f64()
        .ceil() as u64;
    Some(format!("\"api\";r={left};t={reset}"))
}

// ---------------------------------------------------------------------------------------------
// Routes

struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

fn json(status: u16, body: String) -> Answer {
    Answer {
        status,
        headers: vec![(JSON.0.into(), JSON.1.into())],
        body,
    }
}

fn hub_error(status: u16, code: Option<&str>, message: &str) -> Answer {
    let mut answer = json(status, format!("{{\"error\":{}}}", quote(message)));
    if let Some(code) = code {
        answer.headers.push(("X-Error-Code".into(), code.into()));
        answer
            .headers
            .push(("X-Error-Message".into(), message.into()));
    }
    answer
}

/// Models renamed on the Hub: the old id, and the current one.
pub const RENAMED: [(&str, &str); 1] = [(
    "deepseek-ai/DeepSeek-V4-Pro-Preview",
    "deepseek-ai/DeepSeek-V4-Pro",
)];

fn route(request: &HttpRequest, state: &State, next_override: Option<String>) -> Answer {
    let (path, query) = request
        .target
        .split_once('?')
        .unwrap_or((request.target.as_str(), ""));
    let params = parse_query(query);
    let token = match request.authorization.as_deref() {
        None => None,
        Some(value) if value == format!("Bearer {VALID_TOKEN}") => Some(VALID_TOKEN),
        Some(_) => {
            return hub_error(401, None, "Invalid credentials in Authorization header");
        }
    };
    if path == "/v1/models" {
        return router_catalog(state);
    }
    if let Some(id) = path.strip_prefix("/v1/models/") {
        return router_model(state, id);
    }
    if path == "/api/models" {
        return list(state, query, &params, token.is_some(), next_override);
    }
    if let Some(rest) = path.strip_prefix("/api/partners/") {
        let mut partners = state.partners.lock().unwrap();
        return partners.route(
            &request.method,
            rest,
            param(&params, "status"),
            &request.body,
            token.is_some(),
            &state.catalog,
        );
    }
    if let Some(rest) = path.strip_prefix("/api/models/") {
        // A renamed model: the Hub redirects its old id, keeping the rest and the query.
        for (old, new) in RENAMED {
            if let Some(after) = rest
                .strip_prefix(old)
                .filter(|a| a.is_empty() || a.starts_with('/'))
            {
                let to = format!("/api/models/{new}{after}?{query}");
                let mut answer = json(307, String::new());
                answer.headers.push(("Location".into(), to));
                return answer;
            }
        }
        return info(state, rest, &params, token.is_some());
    }
    json(404, "{\"error\":\"Not Found\"}".into())
}

fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(if b[i] == b'+' { b' ' } else { b[i] });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn param<'a>(params: &'a [(String, String)], key: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

fn params_all<'a>(params: &'a [(String, String)], key: &'a str) -> impl Iterator<Item = &'a str> {
    params
        .iter()
        .filter(move |(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

const EXPANDABLE: [&str; 16] = [
    "author",
    "createdAt",
    "disabled",
    "downloads",
    "downloadsAllTime",
    "gated",
    "inference",
    "inferenceProviderMapping",
    "lastModified",
    "library_name",
    "likes",
    "pipeline_tag",
    "private",
    "sha",
    "tags",
    "trendingScore",
];

fn expand_keys(params: &[(String, String)]) -> Result<Vec<&str>, Answer> {
    let keys: Vec<&str> = params_all(params, "expand[]")
        .chain(params_all(params, "expand"))
        .collect();
    for key in &keys {
        if !EXPANDABLE.contains(key) {
            return Err(hub_error(
                400,
                None,
                &format!("Invalid expand parameter: {key}"),
            ));
        }
    }
    Ok(keys)
}

fn list(
    state: &State,
    raw_query: &str,
    params: &[(String, String)],
    authenticated: bool,
    next_override: Option<String>,
) -> Answer {
    let expand = match expand_keys(params) {
        Ok(keys) => keys,
        Err(answer) => return answer,
    };
    let providers: Option<Vec<&str>> =
        param(params, "inference_provider").map(|p| p.split(',').collect());
    let task = param(params, "pipeline_tag");
    let search = param(params, "search").map(str::to_ascii_lowercase);
    let author = param(params, "author");
    let library = param(params, "library");
    let filters: Vec<&str> = params_all(params, "filter").collect();
    let mut matches: Vec<&HubModel> = state
        .catalog
        .iter()
        .filter(|m| !m.private || authenticated)
        .filter(|m| match &providers {
            None => true,
            Some(list) if list.contains(&"all") => m.is_warm(),
            Some(list) => m.live().any(|e| list.contains(&e.provider.as_str())),
        })
        .filter(|m| param(params, "inference") != Some("warm") || m.is_warm())
        .filter(|m| task.is_none_or(|t| m.pipeline_tag == Some(t)))
        .filter(|m| {
            search
                .as_ref()
                .is_none_or(|s| m.id.to_ascii_lowercase().contains(s))
        })
        .filter(|m| author.is_none_or(|a| m.author() == a))
        .filter(|m| library.is_none_or(|l| m.library == Some(l)))
        .filter(|m| filters.iter().all(|f| m.tags.iter().any(|t| t == f)))
        .collect();
    if let Some(sort) = param(params, "sort") {
        let ascending = param(params, "direction") == Some("1");
        let key = |m: &HubModel| -> i128 {
            match sort {
                "downloads" => m.downloads.into(),
                "likes" => m.likes.into(),
                "trendingScore" => m.trending.into(),
                _ => 0,
            }
        };
        match sort {
            "downloads" | "likes" | "trendingScore" => {
                matches.sort_by_key(|m| key(m));
            }
            "createdAt" => matches.sort_by(|a, b| a.created_at.cmp(&b.created_at)),
            "lastModified" => matches.sort_by(|a, b| a.last_modified.cmp(&b.last_modified)),
            _ => return hub_error(400, None, "Invalid sort parameter"),
        }
        if !ascending {
            matches.reverse();
        }
    }
    let page_size = match param(params, "limit").map(str::parse::<usize>) {
        None => state.page_size,
        Some(Ok(n)) if n >= 1 => n.min(state.page_size),
        Some(_) => return hub_error(400, None, "Invalid limit parameter"),
    };
    let offset = match param(params, "cursor").map(decode_cursor) {
        None => 0,
        Some(Some(offset)) => offset,
        Some(None) => return hub_error(400, None, "Invalid cursor"),
    };
    let full = param(params, "full") == Some("true");
    let end = matches.len().min(offset.saturating_add(page_size));
    let mut body = String::with_capacity(page_size * 400);
    body.push('[');
    for (i, m) in matches
        .get(offset..end)
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        if i > 0 {
            body.push(',');
        }
        render_listed(&mut body, m, &expand, full);
    }
    body.push(']');
    let mut answer = json(200, body);
    let next = next_override.or_else(|| {
        (end < matches.len()).then(|| {
            let kept: Vec<&str> = raw_query
                .split('&')
                .filter(|p| !p.is_empty() && !p.starts_with("cursor="))
                .collect();
            let mut url = format!("{}/api/models?", state.base_url);
            for p in kept {
                url.push_str(p);
                url.push('&');
            }
            url.push_str("cursor=");
            url.push_str(&encode_cursor(end));
            url
        })
    });
    if let Some(next) = next {
        answer
            .headers
            .push(("Link".into(), format!("<{next}>; rel=\"next\"")));
    }
    answer
}

/// Opaque enough that a client cannot do arithmetic on it, like the Hub's.
fn encode_cursor(offset: usize) -> String {
    format!("c{:x}", (offset as u64) ^ 0x5f37_59df_a5a5)
}

fn decode_cursor(cursor: &str) -> Option<usize> {
    let hex = cursor.strip_prefix('c')?;
    let raw = u64::from_str_radix(hex, 16).ok()?;
    usize::try_from(raw ^ 0x5f37_59df_a5a5).ok()
}

fn info(state: &State, rest: &str, params: &[(String, String)], authenticated: bool) -> Answer {
    let (id, revision) = match rest.split_once("/revision/") {
        Some((id, rev)) => (id, Some(decode(rev))),
        None => (rest, None),
    };
    let expand = match expand_keys(params) {
        Ok(keys) => keys,
        Err(answer) => return answer,
    };
    let model = state
        .catalog
        .iter()
        .find(|m| m.id == id && (!m.private || authenticated));
    let Some(model) = model else {
        // The Hub hides private and missing repos behind 401 when no token is sent.
        let status = if authenticated { 404 } else { 401 };
        return hub_error(status, Some("RepoNotFound"), "Repository not found");
    };
    if let Some(rev) = revision {
        if rev != "main" && rev != model.sha {
            return hub_error(
                404,
                Some("RevisionNotFound"),
                &format!("Invalid rev id: {rev}"),
            );
        }
    }
    let mut body = String::with_capacity(1024);
    let overrides = state.mapping_overrides.lock().unwrap();
    if overrides.iter().any(|(m, _, _)| *m == model.id) {
        // A status changed since the start: the model as it is now.
        let mut now = model.clone();
        for (_, provider, status) in overrides.iter().filter(|(m, _, _)| *m == model.id) {
            for e in now.mapping.iter_mut().filter(|e| e.provider == *provider) {
                e.status = status;
            }
        }
        render_info(&mut body, &now, &expand);
    } else {
        render_info(&mut body, model, &expand);
    }
    json(200, body)
}

// ---------------------------------------------------------------------------------------------
// Rendering (by hand: the tests run with either JSON engine)

pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

struct Obj<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> Obj<'a> {
    fn new(out: &'a mut String) -> Self {
        out.push('{');
        Obj { out, first: true }
    }
    fn key(&mut self, key: &str) -> &mut String {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        self.out.push_str(&quote(key));
        self.out.push(':');
        self.out
    }
    fn raw(&mut self, key: &str, value: &str) {
        self.key(key).push_str(value);
    }
    fn str(&mut self, key: &str, value: &str) {
        let q = quote(value);
        self.key(key).push_str(&q);
    }
    fn end(self) {
        self.out.push('}');
    }
}

fn gated_json(m: &HubModel) -> String {
    if m.gated == "false" {
        "false".into()
    } else {
        quote(m.gated)
    }
}

fn tags_json(m: &HubModel) -> String {
    let items: Vec<String> = m.tags.iter().map(|t| quote(t)).collect();
    format!("[{}]", items.join(","))
}

fn mapping_entry(out: &mut String, e: &HubMapping, with_provider: bool) {
    let mut o = Obj::new(out);
    if with_provider {
        o.str("provider", &e.provider);
    }
    o.str("providerId", &e.provider_id);
    o.str("status", e.status);
    o.str("task", &e.task);
    if let Some(a) = e.adapter {
        o.str("adapter", a);
    }
    if let Some(p) = e.adapter_weights_path {
        o.str("adapterWeightsPath", p);
    }
    o.end();
}

/// The mapping as a list (listings) or an object keyed by provider (model info).
fn mapping_json(m: &HubModel, as_list: bool) -> String {
    let mut out = String::new();
    out.push(if as_list { '[' } else { '{' });
    for (i, e) in m.mapping.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if !as_list {
            out.push_str(&quote(&e.provider));
            out.push(':');
        }
        mapping_entry(&mut out, e, as_list);
    }
    out.push(if as_list { ']' } else { '}' });
    out
}

fn expanded(o: &mut Obj, m: &HubModel, key: &str, mapping_as_list: bool) {
    match key {
        "author" => o.str("author", m.author()),
        "createdAt" => o.str("createdAt", &m.created_at),
        "disabled" => o.raw("disabled", "false"),
        "downloads" => o.raw("downloads", &m.downloads.to_string()),
        "downloadsAllTime" => o.raw("downloadsAllTime", &(m.downloads * 3).to_string()),
        "gated" => o.raw("gated", &gated_json(m)),
        "inference" if m.is_warm() => o.str("inference", "warm"),
        "inferenceProviderMapping" => o.raw(
            "inferenceProviderMapping",
            &mapping_json(m, mapping_as_list),
        ),
        "lastModified" => o.str("lastModified", &m.last_modified),
        "library_name" => {
            if let Some(l) = m.library {
                o.str("library_name", l)
            }
        }
        "likes" => o.raw("likes", &m.likes.to_string()),
        "pipeline_tag" => {
            if let Some(t) = m.pipeline_tag {
                o.str("pipeline_tag", t)
            }
        }
        "private" => o.raw("private", if m.private { "true" } else { "false" }),
        "sha" => o.str("sha", &m.sha),
        "tags" => o.raw("tags", &tags_json(m)),
        "trendingScore" => o.raw("trendingScore", &m.trending.to_string()),
        _ => {}
    }
}

fn router_catalog(state: &State) -> Answer {
    let mut body = String::from("{\"object\":\"list\",\"data\":[");
    let listed = state.catalog.iter().filter(|m| !m.private);
    for (i, (m, entries)) in listed
        .filter_map(|m| Some((m, m.router.as_ref()?)))
        .enumerate()
    {
        if i > 0 {
            body.push(',');
        }
        render_router_model(&mut body, m, entries);
    }
    body.push_str("]}");
    json(200, body)
}

fn router_model(state: &State, id: &str) -> Answer {
    let found = state
        .catalog
        .iter()
        .filter(|m| !m.private && m.id == id)
        .find_map(|m| Some((m, m.router.as_ref()?)));
    let Some((m, entries)) = found else {
        let message = format!("The model `{id}` does not exist");
        return json(
            404,
            format!(
                "{{\"error\":{{\"message\":{},\"type\":\"invalid_request_error\",\
                 \"code\":\"model_not_found\"}}}}",
                quote(&message)
            ),
        );
    };
    let mut body = String::new();
    render_router_model(&mut body, m, entries);
    json(200, body)
}

fn render_router_model(out: &mut String, m: &HubModel, entries: &[RouterEntry]) {
    let mut o = Obj::new(out);
    o.str("id", &m.id);
    o.str("object", "model");
    o.raw("created", "1776837885");
    o.str("owned_by", m.author());
    o.raw(
        "architecture",
        "{\"input_modalities\":[\"text\"],\"output_modalities\":[\"text\"]}",
    );
    let mut providers = String::from("[");
    for (i, e) in entries.iter().enumerate() {
        if i > 0 {
            providers.push(',');
        }
        let mut p = Obj::new(&mut providers);
        p.str("provider", &e.provider);
        p.str("status", e.status);
        if let Some(n) = e.context_length {
            p.raw("context_length", &n.to_string());
        }
        if let Some((input, output)) = e.pricing {
            p.raw(
                "pricing",
                &format!("{{\"input\":{input},\"output\":{output}}}"),
            );
        }
        for (key, flag) in [
            ("supports_tools", e.supports_tools),
            ("supports_structured_output", e.supports_structured_output),
        ] {
            if let Some(flag) = flag {
                p.raw(key, if flag { "true" } else { "false" });
            }
        }
        if let Some(x) = e.first_token_latency_ms {
            p.raw("first_token_latency_ms", &x.to_string());
        }
        if let Some(x) = e.throughput {
            p.raw("throughput", &x.to_string());
        }
        if let Some(flag) = e.is_model_author {
            p.raw("is_model_author", if flag { "true" } else { "false" });
        }
        p.end();
    }
    providers.push(']');
    o.raw("providers", &providers);
    o.end();
}

fn render_listed(out: &mut String, m: &HubModel, expand: &[&str], full: bool) {
    let mut o = Obj::new(out);
    o.str("_id", &m.mongo_id);
    o.str("id", &m.id);
    if !expand.is_empty() {
        for key in expand {
            expanded(&mut o, m, key, true);
        }
        o.end();
        return;
    }
    for key in [
        "likes",
        "trendingScore",
        "private",
        "downloads",
        "tags",
        "pipeline_tag",
    ] {
        expanded(&mut o, m, key, true);
    }
    expanded(&mut o, m, "library_name", true);
    o.str("createdAt", &m.created_at);
    if full {
        for key in ["author", "sha", "lastModified", "gated", "disabled"] {
            expanded(&mut o, m, key, true);
        }
        o.raw(
            "siblings",
            "[{\"rfilename\":\"README.md\"},{\"rfilename\":\"config.json\"}]",
        );
    }
    o.str("modelId", &m.id);
    o.end();
}

fn render_info(out: &mut String, m: &HubModel, expand: &[&str]) {
    let mut o = Obj::new(out);
    o.str("_id", &m.mongo_id);
    o.str("id", &m.id);
    let keys: Vec<&str> = if expand.is_empty() {
        EXPANDABLE.to_vec()
    } else {
        expand.to_vec()
    };
    for key in keys {
        expanded(&mut o, m, key, false);
    }
    if expand.is_empty() {
        o.raw(
            "cardData",
            "{\"license\":\"mit\",\"widget\":[{\"text\":\"Hi\"}],\"nested\":{\"a\":[1,2.5,null]}}",
        );
        o.raw("siblings", "[{\"rfilename\":\"README.md\"}]");
        o.str("modelId", &m.id);
    }
    o.end();
}
