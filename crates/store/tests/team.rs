//! The team database on its own: many writers at once, nothing readable on the server, and a
//! rewritten log found out. Each test makes its own PostgreSQL database and drops it.

use casefile_model::{Decision, Document};
use casefile_store::scratch::{self, ScratchDatabase};
use casefile_store::{Added, Key, Location, Store};

fn server() -> Option<ScratchDatabase> {
    scratch::for_test()
}

fn key() -> Key {
    Key::Passphrase("team passphrase".into())
}

fn open(db: &ScratchDatabase) -> casefile_store::AnyStore {
    casefile_store::open(&Location::Server(db.url().into()), key()).unwrap()
}

fn doc(text: &str, sha: &str) -> Document {
    Document {
        sha256: sha.to_string(),
        ..Document::from_text(sha[..16].to_string(), format!("reports/{sha}.txt"), text)
    }
}

/// Eight writers, each with its own connection, append decisions and add the same report at
/// once: one linear chain with every decision in it, and the report stored once.
#[test]
fn concurrent_writers_make_one_chain_and_store_bytes_once() {
    let Some(db) = server() else { return };
    let case = open(&db).case("c").unwrap();
    let (writers, each) = (8, 25);
    std::thread::scope(|s| {
        for w in 0..writers {
            let db = &db;
            s.spawn(move || {
                let mut store = open(db);
                let same = doc("the same report", "dddddddddddddddddddd");
                store.add_report(case, b"same bytes", &same, "w").unwrap();
                for i in 0..each {
                    let d = Decision::Merge {
                        a: format!("w{w}"),
                        b: format!("e{i}"),
                    };
                    store
                        .add_decision(case, &d, &format!("editor{w}"), None)
                        .unwrap();
                }
            });
        }
    });
    let store = open(&db);
    let audit = store.verify_audit().unwrap();
    assert!(audit.problems.is_empty(), "{:?}", audit.problems);
    assert_eq!(audit.entries, writers * each);
    assert_eq!(store.decisions(case).unwrap().len() as i64, writers * each);
    assert_eq!(
        store.report_ids(case).unwrap().len(),
        1,
        "the same bytes stored once"
    );
    assert_eq!(audit.custody_entries, 1);
}

/// Everything a documenter wrote is sealed: a dump of the database (what a seized server
/// gives) holds no name, text, path or decision in clear.
#[test]
fn a_dump_of_the_server_holds_nothing_readable() {
    let Some(db) = server() else { return };
    let mut store = open(&db);
    let case = store.case("chechnya-2021").unwrap();
    let report = doc(
        "Salekh Magamadov and Ismail Isaev were seized in Nizhny Novgorod.",
        "eeeeeeeeeeeeeeeeeeee",
    );
    assert_eq!(
        store
            .add_report(case, b"Salekh Magamadov, Ismail Isaev", &report, "ana")
            .unwrap(),
        Added::New
    );
    let merge = Decision::Merge {
        a: "Salekh Magamadov".into(),
        b: "Salekh Magamadow".into(),
    };
    store.add_decision(case, &merge, "ana", None).unwrap();
    store
        .record_failure(case, "Isaev-letter.txt", "binary")
        .unwrap();
    let dump = std::process::Command::new("pg_dump")
        .args(["--data-only", "--dbname", db.url()])
        .output()
        .expect("pg_dump (PostgreSQL's client tools) is needed for this test");
    assert!(
        dump.status.success(),
        "{}",
        String::from_utf8_lossy(&dump.stderr)
    );
    let text = String::from_utf8_lossy(&dump.stdout);
    assert!(
        text.contains("COPY public.reports"),
        "the dump holds the reports table"
    );
    for secret in [
        "Magamadov",
        "Isaev",
        "Nizhny",
        "chechnya",
        "eeeeeeeeeeee",
        "reports/",
        "Magamadow",
    ] {
        assert!(!text.contains(secret), "“{secret}” is readable in the dump");
    }
    // and casefile, with the passphrase, reads it all back
    let again = open(&db);
    assert_eq!(again.cases().unwrap(), ["chechnya-2021"]);
    assert_eq!(again.decisions(case).unwrap()[0].decision, merge);
}

/// Someone with the database (and not the passphrase) rewrites a decision and recomputes the
/// chain: the sealed entry no longer opens. Cut entries off the end: the head says so.
#[test]
fn a_rewritten_log_is_found_out() {
    let Some(db) = server() else { return };
    let mut store = open(&db);
    let case = store.case("c").unwrap();
    for i in 0..3 {
        let d = Decision::Merge {
            a: "A".into(),
            b: format!("B{i}"),
        };
        store.add_decision(case, &d, "ana", None).unwrap();
    }
    let mut admin = postgres::Client::connect(db.url(), postgres::NoTls).unwrap();
    admin
        .batch_execute(
            "ALTER TABLE decisions DISABLE TRIGGER decisions_append_only;
             DELETE FROM decisions WHERE seq = 3;",
        )
        .unwrap();
    let audit = store.verify_audit().unwrap();
    assert!(
        audit.problems.iter().any(|p| p.contains("were removed")),
        "{:?}",
        audit.problems
    );
    admin
        .batch_execute("UPDATE decisions SET made_by = 'bo' WHERE seq = 2;")
        .unwrap();
    let audit = store.verify_audit().unwrap();
    assert!(
        audit
            .problems
            .iter()
            .any(|p| p.contains("entry 2") && p.contains("edited")),
        "{:?}",
        audit.problems
    );
    let wrong = casefile_store::open(
        &Location::Server(db.url().into()),
        Key::Passphrase("not the passphrase".into()),
    );
    assert!(matches!(
        wrong,
        Err(casefile_store::StoreError::WrongPassphrase(_))
    ));
}

/// Eight editors, each on its own connection and on the same version of the case, change the
/// same entity at the same moment: exactly one change is recorded, seven are refused.
#[test]
fn of_simultaneous_changes_to_one_thing_one_is_recorded() {
    let Some(db) = server() else { return };
    let case = open(&db).case("c").unwrap();
    let barrier = std::sync::Barrier::new(8);
    let outcomes: Vec<bool> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..8)
            .map(|w| {
                let (db, barrier) = (&db, &barrier);
                s.spawn(move || {
                    let mut store = open(db);
                    let d = Decision::Merge {
                        a: "Salekh Magamadov".into(),
                        b: format!("Person {w}"),
                    };
                    barrier.wait();
                    match store.add_decision_on(case, &d, &format!("editor{w}"), None, Some(0)) {
                        Ok(()) => true,
                        Err(casefile_store::StoreError::Conflict(_)) => false,
                        Err(e) => panic!("{e}"),
                    }
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(outcomes.iter().filter(|ok| **ok).count(), 1, "{outcomes:?}");
    let store = open(&db);
    assert_eq!(store.decisions(case).unwrap().len(), 1);
    assert!(store.verify_audit().unwrap().problems.is_empty());
}

/// A worker that takes a job and dies holds it only for its lease: then another takes it again,
/// and when both finish it the report is stored once.
#[test]
fn a_dead_workers_job_is_taken_again_and_stored_once() {
    let Some(db) = server() else { return };
    let mut first = open(&db);
    let mut second = open(&db);
    let case = first.case("c").unwrap();
    let q = first.queue().expect("a team database has a queue");
    q.enqueue(
        case,
        "reports/a.txt",
        b"Salekh Magamadov was seized.",
        "ana",
    )
    .unwrap();
    let lease = std::time::Duration::from_millis(800);
    let job = q.take("first", lease, 8).unwrap().pop().expect("a job");
    assert_eq!((job.path.as_str(), job.attempts), ("reports/a.txt", 1));
    assert_eq!(job.bytes, b"Salekh Magamadov was seized.");
    let q2 = second.queue().unwrap();
    assert!(
        q2.take("second", lease, 8).unwrap().is_empty(),
        "leased to the first"
    );
    std::thread::sleep(std::time::Duration::from_millis(900));
    let again = q2
        .take("second", lease, 8)
        .unwrap()
        .pop()
        .expect("the lease ran out");
    assert_eq!((again.id, again.attempts), (job.id, 2));
    let doc = doc("Salekh Magamadov was seized.", "ffffffffffffffffffff");
    assert_eq!(q2.finish(&[(again, doc.clone())]).unwrap(), [Added::New]);
    // the first worker was only slow, not dead: its finish stores nothing more
    let q = first.queue().unwrap();
    assert!(matches!(
        q.finish(&[(job, doc)]).unwrap()[..],
        [Added::Duplicate { .. }]
    ));
    assert_eq!(q.pending(case).unwrap(), 0);
    assert_eq!(first.report_ids(case).unwrap().len(), 1);
    assert_eq!(first.verify_audit().unwrap().custody_entries, 1);
}
