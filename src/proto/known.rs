//! Values the Hub repeats on every model (providers, tasks, libraries), kept as a [`Name`]: a
//! known value borrows from the tables below instead of allocating, an unknown one is kept as
//! sent.

use std::borrow::Cow;

use crate::proto::name::Name;

/// Defines `fn $name(&str) -> Name` over a table of known values. A `match` on
/// string literals compiles to a length switch and a few comparisons.
macro_rules! known {
    ($(#[$meta:meta])* $name:ident [$($value:literal),* $(,)?]) => {
        $(#[$meta])*
        pub(crate) fn $name(value: &str) -> Name {
            Name(match value {
                $($value => Cow::Borrowed($value),)*
                other => Cow::Owned(other.to_owned()),
            })
        }
    };
}

/// The inference providers the official clients list in 2026, in alphabetical order. Names
/// are open: a provider that is not here (a new one, or one that left, such as nebius) is read
/// and sent like any other.
///
/// ```
/// assert!(hf_providers::KNOWN_PROVIDERS.contains(&"fireworks-ai"));
/// ```
pub const KNOWN_PROVIDERS: &[&str] = &[
    "baseten",
    "cerebras",
    "cohere",
    "deepinfra",
    "fal-ai",
    "featherless-ai",
    "fireworks-ai",
    "groq",
    "hf-inference",
    "novita",
    "nscale",
    "openai",
    "ovhcloud",
    "publicai",
    "replicate",
    "scaleway",
    "together",
    "wavespeed",
    "zai-org",
];

/// A provider's name, not allocated when it is one of [`KNOWN_PROVIDERS`].
pub(crate) fn provider(value: &str) -> Name {
    match KNOWN_PROVIDERS.iter().find(|&&known| known == value) {
        Some(known) => Name::from(*known),
        None => Name::from(value.to_owned()),
    }
}

known! {
    /// The Hub's pipeline tags, and the providers' `conversational`.
    task [
        "conversational", "text-generation", "text-to-image", "image-text-to-text",
        "text-to-video", "feature-extraction", "automatic-speech-recognition",
        "text-classification", "token-classification", "question-answering",
        "table-question-answering", "zero-shot-classification", "translation", "summarization",
        "fill-mask", "sentence-similarity", "text-to-speech", "text-to-audio", "audio-to-audio",
        "audio-classification", "voice-activity-detection", "depth-estimation",
        "image-classification", "object-detection", "image-segmentation", "image-to-text",
        "image-to-image", "image-to-video", "unconditional-image-generation",
        "video-classification", "reinforcement-learning", "robotics", "tabular-classification",
        "tabular-regression", "time-series-forecasting", "visual-question-answering",
        "document-question-answering", "zero-shot-image-classification", "mask-generation",
        "zero-shot-object-detection", "text-to-3d", "image-to-3d", "image-feature-extraction",
        "video-text-to-text", "keypoint-detection", "visual-document-retrieval", "any-to-any",
        "text-ranking", "text-retrieval", "other",
    ]
}

known! {
    /// The Hub's most common `library_name` values.
    library [
        "transformers", "diffusers", "sentence-transformers", "gguf", "peft", "timm",
        "transformers.js", "mlx", "onnx", "keras", "tf-keras", "pytorch", "safetensors",
        "adapter-transformers", "setfit", "sklearn", "spacy", "speechbrain", "nemo", "espnet",
        "fastai", "flair", "open_clip", "stable-baselines3", "ml-agents", "lerobot",
        "coreml", "llamafile", "ctranslate2", "pyannote-audio", "paddlenlp",
    ]
}

known! {
    /// What a model reads and writes, in the router's catalog.
    modality ["text", "image", "audio", "video"]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values_borrow_and_others_are_kept() {
        assert!(matches!(provider("fal-ai").0, Cow::Borrowed("fal-ai")));
        assert!(matches!(provider("brand-new").0, Cow::Owned(s) if s == "brand-new"));
        assert!(matches!(provider("deepinfra").0, Cow::Borrowed(_)));
        assert!(matches!(provider("nebius").0, Cow::Owned(s) if s == "nebius"));
        assert!(matches!(task("conversational").0, Cow::Borrowed(_)));
        assert!(matches!(library("transformers").0, Cow::Borrowed(_)));
        assert_eq!(task("Conversational"), "Conversational");
    }
}
