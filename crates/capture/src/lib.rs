//! Capture: a web page fetched by its address and kept as evidence.
//!
//! [`capture`] fetches a page with `ureq` over rustls (redirects followed one at a time, so each
//! is recorded; a time limit over the whole exchange; a size limit read before the body is kept;
//! a User-Agent that says what is asking) and writes the exchange as WARC/1.1 records
//! ([`warc`]): a `warcinfo` record, then a `request` and a `response` record for every hop of
//! the redirect chain, then a `metadata` record with casefile's version, the capture time (UTC)
//! and the chain. The caller stores the WARC byte for byte and ingests the final page as a report.
//!
//! What the WARC holds, exactly: the request is the one casefile sent (its method, path and
//! headers); the response is the status line and the headers as the server sent them (names in
//! lower case, as the HTTP library gives them) and the body as it was transferred, de-chunked
//! when the server sent it in chunks (the `transfer-encoding` header is then left out of the
//! record and named in the metadata record), never decompressed.

use std::time::Duration;

use sha2::{Digest, Sha256};

pub mod warc;

/// How a capture behaves.
#[derive(Debug, Clone)]
pub struct Options {
    /// The time limit for one address, redirects included.
    pub timeout: Duration,
    /// The largest body kept; a larger page is refused, not cut.
    pub max_bytes: u64,
    pub max_redirects: usize,
    pub user_agent: String,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            timeout: Duration::from_secs(30),
            max_bytes: 32 * 1024 * 1024,
            max_redirects: 10,
            user_agent: format!(
                "casefile/{} (evidence capture for human-rights documentation)",
                env!("CARGO_PKG_VERSION")
            ),
        }
    }
}

/// One request and its response.
#[derive(Debug, Clone)]
pub struct Hop {
    pub url: String,
    pub status: u16,
    /// The request as sent (head only: a GET has no body).
    pub request: Vec<u8>,
    /// The response's status line and headers.
    pub head: Vec<u8>,
    /// The response body as transferred.
    pub payload: Vec<u8>,
    /// The body came in chunks (de-chunked in the record).
    pub chunked: bool,
}

/// A page captured: the chain of exchanges, the page, and the WARC that keeps them.
#[derive(Debug, Clone)]
pub struct Captured {
    /// The address asked for.
    pub requested: String,
    /// The address the page was finally served from.
    pub url: String,
    /// When the capture began, UTC, ISO 8601.
    pub captured_at: String,
    pub hops: Vec<Hop>,
    /// The final page's body, decompressed when the server compressed it unasked.
    pub page: Vec<u8>,
    /// The charset named by the final response's `Content-Type`, if any.
    pub charset: Option<String>,
    pub content_type: Option<String>,
    /// SHA-256 (hex) of the final response's payload as transferred.
    pub payload_sha256: String,
    /// The WARC records, each a gzip member.
    pub warc: Vec<u8>,
    /// SHA-256 (hex) of `warc`.
    pub warc_sha256: String,
}

/// Why an address was not captured. Each reads as the end of "URL: …".
#[derive(Debug)]
pub enum CaptureError {
    BadUrl(String),
    Unreachable(String),
    Timeout(Duration),
    Status(u16, String),
    TooLarge(u64),
    TooManyRedirects(usize),
    BadRedirect(String),
}

impl std::fmt::Display for CaptureError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CaptureError::BadUrl(why) => write!(f, "not a web address casefile can fetch: {why}"),
            CaptureError::Unreachable(why) => write!(f, "could not be reached: {why}"),
            CaptureError::Timeout(d) => write!(
                f,
                "no complete answer within {} s: nothing kept (try again, or raise --timeout)",
                d.as_secs()
            ),
            CaptureError::Status(code, reason) => write!(
                f,
                "the server answered {code} {reason}: nothing kept (the page is gone, or the address is wrong)"
            ),
            CaptureError::TooLarge(limit) => write!(
                f,
                "the page is over the {} MiB limit for one report: nothing kept",
                limit / (1024 * 1024)
            ),
            CaptureError::TooManyRedirects(n) => {
                write!(f, "more than {n} redirects: nothing kept")
            }
            CaptureError::BadRedirect(why) => write!(f, "a redirect casefile cannot follow: {why}"),
        }
    }
}

impl std::error::Error for CaptureError {}

fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Fetch `address`, following redirects, and write the WARC of the whole exchange.
pub fn capture(address: &str, opts: &Options) -> Result<Captured, CaptureError> {
    let started = std::time::Instant::now();
    let captured_at = now();
    let mut url = parse(address)?;
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .max_redirects(0)
        .max_redirects_will_error(false)
        .http_status_as_error(false)
        .timeout_global(Some(opts.timeout))
        .user_agent(opts.user_agent.as_str())
        .build()
        .into();
    let mut hops: Vec<Hop> = Vec::new();
    loop {
        let left = opts.timeout.saturating_sub(started.elapsed());
        if left.is_zero() {
            return Err(CaptureError::Timeout(opts.timeout));
        }
        let (hop, content_type, encoding, location) = fetch(&agent, &url, opts, left)?;
        let status = hop.status;
        hops.push(hop);
        if (300..400).contains(&status) {
            if hops.len() > opts.max_redirects {
                return Err(CaptureError::TooManyRedirects(opts.max_redirects));
            }
            let to = location.ok_or_else(|| {
                CaptureError::BadRedirect(format!("status {status} with no Location"))
            })?;
            url = url
                .join(&to)
                .map_err(|e| CaptureError::BadRedirect(format!("{to}: {e}")))?;
            if !matches!(url.scheme(), "http" | "https") {
                return Err(CaptureError::BadRedirect(format!(
                    "to a {} address",
                    url.scheme()
                )));
            }
            continue;
        }
        if status >= 400 {
            let reason = http_reason(status);
            return Err(CaptureError::Status(status, reason.to_string()));
        }
        let last = hops.last().expect("one hop at least");
        let page = decompress(&last.payload, encoding.as_deref());
        let payload_sha256 = hex::encode(Sha256::digest(&last.payload));
        let charset = content_type.as_deref().and_then(charset_of);
        let mut c = Captured {
            requested: address.to_string(),
            url: url.to_string(),
            captured_at,
            hops,
            page,
            charset,
            content_type,
            payload_sha256,
            warc: Vec::new(),
            warc_sha256: String::new(),
        };
        c.warc = write_warc(&c);
        c.warc_sha256 = hex::encode(Sha256::digest(&c.warc));
        return Ok(c);
    }
}

fn parse(address: &str) -> Result<url::Url, CaptureError> {
    let url = url::Url::parse(address.trim()).map_err(|e| {
        CaptureError::BadUrl(format!("{e} (write it in full, with http:// or https://)"))
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(CaptureError::BadUrl(format!(
            "{} addresses are not fetched; only http and https",
            url.scheme()
        )));
    }
    if url.host_str().is_none() {
        return Err(CaptureError::BadUrl("it names no host".into()));
    }
    Ok(url)
}

type Fetched = (Hop, Option<String>, Option<String>, Option<String>);

/// One GET: the hop, the Content-Type, the Content-Encoding and the Location.
fn fetch(
    agent: &ureq::Agent,
    url: &url::Url,
    opts: &Options,
    left: Duration,
) -> Result<Fetched, CaptureError> {
    const ACCEPT: &str =
        "text/html,application/xhtml+xml,application/pdf,text/plain;q=0.9,*/*;q=0.5";
    let mut path = url.path().to_string();
    if let Some(q) = url.query() {
        path.push('?');
        path.push_str(q);
    }
    let host = match url.port() {
        Some(p) => format!("{}:{p}", url.host_str().unwrap_or_default()),
        None => url.host_str().unwrap_or_default().to_string(),
    };
    let request = format!(
        "GET {path} HTTP/1.1\r\nhost: {host}\r\nuser-agent: {}\r\naccept: {ACCEPT}\r\n\r\n",
        opts.user_agent
    )
    .into_bytes();
    let response = agent
        .get(url.as_str())
        .header("accept", ACCEPT)
        .config()
        .timeout_global(Some(left))
        .build()
        .call()
        .map_err(|e| failure(e, opts))?;
    let status = response.status();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    if let Some(len) = header("content-length").and_then(|l| l.trim().parse::<u64>().ok()) {
        if len > opts.max_bytes {
            return Err(CaptureError::TooLarge(opts.max_bytes));
        }
    }
    let chunked =
        header("transfer-encoding").is_some_and(|t| t.to_ascii_lowercase().contains("chunked"));
    let mut head = format!(
        "{:?} {} {}\r\n",
        response.version(),
        status.as_u16(),
        status.canonical_reason().unwrap_or("")
    );
    for (name, value) in response.headers() {
        if chunked && name.as_str().eq_ignore_ascii_case("transfer-encoding") {
            continue;
        }
        head.push_str(name.as_str());
        head.push_str(": ");
        head.push_str(&String::from_utf8_lossy(value.as_bytes()));
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    let (content_type, encoding, location) = (
        header("content-type"),
        header("content-encoding"),
        header("location"),
    );
    let payload = response
        .into_body()
        .with_config()
        .limit(opts.max_bytes)
        .read_to_vec()
        .map_err(|e| failure(e, opts))?;
    Ok((
        Hop {
            url: url.to_string(),
            status: status.as_u16(),
            request,
            head: head.into_bytes(),
            payload,
            chunked,
        },
        content_type,
        encoding,
        location,
    ))
}

fn failure(e: ureq::Error, opts: &Options) -> CaptureError {
    match e {
        ureq::Error::Timeout(_) => CaptureError::Timeout(opts.timeout),
        ureq::Error::BodyExceedsLimit(_) => CaptureError::TooLarge(opts.max_bytes),
        ureq::Error::HostNotFound => CaptureError::Unreachable("no such host".into()),
        ureq::Error::ConnectionFailed => {
            CaptureError::Unreachable("the connection was refused or failed".into())
        }
        ureq::Error::BadUri(u) => CaptureError::BadUrl(u),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
            CaptureError::Timeout(opts.timeout)
        }
        other => CaptureError::Unreachable(other.to_string()),
    }
}

fn http_reason(status: u16) -> &'static str {
    ureq::http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("")
}

/// The charset a `Content-Type` names ("text/html; charset=windows-1251").
pub fn charset_of(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches('"').to_string())
    })
}

/// A body the server compressed although casefile did not ask it to: decompressed for reading
/// (the WARC keeps it as sent).
fn decompress(payload: &[u8], encoding: Option<&str>) -> Vec<u8> {
    use std::io::Read;
    let mut out = Vec::new();
    let ok = match encoding.map(|e| e.trim().to_ascii_lowercase()) {
        Some(e) if e == "gzip" || e == "x-gzip" => flate2::read::MultiGzDecoder::new(payload)
            .read_to_end(&mut out)
            .is_ok(),
        Some(e) if e == "deflate" => flate2::read::ZlibDecoder::new(payload)
            .read_to_end(&mut out)
            .is_ok(),
        _ => false,
    };
    if ok {
        out
    } else {
        payload.to_vec()
    }
}

/// The WARC of a capture: warcinfo, request and response for each hop, metadata.
fn write_warc(c: &Captured) -> Vec<u8> {
    use warc::{digest, record_id, Kind, Record};
    let mut out = Vec::new();
    let info = format!(
        "software: casefile/{}\r\nformat: WARC File Format 1.1\r\nconformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\nrobots: ignore (evidence capture of a page a person chose)\r\n",
        env!("CARGO_PKG_VERSION")
    );
    let info_id = record_id();
    out.extend(
        Record {
            kind: Kind::Warcinfo,
            id: info_id.clone(),
            date: c.captured_at.clone(),
            target: None,
            content_type: "application/warc-fields".into(),
            fields: vec![],
            block: info.into_bytes(),
        }
        .to_gzip(),
    );
    let mut response_id = String::new();
    for hop in &c.hops {
        let request_id = record_id();
        response_id = record_id();
        let warcinfo = ("WARC-Warcinfo-ID".to_string(), info_id.clone());
        out.extend(
            Record {
                kind: Kind::Request,
                id: request_id.clone(),
                date: c.captured_at.clone(),
                target: Some(hop.url.clone()),
                content_type: "application/http; msgtype=request".into(),
                fields: vec![
                    warcinfo.clone(),
                    ("WARC-Concurrent-To".into(), response_id.clone()),
                ],
                block: hop.request.clone(),
            }
            .to_gzip(),
        );
        let mut block = hop.head.clone();
        block.extend_from_slice(&hop.payload);
        out.extend(
            Record {
                kind: Kind::Response,
                id: response_id.clone(),
                date: c.captured_at.clone(),
                target: Some(hop.url.clone()),
                content_type: "application/http; msgtype=response".into(),
                fields: vec![
                    warcinfo,
                    ("WARC-Concurrent-To".into(), request_id),
                    ("WARC-Payload-Digest".into(), digest(&hop.payload)),
                ],
                block,
            }
            .to_gzip(),
        );
    }
    let mut meta = format!(
        "software: casefile/{}\r\ncapture-time: {}\r\nrequested-uri: {}\r\nfinal-uri: {}\r\npayload-sha256: {}\r\n",
        env!("CARGO_PKG_VERSION"),
        c.captured_at,
        c.requested,
        c.url,
        c.payload_sha256
    );
    for (i, hop) in c.hops.iter().enumerate() {
        meta.push_str(&format!("hop-{}: {} {}\r\n", i + 1, hop.status, hop.url));
        if hop.chunked {
            meta.push_str(&format!(
                "hop-{}-note: sent with transfer-encoding: chunked; the record holds the body de-chunked, without that header\r\n",
                i + 1
            ));
        }
    }
    out.extend(
        Record {
            kind: Kind::Metadata,
            id: record_id(),
            date: c.captured_at.clone(),
            target: Some(c.url.clone()),
            content_type: "application/warc-fields".into(),
            fields: vec![("WARC-Refers-To".into(), response_id)],
            block: meta.into_bytes(),
        }
        .to_gzip(),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charsets_are_read_from_content_types() {
        assert_eq!(
            charset_of("text/html; charset=windows-1251").as_deref(),
            Some("windows-1251")
        );
        assert_eq!(
            charset_of("text/html;CHARSET=\"utf-8\"").as_deref(),
            Some("utf-8")
        );
        assert_eq!(charset_of("text/html"), None);
    }

    #[test]
    fn addresses_casefile_cannot_fetch_are_named() {
        for bad in [
            "example.org/page",
            "ftp://example.org/",
            "file:///etc/passwd",
            "http://",
        ] {
            let e = parse(bad).err().unwrap_or_else(|| panic!("{bad} accepted"));
            assert!(matches!(e, CaptureError::BadUrl(_)), "{bad}: {e}");
        }
        assert!(parse("https://example.org/a?b=c").is_ok());
    }
}
