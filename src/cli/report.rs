//! How a failure is told on stderr: the error and its causes on one line, then what to try,
//! in the CLI's own words (the library's messages name neither commands nor flags).

use std::error::Error as _;

use hf_providers::proto::escape;
use hf_providers::{Error, NoProviderReason};

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
    Some(match error {
        Error::NotFound(_) => "check the id and revision; a private or gated model needs a \
                              token that can read it (--token or HF_TOKEN)"
            .into(),
        Error::Unauthorized(_) => "check --token, HF_TOKEN or the token file; public models \
                                  need no token"
            .into(),
        Error::Forbidden(_) => "for a gated model, accept its terms on the Hub with the account \
                               that owns the token"
            .into(),
        Error::RateLimited { .. } => "retry later, or send a token for a larger quota".into(),
        Error::Transport(_) => "check the connection, --endpoint or HF_ENDPOINT, and the proxy \
                               settings (HTTPS_PROXY, NO_PROXY)"
            .into(),
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
