curl -sS --fail-with-body -X GET "${STUB_URL:-http://127.0.0.1:4010}/__stub/faults"
