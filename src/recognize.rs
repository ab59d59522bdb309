//! Actor recognition: one pass of the lexicon's automaton over a document, then a linear walk
//! that applies the context rules (ambiguous aliases, shared names), joins a state with the role
//! after it ("China's national security ministry"), learns group names the text introduces
//! ("a hacking group called X"), and resolves references ("the ministry", "it") to an earlier actor.

use crate::lexicon::{Actor, ActorKind, Ambiguity, Hit, Lexicon, Meaning, Via};
use crate::segment::Sentence;
use crate::span::Span;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::collections::{BTreeMap, HashMap};

/// An actor as it appears in one document: a gazetteer actor, or one the text introduces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocActor {
    pub actor: Actor,
    /// Name of the sponsor, where there is one.
    pub sponsor_name: Option<String>,
    /// The distinct forms the document used for it, in order of first use (references excluded).
    pub aliases_seen: Vec<String>,
}

/// One place an actor is named or referred to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub span: Span,
    /// Index into `Recognized::actors`.
    pub actor: usize,
    pub via: Via,
    pub sentence: usize,
    /// For a reference, the span of the mention it was resolved to.
    pub antecedent: Option<Span>,
}

/// What recognition found in a document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recognized {
    pub actors: Vec<DocActor>,
    pub mentions: Vec<Mention>,
}

impl Recognized {
    pub fn actor_of(&self, m: &Mention) -> &Actor {
        &self.actors[m.actor].actor
    }

    /// Is `start..end` inside an actor's name (not a reference to one): a cue word there ("the
    /// United States", "Cyber Army", "Infrastructure Security Agency") is part of the name.
    pub fn inside_a_name(&self, start: usize, end: usize) -> bool {
        let ms = &self.mentions;
        let first = ms.partition_point(|m| m.span.end <= start);
        // Mentions are sorted by start; a few may nest, so look at the next ones too.
        ms[first..].iter().take(3).any(|m| m.span.start <= start && end <= m.span.end && m.via != Via::Reference)
    }

    /// Mentions whose span starts inside `span`.
    pub fn within(&self, span: Span) -> impl Iterator<Item = &Mention> {
        self.mentions.iter().filter(move |m| span.start <= m.span.start && m.span.start < span.end)
    }
}

/// A hit placed in its sentence.
#[derive(Debug, Clone, Copy)]
struct Placed {
    hit: Hit,
    sentence: usize,
}

struct Doc<'a> {
    text: &'a str,
    lex: &'a Lexicon,
    sentences: &'a [Sentence],
    out: Recognized,
    index: HashMap<String, usize>,
    /// per sentence: does it speak of cyber operations?
    cyber: Vec<bool>,
    /// Quotations, found when a pronoun first needs them.
    quotes: std::cell::OnceCell<Vec<Span>>,
}

/// Finds the actors of a document.
pub fn recognize(text: &str, sentences: &[Sentence], lex: &Lexicon) -> Recognized {
    recognize_with_cues(text, sentences, lex, &crate::lexicon::cues::Cues::get().scan(text))
}

/// `recognize`, given the document's claim cues already scanned (the pipeline scans them once
/// for recognition and extraction).
pub fn recognize_with_cues(
    text: &str,
    sentences: &[Sentence],
    lex: &Lexicon,
    cues: &[crate::lexicon::cues::CueHit],
) -> Recognized {
    recognize_with_hits(text, sentences, lex, &lex.scan(text), cues)
}

/// `recognize_with_cues`, given the lexicon's hits too (the pipeline scans a document once for
/// names and cues).
pub fn recognize_with_hits(
    text: &str,
    sentences: &[Sentence],
    lex: &Lexicon,
    hits: &[Hit],
    cues: &[crate::lexicon::cues::CueHit],
) -> Recognized {
    let mut out = recognize_named(text, sentences, lex, hits);
    learn_speakers(text, sentences, cues, &mut out);
    out
}

/// Everything but the speakers learned from verbs of saying: the gazetteer's actors, the group
/// names the text introduces, and the references resolved to them.
fn recognize_named(text: &str, sentences: &[Sentence], lex: &Lexicon, hits: &[Hit]) -> Recognized {
    let placed = place(hits, sentences);
    let mut cyber = vec![false; sentences.len().max(1)];
    for p in &placed {
        if lex.patterns[p.hit.pattern as usize]
            .meanings
            .iter()
            .any(|m| matches!(m, Meaning::Cyber | Meaning::GroupNoun))
        {
            cyber[p.sentence] = true;
        }
    }
    let mut doc = Doc {
        text,
        lex,
        sentences,
        out: Recognized::default(),
        index: HashMap::new(),
        cyber,
        quotes: Default::default(),
    };
    let learned = doc.learn_names(&placed);
    doc.walk(&placed, &learned);
    doc.out
}

/// Speakers the gazetteer does not know ("Shafir Logistics said", "Westholme Borough Council,
/// which runs the schools, said"): the capitalised name right before a verb of saying becomes
/// an organisation of the document, and so does every later use of the name.
///
/// Linear in the document up to a logarithm, whatever it holds: the mentions are asked through
/// a `MentionIndex` (and a map of the mentions learned here), the names learned through a map,
/// and the uses of every name are found in one pass over the text.
fn learn_speakers(text: &str, sentences: &[Sentence], cues: &[crate::lexicon::cues::CueHit], out: &mut Recognized) {
    use crate::lexicon::cues::Cue;
    use std::collections::hash_map::Entry;
    let words = crate::lexicon::words();
    // The mentions found before this stage: they do not change until the names are learned.
    let taken = MentionIndex::new(&out.mentions);
    let role_chars = words.person_roles.iter().map(|w| w.chars().count()).max().unwrap_or(0);
    // (name, claims an operation of its own: a group), in order of first use
    let mut names: Vec<(&str, bool)> = Vec::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for c in cues.iter().filter(|c| matches!(c.cue, Cue::Report | Cue::Responsibility)) {
        let group = c.cue == Cue::Responsibility;
        let word = &text[c.start..c.end];
        if !word.is_ascii() {
            continue;
        }
        let mut end = c.start;
        while end > 0 && text.as_bytes()[end - 1] == b' ' {
            end -= 1;
        }
        // Skip an apposition: "X, the state police's cyber unit, said".
        if end > 0 && text.as_bytes()[end - 1] == b',' {
            let head = &text[..end - 1];
            // Only a comma within 80 bytes counts, so no further one is looked for.
            match rfind_within(head, ",", 80) {
                Some(i) if end - 1 - i <= 80 && !head[i..].contains(['.', '"', '\u{201c}', '\u{201d}']) => {
                    // "Col. Lin, a spokesperson for ICEFCOM, said": the speaker is the body named.
                    if taken.any_inside(i, end) {
                        continue;
                    }
                    end = i
                }
                _ => continue,
            }
        }
        if taken.any_end_in(end.saturating_sub(2), end) {
            continue;
        }
        let Some(span) = name_before(text, end) else { continue };
        let name = span.slice(text);
        // A person with a title ("Col. Lin said") speaks for someone else, named elsewhere.
        let before = text[..span.start].trim_end();
        if words.person_prefixes.iter().any(|t| before.ends_with(t.as_str())) {
            continue;
        }
        // "Foreign Minister David Cameron said": a person speaking for a body.
        if name.split(' ').any(|w| words.titles.iter().any(|t| t == w)) {
            continue;
        }
        // A word longer than every role word is no role word, so a long run without a space is
        // not lower-cased whole.
        let title_before = last_word(before, role_chars).is_some_and(|w| {
            let w = w.to_lowercase();
            words.person_roles.contains(&w)
        });
        if title_before {
            continue;
        }
        let first = name.split(' ').next().unwrap_or("");
        if words.not_names.iter().any(|t| t == first) || name.len() < 3 || name.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        if taken.first_overlapping(span).is_some() {
            continue;
        }
        match seen.entry(name) {
            Entry::Occupied(e) => names[*e.get()].1 |= group,
            Entry::Vacant(e) => {
                e.insert(names.len());
                names.push((name, group));
            }
        }
    }
    if names.is_empty() {
        return;
    }
    // "the Polish Press Agency (PAP) … PAP said": the abbreviation stands for the long name,
    // which is known, or learned with it. Where each abbreviation is first spelled out:
    let abbreviation =
        |name: &str| name.len() <= 10 && name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-');
    let mut spelled: HashMap<&str, Option<usize>> =
        names.iter().filter(|n| abbreviation(n.0)).map(|n| (n.0, None)).collect();
    if !spelled.is_empty() {
        first_parenthesised(text, &mut spelled);
    }
    let longs: Vec<Option<Span>> = names
        .iter()
        .map(|n| {
            let k = spelled.get(n.0).copied().flatten()?;
            name_before(text, k).filter(|l| !words.not_names.iter().any(|t| t == l.slice(text)))
        })
        .collect();
    // Every form a name may be looked for under (itself, its long form), each once, and the
    // uses of each, in one pass.
    let mut form_ids: HashMap<&str, usize> = HashMap::new();
    let mut forms: Vec<&str> = Vec::new();
    for (n, long) in names.iter().zip(&longs) {
        for form in [Some(n.0), long.map(|l| l.slice(text))].into_iter().flatten() {
            form_ids.entry(form).or_insert_with(|| {
                forms.push(form);
                forms.len() - 1
            });
        }
    }
    let uses = bounded_uses(text, &forms);
    let mut ids: HashMap<String, usize> = HashMap::new();
    for (i, a) in out.actors.iter().enumerate() {
        ids.entry(a.actor.id.clone()).or_insert(i);
    }
    // The mentions learned here, by start: they never overlap one another or an earlier one.
    let mut added: BTreeMap<usize, Mention> = BTreeMap::new();
    for (&(name, group), long) in names.iter().zip(longs) {
        let known = long.and_then(|l| {
            let earlier = taken.first_overlapping(l).map(|i| &out.mentions[i]);
            // In the order of the mentions: by start, a learned one before an earlier one
            // starting at the same place.
            match (first_overlapping_added(&added, l), earlier) {
                (Some(a), Some(e)) => Some(if a.span.start <= e.span.start { a } else { e }),
                (a, e) => a.or(e),
            }
            .map(|m| m.actor)
        });
        let display = long.map_or(name, |l| l.slice(text));
        let id = format!("s-{}", slug(display));
        let mut its_forms = vec![name];
        if known.is_none() && display != name {
            its_forms.push(display);
        }
        let existing = ids.get(&id).copied();
        let index = match (known, existing) {
            (Some(i), _) => i,
            (None, Some(i)) => i,
            (None, None) => {
                ids.insert(id.clone(), out.actors.len());
                out.actors.push(DocActor {
                    actor: Actor {
                        id,
                        name: display.to_string(),
                        kind: if group { ActorKind::Group } else { ActorKind::Organisation },
                        subkind: if group { "learned" } else { "speaker" }.to_string(),
                        country: None,
                        sponsor: None,
                        parent: None,
                        short: None,
                    },
                    sponsor_name: None,
                    aliases_seen: its_forms.iter().map(|f| f.to_string()).collect(),
                });
                out.actors.len() - 1
            }
        };
        // Every word-bounded use of the form not covered by another mention becomes a mention.
        for form in its_forms {
            for &s in &uses[form_ids[form]] {
                let span = Span::new(s, s + form.len());
                if taken.first_overlapping(span).is_some() || first_overlapping_added(&added, span).is_some() {
                    continue;
                }
                let sentence = sentences.partition_point(|x| x.span.end <= s).min(sentences.len().saturating_sub(1));
                added.insert(s, Mention { span, actor: index, via: Via::Learned, sentence, antecedent: None });
            }
        }
    }
    // Into the mentions, by start; a learned one goes before an earlier one starting at the
    // same place.
    if !added.is_empty() {
        let earlier = std::mem::take(&mut out.mentions);
        let mut merged = Vec::with_capacity(earlier.len() + added.len());
        let mut earlier = earlier.into_iter().peekable();
        for m in added.into_values() {
            while let Some(e) = earlier.next_if(|e| e.span.start < m.span.start) {
                merged.push(e);
            }
            merged.push(m);
        }
        merged.extend(earlier);
        out.mentions = merged;
    }
}

/// Mentions sorted by start (as recognition makes them), for the questions learning speakers
/// asks of them, each answered in O(log n).
struct MentionIndex {
    starts: Vec<usize>,
    /// `max_end[i]`: the largest end among mentions `0..=i` (never decreasing).
    max_end: Vec<usize>,
    /// `min_end[i]`: the smallest end among mentions `i..`.
    min_end: Vec<usize>,
    /// Every end, sorted.
    ends: Vec<usize>,
}

impl MentionIndex {
    fn new(mentions: &[Mention]) -> Self {
        debug_assert!(mentions.windows(2).all(|w| w[0].span.start <= w[1].span.start), "mentions sorted by start");
        let starts: Vec<usize> = mentions.iter().map(|m| m.span.start).collect();
        let max_end = mentions
            .iter()
            .scan(0, |max, m| {
                *max = m.span.end.max(*max);
                Some(*max)
            })
            .collect();
        let mut min_end: Vec<usize> = mentions
            .iter()
            .rev()
            .scan(usize::MAX, |min, m| {
                *min = m.span.end.min(*min);
                Some(*min)
            })
            .collect();
        min_end.reverse();
        let mut ends: Vec<usize> = mentions.iter().map(|m| m.span.end).collect();
        ends.sort_unstable();
        MentionIndex { starts, max_end, min_end, ends }
    }

    /// The first mention that overlaps `span` (`Span::overlaps`), as `iter().position` finds it.
    /// Mentions before the first whose prefix reaches past `span.start` all end at or before it;
    /// that one ends after it, and overlaps unless it starts at or after `span.end`, in which
    /// case every later one does too.
    fn first_overlapping(&self, span: Span) -> Option<usize> {
        let i = self.max_end.partition_point(|&e| e <= span.start);
        (i < self.starts.len() && self.starts[i] < span.end).then_some(i)
    }

    /// Does a mention start after `after` and end before `before`?
    fn any_inside(&self, after: usize, before: usize) -> bool {
        let i = self.starts.partition_point(|&s| s <= after);
        i < self.starts.len() && self.min_end[i] < before
    }

    /// Does a mention end in `from..=to`?
    fn any_end_in(&self, from: usize, to: usize) -> bool {
        let i = self.ends.partition_point(|&e| e < from);
        i < self.ends.len() && self.ends[i] <= to
    }
}

/// The first (by start) of non-empty, non-overlapping mentions keyed by start that overlaps
/// `span`: the last one starting before `span.start` if it reaches past it, else the first one
/// starting at or after it if it starts before `span.end`.
fn first_overlapping_added(added: &BTreeMap<usize, Mention>, span: Span) -> Option<&Mention> {
    if let Some((_, m)) = added.range(..span.start).next_back() {
        if m.span.end > span.start {
            return Some(m);
        }
    }
    added.range(span.start..).next().map(|(_, m)| m).filter(|m| m.span.start < span.end)
}

/// Up to this many forms are looked for one by one rather than with an automaton.
const FEW_FORMS: usize = 6;

/// For each pattern, the starts of its word-bounded uses among those `text.match_indices(pattern)`
/// finds (leftmost first, none overlapping the one before), for all the patterns in one pass.
fn bounded_uses(text: &str, patterns: &[&str]) -> Vec<Vec<usize>> {
    debug_assert!(patterns.iter().all(|p| !p.is_empty()));
    let mut uses = vec![Vec::new(); patterns.len()];
    if patterns.is_empty() {
        return uses;
    }
    // A few forms (the usual case) are each searched for on their own: a vectorised substring
    // search is faster than building an automaton for every document.
    if patterns.len() <= FEW_FORMS {
        for (u, p) in uses.iter_mut().zip(patterns) {
            u.extend(memchr::memmem::find_iter(text.as_bytes(), p).filter(|&s| word_bounded(text, s, s + p.len())));
        }
        return uses;
    }
    match AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(patterns)
    {
        Ok(ac) => {
            // An overlapping search reports every occurrence of every pattern, a pattern's in
            // order; keeping those that start at or after the end of the last one kept is what
            // `match_indices` does.
            let mut next = vec![0; patterns.len()];
            for m in ac.find_overlapping_iter(text) {
                let p = m.pattern().as_usize();
                if m.start() >= next[p] {
                    next[p] = m.end();
                    if word_bounded(text, m.start(), m.end()) {
                        uses[p].push(m.start());
                    }
                }
            }
        }
        // More patterns than an automaton holds: one search each.
        Err(_) => {
            for (u, p) in uses.iter_mut().zip(patterns) {
                u.extend(text.match_indices(p).map(|(s, _)| s).filter(|&s| word_bounded(text, s, s + p.len())));
            }
        }
    }
    uses
}

/// Where `text.find(&format!(" ({x})"))` finds each abbreviation `x` of `wanted` (upper-case
/// ASCII letters, digits and hyphens, at most 10 bytes), all in one pass.
fn first_parenthesised(text: &str, wanted: &mut HashMap<&str, Option<usize>>) {
    let bytes = text.as_bytes();
    for (k, _) in text.match_indices(" (") {
        let inner = &bytes[k + 2..];
        let n =
            inner.iter().take(11).take_while(|&&b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-').count();
        if (1..=10).contains(&n) && inner.get(n) == Some(&b')') {
            if let Some(at @ None) = wanted.get_mut(&text[k + 2..k + 2 + n]) {
                *at = Some(k);
            }
        }
    }
}

/// `s.rfind(pat)` when only a match starting in the last `window` bytes of `s` matters: it looks
/// no further back (than the char boundary at or before that point).
fn rfind_within(s: &str, pat: &str, window: usize) -> Option<usize> {
    let mut from = s.len().saturating_sub(window);
    while !s.is_char_boundary(from) {
        from -= 1;
    }
    s[from..].rfind(pat).map(|i| from + i)
}

/// The text after the last space of `s` (all of it without a space), if it has at most
/// `max_chars` characters; `None` (having read no more than `max_chars + 1` characters) if longer.
fn last_word(s: &str, max_chars: usize) -> Option<&str> {
    for (n, (i, c)) in s.char_indices().rev().enumerate() {
        if c == ' ' {
            return Some(&s[i + 1..]);
        }
        if n >= max_chars {
            return None;
        }
    }
    Some(s)
}

fn place(hits: &[Hit], sentences: &[Sentence]) -> Vec<Placed> {
    let mut out = Vec::with_capacity(hits.len());
    let mut s = 0;
    for &hit in hits {
        while s + 1 < sentences.len() && sentences[s].span.end <= hit.start {
            s += 1;
        }
        out.push(Placed { hit, sentence: s });
    }
    out
}

/// A name the document introduces, and where it (and every later use) stands.
struct Learned {
    name: String,
    spans: Vec<Span>,
}

fn is_open_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201c}' | '\u{2018}' | '\'' | '\u{300c}' | '\u{300e}' | '\u{ff02}' | '\u{300a}')
}

fn closing_for(c: char) -> &'static [char] {
    match c {
        '\u{201c}' => &['\u{201d}'],
        '\u{2018}' => &['\u{2019}'],
        '\u{300c}' => &['\u{300d}'],
        '\u{300e}' => &['\u{300f}'],
        '\u{300a}' => &['\u{300b}'],
        '\'' => &['\''],
        _ => &['"', '\u{ff02}', '\u{201d}'],
    }
}

/// Reads a proper name starting at `at` (after white space): a quoted string, or capitalised
/// words (digits allowed, short joiners inside). Returns its span.
fn read_name(text: &str, at: usize) -> Option<Span> {
    let rest = &text[at..];
    let skipped = rest.len() - rest.trim_start_matches([' ', ':', ',', '\u{3000}']).len();
    let start = at + skipped;
    let mut chars = text[start..].char_indices();
    let (_, first) = chars.next()?;
    if is_open_quote(first) {
        let inner = start + first.len_utf8();
        let close = text[inner..].char_indices().take(60).find(|(_, c)| closing_for(first).contains(c))?;
        let name = text[inner..inner + close.0].trim();
        if name.chars().count() < 2 || name.contains('\n') {
            return None;
        }
        let s = inner + (text[inner..].len() - text[inner..].trim_start().len());
        return Some(Span::new(s, s + name.len()));
    }
    if !(first.is_uppercase() || first.is_ascii_digit()) {
        return None;
    }
    // Capitalised words.
    let mut end = start;
    let mut pos = start;
    let mut words = 0;
    while words < 6 {
        let word_len = text[pos..]
            .find(|c: char| {
                c.is_whitespace()
                    || crate::lang::is_han(c)
                    || matches!(
                        c,
                        ',' | ';'
                            | ':'
                            | '"'
                            | '\u{201d}'
                            | '\u{2019}'
                            | '\u{201c}'
                            | '('
                            | ')'
                            | '.'
                            | '?'
                            | '!'
                            | '\u{3002}'
                            | '\u{ff0c}'
                    )
            })
            .unwrap_or(text.len() - pos);
        if word_len == 0 {
            break;
        }
        let word = &text[pos..pos + word_len];
        let c0 = word.chars().next().unwrap_or(' ');
        let capital = c0.is_uppercase() || c0.is_ascii_digit();
        if capital {
            end = pos + word_len;
        } else if !(crate::lexicon::words().joiners.iter().any(|t| t == word) && words > 0) {
            break;
        }
        words += 1;
        // Continue over one space only.
        let after = pos + word_len;
        if text[after..].starts_with(' ') && !text[after + 1..].starts_with(' ') {
            pos = after + 1;
        } else {
            break;
        }
    }
    (end > start).then(|| Span::new(start, end))
}

/// The capitalised words (with short joiners inside) that end right at `end`: the name in
/// "claimed by Storm Riders of Aral, a hacker collective".
/// Reads back from `end` no further than the words it walks over (at most six, split at single
/// spaces; a line break opens the line and ends the walk), and stops at the first character
/// that cannot be in a name.
/// The longest word, in bytes, that can be part of a name learned from the text.
const MAX_NAME_WORD: usize = 64;

fn name_before(text: &str, end: usize) -> Option<Span> {
    // "the National Cyber Agency (NCA) said": the name stands before the abbreviation.
    let mut end = end;
    if text[..end].ends_with(')') {
        // An abbreviation of at most 12 bytes: its " (" is among the last 15 bytes.
        if let Some(open) = rfind_within(&text[..end], " (", 15) {
            let inner = &text[open + 2..end - 1];
            if !inner.is_empty() && inner.len() <= 12 && !inner.contains(' ') {
                end = open;
            }
        }
    }
    let clean = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '(' | ')');
    let mut last_capital = end;
    // The end of the next word to read, last word first.
    let mut at = end;
    for words in 0..6 {
        // The word runs back to a space, a line break or the start of the text; any other
        // character that cannot be in a name makes it no name word, and ends the walk.
        let mut start = at;
        let mut stop = None;
        for (i, c) in text[..at].char_indices().rev() {
            // No name has a word this long ("A-said-said-said…"): reading it back from every
            // verb in it would be quadratic, and so would the names learned.
            if !clean(c) || at - i > MAX_NAME_WORD {
                stop = Some(c);
                break;
            }
            start = i;
        }
        if start == at || stop.is_some_and(|c| c != ' ' && c != '\n') {
            break;
        }
        let word = &text[start..at];
        let c0 = word.chars().next()?;
        if c0.is_uppercase() || c0.is_ascii_digit() {
            last_capital = start;
        } else if !(crate::lexicon::words().joiners.iter().any(|t| t == word) && words > 0) {
            break;
        }
        // A word after a line break opens the line; the text's first word has none before it.
        if stop != Some(' ') {
            break;
        }
        at = start - 1;
    }
    let s = last_capital;
    // A sentence-initial article is not part of the name.
    let name = &text[s..end];
    let name = name.strip_prefix("The ").unwrap_or(name);
    let s = end - name.len();
    (s < end && !name.is_empty()).then(|| Span::new(s, end))
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

impl<'a> Doc<'a> {
    fn meanings(&self, p: &Placed) -> &'a [Meaning] {
        &self.lex.patterns[p.hit.pattern as usize].meanings
    }

    fn has(&self, p: &Placed, f: impl Fn(&Meaning) -> bool) -> bool {
        self.meanings(p).iter().any(f)
    }

    fn is_group_noun(&self, p: &Placed) -> bool {
        self.has(p, |m| matches!(m, Meaning::GroupNoun))
    }

    /// Is any group noun within `window` bytes before hit `i` (same sentence)?
    fn group_noun_before(&self, placed: &[Placed], i: usize, window: usize) -> bool {
        let pos = placed[i].hit.start;
        placed[..i]
            .iter()
            .rev()
            .take_while(|p| p.sentence == placed[i].sentence && pos.saturating_sub(p.hit.end) <= window)
            .any(|p| p.hit.end <= pos && self.is_group_noun(p))
    }

    /// A name standing right beside a group noun: "the Qilin ransomware group" (after a
    /// determiner, the noun in lower case), "勒索软件团伙LockBit", "黑客组织“X”".
    fn name_beside_noun(&self, placed: &[Placed], i: usize) -> Option<Span> {
        let p = placed[i];
        let noun = &self.text[p.hit.start..p.hit.end];
        let free = |span: Span| {
            let from = placed.partition_point(|q| q.hit.end <= span.start);
            !placed[from..]
                .iter()
                .take_while(|q| q.hit.start < span.end)
                .any(|q| self.has(q, |m| matches!(m, Meaning::Actor { .. } | Meaning::Demonym { .. })))
        };
        if noun.chars().next().is_some_and(crate::lang::is_han) {
            let next = self.text[p.hit.end..].chars().next()?;
            if !(next.is_ascii_uppercase() || matches!(next, '\u{201c}' | '\u{300c}' | '"')) {
                return None;
            }
            let span = read_name(self.text, p.hit.end)?;
            let name = span.slice(self.text);
            let latin = name.chars().filter(|c| c.is_ascii_alphabetic()).count() >= 3;
            return (latin && free(span) && name.chars().count() <= 30).then_some(span);
        }
        if noun.chars().any(|c| c.is_uppercase()) || !self.text[..p.hit.start].ends_with(' ') {
            return None;
        }
        let span = name_before(self.text, p.hit.start - 1)?;
        let name = span.slice(self.text);
        let before = self.text[..span.start].trim_end();
        let determiner = ["the", "The"].iter().any(|d| {
            before.ends_with(d)
                && before[..before.len() - d.len()].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
        });
        let words = name.split(' ').count();
        (determiner
            && words <= 3
            && !crate::lexicon::words().not_names.iter().any(|t| t == name)
            && free(span)
            && name.len() >= 3)
            .then_some(span)
    }

    /// Names introduced by "called X", "known as X", "自称“X”", or "X, a ... group".
    fn learn_names(&mut self, placed: &[Placed]) -> Vec<Learned> {
        let mut names: Vec<(String, Span)> = Vec::new();
        for (i, p) in placed.iter().enumerate() {
            for m in self.meanings(p) {
                match m {
                    Meaning::Learn { need_group_noun } => {
                        let Some(span) = read_name(self.text, p.hit.end) else { continue };
                        let name = span.slice(self.text);
                        let noun_before = self.group_noun_before(placed, i, 40);
                        let noun_after = placed.get(i + 1).is_some_and(|n| {
                            n.hit.start >= span.end && n.hit.start - span.end <= 2 && self.is_group_noun(n)
                        });
                        if *need_group_noun && !noun_before && !noun_after {
                            continue;
                        }
                        if self.is_known_at(placed, span) || name.chars().count() > 40 {
                            continue;
                        }
                        names.push((name.to_string(), span));
                    }
                    Meaning::GroupNoun => {
                        if let Some(span) = self.name_beside_noun(placed, i) {
                            names.push((span.slice(self.text).to_string(), span));
                            continue;
                        }
                        // "X, a pro-Russian hacktivist group"
                        let mut from = p.hit.start.saturating_sub(60);
                        while !self.text.is_char_boundary(from) {
                            from += 1;
                        }
                        let before = &self.text[..p.hit.start];
                        let Some(comma) = before[from..].rfind(", a").map(|c| c + from) else { continue };
                        if p.hit.start - comma > 50 || before[comma..].contains(['.', ';', '\n']) {
                            continue;
                        }
                        let Some(span) = name_before(self.text, comma) else { continue };
                        if self.is_known_at(placed, span) {
                            continue;
                        }
                        names.push((span.slice(self.text).to_string(), span));
                    }
                    _ => {}
                }
            }
        }
        let mut learned: Vec<Learned> = Vec::new();
        for (name, span) in names {
            if let Some(l) = learned.iter_mut().find(|l| l.name.eq_ignore_ascii_case(&name)) {
                l.spans.push(span);
            } else {
                learned.push(Learned { name, spans: vec![span] });
            }
        }
        // Every later use of a learned name.
        for l in &mut learned {
            let first = l.spans[0].start;
            let mut from = first;
            while let Some(off) = self.text[from..].find(l.name.as_str()) {
                let s = from + off;
                let e = s + l.name.len();
                if s > first && !l.spans.iter().any(|x| x.start == s) && word_bounded(self.text, s, e) {
                    l.spans.push(Span::new(s, e));
                }
                from = e;
            }
            l.spans.sort();
        }
        learned
    }

    /// Does a gazetteer actor stand at (or cover) this span?
    fn is_known_at(&self, placed: &[Placed], span: Span) -> bool {
        let from = placed.partition_point(|p| p.hit.end <= span.start);
        placed[from..]
            .iter()
            .take_while(|p| p.hit.start < span.end)
            .any(|p| self.has(p, |m| matches!(m, Meaning::Actor { .. })))
    }

    fn actor_index(&mut self, actor: Actor) -> usize {
        if let Some(&i) = self.index.get(&actor.id) {
            return i;
        }
        let sponsor_name =
            actor.sponsor.as_ref().and_then(|s| self.lex.index(s)).map(|i| self.lex.actor(i).name.clone());
        let i = self.out.actors.len();
        self.index.insert(actor.id.clone(), i);
        self.out.actors.push(DocActor { actor, sponsor_name, aliases_seen: Vec::new() });
        i
    }

    fn push(&mut self, span: Span, actor: Actor, via: Via, sentence: usize, antecedent: Option<Span>) {
        if is_dateline(self.text, span) {
            return;
        }
        let i = self.actor_index(actor);
        if via != Via::Reference {
            let form = span.slice(self.text).to_string();
            if !self.out.actors[i].aliases_seen.contains(&form) {
                self.out.actors[i].aliases_seen.push(form);
            }
        }
        self.out.mentions.push(Mention { span, actor: i, via, sentence, antecedent });
    }

    fn sentence_start(&self, s: usize) -> usize {
        self.sentences.get(s).map_or(0, |x| x.span.start)
    }

    fn walk(&mut self, placed: &[Placed], learned: &[Learned]) {
        // Learned names become hits of their own, merged in position order.
        let mut learned_at: Vec<(Span, usize)> =
            learned.iter().enumerate().flat_map(|(i, l)| l.spans.iter().map(move |s| (*s, i))).collect();
        learned_at.sort();
        let mut li = 0;
        let mut i = 0;
        while i < placed.len() || li < learned_at.len() {
            let next_hit = placed.get(i).map_or(usize::MAX, |p| p.hit.start);
            if li < learned_at.len() && learned_at[li].0.start <= next_hit {
                let (span, l) = learned_at[li];
                li += 1;
                // Skip hits the learned name covers.
                while i < placed.len() && placed[i].hit.start < span.end {
                    i += 1;
                }
                let name = &learned[l].name;
                let sentence = self
                    .sentences
                    .partition_point(|x| x.span.end <= span.start)
                    .min(self.sentences.len().saturating_sub(1));
                let actor = Actor {
                    id: format!("l-{}", slug(name)),
                    name: name.clone(),
                    kind: ActorKind::Group,
                    subkind: "learned".to_string(),
                    country: None,
                    sponsor: None,
                    parent: None,
                    short: None,
                };
                self.push(span, actor, Via::Learned, sentence, None);
                continue;
            }
            i += self.handle(placed, i);
        }
    }

    /// Handles the hit at `i`; returns how many hits it consumed.
    fn handle(&mut self, placed: &[Placed], i: usize) -> usize {
        let p = placed[i];
        let span = Span::new(p.hit.start, p.hit.end);
        let meanings = self.meanings(&p);
        // State or demonym followed by a role or a group noun.
        let state = meanings.iter().find_map(|m| match m {
            Meaning::Demonym { state } => Some((*state, true)),
            Meaning::Actor { candidates, .. }
                if candidates.len() == 1 && self.lex.actor(candidates[0]).kind == ActorKind::State =>
            {
                Some((candidates[0], false))
            }
            _ => None,
        });
        let sympathy = {
            let head = &self.text[..p.hit.start];
            crate::lexicon::ends_with_ci(head, "pro-") || crate::lexicon::ends_with_ci(head, "anti-")
        };
        if sympathy {
            return 1; // "pro-Russian hacktivists" states a sympathy, not a link
        }
        if let Some((state, demonym)) = state {
            if let Some(n) = self.join_state(placed, i, state, demonym) {
                return n;
            }
            if demonym {
                return 1; // "Chinese citizens": a demonym alone names no actor
            }
        }
        for m in meanings {
            match m {
                Meaning::Actor { candidates, via, ambiguity } => {
                    if !self.context_ok(placed, i, *ambiguity) {
                        continue;
                    }
                    // "a foreign office spokeswoman": a name that is also a role phrase names
                    // the body only when capitalised ("the Foreign Office"); else it is the role.
                    let form = span.slice(self.text);
                    let lower = form.chars().any(|c| c.is_ascii_lowercase()) && !form.chars().any(char::is_uppercase);
                    if lower && meanings.iter().any(|m| matches!(m, Meaning::Role { .. })) {
                        continue;
                    }
                    let chosen =
                        if candidates.len() == 1 { candidates[0] } else { self.choose(candidates, p.hit.start) };
                    let actor = self.lex.actor(chosen).clone();
                    self.push(span, actor, *via, p.sentence, None);
                    return 1;
                }
                Meaning::Role { role } => {
                    // A role with no state before it refers back ("the defence ministry").
                    let Some(span) = self.with_determiner(span, false) else { continue };
                    if let Some(n) = self.role_of_state_after(placed, i, *role, span) {
                        return n;
                    }
                    let targets: Vec<u32> = self.lex.roles[*role as usize].by_state.values().copied().collect();
                    let target = |m: &Mention| {
                        let a = &self.out.actors[m.actor].actor;
                        self.lex.index(&a.id).is_some_and(|g| targets.contains(&g))
                    };
                    // Named with the role's noun, a state or any of its bodies will do ("the
                    // embassy" after "the Chinese embassy in London", a body of its own).
                    let official =
                        |m: &Mention| matches!(self.out.actors[m.actor].actor.kind, ActorKind::State | ActorKind::Body);
                    let found = self.named_with(span, p.sentence, official).or_else(|| {
                        self.out.mentions.iter().rev().find(|m| target(m) && self.heard_from(m, span.start)).copied()
                    });
                    if let Some(m) = found {
                        let actor = self.out.actors[m.actor].actor.clone();
                        self.push(span, actor, Via::Reference, p.sentence, Some(m.span));
                        return 1;
                    }
                }
                Meaning::Reference { class } => {
                    let word = span.slice(self.text);
                    if word == "IT" || word == "US" {
                        continue;
                    }
                    let rc = &self.lex.references[*class as usize];
                    if rc.determiner && self.modifies_next(span) {
                        continue;
                    }
                    let span = if rc.determiner {
                        match self.with_determiner(span, rc.indefinite) {
                            Some(s) => s,
                            None => continue,
                        }
                    } else {
                        span
                    };
                    if let Some(actor) = self.named_next(placed, i, span, *class) {
                        self.push(span, actor, Via::Reference, p.sentence, None);
                        return 1;
                    }
                    if let Some(m) = self.resolve(*class, span, p.sentence) {
                        let actor = self.out.actors[m.actor].actor.clone();
                        self.push(span, actor, Via::Reference, p.sentence, Some(m.span));
                        return 1;
                    }
                }
                _ => {}
            }
        }
        1
    }

    /// "the government in Taipei", "the foreign ministry of Russia": a role followed by "in" or
    /// "of" and a state resolves to that state's body.
    fn role_of_state_after(&mut self, placed: &[Placed], i: usize, role: u16, span: Span) -> Option<usize> {
        let p = placed[i];
        let q = placed.get(i + 1)?;
        let gap = &self.text[p.hit.end..q.hit.start];
        if !matches!(gap, " in " | " of " | " in the " | " of the ") || q.sentence != p.sentence {
            return None;
        }
        let state = self.meanings(q).iter().find_map(|m| match m {
            Meaning::Actor { candidates, .. }
                if candidates.len() == 1 && self.lex.actor(candidates[0]).kind == ActorKind::State =>
            {
                Some(candidates[0])
            }
            _ => None,
        })?;
        let target = *self.lex.roles[role as usize].by_state.get(&state)?;
        let actor = self.lex.actor(target).clone();
        self.push(Span::new(span.start, q.hit.end), actor, Via::Role, p.sentence, None);
        Some(2)
    }

    /// "the group, which calls itself Cyber Av3ngers": a Latin reference that the name right
    /// after it says who it is (one of `naming_after` between), the named actor when its kind
    /// fits the reference.
    fn named_next(&self, placed: &[Placed], i: usize, span: Span, class: u16) -> Option<Actor> {
        if span.slice(self.text).chars().next().is_some_and(crate::lang::is_han) {
            return None;
        }
        let rest = &self.text[span.end..];
        let naming = crate::lexicon::words().naming_after.iter().find(|w| rest.starts_with(w.as_str()))?;
        let at = span.end + naming.len();
        // (the naming words may be hits of their own: "which calls itself" teaches names)
        let next = placed[i + 1..].iter().take(3).find(|q| q.hit.start == at)?;
        let rc = &self.lex.references[class as usize];
        self.meanings(next).iter().find_map(|m| match m {
            Meaning::Actor { candidates, .. } if rc.accepts.contains(&self.lex.actor(candidates[0]).kind) => {
                Some(self.lex.actor(candidates[0]).clone())
            }
            _ => None,
        })
    }

    /// Can a reference at `pos` go back to `m`? Not when `m` is named inside a quotation that
    /// `pos` stands outside ("“… of the U.S.,” he said"); a name in quotation marks is no
    /// quotation (“Digital Spear”).
    fn heard_from(&self, m: &Mention, pos: usize) -> bool {
        let quotes = self.quotes.get_or_init(|| crate::segment::quotes(self.text));
        let quote_of = |p: usize| {
            let q = quotes.partition_point(|q| q.end <= p);
            quotes.get(q).copied().filter(|q| q.start <= p)
        };
        quote_of(m.span.start)
            .is_none_or(|q| Some(q) == quote_of(pos) || q.end - q.start <= m.span.end - m.span.start + 6)
    }

    /// Does a Latin noun modify the noun after it ("the command servers", "the group policy"),
    /// one of `compound_heads`, rather than stand for an actor?
    fn modifies_next(&self, span: Span) -> bool {
        let Some(rest) = self.text[span.end..].strip_prefix(' ') else { return false };
        let end = rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len());
        let next = &rest[..end];
        !next.is_empty() && crate::lexicon::words().compound_heads.iter().any(|h| h.eq_ignore_ascii_case(next))
    }

    /// A Latin noun phrase preceded by "the", or by "this" or "that" (a singular noun: in "a
    /// group that officials linked", "that" starts a clause), or with `indefinite` by "a" or "an"
    /// when no "for", "of", "at" or "from" follows: the span with the determiner.
    /// Chinese phrases carry their own determiner (该, 該) and are returned as they are.
    fn with_determiner(&self, span: Span, indefinite: bool) -> Option<Span> {
        let noun = span.slice(self.text);
        if noun.chars().next().is_some_and(crate::lang::is_han) {
            return Some(span);
        }
        let plural = noun.ends_with('s') && !noun.ends_with("ss");
        let named_after = || {
            let rest = &self.text[span.end..];
            [" for ", " of ", " at ", " from "].iter().any(|w| rest.starts_with(w))
        };
        let trimmed = self.text[..span.start].strip_suffix(' ')?;
        // the word before: the bytes after the last one that is no ASCII letter (a determiner is
        // ASCII, and a non-ASCII letter before it makes it no word of its own)
        let from = trimmed.bytes().rposition(|b| !b.is_ascii_alphabetic()).map_or(0, |k| k + 1);
        let det = &trimmed[from..];
        let wanted = match det {
            "the" | "The" | "THE" => true,
            "this" | "This" | "that" | "That" => !plural,
            "a" | "an" | "A" | "An" => indefinite && !named_after(),
            _ => false,
        };
        let word_start = trimmed[..from].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        (wanted && word_start).then(|| Span::new(from, span.end))
    }

    /// The nearest mention in the last eight sentences, before `reference`, that names its actor
    /// with the reference's noun ("the embassy" → "the Chinese embassy in London", "the
    /// government" → "the British government") and whose actor passes `ok`. Latin only.
    fn named_with(&self, reference: Span, sentence: usize, ok: impl Fn(&Mention) -> bool) -> Option<Mention> {
        let phrase = reference.slice(self.text);
        let noun = phrase.rsplit(' ').next().filter(|w| w.len() >= 3 && w.is_ascii())?.to_ascii_lowercase();
        let holds = |m: &Mention| {
            let words = m.span.slice(self.text);
            words.len() > noun.len() && words.split([' ', '-']).any(|w| w.eq_ignore_ascii_case(&noun))
        };
        self.out
            .mentions
            .iter()
            .rev()
            .take_while(|m| sentence.saturating_sub(m.sentence) <= 8)
            .find(|m| m.span.end <= reference.start && holds(m) && ok(m))
            .copied()
    }

    /// Ambiguous forms need context: a cyber sentence, or (short forms) a group noun beside them.
    fn context_ok(&self, placed: &[Placed], i: usize, ambiguity: Ambiguity) -> bool {
        let p = &placed[i];
        match ambiguity {
            Ambiguity::None => true,
            Ambiguity::Word => {
                let mid_sentence = p.hit.start > self.sentence_start(p.sentence);
                self.cyber[p.sentence] && (mid_sentence || self.adjacent_group_noun(placed, i))
            }
            Ambiguity::Short => self.adjacent_group_noun(placed, i),
        }
    }

    fn adjacent_group_noun(&self, placed: &[Placed], i: usize) -> bool {
        let p = &placed[i];
        let near = |q: &Placed| {
            q.sentence == p.sentence
                && self.is_group_noun(q)
                && ((q.hit.start >= p.hit.end && q.hit.start - p.hit.end <= 1)
                    || (q.hit.end <= p.hit.start && p.hit.start - q.hit.end <= 1))
        };
        (i > 0 && near(&placed[i - 1])) || placed.get(i + 1).is_some_and(near)
    }

    /// Picks among actors sharing a form: the one whose state the document named most
    /// recently, else the first.
    fn choose(&self, candidates: &[u32], _pos: usize) -> u32 {
        for m in self.out.mentions.iter().rev().take(200) {
            let country = &self.out.actors[m.actor].actor.country;
            if let Some(&c) = candidates.iter().find(|&&c| &self.lex.actor(c).country == country && country.is_some()) {
                return c;
            }
        }
        candidates[0]
    }

    /// `state` (or its demonym) at `placed[i]`, followed within a few words by a role
    /// ("China's national security ministry") or a group noun ("Chinese hackers",
    /// "Taiwan-linked group"). Returns the number of hits consumed.
    fn join_state(&mut self, placed: &[Placed], i: usize, state: u32, demonym: bool) -> Option<usize> {
        let p = placed[i];
        for (k, q) in placed.iter().enumerate().skip(i + 1).take(3) {
            if q.sentence != p.sentence {
                break;
            }
            let gap = &self.text[p.hit.end..q.hit.start];
            if !gap_is_modifier(gap) {
                break;
            }
            let span = Span::new(p.hit.start, q.hit.end);
            for m in self.meanings(q) {
                match m {
                    Meaning::Role { role } => {
                        if let Some(&target) = self.lex.roles[*role as usize].by_state.get(&state) {
                            let actor = self.lex.actor(target).clone();
                            self.push(span, actor, Via::Role, p.sentence, None);
                            return Some(k - i + 1);
                        }
                    }
                    Meaning::GroupNoun => {
                        // "the Chinese hacking group Storm-0558": the named group is the mention.
                        let named_next = placed.get(k + 1).is_some_and(|n| {
                            n.hit.start >= q.hit.end
                                && n.hit.start - q.hit.end <= 2
                                && self.meanings(n).iter().any(|m| matches!(m, Meaning::Actor { candidates, .. } if self.lex.actor(candidates[0]).kind == ActorKind::Group))
                        });
                        if named_next {
                            return Some(k - i + 1);
                        }
                        let s = self.lex.actor(state);
                        let code = s.country.clone().unwrap_or_default();
                        let actor = Actor {
                            id: format!("u-{}-linked-group", code.to_lowercase()),
                            name: format!("unnamed {code}-linked group"),
                            kind: ActorKind::Group,
                            subkind: "unnamed".to_string(),
                            country: Some(code),
                            sponsor: None,
                            parent: None,
                            short: None,
                        };
                        self.push(span, actor, Via::Demonym, p.sentence, None);
                        return Some(k - i + 1);
                    }
                    Meaning::Actor { candidates, .. } if !demonym => {
                        // "China's Ministry of State Security" written with a shared name:
                        // the state decides.
                        if let Some(&c) =
                            candidates.iter().find(|&&c| self.lex.actor(c).country == self.lex.actor(state).country)
                        {
                            if self.lex.actor(c).kind == ActorKind::Body && gap.trim().len() <= 4 {
                                let actor = self.lex.actor(c).clone();
                                self.push(span, actor, Via::Name, p.sentence, None);
                                return Some(k - i + 1);
                            }
                        }
                    }
                    _ => {}
                }
            }
            if self.has(q, |m| matches!(m, Meaning::Actor { .. })) {
                break;
            }
        }
        None
    }

    /// The antecedent of a reference: for pronouns the subject (first actor) of the nearest
    /// earlier sentence that names a compatible one, else the nearest compatible mention.
    fn resolve(&self, class: u16, span: Span, sentence: usize) -> Option<Mention> {
        let rc = &self.lex.references[class as usize];
        let pos = span.start;
        let ok = |m: &&Mention| {
            rc.accepts.contains(&self.out.actors[m.actor].actor.kind) && m.span.end <= pos && self.heard_from(m, pos)
        };
        if rc.determiner {
            if let Some(m) = self.named_with(span, sentence, |m| ok(&m)) {
                return Some(m);
            }
        }
        if !rc.prefer.is_empty() {
            let preferred = |m: &&Mention| {
                let name = &self.out.actors[m.actor].actor.name;
                rc.prefer.iter().any(|w| name.contains(w.as_str()))
            };
            // The nearest preferred actor among the compatible ones of the last few sentences.
            let recent = |m: &&Mention| sentence.saturating_sub(m.sentence) <= 4;
            if let Some(m) = self.out.mentions.iter().rev().take_while(recent).filter(ok).find(preferred) {
                return Some(*m);
            }
        }
        if !rc.prefer_kinds.is_empty() {
            let near = |m: &&Mention| sentence.saturating_sub(m.sentence) <= 3;
            let kind_ok = |m: &&Mention| rc.prefer_kinds.contains(&self.out.actors[m.actor].actor.kind);
            if let Some(m) = self.out.mentions.iter().rev().take_while(near).filter(ok).find(kind_ok) {
                return Some(*m);
            }
        }
        if rc.subject {
            // Same sentence first ("The group claims it ..."), then earlier sentences.
            // Mentions are in text order: walk back over the last few sentences only.
            let back: Vec<&Mention> =
                self.out.mentions.iter().rev().take_while(|m| sentence.saturating_sub(m.sentence) <= 3).collect();
            // A state in the possessive qualifies the name after it ("Ukraine's State Service
            // ... (SSSCIP) said it"): the subject is the next candidate, when there is one.
            let possessive = |m: &Mention| {
                let rest = &self.text[m.span.end..];
                rest.starts_with("'s ") || rest.starts_with("\u{2019}s ")
            };
            for s in (sentence.saturating_sub(3)..=sentence).rev() {
                let mut candidates = back.iter().rev().filter(|m| m.sentence == s && ok(m)).peekable();
                while let Some(m) = candidates.next() {
                    if !(possessive(m) && candidates.peek().is_some()) {
                        return Some(**m);
                    }
                }
            }
            return None;
        }
        self.out.mentions.iter().rev().take_while(|m| sentence.saturating_sub(m.sentence) <= 8).find(ok).copied()
    }
}

/// Between a state and what it qualifies: "'s", "’s", "-linked", "-backed", "-based", spaces and
/// up to two plain words ("China's official state security ministry").
fn gap_is_modifier(gap: &str) -> bool {
    let g = gap.trim_start_matches(['\'', '\u{2019}']).trim_start_matches('s');
    let g = g.trim();
    if g.is_empty() {
        return true;
    }
    if gap.contains(['\n', ',', '.', ';', ':', '(', ')', '"', '\u{201c}', '\u{201d}']) {
        return false;
    }
    // Chinese: at most 的 or two characters between ("台湾当局豢养的" is too far).
    if g.chars().any(crate::lang::is_han) {
        return g == "的" || (g.chars().count() <= 2 && g.chars().all(crate::lang::is_han));
    }
    // Each word as written and lower-cased (once).
    let words: Vec<(&str, String)> =
        g.split([' ', '-']).filter(|w| !w.is_empty()).map(|w| (w, w.to_lowercase())).collect();
    let link = |(_, lower): &(&str, String)| crate::lexicon::words().link_words.contains(lower);
    let plain = |(w, lower): &(&str, String)| {
        w.chars().all(char::is_alphabetic)
            && !crate::lexicon::words().function_words.contains(lower)
            && !(w.ends_with("ing") || (w.ends_with("ed") && !w.ends_with("eed")))
    };
    (words.len() <= 2 && words.iter().all(|w| plain(w) || link(w)))
        || (words.len() <= 3 && words.first().is_some_and(link) && words.iter().all(|w| plain(w) || link(w)))
}

/// A dateline ("TEL AVIV - ", "BEIJING, April 15 (Xinhua) --"): an upper-case place name at
/// the start of a line, followed by a dash or a date. It says where the report was filed.
fn is_dateline(text: &str, span: Span) -> bool {
    let name = span.slice(text);
    let head = text[..span.start].trim_end_matches(|c: char| c.is_ascii_uppercase() || c == ' ');
    let line_start = head.is_empty() || head.ends_with('\n');
    if !line_start
        || name.chars().filter(|c| c.is_ascii_uppercase()).count() < 3
        || name.chars().any(char::is_lowercase)
    {
        return false;
    }
    let rest = text[span.end..].trim_start_matches(|c: char| c.is_ascii_uppercase() || c == ' ');
    let dashed = ["-", "\u{2013}", "\u{2014}"].iter().any(|d| rest.trim_start().starts_with(d));
    let dated = rest.starts_with(", ")
        && crate::lexicon::words().dateline_months.iter().any(|m| rest[2..].starts_with(m.as_str()));
    dashed || dated
}

fn word_bounded(text: &str, s: usize, e: usize) -> bool {
    let before = text[..s].chars().next_back();
    let after = text[e..].chars().next();
    let word = |c: char| c.is_alphanumeric() && !crate::lang::is_han(c);
    !before.is_some_and(word) && !after.is_some_and(word)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;

    fn found(text: &str) -> Vec<(String, String)> {
        let r = recognize(text, &segment(text), Lexicon::get());
        r.mentions.iter().map(|m| (m.span.slice(text).to_string(), r.actor_of(m).id.clone())).collect()
    }

    #[test]
    fn seed_like_sentences() {
        let t = "A hacking group called Anonymous64 attacked sites. China\u{2019}s national security ministry said so. The ministry cited screenshots.";
        let f = found(t);
        assert!(f.contains(&("Anonymous64".into(), "g-anonymous64".into())), "{f:?}");
        assert!(f.contains(&("China\u{2019}s national security ministry".into(), "cn-mss".into())), "{f:?}");
        assert!(f.contains(&("The ministry".into(), "cn-mss".into())), "{f:?}");
    }

    /// The actor a surface form resolves to, the first time it is found.
    fn resolved(text: &str, form: &str) -> Option<String> {
        found(text).into_iter().find(|(s, _)| s == form).map(|(_, id)| id)
    }

    #[test]
    fn a_reference_goes_back_to_the_actor_named_with_its_noun() {
        // Britain is named in between; the embassy is the one named with "embassy".
        let t = "The Chinese embassy in London hit back within hours and urged Britain to stop. \
                 The embassy said the UK was itself spying on other countries.";
        assert_eq!(resolved(t, "The embassy").as_deref(), Some("cn-chinese-diplomatic-missions"));
        // China is named in between; the government is the one named with "government".
        let t = "The British government said Chinese state-affiliated actors were behind the campaign. \
                 It was carried out by APT31, a group linked to China's Ministry of State Security. \
                 The government added that the same actors breached the Electoral Commission.";
        assert_eq!(resolved(t, "The government").as_deref(), Some("gb"));
        // With no such name, the nearest state still does.
        assert_eq!(
            resolved("Russia denied it. The government called the report a fabrication.", "The government").as_deref(),
            Some("ru")
        );
    }

    #[test]
    fn a_reference_noun_that_modifies_the_next_is_no_reference() {
        let t = "Investigators tied the wiper to a unit of Russia's GRU military intelligence. \
                 The team published the command servers and the group policy it abused. \
                 The command said nothing.";
        let f = found(t);
        assert!(!f.iter().any(|(s, _)| s == "the command" || s == "the group"), "{f:?}");
        assert!(f.iter().any(|(s, _)| s == "The command"), "a reference before a verb still is one: {f:?}");
    }

    #[test]
    fn a_reference_the_name_after_it_explains_is_that_name() {
        let t = "The FBI said the group, which calls itself Cyber Av3ngers, defaced control panels.";
        assert_eq!(resolved(t, "the group").as_deref(), Some("g-cyberav3ngers"));
        // not the group named before
        let t = "Sandworm was blamed by Kyiv. The FBI said the group, known as Cyber Av3ngers, defaced control panels.";
        assert_eq!(resolved(t, "the group").as_deref(), Some("g-cyberav3ngers"));
        // a name of the wrong kind does not do
        let t = "Sandworm was blamed by Kyiv. The group, called Microsoft by no one, denied it.";
        assert_eq!(resolved(t, "The group").as_deref(), Some("g-sandworm-team"));
    }

    #[test]
    fn this_and_that_go_before_a_singular_noun() {
        // "that" starts a clause here: "officials" is no reference to China.
        let f = found("China denied the report. Analysts named a group that officials linked to the intrusions.");
        assert_eq!(f, vec![("China".to_string(), "cn".to_string())]);
        assert_eq!(
            resolved("Russia denied it. That agency has never commented.", "That agency"),
            None,
            "no agency before"
        );
        assert_eq!(
            resolved("Russia's FSB denied it. That agency has never commented.", "That agency").as_deref(),
            Some("ru-fsb")
        );
    }

    #[test]
    fn a_spokesperson_speaks_for_the_actor_the_text_is_about() {
        let t =
            "The Chinese embassy in London rejected the report. A spokesperson said the accusations were groundless.";
        assert_eq!(resolved(t, "A spokesperson").as_deref(), Some("cn-chinese-diplomatic-missions"));
        // the actor is named after it: "A spokesperson" refers to no one before
        let t =
            "The Chinese embassy in London rejected the report. A spokesperson for Microsoft said the company agreed.";
        assert_eq!(resolved(t, "A spokesperson"), None);
        // Who is named in the quotation is not who speaks it.
        let t = "North Korea's Ministry of Foreign Affairs denied the claim. \
                 \u{201c}We have nothing to do with the allegations of the U.S.,\u{201d} a spokesman told the state news agency. \
                 \u{201c}The U.S. is the real culprit,\u{201d} the spokesman said.";
        let f = found(t);
        let spokesmen: Vec<&str> =
            f.iter().filter(|(s, _)| s.ends_with("spokesman")).map(|(_, id)| id.as_str()).collect();
        assert_eq!(spokesmen, ["kp-ministry-of-foreign-affairs"; 2], "{f:?}");
    }

    #[test]
    fn no_reference_goes_back_into_a_quotation_it_stands_outside() {
        let t = "North Korea denied the claim. \u{201c}We reject the lies of the U.S.,\u{201d} the government said.";
        assert_eq!(resolved(t, "the government").as_deref(), Some("kp"));
        let t =
            "Iran's foreign ministry rejected the report. \u{201c}Israel's army did this,\u{201d} the ministry said.";
        assert_eq!(resolved(t, "the ministry").as_deref(), Some("ir-ministry-of-foreign-affairs"));
    }

    #[test]
    fn a_state_in_the_possessive_is_not_the_subject_of_the_name_after_it() {
        let t = "Ukraine's State Service of Special Communications (SSSCIP) said in a statement it was investigating the incident.";
        assert_eq!(resolved(t, "it").as_deref(), Some("ua-ssscip"));
        // alone, it is the subject
        assert_eq!(
            resolved("Russia's answer came late. It said the charges were absurd.", "It").as_deref(),
            Some("ru")
        );
    }

    #[test]
    fn learned_names_and_later_uses() {
        let t = "Hackers calling themselves Cyber Dragon Front hit the port. Later, Cyber Dragon Front posted data.";
        let f = found(t);
        assert_eq!(f.iter().filter(|(_, id)| id == "l-cyber-dragon-front").count(), 2, "{f:?}");
    }

    #[test]
    fn a_chinese_legislature_is_the_one_of_the_state_in_context() {
        let legislature = |t: &str, form: &str| {
            let f = found(t);
            f.iter().find(|(s, _)| s == form).map(|(_, id)| id.clone()).unwrap_or_else(|| panic!("{form} in {f:?}"))
        };
        // 国会 (simplified) and 國會 (traditional) name any country's legislature.
        assert_eq!(
            legislature("美国联邦调查局局长此前在国会作证，称该组织构成威胁。", "国会"),
            "us-united-states-congress"
        );
        assert_eq!(legislature("國安局長表示，相關情資將定期向國會報告。", "國會"), "tw-legislative-yuan");
        assert_eq!(legislature("韩国国家情报院向国会报告了这起攻击。", "国会"), "kr-national-assembly-korea");
        assert_eq!(legislature("日本警察厅称，国会网站遭到攻击。", "国会"), "jp-national-diet");
        // With no state named, simplified characters suggest mainland usage and traditional
        // ones Taiwan's.
        assert_eq!(legislature("国会通过了一项网络安全法案。", "国会"), "us-united-states-congress");
        assert_eq!(legislature("國會通過了一項資安法案。", "國會"), "tw-legislative-yuan");
        // Named with their country, they need no context.
        assert_eq!(legislature("日本国会网站遭到攻击。", "日本国会"), "jp-national-diet");
        assert_eq!(legislature("韓國國會網站遭到攻擊。", "韓國國會"), "kr-national-assembly-korea");
    }

    use crate::testrng::Rng;

    fn mention(start: usize, end: usize) -> Mention {
        Mention { span: Span::new(start, end), actor: 0, via: Via::Learned, sentence: 0, antecedent: None }
    }

    #[test]
    fn mention_index_answers_as_a_scan_would() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let mut cases: Vec<Vec<Mention>> = vec![
            vec![],
            // Equal starts, nested, empty, touching.
            vec![mention(2, 9), mention(2, 4), mention(2, 2), mention(3, 5), mention(4, 4), mention(9, 12)],
            vec![mention(0, 20), mention(1, 2), mention(5, 6), mention(5, 30), mention(7, 8)],
            vec![mention(3, 3), mention(3, 3), mention(6, 6)],
        ];
        for round in 0..3000 {
            let width = 1 + rng.below(24);
            let mut ms: Vec<Mention> = (0..rng.below(12))
                .map(|_| {
                    let s = rng.below(width);
                    // Mostly short spans, some reaching far (nesting others).
                    let len = if round % 4 == 0 { rng.below(width + 4) } else { rng.below(4) };
                    mention(s, s + len)
                })
                .collect();
            // By start only: equal starts keep their ends in any order.
            ms.sort_by_key(|m| m.span.start);
            cases.push(ms);
        }
        for ms in &cases {
            let idx = MentionIndex::new(ms);
            let far = ms.iter().map(|m| m.span.end).max().unwrap_or(0) + 2;
            for s in 0..=far {
                for e in s..=far {
                    let span = Span::new(s, e);
                    let first = ms.iter().position(|m| m.span.overlaps(span));
                    assert_eq!(idx.first_overlapping(span), first, "{span:?} in {ms:?}");
                    let inside = ms.iter().any(|m| m.span.start > s && m.span.end < e);
                    assert_eq!(idx.any_inside(s, e), inside, "{span:?} in {ms:?}");
                    let ends = ms.iter().any(|m| s <= m.span.end && m.span.end <= e);
                    assert_eq!(idx.any_end_in(s, e), ends, "{span:?} in {ms:?}");
                }
                // As learning speakers asks it: a mention ending at most two bytes before `s`.
                let near = ms.iter().any(|m| m.span.end <= s && s - m.span.end <= 2);
                assert_eq!(idx.any_end_in(s.saturating_sub(2), s), near, "{s} in {ms:?}");
            }
        }
    }

    #[test]
    fn added_mentions_answer_as_a_scan_would() {
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        for _ in 0..3000 {
            // Non-empty mentions that do not overlap, as learning speakers adds them.
            let mut added = BTreeMap::new();
            let mut at = rng.below(3);
            while at < 30 {
                let len = 1 + rng.below(4);
                added.insert(at, mention(at, at + len));
                at += len + rng.below(3);
            }
            for s in 0..36 {
                for e in s..36 {
                    let span = Span::new(s, e);
                    let first = added.values().find(|m| m.span.overlaps(span));
                    assert_eq!(first_overlapping_added(&added, span), first, "{span:?} in {added:?}");
                }
            }
        }
    }

    #[test]
    fn bounded_uses_are_those_match_indices_finds() {
        let mut rng = Rng(0x1234_5678_9abc_def1);
        let pieces = ["A", "a", "AA", "A A", " ", "-", "é", "中", "\n", "B", "AB"];
        for round in 0..2000 {
            let n = rng.below(40);
            let text = rng.text(&pieces, n);
            // Forms that overlap themselves ("A A" in "A A A"), one another and nest; some
            // taken from the text, some not in it.
            let mut patterns: Vec<String> = Vec::new();
            // more forms than `FEW_FORMS` at times, so that both ways of searching are tried
            for _ in 0..1 + rng.below(2 * FEW_FORMS) {
                let k = 1 + rng.below(4);
                let p = if round % 2 == 0 && !text.is_empty() {
                    let cut: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
                    let a = cut[rng.below(cut.len())];
                    let b = cut[rng.below(cut.len())];
                    text[a.min(b)..a.max(b)].to_string()
                } else {
                    rng.text(&pieces, k)
                };
                if !p.is_empty() && !patterns.contains(&p) {
                    patterns.push(p);
                }
            }
            let patterns: Vec<&str> = patterns.iter().map(String::as_str).collect();
            let got = bounded_uses(&text, &patterns);
            for (p, uses) in patterns.iter().zip(&got) {
                let want: Vec<usize> =
                    text.match_indices(p).map(|(s, _)| s).filter(|&s| word_bounded(&text, s, s + p.len())).collect();
                assert_eq!(uses, &want, "{p:?} in {text:?}");
            }
        }
    }

    #[test]
    fn first_parenthesised_is_what_find_gives() {
        let mut rng = Rng(0x0f0f_1234_abcd_7777);
        let pieces = [" (", " ", "(", ")", "A", "B", "1", "-", "x", "é", "AB", "ABCDEFGHIJ", ") "];
        for _ in 0..3000 {
            let n = rng.below(30);
            let text = rng.text(&pieces, n);
            let mut wanted: HashMap<&str, Option<usize>> = HashMap::new();
            let names = ["A", "AB", "B1", "A-B", "ABCDEFGHIJ", "ABCDEFGHIJA", "AB1", "-", "1"];
            for name in names {
                wanted.insert(name, None);
            }
            first_parenthesised(&text, &mut wanted);
            for name in names {
                assert_eq!(wanted[name], text.find(&format!(" ({name})")), "{name:?} in {text:?}");
            }
        }
    }

    #[test]
    fn bounded_searches_back_agree_with_whole_ones() {
        let mut rng = Rng(0x5555_aaaa_1234_0001);
        let pieces = [",", " (", "a", "é", "中", " ", "xyzxyz", "Chief", "ɐ", "\u{212a}"];
        for _ in 0..3000 {
            let n = rng.below(40);
            let s = rng.text(&pieces, n);
            for window in [0, 1, 2, 5, 15, 80] {
                for pat in [",", " ("] {
                    // Every match the callers accept (starting in the last `window` bytes) is found.
                    let whole = s.rfind(pat).filter(|&i| i + window >= s.len());
                    let within = rfind_within(&s, pat, window).filter(|&i| i + window >= s.len());
                    assert_eq!(within, whole, "{pat:?} within {window} of {s:?}");
                }
                let whole = s.rsplit(' ').next().filter(|w| w.chars().count() <= window);
                assert_eq!(last_word(&s, window), whole, "last word within {window} of {s:?}");
            }
        }
    }

    /// `name_before` as it was, reading each word whole.
    fn name_before_as_was(text: &str, end: usize) -> Option<Span> {
        let mut end = end;
        if text[..end].ends_with(')') {
            if let Some(open) = text[..end].rfind(" (") {
                let inner = &text[open + 2..end - 1];
                if !inner.is_empty() && inner.len() <= 12 && !inner.contains(' ') {
                    end = open;
                }
            }
        }
        let mut start = end;
        let mut last_capital = end;
        for (words, word) in text[..end].rsplit(' ').enumerate() {
            if words >= 6 || word.is_empty() {
                break;
            }
            let (word, line_start) = match word.rfind('\n') {
                Some(i) => (&word[i + 1..], true),
                None => (word, false),
            };
            if word.is_empty() {
                break;
            }
            let c0 = word.chars().next()?;
            let clean = word.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '(' | ')'));
            if !clean {
                break;
            }
            if c0.is_uppercase() || c0.is_ascii_digit() {
                start -= word.len();
                last_capital = start;
            } else if crate::lexicon::words().joiners.iter().any(|t| t == word) && words > 0 {
                start -= word.len();
            } else {
                break;
            }
            if line_start {
                break;
            }
            start = start.saturating_sub(1);
        }
        let s = last_capital;
        let name = &text[s..end];
        let name = name.strip_prefix("The ").unwrap_or(name);
        let s = end - name.len();
        (s < end && !name.is_empty()).then(|| Span::new(s, end))
    }

    #[test]
    fn name_before_reads_as_it_did() {
        let mut rng = Rng(0xdead_beef_0bad_f00d);
        let pieces = [
            "Foo", "bar", "of", "the", "The", "A1", "9", "中", "é", "É", "(NCA)", " (", "(", ")", " ", " ", " ", "  ",
            "\n", ",", "-", "x-y", "Zz", "_", "Agency", "The ", "\r", ".",
        ];
        for _ in 0..3000 {
            let n = rng.below(24);
            let text = rng.text(&pieces, n);
            for end in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                assert_eq!(name_before(&text, end), name_before_as_was(&text, end), "{end} in {text:?}");
            }
        }
    }

    /// Learning speakers as it was: a scan of every mention and of the whole text per cue and
    /// per name.
    fn learn_speakers_as_was(
        text: &str,
        sentences: &[Sentence],
        cues: &[crate::lexicon::cues::CueHit],
        out: &mut Recognized,
    ) {
        use crate::lexicon::cues::Cue;
        let words = crate::lexicon::words();
        let mut names: Vec<(String, bool)> = Vec::new();
        for c in cues.iter().filter(|c| matches!(c.cue, Cue::Report | Cue::Responsibility)) {
            let group = c.cue == Cue::Responsibility;
            if !text[c.start..c.end].is_ascii() {
                continue;
            }
            let mut end = c.start;
            while end > 0 && text.as_bytes()[end - 1] == b' ' {
                end -= 1;
            }
            if end > 0 && text.as_bytes()[end - 1] == b',' {
                let head = &text[..end - 1];
                match head.rfind(',') {
                    Some(i) if end - 1 - i <= 80 && !head[i..].contains(['.', '"', '\u{201c}', '\u{201d}']) => {
                        if out.mentions.iter().any(|m| m.span.start > i && m.span.end < end) {
                            continue;
                        }
                        end = i
                    }
                    _ => continue,
                }
            }
            if out.mentions.iter().any(|m| m.span.end <= end && end - m.span.end <= 2) {
                continue;
            }
            let Some(span) = name_before_as_was(text, end) else { continue };
            let name = span.slice(text);
            let before = text[..span.start].trim_end();
            if words.person_prefixes.iter().any(|t| before.ends_with(t.as_str())) {
                continue;
            }
            if name.split(' ').any(|w| words.titles.iter().any(|t| t == w)) {
                continue;
            }
            if before.rsplit(' ').next().is_some_and(|w| words.person_roles.contains(&w.to_lowercase())) {
                continue;
            }
            let first = name.split(' ').next().unwrap_or("");
            if words.not_names.iter().any(|t| t == first) || name.len() < 3 || name.chars().all(|c| c.is_ascii_digit())
            {
                continue;
            }
            if out.mentions.iter().any(|m| m.span.overlaps(span)) {
                continue;
            }
            match names.iter_mut().find(|n| n.0 == name) {
                Some(n) => n.1 |= group,
                None => names.push((name.to_string(), group)),
            }
        }
        for (name, group) in names {
            let mut long: Option<Span> = None;
            if name.len() <= 10 && name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-') {
                if let Some(k) = text.find(&format!(" ({name})")) {
                    long = name_before_as_was(text, k).filter(|l| !words.not_names.iter().any(|t| t == l.slice(text)));
                }
            }
            let known = long.and_then(|l| out.mentions.iter().find(|m| m.span.overlaps(l)).map(|m| m.actor));
            let display = long.map_or(name.clone(), |l| l.slice(text).to_string());
            let id = format!("s-{}", slug(&display));
            let mut forms = vec![name.clone()];
            if known.is_none() && display != name {
                forms.push(display.clone());
            }
            let existing = out.actors.iter().position(|a| a.actor.id == id);
            let index = match (known, existing) {
                (Some(i), _) => i,
                (None, Some(i)) => i,
                (None, None) => {
                    out.actors.push(DocActor {
                        actor: Actor {
                            id,
                            name: display.clone(),
                            kind: if group { ActorKind::Group } else { ActorKind::Organisation },
                            subkind: if group { "learned" } else { "speaker" }.to_string(),
                            country: None,
                            sponsor: None,
                            parent: None,
                            short: None,
                        },
                        sponsor_name: None,
                        aliases_seen: forms.clone(),
                    });
                    out.actors.len() - 1
                }
            };
            for form in forms {
                let mut from = 0;
                while let Some(off) = text[from..].find(form.as_str()) {
                    let s = from + off;
                    let e = s + form.len();
                    from = e;
                    let span = Span::new(s, e);
                    if !word_bounded(text, s, e) || out.mentions.iter().any(|m| m.span.overlaps(span)) {
                        continue;
                    }
                    let sentence =
                        sentences.partition_point(|x| x.span.end <= s).min(sentences.len().saturating_sub(1));
                    let at = out.mentions.partition_point(|m| m.span.start < s);
                    out.mentions
                        .insert(at, Mention { span, actor: index, via: Via::Learned, sentence, antecedent: None });
                }
            }
        }
    }

    #[test]
    fn speakers_are_learned_as_they_were() {
        let mut rng = Rng(0x7777_1234_5678_9999);
        let words = [
            "China",
            "Russia",
            "NSA",
            "Microsoft",
            "said",
            "says",
            "told",
            "claimed responsibility",
            "added",
            "Foo",
            "Foo Bar",
            "Bar",
            "Qx Ltd",
            "PAP",
            "(PAP)",
            "Polish Press Agency",
            "ABC",
            "(ABC)",
            "A-1",
            "(A-1)",
            "the",
            "The",
            "of",
            "Col.",
            "Lin",
            "spokesperson",
            "minister",
            "Chief",
            "Monday",
            "It",
            "hackers",
            "group",
            "ministry",
            "the ministry",
            "Volt Typhoon",
            "APT28",
            "é",
            "中国",
            "\"",
            "it",
            "12",
            "Zeta Unit",
            "Foo-said",
            // Abbreviations spelled out, of names known, learned, or neither.
            "Polish Press Agency (PAP)",
            "PAP said",
            "Polish Press Agency said",
            "Microsoft (MSFTX)",
            "MSFTX said",
            "Zeta Unit (ZU-1)",
            "ZU-1 told",
            "Zeta Unit said",
            "ABC (ABC) said",
        ];
        let glue = [" ", " ", " ", " ", ", ", ". ", "\n", "", "  "];
        // Documents where a speaker is learned; where one is learned with its long form; where an
        // abbreviation is taken for an actor found before.
        let (mut learned, mut long, mut known) = (0, 0, 0);
        for _ in 0..4000 {
            let mut text = String::new();
            for _ in 0..1 + rng.below(30) {
                text.push_str(rng.pick(&words));
                text.push_str(rng.pick(&glue));
            }
            let sentences = segment(&text);
            let lex = Lexicon::get();
            let cues = crate::lexicon::cues::Cues::get().scan(&text);
            let named = recognize_named(&text, &sentences, lex, &lex.scan(&text));
            let (mut now, mut was) = (named.clone(), named);
            learn_speakers(&text, &sentences, &cues, &mut now);
            learn_speakers_as_was(&text, &sentences, &cues, &mut was);
            assert_eq!(now, was, "{text:?}");
            let speakers = now.actors.iter().filter(|a| a.actor.id.starts_with("s-"));
            learned += (speakers.clone().count() > 0) as usize;
            long += speakers.clone().any(|a| a.aliases_seen.len() > 1) as usize;
            known += now.mentions.iter().any(|m| {
                let a = &now.actors[m.actor];
                (m.via == Via::Learned && m.span.slice(&text) == "MSFTX" && !a.actor.id.starts_with("s-"))
                    || (m.span.slice(&text) == "PAP" && a.aliases_seen == ["Polish Press Agency"])
            }) as usize;
        }
        // The documents are ones where speakers are learned, in each of the ways.
        assert!(learned > 1000 && long > 100 && known > 50, "{learned} {long} {known}");
    }
}
