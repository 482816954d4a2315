//! The pages. Server-rendered HTML, no scripts, every piece of case text escaped.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Redirect, Response};
use casefile_desk::Session;
use casefile_model::{CaseFile, EntityKind};
use casefile_model::{Permission, Verdict};

use crate::{h, session, AppState};

/// Whether the signed-in account may change the case (forms are shown to those who may).
fn curates(s: &Session) -> bool {
    s.user.role.may(Permission::Curate)
}

const CSS: &str = r#"
:root { --ink:#1b1f24; --muted:#4d5660; --line:#c9d1d9; --accent:#0a58a8; --bg:#fff; --soft:#f3f5f7; }
body { font: 16px/1.5 system-ui, sans-serif; color: var(--ink); background: var(--bg); margin: 0; }
header { background: #12324f; color: #fff; padding: .6rem 1.2rem; display: flex; gap: 1.2rem; align-items: center; flex-wrap: wrap; }
header a { color: #fff; } header form { margin-left: auto; }
main { max-width: 1100px; margin: 0 auto; padding: 1rem 1.2rem; }
a { color: var(--accent); } a:focus, button:focus, input:focus { outline: 3px solid #f0b400; outline-offset: 2px; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--soft); } .meta { color: var(--muted); font-size: .9rem; }
mark { background: #ffe58f; color: var(--ink); } .text { white-space: pre-wrap; border: 1px solid var(--line); padding: 1rem; }
label { display: block; margin-top: .8rem; font-weight: 600; } label.inline { display: inline; }
form.change { display: inline-block; margin: .3rem .5rem .3rem 0; }
ol.timeline { list-style: none; position: relative; margin: 1rem 0 0 .6rem; padding-left: 1.6rem; border-left: 3px solid var(--accent); }
ol.timeline > li { position: relative; margin: 0 0 1.1rem; }
ol.timeline > li::before { content: ""; position: absolute; left: -2.15rem; top: .3rem; width: .9rem; height: .9rem; border-radius: 50%; background: var(--bg); border: 3px solid var(--accent); }
ol.timeline .date { color: var(--accent); }
q.quote { background: #e8f1fb; quotes: none; }
.boiler { color: var(--muted); font-style: italic; } input { font: inherit; padding: .3rem; }
button { font: inherit; padding: .35rem .8rem; background: var(--accent); color: #fff; border: 0; border-radius: 3px; cursor: pointer; }
.error { color: #8a1c1c; font-weight: 600; }
"#;

fn layout(title: &str, s: Option<&Session>, body: &str) -> String {
    let nav = match s {
        Some(s) => format!(
            "<header><nav aria-label=\"Main\"><a href=\"/\">Overview</a> · <a href=\"/timeline\">Timeline</a> · <a href=\"/entities\">People and organisations</a> · <a href=\"/discrepancies\">Discrepancies</a> · <a href=\"/interventions\">Interventions</a> · <a href=\"/sources\">Sources</a> · <a href=\"/decisions\">Decisions</a> · <a href=\"/search\">Search</a></nav><form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"csrf\" value=\"{}\"><span class=\"meta\" style=\"color:#fff\">{} ({})</span> <button type=\"submit\">Sign out</button></form></header>",
            h(&s.csrf),
            h(&s.user.name),
            h(s.user.role.as_str())
        ),
        None => "<header><strong>casefile</strong></header>".to_string(),
    };
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; form-action 'self'\"><title>{} · casefile</title><style>{CSS}</style></head><body>{nav}<main>{body}</main></body></html>",
        h(title)
    )
}

/// A short page with a message and a link back.
pub fn message(title: &str, text: &str, back: &str) -> String {
    layout(
        title,
        None,
        &format!(
            "<h1>{}</h1><p role=\"alert\">{}</p><p><a href=\"{}\">Back</a></p>",
            h(title),
            h(text),
            h(back)
        ),
    )
}

/// Who is looking, and at which version of the case ([`casefile_desk::Desk::version`]): every
/// change form carries the version, so that a change to something another editor changed
/// meanwhile is refused instead of applied over theirs.
pub(crate) struct Viewer {
    pub session: Session,
    pub version: i64,
}

impl std::ops::Deref for Viewer {
    type Target = Session;
    fn deref(&self) -> &Session {
        &self.session
    }
}

/// A hidden-field form that records one change and comes back to `back`.
fn change_form(
    s: &Viewer,
    back: &str,
    fields: &[(&str, &str)],
    visible: &str,
    button: &str,
) -> String {
    let hidden: String = fields
        .iter()
        .map(|(k, v)| {
            format!(
                "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
                h(k),
                h(v)
            )
        })
        .collect();
    format!(
        "<form method=\"post\" action=\"/ui/decide\" class=\"change\"><input type=\"hidden\" name=\"csrf\" value=\"{}\"><input type=\"hidden\" name=\"base\" value=\"{}\"><input type=\"hidden\" name=\"back\" value=\"{}\">{hidden}{visible}<button type=\"submit\">{}</button></form>",
        h(&s.csrf),
        s.version,
        h(back),
        h(button)
    )
}

pub fn login_form(error: Option<&str>) -> String {
    let err = error
        .map(|e| format!("<p class=\"error\" role=\"alert\">{}</p>", h(e)))
        .unwrap_or_default();
    layout(
        "Sign in",
        None,
        &format!(
            "<h1>Sign in</h1>{err}<form method=\"post\" action=\"/login\"><label for=\"name\">Name</label><input id=\"name\" name=\"name\" autocomplete=\"username\" required><label for=\"password\">Password</label><input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required><p><button type=\"submit\">Sign in</button></p></form>"
        ),
    )
}

/// Run a page body builder for a signed-in user, or send them to the login page.
fn page(
    state: &AppState,
    headers: &HeaderMap,
    title: &str,
    body: impl FnOnce(&CaseFile, &Viewer) -> String,
) -> Response {
    let Some(session) = session(state, headers) else {
        return Redirect::to("/login").into_response();
    };
    // the version before the case file: a file newer than its version can only make a
    // conflict be seen where there is none, never hide one
    let version = state.desk().version().unwrap_or(0);
    let file = state.file();
    let s = Viewer { session, version };
    Html(layout(title, Some(&s.session), &body(&file, &s))).into_response()
}

pub async fn overview(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    page(&state, &headers, "Overview", |c, _| {
        let docs: String = c
            .documents
            .iter()
            .map(|d| {
                format!(
                    "<li><a href=\"/reports/{}\">{}</a> <span class=\"meta\">{}</span></li>",
                    h(&d.id),
                    h(d.title.as_deref().unwrap_or(&d.path)),
                    h(&casefile_report::doc_label(c, &d.id))
                )
            })
            .collect();
        format!(
            "<h1>Case file: {}</h1><p>{}</p><h2>Reports</h2><ul>{docs}</ul>",
            h(&c.case),
            h(&casefile_report::summary(c))
        )
    })
}

pub async fn timeline(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    page(&state, &headers, "Timeline", |c, s| {
        let items: String = c
            .events
            .iter()
            .map(|e| {
                let src: String = e.sources.iter().take(6).map(|s| format!(" <a href=\"/reports/{}#b{}\">[{}]</a>", h(&s.doc), s.start, h(&casefile_report::doc_label(c, &s.doc)))).collect();
                let input = format!(
                    "<label for=\"date-{id}\" class=\"inline\">Date</label> <input id=\"date-{id}\" name=\"value\" size=\"10\" value=\"{}\"> ",
                    h(&e.date.as_ref().map(|d| d.value.clone()).unwrap_or_default()),
                    id = h(&e.id)
                );
                let edit = if !curates(s) { String::new() } else { change_form(s, "/timeline", &[("op", "edit-event"), ("event", &e.id), ("field", "date")], &input, "Set date") };
                format!(
                    "<li id=\"{}\"><strong class=\"date\">{}</strong> · {} <span class=\"meta\">({} independent source{})</span>{src}{edit}</li>",
                    h(&e.id),
                    h(&e.date.as_ref().map(|d| d.human()).unwrap_or_else(|| "undated".into())),
                    h(&e.label),
                    e.origins.len(),
                    if e.origins.len() == 1 { "" } else { "s" }
                )
            })
            .collect();
        format!("<h1>Timeline</h1><ol class=\"timeline\">{items}</ol>")
    })
}

pub async fn entities(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    page(&state, &headers, "People and organisations", |c, _| {
        let mut rows = String::new();
        for kind in [
            EntityKind::Person,
            EntityKind::Organization,
            EntityKind::Place,
        ] {
            for e in c.entities.iter().filter(|e| e.kind == kind) {
                rows.push_str(&format!(
                    "<tr><td><a href=\"/entities/{}\">{}</a></td><td>{:?}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    h(&e.id),
                    h(&e.name),
                    kind,
                    h(&e.aliases.join(", ")),
                    h(&e.roles.join(", ")),
                    e.mentions.len()
                ));
            }
        }
        format!("<h1>People, organisations and places</h1><table><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Kind</th><th scope=\"col\">Also written</th><th scope=\"col\">Roles</th><th scope=\"col\">Mentions</th></tr></thead><tbody>{rows}</tbody></table>")
    })
}

pub async fn entity(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    page(&state, &headers, "Entity", |c, s| {
        let Some(e) = c.entity(&id) else {
            return "<h1>No such entity</h1>".into();
        };
        let others: String = c
            .entities
            .iter()
            .filter(|o| o.kind == e.kind && o.id != e.id)
            .map(|o| format!("<option value=\"{}\">{}</option>", h(&o.id), h(&o.name)))
            .collect();
        let back = format!("/entities/{}", e.id);
        let select = |n: &str| {
            format!("<label for=\"{n}\" class=\"inline\">Other</label> <select id=\"{n}\" name=\"b\">{others}</select> ")
        };
        let forms = if !curates(s) {
            String::new()
        } else {
            format!(
                "<h2>Correct</h2>{}{}<br>{}{}<br>{}{}{}",
                change_form(s, "/entities", &[("op", "merge"), ("a", &e.id)], &select("merge-with"), "Merge into one"),
                change_form(s, &back, &[("op", "keep-apart"), ("a", &e.name)], &select("keep-apart-from"), "Keep apart"),
                change_form(s, &back, &[("op", "confirm"), ("a", &e.id)], "", "Confirm: this is right"),
                change_form(s, "/entities", &[("op", "reject"), ("a", &e.id)], "", "Reject: not a real name"),
                change_form(s, &back, &[("op", "note"), ("a", &e.id)], "<label for=\"note\" class=\"inline\">Note</label> <input id=\"note\" name=\"value\" size=\"40\"> ", "Add note"),
                if e.protected {
                    "<p class=\"protected\">Protected: a public export gives this name a pseudonym (undo the decision to lift it).</p>".to_string()
                } else {
                    format!("<br>{}", change_form(s, &back, &[("op", "protect"), ("a", &e.id)], "", "Protect: a pseudonym in public exports"))
                },
                if e.aliases.is_empty() {
                    String::new()
                } else {
                    let forms: String = e.aliases.iter().map(|a| format!("<option>{}</option>", h(a))).collect();
                    format!(
                        "<br>{}",
                        change_form(s, "/entities", &[("op", "split"), ("a", &e.id)], &format!("<label for=\"split-form\" class=\"inline\">Mentions written</label> <select id=\"split-form\" name=\"value\">{forms}</select> "), "Split off: another person")
                    )
                }
            )
        };
        let mentions: String = e
            .mentions
            .iter()
            .map(|m| {
                let (b, mid, a) = casefile_report::passage(c, m, 80);
                format!(
                    "<li>…{}<mark>{}</mark>{}… <a href=\"/reports/{}#b{}\">{}</a></li>",
                    h(&b),
                    h(&mid),
                    h(&a),
                    h(&m.doc),
                    m.start,
                    h(&casefile_report::doc_label(c, &m.doc))
                )
            })
            .collect();
        let merges: String = e
            .merges
            .iter()
            .map(|m| format!("<li>{}</li>", h(m)))
            .collect();
        let notes: String = if e.notes.is_empty() {
            String::new()
        } else {
            format!(
                "<h2>Notes</h2><ul>{}</ul>",
                e.notes
                    .iter()
                    .map(|n| format!("<li>{}</li>", h(n)))
                    .collect::<String>()
            )
        };
        format!("<h1>{}</h1><p class=\"meta\">{} · also written {}</p><h2>Why these names are one</h2><ul>{merges}</ul>{notes}{forms}<h2>Mentions</h2><ul>{mentions}</ul>", h(&e.name), h(&e.id), h(&e.aliases.join(", ")))
    })
}

pub async fn report(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    page(&state, &headers, "Report", |c, _| {
        let Some(d) = c.document(&id) else {
            return "<h1>No such report</h1>".into();
        };
        // mentions of entities, highlighted, each a link to its entity
        let mut marks: Vec<(usize, usize, String)> = c
            .entities
            .iter()
            .flat_map(|e| {
                e.mentions
                    .iter()
                    .filter(|m| m.doc == d.id)
                    .map(move |m| (m.start, m.end, e.id.clone()))
            })
            .collect();
        marks.sort();
        let t = &d.text;
        // boundaries: names (a link to their entity) inside quotes (with who said them)
        let mut cuts: Vec<(usize, u8, String)> = Vec::new();
        let mut last_end = 0;
        for (s, e, ent) in marks {
            if s < last_end || e > t.len() || !t.is_char_boundary(s) || !t.is_char_boundary(e) {
                continue;
            }
            cuts.push((
                s,
                3,
                format!("<a id=\"b{s}\" href=\"/entities/{}\"><mark>", h(&ent)),
            ));
            cuts.push((e, 0, "</mark></a>".into()));
            last_end = e;
        }
        for q in c.quotes.iter().filter(|q| {
            q.doc == d.id
                && q.end <= t.len()
                && t.is_char_boundary(q.start)
                && t.is_char_boundary(q.end)
        }) {
            let who = q
                .speaker
                .as_ref()
                .and_then(|sp| c.entity(sp))
                .map(|e| e.name.clone())
                .unwrap_or_else(|| "unattributed".into());
            cuts.push((
                q.start,
                2,
                format!("<q class=\"quote\" title=\"quote: {}\">", h(&who)),
            ));
            cuts.push((q.end, 1, "</q>".into()));
        }
        for b in d.boilerplate.iter().filter(|b| {
            b.end <= t.len() && t.is_char_boundary(b.start) && t.is_char_boundary(b.end)
        }) {
            let kind = serde_json::to_value(b.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            cuts.push((
                b.start,
                2,
                format!(
                    "<span class=\"boiler\" title=\"not part of the report: {}\">",
                    h(&kind)
                ),
            ));
            cuts.push((b.end, 1, "</span>".into()));
        }
        cuts.sort_by_key(|c| (c.0, c.1));
        let mut out = String::new();
        let mut pos = 0;
        for (at, _, tag) in cuts {
            out.push_str(&h(&t[pos..at]));
            out.push_str(&tag);
            pos = at;
        }
        out.push_str(&h(&t[pos..]));
        format!(
            "<h1>{}</h1><p class=\"meta\">{} · SHA-256 {}</p><div class=\"text\">{out}</div>{}",
            h(d.title.as_deref().unwrap_or(&d.path)),
            h(&casefile_report::doc_label(c, &d.id)),
            h(&d.sha256),
            grammar_section(c, d)
        )
    })
}

/// The grammar of each sentence of `d` that tells of an act: the parse casefile read the
/// participants from, drawn on the server, the participants' words in bold.
fn grammar_section(c: &CaseFile, d: &casefile_model::DocumentSummary) -> String {
    let t = &d.text;
    let mut seen: Vec<(usize, usize)> = Vec::new();
    let mut out = String::new();
    for ev in &c.events {
        for s in ev
            .sources
            .iter()
            .filter(|s| s.doc == d.id && s.end <= t.len())
        {
            if seen.contains(&(s.start, s.end)) || seen.len() >= 40 {
                continue;
            }
            seen.push((s.start, s.end));
            let marks: Vec<(usize, usize)> = ev
                .participants
                .iter()
                .filter_map(|p| c.entity(&p.entity))
                .flat_map(|e| e.mentions.iter())
                .filter(|m| m.doc == d.id && m.start >= s.start && m.end <= s.end)
                .map(|m| (m.start, m.end))
                .collect();
            let why: String = ev
                .participants
                .iter()
                .flat_map(|p| {
                    let name = c
                        .entity(&p.entity)
                        .map_or(p.entity.as_str(), |e| e.name.as_str());
                    p.basis
                        .iter()
                        .map(move |b| format!("<li>{}: {}</li>", h(name), h(b)))
                })
                .collect();
            let svg = casefile_desk::sentence_svg(t, s.start, s.end, &marks);
            out.push_str(&format!(
                "<details class=\"grammar\"><summary>{} <span class=\"meta\">({})</span></summary>\
                 <div class=\"tree\">{svg}</div><ul>{why}</ul></details>",
                h(t.get(s.start..s.end).unwrap_or("")),
                h(&ev.label)
            ));
        }
    }
    if out.is_empty() {
        return out;
    }
    format!("<h2>Grammar of the sentences that tell of acts</h2>{out}")
}

pub async fn discrepancies(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    page(&state, &headers, "Discrepancies", |c, s| {
        let rows: String = c
            .discrepancies
            .iter()
            .map(|d| {
                let verdict = d.verdict.as_str();
                let values: Vec<String> = d
                    .values
                    .iter()
                    .map(|v| format!("{} ({} independent)", h(&v.value), v.independent_sources))
                    .collect();
                let subject = c.entity(&d.subject).map(|e| e.name.clone()).or_else(|| c.events.iter().find(|e| e.id == d.subject).map(|e| e.label.clone())).unwrap_or_else(|| d.subject.clone());
                let change = if !curates(s) {
                    String::new()
                } else {
                    let id = format!("verdict-{}-{}", d.subject, d.attribute.replace(' ', "-"));
                    let options: String = Verdict::ALL.iter().map(|v| v.as_str()).map(|v| format!("<option value=\"{v}\"{}>{v}</option>", if v == verdict { " selected" } else { "" })).collect();
                    change_form(
                        s,
                        "/discrepancies",
                        &[("op", "set-verdict"), ("a", &d.subject), ("b", &d.attribute)],
                        &format!("<label for=\"{}\" class=\"inline\">Verdict</label> <select id=\"{}\" name=\"value\">{options}</select> ", h(&id), h(&id)),
                        "Set",
                    )
                };
                format!(
                    "<tr><td>{}</td><td>{}</td><td>{}{change}</td><td>{}</td><td>{}</td></tr>",
                    h(&subject),
                    h(&d.attribute),
                    h(verdict),
                    values.join("<br>"),
                    h(&d.explanation)
                )
            })
            .collect();
        format!("<h1>Where the sources disagree</h1><table class=\"discrepancies\"><thead><tr><th scope=\"col\">Subject</th><th scope=\"col\">What</th><th scope=\"col\">Verdict</th><th scope=\"col\">Values</th><th scope=\"col\">Why</th></tr></thead><tbody>{rows}</tbody></table>")
    })
}

pub async fn decisions(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    let records = { state.desk().decisions().unwrap_or_default() };
    page(&state, &headers, "Decisions", move |_, s| {
        let undone: Vec<i64> = records
            .iter()
            .filter_map(|r| match r.decision {
                casefile_model::Decision::Undo { seq } => Some(seq),
                _ => None,
            })
            .collect();
        let rows: String = records
            .iter()
            .map(|r| {
                let seq = r.seq.to_string();
                let action = if undone.contains(&r.seq) {
                    "undone".to_string()
                } else if !curates(s) || matches!(r.decision, casefile_model::Decision::Undo { .. }) {
                    String::new()
                } else {
                    change_form(s, "/decisions", &[("op", "undo"), ("seq", &seq)], "", "Undo")
                };
                format!(
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td><td>{action}</td></tr>",
                    r.seq,
                    h(&r.made_at),
                    h(&r.made_by),
                    h(&serde_json::to_string(&r.decision).unwrap_or_default())
                )
            })
            .collect();
        format!("<h1>Decisions</h1><p>Every change to the machine's work, with who and when. The log is append-only and hash-chained (<code>casefile audit verify</code>).</p><table><thead><tr><th scope=\"col\">#</th><th scope=\"col\">When</th><th scope=\"col\">Who</th><th scope=\"col\">What</th><th scope=\"col\">Action</th></tr></thead><tbody>{rows}</tbody></table>")
    })
}

pub async fn search(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    axum::extract::Query(q): axum::extract::Query<casefile_desk::SearchQuery>,
) -> Response {
    // nothing runs before the session is checked: a stranger learns nothing, not even by time
    if session(&state, &headers).is_none() {
        return Redirect::to("/login").into_response();
    }
    let hits = if q.q.as_deref().is_some_and(|x| !x.trim().is_empty()) {
        Some(crate::search(&state, &q))
    } else {
        None
    };
    page(&state, &headers, "Search", |c, _| {
        let field = |name: &str, label: &str, value: &Option<String>, size: u8| {
            format!("<label for=\"{name}\">{label}</label><input id=\"{name}\" name=\"{name}\" size=\"{size}\" value=\"{}\">", h(value.as_deref().unwrap_or("")))
        };
        let form = format!(
            "<form method=\"get\" action=\"/search\" role=\"search\">{}{}{}{}<p><button type=\"submit\">Search</button></p></form>",
            field("q", "Words", &q.q, 40),
            field("entity", "Mentioning (a person, organisation or place)", &q.entity, 30),
            field("from", "Published from (2021-02-01)", &q.from, 12),
            field("to", "Published to", &q.to, 12)
        );
        let results = match &hits {
            None => String::new(),
            Some(hs) if hs.is_empty() => "<p>No report matches.</p>".into(),
            Some(hs) => {
                let items: String = hs
                    .iter()
                    .map(|x| {
                        // the snippet marks matches with private-use marks: escape first, then mark
                        let snippet = h(&x.snippet)
                            .replace('\u{E000}', "<mark>")
                            .replace('\u{E001}', "</mark>");
                        format!(
                            "<li><a href=\"/reports/{}\">{}</a><br><span>{snippet}</span></li>",
                            h(&x.doc),
                            h(&casefile_report::doc_label(c, &x.doc))
                        )
                    })
                    .collect();
                format!(
                    "<h2>{} report{}</h2><ol>{items}</ol>",
                    hs.len(),
                    if hs.len() == 1 { "" } else { "s" }
                )
            }
        };
        format!("<h1>Search the reports</h1>{form}{results}")
    })
}

pub async fn interventions(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    page(&state, &headers, "Interventions", |c, _| {
        let name = |id: &str| {
            c.entity(id)
                .map(|e| e.name.clone())
                .unwrap_or_else(|| id.to_string())
        };
        let rows: String = c
            .interventions
            .iter()
            .map(|i| {
                format!(
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    h(&i.kind),
                    h(&i.by.as_deref().map(name).unwrap_or_default()),
                    h(&i.to.iter().map(|t| name(t)).collect::<Vec<_>>().join(", ")),
                    h(&i.date.as_ref().map(|d| d.human()).unwrap_or_default()),
                    h(&i.outcome)
                )
            })
            .collect();
        format!("<h1>Interventions</h1><table><thead><tr><th scope=\"col\">What</th><th scope=\"col\">By</th><th scope=\"col\">To</th><th scope=\"col\">When</th><th scope=\"col\">Outcome</th></tr></thead><tbody>{rows}</tbody></table>")
    })
}

/// The source graph: each report, what it is credited to and what it cites.
pub async fn sources(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    page(&state, &headers, "Sources", |c, _| {
        let items: String = c
            .documents
            .iter()
            .map(|d| {
                let cites: Vec<String> = c
                    .sources
                    .iter()
                    .filter(|l| l.doc == d.id)
                    .map(|l| {
                        format!(
                            "{} <span class=\"meta\">({})</span>",
                            h(&l.cites),
                            h(&l.how)
                        )
                    })
                    .collect();
                format!(
                    "<li><a href=\"/reports/{}\">{}</a> → {}</li>",
                    h(&d.id),
                    h(&casefile_report::doc_label(c, &d.id)),
                    if cites.is_empty() {
                        "its own reporting".to_string()
                    } else {
                        cites.join(", ")
                    }
                )
            })
            .collect();
        format!("<h1>Sources</h1><p>Each report, the wire service it is credited to, and the outlets, agencies and organisations it cites. Events count wire copies, reprints and reports citing one origin once.</p><ul>{items}</ul>")
    })
}
