//! Client settings, and reading them from the environment the way the official clients do.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::proto::error::{Error, InputKind, InvalidInput};
use crate::proto::http::Request;
use crate::proto::retry::RetryPolicy;
use crate::proto::token::Token;
use crate::proto::url::Endpoint;

/// How the [`Client`](crate::Client) talks to the Hub.
///
/// `Debug` shows the token as `<redacted>`.
///
/// ```
/// use std::time::Duration;
/// use hf_providers::{Config, Endpoint, Token};
///
/// let mut config = Config::default();
/// config.endpoint = Endpoint::parse("http://127.0.0.1:8080")?;
/// config.router = Endpoint::parse("http://127.0.0.1:8081")?;
/// config.token = Some(Token::new("hf_secret")?);
/// config.cache_ttl = Duration::ZERO; // no cache
/// config.timeout = Duration::from_secs(5);
/// config.append_user_agent("my-tool/1.2");
/// assert!(config.user_agent.starts_with("hf-providers/"));
/// assert!(!format!("{config:?}").contains("hf_secret"));
/// # Ok::<(), hf_providers::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Config {
    /// The Hub's base URL (default `https://huggingface.co`).
    pub endpoint: Endpoint,
    /// The router's base URL (default `https://router.huggingface.co`), for its catalog.
    pub router: Endpoint,
    /// Sent as `Authorization: Bearer ...`, only to the origin of the service a request is for
    /// (the Hub's or the router's).
    pub token: Option<Token>,
    /// `hf-providers/<version>`, optionally followed by the caller's products.
    pub user_agent: String,
    /// Longest time to establish a connection.
    pub connect_timeout: Duration,
    /// Longest time for one whole request, body included.
    pub timeout: Duration,
    /// Largest body accepted, in bytes.
    pub max_body_bytes: u64,
    /// How failed requests are retried.
    pub retry: RetryPolicy,
    /// Redirects followed in a row before giving up.
    pub max_redirects: u32,
    /// How long a client keeps the router's catalog and the provider mappings it fetched for
    /// choosing providers (default 5 minutes; zero keeps nothing).
    pub cache_ttl: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            endpoint: Endpoint::default(),
            router: Endpoint::router(),
            token: None,
            user_agent: concat!("hf-providers/", env!("CARGO_PKG_VERSION")).to_owned(),
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(60),
            max_body_bytes: Request::DEFAULT_MAX_BODY_BYTES,
            retry: RetryPolicy::default(),
            max_redirects: 5,
            cache_ttl: Duration::from_secs(300),
        }
    }
}

impl Config {
    /// The defaults, with the endpoint and token taken from the process environment; see
    /// [`Config::from_env_with`].
    ///
    /// # Errors
    ///
    /// As [`Config::from_env_with`].
    pub fn from_env() -> Result<Config, Error> {
        Config::from_env_with(|name| std::env::var(name).ok())
    }

    /// The defaults, with settings read through `var`:
    ///
    /// - endpoint: `HF_ENDPOINT` (trailing `/` dropped; empty means the default);
    /// - router: `HF_ROUTER_URL`, likewise;
    /// - token: `HF_TOKEN` (or the older `HUGGING_FACE_HUB_TOKEN`), else the file at
    ///   `HF_TOKEN_PATH`, else `$HF_HOME/token` with `HF_HOME` defaulting to
    ///   `$XDG_CACHE_HOME/huggingface` or `~/.cache/huggingface`; none of it when
    ///   `HF_HUB_DISABLE_IMPLICIT_TOKEN` is true (`1`, `true`, `yes`, `on`).
    ///
    /// A missing token file means no token.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] for an invalid endpoint or token, or a token file that exists but
    /// cannot be read.
    ///
    /// ```
    /// use hf_providers::Config;
    ///
    /// let env = |name: &str| match name {
    ///     "HF_ENDPOINT" => Some("http://127.0.0.1:8080/".to_owned()),
    ///     "HF_TOKEN" => Some("hf_abc\n".to_owned()),
    ///     _ => None,
    /// };
    /// let config = Config::from_env_with(env)?;
    /// assert_eq!(config.endpoint.as_str(), "http://127.0.0.1:8080");
    /// assert_eq!(config.token.unwrap().expose(), "hf_abc");
    /// # Ok::<(), hf_providers::Error>(())
    /// ```
    pub fn from_env_with(var: impl Fn(&str) -> Option<String>) -> Result<Config, Error> {
        let var = |name: &str| var(name).filter(|v| !v.trim().is_empty());
        let mut config = Config::default();
        if let Some(endpoint) = var("HF_ENDPOINT") {
            config.endpoint = Endpoint::parse(endpoint.trim())?;
        }
        if let Some(router) = var("HF_ROUTER_URL") {
            config.router = Endpoint::parse(router.trim())?;
        }
        if !var("HF_HUB_DISABLE_IMPLICIT_TOKEN").is_some_and(|v| is_true(&v)) {
            config.token = implicit_token(&var)?;
        }
        Ok(config)
    }

    /// Appends a product (e.g. `my-tool/1.2`) to the `User-Agent`.
    pub fn append_user_agent(&mut self, product: &str) {
        self.user_agent.push(' ');
        self.user_agent.push_str(product);
    }
}

fn is_true(value: &str) -> bool {
    ["1", "true", "yes", "on"]
        .iter()
        .any(|t| value.trim().eq_ignore_ascii_case(t))
}

fn implicit_token(var: &dyn Fn(&str) -> Option<String>) -> Result<Option<Token>, Error> {
    if let Some(token) = var("HF_TOKEN").or_else(|| var("HUGGING_FACE_HUB_TOKEN")) {
        return Ok(Some(Token::new(token)?));
    }
    let path = match var("HF_TOKEN_PATH") {
        Some(path) => expand_home(&path, var),
        None => hf_home(var).map(|home| home.join("token")),
    };
    // A path under `~` with no home directory known names no file.
    path.map_or(Ok(None), |path| read_token_file(&path))
}

fn read_token_file(path: &Path) -> Result<Option<Token>, Error> {
    match std::fs::read_to_string(path) {
        Ok(text) if text.trim().is_empty() => Ok(None),
        Ok(text) => Ok(Some(Token::new(text)?)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(_) => Err(InvalidInput::new(
            InputKind::TokenFile,
            path.display().to_string(),
            "exists but cannot be read",
        )
        .into()),
    }
}

fn hf_home(var: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
    if let Some(home) = var("HF_HOME") {
        return expand_home(&home, var);
    }
    let cache = match var("XDG_CACHE_HOME") {
        Some(cache) => expand_home(&cache, var),
        None => expand_home("~/.cache", var),
    };
    cache.map(|cache| cache.join("huggingface"))
}

/// `~` and `~/...` become the home directory, as Python's `expanduser` does; `None` when the
/// path needs a home directory and none is known.
fn expand_home(path: &str, var: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
    match path.strip_prefix('~') {
        Some(rest) if rest.is_empty() || rest.starts_with(['/', '\\']) => {
            let home = var("HOME").or_else(|| var("USERPROFILE"))?;
            Some(PathBuf::from(home + rest))
        }
        _ => Some(PathBuf::from(path)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| map.get(k).cloned()
    }

    fn temp_dir(name: &str) -> PathBuf {
        // On WASI std::env::temp_dir() and std::process::id() panic; the runner preopens a fresh
        // directory for each run and names it in TMPDIR (.ci/wasi-runner.mjs).
        #[cfg(target_os = "wasi")]
        let dir = PathBuf::from(std::env::var_os("TMPDIR").expect("TMPDIR set by the WASI runner"))
            .join(format!("hf-providers-{name}"));
        #[cfg(not(target_os = "wasi"))]
        let dir = std::env::temp_dir().join(format!("hf-providers-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn token(pairs: &[(&str, &str)]) -> Option<String> {
        Config::from_env_with(env(pairs))
            .unwrap()
            .token
            .map(|t| t.expose().to_owned())
    }

    #[test]
    fn defaults() {
        let c = Config::from_env_with(env(&[("HOME", "/nonexistent")])).unwrap();
        assert_eq!(c.endpoint.as_str(), "https://huggingface.co");
        assert_eq!(c.token, None);
        assert_eq!(
            c.user_agent,
            format!("hf-providers/{}", env!("CARGO_PKG_VERSION"))
        );
        let empty = Config::from_env_with(env(&[("HF_ENDPOINT", ""), ("HOME", "/nonexistent")]));
        assert_eq!(empty.unwrap().endpoint.as_str(), "https://huggingface.co");
    }

    #[test]
    fn the_router_from_the_environment() {
        let c = Config::from_env_with(env(&[("HOME", "/nonexistent")])).unwrap();
        assert_eq!(c.router.as_str(), "https://router.huggingface.co");
        let c = Config::from_env_with(env(&[
            ("HF_ROUTER_URL", " http://127.0.0.2:9/ "),
            ("HOME", "/nonexistent"),
        ]))
        .unwrap();
        assert_eq!(c.router.as_str(), "http://127.0.0.2:9");
        let err = Config::from_env_with(env(&[("HF_ROUTER_URL", "router")])).unwrap_err();
        assert!(matches!(err, Error::InvalidInput(e) if e.kind() == InputKind::Endpoint));
    }

    #[test]
    fn bad_endpoint_is_an_error() {
        let err = Config::from_env_with(env(&[("HF_ENDPOINT", "huggingface.co")])).unwrap_err();
        assert!(matches!(err, Error::InvalidInput(e) if e.kind() == InputKind::Endpoint));
    }

    #[test]
    fn token_precedence() {
        let dir = temp_dir("precedence");
        std::fs::write(dir.join("token"), "from_home\n").unwrap();
        std::fs::write(dir.join("custom"), "  from_path  ").unwrap();
        let home = dir.to_str().unwrap();
        let custom = dir.join("custom");
        let custom = custom.to_str().unwrap();
        assert_eq!(token(&[("HF_HOME", home)]).as_deref(), Some("from_home"));
        assert_eq!(
            token(&[("HF_HOME", home), ("HF_TOKEN_PATH", custom)]).as_deref(),
            Some("from_path")
        );
        assert_eq!(
            token(&[
                ("HF_HOME", home),
                ("HF_TOKEN_PATH", custom),
                ("HF_TOKEN", "env")
            ])
            .as_deref(),
            Some("env")
        );
        assert_eq!(
            token(&[("HF_HOME", home), ("HUGGING_FACE_HUB_TOKEN", "legacy")]).as_deref(),
            Some("legacy")
        );
        assert_eq!(
            token(&[("HF_HOME", home), ("HF_TOKEN", "  ")]).as_deref(),
            Some("from_home")
        );
        for on in ["1", "TRUE", "yes", "On"] {
            assert_eq!(
                token(&[
                    ("HF_HOME", home),
                    ("HF_TOKEN", "env"),
                    ("HF_HUB_DISABLE_IMPLICIT_TOKEN", on)
                ]),
                None
            );
        }
        assert_eq!(
            token(&[("HF_HOME", home), ("HF_HUB_DISABLE_IMPLICIT_TOKEN", "0")]).as_deref(),
            Some("from_home")
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn home_and_xdg_defaults() {
        let dir = temp_dir("xdg");
        std::fs::create_dir_all(dir.join("cache/huggingface")).unwrap();
        std::fs::create_dir_all(dir.join(".cache/huggingface")).unwrap();
        std::fs::write(dir.join("cache/huggingface/token"), "xdg").unwrap();
        std::fs::write(dir.join(".cache/huggingface/token"), "home").unwrap();
        let home = dir.to_str().unwrap();
        assert_eq!(token(&[("HOME", home)]).as_deref(), Some("home"));
        assert_eq!(
            token(&[("HOME", home), ("XDG_CACHE_HOME", "~/cache")]).as_deref(),
            Some("xdg")
        );
        assert_eq!(
            token(&[("HOME", home), ("HF_HOME", "~/.cache/huggingface")]).as_deref(),
            Some("home")
        );
        assert_eq!(
            token(&[("HOME", home), ("HF_TOKEN_PATH", "~/missing")]),
            None
        );
        // No home directory: nothing under `~` is read (not a relative `~` directory).
        assert_eq!(token(&[]), None);
        assert_eq!(token(&[("HF_TOKEN_PATH", "~/token")]), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn bad_token_in_file_is_an_error_that_hides_it() {
        let dir = temp_dir("bad");
        std::fs::write(dir.join("token"), "hf_sec\nret").unwrap();
        let err = Config::from_env_with(env(&[("HF_HOME", dir.to_str().unwrap())])).unwrap_err();
        assert!(matches!(&err, Error::InvalidInput(e) if e.kind() == InputKind::Token));
        assert!(!err.to_string().contains("hf_sec"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
