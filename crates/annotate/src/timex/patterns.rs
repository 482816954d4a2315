//! Finding time expressions: a table of named patterns, each regular expression beside the
//! reader that makes a [`Found`] of its match; patterns are tried in order, a match overlapping
//! an earlier find passed over.

use std::sync::OnceLock;

use casefile_model::{month_number, DateValue};
use chrono::NaiveDate;
use regex::{Captures, Regex};

use super::calendar::{holiday, hour, number, off_word, season_code, weekday, Dir, Rel};
use super::Found;

pub(super) const MONTH: &str = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)";

pub(super) const WEEKDAY: &str = r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";

pub(super) const NUMBER: &str = r"(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|several|a few|few)";

/// The way the clause before `at` points: ahead when it has future words ("will", "is to",
/// "scheduled"), else no way in particular (the expression's own rule decides).
pub(super) fn tense_before(text: &str, at: usize) -> Dir {
    static FUTURE: OnceLock<Regex> = OnceLock::new();
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
    if future.is_match(clause) {
        Dir::Future
    } else {
        Dir::Nearest
    }
}

/// Whether the expression at `at` follows, with a preposition between, a verb told in the past
/// ("was detained in July", "fled in March"), not one that is still to come ("will be released
/// in July", "could be freed in June").
pub(super) fn done_before(text: &str, at: usize) -> bool {
    static PAST: OnceLock<Regex> = OnceLock::new();
    let past = PAST.get_or_init(|| {
        Regex::new(
            r"(?i)\b(?:(will|would|could|can|may|might|should|shall|must|to)\s+(?:be\s+|have\s+been\s+)?)?(?:also\s+|later\s+|first\s+|again\s+)?(?:[a-z]+ed|held|sent|taken|seen|left|fled|met|kept|found|brought|shot|beaten|given|told|put)\s+(?:in|during|by|until|since)\s+$",
        )
        .expect("valid regex")
    });
    let from = at.saturating_sub(80);
    let from = (from..at).find(|&i| text.is_char_boundary(i)).unwrap_or(at);
    past.captures(&text[from..at])
        .is_some_and(|c| c.get(1).is_none())
}

/// An optional clock time after a date ("at 3pm", "at 10:30 a.m.").
pub(super) const TIME: &str = r"(?:\s+at\s+(\d{1,2})(?::(\d{2}))?\s*([ap]\.?m\.?))?";

/// One kind of time expression: its regular expression, the span of a match it covers, and
/// how a match is read. Patterns are tried in the order of [`PATTERNS`]; a match that overlaps
/// one found before is passed over, so the longer, more specific forms come first.
pub(super) struct Pattern {
    /// What it finds, for people ("month day year").
    name: &'static str,
    source: fn() -> String,
    /// The part of the match that is the expression (the whole match unless said otherwise).
    span: fn(&Captures, &str) -> Option<(usize, usize)>,
    read: fn(&Match) -> Option<Found>,
}

/// A match of a pattern, with the span it covers.
pub(super) struct Match<'t> {
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
pub(super) fn without_on(c: &Captures, text: &str) -> Option<(usize, usize)> {
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

pub(super) fn whole(c: &Captures, _: &str) -> Option<(usize, usize)> {
    let m = c.get(0)?;
    Some((m.start(), m.end()))
}

/// The hour and the clock time of groups `h`, `h + 1` (minutes) and `h + 2` (am/pm).
pub(super) fn clock_of(m: &Match, h: usize) -> (Option<u32>, Option<String>) {
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
pub(super) fn iso_duration(n: &str, unit: &str) -> String {
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
pub(super) fn and_a_half(n: i64, unit: &str) -> String {
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
pub(super) fn count(n: i64) -> String {
    if n < 0 {
        "X".to_string()
    } else {
        n.to_string()
    }
}

pub(super) const PATTERNS: &[Pattern] = &[
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
        name: "the following day, the day before (from the narrative's day)",
        source: || {
            r"(?i)\bthe\s+(?:(following|next|previous|preceding)\s+(day|morning|evening|night)\b|day\s+(after|before)\s*[,.;])".into()
        },
        span: |c, text| {
            let (s, e) = whole(c, text)?;
            // "the day after," less the punctuation that shows nothing follows it
            Some((
                s,
                s + text[s..e].trim_end_matches([',', '.', ';', ' ']).len(),
            ))
        },
        read: |m| {
            let back = matches!(
                m.g(1).to_ascii_lowercase().as_str(),
                "previous" | "preceding"
            ) || m.g(3).eq_ignore_ascii_case("before");
            m.date(
                Some(Rel::FromNarrative('D', if back { -1 } else { 1 })),
                None,
            )
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
            r"\b(?:(?:in|since|until|by|during|early|late|mid-)\s+(January|February|March|April|May|June|July|August|September|October|November|December)|(January|February|April|June|July|August|September|October|November|December))\b(?:\s+[A-Z])?".into()
        },
        // the month name alone, and not before a capitalised word (June Smith); "May" and
        // "March" only after a preposition ("said in May"), where no verb stands
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
            let off = match m.tense() {
                Dir::Future => 3,
                _ if done_before(m.text, m.start) => -3,
                _ => -2,
            };
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
        name: "duration range (two to three weeks, 12 to 18 months)",
        source: || {
            format!(
                r"(?i)\b{NUMBER}\s*(?:to|or|-|–)\s*{NUMBER}\s+(days|weeks|months|years|hours|minutes)\b"
            )
        },
        span: whole,
        // a range is told by its lower bound: it lasted at least that long
        read: |m| m.duration(iso_duration(&count(number(m.g(1))?), m.g(3))),
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
pub(super) fn read_relative(m: &Match) -> Option<Found> {
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
pub(super) fn compiled() -> &'static [Regex] {
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
pub(super) fn scan(text: &str) -> Vec<Found> {
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
