# What the stub answered to DeleteProfileObject requests, oldest first.
curl -sS --fail-with-body "${STUB_URL:-http://127.0.0.1:4010}/__stub/requests?operationId=DeleteProfileObject"
