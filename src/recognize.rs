//! Actor recognition: one pass of the lexicon's automaton over a document, then a linear walk
//! that applies the context rules (ambiguous aliases, shared names), joins a state with the role
//! after it ("China's national security ministry"), learns group names the text introduces
//! ("a hacking group called X"), and resolves references ("the ministry", "it") to an earlier actor.

use crate::lexicon::{Actor, ActorKind, Ambiguity, Hit, Lexicon, Meaning, Via};
use crate::segment::Sentence;
use crate::span::Span;
use std::collections::HashMap;

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
    let mut doc = Doc { text, lex, sentences, out: Recognized::default(), index: HashMap::new(), cyber };
    let learned = doc.learn_names(&placed);
    doc.walk(&placed, &learned);
    let mut out = doc.out;
    learn_speakers(text, sentences, cues, &mut out);
    out
}

/// Speakers the gazetteer does not know ("Shafir Logistics said", "Westholme Borough Council,
/// which runs the schools, said"): the capitalised name right before a verb of saying becomes
/// an organisation of the document, and so does every later use of the name.
fn learn_speakers(text: &str, sentences: &[Sentence], cues: &[crate::lexicon::cues::CueHit], out: &mut Recognized) {
    use crate::lexicon::cues::Cue;
    // (name, claims an operation of its own: a group)
    let mut names: Vec<(String, bool)> = Vec::new();
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
            match head.rfind(',') {
                Some(i) if end - 1 - i <= 80 && !head[i..].contains(['.', '"', '\u{201c}', '\u{201d}']) => {
                    // "Col. Lin, a spokesperson for ICEFCOM, said": the speaker is the body named.
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
        let Some(span) = name_before(text, end) else { continue };
        let name = span.slice(text);
        // A person with a title ("Col. Lin said") speaks for someone else, named elsewhere.
        let before = text[..span.start].trim_end();
        if crate::lexicon::words().person_prefixes.iter().any(|t| before.ends_with(t.as_str())) {
            continue;
        }
        // "Foreign Minister David Cameron said": a person speaking for a body.
        if name.split(' ').any(|w| crate::lexicon::words().titles.iter().any(|t| t == w)) {
            continue;
        }
        let title_before = before.rsplit(' ').next().is_some_and(|w| {
            let w = w.to_lowercase();
            crate::lexicon::words().person_roles.contains(&w)
        });
        if title_before {
            continue;
        }
        let first = name.split(' ').next().unwrap_or("");
        if crate::lexicon::words().not_names.iter().any(|t| t == first)
            || name.len() < 3
            || name.chars().all(|c| c.is_ascii_digit())
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
        // "the Polish Press Agency (PAP) … PAP said": the abbreviation stands for the long name,
        // which is known, or learned with it.
        let mut long: Option<Span> = None;
        if name.len() <= 10 && name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-') {
            if let Some(k) = text.find(&format!(" ({name})")) {
                long = name_before(text, k)
                    .filter(|l| !crate::lexicon::words().not_names.iter().any(|t| t == l.slice(text)));
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
            add_mentions(text, sentences, out, &form, index);
        }
    }
}

/// Every word-bounded use of `name` not covered by another mention becomes a mention of `index`.
fn add_mentions(text: &str, sentences: &[Sentence], out: &mut Recognized, name: &str, index: usize) {
    let mut from = 0;
    while let Some(off) = text[from..].find(name) {
        let s = from + off;
        let e = s + name.len();
        from = e;
        let span = Span::new(s, e);
        if !word_bounded(text, s, e) || out.mentions.iter().any(|m| m.span.overlaps(span)) {
            continue;
        }
        let sentence = sentences.partition_point(|x| x.span.end <= s).min(sentences.len().saturating_sub(1));
        let at = out.mentions.partition_point(|m| m.span.start < s);
        out.mentions.insert(at, Mention { span, actor: index, via: Via::Learned, sentence, antecedent: None });
    }
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
fn name_before(text: &str, end: usize) -> Option<Span> {
    // "the National Cyber Agency (NCA) said": the name stands before the abbreviation.
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
        // A word after a line break opens the line: it ends the walk.
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
            // The last few characters only: lower-casing the whole prefix is quadratic.
            let head = &self.text[..p.hit.start];
            let tail = &head[head.char_indices().rev().nth(4).map_or(0, |(i, _)| i)..];
            let tail = tail.to_lowercase();
            tail.ends_with("pro-") || tail.ends_with("anti-")
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
                    let Some(span) = self.with_determiner(span) else { continue };
                    if let Some(n) = self.role_of_state_after(placed, i, *role, span) {
                        return n;
                    }
                    let targets: Vec<u32> = self.lex.roles[*role as usize].by_state.values().copied().collect();
                    let found = self.out.mentions.iter().rev().find(|m| {
                        let a = &self.out.actors[m.actor].actor;
                        self.lex.index(&a.id).is_some_and(|g| targets.contains(&g))
                    });
                    if let Some(m) = found.copied() {
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
                    let span = if self.lex.references[*class as usize].determiner {
                        match self.with_determiner(span) {
                            Some(s) => s,
                            None => continue,
                        }
                    } else {
                        span
                    };
                    if let Some(m) = self.resolve(*class, span.start, p.sentence) {
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

    /// A Latin noun phrase preceded by "the", "this" or "that": the span with the determiner.
    /// Chinese phrases carry their own determiner (该, 該) and are returned as they are.
    fn with_determiner(&self, span: Span) -> Option<Span> {
        if span.slice(self.text).chars().next().is_some_and(crate::lang::is_han) {
            return Some(span);
        }
        let before = &self.text[..span.start];
        let trimmed = before.strip_suffix(' ')?;
        for det in ["the", "this", "that", "The", "This", "That", "THE"] {
            if let Some(head) = trimmed.strip_suffix(det) {
                if head.chars().next_back().is_none_or(|c| !c.is_alphanumeric()) {
                    return Some(Span::new(head.len(), span.end));
                }
            }
        }
        None
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
    fn resolve(&self, class: u16, pos: usize, sentence: usize) -> Option<Mention> {
        let rc = &self.lex.references[class as usize];
        let ok = |m: &&Mention| rc.accepts.contains(&self.out.actors[m.actor].actor.kind) && m.span.end <= pos;
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
            for s in (sentence.saturating_sub(3)..=sentence).rev() {
                if let Some(m) = back.iter().rev().filter(|m| m.sentence == s).find(|m| ok(m)) {
                    return Some(**m);
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
    let words: Vec<&str> = g.split([' ', '-']).filter(|w| !w.is_empty()).collect();
    let link = |w: &&str| crate::lexicon::words().link_words.iter().any(|t| *t == w.to_lowercase());
    let plain = |w: &&str| {
        w.chars().all(char::is_alphabetic)
            && !crate::lexicon::words().function_words.iter().any(|t| *t == w.to_lowercase())
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
        && ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            .iter()
            .any(|m| rest[2..].starts_with(m));
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

    #[test]
    fn learned_names_and_later_uses() {
        let t = "Hackers calling themselves Cyber Dragon Front hit the port. Later, Cyber Dragon Front posted data.";
        let f = found(t);
        assert_eq!(f.iter().filter(|(_, id)| id == "l-cyber-dragon-front").count(), 2, "{f:?}");
    }
}
