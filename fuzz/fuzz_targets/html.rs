//! Fuzz target: the lenient HTML scanner on any text. Its text maps back inside the source and
//! its `<h1>` and metadata ranges lie inside what they point into.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let h = casefile_ingest::html::to_text(src);
    let (a, e) = h.map.map_range(0, h.text.len());
    assert!(a <= e && e <= src.len());
    if let Some((s, e)) = h.h1 {
        assert!(s <= e && e <= h.text.len());
    }
    for (_, _, (s, e)) in &h.meta {
        assert!(s <= e && *e <= src.len());
    }
    let _ = casefile_ingest::html::decode_entities(src);
});
