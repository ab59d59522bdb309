//! Running a check: every labelled document analysed, its claims matched with its labels,
//! and the counts summed.

use super::dataset::{Dataset, Entry};
use super::matching::{match_claims, Label};
use super::metrics::{Counts, Metrics};
use crate::diag::Diagnostic;
use crate::ingest::{read_source, Item, Options, Source};
use crate::pipeline::analyze_document;
use crate::report::{ClaimOut, DocReport};
use serde::Serialize;

/// The outcome for one document.
#[derive(Debug, Clone, Serialize)]
pub struct DocOutcome {
    pub doc: String,
    /// Line of the document's entry in the labels file.
    pub labels_line: usize,
    pub matched: usize,
    pub missed: Vec<Label>,
    /// Where each missed claim's anchor stands in the document (line, column), when found.
    pub missed_at: Vec<Option<(usize, usize)>>,
    pub unexpected: Vec<ClaimOut>,
    /// Matched pairs whose certainty differs: (label, predicted).
    pub certainty_mismatches: Vec<(Label, ClaimOut)>,
}

impl DocOutcome {
    pub fn passed(&self) -> bool {
        self.missed.is_empty() && self.unexpected.is_empty()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub metrics: Metrics,
    /// Assessment id → score over the whole dataset (the baseline compares these).
    pub scores: std::collections::BTreeMap<String, u32>,
    pub docs: Vec<DocOutcome>,
    #[serde(skip)]
    pub reports: Vec<DocReport>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Analyses every document of the dataset and compares with its labels.
pub fn run(ds: &Dataset, opts: &Options, weights: &crate::score::Weights) -> Outcome {
    let mut metrics = Metrics::default();
    let mut docs = Vec::new();
    let mut reports = Vec::new();
    let mut diagnostics = Vec::new();
    for e in &ds.entries {
        let path = ds.doc_path(e);
        if !path.is_file() {
            continue;
        }
        let mut predicted: Vec<ClaimOut> = Vec::new();
        let mut doc_text = String::new();
        read_source(&Source::File(path), opts, &mut |item| match item {
            Item::Document(d) => {
                let a = analyze_document(&d);
                let r = DocReport::from_analysis(&a);
                predicted.extend(r.claims.iter().cloned());
                doc_text.push_str(&r.text);
                reports.push(r);
            }
            Item::Diagnostic(d) => diagnostics.push(d),
        });
        docs.push(score_doc(e, &predicted, &doc_text, &mut metrics));
    }
    let claims: Vec<ClaimOut> = reports.iter().flat_map(|r| r.claims.iter().cloned()).collect();
    let evidence: Vec<crate::report::EvidenceOut> = reports.iter().flat_map(|r| r.evidence.iter().cloned()).collect();
    let scores = crate::score::assess(&claims, &evidence, weights).into_iter().map(|a| (a.id, a.score)).collect();
    Outcome { metrics, scores, docs, reports, diagnostics }
}

fn score_doc(e: &Entry, predicted: &[ClaimOut], text: &str, m: &mut Metrics) -> DocOutcome {
    let (pairs, missed, unexpected) = match_claims(&e.claims, predicted);
    for (li, pi) in &pairs {
        let (l, p) = (&e.claims[*li], &predicted[*pi]);
        m.by_kind.entry(l.kind.clone()).or_default().tp += 1;
        m.overall.tp += 1;
        let lev: std::collections::BTreeSet<&String> = l.evidence.iter().collect();
        let pev: std::collections::BTreeSet<&String> = p.evidence.iter().collect();
        m.evidence.add(Counts {
            tp: lev.intersection(&pev).count(),
            fp: pev.difference(&lev).count(),
            fn_: lev.difference(&pev).count(),
        });
        if let Some(c) = &l.certainty {
            m.certainty_matched += 1;
            if c == &p.certainty {
                m.certainty_correct += 1;
            }
        }
    }
    for &li in &missed {
        m.by_kind.entry(e.claims[li].kind.clone()).or_default().fn_ += 1;
        m.overall.fn_ += 1;
    }
    for &pi in &unexpected {
        m.by_kind.entry(predicted[pi].kind.clone()).or_default().fp += 1;
        m.overall.fp += 1;
    }
    let certainty_mismatches = pairs
        .iter()
        .filter(|(li, pi)| e.claims[*li].certainty.as_ref().is_some_and(|c| c != &predicted[*pi].certainty))
        .map(|(li, pi)| (e.claims[*li].clone(), predicted[*pi].clone()))
        .collect();
    DocOutcome {
        doc: e.doc.clone(),
        labels_line: e.line,
        matched: pairs.len(),
        missed: missed.iter().map(|&i| e.claims[i].clone()).collect(),
        missed_at: missed
            .iter()
            .map(|&i| {
                let anchor = e.claims[i].anchor.as_deref().filter(|a| !a.is_empty())?;
                let at = text.find(anchor)?;
                Some(crate::span::LineIndex::new(text).line_col(text, at))
            })
            .collect(),
        unexpected: unexpected.iter().map(|&i| predicted[i].clone()).collect(),
        certainty_mismatches,
    }
}
