//! The lexicon: the gazetteer (states, their bodies, threat groups, organisations) and the cue
//! words of actor recognition, compiled from the data files by the build script (`compile`) and
//! decoded once per run; the scanner (`scan`) finds their forms. Shared read-only by every
//! document of a run.

pub mod compile;
pub mod cues;
mod model;
pub mod scan;
pub mod tables;
pub(crate) mod wordscan;

pub use model::*;

use serde::Deserialize;
use std::sync::OnceLock;

const WORDS: &str = include_str!("../../data/words.toml");

/// The small closed word lists of `data/words.toml` (titles, joiners, negators, …).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    pub not_names: Vec<String>,
    pub titles: Vec<String>,
    pub person_prefixes: Vec<String>,
    pub person_roles: Vec<String>,
    pub speaker_person_parts: Vec<String>,
    pub dateline_months: Vec<String>,
    pub joiners: Vec<String>,
    pub list_separators: Vec<String>,
    pub list_examples: Vec<String>,
    pub clause_adverbs: Vec<String>,
    pub function_words: Vec<String>,
    pub link_words: Vec<String>,
    pub negators: Vec<String>,
    pub harm_words: Vec<String>,
    pub naming_verbs: Vec<String>,
    pub naming_after: Vec<String>,
    pub compound_heads: Vec<String>,
    pub quote_sources: Vec<String>,
    pub source_documents: Vec<String>,
    pub operator_nouns: Vec<String>,
    pub target_verbs: Vec<String>,
    pub target_stops: Vec<String>,
}

/// The word lists, parsed once.
pub fn words() -> &'static Words {
    static W: OnceLock<Words> = OnceLock::new();
    W.get_or_init(|| toml::from_str(WORDS).expect("data/words.toml is valid (checked by tests)"))
}

/// A raw hit of the automaton.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub pattern: u32,
}

impl Lexicon {
    /// The lexicon built from the embedded data (built once per process).
    pub fn get() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(Lexicon::embedded)
    }

    pub fn actor(&self, i: u32) -> &Actor {
        &self.actors[i as usize]
    }

    /// The index of an actor id.
    pub fn index(&self, id: &str) -> Option<u32> {
        self.by_id.get(id).copied()
    }

    /// One leftmost-longest pass over `text`: every hit that passes its case and word-boundary
    /// checks, in order. Context checks (ambiguity) are the recogniser's.
    pub fn scan(&self, text: &str) -> Vec<Hit> {
        scan::Scanner::get().scan(text, scan::Want { lexicon: true, cues: false, evidence: false }).lexicon
    }

    /// Compiles the lexicon from the data files, reporting the first problem found. The build
    /// script does this once; `get` decodes its result.
    pub fn build() -> Result<Lexicon, String> {
        compile::compile()
    }

    /// Decodes the lexicon that the build script compiled from the embedded data.
    pub fn embedded() -> Lexicon {
        static BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.bin"));
        postcard::from_bytes(BYTES).expect("the build script wrote the lexicon with this model")
    }
}

/// Keeps, from overlapping valid hits, the leftmost and then longest, left to right. Checking
/// case and word boundaries before choosing lets a shorter valid form win over a longer invalid one.
pub(crate) fn leftmost_longest(mut found: Vec<Hit>) -> Vec<Hit> {
    found.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut out: Vec<Hit> = Vec::with_capacity(found.len());
    let mut reached = 0;
    for h in found {
        if h.start >= reached {
            reached = h.end;
            out.push(h);
        }
    }
    out
}

/// Latin words must not continue past the match: the characters around it may not be
/// letters or digits (Han characters excepted, so "NSA发布" still finds NSA).
fn boundary_ok(text: &str, start: usize, end: usize) -> bool {
    let is_word = |c: char| c.is_alphanumeric() && !crate::lang::is_han(c) && !is_kana_hangul(c);
    let first = text[start..end].chars().next();
    let last = text[start..end].chars().next_back();
    if first.is_some_and(is_word) && text[..start].chars().next_back().is_some_and(is_word) {
        return false;
    }
    if last.is_some_and(is_word) && text[end..].chars().next().is_some_and(is_word) {
        return false;
    }
    true
}

/// Whether `s` starts with `prefix` (lower-case ASCII) in any case, with nothing allocated:
/// what `s.to_lowercase().starts_with(prefix)` answers when `prefix` has no 'k' and no 'i' at
/// its end (the only ASCII letters a character outside ASCII lower-cases to: the Kelvin sign
/// to 'k', 'İ' to 'i' and a combining dot).
pub(crate) fn starts_with_ci(s: &str, prefix: &str) -> bool {
    debug_assert!(prefix.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()));
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// `starts_with_ci` at the end: `s.to_lowercase().ends_with(suffix)`, for a `suffix` with no 'k'
/// and no 'i' at its end.
pub(crate) fn ends_with_ci(s: &str, suffix: &str) -> bool {
    debug_assert!(suffix.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()));
    s.len() >= suffix.len() && s.as_bytes()[s.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

fn is_kana_hangul(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0xAC00..=0xD7AF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_case_tests_answer_as_lower_casing_would() {
        let texts = [
            "Traced",
            "TRACKED",
            "trac",
            "tra",
            "",
            "Pro-",
            "pro-Russian",
            "anti-",
            "ANTI-",
            "antİ-",
            "ＡＮＴＩ-",
            "\u{212A}ill",
            "Kraft pro-",
            "é pro-",
        ];
        for s in texts {
            for p in ["trac", "pro-", "anti-"] {
                assert_eq!(starts_with_ci(s, p), s.to_lowercase().starts_with(p), "{s} {p}");
                assert_eq!(ends_with_ci(s, p), s.to_lowercase().ends_with(p), "{s} {p}");
            }
        }
        assert!(starts_with_ci("TRACED", "trac") && ends_with_ci("the Anti-", "anti-"));
        assert!(!starts_with_ci("tra", "trac") && !ends_with_ci("nti-", "anti-"));
    }

    fn forms_of(lex: &Lexicon, text: &str) -> Vec<String> {
        lex.scan(text).iter().map(|h| text[h.start..h.end].to_string()).collect()
    }

    #[test]
    fn word_lists_load() {
        let w = words();
        assert!(w.titles.iter().any(|t| t == "Minister"));
        assert!(w.person_prefixes.iter().any(|t| t == "Col."));
        assert!(w.person_roles.iter().any(|t| t == "spokesperson"));
        // Compared with a word in lower case: an entry with a capital would never match.
        assert!(w.person_roles.iter().all(|t| !t.is_empty() && *t == t.to_lowercase()));
        assert!(w.joiners.iter().any(|t| t == "of"));
        assert!(!w.harm_words.is_empty() && !w.negators.is_empty());
        // Compared inside a lower-cased phrase: an entry with a capital would never match.
        assert!(w.speaker_person_parts.iter().any(|p| p == "spokes"));
        assert!(w.speaker_person_parts.iter().all(|p| !p.is_empty() && *p == p.to_lowercase()));
        assert_eq!(w.dateline_months.len(), 12);
    }

    #[test]
    fn embedded_copy_is_the_data_compiled() {
        // The build script's binary copy decodes to exactly what the data compiles to now.
        assert_eq!(Lexicon::embedded(), Lexicon::build().unwrap());
    }

    #[test]
    fn embedded_data_builds() {
        let lex = Lexicon::build().unwrap();
        assert!(lex.actors.iter().filter(|a| a.kind == ActorKind::Group).count() >= 1000);
        // 28 states from the generated gazetteer, the rest from data/states-extra.json.
        assert_eq!(lex.actors.iter().filter(|a| a.kind == ActorKind::State).count(), 59);
        let pl = lex.index("pl").unwrap();
        assert_eq!(lex.actor(pl).name, "Poland");
        // A row for a known state adds bodies to it.
        assert_eq!(lex.actor(lex.index("nl-police").unwrap()).country.as_deref(), Some("NL"));
        assert!(lex.actors.iter().filter(|a| a.kind == ActorKind::Body).count() >= 290);
        let apt31 = lex.index("g-zirconium").unwrap();
        assert_eq!(lex.actor(apt31).sponsor.as_deref(), Some("cn-mss"));
        assert_eq!(lex.actor(lex.index("tw-icefcom").unwrap()).parent.as_deref(), Some("tw-mnd"));
    }

    #[test]
    fn roles_resolve_per_state() {
        let lex = Lexicon::get();
        let role = |name: &str, state: &str| {
            let r = lex.roles.iter().find(|r| r.name == name).unwrap();
            r.by_state.get(&lex.index(state).unwrap()).map(|&a| lex.actor(a).id.clone())
        };
        assert_eq!(role("state_security", "cn").as_deref(), Some("cn-mss"));
        assert_eq!(role("defense_ministry", "tw").as_deref(), Some("tw-mnd"));
        assert_eq!(role("defense_ministry", "cn").as_deref(), Some("cn-ministry-of-national-defense"));
        assert_eq!(role("military", "cn").as_deref(), Some("cn-pla"));
        assert_eq!(role("foreign_ministry", "us").as_deref(), Some("us-department-of-state"));
        assert_eq!(role("government", "kp").as_deref(), Some("kp"));
    }

    #[test]
    fn case_and_boundaries() {
        let lex = Lexicon::get();
        assert_eq!(forms_of(lex, "the MSS and the NSA"), ["MSS", "NSA"]);
        assert!(!forms_of(lex, "the mss files").contains(&"mss".to_string()));
        assert!(forms_of(lex, "apt31 and Apt31").contains(&"apt31".to_string()));
        assert!(forms_of(lex, "Nsafe").is_empty() || !forms_of(lex, "Nsafe").iter().any(|f| f == "Nsa"));
        assert!(forms_of(lex, "美国国家安全局发布").contains(&"美国国家安全局".to_string()));
        assert!(forms_of(lex, "NSA发布报告").contains(&"NSA".to_string()));
        // Longest match: the full name, not "China".
        assert!(forms_of(lex, "China's Ministry of State Security said")
            .contains(&"China's Ministry of State Security".to_string()));
        assert!(forms_of(lex, "China\u{2019}s Ministry of State Security said")
            .contains(&"China\u{2019}s Ministry of State Security".to_string()));
    }
}
