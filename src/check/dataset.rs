//! Reading and validating a curated dataset: the labels file (JSON Lines, one line per
//! document) and the documents it names. Every problem is collected with its file, line and
//! column, not only the first.

use super::matching::Label;
use crate::ingest::parse_published;
use serde::Deserialize;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

pub const KINDS: &[&str] =
    &["accusation", "denial", "counter_accusation", "responsibility", "minimization", "corroboration"];
pub const ACTIONS: &[&str] =
    &["cyberattack", "espionage", "influence_operation", "ransomware", "theft", "sabotage", "other"];
pub const EVIDENCE: &[&str] = &["technical", "legal", "documentary", "testimony", "self_claim", "third_party"];
pub const CERTAINTIES: &[&str] = &["asserted", "hedged", "denied"];

/// ISO 3166-1 alpha-2 codes, plus EU and NATO.
const COUNTRIES: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW EU NATO";

pub fn is_country(code: &str) -> bool {
    COUNTRIES.split(' ').any(|c| c == code)
}

/// One line of the labels file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub doc: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub lang: Option<String>,
    pub claims: Vec<Label>,
    /// 1-based line in the labels file.
    #[serde(skip)]
    pub line: usize,
}

/// A problem with the dataset, located in the labels file (or a document).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
            if let Some(c) = self.column {
                write!(f, ":{c}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

/// A loaded dataset: its folder, labels file and entries (only the valid ones).
#[derive(Debug, Clone)]
pub struct Dataset {
    pub dir: PathBuf,
    pub labels_path: PathBuf,
    pub entries: Vec<Entry>,
}

impl Dataset {
    pub fn doc_path(&self, e: &Entry) -> PathBuf {
        self.dir.join(&e.doc)
    }
}

/// Loads and validates. Problems are returned beside whatever could be read.
pub fn load(dir: &Path, labels: Option<&Path>, today: chrono::NaiveDate) -> (Dataset, Vec<Problem>) {
    let labels_path = labels.map(Path::to_path_buf).unwrap_or_else(|| dir.join("labels.jsonl"));
    let file = labels_path.display().to_string();
    let mut problems = Vec::new();
    let mut entries = Vec::new();
    let text = match std::fs::read_to_string(&labels_path) {
        Ok(t) => t,
        Err(e) => {
            problems.push(Problem {
                file,
                line: None,
                column: None,
                message: format!("cannot read the labels file: {}", crate::ingest::io_message(&e)),
            });
            return (Dataset { dir: dir.to_path_buf(), labels_path, entries }, problems);
        }
    };
    let mut seen = HashSet::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        if raw.trim().is_empty() {
            continue;
        }
        let p =
            |column: Option<usize>, message: String| Problem { file: file.clone(), line: Some(line), column, message };
        let mut entry: Entry = match serde_json::from_str(raw) {
            Ok(e) => e,
            Err(e) => {
                let msg = e.to_string();
                let msg = msg.rfind(" at line ").map_or(msg.clone(), |i| msg[..i].to_string());
                problems.push(p(Some(e.column()), msg));
                continue;
            }
        };
        entry.line = line;
        if !seen.insert(entry.doc.clone()) {
            problems.push(p(None, format!("duplicate entry for document {:?}", entry.doc)));
            continue;
        }
        let doc_path = dir.join(&entry.doc);
        let doc_text = match std::fs::read(&doc_path) {
            Ok(b) => Some(String::from_utf8_lossy(&b).into_owned()),
            Err(e) => {
                problems.push(p(None, format!("document {:?} {}", entry.doc, crate::ingest::io_message(&e))));
                None
            }
        };
        if let Some(d) = &entry.published {
            match parse_published(d) {
                Ok(norm) => {
                    let date = chrono::NaiveDate::parse_from_str(&norm[..10.min(norm.len())], "%Y-%m-%d").ok();
                    if date.is_some_and(|d| d > today) {
                        problems.push(p(None, format!("published date {d:?} is in the future")));
                    }
                }
                Err(e) => problems.push(p(None, format!("published: {e}"))),
            }
        }
        if let Some(l) = &entry.lang {
            if crate::lang::Lang::from_tag(l).is_none() {
                problems.push(p(None, format!("unknown lang {l:?} (expected en or zh)")));
            }
        }
        let mut keys = HashSet::new();
        for (ci, c) in entry.claims.iter().enumerate() {
            let at = format!("claim {}", ci + 1);
            if !KINDS.contains(&c.kind.as_str()) {
                problems
                    .push(p(None, format!("{at}: unknown kind {:?} (expected one of {})", c.kind, KINDS.join(", "))));
            }
            if let Some(a) = &c.action {
                if !ACTIONS.contains(&a.as_str()) {
                    problems
                        .push(p(None, format!("{at}: unknown action {a:?} (expected one of {})", ACTIONS.join(", "))));
                }
            }
            for e in &c.evidence {
                if !EVIDENCE.contains(&e.as_str()) {
                    problems.push(p(
                        None,
                        format!("{at}: unknown evidence kind {e:?} (expected one of {})", EVIDENCE.join(", ")),
                    ));
                }
            }
            if let Some(ce) = &c.certainty {
                if !CERTAINTIES.contains(&ce.as_str()) {
                    problems.push(p(
                        None,
                        format!("{at}: unknown certainty {ce:?} (expected one of {})", CERTAINTIES.join(", ")),
                    ));
                }
            }
            for (field, v) in [("claimant_country", &c.claimant_country), ("accused_country", &c.accused_country)] {
                if let Some(code) = v {
                    if !is_country(code) {
                        problems.push(p(None, format!("{at}: {field} {code:?} is not an ISO 3166 alpha-2 code")));
                    }
                }
            }
            match &c.anchor {
                None => {}
                Some(a) if a.trim().is_empty() => problems.push(p(None, format!("{at}: empty anchor"))),
                Some(a) if doc_text.as_ref().is_some_and(|t| !t.contains(a.as_str())) => {
                    problems.push(p(None, format!("{at}: anchor {a:?} is not in the document")));
                }
                Some(_) => {}
            }
            let key = (c.kind.clone(), c.claimant.clone(), c.accused.clone());
            if !keys.insert(key) {
                problems.push(p(None, format!("{at}: duplicate claim (same kind, claimant and accused)")));
            }
        }
        entries.push(entry);
    }
    (Dataset { dir: dir.to_path_buf(), labels_path, entries }, problems)
}
