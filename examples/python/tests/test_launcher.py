"""The launcher (src/contract_stubs_pytest.py) stops the stub however the session ends.

Each case runs pytest in a child process on a test that starts the session's stub, writes its URL
to a file, then fails once this test has seen the stub answer, or waits to be stopped.
"""

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from contract_stubs_pytest import ContractStub, command

SRC = Path(__file__).resolve().parents[1] / "src"

CHILD_TEST = """
import os
import time
from pathlib import Path


def test_with_a_stub(stub_url: str) -> None:
    url_file = Path(os.environ["LAUNCHER_URL_FILE"])
    url_file.with_suffix(".part").write_text(stub_url)
    url_file.with_suffix(".part").rename(url_file)
    if os.environ["LAUNCHER_MODE"] == "fail":
        while not Path(os.environ["LAUNCHER_GO_FILE"]).exists():
            time.sleep(0.02)
        raise AssertionError("failing on purpose, with a stub running")
    time.sleep(60)
"""


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/__stub/health", timeout=1) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


@pytest.mark.parametrize(
    ("mode", "ending"),
    [
        pytest.param("fail", None, id="the test fails"),
        pytest.param("wait", signal.SIGINT, id="interrupted"),
        pytest.param("wait", signal.SIGTERM, id="terminated"),
        pytest.param("wait", signal.SIGKILL, id="killed"),
    ],
)
def test_the_stub_stops_with_the_session(
    tmp_path: Path, mode: str, ending: signal.Signals | None
) -> None:
    (tmp_path / "test_child.py").write_text(CHILD_TEST)
    url_file, go_file = tmp_path / "url", tmp_path / "go"
    env = {key: value for key, value in os.environ.items() if key != "STUB_URL"}
    env |= {
        "PYTHONPATH": str(SRC),
        "LAUNCHER_MODE": mode,
        "LAUNCHER_URL_FILE": str(url_file),
        "LAUNCHER_GO_FILE": str(go_file),
    }
    child = subprocess.Popen(
        [sys.executable, "-m", "pytest", "-p", "contract_stubs_pytest", "-p", "no:cacheprovider"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while not url_file.exists():
            assert child.poll() is None, f"pytest ended before starting a stub:\n{child.stdout}"
            assert time.monotonic() < deadline, "the child wrote no stub URL within 30 s"
            time.sleep(0.02)
        url = url_file.read_text()
        assert answers(url)

        go_file.touch()
        if ending is not None:
            child.send_signal(ending)
        output, _ = child.communicate(timeout=30)
        assert child.returncode != 0, output

        deadline = time.monotonic() + 10
        while answers(url):
            assert time.monotonic() < deadline, f"the stub at {url} answers 10 s after pytest ended"
            time.sleep(0.05)
    finally:
        child.kill()
        child.wait()


def test_finds_the_command_in_node_modules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As in a project that installed the package: node_modules/.bin above the tests' folder."""
    given = os.environ.get("CONTRACT_STUBS")
    assert given, "the launcher's tests need CONTRACT_STUBS naming the command to install"
    bin_dir = tmp_path / "node_modules" / ".bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "contract-stubs").symlink_to(given)
    nested = tmp_path / "service" / "tests"
    nested.mkdir(parents=True)
    monkeypatch.chdir(nested)
    monkeypatch.delenv("CONTRACT_STUBS")
    monkeypatch.delenv("STUB_URL", raising=False)

    assert command() == [str(bin_dir / "contract-stubs")]
    stub = ContractStub.start()
    try:
        assert answers(stub.url)
    finally:
        stub.stop()


def test_uses_the_stub_at_stub_url(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytester.makepyfile(
        """
        def test_url(stub_url: str) -> None:
            assert stub_url == "http://127.0.0.1:9"
        """
    )
    monkeypatch.setenv("STUB_URL", "http://127.0.0.1:9/")
    monkeypatch.setenv("CONTRACT_STUBS", "/nonexistent/contract-stubs")
    pytester.runpytest("-p", "contract_stubs_pytest").assert_outcomes(passed=1)


def test_a_stub_that_does_not_start_is_an_error_naming_why(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytester.makepyfile("def test_url(stub_url: str) -> None: ...")
    monkeypatch.delenv("STUB_URL", raising=False)
    monkeypatch.setenv("CONTRACT_STUBS", "/nonexistent/contract-stubs")
    result = pytester.runpytest("-p", "contract_stubs_pytest")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*contract-stubs did not start*/nonexistent/contract-stubs*"])
