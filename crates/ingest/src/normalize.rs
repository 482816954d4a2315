//! Unicode NFC and unified line endings, with an offset map.

use casefile_model::{OffsetMap, TextBuilder};
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// `\r\n` and lone `\r` become `\n`; text is put in NFC. Zero-width no-break spaces (stray BOMs)
/// are dropped.
pub fn normalize(src: &str) -> (String, OffsetMap) {
    let nfc_ok = is_nfc_quick(src.chars()) == IsNormalized::Yes;
    let mut b = TextBuilder::with_capacity(src.len());
    let bytes = src.as_bytes();
    let mut i = 0;
    let mut run = 0; // start of the pending verbatim run
    while i < src.len() {
        let c = bytes[i];
        if c == b'\r' {
            b.copy(&src[run..i], run);
            let n = if bytes.get(i + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
            b.replace("\n", i, i + n);
            i += n;
            run = i;
            continue;
        }
        if c < 0x80 && nfc_ok {
            i += 1;
            continue;
        }
        if c < 0x80 {
            // ASCII may still be followed by a combining mark
            let next_combines = src[i + 1..]
                .chars()
                .next()
                .is_some_and(|n| canonical_combining_class(n) != 0);
            if !next_combines {
                i += 1;
                continue;
            }
        }
        let ch = src[i..].chars().next().expect("char boundary");
        if ch == '\u{FEFF}' {
            b.copy(&src[run..i], run);
            b.replace("", i, i + 3);
            i += 3;
            run = i;
            continue;
        }
        if nfc_ok {
            i += ch.len_utf8();
            continue;
        }
        // a cluster: this char and the combining marks after it
        let mut end = i + ch.len_utf8();
        for n in src[end..].chars() {
            if canonical_combining_class(n) == 0 {
                break;
            }
            end += n.len_utf8();
        }
        let cluster = &src[i..end];
        let composed: String = cluster.nfc().collect();
        if composed != cluster {
            b.copy(&src[run..i], run);
            b.replace(&composed, i, end);
            run = end;
        }
        i = end;
    }
    b.copy(&src[run..], run);
    b.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_endings_and_nfc() {
        let src = "a\r\nb\rc\ne\u{301}te";
        let (t, m) = normalize(src);
        assert_eq!(t, "a\nb\nc\néte");
        let p = t.find('é').unwrap();
        assert_eq!(m.map_range(p, p + 'é'.len_utf8()), (7, 10));
        assert_eq!(m.map_range(p + 2, p + 4), (10, 12));
        assert_eq!(m.map_range(1, 2), (1, 3));
    }
}
