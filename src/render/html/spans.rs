//! The document text with its spans highlighted. Spans may overlap or nest; the text is cut at
//! every span boundary and `<mark>` elements are opened and closed so that they always nest: a
//! span that ends inside another is closed with it and reopened after, so the markup is never
//! broken. Offsets out of range or inside a character are clamped or moved to a boundary.

use super::escape;

/// One span to highlight.
pub struct Highlight {
    pub start: usize,
    pub end: usize,
    /// The opening tag's attributes, already escaped (`class="…" title="…"`).
    pub attrs: String,
    /// An element id for the first piece of the span, so links can point at it.
    pub anchor: Option<String>,
}

/// `text` escaped, with each span wrapped in `<mark>` elements.
pub fn highlight(text: &str, spans: &[Highlight]) -> String {
    let len = text.len();
    // (start, end, index), longer spans first at the same start so they are the outer ones.
    let mut items: Vec<(usize, usize, usize)> = spans
        .iter()
        .enumerate()
        .filter_map(|(i, h)| {
            let s = floor_boundary(text, h.start.min(len));
            let e = ceil_boundary(text, h.end.min(len));
            (s < e).then_some((s, e, i))
        })
        .collect();
    items.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    let mut cuts: Vec<usize> = items.iter().flat_map(|&(s, e, _)| [s, e]).chain([0, len]).collect();
    cuts.sort_unstable();
    cuts.dedup();

    let mut out = String::with_capacity(len + len / 4 + spans.len() * 96);
    let mut anchored = vec![false; spans.len()];
    let mut open = |out: &mut String, i: usize| {
        out.push_str("<mark ");
        if let Some(id) = &spans[i].anchor {
            if !anchored[i] {
                anchored[i] = true;
                out.push_str("id=\"");
                out.push_str(&escape::attr(id));
                out.push_str("\" ");
            }
        }
        out.push_str(&spans[i].attrs);
        out.push('>');
    };
    // The open marks, outermost first, as (end, index).
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let mut next = 0;
    for (k, &at) in cuts.iter().enumerate() {
        if let Some(lowest) = stack.iter().position(|&(e, _)| e <= at) {
            let reopen: Vec<(usize, usize)> = stack[lowest..].iter().filter(|&&(e, _)| e > at).copied().collect();
            for _ in lowest..stack.len() {
                out.push_str("</mark>");
            }
            stack.truncate(lowest);
            for (e, i) in reopen {
                open(&mut out, i);
                stack.push((e, i));
            }
        }
        while next < items.len() && items[next].0 == at {
            let (_, e, i) = items[next];
            open(&mut out, i);
            stack.push((e, i));
            next += 1;
        }
        if let Some(&to) = cuts.get(k + 1) {
            out.push_str(&escape::text(&text[at..to]));
        }
    }
    for _ in &stack {
        out.push_str("</mark>");
    }
    out
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(start: usize, end: usize, name: &str) -> Highlight {
        Highlight { start, end, attrs: format!("class=\"{name}\""), anchor: None }
    }

    /// The marks as `[name` … `]`, to read the nesting at a glance.
    fn shape(html: &str) -> String {
        html.replace("<mark class=\"", "[").replace("\">", "|").replace("</mark>", "]")
    }

    /// Marks balance, and removing them gives back the escaped text.
    fn check_well_formed(html: &str, text: &str) {
        let mut depth = 0i32;
        let mut plain = String::new();
        let mut rest = html;
        loop {
            let open = rest.find("<mark");
            let close = rest.find("</mark>");
            let (i, opening) = match (open, close) {
                (Some(o), Some(c)) if o < c => (o, true),
                (_, Some(c)) => (c, false),
                (Some(o), None) => (o, true),
                (None, None) => break,
            };
            plain.push_str(&rest[..i]);
            let j = rest[i..].find('>').expect("tag closed") + i;
            depth += if opening { 1 } else { -1 };
            assert!(depth >= 0, "closed more than opened in {html}");
            rest = &rest[j + 1..];
        }
        plain.push_str(rest);
        assert_eq!(depth, 0, "unbalanced: {html}");
        assert_eq!(plain, escape::text(text));
    }

    #[test]
    fn no_spans_is_the_escaped_text() {
        assert_eq!(highlight("a <b> & c", &[]), "a &lt;b&gt; &amp; c");
    }

    #[test]
    fn disjoint_and_nested_spans() {
        let t = "0123456789";
        let out = highlight(t, &[h(1, 3, "a"), h(5, 9, "b"), h(6, 8, "c")]);
        assert_eq!(shape(&out), "0[a|12]34[b|5[c|67]8]9");
        check_well_formed(&out, t);
    }

    #[test]
    fn crossing_spans_are_split_and_reopened() {
        let t = "0123456789";
        let out = highlight(t, &[h(1, 5, "a"), h(3, 8, "b")]);
        assert_eq!(shape(&out), "0[a|12[b|34]][b|567]89");
        check_well_formed(&out, t);
    }

    #[test]
    fn equal_spans_and_shared_boundaries() {
        let t = "abcdef";
        let out = highlight(t, &[h(0, 3, "x"), h(0, 3, "y"), h(3, 6, "z"), h(0, 6, "w")]);
        assert_eq!(shape(&out), "[w|[x|[y|abc]][z|def]]");
        check_well_formed(&out, t);
    }

    #[test]
    fn many_crossing_spans_stay_well_formed() {
        let t = "The ministry said <b>hackers</b> & \u{202e}others attacked it.";
        let mut spans = Vec::new();
        for s in (0..t.len()).step_by(3) {
            for w in [2, 5, 11] {
                spans.push(h(s, s + w, "m"));
            }
        }
        let out = highlight(t, &spans);
        check_well_formed(&out, t);
    }

    #[test]
    fn offsets_out_of_range_or_inside_characters_are_clamped() {
        let t = "中文ab";
        // 1 and 4 fall inside the three-byte characters; 99 is past the end; 5..2 is empty.
        let out = highlight(t, &[h(1, 4, "a"), h(7, 99, "b"), h(5, 2, "c"), h(3, 3, "d")]);
        assert_eq!(shape(&out), "[a|中文]a[b|b]");
        check_well_formed(&out, t);
    }

    #[test]
    fn anchor_only_on_the_first_piece() {
        let t = "0123456789";
        let mut a = h(1, 5, "a");
        a.anchor = Some("first\"x".into());
        let out = highlight(t, &[a, h(3, 8, "b")]);
        assert_eq!(out.matches("id=\"first&quot;x\"").count(), 1);
        assert!(out.starts_with("0<mark id=\"first&quot;x\" class=\"a\">"));
    }

    #[test]
    fn text_in_marks_is_escaped() {
        let t = "x <script>alert(1)</script> y";
        let out = highlight(t, &[h(2, 10, "a"), h(8, 27, "b")]);
        assert!(!out.contains("<script"));
        check_well_formed(&out, t);
    }
}
