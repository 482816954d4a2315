//! The use cases on a store in memory, over the example reports shipped in `examples/reports`.

use std::path::PathBuf;

use casefile_model::{CaseFile, Decision, Role};
use casefile_store::AnyStore;

use crate::{Actor, Change, Desk, DeskError, Quiet};

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/reports")
}

/// A desk over a fresh in-memory store holding the example reports, built.
pub(crate) fn desk() -> (Desk<AnyStore>, CaseFile) {
    let store = casefile_store::in_memory().unwrap();
    let mut desk = Desk::create(store, "default").unwrap();
    let (intake, file) = desk
        .add_and_rebuild(&[examples()], "test", &mut Quiet)
        .unwrap();
    assert_eq!((intake.new, intake.duplicate), (3, 0));
    (desk, file)
}

pub(crate) fn case_file() -> CaseFile {
    desk().1
}

fn ana() -> Actor {
    Actor::owner("ana")
}

/// Check each change (JSON, as the API takes it) on a fresh desk: `Ok(op)` when it is recorded
/// as a decision with that op, `Err(words)` when refused with a message containing the words.
fn check(cases: &[(&str, Result<&str, &str>)]) {
    for (json, want) in cases {
        let (mut desk, _) = desk();
        let change: Change = serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"));
        let got = desk.decide(change, &ana());
        match (want, got) {
            (Ok(op), Ok((d, _))) => {
                assert_eq!(serde_json::to_value(&d).unwrap()["op"], *op, "{json}")
            }
            (Err(words), Err(e)) => {
                assert!(e.to_string().contains(words), "{json}: {e}")
            }
            (want, got) => panic!("{json}: wanted {want:?}, got {got:?}"),
        }
    }
}

#[test]
fn changes_are_checked_once() {
    check(&[
        (
            r#"{"op":"merge","a":"Arman Kesoyan","b":"Dalia Ostrik"}"#,
            Ok("merge"),
        ),
        (
            r#"{"op":"merge","a":"Arman Kesoyan","b":"arman kesoyan"}"#,
            Err("already one entity"),
        ),
        (
            r#"{"op":"merge","a":"Nobody Here","b":"Dalia Ostrik"}"#,
            Err("no entity “Nobody Here”"),
        ),
        (
            r#"{"op":"merge","a":"Arman Kesoyan","b":"Marevo"}"#,
            Err("one entity cannot be both"),
        ),
        (
            r#"{"op":"keep-apart","a":"Arman Kesoyan","b":"Dalia Ostrik"}"#,
            Ok("keep-apart"),
        ),
        (r#"{"op":"undo","seq":1}"#, Err("no decision 1")),
        (r#"{"op":"undo","seq":-1}"#, Err("no decision -1")),
        (r#"{"op":"reject","entity":"Irina Volkova"}"#, Ok("reject")),
        (r#"{"op":"confirm","entity":"Nobody"}"#, Err("no entity")),
        (
            r#"{"op":"note","text":"nothing to attach"}"#,
            Err("needs an entity or an event"),
        ),
        (
            r#"{"op":"note","entity":"Irina Volkova","text":"  "}"#,
            Err("an empty note"),
        ),
        (
            r#"{"op":"note","entity":"Irina Volkova","text":"called her"}"#,
            Ok("note"),
        ),
        (
            r#"{"op":"edit-event","event":"event-999","field":"date","value":"2021"}"#,
            Err("no event"),
        ),
        (
            r#"{"op":"edit-event","event":"event-001","field":"date","value":"March"}"#,
            Err("not a date"),
        ),
        (
            r#"{"op":"edit-event","event":"event-001","field":"date","value":"2024-03-07"}"#,
            Ok("edit-event"),
        ),
        (
            r#"{"op":"edit-event","event":"event-001","field":"add-participant","value":"Irina Volkova:witness"}"#,
            Ok("edit-event"),
        ),
        (
            r#"{"op":"edit-event","event":"event-001","field":"add-participant","value":"Irina Volkova:killer"}"#,
            Err("unknown participant role"),
        ),
        (
            r#"{"op":"edit-event","event":"event-001","field":"type","value":"massacre"}"#,
            Err("unknown act type"),
        ),
        (
            r#"{"op":"edit-event","event":"event-001","field":"type","value":"detention"}"#,
            Ok("edit-event"),
        ),
        (
            r#"{"op":"set-verdict","subject":"nobody","attribute":"age","verdict":"conflict"}"#,
            Err("no discrepancy"),
        ),
        (
            r#"{"op":"split","entity":"Irina Volkova","mentions":["nowhere"]}"#,
            Err("is not a mention"),
        ),
    ]);
    // words that are not part of the vocabulary do not even parse
    for bad in [
        r#"{"op":"edit-event","event":"event-001","field":"colour","value":"red"}"#,
        r#"{"op":"set-verdict","subject":"s","attribute":"a","verdict":"maybe"}"#,
        r#"{"op":"launch"}"#,
    ] {
        assert!(serde_json::from_str::<Change>(bad).is_err(), "{bad}");
    }
}

#[test]
fn a_viewer_reads_but_cannot_change() {
    let (mut desk, file) = desk();
    let viewer = Actor {
        name: "vic".into(),
        role: Role::Viewer,
        signer: None,
    };
    let change = Change::Confirm {
        entity: file.entities[0].id.clone(),
    };
    assert!(matches!(
        desk.decide(change.clone(), &viewer),
        Err(DeskError::Forbidden(_))
    ));
    let editor = Actor {
        name: "ed".into(),
        role: Role::Editor,
        signer: None,
    };
    assert!(desk.decide(change, &editor).is_ok());
    assert!(matches!(
        desk.add_user(&editor, "new", Role::Viewer, "a long password here"),
        Err(DeskError::Forbidden(_))
    ));
    assert!(desk
        .add_user(&ana(), "new", Role::Viewer, "a long password here")
        .is_ok());
    assert!(desk
        .add_user(&ana(), "  ", Role::Viewer, "a long password here")
        .is_err());
}

#[test]
fn decisions_replay_on_every_rebuild_and_undo_takes_them_back() {
    let (mut desk, before) = desk();
    let merge = Change::Merge {
        a: "Arman Kesoyan".into(),
        b: "Dalia Ostrik".into(),
    };
    let (_, merged) = desk.decide(merge, &ana()).unwrap();
    assert_eq!(merged.entities.len() + 1, before.entities.len());
    assert_eq!(desk.rebuild().unwrap(), merged, "a rebuild replays the log");
    let (d, undone) = desk.decide(Change::Undo { seq: 1 }, &ana()).unwrap();
    assert_eq!(d, Decision::Undo { seq: 1 });
    assert_eq!(undone, before);
    let again = desk.decide(Change::Undo { seq: 1 }, &ana());
    assert!(again.unwrap_err().to_string().contains("already undone"));
    let log = desk.decisions().unwrap();
    assert_eq!(log.len(), 2);
    assert_eq!(log[0].made_by, "ana");
    assert!(desk.verify_audit().unwrap().problems.is_empty());
}

#[test]
fn adding_the_same_reports_twice_stores_them_once() {
    let (mut desk, file) = desk();
    let (intake, again) = desk
        .add_and_rebuild(&[examples()], "test", &mut Quiet)
        .unwrap();
    assert_eq!((intake.new, intake.duplicate), (0, 3));
    assert_eq!(again, file);
    let nothing = desk.add_and_rebuild(&[examples().join("no-such-file.txt")], "test", &mut Quiet);
    assert!(matches!(nothing, Err(DeskError::Nothing(_))));
}

#[test]
fn opening_a_case_that_is_not_there_names_those_that_are() {
    let (desk, _) = desk();
    let store = desk.store;
    let err = Desk::open(store, "other").err().unwrap().to_string();
    assert!(
        err.contains("no case named “other”; cases here: default"),
        "{err}"
    );
}

#[test]
fn a_new_database_needs_a_real_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case.db");
    let short = crate::create_store(
        &path.as_path().into(),
        casefile_store::Key::Passphrase("p".into()),
    );
    assert!(short
        .err()
        .unwrap()
        .to_string()
        .contains("at least 8 characters"));
    assert!(!path.exists(), "nothing is made");
    let long = crate::create_store(
        &path.as_path().into(),
        casefile_store::Key::Passphrase("a long one".into()),
    );
    assert!(long.is_ok());
}
