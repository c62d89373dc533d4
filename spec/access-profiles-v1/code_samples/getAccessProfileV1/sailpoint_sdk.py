import os

from sailpoint.access_profiles import AccessProfilesApi, ApiClient
from sailpoint.configuration import Configuration, ConfigurationParams

params = ConfigurationParams()
params.base_url = os.environ.get("STUB_URL", "http://127.0.0.1:4010")  # or https://{tenant}.api.identitynow.com
params.client_id = "org-admin"
params.client_secret = "stub-secret"

with ApiClient(Configuration(params)) as api_client:
    profile = AccessProfilesApi(api_client).get_access_profile_v1("2c9180835d191a86015d28455b4a2329")
    print(profile.name)  # Payroll Approvers
