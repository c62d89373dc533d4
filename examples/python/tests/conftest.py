"""Where the stub is, and a fresh stub for every test.

The suite runs against a running stub: ``npm run test:languages`` at the repository root starts
one and sets STUB_URL. To run it on its own, start one (``npx contract-stubs``) and set
``STUB_URL=http://127.0.0.1:4010``.
"""

import os

import httpx
import pytest


def pytest_configure(config: pytest.Config) -> None:
    if not os.environ.get("STUB_URL"):
        raise pytest.UsageError(
            "STUB_URL is not set: start the stub (npx contract-stubs) and set "
            "STUB_URL=http://127.0.0.1:4010, or run npm run test:languages from the repository root"
        )


@pytest.fixture(scope="session")
def stub_url() -> str:
    return os.environ["STUB_URL"].rstrip("/")


@pytest.fixture(autouse=True)
def _fresh_stub(stub_url: str) -> None:
    """Back to the demo data, faults and journal cleared, before every test."""
    httpx.post(f"{stub_url}/__stub/reset").raise_for_status()
