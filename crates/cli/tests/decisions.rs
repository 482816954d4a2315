//! Manual decisions (merge, split, keep apart) are recorded with who and when, and survive
//! rebuilds and later `casefile add`.

mod common;

use common::*;

fn entities(db: &std::path::Path) -> Vec<serde_json::Value> {
    let o = run(casefile()
        .args(["entities", "--json", "--no-encryption"])
        .arg(db));
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_slice::<Vec<serde_json::Value>>(&o.stdout).unwrap()
}

fn holder<'a>(ents: &'a [serde_json::Value], form: &str) -> Vec<&'a serde_json::Value> {
    ents.iter()
        .filter(|e| e["name"] == form || e["aliases"].as_array().unwrap().iter().any(|a| a == form))
        .collect()
}

#[test]
fn decisions_survive_rebuild_and_add() {
    for b in backends() {
        decisions_survive_rebuild_and_add_on(&b);
    }
}

fn decisions_survive_rebuild_and_add_on(b: &Backend) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("o");
    let o = run(casefile()
        .args([
            "build",
            "--no-encryption",
            "-q",
            "examples/reports",
            "--out",
        ])
        .arg(&out)
        .args(b.build_args()));
    assert!(o.status.success(), "{}", stderr(&o));
    let db = b.db(&out);
    // before: the two spellings are one person
    let e = entities(&db);
    assert_eq!(holder(&e, "Arman Kesoian").len(), 1);
    assert_eq!(holder(&e, "Arman Kesoian")[0]["name"], "Arman Kesoyan");

    let ok = |args: &[&str]| {
        let o = run(casefile().args(args).arg("--no-encryption").arg("-q"));
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    };
    let dbs = db.to_str().unwrap();
    ok(&[
        "keep-apart",
        dbs,
        "Arman Kesoyan",
        "Arman Kesoian",
        "--by",
        "reviewer-1",
    ]);
    ok(&[
        "merge",
        dbs,
        "Anna Kesoian",
        "Dalia Ostrik",
        "--by",
        "reviewer-2",
    ]);
    ok(&[
        "split",
        dbs,
        "Irina Volkova",
        "Volkova",
        "--by",
        "reviewer-3",
    ]);

    let check = |when: &str| {
        let e = entities(&db);
        let a = holder(&e, "Arman Kesoyan");
        let b = holder(&e, "Arman Kesoian");
        assert!(
            a.len() == 1 && b.len() == 1 && a[0]["id"] != b[0]["id"],
            "{when}: kept apart"
        );
        let m = holder(&e, "Dalia Ostrik");
        assert!(
            m.len() == 1
                && m[0]["aliases"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|x| x == "Anna Kesoian"),
            "{when}: merged"
        );
        let v = holder(&e, "Volkova");
        assert!(v.len() == 1 && v[0]["name"] == "Volkova", "{when}: split");
        assert!(
            m[0]["merges"]
                .as_array()
                .unwrap()
                .iter()
                .any(|w| w.as_str().unwrap().contains("by hand")),
            "{when}: explained"
        );
    };
    check("after the decisions");
    // a later add (a new report) and a rebuild keep every decision
    let extra = dir.path().join("extra.txt");
    std::fs::write(&extra, "Arman Kesoian, a student, was moved to another cell in Marevo, Irina Volkova said on Friday.\n").unwrap();
    let o = run(casefile()
        .args(["add", "--no-encryption", "-q"])
        .arg(&db)
        .arg(&extra));
    assert!(o.status.success(), "{}", stderr(&o));
    check("after add");
    let o = run(casefile()
        .args([
            "build",
            "--no-encryption",
            "-q",
            "examples/reports",
            "--out",
        ])
        .arg(&out)
        .args(b.build_args()));
    assert!(o.status.success(), "{}", stderr(&o));
    check("after build");
    // the log says who and when
    let o = run(casefile()
        .args(["decisions", "--json", "--no-encryption"])
        .arg(&db));
    let log: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(log.len(), 3);
    assert_eq!(log[0]["made_by"], "reviewer-1");
    assert_eq!(log[0]["decision"]["op"], "keep-apart");
    assert!(log[2]["made_at"].as_str().unwrap().starts_with("20"));
    // and case.json shows the split
    let case = read_json(&out.join("case.json"));
    validate_schema(&case);
    assert!(case["entities"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["name"] == "Volkova"));
}

#[test]
fn unknown_entities_are_refused_with_a_hint() {
    for b in backends() {
        unknown_entities_are_refused_with_a_hint_on(&b);
    }
}

fn unknown_entities_are_refused_with_a_hint_on(b: &Backend) {
    let dir = tempfile::tempdir().unwrap();
    let db = examples_case_on(b, dir.path());
    let o = run(casefile()
        .args(["merge", "--no-encryption"])
        .arg(&db)
        .args(["Nobody Here", "Dalia Ostrik"]));
    assert!(!o.status.success());
    assert!(stderr(&o).contains("casefile entities"), "{}", stderr(&o));
}

#[test]
fn undo_is_a_new_entry_and_tampering_is_reported() {
    for b in backends() {
        undo_is_a_new_entry_and_tampering_is_reported_on(&b);
    }
}

fn undo_is_a_new_entry_and_tampering_is_reported_on(b: &Backend) {
    let dir = tempfile::tempdir().unwrap();
    let db = examples_case_on(b, dir.path());
    let dbs = db.to_str().unwrap();
    let ok = |args: &[&str]| {
        let o = run(casefile().args(args).arg("--no-encryption").arg("-q"));
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    };
    ok(&["merge", dbs, "Anna Kesoian", "Dalia Ostrik", "--by", "a"]);
    ok(&[
        "keep-apart",
        dbs,
        "Arman Kesoyan",
        "Arman Kesoian",
        "--by",
        "b",
    ]);
    ok(&["undo", dbs, "1", "--by", "c"]);
    // the merge is undone, the keep-apart holds
    let e = entities(&db);
    assert_eq!(holder(&e, "Anna Kesoian").len(), 1);
    assert_eq!(
        holder(&e, "Anna Kesoian")[0]["name"],
        "Anna Kesoian",
        "merge undone"
    );
    assert_ne!(
        holder(&e, "Arman Kesoyan")[0]["id"],
        holder(&e, "Arman Kesoian")[0]["id"]
    );
    let o = run(casefile()
        .args(["decisions", "--json", "--no-encryption"])
        .arg(&db));
    let log: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(log.len(), 3);
    assert_eq!(log[2]["decision"]["op"], "undo");
    // an intact log verifies
    let o = run(casefile()
        .args(["audit", "verify", "--no-encryption"])
        .arg(&db));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    assert!(String::from_utf8_lossy(&o.stdout).contains("intact (3 entries"));
    // casefile cannot edit it, and neither can SQL without first removing the guards
    let t = Tamperer::new(b, &db);
    assert!(
        t.exec("UPDATE decisions SET made_by = 'mallory' WHERE seq = 1")
            .is_err(),
        "the log is append-only"
    );
    // a tamperer who drops the guards and edits an entry is caught
    t.unguard();
    t.exec("UPDATE decisions SET made_by = 'mallory' WHERE seq = 1")
        .unwrap();
    let o = run(casefile()
        .args(["audit", "verify", "--no-encryption", "--json"])
        .arg(&db));
    assert!(!o.status.success());
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(
        r["problems"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p.as_str().unwrap().contains("entry 1")
                && p.as_str().unwrap().contains("edited")),
        "{r}"
    );
    // and one who removes an entry too
    t.exec("DELETE FROM decisions WHERE seq = 2").unwrap();
    let o = run(casefile()
        .args(["audit", "verify", "--no-encryption", "--json"])
        .arg(&db));
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(
        r["problems"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p.as_str().unwrap().contains("missing")),
        "{r}"
    );
}

/// `casefile remove` takes a report out of the case (its bytes gone, the case file rebuilt
/// without it), logs the removal with the report's SHA-256, refuses an unknown report and an
/// undo of the removal, and the log stays intact.
#[test]
fn a_report_is_removed_and_the_removal_logged() {
    for b in backends() {
        a_report_is_removed_and_the_removal_logged_on(&b);
    }
}

fn a_report_is_removed_and_the_removal_logged_on(b: &Backend) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("o");
    let o = run(casefile()
        .args([
            "build",
            "--no-encryption",
            "-q",
            "examples/reports",
            "--out",
        ])
        .arg(&out)
        .args(b.build_args()));
    assert!(o.status.success(), "{}", stderr(&o));
    let db = b.db(&out);
    let json = dir.path().join("case.json");
    let export = |db: &std::path::Path| {
        let o = run(casefile()
            .args(["export", "--no-encryption", "--format", "json", "--out"])
            .arg(&json)
            .arg(db));
        assert!(o.status.success(), "{}", stderr(&o));
        read_json(&json)
    };
    let before = export(&db);
    let docs = before["documents"].as_array().unwrap();
    let victim = &docs[0];
    let (id, sha) = (
        victim["id"].as_str().unwrap(),
        victim["sha256"].as_str().unwrap(),
    );

    let o = run(casefile()
        .args(["remove", "--no-encryption", "--json"])
        .arg(&db)
        .args([
            id,
            "--reason",
            "duplicate of a wire copy",
            "--by",
            "owner-1",
        ]));
    assert!(o.status.success(), "{}", stderr(&o));
    let said: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(said["decision"]["op"], "remove-report");
    assert_eq!(said["decision"]["sha256"], sha);

    let after = export(&db);
    let left = after["documents"].as_array().unwrap();
    assert_eq!(left.len(), docs.len() - 1);
    assert!(left.iter().all(|d| d["id"] != id));
    // nothing of the case file points into the removed report
    assert!(!after.to_string().contains(&format!("\"doc\":\"{id}\"")));

    // the log names it, and is intact
    let o = run(casefile().args(["decisions", "--no-encryption"]).arg(&db));
    let log = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        log.contains(sha) && log.contains("owner-1") && log.contains("duplicate of a wire copy"),
        "{log}"
    );
    let o = run(casefile()
        .args(["audit", "verify", "--no-encryption"])
        .arg(&db));
    assert!(o.status.success(), "{}", stderr(&o));

    // an unknown report and an undo of the removal are refused, and say why
    let o = run(casefile()
        .args(["remove", "--no-encryption"])
        .arg(&db)
        .arg("no-such-report.txt"));
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("no report “no-such-report.txt”"),
        "{}",
        stderr(&o)
    );
    let o = run(casefile()
        .args(["undo", "--no-encryption"])
        .arg(&db)
        .arg("1"));
    assert!(!o.status.success());
    assert!(stderr(&o).contains("add the file again"), "{}", stderr(&o));
}

/// Someone with the passphrase rewrites an entry and recomputes the chain, or cuts the last
/// entry: `audit verify` alone cannot tell; against an anchor made before, it can.
#[test]
fn an_anchor_catches_a_rewritten_or_cut_log() {
    for b in backends() {
        an_anchor_catches_a_rewritten_or_cut_log_on(&b);
    }
}

fn an_anchor_catches_a_rewritten_or_cut_log_on(b: &Backend) {
    let dir = tempfile::tempdir().unwrap();
    let db = examples_case_on(b, dir.path());
    let dbs = db.to_str().unwrap();
    for args in [
        ["keep-apart", dbs, "Anna Kesoian", "Dalia Ostrik"],
        ["keep-apart", dbs, "Arman Kesoyan", "Dalia Ostrik"],
    ] {
        let o = run(casefile().args(args).args(["--no-encryption", "-q"]));
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    }
    let anchor = dir.path().join("anchor.json");
    let o = run(casefile()
        .args(["audit", "anchor", "--no-encryption"])
        .arg(&db)
        .arg("--out")
        .arg(&anchor));
    assert!(o.status.success(), "{}", stderr(&o));
    let verify = |with_anchor: bool| {
        let mut c = casefile();
        c.args(["audit", "verify", "--no-encryption"]).arg(&db);
        if with_anchor {
            c.arg("--anchor").arg(&anchor);
        }
        let o = run(&mut c);
        (
            o.status.success(),
            String::from_utf8_lossy(&o.stdout).to_string(),
        )
    };
    let (ok, said) = verify(true);
    assert!(
        ok && said.contains("every anchored entry is still there"),
        "{said}"
    );

    // rewrite entry 1 (keep apart → merge) and recompute the whole chain and its head
    let t = Tamperer::new(b, &db);
    t.unguard();
    t.exec("UPDATE decisions SET json = replace(json, 'keep-apart', 'merge') WHERE seq = 1")
        .unwrap();
    t.rechain();
    let (ok, said) = verify(false);
    assert!(ok, "without an anchor the forged chain passes: {said}");
    let (ok, said) = verify(true);
    assert!(!ok);
    assert!(
        said.contains("entry 2 of the decision log is not the one anchored"),
        "{said}"
    );
    // cut the last entry instead (after putting entry 1 back)
    t.exec("UPDATE decisions SET json = replace(json, 'merge', 'keep-apart') WHERE seq = 1")
        .unwrap();
    t.rechain();
    assert!(verify(true).0, "restored");
    t.exec("DELETE FROM decisions WHERE seq = 2").unwrap();
    t.rechain();
    let (ok, said) = verify(false);
    assert!(ok, "without an anchor the cut log passes: {said}");
    let (ok, said) = verify(true);
    assert!(!ok && said.contains("entries were cut"), "{said}");
}

/// A decision made under an account's name is signed with the account's own key (sealed by its
/// password, not the database's passphrase): someone holding only the passphrase who rewrites
/// it and recomputes the chain is caught without any anchor; one who strips the signature or the
/// key is caught against an anchor.
#[test]
fn signed_decisions_cannot_be_forged_with_the_passphrase_alone() {
    for b in backends() {
        signed_decisions_cannot_be_forged_with_the_passphrase_alone_on(&b);
    }
}

fn signed_decisions_cannot_be_forged_with_the_passphrase_alone_on(b: &Backend) {
    let dir = tempfile::tempdir().unwrap();
    let db = examples_case_on(b, dir.path());
    let dbs = db.to_str().unwrap();
    let o = run(casefile()
        .args([
            "user",
            "add",
            "--no-encryption",
            dbs,
            "ana",
            "--role",
            "owner",
        ])
        .env("CASEFILE_USER_PASSWORD", "correct horse battery"));
    assert!(o.status.success(), "{}", stderr(&o));
    let decide = |password: Option<&str>| {
        let mut c = casefile();
        c.args([
            "keep-apart",
            dbs,
            "Anna Kesoian",
            "Dalia Ostrik",
            "--by",
            "ana",
        ])
        .args(["--no-encryption", "-q"]);
        if let Some(p) = password {
            c.env("CASEFILE_USER_PASSWORD", p);
        }
        run(&mut c)
    };
    let o = decide(Some("not her password"));
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("wrong password for the account “ana”"),
        "{}",
        stderr(&o)
    );
    let o = decide(None);
    assert!(
        !o.status.success(),
        "an account's decision needs its password"
    );
    let o = decide(Some("correct horse battery"));
    assert!(o.status.success(), "{}", stderr(&o));
    // an unsigned one, by a name that is no account
    let o = run(casefile()
        .args([
            "keep-apart",
            dbs,
            "Arman Kesoyan",
            "Dalia Ostrik",
            "--by",
            "clerk",
        ])
        .args(["--no-encryption", "-q"]));
    assert!(o.status.success(), "{}", stderr(&o));
    let verify = |anchor: Option<&std::path::Path>| {
        let mut c = casefile();
        c.args(["audit", "verify", "--no-encryption", "--json"])
            .arg(&db);
        if let Some(a) = anchor {
            c.arg("--anchor").arg(a);
        }
        let o = run(&mut c);
        serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap()
    };
    let r = verify(None);
    assert_eq!(
        (r["ok"].clone(), r["signed"].clone()),
        (true.into(), 1.into()),
        "{r}"
    );
    let anchor = dir.path().join("anchor.json");
    let o = run(casefile()
        .args(["audit", "anchor", "--no-encryption", dbs, "--out"])
        .arg(&anchor));
    assert!(o.status.success(), "{}", stderr(&o));

    // the passphrase holder rewrites ana's entry and recomputes the chain: her signature fails
    let t = Tamperer::new(b, &db);
    t.unguard();
    t.exec("UPDATE decisions SET json = replace(json, 'keep-apart', 'merge') WHERE seq = 1")
        .unwrap();
    t.rechain();
    let r = verify(None);
    assert_eq!(r["ok"], false);
    assert!(
        r["problems"]
            .to_string()
            .contains("entry 1 (ana) is not what its author signed"),
        "{r}"
    );
    // stripping the signature makes it an unsigned entry: the anchor knows it was signed
    t.exec("DELETE FROM decision_signatures").unwrap();
    let r = verify(None);
    assert_eq!(
        r["ok"], true,
        "without an anchor an unsigned entry is not a fault: {r}"
    );
    let r = verify(Some(&anchor));
    assert!(
        r["problems"]
            .to_string()
            .contains("signatures were removed"),
        "{r}"
    );
    // and removing her key from the record is seen against the anchor too
    t.exec("DELETE FROM user_keys WHERE name = 'ana'").unwrap();
    let r = verify(Some(&anchor));
    assert!(
        r["problems"].to_string().contains("no longer on record"),
        "{r}"
    );
}
