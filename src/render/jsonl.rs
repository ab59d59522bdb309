//! `--format jsonl`: one JSON message per line with a `type` field — a `header` first, then per
//! document as it is finished its `document`, `actor`, `claim`, `evidence` and `indicator`
//! messages, and at the end `assessment`, `matrix`, `diagnostic` and a closing `summary`, so a
//! consumer can tell a complete stream from a cut one.

use super::{direct, Prerendered, Renderer, RunReport};
use crate::report::{AssessmentOut, DocReport, MatrixRowOut};
use serde::Serialize;
use std::io::{self, Write};

#[derive(Default)]
pub struct JsonlRenderer {
    started: bool,
    documents: usize,
    claims: usize,
    assessments: usize,
    /// Rows of the matrix being written.
    rows: usize,
}

/// A document's messages, as `document` writes them (without the stream's header).
pub fn document_lines(doc: &DocReport) -> Vec<u8> {
    // about five bytes of messages per byte of text, as a rule
    let mut out = Vec::with_capacity(doc.text.len() * 6);
    direct::line_into(&mut out, "document", &doc.document);
    for a in &doc.actors {
        direct::line_into(&mut out, "actor", a);
    }
    for c in &doc.claims {
        direct::line_into(&mut out, "claim", c);
    }
    for e in &doc.evidence {
        direct::line_into(&mut out, "evidence", e);
    }
    for i in &doc.indicators {
        direct::line_into(&mut out, "indicator", i);
    }
    out
}

fn write_document(out: &mut dyn Write, doc: &DocReport) -> io::Result<()> {
    out.write_all(&document_lines(doc))
}

/// One message: keys sorted, so every line of a kind has the same layout.
fn line<T: Serialize>(out: &mut dyn Write, kind: &str, value: &T) -> io::Result<()> {
    super::sorted::line(out, kind, value)
}

/// An assessment's line, made on any thread (see `Renderer::assessment_rendered`).
pub fn assessment_line(a: &AssessmentOut) -> Vec<u8> {
    let mut buf = Vec::with_capacity(4096);
    direct::line_into(&mut buf, "assessment", a);
    buf
}

impl JsonlRenderer {
    fn header(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if !self.started {
            self.started = true;
            line(
                out,
                "header",
                &serde_json::json!({
                    "schema_version": crate::report::SCHEMA_VERSION,
                    "attrib_version": crate::VERSION,
                }),
            )?;
        }
        Ok(())
    }
}

impl Renderer for JsonlRenderer {
    fn document(&mut self, out: &mut dyn Write, doc: &DocReport) -> io::Result<()> {
        self.header(out)?;
        self.documents += 1;
        self.claims += doc.claims.len();
        write_document(out, doc)?;
        out.flush()
    }

    fn document_prerendered(&mut self, out: &mut dyn Write, doc: &Prerendered) -> io::Result<()> {
        self.header(out)?;
        self.documents += 1;
        self.claims += doc.claims;
        out.write_all(&doc.bytes)
    }

    fn streams_assessments(&self) -> bool {
        true
    }

    fn assessment(&mut self, out: &mut dyn Write, a: &AssessmentOut) -> io::Result<()> {
        self.header(out)?;
        self.assessments += 1;
        out.write_all(&assessment_line(a))
    }

    fn assessment_rendered(&mut self, out: &mut dyn Write, bytes: &[u8]) -> io::Result<()> {
        self.header(out)?;
        self.assessments += 1;
        out.write_all(bytes)
    }

    fn matrix(&mut self, out: &mut dyn Write, action: &str, hypotheses: &[String], names: &[String]) -> io::Result<()> {
        // The keys in sorted order, as `line` would write the whole matrix, rows streamed.
        self.header(out)?;
        self.rows = 0;
        let mut buf = b"{\"action\":".to_vec();
        let e = |e: serde_json::Error| io::Error::from(e);
        super::sorted::write(&mut buf, action, None).map_err(e)?;
        buf.extend_from_slice(b",\"hypotheses\":");
        super::sorted::write(&mut buf, hypotheses, None).map_err(e)?;
        buf.extend_from_slice(b",\"hypothesis_names\":");
        super::sorted::write(&mut buf, names, None).map_err(e)?;
        buf.extend_from_slice(b",\"rows\":[");
        out.write_all(&buf)
    }

    fn matrix_row(&mut self, out: &mut dyn Write, row: &MatrixRowOut) -> io::Result<()> {
        let mut buf = Vec::with_capacity(256);
        if self.rows > 0 {
            buf.push(b',');
        }
        self.rows += 1;
        super::sorted::write(&mut buf, row, None).map_err(io::Error::from)?;
        out.write_all(&buf)
    }

    fn matrix_end(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"],\"type\":\"matrix\"}\n")
    }

    fn finish(&mut self, out: &mut dyn Write, run: &RunReport) -> io::Result<()> {
        self.header(out)?;
        for a in &run.assessments {
            self.assessments += 1;
            out.write_all(&assessment_line(a))?;
        }
        for m in &run.matrices {
            line(out, "matrix", m)?;
        }
        for d in &run.diagnostics {
            line(out, "diagnostic", d)?;
        }
        line(
            out,
            "summary",
            &serde_json::json!({
                "documents": self.documents,
                "claims": self.claims,
                "assessments": self.assessments,
                "errors": run.diagnostics.iter().filter(|d| d.is_error()).count(),
            }),
        )
    }
}
