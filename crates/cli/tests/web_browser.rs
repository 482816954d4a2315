//! The web app driven by a real browser: Debian's headless Chromium over WebDriver
//! (chromedriver; scripts/test.sh installs both). Log in, open a report, merge two entities, edit an
//! event's date, see the change in the timeline and in an export, undo it; a report carrying
//! scripts runs none. Screenshots go to target/test-artifacts/.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use common::*;
use serde_json::{json, Value};

struct Proc(Child);
impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn http(addr: &str, method: &str, path: &str, body: Option<&Value>) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    let req = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}", body.len());
    s.write_all(req.as_bytes()).unwrap();
    // read the head, then exactly Content-Length bytes (the driver may keep the connection open)
    let mut r = BufReader::new(s);
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).unwrap() == 0 || line == "\r\n" {
            break;
        }
        head.push_str(&line);
    }
    let status = head
        .split_whitespace()
        .nth(1)
        .unwrap_or("0")
        .parse()
        .unwrap_or(0);
    let len = head.lines().find_map(|l| {
        l.to_lowercase()
            .strip_prefix("content-length:")
            .map(|v| v.trim().parse::<usize>().unwrap_or(0))
    });
    let body = match len {
        Some(n) => {
            let mut b = vec![0u8; n];
            r.read_exact(&mut b).unwrap();
            String::from_utf8_lossy(&b).into_owned()
        }
        None => {
            let mut rest = String::new();
            let _ = r.read_to_string(&mut rest);
            if head.to_lowercase().contains("transfer-encoding: chunked") {
                dechunk(&rest)
            } else {
                rest
            }
        }
    };
    (status, body)
}

fn dechunk(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some((size, tail)) = rest.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.push_str(&tail[..n.min(tail.len())]);
        rest = tail.get(n + 2..).unwrap_or("");
    }
    out
}

/// A WebDriver session.
struct Driver {
    addr: String,
    session: String,
}

impl Driver {
    fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let (st, b) = http(
            &self.addr,
            method,
            &format!("/session/{}{path}", self.session),
            body.as_ref(),
        );
        let v: Value = serde_json::from_str(&b).unwrap_or(Value::Null);
        assert!(st == 200, "webdriver {method} {path}: {st} {b}");
        v["value"].clone()
    }
    fn go(&self, url: &str) {
        self.cmd("POST", "/url", Some(json!({"url": url})));
    }
    fn find(&self, xpath: &str) -> String {
        let v = self.cmd(
            "POST",
            "/element",
            Some(json!({"using": "xpath", "value": xpath})),
        );
        v.as_object()
            .and_then(|o| o.values().next())
            .and_then(|x| x.as_str())
            .unwrap_or_else(|| panic!("no element {xpath}"))
            .to_string()
    }
    fn click(&self, xpath: &str) {
        let e = self.find(xpath);
        self.cmd("POST", &format!("/element/{e}/click"), Some(json!({})));
    }
    fn type_in(&self, xpath: &str, text: &str) {
        let e = self.find(xpath);
        self.cmd("POST", &format!("/element/{e}/clear"), Some(json!({})));
        self.cmd(
            "POST",
            &format!("/element/{e}/value"),
            Some(json!({"text": text})),
        );
    }
    /// Wait (up to 20 s) until the page holds `text`: a click's navigation may still be loading.
    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let src = self.source();
            if src.contains(text) || start.elapsed() > Duration::from_secs(20) {
                return src;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    fn source(&self) -> String {
        self.cmd("GET", "/source", None)
            .as_str()
            .unwrap_or("")
            .to_string()
    }
    fn script(&self, js: &str) -> Value {
        self.cmd(
            "POST",
            "/execute/sync",
            Some(json!({"script": js, "args": []})),
        )
    }
    fn screenshot(&self, name: &str) {
        use std::io::Write as _;
        let b64 = self
            .cmd("GET", "/screenshot", None)
            .as_str()
            .unwrap_or("")
            .to_string();
        let bytes = base64_decode(&b64);
        assert!(bytes.starts_with(b"\x89PNG"), "a PNG screenshot");
        let dir = repo_root().join("target/test-artifacts");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::File::create(dir.join(name))
            .unwrap()
            .write_all(&bytes)
            .unwrap();
    }
}

fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::new();
    let (mut buf, mut bits) = (0u32, 0);
    for c in s.bytes().filter_map(val) {
        buf = (buf << 6) | c;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buf >> bits) as u8);
            buf &= (1 << bits) - 1;
        }
    }
    out
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn curate_a_case_in_a_real_browser() {
    for b in backends() {
        curate_a_case_in_a_real_browser_on(&b);
    }
}

fn curate_a_case_in_a_real_browser_on(b: &Backend) {
    assert!(
        std::path::Path::new("/usr/bin/chromedriver").exists(),
        "the browser tests need Debian's chromium-driver (scripts/test.sh installs it)"
    );
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports");
    std::fs::create_dir(&reports).unwrap();
    for f in std::fs::read_dir(repo_root().join("examples/reports"))
        .unwrap()
        .flatten()
    {
        std::fs::copy(f.path(), reports.join(f.file_name())).unwrap();
    }
    std::fs::write(
        reports.join("hostile.html"),
        "<html><body><article><h1>Hostile page</h1><p>Oleg Marchenko was detained in the city of Marevo on March 9, 2024.</p>\
         <p>&lt;script&gt;window.pwned=1;document.title='pwned'&lt;/script&gt; &lt;img src=x onerror=\"window.pwned=2\"&gt; \
         <a href=\"javascript:window.pwned=3\">link</a></p><script>window.pwned=4</script></article></body></html>",
    )
    .unwrap();
    let out = dir.path().join("o");
    let o = run(casefile()
        .args(["build", "--no-encryption", "-q"])
        .args(b.build_args())
        .arg(&reports)
        .arg("--out")
        .arg(&out));
    assert!(o.status.success(), "{}", stderr(&o));
    let db = b.db(&out);
    let o = run(casefile()
        .args(["user", "add", "--no-encryption"])
        .arg(&db)
        .args(["ana", "--role", "owner"])
        .env("CASEFILE_USER_PASSWORD", "correct horse battery"));
    assert!(o.status.success(), "{}", stderr(&o));
    // the app
    let mut child = casefile()
        .args(["serve", "--no-encryption", "--bind", "127.0.0.1:0"])
        .arg(&db)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let _server = Proc(child);
    let base = format!(
        "http://{}",
        line.split("http://")
            .nth(1)
            .unwrap()
            .split('/')
            .next()
            .unwrap()
    );
    // the browser
    let port = free_port();
    let driver = Proc(
        std::process::Command::new("/usr/bin/chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let addr = format!("127.0.0.1:{port}");
    let start = Instant::now();
    while TcpStream::connect(&addr).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "chromedriver did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let profile = dir.path().join("profile");
    let caps = json!({"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
        "binary": "/usr/bin/chromium",
        "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,1600",
                 format!("--user-data-dir={}", profile.display())]
    }}}});
    let (st, b) = http(&addr, "POST", "/session", Some(&caps));
    assert_eq!(st, 200, "{b}");
    let session = serde_json::from_str::<Value>(&b).unwrap()["value"]["sessionId"]
        .as_str()
        .unwrap()
        .to_string();
    let d = Driver {
        addr: addr.clone(),
        session,
    };
    let case = read_json(&out.join("case.json"));
    let id_of = |name: &str| {
        case["entities"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["name"] == name)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string()
    };

    // log in
    d.go(&format!("{base}/login"));
    d.type_in("//input[@id='name']", "ana");
    d.type_in("//input[@id='password']", "correct horse battery");
    d.click("//button[@type='submit']");
    assert!(
        d.wait_for("Case file: default")
            .contains("Case file: default"),
        "logged in to the overview"
    );
    d.screenshot("web-overview.png");

    // open a report: its names are highlighted and link to their entities
    let doc = case["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["path"].as_str().unwrap().ends_with("harbour-post.txt"))
        .unwrap();
    d.go(&format!("{base}/reports/{}", doc["id"].as_str().unwrap()));
    let src = d.source();
    assert!(
        src.contains("<mark>Arman Kesoyan</mark>") || src.contains("<mark>Kesoyan</mark>"),
        "names highlighted"
    );
    d.screenshot("web-report.png");
    // the grammar of each sentence that tells of an act, drawn on the server: no script
    assert!(
        src.contains("class=\"grammar\"") && src.contains("<svg") && src.contains("nsubj"),
        "a sentence's tree is drawn"
    );
    d.click("//details[@class='grammar']/summary");
    d.screenshot("web-grammar.png");

    // merge two entities with the entity page's form
    let anna = id_of("Anna Kesoian");
    let dalia = id_of("Dalia Ostrik");
    d.go(&format!("{base}/entities/{anna}"));
    d.click(&format!(
        "//select[@id='merge-with']/option[@value='{dalia}']"
    ));
    d.click("//button[text()='Merge into one']");
    d.wait_for("People, organisations and places");
    d.go(&format!("{base}/entities"));
    let src = d.source();
    assert!(src.contains("Anna Kesoian") && src.matches("Dalia Ostrik").count() >= 1);
    assert!(
        !src.contains(&format!("href=\"/entities/{anna}\"")),
        "Anna Kesoian is no longer an entity of her own"
    );

    // edit an event's date in the timeline
    let arrest = case["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["type"] == "arrest")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    d.go(&format!("{base}/timeline"));
    d.type_in(
        &format!("//li[@id='{arrest}']//input[@name='value']"),
        "2024-03-08",
    );
    d.click(&format!("//li[@id='{arrest}']//button[text()='Set date']"));
    let src = d.wait_for("8 March 2024");
    assert!(
        src.contains("8 March 2024"),
        "the timeline shows the new date"
    );
    d.screenshot("web-timeline-edited.png");
    // ... and so does an export
    let o = run(casefile()
        .args([
            "export",
            "--no-encryption",
            "--format",
            "json",
            "--out",
            "-",
        ])
        .arg(&db));
    assert!(o.status.success(), "{}", stderr(&o));
    let exported: Value = serde_json::from_slice(&o.stdout).unwrap();
    let ev = exported["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["type"] == "arrest")
        .unwrap();
    assert_eq!(ev["date"]["value"], "2024-03-08");

    // undo the date edit (the last decision)
    d.go(&format!("{base}/decisions"));
    d.click("(//button[text()='Undo'])[last()]");
    d.wait_for("undone");
    d.go(&format!("{base}/timeline"));
    assert!(!d.source().contains("8 March 2024"), "the edit is undone");
    let o = run(casefile()
        .args([
            "export",
            "--no-encryption",
            "--format",
            "json",
            "--out",
            "-",
        ])
        .arg(&db));
    let exported: Value = serde_json::from_slice(&o.stdout).unwrap();
    let ev = exported["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["type"] == "arrest")
        .unwrap();
    assert_ne!(ev["date"]["value"], "2024-03-08");
    d.screenshot("web-timeline-undone.png");

    // a report with hostile HTML runs no script
    let hostile = case["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["path"].as_str().unwrap().ends_with("hostile.html"))
        .unwrap();
    d.go(&format!(
        "{base}/reports/{}",
        hostile["id"].as_str().unwrap()
    ));
    assert_eq!(
        d.script("return typeof window.pwned"),
        "undefined",
        "no script from the report ran"
    );
    assert!(!d
        .script("return document.title")
        .as_str()
        .unwrap()
        .contains("pwned"));
    assert!(
        d.source().contains("&lt;script&gt;"),
        "the markup shows as text"
    );
    d.screenshot("web-hostile-report.png");
    // every page passes an automated accessibility check (axe-core, WCAG 2 A and AA rules)
    let axe = std::fs::read_to_string(axe_path())
        .expect("axe-core: scripts/test.sh installs it into target/axe");
    let vic = id_of("Arman Kesoyan");
    let pages = [
        "/".to_string(),
        "/timeline".into(),
        "/entities".into(),
        format!("/entities/{vic}"),
        format!("/reports/{}", doc["id"].as_str().unwrap()),
        "/discrepancies".into(),
        "/decisions".into(),
        "/interventions".into(),
        "/sources".into(),
        "/search?q=Volkova".into(),
    ];
    for p in &pages {
        d.go(&format!("{base}{p}"));
        let violations = axe_check(&d, &axe);
        assert!(
            violations.is_empty(),
            "{p}: accessibility violations: {violations:#?}"
        );
    }
    let _ = http(&addr, "DELETE", &format!("/session/{}", d.session), None);
    // and the login page, signed out
    let (st, b) = http(&addr, "POST", "/session", Some(&caps));
    assert_eq!(st, 200, "{b}");
    let d2 = Driver {
        addr: addr.clone(),
        session: serde_json::from_str::<Value>(&b).unwrap()["value"]["sessionId"]
            .as_str()
            .unwrap()
            .to_string(),
    };
    d2.go(&format!("{base}/login"));
    let violations = axe_check(&d2, &axe);
    assert!(
        violations.is_empty(),
        "/login: accessibility violations: {violations:#?}"
    );
    let _ = http(&addr, "DELETE", &format!("/session/{}", d2.session), None);
    drop(driver);
}

/// axe-core's browser build, installed by scripts/test.sh (npm) into target/axe.
fn axe_path() -> std::path::PathBuf {
    std::env::var_os("AXE_CORE_JS")
        .map(Into::into)
        .unwrap_or_else(|| repo_root().join("target/axe/node_modules/axe-core/axe.min.js"))
}

/// Run axe-core on the current page: the violations of WCAG 2 A/AA rules, as "rule: targets".
fn axe_check(d: &Driver, axe: &str) -> Vec<String> {
    d.cmd(
        "POST",
        "/execute/sync",
        Some(json!({"script": format!("{axe}\nreturn true;"), "args": []})),
    );
    let v = d.cmd(
        "POST",
        "/execute/async",
        Some(json!({"script": "const done = arguments[arguments.length - 1]; axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}).then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).join(', ')))).catch(e => done(['axe failed: ' + e]));", "args": []})),
    );
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_else(|| vec![format!("unexpected: {v}")])
}
