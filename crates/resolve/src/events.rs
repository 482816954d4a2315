//! Event coreference: one happening told by several reports becomes one event.
//!
//! Mentions are grouped by act family ("seized", "arrested", "abducted" tell of one seizure),
//! then joined when their dates are compatible (their ranges overlap). Mentions with a date of
//! their own are placed first, most precise first; undated ones (a report with no date of its
//! own saying "last Thursday") then join the family's event that shares a participant, or else
//! the latest one that tells the same kind of act, or else the one undated happening of that
//! kind. A month or a year is no mark of one happening: a telling dated no finer joins an event
//! only of its own kind of act or one that names someone it names. Statements are many to a
//! case: one joins another report's only by the same speaker, and statements or campaigns that
//! no report dates are claims, not events. The event's date is the most precise value
//! consistent with all its dated sources, cut to the day.

use std::collections::BTreeMap;

use chrono::Datelike;

use casefile_model::{
    ActKind, Annotations, Answer, DateValue, Document, EntityKind, Event, EventMention,
    MentionLink, Modality, Participant, ParticipantRole, Precision, Span,
};

struct Member {
    doc: usize,
    idx: usize,
    /// The kind of act ("arrest", "disappearance"), one of its family's.
    kind: ActKind,
    date: Option<DateValue>,
    /// date taken from the sentences before, not this one
    context: bool,
    /// Told as done by the time of writing ("has been sentenced"): its date, the report's
    /// month, is only the latest it can be.
    done_by: bool,
    entities: Vec<String>,
    victims: Vec<String>,
    /// Who took the act, where the grammar names its doer (petitions, statements, rulings).
    agents: Vec<(String, EntityKind)>,
    /// The last day its report can tell of (see [`members_by_family`]), when known.
    written_by: Option<chrono::NaiveDate>,
    /// The last day its report can tell of by the report's own date, or the day or year the
    /// other reports place it in; not the guess of a year past the latest date it names.
    dated_by: Option<chrono::NaiveDate>,
    /// Undated, but its own sentence names a day and month without a year ("on January 20").
    month_day: Option<(u32, u32)>,
    /// Undated, but dated by its report's own day, which the report does not tell ("today":
    /// 0, "yesterday": -1); from the sentences before too.
    report_offset: Option<i64>,
    /// Undated, but dated by its report's own year, which the report does not tell ("last
    /// year": -1).
    report_year_offset: Option<i32>,
    /// Undated, told as done by the time of writing ("has sentenced"): of its report's year.
    /// (Such a member is `context` too: its date is not its sentence's own.)
    by_report: bool,
    /// Told of a dead body ("the body was dismembered"): after the death.
    on_remains: bool,
    /// Points back to an act told before ("the charge was based on …"): founds no event.
    refers_back: bool,
    /// The acts of its report it comes after (indices into the report's event mentions).
    after: Vec<usize>,
    /// Its verb has a doer of its own, named by no name ("the attorney general acknowledged").
    doer_unnamed: bool,
    /// Done to others than anyone the case names ("detained more than 1,000 people", "other
    /// lawyers detained").
    to_others: bool,
    /// For a request: what became of it, when its words say.
    answer: Option<Answer>,
}

fn links_of<'a>(links: &'a [MentionLink], doc: &str) -> impl Fn(usize) -> Option<&'a str> + 'a {
    let doc = doc.to_string();
    move |m| casefile_model::link_of(links, &doc, m)
}

/// One event per happening: mentions grouped by act family, clustered by compatible dates, and
/// each cluster made an event with its date, participants, place and sources; numbered in
/// time order. Returns the events and, for each, the (document id, event mention) it was built
/// from.
pub fn resolve(
    docs: &[(&Document, &Annotations)],
    links: &[MentionLink],
    entity_name: &dyn Fn(&str) -> String,
) -> Told {
    let mut events = Vec::new();
    let mut members_out = Vec::new();
    let mut not_in_chain = Vec::new();
    let mut by_family = members_by_family(docs, links);
    place_yearless(&mut by_family);
    let mut families: Vec<Family> = by_family
        .into_iter()
        .map(|((fam, in_chain), mut members)| {
            let clusters = clusters_of(&fam, &mut members);
            Family {
                fam,
                in_chain,
                members,
                clusters,
            }
        })
        .collect();
    let windows = date_by_window(&mut families);
    // how often the case names each entity, by name or by a word standing for it
    let mut named: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for l in links {
        *named.entry(l.entity.as_str()).or_default() += 1;
    }
    // whether the case has people at its centre, named over and over, whose acts it tells
    let centred = families
        .iter()
        .flat_map(|f| &f.members)
        .flat_map(|m| &m.victims)
        .any(|v| named.get(v.as_str()).copied().unwrap_or(0) >= 3);
    for (
        fi,
        Family {
            members, clusters, ..
        },
    ) in families.iter().enumerate()
    {
        for (ci, c) in clusters.iter().enumerate() {
            let ms: Vec<&Member> = c.iter().map(|&i| &members[i]).collect();
            let tellings: Vec<(String, usize)> = ms
                .iter()
                .map(|m| (docs[m.doc].0.id.clone(), m.idx))
                .collect();
            // a happening only threatened, feared, demanded, denied or supposed is no event;
            // nor an intervention no report dates (a statement, a petition, an inquiry): it is
            // an event of the chain when dated, else a claim with its doer, still among the
            // case's interventions; nor a campaign no report dates, which is the case's
            // background ("as he oversaw a crackdown on activists"), not a step
            let undated_context = ms
                .iter()
                .all(|m| (m.kind.is_intervention() || m.kind.is_campaign()) && m.date.is_none());
            // tellings that only point back to an act told before, which no other telling
            // tells, are no event of their own
            if undated_context
                || (centred && in_passing(&ms, &named))
                || ms.iter().all(|m| m.refers_back)
                || !ms
                    .iter()
                    .any(|m| docs[m.doc].1.events[m.idx].modality.in_chain())
            {
                not_in_chain.extend(tellings);
                continue;
            }
            let mut event = event_of(&ms, docs, links, entity_name);
            event.date_basis.extend(windows.get(&(fi, ci)).cloned());
            events.push(event);
            members_out.push(tellings);
        }
    }
    let (events, members) = number(events, members_out);
    Told {
        events,
        members,
        not_in_chain,
    }
}

/// One act family's tellings (asserted apart from the rest) and their clusters.
struct Family {
    fam: String,
    in_chain: bool,
    members: Vec<Member>,
    clusters: Vec<Vec<usize>>,
}

/// An act no report dates is dated by the window it must fall in, when that window lies in
/// one month (or one day, or one year): it comes after what it presupposes, and no later than
/// the earliest report that tells it as done. What is done to a dead body comes after the
/// death: the killing of that person, or, when the body is not named, the case's one killing.
/// ("The body was dismembered after he was strangled", told on 31 October of a killing of 2
/// October, is of October.) Returns, for each cluster dated so, why.
fn date_by_window(families: &mut [Family]) -> BTreeMap<(usize, usize), String> {
    // the first day of each dated telling's happening, by (report, telling)
    let mut first_day: BTreeMap<(usize, usize), (chrono::NaiveDate, String)> = BTreeMap::new();
    // and the killings of the chain that are dated: their first day, victims and date
    let mut killings: Vec<(chrono::NaiveDate, Vec<String>, String)> = Vec::new();
    for f in families.iter().filter(|f| f.in_chain) {
        for c in &f.clusters {
            let ms: Vec<&Member> = c.iter().map(|&i| &f.members[i]).collect();
            let Some(d) = event_date(&ms) else { continue };
            let Some((first, _)) = d.range() else {
                continue;
            };
            for m in &ms {
                first_day.insert((m.doc, m.idx), (first, d.value.clone()));
            }
            if f.fam == "killing" {
                let victims = ms.iter().flat_map(|m| m.victims.iter().cloned()).collect();
                killings.push((first, victims, d.value));
            }
        }
    }
    let mut why = BTreeMap::new();
    for (fi, f) in families.iter_mut().enumerate().filter(|(_, f)| f.in_chain) {
        for (ci, c) in f.clusters.iter().enumerate() {
            let ms: Vec<&Member> = c.iter().map(|&i| &f.members[i]).collect();
            if event_date(&ms).is_some() {
                continue;
            }
            // what it comes after: the acts its grammar says it follows, and the death of the
            // one whose body it is done to
            let mut after: Vec<(chrono::NaiveDate, String)> = ms
                .iter()
                .flat_map(|m| m.after.iter().map(|&a| (m.doc, a)))
                .filter_map(|k| first_day.get(&k))
                .map(|(d, v)| (*d, format!("after what it follows ({v})")))
                .collect();
            if ms.iter().all(|m| m.on_remains) {
                let victims: Vec<&String> = ms.iter().flat_map(|m| &m.victims).collect();
                let death = match victims.is_empty() {
                    true => (killings.len() == 1).then(|| &killings[0]),
                    false => killings
                        .iter()
                        .filter(|k| k.1.iter().any(|v| victims.contains(&v)))
                        .max_by_key(|k| k.0),
                };
                after.extend(death.map(|(d, _, v)| (*d, format!("after the death ({v})"))));
            }
            let told_by = ms.iter().filter_map(|m| m.dated_by).min();
            let (Some((first, because)), Some(by)) = (after.into_iter().max(), told_by) else {
                continue;
            };
            let Some(date) = window(first, by) else {
                continue;
            };
            why.insert(
                (fi, ci),
                format!(
                    "{}: {because} and by {by}, the date of the earliest report that tells it as done",
                    date.value
                ),
            );
            for &i in c {
                f.members[i].date = Some(date.clone());
                f.members[i].context = true;
            }
        }
    }
    why
}

/// Whether a happening is told by one report only, of people the case names once each, there
/// ("Jose Luis Gamboa, a journalist in Veracruz, was stabbed to death on January 10", in a
/// report of another killing): in a case with people at its centre, another case told in
/// passing, context with its person (a claim), no step of this case's chain. Not when its
/// tellings name someone the case names again ("convicted seven men of the murder of Berta
/// Cáceres": the men are named once, the trial is of her killing).
fn in_passing(ms: &[&Member], named: &std::collections::HashMap<&str, usize>) -> bool {
    let one_report = ms.iter().all(|m| m.doc == ms[0].doc);
    let once = |v: &String| named.get(v.as_str()).copied().unwrap_or(0) <= 1;
    let mut victims = ms.iter().flat_map(|m| &m.victims).peekable();
    one_report
        && victims.peek().is_some()
        && victims.all(once)
        && ms.iter().flat_map(|m| &m.entities).all(once)
}

/// The date of a window of days: the one day, month or year both ends fall in.
fn window(first: chrono::NaiveDate, last: chrono::NaiveDate) -> Option<DateValue> {
    if first > last || first.year() != last.year() {
        return None;
    }
    Some(if first == last {
        DateValue::day(first)
    } else if first.month() == last.month() {
        DateValue::month(first.year(), first.month())
    } else {
        DateValue::year(first.year())
    })
}

/// The members of one family sorted (dated first: own dates before context dates, fine before
/// coarse; then undated) and clustered into happenings.
fn clusters_of(fam: &str, members: &mut [Member]) -> Vec<Vec<usize>> {
    members.sort_by_key(|m| {
        (
            m.date.is_none(),
            m.context,
            std::cmp::Reverse(m.date.as_ref().map(|d| d.precision)),
            m.doc,
            m.idx,
        )
    });
    let mut clusters = cluster(members);
    join_conflicting(members, &mut clusters);
    if fam == "killing" {
        join_one_death(members, &mut clusters);
    }
    clusters
}

/// A report that tells no year ("on January 20", "the following day") is of the year the other
/// reports give the happenings it shares with them: when its yearless days that date a shared
/// happening all fall in one year, its other yearless days are of that year too. Likewise a
/// report with no day of its own: when what it dates "today" (or "yesterday") is dated to the
/// day by other reports, all of them giving one day, that is its day, which dates its other
/// "today"s and is the last day it can tell of. And a report with no year of its own: when what
/// it dates "last year" other reports date to a year, the year after is its year, which dates
/// its other "last year"s and what it tells as done by the time of writing ("has sentenced").
fn place_yearless(by_family: &mut BTreeMap<(String, bool), Vec<Member>>) {
    let mut years: BTreeMap<usize, Vec<i32>> = BTreeMap::new();
    // the report's own day, as each happening it dates by "today" and others date to the day
    // makes it
    let mut days: BTreeMap<usize, Vec<chrono::NaiveDate>> = BTreeMap::new();
    // the report's own year, as each happening it dates by "last year" and others date makes it
    let mut report_years: BTreeMap<usize, Vec<i32>> = BTreeMap::new();
    for ((fam, _), members) in by_family.iter_mut() {
        for c in clusters_of(fam, members) {
            let ms: Vec<&Member> = c.iter().map(|&i| &members[i]).collect();
            // the date the other reports' own tellings give the happening
            let others = |m: &Member| {
                let rest: Vec<&Member> = ms
                    .iter()
                    .copied()
                    .filter(|o| o.doc != m.doc && !o.context)
                    .collect();
                dated(&rest)
            };
            for m in ms.iter().filter(|m| !m.context) {
                let day = m.report_offset.and_then(|off| {
                    let d = others(m).filter(|d| d.precision >= Precision::Day)?;
                    Some(d.range()?.0 - chrono::Duration::days(off))
                });
                if let Some(report_day) = day {
                    add_once(&mut days, m.doc, report_day);
                }
                let year = m.report_year_offset.and_then(|off| {
                    let d = others(m).filter(|d| d.precision >= Precision::Year)?;
                    let (a, b) = d.range()?;
                    (a.year() == b.year()).then_some(a.year() - off)
                });
                if let Some(report_year) = year {
                    add_once(&mut report_years, m.doc, report_year);
                }
            }
            let placed = dated(&ms).and_then(|d| day_of_partial(&d, &ms));
            let Some((day, _)) = placed.and_then(|d| d.range()) else {
                continue;
            };
            for m in ms.iter().filter(|m| m.month_day.is_some()) {
                add_once(&mut years, m.doc, day.year());
            }
        }
    }
    for m in by_family.values_mut().flatten() {
        // a report of one year tells of that year and before; its "last year" and what it tells
        // as done by the time of writing are dated by it
        if let Some(&[year]) = report_years.get(&m.doc).map(Vec::as_slice) {
            let end = chrono::NaiveDate::from_ymd_opt(year, 12, 31);
            m.dated_by = earliest(m.dated_by, end);
            m.written_by = earliest(m.written_by, end);
            // (a "last year" carried from the sentences before dates nothing: a year told of one
            // act is no narrative's day)
            if m.date.is_none() {
                match (m.report_year_offset, m.context) {
                    (Some(off), false) => m.date = Some(DateValue::year(year + off)),
                    _ if m.by_report => m.date = Some(DateValue::year(year)),
                    _ => {}
                }
            }
        }
        if let Some([day]) = days.get(&m.doc).map(Vec::as_slice) {
            // a report tells of its own day and before
            m.written_by = earliest(m.written_by, Some(*day));
            m.dated_by = earliest(m.dated_by, Some(*day));
            if let (Some(off), None) = (m.report_offset, &m.date) {
                m.date = Some(DateValue::day(*day + chrono::Duration::days(off)));
                continue;
            }
        }
        let year = match years.get(&m.doc).map(Vec::as_slice) {
            Some([y]) => *y,
            _ => continue,
        };
        if let Some((mo, d)) = m.month_day.filter(|_| m.date.is_none()) {
            m.date = chrono::NaiveDate::from_ymd_opt(year, mo, d).map(DateValue::day);
        }
    }
}

/// The earlier of two last days, either unknown.
fn earliest(
    a: Option<chrono::NaiveDate>,
    b: Option<chrono::NaiveDate>,
) -> Option<chrono::NaiveDate> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    }
}

/// Add `v` to the values noted for report `doc`, once.
fn add_once<T: PartialEq>(by_doc: &mut BTreeMap<usize, Vec<T>>, doc: usize, v: T) {
    let vs = by_doc.entry(doc).or_default();
    if !vs.contains(&v) {
        vs.push(v);
    }
}

/// What event resolution gives: the chain of events, the tellings each was built from, and the
/// tellings of acts no source asserts (threats, fears, demands, denials), which are claims.
pub struct Told {
    pub events: Vec<Event>,
    pub members: Vec<Vec<(String, usize)>>,
    pub not_in_chain: Vec<(String, usize)>,
}

/// Every event mention of every report, as a member of its act family; tellings that assert
/// (or allege) the act apart from those that only threaten, fear, demand, deny or suppose it,
/// so that a feared "honour killing" never lends its victims or date to a killing told as done.
fn members_by_family(
    docs: &[(&Document, &Annotations)],
    links: &[MentionLink],
) -> BTreeMap<(String, bool), Vec<Member>> {
    let mut by_family: BTreeMap<(String, bool), Vec<Member>> = BTreeMap::new();
    for (di, (doc, ann)) in docs.iter().enumerate() {
        let link = links_of(links, &doc.id);
        // the last day the report can tell of: its date, else a year past the latest date it
        // names (a report tells of its own time); unbounded when it names none
        let written_by = doc
            .published
            .as_ref()
            .and_then(|p| p.range())
            .map(|r| r.1)
            .or_else(|| {
                ann.timexes
                    .iter()
                    .filter_map(|t| t.value.as_ref()?.range())
                    .map(|r| r.1)
                    .max()
                    .and_then(|d| d.checked_add_days(chrono::Days::new(365)))
            });
        // the month of a report with a day of its own
        let report_month = doc
            .published
            .as_ref()
            .filter(|p| p.precision >= Precision::Day)
            .map(|p| p.truncate(Precision::Month));
        for (ei, em) in ann.events.iter().enumerate() {
            // news told as done by the time it was reported dates the act to that month only
            let date = em
                .time
                .and_then(|t| ann.timexes[t].value.as_ref())
                .map(|v| match em.time_reported {
                    true => v.truncate(Precision::Month.min(v.precision)),
                    false => v.at_most_day(),
                })
                .or_else(|| report_month.clone().filter(|_| em.done_by_report));
            let month_day = em
                .time
                .filter(|_| date.is_none() && !em.time_from_context && !em.time_reported)
                .and_then(|t| ann.timexes[t].month_day());
            let report_offset = em
                .time
                .filter(|_| date.is_none())
                .and_then(|t| ann.timexes[t].report_offset);
            let report_year_offset = em
                .time
                .filter(|_| date.is_none())
                .and_then(|t| ann.timexes[t].report_year_offset);
            let by_report = date.is_none() && em.done_by_report;
            let entities = em
                .participants
                .iter()
                .filter_map(|p| link(p.mention).map(str::to_string))
                .collect();
            let with_role = |role: ParticipantRole| {
                em.participants
                    .iter()
                    .filter(|p| p.role == role)
                    .filter_map(|p| link(p.mention).map(str::to_string))
                    .collect::<Vec<String>>()
            };
            // those the act befell: its victims, or those a proceeding is against
            let mut victims = with_role(ParticipantRole::Victim);
            victims.extend(with_role(ParticipantRole::Accused));
            let agents = em
                .participants
                .iter()
                .filter(|p| p.role == ParticipantRole::Agent)
                .filter_map(|p| Some((link(p.mention)?.to_string(), ann.mentions[p.mention].kind)))
                .collect();
            by_family
                .entry((em.kind.family().to_string(), em.modality.in_chain()))
                .or_default()
                .push(Member {
                    doc: di,
                    idx: ei,
                    kind: em.kind,
                    date,
                    context: em.time_from_context || em.done_by_report,
                    done_by: em.done_by_report,
                    entities,
                    victims,
                    agents,
                    written_by,
                    dated_by: doc.published.as_ref().and_then(|p| p.range()).map(|r| r.1),
                    month_day,
                    report_offset,
                    report_year_offset,
                    by_report,
                    on_remains: em.on_remains,
                    refers_back: em.refers_back,
                    after: em.after.clone(),
                    doer_unnamed: em.doer_unnamed,
                    to_others: em.done_to_others,
                    answer: em.answer,
                });
        }
    }
    by_family
}

/// Whether a dated member fits a cluster: its date is compatible with every dated member's,
/// and it is not another's act (a petition by the prosecutor and one by the defence on one day
/// are two petitions).
fn fits(m: &Member, c: &[usize], members: &[Member]) -> bool {
    let Some(d) = &m.date else { return false };
    // a month or a year is no mark of one happening: a telling dated so joins one that tells
    // the same kind of act or names someone it names ("18 nationals have been arrested" that
    // month is no telling of his disappearance on the 2nd)
    let coarse = d.precision < Precision::Day;
    // a telling of what was done by the time of writing fits a happening before then of one
    // it names ("has been sentenced to death", of a sentence passed the month before)
    let by_then = |od: &DateValue| {
        m.done_by
            && matches!((od.range(), d.range()), (Some((start, _)), Some((_, end))) if start <= end)
    };
    let named = c
        .iter()
        .any(|&o| members[o].victims.iter().any(|v| m.victims.contains(v)));
    c.iter().all(|&o| {
        members[o]
            .date
            .as_ref()
            .is_none_or(|od| od.compatible(d) || (by_then(od) && named))
            && !other_doer(m, &members[o])
            && !other_answer(m, &members[o])
    }) && (!coarse
        || c.iter().any(|&o| {
            members[o].kind == m.kind || members[o].entities.iter().any(|e| m.entities.contains(e))
        }))
}

/// Whether two tellings name different doers of their act, and none in common: doers of one
/// kind (two people, two bodies). A person and a body may be one doer told two ways (the judge
/// and the court that sentenced). Of the acts a case has many of (statements, requests), a
/// doer named by no name ("the defence demanded") is not one the other names ("requested by
/// the prosecutor"), and a person is not a body.
fn other_doer(a: &Member, b: &Member) -> bool {
    let many = a.kind.many_to_a_case() && b.kind.many_to_a_case();
    let unnamed_and_named = |x: &Member, y: &Member| x.doer_unnamed && !y.agents.is_empty();
    if many && (unnamed_and_named(a, b) || unnamed_and_named(b, a)) {
        return true;
    }
    let of_kind = |m: &Member, k: EntityKind| -> Vec<String> {
        m.agents
            .iter()
            .filter(|(_, kind)| *kind == k)
            .map(|(id, _)| id.clone())
            .collect()
    };
    // (of the many, a person's statement and a body's are two: "X denied the charges", "Amnesty
    // International called the verdict a travesty")
    if many
        && !a.agents.is_empty()
        && !b.agents.is_empty()
        && !a.agents.iter().any(|e| b.agents.contains(e))
    {
        return true;
    }
    a.agents.iter().any(|(_, k)| {
        let (x, y) = (of_kind(a, *k), of_kind(b, *k));
        !y.is_empty() && !x.iter().any(|e| y.contains(e))
    })
}

/// Whether two tellings of a request give it opposite answers ("won an appeal", "her requests
/// were refused"): two requests, not one.
fn other_answer(a: &Member, b: &Member) -> bool {
    matches!(
        (a.answer, b.answer),
        (Some(Answer::Granted), Some(Answer::Refused))
            | (Some(Answer::Refused), Some(Answer::Granted))
    )
}

/// One happening told with two different days: the same act family, two or more named victims
/// in common, day-precise dates less than two weeks apart (a conflict to report).
fn conflicting(m: &Member, c: &[usize], members: &[Member]) -> bool {
    let Some(d) = m.date.as_ref().filter(|d| d.precision >= Precision::Day) else {
        return false;
    };
    let Some((day, _)) = d.range() else {
        return false;
    };
    c.iter().any(|&o| {
        let shared = members[o]
            .victims
            .iter()
            .filter(|v| m.victims.contains(v))
            .count();
        let close = members[o]
            .date
            .as_ref()
            .filter(|x| x.precision >= Precision::Day)
            .and_then(|x| x.range())
            .is_some_and(|(od, _)| (od - day).num_days().abs() <= 14);
        !(members[o].context && m.context) && shared >= 2 && close
    })
}

/// The cluster an undated member joins: the one sharing a participant, else the latest dated
/// one with a telling of the same kind of act that its report can tell of: one its own report tells of, or one that began by the
/// report's date (a report of 2024 does not tell of a petition of 2026), else its report's own
/// undated telling of that kind of act.
fn undated_target(m: &Member, clusters: &[Vec<usize>], members: &[Member]) -> Option<usize> {
    // (an act done to others than anyone named, "detained more than 1,000 people", "other
    // lawyers detained", is no telling of a happening's named victims, whoever else its
    // sentence names)
    let others_named =
        |c: &Vec<usize>| m.to_others && c.iter().any(|&o| !members[o].victims.is_empty());
    let possible = |c: &Vec<usize>| {
        !c.iter()
            .any(|&o| other_doer(m, &members[o]) || other_answer(m, &members[o]))
            && !others_named(c)
            && (c.iter().any(|&o| members[o].doc == m.doc)
                || m.written_by.is_none_or(|w| {
                    c.iter()
                        .filter_map(|&o| members[o].date.as_ref()?.range())
                        .all(|(start, _)| start <= w)
                }))
    };
    // a kind a case has many of, each its own happening (the statements and the requests of
    // its parties), is one telling of another only by the same doer (the one who spoke or
    // asked, not whom it is about), or within one report
    let many = m.kind.many_to_a_case();
    let in_common = |o: &Member| {
        if many {
            o.agents.iter().any(|a| m.agents.contains(a))
        } else {
            o.entities.iter().any(|e| m.entities.contains(e))
        }
    };
    // (of the many, the same doer's telling in another report is one only if that happening is
    // dated by none: one speaker makes many statements)
    let shared = clusters.iter().position(|c| {
        let undated = c.iter().all(|&o| members[o].date.is_none());
        possible(c)
            && c.iter()
                .any(|&o| in_common(&members[o]) && (!many || undated || members[o].doc == m.doc))
    });
    // else the undated telling its own report already gave of this kind of act
    let same_report_undated = || {
        clusters.iter().position(|c| {
            !(many && m.doer_unnamed)
                && possible(c)
                && c.iter()
                    .all(|&o| members[o].date.is_none() && members[o].doc == m.doc)
        })
    };
    // ... and is joined by kind only within one report, and not when its own verb names a doer
    // the report's names do not ("the attorney general then acknowledged"): someone else's
    let of_kind = |c: &Vec<usize>| {
        possible(c)
            && c.iter().any(|&o| members[o].kind == m.kind)
            && (!many || (c.iter().any(|&o| members[o].doc == m.doc) && !m.doer_unnamed))
    };
    // else, when no report dates this kind of act, the one happening of the kind told undated
    // ("he was released" in two reports that date neither): two such clusters could
    // be two happenings, and then it joins neither
    let only_undated_of_kind = || {
        let mut told = clusters.iter().enumerate().filter(|(_, c)| of_kind(c));
        match (told.next(), told.next()) {
            (Some((ci, c)), None) if c.iter().all(|&o| members[o].date.is_none()) => Some(ci),
            _ => None,
        }
    };
    shared.or_else(|| {
        // naming no one it shares, it tells the same kind of act ("whereabouts unknown" is no
        // telling of an arrest)
        clusters
            .iter()
            .enumerate()
            .filter(|(_, c)| of_kind(c))
            .filter_map(|(ci, c)| {
                c.iter()
                    .filter_map(|&o| members[o].date.as_ref())
                    .filter_map(|d| d.range())
                    .map(|r| r.1)
                    .max()
                    .map(|d| (ci, d))
            })
            .max_by_key(|&(_, d)| d)
            .map(|(ci, _)| ci)
            .or_else(same_report_undated)
            .or_else(only_undated_of_kind)
    })
}

/// The members of one family (sorted), clustered: each joins the first cluster it fits.
fn cluster(members: &[Member]) -> Vec<Vec<usize>> {
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    for (mi, m) in members.iter().enumerate() {
        let target = if m.date.is_some() {
            clusters
                .iter()
                .position(|c| fits(m, c, members))
                .or_else(|| clusters.iter().position(|c| conflicting(m, c, members)))
        } else {
            undated_target(m, &clusters, members)
        };
        match target {
            Some(ci) => clusters[ci].push(mi),
            None => clusters.push(vec![mi]),
        }
    }
    clusters
}

/// Join clusters that tell one happening with two different days (see [`conflicting`]); and
/// the one act done to one person that different reports date a few days apart ("arrested on
/// Thursday", "detained on 31 January"), no report telling both.
fn join_conflicting(members: &[Member], clusters: &mut Vec<Vec<usize>>) {
    let day = |o: usize| {
        members[o]
            .date
            .as_ref()
            .filter(|x| x.precision >= Precision::Day)
            .and_then(|x| x.range())
            .map(|r| r.0)
    };
    let victims = |c: &Vec<usize>| -> Vec<String> {
        let mut v: Vec<String> = c.iter().flat_map(|&o| members[o].victims.clone()).collect();
        v.sort();
        v.dedup();
        v
    };
    let own_days = |c: &Vec<usize>| -> Vec<chrono::NaiveDate> {
        c.iter()
            .filter(|&&o| !members[o].context)
            .filter_map(|&o| day(o))
            .collect()
    };
    // the reports that date a cluster (an undated telling may have joined either)
    let docs = |c: &Vec<usize>| -> Vec<usize> {
        c.iter()
            .filter(|&&o| members[o].date.is_some())
            .map(|&o| members[o].doc)
            .collect()
    };
    join_where(clusters, |a, b| {
        let (vi, vj) = (victims(a), victims(b));
        let shared = vi.iter().filter(|v| vj.contains(v)).count();
        let (di, dj) = (own_days(a), own_days(b));
        let within = |days: i64| {
            di.iter()
                .any(|x| dj.iter().any(|y| (*x - *y).num_days().abs() <= days))
        };
        // one person's: told by other reports only (a report telling both tells two acts),
        // and days apart by no more than a few
        let (da, db) = (docs(a), docs(b));
        let one_person = vi.len() == 1 && vi == vj && !da.iter().any(|d| db.contains(d));
        (shared >= 2 && within(14)) || (one_person && within(3))
    });
}

/// Join, pair by pair, the clusters `together` says are one: each cluster takes in every later
/// one that `together` holds with it as it has grown.
fn join_where(clusters: &mut Vec<Vec<usize>>, together: impl Fn(&Vec<usize>, &Vec<usize>) -> bool) {
    let mut i = 0;
    while i < clusters.len() {
        let mut j = i + 1;
        while j < clusters.len() {
            if together(&clusters[i], &clusters[j]) {
                let moved = clusters.remove(j);
                clusters[i].extend(moved);
            } else {
                j += 1;
            }
        }
        i += 1;
    }
}

/// A person is killed once: killings told of the same victim are one killing, whatever dates
/// the tellings give it (a disagreement the date's claims then show).
fn join_one_death(members: &[Member], clusters: &mut Vec<Vec<usize>>) {
    let victims = |c: &Vec<usize>| -> Vec<&String> {
        c.iter().flat_map(|&o| members[o].victims.iter()).collect()
    };
    join_where(clusters, |a, b| {
        let va = victims(a);
        victims(b).iter().any(|v| va.contains(v))
    });
}

/// The event's date: the most precise own date consistent with all others (context dates only
/// when no source dates it itself); when the sources disagree, the value most of them allow,
/// then the most precise. A month or year is made a day when tellings that name a day and
/// month without a year ("on January 20") all name the same one, inside it.
fn event_date(ms: &[&Member]) -> Option<DateValue> {
    let date = dated(ms)?;
    Some(day_of_partial(&date, ms).unwrap_or(date))
}

/// The one day that the tellings' yearless days ("January 20") name inside `date`, when it is
/// a month or a year and they agree.
fn day_of_partial(date: &DateValue, ms: &[&Member]) -> Option<DateValue> {
    if date.precision >= Precision::Day {
        return None;
    }
    let (first, last) = date.range()?;
    let inside = |(mo, d): (u32, u32)| {
        (first.year()..=last.year())
            .filter_map(|y| chrono::NaiveDate::from_ymd_opt(y, mo, d))
            .find(|x| *x >= first && *x <= last)
    };
    let named: Vec<(u32, u32)> = ms.iter().filter_map(|m| m.month_day).collect();
    let day = inside(*named.first()?)?;
    named
        .iter()
        .all(|&md| inside(md) == Some(day))
        .then(|| DateValue::day(day))
}

/// The date its dated tellings give (see [`event_date`]).
fn dated(ms: &[&Member]) -> Option<DateValue> {
    let own: Vec<&DateValue> = ms
        .iter()
        .filter(|m| !m.context)
        .filter_map(|m| m.date.as_ref())
        .collect();
    let pool: Vec<&DateValue> = if own.is_empty() {
        ms.iter().filter_map(|m| m.date.as_ref()).collect()
    } else {
        own
    };
    let consistent = pool
        .iter()
        .filter(|d| pool.iter().all(|o| d.within(o) || d.compatible(o)))
        .max_by_key(|d| d.precision)
        .map(|d| (*d).clone());
    consistent.or_else(|| {
        pool.iter()
            .max_by_key(|d| {
                (
                    pool.iter().filter(|o| o.compatible(d)).count(),
                    d.precision,
                    std::cmp::Reverse(d.value.clone()),
                )
            })
            .map(|d| (*d).clone())
    })
}

type Telling<'a> = (&'a Document, &'a Annotations, &'a EventMention);

/// Why the event has its date: each time expression of its tellings, with its value and report.
fn date_basis(tellings: &[Telling], date: Option<&DateValue>) -> Vec<String> {
    let mut basis: Vec<String> = Vec::new();
    for (doc, ann, em) in tellings {
        let file = doc.path.rsplit('/').next().unwrap_or("");
        if let (None, true, Some(p)) = (em.time, em.done_by_report, &doc.published) {
            let line = format!(
                "“{}”, told as done by the report's date → {} in {file}",
                em.trigger.text(&doc.text),
                p.truncate(Precision::Month).value
            );
            if !basis.contains(&line) {
                basis.push(line);
            }
        }
        let Some(t) = em.time else { continue };
        let tx = &ann.timexes[t];
        // a yearless day the event's date is: its year from the other tellings
        let placed = date.filter(|d| {
            d.precision == Precision::Day
                && tx.month_day().is_some_and(|(m, dd)| {
                    d.range()
                        .is_some_and(|(x, _)| (x.month(), x.day()) == (m, dd))
                })
        });
        // "today" in a report with no day: the event's day, when other reports date it
        let today = date.filter(|d| d.precision == Precision::Day && tx.report_offset.is_some());
        let v = match (&tx.value, placed, today) {
            (Some(v), _, _) => v.value.clone(),
            (None, Some(d), _) => format!("{}, the year the other reports give", d.value),
            (None, None, Some(d)) => {
                format!("{}, the report's day as the other reports date it", d.value)
            }
            (None, None, None) => "unresolved".into(),
        };
        let clock = tx
            .clock
            .as_ref()
            .map(|c| format!(" at {c}"))
            .unwrap_or_default();
        let ctx = if em.time_from_context {
            ", from the sentences before"
        } else if em.time_reported {
            ", when it was reported as done: its month"
        } else {
            ""
        };
        let line = format!("“{}”{} → {} in {file}{}", tx.text, clock, v, ctx);
        if !basis.contains(&line) {
            basis.push(line);
        }
    }
    basis
}

/// One cluster of tellings made an event (its id is given later).
fn event_of(
    ms: &[&Member],
    docs: &[(&Document, &Annotations)],
    links: &[MentionLink],
    entity_name: &dyn Fn(&str) -> String,
) -> Event {
    let tellings: Vec<Telling> = ms
        .iter()
        .map(|m| (docs[m.doc].0, docs[m.doc].1, &docs[m.doc].1.events[m.idx]))
        .collect();
    // participants: entities with their most frequent role
    let mut roles: BTreeMap<String, BTreeMap<ParticipantRole, usize>> = BTreeMap::new();
    let mut bases: BTreeMap<(String, ParticipantRole), Vec<String>> = BTreeMap::new();
    let mut places: BTreeMap<String, usize> = BTreeMap::new();
    let mut sources: Vec<Span> = Vec::new();
    let mut triggers: Vec<String> = Vec::new();
    let mut modality = Modality::Asserted;
    for (doc, _, em) in &tellings {
        let link = links_of(links, &doc.id);
        for p in &em.participants {
            if let Some(e) = link(p.mention) {
                *roles
                    .entry(e.to_string())
                    .or_default()
                    .entry(p.role)
                    .or_default() += 1;
                if let Some(r) = &p.relation {
                    let b = bases.entry((e.to_string(), p.role)).or_default();
                    let line = format!("{}: {r}", p.role);
                    if !b.contains(&line) {
                        b.push(line);
                    }
                }
            }
        }
        if let Some(p) = em.place.and_then(&link) {
            *places.entry(p.to_string()).or_default() += 1;
        }
        if !sources.contains(&em.sentence) {
            sources.push(em.sentence.clone());
        }
        let t = em.trigger.text(&doc.text).to_lowercase();
        if !triggers.contains(&t) {
            triggers.push(t);
        }
        if em.modality != Modality::Asserted
            && tellings
                .iter()
                .all(|(_, _, o)| o.modality != Modality::Asserted)
        {
            modality = em.modality;
        }
    }
    let participants: Vec<Participant> = roles
        .into_iter()
        .filter_map(|(e, rs)| {
            rs.into_iter()
                .filter(|(r, _)| *r != ParticipantRole::Source && *r != ParticipantRole::Other)
                .max_by_key(|(_, n)| *n)
                .map(|(role, _)| Participant {
                    basis: bases.remove(&(e.clone(), role)).unwrap_or_default(),
                    entity: e,
                    role,
                })
        })
        .collect();
    let r#type = act_type(&tellings);
    let date = event_date(ms);
    let victims: Vec<String> = participants
        .iter()
        .filter(|p| matches!(p.role, ParticipantRole::Victim | ParticipantRole::Accused))
        .map(|p| entity_name(&p.entity))
        .collect();
    let mut label = format!("{} ({})", r#type.words(), triggers.join(", "));
    // no one named did it: who did, in the words of its first telling that says
    let named_doer = participants.iter().any(|p| {
        matches!(
            p.role,
            ParticipantRole::Agent | ParticipantRole::Perpetrator
        )
    });
    let doer = tellings
        .iter()
        .find_map(|(doc, _, em)| em.doer_words.as_ref().map(|w| w.text(&doc.text)));
    if let Some(doer) = doer.filter(|_| !named_doer) {
        // ("The defense demanded": an article that opened the sentence is not a name's)
        let words: Vec<String> = doer
            .split_whitespace()
            .enumerate()
            .map(|(i, w)| match w {
                "A" | "An" | "The" if i == 0 => w.to_lowercase(),
                _ => w.to_string(),
            })
            .collect();
        label.push_str(&format!(" by {}", words.join(" ")));
    }
    if !victims.is_empty() {
        label.push_str(&format!(": {}", victims.join(", ")));
    }
    Event {
        id: String::new(),
        r#type,
        label,
        date_basis: date_basis(&tellings, date.as_ref()),
        date,
        place: places.into_iter().max_by_key(|(_, n)| *n).map(|(p, _)| p),
        participants,
        modality,
        sources,
        origins: Vec::new(),
        notes: Vec::new(),
    }
}

/// The act type: the most frequent kind among the tellings (of equals, the last by name).
fn act_type(tellings: &[Telling]) -> ActKind {
    let mut kinds: Vec<ActKind> = tellings.iter().map(|(_, _, em)| em.kind).collect();
    kinds.sort_by_key(|k| k.as_str());
    kinds.dedup();
    kinds
        .into_iter()
        .max_by_key(|k| tellings.iter().filter(|(_, _, em)| em.kind == *k).count())
        .expect("an event is told at least once")
}

/// Order by date, undated last, and number them.
fn number(
    events: Vec<Event>,
    members: Vec<Vec<(String, usize)>>,
) -> (Vec<Event>, Vec<Vec<(String, usize)>>) {
    let mut order: Vec<usize> = (0..events.len()).collect();
    order.sort_by_key(|&i| {
        (
            events[i].date.as_ref().and_then(|d| d.range()).map(|r| r.0),
            events[i].sources.first().cloned(),
        )
    });
    order.sort_by_key(|&i| events[i].date.is_none());
    let mut out_events = Vec::new();
    let mut out_members = Vec::new();
    for (n, i) in order.into_iter().enumerate() {
        let mut e = events[i].clone();
        e.id = format!("event-{:03}", n + 1);
        out_events.push(e);
        out_members.push(members[i].clone());
    }
    (out_events, out_members)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A telling of report `doc` with `date`, naming no one, dated by nothing else.
    fn blank(doc: usize, date: Option<DateValue>) -> Member {
        Member {
            doc,
            idx: 0,
            kind: "arrest".parse().unwrap(),
            date,
            context: false,
            done_by: false,
            entities: Vec::new(),
            victims: Vec::new(),
            agents: Vec::new(),
            written_by: None,
            dated_by: None,
            month_day: None,
            report_offset: None,
            report_year_offset: None,
            by_report: false,
            on_remains: false,
            refers_back: false,
            after: Vec::new(),
            doer_unnamed: false,
            to_others: false,
            answer: None,
        }
    }
    use casefile_model::{EntityKind, Mention, MentionRole, Timex};

    /// One person's arrest that two reports date a few days apart is one arrest, whose dates
    /// conflict; not when one report tells both days (two arrests), nor days far apart.
    #[test]
    fn one_persons_act_dated_apart_by_two_reports_is_one() {
        let day = |s: &str| {
            Some(DateValue::day(
                chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap(),
            ))
        };
        let arrest = |doc: usize, on: &str| Member {
            kind: "arrest".parse().unwrap(),
            victims: vec!["rustam".into()],
            ..blank(doc, day(on))
        };
        for (tellings, want) in [
            (vec![(0, "2025-01-30"), (1, "2025-01-31")], 1),
            (vec![(0, "2025-01-30"), (0, "2025-01-31")], 2),
            (vec![(0, "2025-01-10"), (1, "2025-01-31")], 2),
        ] {
            let mut members: Vec<Member> = tellings.iter().map(|&(d, on)| arrest(d, on)).collect();
            let clusters = clusters_of("seizure", &mut members);
            assert_eq!(clusters.len(), want, "{tellings:?}");
        }
    }

    /// What is done to a dead body comes after the death and by the earliest report that tells
    /// it: dated by that window when it lies in one month (or year); not when the act is not
    /// told of a body, nor when no killing of that person is dated.
    #[test]
    fn an_act_on_remains_is_dated_by_the_death_and_the_report() {
        let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let family = |fam: &str, members: Vec<Member>| Family {
            fam: fam.into(),
            in_chain: true,
            clusters: vec![(0..members.len()).collect()],
            members,
        };
        let killing = |victim: &str| Member {
            kind: "killing".parse().unwrap(),
            victims: vec![victim.into()],
            ..blank(0, Some(DateValue::day(day("2018-10-02"))))
        };
        let on_body = |victim: &str, told_by: &[&str], on_remains: bool| {
            told_by
                .iter()
                .enumerate()
                .map(|(doc, w)| Member {
                    kind: "mutilation".parse().unwrap(),
                    victims: vec![victim.into()],
                    dated_by: Some(day(w)),
                    on_remains,
                    ..blank(doc + 1, None)
                })
                .collect::<Vec<Member>>()
        };
        for (victim, told_by, on_remains, want) in [
            (
                "jamal",
                &["2018-11-15", "2018-10-31"][..],
                true,
                Some("2018-10"),
            ),
            ("jamal", &["2018-11-15"][..], true, Some("2018")),
            ("jamal", &["2019-01-10"][..], true, None),
            ("jamal", &["2018-10-31"][..], false, None),
            ("oleg", &["2018-10-31"][..], true, None),
        ] {
            let mut families = vec![
                family("killing", vec![killing("jamal")]),
                family("mutilation", on_body(victim, told_by, on_remains)),
            ];
            let why = date_by_window(&mut families);
            let ms: Vec<&Member> = families[1].members.iter().collect();
            let got = event_date(&ms).map(|d| d.value);
            assert_eq!(got.as_deref(), want, "{victim} {told_by:?} {on_remains}");
            assert_eq!(why.contains_key(&(1, 0)), want.is_some());
        }
        // a report with no date of its own bounds nothing: a year past the latest date it
        // names is a guess
        let mut guessed = on_body("jamal", &["2018-10-31"], true);
        guessed[0].written_by = guessed[0].dated_by.take();
        let mut families = vec![
            family("killing", vec![killing("jamal")]),
            family("mutilation", guessed),
        ];
        date_by_window(&mut families);
        assert_eq!(families[1].members[0].date, None);
    }

    /// A report telling a killing as done on 9 March, and another only fearing the killing of
    /// someone else, undated: the feared one lends the killing neither its victim nor anything
    /// else, and is no event.
    #[test]
    fn a_feared_act_lends_nothing_to_an_act_told_as_done() {
        let done = Document::from_text("a", "a.txt", "Gunmen killed Irina Volkova on March 9.");
        let feared = Document::from_text(
            "b",
            "b.txt",
            "Oleg Marchenko is at risk of honour killings.",
        );
        let mention = |doc: &Document, name: &str| Mention {
            span: doc.span(0, 0),
            text: name.into(),
            kind: EntityKind::Person,
            normalized: None,
            source: "test".into(),
            confidence: 1.0,
            in_country: None,
        };
        let telling = |doc: &Document, modality, time| EventMention {
            kind: "killing".parse().unwrap(),
            trigger: doc.span(0, 0),
            sentence: doc.span(0, doc.text.len()),
            participants: vec![MentionRole {
                mention: 0,
                role: ParticipantRole::Victim,
                relation: None,
            }],
            place: None,
            time,
            time_from_context: false,
            time_reported: false,
            done_by_report: false,
            on_remains: false,
            refers_back: false,
            after: vec![],
            doer_unnamed: false,
            doer_words: None,
            done_to_others: false,
            answer: None,
            group: false,
            modality,
        };
        let march_9 = DateValue::day(chrono::NaiveDate::from_ymd_opt(2024, 3, 9).unwrap());
        let a = Annotations {
            doc: "a".into(),
            mentions: vec![mention(&done, "Irina Volkova")],
            timexes: vec![Timex {
                span: done.span(0, 0),
                text: "March 9".into(),
                value: Some(march_9),
                bounds: None,
                kind: "date".into(),
                relative: false,
                duration: None,
                clock: None,
                special: None,
                partial: None,
                report_offset: None,
                report_year_offset: None,
            }],
            events: vec![telling(&done, Modality::Asserted, Some(0))],
            ..Default::default()
        };
        let b = Annotations {
            doc: "b".into(),
            mentions: vec![mention(&feared, "Oleg Marchenko")],
            events: vec![telling(&feared, Modality::Feared, None)],
            ..Default::default()
        };
        let links = vec![
            MentionLink {
                doc: "a".into(),
                mention: 0,
                entity: "irina".into(),
            },
            MentionLink {
                doc: "b".into(),
                mention: 0,
                entity: "oleg".into(),
            },
        ];
        let told = resolve(&[(&done, &a), (&feared, &b)], &links, &|id| id.to_string());
        assert_eq!(told.events.len(), 1, "{:?}", told.events);
        let victims: Vec<&str> = told.events[0]
            .participants
            .iter()
            .map(|p| p.entity.as_str())
            .collect();
        assert_eq!(victims, ["irina"]);
        assert_eq!(told.members[0], [("a".to_string(), 0)]);
        assert_eq!(told.not_in_chain, [("b".to_string(), 0)]);
    }

    /// A statement that tells an act as done comes after it, and by its report's date: dated
    /// by that window; said by someone the report does not name, it is no other statement of
    /// its report.
    #[test]
    fn a_statement_is_dated_by_the_act_it_reports() {
        let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let killing = |doc: usize, idx: usize, date: Option<DateValue>| Member {
            kind: "killing".parse().unwrap(),
            idx,
            ..blank(doc, date)
        };
        let statement = |written: &str, after: Vec<usize>| Member {
            kind: "public-statement".parse().unwrap(),
            dated_by: Some(day(written)),
            after,
            doer_unnamed: true,
            to_others: false,
            answer: None,
            ..blank(1, None)
        };
        for (written, after, want) in [
            ("2018-10-31", vec![1], Some("2018-10")),
            ("2018-10-31", vec![], None),
            ("2019-02-01", vec![1], None),
        ] {
            let mut families = vec![
                Family {
                    fam: "killing".into(),
                    in_chain: true,
                    members: vec![
                        killing(0, 0, Some(DateValue::day(day("2018-10-02")))),
                        killing(1, 1, None),
                    ],
                    clusters: vec![vec![0, 1]],
                },
                Family {
                    fam: "public-statement".into(),
                    in_chain: true,
                    members: vec![statement(written, after.clone())],
                    clusters: vec![vec![0]],
                },
            ];
            date_by_window(&mut families);
            let ms: Vec<&Member> = families[1].members.iter().collect();
            let got = event_date(&ms).map(|d| d.value);
            assert_eq!(got.as_deref(), want, "{written} {after:?}");
        }
        // said by someone unnamed, it does not join its report's dated statement
        let dated = || Member {
            kind: "public-statement".parse().unwrap(),
            ..blank(1, Some(DateValue::day(day("2018-10-31"))))
        };
        let unnamed = statement("2018-10-31", vec![]);
        assert_eq!(cluster(&[dated(), unnamed]), [vec![0], vec![1]]);
        let pointing_back = Member {
            doer_unnamed: false,
            to_others: false,
            answer: None,
            ..statement("2018-10-31", vec![])
        };
        assert_eq!(cluster(&[dated(), pointing_back]), [vec![0, 1]]);
    }

    /// A telling that only points back to an act told before ("the charge was based on …")
    /// founds no event; with a telling of its own, the act is one.
    #[test]
    fn a_telling_that_points_back_founds_no_event() {
        let doc = Document::from_text("a", "a.txt", "The charge was based on an attack.");
        let telling = |refers_back| EventMention {
            kind: "criminal-charge".parse().unwrap(),
            trigger: doc.span(4, 10),
            sentence: doc.span(0, doc.text.len()),
            participants: vec![],
            place: None,
            time: None,
            time_from_context: false,
            time_reported: false,
            done_by_report: false,
            on_remains: false,
            refers_back,
            after: vec![],
            doer_unnamed: false,
            doer_words: None,
            done_to_others: false,
            answer: None,
            group: false,
            modality: Modality::Asserted,
        };
        for (tellings, events) in [(vec![true], 0), (vec![true, false], 1), (vec![false], 1)] {
            let ann = Annotations {
                doc: "a".into(),
                events: tellings.iter().map(|&r| telling(r)).collect(),
                ..Default::default()
            };
            let told = resolve(&[(&doc, &ann)], &[], &|id| id.to_string());
            assert_eq!(told.events.len(), events, "{tellings:?}");
        }
    }

    /// An event no named one did says who did it in its report's words; one a name did, not.
    #[test]
    fn an_event_says_who_did_it_when_no_name_does() {
        let doc = Document::from_text("a", "a.txt", "The armed men detained Zarema Musaeva.");
        let role = |mention, role| MentionRole {
            mention,
            role,
            relation: None,
        };
        let telling = |doer: bool, agent: bool| EventMention {
            kind: "arrest".parse().unwrap(),
            trigger: doc.span(14, 22),
            sentence: doc.span(0, doc.text.len()),
            participants: if agent {
                vec![
                    role(0, ParticipantRole::Victim),
                    role(1, ParticipantRole::Perpetrator),
                ]
            } else {
                vec![role(0, ParticipantRole::Victim)]
            },
            place: None,
            time: None,
            time_from_context: false,
            time_reported: false,
            done_by_report: false,
            on_remains: false,
            refers_back: false,
            after: vec![],
            doer_unnamed: doer,
            doer_words: doer.then(|| doc.span(0, 13)),
            done_to_others: false,
            answer: None,
            group: false,
            modality: Modality::Asserted,
        };
        let mention = |start, end, kind| Mention {
            span: doc.span(start, end),
            text: doc.text[start..end].into(),
            kind,
            normalized: None,
            source: "test".into(),
            confidence: 1.0,
            in_country: None,
        };
        let link = |mention, entity: &str| MentionLink {
            doc: "a".into(),
            mention,
            entity: entity.into(),
        };
        for (doer, agent, label) in [
            (true, false, "arrest (detained) by the armed men: musaeva"),
            (false, false, "arrest (detained): musaeva"),
            (true, true, "arrest (detained): musaeva"),
        ] {
            let ann = Annotations {
                doc: "a".into(),
                mentions: vec![
                    mention(23, 37, EntityKind::Person),
                    mention(0, 13, EntityKind::Group),
                ],
                events: vec![telling(doer, agent)],
                ..Default::default()
            };
            let links = [link(0, "musaeva"), link(1, "armed-men")];
            let told = resolve(&[(&doc, &ann)], &links, &|id| id.to_string());
            assert_eq!(told.events[0].label, label);
        }
    }

    /// Killings of one victim told with two dates are one killing; killings of two people stay
    /// two.
    #[test]
    fn a_person_is_killed_once() {
        let member = |date: &str, victim: &str| Member {
            entities: vec![victim.to_string()],
            victims: vec![victim.to_string()],
            ..blank(
                0,
                Some(DateValue::day(
                    chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
                )),
            )
        };
        let members = [
            member("2018-10-02", "khashoggi"),
            member("2018-10-26", "khashoggi"),
            member("2019-05-01", "volkova"),
        ];
        let mut clusters = cluster(&members);
        assert_eq!(clusters.len(), 3, "{clusters:?}");
        join_one_death(&members, &mut clusters);
        assert_eq!(clusters, [vec![0, 1], vec![2]]);
    }

    /// An undated telling that names no one in common joins the latest event of its family
    /// that tells the same kind of act, and is an event of its own when none does.
    #[test]
    fn an_undated_telling_joins_its_own_kind() {
        let member = |kind: &str, date: Option<DateValue>| Member {
            kind: kind.parse().unwrap(),
            ..blank(0, date)
        };
        let oct = || Some(DateValue::month(2018, 10));
        let members = vec![
            member("arrest", oct()),
            member("disappearance", None),
            member("arrest", None),
        ];
        assert_eq!(cluster(&members), [vec![0, 2], vec![1]]);
        // ...but not one done to a count of people named by no name ("more than 1,000 people")
        // when the happening has named victims; it does when the happening has none
        let named = Member {
            victims: vec!["person-ivan-dorn".into()],
            ..member("arrest", oct())
        };
        let counted = || Member {
            to_others: true,
            ..member("arrest", None)
        };
        assert_eq!(cluster(&[named, counted()]), [vec![0], vec![1]]);
        // ...nor when its sentence names one of them beside it
        let beside = Member {
            entities: vec!["person-ivan-dorn".into()],
            ..counted()
        };
        let named = Member {
            victims: vec!["person-ivan-dorn".into()],
            entities: vec!["person-ivan-dorn".into()],
            ..member("arrest", oct())
        };
        assert_eq!(cluster(&[named, beside]), [vec![0], vec![1]]);
        assert_eq!(cluster(&[member("arrest", oct()), counted()]), [vec![0, 1]]);
    }

    /// Undated tellings of a kind no report dates are one happening when they are all there is
    /// of it; with two such happenings told (two undated clusters of the kind), a third joins
    /// neither.
    #[test]
    fn undated_tellings_of_an_undated_kind_meet() {
        let member = |kind: &str, doc: usize| Member {
            kind: kind.parse().unwrap(),
            ..blank(doc, None)
        };
        let members = vec![member("release", 0), member("release", 1)];
        assert_eq!(cluster(&members), [vec![0, 1]]);
        // two happenings of the kind, done by different people: a third telling that names no
        // one could be either, and joins neither
        let mut apart = vec![member("release", 0), member("release", 1)];
        apart[0].agents = vec![("a".into(), EntityKind::Person)];
        apart[1].agents = vec![("b".into(), EntityKind::Person)];
        apart.push(member("release", 2));
        assert_eq!(cluster(&apart), [vec![0], vec![1], vec![2]]);
    }

    /// Statements are many to a case: an undated one joins another report's only when the same
    /// doer made it, not when it names someone the other names; and then only an undated one
    /// (one speaker makes many statements: an undated one is no telling of another report's
    /// dated one for being the same speaker's) or one of its own report.
    #[test]
    fn an_undated_statement_joins_only_its_speakers() {
        let member = |doc: usize, date: Option<DateValue>, agent: Option<&str>| Member {
            kind: "public-statement".parse().unwrap(),
            entities: vec!["musaeva".into()],
            agents: agent
                .map(|a| vec![(a.to_string(), EntityKind::Person)])
                .unwrap_or_default(),
            ..blank(doc, date)
        };
        let day = || {
            Some(DateValue::day(
                chrono::NaiveDate::from_ymd_opt(2026, 3, 4).unwrap(),
            ))
        };
        let about_her = vec![member(0, day(), Some("musaeva")), member(1, None, None)];
        assert_eq!(cluster(&about_her), [vec![0], vec![1]]);
        let hers = vec![
            member(0, day(), Some("musaeva")),
            member(1, None, Some("musaeva")),
        ];
        assert_eq!(cluster(&hers), [vec![0], vec![1]]);
        let hers_undated = vec![
            member(0, None, Some("musaeva")),
            member(1, None, Some("musaeva")),
        ];
        assert_eq!(cluster(&hers_undated), [vec![0, 1]]);
        let one_report = vec![
            member(0, day(), Some("musaeva")),
            member(0, None, Some("musaeva")),
        ];
        assert_eq!(cluster(&one_report), [vec![0, 1]]);
        // a person's statement and a body's, on one day in one report, are two
        let body = |agent: (&str, EntityKind)| Member {
            agents: vec![(agent.0.to_string(), agent.1)],
            ..member(0, day(), None)
        };
        let two = vec![
            body(("musaeva", EntityKind::Person)),
            body(("amnesty", EntityKind::Organization)),
        ];
        assert_eq!(cluster(&two), [vec![0], vec![1]]);
        // and undated: the doerless one joins the first, the body's stays its own
        let undated = |agent: Option<(&str, EntityKind)>| Member {
            agents: agent
                .map(|a| vec![(a.0.to_string(), a.1)])
                .unwrap_or_default(),
            ..member(0, None, None)
        };
        let three = vec![
            undated(Some(("musaeva", EntityKind::Person))),
            undated(None),
            undated(Some(("amnesty", EntityKind::Organization))),
        ];
        assert_eq!(cluster(&three), [vec![0, 1], vec![2]]);
    }

    /// Requests are many to a case too: an undated one joins another report's only when the
    /// same party made it (a lawyer's appeal is not the prosecutor's), and that one is undated
    /// too (a party makes many requests).
    #[test]
    fn an_undated_request_joins_only_its_makers() {
        let member = |doc: usize, date: Option<DateValue>, agent: &str| Member {
            kind: "petition".parse().unwrap(),
            entities: vec!["musaeva".into()],
            agents: vec![(agent.to_string(), EntityKind::Organization)],
            ..blank(doc, date)
        };
        let day = || {
            Some(DateValue::day(
                chrono::NaiveDate::from_ymd_opt(2023, 11, 3).unwrap(),
            ))
        };
        let apart = vec![member(0, day(), "defence"), member(1, None, "prosecutor")];
        assert_eq!(cluster(&apart), [vec![0], vec![1]]);
        let same = vec![member(0, None, "defence"), member(1, None, "defence")];
        assert_eq!(cluster(&same), [vec![0, 1]]);
        let another = vec![member(0, day(), "defence"), member(1, None, "defence")];
        assert_eq!(cluster(&another), [vec![0], vec![1]]);
        // "the defence demanded" (a doer named by no name) is not "requested by the
        // prosecutor", in one report; the prosecutor's request told by another report joins
        // the prosecutor's, undated, not the dated demand of the same report
        let unnamed = Member {
            agents: vec![],
            doer_unnamed: true,
            ..member(0, day(), "")
        };
        let reports = vec![
            unnamed,
            member(0, None, "prosecutor"),
            member(1, None, "prosecutor"),
        ];
        assert_eq!(cluster(&reports), [vec![0], vec![1, 2]]);
        // one maker's request granted and one refused are two requests
        let answered = |date: Option<DateValue>, answer| Member {
            answer: Some(answer),
            ..member(0, date, "defence")
        };
        let two = vec![
            answered(day(), Answer::Refused),
            answered(None, Answer::Granted),
        ];
        assert_eq!(cluster(&two), [vec![0], vec![1]]);
        let one = vec![
            answered(day(), Answer::Pending),
            answered(None, Answer::Granted),
        ];
        assert_eq!(cluster(&one), [vec![0, 1]]);
    }

    /// A telling dated only to a month joins a day-dated happening of its family only when it
    /// tells the same kind of act or names someone it names: "18 nationals have been arrested"
    /// that month is no telling of his disappearance on the 2nd.
    #[test]
    fn a_month_is_no_mark_of_one_happening() {
        let member = |kind: &str, date: DateValue, who: &[&str]| Member {
            kind: kind.parse().unwrap(),
            entities: who.iter().map(|w| w.to_string()).collect(),
            ..blank(0, Some(date))
        };
        let day = || DateValue::day(chrono::NaiveDate::from_ymd_opt(2018, 10, 2).unwrap());
        let month = || DateValue::month(2018, 10);
        let apart = vec![
            member("disappearance", day(), &["khashoggi"]),
            member("arrest", month(), &[]),
        ];
        assert_eq!(cluster(&apart), [vec![0], vec![1]]);
        let named = vec![
            member("disappearance", day(), &["khashoggi"]),
            member("arrest", month(), &["khashoggi"]),
        ];
        assert_eq!(cluster(&named), [vec![0, 1]]);
        let same_kind = vec![
            member("arrest", day(), &["khashoggi"]),
            member("arrest", month(), &[]),
        ];
        assert_eq!(cluster(&same_kind), [vec![0, 1]]);
    }

    /// What a report tells as done by the time of writing ("has been sentenced to death", in
    /// December) is the sentence passed before then to the one it names (3 November); not one
    /// passed to someone else, nor one after the report's month.
    #[test]
    fn done_by_the_time_of_writing_is_what_came_before() {
        let member = |date: DateValue, done_by: bool, who: &str| Member {
            kind: "trial".parse().unwrap(),
            victims: vec![who.to_string()],
            done_by,
            context: done_by,
            ..blank(usize::from(done_by), Some(date))
        };
        let passed = || DateValue::day(chrono::NaiveDate::from_ymd_opt(2022, 11, 3).unwrap());
        let december = || DateValue::month(2022, 12);
        let october = || DateValue::month(2022, 10);
        let one = vec![
            member(passed(), false, "sadrat"),
            member(december(), true, "sadrat"),
        ];
        assert_eq!(cluster(&one), [vec![0, 1]]);
        let another = vec![
            member(passed(), false, "sadrat"),
            member(december(), true, "shekari"),
        ];
        assert_eq!(cluster(&another), [vec![0], vec![1]]);
        let before = vec![
            member(passed(), false, "sadrat"),
            member(october(), true, "sadrat"),
        ];
        assert_eq!(cluster(&before), [vec![0], vec![1]]);
    }

    /// A happening one report tells of someone the case names once is told in passing; not
    /// one of someone named again, nor one two reports tell, nor one that names no one.
    #[test]
    fn another_case_told_in_passing_is_no_step() {
        let killing = |doc: usize, who: &str| Member {
            kind: "killing".parse().unwrap(),
            victims: vec![who.to_string()],
            ..blank(doc, None)
        };
        let named: std::collections::HashMap<&str, usize> =
            [("gamboa", 1), ("martinez", 8)].into_iter().collect();
        let (gamboa, martinez) = (killing(0, "gamboa"), killing(0, "martinez"));
        assert!(in_passing(&[&gamboa], &named));
        assert!(!in_passing(&[&martinez], &named));
        let elsewhere = killing(1, "gamboa");
        assert!(!in_passing(&[&gamboa, &elsewhere], &named));
        let of_the_centre = Member {
            entities: vec!["gamboa".into(), "martinez".into()],
            ..killing(0, "gamboa")
        };
        assert!(!in_passing(&[&of_the_centre], &named));
        assert!(!in_passing(&[&blank(0, None)], &named));
    }

    /// A yearless "January 20" makes an event dated January 2022 by other reports the 20th;
    /// not when the tellings name two days, nor when the day lies outside the date.
    #[test]
    fn a_yearless_day_is_placed_by_the_other_tellings() {
        let member = |date: Option<DateValue>, month_day| Member {
            month_day,
            ..blank(0, date)
        };
        let jan = || Some(DateValue::month(2022, 1));
        let date = |ms: &[Member]| {
            let refs: Vec<&Member> = ms.iter().collect();
            event_date(&refs).map(|d| d.value)
        };
        let cases: [(Vec<Member>, &str); 5] = [
            (
                vec![member(jan(), None), member(None, Some((1, 20)))],
                "2022-01-20",
            ),
            (
                vec![
                    member(Some(DateValue::year(2022)), None),
                    member(None, Some((1, 20))),
                ],
                "2022-01-20",
            ),
            (
                vec![
                    member(jan(), None),
                    member(None, Some((1, 20))),
                    member(None, Some((1, 21))),
                ],
                "2022-01",
            ),
            (
                vec![member(jan(), None), member(None, Some((2, 3)))],
                "2022-01",
            ),
            (vec![member(None, Some((1, 20)))], ""),
        ];
        for (ms, want) in cases {
            assert_eq!(date(&ms).unwrap_or_default(), want);
        }
    }

    /// Report 1 tells no year: its "January 20" abduction is placed in 2022 by report 0's
    /// "January 2022", so its "January 21" threat is of 2022 too; report 2, which shares
    /// nothing placed, keeps its yearless day undated.
    #[test]
    fn a_report_without_a_year_takes_the_year_of_what_it_shares() {
        let member = |doc, date: Option<DateValue>, month_day| Member {
            month_day,
            ..blank(doc, date)
        };
        let mut by_family: BTreeMap<(String, bool), Vec<Member>> = BTreeMap::new();
        by_family.insert(
            ("seizure".into(), true),
            vec![
                member(0, Some(DateValue::month(2022, 1)), None),
                member(1, None, Some((1, 20))),
            ],
        );
        by_family.insert(
            ("threat".into(), true),
            vec![
                member(1, None, Some((1, 21))),
                member(2, None, Some((3, 5))),
            ],
        );
        place_yearless(&mut by_family);
        let threat = &by_family[&("threat".to_string(), true)];
        assert_eq!(threat[0].date.as_ref().unwrap().value, "2022-01-21");
        assert!(threat[1].date.is_none());
    }

    /// Report 1 has no day of its own: its "today" sentencing is the one report 0 dates 4 July
    /// 2023, so its "yesterday" beating is of 3 July, and it tells of nothing after its day.
    #[test]
    fn a_report_without_a_day_takes_the_day_of_what_it_shares() {
        let member = |doc, date: Option<DateValue>, report_offset| Member {
            report_offset,
            ..blank(doc, date)
        };
        let july_4 = DateValue::day(chrono::NaiveDate::from_ymd_opt(2023, 7, 4).unwrap());
        let mut by_family: BTreeMap<(String, bool), Vec<Member>> = BTreeMap::new();
        by_family.insert(
            ("trial".into(), true),
            vec![member(0, Some(july_4), None), member(1, None, Some(0))],
        );
        by_family.insert(("torture".into(), true), vec![member(1, None, Some(-1))]);
        place_yearless(&mut by_family);
        let beaten = &by_family[&("torture".to_string(), true)][0];
        assert_eq!(beaten.date.as_ref().unwrap().value, "2023-07-03");
        assert_eq!(beaten.written_by.unwrap().to_string(), "2023-07-04");
    }

    /// Report 1 has no year of its own: the killing it dates "last year" is the one report 0
    /// dates 2 October 2018, so it was written in 2019, the year of the sentencing it tells as
    /// done by then ("has sentenced") and the last it can tell of.
    #[test]
    fn a_report_without_a_year_takes_its_year_from_last_year() {
        let oct_2 = DateValue::day(chrono::NaiveDate::from_ymd_opt(2018, 10, 2).unwrap());
        let killing = |doc, date, report_year_offset| Member {
            kind: "killing".parse().unwrap(),
            report_year_offset,
            entities: vec!["person-jamal-khashoggi".into()],
            ..blank(doc, date)
        };
        let mut by_family: BTreeMap<(String, bool), Vec<Member>> = BTreeMap::new();
        by_family.insert(
            ("killing".into(), true),
            vec![killing(0, Some(oct_2), None), killing(1, None, Some(-1))],
        );
        let sentencing = Member {
            kind: "trial".parse().unwrap(),
            by_report: true,
            ..blank(1, None)
        };
        by_family.insert(("trial".into(), true), vec![sentencing]);
        place_yearless(&mut by_family);
        let trial = &by_family[&("trial".to_string(), true)][0];
        assert_eq!(trial.date.as_ref().unwrap().value, "2019");
        assert_eq!(trial.written_by.unwrap().to_string(), "2019-12-31");
        let told = &by_family[&("killing".to_string(), true)];
        assert_eq!(told[1].date.as_ref().unwrap().value, "2018");
    }
}
