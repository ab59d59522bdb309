//! The lexicon: the gazetteer (states, their bodies, threat groups, organisations) and the cue
//! words of actor recognition, parsed from the data files embedded at build time and compiled
//! once into one Aho-Corasick automaton. Shared read-only by every document of a run.

pub mod cues;
pub mod scan;
pub(crate) mod wordscan;

use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;

const GROUPS: &str = include_str!("../../data/groups.jsonl");
const STATES: &str = include_str!("../../data/states.json");
/// States and bodies the generated gazetteer lacks, compiled by hand for this project.
const STATES_EXTRA: &str = include_str!("../../data/states-extra.json");
const ORGS: &str = include_str!("../../data/organisations.toml");
const ROLES: &str = include_str!("../../data/roles.toml");
const REFERENCES: &str = include_str!("../../data/references.toml");
const ACTOR_CUES: &str = include_str!("../../data/actor-cues.toml");
const WORDS: &str = include_str!("../../data/words.toml");

/// The small closed word lists of `data/words.toml` (titles, joiners, negators, …).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    pub not_names: Vec<String>,
    pub titles: Vec<String>,
    pub person_prefixes: Vec<String>,
    pub person_roles: Vec<String>,
    pub joiners: Vec<String>,
    pub function_words: Vec<String>,
    pub link_words: Vec<String>,
    pub negators: Vec<String>,
    pub harm_words: Vec<String>,
    pub naming_verbs: Vec<String>,
    pub quote_sources: Vec<String>,
    pub operator_nouns: Vec<String>,
    pub target_verbs: Vec<String>,
    pub target_stops: Vec<String>,
}

/// The word lists, parsed once.
pub fn words() -> &'static Words {
    static W: OnceLock<Words> = OnceLock::new();
    W.get_or_init(|| toml::from_str(WORDS).expect("data/words.toml is valid (checked by tests)"))
}

/// What an actor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ActorKind {
    /// A state or state-like polity, or an organisation of states (EU, NATO); stands for its government.
    State,
    /// A body of a state: ministry, intelligence or security service, military unit, CERT.
    Body,
    /// A threat group, hacktivist persona or unnamed group of hackers.
    Group,
    /// A company, vendor, international body or news outlet.
    Organisation,
}

impl ActorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::State => "state",
            ActorKind::Body => "body",
            ActorKind::Group => "group",
            ActorKind::Organisation => "organisation",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "state" => ActorKind::State,
            "body" => ActorKind::Body,
            "group" => ActorKind::Group,
            "organisation" => ActorKind::Organisation,
            _ => return None,
        })
    }
}

/// A canonical actor of the gazetteer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    /// Body kind (`intelligence`, `military_cyber`, …), organisation kind (`vendor`, `outlet`, …),
    /// or the state's type (`polity`, `organisation`, `sar`).
    pub subkind: String,
    /// ISO 3166 alpha-2 (or `EU`, `NATO`); for a group, the country its sources tie it to.
    pub country: Option<String>,
    /// For a group: the actor id of its state sponsor, where the gazetteer names one.
    pub sponsor: Option<String>,
    /// For a body: the actor id of the body or state it belongs to.
    pub parent: Option<String>,
    pub short: Option<String>,
}

/// How a name form relates to its actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Via {
    Name,
    Alias,
    Demonym,
    Metonym,
    Role,
    Reference,
    Learned,
}

impl Via {
    pub fn as_str(self) -> &'static str {
        match self {
            Via::Name => "name",
            Via::Alias => "alias",
            Via::Demonym => "demonym",
            Via::Metonym => "metonym",
            Via::Role => "role",
            Via::Reference => "reference",
            Via::Learned => "learned",
        }
    }
}

/// Why a form needs care before it counts as a mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ambiguity {
    None,
    /// An ordinary word or a form shared by several actors: exact case, and context.
    Word,
    /// Three letters or fewer: exact case and a group noun right beside it.
    Short,
}

/// One meaning of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Meaning {
    /// A name form of one actor, or of several (a shared form such as "Ministry of State Security").
    Actor {
        candidates: Vec<u32>,
        via: Via,
        ambiguity: Ambiguity,
    },
    /// A demonym of a state ("Chinese"): a state link, not the state itself.
    Demonym {
        state: u32,
    },
    Role {
        role: u16,
    },
    Reference {
        class: u16,
    },
    GroupNoun,
    Learn {
        need_group_noun: bool,
    },
    Cyber,
    /// Shadows the names inside it and names nothing ("Beijing time").
    Stop,
}

/// A pattern of the automaton: its meanings and whether its case must match exactly.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// The pattern as the automaton holds it (ASCII lower case).
    pub text: String,
    pub case_exact: bool,
    /// With `case_exact`, the spellings that count.
    pub forms: Vec<String>,
    pub meanings: Vec<Meaning>,
}

/// A role ("defence ministry") and, per state, the body it names.
#[derive(Debug, Clone)]
pub struct Role {
    pub name: String,
    /// state actor index → actor index the role names (a body, or the state itself).
    pub by_state: HashMap<u32, u32>,
}

/// A class of references ("the ministry", "it") and what they may point to.
#[derive(Debug, Clone)]
pub struct ReferenceClass {
    pub accepts: Vec<ActorKind>,
    /// Words of which one in an actor's name makes it the preferred antecedent.
    pub prefer: Vec<String>,
    /// Kinds tried first (nearest first) before the subject rule.
    pub prefer_kinds: Vec<ActorKind>,
    pub subject: bool,
    /// Latin phrases need "the", "this" or "that" right before them.
    pub determiner: bool,
}

/// The compiled lexicon.
pub struct Lexicon {
    pub actors: Vec<Actor>,
    pub by_id: HashMap<String, u32>,
    pub patterns: Vec<Pattern>,
    pub roles: Vec<Role>,
    pub references: Vec<ReferenceClass>,
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
        LEXICON.get_or_init(|| Lexicon::build().expect("embedded lexicon data is valid (checked by tests)"))
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

    /// Builds the lexicon from the embedded data, reporting the first problem found.
    pub fn build() -> Result<Lexicon, String> {
        let mut b = Builder::default();
        b.load_states()?;
        b.load_groups()?;
        b.load_orgs()?;
        b.load_roles()?;
        b.load_references()?;
        b.load_cues()?;
        b.finish()
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

fn is_kana_hangul(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0xAC00..=0xD7AF)
}

#[derive(Deserialize)]
struct GroupRow {
    id: String,
    name: String,
    country: Option<String>,
    sponsor: Option<String>,
    sponsor_country: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    ambiguous: Vec<String>,
}

#[derive(Deserialize)]
struct StateRow {
    code: String,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    demonyms: Vec<String>,
    #[serde(default)]
    metonyms: Vec<String>,
    #[serde(default)]
    ambiguous: Vec<String>,
    #[serde(default)]
    bodies: Vec<BodyRow>,
}

#[derive(Deserialize)]
struct BodyRow {
    id: String,
    name: String,
    short: Option<String>,
    kind: String,
    parent: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    ambiguous: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OrgFile {
    org: Vec<OrgRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OrgRow {
    id: String,
    name: String,
    kind: String,
    aliases: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleFile {
    role: Vec<RoleRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleRow {
    name: String,
    phrases: Vec<String>,
    #[serde(default)]
    kinds: Vec<String>,
    #[serde(default)]
    name_contains: Vec<String>,
    target: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReferenceFile {
    reference: Vec<ReferenceRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReferenceRow {
    phrases: Vec<String>,
    accepts: Vec<String>,
    #[serde(default)]
    prefer: Vec<String>,
    #[serde(default)]
    prefer_kinds: Vec<String>,
    #[serde(default)]
    subject: bool,
    #[serde(default)]
    determiner: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CueFile {
    group_nouns: Vec<String>,
    #[serde(default)]
    stop: Vec<String>,
    cyber_context: Vec<String>,
    learn: Vec<LearnRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LearnRow {
    phrases: Vec<String>,
    need_group_noun: bool,
}

#[derive(Default)]
struct PatternEntry {
    exact: bool,
    forms: Vec<String>,
    meanings: Vec<Meaning>,
}

#[derive(Default)]
struct Builder {
    actors: Vec<Actor>,
    by_id: HashMap<String, u32>,
    /// lower-cased pattern → entry; sorted by pattern at the end, for a deterministic order.
    patterns: HashMap<String, PatternEntry, std::hash::BuildHasherDefault<wordscan::Fnv>>,
    roles: Vec<Role>,
    references: Vec<ReferenceClass>,
    /// body actor index → body kind, for role resolution; per state the bodies in data order.
    state_bodies: HashMap<u32, Vec<u32>>,
}

fn has_han(s: &str) -> bool {
    s.chars().any(crate::lang::is_han)
}

/// Acronyms (a single all-capital word without digits) and ambiguous forms match case-exactly.
fn is_acronym(s: &str) -> bool {
    !s.contains(' ')
        && s.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && s.chars().all(|c| !c.is_lowercase() && !c.is_ascii_digit())
        && s.chars().any(|c| c.is_uppercase())
}

impl Builder {
    fn add_actor(&mut self, a: Actor) -> Result<u32, String> {
        if self.by_id.contains_key(&a.id) {
            return Err(format!("duplicate actor id {}", a.id));
        }
        let i = self.actors.len() as u32;
        self.by_id.insert(a.id.clone(), i);
        self.actors.push(a);
        Ok(i)
    }

    /// Adds a form with a meaning. Apostrophe variants (' and ’) are added together.
    fn add(&mut self, form: &str, case_exact: bool, meaning: Meaning) {
        let form = form.trim();
        if form.is_empty() {
            return;
        }
        // Latin forms shorter than three characters are too noisy, unless they must match exactly.
        if !has_han(form) && form.chars().count() < 3 && !case_exact {
            return;
        }
        let variants: Vec<String> = if form.contains('\'') {
            vec![form.to_string(), form.replace('\'', "\u{2019}")]
        } else if form.contains('\u{2019}') {
            vec![form.to_string(), form.replace('\u{2019}', "'")]
        } else {
            vec![form.to_string()]
        };
        for v in variants {
            // One automaton entry per lower-cased form; an exact-case form keeps its spelling.
            let key = v.to_ascii_lowercase();
            let entry = self.patterns.entry(key).or_insert_with(|| PatternEntry { exact: true, ..Default::default() });
            // A form that is exact for one meaning and loose for another stays loose.
            entry.exact &= case_exact;
            if case_exact && !entry.forms.contains(&v) {
                entry.forms.push(v.clone());
            }
            merge_meaning(&mut entry.meanings, meaning.clone());
        }
    }

    fn add_actor_form(&mut self, form: &str, actor: u32, via: Via, ambiguity: Ambiguity) {
        let exact = ambiguity != Ambiguity::None || is_acronym(form);
        self.add(form, exact, Meaning::Actor { candidates: vec![actor], via, ambiguity });
    }

    fn load_states(&mut self) -> Result<(), String> {
        let mut rows: Vec<StateRow> = serde_json::from_str(STATES).map_err(|e| format!("data/states.json: {e}"))?;
        let extra: Vec<StateRow> =
            serde_json::from_str(STATES_EXTRA).map_err(|e| format!("data/states-extra.json: {e}"))?;
        for e in extra {
            // A row for a known state adds bodies and forms to it; any other row is a new state.
            match rows.iter_mut().find(|r| r.code == e.code) {
                Some(r) => {
                    r.names.extend(e.names);
                    r.demonyms.extend(e.demonyms);
                    r.metonyms.extend(e.metonyms);
                    r.bodies.extend(e.bodies);
                }
                None => rows.push(e),
            }
        }
        for s in rows {
            let name = s.names.first().cloned().unwrap_or_else(|| s.code.clone());
            let state = self.add_actor(Actor {
                id: s.code.to_lowercase(),
                name,
                kind: ActorKind::State,
                subkind: s.kind.clone(),
                country: Some(s.code.clone()),
                sponsor: None,
                parent: None,
                short: None,
            })?;
            for (i, n) in s.names.iter().enumerate() {
                self.add_actor_form(n, state, if i == 0 { Via::Name } else { Via::Alias }, Ambiguity::None);
            }
            for m in &s.metonyms {
                self.add_actor_form(m, state, Via::Metonym, Ambiguity::None);
            }
            for d in &s.demonyms {
                self.add(d, false, Meaning::Demonym { state });
            }
            for a in &s.ambiguous {
                // State forms marked ambiguous ("US", "America", "Washington") are ordinary
                // words only in another case: match them exactly.
                self.add(
                    a,
                    true,
                    Meaning::Actor { candidates: vec![state], via: Via::Alias, ambiguity: Ambiguity::None },
                );
            }
            let mut bodies = Vec::new();
            for b in &s.bodies {
                let parent = b.parent.clone().unwrap_or_else(|| s.code.to_lowercase());
                let body = self.add_actor(Actor {
                    id: b.id.clone(),
                    name: b.name.clone(),
                    kind: ActorKind::Body,
                    subkind: b.kind.clone(),
                    country: Some(s.code.clone()),
                    sponsor: None,
                    parent: Some(parent),
                    short: b.short.clone(),
                })?;
                bodies.push(body);
                for a in &b.aliases {
                    let via = if a == &b.name { Via::Name } else { Via::Alias };
                    self.add_actor_form(a, body, via, Ambiguity::None);
                }
                for a in &b.ambiguous {
                    // Shared between states ("Ministry of State Security": CN and KP) or generic:
                    // the recogniser picks the candidate from the document's context.
                    let exact = is_acronym(a);
                    let via = if a == &b.name { Via::Name } else { Via::Alias };
                    self.add(a, exact, Meaning::Actor { candidates: vec![body], via, ambiguity: Ambiguity::None });
                }
            }
            self.state_bodies.insert(state, bodies);
        }
        Ok(())
    }

    fn load_groups(&mut self) -> Result<(), String> {
        for (n, line) in GROUPS.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let g: GroupRow = serde_json::from_str(line).map_err(|e| format!("data/groups.jsonl:{}: {e}", n + 1))?;
            let sponsor = match (&g.sponsor, &g.sponsor_country) {
                (Some(s), Some(c)) => self.find_body(c, s),
                _ => None,
            };
            let id = format!("g-{}", g.id);
            let group = self.add_actor(Actor {
                id,
                name: g.name.clone(),
                kind: ActorKind::Group,
                subkind: "threat_group".to_string(),
                country: g.country.clone(),
                sponsor,
                parent: None,
                short: None,
            })?;
            for a in &g.aliases {
                let via = if a == &g.name { Via::Name } else { Via::Alias };
                self.add_actor_form(a, group, via, Ambiguity::None);
            }
            for a in &g.ambiguous {
                let amb = if !has_han(a) && a.chars().count() <= 3 { Ambiguity::Short } else { Ambiguity::Word };
                self.add_actor_form(a, group, Via::Alias, amb);
            }
        }
        Ok(())
    }

    /// The id of the body of state `code` called `name` (by name or alias).
    fn find_body(&self, code: &str, name: &str) -> Option<String> {
        let state = *self.by_id.get(&code.to_lowercase())?;
        self.state_bodies
            .get(&state)?
            .iter()
            .map(|&b| &self.actors[b as usize])
            .find(|a| a.name == name)
            .map(|a| a.id.clone())
    }

    fn load_orgs(&mut self) -> Result<(), String> {
        let f: OrgFile = toml::from_str(ORGS).map_err(|e| format!("data/organisations.toml: {e}"))?;
        for o in f.org {
            let org = self.add_actor(Actor {
                id: format!("o-{}", o.id),
                name: o.name.clone(),
                kind: ActorKind::Organisation,
                subkind: o.kind.clone(),
                country: None,
                sponsor: None,
                parent: None,
                short: None,
            })?;
            for a in &o.aliases {
                let via = if a == &o.name { Via::Name } else { Via::Alias };
                self.add_actor_form(a, org, via, Ambiguity::None);
            }
        }
        Ok(())
    }

    fn load_roles(&mut self) -> Result<(), String> {
        let f: RoleFile = toml::from_str(ROLES).map_err(|e| format!("data/roles.toml: {e}"))?;
        for r in f.role {
            let mut by_state = HashMap::new();
            for (&state, bodies) in &self.state_bodies {
                let target = match r.target.as_deref() {
                    Some("state") => Some(state),
                    Some(other) => return Err(format!("data/roles.toml: role {}: unknown target {other:?}", r.name)),
                    None => {
                        let fits = |b: &&u32| {
                            let a = &self.actors[**b as usize];
                            r.kinds.contains(&a.subkind)
                                && (r.name_contains.is_empty()
                                    || r.name_contains.iter().any(|n| a.name.contains(n.as_str())))
                        };
                        // Kind order in the data is the order of preference.
                        r.kinds.iter().find_map(|k| {
                            bodies.iter().filter(fits).find(|b| self.actors[**b as usize].subkind == *k).copied()
                        })
                    }
                };
                if let Some(t) = target {
                    by_state.insert(state, t);
                }
            }
            let role = self.roles.len() as u16;
            self.roles.push(Role { name: r.name.clone(), by_state });
            for p in &r.phrases {
                self.add(p, false, Meaning::Role { role });
            }
        }
        Ok(())
    }

    fn load_references(&mut self) -> Result<(), String> {
        let f: ReferenceFile = toml::from_str(REFERENCES).map_err(|e| format!("data/references.toml: {e}"))?;
        for r in f.reference {
            let accepts = r
                .accepts
                .iter()
                .map(|k| ActorKind::parse(k).ok_or_else(|| format!("data/references.toml: unknown actor kind {k:?}")))
                .collect::<Result<Vec<_>, _>>()?;
            let prefer_kinds = r
                .prefer_kinds
                .iter()
                .map(|k| ActorKind::parse(k).ok_or_else(|| format!("data/references.toml: unknown actor kind {k:?}")))
                .collect::<Result<Vec<_>, _>>()?;
            let class = self.references.len() as u16;
            self.references.push(ReferenceClass {
                accepts,
                prefer: r.prefer,
                prefer_kinds,
                subject: r.subject,
                determiner: r.determiner,
            });
            for p in &r.phrases {
                // Two-letter pronouns ("it", "he") are allowed: they are matched as whole words.
                let key = p.to_ascii_lowercase();
                let entry = self.patterns.entry(key).or_default();
                entry.exact = false;
                merge_meaning(&mut entry.meanings, Meaning::Reference { class });
            }
        }
        Ok(())
    }

    fn load_cues(&mut self) -> Result<(), String> {
        let f: CueFile = toml::from_str(ACTOR_CUES).map_err(|e| format!("data/actor-cues.toml: {e}"))?;
        for g in &f.group_nouns {
            self.add(g, false, Meaning::GroupNoun);
        }
        for s in &f.stop {
            self.add(s, false, Meaning::Stop);
        }
        for c in &f.cyber_context {
            self.add(c, false, Meaning::Cyber);
        }
        for l in &f.learn {
            for p in &l.phrases {
                self.add(p, false, Meaning::Learn { need_group_noun: l.need_group_noun });
            }
        }
        Ok(())
    }

    fn finish(self) -> Result<Lexicon, String> {
        let mut entries: Vec<(String, PatternEntry)> = self.patterns.into_iter().collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut patterns = Vec::with_capacity(entries.len());
        for (text, e) in entries {
            patterns.push(Pattern { text, case_exact: e.exact, forms: e.forms, meanings: e.meanings });
        }
        Ok(Lexicon { actors: self.actors, by_id: self.by_id, patterns, roles: self.roles, references: self.references })
    }
}

/// Adds a meaning, folding actor candidates of the same form together.
fn merge_meaning(list: &mut Vec<Meaning>, m: Meaning) {
    if let Meaning::Actor { candidates: new, via, ambiguity } = &m {
        for existing in list.iter_mut() {
            if let Meaning::Actor { candidates, ambiguity: a, .. } = existing {
                for c in new {
                    if !candidates.contains(c) {
                        candidates.push(*c);
                    }
                }
                if *ambiguity != Ambiguity::None && *a == Ambiguity::None && candidates.len() == 1 {
                    *a = *ambiguity;
                }
                let _ = via;
                return;
            }
        }
    }
    if !list.contains(&m) {
        list.push(m);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
