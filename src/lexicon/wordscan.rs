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
        let mut i = 0;
        while i < bytes.len() {
            // Skip to the start of a word.
            let b = bytes[i];
            if b.is_ascii() {
                if !b.is_ascii_alphanumeric() {
                    i += 1;
                    continue;
                }
            } else {
                let c = text[i..].chars().next().expect("on a char boundary");
                if !is_word_char(c) {
                    i += c.len_utf8();
                    continue;
                }
            }
            // The word runs to the first character that is not a word character.
            let start = i;
            let mut ascii = true;
            while i < bytes.len() {
                let b = bytes[i];
                if b.is_ascii() {
                    if !b.is_ascii_alphanumeric() {
                        break;
                    }
                    i += 1;
                } else {
                    let c = text[i..].chars().next().expect("on a char boundary");
                    if !is_word_char(c) {
                        break;
                    }
                    ascii = false;
                    i += c.len_utf8();
                }
            }
            let n = i - start;
            if ascii && n <= 8 {
                // Letters and digits: setting 0x20 lower-cases a letter and keeps a digit.
                let mut key = 0u64;
                for (j, &b) in bytes[start..i].iter().enumerate() {
                    key |= u64::from(b | 0x20) << (8 * j);
                }
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

/// The table's words of up to eight bytes, each packed into a `u64` (first byte lowest), in an
/// open-addressed table: most text words are looked up with no hashing of bytes and no
/// comparison of slices.
#[derive(Debug)]
pub(crate) struct ShortWords {
    /// 0 for an empty slot: no word packs to 0.
    keys: Vec<u64>,
    ids: Vec<u32>,
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
        let mut t = ShortWords { keys: vec![0; size], ids: vec![0; size], mask: size - 1 };
        for (key, id) in short {
            let mut i = Self::slot(key) & t.mask;
            while t.keys[i] != 0 {
                i = (i + 1) & t.mask;
            }
            t.keys[i] = key;
            t.ids[i] = id;
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
            match self.keys[i] {
                k if k == key => return Some(self.ids[i]),
                0 => return None,
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
}
