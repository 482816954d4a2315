//! `casefile-bench serve`: a bounded load run against `casefile serve` on loopback.

use std::process::ExitCode;
use std::time::Instant;

use serde_json::json;

use crate::UserError;

/// One keep-alive HTTP/1.1 exchange on an open connection; returns the status.
fn exchange(
    stream: &mut std::io::BufReader<std::net::TcpStream>,
    host: &str,
    path: &str,
    cookie: &str,
) -> std::io::Result<u16> {
    use std::io::{BufRead, Read, Write};
    let req = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nCookie: {cookie}\r\n\r\n");
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
    Ok(status)
}

/// A bounded load run against a casefile server on loopback: `connections` keep-alive
/// connections for `seconds`, cycling through `paths`; prints throughput and latency
/// percentiles. It signs in first (CASEFILE_USER_PASSWORD).
pub fn bench_serve(
    url: &str,
    user: &str,
    connections: usize,
    seconds: u64,
    paths: &[String],
) -> Result<ExitCode, UserError> {
    use std::io::{Read, Write};
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
    // sign in
    let mut s = TcpStream::connect(addr).map_err(|e| UserError(format!("{addr}: {e}")))?;
    let form = format!("name={}&password={}", user, password.replace(' ', "+"));
    let req = format!("POST /login HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{form}", form.len());
    s.write_all(req.as_bytes())
        .map_err(|e| UserError(e.to_string()))?;
    let mut resp = String::new();
    let _ = s.read_to_string(&mut resp);
    let cookie = resp
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .starts_with("set-cookie:")
                .then(|| l[11..].trim().split(';').next().unwrap_or("").to_string())
        })
        .ok_or_else(|| {
            UserError("could not sign in: check the name and CASEFILE_USER_PASSWORD".into())
        })?;
    let deadline = Instant::now() + std::time::Duration::from_secs(seconds);
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
    let pct = |p: f64| {
        all.get(((all.len() as f64 * p) as usize).min(all.len().saturating_sub(1)))
            .copied()
            .unwrap_or(0) as f64
            / 1000.0
    };
    let rps = all.len() as f64 / seconds as f64;
    println!("{connections} connections, {seconds} s, paths {}: {} requests ({rps:.0}/s), {errors} errors", paths.join(" "), all.len());
    println!(
        "latency ms: p50 {:.2}  p90 {:.2}  p99 {:.2}  max {:.2}",
        pct(0.50),
        pct(0.90),
        pct(0.99),
        pct(1.0)
    );
    println!(
        "{}",
        json!({"requests": all.len(), "requests_per_second": rps.round(), "errors": errors, "p50_ms": pct(0.5), "p99_ms": pct(0.99), "max_ms": pct(1.0), "connections": connections, "seconds": seconds})
    );
    Ok(ExitCode::SUCCESS)
}
