//! Entity resolution: one entity per real-world person, organisation and place.
//!
//! 1. Within a report: full names with the same key are one; a lone given name or surname joins
//!    the full name it belongs to (the nearest before it); "the Network" joins the organisation
//!    whose name ends in it.
//! 2. Across reports, in blocks that share a surname's first letters (never all pairs): person
//!    names that are spelling variants of each other merge, unless both appear, as different
//!    people, in one report; organisations merge on equal names, on a name that is another's
//!    with a nationality or place in front ("LGBT Network" / "Russian LGBT Network"), and on
//!    acronyms; places merge on their gazetteer name.
//! 3. Acronyms across blocks ("ECHR" and "European Court of Human Rights").
//! 4. Manual decisions (merge, keep apart, split) are applied last, and win.
//!
//! Each phase is a method of [`Resolver`], named for what it does.
//!
//! Every merge leaves a line of explanation on the entity.

use std::collections::{BTreeMap, HashMap, HashSet};

use casefile_model::{
    Annotations, Decision, Document, Entity, EntityAttribute, EntityKind, MentionLink, Span,
};

use casefile_names::{block_key, key, words_match, NameWord};

struct Node {
    doc: usize,
    mention: usize,
    kind: EntityKind,
    text: String,
    /// gazetteer or table form
    normalized: Option<String>,
    descriptive: bool,
}

struct Dsu {
    parent: Vec<usize>,
    why: Vec<Vec<String>>,
    /// For each root: the nodes of its cluster (merged small into large).
    members: Vec<Vec<usize>>,
}

impl Dsu {
    fn new(n: usize) -> Self {
        Dsu {
            parent: (0..n).collect(),
            why: vec![Vec::new(); n],
            members: (0..n).map(|i| vec![i]).collect(),
        }
    }
    fn find(&mut self, x: usize) -> usize {
        let mut r = x;
        while self.parent[r] != r {
            r = self.parent[r];
        }
        let mut c = x;
        while self.parent[c] != r {
            let n = self.parent[c];
            self.parent[c] = r;
            c = n;
        }
        r
    }
    fn union(&mut self, a: usize, b: usize, why: Option<String>) -> bool {
        let (mut ra, mut rb) = (self.find(a), self.find(b));
        if ra == rb {
            return false;
        }
        if self.members[ra].len() < self.members[rb].len() {
            std::mem::swap(&mut ra, &mut rb);
        }
        self.parent[rb] = ra;
        let moved = std::mem::take(&mut self.why[rb]);
        self.why[ra].extend(moved);
        let m = std::mem::take(&mut self.members[rb]);
        self.members[ra].extend(m);
        if let Some(w) = why {
            self.why[ra].push(w);
        }
        true
    }
}

/// The key a lone name is looked up by: its word's, or the words' of a surname of two.
fn lone_key(w: &[&str]) -> String {
    w.iter().map(|x| key(x)).collect::<Vec<_>>().join(" ")
}

fn words(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

fn org_key(s: &str) -> String {
    let s = s.trim();
    let s = s
        .strip_prefix("the ")
        .or_else(|| s.strip_prefix("The "))
        .unwrap_or(s);
    s.trim_end_matches("’s")
        .trim_end_matches("'s")
        .to_lowercase()
}

/// Families of descriptive organisation heads: "Chechen police" and "Chechen law enforcement"
/// are one body; "Chechen authorities" and "Chechen officials" another; "Saudi prosecutors",
/// "the Saudi public prosecutor" and "the Saudi attorney general's office" a third, the
/// prosecution of that state.
fn descriptive_key(s: &str) -> Option<String> {
    let lower = s.to_lowercase().replace('’', "'");
    let lower = lower.strip_prefix("the ").unwrap_or(&lower).to_string();
    let demonym = lower.split_whitespace().next()?.to_string();
    // any other kind is itself: "Turkish prosecutors" are not "Saudi prosecutors", nor
    // "Turkish investigators"
    let family = descriptive_family(&lower).or_else(|| lower.split_whitespace().last())?;
    Some(format!("{demonym} {family}"))
}

/// The family of a lower-case body named by its nationality and what it is, when it is one of
/// a state's: its police, its government, its prosecution.
fn descriptive_family(lower: &str) -> Option<&'static str> {
    let ends = |hs: &[&str]| hs.iter().any(|h| lower.ends_with(h));
    if prosecution_office(lower).is_some() {
        Some("prosecution")
    } else if ends(&[
        "police",
        "law enforcement",
        "security services",
        "security forces",
    ]) {
        Some("police")
    } else if ends(&["authorities", "officials", "government"]) {
        Some("government")
    } else {
        None
    }
}

/// Whether a lower-case organisation name, less its nationality, names a state's prosecution:
/// its prosecutors, its (public, chief) prosecutor or prosecutor's office, its attorney general
/// or attorney general's office. One per state: the office's proper name and "prosecutors" are
/// one body.
fn prosecution_office(lower: &str) -> Option<()> {
    let rest = lower.split_once(' ')?.1;
    let rest = rest.strip_prefix("public ").unwrap_or(rest);
    matches!(
        rest,
        "prosecutors"
            | "prosecutor"
            | "prosecution"
            | "prosecutor's office"
            | "prosecutors' office"
            | "attorney general"
            | "attorney general's office"
    )
    .then_some(())
}

/// An organisation named as a body "of" a place ("the Supreme Court (SC) of Chechnya"): the
/// body's words and the place, without "the" or a bracketed short form.
fn of_place(name: &str) -> Option<(String, String)> {
    let mut plain = String::new();
    let mut depth = 0usize;
    for c in name.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    let plain = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    let plain = plain
        .strip_prefix("the ")
        .or_else(|| plain.strip_prefix("The "))
        .unwrap_or(&plain);
    let (body, place) = plain.rsplit_once(" of ")?;
    let capitalised = |s: &str| s.chars().next().is_some_and(char::is_uppercase);
    (capitalised(body) && capitalised(place)).then(|| (body.to_string(), place.to_string()))
}

/// Whether a nationality word and a place name say one place: they begin alike for four
/// letters or more ("Chechen" and "Chechnya", "Russian" and "Russia", "Turkish" and "Turkey").
fn demonym_of(demonym: &str, place: &str) -> bool {
    let (d, p) = (demonym.to_lowercase(), place.to_lowercase());
    let common = d.chars().zip(p.chars()).take_while(|(a, b)| a == b).count();
    common >= 4
}

fn acronym(s: &str) -> String {
    s.split_whitespace()
        .filter(|w| {
            !matches!(
                w.to_lowercase().as_str(),
                "of" | "for" | "the" | "and" | "on" | "in" | "&"
            )
        })
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

/// Whether `a` is `b` with two neighbouring letters swapped ("Yangulbaev"/"Yangulabev").
fn swapped(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len() != b.len() || a.len() < 5 {
        return false;
    }
    let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    matches!(diff[..], [i, j] if j == i + 1 && a[i] == b[j] && a[j] == b[i])
}

/// Whether `short` is `long` without a leading nationality or place ("LGBT Network" and
/// "Russian LGBT Network").
fn is_prefixed_form(short: &str, long: &str, demonym: &dyn Fn(&str) -> bool) -> bool {
    let (s, l) = (words(short), words(long));
    if s.len() >= l.len() || s.is_empty() {
        return false;
    }
    let extra = &l[..l.len() - s.len()];
    l[l.len() - s.len()..]
        .iter()
        .zip(&s)
        .all(|(a, b)| a.eq_ignore_ascii_case(b))
        && extra.iter().all(|w| demonym(w))
}

/// Whether the words between two names say they are one person's (lower-cased, without the
/// commas and brackets around them): "aka", "alias", "also known as", "real name", "whose real
/// name is", or a clause on the first that says it went under the second ("who travelled under
/// the name", "who lived under the false name of").
fn names_as_one(said: &str) -> bool {
    const SAME: &[&str] = &[
        "aka",
        "a.k.a.",
        "alias",
        "also known as",
        "better known as",
        "also called",
        "real name",
        "real name is",
        "whose real name is",
    ];
    if SAME.contains(&said) {
        return true;
    }
    let words: Vec<&str> = said.split_whitespace().collect();
    let under = words.iter().position(|w| *w == "under");
    let clause = matches!(words.first(), Some(&"who") | Some(&"whom"));
    under.is_some_and(|u| {
        let rest = &words[u + 1..];
        let name = matches!(
            rest,
            ["the", "name"]
                | ["the", "name", "of"]
                | ["the", "false" | "assumed" | "fake" | "alias", "name"]
                | ["the", "false" | "assumed" | "fake" | "alias", "name", "of"]
                | ["the", "alias"]
        );
        clause && name && u <= 4
    })
}

/// The key names share when they are one name: for people, each word's key; for
/// organisations, the family of a descriptive body ("chechen police") or the name without "the"
/// and a possessive; for places, their gazetteer name with each word keyed as a person's
/// ("Nizhnii Novgorod" and "Nizhny Novgorod" are one city in two romanisations). Within one
/// report, "Russian authorities" and "the Russian Government" share a key: the report speaks of
/// one body.
fn name_key(kind: EntityKind, name: &str, normalized: Option<&str>, descriptive: bool) -> String {
    let keyed = |s: &str| {
        words(s)
            .iter()
            .map(|w| key(w))
            .collect::<Vec<_>>()
            .join(" ")
    };
    match kind {
        EntityKind::Person => keyed(name),
        EntityKind::Organization => descriptive_key(name)
            .filter(|_| descriptive)
            .unwrap_or_else(|| org_key(normalized.unwrap_or(name))),
        _ => keyed(normalized.unwrap_or(name)),
    }
}

/// The key clusters share across reports: [`name_key`], except that a proper organisation name
/// never shares a key with a descriptive body ("Chechen police"), which joins only its own kind.
fn across_key(kind: EntityKind, name: &str, normalized: Option<&str>, descriptive: bool) -> String {
    let k = name_key(kind, name, normalized, descriptive);
    match kind {
        EntityKind::Organization if !descriptive => format!("name:{k}"),
        _ => k,
    }
}

/// The key of the block a cluster is compared within: persons whose surnames start with the
/// same class of sound, organisations whose names end in the same word.
fn cluster_block_key(kind: EntityKind, name: &str) -> String {
    match kind {
        EntityKind::Person => words(name).last().map(|w| block_key(w)).unwrap_or_default(),
        EntityKind::Organization => {
            let k = org_key(name);
            // "the Supreme Court (SC) of Chechnya" is compared with other courts
            let head = of_place(name).map(|(body, _)| body.to_lowercase());
            head.as_deref()
                .unwrap_or(&k)
                .split_whitespace()
                .last()
                .unwrap_or("")
                .to_string()
        }
        _ => String::new(),
    }
}

/// Resolve the mentions of all documents into entities, phase by phase: within each report,
/// across reports in blocks, acronyms, then people's merges and splits.
pub fn resolve(
    docs: &[(&Document, &Annotations)],
    decisions: &[Decision],
    demonym: &dyn Fn(&str) -> bool,
) -> (Vec<Entity>, Vec<MentionLink>) {
    let mut r = Resolver::new(docs, decisions, demonym);
    r.within_reports();
    r.across_reports();
    r.join_first_surnames();
    r.join_places_without_city();
    r.join_acronyms();
    r.join_bodies_by_first_word();
    r.merge_by_hand(decisions);
    let clusters = r.split_by_hand(decisions);
    r.entities(clusters)
}

/// The state resolution works on: every name mention as a node, the clusters they form, and
/// the contrary evidence (ages, people's keep-aparts) that forbids a merge.
struct Resolver<'a> {
    docs: &'a [(&'a Document, &'a Annotations)],
    demonym: &'a dyn Fn(&str) -> bool,
    nodes: Vec<Node>,
    dsu: Dsu,
    /// Ages read off each person node, with the month they hold at.
    ages: HashMap<usize, Vec<(u32, chrono::NaiveDate)>>,
    /// Pairs of forms (lower-case) people said to keep apart.
    apart_pairs: Vec<(String, String)>,
    /// Each node's text, lower-case.
    texts: Vec<String>,
    /// Whether a report named one person under two names ("X, aka Y").
    aliased: bool,
}

impl<'a> Resolver<'a> {
    fn new(
        docs: &'a [(&'a Document, &'a Annotations)],
        decisions: &[Decision],
        demonym: &'a dyn Fn(&str) -> bool,
    ) -> Self {
        let nodes = nodes(docs);
        let ages = ages(docs, &nodes);
        let apart_pairs = decisions
            .iter()
            .filter_map(|d| match d {
                Decision::KeepApart { a, b } => Some((a.to_lowercase(), b.to_lowercase())),
                _ => None,
            })
            .collect();
        let texts = nodes.iter().map(|n| n.text.to_lowercase()).collect();
        // a name that is a nationality and a state's body ("the Turkish authorities", "the
        // Saudi Public Prosecutor's Office") is that state's body, however the annotator found it
        let mut nodes = nodes;
        for n in nodes
            .iter_mut()
            .filter(|n| n.kind == EntityKind::Organization && !n.descriptive)
        {
            let lower = n.text.to_lowercase().replace('’', "'");
            let lower = lower.strip_prefix("the ").unwrap_or(&lower);
            let nationality = lower.split_whitespace().next().is_some_and(demonym);
            if nationality && descriptive_family(lower).is_some() {
                n.descriptive = true;
            }
        }
        Resolver {
            docs,
            demonym,
            dsu: Dsu::new(nodes.len()),
            nodes,
            ages,
            apart_pairs,
            texts,
            aliased: false,
        }
    }

    /// Two clusters whose ages cannot belong to one person (apart by more than the time
    /// between).
    fn ages_clash(&mut self, x: usize, y: usize) -> bool {
        if self.ages.is_empty() {
            return false;
        }
        let (rx, ry) = (self.dsu.find(x), self.dsu.find(y));
        let of = |r: usize| -> Vec<(u32, chrono::NaiveDate)> {
            self.dsu.members[r]
                .iter()
                .filter_map(|i| self.ages.get(i))
                .flatten()
                .copied()
                .collect()
        };
        let (ax, ay) = (of(rx), of(ry));
        ax.iter().any(|&(va, da)| {
            ay.iter().any(|&(vb, db)| {
                let years = (db - da).num_days() as f64 / 365.25;
                let diff = vb as f64 - va as f64;
                (diff - years).abs() > 1.5
            })
        })
    }

    /// Whether a keep-apart decision forbids joining the clusters of `x` and `y` (one holds one
    /// form, the other the other).
    fn kept_apart(&mut self, x: usize, y: usize) -> bool {
        if self.apart_pairs.is_empty() {
            return false;
        }
        let (rx, ry) = (self.dsu.find(x), self.dsu.find(y));
        let forms = |r: usize| -> Vec<&str> {
            self.dsu.members[r]
                .iter()
                .map(|&i| self.texts[i].as_str())
                .collect()
        };
        let (fx, fy) = (forms(rx), forms(ry));
        self.apart_pairs.iter().any(|(a, b)| {
            (fx.contains(&a.as_str()) && fy.contains(&b.as_str()))
                || (fx.contains(&b.as_str()) && fy.contains(&a.as_str()))
        })
    }

    /// The clusters as they stand: root → members.
    fn clusters(&mut self) -> BTreeMap<usize, Vec<usize>> {
        let mut m: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for i in 0..self.nodes.len() {
            let r = self.dsu.find(i);
            m.entry(r).or_default().push(i);
        }
        m
    }

    /// The reports a cluster is named in.
    fn docs_of(&mut self, r: usize) -> Vec<usize> {
        let root = self.dsu.find(r);
        let mut v: Vec<usize> = self.dsu.members[root]
            .iter()
            .map(|&i| self.nodes[i].doc)
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// Phase 1: within each report.
    fn within_reports(&mut self) {
        let mut by_doc: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (i, n) in self.nodes.iter().enumerate() {
            by_doc.entry(n.doc).or_default().push(i);
        }
        for ids in by_doc.values() {
            self.join_same_key(ids);
            self.join_lone_words(ids);
            self.join_short_forms(ids);
            self.join_shortened_names(ids);
            self.join_aliases(ids);
        }
    }

    /// A person's name shortened in one report: its first words ("Ramón Ortega" of "Ramón Ortega
    /// Salas": the given name and the first surname) or its first and last with the middle left
    /// out ("Ahmed Farag" of "Ahmed Samir Farag"), when it shortens one person's name only and
    /// its words are all names (not "Mohammed bin" of "Mohammed bin Salman"). Not its last
    /// words: "Samir Farag" may be his father.
    fn join_shortened_names(&mut self, ids: &[usize]) {
        let person = |j: usize| self.nodes[j].kind == EntityKind::Person;
        let capitalised = |w: &[&str]| {
            w.iter()
                .all(|x| x.chars().next().is_some_and(char::is_uppercase))
        };
        // each shortening (word keys) → the longer names it shortens, first holder first
        let mut shortens: HashMap<Vec<String>, (usize, HashSet<Vec<String>>)> = HashMap::new();
        for &j in ids.iter().filter(|&&j| person(j)) {
            let w = words(&self.nodes[j].text);
            if w.len() < 3 {
                continue;
            }
            let full: Vec<String> = w.iter().map(|x| key(x)).collect();
            let mut forms: Vec<Vec<String>> = (2..w.len()).map(|k| full[..k].to_vec()).collect();
            forms.push(vec![full[0].clone(), full[full.len() - 1].clone()]);
            for f in forms {
                let e = shortens.entry(f).or_insert_with(|| (j, HashSet::new()));
                e.1.insert(full.clone());
            }
        }
        let mut joins = Vec::new();
        for &i in ids.iter().filter(|&&i| person(i)) {
            let w = words(&self.nodes[i].text);
            if w.len() < 2 || !capitalised(&w) {
                continue;
            }
            let short: Vec<String> = w.iter().map(|x| key(x)).collect();
            if let Some((j, longer)) = shortens.get(&short) {
                if longer.len() == 1 {
                    joins.push((*j, i));
                }
            }
        }
        for (j, i) in joins {
            if self.dsu.find(j) == self.dsu.find(i)
                || self.kept_apart(j, i)
                || self.ages_clash(j, i)
            {
                continue;
            }
            let why = format!(
                "“{}” is “{}” shortened, in one report",
                self.nodes[i].text, self.nodes[j].text
            );
            self.dsu.union(j, i, Some(why));
        }
    }

    /// "X, aka Y", "X, alias Y", "X, also known as Y", "X (also known as Y)", "X, real name Y",
    /// "X, who travelled under the name Y": the report says the two names are one person's.
    fn join_aliases(&mut self, ids: &[usize]) {
        for w in ids.windows(2) {
            let (a, b) = (w[0], w[1]);
            if self.nodes[a].kind != EntityKind::Person || self.nodes[b].kind != EntityKind::Person
            {
                continue;
            }
            let text = &self.docs[self.nodes[a].doc].0.text;
            let (ea, sb) = (self.span(a).end, self.span(b).start);
            let Some(between) = text.get(ea..sb) else {
                continue;
            };
            let said = between
                .trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '('))
                .to_lowercase();
            if names_as_one(&said) && !self.kept_apart(a, b) {
                let why = format!(
                    "the report names them as one: “{}”",
                    &text[self.span(a).start..self.span(b).end]
                );
                self.dsu.union(a, b, Some(why));
                self.aliased = true;
            }
        }
    }

    /// Names with the same key in one report are one.
    fn join_same_key(&mut self, ids: &[usize]) {
        let mut first_of_key: HashMap<(EntityKind, String), usize> = HashMap::new();
        for &i in ids {
            let n = &self.nodes[i];
            let k = name_key(n.kind, &n.text, n.normalized.as_deref(), n.descriptive);
            match first_of_key.get(&(n.kind, k.clone())) {
                Some(&j) => {
                    self.dsu.union(j, i, None);
                }
                None => {
                    first_of_key.insert((n.kind, k), i);
                }
            }
        }
    }

    /// A lone given name or surname joins the full name before it (else after). When the
    /// report names two people with that word ("President Donald Trump and first lady Melania
    /// Trump"), the lone word is the one named first, the report's principal: news style names
    /// the other in full each time.
    fn join_lone_words(&mut self, ids: &[usize]) {
        let nodes = &self.nodes;
        // each word key of a first or last name → the full names that have it, in report order,
        // and how many different people they are (one pass: never every pair)
        struct Fulls {
            by_mention: Vec<(usize, usize)>,
            people: HashSet<Vec<String>>,
        }
        let mut index: HashMap<String, Fulls> = HashMap::new();
        for &j in ids {
            let f = words(&nodes[j].text);
            if nodes[j].kind != EntityKind::Person || f.len() < 2 {
                continue;
            }
            let person: Vec<String> = f.iter().map(|w| key(w)).collect();
            // in "Mohammed bin Salman" the last word names the father ("son of Salman"): a lone
            // "Salman" is not this person's surname
            let patronymic = casefile_names::patronymic_last(&f);
            let mut ends = vec![key(f[0])];
            if !patronymic {
                ends.push(key(f[f.len() - 1]));
            }
            // of three names or more, the one before the last may be the surname used alone:
            // the first of two surnames ("Luis Ortega Vidal", "Ortega")
            let before_last = f[f.len() - 2];
            if f.len() >= 3 && before_last.chars().next().is_some_and(char::is_uppercase) {
                ends.push(key(before_last));
            }
            // a surname of two words the first of which binds to the next ("Alaa Abd
            // El-Fattah", "Abd El-Fattah")
            if f.len() >= 3 && casefile_names::surname_particle(before_last) && !patronymic {
                ends.push(lone_key(&f[f.len() - 2..]));
            }
            ends.dedup();
            for k in ends {
                let e = index.entry(k).or_insert_with(|| Fulls {
                    by_mention: Vec::new(),
                    people: HashSet::new(),
                });
                e.by_mention.push((nodes[j].mention, j));
                e.people.insert(person.clone());
            }
        }
        for e in index.values_mut() {
            e.by_mention.sort_unstable();
        }
        for &i in ids {
            let n = &nodes[i];
            let w = words(&n.text);
            let lone = w.len() == 1 || (w.len() == 2 && casefile_names::surname_particle(w[0]));
            if n.kind != EntityKind::Person || !lone {
                continue;
            }
            let Some(full) = index.get(&lone_key(&w)) else {
                continue;
            };
            let first_named = full.by_mention.first().map(|&(_, j)| j);
            let before = match full.by_mention.partition_point(|&(m, _)| m < n.mention) {
                0 => None,
                k => Some(full.by_mention[k - 1].1),
            };
            let pick = if full.people.len() > 1 {
                first_named
            } else {
                before.or(first_named)
            };
            if let Some(j) = pick {
                self.dsu.union(j, i, None);
            }
        }
    }

    /// Organisations: "the Network" joins the organisation named before whose name ends in it;
    /// "LGBT Network" joins "Russian LGBT Network"; an acronym joins its full name.
    fn join_short_forms(&mut self, ids: &[usize]) {
        let nodes = &self.nodes;
        let org = |j: usize| nodes[j].kind == EntityKind::Organization && !nodes[j].descriptive;
        // what each longer name can be shortened to, first holder first (`ids` are in report
        // order): its last word, its acronym, and its words without a leading nationality.
        // One pass over the names, then one lookup per name: never every pair.
        let lower = |ws: &[&str]| {
            ws.iter()
                .map(|w| w.to_ascii_lowercase())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let mut by_last: HashMap<String, usize> = HashMap::new();
        let mut by_acronym: HashMap<String, usize> = HashMap::new();
        let mut by_rest: HashMap<String, usize> = HashMap::new();
        for (p, &j) in ids.iter().enumerate() {
            if !org(j) {
                continue;
            }
            let w = words(&nodes[j].text);
            if w.len() > 1 {
                by_last
                    .entry(w[w.len() - 1].to_ascii_lowercase())
                    .or_insert(p);
                for k in 1..w.len() {
                    if !w[..k].iter().all(|x| (self.demonym)(x)) {
                        break;
                    }
                    by_rest.entry(lower(&w[k..])).or_insert(p);
                }
            }
            let a = acronym(&nodes[j].text);
            if a.len() >= 3 {
                by_acronym.entry(a).or_insert(p);
            }
        }
        let mut joins = Vec::new();
        for &i in ids {
            let n = &nodes[i];
            if !org(i) {
                continue;
            }
            let w = words(&n.text);
            let single = w.len() == 1;
            let found = if single && !n.text.chars().all(|c| c.is_uppercase()) {
                // "the Network": the organisation named before whose name ends in it
                by_last
                    .get(&n.text.to_ascii_lowercase())
                    .map(|&p| ids[p])
                    .filter(|&j| nodes[j].mention < n.mention)
            } else {
                let rest = by_rest.get(&lower(&w)).copied();
                let acr = by_acronym.get(&n.text).copied();
                rest.into_iter().chain(acr).min().map(|p| ids[p])
            };
            if let Some(j) = found.filter(|&j| j != i) {
                joins.push((j, i));
            }
        }
        for (j, i) in joins {
            self.dsu.union(j, i, None);
        }
    }

    /// Phase 2: across reports, cluster against cluster within blocks (never all pairs). A
    /// cluster a report named under two names ("X, aka Y") is compared under each.
    fn across_reports(&mut self) {
        self.across_reports_as(false);
        if self.aliased {
            self.across_reports_as(true);
        }
    }

    /// One pass of [`Self::across_reports`]: each cluster under its fullest name, or, with
    /// `second`, under its fullest other name when it has one.
    fn across_reports_as(&mut self, second: bool) {
        let clusters = self.clusters();
        let mut blocks: HashMap<(EntityKind, String), Vec<usize>> = HashMap::new();
        let mut full_name: HashMap<usize, String> = HashMap::new();
        for (&r, members) in &clusters {
            // the cluster's representative: its fullest name
            let fullest = |skip: Option<&str>| {
                members
                    .iter()
                    .map(|&i| self.nodes[i].text.as_str())
                    .filter(|t| Some(*t) != skip)
                    .max_by_key(|t| (words(t).len(), t.len()))
                    .map(str::to_string)
            };
            let first = fullest(None).unwrap_or_default();
            let best = match second {
                true => fullest(Some(&first))
                    .filter(|t| words(t).len() == words(&first).len())
                    .unwrap_or(first),
                false => first,
            };
            let kind = self.nodes[r].kind;
            // a state's body is compared with its family ("Turkish authorities" with "Turkish
            // officials"), whatever word its name ends in
            let block = match descriptive_key(&best).filter(|_| self.nodes[r].descriptive) {
                Some(k) if kind == EntityKind::Organization => format!("body:{k}"),
                _ => cluster_block_key(kind, &best),
            };
            blocks.entry((kind, block)).or_default().push(r);
            full_name.insert(r, best);
        }
        let mut block_list: Vec<_> = blocks.into_iter().collect();
        block_list.sort_by(|a, b| {
            a.0 .1
                .cmp(&b.0 .1)
                .then((a.0 .0 as u8).cmp(&(b.0 .0 as u8)))
        });
        for ((kind, _), all) in block_list {
            let rs = self.merge_identical(kind, &all, &full_name);
            if kind != EntityKind::Place {
                // places merge on their gazetteer name only: the pass above
                self.merge_variants(kind, &rs, &full_name);
            }
        }
    }

    /// Identical names first, in one pass: many reports naming one person cost no pairs. Each
    /// cluster joins the first of the same key that nothing keeps apart. Returns the clusters
    /// left as representatives.
    fn merge_identical(
        &mut self,
        kind: EntityKind,
        all: &[usize],
        full_name: &HashMap<usize, String>,
    ) -> Vec<usize> {
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        let mut rs: Vec<usize> = Vec::new();
        for &r in all {
            let n = &self.nodes[r];
            let k = across_key(kind, &full_name[&r], n.normalized.as_deref(), n.descriptive);
            let reps = by_key.entry(k).or_default();
            let joined = reps.iter().copied().find(|&first| {
                !(self.kept_apart(first, r)
                    || (kind == EntityKind::Person && self.ages_clash(first, r)))
            });
            match joined {
                Some(first) => {
                    let (ra, rb) = (self.dsu.find(first), self.dsu.find(r));
                    let first_merge = self.dsu.why[ra].is_empty() && self.dsu.why[rb].is_empty();
                    let why = first_merge.then(|| {
                        format!(
                            "“{}” is named the same way in several reports",
                            full_name[&first]
                        )
                    });
                    self.dsu.union(first, r, why);
                }
                None => {
                    reps.push(r);
                    rs.push(r);
                }
            }
        }
        rs
    }

    /// Spelling variants, pair by pair within a block, each merge with its reason.
    fn merge_variants(
        &mut self,
        kind: EntityKind,
        rs: &[usize],
        full_name: &HashMap<usize, String>,
    ) {
        // name words of each representative, with their skeletons computed once
        let wk: Vec<Vec<NameWord>> = rs
            .iter()
            .map(|&r| {
                words(&full_name[&r])
                    .into_iter()
                    .map(NameWord::new)
                    .collect()
            })
            .collect();
        let mut lone_counts: HashMap<usize, usize> = HashMap::new();
        for x in 0..rs.len() {
            for y in x + 1..rs.len() {
                let (a, b) = (rs[x], rs[y]);
                if self.dsu.find(a) == self.dsu.find(b) {
                    continue;
                }
                let (na, nb) = (&full_name[&a], &full_name[&b]);
                let reason = match kind {
                    EntityKind::Person => {
                        self.person_variant(&wk, (x, y), (a, b), (na, nb), &mut lone_counts)
                    }
                    EntityKind::Organization => self.organisation_variant((a, b), (na, nb)),
                    _ => self.place_variant((a, b), (na, nb)),
                };
                let Some(reason) = reason else { continue };
                if self.kept_apart(a, b) {
                    continue;
                }
                self.dsu.union(a, b, Some(reason));
            }
        }
    }

    /// Why two person clusters are one (`x`, `y` index the block's representatives and `wk`),
    /// or None.
    fn person_variant(
        &mut self,
        wk: &[Vec<NameWord>],
        (x, y): (usize, usize),
        (a, b): (usize, usize),
        (na, nb): (&String, &String),
        lone_counts: &mut HashMap<usize, usize>,
    ) -> Option<String> {
        let (wa, wb) = (&wk[x], &wk[y]);
        let (la, lb) = (wa.last()?, wb.last()?);
        let compatible =
            words_match(la, lb) && (wa.len() == 1 || wb.len() == 1 || words_match(&wa[0], &wb[0]));
        if !compatible {
            return None;
        }
        let patronymic = |w: &[NameWord]| {
            casefile_names::patronymic_last(&w.iter().map(|n| n.raw).collect::<Vec<_>>())
        };
        if (wa.len() == 1 && patronymic(wb)) || (wb.len() == 1 && patronymic(wa)) {
            // "Salman" alone is not "Mohammed bin Salman": his father is
            return None;
        }
        if wa.len() == 1 || wb.len() == 1 {
            // a lone name merges only into a unique full name
            let lone = if wa.len() == 1 { x } else { y };
            let others = *lone_counts.entry(lone).or_insert_with(|| {
                (0..wk.len())
                    .filter(|&z| {
                        wk[z].len() >= 2 && words_match(&wk[z][wk[z].len() - 1], &wk[lone][0])
                    })
                    .count()
            });
            if others != 1 {
                return None;
            }
        }
        // ages that cannot be one person's keep them apart
        if self.ages_clash(a, b) {
            return None;
        }
        // two different people named in one report stay apart, unless one name is the other
        // with two neighbouring letters swapped (a typist's slip: "Yangulabev")
        let (da, db) = (self.docs_of(a), self.docs_of(b));
        let slip = || {
            wa.len() == wb.len()
                && wa.len() >= 2
                && wa[..wa.len() - 1]
                    .iter()
                    .zip(&wb[..wb.len() - 1])
                    .all(|(x, y)| key(x.raw) == key(y.raw))
                && swapped(&key(la.raw), &key(lb.raw))
        };
        if da.iter().any(|d| db.contains(d)) && !slip() {
            return None;
        }
        Some(if na == nb {
            format!("“{na}” is named the same way in several reports")
        } else {
            format!("“{na}” and “{nb}” are spellings of one name (same surname key, compatible given names)")
        })
    }

    /// Why two organisation clusters are one, or None.
    fn organisation_variant(
        &self,
        (a, b): (usize, usize),
        (na, nb): (&String, &String),
    ) -> Option<String> {
        let (ka, kb) = (org_key(na), org_key(nb));
        let (da, db) = (self.nodes[a].descriptive, self.nodes[b].descriptive);
        if da || db {
            let (ka, kb) = (descriptive_key(na), descriptive_key(nb));
            if !(da && db && ka.is_some() && ka == kb) {
                return None;
            }
            return Some(format!(
                "“{na}” and “{nb}” name the same body (same nationality, same kind of force)"
            ));
        }
        // "the Supreme Court of Chechnya" and "the Chechen Supreme Court"
        let of_and_demonym = |x: &str, y: &str| {
            let (body, place) = of_place(x)?;
            let y = y
                .strip_prefix("the ")
                .or_else(|| y.strip_prefix("The "))
                .unwrap_or(y);
            let (d, rest) = y.split_once(' ')?;
            let same_body = rest.eq_ignore_ascii_case(&body);
            (same_body && (self.demonym)(d) && demonym_of(d, &place)).then_some(place)
        };
        if ka == kb {
            Some(format!("“{na}” is named the same way in several reports"))
        } else if let Some(place) = of_and_demonym(na, nb).or_else(|| of_and_demonym(nb, na)) {
            Some(format!(
                "“{na}” and “{nb}” name one body: “of {place}” and the nationality before say one place"
            ))
        } else if is_prefixed_form(na, nb, self.demonym) || is_prefixed_form(nb, na, self.demonym) {
            Some(format!(
                "“{na}” and “{nb}” differ only by a nationality or place in front"
            ))
        } else if (acronym(nb).len() >= 3 && na == &acronym(nb))
            || (acronym(na).len() >= 3 && nb == &acronym(na))
        {
            Some(format!("“{na}” is the acronym of “{nb}”"))
        } else {
            None
        }
    }

    /// Why two place clusters are one (the same gazetteer name), or None.
    fn place_variant(
        &self,
        (a, b): (usize, usize),
        (na, nb): (&String, &String),
    ) -> Option<String> {
        let gazetteer = |i: usize, name: &String| {
            self.nodes[i]
                .normalized
                .clone()
                .unwrap_or_else(|| name.clone())
                .to_lowercase()
        };
        if gazetteer(a, na) != gazetteer(b, nb) {
            return None;
        }
        Some(if na == nb {
            format!("“{na}” is named the same way in several reports")
        } else {
            format!("“{na}” and “{nb}” are one place in the gazetteer")
        })
    }

    /// Phase 2b: a person named in full with two surnames in one report and with the first
    /// only in another ("Luis Ortega Vidal", "Luis Ortega") is one, when each name is the only
    /// one of its form: the names end in different words, so no block of phase 2 holds both.
    fn join_first_surnames(&mut self) {
        let clusters = self.clusters();
        let fullest = |members: &[usize]| -> Vec<String> {
            members
                .iter()
                .map(|&i| words(&self.nodes[i].text))
                .max_by_key(|w| (w.len(), w.iter().map(|x| x.len()).sum::<usize>()))
                .map(|w| w.iter().map(|x| key(x)).collect())
                .unwrap_or_default()
        };
        // the name keys of two words → their clusters; the first words of longer names → theirs
        let mut short: HashMap<Vec<String>, Vec<usize>> = HashMap::new();
        let mut long: HashMap<Vec<String>, Vec<usize>> = HashMap::new();
        for (&r, members) in &clusters {
            if self.nodes[r].kind != EntityKind::Person {
                continue;
            }
            let name = fullest(members);
            let capital_before_last = members.iter().any(|&i| {
                let w = words(&self.nodes[i].text);
                w.len() >= 3
                    && w[w.len() - 2]
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase)
            });
            match name.len() {
                2 => short.entry(name).or_default().push(r),
                3.. if capital_before_last => long
                    .entry(name[..name.len() - 1].to_vec())
                    .or_default()
                    .push(r),
                _ => {}
            }
        }
        let mut pairs: Vec<(usize, usize)> = long
            .iter()
            .filter_map(
                |(k, ls)| match (ls.as_slice(), short.get(k).map(Vec::as_slice)) {
                    (&[l], Some(&[s])) => Some((l, s)),
                    _ => None,
                },
            )
            .collect();
        pairs.sort_unstable();
        for (l, s) in pairs {
            let (dl, ds) = (self.docs_of(l), self.docs_of(s));
            if dl.iter().any(|d| ds.contains(d)) || self.kept_apart(l, s) || self.ages_clash(l, s) {
                continue;
            }
            let (rl, rs) = (self.dsu.find(l), self.dsu.find(s));
            let name = |r: usize| {
                self.dsu.members[r]
                    .iter()
                    .map(|&i| self.nodes[i].text.clone())
                    .max_by_key(|t| (words(t).len(), t.len()))
                    .unwrap_or_default()
            };
            let why = format!(
                "“{}” is “{}” without the second surname",
                name(rs),
                name(rl)
            );
            self.dsu.union(l, s, Some(why));
        }
    }

    /// Phase 2c: a place named without the city it is in joins the one place of that name
    /// the case names with its city ("the Saudi consulate" and "the Saudi consulate in
    /// Istanbul", both "Consulate of Saudi Arabia…" by name), when only one is named so: with
    /// two ("… in Istanbul", "… in Ankara"), which one is meant cannot be told.
    fn join_places_without_city(&mut self) {
        let clusters = self.clusters();
        let name_of = |members: &[usize]| -> Option<String> {
            members
                .iter()
                .find_map(|&i| self.nodes[i].normalized.clone())
                .filter(|_| self.nodes[members[0]].kind == EntityKind::Place)
        };
        let named: Vec<(usize, String)> = clusters
            .iter()
            .filter_map(|(&r, members)| Some((r, name_of(members)?)))
            .collect();
        let mut pairs = Vec::new();
        for (r, name) in &named {
            let prefix = format!("{name} in ");
            let mut with_city = named.iter().filter(|(_, other)| other.starts_with(&prefix));
            if let (Some(&(c, ref full)), None) = (with_city.next(), with_city.next()) {
                pairs.push((*r, c, format!("“{name}” is “{full}” told without its city")));
            }
        }
        for (r, c, why) in pairs {
            if !self.kept_apart(r, c) {
                self.dsu.union(r, c, Some(why));
            }
        }
    }

    /// Phase 3: acronyms across blocks ("ECHR" and "European Court of Human Rights").
    fn join_acronyms(&mut self) {
        let mut by_acronym: HashMap<String, usize> = HashMap::new();
        for (i, n) in self.nodes.iter().enumerate() {
            if n.kind == EntityKind::Organization && !n.descriptive && words(&n.text).len() >= 3 {
                let a = acronym(&n.text);
                if a.len() >= 3 {
                    by_acronym.entry(a).or_insert(i);
                }
            }
        }
        for i in 0..self.nodes.len() {
            let n = &self.nodes[i];
            if n.kind != EntityKind::Organization
                || words(&n.text).len() != 1
                || !n.text.chars().all(|c| c.is_uppercase())
            {
                continue;
            }
            let Some(&j) = by_acronym.get(&n.text) else {
                continue;
            };
            if self.dsu.find(i) != self.dsu.find(j) && !self.kept_apart(i, j) {
                let why = format!(
                    "“{}” is the acronym of “{}”",
                    self.nodes[i].text, self.nodes[j].text
                );
                self.dsu.union(j, i, Some(why));
            }
        }
    }

    /// Phase 3b: a body named by the first word of its name, speaking in a report that never
    /// names it in full, which the annotator read there as a person ("Viasna said", of "the
    /// Viasna Human Rights Centre" in another report): the body, when the word is no word of
    /// any person's name the case gives in full and its cluster holds only that lone word.
    fn join_bodies_by_first_word(&mut self) {
        let mut first_words: HashMap<String, usize> = HashMap::new();
        let mut person_words: HashSet<String> = HashSet::new();
        for (i, n) in self.nodes.iter().enumerate() {
            let w = words(&n.text);
            if n.kind == EntityKind::Organization && !n.descriptive && w.len() >= 2 {
                first_words.entry(key(w[0])).or_insert(i);
            }
            if n.kind == EntityKind::Person && w.len() >= 2 {
                person_words.extend(w.iter().map(|x| key(x)));
            }
        }
        for i in 0..self.nodes.len() {
            let w = words(&self.nodes[i].text);
            if self.nodes[i].kind != EntityKind::Person || w.len() != 1 {
                continue;
            }
            let k = key(w[0]);
            let Some(&j) = first_words.get(&k).filter(|_| !person_words.contains(&k)) else {
                continue;
            };
            let r = self.dsu.find(i);
            let members = self.dsu.members[r].clone();
            let lone = members.iter().all(|&m| {
                self.nodes[m].kind == EntityKind::Person && words(&self.nodes[m].text).len() == 1
            });
            if !lone || self.kept_apart(i, j) {
                continue;
            }
            for m in members {
                self.nodes[m].kind = EntityKind::Organization;
            }
            let why = format!(
                "“{}” is the first word of “{}”, a body's name, and of no person's",
                self.nodes[i].text, self.nodes[j].text
            );
            self.dsu.union(j, i, Some(why));
        }
    }

    /// Phase 4: people's merges, which win over the machine.
    fn merge_by_hand(&mut self, decisions: &[Decision]) {
        for d in decisions {
            let Decision::Merge { a, b } = d else {
                continue;
            };
            let find_node = |name: &str| {
                self.nodes.iter().position(|n| {
                    n.text.eq_ignore_ascii_case(name)
                        || n.normalized
                            .as_deref()
                            .is_some_and(|x| x.eq_ignore_ascii_case(name))
                })
            };
            if let (Some(x), Some(y)) = (find_node(a), find_node(b)) {
                self.dsu
                    .union(x, y, Some(format!("merged by hand: “{a}” and “{b}”")));
            }
        }
    }

    /// Phase 5: the final clusters, with people's splits taking mentions out of the cluster
    /// they ended in.
    fn split_by_hand(&mut self, decisions: &[Decision]) -> BTreeMap<usize, Vec<usize>> {
        let mut clusters = self.clusters();
        for d in decisions {
            let Decision::Split { entity, mentions } = d else {
                continue;
            };
            let matched: Vec<usize> = (0..self.nodes.len())
                .filter(|&i| mentions.contains(&self.span(i)))
                .collect();
            let Some(&first) = matched.first() else {
                continue;
            };
            for members in clusters.values_mut() {
                members.retain(|i| !matched.contains(i));
            }
            clusters.retain(|_, m| !m.is_empty());
            self.dsu.why[first] = vec![format!("split by hand out of “{entity}”")];
            clusters.insert(first, matched);
        }
        clusters
    }

    fn span(&self, i: usize) -> Span {
        let n = &self.nodes[i];
        self.docs[n.doc].1.mentions[n.mention].span.clone()
    }

    /// The entities, in the order they are first named, and the link of every mention.
    fn entities(&self, clusters: BTreeMap<usize, Vec<usize>>) -> (Vec<Entity>, Vec<MentionLink>) {
        let mut entities = Vec::new();
        let mut links = Vec::new();
        let mut used_ids: HashMap<String, usize> = HashMap::new();
        let mut ordered: Vec<(usize, Vec<usize>)> = clusters.into_iter().collect();
        ordered.sort_by_key(|(_, m)| {
            m.iter()
                .map(|&i| (self.nodes[i].doc, self.nodes[i].mention))
                .min()
        });
        for (r, members) in ordered {
            let kind = self.nodes[r].kind;
            let name = self.preferred_name(kind, &members);
            let id = entity_id(kind, &name, &mut used_ids);
            for &i in &members {
                links.push(MentionLink {
                    doc: self.docs[self.nodes[i].doc].0.id.clone(),
                    mention: self.nodes[i].mention,
                    entity: id.clone(),
                });
            }
            let mut aliases: Vec<String> = members
                .iter()
                .map(|&i| self.nodes[i].text.clone())
                .filter(|t| t != &name)
                .collect();
            aliases.sort();
            aliases.dedup();
            let mut mentions: Vec<Span> = members.iter().map(|&i| self.span(i)).collect();
            mentions.sort();
            let (roles, attributes) = self.attributes(&members);
            entities.push(Entity {
                protected: false,
                id,
                kind,
                name,
                aliases,
                roles,
                attributes,
                mentions,
                merges: self.dsu.why[r].clone(),
                notes: Vec::new(),
            });
        }
        (entities, links)
    }

    /// The preferred name: the most used full form, then the one in most reports, then the
    /// longest.
    fn preferred_name(&self, kind: EntityKind, members: &[usize]) -> String {
        let mut forms: BTreeMap<String, (usize, Vec<usize>)> = BTreeMap::new();
        for &i in members {
            let n = &self.nodes[i];
            let form = match kind {
                EntityKind::Place => n.normalized.clone().unwrap_or_else(|| n.text.clone()),
                EntityKind::Organization => n.text.trim_start_matches("the ").to_string(),
                _ => n.text.clone(),
            };
            let e = forms.entry(form).or_default();
            e.0 += 1;
            e.1.push(n.doc);
        }
        let max_words = forms.keys().map(|f| words(f).len()).max().unwrap_or(1);
        forms
            .iter()
            .filter(|(f, _)| kind != EntityKind::Person || words(f).len() == max_words)
            .max_by_key(|(f, (n, ds))| {
                let mut d = ds.clone();
                d.dedup();
                (d.len(), *n, f.len())
            })
            .map(|(f, _)| f.clone())
            .unwrap_or_default()
    }

    /// The roles and attributes the annotator read off a cluster's mentions, each attribute
    /// once with all its sources.
    fn attributes(&self, members: &[usize]) -> (Vec<String>, Vec<EntityAttribute>) {
        let mut roles: Vec<String> = Vec::new();
        let mut attributes: Vec<EntityAttribute> = Vec::new();
        for &i in members {
            let ann = self.docs[self.nodes[i].doc].1;
            for a in ann
                .attributes
                .iter()
                .filter(|a| a.mention == self.nodes[i].mention)
            {
                if a.name == "role" && !roles.contains(&a.value) {
                    roles.push(a.value.clone());
                }
                match attributes
                    .iter_mut()
                    .find(|x| x.name == a.name && x.value == a.value && x.as_of == a.as_of)
                {
                    Some(x) => {
                        if !x.sources.contains(&a.span) {
                            x.sources.push(a.span.clone());
                        }
                    }
                    None => attributes.push(EntityAttribute {
                        name: a.name.clone(),
                        value: a.value.clone(),
                        as_of: a.as_of.clone(),
                        sources: vec![a.span.clone()],
                    }),
                }
            }
        }
        (roles, attributes)
    }
}

/// Every person, organisation and place mention of every report, as a node.
fn nodes(docs: &[(&Document, &Annotations)]) -> Vec<Node> {
    let mut nodes = Vec::new();
    for (di, (_, ann)) in docs.iter().enumerate() {
        for (mi, m) in ann.mentions.iter().enumerate() {
            if matches!(
                m.kind,
                EntityKind::Person | EntityKind::Organization | EntityKind::Place
            ) {
                // "the court" read as the court the report named stands for that name
                let text = match &m.normalized {
                    Some(n) if m.is_anaphor() => n.clone(),
                    _ => m.text.clone(),
                };
                nodes.push(Node {
                    doc: di,
                    mention: mi,
                    kind: m.kind,
                    text,
                    normalized: m.normalized.clone(),
                    descriptive: m.source == "descriptive",
                });
            }
        }
    }
    one_sense_per_case(docs, &mut nodes);
    nodes
}

/// One sense per case: a name written the same way in several reports is one kind of thing, the
/// kind its surer readings across the reports give it, as within one report (a tagger's guess of
/// "place" for "Free Voice", which another report calls "the news site Free Voice", is the
/// outlet). Only a clear winner settles it (`casefile_names::clear_sense`). A mention
/// that stands for a name ("the court") weighs nothing, and takes the kind the name settles.
fn one_sense_per_case(docs: &[(&Document, &Annotations)], nodes: &mut [Node]) {
    let mention = |n: &Node| &docs[n.doc].1.mentions[n.mention];
    let mut readings: HashMap<String, Vec<(EntityKind, f32)>> = HashMap::new();
    for n in nodes.iter().filter(|n| !mention(n).is_anaphor()) {
        readings
            .entry(n.text.clone())
            .or_default()
            .push((n.kind, mention(n).confidence));
    }
    let settled: HashMap<String, EntityKind> = readings
        .into_iter()
        .filter_map(|(text, r)| casefile_names::clear_sense(r).map(|k| (text, k)))
        .collect();
    for n in nodes.iter_mut() {
        if let Some(&kind) = settled.get(&n.text) {
            n.kind = kind;
        }
    }
}

/// Ages read off each person node, with the month they hold at: contrary evidence.
fn ages(
    docs: &[(&Document, &Annotations)],
    nodes: &[Node],
) -> HashMap<usize, Vec<(u32, chrono::NaiveDate)>> {
    let mut ages: HashMap<usize, Vec<(u32, chrono::NaiveDate)>> = HashMap::new();
    for (i, n) in nodes.iter().enumerate() {
        if n.kind != EntityKind::Person {
            continue;
        }
        for a in docs[n.doc]
            .1
            .attributes
            .iter()
            .filter(|a| a.mention == n.mention && a.name == "age")
        {
            if let (Ok(v), Some((d, _))) = (
                a.value.parse::<u32>(),
                a.as_of.as_ref().and_then(|x| x.range()),
            ) {
                ages.entry(i).or_default().push((v, d));
            }
        }
    }
    ages
}

/// A stable id from the kind and name ("person-salekh-magamadov"), numbered when taken.
fn entity_id(kind: EntityKind, name: &str, used: &mut HashMap<String, usize>) -> String {
    let slug: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let prefix = match kind {
        EntityKind::Person => "person",
        EntityKind::Organization => "org",
        EntityKind::Place => "place",
        EntityKind::Group => "group",
        EntityKind::Other => "other",
    };
    let base = format!("{prefix}-{slug}");
    let n = used.entry(base.clone()).or_insert(0);
    *n += 1;
    if *n == 1 {
        base
    } else {
        format!("{base}-{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use casefile_model::{Attribute, DateValue, Mention, Span};

    #[test]
    fn a_swap_of_two_letters_is_a_slip() {
        assert!(swapped("Yangulbaev", "Yangulabev"));
        assert!(!swapped("Yangulbaev", "Yangulbaev"));
        assert!(!swapped("Isaev", "Isaeva"));
        assert!(!swapped("Magamadov", "Magamedov"));
        assert!(!swapped("Abcde", "Badce"), "two swaps");
    }

    /// "The Supreme Court (SC) of Chechnya" is "the Chechen Supreme Court"; not another body,
    /// nor another place's.
    #[test]
    fn a_body_of_a_place_is_the_body_with_its_nationality() {
        assert_eq!(
            of_place("the Supreme Court (SC) of Chechnya"),
            Some(("Supreme Court".to_string(), "Chechnya".to_string()))
        );
        assert_eq!(of_place("Ministry of justice"), None);
        assert!(demonym_of("Chechen", "Chechnya"));
        assert!(demonym_of("Turkish", "Turkey"));
        assert!(!demonym_of("Russian", "Chechnya"));
        let demonym = |w: &str| ["Chechen", "Russian"].contains(&w);
        let docs = one_name_each(&[
            (
                "the Supreme Court (SC) of Chechnya",
                EntityKind::Organization,
            ),
            ("the Chechen Supreme Court", EntityKind::Organization),
            ("the Russian Supreme Court", EntityKind::Organization),
        ]);
        let refs: Vec<(&Document, &Annotations)> = docs.iter().map(|(d, a)| (d, a)).collect();
        let (entities, _) = resolve(&refs, &[], &demonym);
        let names: Vec<usize> = entities.iter().map(|e| e.mentions.len()).collect();
        assert_eq!(entities.len(), 2, "{entities:#?}");
        assert!(names.contains(&2), "{names:?}");
    }

    /// One report per name, each holding only that name (from its first capital letter) as a
    /// mention of the kind given.
    fn one_name_each(names: &[(&str, EntityKind)]) -> Vec<(Document, Annotations)> {
        names
            .iter()
            .enumerate()
            .map(|(i, &(name, kind))| {
                let d = Document::from_text(format!("d{i}"), format!("d{i}.txt"), name);
                let start = name.find(|c: char| c.is_uppercase()).unwrap_or(0);
                let m = Mention {
                    span: d.span(start, name.len()),
                    text: name[start..].to_string(),
                    kind,
                    normalized: None,
                    source: "test".into(),
                    confidence: 1.0,
                    in_country: None,
                };
                let a = Annotations {
                    doc: d.id.clone(),
                    mentions: vec![m],
                    ..Default::default()
                };
                (d, a)
            })
            .collect()
    }

    /// A name read as one kind in most reports and another in one is the kind its readings
    /// clearly give it; with no clear winner, each reading stands.
    #[test]
    fn a_name_is_one_kind_of_thing_across_reports() {
        let kinds = |names: &[(&str, EntityKind)]| {
            let docs = one_name_each(names);
            let refs: Vec<(&Document, &Annotations)> = docs.iter().map(|(d, a)| (d, a)).collect();
            let mut kinds: Vec<(EntityKind, usize)> = resolve(&refs, &[], &|_| false)
                .0
                .into_iter()
                .map(|e| (e.kind, e.mentions.len()))
                .collect();
            kinds.sort();
            kinds
        };
        let (org, place) = (EntityKind::Organization, EntityKind::Place);
        assert_eq!(
            kinds(&[
                ("Free Voice", org),
                ("Free Voice", org),
                ("Free Voice", place)
            ]),
            [(org, 3)]
        );
        assert_eq!(
            kinds(&[("Free Voice", org), ("Free Voice", place)]),
            [(org, 1), (place, 1)]
        );
    }

    /// A body's first word read as a person in a report that never names the body in full is
    /// the body; a person's surname that opens a body's name stays the person.
    #[test]
    fn a_body_named_by_its_first_word_elsewhere_is_the_body() {
        let build = |names: &[(&str, EntityKind)], decisions: &[Decision]| {
            let docs = one_name_each(names);
            let refs: Vec<(&Document, &Annotations)> = docs.iter().map(|(d, a)| (d, a)).collect();
            resolve(&refs, decisions, &|_| false)
                .0
                .into_iter()
                .map(|e| (e.kind, e.mentions.len()))
                .collect::<Vec<_>>()
        };
        let body = build(
            &[
                ("Viasna Human Rights Centre", EntityKind::Organization),
                ("Viasna", EntityKind::Person),
            ],
            &[],
        );
        assert_eq!(body, [(EntityKind::Organization, 2)]);
        // (kept apart from the full name by a person's decision, the lone surname is still
        // no body)
        let person = build(
            &[
                ("Navalny Foundation", EntityKind::Organization),
                ("Alexei Navalny", EntityKind::Person),
                ("Navalny", EntityKind::Person),
            ],
            &[Decision::KeepApart {
                a: "Navalny".into(),
                b: "Alexei Navalny".into(),
            }],
        );
        assert_eq!(
            person
                .iter()
                .filter(|(k, _)| *k == EntityKind::Person)
                .count(),
            2,
            "{person:?}"
        );
    }

    #[test]
    fn descriptive_bodies_are_one_only_with_the_same_nationality_and_kind() {
        let same = [
            ("Chechen police", "Chechen law enforcement", true),
            ("Chechen authorities", "Chechen officials", true),
            ("Chechen police", "Chechen officials", false),
            ("Turkish prosecutors", "Saudi prosecutors", false),
            ("Turkish prosecutors", "Turkish investigators", false),
            ("Turkish prosecutors", "Turkish prosecutors", true),
            ("the Turkish authorities", "Turkish officials", true),
            (
                "Saudi prosecutors",
                "the Saudi Public Prosecutor’s Office",
                true,
            ),
            ("Saudi prosecutors", "The Saudi attorney general", true),
            (
                "Saudi prosecutors",
                "Turkish Public Prosecutor's Office",
                false,
            ),
        ];
        for (a, b, one) in same {
            assert_eq!(descriptive_key(a) == descriptive_key(b), one, "{a} / {b}");
        }
    }

    fn doc(id: &str, published: &str) -> Document {
        let published = Some(DateValue::day(
            chrono::NaiveDate::parse_from_str(published, "%Y-%m-%d").unwrap(),
        ));
        Document {
            published,
            ..Document::from_text(id, format!("{id}.txt"), "")
        }
    }

    fn ann(id: &str, name: &str, age: u32, as_of: DateValue) -> Annotations {
        Annotations {
            doc: id.into(),
            mentions: vec![Mention {
                span: Span::new(id, 0, name.len()),
                text: name.into(),
                kind: EntityKind::Person,
                normalized: None,
                source: "t".into(),
                confidence: 1.0,
                in_country: None,
            }],
            attributes: vec![Attribute {
                mention: 0,
                name: "age".into(),
                value: age.to_string(),
                as_of: Some(as_of),
                span: Span::new(id, 0, 1),
            }],
            ..Default::default()
        }
    }

    fn persons(a: (&str, u32, &str), b: (&str, u32, &str)) -> usize {
        let (d1, d2) = (doc("d1", a.2), doc("d2", b.2));
        let m = |d: &str| DateValue::month(d[0..4].parse().unwrap(), d[5..7].parse().unwrap());
        let (a1, a2) = (ann("d1", a.0, a.1, m(a.2)), ann("d2", b.0, b.1, m(b.2)));
        let (ents, _) = resolve(&[(&d1, &a1), (&d2, &a2)], &[], &|_| false);
        ents.iter().filter(|e| e.kind == EntityKind::Person).count()
    }

    #[test]
    fn ages_are_contrary_evidence() {
        // one name, ages 20 and 45 in the same month: two people
        assert_eq!(
            persons(
                ("Oleg Marchenko", 20, "2024-03-01"),
                ("Oleg Marchenko", 45, "2024-03-20")
            ),
            2
        );
        // 17, then 18 three months later: one person
        assert_eq!(
            persons(
                ("Oleg Marchenko", 17, "2024-02-01"),
                ("Oleg Marchenko", 18, "2024-05-01")
            ),
            1
        );
        // spelling variants with compatible ages merge
        assert_eq!(
            persons(
                ("Oleg Marchenko", 30, "2024-02-01"),
                ("Oleg Martchenko", 30, "2024-05-01")
            ),
            1
        );
    }

    /// Resolve reports given as lists of names (each with its kind, placed one after another in
    /// the report's text) and return the entities as sorted lists of the forms they gather.
    fn groups(reports: &[&[(&str, EntityKind)]], decisions: &[Decision]) -> Vec<Vec<String>> {
        let docs: Vec<Document> = (0..reports.len())
            .map(|i| doc(&format!("d{i}"), "2024-03-01"))
            .collect();
        let anns: Vec<Annotations> = reports
            .iter()
            .enumerate()
            .map(|(i, names)| {
                let id = format!("d{i}");
                let mut at = 0;
                let mentions = names
                    .iter()
                    .map(|(text, kind)| {
                        // "text=normalised name"
                        let (text, normalized) = text
                            .split_once('=')
                            .map_or((*text, None), |(t, n)| (t, Some(n.to_string())));
                        let span = Span::new(id.as_str(), at, at + text.len());
                        at += text.len() + 1;
                        Mention {
                            span,
                            text: text.to_string(),
                            kind: *kind,
                            normalized,
                            source: "t".into(),
                            confidence: 1.0,
                            in_country: None,
                        }
                    })
                    .collect();
                Annotations {
                    doc: id,
                    mentions,
                    ..Default::default()
                }
            })
            .collect();
        let pairs: Vec<(&Document, &Annotations)> = docs.iter().zip(&anns).collect();
        let demonym = |w: &str| matches!(w, "Russian" | "Chechen");
        let (ents, _) = resolve(&pairs, decisions, &demonym);
        let mut out: Vec<Vec<String>> = ents
            .iter()
            .map(|e| {
                let mut forms: Vec<String> = e.aliases.clone();
                forms.push(e.name.clone());
                forms.sort();
                forms
            })
            .collect();
        out.sort();
        out
    }

    const P: EntityKind = EntityKind::Person;
    const O: EntityKind = EntityKind::Organization;
    const L: EntityKind = EntityKind::Place;

    /// A person's name where it first stands in `text`, the text of `d`.
    fn person(d: &Document, text: &str, name: &str) -> Mention {
        let at = text.find(name).unwrap();
        Mention {
            span: d.span(at, at + name.len()),
            text: name.to_string(),
            kind: P,
            normalized: None,
            source: "t".into(),
            confidence: 1.0,
            in_country: None,
        }
    }

    /// "X, aka Y" and its kin name one person twice; two people named side by side stay two.
    #[test]
    fn a_report_that_says_two_names_are_one_joins_them() {
        for (text, one) in [
            (
                "He cited Zarema Yangulbayeva, aka Zarema Musayeva, a mother.",
                true,
            ),
            (
                "He cited Tornike Kavtarashvili, alias Zelimkhan Khangoshvili, in court.",
                true,
            ),
            (
                "He cited Tornike Kavtarashvili (also known as Zelimkhan Khangoshvili).",
                true,
            ),
            (
                "He cited Zarema Yangulbayeva and Zarema Musayeva together.",
                false,
            ),
            (
                "The court found that Zarema Yangulbayeva, who travelled under the name Zarema Musayeva, acted alone.",
                true,
            ),
            (
                "He cited Zarema Yangulbayeva (real name Zarema Musayeva).",
                true,
            ),
            // a name someone else went under is no alias of the one who found it out
            (
                "Zarema Yangulbayeva said Zarema Musayeva travelled under the name Anna.",
                false,
            ),
        ] {
            let d = Document::from_text("d", "d.txt", text);
            let names: Vec<&str> = [
                "Zarema Yangulbayeva",
                "Zarema Musayeva",
                "Tornike Kavtarashvili",
                "Zelimkhan Khangoshvili",
            ]
            .into_iter()
            .filter(|n| text.contains(n))
            .collect();
            let mentions = names.iter().map(|n| person(&d, text, n)).collect();
            let a = Annotations {
                doc: "d".into(),
                mentions,
                ..Default::default()
            };
            let (ents, _) = resolve(&[(&d, &a)], &[], &|_: &str| false);
            assert_eq!(ents.len() == 1, one, "{text}: {ents:?}");
        }
        // and another report's spelling of the second name joins them too
        let text = "He cited Zarema Yangulbayeva, aka Zarema Musayeva, a mother.";
        let other = "Zarema Musaeva was sentenced.";
        let (d0, d1) = (
            Document::from_text("d0", "d0.txt", text),
            Document::from_text("d1", "d1.txt", other),
        );
        let a0 = Annotations {
            doc: "d0".into(),
            mentions: vec![
                person(&d0, text, "Zarema Yangulbayeva"),
                person(&d0, text, "Zarema Musayeva"),
            ],
            ..Default::default()
        };
        let a1 = Annotations {
            doc: "d1".into(),
            mentions: vec![person(&d1, other, "Zarema Musaeva")],
            ..Default::default()
        };
        let (ents, _) = resolve(&[(&d0, &a0), (&d1, &a1)], &[], &|_: &str| false);
        assert_eq!(ents.len(), 1, "{ents:?}");
    }

    #[test]
    fn merge_rules() {
        type Case<'a> = (&'a [&'a [(&'a str, EntityKind)]], &'a [&'a [&'a str]]);
        let cases: &[Case] = &[
            // two romanisations of one name, in two reports
            (
                &[&[("Salekh Magamadov", P)], &[("Salekh Magamedov", P)]],
                &[&["Salekh Magamadov", "Salekh Magamedov"]],
            ),
            // one surname, two given names: father and son stay apart
            (
                &[&[("Ismail Isaev", P)], &[("Sayputy Isaev", P)]],
                &[&["Ismail Isaev"], &["Sayputy Isaev"]],
            ),
            // a lone surname joins the one full name it can belong to
            (
                &[&[("Ismail Isayev", P)], &[("Isayev", P)]],
                &[&["Isayev", "Ismail Isayev"]],
            ),
            // but not when two people of that surname are named
            (
                &[
                    &[("Ismail Isayev", P)],
                    &[("Sayputy Isayev", P)],
                    &[("Isayev", P)],
                ],
                &[&["Isayev"], &["Ismail Isayev"], &["Sayputy Isayev"]],
            ),
            // within a report, the lone surname joins the full name before it
            (
                &[&[("Ismail Isayev", P), ("Isayev", P)]],
                &[&["Isayev", "Ismail Isayev"]],
            ),
            // a surname of two words, its first binding to the next, is used alone as one is;
            // not a given name and a surname (the name of another man)
            (
                &[&[("Alaa Abd El-Fattah", P), ("Abd El-Fattah", P)]],
                &[&["Abd El-Fattah", "Alaa Abd El-Fattah"]],
            ),
            (
                &[&[("Alaa Abd El-Fattah", P), ("Abdel Fattah al-Sisi", P)]],
                &[&["Abdel Fattah al-Sisi"], &["Alaa Abd El-Fattah"]],
            ),
            (
                &[&[("Ahmed Samir Farag", P), ("Samir Farag", P)]],
                &[&["Ahmed Samir Farag"], &["Samir Farag"]],
            ),
            // two people of one surname in a report: the lone surname is the one named first,
            // not the one named nearest
            (
                &[&[("Donald Trump", P), ("Melania Trump", P), ("Trump", P)]],
                &[&["Donald Trump", "Trump"], &["Melania Trump"]],
            ),
            // two surnames in one report, the first only in another; and the first used
            // alone beside the full name
            (
                &[
                    &[("Luis Ortega Vidal", P), ("Ortega", P)],
                    &[("Luis Ortega", P)],
                ],
                &[&["Luis Ortega", "Luis Ortega Vidal", "Ortega"]],
            ),
            // but not a name that is another's given names ("Mohammed bin Salman")
            (
                &[&[("Mohammed bin Salman", P)], &[("Mohammed bin", P)]],
                &[&["Mohammed bin"], &["Mohammed bin Salman"]],
            ),
            // within a report, a name shortened to its first words or to its first and last
            // is one person; not to its last words, nor to words that are not all names
            (
                &[&[
                    ("Ramón Ortega", P),
                    ("Ramón Ortega Salas", P),
                    ("Ahmed Samir Farag", P),
                    ("Ahmed Farag", P),
                    ("Samir Farag", P),
                ]],
                &[
                    &["Ahmed Farag", "Ahmed Samir Farag"],
                    &["Ramón Ortega", "Ramón Ortega Salas"],
                    &["Samir Farag"],
                ],
            ),
            (
                &[&[("Mohammed bin Salman", P), ("Mohammed bin", P)]],
                &[&["Mohammed bin"], &["Mohammed bin Salman"]],
            ),
            // a shortening two people's names share is neither's
            (
                &[&[
                    ("Ahmed Samir Farag", P),
                    ("Ahmed Karim Farag", P),
                    ("Ahmed Farag", P),
                ]],
                &[
                    &["Ahmed Farag"],
                    &["Ahmed Karim Farag"],
                    &["Ahmed Samir Farag"],
                ],
            ),
            // an organisation with and without a nationality in front
            (
                &[&[("Russian LGBT Network", O)], &[("LGBT Network", O)]],
                &[&["LGBT Network", "Russian LGBT Network"]],
            ),
            // an acronym and its full name
            (
                &[&[("European Court of Human Rights", O)], &[("ECHR", O)]],
                &[&["ECHR", "European Court of Human Rights"]],
            ),
            // a place named without its city joins the one named with it
            (
                &[
                    &[("Saudi consulate=Consulate of Saudi Arabia", L)],
                    &[(
                        "Saudi consulate in Istanbul=Consulate of Saudi Arabia in Istanbul",
                        L,
                    )],
                ],
                &[&[
                    "Consulate of Saudi Arabia in Istanbul",
                    "Saudi consulate",
                    "Saudi consulate in Istanbul",
                ]],
            ),
            // but not one of two, in two cities
            (
                &[
                    &[("Turkish embassy=Embassy of Turkey", L)],
                    &[("Turkish embassy in Berlin=Embassy of Turkey in Berlin", L)],
                    &[("Turkish embassy in Paris=Embassy of Turkey in Paris", L)],
                ],
                &[
                    &["Embassy of Turkey", "Turkish embassy"],
                    &["Embassy of Turkey in Berlin", "Turkish embassy in Berlin"],
                    &["Embassy of Turkey in Paris", "Turkish embassy in Paris"],
                ],
            ),
        ];
        for (reports, want) in cases {
            let want: Vec<Vec<String>> = want
                .iter()
                .map(|g| g.iter().map(|s| s.to_string()).collect())
                .collect();
            assert_eq!(groups(reports, &[]), want, "{reports:?}");
        }
    }

    #[test]
    fn people_decide_last() {
        let variants: &[&[(&str, EntityKind)]] =
            &[&[("Salekh Magamadov", P)], &[("Salekh Magamedov", P)]];
        let apart = [Decision::KeepApart {
            a: "Salekh Magamadov".into(),
            b: "Salekh Magamedov".into(),
        }];
        assert_eq!(
            groups(variants, &apart),
            [
                vec!["Salekh Magamadov".to_string()],
                vec!["Salekh Magamedov".to_string()]
            ]
        );
        let two: &[&[(&str, EntityKind)]] = &[&[("Oleg Marchenko", P)], &[("Pavel Ostrov", P)]];
        let merge = [Decision::Merge {
            a: "Oleg Marchenko".into(),
            b: "Pavel Ostrov".into(),
        }];
        assert_eq!(groups(two, &merge).len(), 1);
    }
}
