//! The scanner's tables: the patterns of the lexicon, the claim cues and the evidence cues,
//! Latin ones indexed by the word they start with, the rest kept for an automaton. The build
//! script makes them from the compiled lexicon and cues; the scanner (`scan`) decodes them.

use super::wordscan::{Fnv, WordTable};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// Which set a pattern belongs to, and its index there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Target {
    Lexicon(u32),
    Claim(u32),
    Evidence(u32),
}

/// The patterns a word begins: the one that is the word, and the longer ones with their bytes.
pub(crate) type Led = (Option<u32>, Vec<(u32, Vec<u8>)>);

/// Every pattern, by how the scanner finds it.
#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScanTables {
    /// Per pattern (as compiled), the sets it belongs to.
    pub(crate) targets: Vec<Vec<Target>>,
    /// Text words that begin patterns: by word, the pattern that is that word and the longer
    /// patterns that start with it (with their bytes).
    pub(crate) words: WordTable,
    pub(crate) by_word: Vec<Led>,
    /// The ASCII patterns that start with no letter or digit ("(icefcom)").
    pub(crate) ascii_patterns: Vec<Vec<u8>>,
    pub(crate) ascii_ids: Vec<u32>,
    /// The rest (Chinese, Cyrillic, accented names …), for an automaton compiled when needed.
    pub(crate) other_patterns: Vec<Vec<u8>>,
    pub(crate) other_ids: Vec<u32>,
    /// The non-ASCII characters of the other patterns (the quote aside), sorted: a text without
    /// one cannot match any of them.
    pub(crate) other_chars: Vec<char>,
}

/// U+2019 RIGHT SINGLE QUOTATION MARK, the apostrophe of typeset English.
pub(crate) const RSQUO: &str = "\u{2019}";
/// What it becomes in patterns and in the searched copy of the text: three bytes as it is, an
/// ASCII apostrophe and two bytes that never occur in UTF-8, so offsets are kept and nothing
/// else can match it.
pub(crate) const RSQUO_MAPPED: &[u8] = b"'\xFF\xFF";

pub(crate) fn mapped(pattern: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(pattern.len());
    for (i, part) in pattern.split(RSQUO).enumerate() {
        if i > 0 {
            out.extend_from_slice(RSQUO_MAPPED);
        }
        out.extend_from_slice(part.as_bytes());
    }
    out
}

impl ScanTables {
    /// The tables of a compiled lexicon's patterns and of the claim and evidence cues.
    pub fn of(lexicon: &super::model::Lexicon, cues: &super::cues::Cues) -> ScanTables {
        let names: Vec<&str> = lexicon.patterns.iter().map(|p| p.text.as_str()).collect();
        let claim: Vec<&str> = cues.claim_patterns().iter().map(String::as_str).collect();
        let evidence: Vec<&str> = cues.evidence_patterns().iter().map(String::as_str).collect();
        ScanTables::new(&names, &claim, &evidence)
    }

    /// The tables of three pattern sets (each lower case, in its set's order).
    pub fn new(lexicon: &[&str], claim: &[&str], evidence: &[&str]) -> ScanTables {
        let mut index: FnvMap<&str, u32> = FnvMap::default();
        let mut texts: Vec<&str> = Vec::new();
        let mut targets: Vec<Vec<Target>> = Vec::new();
        type Set<'a> = (&'a [&'a str], fn(u32) -> Target);
        let sets: [Set; 3] = [(lexicon, Target::Lexicon), (claim, Target::Claim), (evidence, Target::Evidence)];
        for (patterns, target) in sets {
            for (i, &p) in patterns.iter().enumerate() {
                let id = *index.entry(p).or_insert_with(|| {
                    texts.push(p);
                    targets.push(Vec::new());
                    (texts.len() - 1) as u32
                });
                targets[id as usize].push(target(i as u32));
            }
        }
        let mut words = WordTable::default();
        let mut by_word: Vec<Led> = Vec::new();
        let mut word_index: FnvMap<&str, u32> = FnvMap::default();
        let (mut ascii, mut ascii_ids) = (Vec::new(), Vec::new());
        let (mut other_patterns, mut other_ids, mut other_chars) = (Vec::new(), Vec::new(), Vec::new());
        for (i, t) in texts.iter().enumerate() {
            let m = mapped(t);
            if m.iter().all(|&b| b.is_ascii() || b == 0xFF) {
                // A Latin match starts at a word start: then the text's word there is the
                // pattern's first word, which names the pattern's candidates.
                let first = &t[..t.bytes().take_while(u8::is_ascii_alphanumeric).count()];
                if first.is_empty() {
                    ascii.push(m);
                    ascii_ids.push(i as u32);
                    continue;
                }
                let w = *word_index.entry(first).or_insert_with(|| {
                    words.insert(first, by_word.len() as u32);
                    by_word.push((None, Vec::new()));
                    (by_word.len() - 1) as u32
                });
                if first.len() == t.len() {
                    by_word[w as usize].0 = Some(i as u32);
                } else {
                    by_word[w as usize].1.push((i as u32, m));
                }
            } else {
                other_chars.extend(t.chars().filter(|&c| !c.is_ascii() && c != '\u{2019}'));
                other_patterns.push(m);
                other_ids.push(i as u32);
            }
        }
        other_chars.sort_unstable();
        other_chars.dedup();
        ScanTables { targets, words, by_word, ascii_patterns: ascii, ascii_ids, other_patterns, other_ids, other_chars }
    }
}
