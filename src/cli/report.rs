//! How a failure is told on stderr: the error and its causes on one line, then what to try,
//! in the CLI's own words (the library's messages name neither commands nor flags).

use std::error::Error as _;

use hf_providers::proto::escape;
use hf_providers::{
    Error, InputKind, KNOWN_PROVIDERS, NoProviderReason, Service, TransportErrorKind,
};

use super::suggest::closest;

/// `error: cause: cause...`, as one line.
pub fn chain(error: &Error) -> String {
    let mut line = error.to_string();
    let mut cause = error.source();
    while let Some(e) = cause {
        line.push_str(": ");
        // The library's own messages are escaped; a cause may be anyone's (a transport's,
        // a JSON engine's quoting the server), so it is escaped here.
        line.push_str(&escape(&e.to_string()));
        cause = e.source();
    }
    line
}

/// What the user can try, if there is something.
pub fn hint(error: &Error) -> Option<String> {
    // The provider side's own advice: the provider the Hub answered about, if it was that.
    let partner = |e: &hf_providers::ServiceError| {
        let rest = e.url.split_once("/api/partners/")?.1;
        Some(rest.split(['/', '?']).next().unwrap_or(rest).to_owned())
    };
    Some(match error {
        Error::NotFound(e) if partner(e).is_some() => {
            let name = partner(e).unwrap_or_default();
            match closest(&name, KNOWN_PROVIDERS.iter().copied()) {
                Some(near) => format!("did you mean {near}? `hf-providers providers` lists them"),
                None => "`hf-providers providers` lists the providers".into(),
            }
        }
        Error::Forbidden(e) if partner(e).is_some() => "changing a provider's mappings takes the \
            token of a member of its organization, with write access"
            .into(),
        Error::Rejected(e) if e.status == 409 => "`hf-providers partner ls PROVIDER` shows the \
                                                  mappings as they are"
            .into(),
        Error::Rejected(_) => "the task must be the model's pipeline tag, or conversational for \
                               a text-generation or image-text-to-text chat model"
            .into(),
        Error::OutcomeUnknown(_) => "`hf-providers partner plan PROVIDER FILE` shows whether it \
                                     was made; `partner apply` again makes what is left"
            .into(),
        Error::NotFound(e) if e.service == Service::Router => {
            "the router's catalog lists chat models only: `hf-providers catalog` shows them".into()
        }
        Error::NotFound(_) => "model ids are namespace/name, as in google/gemma-3-27b-it; a \
                              private or gated model needs a token that can read it (--token \
                              or HF_TOKEN)"
            .into(),
        Error::Unauthorized(e) => format!(
            "{} rejected the token: check --token, HF_TOKEN or the token file; public models \
             need no token",
            e.service
        ),
        // A disabled repository: the Hub's own message says so, and nothing is to be done.
        Error::Forbidden(e)
            if e.code.as_deref() == Some("DisabledRepo")
                || e.message.as_deref() == Some("Access to this resource is disabled.") =>
        {
            return None;
        }
        Error::Forbidden(_) => "for a gated model, accept its terms on the Hub with the account \
                               that owns the token"
            .into(),
        Error::RateLimited { .. } => "retry later, or send a token for a larger quota".into(),
        Error::Offline => "HF_HUB_OFFLINE (or TRANSFORMERS_OFFLINE) is set: unset it to send \
                           requests"
            .into(),
        Error::Transport(e) => {
            let (service, at) = e.target().unwrap_or((Service::Hub, "the endpoint"));
            let setting = match service {
                Service::Hub => "--endpoint or HF_ENDPOINT",
                Service::Router => "--router or HF_ROUTER_URL",
            };
            match e.kind() {
                TransportErrorKind::Tls | TransportErrorKind::Timeout => format!(
                    "if {at} speaks plain HTTP, its URL starts with http://; else check {setting}, \
                     the connection and the proxy settings (HTTPS_PROXY, NO_PROXY)"
                ),
                _ => format!(
                    "check that {at} can be reached, {setting}, and the proxy settings \
                     (HTTPS_PROXY, NO_PROXY)"
                ),
            }
        }
        Error::InvalidInput(e) if e.kind() == InputKind::Environment => {
            let (name, value) = e.value().split_once('=')?;
            // The value is the user's, but it is shown again on a terminal: escaped.
            let value = escape(value);
            if value.contains("://") {
                format!("{name} takes a URL such as https://huggingface.co")
            } else {
                format!("{name} takes a URL: did you mean http://{value} or https://{value}?")
            }
        }
        Error::NoProvider { model, reason } => match reason {
            NoProviderReason::NotServedBy { .. } => {
                let model = escape(model);
                format!("list the providers that serve it with `hf-providers providers {model}`")
            }
            NoProviderReason::NotLive { .. } => "choose another provider, or `auto`".into(),
            NoProviderReason::NoneLive => "name a provider once it is live".into(),
            _ => return None,
        },
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_disabled_repository_gets_no_advice_about_gated_ones() {
        use hf_providers::ServiceError;
        let forbidden = |e: ServiceError| hint(&Error::Forbidden(e));
        let disabled = "Access to this resource is disabled.";
        let conflict = hint(&Error::Rejected(ServiceError::new(409, "u"))).unwrap();
        assert!(conflict.contains("partner ls"), "{conflict}");
        let gated = ServiceError::new(403, "u").with_code("GatedRepo");
        assert!(forbidden(gated).unwrap().contains("accept its terms"));
        assert_eq!(
            forbidden(ServiceError::new(403, "u").with_code("DisabledRepo")),
            None
        );
        assert_eq!(
            forbidden(ServiceError::new(403, "u").with_message(disabled)),
            None
        );
    }

    #[test]
    fn a_hint_shows_an_environment_value_escaped() {
        let env = |name: &str| (name == "HF_ENDPOINT").then(|| "hub\u{1b}[2J.example".into());
        let e = hf_providers::Config::from_env_with(env).unwrap_err();
        let hint = hint(&e).unwrap();
        assert!(hint.contains(r"http://hub\u{1b}[2J.example"), "{hint}");
        assert!(!hint.contains('\u{1b}'), "{hint:?}");
    }
}
