"""The contract stub for a pytest session: copy this file into your project.

Load it from ``conftest.py`` with ``pytest_plugins = ["contract_stubs_pytest"]`` (the module on
``pythonpath``), or paste it into ``conftest.py``. It gives three fixtures:

- ``contract_stub`` (session): the running stub, started once for the session, with its ``url``,
  ``reset()`` and ``requests(api)``, the journal of what it was sent;
- ``stub_url`` (session): its URL, without a trailing slash;
- ``fresh_stub`` (function): the stub put back to its demo data, faults and journal cleared.

The command is ``$CONTRACT_STUBS`` if set, else ``node_modules/.bin/contract-stubs`` in the working
directory or one above it, else ``contract-stubs`` on ``PATH``, else ``npx --no-install
contract-stubs``. It listens on a free port on 127.0.0.1 and stops when the session ends, however
it ends: on a failure or Ctrl-C the fixture stops it, and if pytest itself is killed the stub
stops when its standard input, a pipe this process holds, closes (``--stop-with-stdin``).

With ``STUB_URL`` set, the tests use that stub and none is started (``STUB_ADMIN_TOKEN``, if set,
goes to its admin API).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import deque
from collections.abc import Iterator, Sequence
from http.client import HTTPResponse
from pathlib import Path
from typing import Any

import pytest

__all__ = ["ContractStub", "command", "contract_stub", "fresh_stub", "stub_url"]

_BANNER = re.compile(r"listening on (http://\S+)")


def command() -> list[str]:
    """The contract-stubs command to run, as the module's docstring says it is found."""
    if given := os.environ.get("CONTRACT_STUBS"):
        return [given]
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        local = folder / "node_modules" / ".bin" / "contract-stubs"
        if local.is_file():
            return [str(local)]
    if on_path := shutil.which("contract-stubs"):
        return [on_path]
    if npx := shutil.which("npx"):
        return [npx, "--no-install", "contract-stubs"]
    raise pytest.UsageError(
        "contract-stubs not found: npm install --save-dev contract-stubs, or set CONTRACT_STUBS "
        "to the command's path, or STUB_URL to a running stub"
    )


class ContractStub:
    """A stub: one this process started (``start``), or one already running (``at``)."""

    def __init__(self, url: str, process: subprocess.Popen[str] | None = None) -> None:
        self.url = url.rstrip("/")
        self._process = process
        self._reader: threading.Thread | None = None
        self._admin_token = os.environ.get("STUB_ADMIN_TOKEN")

    @classmethod
    def at(cls, url: str) -> ContractStub:
        return cls(url)

    @classmethod
    def start(cls, args: Sequence[str] = (), timeout: float = 30.0) -> ContractStub:
        """Starts the command on a free port and returns once ``/__stub/health`` answers 200."""
        try:
            process = subprocess.Popen(
                [*command(), "--port", "0", "--quiet", "--stop-with-stdin", *args],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
        except OSError as problem:
            raise RuntimeError(f"contract-stubs did not start: {problem}") from None
        output: deque[str] = deque(maxlen=50)
        found = threading.Event()
        urls: list[str] = []

        def drain() -> None:
            # Reads to the end, so that the stub never blocks on a full pipe.
            assert process.stdout is not None
            for line in process.stdout:
                output.append(line)
                if not found.is_set() and (match := _BANNER.search(line)):
                    urls.append(match.group(1))
                    found.set()
            found.set()

        reader = threading.Thread(target=drain, name="contract-stubs output", daemon=True)
        reader.start()
        deadline = time.monotonic() + timeout
        stub = cls(urls[0] if found.wait(timeout) and urls else "", process)
        stub._reader = reader
        try:
            if not stub.url:
                raise RuntimeError("it exited or printed no URL")
            while not stub._healthy():
                if process.poll() is not None:
                    raise RuntimeError(f"it exited ({process.returncode})")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"/__stub/health did not answer 200 within {timeout:g} s")
                time.sleep(0.05)
        except RuntimeError as problem:
            stub.stop()
            printed = "".join(output)
            raise RuntimeError(f"contract-stubs did not start: {problem}\n{printed}") from None
        return stub

    def stop(self, timeout: float = 10.0) -> None:
        """SIGTERM, as the command documents: requests in flight finish, then it exits."""
        process = self._process
        if process is None:
            return
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._reader is not None:
            self._reader.join(timeout)
        for pipe in (process.stdin, process.stdout):
            if pipe is not None:
                pipe.close()

    def reset(self) -> None:
        """Back to the demo data, with no faults armed and an empty journal."""
        with self._admin("POST", "/__stub/reset") as response:
            if response.status != 204:
                raise RuntimeError(f"reset the stub: {response.status}")

    def requests(self, api: str | None = None) -> list[dict[str, Any]]:
        """What the stub recorded since the last reset, oldest first, for one API or all."""
        query = f"?{urllib.parse.urlencode({'api': api})}" if api else ""
        with self._admin("GET", f"/__stub/requests{query}") as response:
            entries: list[dict[str, Any]] = json.load(response)["requests"]
            return entries

    def _admin(self, method: str, path: str) -> HTTPResponse:
        headers = {"Authorization": f"Bearer {self._admin_token}"} if self._admin_token else {}
        request = urllib.request.Request(f"{self.url}{path}", method=method, headers=headers)
        response: HTTPResponse = urllib.request.urlopen(request, timeout=10)
        return response

    def _healthy(self) -> bool:
        try:
            response: HTTPResponse
            with urllib.request.urlopen(f"{self.url}/__stub/health", timeout=2) as response:
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False


@pytest.fixture(scope="session")
def contract_stub() -> Iterator[ContractStub]:
    if running := os.environ.get("STUB_URL"):
        yield ContractStub.at(running)
        return
    stub = ContractStub.start()
    try:
        yield stub
    finally:
        stub.stop()


@pytest.fixture(scope="session")
def stub_url(contract_stub: ContractStub) -> str:
    return contract_stub.url


@pytest.fixture
def fresh_stub(contract_stub: ContractStub) -> ContractStub:
    contract_stub.reset()
    return contract_stub
