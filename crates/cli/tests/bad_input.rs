//! Bad input: each gets a one-line error naming the file and the reason, the other reports are
//! still processed, and the exit status is non-zero only when nothing could be ingested.

mod common;

use std::path::Path;

use common::*;

const GOOD: &str = "Oleg Marchenko was detained in the city of Marevo on March 3, 2024, the Harbour Rights Network said.\n";

fn build(paths: &[&Path], out: &Path) -> std::process::Output {
    let mut c = casefile();
    c.args(["build", "--no-encryption"]);
    for p in paths {
        c.arg(p);
    }
    c.arg("--out").arg(out);
    run(&mut c)
}

/// One line on stderr names `file` and contains `reason`.
fn assert_one_line(err: &str, file: &str, reason: &str) {
    let lines: Vec<&str> = err.lines().filter(|l| l.contains(file)).collect();
    assert_eq!(lines.len(), 1, "expected one line about {file}, got: {err}");
    assert!(
        lines[0].contains(reason),
        "line about {file} should say “{reason}”: {}",
        lines[0]
    );
}

#[test]
fn each_bad_input_is_named_and_the_rest_is_processed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let reports = d.join("reports");
    std::fs::create_dir(&reports).unwrap();
    std::fs::write(reports.join("good.txt"), GOOD).unwrap();
    std::fs::write(reports.join("empty.txt"), b"").unwrap();
    std::fs::write(reports.join("binary.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    std::fs::write(
        reports.join("bad-utf8.html"),
        b"<html><head><meta charset=\"utf-8\"></head><body><p>caf\xe9 \xff</p></body></html>",
    )
    .unwrap();
    let scripts = format!("<html><head><script>{}</script></head><body><script>document.write('x')</script><noscript>enable JS</noscript></body></html>", "var a=1;".repeat(1000));
    std::fs::write(reports.join("scripts.html"), scripts).unwrap();
    // a 200 MB file (sparse: it costs no disk)
    let big = std::fs::File::create(reports.join("huge.txt")).unwrap();
    big.set_len(200 * 1024 * 1024).unwrap();
    drop(big);
    let empty_dir = d.join("nothing-here");
    std::fs::create_dir(&empty_dir).unwrap();
    std::fs::write(empty_dir.join("notes.odt"), b"PK\x03\x04").unwrap();
    std::fs::write(reports.join("broken.pdf"), b"%PDF-1.4\n%%EOF").unwrap();
    let missing = d.join("no-such-file.txt");

    let out = d.join("out");
    let o = build(&[&reports, &empty_dir, &missing], &out);
    let err = stderr(&o);
    assert!(
        o.status.success(),
        "one good report was read, so the exit status is 0: {err}"
    );
    assert_one_line(&err, "empty.txt", "empty");
    assert_one_line(&err, "binary.txt", "binary");
    assert_one_line(&err, "bad-utf8.html", "invalid bytes");
    assert_one_line(&err, "scripts.html", "no report text");
    assert_one_line(&err, "huge.txt", "limit");
    assert_one_line(&err, "broken.pdf", "unreadable PDF");
    assert_one_line(&err, "nothing-here", "no reports in this folder");
    assert_one_line(&err, "no-such-file.txt", "no such file");
    let case = read_json(&out.join("case.json"));
    let docs = case["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 1);
    assert!(docs[0]["path"].as_str().unwrap().ends_with("good.txt"));
}

#[test]
fn nothing_ingested_is_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("e.txt");
    std::fs::write(&empty, b"").unwrap();
    let o = build(&[&empty], &dir.path().join("out"));
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("e.txt: the file is empty"), "{err}");
    assert!(err.contains("nothing could be ingested"), "{err}");
    let missing = dir.path().join("missing");
    let o = build(&[&missing], &dir.path().join("out2"));
    assert!(!o.status.success());
    assert!(stderr(&o).contains("no such file or folder"));
}

#[test]
fn usage_errors_and_help() {
    let o = run(casefile().arg("--help"));
    assert!(o.status.success());
    let help = String::from_utf8_lossy(&o.stdout);
    for w in [
        "build",
        "add",
        "export",
        "CASEFILE_PASSPHRASE",
        "EXIT STATUS",
    ] {
        assert!(help.contains(w), "--help lacks {w}");
    }
    let o = run(casefile().args(["build", "--help"]));
    assert!(String::from_utf8_lossy(&o.stdout).contains("own transaction"));
    let o = run(casefile().args(["build", "x"]));
    assert_eq!(o.status.code(), Some(2), "missing --out is a usage error");
}

/// A file name with a newline and an escape code is printed escaped, on one line, and cannot
/// forge a line of its own.
#[cfg(unix)]
#[test]
fn hostile_file_names_are_printed_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports");
    std::fs::create_dir(&reports).unwrap();
    std::fs::write(reports.join("good.txt"), GOOD).unwrap();
    std::fs::write(reports.join("evil\ncasefile: all fine\u{1b}[2J.txt"), b"").unwrap();
    let o = build(&[&reports], &dir.path().join("out"));
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(!err.contains('\u{1b}'), "{err:?}");
    assert!(
        !err.lines().any(|l| l.starts_with("casefile: all fine")),
        "{err:?}"
    );
    assert!(
        err.contains("evil\\ncasefile: all fine\\u{1b}[2J.txt: the file is empty"),
        "{err:?}"
    );
}

/// Output into a pipe that is already closed (`casefile entities DB | head`) ends casefile
/// quietly, as it ends `cat`: no panic message.
#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_it_quietly() {
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
        .arg(&out));
    assert!(o.status.success(), "{}", stderr(&o));
    let mut child = casefile()
        .args(["entities", "--mentions", "--no-encryption"])
        .arg(out.join("case.db"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader goes away before a line is written
    let o = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("panicked"), "{err}");
}
