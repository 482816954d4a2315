//! What a report says around the case's acts is not an act of the case: a thing's history, the
//! crime a sentence is passed for, a later mention of an act told before, a word for the one
//! who did an act. And what it does say is read: the one sentenced as the accused, a name
//! someone went under as theirs, a state's step with the state as its doer. Reports written for
//! the test, built end to end.

mod common;

use common::*;

#[test]
fn background_and_proceedings_state_no_acts_of_their_own() {
    let dir = tempfile::tempdir().unwrap();
    let reports = reports_folder(
        dir.path(),
        &[
            (
                "a.txt",
                "Man shot dead in Marevo park\n\nMAREVO, August 24, 2019 — A 40-year-old man was shot dead in Linden Park in Marevo on Friday, police said.\n\n\
                 The victim, Pavel Orlov, was on his way home when a man on a bicycle fired two shots.\n",
            ),
            (
                "b.md",
                "# Court jails man for life over park murder\n\n*Civic Defence Network, 15 December 2021*\n\n\
                 A Marevo court on Wednesday sentenced Oleg Marchenko to life in prison for the murder of Pavel Orlov in Linden Park in August 2019.\n\n\
                 Presiding judge Viktor Lanski said the murder was an act of \"state terrorism\". \
                 The pistol used in the killing was sold in 1986 and had been traced through several owners.\n\n\
                 Orlov's family welcomed the verdict. The governor described Orlov as a murderer.\n",
            ),
            (
                "c.txt",
                "Germany expels diplomats\n\nDecember 4, 2019\n\n\
                 Germany expelled two Russian diplomats on Wednesday over the killing of Pavel Orlov. \
                 Prosecutors said the suspect, Oleg Marchenko, who travelled under the name Ivan Sidorov, had entered the country in July.\n",
            ),
        ],
    );
    let (_, case) = build_unencrypted(&reports, &dir.path().join("out"));
    // the report dates: a dateline opening the story, an issuer's line in *emphasis*
    let published: Vec<&str> = case["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["published"]["value"].as_str().unwrap_or("none"))
        .collect();
    assert_eq!(published, ["2019-08-24", "2021-12-15", "2019-12-04"]);
    let events = case["events"].as_array().unwrap();
    let date = |e: &serde_json::Value| e["date"]["value"].as_str().unwrap_or("").to_string();
    // one killing, on the Friday: not the day the sentence was passed for it, nor the day of a
    // later mention of it
    let killings: Vec<String> = events
        .iter()
        .filter(|e| e["type"] == "killing")
        .map(date)
        .collect();
    assert_eq!(killings, ["2019-08-23"], "{events:?}");
    // the pistol's history dates nothing that follows it
    assert!(
        events.iter().all(|e| !date(e).starts_with("1986")),
        "{events:?}"
    );
    // the one sentenced is the accused, not a victim; the sentence is of its own day
    let trial = events
        .iter()
        .find(|e| e["type"] == "trial" && date(e) == "2021-12-15")
        .unwrap_or_else(|| panic!("the sentence of 15 December: {events:?}"));
    let marchenko = case["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "Oleg Marchenko")
        .expect("Oleg Marchenko");
    let roles: Vec<&str> = marchenko["roles"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r.as_str())
        .collect();
    assert!(!roles.contains(&"victim"), "{roles:?}");
    // the name he went under is his
    let aliases = marchenko["aliases"].to_string();
    assert!(aliases.contains("Ivan Sidorov"), "{marchenko}");
    // a state named by its country expels diplomats: a step of the case, with its doer
    let expulsion = events
        .iter()
        .find(|e| e["type"] == "expulsion" && date(e) == "2019-12-04")
        .unwrap_or_else(|| panic!("the expulsion: {events:?}"));
    let germany = case["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "Germany")
        .expect("Germany");
    assert!(
        expulsion["participants"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["entity"] == germany["id"] && p["role"] == "agent"),
        "{expulsion}"
    );
    assert!(
        case["interventions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["kind"] == "expulsion" && i["by"] == germany["id"]),
        "{}",
        case["interventions"]
    );
    assert!(
        trial["participants"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["entity"] == marchenko["id"] && p["role"] == "accused"),
        "{trial}"
    );
}
