//! Comparing two analyses (`--format json` reports): claims added, removed and changed, and
//! assessment scores that moved — what a reviewer reads in a pull request.

use crate::report::{ClaimOut, Report};
use serde::Serialize;
use std::collections::BTreeMap;

/// A claim's identity across runs: document, kind, claimant and accused.
pub fn key(c: &ClaimOut) -> String {
    format!(
        "{} | {} | {} -> {}",
        c.doc,
        c.kind,
        c.claimant.as_deref().unwrap_or("-"),
        c.accused.as_deref().unwrap_or("-")
    )
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Diff {
    pub added: Vec<ClaimOut>,
    pub removed: Vec<ClaimOut>,
    /// (key, what changed: "field: old -> new").
    pub changed: Vec<(String, Vec<String>)>,
    /// (assessment id, old score, new score); None where it is missing on one side.
    pub scores: Vec<(String, Option<u32>, Option<u32>)>,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty() && self.scores.is_empty()
    }
}

pub fn diff(old: &Report, new: &Report) -> Diff {
    let index = |r: &Report| -> BTreeMap<String, ClaimOut> { r.claims.iter().map(|c| (key(c), c.clone())).collect() };
    let (a, b) = (index(old), index(new));
    let mut d = Diff::default();
    for (k, c) in &b {
        match a.get(k) {
            None => d.added.push(c.clone()),
            Some(o) => {
                let mut what = Vec::new();
                let mut field = |name: &str, x: String, y: String| {
                    if x != y {
                        what.push(format!("{name}: {x} -> {y}"));
                    }
                };
                field("certainty", o.certainty.clone(), c.certainty.clone());
                field("action", o.action.clone(), c.action.clone());
                field("accused_country", format!("{:?}", o.accused_country), format!("{:?}", c.accused_country));
                field("evidence", o.evidence.join(","), c.evidence.join(","));
                field(
                    "span",
                    format!("{}:{}", o.span.line, o.span.column),
                    format!("{}:{}", c.span.line, c.span.column),
                );
                field("responds_to", o.responds_to.len().to_string(), c.responds_to.len().to_string());
                if !what.is_empty() {
                    d.changed.push((k.clone(), what));
                }
            }
        }
    }
    d.removed = a.iter().filter(|(k, _)| !b.contains_key(*k)).map(|(_, c)| c.clone()).collect();
    let sa: BTreeMap<&str, u32> = old.assessments.iter().map(|x| (x.id.as_str(), x.score)).collect();
    let sb: BTreeMap<&str, u32> = new.assessments.iter().map(|x| (x.id.as_str(), x.score)).collect();
    for (id, s) in &sa {
        match sb.get(id) {
            Some(n) if n != s => d.scores.push((id.to_string(), Some(*s), Some(*n))),
            None => d.scores.push((id.to_string(), Some(*s), None)),
            _ => {}
        }
    }
    for (id, n) in &sb {
        if !sa.contains_key(id) {
            d.scores.push((id.to_string(), None, Some(*n)));
        }
    }
    d
}
