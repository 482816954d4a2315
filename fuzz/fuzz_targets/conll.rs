//! Fuzz target: the CoNLL-2003 reader (named-entity training and `eval-ner`) on any text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = casefile_annotate::ner::conll::parse(text);
    }
});
