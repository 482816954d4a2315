//! A threat is not a deed: no event in the chain asserts an act that its sources only threaten,
//! fear, demand, deny or suppose. Reports written for the test, built end to end.

mod common;

use common::*;

#[test]
fn acts_only_threatened_feared_demanded_or_denied_are_no_events() {
    let dir = tempfile::tempdir().unwrap();
    let reports = reports_folder(
        dir.path(),
        &[
            (
                "a.txt",
                "Activist threatened in Marevo\n\nMarch 11, 2024\n\nThe governor threatened to kill Oleg Marchenko, the Civic Defence Network said on Monday. \
                 The network said Marchenko is at risk of honour killings.\n",
            ),
            (
                "b.txt",
                "Calls to free activist\n\nMarch 12, 2024\n\nThe Civic Defence Network demands the release of Oleg Marchenko and an end to the torture of prisoners. \
                 Officials denied that Marchenko was tortured. Police did not arrest his brother Pavel Marchenko.\n",
            ),
            (
                "c.txt",
                "Activist detained in Marevo\n\nMarch 13, 2024\n\nPolice detained Oleg Marchenko in Marevo on March 12, 2024, his lawyer said.\n",
            ),
            (
                "d.txt",
                "Officials deny beating\n\nMarch 14, 2024\n\nOfficials dismissed reports that Oleg Marchenko had been beaten in custody. \
                 No officer has been charged over his arrest.\n",
            ),
            (
                "e.txt",
                "Governor vows revenge\n\nMarch 15, 2024\n\nThe governor vowed on Friday to kill Oleg Marchenko. \
                 The minister promised to arrest the protesters. Rumours that Pavel Marchenko had been killed spread on Friday. \
                 Police said allegations that officers had beaten Oleg Marchenko were \"baseless\".\n",
            ),
            (
                "f.txt",
                "Fears for detained activist\n\nMarch 16, 2024\n\nThe network urged the authorities to ensure that Oleg Marchenko is protected from torture and other ill-treatment. \
                 On March 14 the judge ordered his detention pending trial. A guilty verdict would send a message to every activist. \
                 The court acquitted Ivan Dorn of torturing Pavel Marchenko. Prosecutors have yet to charge Ivan Dorn. \
                 His family fears he is being held incommunicado and tortured.\n",
            ),
            (
                "g.txt",
                "Execution halted\n\nMarch 18, 2024\n\nAuthorities have suspended the execution of Pavel Marchenko, his lawyer said on Monday. \
                 \"The execution has been stopped for now,\" the lawyer wrote. He had been moved to solitary confinement, a step that usually precedes an execution. \
                 The men said they were taking him for questioning.\n",
            ),
        ],
    );
    let (_, case) = build_unencrypted(&reports, &dir.path().join("out"));
    let events = case["events"].as_array().unwrap();
    let types: Vec<&str> = events.iter().map(|e| e["type"].as_str().unwrap()).collect();
    // the one act told as done is in the chain
    assert!(
        types.iter().any(|t| *t == "arrest" || *t == "detention"),
        "{types:?}"
    );
    // the threatened, vowed, rumoured or feared killing, the demanded end of torture, the
    // denied torture and beatings (one called baseless), the arrest that did not happen, the one
    // promised and the charge no one faces are not
    // (nor the torture he is to be protected from or that his family fears, the trial he is
    // held pending or a verdict that would send a message, the torture a court acquitted of,
    // the charge not yet brought; the execution suspended, stopped or only usual after a
    // move, the questioning he was taken for)
    for t in [
        "killing",
        "torture",
        "ill-treatment",
        "criminal-charge",
        "trial",
        "questioning",
    ] {
        assert!(
            !types.contains(&t),
            "a {t} event from words that do not assert one: {types:?}"
        );
    }
    for e in events {
        let m = e["modality"].as_str().unwrap();
        assert!(m == "asserted" || m == "alleged", "{e}");
    }
    // making a threat is itself an act, and is told as one
    assert!(types.contains(&"threat"), "{types:?}");
    // what is feared, demanded or denied are claims, with their modality
    let claims = case["claims"].as_array().unwrap();
    let modal = |m: &str, act: &str| {
        claims
            .iter()
            .any(|c| c["modality"] == m && c["attribute"] == act)
    };
    assert!(modal("feared", "killing"), "{claims:?}");
    assert!(modal("demanded", "torture"), "{claims:?}");
    assert!(modal("denied", "torture"), "{claims:?}");
    assert!(modal("denied", "ill-treatment"), "{claims:?}");
    // a vow to kill is a threat, a rumour of a killing supposed
    assert!(modal("threatened", "killing"), "{claims:?}");
    assert!(modal("hypothetical", "killing"), "{claims:?}");
}
