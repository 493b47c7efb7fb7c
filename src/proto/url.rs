//! The little URL handling the client needs: percent-encoding, the endpoint, origins, and
//! joining a `Location` or `Link` target to the URL that sent it.
//!
//! A full URL parser would be a dependency for three operations; these are small and the rules
//! they follow are the conservative ones (anything unusual is refused, never guessed).

use std::fmt::Write as _;
use std::str::FromStr;

use crate::proto::error::{InputKind, InvalidInput};

/// Appends `value` percent-encoded: everything but RFC 3986's unreserved characters is escaped,
/// so a value can never add a parameter, a path segment or a fragment.
pub(crate) fn encode_into(out: &mut String, value: &str) {
    for &b in value.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
}

/// The Hub's base URL, e.g. `https://huggingface.co`: `http` or `https`, a host, an optional
/// port and path prefix; no credentials, query or fragment.
///
/// ```
/// use hf_providers::Endpoint;
///
/// let e = Endpoint::parse("https://huggingface.co/")?;
/// assert_eq!(e.as_str(), "https://huggingface.co");
/// assert!(Endpoint::parse("ftp://example.com").is_err());
/// let parsed: Endpoint = "http://127.0.0.1:8080".parse()?;
/// assert_eq!(parsed.to_string(), "http://127.0.0.1:8080");
/// # Ok::<(), hf_providers::InvalidInput>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    base: String,
    origin: Origin,
}

impl Endpoint {
    /// The public Hub.
    pub const DEFAULT: &'static str = "https://huggingface.co";

    /// The router, which serves inference and publishes its catalog.
    pub const ROUTER: &'static str = "https://router.huggingface.co";

    /// The router's endpoint, [`Endpoint::ROUTER`].
    pub fn router() -> Endpoint {
        Endpoint::parse(Endpoint::ROUTER).expect("the router's endpoint is valid")
    }

    /// Validates and normalises `url` (a trailing `/` is dropped).
    ///
    /// # Errors
    ///
    /// [`InvalidInput`] when `url` is not an absolute `http` or `https` URL with a host, or has
    /// credentials, a query, a fragment, spaces, control or non-ASCII characters.
    pub fn parse(url: &str) -> Result<Endpoint, InvalidInput> {
        let bad = |reason| {
            // The value is echoed back only when it cannot hold credentials.
            let shown = if url.contains('@') { "<redacted>" } else { url };
            InvalidInput::new(InputKind::Endpoint, shown, reason)
        };
        if !url.bytes().all(|b| (0x21..0x7f).contains(&b)) {
            return Err(bad("has spaces, control or non-ASCII characters"));
        }
        let origin = Origin::of(url).map_err(bad)?;
        let after_authority = &url[origin_prefix_len(url)..];
        if after_authority.contains(['?', '#']) {
            return Err(bad("must not have a query or fragment"));
        }
        // RFC 3986's path characters only: anything else (`<`, `"`, a backquote...) would have
        // to be escaped to be sent, and an endpoint is taken as written.
        let path_char = |b: u8| b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/%".contains(&b);
        if !after_authority.bytes().all(path_char) {
            return Err(bad("has a character that cannot go in a URL path"));
        }
        Ok(Endpoint {
            base: url.trim_end_matches('/').to_owned(),
            origin,
        })
    }

    /// The normalised base URL, without a trailing `/`.
    pub fn as_str(&self) -> &str {
        &self.base
    }

    /// `scheme://host[:port]`, as written: the base URL without its path.
    pub(crate) fn origin(&self) -> &str {
        &self.base[..origin_prefix_len(&self.base)]
    }

    /// Whether `url` has the endpoint's origin (scheme, host and port), the only place the
    /// token may go.
    pub fn is_same_origin(&self, url: &str) -> bool {
        Origin::of(url).is_ok_and(|o| o == self.origin)
    }
}

impl Default for Endpoint {
    fn default() -> Self {
        Endpoint::parse(Endpoint::DEFAULT).expect("the default endpoint is valid")
    }
}

impl FromStr for Endpoint {
    type Err = InvalidInput;

    fn from_str(url: &str) -> Result<Endpoint, InvalidInput> {
        Endpoint::parse(url)
    }
}

impl TryFrom<&str> for Endpoint {
    type Error = InvalidInput;

    fn try_from(url: &str) -> Result<Endpoint, InvalidInput> {
        Endpoint::parse(url)
    }
}

impl std::fmt::Display for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.base)
    }
}

/// The scheme (`http` or `https`), host (lower case; an IPv6 address in brackets) and port
/// (the scheme's default when none is written) of an absolute URL; `None` when it is not one.
pub(crate) fn host_port(url: &str) -> Option<(&'static str, String, u16)> {
    Origin::of(url).ok().map(|o| (o.scheme, o.host, o.port))
}

/// `host:port` as `url` writes them (the scheme's default port when it writes none); `None`
/// when it is not an absolute `http(s)` URL.
pub(crate) fn authority(url: &str) -> Option<String> {
    let origin = Origin::of(url).ok()?;
    let start = url.find("://")? + 3;
    let written = &url[start..origin_prefix_len(url)];
    let has_port = written
        .rsplit_once(':')
        .is_some_and(|(_, p)| !p.contains(']'));
    Some(if has_port {
        written.to_owned()
    } else {
        format!("{written}:{}", origin.port)
    })
}

/// Scheme, host and port, compared case-insensitively with default ports filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Origin {
    scheme: &'static str,
    host: String,
    port: u16,
}

impl Origin {
    fn of(url: &str) -> Result<Origin, &'static str> {
        let (scheme, rest) = url.split_once("://").ok_or("is not an absolute URL")?;
        let (scheme, default_port) = if scheme.eq_ignore_ascii_case("https") {
            ("https", 443)
        } else if scheme.eq_ignore_ascii_case("http") {
            ("http", 80)
        } else {
            return Err("must start with http:// or https://");
        };
        let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
        if authority.contains('@') {
            return Err("must not hold credentials");
        }
        let (host, port) = split_host_port(authority)?;
        if host.is_empty() {
            return Err("has no host");
        }
        let port = match port {
            None => default_port,
            Some(p) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => {
                p.parse().map_err(|_| "has a port out of range")?
            }
            Some(_) => return Err("has an invalid port"),
        };
        Ok(Origin {
            scheme,
            host: host.to_ascii_lowercase(),
            port,
        })
    }
}

fn split_host_port(authority: &str) -> Result<(&str, Option<&str>), &'static str> {
    if let Some(v6) = authority.strip_prefix('[') {
        let end = v6.find(']').ok_or("has an unclosed IPv6 address")?;
        let host = &authority[..end + 2];
        return match &authority[end + 2..] {
            "" => Ok((host, None)),
            rest => rest
                .strip_prefix(':')
                .map(|p| (host, Some(p)))
                .ok_or("has text after an IPv6 address"),
        };
    }
    if !authority
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b':'))
    {
        return Err("has an invalid host");
    }
    Ok(match authority.split_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (authority, None),
    })
}

/// What follows `scheme://authority` in an absolute URL: its path and query.
pub(crate) fn path_and_query(url: &str) -> &str {
    &url[origin_prefix_len(url)..]
}

/// Length of `scheme://authority` in an absolute URL (the whole string if it has no path).
fn origin_prefix_len(url: &str) -> usize {
    let start = url.find("://").map_or(0, |i| i + 3);
    url[start..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| start + i)
}

/// Joins a `Location` or `Link` target to the absolute URL it came from (RFC 3986's
/// "resolving a reference", named apart from choosing a provider).
///
/// Handles the forms servers send (absolute, `//host/...`, `/path`, `?query`, relative path);
/// refuses anything with characters that could split a request line or header, and drops a
/// fragment. The result is checked to be an `http(s)` URL with a valid origin.
pub(crate) fn join(base: &str, reference: &str) -> Result<String, &'static str> {
    if reference.is_empty() {
        return Err("is empty");
    }
    if !reference.bytes().all(|b| (0x21..0x7f).contains(&b)) {
        return Err("has spaces, control or non-ASCII characters");
    }
    let reference = reference.split('#').next().unwrap_or_default();
    let resolved = if has_scheme(reference) {
        reference.to_owned()
    } else if let Some(rest) = reference.strip_prefix("//") {
        let scheme = base.split("://").next().unwrap_or("https");
        format!("{scheme}://{rest}")
    } else {
        let origin_end = origin_prefix_len(base);
        let (origin, path_and_query) = base.split_at(origin_end);
        let path = path_and_query.split(['?', '#']).next().unwrap_or_default();
        if reference.starts_with('/') {
            format!("{origin}{reference}")
        } else if reference.starts_with('?') {
            format!("{origin}{path}{reference}")
        } else {
            let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
            let dir = if dir.is_empty() { "/" } else { dir };
            format!("{origin}{dir}{reference}")
        }
    };
    Origin::of(&resolved)?;
    Ok(resolved)
}

/// Whether `reference` starts with `scheme:` (RFC 3986), which makes it absolute.
fn has_scheme(reference: &str) -> bool {
    let Some((scheme, _)) = reference.split_once(':') else {
        return false;
    };
    let mut bytes = scheme.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_everything_but_unreserved() {
        let mut s = String::new();
        encode_into(&mut s, "a b&c=d/e?f#g%h+i,j~k.l_m-n\u{e9}");
        assert_eq!(s, "a%20b%26c%3Dd%2Fe%3Ff%23g%25h%2Bi%2Cj~k.l_m-n%C3%A9");
    }

    #[test]
    fn endpoints() {
        assert_eq!(
            Endpoint::parse("http://127.0.0.1:8080/").unwrap().as_str(),
            "http://127.0.0.1:8080"
        );
        assert_eq!(
            Endpoint::parse("https://hub.example/mirror/")
                .unwrap()
                .as_str(),
            "https://hub.example/mirror"
        );
        assert_eq!(
            Endpoint::parse("https://hub.example/a-b_c.d~e/%41/x:y@z/!$&'()*+,;=")
                .unwrap()
                .as_str(),
            "https://hub.example/a-b_c.d~e/%41/x:y@z/!$&'()*+,;="
        );
        for bad in [
            "",
            "huggingface.co",
            "ftp://h",
            "https://",
            "https://h:99999",
            "https://h:x",
            "https://h?x=1",
            "https://h/#f",
            "https://u:p@h",
            "https://h o",
            "https://h/a<b",
            "https://h/a\"b",
            "https://h/a`b",
            "https://h/a{b}",
            "https://h/a|b",
            "https://h/a\\b",
            "https://h/a^b",
        ] {
            let err = Endpoint::parse(bad).unwrap_err();
            assert!(!err.to_string().contains("u:p"), "{err}");
        }
    }

    #[test]
    fn same_origin_rules() {
        let e = Endpoint::parse("https://huggingface.co").unwrap();
        assert!(e.is_same_origin("https://huggingface.co/api/models"));
        assert!(e.is_same_origin("HTTPS://HuggingFace.co:443/api"));
        assert!(!e.is_same_origin("http://huggingface.co/api"));
        assert!(!e.is_same_origin("https://huggingface.co:8443/api"));
        assert!(!e.is_same_origin("https://huggingface.co.evil.com/api"));
        assert!(!e.is_same_origin("https://huggingface.co@evil.com/api"));
        assert!(!e.is_same_origin("https://evil.com/huggingface.co"));
        assert!(!e.is_same_origin("/api/models"));
        let v6 = Endpoint::parse("http://[::1]:8080").unwrap();
        assert!(v6.is_same_origin("http://[::1]:8080/x"));
        assert!(!v6.is_same_origin("http://[::1]/x"));
    }

    #[test]
    fn authorities_as_written() {
        assert_eq!(
            authority("https://HuggingFace.co/api").as_deref(),
            Some("HuggingFace.co:443")
        );
        assert_eq!(
            authority("http://127.0.0.1:8080/x?y").as_deref(),
            Some("127.0.0.1:8080")
        );
        assert_eq!(authority("http://[::1]/x").as_deref(), Some("[::1]:80"));
        assert_eq!(authority("http://[::1]:9").as_deref(), Some("[::1]:9"));
        assert_eq!(authority("/relative"), None);
    }

    #[test]
    fn resolves_references() {
        let base = "https://h.co/api/models?a=1";
        assert_eq!(join(base, "https://o.co/x").unwrap(), "https://o.co/x");
        assert_eq!(join(base, "//o.co/x").unwrap(), "https://o.co/x");
        assert_eq!(join(base, "/api/x?c=2").unwrap(), "https://h.co/api/x?c=2");
        assert_eq!(join(base, "?c=2").unwrap(), "https://h.co/api/models?c=2");
        assert_eq!(
            join(base, "other?c=2").unwrap(),
            "https://h.co/api/other?c=2"
        );
        assert_eq!(join("https://h.co", "x").unwrap(), "https://h.co/x");
        assert_eq!(join(base, "/p#frag").unwrap(), "https://h.co/p");
        for bad in [
            "",
            "/a b",
            "/a\r\nX: y",
            "javascript:alert(1)",
            "ftp://h/x",
            "https://u@h/x",
            "https:///x",
            "/é",
        ] {
            assert!(join(base, bad).is_err(), "{bad:?}");
        }
    }
}
