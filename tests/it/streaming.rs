//! JSON Lines in, JSON Lines out, more text than is held in flight at once: the same bytes for
//! any thread count, and the run-level messages at the end.

use assert_cmd::Command;
use std::path::PathBuf;

/// A JSON Lines file of the labelled dataset's statements, repeated under new ids to more than
/// the 1 MiB of text analysed ahead of what is written.
fn corpus(dir: &std::path::Path) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/datasets/core");
    let mut texts: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    texts.sort();
    let mut out = String::new();
    for round in 0..24 {
        for (i, t) in texts.iter().enumerate() {
            let record = serde_json::json!({ "id": format!("r{round}-{i}"), "text": t });
            out.push_str(&record.to_string());
            out.push('\n');
        }
    }
    let path = dir.join("statements.jsonl");
    std::fs::write(&path, out).unwrap();
    path
}

fn run(path: &std::path::Path, format: &str, threads: &str) -> Vec<u8> {
    let out = Command::cargo_bin("attrib")
        .unwrap()
        .args(["analyze", "--no-config", "--quiet", "--format", format, "--threads", threads])
        .arg(path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

#[test]
fn json_lines_output_is_identical_for_any_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let path = corpus(dir.path());
    let one = run(&path, "jsonl", "1");
    let text = String::from_utf8(one.clone()).unwrap();
    let types: Vec<String> = text
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["type"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(types.first().map(String::as_str), Some("header"));
    assert_eq!(types.last().map(String::as_str), Some("summary"));
    assert!(std::fs::metadata(&path).unwrap().len() > 1 << 20, "more text than is held in flight");
    assert!(types.iter().any(|t| t == "assessment"));
    // Run-level messages come after every document's.
    let last_document = types.iter().rposition(|t| t == "document").unwrap();
    let first_assessment = types.iter().position(|t| t == "assessment").unwrap();
    assert!(last_document < first_assessment);
    assert_eq!(one, run(&path, "jsonl", "2"));
    assert_eq!(one, run(&path, "jsonl", "3"));
}

#[test]
fn json_report_is_identical_for_any_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let path = corpus(dir.path());
    assert_eq!(run(&path, "json", "1"), run(&path, "json", "2"));
}
