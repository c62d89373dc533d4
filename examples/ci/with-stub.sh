#!/usr/bin/env bash
# Runs a test command against a contract stub: installs contract-stubs into a folder of its own (the
# project's package.json is left alone, so this works in a repository of any language), starts it in
# the background, waits until it is ready, runs the command with STUB_URL set, then stops the stub.
# Exits with the command's status, or non-zero if the stub did not start or did not stop cleanly.
# A SIGTERM, SIGINT or SIGHUP sent to this script is passed on to the command, which is waited for;
# the stub is stopped after it.
#
# contract-stubs is not on the npm registry yet: CONTRACT_STUBS names a tarball made by `npm pack`
# in a clone of its repository (or a git URL npm can install).
#
#   CONTRACT_STUBS=./contract-stubs-0.2.0.tgz examples/ci/with-stub.sh pytest tests/contract
#   CONTRACT_STUBS=./contract-stubs-0.2.0.tgz STUB_PORT=0 examples/ci/with-stub.sh npm test
set -euo pipefail

package="${CONTRACT_STUBS:?set CONTRACT_STUBS to the tarball npm pack made (contract-stubs is not on the npm registry yet)}"
prefix="${STUB_PREFIX:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}/contract-stubs}"
port="${STUB_PORT:-4010}" # 0: a free port, whichever the system gives
[ $# -gt 0 ] || { echo "usage: with-stub.sh <command> [arguments...]" >&2; exit 2; }

# 1. Install it: only what the stub runs, no development dependencies.
mkdir -p "$prefix"
npm install --prefix "$prefix" --omit=dev --no-audit --no-fund --no-save "$package"

# 2. Start it in the background, its output into a pipe this script reads: a line is read only once
#    it is whole, and however long the stub takes to start, reading waits for it (or for its end).
log="$prefix/stub-output.log"
pipe="$prefix/stub-output.pipe"
rm -f "$pipe"
mkfifo "$pipe"
"$prefix/node_modules/.bin/contract-stubs" --port "$port" --quiet >"$pipe" 2>&1 &
stub=$!
exec 3<"$pipe" # opens once the stub's side is open
rm -f "$pipe"
: >"$log"
drain=""
command=""

# 5. However this script ends: the command is over by then; stop the stub (on SIGTERM it lets requests
#    in flight finish and exits 0), and keep the script's status unless the stub did not stop cleanly.
# shellcheck disable=SC2329 # run by the EXIT trap
finish() {
  local status=$?
  trap - EXIT
  if [ -n "$stub" ] && kill -TERM "$stub" 2>/dev/null && ! wait "$stub"; then
    echo "contract-stubs did not stop cleanly; its output is in $log" >&2
    [ "$status" -ne 0 ] || status=1
  fi
  [ -z "$drain" ] || wait "$drain" || true
  exit "$status"
}
trap finish EXIT
# Until the command runs, a signal ends the script (and so stops the stub).
trap 'exit 143' TERM
trap 'exit 130' INT
trap 'exit 129' HUP

# 3. Learn its address from its first line (another server may hold the port: then it exits at once,
#    saying so, and nothing runs against the wrong server), then wait until it is ready, up to 30 s.
STUB_URL=""
while :; do
  line=""
  ended=0
  IFS= read -r -t 30 line <&3 || ended=$?
  [ -z "$line" ] || printf '%s\n' "$line" >>"$log"
  case "$line" in
  "Contract stub "*" listening on http"*) [ "$ended" -ne 0 ] || STUB_URL="${line##* }" ;;
  esac
  [ -z "$STUB_URL" ] && [ "$ended" -eq 0 ] || break
done
if [ -z "$STUB_URL" ]; then
  # Its output ended: it has exited (collect it, so that stopping it is not tried); or time ran out.
  if [ "$ended" -eq 1 ]; then
    wait "$stub" || true
    stub=""
  fi
  echo "contract-stubs did not start, or said nothing of where it listens within 30 s:" >&2
  cat "$log" >&2
  exit 1
fi
# The rest of its output goes to the log, so that the stub never waits on a full pipe.
cat <&3 >>"$log" &
drain=$!
exec 3<&-
export STUB_URL
for _ in $(seq 300); do
  curl --silent --fail --output /dev/null "$STUB_URL/__stub/health" && break
  sleep 0.1
done
curl --silent --show-error --fail --output /dev/null "$STUB_URL/__stub/health"

# 4. Run the suite, in the background so that this script can pass signals on to it. Its standard
#    input stays the script's, and it handles SIGINT itself (a background command would ignore it).
(
  trap - INT QUIT
  exec "$@"
) <&0 &
command=$!
interrupted=""
for signal in TERM INT HUP; do
  # shellcheck disable=SC2064 # the signal and the command's pid are meant to be fixed now
  trap "interrupted=$signal; kill -$signal $command 2>/dev/null || true" "$signal"
done
# At a terminal, Ctrl-C reaches the command itself (it is in the terminal's process group): passing
# SIGINT on as well would make it two, which many test runners take as "quit now, skip clean-up".
[ ! -t 0 ] || trap "interrupted=INT" INT
while :; do
  interrupted=""
  status=0
  wait "$command" || status=$?
  # wait returns early when a signal arrives; the command goes on until it has handled it.
  [ -n "$interrupted" ] || break
done
exit "$status"
