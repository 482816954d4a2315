//! What a report says around the case's acts is not an act of the case: a thing's history, the
//! crime a sentence is passed for, a later mention of an act told before, a word for the one
//! who did an act. And what it does say is read: the one sentenced as the accused, a name
//! someone went under as theirs, a state's step with the state as its doer; a death in custody
//! with its day, a request with the answer tied to it. Reports written for the test, built end
//! to end.

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
    let marchenko = entity(&case, "Oleg Marchenko");
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
    let germany = entity(&case, "Germany");
    assert!(takes_part(expulsion, germany, Some("agent")), "{expulsion}");
    assert!(
        case["interventions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["kind"] == "expulsion" && i["by"] == germany["id"]),
        "{}",
        case["interventions"]
    );
    assert!(takes_part(trial, marchenko, Some("accused")), "{trial}");
}

/// What the words around an act say of it: who tells it is not who it befell, a request for
/// comment asks for no act, many acts over a span are no happening, and the narrative's day is
/// not carried past a clause that moves the story on, nor into the writer's present perfect.
#[test]
fn the_words_around_an_act_are_read_for_what_they_say() {
    let dir = tempfile::tempdir().unwrap();
    let reports = reports_folder(
        dir.path(),
        &[
            (
                "a.txt",
                "Release journalist Oleg Marchenko now\n\nPublic statement, 14 September 2020\n\n\
                 The Civic Defence Network calls for the release of journalist Oleg Marchenko, who was detained in Minsk on 10 August.\n\n\
                 According to his lawyer, Marchenko was beaten by riot police during the arrest.\n\n\
                 On 12 August, the court sentenced him to ten days of detention. He was not released when the term ended. \
                 Instead, investigators opened a criminal case against him.\n",
            ),
            (
                "b.txt",
                "Reporter charged\n\nSept. 16, 2020\n\n\
                 Oleg Marchenko was detained on Aug. 10 in central Minsk, his employer Nasha Niva said on Wednesday. \
                 The BBC reported that police had raided his flat two days later.\n\n\
                 The Investigative Committee did not respond to a request for comment. \
                 The governor has threatened to crush the unrest. \
                 Police have detained more than 7,000 people since the election.\n",
            ),
        ],
    );
    let (_, case) = build_unencrypted(&reports, &dir.path().join("out"));
    let docs = case["documents"].as_array().unwrap();
    // "Public statement" says what the report is, not who issued it
    assert!(
        docs.iter().all(|d| d["outlet"] != "Public statement"),
        "{docs:?}"
    );
    let entity = |name: &str| entity(&case, name);
    // the lawyer tells it; Marchenko is no lawyer, and is the one beaten
    let marchenko = entity("Oleg Marchenko");
    let roles = marchenko["roles"].to_string();
    assert!(
        !roles.contains("lawyer") && roles.contains("victim"),
        "{marchenko}"
    );
    // an employer named by the noun before it is a body
    assert_eq!(entity("Nasha Niva")["kind"], "organization");
    let events = case["events"].as_array().unwrap();
    let told = |e: &serde_json::Value| -> Vec<String> {
        e["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                let doc = docs.iter().find(|d| d["id"] == s["doc"]).unwrap();
                let text = doc["text"].as_str().unwrap().as_bytes();
                let (a, b) = (s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap());
                String::from_utf8_lossy(&text[a as usize..b as usize]).into_owned()
            })
            .collect()
    };
    for e in events {
        let sentences = told(e).join(" | ");
        // a request for comment is no petition
        assert!(!sentences.contains("request for comment"), "{e}");
        // thousands detained since the election are no one happening
        assert!(!sentences.contains("7,000"), "{e}");
        // neither the case opened after the term ended nor the governor's threat is of the
        // day the story had reached
        if sentences.contains("criminal case") || sentences.contains("crush the unrest") {
            assert!(e["date"].is_null(), "{e}");
        }
    }
}

/// A relative's act is not the person's own, and a step taken about an act is not of the day
/// the act was done.
#[test]
fn a_relatives_act_and_a_step_about_an_act_keep_their_own_days() {
    let dir = tempfile::tempdir().unwrap();
    let reports = reports_folder(
        dir.path(),
        &[(
            "a.txt",
            "Journalist missing\n\nGENEVA, 20 May 2021 — Officers abducted the journalist Oleg Marchenko at his home in Tashkent on 12 March 2021.\n\n\
             Mr Marchenko's brother, who was also arrested in 2015, was released in 2017. \
             Security forces shot dead two protesters in 2019, the experts recalled. \
             The experts urged the Government to reveal his fate.\n",
        )],
    );
    let (_, case) = build_unencrypted(&reports, &dir.path().join("out"));
    let events = case["events"].as_array().unwrap();
    let marchenko = entity(&case, "Oleg Marchenko");
    let names_him = |e: &serde_json::Value| takes_part(e, marchenko, None);
    // his abduction, on its day; his brother's arrest of 2015 is not his
    let his: Vec<String> = events
        .iter()
        .filter(|e| names_him(e))
        .map(|e| e["date"]["value"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(his, ["2021-03-12"], "{events:?}");
    // the experts' call is not of 2019, the year of the shooting told before it
    for e in events {
        assert!(
            !(e["type"] == "petition" && e["date"]["value"] == "2019"),
            "{e}"
        );
    }
}

#[test]
fn a_death_in_custody_a_refused_request_and_the_people_around_them() {
    let dir = tempfile::tempdir().unwrap();
    let reports = reports_folder(
        dir.path(),
        &[
            (
                "a.txt",
                "Activist dies in police custody in Marevo\n\nCivic Defence Network, June 3, 2025\n\n\
                 Ostravian authorities must investigate the death in police custody of the activist Pavel Orlov Lanski, the Civic Defence Network said today. \
                 Orlov, 34, was detained in Marevo on May 28, 2025, and was found dead in his cell two days later.\n\n\
                 \"My brother was beaten to death,\" his sister Anna Orlova told the Civic Defence Network.\n\n\
                 Orlov had campaigned for the release of detained Tatars. The Committee to Protect Journalists said the officer will be charged with negligence. \
                 The group has documented at least 20 killings of activists in Marevo since 2000.\n",
            ),
            (
                "b.txt",
                "Family of Marevo activist rejects police account\n\nJune 5, 2025\n\n\
                 The family of Pavel Orlov has rejected the official version that he took his own life and demanded an independent investigation. \
                 Her requests to see the body were refused, his lawyer said.\n",
            ),
        ],
    );
    let (_, case) = build_unencrypted(&reports, &dir.path().join("out"));
    let events = case["events"].as_array().unwrap();
    let date = |e: &serde_json::Value| e["date"]["value"].as_str().unwrap_or("").to_string();
    // the death in custody, on the day two days after the detention
    let death = events
        .iter()
        .find(|e| e["type"] == "death-in-custody")
        .unwrap_or_else(|| panic!("a death in custody: {events:?}"));
    assert_eq!(date(death), "2025-05-30", "{death:?}");
    // the sister's words are her claim, and "beaten to death" is one killing, no beating
    for e in events.iter().filter(|e| e["type"] == "killing") {
        assert_eq!(e["modality"], "alleged", "{e:?}");
    }
    assert!(
        events.iter().all(|e| e["type"] != "ill-treatment"),
        "{events:?}"
    );
    // no killing of 2000 from a count since then, no arrest from "detained Tatars", no charge
    // from one still to come
    assert!(
        events.iter().all(|e| !date(e).starts_with("2000")),
        "{events:?}"
    );
    let arrests: Vec<String> = events
        .iter()
        .filter(|e| e["type"] == "arrest")
        .map(date)
        .collect();
    assert_eq!(arrests, ["2025-05-28"], "{events:?}");
    assert!(
        events.iter().all(|e| e["type"] != "criminal-charge"),
        "{events:?}"
    );
    // one person under both forms of his name; a body named for its aim
    let entities = case["entities"].as_array().unwrap();
    let named = |n: &str| {
        entities
            .iter()
            .filter(|e| {
                e["name"] == n
                    || e["aliases"]
                        .as_array()
                        .is_some_and(|a| a.iter().any(|x| x == n))
            })
            .count()
    };
    let orlov = entity(&case, "Pavel Orlov Lanski");
    let aliases = orlov["aliases"].as_array().unwrap();
    assert!(aliases.iter().any(|a| a == "Pavel Orlov"), "{orlov:?}");
    assert_eq!(named("Pavel Orlov"), 1);
    assert!(
        entities
            .iter()
            .any(|e| e["name"] == "Committee to Protect Journalists" && e["kind"] == "organization"),
        "{entities:?}"
    );
    // "Ostravian authorities must investigate" makes no one an official of theirs
    let affiliations: Vec<&serde_json::Value> = orlov["attributes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["name"] == "affiliation")
        .collect();
    assert!(affiliations.is_empty(), "{affiliations:?}");
    // what became of a request is what the grammar ties to it: the lawyer's requests were
    // refused, the family's demand was not (it rejected something else)
    let outcomes: Vec<(String, String)> = case["interventions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == "petition")
        .map(|i| {
            let s = &i["sources"][0];
            let doc = case["documents"]
                .as_array()
                .unwrap()
                .iter()
                .find(|d| d["id"] == s["doc"])
                .unwrap();
            let text = doc["text"].as_str().unwrap().as_bytes();
            let (a, b) = (
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
            );
            (
                String::from_utf8_lossy(&text[a..b]).to_string(),
                i["outcome"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for (sentence, outcome) in &outcomes {
        if sentence.contains("demanded") {
            assert_ne!(outcome, "refused", "{outcomes:?}");
        }
        if sentence.contains("requests") {
            assert_eq!(outcome, "refused", "{outcomes:?}");
        }
    }
    assert!(
        outcomes.iter().any(|(s, _)| s.contains("requests")),
        "{outcomes:?}"
    );
}

/// A testimony's "me" is its narrator; an embassy is a place, one under its two names; what the
/// captors demand of him is no petition.
#[test]
fn a_testimony_and_an_embassy() {
    let dir = tempfile::tempdir().unwrap();
    let reports = reports_folder(
        dir.path(),
        &[
            (
                "a.txt",
                "Testimony collected by the Civic Defence Network\n\n12 June 2023\n\n\
                 My name is Aziz Karimov. On 3 May 2023 four men stopped me outside the Belarusian embassy in Vilnius. \
                 They beat me for two days and demanded that I sign a confession.\n",
            ),
            (
                "b.txt",
                "Activist beaten after arrest at embassy\n\nJune 14, 2023\n\n\
                 Aziz Karimov was detained at the Embassy of Belarus in Vilnius on May 3, the Civic Defence Network said.\n",
            ),
        ],
    );
    let (_, case) = build_unencrypted(&reports, &dir.path().join("out"));
    let events = case["events"].as_array().unwrap();
    let karimov = entity(&case, "Aziz Karimov");
    let beating = events
        .iter()
        .find(|e| e["type"] == "ill-treatment")
        .unwrap_or_else(|| panic!("a beating: {events:?}"));
    assert!(takes_part(beating, karimov, Some("victim")), "{beating:?}");
    assert!(events.iter().all(|e| e["type"] != "petition"), "{events:?}");
    let entities = case["entities"].as_array().unwrap();
    let embassies: Vec<&serde_json::Value> = entities
        .iter()
        .filter(|e| {
            e["name"]
                .as_str()
                .is_some_and(|n| n.starts_with("Embassy of"))
        })
        .collect();
    assert_eq!(embassies.len(), 1, "{embassies:?}");
    assert_eq!(embassies[0]["kind"], "place", "{embassies:?}");
}
