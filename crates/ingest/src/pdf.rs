//! PDF reports: the text layer, page by page, in reading order.
//!
//! The text of each page comes from `pdf-extract` (fonts, encodings and ToUnicode maps read in
//! pure Rust). Then, as a reader would:
//! - lines of one paragraph are joined with a space; a word hyphenated at a line end and
//!   continued in lower case is joined ("docu-" + "ment" → "document");
//! - a paragraph cut by a page break is joined across it when the page ends mid-sentence;
//! - page furniture (a running header or footer repeated on most pages, a page number) is taken
//!   out of the flow and listed after the body, marked as boilerplate, so a sentence or a quote
//!   that crosses a page break reads whole;
//! - a PDF with no text at all is named as scanned ("OCR it first"), not read as empty.
//!
//! Every piece of text maps back to the bytes of the page it was drawn by (the page's content
//! streams in the file), and [`PdfText::pages`] says which text range is on which page.

use casefile_model::{BoilerplateKind, OffsetMap, PageRange, TextBuilder};
use unicode_normalization::UnicodeNormalization;

use crate::IngestError;

/// A PDF's text, its map to the file's bytes, its pages and its page furniture.
pub struct PdfText {
    pub text: String,
    pub map: OffsetMap,
    /// Text ranges and the page (1-based) each is on, in text order.
    pub pages: Vec<PageRange>,
    /// Running headers, footers and page numbers: text ranges and their kind.
    pub furniture: Vec<(usize, usize, BoilerplateKind)>,
    /// The document's /Title, when it has one.
    pub title: Option<String>,
}

/// Whether bytes are a PDF (by their signature, whatever the file is called).
pub fn is_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-")
}

/// One line of a page, with whether a blank line (a paragraph break) comes before it.
#[derive(Debug, Clone)]
struct Line {
    text: String,
    page: usize,
    new_paragraph: bool,
}

/// Read a PDF's text layer.
pub fn to_text(bytes: &[u8]) -> Result<PdfText, IngestError> {
    // the file's objects, read once: for the page tree's check and for where pages lie
    let doc = lopdf::Document::load_mem(bytes).ok();
    if doc.as_ref().is_some_and(page_tree_loops) {
        return Err(IngestError::Pdf(
            "its page tree loops on itself (a page is its own ancestor), which no reader can follow"
                .into(),
        ));
    }
    let pages = extract_pages(bytes)?;
    if pages.iter().all(|p| p.trim().is_empty()) {
        return Err(IngestError::NoText(format!(
            "scanned PDF: no text layer on any of its {} page(s); OCR it first",
            pages.len()
        )));
    }
    let structure = Structure::read(doc.as_ref(), bytes.len(), pages.len());
    let lines: Vec<Vec<Line>> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| page_lines(p, i + 1))
        .collect();
    let furniture = find_furniture(&lines);
    Ok(assemble(&lines, &furniture, &structure))
}

/// Whether the file's page tree loops: a page or a node of pages that is its own ancestor
/// through `/Parent`, or that holds itself through `/Kids`. pdf-extract follows such a loop
/// forever, so a file made so is refused before it is read (what lopdf cannot load at all,
/// pdf-extract refuses with its own reason).
fn page_tree_loops(doc: &lopdf::Document) -> bool {
    let reference = |d: &lopdf::Dictionary, key: &[u8]| match d.get(key) {
        Ok(lopdf::Object::Reference(id)) => Some(*id),
        _ => None,
    };
    for (&id, object) in &doc.objects {
        let Ok(dict) = object.as_dict() else { continue };
        let is_node = matches!(dict.get(b"Type"), Ok(lopdf::Object::Name(n)) if n == b"Page" || n == b"Pages");
        if !is_node {
            continue;
        }
        // up through the parents: each node once
        let mut seen = std::collections::HashSet::from([id]);
        let mut at = reference(dict, b"Parent");
        while let Some(p) = at {
            if !seen.insert(p) {
                return true;
            }
            at = doc
                .objects
                .get(&p)
                .and_then(|o| o.as_dict().ok())
                .and_then(|d| reference(d, b"Parent"));
        }
        // down through the kids: no node holds itself
        let mut stack = vec![id];
        let mut below = std::collections::HashSet::new();
        while let Some(n) = stack.pop() {
            let Some(kids) = doc
                .objects
                .get(&n)
                .and_then(|o| o.as_dict().ok())
                .and_then(|d| d.get(b"Kids").ok())
                .and_then(|k| k.as_array().ok())
            else {
                continue;
            };
            for kid in kids {
                if let lopdf::Object::Reference(k) = kid {
                    if *k == id || !below.insert(*k) {
                        return true;
                    }
                    stack.push(*k);
                }
            }
        }
    }
    false
}

/// The text of each page, as pdf-extract reads it. pdf-extract can panic on damaged files:
/// that is caught and named, never a crash ([`to_text`] refuses a page tree that loops first).
fn extract_pages(bytes: &[u8]) -> Result<Vec<String>, IngestError> {
    let owned = bytes.to_vec();
    let quiet = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result =
        std::panic::catch_unwind(move || pdf_extract::extract_text_from_mem_by_pages(&owned));
    std::panic::set_hook(quiet);
    match result {
        Ok(Ok(pages)) if !pages.is_empty() => Ok(pages),
        Ok(Ok(_)) => Err(IngestError::Pdf("it has no pages".into())),
        Ok(Err(e)) => Err(IngestError::Pdf(pdf_error(&e.to_string()))),
        Err(_) => Err(IngestError::Pdf(
            "its structure is damaged or uses features casefile cannot read".into(),
        )),
    }
}

fn pdf_error(e: &str) -> String {
    let e = e.to_ascii_lowercase();
    if e.contains("decrypt") || e.contains("encrypt") || e.contains("password") {
        "it is encrypted; save an unencrypted copy first".into()
    } else {
        format!("it could not be parsed ({e})")
    }
}

/// Where each page's drawing lives in the file, and the document's title.
struct Structure {
    /// Byte range in the file of each page's content streams (or of the page object).
    ranges: Vec<(usize, usize)>,
    title: Option<String>,
}

impl Structure {
    fn read(doc: Option<&lopdf::Document>, len: usize, pages: usize) -> Structure {
        let whole = (0, len);
        let mut s = Structure {
            ranges: vec![whole; pages],
            title: None,
        };
        let Some(doc) = doc else {
            return s;
        };
        // every object's start, to find where each one ends
        let mut starts: Vec<usize> = doc
            .reference_table
            .entries
            .values()
            .filter_map(|e| match e {
                lopdf::xref::XrefEntry::Normal { offset, .. } => Some(*offset as usize),
                _ => None,
            })
            .collect();
        starts.sort_unstable();
        let range_of = |id: lopdf::ObjectId| -> Option<(usize, usize)> {
            let entry = doc.reference_table.get(id.0)?;
            let start = match entry {
                lopdf::xref::XrefEntry::Normal { offset, .. } => *offset as usize,
                lopdf::xref::XrefEntry::Compressed { container, .. } => {
                    match doc.reference_table.get(*container)? {
                        lopdf::xref::XrefEntry::Normal { offset, .. } => *offset as usize,
                        _ => return None,
                    }
                }
                _ => return None,
            };
            let i = starts.partition_point(|&o| o <= start);
            let end = starts.get(i).copied().unwrap_or(len);
            (start < end && end <= len).then_some((start, end))
        };
        for (n, (_, page_id)) in doc.get_pages().into_iter().enumerate().take(pages) {
            let contents = doc
                .get_dictionary(page_id)
                .ok()
                .and_then(|d| d.get(b"Contents").ok().cloned());
            let ids: Vec<lopdf::ObjectId> = match contents {
                Some(lopdf::Object::Reference(id)) => vec![id],
                Some(lopdf::Object::Array(items)) => {
                    items.iter().filter_map(|o| o.as_reference().ok()).collect()
                }
                _ => vec![page_id],
            };
            let ranges: Vec<(usize, usize)> = ids.into_iter().filter_map(range_of).collect();
            if let (Some(a), Some(b)) = (
                ranges.iter().map(|r| r.0).min(),
                ranges.iter().map(|r| r.1).max(),
            ) {
                s.ranges[n] = (a, b);
            }
        }
        s.title = doc
            .trailer
            .get(b"Info")
            .ok()
            .and_then(|o| o.as_reference().ok())
            .and_then(|id| doc.get_dictionary(id).ok())
            .and_then(|info| info.get(b"Title").ok())
            .and_then(|t| match t {
                lopdf::Object::String(b, _) => Some(pdf_string(b)),
                _ => None,
            })
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty());
        s
    }
}

/// A PDF text string: UTF-16BE with its byte-order mark, or PDFDocEncoding (Latin-1 here).
fn pdf_string(b: &[u8]) -> String {
    if let Some(rest) = b.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        b.iter().map(|&c| c as char).collect()
    }
}

/// A page's lines (NFC, spaces tidied), each knowing whether a paragraph break precedes it.
fn page_lines(page: &str, number: usize) -> Vec<Line> {
    let mut out = Vec::new();
    let mut blank = true;
    for raw in page.split('\n') {
        let text: String = raw
            .nfc()
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if text.is_empty() {
            blank = true;
            continue;
        }
        out.push(Line {
            text,
            page: number,
            new_paragraph: blank,
        });
        blank = false;
    }
    out
}

/// A line as compared across pages: lower case, digits as '#', so "Page 3" matches "Page 4".
fn furniture_key(line: &str) -> String {
    line.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

/// A line that is only a page number: "3", "- 3 -", "Page 3", "3 of 10", "Page 3 / 10".
fn is_page_number(line: &str) -> bool {
    let l = line.to_lowercase();
    let l = l.trim_matches(|c: char| c == '-' || c == '–' || c == '—' || c.is_whitespace());
    let l = l
        .strip_prefix("page")
        .or_else(|| l.strip_prefix("p."))
        .unwrap_or(l)
        .trim();
    let mut parts = l
        .split(|c: char| c == '/' || c.is_whitespace())
        .filter(|p| !p.is_empty());
    let first = parts.next();
    let num = |p: Option<&str>| p.is_some_and(|p| p.chars().all(|c| c.is_ascii_digit()));
    match (first, parts.next(), parts.next(), parts.next()) {
        (f, None, None, None) => num(f),
        (f, Some(n), None, None) => num(f) && num(Some(n)),
        (f, Some("of"), n, None) => num(f) && num(n),
        _ => false,
    }
}

/// The lines of each page that are furniture: (page index, line index) → kind.
fn find_furniture(
    pages: &[Vec<Line>],
) -> std::collections::HashMap<(usize, usize), BoilerplateKind> {
    use std::collections::HashMap;
    let mut found = HashMap::new();
    let n = pages.len();
    // a line repeated at the top (or bottom) of at least half the pages, and at least two
    let mut tops: HashMap<String, usize> = HashMap::new();
    let mut bottoms: HashMap<String, usize> = HashMap::new();
    for lines in pages {
        if let Some(l) = lines.first() {
            *tops.entry(furniture_key(&l.text)).or_default() += 1;
        }
        if lines.len() > 1 {
            if let Some(l) = lines.last() {
                *bottoms.entry(furniture_key(&l.text)).or_default() += 1;
            }
        }
    }
    let repeated = |count: Option<&usize>| count.is_some_and(|&c| c >= 2 && c * 2 >= n);
    for (p, lines) in pages.iter().enumerate() {
        // up to two lines at each edge: a header and a page number, say
        for (i, line) in lines.iter().enumerate().take(2) {
            let l = &line.text;
            if is_page_number(l) || repeated(tops.get(&furniture_key(l))) {
                found.insert((p, i), BoilerplateKind::PageHeader);
            } else {
                break;
            }
        }
        for i in (lines.len().saturating_sub(2)..lines.len()).rev() {
            if found.contains_key(&(p, i)) {
                break;
            }
            let l = &lines[i].text;
            if is_page_number(l) || repeated(bottoms.get(&furniture_key(l))) {
                found.insert((p, i), BoilerplateKind::Footer);
            } else {
                break;
            }
        }
    }
    found
}

/// Whether a paragraph's last line ends a sentence (so the next page starts a new paragraph).
fn ends_sentence(line: &str) -> bool {
    line.trim_end()
        .ends_with(['.', '!', '?', ':', '"', '”', '’', ')', ';'])
}

/// Lay out the body in reading order, then the furniture; record each page's ranges.
fn assemble(
    pages: &[Vec<Line>],
    furniture: &std::collections::HashMap<(usize, usize), BoilerplateKind>,
    structure: &Structure,
) -> PdfText {
    let mut b = TextBuilder::default();
    let mut ranges: Vec<PageRange> = Vec::new();
    let mark = |ranges: &mut Vec<PageRange>, page: usize, start: usize, end: usize| match ranges
        .last_mut()
    {
        Some(r) if r.page == page as u32 && r.end == start => r.end = end,
        _ => ranges.push(PageRange {
            page: page as u32,
            start,
            end,
        }),
    };
    let mut last_line: Option<&Line> = None;
    let mut furn: Vec<(&Line, BoilerplateKind)> = Vec::new();
    let mut held: Option<(usize, usize, usize)> = None;
    for (p, lines) in pages.iter().enumerate() {
        let (src, src_end) = structure.ranges[p];
        let mut first_body = true;
        for (i, line) in lines.iter().enumerate() {
            if let Some(kind) = furniture.get(&(p, i)) {
                furn.push((line, *kind));
                continue;
            }
            let continues_page = first_body
                && last_line.is_some_and(|l| l.page != line.page && !ends_sentence(&l.text))
                && line
                    .text
                    .starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit());
            let joiner = match last_line {
                None => "",
                Some(_) if continues_page => " ",
                Some(_) if line.new_paragraph || first_body => "\n\n",
                Some(_) => " ",
            };
            first_body = false;
            // a line-end hyphen is held back until the next line says whether it joins a word
            let hyphen_join = joiner == " "
                && held.is_some()
                && !b.ends_with(" ")
                && !b.ends_with("-")
                && line.text.starts_with(|c: char| c.is_lowercase());
            if let Some((page, s0, s1)) = held.take() {
                if !hyphen_join {
                    let at = b.text().len();
                    b.replace("-", s0, s1);
                    mark(&mut ranges, page, at, at + 1);
                }
            }
            let start = b.text().len();
            if !hyphen_join {
                b.replace(joiner, src, src_end);
            }
            let text = match line.text.strip_suffix('-') {
                Some(rest) => {
                    held = Some((line.page, src, src_end));
                    rest
                }
                None => line.text.as_str(),
            };
            b.replace(text, src, src_end);
            let end = b.text().len();
            mark(&mut ranges, line.page, start.min(end), end);
            last_line = Some(line);
        }
    }
    if let Some((page, s0, s1)) = held.take() {
        let at = b.text().len();
        b.replace("-", s0, s1);
        mark(&mut ranges, page, at, at + 1);
    }
    let mut furniture_ranges = Vec::new();
    for (line, kind) in furn {
        let (src, src_end) = structure.ranges[line.page - 1];
        if !b.is_empty() {
            b.replace("\n\n", src, src_end);
        }
        let start = b.text().len();
        b.replace(&line.text, src, src_end);
        let end = b.text().len();
        mark(&mut ranges, line.page, start, end);
        furniture_ranges.push((start, end, kind));
    }
    let (text, map) = b.finish();
    ranges.sort_by_key(|r| r.start);
    PdfText {
        text,
        map,
        pages: ranges,
        furniture: furniture_ranges,
        title: structure.title.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_are_recognised() {
        for yes in [
            "3",
            "- 3 -",
            "Page 3",
            "page 3 of 10",
            "3 of 10",
            "Page 3 / 10",
            "— 12 —",
        ] {
            assert!(is_page_number(yes), "{yes}");
        }
        for no in ["3 March", "Page three", "2021 was a hard year", "of 3", ""] {
            assert!(!is_page_number(no), "{no}");
        }
    }

    fn pages(texts: &[&str]) -> Vec<Vec<Line>> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| page_lines(t, i + 1))
            .collect()
    }

    fn read(texts: &[&str]) -> PdfText {
        let p = pages(texts);
        let f = find_furniture(&p);
        let s = Structure {
            ranges: (0..texts.len()).map(|i| (i * 100, i * 100 + 100)).collect(),
            title: None,
        };
        assemble(&p, &f, &s)
    }

    #[test]
    fn lines_join_hyphens_mend_and_furniture_moves_out_of_the_flow() {
        let t = read(&[
            "Rights Watch Briefing\n\nThe police held her in a docu-\nmentary studio. Her lawyer said: “She was\n\nPage 1",
            "Rights Watch Briefing\n\nbeaten in custody.”\n\nA new paragraph.\n\nPage 2",
        ]);
        assert_eq!(
            t.text,
            "The police held her in a documentary studio. Her lawyer said: “She was beaten in custody.”\n\nA new paragraph.\n\nRights Watch Briefing\n\nPage 1\n\nRights Watch Briefing\n\nPage 2"
        );
        let kinds: Vec<BoilerplateKind> = t.furniture.iter().map(|f| f.2).collect();
        assert_eq!(
            kinds,
            [
                BoilerplateKind::PageHeader,
                BoilerplateKind::Footer,
                BoilerplateKind::PageHeader,
                BoilerplateKind::Footer
            ]
        );
        // the quote crosses the page break: its text maps to both pages' bytes
        let q = t.text.find('“').unwrap();
        let qe = t.text.find('”').unwrap() + '”'.len_utf8();
        let (a, e) = t.map.map_range(q, qe);
        assert_eq!((a, e), (0, 200));
        let on: Vec<u32> = t
            .pages
            .iter()
            .filter(|r| r.start < qe && q < r.end)
            .map(|r| r.page)
            .collect();
        assert_eq!(on, [1, 2]);
    }

    #[test]
    fn a_page_ending_a_sentence_starts_a_new_paragraph() {
        let t = read(&["First page ends here.", "Second page starts."]);
        assert_eq!(t.text, "First page ends here.\n\nSecond page starts.");
        assert!(t.furniture.is_empty());
    }

    #[test]
    fn a_damaged_pdf_is_named_not_a_crash() {
        let e = to_text(b"%PDF-1.4\nnot really").err().unwrap();
        assert!(matches!(e, IngestError::Pdf(_)), "{e}");
    }

    /// A page made its own parent (one byte changed, as the fuzzer found) made the reader loop
    /// forever: it is refused at once, and the file as made still reads.
    #[test]
    fn a_page_tree_that_loops_is_refused() {
        let good = include_bytes!("../../../fuzz/seeds/pdf/briefing.pdf");
        let load = |b: &[u8]| lopdf::Document::load_mem(b).expect("lopdf reads it");
        assert!(!page_tree_loops(&load(good)));
        assert!(to_text(good).is_ok());
        // byte offsets: the file is not text
        let find = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).position(|w| w == needle);
        let rfind =
            |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).rposition(|w| w == needle);
        let at = find(good, b"/Parent 1 0 R").expect("a page's parent") + b"/Parent ".len();
        // the page's own object number, one digit before " 0 obj": it names itself its parent
        let obj = rfind(&good[..at], b" 0 obj").expect("the page's object");
        let digit = good[obj - 1];
        assert!(digit.is_ascii_digit() && !good[obj - 2].is_ascii_digit());
        let mut looping = good.to_vec();
        looping[at] = digit;
        assert!(page_tree_loops(&load(&looping)));
        let e = to_text(&looping).err().expect("refused");
        assert!(e.to_string().contains("loops"), "{e}");
    }
}
