//! Time expressions: found in running text, normalised to ISO values with a precision,
//! relative ones resolved against the report's publication date.
//!
//! A report with no date of its own gets bounds: no earlier than the latest full date it
//! mentions (it reports those as past), within its copyright year if it has one. Relative
//! expressions in such a report keep a window resolved from both ends of those bounds.

use std::sync::OnceLock;

use casefile_model::{month_number, DateBounds, DateValue, Document, Precision, Timex};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::{Captures, Regex};

const MONTH: &str = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)";
const WEEKDAY: &str = r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const NUMBER: &str = r"(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|several|a few|few)";

/// How an expression is to be resolved.
#[derive(Debug, Clone)]
enum Rel {
    Abs(DateValue),
    /// Month and day without a year; optional hour.
    MonthDay(u32, u32, Option<u32>),
    /// A month without a year: offset -1 "last", 0 "this"/bare, +1 "next".
    Month(u32, i32),
    /// A season without a year ("last summer"), with the same offsets.
    Season(&'static str, i32),
    /// A weekday: -1 "last", 0 bare (most recent, on or before), +1 "next".
    Weekday(Weekday, i32),
    /// "last week", "this month", "next year": unit and offset.
    Unit(char, i32),
    /// "three days ago"
    Ago(char, i64),
    /// A month relative to a year offset: "June last year".
    MonthOfYear(u32, i32),
    SeasonOfYear(&'static str, i32),
    Today(i64),
    /// A part of a day: offset in days and the TimeML code (MO, AF, EV, NI).
    PartOfDay(i64, &'static str),
}

fn weekday(s: &str) -> Option<Weekday> {
    Some(match s.to_ascii_lowercase().get(0..3)? {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        "sun" => Weekday::Sun,
        _ => return None,
    })
}

fn number(s: &str) -> Option<i64> {
    let s = s.to_ascii_lowercase();
    if let Ok(n) = s.parse() {
        return Some(n);
    }
    Some(match s.as_str() {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "fifteen" => 15,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "a few" | "few" | "several" | "some" | "many" => -1,
        _ => return None,
    })
}

fn season_code(s: &str) -> &'static str {
    match s.to_ascii_lowercase().as_str() {
        "winter" => "WI",
        "spring" => "SP",
        "summer" => "SU",
        _ => "FA",
    }
}

fn hour(h: &str, ampm: &str) -> Option<u32> {
    let mut h: u32 = h.parse().ok()?;
    let pm = ampm.to_ascii_lowercase().starts_with('p');
    if pm && h < 12 {
        h += 12;
    }
    if !pm && h == 12 {
        h = 0;
    }
    (h < 24).then_some(h)
}

fn add_months(y: i32, m: u32, k: i32) -> (i32, u32) {
    let idx = y * 12 + m as i32 - 1 + k;
    (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u32)
}

/// Resolve a relative expression against a reference day.
fn resolve(rel: &Rel, r: NaiveDate) -> Option<DateValue> {
    Some(match *rel {
        Rel::Abs(ref v) => v.clone(),
        Rel::MonthDay(m, d, h) => {
            // the nearest such day to the reference (reports name recent and coming dates)
            let date = [r.year() - 1, r.year(), r.year() + 1]
                .iter()
                .filter_map(|&y| NaiveDate::from_ymd_opt(y, m, d))
                .min_by_key(|x| ((*x - r).num_days().abs(), *x > r))?;
            match h {
                Some(h) => DateValue::hour(date, h),
                None => DateValue::day(date),
            }
        }
        Rel::Month(m, off) => {
            let y = match off {
                -1 => {
                    if m < r.month() {
                        r.year()
                    } else {
                        r.year() - 1
                    }
                }
                1 => {
                    if m > r.month() {
                        r.year()
                    } else {
                        r.year() + 1
                    }
                }
                2 => r.year(),
                _ => {
                    // the nearest such month (a tie goes to the past)
                    let back = (r.month() as i32 - m as i32).rem_euclid(12);
                    if back <= 6 {
                        if m <= r.month() {
                            r.year()
                        } else {
                            r.year() - 1
                        }
                    } else if m > r.month() {
                        r.year()
                    } else {
                        r.year() + 1
                    }
                }
            };
            DateValue::month(y, m)
        }
        Rel::Season(code, off) => {
            // the most recent such season that has ended (last), or the one containing/next
            let mut y = r.year();
            let candidate = |y: i32| DateValue::season(y, code);
            let (_, end) = candidate(y).range()?;
            let (start, _) = candidate(y).range()?;
            let ended = end < r;
            let contains = start <= r && r <= end;
            if (off < 0 && !ended) || (off == 0 && !contains && !ended) {
                y -= 1;
            }
            if off == 2 {
                y = r.year();
            }
            if off > 0 && start <= r {
                y += 1;
            }
            candidate(y)
        }
        Rel::Weekday(wd, off) => {
            let back = (r.weekday().num_days_from_monday() as i64
                - wd.num_days_from_monday() as i64)
                .rem_euclid(7);
            let d = match off {
                -1 => r - Duration::days(if back == 0 { 7 } else { back }),
                1 => r + Duration::days((7 - back) % 7 + if back == 0 { 7 } else { 0 }),
                _ => r - Duration::days(back),
            };
            DateValue::day(d)
        }
        Rel::Unit(u, off) => match u {
            'D' => DateValue::day(r + Duration::days(off as i64)),
            'W' => DateValue::week(r + Duration::days(7 * off as i64)),
            'M' => {
                let (y, m) = add_months(r.year(), r.month(), off);
                DateValue::month(y, m)
            }
            _ => DateValue::year(r.year() + off),
        },
        Rel::Ago(u, n) => match u {
            'D' => DateValue::day(r - Duration::days(n)),
            'W' => DateValue::week(r - Duration::days(7 * n)),
            'M' => {
                let (y, m) = add_months(r.year(), r.month(), -(n as i32));
                DateValue::month(y, m)
            }
            _ => DateValue::year(r.year() - n as i32),
        },
        Rel::MonthOfYear(m, off) => DateValue::month(r.year() + off % 2, m),
        Rel::SeasonOfYear(code, off) => DateValue::season(r.year() + off % 2, code),
        Rel::Today(off) => DateValue::day(r + Duration::days(off)),
        Rel::PartOfDay(off, code) => DateValue {
            value: format!("{}T{code}", (r + Duration::days(off)).format("%Y-%m-%d")),
            precision: Precision::Hour,
        },
    })
}

struct Found {
    start: usize,
    end: usize,
    rel: Option<Rel>,
    kind: &'static str,
    duration: Option<String>,
    clock: Option<String>,
    special: Option<String>,
}

/// -1 "last", +1 "next", 2 "this" (the same year), 0 otherwise.
fn off_word(w: &str) -> i32 {
    match w.to_ascii_lowercase().as_str() {
        "last" | "past" | "previous" => -1,
        "next" | "coming" => 1,
        "this" => 2,
        _ => 0,
    }
}

/// An optional clock time after a date ("at 3pm", "at 10:30 a.m.").
const TIME: &str = r"(?:\s+at\s+(\d{1,2})(?::(\d{2}))?\s*([ap]\.?m\.?))?";

/// One kind of time expression: its regular expression, the span of a match it covers, and
/// how a match is read. Patterns are tried in the order of [`PATTERNS`]; a match that overlaps
/// one found before is passed over, so the longer, more specific forms come first.
struct Pattern {
    /// What it finds, for people ("month day year").
    name: &'static str,
    source: fn() -> String,
    /// The part of the match that is the expression (the whole match unless said otherwise).
    span: fn(&Captures, &str) -> Option<(usize, usize)>,
    read: fn(&Match) -> Option<Found>,
}

/// A match of a pattern, with the span it covers.
struct Match<'t> {
    c: Captures<'t>,
    text: &'t str,
    start: usize,
    end: usize,
}

impl Match<'_> {
    /// Group `i` of the match, "" when it did not take part.
    fn g(&self, i: usize) -> &str {
        self.c.get(i).map(|x| x.as_str()).unwrap_or("")
    }
    fn date(&self, rel: Option<Rel>, clock: Option<String>) -> Option<Found> {
        Some(Found {
            start: self.start,
            end: self.end,
            rel: Some(rel?),
            kind: "date",
            duration: None,
            clock,
            special: None,
        })
    }
    fn duration(&self, iso: String) -> Option<Found> {
        Some(Found {
            start: self.start,
            end: self.end,
            rel: None,
            kind: "duration",
            duration: Some(iso),
            clock: None,
            special: None,
        })
    }
    fn special(&self, value: String) -> Option<Found> {
        Some(Found {
            start: self.start,
            end: self.end,
            rel: None,
            kind: "date",
            duration: None,
            clock: None,
            special: Some(value),
        })
    }
}

fn whole(c: &Captures, _: &str) -> Option<(usize, usize)> {
    let m = c.get(0)?;
    Some((m.start(), m.end()))
}

/// The hour and the clock time of groups `h`, `h + 1` (minutes) and `h + 2` (am/pm).
fn clock_of(m: &Match, h: usize) -> (Option<u32>, Option<String>) {
    if m.g(h).is_empty() {
        return (None, None);
    }
    let hr = hour(m.g(h), m.g(h + 2));
    let clock = hr.map(|hr| {
        let min = if m.g(h + 1).is_empty() {
            "00"
        } else {
            m.g(h + 1)
        };
        format!("{hr:02}:{min}")
    });
    (hr, clock)
}

/// An ISO duration of `n` units, the unit's word given ("days", "minute"): P3D, PT2H.
fn iso_duration(n: &str, unit: &str) -> String {
    let u = unit.to_ascii_lowercase();
    match u.chars().next() {
        Some('h') => format!("PT{n}H"),
        Some('m') if !u.starts_with("mo") => format!("PT{n}M"),
        Some(c) => format!("P{n}{}", c.to_ascii_uppercase()),
        None => format!("P{n}Y"),
    }
}

/// A count as an ISO duration writes it: "X" for "several".
fn count(n: i64) -> String {
    if n < 0 {
        "X".to_string()
    } else {
        n.to_string()
    }
}

const PATTERNS: &[Pattern] = &[
    Pattern {
        name: "month day year",
        source: || {
            format!(
                r"\b(?:{WEEKDAY},?\s+)?{MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}}){TIME}"
            )
        },
        span: whole,
        read: |m| {
            let (mo, d, y) = (
                month_number(m.g(2)),
                m.g(3).parse().ok(),
                m.g(4).parse().ok(),
            );
            let date = NaiveDate::from_ymd_opt(y.unwrap_or(0), mo.unwrap_or(0), d.unwrap_or(0));
            let (h, clock) = clock_of(m, 5);
            let rel = date.map(|d| {
                Rel::Abs(match h {
                    Some(h) => DateValue::hour(d, h),
                    None => DateValue::day(d),
                })
            });
            m.date(rel, clock)
        },
    },
    Pattern {
        name: "day month year",
        source: || {
            format!(
                r"\b(?:{WEEKDAY},?\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH},?\s+(\d{{4}})"
            )
        },
        span: whole,
        read: |m| {
            let date = NaiveDate::from_ymd_opt(
                m.g(4).parse().unwrap_or(0),
                month_number(m.g(3)).unwrap_or(0),
                m.g(2).parse().unwrap_or(0),
            );
            m.date(date.map(|d| Rel::Abs(DateValue::day(d))), None)
        },
    },
    Pattern {
        name: "ISO date",
        source: || r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b".into(),
        span: whole,
        read: |m| {
            let date = NaiveDate::from_ymd_opt(
                m.g(1).parse().unwrap_or(0),
                m.g(2).parse().unwrap_or(0),
                m.g(3).parse().unwrap_or(0),
            );
            m.date(date.map(|d| Rel::Abs(DateValue::day(d))), None)
        },
    },
    Pattern {
        name: "month of a relative year (June last year)",
        source: || format!(r"(?i)\b{MONTH}\s+(last|this|next)\s+year\b"),
        span: whole,
        read: |m| {
            let rel = Rel::MonthOfYear(month_number(m.g(1)).unwrap_or(1), off_word(m.g(2)));
            m.date(Some(rel), None)
        },
    },
    Pattern {
        name: "season of a relative year (summer of last year)",
        source: || {
            r"(?i)\b(summer|winter|spring|autumn|fall)\s+(?:of\s+)?(last|this|next)\s+year\b".into()
        },
        span: whole,
        read: |m| {
            m.date(
                Some(Rel::SeasonOfYear(season_code(m.g(1)), off_word(m.g(2)))),
                None,
            )
        },
    },
    Pattern {
        name: "month year",
        source: || format!(r"\b{MONTH},?\s+(?:of\s+)?((?:19|20)\d{{2}})\b"),
        span: whole,
        read: |m| {
            let v = DateValue::month(
                m.g(2).parse().unwrap_or(0),
                month_number(m.g(1)).unwrap_or(1),
            );
            m.date(Some(Rel::Abs(v)), None)
        },
    },
    Pattern {
        name: "season year",
        source: || {
            r"(?i)\b(summer|winter|spring|autumn|fall)\s+(?:of\s+)?((?:19|20)\d{2})\b".into()
        },
        span: whole,
        read: |m| {
            let v = DateValue::season(m.g(2).parse().unwrap_or(0), season_code(m.g(1)));
            m.date(Some(Rel::Abs(v)), None)
        },
    },
    Pattern {
        name: "month day",
        source: || format!(r"\b{MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b{TIME}"),
        span: whole,
        read: |m| {
            let (h, clock) = clock_of(m, 3);
            let d: u32 = m.g(2).parse().unwrap_or(0);
            // "May 20" is a date; "May 2" too, but not "May 200"
            let rel = (1..=31)
                .contains(&d)
                .then(|| Rel::MonthDay(month_number(m.g(1)).unwrap_or(1), d, h));
            m.date(rel, clock)
        },
    },
    Pattern {
        name: "day month",
        source: || format!(r"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}\b"),
        span: whole,
        read: |m| {
            let d: u32 = m.g(1).parse().unwrap_or(0);
            let rel = (1..=31)
                .contains(&d)
                .then(|| Rel::MonthDay(month_number(m.g(2)).unwrap_or(1), d, None));
            m.date(rel, None)
        },
    },
    Pattern {
        name: "earlier or later this week, month, year",
        source: || r"(?i)\b(earlier|later)\s+this\s+(week|month|year)\b".into(),
        span: whole,
        read: |m| {
            let rel = match m.g(2).to_ascii_lowercase().as_str() {
                "week" => Rel::Unit('W', 0),
                "month" => Rel::Unit('M', 0),
                _ => Rel::Unit('Y', 0),
            };
            m.date(Some(rel), None)
        },
    },
    Pattern {
        name: "last, this or next week, month, year, season, weekday, month",
        source: || {
            format!(
                r"(?i)\b(last|this|next|past|previous|coming)\s+(week|month|year|weekend|summer|winter|spring|autumn|fall|{WEEKDAY}|{MONTH})\b"
            )
        },
        span: whole,
        read: read_relative,
    },
    Pattern {
        name: "yesterday, today, tonight, this morning",
        source: || {
            r"(?i)\b(yesterday|today|tonight|last night|this morning|this afternoon|this evening|yesterday morning|yesterday afternoon|yesterday evening|tomorrow)\b".into()
        },
        span: whole,
        read: |m| {
            let rel = match m.g(1).to_ascii_lowercase().as_str() {
                "yesterday" => Rel::Today(-1),
                "tomorrow" => Rel::Today(1),
                "last night" => Rel::PartOfDay(-1, "NI"),
                "tonight" => Rel::PartOfDay(0, "NI"),
                "this morning" => Rel::PartOfDay(0, "MO"),
                "this afternoon" => Rel::PartOfDay(0, "AF"),
                "this evening" => Rel::PartOfDay(0, "EV"),
                "yesterday morning" => Rel::PartOfDay(-1, "MO"),
                "yesterday afternoon" => Rel::PartOfDay(-1, "AF"),
                "yesterday evening" => Rel::PartOfDay(-1, "EV"),
                _ => Rel::Today(0),
            };
            m.date(Some(rel), None)
        },
    },
    Pattern {
        name: "N units ago",
        source: || {
            format!(r"(?i)\b{NUMBER}\s+(days?|weeks?|months?|years?)\s+(?:ago|earlier|before)\b")
        },
        span: whole,
        read: |m| {
            let n = number(m.g(1)).unwrap_or(1);
            if n < 0 {
                // "several days ago": some time before
                return m.special("PAST_REF".into());
            }
            let u = m.g(2).to_ascii_uppercase().chars().next().unwrap_or('D');
            m.date(Some(Rel::Ago(u, n)), None)
        },
    },
    Pattern {
        name: "the past N units",
        source: || {
            format!(
                r"(?i)\b(?:the\s+)?(?:past|last|next|coming|previous|first|final)\s+{NUMBER}\s+(days|weeks|months|years|hours)\b"
            )
        },
        span: whole,
        read: |m| m.duration(iso_duration(&count(number(m.g(1)).unwrap_or(1)), m.g(2))),
    },
    Pattern {
        name: "weekday",
        source: || format!(r"\b(?:on\s+)?{WEEKDAY}\b"),
        // "on Monday": the expression is "Monday"
        span: |c, text| {
            let (s, e) = whole(c, text)?;
            Some((
                if text[s..e].starts_with("on ") {
                    s + 3
                } else {
                    s
                },
                e,
            ))
        },
        read: |m| m.date(weekday(m.g(1)).map(|w| Rel::Weekday(w, 0)), None),
    },
    Pattern {
        name: "month alone",
        source: || {
            r"\b(?:(?:in|since|until|by|during|early|late|mid-)\s+(January|February|March|April|June|July|August|September|October|November|December)|(January|February|April|June|July|August|September|October|November|December))\b(?:\s+[A-Z])?".into()
        },
        // the month name alone, and not before a capitalised word (June Smith)
        span: |c, _| {
            if c.get(0)?
                .as_str()
                .chars()
                .last()
                .is_some_and(char::is_uppercase)
            {
                return None;
            }
            let m = c.get(1).or_else(|| c.get(2))?;
            Some((m.start(), m.end()))
        },
        read: |m| {
            let name = if m.g(1).is_empty() { m.g(2) } else { m.g(1) };
            m.date(month_number(name).map(|mo| Rel::Month(mo, 0)), None)
        },
    },
    Pattern {
        name: "decade",
        source: || r"\b(?:the\s+)?((?:19|20)\d)0s\b".into(),
        span: whole,
        read: |m| m.special(m.g(1).to_string()),
    },
    Pattern {
        name: "year alone",
        source: || r"\b((?:19|20)\d{2})\b".into(),
        span: whole,
        read: |m| {
            // not part of a longer number, an amount or a time
            let before = m.text[..m.start].chars().next_back().unwrap_or(' ');
            let after = m.text[m.end..].chars().next().unwrap_or(' ');
            if before.is_ascii_digit()
                || after.is_ascii_digit()
                || matches!(before, '$' | '€' | '£' | '#' | '/')
                || matches!(after, '%' | '/' | ':')
            {
                return None;
            }
            m.date(
                Some(Rel::Abs(DateValue::year(m.g(1).parse().unwrap_or(0)))),
                None,
            )
        },
    },
    Pattern {
        name: "duration (three days)",
        source: || format!(r"(?i)\b{NUMBER}\s+(days?|weeks?|months?|years?|hours?|minutes?)\b"),
        span: whole,
        read: |m| {
            let after = m.text[m.end..].trim_start().to_ascii_lowercase();
            let before = m.text[..m.start].trim_end();
            if after.starts_with("old")
                || after.starts_with("ago")
                || before.ends_with('-')
                || m.text[m.end..].starts_with('-')
            {
                return None;
            }
            m.duration(iso_duration(&count(number(m.g(1)).unwrap_or(1)), m.g(2)))
        },
    },
    Pattern {
        name: "duration adjective (three-day)",
        source: || {
            r"(?i)\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty)-(day|week|month|year|hour|minute)\b".into()
        },
        span: whole,
        read: |m| {
            let rest = &m.text[m.end..];
            if rest.starts_with("-old") || rest.starts_with(" old") {
                return None;
            }
            m.duration(iso_duration(
                &number(m.g(1)).unwrap_or(1).to_string(),
                m.g(2),
            ))
        },
    },
    Pattern {
        name: "now, recently, in the future",
        source: || {
            r"(?i)\b(now|currently|current|at present|nowadays|recently|recent|in recent years|recent years|previously|in the past|the past|in the future|the future|soon)\b".into()
        },
        span: whole,
        read: |m| {
            let value = match m.g(1).to_ascii_lowercase().as_str() {
                "recently" | "recent" | "in recent years" | "recent years" | "in the past"
                | "the past" | "previously" => "PAST_REF",
                "in the future" | "the future" | "soon" => "FUTURE_REF",
                _ => "PRESENT_REF",
            };
            m.special(value.to_string())
        },
    },
];

/// "last week", "this summer", "next Tuesday", "last March"; "the past week" is a duration.
fn read_relative(m: &Match) -> Option<Found> {
    let w = m.g(2).to_ascii_lowercase();
    if matches!(m.g(1).to_ascii_lowercase().as_str(), "past" | "previous")
        && matches!(w.as_str(), "week" | "month" | "year")
    {
        return m.duration(iso_duration("1", &w));
    }
    let off = off_word(m.g(1));
    let rel = match w.as_str() {
        "week" | "weekend" => Rel::Unit('W', off % 2),
        "month" => Rel::Unit('M', off % 2),
        "year" => Rel::Unit('Y', off % 2),
        "summer" | "winter" | "spring" | "autumn" | "fall" => Rel::Season(season_code(&w), off),
        _ => match weekday(&w) {
            Some(wd) => Rel::Weekday(wd, off % 2),
            None => Rel::Month(month_number(&w).unwrap_or(1), off),
        },
    };
    m.date(Some(rel), None)
}

/// The patterns' regular expressions, compiled once, in the order of [`PATTERNS`].
fn compiled() -> &'static [Regex] {
    static COMPILED: OnceLock<Vec<Regex>> = OnceLock::new();
    COMPILED.get_or_init(|| {
        PATTERNS
            .iter()
            .map(|p| {
                Regex::new(&(p.source)())
                    .unwrap_or_else(|e| panic!("time pattern “{}”: {e}", p.name))
            })
            .collect()
    })
}

/// Every time expression of a text, in text order: each pattern in turn, a match overlapping
/// an earlier find passed over.
fn scan(text: &str) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    for (p, rx) in PATTERNS.iter().zip(compiled()) {
        for c in rx.captures_iter(text) {
            let Some((start, end)) = (p.span)(&c, text) else {
                continue;
            };
            if out.iter().any(|f| f.start < end && start < f.end) {
                continue;
            }
            let m = Match {
                c,
                text,
                start,
                end,
            };
            if let Some(f) = (p.read)(&m) {
                out.push(f);
            }
        }
    }
    out.sort_by_key(|f| f.start);
    out
}

fn is_absolute(rel: &Rel) -> bool {
    matches!(rel, Rel::Abs(_))
}

/// Find and normalise the time expressions of a document.
/// Returns the expressions and, for a report without a date of its own, its date bounds.
pub fn find(doc: &Document, copyright_year: Option<i32>) -> (Vec<Timex>, Option<DateBounds>) {
    let found: Vec<Found> = scan(&doc.text)
        .into_iter()
        .filter(|f| !doc.in_boilerplate(f.start, f.end))
        .collect();
    let published = doc
        .published
        .as_ref()
        .and_then(|p| p.range())
        .map(|(s, _)| s)
        .filter(|_| {
            doc.published
                .as_ref()
                .is_some_and(|p| p.precision >= Precision::Day)
        });
    let bounds = match published {
        Some(_) => None,
        None => report_bounds(doc, &found, copyright_year),
    };
    let (b_early, b_late) = bounds.as_ref().map(|b| b.range()).unwrap_or((None, None));
    let mut out = Vec::new();
    for f in found {
        let text = doc.text[f.start..f.end].to_string();
        let span = doc.span(f.start, f.end);
        let Some(rel) = f.rel else {
            out.push(Timex {
                span,
                text,
                value: None,
                bounds: None,
                kind: f.kind.to_string(),
                relative: false,
                duration: f.duration,
                clock: f.clock,
                special: f.special,
            });
            continue;
        };
        let relative = !is_absolute(&rel);
        let (value, tb) = value_of(&rel, published, (b_early, b_late));
        out.push(Timex {
            span,
            text,
            value,
            bounds: tb,
            kind: f.kind.to_string(),
            relative,
            duration: None,
            clock: f.clock,
            special: None,
        });
    }
    (out, bounds)
}

/// The window a report with no date of its own must fall in: its copyright year, and no
/// earlier than the latest date it mentions (it reports that as past).
fn report_bounds(
    doc: &Document,
    found: &[Found],
    copyright_year: Option<i32>,
) -> Option<DateBounds> {
    let mut earliest: Option<NaiveDate> = None;
    let mut latest: Option<NaiveDate> = None;
    let mut basis = Vec::new();
    if let Some(y) = copyright_year {
        earliest = NaiveDate::from_ymd_opt(y, 1, 1);
        latest = NaiveDate::from_ymd_opt(y, 12, 31);
        basis.push(format!("copyright year {y}"));
    }
    let mut latest_mention: Option<(NaiveDate, String)> = None;
    for f in found {
        if let Some(Rel::Abs(v)) = &f.rel {
            if v.precision >= Precision::Month {
                if let Some((s, _)) = v.range() {
                    if latest_mention.as_ref().is_none_or(|(d, _)| s > *d) {
                        latest_mention = Some((s, doc.text[f.start..f.end].to_string()));
                    }
                }
            }
        }
    }
    // month-day without a year, when the copyright year pins the year
    if let (Some(e), Some(l)) = (earliest, latest) {
        if e.year() == l.year() {
            for f in found {
                if let Some(Rel::MonthDay(m, d, _)) = f.rel {
                    if let Some(date) = NaiveDate::from_ymd_opt(e.year(), m, d) {
                        if latest_mention.as_ref().is_none_or(|(x, _)| date > *x) {
                            latest_mention = Some((date, doc.text[f.start..f.end].to_string()));
                        }
                    }
                }
            }
        }
    }
    if let Some((d, t)) = latest_mention {
        if earliest.is_none_or(|e| d > e) {
            earliest = Some(d);
        }
        basis.push(format!("it reports \"{t}\" as past"));
    }
    if earliest.is_some() || latest.is_some() {
        return Some(DateBounds {
            earliest: earliest.map(|d| d.format("%Y-%m-%d").to_string()),
            latest: latest.map(|d| d.format("%Y-%m-%d").to_string()),
            basis: basis.join("; "),
        });
    }
    None
}

/// An expression's value, resolved against the report's date; for a report without one,
/// against its bounds: a value when both ends agree, else the window it lies in.
fn value_of(
    rel: &Rel,
    published: Option<NaiveDate>,
    (b_early, b_late): (Option<NaiveDate>, Option<NaiveDate>),
) -> (Option<DateValue>, Option<DateBounds>) {
    let relative = !is_absolute(rel);
    if let Some(r) = published {
        (resolve(rel, r), None)
    } else if !relative {
        (
            resolve(rel, NaiveDate::from_ymd_opt(2000, 1, 1).expect("date")),
            None,
        )
    } else if let (Some(a), Some(b), Rel::MonthDay(m, d, h)) = (b_early, b_late, rel) {
        // a day and month in a report whose bounds lie within one year: that year
        let date = (a.year() == b.year())
            .then(|| NaiveDate::from_ymd_opt(a.year(), *m, *d))
            .flatten();
        (
            date.map(|x| match h {
                Some(h) => DateValue::hour(x, *h),
                None => DateValue::day(x),
            }),
            None,
        )
    } else if let (Some(a), Some(b)) = (b_early, b_late) {
        let (va, vb) = (resolve(rel, a), resolve(rel, b));
        match (va, vb) {
            (Some(va), Some(vb)) if va == vb => (Some(va), None),
            (Some(va), Some(vb)) => (
                None,
                Some(DateBounds {
                    earliest: va.range().map(|r| r.0.format("%Y-%m-%d").to_string()),
                    latest: vb.range().map(|r| r.1.format("%Y-%m-%d").to_string()),
                    basis: "relative to the report's date bounds".into(),
                }),
            ),
            _ => (None, None),
        }
    } else if let Some(a) = b_early {
        (
            None,
            resolve(rel, a).and_then(|v| v.range()).map(|r| DateBounds {
                earliest: Some(r.0.format("%Y-%m-%d").to_string()),
                latest: None,
                basis: "relative to the report's earliest possible date".into(),
            }),
        )
    } else {
        (None, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str, published: Option<&str>) -> Document {
        let published =
            published.map(|p| DateValue::day(NaiveDate::parse_from_str(p, "%Y-%m-%d").unwrap()));
        Document {
            published,
            ..Document::from_text("d", "d.txt", text)
        }
    }

    fn values(text: &str, published: Option<&str>) -> Vec<(String, Option<String>)> {
        find(&doc(text, published), None)
            .0
            .into_iter()
            .map(|t| (t.text, t.value.map(|v| v.value)))
            .collect()
    }

    #[test]
    fn relative_to_a_monday() {
        // 8 February 2021 was a Monday
        let v = values(
            "They were seized last Thursday and on Sunday an official spoke; he fled in June last year, in June 2020, \
             since 2017, last summer, last month, earlier this year, three days ago. It lasted three days.",
            Some("2021-02-08"),
        );
        let get = |t: &str| v.iter().find(|(x, _)| x == t).and_then(|(_, v)| v.clone());
        assert_eq!(get("last Thursday").as_deref(), Some("2021-02-04"));
        assert_eq!(get("Sunday").as_deref(), Some("2021-02-07"));
        assert_eq!(get("June last year").as_deref(), Some("2020-06"));
        assert_eq!(get("June 2020").as_deref(), Some("2020-06"));
        assert_eq!(get("2017").as_deref(), Some("2017"));
        assert_eq!(get("last summer").as_deref(), Some("2020-SU"));
        assert_eq!(get("last month").as_deref(), Some("2021-01"));
        assert_eq!(get("earlier this year").as_deref(), Some("2021"));
        assert_eq!(get("three days ago").as_deref(), Some("2021-02-05"));
        assert!(v.iter().any(|(t, v)| t == "three days" && v.is_none()));
    }

    #[test]
    fn month_day_with_time_and_bounds_from_copyright() {
        let d = doc(
            "On February 4 at 3pm, a call came. Last month they met.",
            None,
        );
        let (t, b) = find(&d, Some(2021));
        let b = b.unwrap();
        assert_eq!(b.earliest.as_deref(), Some("2021-02-04"));
        assert_eq!(b.latest.as_deref(), Some("2021-12-31"));
        let feb = t.iter().find(|x| x.text.starts_with("February")).unwrap();
        assert_eq!(feb.value.as_ref().unwrap().value, "2021-02-04T15");
        assert_eq!(feb.clock.as_deref(), Some("15:00"));
        let last = t.iter().find(|x| x.text == "Last month").unwrap();
        assert!(last.value.is_none());
        assert_eq!(
            last.bounds.as_ref().unwrap().earliest.as_deref(),
            Some("2021-01-01")
        );
    }

    #[test]
    fn undated_without_bounds_keeps_relative_unresolved() {
        let (t, b) = find(&doc("The men were abducted last Thursday.", None), None);
        assert!(b.is_none());
        assert!(t[0].value.is_none() && t[0].relative);
    }
}
