//! What the fuzz targets run, with the invariants they check. A failed check panics, which
//! libFuzzer reports as a crash and saves as an artifact.

use attrib::ingest::{self, Document, Format, Item, Options};
use attrib::pipeline::{self, DocAnalysis};
use attrib::render::{self, RunReport, Style};
use attrib::report::DocReport;
use attrib::span::Span;

/// Documents larger than this are skipped by ingestion (as `--max-document-bytes` would), so
/// that one input stays fast to run.
const LIMIT: usize = 256 * 1024;

fn options() -> Options {
    Options { max_document_bytes: LIMIT, ..Options::default() }
}

/// Reads `data` as a file of `format` (None: sniffed) and returns its documents.
pub fn read(data: &[u8], format: Option<Format>) -> Vec<Document> {
    let mut docs = Vec::new();
    ingest::read_bytes("fuzz", format, data, &options(), &mut |item| match item {
        Item::Document(d) => docs.push(d),
        Item::Diagnostic(d) => {
            let shown = d.to_string();
            assert!(shown.contains("fuzz"), "a diagnostic that does not name its file: {shown}");
        }
    });
    docs
}

/// Ingestion of one format.
pub fn ingest(data: &[u8], format: Format) {
    for d in read(data, Some(format)) {
        assert!(!d.id.is_empty());
        assert!(!d.text.contains('\r'), "carriage returns survive ingestion");
    }
}

fn check_span(text: &str, s: Span, what: &str) {
    assert!(s.start <= s.end && s.end <= text.len(), "{what} {s:?} outside the text ({} bytes)", text.len());
    assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end), "{what} {s:?} splits a character");
}

/// Sentences: in order, not overlapping, inside their paragraph, on char boundaries, and every
/// non-whitespace character of the text inside exactly one of them.
pub fn check_segmentation(text: &str) {
    let paragraphs = attrib::segment::paragraphs(text);
    let sentences = attrib::segment::segment(text);
    let mut at = 0;
    for p in &paragraphs {
        check_span(text, *p, "paragraph");
        assert!(p.start >= at, "paragraphs overlap or go back: {p:?}");
        at = p.end;
    }
    let mut at = 0;
    for s in &sentences {
        check_span(text, s.span, "sentence");
        assert!(!s.span.is_empty(), "empty sentence");
        assert!(s.span.start >= at, "sentences overlap or go back: {:?}", s.span);
        let gap = &text[at..s.span.start];
        assert!(gap.chars().all(char::is_whitespace), "text left out between sentences: {gap:?}");
        let para = paragraphs.get(s.paragraph).expect("sentence names a paragraph that exists");
        assert!(para.contains(s.span), "sentence {:?} outside its paragraph {para:?}", s.span);
        at = s.span.end;
    }
    let tail = &text[at..];
    assert!(tail.chars().all(char::is_whitespace), "text left out at the end: {tail:?}");
}

/// Indicators: spans inside the text on char boundaries, `raw` equal to the span's text, values
/// refanged (refanging them again changes nothing); refanging the whole input is idempotent.
pub fn check_indicators(text: &str) {
    let once = attrib::ioc::refang(text);
    assert_eq!(attrib::ioc::refang(&once), once, "refang is not idempotent");
    for i in attrib::ioc::extractor().extract(text) {
        check_span(text, i.span, "indicator");
        assert_eq!(i.span.slice(text), i.raw, "raw text differs from its span");
        assert!(!i.value.is_empty(), "empty indicator value");
    }
}

/// Every span an analysis holds lies inside its document on char boundaries.
pub fn check_analysis(a: &DocAnalysis) {
    let text = a.doc.text.as_str();
    for s in &a.sentences {
        check_span(text, s.span, "sentence");
    }
    for m in &a.recognized.mentions {
        check_span(text, m.span, "mention");
        if let Some(ante) = m.antecedent {
            check_span(text, ante, "antecedent");
        }
    }
    for c in &a.claims {
        for s in &c.spans {
            check_span(text, *s, "claim span");
        }
    }
    for e in &a.evidence {
        check_span(text, e.span, "evidence");
    }
    for i in &a.indicators {
        check_span(text, i.span, "indicator");
    }
}

/// The whole path: sniffed format and encoding, analysis, every report format.
pub fn analyze_and_render(data: &[u8]) {
    let docs = read(data, None);
    let reports: Vec<DocReport> = docs
        .iter()
        .map(|d| {
            let a = pipeline::analyze_document(d);
            check_analysis(&a);
            DocReport::from_analysis(&a)
        })
        .collect();
    let weights = attrib::score::Weights::default_weights();
    let claims: Vec<_> = reports.iter().flat_map(|r| r.claims.iter().cloned()).collect();
    let evidence: Vec<_> = reports.iter().flat_map(|r| r.evidence.iter().cloned()).collect();
    let assessments = attrib::score::assess(&claims, &evidence, &weights);
    let matrices = attrib::score::matrices(&assessments, &evidence, &weights);
    let run = RunReport { assessments, matrices, diagnostics: Vec::new() };
    for format in [
        render::Format::Text,
        render::Format::Json,
        render::Format::Jsonl,
        render::Format::Markdown,
        render::Format::Dot,
        render::Format::Html,
        render::Format::Stix,
    ] {
        let mut out = Vec::new();
        let mut r = render::renderer(format, Style::default());
        for rep in &reports {
            r.document(&mut out, rep).expect("rendering into memory cannot fail");
        }
        r.finish(&mut out, &run).expect("rendering into memory cannot fail");
        let s = std::str::from_utf8(&out).expect("reports are UTF-8");
        match format {
            render::Format::Json | render::Format::Stix => {
                serde_json::from_str::<serde_json::Value>(s).expect("the JSON report parses");
            }
            render::Format::Jsonl => {
                for line in s.lines() {
                    serde_json::from_str::<serde_json::Value>(line).expect("every JSON Lines message parses");
                }
            }
            render::Format::Text => {
                assert!(!s.chars().any(attrib::sanitize::is_unsafe_for_terminal), "raw control characters in text");
            }
            _ => {}
        }
    }
}
