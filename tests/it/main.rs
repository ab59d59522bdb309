//! The integration tests: one binary, one module per area.

mod bad_input;
mod check;
mod claims;
mod cli;
mod html;
mod ingest_fixtures;
mod ioc_cases;
mod iocs;
mod mentions;
mod props;
mod ranking;
mod schema;
mod seed;
mod snapshots;
mod stix;
mod streaming;
mod table;
