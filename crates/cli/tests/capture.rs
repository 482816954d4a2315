//! Capture by URL against a local HTTP server (loopback only): an article, a redirect chain, a
//! 404, a page that never answers, a 50 MB page and a page in windows-1251. Each address gets a
//! one-line result; the WARC written reads back with warcio with matching payload digests; and
//! `casefile verify` names a report whose stored bytes were altered.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;

use common::*;

const ARTICLE: &str = "<!DOCTYPE html><html><head><title>Lawyer detained in Marevo</title></head><body>\
<nav class=\"site-menu\"><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>\
<div id=\"cookie-banner\">We use cookies. Accept cookies to continue.</div>\
<article><h1>Lawyer detained in Marevo</h1>\
<p>Police detained the lawyer Oleg Marchenko in Marevo on March 3, 2024, the Harbour Rights Network said.</p>\
<p>“He was taken from his office without a warrant,” his colleague Irina Volkova told reporters.</p></article>\
<section class=\"related-stories\"><h2>Related</h2><ul><li><a href=\"/x\">Floods in the north</a></li></ul></section>\
<section id=\"comments\"><p>Reader comment: first!</p></section>\
</body></html>";

/// A word of the Cyrillic page, and the page (no charset in its markup: only the header names it).
const CYRILLIC_WORD: &str = "задержан";

fn cyrillic_page() -> Vec<u8> {
    let html = format!(
        "<html><head><title>Новости</title></head><body><article><p>Адвокат Олег Марченко {CYRILLIC_WORD} в городе Марево 3 марта 2024 года, сообщила правозащитная сеть.</p></article></body></html>"
    );
    let (bytes, _, bad) = encoding_rs::WINDOWS_1251.encode(&html);
    assert!(!bad);
    bytes.into_owned()
}

fn respond(mut s: TcpStream, path: &str) {
    let send = |s: &mut TcpStream, status: &str, headers: &[(&str, String)], body: &[u8]| {
        let mut head = format!("HTTP/1.1 {status}\r\n");
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("Connection: close\r\n\r\n");
        let _ = s.write_all(head.as_bytes());
        let _ = s.write_all(body);
    };
    match path {
        "/article" => {
            // sent in chunks, as many servers do
            let body = ARTICLE.as_bytes();
            let mut head = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n".to_string().into_bytes();
            for chunk in body.chunks(300) {
                head.extend(format!("{:x}\r\n", chunk.len()).bytes());
                head.extend(chunk);
                head.extend(b"\r\n");
            }
            head.extend(b"0\r\n\r\n");
            let _ = s.write_all(&head);
        }
        "/old" => send(
            &mut s,
            "301 Moved Permanently",
            &[
                ("Location", "/older".into()),
                ("Content-Length", "0".into()),
            ],
            b"",
        ),
        "/older" => send(
            &mut s,
            "302 Found",
            &[
                ("Location", "/article".into()),
                ("Content-Length", "0".into()),
            ],
            b"",
        ),
        "/missing" => send(
            &mut s,
            "404 Not Found",
            &[
                ("Content-Type", "text/html".into()),
                ("Content-Length", "9".into()),
            ],
            b"not found",
        ),
        "/hang" => std::thread::sleep(std::time::Duration::from_secs(20)),
        "/huge" => {
            let len = 50 * 1024 * 1024;
            let head = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {len}\r\nConnection: close\r\n\r\n");
            let _ = s.write_all(head.as_bytes());
            let block = vec![b'a'; 1 << 20];
            for _ in 0..50 {
                if s.write_all(&block).is_err() {
                    break;
                }
            }
        }
        "/cyrillic" => {
            let body = cyrillic_page();
            send(
                &mut s,
                "200 OK",
                &[
                    ("Content-Type", "text/html; charset=windows-1251".into()),
                    ("Content-Length", body.len().to_string()),
                ],
                &body,
            )
        }
        _ => send(
            &mut s,
            "500 Internal Server Error",
            &[("Content-Length", "0".into())],
            b"",
        ),
    }
}

/// A server on a loopback port, one thread a connection; its base address.
fn serve() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for s in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let mut reader = BufReader::new(s.try_clone().unwrap());
                let mut line = String::new();
                if reader.read_line(&mut line).is_err() {
                    return;
                }
                let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
                loop {
                    let mut h = String::new();
                    if reader.read_line(&mut h).is_err() || h == "\r\n" || h.is_empty() {
                        break;
                    }
                }
                respond(s, &path);
            });
        }
    });
    format!("http://{addr}")
}

fn one_line_about<'a>(err: &'a str, url: &str) -> &'a str {
    let lines: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with(&format!("{url}:")))
        .collect();
    assert_eq!(lines.len(), 1, "one line about {url}: {err}");
    lines[0]
}

#[test]
fn pages_are_captured_as_warc_and_reports_and_tampering_is_found() {
    for b in backends() {
        pages_are_captured_as_warc_and_reports_and_tampering_is_found_on(&b);
    }
}

fn pages_are_captured_as_warc_and_reports_and_tampering_is_found_on(b: &Backend) {
    let base = serve();
    let dir = tempfile::tempdir().unwrap();
    let db = b.db(dir.path());
    // a case to capture into
    let seed = dir.path().join("seed.txt");
    std::fs::write(
        &seed,
        "Oleg Marchenko is a lawyer in Marevo, the Harbour Rights Network said.\n",
    )
    .unwrap();
    let o = run(casefile()
        .args(["build", "--no-encryption", "-q"])
        .arg(&seed)
        .arg("--out")
        .arg(dir.path())
        .args(b.build_args()));
    assert!(o.status.success(), "{}", stderr(&o));

    let url = |p: &str| format!("{base}{p}");
    let list = dir.path().join("urls.txt");
    std::fs::write(
        &list,
        format!(
            "# pages to keep\n{}\n\n{}\n",
            url("/cyrillic"),
            url("/missing")
        ),
    )
    .unwrap();
    let o = run(casefile()
        .args(["capture", "--no-encryption", "--timeout", "3"])
        .arg(&db)
        .args([
            url("/old"),
            url("/hang"),
            url("/huge"),
            "ftp://example.org/x".into(),
        ])
        .arg("--from-file")
        .arg(&list));
    let err = stderr(&o);
    assert!(o.status.success(), "some pages were captured: {err}");
    assert!(
        one_line_about(&err, &url("/old")).contains("captured as report"),
        "{err}"
    );
    assert!(
        one_line_about(&err, &url("/cyrillic")).contains("captured as report"),
        "{err}"
    );
    assert!(
        one_line_about(&err, &url("/missing")).contains("404 Not Found"),
        "{err}"
    );
    assert!(
        one_line_about(&err, &url("/hang")).contains("no complete answer within 3 s"),
        "{err}"
    );
    assert!(
        one_line_about(&err, &url("/huge")).contains("over the 32 MiB limit"),
        "{err}"
    );
    assert!(
        one_line_about(&err, "ftp://example.org/x").contains("only http and https"),
        "{err}"
    );

    // the pages are reports: the article's text without its menus, banner, links and comments
    let json = dir.path().join("case.json");
    let o = run(casefile()
        .args(["export", "--no-encryption", "--format", "json", "--out"])
        .arg(&json)
        .arg(&db));
    assert!(o.status.success(), "{}", stderr(&o));
    let case = read_json(&json);
    validate_schema(&case);
    let docs = case["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 3, "the seed and two pages");
    let article = docs
        .iter()
        .find(|d| d["path"] == url("/article"))
        .expect("the article, under its final address");
    let text = article["text"].as_str().unwrap();
    assert!(
        text.contains("Police detained the lawyer Oleg Marchenko"),
        "{text}"
    );
    for furniture in ["cookies", "World", "Floods in the north", "first!"] {
        assert!(!text.contains(furniture), "{furniture} kept: {text}");
    }
    assert_eq!(article["url"], url("/article"));
    assert!(article["notes"].as_array().unwrap().iter().any(|n| n
        .as_str()
        .unwrap()
        .starts_with(&format!("captured from {}", url("/article")))));
    let cyr = docs.iter().find(|d| d["path"] == url("/cyrillic")).unwrap();
    assert_eq!(cyr["encoding"], "windows-1251");
    assert!(cyr["text"].as_str().unwrap().contains(CYRILLIC_WORD));

    // the WARC reads back with warcio, every payload digest matching
    let warc = dir.path().join("captures.warc.gz");
    let o = run(casefile()
        .args(["export", "--no-encryption", "--format", "warc", "--out"])
        .arg(&warc)
        .arg(&db));
    assert!(o.status.success(), "{}", stderr(&o));
    let o = python_helper("warc_check.py", &[warc.as_os_str()]);
    let records: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    let types: Vec<&str> = records
        .iter()
        .map(|r| r["type"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        [
            "warcinfo", "request", "response", "request", "response", "request", "response",
            "metadata", "warcinfo", "request", "response", "metadata"
        ],
        "{records:?}"
    );
    let responses: Vec<&serde_json::Value> =
        records.iter().filter(|r| r["type"] == "response").collect();
    let hops: Vec<(String, String)> = responses
        .iter()
        .map(|r| {
            (
                r["uri"].as_str().unwrap().to_string(),
                r["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        hops[..3],
        [
            (url("/old"), "301".into()),
            (url("/older"), "302".into()),
            (url("/article"), "200".into())
        ]
    );
    for r in &records {
        assert_ne!(
            r["warcio_digest"], false,
            "warcio found a digest that does not match: {r}"
        );
    }
    for r in &responses {
        assert_eq!(r["digest_ok"], true, "{r}");
    }
    // the page's payload in the WARC is the report's bytes
    assert_eq!(responses[2]["sha256"], article["sha256"]);
    assert_eq!(responses[3]["sha256"], cyr["sha256"]);

    // verify: intact, then a report's stored bytes altered
    let o = run(casefile().args(["verify", "--no-encryption"]).arg(&db));
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        stderr(&o)
    );
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(out.contains("3 reports, 2 captures"), "{out}");
    alter_report(b, &db, &url("/article"));
    let o = run(casefile().args(["verify", "--no-encryption"]).arg(&db));
    assert!(!o.status.success());
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    let differs: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("casefile: DIFFERS:"))
        .collect();
    assert_eq!(differs.len(), 1, "{out}");
    assert!(
        differs[0].contains(&url("/article")) && differs[0].contains("not the bytes stored"),
        "{out}"
    );
}

/// Change one byte of a stored report, as someone with the database could.
fn alter_report(b: &Backend, db: &Path, path: &str) {
    if let Backend::Server(_) = b {
        let sql = format!(
            "UPDATE reports SET original = set_byte(original, length(original) / 2, get_byte(original, length(original) / 2) # 32) \
             WHERE convert_from(meta, 'UTF8')::json->>'path' = '{path}'"
        );
        Tamperer::new(b, db).exec(&sql).unwrap();
        return;
    }
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut bytes: Vec<u8> = conn
        .query_row(
            "SELECT original FROM reports WHERE path = ?1",
            [path],
            |r| r.get(0),
        )
        .unwrap();
    let i = bytes.len() / 2;
    bytes[i] ^= 0x20;
    let n = conn
        .execute(
            "UPDATE reports SET original = ?1 WHERE path = ?2",
            rusqlite::params![bytes, path],
        )
        .unwrap();
    assert_eq!(n, 1);
}
