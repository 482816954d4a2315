//! Sentences and word tokens, with byte offsets into the document text.

/// A word or punctuation token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
}

impl Token {
    pub fn text(self, text: &str) -> &str {
        &text[self.start..self.end]
    }
}

/// Abbreviations that end in a period without ending a sentence.
const ABBREV: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep",
    "rev", "jr", "sr", "inc", "ltd", "co", "corp", "vs", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.g", "i.e", "approx", "dept",
    "est", "fig", "mt", "ft", "pp",
];

/// Whether `word` (without its period) is an abbreviation that takes one ("Mr", "Dr", "Sept").
pub fn is_abbreviation(word: &str) -> bool {
    ABBREV.contains(&word.to_lowercase().as_str())
}

/// Split text into sentences: at `.`, `!`, `?` (and a closing quote after them) before a capital,
/// digit or quote, and always at line breaks.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    let push = |out: &mut Vec<(usize, usize)>, s: usize, e: usize| {
        let seg = &text[s..e];
        let ls = s + (seg.len() - seg.trim_start().len());
        let le = s + seg.trim_end().len();
        if le > ls {
            out.push((ls, le));
        }
    };
    while i < text.len() {
        let c = bytes[i];
        if c == b'\n' {
            push(&mut out, start, i);
            start = i + 1;
            i += 1;
            continue;
        }
        if matches!(c, b'.' | b'!' | b'?') {
            // include closing quotes and brackets
            let mut j = i + 1;
            while j < text.len() {
                let ch = text[j..].chars().next().expect("boundary");
                if matches!(ch, '"' | '\'' | '”' | '’' | ')' | '»') {
                    j += ch.len_utf8();
                } else {
                    break;
                }
            }
            let next_is_space = text[j..].starts_with(' ') || text[j..].starts_with('\t');
            if next_is_space {
                let rest = text[j..].trim_start_matches([' ', '\t']);
                let next = rest.chars().next();
                let starts_new = next.is_some_and(|n| {
                    n.is_uppercase() || n.is_ascii_digit() || "\"“‘'«(".contains(n)
                });
                let word_before = text[start..i]
                    .rsplit(|ch: char| ch.is_whitespace() || ch == '(')
                    .next()
                    .unwrap_or("");
                let wb = word_before
                    .trim_start_matches(['"', '“', '‘'])
                    .to_ascii_lowercase();
                // "No. 9", "Art. 318": a capitalised abbreviation before the number it names
                // (not "said no. 2 men left")
                let before_number = matches!(wb.as_str(), "no" | "nos" | "art" | "para" | "vol")
                    && word_before.starts_with(|ch: char| ch.is_uppercase())
                    && next.is_some_and(|n| n.is_ascii_digit());
                let is_abbrev = c == b'.'
                    && (ABBREV.contains(&wb.as_str())
                        || before_number
                        || (wb.chars().count() == 1 && wb.chars().all(|x| x.is_alphabetic())));
                if starts_new && !is_abbrev {
                    push(&mut out, start, j);
                    start = j;
                    i = j;
                    continue;
                }
            }
        }
        i += 1;
    }
    push(&mut out, start, text.len());
    out
}

/// The sentences with a dateline that opens one ("Tegucigalpa, 3 October 2025 (AFP) - Gunmen
/// shot …") set apart as a sentence of its own: the place, the date and the wire are no words
/// of the story, and the grammar of the sentence after the dash is read without them.
pub fn apart_from_datelines(
    sentences: Vec<(usize, usize)>,
    text: &str,
    boilerplate: &[casefile_model::Boilerplate],
) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(sentences.len());
    for (ss, se) in sentences {
        let dateline = boilerplate.iter().find(|b| {
            b.kind == casefile_model::BoilerplateKind::Dateline
                && b.start <= ss
                && ss < b.end
                && b.end < se
        });
        match dateline {
            Some(b) => {
                let rest = b.end + (text[b.end..se].len() - text[b.end..se].trim_start().len());
                out.push((ss, b.end));
                if rest < se {
                    out.push((rest, se));
                }
            }
            None => out.push((ss, se)),
        }
    }
    out
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Tokenise `text[start..end]`: words (letters and digits, with inner hyphens, apostrophes and
/// dotted abbreviations such as "U.S.") and single punctuation marks. A trailing possessive
/// `'s`/`’s` is its own token.
pub fn tokens(text: &str, start: usize, end: usize) -> Vec<Token> {
    let mut out = Vec::new();
    let s = &text[start..end];
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        if is_word_char(c) {
            let mut e = i + c.len_utf8();
            loop {
                let rest = &s[e..];
                let mut ch = rest.chars();
                match (ch.next(), ch.next()) {
                    (Some(a), _) if is_word_char(a) => e += a.len_utf8(),
                    (Some(a @ ('-' | '\'' | '’' | '.' | '+' | ',')), Some(b))
                        if is_word_char(b) =>
                    {
                        // a number keeps its decimal point and thousands separators ("5.5",
                        // "1,000"); "U.S" keeps its dots only between single letters
                        let last = s[i..e].chars().last();
                        let number = last.is_some_and(|l| l.is_ascii_digit()) && b.is_ascii_digit();
                        if (a == ',' && !number)
                            || (a == '.'
                                && !number
                                && !(last.is_some_and(|l| l.is_uppercase()) && b.is_uppercase()))
                        {
                            break;
                        }
                        e += a.len_utf8() + b.len_utf8();
                    }
                    _ => break,
                }
            }
            // a final dot of an abbreviation like "U.S."
            if s[i..e].contains('.') && s[e..].starts_with('.') {
                e += 1;
            }
            // split a possessive
            let w = &s[i..e];
            for suf in ["'s", "’s"] {
                if w.len() > suf.len() + 1 && w.ends_with(suf) {
                    let cut = e - suf.len();
                    out.push(Token {
                        start: start + i,
                        end: start + cut,
                    });
                    out.push(Token {
                        start: start + cut,
                        end: start + e,
                    });
                    break;
                }
            }
            if !(w.ends_with("'s") || w.ends_with("’s")) || w.len() <= 3 {
                out.push(Token {
                    start: start + i,
                    end: start + e,
                });
            }
            while it.peek().is_some_and(|&(j, _)| j < e) {
                it.next();
            }
        } else {
            out.push(Token {
                start: start + i,
                end: start + i + c.len_utf8(),
            });
        }
    }
    out
}

/// `text[start..end]` with both ends moved inward to char boundaries and clamped to the text.
pub fn slice(text: &str, start: usize, end: usize) -> &str {
    let mut s = start.min(text.len());
    while !text.is_char_boundary(s) {
        s += 1;
    }
    let mut e = end.min(text.len()).max(s);
    while !text.is_char_boundary(e) {
        e -= 1;
    }
    &text[s..e.max(s)]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A dateline opening a sentence is a sentence of its own; other boilerplate, or a
    /// dateline that is the whole line, leaves the sentences as they are.
    #[test]
    fn a_dateline_is_set_apart() {
        use casefile_model::{Boilerplate, BoilerplateKind};
        let t = "Tegucigalpa, 3 October 2025 (AFP) - Gunmen shot dead the activist. Police came.";
        let dash = t.find("- ").unwrap() + 1;
        for (kind, end, want) in [
            (
                BoilerplateKind::Dateline,
                dash,
                vec![
                    "Tegucigalpa, 3 October 2025 (AFP) -",
                    "Gunmen shot dead the activist.",
                    "Police came.",
                ],
            ),
            (
                BoilerplateKind::Byline,
                dash,
                vec![
                    "Tegucigalpa, 3 October 2025 (AFP) - Gunmen shot dead the activist.",
                    "Police came.",
                ],
            ),
        ] {
            let b = [Boilerplate {
                kind,
                start: 0,
                end,
            }];
            let got: Vec<&str> = apart_from_datelines(sentences(t), t, &b)
                .into_iter()
                .map(|(s, e)| &t[s..e])
                .collect();
            assert_eq!(got, want, "{kind:?}");
        }
    }

    #[test]
    fn splits_sentences() {
        let t = "Mr. Roe was held in the U.S. for a day. He said: “No.” Then he left!\nHe was moved to Penal Colony No. 9 in Gorki. He said no. 2 men left.";
        let s: Vec<&str> = sentences(t).iter().map(|&(a, b)| &t[a..b]).collect();
        assert_eq!(
            s,
            vec![
                "Mr. Roe was held in the U.S. for a day.",
                "He said: “No.”",
                "Then he left!",
                "He was moved to Penal Colony No. 9 in Gorki.",
                "He said no.",
                "2 men left."
            ]
        );
    }

    #[test]
    fn tokenises() {
        let t =
            "All Out’s petition: Urus-Martanovsky, U.S. LGBT+ 20-year-old, 5.5 years, 1,000 men,2.";
        let toks: Vec<&str> = tokens(t, 0, t.len()).iter().map(|k| k.text(t)).collect();
        assert_eq!(
            toks,
            vec![
                "All",
                "Out",
                "’s",
                "petition",
                ":",
                "Urus-Martanovsky",
                ",",
                "U.S.",
                "LGBT",
                "+",
                "20-year-old",
                ",",
                "5.5",
                "years",
                ",",
                "1,000",
                "men",
                ",",
                "2",
                "."
            ]
        );
    }
}
