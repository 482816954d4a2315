//! Dates cut to a precision, and date windows.

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// How precise a date is. Ordered from coarse to fine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Year,
    Season,
    Quarter,
    Month,
    Week,
    Day,
    Hour,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Year => "year",
            Precision::Season => "season",
            Precision::Quarter => "quarter",
            Precision::Month => "month",
            Precision::Week => "week",
            Precision::Day => "day",
            Precision::Hour => "hour",
        }
    }
}

/// An ISO 8601 value cut to its precision: `2020`, `2020-SU`, `1989-Q3`, `2020-06`, `2021-W05`,
/// `2021-02-04`, `2021-02-04T15`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DateValue {
    pub value: String,
    pub precision: Precision,
}

/// A window `[earliest, latest]` of days (ISO dates), either end open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateBounds {
    pub earliest: Option<String>,
    pub latest: Option<String>,
    /// Why these bounds.
    pub basis: String,
}

const SEASONS: [(&str, u32, u32); 4] = [("WI", 12, 2), ("SP", 3, 5), ("SU", 6, 8), ("FA", 9, 11)];

fn month_end(y: i32, m: u32) -> NaiveDate {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1).expect("valid month") - Duration::days(1)
}

impl DateValue {
    pub fn day(d: NaiveDate) -> Self {
        DateValue {
            value: d.format("%Y-%m-%d").to_string(),
            precision: Precision::Day,
        }
    }
    pub fn month(y: i32, m: u32) -> Self {
        DateValue {
            value: format!("{y:04}-{m:02}"),
            precision: Precision::Month,
        }
    }
    pub fn year(y: i32) -> Self {
        DateValue {
            value: format!("{y:04}"),
            precision: Precision::Year,
        }
    }
    pub fn hour(d: NaiveDate, h: u32) -> Self {
        DateValue {
            value: format!("{}T{h:02}", d.format("%Y-%m-%d")),
            precision: Precision::Hour,
        }
    }
    /// A season: `WI` (Dec of year-1 .. Feb), `SP`, `SU`, `FA`.
    pub fn season(y: i32, code: &str) -> Self {
        DateValue {
            value: format!("{y:04}-{code}"),
            precision: Precision::Season,
        }
    }
    /// A quarter of a year (1 to 4): `1989-Q3` runs from July to September.
    pub fn quarter(y: i32, q: u32) -> Self {
        DateValue {
            value: format!("{y:04}-Q{q}"),
            precision: Precision::Quarter,
        }
    }
    /// ISO week containing `d`.
    pub fn week(d: NaiveDate) -> Self {
        let w = d.iso_week();
        DateValue {
            value: format!("{:04}-W{:02}", w.year(), w.week()),
            precision: Precision::Week,
        }
    }

    /// The first and last day this value covers.
    pub fn range(&self) -> Option<(NaiveDate, NaiveDate)> {
        let v = self.value.as_str();
        let year: i32 = v.get(0..4)?.parse().ok()?;
        match self.precision {
            Precision::Year => Some((
                NaiveDate::from_ymd_opt(year, 1, 1)?,
                NaiveDate::from_ymd_opt(year, 12, 31)?,
            )),
            Precision::Season => {
                let code = v.get(5..7)?;
                let &(_, a, b) = SEASONS.iter().find(|s| s.0 == code)?;
                if code == "WI" {
                    Some((
                        NaiveDate::from_ymd_opt(year - 1, 12, 1)?,
                        month_end(year, b),
                    ))
                } else {
                    Some((NaiveDate::from_ymd_opt(year, a, 1)?, month_end(year, b)))
                }
            }
            Precision::Quarter => {
                let q: u32 = v.get(6..7)?.parse().ok().filter(|q| (1..=4).contains(q))?;
                Some((
                    NaiveDate::from_ymd_opt(year, 3 * q - 2, 1)?,
                    month_end(year, 3 * q),
                ))
            }
            Precision::Month => {
                let m: u32 = v.get(5..7)?.parse().ok()?;
                Some((NaiveDate::from_ymd_opt(year, m, 1)?, month_end(year, m)))
            }
            Precision::Week => {
                let w: u32 = v.get(6..8)?.parse().ok()?;
                let start = NaiveDate::from_isoywd_opt(year, w, chrono::Weekday::Mon)?;
                Some((start, start + Duration::days(6)))
            }
            Precision::Day | Precision::Hour => {
                let d = NaiveDate::parse_from_str(v.get(0..10)?, "%Y-%m-%d").ok()?;
                Some((d, d))
            }
        }
    }

    /// Whether two values can describe the same time (their ranges overlap).
    pub fn compatible(&self, other: &DateValue) -> bool {
        match (self.range(), other.range()) {
            (Some((a0, a1)), Some((b0, b1))) => a0 <= b1 && b0 <= a1,
            _ => false,
        }
    }

    /// Whether this value lies wholly inside `other`.
    pub fn within(&self, other: &DateValue) -> bool {
        match (self.range(), other.range()) {
            (Some((a0, a1)), Some((b0, b1))) => b0 <= a0 && a1 <= b1,
            _ => false,
        }
    }

    /// The value cut to a coarser precision (`2021-02-04` → month → `2021-02`).
    pub fn truncate(&self, p: Precision) -> DateValue {
        if p >= self.precision {
            return self.clone();
        }
        let Some((start, _)) = self.range() else {
            return self.clone();
        };
        match p {
            Precision::Year => DateValue::year(start.year()),
            Precision::Quarter => DateValue::quarter(start.year(), start.month().div_ceil(3)),
            Precision::Month => DateValue::month(start.year(), start.month()),
            Precision::Week => DateValue::week(start),
            Precision::Day => DateValue::day(start),
            Precision::Season | Precision::Hour => self.clone(),
        }
    }

    /// The value cut to day precision when it is finer (an hour goes to its day); a clock time
    /// is told apart from the date it belongs to.
    pub fn at_most_day(&self) -> DateValue {
        self.truncate(Precision::Day.min(self.precision))
    }

    /// Readable form for reports: "4 February 2021", "June 2020", "summer 2020".
    pub fn human(&self) -> String {
        let Some((start, _)) = self.range() else {
            return self.value.clone();
        };
        match self.precision {
            Precision::Year => format!("{}", start.year()),
            Precision::Season => {
                let code = self.value.get(5..7).unwrap_or("");
                let name = match code {
                    "WI" => "winter",
                    "SP" => "spring",
                    "SU" => "summer",
                    _ => "autumn",
                };
                format!("{name} {}", self.value.get(0..4).unwrap_or(""))
            }
            Precision::Quarter => format!(
                "{} quarter of {}",
                ["first", "second", "third", "fourth"][(start.month() as usize - 1) / 3],
                start.year()
            ),
            Precision::Month => start.format("%B %Y").to_string(),
            Precision::Week => format!("week of {}", start.format("%-d %B %Y")),
            Precision::Day => start.format("%-d %B %Y").to_string(),
            Precision::Hour => {
                let part = match self.value.get(11..13).unwrap_or("00") {
                    "MO" => "morning".to_string(),
                    "AF" => "afternoon".to_string(),
                    "EV" => "evening".to_string(),
                    "NI" => "night".to_string(),
                    h => format!("{h}:00"),
                };
                format!("{} {part}", start.format("%-d %B %Y"))
            }
        }
    }
}

impl DateBounds {
    pub fn range(&self) -> (Option<NaiveDate>, Option<NaiveDate>) {
        let p = |s: &Option<String>| {
            s.as_deref()
                .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        };
        (p(&self.earliest), p(&self.latest))
    }
}

/// The months' English names, January first: the one date vocabulary ingest and annotate share.
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// English weekday names, lower case.
pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Month number of an English month name or abbreviation ("Feb", "Sept.").
pub fn month_number(s: &str) -> Option<u32> {
    let s = s.trim_end_matches('.').to_ascii_lowercase();
    if s.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&s) && (s.len() >= 3) && (s.len() == m.len() || s.len() <= 4))
        .map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_and_compatibility() {
        let d = DateValue::day(NaiveDate::from_ymd_opt(2021, 2, 4).unwrap());
        let m = DateValue::month(2021, 2);
        let su = DateValue::season(2020, "SU");
        let june = DateValue::month(2020, 6);
        assert!(d.within(&m));
        assert!(june.within(&su));
        assert!(!m.compatible(&june));
        assert_eq!(d.truncate(Precision::Month), m);
        assert_eq!(
            DateValue::season(2021, "WI").range().unwrap().0,
            NaiveDate::from_ymd_opt(2020, 12, 1).unwrap()
        );
        assert_eq!(
            DateValue::month(2020, 2).range().unwrap().1,
            NaiveDate::from_ymd_opt(2020, 2, 29).unwrap()
        );
        assert_eq!(d.human(), "4 February 2021");
        let w = DateValue::week(NaiveDate::from_ymd_opt(2021, 2, 4).unwrap());
        assert_eq!(w.value, "2021-W05");
        assert!(d.within(&w));
    }
}
