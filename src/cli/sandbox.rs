//! `lsq-tasks sandbox`: the LeadSquared API on 127.0.0.1 with demo data, served until Ctrl-C,
//! for demonstrations, training and trying the tool with no account.

use std::io::ErrorKind;
use std::time::Duration;

use clap::Args;

use crate::exit::Exit;
use crate::sandbox::{DEFAULT_CREATE_DELAY, DEFAULT_LIMIT, Fault, Options, Sandbox};

/// The port a newcomer's notes and demonstrations can rely on; `--port 0` picks a free one.
const DEFAULT_PORT: u16 = 8025;

/// Serve a stand-in for the LeadSquared API on this machine, so that every command can be
/// tried without an account: demo users, task types and leads; Bulk/Create calls checked as
/// the documentation says and kept in memory, never sent anywhere.
#[derive(Debug, Args)]
pub struct SandboxArgs {
    /// Port to listen on at 127.0.0.1 (0: any free port, shown at start).
    #[arg(long, default_value_t = DEFAULT_PORT, value_name = "N")]
    pub port: u16,
    /// Access key the sandbox accepts instead of the demo one (needs --secret-key too).
    #[arg(long, value_name = "KEY", requires = "secret_key")]
    pub access_key: Option<String>,
    /// Secret key the sandbox accepts instead of the demo one (needs --access-key too).
    #[arg(long, value_name = "KEY", requires = "access_key")]
    pub secret_key: Option<String>,
    /// Make every Bulk/Create call fail, to see how a failure looks: `500` answers with a server
    /// error; `drop` reads the call and closes the connection unanswered; `timeout` reads it
    /// and never answers; `drop-after-accept` creates the tasks but closes the connection
    /// unanswered. After the last three a client cannot know whether tasks were created.
    /// `lose-one` never creates the last task of a call, `duplicate-one` creates the first one
    /// twice; both answer as usual, so only `lsq-tasks verify` notices.
    #[arg(long, value_name = "FAULT")]
    pub fault: Option<Fault>,
    /// Wait this many milliseconds before every answer, to watch progress and timeouts.
    #[arg(long, value_name = "MS", default_value_t = 0)]
    pub latency: u64,
    /// Calls allowed in any 5 seconds before answering 429 Too Many Requests; LeadSquared
    /// plans allow 2 to 25.
    #[arg(
        long,
        value_name = "N",
        default_value_t = DEFAULT_LIMIT,
        value_parser = clap::value_parser!(u32).range(1..)
    )]
    pub limit: u32,
    /// API host the key check reports for the account, e.g. api-in21.leadsquared.com to
    /// rehearse a region switch [default: the sandbox itself].
    #[arg(long, value_name = "HOST")]
    pub account_host: Option<String>,
    /// Milliseconds between accepting a Bulk/Create call and its tasks appearing, as the real
    /// service creates them later too.
    #[arg(long, value_name = "MS", default_value_t = default_create_delay_ms())]
    pub create_delay: u64,
}

fn default_create_delay_ms() -> u64 {
    u64::try_from(DEFAULT_CREATE_DELAY.as_millis()).unwrap_or(u64::MAX)
}

impl SandboxArgs {
    fn options(&self) -> Options {
        let defaults = Options::default();
        Options {
            port: self.port,
            access_key: self.access_key.clone().unwrap_or(defaults.access_key),
            secret_key: self.secret_key.clone().unwrap_or(defaults.secret_key),
            fault: self.fault,
            latency: Duration::from_millis(self.latency),
            limit: self.limit,
            account_host: self.account_host.clone(),
            create_delay: Duration::from_millis(self.create_delay),
        }
    }
}

/// Starts the sandbox, tells how to reach it, and serves until Ctrl-C.
pub fn run(args: &SandboxArgs) -> Exit {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build();
    match runtime {
        Ok(runtime) => runtime.block_on(serve(args.options())),
        Err(error) => {
            eprintln!("error: cannot start the sandbox's async runtime: {error}");
            Exit::Usage
        }
    }
}

async fn serve(options: Options) -> Exit {
    let port = options.port;
    let sandbox = match Sandbox::start(options.clone()).await {
        Ok(sandbox) => sandbox,
        Err(error) if error.kind() == ErrorKind::AddrInUse => {
            eprintln!(
                "error: port {port} on 127.0.0.1 is already in use (another sandbox?); stop \
                 it, or pick another port with --port N (--port 0 takes any free one)"
            );
            return Exit::Usage;
        }
        Err(error) => {
            eprintln!("error: cannot listen on 127.0.0.1:{port}: {error}");
            return Exit::Usage;
        }
    };
    print_banner(&sandbox, &options);
    if let Err(error) = tokio::signal::ctrl_c().await {
        eprintln!("error: cannot wait for Ctrl-C ({error}); stopping the sandbox");
    }
    let accepted = sandbox.accepted().len();
    sandbox.shutdown().await;
    let noun = if accepted == 1 { "call" } else { "calls" };
    println!("\nsandbox stopped; it accepted {accepted} Bulk/Create {noun}");
    Exit::Success
}

/// Address, keys, behaviour and a first command to try. The demo keys are printed on purpose:
/// they open nothing but this sandbox. Keys given on the command line are not repeated.
fn print_banner(sandbox: &Sandbox, options: &Options) {
    let url = sandbox.base_url();
    let host = sandbox.addr();
    println!("LeadSquared sandbox on {url} (plain HTTP, this machine only)");
    let (access, secret) = if options.uses_demo_keys() {
        (options.access_key.as_str(), options.secret_key.as_str())
    } else {
        (
            "the one given with --access-key",
            "the one given with --secret-key",
        )
    };
    println!("  access key:  {access}");
    println!("  secret key:  {secret}");
    let fault = options.fault.map_or("none", Fault::describe);
    println!("  fault:       {fault}");
    println!(
        "  limits:      {} calls per 5 s, {} ms added to every answer",
        options.limit,
        options.latency.as_millis()
    );
    println!(
        "  tasks:       created {} ms after a call is accepted; Task.svc/Retrieve lists them",
        options.create_delay.as_millis()
    );
    println!();
    println!("Point lsq-tasks at API host {host} with these keys. Or try it by hand:");
    let key_args = if options.uses_demo_keys() {
        format!("-H 'x-LSQ-AccessKey: {access}' -H 'x-LSQ-SecretKey: {secret}'")
    } else {
        "-H 'x-LSQ-AccessKey: ...' -H 'x-LSQ-SecretKey: ...'".to_owned()
    };
    println!("  curl {key_args} {url}/v2/Authentication.svc/UserByAccessKey.Get");
    println!(
        "Accepted calls are listed at {url}/sandbox/requests, created tasks at \
         {url}/sandbox/tasks. Ctrl-C stops the sandbox."
    );
}
