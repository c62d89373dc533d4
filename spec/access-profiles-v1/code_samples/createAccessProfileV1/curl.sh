BASE="${STUB_URL:-http://127.0.0.1:4010}"
TOKEN=$(curl -sS --fail-with-body "$BASE/oauth/token" \
  -d grant_type=client_credentials -d client_id=org-admin -d client_secret=stub-secret \
  | node -pe 'JSON.parse(require("fs").readFileSync(0, "utf8")).access_token')
curl -sS --fail-with-body "$BASE/access-profiles/v1" \
  -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \
  -d '{
    "name": "Contractor VPN",
    "owner": { "type": "IDENTITY", "id": "2c9180a46faadee4016fb4e018c20640" },
    "source": { "type": "SOURCE", "id": "2c9180835d191a86015d28455b4a0001" },
    "entitlements": [{ "type": "ENTITLEMENT", "id": "2c9180835d191a86015d28455b4e0103" }],
    "enabled": true
  }'
