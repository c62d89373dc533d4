# curl 7.75+ signs the request with SigV4 itself.
curl -sS --fail-with-body -X POST "${STUB_URL:-http://127.0.0.1:4010}/domains/DemoDomain/profiles/delete" \
  --aws-sigv4 "aws:amz:us-east-1:profile" \
  --user "AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" \
  -H "Content-Type: application/json" \
  -d '{"ProfileId":"0c5b5d3e7a2f4e1b9d8c6a4f2e0d1c3b"}'
