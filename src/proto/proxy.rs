//! Which proxy a request goes through, decided from the proxy variables the way curl reads
//! them.

use core::net::IpAddr;

use crate::proto::error::{InputKind, InvalidInput};
use crate::proto::redact::redact;
use crate::proto::url::host_port;

/// The proxy settings: one proxy for `https://` targets, one for `http://` targets, and the
/// hosts reached directly.
///
/// Built from the environment ([`Proxies::from_vars`]) as curl reads it:
/// - `https_proxy` or `HTTPS_PROXY` for `https://` targets;
/// - `http_proxy` for `http://` targets, and `HTTP_PROXY` unless `REQUEST_METHOD` is set (in
///   a CGI program, `HTTP_PROXY` may come from a request's `Proxy:` header: "httpoxy");
/// - `all_proxy` or `ALL_PROXY` for either, when its own is not set;
/// - `no_proxy` or `NO_PROXY`: `*` alone for every host, else comma-separated entries, white
///   space around them ignored: a domain and its subdomains (`example.com` or `.example.com`),
///   an IP address (IPv6 bare or in brackets), a CIDR range (`10.0.0.0/8`, `fd00::/8`), any of
///   them with `:port` to bypass only that port. An address is bypassed only by an address or
///   a range, never by a domain entry (`.0.0.1` does not name `127.0.0.1`).
///
/// A proxy URL without a scheme is `http://`; without a port, it is on its scheme's (80 or
/// 443), as Python's and Go's clients read it (curl alone would take 1080 for `http://`). Only
/// HTTP proxies (`http://`, `https://`) are supported: a SOCKS proxy is an error, never
/// silently bypassed.
///
/// ```
/// use hf_providers::Proxies;
///
/// let env = |name: &str| match name {
///     "HTTPS_PROXY" => Some("proxy.corp:3128".to_owned()),
///     "NO_PROXY" => Some("localhost, .internal, 10.0.0.0/8".to_owned()),
///     _ => None,
/// };
/// let proxies = Proxies::from_vars(env)?;
/// assert_eq!(proxies.for_url("https://huggingface.co/api/models"), Some("http://proxy.corp:3128"));
/// assert_eq!(proxies.for_url("https://hub.internal/api"), None);
/// assert_eq!(proxies.for_url("https://10.1.2.3/api"), None);
/// // HTTPS_PROXY is for https:// targets only: an http:// mirror is not sent through it.
/// assert_eq!(proxies.for_url("http://mirror.example/api"), None);
/// # Ok::<(), hf_providers::InvalidInput>(())
/// ```
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Proxies {
    https: Option<String>,
    http: Option<String>,
    bypass: Vec<Bypass>,
}

/// The proxy URLs' credentials are as secret as a token: redacted.
impl core::fmt::Debug for Proxies {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let https = self.https.as_deref().map(|u| redact(u, None));
        let http = self.http.as_deref().map(|u| redact(u, None));
        f.debug_struct("Proxies")
            .field("https", &https)
            .field("http", &http)
            .field("bypass", &self.bypass)
            .finish()
    }
}

/// One `NO_PROXY` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Bypass {
    Everything,
    Domain(String, Option<u16>),
    Ip(IpAddr, Option<u16>),
    Range(IpAddr, u8),
}

impl Proxies {
    /// No proxy: every request connects directly.
    pub fn none() -> Proxies {
        Proxies::default()
    }

    /// The settings `var` gives (`None` or empty for an unset variable).
    ///
    /// # Errors
    ///
    /// [`InvalidInput`] (kind `Environment`, naming the variable) for a proxy URL that is not an
    /// `http://` or `https://` URL with a host (a SOCKS proxy included), or a `NO_PROXY` entry
    /// that cannot be read. The URL itself is not shown: it may hold credentials.
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Result<Proxies, InvalidInput> {
        let var = |name: &str| var(name).filter(|v| !v.trim().is_empty());
        let first = |names: &[&'static str]| {
            names
                .iter()
                .find_map(|&name| var(name).map(|value| (name, value)))
        };
        let all = first(&["all_proxy", "ALL_PROXY"]);
        let https = first(&["https_proxy", "HTTPS_PROXY"]).or_else(|| all.clone());
        let http_names: &[&'static str] = if var("REQUEST_METHOD").is_some() {
            &["http_proxy"]
        } else {
            &["http_proxy", "HTTP_PROXY"]
        };
        let http = first(http_names).or(all);
        let bypass = match first(&["no_proxy", "NO_PROXY"]) {
            None => Vec::new(),
            // As curl reads it: `*` means every host only as the whole value.
            Some((_, value)) if value.trim() == "*" => vec![Bypass::Everything],
            Some((name, value)) => value
                .split(',')
                .map(str::trim)
                // In a list, `*` names no host.
                .filter(|entry| !entry.is_empty() && *entry != "*")
                .map(|entry| {
                    bypass(entry).ok_or_else(|| {
                        InvalidInput::new(
                            InputKind::Environment,
                            name,
                            "has an entry that is not a host, an address or a range",
                        )
                    })
                })
                .collect::<Result<_, _>>()?,
        };
        Ok(Proxies {
            https: https.map(|(name, url)| proxy_url(name, &url)).transpose()?,
            http: http.map(|(name, url)| proxy_url(name, &url)).transpose()?,
            bypass,
        })
    }

    /// The proxy for a request to `url`, or `None` to connect directly.
    pub fn for_url(&self, url: &str) -> Option<&str> {
        let (scheme, host, port) = host_port(url)?;
        let proxy = if scheme == "https" {
            &self.https
        } else {
            &self.http
        };
        let proxy = proxy.as_deref()?;
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let ip = host.parse::<IpAddr>().ok();
        let port_ok = |p: &Option<u16>| p.is_none_or(|p| p == port);
        let bypassed = self.bypass.iter().any(|entry| match entry {
            Bypass::Everything => true,
            // An address is matched by addresses and ranges only, as curl does: `.0.0.1`
            // names no host of 127.0.0.1.
            Bypass::Domain(domain, p) => {
                ip.is_none()
                    && port_ok(p)
                    && (host == domain
                        || host
                            .strip_suffix(domain.as_str())
                            .is_some_and(|h| h.ends_with('.')))
            }
            Bypass::Ip(addr, p) => port_ok(p) && ip == Some(*addr),
            Bypass::Range(net, bits) => ip.is_some_and(|ip| in_range(ip, *net, *bits)),
        });
        (!bypassed).then_some(proxy)
    }
}

/// A proxy URL from variable `name`, made absolute (`http://` when it has no scheme).
fn proxy_url(name: &'static str, url: &str) -> Result<String, InvalidInput> {
    let bad = |reason| InvalidInput::new(InputKind::Environment, name, reason);
    let url = url.trim();
    let (scheme, rest) = match url.split_once("://") {
        Some((scheme, rest)) => (scheme.to_ascii_lowercase(), rest),
        None => ("http".to_owned(), url),
    };
    match scheme.as_str() {
        "http" | "https" => {}
        s if s.starts_with("socks") => {
            return Err(bad(
                "names a SOCKS proxy, which is not supported: use an http:// proxy",
            ));
        }
        _ => return Err(bad("is not an http:// or https:// proxy URL")),
    }
    // Credentials are allowed here (ureq sends them as `Proxy-Authorization`): the host is
    // checked without them.
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = rest[..authority_end]
        .rsplit_once('@')
        .map_or(&rest[..authority_end], |(_, host)| host);
    match host_port(&format!("{scheme}://{host}")) {
        Some((_, host, _)) if !host.is_empty() => Ok(format!("{scheme}://{rest}")),
        _ => Err(bad("is not a proxy URL with a host")),
    }
}

/// One `NO_PROXY` entry, lower-cased; `None` when it cannot be read.
fn bypass(entry: &str) -> Option<Bypass> {
    let entry = entry.to_ascii_lowercase();
    if entry == "*" {
        return Some(Bypass::Everything);
    }
    if let Some((addr, bits)) = entry.split_once('/') {
        let addr: IpAddr = addr
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse()
            .ok()?;
        let bits: u8 = bits.parse().ok()?;
        let most = if addr.is_ipv4() { 32 } else { 128 };
        return (bits <= most).then_some(Bypass::Range(addr, bits));
    }
    if let Some(rest) = entry.strip_prefix('[') {
        let (v6, after) = rest.split_once(']')?;
        let port = match after {
            "" => None,
            after => Some(after.strip_prefix(':')?.parse().ok()?),
        };
        return Some(Bypass::Ip(v6.parse().ok()?, port));
    }
    // A bare IPv6 address has colons of its own: it has no port.
    if let Ok(addr) = entry.parse::<IpAddr>() {
        return Some(Bypass::Ip(addr, None));
    }
    let (host, port) = match entry.rsplit_once(':') {
        Some((host, port)) => (host, Some(port.parse::<u16>().ok()?)),
        None => (entry.as_str(), None),
    };
    if let Ok(addr) = host.parse::<IpAddr>() {
        return Some(Bypass::Ip(addr, port));
    }
    let domain = host.trim_start_matches("*.").trim_start_matches('.');
    let valid = !domain.is_empty()
        && domain
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'));
    valid.then(|| Bypass::Domain(domain.to_owned(), port))
}

/// Whether `ip` is in `net/bits` (never across address families).
fn in_range(ip: IpAddr, net: IpAddr, bits: u8) -> bool {
    let prefix = |value: u128, width: u32| {
        let shift = width - u32::from(bits);
        if shift >= 128 { 0 } else { value >> shift }
    };
    match (ip, net) {
        (IpAddr::V4(a), IpAddr::V4(b)) => {
            prefix(u128::from(u32::from(a)), 32) == prefix(u128::from(u32::from(b)), 32)
        }
        (IpAddr::V6(a), IpAddr::V6(b)) => prefix(u128::from(a), 128) == prefix(u128::from(b), 128),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proxies(pairs: &[(&str, &str)]) -> Proxies {
        Proxies::from_vars(|name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        })
        .unwrap()
    }

    const P: &str = "http://proxy:3128";

    #[test]
    fn each_scheme_has_its_own_proxy() {
        let only_https = proxies(&[("HTTPS_PROXY", P)]);
        assert_eq!(only_https.for_url("https://h/x"), Some(P));
        assert_eq!(only_https.for_url("http://h/x"), None);
        let only_http = proxies(&[("http_proxy", P)]);
        assert_eq!(only_http.for_url("http://h/x"), Some(P));
        assert_eq!(only_http.for_url("https://h/x"), None);
        let lower_first = proxies(&[("https_proxy", "http://low:1"), ("HTTPS_PROXY", P)]);
        assert_eq!(lower_first.for_url("https://h/"), Some("http://low:1"));
        let all = proxies(&[("ALL_PROXY", P), ("https_proxy", "http://s:1")]);
        assert_eq!(all.for_url("http://h/"), Some(P));
        assert_eq!(all.for_url("https://h/"), Some("http://s:1"));
        assert_eq!(Proxies::none().for_url("https://h/"), None);
        assert_eq!(
            proxies(&[("HTTPS_PROXY", "   ")]).for_url("https://h/"),
            None
        );
    }

    #[test]
    fn http_proxy_in_upper_case_is_ignored_in_a_cgi_request() {
        assert_eq!(proxies(&[("HTTP_PROXY", P)]).for_url("http://h/"), Some(P));
        let cgi = proxies(&[("HTTP_PROXY", P), ("REQUEST_METHOD", "GET")]);
        assert_eq!(cgi.for_url("http://h/"), None);
        let lower = proxies(&[("http_proxy", P), ("REQUEST_METHOD", "GET")]);
        assert_eq!(lower.for_url("http://h/"), Some(P));
    }

    #[test]
    fn no_proxy_entries() {
        let p = proxies(&[
            ("HTTPS_PROXY", P),
            (
                "NO_PROXY",
                " internal.example , .corp.example,LOCALHOST, 10.0.0.0/8,192.168.1.5, \
                 fd00::/8, [::1], ::2, only.example:8443, 172.16.0.1:9000, [::3]:7000,,\
                 [2001:db8:1:2::2], [2001:db8::7]:8443",
            ),
        ]);
        for direct in [
            "https://internal.example/",
            "https://a.b.internal.example/",
            "https://corp.example/",
            "https://x.corp.example/",
            "https://localhost/",
            "https://10.200.1.1/",
            "https://192.168.1.5:8443/",
            "https://[fd12::1]/",
            "https://[::1]/",
            "https://[::2]:443/",
            "https://only.example:8443/",
            "https://172.16.0.1:9000/",
            "https://[::3]:7000/",
            "https://[2001:db8:1:2::2]/",
            "https://[2001:db8::7]:8443/",
        ] {
            assert_eq!(p.for_url(direct), None, "{direct}");
        }
        for proxied in [
            "https://huggingface.co/",
            "https://notinternal.example/",
            "https://internal.example.evil/",
            "https://11.0.0.1/",
            "https://192.168.1.6/",
            "https://[fe80::1]/",
            "https://only.example/",
            "https://172.16.0.1/",
            "https://[::3]/",
        ] {
            assert_eq!(p.for_url(proxied), Some(P), "{proxied}");
        }
        let everything = proxies(&[("HTTPS_PROXY", P), ("no_proxy", " * ")]);
        assert_eq!(everything.for_url("https://huggingface.co/"), None);
        assert_eq!(everything.for_url("https://127.0.0.1/"), None);
    }

    #[test]
    fn no_proxy_reads_addresses_and_stars_as_curl_does() {
        // `*` is every host only as the whole value.
        let listed = proxies(&[("HTTPS_PROXY", P), ("NO_PROXY", "x.example,*")]);
        assert_eq!(listed.for_url("https://huggingface.co/"), Some(P));
        assert_eq!(listed.for_url("https://x.example/"), None);
        // A domain entry never names an address.
        for entry in [".0.0.1", "*.0.0.1", "0.0.1", "1"] {
            let p = proxies(&[("HTTPS_PROXY", P), ("NO_PROXY", entry)]);
            assert_eq!(p.for_url("https://127.0.0.1/"), Some(P), "{entry}");
        }
        let p = proxies(&[
            ("HTTPS_PROXY", P),
            ("NO_PROXY", "127.0.0.1, ::1, 10.0.0.0/8"),
        ]);
        for direct in ["https://127.0.0.1/", "https://[::1]/", "https://10.9.8.7/"] {
            assert_eq!(p.for_url(direct), None, "{direct}");
        }
    }

    #[test]
    fn proxy_urls() {
        assert_eq!(
            proxies(&[("HTTPS_PROXY", "proxy:3128")]).for_url("https://h/"),
            Some(P)
        );
        let creds = proxies(&[("HTTPS_PROXY", "HTTPS://u:p4ssw0rd@proxy:3128")]);
        assert_eq!(
            creds.for_url("https://h/"),
            Some("https://u:p4ssw0rd@proxy:3128")
        );
        let shown = format!("{creds:?}");
        assert!(
            !shown.contains("p4ssw0rd") && shown.contains("proxy:3128"),
            "{shown}"
        );
        let mut config = crate::proto::config::Config::default();
        config.proxies = creds;
        assert!(!format!("{config:?}").contains("p4ssw0rd"));
        for bad in [
            "socks5://proxy:1080",
            "socks5h://p:1",
            "SOCKS4://p:1",
            "ftp://p",
            "http://",
            "http://a b",
        ] {
            let err =
                Proxies::from_vars(|n| (n == "HTTPS_PROXY").then(|| bad.to_owned())).unwrap_err();
            assert_eq!(
                (err.kind(), err.value()),
                (InputKind::Environment, "HTTPS_PROXY"),
                "{bad}"
            );
            assert!(
                !err.to_string().contains(bad),
                "the URL is not shown: {err}"
            );
        }
        let socks = Proxies::from_vars(|n| (n == "ALL_PROXY").then(|| "socks5://p:1".into()));
        assert!(socks.unwrap_err().reason().contains("SOCKS"));
        let bad_entry = Proxies::from_vars(|n| (n == "NO_PROXY").then(|| "a b".into()));
        assert_eq!(bad_entry.unwrap_err().value(), "NO_PROXY");
    }

    #[test]
    fn ranges() {
        let v4 = |s: &str| s.parse::<IpAddr>().unwrap();
        assert!(in_range(v4("10.1.2.3"), v4("10.0.0.0"), 8));
        assert!(!in_range(v4("11.1.2.3"), v4("10.0.0.0"), 8));
        assert!(in_range(v4("1.2.3.4"), v4("0.0.0.0"), 0));
        assert!(in_range(v4("1.2.3.4"), v4("1.2.3.4"), 32));
        assert!(!in_range(v4("1.2.3.5"), v4("1.2.3.4"), 32));
        assert!(in_range(v4("::1"), v4("::"), 0));
        assert!(!in_range(v4("::1"), v4("0.0.0.0"), 0));
        assert_eq!(bypass("10.0.0.0/33"), None);
    }
}
