//! Fuzz target: reading title, outlet, byline, dates and URL off any text; every span it gives
//! lies inside the text on character boundaries.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let found = casefile_ingest::metadata::read(text, &|s, e| (s, e));
    let inside =
        |s: usize, e: usize| s <= e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e);
    for b in &found.boilerplate {
        assert!(inside(b.start, b.end), "{b:?}");
    }
    for f in &found.fields {
        if let Some((s, e)) = f.span {
            assert!(inside(s, e), "{f:?}");
        }
    }
    for line in text.lines().take(50) {
        let _ = casefile_ingest::metadata::dateline(line);
        let _ = casefile_ingest::metadata::relative_dateline(line);
    }
});
