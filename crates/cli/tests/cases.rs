//! The real cases in ../shared/cases (reports casefile was not built against), each built end
//! to end and scored against its reference case file with ../shared/tools/score_seeds.py, against
//! the floors of ../shared/cases/floors.json.
//!
//! Every floor is asserted, except those a case is still known to fall short of (listed in
//! `BELOW` with the figure reached today, which must not fall): the issue on trustworthy
//! extraction stays open until that list is empty. A figure that reaches its floor must be taken
//! off the list, so the list cannot hide progress either.

mod common;

use common::*;

/// (case, figure, the figure reached today): floors a case does not reach yet.
const BELOW: &[(&str, &str, f64)] = &[
    // 0.40 until two reference events were paired, by date and report alone, with events the
    // reports do not support: an investigation dated 2 October 2018 from "according to an
    // independent UN probe", one dated 20 October from a quotation's "investigations are still
    // underway"; neither holds a word of the reference event's kind. They are gone (the
    // narrative's day no longer dates a work cited as a source or a quotation's acts)
    // 0.371 until the dismemberment and the disposal of the body were dated by their window
    // (after the death of 2 October, told by 31 October); 0.429 until the attorney general's
    // acknowledgment was told apart from the Istanbul prosecutor's statement and dated by the
    // killing it reports; 0.457 until the rapporteur's statement "Responding to the verdict"
    // was dated by its window (after the verdict of September 2020, told on 7 September);
    // 0.486 until the sons' pardon, "said in May that they had pardoned the killers", was dated
    // by May 2020 (the past perfect of what a saying of May reports); 0.514 until a headline's
    // present tense was read as a verb ("Khashoggi's fiancée calls verdict 'farce'": her
    // statement, by the report's month) and the label of an act no name did told who did it
    ("khashoggi", "events_recall", 0.543),
];

#[test]
fn every_case_builds_and_scores_above_its_floors() {
    let shared = shared();
    let floors = read_json(&shared.join("cases/floors.json"));
    let floors = floors.as_object().expect("floors by case");
    assert!(!floors.is_empty(), "no case floors");
    let mut short = Vec::new();
    for (name, want) in floors {
        let case_dir = shared.join("cases").join(name);
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join(name);
        println!("building {name}");
        let (_, case) = build_unencrypted(&case_dir.join("reports"), &out);
        let case_path = out.join("case.json");
        check_spans(&case);
        let gold = case_dir.join("gold.json");
        println!("{name}:");
        let (_, figures) = score(&case_path, &["--gold".as_ref(), gold.as_os_str()]);
        for (figure, floor) in want.as_object().expect("figures") {
            let floor = floor.as_f64().expect("a number");
            // the scorer leaves out a precision with nothing to measure (no perpetrator named)
            let Some(got) = figures[figure.as_str()].as_f64() else {
                println!("{name}: {figure} not measured (nothing of the kind stated)");
                continue;
            };
            let known = BELOW
                .iter()
                .find(|(c, f, _)| *c == name.as_str() && *f == figure.as_str());
            match known {
                Some(&(_, _, today)) => {
                    assert!(
                        got < floor,
                        "{name} {figure} reaches its floor ({got:.2} ≥ {floor}): take it off BELOW"
                    );
                    if got + 0.0005 < today {
                        short.push(format!("{name} {figure} fell: {got:.2} < {today:.2}"));
                    }
                }
                None if got < floor => short.push(format!("{name} {figure} {got:.2} < {floor}")),
                None => {}
            }
        }
    }
    assert!(short.is_empty(), "{}", short.join("\n"));
}
