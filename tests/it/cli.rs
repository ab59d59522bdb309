//! The `attrib` command as a user runs it: exit codes, stdin, folders, errors, `--output`.

use assert_cmd::Command;
use predicates::prelude::*;
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

fn json_of(out: &[u8]) -> serde_json::Value {
    serde_json::from_slice(out).expect("valid JSON on stdout")
}

#[test]
fn version_and_help() {
    attrib().arg("--version").assert().success().stdout(predicate::str::starts_with("attrib "));
    attrib()
        .args(["help", "analyze"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--format").and(predicate::str::contains("Examples:")));
}

#[test]
fn analyzes_the_seed_like_article() {
    attrib()
        .args(["analyze", "--color", "never"])
        .arg(fixture("articles/anonymous64-taiwan.txt"))
        .assert()
        .success()
        .stdout(predicate::str::contains("anonymous64-taiwan.txt").and(predicate::str::contains("1 document")));
}

#[test]
fn json_report_has_the_contract_shape() {
    let out = attrib().args(["analyze", "--format", "json"]).arg(fixture("articles")).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v = json_of(&out.stdout);
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["attrib_version"], env!("CARGO_PKG_VERSION"));
    for key in ["documents", "actors", "claims", "evidence", "indicators", "assessments", "diagnostics"] {
        assert!(v[key].is_array(), "{key} missing");
    }
    let docs = v["documents"].as_array().unwrap();
    let names: Vec<&str> = docs.iter().map(|d| d["path"].as_str().unwrap()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "folder read in sorted order");
    assert!(names.iter().all(|n| !n.contains("/.")), "hidden files skipped");
    assert!(docs.iter().all(|d| d["sentences"].as_u64().unwrap() > 0));
    let html = docs.iter().find(|d| d["path"].as_str().unwrap().ends_with(".html")).unwrap();
    assert_eq!(html["published"], "2017-12-19T10:00:00Z");
}

#[test]
fn json_is_deterministic() {
    let run = || attrib().args(["analyze", "--format", "json"]).arg(fixture("articles")).output().unwrap().stdout;
    assert_eq!(run(), run());
}

#[test]
fn reads_stdin_with_dash_and_without_paths() {
    let text = "China accused Taiwan of cyberattacks. Taiwan denied it.";
    for args in [vec!["analyze", "--format", "json", "-"], vec!["analyze", "--format", "json"]] {
        let out = attrib().args(&args).write_stdin(text).output().unwrap();
        assert!(out.status.success());
        let v = json_of(&out.stdout);
        assert_eq!(v["documents"][0]["id"], "-");
        assert_eq!(v["documents"][0]["sentences"], 2);
    }
}

#[test]
fn stdin_sniffs_json_lines() {
    let input = "{\"id\":\"a\",\"text\":\"One.\"}\n{\"id\":\"b\",\"text\":\"Two.\"}\n";
    let out = attrib().args(["analyze", "--format", "json"]).write_stdin(input).output().unwrap();
    let v = json_of(&out.stdout);
    let ids: Vec<&str> = v["documents"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a", "b"]);
}

#[test]
fn missing_file_among_good_ones_exits_2_and_still_reports() {
    let missing = root().join("fixtures/does-not-exist.txt");
    let out = attrib()
        .args(["analyze", "--format", "json"])
        .arg(fixture("ingest/plain.txt"))
        .arg(&missing)
        .arg(fixture("ingest/doc.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("does-not-exist.txt: no such file or folder"), "{stderr}");
    let v = json_of(&out.stdout);
    assert_eq!(v["documents"].as_array().unwrap().len(), 2);
    assert_eq!(v["diagnostics"][0]["level"], "error");
}

#[test]
fn bad_json_lines_record_names_file_and_line() {
    let out = attrib().args(["analyze", "--format", "json"]).arg(fixture("ingest/docs.jsonl")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("docs.jsonl:3: invalid JSON"), "{stderr}");
    assert_eq!(json_of(&out.stdout)["documents"].as_array().unwrap().len(), 3);
}

#[test]
fn binary_file_is_skipped_with_a_warning() {
    let out = attrib().args(["analyze", "--format", "json"]).arg(fixture("ingest/binary.bin")).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("binary.bin: binary file"));
    assert_eq!(json_of(&out.stdout)["documents"].as_array().unwrap().len(), 0);
}

#[test]
fn usage_errors_exit_2() {
    // An unknown flag and an unknown encoding are usage errors.
    attrib().args(["analyze", "--nope"]).assert().code(2);
    attrib()
        .args(["analyze", "--encoding", "klingon", "-"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown encoding"));
}

#[test]
fn output_is_written_atomically_and_never_over_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("statement.txt");
    std::fs::write(&input, "Taiwan denied the accusation.").unwrap();
    let before = std::fs::read(&input).unwrap();
    attrib()
        .args(["analyze", "--format", "json", "--output"])
        .arg(&input)
        .arg(&input)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is one of the inputs"));
    assert_eq!(std::fs::read(&input).unwrap(), before, "input untouched");

    // Inside a folder input too.
    attrib().args(["analyze", "--output"]).arg(&input).arg(dir.path()).assert().code(2);

    let report = dir.path().join("report.json");
    std::fs::write(&report, "old report").unwrap();
    attrib().args(["analyze", "--format", "json", "--output"]).arg(&report).arg(&input).assert().success();
    let v = json_of(&std::fs::read(&report).unwrap());
    assert_eq!(v["documents"].as_array().unwrap().len(), 1);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left behind");

    attrib()
        .args(["analyze", "--output"])
        .arg(dir.path().join("missing/report.json"))
        .arg(&input)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does not exist"));
}

#[test]
fn broken_pipe_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    let para = "China's ministry accused the group of cyberattacks. Taiwan denied it.\n\n";
    std::fs::write(&big, para.repeat(40_000)).unwrap();
    let script =
        format!("{} analyze {} | head -1", assert_cmd::cargo::cargo_bin("attrib").display(), shell_quote(&big));
    let out = std::process::Command::new("bash").args(["-o", "pipefail", "-c", &script]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("Broken pipe"), "{stderr}");
    assert!(out.status.success(), "pipeline failed: {stderr}");
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
}

fn shell_quote(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', "'\\''"))
}

#[test]
fn color_follows_flag_and_no_color() {
    let article = fixture("articles/anonymous64-taiwan.txt");
    let colored = attrib().args(["analyze", "--color", "always"]).arg(&article).output().unwrap();
    assert!(colored.stdout.contains(&0x1b));
    let plain = attrib().args(["analyze"]).arg(&article).env("NO_COLOR", "1").output().unwrap();
    assert!(!plain.stdout.contains(&0x1b));
    // Not a terminal: no colour on auto.
    let piped = attrib().args(["analyze"]).arg(&article).output().unwrap();
    assert!(!piped.stdout.contains(&0x1b));
}

#[test]
fn text_report_never_prints_control_characters_from_input() {
    let out = attrib()
        .args(["analyze", "--color", "never", "-"])
        .write_stdin("---\ntitle: evil \u{1b}]52;c;aGk=\u{7} \u{202e}txt.exe\n---\nThe ministry said so.\n")
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(!stdout.contains('\u{1b}') && !stdout.contains('\u{7}') && !stdout.contains('\u{202e}'), "{stdout:?}");
    assert!(stdout.contains("\\u{1b}"));
}

#[test]
fn lang_flag_overrides_detection() {
    let out = attrib()
        .args(["analyze", "--format", "json", "--lang", "zh", "-"])
        .write_stdin("Plain English.")
        .output()
        .unwrap();
    assert_eq!(json_of(&out.stdout)["documents"][0]["lang"], "zh");
}

#[test]
fn no_input_on_a_terminal_prints_a_hint_and_exits_2() {
    // `script` (util-linux) gives the command a pseudo-terminal as standard input.
    let bin = assert_cmd::cargo::cargo_bin("attrib");
    let out = std::process::Command::new("script")
        .args(["-qec", &format!("{} analyze", shell_quote(&bin)), "/dev/null"])
        .stdin(std::process::Stdio::null())
        .output()
        .expect("the script command (util-linux) is needed for this test");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("no input: name files or folders, or pipe text in"), "{text}");
}

#[test]
fn jsonl_streams_typed_messages_and_ends_with_a_summary() {
    let out = attrib().args(["analyze", "--format", "jsonl"]).arg(fixture("articles")).output().unwrap();
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(lines[0]["type"], "header");
    assert_eq!(lines[0]["schema_version"], 1);
    let last = lines.last().unwrap();
    assert_eq!(last["type"], "summary");
    assert_eq!(last["documents"], 5);
    let docs = lines.iter().filter(|l| l["type"] == "document").count();
    assert_eq!(docs, 5);
    for l in &lines {
        assert!(
            [
                "header",
                "document",
                "actor",
                "claim",
                "evidence",
                "indicator",
                "assessment",
                "matrix",
                "diagnostic",
                "summary"
            ]
            .contains(&l["type"].as_str().unwrap()),
            "{l}"
        );
    }
    // Claims name their document and come after it.
    let first_claim = lines.iter().position(|l| l["type"] == "claim").unwrap();
    let its_doc = lines[..first_claim].iter().rev().find(|l| l["type"] == "document").unwrap();
    assert_eq!(lines[first_claim]["doc"], its_doc["id"]);
}

#[test]
fn dot_is_a_graph_of_claims() {
    let out =
        attrib().args(["analyze", "--format", "dot"]).arg(fixture("articles/anonymous64-taiwan.txt")).output().unwrap();
    let dot = String::from_utf8(out.stdout).unwrap();
    assert!(dot.starts_with("digraph attrib {") && dot.trim_end().ends_with('}'));
    assert!(dot.contains("\"cn-mss\" -> \"g-anonymous64\" [label=\"accusation (asserted)\", color=red"), "{dot}");
    assert!(dot.contains("style=dashed"), "{dot}");
}

#[test]
fn markdown_report_has_tables_and_escapes_input() {
    let out = attrib()
        .args(["analyze", "--format", "markdown"])
        .arg(fixture("articles/anonymous64-taiwan.txt"))
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.starts_with("# attrib report"));
    assert!(md.contains("| # | kind | claimant | accused | action | certainty | evidence | where |"), "{md}");
    assert!(md.contains("## Assessments"), "{md}");
    assert!(md.contains("   > "), "{md}");
}

#[test]
fn hostile_input_is_inert_in_every_format() {
    let hostile = "China's Ministry of State Security accused <script>alert(1)</script> hackers \u{1b}[31mred\u{1b}]52;c;aGk=\u{7} \
of cyberattacks on =cmd|'/c calc'!A1 \u{202e}gnp.exe servers.\n";
    for format in ["text", "json", "jsonl", "markdown", "dot"] {
        let out = attrib().args(["analyze", "--format", format, "-"]).write_stdin(hostile).output().unwrap();
        assert!(out.status.success(), "{format}");
        let s = String::from_utf8(out.stdout).unwrap();
        assert!(
            !s.contains('\u{1b}') && !s.contains('\u{7}') && !s.contains('\u{202e}'),
            "{format}: raw control characters in {s:?}"
        );
        if format == "markdown" {
            assert!(!s.contains("<script>"), "markdown passes HTML through: {s}");
        }
    }
}

#[test]
fn completions_and_man_page() {
    attrib().args(["completions", "bash"]).assert().success().stdout(predicate::str::contains("_attrib()"));
    attrib().args(["completions", "zsh"]).assert().success().stdout(predicate::str::contains("#compdef attrib"));
    attrib()
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH attrib").and(predicate::str::contains("analyze")));
}

#[test]
fn an_interrupted_run_leaves_no_partial_files() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    std::fs::write(&big, "China's ministry accused the group of cyberattacks. Taiwan denied it.\n\n".repeat(300_000))
        .unwrap();
    let report = dir.path().join("report.json");
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("attrib"))
        .args(["analyze", "--format", "json", "--output"])
        .arg(&report)
        .arg(&big)
        .spawn()
        .unwrap();
    // Wait for the temporary file to appear, then interrupt.
    let start = std::time::Instant::now();
    while start.elapsed() < std::time::Duration::from_secs(20) {
        let pending = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .any(|e| e.file_name().to_string_lossy().starts_with(".attrib-"));
        if pending {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::process::Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    let status = child.wait().unwrap();
    if status.code() == Some(0) {
        // Finished before the signal arrived: then the report must be complete.
        let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
        assert_eq!(v["documents"].as_array().unwrap().len(), 1);
    } else {
        assert_eq!(status.code(), Some(130));
        assert!(!report.exists(), "a partial report was left");
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".attrib-"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left behind");
}

#[test]
fn output_is_identical_across_thread_counts() {
    let dir = fixture("datasets/core");
    let run = |threads: &str| {
        let out = attrib()
            .args(["analyze", "--no-config", "--format", "json", "--threads", threads])
            .arg(&dir)
            .output()
            .unwrap();
        assert!(out.status.code().is_some_and(|c| c == 0 || c == 2));
        out.stdout
    };
    let one = run("1");
    assert!(one.len() > 10_000);
    assert_eq!(one, run("2"));
    assert_eq!(one, run("4"));
}
