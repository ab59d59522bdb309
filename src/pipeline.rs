//! The pipeline facade: runs the per-document stages in order on one document and returns
//! their plain results. Cross-document stages (linking, scoring) run on the collected results.

use crate::diag::Diagnostic;
use crate::evidence::{self, Evidence, Found};
use crate::extract::{extract_with_cues, Claim, Extraction};
use crate::ingest::Document;
use crate::ioc::{self, Indicator};
use crate::lexicon::scan::{Scanner, Want};
use crate::lexicon::Lexicon;
use crate::recognize::{recognize_with_hits, Recognized};
use crate::segment::{segment, Sentence};

/// Everything the per-document stages found in one document, in byte spans.
#[derive(Debug, Clone)]
pub struct DocAnalysis {
    pub doc: Document,
    pub sentences: Vec<Sentence>,
    pub recognized: Recognized,
    pub claims: Vec<Claim>,
    /// Per sentence, the actor it names as speaking (see `extract::Extraction`).
    pub speakers: Vec<Option<usize>>,
    pub indicators: Vec<Indicator>,
    pub evidence: Vec<Evidence>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Runs the per-document stages.
pub fn analyze_document(doc: &Document) -> DocAnalysis {
    analyze(doc.clone())
}

/// `analyze_document`, taking the document: its text is not copied.
pub fn analyze(doc: Document) -> DocAnalysis {
    let sentences = segment(&doc.text);
    // Indicators first: they need nothing else, and at start-up this leaves the lexicon time
    // to finish compiling on another thread (see `warm_up`).
    let indicators = ioc::extractor().extract(&doc.text);
    let lex = Lexicon::get();
    // One pass finds the names and the claim and evidence cues; the claim cues serve
    // recognition (speakers) and extraction.
    let scans = Scanner::get().scan(&doc.text, Want::ALL);
    let recognized = recognize_with_hits(&doc.text, &sentences, lex, &scans.lexicon, &scans.cues);
    let Extraction { claims, speakers } =
        extract_with_cues(&doc.text, &sentences, &recognized, lex, doc.meta.speaker.as_deref(), scans.cues);
    let found = Found { claims: &claims, speakers: &speakers, indicators: &indicators };
    let evidence = evidence::find_with_cues(&doc.text, &sentences, &recognized, &found, &scans.evidence);
    DocAnalysis { doc, sentences, recognized, claims, speakers, indicators, evidence, diagnostics: Vec::new() }
}

/// Starts decoding the lexicon, the cues and the scanner's tables on one thread, and making the
/// word lists and patterns of scoring on another, so that the first document does not wait for
/// all of it (indicator patterns compile meanwhile on the first document's thread): to call as
/// early as possible in a run.
pub fn warm_up() {
    std::thread::spawn(|| {
        Lexicon::get();
        crate::lexicon::cues::Cues::get();
        Scanner::get();
        crate::lexicon::words();
    });
    std::thread::spawn(crate::score::warm_up);
}
