//! `attrib analyze`: read the inputs, run the pipeline on each document, render the report.

use super::{AnalyzeArgs, ColorChoice, ExitStatus, LangChoice};
use crate::diag::Diagnostic;
use crate::ingest::{self, Item, Options, Source};
use crate::lang::Lang;
use crate::parallel::OrderedPool;
use crate::pipeline;
use crate::render::{self, output::Output, RunReport, Style};
use crate::report::DocReport;
use anyhow::{bail, Result};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Text read ahead of what is written: the documents being analysed and those done but
/// waiting for an earlier one. Workers return their freed memory after each half of it.
const IN_FLIGHT_BYTES: usize = 1024 * 1024;
/// Output is flushed, and the writing thread's freed memory returned, after this much text.
const FLUSH_BYTES: usize = 512 * 1024;

pub fn run(args: AnalyzeArgs) -> Result<ExitStatus> {
    pipeline::warm_up();
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
    let ignore = std::sync::Arc::new(super::config::load(&args.config)?.ioc_ignore()?);
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

    // Documents are analysed in parallel, each taken by the next free worker as it is read,
    // and written in input order, so the output is the same bytes whatever the thread count.
    // Memory is bounded by the text in flight (`IN_FLIGHT_BYTES`) and the run scorer's budget:
    // a document's text and report are dropped once it is written.
    let threads = match args.threads.unwrap_or(0) {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    let format = args.format;
    let mut scorer = crate::score::RunScorer::new(&weights, SCORER_MEMORY);
    let mut written = 0usize;
    let mut write = |d: Done, out: &mut Output, scorer: &mut crate::score::RunScorer| -> Result<()> {
        match d {
            Done::Document { diags, report, rendered, records, bytes } => {
                for d in &diags {
                    report_diagnostic(d, quiet);
                }
                diagnostics.extend(diags);
                match (&rendered, &report) {
                    (Some(r), _) => renderer.document_prerendered(out, r)?,
                    (None, Some(report)) => renderer.document(out, report)?,
                    (None, None) => {}
                }
                scorer.add(records)?;
                // Output goes out, and freed memory back, every so many bytes of text.
                written += bytes;
                if written >= FLUSH_BYTES {
                    written = 0;
                    out.flush()?;
                    crate::alloc::give_back_memory();
                }
            }
            Done::Diagnostic(d) => {
                report_diagnostic(&d, quiet);
                diagnostics.push(d);
            }
        }
        Ok(())
    };
    // Until a second document comes, the first waits here: one short statement is analysed
    // sooner than threads start.
    let mut held: Vec<Item> = Vec::new();
    let mut pool: Option<OrderedPool<Item, Done>> = None;
    let mut documents = 0usize;
    let progress = progress_bar(&sources, quiet);
    for source in &sources {
        progress.inc(1);
        let mut failed: Result<()> = Ok(());
        ingest::read_source(source, &opts, &mut |item| {
            if failed.is_err() {
                return;
            }
            if let Item::Document(_) = &item {
                documents += 1;
            }
            let mut sink = |d: Done| write(d, &mut out, &mut scorer);
            failed = (|| {
                if threads == 1 {
                    return sink(analyse_item(item, format, &ignore));
                }
                held.push(item);
                if pool.is_none() && documents < 2 {
                    return Ok(());
                }
                let p = pool.get_or_insert_with(|| {
                    let ignore = std::sync::Arc::clone(&ignore);
                    OrderedPool::new(
                        threads,
                        IN_FLIGHT_BYTES,
                        move |item| analyse_item(item, format, &ignore),
                        crate::alloc::give_back_memory,
                    )
                });
                for item in held.drain(..) {
                    let weight = if let Item::Document(d) = &item { d.text.len() } else { 0 };
                    p.push(item, weight, &mut sink)?;
                }
                Ok(())
            })();
        });
        failed?;
    }
    {
        let mut sink = |d: Done| write(d, &mut out, &mut scorer);
        match pool.take() {
            Some(p) => p.finish(&mut sink)?,
            None => {
                for item in held.drain(..) {
                    sink(analyse_item(item, format, &ignore))?;
                }
            }
        }
    }
    out.flush()?;
    // The final scoring runs in a pool of its own when there was more than one document.
    let pool: Option<rayon::ThreadPool> = if threads > 1 && documents > 1 {
        Some(rayon::ThreadPoolBuilder::new().num_threads(threads).build()?)
    } else {
        None
    };
    progress.finish_and_clear();
    let errored = diagnostics.iter().any(Diagnostic::is_error);
    let mut collected = crate::score::Collected::default();
    // The final scoring is where resident memory peaks: it starts from a collected heap and
    // returns what it frees at once.
    crate::alloc::purge_at_once();
    crate::alloc::give_back_memory();
    if renderer.streams_assessments() {
        scorer.finish_in(pool.as_ref(), &mut Streamed { renderer: &mut *renderer, out: &mut out, format })?;
    } else {
        scorer.finish_in(pool.as_ref(), &mut collected)?;
    }
    let run = RunReport { assessments: collected.assessments, matrices: collected.matrices, diagnostics };
    renderer.finish(&mut out, &run)?;
    out.commit()?;
    Ok(if errored { ExitStatus::Error } else { ExitStatus::Success })
}

/// Run results written as they are made, by a format that streams them.
struct Streamed<'a> {
    renderer: &'a mut dyn render::Renderer,
    out: &'a mut Output,
    format: render::Format,
}

impl crate::score::RunSink for Streamed<'_> {
    fn assessment(&mut self, a: crate::report::AssessmentOut) -> std::io::Result<()> {
        self.renderer.assessment(self.out, &a)
    }
    fn renderer(&self) -> Option<fn(&crate::report::AssessmentOut) -> Vec<u8>> {
        render::assessment_renderer(self.format)
    }
    fn assessment_rendered(&mut self, bytes: Vec<u8>) -> std::io::Result<()> {
        self.renderer.assessment_rendered(self.out, &bytes)
    }
    fn matrix(&mut self, action: &str, hypotheses: Vec<String>, names: Vec<String>) -> std::io::Result<()> {
        self.renderer.matrix(self.out, action, &hypotheses, &names)
    }
    fn matrix_row(&mut self, row: crate::report::MatrixRowOut) -> std::io::Result<()> {
        self.renderer.matrix_row(self.out, &row)
    }
    fn matrix_end(&mut self) -> std::io::Result<()> {
        self.renderer.matrix_end(self.out)
    }
    fn between(&mut self) -> std::io::Result<()> {
        self.out.flush()?;
        crate::alloc::give_back_memory();
        Ok(())
    }
}

/// Run-level records kept in memory before the rest go to a temporary file.
const SCORER_MEMORY: usize = 4 << 20;

/// A document analysed, ready to write; or a diagnostic, kept in its place in the input order.
enum Done {
    Document {
        diags: Vec<Diagnostic>,
        /// The report, for formats that cannot be written ahead.
        report: Option<Box<DocReport>>,
        rendered: Option<render::Prerendered>,
        records: crate::score::DocRecords,
        /// Bytes of its text.
        bytes: usize,
    },
    Diagnostic(Diagnostic),
}

/// Analyses one item: a document's report, rendered ahead when the format allows, and its
/// records for the run's scoring. Indicators matching an `ignore` pattern of the
/// configuration are left out.
fn analyse_item(item: Item, format: render::Format, ignore: &[regex::Regex]) -> Done {
    match item {
        Item::Diagnostic(d) => Done::Diagnostic(d),
        Item::Document(doc) => {
            let bytes = doc.text.len();
            let a = pipeline::analyze(doc);
            let mut report = DocReport::from_analysis(&a);
            drop(a.doc);
            if !ignore.is_empty() {
                report.indicators.retain(|i| !ignore.iter().any(|r| r.is_match(&i.value)));
            }
            let records = crate::score::DocRecords::new(&report.claims, &report.evidence);
            let rendered = render::prerender(format, &report);
            Done::Document {
                diags: a.diagnostics,
                report: if rendered.is_some() { None } else { Some(Box::new(report)) },
                rendered,
                records,
                bytes,
            }
        }
    }
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
