//! Ingestion: the only stage that reads input. It expands paths (files, folders, `-` for stdin),
//! picks each file's format (by extension, else by sniffing), decodes its bytes, and yields
//! `Document`s with metadata, or diagnostics naming the file and line when something is wrong.

mod dates;
mod encoding;
mod html;
mod json;
mod markdown;

pub use dates::parse_published;
pub use encoding::{decode, Decoded};

use crate::diag::Diagnostic;
use crate::lang::Lang;
use serde::Serialize;
use std::fs;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// Metadata a document carries besides its text. Every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Meta {
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// Normalised: `YYYY-MM-DD`, or RFC 3339 in UTC when the input gave a time.
    pub published: Option<String>,
    pub speaker: Option<String>,
    /// The language the input declared, if any (the tag as given).
    pub lang: Option<String>,
}

/// One statement to analyse. `text` is what every span in the output points into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Document {
    /// The record's own `id`, else the path (`path:LINE` for a JSON Lines record).
    pub id: String,
    /// The file it came from (`-` for stdin), as the user named it.
    pub path: Option<String>,
    pub meta: Meta,
    pub lang: Lang,
    pub text: String,
}

impl Document {
    /// A document from a string, its language detected from the text.
    pub fn from_text(id: &str, text: &str) -> Self {
        Document {
            id: id.to_string(),
            path: None,
            meta: Meta::default(),
            lang: Lang::detect(text),
            text: text.to_string(),
        }
    }
}

/// The input formats attrib reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Json,
    JsonLines,
}

impl Format {
    /// The format a file name's extension names, if it names one.
    pub fn from_extension(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" | "text" => Format::Text,
            "md" | "markdown" | "mdown" => Format::Markdown,
            "html" | "htm" | "xhtml" => Format::Html,
            "json" => Format::Json,
            "jsonl" | "ndjson" => Format::JsonLines,
            _ => return None,
        })
    }

    /// Guesses the format from the first bytes of a decoded text.
    pub fn sniff(text: &str) -> Format {
        let head = text.trim_start_matches('\u{feff}').trim_start();
        let lower: String = head.chars().take(512).collect::<String>().to_ascii_lowercase();
        if head.starts_with('{') || head.starts_with('[') {
            let mut lines = head.lines().filter(|l| !l.trim().is_empty());
            let first = lines.next().unwrap_or("");
            let second = lines.next();
            if head.starts_with('{')
                && second.is_some_and(|l| l.trim_start().starts_with('{'))
                && serde_json::from_str::<serde_json::Value>(first).is_ok()
            {
                return Format::JsonLines;
            }
            return Format::Json;
        }
        if lower.starts_with("<!doctype html")
            || lower.starts_with("<html")
            || (lower.starts_with('<')
                && ["<head", "<body", "<p>", "<p ", "<div", "<article", "<title"].iter().any(|t| lower.contains(t)))
        {
            return Format::Html;
        }
        if head.starts_with("---\n") || head.starts_with("---\r\n") {
            return Format::Markdown;
        }
        Format::Text
    }
}

/// Settings for reading.
#[derive(Debug, Clone)]
pub struct Options {
    /// Force an encoding (a WHATWG label such as `gbk`, `big5`, `utf-16le`) instead of detecting it.
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// Force the language of every document instead of detecting it.
    pub lang: Option<Lang>,
    /// Documents larger than this are reported and skipped.
    pub max_document_bytes: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options { encoding: None, lang: None, max_document_bytes: 64 * 1024 * 1024 }
    }
}

/// Where bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Stdin,
    File(PathBuf),
}

impl Source {
    /// The name used in ids and diagnostics.
    pub fn display(&self) -> String {
        match self {
            Source::Stdin => "-".to_string(),
            Source::File(p) => p.display().to_string(),
        }
    }
}

/// What reading yields, in input order.
#[derive(Debug, Clone)]
pub enum Item {
    Document(Document),
    Diagnostic(Diagnostic),
}

/// Expands the user's paths into sources: files as named, folders recursively in sorted order
/// (hidden entries skipped, symlink loops broken, fifos, sockets and devices inside folders
/// skipped), `-` as stdin. Problems become diagnostics. A fifo named on the command line is read
/// (as `<(command)` gives one).
pub fn collect_sources(paths: &[PathBuf]) -> (Vec<Source>, Vec<Diagnostic>) {
    let mut sources = Vec::new();
    let mut diags = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            sources.push(Source::Stdin);
            continue;
        }
        match fs::metadata(path) {
            Ok(md) if md.is_dir() => walk_dir(path, &mut sources, &mut diags),
            Ok(_) => sources.push(Source::File(path.clone())),
            Err(e) => diags.push(Diagnostic::error(path.display().to_string(), io_message(&e))),
        }
    }
    (sources, diags)
}

/// Walks a folder tree with an explicit stack of open folders (no recursion, however deep the
/// tree), in sorted order, each subfolder read where it falls among its siblings. A folder whose
/// canonical path is one of its own ancestors' is a symbolic link loop and is skipped.
fn walk_dir(root: &Path, out: &mut Vec<Source>, diags: &mut Vec<Diagnostic>) {
    // Each open folder: its canonical path and its remaining entries, in reverse sorted order.
    let mut stack: Vec<(PathBuf, Vec<PathBuf>)> = Vec::new();
    enter_dir(root, &mut stack, diags);
    while let Some((_, entries)) = stack.last_mut() {
        let Some(p) = entries.pop() else {
            stack.pop();
            continue;
        };
        match fs::metadata(&p) {
            Ok(md) if md.is_dir() => enter_dir(&p, &mut stack, diags),
            Ok(md) if md.is_file() => out.push(Source::File(p)),
            Ok(md) => diags.push(Diagnostic::warning(
                p.display().to_string(),
                format!("{} in a folder; skipped (name it on the command line to read it)", special_kind(&md)),
            )),
            Err(e) => diags.push(Diagnostic::error(p.display().to_string(), io_message(&e))),
        }
    }
}

/// Opens a folder onto the walk's stack, unless it is unreadable or one of its own ancestors.
fn enter_dir(dir: &Path, stack: &mut Vec<(PathBuf, Vec<PathBuf>)>, diags: &mut Vec<Diagnostic>) {
    let name = dir.display().to_string();
    let canonical = match fs::canonicalize(dir) {
        Ok(c) => c,
        Err(e) => {
            diags.push(Diagnostic::error(name, io_message(&e)));
            return;
        }
    };
    if stack.iter().any(|(c, _)| *c == canonical) {
        diags.push(Diagnostic::warning(name, "folder already visited (symbolic link loop); skipped"));
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            diags.push(Diagnostic::error(name, format!("cannot read folder: {}", io_message(&e))));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path())
        .collect();
    paths.sort();
    paths.reverse();
    stack.push((canonical, paths));
}

/// What a file that is neither a regular file nor a folder is, for a diagnostic.
#[cfg(unix)]
fn special_kind(md: &fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = md.file_type();
    if t.is_fifo() {
        "a fifo (named pipe)"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_block_device() || t.is_char_device() {
        "a device"
    } else {
        "not a regular file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &fs::Metadata) -> &'static str {
    "not a regular file"
}

/// A short, human message for an I/O error, without Rust's "(os error N)" suffix.
pub fn io_message(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or folder".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => {
            let s = e.to_string();
            let s = match s.find(" (os error") {
                Some(i) => &s[..i],
                None => &s,
            };
            // "Too many levels of symbolic links" → "too many levels of symbolic links".
            let mut chars = s.chars();
            let first = chars.next().map(|c| c.to_lowercase().collect::<String>()).unwrap_or_default();
            first + chars.as_str()
        }
    }
}

/// Reads one source and hands each document or diagnostic to `sink`, in order.
/// JSON Lines are read record by record, so memory does not grow with the file.
pub fn read_source(source: &Source, opts: &Options, sink: &mut dyn FnMut(Item)) {
    let name = source.display();
    let ext_format = match source {
        Source::File(p) => Format::from_extension(p),
        Source::Stdin => None,
    };
    let reader: Box<dyn Read> = match source {
        Source::Stdin => Box::new(io::stdin().lock()),
        Source::File(p) => match fs::File::open(p) {
            Ok(f) => Box::new(f),
            Err(e) => {
                sink(Item::Diagnostic(Diagnostic::error(&name, io_message(&e))));
                return;
            }
        },
    };
    let mut reader = BufReader::with_capacity(64 * 1024, reader);
    if ext_format == Some(Format::JsonLines) {
        json::read_lines(&name, &mut reader, opts, sink);
        return;
    }
    let mut bytes = Vec::new();
    let limit = opts.max_document_bytes as u64 + 1;
    if let Err(e) = (&mut reader).take(limit).read_to_end(&mut bytes) {
        let msg = if e.kind() == io::ErrorKind::IsADirectory {
            "is a folder".to_string()
        } else {
            format!("cannot read: {}", io_message(&e))
        };
        sink(Item::Diagnostic(Diagnostic::error(&name, msg)));
        return;
    }
    if bytes.len() as u64 >= limit {
        // A sniffed JSON Lines file may be larger than one document: stream it from here.
        if ext_format.is_none() && looks_like_json_lines(&bytes) {
            let mut chained = BufReader::new(io::Cursor::new(bytes).chain(reader));
            json::read_lines(&name, &mut chained, opts, sink);
            return;
        }
        sink(Item::Diagnostic(Diagnostic::error(
            &name,
            format!(
                "larger than the document limit of {} bytes; skipped (raise it with --max-document-bytes)",
                opts.max_document_bytes
            ),
        )));
        return;
    }
    read_bytes(&name, ext_format, &bytes, opts, sink);
}

fn looks_like_json_lines(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(64 * 1024)]);
    Format::sniff(&head) == Format::JsonLines
}

/// Reads a whole input held in memory. `format` None means: sniff it.
pub fn read_bytes(name: &str, format: Option<Format>, bytes: &[u8], opts: &Options, sink: &mut dyn FnMut(Item)) {
    let decoded = match encoding::decode(bytes, opts.encoding) {
        Ok(d) => d,
        Err(msg) => {
            sink(Item::Diagnostic(Diagnostic::warning(name, msg)));
            return;
        }
    };
    for w in &decoded.warnings {
        sink(Item::Diagnostic(Diagnostic::warning(name, w.clone())));
    }
    for n in &decoded.notes {
        sink(Item::Diagnostic(Diagnostic::info(name, n.clone())));
    }
    let text = decoded.text;
    if text.trim().is_empty() {
        let what = if bytes.is_empty() { "empty" } else { "only whitespace" };
        sink(Item::Diagnostic(Diagnostic::warning(name, format!("{what}: no text to analyse; skipped"))));
        return;
    }
    let format = format.unwrap_or_else(|| Format::sniff(&text));
    // A file that is one document: skipped with a warning when nothing is left to analyse.
    let whole = |sink: &mut dyn FnMut(Item), meta: Meta, body: String, what: &str| {
        if body.trim().is_empty() {
            sink(Item::Diagnostic(Diagnostic::warning(name, format!("no {what} to analyse; skipped"))));
        } else {
            sink(Item::Document(finish(name.to_string(), Some(name), meta, body, opts)));
        }
    };
    match format {
        Format::Text => whole(sink, Meta::default(), normalise_newlines(&text), "text"),
        Format::Markdown => {
            let (meta, body, diags) = markdown::read(name, &text);
            for d in diags {
                sink(Item::Diagnostic(d));
            }
            whole(sink, meta, body, "text after the front matter");
        }
        Format::Html => {
            let (meta, body, diags) = html::read(name, &text);
            for d in diags {
                sink(Item::Diagnostic(d));
            }
            whole(sink, meta, body, "visible text");
        }
        Format::Json => json::read_json(name, &text, opts, sink),
        Format::JsonLines => {
            let mut r = BufReader::new(text.as_bytes());
            json::read_lines(name, &mut r, opts, sink);
        }
    }
}

/// `\r\n` and lone `\r` become `\n`; a leading BOM goes.
fn normalise_newlines(text: &str) -> String {
    let t = text.strip_prefix('\u{feff}').unwrap_or(text);
    if !t.contains('\r') {
        return t.to_string();
    }
    t.replace("\r\n", "\n").replace('\r', "\n")
}

/// Builds the document: id, language (flag, then declared, then detected).
fn finish(id: String, path: Option<&str>, meta: Meta, text: String, opts: &Options) -> Document {
    let lang =
        opts.lang.or_else(|| meta.lang.as_deref().and_then(Lang::from_tag)).unwrap_or_else(|| Lang::detect(&text));
    Document { id, path: path.map(str::to_string), meta, lang, text }
}

/// Reads lines from a buffered reader, keeping at most `max` bytes of any one line (the rest of
/// an over-long line is consumed and dropped). Returns None at the end of input.
fn read_line_limited(r: &mut dyn BufRead, max: usize, buf: &mut Vec<u8>) -> io::Result<Option<bool>> {
    buf.clear();
    let mut truncated = false;
    let mut any = false;
    loop {
        let available = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(if any { Some(truncated) } else { None });
        }
        any = true;
        let (chunk, done) = match memchr::memchr(b'\n', available) {
            Some(i) => (&available[..i], Some(i + 1)),
            None => (available, None),
        };
        let room = max.saturating_sub(buf.len());
        if chunk.len() > room {
            truncated = true;
        }
        buf.extend_from_slice(&chunk[..chunk.len().min(room)]);
        let used = done.unwrap_or(available.len());
        r.consume(used);
        if done.is_some() {
            return Ok(Some(truncated));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(name: &str, bytes: &[u8]) -> Vec<Item> {
        let mut items = Vec::new();
        read_bytes(name, Format::from_extension(Path::new(name)), bytes, &Options::default(), &mut |i| items.push(i));
        items
    }

    #[test]
    fn sniffs_formats() {
        assert_eq!(Format::sniff("{\"text\": \"a\"}"), Format::Json);
        assert_eq!(Format::sniff("{\"text\": \"a\"}\n{\"text\": \"b\"}\n"), Format::JsonLines);
        assert_eq!(Format::sniff("[{\"text\": \"a\"}]"), Format::Json);
        assert_eq!(Format::sniff("<!DOCTYPE html><html><p>x</p>"), Format::Html);
        assert_eq!(Format::sniff("---\ntitle: x\n---\nbody"), Format::Markdown);
        assert_eq!(Format::sniff("China accused Taiwan."), Format::Text);
        assert_eq!(Format::sniff("<3 is not html"), Format::Text);
    }

    #[test]
    fn text_crlf_is_normalised() {
        let items = read_all("a.txt", b"one.\r\ntwo.\r\n");
        match &items[0] {
            Item::Document(d) => assert_eq!(d.text, "one.\ntwo.\n"),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn line_limit_truncates_and_continues() {
        let data = b"abcdef\nxy\n";
        let mut r = BufReader::with_capacity(2, &data[..]);
        let mut buf = Vec::new();
        assert_eq!(read_line_limited(&mut r, 3, &mut buf).unwrap(), Some(true));
        assert_eq!(buf, b"abc");
        assert_eq!(read_line_limited(&mut r, 3, &mut buf).unwrap(), Some(false));
        assert_eq!(buf, b"xy");
        assert_eq!(read_line_limited(&mut r, 3, &mut buf).unwrap(), None);
    }
}
