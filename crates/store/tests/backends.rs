//! One suite, two stores: every behaviour the rest of casefile relies on is checked on the
//! SQLite file and on a PostgreSQL database made for the run (and dropped after it).
//!
//! The PostgreSQL server is `CASEFILE_TEST_POSTGRES` or 127.0.0.1:5432 (see
//! `casefile_store::scratch`). Without one these tests fail and say so; set
//! `CASEFILE_TEST_POSTGRES=off` to run the SQLite half alone.

use casefile_model::{CaseFile, Custody, Decision, Document, Role};
use casefile_store::scratch::{self, ScratchDatabase};
use casefile_store::{Added, AnyStore, Capture, Key, Location, Log, Store, StoreError};

/// What keeps a backend's database alive for a test.
enum Keep {
    #[allow(dead_code)]
    Dir(tempfile::TempDir),
    #[allow(dead_code)]
    Server(ScratchDatabase),
}

/// A fresh database of each backend, with how to open it again.
fn fresh() -> Vec<(Location, Keep)> {
    let dir = tempfile::tempdir().unwrap();
    let mut out = vec![(Location::File(dir.path().join("case.db")), Keep::Dir(dir))];
    if let Some(db) = scratch::for_test() {
        out.push((Location::Server(db.url().to_string()), Keep::Server(db)));
    }
    out
}

fn doc(text: &str, sha: &str) -> Document {
    Document {
        sha256: sha.to_string(),
        ..Document::from_text(sha[..16].to_string(), format!("{sha}.txt"), text)
    }
}

fn merge(a: &str, b: &str) -> Decision {
    Decision::Merge {
        a: a.into(),
        b: b.into(),
    }
}

fn open(at: &Location, key: &Key) -> AnyStore {
    casefile_store::open(at, key.clone()).unwrap_or_else(|e| panic!("{}: {e}", at.shown()))
}

#[test]
fn reports_decisions_and_logs_on_both_backends() {
    let key = Key::Passphrase("correct horse battery".into());
    for (at, _keep) in fresh() {
        let shown = at.shown();
        {
            let mut s = open(&at, &key);
            let a = s.case("alpha").unwrap();
            let b = s.case("beta").unwrap();
            assert_eq!(s.case("alpha").unwrap(), a, "{shown}");
            let hello = doc("hello Magamadov", "aaaaaaaaaaaaaaaaaaaa");
            assert_eq!(s.add_report(a, b"hello", &hello, "t").unwrap(), Added::New);
            assert_eq!(
                s.add_report(a, b"hello", &hello, "t").unwrap(),
                Added::Duplicate {
                    path: hello.path.clone()
                },
                "{shown}"
            );
            s.add_report(b, b"other", &doc("other", "bbbbbbbbbbbbbbbbbbbb"), "t")
                .unwrap();
            s.add_decision(a, &merge("X", "Y"), "tester", None).unwrap();
            s.record_failure(a, "bad.txt", "binary").unwrap();
        }
        let mut s = open(&at, &key);
        let a = s.case("alpha").unwrap();
        let b = s.case("beta").unwrap();
        assert_eq!(s.cases().unwrap(), ["alpha", "beta"], "{shown}");
        assert_eq!(s.documents(a).unwrap()[0].text, "hello Magamadov");
        assert_eq!(s.documents(b).unwrap()[0].text, "other");
        assert_eq!(s.report_ids(a).unwrap(), ["aaaaaaaaaaaaaaaa"]);
        assert_eq!(
            s.original(a, "aaaaaaaaaaaaaaaa").unwrap().unwrap(),
            b"hello"
        );
        assert_eq!(
            s.original(b, "aaaaaaaaaaaaaaaa").unwrap(),
            None,
            "{shown}: rows know their case"
        );
        let d = s.decisions(a).unwrap();
        assert_eq!((d.len(), d[0].made_by.as_str()), (1, "tester"));
        assert_eq!(d[0].decision, merge("X", "Y"));
        assert!(s.decisions(b).unwrap().is_empty());
        let custody = s.custody(a).unwrap();
        assert_eq!(custody.len(), 1);
        assert_eq!(custody[0].entry.sha256(), "aaaaaaaaaaaaaaaaaaaa");
        let audit = s.verify_audit().unwrap();
        assert!(audit.problems.is_empty(), "{shown}: {:?}", audit.problems);
        assert_eq!((audit.entries, audit.custody_entries), (1, 2), "{shown}");
        assert_eq!(s.head(Log::Decisions).unwrap().hash, d[0].hash);
        assert_eq!(
            s.hash_at(Log::Decisions, 1).unwrap(),
            Some(d[0].hash.clone())
        );
        let mut seen = Vec::new();
        s.each_original(a, &mut |r| seen.push((r.doc.to_string(), r.bytes.to_vec())))
            .unwrap();
        assert_eq!(seen, [("aaaaaaaaaaaaaaaa".to_string(), b"hello".to_vec())]);
        // search: every word, any case, only this case's reports, no query syntax
        let hits = s.search(a, "MAGAMADOV hello", 10).unwrap();
        assert_eq!(hits.len(), 1, "{shown}");
        assert!(
            hits[0].snippet.contains('\u{E000}'),
            "{shown}: {}",
            hits[0].snippet
        );
        assert!(s.search(a, "\" OR *", 10).unwrap().is_empty());
        assert!(s.search(b, "hello", 10).unwrap().is_empty(), "{shown}");
        // a case file saved is the one read
        let file = CaseFile {
            schema_version: 1,
            case: "alpha".into(),
            generated_by: "test".into(),
            documents: vec![],
            entities: vec![],
            events: vec![],
            quotes: vec![],
            claims: vec![],
            discrepancies: vec![],
            interventions: vec![],
            sources: vec![],
            lookup: Default::default(),
        };
        s.save_case_file(a, &file).unwrap();
        s.save_case_file(a, &file).unwrap();
        assert_eq!(s.case_file(a).unwrap().unwrap().case, "alpha");
        assert!(s.case_file(b).unwrap().is_none());
        // a report removed goes with a decision that says so
        let gen = s.generation().unwrap();
        assert!(s
            .remove_report(a, "aaaaaaaaaaaaaaaa", &merge("R", "S"), "tester", None)
            .unwrap());
        assert!(!s
            .remove_report(a, "aaaaaaaaaaaaaaaa", &merge("R", "S"), "tester", None)
            .unwrap());
        assert!(s.documents(a).unwrap().is_empty());
        assert!(
            s.search(a, "hello", 10).unwrap().is_empty(),
            "{shown}: the index follows"
        );
        assert_eq!(s.decisions(a).unwrap().len(), 2);
        let _ = gen;
    }
}

#[test]
fn captures_keep_their_warc_records() {
    let key = Key::Plain;
    for (at, _keep) in fresh() {
        let mut s = open(&at, &key);
        let a = s.case("c").unwrap();
        let page = doc("a page", "cccccccccccccccccccc");
        let capture = Capture {
            doc: page.id.clone(),
            requested: "http://example.org/a".into(),
            url: "https://example.org/a".into(),
            captured_at: "2026-12-04T06:00:00Z".into(),
            warc: vec![0x1f, 0x8b, 0, 1, 2],
            warc_sha256: "ff".into(),
        };
        s.add_capture(a, b"<p>a page", &page, &capture, "t")
            .unwrap();
        assert_eq!(s.captures(a).unwrap(), [capture], "{}", at.shown());
        assert!(matches!(
            s.custody(a).unwrap()[0].entry,
            Custody::Capture { .. }
        ));
    }
}

#[test]
fn accounts_sessions_and_signed_decisions() {
    let key = Key::Plain;
    for (at, _keep) in fresh() {
        let shown = at.shown();
        let mut s = open(&at, &key);
        let u = s.add_user("ana", Role::Owner, "a long passphrase").unwrap();
        assert!(
            matches!(s.add_user("ana", Role::Viewer, "another long one"), Err(StoreError::Invalid(m)) if m.contains("exists")),
            "{shown}"
        );
        assert!(s.add_user("bo", Role::Viewer, "short").is_err());
        assert!(s.check_password("ana", "wrong password").unwrap().is_none());
        assert!(s
            .check_password("nobody", "a long passphrase")
            .unwrap()
            .is_none());
        assert_eq!(
            s.check_password("ana", "a long passphrase")
                .unwrap()
                .unwrap(),
            u
        );
        let (token, sess) = s.create_session(&u, 12).unwrap();
        assert_eq!(s.session(&token).unwrap().unwrap(), sess);
        assert!(s.session("not a token").unwrap().is_none());
        s.end_session(&token).unwrap();
        assert!(s.session(&token).unwrap().is_none());
        let (expired, _) = s.create_session(&u, -1).unwrap();
        assert!(s.session(&expired).unwrap().is_none(), "{shown}");
        // a decision signed by its author verifies; a password change keeps it verifying
        let signer = s.unlock_key("ana", "a long passphrase").unwrap().unwrap();
        let case = s.case("c").unwrap();
        s.add_decision(case, &merge("A", "B"), "ana", Some(&signer))
            .unwrap();
        assert!(s.set_password("ana", "a new long passphrase").unwrap());
        let audit = s.verify_audit().unwrap();
        assert_eq!(
            (audit.signed, audit.problems.len()),
            (1, 0),
            "{shown}: {:?}",
            audit.problems
        );
        assert_eq!(s.signed_up_to(1).unwrap(), 1);
        assert_eq!(s.keys().unwrap().len(), 2);
        let (t2, _) = s.create_session(&u, 1).unwrap();
        assert_eq!(s.end_sessions("ana").unwrap(), 1);
        assert!(s.session(&t2).unwrap().is_none());
        assert_eq!(s.users().unwrap(), [u]);
        assert!(s.remove_user("ana").unwrap());
        assert!(s.users().unwrap().is_empty(), "{shown}");
    }
}

#[test]
fn the_wrong_key_opens_nothing() {
    let key = Key::Passphrase("correct horse battery".into());
    for (at, _keep) in fresh() {
        drop(open(&at, &key));
        assert!(matches!(
            casefile_store::open(&at, Key::Passphrase("wrong horse battery".into())),
            Err(StoreError::WrongPassphrase(_))
        ));
        assert!(matches!(
            casefile_store::open(&at, Key::Plain),
            Err(StoreError::Encrypted(_))
        ));
    }
    for (at, _keep) in fresh() {
        drop(open(&at, &Key::Plain));
        assert!(matches!(
            casefile_store::open(&at, key.clone()),
            Err(StoreError::NotEncrypted(_))
        ));
    }
}

/// Two editors on the same version of the case: the first one's change is recorded, the second
/// one's change to the same thing is refused with the first one's decision; a change to
/// something else, and the same change made on the newer version, are recorded.
#[test]
fn a_change_made_on_an_old_version_of_the_same_thing_is_refused() {
    let key = Key::Plain;
    for (at, _keep) in fresh() {
        let shown = at.shown();
        let mut ana = open(&at, &key);
        let mut bo = open(&at, &key);
        let case = ana.case("c").unwrap();
        let base = ana.head(Log::Decisions).unwrap().entries;
        ana.add_decision_on(case, &merge("X", "Y"), "ana", None, Some(base))
            .unwrap();
        let apart = Decision::KeepApart {
            a: "x".into(),
            b: "Z".into(),
        };
        match bo.add_decision_on(case, &apart, "bo", None, Some(base)) {
            Err(StoreError::Conflict(theirs)) => {
                assert_eq!(theirs.len(), 1, "{shown}");
                assert_eq!(theirs[0].made_by, "ana");
                assert_eq!(theirs[0].decision, merge("X", "Y"));
            }
            other => panic!("{shown}: {other:?}"),
        }
        assert_eq!(
            bo.decisions(case).unwrap().len(),
            1,
            "{shown}: nothing written"
        );
        bo.add_decision_on(case, &merge("V", "W"), "bo", None, Some(base))
            .unwrap();
        let now = bo.head(Log::Decisions).unwrap().entries;
        bo.add_decision_on(case, &apart, "bo", None, Some(now))
            .unwrap();
        assert_eq!(bo.decisions(case).unwrap().len(), 3);
        assert!(bo.verify_audit().unwrap().problems.is_empty(), "{shown}");
    }
}

/// A new database is not made with a passphrase too short to protect anything, on disk or on a
/// server; nothing is set up.
#[test]
fn a_new_database_refuses_a_short_passphrase() {
    for (at, _keep) in fresh() {
        let short = casefile_store::open(&at, Key::Passphrase("p".into()));
        assert!(
            matches!(&short, Err(StoreError::Invalid(m)) if m.contains("at least 8 characters")),
            "{}: {:?}",
            at.shown(),
            short.err()
        );
        assert!(
            matches!(&at, Location::Server(_)) || !at.exists(),
            "no file made"
        );
        drop(open(&at, &Key::Passphrase("a long one".into())));
    }
}

/// Annotations are kept per report with the annotator's version: read back for that version,
/// counted (not returned) for another, replaced when made again, gone with their report; a
/// batch of reports is stored in order, a duplicate inside it once.
#[test]
fn annotations_are_kept_by_version_and_go_with_their_report() {
    let key = Key::Passphrase("correct horse battery".into());
    for (at, _keep) in fresh() {
        let shown = at.shown();
        let mut s = open(&at, &key);
        let c = s.case("alpha").unwrap();
        let (one, two) = (
            doc("Oleg Marchenko was detained.", "cccccccccccccccccccc"),
            doc("Irina Volkova said so.", "dddddddddddddddddddd"),
        );
        let added = s
            .add_reports(c, &[(b"one", &one), (b"two", &two), (b"one", &one)], "t")
            .unwrap();
        assert_eq!(added[..2], [Added::New, Added::New], "{shown}");
        assert!(matches!(added[2], Added::Duplicate { .. }), "{shown}");
        assert_eq!(s.custody(c).unwrap().len(), 2, "{shown}");
        let ann = |d: &Document, n: usize| casefile_model::Annotations {
            doc: d.id.clone(),
            sentences: vec![(0, n)],
            ..Default::default()
        };
        s.save_annotations(
            c,
            "v1",
            &[(&one.id, &ann(&one, 5)), (&two.id, &ann(&two, 7))],
        )
        .unwrap();
        let got = s.annotations(c, "v1").unwrap();
        assert_eq!(got.current.len(), 2, "{shown}");
        assert_eq!(got.current[&two.id].sentences, [(0, 7)], "{shown}");
        assert_eq!(got.stale, 0);
        // another annotator: nothing to reuse, two to make again
        let other = s.annotations(c, "v2").unwrap();
        assert!(other.current.is_empty() && other.stale == 2, "{shown}");
        s.save_annotations(c, "v2", &[(&one.id, &ann(&one, 9))])
            .unwrap();
        let mixed = s.annotations(c, "v2").unwrap();
        assert_eq!(mixed.current[&one.id].sentences, [(0, 9)], "{shown}");
        assert_eq!(mixed.stale, 1, "{shown}");
        // a report taken out takes its annotations with it
        let removal = Decision::RemoveReport {
            doc: two.id.clone(),
            path: two.path.clone(),
            sha256: two.sha256.clone(),
            size: 3,
            reason: None,
        };
        assert!(s.remove_report(c, &two.id, &removal, "t", None).unwrap());
        let after = s.annotations(c, "v2").unwrap();
        assert_eq!((after.current.len(), after.stale), (1, 0), "{shown}");
    }
}
