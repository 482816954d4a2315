//! Time expressions: found in running text, normalised to ISO values with a precision,
//! relative ones resolved against the report's publication date.
//!
//! A report with no date of its own gets bounds: no earlier than the latest full date it
//! mentions (it reports those as past), within its copyright year if it has one. Relative
//! expressions in such a report keep a window resolved from both ends of those bounds.
//!
//! - [`patterns`]: finding expressions, a table of named patterns with their readers;
//! - [`calendar`]: what an expression means ([`Rel`]) and its value against a reference day.

use casefile_model::{DateBounds, DateValue, Document, Precision, Timex};
use chrono::{Datelike, NaiveDate};

mod calendar;
mod patterns;

use calendar::{resolve, Rel};
use patterns::scan;

struct Found {
    start: usize,
    end: usize,
    rel: Option<Rel>,
    kind: &'static str,
    duration: Option<String>,
    clock: Option<String>,
    special: Option<String>,
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
    let mut story = Story::default();
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
                partial: None,
                report_offset: None,
                report_year_offset: None,
            });
            continue;
        };
        let relative = !is_absolute(&rel);
        let (value, tb, partial) = match story.counted(&rel) {
            Some((value, partial)) => (value, None, partial),
            None => {
                let (value, tb) = value_of(&rel, published, (b_early, b_late));
                // a day and month that nothing here places in a year: kept, for other reports
                let partial = match (&value, &tb, &rel) {
                    (None, None, Rel::MonthDay(m, d, _, _)) => Some((*m, *d)),
                    _ => None,
                };
                (value, tb, partial)
            }
        };
        story.told(value.as_ref(), partial, relative);
        let partial = partial.map(|(m, d)| format!("XXXX-{m:02}-{d:02}"));
        // "today", "yesterday" in a report with no day of its own: counted from that day
        let report_offset = match (&value, &tb, &rel) {
            (None, None, Rel::Today(off) | Rel::PartOfDay(off, _)) => Some(*off),
            (None, None, Rel::TodayAt(_)) => Some(0),
            _ => None,
        };
        // "last year", "this year" in a report with no year: counted from that year
        let report_year_offset = match (&value, &tb, &rel) {
            (None, _, Rel::Unit('Y', off)) => Some(*off),
            _ => None,
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
            partial,
            report_offset,
            report_year_offset,
        });
    }
    (out, bounds)
}

/// A time counted from the story: its value, or its day and month when the year is unknown.
type Counted = (Option<DateValue>, Option<(u32, u32)>);

/// Where the report's story stands, for what is counted from it ("two days later").
#[derive(Default)]
struct Story {
    /// The last day-precise date told so far; when that day's year is unknown ("On 20
    /// January"), the day in a stand-in leap year, and `yearless` set.
    day: Option<NaiveDate>,
    yearless: bool,
    /// The story has moved from its last day to a year or a month holding none: its start and
    /// precision.
    moved: Option<(NaiveDate, Precision)>,
}

impl Story {
    /// The value (and the day and month without a year) of a time counted from the story
    /// ("the following day", "a month later"); None for a time counted otherwise, or from no
    /// time told (then from the report's day).
    fn counted(&self, rel: &Rel) -> Option<Counted> {
        let Rel::FromNarrative(unit, _) = rel else {
            return None;
        };
        match (self.day, self.moved) {
            // "the following day" after a day whose year is unknown: a day without a year too
            (Some(n), _) if self.yearless => Some((
                None,
                resolve(rel, n)
                    .filter(|v| v.precision == Precision::Day)
                    .and_then(|v| v.range())
                    .map(|(d, _)| (d.month(), d.day())),
            )),
            (Some(n), _) => Some((resolve(rel, n), None)),
            // "a month later" after a year or a month that holds no day told: counted from
            // that year or month when the step is as coarse ("a year later" after "in 2019"),
            // else from nothing the report gives
            (None, Some((from, precision))) => {
                let coarse_enough = match unit {
                    'Y' => true,
                    'M' => precision >= Precision::Month,
                    _ => false,
                };
                Some((coarse_enough.then(|| resolve(rel, from)).flatten(), None))
            }
            (None, None) => None,
        }
    }

    /// The story after a time told: a day becomes its day; a year or a month named that does
    /// not hold its day moves it there, to no day ("In 2019 … died a month later" is not a
    /// month after the day of the paragraph before), while one counted from the report's day
    /// ("a year ago", "last month") is a comparison with now and moves nothing.
    fn told(&mut self, value: Option<&DateValue>, partial: Option<(u32, u32)>, relative: bool) {
        if let Some(d) = value.filter(|v| v.precision >= Precision::Day) {
            *self = Story {
                day: d.range().map(|r| r.0),
                ..Story::default()
            };
        } else if let Some((v, (from, to))) = value.and_then(|v| Some((v, v.range()?))) {
            let elsewhere = self.moved.is_some()
                || self
                    .day
                    .is_some_and(|n| self.yearless || n < from || n > to);
            if elsewhere && !relative {
                *self = Story {
                    moved: Some((from, v.precision)),
                    ..Story::default()
                };
            }
        } else if let Some((m, d)) = partial {
            // 2000 is a leap year: a 29 February stays a day
            *self = Story {
                day: NaiveDate::from_ymd_opt(2000, m, d),
                yearless: true,
                moved: None,
            };
        }
    }
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
                "On March 20 they came; the next day, he spoke.",
                "the next day",
                "2023-03-21",
            ),
            (
                "2023-04-03",
                "He was freed on March 31. The previous evening, a judge ruled.",
                "The previous evening",
                "2023-03-30",
            ),
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
            // a bare month after a verb in the past is behind, even within three months
            (
                "2024-06-03",
                "His son was also detained in July but freed after two weeks.",
                "July",
                "2023-07",
            ),
            (
                "2024-06-03",
                "She could be released in July.",
                "July",
                "2024-07",
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
            // "May" after a preposition is the month; the modal is written in lower case
            (
                "2020-09-07",
                "Her sons said in May that they had pardoned the killers.",
                "May",
                "2020-05",
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

    /// "later" counts from the last day told, unless the story has since moved to a year or a
    /// month that holds no day: then from nothing the report says.
    #[test]
    fn later_after_a_year_told_is_no_day() {
        let later = |text: &str| {
            values(text, Some("2023-04-05"))
                .into_iter()
                .find(|(t, _)| t == "a month later")
                .expect("found")
                .1
        };
        assert_eq!(
            later("He was seized on March 3, 2021. In 2019 another man died a month later."),
            None
        );
        assert_eq!(
            later("He was seized on March 3, 2021. In March 2021 he was charged a month later."),
            Some("2021-04".to_string())
        );
        // a step as coarse as the year or month told counts from it
        assert_eq!(
            later("He was seized on March 3, 2021. In May 2019 he was charged, a month later."),
            Some("2019-06".to_string())
        );
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

    /// A day and month in a report that tells no year keeps its day and month for the other
    /// reports to place; a weekday, which names no day of the year, keeps nothing.
    #[test]
    fn a_yearless_day_is_kept_as_partial() {
        let cases = [
            ("She was taken on the evening of January 20.", Some((1, 20))),
            ("On 3 February, armed men broke in.", Some((2, 3))),
            ("They were seized last Thursday.", None),
            (
                "On 20 January they came. The following day, he spoke.",
                Some((1, 20)),
            ),
        ];
        for (text, want) in cases {
            let (t, _) = find(&doc(text, None), None);
            assert!(t[0].value.is_none(), "{text}");
            assert_eq!(t[0].month_day(), want, "{text}");
        }
        // "today" and "yesterday" in a report with no day: counted from the report's day
        let (t, _) = find(
            &doc(
                "Today the court sentenced her. Yesterday he was beaten.",
                None,
            ),
            None,
        );
        assert_eq!(t[0].report_offset, Some(0));
        assert_eq!(t[1].report_offset, Some(-1));
        // "last year" in a report with no year: counted from the report's year
        let (t, _) = find(&doc("The writer was murdered last year.", None), None);
        assert_eq!(t[0].report_year_offset, Some(-1));
        // the day after a yearless day is yearless too
        let (t, _) = find(
            &doc(
                "On 31 January they came. The following day, he spoke.",
                None,
            ),
            None,
        );
        assert_eq!(t[1].text, "The following day");
        assert_eq!(t[1].month_day(), Some((2, 1)));
        let (t, _) = find(
            &doc("On 3 March they came; the day before, he left.", None),
            None,
        );
        assert_eq!(t[1].text, "the day before");
        assert_eq!(t[1].month_day(), Some((3, 2)));
        // with a date of its own, the day has its year and nothing is partial
        let (t, _) = find(
            &doc("She was taken on January 20.", Some("2022-01-27")),
            None,
        );
        assert_eq!(t[0].value.as_ref().unwrap().value, "2022-01-20");
        assert!(t[0].partial.is_none());
    }
}
