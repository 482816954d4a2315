//! The shipped table of news outlets, wire services and rights organisations
//! (`data/outlets.tsv`, kept by hand): names an outlet from a URL, and tells the annotator which
//! capitalised names are outlets.

use std::sync::OnceLock;

/// One row of the table.
#[derive(Debug, Clone, Copy)]
pub struct Outlet {
    pub domain: &'static str,
    pub name: &'static str,
    /// `outlet`, `wire` or `ngo`.
    pub kind: &'static str,
}

/// Wire services and agencies named in bylines ("By AFP") and attributions ("told AFP").
pub const WIRES: &[&str] = &[
    "AFP",
    "Agence France-Presse",
    "AP",
    "Associated Press",
    "The Associated Press",
    "Reuters",
    "TASS",
    "Interfax",
    "RIA Novosti",
    "Xinhua",
    "dpa",
    "EFE",
    "ANSA",
    "UPI",
    "Anadolu",
    "Kyodo",
    "Yonhap",
    "PA",
    "Bloomberg",
    // its stories run under other outlets' names with the tag "(CNN) —"
    "CNN",
];

pub fn all() -> &'static [Outlet] {
    static T: OnceLock<Vec<Outlet>> = OnceLock::new();
    T.get_or_init(|| {
        include_str!("../data/outlets.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let mut f = l.split('\t');
                Some(Outlet {
                    domain: f.next()?,
                    name: f.next()?,
                    kind: f.next().unwrap_or("outlet"),
                })
            })
            .collect()
    })
}

/// Whether `name` is a known outlet, wire service or organisation name.
pub fn is_known_name(name: &str) -> bool {
    let n = name.strip_prefix("The ").unwrap_or(name);
    WIRES.iter().any(|w| w.eq_ignore_ascii_case(name))
        || all()
            .iter()
            .any(|o| o.name == name || o.name.strip_prefix("The ").unwrap_or(o.name) == n)
}

/// The table's spelling of a known outlet, wire or organisation name ("Moscow Times" → "The
/// Moscow Times"), or the name itself.
pub fn canonical(name: &str) -> String {
    let n = name
        .trim()
        .strip_prefix("the ")
        .or_else(|| name.trim().strip_prefix("The "))
        .unwrap_or(name.trim());
    if let Some(w) = WIRES.iter().find(|w| w.eq_ignore_ascii_case(n)) {
        return w.to_string();
    }
    all()
        .iter()
        .find(|o| {
            o.name.eq_ignore_ascii_case(n)
                || o.name
                    .strip_prefix("The ")
                    .is_some_and(|x| x.eq_ignore_ascii_case(n))
        })
        .map(|o| o.name.to_string())
        .unwrap_or_else(|| n.to_string())
}

/// Whether `name` is a wire service.
pub fn is_wire(name: &str) -> bool {
    WIRES.iter().any(|w| w.eq_ignore_ascii_case(name))
        || all()
            .iter()
            .any(|o| o.kind == "wire" && o.name.eq_ignore_ascii_case(name))
}

/// The outlet named by a URL's host, from the table; else the bare host.
pub fn for_url(url: &str) -> Option<String> {
    let host = url
        .split("://")
        .nth(1)?
        .split(['/', '?', '#', ':'])
        .next()?
        .to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    for o in all() {
        if host == o.domain || host.ends_with(&format!(".{}", o.domain)) {
            return Some(o.name.to_string());
        }
    }
    host.contains('.').then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        assert_eq!(
            for_url("https://www.theguardian.com/world/x").as_deref(),
            Some("The Guardian")
        );
        assert_eq!(
            for_url("https://news.example.org/x").as_deref(),
            Some("news.example.org")
        );
        assert!(is_known_name("The Guardian"));
        assert!(is_known_name("Guardian"));
        assert!(is_wire("AFP"));
        assert!(!is_known_name("Oleg Marchenko"));
    }
}
