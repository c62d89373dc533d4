//! What a Rust service writes around the clients generated from the contract-stubs specs: SigV4
//! signing for Customer Profiles, a SailPoint token by the client-credentials grant, and the
//! launcher that starts the stub for its tests.

pub mod contract_stub;
pub mod sailpoint_token;
pub mod sigv4;
