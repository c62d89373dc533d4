import os

from sailpoint.access_profiles import AccessProfilesApi, ApiClient
from sailpoint.access_profiles.models.json_patch_operation import JsonPatchOperation
from sailpoint.access_profiles.models.json_patch_operation_value import JsonPatchOperationValue
from sailpoint.configuration import Configuration, ConfigurationParams

params = ConfigurationParams()
params.base_url = os.environ.get("STUB_URL", "http://127.0.0.1:4010")  # or https://{tenant}.api.identitynow.com
params.client_id = "org-admin"
params.client_secret = "stub-secret"

patch = [
    JsonPatchOperation(
        op="replace",
        path="/description",
        value=JsonPatchOperationValue("What every new hire gets on day one, and the VPN."),
    ),
    JsonPatchOperation(
        op="add",
        path="/entitlements/-",
        value=JsonPatchOperationValue({"type": "ENTITLEMENT", "id": "2c9180835d191a86015d28455b4e0103"}),
    ),
]
with ApiClient(Configuration(params)) as api_client:
    profile = AccessProfilesApi(api_client).patch_access_profile_v1("2c9180835d191a86015d28455b4a2402", patch)
    print(len(profile.entitlements or []))  # 2
