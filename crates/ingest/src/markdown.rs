//! Markdown to text: links become their text, images and reference definitions go, emphasis
//! markers and heading/quote markers are dropped. Everything else is copied verbatim.

use casefile_model::{OffsetMap, TextBuilder};

/// Whether plain text carries enough Markdown syntax to be read as Markdown.
pub fn looks_like_markdown(text: &str) -> bool {
    let link = text.match_indices("](").any(|(i, _)| {
        text[..i]
            .rfind('[')
            .is_some_and(|o| !text[o..i].contains('\n'))
    });
    link || text.contains("**")
        || text.contains("<http")
        || text
            .lines()
            .any(|l| l.starts_with("# ") || l.starts_with("## "))
}

/// Find the `]` that closes a `[` at `open`, on the same paragraph.
fn closing_bracket(src: &str, open: usize) -> Option<usize> {
    let mut depth = 0;
    for (i, c) in src[open..].char_indices() {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + i);
                }
            }
            '\n' if src[open + i + 1..].starts_with('\n') => return None,
            _ => {}
        }
    }
    None
}

/// After `]` at `close`: the end of a `(url)` or `[ref]` part, if any.
fn link_target_end(src: &str, close: usize) -> Option<usize> {
    let rest = &src[close + 1..];
    let (open, shut) = match rest.chars().next()? {
        '(' => ('(', ')'),
        '[' => ('[', ']'),
        _ => return None,
    };
    let mut depth = 0;
    for (i, c) in rest.char_indices() {
        if c == '\n' {
            return None;
        }
        if c == open {
            depth += 1;
        } else if c == shut {
            depth -= 1;
            if depth == 0 {
                return Some(close + 1 + i + 1);
            }
        }
    }
    None
}

/// `[ref]: https://…` on a line of its own.
/// Where the single emphasis marker at `open` ("*" or "_") closes: the same marker later on
/// the line, after a character that is not a space, opened before one that is not (so "* item"
/// and "2 * 3" are no emphasis); an "_" neither opens nor closes inside a word ("snake_case").
fn emphasis_close(src: &str, open: usize) -> Option<usize> {
    let bytes = src.as_bytes();
    let mark = bytes[open];
    let word = |at: Option<&u8>| at.is_some_and(|c| c.is_ascii_alphanumeric());
    let after = bytes.get(open + 1)?;
    if after.is_ascii_whitespace() || *after == mark {
        return None;
    }
    if mark == b'_' && open > 0 && word(bytes.get(open - 1)) {
        return None;
    }
    let line_end = src[open..].find('\n').map_or(src.len(), |e| open + e);
    (open + 2..line_end).find(|&k| {
        bytes[k] == mark
            && !bytes[k - 1].is_ascii_whitespace()
            && bytes[k - 1] != mark
            && bytes.get(k + 1) != Some(&mark)
            && !(mark == b'_' && word(bytes.get(k + 1)))
    })
}

fn is_reference_definition(line: &str) -> bool {
    let Some(rest) = line.strip_prefix('[') else {
        return false;
    };
    let Some(c) = rest.find("]:") else {
        return false;
    };
    !rest[..c].is_empty() && rest[c + 2..].split_whitespace().count() == 1
}

pub fn to_text(src: &str) -> (String, OffsetMap) {
    let mut b = TextBuilder::with_capacity(src.len());
    // pending jumps: when the scanner reaches .0, continue at .1
    let mut jumps: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    let mut line_start = true;
    let bytes = src.as_bytes();
    while i < src.len() {
        if let Some(pos) = jumps.iter().position(|&(at, _)| at == i) {
            i = jumps.remove(pos).1;
            continue;
        }
        if line_start {
            line_start = false;
            let line_end = src[i..].find('\n').map(|e| i + e).unwrap_or(src.len());
            let line = &src[i..line_end];
            // reference definition: [ref]: url
            if is_reference_definition(line) {
                i = line_end;
                continue;
            }
            let hashes = line.bytes().take_while(|&c| c == b'#').count();
            if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
                i += hashes + 1;
                continue;
            }
            if line.starts_with("> ") {
                i += 2;
                continue;
            }
        }
        let c = bytes[i];
        match c {
            b'\n' => {
                b.copy("\n", i);
                i += 1;
                line_start = true;
                continue;
            }
            b'\\' if bytes.get(i + 1).is_some_and(|n| n.is_ascii_punctuation()) => {
                b.replace(&src[i + 1..i + 2], i, i + 2);
                i += 2;
                continue;
            }
            b'!' if bytes.get(i + 1) == Some(&b'[') => {
                if let Some(close) = closing_bracket(src, i + 1) {
                    if let Some(end) =
                        link_target_end(src, close).filter(|_| bytes.get(close + 1) == Some(&b'('))
                    {
                        i = end;
                        continue;
                    }
                }
            }
            b'[' => {
                if let Some(close) = closing_bracket(src, i) {
                    if let Some(end) = link_target_end(src, close) {
                        jumps.push((close, end));
                        i += 1;
                        continue;
                    }
                }
            }
            b'<' if src[i..].starts_with("<http://") || src[i..].starts_with("<https://") => {
                if let Some(e) = src[i..]
                    .find('>')
                    .filter(|&e| !src[i..i + e].contains(char::is_whitespace))
                {
                    b.copy(&src[i + 1..i + e], i + 1);
                    i += e + 1;
                    continue;
                }
            }
            b'*' | b'_' if bytes.get(i + 1) == Some(&c) => {
                // "**" or "__" emphasis marker; a "__" inside a word is kept
                let inside_word = c == b'_'
                    && i > 0
                    && bytes[i - 1].is_ascii_alphanumeric()
                    && bytes.get(i + 2).is_some_and(|n| n.is_ascii_alphanumeric());
                if !inside_word {
                    i += 2;
                    continue;
                }
            }
            b'*' | b'_' => {
                // "*text*" or "_text_": one emphasis marker each side, closed on the same line
                if let Some(close) = emphasis_close(src, i) {
                    jumps.push((close, close + 1));
                    i += 1;
                    continue;
                }
            }
            _ => {}
        }
        // copy up to the next special byte
        let mut k = i + src[i..].chars().next().map(char::len_utf8).unwrap_or(1);
        while k < src.len()
            && !matches!(bytes[k], b'\n' | b'\\' | b'!' | b'[' | b'<' | b'*' | b'_')
            && !jumps.iter().any(|&(at, _)| at == k)
        {
            k += 1;
        }
        while !src.is_char_boundary(k) {
            k += 1;
        }
        b.copy(&src[i..k], i);
        i = k;
    }
    b.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_emphasis_and_autolinks() {
        let src = "By [Wire Agency](#)\n\nA photo. **Jane Roe / AP**\n\n![img](x.png)See <https://example.org/a>, and [the report](https://x.y/z \"t\") here.";
        let (t, map) = to_text(src);
        assert_eq!(t, "By Wire Agency\n\nA photo. Jane Roe / AP\n\nSee https://example.org/a, and the report here.");
        let p = t.find("the report").unwrap();
        let (a, e) = map.map_range(p, p + "the report".len());
        assert_eq!(&src[a..e], "the report");
        let p = t.find("Jane").unwrap();
        let (a, _) = map.map_range(p, p + 4);
        assert_eq!(&src[a..a + 4], "Jane");
    }

    #[test]
    fn headings_quotes_and_snake_case() {
        let (t, _) = to_text("# Title\n> quoted line\nkeep snake__case and [not a link] here");
        assert_eq!(
            t,
            "Title\nquoted line\nkeep snake__case and [not a link] here"
        );
    }

    #[test]
    fn single_emphasis_markers_go() {
        let cases = [
            (
                "*Rights Watch, 15 December 2021*",
                "Rights Watch, 15 December 2021",
            ),
            ("an _emphasised_ word", "an emphasised word"),
            (
                "keep snake_case_name and 2 * 3 * 4",
                "keep snake_case_name and 2 * 3 * 4",
            ),
            ("* a list item\n* another", "* a list item\n* another"),
            ("*open but never closed", "*open but never closed"),
            ("**strong** and *em*", "strong and em"),
        ];
        for (src, want) in cases {
            let (t, map) = to_text(src);
            assert_eq!(t, want, "{src}");
            if let Some(p) = t.find("Rights") {
                let (a, _) = map.map_range(p, p + 6);
                assert_eq!(&src[a..a + 6], "Rights");
            }
        }
    }

    #[test]
    fn detection() {
        assert!(looks_like_markdown("see [x](y)"));
        assert!(!looks_like_markdown("plain [bracket] text"));
    }
}
