//! Where a profile's calls go: a LeadSquared region host or a full base URL, HTTPS only except
//! on the loopback address (the sandbox).

use std::fmt;
use std::net::IpAddr;

use url::Url;

/// The API host of each account region.
pub const REGIONS: [(&str, &str); 6] = [
    ("Singapore (default)", "api.leadsquared.com"),
    ("United States", "api-us11.leadsquared.com"),
    ("India (Mumbai)", "api-in21.leadsquared.com"),
    ("India (Hyderabad)", "api-in22.leadsquared.com"),
    ("Ireland", "api-ir31.leadsquared.com"),
    ("Canada", "api-ca12.leadsquared.com"),
];

/// A checked base URL. Plain `http://` is only ever accepted for loopback addresses, so a key
/// can never travel unencrypted over a network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Host {
    base: Url,
}

impl Host {
    /// Reads a region host (`api-in21.leadsquared.com`) or a base URL
    /// (`https://api-in21.leadsquared.com`, `http://127.0.0.1:8080`).
    pub fn parse(text: &str) -> Result<Host, String> {
        let text = text.trim();
        if text.is_empty() {
            return Err(format!("no host given: {}", regions_hint()));
        }
        if !text.contains("://") {
            if REGIONS
                .iter()
                .any(|(_, host)| host.eq_ignore_ascii_case(text))
            {
                return Host::parse(&format!("https://{}", text.to_ascii_lowercase()));
            }
            return Err(format!(
                "'{text}' is not a LeadSquared region host: {}; or give a full https:// URL",
                regions_hint()
            ));
        }
        let base = Url::parse(text).map_err(|e| format!("'{text}' is not a URL: {e}"))?;
        if base.host_str().is_none() {
            return Err(format!("'{text}' has no host name"));
        }
        if !base.username().is_empty() || base.password().is_some() || base.query().is_some() {
            return Err(format!(
                "'{text}' must not carry a user, password or query: keys belong in \
                 credentials.toml"
            ));
        }
        match base.scheme() {
            "https" => Ok(Host { base }),
            "http" if is_loopback(&base) => Ok(Host { base }),
            "http" => Err(format!(
                "'{text}' uses plain http: LeadSquared only answers https, and keys must not \
                 cross a network unencrypted; write https://{}",
                base.host_str().unwrap_or_default()
            )),
            other => Err(format!("'{text}': the scheme must be https, not {other}")),
        }
    }

    /// The URL of an API path such as `/v2/Task.svc/Bulk/Create`.
    pub fn endpoint(&self, path: &str) -> Url {
        let mut url = self.base.clone();
        let joined = format!("{}{}", self.base.path().trim_end_matches('/'), path);
        url.set_path(&joined);
        url
    }

    /// `host` or `host:port`, the form the key check reports the account's host in.
    pub fn authority(&self) -> String {
        let host = self.base.host_str().unwrap_or_default();
        match self.base.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_owned(),
        }
    }

    pub fn is_loopback(&self) -> bool {
        is_loopback(&self.base)
    }

    /// True for an `https://` host: calls to it start TLS. Plain http is only ever loopback.
    pub fn uses_tls(&self) -> bool {
        self.base.scheme() == "https"
    }

    /// The region's name when this is a known region host.
    pub fn region(&self) -> Option<&'static str> {
        let authority = self.authority();
        REGIONS
            .iter()
            .find(|(_, host)| *host == authority)
            .map(|(name, _)| *name)
    }
}

/// The Singapore host, LeadSquared's default region.
impl Default for Host {
    fn default() -> Host {
        let base = Url::parse("https://api.leadsquared.com")
            .expect("the default region host is a constant, valid URL");
        Host { base }
    }
}

impl fmt::Display for Host {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.base.as_str().trim_end_matches('/'))
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

fn regions_hint() -> String {
    let hosts: Vec<String> = REGIONS
        .iter()
        .map(|(name, host)| format!("{host} ({name})"))
        .collect();
    format!("region hosts are {}", hosts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_hosts_become_https_urls() {
        let host = Host::parse("api-in21.leadsquared.com").unwrap();
        assert_eq!(host.to_string(), "https://api-in21.leadsquared.com");
        assert_eq!(host.region(), Some("India (Mumbai)"));
        assert_eq!(
            host.endpoint("/v2/Task.svc/Bulk/Create").as_str(),
            "https://api-in21.leadsquared.com/v2/Task.svc/Bulk/Create"
        );
    }

    #[test]
    fn plain_http_only_for_loopback() {
        assert!(Host::parse("http://127.0.0.1:8080").is_ok());
        assert!(Host::parse("http://localhost:8080").is_ok());
        assert!(Host::parse("http://[::1]:8080").is_ok());
        let error = Host::parse("http://api.leadsquared.com").unwrap_err();
        assert!(error.contains("https://api.leadsquared.com"), "{error}");
        assert!(Host::parse("http://10.0.0.5").is_err());
        assert!(Host::parse("ftp://api.leadsquared.com").is_err());
    }

    #[test]
    fn unknown_bare_hosts_and_urls_with_keys_are_refused() {
        assert!(
            Host::parse("api.example.com")
                .unwrap_err()
                .contains("region hosts are")
        );
        assert!(Host::parse("https://api.leadsquared.com/?accessKey=x").is_err());
        assert!(Host::parse("https://u:p@api.leadsquared.com").is_err());
    }

    #[test]
    fn a_base_path_is_kept() {
        let host = Host::parse("https://proxy.example.com/lsq/").unwrap();
        assert_eq!(
            host.endpoint("/v2/x").as_str(),
            "https://proxy.example.com/lsq/v2/x"
        );
        assert_eq!(
            Host::parse("http://127.0.0.1:9/").unwrap().authority(),
            "127.0.0.1:9"
        );
    }
}
