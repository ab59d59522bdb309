//! Snapshot tests: every report format on shipped fixtures, byte for byte. A change in what
//! attrib prints shows up here as a diff to review (`cargo insta review`, or delete the stale
//! `.snap` file and rerun with `INSTA_UPDATE=always`), never silently.

use assert_cmd::Command;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `attrib analyze` from the repository root (paths in reports are as given) on `files`.
fn render(format: &str, files: &[&str]) -> String {
    let out = Command::cargo_bin("attrib")
        .unwrap()
        .current_dir(root())
        .env("NO_COLOR", "1")
        .env_remove("ATTRIB_COLOR")
        .env("COLUMNS", "100")
        .args(["analyze", "--format", format, "--threads", "1"])
        .args(files)
        .output()
        .unwrap();
    assert!(out.status.success(), "attrib analyze --format {format} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

const SEED: &[&str] = &["fixtures/articles/anonymous64-taiwan.txt"];
const ZH: &[&str] = &["fixtures/articles/volt-typhoon-zh.txt"];
const SEVERAL: &[&str] = &["fixtures/articles/uk-apt31-sanctions.md", "fixtures/articles/wannacry-dprk.html"];

macro_rules! snap {
    ($name:ident, $format:expr, $files:expr) => {
        #[test]
        fn $name() {
            insta::assert_snapshot!(stringify!($name), render($format, $files));
        }
    };
}

snap!(text_seed, "text", SEED);
snap!(text_zh, "text", ZH);
snap!(json_seed, "json", SEED);
snap!(json_several, "json", SEVERAL);
snap!(jsonl_seed, "jsonl", SEED);
snap!(markdown_seed, "markdown", SEED);
snap!(markdown_several, "markdown", SEVERAL);
snap!(stix_seed, "stix", SEED);
snap!(html_seed, "html", SEED);
snap!(dot_seed, "dot", SEED);
snap!(dot_zh, "dot", ZH);
