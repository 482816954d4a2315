//! Runs the stages in order and assembles the [`CaseFile`]:
//! documents → annotate → resolve → reconcile → case file.
//!
//! Ingest is not here: the caller ingests (and stores) each report as it arrives, so that a
//! failure on one report never costs the others. This crate takes the documents that made it.
//! Nor are people's decisions: resolve takes the merges, splits and keep-aparts as constraints,
//! and the application layer (`casefile-desk`) replays every other decision on the result.

use casefile_model::{
    Annotations, CaseFile, Decision, Document, DocumentSummary, ParticipantRole, Quote,
    SCHEMA_VERSION,
};

/// A built case: the case file and the annotations it was built from.
pub struct Built {
    pub case: CaseFile,
    pub annotations: Vec<Annotations>,
    /// For each document, whether its annotations were made by this build (not given to it).
    pub made: Vec<bool>,
}

/// What the annotator makes of one document: the annotations [`build_with`] takes as known.
pub fn annotate(doc: &Document) -> Annotations {
    casefile_annotate::annotate(doc)
}

/// The version of the annotator this build runs: annotations stored with another are made again.
pub const ANNOTATOR_VERSION: &str = casefile_annotate::VERSION;

/// Threads for annotation; 0 means one per core.
static JOBS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Annotate with `n` threads (0: one per core). Annotation is the costly, independent part of a
/// build: each report is annotated alone, so the case file is the same whatever `n` is.
pub fn set_jobs(n: usize) {
    JOBS.store(n, std::sync::atomic::Ordering::Relaxed);
}

/// The threads annotation runs on ([`set_jobs`]; one per core by default).
pub fn jobs() -> usize {
    match JOBS.load(std::sync::atomic::Ordering::Relaxed) {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    }
}

/// The steps of a build, as a [`Progress`] is told them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Reading names, times, quotes and acts out of each report (counted in reports).
    Annotate,
    /// Finding who is who and which tellings are one event (counted in mentions).
    Resolve,
    /// Origins, claims, disagreements and interventions (counted in reports).
    Reconcile,
}

impl Step {
    /// What the step does, for a person watching: "annotating".
    pub fn doing(self) -> &'static str {
        match self {
            Step::Annotate => "annotating",
            Step::Resolve => "resolving",
            Step::Reconcile => "reconciling",
        }
    }

    /// What the step counts: "reports".
    pub fn counts(self) -> &'static str {
        match self {
            Step::Annotate | Step::Reconcile => "reports",
            Step::Resolve => "mentions",
        }
    }
}

/// Told how a build goes: each step as it begins (with the number of things it works through),
/// how many are done, and its end. A terminal shows it; everything else ignores it.
pub trait Progress {
    fn begin(&mut self, _step: Step, _total: usize) {}
    fn advance(&mut self, _done: usize) {}
    fn end(&mut self) {}
}

/// A [`Progress`] that shows nothing.
pub struct Silent;

impl Progress for Silent {}

/// Annotate the documents whose annotations are not `known` on `jobs` threads, each taking the
/// next report as it finishes one; the results in the documents' order, with which were made now.
fn annotate_all(
    documents: &[Document],
    known: Vec<Option<Annotations>>,
    jobs: usize,
    progress: &mut dyn Progress,
) -> (Vec<Annotations>, Vec<bool>) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let mut known = known;
    known.resize(documents.len(), None);
    let todo: Vec<usize> = (0..documents.len())
        .filter(|&i| known[i].is_none())
        .collect();
    let made: Vec<bool> = known.iter().map(Option::is_none).collect();
    progress.begin(Step::Annotate, todo.len());
    let jobs = jobs.clamp(1, todo.len().max(1));
    let next = AtomicUsize::new(0);
    let finished = AtomicUsize::new(0);
    let work = || {
        let mut out = Vec::new();
        loop {
            let k = next.fetch_add(1, Ordering::Relaxed);
            let Some(&i) = todo.get(k) else { break };
            out.push((i, casefile_annotate::annotate(&documents[i])));
            finished.fetch_add(1, Ordering::Relaxed);
        }
        out
    };
    let done: Vec<(usize, Annotations)> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..jobs).map(|_| s.spawn(work)).collect();
        // this thread tells the progress while the workers annotate
        while !workers.iter().all(|w| w.is_finished()) {
            progress.advance(finished.load(Ordering::Relaxed));
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("an annotation thread panicked"))
            .collect()
    });
    progress.advance(todo.len());
    progress.end();
    for (i, a) in done {
        known[i] = Some(a);
    }
    let all = known
        .into_iter()
        .map(|a| a.expect("every report annotated"))
        .collect();
    (all, made)
}

/// The grammar of the sentence `text[start..end]` drawn as SVG, for a reader to check what
/// casefile read; the words inside `marks` (byte ranges of the text) in bold.
pub fn sentence_svg(text: &str, start: usize, end: usize, marks: &[(usize, usize)]) -> String {
    let start = start.min(text.len());
    let end = end.clamp(start, text.len());
    if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return String::new();
    }
    casefile_annotate::grammar::parse(text, start, end).svg(marks)
}

/// Build the case file for `documents` (in the order given). `resolution` holds the decisions
/// resolution obeys (merge, keep apart, split); others are ignored here.
pub fn build(case_name: &str, documents: &mut [Document], resolution: &[Decision]) -> Built {
    build_with(case_name, documents, Vec::new(), resolution, &mut Silent)
}

/// [`build`], reusing annotations already made: `known[i]`, when given, must be what
/// [`casefile_annotate::annotate`] of this [`ANNOTATOR_VERSION`] made of `documents[i]`; only the
/// others are annotated ([`Built::made`] says which). `progress` is told each step.
pub fn build_with(
    case_name: &str,
    documents: &mut [Document],
    known: Vec<Option<Annotations>>,
    resolution: &[Decision],
    progress: &mut dyn Progress,
) -> Built {
    let (annotations, made) = annotate_all(documents, known, jobs(), progress);
    for (d, a) in documents.iter_mut().zip(&annotations) {
        if d.published.is_none() {
            d.published_bounds = a.published_bounds.clone();
        }
        if let Some(cut) = a.analysed_up_to {
            d.notes.push(format!(
                "analysed in part: the first {cut} bytes of {} (casefile analyses at most {} bytes of one report, so that one long report cannot stall the case); the whole text is stored, hashed and searchable",
                d.text.len(),
                casefile_annotate::ANALYSIS_BUDGET
            ));
        }
    }
    let pairs: Vec<(&Document, &Annotations)> = documents.iter().zip(annotations.iter()).collect();
    let demonym = |w: &str| {
        casefile_annotate::lexicon::word(w).demonym()
            || casefile_annotate::lexicon::place(w).is_some()
    };
    progress.begin(
        Step::Resolve,
        annotations.iter().map(|a| a.mentions.len()).sum(),
    );
    let resolved = casefile_resolve::resolve(&pairs, resolution, &demonym);
    progress.end();
    progress.begin(Step::Reconcile, pairs.len());
    let rec = casefile_reconcile::reconcile(&pairs, &resolved);
    progress.end();
    let mut quotes = Vec::new();
    for (doc, ann) in &pairs {
        for q in &ann.quotes {
            // a term in quote marks is not listed as its user's speech
            quotes.push(Quote {
                speaker: q
                    .speaker
                    .filter(|_| !q.term)
                    .and_then(|s| resolved.entity_of(&doc.id, s))
                    .map(str::to_string),
                doc: doc.id.clone(),
                start: q.span.start,
                end: q.span.end,
                text: q.span.text(&doc.text).to_string(),
                via: q.via.clone(),
                basis: q.basis.clone(),
                pages: casefile_model::pages_of(&doc.pages, q.span.start, q.span.end),
            });
        }
    }
    // roles from events: victims, perpetrators, helpers (a lawyer or a director the grammar
    // makes the one an act was done to is its victim: lawyers are arrested too)
    let mut entities = resolved.entities.clone();
    for ev in &resolved.events {
        for p in &ev.participants {
            if let Some(e) = entities.iter_mut().find(|e| e.id == p.entity) {
                if p.role == ParticipantRole::Other || e.roles.iter().any(|r| r == p.role.as_str())
                {
                    continue;
                }
                e.roles.push(p.role.as_str().to_string());
            }
        }
    }
    titled_forms(&mut entities, documents);
    let mut events: Vec<casefile_model::Event> = resolved
        .events
        .iter()
        .zip(&rec.event_origins)
        .map(|(e, o)| casefile_model::Event {
            origins: o.clone(),
            ..e.clone()
        })
        .collect();
    events.sort_by_key(casefile_model::Event::timeline_key);
    let case = CaseFile {
        schema_version: SCHEMA_VERSION,
        case: case_name.to_string(),
        generated_by: format!("casefile {}", env!("CARGO_PKG_VERSION")),
        documents: documents.iter().map(DocumentSummary::from).collect(),
        entities,
        events,
        quotes,
        claims: rec.claims,
        discrepancies: rec.discrepancies,
        interventions: rec.interventions,
        sources: rec.sources,
        lookup: Default::default(),
    };
    Built {
        case,
        annotations,
        made,
    }
}

/// A person written with a title before the name ("President Trump", "Mr. Mnuchin", "Prince
/// Mohammed"): that form is one the person is written in, so it is among the aliases (the name
/// itself stays without the title).
fn titled_forms(entities: &mut [casefile_model::Entity], documents: &[Document]) {
    let texts: std::collections::HashMap<&str, &str> = documents
        .iter()
        .map(|d| (d.id.as_str(), d.text.as_str()))
        .collect();
    for e in entities
        .iter_mut()
        .filter(|e| e.kind == casefile_model::EntityKind::Person)
    {
        let mut forms: Vec<String> = Vec::new();
        for m in &e.mentions {
            let Some(text) = texts.get(m.doc.as_str()) else {
                continue;
            };
            let (Some(before), Some(name)) = (text.get(..m.start), text.get(m.start..m.end)) else {
                continue;
            };
            let Some(prev) = before.strip_suffix(' ') else {
                continue;
            };
            let word = prev
                .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '“' || c == '"')
                .next()
                .unwrap_or("");
            let bare = word.trim_end_matches('.').to_lowercase();
            let capitalised = word.chars().next().is_some_and(char::is_uppercase);
            if capitalised && casefile_annotate::names::TITLES.contains(&bare.as_str()) {
                forms.push(format!("{word} {name}"));
            }
        }
        for f in forms {
            if f != e.name && !e.aliases.contains(&f) {
                e.aliases.push(f);
            }
        }
        e.aliases.sort();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(texts: &[&str]) -> CaseFile {
        let mut docs: Vec<Document> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                casefile_ingest::ingest(&format!("r{i}.txt"), t.as_bytes()).expect("ingested")
            })
            .collect();
        build("test", &mut docs, &[]).case
    }

    fn victims(c: &CaseFile) -> Vec<String> {
        let mut v: Vec<String> = c
            .events
            .iter()
            .flat_map(|e| &e.participants)
            .filter(|p| p.role == ParticipantRole::Victim)
            .filter_map(|p| c.entity(&p.entity).map(|e| e.name.clone()))
            .collect();
        v.sort();
        v.dedup();
        v
    }

    /// A name one report reads as a place and the others as a body is the body, and no act
    /// takes place at it.
    #[test]
    fn an_act_takes_place_at_a_place_only() {
        let c = case(&[
            "March 12, 2025\n\nPolice detained the journalist Ana Petrova on Monday, her employer, \
             the news site Free Voice, said. Free Voice called the arrest unlawful.",
            "April 2, 2025\n\nAna Petrova, a 35-year-old reporter for Free Voice, was released on \
             bail on Tuesday, her lawyer said.",
        ]);
        let free_voice: Vec<_> = c
            .entities
            .iter()
            .filter(|e| e.name == "Free Voice")
            .collect();
        assert_eq!(free_voice.len(), 1, "{free_voice:?}");
        assert_eq!(free_voice[0].kind, casefile_model::EntityKind::Organization);
        for ev in &c.events {
            let at = ev.place.as_deref().and_then(|p| c.entity(p));
            assert!(
                at.is_none_or(|p| p.kind == casefile_model::EntityKind::Place),
                "{ev:?}"
            );
        }
    }

    /// An event's label names only the victims and accused among its participants, also when
    /// one who acts for others (a lawyer) is left out of them.
    #[test]
    fn the_label_names_the_participants_left() {
        let c = case(&[
            "March 11, 2024\n\nPolice detained the human rights lawyer Oleg Marchenko and the journalist Ivan Dorn in Marevo on Monday.",
        ]);
        assert!(!c.events.is_empty());
        for ev in &c.events {
            // "arrest (detained) by Police: Oleg Marchenko": the names after the act's words
            // and the unnamed doer's
            let named: Vec<&str> = ev
                .label
                .rsplit_once(')')
                .and_then(|(_, rest)| rest.split_once(": "))
                .map(|(_, names)| names.split(", ").collect())
                .unwrap_or_default();
            let undergo: Vec<&str> = ev
                .participants
                .iter()
                .filter(|p| matches!(p.role, ParticipantRole::Victim | ParticipantRole::Accused))
                .filter_map(|p| c.entity(&p.entity).map(|e| e.name.as_str()))
                .collect();
            assert_eq!(named, undergo, "{}", ev.label);
        }
    }

    /// A person written with a title keeps that form among the aliases; a lone father's name
    /// in a patronymic is not the son ("King Salman" is not "Mohammed bin Salman").
    #[test]
    fn titled_forms_are_aliases_and_a_patronymic_is_not_a_surname() {
        let c = case(&[
            "March 11, 2024\n\nThe minister Dalia Ostrik met Crown Prince Mohammed bin Salman in Riyadh. Minister Ostrik said the talks went well.",
            "March 12, 2024\n\nKing Salman received the delegation in Jeddah on Tuesday.",
        ]);
        let ostrik = c
            .entities
            .iter()
            .find(|e| e.name == "Dalia Ostrik")
            .expect("Dalia Ostrik");
        assert!(
            ostrik.aliases.contains(&"Minister Ostrik".to_string()),
            "{:?}",
            ostrik.aliases
        );
        let mbs = c
            .entities
            .iter()
            .find(|e| e.name == "Mohammed bin Salman")
            .expect("Mohammed bin Salman");
        assert!(
            !mbs.aliases.iter().any(|a| a.contains("King")),
            "{:?}",
            mbs.aliases
        );
    }

    /// A lawyer detained is a victim of the detention like anyone else; one who speaks of it
    /// is not.
    #[test]
    fn a_lawyer_detained_is_a_victim() {
        let c = case(&["March 11, 2024\n\nThe lawyer Irina Volkova and the student Oleg Marchenko were detained in Marevo on 6 March 2024.\n\nIrina Volkova is a lawyer for the Civic Defence Network."]);
        let v = victims(&c);
        assert!(v.contains(&"Oleg Marchenko".to_string()), "{v:?}");
        assert!(v.contains(&"Irina Volkova".to_string()), "{v:?}");
        let c = case(&["March 11, 2024\n\nThe student Oleg Marchenko was detained in Marevo on 6 March 2024, his lawyer Irina Volkova said."]);
        let v = victims(&c);
        assert!(v.contains(&"Oleg Marchenko".to_string()), "{v:?}");
        assert!(!v.contains(&"Irina Volkova".to_string()), "{v:?}");
    }

    /// One thread or four: the same annotations, in the same order, and the same case file.
    #[test]
    fn annotation_is_the_same_whatever_the_number_of_threads() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
        let mut docs: Vec<Document> = Vec::new();
        for set in ["reports", "wire"] {
            let mut files: Vec<_> = std::fs::read_dir(dir.join(set))
                .expect("the examples")
                .map(|e| e.expect("entry").path())
                .collect();
            files.sort();
            for f in files {
                let bytes = std::fs::read(&f).expect("readable");
                docs.push(casefile_ingest::ingest(&f.to_string_lossy(), &bytes).expect("ingested"));
            }
        }
        assert!(docs.len() >= 6);
        let one = annotate_all(&docs, Vec::new(), 1, &mut Silent).0;
        let four = annotate_all(&docs, Vec::new(), 4, &mut Silent).0;
        assert_eq!(one, four);
        assert_eq!(one.len(), docs.len());
        set_jobs(1);
        let a = build("t", &mut docs.clone(), &[]).case;
        set_jobs(4);
        let b = build("t", &mut docs.clone(), &[]).case;
        set_jobs(0);
        assert_eq!(
            serde_json::to_string(&a).unwrap(),
            serde_json::to_string(&b).unwrap()
        );
    }

    /// Annotations given to a build are used as they are, the others made; the case file is the
    /// one a build from nothing makes.
    #[test]
    fn stored_annotations_are_reused_and_only_the_rest_made() {
        let texts = [
            "May 2, 2024\n\nOleg Marchenko was arrested in Marevo on 1 May 2024, his lawyer said.",
            "May 3, 2024\n\nThe lawyer of Oleg Marchenko said he was beaten in custody.",
            "May 4, 2024\n\nA court in Marevo ordered Marchenko held for two months.",
        ];
        let docs: Vec<Document> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| casefile_ingest::ingest(&format!("r{i}.txt"), t.as_bytes()).unwrap())
            .collect();
        let fresh = build("t", &mut docs.clone(), &[]);
        assert_eq!(fresh.made, vec![true, true, true]);
        let known = vec![
            Some(fresh.annotations[0].clone()),
            None,
            Some(fresh.annotations[2].clone()),
        ];
        let again = build_with("t", &mut docs.clone(), known, &[], &mut Silent);
        assert_eq!(again.made, vec![false, true, false]);
        assert_eq!(again.annotations, fresh.annotations);
        assert_eq!(
            serde_json::to_string(&again.case).unwrap(),
            serde_json::to_string(&fresh.case).unwrap()
        );
        // what is given is used as it is: a report given no mentions has none in the case
        let mut empty = fresh.annotations[0].clone();
        empty.mentions.clear();
        let known = vec![Some(empty), None, None];
        let told = build_with("t", &mut docs.clone(), known, &[], &mut Silent);
        assert!(told.annotations[0].mentions.is_empty());
        assert!(!fresh.annotations[0].mentions.is_empty());
    }

    #[test]
    fn the_chain_runs_in_time_order_undated_last() {
        let c = case(&["March 11, 2024\n\nOleg Marchenko was released on 9 March 2024. He had been arrested in Marevo on 6 March 2024. He was tortured at some point."]);
        let keys: Vec<(bool, Option<chrono::NaiveDate>)> = c
            .events
            .iter()
            .map(|e| {
                (
                    e.date.is_none(),
                    e.date.as_ref().and_then(|d| d.range()).map(|r| r.0),
                )
            })
            .collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert!(c.events.len() >= 2, "{:?}", c.events);
        assert_eq!(keys, sorted);
    }
}
