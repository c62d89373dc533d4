curl -sS --fail-with-body "${STUB_URL:-http://127.0.0.1:4010}/oauth/token" \
  -d grant_type=client_credentials -d client_id=org-admin -d client_secret=stub-secret
