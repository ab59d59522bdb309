//! `attrib check`: validate a curated dataset, analyse it, compare with its labels, and fail
//! (exit 1) below the thresholds.

use super::{CheckArgs, ExitStatus};
use crate::check::dataset;
use crate::check::metrics::Counts;
use crate::check::run::{run as run_check, Outcome};
use crate::ingest::Options;
use crate::sanitize::terminal_line;
use anyhow::Result;
use std::io::Write;

pub fn run(args: CheckArgs) -> Result<ExitStatus> {
    let settings = super::config::check_settings(&args)?;
    let today = chrono::Utc::now().date_naive();
    let labels = settings.labels.0.as_ref().map(|l| {
        let p = std::path::PathBuf::from(l);
        if settings.labels.1 == crate::config::Source::Flag || p.is_absolute() {
            p
        } else {
            args.dataset.join(p)
        }
    });
    let (ds, problems) = dataset::load(&args.dataset, labels.as_deref(), today);
    let mut err = std::io::stderr().lock();
    for p in &problems {
        writeln!(err, "attrib: error: {}", terminal_line(&p.to_string()))?;
    }
    if !problems.is_empty() && args.format == CheckFormat::Github {
        let mut out = std::io::stdout().lock();
        for p in &problems {
            writeln!(out, "{}", crate::check::format::github_problem(p))?;
        }
    }
    if !problems.is_empty() {
        writeln!(err, "attrib: the dataset has {} problem(s); fix them and run again", problems.len())?;
        return Ok(ExitStatus::Error);
    }
    let weights = match &args.weights {
        Some(p) => crate::score::Weights::load(p)?,
        None => crate::score::Weights::default_weights(),
    };
    let outcome = run_check(&ds, &Options::default(), &weights);
    let mut out = std::io::stdout().lock();
    match args.format {
        CheckFormat::Text => write_text(&mut out, &outcome, args.verbose)?,
        CheckFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &outcome)?;
            writeln!(out)?;
        }
        CheckFormat::Junit => crate::check::format::junit(&mut out, &ds, &outcome)?,
        CheckFormat::Github => crate::check::format::github(&mut out, &ds, &outcome)?,
    }
    let mut failures = thresholds(&settings, &outcome);
    let current = crate::check::baseline::Baseline {
        attrib_version: crate::VERSION.to_string(),
        metrics: outcome.metrics.clone(),
        scores: outcome.scores.clone(),
    };
    if let Some(path) = &args.baseline {
        let text = std::fs::read_to_string(path).map_err(|e| {
            anyhow::anyhow!("cannot read baseline {}: {}", path.display(), crate::ingest::io_message(&e))
        })?;
        let base: crate::check::baseline::Baseline = serde_json::from_str(&text)
            .map_err(|e| anyhow::anyhow!("baseline {}:{}:{}: {}", path.display(), e.line(), e.column(), e))?;
        failures.extend(crate::check::baseline::compare(&base, &current, args.max_score_drift));
    }
    if let Some(path) = &args.write_baseline {
        let mut w = crate::render::output::Output::file(path)?;
        serde_json::to_writer_pretty(&mut w, &current)?;
        writeln!(w)?;
        w.commit()?;
    }
    for f in &failures {
        writeln!(err, "attrib: threshold failed: {f}")?;
        if args.format == CheckFormat::Github {
            writeln!(out, "::error title=attrib check::threshold failed: {}", crate::check::format::escape_data(f))?;
        }
    }
    Ok(if failures.is_empty() { ExitStatus::Success } else { ExitStatus::CheckFailed })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// A table of metrics, then the missed and unexpected claims.
    Text,
    /// The metrics and every document's outcome as JSON.
    Json,
    /// JUnit XML: one test case per document.
    Junit,
    /// GitHub Actions workflow commands (::error annotations).
    Github,
}

fn thresholds(t: &super::config::CheckSettings, o: &Outcome) -> Vec<String> {
    let mut out = Vec::new();
    let m = &o.metrics.overall;
    let mut test = |name: &str, got: f64, min: Option<f64>| {
        if let Some(min) = min {
            if got + 1e-9 < min {
                out.push(format!("{name} {got:.3} < {min:.3}"));
            }
        }
    };
    test("F1", m.f1(), t.min_f1.0);
    test("precision", m.precision(), t.min_precision.0);
    test("recall", m.recall(), t.min_recall.0);
    for (kind, (min, _)) in &t.min_kind_f1 {
        let got = o.metrics.by_kind.get(kind).copied().unwrap_or_default().f1();
        if got + 1e-9 < *min {
            out.push(format!("{kind} F1 {got:.3} < {min:.3}"));
        }
    }
    out
}

fn row(out: &mut dyn Write, name: &str, c: &Counts) -> std::io::Result<()> {
    writeln!(
        out,
        "  {name:<20} {:>5.3} {:>6.3} {:>5.3}   {:>3} {:>3} {:>3}",
        c.precision(),
        c.recall(),
        c.f1(),
        c.tp,
        c.fp,
        c.fn_
    )
}

fn write_text(out: &mut dyn Write, o: &Outcome, verbose: bool) -> std::io::Result<()> {
    writeln!(out, "  {:<20} {:>5} {:>6} {:>5}   {:>3} {:>3} {:>3}", "kind", "P", "R", "F1", "tp", "fp", "fn")?;
    for (k, c) in &o.metrics.by_kind {
        row(out, k, c)?;
    }
    row(out, "overall", &o.metrics.overall)?;
    writeln!(
        out,
        "  evidence-kind F1 {:.3}; certainty accuracy {:.3} ({} of {})",
        o.metrics.evidence.f1(),
        o.metrics.certainty_accuracy(),
        o.metrics.certainty_correct,
        o.metrics.certainty_matched
    )?;
    for d in &o.docs {
        if d.passed() && !verbose {
            continue;
        }
        for (l, at) in d.missed.iter().zip(&d.missed_at) {
            let place = match at {
                Some((line, col)) => format!("{}:{line}:{col}", d.doc),
                None => d.doc.clone(),
            };
            writeln!(
                out,
                "missed      {} {}: {} ({}) -> {} ({}) | {}",
                terminal_line(&place),
                l.kind,
                terminal_line(l.claimant.as_deref().unwrap_or("-")),
                l.claimant_country.as_deref().unwrap_or("-"),
                terminal_line(l.accused.as_deref().unwrap_or("-")),
                l.accused_country.as_deref().unwrap_or("-"),
                terminal_line(l.anchor.as_deref().unwrap_or(""))
            )?;
        }
        for c in &d.unexpected {
            writeln!(
                out,
                "unexpected  {}:{}:{} {}: {} ({}) -> {} ({}) | {}",
                terminal_line(&d.doc),
                c.span.line,
                c.span.column,
                c.kind,
                terminal_line(c.claimant_name.as_deref().unwrap_or("-")),
                c.claimant_country.as_deref().unwrap_or("-"),
                terminal_line(c.accused_name.as_deref().unwrap_or("-")),
                c.accused_country.as_deref().unwrap_or("-"),
                terminal_line(&c.text.chars().take(120).collect::<String>())
            )?;
        }
    }
    Ok(())
}
