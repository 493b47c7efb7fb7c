//! Choosing the provider for a model from its mapping, as the official clients do.
//!
//! (Named apart from [`url`](crate::proto::url)'s joining of links: this module chooses,
//! that one resolves references.)

use std::convert::Infallible;
use std::str::FromStr;

use crate::proto::error::{Error, NoProviderReason};
use crate::proto::model::ProviderMapping;

/// Which provider to use.
///
/// ```
/// use hf_providers::ProviderChoice;
/// assert_eq!("auto".parse::<ProviderChoice>().unwrap(), ProviderChoice::Auto);
/// assert_eq!(ProviderChoice::from("groq"), ProviderChoice::Named("groq".into()));
/// assert_eq!(ProviderChoice::Named("groq".into()).to_string(), "groq");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ProviderChoice {
    /// The first `live` provider in the Hub's order (the order the user set on the Hub).
    #[default]
    Auto,
    /// This provider, which must serve the model `live`.
    Named(String),
}

impl From<&str> for ProviderChoice {
    fn from(s: &str) -> Self {
        if s == "auto" {
            ProviderChoice::Auto
        } else {
            ProviderChoice::Named(s.to_owned())
        }
    }
}

impl std::fmt::Display for ProviderChoice {
    /// `auto` or the provider's name, as the command line takes it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ProviderChoice::Auto => f.write_str("auto"),
            ProviderChoice::Named(name) => f.write_str(name),
        }
    }
}

impl FromStr for ProviderChoice {
    type Err = Infallible;
    fn from_str(s: &str) -> Result<Self, Infallible> {
        Ok(ProviderChoice::from(s))
    }
}

/// Picks the entry of `mapping` (in the Hub's order) for `choice`.
///
/// # Errors
///
/// [`Error::NoProvider`] when no entry fits `choice`, with the reason.
///
/// ```
/// use hf_providers::proto::choice::choose;
/// use hf_providers::{Error, ProviderChoice, ProviderMapping, ProviderStatus};
///
/// let mapping = [
///     ProviderMapping::new("fireworks-ai", "fw/llama", ProviderStatus::Staging, "conversational"),
///     ProviderMapping::new("cerebras", "llama-3.3-70b", ProviderStatus::Live, "conversational"),
/// ];
/// assert_eq!(choose("m/llama", &mapping, &ProviderChoice::Auto)?.provider, "cerebras");
/// assert!(matches!(
///     choose("m/llama", &mapping, &"fireworks-ai".into()),
///     Err(Error::NoProvider { .. })
/// ));
/// # Ok::<(), Error>(())
/// ```
pub fn choose<'a>(
    model: &str,
    mapping: &'a [ProviderMapping],
    choice: &ProviderChoice,
) -> Result<&'a ProviderMapping, Error> {
    let no_provider = |reason| Error::NoProvider {
        model: model.to_owned(),
        reason,
    };
    match choice {
        ProviderChoice::Auto => mapping.iter().find(|m| m.is_live()).ok_or_else(|| {
            no_provider(if mapping.is_empty() {
                NoProviderReason::NoneServes
            } else {
                NoProviderReason::NoneLive
            })
        }),
        ProviderChoice::Named(name) => {
            let entry = mapping
                .iter()
                .find(|m| m.provider == *name)
                .ok_or_else(|| {
                    no_provider(NoProviderReason::NotServedBy {
                        provider: name.clone(),
                    })
                })?;
            if entry.is_live() {
                Ok(entry)
            } else {
                Err(no_provider(NoProviderReason::NotLive {
                    provider: name.clone(),
                    status: entry.status.clone(),
                }))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::model::ProviderStatus;

    fn entry(provider: &str, status: &str) -> ProviderMapping {
        let provider = provider.to_owned();
        ProviderMapping::new(provider, "id", ProviderStatus::from_wire(status), "task")
    }

    #[test]
    fn auto_takes_the_first_live_in_order() {
        let mapping = [
            entry("z-first", "staging"),
            entry("y-second", "error"),
            entry("x-third", "live"),
            entry("a-fourth", "live"),
        ];
        assert_eq!(
            choose("m", &mapping, &ProviderChoice::Auto)
                .unwrap()
                .provider,
            "x-third"
        );
    }

    #[test]
    fn explains_why_nothing_was_chosen() {
        let reason = |mapping: &[ProviderMapping], choice: &str| match choose(
            "m",
            mapping,
            &choice.into(),
        ) {
            Err(Error::NoProvider { model, reason }) => {
                assert_eq!(model, "m");
                reason
            }
            other => panic!("{other:?}"),
        };
        assert_eq!(reason(&[], "auto"), NoProviderReason::NoneServes);
        assert_eq!(
            reason(&[entry("a", "staging")], "auto"),
            NoProviderReason::NoneLive
        );
        assert_eq!(
            reason(&[entry("a", "live")], "b"),
            NoProviderReason::NotServedBy {
                provider: "b".into()
            }
        );
        assert_eq!(
            reason(&[entry("a", "paused")], "a"),
            NoProviderReason::NotLive {
                provider: "a".into(),
                status: ProviderStatus::Other("paused".into())
            }
        );
        let named = [entry("a", "staging"), entry("b", "live")];
        assert_eq!(choose("m", &named, &"b".into()).unwrap().provider, "b");
    }
}
