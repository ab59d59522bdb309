//! `attrib check`, `attrib config` and `attrib diff` as CI would run them.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

fn attrib() -> Command {
    Command::cargo_bin("attrib").unwrap()
}

const DOC: &str =
    "China's Ministry of State Security said a hacking group called Anonymous64 attacked government websites. \
Taiwan's defence ministry denied the accusation.\n";

/// A small valid dataset in a temporary folder.
fn dataset() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), DOC).unwrap();
    let labels = r#"{"doc": "a.txt", "published": "2024-09-23", "lang": "en", "claims": [{"kind": "accusation", "claimant": "Ministry of State Security", "claimant_country": "CN", "accused": "Anonymous64", "accused_country": "TW", "action": "cyberattack", "evidence": [], "certainty": "asserted", "anchor": "attacked government websites"}, {"kind": "denial", "claimant": "Ministry of National Defense", "claimant_country": "TW", "accused": "Taiwan", "accused_country": "TW", "action": "cyberattack", "evidence": [], "certainty": "denied", "anchor": "denied the accusation"}]}"#;
    std::fs::write(dir.path().join("labels.jsonl"), format!("{labels}\n")).unwrap();
    dir
}

fn write_labels(dir: &Path, text: &str) {
    std::fs::write(dir.join("labels.jsonl"), text).unwrap();
}

#[test]
fn a_sound_dataset_passes_with_metrics() {
    let d = dataset();
    attrib()
        .args(["check", "--no-config", "--min-f1", "1.0"])
        .arg(d.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("overall").and(predicate::str::contains("1.000")));
}

#[test]
fn a_threshold_failure_exits_1() {
    let d = dataset();
    std::fs::write(d.path().join("a.txt"), "Nothing happened today.\n").unwrap();
    write_labels(
        d.path(),
        r#"{"doc": "a.txt", "claims": [{"kind": "accusation", "claimant": "X", "accused": "Y", "anchor": "Nothing happened"}]}
"#,
    );
    attrib()
        .args(["check", "--no-config", "--min-recall", "0.5"])
        .arg(d.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("threshold failed: recall 0.000 < 0.500"))
        .stdout(predicate::str::contains("missed      a.txt:1:1 accusation"));
    attrib().args(["check", "--no-config", "--min-kind-f1", "accusation=0.9"]).arg(d.path()).assert().code(1);
}

#[test]
fn every_validation_problem_is_reported_with_its_location() {
    let d = dataset();
    let future = "2999-01-01";
    let text = format!(
        "{{\"doc\": \"a.txt\", \"claims\": [{{\"kind\": \"acusation\", \"claimant\": \"X\", \"accused\": null, \"claimant_country\": \"XX\", \"anchor\": \"\"}}]}}\n\
{{\"doc\": \"missing.txt\", \"claims\": []}}\n\
{{\"doc\": \"a.txt\", \"claims\": []}}\n\
{{\"doc\": \"b.txt\", \"published\": \"{future}\", \"claims\": [], \"colour\": 1}}\n\
{{\"doc\": \"c.txt\", \"published\": \"someday\", \"claims\": [{{\"kind\": \"denial\", \"claimant\": \"X\", \"accused\": \"Y\", \"evidence\": [\"rumour\"], \"certainty\": \"sure\", \"anchor\": \"not in the text\"}}]}}\n\
{{\"doc\": \"c.txt\" \"claims\": []}}\n"
    );
    std::fs::write(d.path().join("c.txt"), "Some text.\n").unwrap();
    write_labels(d.path(), &text);
    let out = attrib().args(["check", "--no-config"]).arg(d.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    for want in [
        "labels.jsonl:1: claim 1: unknown kind \"acusation\"",
        "labels.jsonl:1: claim 1: claimant_country \"XX\" is not an ISO 3166 alpha-2 code",
        "labels.jsonl:1: claim 1: empty anchor",
        "labels.jsonl:2: document \"missing.txt\" no such file or folder",
        "labels.jsonl:3: duplicate entry for document \"a.txt\"",
        "labels.jsonl:4:",
        "unknown field `colour`",
        "labels.jsonl:5: published: unreadable date \"someday\"",
        "labels.jsonl:5: claim 1: unknown evidence kind \"rumour\"",
        "labels.jsonl:5: claim 1: unknown certainty \"sure\"",
        "labels.jsonl:5: claim 1: anchor \"not in the text\" is not in the document",
        "labels.jsonl:6:17: expected `,` or `}`",
    ] {
        assert!(err.contains(want), "missing {want:?} in:\n{err}");
    }
}

#[test]
fn future_dates_are_rejected() {
    let d = dataset();
    write_labels(d.path(), "{\"doc\": \"a.txt\", \"published\": \"2999-01-01\", \"claims\": []}\n");
    attrib()
        .args(["check", "--no-config"])
        .arg(d.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("labels.jsonl:1: published date \"2999-01-01\" is in the future"));
}

#[test]
fn junit_is_well_formed_xml_with_one_case_per_document() {
    let d = dataset();
    let out = attrib().args(["check", "--no-config", "--format", "junit"]).arg(d.path()).output().unwrap();
    let xml = String::from_utf8(out.stdout).unwrap();
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    assert_eq!(xml.matches("<testcase ").count(), 1);
    assert!(xml.contains("tests=\"1\" failures=\"0\""));
    // Balanced and properly nested elements.
    let mut stack = Vec::new();
    for tag in xml.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap();
        if tag.starts_with('?') || tag.ends_with('/') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name), "misnested {name}");
        } else {
            stack.push(tag.split_whitespace().next().unwrap().to_string());
        }
    }
    assert!(stack.is_empty());
}

#[test]
fn github_annotations_point_at_labels_and_spans() {
    let d = dataset();
    std::fs::write(d.path().join("a.txt"), DOC.replace("denied the accusation", "said nothing")).unwrap();
    write_labels(
        d.path(),
        r#"{"doc": "a.txt", "claims": [{"kind": "denial", "claimant": "Ministry of National Defense", "claimant_country": "TW", "accused": "Taiwan", "accused_country": "TW", "anchor": "said nothing"}]}
"#,
    );
    let out = attrib()
        .args(["check", "--no-config", "--format", "github", "--min-f1", "0.9"])
        .arg(d.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let labels = d.path().join("labels.jsonl").display().to_string().replace(':', "%3A").replace(',', "%2C");
    assert!(
        text.contains(&format!("::warning file={labels},line=1,title=missed claim::a.txt: missed denial")),
        "{text}"
    );
    assert!(
        text.contains("::warning file=") && text.contains(",line=1,endLine=1,col=1,title=unexpected claim::"),
        "{text}"
    );
    assert!(text.contains("::error title=attrib check::threshold failed: F1"), "{text}");
}

#[test]
fn baselines_pass_and_fail() {
    let d = dataset();
    let base = d.path().join("baseline.json");
    attrib().args(["check", "--no-config", "--write-baseline"]).arg(&base).arg(d.path()).assert().code(0);
    assert!(std::fs::read_to_string(&base).unwrap().contains("\"metrics\""));
    attrib().args(["check", "--no-config", "--baseline"]).arg(&base).arg(d.path()).assert().code(0);
    // Make the analysis worse: the denial disappears.
    std::fs::write(d.path().join("a.txt"), DOC.replace("denied the accusation", "said nothing")).unwrap();
    write_labels(
        d.path(),
        &std::fs::read_to_string(d.path().join("labels.jsonl"))
            .unwrap()
            .replace("denied the accusation", "said nothing"),
    );
    attrib().args(["check", "--no-config", "--baseline"]).arg(&base).arg(d.path()).assert().code(1).stderr(
        predicate::str::contains("overall recall fell from 1.000").and(predicate::str::contains("denial F1 fell")),
    );
}

#[test]
fn config_file_then_flags() {
    let d = dataset();
    let cfg = d.path().join("strict.toml");
    std::fs::write(&cfg, "[check]\nmin_f1 = 1.01\n").unwrap();
    attrib().args(["check", "--config"]).arg(&cfg).arg(d.path()).assert().code(1);
    // The flag wins over the file.
    attrib().args(["check", "--min-f1", "0.5", "--config"]).arg(&cfg).arg(d.path()).assert().code(0);
    // Discovery: attrib.toml in the current folder or a parent.
    std::fs::write(d.path().join("attrib.toml"), "[check]\nmin_f1 = 1.01\n[analyze]\nlang = \"zh\"\n").unwrap();
    let sub = d.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    attrib().current_dir(&sub).args(["check", ".."]).assert().code(1);
    let out = attrib().current_dir(&sub).arg("config").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("min_f1 = 1.01  # ") && text.contains("attrib.toml"), "{text}");
    assert!(text.contains("lang = \"zh\""), "{text}");
    assert!(text.contains("max_document_bytes = 67108864  # default"), "{text}");
    // Unknown keys are errors that name the line.
    std::fs::write(d.path().join("attrib.toml"), "[check]\nmin_f2 = 1\n").unwrap();
    attrib()
        .current_dir(&sub)
        .arg("config")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("line 2, column 1").and(predicate::str::contains("min_f2")));
}

#[test]
fn analyze_reads_its_defaults_from_the_config() {
    let d = dataset();
    std::fs::write(d.path().join("attrib.toml"), "[analyze]\nlang = \"zh\"\n").unwrap();
    let out = attrib().current_dir(d.path()).args(["analyze", "--format", "json", "a.txt"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["documents"][0]["lang"], "zh");
    let out =
        attrib().current_dir(d.path()).args(["analyze", "--format", "json", "--lang", "en", "a.txt"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["documents"][0]["lang"], "en");
}

fn fixture(p: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(p)
}

#[test]
fn diff_of_two_real_analyses() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.json");
    let new = dir.path().join("new.json");
    attrib()
        .args(["analyze", "--format", "json", "--output"])
        .arg(&old)
        .arg(fixture("articles/anonymous64-taiwan.txt"))
        .assert()
        .success();
    attrib()
        .args(["analyze", "--format", "json", "--output"])
        .arg(&new)
        .arg(fixture("articles/anonymous64-taiwan.txt"))
        .arg(fixture("articles/wannacry-dprk.html"))
        .assert()
        .success();
    attrib()
        .arg("diff")
        .arg(&old)
        .arg(&old)
        .assert()
        .success()
        .stdout(predicate::str::contains("0 added, 0 removed, 0 changed"));
    let out = attrib().arg("diff").arg(&old).arg(&new).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().any(|l| l.starts_with("+ ") && l.contains("wannacry-dprk.html | accusation")), "{text}");
    let out = attrib().arg("diff").arg(&new).arg(&old).output().unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().lines().any(|l| l.starts_with("- ")));
    attrib()
        .arg("diff")
        .arg(&old)
        .arg(fixture("articles/anonymous64-taiwan.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not an attrib JSON report"));
}

#[test]
fn json_output_has_metrics_and_documents() {
    let d = dataset();
    let out = attrib().args(["check", "--no-config", "--format", "json"]).arg(d.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["metrics"]["overall"]["tp"], 2);
    assert_eq!(v["metrics"]["overall"]["fn"], 0);
    assert_eq!(v["docs"][0]["doc"], "a.txt");
    assert_eq!(v["docs"][0]["labels_line"], 1);
    assert!(v["scores"].as_object().unwrap().values().all(|s| s.as_u64().unwrap() <= 100));
}

#[test]
fn a_score_that_drifts_fails_the_baseline() {
    let d = dataset();
    std::fs::write(
        d.path().join("a.txt"),
        DOC.replace(
            "attacked government websites.",
            "attacked government websites, citing screenshots and an indictment.",
        ),
    )
    .unwrap();
    let base = d.path().join("baseline.json");
    attrib().args(["check", "--no-config", "--write-baseline"]).arg(&base).arg(d.path()).assert().code(0);
    let stored: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&base).unwrap()).unwrap();
    assert!(!stored["scores"].as_object().unwrap().is_empty(), "{stored}");
    // Much heavier legal evidence moves the score by more than the allowed drift.
    let heavy = d.path().join("heavy.toml");
    std::fs::write(&heavy, "[evidence]\nlegal = 0.95\ndocumentary = 0.9\n").unwrap();
    attrib()
        .args(["check", "--no-config", "--baseline"])
        .arg(&base)
        .arg("--weights")
        .arg(&heavy)
        .arg(d.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("more than 5 points"));
    attrib()
        .args(["check", "--no-config", "--max-score-drift", "100", "--baseline"])
        .arg(&base)
        .arg("--weights")
        .arg(&heavy)
        .arg(d.path())
        .assert()
        .code(0);
}
