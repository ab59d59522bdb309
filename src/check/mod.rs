//! `attrib check`: curated claim datasets (a folder of documents plus a JSON Lines file of
//! labels) validated, analysed, and compared with their labels: precision, recall and F1 overall
//! and per kind, with the missed and the unexpected claims.

pub mod baseline;
pub mod dataset;
pub mod format;
pub mod matching;
pub mod metrics;
pub mod run;
