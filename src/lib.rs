//! attrib reads statements about cyber-incident attribution and reports who claims what
//! about whom, what proof each side offers, and how strong that proof is.
//!
//! The pipeline runs one way, one module per stage, with plain data between stages:
//!
//! ```text
//! bytes ─ingest─▶ Document ─segment─▶ Sentences ─recognize─▶ Mentions ─extract─▶ Claims + Evidence
//!                        Report ◀─render─ Analysis ◀─score─ Assessments ◀─link─ Claim graph
//! ```
//!
//! ```
//! use attrib::{ingest, pipeline};
//! let doc = ingest::Document::from_text("example", "China accused Taiwan of cyberattacks.");
//! let analysis = pipeline::analyze_document(&doc);
//! assert_eq!(analysis.sentences.len(), 1);
//! ```
#![warn(clippy::print_stdout, clippy::print_stderr, clippy::dbg_macro)]

pub mod alloc;
pub mod check;
pub mod cli;
pub mod config;
pub mod diag;
pub mod diff;
pub mod evidence;
pub mod extract;
pub mod ingest;
pub mod ioc;
pub mod lang;
pub mod lexicon;
pub mod parallel;
pub mod pipeline;
pub mod recognize;
pub mod render;
pub mod report;
pub mod sanitize;
pub mod score;
pub mod segment;
pub mod span;
pub mod spill;
#[cfg(test)]
mod testrng;

/// The version printed in every report.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
