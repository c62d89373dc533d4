#!/usr/bin/env bash
# Runs a test command against a contract stub: installs contract-stubs into a folder of its own (the
# project's package.json is left alone, so this works in a repository of any language), starts it in
# the background, waits until it is ready, runs the command with STUB_URL set, then stops the stub.
# Exits with the command's status, or non-zero if the stub did not start or did not stop cleanly.
#
#   examples/ci/with-stub.sh pytest tests/contract
#   CONTRACT_STUBS=contract-stubs@0.2.0 STUB_PORT=0 examples/ci/with-stub.sh npm test
set -euo pipefail

package="${CONTRACT_STUBS:-contract-stubs}"     # a name@version, or a tarball made by npm pack
prefix="${STUB_PREFIX:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}/contract-stubs}"
port="${STUB_PORT:-4010}"                       # 0: a free port, whichever the system gives

# 1. Install it: only what the stub runs, no development dependencies.
mkdir -p "$prefix"
npm install --prefix "$prefix" --omit=dev --no-audit --no-fund --no-save "$package"

# 2. Start it in the background; its first line says where it listens.
banner="$prefix/stub-output.log"
"$prefix/node_modules/.bin/contract-stubs" --port "$port" --quiet >"$banner" 2>&1 &
stub=$!

# 5. Stop it however this script ends: on SIGTERM it lets requests in flight finish and exits 0.
stop() {
  kill -TERM "$stub" 2>/dev/null || return 0
  wait "$stub"
}
trap 'status=$?; stop || status=$((status ? status : 1)); exit "$status"' EXIT

# 3. Learn its address from its own output (another server may hold the port: then it exits at once,
#    saying so, and nothing runs against the wrong server), then wait until it is ready, up to 30 s.
STUB_URL=""
for _ in $(seq 300); do
  STUB_URL=$(sed -n 's/^Contract stub .* listening on \(http[^ ]*\)$/\1/p' "$banner")
  [ -n "$STUB_URL" ] && break
  if ! kill -0 "$stub" 2>/dev/null; then
    echo "contract-stubs did not start:" >&2
    cat "$banner" >&2
    exit 1
  fi
  sleep 0.1
done
[ -n "$STUB_URL" ] || { echo "contract-stubs said nothing of where it listens within 30 s" >&2; exit 1; }
export STUB_URL
for _ in $(seq 300); do
  curl --silent --fail --output /dev/null "$STUB_URL/__stub/health" && break
  sleep 0.1
done
curl --silent --show-error --fail --output /dev/null "$STUB_URL/__stub/health"

# 4. Run the suite.
"$@"
