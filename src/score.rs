//! The attribution score: one assessment per hypothesis "actor X did action A", from every claim
//! and piece of evidence of the run that bears on it. An explainable sum of factors (each with
//! its points and the span that caused it), weights from data/weights.toml or `--weights`.
//! The score weighs the evidence, not the rhetoric: the claimant's stated certainty is reported
//! beside it (with its ICD 203 estimative term), never mixed into it.

use crate::report::{AssessmentOut, ClaimOut, EvidenceOut, FactorOut, MatrixOut, MatrixRowOut, SpanOut};
use anyhow::{Context, Result};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

const DEFAULT_WEIGHTS: &str = include_str!("../data/weights.toml");
const ESTIMATIVE: &str = include_str!("../data/estimative.toml");

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    pub evidence: BTreeMap<String, f64>,
    pub specificity: Specificity,
    pub discounts: Discounts,
    pub contestation: Contestation,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Specificity {
    pub per_indicator: f64,
    pub max_indicators: usize,
    pub named_targets: f64,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Discounts {
    pub weakened: f64,
    pub interested_party: f64,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Contestation {
    pub per_denial: f64,
    pub max_denials: usize,
    pub counter_evidence: f64,
    pub rivals: Vec<String>,
}

impl Weights {
    /// The built-in weights.
    pub fn default_weights() -> Weights {
        toml::from_str(DEFAULT_WEIGHTS).expect("data/weights.toml is valid (checked by tests)")
    }

    /// The built-in weights with the keys of `override_toml` replaced.
    pub fn with_overrides(override_toml: &str) -> Result<Weights> {
        let mut base: toml::Table = toml::from_str(DEFAULT_WEIGHTS).expect("valid default weights");
        let over: toml::Table = toml::from_str(override_toml).context("not valid TOML")?;
        merge(&mut base, over);
        let w: Weights = toml::Value::Table(base).try_into().context("unknown or mistyped key")?;
        for (k, v) in &w.evidence {
            if crate::lexicon::cues::EvidenceKind::parse(k).is_none() {
                anyhow::bail!("[evidence] {k}: not an evidence kind");
            }
            if !(0.0..=1.0).contains(v) {
                anyhow::bail!("[evidence] {k} = {v}: weights are between 0 and 1");
            }
        }
        Ok(w)
    }

    pub fn load(path: &std::path::Path) -> Result<Weights> {
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read weights {}", path.display()))?;
        Weights::with_overrides(&text).with_context(|| format!("invalid weights in {}", path.display()))
    }

    fn rivals(&self, a: &str, b: &str) -> bool {
        self.contestation.rivals.iter().any(|p| p == &format!("{a}-{b}") || p == &format!("{b}-{a}"))
    }
}

fn merge(base: &mut toml::Table, over: toml::Table) {
    for (k, v) in over {
        match (base.get_mut(&k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, v) => {
                base.insert(k, v);
            }
        }
    }
}

#[derive(Deserialize)]
struct EstimativeFile {
    term: Vec<Term>,
}

#[derive(Deserialize)]
struct Term {
    term: String,
    range: String,
    words: Vec<String>,
}

/// The ICD 203 term (with its range) for the first hedge word that has one, longest words first.
pub fn estimative(cues: &[String]) -> Option<String> {
    // (word, "term (range)"), longest words first; parsed once.
    static WORDS: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    let words = WORDS.get_or_init(|| {
        let Ok(f) = toml::from_str::<EstimativeFile>(ESTIMATIVE) else { return Vec::new() };
        let mut words: Vec<(String, String)> = f
            .term
            .iter()
            .flat_map(|t| t.words.iter().map(move |w| (w.clone(), format!("{} ({})", t.term, t.range))))
            .collect();
        words.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        words
    });
    for cue in cues {
        let c = cue.to_lowercase();
        if let Some((_, t)) = words.iter().find(|(w, _)| c == *w) {
            return Some(t.clone());
        }
    }
    None
}

/// The STIX 2.1 confidence band of a score.
pub fn band(score: u32) -> &'static str {
    match score {
        0 => "none",
        1..=29 => "low",
        30..=69 => "moderate",
        _ => "high",
    }
}

/// Scores every hypothesis of a run. `claims` and `evidence` are all of the run's, in order;
/// references between them (`responds_to`, `supports`) are resolved by id across the whole run.
pub fn assess(claims: &[ClaimOut], evidence: &[EvidenceOut], w: &Weights) -> Vec<AssessmentOut> {
    let mut run = RunScorer::new(w, usize::MAX);
    run.add(DocRecords::new(claims, evidence)).expect("in memory");
    let mut out = Collected::default();
    run.finish(&mut out).expect("in memory");
    out.assessments
}

/// A matrix compares at most this many hypotheses: past that (a large run, where one act is
/// alleged against hundreds of actors) a table of evidence against every one of them would grow
/// with the square of the run, and no analyst reads it.
pub const MATRIX_MAX_HYPOTHESES: usize = 64;

fn is_supporting(kind: &str) -> bool {
    matches!(kind, "accusation" | "counter_accusation" | "corroboration" | "responsibility")
}

// Record tags in a hypothesis's bucket, and in an action's bucket of matrix rows.
const CLAIM: u8 = 1;
const DENIAL: u8 = 2;
const EVIDENCE: u8 = 3;

/// What one document (or a whole run given at once) contributes to the run's assessments, in
/// the compact form the scorer keeps: made off the main thread, added to a `RunScorer` in input
/// order. References are resolved within the claims and evidence given.
#[derive(Debug, Default)]
pub struct DocRecords {
    /// Hypotheses (accused id, action) in order of first appearance, with whether the actor's
    /// own boast is cited as evidence for them, and their records.
    hyps: Vec<(String, String, bool, Vec<u8>)>,
    /// Per action: matrix rows (evidence bearing on some hypothesis of that action).
    rows: Vec<(String, Vec<u8>)>,
}

impl DocRecords {
    pub fn new(claims: &[ClaimOut], evidence: &[EvidenceOut]) -> DocRecords {
        use crate::spill::{put_opt, put_str, put_strs, put_u64};
        let mut d = DocRecords::default();
        // The hypothesis of each supporting claim.
        let mut hyp_of: Vec<Option<usize>> = Vec::with_capacity(claims.len());
        for c in claims {
            let h = match (is_supporting(&c.kind), &c.accused) {
                (true, Some(a)) => Some(match d.hyps.iter().position(|(x, y, ..)| x == a && *y == c.action) {
                    Some(i) => i,
                    None => {
                        d.hyps.push((a.clone(), c.action.clone(), false, Vec::new()));
                        d.hyps.len() - 1
                    }
                }),
                _ => None,
            };
            hyp_of.push(h);
        }
        if d.hyps.is_empty() {
            return d;
        }
        let mut by_id: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
        for (i, c) in claims.iter().enumerate() {
            by_id.entry(c.id.as_str()).or_default().push(i);
        }
        let hyps_of_id =
            |id: &str| -> Vec<usize> { by_id.get(id).into_iter().flatten().filter_map(|&j| hyp_of[j]).collect() };
        for (c, h) in claims.iter().zip(&hyp_of) {
            let Some(h) = *h else { continue };
            let r = &mut d.hyps[h].3;
            r.push(CLAIM);
            put_str(r, &c.id);
            put_str(r, &c.doc);
            put_str(r, &c.kind);
            put_opt(r, c.claimant.as_deref());
            put_opt(r, c.claimant_name.as_deref());
            put_opt(r, c.claimant_country.as_deref());
            put_opt(r, c.accused_name.as_deref());
            put_opt(r, c.accused_country.as_deref());
            put_str(r, &c.certainty);
            put_strs(r, &c.cue);
            put_strs(r, &c.targets);
            put_span(r, c.span);
        }
        // Denials contesting each hypothesis: those that answer one of its claims.
        let mut contested: Vec<Vec<&str>> = vec![Vec::new(); d.hyps.len()];
        for c in claims.iter().filter(|c| c.kind == "denial") {
            let mut hs: Vec<usize> = c.responds_to.iter().flat_map(|r| hyps_of_id(r)).collect();
            hs.sort_unstable();
            hs.dedup();
            if hs.is_empty() {
                continue;
            }
            let counter = evidence.iter().any(|e| e.supports.contains(&c.id));
            for h in hs {
                contested[h].push(&c.id);
                let r = &mut d.hyps[h].3;
                r.push(DENIAL);
                put_str(r, &c.id);
                put_str(r, &c.doc);
                put_opt(r, c.claimant_name.as_deref());
                put_opt(r, c.claimant_country.as_deref());
                put_span(r, c.span);
                r.push(counter as u8);
            }
        }
        let mut rows: Vec<(usize, u8)> = Vec::new();
        for e in evidence {
            // The supporting claims it backs, per hypothesis: (claimant, a claim of responsibility).
            let mut backs: Vec<(usize, Option<&str>, bool)> = Vec::new();
            for s in &e.supports {
                for &j in by_id.get(s.as_str()).into_iter().flatten() {
                    if let Some(h) = hyp_of[j] {
                        let c = &claims[j];
                        let k = (h, c.claimant.as_deref(), c.kind == "responsibility");
                        if !backs.contains(&k) {
                            backs.push(k);
                        }
                    }
                }
            }
            let mut hs: Vec<usize> = backs.iter().map(|b| b.0).collect();
            hs.sort_unstable();
            hs.dedup();
            for &h in &hs {
                if e.kind == "self_claim" {
                    d.hyps[h].2 = true;
                }
                let r = &mut d.hyps[h].3;
                r.push(EVIDENCE);
                put_str(r, &e.doc);
                put_str(r, &e.kind);
                put_str(r, &e.cue);
                put_opt(r, e.weakened.as_deref());
                put_span(r, e.span);
                put_strs(r, &e.indicators);
                let mine: Vec<_> = backs.iter().filter(|b| b.0 == h).collect();
                put_u64(r, mine.len() as u64);
                for b in mine {
                    put_opt(r, b.1);
                    r.push(b.2 as u8);
                }
            }
            // Matrix cells: consistent with the hypotheses it backs, inconsistent with those
            // whose denial it backs.
            rows.clear();
            rows.extend(hs.iter().map(|&h| (h, 1u8)));
            for (h, ids) in contested.iter().enumerate() {
                if !hs.contains(&h) && e.supports.iter().any(|s| ids.contains(&s.as_str())) {
                    rows.push((h, 2));
                }
            }
            let mut actions: Vec<&str> = rows.iter().map(|&(h, _)| d.hyps[h].1.as_str()).collect();
            actions.sort_unstable();
            actions.dedup();
            for action in actions {
                let i = match d.rows.iter().position(|(a, _)| a == action) {
                    Some(i) => i,
                    None => {
                        d.rows.push((action.to_string(), Vec::new()));
                        d.rows.len() - 1
                    }
                };
                let r = &mut d.rows[i].1;
                put_str(r, &e.id);
                put_str(r, &e.doc);
                put_str(r, &e.kind);
                put_str(r, &e.cue);
                r.push(e.weakened.is_some() as u8);
                let cells: Vec<&(usize, u8)> = rows.iter().filter(|&&(h, _)| d.hyps[h].1 == action).collect();
                put_u64(r, cells.len() as u64);
                for &&(h, state) in &cells {
                    put_str(r, &d.hyps[h].0);
                    r.push(state);
                }
            }
        }
        d
    }
}

fn put_span(r: &mut Vec<u8>, s: SpanOut) {
    for v in [s.start, s.end, s.line, s.column] {
        crate::spill::put_u64(r, v as u64);
    }
}

fn get_span(r: &mut crate::spill::Reader) -> SpanOut {
    SpanOut { start: r.usize(), end: r.usize(), line: r.usize(), column: r.usize() }
}

struct Hyp {
    actor: String,
    action: String,
    /// The actor's own boast is cited as evidence: its claim of responsibility then counts
    /// through that evidence, not as an origin of its own.
    boast_cited: bool,
    bucket: u32,
}

struct Action {
    hyps: usize,
    /// Matrix rows, while the action has few enough hypotheses for a matrix.
    rows: Option<u32>,
}

/// Scores a run document by document in bounded memory: the records of each hypothesis are
/// kept compactly (in a temporary file past a memory budget), and every hypothesis is scored
/// at the end, one at a time.
pub struct RunScorer<'w> {
    w: &'w Weights,
    hyps: Vec<Hyp>,
    index: std::collections::HashMap<(String, String), usize>,
    actions: Vec<(String, Action)>,
    spill: crate::spill::Spill,
}

impl<'w> RunScorer<'w> {
    /// `memory`: bytes of records kept in memory before the rest go to a temporary file.
    pub fn new(w: &'w Weights, memory: usize) -> Self {
        RunScorer {
            w,
            hyps: Vec::new(),
            index: std::collections::HashMap::new(),
            actions: Vec::new(),
            spill: crate::spill::Spill::new(memory),
        }
    }

    /// Adds one document's records; documents must come in input order.
    pub fn add(&mut self, d: DocRecords) -> std::io::Result<()> {
        for (actor, action, boast, records) in d.hyps {
            let h = match self.index.get(&(actor.clone(), action.clone())) {
                Some(&h) => h,
                None => {
                    let bucket = self.spill.bucket();
                    match self.actions.iter_mut().find(|(a, _)| *a == action) {
                        Some((_, a)) => {
                            a.hyps += 1;
                            if a.hyps > MATRIX_MAX_HYPOTHESES {
                                a.rows = None;
                            }
                        }
                        None => {
                            let rows = self.spill.bucket();
                            self.actions.push((action.clone(), Action { hyps: 1, rows: Some(rows) }));
                        }
                    }
                    self.index.insert((actor.clone(), action.clone()), self.hyps.len());
                    self.hyps.push(Hyp { actor, action, boast_cited: false, bucket });
                    self.hyps.len() - 1
                }
            };
            self.hyps[h].boast_cited |= boast;
            self.spill.push(self.hyps[h].bucket, &records)?;
        }
        for (action, rows) in d.rows {
            if let Some((_, Action { rows: Some(b), .. })) = self.actions.iter().find(|(a, _)| *a == action) {
                self.spill.push(*b, &rows)?;
            }
        }
        Ok(())
    }

    /// Scores every hypothesis in order of first appearance and then makes the matrices of
    /// competing hypotheses, handing each result to `sink` as soon as it is made (a matrix row
    /// by row), so that a streaming format need not hold them.
    pub fn finish(self, sink: &mut dyn RunSink) -> std::io::Result<()> {
        // What the matrices need of each assessment.
        let mut columns: Vec<(String, String)> = Vec::new(); // (id, actor name)
        for h in &self.hyps {
            let mut fold = Fold::new(h, self.w);
            self.spill.read(h.bucket, &mut |bytes| {
                fold.records(bytes);
                Ok(())
            })?;
            let a = fold.finish();
            columns.push((a.id.clone(), a.actor_name.clone()));
            sink.assessment(a)?;
        }
        for (action, a) in &self.actions {
            let Some(bucket) = a.rows else { continue };
            if a.hyps < 2 {
                continue;
            }
            let cols: Vec<usize> = (0..self.hyps.len()).filter(|&i| self.hyps[i].action == *action).collect();
            sink.matrix(
                action,
                cols.iter().map(|&i| columns[i].0.clone()).collect(),
                cols.iter().map(|&i| columns[i].1.clone()).collect(),
            )?;
            self.spill.read(bucket, &mut |bytes| {
                let mut r = crate::spill::Reader::new(bytes);
                while !r.done() {
                    let evidence = r.str().to_string();
                    let doc = r.str().to_string();
                    let kind = r.str().to_string();
                    let cue = r.str().to_string();
                    let weakened = r.u8() == 1;
                    let mut cells = vec!["neutral".to_string(); cols.len()];
                    for _ in 0..r.usize() {
                        let actor = r.str();
                        let state = if r.u8() == 1 { "consistent" } else { "inconsistent" };
                        if let Some(c) = cols.iter().position(|&i| self.hyps[i].actor == actor) {
                            cells[c] = state.to_string();
                        }
                    }
                    let mut weight = self.w.evidence.get(&kind).copied().unwrap_or(0.0);
                    if weakened {
                        weight *= self.w.discounts.weakened;
                    }
                    sink.matrix_row(MatrixRowOut {
                        evidence,
                        doc,
                        kind,
                        cue,
                        weight: (weight * 100.0).round() / 100.0,
                        cells,
                    })?;
                }
                Ok(())
            })?;
            sink.matrix_end()?;
        }
        Ok(())
    }
}

/// Where a run's assessments and matrices go as they are made.
pub trait RunSink {
    fn assessment(&mut self, a: AssessmentOut) -> std::io::Result<()>;
    /// A matrix begins: its action and its hypotheses (assessment ids and actor names). Its
    /// rows follow, then `matrix_end`.
    fn matrix(&mut self, action: &str, hypotheses: Vec<String>, names: Vec<String>) -> std::io::Result<()>;
    fn matrix_row(&mut self, row: MatrixRowOut) -> std::io::Result<()>;
    fn matrix_end(&mut self) -> std::io::Result<()>;
}

/// Keeps a run's results, for formats that need them all at once.
#[derive(Debug, Default)]
pub struct Collected {
    pub assessments: Vec<AssessmentOut>,
    pub matrices: Vec<MatrixOut>,
}

impl RunSink for Collected {
    fn assessment(&mut self, a: AssessmentOut) -> std::io::Result<()> {
        self.assessments.push(a);
        Ok(())
    }
    fn matrix(&mut self, action: &str, hypotheses: Vec<String>, names: Vec<String>) -> std::io::Result<()> {
        self.matrices.push(MatrixOut {
            action: action.to_string(),
            hypotheses,
            hypothesis_names: names,
            rows: Vec::new(),
        });
        Ok(())
    }
    fn matrix_row(&mut self, row: MatrixRowOut) -> std::io::Result<()> {
        if let Some(m) = self.matrices.last_mut() {
            m.rows.push(row);
        }
        Ok(())
    }
    fn matrix_end(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The first claim of an origin, and the places a factor points to.
struct Place {
    doc: String,
    span: SpanOut,
}

struct Item {
    kind: String,
    cue: String,
    weakened: Option<String>,
    weight: f64,
    at: Place,
}

/// A distinct claimant of a hypothesis and what backs its claims.
struct Origin {
    /// Of its first claim.
    kind: String,
    claimant_name: Option<String>,
    claimant_country: Option<String>,
    first: Place,
    /// Its first claim of responsibility.
    self_claim: Option<Place>,
    /// Its first claim that names targets.
    targets: Option<(Vec<String>, Place)>,
    /// One item per evidence kind, the first of each.
    items: Vec<Item>,
    seen_kinds: BTreeSet<String>,
    indicators: std::collections::HashSet<String>,
}

struct Denial {
    id: String,
    claimant_name: Option<String>,
    at: Place,
    counter: bool,
}

/// One hypothesis's records folded, in order, into what its assessment needs.
struct Fold<'a> {
    h: &'a Hyp,
    w: &'a Weights,
    claims: Vec<String>,
    actor_name: Option<String>,
    seen_first: bool,
    accused_country: Option<String>,
    hedged: bool,
    estimative: Option<String>,
    origins: Vec<Origin>,
    origin_of: std::collections::HashMap<String, usize>,
    contesting: Vec<Denial>,
    contested_sides: BTreeSet<String>,
}

impl<'a> Fold<'a> {
    fn new(h: &'a Hyp, w: &'a Weights) -> Self {
        Fold {
            h,
            w,
            claims: Vec::new(),
            actor_name: None,
            seen_first: false,
            accused_country: None,
            hedged: true,
            estimative: None,
            origins: Vec::new(),
            origin_of: std::collections::HashMap::new(),
            contesting: Vec::new(),
            contested_sides: BTreeSet::new(),
        }
    }

    fn records(&mut self, bytes: &[u8]) {
        let mut r = crate::spill::Reader::new(bytes);
        while !r.done() {
            match r.u8() {
                CLAIM => self.claim(&mut r),
                DENIAL => {
                    let id = r.str().to_string();
                    let doc = r.str().to_string();
                    let claimant_name = r.opt().map(str::to_string);
                    if let Some(c) = r.opt() {
                        self.contested_sides.insert(c.to_string());
                    }
                    let span = get_span(&mut r);
                    let counter = r.u8() == 1;
                    self.contesting.push(Denial { id, claimant_name, at: Place { doc, span }, counter });
                }
                EVIDENCE => self.evidence(&mut r),
                t => unreachable!("unknown record {t}"),
            }
        }
    }

    fn claim(&mut self, r: &mut crate::spill::Reader) {
        let id = r.str().to_string();
        let doc = r.str();
        let kind = r.str();
        let claimant = r.opt();
        let claimant_name = r.opt();
        let claimant_country = r.opt();
        let accused_name = r.opt();
        let accused_country = r.opt();
        let certainty = r.str();
        let cues = r.strs();
        let targets = r.strs();
        let span = get_span(r);
        self.claims.push(id);
        if !self.seen_first {
            self.seen_first = true;
            self.actor_name = accused_name.map(str::to_string);
        }
        if self.accused_country.is_none() {
            self.accused_country = accused_country.map(str::to_string);
        }
        let responsibility = kind == "responsibility";
        if !responsibility && certainty != "hedged" {
            self.hedged = false;
        }
        if self.estimative.is_none() {
            self.estimative = estimative(&cues);
        }
        // The actor's own boast counts once: as evidence cited by an accuser when one cites
        // it, else as an origin of its own.
        if self.h.boast_cited && responsibility {
            return;
        }
        let who = claimant.unwrap_or("(unnamed)");
        let i = match self.origin_of.get(who) {
            Some(&i) => i,
            None => {
                self.origins.push(Origin {
                    kind: kind.to_string(),
                    claimant_name: claimant_name.map(str::to_string),
                    claimant_country: claimant_country.map(str::to_string),
                    first: Place { doc: doc.to_string(), span },
                    self_claim: None,
                    targets: None,
                    items: Vec::new(),
                    seen_kinds: BTreeSet::new(),
                    indicators: std::collections::HashSet::new(),
                });
                self.origin_of.insert(who.to_string(), self.origins.len() - 1);
                self.origins.len() - 1
            }
        };
        let o = &mut self.origins[i];
        if responsibility && o.self_claim.is_none() {
            o.self_claim = Some(Place { doc: doc.to_string(), span });
        }
        if !targets.is_empty() && o.targets.is_none() {
            o.targets = Some((targets, Place { doc: doc.to_string(), span }));
        }
    }

    fn evidence(&mut self, r: &mut crate::spill::Reader) {
        let doc = r.str();
        let kind = r.str();
        let cue = r.str();
        let weakened = r.opt();
        let span = get_span(r);
        let indicators = r.strs();
        let mut origins: Vec<usize> = Vec::new();
        for _ in 0..r.usize() {
            let who = r.opt().unwrap_or("(unnamed)");
            let responsibility = r.u8() == 1;
            if self.h.boast_cited && responsibility {
                continue;
            }
            if let Some(&i) = self.origin_of.get(who) {
                if !origins.contains(&i) {
                    origins.push(i);
                }
            }
        }
        origins.sort_unstable();
        for i in origins {
            let o = &mut self.origins[i];
            o.indicators.extend(indicators.iter().cloned());
            // Third-party evidence is someone else confirming: a vendor citing "researchers at"
            // itself is not that.
            if kind == "third_party" && o.claimant_country.is_none() {
                continue;
            }
            // One item per kind per origin: saying it twice adds nothing.
            if !o.seen_kinds.insert(kind.to_string()) {
                continue;
            }
            let mut weight = self.w.evidence.get(kind).copied().unwrap_or(0.0);
            if weakened.is_some() {
                weight *= self.w.discounts.weakened;
            }
            o.items.push(Item {
                kind: kind.to_string(),
                cue: cue.to_string(),
                weakened: weakened.map(str::to_string),
                weight,
                at: Place { doc: doc.to_string(), span },
            });
        }
    }

    fn finish(self) -> AssessmentOut {
        let w = self.w;
        let (actor, action) = (self.h.actor.as_str(), self.h.action.as_str());
        let accused_country = self.accused_country.clone();
        let mut factors: Vec<FactorOut> = Vec::new();
        let mut scored: Vec<(f64, f64, Vec<FactorOut>)> = Vec::new(); // (strength, discount, item factors)
        for o in &self.origins {
            let mut item_factors = Vec::new();
            let mut u = 0.0f64;
            for it in &o.items {
                let before = u;
                u = 1.0 - (1.0 - u) * (1.0 - it.weight);
                let mut detail = format!("{} evidence: \u{201c}{}\u{201d}", it.kind.replace('_', "-"), it.cue);
                if let Some(why) = &it.weakened {
                    detail.push_str(&format!(" (weakened: {why})"));
                }
                item_factors.push((
                    u - before,
                    FactorOut {
                        name: format!("evidence:{}", it.kind),
                        contribution: 0.0,
                        detail,
                        doc: Some(it.at.doc.clone()),
                        span: Some(it.at.span),
                    },
                ));
            }
            // A responsibility claim is the actor's own word: self-claim evidence.
            if let (Some(sc), false) = (&o.self_claim, o.seen_kinds.contains("self_claim")) {
                let before = u;
                u = 1.0 - (1.0 - u) * (1.0 - w.evidence.get("self_claim").copied().unwrap_or(0.0));
                item_factors.push((
                    u - before,
                    FactorOut {
                        name: "evidence:self_claim".into(),
                        contribution: 0.0,
                        detail: "the actor's own claim of the operation".into(),
                        doc: Some(sc.doc.clone()),
                        span: Some(sc.span),
                    },
                ));
            }
            // Specificity: concrete indicators and named targets, only on top of evidence.
            if u > 0.0 {
                let n = o.indicators.len().min(w.specificity.max_indicators);
                if n > 0 {
                    let before = u;
                    u = (u + n as f64 * w.specificity.per_indicator).min(0.95);
                    item_factors.push((
                        u - before,
                        FactorOut {
                            name: "specificity:indicators".into(),
                            contribution: 0.0,
                            detail: format!("{} concrete indicator(s)", o.indicators.len()),
                            doc: Some(o.first.doc.clone()),
                            span: None,
                        },
                    ));
                }
                if let Some((targets, at)) = &o.targets {
                    let before = u;
                    u = (u + w.specificity.named_targets).min(0.95);
                    item_factors.push((
                        u - before,
                        FactorOut {
                            name: "specificity:targets".into(),
                            contribution: 0.0,
                            detail: format!("named targets: {}", targets.join("; ")),
                            doc: Some(at.doc.clone()),
                            span: Some(at.span),
                        },
                    ));
                }
            }
            // Independence: a party to the dispute is discounted.
            let claimant_country = o.claimant_country.clone();
            let interested = match (&claimant_country, &accused_country) {
                (Some(a), Some(b)) => a != b && (w.rivals(a, b) || self.contested_sides.contains(b)),
                _ => false,
            } && o.kind != "responsibility";
            let d = if interested { w.discounts.interested_party } else { 1.0 };
            let origin_name = o.claimant_name.clone().unwrap_or_else(|| "(unnamed)".into());
            let mut fs: Vec<FactorOut> = Vec::new();
            let total_u = u.max(f64::EPSILON);
            for (inc, mut f) in item_factors {
                f.detail = format!("{origin_name}: {}", f.detail);
                f.contribution = inc / total_u; // share, scaled below
                fs.push(f);
            }
            if interested {
                fs.push(FactorOut {
                    name: "independence:interested_party".into(),
                    contribution: -1.0, // marker, scaled below
                    detail: format!(
                        "{origin_name} is a party to the dispute ({} vs {}): its evidence counts {}%",
                        claimant_country.clone().unwrap_or_default(),
                        accused_country.clone().unwrap_or_default(),
                        (d * 100.0).round()
                    ),
                    doc: Some(o.first.doc.clone()),
                    span: Some(o.first.span),
                });
            }
            if o.items.is_empty() && o.self_claim.is_none() {
                fs.push(FactorOut {
                    name: "evidence:none".into(),
                    contribution: 0.0,
                    detail: format!("{origin_name}: a bare assertion, no evidence offered"),
                    doc: Some(o.first.doc.clone()),
                    span: Some(o.first.span),
                });
            }
            scored.push((u * d, d, fs));
        }
        // Corroboration: independent origins combine with diminishing returns (noisy-OR),
        // strongest first; repeats by one origin were already folded into it.
        scored.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(std::cmp::Ordering::Equal));
        let mut p = 0.0f64;
        for (i, (s, d, fs)) in scored.into_iter().enumerate() {
            let before = p;
            p = 1.0 - (1.0 - p) * (1.0 - s);
            let delta = (p - before) * 100.0;
            let undiscounted = if d < 1.0 { delta / d } else { delta };
            for mut f in fs {
                if f.name == "independence:interested_party" {
                    f.contribution = -(undiscounted - delta);
                } else {
                    f.contribution *= undiscounted;
                }
                if i > 0 && f.name.starts_with("evidence:") {
                    f.detail.push_str(" (an independent origin)");
                }
                factors.push(f);
            }
        }
        // Contestation: denials lower a little; a denial with its own evidence lowers more.
        let mut minus = 0.0;
        for (i, c) in self.contesting.iter().enumerate() {
            let pts = if c.counter {
                w.contestation.counter_evidence
            } else if i < w.contestation.max_denials {
                w.contestation.per_denial
            } else {
                0.0
            };
            let pts = pts.min(p * 100.0 - minus).max(0.0);
            minus += pts;
            factors.push(FactorOut {
                name: if c.counter { "contestation:counter_evidence".into() } else { "contestation:denial".into() },
                contribution: -pts,
                detail: format!(
                    "{} denies it{}",
                    c.claimant_name.clone().unwrap_or_else(|| "(unnamed)".into()),
                    if c.counter { ", offering evidence of its own" } else { "" }
                ),
                doc: Some(c.at.doc.clone()),
                span: Some(c.at.span),
            });
        }
        for f in &mut factors {
            f.contribution = (f.contribution * 10.0).round() / 10.0 + 0.0;
            if f.contribution == 0.0 {
                f.contribution = 0.0; // no "-0"
            }
        }
        let score = (p * 100.0 - minus).round().clamp(0.0, 100.0) as u32;
        let stated = if self.hedged { "hedged" } else { "asserted" };
        let estimative = if stated == "hedged" { self.estimative.clone() } else { None };
        let kinds: BTreeSet<String> = factors
            .iter()
            .filter_map(|f| f.name.strip_prefix("evidence:").filter(|k| *k != "none").map(|k| k.replace('_', "-")))
            .collect();
        let claimants: Vec<String> =
            self.origins.iter().map(|o| o.claimant_name.clone().unwrap_or_else(|| "(unnamed)".into())).collect();
        let actor_name = self.actor_name.clone().unwrap_or_else(|| actor.to_string());
        let summary = format!(
            "{} ({score}): {} {} {} to {}{}{}{}.",
            capitalise(band(score)),
            claimants.join(", "),
            if claimants.len() == 1 { "attributes" } else { "attribute" },
            action.replace('_', " "),
            actor_name,
            accused_country.as_ref().map(|c| format!(" ({c})")).unwrap_or_default(),
            if kinds.is_empty() {
                ", offering no evidence".to_string()
            } else {
                format!(", citing {} evidence", kinds.into_iter().collect::<Vec<_>>().join(", "))
            },
            if self.contesting.is_empty() {
                String::new()
            } else {
                format!("; contested by {} denial(s)", self.contesting.len())
            }
        );
        AssessmentOut {
            id: format!("a-{}", crate::report::short_hash(&format!("{actor}\u{0}{action}"))),
            actor: actor.to_string(),
            actor_name,
            country: accused_country,
            action: action.to_string(),
            claims: self.claims,
            contested_by: self.contesting.into_iter().map(|c| c.id).collect(),
            score,
            confidence: band(score).to_string(),
            stated_certainty: stated.to_string(),
            estimative,
            factors,
            summary,
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_load_and_override() {
        let w = Weights::default_weights();
        assert!(w.evidence["technical"] > w.evidence["testimony"]);
        let o = Weights::with_overrides("[evidence]\ntechnical = 0.9\n").unwrap();
        assert_eq!(o.evidence["technical"], 0.9);
        assert_eq!(o.evidence["legal"], w.evidence["legal"]);
        assert!(Weights::with_overrides("[evidence]\nvibes = 0.5\n").is_err());
        assert!(Weights::with_overrides("[nonsense]\nx = 1\n").is_err());
    }

    /// The core dataset's statements as document reports.
    fn reports() -> Vec<crate::report::DocReport> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/datasets/core");
        let mut paths: Vec<_> = std::fs::read_dir(root)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
            .collect();
        paths.sort();
        paths
            .iter()
            .map(|p| {
                let doc =
                    crate::ingest::Document::from_text(&p.display().to_string(), &std::fs::read_to_string(p).unwrap());
                crate::report::DocReport::from_analysis(&crate::pipeline::analyze_document(&doc))
            })
            .collect()
    }

    fn streamed(reports: &[crate::report::DocReport], memory: usize) -> (Vec<AssessmentOut>, Vec<MatrixOut>) {
        let w = Weights::default_weights();
        let mut run = RunScorer::new(&w, memory);
        for r in reports {
            run.add(DocRecords::new(&r.claims, &r.evidence)).unwrap();
        }
        let mut out = Collected::default();
        run.finish(&mut out).unwrap();
        (out.assessments, out.matrices)
    }

    #[test]
    fn scoring_document_by_document_equals_scoring_the_run_at_once() {
        let reports = reports();
        let claims: Vec<ClaimOut> = reports.iter().flat_map(|r| r.claims.clone()).collect();
        let evidence: Vec<EvidenceOut> = reports.iter().flat_map(|r| r.evidence.clone()).collect();
        let at_once = assess(&claims, &evidence, &Weights::default_weights());
        assert!(at_once.len() > 10);
        let (in_memory, matrices) = streamed(&reports, usize::MAX);
        assert_eq!(in_memory, at_once);
        assert!(!matrices.is_empty());
        // No memory at all: every record goes through the temporary file.
        assert_eq!(streamed(&reports, 0), (in_memory, matrices));
    }

    #[test]
    fn bands_follow_the_stix_cut_points() {
        assert_eq!(band(0), "none");
        assert_eq!(band(1), "low");
        assert_eq!(band(29), "low");
        assert_eq!(band(30), "moderate");
        assert_eq!(band(69), "moderate");
        assert_eq!(band(70), "high");
    }

    #[test]
    fn estimative_terms() {
        assert_eq!(estimative(&["highly likely".into()]).as_deref(), Some("very likely (80-95%)"));
        assert_eq!(estimative(&["almost certainly".into()]).as_deref(), Some("almost certain (95-99%)"));
        assert_eq!(estimative(&["accused".into()]), None);
    }
}
