//! One pass over a document for all three pattern sets: the lexicon's names and cue words, the
//! claim cues and the evidence cues. Their tables are made together by the build script
//! (`tables`) and decoded once per process:
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
use super::tables::{ScanTables, Target, RSQUO, RSQUO_MAPPED};
use super::wordscan::ShortWords;
use super::{boundary_ok, leftmost_longest, Hit, Lexicon};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use std::sync::OnceLock;

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

/// The scanner: its tables, decoded, and the automata of the patterns that are not found
/// from the text's words.
pub struct Scanner {
    t: ScanTables,
    /// The short words of `t.words`, for their fast look-up.
    short: ShortWords,
    /// The ASCII patterns that start with no letter or digit ("(icefcom)"), if any.
    ascii: Option<AhoCorasick>,
    other: OnceLock<AhoCorasick>,
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
        S.get_or_init(|| Scanner::with_tables(Scanner::embedded_tables()))
    }

    /// A scanner of `lex` and `cues`, its tables built now rather than by the build script.
    pub fn new(lex: &Lexicon, cues: &Cues) -> Scanner {
        Scanner::with_tables(ScanTables::of(lex, cues))
    }

    /// The tables the build script made for the embedded lexicon and cues, decoded.
    pub fn embedded_tables() -> ScanTables {
        static BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/scan.bin"));
        postcard::from_bytes(BYTES).expect("the build script wrote the scanner's tables with this model")
    }

    fn with_tables(t: ScanTables) -> Scanner {
        let ascii: Vec<&[u8]> = t.ascii_patterns.iter().map(Vec::as_slice).collect();
        Scanner {
            ascii: (!ascii.is_empty()).then(|| compile(&ascii)),
            other: OnceLock::new(),
            short: ShortWords::of(&t.words),
            t,
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
            for t in &self.t.targets[id as usize] {
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
            for i in memchr::memmem::find_iter(text.as_bytes(), RSQUO.as_bytes()) {
                lower[i..i + 3].copy_from_slice(RSQUO_MAPPED);
            }
        }
        self.t.words.find(&self.short, text, |s, e, w| {
            let (single, longer) = &self.t.by_word[w as usize];
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
            search(ascii, &self.t.ascii_ids);
        }
        // Only the characters that start with a lead byte (0xC0 or more) can be other patterns'.
        let other_char = |(i, &b): (usize, &u8)| {
            b >= 0xC0 && {
                let c = text[i..].chars().next().expect("a lead byte starts a character");
                self.t.other_chars.binary_search(&c).is_ok()
            }
        };
        if !text.is_ascii() && text.as_bytes().iter().enumerate().any(other_char) {
            let other = self.other.get_or_init(|| {
                let refs: Vec<&[u8]> = self.t.other_patterns.iter().map(Vec::as_slice).collect();
                compile(&refs)
            });
            search(other, &self.t.other_ids);
        }
        let [l, c, e] = raw;
        Scans {
            lexicon: leftmost_longest(l),
            cues: cues.meanings_of(leftmost_longest(c), false),
            evidence: cues.meanings_of(leftmost_longest(e), true),
        }
    }
}

impl Cues {
    /// The cues the build script compiled from the embedded data (decoded once per process).
    pub fn get() -> &'static Cues {
        static CUES: OnceLock<Cues> = OnceLock::new();
        CUES.get_or_init(Cues::embedded)
    }

    /// The cues the build script compiled from the embedded data, decoded.
    pub fn embedded() -> Cues {
        static BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/cues.bin"));
        postcard::from_bytes(BYTES).expect("the build script wrote the cues with this model")
    }

    /// Every claim cue in `text`, in order, at word boundaries for Latin phrases.
    pub fn scan(&self, text: &str) -> Vec<CueHit> {
        super::scan::Scanner::get().scan(text, super::scan::Want { lexicon: false, cues: true, evidence: false }).cues
    }

    /// Every evidence cue (and weakener) in `text`, in order.
    pub fn scan_evidence(&self, text: &str) -> Vec<CueHit> {
        super::scan::Scanner::get()
            .scan(text, super::scan::Want { lexicon: false, cues: false, evidence: true })
            .evidence
    }

    /// Chosen hits of claim (or evidence) cue patterns as cue hits, one per meaning.
    pub(crate) fn meanings_of(&self, hits: Vec<Hit>, evidence: bool) -> Vec<CueHit> {
        let meanings = if evidence { &self.evidence_meanings } else { &self.meanings };
        let mut out = Vec::with_capacity(hits.len());
        for h in hits {
            for &cue in &meanings[h.pattern as usize] {
                out.push(CueHit { start: h.start, end: h.end, cue });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::tables::mapped;

    #[test]
    fn embedded_tables_are_the_data_compiled() {
        // What the build script wrote decodes to what the data compiles to now.
        assert_eq!(Cues::embedded(), Cues::build().unwrap());
        let fresh = Scanner::new(&Lexicon::build().unwrap(), &Cues::build().unwrap());
        assert_eq!(Scanner::embedded_tables(), fresh.t);
    }

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
