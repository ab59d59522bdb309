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

/// A batch is analysed in parallel once it holds this many documents or bytes.
const BATCH_DOCUMENTS: usize = 256;
const BATCH_BYTES: usize = 8 * 1024 * 1024;

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
    let ignore = super::config::load(&args.config)?.ioc_ignore()?;
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

    let mut all_claims = Vec::new();
    let mut all_evidence = Vec::new();
    // Documents are analysed in parallel in batches and rendered in input order, so the output
    // is the same bytes whatever the thread count, and memory is bounded by one batch.
    let pool = rayon::ThreadPoolBuilder::new().num_threads(args.threads.unwrap_or(0)).build()?;
    let mut batch: Vec<Item> = Vec::new();
    let mut batch_bytes = 0usize;
    let mut flush = |batch: &mut Vec<Item>, out: &mut Output| -> Result<()> {
        let docs: Vec<&ingest::Document> = batch
            .iter()
            .filter_map(|i| match i {
                Item::Document(d) => Some(d),
                Item::Diagnostic(_) => None,
            })
            .collect();
        let reports: Vec<(Vec<Diagnostic>, DocReport)> = pool.install(|| {
            use rayon::prelude::*;
            docs.par_iter()
                .map(|d| {
                    let a = pipeline::analyze_document(d);
                    (a.diagnostics.clone(), DocReport::from_analysis(&a))
                })
                .collect()
        });
        let mut reports = reports.into_iter();
        for item in batch.drain(..) {
            match item {
                Item::Document(_) => {
                    let Some((diags, mut report)) = reports.next() else { continue };
                    report.indicators.retain(|i| !ignore.iter().any(|r| r.is_match(&i.value)));
                    for d in &diags {
                        report_diagnostic(d, quiet);
                    }
                    diagnostics.extend(diags);
                    all_claims.extend(report.claims.iter().cloned());
                    all_evidence.extend(report.evidence.iter().cloned());
                    renderer.document(out, &report)?;
                }
                Item::Diagnostic(d) => {
                    report_diagnostic(&d, quiet);
                    diagnostics.push(d);
                }
            }
        }
        Ok(())
    };
    let progress = progress_bar(&sources, quiet);
    for source in &sources {
        progress.inc(1);
        let mut failed: Result<()> = Ok(());
        ingest::read_source(source, &opts, &mut |item| {
            if failed.is_err() {
                return;
            }
            if let Item::Document(d) = &item {
                batch_bytes += d.text.len();
            }
            batch.push(item);
            if batch.len() >= BATCH_DOCUMENTS || batch_bytes >= BATCH_BYTES {
                batch_bytes = 0;
                failed = flush(&mut batch, &mut out);
            }
        });
        failed?;
    }
    flush(&mut batch, &mut out)?;
    progress.finish_and_clear();
    let errored = diagnostics.iter().any(Diagnostic::is_error);
    let assessments = crate::score::assess(&all_claims, &all_evidence, &weights);
    let matrices = crate::score::matrices(&assessments, &all_evidence, &weights);
    let run = RunReport { assessments, matrices, diagnostics };
    renderer.finish(&mut out, &run)?;
    out.commit()?;
    Ok(if errored { ExitStatus::Error } else { ExitStatus::Success })
}

/// A progress bar on standard error for long runs (many files or many megabytes), drawn only
/// when standard error is a terminal: never in pipes or CI logs.
fn progress_bar(sources: &[Source], quiet: bool) -> indicatif::ProgressBar {
    let bytes: u64 = sources
        .iter()
        .filter_map(|s| match s {
            Source::File(p) => std::fs::metadata(p).ok().map(|m| m.len()),
            Source::Stdin => None,
        })
        .sum();
    let long = sources.len() >= 50 || bytes >= 50 * 1024 * 1024;
    if quiet || !long || !std::io::stderr().is_terminal() || std::env::var_os("CI").is_some() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(sources.len() as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{spinner} {pos}/{len} inputs [{elapsed_precise}] {wide_bar}")
    {
        bar.set_style(style);
    }
    bar
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
