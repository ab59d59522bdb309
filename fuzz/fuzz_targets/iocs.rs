//! Indicator extraction and refanging: spans on char boundaries inside the text, refanging
//! idempotent on the input and on every value found.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    attrib_fuzz::check_indicators(&text);
});
