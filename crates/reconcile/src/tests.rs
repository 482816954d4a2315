//! Verdicts on small reports written for the purpose: each case is a set of reports (a dateline,
//! then text) and the verdict expected on one attribute, or none.

use casefile_model::{Annotations, Document, Verdict};

use crate::reconcile;

/// Ingest, annotate and resolve the reports, reconcile them, and return every discrepancy as
/// (attribute, verdict, values).
fn discrepancies(reports: &[&str]) -> Vec<(String, Verdict, Vec<String>)> {
    let docs: Vec<Document> = reports
        .iter()
        .enumerate()
        .map(|(i, r)| casefile_ingest::ingest(&format!("r{i}.txt"), r.as_bytes()).unwrap())
        .collect();
    let anns: Vec<Annotations> = docs.iter().map(casefile_annotate::annotate).collect();
    let pairs: Vec<(&Document, &Annotations)> = docs.iter().zip(&anns).collect();
    let resolved = casefile_resolve::resolve(&pairs, &[], &|_| false);
    reconcile(&pairs, &resolved)
        .discrepancies
        .into_iter()
        .map(|d| {
            let values = d.values.into_iter().map(|v| v.value).collect();
            (d.attribute, d.verdict, values)
        })
        .collect()
}

/// Check each case: the discrepancy on `attribute` has the verdict given (None: there is none).
fn check(cases: &[(&[&str], &str, Option<Verdict>)]) {
    for (reports, attribute, want) in cases {
        let found = discrepancies(reports);
        let got = found
            .iter()
            .find(|(a, _, _)| a == attribute)
            .map(|(_, v, _)| *v);
        assert_eq!(got, *want, "{attribute} in {reports:?}: {found:?}");
    }
}

/// A place one report names more precisely than another ("in Vilnius", "at the Embassy of
/// Belarus in Vilnius", "in Lithuania") is one place; two cities are two, and so are a city and
/// a country it is not in.
#[test]
fn one_place_told_more_or_less_precisely() {
    let at = |place: &str| {
        format!("March 10, 2025\n\nPavel Sedov was detained on March 3 {place}, his wife said.")
    };
    let (city, embassy, other, country, abroad) = (
        at("in Vilnius"),
        at("at the Embassy of Belarus in Vilnius"),
        at("in Kaunas"),
        at("in Lithuania"),
        at("in Latvia"),
    );
    check(&[
        (&[city.as_str(), embassy.as_str()], "place", None),
        // the country a city is in names it less precisely
        (&[city.as_str(), country.as_str()], "place", None),
        (
            &[city.as_str(), abroad.as_str()],
            "place",
            Some(Verdict::DifferentDetail),
        ),
        (
            &[city.as_str(), other.as_str()],
            "place",
            Some(Verdict::DifferentDetail),
        ),
    ]);
}

#[test]
fn verdicts_on_ages() {
    check(&[
        // 17, then "just turned 18" half a year later: one person growing older
        (
            &[
                "March 1, 2024\n\nOleg Marchenko, 17, was detained in Marevo on Monday.",
                "September 2, 2024\n\nOleg Marchenko, who has just turned 18, was released from custody.",
            ],
            "age",
            Some(Verdict::ConsistentOverTime),
        ),
        // 20 and 21 two days apart: a birthday between the reports explains it
        (
            &[
                "March 1, 2024\n\nOleg Marchenko, 20, was detained in Marevo on Monday.",
                "March 3, 2024\n\nOleg Marchenko, 21, was detained in Marevo on Monday.",
            ],
            "age",
            Some(Verdict::ConsistentOverTime),
        ),
        // 21 in January, 20 in March: ages do not go backwards
        (
            &[
                "January 10, 2024\n\nOleg Marchenko, 21, was detained in Marevo on Monday.",
                "March 3, 2024\n\nOleg Marchenko, 20, was detained in Marevo on Monday.",
            ],
            "age",
            Some(Verdict::Conflict),
        ),
        // the same age twice is no discrepancy
        (
            &[
                "March 1, 2024\n\nOleg Marchenko, 20, was detained in Marevo on Monday.",
                "March 3, 2024\n\nOleg Marchenko, 20, was detained in Marevo on Monday.",
            ],
            "age",
            None,
        ),
    ]);
}

/// A denial told in one report (kept out of the chain, as no one asserts it) contests the
/// happening another report tells as done, when it names someone the happening names; a denial
/// of what was done to someone else contests nothing.
#[test]
fn a_denial_outside_the_chain_contests_the_happening() {
    let told = "March 1, 2024\n\nOleg Marchenko was killed in Marevo on Monday.";
    check(&[
        (
            &[
                told,
                "March 3, 2024\n\nThe interior ministry denied killing Oleg Marchenko.",
            ],
            "account",
            Some(Verdict::Contested),
        ),
        (
            &[
                told,
                "March 3, 2024\n\nThe interior ministry denied killing Ivan Petrov.",
            ],
            "account",
            None,
        ),
        (&[told], "account", None),
    ]);
}

#[test]
fn verdicts_on_names_and_dates() {
    check(&[
        // one person, two romanisations
        (
            &[
                "March 1, 2024\n\nSalekh Magamadov was detained in Marevo on Monday.",
                "March 3, 2024\n\nSalekh Magamedov was detained in Marevo on Monday.",
            ],
            "name spelling",
            Some(Verdict::SpellingVariant),
        ),
        // one arrest of two named people, dated a day apart by two reports
        (
            &[
                "March 11, 2024\n\nArman Kesoyan and Dalia Ostrik were arrested in Marevo on March 6.",
                "March 12, 2024\n\nArman Kesoyan and Dalia Ostrik were arrested in Marevo on March 7.",
            ],
            "date",
            Some(Verdict::Conflict),
        ),
        // the day an arrest was reported is the day it was done by, not its own: no conflict
        // with the day another report gives
        (
            &[
                "March 11, 2024\n\nArman Kesoyan and Dalia Ostrik were arrested in Marevo on Tuesday.",
                "March 12, 2024\n\nPolice have arrested Arman Kesoyan and Dalia Ostrik in Marevo, the prosecutor said on Wednesday.",
            ],
            "date",
            None,
        ),
    ]);
}

/// Each report's interventions as (kind, who took it by name, or "-" when no one is said to).
fn interventions(report: &str) -> Vec<(String, String)> {
    let doc = casefile_ingest::ingest("r.txt", report.as_bytes()).unwrap();
    let ann = casefile_annotate::annotate(&doc);
    let pairs = [(&doc, &ann)];
    let resolved = casefile_resolve::resolve(&pairs, &[], &|_| false);
    let name = |id: &Option<String>| {
        id.as_deref()
            .and_then(|id| resolved.entities.iter().find(|e| e.id == id))
            .map_or("-".to_string(), |e| e.name.clone())
    };
    crate::interventions::find(&pairs, &resolved)
        .into_iter()
        .map(|i| (i.kind, name(&i.by)))
        .collect()
}

/// Who took an intervention is the grammar's doer of the act (the subject, or "by …" of a
/// noun), never merely a name that comes before it in the sentence.
#[test]
fn an_intervention_is_taken_by_the_acts_doer_only() {
    let cases: &[(&str, (&str, &str))] = &[
        (
            "May 3, 2024\n\nThe Treasury Department imposed sanctions on 17 officials on Thursday.",
            ("sanctions", "Treasury Department"),
        ),
        (
            "May 3, 2024\n\nThe killing was planned, according to a statement by the Harbour Rights Network.",
            ("public statement", "Harbour Rights Network"),
        ),
        (
            "May 3, 2024\n\nAides of Minister Oleg Marchenko were named in an inquiry into the deaths.",
            ("investigation", "-"),
        ),
        (
            "May 3, 2024\n\nPresident Irina Volkova demanded that the authorities reveal where the body is.",
            ("petition", "Irina Volkova"),
        ),
    ];
    for (report, (kind, by)) in cases {
        let found = interventions(report);
        assert!(
            found.iter().any(|(k, b)| k == kind && b == by),
            "{report}: {found:?}"
        );
        assert!(
            !found.iter().any(|(_, b)| b == "Oleg Marchenko"),
            "{report}: {found:?}"
        );
    }
}

/// One happening's tellings of a step a case has one of at a time that name no doer are the
/// one named doer's step; statements and requests, each its own speaker's, stay apart.
#[test]
fn a_step_told_without_its_doer_is_the_named_doers() {
    let found = interventions(
        "May 3, 2024\n\nPresident Irina Volkova pardoned the journalist Oleg Marchenko on Thursday. The pardon was announced on Thursday.",
    );
    let pardons: Vec<&String> = found
        .iter()
        .filter(|(k, _)| k == "pardon")
        .map(|(_, b)| b)
        .collect();
    assert_eq!(pardons, [&"Irina Volkova".to_string()], "{found:?}");
}

/// Whom an intervention is addressed to is whom the grammar says it asks (the object of
/// "urged", the "on" of "called on"), never a name of what it asks for.
#[test]
fn an_intervention_is_addressed_to_whom_it_asks() {
    let report = "May 3, 2024\n\nThe Harbour Rights Network urged the Ministry of Justice on Tuesday to investigate the death of the cameraman Oleg Marchenko.\n\nThe Marevo Bar Association called on Irina Volkova to free the journalist Anna Roe.";
    let doc = casefile_ingest::ingest("r.txt", report.as_bytes()).unwrap();
    let ann = casefile_annotate::annotate(&doc);
    let pairs = [(&doc, &ann)];
    let resolved = casefile_resolve::resolve(&pairs, &[], &|_| false);
    let name = |id: &str| {
        resolved
            .entities
            .iter()
            .find(|e| e.id == id)
            .map_or("-".to_string(), |e| e.name.clone())
    };
    let found: Vec<Vec<String>> = crate::interventions::find(&pairs, &resolved)
        .into_iter()
        .filter(|i| i.kind == "petition")
        .map(|i| i.to.iter().map(|t| name(t)).collect())
        .collect();
    assert!(
        found.contains(&vec!["Ministry of Justice".to_string()]),
        "{found:?}"
    );
    assert!(
        found.contains(&vec!["Irina Volkova".to_string()]),
        "{found:?}"
    );
    assert!(
        !found
            .iter()
            .flatten()
            .any(|n| n == "Oleg Marchenko" || n == "Anna Roe"),
        "{found:?}"
    );
}

/// An intervention no report dates (a statement, a petition, an inquiry) is no event of the
/// chain, but still an intervention of its doer's, undated; one doer's undated tellings of a
/// kind are one intervention. Dated, it is an event.
#[test]
fn an_undated_intervention_is_an_intervention_not_an_event() {
    use casefile_model::ActKind;
    let run = |reports: &[&str]| {
        let docs: Vec<_> = reports
            .iter()
            .enumerate()
            .map(|(i, r)| casefile_ingest::ingest(&format!("r{i}.txt"), r.as_bytes()).unwrap())
            .collect();
        let anns: Vec<_> = docs.iter().map(casefile_annotate::annotate).collect();
        let pairs: Vec<_> = docs.iter().zip(&anns).collect();
        let resolved = casefile_resolve::resolve(&pairs, &[], &|_| false);
        let chained: Vec<ActKind> = resolved.events.iter().map(|e| e.r#type).collect();
        let listed: Vec<(String, bool, usize)> = crate::interventions::find(&pairs, &resolved)
            .into_iter()
            .map(|i| (i.kind, i.date.is_some(), i.sources.len()))
            .collect();
        (chained, listed)
    };
    for (report, kind) in [
        (
            "Irina Volkova, a lawyer for the family, denounced the verdict.",
            ActKind::PublicStatement,
        ),
        (
            "The Harbour Rights Network petitioned the court to free Oleg Marchenko.",
            ActKind::Petition,
        ),
        (
            "The Harbour Rights Network opened an investigation into the killing.",
            ActKind::Investigation,
        ),
    ] {
        let (chained, listed) = run(&[report]);
        assert!(!chained.contains(&kind), "{report}: {chained:?}");
        assert!(
            listed
                .iter()
                .any(|(k, dated, _)| *k == kind.words() && !dated),
            "{report}: {listed:?}"
        );
    }
    let (_, listed) = run(&[
        "Irina Volkova denounced the verdict.",
        "Irina Volkova condemned the ruling.",
    ]);
    let statements: Vec<_> = listed
        .iter()
        .filter(|(k, _, _)| k == "public statement")
        .collect();
    assert_eq!(statements, [&("public statement".to_string(), false, 2)]);
    let (chained, _) = run(&[
        "May 3, 2024\n\nThe Harbour Rights Network opened an investigation into the killing on Thursday.",
    ]);
    assert!(chained.contains(&ActKind::Investigation), "{chained:?}");
    assert!(
        interventions("Irina Volkova, a lawyer for the family, denounced the verdict.")
            .iter()
            .any(|(k, by)| k == "public statement" && by == "Irina Volkova"),
    );
}

/// A campaign no report dates is the case's background, not a step of its chain; dated, it is
/// one.
#[test]
fn an_undated_campaign_is_background() {
    let events = |report: &str| {
        let doc = casefile_ingest::ingest("r.txt", report.as_bytes()).unwrap();
        let ann = casefile_annotate::annotate(&doc);
        let pairs = [(&doc, &ann)];
        let resolved = casefile_resolve::resolve(&pairs, &[], &|_| false);
        let told = ann
            .events
            .iter()
            .filter(|e| e.kind == casefile_model::ActKind::Persecution)
            .count();
        let chained = resolved
            .events
            .iter()
            .filter(|e| e.r#type == casefile_model::ActKind::Persecution)
            .count();
        (told, chained)
    };
    assert_eq!(
        events(
            "Rights groups have long accused the governor of the persecution of critics in Marevo."
        ),
        (1, 0)
    );
    assert_eq!(
        events("May 3, 2024\n\nThe persecution of critics in Marevo began in 2017."),
        (1, 1)
    );
}

/// What became of a body, told differently by two sources, is contested; one fate told twice,
/// or two steps told in one sentence, is not.
#[test]
fn different_fates_of_the_remains_are_contested() {
    let killed = "October 30, 2024\n\nOleg Marchenko was killed in Marevo on October 2, 2024.";
    check(&[
        (
            &[
                &format!("{killed} His body was dismembered and destroyed, the prosecutor said."),
                "November 5, 2024\n\nThe body of Oleg Marchenko was handed over to a local collaborator, a source said.",
            ],
            "fate of the remains",
            Some(Verdict::Contested),
        ),
        (
            &[
                &format!("{killed} His body was destroyed, the prosecutor said."),
                "November 5, 2024\n\nThe body of Oleg Marchenko was destroyed, a source said.",
            ],
            "fate of the remains",
            None,
        ),
        (
            &[&format!("{killed} His body was handed over to the guards and buried in a forest.")],
            "fate of the remains",
            None,
        ),
    ]);
}

/// A sentence reduced on appeal is the sentence over time, on the trial; a later trial with no
/// ruling on the first, or a ruling that names the same term, is none.
#[test]
fn a_sentence_changed_on_appeal_is_consistent_over_time() {
    let trial = "July 5, 2023\n\nOn July 4, 2023, a court in Marevo sentenced Oleg Marchenko to five and a half years in prison.";
    check(&[
        (
            &[
                trial,
                "September 13, 2023\n\nOn September 12, 2023, the Supreme Court reduced Oleg Marchenko's sentence to five years.",
            ],
            "sentence",
            Some(Verdict::ConsistentOverTime),
        ),
        (
            &[
                trial,
                "September 13, 2023\n\nOn September 12, 2023, the Supreme Court upheld Oleg Marchenko's sentence of 5.5 years.",
            ],
            "sentence",
            None,
        ),
        (
            &[
                trial,
                "May 3, 2025\n\nOn May 2, 2025, a court in Marevo sentenced Oleg Marchenko to three years for another offence.",
            ],
            "sentence",
            None,
        ),
    ]);
}
