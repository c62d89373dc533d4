import os

from sailpoint.access_profiles import AccessProfilesApi, ApiClient
from sailpoint.configuration import Configuration, ConfigurationParams

params = ConfigurationParams()
params.base_url = os.environ.get("STUB_URL", "http://127.0.0.1:4010")  # or https://{tenant}.api.identitynow.com
params.client_id = "org-admin"
params.client_secret = "stub-secret"

with ApiClient(Configuration(params)) as api_client:
    profiles = AccessProfilesApi(api_client).list_access_profiles_v1(
        filters='source.id eq "2c9180835d191a86015d28455b4a0002"', sorters="name"
    )
    print([p.name for p in profiles])  # ['Expense Reports', 'Payroll Approvers']
