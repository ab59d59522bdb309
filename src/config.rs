//! Configuration: `attrib.toml`, found in the current folder or the nearest parent (or named with
//! `--config`), with a `[check]` table of thresholds and an `[analyze]` table of defaults.
//! Command-line flags win over the file, the file over the built-in defaults; every effective
//! value remembers where it came from, for `attrib config`.

use anyhow::{Context, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "attrib.toml";

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    #[serde(default)]
    pub check: CheckConfig,
    #[serde(default)]
    pub analyze: AnalyzeConfig,
    #[serde(default)]
    pub iocs: IocsConfig,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct IocsConfig {
    /// Regular expressions: an indicator whose value matches one is left out of reports (the
    /// reporter's own domain, documentation addresses, …). Compiled with `user_regex`.
    #[serde(default)]
    pub ignore: Vec<String>,
}

/// The most a regular expression from configuration may compile to, the most its lazy DFA may
/// cache, and how deeply it may nest: a pattern cannot exhaust memory or the stack. (The regex
/// engine runs in linear time, so no pattern backtracks catastrophically.)
pub const REGEX_SIZE_LIMIT: usize = 1 << 20;
pub const REGEX_DFA_SIZE_LIMIT: usize = 2 << 20;
pub const REGEX_NEST_LIMIT: u32 = 64;

/// Compiles a regular expression taken from configuration, within the limits above.
pub fn user_regex(pattern: &str) -> std::result::Result<regex::Regex, String> {
    regex::RegexBuilder::new(pattern)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_DFA_SIZE_LIMIT)
        .nest_limit(REGEX_NEST_LIMIT)
        .build()
        .map_err(|e| match e {
            regex::Error::CompiledTooBig(limit) => {
                format!("compiles to more than the limit of {limit} bytes; write a simpler pattern")
            }
            other => other.to_string().lines().last().unwrap_or("invalid pattern").trim().to_string(),
        })
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CheckConfig {
    pub min_f1: Option<f64>,
    pub min_precision: Option<f64>,
    pub min_recall: Option<f64>,
    /// Per kind: the least F1 for that kind.
    #[serde(default)]
    pub min_kind_f1: BTreeMap<String, f64>,
    /// The labels file, relative to the dataset folder.
    pub labels: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AnalyzeConfig {
    /// `auto`, `en` or `zh`.
    pub lang: Option<String>,
    /// An encoding label to force.
    pub encoding: Option<String>,
    pub max_document_bytes: Option<usize>,
    /// A weights file, relative to the configuration file's folder.
    pub weights: Option<String>,
}

/// Where a value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Default,
    File(PathBuf),
    Flag,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Default => f.write_str("default"),
            Source::File(p) => write!(f, "{}", p.display()),
            Source::Flag => f.write_str("command line"),
        }
    }
}

/// A loaded configuration and the file it came from, if any.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub file: ConfigFile,
    pub path: Option<PathBuf>,
}

/// The nearest `attrib.toml` in `start` or its parents.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let mut dir = Some(start);
    while let Some(d) = dir {
        let candidate = d.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        dir = d.parent();
    }
    None
}

/// Loads `explicit`, else the discovered file, else nothing; `none` skips configuration.
pub fn load(explicit: Option<&Path>, none: bool) -> Result<Loaded> {
    if none {
        return Ok(Loaded::default());
    }
    let path = match explicit {
        Some(p) => Some(p.to_path_buf()),
        None => std::env::current_dir().ok().and_then(|d| discover(&d)),
    };
    let Some(path) = path else { return Ok(Loaded::default()) };
    let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let file = parse(&text).with_context(|| format!("invalid configuration in {}", path.display()))?;
    Ok(Loaded { file, path: Some(path) })
}

/// Parses a configuration, naming the line and column of a problem.
pub fn parse(text: &str) -> Result<ConfigFile> {
    toml::from_str(text).map_err(|e| {
        let at = e.span().map(|s| {
            let line = text[..s.start.min(text.len())].matches('\n').count() + 1;
            let col = text[..s.start.min(text.len())].rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            format!("line {line}, column {col}: ")
        });
        anyhow::anyhow!("{}{}", at.unwrap_or_default(), e.message())
    })
}

impl Loaded {
    /// The `[iocs] ignore` patterns, compiled; an error names the file, the entry and the problem.
    pub fn ioc_ignore(&self) -> Result<Vec<regex::Regex>> {
        let from = self.source();
        self.file
            .iocs
            .ignore
            .iter()
            .enumerate()
            .map(|(i, p)| user_regex(p).map_err(|e| anyhow::anyhow!("{from}: [iocs] ignore entry {}: {e}", i + 1)))
            .collect()
    }

    pub fn source(&self) -> Source {
        match &self.path {
            Some(p) => Source::File(p.clone()),
            None => Source::Default,
        }
    }
}

/// Picks the flag, else the file's value, else none, with its source.
pub fn pick<T: Clone>(flag: Option<T>, file: Option<T>, loaded: &Loaded) -> (Option<T>, Source) {
    match (flag, file) {
        (Some(v), _) => (Some(v), Source::Flag),
        (None, Some(v)) => (Some(v), loaded.source()),
        (None, None) => (None, Source::Default),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_tables_and_rejects_unknown_keys() {
        let c = parse("[check]\nmin_f1 = 0.8\n[check.min_kind_f1]\ndenial = 0.7\n[analyze]\nlang = \"zh\"\n").unwrap();
        assert_eq!(c.check.min_f1, Some(0.8));
        assert_eq!(c.check.min_kind_f1.get("denial"), Some(&0.7));
        assert_eq!(c.analyze.lang.as_deref(), Some("zh"));
        let err = parse("[check]\nmin_f2 = 0.8\n").unwrap_err().to_string();
        assert!(err.contains("line 2"), "{err}");
        assert!(err.contains("min_f2"), "{err}");
    }

    #[test]
    fn user_regexes_are_compiled_within_limits() {
        let c = parse("[iocs]\nignore = ['(?i)\\.example\\.(com|org)$', '^192\\.0\\.2\\.']\n").unwrap();
        let loaded = Loaded { file: c, path: Some(PathBuf::from("attrib.toml")) };
        let res = loaded.ioc_ignore().unwrap();
        assert!(res[0].is_match("cdn.EXAMPLE.com") && res[1].is_match("192.0.2.7"));
        // Too big once compiled: a counted repetition of a Unicode class.
        let err = user_regex(r"\w{1000}{1000}").unwrap_err();
        assert!(err.contains("compiles to more than the limit"), "{err}");
        // Too deep.
        let err = user_regex(&("(".repeat(500) + "a" + &")".repeat(500))).unwrap_err();
        assert!(err.contains("nest"), "{err}");
        let bad = Loaded {
            file: parse("[iocs]\nignore = ['ok', '(unclosed']\n").unwrap(),
            path: Some(PathBuf::from("attrib.toml")),
        };
        let err = bad.ioc_ignore().unwrap_err().to_string();
        assert!(err.starts_with("attrib.toml: [iocs] ignore entry 2: "), "{err}");
    }

    #[test]
    fn deeply_nested_configuration_is_an_error_not_a_stack_overflow() {
        let n = 100_000;
        for text in [
            format!("x = {}1{}", "{a = ".repeat(n), "}".repeat(n)),
            format!("x = {}{}", "[".repeat(n), "]".repeat(n)),
            format!("[{}]\nb = 1\n", vec!["a"; 20_000].join(".")),
        ] {
            assert!(parse(&text).is_err());
        }
    }

    #[test]
    fn discovery_walks_up() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "").unwrap();
        let deep = dir.path().join("a/b");
        std::fs::create_dir_all(&deep).unwrap();
        assert_eq!(discover(&deep), Some(dir.path().join(FILE_NAME)));
    }

    #[test]
    fn flags_win() {
        let loaded = Loaded { file: ConfigFile::default(), path: Some(PathBuf::from("attrib.toml")) };
        assert_eq!(pick(Some(1), Some(2), &loaded), (Some(1), Source::Flag));
        assert_eq!(pick(None, Some(2), &loaded), (Some(2), Source::File(PathBuf::from("attrib.toml"))));
        assert_eq!(pick::<i32>(None, None, &loaded), (None, Source::Default));
    }
}
