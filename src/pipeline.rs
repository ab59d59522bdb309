//! The pipeline facade: runs the per-document stages in order on one document and returns
//! their plain results. Cross-document stages (linking, scoring) run on the collected results.

use crate::diag::Diagnostic;
use crate::evidence::{self, Evidence};
use crate::extract::{extract, Claim};
use crate::ingest::Document;
use crate::ioc::{self, Indicator};
use crate::lexicon::Lexicon;
use crate::recognize::{recognize, Recognized};
use crate::segment::{segment, Sentence};

/// Everything the per-document stages found in one document, in byte spans.
#[derive(Debug, Clone)]
pub struct DocAnalysis {
    pub doc: Document,
    pub sentences: Vec<Sentence>,
    pub recognized: Recognized,
    pub claims: Vec<Claim>,
    pub indicators: Vec<Indicator>,
    pub evidence: Vec<Evidence>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Runs the per-document stages.
pub fn analyze_document(doc: &Document) -> DocAnalysis {
    let lex = Lexicon::get();
    let sentences = segment(&doc.text);
    let recognized = recognize(&doc.text, &sentences, lex);
    let claims = extract(&doc.text, &sentences, &recognized, lex, doc.meta.speaker.as_deref());
    let indicators = ioc::extractor().extract(&doc.text);
    let evidence = evidence::find(&doc.text, &sentences, &claims, &indicators);
    DocAnalysis { doc: doc.clone(), sentences, recognized, claims, indicators, evidence, diagnostics: Vec::new() }
}
