//! `--format json`: the whole report as one pretty-printed JSON object, deterministic bytes.

use super::{Renderer, RunReport};
use crate::report::{DocReport, Report};
use std::io::{self, Write};

#[derive(Default)]
pub struct JsonRenderer {
    report: Report,
}

impl Renderer for JsonRenderer {
    fn document(&mut self, _out: &mut dyn Write, doc: &DocReport) -> io::Result<()> {
        self.report.push(doc);
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, run: &RunReport) -> io::Result<()> {
        self.report.assessments = run.assessments.clone();
        self.report.matrices = run.matrices.clone();
        self.report.diagnostics = run.diagnostics.clone();
        crate::report::write_json(&mut *out, &self.report, true)?;
        out.write_all(b"\n")
    }
}
