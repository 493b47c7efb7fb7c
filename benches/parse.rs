//! Parse throughput of `parse::model_list` and `parse::model_ids` on 1,000-model listing pages,
//! and of `parse::catalog` on a 300-model router catalog, under each JSON engine, beside two
//! serde_json references on the same bytes: a generic tree (`serde_json::Value`) and
//! validation only (`serde::de::IgnoredAny`, the floor).
//!
//! ```sh
//! cargo bench --all-features --bench parse                 # the table
//! cargo bench --all-features --bench parse -- --quick      # fewer, shorter samples
//! cargo bench --all-features --bench parse -- --allocs     # allocations per page
//! cargo bench --all-features --bench parse -- --probes     # other designs, for comparison
//! ```
//!
//! A hand-written harness, not criterion: CI runs `cargo clippy --all-targets`, and a bench
//! dependency would be compiled there on every run.
//!
//! `--run CASE default|mapping|catalog N` parses N times and prints nothing: `benches/callgrind.sh` runs it
//! under valgrind with two values of N and subtracts, for an instruction count per parse that
//! the machine's noise cannot touch.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering::Relaxed};
use std::time::{Duration, Instant};

use hf_providers::parse::{miniserde_engine, serde_engine};
use hf_providers::{CatalogModel, Model};

const MODELS_PER_PAGE: usize = 1000;
/// About three times the router's catalog in 2026.
const CATALOG_MODELS: usize = 300;

// ---------------------------------------------------------------------------------------------
// Allocation counting, off while timing: when off it costs one relaxed load per allocation.

struct Counting;

static COUNTING: AtomicBool = AtomicBool::new(false);
static ALLOCS: AtomicU64 = AtomicU64::new(0);
static ALLOC_BYTES: AtomicU64 = AtomicU64::new(0);
/// Signed: a case may free what was allocated before counting started.
static LIVE: AtomicI64 = AtomicI64::new(0);
static PEAK: AtomicI64 = AtomicI64::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNTING.load(Relaxed) {
            note_alloc(layout.size() as u64);
        }
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if COUNTING.load(Relaxed) {
            LIVE.fetch_sub(layout.size() as i64, Relaxed);
        }
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if COUNTING.load(Relaxed) {
            LIVE.fetch_sub(layout.size() as i64, Relaxed);
            note_alloc(new_size as u64);
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

fn note_alloc(size: u64) {
    ALLOCS.fetch_add(1, Relaxed);
    ALLOC_BYTES.fetch_add(size, Relaxed);
    let live = LIVE.fetch_add(size as i64, Relaxed) + size as i64;
    PEAK.fetch_max(live, Relaxed);
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations (count, bytes, peak of live bytes above the start) made by one call of `f`, its
/// result included and freed.
fn count_allocs(f: &dyn Fn(&[u8]) -> usize, page: &[u8]) -> (u64, u64, u64) {
    ALLOCS.store(0, Relaxed);
    ALLOC_BYTES.store(0, Relaxed);
    LIVE.store(0, Relaxed);
    PEAK.store(0, Relaxed);
    COUNTING.store(true, Relaxed);
    black_box(f(black_box(page)));
    COUNTING.store(false, Relaxed);
    (
        ALLOCS.load(Relaxed),
        ALLOC_BYTES.load(Relaxed),
        PEAK.load(Relaxed).max(0) as u64,
    )
}

// ---------------------------------------------------------------------------------------------
// The pages: deterministic, in the Hub's listing shapes (tests/fixtures/list-*.json).

#[path = "../tests/support/rng.rs"]
mod rng;
use rng::Rng;

const ORGS: [&str; 12] = [
    "meta-llama",
    "Qwen",
    "deepseek-ai",
    "google",
    "mistralai",
    "microsoft",
    "black-forest-labs",
    "stabilityai",
    "sentence-transformers",
    "BAAI",
    "nvidia",
    "unsloth",
];
const TASKS: [&str; 8] = [
    "text-generation",
    "image-text-to-text",
    "text-to-image",
    "feature-extraction",
    "automatic-speech-recognition",
    "text-classification",
    "sentence-similarity",
    "text-to-video",
];
const LIBRARIES: [&str; 5] = [
    "transformers",
    "diffusers",
    "sentence-transformers",
    "gguf",
    "peft",
];
const COMMON_TAGS: [&str; 14] = [
    "safetensors",
    "conversational",
    "custom_code",
    "autotrain_compatible",
    "text-generation-inference",
    "endpoints_compatible",
    "fp8",
    "en",
    "zh",
    "chat",
    "pytorch",
    "llama",
    "qwen2",
    "mistral",
];
const PROVIDERS: [&str; 10] = [
    "hf-inference",
    "together",
    "nebius",
    "groq",
    "fireworks-ai",
    "sambanova",
    "novita",
    "fal-ai",
    "replicate",
    "cerebras",
];

/// The router's providers in 2026 (router-api.md).
const ROUTER_PROVIDERS: [&str; 10] = [
    "hf-inference",
    "together",
    "deepinfra",
    "groq",
    "fireworks-ai",
    "novita",
    "nscale",
    "cerebras",
    "featherless-ai",
    "scaleway",
];

fn model_id(rng: &mut Rng, i: usize) -> String {
    format!(
        "{}/Model-{}B-v{}-{i:05}",
        rng.pick(&ORGS),
        1 + rng.below(70),
        rng.below(4)
    )
}

fn iso_date(rng: &mut Rng) -> String {
    format!(
        "20{:02}-{:02}-{:02}T{:02}:{:02}:{:02}.000Z",
        21 + rng.below(5),
        1 + rng.below(12),
        1 + rng.below(28),
        rng.below(24),
        rng.below(60),
        rng.below(60)
    )
}

/// The default listing shape: `GET /api/models` without `expand[]`.
fn default_page() -> String {
    let mut rng = Rng::new(0x5eed_0001);
    let mut out = String::from("[");
    for i in 0..MODELS_PER_PAGE {
        if i > 0 {
            out.push(',');
        }
        let id = model_id(&mut rng, i);
        let task = rng.pick(&TASKS);
        let library = rng.pick(&LIBRARIES);
        let mut tags = vec![library.to_owned()];
        // 10 to 15 tags in all, as on the Hub's busiest models.
        let extra = 6 + rng.below(6);
        for _ in 0..extra {
            let t = match rng.below(6) {
                0 => format!("arxiv:{}.{:05}", 2300 + rng.below(200), rng.below(20000)),
                1 => format!("base_model:{}", model_id(&mut rng, i / 2)),
                _ => rng.pick(&COMMON_TAGS).to_owned(),
            };
            tags.push(t);
        }
        tags.push(task.to_owned());
        tags.push(format!(
            "license:{}",
            rng.pick(&["mit", "apache-2.0", "llama3.1"])
        ));
        tags.push("region:us".to_owned());
        let tags: Vec<String> = tags.iter().map(|t| format!("\"{t}\"")).collect();
        out.push_str(&format!(
            "{{\"_id\":\"{:024x}\",\"id\":\"{id}\",\"likes\":{},\"trendingScore\":{},\
             \"private\":false,\"downloads\":{},\"tags\":[{}],\"pipeline_tag\":\"{task}\",\
             \"library_name\":\"{library}\",\"createdAt\":\"{}\",\"modelId\":\"{id}\"}}",
            0x6700_0000_0000_0000_u64 + i as u64 * 0x1_0001,
            rng.below(20_000),
            rng.below(120),
            rng.below(5_000_000),
            tags.join(","),
            iso_date(&mut rng),
        ));
    }
    out.push(']');
    out
}

/// The `expand[]=inferenceProviderMapping` shape: `_id`, `id` and the mapping as a list, as
/// `--provider` listings ask for it (every model served by one to four providers).
fn mapping_page() -> String {
    let mut rng = Rng::new(0x5eed_0002);
    let mut out = String::from("[");
    for i in 0..MODELS_PER_PAGE {
        if i > 0 {
            out.push(',');
        }
        let id = model_id(&mut rng, i);
        let task = match rng.pick(&TASKS) {
            "text-generation" | "image-text-to-text" => "conversational",
            t => t,
        };
        let served = [1, 1, 1, 1, 2, 2, 2, 3, 3, 4][rng.below(10)];
        let first = rng.below(PROVIDERS.len());
        let mut entries = Vec::new();
        for k in 0..served {
            let provider = PROVIDERS[(first + k * 3) % PROVIDERS.len()];
            let status = if rng.below(6) == 0 { "staging" } else { "live" };
            let provider_id = if rng.below(2) == 0 {
                id.clone()
            } else {
                format!("accounts/{provider}/models/{}", id.to_lowercase())
            };
            let adapter = if rng.below(40) == 0 {
                ",\"adapter\":\"lora\",\"adapterWeightsPath\":\"lora.safetensors\""
            } else {
                ""
            };
            entries.push(format!(
                "{{\"provider\":\"{provider}\",\"providerId\":\"{provider_id}\",\
                 \"status\":\"{status}\",\"task\":\"{task}\"{adapter}}}"
            ));
        }
        out.push_str(&format!(
            "{{\"_id\":\"{:024x}\",\"id\":\"{id}\",\"inferenceProviderMapping\":[{}]}}",
            0x6600_0000_0000_0000_u64 + i as u64 * 0x1_0001,
            entries.join(",")
        ));
    }
    out.push(']');
    out
}

/// The router's catalog, `GET /v1/models`, in its documented shape (router-api.md): every model
/// served by one to six providers, most with every metric, some with only a status.
fn catalog_page() -> String {
    let mut rng = Rng::new(0x5eed_0003);
    let mut out = String::from("{\"object\":\"list\",\"data\":[");
    for i in 0..CATALOG_MODELS {
        if i > 0 {
            out.push(',');
        }
        let id = model_id(&mut rng, i);
        let owner = id.split('/').next().unwrap_or_default().to_owned();
        let served = 1 + rng.below(6);
        let first = rng.below(ROUTER_PROVIDERS.len());
        let mut entries = Vec::new();
        for k in 0..served {
            let provider = ROUTER_PROVIDERS[(first + k * 3) % ROUTER_PROVIDERS.len()];
            let status = if rng.below(10) == 0 { "error" } else { "live" };
            if rng.below(8) == 0 {
                entries.push(format!(
                    "{{\"provider\":\"{provider}\",\"status\":\"{status}\",\"is_model_author\":false}}"
                ));
                continue;
            }
            let pricing = if rng.below(6) == 0 {
                String::new()
            } else {
                format!(
                    "\"pricing\":{{\"input\":{},\"output\":{}}},",
                    rng.below(300) as f64 / 100.0,
                    rng.below(900) as f64 / 100.0 + 0.05
                )
            };
            entries.push(format!(
                "{{\"provider\":\"{provider}\",\"status\":\"{status}\",\"context_length\":{},{pricing}\
                 \"supports_tools\":{},\"supports_structured_output\":{},\
                 \"first_token_latency_ms\":{}.{},\"throughput\":{}.{:014},\"is_model_author\":false}}",
                [8_192, 32_768, 131_072, 262_144, 1_048_576][rng.below(5)],
                rng.below(4) != 0,
                rng.below(2) == 0,
                100 + rng.below(2000),
                rng.below(10),
                5 + rng.below(400),
                rng.next_u64() % 100_000_000_000_000,
            ));
        }
        out.push_str(&format!(
            "{{\"id\":\"{id}\",\"object\":\"model\",\"created\":{},\"owned_by\":\"{owner}\",\
             \"architecture\":{{\"input_modalities\":[\"text\"{}],\"output_modalities\":[\"text\"]}},\
             \"providers\":[{}]}}",
            1_700_000_000 + rng.below(80_000_000),
            if rng.below(3) == 0 { ",\"image\"" } else { "" },
            entries.join(",")
        ));
    }
    out.push_str("]}");
    out
}

// ---------------------------------------------------------------------------------------------
// The cases

struct Case {
    name: &'static str,
    /// Parses a page; returns something that depends on the whole result, so nothing is
    /// optimised away.
    run: fn(&[u8]) -> usize,
}

fn typed(models: Result<Vec<Model>, hf_providers::Error>) -> usize {
    let models = models.expect("the page parses");
    models.len() + models.last().map_or(0, |m| m.id.len())
}

fn typed_catalog(models: Result<Vec<CatalogModel>, hf_providers::Error>) -> usize {
    let models = models.expect("the catalog parses");
    models.len() + models.last().map_or(0, |m| m.providers.len())
}

const FLOOR: &str = "serde_json IgnoredAny";

const CASES: [Case; 7] = [
    Case {
        name: "model_list serde_json",
        run: |b| typed(serde_engine::model_list(b)),
    },
    Case {
        name: "model_list miniserde",
        run: |b| typed(miniserde_engine::model_list(b)),
    },
    Case {
        name: "model_ids serde_json",
        run: |b| serde_engine::model_ids(b).expect("parses").len(),
    },
    Case {
        name: "model_ids miniserde",
        run: |b| miniserde_engine::model_ids(b).expect("parses").len(),
    },
    Case {
        name: "serde_json Value",
        run: |b| match serde_json::from_slice::<serde_json::Value>(b).expect("valid JSON") {
            serde_json::Value::Array(items) => items.len(),
            _ => 0,
        },
    },
    Case {
        name: FLOOR,
        run: |b| {
            serde_json::from_slice::<serde::de::IgnoredAny>(b).expect("valid JSON");
            b.len()
        },
    },
    Case {
        name: "miniserde Value",
        run: |b| {
            let text = std::str::from_utf8(b).expect("UTF-8");
            match miniserde::json::from_str::<miniserde::json::Value>(text).expect("valid JSON") {
                miniserde::json::Value::Array(items) => items.len(),
                _ => 0,
            }
        },
    },
];

/// The catalog's cases: the typed parse under each engine, beside the same references.
const CATALOG_CASES: [Case; 5] = [
    Case {
        name: "catalog serde_json",
        run: |b| typed_catalog(serde_engine::catalog(b)),
    },
    Case {
        name: "catalog miniserde",
        run: |b| typed_catalog(miniserde_engine::catalog(b)),
    },
    Case {
        name: "serde_json Value",
        run: |b| usize::from(serde_json::from_slice::<serde_json::Value>(b).is_ok()),
    },
    Case {
        name: FLOOR,
        run: |b| {
            serde_json::from_slice::<serde::de::IgnoredAny>(b).expect("valid JSON");
            b.len()
        },
    },
    Case {
        name: "miniserde Value",
        run: |b| {
            let text = std::str::from_utf8(b).expect("UTF-8");
            usize::from(miniserde::json::from_str::<miniserde::json::Value>(text).is_ok())
        },
    },
];

// ---------------------------------------------------------------------------------------------
// Probes (`--probes`): not the crate's code, but what other designs would cost on the same bytes,
// to size the possible gains. Unknown keys are skipped with `IgnoredAny` here, which validates a
// little less than the crate's `Skip` (see src/parse/serde_engine.rs).

mod probe {
    use serde::Deserialize;

    /// Plain `#[derive(Deserialize)]` into the fields `Model` keeps, strings owned.
    #[derive(Deserialize)]
    #[allow(dead_code)]
    pub struct Owned {
        id: String,
        author: Option<String>,
        sha: Option<String>,
        #[serde(rename = "createdAt")]
        created_at: Option<String>,
        #[serde(rename = "lastModified")]
        last_modified: Option<String>,
        private: Option<bool>,
        disabled: Option<bool>,
        downloads: Option<u64>,
        likes: Option<u64>,
        #[serde(rename = "trendingScore")]
        trending_score: Option<i64>,
        library_name: Option<String>,
        pipeline_tag: Option<String>,
        #[serde(default)]
        tags: Vec<String>,
        inference: Option<String>,
        #[serde(rename = "inferenceProviderMapping")]
        mapping: Option<Vec<OwnedMapping>>,
    }

    #[derive(Deserialize)]
    #[allow(dead_code)]
    pub struct OwnedMapping {
        provider: String,
        #[serde(rename = "providerId")]
        provider_id: String,
        status: String,
        task: String,
        adapter: Option<String>,
        #[serde(rename = "adapterWeightsPath")]
        adapter_weights_path: Option<String>,
    }

    /// The same, borrowing every string from the page: no allocation but the vectors.
    #[derive(Deserialize)]
    #[allow(dead_code)]
    pub struct Borrowed<'a> {
        id: &'a str,
        author: Option<&'a str>,
        sha: Option<&'a str>,
        #[serde(rename = "createdAt")]
        created_at: Option<&'a str>,
        #[serde(rename = "lastModified")]
        last_modified: Option<&'a str>,
        private: Option<bool>,
        disabled: Option<bool>,
        downloads: Option<u64>,
        likes: Option<u64>,
        #[serde(rename = "trendingScore")]
        trending_score: Option<i64>,
        library_name: Option<&'a str>,
        pipeline_tag: Option<&'a str>,
        #[serde(default, borrow)]
        tags: Vec<&'a str>,
        inference: Option<&'a str>,
        #[serde(rename = "inferenceProviderMapping", borrow)]
        mapping: Option<Vec<BorrowedMapping<'a>>>,
    }

    #[derive(Deserialize)]
    #[allow(dead_code)]
    pub struct BorrowedMapping<'a> {
        provider: &'a str,
        #[serde(rename = "providerId")]
        provider_id: &'a str,
        status: &'a str,
        task: &'a str,
        adapter: Option<&'a str>,
        #[serde(rename = "adapterWeightsPath")]
        adapter_weights_path: Option<&'a str>,
    }

    /// Only the id: all that `hf-providers models` prints without `--json`.
    #[derive(Deserialize)]
    pub struct IdOnly {
        pub id: String,
    }

    /// `Owned` with the tags collected into a reused scratch vector and then copied into one
    /// exact allocation, instead of growing 0, 4, 8, 16.
    #[derive(Deserialize)]
    #[allow(dead_code)]
    pub struct ExactTags {
        id: String,
        #[serde(rename = "createdAt")]
        created_at: Option<String>,
        private: Option<bool>,
        downloads: Option<u64>,
        likes: Option<u64>,
        #[serde(rename = "trendingScore")]
        trending_score: Option<i64>,
        library_name: Option<String>,
        pipeline_tag: Option<String>,
        #[serde(default, deserialize_with = "exact_tags")]
        tags: Vec<String>,
        #[serde(rename = "inferenceProviderMapping")]
        mapping: Option<Vec<OwnedMapping>>,
    }

    /// `Owned` with the strings that repeat across models (tags, library, task) shared, one
    /// allocation per distinct value in a page.
    #[derive(Deserialize)]
    #[allow(dead_code)]
    pub struct Interned {
        id: String,
        #[serde(rename = "createdAt")]
        created_at: Option<String>,
        private: Option<bool>,
        downloads: Option<u64>,
        likes: Option<u64>,
        #[serde(rename = "trendingScore")]
        trending_score: Option<i64>,
        #[serde(default, deserialize_with = "interned_opt")]
        library_name: Option<Arc<str>>,
        #[serde(default, deserialize_with = "interned_opt")]
        pipeline_tag: Option<Arc<str>>,
        #[serde(default, deserialize_with = "interned_tags")]
        tags: Vec<Arc<str>>,
        #[serde(rename = "inferenceProviderMapping")]
        mapping: Option<Vec<OwnedMapping>>,
    }

    use std::cell::RefCell;
    use std::collections::HashSet;
    use std::sync::Arc;

    thread_local! {
        static SCRATCH: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
        /// Cleared before each page by the probe's case.
        pub static STRINGS: RefCell<HashSet<Arc<str>>> = RefCell::new(HashSet::new());
    }

    fn exact_tags<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Vec<String>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a list of strings")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Self::Value, A::Error> {
                SCRATCH.with(|scratch| {
                    let mut scratch = scratch.borrow_mut();
                    scratch.clear();
                    while let Some(tag) = seq.next_element::<String>()? {
                        scratch.push(tag);
                    }
                    Ok(scratch.drain(..).collect())
                })
            }
        }
        d.deserialize_seq(V)
    }

    fn intern(s: &str) -> Arc<str> {
        STRINGS.with(|set| {
            let mut set = set.borrow_mut();
            if let Some(shared) = set.get(s) {
                return Arc::clone(shared);
            }
            let shared: Arc<str> = s.into();
            set.insert(Arc::clone(&shared));
            shared
        })
    }

    /// A string borrowed from the page unless it had escapes (serde's own `Cow<str>` always
    /// allocates).
    struct Str<'de>(std::borrow::Cow<'de, str>);

    impl<'de> Deserialize<'de> for Str<'de> {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> serde::de::Visitor<'de> for V {
                type Value = Str<'de>;
                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str("a string")
                }
                fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Str<'de>, E> {
                    Ok(Str(s.into()))
                }
                fn visit_str<E>(self, s: &str) -> Result<Str<'de>, E> {
                    Ok(Str(s.to_owned().into()))
                }
            }
            d.deserialize_str(V)
        }
    }

    fn interned_opt<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Arc<str>>, D::Error> {
        Ok(Option::<Str<'de>>::deserialize(d)?.map(|s| intern(&s.0)))
    }

    fn interned_tags<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Arc<str>>, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Vec<Arc<str>>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a list of strings")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Self::Value, A::Error> {
                let mut tags = Vec::new();
                while let Some(tag) = seq.next_element::<Str<'de>>()? {
                    tags.push(intern(&tag.0));
                }
                Ok(tags)
            }
        }
        d.deserialize_seq(V)
    }
}

/// A copy of the private `nesting_exceeds` of src/parse/miniserde_engine.rs, which the miniserde
/// engine runs over every body before parsing it: its cost alone.
fn nesting_exceeds(json: &[u8], limit: usize) -> bool {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for &b in json {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth >= limit {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

const PROBES: [Case; 6] = [
    Case {
        name: "probe: derive, owned",
        run: |b| {
            serde_json::from_slice::<Vec<probe::Owned>>(b)
                .expect("parses")
                .len()
        },
    },
    Case {
        name: "probe: derive, borrowed",
        run: |b| {
            serde_json::from_slice::<Vec<probe::Borrowed>>(b)
                .expect("parses")
                .len()
        },
    },
    Case {
        name: "probe: nesting scan",
        run: |b| usize::from(nesting_exceeds(b, 128)),
    },
    Case {
        name: "probe: derive, exact tags",
        run: |b| {
            serde_json::from_slice::<Vec<probe::ExactTags>>(b)
                .expect("parses")
                .len()
        },
    },
    Case {
        name: "probe: derive, interned",
        run: |b| {
            probe::STRINGS.with(|set| set.borrow_mut().clear());
            serde_json::from_slice::<Vec<probe::Interned>>(b)
                .expect("parses")
                .len()
        },
    },
    Case {
        name: "probe: id only",
        run: |b| {
            let models = serde_json::from_slice::<Vec<probe::IdOnly>>(b).expect("parses");
            models.len() + models.last().map_or(0, |m| m.id.len())
        },
    },
];

// ---------------------------------------------------------------------------------------------
// Timing

struct Settings {
    warmup: Duration,
    sample: Duration,
    samples: usize,
}

struct Timing {
    /// Seconds per parse: the median of the samples, then the fastest and slowest sample.
    median: f64,
    min: f64,
    max: f64,
}

/// Calibrates a batch of parses lasting about `settings.sample` for each case (the warm-up,
/// which also brings the page into the caches), then takes the samples round-robin across the
/// cases, so a burst of load from other processes hits every case alike rather than one.
fn time_all(cases: &[&Case], page: &[u8], settings: &Settings) -> Vec<Timing> {
    let batches: Vec<u64> = cases
        .iter()
        .map(|case| {
            let start = Instant::now();
            let mut runs = 0u64;
            while start.elapsed() < settings.warmup || runs < 3 {
                black_box((case.run)(black_box(page)));
                runs += 1;
            }
            let per_run = start.elapsed().as_secs_f64() / runs as f64;
            ((settings.sample.as_secs_f64() / per_run) as u64).max(1)
        })
        .collect();
    let mut samples = vec![Vec::with_capacity(settings.samples); cases.len()];
    for _ in 0..settings.samples {
        for ((case, &batch), out) in cases.iter().zip(&batches).zip(&mut samples) {
            let t = Instant::now();
            for _ in 0..batch {
                black_box((case.run)(black_box(page)));
            }
            out.push(t.elapsed().as_secs_f64() / batch as f64);
        }
    }
    samples
        .into_iter()
        .map(|mut s| {
            s.sort_by(f64::total_cmp);
            Timing {
                median: s[s.len() / 2],
                min: s[0],
                max: s[s.len() - 1],
            }
        })
        .collect()
}

fn mb_per_s(bytes: usize, seconds: f64) -> f64 {
    bytes as f64 / seconds / 1e6
}

fn main() {
    // `cargo bench` passes `--bench`; a word that is not a flag filters the cases.
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(i) = args.iter().position(|a| a == "--run") {
        return run_only(&args[i + 1..]);
    }
    if let Some(i) = args.iter().position(|a| a == "--size") {
        let page = page(args.get(i + 1).map_or("", String::as_str));
        return println!("{}", page.len());
    }
    let quick = args.iter().any(|a| a == "--quick");
    let allocs = args.iter().any(|a| a == "--allocs");
    let probes = args.iter().any(|a| a == "--probes");
    let filter: Vec<&str> = args
        .iter()
        .filter(|a| !a.starts_with("--"))
        .map(String::as_str)
        .collect();
    let settings = if quick {
        Settings {
            warmup: Duration::from_millis(200),
            sample: Duration::from_millis(50),
            samples: 5,
        }
    } else {
        Settings {
            warmup: Duration::from_millis(500),
            sample: Duration::from_millis(200),
            samples: 15,
        }
    };

    // (name, body, models in it, its cases, the probes that apply)
    #[allow(clippy::type_complexity)]
    let pages: [(&str, String, usize, &[Case], &[Case]); 3] = [
        (
            "default fields",
            default_page(),
            MODELS_PER_PAGE,
            &CASES,
            &PROBES,
        ),
        (
            "expand[]=inferenceProviderMapping",
            mapping_page(),
            MODELS_PER_PAGE,
            &CASES,
            &PROBES,
        ),
        (
            "router catalog",
            catalog_page(),
            CATALOG_MODELS,
            &CATALOG_CASES,
            &[],
        ),
    ];
    for (name, page, ..) in &pages {
        check(name, page.as_bytes());
    }

    println!(
        "parse bench: median of {} samples of ~{} ms each (min..max in brackets); ratio = speed \
         / {FLOOR}",
        settings.samples,
        settings.sample.as_millis()
    );
    for (name, page, models, page_cases, page_probes) in &pages {
        let bytes = page.as_bytes();
        println!();
        println!(
            "page: {name}, {models} models, {} bytes ({:.1} KiB), {} bytes a model",
            bytes.len(),
            bytes.len() as f64 / 1024.0,
            bytes.len() / models
        );
        let cases: Vec<&Case> = page_cases
            .iter()
            .chain(if probes { *page_probes } else { &[] })
            .filter(|c| {
                c.name == FLOOR || filter.is_empty() || filter.iter().any(|f| c.name.contains(f))
            })
            .collect();
        let timings = time_all(&cases, bytes, &settings);
        let floor = cases
            .iter()
            .zip(&timings)
            .find(|(c, _)| c.name == FLOOR)
            .map(|(_, t)| t.median)
            .expect("the floor is always measured");
        println!(
            "  {:<26} {:>8} {:>19} {:>10} {:>9}",
            "case", "MB/s", "(min..max MB/s)", "us/page", "vs floor"
        );
        for (case, t) in cases.iter().zip(&timings) {
            println!(
                "  {:<26} {:>8.1} {:>19} {:>10.1} {:>8.0}%",
                case.name,
                mb_per_s(bytes.len(), t.median),
                format!(
                    "({:.0}..{:.0})",
                    mb_per_s(bytes.len(), t.max),
                    mb_per_s(bytes.len(), t.min)
                ),
                t.median * 1e6,
                floor / t.median * 100.0
            );
        }
        if allocs {
            println!(
                "  {:<26} {:>8} {:>12} {:>12} {:>12}",
                "allocations", "count", "per model", "bytes", "peak live"
            );
            for case in &cases {
                let (n, total, peak) = count_allocs(&case.run, bytes);
                println!(
                    "  {:<26} {:>8} {:>12.1} {:>12} {:>12}",
                    case.name,
                    n,
                    n as f64 / *models as f64,
                    total,
                    peak
                );
            }
        }
    }
    if allocs {
        println!();
        println!(
            "size_of::<Model>() = {} bytes, size_of::<ProviderMapping>() = {} bytes",
            std::mem::size_of::<Model>(),
            std::mem::size_of::<hf_providers::ProviderMapping>()
        );
    }
}

/// The engines must read the pages alike, or the speeds compare different work.
fn check(name: &str, page: &[u8]) {
    if name == "router catalog" {
        let a = serde_engine::catalog(page).expect("serde_json parses the catalog");
        let b = miniserde_engine::catalog(page).expect("miniserde parses the catalog");
        assert_eq!(a.len(), CATALOG_MODELS);
        assert_eq!(a, b, "the engines disagree on the catalog");
        return;
    }
    let a = serde_engine::model_list(page).expect("serde_json parses the page");
    let b = miniserde_engine::model_list(page).expect("miniserde parses the page");
    assert_eq!(a.len(), MODELS_PER_PAGE, "{name}");
    assert_eq!(a, b, "the engines disagree on the {name} page");
}

fn page(name: &str) -> String {
    match name {
        "default" => default_page(),
        "mapping" => mapping_page(),
        "catalog" => catalog_page(),
        _ => panic!("pages: default, mapping, catalog"),
    }
}

/// `--run CASE PAGE N`: N parses of one page by one case, for callgrind.
fn run_only(args: &[String]) {
    let usage = "usage: parse --run CASE_SUBSTRING default|mapping|catalog N";
    let [case, page, n] = args else {
        panic!("{usage}")
    };
    let cases: &[Case] = if page == "catalog" {
        &CATALOG_CASES
    } else {
        &CASES
    };
    let case = cases
        .iter()
        .chain(&PROBES)
        .find(|c| c.name.contains(case.as_str()))
        .unwrap_or_else(|| panic!("no case matches {case:?}"));
    let page = self::page(page);
    let n: u64 = n.parse().expect(usage);
    for _ in 0..n {
        black_box((case.run)(black_box(page.as_bytes())));
    }
}
