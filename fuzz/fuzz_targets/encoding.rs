//! Fuzz target: encoding detection and decoding of any bytes, with and without markup. Decoded
//! text maps back inside the bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for markup in [false, true] {
        if let Ok(d) = casefile_ingest::encoding::decode(data, markup) {
            let (a, e) = d.map.map_range(0, d.text.len());
            assert!(a <= e && e <= data.len());
        }
    }
});
