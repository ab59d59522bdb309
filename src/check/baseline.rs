//! Baselines: a stored run of `attrib check` (its metrics and assessment scores), and the
//! comparison that fails when a metric falls or a score drifts too far.

use super::metrics::Metrics;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub attrib_version: String,
    pub metrics: Metrics,
    /// Assessment id → score (0–100).
    #[serde(default)]
    pub scores: BTreeMap<String, u32>,
}

/// Metrics are compared to this many decimals, so that float noise never fails a run.
const EPS: f64 = 1e-4;

/// Every regression of `now` against `base`: a metric that fell, a score that moved more
/// than `max_drift` points.
pub fn compare(base: &Baseline, now: &Baseline, max_drift: u32) -> Vec<String> {
    let mut out = Vec::new();
    let mut fell = |what: String, old: f64, new: f64| {
        if new + EPS < old {
            out.push(format!("{what} fell from {old:.3} to {new:.3}"));
        }
    };
    let (b, n) = (&base.metrics.overall, &now.metrics.overall);
    fell("overall precision".into(), b.precision(), n.precision());
    fell("overall recall".into(), b.recall(), n.recall());
    fell("overall F1".into(), b.f1(), n.f1());
    for (kind, bc) in &base.metrics.by_kind {
        let nc = now.metrics.by_kind.get(kind).copied().unwrap_or_default();
        fell(format!("{kind} F1"), bc.f1(), nc.f1());
    }
    fell("evidence-kind F1".into(), base.metrics.evidence.f1(), now.metrics.evidence.f1());
    fell("certainty accuracy".into(), base.metrics.certainty_accuracy(), now.metrics.certainty_accuracy());
    for (id, &old) in &base.scores {
        match now.scores.get(id) {
            Some(&new) if old.abs_diff(new) > max_drift => {
                out.push(format!("assessment {id} moved from {old} to {new} (more than {max_drift} points)"))
            }
            Some(_) => {}
            None => out.push(format!("assessment {id} (score {old}) is gone")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::metrics::Counts;

    fn run(tp: usize, fp: usize, fn_: usize, score: u32) -> Baseline {
        let mut m = Metrics { overall: Counts { tp, fp, fn_ }, ..Default::default() };
        m.by_kind.insert("denial".into(), Counts { tp, fp, fn_ });
        Baseline { attrib_version: "t".into(), metrics: m, scores: [("a-1".to_string(), score)].into() }
    }

    #[test]
    fn regressions_are_named() {
        assert!(compare(&run(8, 2, 2, 40), &run(8, 2, 2, 44), 5).is_empty());
        assert!(compare(&run(8, 2, 2, 40), &run(9, 1, 1, 40), 5).is_empty(), "improvement passes");
        let r = compare(&run(8, 2, 2, 40), &run(6, 2, 4, 50), 5);
        assert!(r.iter().any(|x| x.contains("overall recall fell")), "{r:?}");
        assert!(r.iter().any(|x| x.contains("denial F1 fell")), "{r:?}");
        assert!(r.iter().any(|x| x.contains("moved from 40 to 50")), "{r:?}");
    }
}
