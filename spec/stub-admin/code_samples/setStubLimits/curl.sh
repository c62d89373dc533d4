curl -sS --fail-with-body -X PUT "${STUB_URL:-http://127.0.0.1:4010}/__stub/limits" -H "Content-Type: application/json" -d '{"accessProfiles":{"requestsPerSecond":10,"burst":100}}'
