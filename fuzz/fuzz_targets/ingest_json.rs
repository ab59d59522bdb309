//! Ingestion of a .json input: any bytes, no panic; every document's text is what its spans index.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    attrib_fuzz::ingest(data, attrib::ingest::Format::Json);
});
