//! The whole path: bytes of any format and encoding (sniffed), analysed, rendered in every
//! report format; the JSON formats must parse.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    attrib_fuzz::analyze_and_render(data);
});
