//! Markdown input: an optional front-matter block (`---` lines around `key: value` pairs) for
//! metadata, and the body turned into plain text with paragraph and heading breaks kept.

use super::{dates, Meta};
use crate::diag::Diagnostic;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// Returns the metadata, the plain text of the body and any diagnostics.
pub fn read(name: &str, input: &str) -> (Meta, String, Vec<Diagnostic>) {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    let normalised;
    let input = if input.contains('\r') {
        normalised = input.replace("\r\n", "\n").replace('\r', "\n");
        normalised.as_str()
    } else {
        input
    };
    let mut diags = Vec::new();
    let (meta, body) = match split_front_matter(input) {
        Some((block, body)) => (parse_front_matter(name, block, &mut diags), body),
        None => (Meta::default(), input),
    };
    let mut meta = meta;
    if meta.title.is_none() {
        meta.title = first_heading(body);
    }
    (meta, to_text(body), diags)
}

/// The text of the first heading, used as the title when the front matter gives none.
fn first_heading(body: &str) -> Option<String> {
    let mut in_heading = false;
    let mut title = String::new();
    for event in Parser::new(body) {
        match event {
            Event::Start(Tag::Heading { .. }) => in_heading = true,
            Event::End(TagEnd::Heading(_)) => break,
            Event::Text(t) | Event::Code(t) if in_heading => title.push_str(&t),
            _ => {}
        }
    }
    let title = title.trim().to_string();
    (!title.is_empty()).then_some(title)
}

fn split_front_matter(input: &str) -> Option<(&str, &str)> {
    let rest = input.strip_prefix("---\n")?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" || line.trim_end() == "..." {
            return Some((&rest[..offset], &rest[offset + line.len()..]));
        }
        offset += line.len();
    }
    None
}

fn parse_front_matter(name: &str, block: &str, diags: &mut Vec<Diagnostic>) -> Meta {
    let mut meta = Meta::default();
    for (i, line) in block.lines().enumerate() {
        let line_no = i + 2;
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let Some((key, value)) = trimmed.split_once(':') else {
            diags.push(
                Diagnostic::warning(name, format!("front matter: no `key: value` in {trimmed:?}")).at_line(line_no),
            );
            continue;
        };
        let value = unquote(value.trim());
        if value.is_empty() {
            continue;
        }
        match key.trim().to_ascii_lowercase().as_str() {
            "title" => meta.title = Some(value),
            "source" | "publisher" | "outlet" => meta.source = Some(value),
            "url" | "link" => meta.url = Some(value),
            "speaker" | "author" => meta.speaker = Some(value),
            "lang" | "language" => meta.lang = Some(value),
            "published" | "date" => match dates::parse_published(&value) {
                Ok(d) => meta.published = Some(d),
                Err(e) => {
                    diags.push(Diagnostic::warning(name, format!("bad date in front matter: {e}")).at_line(line_no))
                }
            },
            _ => {}
        }
    }
    meta
}

fn unquote(v: &str) -> String {
    let v = v.trim();
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return v[1..v.len() - 1].to_string();
        }
    }
    v.to_string()
}

/// Plain text of a Markdown body: blocks separated by blank lines, list items on their own lines,
/// link and image text kept, markup dropped.
fn to_text(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut in_item = 0usize;
    for event in Parser::new(body) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak => out.push('\n'),
            Event::HardBreak => out.push('\n'),
            Event::Start(Tag::Item) => {
                in_item += 1;
                end_line(&mut out);
                out.push_str("- ");
            }
            Event::End(TagEnd::Item) => {
                in_item = in_item.saturating_sub(1);
                end_line(&mut out);
            }
            Event::End(TagEnd::Paragraph) if in_item > 0 => end_line(&mut out),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::BlockQuote(_))
            | Event::End(TagEnd::List(_))
            | Event::End(TagEnd::Table)
            | Event::Rule => end_block(&mut out),
            Event::End(TagEnd::TableRow | TagEnd::TableHead) => end_line(&mut out),
            Event::End(TagEnd::TableCell) => out.push(' '),
            Event::Html(h) | Event::InlineHtml(h) if !h.trim_start().starts_with('<') => out.push_str(&h),
            _ => {}
        }
    }
    let trimmed = out.trim_end();
    let mut text = trimmed.to_string();
    if !text.is_empty() {
        text.push('\n');
    }
    text
}

fn end_line(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

fn end_block(out: &mut String) {
    if out.is_empty() {
        return;
    }
    while !out.ends_with("\n\n") {
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_and_body() {
        let src = "---\ntitle: \"UK names APT31\"\nsource: Example Wire\nurl: https://example.org/a\npublished: Sept. 23, 2024\nspeaker: Foreign Office\nlang: en\n---\n# Heading\n\nThe **UK** said [APT31](https://x.test) did it.\n\n- one\n- two\n";
        let (meta, text, diags) = read("a.md", src);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(meta.title.as_deref(), Some("UK names APT31"));
        assert_eq!(meta.source.as_deref(), Some("Example Wire"));
        assert_eq!(meta.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(meta.published.as_deref(), Some("2024-09-23"));
        assert_eq!(meta.speaker.as_deref(), Some("Foreign Office"));
        assert_eq!(meta.lang.as_deref(), Some("en"));
        assert_eq!(text, "Heading\n\nThe UK said APT31 did it.\n\n- one\n- two\n");
    }

    #[test]
    fn no_front_matter_and_bad_date() {
        let (meta, text, _) = read("b.md", "Just *text*.\n");
        assert_eq!(meta, Meta::default());
        let (meta, _, _) = read("h.md", "Intro.\n\n## The *real* title\n\nBody.\n");
        assert_eq!(meta.title.as_deref(), Some("The real title"));
        assert_eq!(text, "Just text.\n");
        let (_, _, diags) = read("c.md", "---\npublished: someday\n---\nx\n");
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].line, Some(2));
        assert!(diags[0].message.contains("bad date"));
    }

    #[test]
    fn unterminated_front_matter_is_text() {
        let (meta, text, _) = read("d.md", "---\ntitle: x\nno end\n");
        assert_eq!(meta.title, None);
        assert!(text.contains("title: x"));
    }
}
