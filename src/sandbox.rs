//! A stand-in for the LeadSquared API on 127.0.0.1: the documented bulk-create call judged by
//! its own rules, the tasks it creates a little later (listed by `Task.svc/Retrieve`, removed by
//! `Task.svc/DeleteTasks`), demo lookups, the rate limit and failure modes, so that the tool can
//! be shown, learnt and tested with no account.
//!
//! Note: nothing here uses the rest of the crate. The sandbox judges bodies with its own checks
//! (`rules`) so that a mistake in the client's validator cannot hide in both.
//!
//! Connections are served by hand (an accept loop and hyper's HTTP/1 connection) rather than by
//! `axum::serve`, because the `Drop` fault must close a connection without a response, which
//! only the connection layer can do.

mod demo;
mod faults;
mod routes;
mod rules;
mod shared;
mod tasks;
mod webhook;

use std::fmt;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::response::Response;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio::task::{JoinHandle, JoinSet};
use tower::ServiceExt;

pub use demo::SHARED_LEAD_EMAIL;
pub use faults::{FAULT_NAMES, Fault, UnknownFault};
pub use shared::Received;

use shared::Shared;

/// The access key a sandbox accepts unless told otherwise; shaped like a real one (`u$...`) but
/// useless anywhere else.
pub const DEMO_ACCESS_KEY: &str = "u$sandbox-demo-access";
/// The secret key paired with [`DEMO_ACCESS_KEY`]; printed freely, it guards nothing.
pub const DEMO_SECRET_KEY: &str = "sandbox-demo-secret";
/// Calls per 5 seconds, the figure the Bulk/Create page states (plans may allow fewer).
pub const DEFAULT_LIMIT: u32 = 25;
/// How long after accepting a call its tasks appear: long enough that a check made at once
/// sees "not yet", as it may with the real service, short enough for a demonstration.
pub const DEFAULT_CREATE_DELAY: Duration = Duration::from_millis(1500);

/// How a sandbox listens and behaves. `Debug` leaves the keys out, like every log line.
#[derive(Clone)]
pub struct Options {
    /// Port on 127.0.0.1; 0 takes any free one (see [`Sandbox::addr`]).
    pub port: u16,
    /// The access key every API call must carry.
    pub access_key: String,
    /// The secret key every API call must carry.
    pub secret_key: String,
    /// A failure imposed on `POST /v2/Task.svc/Bulk/Create` only, after the key check.
    pub fault: Option<Fault>,
    /// Waited before every answer, to make spinners and client timeouts visible.
    pub latency: Duration,
    /// Calls allowed in any 5 seconds, all endpoints but `/sandbox/requests`; more get 429.
    pub limit: u32,
    /// The host `UserByAccessKey.Get` names as the account's API host, e.g. to rehearse a region
    /// switch; `None` names the sandbox itself (`127.0.0.1:PORT`).
    pub account_host: Option<String>,
    /// Waited after accepting a Bulk/Create call before its tasks exist for `Retrieve`.
    pub create_delay: Duration,
}

impl Default for Options {
    /// Any free port, the demo keys, no fault, no latency, the documented limit.
    fn default() -> Options {
        Options {
            port: 0,
            access_key: DEMO_ACCESS_KEY.to_owned(),
            secret_key: DEMO_SECRET_KEY.to_owned(),
            fault: None,
            latency: Duration::ZERO,
            limit: DEFAULT_LIMIT,
            account_host: None,
            create_delay: DEFAULT_CREATE_DELAY,
        }
    }
}

impl Options {
    /// Whether the keys are the published demo ones, which may be shown.
    pub fn uses_demo_keys(&self) -> bool {
        self.access_key == DEMO_ACCESS_KEY && self.secret_key == DEMO_SECRET_KEY
    }
}

impl fmt::Debug for Options {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let keys = if self.uses_demo_keys() {
            "demo"
        } else {
            "custom (not shown)"
        };
        f.debug_struct("Options")
            .field("port", &self.port)
            .field("keys", &keys)
            .field("fault", &self.fault)
            .field("latency", &self.latency)
            .field("limit", &self.limit)
            .field("account_host", &self.account_host)
            .field("create_delay", &self.create_delay)
            .finish_non_exhaustive()
    }
}

/// A running sandbox. Dropping it stops the server too; [`Sandbox::shutdown`] also waits.
pub struct Sandbox {
    addr: SocketAddr,
    shared: Arc<Shared>,
    /// Dropping this tells the accept loop to stop.
    stop: oneshot::Sender<()>,
    server: JoinHandle<()>,
}

impl Sandbox {
    /// Binds 127.0.0.1 on the chosen port and serves on a spawned tokio task; fails with
    /// `AddrInUse` when the port is taken.
    pub async fn start(options: Options) -> io::Result<Sandbox> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, options.port)).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared::new(options, addr.to_string()));
        let (stop, stopped) = oneshot::channel();
        let server = tokio::spawn(serve(listener, shared.clone(), stopped));
        tracing::info!(%addr, "sandbox listening");
        Ok(Sandbox {
            addr,
            shared,
            stop,
            server,
        })
    }

    /// The bound address, with the real port when 0 was asked for.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`, with no trailing slash.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The bodies of the Bulk/Create calls answered 200, oldest first.
    pub fn accepted(&self) -> Vec<serde_json::Value> {
        self.shared.accepted_bodies()
    }

    /// The tasks created so far and not deleted, as `Task.svc/Retrieve` lists them, in order
    /// of creation.
    pub fn tasks(&self) -> Vec<serde_json::Value> {
        self.shared
            .tasks
            .all()
            .iter()
            .map(tasks::Stored::to_json)
            .collect()
    }

    /// Every request received, answered or not, oldest first, including the keys it carried.
    pub fn received(&self) -> Vec<Received> {
        self.shared.received()
    }

    /// Stops accepting, ends every open connection (a held `Timeout` one too) and waits.
    pub async fn shutdown(self) {
        drop(self.stop);
        if let Err(error) = self.server.await {
            tracing::warn!(%error, "sandbox server task ended abnormally");
        }
    }
}

/// Why a connection was closed unanswered; hyper closes it when the service fails.
#[derive(Debug, thiserror::Error)]
#[error("connection closed without an answer (sandbox fault: drop)")]
struct Dropped;

/// What stands before the router: recording, latency, the rate limit and the `Drop` fault.
#[derive(Clone)]
struct Front {
    shared: Arc<Shared>,
    router: Router,
}

impl Front {
    async fn answer(self, request: hyper::Request<Incoming>) -> Result<Response, Dropped> {
        self.shared.record(received_of(&request));
        let method = request.method().clone();
        let path = request.uri().path().to_owned();
        let options = &self.shared.options;
        if !options.latency.is_zero() {
            tokio::time::sleep(options.latency).await;
        }
        if !path.starts_with(routes::OWN_PREFIX)
            && let Err(wait) = self.shared.admit(Instant::now())
        {
            tracing::info!(%method, %path, "429: over the call limit");
            return Ok(routes::too_many_calls(wait, options.limit));
        }
        let response = match self.router.clone().oneshot(request).await {
            Ok(response) => response,
            Err(never) => match never {},
        };
        if response
            .extensions()
            .get::<routes::DropConnection>()
            .is_some()
        {
            tracing::info!(%method, %path, "closing the connection unanswered (fault: drop)");
            return Err(Dropped);
        }
        tracing::info!(%method, %path, status = response.status().as_u16(), "answered");
        Ok(response)
    }
}

/// The request as it came, for [`Sandbox::received`]; header values that are not UTF-8 are
/// kept lossily, since they are only ever compared or shown to tests.
fn received_of(request: &hyper::Request<Incoming>) -> Received {
    let uri = request.uri();
    Received {
        method: request.method().to_string(),
        target: uri
            .path_and_query()
            .map_or_else(|| uri.to_string(), ToString::to_string),
        headers: request
            .headers()
            .iter()
            .map(|(name, value)| {
                let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
                (name.as_str().to_owned(), value)
            })
            .collect(),
    }
}

/// Accepts until told to stop. The router is built here, on the spawned task, rather than in
/// [`Sandbox::start`]: the terminal UI starts the sandbox before its first frame, and building
/// the routes is most of what starting it costs.
async fn serve(listener: TcpListener, shared: Arc<Shared>, mut stopped: oneshot::Receiver<()>) {
    let front = Front {
        router: routes::router(shared.clone()),
        shared,
    };
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            // A send or a dropped sender: both mean stop.
            _ = &mut stopped => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    connections.spawn(serve_connection(stream, front.clone()));
                }
                Err(error) => {
                    // E.g. out of file descriptors: pause rather than spin on the error.
                    tracing::warn!(%error, "accept failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            },
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    connections.shutdown().await;
    tracing::info!("sandbox stopped");
}

async fn serve_connection(stream: TcpStream, front: Front) {
    let service = service_fn(move |request| front.clone().answer(request));
    let connection = http1::Builder::new().serve_connection(TokioIo::new(stream), service);
    if let Err(error) = connection.await {
        // The `Drop` fault ends here on purpose; anything else is a client going away.
        tracing::debug!(%error, "connection ended without a complete exchange");
    }
}
