# curl 7.75+ signs the request with SigV4 itself.
curl -sS --fail-with-body -X PUT "${STUB_URL:-http://127.0.0.1:4010}/domains/DemoDomain/profiles/objects" \
  --aws-sigv4 "aws:amz:us-east-1:profile" \
  --user "AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" \
  -H "Content-Type: application/json" \
  -d '{"ObjectTypeName":"Order","Object":"{\"orderId\":\"1002\",\"email\":\"jane.doe@example.com\"}"}'
