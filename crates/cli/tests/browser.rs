//! report.html in a real browser: Debian's headless Chromium (scripts/test.sh installs it) renders the
//! report from disk; the test reads the rendered DOM for the timeline and the discrepancy table
//! and keeps a screenshot in target/test-artifacts/. A report carrying a script shows it as
//! text: the script never runs.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

fn chromium() -> PathBuf {
    let found = std::env::var_os("CHROMIUM").map(PathBuf::from).or_else(|| {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
            .iter()
            .map(PathBuf::from)
            .find(|p| p.exists())
    });
    found.expect(
        "the browser tests need Debian's chromium: apt-get install chromium (scripts/test.sh installs it)",
    )
}

fn headless(profile: &Path) -> Command {
    let mut c = Command::new(chromium());
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    c
}

#[test]
fn report_html_renders_timeline_and_discrepancies_in_chromium() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports");
    std::fs::create_dir(&reports).unwrap();
    for f in std::fs::read_dir(repo_root().join("examples/reports"))
        .unwrap()
        .flatten()
    {
        std::fs::copy(f.path(), reports.join(f.file_name())).unwrap();
    }
    // a hostile report: markup in the text must show as text and never run
    std::fs::write(
        reports.join("hostile.txt"),
        "Oleg Marchenko was detained in the city of Marevo on March 9, 2024. <script>document.title='pwned'</script> <img src=x onerror=\"document.title='pwned'\"> [click](javascript:alert(1))\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let o = run(casefile()
        .args(["build", "--no-encryption", "-q"])
        .arg(&reports)
        .arg("--out")
        .arg(&out));
    assert!(o.status.success(), "{}", stderr(&o));
    let html = out.join("report.html").canonicalize().unwrap();
    let url = format!("file://{}", html.display());

    let profile = dir.path().join("profile");
    let dom = headless(&profile)
        .arg("--dump-dom")
        .arg(&url)
        .output()
        .expect("chromium runs");
    assert!(
        dom.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&dom.stderr)
    );
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert!(
        dom.contains("class=\"timeline\""),
        "the timeline is on the page"
    );
    assert!(
        dom.matches("class=\"tl-item").count() >= 3,
        "timeline items are on the page"
    );
    assert!(
        dom.contains("<table class=\"discrepancies\">"),
        "the discrepancy table is on the page"
    );
    assert!(
        dom.contains("consistent over time") && dom.contains("spelling variant"),
        "verdicts are on the page"
    );
    assert!(
        dom.contains("<title>Case file: default</title>"),
        "no script changed the title"
    );
    assert!(!dom.contains("pwned</title>"));
    assert!(
        dom.contains("&lt;script&gt;"),
        "the report's script shows as text"
    );

    let artifacts = repo_root().join("target/test-artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    let shot = artifacts.join("report.png");
    let _ = std::fs::remove_file(&shot);
    let s = headless(&dir.path().join("profile2"))
        .arg(format!("--screenshot={}", shot.display()))
        .arg("--window-size=1280,2400")
        .arg(&url)
        .output()
        .expect("chromium runs");
    assert!(s.status.success(), "{}", String::from_utf8_lossy(&s.stderr));
    let png = std::fs::read(&shot).expect("screenshot written");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "a real screenshot"
    );
}
