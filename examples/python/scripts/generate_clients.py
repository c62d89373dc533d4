"""Generates the Python clients from the bundled specs into clients/, which git ignores.

Run it again whenever ../../generated/*.openapi.yaml changes; never edit what it writes. Any
warning from the generator fails the run, so a part of a spec it cannot handle is never dropped
silently.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
SPECS = PROJECT.parent.parent / "generated"
CLIENTS = PROJECT / "clients"
# The package each client is written to, and the spec it comes from.
APIS = {"customer_profiles": "customer-profiles", "access_profiles": "access-profiles"}


def main() -> int:
    shutil.rmtree(CLIENTS, ignore_errors=True)
    CLIENTS.mkdir()
    # The generator formats what it writes with ruff: the ruff of this same environment.
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    for package, spec in APIS.items():
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "openapi_python_client",
                "generate",
                "--path",
                str(SPECS / f"{spec}.openapi.yaml"),
                "--meta",
                "none",
                "--output-path",
                str(CLIENTS / package),
                "--fail-on-warning",
            ],
            env=env,
            check=False,
        )
        if done.returncode != 0:
            print(f"generating {package} from {spec}.openapi.yaml failed", file=sys.stderr)
            return done.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
