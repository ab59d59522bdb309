//! Unicode normalisation for matching, with a map back to the original byte offsets.
//!
//! Matching runs on a copy of the text in which zero-width characters and soft hyphens are
//! removed, full-width ASCII (U+FF01–U+FF5E) is folded to ASCII and the ideographic and
//! half-width ideographic full stops (U+3002, U+FF61, U+FE52) become '.'. Most texts contain none
//! of these and are matched in place (no copy, identity map).

use std::borrow::Cow;

/// One stretch of the normalised text: either copied unchanged (`orig_len == 0`) or one
/// character that was rewritten to a single ASCII byte (`orig_len` = its UTF-8 length).
#[derive(Debug, Clone, Copy)]
struct Seg {
    norm: usize,
    orig: usize,
    orig_len: usize,
}

#[derive(Debug)]
pub(crate) struct Normalized<'a> {
    pub text: Cow<'a, str>,
    segs: Vec<Seg>,
}

/// What a character becomes: removed, or one ASCII byte.
#[inline]
fn fold(c: char) -> Option<Option<u8>> {
    match c {
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => Some(None),
        '\u{3002}' | '\u{FF61}' | '\u{FE52}' => Some(Some(b'.')),
        '\u{FF01}'..='\u{FF5E}' => Some(Some((c as u32 - 0xFEE0) as u8)),
        _ => None,
    }
}

/// The first byte of every character `fold` may change (U+0080..U+00BF, U+2000..U+2FFF,
/// U+3000..U+3FFF, U+F000..U+FFFF).
#[cfg(test)]
fn is_lead(b: u8) -> bool {
    matches!(b, 0xC2 | 0xE2 | 0xE3 | 0xEF)
}

/// The first byte at or after `from` that `is_lead`, found with memchr (most text has few).
fn next_lead(b: &[u8], from: usize) -> Option<usize> {
    let rest = &b[from..];
    let three = memchr::memchr3(0xE2, 0xE3, 0xEF, rest);
    let c2 = memchr::memchr(0xC2, &rest[..three.unwrap_or(rest.len())]);
    c2.or(three).map(|o| from + o)
}

impl<'a> Normalized<'a> {
    pub fn new(text: &'a str) -> Self {
        let b = text.as_bytes();
        let mut out: Option<String> = None;
        let mut segs: Vec<Seg> = Vec::new();
        let mut i = 0; // scan position (orig)
        let mut run = 0; // start of the pending unchanged run (orig)
        while let Some(j) = next_lead(b, i) {
            let c = text[j..].chars().next().unwrap_or('\0');
            let len = c.len_utf8();
            i = j + len;
            let Some(m) = fold(c) else { continue };
            let o = out.get_or_insert_with(|| {
                segs.push(Seg { norm: 0, orig: 0, orig_len: 0 });
                String::with_capacity(text.len())
            });
            o.push_str(&text[run..j]);
            if let Some(byte) = m {
                push_seg(&mut segs, Seg { norm: o.len(), orig: j, orig_len: len });
                o.push(byte as char);
            }
            push_seg(&mut segs, Seg { norm: o.len(), orig: i, orig_len: 0 });
            run = i;
        }
        match out {
            None => Normalized { text: Cow::Borrowed(text), segs },
            Some(mut o) => {
                o.push_str(&text[run..]);
                Normalized { text: Cow::Owned(o), segs }
            }
        }
    }

    pub fn is_identity(&self) -> bool {
        matches!(self.text, Cow::Borrowed(_))
    }

    fn seg_of(&self, n: usize) -> &Seg {
        let i = match self.segs.binary_search_by(|s| s.norm.cmp(&n)) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        &self.segs[i]
    }

    /// Original offset of the character starting at normalised offset `n`.
    pub fn start(&self, n: usize) -> usize {
        if self.is_identity() {
            return n;
        }
        if n >= self.text.len() {
            return self.orig_len_hint(n);
        }
        let s = self.seg_of(n);
        if s.orig_len == 0 {
            s.orig + (n - s.norm)
        } else {
            s.orig
        }
    }

    /// Original offset just past the character ending at normalised offset `n` (exclusive end).
    pub fn end(&self, n: usize) -> usize {
        if self.is_identity() || n == 0 {
            return n;
        }
        let s = self.seg_of(n - 1);
        if s.orig_len == 0 {
            s.orig + (n - s.norm)
        } else {
            s.orig + s.orig_len
        }
    }

    fn orig_len_hint(&self, n: usize) -> usize {
        // past the end: map the last byte and step over it
        if n == 0 {
            return 0;
        }
        self.end(n)
    }
}

/// Normalise a short string (used by `refang`).
pub(crate) fn normalize_str(s: &str) -> Cow<'_, str> {
    Normalized::new(s).text
}

/// Append a segment; one starting where the previous one starts replaces it (that one was empty).
fn push_seg(segs: &mut Vec<Seg>, seg: Seg) {
    if let Some(last) = segs.last_mut() {
        if last.norm == seg.norm {
            *last = seg;
            return;
        }
    }
    segs.push(seg);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_lead_finds_the_first_lead_byte() {
        let texts = ["", "plain ascii", "a\u{a0}b", "中文，“引号”。", "x\u{200B}y．z＠w", "\u{a0}\u{3000}\u{ff0e}é"];
        for t in texts {
            let b = t.as_bytes();
            for from in 0..=b.len() {
                let want = b[from..].iter().position(|&c| is_lead(c)).map(|o| from + o);
                assert_eq!(next_lead(b, from), want, "{t:?} from {from}");
            }
        }
    }

    #[test]
    fn identity_when_nothing_to_fold() {
        let n = Normalized::new("plain “quotes” – dash");
        assert!(n.is_identity());
    }

    #[test]
    fn maps_back_across_edits() {
        let t = "a\u{200B}b．c。d";
        let n = Normalized::new(t);
        assert_eq!(n.text, "ab.c.d");
        // "b.c" in norm = 1..4
        let (s, e) = (n.start(1), n.end(4));
        assert_eq!(&t[s..e], "b．c");
        let (s, e) = (n.start(0), n.end(6));
        assert_eq!(&t[s..e], t);
        // span ending right before a removed zero-width char excludes it
        assert_eq!(&t[n.start(0)..n.end(1)], "a");
    }
}
