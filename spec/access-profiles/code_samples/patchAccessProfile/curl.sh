BASE="${STUB_URL:-http://127.0.0.1:4010}"
TOKEN=$(curl -sS --fail-with-body "$BASE/oauth/token" \
  -d grant_type=client_credentials -d client_id=org-admin -d client_secret=stub-secret \
  | node -pe 'JSON.parse(require("fs").readFileSync(0, "utf8")).access_token')
curl -sS --fail-with-body -X PATCH "$BASE/v3/access-profiles/2c9180835d191a86015d28455b4a2402" \
  -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json-patch+json" \
  -d '[
    { "op": "replace", "path": "/description", "value": "What every new hire gets on day one, and the VPN." },
    { "op": "add", "path": "/entitlements/-", "value": { "type": "ENTITLEMENT", "id": "2c9180835d191a86015d28455b4e0103" } }
  ]'
