//! `attrib diff OLD.json NEW.json`.

use super::{DiffArgs, ExitStatus};
use crate::diff::{diff, key};
use crate::report::Report;
use crate::sanitize::terminal_line;
use anyhow::{Context, Result};
use std::io::Write;
use std::path::Path;

fn read(path: &Path) -> Result<Report> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {}", path.display(), crate::ingest::io_message(&e)))?;
    let r: Report = serde_json::from_str(&text).map_err(|e| {
        anyhow::anyhow!("{}:{}:{}: not an attrib JSON report: {e}", path.display(), e.line(), e.column())
    })?;
    if r.schema_version != crate::report::SCHEMA_VERSION {
        anyhow::bail!(
            "{}: schema_version {} (this attrib reads {})",
            path.display(),
            r.schema_version,
            crate::report::SCHEMA_VERSION
        );
    }
    Ok(r)
}

pub fn run(args: DiffArgs) -> Result<ExitStatus> {
    let old = read(&args.old).context("old report")?;
    let new = read(&args.new).context("new report")?;
    let d = diff(&old, &new);
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &d)?;
        writeln!(out)?;
    } else {
        for c in &d.added {
            writeln!(
                out,
                "+ {}  ({}:{})  {}",
                terminal_line(&key(c)),
                c.span.line,
                c.span.column,
                terminal_line(&c.text.chars().take(100).collect::<String>())
            )?;
        }
        for c in &d.removed {
            writeln!(out, "- {}  ({}:{})", terminal_line(&key(c)), c.span.line, c.span.column)?;
        }
        for (k, what) in &d.changed {
            writeln!(out, "~ {}: {}", terminal_line(k), terminal_line(&what.join("; ")))?;
        }
        for (id, a, b) in &d.scores {
            let show = |x: &Option<u32>| x.map_or("-".to_string(), |v| v.to_string());
            writeln!(out, "score {}: {} -> {}", terminal_line(id), show(a), show(b))?;
        }
        writeln!(
            out,
            "{} added, {} removed, {} changed, {} score change(s)",
            d.added.len(),
            d.removed.len(),
            d.changed.len(),
            d.scores.len()
        )?;
    }
    Ok(ExitStatus::Success)
}
