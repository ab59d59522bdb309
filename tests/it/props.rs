//! Property tests over generated text: news-like tokens in both languages, defanged indicators,
//! markup, controls, bidi and zero-width characters, mixed with arbitrary characters.
//! Spans lie inside their document on char boundaries; segmentation covers the text without
//! gaps or overlaps; refanging is idempotent; the JSON report validates against `attrib schema`;
//! the output bytes are the same on every run and for any thread count.

use attrib::ingest::Document;
use attrib::pipeline::{self, DocAnalysis};
use attrib::render::{self, RunReport, Style};
use attrib::report::DocReport;
use attrib::span::Span;
use proptest::prelude::*;
use serde_json::Value;

const TOKENS: &[&str] = &[
    "China",
    "China's",
    "Taiwan",
    "the United States",
    "Ministry of State Security",
    "foreign ministry",
    "spokesperson",
    "APT31",
    "Lazarus Group",
    "Anonymous64",
    "hackers",
    "accused",
    "denied",
    "rejected",
    "claimed responsibility for",
    "said",
    "according to",
    "attacked",
    "cyberattacks",
    "on behalf of",
    "evidence",
    "malware",
    "IP addresses",
    "screenshots",
    "groundless",
    "\"",
    "“",
    "”",
    "‘",
    "’",
    "(",
    ")",
    ",",
    ".",
    ". ",
    "!",
    "?",
    "…",
    ":",
    ";",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "  ",
    "U.S.",
    "e.g.",
    "Inc.",
    "No.",
    "1.2.3[.]4",
    "hxxps://evil[.]example[.]com/a",
    "bad(dot)site[.]org",
    "user[at]mail[.]ru",
    "CVE-2024-3400",
    "T1566.001",
    "d41d8cd98f00b204e9800998ecf8427e",
    "中国",
    "台湾",
    "外交部",
    "国家安全部",
    "指责",
    "否认",
    "网络攻击",
    "黑客组织",
    "。",
    "，",
    "“",
    "！",
    "？",
    "；",
    "\u{202e}",
    "\u{2066}",
    "\u{200b}",
    "\u{feff}",
    "\u{1b}[31m",
    "\u{1b}]8;;http://x\u{7}",
    "e\u{301}",
    "👩‍💻",
    "<script>",
    "&amp;",
    "=cmd|'/c calc'!A1",
    "# ",
    "- ",
    "> ",
    "* ",
    "---\n",
];

/// A token from the list, or a short run of arbitrary characters.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(TOKENS).prop_map(str::to_string),
        1 => proptest::collection::vec(any::<char>(), 1..4).prop_map(|cs| cs.into_iter().collect()),
    ]
}

/// News-like text: tokens joined by spaces or nothing.
fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec((token(), any::<bool>()), 0..60).prop_map(|parts| {
        let mut s = String::new();
        for (t, space) in parts {
            s.push_str(&t);
            if space {
                s.push(' ');
            }
        }
        s
    })
}

fn check_span(text: &str, s: Span, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(s.start <= s.end && s.end <= text.len(), "{} {:?} outside {} bytes", what, s, text.len());
    prop_assert!(
        text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
        "{} {:?} splits a character of {:?}",
        what,
        s,
        text
    );
    Ok(())
}

fn check_analysis(a: &DocAnalysis) -> Result<(), TestCaseError> {
    let text = a.doc.text.as_str();
    for s in &a.sentences {
        check_span(text, s.span, "sentence")?;
    }
    for m in &a.recognized.mentions {
        check_span(text, m.span, "mention")?;
        if let Some(ante) = m.antecedent {
            check_span(text, ante, "antecedent")?;
        }
    }
    for c in &a.claims {
        for s in &c.spans {
            check_span(text, *s, "claim span")?;
        }
    }
    for e in &a.evidence {
        check_span(text, e.span, "evidence")?;
    }
    for i in &a.indicators {
        check_span(text, i.span, "indicator")?;
        prop_assert_eq!(i.span.slice(text), i.raw.as_str());
    }
    Ok(())
}

/// Every `{start, end, line, column}` object of a serialised report: on char boundaries, and
/// its line and column those of its start.
fn check_wire_spans(v: &Value, text: &str) -> Result<(), TestCaseError> {
    match v {
        Value::Object(o) => {
            if let (Some(start), Some(end), Some(line), Some(column)) =
                (o.get("start"), o.get("end"), o.get("line"), o.get("column"))
            {
                let (start, end) = (start.as_u64().unwrap() as usize, end.as_u64().unwrap() as usize);
                check_span(text, Span { start, end }, "reported span")?;
                let before = &text[..start];
                let want_line = before.matches('\n').count() + 1;
                let want_col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
                prop_assert_eq!(
                    (line.as_u64().unwrap() as usize, column.as_u64().unwrap() as usize),
                    (want_line, want_col)
                );
            }
            for x in o.values() {
                check_wire_spans(x, text)?;
            }
        }
        Value::Array(a) => {
            for x in a {
                check_wire_spans(x, text)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// The JSON report of some documents, rendered as `attrib analyze --format json` renders it.
fn json_report(texts: &[String]) -> Vec<u8> {
    let reports: Vec<DocReport> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| DocReport::from_analysis(&pipeline::analyze_document(&Document::from_text(&format!("d{i}"), t))))
        .collect();
    let weights = attrib::score::Weights::default_weights();
    let mut run = attrib::score::RunScorer::new(&weights, usize::MAX);
    for rep in &reports {
        run.add(attrib::score::DocRecords::new(&rep.claims, &rep.evidence)).unwrap();
    }
    let mut scored = attrib::score::Collected::default();
    run.finish(&mut scored).unwrap();
    let (assessments, matrices) = (scored.assessments, scored.matrices);
    let mut out = Vec::new();
    let mut r = render::renderer(render::Format::Json, Style::default());
    for rep in &reports {
        r.document(&mut out, rep).unwrap();
    }
    r.finish(&mut out, &RunReport { assessments, matrices, diagnostics: Vec::new() }).unwrap();
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn every_span_lies_inside_its_document_on_char_boundaries(t in text()) {
        let doc = Document::from_text("p", &t);
        let a = pipeline::analyze_document(&doc);
        check_analysis(&a)?;
        let report = serde_json::to_value(DocReport::from_analysis(&a)).unwrap();
        check_wire_spans(&report, &t)?;
    }

    #[test]
    fn segmentation_covers_the_text_without_gaps_or_overlaps(t in text()) {
        let paragraphs = attrib::segment::paragraphs(&t);
        let sentences = attrib::segment::segment(&t);
        let mut at = 0;
        for p in &paragraphs {
            check_span(&t, *p, "paragraph")?;
            prop_assert!(p.start >= at, "paragraph {:?} overlaps the one before", p);
            at = p.end;
        }
        let mut at = 0;
        for s in &sentences {
            check_span(&t, s.span, "sentence")?;
            prop_assert!(!s.span.is_empty());
            prop_assert!(s.span.start >= at, "sentence {:?} overlaps the one before", s.span);
            let gap = &t[at..s.span.start];
            prop_assert!(gap.chars().all(char::is_whitespace), "text left out between sentences: {:?}", gap);
            prop_assert!(paragraphs[s.paragraph].contains(s.span), "sentence outside its paragraph");
            at = s.span.end;
        }
        let tail = &t[at..];
        prop_assert!(tail.chars().all(char::is_whitespace), "text left out at the end: {:?}", tail);
    }

    #[test]
    fn refanging_is_idempotent(t in text()) {
        let once = attrib::ioc::refang(&t);
        prop_assert_eq!(attrib::ioc::refang(&once), once.clone());
        for i in attrib::ioc::extractor().extract(&t) {
            prop_assert_eq!(attrib::ioc::refang(&i.value), i.value.clone(), "a reported value is not refanged");
        }
    }

    #[test]
    fn json_report_parses_validates_and_is_the_same_every_time(
        texts in proptest::collection::vec(text(), 1..4)
    ) {
        let bytes = json_report(&texts);
        let report: Value = serde_json::from_slice(&bytes).expect("the report parses");
        let schema = serde_json::to_value(attrib::report::schema()).unwrap();
        let mut errors = Vec::new();
        crate::schema::validate(&schema, &schema, &report, "$", &mut errors);
        prop_assert!(errors.is_empty(), "schema errors: {:?}", &errors[..errors.len().min(5)]);
        prop_assert_eq!(bytes, json_report(&texts), "a second run differs");
    }
}

proptest! {
    // Each case runs the binary five times: fewer cases.
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    #[test]
    fn output_bytes_are_the_same_across_runs_and_thread_counts(
        texts in proptest::collection::vec(text(), 1..12)
    ) {
        let dir = tempfile::tempdir().unwrap();
        for (i, t) in texts.iter().enumerate() {
            std::fs::write(dir.path().join(format!("{i:02}.txt")), t).unwrap();
        }
        let run = |format: &str, threads: &str| {
            let out = assert_cmd::Command::cargo_bin("attrib")
                .unwrap()
                .args(["analyze", "--no-config", "--format", format, "--threads", threads])
                .arg(dir.path())
                .output()
                .unwrap();
            assert!(out.status.code().is_some_and(|c| c == 0 || c == 2));
            out.stdout
        };
        let one = run("json", "1");
        prop_assert_eq!(&one, &run("json", "1"), "two runs differ");
        prop_assert_eq!(&one, &run("json", "3"), "1 and 3 threads differ");
        let text_one = run("text", "1");
        prop_assert_eq!(text_one, run("text", "4"), "the text report differs across thread counts");
    }
}
