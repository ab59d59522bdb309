//! Escaping of input text at the output edge: the terminal (control, bidi and zero-width
//! characters made visible), HTML (entities), CSV (formula prefixes neutralised) and Markdown.
//! The pipeline keeps text raw; renderers call these.

use std::borrow::Cow;

/// Characters that must never reach a terminal as they are: C0 controls (but newline and tab),
/// DEL, C1 controls, bidirectional overrides and isolates, and zero-width characters.
pub fn is_unsafe_for_terminal(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}' | '\u{061c}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}')
}

/// Text safe to print on a terminal: every unsafe character shown as `\u{XXXX}`.
pub fn terminal(s: &str) -> Cow<'_, str> {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b) || b == b'\t' || b == b'\n')
        || !s.chars().any(is_unsafe_for_terminal)
    {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if is_unsafe_for_terminal(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Like `terminal`, and newlines and tabs become spaces: for one-line fields.
pub fn terminal_line(s: &str) -> String {
    terminal(s).replace(['\n', '\r', '\t'], " ")
}

/// HTML text and attribute escaping.
pub fn html(s: &str) -> Cow<'_, str> {
    markup(s, "&#39;")
}

/// XML 1.0 text and attribute escaping (for JUnit reports).
pub fn xml(s: &str) -> String {
    markup(s, "&apos;").into_owned()
}

/// Entity escaping shared by HTML and XML; characters that must not appear (NUL and the other
/// C0 controls XML forbids) become U+FFFD, other unsafe ones (bidi overrides, zero-width and C1
/// characters) the visible text `\u{…}`. Not numeric references: a parser turns `&#x202E;`
/// back into the override it hides.
fn markup<'a>(s: &'a str, apos: &str) -> Cow<'a, str> {
    if !s.contains(['<', '>', '&', '"', '\'']) && !s.chars().any(is_unsafe_for_terminal) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str(apos),
            '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => {
                out.push('\u{FFFD}')
            }
            c if is_unsafe_for_terminal(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A CSV cell that a spreadsheet will not run as a formula: cells starting with `= + - @`,
/// tab or carriage return get a leading apostrophe. Quoting is the CSV writer's job.
pub fn csv_cell(s: &str) -> Cow<'_, str> {
    let cleaned = terminal(s);
    if cleaned.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cleaned}"))
    } else {
        cleaned
    }
}

/// Markdown inline text: special characters backslash-escaped, newlines folded, unsafe
/// characters made visible.
pub fn markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in terminal(s).chars() {
        match c {
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '#' | '+' | '-' | '!' | '|' | '<' | '>'
            | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_escapes_are_inert() {
        let hostile = "red\x1b[31m link\x1b]8;;http://x\x07 clip\x1b]52;c;aGk=\x07 \u{202e}gnp.exe\u{200b}";
        let safe = terminal(hostile);
        assert!(!safe.chars().any(is_unsafe_for_terminal));
        assert!(safe.contains("\\u{1b}[31m"));
        assert!(safe.contains("\\u{202e}"));
        assert!(safe.contains("\\u{200b}"));
        assert_eq!(terminal("plain 中文\n"), "plain 中文\n");
    }

    #[test]
    fn html_escapes() {
        assert_eq!(
            html("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        // Shown, not encoded: a numeric reference would be decoded back into the override.
        assert_eq!(html("a\u{202e}b\u{2066}c\u{200b}d\u{85}"), "a\\u{202e}b\\u{2066}c\\u{200b}d\\u{85}");
        assert_eq!(xml("x\u{202d}y"), "x\\u{202d}y");
        for c in ['\u{202a}', '\u{202e}', '\u{2066}', '\u{2069}', '\u{200b}', '\u{feff}'] {
            let escaped = html(&format!("<{c}>")).into_owned();
            assert!(!escaped.contains(c) && !escaped.contains("&#"), "{c:?}: {escaped}");
        }
    }

    #[test]
    fn csv_formulas_neutralised() {
        assert_eq!(csv_cell("=cmd|'/c calc'!A1"), "'=cmd|'/c calc'!A1");
        assert_eq!(csv_cell("+1"), "'+1");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("-2"), "'-2");
        assert_eq!(csv_cell("APT31"), "APT31");
    }

    #[test]
    fn markdown_escapes() {
        assert_eq!(markdown("*bold* [x](y) | a"), "\\*bold\\* \\[x\\]\\(y\\) \\| a");
        assert_eq!(markdown("<script>"), "\\<script\\>");
    }
}
