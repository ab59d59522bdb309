//! The attribution score: one assessment per hypothesis "actor X did action A", from every claim
//! and piece of evidence of the run that bears on it. An explainable sum of factors (each with
//! its points and the span that caused it), weights from data/weights.toml or `--weights`.
//! The score weighs the evidence, not the rhetoric: the claimant's stated certainty is reported
//! beside it (with its ICD 203 estimative term), never mixed into it.

use crate::lexicon::ActorKind;
use crate::report::{AssessmentOut, ClaimOut, EvidenceOut, FactorOut, MatrixOut, MatrixRowOut, SpanOut};
use anyhow::{Context, Result};
use regex::Regex;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

mod partial;
use partial::{Partial, Together};

const DEFAULT_WEIGHTS: &str = include_str!("../data/weights.toml");
const ESTIMATIVE: &str = include_str!("../data/estimative.toml");
const SPECIFICITY: &str = include_str!("../data/specificity.toml");

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
    pub named_people: f64,
    pub dates: f64,
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

    /// `a` and `b` are listed as rivals ("a-b" or "b-a"); asked once per origin of every
    /// assessment, so the pairs are compared in place.
    fn rivals(&self, a: &str, b: &str) -> bool {
        let pair = |p: &str, x: &str, y: &str| {
            p.len() == x.len() + 1 + y.len() && p.starts_with(x) && p.as_bytes()[x.len()] == b'-' && p.ends_with(y)
        };
        self.contestation.rivals.iter().any(|p| pair(p, a, b) || pair(p, b, a))
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

/// The ICD 203 term (with its range) for the first hedge word that has one.
pub fn estimative(cues: &[String]) -> Option<String> {
    static TERMS: OnceLock<std::collections::HashMap<String, String>> = OnceLock::new();
    let terms = TERMS.get_or_init(|| {
        let f: EstimativeFile = toml::from_str(ESTIMATIVE).expect("data/estimative.toml is valid (checked by tests)");
        let mut m = std::collections::HashMap::new();
        for t in &f.term {
            for w in &t.words {
                m.entry(w.to_lowercase()).or_insert_with(|| format!("{} ({})", t.term, t.range));
            }
        }
        m
    });
    cues.iter().find_map(|c| terms.get(&c.to_lowercase()).cloned())
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

/// A factor naming the people an origin names lists this many of them, then how many more.
const MAX_PEOPLE_LISTED: usize = 12;

/// Denials that take no points are listed as factors up to this many, then counted in one.
const MAX_IDLE_DENIALS_LISTED: usize = 12;

fn is_supporting(kind: &str) -> bool {
    matches!(kind, "accusation" | "counter_accusation" | "corroboration" | "responsibility")
}

// Record tags in a hypothesis's bucket. A bucket holds, per document that bears on the
// hypothesis, a DOC record (the document's number in the run) and then its records.
const DOC: u8 = 0;
const CLAIM: u8 = 1;
const DENIAL: u8 = 2;
const EVIDENCE: u8 = 3;

/// What one document (or a whole run given at once) contributes to the run's assessments, in
/// the compact form the scorer keeps: made off the main thread, added to a `RunScorer` in input
/// order. References are resolved within the claims and evidence given.
#[derive(Debug, Default)]
pub struct DocRecords {
    /// Hypotheses (accused id, action) in order of first appearance, with their records and
    /// the sponsors their claims name.
    hyps: Vec<(String, String, Vec<u8>, Vec<String>)>,
    /// Per action: matrix rows (evidence bearing on some hypothesis of that action).
    rows: Vec<(String, Vec<u8>)>,
    /// (accuser's country, accused country) of every counter-accusation.
    counter_pairs: Vec<(String, String)>,
    /// (name, id) of every accused actor.
    accused: Vec<(String, String)>,
}

impl DocRecords {
    pub fn new(claims: &[ClaimOut], evidence: &[EvidenceOut]) -> DocRecords {
        use crate::spill::{put_opt, put_str, put_strs, put_u64};
        let mut d = DocRecords::default();
        for c in claims {
            if let (true, Some(a), Some(b)) = (c.kind == "counter_accusation", &c.claimant_country, &c.accused_country)
            {
                let pair = (a.clone(), b.clone());
                if !d.counter_pairs.contains(&pair) {
                    d.counter_pairs.push(pair);
                }
            }
            if let (Some(name), Some(id)) = (&c.accused_name, &c.accused) {
                if !d.accused.iter().any(|(n, i)| n == name && i == id) {
                    d.accused.push((name.clone(), id.clone()));
                }
            }
        }
        // The hypothesis of each supporting claim.
        let mut hyp_of: Vec<Option<usize>> = Vec::with_capacity(claims.len());
        for c in claims {
            let h = match (is_supporting(&c.kind), &c.accused) {
                (true, Some(a)) => Some(match d.hyps.iter().position(|(x, y, ..)| x == a && *y == c.action) {
                    Some(i) => i,
                    None => {
                        d.hyps.push((a.clone(), c.action.clone(), Vec::new(), Vec::new()));
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
        // Per hypothesis, the ids of its claims among `ids`.
        let per_hyp = |ids: &[String]| -> Vec<(usize, Vec<String>)> {
            let mut per: Vec<(usize, Vec<String>)> = Vec::new();
            for id in ids {
                for &j in by_id.get(id.as_str()).into_iter().flatten() {
                    let Some(h) = hyp_of[j] else { continue };
                    let i = match per.iter().position(|(x, _)| *x == h) {
                        Some(i) => i,
                        None => {
                            per.push((h, Vec::new()));
                            per.len() - 1
                        }
                    };
                    if !per[i].1.contains(&claims[j].id) {
                        per[i].1.push(claims[j].id.clone());
                    }
                }
            }
            per.sort_by_key(|p| p.0);
            per
        };
        // The people and first date of a text, found once per text: claims and evidence items
        // often share a sentence.
        // Keyed by where the text is, then the text itself: positions tell most keys apart
        // without reading the text (a keyed hash of whole sentences cost more than the search).
        type Memo<'t> = BTreeMap<(usize, usize, &'t str), (Vec<String>, Option<String>)>;
        let mut specifics: Memo = Memo::new();
        fn specifics_of<'m, 't>(
            memo: &'m mut Memo<'t>,
            span: SpanOut,
            text: &'t str,
        ) -> &'m (Vec<String>, Option<String>) {
            memo.entry((span.start, span.end, text)).or_insert_with(|| (people_named(text), first_date(text)))
        }
        for (j, (c, h)) in claims.iter().zip(&hyp_of).enumerate() {
            let Some(h) = *h else { continue };
            if let Some(sponsor) = &c.accused_sponsor {
                if !d.hyps[h].3.contains(sponsor) {
                    d.hyps[h].3.push(sponsor.clone());
                }
            }
            let r = &mut d.hyps[h].2;
            r.push(CLAIM);
            put_u64(r, j as u64);
            put_str(r, &c.id);
            put_str(r, &c.doc);
            put_str(r, &c.kind);
            put_opt(r, c.accused.as_deref());
            put_opt(r, c.accused_name.as_deref());
            put_opt(r, c.accused_country.as_deref());
            put_opt(r, c.claimant_name.as_deref());
            put_opt(r, c.claimant_country.as_deref());
            put_str(r, &origin_key(c));
            put_str(r, &c.certainty);
            put_strs(r, &c.cue);
            put_strs(r, &c.targets);
            put_span(r, c.span);
            let (people, date) = specifics_of(&mut specifics, c.span, &c.text);
            put_strs(r, people);
            put_opt(r, date.as_deref());
        }
        // Denials contesting each hypothesis: those that answer one of its claims.
        let mut contested: Vec<Vec<&str>> = vec![Vec::new(); d.hyps.len()];
        for (j, c) in claims.iter().enumerate().filter(|(_, c)| c.kind == "denial") {
            let per = per_hyp(&c.responds_to);
            if per.is_empty() {
                continue;
            }
            // What it offers of its own (counter-evidence).
            let offered: Vec<&EvidenceOut> = evidence.iter().filter(|e| e.supports.contains(&c.id)).collect();
            for (h, ids) in per {
                contested[h].push(&c.id);
                let r = &mut d.hyps[h].2;
                r.push(DENIAL);
                put_u64(r, j as u64);
                put_str(r, &c.id);
                put_str(r, &c.doc);
                put_opt(r, c.claimant_name.as_deref());
                put_opt(r, c.accused_name.as_deref());
                put_span(r, c.span);
                put_strs(r, &ids);
                put_u64(r, offered.len() as u64);
                for e in &offered {
                    put_str(r, &e.kind);
                    put_str(r, &e.cue);
                    r.push(e.weakened.is_some() as u8);
                }
            }
        }
        let mut cells: Vec<(usize, u8)> = Vec::new();
        for (j, e) in evidence.iter().enumerate() {
            let per = per_hyp(&e.supports);
            if !per.is_empty() {
                let (people, date) = specifics_of(&mut specifics, e.span, &e.text);
                for (h, ids) in &per {
                    let r = &mut d.hyps[*h].2;
                    r.push(EVIDENCE);
                    put_u64(r, j as u64);
                    put_str(r, &e.doc);
                    put_str(r, &e.kind);
                    put_str(r, &e.cue);
                    put_opt(r, e.weakened.as_deref());
                    put_span(r, e.span);
                    put_strs(r, &e.indicators);
                    put_strs(r, ids);
                    put_strs(r, people);
                    put_opt(r, date.as_deref());
                }
            }
            // Matrix cells: consistent with the hypotheses it backs, inconsistent with those
            // whose denial it backs.
            cells.clear();
            cells.extend(per.iter().map(|&(h, _)| (h, 1u8)));
            for (h, ids) in contested.iter().enumerate() {
                if !per.iter().any(|p| p.0 == h) && e.supports.iter().any(|s| ids.contains(&s.as_str())) {
                    cells.push((h, 2));
                }
            }
            let mut actions: Vec<&str> = cells.iter().map(|&(h, _)| d.hyps[h].1.as_str()).collect();
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
                let mine: Vec<&(usize, u8)> = cells.iter().filter(|&&(h, _)| d.hyps[h].1 == action).collect();
                put_u64(r, mine.len() as u64);
                for &&(h, state) in &mine {
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

/// A hypothesis's sponsors, and the buckets it is assessed from: (bucket, whether it is a
/// sponsor's), its own first.
type Plan = (BTreeSet<String>, Vec<(u32, bool)>);

struct Hyp {
    actor: String,
    action: String,
    bucket: u32,
    /// The names of the sponsors its claims name ("APT28, of the GRU").
    sponsor_names: BTreeSet<String>,
}

struct Action {
    hyps: usize,
    /// Matrix rows, while the action has few enough hypotheses for a matrix.
    rows: Option<u32>,
}

/// The records (bytes) of the hypotheses assessed at once, and how many per thread at most.
const WINDOW_RECORDS: u64 = 2 << 20;
const WINDOW_HYPOTHESES: usize = 4;
/// A window with this many bytes of records (as windows weigh them) or more gives its memory
/// back when done.
const LARGE_WINDOW: u64 = 1 << 20;
/// The records (bytes) of sponsors' hypotheses whose parts are kept for their groups at once;
/// a sponsor past that is read again with each of its groups.
const SPONSOR_CACHE_RECORDS: u64 = 6 << 20;

/// Scores a run document by document in bounded memory: the records of each hypothesis are
/// kept compactly (in a temporary file past a memory budget), and every hypothesis is summed up
/// and scored at the end, in windows. What the rubric needs of the whole run (which states
/// accuse each other, which actors go by which names) is small and kept in memory.
pub struct RunScorer<'w> {
    w: &'w Weights,
    hyps: Vec<Hyp>,
    index: std::collections::HashMap<(String, String), usize>,
    actions: Vec<(String, Action)>,
    spill: crate::spill::Spill,
    docs: u64,
    /// (accuser's country, accused country) of every counter-accusation.
    counter_pairs: BTreeSet<(String, String)>,
    /// The ids of the actors accused under each name.
    accused_by_name: BTreeMap<String, BTreeSet<String>>,
    /// See `SPONSOR_CACHE_RECORDS`.
    sponsor_cache: u64,
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
            docs: 0,
            counter_pairs: BTreeSet::new(),
            accused_by_name: BTreeMap::new(),
            sponsor_cache: SPONSOR_CACHE_RECORDS,
        }
    }

    /// Adds one document's records; documents must come in input order.
    pub fn add(&mut self, d: DocRecords) -> std::io::Result<()> {
        let doc = self.docs;
        self.docs += 1;
        self.counter_pairs.extend(d.counter_pairs);
        for (name, id) in d.accused {
            self.accused_by_name.entry(name).or_default().insert(id);
        }
        let mut head = vec![DOC];
        crate::spill::put_u64(&mut head, doc);
        for (actor, action, records, sponsor_names) in d.hyps {
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
                    self.hyps.push(Hyp { actor, action, bucket, sponsor_names: BTreeSet::new() });
                    self.hyps.len() - 1
                }
            };
            self.hyps[h].sponsor_names.extend(sponsor_names);
            self.spill.push(self.hyps[h].bucket, &head)?;
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
        self.finish_in(None, sink)
    }

    /// `finish`, with the hypotheses scored in parallel in `pool` when one is given (a window
    /// of them at a time, handed to `sink` in order: the same output as on one thread).
    pub fn finish_in(self, pool: Option<&rayon::ThreadPool>, sink: &mut dyn RunSink) -> std::io::Result<()> {
        use rayon::prelude::*;
        let plans = self.plans();
        // A hypothesis's records are summed up in one pass (`Partial`); a group's sponsors'
        // records are summed up once for all the groups they sponsor and merged into each.
        // The sponsors' buckets a hypothesis takes in, each summed up once (`cache`) and kept
        // while a hypothesis still to be assessed needs it.
        let sponsored = |i: usize| &plans[i].1[1..];
        let mut last_use: HashMap<u32, usize> = HashMap::new();
        for i in 0..plans.len() {
            for &(b, _) in sponsored(i) {
                last_use.insert(b, i);
            }
        }
        // Which of them are kept: in order of first need, while the records of those kept at
        // once fit `sponsor_cache` (a bucket is let go after its last group). The others are
        // read again with each of their groups.
        let cacheable = self.kept_sponsors(&plans, &last_use);
        // A sponsor's bucket not in the cache is read with the hypothesis's own.
        let score = |i: usize, cache: &HashMap<u32, Partial>| -> std::io::Result<AssessmentOut> {
            let (cached, read): (Vec<_>, Vec<_>) = sponsored(i).iter().partition(|(b, _)| cache.contains_key(b));
            let own = self.part_of(&[&plans[i].1[..1], &read[..]].concat())?;
            let others: Vec<&Partial> = cached.iter().map(|(b, _)| &cache[b]).collect();
            Ok(self.assess_one(&self.hyps[i], own, &others))
        };
        // An assessment's size grows with its records (one of a large run can list a hundred
        // thousand claims). Hypotheses are assessed in windows, in parallel within a window and
        // written in order after it: a window holds a few hypotheses per thread and at most
        // `WINDOW_RECORDS` of records, so that what it holds at once stays bounded; a hypothesis
        // with more is a window of its own.
        let threads = pool.map_or(1, |p| p.current_num_threads());
        // (hypotheses, their records as weighed here)
        let mut windows: Vec<(std::ops::Range<usize>, u64)> = Vec::new();
        let (mut start, mut held) = (0, 0u64);
        for (i, (_, buckets)) in plans.iter().enumerate() {
            // A kept sponsor's part is not read again: only the claims and denials it adds to
            // the assessment count (about an eighth of its records).
            let r: u64 = buckets
                .iter()
                .map(|&(b, sponsor)| self.spill.len(b) / if sponsor && cacheable.contains(&b) { 8 } else { 1 })
                .sum();
            if i > start && (i - start >= WINDOW_HYPOTHESES * threads || held + r > WINDOW_RECORDS) {
                windows.push((start..i, held));
                (start, held) = (i, 0);
            }
            held += r;
        }
        if start < plans.len() {
            windows.push((start..plans.len(), held));
        }
        let mut cache: HashMap<u32, Partial> = HashMap::new();
        // What the matrices need of each assessment: its id, actor name and sponsors.
        let mut columns: Vec<(String, String, BTreeSet<String>)> = Vec::new();
        for (n, (window, records)) in windows.into_iter().enumerate() {
            let mut needed: Vec<(u32, bool)> = window
                .clone()
                .flat_map(sponsored)
                .filter(|(b, _)| cacheable.contains(b) && !cache.contains_key(b))
                .copied()
                .collect();
            needed.sort_unstable();
            needed.dedup();
            let parts: Vec<std::io::Result<Partial>> = match pool {
                Some(pool) if needed.len() > 1 => {
                    pool.install(|| needed.par_iter().map(|b| self.part_of(std::slice::from_ref(b))).collect())
                }
                _ => needed.iter().map(|b| self.part_of(std::slice::from_ref(b))).collect(),
            };
            for ((b, _), part) in needed.into_iter().zip(parts) {
                cache.insert(b, part?);
            }
            match pool {
                Some(pool) if window.len() > 1 => {
                    // Rendered where they are made when the sink can take them so.
                    let render = sink.renderer();
                    type Made = (String, String, Result<Vec<u8>, AssessmentOut>);
                    let made: Vec<std::io::Result<Made>> = pool.install(|| {
                        window
                            .clone()
                            .into_par_iter()
                            .map(|i| {
                                let a = score(i, &cache)?;
                                let (id, name) = (a.id.clone(), a.actor_name.clone());
                                Ok((id, name, render.map(|f| f(&a)).ok_or(a)))
                            })
                            .collect()
                    });
                    for (i, m) in window.clone().zip(made) {
                        let (id, name, made) = m?;
                        columns.push((id, name, plans[i].0.clone()));
                        match made {
                            Ok(bytes) => sink.assessment_rendered(bytes)?,
                            Err(a) => sink.assessment(a)?,
                        }
                    }
                }
                // One at a time: each assessment is written before the next is made.
                _ => {
                    for i in window.clone() {
                        let a = score(i, &cache)?;
                        columns.push((a.id.clone(), a.actor_name.clone(), plans[i].0.clone()));
                        sink.assessment(a)?;
                    }
                }
            }
            cache.retain(|b, _| last_use[b] >= window.end);
            // Memory is given back every few windows, and after a large one (whose passing
            // allocations would otherwise leave gaps the allocator keeps).
            if n % 8 == 7 || records >= LARGE_WINDOW {
                if let Some(pool) = pool {
                    crate::alloc::give_back_memory_in(pool);
                }
                sink.between()?;
            }
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
                    let mut cells = vec!["neutral"; cols.len()];
                    for _ in 0..r.usize() {
                        let actor = r.str();
                        let state = if r.u8() == 1 { "consistent" } else { "inconsistent" };
                        // A hypothesis that takes in its sponsor's claims takes in their cells.
                        for (c, &i) in cols.iter().enumerate() {
                            if (self.hyps[i].actor == actor || columns[i].2.contains(actor)) && cells[c] != "consistent"
                            {
                                cells[c] = state;
                            }
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
                        cells: cells.into_iter().map(str::to_string).collect(),
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
    /// A function that renders an assessment on any thread, for a sink that takes them
    /// rendered (`assessment_rendered`): assessments made in parallel are then rendered in
    /// parallel too.
    fn renderer(&self) -> Option<fn(&AssessmentOut) -> Vec<u8>> {
        None
    }
    fn assessment_rendered(&mut self, _bytes: Vec<u8>) -> std::io::Result<()> {
        Ok(())
    }
    /// A matrix begins: its action and its hypotheses (assessment ids and actor names). Its
    /// rows follow, then `matrix_end`.
    fn matrix(&mut self, action: &str, hypotheses: Vec<String>, names: Vec<String>) -> std::io::Result<()>;
    fn matrix_row(&mut self, row: MatrixRowOut) -> std::io::Result<()>;
    fn matrix_end(&mut self) -> std::io::Result<()>;
    /// Called between batches of assessments: a streaming sink can flush its output and give
    /// the memory of the batch back.
    fn between(&mut self) -> std::io::Result<()> {
        Ok(())
    }
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

/// A supporting claim as the scorer keeps it.
struct Claim {
    /// (document number, position in the document).
    at: (u64, u64),
    id: String,
    doc: String,
    kind: String,
    accused: Option<String>,
    accused_name: Option<String>,
    accused_country: Option<String>,
    claimant_name: Option<String>,
    claimant_country: Option<String>,
    /// See `origin_key`.
    origin: String,
    certainty: String,
    cue: Vec<String>,
    targets: Vec<String>,
    span: SpanOut,
    /// The people its sentence names (before the hypothesis's own actors are set aside) and
    /// the first date it gives.
    people: Vec<String>,
    date: Option<String>,
}

/// A denial of some of a hypothesis's claims.
struct Denial {
    at: (u64, u64),
    id: String,
    doc: String,
    claimant_name: Option<String>,
    accused_name: Option<String>,
    span: SpanOut,
    /// The claims it answers.
    responds_to: Vec<String>,
    /// The evidence it offers of its own: (kind, cue, weakened).
    offered: Vec<(String, String, bool)>,
}

/// Evidence backing some of a hypothesis's claims.
struct Evidence {
    at: (u64, u64),
    doc: String,
    kind: String,
    cue: String,
    weakened: Option<String>,
    span: SpanOut,
    indicators: Vec<String>,
    supports: Vec<String>,
    people: Vec<String>,
    date: Option<String>,
}

/// One document's records bearing on a hypothesis (with those of its sponsors' hypotheses).
#[derive(Default)]
struct Records {
    claims: Vec<Claim>,
    denials: Vec<Denial>,
    evidence: Vec<Evidence>,
    /// The document's number in the run.
    doc: u64,
}

impl Records {
    /// Decodes one record (its tag already read).
    fn decode(&mut self, tag: u8, r: &mut crate::spill::Reader) {
        let doc = self.doc;
        let opt = |v: Option<&str>| v.map(str::to_string);
        match tag {
            CLAIM => self.claims.push(Claim {
                at: (doc, r.u64()),
                id: r.str().to_string(),
                doc: r.str().to_string(),
                kind: r.str().to_string(),
                accused: opt(r.opt()),
                accused_name: opt(r.opt()),
                accused_country: opt(r.opt()),
                claimant_name: opt(r.opt()),
                claimant_country: opt(r.opt()),
                origin: r.str().to_string(),
                certainty: r.str().to_string(),
                cue: r.strs(),
                targets: r.strs(),
                span: get_span(r),
                people: r.strs(),
                date: opt(r.opt()),
            }),
            DENIAL => self.denials.push(Denial {
                at: (doc, r.u64()),
                id: r.str().to_string(),
                doc: r.str().to_string(),
                claimant_name: opt(r.opt()),
                accused_name: opt(r.opt()),
                span: get_span(r),
                responds_to: r.strs(),
                offered: (0..r.usize()).map(|_| (r.str().to_string(), r.str().to_string(), r.u8() == 1)).collect(),
            }),
            EVIDENCE => self.evidence.push(Evidence {
                at: (doc, r.u64()),
                doc: r.str().to_string(),
                kind: r.str().to_string(),
                cue: r.str().to_string(),
                weakened: opt(r.opt()),
                span: get_span(r),
                indicators: r.strs(),
                supports: r.strs(),
                people: r.strs(),
                date: opt(r.opt()),
            }),
            t => unreachable!("unknown record {t}"),
        }
    }

    /// Takes in another hypothesis's records of the same document: the same denial or item of
    /// evidence in both answers or backs the claims of both.
    fn merge(&mut self, other: Records) {
        if self.claims.is_empty() && self.denials.is_empty() && self.evidence.is_empty() {
            *self = other;
            return;
        }
        self.claims.extend(other.claims);
        self.claims.sort_by_key(|c| c.at);
        self.claims.dedup_by(|a, b| a.at == b.at);
        let known: std::collections::HashMap<(u64, u64), usize> =
            self.denials.iter().enumerate().map(|(i, d)| (d.at, i)).collect();
        for d in other.denials {
            match known.get(&d.at) {
                Some(&i) => self.denials[i].responds_to.extend(d.responds_to),
                None => self.denials.push(d),
            }
        }
        self.denials.sort_by_key(|d| d.at);
        let known: std::collections::HashMap<(u64, u64), usize> =
            self.evidence.iter().enumerate().map(|(i, e)| (e.at, i)).collect();
        for e in other.evidence {
            match known.get(&e.at) {
                Some(&i) => self.evidence[i].supports.extend(e.supports),
                None => self.evidence.push(e),
            }
        }
        self.evidence.sort_by_key(|e| e.at);
    }
}

/// Reads one bucket's records a document at a time.
struct Cursor<'s> {
    spill: &'s crate::spill::Spill,
    bucket: u32,
    /// The next chunk to read, the chunk being read and the position in it.
    chunk: usize,
    bytes: std::borrow::Cow<'s, [u8]>,
    pos: usize,
}

impl<'s> Cursor<'s> {
    fn new(spill: &'s crate::spill::Spill, bucket: u32) -> Self {
        Cursor { spill, bucket, chunk: 0, bytes: std::borrow::Cow::Borrowed(&[]), pos: 0 }
    }

    /// Moves on to the next chunk once this one is read; false at the end of the bucket.
    fn fill(&mut self) -> std::io::Result<bool> {
        while self.pos >= self.bytes.len() {
            match self.spill.chunk(self.bucket, self.chunk)? {
                Some(bytes) => {
                    self.bytes = bytes;
                    self.pos = 0;
                    self.chunk += 1;
                }
                None => return Ok(false),
            }
        }
        Ok(true)
    }

    /// The number of the next document, without reading it.
    fn peek(&mut self) -> std::io::Result<Option<u64>> {
        if !self.fill()? {
            return Ok(None);
        }
        let mut r = crate::spill::Reader::at(&self.bytes, self.pos);
        assert_eq!(r.u8(), DOC, "a document's records begin with its number");
        Ok(Some(r.u64()))
    }

    /// Reads the next document's records into `out`.
    fn take(&mut self, out: &mut Records) -> std::io::Result<()> {
        let mut first = true;
        while self.fill()? {
            let mut r = crate::spill::Reader::at(&self.bytes, self.pos);
            match r.u8() {
                DOC if !first => break,
                DOC => out.doc = r.u64(),
                tag => out.decode(tag, &mut r),
            }
            first = false;
            self.pos = r.pos();
        }
        Ok(())
    }
}

/// The documents bearing on a hypothesis in input order, each as its records: from the
/// hypothesis's bucket and from those of its sponsors for the same act (less their claims of
/// responsibility: a sponsor's own claim of the act is no claim about the group).
struct Docs<'s> {
    cursors: Vec<(Cursor<'s>, bool)>,
}

impl<'s> Docs<'s> {
    /// `buckets`: (bucket, whether it is a sponsor's).
    fn new(spill: &'s crate::spill::Spill, buckets: &[(u32, bool)]) -> Self {
        Docs { cursors: buckets.iter().map(|&(b, sponsor)| (Cursor::new(spill, b), sponsor)).collect() }
    }

    fn next(&mut self) -> std::io::Result<Option<Records>> {
        let mut next: Option<u64> = None;
        for (c, _) in &mut self.cursors {
            if let Some(d) = c.peek()? {
                next = Some(next.map_or(d, |n| n.min(d)));
            }
        }
        let Some(doc) = next else { return Ok(None) };
        let mut recs = Records::default();
        for (c, sponsor) in &mut self.cursors {
            if c.peek()? == Some(doc) {
                let mut more = Records::default();
                c.take(&mut more)?;
                if *sponsor {
                    more.claims.retain(|c| c.kind != "responsibility");
                }
                recs.merge(more);
            }
        }
        Ok(Some(recs))
    }
}

/// A hash of a string, to count distinct values without keeping them.
fn fingerprint(s: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

/// An item of evidence an origin offers: the first of its kind.
#[derive(Clone)]
struct Item {
    kind: String,
    cue: String,
    weakened: Option<String>,
    weight: f64,
    doc: String,
    span: SpanOut,
}

/// An origin of a hypothesis (a distinct claimant; the bodies of one state are one government)
/// and what backs its claims (see `partial`, which gathers it claim by claim and item by item).
struct Origin {
    /// Of its first claim.
    kind: String,
    claimant_country: Option<String>,
    doc: String,
    span: SpanOut,
    /// Its claimants' names, each once, in order.
    names: Vec<String>,
    /// Its first claim of responsibility, and its first claim naming targets.
    self_claim: Option<(String, SpanOut)>,
    targets: Option<(Vec<String>, String, SpanOut)>,
    /// One item per kind, the first of each.
    items: Vec<Item>,
    seen_kinds: BTreeSet<String>,
    /// How many distinct indicators back it.
    indicators: usize,
    /// The people its sentences name (the first `MAX_PEOPLE_LISTED`), how many in all, where
    /// the first is named, and its first date.
    people: Vec<String>,
    people_count: usize,
    people_at: Option<(String, SpanOut)>,
    date: Option<(String, String, SpanOut)>,
}

impl RunScorer<'_> {
    /// Per hypothesis: its sponsors, and the buckets it is assessed from.
    fn plans(&self) -> Vec<Plan> {
        let lex = crate::lexicon::Lexicon::get();
        // A group's hypothesis takes in the accusations of the same act against its state
        // sponsor (the gazetteer's, or one a claim names): "Unit 26165 of the GRU did it" and
        // "APT28, for the GRU, did it" are one attribution at two levels, not competing ones.
        let sponsors_of = |h: &Hyp| {
            let mut sponsors: BTreeSet<String> =
                lex.index(&h.actor).and_then(|i| lex.actor(i).sponsor.clone()).into_iter().collect();
            for n in &h.sponsor_names {
                if let Some(ids) = self.accused_by_name.get(n) {
                    sponsors.extend(ids.iter().cloned());
                }
            }
            sponsors.remove(&h.actor);
            sponsors
        };
        // The records a hypothesis is assessed from: its own and its sponsors' buckets.
        let buckets_of = |h: &Hyp, sponsors: &BTreeSet<String>| {
            let mut buckets = vec![(h.bucket, false)];
            for s in sponsors {
                if let Some(&i) = self.index.get(&(s.clone(), h.action.clone())) {
                    buckets.push((self.hyps[i].bucket, true));
                }
            }
            buckets
        };
        self.hyps
            .iter()
            .map(|h| {
                let sponsors = sponsors_of(h);
                let buckets = buckets_of(h, &sponsors);
                (sponsors, buckets)
            })
            .collect()
    }

    /// The sponsors' buckets whose parts are kept for their groups: in order of first need,
    /// while the records of those kept at once fit `sponsor_cache` (a bucket is let go after
    /// `last_use`, the index of its last group).
    fn kept_sponsors(&self, plans: &[Plan], last_use: &HashMap<u32, usize>) -> std::collections::HashSet<u32> {
        let mut cacheable = std::collections::HashSet::new();
        let (mut kept, mut total, mut refused) = (HashMap::new(), 0u64, std::collections::HashSet::new());
        for (i, (_, buckets)) in plans.iter().enumerate() {
            for &(b, _) in &buckets[1..] {
                if kept.contains_key(&b) || refused.contains(&b) {
                    continue;
                }
                let len = self.spill.len(b);
                if total + len <= self.sponsor_cache {
                    kept.insert(b, len);
                    total += len;
                    cacheable.insert(b);
                } else {
                    refused.insert(b);
                }
            }
            kept.retain(|b, len| {
                let keep = last_use[b] > i;
                if !keep {
                    total -= *len;
                }
                keep
            });
        }
        cacheable
    }

    /// The records of `buckets` summed up in one pass.
    fn part_of(&self, buckets: &[(u32, bool)]) -> std::io::Result<Partial> {
        let mut part = Partial::default();
        let mut docs = Docs::new(&self.spill, buckets);
        while let Some(d) = docs.next()? {
            part.add(d, self.w);
        }
        part.seal();
        Ok(part)
    }

    /// Scores one hypothesis from its records summed up: its own part and its sponsors'.
    fn assess_one(&self, h: &Hyp, mut own: Partial, others: &[&Partial]) -> AssessmentOut {
        let (actor, action, w) = (h.actor.as_str(), h.action.as_str(), self.w);
        let together = Together::new(&mut own, others, actor);
        let accused_country = together.accused_country.clone();
        // States the accused side accuses in return: a counter-accusation makes the two sides
        // parties to one dispute. (A bare denial does not: denials are expected, and weighed as
        // contestation.)
        let counter_accused = |state: &str| {
            accused_country.as_ref().is_some_and(|b| self.counter_pairs.contains(&(b.clone(), state.to_string())))
        };
        // The names of the hypothesis's actors are never "named people".
        let origins = together.origins();
        let Together { first_name, hedged, estimated, claims, contesting, .. } = together;

        let mut factors: Vec<FactorOut> = Vec::new();
        let mut scored: Vec<(f64, f64, Vec<FactorOut>)> = Vec::new(); // (strength, discount, item factors)
        for o in &origins {
            let origin_name = o.names.join(" + ");
            let mut item_factors = Vec::new();
            let mut u = 0.0f64;
            for it in &o.items {
                let before = u;
                u = 1.0 - (1.0 - u) * (1.0 - it.weight);
                // (made piece by piece: an assessment of a long run has one per evidence item)
                // "<origin>: <kind> evidence: “<cue>”"
                let mut detail = String::with_capacity(origin_name.len() + it.kind.len() + it.cue.len() + 24);
                detail.extend([origin_name.as_str(), ": "]);
                detail.extend(it.kind.chars().map(|c| if c == '_' { '-' } else { c }));
                detail.extend([" evidence: \u{201c}", it.cue.as_str(), "\u{201d}"]);
                if let Some(why) = &it.weakened {
                    detail.extend([" (weakened: ", why.as_str(), ")"]);
                }
                item_factors.push((
                    u - before,
                    FactorOut {
                        name: ["evidence:", it.kind.as_str()].concat(),
                        contribution: 0.0,
                        detail,
                        doc: Some(it.doc.clone()),
                        span: Some(it.span),
                    },
                ));
            }
            // A responsibility claim is the actor's own word: self-claim evidence.
            if let (Some((doc, span)), false) = (&o.self_claim, o.seen_kinds.contains("self_claim")) {
                let before = u;
                u = 1.0 - (1.0 - u) * (1.0 - w.evidence.get("self_claim").copied().unwrap_or(0.0));
                item_factors.push((
                    u - before,
                    FactorOut {
                        name: "evidence:self_claim".into(),
                        contribution: 0.0,
                        detail: format!("{origin_name}: the actor's own claim of the operation"),
                        doc: Some(doc.clone()),
                        span: Some(*span),
                    },
                ));
            }
            // Specificity: concrete indicators, named targets, named people and dates, only on
            // top of evidence. Specific claims can be checked (and found wrong); vague ones
            // cannot.
            if u > 0.0 {
                let mut add = |points: f64, name: &str, detail: String, at: Option<(&str, SpanOut)>| {
                    let before = u;
                    u = (u + points).min(0.95);
                    item_factors.push((
                        u - before,
                        FactorOut {
                            name: name.into(),
                            contribution: 0.0,
                            detail: [origin_name.as_str(), ": ", detail.as_str()].concat(),
                            doc: Some(at.map_or(o.doc.as_str(), |a| a.0).to_string()),
                            span: at.map(|a| a.1),
                        },
                    ));
                };
                let n = o.indicators.min(w.specificity.max_indicators);
                if n > 0 {
                    add(
                        n as f64 * w.specificity.per_indicator,
                        "specificity:indicators",
                        format!("{} concrete indicator(s)", o.indicators),
                        None,
                    );
                }
                if let Some((targets, doc, span)) = &o.targets {
                    add(
                        w.specificity.named_targets,
                        "specificity:targets",
                        format!("named targets: {}", targets.join("; ")),
                        Some((doc.as_str(), *span)),
                    );
                }
                if let Some((doc, span)) = &o.people_at {
                    // A long list (a corpus of years) is cut short: the points are the same.
                    let more = o.people_count - o.people.len();
                    add(
                        w.specificity.named_people,
                        "specificity:people",
                        if more > 0 {
                            format!("named people: {} and {more} more", o.people.join(", "))
                        } else {
                            format!("named people: {}", o.people.join(", "))
                        },
                        Some((doc.as_str(), *span)),
                    );
                }
                if let Some((date, doc, span)) = &o.date {
                    add(
                        w.specificity.dates,
                        "specificity:dates",
                        format!("dated: {date}"),
                        Some((doc.as_str(), *span)),
                    );
                }
            }
            // Independence: a party to the dispute is discounted.
            let interested = match (&o.claimant_country, &accused_country) {
                (Some(a), Some(b)) => a != b && (w.rivals(a, b) || counter_accused(a)),
                _ => false,
            } && o.kind != "responsibility";
            let d = if interested { w.discounts.interested_party } else { 1.0 };
            let mut fs: Vec<FactorOut> = Vec::new();
            let total_u = u.max(f64::EPSILON);
            for (inc, mut f) in item_factors {
                f.contribution = inc / total_u; // share, scaled below
                fs.push(f);
            }
            if interested {
                fs.push(FactorOut {
                    name: "independence:interested_party".into(),
                    contribution: -1.0, // marker, scaled below
                    detail: format!(
                        "{origin_name} is a party to the dispute ({} vs {}): its evidence counts {}%",
                        o.claimant_country.clone().unwrap_or_default(),
                        accused_country.clone().unwrap_or_default(),
                        (d * 100.0).round()
                    ),
                    doc: Some(o.doc.clone()),
                    span: Some(o.span),
                });
            }
            if o.items.is_empty() && o.self_claim.is_none() {
                fs.push(FactorOut {
                    name: "evidence:none".into(),
                    contribution: 0.0,
                    detail: format!("{origin_name}: a bare assertion, no evidence offered"),
                    doc: Some(o.doc.clone()),
                    span: Some(o.span),
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
        // Contestation. Counter-evidence (what a denial offers of its own) is weighed like any
        // evidence, one item per kind, and comes from the accused side, so it counts as a
        // party's: it takes its strength's share of the score. A bare denial takes a few points.
        let d = w.discounts.interested_party;
        let mut counter_kinds = BTreeSet::new();
        let mut uc = 0.0f64;
        let mut bare = 0;
        let mut minus = 0.0;
        let mut listed_idle = 0;
        let mut unlisted: Option<(usize, String, SpanOut)> = None;
        for c in &contesting {
            let denier = c.claimant_name.as_deref().unwrap_or("(unnamed)");
            let (name, pts, detail) = if c.offered.is_empty() {
                bare += 1;
                let pts = if bare <= w.contestation.max_denials { w.contestation.per_denial } else { 0.0 };
                ("contestation:denial", pts, format!("{denier} denies it"))
            } else {
                let before = uc;
                let mut kinds = Vec::new();
                for (kind, cue, weakened) in &c.offered {
                    if !counter_kinds.insert(kind.as_str()) {
                        continue;
                    }
                    let weight = w.evidence.get(kind).copied().unwrap_or(0.0)
                        * if *weakened { w.discounts.weakened } else { 1.0 };
                    uc = 1.0 - (1.0 - uc) * (1.0 - weight);
                    kinds.push(format!("{} \u{201c}{}\u{201d}", kind.replace('_', "-"), cue));
                }
                let share = (uc - before) * d;
                (
                    "contestation:counter_evidence",
                    p * 100.0 * share,
                    if kinds.is_empty() {
                        format!("{denier} denies it, offering evidence of kinds already counted")
                    } else {
                        format!(
                            "{denier} denies it, offering evidence of its own ({}); as the accused side's, it counts {}%",
                            kinds.join(", "),
                            (d * 100.0).round()
                        )
                    },
                )
            };
            let pts = pts.min(p * 100.0 - minus).max(0.0);
            minus += pts;
            // Past a dozen, denials that take no points are counted, not listed one by one (a
            // corpus of years can hold thousands).
            if pts < 0.05 && listed_idle >= MAX_IDLE_DENIALS_LISTED {
                unlisted.get_or_insert((0, c.doc.to_string(), c.span)).0 += 1;
                continue;
            }
            listed_idle += usize::from(pts < 0.05);
            factors.push(FactorOut {
                name: name.into(),
                contribution: -pts,
                detail,
                doc: Some(c.doc.to_string()),
                span: Some(c.span),
            });
        }
        if let Some((n, doc, span)) = unlisted {
            factors.push(FactorOut {
                name: "contestation:denial".into(),
                contribution: 0.0,
                detail: format!("{n} more denial(s), which take no further points"),
                doc: Some(doc),
                span: Some(span),
            });
        }
        for f in &mut factors {
            f.contribution = (f.contribution * 10.0).round() / 10.0 + 0.0;
            if f.contribution == 0.0 {
                f.contribution = 0.0; // no "-0"
            }
        }
        let score = (p * 100.0 - minus).round().clamp(0.0, 100.0) as u32;
        let stated = if hedged { "hedged" } else { "asserted" };
        let estimative = if hedged { estimated } else { None };
        // (each kind once before its copy is made: an assessment has a factor per evidence item)
        let kinds: BTreeSet<&str> =
            factors.iter().filter_map(|f| f.name.strip_prefix("evidence:").filter(|k| *k != "none")).collect();
        let kinds: BTreeSet<String> = kinds.into_iter().map(|k| k.replace('_', "-")).collect();
        let mut claimants: Vec<&str> = Vec::new();
        for n in origins.iter().flat_map(|o| &o.names) {
            if !claimants.contains(&n.as_str()) {
                claimants.push(n);
            }
        }
        let actor_name = first_name.unwrap_or_else(|| actor.to_string());
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
            if contesting.is_empty() {
                String::new()
            } else {
                format!("; contested by {} denial(s)", contesting.len())
            }
        );
        AssessmentOut {
            id: crate::report::hashed_id("a-", &[actor, action]),
            actor: actor.to_string(),
            actor_name,
            country: accused_country,
            action: action.to_string(),
            claims,
            contested_by: contesting.into_iter().map(|c| c.id.to_string()).collect(),
            score,
            confidence: band(score).to_string(),
            stated_certainty: stated.to_string(),
            estimative,
            factors,
            summary,
        }
    }
}

/// The origin a supporting claim belongs to. A state and its bodies are one government: two of
/// its ministries saying the same thing are one origin, not two that converge. Anyone else (a
/// vendor, a group, a claimant the gazetteer does not know) is its own origin, and an actor's
/// claim of its own operation stays its own.
fn origin_key(c: &ClaimOut) -> String {
    let who = c.claimant.clone().unwrap_or_else(|| "(unnamed)".to_string());
    if c.kind == "responsibility" {
        return who;
    }
    let lex = crate::lexicon::Lexicon::get();
    let kind = lex.index(&who).map(|i| lex.actor(i).kind);
    match (kind, &c.claimant_country) {
        (Some(ActorKind::State | ActorKind::Body), Some(country)) => format!("state {country}"),
        _ => who,
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SpecificityWords {
    titles: Vec<String>,
    not_before: Vec<String>,
    not_people: Vec<String>,
}

/// Makes the word lists and patterns scoring uses, so that the first document need not: for
/// `pipeline::warm_up`.
pub fn warm_up() {
    people_sets();
    estimative(&[]);
    first_date("");
}

fn specificity_words() -> &'static SpecificityWords {
    static W: OnceLock<SpecificityWords> = OnceLock::new();
    W.get_or_init(|| toml::from_str(SPECIFICITY).expect("data/specificity.toml is valid (checked by tests)"))
}

/// The people a sentence names: two or three capitalised words in a row ("Hossein Karimi",
/// "Chen Wei-ting"), after any titles ("Col.", "Deputy Director"), that are not an actor (of the
/// gazetteer or of `actors`), do not follow a word that introduces a place or a thing ("in", "of",
/// "the") and contain no word of an organisation or place (data/specificity.toml).
pub fn named_people(text: &str, actors: &[&str]) -> Vec<String> {
    let actors: Vec<String> = actors.iter().map(|a| a.to_lowercase()).collect();
    let mut out = people_named(text);
    out.retain(|p| !names_an_actor(p, &actors));
    out
}

/// Whether a phrase is (part of) one of some actors' names (given lower-cased), or contains one.
fn names_an_actor(phrase: &str, actors: &[String]) -> bool {
    let lower = phrase.to_lowercase();
    actors.iter().any(|a| a.contains(&lower) || lower.contains(a.as_str()))
}

/// The word lists `people_named` looks words up in, as sets made once.
struct PeopleSets {
    /// Titles (data/specificity.toml and data/words.toml) and words that are no names.
    titles: WordSet,
    not_before: WordSet,
    /// Words no person's name has (data/specificity.toml) and words that are no names.
    not_people: WordSet,
}

type WordSet = crate::lexicon::wordscan::FnvSet<&'static str>;

fn people_sets() -> &'static PeopleSets {
    static S: OnceLock<PeopleSets> = OnceLock::new();
    S.get_or_init(|| {
        let (sw, words) = (specificity_words(), crate::lexicon::words());
        let set = |lists: &[&'static [String]]| lists.iter().flat_map(|l| l.iter().map(String::as_str)).collect();
        PeopleSets {
            titles: set(&[&sw.titles, &words.titles, &words.not_names]),
            not_before: set(&[&sw.not_before]),
            not_people: set(&[&sw.not_people, &words.not_names]),
        }
    })
}

/// `named_people` before the actors of a hypothesis are set aside.
fn people_named(text: &str) -> Vec<String> {
    let sets = people_sets();
    let is_title = |w: &str| sets.titles.contains(w);
    // Runs of capitalised words, each word with its byte range, and whether the run follows a
    // word of `not_before`.
    let mut runs: Vec<(Vec<(usize, usize)>, bool)> = Vec::new();
    let mut run: Option<(Vec<(usize, usize)>, bool)> = None;
    let mut previous = "";
    for (start, token) in tokens(text) {
        // Most words start with a lower-case letter, a digit or punctuation: they name nobody
        // and end a run, with no character decoded.
        if first_after_openers(token).is_none_or(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
            runs.extend(run.take());
            previous = token;
            continue;
        }
        let word = token.trim_start_matches(OPENERS);
        let start = start + (token.len() - word.len());
        let bare = word.trim_end_matches(|ch: char| !ch.is_alphanumeric());
        let tail = &word[bare.len()..];
        let name_like = bare.len() >= 2
            && bare.chars().next().is_some_and(char::is_uppercase)
            && bare.chars().all(|ch| ch.is_alphabetic() || ch == '-')
            && bare.chars().any(char::is_lowercase);
        // An abbreviated title ("Col.") does not end the run; other punctuation does.
        let abbreviation = tail == "." && is_title(bare);
        let ends = !tail.is_empty() && !abbreviation;
        if name_like {
            let after = sets.not_before.contains(previous);
            run.get_or_insert((Vec::new(), after)).0.push((start, start + bare.len()));
        }
        if !name_like || ends {
            runs.extend(run.take());
        }
        previous = token;
    }
    runs.extend(run.take());
    // A run of fewer than two words names nobody, nor does one after a place word ("in Hale
    // Ridge", "the systems of Shafir Logistics"): most sentences need no look-up of actors.
    runs.retain(|(ws, after_place_word)| ws.len() >= 2 && !after_place_word);
    if runs.is_empty() {
        return Vec::new();
    }
    let hits = crate::lexicon::Lexicon::get().scan(text);
    let mut out = Vec::new();
    for (ws, _) in runs {
        // Only the words after the last known actor of the run ("Foreign Ministry Spokesperson
        // Lin Jian"); none when an actor ends it ("Emennet Pasargad", "United States").
        let last_hit = ws.iter().rposition(|&(s, e)| hits.iter().any(|h| h.start < e && s < h.end));
        let ws: Vec<&str> = ws[last_hit.map_or(0, |i| i + 1)..].iter().map(|&(s, e)| &text[s..e]).collect();
        let ws: Vec<&str> = ws.into_iter().skip_while(|w| is_title(w)).collect();
        let phrase = ws.join(" ");
        if (2..=3).contains(&ws.len()) && !ws.iter().any(|w| sets.not_people.contains(w)) {
            out.push(phrase);
        }
    }
    out
}

/// What may open a word before a name: brackets and quotes.
const OPENERS: [char; 5] = ['(', '"', '\u{201c}', '\u{2018}', '\''];

/// The first byte of `token` after its `OPENERS`, if any is left.
fn first_after_openers(token: &str) -> Option<u8> {
    let b = token.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'(' | b'"' | b'\'' => i += 1,
            // U+201C and U+2018
            0xE2 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x9C | 0x98)) => i += 3,
            first => return Some(first),
        }
    }
    None
}

/// Whitespace-separated tokens with their byte offsets.
fn tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace().map(move |t| (t.as_ptr() as usize - text.as_ptr() as usize, t))
}

/// The first calendar date a sentence gives (a day or a year with its month, an ISO date, or a
/// Chinese 年月 / 月日 date); a weekday alone ("on Monday") is not one.
pub fn first_date(text: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        let month = "(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)";
        // Digits are ASCII or full-width: the class of every Unicode digit took a millisecond
        // and a half to compile, at every start.
        Regex::new(
            &format!(
            "\\b(?:\\d{{1,2}}(?:st|nd|rd|th)? {month}(?: \\d{{4}})?|{month} \\d{{1,2}}(?:st|nd|rd|th)?\\b(?:, \\d{{4}})?|{month} (?:of )?\\d{{4}}|\\d{{4}}-\\d{{2}}-\\d{{2}})\\b|\\d{{4}}年\\d{{1,2}}月(?:\\d{{1,2}}日)?|\\d{{1,2}}月\\d{{1,2}}日"
            )
            .replace("\\d", "[0-9０-９]"),
        )
        .expect("valid date pattern")
    });
    // Every date form has a digit, ASCII or full-width (U+FF10..U+FF19: EF BC 90..99 in UTF-8);
    // most texts have none, and skip the search.
    let b = text.as_bytes();
    let digit = b.iter().any(u8::is_ascii_digit)
        || b.windows(3).any(|w| w[..2] == [0xEF, 0xBC] && (0x90..=0x99).contains(&w[2]));
    if !digit {
        return None;
    }
    re.find(text).map(|m| m.as_str().to_string())
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

    #[test]
    fn the_first_byte_after_openers_is_what_trimming_them_leaves() {
        for token in ["(\u{201c}Lin", "\u{2018}'\"x", "((", "", "\u{201d}Lin", "\u{201c}", "Émile", "(-x", "\u{2019}s"]
        {
            assert_eq!(first_after_openers(token), token.trim_start_matches(OPENERS).bytes().next(), "{token:?}");
        }
    }

    #[test]
    fn rivals_are_listed_pairs_either_way_round() {
        let w = Weights::with_overrides("[contestation]\nrivals = [\"CN-TW\", \"RU-UA\"]\n").unwrap();
        assert!(w.rivals("CN", "TW") && w.rivals("TW", "CN") && w.rivals("UA", "RU"));
        for (a, b) in [("CN", "UA"), ("C", "N-TW"), ("CN-", "TW"), ("CN", "T"), ("", "CN-TW"), ("RU", "RU")] {
            assert!(!w.rivals(a, b), "{a} {b}");
        }
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

    fn span(n: usize) -> SpanOut {
        SpanOut { start: n * 100, end: n * 100 + 50, line: n + 1, column: 1 }
    }

    /// A claim: kind, claimant (id, country), accused (id, country), at sentence `n`.
    fn claim(id: &str, kind: &str, by: (&str, Option<&str>), of: (&str, Option<&str>), n: usize) -> ClaimOut {
        ClaimOut {
            id: id.into(),
            doc: "d".into(),
            kind: kind.into(),
            claimant: Some(by.0.into()),
            claimant_name: Some(by.0.into()),
            claimant_country: by.1.map(Into::into),
            accused: Some(of.0.into()),
            accused_name: Some(of.0.into()),
            accused_country: of.1.map(Into::into),
            accused_sponsor: None,
            action: "cyberattack".into(),
            targets: vec![],
            evidence: vec![],
            certainty: "asserted".into(),
            cue: vec![],
            responds_to: vec![],
            span: span(n),
            spans: vec![span(n)],
            text: String::new(),
        }
    }

    fn item(kind: &str, supports: &str, n: usize) -> EvidenceOut {
        EvidenceOut {
            id: format!("e-{kind}-{n}"),
            doc: "d".into(),
            kind: kind.into(),
            cue: kind.into(),
            text: String::new(),
            span: span(n),
            indicators: vec![],
            supports: vec![supports.into()],
            weakened: None,
        }
    }

    fn score_of(claims: &[ClaimOut], evidence: &[EvidenceOut], actor: &str) -> u32 {
        let a = assess(claims, evidence, &Weights::default_weights());
        a.iter().find(|a| a.actor == actor).unwrap().score
    }

    #[test]
    fn two_bodies_of_one_state_are_one_origin() {
        // Two US departments with the same legal evidence: one government, one origin.
        let one = [claim("c1", "accusation", ("us-doj", Some("US")), ("g-x", Some("IR")), 0)];
        let two = [one[0].clone(), claim("c2", "accusation", ("us-ofac", Some("US")), ("g-x", Some("IR")), 3)];
        let ev = |n| [item("legal", "c1", 0), item("legal", "c2", 3)][..n].to_vec();
        assert_eq!(score_of(&one, &ev(1), "g-x"), score_of(&two, &ev(2), "g-x"));
        // Two states converge: more than either alone.
        let mut other = two.clone();
        other[1].claimant = Some("gb-fcdo".into());
        other[1].claimant_country = Some("GB".into());
        assert!(score_of(&other, &ev(2), "g-x") > score_of(&one, &ev(1), "g-x"));
    }

    #[test]
    fn a_bare_denial_does_not_make_the_accuser_a_party_but_a_counter_accusation_does() {
        let acc = claim("c1", "accusation", ("nl", Some("NL")), ("g-x", Some("RU")), 0);
        let mut denial = claim("c2", "denial", ("ru", Some("RU")), ("ru", Some("RU")), 2);
        denial.responds_to = vec!["c1".into()];
        let mut counter = claim("c3", "counter_accusation", ("ru", Some("RU")), ("nl", Some("NL")), 3);
        counter.responds_to = vec!["c1".into()];
        let ev = [item("technical", "c1", 0)];
        let plain = score_of(std::slice::from_ref(&acc), &ev, "g-x");
        assert_eq!(plain, 45);
        let denied = assess(&[acc.clone(), denial.clone()], &ev, &Weights::default_weights());
        assert_eq!(denied[0].score, 42, "{:?}", denied[0].factors);
        assert!(!denied[0].factors.iter().any(|f| f.name == "independence:interested_party"));
        let answered = score_of(&[acc, denial, counter], &ev, "g-x");
        assert_eq!(answered, 24); // 45 × 0.6 − 3
    }

    #[test]
    fn denials_past_a_dozen_that_take_no_points_are_counted_in_one_factor() {
        let acc = claim("c1", "accusation", ("nl", Some("NL")), ("g-x", Some("RU")), 0);
        let mut claims = vec![acc];
        for i in 0..40 {
            let mut d = claim(&format!("d{i}"), "denial", ("ru", Some("RU")), ("ru", Some("RU")), i + 2);
            d.responds_to = vec!["c1".into()];
            claims.push(d);
        }
        let a = &assess(&claims, &[item("technical", "c1", 0)], &Weights::default_weights())[0];
        assert_eq!(a.contested_by.len(), 40);
        let denials: Vec<&FactorOut> = a.factors.iter().filter(|f| f.name == "contestation:denial").collect();
        let w = Weights::default_weights();
        // Those that take points, a dozen that take none, and one for the rest.
        let idle = 40 - w.contestation.max_denials;
        assert_eq!(denials.len(), w.contestation.max_denials + MAX_IDLE_DENIALS_LISTED + 1);
        let last = denials.last().unwrap();
        assert_eq!(last.contribution, 0.0);
        assert!(
            last.detail.starts_with(&format!("{} more denial(s)", idle - MAX_IDLE_DENIALS_LISTED)),
            "{}",
            last.detail
        );
    }

    #[test]
    fn counter_evidence_takes_its_share() {
        let acc = claim("c1", "accusation", ("nl", Some("NL")), ("g-x", Some("RU")), 0);
        let mut denial = claim("c2", "denial", ("ru", Some("RU")), ("ru", Some("RU")), 2);
        denial.responds_to = vec!["c1".into()];
        let ev = [item("technical", "c1", 0), item("legal", "c1", 1)];
        let before = score_of(std::slice::from_ref(&acc), &ev, "g-x") as f64;
        let mut with = ev.to_vec();
        with.push(item("technical", "c2", 2));
        let a = assess(&[acc.clone(), denial.clone()], &with, &Weights::default_weights());
        let f = a[0].factors.iter().find(|f| f.name == "contestation:counter_evidence").unwrap();
        // Technical counter-evidence (0.45) from the accused side (× 0.6) takes 27% of the score.
        assert!((f.contribution + before * 0.27).abs() < 0.1, "{f:?}");
        assert_eq!(a[0].score, (before * 0.73).round() as u32);
        // Stronger counter-evidence takes more.
        with.push(item("documentary", "c2", 2));
        assert!(score_of(&[acc, denial], &with, "g-x") < a[0].score);
    }

    #[test]
    fn an_accusation_against_the_sponsor_backs_the_group() {
        // APT28's sponsor in the gazetteer is the GRU.
        let group = claim("c1", "accusation", ("nl", Some("NL")), ("g-apt28", Some("RU")), 0);
        let sponsor = claim("c2", "accusation", ("us-doj", Some("US")), ("ru-gru", Some("RU")), 3);
        let ev = [item("technical", "c1", 0), item("legal", "c2", 3)];
        let a = assess(&[group.clone(), sponsor], &ev, &Weights::default_weights());
        assert_eq!(a.len(), 2, "the sponsor keeps its own assessment");
        assert_eq!(a[0].actor, "g-apt28");
        assert_eq!(a[0].claims, ["c1", "c2"]);
        assert!(a[0].score > score_of(&[group], &ev, "g-apt28"));
        assert_eq!(a[1].claims, ["c2"]);
    }

    #[test]
    fn specificity_finds_people_and_dates() {
        let none: [&str; 0] = [];
        assert_eq!(
            named_people("charging Hossein Karimi, Reza Tavakoli and Amir Jafari with breaking in", &none),
            ["Hossein Karimi", "Reza Tavakoli", "Amir Jafari"]
        );
        assert_eq!(named_people("Col. Lin Chia-hao, a spokesperson, said", &none), ["Lin Chia-hao"]);
        assert_eq!(named_people("Deputy director Park Sung-hoon told a session", &none), ["Park Sung-hoon"]);
        // Organisations, places, known actors and the claim's own actors are not people.
        for text in [
            "The U.S. Justice Department and the Treasury Department said",
            "the systems of Shafir Logistics, an Israeli firm",
            "a water system in Hale Ridge, a Texas town",
            "Prosecutors said the men worked for Emennet Pasargad, a company",
            "The United States and the United Kingdom published",
            "Belarus's State Security Committee said",
        ] {
            assert_eq!(named_people(text, &none), Vec::<String>::new(), "{text}");
        }
        assert!(named_people("the group Brain Cipher said", &["Brain Cipher"]).is_empty());
        assert_eq!(first_date("logins on 3 October and 11 October 2024").as_deref(), Some("3 October"));
        assert_eq!(first_date("an attack in February 2025 was").as_deref(), Some("February 2025"));
        assert_eq!(first_date("on March 12, 2025, the group").as_deref(), Some("March 12, 2025"));
        assert_eq!(first_date("攻击发生在2025年6月").as_deref(), Some("2025年6月"));
        assert_eq!(first_date("said on Monday that it may act"), None);
        assert_eq!(first_date("a campaign seen in 2024"), None);
        assert_eq!(first_date("发生在２０２５年６月"), Some("２０２５年６月".to_string()));
    }

    #[test]
    fn estimative_terms() {
        assert_eq!(estimative(&["highly likely".into()]).as_deref(), Some("very likely (80-95%)"));
        assert_eq!(estimative(&["almost certainly".into()]).as_deref(), Some("almost certain (95-99%)"));
        assert_eq!(estimative(&["accused".into()]), None);
    }
}
