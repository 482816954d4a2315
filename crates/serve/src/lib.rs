//! `casefile serve`: the case in the browser, on the same encrypted store.
//!
//! Every page and API call needs a session, except the login page and `/api/openapi.json`.
//! Sessions are random tokens in an HttpOnly, SameSite=Strict cookie (the store keeps only their
//! hash); every change carries the session's CSRF token (a form field or the `X-CSRF-Token`
//! header); failed logins are limited per account and address. Report text is always escaped:
//! markup in a report shows as text and never runs. Changes are decisions in the store's
//! hash-chained log, replayed on every rebuild.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Form, State};
use axum::http::header::{CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use casefile_model::{CaseFile, Decision, Span};
use casefile_report::html::esc;
use casefile_store::{Session, SqliteStore, Store};
use serde::Deserialize;
use serde_json::json;

mod pages;

const COOKIE_NAME: &str = "casefile_session";
const MAX_FAILURES: usize = 5;
const FAILURE_WINDOW: Duration = Duration::from_secs(15 * 60);

/// The server's state: the store (one connection, serialised) and the current case file.
pub struct AppState {
    store: Mutex<SqliteStore>,
    case_id: i64,
    case_name: String,
    file: RwLock<Arc<CaseFile>>,
    failures: Mutex<HashMap<String, Vec<Instant>>>,
}

impl AppState {
    pub fn new(mut store: SqliteStore, case_name: &str) -> Result<Arc<Self>, String> {
        if !store
            .cases()
            .map_err(|e| e.to_string())?
            .iter()
            .any(|c| c == case_name)
        {
            return Err(format!("no case named “{case_name}” in this database"));
        }
        let case_id = store.case(case_name).map_err(|e| e.to_string())?;
        let file = match store.case_file(case_id).map_err(|e| e.to_string())? {
            Some(f) => f,
            None => rebuild(&mut store, case_id, case_name).map_err(|e| e.to_string())?,
        };
        Ok(Arc::new(AppState {
            store: Mutex::new(store),
            case_id,
            case_name: case_name.into(),
            file: RwLock::new(Arc::new(file)),
            failures: Mutex::new(HashMap::new()),
        }))
    }
    fn file(&self) -> Arc<CaseFile> {
        self.file.read().expect("lock").clone()
    }
}

fn rebuild(store: &mut SqliteStore, case: i64, name: &str) -> casefile_store::Result<CaseFile> {
    let mut docs = store.documents(case)?;
    let decisions = casefile_store::in_force(&store.decisions(case)?);
    let built = casefile_pipeline::build(name, &mut docs, &decisions);
    store.save_case_file(case, &built.case)?;
    Ok(built.case)
}

/// The routes.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/login", get(login_page).post(login))
        .route("/logout", post(logout))
        .route("/", get(pages::overview))
        .route("/timeline", get(pages::timeline))
        .route("/entities", get(pages::entities))
        .route("/entities/{id}", get(pages::entity))
        .route("/reports/{id}", get(pages::report))
        .route("/discrepancies", get(pages::discrepancies))
        .route("/decisions", get(pages::decisions))
        .route("/interventions", get(pages::interventions))
        .route("/sources", get(pages::sources))
        .route("/ui/decide", post(ui_decide))
        .route("/api/openapi.json", get(openapi))
        .route("/api/session", get(api_session))
        .route("/api/case", get(api_case))
        .route("/api/entities", get(api_entities))
        .route("/api/events", get(api_events))
        .route("/api/timeline", get(api_events))
        .route("/api/discrepancies", get(api_discrepancies))
        .route("/api/decisions", get(api_decisions).post(api_decide))
        .route("/api/search", get(api_search))
        .route("/search", get(pages::search))
        .with_state(state)
}

/// Serve until the process is stopped. `on_ready` gets the bound address.
pub async fn serve(
    state: Arc<AppState>,
    bind: SocketAddr,
    on_ready: impl FnOnce(SocketAddr),
) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(bind).await?;
    on_ready(listener.local_addr()?);
    axum::serve(
        listener,
        router(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .await
}

fn cookie_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| {
            let (k, v) = c.trim().split_once('=')?;
            (k == COOKIE_NAME).then(|| v.to_string())
        })
}

/// The session of a request, if any.
pub(crate) fn session(state: &AppState, headers: &HeaderMap) -> Option<Session> {
    let token = cookie_token(headers)?;
    state.store.lock().ok()?.session(&token).ok().flatten()
}

fn api_unauthorised() -> Response {
    (
        StatusCode::UNAUTHORIZED,
        Json(json!({"error": "sign in first: POST /login"})),
    )
        .into_response()
}

fn redirect(to: &str) -> Response {
    (
        StatusCode::SEE_OTHER,
        [(
            LOCATION,
            HeaderValue::from_str(to).unwrap_or(HeaderValue::from_static("/")),
        )],
    )
        .into_response()
}

async fn login_page() -> Html<String> {
    Html(pages::login_form(None))
}

#[derive(Deserialize)]
struct LoginForm {
    name: String,
    password: String,
}

async fn login(
    State(state): State<Arc<AppState>>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    Form(f): Form<LoginForm>,
) -> Response {
    let key = format!("{}|{}", addr.ip(), f.name);
    {
        let mut fails = state.failures.lock().expect("lock");
        let list = fails.entry(key.clone()).or_default();
        list.retain(|t| t.elapsed() < FAILURE_WINDOW);
        if list.len() >= MAX_FAILURES {
            return (
                StatusCode::TOO_MANY_REQUESTS,
                Html(pages::login_form(Some(
                    "Too many failed attempts. Wait 15 minutes and try again.",
                ))),
            )
                .into_response();
        }
    }
    let user = state
        .store
        .lock()
        .expect("lock")
        .check_password(&f.name, &f.password)
        .ok()
        .flatten();
    let Some(user) = user else {
        state
            .failures
            .lock()
            .expect("lock")
            .entry(key)
            .or_default()
            .push(Instant::now());
        return (
            StatusCode::UNAUTHORIZED,
            Html(pages::login_form(Some("Wrong name or password."))),
        )
            .into_response();
    };
    state.failures.lock().expect("lock").remove(&key);
    let Ok((token, _)) = state.store.lock().expect("lock").create_session(&user, 12) else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "cannot start a session").into_response();
    };
    let cookie = format!("{COOKIE_NAME}={token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=43200");
    let mut r = redirect("/");
    r.headers_mut()
        .insert(SET_COOKIE, HeaderValue::from_str(&cookie).expect("cookie"));
    r
}

#[derive(Deserialize)]
struct CsrfForm {
    csrf: String,
}

async fn logout(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Form(f): Form<CsrfForm>,
) -> Response {
    let (Some(s), Some(token)) = (session(&state, &headers), cookie_token(&headers)) else {
        return redirect("/login");
    };
    if s.csrf != f.csrf {
        return (StatusCode::FORBIDDEN, "missing or wrong CSRF token").into_response();
    }
    let _ = state.store.lock().expect("lock").end_session(&token);
    let mut r = redirect("/login");
    r.headers_mut().insert(
        SET_COOKIE,
        HeaderValue::from_static("casefile_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0"),
    );
    r
}

async fn openapi() -> Response {
    (
        [(CONTENT_TYPE, "application/json")],
        include_str!("openapi.json"),
    )
        .into_response()
}

async fn api_session(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    match session(&state, &headers) {
        Some(s) => Json(json!({"user": s.user.name, "role": s.user.role, "csrf": s.csrf, "case": state.case_name})).into_response(),
        None => api_unauthorised(),
    }
}

macro_rules! api_get {
    ($name:ident, $f:expr) => {
        async fn $name(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
            if session(&state, &headers).is_none() {
                return api_unauthorised();
            }
            let file = state.file();
            let f: fn(&CaseFile) -> serde_json::Value = $f;
            Json(f(&file)).into_response()
        }
    };
}

api_get!(api_case, |c| serde_json::to_value(c).unwrap_or_default());
api_get!(api_entities, |c| serde_json::to_value(&c.entities)
    .unwrap_or_default());
api_get!(api_events, |c| serde_json::to_value(&c.events)
    .unwrap_or_default());
api_get!(api_discrepancies, |c| serde_json::to_value(
    &c.discrepancies
)
.unwrap_or_default());

async fn api_decisions(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    if session(&state, &headers).is_none() {
        return api_unauthorised();
    }
    let records = state
        .store
        .lock()
        .expect("lock")
        .decisions(state.case_id)
        .unwrap_or_default();
    Json(records.iter().map(|r| json!({"seq": r.seq, "decision": r.decision, "made_at": r.made_at, "made_by": r.made_by, "hash": r.hash})).collect::<Vec<_>>()).into_response()
}

/// A change asked for through the API or a page's form.
#[derive(Deserialize)]
#[serde(tag = "op", rename_all = "kebab-case")]
pub(crate) enum Change {
    Merge {
        a: String,
        b: String,
    },
    KeepApart {
        a: String,
        b: String,
    },
    Split {
        entity: String,
        mentions: Vec<Span>,
    },
    Undo {
        seq: i64,
    },
    /// `event` is an event id (event-003); `field` is date, type or place.
    EditEvent {
        event: String,
        field: String,
        value: String,
    },
    SetVerdict {
        subject: String,
        attribute: String,
        verdict: casefile_model::Verdict,
    },
    /// The extraction is wrong: drop the entity.
    Reject {
        entity: String,
    },
    /// The extraction is right.
    Confirm {
        entity: String,
    },
    /// A note on an entity (id or name) or an event (id).
    Note {
        entity: Option<String>,
        event: Option<String>,
        text: String,
    },
}

/// Find an entity's name by id, name or alias.
fn entity_name(file: &CaseFile, what: &str) -> Option<String> {
    let w = what.to_lowercase();
    file.entities
        .iter()
        .find(|e| {
            e.id == what
                || e.name.to_lowercase() == w
                || e.aliases.iter().any(|a| a.to_lowercase() == w)
        })
        .map(|e| e.name.clone())
}

/// Record a change as a decision, by a signed-in editor or owner, and rebuild.
pub(crate) fn apply_change(
    state: &AppState,
    s: &Session,
    change: Change,
) -> Result<serde_json::Value, (StatusCode, String)> {
    if s.user.role == "viewer" {
        return Err((
            StatusCode::FORBIDDEN,
            "viewers cannot change the case".into(),
        ));
    }
    let file = state.file();
    let bad = |m: String| (StatusCode::UNPROCESSABLE_ENTITY, m);
    let decision = match change {
        Change::Merge { a, b } => match (entity_name(&file, &a), entity_name(&file, &b)) {
            (Some(x), Some(y)) if x != y => Decision::Merge { a: x, b: y },
            (Some(_), Some(_)) => return Err(bad(format!("“{a}” and “{b}” are already one"))),
            _ => return Err(bad(format!("no entity “{a}” or “{b}”"))),
        },
        Change::KeepApart { a, b } => Decision::KeepApart { a, b },
        Change::Split { entity, mentions } => match entity_name(&file, &entity) {
            Some(e) => Decision::Split {
                entity: e,
                mentions,
            },
            None => return Err(bad(format!("no entity “{entity}”"))),
        },
        Change::Undo { seq } => Decision::Undo { seq },
        Change::EditEvent {
            event,
            field,
            value,
        } => {
            let Some(ev) = file.events.iter().find(|e| e.id == event) else {
                return Err(bad(format!("no event “{event}”")));
            };
            if field == "date" && casefile_pipeline::parse_date(&value).is_none() {
                return Err(bad(format!(
                    "“{value}” is not a date: write 2021, 2021-02 or 2021-02-04"
                )));
            }
            if !matches!(
                field.as_str(),
                "date" | "type" | "place" | "add-participant" | "remove-participant"
            ) {
                return Err(bad(format!("cannot edit “{field}”: date, type, place, add-participant or remove-participant")));
            }
            let name = |id: &str| {
                file.entity(id)
                    .map(|e| e.name.clone())
                    .unwrap_or_else(|| id.to_string())
            };
            let before = match field.as_str() {
                "date" => ev.date.as_ref().map(|d| d.value.clone()),
                "type" => Some(ev.r#type.clone()),
                "place" => ev.place.as_deref().map(name),
                _ => Some(
                    ev.participants
                        .iter()
                        .map(|p| format!("{}:{}", name(&p.entity), p.role))
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
            };
            Decision::EditEvent {
                event: ev.sources[0].clone(),
                field,
                value,
                before,
            }
        }
        Change::SetVerdict {
            subject,
            attribute,
            verdict,
        } => {
            let before = file
                .discrepancies
                .iter()
                .find(|d| d.subject == subject && d.attribute == attribute)
                .map(|d| d.verdict);
            Decision::SetVerdict {
                subject,
                attribute,
                verdict,
                before,
            }
        }
        Change::Reject { entity } => match entity_name(&file, &entity) {
            Some(e) => Decision::Reject { entity: e },
            None => return Err(bad(format!("no entity “{entity}”"))),
        },
        Change::Confirm { entity } => match entity_name(&file, &entity) {
            Some(e) => Decision::Confirm { entity: e },
            None => return Err(bad(format!("no entity “{entity}”"))),
        },
        Change::Note {
            entity,
            event,
            text,
        } => {
            if text.trim().is_empty() {
                return Err(bad("an empty note".into()));
            }
            let entity = match entity {
                Some(e) => {
                    Some(entity_name(&file, &e).ok_or_else(|| bad(format!("no entity “{e}”")))?)
                }
                None => None,
            };
            let event = match event {
                Some(id) => Some(
                    file.events
                        .iter()
                        .find(|e| e.id == id)
                        .map(|e| e.sources[0].clone())
                        .ok_or_else(|| bad(format!("no event “{id}”")))?,
                ),
                None => None,
            };
            if entity.is_none() && event.is_none() {
                return Err(bad("a note needs an entity or an event".into()));
            }
            Decision::Note {
                entity,
                event,
                text,
            }
        }
    };
    let mut store = state.store.lock().expect("lock");
    store
        .add_decision(state.case_id, &decision, &s.user.name)
        .map_err(|e| (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    let f = rebuild(&mut store, state.case_id, &state.case_name)
        .map_err(|e| (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    let n = f.entities.len();
    *state.file.write().expect("lock") = Arc::new(f);
    Ok(json!({"ok": true, "decision": decision, "by": s.user.name, "entities": n}))
}

async fn api_decide(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Json(change): Json<Change>,
) -> Response {
    let Some(s) = session(&state, &headers) else {
        return api_unauthorised();
    };
    let csrf = headers.get("x-csrf-token").and_then(|v| v.to_str().ok());
    if csrf != Some(s.csrf.as_str()) {
        return (
            StatusCode::FORBIDDEN,
            Json(json!({"error": "missing or wrong X-CSRF-Token header"})),
        )
            .into_response();
    }
    match apply_change(&state, &s, change) {
        Ok(v) => Json(v).into_response(),
        Err((code, m)) => (code, Json(json!({"error": m}))).into_response(),
    }
}

/// A change from a page's form: the fields of [`Change`], the CSRF token, and where to go back.
#[derive(Deserialize)]
pub(crate) struct ChangeForm {
    op: String,
    csrf: String,
    back: Option<String>,
    a: Option<String>,
    b: Option<String>,
    seq: Option<i64>,
    event: Option<String>,
    field: Option<String>,
    value: Option<String>,
}

async fn ui_decide(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Form(f): Form<ChangeForm>,
) -> Response {
    let Some(s) = session(&state, &headers) else {
        return redirect("/login");
    };
    if f.csrf != s.csrf {
        return (
            StatusCode::FORBIDDEN,
            Html("missing or wrong CSRF token".to_string()),
        )
            .into_response();
    }
    let text = |o: Option<String>| o.unwrap_or_default();
    let change = match f.op.as_str() {
        "merge" => Change::Merge {
            a: text(f.a),
            b: text(f.b),
        },
        "keep-apart" => Change::KeepApart {
            a: text(f.a),
            b: text(f.b),
        },
        "undo" => Change::Undo {
            seq: f.seq.unwrap_or(0),
        },
        "edit-event" => Change::EditEvent {
            event: text(f.event),
            field: text(f.field),
            value: text(f.value),
        },
        "split" => {
            // every mention of the entity written as the chosen form
            let file = state.file();
            let entity = text(f.a);
            let form = text(f.value);
            let mentions: Vec<Span> = file
                .entities
                .iter()
                .filter(|e| e.id == entity)
                .flat_map(|e| {
                    e.mentions
                        .iter()
                        .filter(|m| file.span_text(m) == form)
                        .cloned()
                })
                .collect();
            Change::Split { entity, mentions }
        }
        "reject" => Change::Reject { entity: text(f.a) },
        "confirm" => Change::Confirm { entity: text(f.a) },
        "note" => Change::Note {
            entity: f.a.filter(|x| !x.is_empty()),
            event: f.event.filter(|x| !x.is_empty()),
            text: text(f.value),
        },
        "set-verdict" => match serde_json::from_value(json!(text(f.value))) {
            Ok(v) => Change::SetVerdict {
                subject: text(f.a),
                attribute: text(f.b),
                verdict: v,
            },
            Err(_) => {
                return (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    Html("unknown verdict".to_string()),
                )
                    .into_response()
            }
        },
        other => {
            return (
                StatusCode::UNPROCESSABLE_ENTITY,
                Html(format!("unknown change “{}”", h(other))),
            )
                .into_response()
        }
    };
    let back = f
        .back
        .filter(|b| b.starts_with('/') && !b.starts_with("//"))
        .unwrap_or_else(|| "/".into());
    match apply_change(&state, &s, change) {
        Ok(_) => redirect(&back),
        Err((code, m)) => (
            code,
            Html(pages::message("The change was not made", &m, &back)),
        )
            .into_response(),
    }
}

/// A search: words, and optionally an entity (id or name) the report must mention and a date
/// range (ISO) its publication must fall in.
#[derive(Deserialize, Default)]
pub(crate) struct SearchQuery {
    pub q: Option<String>,
    pub entity: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// Run a search against the store and filter it by entity and dates.
pub(crate) fn search(state: &AppState, q: &SearchQuery) -> Vec<casefile_store::SearchHit> {
    let words = q.q.clone().unwrap_or_default();
    let hits = state
        .store
        .lock()
        .expect("lock")
        .search(state.case_id, &words, 200)
        .unwrap_or_default();
    let file = state.file();
    let entity_docs: Option<Vec<String>> = q.entity.as_deref().filter(|e| !e.is_empty()).map(|e| {
        let w = e.to_lowercase();
        file.entities
            .iter()
            .filter(|x| {
                x.id == e
                    || x.name.to_lowercase() == w
                    || x.aliases.iter().any(|a| a.to_lowercase() == w)
            })
            .flat_map(|x| x.mentions.iter().map(|m| m.doc.clone()))
            .collect()
    });
    let from = q.from.clone().filter(|f| !f.is_empty());
    let to = q.to.clone().filter(|t| !t.is_empty());
    hits.into_iter()
        .filter(|h| entity_docs.as_ref().is_none_or(|d| d.contains(&h.doc)))
        .filter(|h| {
            from.as_ref()
                .is_none_or(|f| !h.published.is_empty() && h.published.as_str() >= f.as_str())
        })
        .filter(|h| {
            to.as_ref().is_none_or(|t| {
                !h.published.is_empty()
                    && &h.published[..h.published.len().min(t.len())] <= t.as_str()
            })
        })
        .collect()
}

async fn api_search(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    axum::extract::Query(q): axum::extract::Query<SearchQuery>,
) -> Response {
    if session(&state, &headers).is_none() {
        return api_unauthorised();
    }
    let hits = search(&state, &q);
    let marked = |t: &str| t.replace('\u{E000}', "[").replace('\u{E001}', "]");
    Json(
        hits.iter()
            .map(|h| json!({"doc": h.doc, "published": h.published, "snippet": marked(&h.snippet)}))
            .collect::<Vec<_>>(),
    )
    .into_response()
}

/// Escape for HTML (re-exported for the pages).
pub(crate) fn h(s: &str) -> String {
    esc(s)
}
