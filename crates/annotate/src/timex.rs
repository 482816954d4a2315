//! Time expressions: found in running text, normalised to ISO values with a precision,
//! relative ones resolved against the report's publication date.
//!
//! A report with no date of its own gets bounds: no earlier than the latest full date it
//! mentions (it reports those as past), within its copyright year if it has one. Relative
//! expressions in such a report keep a window resolved from both ends of those bounds.

use std::sync::OnceLock;

use casefile_model::{DateBounds, DateValue, Document, Precision, Timex};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::Regex;

use crate::re;

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

pub fn month_number(s: &str) -> Option<u32> {
    let s = s.trim_end_matches('.').to_ascii_lowercase();
    const M: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    M.iter()
        .position(|m| s.starts_with(m))
        .map(|i| i as u32 + 1)
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

fn scan(text: &str) -> Vec<Found> {
    static FULL_MDY: OnceLock<Regex> = OnceLock::new();
    static FULL_DMY: OnceLock<Regex> = OnceLock::new();
    static ISO: OnceLock<Regex> = OnceLock::new();
    static MD: OnceLock<Regex> = OnceLock::new();
    static DM: OnceLock<Regex> = OnceLock::new();
    static MY: OnceLock<Regex> = OnceLock::new();
    static M_REL_Y: OnceLock<Regex> = OnceLock::new();
    static SEASON_Y: OnceLock<Regex> = OnceLock::new();
    static SEASON_REL_Y: OnceLock<Regex> = OnceLock::new();
    static REL: OnceLock<Regex> = OnceLock::new();
    static THIS: OnceLock<Regex> = OnceLock::new();
    static DAYWORD: OnceLock<Regex> = OnceLock::new();
    static AGO: OnceLock<Regex> = OnceLock::new();
    static WD: OnceLock<Regex> = OnceLock::new();
    static MONTH_ALONE: OnceLock<Regex> = OnceLock::new();
    static YEAR: OnceLock<Regex> = OnceLock::new();
    static DUR: OnceLock<Regex> = OnceLock::new();
    static DUR_ADJ: OnceLock<Regex> = OnceLock::new();
    static REF: OnceLock<Regex> = OnceLock::new();
    static SPAN: OnceLock<Regex> = OnceLock::new();
    static DECADE: OnceLock<Regex> = OnceLock::new();
    let time = r"(?:\s+at\s+(\d{1,2})(?::(\d{2}))?\s*([ap]\.?m\.?))?";
    let pats: Vec<(&Regex, u8)> = vec![
        (
            re(
                &FULL_MDY,
                &format!(
                    r"\b(?:{WEEKDAY},?\s+)?{MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}}){time}"
                ),
            ),
            1,
        ),
        (
            re(
                &FULL_DMY,
                &format!(
                    r"\b(?:{WEEKDAY},?\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH},?\s+(\d{{4}})"
                ),
            ),
            2,
        ),
        (re(&ISO, r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b"), 3),
        (
            re(
                &M_REL_Y,
                &format!(r"(?i)\b{MONTH}\s+(last|this|next)\s+year\b"),
            ),
            7,
        ),
        (
            re(
                &SEASON_REL_Y,
                r"(?i)\b(summer|winter|spring|autumn|fall)\s+(?:of\s+)?(last|this|next)\s+year\b",
            ),
            9,
        ),
        (
            re(
                &MY,
                &format!(r"\b{MONTH},?\s+(?:of\s+)?((?:19|20)\d{{2}})\b"),
            ),
            6,
        ),
        (
            re(
                &SEASON_Y,
                r"(?i)\b(summer|winter|spring|autumn|fall)\s+(?:of\s+)?((?:19|20)\d{2})\b",
            ),
            8,
        ),
        (
            re(
                &MD,
                &format!(r"\b{MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b{time}"),
            ),
            4,
        ),
        (
            re(
                &DM,
                &format!(r"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}\b"),
            ),
            5,
        ),
        (
            re(&THIS, r"(?i)\b(earlier|later)\s+this\s+(week|month|year)\b"),
            11,
        ),
        (
            re(
                &REL,
                &format!(
                    r"(?i)\b(last|this|next|past|previous|coming)\s+(week|month|year|weekend|summer|winter|spring|autumn|fall|{WEEKDAY}|{MONTH})\b"
                ),
            ),
            10,
        ),
        (
            re(
                &DAYWORD,
                r"(?i)\b(yesterday|today|tonight|last night|this morning|this afternoon|this evening|yesterday morning|yesterday afternoon|yesterday evening|tomorrow)\b",
            ),
            12,
        ),
        (
            re(
                &AGO,
                &format!(
                    r"(?i)\b{NUMBER}\s+(days?|weeks?|months?|years?)\s+(?:ago|earlier|before)\b"
                ),
            ),
            13,
        ),
        (
            re(
                &SPAN,
                &format!(
                    r"(?i)\b(?:the\s+)?(?:past|last|next|coming|previous|first|final)\s+{NUMBER}\s+(days|weeks|months|years|hours)\b"
                ),
            ),
            21,
        ),
        (re(&WD, &format!(r"\b(?:on\s+)?{WEEKDAY}\b")), 14),
        (
            re(
                &MONTH_ALONE,
                r"\b(?:(?:in|since|until|by|during|early|late|mid-)\s+(January|February|March|April|June|July|August|September|October|November|December)|(January|February|April|June|July|August|September|October|November|December))\b(?:\s+[A-Z])?",
            ),
            15,
        ),
        (re(&DECADE, r"\b(?:the\s+)?((?:19|20)\d)0s\b"), 19),
        (re(&YEAR, r"\b((?:19|20)\d{2})\b"), 16),
        (
            re(
                &DUR,
                &format!(r"(?i)\b{NUMBER}\s+(days?|weeks?|months?|years?|hours?|minutes?)\b"),
            ),
            17,
        ),
        (
            re(
                &DUR_ADJ,
                r"(?i)\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty)-(day|week|month|year|hour|minute)\b",
            ),
            20,
        ),
        (
            re(
                &REF,
                r"(?i)\b(now|currently|current|at present|nowadays|recently|recent|in recent years|recent years|previously|in the past|the past|in the future|the future|soon)\b",
            ),
            18,
        ),
    ];
    let mut out: Vec<Found> = Vec::new();
    for (rx, id) in pats {
        for c in rx.captures_iter(text) {
            let m = c.get(0).expect("match");
            let (mut s, e) = (m.start(), m.end());
            if id == 14 && text[s..e].starts_with("on ") {
                s += 3;
            }
            let mut e = e;
            if id == 15 {
                // a month name alone, not followed by a capitalised word (June Smith)
                if c.get(0)
                    .expect("m")
                    .as_str()
                    .chars()
                    .last()
                    .is_some_and(char::is_uppercase)
                {
                    continue;
                }
                let m = c.get(1).or_else(|| c.get(2)).expect("group");
                s = m.start();
                e = m.end();
            }
            if out.iter().any(|f| f.start < e && s < f.end) {
                continue;
            }
            let g = |i: usize| c.get(i).map(|x| x.as_str()).unwrap_or("");
            let mut clock = None;
            let mut duration = None;
            let mut kind = "date";
            let rel = match id {
                1 => {
                    let (mo, d, y) = (month_number(g(2)), g(3).parse().ok(), g(4).parse().ok());
                    let date =
                        NaiveDate::from_ymd_opt(y.unwrap_or(0), mo.unwrap_or(0), d.unwrap_or(0));
                    let h = if g(5).is_empty() {
                        None
                    } else {
                        hour(g(5), g(7))
                    };
                    if let Some(h) = h {
                        clock = Some(format!(
                            "{h:02}:{}",
                            if g(6).is_empty() { "00" } else { g(6) }
                        ));
                    }
                    date.map(|d| {
                        Rel::Abs(match h {
                            Some(h) => DateValue::hour(d, h),
                            None => DateValue::day(d),
                        })
                    })
                }
                2 => NaiveDate::from_ymd_opt(
                    g(4).parse().unwrap_or(0),
                    month_number(g(3)).unwrap_or(0),
                    g(2).parse().unwrap_or(0),
                )
                .map(|d| Rel::Abs(DateValue::day(d))),
                3 => NaiveDate::from_ymd_opt(
                    g(1).parse().unwrap_or(0),
                    g(2).parse().unwrap_or(0),
                    g(3).parse().unwrap_or(0),
                )
                .map(|d| Rel::Abs(DateValue::day(d))),
                4 => {
                    let h = if g(3).is_empty() {
                        None
                    } else {
                        hour(g(3), g(5))
                    };
                    if let Some(h) = h {
                        clock = Some(format!(
                            "{h:02}:{}",
                            if g(4).is_empty() { "00" } else { g(4) }
                        ));
                    }
                    let d: u32 = g(2).parse().unwrap_or(0);
                    // "May 20" is a date; "May 2" too, but not "May 200"
                    (1..=31)
                        .contains(&d)
                        .then(|| Rel::MonthDay(month_number(g(1)).unwrap_or(1), d, h))
                }
                5 => {
                    let d: u32 = g(1).parse().unwrap_or(0);
                    (1..=31)
                        .contains(&d)
                        .then(|| Rel::MonthDay(month_number(g(2)).unwrap_or(1), d, None))
                }
                6 => Some(Rel::Abs(DateValue::month(
                    g(2).parse().unwrap_or(0),
                    month_number(g(1)).unwrap_or(1),
                ))),
                7 => Some(Rel::MonthOfYear(
                    month_number(g(1)).unwrap_or(1),
                    off_word(g(2)),
                )),
                8 => Some(Rel::Abs(DateValue::season(
                    g(2).parse().unwrap_or(0),
                    season_code(g(1)),
                ))),
                9 => Some(Rel::SeasonOfYear(season_code(g(1)), off_word(g(2)))),
                10 if matches!(g(1).to_ascii_lowercase().as_str(), "past" | "previous")
                    && matches!(
                        g(2).to_ascii_lowercase().as_str(),
                        "week" | "month" | "year"
                    ) =>
                {
                    let code = g(2).to_ascii_uppercase().chars().next().unwrap_or('Y');
                    out.push(Found {
                        start: s,
                        end: e,
                        rel: None,
                        kind: "duration",
                        duration: Some(format!("P1{code}")),
                        clock,
                        special: None,
                    });
                    continue;
                }
                10 => {
                    let off = off_word(g(1));
                    let w = g(2).to_ascii_lowercase();
                    Some(match w.as_str() {
                        "week" | "weekend" => Rel::Unit('W', off % 2),
                        "month" => Rel::Unit('M', off % 2),
                        "year" => Rel::Unit('Y', off % 2),
                        "summer" | "winter" | "spring" | "autumn" | "fall" => {
                            Rel::Season(season_code(&w), off)
                        }
                        _ => {
                            if let Some(wd) = weekday(&w) {
                                Rel::Weekday(wd, off % 2)
                            } else {
                                Rel::Month(month_number(&w).unwrap_or(1), off)
                            }
                        }
                    })
                }
                11 => Some(match g(2).to_ascii_lowercase().as_str() {
                    "week" => Rel::Unit('W', 0),
                    "month" => Rel::Unit('M', 0),
                    _ => Rel::Unit('Y', 0),
                }),
                12 => Some(match g(1).to_ascii_lowercase().as_str() {
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
                }),
                13 if number(g(1)).unwrap_or(1) < 0 => {
                    out.push(Found {
                        start: s,
                        end: e,
                        rel: None,
                        kind: "date",
                        duration: None,
                        clock,
                        special: Some("PAST_REF".into()),
                    });
                    continue;
                }
                21 => {
                    let n = number(g(1)).unwrap_or(1);
                    let n = if n < 0 {
                        "X".to_string()
                    } else {
                        n.to_string()
                    };
                    let u = g(2).to_ascii_lowercase();
                    let d = if u.starts_with('h') {
                        format!("PT{n}H")
                    } else {
                        format!("P{n}{}", u[..1].to_ascii_uppercase())
                    };
                    out.push(Found {
                        start: s,
                        end: e,
                        rel: None,
                        kind: "duration",
                        duration: Some(d),
                        clock,
                        special: None,
                    });
                    continue;
                }
                13 => {
                    let n = number(g(1)).unwrap_or(1);
                    let u = g(2).to_ascii_uppercase().chars().next().unwrap_or('D');
                    Some(Rel::Ago(u, n))
                }
                14 => weekday(g(1)).map(|w| Rel::Weekday(w, 0)),
                15 => month_number(if g(1).is_empty() { g(2) } else { g(1) })
                    .map(|m| Rel::Month(m, 0)),
                16 => {
                    // not part of a longer number, an amount or a time
                    let before = text[..s].chars().next_back().unwrap_or(' ');
                    let after = text[e..].chars().next().unwrap_or(' ');
                    if before.is_ascii_digit()
                        || after.is_ascii_digit()
                        || matches!(before, '$' | '€' | '£' | '#' | '/')
                        || matches!(after, '%' | '/' | ':')
                    {
                        None
                    } else {
                        Some(Rel::Abs(DateValue::year(g(1).parse().unwrap_or(0))))
                    }
                }
                17 => {
                    let after = text[e..].trim_start().to_ascii_lowercase();
                    let before = text[..s].trim_end();
                    if after.starts_with("old")
                        || after.starts_with("ago")
                        || before.ends_with('-')
                        || text[e..].starts_with('-')
                    {
                        None
                    } else {
                        kind = "duration";
                        let n = number(g(1)).unwrap_or(1);
                        let u = g(2).to_ascii_lowercase();
                        let code = match u.chars().next() {
                            Some('d') => "D",
                            Some('w') => "W",
                            Some('m') if u.starts_with("mo") => "M",
                            Some('m') => "TM",
                            Some('h') => "TH",
                            _ => "Y",
                        };
                        let n = if n < 0 {
                            "X".to_string()
                        } else {
                            n.to_string()
                        };
                        duration = Some(match code {
                            "TM" => format!("PT{n}M"),
                            "TH" => format!("PT{n}H"),
                            c => format!("P{n}{c}"),
                        });
                        out.push(Found {
                            start: s,
                            end: e,
                            rel: None,
                            kind,
                            duration,
                            clock,
                            special: None,
                        });
                        continue;
                    }
                }
                18 | 19 => {
                    let special = if id == 19 {
                        g(1).to_string()
                    } else {
                        match g(1).to_ascii_lowercase().as_str() {
                            "recently" | "recent" | "in recent years" | "recent years"
                            | "in the past" | "the past" | "previously" => "PAST_REF",
                            "in the future" | "the future" | "soon" => "FUTURE_REF",
                            _ => "PRESENT_REF",
                        }
                        .to_string()
                    };
                    out.push(Found {
                        start: s,
                        end: e,
                        rel: None,
                        kind: "date",
                        duration: None,
                        clock,
                        special: Some(special),
                    });
                    continue;
                }
                20 => {
                    if text[e..].starts_with("-old") || text[e..].starts_with(" old") {
                        continue;
                    }
                    let n = number(g(1)).unwrap_or(1);
                    let code = match g(2).to_ascii_lowercase().as_str() {
                        "day" => "D".to_string(),
                        "week" => "W".to_string(),
                        "month" => "M".to_string(),
                        "hour" => "TH".to_string(),
                        "minute" => "TM".to_string(),
                        _ => "Y".to_string(),
                    };
                    let d = match code.as_str() {
                        "TH" => format!("PT{n}H"),
                        "TM" => format!("PT{n}M"),
                        c => format!("P{n}{c}"),
                    };
                    out.push(Found {
                        start: s,
                        end: e,
                        rel: None,
                        kind: "duration",
                        duration: Some(d),
                        clock,
                        special: None,
                    });
                    continue;
                }
                _ => None,
            };
            if rel.is_none() {
                continue;
            }
            out.push(Found {
                start: s,
                end: e,
                rel,
                kind,
                duration,
                clock,
                special: None,
            });
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
    let mut bounds = None;
    if published.is_none() {
        let mut earliest: Option<NaiveDate> = None;
        let mut latest: Option<NaiveDate> = None;
        let mut basis = Vec::new();
        if let Some(y) = copyright_year {
            earliest = NaiveDate::from_ymd_opt(y, 1, 1);
            latest = NaiveDate::from_ymd_opt(y, 12, 31);
            basis.push(format!("copyright year {y}"));
        }
        let mut latest_mention: Option<(NaiveDate, String)> = None;
        for f in &found {
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
                for f in &found {
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
            bounds = Some(DateBounds {
                earliest: earliest.map(|d| d.format("%Y-%m-%d").to_string()),
                latest: latest.map(|d| d.format("%Y-%m-%d").to_string()),
                basis: basis.join("; "),
            });
        }
    }
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
        let (value, tb) = if let Some(r) = published {
            (resolve(&rel, r), None)
        } else if !relative {
            (
                resolve(&rel, NaiveDate::from_ymd_opt(2000, 1, 1).expect("date")),
                None,
            )
        } else if let (Some(a), Some(b), Rel::MonthDay(m, d, h)) = (b_early, b_late, &rel) {
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
            let (va, vb) = (resolve(&rel, a), resolve(&rel, b));
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
                resolve(&rel, a)
                    .and_then(|v| v.range())
                    .map(|r| DateBounds {
                        earliest: Some(r.0.format("%Y-%m-%d").to_string()),
                        latest: None,
                        basis: "relative to the report's earliest possible date".into(),
                    }),
            )
        } else {
            (None, None)
        };
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
