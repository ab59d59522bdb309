//! `attrib analyze`: read the inputs, run the pipeline on each document, render the report.

use super::{AnalyzeArgs, ColorChoice, ExitStatus, LangChoice};
use crate::diag::Diagnostic;
use crate::ingest::{self, Item, Options, Source};
use crate::lang::Lang;
use crate::pipeline;
use crate::render::{self, output::Output, RunReport, Style};
use crate::report::DocReport;
use anyhow::{bail, Result};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

pub fn run(args: AnalyzeArgs) -> Result<ExitStatus> {
    let mut paths = args.paths.clone();
    if paths.is_empty() {
        if std::io::stdin().is_terminal() {
            bail!(UsageError(
                "no input: name files or folders, or pipe text in (attrib analyze FILE..., or ... | attrib analyze)"
                    .into()
            ));
        }
        paths.push(PathBuf::from("-"));
    }
    let encoding = match &args.encoding {
        None => None,
        Some(label) => match encoding_rs::Encoding::for_label(label.trim().as_bytes()) {
            Some(e) => Some(e),
            None => bail!(UsageError(format!(
                "unknown encoding {label:?} (try utf-8, utf-16le, utf-16be, gbk, gb18030, big5)"
            ))),
        },
    };
    let settings = super::config::analyze_settings(&args)?;
    let encoding = match (encoding, &settings.encoding.0) {
        (Some(e), _) => Some(e),
        (None, Some(label)) => Some(
            encoding_rs::Encoding::for_label(label.trim().as_bytes())
                .ok_or_else(|| UsageError(format!("unknown encoding {label:?} in the configuration")))?,
        ),
        (None, None) => None,
    };
    let opts = Options {
        encoding,
        lang: match settings.lang.0 {
            LangChoice::Auto => None,
            LangChoice::En => Some(Lang::En),
            LangChoice::Zh => Some(Lang::Zh),
        },
        max_document_bytes: settings.max_document_bytes.0,
    };

    let weights = match &settings.weights.0 {
        Some(p) => crate::score::Weights::load(p)?,
        None => crate::score::Weights::default_weights(),
    };
    let (sources, mut diagnostics) = ingest::collect_sources(&paths);
    if let Some(dest) = &args.output {
        refuse_overwriting_input(dest, &sources)?;
    }
    let mut out = match &args.output {
        Some(dest) => Output::file(dest)?,
        None => Output::stdout(),
    };
    let style = Style { color: use_color(args.color, args.output.is_some()), width: terminal_width() };
    let mut renderer = render::renderer(args.format, style);
    let quiet = args.quiet;
    for d in &diagnostics {
        report_diagnostic(d, quiet);
    }

    let mut write_result = Ok(());
    let mut all_claims = Vec::new();
    let mut all_evidence = Vec::new();
    for source in &sources {
        ingest::read_source(source, &opts, &mut |item| match item {
            Item::Document(doc) => {
                if write_result.is_err() {
                    return;
                }
                let analysis = pipeline::analyze_document(&doc);
                for d in &analysis.diagnostics {
                    report_diagnostic(d, quiet);
                }
                diagnostics.extend(analysis.diagnostics.iter().cloned());
                let report = DocReport::from_analysis(&analysis);
                all_claims.extend(report.claims.iter().cloned());
                all_evidence.extend(report.evidence.iter().cloned());
                write_result = renderer.document(&mut out, &report);
            }
            Item::Diagnostic(d) => {
                report_diagnostic(&d, quiet);
                diagnostics.push(d);
            }
        });
        std::mem::replace(&mut write_result, Ok(()))?;
    }
    let errored = diagnostics.iter().any(Diagnostic::is_error);
    let assessments = crate::score::assess(&all_claims, &all_evidence, &weights);
    let matrices = crate::score::matrices(&assessments, &all_evidence, &weights);
    let run = RunReport { assessments, matrices, diagnostics };
    renderer.finish(&mut out, &run)?;
    out.commit()?;
    Ok(if errored { ExitStatus::Error } else { ExitStatus::Success })
}

/// An error in how attrib was called (exit 2, with a hint).
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

fn report_diagnostic(d: &Diagnostic, quiet: bool) {
    if d.level == crate::diag::Level::Info || (quiet && !d.is_error()) {
        return;
    }
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "attrib: {}", crate::sanitize::terminal_line(&d.to_string()));
}

fn use_color(choice: ColorChoice, to_file: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            !to_file
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var("TERM").map_or(true, |t| t != "dumb")
                && std::io::stdout().is_terminal()
        }
    }
}

fn terminal_width() -> usize {
    terminal_size::terminal_size().map_or(100, |(w, _)| (w.0 as usize).clamp(40, 160))
}

/// `--output` must not name one of the inputs: the report would destroy what it reads.
fn refuse_overwriting_input(dest: &Path, sources: &[Source]) -> Result<()> {
    let Ok(dest_c) = std::fs::canonicalize(dest) else {
        return Ok(()); // does not exist yet, so it is no input
    };
    for s in sources {
        if let Source::File(p) = s {
            if std::fs::canonicalize(p).is_ok_and(|c| c == dest_c) {
                bail!(UsageError(format!(
                    "--output {} is one of the inputs; refusing to overwrite it (choose another file)",
                    dest.display()
                )));
            }
        }
    }
    Ok(())
}
