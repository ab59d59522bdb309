//! Bad input, as a user or a hostile source hands it to `attrib`: each case gets a message that
//! names the file and the problem, the documented exit status (0 when input is only skipped
//! with a warning, 2 when an input is an error), and the other inputs are still analysed.
//! The large inputs (200 MB, 100 MB) are generated here, in temporary folders; the two tests
//! that write them are named `slow_…` (`cargo test -- --skip slow_` leaves them out locally).

use serde_json::Value;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const GOOD: &str = "China's Ministry of State Security accused Taiwan of cyberattacks. Taiwan denied it.\n";

fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("attrib")
}

fn attrib(args: &[&str], paths: &[&Path]) -> Command {
    let mut c = Command::new(bin());
    c.arg("analyze").arg("--no-config").args(args).args(paths);
    c.env_remove("NO_COLOR").env_remove("ATTRIB_COLOR").stdin(Stdio::null());
    c
}

/// Runs with a time limit: a hang fails the test instead of stalling the suite.
fn run_within(mut cmd: Command, limit: Duration) -> Output {
    let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let (mut out, mut err) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let o = std::thread::spawn(move || {
        let mut v = Vec::new();
        out.read_to_end(&mut v).unwrap();
        v
    });
    let e = std::thread::spawn(move || {
        let mut v = Vec::new();
        err.read_to_end(&mut v).unwrap();
        v
    });
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > limit {
            child.kill().unwrap();
            panic!("attrib did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output { status, stdout: o.join().unwrap(), stderr: e.join().unwrap() }
}

fn run(cmd: Command) -> Output {
    run_within(cmd, Duration::from_secs(120))
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn report(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("no JSON report ({e}); stderr: {}", String::from_utf8_lossy(&o.stderr)))
}

fn doc_ids(o: &Output) -> Vec<String> {
    report(o)["documents"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap().to_string()).collect()
}

/// The stderr line about `file` contains `problem`, at the given level.
fn says(o: &Output, level: &str, file: &str, problem: &str) {
    let err = stderr(o);
    assert!(
        err.lines().any(|l| l.starts_with(&format!("attrib: {level}: ")) && l.contains(file) && l.contains(problem)),
        "expected `attrib: {level}: …{file}…{problem}…` on stderr, got:\n{err}"
    );
}

fn good(dir: &Path) -> PathBuf {
    let p = dir.join("good.txt");
    std::fs::write(&p, GOOD).unwrap();
    p
}

fn good_was_analysed(o: &Output, good: &Path) {
    let ids = doc_ids(o);
    assert!(ids.contains(&good.display().to_string()), "the good input is missing from {ids:?}");
    let claims = report(o)["claims"].as_array().unwrap().len();
    assert!(claims > 0, "the good input was not analysed");
}

#[test]
fn empty_and_whitespace_only_files_are_skipped_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    let blank = dir.path().join("blank.md");
    let no_text = dir.path().join("no-text.html");
    std::fs::write(&empty, "").unwrap();
    std::fs::write(&blank, " \n\t\r\n  \n").unwrap();
    std::fs::write(&no_text, "<html><body><script>var x;</script><p>  </p></body></html>").unwrap();
    let good = good(dir.path());
    let o = run(attrib(&["--format", "json"], &[&empty, &blank, &no_text, &good]));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    says(&o, "warning", "empty.txt", "empty: no text to analyse; skipped");
    says(&o, "warning", "blank.md", "only whitespace: no text to analyse; skipped");
    says(&o, "warning", "no-text.html", "no visible text to analyse; skipped");
    assert_eq!(doc_ids(&o), [good.display().to_string()]);
    good_was_analysed(&o, &good);

    // An empty standard input too.
    let mut c = Command::new(bin());
    c.args(["analyze", "--no-config", "--format", "json", "-"]).stdin(Stdio::null());
    let o = run(c);
    assert_eq!(o.status.code(), Some(0));
    says(&o, "warning", "-", "empty: no text to analyse");
    assert!(doc_ids(&o).is_empty());
}

#[test]
fn a_binary_file_among_others_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let elf = dir.path().join("tool");
    let mut bytes = b"\x7fELF\x02\x01\x01\x00".to_vec();
    bytes.extend((0..20_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    std::fs::write(&elf, bytes).unwrap();
    let good = good(dir.path());
    let o = run(attrib(&["--format", "json"], &[&elf, &good]));
    assert_eq!(o.status.code(), Some(0));
    says(&o, "warning", "tool", "binary file (NUL bytes in its first 8 KiB); skipped");
    good_was_analysed(&o, &good);
}

#[test]
fn invalid_utf8_in_the_middle_is_replaced_and_located() {
    let dir = tempfile::tempdir().unwrap();
    // UTF-8 text with one broken byte on line 3.
    let broken = dir.path().join("broken.txt");
    let mut b = "The ministry’s statement was “groundless”.\nLine two.\nThe report ".as_bytes().to_vec();
    b.push(0xC3);
    b.extend_from_slice("said so — again.\n".as_bytes());
    std::fs::write(&broken, b).unwrap();
    // ASCII with stray bytes on line 2.
    let stray = dir.path().join("stray.txt");
    std::fs::write(&stray, b"Taiwan denied the accusation.\nIt called it \xff\xfe false.\n").unwrap();
    let good = good(dir.path());
    let o = run(attrib(&["--format", "json"], &[&broken, &stray, &good]));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    says(
        &o,
        "warning",
        "broken.txt",
        "1 undecodable byte sequence(s) replaced with U+FFFD (as UTF-8), first on line 3",
    );
    says(&o, "warning", "stray.txt", "not valid UTF-8 (2 invalid byte sequence(s), first on line 2)");
    let ids = doc_ids(&o);
    assert_eq!(ids.len(), 3, "{ids:?}");
    good_was_analysed(&o, &good);
}

#[test]
fn utf16_without_a_bom_is_recognised() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Taiwan's defence ministry denied the accusation by China. 台湾否认。\n";
    let le = dir.path().join("le.txt");
    let be = dir.path().join("be.txt");
    std::fs::write(&le, text.encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<u8>>()).unwrap();
    std::fs::write(&be, text.encode_utf16().flat_map(u16::to_be_bytes).collect::<Vec<u8>>()).unwrap();
    let good = good(dir.path());
    let o = run(attrib(&["--format", "json"], &[&le, &be, &good]));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    says(&o, "warning", "le.txt", "no byte-order mark; decoded as UTF-16LE");
    says(&o, "warning", "be.txt", "no byte-order mark; decoded as UTF-16BE");
    let docs = report(&o)["documents"].as_array().unwrap().clone();
    assert_eq!(docs.len(), 3);
    for d in &docs[..2] {
        assert_eq!(d["bytes"].as_u64().unwrap() as usize, text.len(), "decoded to the same text: {d}");
    }
    good_was_analysed(&o, &good);
}

#[test]
fn slow_a_200_mb_file_without_a_newline_is_refused_by_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge.txt");
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&huge).unwrap());
        let chunk = "China accused Taiwan of cyberattacks and Taiwan denied it ".repeat(1_000);
        let mut n = 0;
        while n < 200 * 1024 * 1024 {
            f.write_all(chunk.as_bytes()).unwrap();
            n += chunk.len();
        }
    }
    let good = good(dir.path());
    let o = run(attrib(&["--format", "json"], &[&huge, &good]));
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    says(
        &o,
        "error",
        "huge.txt",
        "larger than the document limit of 67108864 bytes; skipped (raise it with --max-document-bytes)",
    );
    assert_eq!(doc_ids(&o), [good.display().to_string()]);
    good_was_analysed(&o, &good);

    // Under a raised limit, a long line without a newline or a full stop is analysed, in pieces.
    let long = dir.path().join("long.txt");
    std::fs::write(&long, "China accused Taiwan of cyberattacks and Taiwan denied it ".repeat(8_000)).unwrap();
    let o = run(attrib(&["--format", "json"], &[&long]));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let sentences = report(&o)["documents"][0]["sentences"].as_u64().unwrap();
    assert!(sentences > 1, "an unbounded sentence was handed on");
}

/// The highest peak resident size seen for `pid` until it ends, from /proc (Linux).
fn watch_peak_rss(child: &mut std::process::Child) -> (std::process::ExitStatus, Option<u64>) {
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak = None;
    loop {
        if let Ok(s) = std::fs::read_to_string(&status_file) {
            if let Some(kb) = s.lines().find_map(|l| l.strip_prefix("VmHWM:")) {
                let kb: u64 = kb.trim().trim_end_matches("kB").trim().parse().unwrap_or(0);
                peak = Some(peak.unwrap_or(0).max(kb));
            }
        }
        if let Some(status) = child.try_wait().unwrap() {
            return (status, peak);
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn slow_a_100_mb_json_lines_file_with_one_bad_line_is_streamed() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.jsonl");
    let records = 1_000;
    {
        // 100 KB records: a short statement and a long field attrib does not read.
        let mut f = std::io::BufWriter::new(std::fs::File::create(&big).unwrap());
        let pad = "x".repeat(101_000);
        for i in 0..records {
            if i == 500 {
                writeln!(f, "{{\"id\": \"broken\", \"text\": \"cut short").unwrap();
            } else {
                let text = format!("China accused Taiwan of cyberattacks in statement {i}.");
                writeln!(f, "{}", serde_json::json!({"id": format!("r{i}"), "text": text, "raw_html": pad})).unwrap();
            }
        }
    }
    assert!(std::fs::metadata(&big).unwrap().len() >= 100_000_000);
    let good = good(dir.path());
    let mut cmd = attrib(&["--format", "jsonl"], &[&big, &good]);
    let out_path = dir.path().join("out.jsonl");
    let err_path = dir.path().join("err.txt");
    cmd.stdout(std::fs::File::create(&out_path).unwrap()).stderr(std::fs::File::create(&err_path).unwrap());
    let mut child = cmd.spawn().unwrap();
    let (status, peak_kb) = watch_peak_rss(&mut child);
    let err = std::fs::read_to_string(&err_path).unwrap();
    assert_eq!(status.code(), Some(2), "{err}");
    assert!(err.contains("attrib: error: ") && err.contains("big.jsonl:501: invalid JSON: EOF while parsing"), "{err}");
    let docs: Vec<String> = std::fs::read_to_string(&out_path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|m| m["type"] == "document")
        .map(|m| m["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(docs.len(), records, "every good record and the good file");
    assert_eq!(docs[500], "r501");
    assert_eq!(docs.last().unwrap(), &good.display().to_string());
    if let Some(kb) = peak_kb {
        assert!(kb < 100 * 1024, "read into memory rather than streamed: peak {kb} kB");
    }
}

#[test]
fn json_nested_100_000_deep_is_a_clear_error_not_a_stack_overflow() {
    let dir = tempfile::tempdir().unwrap();
    let deep = "[".repeat(100_000) + &"]".repeat(100_000);
    let json = dir.path().join("deep.json");
    std::fs::write(&json, &deep).unwrap();
    let objects = dir.path().join("objects.json");
    std::fs::write(&objects, "{\"text\": ".to_string() + &"{\"a\": ".repeat(100_000) + &"}".repeat(100_001)).unwrap();
    let jsonl = dir.path().join("deep.jsonl");
    std::fs::write(&jsonl, format!("{{\"text\": \"First record.\"}}\n{deep}\n{{\"text\": \"Third record.\"}}\n"))
        .unwrap();
    // Markup nested as deep: read, not overflowed.
    let html = dir.path().join("deep.html");
    std::fs::write(&html, "<html><body>".to_string() + &"<div>".repeat(100_000) + GOOD + &"</div>".repeat(100_000))
        .unwrap();
    let md = dir.path().join("deep.md");
    std::fs::write(&md, ">".repeat(100_000) + " " + GOOD + "\n" + &"- ".repeat(50_000) + "item\n").unwrap();
    let good = good(dir.path());
    let o = run(attrib(&["--format", "json"], &[&json, &objects, &jsonl, &html, &md, &good]));
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    says(&o, "error", "deep.json:1", "invalid JSON: recursion limit exceeded");
    says(&o, "error", "objects.json:1", "invalid JSON: recursion limit exceeded");
    says(&o, "error", "deep.jsonl:2", "invalid JSON: recursion limit exceeded");
    let ids = doc_ids(&o);
    for id in ["deep.jsonl:1", "deep.jsonl:3", "deep.html", "deep.md", "good.txt"] {
        assert!(ids.iter().any(|i| i.ends_with(id)), "{id} missing from {ids:?}");
    }
    good_was_analysed(&o, &good);

    // On standard input too.
    let mut c = Command::new(bin());
    c.args(["analyze", "--no-config", "--format", "json", "-"]);
    let o = run_with_stdin(c, deep.as_bytes());
    assert_eq!(o.status.code(), Some(2));
    says(&o, "error", "-:1", "recursion limit exceeded");
}

fn run_with_stdin(mut c: Command, input: &[u8]) -> Output {
    let mut child = c.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let o = child.wait_with_output().unwrap();
    writer.join().unwrap();
    o
}

#[test]
fn json_fields_of_the_wrong_type_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("records.json");
    std::fs::write(
        &json,
        r#"[{"text": 42}, {"text": "Taiwan denied the accusation.", "title": ["x"], "published": 2024, "id": true},
            "just a string", {"title": "no text"}, {"text": null}]"#,
    )
    .unwrap();
    let jsonl = dir.path().join("records.jsonl");
    std::fs::write(&jsonl, "{\"text\": [\"a\"]}\n42\n{\"text\": \"China accused Taiwan.\", \"lang\": 7}\n").unwrap();
    let good = good(dir.path());
    let o = run(attrib(&["--format", "json"], &[&json, &jsonl, &good]));
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    says(&o, "error", "records.json", "array item 1: field `text` must be a string, found a number; record skipped");
    says(&o, "warning", "records.json", "array item 2: field `title` must be a string, found an array; ignored");
    says(&o, "warning", "records.json", "array item 2: field `published` must be a string, found a number; ignored");
    says(&o, "warning", "records.json", "array item 2: field `id` must be a string, found a boolean; ignored");
    says(&o, "error", "records.json", "array item 3 is a string, expected a document object");
    says(&o, "error", "records.json", "array item 4: required field `text` is missing");
    says(&o, "error", "records.json", "array item 5: field `text` must be a string, found null");
    says(&o, "error", "records.jsonl:1", "field `text` must be a string, found an array");
    says(&o, "error", "records.jsonl:2", "expected a document object, found a number");
    says(&o, "warning", "records.jsonl:3", "field `lang` must be a string, found a number; ignored");
    let ids = doc_ids(&o);
    assert_eq!(ids.len(), 3, "{ids:?}");
    good_was_analysed(&o, &good);
}

#[cfg(unix)]
fn mkfifo(p: &Path) {
    let ok = Command::new("mkfifo").arg(p).status().expect("mkfifo (coreutils)").success();
    assert!(ok, "mkfifo failed");
}

#[cfg(unix)]
#[test]
fn a_fifo_is_read_when_named_and_skipped_inside_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let good = good(dir.path());
    // Inside a folder, a fifo that no one writes to is skipped: no hang.
    let fifo = dir.path().join("pipe.txt");
    mkfifo(&fifo);
    let o = run_within(attrib(&["--format", "json"], &[dir.path()]), Duration::from_secs(60));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    says(&o, "warning", "pipe.txt", "a fifo (named pipe) in a folder; skipped");
    good_was_analysed(&o, &good);

    // Named on the command line (as `<(command)` does), it is read to its end.
    let writer_path = fifo.clone();
    let writer = std::thread::spawn(move || {
        let mut f = std::fs::OpenOptions::new().write(true).open(writer_path).unwrap();
        f.write_all(b"The United States accused Russia of cyberattacks. ").unwrap();
        std::thread::sleep(Duration::from_millis(100));
        f.write_all(b"Russia denied it.\n").unwrap();
    });
    let o = run_within(attrib(&["--format", "json"], &[&fifo, &good]), Duration::from_secs(60));
    writer.join().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let r = report(&o);
    assert_eq!(r["documents"][0]["id"], fifo.display().to_string());
    assert_eq!(r["documents"][0]["sentences"], 2);
    good_was_analysed(&o, &good);
}

/// Whether this process can read files whatever their permission bits (it runs as root).
#[cfg(unix)]
fn reads_everything(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let probe = dir.join("probe");
    std::fs::write(&probe, "x").unwrap();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o000)).unwrap();
    let readable = std::fs::read(&probe).is_ok();
    std::fs::remove_file(&probe).unwrap();
    readable
}

#[cfg(target_os = "linux")]
#[test]
fn a_folder_with_an_unreadable_file_and_symlink_loops() {
    use std::os::unix::fs::{symlink, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("statements");
    std::fs::create_dir_all(root.join("sub")).unwrap();
    let good = good(&root);
    std::fs::write(root.join("sub/more.txt"), "Taiwan denied the accusation by China.\n").unwrap();
    // A loop back to the top, and a link that points at itself.
    symlink(&root, root.join("sub/loop")).unwrap();
    symlink(root.join("self"), root.join("self")).unwrap();
    // A file whose read fails for anyone, root included: /proc/self/mem at offset 0 (EIO).
    symlink("/proc/self/mem", root.join("memory.txt")).unwrap();
    // A file without read permission: unreadable unless the tests run as root.
    let locked = root.join("locked.txt");
    std::fs::write(&locked, "Secret statement.\n").unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let as_root = reads_everything(dir.path());

    let o = run_within(attrib(&["--format", "json"], &[&root]), Duration::from_secs(60));
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    says(&o, "warning", "sub/loop", "folder already visited (symbolic link loop); skipped");
    says(&o, "error", "statements/self", "too many levels of symbolic links");
    says(&o, "error", "memory.txt", "cannot read: input/output error");
    if as_root {
        eprintln!("running as root: permission bits do not stop root, so locked.txt is read (the unreadable case is checked with /proc/self/mem)");
    } else {
        says(&o, "error", "locked.txt", "permission denied");
    }
    let ids = doc_ids(&o);
    // Each good file once, in sorted order, the loop not followed.
    let mut expected = vec![good.display().to_string()];
    if as_root {
        expected.push(root.join("locked.txt").display().to_string());
    }
    expected.push(root.join("sub/more.txt").display().to_string());
    assert_eq!(ids, expected);
    good_was_analysed(&o, &good);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o600)).unwrap();
}

#[test]
fn stdin_closed_early_keeps_what_arrived() {
    // Two whole records and half of a third, then the writer goes away.
    let mut c = Command::new(bin());
    c.args(["analyze", "--no-config", "--format", "json"]);
    let o = run_with_stdin(
        c,
        b"{\"id\": \"a\", \"text\": \"China accused Taiwan.\"}\n{\"id\": \"b\", \"text\": \"Taiwan denied it.\"}\n{\"id\": \"c\", \"te",
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    says(&o, "error", "-:3", "invalid JSON: EOF while parsing");
    assert_eq!(doc_ids(&o), ["a", "b"]);

    // Plain text cut mid-word: analysed as far as it goes.
    let mut c = Command::new(bin());
    c.args(["analyze", "--no-config", "--format", "json", "-"]);
    let o = run_with_stdin(c, "China accused Taiwan of cyber".as_bytes());
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(report(&o)["documents"][0]["bytes"], 29);
}

#[test]
fn stdout_closed_early_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    // Many small documents: the reports are written as they are analysed, in many writes.
    let big = dir.path().join("many.jsonl");
    let record = serde_json::json!({"text": GOOD.replace('\n', " ") + "Traffic went to 203.0.113.7."});
    std::fs::write(&big, format!("{record}\n").repeat(3_000)).unwrap();
    let big = big.display().to_string();
    for args in [
        vec!["analyze", "--no-config", "--color", "never", big.as_str()],
        vec!["analyze", "--no-config", "--format", "jsonl", big.as_str()],
        vec!["analyze", "--no-config", "--format", "markdown", big.as_str()],
        vec!["iocs", "--format", "csv", big.as_str()],
        vec!["schema"],
        vec!["completions", "bash"],
        vec!["man"],
    ] {
        let mut child = Command::new(bin())
            .args(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Read one byte, then close the pipe, as `| head -c 1` does.
        let mut stdout = child.stdout.take().unwrap();
        let mut one = [0u8; 1];
        let _ = stdout.read(&mut one);
        drop(stdout);
        let o = child.wait_with_output().unwrap();
        let err = stderr(&o);
        assert!(!err.contains("panicked") && !err.contains("Broken pipe"), "{args:?}: {err}");
        assert_eq!(o.status.code(), Some(0), "{args:?}: {err}");
    }
}

#[test]
fn output_into_a_missing_folder_or_over_an_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let good = good(dir.path());
    let missing = dir.path().join("no/such/folder/report.json");
    let o = run(attrib(&["--format", "json", "--output", missing.to_str().unwrap()], &[&good]));
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("attrib: error: cannot write ") && err.contains("report.json"), "{err}");
    assert!(err.contains("no/such/folder does not exist"), "{err}");
    assert!(!dir.path().join("no").exists());

    // The same input under another name: through a symbolic link, and with `..` in the path.
    let before = std::fs::read(&good).unwrap();
    let link = dir.path().join("link.txt");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&good, &link).unwrap();
    let roundabout = dir.path().join("sub/../good.txt");
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    for dest in [&link, &roundabout] {
        if !dest.exists() {
            continue;
        }
        let o = run(attrib(&["--output", dest.to_str().unwrap()], &[&good]));
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains("is one of the inputs; refusing to overwrite it"), "{}", stderr(&o));
        assert_eq!(std::fs::read(&good).unwrap(), before, "the input was touched");
    }
}

#[test]
fn max_document_bytes_skips_large_documents_with_a_diagnostic() {
    let dir = tempfile::tempdir().unwrap();
    let long = dir.path().join("long.txt");
    std::fs::write(&long, GOOD.repeat(100)).unwrap();
    let jsonl = dir.path().join("records.jsonl");
    let big_record = serde_json::json!({"id": "big", "text": GOOD.repeat(100)});
    std::fs::write(&jsonl, format!("{{\"id\": \"small\", \"text\": \"Taiwan denied it.\"}}\n{big_record}\n")).unwrap();
    let good = good(dir.path());
    let o = run(attrib(&["--format", "json", "--max-document-bytes", "1000"], &[&long, &jsonl, &good]));
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    says(
        &o,
        "error",
        "long.txt",
        "larger than the document limit of 1000 bytes; skipped (raise it with --max-document-bytes)",
    );
    says(&o, "error", "records.jsonl:2", "text longer than the document limit of 1000 bytes; record skipped");
    let ids = doc_ids(&o);
    assert_eq!(ids, ["small".to_string(), good.display().to_string()]);
}

#[test]
fn an_interrupted_iocs_run_leaves_no_partial_file() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    std::fs::write(&big, "Traffic went to 203.0.113.7 and evil[.]example[.]com.\n".repeat(400_000)).unwrap();
    let out = dir.path().join("iocs.csv");
    let mut child = Command::new(bin())
        .args(["iocs", "--format", "csv", "--output"])
        .arg(&out)
        .arg(&big)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let pending = || {
        std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .any(|e| e.file_name().to_string_lossy().starts_with(".attrib-"))
    };
    while !pending() && start.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(10));
    }
    Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    let status = child.wait().unwrap();
    if status.code() == Some(0) {
        let csv = std::fs::read_to_string(&out).unwrap();
        assert_eq!(csv.lines().count(), 1 + 2 * 400_000, "a finished run writes the whole file");
    } else {
        assert_eq!(status.code(), Some(130));
        assert!(!out.exists(), "a partial file was left");
    }
    assert!(!pending(), "a temporary file was left");
}

#[test]
fn configured_patterns_are_compiled_within_limits() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("advisory.txt");
    std::fs::write(&input, "Traffic went to evil.example.com, 203.0.113.9 and bad.example.org.\n").unwrap();
    let config = dir.path().join("attrib.toml");
    std::fs::write(&config, "[iocs]\nignore = ['(?i)\\.example\\.com$']\n").unwrap();
    let o = Command::new(bin()).arg("iocs").arg("--config").arg(&config).arg(&input).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let listed = String::from_utf8_lossy(&o.stdout);
    assert!(!listed.contains("evil.example.com") && listed.contains("bad.example.org"), "{listed}");

    // A pattern that would compile to a huge program is refused, naming the file and entry.
    std::fs::write(&config, "[iocs]\nignore = ['ok', '\\w{1000}{1000}']\n").unwrap();
    for sub in ["iocs", "analyze"] {
        let o = Command::new(bin()).arg(sub).arg("--config").arg(&config).arg(&input).output().unwrap();
        assert_eq!(o.status.code(), Some(2));
        let err = stderr(&o);
        assert!(
            err.contains("attrib.toml: [iocs] ignore entry 2: compiles to more than the limit of 1048576 bytes"),
            "{sub}: {err}"
        );
    }
}

#[test]
fn csv_cells_from_input_cannot_run_as_formulas() {
    let records = [
        r#"{"id": "=HYPERLINK(\"http://evil.example\",\"x\")", "text": "Seen at 203.0.113.9."}"#,
        r#"{"id": "+1+cmd|' /C calc'!A0", "text": "Seen at 203.0.113.10."}"#,
        r#"{"id": "-2+3", "text": "Seen at 203.0.113.11."}"#,
        r#"{"id": "@SUM(A1:A9)", "text": "Seen at 203.0.113.12."}"#,
        r#"{"id": "\tTAB", "text": "Seen at 203.0.113.13."}"#,
    ];
    let mut c = Command::new(bin());
    c.args(["iocs", "--format", "csv", "-"]);
    let o = run_with_stdin(c, (records.join("\n") + "\n").as_bytes());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let csv = String::from_utf8(o.stdout).unwrap();
    let firsts: Vec<&str> = csv.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
    assert_eq!(firsts.len(), records.len(), "{csv}");
    for cell in firsts {
        let cell = cell.trim_start_matches('"');
        assert!(cell.starts_with('\''), "a cell a spreadsheet would run: {cell:?} in {csv}");
    }
}

/// Four letters for `i` (`a`..`z` or `A`..`Z`): names that differ for every block.
fn letters(mut i: usize, base: u8) -> String {
    (0..4)
        .map(|_| {
            let c = (base + (i % 26) as u8) as char;
            i /= 26;
            c
        })
        .collect()
}

/// A document of a few megabytes made of what once made learning speakers quadratic: many
/// distinct unknown speakers, each named again later, abbreviations spelled out after their
/// long names, and a known actor saying something over and over. Every speaker, every later use
/// and every abbreviation is learned, and nothing else.
#[test]
fn a_document_of_thousands_of_unknown_speakers_is_read_whole() {
    const BLOCKS: usize = 20_000;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("speakers.txt");
    let mut text = String::new();
    // actor id → (name, the mentions' texts and starts)
    let mut want: std::collections::BTreeMap<String, (String, Vec<(String, usize)>)> = Default::default();
    let mut china = Vec::new();
    for i in 0..BLOCKS {
        let (first, last, abbr) = (letters(i, b'a'), letters(i * 7 + 3, b'a'), format!("Q{}", letters(i, b'A')));
        let name = format!("Q{first} X{last}");
        let agency = format!("Qx{first} Press Agency");
        let at = text.len();
        text += &format!("{name} said. Later {name} added. ");
        let uses = vec![(name.clone(), at), (name.clone(), at + name.len() + 13)];
        want.insert(format!("s-q{first}-x{last}"), (name, uses));
        let at = text.len();
        text += &format!("The {agency} ({abbr}) reported an outage. ");
        let mut uses = vec![(agency.clone(), at + 4), (abbr.clone(), at + 4 + agency.len() + 2)];
        uses.push((abbr.clone(), text.len()));
        text += &format!("{abbr} said. ");
        want.insert(format!("s-qx{first}-press-agency"), (agency, uses));
        china.push(("China".to_string(), text.len()));
        text += "China said so.\n";
    }
    assert!(text.len() > 2_000_000, "{}", text.len());
    want.insert("cn".into(), ("China".into(), china));
    std::fs::write(&path, &text).unwrap();
    let o = run(attrib(&["--format", "json"], &[&path]));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let got: std::collections::BTreeMap<String, (String, Vec<(String, usize)>)> = report(&o)["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let mentions = a["mentions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| (m["text"].as_str().unwrap().to_string(), m["span"]["start"].as_u64().unwrap() as usize))
                .collect();
            (a["id"].as_str().unwrap().to_string(), (a["name"].as_str().unwrap().to_string(), mentions))
        })
        .collect();
    assert_eq!(got.len(), want.len());
    for (id, w) in &want {
        assert_eq!(got.get(id), Some(w), "actor {id}");
    }
}
