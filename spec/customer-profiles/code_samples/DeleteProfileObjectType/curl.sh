# curl 7.75+ signs the request with SigV4 itself.
curl -sS --fail-with-body -X DELETE "${STUB_URL:-http://127.0.0.1:4010}/domains/DemoDomain/object-types/CTR" \
  --aws-sigv4 "aws:amz:us-east-1:profile" \
  --user "AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
