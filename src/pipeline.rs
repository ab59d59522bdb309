//! The pipeline facade: runs the per-document stages in order on one document and returns
//! their plain results. Cross-document stages (linking, scoring) run on the collected results.

use crate::diag::Diagnostic;
use crate::evidence::{self, Evidence};
use crate::extract::{extract_with_cues, Claim};
use crate::ingest::Document;
use crate::ioc::{self, Indicator};
use crate::lexicon::cues::Cues;
use crate::lexicon::Lexicon;
use crate::recognize::{recognize_with_cues, Recognized};
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
    // Claim cues are scanned once, for recognition (speakers) and extraction.
    let cues = Cues::get().scan(&doc.text);
    let recognized = recognize_with_cues(&doc.text, &sentences, lex, &cues);
    let claims = extract_with_cues(&doc.text, &sentences, &recognized, lex, doc.meta.speaker.as_deref(), cues);
    let indicators = ioc::extractor().extract(&doc.text);
    let evidence = evidence::find(&doc.text, &sentences, &claims, &indicators);
    DocAnalysis { doc: doc.clone(), sentences, recognized, claims, indicators, evidence, diagnostics: Vec::new() }
}
