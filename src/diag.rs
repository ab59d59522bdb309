//! Diagnostics: problems found in inputs (a bad line, an undecodable byte, a skipped file).
//! Every stage returns them beside its output; nothing in the library prints.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Info,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Info => "info",
        }
    }
}

/// One problem with one input. `doc` names the file or document id; `line` is 1-based.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Diagnostic {
    pub doc: Option<String>,
    pub level: Level,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub line: Option<usize>,
    pub message: String,
}

impl Diagnostic {
    pub fn error(doc: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic { level: Level::Error, doc: Some(doc.into()), line: None, message: message.into() }
    }

    pub fn warning(doc: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic { level: Level::Warning, doc: Some(doc.into()), line: None, message: message.into() }
    }

    pub fn info(doc: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic { level: Level::Info, doc: Some(doc.into()), line: None, message: message.into() }
    }

    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.level.as_str())?;
        match (&self.doc, self.line) {
            (Some(doc), Some(line)) => write!(f, "{doc}:{line}: ")?,
            (Some(doc), None) => write!(f, "{doc}: ")?,
            _ => {}
        }
        f.write_str(&self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_and_line() {
        let d = Diagnostic::error("a.jsonl", "invalid JSON").at_line(3);
        assert_eq!(d.to_string(), "error: a.jsonl:3: invalid JSON");
        let w = Diagnostic::warning("b.bin", "binary file skipped");
        assert_eq!(w.to_string(), "warning: b.bin: binary file skipped");
    }
}
