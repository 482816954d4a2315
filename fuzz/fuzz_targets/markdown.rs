//! Fuzz target: Markdown to text on any text; the text maps back inside the source.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let _ = casefile_ingest::markdown::looks_like_markdown(src);
    let (text, map) = casefile_ingest::markdown::to_text(src);
    let (a, e) = map.map_range(0, text.len());
    assert!(a <= e && e <= src.len());
});
