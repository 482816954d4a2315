//! WARC/1.1 records (ISO 28500), each compressed as its own gzip member, as web archives
//! (the Internet Archive, webrecorder, pywb, warcio) write and read them.
//!
//! A record is a version line, named fields, a blank line, a block of bytes and two line ends.
//! Every record carries `WARC-Block-Digest`; a response also carries `WARC-Payload-Digest` (the
//! body without the HTTP head), both SHA-256 in base32 as `sha256:…`.

use std::io::{Read, Write};

use sha2::{Digest, Sha256};

/// The kinds of record casefile writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Warcinfo,
    Request,
    Response,
    Metadata,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Warcinfo => "warcinfo",
            Kind::Request => "request",
            Kind::Response => "response",
            Kind::Metadata => "metadata",
        }
    }
}

/// One record before it is written.
#[derive(Debug, Clone)]
pub struct Record {
    pub kind: Kind,
    pub id: String,
    /// `WARC-Date`, UTC, ISO 8601 to the second.
    pub date: String,
    pub target: Option<String>,
    pub content_type: String,
    /// Further named fields, in order (`WARC-Concurrent-To`, `WARC-Payload-Digest`, …).
    pub fields: Vec<(String, String)>,
    pub block: Vec<u8>,
}

/// A fresh record id: `<urn:uuid:…>` (a random, version 4 UUID).
pub fn record_id() -> String {
    use rand::RngCore;
    let mut b = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h = hex::encode(b);
    format!(
        "<urn:uuid:{}-{}-{}-{}-{}>",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// `sha256:` and the digest in RFC 4648 base32, as WARC digests are written.
pub fn digest(bytes: &[u8]) -> String {
    format!("sha256:{}", base32(&Sha256::digest(bytes)))
}

/// RFC 4648 base32 (upper case, padded).
pub fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::new();
    for chunk in bytes.chunks(5) {
        let mut buf = [0u8; 5];
        buf[..chunk.len()].copy_from_slice(chunk);
        let n = u64::from_be_bytes([0, 0, 0, buf[0], buf[1], buf[2], buf[3], buf[4]]);
        let chars = (chunk.len() * 8).div_ceil(5);
        for i in 0..8 {
            if i < chars {
                out.push(ALPHABET[((n >> (35 - i * 5)) & 31) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

impl Record {
    /// The record's bytes, uncompressed.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut head = String::new();
        head.push_str("WARC/1.1\r\n");
        head.push_str(&format!("WARC-Type: {}\r\n", self.kind.as_str()));
        head.push_str(&format!("WARC-Record-ID: {}\r\n", self.id));
        head.push_str(&format!("WARC-Date: {}\r\n", self.date));
        if let Some(t) = &self.target {
            head.push_str(&format!("WARC-Target-URI: {t}\r\n"));
        }
        for (k, v) in &self.fields {
            // a field value never carries a line end
            let v: String = v.chars().filter(|c| *c != '\r' && *c != '\n').collect();
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str(&format!("WARC-Block-Digest: {}\r\n", digest(&self.block)));
        head.push_str(&format!("Content-Type: {}\r\n", self.content_type));
        head.push_str(&format!("Content-Length: {}\r\n\r\n", self.block.len()));
        let mut out = head.into_bytes();
        out.extend_from_slice(&self.block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    /// The record as one gzip member.
    pub fn to_gzip(&self) -> Vec<u8> {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(&self.to_bytes())
            .expect("writing to memory cannot fail");
        gz.finish().expect("writing to memory cannot fail")
    }
}

/// A record read back: its named fields and its block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadRecord {
    pub fields: Vec<(String, String)>,
    pub block: Vec<u8>,
}

impl ReadRecord {
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Read every record of a WARC file (gzip members or plain), checking each block digest.
pub fn read_all(bytes: &[u8]) -> Result<Vec<ReadRecord>, String> {
    let mut plain = Vec::new();
    if bytes.starts_with(&[0x1f, 0x8b]) {
        flate2::read::MultiGzDecoder::new(bytes)
            .read_to_end(&mut plain)
            .map_err(|e| format!("not a readable gzip stream: {e}"))?;
    } else {
        plain = bytes.to_vec();
    }
    let mut out = Vec::new();
    let mut rest = &plain[..];
    while !rest.is_empty() {
        let end = find(rest, b"\r\n\r\n").ok_or("a record head has no end")?;
        let head = std::str::from_utf8(&rest[..end]).map_err(|_| "a record head is not UTF-8")?;
        let mut lines = head.split("\r\n");
        if lines.next() != Some("WARC/1.1") {
            return Err("a record does not start with WARC/1.1".into());
        }
        let fields: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
            .collect();
        let len: usize = fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("Content-Length"))
            .and_then(|(_, v)| v.parse().ok())
            .ok_or("a record has no Content-Length")?;
        let start = end + 4;
        let block = rest
            .get(start..start + len)
            .ok_or("a record is cut short")?
            .to_vec();
        let r = ReadRecord { fields, block };
        if let Some(d) = r.field("WARC-Block-Digest") {
            if d.starts_with("sha256:") && d != digest(&r.block) {
                return Err(format!(
                    "record {} does not match its block digest",
                    r.field("WARC-Record-ID").unwrap_or("?")
                ));
            }
        }
        out.push(r);
        rest = rest
            .get(start + len..)
            .map(|r| r.strip_prefix(b"\r\n\r\n").unwrap_or(r))
            .unwrap_or(&[]);
    }
    Ok(out)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base32_matches_rfc_4648() {
        // RFC 4648 section 10 test vectors
        for (plain, coded) in [
            ("", ""),
            ("f", "MY======"),
            ("fo", "MZXQ===="),
            ("foo", "MZXW6==="),
            ("foob", "MZXW6YQ="),
            ("fooba", "MZXW6YTB"),
            ("foobar", "MZXW6YTBOI======"),
        ] {
            assert_eq!(base32(plain.as_bytes()), coded, "{plain}");
        }
    }

    #[test]
    fn records_round_trip_through_gzip_with_their_digests() {
        let r = Record {
            kind: Kind::Response,
            id: record_id(),
            date: "2026-12-04T02:00:00Z".into(),
            target: Some("http://example.org/".into()),
            content_type: "application/http; msgtype=response".into(),
            fields: vec![("WARC-Payload-Digest".into(), digest(b"body"))],
            block: b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nbody".to_vec(),
        };
        let mut file = r.to_gzip();
        file.extend(r.to_gzip());
        let back = read_all(&file).unwrap();
        assert_eq!(back.len(), 2);
        assert_eq!(back[0].block, r.block);
        assert_eq!(back[0].field("WARC-Type"), Some("response"));
        assert_eq!(
            back[0].field("WARC-Target-URI"),
            Some("http://example.org/")
        );
        // a changed byte is caught
        let mut plain = r.to_bytes();
        let n = plain.len() - 5;
        plain[n] = b'X';
        assert!(read_all(&plain).is_err());
    }

    #[test]
    fn record_ids_are_uuid_urns() {
        let id = record_id();
        assert!(
            id.starts_with("<urn:uuid:") && id.ends_with('>') && id.len() == 47,
            "{id}"
        );
        assert_ne!(id, record_id());
    }
}
