//! Interventions after the HURIDOCS Events Standard Formats: petitions, appeals, requests,
//! campaigns, public statements and protection granted, with who acted, to whom, when, and the
//! outcome (granted, refused, pending, unknown).

use std::sync::OnceLock;

use casefile_model::{
    ActKind, Annotations, Document, EventMention, Intervention, ParticipantRole, Resolved,
};
use regex::Regex;

/// The outcome one telling gives an intervention: what the grammar ties to a request ("her
/// requests were refused", see `EventMention::answer`); a step that is itself a granting
/// (protection, access, a pardon) told as done is granted; a call still being made ("are
/// campaigning", "calling on") is pending. A refusal or a grant of something else in the
/// sentence says nothing of it ("rejected the official version and demanded an inquiry").
fn outcome(em: &EventMention, text: &str) -> &'static str {
    static PENDING: OnceLock<Regex> = OnceLock::new();
    let p = PENDING.get_or_init(|| {
        Regex::new(r"(?i)\b(not yet clear|is running|are campaigning|calling on)\b").expect("regex")
    });
    let granting = matches!(
        em.kind,
        ActKind::ProtectionGranted | ActKind::AccessToCounsel | ActKind::Pardon
    );
    match em.answer {
        Some(a) => a.as_str(),
        None if granting && em.modality.in_chain() => "granted",
        None if p.is_match(text) => "pending",
        None => "unknown",
    }
}

/// The interventions of the case: each event of an intervention's kind (or a legal proceeding
/// whose doer the grammar names), one intervention per doer its tellings name, with the
/// tellings that name no doer apart: a demand by the defence told beside the prosecutor's
/// request in one event is not the prosecutor's.
pub fn find(docs: &[(&Document, &Annotations)], resolved: &Resolved) -> Vec<Intervention> {
    let mut out = Vec::new();
    // the people the case is about (its victims, those on trial) are not whom an intervention
    // is addressed to
    let victims: Vec<&str> = resolved
        .events
        .iter()
        .flat_map(|e| {
            e.participants
                .iter()
                .filter(|p| matches!(p.role, ParticipantRole::Victim | ParticipantRole::Accused))
                .map(|p| p.entity.as_str())
        })
        .collect();
    let by_id = crate::by_id(docs);
    // the events of the chain, then the tellings of an intervention told as done that are no
    // event only for want of a date (one no report dates): those of one kind by one doer
    // together, each that names no doer apart (it may be any of several: a newspaper's inquiry,
    // a UN probe)
    let mut undated: Vec<(ActKind, Option<&str>, Members)> = Vec::new();
    for (doc_id, idx) in &resolved.not_in_chain {
        let Some((_, ann)) = by_id.get(doc_id.as_str()) else {
            continue;
        };
        let em = &ann.events[*idx];
        if !(em.kind.is_intervention() && em.modality.in_chain()) {
            continue;
        }
        let by = doer(resolved, doc_id, em);
        let telling = (doc_id.clone(), *idx);
        match undated
            .iter_mut()
            .find(|(k, b, _)| *k == em.kind && b.is_some() && *b == by)
        {
            Some((_, _, tellings)) => tellings.push(telling),
            None => undated.push((em.kind, by, vec![telling])),
        }
    }
    let chain = resolved
        .events
        .iter()
        .zip(&resolved.event_members)
        .map(|(ev, members)| (ev.r#type, ev.date.as_ref(), &ev.participants[..], members));
    let told_undated = undated
        .iter()
        .map(|(kind, _, members)| (*kind, None, &[][..], members));
    for (kind, date, participants, members) in chain.chain(told_undated) {
        // legal proceedings are the authorities' interventions when the grammar names who took
        // them ("the court sentenced her"); otherwise they are told as events only
        let proceedings = kind.is_proceeding()
            && participants
                .iter()
                .any(|p| p.role == ParticipantRole::Agent);
        if !kind.is_intervention() && !proceedings {
            continue;
        }
        // who: the act's doer as the grammar gives it; a name that merely comes before the
        // act in the sentence is not its doer ("aides of the minister, the inquiry found": the
        // minister did not inquire)
        let mut groups: Vec<(Option<String>, Vec<Telling>)> = Vec::new();
        for (doc_id, idx) in members {
            let Some(&(doc, ann)) = by_id.get(doc_id.as_str()) else {
                continue;
            };
            let by = doer(resolved, doc_id, &ann.events[*idx]).map(str::to_string);
            match groups.iter_mut().find(|(b, _)| *b == by) {
                Some((_, g)) => g.push((doc, ann, *idx)),
                None => groups.push((by, vec![(doc, ann, *idx)])),
            }
        }
        // the doers first, in the order they are told
        groups.sort_by_key(|(b, _)| b.is_none());
        // of a step a case has one of at a time (a pardon, a judgment, sanctions, a sentence),
        // one happening's tellings that name no doer tell the one doer's step when the others
        // name just one ("President al-Sisi pardoned him" and "the pardon was announced");
        // statements and requests are many, each its own speaker's
        if !kind.many_to_a_case()
            && groups.len() == 2
            && groups[0].0.is_some()
            && groups[1].0.is_none()
        {
            let (_, unnamed) = groups.pop().expect("two groups");
            groups[0].1.extend(unnamed);
        }
        for (by, tellings) in groups {
            let (to, outcome) = addressed(&tellings, resolved, by.as_deref(), &victims);
            let mut sources: Vec<casefile_model::Span> = tellings
                .iter()
                .map(|(_, ann, i)| ann.events[*i].sentence.clone())
                .collect();
            sources.sort();
            sources.dedup();
            out.push(Intervention {
                id: format!("intervention-{:03}", out.len() + 1),
                kind: kind.words(),
                by,
                to,
                date: date.cloned(),
                outcome: outcome.into(),
                sources,
            });
        }
    }
    out
}

/// The entity a telling names as the act's doer (its agent in the grammar), if any.
fn doer<'r>(resolved: &'r Resolved, doc_id: &str, em: &EventMention) -> Option<&'r str> {
    em.participants
        .iter()
        .find(|p| p.role == ParticipantRole::Agent)
        .and_then(|p| resolved.entity_of(doc_id, p.mention))
}

/// The tellings of a happening: (document id, event mention index) each.
type Members = Vec<(String, usize)>;

/// One telling of an act: its report, the report's annotations, the event mention's index.
type Telling<'a> = (&'a Document, &'a Annotations, usize);

/// To whom the tellings say an intervention was addressed (the participants the grammar makes
/// its addressees: the object of "urged", "petitioned", the "to" of "appealed to", the "on" of
/// "called on"), and its outcome as the tellings give it.
fn addressed(
    tellings: &[Telling],
    resolved: &Resolved,
    by: Option<&str>,
    victims: &[&str],
) -> (Vec<String>, &'static str) {
    let mut to: Vec<String> = Vec::new();
    let mut result = "unknown";
    for &(doc, ann, idx) in tellings {
        let em = &ann.events[idx];
        let st = em.sentence.text(&doc.text);
        let o = outcome(em, st);
        if result == "unknown" || o == "refused" || (o == "granted" && result == "pending") {
            result = o;
        }
        let addressees = em
            .participants
            .iter()
            .filter(|p| p.role == ParticipantRole::Addressee)
            .filter_map(|p| resolved.entity_of(&doc.id, p.mention));
        for e in addressees {
            if !to.iter().any(|x| x == e) && Some(e) != by && !victims.contains(&e) {
                to.push(e.to_string());
            }
        }
    }
    (to, result)
}
