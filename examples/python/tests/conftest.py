"""The stub for the whole session, from the launcher in src/contract_stubs_pytest.py, and a fresh
one (demo data, no faults, an empty journal) for every test.

``pytest`` starts the installed ``contract-stubs`` command itself; with ``STUB_URL`` set, the tests
run against that stub instead.
"""

import pytest

pytest_plugins = ["contract_stubs_pytest", "pytester"]


@pytest.fixture(autouse=True)
def _fresh_stub(fresh_stub: object) -> None:
    """Every test starts from the demo data."""
