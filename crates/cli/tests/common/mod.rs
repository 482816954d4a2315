//! Helpers shared by the end-to-end tests: run the binary, validate a case file.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repo root")
}

/// `../shared` beside the repository: the seed reports, the reference case file, the scorer.
pub fn shared() -> PathBuf {
    let p = repo_root().join("../shared");
    assert!(
        p.join("seeds").is_dir(),
        "the tests need ../shared/seeds beside the repository ({})",
        p.display()
    );
    p
}

/// The casefile binary, with a clean environment for the passphrase.
pub fn casefile() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_casefile"));
    c.env_remove("CASEFILE_PASSPHRASE")
        .env("CI", "true")
        .current_dir(repo_root());
    c
}

/// A folder `reports` in `dir` holding the given (file name, text) reports.
#[allow(dead_code)]
pub fn reports_folder(dir: &Path, files: &[(&str, &str)]) -> PathBuf {
    let reports = dir.join("reports");
    std::fs::create_dir(&reports).unwrap();
    for (name, text) in files {
        std::fs::write(reports.join(name), text).unwrap();
    }
    reports
}

/// `casefile build --no-encryption REPORTS --out OUT`, checked to succeed; the case file.
#[allow(dead_code)]
pub fn build_unencrypted(reports: &Path, out: &Path) -> (Output, Value) {
    let o = run(casefile()
        .args(["build", "--no-encryption"])
        .arg(reports)
        .arg("--out")
        .arg(out));
    assert!(o.status.success(), "{}", stderr(&o));
    let case = read_json(&out.join("case.json"));
    validate_schema(&case);
    (o, case)
}

pub fn run(c: &mut Command) -> Output {
    c.output().expect("run casefile")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Score a case file with ../shared/tools/score_seeds.py and `args` (`--gold`, `--min`): the
/// scorer's run (its status says whether every `--min` floor holds) and its figures, the JSON
/// line it ends with. The scorer's table is printed for the test log.
pub fn score(case_path: &Path, args: &[&std::ffi::OsStr]) -> (Output, Value) {
    let o = Command::new("python3")
        .arg(shared().join("tools/score_seeds.py"))
        .arg(case_path)
        .args(args)
        .output()
        .expect("python3 runs the scorer");
    let stdout = String::from_utf8_lossy(&o.stdout).into_owned();
    println!("{stdout}");
    let figures = serde_json::from_str(
        stdout
            .lines()
            .rfind(|l| l.starts_with('{'))
            .expect("scorer JSON line"),
    )
    .expect("scorer JSON");
    (o, figures)
}

pub fn read_json(p: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(p).expect("read json")).expect("valid json")
}

/// The entity of a case file by its preferred name (panics, listing the entities, if none).
pub fn entity<'a>(case: &'a Value, name: &str) -> &'a Value {
    let entities = case["entities"].as_array().expect("entities");
    entities
        .iter()
        .find(|e| e["name"] == name)
        .unwrap_or_else(|| panic!("{name}: {entities:?}"))
}

/// Whether `entity` takes part in `event`, in `role` when one is given.
pub fn takes_part(event: &Value, entity: &Value, role: Option<&str>) -> bool {
    event["participants"]
        .as_array()
        .expect("participants")
        .iter()
        .any(|p| p["entity"] == entity["id"] && role.is_none_or(|r| p["role"] == r))
}

/// Validate a case file against the repository's JSON Schema.
pub fn validate_schema(case: &Value) {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(repo_root().join("schema/case.schema.json")).unwrap(),
    )
    .unwrap();
    let id = schema["$id"].as_str().unwrap().to_string();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.add_resource(&id, schema).expect("schema resource");
    let idx = compiler
        .compile(&id, &mut schemas)
        .expect("schema compiles");
    if let Err(e) = schemas.validate(case, idx) {
        panic!("case.json does not validate against schema/case.schema.json:\n{e:#}");
    }
}

/// Every span in the case file points at text inside its document, on character boundaries,
/// and quote texts equal the text their span covers.
pub fn check_spans(case: &Value) {
    let mut texts = std::collections::HashMap::new();
    for d in case["documents"].as_array().unwrap() {
        texts.insert(
            d["id"].as_str().unwrap().to_string(),
            d["text"].as_str().unwrap().to_string(),
        );
    }
    let mut n = 0;
    let mut check = |doc: &str, s: u64, e: u64, what: &str| {
        let t = texts
            .get(doc)
            .unwrap_or_else(|| panic!("{what}: unknown document {doc}"));
        let (s, e) = (s as usize, e as usize);
        assert!(
            s <= e && e <= t.len(),
            "{what}: span {s}..{e} outside document {doc} ({} bytes)",
            t.len()
        );
        assert!(
            t.is_char_boundary(s) && t.is_char_boundary(e),
            "{what}: span {s}..{e} not on char boundaries"
        );
        n += 1;
    };
    let span = |v: &Value| {
        (
            v["doc"].as_str().unwrap().to_string(),
            v["start"].as_u64().unwrap(),
            v["end"].as_u64().unwrap(),
        )
    };
    for d in case["documents"].as_array().unwrap() {
        let id = d["id"].as_str().unwrap();
        for b in d["boilerplate"].as_array().unwrap() {
            check(
                id,
                b["start"].as_u64().unwrap(),
                b["end"].as_u64().unwrap(),
                "boilerplate",
            );
        }
        for m in d["metadata"].as_array().unwrap() {
            if let Some(sp) = m["span"].as_array() {
                check(
                    id,
                    sp[0].as_u64().unwrap(),
                    sp[1].as_u64().unwrap(),
                    "metadata",
                );
            }
            let orig = m["original"].as_array().unwrap();
            assert!(
                orig[1].as_u64().unwrap() <= d["size"].as_u64().unwrap(),
                "metadata original range past the file"
            );
        }
    }
    for e in case["entities"].as_array().unwrap() {
        let mut forms: Vec<String> = vec![e["name"].as_str().unwrap().to_lowercase()];
        forms.extend(
            e["aliases"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a.as_str().unwrap().to_lowercase()),
        );
        for m in e["mentions"].as_array().unwrap() {
            let (d, s, en) = span(m);
            check(&d, s, en, "entity mention");
            let t = texts[&d][s as usize..en as usize].to_lowercase();
            assert!(
                forms.iter().any(|f| f == &t)
                    || e["kind"] == "place"
                    || e["kind"] == "organization",
                "mention “{t}” is not a name of {}",
                e["name"]
            );
        }
        for a in e["attributes"].as_array().unwrap() {
            for s in a["sources"].as_array().unwrap() {
                let (d, s, en) = span(s);
                check(&d, s, en, "attribute");
            }
        }
    }
    for ev in case["events"].as_array().unwrap() {
        for s in ev["sources"].as_array().unwrap() {
            let (d, s, en) = span(s);
            check(&d, s, en, "event source");
        }
    }
    for q in case["quotes"].as_array().unwrap() {
        let (d, s, en) = span(q);
        check(&d, s, en, "quote");
        assert_eq!(
            &texts[&d][s as usize..en as usize],
            q["text"].as_str().unwrap(),
            "quote text differs from its span"
        );
    }
    for c in case["claims"].as_array().unwrap() {
        let (d, s, en) = span(&c["source"]);
        check(&d, s, en, "claim");
    }
    for x in case["discrepancies"].as_array().unwrap() {
        for v in x["values"].as_array().unwrap() {
            for s in v["sources"].as_array().unwrap() {
                let (d, s, en) = span(s);
                check(&d, s, en, "discrepancy value");
            }
        }
    }
    for i in case["interventions"].as_array().unwrap() {
        for s in i["sources"].as_array().unwrap() {
            let (d, s, en) = span(s);
            check(&d, s, en, "intervention");
        }
    }
    for l in case["sources"].as_array().unwrap() {
        let (d, s, en) = span(&l["span"]);
        check(&d, s, en, "source link");
    }
    assert!(n > 0, "no spans checked");
}

/// Run a Python test helper (`tests/helpers/NAME`) with the packages scripts/test.sh installs
/// into target/pyhelpers (warcio, fpdf2). Fails, naming what to do, when they are missing.
pub fn python_helper(name: &str, args: &[&std::ffi::OsStr]) -> Output {
    let helpers = std::env::var_os("CASEFILE_PYHELPERS")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("target/pyhelpers"));
    assert!(
        helpers.is_dir(),
        "the Python test helpers are missing: run scripts/test.sh, which installs warcio and fpdf2 into {}",
        helpers.display()
    );
    let script = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/helpers")
        .join(name);
    let o = Command::new("python3")
        .arg(&script)
        .args(args)
        .env("PYTHONPATH", &helpers)
        .output()
        .expect("run python3");
    assert!(
        o.status.success(),
        "{name} failed: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

/// The example reports built into an unencrypted case under `dir`: its database.
pub fn examples_case(dir: &Path) -> PathBuf {
    examples_case_on(&Backend::File, dir)
}

/// Where a test keeps its case: the SQLite file `build --out DIR` makes (DIR/case.db), or a
/// PostgreSQL database made for the test and dropped after it (`build --database URL`).
/// `CASEFILE_TEST_POSTGRES=off` leaves the second out (see `casefile_store::scratch`).
pub enum Backend {
    File,
    Server(casefile_store::scratch::ScratchDatabase),
}

/// Every backend a test runs on.
pub fn backends() -> Vec<Backend> {
    let mut out = vec![Backend::File];
    out.extend(casefile_store::scratch::for_test().map(Backend::Server));
    out
}

impl Backend {
    pub fn name(&self) -> &'static str {
        match self {
            Backend::File => "SQLite",
            Backend::Server(_) => "PostgreSQL",
        }
    }

    /// The DB argument of every command but `build`.
    pub fn db(&self, out: &Path) -> PathBuf {
        match self {
            Backend::File => out.join("case.db"),
            Backend::Server(s) => PathBuf::from(s.url()),
        }
    }

    /// What `build` needs to keep the case there.
    pub fn build_args(&self) -> Vec<String> {
        match self {
            Backend::File => vec![],
            Backend::Server(s) => vec!["--database".into(), s.url().into()],
        }
    }
}

/// The examples' case built on backend `b` (without encryption); its DB argument.
pub fn examples_case_on(b: &Backend, dir: &Path) -> PathBuf {
    let out = dir.join("o");
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
    b.db(&out)
}

/// Someone holding a test's (unencrypted) database who edits it behind casefile's back: SQL
/// straight into the file, or into the server's database with psql.
pub enum Tamperer {
    File(rusqlite::Connection),
    Server(String),
}

impl Tamperer {
    pub fn new(b: &Backend, db: &Path) -> Tamperer {
        match b {
            Backend::File => Tamperer::File(rusqlite::Connection::open(db).unwrap()),
            Backend::Server(s) => Tamperer::Server(s.url().to_string()),
        }
    }

    /// Run SQL; the database's refusal as an error.
    pub fn exec(&self, sql: &str) -> Result<(), String> {
        match self {
            Tamperer::File(c) => c.execute_batch(sql).map_err(|e| e.to_string()),
            Tamperer::Server(url) => {
                let o = std::process::Command::new("psql")
                    .args([url.as_str(), "-v", "ON_ERROR_STOP=1", "-qXc", sql])
                    .output()
                    .expect("psql (PostgreSQL's client tools; scripts/test.sh installs them)");
                o.status
                    .success()
                    .then_some(())
                    .ok_or_else(|| String::from_utf8_lossy(&o.stderr).into_owned())
            }
        }
    }

    /// Take away the guards that keep the decision log and its signatures append-only.
    pub fn unguard(&self) {
        let sql = match self {
            Tamperer::File(_) => "DROP TRIGGER decisions_append_only_update; DROP TRIGGER decisions_append_only_delete; \
                 DROP TRIGGER decision_signatures_append_only_update; DROP TRIGGER decision_signatures_append_only_delete;",
            Tamperer::Server(_) => "ALTER TABLE decisions DISABLE TRIGGER decisions_append_only; \
                 ALTER TABLE decision_signatures DISABLE TRIGGER signatures_append_only;",
        };
        self.exec(sql).unwrap();
    }

    /// The decision log's rows: (seq, case, made_at, made_by, content as stored).
    fn rows(&self) -> Vec<(i64, i64, String, String, String)> {
        const Q: &str = "SELECT seq, case_id, made_at, made_by, json FROM decisions ORDER BY seq";
        match self {
            Tamperer::File(c) => c
                .prepare(Q)
                .unwrap()
                .query_map([], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                })
                .unwrap()
                .map(Result::unwrap)
                .collect(),
            Tamperer::Server(url) => {
                let o = std::process::Command::new("psql")
                    .args([url.as_str(), "-AtqX", "-F", "\u{1f}", "-c", Q])
                    .output()
                    .expect("psql");
                String::from_utf8(o.stdout)
                    .unwrap()
                    .lines()
                    .map(|l| {
                        let f: Vec<&str> = l.split('\u{1f}').collect();
                        (
                            f[0].parse().unwrap(),
                            f[1].parse().unwrap(),
                            f[2].into(),
                            f[3].into(),
                            f[4].into(),
                        )
                    })
                    .collect()
            }
        }
    }

    /// Recompute every hash of the decision log and its head, as a tamperer would after
    /// editing (the code is open: they know how entries are chained).
    pub fn rechain(&self) {
        use sha2::{Digest, Sha256};
        let rows = self.rows();
        let mut prev = String::new();
        let mut sql = String::new();
        for (seq, case, at, by, json) in &rows {
            let mut h = Sha256::new();
            for part in [
                prev.as_str(),
                &seq.to_string(),
                &case.to_string(),
                at,
                by,
                json,
            ] {
                h.update(part.as_bytes());
                h.update([0u8]);
            }
            let h = hex::encode(h.finalize());
            sql.push_str(&format!(
                "UPDATE decisions SET prev_hash = '{prev}', hash = '{h}' WHERE seq = {seq};"
            ));
            prev = h;
        }
        sql.push_str(&format!(
            "UPDATE audit_head SET entries = {}, hash = '{prev}';",
            rows.len()
        ));
        self.exec(&sql).unwrap();
    }
}
