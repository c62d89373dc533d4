curl -sS --fail-with-body -X DELETE "${STUB_URL:-http://127.0.0.1:4010}/__stub/requests"
