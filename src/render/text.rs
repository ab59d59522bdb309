//! The default text report: a header per document, then (as the pipeline grows) its actors,
//! claims, evidence and indicators. Input text is made terminal-safe before it is printed.

use super::{Renderer, RunReport, Style};
use crate::report::DocReport;
use crate::sanitize::terminal_line;
use anstyle::{AnsiColor, Effects, Style as AStyle};
use std::io::{self, Write};

pub struct TextRenderer {
    style: Style,
    docs: usize,
    sentences: usize,
}

impl TextRenderer {
    pub fn new(style: Style) -> Self {
        TextRenderer { style, docs: 0, sentences: 0 }
    }

    fn paint(&self, s: &str, st: AStyle) -> String {
        if self.style.color {
            format!("{}{}{}", st.render(), s, st.render_reset())
        } else {
            s.to_string()
        }
    }
}

impl TextRenderer {
    fn actors(&self, out: &mut dyn Write, doc: &DocReport) -> io::Result<()> {
        if doc.actors.is_empty() {
            return writeln!(out, "   No actors named.");
        }
        let bold = AStyle::new().effects(Effects::BOLD);
        let dim = AStyle::new().fg_color(Some(AnsiColor::BrightBlack.into()));
        writeln!(out, "   {}", self.paint("Actors", bold))?;
        for a in &doc.actors {
            let mut what = a.kind.clone();
            if let Some(c) = &a.country {
                what = format!("{c} {what}");
            }
            if let Some(s) = &a.sponsor_name {
                what.push_str(&format!(", sponsor: {}", terminal_line(s)));
            }
            let refs = a.mentions.iter().filter(|m| m.via == "reference").count();
            let mut forms: Vec<String> =
                a.aliases_seen.iter().map(|f| format!("\u{201c}{}\u{201d}", terminal_line(f))).collect();
            if refs > 0 {
                forms.push(format!("{refs} reference{}", if refs == 1 { "" } else { "s" }));
            }
            writeln!(
                out,
                "   • {} {}  {}",
                terminal_line(&a.name),
                self.paint(&format!("({what})"), dim),
                self.paint(&format!("as {}", forms.join(", ")), dim)
            )?;
        }
        Ok(())
    }
}

impl Renderer for TextRenderer {
    fn document(&mut self, out: &mut dyn Write, doc: &DocReport) -> io::Result<()> {
        let d = &doc.document;
        self.docs += 1;
        self.sentences += d.sentences;
        let bold = AStyle::new().effects(Effects::BOLD);
        let dim = AStyle::new().fg_color(Some(AnsiColor::BrightBlack.into()));
        let rule = "─".repeat(self.style.width.clamp(20, 100).saturating_sub(4));
        writeln!(out, "{}", self.paint(&format!("── {}", terminal_line(&d.id)), bold))?;
        if let Some(t) = &d.title {
            writeln!(out, "   {}", terminal_line(t))?;
        }
        let mut facts = Vec::new();
        if let Some(s) = &d.source {
            facts.push(terminal_line(s));
        }
        if let Some(p) = &d.published {
            facts.push(terminal_line(p));
        }
        if let Some(s) = &d.speaker {
            facts.push(format!("speaker: {}", terminal_line(s)));
        }
        facts.push(format!("{} · {} bytes · {} sentences", d.lang, d.bytes, d.sentences));
        writeln!(out, "   {}", self.paint(&facts.join(" · "), dim))?;
        if let Some(u) = &d.url {
            writeln!(out, "   {}", self.paint(&terminal_line(u), dim))?;
        }
        writeln!(out, "{}", self.paint(&rule, dim))?;
        self.actors(out, doc)?;
        writeln!(out)
    }

    fn finish(&mut self, out: &mut dyn Write, run: &RunReport) -> io::Result<()> {
        let errors = run.diagnostics.iter().filter(|d| d.is_error()).count();
        let warnings = run.diagnostics.iter().filter(|d| d.level == crate::diag::Level::Warning).count();
        let mut line = format!(
            "{} document{}, {} sentence{}",
            self.docs,
            if self.docs == 1 { "" } else { "s" },
            self.sentences,
            if self.sentences == 1 { "" } else { "s" }
        );
        if errors + warnings > 0 {
            line.push_str(&format!(
                "; {errors} error{}, {warnings} warning{} (on stderr)",
                if errors == 1 { "" } else { "s" },
                if warnings == 1 { "" } else { "s" }
            ));
        }
        writeln!(out, "{line}")
    }
}
