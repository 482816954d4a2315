//! Maps from a derived text back to the bytes it came from.
//!
//! Every text transformation in ingest (decoding, markup removal, normalisation) is written with a
//! [`TextBuilder`], which records for each piece of output the source range it came from. Maps of
//! successive steps are chained with [`OffsetMap::compose`], so that a span in the final text maps
//! back to the original bytes.

use serde::{Deserialize, Serialize};

/// One run of output text and the source range it came from.
///
/// When `linear` is true the run is a verbatim copy (`out_len == src_len`, byte for byte), so any
/// position inside maps exactly; otherwise the whole run maps to the whole source range (a decoded
/// character, an HTML entity, a removed tag).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub out: usize,
    pub out_len: usize,
    pub src: usize,
    pub src_len: usize,
    pub linear: bool,
}

/// Ordered, gap-free list of segments covering the output text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OffsetMap {
    pub segments: Vec<Segment>,
}

impl OffsetMap {
    /// The identity map over `len` bytes, shifted by `shift` bytes in the source (a BOM, say).
    pub fn identity(len: usize, shift: usize) -> Self {
        OffsetMap {
            segments: vec![Segment {
                out: 0,
                out_len: len,
                src: shift,
                src_len: len,
                linear: true,
            }],
        }
    }

    fn find(&self, pos: usize) -> Option<&Segment> {
        if self.segments.is_empty() {
            return None;
        }
        let i = self.segments.partition_point(|s| s.out + s.out_len <= pos);
        self.segments.get(i).or(self.segments.last())
    }

    /// The source position of output position `pos`, as a start (inclusive).
    pub fn map_start(&self, pos: usize) -> usize {
        match self.find(pos) {
            None => pos,
            Some(s) if pos >= s.out + s.out_len => s.src + s.src_len,
            Some(s) if s.linear => s.src + (pos - s.out),
            Some(s) => s.src,
        }
    }

    /// The source position of output position `pos`, as an end (exclusive).
    pub fn map_end(&self, pos: usize) -> usize {
        if pos == 0 {
            return self.segments.first().map(|s| s.src).unwrap_or(0);
        }
        match self.find(pos - 1) {
            None => pos,
            Some(s) if s.linear => s.src + (pos - s.out),
            Some(s) => s.src + s.src_len,
        }
    }

    /// Map an output range to its source range.
    pub fn map_range(&self, start: usize, end: usize) -> (usize, usize) {
        let a = self.map_start(start);
        let b = self.map_end(end).max(a);
        (a, b)
    }

    /// Chain maps: `self` maps text → middle, `inner` maps middle → original.
    pub fn compose(&self, inner: &OffsetMap) -> OffsetMap {
        let mut b = SegmentsBuilder::default();
        for s in &self.segments {
            if !s.linear || s.out_len == 0 {
                let (a, e) = inner.map_range(s.src, s.src + s.src_len);
                b.push(Segment {
                    out: s.out,
                    out_len: s.out_len,
                    src: a,
                    src_len: e - a,
                    linear: false,
                });
                continue;
            }
            // A verbatim run: split it where the inner map changes segment.
            let mut pos = s.src;
            let end = s.src + s.src_len;
            while pos < end {
                let Some(inner_seg) = inner.find(pos) else {
                    b.push(Segment {
                        out: s.out + (pos - s.src),
                        out_len: end - pos,
                        src: pos,
                        src_len: end - pos,
                        linear: true,
                    });
                    break;
                };
                let seg_end = (inner_seg.out + inner_seg.out_len).min(end).max(pos + 1);
                let out = s.out + (pos - s.src);
                if inner_seg.linear {
                    let src = inner_seg.src + (pos - inner_seg.out);
                    b.push(Segment {
                        out,
                        out_len: seg_end - pos,
                        src,
                        src_len: seg_end - pos,
                        linear: true,
                    });
                } else {
                    b.push(Segment {
                        out,
                        out_len: seg_end - pos,
                        src: inner_seg.src,
                        src_len: inner_seg.src_len,
                        linear: false,
                    });
                }
                pos = seg_end;
            }
        }
        b.finish()
    }

    /// Number of segments (a measure of how far the text is from its bytes).
    pub fn len(&self) -> usize {
        self.segments.len()
    }
    pub fn is_empty(&self) -> bool {
        self.segments.is_empty()
    }
}

#[derive(Default)]
struct SegmentsBuilder {
    segs: Vec<Segment>,
}

impl SegmentsBuilder {
    fn push(&mut self, s: Segment) {
        if let Some(last) = self.segs.last_mut() {
            if last.linear
                && s.linear
                && last.out + last.out_len == s.out
                && last.src + last.src_len == s.src
            {
                last.out_len += s.out_len;
                last.src_len += s.src_len;
                return;
            }
        }
        self.segs.push(s);
    }
    fn finish(self) -> OffsetMap {
        OffsetMap {
            segments: self.segs,
        }
    }
}

/// Builds an output string while recording where each piece came from in a source string.
#[derive(Default)]
pub struct TextBuilder {
    out: String,
    segs: SegmentsBuilder,
}

impl TextBuilder {
    pub fn with_capacity(n: usize) -> Self {
        TextBuilder {
            out: String::with_capacity(n),
            segs: SegmentsBuilder::default(),
        }
    }
    /// Append `s`, a verbatim copy of the source bytes starting at `src`.
    pub fn copy(&mut self, s: &str, src: usize) {
        if s.is_empty() {
            return;
        }
        let out = self.out.len();
        self.out.push_str(s);
        self.segs.push(Segment {
            out,
            out_len: s.len(),
            src,
            src_len: s.len(),
            linear: true,
        });
    }
    /// Append `s`, which stands for the source range `[src, src_end)` as a whole.
    pub fn replace(&mut self, s: &str, src: usize, src_end: usize) {
        let out = self.out.len();
        self.out.push_str(s);
        self.segs.push(Segment {
            out,
            out_len: s.len(),
            src,
            src_len: src_end.saturating_sub(src),
            linear: false,
        });
    }
    /// Append a character that stands for the source range `[src, src_end)`.
    pub fn replace_char(&mut self, c: char, src: usize, src_end: usize) {
        let mut buf = [0u8; 4];
        self.replace(c.encode_utf8(&mut buf), src, src_end);
    }
    pub fn text(&self) -> &str {
        &self.out
    }
    pub fn ends_with(&self, s: &str) -> bool {
        self.out.ends_with(s)
    }
    pub fn is_empty(&self) -> bool {
        self.out.is_empty()
    }
    pub fn finish(self) -> (String, OffsetMap) {
        (self.out, self.segs.finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compose_maps_back_to_original() {
        // original: "a&amp;b" ; middle after entity decoding: "a&b"
        let mut b = TextBuilder::default();
        b.copy("a", 0);
        b.replace("&", 1, 6);
        b.copy("b", 6);
        let (mid, m1) = b.finish();
        assert_eq!(mid, "a&b");
        // final: "xa&b" with "x" inserted for nothing
        let mut b2 = TextBuilder::default();
        b2.replace("x", 0, 0);
        b2.copy("a&b", 0);
        let (fin, m2) = b2.finish();
        assert_eq!(fin, "xa&b");
        let m = m2.compose(&m1);
        assert_eq!(m.map_range(1, 2), (0, 1));
        assert_eq!(m.map_range(2, 3), (1, 6));
        assert_eq!(m.map_range(1, 4), (0, 7));
        assert_eq!(m.map_range(3, 4), (6, 7));
    }

    #[test]
    fn identity_with_shift() {
        let m = OffsetMap::identity(10, 3);
        assert_eq!(m.map_range(2, 5), (5, 8));
        assert_eq!(m.map_range(0, 10), (3, 13));
    }
}
