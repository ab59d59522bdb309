//! Rendering: one `Format` enum, one `Renderer` trait, one file per format. Renderers get each
//! document's report as it is finished and the run's results at the end; they write to the one
//! output writer they are handed. Adding a format = a variant here + a file beside this one.

pub(crate) mod direct;
mod dot;
mod html;
mod json;
mod jsonl;
mod markdown;
pub mod output;
pub(crate) mod sorted;
mod stix;
mod text;

use crate::diag::Diagnostic;
use crate::report::{AssessmentOut, DocReport, MatrixOut, MatrixRowOut};
use std::io::{self, Write};

/// The report formats of `attrib analyze`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A readable report for a terminal (the default).
    Text,
    /// The whole report as one JSON object (the schema_version 1 contract).
    Json,
    /// One JSON message per line with a `type` field, written as each document is finished.
    Jsonl,
    /// A Markdown report (tables of actors, claims and assessments; quoted spans).
    Markdown,
    /// The claim graph for Graphviz.
    Dot,
    /// One self-contained HTML page (no scripts, no remote loads): highlighted text, claim
    /// graph, hypothesis matrices and assessments.
    Html,
    /// One STIX 2.1 bundle: a report per document, identities, intrusion sets, threat actors,
    /// attributed-to relationships with the assessment score as confidence, opinions and notes.
    Stix,
}

impl Format {
    /// Whether the format is for people (headers, colour, wrapping) rather than programs.
    pub fn is_human(self) -> bool {
        matches!(self, Format::Text)
    }
}

/// How a human format should look.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

impl Default for Style {
    fn default() -> Self {
        Style { color: false, width: 100 }
    }
}

/// Results that exist only once every document is read.
#[derive(Debug, Clone, Default)]
pub struct RunReport {
    pub assessments: Vec<AssessmentOut>,
    pub matrices: Vec<MatrixOut>,
    pub diagnostics: Vec<Diagnostic>,
}

/// A report format. `document` is called once per document in input order, `finish` once.
pub trait Renderer {
    fn document(&mut self, out: &mut dyn Write, doc: &DocReport) -> io::Result<()>;
    fn finish(&mut self, out: &mut dyn Write, run: &RunReport) -> io::Result<()>;

    /// Writes a document's output made ahead by [`prerender`] (only formats for which
    /// `prerender` gives one), in place of `document`.
    fn document_prerendered(&mut self, out: &mut dyn Write, doc: &Prerendered) -> io::Result<()> {
        out.write_all(&doc.bytes)
    }

    /// Whether the format writes each assessment as soon as it is made (`assessment`), so
    /// that `finish` gets none in `RunReport::assessments` and a run need not hold them all.
    fn streams_assessments(&self) -> bool {
        false
    }

    fn assessment(&mut self, _out: &mut dyn Write, _a: &AssessmentOut) -> io::Result<()> {
        Ok(())
    }

    /// Writes an assessment made ahead by the function [`assessment_renderer`] gives (only
    /// formats for which it gives one), in place of `assessment`.
    fn assessment_rendered(&mut self, out: &mut dyn Write, bytes: &[u8]) -> io::Result<()> {
        out.write_all(bytes)
    }

    /// With `streams_assessments`, a matrix is written as it is made too: its head, each row,
    /// its end (and `finish` gets none in `RunReport::matrices`).
    fn matrix(
        &mut self,
        _out: &mut dyn Write,
        _action: &str,
        _hypotheses: &[String],
        _names: &[String],
    ) -> io::Result<()> {
        Ok(())
    }

    fn matrix_row(&mut self, _out: &mut dyn Write, _row: &MatrixRowOut) -> io::Result<()> {
        Ok(())
    }

    fn matrix_end(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

/// A document's output made off the main thread, for formats in which it depends on that
/// document alone.
#[derive(Debug, Clone, Default)]
pub struct Prerendered {
    pub bytes: Vec<u8>,
    pub claims: usize,
}

/// The document's output in `format`, if the format can make it ahead (any thread).
pub fn prerender(format: Format, doc: &DocReport) -> Option<Prerendered> {
    match format {
        Format::Jsonl => Some(Prerendered { bytes: jsonl::document_lines(doc), claims: doc.claims.len() }),
        _ => None,
    }
}

/// A function that writes an assessment in `format` on any thread, if the format streams
/// assessments and can make them ahead.
pub fn assessment_renderer(format: Format) -> Option<fn(&AssessmentOut) -> Vec<u8>> {
    match format {
        Format::Jsonl => Some(jsonl::assessment_line),
        _ => None,
    }
}

/// The renderer for a format.
pub fn renderer(format: Format, style: Style) -> Box<dyn Renderer> {
    match format {
        Format::Text => Box::new(text::TextRenderer::new(style)),
        Format::Json => Box::new(json::JsonRenderer::default()),
        Format::Jsonl => Box::new(jsonl::JsonlRenderer::default()),
        Format::Markdown => Box::new(markdown::MarkdownRenderer::default()),
        Format::Dot => Box::new(dot::DotRenderer::default()),
        Format::Html => Box::new(html::HtmlRenderer::default()),
        Format::Stix => Box::new(stix::StixRenderer::default()),
    }
}
