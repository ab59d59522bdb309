//! Every file in fixtures/ingest/ read to the text and metadata its manifest expects.

use attrib::diag::{Diagnostic, Level};
use attrib::ingest::{read_source, Document, Item, Options, Source};
use serde_json::Value;
use std::path::PathBuf;

fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/ingest")
}

fn read(file: &str) -> (Vec<Document>, Vec<Diagnostic>) {
    let mut docs = Vec::new();
    let mut diags = Vec::new();
    read_source(&Source::File(fixture_dir().join(file)), &Options::default(), &mut |i| match i {
        Item::Document(d) => docs.push(d),
        Item::Diagnostic(d) => diags.push(d),
    });
    (docs, diags)
}

fn opt(v: &Value) -> Option<&str> {
    v.as_str()
}

#[test]
fn every_ingest_fixture_matches_its_manifest() {
    let manifest: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(fixture_dir().join("expected.json")).unwrap()).unwrap();
    assert!(manifest.len() >= 20, "manifest lists {} files", manifest.len());
    let mut failures = Vec::new();
    for entry in &manifest {
        let file = entry["file"].as_str().unwrap();
        let (docs, diags) = read(file);
        let mut fail = |msg: String| failures.push(format!("{file}: {msg}"));
        let expected_docs = entry["documents"].as_array().unwrap();
        if entry["skipped"].as_bool() == Some(true) && !docs.is_empty() {
            fail(format!("expected to be skipped, got {} documents", docs.len()));
        }
        if docs.len() != expected_docs.len() {
            fail(format!("expected {} documents, got {}", expected_docs.len(), docs.len()));
            continue;
        }
        for (doc, want) in docs.iter().zip(expected_docs) {
            if let Some(id) = opt(&want["id"]) {
                if doc.id != id {
                    fail(format!("id {:?} != {id:?}", doc.id));
                }
            } else if !doc.id.starts_with(fixture_dir().join(file).to_str().unwrap()) {
                fail(format!("path-based id expected, got {:?}", doc.id));
            }
            let m = &doc.meta;
            for (field, got) in [
                ("title", &m.title),
                ("source", &m.source),
                ("url", &m.url),
                ("published", &m.published),
                ("speaker", &m.speaker),
                ("lang", &m.lang),
            ] {
                if got.as_deref() != opt(&want[field]) {
                    fail(format!("{field}: {got:?} != {:?}", want[field]));
                }
            }
            if let Some(text) = opt(&want["text"]) {
                if doc.text != text {
                    fail(format!("text {:?} != {text:?}", doc.text));
                }
            }
            for s in want["text_contains"].as_array().into_iter().flatten() {
                let s = s.as_str().unwrap();
                if !doc.text.contains(s) {
                    fail(format!("text lacks {s:?}: {:?}", doc.text));
                }
            }
            for s in want["text_excludes"].as_array().into_iter().flatten() {
                let s = s.as_str().unwrap();
                if doc.text.contains(s) {
                    fail(format!("text should not contain {s:?}"));
                }
            }
        }
        let problems: Vec<&Diagnostic> = diags.iter().filter(|d| d.level != Level::Info).collect();
        if entry["diagnostics_none"].as_bool() == Some(true) && !problems.is_empty() {
            fail(format!("expected no warnings or errors, got {problems:?}"));
        }
        for s in entry["diagnostics_contain"].as_array().into_iter().flatten() {
            let s = s.as_str().unwrap().to_lowercase();
            if !diags.iter().any(|d| d.message.to_lowercase().contains(&s)) {
                fail(format!("no diagnostic mentions {s:?}: {diags:?}"));
            }
        }
        for l in entry["diagnostics_lines"].as_array().into_iter().flatten() {
            let l = l.as_u64().unwrap() as usize;
            if !diags.iter().any(|d| d.line == Some(l)) {
                fail(format!("no diagnostic on line {l}: {diags:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{} problems:\n{}", failures.len(), failures.join("\n"));
}
