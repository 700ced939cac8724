//! The HTTP client: keys by header (default) or query, timeouts from the profile, the rate
//! limiter, one retry after a 429, and every error sorted into an [`Outcome`].

use std::error::Error as _;
use std::time::Duration;

use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderValue, RETRY_AFTER};
use tokio::time::Instant;

use super::limiter::Limiter;
use super::outcome::{Call, Outcome, ResponseBody};
use crate::config::{AuthMode, Host, Keys, Profile};

/// The bulk-create path of API.md.
pub const BULK_CREATE_PATH: &str = "/v2/Task.svc/Bulk/Create";

const USER_AGENT: &str = concat!("lsq-tasks/", env!("CARGO_PKG_VERSION"));
/// The longest a 429 is waited out before the single retry.
const MAX_RETRY_WAIT: Duration = Duration::from_secs(60);
/// The wait after a 429 that names none.
const DEFAULT_RETRY_WAIT: Duration = Duration::from_secs(5);

/// A client that cannot be built.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("{0}")]
    Host(String),
    #[error("cannot set up HTTPS: {0}")]
    Tls(String),
}

/// One profile's connection to LeadSquared (or the sandbox).
#[derive(Debug)]
pub struct Client {
    http: reqwest::Client,
    host: Host,
    auth: AuthMode,
    keys: Keys,
    limiter: Limiter,
    timeout: Duration,
}

impl Client {
    /// Builds the client. Loading TLS trust roots takes milliseconds, so callers build it
    /// when a call is about to be made, not at start-up.
    pub fn new(profile: &Profile, keys: Keys) -> Result<Client, ClientError> {
        // Refuse a plain-http host that is not loopback here too, before any byte is sent,
        // in case a Host was built some other way than Host::parse.
        let plain = !profile.host.uses_tls();
        if plain && !profile.host.is_loopback() {
            return Err(ClientError::Host(format!(
                "{} uses plain http on a network: only https is allowed",
                profile.host
            )));
        }
        // Several crypto providers may be compiled in; choose ring once per process.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let http = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .connect_timeout(profile.connect_timeout)
            .timeout(profile.timeout)
            // Never follow a redirect: the keys travel in headers and must stay with this host.
            .redirect(reqwest::redirect::Policy::none());
        // A plain-http host (only ever loopback: the sandbox, a local test server) never starts
        // TLS, and redirects are never followed, so it needs no trust roots. Loading the
        // system's costs milliseconds and half a megabyte of memory.
        let http = if plain { http.tls_certs_only([]) } else { http };
        let http = http.build().map_err(|e| ClientError::Tls(e.to_string()))?;
        Ok(Client {
            http,
            host: profile.host.clone(),
            auth: profile.auth,
            keys,
            limiter: Limiter::new(profile.calls_per_5s, Duration::from_secs(5)),
            timeout: profile.timeout,
        })
    }

    pub fn host(&self) -> &Host {
        &self.host
    }

    /// Sends a "Create Tasks in Bulk" body. Never retried after an unknown outcome.
    pub async fn bulk_create(&self, body: &str) -> Call {
        self.call(
            reqwest::Method::POST,
            BULK_CREATE_PATH,
            &[],
            Some(body.to_owned()),
        )
        .await
    }

    /// A GET of an API path with query parameters.
    pub async fn get(&self, path: &str, query: &[(&str, &str)]) -> Call {
        self.call(reqwest::Method::GET, path, query, None).await
    }

    /// A POST of a JSON body to an API path.
    pub async fn post_json(&self, path: &str, body: &str) -> Call {
        self.call(reqwest::Method::POST, path, &[], Some(body.to_owned()))
            .await
    }

    async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        query: &[(&str, &str)],
        body: Option<String>,
    ) -> Call {
        let start = Instant::now();
        let mut notes = Vec::new();
        let mut retried = false;
        loop {
            let waited = self.limiter.acquire().await;
            if waited >= Duration::from_millis(100) {
                notes.push(format!(
                    "waited {:.1} s to stay within this profile's calls per 5 seconds",
                    waited.as_secs_f64()
                ));
            }
            let (outcome, retry_after) = self.attempt(&method, path, query, body.clone()).await;
            tracing::info!(
                method = %method, host = %self.host.authority(), path,
                outcome = outcome.class(), status = ?outcome.status(),
                "call finished"
            );
            if outcome.status() == Some(429) && !retried {
                let wait = retry_after
                    .unwrap_or(DEFAULT_RETRY_WAIT)
                    .min(MAX_RETRY_WAIT);
                notes.push(format!(
                    "429 Too Many Requests: waited {} s as asked, then tried once more",
                    wait.as_secs()
                ));
                tokio::time::sleep(wait).await;
                retried = true;
                continue;
            }
            return Call {
                outcome,
                elapsed: start.elapsed(),
                notes,
            };
        }
    }

    async fn attempt(
        &self,
        method: &reqwest::Method,
        path: &str,
        query: &[(&str, &str)],
        body: Option<String>,
    ) -> (Outcome, Option<Duration>) {
        let mut url = self.host.endpoint(path);
        {
            let mut pairs = url.query_pairs_mut();
            for (name, value) in query {
                pairs.append_pair(name, value);
            }
            if self.auth == AuthMode::Query {
                pairs.append_pair("accessKey", self.keys.access_key.expose());
                pairs.append_pair("secretKey", self.keys.secret_key.expose());
            }
        }
        if url.query() == Some("") {
            url.set_query(None);
        }
        let mut request = self.http.request(method.clone(), url);
        if self.auth == AuthMode::Header {
            request = request.headers(self.key_headers());
        }
        if let Some(body) = body {
            request = request
                .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
                .body(body);
        }
        let response = match request.send().await {
            Ok(response) => response,
            Err(error) => return (self.classify(&error), None),
        };
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let bytes = match response.bytes().await {
            Ok(bytes) => bytes,
            Err(error) => {
                let reason = format!(
                    "the answer ({status}) broke off before its end: {}",
                    self.describe(&error)
                );
                return (Outcome::Unknown { reason }, None);
            }
        };
        let body = ResponseBody::new(&bytes);
        let outcome = if (200..300).contains(&status) {
            Outcome::Accepted { status, body }
        } else {
            Outcome::Rejected { status, body }
        };
        (outcome, retry_after)
    }

    fn key_headers(&self) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, secret) in [
            ("x-LSQ-AccessKey", &self.keys.access_key),
            ("x-LSQ-SecretKey", &self.keys.secret_key),
        ] {
            if let Ok(mut value) = HeaderValue::from_str(secret.expose()) {
                value.set_sensitive(true);
                headers.insert(name, value);
            }
        }
        headers
    }

    /// Sorts a transport error: before sending (nothing created) or after (unknown).
    fn classify(&self, error: &reqwest::Error) -> Outcome {
        let chain = self.describe(error);
        if error.is_connect() || error.is_builder() {
            let reason = if chain.contains("lookup address") || chain.contains("resolve") {
                format!("cannot find {} (DNS): {chain}", self.host.authority())
            } else if chain.contains("certificate")
                || chain.contains("tls")
                || chain.contains("TLS")
            {
                format!(
                    "the secure connection to {} failed: {chain}",
                    self.host.authority()
                )
            } else if error.is_timeout() {
                format!(
                    "no connection to {} within the connect timeout",
                    self.host.authority()
                )
            } else {
                format!("cannot connect to {}: {chain}", self.host.authority())
            };
            return Outcome::NotSent { reason };
        }
        if error.is_timeout() {
            return Outcome::Unknown {
                reason: format!("no answer within {} s", self.timeout.as_secs()),
            };
        }
        Outcome::Unknown {
            reason: format!("the connection failed after the request was sent: {chain}"),
        }
    }

    /// The deepest cause of an error (`Connection refused (os error 111)`), which says the
    /// most in the fewest words; the whole chain goes to the log. The URL and the keys are
    /// taken out of both: in query mode the URL holds the keys.
    fn describe(&self, error: &reqwest::Error) -> String {
        let mut chain = vec![error.to_string()];
        let mut source = error.source();
        while let Some(cause) = source {
            chain.push(cause.to_string());
            source = cause.source();
        }
        let scrub = |text: &str| {
            let mut text = text.to_owned();
            if let Some(url) = error.url() {
                text = text.replace(&format!(" for url ({url})"), "");
                text = text.replace(url.as_str(), &self.host.to_string());
            }
            for secret in [&self.keys.access_key, &self.keys.secret_key] {
                // Very short values would garble ordinary words; real keys are long.
                if secret.expose().len() >= 6 {
                    text = text.replace(secret.expose(), "****");
                }
            }
            text
        };
        tracing::debug!(error = %scrub(&chain.join(": ")), "call failed");
        scrub(chain.last().map_or("", String::as_str))
    }
}
