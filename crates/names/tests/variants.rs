//! The name-variant test set: real Russian and Chechen names in Cyrillic, romanised under the
//! published systems (BGN/PCGN, ISO 9, ICAO Doc 9303 (2013), Library of Congress (ALA-LC, without
//! diacritics), French and German practice), paired: the same name in two systems must match;
//! different people (other given names or surnames, masculine and feminine forms, near
//! spellings of different names) must not. Precision and recall are printed.

use casefile_names::names_compatible;

const GIVEN_M: &[&str] = &[
    "Александр",
    "Алексей",
    "Андрей",
    "Ахмед",
    "Салех",
    "Исмаил",
    "Рамзан",
    "Руслан",
    "Магомед",
    "Зелимхан",
    "Ислам",
    "Адам",
    "Умар",
    "Апти",
    "Саид",
    "Хасан",
    "Дмитрий",
    "Сергей",
    "Евгений",
    "Михаил",
    "Иван",
    "Павел",
    "Олег",
    "Николай",
    "Юрий",
    "Владимир",
    "Виктор",
    "Тимур",
    "Марат",
    "Шамиль",
    "Хамзат",
    "Аслан",
    "Муса",
    "Ибрагим",
    "Юсуп",
    "Вахид",
    "Абубакар",
];
const GIVEN_F: &[&str] = &[
    "Наталья",
    "Елена",
    "Ольга",
    "Татьяна",
    "Ирина",
    "Светлана",
    "Зарема",
    "Хеда",
    "Мадина",
    "Асет",
    "Лиана",
    "Милана",
    "Амина",
    "Юлия",
    "Ксения",
    "Жанна",
    "Мария",
    "Анна",
    "Айшат",
    "Хадижат",
];
const SURNAMES: &[&str] = &[
    "Магамадов",
    "Исаев",
    "Кадыров",
    "Дудаев",
    "Делимханов",
    "Даудов",
    "Алханов",
    "Яндарбиев",
    "Басаев",
    "Умаров",
    "Титиев",
    "Немов",
    "Алексеев",
    "Иванов",
    "Петров",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Лебедев",
    "Семёнов",
    "Егоров",
    "Павлов",
    "Козлов",
    "Степанов",
    "Николаев",
    "Орлов",
    "Захаров",
    "Зайцев",
    "Соловьёв",
    "Борисов",
    "Яковлев",
    "Григорьев",
    "Романов",
    "Воробьёв",
    "Сергеев",
    "Кузьмин",
    "Фролов",
    "Жуков",
    "Щербаков",
    "Хасанов",
    "Юсупов",
    "Цароев",
    "Чабуркаев",
    "Шишханов",
    "Эсамбаев",
    "Гелаев",
    "Масхадов",
    "Хаджиев",
];

/// Romanise under one system.
fn romanise(word: &str, system: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = word.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let lower = c.to_lowercase().next().unwrap();
        let first = i == 0;
        let after_vowel =
            i > 0 && "аеёиоуыэюяьъй".contains(chars[i - 1].to_lowercase().next().unwrap());
        let next = chars.get(i + 1).map(|n| n.to_lowercase().next().unwrap());
        let t: String = match system {
            "bgn" => match lower {
                'а' => "a",
                'б' => "b",
                'в' => "v",
                'г' => "g",
                'д' => "d",
                'е' => {
                    if first || after_vowel {
                        "ye"
                    } else {
                        "e"
                    }
                }
                'ё' => {
                    if first || after_vowel {
                        "yë"
                    } else {
                        "ë"
                    }
                }
                'ж' => "zh",
                'з' => "z",
                'и' => "i",
                'й' => "y",
                'к' => "k",
                'л' => "l",
                'м' => "m",
                'н' => "n",
                'о' => "o",
                'п' => "p",
                'р' => "r",
                'с' => "s",
                'т' => "t",
                'у' => "u",
                'ф' => "f",
                'х' => "kh",
                'ц' => "ts",
                'ч' => "ch",
                'ш' => "sh",
                'щ' => "shch",
                'ъ' => "”",
                'ы' => "y",
                'ь' => "’",
                'э' => "e",
                'ю' => "yu",
                'я' => "ya",
                _ => "",
            }
            .to_string(),
            "iso9" => match lower {
                'а' => "a",
                'б' => "b",
                'в' => "v",
                'г' => "g",
                'д' => "d",
                'е' => "e",
                'ё' => "ë",
                'ж' => "ž",
                'з' => "z",
                'и' => "i",
                'й' => "j",
                'к' => "k",
                'л' => "l",
                'м' => "m",
                'н' => "n",
                'о' => "o",
                'п' => "p",
                'р' => "r",
                'с' => "s",
                'т' => "t",
                'у' => "u",
                'ф' => "f",
                'х' => "h",
                'ц' => "c",
                'ч' => "č",
                'ш' => "š",
                'щ' => "ŝ",
                'ъ' => "ʺ",
                'ы' => "y",
                'ь' => "ʹ",
                'э' => "è",
                'ю' => "û",
                'я' => "â",
                _ => "",
            }
            .to_string(),
            "icao" => match lower {
                'а' => "a",
                'б' => "b",
                'в' => "v",
                'г' => "g",
                'д' => "d",
                'е' => "e",
                'ё' => "e",
                'ж' => "zh",
                'з' => "z",
                'и' => "i",
                'й' => "i",
                'к' => "k",
                'л' => "l",
                'м' => "m",
                'н' => "n",
                'о' => "o",
                'п' => "p",
                'р' => "r",
                'с' => "s",
                'т' => "t",
                'у' => "u",
                'ф' => "f",
                'х' => "kh",
                'ц' => "ts",
                'ч' => "ch",
                'ш' => "sh",
                'щ' => "shch",
                'ъ' => "ie",
                'ы' => "y",
                'ь' => "",
                'э' => "e",
                'ю' => "iu",
                'я' => "ia",
                _ => "",
            }
            .to_string(),
            "loc" => match lower {
                'а' => "a",
                'б' => "b",
                'в' => "v",
                'г' => "g",
                'д' => "d",
                'е' => "e",
                'ё' => "e",
                'ж' => "zh",
                'з' => "z",
                'и' => "i",
                'й' => "i",
                'к' => "k",
                'л' => "l",
                'м' => "m",
                'н' => "n",
                'о' => "o",
                'п' => "p",
                'р' => "r",
                'с' => "s",
                'т' => "t",
                'у' => "u",
                'ф' => "f",
                'х' => "kh",
                'ц' => "ts",
                'ч' => "ch",
                'ш' => "sh",
                'щ' => "shch",
                'ъ' => "",
                'ы' => "y",
                'ь' => "",
                'э' => "e",
                'ю' => "iu",
                'я' => "ia",
                _ => "",
            }
            .to_string(),
            "french" => match lower {
                'а' => "a",
                'б' => "b",
                'в' => "v",
                'д' => "d",
                'ж' => "j",
                'з' => "z",
                'и' => "i",
                'й' => "ï",
                'к' => "k",
                'л' => "l",
                'м' => "m",
                'н' => "n",
                'о' => "o",
                'п' => "p",
                'р' => "r",
                'т' => "t",
                'у' => "ou",
                'ф' => "f",
                'х' => "kh",
                'ц' => "ts",
                'ч' => "tch",
                'ш' => "ch",
                'щ' => "chtch",
                'ъ' => "",
                'ы' => "y",
                'ь' => "",
                'э' => "e",
                'ю' => "iou",
                'я' => "ia",
                'ё' => "io",
                'г' => {
                    if matches!(next, Some('е' | 'и' | 'э')) {
                        "gu"
                    } else {
                        "g"
                    }
                }
                'е' => {
                    if first || after_vowel {
                        "ie"
                    } else {
                        "e"
                    }
                }
                'с' => {
                    if after_vowel && next.is_some_and(|n| "аеёиоуыэюя".contains(n)) {
                        "ss"
                    } else {
                        "s"
                    }
                }
                _ => "",
            }
            .to_string(),
            "german" => match lower {
                'а' => "a",
                'б' => "b",
                'в' => "w",
                'г' => "g",
                'д' => "d",
                'ё' => "jo",
                'ж' => "sh",
                'з' => "s",
                'и' => "i",
                'й' => "j",
                'к' => "k",
                'л' => "l",
                'м' => "m",
                'н' => "n",
                'о' => "o",
                'п' => "p",
                'р' => "r",
                'т' => "t",
                'у' => "u",
                'ф' => "f",
                'х' => "ch",
                'ц' => "z",
                'ч' => "tsch",
                'ш' => "sch",
                'щ' => "schtsch",
                'ъ' => "",
                'ы' => "y",
                'ь' => "",
                'э' => "e",
                'ю' => "ju",
                'я' => "ja",
                'е' => {
                    if first || after_vowel {
                        "je"
                    } else {
                        "e"
                    }
                }
                'с' => {
                    if after_vowel && next.is_some_and(|n| "аеёиоуыэюя".contains(n)) {
                        "ss"
                    } else {
                        "s"
                    }
                }
                _ => "",
            }
            .to_string(),
            _ => unreachable!(),
        };
        if c.is_uppercase() {
            let mut it = t.chars();
            if let Some(f) = it.next() {
                out.extend(f.to_uppercase());
                out.push_str(it.as_str());
            }
        } else {
            out.push_str(&t);
        }
    }
    // German and French write the -ов/-ев ending -ow/-ew and -ov/-ev
    if system == "german" && (out.ends_with("ow") || out.ends_with("ew")) {
        return out;
    }
    out
}

const SYSTEMS: &[&str] = &["bgn", "iso9", "icao", "loc", "french", "german"];

struct Rng(u64);
impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn feminine(surname: &str) -> String {
    format!("{surname}а")
}

#[test]
fn name_variant_test_set() {
    let mut rng = Rng(0xC0FFEE);
    let mut positives: Vec<(String, String)> = Vec::new();
    let mut negatives: Vec<(String, String, &str)> = Vec::new();
    let full = |g: &str, s: &str, sys: &str| format!("{} {}", romanise(g, sys), romanise(s, sys));
    // positives: one person, two systems (and Cyrillic against Latin)
    for i in 0..300 {
        let female = i % 4 == 3;
        let g = if female {
            GIVEN_F[rng.below(GIVEN_F.len())]
        } else {
            GIVEN_M[rng.below(GIVEN_M.len())]
        };
        let s0 = SURNAMES[rng.below(SURNAMES.len())];
        let s = if female { feminine(s0) } else { s0.to_string() };
        let (a, b) = (
            SYSTEMS[rng.below(SYSTEMS.len())],
            SYSTEMS[rng.below(SYSTEMS.len())],
        );
        let left = if i % 10 == 0 {
            format!("{g} {s}")
        } else {
            full(g, &s, a)
        };
        positives.push((left, full(g, &s, b)));
    }
    // negatives: different people
    for i in 0..300 {
        let g = GIVEN_M[rng.below(GIVEN_M.len())];
        let s = SURNAMES[rng.below(SURNAMES.len())];
        let (a, b) = (
            SYSTEMS[rng.below(SYSTEMS.len())],
            SYSTEMS[rng.below(SYSTEMS.len())],
        );
        let (other, why) = match i % 3 {
            // same surname, another given name
            0 => {
                let mut g2 = GIVEN_M[rng.below(GIVEN_M.len())];
                while g2 == g {
                    g2 = GIVEN_M[rng.below(GIVEN_M.len())];
                }
                (full(g2, s, b), "other given name")
            }
            // same given name, another surname
            1 => {
                let mut s2 = SURNAMES[rng.below(SURNAMES.len())];
                while s2 == s {
                    s2 = SURNAMES[rng.below(SURNAMES.len())];
                }
                (full(g, s2, b), "other surname")
            }
            // a woman of the same family
            _ => {
                let f = GIVEN_F[rng.below(GIVEN_F.len())];
                (full(f, &feminine(s), b), "feminine form, other given name")
            }
        };
        negatives.push((full(g, s, a), other, why));
    }
    // hard negatives: masculine and feminine surnames alone
    for s in SURNAMES.iter().take(20) {
        negatives.push((
            romanise(s, "bgn"),
            romanise(&feminine(s), "icao"),
            "feminine surname",
        ));
    }
    let matches = |a: &str, b: &str| {
        let wa: Vec<&str> = a.split_whitespace().collect();
        let wb: Vec<&str> = b.split_whitespace().collect();
        names_compatible(&wa, &wb)
    };
    let tp = positives.iter().filter(|(a, b)| matches(a, b)).count();
    let fp = negatives.iter().filter(|(a, b, _)| matches(a, b)).count();
    let fn_ = positives.len() - tp;
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / positives.len() as f64;
    println!(
        "name-variant test set: {} matching pairs, {} non-matching",
        positives.len(),
        negatives.len()
    );
    println!("precision {precision:.4}  recall {recall:.4}  (tp {tp}, fp {fp}, fn {fn_})");
    for (a, b) in positives.iter().filter(|(a, b)| !matches(a, b)).take(15) {
        println!("  missed: {a} | {b}");
    }
    for (a, b, why) in negatives.iter().filter(|(a, b, _)| matches(a, b)).take(15) {
        println!("  false match ({why}): {a} | {b}");
    }
    assert!(positives.len() + negatives.len() >= 600);
    assert!(precision >= 0.98, "precision {precision}");
    assert!(recall >= 0.95, "recall {recall}");
}

#[test]
fn romanisations_of_one_name() {
    assert_eq!(romanise("Салех", "bgn"), "Salekh");
    assert_eq!(romanise("Захаров", "german"), "Sacharow");
    assert_eq!(romanise("Шамиль", "french"), "Chamil");
    assert_eq!(romanise("Юсупов", "iso9"), "Ûsupov");
    assert_eq!(romanise("Алексеев", "icao"), "Alekseev");
    assert!(names_compatible(
        &["Salekh", "Magamadov"],
        &["Салех", "Магамадов"]
    ));
    assert!(names_compatible(&["Tim", "Bestvet"], &["Tim", "Bestsvet"]));
    assert!(names_compatible(
        &["Akhmed", "Dudyaev"],
        &["Akhmed", "Dudayev"]
    ));
    assert!(!names_compatible(
        &["Ismail", "Isayev"],
        &["Madina", "Isayeva"]
    ));
}
