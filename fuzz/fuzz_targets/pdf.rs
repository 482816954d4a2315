//! Fuzz target: the PDF reader on any bytes (most of them damaged PDFs): refused with a reason
//! or read, never a crash; page ranges and furniture lie inside the text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(p) = casefile_ingest::pdf::to_text(data) else {
        return;
    };
    for r in &p.pages {
        assert!(r.start <= r.end && r.end <= p.text.len());
    }
    for (s, e, _) in &p.furniture {
        assert!(s <= e && *e <= p.text.len());
    }
    let (a, e) = p.map.map_range(0, p.text.len());
    assert!(a <= e && e <= data.len());
});
