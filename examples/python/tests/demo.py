"""Names from the stub's demo data (server/data/demo-data.json) that the scenarios use."""

from botocore.credentials import Credentials

REGION = "us-east-1"
CREDENTIALS = Credentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")

DOMAIN = "DemoDomain"
PROFILE_ID = "3991a7d959d248bba82546b2d0e0a1b2"
OBJECT_TYPE = "MyCustomObjectName"
OBJECT_KEY = "UniqueKeyOfTheProfileObject"

SECRET = "stub-secret"
ORG_ADMIN = "org-admin"
HELPDESK = "helpdesk"  # a user whose authorities do not include deleting access profiles
USERLESS = "api"  # an API client that belongs to no user: the operations refuse its tokens
UNUSED_PROFILE = "2c91808a7813090a017814121919ecca"
IN_USE_PROFILE = "2c9180835d191a86015d28455b4a2329"
# For a new access profile: a source, one of its entitlements that no demo profile has, an owner.
ACTIVE_DIRECTORY = "2c9180835d191a86015d28455b4a0001"
VPN_USERS = "2c9180835d191a86015d28455b4e0103"
SALESFORCE = "2c9180835d191a86015d28455b4a0003"
SOURCE_ADMIN_IDENTITY = "2c9180a46faadee4016fb4e018c20640"
