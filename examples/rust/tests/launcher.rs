//! The launcher (src/contract_stub.rs) stops the stub however the test binary ends. Each case runs
//! `helper_process` in a child test binary, which starts a stub, writes its URL to a file, then
//! panics once this test has seen the stub answer, or waits to be stopped.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use contract_stubs_rust_example::contract_stub::ContractStub;

fn answers(url: &str) -> bool {
    let agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(1)))
        .build()
        .new_agent();
    agent
        .get(format!("{url}/__stub/health"))
        .call()
        .is_ok_and(|r| r.status() == 200)
}

fn stops_when(mode: &str, signal: Option<&str>) {
    let dir = scratch(&format!("{mode}-{}", signal.unwrap_or("none")));
    run_child(
        &dir,
        mode,
        signal,
        Command::new(std::env::current_exe().unwrap()),
    );
}

/// A folder of the test's own, empty.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "contract-stub-launcher-{name}-{}",
        std::process::id()
    ));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `helper_process` in `command`, a child test binary, and checks that its stub stops with it.
fn run_child(dir: &Path, mode: &str, signal: Option<&str>, mut command: Command) {
    let (url_file, go_file) = (dir.join("url"), dir.join("go"));
    let mut child = command
        .args(["helper_process", "--exact", "--nocapture"])
        .env_remove("STUB_URL")
        .env("LAUNCHER_MODE", mode)
        .env("LAUNCHER_URL_FILE", &url_file)
        .env("LAUNCHER_GO_FILE", &go_file)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();

    let deadline = Instant::now() + Duration::from_secs(30);
    while !url_file.exists() {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the child ended before starting a stub"
        );
        assert!(
            Instant::now() < deadline,
            "the child wrote no stub URL within 30 s"
        );
        thread::sleep(Duration::from_millis(20));
    }
    let url = fs::read_to_string(&url_file).unwrap();
    assert!(answers(&url), "the child's stub at {url} is not answering");

    fs::write(&go_file, "go").unwrap();
    if let Some(signal) = signal {
        let sent = Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status();
        assert!(sent.unwrap().success());
    }
    assert!(
        !child.wait().unwrap().success(),
        "the child test binary should have failed or been stopped"
    );

    let deadline = Instant::now() + Duration::from_secs(10);
    while answers(&url) {
        assert!(
            Instant::now() < deadline,
            "the stub at {url} still answers 10 s after the test binary ended"
        );
        thread::sleep(Duration::from_millis(50));
    }
    let _ = fs::remove_dir_all(dir);
}

#[test]
fn the_stub_stops_when_the_test_panics() {
    stops_when("panic", None);
}

#[test]
fn the_stub_stops_when_the_test_binary_is_interrupted() {
    stops_when("wait", Some("INT"));
}

#[test]
fn the_stub_stops_when_the_test_binary_is_terminated() {
    stops_when("wait", Some("TERM"));
}

#[test]
fn the_stub_stops_when_the_test_binary_is_killed() {
    stops_when("wait", Some("KILL"));
}

/// The child of the tests above; run on its own it does nothing.
#[test]
fn helper_process() {
    let Ok(mode) = std::env::var("LAUNCHER_MODE") else {
        return;
    };
    let stub = ContractStub::start().unwrap_or_else(|e| panic!("{e}"));
    let url_file = std::env::var("LAUNCHER_URL_FILE").unwrap();
    let part = format!("{url_file}.part");
    fs::write(&part, stub.url()).unwrap();
    fs::rename(&part, &url_file).unwrap();
    if mode == "panic" {
        while !Path::new(&std::env::var("LAUNCHER_GO_FILE").unwrap()).exists() {
            thread::sleep(Duration::from_millis(20));
        }
        panic!("panicking on purpose, with a stub running");
    }
    thread::sleep(Duration::from_secs(60));
}

/// As in a project that installed the package: node_modules/.bin above the test's folder, no
/// CONTRACT_STUBS.
#[test]
fn finds_the_command_in_node_modules() {
    let given = std::env::var("CONTRACT_STUBS")
        .expect("the launcher's tests need CONTRACT_STUBS naming the command to install");
    let project = scratch("node-modules");
    let bin = project.join("node_modules/.bin");
    let nested = project.join("service/tests");
    fs::create_dir_all(&bin).unwrap();
    fs::create_dir_all(&nested).unwrap();
    std::os::unix::fs::symlink(given, bin.join("contract-stubs")).unwrap();
    let mut command = Command::new(std::env::current_exe().unwrap());
    command.current_dir(&nested).env_remove("CONTRACT_STUBS");
    // The child starts a stub only if it finds the command; then it panics, and the stub stops.
    run_child(&project, "panic", None, command);
}

#[test]
fn uses_the_stub_at_stub_url() {
    // Run in a child, as the environment is the process's: STUB_URL set, no command to find.
    if std::env::var("LAUNCHER_STUB_URL_CASE").is_ok() {
        let stub = ContractStub::start().unwrap();
        assert_eq!(stub.url(), "http://127.0.0.1:9");
        return;
    }
    let status = Command::new(std::env::current_exe().unwrap())
        .args(["uses_the_stub_at_stub_url", "--exact"])
        .env("LAUNCHER_STUB_URL_CASE", "1")
        .env("STUB_URL", "http://127.0.0.1:9/")
        .env("CONTRACT_STUBS", "/nonexistent/contract-stubs")
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn a_stub_that_does_not_start_says_why() {
    if std::env::var("LAUNCHER_NO_COMMAND_CASE").is_ok() {
        let error = ContractStub::start().err().expect("no stub");
        let message = error.to_string();
        assert!(
            message.contains("contract-stubs did not start: /nonexistent/contract-stubs"),
            "{message}"
        );
        return;
    }
    let status = Command::new(std::env::current_exe().unwrap())
        .args(["a_stub_that_does_not_start_says_why", "--exact"])
        .env("LAUNCHER_NO_COMMAND_CASE", "1")
        .env_remove("STUB_URL")
        .env("CONTRACT_STUBS", "/nonexistent/contract-stubs")
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
}
