//! `--format html` in a real browser: headless Chromium loads the page from a file and dumps its
//! DOM, which must hold every claim, evidence item and assessment of the JSON report, the claim
//! graph as SVG, and no script however hostile the input.
//!
//! Chromium is found through `ATTRIB_CHROMIUM`, then `/usr/bin/chromium`, then `chromium-browser`
//! and `chromium` on `PATH`. Without it the browser tests are skipped, unless `CI=true`.

use assert_cmd::Command;
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

fn attrib() -> Command {
    let mut c = Command::cargo_bin("attrib").unwrap();
    c.env_remove("NO_COLOR").env_remove("ATTRIB_COLOR");
    c
}

fn fixture(p: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(p)
}

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("ATTRIB_CHROMIUM").filter(|p| !p.is_empty()) {
        let p = PathBuf::from(p);
        assert!(p.is_file(), "ATTRIB_CHROMIUM={} is not a file", p.display());
        return Some(p);
    }
    let usual = PathBuf::from("/usr/bin/chromium");
    if usual.is_file() {
        return Some(usual);
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    ["chromium-browser", "chromium"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |d| d.join(name)))
        .find(|p| p.is_file())
}

/// Chromium, or `None` after saying why the test is skipped; under `CI=true`, a failure.
fn chromium_or_skip() -> Option<PathBuf> {
    let found = chromium();
    if found.is_none() {
        let how = "set ATTRIB_CHROMIUM, or: apt-get install -y chromium";
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("Chromium not found and CI=true ({how})");
        }
        eprintln!("Chromium not found ({how}); skipping the HTML browser test");
    }
    found
}

/// `attrib analyze --format FORMAT INPUTS`, checked to have run.
fn analyze(format: &str, inputs: &[PathBuf], output: Option<&Path>) -> Vec<u8> {
    let mut cmd = attrib();
    cmd.args(["analyze", "--quiet", "--format", format]).args(inputs);
    if let Some(o) = output {
        cmd.arg("--output").arg(o);
    }
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "attrib failed: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

/// A `file://` URL for an absolute path.
fn file_url(p: &Path) -> String {
    let mut url = String::from("file://");
    for b in p.to_str().expect("a UTF-8 temporary path").bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

/// Chromium's DOM of the page at `html`, after it has loaded and laid it out.
fn dump_dom(chromium: &Path, html: &Path) -> String {
    let profile = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(file_url(html))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start Chromium");
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        stdout.read_to_string(&mut s).map(|_| s)
    });
    let errors = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("Chromium did not finish within 120 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let dom = reader.join().unwrap().expect("Chromium's output is UTF-8");
    let errors = errors.join().unwrap();
    assert!(status.success() && dom.contains("</html>"), "Chromium failed ({status}): {errors}");
    dom
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn all<'a>(dom: &'a Html, s: &str) -> Vec<ElementRef<'a>> {
    dom.select(&sel(s)).collect()
}

fn attr<'a>(e: &ElementRef<'a>, name: &str) -> &'a str {
    e.value().attr(name).unwrap_or_default()
}

fn text(e: &ElementRef) -> String {
    e.text().collect()
}

/// The text a reader sees, without the markers put where hidden characters were.
fn seen(e: &ElementRef) -> String {
    e.descendants()
        .filter_map(|n| n.value().as_text().map(|t| (n, t)))
        .filter(|(n, _)| {
            !n.ancestors().any(|a| a.value().as_element().is_some_and(|el| el.classes().any(|c| c == "ctl")))
        })
        .map(|(_, t)| t.to_string())
        .collect()
}

/// `s` without the characters the page must not show (controls, bidi and zero-width ones).
fn visible(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            !((c.is_control() && c != '\n' && c != '\t')
                || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{061c}' | '\u{feff}'))
        })
        .collect()
}

/// No script anywhere in the DOM, no event handler attribute, no `javascript:` link, and the
/// page's own policy in place.
fn assert_inert(dom: &Html) {
    assert!(all(dom, "script").is_empty(), "a <script> element in the DOM");
    for e in all(dom, "*") {
        for (name, value) in e.value().attrs() {
            assert!(!name.to_ascii_lowercase().starts_with("on"), "event handler {name}={value:?}");
            assert!(!value.trim_start().to_ascii_lowercase().starts_with("javascript:"), "{name}={value:?}");
        }
        assert!(!matches!(e.value().name(), "iframe" | "object" | "embed" | "img" | "link" | "base" | "form"));
    }
    let csp = all(dom, "meta[http-equiv=\"Content-Security-Policy\"]");
    assert_eq!(csp.len(), 1);
    let policy = attr(&csp[0], "content");
    assert!(policy.starts_with("default-src 'none'; style-src 'unsafe-inline'; img-src data:"), "{policy}");
}

/// The DOM holds what the JSON report holds, document by document.
fn assert_matches_json(dom: &Html, report: &Value) {
    assert_eq!(attr(&all(dom, "html")[0], "lang"), "en");
    assert_eq!(all(dom, "meta[charset=\"utf-8\"]").len(), 1);
    assert!(text(&all(dom, "title")[0]).starts_with("attrib report"));
    let docs = all(dom, "article.doc");
    assert_eq!(docs.len(), report["documents"].as_array().unwrap().len());

    // Element ids are unique and every link inside the page lands on one.
    let mut ids: Vec<&str> = all(dom, "[id]").iter().map(|e| attr(e, "id")).collect();
    ids.sort_unstable();
    let n = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate element ids");
    for a in all(dom, "a[href]") {
        let href = attr(&a, "href");
        let target = href.strip_prefix('#').unwrap_or_else(|| panic!("a link out of the page: {href}"));
        assert!(ids.binary_search(&target).is_ok(), "link to a missing id: {href}");
    }
    for e in all(dom, "[marker-end]") {
        let m = attr(&e, "marker-end");
        let target = m.strip_prefix("url(#").and_then(|m| m.strip_suffix(')')).expect("a marker in the page");
        assert!(ids.binary_search(&target).is_ok(), "missing marker {m}");
    }

    let claims = report["claims"].as_array().unwrap();
    let rows = all(dom, "tr[data-claim-id]");
    let ids: Vec<&str> = rows.iter().map(|r| attr(r, "data-claim-id")).collect();
    let want: Vec<&str> = claims.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids, want, "the claims table lists the JSON claims in order");
    for (row, c) in rows.iter().zip(claims) {
        let id = c["id"].as_str().unwrap();
        let name = |k: &str| visible(c[k].as_str().unwrap_or("unnamed"));
        assert_eq!(attr(row, "data-kind"), c["kind"].as_str().unwrap(), "{id}");
        assert_eq!(attr(row, "data-claimant"), name("claimant_name"), "{id}");
        assert_eq!(attr(row, "data-accused"), name("accused_name"), "{id}");
        let shown = text(row);
        assert!(shown.contains(&name("claimant_name")) && shown.contains(&name("accused_name")), "{id}: {shown}");
        assert!(shown.contains(&c["kind"].as_str().unwrap().replace('_', "-")), "{id}: {shown}");
        let span = &c["span"];
        assert!(shown.contains(&format!("{}:{}", span["line"], span["column"])), "{id}: {shown}");

        // The claim's first span is highlighted in the text, with who claims what in the tooltip.
        let marks = all(dom, &format!("mark.claim[data-claim-id=\"{id}\"]"));
        assert!(!marks.is_empty(), "no highlight for {id}");
        let marked: String = marks.iter().map(seen).collect();
        assert!(marked.contains(&visible(c["text"].as_str().unwrap())), "{id}: highlighted {marked:?}");
        let title = attr(&marks[0], "title");
        assert!(title.contains(&name("claimant_name")) && title.contains(&name("accused_name")), "{title}");
        assert!(title.contains(id), "{title}");

        // And drawn in the graph when it names an actor.
        if c["claimant"].is_string() || c["accused"].is_string() {
            let edge = all(dom, &format!("svg g.edge[data-claim-id=\"{id}\"] path"));
            assert_eq!(edge.len(), 1, "no edge for {id}");
            assert!(attr(&edge[0], "marker-end").starts_with("url(#"), "{id}: arrowhead");
        }
    }

    for doc in &docs {
        let doc = Html::parse_fragment(&doc.html());
        let n_claims = all(&doc, "tr[data-claim-id]").len();
        let svgs = all(&doc, "svg.graph");
        if n_claims == 0 {
            assert!(svgs.is_empty());
            continue;
        }
        assert_eq!(svgs.len(), 1, "one claim graph per document with claims");
        assert!(!all(&doc, "svg.graph marker").is_empty());
        let mut actors: Vec<&str> = Vec::new();
        for r in all(&doc, "tr[data-claim-id]") {
            for k in ["data-claimant", "data-accused"] {
                if !actors.contains(&attr(&r, k)) {
                    actors.push(attr(&r, k));
                }
            }
        }
        let nodes = all(&doc, "svg.graph g.node");
        assert!(!nodes.is_empty() && nodes.len() <= actors.len(), "{} nodes for {actors:?}", nodes.len());
    }

    for e in report["evidence"].as_array().unwrap() {
        let id = e["id"].as_str().unwrap();
        assert_eq!(all(dom, &format!("li[data-evidence-id=\"{id}\"]")).len(), 1, "evidence {id} listed");
        assert!(!all(dom, &format!("mark.ev[data-evidence-id=\"{id}\"]")).is_empty(), "evidence {id} highlighted");
    }

    let assessments = report["assessments"].as_array().unwrap();
    assert_eq!(all(dom, "article.assessment").len(), assessments.len());
    for a in assessments {
        let id = a["id"].as_str().unwrap();
        let card = all(dom, &format!("article.assessment[data-assessment-id=\"{id}\"]"));
        assert_eq!(card.len(), 1, "assessment {id}");
        let card = Html::parse_fragment(&card[0].html());
        assert_eq!(text(&all(&card, ".score")[0]), a["score"].to_string());
        assert_eq!(text(&all(&card, ".band")[0]), a["confidence"].as_str().unwrap());
        assert_eq!(all(&card, "table.factors tbody tr").len(), a["factors"].as_array().unwrap().len());
        let bar = all(&card, ".bar span");
        assert_eq!(attr(&bar[0], "style"), format!("width:{}%", a["score"]));
    }

    let matrices = report["matrices"].as_array().unwrap();
    let tables = all(dom, "table.matrix");
    assert_eq!(tables.len(), matrices.len());
    for (t, m) in tables.iter().zip(matrices) {
        let t = Html::parse_fragment(&t.html());
        let rows = m["rows"].as_array().unwrap();
        assert_eq!(all(&t, "tbody tr").len(), rows.len());
        let cells: Vec<String> = all(&t, "td.cell").iter().map(|c| attr(c, "class").to_string()).collect();
        let want: Vec<String> = rows
            .iter()
            .flat_map(|r| r["cells"].as_array().unwrap().iter().map(|c| format!("cell m-{}", c.as_str().unwrap())))
            .collect();
        assert_eq!(cells, want);
    }
}

/// Renders `inputs` to a page and to JSON; the browser's DOM must match the JSON.
fn check_in_browser(chromium: &Path, inputs: &[PathBuf]) {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    analyze("html", inputs, Some(&page));
    let report: Value = serde_json::from_slice(&analyze("json", inputs, None)).unwrap();
    assert!(!report["claims"].as_array().unwrap().is_empty(), "the fixture has claims");
    let dom = Html::parse_document(&dump_dom(chromium, &page));
    assert_inert(&dom);
    assert_matches_json(&dom, &report);
}

#[test]
fn browser_shows_the_claims_of_the_json_report() {
    let Some(chromium) = chromium_or_skip() else { return };
    check_in_browser(&chromium, &[fixture("articles/anonymous64-taiwan.txt")]);
    check_in_browser(&chromium, &[fixture("articles/wannacry-dprk.html")]);
    // Several documents at once: matrices, assessments across documents, ids unique in the page.
    check_in_browser(&chromium, &[fixture("articles")]);
}

#[test]
fn hostile_input_runs_nothing_in_the_browser() {
    let dir = tempfile::tempdir().unwrap();
    let sentence = "China\u{2019}s foreign ministry accused <script>alert(1)</script> hackers \u{1b}[31mbacked by \
                    the United States\u{202e} of attacks on its networks, citing a file named =cmd|'/c calc'!A1 \
                    found on the servers.\nThe United States denied the accusation.\n\
                    Its \u{1b}]8;;http://evil.example\u{7}link\u{1b}]8;;\u{7}, clipboard \u{1b}]52;c;aGk=\u{7}, \
                    marks \u{202a}a\u{202b}b\u{202c}c\u{202d}d \u{2066}e\u{2067}f\u{2068}g\u{2069} and \
                    zero-width z\u{200b}w\u{200c}n\u{200d}j\u{2060}\u{feff} characters.\n";
    const HIDDEN: [char; 16] = [
        '\u{1b}', '\u{7}', '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}',
        '\u{2068}', '\u{2069}', '\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}',
    ];
    // A hostile file name and hostile metadata too.
    let txt = dir.path().join("evil\"<script>alert(5)<.txt");
    std::fs::write(&txt, sentence).unwrap();
    let md = dir.path().join("meta.md");
    std::fs::write(
        &md,
        format!(
            "---\ntitle: <script>alert(2)</script>\u{202e}txt.exe\nsource: \"><img src=x onerror=alert(4)>\n\
             url: javascript:alert(3)\n---\n\n{sentence}"
        ),
    )
    .unwrap();
    let inputs = [txt.clone(), md];
    let report: Value = serde_json::from_slice(&analyze("json", &inputs, None)).unwrap();
    assert!(!report["claims"].as_array().unwrap().is_empty(), "the hostile sentence makes a claim");

    let page = dir.path().join("report.html");
    analyze("html", &inputs, Some(&page));
    let bytes = std::fs::read_to_string(&page).unwrap();
    assert!(!bytes.contains("<script"), "a script tag in the page's bytes");
    for c in HIDDEN {
        assert!(!bytes.contains(c), "{c:?} in the page's bytes");
    }
    assert!(!bytes.contains("&#x2"), "a numeric reference that the browser would decode back");
    // The same bytes on every run.
    let again = dir.path().join("again.html");
    analyze("html", &inputs, Some(&again));
    assert_eq!(bytes, std::fs::read_to_string(&again).unwrap());

    let Some(chromium) = chromium_or_skip() else { return };
    let dom = Html::parse_document(&dump_dom(&chromium, &page));
    assert_inert(&dom);
    let body = text(&all(&dom, "body")[0]);
    for c in HIDDEN {
        assert!(!body.contains(c), "{c:?} in the rendered text");
    }
    assert!(all(&dom, "a[href*=\"evil.example\"]").is_empty(), "a terminal link became a page link");
    assert!(body.contains("<script>alert(1)</script>"), "the hostile text is shown as text");
    assert!(body.contains("=cmd|'/c calc'!A1"));
    assert!(body.contains("evil\"<script>alert(5)<.txt"), "the file name is shown as text");
    assert!(!all(&dom, ".ctl").is_empty(), "hidden characters are marked where they were");
    let first = &all(&dom, "article.doc h2")[1];
    assert!(seen(first).contains("<script>alert(2)</script>txt.exe"), "{}", text(first));
    assert!(text(first).contains("U+202E"), "the override is marked: {}", text(first));
    assert!(all(&dom, "a[href^=\"javascript\"]").is_empty());
    assert_matches_json(&dom, &report);
}
