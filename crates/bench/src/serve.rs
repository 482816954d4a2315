//! `casefile-bench serve`: a bounded load run against `casefile serve` on loopback.

use std::process::ExitCode;
use std::time::Instant;

use serde_json::json;

use crate::UserError;

/// One keep-alive HTTP/1.1 GET on an open connection; returns the status.
fn exchange(
    stream: &mut std::io::BufReader<std::net::TcpStream>,
    host: &str,
    path: &str,
    cookie: &str,
) -> std::io::Result<u16> {
    let req = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nCookie: {cookie}\r\n\r\n");
    Ok(send(stream, &req)?.0)
}

/// One keep-alive HTTP/1.1 request (written out whole) on an open connection; the status and
/// the body.
fn send(
    stream: &mut std::io::BufReader<std::net::TcpStream>,
    req: &str,
) -> std::io::Result<(u16, Vec<u8>)> {
    use std::io::{BufRead, Read, Write};
    stream.get_mut().write_all(req.as_bytes())?;
    let mut status = 0;
    let mut len = 0usize;
    loop {
        let mut line = String::new();
        if stream.read_line(&mut line)? == 0 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "closed",
            ));
        }
        if status == 0 {
            status = line
                .split_whitespace()
                .nth(1)
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
        }
        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            len = v.trim().parse().unwrap_or(0);
        }
        if line == "\r\n" {
            break;
        }
    }
    let mut body = vec![0u8; len];
    stream.read_exact(&mut body)?;
    Ok((status, body))
}

/// What the editors of a load run did.
#[derive(Default)]
struct Edits {
    sent: usize,
    stored: usize,
    conflicts: usize,
    errors: usize,
    latencies: Vec<u32>,
}

/// Sign in as `user`; the session cookie.
fn sign_in(
    addr: std::net::SocketAddr,
    host: &str,
    user: &str,
    password: &str,
) -> Result<String, UserError> {
    use std::io::{Read, Write};
    let mut s =
        std::net::TcpStream::connect(addr).map_err(|e| UserError(format!("{addr}: {e}")))?;
    let form = format!("name={}&password={}", user, password.replace(' ', "+"));
    let req = format!("POST /login HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{form}", form.len());
    s.write_all(req.as_bytes())
        .map_err(|e| UserError(e.to_string()))?;
    let mut resp = String::new();
    let _ = s.read_to_string(&mut resp);
    resp.lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .starts_with("set-cookie:")
                .then(|| l[11..].trim().split(';').next().unwrap_or("").to_string())
        })
        .ok_or_else(|| {
            UserError(format!(
                "could not sign in as {user}: check the name and CASEFILE_USER_PASSWORD"
            ))
        })
}

/// A GET's JSON body on a fresh connection.
fn get_json(
    addr: std::net::SocketAddr,
    host: &str,
    path: &str,
    cookie: &str,
) -> Result<serde_json::Value, UserError> {
    let conn = std::net::TcpStream::connect(addr).map_err(|e| UserError(e.to_string()))?;
    let mut conn = std::io::BufReader::new(conn);
    let req = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nCookie: {cookie}\r\n\r\n");
    let (_, body) = send(&mut conn, &req).map_err(|e| UserError(e.to_string()))?;
    serde_json::from_slice(&body).map_err(|e| UserError(format!("{path}: {e}")))
}

/// One editor until `deadline`: read the session's version, confirm one of `targets` (chosen
/// at random) on that version, again and again. Several editors on few targets meet each other.
fn edit(
    addr: std::net::SocketAddr,
    host: &str,
    cookie: &str,
    deadline: Instant,
    targets: &[String],
    seed: u64,
) -> Edits {
    let mut out = Edits::default();
    let mut rng = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let Ok(conn) = std::net::TcpStream::connect(addr) else {
        out.errors += 1;
        return out;
    };
    let mut conn = std::io::BufReader::new(conn);
    while Instant::now() < deadline {
        let req = format!("GET /api/session HTTP/1.1\r\nHost: {host}\r\nCookie: {cookie}\r\n\r\n");
        let Ok((200, body)) = send(&mut conn, &req) else {
            out.errors += 1;
            break;
        };
        let session: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
        let (csrf, version) = (
            session["csrf"].as_str().unwrap_or(""),
            session["version"].as_i64().unwrap_or(0),
        );
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        let target = &targets[(rng % targets.len() as u64) as usize];
        let body = json!({"op": "confirm", "entity": target, "base": version}).to_string();
        let req = format!("POST /api/decisions HTTP/1.1\r\nHost: {host}\r\nCookie: {cookie}\r\nContent-Type: application/json\r\nX-CSRF-Token: {csrf}\r\nContent-Length: {}\r\n\r\n{body}", body.len());
        let t = Instant::now();
        out.sent += 1;
        match send(&mut conn, &req) {
            Ok((200, _)) => out.stored += 1,
            Ok((409, _)) => out.conflicts += 1,
            Ok(_) => out.errors += 1,
            Err(_) => {
                out.errors += 1;
                break;
            }
        }
        out.latencies.push(t.elapsed().as_micros() as u32);
    }
    out
}

/// The `p` percentile of sorted latencies (µs), in ms.
fn percentile(sorted: &[u32], p: f64) -> f64 {
    sorted
        .get(((sorted.len() as f64 * p) as usize).min(sorted.len().saturating_sub(1)))
        .copied()
        .unwrap_or(0) as f64
        / 1000.0
}

/// The editors' part of a load run: `editors` accounts named `{prefix}1`…, each on its own
/// connection, confirming entities of the case; then the log is read back to count.
fn run_editors(
    addr: std::net::SocketAddr,
    host: &str,
    (editors, prefix): (usize, &str),
    password: &str,
    deadline: Instant,
) -> Result<std::thread::JoinHandle<(Edits, i64)>, UserError> {
    let cookies: Vec<String> = (1..=editors)
        .map(|i| sign_in(addr, host, &format!("{prefix}{i}"), password))
        .collect::<Result<_, _>>()?;
    let entities = get_json(addr, host, "/api/entities", &cookies[0])?;
    let targets: Vec<String> = entities
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["name"].as_str().map(str::to_string))
        .take(8)
        .collect();
    if targets.is_empty() {
        return Err(UserError("the case has no entity to edit".into()));
    }
    let before = get_json(addr, host, "/api/decisions", &cookies[0])?
        .as_array()
        .map_or(0, |a| a.len() as i64);
    let host = host.to_string();
    Ok(std::thread::spawn(move || {
        let handles: Vec<_> = cookies
            .into_iter()
            .enumerate()
            .map(|(i, cookie)| {
                let (host, targets) = (host.clone(), targets.clone());
                std::thread::spawn(move || {
                    edit(addr, &host, &cookie, deadline, &targets, i as u64 + 1)
                })
            })
            .collect();
        let mut all = Edits::default();
        for h in handles {
            if let Ok(e) = h.join() {
                all.sent += e.sent;
                all.stored += e.stored;
                all.conflicts += e.conflicts;
                all.errors += e.errors;
                all.latencies.extend(e.latencies);
            }
        }
        (all, before)
    }))
}

/// A bounded load run against a casefile server on loopback: `connections` keep-alive
/// connections for `seconds`, cycling through `paths`; prints throughput and latency
/// percentiles. It signs in first (CASEFILE_USER_PASSWORD).
pub fn bench_serve(
    url: &str,
    user: &str,
    (connections, editors, prefix): (usize, usize, &str),
    seconds: u64,
    paths: &[String],
) -> Result<ExitCode, UserError> {
    use std::net::{SocketAddr, TcpStream};
    let host = url.trim_start_matches("http://").trim_end_matches('/');
    let addr: SocketAddr = host
        .parse()
        .map_err(|_| UserError(format!("{url}: give http://127.0.0.1:PORT")))?;
    if !addr.ip().is_loopback() {
        return Err(UserError(format!(
            "{addr}: load runs go to loopback addresses only"
        )));
    }
    if connections == 0 || connections > 1000 || seconds == 0 || seconds > 300 {
        return Err(UserError(
            "use 1 to 1000 connections for 1 to 300 seconds".into(),
        ));
    }
    let password = std::env::var("CASEFILE_USER_PASSWORD").map_err(|_| {
        UserError("set CASEFILE_USER_PASSWORD for the account to sign in with".into())
    })?;
    let cookie = sign_in(addr, host, user, &password)?;
    let deadline = Instant::now() + std::time::Duration::from_secs(seconds);
    let editing = (editors > 0)
        .then(|| run_editors(addr, host, (editors, prefix), &password, deadline))
        .transpose()?;
    let handles: Vec<_> = (0..connections)
        .map(|i| {
            let (cookie, paths, host) = (cookie.clone(), paths.to_vec(), host.to_string());
            std::thread::spawn(move || {
                let mut lat: Vec<u32> = Vec::new();
                let mut errors = 0usize;
                let mut conn = TcpStream::connect(addr).ok().map(std::io::BufReader::new);
                let mut k = i;
                while Instant::now() < deadline {
                    let Some(c) = conn.as_mut() else {
                        errors += 1;
                        conn = TcpStream::connect(addr).ok().map(std::io::BufReader::new);
                        continue;
                    };
                    let path = &paths[k % paths.len()];
                    k += 1;
                    let t = Instant::now();
                    match exchange(c, &host, path, &cookie) {
                        Ok(200) => lat.push(t.elapsed().as_micros() as u32),
                        Ok(_) => errors += 1,
                        Err(_) => {
                            errors += 1;
                            conn = TcpStream::connect(addr).ok().map(std::io::BufReader::new);
                        }
                    }
                }
                (lat, errors)
            })
        })
        .collect();
    let mut all: Vec<u32> = Vec::new();
    let mut errors = 0;
    for h in handles {
        let (l, e) = h
            .join()
            .map_err(|_| UserError("a load thread failed".into()))?;
        all.extend(l);
        errors += e;
    }
    all.sort_unstable();
    let pct = |p: f64| percentile(&all, p);
    let rps = all.len() as f64 / seconds as f64;
    println!(
        "{connections} readers, {seconds} s, paths {}: {} requests ({rps:.0}/s), {errors} errors",
        paths.join(" "),
        all.len()
    );
    println!(
        "reads, latency ms: p50 {:.2}  p90 {:.2}  p99 {:.2}  max {:.2}",
        pct(0.50),
        pct(0.90),
        pct(0.99),
        pct(1.0)
    );
    let mut figures = json!({"requests": all.len(), "requests_per_second": rps.round(), "errors": errors, "p50_ms": pct(0.5), "p99_ms": pct(0.99), "max_ms": pct(1.0), "connections": connections, "seconds": seconds});
    if let Some(h) = editing {
        let (mut e, before) = h
            .join()
            .map_err(|_| UserError("an editor thread failed".into()))?;
        e.latencies.sort_unstable();
        let after = get_json(addr, host, "/api/decisions", &cookie)?
            .as_array()
            .map_or(0, |a| a.len() as i64);
        let logged = after - before;
        println!(
            "{editors} editors: {} changes sent, {} stored, {} refused as conflicting, {} errors; {} new entries in the decision log; latency ms p50 {:.1} p99 {:.1}",
            e.sent, e.stored, e.conflicts, e.errors, logged,
            percentile(&e.latencies, 0.5), percentile(&e.latencies, 0.99)
        );
        figures["editors"] = json!({"editors": editors, "sent": e.sent, "stored": e.stored, "conflicts": e.conflicts, "errors": e.errors, "logged": logged, "p50_ms": percentile(&e.latencies, 0.5), "p99_ms": percentile(&e.latencies, 0.99), "decisions_per_second": (e.stored as f64 / seconds as f64)});
    }
    println!("{figures}");
    Ok(ExitCode::SUCCESS)
}
