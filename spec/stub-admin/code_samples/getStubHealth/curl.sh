# Wait until the stub answers ready (up to 30 s), then go on.
curl -sS --fail-with-body --retry 60 --retry-delay 0 --retry-max-time 30 --retry-connrefused \
  "${STUB_URL:-http://127.0.0.1:4010}/__stub/health"
