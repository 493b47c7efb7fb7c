//! What became of each provider when one was chosen, and why: the words of an explanation.

use std::fmt;

use crate::proto::catalog::RouterStatus;
use crate::proto::model::ProviderStatus;
use crate::proto::name::Name;
use crate::proto::number::shortest;
use crate::proto::text::Escaped;

/// What became of a candidate.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Verdict {
    /// The one to call.
    Chosen,
    /// Callable, but another ranked first.
    Lost(Loss),
    /// Not callable, or does not meet a need.
    Excluded(Exclusion),
}

/// Why a callable provider was not chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Loss {
    /// Lower throughput than the one chosen.
    Slower,
    /// No throughput published: ranked after those with one.
    NoThroughput,
    /// A higher output price (or the same, and a higher input price).
    Dearer,
    /// No output price published: ranked after those with one.
    NoPrice,
    /// A throughput that cannot be true (not above zero): ranked as if none was published.
    InvalidThroughput,
    /// A price that cannot be true (below zero, or `-0`): ranked as if none was published.
    InvalidPrice,
    /// As good, or not ranked by a metric: later in the Hub's order.
    LaterInOrder,
    /// Another provider was asked for by name.
    NotNamed,
}

/// Why a provider cannot be chosen.
#[derive(Clone, PartialEq)]
#[non_exhaustive]
pub enum Exclusion {
    /// Not `live` on the Hub (`staging`, `error`...).
    HubStatus(ProviderStatus),
    /// Mapped for another task than the one needed (this one).
    OtherTask(Name),
    /// The router's catalog lists the model, but not with this provider.
    NotRouted,
    /// Listed, but not `live` in the router (`error`, or no status).
    RouterStatus(Option<RouterStatus>),
    /// Tools are needed; the router says it has none.
    NoTools,
    /// Tools are needed; the router does not say.
    ToolsUnknown,
    /// Structured output is needed; the router says it has none.
    NoStructuredOutput,
    /// Structured output is needed; the router does not say.
    StructuredOutputUnknown,
    /// A context shorter than needed.
    ContextTooShort {
        /// The provider's context length.
        context: u64,
        /// The length needed.
        min: u64,
    },
    /// A context length is needed; the router does not say.
    ContextUnknown,
    /// A context length is needed; the router's (zero) cannot be true.
    ContextInvalid,
    /// An output price above the most allowed.
    TooExpensive {
        /// The provider's price, USD per million output tokens.
        output: f64,
        /// The most allowed.
        max: f64,
    },
    /// A price limit is set; the router publishes no output price.
    PriceUnknown,
    /// A price limit is set; the router's price cannot be true (below zero, or `-0`).
    PriceInvalid,
}

impl fmt::Debug for Exclusion {
    /// As derived, but with prices written by the JSON engine's float formatting: an error's
    /// `Debug` (what `main` returning an error prints) then costs a static binary no other
    /// float formatter.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Exclusion::HubStatus(status) => f.debug_tuple("HubStatus").field(status).finish(),
            Exclusion::OtherTask(task) => f.debug_tuple("OtherTask").field(task).finish(),
            Exclusion::NotRouted => f.write_str("NotRouted"),
            Exclusion::RouterStatus(status) => f.debug_tuple("RouterStatus").field(status).finish(),
            Exclusion::NoTools => f.write_str("NoTools"),
            Exclusion::ToolsUnknown => f.write_str("ToolsUnknown"),
            Exclusion::NoStructuredOutput => f.write_str("NoStructuredOutput"),
            Exclusion::StructuredOutputUnknown => f.write_str("StructuredOutputUnknown"),
            Exclusion::ContextTooShort { context, min } => f
                .debug_struct("ContextTooShort")
                .field("context", context)
                .field("min", min)
                .finish(),
            Exclusion::ContextUnknown => f.write_str("ContextUnknown"),
            Exclusion::ContextInvalid => f.write_str("ContextInvalid"),
            Exclusion::TooExpensive { output, max } => f
                .debug_struct("TooExpensive")
                .field("output", &format_args!("{}", shortest(*output)))
                .field("max", &format_args!("{}", shortest(*max)))
                .finish(),
            Exclusion::PriceUnknown => f.write_str("PriceUnknown"),
            Exclusion::PriceInvalid => f.write_str("PriceInvalid"),
        }
    }
}

impl fmt::Display for Loss {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Loss::Slower => "slower",
            Loss::NoThroughput => "no throughput published",
            Loss::Dearer => "dearer",
            Loss::NoPrice => "no price published",
            Loss::InvalidThroughput => "invalid throughput",
            Loss::InvalidPrice => "invalid price",
            Loss::LaterInOrder => "later in the Hub's order",
            Loss::NotNamed => "not the provider asked for",
        })
    }
}

impl fmt::Display for Exclusion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Exclusion::HubStatus(status) => write!(f, "{} on the Hub", Escaped(status.as_str())),
            Exclusion::OtherTask(task) => write!(f, "mapped for {}", Escaped(task)),
            Exclusion::NotRouted => f.write_str("not in the router's catalog"),
            Exclusion::RouterStatus(Some(status)) => {
                write!(f, "{} in the router", Escaped(status.as_str()))
            }
            Exclusion::RouterStatus(None) => f.write_str("no status in the router"),
            Exclusion::NoTools => f.write_str("no tools"),
            Exclusion::ToolsUnknown => f.write_str("tools unknown"),
            Exclusion::NoStructuredOutput => f.write_str("no structured output"),
            Exclusion::StructuredOutputUnknown => f.write_str("structured output unknown"),
            Exclusion::ContextTooShort { context, min } => write!(f, "context {context} < {min}"),
            Exclusion::ContextUnknown => f.write_str("context length unknown"),
            Exclusion::ContextInvalid => f.write_str("invalid context length"),
            Exclusion::TooExpensive { output, max } => {
                let (output, max) = (shortest(*output), shortest(*max));
                write!(f, "output price {output} > {max}")
            }
            Exclusion::PriceUnknown => f.write_str("output price unknown"),
            Exclusion::PriceInvalid => f.write_str("invalid price"),
        }
    }
}

impl fmt::Display for Verdict {
    /// `chosen`, or why not: `slower`, `staging on the Hub`, `context 32768 < 100000`...
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Verdict::Chosen => f.write_str("chosen"),
            Verdict::Lost(loss) => loss.fmt(f),
            Verdict::Excluded(why) => why.fmt(f),
        }
    }
}
