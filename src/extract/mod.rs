//! Claim extraction: per sentence, who speaks (the subject of a reporting verb, "according to
//! X", the speaker of a quote, or the speaker carried over from the sentences before), what kind
//! of claim the cues make, against whom, for what act, how surely; then, per document, the claims
//! are merged (one per kind, claimant and accused) and linked (a denial answers an accusation).

mod link;

use crate::lexicon::cues::{Action, Cue, CueHit, Cues};
use crate::lexicon::{ActorKind, Lexicon, Via};
use crate::recognize::{Mention, Recognized};
use crate::segment::Sentence;
use crate::span::Span;

/// The six claim kinds of the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ClaimKind {
    Accusation,
    Denial,
    CounterAccusation,
    Responsibility,
    Minimization,
    Corroboration,
}

impl ClaimKind {
    pub const ALL: [ClaimKind; 6] = [
        ClaimKind::Accusation,
        ClaimKind::Denial,
        ClaimKind::CounterAccusation,
        ClaimKind::Responsibility,
        ClaimKind::Minimization,
        ClaimKind::Corroboration,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Accusation => "accusation",
            ClaimKind::Denial => "denial",
            ClaimKind::CounterAccusation => "counter_accusation",
            ClaimKind::Responsibility => "responsibility",
            ClaimKind::Minimization => "minimization",
            ClaimKind::Corroboration => "corroboration",
        }
    }

    pub fn parse(s: &str) -> Option<ClaimKind> {
        ClaimKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// How sure the claimant says it is of who did it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Certainty {
    Asserted,
    Hedged,
    Denied,
}

impl Certainty {
    pub fn as_str(self) -> &'static str {
        match self {
            Certainty::Asserted => "asserted",
            Certainty::Hedged => "hedged",
            Certainty::Denied => "denied",
        }
    }
}

/// A claim found in a document. Actors are indices into the document's `Recognized::actors`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub kind: ClaimKind,
    pub claimant: Option<usize>,
    pub accused: Option<usize>,
    /// The state the claimant ties the accused to (the sponsor's country for a group).
    pub accused_country: Option<String>,
    /// The body or state named as the accused group's sponsor, as a document actor.
    pub accused_sponsor: Option<usize>,
    pub action: Action,
    pub targets: Vec<String>,
    pub certainty: Certainty,
    /// The cue words that made the claim and its certainty.
    pub cues: Vec<String>,
    /// Every sentence that makes the claim; the first is the main one.
    pub spans: Vec<Span>,
    pub sentence: usize,
    /// Indices of the claims (in this document) it answers.
    pub responds_to: Vec<usize>,
}

/// A speaker found for a sentence, and where.
#[derive(Debug, Clone, Copy)]
struct Speaker {
    actor: usize,
    /// Named by a pronoun ("…, it added"): the speaker before it goes on speaking.
    pronoun: bool,
}

struct Ctx<'a> {
    text: &'a str,
    rec: &'a Recognized,
    lex: &'a Lexicon,
    cues: Vec<CueHit>,
    /// Quotation spans in the text.
    quotes: Vec<Span>,
    /// Does the document speak of cyber operations at all?
    doc_cyber: bool,
    /// Every occurrence of a first-person word in the text, found in one pass the first time a
    /// sentence asks: a sentence's own are those inside it.
    we: std::cell::OnceCell<Vec<usize>>,
}

/// What extraction found in one document: its claims, and who speaks in each sentence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extraction {
    pub claims: Vec<Claim>,
    /// Per sentence, the actor the sentence itself names as speaking ("The ministry said …",
    /// "…, it added", "according to X"), as an index into `Recognized::actors`; not a speaker
    /// carried over from the sentences before.
    pub speakers: Vec<Option<usize>>,
}

/// Extracts the claims of one document.
pub fn extract(
    text: &str,
    sentences: &[Sentence],
    rec: &Recognized,
    lex: &Lexicon,
    doc_speaker: Option<&str>,
) -> Extraction {
    extract_with_cues(text, sentences, rec, lex, doc_speaker, Cues::get().scan(text))
}

/// `extract`, given the document's claim cues already scanned.
pub fn extract_with_cues(
    text: &str,
    sentences: &[Sentence],
    rec: &Recognized,
    lex: &Lexicon,
    doc_speaker: Option<&str>,
    mut cues: Vec<CueHit>,
) -> Extraction {
    // A cue inside an actor's name ("United States", "Cyber Army") is no cue.
    cues.retain(|c| !rec.inside_a_name(c.start, c.end));
    // A cue of acting ("claimed the intrusion", "hacked") may hide the action word inside it.
    let doc_cyber = cues.iter().any(|c| matches!(c.cue, Cue::Action(_) | Cue::Attack | Cue::Responsibility));
    let ctx =
        Ctx { text, rec, lex, cues, quotes: crate::segment::quotes(text), doc_cyber, we: std::cell::OnceCell::new() };
    let default_speaker = doc_speaker.and_then(|s| ctx.speaker_from_meta(s));
    // "We attribute …" in a vendor's own report: the author is the first organisation named.
    let author = rec
        .mentions
        .iter()
        .find(|m| {
            let a = rec.actor_of(m);
            a.kind == ActorKind::Organisation && matches!(a.subkind.as_str(), "vendor" | "company")
        })
        .map(|m| m.actor);
    let mut claims = Vec::new();
    let mut speakers = Vec::with_capacity(sentences.len());
    let mut carried: Option<(Speaker, usize)> = None;
    // "The spokesman gave the following answer:": the statement that follows is the speaker's
    // to its end, or until someone else is named speaking.
    let mut statement = false;
    for (si, s) in sentences.iter().enumerate() {
        let mut own = ctx.speaker(s.span);
        // "“…” Those were the words of X.": a quotation whose speaker the next sentence names.
        if own.is_none() && ctx.quote_only(s.span) {
            own = sentences.get(si + 1).and_then(|n| ctx.quote_source(n.span));
        }
        // "The election commission said …": someone the recogniser does not know speaks; the
        // speaker before does not go on.
        if own.is_none() && ctx.unknown_speaker(s.span) {
            carried = None;
            statement = false;
        }
        // A sentence in the first person ("We make it clear …") goes on with the speaker before.
        if own.is_none() && ctx.first_person(s.span) {
            if let Some((sp, at)) = carried {
                if si - at <= 2 || statement {
                    carried = Some((sp, si));
                }
            }
        }
        if statement {
            if let Some((sp, _)) = carried {
                if own.is_none() {
                    carried = Some((sp, si));
                }
            }
        }
        // "…, it added": a pronoun speaker is the one who spoke just before.
        if let (Some(o), Some((c, at))) = (own, carried) {
            if o.pronoun && si - at <= 3 {
                own = Some(c);
            }
        }
        speakers.push(own.map(|sp| sp.actor));
        let speaker = match own {
            Some(sp) => Some(sp),
            None => match carried {
                Some((sp, at)) if si - at <= 2 && s.paragraph <= sentences[at].paragraph + 1 => Some(sp),
                _ => None,
            },
        };
        if let Some(sp) = own {
            let changed = carried.is_none_or(|(c, _)| c.actor != sp.actor);
            carried = Some((sp, si));
            if s.span.slice(text).trim_end().ends_with([':', '：']) {
                statement = true;
            } else if changed {
                statement = false;
            }
        }
        let speaker =
            speaker.map(|s| s.actor).or(default_speaker).or_else(|| author.filter(|_| ctx.first_person(s.span)));
        let made = claims.len();
        ctx.sentence_claims(si, s.span, speaker, &mut claims);
        ctx.listed_actors(s.span, made, &mut claims);
    }
    Extraction { claims: link::finish(&ctx, claims), speakers }
}

/// `s` without a last word that qualifies the name after it ("and U.S.-based" → "and"): a
/// hyphenated word ending in a link word of data/words.toml.
fn without_qualifier(s: &str) -> &str {
    let links = &crate::lexicon::words().link_words;
    match s.rsplit_once(' ') {
        Some((head, last)) if last.rsplit_once('-').is_some_and(|(_, w)| links.iter().any(|l| l == w)) => {
            head.trim_end()
        }
        _ => s,
    }
}

/// Is a claim's cue a cleft ("it was X that …"), the form of a counter-accusation?
pub(super) fn is_cleft(cue: &str) -> bool {
    let c = cue.to_lowercase();
    ["it was ", "it is ", "it's ", "it has been "].iter().any(|o| c.starts_with(o))
}

/// Verbs of denying, whose subject is the denier (the other deny cues are the speaker's words).
pub(super) fn is_deny_verb(word: &str) -> bool {
    let w = word.to_lowercase();
    ["deni", "deny", "reject", "dismiss", "refut", "rebuff", "repudiat", "否认", "否認", "驳斥", "駁斥"]
        .iter()
        .any(|v| w.starts_with(v))
}

impl<'a> Ctx<'a> {
    fn in_quote(&self, pos: usize) -> bool {
        self.quotes.iter().any(|q| q.start < pos && pos < q.end)
    }

    /// The text of at most `bytes` bytes before `pos`, from a character boundary.
    fn before(&self, pos: usize, bytes: usize) -> &'a str {
        crate::span::text_before(self.text, pos, bytes)
    }

    fn kind_of(&self, m: &Mention) -> ActorKind {
        self.rec.actor_of(m).kind
    }

    fn is_outlet(&self, m: &Mention) -> bool {
        let a = self.rec.actor_of(m);
        a.kind == ActorKind::Organisation && a.subkind == "outlet"
    }

    fn country(&self, actor: usize) -> Option<&str> {
        self.rec.actors[actor].actor.country.as_deref()
    }

    /// Can this mention speak? Outlets report; groups speak only for themselves.
    fn can_speak(&self, m: &Mention) -> bool {
        !self.is_outlet(m)
    }

    fn cues_in(&self, span: Span) -> impl Iterator<Item = &CueHit> {
        let from = self.cues.partition_point(|c| c.start < span.start);
        self.cues[from..].iter().take_while(move |c| c.start < span.end)
    }

    fn mentions_in(&self, span: Span) -> Vec<&'a Mention> {
        let from = self.rec.mentions.partition_point(|m| m.span.start < span.start);
        self.rec.mentions[from..].iter().take_while(|m| m.span.start < span.end).collect()
    }

    /// Lists of actors in a sentence's claims (`claims[from..]`), as the labelling conventions
    /// read them (DESIGN §3): the co-signers of one statement ("The United States and Britain
    /// accused …", "According to Microsoft and Google, …") are folded into the lead claimant, the
    /// first named; states accused together ("… accused Russia and China of …") are one claim
    /// each, unless they are one side (a group and its state); those who deny together ("Russia
    /// and China denied …") each deny their own part. A claim of responsibility is left to its
    /// group.
    fn listed_actors(&self, sentence: Span, from: usize, claims: &mut Vec<Claim>) {
        if claims.len() == from {
            return;
        }
        let ms = self.mentions_in(sentence);
        // Where the claim is made: the first verb of claiming, denying or reporting.
        let verb = self
            .cues_in(sentence)
            .find(|c| {
                matches!(
                    c.cue,
                    Cue::Accuse
                        | Cue::Behind
                        | Cue::Deny
                        | Cue::Report
                        | Cue::According
                        | Cue::Minimize
                        | Cue::Dismiss
                        | Cue::Corroborate
                        | Cue::Counter
                )
            })
            .map_or(sentence.end, |c| c.start);
        let named = |actor: usize| move |m: &&Mention| m.actor == actor && !self.in_quote(m.span.start);
        // The claimant's mention nearest before the verb, else its first after; the accused's
        // first after the verb, else its last before.
        let claimant_at = |a: usize| {
            ms.iter().rposition(|m| m.span.start < verb && named(a)(m)).or_else(|| ms.iter().position(named(a)))
        };
        let accused_at = |a: usize| {
            ms.iter().position(|m| m.span.start >= verb && named(a)(m)).or_else(|| ms.iter().rposition(named(a)))
        };
        let mut extra: Vec<Claim> = Vec::new();
        for c in claims[from..].iter_mut() {
            let Some(claimant) = c.claimant else { continue };
            let own = c.accused == Some(claimant);
            if c.kind == ClaimKind::Responsibility {
                continue;
            }
            let list = claimant_at(claimant).map(|at| self.listed_with(&ms, at)).unwrap_or_default();
            if own {
                // Each denies (or claims) its own part.
                for j in list {
                    let a = ms[j].actor;
                    if a != claimant && self.can_speak(ms[j]) {
                        let accused_country = self.country(a).map(str::to_string);
                        let own_part = Claim {
                            claimant: Some(a),
                            accused: Some(a),
                            accused_country,
                            accused_sponsor: None,
                            ..c.clone()
                        };
                        extra.push(own_part);
                    }
                }
                continue;
            }
            if c.kind == ClaimKind::Denial {
                continue;
            }
            let signers: Vec<usize> = list.iter().map(|&j| ms[j].actor).collect();
            if c.accused.is_some_and(|a| signers.contains(&a)) {
                // one list of everyone ("According to X and Y, Z …"): no co-signers to read
                continue;
            }
            if list.first().is_some_and(|&j| self.lists_examples(ms[j])) {
                // "researchers, including those from X and Y, …": each speaks apart
                for &j in &list {
                    let a = ms[j].actor;
                    if a != claimant && self.can_speak(ms[j]) {
                        extra.push(Claim { claimant: Some(a), ..c.clone() });
                    }
                }
            } else if let Some(&lead) = list.first().filter(|&&j| self.can_speak(ms[j])) {
                // The lead of the co-signers.
                c.claimant = Some(ms[lead].actor);
            }
            let (Some(accused), Some(country)) = (c.accused, c.accused_country.clone()) else { continue };
            let side = self.country(accused).map(str::to_string).unwrap_or(country);
            for j in accused_at(accused).map(|at| self.listed_with(&ms, at)).unwrap_or_default() {
                let b = ms[j].actor;
                let b_country = self.country(b).map(str::to_string);
                if b == accused
                    || signers.contains(&b)
                    || Some(b) == c.claimant
                    || self.is_outlet(ms[j])
                    || b_country.as_deref() == Some(&side)
                {
                    continue;
                }
                extra.push(Claim { accused: Some(b), accused_country: b_country, accused_sponsor: None, ..c.clone() });
            }
        }
        for x in extra {
            let same = |y: &Claim| y.kind == x.kind && y.claimant == x.claimant && y.accused == x.accused;
            if !claims[from..].iter().any(same) {
                claims.push(x);
            }
        }
    }

    /// Whether the list that starts with `first` gives examples ("including those from",
    /// "such as", "包括"), a qualifier of the name aside ("including Moscow-based X").
    fn lists_examples(&self, first: &Mention) -> bool {
        let words = crate::lexicon::words();
        let lower = self.before(first.span.start, 40).trim_end().to_lowercase();
        let before = without_qualifier(&lower);
        words.list_examples.iter().any(|m| {
            before.ends_with(m.as_str())
                && (!m.is_ascii() || before.len() == m.len() || before[..before.len() - m.len()].ends_with([' ', ',']))
        })
    }

    /// The mentions of the list `ms[at]` stands in, in order, `at` among them if it has others:
    /// names (not references such as "it" or "the company") with only a separator of
    /// `list_separators` between them, a qualifier aside ("Kaspersky Lab and U.S.-based
    /// Symantec": a name followed by a hyphen qualifies the next one and is no member). A list
    /// of commas alone is none ("…in the United States, the company said"): one of its
    /// separators must be another ("A, B and C", "A、B").
    fn listed_with(&self, ms: &[&'a Mention], at: usize) -> Vec<usize> {
        let words = crate::lexicon::words();
        let qualifier = |m: &Mention| self.text[m.span.end..].starts_with('-');
        if qualifier(ms[at]) || ms[at].via == Via::Reference {
            return Vec::new();
        }
        // the members that may be: names that qualify nothing
        let names: Vec<usize> = (0..ms.len()).filter(|&j| ms[j].via != Via::Reference && !qualifier(ms[j])).collect();
        let Some(i) = names.iter().position(|&j| j == at) else { return Vec::new() };
        // Some(true) for a comma, Some(false) for another separator, None for no list
        let joined = |a: &Mention, b: &Mention| -> Option<bool> {
            if a.span.end > b.span.start {
                return None;
            }
            // "… and U.S.-based": the qualifier of the next name
            let gap = without_qualifier(self.text[a.span.end..b.span.start].trim());
            words.list_separators.iter().any(|s| s == gap).then_some(matches!(gap, "," | "\u{ff0c}"))
        };
        let (mut first, mut last) = (i, i);
        while first > 0 && joined(ms[names[first - 1]], ms[names[first]]).is_some() {
            first -= 1;
        }
        while last + 1 < names.len() && joined(ms[names[last]], ms[names[last + 1]]).is_some() {
            last += 1;
        }
        // A list ends at the name after its "and" ("X and Y, Z was …": X and Y): the names
        // joined in a row are cut after each such name.
        let mut start = first;
        for k in first + 1..=last {
            let and = joined(ms[names[k - 1]], ms[names[k]]) == Some(false);
            if and && k >= i {
                return if start <= i && k > start { names[start..=k].to_vec() } else { Vec::new() };
            }
            if and {
                start = k + 1;
            }
        }
        // commas alone, or `at` after the last "and"
        Vec::new()
    }

    /// The actor named by the document's `speaker` metadata, if the lexicon knows it.
    fn speaker_from_meta(&self, speaker: &str) -> Option<usize> {
        let hits = self.lex.scan(speaker);
        for h in hits {
            for m in &self.lex.patterns[h.pattern as usize].meanings {
                if let crate::lexicon::Meaning::Actor { candidates, .. } = m {
                    let id = &self.lex.actor(candidates[0]).id;
                    if let Some(i) = self.rec.actors.iter().position(|a| &a.actor.id == id) {
                        return Some(i);
                    }
                }
            }
        }
        None
    }

    /// The speaker of a sentence: "according to X", the subject of a verb of saying (or of
    /// accusing, denying, claiming), or "…," said X.
    fn speaker(&self, sentence: Span) -> Option<Speaker> {
        let ms = self.mentions_in(sentence);
        let cues: Vec<&CueHit> = self.cues_in(sentence).collect();
        // "Spokesperson: …", "国防部：…" (a transcript or a headline): the one before the colon.
        if let Some(m) = ms.iter().find(|m| {
            let before = self.text[sentence.start..m.span.start].trim_end();
            let opens = before.is_empty() || before.ends_with(['\n', ' ', '\u{3000}']) || before.chars().count() <= 1;
            opens && self.text[m.span.end..].starts_with([':', '：']) && self.can_speak(m)
        }) {
            return Some(self.speaker_of(m));
        }
        if let Some(sp) = self.quote_source(sentence) {
            return Some(sp);
        }
        for c in &cues {
            if c.cue == Cue::According && !self.in_quote(c.start) {
                if let Some(m) = ms.iter().find(|m| {
                    m.span.start >= c.end
                        && (m.span.start - c.end <= 12 || self.sourced_document(c.end, m.span.start))
                        && self.can_speak(m)
                }) {
                    return Some(self.speaker_of(m));
                }
            }
        }
        for c in &cues {
            let verb = matches!(c.cue, Cue::Report | Cue::Accuse | Cue::Responsibility | Cue::Corroborate)
                || (c.cue == Cue::Deny && is_deny_verb(&self.text[c.start..c.end]));
            // "traced the attackers through a flaw" names no culprit; "traced it to X" does.
            let traced = crate::lexicon::starts_with_ci(&self.text[c.start..c.end], "trac");
            let verb = verb && (!traced || self.text[c.end..sentence.end].contains(" to "));
            if !verb || self.in_quote(c.start) {
                continue;
            }
            let clause = self.clause_start(c.start, sentence);
            // "X listed Y among …, saying that …": a participle after a comma shares the subject
            // of the main clause, its first actor.
            let word = &self.text[c.start..c.end];
            if word.ends_with("ing") && self.text[clause..c.start].trim_end().ends_with(',') {
                if let Some(m) = self.main_subject(&ms, clause, c.start) {
                    return Some(self.speaker_of(m));
                }
            }
            if let Some(m) = self.subject_in_clause(&ms, c.start, sentence, clause) {
                return Some(self.speaker_of(m));
            }
            // "…," said the ministry (right after the quotation or the comma; "X told Y" has Y
            // as its object).
            let inverted =
                self.text[sentence.start..c.start].trim_end().ends_with([',', '"', '\u{201d}', '\u{2019}', '\u{300d}']);
            if c.cue == Cue::Report && inverted {
                if let Some(m) =
                    ms.iter().find(|m| m.span.start >= c.end && m.span.start - c.end <= 6 && self.can_speak(m))
                {
                    return Some(self.speaker_of(m));
                }
            }
        }
        None
    }

    /// Is the text from `from` to `to` a document the actor at `to` issued ("according to| a
    /// joint advisory from the |FBI")? A few words in one clause, a document noun among them
    /// (`source_documents`), and "from", "by" or "of" last (before a "the").
    fn sourced_document(&self, from: usize, to: usize) -> bool {
        let gap = &self.text[from..to];
        if gap.len() > 80 || gap.contains([',', '.', ';', ':', '"', '\u{201c}']) {
            return false;
        }
        let mut words: Vec<&str> = gap.split_whitespace().collect();
        if words.last().is_some_and(|w| w.eq_ignore_ascii_case("the")) {
            words.pop();
        }
        let Some((last, rest)) = words.split_last() else { return false };
        let rest = rest.join(" ").to_lowercase();
        let nouns = &crate::lexicon::words().source_documents;
        matches!(*last, "from" | "by" | "of")
            && nouns.iter().any(|n| rest.split(' ').any(|w| w == n) || (n.contains(' ') && rest.contains(n.as_str())))
    }

    /// Is the sentence a quotation and nothing else?
    fn quote_only(&self, sentence: Span) -> bool {
        let t = sentence.slice(self.text);
        let lead = t.len() - t.trim_start().len();
        self.quotes.iter().any(|q| {
            q.start == sentence.start + lead
                && q.end <= sentence.end
                && self.text[q.end..sentence.end].trim().chars().all(|c| !c.is_alphanumeric())
        })
    }

    /// "Those were the words of X", "The statement came from X": the source of a quotation.
    fn quote_source(&self, sentence: Span) -> Option<Speaker> {
        // The source is a mention right after a phrase: a sentence naming no one has none, and
        // its text is not searched.
        let ms = self.mentions_in(sentence);
        if ms.is_empty() {
            return None;
        }
        // The phrases (lower case, in the data's order of preference) in one automaton, made
        // once.
        static PHRASES: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
        let phrases = PHRASES.get_or_init(|| {
            aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(&crate::lexicon::words().quote_sources)
                .expect("the quote source phrases compile")
        });
        // Where each phrase first ends (an overlapping search reports every occurrence, a
        // phrase's own in order).
        let mut first: Vec<Option<usize>> = Vec::new();
        for m in phrases.find_overlapping_iter(sentence.slice(self.text)) {
            if first.is_empty() {
                first = vec![None; phrases.patterns_len()];
            }
            first[m.pattern().as_usize()].get_or_insert(sentence.start + m.end());
        }
        if first.is_empty() {
            return None;
        }
        first.iter().flatten().find_map(|&at| {
            ms.iter()
                .find(|m| m.span.start >= at && m.span.start <= at + 12 && !self.text[at..m.span.start].contains(','))
                .filter(|m| self.can_speak(m) && !self.in_quote(m.span.start))
                .map(|m| self.speaker_of(m))
        })
    }

    /// A verb of saying whose subject is a definite noun phrase naming no known actor ("The
    /// election commission said", "the Dutch police said"); a person speaking for someone
    /// ("the spokesman said") is not one.
    fn unknown_speaker(&self, sentence: Span) -> bool {
        let ms = self.mentions_in(sentence);
        self.cues_in(sentence).filter(|c| c.cue == Cue::Report && !self.in_quote(c.start)).any(|c| {
            let clause = self.clause_start(c.start, sentence);
            let seg = &self.text[clause..c.start];
            let from = seg.rfind(", ").map_or(0, |k| k + 2);
            let phrase = seg[from..].trim();
            let words: Vec<&str> = phrase.split_whitespace().collect();
            // the cheap tests first: most phrases fail on their shape
            if !(2..=5).contains(&words.len()) || !matches!(words[0], "The" | "the") {
                return false;
            }
            let named = ms.iter().any(|m| m.span.start >= clause + from && m.span.end <= c.start);
            let person = || {
                let lower = phrase.to_lowercase();
                crate::lexicon::words().speaker_person_parts.iter().any(|p| lower.contains(p.as_str()))
            };
            !named && !phrase.contains(['"', '\u{201c}', '\u{201d}']) && !person()
        })
    }

    /// Does the sentence speak as "we" (outside quotations)?
    fn first_person(&self, span: Span) -> bool {
        // Where "we " or "We " (3 bytes) or 我们/我們 (6 bytes) starts, in order, found once.
        let all = self.we.get_or_init(|| {
            let b = self.text.as_bytes();
            memchr::memchr3_iter(b'w', b'W', 0xE6, b)
                .filter(|&i| {
                    let rest = &b[i..];
                    rest.starts_with(b"we ")
                        || rest.starts_with(b"We ")
                        || rest.starts_with("我们".as_bytes())
                        || rest.starts_with("我們".as_bytes())
                })
                .collect::<Vec<usize>>()
        });
        // An occurrence counts when the sentence holds all of it.
        let from = all.partition_point(|&s| s < span.start);
        all[from..].iter().take_while(|&&s| s < span.end).any(|&s| {
            let len = if self.text.as_bytes()[s] == 0xE6 { 6 } else { 3 };
            let bounded =
                s == span.start || self.text[span.start..s].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            s + len <= span.end && bounded && !self.in_quote(s)
        })
    }

    fn speaker_of(&self, m: &Mention) -> Speaker {
        let word = m.span.slice(self.text).to_lowercase();
        // "…, it added", "the spokesperson said", "这位发言人还表示": the one who spoke before goes on.
        // The last few characters only: lower-casing the whole prefix is quadratic.
        let head = self.text[..m.span.start].trim_end();
        let before = head[head.char_indices().rev().nth(3).map_or(0, |(i, _)| i)..].to_lowercase();
        let definite = ["这位", "這位", "该", "該", "the", "this", "that"].iter().any(|d| before.ends_with(d))
            || word.starts_with("the ")
            || word.starts_with("this ");
        let person = definite && ["spokes", "发言人", "發言人"].iter().any(|p| word.contains(p));
        let pronoun = m.via == crate::lexicon::Via::Reference
            && (person
                || matches!(word.as_str(), "it" | "he" | "she" | "they" | "its" | "his" | "her" | "their" | "其"));
        Speaker { actor: m.actor, pronoun }
    }

    /// The subject of a verb at `pos`: the nearest speaking actor before it in the same clause
    /// (not inside a quotation, not a target after "against"/"on").
    fn subject_before(&self, ms: &[&'a Mention], pos: usize, sentence: Span) -> Option<&'a Mention> {
        let found = self.subject_in_clause(ms, pos, sentence, self.clause_start(pos, sentence));
        // Chinese strings verb phrases with commas that share the subject before them.
        let han = self.text[..pos].chars().next_back().is_some_and(crate::lang::is_han);
        if found.is_none() && han {
            let mut start = sentence.start;
            for q in &self.quotes {
                if q.end <= pos && q.end > start && q.start >= sentence.start {
                    start = q.end;
                }
            }
            if let Some(i) = self.text[start..pos].rfind(['；', '：', ';', ':']) {
                start += i + self.text[start + i..].chars().next().map_or(1, char::len_utf8);
            }
            return self.subject_in_clause(ms, pos, sentence, start);
        }
        found
    }

    fn subject_in_clause(
        &self,
        ms: &[&'a Mention],
        pos: usize,
        _sentence: Span,
        clause_start: usize,
    ) -> Option<&'a Mention> {
        // "X, which examined …, said", "X, the firm owned by Y, said": the subject stands before
        // the apposition or relative clause.
        let orig = pos;
        let mut pos = pos;
        let seg = self.text[clause_start..pos].trim_end();
        if let Some(inner) = seg.strip_suffix(',') {
            if let Some(j) = inner.rfind(", ") {
                let between = &inner[j + 2..];
                let opens = ["which ", "who ", "whose ", "the ", "a ", "an ", "its ", "their "]
                    .iter()
                    .any(|w| between.starts_with(w));
                if opens {
                    pos = clause_start + j;
                }
            }
        }
        // "…, prosecutors said": a subject the recogniser does not know stands after the last
        // comma; the actors before it are not the subject.
        if pos == orig {
            if let Some(k) = self.text[clause_start..pos].rfind(", ") {
                let tail = &self.text[clause_start + k + 2..pos];
                let words = tail.split_whitespace().count();
                let named = ms.iter().any(|m| m.span.start >= clause_start + k && m.span.end <= pos);
                let relative = ["which", "who", "that", "and", "but", "while", "whose", "as", "it", "they"]
                    .iter()
                    .any(|w| tail.split_whitespace().next().is_some_and(|f| f.eq_ignore_ascii_case(w)));
                // "X, however, quickly developed …": adverbs are no subject
                let adverbs = crate::lexicon::words().clause_adverbs.as_slice();
                let adverbial = tail.trim_end_matches(',').split(", ").all(|part| {
                    let part = part.trim().to_ascii_lowercase();
                    adverbs.contains(&part) || (part.len() > 3 && part.ends_with("ly") && !part.contains(' '))
                });
                if !named
                    && !relative
                    && !adverbial
                    && (1..=4).contains(&words)
                    && !tail.contains(['"', '\u{201c}', '\u{201d}'])
                {
                    return None;
                }
            }
        }
        ms.iter()
            .rev()
            .filter(|m| m.span.end <= pos && m.span.start >= clause_start)
            .filter(|m| (!self.in_quote(m.span.start) || self.in_quote(pos)) && self.can_speak(m))
            .find(|m| self.subject_like(m, ms))
            .copied()
            .map(|m| self.coordination_head(ms, m, clause_start))
    }

    /// Can the mention be a verb's subject: not a target, a possessor, a place or a companion?
    /// ("researchers at X" speak for X: "at" after a person noun is no target's.)
    fn subject_like(&self, m: &Mention, ms: &[&Mention]) -> bool {
        let for_person = || self.after_person_noun(m.span.start);
        (!self.after_target_word(m.span.start) || for_person())
            && !self.is_possessor(m, ms)
            && (!self.after_locative(m.span.start) || for_person())
            && !self.after_companion_word(m.span.start)
    }

    /// The first actor of a clause that can be its subject (not a target, possessor or place).
    fn main_subject(&self, ms: &[&'a Mention], clause_start: usize, pos: usize) -> Option<&'a Mention> {
        ms.iter()
            .filter(|m| m.span.start >= clause_start && m.span.end <= pos)
            .filter(|m| !self.in_quote(m.span.start) && self.can_speak(m))
            .find(|m| self.subject_like(m, ms))
            .copied()
    }

    /// "The UK and the US accused …": the first of coordinated subjects leads (a list as
    /// `listed_with` reads it, within the clause).
    fn coordination_head(&self, ms: &[&'a Mention], m: &'a Mention, clause_start: usize) -> &'a Mention {
        let Some(at) = ms.iter().position(|p| std::ptr::eq(*p, m)) else { return m };
        self.listed_with(ms, at)
            .into_iter()
            .map(|j| ms[j])
            .take_while(|p| p.span.start < m.span.start)
            .find(|p| p.span.start >= clause_start && self.can_speak(p) && !self.in_quote(p.span.start))
            .unwrap_or(m)
    }

    /// "X has joined Y in attributing", "X agreed with Y": Y is not the subject.
    fn after_companion_word(&self, pos: usize) -> bool {
        let b = self.before(pos, 12).trim_end().to_lowercase();
        let b = b.strip_suffix(" the").unwrap_or(&b);
        [" joined", " joins", " join", " joining", " with", " like", "along with"].iter().any(|w| b.ends_with(w))
    }

    /// "an official at X", "a spokesperson for X": the person speaks for X.
    fn after_person_noun(&self, pos: usize) -> bool {
        let b = self.before(pos, 30).to_lowercase();
        let b = b.trim_end();
        let b = b.strip_suffix(" the").unwrap_or(b);
        let Some(b) = [" at", " from", " with", " for", " of"].iter().find_map(|p| b.strip_suffix(p)) else {
            return false;
        };
        [
            "official",
            "officials",
            "spokesperson",
            "spokesman",
            "spokeswoman",
            "analyst",
            "researcher",
            "researchers",
            "director",
            "head",
            "chief",
            "representative",
            "officer",
            "engineer",
            "expert",
            "experts",
        ]
        .iter()
        .any(|n| b.ends_with(n))
    }

    /// "the embassy in Canberra", "its mission to the United Nations": not the subject.
    fn after_locative(&self, pos: usize) -> bool {
        let b = self.before(pos, 10).to_lowercase();
        [" in ", " to ", " to the ", " in the ", " from ", " with ", " about ", " over ", " than ", " at "]
            .iter()
            .any(|w| b.ends_with(w))
    }

    /// "no data had been accessed", "none of the accounts were compromised", "nobody lost
    /// service": a negator followed closely by a word of harm done.
    fn negated_effect(&self, span: Span) -> bool {
        // Words of ASCII letters, lower-cased and packed into a number (first byte lowest),
        // are compared as numbers: no word of the lists is longer than sixteen letters.
        fn packed(w: &[u8]) -> Option<u128> {
            (w.len() <= 16).then(|| w.iter().enumerate().fold(0u128, |k, (j, &b)| k | u128::from(b | 0x20) << (8 * j)))
        }
        // The word lists, packed, made once (this runs on every sentence).
        static LISTS: std::sync::OnceLock<(Vec<u128>, Vec<u128>)> = std::sync::OnceLock::new();
        let (negators, harm) = LISTS.get_or_init(|| {
            let w = crate::lexicon::words();
            let pack = |l: &[String]| l.iter().filter_map(|x| packed(x.as_bytes())).collect();
            (pack(&w.negators), pack(&w.harm_words))
        });
        let words = span.slice(self.text).as_bytes().split(|c| !c.is_ascii_alphabetic()).filter(|w| !w.is_empty());
        let mut since: Option<usize> = None;
        for (i, w) in words.enumerate() {
            let Some(key) = packed(w) else { continue };
            if negators.contains(&key) {
                since = Some(i);
            } else if since.is_some_and(|n| i - n <= 9) && harm.contains(&key) {
                return true;
            }
        }
        false
    }

    /// A Chinese sentence calling something online a rumour ("网传…系谣言").
    fn zh_rumour(&self, cues: &[&CueHit]) -> bool {
        cues.iter().any(|c| c.cue == Cue::Dismiss && self.text[c.start..c.end].chars().any(crate::lang::is_han))
    }

    /// A mention that only qualifies the next one ("Taiwan's defence ministry's ICEFCOM").
    fn is_possessor(&self, m: &Mention, ms: &[&Mention]) -> bool {
        ms.iter().any(|n| {
            n.span.start > m.span.end && n.span.start - m.span.end <= 4 && {
                let gap = &self.text[m.span.end..n.span.start];
                gap.starts_with('\'') || gap.starts_with('\u{2019}')
            }
        })
    }

    /// Clause starts after a closing quotation mark, a semicolon or a colon before `pos`.
    fn clause_start(&self, pos: usize, sentence: Span) -> usize {
        let mut start = sentence.start;
        for q in &self.quotes {
            if q.end <= pos && q.end > start && q.start >= sentence.start {
                start = q.end;
            }
        }
        if let Some(i) = self.text[start..pos].rfind([';', ':', '；', '：', '，']) {
            start += i + self.text[start + i..].chars().next().map_or(1, char::len_utf8);
        }
        start
    }

    fn after_target_word(&self, pos: usize) -> bool {
        let b = self.before(pos, 14).trim_end().to_lowercase();
        ["against", "targeting", "targeted", " on", " into", " at", "对", "對", "针对", "針對"]
            .iter()
            .any(|w| b.ends_with(w))
            || b.ends_with("on the")
            || b.ends_with("against the")
    }

    /// The claims one sentence makes.
    fn sentence_claims(&self, si: usize, span: Span, speaker: Option<usize>, out: &mut Vec<Claim>) {
        let cues: Vec<&CueHit> = self.cues_in(span).collect();
        let has = |c: Cue| cues.iter().any(|h| h.cue == c);
        let ms = self.mentions_in(span);
        let hedges: Vec<String> =
            cues.iter().filter(|h| h.cue == Cue::Hedge).map(|h| self.text[h.start..h.end].to_string()).collect();
        let certainty = if hedges.is_empty() { Certainty::Asserted } else { Certainty::Hedged };
        let action = cues
            .iter()
            .filter_map(|h| match h.cue {
                Cue::Action(a) => Some(a),
                _ => None,
            })
            .min_by_key(|a| a.specificity())
            .unwrap_or(Action::Cyberattack);
        let cyber = cues.iter().any(|h| matches!(h.cue, Cue::Action(_) | Cue::Attack));
        let cue_text = |c: Cue| cues.iter().find(|h| h.cue == c).map(|h| self.text[h.start..h.end].to_string());
        let negated = has(Cue::Negation);
        // The same for every claim of the sentence: found once, when the first is made.
        let targets = std::cell::OnceCell::new();
        let make = |kind: ClaimKind, claimant: Option<usize>, accused: Option<usize>, cue: Option<String>| {
            let mut cue_words: Vec<String> = cue.into_iter().collect();
            let certainty = if kind == ClaimKind::Denial { Certainty::Denied } else { certainty };
            if certainty == Certainty::Hedged {
                cue_words.extend(hedges.iter().cloned());
            }
            Claim {
                kind,
                claimant,
                accused,
                accused_country: accused.and_then(|a| self.country(a).map(str::to_string)),
                accused_sponsor: None,
                action,
                targets: targets.get_or_init(|| self.targets(span, &cues)).clone(),
                certainty,
                cues: cue_words,
                spans: vec![span],
                sentence: si,
                responds_to: Vec::new(),
            }
        };

        // The claimant of a claim made by a verb is that verb's subject, else the speaker.
        let subject_of = |pos: usize| self.subject_before(&ms, pos, span).map(|m| m.actor);

        // Responsibility: a group claims its own operation.
        if let Some(rc) = cues.iter().find(|h| h.cue == Cue::Responsibility) {
            // The nearest group before the cue in the sentence ("X posted …, claiming to have").
            let group = ms
                .iter()
                .rev()
                .filter(|m| m.span.end <= rc.start && !self.in_quote(m.span.start))
                .find(|m| self.kind_of(m) == ActorKind::Group && !self.after_target_word(m.span.start))
                .map(|m| m.actor)
                .or_else(|| speaker.filter(|&a| self.rec.actors[a].actor.kind == ActorKind::Group));
            if let Some(g) = group {
                out.push(make(ClaimKind::Responsibility, Some(g), Some(g), cue_text(Cue::Responsibility)));
            }
        }

        let deny_cue = cues.iter().find(|h| h.cue == Cue::Deny).copied();
        let deny_negated = deny_cue.is_some_and(|d| {
            // The last few characters decide: lower-casing the whole prefix is quadratic.
            let head = &self.text[span.start..d.start];
            let before = head[head.char_indices().rev().nth(7).map_or(0, |(i, _)| i)..].to_lowercase();
            ["not ", "n't ", "never ", "no "].iter().any(|n| before.ends_with(n))
        });
        // After "X said (that) …" the one who denies or accuses is X, not a subject inside the clause.
        let report_before = |pos: usize| {
            let clause = self.clause_start(pos, span);
            cues.iter().any(|c| c.cue == Cue::Report && c.end <= pos && c.start >= clause && !self.in_quote(c.start))
        };
        // "X denied …" has a subject; "… is groundless", "a smear" are the speaker's words.
        let deny_verb = deny_cue.is_some_and(|d| is_deny_verb(&self.text[d.start..d.end]));
        let deny_claimant = deny_cue
            .and_then(|d| {
                if self.in_quote(d.start) || (report_before(d.start) && speaker.is_some()) {
                    None
                } else if !deny_verb {
                    // "Beijing called the allegations a smear": the subject of the naming verb.
                    self.naming_verb_before(span, d.start).and_then(subject_of).or(speaker)
                } else {
                    subject_of(d.start)
                }
            })
            .or(speaker);
        // "Y was accused by X", "attacks attributed to G by X": the agent after "by" accuses.
        let agent = cues
            .iter()
            .filter(|c| matches!(c.cue, Cue::Accuse | Cue::Behind) && !self.in_quote(c.start))
            .filter(|c| c.cue == Cue::Behind || self.is_passive(c.start))
            .find_map(|c| self.passive_agent(&ms, c, span));
        let speaker = agent.map(|m| m.actor).or(speaker);
        let Some(claimant) = speaker.or(deny_claimant) else { return };
        if self.is_outlet_actor(claimant) {
            return;
        }

        // Minimisation: the attack or a claim about it was fake or harmless.
        let accused_countries: Vec<String> = out
            .iter()
            .filter(|c| matches!(c.kind, ClaimKind::Accusation | ClaimKind::Corroboration))
            .filter_map(|c| c.accused_country.clone())
            .collect();
        let accused_before = |who: usize| self.country(who).is_some_and(|k| accused_countries.iter().any(|c| c == k));
        let minimizing = (self.doc_cyber && (has(Cue::Minimize) || self.negated_effect(span)))
            || (has(Cue::Dismiss) && (has(Cue::ClaimRef) || has(Cue::Responsibility) || self.zh_rumour(&cues)));
        if minimizing {
            let who = deny_claimant.unwrap_or(claimant);
            if !(deny_cue.is_some() && accused_before(who)) {
                let target = ms.iter().find(|m| self.kind_of(m) == ActorKind::Group && m.actor != who).map(|m| m.actor);
                let cue = cue_text(Cue::Minimize).or_else(|| cue_text(Cue::Dismiss));
                out.push(make(ClaimKind::Minimization, Some(who), target, cue));
            }
        }

        // Denial: the speaker rejects an accusation (usually against its own side). Dismissing a
        // group's boasts when nobody accuses the speaker's side is a minimisation, not a denial.
        if let (Some(d), false, Some(denier)) = (deny_cue, deny_negated, deny_claimant) {
            let minimising = minimizing && !accused_before(denier);
            if !minimising && !self.is_outlet_actor(denier) {
                let own_side = ms
                    .iter()
                    .filter(|m| m.span.start > d.start && m.actor != denier)
                    .find(|m| self.country(m.actor).is_some() && self.country(m.actor) == self.country(denier))
                    .map(|m| m.actor);
                out.push(make(ClaimKind::Denial, Some(denier), Some(own_side.unwrap_or(denier)), cue_text(Cue::Deny)));
            }
        }

        // "Moscow did not interfere …", "it had never taken part in any operation", "found no
        // evidence linking the group to the Chinese government": the speaker says its own side
        // did not do it.
        if !out.iter().any(|c| c.kind == ClaimKind::Denial && c.sentence == si) && !self.is_outlet_actor(claimant) {
            let mine =
                |a: usize| a == claimant || (self.country(a).is_some() && self.country(a) == self.country(claimant));
            let denied = cues
                .iter()
                .filter(|c| c.cue == Cue::Attack && !self.in_quote(c.start) && self.negated_before(span, c.start))
                .find_map(|c| {
                    // "X said it had never …": the pronoun is the speaker.
                    let m = self.subject_before(&ms, c.start, span)?;
                    let pronoun = self.speaker_of(m).pronoun && report_before(m.span.start);
                    Some(if pronoun { claimant } else { m.actor }).filter(|&a| mine(a))
                })
                .or_else(|| {
                    let n = cues.iter().find(|c| {
                        c.cue == Cue::Negation && {
                            let w = self.text[c.start..c.end].to_lowercase();
                            w.starts_with("no evidence") || w.starts_with("no proof")
                        }
                    })?;
                    ms.iter()
                        .filter(|m| m.span.start > n.end && self.kind_of(m) != ActorKind::Group)
                        .find(|m| mine(m.actor) && self.country(claimant).is_some())
                        .map(|m| m.actor)
                });
            if let Some(a) = denied {
                let mut d = make(ClaimKind::Denial, Some(claimant), Some(a), cue_text(Cue::Negation));
                if d.cues.is_empty() {
                    d.cues = cues
                        .iter()
                        .find(|c| c.cue == Cue::Attack && self.negated_before(span, c.start))
                        .map(|c| vec![self.text[c.start..c.end].to_string()])
                        .unwrap_or_default();
                }
                out.push(d);
            }
        }

        // Accusation: the speaker says someone did it.
        if negated {
            return;
        }
        // After a denial, only what follows it accuses ("denied it, accusing China of …").
        // "…, a smear" about a named claim ("the claim … is groundless"): what follows accuses;
        // a smear word alone ends a sentence that accuses.
        let from = match deny_cue {
            Some(d) if !deny_negated && (deny_verb || has(Cue::ClaimRef)) => d.end,
            _ => span.start,
        };
        let names_group = ms.iter().any(|m| self.kind_of(m) == ActorKind::Group);
        // "it was NATO countries … that were waging cyber warfare": a cleft singles out the culprit.
        let accusers_of_me: Vec<String> = out
            .iter()
            .filter(|c| matches!(c.kind, ClaimKind::Accusation | ClaimKind::Corroboration))
            .filter(|c| c.accused_country.is_some() && c.accused_country.as_deref() == self.country(claimant))
            .filter_map(|c| c.claimant.and_then(|a| self.country(a)).map(str::to_string))
            .collect();
        let cleft = if self.doc_cyber { self.cleft(&ms, span.start.max(from), span, &accusers_of_me) } else { None };
        let mut culprits: Vec<(&Mention, &CueHit)> = Vec::new();
        if let Some((m, hit)) = &cleft {
            culprits.push((m, hit));
        }
        for c in cues.iter().filter(|c| c.start >= from) {
            let found = match c.cue {
                Cue::Accuse if agent.is_some() && self.is_passive(c.start) => self.passive_subject(&ms, c, span),
                // "traced the attack to X": the culprit follows "to".
                Cue::Accuse if crate::lexicon::starts_with_ci(&self.text[c.start..c.end], "trac") => self
                    .object_after(&ms, c.end, span)
                    .filter(|m| self.text[c.end..m.span.start].trim_end().ends_with(" to")),
                Cue::Accuse => self
                    .object_after(&ms, c.end, span)
                    .or_else(|| self.passive_subject(&ms, c, span))
                    .or_else(|| self.relative_object(&ms, c, span)),
                Cue::Behind if cyber || names_group || self.names_operators(span) => self.behind_party(&ms, c, span),
                Cue::Attack if cyber && !self.is_passive(c.start) && !self.negated_before(span, c.start) => {
                    self.subject_before(&ms, c.start, span)
                }
                Cue::Counter if self.doc_cyber => self.behind_party(&ms, c, span),
                Cue::Action(_) if !self.in_quote(c.start) => self.agent_of_noun(&ms, c, span),
                _ => None,
            };
            if let Some(m) = found {
                culprits.push((m, c));
            }
        }
        let accuser = culprits
            .iter()
            .find(|(_, c)| c.cue == Cue::Accuse && agent.is_none() && !(report_before(c.start) && speaker.is_some()))
            .and_then(|(_, c)| subject_of(c.start))
            .filter(|a| !self.is_outlet_actor(*a))
            .unwrap_or(match deny_cue {
                Some(_) => deny_claimant.unwrap_or(claimant),
                None => claimant,
            });
        // "the claim by X that Y …", "X's accusation that Y …": X accuses, whoever reports it.
        let nominal = cues.iter().filter(|c| c.cue == Cue::ClaimRef && !self.in_quote(c.start)).find_map(|c| {
            let m = match self.by_or_from(c.end, span) {
                Some(at) => {
                    // "by the south Korean National Intelligence Service": a few words may qualify it.
                    ms.iter().find(|m| {
                        m.span.start >= at && m.span.start <= at + 25 && !self.text[at..m.span.start].contains(',')
                    })
                }
                None => ms
                    .iter()
                    .find(|m| m.span.end <= c.start && matches!(&self.text[m.span.end..c.start], "'s " | "\u{2019}s ")),
            };
            m.filter(|m| self.can_speak(m) && !self.is_outlet(m)).map(|m| (m.actor, c.end))
        });
        let (accuser, culprits) = match nominal {
            Some((n, at)) if culprits.iter().any(|(m, _)| m.span.start >= at && m.actor != n) => {
                (n, culprits.into_iter().filter(|(m, _)| m.span.start >= at).collect())
            }
            _ => (accuser, culprits),
        };
        let culprits: Vec<(&Mention, &CueHit)> =
            culprits.into_iter().filter(|(m, _)| m.actor != accuser && !self.is_outlet(m)).collect();
        // A group claiming its own attack ("it carried out the attack", "We … carried out").
        if self.rec.actors[accuser].actor.kind == ActorKind::Group
            && cues.iter().any(|c| c.cue == Cue::Attack && !self.is_passive(c.start))
            && culprits.iter().all(|(m, _)| self.kind_of(m) != ActorKind::Group)
            && !out.iter().any(|c| c.kind == ClaimKind::Responsibility && c.claimant == Some(accuser))
            && cues.iter().any(|c| c.cue == Cue::Report)
        {
            out.push(make(ClaimKind::Responsibility, Some(accuser), Some(accuser), cue_text(Cue::Attack)));
            return;
        }
        let accuser_country = self.country(accuser);
        let suitable: Vec<&(&Mention, &CueHit)> = culprits
            .iter()
            .filter(|(m, _)| {
                self.kind_of(m) == ActorKind::Group
                    || accuser_country.is_none()
                    || self.country(m.actor) != accuser_country
            })
            .filter(|(m, _)| self.kind_of(m) != ActorKind::Organisation || self.rec.actor_of(m).subkind == "company")
            .collect();
        let Some(&&(first, cue)) =
            suitable.iter().find(|(m, _)| self.kind_of(m) == ActorKind::Group).or(suitable.first())
        else {
            // "X reached the same conclusion about G", "X supported the attribution": support
            // for an attribution already made (the accused is filled in from it, see link.rs).
            // The supporter is named in the sentence (by name or reference): a speaker carried
            // over does not support anything in "Neither side offered proof that could be checked
            // independently".
            let supporter_named = ms.iter().any(|m| m.actor == accuser && !self.in_quote(m.span.start));
            if let Some(cc) =
                cues.iter().find(|c| c.cue == Cue::Corroborate && !self.in_quote(c.start)).filter(|_| supporter_named)
            {
                let named = ms
                    .iter()
                    .filter(|m| m.span.start >= cc.end && m.actor != accuser)
                    .find(|m| self.kind_of(m) == ActorKind::Group)
                    .map(|m| m.actor);
                if !self.is_outlet_actor(accuser) {
                    out.push(make(ClaimKind::Corroboration, Some(accuser), named, cue_text(Cue::Corroborate)));
                }
            }
            return;
        };
        // "Anonymous64, which operates on behalf of ICEFCOM": the group tied to a state culprit is
        // the accused, the state its sponsor.
        let (first, tied_sponsor) = if self.kind_of(first) != ActorKind::Group {
            match ms.iter().find(|m| self.kind_of(m) == ActorKind::Group && m.actor != accuser && self.tied(m, first)) {
                Some(g) => (*g, Some(first.actor)),
                None => (first, None),
            }
        } else {
            (first, None)
        };
        let sponsor = if tied_sponsor.is_some() {
            tied_sponsor
        } else if self.kind_of(first) == ActorKind::Group {
            ms.iter()
                .filter(|m| matches!(self.kind_of(m), ActorKind::State | ActorKind::Body) && m.actor != accuser)
                .filter(|m| m.via != Via::Reference)
                .filter(|m| self.tied(first, m))
                .min_by_key(|m| m.span.start.abs_diff(first.span.start))
                .map(|m| m.actor)
        } else {
            None
        };
        // "the group's claims of stealing data were false": the minimised party is not accused.
        if out.iter().any(|m| m.kind == ClaimKind::Minimization && m.sentence == si && m.accused == Some(first.actor)) {
            return;
        }
        let mut c = make(
            ClaimKind::Accusation,
            Some(accuser),
            Some(first.actor),
            Some(self.text[cue.start..cue.end].to_string()),
        );
        // "X breached Y and assessed with moderate confidence that it aims to …": a hedge in a
        // later coordinated clause is about something else (intent), not about who did it.
        if c.certainty == Certainty::Hedged {
            let later = |h: &&&CueHit| h.start > cue.end && self.text[cue.end..h.start].contains(" and ");
            let hs: Vec<&&CueHit> = cues.iter().filter(|h| h.cue == Cue::Hedge).collect();
            if hs.iter().all(later) {
                c.certainty = Certainty::Asserted;
                c.cues.retain(|w| !hs.iter().any(|h| self.text[h.start..h.end] == *w));
            }
        }
        if has(Cue::Corroborate) {
            c.cues.extend(cue_text(Cue::Corroborate));
        }
        if let Some(s) = sponsor {
            c.accused_sponsor = Some(s);
            c.accused_country = self.country(s).map(str::to_string).or(c.accused_country);
        }
        out.push(c);
    }

    fn is_outlet_actor(&self, a: usize) -> bool {
        let x = &self.rec.actors[a].actor;
        x.kind == ActorKind::Organisation && x.subkind == "outlet"
    }

    /// "APT31, which Britain accused of …": the object of the verb is the antecedent of the
    /// relative pronoun before its subject.
    fn relative_object(&self, ms: &[&'a Mention], c: &CueHit, span: Span) -> Option<&'a Mention> {
        let subject = self.subject_before(ms, c.start, span)?;
        let before = self.text[span.start..subject.span.start].trim_end();
        let rel = [", which", ", whom", ", that"].iter().find_map(|r| before.strip_suffix(r))?;
        let at = span.start + rel.len();
        ms.iter().rev().find(|m| m.span.end <= at && at - m.span.end <= 1).copied()
    }

    /// "cyberattacks by Israel", "attacks from the United States": the actor right after the
    /// "by" or "from" that follows an attack noun.
    fn agent_of_noun(&self, ms: &[&'a Mention], c: &CueHit, span: Span) -> Option<&'a Mention> {
        let at = self.by_or_from(c.end, span)?;
        let at = if self.text[at..].starts_with("the ") { at + 4 } else { at };
        ms.iter().find(|m| m.span.start == at).copied()
    }

    /// Where the words after a " by " or " from " right at `pos` start (within the sentence).
    fn by_or_from(&self, pos: usize, span: Span) -> Option<usize> {
        let rest = self.text[pos..span.end].strip_prefix(' ')?;
        let rest = ["by ", "from "].iter().find_map(|p| rest.strip_prefix(p))?;
        Some(span.end - rest.len())
    }

    /// The agent of a passive accusing cue: "accused by X", "attributed to G by X" (the mention
    /// after a "by" that follows the cue, or the cue's object, in the same clause).
    fn passive_agent(&self, ms: &[&'a Mention], c: &CueHit, span: Span) -> Option<&'a Mention> {
        let word = self.text[c.start..c.end].to_lowercase();
        if c.cue == Cue::Behind && !(word.starts_with("attributed") || word.starts_with("blamed")) {
            return None;
        }
        let rest = &self.text[c.end..span.end];
        let stop = rest.find([',', ';', '.', '\n']).unwrap_or(rest.len());
        let rest = &rest[..stop];
        let by = rest.find(" by ")?;
        // "attributed to G by X": a culprit stands between the cue and "by"; "accused by X": none.
        if c.cue == Cue::Behind && !ms.iter().any(|m| m.span.start >= c.end && m.span.end <= c.end + by) {
            return None;
        }
        if c.cue == Cue::Accuse && by > 0 {
            return None;
        }
        let at = c.end + by + 4;
        ms.iter()
            .find(|m| m.span.start >= at && m.span.start <= at + 25 && !self.text[at..m.span.start].contains(','))
            .filter(|m| self.can_speak(m) && !self.is_outlet(m))
            .copied()
    }

    /// "X called the allegations a smear", "labelled the report baseless": the naming verb
    /// before a deny word that is no verb itself.
    fn naming_verb_before(&self, span: Span, pos: usize) -> Option<usize> {
        // The verbs in one automaton, made once. Its overlapping search reports every
        // occurrence; keeping those at or after the end of the verb's last one is what
        // `str::find` from there would find.
        static VERBS: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
        let verbs = VERBS.get_or_init(|| {
            aho_corasick::AhoCorasick::new(&crate::lexicon::words().naming_verbs).expect("the naming verbs compile")
        });
        let seg = &self.text[span.start..pos];
        let mut next = vec![0usize; verbs.patterns_len()];
        let mut last = None;
        for m in verbs.find_overlapping_iter(seg) {
            let p = m.pattern().as_usize();
            if m.start() < next[p] {
                continue;
            }
            next[p] = m.end();
            if seg[..m.start()].ends_with(' ') && seg[m.end()..].starts_with(' ') {
                last = last.max(Some(span.start + m.start()));
            }
        }
        last
    }

    /// "it was X that …", "it is X who …": the actor a cleft sentence singles out, with a cue
    /// spanning the construction (whose text starts with "it was"/"it is", see `is_cleft`).
    fn cleft(
        &self,
        ms: &[&'a Mention],
        from: usize,
        span: Span,
        out_accusers: &[String],
    ) -> Option<(&'a Mention, CueHit)> {
        let t = &self.text[from..span.end];
        let lower = t.to_lowercase();
        if lower.len() != t.len() {
            return None;
        }
        static OPENERS: std::sync::OnceLock<Vec<memchr::memmem::Finder<'static>>> = std::sync::OnceLock::new();
        let openers = OPENERS.get_or_init(|| {
            ["it was ", "it is ", "it's ", "it has been "].iter().map(memchr::memmem::Finder::new).collect()
        });
        for finder in openers {
            let opener_len = finder.needle().len();
            for i in finder.find_iter(lower.as_bytes()) {
                if t[..i].chars().next_back().is_some_and(char::is_alphanumeric) || self.in_quote(from + i) {
                    continue;
                }
                let at = from + i + opener_len;
                let Some(m) = ms.iter().find(|m| m.span.start >= at && m.span.start <= at + 4) else { continue };
                let rest = &lower[m.span.end - from..];
                let close = [" that ", " who "].iter().filter_map(|w| rest.find(w).map(|k| k + w.len())).min();
                if let Some(k) = close.filter(|&k| k <= 50) {
                    let end = m.span.end + k - 1;
                    let hit = CueHit { start: from + i, end, cue: Cue::Counter };
                    // "it was NATO countries, Germany among them, that": of several actors in
                    // focus, the one that accused the speaker's side.
                    let accusers: Vec<&str> = out_accusers.iter().map(String::as_str).collect();
                    let focus = ms
                        .iter()
                        .filter(|n| n.span.start >= m.span.start && n.span.end <= end)
                        .find(|n| self.country(n.actor).is_some_and(|k| accusers.contains(&k)))
                        .unwrap_or(m);
                    return Some((focus, hit));
                }
            }
        }
        None
    }

    /// Does the sentence name the people behind an operation ("the operators", "the hackers")?
    fn names_operators(&self, span: Span) -> bool {
        static NOUNS: std::sync::OnceLock<Vec<memchr::memmem::Finder<'static>>> = std::sync::OnceLock::new();
        let nouns = NOUNS.get_or_init(|| {
            crate::lexicon::words().operator_nouns.iter().map(|n| memchr::memmem::Finder::new(n.as_bytes())).collect()
        });
        let t = span.slice(self.text).to_lowercase();
        nouns.iter().any(|n| {
            n.find_iter(t.as_bytes()).any(|i| {
                let before = t[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
                let after = t[i + n.needle().len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
                before && after
            })
        })
    }

    /// Is the verb at `pos` negated ("did not interfere", "had never taken part")?
    fn negated_before(&self, span: Span, pos: usize) -> bool {
        // The last three words, each lower-cased (lower-casing keeps whitespace where it is).
        self.text[span.start..pos].split_whitespace().rev().take(3).any(|w| {
            matches!(w.to_lowercase().as_str(), "not" | "never" | "didn't" | "don't" | "doesn't" | "hasn't" | "haven't")
        })
    }

    /// "were compromised", "was attacked": a passive attack names no attacker by itself
    /// ("was attacking" is no passive).
    fn is_passive(&self, pos: usize) -> bool {
        let word_end = self.text[pos..].find(|c: char| !c.is_alphabetic()).map_or(self.text.len(), |i| pos + i);
        if self.text[pos..word_end].ends_with("ing") {
            return false;
        }
        let b = self.before(pos, 12).to_lowercase();
        [" was ", " were ", " been ", " be ", " being ", " is ", " are ", "遭", "被"].iter().any(|w| b.contains(w))
    }

    /// The first culprit-like mention after `pos` in the sentence (the object of "accused").
    fn object_after(&self, ms: &[&'a Mention], pos: usize, span: Span) -> Option<&'a Mention> {
        ms.iter()
            .filter(|m| m.span.start >= pos && m.span.start < span.end)
            .filter(|m| !self.after_target_word(m.span.start) && !self.is_possessor(m, ms))
            .find(|m| !self.is_outlet(m))
            .copied()
    }

    /// "Y was accused by X", "Y is blamed": the subject of a passive accusing verb.
    fn passive_subject(&self, ms: &[&'a Mention], c: &CueHit, span: Span) -> Option<&'a Mention> {
        if !self.is_passive(c.start) {
            return None;
        }
        self.subject_before(ms, c.start, span)
    }

    /// The party a "behind" cue points at: after cues ending in a preposition ("linked to Y",
    /// "carried out by Y"), before the others ("Y was behind", "Y-backed", "state-sponsored Y").
    fn behind_party(&self, ms: &[&'a Mention], c: &CueHit, span: Span) -> Option<&'a Mention> {
        let word = self.text[c.start..c.end].to_lowercase();
        // "linked to Y", "来自 Y" (came from Y): the party follows.
        let after = [" to", " by", " with", " of", " for", "on behalf of", "自"].iter().any(|w| word.ends_with(w));
        if after {
            return self.object_after(ms, c.end, span);
        }
        let before = ms
            .iter()
            .rev()
            .filter(|m| m.span.end <= c.start && c.start - m.span.end <= 60)
            .find(|m| !self.in_quote(m.span.start) || self.in_quote(c.start))
            .copied();
        before.or_else(|| self.object_after(ms, c.end, span))
    }

    /// Is a state or body tied to a group as its sponsor: a "behind" cue between them
    /// ("Anonymous64, which operates on behalf of ICEFCOM", "APT31, linked to China's MSS"),
    /// or the state right before the group ("Taiwan-backed Anonymous64").
    fn tied(&self, group: &Mention, state: &Mention) -> bool {
        let (a, b) = if group.span.start < state.span.start {
            (group.span.end, state.span.start)
        } else {
            (state.span.end, group.span.start)
        };
        if b < a || b - a > 100 {
            return false;
        }
        if state.span.end <= group.span.start && b - a <= 12 {
            return true;
        }
        // "linked to S", "on behalf of S" reach far; "S-backed", "state-sponsored" stand close.
        self.cues_in(Span::new(a, b)).any(|c| {
            let w = self.text[c.start..c.end].to_lowercase();
            let prepositional = [" to", " by", " with", " of", " for"].iter().any(|p| w.ends_with(p));
            c.cue == Cue::Behind && (prepositional || b - a <= 30)
        })
    }

    /// Victims: the phrase after "targeting", "aimed at", after "against"/"on"/"into" that follow
    /// a word of attack ("cyberattacks on its websites"), or the object of a verb of attack
    /// ("attacked websites in mainland China, Hong Kong and Macau"); in Chinese the words between
    /// 对/针对 and the verb.
    fn targets(&self, span: Span, cues: &[&CueHit]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let attack_before = |pos: usize| {
            cues.iter().any(|h| {
                matches!(h.cue, Cue::Action(_) | Cue::Attack)
                    && h.end <= pos
                    && pos - h.end <= 2
                    && !self.in_quote(h.start)
            })
        };
        for c in cues {
            let word = self.text[c.start..c.end].to_lowercase();
            let han = word.chars().any(crate::lang::is_han);
            if self.text[c.end..].starts_with(" least ") {
                continue; // "at least"
            }
            let takes = match c.cue {
                Cue::Target if han => true,
                Cue::Target => match word.as_str() {
                    "targeting" | "targeted" | "aimed at" => !self.is_passive(c.start),
                    "against" | "on" | "into" | "at" => attack_before(c.start),
                    _ => false,
                },
                Cue::Attack => crate::lexicon::words().target_verbs.contains(&word) && !self.is_passive(c.start),
                _ => false,
            };
            if !takes {
                continue;
            }
            let phrase = if han { self.zh_target(c.end, span.end) } else { self.en_target(c.end, span.end) };
            if let Some(p) = phrase.filter(|p| !out.contains(p)) {
                out.push(p);
            }
        }
        // "at least eight companies" and "least eight companies": keep the longer.
        let all = out.clone();
        out.retain(|p| !all.iter().any(|q| q.len() > p.len() && q.ends_with(p.as_str())));
        out
    }

    fn en_target(&self, from: usize, to: usize) -> Option<String> {
        let rest = &self.text[from..to];
        // The phrase ends at punctuation, but not at the comma or point inside a number ("200,000").
        let b = rest.as_bytes();
        let mut end = rest
            .char_indices()
            .find(|&(i, c)| {
                let in_number = matches!(c, ',' | '.')
                    && i > 0
                    && b[i - 1].is_ascii_digit()
                    && b.get(i + 1).is_some_and(u8::is_ascii_digit);
                matches!(c, ',' | '.' | ';' | ':' | '(' | '\u{201d}' | '"' | '\n') && !in_number
            })
            .map_or(rest.len(), |(i, _)| i);
        if rest[end..].starts_with(',') {
            // ", Hong Kong and Macau": a list of names continues the phrase past its comma.
            end += name_list_len(&rest[end..]);
        }
        let mut phrase = rest[..end].split_whitespace().take(12).collect::<Vec<_>>().join(" ");
        for stop in target_stops() {
            if let Some(i) = stop.find(phrase.as_bytes()) {
                phrase.truncate(i);
            }
        }
        // "to harass Taiwan and unsettle the region": "and" before a lower-case word starts a new clause.
        if let Some(i) = phrase
            .match_indices(" and ")
            .map(|(i, _)| i)
            .find(|&i| phrase[i + 5..].chars().next().is_some_and(char::is_lowercase))
        {
            phrase.truncate(i);
        }
        let phrase = phrase.trim().to_string();
        let first = phrase.split(' ').next().unwrap_or("").to_lowercase();
        // A phrase opening with a preposition or a conjunction says where or how, not whom.
        let prep =
            ["in", "on", "at", "of", "for", "from", "to", "with", "and", "or", "but", "over"].contains(&first.as_str());
        if prep && !phrase.to_lowercase().starts_with("at least ") {
            return None;
        }
        let filler = ["the", "a", "an", "it", "them", "him", "her", "us", "me", "that", "this"];
        let lone_filler = phrase.split(' ').count() == 1 && filler.contains(&first.as_str());
        (!phrase.is_empty() && !lone_filler).then_some(phrase)
    }

    fn zh_target(&self, from: usize, to: usize) -> Option<String> {
        let rest = &self.text[from..to];
        // 对 X 发动攻击, 针对 X 的网络攻击: the victim stands before the verb or the word of attack;
        // without one in the clause, 对 means "about" and names no victim.
        let verbs = [
            "发动",
            "發動",
            "实施",
            "實施",
            "进行",
            "進行",
            "开展",
            "開展",
            "展开",
            "展開",
            "发起",
            "發起",
            "网络攻击",
            "網路攻擊",
            "網絡攻擊",
            "攻击",
            "攻擊",
            "网攻",
            "網攻",
            "入侵",
            "窃密",
            "竊密",
        ];
        let clause = rest.find(['，', '。', '；', '：', ',', '.']).unwrap_or(rest.len());
        let end = verbs.iter().filter_map(|v| rest[..clause].find(v)).min()?;
        let phrase = rest[..end].trim().trim_end_matches('的');
        // 对此 ("about this") is no victim.
        let n = phrase.chars().count();
        ((2..=30).contains(&n) && !phrase.starts_with('此')).then(|| phrase.to_string())
    }
}

/// The words that end a target phrase (data/words.toml), as searchers made once.
fn target_stops() -> &'static [memchr::memmem::Finder<'static>] {
    static STOPS: std::sync::OnceLock<Vec<memchr::memmem::Finder<'static>>> = std::sync::OnceLock::new();
    STOPS.get_or_init(|| {
        crate::lexicon::words().target_stops.iter().map(|s| memchr::memmem::Finder::new(s.as_bytes())).collect()
    })
}

/// The length of the list of capitalised names that `text` opens with (", Hong Kong and
/// Macau", ", and Taiwan", " or Japan"): any number of ", Name" items, then an optional comma,
/// " and " or " or ", and one more name; 0 when it opens with none. A name is words of a
/// capital letter then word characters, apostrophes or hyphens, one space apart.
fn name_list_len(text: &str) -> usize {
    // A capitalised word at `at`: its end.
    let word = |at: usize| -> Option<usize> {
        let mut chars = text[at..].char_indices();
        if !chars.next()?.1.is_ascii_uppercase() {
            return None;
        }
        let len = chars
            .find(|&(_, c)| !(c.is_alphanumeric() || matches!(c, '_' | '\'' | '\u{2019}' | '-')))
            .map_or(text.len() - at, |(i, _)| i);
        Some(at + len)
    };
    // A name at `at`, words one space apart: its end.
    let name = |at: usize| -> Option<usize> {
        let mut end = word(at)?;
        while let Some(e) = text[end..].strip_prefix(' ').and_then(|_| word(end + 1)) {
            end = e;
        }
        Some(end)
    };
    let mut at = 0;
    while let Some(e) = text[at..].strip_prefix(", ").and_then(|_| name(at + 2)) {
        at = e;
    }
    let tail = at + usize::from(text[at..].starts_with(','));
    let rest = &text[tail..];
    ["and ", "or "]
        .iter()
        .find_map(|c| rest.strip_prefix(' ')?.strip_prefix(c))
        .and_then(|r| name(text.len() - r.len()))
        .unwrap_or(0)
}

#[cfg(test)]
mod word_list_tests {
    #[test]
    fn negators_and_harm_words_fit_their_packing() {
        // `negated_effect` packs sentence words (runs of ASCII letters, lower-cased) of up to
        // sixteen bytes: a list word of any other form could never match, and would be lost
        // without a word.
        let w = crate::lexicon::words();
        for word in w.negators.iter().chain(&w.harm_words) {
            assert!(
                (1..=16).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_lowercase()),
                "{word:?} in data/words.toml"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::name_list_len;

    #[test]
    fn name_lists_as_the_pattern_they_replace_found_them() {
        // The regular expression this matcher replaced, as the oracle.
        let re = regex::Regex::new(
            r"^(?:, [A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*)*,? (?:and|or) [A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*",
        )
        .unwrap();
        for text in [
            ", Hong Kong and Macau.",
            ", Hong Kong, Macau and Taiwan, the ministry said",
            ", and Taiwan",
            " or Japan's Self-Defense Forces",
            ", Côte d'Ivoire and São Tomé",
            ", the region and Japan",
            ", Hong Kong, and macau",
            ", Hong Kong",
            ",  and Japan",
            ", Hong Kong and ",
            "",
            ", A",
            ", A and B",
            " and B_2 C",
            ", Taiwan\u{2019}s MND and Japan",
            ", X , and Y",
        ] {
            let want = re.find(text).map_or(0, |m| m.end());
            assert_eq!(name_list_len(text), want, "{text:?}");
        }
    }
}
