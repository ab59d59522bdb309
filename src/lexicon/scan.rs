//! One pass over a document for all three pattern sets: the lexicon's names and cue words, the
//! claim cues and the evidence cues. Their patterns are compiled together, once per process:
//!
//! - patterns written in ASCII (a right single quote counting as ASCII: "didn’t") that start
//!   with a letter or digit are found from the text's words (`wordscan`): a Latin match starts
//!   at a word start, where the text's word must be the pattern's first word, so a lookup of
//!   each word gives the patterns to compare there. In an automaton search the short ones
//!   ("he", "at") matched inside most words only to be thrown away, and the automaton took
//!   most of the start-up to compile;
//! - the few other ASCII patterns ("(icefcom)") in one contiguous automaton;
//! - the rest (Chinese, Cyrillic, accented names …) in an automaton compiled the first time a
//!   text contains one of their characters: most of the compile time, rarely needed for English.
//!
//! Each set's hits are then those its own overlapping search would give, checked for case and
//! word boundaries the same way, and chosen leftmost-longest.

use super::cues::{CueHit, Cues};
use super::wordscan::{Fnv, WordTable};
use super::{boundary_ok, leftmost_longest, Hit, Lexicon};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;
use std::sync::OnceLock;

/// Which set a pattern belongs to, and its index there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Lexicon(u32),
    Claim(u32),
    Evidence(u32),
}

/// The hits of one document.
#[derive(Debug, Default)]
pub struct Scans {
    pub lexicon: Vec<Hit>,
    pub cues: Vec<CueHit>,
    pub evidence: Vec<CueHit>,
}

/// Which sets to look for.
#[derive(Debug, Clone, Copy)]
pub struct Want {
    pub lexicon: bool,
    pub cues: bool,
    pub evidence: bool,
}

impl Want {
    pub const ALL: Want = Want { lexicon: true, cues: true, evidence: true };
}

/// The patterns a word begins: the one that is the word, and the longer ones with their bytes.
type Led = (Option<u32>, Vec<(u32, Vec<u8>)>);

pub struct Scanner {
    /// Per pattern (as compiled), the sets it belongs to.
    targets: Vec<Vec<Target>>,
    /// Text words that begin patterns: by word, the pattern that is that word and the longer
    /// patterns that start with it (with their bytes).
    words: WordTable,
    by_word: Vec<Led>,
    /// The ASCII patterns that start with no letter or digit ("(icefcom)"), if any.
    ascii: Option<AhoCorasick>,
    ascii_ids: Vec<u32>,
    other: OnceLock<AhoCorasick>,
    other_patterns: Vec<Vec<u8>>,
    other_ids: Vec<u32>,
    /// The non-ASCII characters of the other patterns (the quote aside): a text without one
    /// cannot match any of them.
    other_chars: HashSet<char>,
}

/// U+2019 RIGHT SINGLE QUOTATION MARK, the apostrophe of typeset English.
const RSQUO: &str = "\u{2019}";
/// What it becomes in patterns and in the searched copy of the text: three bytes as it is, an
/// ASCII apostrophe and two bytes that never occur in UTF-8, so offsets are kept and nothing
/// else can match it.
const RSQUO_MAPPED: &[u8] = b"'\xFF\xFF";

fn mapped(pattern: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(pattern.len());
    for (i, part) in pattern.split(RSQUO).enumerate() {
        if i > 0 {
            out.extend_from_slice(RSQUO_MAPPED);
        }
        out.extend_from_slice(part.as_bytes());
    }
    out
}

fn compile(patterns: &[&[u8]]) -> AhoCorasick {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .prefilter(false)
        .build(patterns)
        .expect("the lexicon's and cues' patterns compile (checked by tests)")
}

impl Scanner {
    /// The scanner of the embedded lexicon and cues, built once per process.
    pub fn get() -> &'static Scanner {
        static S: OnceLock<Scanner> = OnceLock::new();
        S.get_or_init(|| Scanner::new(Lexicon::get(), Cues::get()))
    }

    pub fn new(lex: &Lexicon, cues: &Cues) -> Scanner {
        let mut index: FnvMap<&str, u32> = FnvMap::default();
        let mut texts: Vec<&str> = Vec::new();
        let mut targets: Vec<Vec<Target>> = Vec::new();
        let lexicon: Vec<&str> = lex.patterns.iter().map(|p| p.text.as_str()).collect();
        let claim: Vec<&str> = cues.claim_patterns().iter().map(String::as_str).collect();
        let evidence: Vec<&str> = cues.evidence_patterns().iter().map(String::as_str).collect();
        type Set<'a> = (&'a [&'a str], fn(u32) -> Target);
        let sets: [Set; 3] = [(&lexicon, Target::Lexicon), (&claim, Target::Claim), (&evidence, Target::Evidence)];
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
        let (mut other_patterns, mut other_ids, mut other_chars) = (Vec::new(), Vec::new(), HashSet::new());
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
        let ascii_refs: Vec<&[u8]> = ascii.iter().map(Vec::as_slice).collect();
        Scanner {
            targets,
            words,
            by_word,
            ascii: (!ascii_refs.is_empty()).then(|| compile(&ascii_refs)),
            ascii_ids,
            other: OnceLock::new(),
            other_patterns,
            other_ids,
            other_chars,
        }
    }

    /// The hits of the wanted sets in `text`.
    pub fn scan(&self, text: &str, want: Want) -> Scans {
        let lex = Lexicon::get();
        let cues = Cues::get();
        let mut raw: [Vec<Hit>; 3] = [Vec::new(), Vec::new(), Vec::new()];
        // A hit of pattern `id` at s..e (word boundaries already checked) for every set that
        // wants it and accepts its case.
        let mut add = |id: u32, s: usize, e: usize| {
            for t in &self.targets[id as usize] {
                match *t {
                    Target::Lexicon(p) if want.lexicon => {
                        let pat = &lex.patterns[p as usize];
                        if !pat.case_exact || pat.forms.iter().any(|f| f.as_str() == &text[s..e]) {
                            raw[0].push(Hit { start: s, end: e, pattern: p });
                        }
                    }
                    Target::Claim(p) if want.cues => raw[1].push(Hit { start: s, end: e, pattern: p }),
                    Target::Evidence(p) if want.evidence => raw[2].push(Hit { start: s, end: e, pattern: p }),
                    _ => {}
                }
            }
        };
        // Patterns are lower case; ASCII lower-casing keeps every byte offset, and so does the
        // quote's mapping.
        let mut lower = text.as_bytes().to_ascii_lowercase();
        if !text.is_ascii() {
            for (i, _) in text.match_indices(RSQUO) {
                lower[i..i + 3].copy_from_slice(RSQUO_MAPPED);
            }
        }
        self.words.find(text, |s, e, w| {
            let (single, longer) = &self.by_word[w as usize];
            if let Some(id) = *single {
                add(id, s, e);
            }
            let k = e - s;
            for (id, p) in longer {
                let id = *id;
                // the byte after the separator tells most candidates apart
                if p.len() > k + 1 && lower.get(e + 1) != Some(&p[k + 1]) {
                    continue;
                }
                let end = s + p.len();
                if lower.get(s..end) == Some(p.as_slice()) && boundary_ok(text, s, end) {
                    add(id, s, end);
                }
            }
        });
        let mut search = |automaton: &AhoCorasick, ids: &[u32]| {
            for m in automaton.find_overlapping_iter(&lower) {
                if boundary_ok(text, m.start(), m.end()) {
                    add(ids[m.pattern().as_usize()], m.start(), m.end());
                }
            }
        };
        if let Some(ascii) = &self.ascii {
            search(ascii, &self.ascii_ids);
        }
        if !text.is_ascii() && text.chars().any(|c| !c.is_ascii() && self.other_chars.contains(&c)) {
            let other = self.other.get_or_init(|| {
                let refs: Vec<&[u8]> = self.other_patterns.iter().map(Vec::as_slice).collect();
                compile(&refs)
            });
            search(other, &self.other_ids);
        }
        let [l, c, e] = raw;
        Scans {
            lexicon: leftmost_longest(l),
            cues: cues.meanings_of(leftmost_longest(c), false),
            evidence: cues.meanings_of(leftmost_longest(e), true),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What one overlapping search of a set's patterns, with the same checks, finds.
    fn reference(patterns: &[String], text: &str, case: impl Fn(usize, &str) -> bool) -> Vec<Hit> {
        let ac = AhoCorasickBuilder::new().match_kind(MatchKind::Standard).build(patterns).unwrap();
        let lower = text.to_ascii_lowercase();
        let found = ac
            .find_overlapping_iter(lower.as_bytes())
            .filter(|m| boundary_ok(text, m.start(), m.end()) && case(m.pattern().as_usize(), &text[m.range()]))
            .map(|m| Hit { start: m.start(), end: m.end(), pattern: m.pattern().as_u32() })
            .collect();
        leftmost_longest(found)
    }

    #[test]
    fn one_pass_finds_what_each_set_alone_would() {
        let lex = Lexicon::get();
        let cues = Cues::get();
        let lex_patterns: Vec<String> = lex.patterns.iter().map(|p| p.text.clone()).collect();
        let mut texts: Vec<String> = vec![
            "He said it: the U.S. and China\u{2019}s MSS, at 10:00. They didn\u{2019}t deny it; 中国外交部否认了指控。"
                .into(),
            "APT28 (Fancy Bear) hit Ukraine\u{2019}s grid, officials at the NCSC said, citing screenshots.".into(),
        ];
        for dir in ["fixtures/articles", "fixtures/datasets/core", "fixtures/scenarios"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
            for e in std::fs::read_dir(dir).unwrap() {
                if let Ok(t) = std::fs::read_to_string(e.unwrap().path()) {
                    texts.push(t);
                }
            }
        }
        for text in &texts {
            let got = Scanner::get().scan(text, Want::ALL);
            let want = reference(&lex_patterns, text, |p, s| {
                let p = &lex.patterns[p];
                !p.case_exact || p.forms.iter().any(|f| f == s)
            });
            assert_eq!(got.lexicon, want, "{text:.60}");
            let want = cues.meanings_of(reference(cues.claim_patterns(), text, |_, _| true), false);
            assert_eq!(got.cues, want, "{text:.60}");
            let want = cues.meanings_of(reference(cues.evidence_patterns(), text, |_, _| true), true);
            assert_eq!(got.evidence, want, "{text:.60}");
        }
    }

    #[test]
    fn the_typeset_apostrophe_is_kept_apart() {
        assert_eq!(mapped("didn\u{2019}t"), b"didn'\xFF\xFFt");
        assert_eq!(mapped("didn't"), b"didn't");
        let hits = Scanner::get().scan("They didn\u{2019}t say it.", Want::ALL);
        assert!(hits.cues.iter().any(|h| h.cue == super::super::cues::Cue::Report));
    }
}
