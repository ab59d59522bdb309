//! JSON and JSON Lines input: one document object, an array of them, or one object per line.
//! `text` is required; `id`, `title`, `source`, `url`, `published`, `speaker`, `lang` are optional.
//! A bad record is a diagnostic naming the file and line; the other records are still read.

use super::{dates, finish, read_line_limited, Item, Meta, Options};
use crate::diag::Diagnostic;
use serde_json::{Map, Value};
use std::io::BufRead;

/// Reads a `.json` file: one object or an array of objects.
pub fn read_json(name: &str, text: &str, opts: &Options, sink: &mut dyn FnMut(Item)) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            sink(Item::Diagnostic(
                Diagnostic::error(name, format!("invalid JSON: {} (column {})", json_reason(&e), e.column()))
                    .at_line(e.line()),
            ));
            return;
        }
    };
    match value {
        Value::Object(map) => emit(name, None, None, map, opts, sink),
        Value::Array(items) => {
            for (i, item) in items.into_iter().enumerate() {
                match item {
                    Value::Object(map) => emit(name, None, Some(i + 1), map, opts, sink),
                    other => sink(Item::Diagnostic(Diagnostic::error(
                        name,
                        format!("array item {} is {}, expected a document object", i + 1, kind_of(&other)),
                    ))),
                }
            }
        }
        other => sink(Item::Diagnostic(Diagnostic::error(
            name,
            format!("expected a document object or an array of them, found {}", kind_of(&other)),
        ))),
    }
}

/// Reads JSON Lines record by record. Blank lines are skipped.
pub fn read_lines(name: &str, reader: &mut dyn BufRead, opts: &Options, sink: &mut dyn FnMut(Item)) {
    let mut buf = Vec::new();
    let mut line_no = 0usize;
    // A record holds one document plus a little JSON around it.
    let max_line = opts.max_document_bytes.saturating_add(64 * 1024);
    loop {
        line_no += 1;
        let truncated = match read_line_limited(reader, max_line, &mut buf) {
            Ok(Some(t)) => t,
            Ok(None) => return,
            Err(e) => {
                sink(Item::Diagnostic(
                    Diagnostic::error(name, format!("read failed: {}", super::io_message(&e))).at_line(line_no),
                ));
                return;
            }
        };
        if truncated {
            sink(Item::Diagnostic(
                Diagnostic::error(
                    name,
                    format!(
                        "record longer than the document limit of {} bytes; skipped (raise it with --max-document-bytes)",
                        opts.max_document_bytes
                    ),
                )
                .at_line(line_no),
            ));
            continue;
        }
        let mut bytes: &[u8] = &buf;
        if line_no == 1 {
            bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        }
        if bytes.ends_with(b"\r") {
            bytes = &bytes[..bytes.len() - 1];
        }
        if bytes.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let line = match std::str::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => {
                sink(Item::Diagnostic(
                    Diagnostic::error(
                        name,
                        format!("invalid UTF-8 at byte {} of the line; record skipped", e.valid_up_to() + 1),
                    )
                    .at_line(line_no),
                ));
                continue;
            }
        };
        match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(map)) => emit(name, Some(line_no), None, map, opts, sink),
            Ok(other) => sink(Item::Diagnostic(
                Diagnostic::error(name, format!("expected a document object, found {}", kind_of(&other)))
                    .at_line(line_no),
            )),
            Err(e) => sink(Item::Diagnostic(
                Diagnostic::error(name, format!("invalid JSON: {} (column {})", json_reason(&e), e.column()))
                    .at_line(line_no),
            )),
        }
    }
}

/// serde_json's message without its trailing "at line L column C" (we print those ourselves).
fn json_reason(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Turns one record into a document, or a diagnostic when it has no usable `text`.
fn emit(
    name: &str,
    line: Option<usize>,
    item: Option<usize>,
    mut map: Map<String, Value>,
    opts: &Options,
    sink: &mut dyn FnMut(Item),
) {
    let locate = |d: Diagnostic| match line {
        Some(l) => d.at_line(l),
        None => d,
    };
    let what = match item {
        Some(i) => format!("array item {i}: "),
        None => String::new(),
    };
    let text = match map.remove("text") {
        Some(Value::String(s)) => s,
        Some(other) => {
            sink(Item::Diagnostic(locate(Diagnostic::error(
                name,
                format!("{what}field `text` must be a string, found {}; record skipped", kind_of(&other)),
            ))));
            return;
        }
        None => {
            sink(Item::Diagnostic(locate(Diagnostic::error(
                name,
                format!("{what}required field `text` is missing; record skipped"),
            ))));
            return;
        }
    };
    if text.len() > opts.max_document_bytes {
        sink(Item::Diagnostic(locate(Diagnostic::error(
            name,
            format!(
                "{what}text longer than the document limit of {} bytes; record skipped (raise it with --max-document-bytes)",
                opts.max_document_bytes
            ),
        ))));
        return;
    }
    if text.trim().is_empty() {
        sink(Item::Diagnostic(locate(Diagnostic::warning(
            name,
            format!("{what}field `text` is empty or only whitespace; record skipped"),
        ))));
        return;
    }
    let mut problems = Vec::new();
    let mut field = |key: &str| -> Option<String> {
        match map.remove(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s).filter(|s| !s.trim().is_empty()),
            Some(Value::Number(n)) if key == "id" => Some(n.to_string()),
            Some(other) => {
                problems.push(format!("{what}field `{key}` must be a string, found {}; ignored", kind_of(&other)));
                None
            }
        }
    };
    let id = field("id");
    let mut meta = Meta {
        title: field("title"),
        source: field("source"),
        url: field("url"),
        published: None,
        speaker: field("speaker"),
        lang: field("lang"),
    };
    let published = field("published");
    for p in problems {
        sink(Item::Diagnostic(locate(Diagnostic::warning(name, p))));
    }
    if let Some(raw) = published {
        match dates::parse_published(&raw) {
            Ok(d) => meta.published = Some(d),
            Err(e) => sink(Item::Diagnostic(locate(Diagnostic::warning(name, format!("{what}bad date: {e}"))))),
        }
    }
    let id = id.unwrap_or_else(|| match (line, item) {
        (Some(l), _) => format!("{name}:{l}"),
        (None, Some(i)) => format!("{name}#{i}"),
        (None, None) => name.to_string(),
    });
    let text = if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text };
    sink(Item::Document(finish(id, Some(name), meta, text, opts)));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(f: impl FnOnce(&mut dyn FnMut(Item))) -> (Vec<super::super::Document>, Vec<Diagnostic>) {
        let mut docs = Vec::new();
        let mut diags = Vec::new();
        f(&mut |i| match i {
            Item::Document(d) => docs.push(d),
            Item::Diagnostic(d) => diags.push(d),
        });
        (docs, diags)
    }

    #[test]
    fn jsonl_bad_line_does_not_stop_the_rest() {
        let data = "{\"id\":\"a\",\"text\":\"one\"}\n\n{broken\n{\"text\":\"three\",\"published\":\"2024-09-23\"}\n";
        let (docs, diags) = collect(|s| read_lines("x.jsonl", &mut data.as_bytes(), &Options::default(), s));
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].id, "a");
        assert_eq!(docs[1].id, "x.jsonl:4");
        assert_eq!(docs[1].meta.published.as_deref(), Some("2024-09-23"));
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].line, Some(3));
        assert!(diags[0].to_string().starts_with("error: x.jsonl:3: invalid JSON"), "{}", diags[0]);
    }

    #[test]
    fn json_array_and_wrong_types() {
        let data = r#"[{"text":"a","id":7},{"title":"no text"},{"text":42},{"text":"b","title":["x"]}]"#;
        let (docs, diags) = collect(|s| read_json("y.json", data, &Options::default(), s));
        assert_eq!(docs.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), ["7", "y.json#4"]);
        let msgs: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
        assert!(msgs[0].contains("array item 2: required field `text` is missing"), "{msgs:?}");
        assert!(msgs[1].contains("array item 3: field `text` must be a string, found a number"), "{msgs:?}");
        assert!(msgs[2].contains("field `title` must be a string"), "{msgs:?}");
    }

    #[test]
    fn deep_nesting_is_a_clear_error() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        let (docs, diags) = collect(|s| read_json("deep.json", &deep, &Options::default(), s));
        assert!(docs.is_empty());
        assert!(diags[0].message.contains("recursion limit"), "{}", diags[0]);
    }
}
