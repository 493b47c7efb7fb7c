//! `resolve --snippet`: a program that calls the provider `resolve` chose, in curl, Python or
//! JavaScript. Chat models go through the router's OpenAI-compatible chat completions with
//! `MODEL:PROVIDER`; other tasks through the official client's method for the task, with the
//! provider named. The token is read from `HF_TOKEN` where the program runs, never written in.

use std::fmt::Write as _;

use hf_providers::{Endpoint, PartnerList, ProviderMapping, RepoId};

use super::args::Language;
use super::json::to_json;

/// The official routers' address: the clients' own default.
const ROUTER: &str = "https://router.huggingface.co";

/// How a task is called through the official clients: the Python method, the JavaScript one,
/// what goes in (a prompt, or a file), and what comes out (printed, or written to a file).
struct Task {
    name: &'static str,
    python: &'static str,
    js: &'static str,
    /// A file to read, else a prompt.
    file_in: Option<&'static str>,
    /// A file to write, else printed.
    file_out: Option<&'static str>,
}

const fn task(
    name: &'static str,
    python: &'static str,
    js: &'static str,
    file_in: Option<&'static str>,
    file_out: Option<&'static str>,
) -> Task {
    Task {
        name,
        python,
        js,
        file_in,
        file_out,
    }
}

/// The tasks the official clients have a one-argument method for.
const TASKS: &[Task] = &[
    task(
        "text-to-image",
        "text_to_image",
        "textToImage",
        None,
        Some("image.png"),
    ),
    task(
        "text-to-video",
        "text_to_video",
        "textToVideo",
        None,
        Some("video.mp4"),
    ),
    task(
        "text-to-speech",
        "text_to_speech",
        "textToSpeech",
        None,
        Some("speech.flac"),
    ),
    task(
        "text-generation",
        "text_generation",
        "textGeneration",
        None,
        None,
    ),
    task(
        "text-classification",
        "text_classification",
        "textClassification",
        None,
        None,
    ),
    task(
        "token-classification",
        "token_classification",
        "tokenClassification",
        None,
        None,
    ),
    task(
        "feature-extraction",
        "feature_extraction",
        "featureExtraction",
        None,
        None,
    ),
    task(
        "summarization",
        "summarization",
        "summarization",
        None,
        None,
    ),
    task("translation", "translation", "translation", None, None),
    task("fill-mask", "fill_mask", "fillMask", None, None),
    task(
        "automatic-speech-recognition",
        "automatic_speech_recognition",
        "automaticSpeechRecognition",
        Some("sample.flac"),
        None,
    ),
    task(
        "audio-classification",
        "audio_classification",
        "audioClassification",
        Some("sample.flac"),
        None,
    ),
    task(
        "image-classification",
        "image_classification",
        "imageClassification",
        Some("cat.jpg"),
        None,
    ),
    task(
        "object-detection",
        "object_detection",
        "objectDetection",
        Some("cat.jpg"),
        None,
    ),
    task(
        "image-segmentation",
        "image_segmentation",
        "imageSegmentation",
        Some("cat.jpg"),
        None,
    ),
    task(
        "image-to-text",
        "image_to_text",
        "imageToText",
        Some("cat.jpg"),
        None,
    ),
];

/// The prompt of a snippet that takes one; `[MASK]` where the task fills one in.
fn prompt(task: &str) -> &'static str {
    match task {
        "fill-mask" => "The capital of France is [MASK].",
        "text-to-image" | "text-to-video" => "An astronaut riding a horse on the moon",
        _ => "Hugging Face is a community of builders.",
    }
}

/// The program calling `mapping` (the chosen provider's entry) for `model`; an error saying why
/// there is none (a task no client has a method for, a route curl has no documented call for,
/// or a provider name that could not be quoted safely).
pub fn snippet(
    language: Language,
    model: &RepoId,
    mapping: &ProviderMapping,
    router: &Endpoint,
) -> Result<String, String> {
    let provider = mapping.provider.as_str();
    // The names go into programs: only the characters they are made of, nothing to escape.
    PartnerList::new(provider)
        .map_err(|_| format!("the provider name {provider:?} is not one a program can name"))?;
    let chat = mapping.task == "conversational";
    let model = model.as_str();
    let router = router.as_str().trim_end_matches('/');
    let mut out = String::new();
    let task = mapping.task.as_str();
    let known = TASKS.iter().find(|t| t.name == task);
    let head = |out: &mut String, comment: &str, install: &str| {
        head(out, comment, model, provider, task, install);
    };
    match (language, chat) {
        (Language::Curl, true) => {
            head(&mut out, "#", "Needs curl");
            let body = format!(
                "{{\"model\": {}, \"messages\": [{{\"role\": \"user\", \"content\": \"Hello!\"}}]}}",
                to_json(&format!("{model}:{provider}"))
            );
            let _ = write!(
                out,
                "curl {} \\\n    -H \"Authorization: Bearer $HF_TOKEN\" \\\n    \
                 -H 'Content-Type: application/json' \\\n    -d {}\n",
                shell(&format!("{router}/v1/chat/completions")),
                shell(&body)
            );
        }
        (Language::Curl, false) => {
            // The one documented route outside chat: hf-inference's, by model.
            let (true, Some(task), None) = (
                provider == "hf-inference",
                known,
                known.and_then(|t| t.file_in),
            ) else {
                return Err(format!(
                    "no documented HTTP route for {} on {provider}: use --snippet python or js",
                    mapping.task
                ));
            };
            head(&mut out, "#", "Needs curl");
            let pipeline = match task.name {
                "feature-extraction" => "/pipeline/feature-extraction",
                _ => "",
            };
            let body = format!("{{\"inputs\": {}}}", to_json(prompt(task.name)));
            let _ = write!(
                out,
                "curl {} \\\n    -H \"Authorization: Bearer $HF_TOKEN\" \\\n    \
                 -H 'Content-Type: application/json' \\\n    -d {}{}\n",
                shell(&format!("{router}/hf-inference/models/{model}{pipeline}")),
                shell(&body),
                match task.file_out {
                    Some(file) => format!(" \\\n    -o {file}"),
                    None => String::new(),
                }
            );
        }
        (Language::Python, true) => {
            head(
                &mut out,
                "#",
                "Needs the openai package (pip install openai)",
            );
            let _ = write!(
                out,
                "import os\n\nfrom openai import OpenAI\n\n\
                 client = OpenAI(base_url={}, api_key=os.environ[\"HF_TOKEN\"])\n\
                 completion = client.chat.completions.create(\n    model={},\n    \
                 messages=[{{\"role\": \"user\", \"content\": \"Hello!\"}}],\n)\n\
                 print(completion.choices[0].message.content)\n",
                to_json(&format!("{router}/v1")),
                to_json(&format!("{model}:{provider}"))
            );
        }
        (Language::Js, true) => {
            head(&mut out, "//", JS_NEEDS);
            other_router(&mut out, "//", router);
            let _ = write!(
                out,
                "import {{ InferenceClient }} from \"@huggingface/inference\";\n\n\
                 const client = new InferenceClient(process.env.HF_TOKEN);\n\
                 const completion = await client.chatCompletion({{\n  provider: {},\n  \
                 model: {},\n  messages: [{{ role: \"user\", content: \"Hello!\" }}],\n}});\n\
                 console.log(completion.choices[0].message.content);\n",
                to_json(provider),
                to_json(model)
            );
        }
        (language, false) => {
            let task = known.ok_or_else(|| {
                format!(
                    "no snippet for the task {task}: the official clients have no one-call \
                     method for it"
                )
            })?;
            if language == Language::Python {
                python(&mut out, task, model, provider, router);
            } else {
                js(&mut out, task, model, provider, router);
            }
        }
    }
    // Nothing a server sent can reach the program but the provider's name, checked above, and
    // the task, matched against known ones.
    Ok(out)
}

/// A note that the official clients call the official router, when another one is configured.
fn other_router(out: &mut String, comment: &str, router: &str) {
    if router != ROUTER {
        let _ = writeln!(out, "{comment} (It calls {ROUTER}, not {router}.)");
    }
}

/// What a JavaScript program needs.
const JS_NEEDS: &str = "Needs @huggingface/inference (npm install @huggingface/inference); run \
                        it as an ES\n// module (a .mjs file)";

/// The program's first lines: what it calls, and what it needs.
fn head(out: &mut String, comment: &str, model: &str, provider: &str, task: &str, install: &str) {
    let _ = writeln!(
        out,
        "{comment} Calls {model} on {provider}, the provider hf-providers chose ({task})."
    );
    let _ = writeln!(out, "{comment} {install}; then set HF_TOKEN to your token.");
}

fn python(out: &mut String, task: &Task, model: &str, provider: &str, router: &str) {
    let install = "Needs huggingface_hub (pip install huggingface_hub)";
    head(out, "#", model, provider, task.name, install);
    other_router(out, "#", router);
    let input = match task.file_in {
        Some(file) => to_json(file),
        None => to_json(prompt(task.name)),
    };
    let _ = write!(
        out,
        "import os\n\nfrom huggingface_hub import InferenceClient\n\n\
         client = InferenceClient(provider={}, api_key=os.environ[\"HF_TOKEN\"])\n\
         result = client.{}({input}, model={})\n",
        to_json(provider),
        task.python,
        to_json(model)
    );
    let _ = match (task.file_out, task.name) {
        (Some(file), "text-to-image") => writeln!(out, "result.save({})", to_json(file)),
        (Some(file), _) => writeln!(
            out,
            "with open({}, \"wb\") as f:\n    f.write(result)",
            to_json(file)
        ),
        (None, _) => writeln!(out, "print(result)"),
    };
}

fn js(out: &mut String, task: &Task, model: &str, provider: &str, router: &str) {
    head(out, "//", model, provider, task.name, JS_NEEDS);
    other_router(out, "//", router);
    let files: Vec<&str> = [(task.file_in, "readFile"), (task.file_out, "writeFile")]
        .iter()
        .filter(|(file, _)| file.is_some())
        .map(|(_, name)| *name)
        .collect();
    if !files.is_empty() {
        let _ = writeln!(
            out,
            "import {{ {} }} from \"node:fs/promises\";",
            files.join(", ")
        );
    }
    let input = match task.file_in {
        Some(file) => format!("data: new Blob([await readFile({})])", to_json(file)),
        None => format!("inputs: {}", to_json(prompt(task.name))),
    };
    let _ = write!(
        out,
        "import {{ InferenceClient }} from \"@huggingface/inference\";\n\n\
         const client = new InferenceClient(process.env.HF_TOKEN);\n\
         const result = await client.{}({{\n  provider: {},\n  model: {},\n  {input},\n}});\n",
        task.js,
        to_json(provider),
        to_json(model)
    );
    let _ = match task.file_out {
        Some(file) => writeln!(
            out,
            "await writeFile({}, Buffer.from(await result.arrayBuffer()));",
            to_json(file)
        ),
        None => writeln!(out, "console.log(result);"),
    };
}

/// `text` as one shell word: single-quoted, a quote in it closed, escaped and reopened.
fn shell(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}
