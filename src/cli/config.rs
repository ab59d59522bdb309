//! Merging `attrib.toml` with the command line, and `attrib config`, which prints every
//! effective value with where it came from.

use super::{AnalyzeArgs, CheckArgs, ConfigArgs, ConfigOnlyArgs, ExitStatus, LangChoice};
use crate::config::{self, pick, Loaded, Source};
use anyhow::{bail, Result};
use clap::ValueEnum;
use std::collections::BTreeMap;
use std::io::Write;

pub fn load(args: &ConfigArgs) -> Result<Loaded> {
    config::load(args.config.as_deref(), args.no_config)
}

/// The effective `analyze` settings.
pub struct AnalyzeSettings {
    pub weights: (Option<std::path::PathBuf>, Source),
    pub lang: (LangChoice, Source),
    pub encoding: (Option<String>, Source),
    pub max_document_bytes: (usize, Source),
}

pub fn analyze_settings(args: &AnalyzeArgs) -> Result<AnalyzeSettings> {
    let loaded = load(&args.config)?;
    let mut s = analyze_from(args.lang, args.encoding.clone(), args.max_document_bytes, &loaded)?;
    if args.weights.is_some() {
        s.weights = (args.weights.clone(), Source::Flag);
    }
    Ok(s)
}

fn analyze_from(
    lang: Option<LangChoice>,
    encoding: Option<String>,
    max: Option<usize>,
    loaded: &Loaded,
) -> Result<AnalyzeSettings> {
    let file_lang = match &loaded.file.analyze.lang {
        Some(l) => match LangChoice::from_str(l, true) {
            Ok(v) => Some(v),
            Err(_) => bail!("{}: [analyze] lang must be auto, en or zh, not {l:?}", loaded.source()),
        },
        None => None,
    };
    let (lang, lang_src) = pick(lang, file_lang, loaded);
    let (encoding, enc_src) = pick(encoding, loaded.file.analyze.encoding.clone(), loaded);
    let (max, max_src) = pick(max, loaded.file.analyze.max_document_bytes, loaded);
    // A weights file named in the configuration is relative to the configuration's folder.
    let weights = loaded.file.analyze.weights.as_ref().map(|w| {
        let dir = loaded.path.as_ref().and_then(|p| p.parent()).map(|p| p.to_path_buf()).unwrap_or_default();
        dir.join(w)
    });
    let weights_src = if weights.is_some() { loaded.source() } else { Source::Default };
    Ok(AnalyzeSettings {
        weights: (weights, weights_src),
        lang: (lang.unwrap_or(LangChoice::Auto), lang_src),
        encoding: (encoding, enc_src),
        max_document_bytes: (max.unwrap_or(64 * 1024 * 1024), max_src),
    })
}

/// The effective `check` thresholds.
pub struct CheckSettings {
    pub min_f1: (Option<f64>, Source),
    pub min_precision: (Option<f64>, Source),
    pub min_recall: (Option<f64>, Source),
    pub min_kind_f1: BTreeMap<String, (f64, Source)>,
    pub labels: (Option<String>, Source),
}

pub fn check_settings(args: &CheckArgs) -> Result<CheckSettings> {
    let loaded = load(&args.config)?;
    let c = &loaded.file.check;
    let mut kinds: BTreeMap<String, (f64, Source)> =
        c.min_kind_f1.iter().map(|(k, v)| (k.clone(), (*v, loaded.source()))).collect();
    for spec in &args.min_kind_f1 {
        let Some((kind, v)) = spec.split_once('=') else {
            bail!(super::analyze::UsageError(format!("--min-kind-f1 takes KIND=X, not {spec:?}")));
        };
        let Ok(v) = v.trim().parse::<f64>() else {
            bail!(super::analyze::UsageError(format!("--min-kind-f1 {spec:?}: {v:?} is not a number")));
        };
        kinds.insert(kind.trim().to_string(), (v, Source::Flag));
    }
    for k in kinds.keys() {
        if !crate::check::dataset::KINDS.contains(&k.as_str()) {
            bail!(super::analyze::UsageError(format!("unknown claim kind {k:?} in a per-kind threshold")));
        }
    }
    Ok(CheckSettings {
        min_f1: pick(args.min_f1, c.min_f1, &loaded),
        min_precision: pick(args.min_precision, c.min_precision, &loaded),
        min_recall: pick(args.min_recall, c.min_recall, &loaded),
        min_kind_f1: kinds,
        labels: pick(args.labels.as_ref().map(|p| p.display().to_string()), c.labels.clone(), &loaded),
    })
}

/// `attrib config`.
pub fn run(args: ConfigOnlyArgs) -> Result<ExitStatus> {
    let loaded = load(&args.config)?;
    let mut out = std::io::stdout().lock();
    match &loaded.path {
        Some(p) => writeln!(out, "# configuration file: {}", p.display())?,
        None => writeln!(out, "# no configuration file (none found, or --no-config)")?,
    }
    let a = analyze_from(None, None, None, &loaded)?;
    writeln!(out, "[analyze]")?;
    let lang = a.lang.0.to_possible_value().map(|v| v.get_name().to_string()).unwrap_or_default();
    writeln!(out, "lang = {lang:?}  # {}", a.lang.1)?;
    match &a.encoding.0 {
        Some(e) => writeln!(out, "encoding = {e:?}  # {}", a.encoding.1)?,
        None => writeln!(out, "# encoding: detected  # {}", a.encoding.1)?,
    }
    writeln!(out, "max_document_bytes = {}  # {}", a.max_document_bytes.0, a.max_document_bytes.1)?;
    match &a.weights.0 {
        Some(p) => writeln!(out, "weights = {:?}  # {}", p.display().to_string(), a.weights.1)?,
        None => writeln!(out, "# weights: built in (data/weights.toml)  # default")?,
    }
    writeln!(out, "[check]")?;
    let c = &loaded.file.check;
    let src = |v: Option<f64>| if v.is_some() { loaded.source() } else { Source::Default };
    for (name, v) in [("min_f1", c.min_f1), ("min_precision", c.min_precision), ("min_recall", c.min_recall)] {
        match v {
            Some(x) => writeln!(out, "{name} = {x}  # {}", src(v))?,
            None => writeln!(out, "# {name}: not set  # default")?,
        }
    }
    match &c.labels {
        Some(l) => writeln!(out, "labels = {l:?}  # {}", loaded.source())?,
        None => writeln!(out, "# labels: labels.jsonl in the dataset folder  # default")?,
    }
    for (k, v) in &c.min_kind_f1 {
        writeln!(out, "min_kind_f1.{k} = {v}  # {}", loaded.source())?;
    }
    writeln!(out, "[iocs]")?;
    loaded.ioc_ignore()?;
    match &loaded.file.iocs.ignore {
        v if v.is_empty() => writeln!(out, "# ignore: none  # default")?,
        v => writeln!(out, "ignore = {v:?}  # {}", loaded.source())?,
    }
    Ok(ExitStatus::Success)
}
