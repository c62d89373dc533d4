curl -sS --fail-with-body -X POST "${STUB_URL:-http://127.0.0.1:4010}/__stub/reset"
