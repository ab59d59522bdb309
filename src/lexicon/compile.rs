//! Compiles the gazetteer and actor cue data files into the lexicon's model. Run by the build
//! script, which embeds the result (so a run only decodes it), and by tests that check the
//! embedded copy against the data.

use super::model::*;
use serde::Deserialize;
use std::collections::HashMap;

const GROUPS: &str = include_str!("../../data/groups.jsonl");
const STATES: &str = include_str!("../../data/states.json");
/// States and bodies the generated gazetteer lacks, compiled by hand for this project.
const STATES_EXTRA: &str = include_str!("../../data/states-extra.json");
const ORGS: &str = include_str!("../../data/organisations.toml");
const ROLES: &str = include_str!("../../data/roles.toml");
const REFERENCES: &str = include_str!("../../data/references.toml");
const ACTOR_CUES: &str = include_str!("../../data/actor-cues.toml");

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
    #[serde(default)]
    indefinite: bool,
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

/// Compiles the embedded data files into the lexicon, reporting the first problem found.
pub fn compile() -> Result<Lexicon, String> {
    let mut b = Builder::default();
    b.load_states()?;
    b.load_groups()?;
    b.load_orgs()?;
    b.load_roles()?;
    b.load_references()?;
    b.load_cues()?;
    b.finish()
}

#[derive(Default)]
struct Builder {
    actors: Vec<Actor>,
    by_id: HashMap<String, u32>,
    /// lower-cased pattern → entry; sorted by pattern at the end, for a deterministic order.
    patterns: HashMap<String, PatternEntry>,
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
                determiner: r.determiner || r.indefinite,
                indefinite: r.indefinite,
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
