//! Fuzz target: any bytes, as any kind of report, through the whole of ingest. A report is
//! refused with a reason or read; when read, every span it states lies inside its text on
//! character boundaries, and its text maps back inside the original bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&kind, bytes)) = data.split_first() else {
        return;
    };
    let name = ["r.txt", "r.html", "r.md", "r.pdf"][kind as usize % 4];
    let Ok(doc) = casefile_ingest::ingest(name, bytes) else {
        return;
    };
    let text = &doc.text;
    let inside = |s: usize, e: usize| {
        s <= e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
    };
    for b in &doc.boilerplate {
        assert!(inside(b.start, b.end), "boilerplate {b:?} outside the text");
    }
    for m in &doc.metadata {
        if let Some((s, e)) = m.span {
            assert!(inside(s, e), "metadata {m:?} outside the text");
        }
        assert!(m.original.0 <= m.original.1 && m.original.1 <= bytes.len());
    }
    for p in &doc.pages {
        assert!(inside(p.start, p.end), "page range {p:?} outside the text");
    }
    let (a, e) = doc.offsets.map_range(0, text.len());
    assert!(a <= e && e <= bytes.len(), "text maps to {a}..{e} of {} bytes", bytes.len());
});
