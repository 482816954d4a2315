//! Scoring the time-expression finder against TimeML files (TimeBank): extraction precision,
//! recall and F1 with relaxed (overlap) matching, and value accuracy over matched expressions.

use std::path::Path;

use casefile_model::{DateValue, Document, Timex};
use chrono::NaiveDate;

/// A gold TIMEX3 in a TimeML document's text.
#[derive(Debug, Clone)]
pub struct GoldTimex {
    pub start: usize,
    pub end: usize,
    pub kind: String,
    pub value: String,
}

/// A TimeML document: its text (tags removed), creation time and gold expressions.
#[derive(Debug, Clone)]
pub struct TimeMlDoc {
    pub name: String,
    pub text: String,
    pub dct: Option<NaiveDate>,
    pub gold: Vec<GoldTimex>,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let pat = format!("{name}=\"");
    let i = tag.find(&pat)? + pat.len();
    let j = tag[i..].find('"')? + i;
    Some(tag[i..j].to_string())
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Parse a TimeML file's content.
pub fn parse(name: &str, xml: &str) -> Result<TimeMlDoc, String> {
    let dct = xml
        .find("functionInDocument=\"CREATION_TIME\"")
        .and_then(|p| {
            let start = xml[..p].rfind("<TIMEX3")?;
            let end = xml[p..].find('>')? + p;
            attr(&xml[start..end], "value")
        })
        .and_then(|v| NaiveDate::parse_from_str(v.get(0..10)?, "%Y-%m-%d").ok());
    let t0 = xml.find("<TEXT>").ok_or("no <TEXT> element")? + "<TEXT>".len();
    // the closing tag after the opening one (a stray "</TEXT>" before it is not the end)
    let t1 = xml[t0..].find("</TEXT>").ok_or("no </TEXT> after <TEXT>")? + t0;
    let body = &xml[t0..t1];
    let mut text = String::with_capacity(body.len());
    let mut gold = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    let mut i = 0;
    while i < body.len() {
        if body.as_bytes()[i] == b'<' {
            let end = body[i..]
                .find('>')
                .map(|e| i + e + 1)
                .ok_or("unclosed tag")?;
            let tag = &body[i..end];
            if tag.starts_with("<TIMEX3") {
                open = Some((
                    text.len(),
                    attr(tag, "type").unwrap_or_default(),
                    attr(tag, "value").unwrap_or_default(),
                ));
            } else if tag.starts_with("</TIMEX3") {
                if let Some((s, kind, value)) = open.take() {
                    gold.push(GoldTimex {
                        start: s,
                        end: text.len(),
                        kind,
                        value,
                    });
                }
            }
            i = end;
            continue;
        }
        let next = body[i..].find('<').map(|e| i + e).unwrap_or(body.len());
        text.push_str(&unescape(&body[i..next]));
        i = next;
    }
    // entity-decoding shifts offsets only where entities occur, and they occur outside TIMEX3 text
    Ok(TimeMlDoc {
        name: name.to_string(),
        text,
        dct,
        gold,
    })
}

/// The TimeML value casefile gives an expression.
pub fn timeml_value(t: &Timex) -> Option<String> {
    if let Some(s) = &t.special {
        return Some(s.clone());
    }
    if let Some(d) = &t.duration {
        return Some(d.clone());
    }
    let v = t.value.as_ref()?;
    if v.precision == casefile_model::Precision::Hour {
        if let Some(c) = &t.clock {
            return Some(format!("{}T{c}", &v.value[..10]));
        }
    }
    Some(v.value.clone())
}

/// Scores over a set of documents.
#[derive(Debug, Default, Clone, Copy)]
pub struct TimexScore {
    pub gold: usize,
    pub predicted: usize,
    pub matched_gold: usize,
    pub matched_pred: usize,
    pub value_correct: usize,
}

impl TimexScore {
    pub fn precision(&self) -> f64 {
        ratio(self.matched_pred, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.matched_gold, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    pub fn value_accuracy(&self) -> f64 {
        ratio(self.value_correct, self.matched_gold)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// What went wrong with one expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimexErrorKind {
    /// In the gold, not found.
    Missed,
    /// Found, not in the gold.
    Spurious,
    /// Found, with another value than the gold's.
    Value,
}

/// One error, for a person to read: the expression, the gold and predicted values, and the
/// words around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimexError {
    pub kind: TimexErrorKind,
    pub text: String,
    pub gold: Option<String>,
    pub predicted: Option<String>,
    pub context: String,
}

/// Up to 60 bytes on each side of `start..end`, on character boundaries, on one line.
fn context(text: &str, start: usize, end: usize) -> String {
    let mut a = start.saturating_sub(60);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (end + 60).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    format!(
        "{}[{}]{}",
        &text[a..start],
        &text[start..end],
        &text[end..b]
    )
    .replace('\n', " ")
}

/// Score casefile's time expressions on one TimeML document against its gold TIMEX3s: the
/// counts, and every error (missed, spurious, wrong value).
pub fn score_doc(d: &TimeMlDoc) -> (TimexScore, Vec<TimexError>) {
    let doc = Document {
        published: d.dct.map(DateValue::day),
        ..Document::from_text(d.name.clone(), d.name.clone(), d.text.clone())
    };
    let (pred, _) = crate::timex::find(&doc, None);
    let mut s = TimexScore {
        gold: d.gold.len(),
        predicted: pred.len(),
        ..Default::default()
    };
    let mut errors = Vec::new();
    let overlaps = |p: &Timex, g: &GoldTimex| p.span.start < g.end && g.start < p.span.end;
    for g in &d.gold {
        let hit = pred.iter().find(|p| overlaps(p, g));
        let predicted = hit.and_then(timeml_value);
        let kind = match (hit, &predicted) {
            (None, _) => TimexErrorKind::Missed,
            (Some(_), Some(v)) if *v == g.value => {
                s.matched_gold += 1;
                s.value_correct += 1;
                continue;
            }
            (Some(_), _) => {
                s.matched_gold += 1;
                TimexErrorKind::Value
            }
        };
        errors.push(TimexError {
            kind,
            text: d.text[g.start..g.end].to_string(),
            gold: Some(g.value.clone()),
            predicted,
            context: context(&d.text, g.start, g.end),
        });
    }
    for p in &pred {
        if d.gold.iter().any(|g| overlaps(p, g)) {
            s.matched_pred += 1;
        } else {
            errors.push(TimexError {
                kind: TimexErrorKind::Spurious,
                text: p.text.clone(),
                gold: None,
                predicted: timeml_value(p),
                context: context(&d.text, p.span.start, p.span.end),
            });
        }
    }
    (s, errors)
}

/// Read every `.tml` file in a folder.
pub fn read_dir(dir: &Path) -> Result<Vec<TimeMlDoc>, String> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "tml"))
        // skip hidden files (such as macOS "._" resource forks)
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| !n.starts_with('.'))
        })
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let xml = std::fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?;
        let name = f
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        out.push(parse(&name, &xml).map_err(|e| format!("{}: {e}", f.display()))?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_scores() {
        let xml = r#"<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>Talks resumed <TIMEX3 tid="t1" type="DATE" value="1998-01-08">today</TIMEX3> after <TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3> &amp; more.</TEXT></TimeML>"#;
        let d = parse("x.tml", xml).unwrap();
        assert_eq!(d.dct, NaiveDate::from_ymd_opt(1998, 1, 8));
        assert_eq!(&d.text[d.gold[0].start..d.gold[0].end], "today");
        let (s, _) = score_doc(&d);
        assert_eq!((s.gold, s.matched_gold, s.value_correct), (2, 2, 2));
    }

    /// Found by the `timeml` fuzz target: a closing tag before the opening one.
    #[test]
    fn a_closing_tag_before_the_text_is_not_its_end() {
        assert!(parse("x.tml", "</TEXT> <TEXT>no end").is_err());
        let d = parse("x.tml", "</TEXT><TEXT>words</TEXT>").unwrap();
        assert_eq!(d.text, "words");
    }
}
