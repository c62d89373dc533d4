//! The contract stub for Rust tests: copy this file into your crate (it needs `ureq` with its
//! `json` feature, and `serde_json`).
//!
//! ```no_run
//! # use contract_stubs_rust_example::contract_stub::ContractStub;
//! let stub = ContractStub::start().expect("the stub starts");
//! let base = format!("{}/v3", stub.url());
//! // … the test; the stub stops when `stub` is dropped, even when the test panics.
//! ```
//!
//! Each test starts a stub of its own, so tests that run in parallel threads never share state.
//! The command is `$CONTRACT_STUBS` if set, else `node_modules/.bin/contract-stubs` in the working
//! directory or one above it, else `contract-stubs` on `PATH`, else `npx --no-install
//! contract-stubs`. It listens on a free port on 127.0.0.1. Its standard input is a pipe this
//! process holds and it runs with `--stop-with-stdin`, so it also stops when the test binary is
//! interrupted or killed and no `Drop` runs. With `STUB_URL` set, the stub there is used and none
//! is started (`STUB_ADMIN_TOKEN`, if set, goes to its admin API); the tests then share it, so run
//! them one at a time (`cargo test -- --test-threads=1`) if they reset it or count its journal.

use std::collections::VecDeque;
use std::env;
use std::fmt;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// How long `start` waits for the stub to answer on `/__stub/health`.
pub const START_TIMEOUT: Duration = Duration::from_secs(30);

/// A running stub: one this process started, stopped on drop, or the one at `STUB_URL`.
pub struct ContractStub {
    url: String,
    admin_token: Option<String>,
    process: Option<(Child, ChildStdin)>,
}

/// Why the stub did not start, with the last lines it printed.
#[derive(Debug)]
pub struct StartError(String);

impl fmt::Display for StartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "contract-stubs did not start: {}", self.0)
    }
}

impl std::error::Error for StartError {}

impl ContractStub {
    /// Starts the command, or uses the stub at `STUB_URL`, and returns once it answers 200 on
    /// `/__stub/health`.
    pub fn start() -> Result<Self, StartError> {
        Self::start_with(&[])
    }

    /// As `start`, with extra options for the command (`["--rate-limits", "realistic"]`).
    pub fn start_with(args: &[&str]) -> Result<Self, StartError> {
        let admin_token = env::var("STUB_ADMIN_TOKEN").ok().filter(|t| !t.is_empty());
        if let Some(url) = env::var("STUB_URL").ok().filter(|u| !u.is_empty()) {
            let url = url.trim_end_matches('/').to_owned();
            return Ok(Self {
                url,
                admin_token,
                process: None,
            });
        }
        let command = command().map_err(StartError)?;
        let mut child = Command::new(&command[0])
            .args(&command[1..])
            .args(["--port", "0", "--quiet", "--stop-with-stdin"])
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| StartError(format!("{}: {e}", command.join(" "))))?;
        let stdin = child.stdin.take().expect("stdin is piped");
        let output = Arc::new(Mutex::new(VecDeque::new()));
        let (found, banner) = mpsc::channel();
        // Reads both streams to the end, so that the stub never blocks on a full pipe.
        let stdout = child.stdout.take().expect("stdout is piped");
        let stderr = child.stderr.take().expect("stderr is piped");
        for stream in [
            Box::new(stdout) as Box<dyn std::io::Read + Send>,
            Box::new(stderr),
        ] {
            let (output, found) = (Arc::clone(&output), found.clone());
            thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    if let Some(url) = line.split("listening on ").nth(1) {
                        let _ = found.send(url.trim().to_owned());
                    }
                    let mut output = output.lock().unwrap();
                    output.push_back(line);
                    if output.len() > 50 {
                        output.pop_front();
                    }
                }
            });
        }
        drop(found);
        let mut stub = Self {
            url: String::new(),
            admin_token,
            process: Some((child, stdin)),
        };
        let printed = || Vec::from(output.lock().unwrap().clone()).join("\n");
        let deadline = Instant::now() + START_TIMEOUT;
        match banner.recv_timeout(START_TIMEOUT) {
            Ok(url) => stub.url = url,
            Err(_) => return Err(StartError(format!("it printed no URL\n{}", printed()))),
        }
        while !stub.healthy() {
            if let Some((child, _)) = stub.process.as_mut()
                && let Ok(Some(status)) = child.try_wait()
            {
                return Err(StartError(format!("it exited ({status})\n{}", printed())));
            }
            if Instant::now() > deadline {
                return Err(StartError(format!(
                    "/__stub/health did not answer 200\n{}",
                    printed()
                )));
            }
            thread::sleep(Duration::from_millis(50));
        }
        Ok(stub)
    }

    /// The stub's root URL, without a trailing slash.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Back to the demo data, with no faults armed and an empty journal.
    pub fn reset(&self) -> Result<(), ureq::Error> {
        // An answer other than 2xx is an error, as ureq reads statuses.
        self.admin(ureq::post(format!("{}/__stub/reset", self.url)))
            .send_empty()?;
        Ok(())
    }

    /// What the stub recorded since the last reset, oldest first, for one API
    /// (`customer-profiles`, `access-profiles`, …) or, with `None`, all: `GET /__stub/requests`.
    pub fn requests(&self, api: Option<&str>) -> Result<Vec<serde_json::Value>, ureq::Error> {
        let mut request = self.admin(ureq::get(format!("{}/__stub/requests", self.url)));
        if let Some(api) = api {
            request = request.query("api", api);
        }
        let mut page: serde_json::Value = request.call()?.body_mut().read_json()?;
        Ok(match page["requests"].take() {
            serde_json::Value::Array(entries) => entries,
            _ => Vec::new(),
        })
    }

    fn admin<B>(&self, request: ureq::RequestBuilder<B>) -> ureq::RequestBuilder<B> {
        match &self.admin_token {
            Some(token) => request.header("Authorization", format!("Bearer {token}")),
            None => request,
        }
    }

    fn healthy(&self) -> bool {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(2)))
            .build()
            .new_agent();
        agent
            .get(format!("{}/__stub/health", self.url))
            .call()
            .is_ok_and(|r| r.status() == 200)
    }
}

impl Drop for ContractStub {
    /// Closes the stub's standard input, on which it stops as on SIGTERM (requests in flight
    /// finish), and waits for it; kills it if it has not stopped in 10 s.
    fn drop(&mut self) {
        let Some((mut child, stdin)) = self.process.take() else {
            return;
        };
        drop(stdin);
        let deadline = Instant::now() + Duration::from_secs(10);
        while let Ok(None) = child.try_wait() {
            if Instant::now() > deadline {
                let _ = child.kill();
                break;
            }
            thread::sleep(Duration::from_millis(20));
        }
        let _ = child.wait();
    }
}

/// The command `start` runs, found as the module documentation says.
pub fn command() -> Result<Vec<String>, String> {
    if let Some(given) = env::var("CONTRACT_STUBS").ok().filter(|c| !c.is_empty()) {
        return Ok(vec![given]);
    }
    if let Ok(here) = env::current_dir() {
        for dir in here.ancestors() {
            let local = dir.join("node_modules/.bin/contract-stubs");
            if local.is_file() {
                return Ok(vec![local.display().to_string()]);
            }
        }
    }
    if let Some(found) = on_path("contract-stubs") {
        return Ok(vec![found.display().to_string()]);
    }
    if let Some(npx) = on_path("npx") {
        return Ok(vec![
            npx.display().to_string(),
            "--no-install".into(),
            "contract-stubs".into(),
        ]);
    }
    Err(
        "contract-stubs not found: npm install --save-dev contract-stubs, or set CONTRACT_STUBS \
         to the command's path, or STUB_URL to a running stub"
            .into(),
    )
}

fn on_path(name: &str) -> Option<PathBuf> {
    env::split_paths(&env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|candidate| Path::is_file(candidate))
}
