//! Sentence and paragraph segmentation of English and Chinese news text.
//! Owns the paragraph rules (blank lines, complete lines, headlines vs. hard-wrapped
//! lines, list items), the sentence-end rules (terminators, abbreviations, CJK quotes) and
//! where quotations run.

use crate::span::Span;

/// One sentence: a trimmed byte span into the text and its 0-based paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Sentence {
    pub span: Span,
    pub paragraph: usize,
}

/// The word lists of segmentation (data/segment.toml): abbreviations, those that may close a
/// sentence, the words that start one after them, words that continue a line, words of a date line.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Lists {
    abbreviations: Vec<String>,
    final_abbreviations: Vec<String>,
    sentence_starters: Vec<String>,
    continuation_words: Vec<String>,
    date_words: Vec<String>,
    /// The abbreviations by their letters lower-cased, final dot dropped: the indices of those
    /// a word may match (`abbreviation_matches` needs them equal but for ASCII case), in order.
    #[serde(skip)]
    abbreviation_keys: std::collections::HashMap<String, Vec<usize>>,
}

fn lists() -> &'static Lists {
    static L: std::sync::OnceLock<Lists> = std::sync::OnceLock::new();
    L.get_or_init(|| {
        let mut l: Lists = toml::from_str(include_str!("../data/segment.toml"))
            .expect("data/segment.toml is valid (checked by tests)");
        for (i, a) in l.abbreviations.iter().enumerate() {
            let key = a[..a.len() - 1].to_ascii_lowercase();
            l.abbreviation_keys.entry(key).or_default().push(i);
        }
        l
    })
}

/// The first abbreviation of the list that `word` (without its final dot) is.
fn abbreviation_of(word: &str) -> Option<&'static String> {
    let l = lists();
    let mut buf = [0u8; 16];
    let key = buf.get_mut(..word.len())?;
    key.copy_from_slice(word.as_bytes());
    key.make_ascii_lowercase();
    let candidates = l.abbreviation_keys.get(std::str::from_utf8(key).ok()?)?;
    candidates.iter().map(|&i| &l.abbreviations[i]).find(|e| abbreviation_matches(word, e))
}

/// Hard-wrap detection: lines this wide (in columns, CJK counting 2) may be wrapped lines.
const WRAP_MIN: usize = 50;
const WRAP_MAX: usize = 100;

/// The longest sentence handed on, in bytes. Real sentences are far shorter; text without
/// terminators (a hostile or broken input: one 64 MiB line) is cut into pieces of at most this
/// size, at whitespace where there is some, so that no later stage sees an unbounded sentence.
pub const MAX_SENTENCE_BYTES: usize = 8 * 1024;

/// Splits `text` into sentences, in order, each tagged with its paragraph index.
pub fn segment(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (paragraph, para) in paragraphs(text).into_iter().enumerate() {
        split_paragraph(text, para, paragraph, &mut out);
    }
    if out.iter().any(|s| s.span.len() > MAX_SENTENCE_BYTES) {
        out = out.into_iter().flat_map(|s| cut_long(text, s)).collect();
    }
    out
}

/// A sentence longer than `MAX_SENTENCE_BYTES` as pieces no longer than that, each trimmed and
/// cut after the last whitespace in its second half, else at a character boundary.
fn cut_long(text: &str, s: Sentence) -> Vec<Sentence> {
    let mut pieces = Vec::new();
    let mut start = s.span.start;
    while s.span.end - start > MAX_SENTENCE_BYTES {
        let mut limit = start + MAX_SENTENCE_BYTES;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let mut half = start + MAX_SENTENCE_BYTES / 2;
        while !text.is_char_boundary(half) {
            half += 1;
        }
        let cut = text[half..limit].rfind(char::is_whitespace).map_or(limit, |i| half + i);
        let end = start + text[start..cut].trim_end().len();
        pieces.push(Sentence { span: Span::new(start, end), paragraph: s.paragraph });
        start = skip_ws(&text[..s.span.end], cut);
    }
    if start < s.span.end {
        pieces.push(Sentence { span: Span::new(start, s.span.end), paragraph: s.paragraph });
    }
    pieces
}

/// Paragraph spans, trimmed, in order. Lines of a hard-wrapped paragraph are joined;
/// blank lines, complete lines, headline-like lines and list items break paragraphs.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let lines = split_lines(text);
    let blocks = blocks(&lines);
    let doc = WrapStats::of(text, &lines, &blocks);
    let mut out = Vec::new();
    for &(first, last) in &blocks {
        let block = WrapStats::of(text, &lines, &[(first, last)]);
        let wrap = if block.non_final >= 2 { block } else { doc };
        let mut para_start = lines[first].start;
        let mut quotes = OpenQuotes::from(para_start);
        for idx in first..last {
            let (prev, next) = (&lines[idx], &lines[idx + 1]);
            if !joins(text, para_start, prev, next, &mut quotes, &wrap) {
                out.push(Span::new(para_start, prev.end));
                para_start = next.start;
                quotes = OpenQuotes::from(para_start);
            }
        }
        out.push(Span::new(para_start, lines[last].end));
    }
    out
}

// ---------------------------------------------------------------------------
// Lines and paragraph blocks

/// A line's trimmed content `start..end` (empty when blank) and display width.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    /// Columns from the raw line start (indentation included) to `end`.
    width: usize,
    /// The line ended in U+2029 PARAGRAPH SEPARATOR.
    hard_break: bool,
}

impl Line {
    fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }

    fn is_blank(&self) -> bool {
        self.start == self.end
    }
}

fn split_lines(text: &str) -> Vec<Line> {
    // Byte by byte: every line break is ASCII or starts with 0xC2 (U+0085) or 0xE2 (U+2028,
    // U+2029), so no other character needs decoding.
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut line_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // the next byte that may start a break, found with memchr (the rare ones in the stretch
        // before the common ones)
        let rest = &bytes[i..];
        let common = memchr::memchr3(b'\n', b'\r', 0xE2, rest).unwrap_or(rest.len());
        i += memchr::memchr3(0x0B, 0x0C, 0xC2, &rest[..common]).unwrap_or(common);
        if i >= bytes.len() {
            break;
        }
        let (len, hard_break) = match bytes[i] {
            b'\n' | 0x0B | 0x0C => (1, false),
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => (1, false),
            0xC2 if bytes.get(i + 1) == Some(&0x85) => (2, false),
            0xE2 if bytes[i..].starts_with("\u{2028}".as_bytes()) => (3, false),
            0xE2 if bytes[i..].starts_with("\u{2029}".as_bytes()) => (3, true),
            _ => {
                i += 1;
                continue;
            }
        };
        lines.push(make_line(text, line_start, i, hard_break));
        i += len;
        line_start = i;
    }
    lines.push(make_line(text, line_start, text.len(), false));
    lines
}

fn make_line(text: &str, raw_start: usize, raw_end: usize, hard_break: bool) -> Line {
    let raw = &text[raw_start..raw_end];
    let trimmed = raw.trim();
    let start = raw_start + (raw.len() - raw.trim_start().len());
    let end = start + trimmed.len();
    Line { start, end, width: display_width(&text[raw_start..end]), hard_break }
}

/// Maximal runs of non-blank lines, as inclusive `(first, last)` line indices.
fn blocks(lines: &[Line]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, line) in lines.iter().enumerate() {
        if line.is_blank() {
            if let Some(first) = open.take() {
                out.push((first, i - 1));
            }
            continue;
        }
        let first = *open.get_or_insert(i);
        if line.hard_break {
            out.push((first, i));
            open = None;
        }
    }
    if let Some(first) = open {
        out.push((first, lines.len() - 1));
    }
    out
}

/// Whether a block (or the whole document) looks hard-wrapped, and at what width.
#[derive(Debug, Clone, Copy, Default)]
struct WrapStats {
    /// Lines followed by another line of the same block.
    non_final: usize,
    /// Estimated wrap width in columns (0 when unknown).
    width: usize,
    wrapped: bool,
}

impl WrapStats {
    /// Most non-final lines must be 50..=100 columns wide, close to the wrap width
    /// (within a quarter of it) and end without terminal punctuation. The wrap width
    /// is the widest line that is certainly wrapped (followed by a lowercase or digit
    /// start), else the widest candidate line.
    fn of(text: &str, lines: &[Line], blocks: &[(usize, usize)]) -> WrapStats {
        let in_range = |w: usize| (WRAP_MIN..=WRAP_MAX).contains(&w);
        let mut non_final = 0;
        let mut sure_width = 0;
        let mut any_width = 0;
        for &(first, last) in blocks {
            for idx in first..last {
                non_final += 1;
                let line = &lines[idx];
                if !in_range(line.width) {
                    continue;
                }
                any_width = any_width.max(line.width);
                let next = lines[idx + 1].text(text).chars().next();
                if next.is_some_and(|c| c.is_lowercase() || c.is_numeric()) {
                    sure_width = sure_width.max(line.width);
                }
            }
        }
        let width = if sure_width > 0 { sure_width } else { any_width };
        let low = WRAP_MIN.max(width - width / 4);
        let mut similar = 0;
        for &(first, last) in blocks {
            for line in &lines[first..last] {
                if (low..=width).contains(&line.width) && !ends_with_terminator(line.text(text)) {
                    similar += 1;
                }
            }
        }
        WrapStats { non_final, width, wrapped: non_final >= 2 && width > 0 && similar * 2 > non_final }
    }

    /// The break after `prev` was forced by the width: the next line's first word
    /// would not have fitted, and `prev` is not wider than the wrap width.
    fn filled(&self, text: &str, prev: &Line, next: &Line) -> bool {
        if !self.wrapped {
            return false;
        }
        let next_text = next.text(text);
        let first = next_text.chars().next();
        let cjk = first.is_some_and(is_wide) || prev.text(text).chars().next_back().is_some_and(is_wide);
        let word = if first.is_some_and(is_wide) {
            2
        } else {
            display_width(next_text.split(char::is_whitespace).next().unwrap_or(""))
        };
        // CJK wrappers often count characters, not columns: allow some slack.
        let (gap, slack) = if cjk { (0, 2.max(self.width / 8)) } else { (1, 0) };
        prev.width <= self.width + self.width / 10 && prev.width + gap + word + slack > self.width
    }
}

/// Open quotes and brackets in the paragraph read so far.
#[derive(Debug, Default)]
struct QuoteState {
    depth: [usize; 4],
    ascii_double: bool,
}

impl QuoteState {
    fn feed(&mut self, s: &str) {
        // Only bytes that may start a bracket or quote need decoding: the ASCII ones, and the
        // lead bytes of « » (C2), “ ” (E2), the CJK brackets (E3) and the full-width ones (EF).
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'(' | b')' | b'[' | b']' | b'"' | 0xC2 | 0xE2 | 0xE3 | 0xEF => {}
                _ => {
                    i += 1;
                    continue;
                }
            }
            let c = s[i..].chars().next().expect("on a char boundary");
            i += c.len_utf8();
            let (slot, open) = match c {
                '(' | '[' | '（' | '【' | '〔' => (0, true),
                ')' | ']' | '）' | '】' | '〕' => (0, false),
                '“' => (1, true),
                '”' => (1, false),
                '「' | '『' => (2, true),
                '」' | '』' => (2, false),
                '《' | '«' => (3, true),
                '》' | '»' => (3, false),
                '"' => {
                    self.ascii_double = !self.ascii_double;
                    continue;
                }
                _ => continue,
            };
            let d = &mut self.depth[slot];
            *d = if open { d.saturating_add(1) } else { d.saturating_sub(1) };
        }
    }

    fn is_open(&self) -> bool {
        self.ascii_double || self.depth.iter().any(|&d| d > 0)
    }
}

/// The quotes and brackets of a paragraph so far, read only when asked: most line breaks are
/// decided before the question comes up. Reading the text from the paragraph's start is reading
/// its lines, since what lies between them (line breaks and spaces) opens and closes nothing.
struct OpenQuotes {
    state: QuoteState,
    read_to: usize,
}

impl OpenQuotes {
    fn from(start: usize) -> Self {
        OpenQuotes { state: QuoteState::default(), read_to: start }
    }

    /// Whether a quote or bracket is open at byte `end` of `text`.
    fn open_at(&mut self, text: &str, end: usize) -> bool {
        if end > self.read_to {
            self.state.feed(&text[self.read_to..end]);
            self.read_to = end;
        }
        self.state.is_open()
    }
}

/// Whether the newline between `prev` and `next` (same block) joins them into one
/// paragraph (`true`) or breaks the paragraph (`false`).
fn joins(text: &str, para_start: usize, prev: &Line, next: &Line, quotes: &mut OpenQuotes, wrap: &WrapStats) -> bool {
    let prev_text = prev.text(text);
    let next_text = next.text(text);
    if is_bullet(next_text) || !has_content(prev_text) || !has_content(next_text) {
        return false;
    }
    // "Headline\n25 September 2025": a date line under a headline is not a wrap.
    if !wrap.wrapped && is_dateline(next_text) {
        return false;
    }
    let core = prev_text.trim_end_matches(is_closer);
    if let Some(last) = core.chars().next_back() {
        if is_terminator(last) {
            let run_start = prev.start + core.trim_end_matches(is_terminator).len();
            return match sentence_end(text, para_start, run_start) {
                // A complete line breaks the paragraph, unless it is a full line of
                // a hard-wrapped paragraph: then the sentence ends but the paragraph goes on.
                Ok(_) => wrap.filled(text, prev, next),
                // "Gen.\nLi", "U.S.\nArmy", "...\nand": the sentence continues.
                Err(_) => true,
            };
        }
        if is_continuation(last) {
            return true;
        }
    }
    let last_word = core.rsplit(char::is_whitespace).next().unwrap_or("");
    if lists().continuation_words.iter().any(|w| w == last_word) {
        return true;
    }
    let first = next_text.chars().next().unwrap_or(' ');
    if first.is_lowercase() || first.is_numeric() || is_strict_closer(first) || quotes.open_at(text, prev.end) {
        return true;
    }
    // Uppercase, CJK or other start after an unterminated line: a wrapped line joins,
    // anything else (a headline, a caption, a byline) stands alone.
    wrap.filled(text, prev, next)
}

/// A line made only of date and time words: "25 September 2025", "Updated: Sept. 25,
/// 2025 10:32 AM ET", "2025年9月25日 10:30".
fn is_dateline(line: &str) -> bool {
    if ends_with_terminator(line) || !line.contains(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let mut words = 0;
    for word in line.split_whitespace() {
        words += 1;
        let w = word.trim_matches(|c: char| c.is_ascii_punctuation() || c == '|' || c == '·');
        let ok = w.is_empty()
            || w.contains(|c: char| c.is_ascii_digit())
            || lists().date_words.iter().any(|d| d.eq_ignore_ascii_case(w));
        if !ok || words > 8 {
            return false;
        }
    }
    true
}

fn ends_with_terminator(line: &str) -> bool {
    line.trim_end_matches(is_closer).chars().next_back().is_some_and(is_terminator)
}

fn has_content(s: &str) -> bool {
    s.chars().any(char::is_alphanumeric)
}

/// List items: "- x", "* x", "• x", "1. x", "2) x", "(3) x", "a) x", "1、x", "一、x", "（一）x".
fn is_bullet(line: &str) -> bool {
    let mut chars = line.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let followed_by_space =
        |rest: &str| rest.starts_with(char::is_whitespace) && rest.trim_start().chars().next().is_some();
    if matches!(first, '-' | '*' | '•' | '·' | '‣' | '◦' | '▪' | '–' | '+') {
        return followed_by_space(chars.as_str());
    }
    let is_num = |c: char| {
        c.is_ascii_digit() || matches!(c, '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十')
    };
    let (inner, rest) = match first {
        '(' | '（' => {
            let body = chars.as_str();
            let Some(close) = body.find([')', '）']) else {
                return false;
            };
            let after = &body[close..];
            let close_len = after.chars().next().map_or(1, char::len_utf8);
            (&body[..close], &after[close_len..])
        }
        _ => {
            let end = line.find(|c: char| !is_num(c) && !c.is_ascii_alphabetic()).unwrap_or(line.len());
            let (marker, rest) = line.split_at(end);
            let Some(punct) = rest.chars().next() else {
                return false;
            };
            let rest = &rest[punct.len_utf8()..];
            let single_letter = marker.len() == 1 && marker.as_bytes()[0].is_ascii_alphabetic();
            let numeric = !marker.is_empty() && marker.chars().count() <= 3 && marker.chars().all(is_num);
            return match punct {
                '、' => numeric && !rest.is_empty(),
                '.' => numeric && marker.chars().all(|c| c.is_ascii_digit()) && followed_by_space(rest),
                ')' => (numeric || single_letter) && followed_by_space(rest),
                _ => false,
            };
        }
    };
    let n = inner.chars().count();
    (1..=3).contains(&n) && inner.chars().all(|c| is_num(c) || c.is_ascii_alphabetic()) && !rest.trim_start().is_empty()
}

// ---------------------------------------------------------------------------
// Sentences

/// Splits one (trimmed) paragraph into sentences.
fn split_paragraph(text: &str, para: Span, paragraph: usize, out: &mut Vec<Sentence>) {
    let s = &text[..para.end];
    let mut start = para.start;
    let mut content = false;
    let mut i = para.start;
    let b = s.as_bytes();
    while i < b.len() {
        // Every terminator is ASCII or starts with 0xE2, 0xE3 or 0xEF: other bytes are only
        // looked at while the sentence has no letter or digit yet.
        let x = b[i];
        if x < 0x80 && !matches!(x, b'.' | b'!' | b'?') {
            content |= x.is_ascii_alphanumeric();
            i += 1;
            continue;
        }
        if content && !matches!(x, b'.' | b'!' | b'?' | 0xE2 | 0xE3 | 0xEF) {
            // the rest of a character is continuation bytes, none of them one of those
            i += 1;
            continue;
        }
        let c = s[i..].chars().next().expect("on a char boundary");
        if is_terminator(c) {
            match sentence_end(s, para.start, i) {
                Ok(cut) => {
                    let next = skip_ws(s, cut);
                    if content && next < para.end {
                        out.push(Sentence { span: Span::new(start, cut), paragraph });
                        start = next;
                        content = false;
                    }
                    i = next;
                }
                Err(run_end) => i = run_end,
            }
            continue;
        }
        content |= c.is_alphanumeric();
        i += c.len_utf8();
    }
    if start < para.end {
        out.push(Sentence { span: Span::new(start, para.end), paragraph });
    }
}

/// Decides whether the run of terminators starting at byte `i` of `s` ends a
/// sentence. `floor` is where the paragraph starts (the look-back limit). Returns
/// `Ok(end)` with the sentence end after the run and any closing quotes/brackets,
/// or `Err(run_end)` with the end of the terminator run.
fn sentence_end(s: &str, floor: usize, i: usize) -> Result<usize, usize> {
    let (mut dots, mut ellipsis, mut bang, mut cjk) = (0usize, false, false, false);
    let mut run_end = i;
    for c in s[i..].chars() {
        match c {
            '.' => dots += 1,
            '…' => ellipsis = true,
            '!' | '?' | '‼' | '⁇' | '⁈' | '⁉' => bang = true,
            '。' | '！' | '？' | '；' | '．' | '｡' => cjk = true,
            _ => break,
        }
        run_end += c.len_utf8();
    }
    // A lone full-width period between digits is a decimal point ("３．５").
    if &s[i..run_end] == "．" && s[run_end..].starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        return Err(run_end);
    }
    let end = run_end + (s[run_end..].len() - s[run_end..].trim_start_matches(is_closer).len());
    let next_start = skip_ws(s, end);
    let Some(next) = s[next_start..].chars().next() else {
        return Ok(end);
    };
    let prev = s[floor..i].chars().next_back();
    // CJK terminators, and half-width ! ? after CJK, need no whitespace after them.
    if cjk || (bang && prev.is_some_and(is_wide)) {
        return Ok(end);
    }
    let gap = next_start > end;
    if !(gap || is_cjk(next)) || !is_sentence_start(next) {
        return Err(run_end);
    }
    if bang {
        return Ok(end);
    }
    if ellipsis || dots > 1 {
        return if gap && next.is_uppercase() { Ok(end) } else { Err(run_end) };
    }
    match classify_token(s, floor, i) {
        Token::Plain => Ok(end),
        // A closing quote or bracket after the dot rules out a title or a numbering
        // abbreviation ("she said \"No.\" Later").
        Token::NeverEnds if end > run_end => Ok(end),
        Token::NeverEnds => Err(run_end),
        Token::EndsBeforeStarter => {
            let rest = &s[next_start..];
            let word = &rest[..rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len())];
            if lists().sentence_starters.iter().any(|w| w == word) {
                Ok(end)
            } else {
                Err(run_end)
            }
        }
    }
}

/// What the word before a single `.` says about that full stop.
enum Token {
    Plain,
    NeverEnds,
    EndsBeforeStarter,
}

fn classify_token(s: &str, floor: usize, dot: usize) -> Token {
    let mut token_start = dot;
    for (n, (idx, c)) in s[floor..dot].char_indices().rev().enumerate() {
        if c.is_whitespace() {
            break;
        }
        if n >= 40 {
            return Token::Plain;
        }
        token_start = floor + idx;
    }
    let token = &s[token_start..dot];
    if token.is_empty() {
        return Token::Plain;
    }
    if token_start == floor && is_list_marker(token) {
        return Token::NeverEnds;
    }
    let token = token.trim_start_matches(is_opener);
    let core = match token.rsplit(['-', '/', '–', '—']).next() {
        Some(last) if !last.is_empty() => last,
        _ => token,
    };
    if let Some(entry) = abbreviation_of(core) {
        return if lists().final_abbreviations.contains(entry) || is_dotted_acronym(core) {
            Token::EndsBeforeStarter
        } else {
            Token::NeverEnds
        };
    }
    if is_dotted_acronym(core) {
        return Token::EndsBeforeStarter;
    }
    let mut chars = core.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_uppercase() || c.is_lowercase() {
            // An initial ("J. R. Smith", "aide K. Lee").
            return Token::NeverEnds;
        }
    }
    Token::Plain
}

/// `word` (without its final dot) is the abbreviation `entry`.
fn abbreviation_matches(word: &str, entry: &str) -> bool {
    let entry = &entry[..entry.len() - 1];
    if word == entry {
        return true;
    }
    if word.len() != entry.len()
        || !entry.starts_with(|c: char| c.is_ascii_lowercase())
        || !word.eq_ignore_ascii_case(entry)
    {
        return false;
    }
    // "E.g." or "E.G." for "e.g."
    word.bytes().all(|b| !b.is_ascii_lowercase())
        || (word.as_bytes()[0].is_ascii_uppercase() && word[1..] == entry[1..])
}

/// "U.S", "D.C", "P.R.C" (the final dot excluded).
fn is_dotted_acronym(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() >= 3
        && b.len() % 2 == 1
        && b.iter().enumerate().all(|(i, &c)| if i % 2 == 0 { c.is_ascii_uppercase() } else { c == b'.' })
}

/// The "1" of "1. First item" at the start of a paragraph.
fn is_list_marker(token: &str) -> bool {
    (1..=3).contains(&token.len()) && token.bytes().all(|b| b.is_ascii_digit())
        || (1..=4).contains(&token.len()) && token.bytes().all(|b| matches!(b, b'i' | b'v' | b'x' | b'I' | b'V' | b'X'))
}

fn skip_ws(s: &str, from: usize) -> usize {
    from + (s[from..].len() - s[from..].trim_start().len())
}

// ---------------------------------------------------------------------------
// Character classes

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '‼' | '⁇' | '⁈' | '⁉' | '。' | '！' | '？' | '；' | '．' | '｡')
}

/// Closing quotes and brackets that may follow a terminator.
fn is_closer(c: char) -> bool {
    matches!(c, '’' | '”' | '"' | '\'' | ')' | ']' | '}' | '»' | '›' | '」' | '』' | '）' | '》' | '】' | '〕' | '〉')
}

/// Closers that cannot also open a quotation.
fn is_strict_closer(c: char) -> bool {
    is_closer(c) && !matches!(c, '"' | '\'' | '’')
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '“' | '‘'
            | '"'
            | '\''
            | '('
            | '['
            | '{'
            | '«'
            | '‹'
            | '「'
            | '『'
            | '（'
            | '《'
            | '【'
            | '〔'
            | '〈'
            | '¿'
            | '¡'
    )
}

/// Line-final characters after which the sentence obviously continues.
fn is_continuation(c: char) -> bool {
    matches!(c, ',' | ';' | ':' | '-' | '–' | '—' | '/' | '&' | '，' | '、' | '：' | '·')
        || (is_opener(c) && c != '"' && c != '\'')
}

/// What may begin a sentence: uppercase or uncased letters (CJK included), digits,
/// opening quotes and brackets.
fn is_sentence_start(c: char) -> bool {
    (c.is_alphabetic() && !c.is_lowercase()) || c.is_numeric() || is_opener(c)
}

/// Han ideographs, kana and Hangul syllables.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'
        | '\u{31F0}'..='\u{31FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7AF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFF}')
}

/// Characters two columns wide: CJK, CJK punctuation and full-width forms.
fn is_wide(c: char) -> bool {
    is_cjk(c)
        || matches!(c, '\u{1100}'..='\u{115F}' | '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF60}' | '\u{FFE0}'..='\u{FFE6}')
}

fn display_width(s: &str) -> usize {
    if s.is_ascii() {
        return s.len();
    }
    // One column per character (every byte but a continuation byte starts one), one more per
    // wide character: all of them are U+1100 or above, three or four bytes from a lead of 0xE1 up.
    let b = s.as_bytes();
    let chars = b.iter().filter(|&&x| (x & 0xC0) != 0x80).count();
    let wide = b
        .iter()
        .enumerate()
        .filter(|&(_, &x)| x >= 0xE1)
        .filter(|&(i, _)| s[i..].chars().next().is_some_and(is_wide))
        .count();
    chars + wide
}

/// Quotation spans: “…”, "…", 「…」, 『…』.
///
/// Byte by byte, only the bytes that may start a character that matters are decoded: '"' and
/// '\n' are themselves, “ ” start with 0xE2 and 「 」 『 』 with 0xE3 (what each does is
/// `quote_step`).
pub fn quotes(text: &str) -> Vec<Span> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    let mut i = 0;
    while i < b.len() {
        // the next byte that may matter: an opener's while none is open, else this opener's
        // closer or a line break
        let found = match open {
            None => memchr::memchr3(b'"', 0xE2, 0xE3, &b[i..]),
            Some((_, '"')) => memchr::memchr2(b'"', b'\n', &b[i..]),
            Some((_, '\u{201c}')) => memchr::memchr2(0xE2, b'\n', &b[i..]),
            Some(_) => memchr::memchr2(0xE3, b'\n', &b[i..]),
        };
        let Some(k) = found else { break };
        i += k;
        let c = text[i..].chars().next().expect("a matched byte starts a character");
        quote_step(text, i, c, &mut open, &mut out);
        i += c.len_utf8();
    }
    out
}

/// What character `c` at byte `i` does to the quotation `open` (its start and opener): opens
/// one, closes it (its span goes to `out`), ends it unclosed at a paragraph break, or nothing.
fn quote_step(text: &str, i: usize, c: char, open: &mut Option<(usize, char)>, out: &mut Vec<Span>) {
    match *open {
        None => {
            if matches!(c, '\u{201c}' | '\u{300c}' | '\u{300e}')
                || (c == '"' && text[..i].chars().next_back().is_none_or(|p| !p.is_alphanumeric()))
            {
                *open = Some((i, c));
            }
        }
        Some((s, o)) => {
            let closes = match o {
                '\u{201c}' => c == '\u{201d}',
                '\u{300c}' => c == '\u{300d}',
                '\u{300e}' => c == '\u{300f}',
                _ => c == '"',
            };
            if closes {
                out.push(Span::new(s, i + c.len_utf8()));
                *open = None;
            } else if c == '\n' && text[i + 1..].starts_with('\n') {
                // A quotation running on to the next paragraph ends here, unclosed (the next
                // paragraph reopens it).
                if o != '"' || text[i + 1..].trim_start().starts_with(['"', '\u{201c}']) {
                    out.push(Span::new(s, i));
                }
                *open = None;
            }
        }
    }
}

#[cfg(test)]
mod quote_tests {
    use super::quotes;
    use crate::span::Span;

    /// Every character read, as before `quotes` jumped to the bytes that matter: the oracle.
    fn quotes_by_chars(text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        let mut open = None;
        for (i, c) in text.char_indices() {
            super::quote_step(text, i, c, &mut open, &mut out);
        }
        out
    }

    #[test]
    fn quotations_are_those_a_walk_over_every_character_finds() {
        let pieces = [
            "\"",
            "\u{201c}",
            "\u{201d}",
            "\u{300c}",
            "\u{300d}",
            "\u{300e}",
            "\u{300f}",
            "\u{2019}",
            "\n",
            "\n\n",
            " ",
            "a",
            "Z9",
            "说",
            "\u{2014}",
            "é",
            "\u{3001}",
            ".",
            "  \"",
            "\n \u{201c}",
        ];
        let mut rng = crate::testrng::Rng(0x9e37_79b9_7f4a_7c15);
        for n in 0..20_000 {
            let text = rng.text(&pieces, 1 + n % 24);
            assert_eq!(quotes(&text), quotes_by_chars(&text), "{text:?}");
        }
        let said = "He said \u{201c}we did not\u{201d} and \"no\", then 「否认」.\n\n\u{201c}Open";
        assert_eq!(quotes(said).len(), 3, "three closed; the last is open at the end");
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_endless_sentence_is_cut_into_bounded_pieces() {
        for text in [
            "China accused Taiwan of cyberattacks and Taiwan denied it ".repeat(2_000),
            "中国指责台湾发动网络攻击".repeat(3_000),
            "x".repeat(50_000) + " tail",
        ] {
            let sentences = segment(&text);
            assert!(sentences.len() > 1);
            let mut at = 0;
            for s in &sentences {
                assert!(!s.span.is_empty() && s.span.len() <= MAX_SENTENCE_BYTES, "{:?}", s.span);
                assert!(text[at..s.span.start].chars().all(char::is_whitespace), "a gap at {at}");
                assert_eq!(s.span.slice(&text).trim(), s.span.slice(&text));
                at = s.span.end;
            }
            assert!(text[at..].trim().is_empty());
        }
    }

    use super::*;

    /// Checks every documented invariant of `segment` on `text`.
    fn check_invariants(text: &str, sentences: &[Sentence]) {
        let mut prev_end = 0;
        let mut prev_para = None::<usize>;
        for s in sentences {
            let Span { start, end } = s.span;
            assert!(start < end && end <= text.len(), "bad span {start}..{end} in {text:?}");
            assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
            let slice = s.span.slice(text);
            assert_eq!(slice, slice.trim(), "untrimmed sentence {slice:?}");
            assert!(start >= prev_end, "overlap in {text:?}");
            assert!(text[prev_end..start].trim().is_empty(), "gap with text in {text:?}");
            match prev_para {
                None => assert_eq!(s.paragraph, 0),
                Some(p) => assert!(s.paragraph == p || s.paragraph == p + 1),
            }
            prev_para = Some(s.paragraph);
            prev_end = end;
        }
        assert!(text[prev_end..].trim().is_empty(), "uncovered tail in {text:?}");
    }

    fn sents(text: &str) -> Vec<&str> {
        let out = segment(text);
        check_invariants(text, &out);
        out.iter().map(|s| s.span.slice(text)).collect()
    }

    fn paras(text: &str) -> Vec<usize> {
        segment(text).iter().map(|s| s.paragraph).collect()
    }

    const WRAPPED: &str = "\
The Cybersecurity and Infrastructure Security Agency said on Tuesday
that a group it tracks as Volt Typhoon had gained access to networks
operated by water utilities in Guam and the continental United States.
Officials at the agency declined to say how many systems were affected.
Microsoft, which first disclosed the campaign in May, said the intruders
relied on compromised small-office routers to hide their traffic from
Defenders at the targeted Utilities.";

    #[test]
    fn plain_sentences() {
        assert_eq!(
            sents("Hackers breached the ministry. Officials blamed Beijing."),
            ["Hackers breached the ministry.", "Officials blamed Beijing."]
        );
    }

    #[test]
    fn abbreviations_are_looked_up_as_the_list_is_searched() {
        let l = lists();
        let mut words: Vec<String> = Vec::new();
        for a in &l.abbreviations {
            let w = &a[..a.len() - 1];
            words.extend([w.to_string(), w.to_ascii_uppercase(), w.to_ascii_lowercase()]);
            let mut c = w.chars();
            if let Some(f) = c.next() {
                words.push(f.to_ascii_uppercase().to_string() + &c.as_str().to_ascii_uppercase());
                words.push(f.to_ascii_lowercase().to_string() + c.as_str());
            }
        }
        words.extend(
            ["", "x", "Said", "U.S", "u.s", "E.G", "e.G", "Gen", "GEN", "gEN", "Inc", "dr", "中国", "Zoë"]
                .map(String::from),
        );
        for w in &words {
            let want = l.abbreviations.iter().find(|e| abbreviation_matches(w, e));
            assert_eq!(abbreviation_of(w), want, "{w:?}");
        }
        for a in &l.abbreviations {
            assert!(abbreviation_of(&a[..a.len() - 1]).is_some(), "{a}");
        }
    }

    #[test]
    fn display_width_counts_wide_characters_twice() {
        for s in ["plain", "“quoted” café", "中国外交部", "ｆｕｌｌ width", "한국 and 日本", "😀 e\u{301}", ""]
        {
            let want: usize = s.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum();
            assert_eq!(display_width(s), want, "{s:?}");
        }
    }

    #[test]
    fn military_ranks() {
        assert_eq!(
            sents("Gen. Li and Col. Wu met Lt. Kim, Maj. Ortiz, Capt. Ray, Sgt. Dunn and Adm. Park. They talked."),
            ["Gen. Li and Col. Wu met Lt. Kim, Maj. Ortiz, Capt. Ray, Sgt. Dunn and Adm. Park.", "They talked."]
        );
    }

    #[test]
    fn personal_titles() {
        assert_eq!(
            sents("Dr. Chen told Mr. Ross, Mrs. Hale, Ms. Ng and Prof. Ito the truth. Nobody believed it."),
            ["Dr. Chen told Mr. Ross, Mrs. Hale, Ms. Ng and Prof. Ito the truth.", "Nobody believed it."]
        );
    }

    #[test]
    fn political_titles() {
        assert_eq!(
            sents("Sen. Warner, Rep. Lee, Gov. Hochul and Pres. Lai spoke. Rev. Moon and Hon. Tan did not."),
            ["Sen. Warner, Rep. Lee, Gov. Hochul and Pres. Lai spoke.", "Rev. Moon and Hon. Tan did not."]
        );
    }

    #[test]
    fn organisations() {
        assert_eq!(
            sents("Huawei Technologies Co. Ltd. denied it. Microsoft Corp. President Brad Smith, Acme Inc. Chief Jones and Warner Bros. Discovery agreed."),
            [
                "Huawei Technologies Co. Ltd. denied it.",
                "Microsoft Corp. President Brad Smith, Acme Inc. Chief Jones and Warner Bros. Discovery agreed."
            ]
        );
    }

    #[test]
    fn final_abbreviation_before_starter_ends() {
        assert_eq!(
            sents("The contract went to Acme Inc. The company declined to comment."),
            ["The contract went to Acme Inc.", "The company declined to comment."]
        );
        assert_eq!(
            sents("They used phishing, worms, etc. It worked."),
            ["They used phishing, worms, etc.", "It worked."]
        );
    }

    #[test]
    fn months() {
        assert_eq!(
            sents("Attacks on Jan. 5, Feb. 6, Mar. 7, Apr. 8 and Aug. 9 were logged. More followed on Sept. 1, Sep. 2, Oct. 3, Nov. 4 and Dec. 5."),
            [
                "Attacks on Jan. 5, Feb. 6, Mar. 7, Apr. 8 and Aug. 9 were logged.",
                "More followed on Sept. 1, Sep. 2, Oct. 3, Nov. 4 and Dec. 5."
            ]
        );
    }

    #[test]
    fn latin_and_approximations() {
        assert_eq!(
            sents("Tools, e.g. Cobalt Strike, i.e. Beacon, were used vs. Taiwan, approx. 300 times. Smith et al. Found nothing."),
            ["Tools, e.g. Cobalt Strike, i.e. Beacon, were used vs. Taiwan, approx. 300 times.", "Smith et al. Found nothing."]
        );
        assert_eq!(sents("E.g. Volt Typhoon is one. Others exist."), ["E.g. Volt Typhoon is one.", "Others exist."]);
    }

    #[test]
    fn numbering_places_and_departments() {
        assert_eq!(
            sents("See No. 4 and Nos. 5 in Fig. 2 from the Dept. Treasury, Univ. Hawaii and the Assn. Board at Mt. Hood and Ft. Meade near St. Louis. Done."),
            [
                "See No. 4 and Nos. 5 in Fig. 2 from the Dept. Treasury, Univ. Hawaii and the Assn. Board at Mt. Hood and Ft. Meade near St. Louis.",
                "Done."
            ]
        );
    }

    #[test]
    fn junior_senior() {
        assert_eq!(
            sents("Martin Luther King Jr. Day passed. John Smith Sr. Said nothing."),
            ["Martin Luther King Jr. Day passed.", "John Smith Sr. Said nothing."]
        );
    }

    #[test]
    fn times_of_day() {
        assert_eq!(
            sents("The breach began at 9 a.m. Beijing time and ended at 3 p.m. The logs were wiped. At 4 P.M. Staff noticed."),
            ["The breach began at 9 a.m. Beijing time and ended at 3 p.m.", "The logs were wiped.", "At 4 P.M. Staff noticed."]
        );
    }

    #[test]
    fn country_abbreviations() {
        assert_eq!(
            sents("U.S. Cyber Command, the U.K. National Cyber Security Centre, the U.N. Security Council and E.U. Foreign Ministers agreed."),
            ["U.S. Cyber Command, the U.K. National Cyber Security Centre, the U.N. Security Council and E.U. Foreign Ministers agreed."]
        );
    }

    #[test]
    fn us_at_sentence_end_before_starter() {
        assert_eq!(
            sents("The group targeted the U.S. The campaign began in 2021."),
            ["The group targeted the U.S.", "The campaign began in 2021."]
        );
        assert_eq!(
            sents("It spied on the U.S. However, officials were calm."),
            ["It spied on the U.S.", "However, officials were calm."]
        );
    }

    #[test]
    fn us_before_name_is_not_end() {
        assert_eq!(
            sents("A statement by the U.S. Justice Department followed. Non-U.S. Firms were hit too."),
            ["A statement by the U.S. Justice Department followed.", "Non-U.S. Firms were hit too."]
        );
    }

    #[test]
    fn abbreviations_are_case_sensitive() {
        assert_eq!(sents("He said no. Then he left."), ["He said no.", "Then he left."]);
        assert_eq!(sents("The gen. Next came."), ["The gen.", "Next came."]);
        assert_eq!(sents("Case No. 7 is open."), ["Case No. 7 is open."]);
    }

    #[test]
    fn initials() {
        assert_eq!(
            sents("J. R. Smith wrote the report. Kim Jong Un’s aide K. Lee denied it."),
            ["J. R. Smith wrote the report.", "Kim Jong Un’s aide K. Lee denied it."]
        );
    }

    #[test]
    fn decimals() {
        assert_eq!(
            sents("Attacks rose 3.5 percent in 2024. The rise was 0.7 points higher."),
            ["Attacks rose 3.5 percent in 2024.", "The rise was 0.7 points higher."]
        );
    }

    #[test]
    fn versions_and_cves() {
        assert_eq!(
            sents("The flaw, CVE-2024-3400, affects PAN-OS v2.1.4 and 10.2.9. Palo Alto Networks patched it."),
            ["The flaw, CVE-2024-3400, affects PAN-OS v2.1.4 and 10.2.9.", "Palo Alto Networks patched it."]
        );
    }

    #[test]
    fn domains_and_ips() {
        assert_eq!(
            sents("The C2 at 10.0.0.1 served example.com and update.microsoft-cdn.net. It was taken down."),
            ["The C2 at 10.0.0.1 served example.com and update.microsoft-cdn.net.", "It was taken down."]
        );
    }

    #[test]
    fn ellipsis_mid_sentence() {
        assert_eq!(sents("The attacks ... were traced to Chengdu."), ["The attacks ... were traced to Chengdu."]);
        assert_eq!(sents("The attacks… were traced. Then what…"), ["The attacks… were traced.", "Then what…"]);
    }

    #[test]
    fn ellipsis_before_uppercase_ends() {
        assert_eq!(
            sents("He paused... Then he denied everything… China agreed."),
            ["He paused...", "Then he denied everything…", "China agreed."]
        );
    }

    #[test]
    fn closing_quote_after_comma_then_full_stop() {
        assert_eq!(
            sents("“We had nothing to do with it,” the ministry said. Then it hung up."),
            ["“We had nothing to do with it,” the ministry said.", "Then it hung up."]
        );
    }

    #[test]
    fn closing_quotes_after_full_stop() {
        assert_eq!(
            sents("He said: “We deny it.” The ministry agreed. She said \"No.\" Later: 'Fine.' Then silence."),
            ["He said: “We deny it.”", "The ministry agreed.", "She said \"No.\"", "Later: 'Fine.'", "Then silence."]
        );
    }

    #[test]
    fn closing_brackets_after_full_stop() {
        assert_eq!(
            sents("(The report was later retracted.) Officials [declined.] Guillemets «fin.» Next."),
            ["(The report was later retracted.)", "Officials [declined.]", "Guillemets «fin.»", "Next."]
        );
    }

    #[test]
    fn quote_spanning_two_sentences() {
        assert_eq!(
            sents("“We deny it. It is a smear,” he said. The embassy did not reply."),
            ["“We deny it.", "It is a smear,” he said.", "The embassy did not reply."]
        );
    }

    #[test]
    fn questions_and_exclamations() {
        assert_eq!(
            sents("Who did it? Nobody knows! What?! The probe continues."),
            ["Who did it?", "Nobody knows!", "What?!", "The probe continues."]
        );
    }

    #[test]
    fn question_in_quote_before_lowercase() {
        assert_eq!(sents("“Who did it?” he asked. Silence."), ["“Who did it?” he asked.", "Silence."]);
    }

    #[test]
    fn digit_starts_sentence() {
        assert_eq!(sents("It began in 2023. 2024 was worse."), ["It began in 2023.", "2024 was worse."]);
    }

    #[test]
    fn colon_and_semicolon_do_not_end() {
        assert_eq!(
            sents("The ministry said: The attacks came from abroad; It was firm."),
            ["The ministry said: The attacks came from abroad; It was firm."]
        );
    }

    #[test]
    fn headline_line_is_own_paragraph() {
        let text = "China accuses Taiwan of executing military-backed cyberattacks\nA hacking group called Anonymous 64 targeted official websites. Taipei denied it.";
        assert_eq!(
            sents(text),
            [
                "China accuses Taiwan of executing military-backed cyberattacks",
                "A hacking group called Anonymous 64 targeted official websites.",
                "Taipei denied it."
            ]
        );
        assert_eq!(paras(text), [0, 1, 1]);
    }

    #[test]
    fn byline_and_dateline_lines() {
        let text = "Beijing Blames Taipei\nBy Jane Doe, Reuters\nSeptember 25, 2025\nThe ministry said so.";
        assert_eq!(
            sents(text),
            ["Beijing Blames Taipei", "By Jane Doe, Reuters", "September 25, 2025", "The ministry said so."]
        );
        assert_eq!(paras(text), [0, 1, 2, 3]);
    }

    #[test]
    fn hard_wrapped_paragraph_is_joined() {
        let out = sents(WRAPPED);
        assert_eq!(out.len(), 3);
        assert_eq!(
            out[0],
            "The Cybersecurity and Infrastructure Security Agency said on Tuesday\nthat a group it tracks as Volt Typhoon had gained access to networks\noperated by water utilities in Guam and the continental United States."
        );
        assert_eq!(out[1], "Officials at the agency declined to say how many systems were affected.");
        assert!(
            out[2].starts_with("Microsoft, which") && out[2].ends_with("from\nDefenders at the targeted Utilities.")
        );
        assert_eq!(paras(WRAPPED), [0, 0, 0]);
    }

    #[test]
    fn headline_above_hard_wrapped_paragraph() {
        let text = format!("China accuses Taiwan of executing military-backed cyberattacks\n{WRAPPED}");
        let out = sents(&text);
        assert_eq!(out[0], "China accuses Taiwan of executing military-backed cyberattacks");
        assert_eq!(out.len(), 4);
        assert_eq!(paras(&text), [0, 1, 1, 1]);
    }

    #[test]
    fn wrapping_does_not_change_sentences() {
        let flat: String = WRAPPED.replace('\n', " ");
        let joined =
            |t: &str| sents(t).iter().map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")).collect::<Vec<_>>();
        assert_eq!(joined(WRAPPED), joined(&flat));
    }

    #[test]
    fn lowercase_next_line_continues() {
        let text = "The attack was attributed to\nhackers linked to Beijing, and\nTaiwan said so.";
        assert_eq!(sents(text), [text]);
    }

    #[test]
    fn open_quote_continues_across_lines() {
        let text = "He said “the servers in\nShanghai were used” and left.";
        assert_eq!(sents(text), [text]);
    }

    #[test]
    fn abbreviation_at_line_end_continues() {
        let text = "The order came from Gen.\nLi Wei of the PLA.";
        assert_eq!(sents(text), [text]);
        assert_eq!(paras(text), [0]);
    }

    #[test]
    fn blank_lines_separate_paragraphs() {
        let text = "First one. Second one.\n\n  \t\nThird one.\n\n\nFourth one.";
        assert_eq!(sents(text), ["First one.", "Second one.", "Third one.", "Fourth one."]);
        assert_eq!(paras(text), [0, 0, 1, 2]);
    }

    #[test]
    fn complete_line_breaks_paragraph() {
        let text = "Taiwan denied it.\nChina repeated the claim.\n“It is a lie,” Taipei said.\nNo proof was shown.";
        assert_eq!(
            sents(text),
            ["Taiwan denied it.", "China repeated the claim.", "“It is a lie,” Taipei said.", "No proof was shown."]
        );
        assert_eq!(paras(text), [0, 1, 2, 3]);
    }

    #[test]
    fn crlf_line_endings() {
        let text = "Headline Without Stop\r\nLine one.\r\nLine two.\r\n\r\nThird part.\r\n";
        assert_eq!(sents(text), ["Headline Without Stop", "Line one.", "Line two.", "Third part."]);
        assert_eq!(paras(text), [0, 1, 2, 3]);
        assert_eq!(sents("wrapped\r\ncontinues here."), ["wrapped\r\ncontinues here."]);
    }

    #[test]
    fn cjk_terminators_simplified() {
        assert_eq!(
            sents("中国外交部表示坚决反对。美方应停止抹黑！这是事实吗？我们拭目以待；后续再议。"),
            ["中国外交部表示坚决反对。", "美方应停止抹黑！", "这是事实吗？", "我们拭目以待；", "后续再议。"]
        );
    }

    #[test]
    fn cjk_terminators_traditional() {
        assert_eq!(
            sents("國防部指出，駭客來自中國。此事已報請調查！誰該負責？"),
            ["國防部指出，駭客來自中國。", "此事已報請調查！", "誰該負責？"]
        );
    }

    #[test]
    fn cjk_corner_quotes() {
        assert_eq!(sents("他说：「我们否认。」随后外交部发表声明。"), ["他说：「我们否认。」", "随后外交部发表声明。"]);
        assert_eq!(sents("發言人說：『這是抹黑！』台北未回應。"), ["發言人說：『這是抹黑！』", "台北未回應。"]);
    }

    #[test]
    fn cjk_curly_quotes_and_brackets() {
        assert_eq!(
            sents("发言人称：“这是诬蔑。”美方未予回应。（完。）以上。"),
            ["发言人称：“这是诬蔑。”", "美方未予回应。", "（完。）", "以上。"]
        );
    }

    #[test]
    fn cjk_halfwidth_question_and_bang() {
        assert_eq!(sents("真的吗?是的!就是这样。"), ["真的吗?", "是的!", "就是这样。"]);
    }

    #[test]
    fn cjk_fullwidth_period_and_decimal() {
        assert_eq!(sents("损失达３．５亿元．调查仍在进行。"), ["损失达３．５亿元．", "调查仍在进行。"]);
    }

    #[test]
    fn cjk_ellipsis_mid_sentence() {
        assert_eq!(sents("他说……这不可能。"), ["他说……这不可能。"]);
    }

    #[test]
    fn mixed_chinese_english() {
        assert_eq!(
            sents("美国国家安全局(NSA)表示。The agency said it had evidence. 中方否认。It called it a smear.中方再次否认。"),
            [
                "美国国家安全局(NSA)表示。",
                "The agency said it had evidence.",
                "中方否认。",
                "It called it a smear.",
                "中方再次否认。"
            ]
        );
    }

    #[test]
    fn cjk_headline_line() {
        let text = "中国指责台湾发动网络攻击\n一个名为“匿名者64”的黑客组织攻击了官方网站。台北否认。";
        assert_eq!(
            sents(text),
            ["中国指责台湾发动网络攻击", "一个名为“匿名者64”的黑客组织攻击了官方网站。", "台北否认。"]
        );
        assert_eq!(paras(text), [0, 1, 1]);
    }

    #[test]
    fn cjk_line_ending_with_comma_joins() {
        let text = "国家安全部表示，\n该组织隶属台湾资通电军。";
        assert_eq!(sents(text), [text]);
    }

    #[test]
    fn bullet_list() {
        let text =
            "Findings:\n- The group used phishing\n- It deployed ShadowPad\n* Data was exfiltrated\n• Logs were wiped";
        assert_eq!(
            sents(text),
            [
                "Findings:",
                "- The group used phishing",
                "- It deployed ShadowPad",
                "* Data was exfiltrated",
                "• Logs were wiped"
            ]
        );
        assert_eq!(paras(text), [0, 1, 2, 3, 4]);
    }

    #[test]
    fn numbered_list() {
        let text =
            "1. Initial access via VPN\n2. Lateral movement\n3) Exfiltration. Then cleanup\n一、渗透\n（二）窃密";
        assert_eq!(
            sents(text),
            [
                "1. Initial access via VPN",
                "2. Lateral movement",
                "3) Exfiltration.",
                "Then cleanup",
                "一、渗透",
                "（二）窃密"
            ]
        );
    }

    #[test]
    fn bullet_continuation_line() {
        let text = "- The group used spear-phishing emails\n  aimed at defence contractors\n- It deployed ShadowPad";
        assert_eq!(
            sents(text),
            ["- The group used spear-phishing emails\n  aimed at defence contractors", "- It deployed ShadowPad"]
        );
    }

    #[test]
    fn separator_lines_stand_alone() {
        let text = "Report\n---\nThe group struck.";
        assert_eq!(sents(text), ["Report", "---", "The group struck."]);
    }

    #[test]
    fn unicode_paragraph_separator() {
        let text = "One is here\u{2029}two is here.";
        assert_eq!(sents(text), ["One is here", "two is here."]);
        assert_eq!(paras(text), [0, 1]);
    }

    #[test]
    fn paragraphs_helper_matches_segment() {
        let text = "Title Line\n\nBody one. Body two.\nNext para.";
        let p: Vec<&str> = paragraphs(text).iter().map(|s| s.slice(text)).collect();
        assert_eq!(p, ["Title Line", "Body one. Body two.", "Next para."]);
        assert_eq!(paras(text), [0, 1, 1, 2]);
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let odd = [
            "",
            " ",
            "\n\n\r\n\t \u{3000}",
            ".",
            "...",
            "…",
            "!?",
            "。",
            "」。",
            ". . . The",
            "... The end",
            "a.",
            "U.S.",
            "1.",
            "- ",
            "-",
            "（",
            "(1)",
            "e\u{301}. E\u{301}t\u{301}e\u{301}. Ok.",
            "\u{301}\u{301}. A",
            "🦀 hacked. 🔥 Burned! 👍🏽。好",
            "Привет. Мир! Ελλάδα; Ναι. שלום. עולם",
            "日本語の文です。한국어 문장입니다. English here.",
            "\r\r\rA\rb.\rC",
            "\u{2028}\u{2029}\u{85}x\u{0C}Y.",
            "”“」「)(",
            "\"\"\"\"",
            "a\u{200B}.\u{200B}B",
            "x. \u{A0}Y",
            "１．２．３．",
            "Gen.",
            "J.",
            "?\n?\n?",
            "中\n文\n字",
        ];
        for text in odd {
            let out = sents(text);
            if text.trim().is_empty() {
                assert!(out.is_empty());
            } else {
                assert!(!out.is_empty(), "{text:?}");
            }
        }
        // Every prefix of a mixed text, cut on char boundaries.
        let mixed = "他说：「我们否认。」U.S. The end… Next? 3.5! “Quote.” 中文\r\n- item\n\nLast";
        for (i, _) in mixed.char_indices() {
            sents(&mixed[..i]);
            sents(&mixed[i..]);
        }
    }

    #[test]
    fn megabyte_without_punctuation() {
        // Cut into pieces of at most MAX_SENTENCE_BYTES, covering the text.
        let text = "word ".repeat(200_000) + "end";
        let out = segment(&text);
        check_invariants(&text, &out);
        assert_eq!((out[0].span.start, out.last().unwrap().span.end), (0, text.len()));
        assert!(out.iter().all(|s| s.span.len() <= MAX_SENTENCE_BYTES));
        let lines = "a line of wrapped text without stops that goes on\n".repeat(20_000);
        check_invariants(&lines, &segment(&lines));
        let dots = ".".repeat(1_000_000);
        assert_eq!(sents(&dots).concat(), dots);
    }

    #[test]
    fn dateline_under_headline() {
        let text =
            "China accuses Taiwan of executing military-backed cyberattacks\n25 September 2025\nThe ministry said so.";
        assert_eq!(
            sents(text),
            [
                "China accuses Taiwan of executing military-backed cyberattacks",
                "25 September 2025",
                "The ministry said so."
            ]
        );
        assert_eq!(sents("Hackers struck in\n2024 and again in 2025."), ["Hackers struck in\n2024 and again in 2025."]);
    }

    #[test]
    fn line_ending_in_function_word_continues() {
        let text = "The attack was attributed by the ministry to\nTaiwan’s ICEFCOM and\nChina said so.";
        assert_eq!(sents(text), [text]);
    }

    #[test]
    fn cjk_hard_wrapped_paragraph_is_joined() {
        let text = "国家安全部25日发布文章称，台湾“资通电军”操纵“匿名者64”黑客组织，对大\n陆、香港、澳门等地门户网站实施网络攻击，并在境外社交媒体平台上发布虚假\n视频。文章说，国家安全机关已查明该组织三名成员的真实身份，并依法对其立案\n调查。台湾方面对此予以否认。";
        assert_eq!(
            sents(text),
            [
                "国家安全部25日发布文章称，台湾“资通电军”操纵“匿名者64”黑客组织，对大\n陆、香港、澳门等地门户网站实施网络攻击，并在境外社交媒体平台上发布虚假\n视频。",
                "文章说，国家安全机关已查明该组织三名成员的真实身份，并依法对其立案\n调查。",
                "台湾方面对此予以否认。"
            ]
        );
        assert_eq!(paras(text), [0, 0, 0]);
    }
}
