//! The command line: clap definitions, help with examples, and the exit-status policy.
//! One file per subcommand; this is the only module that knows clap (besides `render::Format`).

mod analyze;
mod check;
mod config;
mod diff;
mod iocs;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// How a run ended, as the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExitStatus {
    /// 0: the work was done.
    Success = 0,
    /// 1: `attrib check` ran and a threshold failed.
    CheckFailed = 1,
    /// 2: a usage or input error (some inputs may still have been analysed).
    Error = 2,
}

impl ExitStatus {
    /// The worse of two statuses.
    pub fn merge(self, other: ExitStatus) -> ExitStatus {
        self.max(other)
    }
}

const AFTER_HELP: &str = "\
Exit status: 0 success; 1 `attrib check` thresholds failed; 2 usage or input error.

Examples:
  attrib analyze article.txt
  attrib analyze --format json statements/ | jq '.claims[] | {kind, claimant_name, accused_name}'
  curl -s https://example.org/statement.html | attrib analyze -";

#[derive(Debug, Parser)]
#[command(
    name = "attrib",
    version,
    about = "Reads cyber-incident attribution statements: who accuses whom, who denies, what proof is offered, and what it is worth.",
    after_help = AFTER_HELP,
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Analyse statements and print a report.
    #[command(after_help = ANALYZE_HELP)]
    Analyze(AnalyzeArgs),
    /// Check a curated claim dataset: validate it, analyse it, compare with its labels.
    #[command(after_help = CHECK_HELP)]
    Check(CheckArgs),
    /// Print the effective configuration and where each value comes from.
    Config(ConfigOnlyArgs),
    /// Compare two JSON analyses: claims added, removed and changed, and score changes.
    #[command(
        after_help = "Example:\n  attrib analyze --format json docs/ > old.json\n  # ... change rules or data ...\n  attrib analyze --format json docs/ > new.json\n  attrib diff old.json new.json"
    )]
    Diff(DiffArgs),
    /// List the indicators of compromise in the inputs (defanged forms refanged).
    #[command(
        after_help = "Examples:\n  attrib iocs report.txt\n  attrib iocs --format csv reports/ > iocs.csv\n  attrib iocs --format json advisory.html | jq '.indicators[] | select(.kind == \"sha256\")'"
    )]
    Iocs(IocsArgs),
    /// Print the JSON Schema of the `--format json` report.
    Schema,
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    #[command(after_help = "Example:\n  attrib completions bash > ~/.local/share/bash-completion/completions/attrib")]
    Completions { shell: clap_complete::Shell },
    /// Print the manual page (roff).
    #[command(after_help = "Example:\n  attrib man > attrib.1 && man ./attrib.1")]
    Man,
}

#[derive(Debug, clap::Args)]
pub struct IocsArgs {
    /// Files or folders to read; `-` reads standard input.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = iocs::IocFormat::Text)]
    pub format: iocs::IocFormat,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Say nothing on standard error when no indicator is found.
    #[arg(short, long)]
    pub quiet: bool,
    /// (`[iocs] ignore` in the configuration leaves out indicators matching its patterns.)
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The earlier analysis (attrib analyze --format json).
    pub old: PathBuf,
    /// The later analysis.
    pub new: PathBuf,
    /// Print the differences as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Where configuration comes from (shared by the subcommands that read it).
#[derive(Debug, Clone, clap::Args)]
pub struct ConfigArgs {
    /// Read this configuration file instead of the nearest attrib.toml.
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,
    /// Read no configuration file.
    #[arg(long, global = true, conflicts_with = "config")]
    pub no_config: bool,
}

#[derive(Debug, clap::Args)]
pub struct ConfigOnlyArgs {
    #[command(flatten)]
    pub config: ConfigArgs,
}

const CHECK_HELP: &str = "\
A dataset is a folder of documents plus a JSON Lines labels file, one line per document:
  {\"doc\": \"a.txt\", \"claims\": [{\"kind\": \"accusation\", \"claimant\": \"...\", \"claimant_country\": \"CN\",
   \"accused\": \"...\", \"accused_country\": \"TW\", \"action\": \"cyberattack\", \"evidence\": [], \"certainty\": \"asserted\",
   \"anchor\": \"a short quote of the sentence\"}]}
Exit status: 0 pass; 1 a threshold failed; 2 the dataset is invalid or unreadable.

Examples:
  attrib check fixtures/datasets/core --min-f1 0.85
  attrib check my-dataset --labels my-dataset/gold.jsonl --min-kind-f1 denial=0.8";

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The dataset folder.
    pub dataset: PathBuf,
    /// The labels file (default: labels.jsonl in the dataset folder).
    #[arg(long, value_name = "FILE")]
    pub labels: Option<PathBuf>,
    /// Fail (exit 1) when overall F1 is below this.
    #[arg(long, value_name = "X")]
    pub min_f1: Option<f64>,
    /// Fail when overall precision is below this.
    #[arg(long, value_name = "X")]
    pub min_precision: Option<f64>,
    /// Fail when overall recall is below this.
    #[arg(long, value_name = "X")]
    pub min_recall: Option<f64>,
    /// Fail when one kind's F1 is below a value: KIND=X (repeatable).
    #[arg(long, value_name = "KIND=X")]
    pub min_kind_f1: Vec<String>,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = check::CheckFormat::Text)]
    pub format: check::CheckFormat,
    /// List every document, also those that pass.
    #[arg(long, short)]
    pub verbose: bool,

    /// Compare with a stored run: fail when a metric falls or a score drifts.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Store this run as a baseline (written atomically).
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,

    /// With --baseline: the most an assessment's score may move, in points.
    #[arg(long, value_name = "POINTS", default_value_t = 5)]
    pub max_score_drift: u32,

    /// Score with the weights of this TOML file (see docs/scoring.md).
    #[arg(long, value_name = "FILE")]
    pub weights: Option<PathBuf>,

    #[command(flatten)]
    pub config: ConfigArgs,
}

const ANALYZE_HELP: &str = "\
Inputs: plain text (.txt), Markdown with optional front matter (.md), HTML (.html, .htm), JSON
(.json: one document object or an array; `text` required, `id`, `title`, `source`, `url`,
`published`, `speaker`, `lang` optional) and JSON Lines (.jsonl, .ndjson: one object per line).
Other files are recognised by their content. Folders are read recursively in sorted order,
skipping hidden entries. Encodings: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK
and Big5 are detected; --encoding forces one.

Examples:
  attrib analyze fixtures/articles/anonymous64-taiwan.txt
  attrib analyze statements/ --format json --output report.json
  attrib analyze --lang zh --encoding gbk statement.txt
  cat statements.jsonl | attrib analyze --format json | jq '.documents[].id'";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when printing to a terminal and NO_COLOR is not set.
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangChoice {
    /// From the document's metadata, else from its script.
    Auto,
    En,
    Zh,
}

#[derive(Debug, clap::Args)]
pub struct AnalyzeArgs {
    /// Files or folders to read; `-` reads standard input. With none, standard input is read
    /// when it is not a terminal.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Report format.
    #[arg(short, long, value_enum, default_value_t = crate::render::Format::Text)]
    pub format: crate::render::Format,

    /// Write the report to FILE (atomically: complete or not at all) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Language of the statements [default: auto].
    #[arg(long, value_enum)]
    pub lang: Option<LangChoice>,

    /// Read every input in this encoding (e.g. utf-8, utf-16le, gbk, gb18030, big5).
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,

    /// When to colour the text report.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, env = "ATTRIB_COLOR")]
    pub color: ColorChoice,

    /// Skip documents larger than this many bytes, with a diagnostic [default: 67108864 (64 MiB)].
    #[arg(long, value_name = "BYTES")]
    pub max_document_bytes: Option<usize>,

    /// Print no warnings and no summary on standard error (errors are still printed).
    #[arg(short, long)]
    pub quiet: bool,

    /// Score with the weights of this TOML file (keys it leaves out keep their default;
    /// see data/weights.toml and docs/scoring.md).
    #[arg(long, value_name = "FILE")]
    pub weights: Option<PathBuf>,

    /// Analyse with this many threads [default: one per core]. Output is the same for any number.
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,

    #[command(flatten)]
    pub config: ConfigArgs,
}

/// Runs a parsed command line, writing the report and diagnostics.
pub fn run(cli: Cli) -> anyhow::Result<ExitStatus> {
    match cli.command {
        Command::Analyze(args) => analyze::run(args),
        Command::Check(args) => check::run(args),
        Command::Config(args) => config::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Iocs(args) => iocs::run(args),
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            // Into memory first: clap_complete panics when its writer fails (a closed pipe).
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut cmd, "attrib", &mut script);
            std::io::Write::write_all(&mut std::io::stdout().lock(), &script)?;
            Ok(ExitStatus::Success)
        }
        Command::Man => {
            let cmd = <Cli as clap::CommandFactory>::command();
            clap_mangen::Man::new(cmd).render(&mut std::io::stdout())?;
            Ok(ExitStatus::Success)
        }
        Command::Schema => {
            let mut out = std::io::stdout().lock();
            serde_json::to_writer_pretty(&mut out, &crate::report::schema())?;
            std::io::Write::write_all(&mut out, b"\n")?;
            Ok(ExitStatus::Success)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_valid() {
        Cli::command().debug_assert();
    }

    #[test]
    fn statuses_merge_to_the_worst() {
        assert_eq!(ExitStatus::Success.merge(ExitStatus::Error), ExitStatus::Error);
        assert_eq!(ExitStatus::CheckFailed.merge(ExitStatus::Success), ExitStatus::CheckFailed);
        assert_eq!(ExitStatus::Error.merge(ExitStatus::CheckFailed), ExitStatus::Error);
    }
}
