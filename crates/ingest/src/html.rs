//! HTML to main text.
//!
//! A lenient scanner, not a validating parser: pages from the wild are broken in every way. It
//! drops scripts, styles, navigation, forms, asides and footers; when the page has an
//! `<article>` or `<main>`, only that is kept. Block elements become paragraph breaks, runs of
//! whitespace become one space, entities are decoded. Every output piece records its source range.
//! `<title>` and `<meta>` values are returned as metadata with their byte ranges.

use casefile_model::{OffsetMap, TextBuilder};

/// Elements whose content is never report text.
const DROP: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "nav", "aside", "footer", "form", "button",
    "select", "iframe", "object", "canvas", "menu", "dialog", "head",
];
/// Elements that end a paragraph.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "tr",
    "figure",
    "figcaption",
    "hr",
    "address",
    "body",
    "html",
    "time",
];
/// Elements that can never have content.
const VOID: &[&str] = &[
    "br", "img", "meta", "link", "input", "hr", "wbr", "source", "area", "base", "col", "embed",
    "param", "track",
];
/// class, id or role words that mark page furniture.
const FURNITURE: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "cookie",
    "cookies",
    "share",
    "sharing",
    "social",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "sidebar",
    "newsletter",
    "banner",
    "contentinfo",
    "subscribe",
    "paywall",
    "related",
    "comments",
    "disqus",
    "promo",
];

pub struct HtmlText {
    pub text: String,
    pub map: OffsetMap,
    /// (field, value, byte range in the decoded source)
    pub meta: Vec<(String, String, (usize, usize))>,
    /// Byte range of the first `<h1>` in the output text.
    pub h1: Option<(usize, usize)>,
}

struct Tag<'a> {
    name: String,
    closing: bool,
    self_closing: bool,
    attrs: &'a str,
    end: usize,
}

fn parse_tag(src: &str, at: usize) -> Option<Tag<'_>> {
    let bytes = src.as_bytes();
    let mut i = at + 1;
    let closing = bytes.get(i) == Some(&b'/');
    if closing {
        i += 1;
    }
    let name_start = i;
    while i < bytes.len()
        && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-' || bytes[i] == b':')
    {
        i += 1;
    }
    if i == name_start {
        return None;
    }
    let name = src[name_start..i].to_ascii_lowercase();
    // find the closing '>' outside quotes
    let mut quote = 0u8;
    let attrs_start = i;
    while i < bytes.len() {
        let b = bytes[i];
        if quote != 0 {
            if b == quote {
                quote = 0;
            }
        } else if b == b'"' || b == b'\'' {
            quote = b;
        } else if b == b'>' {
            let self_closing = i > attrs_start && bytes[i - 1] == b'/';
            return Some(Tag {
                name,
                closing,
                self_closing,
                attrs: &src[attrs_start..i],
                end: i + 1,
            });
        }
        i += 1;
    }
    None
}

/// Value of attribute `name` in a tag's attribute text, with its byte offset inside `attrs`.
fn attr<'a>(attrs: &'a str, name: &str) -> Option<(&'a str, usize)> {
    let lower = attrs.to_ascii_lowercase();
    let mut from = 0;
    while let Some(p) = lower[from..].find(name) {
        let p = from + p;
        from = p + name.len();
        let before_ok = p == 0
            || !lower.as_bytes()[p - 1].is_ascii_alphanumeric() && lower.as_bytes()[p - 1] != b'-';
        let rest = lower[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let eq = from + (lower[from..].len() - rest.len());
        let after = &attrs[eq + 1..];
        let trimmed = after.trim_start();
        let vstart = eq + 1 + (after.len() - trimmed.len());
        let (val, off) = match trimmed.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let end = trimmed[1..].find(q).map(|e| e + 1).unwrap_or(trimmed.len());
                (&trimmed[1..end], vstart + 1)
            }
            _ => {
                let end = trimmed
                    .find(|c: char| c.is_whitespace() || c == '>')
                    .unwrap_or(trimmed.len());
                (&trimmed[..end], vstart)
            }
        };
        return Some((val, off));
    }
    None
}

fn is_furniture(attrs: &str) -> bool {
    for key in ["class", "id", "role"] {
        if let Some((v, _)) = attr(attrs, key) {
            let v = v.to_ascii_lowercase();
            if v.split(|c: char| !c.is_ascii_alphanumeric())
                .any(|w| FURNITURE.contains(&w))
            {
                return true;
            }
        }
    }
    false
}

/// Decode one entity at `src[at..]` (which starts with '&'): (char or string, length consumed).
pub fn entity(src: &str, at: usize) -> Option<(String, usize)> {
    let rest = &src[at + 1..];
    let end = rest.find(';').filter(|&e| e <= 32)?;
    let name = &rest[..end];
    let s: String = if let Some(num) = name.strip_prefix('#') {
        let code = if let Some(hex) = num.strip_prefix('x').or_else(|| num.strip_prefix('X')) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse().ok()?
        };
        char::from_u32(code).filter(|&c| c != '\0')?.to_string()
    } else {
        let c = match name {
            "amp" => "&",
            "lt" => "<",
            "gt" => ">",
            "quot" => "\"",
            "apos" => "'",
            "nbsp" => " ",
            "ndash" => "–",
            "mdash" => "—",
            "hellip" => "…",
            "lsquo" => "‘",
            "rsquo" => "’",
            "ldquo" => "“",
            "rdquo" => "”",
            "laquo" => "«",
            "raquo" => "»",
            "bdquo" => "„",
            "sbquo" => "‚",
            "copy" => "©",
            "reg" => "®",
            "trade" => "™",
            "euro" => "€",
            "pound" => "£",
            "deg" => "°",
            "middot" => "·",
            "bull" => "•",
            "shy" => "",
            "zwj" => "\u{200d}",
            "zwnj" => "\u{200c}",
            "thinsp" | "ensp" | "emsp" => " ",
            "eacute" => "é",
            "egrave" => "è",
            "aacute" => "á",
            "agrave" => "à",
            "oacute" => "ó",
            "uacute" => "ú",
            "iacute" => "í",
            "ouml" => "ö",
            "uuml" => "ü",
            "auml" => "ä",
            "szlig" => "ß",
            "ccedil" => "ç",
            "ntilde" => "ñ",
            _ => return None,
        };
        c.to_string()
    };
    Some((s, end + 2))
}

type Meta = Vec<(String, String, (usize, usize))>;

/// Extract the main text of an HTML page: its metadata from `<title>` and `<meta>`, then the
/// text of its `<article>` (or `<main>`, or the whole page) with scripts, navigation and other
/// furniture dropped, every piece mapped back to the source.
pub fn to_text(src: &str) -> HtmlText {
    let lower = src.to_ascii_lowercase();
    let (scope_start, scope_end) = scope(src, &lower);
    let mut meta = title_meta(src, &lower);
    meta.extend(meta_tags(src, &lower));
    let mut w = Walker {
        b: TextBuilder::with_capacity(src.len() / 2),
        pending_space: None,
        pending_break: None,
        h1: None,
        h1_open: None,
        pre_depth: 0,
    };
    let mut i = scope_start;
    while i < scope_end {
        if src.as_bytes()[i] == b'<' {
            if let Some(next) = w.markup(src, &lower, i, scope_end) {
                i = next;
                continue;
            }
            // a lone '<': text
        }
        // text run up to the next '<'
        let run_end = src[i..scope_end]
            .find('<')
            .map(|p| i + p)
            .unwrap_or(scope_end);
        let run_end = if run_end == i { i + 1 } else { run_end };
        w.text_run(src, i, run_end);
        i = run_end;
    }
    let (text, map) = w.b.finish();
    HtmlText {
        text,
        map,
        meta,
        h1: w.h1,
    }
}

/// The part of the page that holds the report: `<article>` (or `<main>`) when it has one.
fn scope(src: &str, lower: &str) -> (usize, usize) {
    ["<article", "<main"]
        .iter()
        .find_map(|open| {
            let s = lower.find(open)?;
            let close = format!("</{}", &open[1..]);
            let e = lower[s..].find(&close).map(|e| s + e).unwrap_or(src.len());
            Some((s, e))
        })
        .unwrap_or((0, src.len()))
}

/// The page's `<title>`, anywhere in the page.
fn title_meta(src: &str, lower: &str) -> Meta {
    let mut meta = Vec::new();
    let Some(t) = lower.find("<title") else {
        return meta;
    };
    let Some(tag) = parse_tag(src, t) else {
        return meta;
    };
    if let Some(e) = lower[tag.end..].find("</title") {
        let raw = &src[tag.end..tag.end + e];
        let v = decode_entities(raw)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if !v.is_empty() {
            meta.push(("title".to_string(), v, (tag.end, tag.end + e)));
        }
    }
    meta
}

/// The `<meta>` tags that name the outlet, title, date, author or address.
fn meta_tags(src: &str, lower: &str) -> Meta {
    let mut meta = Vec::new();
    let mut from = 0;
    while let Some(p) = lower[from..].find("<meta") {
        let at = from + p;
        from = at + 5;
        let Some(tag) = parse_tag(src, at) else {
            continue;
        };
        let key = attr(tag.attrs, "property")
            .or_else(|| attr(tag.attrs, "name"))
            .or_else(|| attr(tag.attrs, "itemprop"));
        let Some((key, _)) = key else { continue };
        let field = match key.to_ascii_lowercase().as_str() {
            "og:site_name" | "application-name" | "publisher" => "outlet",
            "og:title" | "twitter:title" => "title",
            "article:published_time"
            | "date"
            | "datepublished"
            | "pubdate"
            | "dc.date"
            | "publish-date" => "published",
            "author" | "article:author" => "byline",
            "og:url" => "url",
            _ => continue,
        };
        if let Some((v, off)) = attr(tag.attrs, "content") {
            let abs = at + (tag.attrs.as_ptr() as usize - src[at..].as_ptr() as usize) + off;
            meta.push((field.to_string(), decode_entities(v), (abs, abs + v.len())));
        }
    }
    meta
}

/// Where the element opened by a tag named `name` (ending at `from`) closes, counting nested
/// elements of the same name (scripts, styles and templates hold raw text: no nesting).
fn element_end(lower: &str, name: &str, from: usize, scope_end: usize) -> usize {
    let open = format!("<{name}");
    let close = format!("</{name}");
    let raw_text = matches!(name, "script" | "style" | "template");
    let mut depth = 1;
    let mut j = from;
    while depth > 0 {
        let next_close = lower[j..].find(&close).map(|p| j + p);
        let next_open = if raw_text {
            None
        } else {
            lower[j..].find(&open).map(|p| j + p)
        };
        match (next_open, next_close) {
            (Some(o), Some(cl)) if o < cl => {
                let after = lower
                    .as_bytes()
                    .get(o + open.len())
                    .copied()
                    .unwrap_or(b' ');
                if !after.is_ascii_alphanumeric() {
                    depth += 1;
                }
                j = o + open.len();
            }
            (_, Some(cl)) => {
                depth -= 1;
                j = lower[cl..]
                    .find('>')
                    .map(|e| cl + e + 1)
                    .unwrap_or(scope_end);
            }
            (_, None) => return scope_end,
        }
    }
    j
}

/// The text being built from a page, and what the markup before the next word asks for.
struct Walker {
    b: TextBuilder,
    /// Whitespace seen (its source offset): one space before the next word.
    pending_space: Option<usize>,
    /// A line or paragraph break a tag asked for (its source offset, the break).
    pending_break: Option<(usize, &'static str)>,
    h1: Option<(usize, usize)>,
    /// `Some(usize::MAX)` once `<h1>` opened, then the output offset of its first word.
    h1_open: Option<usize>,
    pre_depth: usize,
}

impl Walker {
    /// Markup at `src[i..]` (a comment, declaration, or tag): where reading goes on, or None
    /// when the '<' is text.
    fn markup(&mut self, src: &str, lower: &str, i: usize, scope_end: usize) -> Option<usize> {
        if src[i..].starts_with("<!--") {
            return Some(src[i..].find("-->").map(|e| i + e + 3).unwrap_or(scope_end));
        }
        if src[i..].starts_with("<!") || src[i..].starts_with("<?") {
            return Some(src[i..].find('>').map(|e| i + e + 1).unwrap_or(scope_end));
        }
        let tag = parse_tag(src, i)?;
        let name = tag.name.as_str();
        if !tag.closing
            && (DROP.contains(&name) || (is_furniture(tag.attrs) && !VOID.contains(&name)))
            && !tag.self_closing
        {
            // skip to the matching close tag
            let j = element_end(lower, name, tag.end, scope_end);
            return Some(j.min(scope_end).max(tag.end));
        }
        self.tag(&tag, i);
        Some(tag.end)
    }

    /// What a kept tag does to the text: breaks, `<pre>`, the first `<h1>`.
    fn tag(&mut self, tag: &Tag, i: usize) {
        let name = tag.name.as_str();
        if name == "br" {
            let brk = if self.pending_break.map(|p| p.1) == Some("\n\n") {
                "\n\n"
            } else {
                "\n"
            };
            self.pending_break = Some((i, brk));
            self.pending_space = None;
        } else if BLOCK.contains(&name) {
            self.pending_break = Some((i, "\n\n"));
            self.pending_space = None;
        }
        if name == "pre" {
            self.pre_depth = if tag.closing {
                self.pre_depth.saturating_sub(1)
            } else {
                self.pre_depth + 1
            };
        }
        if name == "h1" && self.h1.is_none() {
            if tag.closing {
                // an <h1> with no word in it is no headline (found by the `html` fuzz target)
                if let Some(s) = self.h1_open.take().filter(|&s| s != usize::MAX) {
                    self.h1 = Some((s, self.b.text().len()));
                }
            } else {
                self.h1_open = Some(usize::MAX);
            }
        }
    }

    /// Text between tags: whitespace collapsed (outside `<pre>`), entities decoded, ordinary
    /// characters copied with their source offsets.
    fn text_run(&mut self, src: &str, i: usize, run_end: usize) {
        let mut j = i;
        while j < run_end {
            let ch = src[j..].chars().next().expect("in bounds");
            let n = ch.len_utf8();
            if ch.is_whitespace() && self.pre_depth == 0 {
                if !self.b.is_empty()
                    && self.pending_break.is_none()
                    && self.pending_space.is_none()
                {
                    self.pending_space = Some(j);
                }
                j += n;
                continue;
            }
            self.flush_pending();
            if ch == '&' {
                if let Some((s, len)) = entity(src, j) {
                    if s.chars().all(char::is_whitespace) && !s.is_empty() {
                        self.pending_space = Some(j);
                    } else {
                        self.b.replace(&s, j, j + len);
                    }
                    j += len;
                    continue;
                }
            }
            // copy a run of ordinary characters verbatim
            let mut k = j;
            while k < run_end {
                let c2 = src[k..].chars().next().expect("in bounds");
                if c2 == '&' || (c2.is_whitespace() && self.pre_depth == 0) {
                    break;
                }
                k += c2.len_utf8();
            }
            if k == j {
                k = j + n;
            }
            self.b.copy(&src[j..k], j);
            j = k;
        }
    }

    /// Before a word: the break or space asked for, and the start of an open `<h1>`.
    fn flush_pending(&mut self) {
        if let Some((at, brk)) = self.pending_break.take() {
            if !self.b.is_empty() {
                let brk = if self.b.ends_with("\n\n") {
                    ""
                } else if self.b.ends_with("\n") && brk == "\n\n" {
                    "\n"
                } else {
                    brk
                };
                self.b.replace(brk, at, at);
            }
            self.pending_space = None;
        }
        if let Some(at) = self.pending_space.take() {
            self.b.replace(" ", at, at + 1);
        }
        if self.h1_open == Some(usize::MAX) {
            self.h1_open = Some(self.b.text().len());
        }
    }
}

/// Decode entities in a short attribute or title value.
pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s.as_bytes()[i] == b'&' {
            if let Some((d, len)) = entity(s, i) {
                out.push_str(&d);
                i += len;
                continue;
            }
        }
        let c = s[i..].chars().next().expect("in bounds");
        out.push(c);
        i += c.len_utf8();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_paragraphs_drops_scripts_and_nav() {
        let src = "<html><head><title>Two men seized &amp; held</title><meta property=\"og:site_name\" content=\"The Daily Ledger\"><script>var x='<p>no</p>';</script></head>\
<body><nav><a href=\"/\">Home</a> <a>World</a></nav><p>First   paragraph with <b>bold</b> text.</p><p>Second&nbsp;one &ldquo;quoted&rdquo;.</p>\
<div class=\"share-buttons\">Share on Twitter</div><footer>© 2024 Ledger</footer></body></html>";
        let h = to_text(src);
        assert_eq!(
            h.text,
            "First paragraph with bold text.\n\nSecond one “quoted”."
        );
        assert!(h
            .meta
            .iter()
            .any(|m| m.0 == "title" && m.1 == "Two men seized & held"));
        assert!(h
            .meta
            .iter()
            .any(|m| m.0 == "outlet" && m.1 == "The Daily Ledger"));
        // spans map back to the source bytes
        let p = h.text.find("bold").unwrap();
        let (a, e) = h.map.map_range(p, p + 4);
        assert_eq!(&src[a..e], "bold");
        let q = h.text.find("“").unwrap();
        let (a, e) = h.map.map_range(q, q + "“".len());
        assert_eq!(&src[a..e], "&ldquo;");
    }

    #[test]
    fn an_empty_h1_is_no_headline() {
        let h = to_text("<h1> </h1><h1>Real headline</h1><p>Body text.</p>");
        let (s, e) = h.h1.expect("the second h1");
        assert!(s <= e && e <= h.text.len());
        assert_eq!(&h.text[s..e], "Real headline");
        assert!(to_text("<h1></h1><p>Body.</p>").h1.is_none());
    }

    #[test]
    fn article_scope_and_h1() {
        let src = "<body><div class=menu>Menu</div><article><h1>Headline here</h1><p>Body.</p></article><p>Other</p></body>";
        let h = to_text(src);
        assert_eq!(h.text, "Headline here\n\nBody.");
        let (s, e) = h.h1.unwrap();
        assert_eq!(&h.text[s..e], "Headline here");
    }

    #[test]
    fn script_only_page_has_no_text() {
        let h = to_text(
            "<html><script>alert(1)</script><script src=x></script><style>p{}</style></html>",
        );
        assert!(h.text.trim().is_empty());
    }
}
