//! Reading the client's settings from the environment, the way the official clients do.

use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::proto::config::Config;
use crate::proto::error::{Error, InputKind, InvalidInput};
use crate::proto::proxy::Proxies;
use crate::proto::token::Token;
use crate::proto::url::Endpoint;

impl Config {
    /// The defaults, with the endpoint and token taken from the process environment; see
    /// [`Config::from_env_with`].
    ///
    /// # Errors
    ///
    /// As [`Config::from_env_with`].
    pub fn from_env() -> Result<Config, Error> {
        Config::from_env_with(|name| std::env::var_os(name))
    }

    /// The defaults, with settings read through `var`:
    ///
    /// - endpoint: `HF_ENDPOINT` (trailing `/` dropped; empty means the default);
    /// - router: `HF_ROUTER_URL`, likewise;
    /// - token: `HF_TOKEN` (or the older `HUGGING_FACE_HUB_TOKEN`), else the file at
    ///   `HF_TOKEN_PATH`, else `$HF_HOME/token` with `HF_HOME` defaulting to
    ///   `$XDG_CACHE_HOME/huggingface` or `~/.cache/huggingface`; none of it when
    ///   `HF_HUB_DISABLE_IMPLICIT_TOKEN` is true (`1`, `true`, `yes`, `on`);
    /// - proxies: `https_proxy`, `http_proxy`, `all_proxy` and `no_proxy` (or in upper case), as
    ///   curl reads them (see [`Proxies`]);
    /// - offline mode ([`Config::offline`]): `HF_HUB_OFFLINE` is true, or, when it is unset or
    ///   empty, the older `TRANSFORMERS_OFFLINE`.
    ///
    /// A variable that is set is never taken for unset: a text one (the URLs, the token, the
    /// switch) that is not UTF-8 is an error naming it; a path (`HF_TOKEN_PATH`, `HF_HOME`,
    /// `XDG_CACHE_HOME`, `HOME`) may be any path the system allows. A missing token file means
    /// no token; one that is not a regular file, or larger than 64 KiB, is an error, found
    /// without reading it (a FIFO or a device never blocks or fills memory).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] for a text variable that is not UTF-8, an invalid endpoint or
    /// token, or a token file that cannot be used.
    ///
    /// ```
    /// use std::ffi::OsString;
    /// use hf_providers::Config;
    ///
    /// let env = |name: &str| match name {
    ///     "HF_ENDPOINT" => Some(OsString::from("http://127.0.0.1:8080/")),
    ///     "HF_TOKEN" => Some(OsString::from("hf_abc\n")),
    ///     _ => None,
    /// };
    /// let config = Config::from_env_with(env)?;
    /// assert_eq!(config.endpoint.as_str(), "http://127.0.0.1:8080");
    /// assert_eq!(config.token.unwrap().expose(), "hf_abc");
    /// # Ok::<(), hf_providers::Error>(())
    /// ```
    pub fn from_env_with(var: impl Fn(&str) -> Option<OsString>) -> Result<Config, Error> {
        let env = Env { var: &var };
        let mut config = Config::default();
        if let Some(endpoint) = env.endpoint("HF_ENDPOINT")? {
            config.endpoint = endpoint;
        }
        if let Some(router) = env.endpoint("HF_ROUTER_URL")? {
            config.router = router;
        }
        if !env
            .text("HF_HUB_DISABLE_IMPLICIT_TOKEN")?
            .is_some_and(|v| is_true(&v))
        {
            config.token = implicit_token(&env)?;
        }
        // As the official clients read it: the older name only when the newer is unset or empty.
        let offline = match env.text("HF_HUB_OFFLINE")?.filter(|v| !v.is_empty()) {
            None => env.text("TRANSFORMERS_OFFLINE")?,
            set => set,
        };
        config.offline = offline.is_some_and(|v| is_true(&v));
        let mut proxy_vars = Vec::new();
        for name in PROXY_VARS {
            if let Some(value) = env.text(name)? {
                proxy_vars.push((name, value));
            }
        }
        config.proxies = Proxies::from_vars(|name| {
            proxy_vars
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.clone())
        })?;
        Ok(config)
    }
}

fn is_true(value: &str) -> bool {
    ["1", "true", "yes", "on"]
        .iter()
        .any(|t| value.trim().eq_ignore_ascii_case(t))
}

/// The variables [`Proxies::from_vars`] reads, each in both cases as curl reads them, and
/// `REQUEST_METHOD`, which says a CGI program is running.
const PROXY_VARS: [&str; 9] = [
    "https_proxy",
    "HTTPS_PROXY",
    "http_proxy",
    "HTTP_PROXY",
    "all_proxy",
    "ALL_PROXY",
    "no_proxy",
    "NO_PROXY",
    "REQUEST_METHOD",
];

/// The largest token file read: a token is a few dozen bytes.
const MAX_TOKEN_FILE: u64 = 64 << 10;

/// The environment as [`Config::from_env_with`] reads it.
struct Env<'a> {
    var: &'a dyn Fn(&str) -> Option<OsString>,
}

impl Env<'_> {
    /// A variable holding text: `None` when unset or blank, an error when set but not UTF-8.
    fn text(&self, name: &str) -> Result<Option<String>, InvalidInput> {
        match (self.var)(name).map(OsString::into_string) {
            None => Ok(None),
            Some(Ok(text)) if text.trim().is_empty() => Ok(None),
            Some(Ok(text)) => Ok(Some(text)),
            Some(Err(_)) => Err(InvalidInput::new(
                InputKind::Environment,
                name,
                "is set but not valid UTF-8",
            )),
        }
    }

    /// A variable holding an endpoint; its error names the variable (and shows its value when
    /// it cannot hold credentials).
    fn endpoint(&self, name: &str) -> Result<Option<Endpoint>, InvalidInput> {
        let Some(url) = self.text(name)? else {
            return Ok(None);
        };
        Endpoint::parse(url.trim()).map(Some).map_err(|e| {
            let shown = if e.value() == "<redacted>" {
                name.to_owned()
            } else {
                format!("{name}={}", e.value())
            };
            InvalidInput::new(InputKind::Environment, shown, e.reason())
        })
    }

    /// A variable holding a path, whatever its encoding: `None` when unset or empty.
    fn path(&self, name: &str) -> Option<PathBuf> {
        (self.var)(name)
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
    }
}

fn implicit_token(env: &Env<'_>) -> Result<Option<Token>, Error> {
    let token = match env.text("HF_TOKEN")? {
        Some(token) => Some(token),
        None => env.text("HUGGING_FACE_HUB_TOKEN")?,
    };
    if let Some(token) = token {
        return Ok(Some(Token::new(token)?));
    }
    let path = match env.path("HF_TOKEN_PATH") {
        Some(path) => expand_home(path, env),
        None => hf_home(env).map(|home| home.join("token")),
    };
    // A path under `~` with no home directory known names no file.
    path.map_or(Ok(None), |path| read_token_file(&path))
}

/// The token in the file at `path`: `None` when there is no file, or only white space in it.
fn read_token_file(path: &Path) -> Result<Option<Token>, Error> {
    let bad = |reason| InvalidInput::new(InputKind::TokenFile, path.display().to_string(), reason);
    // Opened without waiting, then checked on the open file: opening a FIFO for reading would
    // wait for a writer, and a check made before opening could be raced by a swap.
    let file = match open_without_waiting(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(_) => return Err(bad("cannot be read").into()),
    };
    let metadata = file.metadata().map_err(|_| bad("cannot be read"))?;
    if !metadata.is_file() {
        return Err(bad("is not a regular file").into());
    }
    if metadata.len() > MAX_TOKEN_FILE {
        return Err(bad("is larger than 64 KiB").into());
    }
    let mut text = String::new();
    // Read no more than the limit even if the file grows while it is read.
    file.take(MAX_TOKEN_FILE + 1)
        .read_to_string(&mut text)
        .map_err(|_| bad("cannot be read as UTF-8 text"))?;
    if text.len() as u64 > MAX_TOKEN_FILE {
        return Err(bad("is larger than 64 KiB").into());
    }
    if text.trim().is_empty() {
        return Ok(None);
    }
    Ok(Some(Token::new(text)?))
}

#[cfg(unix)]
fn open_without_waiting(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

/// (Elsewhere no file kind makes an open wait.)
#[cfg(not(unix))]
fn open_without_waiting(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

fn hf_home(env: &Env<'_>) -> Option<PathBuf> {
    if let Some(home) = env.path("HF_HOME") {
        return expand_home(home, env);
    }
    let cache = match env.path("XDG_CACHE_HOME") {
        Some(cache) => expand_home(cache, env),
        None => expand_home(PathBuf::from("~/.cache"), env),
    };
    cache.map(|cache| cache.join("huggingface"))
}

/// `~` and `~/...` become the home directory, as Python's `expanduser` does; `None` when the
/// path needs a home directory and none is known.
fn expand_home(path: PathBuf, env: &Env<'_>) -> Option<PathBuf> {
    match path.strip_prefix("~") {
        Ok(rest) => {
            let home = env.path("HOME").or_else(|| env.path("USERPROFILE"))?;
            Some(home.join(rest))
        }
        Err(_) => Some(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<OsString> {
        let map: HashMap<String, OsString> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), OsString::from(v)))
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
            c.user_agent(),
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
        assert!(matches!(&err, Error::InvalidInput(e) if e.kind() == InputKind::Environment));
        let Error::InvalidInput(e) = err else {
            panic!()
        };
        assert_eq!(
            e.to_string(),
            r#"environment variable "HF_ROUTER_URL=router" is not an absolute URL"#
        );
    }

    #[test]
    fn offline_mode_as_the_official_clients_read_it() {
        let offline = |vars: &[(&str, &str)]| {
            let mut vars = vars.to_vec();
            vars.push(("HOME", "/nonexistent"));
            Config::from_env_with(env(&vars)).unwrap().offline
        };
        assert!(!offline(&[]));
        for on in ["1", "true", "YES", " on "] {
            assert!(offline(&[("HF_HUB_OFFLINE", on)]), "{on}");
            assert!(offline(&[("TRANSFORMERS_OFFLINE", on)]), "{on}");
        }
        assert!(!offline(&[("HF_HUB_OFFLINE", "0")]));
        assert!(!offline(&[
            ("HF_HUB_OFFLINE", "0"),
            ("TRANSFORMERS_OFFLINE", "1")
        ]));
        assert!(offline(&[
            ("HF_HUB_OFFLINE", ""),
            ("TRANSFORMERS_OFFLINE", "1")
        ]));
    }

    #[test]
    fn bad_endpoint_is_an_error() {
        let err = Config::from_env_with(env(&[("HF_ENDPOINT", "huggingface.co")])).unwrap_err();
        assert!(matches!(&err, Error::InvalidInput(e) if e.kind() == InputKind::Environment));
        // Credentials are never shown: the variable is named alone.
        let err = Config::from_env_with(env(&[("HF_ENDPOINT", "ftp://u:p@h")])).unwrap_err();
        assert!(
            matches!(&err, Error::InvalidInput(e) if e.value() == "HF_ENDPOINT"),
            "{err:?}"
        );
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

    #[cfg(unix)]
    fn not_utf8() -> OsString {
        use std::os::unix::ffi::OsStringExt;
        OsString::from_vec(b"http://h\xff".to_vec())
    }

    #[cfg(unix)]
    #[test]
    fn a_text_variable_that_is_not_utf8_is_an_error_naming_it() {
        for name in [
            "HF_ENDPOINT",
            "HF_ROUTER_URL",
            "HF_TOKEN",
            "HUGGING_FACE_HUB_TOKEN",
            "HF_HUB_DISABLE_IMPLICIT_TOKEN",
        ] {
            let var = |k: &str| (k == name).then(not_utf8);
            match Config::from_env_with(var) {
                Err(Error::InvalidInput(e)) => {
                    assert_eq!((e.kind(), e.value()), (InputKind::Environment, name));
                    assert!(e.to_string().contains("not valid UTF-8"), "{e}");
                }
                other => panic!("{name}: {other:?}"),
            }
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_path_that_is_not_utf8_is_used() {
        use std::os::unix::ffi::OsStrExt;
        let dir = temp_dir("not-utf8");
        let home = dir.join(std::ffi::OsStr::from_bytes(b"h\xffme"));
        std::fs::create_dir_all(&home).unwrap();
        std::fs::write(home.join("token"), "hf_from_odd_path").unwrap();
        let var = |k: &str| (k == "HF_HOME").then(|| home.clone().into_os_string());
        let token = Config::from_env_with(var).unwrap().token;
        assert_eq!(token.unwrap().expose(), "hf_from_odd_path");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn only_a_small_regular_file_is_read_as_the_token_file() {
        let dir = temp_dir("token-files");
        let big = dir.join("big");
        std::fs::write(&big, "x".repeat(65 << 10)).unwrap();
        let reason = |path: &Path| {
            let path = path.to_str().unwrap().to_owned();
            match Config::from_env_with(env(&[("HF_TOKEN_PATH", &path)])) {
                Err(Error::InvalidInput(e)) if e.kind() == InputKind::TokenFile => e.reason(),
                other => panic!("{path}: {other:?}"),
            }
        };
        assert_eq!(reason(&dir), "is not a regular file");
        assert_eq!(reason(&big), "is larger than 64 KiB");
        #[cfg(all(unix, not(target_os = "wasi")))]
        assert_eq!(reason(Path::new("/dev/zero")), "is not a regular file");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// A FIFO swapped in for the token file, again and again, while the environment is read:
    /// no read may wait (a FIFO opened for reading waits for a writer).
    #[cfg(all(unix, not(target_os = "wasi")))]
    #[test]
    fn a_fifo_swapped_in_for_the_token_file_never_makes_it_wait() {
        use std::sync::atomic::{AtomicBool, Ordering};
        use std::time::{Duration, Instant};
        let dir = temp_dir("fifo-race");
        let (token, regular, fifo) = (dir.join("token"), dir.join("regular"), dir.join("fifo"));
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let stop = AtomicBool::new(false);
        let home = dir.to_str().unwrap().to_owned();
        std::thread::scope(|scope| {
            // Swaps: a regular file, then the FIFO, at the token's path, as fast as it can.
            scope.spawn(|| {
                while !stop.load(Ordering::Relaxed) {
                    // (Never written through a link to the FIFO: that would wait.)
                    let _ = std::fs::remove_file(&regular);
                    std::fs::write(&regular, "hf_regular").unwrap();
                    let _ = std::fs::rename(&regular, &token);
                    let _ = std::fs::hard_link(&fifo, &regular);
                    let _ = std::fs::rename(&regular, &token);
                }
            });
            let start = Instant::now();
            let reader = scope.spawn(|| {
                for _ in 0..3000 {
                    let _ = Config::from_env_with(env(&[("HF_HOME", &home)]));
                }
            });
            while !reader.is_finished() && start.elapsed() < Duration::from_secs(20) {
                std::thread::sleep(Duration::from_millis(10));
            }
            let waited = !reader.is_finished();
            stop.store(true, Ordering::Relaxed);
            if waited {
                // Give the stuck reader its writer, so the test can end and say so.
                let _ = std::fs::OpenOptions::new().write(true).open(&fifo);
            }
            assert!(!waited, "reading the token file waited on a FIFO");
        });
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
