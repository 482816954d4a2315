//! Fuzz target: the CoNLL-U reader (treebanks for training and `eval-parse`) on any text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = casefile_syntax::conllu::read(text);
    }
});
