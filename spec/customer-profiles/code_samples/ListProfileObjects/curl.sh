# curl 7.75+ signs the request with SigV4 itself.
curl -sS --fail-with-body -X POST "${STUB_URL:-http://127.0.0.1:4010}/domains/DemoDomain/profiles/objects?max-results=10" \
  --aws-sigv4 "aws:amz:us-east-1:profile" \
  --user "AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" \
  -H "Content-Type: application/json" \
  -d '{"ObjectTypeName":"CTR","ProfileId":"3991a7d959d248bba82546b2d0e0a1b2"}'
