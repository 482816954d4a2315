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

/// Which way from the reference an expression without a year or week points, as the tense of
/// its clause says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dir {
    /// No tense to go by: the nearest.
    Nearest,
    /// A past-tense clause ("was detained on Tuesday"): on or before the reference.
    Past,
    /// A future clause ("will meet on Tuesday"): on or after it.
    Future,
}

/// The way the clause before `at` points: future words ("will", "is to", "scheduled"), past
/// verbs ("was", "were", "had", a verb in -ed), or neither.
fn tense_before(text: &str, at: usize) -> Dir {
    static FUTURE: OnceLock<Regex> = OnceLock::new();
    static PAST: OnceLock<Regex> = OnceLock::new();
    let from = text[..at]
        .rfind(['.', '!', '?', '\n', ';'])
        .map(|i| i + 1)
        .unwrap_or(0)
        .max(at.saturating_sub(120));
    let mut from = from;
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let clause = &text[from..at];
    let future = FUTURE.get_or_init(|| {
        Regex::new(r"(?i)\b(?:will|'ll|shall|is to|are to|is due|are due|set to|expected to|scheduled|plans? to|going to|to be held)\b")
            .expect("valid regex")
    });
    let past = PAST.get_or_init(|| {
        Regex::new(r"(?i)\b(?:was|were|had|did|said|told|\w{3,}ed)\b").expect("valid regex")
    });
    if future.is_match(clause) {
        Dir::Future
    } else if past.is_match(clause) {
        Dir::Past
    } else {
        Dir::Nearest
    }
}

/// A holiday: a fixed day of the year, or one that moves (a weekday of a month, Easter).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Holiday {
    Fixed(u32, u32),
    /// The n-th (1-based; 5 the last) weekday of a month, plus days ("the Tuesday after the
    /// first Monday": first Monday + 1).
    NthWeekday(u32, Weekday, u32, i64),
    Easter,
}

impl Holiday {
    fn in_year(self, y: i32) -> Option<NaiveDate> {
        match self {
            Holiday::Fixed(m, d) => NaiveDate::from_ymd_opt(y, m, d),
            Holiday::NthWeekday(m, wd, n, plus) => {
                let day = if n == 5 {
                    let last = NaiveDate::from_ymd_opt(y, m + 1, 1)
                        .unwrap_or(NaiveDate::from_ymd_opt(y + 1, 1, 1)?)
                        - Duration::days(1);
                    let back =
                        (last.weekday().num_days_from_monday() + 7 - wd.num_days_from_monday()) % 7;
                    last - Duration::days(back as i64)
                } else {
                    NaiveDate::from_weekday_of_month_opt(y, m, wd, n as u8)?
                };
                Some(day + Duration::days(plus))
            }
            Holiday::Easter => {
                // the anonymous Gregorian computus
                let (a, b, c) = (y % 19, y / 100, y % 100);
                let (d, e) = (b / 4, b % 4);
                let g = (8 * b + 13) / 25;
                let h = (19 * a + b - d - g + 15) % 30;
                let (i, k) = (c / 4, c % 4);
                let l = (32 + 2 * e + 2 * i - h - k) % 7;
                let m = (a + 11 * h + 19 * l) / 433;
                let month = (h + l - 7 * m + 90) / 25;
                let day = (h + l - 7 * m + 33 * month + 19) % 32;
                NaiveDate::from_ymd_opt(y, month as u32, day as u32)
            }
        }
    }
}

/// The holiday a name (lower case) names.
fn holiday(name: &str) -> Option<Holiday> {
    Some(match name {
        "christmas eve" => Holiday::Fixed(12, 24),
        "christmas" | "christmas day" => Holiday::Fixed(12, 25),
        "new year's eve" => Holiday::Fixed(12, 31),
        "new year's day" => Holiday::Fixed(1, 1),
        "independence day" => Holiday::Fixed(7, 4),
        "halloween" => Holiday::Fixed(10, 31),
        "valentine's day" => Holiday::Fixed(2, 14),
        "thanksgiving" | "thanksgiving day" => Holiday::NthWeekday(11, Weekday::Thu, 4, 0),
        "election day" => Holiday::NthWeekday(11, Weekday::Mon, 1, 1),
        "labor day" => Holiday::NthWeekday(9, Weekday::Mon, 1, 0),
        "memorial day" => Holiday::NthWeekday(5, Weekday::Mon, 5, 0),
        "easter" | "easter sunday" => Holiday::Easter,
        _ => return None,
    })
}

/// How an expression is to be resolved.
#[derive(Debug, Clone)]
enum Rel {
    Abs(DateValue),
    /// Month and day without a year; optional hour; which way from the reference.
    MonthDay(u32, u32, Option<u32>, Dir),
    /// A month without a year: offset -1 "last", 0 the nearest, +1 "next", 2 "this" (the same
    /// year), -2 bare (ahead within three months, else behind), 3 bare in a future clause (this
    /// month or a later one).
    Month(u32, i32),
    /// A season without a year ("last summer"), with the same offsets.
    Season(&'static str, i32),
    /// A weekday: -1 "last", 0 bare (most recent, on or before), +1 "next".
    Weekday(Weekday, i32),
    /// "last week", "this month", "next year": unit and offset.
    Unit(char, i32),
    /// "three days ago"
    Ago(char, i64),
    /// "two days later" (+2), "a week earlier" (-1): counted from the narrative's time, the
    /// last full date told before it (the report's date when none was).
    FromNarrative(char, i64),
    /// A month relative to a year offset: "June last year".
    MonthOfYear(u32, i32),
    SeasonOfYear(&'static str, i32),
    Today(i64),
    /// A part of a day: offset in days and the TimeML code (MO, AF, EV, NI).
    PartOfDay(i64, &'static str),
    /// A quarter (1 to 4) of the reference year plus an offset in years ("the third quarter",
    /// "last year's fourth quarter").
    Quarter(u32, i32),
    /// The quarter before the reference's (the one reported on), an offset in years added
    /// ("the quarter", "the year-earlier quarter").
    LastQuarter(i32),
    /// The reference's own quarter ("the current quarter").
    ThisQuarter,
    /// A weekday (as [`Rel::Weekday`]) at an hour.
    WeekdayAt(Weekday, i32, u32),
    /// A weekday (as [`Rel::Weekday`]) and a part of it (MO, AF, EV, NI).
    WeekdayPart(Weekday, i32, &'static str),
    /// A holiday, on the side of the reference the tense points to.
    Holiday(Holiday, Dir),
    /// The reference day at an hour (a clock time with no date: the report's day).
    TodayAt(u32),
    /// The weekend a report means: the past one early in the week, else the coming one.
    Weekend,
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

/// A month without a year, by its offset (see [`Rel::Month`]).
fn month_of(m: u32, off: i32, r: NaiveDate) -> DateValue {
    let y = match off {
        // a bare month: a month of the coming quarter is ahead ("in January", written in
        // November), any other this month or an earlier one (reports tell of the past)
        -2 => {
            let ahead = (m as i32 - r.month() as i32).rem_euclid(12);
            if (1..=3).contains(&ahead) {
                if m > r.month() {
                    r.year()
                } else {
                    r.year() + 1
                }
            } else if m <= r.month() {
                r.year()
            } else {
                r.year() - 1
            }
        }
        // on or after the reference's month: a bare month in a future clause
        3 => {
            if m >= r.month() {
                r.year()
            } else {
                r.year() + 1
            }
        }
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

/// A season without a year: the most recent such season that has ended (last), or the one
/// containing the reference or next.
fn season_of(code: &'static str, off: i32, r: NaiveDate) -> Option<DateValue> {
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
    if off == 1 && start <= r {
        y += 1;
    }
    Some(candidate(y))
}

/// Resolve a relative expression against a reference day.
fn resolve(rel: &Rel, r: NaiveDate) -> Option<DateValue> {
    Some(match *rel {
        Rel::Abs(ref v) => v.clone(),
        Rel::MonthDay(m, d, h, dir) => {
            // the nearest such day to the reference (reports name recent and coming dates), on
            // the side the tense points to
            let date = [r.year() - 1, r.year(), r.year() + 1]
                .iter()
                .filter_map(|&y| NaiveDate::from_ymd_opt(y, m, d))
                .filter(|x| dir != Dir::Future || *x >= r)
                .min_by_key(|x| ((*x - r).num_days().abs(), *x > r))?;
            match h {
                Some(h) => DateValue::hour(date, h),
                None => DateValue::day(date),
            }
        }
        Rel::Month(m, off) => month_of(m, off, r),
        Rel::Season(code, off) => season_of(code, off, r)?,
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
        Rel::Holiday(h, dir) => {
            let day = [r.year() - 1, r.year(), r.year() + 1]
                .into_iter()
                .filter_map(|y| h.in_year(y))
                .filter(|x| dir != Dir::Future || *x >= r)
                .min_by_key(|x| ((*x - r).num_days().abs(), *x > r))?;
            DateValue::day(day)
        }
        Rel::TodayAt(h) => DateValue::hour(r, h),
        Rel::FromNarrative(u, n) => resolve(&Rel::Ago(u, -n), r)?,
        Rel::MonthOfYear(m, off) => DateValue::month(r.year() + off % 2, m),
        Rel::SeasonOfYear(code, off) => DateValue::season(r.year() + off % 2, code),
        Rel::Today(off) => DateValue::day(r + Duration::days(off)),
        Rel::WeekdayAt(wd, off, h) => {
            let d = resolve(&Rel::Weekday(wd, off), r)?.range()?.0;
            DateValue::hour(d, h)
        }
        Rel::WeekdayPart(wd, off, code) => {
            let d = resolve(&Rel::Weekday(wd, off), r)?.range()?.0;
            DateValue {
                value: format!("{}T{code}", d.format("%Y-%m-%d")),
                precision: Precision::Hour,
            }
        }
        Rel::Quarter(q, off) => {
            // "the fourth quarter" early in a year: last year's, the latest that has begun
            let begun = r.month() >= 3 * q - 2;
            DateValue::quarter(r.year() + off - i32::from(off == 0 && !begun), q)
        }
        Rel::LastQuarter(off) => {
            let q = r.month().div_ceil(3);
            if q == 1 {
                DateValue::quarter(r.year() - 1 + off, 4)
            } else {
                DateValue::quarter(r.year() + off, q - 1)
            }
        }
        Rel::ThisQuarter => DateValue::quarter(r.year(), r.month().div_ceil(3)),
        Rel::Weekend => {
            let wd = r.weekday().num_days_from_monday() as i64;
            // Monday to Wednesday: the weekend just past; Thursday on: this week's
            let saturday = if wd <= 2 {
                r - Duration::days(wd + 2)
            } else {
                r + Duration::days(5 - wd)
            };
            let w = DateValue::week(saturday);
            DateValue {
                value: format!("{}-WE", w.value),
                precision: Precision::Week,
            }
        }
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
    /// Which way the clause before the expression points.
    fn tense(&self) -> Dir {
        tense_before(self.text, self.start)
    }
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

/// The whole match, less a leading "on " ("on Monday": the expression is "Monday").
fn without_on(c: &Captures, text: &str) -> Option<(usize, usize)> {
    let (s, e) = whole(c, text)?;
    Some((
        if text[s..e].starts_with("on ") {
            s + 3
        } else {
            s
        },
        e,
    ))
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
    if u.starts_with("decade") {
        // a decade is ten years
        return match n.parse::<i64>() {
            Ok(k) => format!("P{}Y", 10 * k),
            Err(_) => "PXDE".to_string(),
        };
    }
    match u.chars().next() {
        Some('h') => format!("PT{n}H"),
        Some('m') if !u.starts_with("mo") => format!("PT{n}M"),
        Some(c) => format!("P{n}{}", c.to_ascii_uppercase()),
        None => format!("P{n}Y"),
    }
}

/// An ISO duration of `n` units and a half: P2Y6M, PT1M30S, PT30M (n = 0: half a unit).
fn and_a_half(n: i64, unit: &str) -> String {
    let u = unit.to_ascii_lowercase();
    let whole = |code: &str, time: bool| {
        let t = if time { "T" } else { "" };
        if n == 0 {
            String::new()
        } else {
            format!("{t}{n}{code}")
        }
    };
    match u.chars().next() {
        Some('y') => format!("P{}6M", whole("Y", false)),
        Some('m') if u.starts_with("mo") => format!("P{}15D", whole("M", false)),
        Some('d') => format!("P{}T12H", whole("D", false)),
        Some('h') => format!("PT{}30M", whole("H", false)),
        _ => format!("PT{}30S", whole("M", false)),
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
        name: "the year-earlier quarter",
        source: || {
            r"(?i)\b(?:the\s+)?(?:year-earlier|year-ago|year earlier)\s+(?:(first|second|third|fourth)\s+)?(?:quarter|period)\b".into()
        },
        span: whole,
        read: |m| {
            let rel = match m.g(1).to_ascii_lowercase().as_str() {
                "first" => Rel::Quarter(1, -1),
                "second" => Rel::Quarter(2, -1),
                "third" => Rel::Quarter(3, -1),
                "fourth" => Rel::Quarter(4, -1),
                _ => Rel::LastQuarter(-1),
            };
            m.date(Some(rel), None)
        },
    },
    Pattern {
        name: "quarter (the third quarter, last year's fourth quarter, the 1988 second quarter)",
        source: || {
            r"(?i)\b(?:(the|this year's|last year's|next year's)\s+)?(?:((?:19|20)\d{2})\s+)?(?:fiscal\s+)?(first|second|third|fourth|1st|2nd|3rd|4th)[-\s](?:fiscal\s+)?quarter(?:\s+of\s+((?:19|20)\d{2}))?\b".into()
        },
        span: whole,
        read: |m| {
            let q = match m.g(3).to_ascii_lowercase().get(0..2)? {
                "fi" | "1s" => 1,
                "se" | "2n" => 2,
                "th" | "3r" => 3,
                _ => 4,
            };
            let year = [m.g(2), m.g(4)].into_iter().find(|y| !y.is_empty());
            let rel = match year {
                Some(y) => Rel::Abs(DateValue::quarter(y.parse().ok()?, q)),
                None => {
                    let prefix = m.g(1).to_ascii_lowercase();
                    let off = if prefix.starts_with("last") {
                        -1
                    } else if prefix.starts_with("next") {
                        1
                    } else {
                        0
                    };
                    Rel::Quarter(q, off)
                }
            };
            m.date(Some(rel), None)
        },
    },
    Pattern {
        name: "the quarter (the one reported on), the current quarter",
        source: || {
            r"(?i)\bthe\s+(?:(current|latest|most recent|just-ended|recent)\s+)?quarter\b".into()
        },
        span: whole,
        read: |m| {
            let rel = if m.g(1).eq_ignore_ascii_case("current") {
                Rel::ThisQuarter
            } else {
                Rel::LastQuarter(0)
            };
            m.date(Some(rel), None)
        },
    },
    Pattern {
        name: "the current year",
        source: || r"(?i)\bthe\s+current\s+(?:fiscal\s+|calendar\s+)?year\b".into(),
        span: whole,
        read: |m| m.date(Some(Rel::Unit('Y', 0)), None),
    },
    Pattern {
        name: "recent years (an unknown number)",
        source: || r"(?i)\b(?:in\s+)?recent\s+(weeks|months)\b".into(),
        span: whole,
        read: |m| m.duration(iso_duration("X", m.g(1))),
    },
    Pattern {
        name: "the weekend",
        source: || r"(?i)\b(?:the|over the)\s+weekend\b".into(),
        span: whole,
        read: |m| m.date(Some(Rel::Weekend), None),
    },
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
        name: "clock time and month day (5 p.m. EST Nov. 9)",
        source: || {
            format!(
                r"(?i)\b(\d{{1,2}})(?::(\d{{2}}))?\s*([ap]\.?m\.?)\s+(?:[A-Z]{{2,4}}\s+)?(?-i:{MONTH})\s+(\d{{1,2}})\b"
            )
        },
        span: whole,
        read: |m| {
            let (h, clock) = clock_of(m, 1);
            let d: u32 = m.g(5).parse().ok().filter(|d| (1..=31).contains(d))?;
            let rel = Rel::MonthDay(month_number(m.g(4))?, d, Some(h?), m.tense());
            m.date(Some(rel), clock)
        },
    },
    Pattern {
        name: "month day, a weekday before it winning nothing (Friday, Oct. 23)",
        source: || format!(r"\b(?:{WEEKDAY},?\s+)?{MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b{TIME}"),
        span: whole,
        read: |m| {
            let (h, clock) = clock_of(m, 4);
            let d: u32 = m.g(3).parse().unwrap_or(0);
            // "May 20" is a date; "May 2" too, but not "May 200"
            let rel = (1..=31)
                .contains(&d)
                .then(|| Rel::MonthDay(month_number(m.g(2)).unwrap_or(1), d, h, m.tense()));
            m.date(rel, clock)
        },
    },
    Pattern {
        name: "day month (Friday, 23 October)",
        source: || {
            format!(r"\b(?:{WEEKDAY},?\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}\b")
        },
        span: whole,
        read: |m| {
            let d: u32 = m.g(2).parse().unwrap_or(0);
            let rel = (1..=31)
                .contains(&d)
                .then(|| Rel::MonthDay(month_number(m.g(3)).unwrap_or(1), d, None, m.tense()));
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
            format!(
                r"(?i)\b{NUMBER}\s+(days?|weeks?|months?|years?)\s+(ago|earlier|before|later)\b"
            )
        },
        span: whole,
        read: |m| {
            let n = number(m.g(1)).unwrap_or(1);
            let later = m.g(3).eq_ignore_ascii_case("later");
            if n < 0 {
                // "several days ago": some time before
                return m.special(if later { "FUTURE_REF" } else { "PAST_REF" }.into());
            }
            let u = m.g(2).to_ascii_uppercase().chars().next().unwrap_or('D');
            // "ago" counts back from the report; "two days earlier", "a week later" from the
            // time the narrative has reached
            let rel = match m.g(3).to_ascii_lowercase().as_str() {
                "ago" => Rel::Ago(u, n),
                "later" => Rel::FromNarrative(u, n),
                _ => Rel::FromNarrative(u, -n),
            };
            m.date(Some(rel), None)
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
        name: "set (each Thursday, every month, daily, Tuesday nights)",
        source: || {
            format!(
                r"(?i)\b(?:(?:each|every)\s+(?:(?-i:{WEEKDAY})|(?-i:{MONTH})|(day|week|month|quarter|year))|(daily|weekly|monthly|annually|yearly|hourly)|(?-i:(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))s\s+(mornings|afternoons|evenings|nights))\b"
            )
        },
        span: whole,
        read: |m| {
            let value = if !m.g(1).is_empty() {
                format!("XXXX-WXX-{}", weekday(m.g(1))?.number_from_monday())
            } else if !m.g(2).is_empty() {
                format!("XXXX-{:02}", month_number(m.g(2))?)
            } else if !m.g(3).is_empty() {
                format!("P1{}", m.g(3)[..1].to_ascii_uppercase())
            } else if !m.g(4).is_empty() {
                match m.g(4).to_ascii_lowercase().as_str() {
                    "daily" => "XXXX-XX-XX",
                    "weekly" => "XXXX-WXX",
                    "monthly" => "XXXX-XX",
                    "hourly" => "PT1H",
                    _ => "XXXX",
                }
                .to_string()
            } else {
                let part = match &m.g(6).to_ascii_lowercase()[..2] {
                    "mo" => "MO",
                    "af" => "AF",
                    "ev" => "EV",
                    _ => "NI",
                };
                format!("XXXX-WXX-{}T{part}", weekday(m.g(5))?.number_from_monday())
            };
            Some(Found {
                start: m.start,
                end: m.end,
                rel: None,
                kind: "set",
                duration: None,
                clock: None,
                special: Some(value),
            })
        },
    },
    Pattern {
        name: "clock time and weekday (10 p.m. Wednesday, noon Thursday)",
        source: || {
            format!(
                r"(?i)\b(?:(\d{{1,2}})(?::(\d{{2}}))?\s*([ap]\.?m\.?)|(noon|midnight))\s+(?:[A-Z]{{2,4}}\s+)?(?:on\s+)?(?-i:{WEEKDAY})\b"
            )
        },
        span: whole,
        read: |m| {
            let (h, clock) = match m.g(4).to_ascii_lowercase().as_str() {
                "noon" => (Some(12), Some("12:00".to_string())),
                "midnight" => (Some(0), Some("00:00".to_string())),
                _ => clock_of(m, 1),
            };
            let off = if m.tense() == Dir::Future { 1 } else { 0 };
            m.date(Some(Rel::WeekdayAt(weekday(m.g(5))?, off, h?)), clock)
        },
    },
    Pattern {
        name: "weekday and part of day (Thursday evening, Saturday night)",
        source: || format!(r"\b(?:on\s+)?{WEEKDAY}\s+(morning|afternoon|evening|night)s?\b"),
        span: without_on,
        read: |m| {
            let code = match m.g(2) {
                "morning" => "MO",
                "afternoon" => "AF",
                "evening" => "EV",
                _ => "NI",
            };
            let off = if m.tense() == Dir::Future { 1 } else { 0 };
            m.date(Some(Rel::WeekdayPart(weekday(m.g(1))?, off, code)), None)
        },
    },
    Pattern {
        name: "weekday",
        source: || format!(r"\b(?:on\s+)?{WEEKDAY}\b"),
        span: without_on,
        read: |m| {
            let off = if m.tense() == Dir::Future { 1 } else { 0 };
            m.date(weekday(m.g(1)).map(|w| Rel::Weekday(w, off)), None)
        },
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
            // a future clause: this month or a later one; else a month of the coming quarter
            // ahead, any other behind (a report tells of months past unless it says otherwise)
            let off = if m.tense() == Dir::Future { 3 } else { -2 };
            m.date(month_number(name).map(|mo| Rel::Month(mo, off)), None)
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
        name: "duration and a half (2 1/2 years, a minute and a half, half an hour)",
        source: || {
            format!(
                r"(?i)\b(?:{NUMBER}\s+(?:1/2|and\s+(?:a\s+)?half)\s+(years?|months?|days?|hours?|minutes?)|{NUMBER}\s+(years?|months?|days?|hours?|minutes?)\s+and\s+a\s+half|half\s+an?\s+(year|month|day|hour|minute))\b"
            )
        },
        span: whole,
        read: |m| {
            let (n, unit) = if !m.g(2).is_empty() {
                (number(m.g(1))?, m.g(2))
            } else if !m.g(4).is_empty() {
                (number(m.g(3))?, m.g(4))
            } else {
                (0, m.g(5))
            };
            m.duration(and_a_half(n.max(0), unit))
        },
    },
    Pattern {
        name: "duration (three days)",
        source: || {
            format!(
                r"(?i)\b{NUMBER}\s+(days?|weeks?|months?|quarters?|years?|decades?|hours?|minutes?)\b"
            )
        },
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
        name: "an unknown number of units (for weeks, in years)",
        source: || r"(?i)\b(?:for|in|over)\s+(?:the\s+)?(weeks|months|years|decades)\b".into(),
        span: |c, _| {
            let m = c.get(1)?;
            Some((m.start(), m.end()))
        },
        read: |m| m.duration(iso_duration("X", m.g(1))),
    },
    Pattern {
        name: "holiday (Christmas, Thanksgiving, Easter, Election Day)",
        source: || {
            r"(?i)\b(?:(?:on|at|by|before|after|since|until)\s+)?(Christmas Eve|Christmas Day|Christmas|New Year's Eve|New Year's Day|Thanksgiving Day|Thanksgiving|Easter Sunday|Easter|Election Day|Labor Day|Memorial Day|Independence Day|Halloween|Valentine's Day)\b".into()
        },
        span: |c, _| {
            let m = c.get(1)?;
            Some((m.start(), m.end()))
        },
        read: |m| {
            let h = holiday(&m.g(1).to_ascii_lowercase())?;
            m.date(Some(Rel::Holiday(h, m.tense())), None)
        },
    },
    Pattern {
        name: "clock time alone (10:35 a.m., 3pm)",
        source: || {
            r"(?i)\b(\d{1,2})(?::(\d{2}))?\s*([ap]\.m\.|[ap]m\b)(?:\s+(?-i:[A-Z]{2,4}|GMT|UTC))?"
                .into()
        },
        span: whole,
        read: |m| {
            let (h, clock) = clock_of(m, 1);
            let mut f = m.date(Some(Rel::Today(0)), clock)?;
            f.rel = Some(Rel::TodayAt(h?));
            f.kind = "time";
            Some(f)
        },
    },
    Pattern {
        name: "now, recently, in the future",
        source: || {
            r"(?i)\b(now|currently|current|at present|nowadays|these days|recently|recent|in recent years|recent years|previously|in the past|the past|in the future|the future|the near future|the near term|the short term|soon)\b".into()
        },
        span: whole,
        read: |m| {
            let value = match m.g(1).to_ascii_lowercase().as_str() {
                "recently" | "recent" | "in recent years" | "recent years" | "in the past"
                | "the past" | "previously" => "PAST_REF",
                "in the future" | "the future" | "the near future" | "the near term"
                | "the short term" | "soon" => "FUTURE_REF",
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
    // the narrative's time: the last day-precise date told so far
    let mut narrative: Option<NaiveDate> = None;
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
        let (value, tb) = match (&rel, narrative) {
            (Rel::FromNarrative(..), Some(n)) => (resolve(&rel, n), None),
            _ => value_of(&rel, published, (b_early, b_late)),
        };
        if let Some(d) = value.as_ref().filter(|v| v.precision >= Precision::Day) {
            narrative = d.range().map(|r| r.0);
        }
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
                if let Some(Rel::MonthDay(m, d, _, _)) = f.rel {
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
    } else if let (Some(a), Some(b), Rel::MonthDay(m, d, h, _)) = (b_early, b_late, rel) {
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

    /// Check each case: in a report of the given date, the expression (as found in the text) has
    /// the TimeML value given.
    fn check(cases: &[(&str, &str, &str, &str)]) {
        for (published, text, expr, want) in cases {
            let d = doc(text, Some(published));
            let found = find(&d, None).0;
            let got = found
                .iter()
                .find(|t| t.text == *expr)
                .and_then(crate::timeml::timeml_value);
            assert_eq!(
                got.as_deref(),
                Some(*want),
                "{expr} in “{text}” ({published}): {found:?}"
            );
        }
    }

    /// Tense and the verb's time give a bare weekday or month its direction; an explicit date
    /// beside a weekday wins. Reports of Monday 3 April 2023 and Wednesday 15 November 1989.
    #[test]
    fn direction_from_tense_and_explicit_dates() {
        check(&[
            (
                "2023-04-03",
                "The minister will meet them on Tuesday.",
                "Tuesday",
                "2023-04-04",
            ),
            (
                "2023-04-03",
                "He was detained on Tuesday.",
                "Tuesday",
                "2023-03-28",
            ),
            (
                "2023-04-03",
                "The hearing is scheduled for Friday.",
                "Friday",
                "2023-04-07",
            ),
            (
                "2023-04-03",
                "The talks are set to resume Monday in Geneva.",
                "Monday",
                "2023-04-10",
            ),
            (
                "2023-04-03",
                "She was arrested on Friday, March 24.",
                "Friday, March 24",
                "2023-03-24",
            ),
            (
                "2023-04-03",
                "It happened on Friday, 24 March.",
                "Friday, 24 March",
                "2023-03-24",
            ),
            // a bare month: the coming three months lie ahead, the rest behind
            (
                "1989-11-15",
                "The loss was booked in March.",
                "March",
                "1989-03",
            ),
            (
                "1989-11-15",
                "The sale should close in January.",
                "January",
                "1990-01",
            ),
            (
                "1989-11-15",
                "The board will decide in June.",
                "June",
                "1990-06",
            ),
            // a month-day in a future clause is not put in the past
            (
                "1989-11-15",
                "The offer will expire Nov. 6.",
                "Nov. 6",
                "1990-11-06",
            ),
        ]);
    }

    /// Grains, parts of day, holidays, clock times, sets, fractions, the weekend, decades,
    /// quarters, and "later" counted from the narrative.
    #[test]
    fn grains_parts_holidays_clocks_sets_fractions() {
        check(&[
            ("2023-04-03", "They met last week.", "last week", "2023-W13"),
            ("2023-04-03", "They met last year.", "last year", "2022"),
            (
                "2023-04-05",
                "Protesters gathered Wednesday night.",
                "Wednesday night",
                "2023-04-05TNI",
            ),
            (
                "2023-04-05",
                "Protesters will gather tonight.",
                "tonight",
                "2023-04-05TNI",
            ),
            (
                "2023-04-05",
                "They were seen Thursday evening.",
                "Thursday evening",
                "2023-03-30TEV",
            ),
            (
                "2023-04-05",
                "Talks broke off at noon Thursday.",
                "noon Thursday",
                "2023-03-30T12:00",
            ),
            (
                "2023-04-05",
                "The shop was robbed at 10 p.m. Monday.",
                "10 p.m. Monday",
                "2023-04-03T22:00",
            ),
            (
                "2023-04-05",
                "The bomb exploded at 10:35 a.m. local time.",
                "10:35 a.m.",
                "2023-04-05T10:35",
            ),
            (
                "2023-04-05",
                "The offer runs until 5 p.m. EST April 9.",
                "5 p.m. EST April 9",
                "2023-04-09T17:00",
            ),
            (
                "2023-11-27",
                "He was released on Thanksgiving Day.",
                "Thanksgiving Day",
                "2023-11-23",
            ),
            (
                "2024-04-10",
                "They were detained at Easter.",
                "Easter",
                "2024-03-31",
            ),
            (
                "2020-10-20",
                "Voters will go to the polls on Election Day.",
                "Election Day",
                "2020-11-03",
            ),
            (
                "2023-04-05",
                "Orangemen march each July.",
                "each July",
                "XXXX-07",
            ),
            (
                "2023-04-05",
                "Flights leave each Thursday.",
                "each Thursday",
                "XXXX-WXX-4",
            ),
            (
                "2023-04-05",
                "The paper appears daily.",
                "daily",
                "XXXX-XX-XX",
            ),
            (
                "2023-04-05",
                "They lived in camps for 2 1/2 years.",
                "2 1/2 years",
                "P2Y6M",
            ),
            (
                "2023-04-05",
                "A minute and a half later the pilot called.",
                "A minute and a half",
                "PT1M30S",
            ),
            (
                "2023-04-05",
                "He was held for half an hour.",
                "half an hour",
                "PT30M",
            ),
            (
                "2023-04-05",
                "Police said they were attacked over the weekend.",
                "over the weekend",
                "2023-W13-WE",
            ),
            (
                "2023-04-05",
                "It was built in the 1980s.",
                "the 1980s",
                "198",
            ),
            (
                "1989-10-25",
                "Profit rose in the third quarter.",
                "the third quarter",
                "1989-Q3",
            ),
            (
                "1998-02-10",
                "Profit rose in the fourth quarter.",
                "the fourth quarter",
                "1997-Q4",
            ),
            (
                "1989-10-25",
                "Sales fell from the year-earlier quarter.",
                "the year-earlier quarter",
                "1988-Q3",
            ),
            (
                "1989-10-25",
                "Sales fell in the quarter.",
                "the quarter",
                "1989-Q3",
            ),
            (
                "1989-10-25",
                "The company expects growth in the current quarter.",
                "the current quarter",
                "1989-Q4",
            ),
            (
                "1989-10-25",
                "Sales fell 2% in the 1988 second quarter.",
                "the 1988 second quarter",
                "1988-Q2",
            ),
            // "later" counts from the last date told, not from the report
            (
                "2023-04-05",
                "He was seized on March 3, 2021. Two days later he was charged.",
                "Two days later",
                "2021-03-05",
            ),
            (
                "2023-04-05",
                "He was seized three days ago.",
                "three days ago",
                "2023-04-02",
            ),
        ]);
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
