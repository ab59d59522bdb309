//! HTML input: the visible text of a page (no script, style, navigation or other boilerplate),
//! entities decoded, block breaks kept, and metadata from `<title>`, `<meta>` and `<link>`.
//! Parsing is html5ever's (through scraper); the walk is iterative, so nesting depth is harmless.

use super::{dates, Meta};
use crate::diag::Diagnostic;
use ego_tree::iter::Edge;
use scraper::{Html, Node};

/// Elements whose whole subtree is never visible text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "head", "nav", "aside", "form", "iframe", "svg", "button", "select",
    "textarea", "object", "embed", "canvas", "audio", "video", "menu", "dialog",
];

/// Page furniture skipped unless it sits inside the article itself.
const FURNITURE: &[&str] = &["header", "footer"];

/// Elements that start and end a block of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "table",
    "figure",
    "figcaption",
    "address",
    "dl",
    "ul",
    "ol",
    "body",
    "header",
    "footer",
    "hr",
];

/// Elements that end a line.
const LINES: &[&str] = &["li", "tr", "dt", "dd", "br", "caption"];

/// Deeper than this, the HTML parser's scope checks turn quadratic; such pages are read by a
/// plain tag stripper instead (no real page nests this deep).
const MAX_NESTING: usize = 1_000;

pub fn read(name: &str, input: &str) -> (Meta, String, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    if max_nesting(input) > MAX_NESTING {
        diags.push(Diagnostic::warning(
            name,
            format!("HTML nested more than {MAX_NESTING} elements deep; read with a plain tag stripper"),
        ));
        return (Meta::default(), strip_tags(input), diags);
    }
    let doc = Html::parse_document(input);
    let meta = metadata(name, &doc, &mut diags);
    (meta, visible_text(&doc), diags)
}

fn metadata(name: &str, doc: &Html, diags: &mut Vec<Diagnostic>) -> Meta {
    let mut meta = Meta::default();
    let mut published_raw = None;
    for node in doc.tree.nodes() {
        let Node::Element(el) = node.value() else { continue };
        match el.name() {
            "html" => {
                if let Some(l) = el.attr("lang") {
                    meta.lang.get_or_insert_with(|| l.trim().to_string());
                }
            }
            "title" if meta.title.is_none() => {
                let t: String = node.descendants().filter_map(|n| n.value().as_text().map(|t| t.to_string())).collect();
                let t = collapse(&t);
                if !t.is_empty() {
                    meta.title = Some(t);
                }
            }
            "meta" => {
                let key = el.attr("property").or_else(|| el.attr("name")).or_else(|| el.attr("itemprop"));
                let (Some(key), Some(content)) = (key, el.attr("content")) else { continue };
                let content = content.trim();
                if content.is_empty() {
                    continue;
                }
                match key.to_ascii_lowercase().as_str() {
                    "article:published_time"
                    | "datepublished"
                    | "date"
                    | "pubdate"
                    | "publishdate"
                    | "dc.date"
                    | "dc.date.issued"
                    | "og:published_time"
                    | "sailthru.date" => {
                        published_raw.get_or_insert_with(|| content.to_string());
                    }
                    "og:site_name" | "application-name" | "publisher" | "dc.publisher" => {
                        meta.source.get_or_insert_with(|| content.to_string());
                    }
                    "og:url" => {
                        meta.url.get_or_insert_with(|| content.to_string());
                    }
                    "og:title" => {
                        meta.title.get_or_insert_with(|| content.to_string());
                    }
                    "author" | "article:author" => {
                        meta.speaker.get_or_insert_with(|| content.to_string());
                    }
                    _ => {}
                }
            }
            "link" if el.attr("rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) => {
                if let Some(h) = el.attr("href") {
                    meta.url = Some(h.trim().to_string());
                }
            }
            "time" => {
                if let Some(dt) = el.attr("datetime") {
                    published_raw.get_or_insert_with(|| dt.trim().to_string());
                }
            }
            _ => {}
        }
    }
    if let Some(raw) = published_raw {
        match dates::parse_published(&raw) {
            Ok(d) => meta.published = Some(d),
            Err(e) => diags.push(Diagnostic::warning(name, format!("bad published date in page metadata: {e}"))),
        }
    }
    meta
}

fn is_hidden(el: &scraper::node::Element) -> bool {
    el.attr("hidden").is_some()
        || el.attr("aria-hidden").is_some_and(|v| v.eq_ignore_ascii_case("true"))
        || el.attr("role").is_some_and(|r| matches!(r, "navigation" | "banner" | "contentinfo" | "complementary"))
}

fn visible_text(doc: &Html) -> String {
    let mut out = String::new();
    let mut skip_until: Option<ego_tree::NodeId> = None;
    let mut pre_depth = 0usize;
    let mut article_depth = 0usize;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if skip_until.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Element(el) => {
                        let name = el.name();
                        let furniture = FURNITURE.contains(&name) && article_depth == 0;
                        if SKIP.contains(&name) || furniture || is_hidden(el) {
                            skip_until = Some(node.id());
                            continue;
                        }
                        if matches!(name, "article" | "main") {
                            article_depth += 1;
                        }
                        if name == "pre" {
                            pre_depth += 1;
                        }
                        if BLOCKS.contains(&name) {
                            block_break(&mut out);
                        } else if LINES.contains(&name) {
                            line_break(&mut out);
                        } else if name == "td" || name == "th" {
                            out.push(' ');
                        } else if name == "img" {
                            if let Some(alt) = el.attr("alt").filter(|a| !a.trim().is_empty()) {
                                push_inline(&mut out, alt);
                            }
                        }
                    }
                    Node::Text(t) => {
                        if pre_depth > 0 {
                            out.push_str(t);
                        } else {
                            push_inline(&mut out, t);
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(id) = skip_until {
                    if id == node.id() {
                        skip_until = None;
                    }
                    continue;
                }
                if let Node::Element(el) = node.value() {
                    let name = el.name();
                    if matches!(name, "article" | "main") {
                        article_depth = article_depth.saturating_sub(1);
                    }
                    if name == "pre" {
                        pre_depth = pre_depth.saturating_sub(1);
                    }
                    if BLOCKS.contains(&name) {
                        block_break(&mut out);
                    } else if LINES.contains(&name) && name != "br" {
                        line_break(&mut out);
                    }
                }
            }
        }
    }
    tidy(&out)
}

/// Appends text with HTML white-space rules: runs of white space become one space.
fn push_inline(out: &mut String, text: &str) {
    for (i, word) in text.split(|c: char| c.is_whitespace() && c != '\u{a0}').enumerate() {
        if i > 0 && !out.is_empty() && !out.ends_with([' ', '\n']) {
            out.push(' ');
        }
        out.push_str(&word.replace('\u{a0}', " "));
    }
}

fn line_break(out: &mut String) {
    trim_trailing_spaces(out);
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

fn block_break(out: &mut String) {
    trim_trailing_spaces(out);
    if out.is_empty() {
        return;
    }
    while !out.ends_with("\n\n") {
        out.push('\n');
    }
}

fn trim_trailing_spaces(out: &mut String) {
    while out.ends_with(' ') {
        out.pop();
    }
}

/// Trims each line and keeps at most one blank line between blocks.
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = false;
    for line in s.lines() {
        let l = line.trim_matches(|c: char| c == ' ' || c == '\t');
        if l.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push('\n');
            blank = false;
        }
        out.push_str(l);
        out.push('\n');
    }
    out
}

/// An upper estimate of element nesting: opening tags minus closing tags, void elements aside.
fn max_nesting(input: &str) -> usize {
    const VOID: &[&[u8]] =
        &[b"br", b"img", b"meta", b"link", b"hr", b"input", b"wbr", b"source", b"area", b"base", b"col"];
    let b = input.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        i += off + 1;
        match b.get(i) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(c) if c.is_ascii_alphabetic() => {
                let end = b[i..].iter().position(|c| !c.is_ascii_alphanumeric()).map_or(b.len(), |e| i + e);
                let name = b[i..end].to_ascii_lowercase();
                if !VOID.contains(&name.as_slice()) {
                    depth += 1;
                    max = max.max(depth);
                }
            }
            _ => {}
        }
    }
    max
}

/// Text between tags, blocks on their own lines; used only for pathological pages.
fn strip_tags(input: &str) -> String {
    let mut out = String::with_capacity(input.len() / 2);
    let mut rest = input;
    while let Some(lt) = rest.find('<') {
        push_inline(&mut out, &rest[..lt]);
        rest = &rest[lt..];
        let gt = rest.find('>').map_or(rest.len(), |g| g + 1);
        line_break(&mut out);
        rest = &rest[gt..];
    }
    push_inline(&mut out, rest);
    tidy(&out)
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html lang="en"><head><title> US blames North Korea &amp; others </title>
<meta property="article:published_time" content="2017-12-19T10:00:00Z">
<meta property="og:site_name" content="Example Wire">
<link rel="canonical" href="https://example.org/wannacry">
<style>p { color: red }</style><script>var tracking = "secret";</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<header><div class="logo">Example Wire</div></header>
<article><header><h1>US says North Korea was behind WannaCry</h1></header>
<p>The White House&rsquo;s adviser said   the attack was
 carried out by North Korea.</p><p>&#8220;We do not make this allegation lightly,&#8221; he said.</p>
<ul><li>Britain agreed</li><li>Microsoft agreed</li></ul></article>
<div hidden>do not show</div><footer>Copyright</footer><script>more()</script></body></html>"#;

    #[test]
    fn visible_text_only() {
        let (meta, text, diags) = read("p.html", PAGE);
        assert!(diags.is_empty());
        assert_eq!(meta.title.as_deref(), Some("US blames North Korea & others"));
        assert_eq!(meta.published.as_deref(), Some("2017-12-19T10:00:00Z"));
        assert_eq!(meta.source.as_deref(), Some("Example Wire"));
        assert_eq!(meta.url.as_deref(), Some("https://example.org/wannacry"));
        assert_eq!(meta.lang.as_deref(), Some("en"));
        assert_eq!(
            text,
            "US says North Korea was behind WannaCry\n\nThe White House\u{2019}s adviser said the attack was carried out by North Korea.\n\n\u{201c}We do not make this allegation lightly,\u{201d} he said.\n\nBritain agreed\nMicrosoft agreed\n"
        );
        for hidden in ["tracking", "color", "Home", "Copyright", "do not show", "logo", "more()"] {
            assert!(!text.contains(hidden), "{hidden} leaked into {text:?}");
        }
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let deep = "<div>".repeat(50_000) + "deep text" + &"</div>".repeat(50_000);
        let (_, text, diags) = read("deep.html", &deep);
        assert_eq!(text, "deep text\n");
        assert!(diags[0].message.contains("nested"));
        let ok = "<div>".repeat(200) + "<p>fine</p>" + &"</div>".repeat(200);
        assert!(read("ok.html", &ok).2.is_empty());
    }
}
