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
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

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
    let f: EstimativeFile = toml::from_str(ESTIMATIVE).ok()?;
    let mut words: Vec<(&str, &Term)> =
        f.term.iter().flat_map(|t| t.words.iter().map(move |w| (w.as_str(), t))).collect();
    words.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    for cue in cues {
        let c = cue.to_lowercase();
        if let Some((_, t)) = words.iter().find(|(w, _)| c == *w) {
            return Some(format!("{} ({})", t.term, t.range));
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

/// Scores every hypothesis of a run. `claims` and `evidence` are all of the run's, in order.
pub fn assess(claims: &[ClaimOut], evidence: &[EvidenceOut], w: &Weights) -> Vec<AssessmentOut> {
    // Hypotheses in order of first appearance: (accused id, action).
    let mut keys: Vec<(String, String)> = Vec::new();
    for c in claims {
        let supporting =
            matches!(c.kind.as_str(), "accusation" | "counter_accusation" | "corroboration" | "responsibility");
        if let (true, Some(a)) = (supporting, &c.accused) {
            let k = (a.clone(), c.action.clone());
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
    }
    let mut run = Run { claims, evidence, w, counter_pairs: BTreeSet::new(), accused_by_name: BTreeMap::new() };
    for c in claims {
        if let (true, Some(a), Some(b)) = (c.kind == "counter_accusation", &c.claimant_country, &c.accused_country) {
            run.counter_pairs.insert((a.as_str(), b.as_str()));
        }
        if let (Some(name), Some(id)) = (&c.accused_name, &c.accused) {
            run.accused_by_name.entry(name.as_str()).or_default().insert(id.as_str());
        }
    }
    keys.iter().map(|(actor, action)| assess_one(actor, action, &run)).collect()
}

/// What every hypothesis of a run is scored against, with the run-wide facts found once.
struct Run<'a> {
    claims: &'a [ClaimOut],
    evidence: &'a [EvidenceOut],
    w: &'a Weights,
    /// (accuser's country, accused country) of every counter-accusation.
    counter_pairs: BTreeSet<(&'a str, &'a str)>,
    /// The ids of the actors accused under each name.
    accused_by_name: BTreeMap<&'a str, BTreeSet<&'a str>>,
}

struct Item<'a> {
    ev: &'a EvidenceOut,
    weight: f64,
}

fn assess_one(actor: &str, action: &str, run: &Run) -> AssessmentOut {
    let (claims, evidence, w) = (run.claims, run.evidence, run.w);
    // A group's hypothesis takes in the accusations of the same act against its state sponsor
    // (the gazetteer's, or one a claim names): "Unit 26165 of the GRU did it" and "APT28, for
    // the GRU, did it" are one attribution at two levels, not competing ones.
    let lex = crate::lexicon::Lexicon::get();
    let mut sponsors: BTreeSet<&str> =
        lex.index(actor).and_then(|i| lex.actor(i).sponsor.as_deref()).into_iter().collect();
    for c in claims.iter().filter(|c| c.accused.as_deref() == Some(actor)) {
        if let Some(ids) = c.accused_sponsor.as_deref().and_then(|n| run.accused_by_name.get(n)) {
            sponsors.extend(ids.iter().copied());
        }
    }
    sponsors.remove(actor);
    let of = |c: &&ClaimOut| {
        c.action == action
            && match c.accused.as_deref() {
                Some(a) if a == actor => true,
                Some(a) => sponsors.contains(a) && c.kind != "responsibility",
                None => false,
            }
    };
    let supporting: Vec<&ClaimOut> = claims
        .iter()
        .filter(of)
        .filter(|c| matches!(c.kind.as_str(), "accusation" | "counter_accusation" | "corroboration" | "responsibility"))
        .collect();
    let ids: BTreeSet<&str> = supporting.iter().map(|c| c.id.as_str()).collect();
    let contesting: Vec<&ClaimOut> = claims
        .iter()
        .filter(|c| c.kind == "denial" && c.responds_to.iter().any(|r| ids.contains(r.as_str())))
        .collect();
    let first = supporting.iter().find(|c| c.accused.as_deref() == Some(actor)).unwrap_or(&supporting[0]);
    let accused_country =
        first.accused_country.clone().or_else(|| supporting.iter().find_map(|c| c.accused_country.clone()));
    // States the accused side accuses in return: a counter-accusation makes the two sides parties
    // to one dispute. (A bare denial does not: denials are expected, and weighed as contestation.)
    let counter_accused =
        |state: &str| accused_country.as_deref().is_some_and(|b| run.counter_pairs.contains(&(b, state)));

    // Origins: each distinct claimant (the bodies of one state are one government), with the
    // evidence that backs its claims. The actor's own boast counts once: as evidence cited by an
    // accuser when one cites it, else on its own.
    let boast_cited =
        evidence.iter().any(|e| e.kind == "self_claim" && e.supports.iter().any(|s| ids.contains(s.as_str())));
    let mut origins: Vec<(String, Vec<&ClaimOut>)> = Vec::new();
    for c in supporting.iter().filter(|c| !(boast_cited && c.kind == "responsibility")) {
        let key = origin_key(c);
        match origins.iter_mut().find(|(o, _)| *o == key) {
            Some((_, list)) => list.push(c),
            None => origins.push((key, vec![c])),
        }
    }
    // The names of the hypothesis's actors, which are never "named people".
    let actor_names: Vec<&str> = supporting
        .iter()
        .chain(&contesting)
        .flat_map(|c| [&c.claimant_name, &c.accused_name])
        .filter_map(|n| n.as_deref())
        .collect();
    let mut factors: Vec<FactorOut> = Vec::new();
    let mut scored: Vec<(f64, f64, Vec<FactorOut>)> = Vec::new(); // (strength, discount, item factors)
    for (_, list) in &origins {
        let claim_ids: BTreeSet<&str> = list.iter().map(|c| c.id.as_str()).collect();
        let mut items: Vec<Item> = Vec::new();
        let mut seen_kinds = BTreeSet::new();
        let mut indicators: BTreeSet<&str> = BTreeSet::new();
        // The sentences the origin speaks in: its claims and the evidence behind them.
        let mut sentences: Vec<(&str, &str, SpanOut)> =
            list.iter().map(|c| (c.text.as_str(), c.doc.as_str(), c.span)).collect();
        for e in evidence.iter().filter(|e| e.supports.iter().any(|s| claim_ids.contains(s.as_str()))) {
            indicators.extend(e.indicators.iter().map(String::as_str));
            sentences.push((e.text.as_str(), e.doc.as_str(), e.span));
            // Third-party evidence is someone else confirming: a vendor citing "researchers at"
            // itself is not that.
            if e.kind == "third_party" && list[0].claimant_country.is_none() {
                continue;
            }
            // One item per kind per origin: saying it twice adds nothing.
            if !seen_kinds.insert(e.kind.clone()) {
                continue;
            }
            let mut weight = w.evidence.get(&e.kind).copied().unwrap_or(0.0);
            if e.weakened.is_some() {
                weight *= w.discounts.weakened;
            }
            items.push(Item { ev: e, weight });
        }
        // A responsibility claim is the actor's own word: self-claim evidence.
        let self_claim = list.iter().find(|c| c.kind == "responsibility");
        let mut item_factors = Vec::new();
        let mut u = 0.0f64;
        for it in &items {
            let before = u;
            u = 1.0 - (1.0 - u) * (1.0 - it.weight);
            let mut detail = format!("{} evidence: \u{201c}{}\u{201d}", it.ev.kind.replace('_', "-"), it.ev.cue);
            if let Some(why) = &it.ev.weakened {
                detail.push_str(&format!(" (weakened: {why})"));
            }
            item_factors.push((
                u - before,
                FactorOut {
                    name: format!("evidence:{}", it.ev.kind),
                    contribution: 0.0,
                    detail,
                    doc: Some(it.ev.doc.clone()),
                    span: Some(it.ev.span),
                },
            ));
        }
        if let (Some(sc), false) = (self_claim, seen_kinds.contains("self_claim")) {
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
        // Specificity: concrete indicators, named targets, named people and dates, only on top of
        // evidence. Specific claims can be checked (and found wrong); vague ones cannot.
        if u > 0.0 {
            let mut add = |points: f64, name: &str, detail: String, at: Option<(&str, SpanOut)>| {
                let before = u;
                u = (u + points).min(0.95);
                item_factors.push((
                    u - before,
                    FactorOut {
                        name: name.into(),
                        contribution: 0.0,
                        detail,
                        doc: Some(at.map_or(list[0].doc.as_str(), |a| a.0).to_string()),
                        span: at.map(|a| a.1),
                    },
                ));
            };
            let n = indicators.len().min(w.specificity.max_indicators);
            if n > 0 {
                add(
                    n as f64 * w.specificity.per_indicator,
                    "specificity:indicators",
                    format!("{} concrete indicator(s)", indicators.len()),
                    None,
                );
            }
            if let Some(c) = list.iter().find(|c| !c.targets.is_empty()) {
                add(
                    w.specificity.named_targets,
                    "specificity:targets",
                    format!("named targets: {}", c.targets.join("; ")),
                    Some((c.doc.as_str(), c.span)),
                );
            }
            let mut people: Vec<String> = Vec::new();
            let mut people_at = None;
            for (text, doc, span) in &sentences {
                for p in named_people(text, &actor_names) {
                    if !people.contains(&p) {
                        people_at.get_or_insert((*doc, *span));
                        people.push(p);
                    }
                }
            }
            if let Some(at) = people_at {
                add(
                    w.specificity.named_people,
                    "specificity:people",
                    format!("named people: {}", people.join(", ")),
                    Some(at),
                );
            }
            if let Some((date, doc, span)) =
                sentences.iter().find_map(|(text, doc, span)| first_date(text).map(|d| (d, *doc, *span)))
            {
                add(w.specificity.dates, "specificity:dates", format!("dated: {date}"), Some((doc, span)));
            }
        }
        // Independence: a party to the dispute is discounted.
        let claimant_country = list[0].claimant_country.clone();
        let interested = match (&claimant_country, &accused_country) {
            (Some(a), Some(b)) => a != b && (w.rivals(a, b) || counter_accused(a)),
            _ => false,
        } && list[0].kind != "responsibility";
        let d = if interested { w.discounts.interested_party } else { 1.0 };
        let origin_name = names_of(list.iter().copied()).join(" + ");
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
                doc: Some(list[0].doc.clone()),
                span: Some(list[0].span),
            });
        }
        if items.is_empty() && self_claim.is_none() {
            fs.push(FactorOut {
                name: "evidence:none".into(),
                contribution: 0.0,
                detail: format!("{origin_name}: a bare assertion, no evidence offered"),
                doc: Some(list[0].doc.clone()),
                span: Some(list[0].span),
            });
        }
        scored.push((u * d, d, fs));
    }
    // Corroboration: independent origins combine with diminishing returns (noisy-OR),
    // strongest first; repeats by one origin were already folded into it.
    scored.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(std::cmp::Ordering::Equal));
    let mut p = 0.0f64;
    for (i, (s, d, fs)) in scored.iter().enumerate() {
        let before = p;
        p = 1.0 - (1.0 - p) * (1.0 - s);
        let delta = (p - before) * 100.0;
        let undiscounted = if *d < 1.0 { delta / d } else { delta };
        for f in fs {
            let mut f = f.clone();
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
    // evidence, one item per kind, and comes from the accused side, so it counts as a party's:
    // it takes its strength's share of the score. A bare denial takes a few points.
    let d = w.discounts.interested_party;
    let mut counter_kinds = BTreeSet::new();
    let mut uc = 0.0f64;
    let mut bare = 0;
    let mut minus = 0.0;
    for c in &contesting {
        let offered: Vec<&EvidenceOut> = evidence.iter().filter(|e| e.supports.contains(&c.id)).collect();
        let denier = c.claimant_name.clone().unwrap_or_else(|| "(unnamed)".into());
        let (name, pts, detail) = if offered.is_empty() {
            bare += 1;
            let pts = if bare <= w.contestation.max_denials { w.contestation.per_denial } else { 0.0 };
            ("contestation:denial", pts, format!("{denier} denies it"))
        } else {
            let before = uc;
            let mut kinds = Vec::new();
            for e in offered {
                if !counter_kinds.insert(e.kind.clone()) {
                    continue;
                }
                let weight = w.evidence.get(&e.kind).copied().unwrap_or(0.0)
                    * if e.weakened.is_some() { w.discounts.weakened } else { 1.0 };
                uc = 1.0 - (1.0 - uc) * (1.0 - weight);
                kinds.push(format!("{} \u{201c}{}\u{201d}", e.kind.replace('_', "-"), e.cue));
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
        factors.push(FactorOut {
            name: name.into(),
            contribution: -pts,
            detail,
            doc: Some(c.doc.clone()),
            span: Some(c.span),
        });
    }
    for f in &mut factors {
        f.contribution = (f.contribution * 10.0).round() / 10.0 + 0.0;
        if f.contribution == 0.0 {
            f.contribution = 0.0; // no "-0"
        }
    }
    let score = (p * 100.0 - minus).round().clamp(0.0, 100.0) as u32;
    let stated = if supporting.iter().filter(|c| c.kind != "responsibility").all(|c| c.certainty == "hedged") {
        "hedged"
    } else {
        "asserted"
    };
    let cues: Vec<String> = supporting.iter().flat_map(|c| c.cue.iter().cloned()).collect();
    let estimative = if stated == "hedged" { estimative(&cues) } else { None };
    let kinds: BTreeSet<String> = factors
        .iter()
        .filter_map(|f| f.name.strip_prefix("evidence:").filter(|k| *k != "none").map(|k| k.replace('_', "-")))
        .collect();
    let claimants = names_of(origins.iter().flat_map(|(_, l)| l.iter().copied()));
    let summary = format!(
        "{} ({score}): {} {} {} to {}{}{}{}.",
        capitalise(band(score)),
        claimants.join(", "),
        if claimants.len() == 1 { "attributes" } else { "attribute" },
        action.replace('_', " "),
        first.accused_name.clone().unwrap_or_else(|| actor.to_string()),
        accused_country.as_ref().map(|c| format!(" ({c})")).unwrap_or_default(),
        if kinds.is_empty() {
            ", offering no evidence".to_string()
        } else {
            format!(", citing {} evidence", kinds.into_iter().collect::<Vec<_>>().join(", "))
        },
        if contesting.is_empty() { String::new() } else { format!("; contested by {} denial(s)", contesting.len()) }
    );
    AssessmentOut {
        id: format!("a-{}", crate::report::short_hash(&format!("{actor}\u{0}{action}"))),
        actor: actor.to_string(),
        actor_name: first.accused_name.clone().unwrap_or_else(|| actor.to_string()),
        country: accused_country,
        action: action.to_string(),
        claims: supporting.iter().map(|c| c.id.clone()).collect(),
        contested_by: contesting.iter().map(|c| c.id.clone()).collect(),
        score,
        confidence: band(score).to_string(),
        stated_certainty: stated.to_string(),
        estimative,
        factors,
        summary,
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

/// The distinct claimant names of some claims, in order.
fn names_of<'a>(claims: impl Iterator<Item = &'a ClaimOut>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in claims {
        let n = c.claimant_name.clone().unwrap_or_else(|| "(unnamed)".into());
        if !out.contains(&n) {
            out.push(n);
        }
    }
    out
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SpecificityWords {
    titles: Vec<String>,
    not_before: Vec<String>,
    not_people: Vec<String>,
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
    let sw = specificity_words();
    let words = crate::lexicon::words();
    let is_title = |w: &str| sw.titles.iter().chain(&words.titles).chain(&words.not_names).any(|t| t == w);
    let hits = crate::lexicon::Lexicon::get().scan(text);
    // Runs of capitalised words, each word with its byte range, and whether the run follows a
    // word of `not_before`.
    let mut runs: Vec<(Vec<(usize, usize)>, bool)> = Vec::new();
    let mut run: Option<(Vec<(usize, usize)>, bool)> = None;
    let mut previous = "";
    for (start, token) in tokens(text) {
        let word = token.trim_start_matches(['(', '"', '\u{201c}', '\u{2018}', '\'']);
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
            let after = sw.not_before.iter().any(|b| b == previous);
            run.get_or_insert((Vec::new(), after)).0.push((start, start + bare.len()));
        }
        if !name_like || ends {
            runs.extend(run.take());
        }
        previous = token;
    }
    runs.extend(run.take());
    let mut out = Vec::new();
    for (ws, after_place_word) in runs {
        if after_place_word {
            continue; // "in Hale Ridge", "the systems of Shafir Logistics"
        }
        // Only the words after the last known actor of the run ("Foreign Ministry Spokesperson
        // Lin Jian"); none when an actor ends it ("Emennet Pasargad", "United States").
        let last_hit = ws.iter().rposition(|&(s, e)| hits.iter().any(|h| h.start < e && s < h.end));
        let ws: Vec<&str> = ws[last_hit.map_or(0, |i| i + 1)..].iter().map(|&(s, e)| &text[s..e]).collect();
        let ws: Vec<&str> = ws.into_iter().skip_while(|w| is_title(w)).collect();
        let phrase = ws.join(" ");
        let lower = phrase.to_lowercase();
        if (2..=3).contains(&ws.len())
            && !ws.iter().any(|w| sw.not_people.iter().any(|n| n == w) || words.not_names.iter().any(|n| n == w))
            && !actors.iter().any(|a| {
                let a = a.to_lowercase();
                a.contains(&lower) || lower.contains(&a)
            })
        {
            out.push(phrase);
        }
    }
    out
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
        Regex::new(&format!(
            "\\b(?:\\d{{1,2}}(?:st|nd|rd|th)? {month}(?: \\d{{4}})?|{month} \\d{{1,2}}(?:st|nd|rd|th)?\\b(?:, \\d{{4}})?|{month} (?:of )?\\d{{4}}|\\d{{4}}-\\d{{2}}-\\d{{2}})\\b|\\d{{4}}年\\d{{1,2}}月(?:\\d{{1,2}}日)?|\\d{{1,2}}月\\d{{1,2}}日"
        ))
        .expect("valid date pattern")
    });
    re.find(text).map(|m| m.as_str().to_string())
}

/// Competing hypotheses: for every action that several actors are accused of, a matrix of the
/// evidence bearing on any of them against the hypotheses. An item is `consistent` with the
/// hypothesis whose claims it backs, `inconsistent` with one whose denial it backs
/// (counter-evidence), `neutral` otherwise; its weight is its credibility (kind weight, halved
/// when weakened), as Open Source ACH weighs evidence.
pub fn matrices(assessments: &[AssessmentOut], evidence: &[EvidenceOut], w: &Weights) -> Vec<MatrixOut> {
    let mut actions: Vec<&str> = Vec::new();
    for a in assessments {
        if !actions.contains(&a.action.as_str()) {
            actions.push(&a.action);
        }
    }
    let mut out = Vec::new();
    for action in actions {
        let hyps: Vec<&AssessmentOut> = assessments.iter().filter(|a| a.action == action).collect();
        if hyps.len() < 2 {
            continue;
        }
        let mut rows = Vec::new();
        for e in evidence {
            let cells: Vec<String> = hyps
                .iter()
                .map(|h| {
                    if e.supports.iter().any(|s| h.claims.contains(s)) {
                        "consistent"
                    } else if e.supports.iter().any(|s| h.contested_by.contains(s)) {
                        "inconsistent"
                    } else {
                        "neutral"
                    }
                    .to_string()
                })
                .collect();
            if cells.iter().all(|c| c == "neutral") {
                continue;
            }
            let mut weight = w.evidence.get(&e.kind).copied().unwrap_or(0.0);
            if e.weakened.is_some() {
                weight *= w.discounts.weakened;
            }
            rows.push(MatrixRowOut {
                evidence: e.id.clone(),
                doc: e.doc.clone(),
                kind: e.kind.clone(),
                cue: e.cue.clone(),
                weight: (weight * 100.0).round() / 100.0,
                cells,
            });
        }
        out.push(MatrixOut {
            action: action.to_string(),
            hypotheses: hyps.iter().map(|h| h.id.clone()).collect(),
            hypothesis_names: hyps.iter().map(|h| h.actor_name.clone()).collect(),
            rows,
        });
    }
    out
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
    }

    #[test]
    fn estimative_terms() {
        assert_eq!(estimative(&["highly likely".into()]).as_deref(), Some("very likely (80-95%)"));
        assert_eq!(estimative(&["almost certainly".into()]).as_deref(), Some("almost certain (95-99%)"));
        assert_eq!(estimative(&["accused".into()]), None);
    }
}
