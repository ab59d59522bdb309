//! `--format stix`: the run as one STIX 2.1 bundle that passes `stix2_validator --strict`. Owns
//! the mapping of claims, assessments and evidence to STIX objects (see `bundle`), the ids (hashes
//! of content shaped as UUIDv4) and timestamps from document dates (the epoch when there is none).

use super::{Renderer, RunReport};
use crate::lexicon::{ActorKind, Lexicon};
use crate::report::{ActorOut, AssessmentOut, ClaimOut, DocReport};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};
use std::collections::{BTreeSet, HashMap};
use std::io::{self, Write};

/// The timestamp of objects from documents without a date.
pub const EPOCH: &str = "1970-01-01T00:00:00.000Z";

#[derive(Default)]
pub struct StixRenderer {
    docs: Vec<DocReport>,
}

impl Renderer for StixRenderer {
    fn document(&mut self, _out: &mut dyn Write, doc: &DocReport) -> io::Result<()> {
        let mut d = doc.clone();
        d.text = String::new();
        d.indicators.clear();
        for a in &mut d.actors {
            a.mentions.clear();
        }
        self.docs.push(d);
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, run: &RunReport) -> io::Result<()> {
        let bundle = bundle(&self.docs, &run.assessments);
        crate::report::write_json(&mut *out, &bundle, true)?;
        out.write_all(b"\n")
    }
}

/// A STIX identifier `TYPE--UUID` for a stable key: the first 128 bits of SHA-256 over the type
/// and the key, with the version nibble set to 4 and the variant bits to `10`.
pub fn stix_id(ty: &str, key: &str) -> String {
    let mut h = Sha256::new();
    h.update(b"attrib-stix\0");
    h.update(ty.as_bytes());
    h.update([0u8]);
    h.update(key.as_bytes());
    let digest = h.finalize();
    let mut b = [0u8; 16];
    b.copy_from_slice(&digest[..16]);
    format!("{ty}--{}", uuid_v4_string(b))
}

/// Formats 16 bytes as a lower-case UUID after setting the version (4) and variant (RFC 4122).
fn uuid_v4_string(mut b: [u8; 16]) -> String {
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let mut s = String::with_capacity(36);
    for (i, byte) in b.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            s.push('-');
        }
        s.push_str(&format!("{byte:02x}"));
    }
    s
}

/// A published date as a STIX timestamp (RFC 3339, UTC, milliseconds, `Z`); `None` if unreadable
/// or outside the years 1–9999. A bare date means midnight UTC.
pub fn stix_timestamp(raw: &str) -> Option<String> {
    let s = raw.trim();
    let dt: DateTime<Utc> = if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        d.with_timezone(&Utc)
    } else if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        d.with_timezone(&Utc)
    } else if let Some(d) = ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
    {
        d.and_utc()
    } else if let Some(d) = ["%Y-%m-%d", "%Y/%m/%d"].iter().find_map(|f| NaiveDate::parse_from_str(s, f).ok()) {
        d.and_hms_opt(0, 0, 0)?.and_utc()
    } else {
        return None;
    };
    let year = dt.format("%Y").to_string().parse::<i64>().ok()?;
    if !(1..=9999).contains(&year) {
        return None;
    }
    Some(dt.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string())
}

/// ISO 3166-1 alpha-2 codes (assigned and reserved) that the STIX validator accepts as a
/// location's `country`.
const COUNTRY_CODES: &str = "AC AD AE AF AG AI AL AM AN AO AP AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM \
BN BO BQ BR BS BT BU BV BW BX BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CP CR CS CT CU CV CW CX CY CZ DD DE DG DJ DK DM \
DO DY DZ EA EC EE EF EG EH EM EP ER ES ET EU EV EW EZ FI FJ FK FL FM FO FQ FR FX GA GB GC GD GE GF GG GH GI GL GM GN GP \
GQ GR GS GT GU GW GY HK HM HN HR HT HU HV IB IC ID IE IL IM IN IO IQ IR IS IT JA JE JM JO JP JT KE KG KH KI KM KN KP KR \
KW KY KZ LA LB LC LF LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MI MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA \
NC NE NF NG NH NI NL NO NP NQ NR NT NU NZ OA OM PA PC PE PF PG PH PI PK PL PM PN PR PS PT PU PW PY PZ QA RA RB RC RE RH \
RI RL RM RN RO RP RS RU RW SA SB SC SD SE SF SG SH SI SJ SK SL SM SN SO SR SS ST SU SV SX SY SZ TA TC TD TF TG TH TJ TK \
TL TM TN TO TP TR TT TV TW TZ UA UG UK UM UN US UY UZ VA VC VD VE VG VI VN VU WF WG WK WL WO WS WV YD YE YT YU YV ZA ZM \
ZR ZW";

fn is_country_code(c: &str) -> bool {
    c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()) && COUNTRY_CODES.split(' ').any(|x| x == c)
}

/// A URL safe to give as an external reference: absolute http(s), printable ASCII, no spaces or
/// characters a URI may not hold.
fn is_plain_url(u: &str) -> bool {
    (u.starts_with("http://") || u.starts_with("https://"))
        && u.len() > "https://".len()
        && u.bytes().all(|b| b.is_ascii_graphic() && !b"<>\"{}|\\^`".contains(&b))
}

/// The order object types appear in within the bundle.
const TYPE_ORDER: [&str; 9] =
    ["report", "identity", "location", "threat-actor", "intrusion-set", "campaign", "relationship", "opinion", "note"];

/// Claim kinds that put the act on the accused.
fn is_attributing(kind: &str) -> bool {
    matches!(kind, "accusation" | "counter_accusation" | "responsibility" | "corroboration")
}

fn words(s: &str) -> String {
    s.replace('_', " ")
}

fn attrib_ref(id: &str) -> Value {
    json!([{ "source_name": "attrib", "external_id": id }])
}

/// An actor as the bundle needs it, from the documents or, failing that, the gazetteer.
#[derive(Debug, Clone)]
struct Who {
    id: String,
    name: String,
    kind: String,
    country: Option<String>,
    sponsor: Option<String>,
    aliases: Vec<String>,
}

struct Node {
    id: String,
    ty: &'static str,
    props: Map<String, Value>,
    docs: BTreeSet<usize>,
}

/// The objects of the bundle as they are found, each with the documents it comes from.
#[derive(Default)]
struct Graph {
    nodes: Vec<Node>,
    index: HashMap<String, usize>,
    actors: HashMap<String, Who>,
    /// Country code → name of a state seen in the documents.
    states: HashMap<String, String>,
}

impl Graph {
    /// The id of the object of `ty` for `key`, made by `make` the first time; touched by `doc`.
    fn add(&mut self, ty: &'static str, key: &str, doc: usize, make: impl FnOnce() -> Map<String, Value>) -> String {
        let id = stix_id(ty, key);
        match self.index.get(&id) {
            Some(&i) => {
                self.nodes[i].docs.insert(doc);
            }
            None => {
                self.index.insert(id.clone(), self.nodes.len());
                self.nodes.push(Node { id: id.clone(), ty, props: make(), docs: BTreeSet::from([doc]) });
            }
        }
        id
    }

    fn node_mut(&mut self, id: &str) -> Option<&mut Node> {
        self.index.get(id).map(|&i| &mut self.nodes[i])
    }

    fn relationship(
        &mut self,
        rtype: &str,
        source: &str,
        target: &str,
        doc: usize,
        extra: Map<String, Value>,
    ) -> String {
        let key = format!("{rtype}\u{0}{source}\u{0}{target}");
        self.add("relationship", &key, doc, || {
            let mut m = extra;
            m.insert("relationship_type".into(), json!(rtype));
            m.insert("source_ref".into(), json!(source));
            m.insert("target_ref".into(), json!(target));
            m
        })
    }

    fn who(&self, id: &str) -> Option<Who> {
        if let Some(w) = self.actors.get(id) {
            return Some(w.clone());
        }
        let lex = Lexicon::get();
        let a = lex.actor(lex.index(id)?);
        Some(Who {
            id: a.id.clone(),
            name: a.name.clone(),
            kind: a.kind.as_str().to_string(),
            country: a.country.clone(),
            sponsor: a.sponsor.clone(),
            aliases: Vec::new(),
        })
    }

    fn country_name(&self, code: &str) -> Option<String> {
        if let Some(n) = self.states.get(code) {
            return Some(n.clone());
        }
        let lex = Lexicon::get();
        let a = lex.actor(lex.index(&code.to_ascii_lowercase())?);
        (a.kind == ActorKind::State && a.country.as_deref() == Some(code)).then(|| a.name.clone())
    }

    fn location(&mut self, code: &str, doc: usize) -> Option<String> {
        if !is_country_code(code) {
            return None;
        }
        let name = self.country_name(code);
        Some(self.add("location", code, doc, || {
            let mut m = Map::new();
            m.insert("country".into(), json!(code));
            if let Some(n) = name {
                m.insert("name".into(), json!(n));
            }
            m
        }))
    }

    /// The identity of a claimant, located in its country.
    fn identity(&mut self, who: &Who, doc: usize) -> String {
        let id = self.add("identity", &who.id, doc, || {
            let class = if who.kind == "group" { "group" } else { "organization" };
            let mut m = Map::new();
            m.insert("name".into(), json!(non_empty(&who.name)));
            m.insert("identity_class".into(), json!(class));
            if matches!(who.kind.as_str(), "state" | "body") {
                m.insert("sectors".into(), json!(["government-national"]));
            }
            m.insert("description".into(), json!(describe(who, "Claimant")));
            m.insert("external_references".into(), attrib_ref(&who.id));
            m
        });
        if let Some(loc) = who.country.clone().and_then(|c| self.location(&c, doc)) {
            self.relationship("located-at", &id, &loc, doc, Map::new());
        }
        id
    }

    /// The threat actor of a state, body or organisation (as accused or as sponsor).
    fn threat_actor(&mut self, who: &Who, doc: usize, sponsor: bool) -> String {
        let id = self.add("threat-actor", &who.id, doc, || {
            let state = matches!(who.kind.as_str(), "state" | "body");
            let mut m = Map::new();
            m.insert("name".into(), json!(non_empty(&who.name)));
            m.insert("threat_actor_types".into(), json!([if state { "nation-state" } else { "unknown" }]));
            if state {
                m.insert("resource_level".into(), json!("government"));
            }
            let aliases = aliases(who);
            if !aliases.is_empty() {
                m.insert("aliases".into(), json!(aliases));
            }
            let role = if sponsor { "Named as a sponsor" } else { "Accused" };
            m.insert("description".into(), json!(describe(who, role)));
            m.insert("external_references".into(), attrib_ref(&who.id));
            m
        });
        if sponsor {
            if let Some(n) = self.node_mut(&id) {
                n.props.insert("roles".into(), json!(["sponsor"]));
            }
        }
        if let Some(loc) = who.country.clone().and_then(|c| self.location(&c, doc)) {
            self.relationship("located-at", &id, &loc, doc, Map::new());
        }
        id
    }

    /// The object for an accused actor: an intrusion set for a group (with its origin and its
    /// sponsor, where known), a threat actor otherwise.
    fn accused(&mut self, who: &Who, doc: usize, country: Option<&str>, sponsor: Option<Who>) -> String {
        if who.kind != "group" {
            return self.threat_actor(who, doc, false);
        }
        let sponsored = sponsor.is_some() || who.sponsor.is_some();
        let id = self.add("intrusion-set", &who.id, doc, || {
            let mut m = Map::new();
            m.insert("name".into(), json!(non_empty(&who.name)));
            let aliases = aliases(who);
            if !aliases.is_empty() {
                m.insert("aliases".into(), json!(aliases));
            }
            if sponsored {
                m.insert("resource_level".into(), json!("government"));
            }
            m.insert("description".into(), json!(describe(who, "Threat group accused")));
            m.insert("external_references".into(), attrib_ref(&who.id));
            m
        });
        if let Some(loc) = who.country.clone().or(country.map(str::to_string)).and_then(|c| self.location(&c, doc)) {
            self.relationship("originates-from", &id, &loc, doc, Map::new());
        }
        let sponsors = [who.sponsor.as_deref().and_then(|s| self.who(s)), sponsor];
        for s in sponsors.into_iter().flatten() {
            if s.id == who.id {
                continue;
            }
            let ta = self.threat_actor(&s, doc, true);
            let mut extra = Map::new();
            extra.insert("description".into(), json!(format!("{} is said to act for {}.", who.name, s.name)));
            self.relationship("attributed-to", &id, &ta, doc, extra);
        }
        id
    }

    fn campaign(&mut self, action: &str, doc: usize) -> String {
        self.add("campaign", action, doc, || {
            let mut m = Map::new();
            let w = words(action);
            let mut name: Vec<char> = w.chars().collect();
            if let Some(c) = name.first_mut() {
                *c = c.to_ascii_uppercase();
            }
            m.insert("name".into(), json!(name.into_iter().collect::<String>()));
            m.insert(
                "description".into(),
                json!(format!("The {w} the analysed statements attribute; each attributed-to relationship is one hypothesis of who did it.")),
            );
            m
        })
    }
}

fn non_empty(s: &str) -> &str {
    if s.trim().is_empty() {
        "(unnamed)"
    } else {
        s
    }
}

fn aliases(who: &Who) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for a in &who.aliases {
        if a != &who.name && !out.contains(a) {
            out.push(a.clone());
        }
    }
    out
}

fn describe(who: &Who, role: &str) -> String {
    let mut s = format!("{role}: {} ({}", who.name, who.kind);
    if let Some(c) = &who.country {
        s.push_str(&format!(", {c}"));
    }
    s.push_str(&format!("); attrib actor id {}.", who.id));
    s
}

fn who_of(a: &ActorOut) -> Who {
    Who {
        id: a.id.clone(),
        name: a.name.clone(),
        kind: a.kind.clone(),
        country: a.country.clone(),
        sponsor: a.sponsor.clone(),
        aliases: a.aliases_seen.clone(),
    }
}

fn opinion_value(kind: &str, certainty: &str) -> &'static str {
    match (kind, certainty) {
        ("denial", "hedged") => "disagree",
        ("denial", _) => "strongly-disagree",
        ("minimization", _) => "disagree",
        (_, "asserted") => "strongly-agree",
        (_, "hedged") => "agree",
        _ => "disagree",
    }
}

fn explanation(c: &ClaimOut, doc: &str, what: &str) -> String {
    let claimant = match (&c.claimant_name, &c.claimant_country) {
        (Some(n), Some(k)) => format!("{n} ({k})"),
        (Some(n), None) => n.clone(),
        _ => "an unnamed source".to_string(),
    };
    format!(
        "{what} by {claimant} ({}; {}): \"{}\" ({doc}, line {}, column {})",
        c.kind.replace('_', "-"),
        c.certainty,
        c.text,
        c.span.line,
        c.span.column
    )
}

/// The whole bundle. The mapping, one line per object type:
/// - `report`: one per document; `published` is its date, `object_refs` all it gave rise to.
/// - `identity`: a claimant (`organization`, or `group` for a threat group), located-at its country.
/// - `intrusion-set`: an accused threat group, originates-from its country, attributed-to its sponsor.
/// - `threat-actor`: an accused state, body or organisation, or a group's sponsor (`roles: sponsor`);
///   attributed-to the identity of the same actor when that actor also makes claims.
/// - `location`: a country (ISO 3166-1 alpha-2 and, where known, its name).
/// - `campaign`: the act attributed (one per action); attributed-to each accused, one relationship
///   per assessment, with the score as `confidence` and the summary as `description`.
/// - `opinion`: one per claim, by the claimant, on the hypotheses it bears on: agreeing for
///   accusations, claims of responsibility and corroborations, disagreeing for denials and
///   minimisations; a counter-accusation agrees with its own and disagrees with the one it answers.
/// - `note`: one per piece of evidence, on the claims it supports; one for a document without claims.
///
/// Custom properties would fail the strict validator: attrib's own ids travel as
/// `external_references` with `source_name: attrib`. Timestamps of an object shared by several
/// documents run from the earliest document date to the latest.
fn bundle(docs: &[DocReport], assessments: &[AssessmentOut]) -> Value {
    let dates: Vec<String> = docs
        .iter()
        .map(|d| d.document.published.as_deref().and_then(stix_timestamp).unwrap_or_else(|| EPOCH.to_string()))
        .collect();
    let mut g = Graph::default();
    for d in docs {
        for a in &d.actors {
            if a.kind == "state" {
                if let Some(c) = &a.country {
                    g.states.entry(c.clone()).or_insert_with(|| a.name.clone());
                }
            }
            match g.actors.get_mut(&a.id) {
                Some(w) => {
                    for x in &a.aliases_seen {
                        if !w.aliases.contains(x) {
                            w.aliases.push(x.clone());
                        }
                    }
                }
                None => {
                    g.actors.insert(a.id.clone(), who_of(a));
                }
            }
        }
    }

    // Reports first, keyed by document id (repeated ids numbered).
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut reports = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        let n = seen.entry(d.document.id.as_str()).or_default();
        *n += 1;
        let key = if *n == 1 { d.document.id.clone() } else { format!("{}#{}", d.document.id, n) };
        let id = g.add("report", &key, i, || report_props(d));
        reports.push(id);
    }

    // Claim id → document; actors of the claims.
    let mut claim_doc: HashMap<&str, usize> = HashMap::new();
    let mut claims: HashMap<&str, &ClaimOut> = HashMap::new();
    for (i, d) in docs.iter().enumerate() {
        for c in &d.claims {
            claim_doc.entry(c.id.as_str()).or_insert(i);
            claims.entry(c.id.as_str()).or_insert(c);
            if let Some(w) = c.claimant.as_deref().and_then(|id| g.who(id)) {
                g.identity(&w, i);
            }
            if !is_attributing(&c.kind) {
                continue;
            }
            if let Some(w) = c.accused.as_deref().and_then(|id| g.who(id)) {
                let sponsor = c.accused_sponsor.as_deref().map(|name| {
                    d.actors.iter().find(|a| a.name == name).map(who_of).unwrap_or_else(|| Who {
                        id: format!("name:{name}"),
                        name: name.to_string(),
                        kind: "body".to_string(),
                        country: None,
                        sponsor: None,
                        aliases: Vec::new(),
                    })
                });
                g.accused(&w, i, c.accused_country.as_deref(), sponsor);
            }
            g.campaign(&c.action, i);
        }
    }

    // One attributed-to relationship per hypothesis, with the assessment's score.
    let mut hypothesis: HashMap<(String, String), String> = HashMap::new();
    let mut contested: HashMap<&str, Vec<String>> = HashMap::new();
    for a in assessments {
        let mut in_docs: Vec<usize> =
            a.claims.iter().chain(&a.contested_by).filter_map(|c| claim_doc.get(c.as_str()).copied()).collect();
        in_docs.sort_unstable();
        in_docs.dedup();
        let Some(&first) = in_docs.first() else { continue };
        let Some(w) = g.who(&a.actor) else { continue };
        let target = g.accused(&w, first, a.country.as_deref(), None);
        let campaign = g.campaign(&a.action, first);
        let mut extra = Map::new();
        extra.insert("confidence".into(), json!(a.score.min(100)));
        extra.insert("description".into(), json!(a.summary));
        extra.insert("external_references".into(), attrib_ref(&a.id));
        let rel = g.relationship("attributed-to", &campaign, &target, first, extra);
        for &i in &in_docs {
            for id in [&target, &campaign, &rel] {
                if let Some(n) = g.node_mut(id) {
                    n.docs.insert(i);
                }
            }
        }
        for c in &a.contested_by {
            contested.entry(c.as_str()).or_default().push(rel.clone());
        }
        hypothesis.insert((a.actor.clone(), a.action.clone()), rel);
    }
    let hypothesis_of = |c: &ClaimOut| -> Option<String> {
        hypothesis.get(&(c.accused.clone().unwrap_or_default(), c.action.clone())).cloned()
    };

    // Opinions: what each claim says of the hypotheses.
    let mut opinions: HashMap<&str, Vec<String>> = HashMap::new();
    for (i, d) in docs.iter().enumerate() {
        for c in &d.claims {
            let author = c.claimant.as_deref().and_then(|id| g.who(id)).map(|w| stix_id("identity", &w.id));
            let disputed: Vec<String> = {
                let mut v: Vec<String> = contested.get(c.id.as_str()).cloned().unwrap_or_default();
                for r in &c.responds_to {
                    if let Some(h) = claims.get(r.as_str()).and_then(|rc| hypothesis_of(rc)) {
                        v.push(h);
                    }
                }
                v.sort();
                v.dedup();
                v
            };
            let mut made = Vec::new();
            let mut opinion = |g: &mut Graph, role: &str, value: &str, refs: Vec<String>, what: &str| {
                let refs = if refs.is_empty() { vec![reports[i].clone()] } else { refs };
                let expl = explanation(c, &d.document.id, what);
                let id = g.add("opinion", &format!("{}\u{0}{}\u{0}{role}", d.document.id, c.id), i, || {
                    let mut m = Map::new();
                    m.insert("opinion".into(), json!(value));
                    m.insert("explanation".into(), json!(expl));
                    if let Some(n) = &c.claimant_name {
                        m.insert("authors".into(), json!([n]));
                    }
                    if let Some(a) = &author {
                        m.insert("created_by_ref".into(), json!(a));
                    }
                    m.insert("object_refs".into(), json!(refs));
                    m.insert("external_references".into(), attrib_ref(&c.id));
                    m
                });
                made.push(id);
            };
            match c.kind.as_str() {
                "denial" | "minimization" => {
                    let mut refs = disputed.clone();
                    if refs.is_empty() {
                        refs.extend(hypothesis_of(c));
                    }
                    let what = if c.kind == "denial" { "Denial" } else { "Minimisation" };
                    opinion(&mut g, "disputes", opinion_value(&c.kind, &c.certainty), refs, what);
                }
                kind => {
                    let refs: Vec<String> = hypothesis_of(c).into_iter().collect();
                    let what = match kind {
                        "counter_accusation" => "Counter-accusation",
                        "responsibility" => "Claim of responsibility",
                        "corroboration" => "Corroboration",
                        _ => "Accusation",
                    };
                    opinion(&mut g, "asserts", opinion_value(kind, &c.certainty), refs, what);
                    if kind == "counter_accusation" && !disputed.is_empty() {
                        opinion(
                            &mut g,
                            "disputes",
                            "strongly-disagree",
                            disputed,
                            "Counter-accusation (disputing the claim it answers)",
                        );
                    }
                }
            }
            opinions.insert(c.id.as_str(), made);
        }
    }

    // Notes: the evidence offered, on the claims it supports.
    for (i, d) in docs.iter().enumerate() {
        for e in &d.evidence {
            let mut refs: Vec<String> = Vec::new();
            for s in &e.supports {
                refs.extend(opinions.get(s.as_str()).into_iter().flatten().cloned());
                refs.extend(claims.get(s.as_str()).and_then(|c| hypothesis_of(c)));
            }
            let mut uniq = Vec::new();
            for r in refs {
                if !uniq.contains(&r) {
                    uniq.push(r);
                }
            }
            if uniq.is_empty() {
                uniq.push(reports[i].clone());
            }
            let mut content =
                format!("\"{}\" ({}, line {}, column {})", e.text, d.document.id, e.span.line, e.span.column);
            if !e.indicators.is_empty() {
                content.push_str(&format!(". Indicators: {}", e.indicators.join(", ")));
            }
            if let Some(w) = &e.weakened {
                content.push_str(&format!(". Counts for less: {w}"));
            }
            g.add("note", &format!("{}\u{0}{}", d.document.id, e.id), i, || {
                let mut m = Map::new();
                m.insert("abstract".into(), json!(format!("{} evidence ({})", words(&e.kind), e.cue)));
                m.insert("content".into(), json!(content));
                m.insert("object_refs".into(), json!(uniq));
                m.insert("external_references".into(), attrib_ref(&e.id));
                m
            });
        }
    }

    // A state or body both accused and making claims: its threat actor is that identity.
    let links: Vec<(String, String, BTreeSet<usize>)> = g
        .nodes
        .iter()
        .filter(|n| n.ty == "threat-actor")
        .filter_map(|n| {
            let ext = n.props.get("external_references")?.get(0)?.get("external_id")?.as_str()?;
            let ident = stix_id("identity", ext);
            g.index.contains_key(&ident).then(|| (n.id.clone(), ident, n.docs.clone()))
        })
        .collect();
    for (ta, ident, in_docs) in links {
        for i in in_docs {
            g.relationship("attributed-to", &ta, &ident, i, Map::new());
        }
    }

    // A document without claims still gets a non-empty report.
    for (i, d) in docs.iter().enumerate() {
        if !g.nodes.iter().any(|n| n.ty != "report" && n.docs.contains(&i)) {
            let content = format!(
                "attrib found no attribution claims in {} ({} sentences).",
                d.document.id, d.document.sentences
            );
            let report = reports[i].clone();
            g.add("note", &format!("{}\u{0}no-claims", d.document.id), i, || {
                let mut m = Map::new();
                m.insert("abstract".into(), json!("No attribution claims found"));
                m.insert("content".into(), json!(content));
                m.insert("object_refs".into(), json!([report]));
                m
            });
        }
    }

    // Every report lists the objects its document gave rise to, in bundle order.
    let mut nodes = g.nodes;
    nodes.sort_by_key(|n| TYPE_ORDER.iter().position(|t| *t == n.ty).unwrap_or(TYPE_ORDER.len()));
    let refs: Vec<Value> = (0..docs.len())
        .map(|i| {
            let ids: Vec<&str> =
                nodes.iter().filter(|n| n.ty != "report" && n.docs.contains(&i)).map(|n| n.id.as_str()).collect();
            json!(ids)
        })
        .collect();
    for (i, r) in refs.into_iter().enumerate() {
        if let Some(n) = nodes.iter_mut().find(|n| n.id == reports[i]) {
            n.props.insert("object_refs".into(), r);
        }
    }
    let mut objects = Vec::with_capacity(nodes.len());
    for n in nodes {
        let created = n.docs.iter().map(|&i| dates[i].as_str()).min().unwrap_or(EPOCH);
        let modified = n.docs.iter().map(|&i| dates[i].as_str()).max().unwrap_or(EPOCH);
        let mut m = n.props;
        m.insert("type".into(), json!(n.ty));
        m.insert("spec_version".into(), json!("2.1"));
        m.insert("id".into(), json!(n.id));
        m.insert("created".into(), json!(created));
        m.insert("modified".into(), json!(modified));
        objects.push(Value::Object(m));
    }
    let key: Vec<String> = objects
        .iter()
        .map(|o| format!("{}@{}", o["id"].as_str().unwrap_or(""), o["modified"].as_str().unwrap_or("")))
        .collect();
    let mut b = Map::new();
    b.insert("type".into(), json!("bundle"));
    b.insert("id".into(), json!(stix_id("bundle", &key.join("\n"))));
    if !objects.is_empty() {
        b.insert("objects".into(), Value::Array(objects));
    }
    Value::Object(b)
}

fn report_props(d: &DocReport) -> Map<String, Value> {
    let doc = &d.document;
    let name = doc.title.as_deref().filter(|t| !t.trim().is_empty()).or(doc.path.as_deref()).unwrap_or(&doc.id);
    let mut m = Map::new();
    m.insert("name".into(), json!(non_empty(name)));
    m.insert("report_types".into(), json!(["threat-report"]));
    m.insert(
        "published".into(),
        json!(doc.published.as_deref().and_then(stix_timestamp).unwrap_or_else(|| EPOCH.to_string())),
    );
    let mut desc = vec![format!("Attribution statements read by attrib from {}", doc.id)];
    if let Some(s) = &doc.source {
        desc.push(format!("source: {s}"));
    }
    if let Some(s) = &doc.speaker {
        desc.push(format!("speaker: {s}"));
    }
    if doc.published.is_none() {
        desc.push("no publication date (timestamps set to 1970-01-01)".to_string());
    }
    desc.push(format!("{} sentences, {} claims", doc.sentences, d.claims.len()));
    m.insert("description".into(), json!(desc.join("; ") + "."));
    if doc.lang.len() == 2 && doc.lang.bytes().all(|b| b.is_ascii_lowercase()) {
        m.insert("lang".into(), json!(doc.lang));
    }
    let mut refs = vec![json!({ "source_name": "attrib", "external_id": doc.id })];
    // Not as `url`: the validator wants a hash of what is at a URL, and attrib has only the text.
    if let Some(u) = doc.url.as_deref().filter(|u| is_plain_url(u)) {
        refs.push(json!({ "source_name": doc.source.as_deref().unwrap_or("document"), "description": format!("Published at {u}") }));
    }
    m.insert("external_references".into(), Value::Array(refs));
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_version_4_with_rfc4122_variant() {
        for key in ["", "cn", "g-apt31", "a\u{202e}b"] {
            let id = stix_id("identity", key);
            let uuid = id.strip_prefix("identity--").unwrap();
            assert_eq!(uuid.len(), 36);
            let parts: Vec<&str> = uuid.split('-').collect();
            assert_eq!(parts.iter().map(|p| p.len()).collect::<Vec<_>>(), [8, 4, 4, 4, 12]);
            assert!(uuid.chars().all(|c| c == '-' || c.is_ascii_digit() || ('a'..='f').contains(&c)));
            assert!(parts[2].starts_with('4'), "{uuid}");
            assert!(matches!(parts[3].as_bytes()[0], b'8' | b'9' | b'a' | b'b'), "{uuid}");
        }
        assert_eq!(stix_id("identity", "cn"), stix_id("identity", "cn"));
        assert_ne!(stix_id("identity", "cn"), stix_id("threat-actor", "cn"));
        assert_ne!(stix_id("identity", "cn"), stix_id("identity", "tw"));
    }

    #[test]
    fn uuid_bits_are_forced() {
        assert_eq!(uuid_v4_string([0xff; 16]), "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert_eq!(uuid_v4_string([0; 16]), "00000000-0000-4000-8000-000000000000");
    }

    #[test]
    fn timestamps_are_utc_with_milliseconds() {
        assert_eq!(stix_timestamp("2024-03-25").as_deref(), Some("2024-03-25T00:00:00.000Z"));
        assert_eq!(stix_timestamp("2017-12-19T10:00:00Z").as_deref(), Some("2017-12-19T10:00:00.000Z"));
        assert_eq!(stix_timestamp("2017-12-19T10:00:00+08:00").as_deref(), Some("2017-12-19T02:00:00.000Z"));
        assert_eq!(stix_timestamp("2017-12-19T10:00:00.123456Z").as_deref(), Some("2017-12-19T10:00:00.123Z"));
        assert_eq!(stix_timestamp(" 2024-09-23 08:30:00 ").as_deref(), Some("2024-09-23T08:30:00.000Z"));
        assert_eq!(stix_timestamp("Tue, 19 Dec 2017 10:00:00 +0000").as_deref(), Some("2017-12-19T10:00:00.000Z"));
        assert_eq!(stix_timestamp("yesterday"), None);
        assert_eq!(stix_timestamp("0000-01-01"), None);
        assert_eq!(stix_timestamp(""), None);
    }

    #[test]
    fn countries_and_urls_are_checked() {
        assert!(is_country_code("CN") && is_country_code("TW") && is_country_code("HK"));
        assert!(!is_country_code("NATO") && !is_country_code("cn") && !is_country_code("XK"));
        assert!(is_plain_url("https://example.com/a?b=c"));
        assert!(!is_plain_url("javascript:alert(1)") && !is_plain_url("https://a b") && !is_plain_url("https://"));
    }
}
