"""Every Python code sample the docs show (``x-codeSamples`` in the bundled specs) runs against the
stub and gets its operation answered with success, so the docs never show Python that does not work.
The TypeScript, JavaScript and shell samples are run by the repository's own tests."""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from journal import recorded

GENERATED = Path(__file__).resolve().parents[3] / "generated"


def python_samples() -> list[tuple[str, str, str]]:
    """(API, operationId, source) of every Python sample, read from the specs."""
    samples = []
    for bundle in sorted(GENERATED.glob("*.openapi.json")):
        api = bundle.name.removesuffix(".openapi.json")
        spec: dict[str, Any] = json.loads(bundle.read_text())
        for item in spec["paths"].values():
            for operation in item.values():
                for sample in operation.get("x-codeSamples", []):
                    if sample["lang"] == "Python":
                        samples.append((api, operation["operationId"], sample["source"]))
    return samples


SAMPLES = python_samples()


def test_the_specs_show_python_samples() -> None:
    assert SAMPLES, f"no Python x-codeSamples in {GENERATED}"


@pytest.mark.parametrize(("api", "operation_id", "source"), SAMPLES, ids=[s[1] for s in SAMPLES])
def test_sample_works_against_the_stub(
    stub_url: str, api: str, operation_id: str, source: str, tmp_path: Path
) -> None:
    script = tmp_path / f"{operation_id}.py"
    script.write_text(source)

    subprocess.run(
        [sys.executable, str(script)],
        env={**os.environ, "STUB_URL": stub_url},
        check=True,
        timeout=60,
    )

    answered = [e for e in recorded(stub_url, api) if e["operationId"] == operation_id]
    assert [e["response"]["status"] // 100 for e in answered] == [2]
