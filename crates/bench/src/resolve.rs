//! `casefile-bench resolve`: entity resolution at scale on generated mentions.
//!
//! Mentions are drawn from a population of people (real Russian, Chechen and other given names
//! and surnames), organisations and places, with a skewed (Zipf-like) frequency, written the way
//! reports write them: full names in several romanisations, surnames or given names alone, and
//! a little noise (doubled or dropped letters). Reports hold 20 mentions each.

use std::process::ExitCode;
use std::time::Instant;

use casefile_model::{Annotations, Document, EntityKind, Mention, Span};
use serde_json::json;

use crate::memory::{current_rss_mb, peak_rss_mb};
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
                in_country: None,
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
