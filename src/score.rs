//! The attribution score: one assessment per hypothesis "actor X did action A", from every claim
//! and piece of evidence of the run that bears on it. An explainable sum of factors (each with
//! its points and the span that caused it), weights from data/weights.toml or `--weights`.
//! The score weighs the evidence, not the rhetoric: the claimant's stated certainty is reported
//! beside it (with its ICD 203 estimative term), never mixed into it.

use crate::report::{AssessmentOut, ClaimOut, EvidenceOut, FactorOut, MatrixOut, MatrixRowOut};
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
    keys.iter().map(|(actor, action)| assess_one(actor, action, claims, evidence, w)).collect()
}

struct Item<'a> {
    ev: &'a EvidenceOut,
    weight: f64,
}

fn assess_one(actor: &str, action: &str, claims: &[ClaimOut], evidence: &[EvidenceOut], w: &Weights) -> AssessmentOut {
    let of = |c: &&ClaimOut| c.accused.as_deref() == Some(actor) && c.action == action;
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
    let first = supporting[0];
    let accused_country = supporting.iter().find_map(|c| c.accused_country.clone());
    let contested_sides: BTreeSet<String> = contesting.iter().filter_map(|c| c.claimant_country.clone()).collect();

    // Origins: each distinct claimant, with the evidence that backs its claims. The actor's own
    // boast counts once: as evidence cited by an accuser when one cites it, else on its own.
    let boast_cited =
        evidence.iter().any(|e| e.kind == "self_claim" && e.supports.iter().any(|s| ids.contains(s.as_str())));
    let mut origins: Vec<(String, Vec<&ClaimOut>)> = Vec::new();
    for c in supporting.iter().filter(|c| !(boast_cited && c.kind == "responsibility")) {
        let who = c.claimant.clone().unwrap_or_else(|| "(unnamed)".to_string());
        match origins.iter_mut().find(|(o, _)| *o == who) {
            Some((_, list)) => list.push(c),
            None => origins.push((who, vec![c])),
        }
    }
    let mut factors: Vec<FactorOut> = Vec::new();
    let mut scored: Vec<(f64, f64, Vec<FactorOut>)> = Vec::new(); // (strength, discount, item factors)
    for (_, list) in &origins {
        let claim_ids: BTreeSet<&str> = list.iter().map(|c| c.id.as_str()).collect();
        let mut items: Vec<Item> = Vec::new();
        let mut seen_kinds = BTreeSet::new();
        let mut indicators: BTreeSet<&str> = BTreeSet::new();
        for e in evidence.iter().filter(|e| e.supports.iter().any(|s| claim_ids.contains(s.as_str()))) {
            indicators.extend(e.indicators.iter().map(String::as_str));
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
        // Specificity: concrete indicators and named targets, only on top of evidence.
        if u > 0.0 {
            let n = indicators.len().min(w.specificity.max_indicators);
            if n > 0 {
                let before = u;
                u = (u + n as f64 * w.specificity.per_indicator).min(0.95);
                item_factors.push((
                    u - before,
                    FactorOut {
                        name: "specificity:indicators".into(),
                        contribution: 0.0,
                        detail: format!("{} concrete indicator(s)", indicators.len()),
                        doc: Some(list[0].doc.clone()),
                        span: None,
                    },
                ));
            }
            if list.iter().any(|c| !c.targets.is_empty()) {
                let before = u;
                u = (u + w.specificity.named_targets).min(0.95);
                let c = list.iter().find(|c| !c.targets.is_empty()).unwrap_or(&list[0]);
                item_factors.push((
                    u - before,
                    FactorOut {
                        name: "specificity:targets".into(),
                        contribution: 0.0,
                        detail: format!("named targets: {}", c.targets.join("; ")),
                        doc: Some(c.doc.clone()),
                        span: Some(c.span),
                    },
                ));
            }
        }
        // Independence: a party to the dispute is discounted.
        let claimant_country = list[0].claimant_country.clone();
        let interested = match (&claimant_country, &accused_country) {
            (Some(a), Some(b)) => a != b && (w.rivals(a, b) || contested_sides.contains(b)),
            _ => false,
        } && list[0].kind != "responsibility";
        let d = if interested { w.discounts.interested_party } else { 1.0 };
        let origin_name = list[0].claimant_name.clone().unwrap_or_else(|| "(unnamed)".into());
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
    // Contestation: denials lower a little; a denial with its own evidence lowers more.
    let mut minus = 0.0;
    for (i, c) in contesting.iter().enumerate() {
        let counter = evidence.iter().any(|e| e.supports.contains(&c.id));
        let pts = if counter {
            w.contestation.counter_evidence
        } else if i < w.contestation.max_denials {
            w.contestation.per_denial
        } else {
            0.0
        };
        let pts = pts.min(p * 100.0 - minus).max(0.0);
        minus += pts;
        factors.push(FactorOut {
            name: if counter { "contestation:counter_evidence".into() } else { "contestation:denial".into() },
            contribution: -pts,
            detail: format!(
                "{} denies it{}",
                c.claimant_name.clone().unwrap_or_else(|| "(unnamed)".into()),
                if counter { ", offering evidence of its own" } else { "" }
            ),
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
    let claimants: Vec<String> =
        origins.iter().map(|(_, l)| l[0].claimant_name.clone().unwrap_or_else(|| "(unnamed)".into())).collect();
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

    #[test]
    fn estimative_terms() {
        assert_eq!(estimative(&["highly likely".into()]).as_deref(), Some("very likely (80-95%)"));
        assert_eq!(estimative(&["almost certainly".into()]).as_deref(), Some("almost certain (95-99%)"));
        assert_eq!(estimative(&["accused".into()]), None);
    }
}
