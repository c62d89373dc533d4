curl -sS --fail-with-body "${STUB_URL:-http://127.0.0.1:4010}/__stub/state" > state.json   # edit it, then:
curl -sS --fail-with-body -X PUT "${STUB_URL:-http://127.0.0.1:4010}/__stub/state" -H "Content-Type: application/json" --data-binary @state.json
