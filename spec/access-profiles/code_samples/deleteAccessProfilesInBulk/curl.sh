BASE="${STUB_URL:-http://127.0.0.1:4010}"
TOKEN=$(curl -sS --fail-with-body "$BASE/oauth/token" \
  -d grant_type=client_credentials -d client_id=org-admin -d client_secret=stub-secret \
  | node -pe 'JSON.parse(require("fs").readFileSync(0, "utf8")).access_token')
curl -sS --fail-with-body -X POST "$BASE/v3/access-profiles/bulk-delete" \
  -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \
  -d '{"accessProfileIds":["2c91808a7813090a017814121919ecca"],"bestEffortOnly":false}'
