//! `--format markdown`: a report that reads well on a code-hosting site — per document a table of
//! actors and one of claims with the quoted sentence, then the assessments with their factors.
//! All text from the inputs is escaped, so it cannot become markup, links or HTML.

use super::{Renderer, RunReport};
use crate::report::DocReport;
use crate::sanitize::markdown as md;
use std::io::{self, Write};

#[derive(Default)]
pub struct MarkdownRenderer {
    started: bool,
}

fn who(name: &Option<String>, country: &Option<String>) -> String {
    let n = name.as_deref().map(md).unwrap_or_else(|| "—".into());
    match country {
        Some(c) => format!("{n} ({c})"),
        None => n,
    }
}

fn quote(s: &str) -> String {
    let text: String = s.chars().take(280).collect();
    format!("> {}", md(&text))
}

impl Renderer for MarkdownRenderer {
    fn document(&mut self, out: &mut dyn Write, doc: &DocReport) -> io::Result<()> {
        if !self.started {
            self.started = true;
            writeln!(out, "# attrib report\n")?;
        }
        let d = &doc.document;
        writeln!(out, "## {}\n", md(d.title.as_deref().unwrap_or(&d.id)))?;
        let mut facts = vec![format!("`{}`", d.id.replace('`', "'"))];
        if let Some(s) = &d.source {
            facts.push(md(s));
        }
        if let Some(p) = &d.published {
            facts.push(md(p));
        }
        facts.push(format!("{} · {} sentences", d.lang, d.sentences));
        writeln!(out, "{}\n", facts.join(" · "))?;
        if !doc.actors.is_empty() {
            writeln!(out, "| actor | kind | country | named as |\n|---|---|---|---|")?;
            for a in &doc.actors {
                let forms: Vec<String> = a.aliases_seen.iter().map(|f| md(f)).collect();
                writeln!(
                    out,
                    "| {} | {} | {} | {} |",
                    md(&a.name),
                    a.kind,
                    a.country.as_deref().unwrap_or("—"),
                    forms.join(", ")
                )?;
            }
            writeln!(out)?;
        }
        if doc.claims.is_empty() {
            writeln!(out, "No claims found.\n")?;
        } else {
            writeln!(out, "| # | kind | claimant | accused | action | certainty | evidence | where |\n|---|---|---|---|---|---|---|---|")?;
            for (i, c) in doc.claims.iter().enumerate() {
                writeln!(
                    out,
                    "| {} | {} | {} | {} | {} | {} | {} | {}:{} |",
                    i + 1,
                    c.kind.replace('_', "-"),
                    who(&c.claimant_name, &c.claimant_country),
                    who(&c.accused_name, &c.accused_country),
                    c.action.replace('_', " "),
                    c.certainty,
                    if c.evidence.is_empty() { "—".to_string() } else { c.evidence.join(", ").replace('_', "-") },
                    c.span.line,
                    c.span.column
                )?;
            }
            writeln!(out)?;
            for (i, c) in doc.claims.iter().enumerate() {
                writeln!(out, "{}. **{}**\n\n   {}\n", i + 1, c.kind.replace('_', "-"), quote(&c.text))?;
            }
        }
        if !doc.indicators.is_empty() {
            writeln!(out, "| indicator | kind | where |\n|---|---|---|")?;
            for i in &doc.indicators {
                writeln!(
                    out,
                    "| `{}` | {} | {}:{} |",
                    i.value.replace('`', "'").replace('|', "\\|"),
                    i.kind,
                    i.span.line,
                    i.span.column
                )?;
            }
            writeln!(out)?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, run: &RunReport) -> io::Result<()> {
        if !self.started {
            writeln!(out, "# attrib report\n")?;
        }
        if !run.assessments.is_empty() {
            writeln!(out, "## Assessments\n")?;
            writeln!(out, "| hypothesis | score | band | stated certainty | summary |\n|---|---|---|---|---|")?;
            for a in &run.assessments {
                writeln!(
                    out,
                    "| {} — {} | {} | {} | {}{} | {} |",
                    who(&Some(a.actor_name.clone()), &a.country),
                    a.action.replace('_', " "),
                    a.score,
                    a.confidence,
                    a.stated_certainty,
                    a.estimative.as_deref().map(|e| format!(" ({})", md(e))).unwrap_or_default(),
                    md(&a.summary)
                )?;
            }
            writeln!(out)?;
            for a in &run.assessments {
                writeln!(out, "### {} — {} ({})\n", md(&a.actor_name), a.action.replace('_', " "), a.score)?;
                writeln!(out, "| factor | points | detail |\n|---|---|---|")?;
                for f in &a.factors {
                    writeln!(out, "| {} | {:+.1} | {} |", f.name, f.contribution, md(&f.detail))?;
                }
                writeln!(out)?;
            }
        }
        let problems: Vec<_> = run.diagnostics.iter().filter(|d| d.level != crate::diag::Level::Info).collect();
        if !problems.is_empty() {
            writeln!(out, "## Diagnostics\n")?;
            for d in problems {
                writeln!(out, "- {}", md(&d.to_string()))?;
            }
        }
        Ok(())
    }
}
