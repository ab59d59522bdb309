//! The pipeline facade: runs the per-document stages in order on one document and returns
//! their plain results. Cross-document stages (linking, scoring) run on the collected results.

use crate::diag::Diagnostic;
use crate::ingest::Document;
use crate::segment::{segment, Sentence};

/// Everything the per-document stages found in one document, in byte spans.
#[derive(Debug, Clone)]
pub struct DocAnalysis {
    pub doc: Document,
    pub sentences: Vec<Sentence>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Runs the per-document stages.
pub fn analyze_document(doc: &Document) -> DocAnalysis {
    let sentences = segment(&doc.text);
    DocAnalysis { doc: doc.clone(), sentences, diagnostics: Vec::new() }
}
