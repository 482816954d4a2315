//! Fuzz target (slower): the whole annotator (sentences, names, grammar, quotes, events) on any
//! text; every mention, quote and event trigger lies inside the text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let doc = casefile_model::Document::from_text("d", "d.txt", text);
    let a = casefile_annotate::annotate(&doc);
    let inside = |s: usize, e: usize| s <= e && e <= text.len();
    for m in &a.mentions {
        assert!(inside(m.span.start, m.span.end));
    }
    for q in &a.quotes {
        assert!(inside(q.span.start, q.span.end));
    }
});
