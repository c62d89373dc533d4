import os

from sailpoint.access_profiles import AccessProfileBulkDeleteRequest, AccessProfilesApi, ApiClient
from sailpoint.configuration import Configuration, ConfigurationParams

params = ConfigurationParams()
params.base_url = os.environ.get("STUB_URL", "http://127.0.0.1:4010")  # or https://{tenant}.api.identitynow.com
params.client_id = "org-admin"
params.client_secret = "stub-secret"

with ApiClient(Configuration(params)) as api_client:
    request = AccessProfileBulkDeleteRequest(
        accessProfileIds=["2c91808a7813090a017814121919ecca"], bestEffortOnly=False
    )
    result = AccessProfilesApi(api_client).delete_access_profiles_in_bulk_v1(request)
    print(result.pending, result.in_use)
