//! A public export protects people: with both victims of the seed case protected, no output file
//! of any format holds any form of their names: neither a spelling the reports use nor a
//! romanisation the name matcher accepts. The private export still names them.

mod common;

use std::path::Path;

use common::*;

/// Whole words of `text`, lower-cased.
fn words(text: &str) -> std::collections::HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn files_under(p: &Path) -> Vec<std::path::PathBuf> {
    if p.is_dir() {
        std::fs::read_dir(p)
            .unwrap()
            .flat_map(|e| files_under(&e.unwrap().path()))
            .collect()
    } else {
        vec![p.to_path_buf()]
    }
}

#[test]
fn a_public_export_names_no_protected_person() {
    for b in backends() {
        a_public_export_names_no_protected_person_on(&b);
    }
}

fn a_public_export_names_no_protected_person_on(b: &Backend) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("o");
    let o = run(casefile()
        .args(["build", "--no-encryption", "-q"])
        .args(b.build_args())
        .arg(shared().join("seeds"))
        .arg("--out")
        .arg(&out));
    assert!(o.status.success(), "{}", stderr(&o));
    let db = b.db(&out);
    for who in ["Salekh Magamadov", "Ismail Isayev"] {
        let o = run(casefile()
            .args(["protect", "--no-encryption", "-q"])
            .arg(&db)
            .arg(who));
        assert!(o.status.success(), "{who}: {}", stderr(&o));
    }
    // every form of their names the case holds: names, aliases and the words of each mention
    let private = dir.path().join("private.json");
    let o = run(casefile()
        .args(["export", "--no-encryption", "--format", "json", "--out"])
        .arg(&private)
        .arg(&db));
    assert!(o.status.success(), "{}", stderr(&o));
    let case = read_json(&private);
    let texts: std::collections::HashMap<&str, &str> = case["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["id"].as_str().unwrap(), d["text"].as_str().unwrap()))
        .collect();
    let mut forms: Vec<String> = Vec::new();
    let protected: Vec<&serde_json::Value> = case["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["protected"] == true)
        .collect();
    assert_eq!(protected.len(), 2, "both are protected");
    for e in &protected {
        forms.push(e["name"].as_str().unwrap().into());
        forms.extend(
            e["aliases"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a.as_str().unwrap().to_string()),
        );
        for m in e["mentions"].as_array().unwrap() {
            let t = texts[m["doc"].as_str().unwrap()].as_bytes();
            let (s, t2) = (
                m["start"].as_u64().unwrap() as usize,
                m["end"].as_u64().unwrap() as usize,
            );
            forms.push(String::from_utf8_lossy(&t[s..t2]).into_owned());
        }
    }
    // and romanisations the name matcher takes for the same words
    forms.extend(
        [
            "Salikh",
            "Saleh",
            "Salekh",
            "Magomadov",
            "Magamedov",
            "Ismayil",
            "Izmail",
            "Isaev",
            "Issaev",
            "Isayev",
        ]
        .map(String::from),
    );
    let mut needles: Vec<String> = forms
        .iter()
        .flat_map(|f| words(f))
        .filter(|w| w.chars().count() >= 3)
        .collect();
    needles.sort();
    needles.dedup();
    assert!(needles.len() >= 8, "{needles:?}");
    // the private export names them
    let private_words = words(&std::fs::read_to_string(&private).unwrap());
    assert!(private_words.contains("magamadov") && private_words.contains("ismail"));

    // the public export, every format, names none of them
    let public = dir.path().join("public");
    std::fs::create_dir_all(&public).unwrap();
    for (format, name) in [
        ("json", "case.json"),
        ("md", "report.md"),
        ("html", "report.html"),
        ("ftm", "case.ftm.json"),
        ("csv", "csv"),
    ] {
        let o = run(casefile()
            .args([
                "export",
                "--no-encryption",
                "--public",
                "--format",
                format,
                "--out",
            ])
            .arg(public.join(name))
            .arg(&db));
        assert!(o.status.success(), "{format}: {}", stderr(&o));
        assert!(stderr(&o).contains("Person A, Person B"), "{}", stderr(&o));
    }
    let files = files_under(&public);
    assert!(files.len() >= 8, "{files:?}");
    for f in &files {
        let found = words(&std::fs::read_to_string(f).unwrap());
        let leaked: Vec<&String> = needles.iter().filter(|n| found.contains(*n)).collect();
        assert!(leaked.is_empty(), "{} names {leaked:?}", f.display());
        assert!(found.contains("person"), "{}: no pseudonym", f.display());
    }
    // the public case file is still a case file: valid, every passage at its words
    let public_case = read_json(&public.join("case.json"));
    validate_schema(&public_case);
    check_spans(&public_case);
}
