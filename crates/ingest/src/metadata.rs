//! Report metadata read off the text: title, outlet, byline and wire, publication date, URL.
//! Each value keeps the span it came from. Lines that carry only metadata (a dateline, a byline,
//! an "Original url:" line) are also returned as boilerplate so that extraction skips them.

use std::sync::OnceLock;

use casefile_model::{Boilerplate, BoilerplateKind, DateValue, MetaField};
use chrono::NaiveDate;
use regex::Regex;

pub use casefile_model::{month_number, MONTHS};

pub use casefile_model::outlets::{for_url as outlet_for_url, WIRES};

/// A regex compiled once, on first use.
pub(crate) fn re(cell: &'static OnceLock<Regex>, pat: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pat).expect("valid regex"))
}

/// A line that is only a date, or dates glued together as scraped pages print them: "April
/// 29, 2021", "Published: 8 February 2021 14:05", "2021-02-08", "November 15, 2018 GMT", "NEWS
/// 31.10.201820:57" (day.month.year glued to a time), "October 19, 2018Updated: October 20,
/// 2018". Of several dates, the publication date is the first one not labelled as an update.
pub fn dateline(line: &str) -> Option<NaiveDate> {
    let line = line.trim();
    if line.len() > 80 {
        return None;
    }
    let parts = labelled_parts(line);
    if parts.len() == 1 {
        return single_date(line);
    }
    let dates: Vec<(bool, NaiveDate)> = parts
        .iter()
        .map(|(update, part)| Some((*update, single_date(part)?)))
        .collect::<Option<_>>()?;
    dates
        .iter()
        .find(|(update, _)| !update)
        .or(dates.first())
        .map(|&(_, d)| d)
}

/// A line cut before each label that starts a date of its own ("Updated:", "Published"), with
/// whether the part is an update.
fn labelled_parts(line: &str) -> Vec<(bool, &str)> {
    static LABEL: OnceLock<Regex> = OnceLock::new();
    let label = re(
        &LABEL,
        r"(?i)(?:last\s+updated|updated|published|posted)\b\s*(?:on)?\s*:?",
    );
    let mut cuts: Vec<usize> = label
        .find_iter(line)
        .map(|m| m.start())
        .filter(|&s| s > 0)
        .collect();
    cuts.insert(0, 0);
    cuts.push(line.len());
    cuts.windows(2)
        .map(|w| {
            let part = line[w[0]..w[1]]
                .trim()
                .trim_end_matches(['|', '·', '•', ',', '-']);
            (part.to_ascii_lowercase().contains("updated"), part.trim())
        })
        .filter(|(_, p)| !p.is_empty())
        .collect()
}

/// One date, with an optional label ("Published:"), weekday, time and zone around it.
fn single_date(line: &str) -> Option<NaiveDate> {
    static MDY: OnceLock<Regex> = OnceLock::new();
    static DMY: OnceLock<Regex> = OnceLock::new();
    static ISO: OnceLock<Regex> = OnceLock::new();
    static NUMERIC_DMY: OnceLock<Regex> = OnceLock::new();
    let prefix = r"(?i)^\s*(?:(?:published|updated|posted|date|last updated)\s*(?:on)?\s*:?\s*)?(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)[a-z]*\.?,?\s+)?";
    let tail = r"(?:\s*(?:[,|·•-]|at)?\s*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?)?\s*(?:[A-Z]{2,5}|UTC[+-]?\d*|GMT[+-]?\d*)?\s*$";
    if let Some(c) = re(
        &MDY,
        &format!(r"{prefix}([A-Za-z]{{3,9}}\.?)\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}}){tail}"),
    )
    .captures(line)
    {
        let m = month_number(&c[1])?;
        return NaiveDate::from_ymd_opt(c[3].parse().ok()?, m, c[2].parse().ok()?);
    }
    if let Some(c) = re(
        &DMY,
        &format!(r"{prefix}(\d{{1,2}})(?:st|nd|rd|th)?\s+([A-Za-z]{{3,9}}\.?),?\s+(\d{{4}}){tail}"),
    )
    .captures(line)
    {
        let m = month_number(&c[2])?;
        return NaiveDate::from_ymd_opt(c[3].parse().ok()?, m, c[1].parse().ok()?);
    }
    if let Some(c) = re(
        &ISO,
        &format!(r"{prefix}(\d{{4}})-(\d{{2}})-(\d{{2}})(?:[T ][\d:.+Z-]*)?\s*$"),
    )
    .captures(line)
    {
        return NaiveDate::from_ymd_opt(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
    }
    // day.month.year, as European pages print it, after a section word in capitals ("NEWS")
    // and with a time that may be glued to the year ("31.10.201820:57")
    if let Some(c) = re(
        &NUMERIC_DMY,
        &format!(r"{prefix}(?-i:[A-Z]{{2,12}}\s+)?(\d{{1,2}})\.(\d{{1,2}})\.(\d{{4}}){tail}"),
    )
    .captures(line)
    {
        return NaiveDate::from_ymd_opt(c[3].parse().ok()?, c[2].parse().ok()?, c[1].parse().ok()?);
    }
    None
}

/// Why a date read off a report's address is not its date, if the text says otherwise: the
/// text speaks of recent days ("this month", "yesterday", a weekday) yet names no year later
/// than two years before the address's, and does not report on the address's weekday ("said
/// Monday"). Such an address is often a republication's.
pub fn url_date_contradicted(d: &DateValue, text: &str) -> Option<String> {
    static YEAR: OnceLock<Regex> = OnceLock::new();
    static RECENT: OnceLock<Regex> = OnceLock::new();
    let url_year: i32 = d.value.get(0..4)?.parse().ok()?;
    let prose: String = text
        .lines()
        .filter(|l| !l.contains("://"))
        .collect::<Vec<_>>()
        .join("\n");
    let latest = re(&YEAR, r"\b((?:19|20)\d{2})\b")
        .captures_iter(&prose)
        .filter_map(|c| c[1].parse::<i32>().ok())
        .max()?;
    let recent = re(
        &RECENT,
        r"(?i)\b(?:this (?:week|month|year)|today|yesterday|last (?:week|month)|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
    );
    if latest + 2 > url_year || !recent.is_match(&prose) {
        return None;
    }
    // the day of its reporting that the text names, when it is the address's day's weekday
    // ("state media reported Monday" under /20200907-, a Monday), bears the address out; the
    // weekday of an act told ("seized on Thursday") does not
    if let Some((day, _)) = d
        .range()
        .filter(|_| d.precision == casefile_model::Precision::Day)
    {
        static REPORTED: OnceLock<Regex> = OnceLock::new();
        let weekday = format!("{:?}", chrono::Datelike::weekday(&day)).to_lowercase();
        let reported = re(
            &REPORTED,
            r"(?i)\b(?:said|reported|announced|stated|told\s+\w+)\s+(?:on\s+)?(mon|tues|wednes|thurs|fri|satur|sun)day\b",
        );
        if reported
            .captures_iter(&prose)
            .any(|c| c[1].to_lowercase().starts_with(&weekday[..3]))
        {
            return None;
        }
    }
    Some(format!(
        "the address carries the date {}, but the text speaks of recent days and names no year after {latest}: the address may be a republication's, so the report's date is read from its text instead",
        d.value
    ))
}

/// A date inside a URL path: `/2021/04/29/`, `/2021-04-29-`, `/20200907-` (a path segment
/// that begins with the day written whole), or `/2021/04/` (month).
pub fn url_date(url: &str) -> Option<DateValue> {
    static D: OnceLock<Regex> = OnceLock::new();
    static C: OnceLock<Regex> = OnceLock::new();
    static M: OnceLock<Regex> = OnceLock::new();
    let day = re(&D, r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:[/-]|$)")
        .captures(url)
        .or_else(|| re(&C, r"/((?:19|20)\d{2})(\d{2})(\d{2})[-_/]").captures(url));
    if let Some(c) = day {
        let d =
            NaiveDate::from_ymd_opt(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)?;
        return Some(DateValue::day(d));
    }
    if let Some(c) = re(&M, r"/((?:19|20)\d{2})/(\d{1,2})/").captures(url) {
        let (y, m): (i32, u32) = (c[1].parse().ok()?, c[2].parse().ok()?);
        if (1..=12).contains(&m) {
            return Some(DateValue::month(y, m));
        }
    }
    None
}

/// What [`read`] found.
#[derive(Default)]
pub struct Found {
    pub title: Option<(String, Option<(usize, usize)>)>,
    pub fields: Vec<MetaField>,
    pub boilerplate: Vec<Boilerplate>,
    pub published: Option<DateValue>,
    pub copyright_year: Option<i32>,
    /// A URL date the text contradicts, not taken, and why.
    pub date_conflict: Option<String>,
}

/// Lines of `text` with their byte offsets.
pub fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut pos = 0;
    text.split('\n').map(move |l| {
        let at = pos;
        pos += l.len() + 1;
        (at, l)
    })
}

/// Trimmed sub-range of a line.
fn trimmed(at: usize, line: &str) -> (usize, usize) {
    let start = at + (line.len() - line.trim_start().len());
    (start, start + line.trim().len())
}

/// What reading a report's lines has found so far, and how text ranges map to original bytes.
struct Reader<'a> {
    f: Found,
    to_original: &'a dyn Fn(usize, usize) -> (usize, usize),
    /// When the page was captured, if a line says so ("Captured: 2024-05-02").
    captured: Option<NaiveDate>,
}

/// A line that says when a page was captured or retrieved, and the date it gives.
pub fn capture_line(line: &str) -> Option<NaiveDate> {
    static CAPTURED: OnceLock<Regex> = OnceLock::new();
    let c = re(
        &CAPTURED,
        r"(?i)^\s*(?:captured|retrieved|accessed|archived|saved)(?:\s+(?:on|at))?\s*:?\s*(.+?)\s*$",
    )
    .captures(line.trim())?;
    let rest = c.get(1)?.as_str();
    single_date(rest).or_else(|| single_date(rest.get(..10)?))
}

/// A dateline relative to the moment the page was read ("2 hours ago", "Posted 3 days ago"):
/// its offset in days.
pub fn relative_dateline(line: &str) -> Option<i64> {
    static AGO: OnceLock<Regex> = OnceLock::new();
    let c = re(
        &AGO,
        r"(?i)^\s*(?:(?:published|posted|updated)\s*:?\s*)?(\d+|an?|one)\s+(minutes?|hours?|days?|weeks?)\s+ago\s*$",
    )
    .captures(line.trim())?;
    let n: i64 = match c[1].to_ascii_lowercase().as_str() {
        "a" | "an" | "one" => 1,
        d => d.parse().ok()?,
    };
    Some(match c[2].to_ascii_lowercase().chars().next()? {
        'd' => n,
        'w' => 7 * n,
        // minutes and hours: the day of the capture
        _ => 0,
    })
}

impl Reader<'_> {
    fn field(&mut self, name: &str, value: String, (s, e): (usize, usize)) {
        self.f.fields.push(MetaField {
            field: name.into(),
            value,
            span: Some((s, e)),
            original: (self.to_original)(s, e),
        });
    }
    /// The report's date, from `text` at `span`, unless a line above gave one.
    fn publish(&mut self, d: NaiveDate, text: &str, span: (usize, usize)) {
        if self.f.published.is_none() {
            self.f.published = Some(DateValue::day(d));
            self.field("published", text.to_string(), span);
        }
    }
    fn boilerplate(&mut self, kind: BoilerplateKind, (start, end): (usize, usize)) {
        self.f.boilerplate.push(Boilerplate { kind, start, end });
    }

    /// "Civic Defence Network, 12 March 2024": an issuer and a date.
    fn issuer_dateline(&mut self, at: usize, line: &str) -> bool {
        let t = line.trim();
        let Some((who, rest)) = t.split_once(", ") else {
            return false;
        };
        let words = who.split_whitespace().count();
        if !(1..=6).contains(&words)
            || !who.chars().next().is_some_and(char::is_uppercase)
            || who.contains(['.', '"', '“'])
        {
            return false;
        }
        let Some(d) = dateline(rest) else {
            return false;
        };
        let (s, e) = trimmed(at, line);
        self.publish(d, rest, (s + who.len() + 2, e));
        // the issuer is a name, its words capitalised ("Civic Defence Network", "Committee for
        // the Prevention of Torture"); "Public statement" or "Testimony collected by Viasna"
        // says what the report is, not who issued it
        const SMALL: &[&str] = &["of", "for", "the", "and", "on", "in", "against", "de", "du"];
        let a_name = who
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(|c| !c.is_lowercase()) || SMALL.contains(&w));
        if a_name {
            self.field("outlet", who.to_string(), (s, s + who.len()));
        }
        self.boilerplate(BoilerplateKind::Dateline, (s, e));
        true
    }

    /// A line that is only a date.
    fn dateline(&mut self, at: usize, line: &str) -> bool {
        let t = line.trim();
        let Some(d) = dateline(t) else {
            return false;
        };
        self.publish(d, t, trimmed(at, line));
        self.boilerplate(BoilerplateKind::Dateline, trimmed(at, line));
        true
    }

    /// "2 hours ago", read against the capture time; without one, the report stays undated and
    /// says why.
    fn relative_dateline(&mut self, at: usize, line: &str) -> bool {
        let Some(days) = relative_dateline(line) else {
            return false;
        };
        let t = line.trim();
        match self.captured {
            Some(c) if self.f.published.is_none() => {
                self.publish(c - chrono::Duration::days(days), t, trimmed(at, line));
            }
            Some(_) => {}
            None => {
                self.f.date_conflict.get_or_insert_with(|| {
                    format!("the report is dated “{t}”, relative to when it was read, but no capture time is known: it is left undated")
                });
            }
        }
        self.boilerplate(BoilerplateKind::Dateline, trimmed(at, line));
        true
    }

    /// "By Lena Fischer", "By AFP".
    fn byline(&mut self, at: usize, line: &str) -> bool {
        static BYLINE: OnceLock<Regex> = OnceLock::new();
        let byline = re(&BYLINE, r"^\s*(?i:by|from)\s+(.{2,80}?)\s*$");
        let Some(c) = byline.captures(line.trim()) else {
            return false;
        };
        let who = c[1].trim().trim_end_matches('.').to_string();
        let (s, e) = trimmed(at, line);
        // the name's own bytes: the group may begin with a space the regex gave it
        let lead = c[1].len() - c[1].trim_start().len();
        let vs = s + c.get(1).expect("group").start() + lead;
        if in_wires(&who) {
            self.field("wire", who.clone(), (vs, vs + who.len()));
        } else if who.split_whitespace().count() <= 6 {
            self.field("byline", who.clone(), (vs, vs + who.len()));
        }
        self.boilerplate(BoilerplateKind::Byline, (s, e));
        true
    }

    /// "BERLIN, August 24, 2019 — A man was …": a place and a date opening the first paragraph,
    /// then a dash, or a line of its own ("BAKU, March 12, 2025 (Reuters)"), with or without a
    /// wire's tag after the date, or the two in brackets ("(Beirut, June 2, 2022) – Security
    /// forces …"), or the date alone ("GENEVA (14 January 2020) – UN experts …"): the day the
    /// report was filed. The place and the date are no part of the
    /// story (boilerplate); the paragraph after the dash is.
    fn opening_dateline(&mut self, at: usize, line: &str) -> bool {
        static OPENING: OnceLock<Regex> = OnceLock::new();
        let opening = re(
            &OPENING,
            r"^(\()?[A-Z][A-Za-z.'-]+(?: [A-Z][A-Za-z.'-]+){0,3}(?:, [A-Z][A-Za-z.'-]+(?: [A-Z][A-Za-z.'-]+){0,2})?(?:,\s+|\s+(\())([^,—–()]{3,20},?\s+\d{4})(\))?\s*(?:\(([^()]{2,30})\)\s*)?(?:([—–]|--?)\s+\S|$)",
        );
        let (s, _) = trimmed(at, line);
        // a bracket opened before the place, or before the date, closes after the date
        let Some(c) = opening.captures(line.trim()).filter(|c| {
            c.get(1).is_some() as u8 + c.get(2).is_some() as u8 == c.get(4).is_some() as u8
        }) else {
            return false;
        };
        let Some(d) = single_date(&c[3]) else {
            return false;
        };
        let m = c.get(3).expect("group");
        self.publish(d, m.as_str(), (s + m.start(), s + m.end()));
        if let Some(w) = c.get(5).filter(|w| in_wires(w.as_str().trim())) {
            self.field(
                "wire",
                w.as_str().trim().to_string(),
                (s + w.start(), s + w.end()),
            );
        }
        // up to the dash, or the whole line
        let end = c.get(6).map_or(line.trim().len(), |d| d.end());
        self.boilerplate(BoilerplateKind::Dateline, (s, s + end));
        true
    }

    /// "MOSCOW (AFP) —", "(CNN) —": the wire a report is credited to. Whether the line opens
    /// with such a tag, or with a place alone in brackets ("(Berlin) –").
    fn wire_tag(&mut self, at: usize, line: &str) -> bool {
        let Some(c) = wire_tag_of(line) else {
            return false;
        };
        let w = c[1].trim();
        // a place alone in brackets opening the first paragraph ("(Berlin) – An Uzbek court
        // sentenced …", as rights groups date their releases): no words of the story
        let whole = c.get(0).expect("match");
        let place_alone = line.trim().starts_with('(') && w.split_whitespace().count() <= 3;
        if !in_wires(w) && place_alone {
            let start = trimmed(at, line).0;
            self.boilerplate(BoilerplateKind::Dateline, (start, start + whole.end()));
            return true;
        }
        if in_wires(w) {
            let start = trimmed(at, line).0;
            let s = start + c.get(1).expect("group").start();
            self.field("wire", w.to_string(), (s, s + w.len()));
            // the place and the tag, up to the dash, are no words of the story: the sentence
            // after the dash is read without them
            let end = start + c.get(0).expect("match").end();
            self.boilerplate(BoilerplateKind::Dateline, (start, end));
            return true;
        }
        false
    }

    /// A line that holds only a person's name (two to four capitalised words), right above a
    /// line opening with a wire's tag ("Kate Sullivan" above "(CNN) — …"): the byline.
    fn name_above_wire(&mut self, at: usize, line: &str, next: Option<&str>) -> bool {
        let words: Vec<&str> = line.split_whitespace().collect();
        let name = (2..=4).contains(&words.len())
            && words.iter().all(|w| {
                w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars()
                        .all(|c| c.is_alphabetic() || matches!(c, '-' | '.' | '\''))
            });
        let wire_below = next
            .and_then(wire_tag_of)
            .is_some_and(|c| in_wires(c[1].trim()));
        if !(name && wire_below) {
            return false;
        }
        let (s, e) = trimmed(at, line);
        self.field("byline", line.trim().to_string(), (s, e));
        self.boilerplate(BoilerplateKind::Byline, (s, e));
        true
    }

    /// "© 2021 The Moscow Times. All rights reserved.": a year and a holder.
    fn copyright(&mut self, at: usize, line: &str) {
        static COPY: OnceLock<Regex> = OnceLock::new();
        let copyright = re(
            &COPY,
            r"^\s*(?:©|\([cC]\)|Copyright\b)\s*(?:©\s*)?((?:19|20)\d{2})?(?:\s*[-–]\s*(?:19|20)\d{2})?\s*,?\s*(.*?)\s*$",
        );
        let t = line.trim();
        let Some(c) = copyright.captures(t) else {
            return;
        };
        if t.len() > 160 {
            return;
        }
        let (s, e) = trimmed(at, line);
        if let Some(y) = c.get(1) {
            self.f.copyright_year = y.as_str().parse().ok();
            let ys = s + y.start();
            self.field("copyright", y.as_str().to_string(), (ys, ys + y.len()));
        }
        let holder = c.get(2).expect("group");
        let mut name = holder.as_str();
        for tail in [
            "All rights reserved.",
            "All rights reserved",
            "All Rights Reserved.",
        ] {
            name = name.trim_end().trim_end_matches(tail).trim_end();
        }
        let name = name.trim_end_matches(['.', ',']).trim();
        if !name.is_empty() && name.split_whitespace().count() <= 8 {
            let hs = s + holder.start();
            self.field("outlet", name.to_string(), (hs, hs + name.len()));
        }
        self.boilerplate(BoilerplateKind::Copyright, (s, e));
    }

    /// The report's address, and what it tells: the outlet, and the date when none was read,
    /// unless the text contradicts it (see [`url_date_contradicted`]).
    fn url(&mut self, u: String, span: (usize, usize), text: &str) {
        self.field("url", u.clone(), span);
        if let Some(o) = outlet_for_url(&u) {
            self.field("outlet", o, span);
        }
        if self.f.published.is_some() {
            return;
        }
        let Some(d) = url_date(&u) else { return };
        if let Some(why) = url_date_contradicted(&d, text) {
            self.f.date_conflict = Some(why);
            return;
        }
        self.f.published = Some(d.clone());
        self.field("published", d.value, span);
    }
}

/// Whether `name` is one of the wire services of [`WIRES`], in any case.
fn in_wires(name: &str) -> bool {
    WIRES.iter().any(|w| w.eq_ignore_ascii_case(name))
}

/// The wire tag a line opens with ("MOSCOW (AFP) —", "(CNN) —"): its capture 1 is the wire.
fn wire_tag_of(line: &str) -> Option<regex::Captures<'_>> {
    static WIRE_TAG: OnceLock<Regex> = OnceLock::new();
    let wire_tag = re(
        &WIRE_TAG,
        r"^(?:[A-Z][A-Za-z0-9 .,'-]{1,40}\s*)?\(([A-Z][A-Za-z ]{1,20})\)\s*[-—–]",
    );
    wire_tag.captures(line.trim())
}

/// Read metadata from normalised text. `to_original` maps a text range to original bytes.
/// Lines near the top may be a dateline, a byline or a wire tag; any line may be a URL (near
/// the top or end, or after a label) or a copyright; the title is the first head line that reads
/// like a headline.
pub fn read(text: &str, to_original: &dyn Fn(usize, usize) -> (usize, usize)) -> Found {
    static URLLINE: OnceLock<Regex> = OnceLock::new();
    static LABEL: OnceLock<Regex> = OnceLock::new();
    let url_line = re(
        &URLLINE,
        r"^\s*(?i:(?:original\s+url|source|url|link|read online|published at)\s*:?\s*)?<?(https?://[^\s<>]+)>?\s*$",
    );
    let label = re(
        &LABEL,
        r"^\s*(?i:original\s+url|source|url|link|read online)\s*:\s*$",
    );
    let all: Vec<(usize, &str)> = lines(text).collect();
    let mut r = Reader {
        f: Found::default(),
        to_original,
        captured: all.iter().find_map(|(_, l)| capture_line(l)),
    };
    let nonempty: Vec<usize> = (0..all.len())
        .filter(|&i| !all[i].1.trim().is_empty())
        .collect();
    let head: Vec<usize> = nonempty.iter().copied().take(8).collect();
    let mut prev_label = false;
    let mut url: Option<(String, (usize, usize))> = None;
    for (idx, &(at, line)) in all.iter().enumerate() {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        let near_top = head.contains(&idx);
        let near_end = nonempty.iter().rev().take(6).any(|&i| i == idx);
        if label.is_match(t) {
            r.boilerplate(BoilerplateKind::SourceUrl, trimmed(at, line));
            prev_label = true;
            continue;
        }
        if let Some(c) = url_line.captures(t) {
            if url.is_none() && (prev_label || near_top || near_end || t.len() != c[1].len()) {
                let m = c.get(1).expect("group");
                let start = at + (line.len() - line.trim_start().len()) + m.start();
                url = Some((m.as_str().to_string(), (start, start + m.len())));
                r.boilerplate(BoilerplateKind::SourceUrl, trimmed(at, line));
            }
            prev_label = false;
            continue;
        }
        prev_label = false;
        if near_top {
            let next = all[idx + 1..]
                .iter()
                .map(|(_, l)| *l)
                .find(|l| !l.trim().is_empty());
            if r.issuer_dateline(at, line)
                || r.dateline(at, line)
                || r.relative_dateline(at, line)
                || r.byline(at, line)
                || r.name_above_wire(at, line, next)
            {
                continue;
            }
            if !r.opening_dateline(at, line) {
                r.wire_tag(at, line);
            }
        }
        r.copyright(at, line);
    }
    if let Some((u, span)) = url {
        r.url(u, span, text);
    }
    let mut f = r.f;
    // Title: the first line of the head that reads like a headline.
    for &idx in &head {
        let (at, line) = all[idx];
        let t = line.trim();
        let (s, e) = trimmed(at, line);
        if f.boilerplate.iter().any(|b| b.start <= s && e <= b.end) {
            continue;
        }
        if looks_like_headline(t) {
            f.title = Some((t.to_string(), Some((s, e))));
        }
        break;
    }
    f
}

/// A short line of several words that does not end like a sentence.
pub fn looks_like_headline(t: &str) -> bool {
    let words = t.split_whitespace().count();
    (3..=30).contains(&words)
        && t.len() <= 200
        && !t.ends_with(['.', ',', ';', ':'])
        && t.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"'“‘«".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines() {
        assert_eq!(
            dateline("April 29, 2021"),
            NaiveDate::from_ymd_opt(2021, 4, 29)
        );
        assert_eq!(
            dateline("February 08, 2021"),
            NaiveDate::from_ymd_opt(2021, 2, 8)
        );
        assert_eq!(
            dateline("Published: Monday, 8 February 2021 14:05 GMT"),
            NaiveDate::from_ymd_opt(2021, 2, 8)
        );
        assert_eq!(
            dateline("2021-02-08T10:00:00Z"),
            NaiveDate::from_ymd_opt(2021, 2, 8)
        );
        assert_eq!(
            dateline("Sept. 3, 2019"),
            NaiveDate::from_ymd_opt(2019, 9, 3)
        );
        assert_eq!(dateline("The men were seized on April 29, 2021"), None);
    }

    /// Datelines as scraped pages really print them, and lines that only look like one.
    #[test]
    fn datelines_as_pages_print_them() {
        type Ymd = Option<(i32, u32, u32)>;
        let cases: &[(&str, Ymd)] = &[
            (
                "October 19, 2018Updated: October 20, 2018",
                Some((2018, 10, 19)),
            ),
            (
                "Updated: October 20, 2018 | Published: October 19, 2018",
                Some((2018, 10, 19)),
            ),
            ("NEWS 31.10.201820:57", Some((2018, 10, 31))),
            ("31.10.2018 20:57", Some((2018, 10, 31))),
            ("November 15, 2018 GMT", Some((2018, 11, 15))),
            (
                "Posted: Tuesday, 9 October 2018 at 10:35 a.m.",
                Some((2018, 10, 9)),
            ),
            ("Posted Updated", None),
            ("31.10.2018 was a day to remember", None),
            ("October 19, 2018Updated: soon", None),
            ("news 31.13.2018", None),
        ];
        for (line, want) in cases {
            let want = want.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d));
            assert_eq!(dateline(line), want, "{line}");
        }
    }

    /// A dateline relative to when the page was read is dated from its capture time.
    #[test]
    fn relative_datelines_need_a_capture_time() {
        assert_eq!(relative_dateline("2 hours ago"), Some(0));
        assert_eq!(relative_dateline("Posted 3 days ago"), Some(3));
        assert_eq!(relative_dateline("a week ago"), Some(7));
        assert_eq!(
            relative_dateline("Three days ago police arrested him."),
            None
        );
        assert_eq!(
            capture_line("Captured: 2024-05-02T10:31:00Z"),
            NaiveDate::from_ymd_opt(2024, 5, 2)
        );
        let with = "Story title of some length\n\n3 days ago\n\nPolice detained him.\n\nCaptured: May 2, 2024\n";
        let f = read(with, &|a, b| (a, b));
        assert_eq!(f.published.unwrap().value, "2024-04-29");
        let without = "Story title of some length\n\n3 days ago\n\nPolice detained him.\n";
        let f = read(without, &|a, b| (a, b));
        assert!(f.published.is_none());
        assert!(f.date_conflict.unwrap().contains("no capture time"));
    }

    /// An address's date is not taken when the text speaks of recent days years before it.
    #[test]
    fn an_address_that_contradicts_the_text() {
        let url_2024 = DateValue::day(NaiveDate::from_ymd_opt(2024, 5, 2).unwrap());
        let of_2021 = "Two men were seized on Thursday. In February 2021 they were returned.";
        let why = url_date_contradicted(&url_2024, of_2021).expect("flagged");
        assert!(why.contains("2024-05-02") && why.contains("2021"), "{why}");
        // the same text under a 2021 address, or a retrospective without recent days: no flag
        let url_2021 = DateValue::day(NaiveDate::from_ymd_opt(2021, 2, 8).unwrap());
        assert_eq!(url_date_contradicted(&url_2021, of_2021), None);
        let retrospective = "In February 2021 two men were returned to Chechnya.";
        assert_eq!(url_date_contradicted(&url_2024, retrospective), None);
        // the day of its reporting, when it is the address's day's weekday (2 May 2024 was a
        // Thursday), bears the address out; the weekday of an act told (above) does not
        let reported = "State media reported Thursday that the court ruled. He was killed in 2021.";
        assert_eq!(url_date_contradicted(&url_2024, reported), None);
        // read end to end: the report stays undated, with the reason in its notes
        let text =
            format!("Title of a story here\n\n{of_2021}\n\nhttps://example.com/2024/05/02/story\n");
        let f = read(&text, &|a, b| (a, b));
        assert!(f.published.is_none());
        assert!(f.date_conflict.is_some());
    }

    /// A byline's span is its name's bytes, whatever spaces come before it (found by the
    /// metadata fuzz target: "By  〓" gave a span that cut the character in two).
    #[test]
    fn a_byline_span_is_the_name() {
        for text in [
            "Title\n\nBy  〓  \n\nText.",
            "Title\n\nBy   Lena Fischer\n\nText.",
        ] {
            let f = read(text, &|a, b| (a, b));
            let by = f
                .fields
                .iter()
                .find(|x| x.field == "byline")
                .expect("a byline");
            let (s, e) = by.span.expect("a span");
            assert_eq!(&text[s..e], by.value, "{text:?}");
        }
    }

    /// A line holding only a name, right above a line opening with a wire's tag, is the byline;
    /// the tag gives the wire, with or without a place before it. A name line above body text
    /// is not a byline.
    #[test]
    fn an_issuer_and_a_date() {
        for (text, outlet) in [
            ("Title line here\n\nCivic Defence Network, 12 March 2024\n\nText.", Some("Civic Defence Network")),
            ("Title line here\n\nCommittee for the Prevention of Torture, 12 March 2024\n\nText.", Some("Committee for the Prevention of Torture")),
            ("Title line here\n\nPublic statement, 12 March 2024\n\nText.", None),
            ("Title line here\n\nTestimony collected by Viasna, 12 March 2024\n\nText.", None),
        ] {
            let f = read(text, &|s, e| (s, e));
            assert_eq!(f.published.map(|d| d.value).as_deref(), Some("2024-03-12"), "{text}");
            let got = f.fields.iter().find(|x| x.field == "outlet").map(|x| x.value.as_str());
            assert_eq!(got, outlet, "{text}");
        }
    }

    #[test]
    fn a_place_and_a_date_opening_the_story() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                "Title line here\n\nBERLIN, August 24, 2019 — A man was shot dead.",
                Some("2019-08-24"),
            ),
            (
                "Title line here\n\nGeneva, 3 March 2020 – The council met.",
                Some("2020-03-03"),
            ),
            (
                "Title line here\n\nKYIV, Ukraine, May 5, 2022 -- Shelling went on.",
                Some("2022-05-05"),
            ),
            // a line of its own, with a wire's tag or without
            (
                "Title line here\n\nBAKU, March 12, 2025 (Reuters)\n\nA court sentenced him.",
                Some("2025-03-12"),
            ),
            (
                "Title line here\n\nNairobi, 26 June 2024 (AFP) — Police shot two men.",
                Some("2024-06-26"),
            ),
            (
                "Title line here\n\nDhaka, 14 August 2024\n\nThe family says he is missing.",
                Some("2024-08-14"),
            ),
            // in brackets, as rights groups print it; a bracket left open is none
            (
                "Title line here\n\n(Beirut, June 2, 2022) – Security forces arrested him.",
                Some("2022-06-02"),
            ),
            (
                "Title line here\n\n(Beirut, June 2, 2022 – Security forces arrested him.",
                None,
            ),
            (
                "Title line here\n\nGENEVA (14 January 2020) – UN experts expressed alarm.",
                Some("2020-01-14"),
            ),
            (
                "Title line here\n\nGENEVA (14 January 2020 – UN experts expressed alarm.",
                None,
            ),
            // a sentence that only starts with a name and a date is no dateline
            (
                "Title line here\n\nOn Monday, August 24, 2019 the court met.",
                None,
            ),
            (
                "Title line here\n\nBERLIN, in August 2019 — a man was shot.",
                None,
            ),
        ];
        for (text, want) in cases {
            let f = read(text, &|s, e| (s, e));
            assert_eq!(f.published.map(|d| d.value).as_deref(), *want, "{text}");
            if want.is_some() {
                let b = &f.boilerplate[0];
                let dateline = &text[b.start..b.end];
                assert!(
                    dateline.ends_with(['—', '–', '-', ')'])
                        || dateline.ends_with(char::is_numeric),
                    "{text}: {dateline}"
                );
                assert!(
                    !dateline.contains('\n') && !dateline.ends_with(' '),
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn a_name_above_a_wire_tag_is_the_byline() {
        for (text, byline, wire) in [
            (
                "Title of the story\n\nKate Sullivan\n(CNN) — The journalist vanished.",
                Some("Kate Sullivan"),
                Some("CNN"),
            ),
            (
                "Title of the story\n\nMOSCOW (AFP) — The journalist vanished.",
                None,
                Some("AFP"),
            ),
            (
                "Title of the story\n\nKate Sullivan\nThe journalist vanished on Monday.",
                None,
                None,
            ),
        ] {
            let f = read(text, &|a, b| (a, b));
            let value = |field: &str| {
                f.fields
                    .iter()
                    .find(|x| x.field == field)
                    .map(|x| x.value.as_str())
            };
            assert_eq!(value("byline"), byline, "{text:?}");
            assert_eq!(value("wire"), wire, "{text:?}");
        }
    }

    /// A wire's tag that opens the first paragraph, with the place before it ("BEIJING (Reuters)
    /// -", "DUBAI, United Arab Emirates (AP) —") or alone ("(CNN) —"), or a place alone in
    /// brackets ("(Berlin) –"), is boilerplate up to the dash: the story starts after it.
    #[test]
    fn a_wire_tag_is_no_part_of_the_story() {
        for (text, tag) in [
            (
                "Title of the story\n\nBEIJING (Reuters) - A court jailed him.",
                "BEIJING (Reuters) -",
            ),
            (
                "Title of the story\n\nDUBAI, United Arab Emirates (AP) — A court jailed him.",
                "DUBAI, United Arab Emirates (AP) —",
            ),
            (
                "Title of the story\n\n(CNN) — A court jailed him.",
                "(CNN) —",
            ),
            // with a day of the month and no year between the place and the tag
            (
                "Title of the story\n\nBEIJING, Jan 16 (Reuters) - China's foreign ministry rejected calls.",
                "BEIJING, Jan 16 (Reuters) -",
            ),
            // a place alone in brackets, as rights groups date their releases
            (
                "Title of the story\n\n(Berlin) – An Uzbek court sentenced the journalist.",
                "(Berlin) –",
            ),
        ] {
            let f = read(text, &|a, b| (a, b));
            let dateline = f
                .boilerplate
                .iter()
                .find(|b| b.kind == BoilerplateKind::Dateline)
                .map(|b| &text[b.start..b.end]);
            assert_eq!(dateline, Some(tag), "{text:?}");
        }
    }

    #[test]
    fn urls() {
        assert_eq!(
            url_date("https://news.example.com/2021/04/29/some-story-a1")
                .unwrap()
                .value,
            "2021-04-29"
        );
        assert_eq!(
            url_date("https://example.com/world/2020/06/story")
                .unwrap()
                .value,
            "2020-06"
        );
        assert_eq!(
            url_date("https://www.example.com/en/20200907-court-sentences-eight")
                .unwrap()
                .value,
            "2020-09-07"
        );
        // an article number is no date, nor are eight digits that make no day
        for u in [
            "https://example.org/amp/story/31674668.html",
            "https://example.org/news/20201340-story",
            "https://example.org/news/2020090712-story",
        ] {
            assert!(url_date(u).is_none(), "{u}");
        }
    }

    #[test]
    fn reads_header_and_footer() {
        let text = "\nTwo Activists Detained in Port Aster – Rights Group\n\nBy AFP\n\nMarch 3, 2024\n\nBody text here.\n\n© 2024 The Harbour Post. All rights reserved.\n\nOriginal url:\n\nhttps://harbourpost.example/2024/03/03/two-activists\n";
        let f = read(text, &|a, b| (a, b));
        assert_eq!(
            f.title.as_ref().unwrap().0,
            "Two Activists Detained in Port Aster – Rights Group"
        );
        assert_eq!(f.published.as_ref().unwrap().value, "2024-03-03");
        let get = |n: &str| {
            f.fields
                .iter()
                .filter(|m| m.field == n)
                .map(|m| m.value.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(get("wire"), vec!["AFP"]);
        assert_eq!(get("outlet")[0], "The Harbour Post");
        assert_eq!(
            get("url"),
            vec!["https://harbourpost.example/2024/03/03/two-activists"]
        );
        assert_eq!(f.copyright_year, Some(2024));
        for m in &f.fields {
            let (s, e) = m.span.unwrap();
            assert!(
                text[s..e].contains(m.value.as_str()) || m.field == "published",
                "{:?}",
                m
            );
        }
    }
}
