//! Fuzz target: time expressions in any text: every one found lies inside the text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&year, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let doc = casefile_model::Document::from_text("d", "d.txt", text);
    let (timexes, _) = casefile_annotate::timex::find(&doc, Some(1990 + year as i32 % 50));
    for t in &timexes {
        assert!(t.span.start <= t.span.end && t.span.end <= text.len());
    }
});
