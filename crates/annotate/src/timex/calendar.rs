//! The calendar: what a time expression means once found (a [`Rel`]: absolute, or relative to a
//! reference day and a direction), and how it is resolved against a reference day into an ISO
//! value with its precision; holidays fixed and movable.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use casefile_model::{DateValue, Precision};

/// Which way from the reference an expression without a year or week points, as the tense of
/// its clause says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Dir {
    /// No future words: each expression's own rule (the nearest day; a weekday on or before
    /// the reference, as in "was detained on Tuesday").
    Nearest,
    /// A future clause ("will meet on Tuesday"): on or after it.
    Future,
}

/// A holiday: a fixed day of the year, or one that moves (a weekday of a month, Easter).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Holiday {
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
pub(super) fn holiday(name: &str) -> Option<Holiday> {
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
pub(super) enum Rel {
    Abs(DateValue),
    /// Month and day without a year; optional hour; which way from the reference.
    MonthDay(u32, u32, Option<u32>, Dir),
    /// A month without a year: offset -1 "last", 0 the nearest, +1 "next", 2 "this" (the same
    /// year), -2 bare (ahead within three months, else behind), 3 bare in a future clause (this
    /// month or a later one), -3 bare after a verb in the past (this month or an earlier one).
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

pub(super) fn weekday(s: &str) -> Option<Weekday> {
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

pub(super) fn number(s: &str) -> Option<i64> {
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

pub(super) fn season_code(s: &str) -> &'static str {
    match s.to_ascii_lowercase().as_str() {
        "winter" => "WI",
        "spring" => "SP",
        "summer" => "SU",
        _ => "FA",
    }
}

pub(super) fn hour(h: &str, ampm: &str) -> Option<u32> {
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

pub(super) fn add_months(y: i32, m: u32, k: i32) -> (i32, u32) {
    let idx = y * 12 + m as i32 - 1 + k;
    (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u32)
}

/// A month without a year, by its offset (see [`Rel::Month`]).
pub(super) fn month_of(m: u32, off: i32, r: NaiveDate) -> DateValue {
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
        // on or before the reference's month: a bare month told of what was done ("was
        // detained in July", written in June: the July before)
        -3 => {
            if m <= r.month() {
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
pub(super) fn season_of(code: &'static str, off: i32, r: NaiveDate) -> Option<DateValue> {
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
pub(super) fn resolve(rel: &Rel, r: NaiveDate) -> Option<DateValue> {
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

/// -1 "last", +1 "next", 2 "this" (the same year), 0 otherwise.
pub(super) fn off_word(w: &str) -> i32 {
    match w.to_ascii_lowercase().as_str() {
        "last" | "past" | "previous" => -1,
        "next" | "coming" => 1,
        "this" => 2,
        _ => 0,
    }
}
