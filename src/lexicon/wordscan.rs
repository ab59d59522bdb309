//! The words of a text (maximal runs of letters and digits, Han, kana and hangul aside) looked
//! up in a table of lower-case ASCII words: how the scanner finds Latin patterns (`scan`).

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The characters of a word: what may not continue a Latin match (Han, kana and hangul
/// excepted, so "NSA发布" still finds "NSA").
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() && !crate::lang::is_han(c) && !matches!(c as u32, 0x3040..=0x30FF | 0xAC00..=0xD7AF)
}

/// FNV-1a: short keys, no need for a keyed hash.
#[derive(Default)]
pub(crate) struct Fnv(u64);

/// A set of short words hashed with `Fnv`.
pub(crate) type FnvSet<T> = std::collections::HashSet<T, BuildHasherDefault<Fnv>>;

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// Lower-case ASCII words, with the caller's ids.
#[derive(Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct WordTable {
    #[serde(serialize_with = "super::model::sorted")]
    map: HashMap<Box<[u8]>, u32, BuildHasherDefault<Fnv>>,
    longest: usize,
}

impl WordTable {
    pub(crate) fn insert(&mut self, pattern: &str, id: u32) {
        self.longest = self.longest.max(pattern.len());
        self.map.insert(pattern.as_bytes().into(), id);
    }

    /// Calls `f(start, end, id)` for every whole word of `text` that is a pattern, in order.
    /// `short` is `ShortWords::of(self)`.
    pub(crate) fn find(&self, short: &ShortWords, text: &str, mut f: impl FnMut(usize, usize, u32)) {
        if self.map.is_empty() {
            return;
        }
        let bytes = text.as_bytes();
        let mut buf = [0u8; 64];
        let longest = self.longest.min(buf.len());
        // The character (and its length) at a lead byte, if it is a word character.
        let word_char_at = |i: usize| {
            let c = text[i..].chars().next().expect("on a char boundary");
            (is_word_char(c), c.len_utf8())
        };
        let mut i = 0;
        while i < bytes.len() {
            // Skip to the start of a word.
            match BYTE_CLASS[bytes[i] as usize] {
                OTHER => {
                    i += 1;
                    continue;
                }
                LEAD => {
                    let (word, n) = word_char_at(i);
                    if !word {
                        i += n;
                        continue;
                    }
                }
                _ => {}
            }
            // The word runs to the first character that is not a word character; its first
            // eight bytes are packed as it goes (setting 0x20 lower-cases a letter and keeps a
            // digit).
            let start = i;
            let mut ascii = true;
            let mut key = 0u64;
            while i < bytes.len() {
                let b = bytes[i];
                match BYTE_CLASS[b as usize] {
                    ALNUM => {
                        let j = i - start;
                        if j < 8 {
                            key |= u64::from(b | 0x20) << (8 * j);
                        }
                        i += 1;
                    }
                    LEAD => {
                        let (word, n) = word_char_at(i);
                        if !word {
                            break;
                        }
                        ascii = false;
                        i += n;
                    }
                    _ => break,
                }
            }
            let n = i - start;
            if ascii && n <= 8 {
                if let Some(id) = short.get(key) {
                    f(start, i, id);
                }
            } else if ascii && n <= longest {
                for (d, s) in buf.iter_mut().zip(&bytes[start..i]) {
                    *d = s.to_ascii_lowercase();
                }
                if let Some(&id) = self.map.get(&buf[..n]) {
                    f(start, i, id);
                }
            }
        }
    }
}

/// What a byte is to the word walk: ASCII that is no letter or digit, an ASCII letter or digit,
/// a byte that starts a character beyond ASCII, or one that continues it (never met at a
/// character boundary).
const OTHER: u8 = 0;
const ALNUM: u8 = 1;
const LEAD: u8 = 2;
const BYTE_CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' => ALNUM,
            0xC0..=0xFF => LEAD,
            _ => OTHER,
        };
        b += 1;
    }
    t
};

/// The table's words of up to eight bytes, each packed into a `u64` (first byte lowest), in an
/// open-addressed table: most text words are looked up with no hashing of bytes and no
/// comparison of slices.
#[derive(Debug)]
pub(crate) struct ShortWords {
    /// (key, id), key 0 for an empty slot (no word packs to 0): a word found reads one line.
    slots: Vec<(u64, u32)>,
    mask: usize,
}

impl ShortWords {
    pub(crate) fn of(table: &WordTable) -> ShortWords {
        let short: Vec<(u64, u32)> = table
            .map
            .iter()
            .filter(|(w, _)| !w.is_empty() && w.len() <= 8)
            .map(|(w, &id)| (w.iter().enumerate().fold(0u64, |k, (j, &b)| k | u64::from(b) << (8 * j)), id))
            .collect();
        // At most half full, so that a probe ends soon.
        let size = (short.len() * 2).next_power_of_two().max(16);
        let mut t = ShortWords { slots: vec![(0, 0); size], mask: size - 1 };
        for (key, id) in short {
            let mut i = Self::slot(key) & t.mask;
            while t.slots[i].0 != 0 {
                i = (i + 1) & t.mask;
            }
            t.slots[i] = (key, id);
        }
        t
    }

    #[inline]
    fn slot(key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize
    }

    #[inline]
    fn get(&self, key: u64) -> Option<u32> {
        let mut i = Self::slot(key) & self.mask;
        loop {
            match self.slots[i] {
                (k, id) if k == key => return Some(id),
                (0, _) => return None,
                _ => i = (i + 1) & self.mask,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_only_any_case() {
        let mut t = WordTable::default();
        t.insert("he", 0);
        t.insert("apt28", 1);
        t.insert("attribution", 2);
        let short = ShortWords::of(&t);
        let mut hits = Vec::new();
        t.find(&short, "The HE said APT28, he2 he-man é he中文 caféhe Attribution", |s, e, id| {
            hits.push((s, e, id))
        });
        let text = "The HE said APT28, he2 he-man é he中文 caféhe Attribution";
        let words: Vec<&str> = hits.iter().map(|&(s, e, _)| &text[s..e]).collect();
        assert_eq!(words, ["HE", "APT28", "he", "he", "Attribution"]);
        assert_eq!(hits.iter().map(|h| h.2).collect::<Vec<_>>(), [0, 1, 0, 0, 2]);
    }

    /// The words a plain walk over the characters finds, looked up lower-cased.
    fn reference(t: &WordTable, text: &str) -> Vec<(usize, usize, u32)> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
            match (is_word_char(c) && i < text.len(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    let w = &text[s..i];
                    if w.is_ascii() {
                        if let Some(&id) = t.map.get(w.to_ascii_lowercase().as_bytes()) {
                            out.push((s, i, id));
                        }
                    }
                    start = None;
                }
                _ => {}
            }
        }
        out
    }

    #[test]
    fn the_byte_walk_finds_what_a_character_walk_finds() {
        let mut t = WordTable::default();
        let words = ["he", "apt28", "said", "denied", "u", "s", "attribution", "a1b2c3d4", "nine9999"];
        for (id, w) in words.iter().enumerate() {
            t.insert(w, id as u32);
        }
        let short = ShortWords::of(&t);
        let pieces = [
            "He",
            "APT28",
            "said",
            "Denied",
            "u",
            ".",
            "S",
            " ",
            "-",
            "attribution",
            "Attributions",
            "A1B2C3D4",
            "nine9999",
            "9",
            "é",
            "É",
            "中",
            "カ",
            "한",
            "\u{2019}",
            "’",
            "\n",
            "ß",
            "ǅ",
            "ａ",
            "x",
        ];
        let mut rng = crate::testrng::Rng(0x2545_f491_4f6c_dd1d);
        for _ in 0..20_000 {
            let n = rng.below(12);
            let text = rng.text(&pieces, n);
            let mut got = Vec::new();
            t.find(&short, &text, |s, e, id| got.push((s, e, id)));
            assert_eq!(got, reference(&t, &text), "{text:?}");
        }
    }
}
