BASE="${STUB_URL:-http://127.0.0.1:4010}"
TOKEN=$(curl -sS --fail-with-body "$BASE/oauth/token" \
  -d grant_type=client_credentials -d client_id=org-admin -d client_secret=stub-secret \
  | node -pe 'JSON.parse(require("fs").readFileSync(0, "utf8")).access_token')
# The Workday source's access profiles, by name, with their total in X-Total-Count.
curl -sS --fail-with-body -G "$BASE/v3/access-profiles" \
  --data-urlencode 'filters=source.id eq "2c9180835d191a86015d28455b4a0002"' \
  --data-urlencode 'sorters=name' -d count=true -d limit=50 \
  -H "Authorization: Bearer $TOKEN" -D -
