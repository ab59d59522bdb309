//! Byte spans into a document's text and their conversion to line and column.
//! Spans are made by the pipeline stages and always fall on char boundaries;
//! line/column are derived only when a report is rendered.

use serde::{Deserialize, Serialize};

/// The text of at most `bytes` bytes before `pos`, from the first character boundary in reach.
pub fn text_before(text: &str, pos: usize, bytes: usize) -> &str {
    let mut from = pos.saturating_sub(bytes);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    &text[from..pos]
}

/// A half-open byte range `start..end` into `Document::text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The text this span covers.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// Line starts of a text, for turning byte offsets into 1-based line and column.
/// Columns count Unicode scalar values, not bytes.
/// Lookups are O(log n + STRIDE) however long a line is: beside the line starts it keeps the
/// number of characters before every STRIDE-th byte (on a char boundary), so a column is never
/// counted from the start of a very long line.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// (byte offset, characters before it), in order, from (0, 0).
    marks: Vec<(usize, usize)>,
}

const STRIDE: usize = 4096;

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let mut marks = vec![(0, 0)];
        let (mut at, mut chars) = (0, 0);
        while at + STRIDE < text.len() {
            let mut next = at + STRIDE;
            while !text.is_char_boundary(next) {
                next += 1;
            }
            chars += text[at..next].chars().count();
            marks.push((next, chars));
            at = next;
        }
        LineIndex { starts, marks }
    }

    /// The number of characters before byte `offset` (a char boundary, at most the text's end).
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let i = match self.marks.binary_search_by_key(&offset, |m| m.0) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let (at, chars) = self.marks[i];
        chars + text.get(at..offset).map_or(offset - at, |s| s.chars().count())
    }

    /// 1-based (line, column) of a byte offset.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[line];
        let end = offset.min(text.len());
        let col = if end - start <= STRIDE || !text.is_char_boundary(end) {
            text.get(start..end).map_or(end - start, |s| s.chars().count())
        } else {
            self.chars_before(text, end) - self.chars_before(text, start)
        };
        (line + 1, col + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_chars_not_bytes() {
        let text = "ab\n中文x\nlast";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(idx.line_col(text, 3), (2, 1));
        let x = text.find('x').unwrap();
        assert_eq!(idx.line_col(text, x), (2, 3));
        let l = text.find("last").unwrap();
        assert_eq!(idx.line_col(text, l), (3, 1));
    }

    #[test]
    fn columns_on_a_very_long_line() {
        let text = "中a".repeat(10_000) + "\n" + &"é".repeat(9_000) + "x";
        let idx = LineIndex::new(&text);
        for offset in [0, 4, 8_000, 39_996, 40_000, 40_001, 40_001 + 17_000, text.len() - 1, text.len()] {
            let before = &text[..offset];
            let line = before.matches('\n').count() + 1;
            let col = before.rsplit('\n').next().unwrap().chars().count() + 1;
            assert_eq!(idx.line_col(&text, offset), (line, col), "offset {offset}");
        }
    }

    #[test]
    fn cover_and_overlap() {
        let a = Span::new(2, 5);
        let b = Span::new(4, 9);
        assert!(a.overlaps(b));
        assert_eq!(a.cover(b), Span::new(2, 9));
        assert!(!Span::new(0, 2).overlaps(Span::new(2, 3)));
    }
}
