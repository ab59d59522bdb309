//! `--format stix`: the bundle passes the official STIX 2.1 validator in strict mode, is the same
//! bytes on every run, and maps documents, assessments and denials as documented.
//!
//! The validator is found through `ATTRIB_STIX_VALIDATOR`, then `.venv*/bin/stix2_validator` in
//! the repository, then `PATH`. Without it the validation tests are skipped, unless `CI=true`.

use assert_cmd::Command;
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

fn attrib() -> Command {
    let mut c = Command::cargo_bin("attrib").unwrap();
    c.env_remove("NO_COLOR").env_remove("ATTRIB_COLOR");
    c
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(p: &str) -> PathBuf {
    root().join("fixtures").join(p)
}

/// `attrib analyze --format FORMAT` over `inputs` (or stdin): stdout, after checking it ran.
fn analyze(format: &str, inputs: &[PathBuf], stdin: Option<&str>) -> Vec<u8> {
    let mut cmd = attrib();
    cmd.args(["analyze", "--format", format]);
    if inputs.is_empty() {
        cmd.arg("-");
    }
    cmd.args(inputs);
    if let Some(s) = stdin {
        cmd.write_stdin(s);
    }
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "attrib failed: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

fn stix(inputs: &[PathBuf]) -> Value {
    serde_json::from_slice(&analyze("stix", inputs, None)).expect("the bundle is valid JSON")
}

fn objects(bundle: &Value) -> &Vec<Value> {
    bundle["objects"].as_array().expect("bundle.objects")
}

fn executable(p: &Path) -> bool {
    p.is_file()
}

/// The `stix2_validator` console script, if there is one.
fn validator() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("ATTRIB_STIX_VALIDATOR").filter(|p| !p.is_empty()) {
        let p = PathBuf::from(p);
        assert!(executable(&p), "ATTRIB_STIX_VALIDATOR={} is not a file", p.display());
        return Some(p);
    }
    let mut venvs: Vec<PathBuf> = std::fs::read_dir(root())
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".venv"))
        .map(|e| e.path().join("bin").join("stix2_validator"))
        .collect();
    venvs.sort();
    if let Some(p) = venvs.into_iter().find(|p| executable(p)) {
        return Some(p);
    }
    std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .map(|d| d.join("stix2_validator"))
        .find(|p| executable(p))
}

/// The validator, or `None` after saying why the test is skipped; under `CI=true`, a failure.
fn validator_or_skip() -> Option<PathBuf> {
    let found = validator();
    if found.is_none() {
        let how = "set ATTRIB_STIX_VALIDATOR, or: python3 -m venv .venv && .venv/bin/pip install stix2-validator";
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("stix2_validator not found and CI=true ({how})");
        }
        eprintln!("stix2_validator not found ({how}); skipping STIX validation");
    }
    found
}

/// Runs the validator in strict mode on `files`; panics with its output unless every file is
/// valid with no warnings.
fn validate(validator: &Path, files: &[PathBuf]) {
    let out = std::process::Command::new(validator)
        .args(["--version", "2.1", "--strict", "--enforce-refs"])
        .args(files)
        .output()
        .expect("run stix2_validator");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let report = format!("stdout:\n{stdout}\nstderr:\n{stderr}");
    assert!(out.status.success(), "validator failed:\n{report}");
    let complaints: Vec<&str> =
        stdout.lines().filter(|l| l.contains("[!]") || l.contains("[X]") || l.contains("Invalid")).collect();
    assert!(complaints.is_empty(), "validator complained:\n{report}");
    assert_eq!(stdout.matches("STIX JSON: Valid").count(), files.len(), "not every file validated:\n{report}");
}

const HOSTILE: &str =
    "China's Ministry of State Security accused <script>alert(1)</script> hackers \u{1b}[31mred\u{1b}]52;c;aGk=\u{7} \
of cyberattacks on =cmd|'/c calc'!A1 \u{202e}gnp.exe servers. Taiwan's defence ministry denied the accusation.\n";

/// A JSON-lines document whose metadata is hostile too.
fn hostile_jsonl() -> String {
    let doc = serde_json::json!({
        "id": "evil\u{202e}txt.exe \u{1b}[2J",
        "title": "<script>alert('t')</script> =cmd|'/c calc'!A1",
        "source": "\u{1b}]8;;http://x\u{7}Wire\u{1b}]8;;\u{7}",
        "url": "javascript:alert(1)",
        "published": "2024-09-23",
        "text": format!("{HOSTILE} A NUL \u{0} and a BOM \u{feff} too."),
    });
    format!("{doc}\n")
}

#[test]
fn bundles_pass_the_strict_validator() {
    let Some(validator) = validator_or_skip() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut runs: Vec<(String, Vec<u8>)> = Vec::new();
    let mut articles: Vec<PathBuf> = std::fs::read_dir(fixture("articles"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    articles.sort();
    assert!(articles.len() >= 4, "fixtures/articles has the articles");
    for a in &articles {
        runs.push((
            a.file_name().unwrap().to_string_lossy().into_owned(),
            analyze("stix", std::slice::from_ref(a), None),
        ));
    }
    for s in [
        "02-bare-denied.txt",
        "04-hacktivist-boast.txt",
        "10-gov-plus-vendor.txt",
        "14-rebutted-with-counter-evidence.txt",
    ] {
        runs.push((s.to_string(), analyze("stix", &[fixture(&format!("scenarios/{s}"))], None)));
    }
    runs.push(("all".into(), analyze("stix", &[fixture("articles"), fixture("scenarios")], None)));
    runs.push(("hostile-text".into(), analyze("stix", &[], Some(HOSTILE))));
    runs.push(("hostile-jsonl".into(), analyze("stix", &[], Some(&hostile_jsonl()))));
    // No documents at all (a binary file is skipped): an empty bundle.
    runs.push(("empty".into(), analyze("stix", &[fixture("ingest/binary.bin")], None)));
    let mut files = Vec::new();
    for (name, bytes) in runs {
        let path = dir.path().join(format!("{name}.json"));
        std::fs::write(&path, bytes).unwrap();
        files.push(path);
    }
    validate(&validator, &files);
}

#[test]
fn same_input_same_bytes() {
    let inputs = [fixture("articles"), fixture("scenarios")];
    let first = analyze("stix", &inputs, None);
    assert_eq!(first, analyze("stix", &inputs, None));
    assert!(first.ends_with(b"}\n"));
}

#[test]
fn bundle_maps_documents_and_assessments() {
    let inputs = [fixture("articles")];
    let report: Value = serde_json::from_slice(&analyze("json", &inputs, None)).unwrap();
    let bundle = stix(&inputs);
    assert_eq!(bundle["type"], "bundle");
    let objs = objects(&bundle);
    let by_id: HashMap<&str, &Value> = objs.iter().map(|o| (o["id"].as_str().unwrap(), o)).collect();
    assert_eq!(by_id.len(), objs.len(), "ids are unique");

    for o in objs {
        let id = o["id"].as_str().unwrap();
        let (ty, uuid) = id.split_once("--").unwrap();
        assert_eq!(ty, o["type"].as_str().unwrap());
        assert_eq!(uuid.len(), 36);
        assert_eq!(&uuid[14..15], "4", "version 4: {id}");
        assert!("89ab".contains(&uuid[19..20]), "RFC 4122 variant: {id}");
        assert_eq!(o["spec_version"], "2.1");
        for t in ["created", "modified"] {
            let ts = o[t].as_str().unwrap();
            assert!(ts.len() == 24 && ts.ends_with('Z') && &ts[19..20] == ".", "{t} of {id}: {ts}");
        }
        assert!(o["created"].as_str() <= o["modified"].as_str());
        // Every reference resolves inside the bundle.
        for key in ["source_ref", "target_ref", "created_by_ref"] {
            if let Some(r) = o[key].as_str() {
                assert!(by_id.contains_key(r), "{id}.{key} -> {r} missing");
            }
        }
        for r in o["object_refs"].as_array().into_iter().flatten() {
            assert!(by_id.contains_key(r.as_str().unwrap()), "{id}.object_refs -> {r} missing");
        }
    }

    // One report per document, named by title or path, published on the document's date.
    let docs = report["documents"].as_array().unwrap();
    let reports: Vec<&Value> = objs.iter().filter(|o| o["type"] == "report").collect();
    assert_eq!(reports.len(), docs.len());
    for (d, r) in docs.iter().zip(&reports) {
        let name = d["title"].as_str().or(d["path"].as_str()).unwrap();
        assert_eq!(r["name"], name);
        assert!(!r["object_refs"].as_array().unwrap().is_empty());
        let expected = match d["published"].as_str() {
            Some("2017-12-19T10:00:00Z") => "2017-12-19T10:00:00.000Z",
            Some("2024-03-25") => "2024-03-25T00:00:00.000Z",
            Some(other) => panic!("unexpected fixture date {other}"),
            None => "1970-01-01T00:00:00.000Z",
        };
        assert_eq!(r["published"], expected, "{name}");
        assert_eq!(r["created"], expected, "{name}");
    }

    // Each assessment is an attributed-to relationship whose confidence is the score.
    let assessments = report["assessments"].as_array().unwrap();
    assert!(!assessments.is_empty());
    for a in assessments {
        let aid = a["id"].as_str().unwrap();
        let rel = objs
            .iter()
            .find(|o| o["type"] == "relationship" && o["external_references"][0]["external_id"] == aid)
            .unwrap_or_else(|| panic!("no relationship for assessment {aid}"));
        assert_eq!(rel["relationship_type"], "attributed-to");
        assert_eq!(rel["confidence"], a["score"], "{aid}");
        assert_eq!(rel["description"], a["summary"]);
        let source = by_id[rel["source_ref"].as_str().unwrap()];
        let target = by_id[rel["target_ref"].as_str().unwrap()];
        assert_eq!(source["type"], "campaign");
        assert!(target["type"] == "intrusion-set" || target["type"] == "threat-actor", "{target}");
        assert_eq!(target["name"], a["actor_name"]);
    }

    // A group with a state sponsor (APT31, an alias of ZIRCONIUM, tied to the MSS): its
    // intrusion set is attributed to the sponsoring threat actor.
    let apt31 = objs
        .iter()
        .find(|o| {
            o["type"] == "intrusion-set" && o["aliases"].as_array().is_some_and(|a| a.iter().any(|x| x == "APT31"))
        })
        .expect("an intrusion set for APT31");
    let sponsors: Vec<&Value> = objs
        .iter()
        .filter(|o| o["relationship_type"] == "attributed-to" && o["source_ref"] == apt31["id"])
        .map(|o| by_id[o["target_ref"].as_str().unwrap()])
        .collect();
    assert!(
        sponsors.iter().any(|t| t["type"] == "threat-actor"
            && t["roles"] == serde_json::json!(["sponsor"])
            && t["threat_actor_types"] == serde_json::json!(["nation-state"])),
        "{sponsors:?}"
    );
    // Locations carry ISO country codes.
    for l in objs.iter().filter(|o| o["type"] == "location") {
        let c = l["country"].as_str().unwrap();
        assert!(c.len() == 2 && c.chars().all(|c| c.is_ascii_uppercase()), "{c}");
    }
}

#[test]
fn denial_is_a_disagreeing_opinion_on_the_accusation() {
    let bundle = stix(&[fixture("articles/anonymous64-taiwan.txt")]);
    let objs = objects(&bundle);
    let by_id: HashMap<&str, &Value> = objs.iter().map(|o| (o["id"].as_str().unwrap(), o)).collect();
    let denial = objs
        .iter()
        .find(|o| o["type"] == "opinion" && o["explanation"].as_str().unwrap().starts_with("Denial"))
        .expect("an opinion for the denial");
    assert_eq!(denial["opinion"], "strongly-disagree");
    let author = by_id[denial["created_by_ref"].as_str().unwrap()];
    assert_eq!(author["type"], "identity");
    assert_eq!(author["name"], "Ministry of National Defense");
    assert!(denial["explanation"].as_str().unwrap().contains("rejected the accusation"));
    let refs = denial["object_refs"].as_array().unwrap();
    assert!(!refs.is_empty());
    for r in refs {
        let rel = by_id[r.as_str().unwrap()];
        assert_eq!(rel["relationship_type"], "attributed-to");
        assert_eq!(by_id[rel["target_ref"].as_str().unwrap()]["name"], "Anonymous64");
    }
    // The accusation it answers agrees with the same hypothesis.
    let accusation = objs
        .iter()
        .find(|o| o["type"] == "opinion" && o["explanation"].as_str().unwrap().starts_with("Accusation"))
        .unwrap();
    assert_eq!(accusation["opinion"], "strongly-agree");
    assert_eq!(accusation["object_refs"], denial["object_refs"]);
    // The report is undated: the fixed epoch, documented in its description.
    let report = objs.iter().find(|o| o["type"] == "report").unwrap();
    assert_eq!(report["published"], "1970-01-01T00:00:00.000Z");
    assert!(report["description"].as_str().unwrap().contains("no publication date"));
}

#[test]
fn a_document_without_claims_still_makes_a_valid_report() {
    let bundle = stix(&[fixture("articles/no-attribution.txt")]);
    let objs = objects(&bundle);
    let report = objs.iter().find(|o| o["type"] == "report").unwrap();
    assert!(!report["object_refs"].as_array().unwrap().is_empty());
}

#[test]
fn hostile_text_stays_inert() {
    for input in [HOSTILE.to_string(), hostile_jsonl()] {
        let bytes = analyze("stix", &[], Some(&input));
        let s = String::from_utf8(bytes).expect("UTF-8");
        assert!(
            !s.contains('\u{1b}') && !s.contains('\u{7}') && !s.contains('\u{202e}') && !s.contains('\u{0}'),
            "raw control characters in {s:?}"
        );
        let bundle: Value = serde_json::from_str(&s).expect("valid JSON");
        let objs = objects(&bundle);
        assert!(objs.iter().any(|o| o["type"] == "report"));
        for o in objs {
            assert!(o["type"].as_str().unwrap().chars().all(|c| c.is_ascii_lowercase() || c == '-'));
        }
    }
    let bundle: Value = serde_json::from_slice(&analyze("stix", &[], Some(&hostile_jsonl()))).unwrap();
    let report = objects(&bundle).iter().find(|o| o["type"] == "report").unwrap().clone();
    assert_eq!(report["name"], "<script>alert('t')</script> =cmd|'/c calc'!A1");
    assert_eq!(report["published"], "2024-09-23T00:00:00.000Z");
    // The text is kept as data: the id reads back exactly, escapes and all.
    assert_eq!(report["external_references"][0]["external_id"], "evil\u{202e}txt.exe \u{1b}[2J");
    let refs = report["external_references"].to_string();
    assert!(!refs.contains("javascript:"), "a non-http URL is not passed on: {refs}");
}
