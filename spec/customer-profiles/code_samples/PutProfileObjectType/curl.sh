# curl 7.75+ signs the request with SigV4 itself.
curl -sS --fail-with-body -X PUT "${STUB_URL:-http://127.0.0.1:4010}/domains/DemoDomain/object-types/Subscription" \
  --aws-sigv4 "aws:amz:us-east-1:profile" \
  --user "AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" \
  -H "Content-Type: application/json" \
  -d '{"Description":"Subscriptions of a customer","Fields":{"subscriptionId":{"Source":"_source.subscriptionId"},"email":{"Source":"_source.email","Target":"_profile.EmailAddress"}},"Keys":{"subscriptionId":[{"StandardIdentifiers":["UNIQUE"],"FieldNames":["subscriptionId"]}],"email":[{"StandardIdentifiers":["PROFILE"],"FieldNames":["email"]}]}}'
