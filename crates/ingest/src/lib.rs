//! Ingest: report bytes in, a normalised [`Document`] out.
//!
//! 1. The original bytes are kept as they are, with their SHA-256 (the store keeps them).
//! 2. [`encoding`] detects the encoding and decodes, recording an offset map.
//! 3. [`html`] or [`markdown`] turn markup into text (plain text that carries Markdown links is
//!    read as Markdown), again with an offset map.
//! 4. [`normalize`] puts the text in NFC with `\n` line endings.
//! 5. [`metadata`] reads title, outlet, byline, wire, date and URL, each with its span;
//!    [`boilerplate`] marks credits, appeals and prompts.
//!
//! The composed [`OffsetMap`] maps any span of the final text back to the original bytes.

use std::fmt;
use std::path::{Path, PathBuf};

use casefile_model::{Document, Format, MetaField, OffsetMap};
use sha2::{Digest, Sha256};

pub mod boilerplate;
pub mod encoding;
pub mod html;
pub mod markdown;
pub mod metadata;
pub mod normalize;
pub mod pdf;

/// Reports larger than this are refused: no news report or testimony is this long, and reading
/// one would hold the whole file in memory.
pub const MAX_REPORT_BYTES: u64 = 32 * 1024 * 1024;

/// File extensions read when walking a folder.
pub const REPORT_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm", "pdf"];

/// Why a file could not be ingested. Each reads as the end of "FILE: …".
#[derive(Debug)]
pub enum IngestError {
    NotFound,
    Unreadable(std::io::Error),
    Empty,
    TooLarge {
        size: u64,
        limit: u64,
    },
    Binary(String),
    InvalidBytes {
        encoding: &'static str,
        offset: usize,
    },
    NoText(String),
    NoReports,
    /// A pipe, a device or a socket: never opened, since reading one may never end.
    NotRegular,
    /// A PDF that cannot be read, and why.
    Pdf(String),
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IngestError::NotFound => write!(f, "no such file or folder"),
            IngestError::Unreadable(e) => write!(f, "cannot be read: {e}"),
            IngestError::Empty => write!(f, "the file is empty"),
            IngestError::TooLarge { size, limit } => write!(
                f,
                "the file is {} MB, over the {} MB limit for one report; split it or check it is a report",
                size / 1_000_000,
                limit / 1_000_000
            ),
            IngestError::Binary(why) => write!(f, "binary file: {why}"),
            IngestError::InvalidBytes { encoding, offset } => {
                write!(f, "invalid bytes for its encoding {encoding} at byte {offset}; re-save the file as UTF-8")
            }
            IngestError::NoText(why) => write!(f, "no report text: {why}"),
            IngestError::Pdf(why) => write!(f, "unreadable PDF: {why}"),
            IngestError::NotRegular => write!(
                f,
                "not a regular file (a pipe, a device or a socket): skipped without opening it"
            ),
            IngestError::NoReports => write!(
                f,
                "no reports in this folder (looked for {} files)",
                REPORT_EXTENSIONS.iter().map(|e| format!(".{e}")).collect::<Vec<_>>().join(", ")
            ),
        }
    }
}

impl std::error::Error for IngestError {}

/// A path that could not be used, and why.
#[derive(Debug)]
pub struct PathError {
    pub path: PathBuf,
    pub error: IngestError,
}

/// Expand files and folders (recursively) into report files, in a stable order.
/// Explicit files are taken whatever their extension; in folders, only report extensions.
pub fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<PathError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    // folders already walked (by their real path): links to one folder, or loops, walk it once
    let mut seen: std::collections::HashSet<PathBuf> = std::collections::HashSet::new();
    for p in paths {
        let error = |error| PathError {
            path: p.clone(),
            error,
        };
        match std::fs::metadata(p) {
            Err(_) => errors.push(error(IngestError::NotFound)),
            Ok(m) if m.is_file() => files.push(p.clone()),
            Ok(m) if m.is_dir() => {
                let mut found = Vec::new();
                walk(p, &mut found, &mut errors, &mut seen);
                if found.is_empty() {
                    errors.push(error(IngestError::NoReports));
                }
                found.sort();
                files.extend(found);
            }
            Ok(_) => errors.push(error(IngestError::NotRegular)),
        }
    }
    (files, errors)
}

fn walk(
    dir: &Path,
    out: &mut Vec<PathBuf>,
    errors: &mut Vec<PathError>,
    seen: &mut std::collections::HashSet<PathBuf>,
) {
    if let Ok(real) = std::fs::canonicalize(dir) {
        if !seen.insert(real) {
            return;
        }
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(PathError {
                path: dir.to_path_buf(),
                error: IngestError::Unreadable(e),
            });
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        // what the entry is, links followed, without opening it
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        let report_name = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| REPORT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
        if meta.is_dir() {
            walk(&path, out, errors, seen);
        } else if report_name && meta.is_file() {
            out.push(path);
        } else if report_name {
            errors.push(PathError {
                path,
                error: IngestError::NotRegular,
            });
        }
    }
}

/// Read a report's bytes, refusing files over [`MAX_REPORT_BYTES`] before reading them.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, IngestError> {
    let meta = std::fs::metadata(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            IngestError::NotFound
        } else {
            IngestError::Unreadable(e)
        }
    })?;
    if !meta.is_file() {
        return Err(IngestError::NotRegular);
    }
    if meta.len() > MAX_REPORT_BYTES {
        return Err(IngestError::TooLarge {
            size: meta.len(),
            limit: MAX_REPORT_BYTES,
        });
    }
    // read no more than the limit allows, even from a file that grows while it is read
    use std::io::Read;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_REPORT_BYTES + 1).read_to_end(&mut bytes))
        .map_err(IngestError::Unreadable)?;
    if bytes.len() as u64 > MAX_REPORT_BYTES {
        return Err(IngestError::TooLarge {
            size: bytes.len() as u64,
            limit: MAX_REPORT_BYTES,
        });
    }
    Ok(bytes)
}

/// SHA-256 of bytes, hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn format_for(path: &str, bytes: &[u8]) -> Format {
    let ext = path.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    if ext == "pdf" || bytes.starts_with(b"%PDF-") {
        return Format::Pdf;
    }
    match ext.as_str() {
        "html" | "htm" | "xhtml" => Format::Html,
        "md" | "markdown" => Format::Markdown,
        _ => {
            let head: String = String::from_utf8_lossy(&bytes[..bytes.len().min(512)])
                .trim_start()
                .to_ascii_lowercase();
            if head.starts_with("<!doctype html") || head.starts_with("<html") {
                Format::Html
            } else {
                Format::Text
            }
        }
    }
}

/// A report's text with its markup taken out, and what the markup said.
struct Unmarked {
    text: String,
    map: OffsetMap,
    format: Format,
    /// HTML `<title>` and `<meta>` values, with their ranges in the decoded source.
    meta: Vec<(String, String, (usize, usize))>,
    /// The first `<h1>`, in `text`.
    h1: Option<(usize, usize)>,
    notes: Vec<String>,
}

/// Take the markup out of decoded text: HTML, Markdown, or plain text that turns out to carry
/// Markdown links.
fn unmark(decoded: &str, format: Format) -> Unmarked {
    let mut u = Unmarked {
        text: String::new(),
        map: OffsetMap::identity(0, 0),
        format,
        meta: Vec::new(),
        h1: None,
        notes: Vec::new(),
    };
    (u.text, u.map) = match format {
        Format::Html => {
            let h = html::to_text(decoded);
            u.meta = h.meta;
            u.h1 = h.h1;
            (h.text, h.map)
        }
        Format::Markdown => markdown::to_text(decoded),
        Format::Text if markdown::looks_like_markdown(decoded) => {
            u.notes
                .push("plain text with Markdown links: read as Markdown".to_string());
            u.format = Format::Markdown;
            markdown::to_text(decoded)
        }
        Format::Text | Format::Pdf => (decoded.to_string(), OffsetMap::identity(decoded.len(), 0)),
    };
    u
}

/// The boilerplate of a report: the metadata lines, and credits, appeals and footers.
fn boilerplate_of(text: &str, found: &metadata::Found) -> Vec<casefile_model::Boilerplate> {
    let copyright_lines: Vec<(usize, usize)> = found
        .boilerplate
        .iter()
        .filter(|b| b.kind == casefile_model::BoilerplateKind::Copyright)
        .map(|b| (b.start, b.end))
        .collect();
    let mut boiler = found.boilerplate.clone();
    for b in boilerplate::find(text, &copyright_lines) {
        if !boiler.iter().any(|x| x.start <= b.start && b.end <= x.end) {
            boiler.push(b);
        }
    }
    boiler.sort_by_key(|b| (b.start, b.end));
    boiler
}

fn first(fields: &[MetaField], name: &str) -> Option<String> {
    fields
        .iter()
        .find(|m| m.field == name)
        .map(|m| m.value.clone())
}

/// Turn a report's bytes into a [`Document`]. `path` is recorded as given.
pub fn ingest(path: &str, bytes: &[u8]) -> Result<Document, IngestError> {
    ingest_as(path, bytes, format_for(path, bytes), None)
}

/// Turn bytes fetched from the web into a [`Document`]: `content_type` and `charset` are what
/// the server's `Content-Type` said; `path` is the address.
pub fn ingest_fetched(
    path: &str,
    bytes: &[u8],
    content_type: Option<&str>,
    charset: Option<&str>,
) -> Result<Document, IngestError> {
    let mime = content_type
        .and_then(|c| c.split(';').next())
        .map(|m| m.trim().to_ascii_lowercase());
    let format = match mime.as_deref() {
        _ if bytes.starts_with(b"%PDF-") => Format::Pdf,
        Some("text/html" | "application/xhtml+xml") => Format::Html,
        Some("application/pdf") => Format::Pdf,
        Some("text/markdown") => Format::Markdown,
        Some("text/plain") => Format::Text,
        _ => format_for(path, bytes),
    };
    ingest_as(path, bytes, format, charset)
}

fn ingest_as(
    path: &str,
    bytes: &[u8],
    format: Format,
    charset: Option<&str>,
) -> Result<Document, IngestError> {
    let sha256 = sha256_hex(bytes);
    let mut pages = Vec::new();
    let mut furniture = Vec::new();
    let (decoded, u) = if format == Format::Pdf {
        let (decoded, u, p, f) = unmark_pdf(bytes)?;
        (pages, furniture) = (p, f);
        (decoded, u)
    } else {
        let decoded = encoding::decode_with(bytes, format == Format::Html, charset)?;
        let u = unmark(&decoded.text, format);
        (decoded, u)
    };
    let (text, norm_map) = normalize::normalize(&u.text);
    let pages: Vec<casefile_model::PageRange> = pages
        .into_iter()
        .map(|r| {
            let (start, end) = map_through(&norm_map, r.start, r.end);
            casefile_model::PageRange { start, end, ..r }
        })
        .collect();
    if text.trim().is_empty() {
        let why = match u.format {
            Format::Html => {
                "the HTML holds no readable text once scripts, styles and navigation are dropped"
            }
            _ => "the file holds only whitespace",
        };
        return Err(IngestError::NoText(why.into()));
    }
    let map = norm_map.compose(&u.map).compose(&decoded.map);
    let to_original = |s: usize, e: usize| map.map_range(s, e);
    let found = metadata::read(&text, &to_original);
    let mut boiler = boilerplate_of(&text, &found);
    for (s, e, kind) in furniture {
        let (start, end) = map_through(&norm_map, s, e);
        boiler.push(casefile_model::Boilerplate { kind, start, end });
    }
    boiler.sort_by_key(|b| (b.start, b.end));
    let mut fields: Vec<MetaField> = found.fields;
    // Markup metadata (HTML <title>, <meta>): original byte ranges of the decoded source.
    for (field, value, (s, e)) in u.meta {
        let original = decoded.map.map_range(s, e);
        fields.push(MetaField {
            field,
            value,
            span: None,
            original,
        });
    }
    // title: an <h1>, a headline line, or the HTML <title>
    let title_span = match (u.h1, found.title) {
        (Some((s, e)), _) => {
            let (ts, te) = map_through(&norm_map, s, e);
            Some((text[ts..te].trim().to_string(), (ts, te)))
        }
        (None, Some((t, Some(span)))) => Some((t, span)),
        _ => None,
    };
    let title = match title_span {
        Some((t, (s, e))) => {
            fields.push(MetaField {
                field: "title".into(),
                value: t.clone(),
                span: Some((s, e)),
                original: to_original(s, e),
            });
            Some(t)
        }
        None => first(&fields, "title"),
    };
    let published = found.published.or_else(|| {
        let v = first(&fields, "published")?;
        let d = chrono::NaiveDate::parse_from_str(v.get(0..10)?, "%Y-%m-%d").ok()?;
        Some(casefile_model::DateValue::day(d))
    });
    let mut notes = u.notes;
    if published.is_none() {
        notes.push("the report states no publication date of its own".to_string());
    }
    let mut doc = Document {
        id: sha256[..16].to_string(),
        path: path.to_string(),
        size: bytes.len(),
        sha256,
        encoding: decoded.encoding.to_string(),
        format: u.format,
        title,
        outlet: first(&fields, "outlet"),
        byline: first(&fields, "byline"),
        wire: first(&fields, "wire"),
        url: first(&fields, "url"),
        published,
        published_bounds: None,
        metadata: fields,
        boilerplate: boiler,
        notes,
        date_conflict: found.date_conflict,
        pages,
        offsets: map,
        text,
    };
    if doc.outlet.is_none() {
        if let Some(w) = doc.wire.clone() {
            doc.notes.push(format!(
                "no outlet named; the report is credited to the wire service {w}"
            ));
        }
    }
    Ok(doc)
}

/// A PDF's text layer as ingest's steps see it: "decoded" bytes (the identity: the text maps
/// to the file's bytes directly), the text, its pages and its page furniture.
#[allow(clippy::type_complexity)]
fn unmark_pdf(
    bytes: &[u8],
) -> Result<
    (
        encoding::Decoded,
        Unmarked,
        Vec<casefile_model::PageRange>,
        Vec<(usize, usize, casefile_model::BoilerplateKind)>,
    ),
    IngestError,
> {
    let p = pdf::to_text(bytes)?;
    let decoded = encoding::Decoded {
        text: String::new(),
        encoding: "PDF text layer",
        map: OffsetMap::identity(bytes.len(), 0),
    };
    let pages = p.pages.iter().map(|r| r.page).max().unwrap_or(0);
    let u = Unmarked {
        text: p.text,
        map: p.map,
        format: Format::Pdf,
        meta: p
            .title
            .map(|t| ("title".to_string(), t, (0, bytes.len())))
            .into_iter()
            .collect(),
        h1: None,
        notes: vec![format!(
            "read from a PDF's text layer ({pages} page(s)); running headers, footers and page numbers are listed after the text"
        )],
    };
    Ok((decoded, u, p.pages, p.furniture))
}

/// Map a range of the pre-normalisation text to the normalised text (inverse direction of the
/// normalisation map, for the few ranges markup extraction reports).
fn map_through(norm: &OffsetMap, s: usize, e: usize) -> (usize, usize) {
    let mut ts = None;
    let mut te = 0;
    for seg in &norm.segments {
        let (ss, se) = (seg.src, seg.src + seg.src_len);
        if se > s && ss < e {
            let a = if seg.linear {
                seg.out + s.saturating_sub(ss)
            } else {
                seg.out
            };
            ts.get_or_insert(a);
            te = if seg.linear {
                seg.out + (e.min(se) - ss)
            } else {
                seg.out + seg.out_len
            };
        }
    }
    (ts.unwrap_or(0), te.max(ts.unwrap_or(0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hostile folders: two links to one folder and a loop are walked once; a pipe and a link
    /// to a device named like reports are named and never opened (opening a pipe would wait
    /// for ever; a device would be read without end).
    #[cfg(unix)]
    #[test]
    fn hostile_folders_end_and_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let reports = dir.path().join("reports");
        std::fs::create_dir(&reports).unwrap();
        std::fs::write(reports.join("good.txt"), "Police detained him on Monday.\n").unwrap();
        std::os::unix::fs::symlink(&reports, reports.join("again")).unwrap();
        std::os::unix::fs::symlink(&reports, dir.path().join("alias")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", reports.join("zero.txt")).unwrap();
        let fifo = reports.join("pipe.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        let (files, errors) = discover(&[reports.clone(), dir.path().join("alias")]);
        assert_eq!(files, vec![reports.join("good.txt")]);
        let not_regular: Vec<String> = errors
            .iter()
            .filter(|e| matches!(e.error, IngestError::NotRegular))
            .map(|e| e.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert!(
            not_regular.contains(&"zero.txt".to_string()),
            "{not_regular:?}"
        );
        if made.is_ok_and(|s| s.success()) {
            assert!(
                not_regular.contains(&"pipe.txt".to_string()),
                "{not_regular:?}"
            );
            assert!(matches!(read_bytes(&fifo), Err(IngestError::NotRegular)));
        }
        assert!(matches!(
            read_bytes(&reports.join("zero.txt")),
            Err(IngestError::NotRegular)
        ));
    }

    #[test]
    fn markdown_text_report() {
        let src = "\nRights Group Says Two Were Seized\n\nBy [AFP](#)\n\nMarch 3, 2024\n\nA caption. **Ann Lee / AP**\n\nThe two men were seized, the group said.\n\nOriginal url:\n\n<https://www.theguardian.com/world/2024/03/03/x>\n";
        let d = ingest("x.txt", src.as_bytes()).unwrap();
        assert_eq!(d.format, Format::Markdown);
        assert_eq!(
            d.title.as_deref(),
            Some("Rights Group Says Two Were Seized")
        );
        assert_eq!(d.wire.as_deref(), Some("AFP"));
        assert_eq!(d.outlet.as_deref(), Some("The Guardian"));
        assert_eq!(d.published.as_ref().unwrap().value, "2024-03-03");
        // every metadata span maps back to the original bytes holding the value
        for m in &d.metadata {
            let (a, b) = m.original;
            let orig = &src[a..b];
            if m.field != "published" {
                assert!(
                    orig.contains(&m.value) || m.field == "outlet",
                    "{m:?} -> {orig:?}"
                );
            }
        }
        let credit = d
            .boilerplate
            .iter()
            .find(|b| b.kind == casefile_model::BoilerplateKind::PhotoCredit)
            .unwrap();
        assert_eq!(&d.text[credit.start..credit.end], "Ann Lee / AP");
        let (a, b) = d.offsets.map_range(credit.start, credit.end);
        assert_eq!(&src[a..b], "Ann Lee / AP");
    }

    #[test]
    fn html_report_with_entities() {
        let src = "<html><head><title>T</title><meta charset=\"windows-1252\"></head><body><article><h1>Men Held in Port Aster</h1><p>Café owner &amp; activist were held.</p></article></body></html>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(src);
        let d = ingest("a.html", &bytes).unwrap();
        assert_eq!(d.encoding, "windows-1252");
        assert_eq!(d.title.as_deref(), Some("Men Held in Port Aster"));
        assert!(d.text.contains("Café owner & activist were held."));
        let p = d.text.find("owner").unwrap();
        let (a, b) = d.offsets.map_range(p, p + 5);
        assert_eq!(&bytes[a..b], b"owner");
    }

    #[test]
    fn errors() {
        assert!(matches!(ingest("e.txt", b""), Err(IngestError::Empty)));
        assert!(matches!(
            ingest("e.txt", b"  \n\n "),
            Err(IngestError::NoText(_))
        ));
        assert!(matches!(
            ingest("s.html", b"<html><script>x()</script></html>"),
            Err(IngestError::NoText(_))
        ));
    }
}
