curl -sS --fail-with-body -X POST "${STUB_URL:-http://127.0.0.1:4010}/__stub/faults" -H "Content-Type: application/json" -d '{"api":"access-profiles","count":2,"status":500}'
