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

impl TextRenderer {
    /// Claims as threads: each accusation (or other opening claim), then what answers it.
    fn claims(&self, out: &mut dyn Write, doc: &DocReport) -> io::Result<()> {
        let bold = AStyle::new().effects(Effects::BOLD);
        if doc.claims.is_empty() {
            return writeln!(out, "   No claims found.");
        }
        writeln!(out, "   {}", self.paint("Claims", bold))?;
        let mut shown = vec![false; doc.claims.len()];
        for (i, c) in doc.claims.iter().enumerate() {
            if !c.responds_to.is_empty() && doc.claims.iter().any(|o| c.responds_to.contains(&o.id)) {
                continue;
            }
            self.claim(out, doc, i, 0, &mut shown)?;
        }
        for i in 0..doc.claims.len() {
            if !shown[i] {
                self.claim(out, doc, i, 0, &mut shown)?;
            }
        }
        Ok(())
    }

    fn claim(
        &self,
        out: &mut dyn Write,
        doc: &DocReport,
        i: usize,
        depth: usize,
        shown: &mut [bool],
    ) -> io::Result<()> {
        if shown[i] || depth > 4 {
            return Ok(());
        }
        shown[i] = true;
        let c = &doc.claims[i];
        let dim = AStyle::new().fg_color(Some(AnsiColor::BrightBlack.into()));
        let color = match c.kind.as_str() {
            "accusation" | "counter_accusation" => AnsiColor::Red,
            "denial" | "minimization" => AnsiColor::Green,
            "responsibility" => AnsiColor::Magenta,
            _ => AnsiColor::Cyan,
        };
        let kind_style = AStyle::new().fg_color(Some(color.into())).effects(Effects::BOLD);
        let indent = "   ".repeat(depth + 1);
        let arrow = if depth > 0 { "\u{21b3} " } else { "\u{2022} " };
        let who = |name: &Option<String>, country: &Option<String>| -> String {
            let n = name.as_deref().map(terminal_line).unwrap_or_else(|| "(unnamed)".to_string());
            match country {
                Some(cc) => format!("{n} [{cc}]"),
                None => n,
            }
        };
        let mut head = format!(
            "{} \u{2192} {}",
            who(&c.claimant_name, &c.claimant_country),
            who(&c.accused_name, &c.accused_country)
        );
        if let Some(s) = &c.accused_sponsor {
            head.push_str(&format!(" (sponsor: {})", terminal_line(s)));
        }
        writeln!(out, "{indent}{arrow}{} {head}", self.paint(&c.kind.replace('_', "-"), kind_style))?;
        let mut facts = vec![format!("action: {}", c.action), format!("certainty: {}", c.certainty)];
        if !c.cue.is_empty() {
            facts.push(format!("cues: {}", c.cue.iter().map(|w| terminal_line(w)).collect::<Vec<_>>().join(", ")));
        }
        if !c.targets.is_empty() {
            facts.push(format!(
                "targets: {}",
                c.targets.iter().map(|w| terminal_line(w)).collect::<Vec<_>>().join("; ")
            ));
        }
        if !c.evidence.is_empty() {
            facts.push(format!("evidence: {}", c.evidence.join(", ")));
        }
        let pad = format!("{indent}    ");
        writeln!(out, "{pad}{}", self.paint(&facts.join(" \u{b7} "), dim))?;
        let place = format!("--> {}:{}:{}", terminal_line(&doc.document.id), c.span.line, c.span.column);
        let more = if c.spans.len() > 1 { format!(" (+{} more)", c.spans.len() - 1) } else { String::new() };
        writeln!(out, "{pad}{}", self.paint(&format!("{place}{more}"), dim))?;
        let width = self.style.width.saturating_sub(pad.chars().count() + 4).max(30);
        for line in wrap(&terminal_line(&c.text), width) {
            writeln!(out, "{pad}\u{2502} {line}")?;
        }
        for (j, o) in doc.claims.iter().enumerate() {
            if o.responds_to.contains(&c.id) {
                self.claim(out, doc, j, depth + 1, shown)?;
            }
        }
        Ok(())
    }
}

impl TextRenderer {
    fn indicators(&self, out: &mut dyn Write, doc: &DocReport) -> io::Result<()> {
        if doc.indicators.is_empty() {
            return Ok(());
        }
        let bold = AStyle::new().effects(Effects::BOLD);
        let dim = AStyle::new().fg_color(Some(AnsiColor::BrightBlack.into()));
        writeln!(out, "   {}", self.paint("Indicators", bold))?;
        for i in &doc.indicators {
            let defanged = if i.defanged { format!(" (written {})", terminal_line(&i.raw)) } else { String::new() };
            writeln!(
                out,
                "   \u{2022} {:<16} {}{}  {}",
                i.kind,
                terminal_line(&i.value),
                defanged,
                self.paint(&format!("{}:{}", i.span.line, i.span.column), dim)
            )?;
        }
        Ok(())
    }
}

impl TextRenderer {
    /// Each hypothesis with its score, band, a small bar and its largest factors.
    fn assessments(&self, out: &mut dyn Write, run: &RunReport) -> io::Result<()> {
        if run.assessments.is_empty() {
            return Ok(());
        }
        let bold = AStyle::new().effects(Effects::BOLD);
        let dim = AStyle::new().fg_color(Some(AnsiColor::BrightBlack.into()));
        writeln!(
            out,
            "{}",
            self.paint("Assessments (score 0\u{2013}100 weighs the evidence; certainty is the claimant's own)", bold)
        )?;
        for a in &run.assessments {
            let filled = (a.score as usize).div_ceil(10);
            let bar = format!("{}{}", "\u{2588}".repeat(filled), "\u{2591}".repeat(10 - filled));
            let color = match a.confidence.as_str() {
                "high" => AnsiColor::Green,
                "moderate" => AnsiColor::Yellow,
                "low" => AnsiColor::Red,
                _ => AnsiColor::BrightBlack,
            };
            let who = match &a.country {
                Some(c) => format!("{} [{c}]", terminal_line(&a.actor_name)),
                None => terminal_line(&a.actor_name),
            };
            writeln!(
                out,
                "  {} {:>3} {:<8} {} \u{2014} {}",
                self.paint(&bar, AStyle::new().fg_color(Some(color.into()))),
                a.score,
                a.confidence,
                who,
                a.action.replace('_', " ")
            )?;
            let mut certainty = format!("stated certainty: {}", a.stated_certainty);
            if let Some(e) = &a.estimative {
                certainty.push_str(&format!(" ({e})"));
            }
            writeln!(out, "      {}", self.paint(&certainty, dim))?;
            let mut top: Vec<&crate::report::FactorOut> = a.factors.iter().collect();
            top.sort_by(|x, y| {
                y.contribution.abs().partial_cmp(&x.contribution.abs()).unwrap_or(std::cmp::Ordering::Equal)
            });
            for f in top.into_iter().take(5) {
                let place = match (&f.doc, &f.span) {
                    (Some(d), Some(s)) => format!("  {}:{}:{}", terminal_line(d), s.line, s.column),
                    _ => String::new(),
                };
                writeln!(
                    out,
                    "      {:>+6.1}  {}{}",
                    f.contribution,
                    terminal_line(&f.detail),
                    self.paint(&place, dim)
                )?;
            }
            writeln!(out, "      {}", terminal_line(&a.summary))?;
        }
        for m in &run.matrices {
            writeln!(out)?;
            writeln!(out, "{}", self.paint(&format!("Competing hypotheses: {}", m.action.replace('_', " ")), bold))?;
            let names: Vec<String> =
                m.hypothesis_names.iter().map(|n| terminal_line(n).chars().take(18).collect()).collect();
            writeln!(
                out,
                "  {:<40} {:>6}  {}",
                "evidence",
                "weight",
                names.iter().map(|n| format!("{n:<18}")).collect::<String>()
            )?;
            for r in &m.rows {
                let label: String = format!("{}: {}", r.kind, terminal_line(&r.cue)).chars().take(40).collect();
                let cells: String = r
                    .cells
                    .iter()
                    .map(|c| {
                        let mark = match c.as_str() {
                            "consistent" => "C consistent",
                            "inconsistent" => "I inconsistent",
                            _ => "\u{b7}",
                        };
                        format!("{mark:<18}")
                    })
                    .collect();
                writeln!(out, "  {label:<40} {:>6.2}  {cells}", r.weight)?;
            }
        }
        writeln!(out)
    }
}

/// Greedy word wrap by characters (CJK text, having no spaces, is cut at the width).
fn wrap(s: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut len = 0;
    for word in s.split(' ') {
        let w = word.chars().count();
        if len > 0 && len + 1 + w > width {
            lines.push(std::mem::take(&mut line));
            len = 0;
        }
        if len > 0 {
            line.push(' ');
            len += 1;
        }
        if w > width {
            for ch in word.chars() {
                if len >= width {
                    lines.push(std::mem::take(&mut line));
                    len = 0;
                }
                line.push(ch);
                len += 1;
            }
        } else {
            line.push_str(word);
            len += w;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
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
        self.claims(out, doc)?;
        self.indicators(out, doc)?;
        writeln!(out)
    }

    fn finish(&mut self, out: &mut dyn Write, run: &RunReport) -> io::Result<()> {
        self.assessments(out, run)?;
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
