//! `attrib iocs`: the indicators of compromise in the inputs, as text, JSON Lines-friendly JSON
//! or CSV (cells that a spreadsheet would run as formulas are neutralised).

use super::{ExitStatus, IocsArgs};
use crate::diag::Diagnostic;
use crate::ingest::{self, Item, Options};
use crate::ioc::extractor;
use crate::render::output::Output;
use crate::sanitize::{csv_cell, terminal_line};
use anyhow::Result;
use serde::Serialize;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum IocFormat {
    Text,
    Json,
    Csv,
}

#[derive(Serialize)]
struct Row<'a> {
    doc: &'a str,
    kind: &'a str,
    value: &'a str,
    raw: &'a str,
    defanged: bool,
    line: usize,
    column: usize,
}

fn csv_field(s: &str) -> String {
    let s = csv_cell(s);
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.into_owned()
    }
}

pub fn run(args: IocsArgs) -> Result<ExitStatus> {
    let mut paths = args.paths.clone();
    if paths.is_empty() {
        if std::io::stdin().is_terminal() {
            anyhow::bail!(super::analyze::UsageError("no input: name files or folders, or pipe text in".into()));
        }
        paths.push(PathBuf::from("-"));
    }
    let ignore = super::config::load(&args.config)?.ioc_ignore()?;
    let (sources, mut diagnostics) = ingest::collect_sources(&paths);
    for d in &diagnostics {
        eprint_diag(d);
    }
    let mut out = match &args.output {
        Some(p) => Output::file(p)?,
        None => Output::stdout(),
    };
    if args.format == IocFormat::Csv {
        writeln!(out, "doc,kind,value,raw,defanged,line,column")?;
    }
    let mut json_rows: Vec<serde_json::Value> = Vec::new();
    let mut total = 0usize;
    let mut write_err = Ok(());
    // Indicators do not depend on the language: naming one skips detecting it per document.
    let opts = Options { lang: Some(crate::lang::Lang::En), ..Options::default() };
    for source in &sources {
        ingest::read_source(source, &opts, &mut |item| match item {
            Item::Document(doc) => {
                if write_err.is_err() {
                    return;
                }
                let index = crate::span::LineIndex::new(&doc.text);
                for i in extractor().extract(&doc.text) {
                    if ignore.iter().any(|r| r.is_match(&i.value)) {
                        continue;
                    }
                    total += 1;
                    let (line, column) = index.line_col(&doc.text, i.span.start);
                    let row = Row {
                        doc: &doc.id,
                        kind: i.kind.as_str(),
                        value: &i.value,
                        raw: &i.raw,
                        defanged: i.defanged,
                        line,
                        column,
                    };
                    let r = match args.format {
                        IocFormat::Text => writeln!(
                            out,
                            "{}:{}:{}\t{}\t{}{}",
                            terminal_line(&doc.id),
                            line,
                            column,
                            row.kind,
                            terminal_line(row.value),
                            if row.defanged {
                                format!("\t(written {})", terminal_line(row.raw))
                            } else {
                                String::new()
                            }
                        ),
                        IocFormat::Csv => writeln!(
                            out,
                            "{},{},{},{},{},{},{}",
                            csv_field(row.doc),
                            row.kind,
                            csv_field(row.value),
                            csv_field(row.raw),
                            row.defanged,
                            line,
                            column
                        ),
                        IocFormat::Json => {
                            json_rows.push(serde_json::to_value(&row).unwrap_or_default());
                            Ok(())
                        }
                    };
                    if r.is_err() {
                        write_err = r;
                        return;
                    }
                }
            }
            Item::Diagnostic(d) => {
                eprint_diag(&d);
                diagnostics.push(d);
            }
        });
        std::mem::replace(&mut write_err, Ok(()))?;
    }
    if args.format == IocFormat::Json {
        serde_json::to_writer_pretty(&mut out, &serde_json::json!({ "indicators": json_rows }))?;
        writeln!(out)?;
    }
    out.commit()?;
    if total == 0 && args.format == IocFormat::Text && !args.quiet {
        let _ = writeln!(std::io::stderr(), "attrib: no indicators found");
    }
    Ok(if diagnostics.iter().any(Diagnostic::is_error) { ExitStatus::Error } else { ExitStatus::Success })
}

fn eprint_diag(d: &Diagnostic) {
    if d.level != crate::diag::Level::Info {
        let _ = writeln!(std::io::stderr(), "attrib: {}", terminal_line(&d.to_string()));
    }
}
