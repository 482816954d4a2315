//! The rules of ARCHITECTURE.md that a machine can check. Each test names the rule it keeps.

use casefile_tidy::{crate_graph, functions, source_files};

/// Which crate may depend on which: the data flow, read downwards. A crate may use the crates
/// on its line and nothing else (tests and benchmarks may use anything).
const MAY_DEPEND_ON: &[(&str, &[&str])] = &[
    ("model", &[]),
    ("names", &[]),
    ("syntax", &[]),
    ("capture", &[]),
    ("ingest", &["model"]),
    ("annotate", &["model", "names", "syntax"]),
    ("resolve", &["model", "names"]),
    ("reconcile", &["model", "names"]),
    ("report", &["model"]),
    ("store", &["model"]),
    ("pipeline", &["model", "annotate", "resolve", "reconcile"]),
    (
        "desk",
        &[
            "model", "names", "ingest", "capture", "pipeline", "report", "store",
        ],
    ),
    ("serve", &["model", "report", "desk"]),
    (
        "cli",
        &["model", "ingest", "annotate", "syntax", "desk", "serve"],
    ),
    (
        "bench",
        &["model", "ingest", "annotate", "syntax", "resolve"],
    ),
    ("tidy", &[]),
];

/// **Architecture invariant:** crates depend on each other only down the data flow, as
/// `MAY_DEPEND_ON` lists; a crate missing from the list is a new crate that must be placed.
#[test]
fn crates_depend_only_down_the_data_flow() {
    let mut wrong = Vec::new();
    for (krate, deps) in crate_graph() {
        let Some((_, allowed)) = MAY_DEPEND_ON.iter().find(|(k, _)| *k == krate) else {
            wrong.push(format!("crates/{krate} is not placed in MAY_DEPEND_ON"));
            continue;
        };
        for d in deps {
            if !allowed.contains(&d.as_str()) {
                wrong.push(format!(
                    "crates/{krate} depends on crates/{d}, which it may not"
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

/// **Architecture invariant:** every source file starts with a `//!` comment saying what it is
/// for.
#[test]
fn every_source_file_says_what_it_is_for() {
    let missing: Vec<String> = source_files()
        .into_iter()
        .filter(|(_, text)| !text.trim_start().starts_with("//!"))
        .map(|(p, _)| p.display().to_string())
        .collect();
    assert!(
        missing.is_empty(),
        "no //! comment atop:\n{}",
        missing.join("\n")
    );
}

/// **Architecture invariant:** the front ends (cli, serve) name no storage backend: they hold a
/// store through the `Store` trait, opened by the desk.
#[test]
fn front_ends_name_no_storage_backend() {
    let backends = ["SqliteStore", "rusqlite", "postgres::"];
    let mut found = Vec::new();
    for (path, text) in source_files() {
        let p = path.display().to_string();
        if !(p.starts_with("crates/cli/") || p.starts_with("crates/serve/")) {
            continue;
        }
        for (n, line) in text.lines().enumerate() {
            if let Some(b) = backends.iter().find(|b| line.contains(*b)) {
                found.push(format!("{p}:{}: names {b}", n + 1));
            }
        }
    }
    assert!(found.is_empty(), "\n{}", found.join("\n"));
}

/// The longest a function may be, in lines (tests and tables aside).
const MAX_FUNCTION_LINES: usize = 120;

/// **Architecture invariant:** no function outside tests is longer than `MAX_FUNCTION_LINES`: a
/// stage is a sequence of named phases, not one long body.
#[test]
fn no_function_is_overlong() {
    let mut long = Vec::new();
    for (path, text) in source_files() {
        for f in functions(&text) {
            if f.lines > MAX_FUNCTION_LINES {
                long.push(format!(
                    "{}:{} {} is {} lines",
                    path.display(),
                    f.line,
                    f.name,
                    f.lines
                ));
            }
        }
    }
    assert!(
        long.is_empty(),
        "over {MAX_FUNCTION_LINES} lines:\n{}",
        long.join("\n")
    );
}
