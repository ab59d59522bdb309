//! Escaping for the HTML report. Entities for markup characters; the characters that could hide
//! or reorder text (C0 and C1 controls but newline and tab, bidirectional overrides and isolates,
//! zero-width characters) never reach the page: element text shows a visible marker in their
//! place, attributes and SVG text drop them. (Numeric references would not do: the browser
//! turns `&#x202E;` back into the override.)

use crate::sanitize::is_unsafe_for_terminal;

/// Element content: escaped, hidden characters shown as a marker naming the code point.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    push(&mut out, s, true);
    out
}

/// An attribute value, `<title>` or SVG text: escaped, hidden characters dropped, newlines and
/// tabs made spaces.
pub fn attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    push(&mut out, s, false);
    out
}

/// An id or class token made from data: ASCII letters, digits, `-` and `_` kept, others `_`.
pub fn ident(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect()
}

fn push(out: &mut String, s: &str, markers: bool) {
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' if !markers => out.push(' '),
            '\r' => {}
            c if is_unsafe_for_terminal(c) || matches!(c, '\u{fffe}' | '\u{ffff}') => {
                if markers {
                    let cp = c as u32;
                    out.push_str(&format!(
                        "<span class=\"ctl\" title=\"hidden character U+{cp:04X} removed\">U+{cp:04X}</span>"
                    ));
                }
            }
            c => out.push(c),
        }
    }
}

/// The whole text of `s` as a one-line, length-limited attribute value.
pub fn attr_short(s: &str, max_chars: usize) -> String {
    attr(&shorten(s, max_chars))
}

/// `s` cut to `max_chars` characters, with an ellipsis when cut.
pub fn shorten(s: &str, max_chars: usize) -> String {
    let mut it = s.chars();
    let head: String = it.by_ref().take(max_chars).collect();
    if it.next().is_some() {
        format!("{}\u{2026}", head.trim_end())
    } else {
        head
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str =
        "<script>alert(1)</script> \"q\" 'a' & \u{1b}[31mred \u{202e}fdp.exe \u{200b}\u{85}\u{0} =cmd|'/c calc'!A1\r\n";

    #[test]
    fn text_has_no_markup_and_no_hidden_characters() {
        let t = text(HOSTILE);
        assert!(!t.contains("<script"), "{t}");
        assert!(t.starts_with("&lt;script&gt;alert(1)&lt;/script&gt; &quot;q&quot; &#39;a&#39; &amp; "));
        assert!(t.contains("=cmd|&#39;/c calc&#39;!A1\n"));
        for c in ['\u{1b}', '\u{202e}', '\u{200b}', '\u{85}', '\u{0}', '\r'] {
            assert!(!t.contains(c), "{c:?} kept in {t}");
        }
        assert!(t.contains("<span class=\"ctl\" title=\"hidden character U+202E removed\">U+202E</span>fdp.exe"));
        assert!(t.contains("U+001B</span>[31mred"));
        assert!(!t.contains("&#x"), "no numeric references a browser would decode back");
    }

    #[test]
    fn attributes_drop_hidden_characters_and_fold_lines() {
        let a = attr(HOSTILE);
        assert!(!a.contains(['<', '>', '"', '\'', '\n', '\t', '\r', '\u{1b}', '\u{202e}', '\u{200b}', '\u{85}', '\0']));
        assert!(a.contains("[31mred fdp.exe"));
        assert_eq!(attr("a\tb\nc"), "a b c");
    }

    #[test]
    fn plain_text_is_unchanged() {
        assert_eq!(
            text("中国外交部 said: it is \u{201c}baseless\u{201d}.\n"),
            "中国外交部 said: it is \u{201c}baseless\u{201d}.\n"
        );
    }

    #[test]
    fn idents_are_tokens() {
        assert_eq!(ident("c-5f2b_x"), "c-5f2b_x");
        assert_eq!(ident("a b\"<>é"), "a_b____");
    }

    #[test]
    fn shorten_cuts_on_characters() {
        assert_eq!(shorten("中文中文", 2), "中文\u{2026}");
        assert_eq!(shorten("abc", 3), "abc");
    }
}
