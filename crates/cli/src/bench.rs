//! `casefile bench-resolve`: entity resolution at scale on generated mentions.
//!
//! Mentions are drawn from a population of people (real Russian, Chechen and other given names
//! and surnames), organisations and places, with a skewed (Zipf-like) frequency, written the way
//! reports write them: full names in several romanisations, surnames or given names alone, and
//! a little noise (doubled or dropped letters). Reports hold 20 mentions each.

use std::process::ExitCode;
use std::time::Instant;

use casefile_model::{Annotations, Document, EntityKind, Mention, Span};
use serde_json::json;

use crate::UserError;

const GIVEN: &[&str] = &[
    "Aleksandr",
    "Alexander",
    "Akhmed",
    "Ahmed",
    "Salekh",
    "Salekh",
    "Ismail",
    "Ramzan",
    "Ruslan",
    "Magomed",
    "Mohammed",
    "Zelimkhan",
    "Islam",
    "Adam",
    "Umar",
    "Apti",
    "Said",
    "Khasan",
    "Hasan",
    "Dmitry",
    "Dmitriy",
    "Sergei",
    "Sergey",
    "Yevgeny",
    "Evgeny",
    "Mikhail",
    "Ivan",
    "Pavel",
    "Oleg",
    "Nikolai",
    "Nikolay",
    "Andrei",
    "Andrey",
    "Yuri",
    "Yury",
    "Vladimir",
    "Viktor",
    "Tim",
    "Mark",
    "Marc",
    "Mathias",
    "Anna",
    "Natalia",
    "Natalya",
    "Yelena",
    "Elena",
    "Olga",
    "Tatiana",
    "Tatyana",
    "Irina",
    "Svetlana",
    "Zarema",
    "Kheda",
    "Madina",
    "Aset",
    "Liana",
    "Milana",
    "Amina",
    "Petra",
    "Joseph",
    "Maria",
    "Lena",
    "Arman",
    "Dalia",
    "Tomas",
    "Karim",
    "Fatima",
    "Leila",
    "Omar",
    "Yusuf",
    "Ali",
];
const SURNAMES: &[&str] = &[
    "Magamadov",
    "Isayev",
    "Kadyrov",
    "Dudayev",
    "Delimkhanov",
    "Daudov",
    "Alkhanov",
    "Yandarbiyev",
    "Basayev",
    "Umarov",
    "Estemirova",
    "Titiev",
    "Nemov",
    "Alexeyev",
    "Bestsvet",
    "Ivanov",
    "Petrov",
    "Sidorov",
    "Smirnov",
    "Kuznetsov",
    "Popov",
    "Vasilyev",
    "Sokolov",
    "Mikhailov",
    "Novikov",
    "Fyodorov",
    "Morozov",
    "Volkov",
    "Alekseyev",
    "Lebedev",
    "Semyonov",
    "Yegorov",
    "Pavlov",
    "Kozlov",
    "Stepanov",
    "Nikolayev",
    "Orlov",
    "Andreyev",
    "Makarov",
    "Zakharov",
    "Zaitsev",
    "Solovyov",
    "Borisov",
    "Yakovlev",
    "Grigoryev",
    "Romanov",
    "Vorobyov",
    "Sergeyev",
    "Kuzmin",
    "Frolov",
    "Aleksandrov",
    "Dmitriyev",
    "Korolyov",
    "Gusev",
    "Kiselyov",
    "Ilyin",
    "Maksimov",
    "Polyakov",
    "Sorokin",
    "Vinogradov",
    "Kovalyov",
    "Belov",
    "Medvedev",
    "Antonov",
    "Tarasov",
    "Zhukov",
    "Baranov",
    "Filippov",
    "Komarov",
    "Davydov",
    "Belyayev",
    "Gerasimov",
    "Bogdanov",
    "Osipov",
    "Sidorenko",
    "Matveyev",
    "Titov",
    "Markov",
    "Mironov",
    "Krylov",
    "Kulikov",
    "Karpov",
    "Vlasov",
    "Melnikov",
    "Denisov",
    "Gavrilov",
    "Tikhonov",
    "Kazakov",
    "Afanasyev",
    "Danilov",
    "Savelyev",
    "Timofeyev",
    "Fomin",
    "Chernov",
    "Abramov",
    "Martynov",
    "Yefimov",
    "Fedotov",
    "Shcherbakov",
    "Nazarov",
    "Kalinin",
    "Isakov",
    "Chernyshev",
    "Bykov",
    "Maslov",
    "Rodionov",
    "Konovalov",
    "Lazarev",
    "Voronin",
    "Klimov",
    "Filatov",
    "Ponomaryov",
    "Golubev",
    "Kudryavtsev",
    "Prokhorov",
    "Naumov",
    "Potapov",
    "Zhuravlyov",
    "Ovchinnikov",
    "Trofimov",
    "Leonov",
    "Sobolev",
    "Yermakov",
    "Kolesnikov",
    "Goncharov",
    "Yemelyanov",
    "Nikiforov",
    "Grachev",
    "Kotov",
    "Grishin",
    "Yefremov",
    "Arkhipov",
    "Gromov",
    "Kirillov",
    "Malyshev",
    "Panov",
    "Moiseyev",
    "Rumyantsev",
    "Akimov",
    "Kondratyev",
    "Biryukov",
    "Gorbunov",
    "Anisimov",
    "Yeremin",
    "Tikhomirov",
    "Galkin",
    "Lukyanov",
    "Mikheyev",
    "Skvortsov",
    "Yudin",
    "Belousov",
    "Nesterov",
    "Simonov",
    "Prokofyev",
    "Kharitonov",
    "Knyazev",
    "Tsvetkov",
    "Levin",
    "Mitrofanov",
    "Voronov",
    "Aksyonov",
    "Sofronov",
    "Maltsev",
    "Loginov",
    "Gorshkov",
    "Savin",
    "Krasnov",
    "Mayorov",
    "Demidov",
    "Yeliseyev",
    "Rybakov",
    "Safonov",
    "Plotnikov",
    "Demin",
    "Khokhlov",
    "Fadeyev",
    "Molchanov",
    "Ignatov",
    "Litvinov",
    "Yershov",
    "Ushakov",
    "Dementyev",
    "Ryabov",
    "Mukhin",
    "Kalashnikov",
    "Leontyev",
    "Lobanov",
    "Kuzin",
    "Korneyev",
    "Yevdokimov",
    "Borodin",
    "Platonov",
    "Nekrasov",
    "Balashov",
    "Bobrov",
    "Zhdanov",
    "Blinov",
    "Ignatyev",
    "Korotkov",
    "Muravyov",
    "Kryukov",
    "Belyakov",
    "Bogomolov",
    "Drozdov",
    "Lavrov",
];
const ORGS: &[&str] = &[
    "Russian LGBT Network",
    "Memorial Human Rights Centre",
    "Committee Against Torture",
    "Civic Assistance Committee",
    "Freedom House",
    "Human Rights Watch",
    "Amnesty International",
    "European Court of Human Rights",
    "Investigative Committee",
    "Federal Security Service",
    "Interior Ministry",
    "Supreme Court",
    "OVD-Info",
    "All Out",
    "Front Line Defenders",
];
const PLACES: &[&str] = &[
    "Chechnya",
    "Grozny",
    "Gudermes",
    "Argun",
    "Urus-Martan",
    "Shali",
    "Moscow",
    "Nizhny Novgorod",
    "Dagestan",
    "Ingushetia",
    "Makhachkala",
    "Nazran",
    "Saint Petersburg",
    "Vladikavkaz",
    "Rostov-on-Don",
    "Krasnodar",
    "Stavropol",
    "Kazan",
];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Zipf-like: small indices far more often.
    fn skewed(&mut self, n: usize) -> usize {
        let u = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        ((n as f64).powf(u) as usize).saturating_sub(1).min(n - 1)
    }
}

/// A romanisation or spelling variant of a name, as reports write them.
fn variant(name: &str, rng: &mut Rng) -> String {
    let mut s = name.to_string();
    let rules: &[(&str, &str)] = &[
        ("kh", "h"),
        ("yev", "ev"),
        ("ts", "tz"),
        ("iy", "y"),
        ("ye", "e"),
        ("yo", "e"),
        ("ay", "ai"),
    ];
    for (a, b) in rules {
        if s.contains(a) && rng.below(4) == 0 {
            s = s.replacen(a, b, 1);
        }
    }
    if rng.below(50) == 0 && s.len() > 5 {
        // noise: a doubled or dropped letter
        let i = 2 + rng.below(s.len() - 3);
        if s.is_char_boundary(i) && s.is_char_boundary(i + 1) {
            let c = s[i..i + 1].to_string();
            if rng.below(2) == 0 {
                s.insert_str(i, &c);
            } else {
                s.replace_range(i..i + 1, "");
            }
        }
    }
    s
}

fn document(i: usize) -> Document {
    Document::from_text(format!("{i:016x}"), format!("bench/{i}.txt"), String::new())
}

/// Generate `n` mentions in reports of 20.
fn generate(n: usize, seed: u64) -> (Vec<Document>, Vec<Annotations>) {
    let mut rng = Rng(seed);
    let population = (n / 40).clamp(200, GIVEN.len() * SURNAMES.len());
    let people: Vec<(usize, usize)> = (0..population)
        .map(|_| (rng.below(GIVEN.len()), rng.below(SURNAMES.len())))
        .collect();
    let mut docs = Vec::new();
    let mut anns = Vec::new();
    let mut made = 0;
    let mut d = 0;
    while made < n {
        let doc = document(d);
        let mut mentions = Vec::new();
        let k = 20.min(n - made);
        for j in 0..k {
            let roll = rng.below(10);
            let (text, kind) = if roll < 7 {
                let (g, s) = people[rng.skewed(people.len())];
                let form = match rng.below(6) {
                    0 => variant(SURNAMES[s], &mut rng),
                    1 => variant(GIVEN[g], &mut rng),
                    _ => format!(
                        "{} {}",
                        variant(GIVEN[g], &mut rng),
                        variant(SURNAMES[s], &mut rng)
                    ),
                };
                (form, EntityKind::Person)
            } else if roll < 9 {
                (
                    ORGS[rng.skewed(ORGS.len())].to_string(),
                    EntityKind::Organization,
                )
            } else {
                (
                    PLACES[rng.skewed(PLACES.len())].to_string(),
                    EntityKind::Place,
                )
            };
            mentions.push(Mention {
                span: Span::new(doc.id.clone(), j * 40, j * 40 + text.len()),
                text,
                kind,
                normalized: None,
                source: "bench".into(),
                confidence: 1.0,
            });
        }
        made += k;
        anns.push(Annotations {
            doc: doc.id.clone(),
            mentions,
            ..Default::default()
        });
        docs.push(doc);
        d += 1;
    }
    (docs, anns)
}

/// A memory figure of this process from /proc/self/status (Linux), in MB.
fn status_mb(field: &str) -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = s
        .lines()
        .find(|l| l.starts_with(field))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

/// Peak resident memory of this process, in MB.
pub(crate) fn peak_rss_mb() -> Option<f64> {
    status_mb("VmHWM:")
}

fn current_rss_mb() -> Option<f64> {
    status_mb("VmRSS:")
}

pub fn bench_resolve(sizes: &[usize]) -> Result<ExitCode, UserError> {
    if sizes.is_empty() {
        return Err(UserError("give at least one size".into()));
    }
    let mut rows = Vec::new();
    for &n in sizes {
        let (docs, anns) = generate(n, 0x5eed ^ n as u64);
        let pairs: Vec<(&Document, &Annotations)> = docs.iter().zip(anns.iter()).collect();
        let demonym = |w: &str| casefile_annotate::lexicon::word(w).demonym();
        let before = current_rss_mb().unwrap_or(0.0);
        let t = Instant::now();
        let resolved = casefile_resolve::resolve(&pairs, &[], &demonym);
        let secs = t.elapsed().as_secs_f64();
        let persons = resolved
            .entities
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
            .count();
        let peak = peak_rss_mb().unwrap_or(f64::NAN);
        println!(
            "{n:>9} mentions in {:>6} reports: {secs:>7.2} s, {:>9.0} mentions/s, {} entities ({persons} persons), peak memory {peak:.0} MB (input {before:.0} MB)",
            docs.len(),
            n as f64 / secs,
            resolved.entities.len()
        );
        rows.push(json!({"mentions": n, "seconds": (secs * 1000.0).round() / 1000.0, "entities": resolved.entities.len(), "peak_rss_mb": peak.round()}));
        drop(resolved);
    }
    if rows.len() >= 2 {
        let (a, b) = (&rows[0], &rows[rows.len() - 1]);
        let growth =
            b["seconds"].as_f64().unwrap_or(0.0) / a["seconds"].as_f64().unwrap_or(1.0).max(1e-9);
        let size = b["mentions"].as_f64().unwrap_or(0.0) / a["mentions"].as_f64().unwrap_or(1.0);
        println!("{size:.0}× the mentions took {growth:.1}× the time");
    }
    println!("{}", serde_json::Value::Array(rows));
    Ok(ExitCode::SUCCESS)
}

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
