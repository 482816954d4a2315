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
use casefile_desk::{Actor, Change, Desk, DeskError, MentionRef, SearchQuery, Session};
use casefile_model::{CaseFile, EventField};
use casefile_report::html::esc;
use serde::Deserialize;
use serde_json::json;

mod pages;

const COOKIE_NAME: &str = "casefile_session";
const MAX_FAILURES: usize = 5;
const FAILURE_WINDOW: Duration = Duration::from_secs(15 * 60);

/// The server's state: the case's desk (one store connection, serialised) and the current case
/// file, shared by readers.
pub struct AppState {
    desk: Mutex<Desk>,
    case_name: String,
    file: RwLock<Arc<CaseFile>>,
    failures: Mutex<HashMap<String, Vec<Instant>>>,
    /// The `Host` values this server answers to (its bound address, by number and as
    /// localhost); empty until it is bound.
    hosts: RwLock<Vec<String>>,
    /// The store's generation when `file` was last read: another process (an `add`) that
    /// commits changes it, and the next request reads the case again.
    seen: Mutex<i64>,
    /// Each session's signing key, unlocked by the password at sign-in and held in memory only
    /// (by the session's CSRF token): the decisions made in the session are signed with it.
    signers: Mutex<HashMap<String, casefile_desk::Signer>>,
}

impl AppState {
    pub fn new(mut desk: Desk) -> Result<Arc<Self>, DeskError> {
        let file = desk.current()?;
        let seen = desk.generation()?;
        Ok(Arc::new(AppState {
            seen: Mutex::new(seen),
            signers: Mutex::new(HashMap::new()),
            case_name: desk.case_name().to_string(),
            desk: Mutex::new(desk),
            file: RwLock::new(Arc::new(file)),
            failures: Mutex::new(HashMap::new()),
            hosts: RwLock::new(Vec::new()),
        }))
    }
    /// The current case file: read again first when another process changed the store (reports
    /// added by `casefile add` while the server runs, rebuilt if that add was cut off).
    fn file(&self) -> Arc<CaseFile> {
        self.refresh();
        self.file.read().expect("lock").clone()
    }
    fn refresh(&self) {
        let mut desk = self.desk();
        let Ok(now) = desk.generation() else {
            return;
        };
        let mut seen = self.seen.lock().expect("lock");
        if *seen == now {
            return;
        }
        if let Ok(f) = desk.current() {
            *self.file.write().expect("lock") = Arc::new(f);
            // a rebuild here is this connection's own write: the generation stays
            *seen = now;
        }
    }
    pub(crate) fn desk(&self) -> std::sync::MutexGuard<'_, Desk> {
        self.desk.lock().expect("lock")
    }
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
        .layer(axum::middleware::map_response(protect))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            same_site,
        ))
        .with_state(state)
}

/// Serve until the process is stopped. `on_ready` gets the bound address.
pub async fn serve(
    state: Arc<AppState>,
    bind: SocketAddr,
    on_ready: impl FnOnce(SocketAddr),
) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(bind).await?;
    let addr = listener.local_addr()?;
    *state.hosts.write().expect("lock") = hosts_for(addr);
    on_ready(addr);
    axum::serve(
        listener,
        router(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .await
}

/// The `Host` values a server bound to `addr` answers to.
fn hosts_for(addr: SocketAddr) -> Vec<String> {
    let port = addr.port();
    let mut hosts = vec![addr.to_string()];
    if addr.ip().is_loopback() {
        hosts.extend([
            format!("localhost:{port}"),
            format!("127.0.0.1:{port}"),
            format!("[::1]:{port}"),
        ]);
    }
    hosts
}

/// Refuse a request for another host (DNS rebinding: a page of another site whose name now
/// points here), and a change sent from another origin (a page of another site posting a form
/// here), before any work is done.
async fn same_site(
    State(state): State<Arc<AppState>>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let refused = refusal(&state.hosts.read().expect("lock"), &req);
    match refused {
        Some(r) => r.into_response(),
        None => next.run(req).await,
    }
}

/// Why [`same_site`] refuses a request, if it does (nothing is checked until the server knows
/// the hosts it answers to).
fn refusal(hosts: &[String], req: &axum::extract::Request) -> Option<(StatusCode, &'static str)> {
    if hosts.is_empty() {
        return None;
    }
    let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok());
    if !header("host").is_some_and(|h| hosts.iter().any(|x| x == h)) {
        return Some((StatusCode::MISDIRECTED_REQUEST, "unknown host"));
    }
    let changes =
        req.method() != axum::http::Method::GET && req.method() != axum::http::Method::HEAD;
    // an origin of "null" is what a page that hides its origin sends: not ours, whose pages
    // send their origin to this site
    let foreign = header("origin").is_some_and(|o| {
        let host = o.split_once("://").map(|(_, h)| h).unwrap_or(o);
        o == "null" || !hosts.iter().any(|h| h == host)
    });
    (changes && foreign).then_some((
        StatusCode::FORBIDDEN,
        "a change from another site is refused",
    ))
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
    state.desk().session(&token).ok().flatten()
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
    // a form without a field is a failed sign-in like any other, not a malformed request
    #[serde(default)]
    name: String,
    #[serde(default)]
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
        // each attempt counts as a failure until it succeeds, so that attempts made at once
        // cannot slip past the limit
        list.push(Instant::now());
        if list.len() > MAX_FAILURES {
            return (
                StatusCode::TOO_MANY_REQUESTS,
                Html(pages::login_form(Some(
                    "Too many failed attempts. Wait 15 minutes and try again.",
                ))),
            )
                .into_response();
        }
    }
    let signed_in = state.desk().sign_in(&f.name, &f.password);
    let Ok(signed_in) = signed_in else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "cannot start a session").into_response();
    };
    let Some((token, session)) = signed_in else {
        return (
            StatusCode::UNAUTHORIZED,
            Html(pages::login_form(Some("Wrong name or password."))),
        )
            .into_response();
    };
    state.failures.lock().expect("lock").remove(&key);
    if let Ok(Some(signer)) = state.desk().unlock_key(&f.name, &f.password) {
        state
            .signers
            .lock()
            .expect("lock")
            .insert(session.csrf.clone(), signer);
    }
    let cookie = format!(
        "{COOKIE_NAME}={token}; HttpOnly; SameSite=Strict; Path=/; Max-Age={}",
        casefile_desk::SESSION_HOURS * 3600
    );
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
    let _ = state.desk().sign_out(&token);
    state.signers.lock().expect("lock").remove(&s.csrf);
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
        Some(s) => {
            let version = state.desk().version().unwrap_or(0);
            Json(json!({"user": s.user.name, "role": s.user.role, "csrf": s.csrf, "case": state.case_name, "version": version})).into_response()
        }
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
    let records = state.desk().decisions().unwrap_or_default();
    Json(records.iter().map(|r| json!({"seq": r.seq, "decision": r.decision, "made_at": r.made_at, "made_by": r.made_by, "hash": r.hash})).collect::<Vec<_>>()).into_response()
}

/// Record a change as a decision by the signed-in account (the desk checks its role and the
/// change), and put the rebuilt case file in place.
pub(crate) fn apply_change(
    state: &AppState,
    s: &Session,
    change: Change,
    base: Option<i64>,
) -> Result<serde_json::Value, (StatusCode, String)> {
    let signer = state.signers.lock().expect("lock").get(&s.csrf).cloned();
    let actor = Actor::from(s).signing(signer);
    let (decision, file) = state.desk().decide_on(change, &actor, base).map_err(|e| {
        let code = match e {
            DeskError::Conflict(_) => StatusCode::CONFLICT,
            DeskError::Forbidden(_) => StatusCode::FORBIDDEN,
            DeskError::Invalid(_) | DeskError::Nothing(_) => StatusCode::UNPROCESSABLE_ENTITY,
            DeskError::NotFound(_) => StatusCode::NOT_FOUND,
            DeskError::Store(casefile_desk::StoreError::Busy(_)) => StatusCode::SERVICE_UNAVAILABLE,
            DeskError::Store(_) | DeskError::Partial { .. } => StatusCode::INTERNAL_SERVER_ERROR,
        };
        (code, e.to_string())
    })?;
    let n = file.entities.len();
    *state.file.write().expect("lock") = Arc::new(file);
    Ok(json!({"ok": true, "decision": decision, "by": s.user.name, "entities": n}))
}

/// A change sent to the API, with the version of the case it was made on (optional: without
/// it, the change is applied to the case as it is).
#[derive(Deserialize)]
struct Decide {
    #[serde(flatten)]
    change: Change,
    #[serde(default, deserialize_with = "casefile_model::integral::option_i64")]
    base: Option<i64>,
}

async fn api_decide(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Json(Decide { change, base }): Json<Decide>,
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
    match apply_change(&state, &s, change, base) {
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
    /// The version of the case the page showed.
    base: Option<i64>,
}

impl ChangeForm {
    /// The change a page's form asks for: its fields read as the [`Change`] of that `op`.
    fn change(self) -> Result<Change, String> {
        let text = |o: Option<String>| o.unwrap_or_default();
        Ok(match self.op.as_str() {
            "merge" => Change::Merge {
                a: text(self.a),
                b: text(self.b),
            },
            "keep-apart" => Change::KeepApart {
                a: text(self.a),
                b: text(self.b),
            },
            "undo" => Change::Undo {
                seq: self.seq.unwrap_or(0),
            },
            "edit-event" => Change::EditEvent {
                event: text(self.event),
                field: text(self.field).parse::<EventField>()?,
                value: text(self.value),
            },
            // every mention of the entity written as the chosen form
            "split" => Change::Split {
                entity: text(self.a),
                mentions: vec![MentionRef::Written(text(self.value))],
            },
            "reject" => Change::Reject {
                entity: text(self.a),
            },
            "confirm" => Change::Confirm {
                entity: text(self.a),
            },
            "protect" => Change::Protect {
                entity: text(self.a),
            },
            "note" => Change::Note {
                entity: self.a,
                event: self.event,
                text: text(self.value),
            },
            "set-verdict" => Change::SetVerdict {
                subject: text(self.a),
                attribute: text(self.b),
                verdict: text(self.value).parse()?,
            },
            other => return Err(format!("unknown change “{other}”")),
        })
    }
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
    let back = f
        .back
        .clone()
        .filter(|b| local_path(b))
        .unwrap_or_else(|| "/".into());
    let base = f.base;
    let result = f
        .change()
        .map_err(|m| (StatusCode::UNPROCESSABLE_ENTITY, m))
        .and_then(|change| apply_change(&state, &s, change, base));
    match result {
        Ok(_) => redirect(&back),
        Err((code, m)) => (
            code,
            Html(pages::message("The change was not made", &m, &back)),
        )
            .into_response(),
    }
}

/// Whether a `back` link stays on this site: a path, not `//host` or `/\\host` (which browsers
/// read as another host), and nothing a header cannot carry.
fn local_path(b: &str) -> bool {
    b.starts_with('/')
        && !b.starts_with("//")
        && !b.contains('\\')
        && !b.chars().any(char::is_control)
}

/// Headers on every response: nothing cached on disk, no framing, no sniffing, no referrer to
/// other sites (our own forms still carry their origin, which [`same_site`] checks), and a
/// content policy that allows no script.
async fn protect(mut r: Response) -> Response {
    use axum::http::header::{
        CACHE_CONTROL, CONTENT_SECURITY_POLICY, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS,
        X_FRAME_OPTIONS,
    };
    let h = r.headers_mut();
    h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    h.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    r
}

/// Search the case's reports (see [`SearchQuery`]).
pub(crate) fn search(state: &AppState, q: &SearchQuery) -> Vec<casefile_desk::SearchHit> {
    let file = state.file();
    state.desk().search(&file, q).unwrap_or_default()
}

async fn api_search(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    axum::extract::Query(q): axum::extract::Query<SearchQuery>,
) -> Response {
    if session(&state, &headers).is_none() {
        return api_unauthorised();
    }
    for (name, value) in [("from", &q.from), ("to", &q.to)] {
        if value.as_deref().is_some_and(|v| !full_date(v)) {
            return (
                StatusCode::UNPROCESSABLE_ENTITY,
                Json(json!({"error": format!("“{name}” is not a date: write it as 2021-02-04")})),
            )
                .into_response();
        }
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

/// A date written in full as RFC 3339 does (2021-02-04), and a real one.
fn full_date(v: &str) -> bool {
    let b = v.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
        && chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").is_ok()
}

/// Escape for HTML (re-exported for the pages).
pub(crate) fn h(s: &str) -> String {
    esc(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by schemathesis: search dates that are not full dates were taken.
    #[test]
    fn search_dates_are_full_dates() {
        for good in ["2021-02-04", "2024-02-29"] {
            assert!(full_date(good), "{good}");
        }
        for bad in [
            "2021-2-4",
            "+2021-02-04",
            "2021-02-30",
            "2021-02-04x",
            "２０２１-02-04",
            "",
        ] {
            assert!(!full_date(bad), "{bad}");
        }
    }

    fn form(pairs: &[(&str, &str)]) -> ChangeForm {
        let get = |k: &str| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        };
        ChangeForm {
            op: get("op").unwrap_or_default(),
            csrf: "x".into(),
            back: get("back"),
            a: get("a"),
            b: get("b"),
            seq: get("seq").and_then(|s| s.parse().ok()),
            event: get("event"),
            field: get("field"),
            value: get("value"),
            base: get("base").and_then(|s| s.parse().ok()),
        }
    }

    #[test]
    fn back_links_stay_on_the_site() {
        for ok in ["/", "/entities", "/timeline#event-001"] {
            assert!(local_path(ok), "{ok}");
        }
        for bad in [
            "//evil.example",
            "/\\evil.example",
            "https://evil.example",
            "/a\nb",
            "",
        ] {
            assert!(!local_path(bad), "{bad}");
        }
    }

    /// Each page form reads as the change of its op; unknown ops and words are refused.
    #[test]
    fn forms_read_as_changes() {
        type Case<'a> = (&'a [(&'a str, &'a str)], Result<Change, &'a str>);
        let cases: &[Case] = &[
            (
                &[("op", "merge"), ("a", "A"), ("b", "B")],
                Ok(Change::Merge {
                    a: "A".into(),
                    b: "B".into(),
                }),
            ),
            (&[("op", "undo"), ("seq", "3")], Ok(Change::Undo { seq: 3 })),
            (
                &[("op", "split"), ("a", "person-x"), ("value", "Volkova")],
                Ok(Change::Split {
                    entity: "person-x".into(),
                    mentions: vec![MentionRef::Written("Volkova".into())],
                }),
            ),
            (
                &[
                    ("op", "edit-event"),
                    ("event", "event-001"),
                    ("field", "date"),
                    ("value", "2021-02-04"),
                ],
                Ok(Change::EditEvent {
                    event: "event-001".into(),
                    field: EventField::Date,
                    value: "2021-02-04".into(),
                }),
            ),
            (
                &[
                    ("op", "set-verdict"),
                    ("a", "s"),
                    ("b", "age"),
                    ("value", "conflict"),
                ],
                Ok(Change::SetVerdict {
                    subject: "s".into(),
                    attribute: "age".into(),
                    verdict: casefile_model::Verdict::Conflict,
                }),
            ),
            (
                &[("op", "edit-event"), ("event", "e"), ("field", "colour")],
                Err("cannot edit “colour”"),
            ),
            (
                &[("op", "set-verdict"), ("value", "maybe")],
                Err("unknown verdict"),
            ),
            (&[("op", "launch")], Err("unknown change “launch”")),
        ];
        for (pairs, want) in cases {
            let got = form(pairs).change();
            match (want, &got) {
                (Ok(w), Ok(g)) => assert_eq!(w, g, "{pairs:?}"),
                (Err(w), Err(g)) => assert!(g.contains(w), "{pairs:?}: {g}"),
                _ => panic!("{pairs:?}: wanted {want:?}, got {got:?}"),
            }
        }
    }
}
