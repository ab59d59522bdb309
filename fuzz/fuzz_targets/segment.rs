//! Segmentation: sentences in order, inside their paragraphs, on char boundaries, covering every
//! non-blank character of the text once.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    attrib_fuzz::check_segmentation(&text);
});
