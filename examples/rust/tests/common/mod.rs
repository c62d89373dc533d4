//! Names from the stub's demo data (server/data/demo-data.json), and what the scenarios read of
//! its journal.

#![allow(dead_code)] // Each test crate uses some of these.

use contract_stubs_rust_example::contract_stub::ContractStub;

pub const REGION: &str = "us-east-1";
pub const ACCESS_KEY: &str = "AKIAIOSFODNN7EXAMPLE";
pub const SECRET_KEY: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
pub const DOMAIN: &str = "DemoDomain";
pub const PROFILE_ID: &str = "3991a7d959d248bba82546b2d0e0a1b2";
pub const OBJECT_TYPE: &str = "MyCustomObjectName";
pub const OBJECT_KEY: &str = "UniqueKeyOfTheProfileObject";

pub const CLIENT_SECRET: &str = "stub-secret";
pub const ORG_ADMIN: &str = "org-admin";
/// A user whose authorities do not include deleting access profiles.
pub const HELPDESK: &str = "helpdesk";
pub const UNUSED_PROFILE: &str = "2c91808a7813090a017814121919ecca";
pub const IN_USE_PROFILE: &str = "2c9180835d191a86015d28455b4a2329";

// For a new access profile: a source, one of its entitlements no demo profile has, an owner.
pub const ACTIVE_DIRECTORY: &str = "2c9180835d191a86015d28455b4a0001";
pub const VPN_USERS: &str = "2c9180835d191a86015d28455b4e0103";
pub const SOURCE_ADMIN_IDENTITY: &str = "2c9180a46faadee4016fb4e018c20640";

/// A stub of the test's own, stopped when it is dropped.
pub fn stub() -> ContractStub {
    ContractStub::start().unwrap_or_else(|e| panic!("{e}"))
}

/// The status the stub answered each request to one API with, oldest first.
pub fn statuses(stub: &ContractStub, api: &str) -> Vec<u16> {
    stub.requests(Some(api))
        .expect("read the journal")
        .iter()
        .map(|entry| entry["response"]["status"].as_u64().expect("a status") as u16)
        .collect()
}

/// The seconds between each request to one API the stub recorded and the next.
pub fn gaps(stub: &ContractStub, api: &str) -> Vec<f64> {
    let times: Vec<time::OffsetDateTime> = stub
        .requests(Some(api))
        .expect("read the journal")
        .iter()
        .map(|entry| {
            let text = entry["time"].as_str().expect("a time");
            time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
                .expect("an RFC 3339 time")
        })
        .collect();
    times
        .windows(2)
        .map(|pair| (pair[1] - pair[0]).as_seconds_f64())
        .collect()
}
