# Save the journal as an HTTP Archive, to open in a browser's developer tools.
curl -sS --fail-with-body -o stub-requests.har "${STUB_URL:-http://127.0.0.1:4010}/__stub/requests.har"
