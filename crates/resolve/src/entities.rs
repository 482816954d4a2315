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
//! 3. Manual decisions (merge, keep apart) are applied last, and win.
//!
//! Every merge leaves a line of explanation on the entity.

use std::collections::{BTreeMap, HashMap};

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
/// are one body; "Chechen authorities" and "Chechen officials" another.
fn descriptive_key(s: &str) -> Option<String> {
    let lower = s.to_lowercase();
    let demonym = lower.split_whitespace().next()?.to_string();
    let family = if [
        "police",
        "law enforcement",
        "security services",
        "security forces",
    ]
    .iter()
    .any(|h| lower.ends_with(h))
    {
        "police"
    } else if ["authorities", "officials", "government"]
        .iter()
        .any(|h| lower.ends_with(h))
    {
        "government"
    } else {
        return None;
    };
    Some(format!("{demonym} {family}"))
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

/// Resolve the mentions of all documents into entities.
pub fn resolve(
    docs: &[(&Document, &Annotations)],
    decisions: &[Decision],
    demonym: &dyn Fn(&str) -> bool,
) -> (Vec<Entity>, Vec<MentionLink>) {
    let mut nodes = Vec::new();
    for (di, (_, ann)) in docs.iter().enumerate() {
        for (mi, m) in ann.mentions.iter().enumerate() {
            if matches!(
                m.kind,
                EntityKind::Person | EntityKind::Organization | EntityKind::Place
            ) {
                nodes.push(Node {
                    doc: di,
                    mention: mi,
                    kind: m.kind,
                    text: m.text.clone(),
                    normalized: m.normalized.clone(),
                    descriptive: m.source == "descriptive",
                });
            }
        }
    }
    let mut dsu = Dsu::new(nodes.len());

    // 1. within each document
    let mut by_doc: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, n) in nodes.iter().enumerate() {
        by_doc.entry(n.doc).or_default().push(i);
    }
    for ids in by_doc.values() {
        let mut first_of_key: HashMap<(EntityKind, String), usize> = HashMap::new();
        for &i in ids {
            let n = &nodes[i];
            let k = match n.kind {
                EntityKind::Person => words(&n.text)
                    .iter()
                    .map(|w| key(w))
                    .collect::<Vec<_>>()
                    .join(" "),
                EntityKind::Organization => descriptive_key(&n.text)
                    .filter(|_| n.descriptive)
                    .unwrap_or_else(|| org_key(&n.text)),
                _ => n
                    .normalized
                    .clone()
                    .unwrap_or_else(|| n.text.clone())
                    .to_lowercase(),
            };
            match first_of_key.get(&(n.kind, k.clone())) {
                Some(&j) => {
                    dsu.union(j, i, None);
                }
                None => {
                    first_of_key.insert((n.kind, k), i);
                }
            }
        }
        // lone words join the nearest full name before them (else after)
        for &i in ids {
            let n = &nodes[i];
            if n.kind != EntityKind::Person || words(&n.text).len() != 1 {
                continue;
            }
            let w = n.text.as_str();
            let full: Vec<usize> = ids
                .iter()
                .copied()
                .filter(|&j| {
                    let f = words(&nodes[j].text);
                    nodes[j].kind == EntityKind::Person
                        && f.len() >= 2
                        && (key(f[f.len() - 1]) == key(w) || key(f[0]) == key(w))
                })
                .collect();
            let before = full
                .iter()
                .copied()
                .rfind(|&j| nodes[j].mention < n.mention);
            if let Some(j) = before.or(full.first().copied()) {
                dsu.union(j, i, None);
            }
        }
        // organisations: short forms and head words within the report
        for &i in ids {
            let n = &nodes[i];
            if n.kind != EntityKind::Organization || n.descriptive {
                continue;
            }
            let single = words(&n.text).len() == 1;
            for &j in ids {
                let m = &nodes[j];
                if j == i || m.kind != EntityKind::Organization || m.descriptive {
                    continue;
                }
                let joins = if single && !n.text.chars().all(|c| c.is_uppercase()) {
                    // "the Network" → the organisation whose name ends in "Network"
                    words(&m.text).len() > 1
                        && words(&m.text)
                            .last()
                            .is_some_and(|l| l.eq_ignore_ascii_case(&n.text))
                        && m.mention < n.mention
                } else {
                    is_prefixed_form(&n.text, &m.text, demonym)
                        || (acronym(&m.text).len() >= 3 && n.text == acronym(&m.text))
                };
                if joins {
                    dsu.union(j, i, None);
                    break;
                }
            }
        }
    }

    // ages read off each person mention, with the month they hold at: contrary evidence
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
    // two clusters whose ages cannot belong to one person (apart by more than the time between)
    let ages_clash = |dsu: &mut Dsu, x: usize, y: usize| -> bool {
        if ages.is_empty() {
            return false;
        }
        let (rx, ry) = (dsu.find(x), dsu.find(y));
        let ax: Vec<(u32, chrono::NaiveDate)> = dsu.members[rx]
            .iter()
            .filter_map(|i| ages.get(i))
            .flatten()
            .copied()
            .collect();
        let ay: Vec<(u32, chrono::NaiveDate)> = dsu.members[ry]
            .iter()
            .filter_map(|i| ages.get(i))
            .flatten()
            .copied()
            .collect();
        ax.iter().any(|&(va, da)| {
            ay.iter().any(|&(vb, db)| {
                let years = (db - da).num_days() as f64 / 365.25;
                let diff = vb as f64 - va as f64;
                (diff - years).abs() > 1.5
            })
        })
    };

    // keep-apart decisions: no merge may join a cluster holding one form with one holding the other
    let apart_pairs: Vec<(String, String)> = decisions
        .iter()
        .filter_map(|d| match d {
            Decision::KeepApart { a, b } => Some((a.to_lowercase(), b.to_lowercase())),
            _ => None,
        })
        .collect();
    let texts: Vec<String> = nodes.iter().map(|n| n.text.to_lowercase()).collect();
    let apart = |dsu: &mut Dsu, x: usize, y: usize| -> bool {
        if apart_pairs.is_empty() {
            return false;
        }
        let (rx, ry) = (dsu.find(x), dsu.find(y));
        let fx: Vec<&str> = dsu.members[rx].iter().map(|&i| texts[i].as_str()).collect();
        let fy: Vec<&str> = dsu.members[ry].iter().map(|&i| texts[i].as_str()).collect();
        apart_pairs.iter().any(|(a, b)| {
            (fx.contains(&a.as_str()) && fy.contains(&b.as_str()))
                || (fx.contains(&b.as_str()) && fy.contains(&a.as_str()))
        })
    };

    // 2. across documents, in blocks
    let roots = |dsu: &mut Dsu| -> BTreeMap<usize, Vec<usize>> {
        let mut m: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for i in 0..nodes.len() {
            let r = dsu.find(i);
            m.entry(r).or_default().push(i);
        }
        m
    };
    let clusters = roots(&mut dsu);
    // person clusters: representative full name
    let mut blocks: HashMap<(EntityKind, String), Vec<usize>> = HashMap::new();
    let mut full_name: HashMap<usize, String> = HashMap::new();
    for (&r, members) in &clusters {
        let n = &nodes[r];
        let best = members
            .iter()
            .map(|&i| nodes[i].text.as_str())
            .max_by_key(|t| (words(t).len(), t.len()))
            .unwrap_or("")
            .to_string();
        full_name.insert(r, best.clone());
        let block_key = match n.kind {
            // persons share a block when their surnames start with the same class of sound
            EntityKind::Person => words(&best)
                .last()
                .map(|w| block_key(w))
                .unwrap_or_default(),
            // organisations share a block when their names end in the same word
            EntityKind::Organization => org_key(&best)
                .split_whitespace()
                .last()
                .unwrap_or("")
                .to_string(),
            _ => String::new(),
        };
        blocks.entry((n.kind, block_key)).or_default().push(r);
    }
    let docs_of = |dsu: &mut Dsu, r: usize| -> Vec<usize> {
        let root = dsu.find(r);
        let mut v: Vec<usize> = dsu.members[root].iter().map(|&i| nodes[i].doc).collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let mut block_list: Vec<_> = blocks.into_iter().collect();
    block_list.sort_by(|a, b| {
        a.0 .1
            .cmp(&b.0 .1)
            .then((a.0 .0 as u8).cmp(&(b.0 .0 as u8)))
    });
    for ((kind, _), all) in block_list {
        // identical names first, in one pass: many reports naming one person cost no pairs
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        let mut rs: Vec<usize> = Vec::new();
        for &r in &all {
            let name = &full_name[&r];
            let k = match kind {
                EntityKind::Person => words(name)
                    .iter()
                    .map(|w| key(w))
                    .collect::<Vec<_>>()
                    .join(" "),
                EntityKind::Organization if nodes[r].descriptive => {
                    descriptive_key(name).unwrap_or_else(|| org_key(name))
                }
                EntityKind::Organization => format!("name:{}", org_key(name)),
                _ => nodes[r]
                    .normalized
                    .clone()
                    .unwrap_or_else(|| name.clone())
                    .to_lowercase(),
            };
            // join the first cluster of the same key that no decision keeps apart
            let reps = by_key.entry(k).or_default();
            let mut joined = false;
            for &first in reps.iter() {
                if apart(&mut dsu, first, r)
                    || (kind == EntityKind::Person && ages_clash(&mut dsu, first, r))
                {
                    continue;
                }
                let (ra, rb) = (dsu.find(first), dsu.find(r));
                let first_merge = dsu.why[ra].is_empty() && dsu.why[rb].is_empty();
                let why = first_merge.then(|| {
                    format!(
                        "“{}” is named the same way in several reports",
                        full_name[&first]
                    )
                });
                dsu.union(first, r, why);
                joined = true;
                break;
            }
            if !joined {
                reps.push(r);
                rs.push(r);
            }
        }
        if kind == EntityKind::Place {
            continue; // places merge on their gazetteer name only: the pass above
        }
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
        let person_compat = |x: usize, y: usize| -> bool {
            let (wa, wb) = (&wk[x], &wk[y]);
            let (Some(la), Some(lb)) = (wa.last(), wb.last()) else {
                return false;
            };
            words_match(la, lb) && (wa.len() == 1 || wb.len() == 1 || words_match(&wa[0], &wb[0]))
        };
        let mut lone_counts: HashMap<usize, usize> = HashMap::new();
        for x in 0..rs.len() {
            for y in x + 1..rs.len() {
                let (a, b) = (rs[x], rs[y]);
                let (ra, rb) = (dsu.find(a), dsu.find(b));
                if ra == rb {
                    continue;
                }
                let (na, nb) = (&full_name[&a], &full_name[&b]);
                let reason = match kind {
                    EntityKind::Person => {
                        if !person_compat(x, y) {
                            continue;
                        }
                        let (wa, wb) = (&wk[x], &wk[y]);
                        if wa.len() == 1 || wb.len() == 1 {
                            // a lone name merges only into a unique full name
                            let lone = if wa.len() == 1 { x } else { y };
                            let others = *lone_counts.entry(lone).or_insert_with(|| {
                                (0..rs.len())
                                    .filter(|&z| {
                                        wk[z].len() >= 2
                                            && words_match(&wk[z][wk[z].len() - 1], &wk[lone][0])
                                    })
                                    .count()
                            });
                            if others != 1 {
                                continue;
                            }
                        }
                        // ages that cannot be one person's keep them apart
                        if ages_clash(&mut dsu, a, b) {
                            continue;
                        }
                        // two different people named in one report stay apart
                        let (da, db) = (docs_of(&mut dsu, ra), docs_of(&mut dsu, rb));
                        if da.iter().any(|d| db.contains(d)) {
                            continue;
                        }
                        if na == nb {
                            format!("“{na}” is named the same way in several reports")
                        } else {
                            format!("“{na}” and “{nb}” are spellings of one name (same surname key, compatible given names)")
                        }
                    }
                    EntityKind::Organization => {
                        let (ka, kb) = (org_key(na), org_key(nb));
                        let (da, db) = (nodes[a].descriptive, nodes[b].descriptive);
                        if da || db {
                            if !(da && db && descriptive_key(na) == descriptive_key(nb)) {
                                continue;
                            }
                            format!("“{na}” and “{nb}” name the same body (same nationality, same kind of force)")
                        } else if ka == kb {
                            format!("“{na}” is named the same way in several reports")
                        } else if is_prefixed_form(na, nb, demonym)
                            || is_prefixed_form(nb, na, demonym)
                        {
                            format!(
                                "“{na}” and “{nb}” differ only by a nationality or place in front"
                            )
                        } else if (acronym(nb).len() >= 3 && na == &acronym(nb))
                            || (acronym(na).len() >= 3 && nb == &acronym(na))
                        {
                            format!("“{na}” is the acronym of “{nb}”")
                        } else {
                            continue;
                        }
                    }
                    _ => {
                        let ka = nodes[a]
                            .normalized
                            .clone()
                            .unwrap_or_else(|| na.clone())
                            .to_lowercase();
                        let kb = nodes[b]
                            .normalized
                            .clone()
                            .unwrap_or_else(|| nb.clone())
                            .to_lowercase();
                        if ka != kb {
                            continue;
                        }
                        if na == nb {
                            format!("“{na}” is named the same way in several reports")
                        } else {
                            format!("“{na}” and “{nb}” are one place in the gazetteer")
                        }
                    }
                };
                if apart(&mut dsu, a, b) {
                    continue;
                }
                dsu.union(a, b, Some(reason));
            }
        }
    }

    // acronyms across blocks: "ECHR" and "European Court of Human Rights"
    let mut by_acronym: HashMap<String, usize> = HashMap::new();
    for (i, n) in nodes.iter().enumerate() {
        if n.kind == EntityKind::Organization && !n.descriptive && words(&n.text).len() >= 3 {
            let a = acronym(&n.text);
            if a.len() >= 3 {
                by_acronym.entry(a).or_insert(i);
            }
        }
    }
    for (i, n) in nodes.iter().enumerate() {
        if n.kind == EntityKind::Organization
            && words(&n.text).len() == 1
            && n.text.chars().all(|c| c.is_uppercase())
        {
            if let Some(&j) = by_acronym.get(&n.text) {
                if dsu.find(i) != dsu.find(j) && !apart(&mut dsu, i, j) {
                    let why = format!("“{}” is the acronym of “{}”", n.text, nodes[j].text);
                    dsu.union(j, i, Some(why));
                }
            }
        }
    }

    // 3. manual merges
    for d in decisions {
        if let Decision::Merge { a, b } = d {
            let find_node = |name: &str| {
                nodes.iter().position(|n| {
                    n.text.eq_ignore_ascii_case(name)
                        || n.normalized
                            .as_deref()
                            .is_some_and(|x| x.eq_ignore_ascii_case(name))
                })
            };
            if let (Some(x), Some(y)) = (find_node(a), find_node(b)) {
                dsu.union(x, y, Some(format!("merged by hand: “{a}” and “{b}”")));
            }
        }
    }

    // build entities; manual splits take mentions out of the cluster they ended in
    let mut clusters = roots(&mut dsu);
    for d in decisions {
        if let Decision::Split { entity, mentions } = d {
            let matched: Vec<usize> = (0..nodes.len())
                .filter(|&i| {
                    let span = &docs[nodes[i].doc].1.mentions[nodes[i].mention].span;
                    mentions.contains(span)
                })
                .collect();
            let Some(&first) = matched.first() else {
                continue;
            };
            for members in clusters.values_mut() {
                members.retain(|i| !matched.contains(i));
            }
            clusters.retain(|_, m| !m.is_empty());
            dsu.why[first] = vec![format!("split by hand out of “{entity}”")];
            clusters.insert(first, matched);
        }
    }
    let mut entities = Vec::new();
    let mut links = Vec::new();
    let mut used_ids: HashMap<String, usize> = HashMap::new();
    let mut ordered: Vec<(usize, Vec<usize>)> = clusters.into_iter().collect();
    ordered.sort_by_key(|(_, m)| m.iter().map(|&i| (nodes[i].doc, nodes[i].mention)).min());
    for (r, members) in ordered {
        let kind = nodes[r].kind;
        // preferred name: the most used full form, then the one in most reports, then the longest
        let mut forms: BTreeMap<String, (usize, Vec<usize>)> = BTreeMap::new();
        for &i in &members {
            let form = match kind {
                EntityKind::Place => nodes[i]
                    .normalized
                    .clone()
                    .unwrap_or_else(|| nodes[i].text.clone()),
                EntityKind::Organization => nodes[i].text.trim_start_matches("the ").to_string(),
                _ => nodes[i].text.clone(),
            };
            let e = forms.entry(form).or_default();
            e.0 += 1;
            e.1.push(nodes[i].doc);
        }
        let max_words = forms.keys().map(|f| words(f).len()).max().unwrap_or(1);
        let name = forms
            .iter()
            .filter(|(f, _)| kind != EntityKind::Person || words(f).len() == max_words)
            .max_by_key(|(f, (n, ds))| {
                let mut d = ds.clone();
                d.dedup();
                (d.len(), *n, f.len())
            })
            .map(|(f, _)| f.clone())
            .unwrap_or_default();
        let mut aliases: Vec<String> = members
            .iter()
            .map(|&i| nodes[i].text.clone())
            .filter(|t| t != &name)
            .collect();
        aliases.sort();
        aliases.dedup();
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
        let n = used_ids.entry(base.clone()).or_insert(0);
        *n += 1;
        let id = if *n == 1 { base } else { format!("{base}-{n}") };
        let mut mentions: Vec<Span> = members
            .iter()
            .map(|&i| docs[nodes[i].doc].1.mentions[nodes[i].mention].span.clone())
            .collect();
        mentions.sort();
        for &i in &members {
            links.push(MentionLink {
                doc: docs[nodes[i].doc].0.id.clone(),
                mention: nodes[i].mention,
                entity: id.clone(),
            });
        }
        // attributes from the annotator
        let mut roles: Vec<String> = Vec::new();
        let mut attributes: Vec<EntityAttribute> = Vec::new();
        for &i in &members {
            let ann = docs[nodes[i].doc].1;
            for a in ann
                .attributes
                .iter()
                .filter(|a| a.mention == nodes[i].mention)
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
        entities.push(Entity {
            id,
            kind,
            name,
            aliases,
            roles,
            attributes,
            mentions,
            merges: dsu.why[r].clone(),
            notes: Vec::new(),
        });
    }
    (entities, links)
}

#[cfg(test)]
mod tests {
    use super::*;
    use casefile_model::{Attribute, DateValue, Mention, Span};

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
}
