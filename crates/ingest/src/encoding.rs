//! Detect a report's encoding and decode it, keeping a map back to the original bytes.
//!
//! Order of evidence: a byte-order mark; an encoding the document declares (`<meta charset>`);
//! valid UTF-8; UTF-8 with a few invalid bytes among many valid multi-byte characters (the
//! invalid bytes replaced by U+FFFD and said so: re-reading it as windows-1252 would turn every
//! "ü" into "Ã¼"); otherwise windows-1251 or windows-1252, chosen by how the high bytes cluster
//! (Cyrillic words are runs of high bytes; Western accents are lone high bytes among ASCII).

use casefile_model::{OffsetMap, TextBuilder};

use crate::IngestError;

/// What the decoder found.
pub struct Decoded {
    pub text: String,
    pub map: OffsetMap,
    pub encoding: &'static str,
}

/// Magic numbers of common non-text files, for a clear error.
const MAGIC: &[(&[u8], &str)] = &[
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (
        b"PK\x03\x04",
        "a ZIP archive (or a .docx/.odt: save it as text or HTML)",
    ),
    (b"\x7FELF", "an executable"),
    (b"\x1F\x8B", "a gzip archive"),
    (
        b"\xD0\xCF\x11\xE0",
        "an old Office document (save it as text or HTML)",
    ),
];

/// The encoding a document declares in its markup, if any (`<meta charset=…>` or an XML prolog).
fn declared(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let pos = find(&lower, b"charset=").or_else(|| find(&lower, b"encoding="))?;
    let rest = &lower[pos..];
    let start = rest.iter().position(|&b| b == b'=')? + 1;
    let label: Vec<u8> = rest[start..]
        .iter()
        .skip_while(|&&b| b == b'"' || b == b'\'' || b == b' ')
        .take_while(|&&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        .copied()
        .collect();
    encoding_rs::Encoding::for_label(&label)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Decode `bytes`. `markup` says whether the file may declare its encoding in markup.
pub fn decode(bytes: &[u8], markup: bool) -> Result<Decoded, IngestError> {
    decode_with(bytes, markup, None)
}

/// Decode `bytes` whose carrier named their charset (an HTTP `Content-Type` header): the
/// carrier's word comes before the markup's, as browsers read it.
pub fn decode_with(
    bytes: &[u8],
    markup: bool,
    charset: Option<&str>,
) -> Result<Decoded, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty);
    }
    for (magic, what) in MAGIC {
        if bytes.starts_with(magic) {
            return Err(IngestError::Binary(format!(
                "it is {what}, not a text report"
            )));
        }
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let text = std::str::from_utf8(rest).map_err(|e| IngestError::InvalidBytes {
            encoding: "UTF-8",
            offset: 3 + e.valid_up_to(),
        })?;
        return finish(
            text.to_string(),
            OffsetMap::identity(rest.len(), 3),
            "UTF-8 (BOM)",
        );
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return utf16(bytes, false);
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return utf16(bytes, true);
    }
    let declared = charset
        .and_then(|c| encoding_rs::Encoding::for_label(c.trim().as_bytes()))
        .or_else(|| if markup { declared(bytes) } else { None });
    match declared {
        Some(enc) if enc == encoding_rs::UTF_8 => {
            let text = std::str::from_utf8(bytes).map_err(|e| IngestError::InvalidBytes {
                encoding: "UTF-8",
                offset: e.valid_up_to(),
            })?;
            return finish(
                text.to_string(),
                OffsetMap::identity(bytes.len(), 0),
                "UTF-8",
            );
        }
        Some(enc) if enc == encoding_rs::WINDOWS_1251 || enc == encoding_rs::WINDOWS_1252 => {
            return single_byte(bytes, enc, true);
        }
        Some(enc) if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE => {
            return utf16(bytes, enc == encoding_rs::UTF_16BE);
        }
        Some(enc) if enc.is_single_byte() => return single_byte(bytes, enc, true),
        _ => {}
    }
    if bytes.contains(&0) {
        return Err(IngestError::Binary(
            "it holds NUL bytes and no byte-order mark: not a text report".into(),
        ));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return finish(
            text.to_string(),
            OffsetMap::identity(bytes.len(), 0),
            "UTF-8",
        );
    }
    if let Some(d) = mostly_utf8(bytes) {
        return d;
    }
    let enc = if looks_cyrillic(bytes) {
        encoding_rs::WINDOWS_1251
    } else {
        encoding_rs::WINDOWS_1252
    };
    single_byte(bytes, enc, false)
}

/// UTF-8 with a few invalid bytes: many valid multi-byte characters (at least twice as many
/// as invalid bytes) and at most 3 invalid bytes, plus one in 10,000. The invalid bytes become
/// U+FFFD, each mapped to its original byte.
fn mostly_utf8(bytes: &[u8]) -> Option<Result<Decoded, IngestError>> {
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += chunk.invalid().len();
    }
    if invalid == 0 || invalid > 3 + bytes.len() / 10_000 || multibyte < 2 * invalid {
        return None;
    }
    let mut b = TextBuilder::with_capacity(bytes.len() + 2 * invalid);
    let mut at = 0;
    for chunk in bytes.utf8_chunks() {
        b.copy(chunk.valid(), at);
        at += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            b.replace_char('\u{FFFD}', at, at + chunk.invalid().len());
            at += chunk.invalid().len();
        }
    }
    let (text, map) = b.finish();
    Some(finish(
        text,
        map,
        "UTF-8 (invalid bytes replaced by U+FFFD)",
    ))
}

/// Cyrillic text in windows-1251 is mostly runs of bytes ≥ 0xC0; Western text in windows-1252
/// has lone accented letters between ASCII ones.
fn looks_cyrillic(bytes: &[u8]) -> bool {
    let (mut in_runs, mut lone) = (0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] >= 0xC0 {
            let j = bytes[i..]
                .iter()
                .position(|&b| b < 0xC0)
                .map(|p| i + p)
                .unwrap_or(bytes.len());
            if j - i >= 3 {
                in_runs += j - i;
            } else {
                lone += j - i;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    in_runs > lone
}

fn single_byte(
    bytes: &[u8],
    enc: &'static encoding_rs::Encoding,
    declared: bool,
) -> Result<Decoded, IngestError> {
    let (text, _had_errors) = enc.decode_without_bom_handling(bytes);
    let mut b = TextBuilder::with_capacity(bytes.len() + bytes.len() / 2);
    let mut run_start = 0;
    // single-byte encodings: byte i is char i
    for (i, c) in text.chars().enumerate() {
        if c.is_ascii() {
            continue;
        }
        if declared && ('\u{80}'..='\u{9F}').contains(&c) {
            return Err(IngestError::InvalidBytes {
                encoding: enc.name(),
                offset: i,
            });
        }
        b.copy(&text_ascii(bytes, run_start, i), run_start);
        b.replace_char(c, i, i + 1);
        run_start = i + 1;
    }
    b.copy(&text_ascii(bytes, run_start, bytes.len()), run_start);
    let (text, map) = b.finish();
    finish(text, map, enc.name())
}

fn text_ascii(bytes: &[u8], a: usize, b: usize) -> String {
    // bytes[a..b] is all ASCII here
    String::from_utf8_lossy(&bytes[a..b]).into_owned()
}

fn utf16(bytes: &[u8], big_endian: bool) -> Result<Decoded, IngestError> {
    let name = if big_endian { "UTF-16BE" } else { "UTF-16LE" };
    let body = &bytes[2.min(bytes.len())..];
    let has_bom = bytes.len() >= 2 && (bytes[..2] == [0xFF, 0xFE] || bytes[..2] == [0xFE, 0xFF]);
    let shift = if has_bom { 2 } else { 0 };
    let body = if has_bom { body } else { bytes };
    if body.len() % 2 != 0 {
        return Err(IngestError::InvalidBytes {
            encoding: name,
            offset: bytes.len() - 1,
        });
    }
    let units = body.chunks_exact(2).map(|c| {
        if big_endian {
            u16::from_be_bytes([c[0], c[1]])
        } else {
            u16::from_le_bytes([c[0], c[1]])
        }
    });
    let mut b = TextBuilder::with_capacity(body.len());
    let mut pos = shift;
    for r in char::decode_utf16(units) {
        match r {
            Ok(c) => {
                let n = c.len_utf16() * 2;
                b.replace_char(c, pos, pos + n);
                pos += n;
            }
            Err(_) => {
                return Err(IngestError::InvalidBytes {
                    encoding: name,
                    offset: pos,
                })
            }
        }
    }
    let (text, map) = b.finish();
    finish(text, map, name)
}

fn finish(text: String, map: OffsetMap, encoding: &'static str) -> Result<Decoded, IngestError> {
    let control = text
        .chars()
        .filter(|&c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    if text.contains('\0') || control * 100 > text.chars().count().max(1) {
        return Err(IngestError::Binary(format!(
            "it decodes as {encoding} to {control} control characters: not a text report"
        )));
    }
    Ok(Decoded {
        text,
        map,
        encoding,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("Salekh".as_bytes(), false).unwrap();
        assert_eq!(d.text, "Salekh");
        assert_eq!(d.encoding, "UTF-8");
        let d = decode(b"\xEF\xBB\xBFab", false).unwrap();
        assert_eq!(d.text, "ab");
        assert_eq!(d.map.map_range(0, 2), (3, 5));
    }

    #[test]
    fn utf16_le_and_be() {
        let mut le = vec![0xFF, 0xFE];
        for u in "Салех".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&le, false).unwrap();
        assert_eq!(d.text, "Салех");
        // second character "а" is bytes 4..6 of the original
        assert_eq!(d.map.map_range(2, 4), (4, 6));
        let mut be = vec![0xFE, 0xFF];
        for u in "Hi".encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&be, false).unwrap().text, "Hi");
    }

    #[test]
    fn windows_1251_and_1252() {
        let (cp1251, _, _) =
            encoding_rs::WINDOWS_1251.encode("Салех Магамадов задержан в Нижнем Новгороде");
        let d = decode(&cp1251, false).unwrap();
        assert_eq!(d.encoding, "windows-1251");
        assert_eq!(d.text, "Салех Магамадов задержан в Нижнем Новгороде");
        let start = d.text.find("Магамадов").unwrap();
        assert_eq!(d.map.map_range(start, start + "Магамадов".len()), (6, 15));
        let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode("Café Zürich, naïve résumé");
        let d = decode(&cp1252, false).unwrap();
        assert_eq!(d.encoding, "windows-1252");
        assert_eq!(d.text, "Café Zürich, naïve résumé");
    }

    /// UTF-8 with one bad byte stays UTF-8, Cyrillic too; the bad byte maps back to itself.
    #[test]
    fn utf8_with_a_bad_byte() {
        for good in [
            "Jörg Müller, der Zeuge, sagte aus. ",
            "Заремa Мусаева, мать адвоката. ",
        ] {
            let mut bytes = good.as_bytes().to_vec();
            bytes.push(0xFF);
            bytes.extend_from_slice(good.as_bytes());
            let d = decode(&bytes, false).unwrap();
            assert!(d.encoding.starts_with("UTF-8"), "{}", d.encoding);
            assert_eq!(d.text, format!("{good}\u{FFFD}{good}"));
            let at = d.text.find('\u{FFFD}').unwrap();
            assert_eq!(d.map.map_range(at, at + 3), (good.len(), good.len() + 1));
        }
        // a Western text in windows-1252 has no UTF-8 around its high bytes: still windows-1252
        let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode("Café Zürich, naïve résumé");
        assert_eq!(decode(&cp1252, false).unwrap().encoding, "windows-1252");
    }

    #[test]
    fn bad_inputs() {
        assert!(matches!(decode(b"", false), Err(IngestError::Empty)));
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n\0\0", false),
            Err(IngestError::Binary(_))
        ));
        assert!(matches!(
            decode(b"abc\0\x01\x02def", false),
            Err(IngestError::Binary(_))
        ));
        let html = b"<meta charset=\"utf-8\"><p>caf\xE9</p>";
        assert!(matches!(
            decode(html, true),
            Err(IngestError::InvalidBytes {
                encoding: "UTF-8",
                offset: 28
            })
        ));
        assert!(matches!(
            decode(b"\xFF\xFE\x00\xD8", false),
            Err(IngestError::InvalidBytes { .. })
        ));
    }
}
