import os

from sailpoint.access_profiles import AccessProfilesApi, ApiClient
from sailpoint.access_profiles.models import AccessProfile
from sailpoint.configuration import Configuration, ConfigurationParams

params = ConfigurationParams()
params.base_url = os.environ.get("STUB_URL", "http://127.0.0.1:4010")  # or https://{tenant}.api.identitynow.com
params.client_id = "org-admin"
params.client_secret = "stub-secret"

profile = AccessProfile.from_dict(
    {
        "name": "Contractor VPN",
        "owner": {"type": "IDENTITY", "id": "2c9180a46faadee4016fb4e018c20640"},
        "source": {"type": "SOURCE", "id": "2c9180835d191a86015d28455b4a0001"},
        "entitlements": [{"type": "ENTITLEMENT", "id": "2c9180835d191a86015d28455b4e0103"}],
        "enabled": True,
    }
)
with ApiClient(Configuration(params)) as api_client:
    created = AccessProfilesApi(api_client).create_access_profile_v1(profile)
    print(created.id, created.name)  # a new ID, Contractor VPN
