//! The output contract (DESIGN §5, `schema_version` 1): the wire types every format is made
//! from, with spans given as bytes plus 1-based line and column. Pipeline types are converted
//! here, so the pipeline can change without touching the contract.
//!
//! The fields of the types inside a report are declared in key order, the order in which
//! JSON Lines writes them: its writer then writes each member in place instead of laying the
//! object out again (render/sorted.rs). The report itself keeps `schema_version` first.

use crate::diag::Diagnostic;
use crate::pipeline::DocAnalysis;
use crate::span::{LineIndex, Span};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub const SCHEMA_VERSION: u32 = 1;

/// A span as printed: byte offsets plus 1-based line and column (columns in characters).
/// Ordered by where it starts, then ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SpanOut {
    pub column: usize,
    pub end: usize,
    pub line: usize,
    pub start: usize,
}

impl Ord for SpanOut {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.start, self.end, self.line, self.column).cmp(&(other.start, other.end, other.line, other.column))
    }
}

impl PartialOrd for SpanOut {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl SpanOut {
    pub fn new(span: Span, text: &str, index: &LineIndex) -> Self {
        let (line, column) = index.line_col(text, span.start);
        SpanOut { start: span.start, end: span.end, line, column }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DocumentOut {
    pub bytes: usize,
    pub id: String,
    pub lang: String,
    pub path: Option<String>,
    pub published: Option<String>,
    pub sentences: usize,
    pub source: Option<String>,
    pub speaker: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
}

/// One place an actor is named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct MentionOut {
    pub doc: String,
    /// For a reference ("the ministry", "it"): the span of the mention it was resolved to.
    pub refers_to: Option<SpanOut>,
    pub span: SpanOut,
    pub text: String,
    /// How the mention was made: `name`, `alias`, `demonym`, `metonym`, `role`, `learned`, `reference`.
    pub via: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ActorOut {
    pub aliases_seen: Vec<String>,
    pub country: Option<String>,
    pub id: String,
    /// `state`, `body`, `group`, `organisation`.
    pub kind: String,
    pub mentions: Vec<MentionOut>,
    pub name: String,
    /// For a body: the id of the body or state it belongs to.
    pub parent: Option<String>,
    /// Actor id of the state body said to sponsor a group, where the gazetteer names one.
    pub sponsor: Option<String>,
    pub sponsor_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ClaimOut {
    pub accused: Option<String>,
    pub accused_country: Option<String>,
    pub accused_name: Option<String>,
    pub accused_sponsor: Option<String>,
    pub action: String,
    pub certainty: String,
    pub claimant: Option<String>,
    pub claimant_country: Option<String>,
    pub claimant_name: Option<String>,
    pub cue: Vec<String>,
    pub doc: String,
    pub evidence: Vec<String>,
    pub id: String,
    pub kind: String,
    pub responds_to: Vec<String>,
    pub span: SpanOut,
    /// Every place the claim is made (a headline and the body, say), the first being `span`.
    pub spans: Vec<SpanOut>,
    pub targets: Vec<String>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct EvidenceOut {
    pub cue: String,
    pub doc: String,
    pub id: String,
    pub indicators: Vec<String>,
    pub kind: String,
    pub span: SpanOut,
    pub supports: Vec<String>,
    pub text: String,
    /// Why the item counts for less (redacted, vague), if it does.
    pub weakened: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct IndicatorOut {
    pub defanged: bool,
    pub doc: String,
    pub kind: String,
    pub raw: String,
    pub span: SpanOut,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FactorOut {
    pub contribution: f64,
    pub detail: String,
    pub doc: Option<String>,
    pub name: String,
    pub span: Option<SpanOut>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AssessmentOut {
    pub action: String,
    pub actor: String,
    pub actor_name: String,
    pub claims: Vec<String>,
    pub confidence: String,
    pub contested_by: Vec<String>,
    pub country: Option<String>,
    pub estimative: Option<String>,
    pub factors: Vec<FactorOut>,
    pub id: String,
    pub score: u32,
    pub stated_certainty: String,
    pub summary: String,
}

/// One row of a competing-hypotheses matrix: a piece of evidence and how it bears on each
/// hypothesis (`consistent`, `inconsistent`, `neutral`), weighted by its credibility.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct MatrixRowOut {
    pub cells: Vec<String>,
    pub cue: String,
    pub doc: String,
    pub evidence: String,
    pub kind: String,
    pub weight: f64,
}

/// Analysis of competing hypotheses: several actors accused of the same act.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct MatrixOut {
    pub action: String,
    /// Assessment ids, one per column.
    pub hypotheses: Vec<String>,
    pub hypothesis_names: Vec<String>,
    pub rows: Vec<MatrixRowOut>,
}

/// Everything about one document, ready for any format.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DocReport {
    pub actors: Vec<ActorOut>,
    pub claims: Vec<ClaimOut>,
    pub document: DocumentOut,
    pub evidence: Vec<EvidenceOut>,
    pub indicators: Vec<IndicatorOut>,
    /// The document's text: needed by formats that quote or highlight it; never serialised.
    #[serde(skip)]
    pub text: String,
}

impl DocReport {
    pub fn from_analysis(a: &DocAnalysis) -> Self {
        let doc = &a.doc;
        let document = DocumentOut {
            id: doc.id.clone(),
            path: doc.path.clone(),
            title: doc.meta.title.clone(),
            source: doc.meta.source.clone(),
            url: doc.meta.url.clone(),
            published: doc.meta.published.clone(),
            speaker: doc.meta.speaker.clone(),
            lang: doc.lang.as_str().to_string(),
            bytes: doc.text.len(),
            sentences: a.sentences.len(),
        };
        let index = LineIndex::new(&doc.text);
        let text = &doc.text;
        let r = &a.recognized;
        // Each actor's mentions, in order, gathered in one pass (not one pass per actor).
        let mut mentions_of: Vec<Vec<&crate::recognize::Mention>> = vec![Vec::new(); r.actors.len()];
        for m in &r.mentions {
            if let Some(of) = mentions_of.get_mut(m.actor) {
                of.push(m);
            }
        }
        let actors = r
            .actors
            .iter()
            .enumerate()
            .map(|(i, da)| ActorOut {
                id: da.actor.id.clone(),
                name: da.actor.name.clone(),
                kind: da.actor.kind.as_str().to_string(),
                country: da.actor.country.clone(),
                sponsor: da.actor.sponsor.clone(),
                sponsor_name: da.sponsor_name.clone(),
                parent: da.actor.parent.clone(),
                aliases_seen: da.aliases_seen.clone(),
                mentions: mentions_of[i]
                    .iter()
                    .map(|m| MentionOut {
                        doc: doc.id.clone(),
                        text: m.span.slice(text).to_string(),
                        span: SpanOut::new(m.span, text, &index),
                        via: m.via.as_str().to_string(),
                        refers_to: m.antecedent.map(|s| SpanOut::new(s, text, &index)),
                    })
                    .collect(),
            })
            .collect();
        let actor_id = |i: Option<usize>| i.map(|i| r.actors[i].actor.id.clone());
        let actor_name = |i: Option<usize>| i.map(|i| r.actors[i].actor.name.clone());
        let actor_country = |i: Option<usize>| i.and_then(|i| r.actors[i].actor.country.clone());
        let ids: Vec<String> = a
            .claims
            .iter()
            .map(|c| {
                let actor = |i: Option<usize>| i.map_or("", |i| r.actors[i].actor.id.as_str());
                hashed_id("c-", &[&doc.id, c.kind.as_str(), actor(c.claimant), actor(c.accused)])
            })
            .collect();
        let claims = a
            .claims
            .iter()
            .zip(&ids)
            .map(|(c, id)| ClaimOut {
                id: id.clone(),
                doc: doc.id.clone(),
                kind: c.kind.as_str().to_string(),
                claimant: actor_id(c.claimant),
                claimant_name: actor_name(c.claimant),
                claimant_country: actor_country(c.claimant),
                accused: actor_id(c.accused),
                accused_name: actor_name(c.accused),
                accused_country: c.accused_country.clone(),
                accused_sponsor: actor_name(c.accused_sponsor),
                action: c.action.as_str().to_string(),
                targets: c.targets.clone(),
                evidence: {
                    let ci = a.claims.iter().position(|x| std::ptr::eq(x, c)).unwrap_or(usize::MAX);
                    let mut kinds: Vec<&str> =
                        a.evidence.iter().filter(|e| e.supports.contains(&ci)).map(|e| e.kind.as_str()).collect();
                    kinds.sort_unstable();
                    kinds.dedup();
                    kinds.into_iter().map(str::to_string).collect()
                },
                certainty: c.certainty.as_str().to_string(),
                cue: c.cues.clone(),
                responds_to: c.responds_to.iter().map(|&i| ids[i].clone()).collect(),
                span: SpanOut::new(c.spans[0], text, &index),
                spans: c.spans.iter().map(|s| SpanOut::new(*s, text, &index)).collect(),
                text: c.spans[0].slice(text).to_string(),
            })
            .collect();
        let indicators = a
            .indicators
            .iter()
            .map(|i| IndicatorOut {
                kind: i.kind.as_str().to_string(),
                value: i.value.clone(),
                raw: i.raw.clone(),
                defanged: i.defanged,
                doc: doc.id.clone(),
                span: SpanOut::new(i.span, text, &index),
            })
            .collect();
        let evidence = a
            .evidence
            .iter()
            .map(|e| EvidenceOut {
                id: hashed_id("e-", &[&doc.id, e.kind.as_str(), itoa::Buffer::new().format(e.span.start)]),
                doc: doc.id.clone(),
                kind: e.kind.as_str().to_string(),
                cue: e.cue.clone(),
                text: e.span.slice(text).to_string(),
                span: SpanOut::new(e.span, text, &index),
                indicators: e.indicators.iter().map(|&i| a.indicators[i].value.clone()).collect(),
                supports: e.supports.iter().map(|&i| ids[i].clone()).collect(),
                weakened: e.weakened.clone(),
            })
            .collect();
        DocReport { document, actors, claims, evidence, indicators, text: doc.text.clone() }
    }
}

/// The JSON Schema (draft 2020-12) of the `--format json` report, generated from these types.
pub fn schema() -> schemars::Schema {
    schemars::schema_for!(Report)
}

/// Lower-case hexadecimal digits.
const HEX: &[u8; 16] = b"0123456789abcdef";

/// A content-derived id: `prefix` and a short, stable hash (FNV-1a, 64 bits, 12 hex digits) of
/// `parts` joined with NUL bytes, made without joining them.
pub fn hashed_id(prefix: &str, parts: &[&str]) -> String {
    let mut id = String::with_capacity(prefix.len() + 12);
    id.push_str(prefix);
    push_short_hash(&mut id, parts);
    id
}

/// Appends the hash of `parts` joined with NUL bytes: 64-bit FNV-1a, its top 48 bits in
/// hexadecimal.
fn push_short_hash(out: &mut String, parts: &[&str]) {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            h = h.wrapping_mul(0x0100_0000_01b3); // the NUL between parts: h ^= 0 changes nothing
        }
        for b in part.bytes() {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    let h = h >> 16;
    for shift in (0..12).rev() {
        out.push(char::from(HEX[(h >> (shift * 4)) as usize & 0xf]));
    }
}

/// The whole JSON report of a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Report {
    pub schema_version: u32,
    pub attrib_version: String,
    pub documents: Vec<DocumentOut>,
    pub actors: Vec<ActorOut>,
    pub claims: Vec<ClaimOut>,
    pub evidence: Vec<EvidenceOut>,
    pub indicators: Vec<IndicatorOut>,
    pub assessments: Vec<AssessmentOut>,
    /// Competing hypotheses (several actors accused of the same act), evidence by hypothesis.
    #[serde(default)]
    pub matrices: Vec<MatrixOut>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn new() -> Self {
        Report {
            schema_version: SCHEMA_VERSION,
            attrib_version: crate::VERSION.to_string(),
            documents: Vec::new(),
            actors: Vec::new(),
            claims: Vec::new(),
            evidence: Vec::new(),
            indicators: Vec::new(),
            assessments: Vec::new(),
            matrices: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    /// Adds one document's results, in input order.
    pub fn push(&mut self, doc: &DocReport) {
        self.documents.push(doc.document.clone());
        self.actors.extend(doc.actors.iter().cloned());
        self.claims.extend(doc.claims.iter().cloned());
        self.evidence.extend(doc.evidence.iter().cloned());
        self.indicators.extend(doc.indicators.iter().cloned());
    }
}

impl Default for Report {
    fn default() -> Self {
        Self::new()
    }
}

/// Writes JSON in which the characters that could act on a terminal or reorder text — C1
/// controls, bidirectional overrides and isolates, zero-width characters — appear as `\uXXXX`
/// escapes. A JSON parser reads back exactly the same strings; a terminal shows them inert.
pub fn write_json<T: Serialize>(out: &mut dyn std::io::Write, value: &T, pretty: bool) -> std::io::Result<()> {
    if pretty {
        let mut ser =
            serde_json::Serializer::with_formatter(out, SafeFormatter(serde_json::ser::PrettyFormatter::new()));
        value.serialize(&mut ser).map_err(std::io::Error::from)
    } else {
        let mut ser = serde_json::Serializer::with_formatter(out, SafeFormatter(serde_json::ser::CompactFormatter));
        value.serialize(&mut ser).map_err(std::io::Error::from)
    }
}

/// Is every byte of the eight in `x` printable ASCII (0x20 to 0x7E) and none of `also_not`? By
/// the usual bit tricks: a word has a byte below 0x20, of 0x80 or more, or equal to a given one.
#[inline]
fn word_printable_except(x: u64, also_not: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    let has = |byte: u8| {
        let v = x ^ (ONES * u64::from(byte));
        v.wrapping_sub(ONES) & !v & HIGH != 0
    };
    let low = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
    low | (x & HIGH) == 0 && !has(0x7f) && !also_not.iter().any(|&n| has(n))
}

/// How many bytes of `b`, eight at a time from its start, are printable ASCII and none of
/// `also_not`: a multiple of eight, up to the first word that has another byte.
fn printable_words_except(b: &[u8], also_not: &[u8]) -> usize {
    let mut n = 0;
    for w in b.chunks_exact(8) {
        if !word_printable_except(u64::from_ne_bytes(w.try_into().expect("eight bytes")), also_not) {
            break;
        }
        n += 8;
    }
    n
}

/// Is every byte of `b` printable ASCII (0x20 to 0x7E) and none of `also_not`?
fn printable_except(b: &[u8], also_not: &[u8]) -> bool {
    let n = printable_words_except(b, also_not);
    b[n..].iter().all(|b| (0x20..0x7f).contains(b) && !also_not.contains(b))
}

/// Is every byte printable ASCII (0x20 to 0x7E)?
fn printable_ascii(b: &[u8]) -> bool {
    printable_except(b, &[])
}

/// The bytes `push_json_str` looks at closer: what JSON escapes (C0 controls, '"', '\\'), DEL, and
/// the first bytes of every other character unsafe for a terminal (U+0080–U+009F, U+061C,
/// U+200B–U+206F, U+FEFF–U+FFFF). Every other byte is copied as it is.
const fn json_attention() -> [bool; 256] {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = matches!(b as u8, 0x00..=0x1f | b'"' | b'\\' | 0x7f | 0xc2 | 0xd8 | 0xe2 | 0xef);
        b += 1;
    }
    t
}

static JSON_ATTENTION: [bool; 256] = json_attention();

/// Appends `s` as a JSON string, exactly as `write_json` writes it: quotes, backslashes and C0
/// controls escaped as JSON does, every other character unsafe for a terminal as `\uXXXX`.
/// One pass: plain ASCII eight bytes at a time, then byte by byte, decoding a character only
/// where one that needs escaping may start.
pub(crate) fn push_json_str(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    out.reserve(b.len() + 2);
    out.push(b'"');
    let mut run = 0;
    let mut i = printable_words_except(b, b"\"\\");
    loop {
        while i < b.len() && !JSON_ATTENTION[b[i] as usize] {
            i += 1;
        }
        if i >= b.len() {
            break;
        }
        let c = b[i];
        let (len, escape): (usize, Option<u32>) = if c < 0x80 {
            (1, Some(c as u32))
        } else {
            let ch = s[i..].chars().next().expect("on a char boundary");
            (ch.len_utf8(), crate::sanitize::is_unsafe_for_terminal(ch).then_some(ch as u32))
        };
        if let Some(code) = escape {
            out.extend_from_slice(&b[run..i]);
            match code {
                0x22 => out.extend_from_slice(b"\\\""),
                0x5c => out.extend_from_slice(b"\\\\"),
                0x08 => out.extend_from_slice(b"\\b"),
                0x0c => out.extend_from_slice(b"\\f"),
                0x0a => out.extend_from_slice(b"\\n"),
                0x0d => out.extend_from_slice(b"\\r"),
                0x09 => out.extend_from_slice(b"\\t"),
                _ => {
                    out.extend_from_slice(b"\\u");
                    for shift in [12, 8, 4, 0] {
                        out.push(HEX[(code >> shift) as usize & 0xf]);
                    }
                }
            }
            run = i + len;
        }
        i += len;
    }
    out.extend_from_slice(&b[run..]);
    out.push(b'"');
}

struct SafeFormatter<F>(F);

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for SafeFormatter<F> {
    fn write_string_fragment<W: ?Sized + std::io::Write>(&mut self, w: &mut W, fragment: &str) -> std::io::Result<()> {
        if printable_ascii(fragment.as_bytes()) {
            return w.write_all(fragment.as_bytes()); // printable ASCII: nothing to guard against
        }
        let mut last = 0;
        for (i, c) in fragment.char_indices() {
            if crate::sanitize::is_unsafe_for_terminal(c) {
                w.write_all(&fragment.as_bytes()[last..i])?;
                write!(w, "\\u{:04x}", c as u32)?;
                last = i + c.len_utf8();
            }
        }
        w.write_all(&fragment.as_bytes()[last..])
    }

    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_pushed_as_write_json_writes_them() {
        let mut rng = crate::testrng::Rng(0x0dd_ba11_cafe_f00d);
        let pieces = [
            "a",
            " ",
            "\"",
            "\\",
            "\n",
            "\r",
            "\t",
            "\u{8}",
            "\u{c}",
            "\u{0}",
            "\u{1b}",
            "\u{1f}",
            "\u{7f}",
            "\u{80}",
            "\u{85}",
            "\u{9f}",
            "\u{a0}",
            "é",
            "中",
            "\u{2019}",
            "\u{200b}",
            "\u{200f}",
            "\u{2010}",
            "\u{202e}",
            "\u{2066}",
            "\u{2069}",
            "\u{061c}",
            "\u{feff}",
            "\u{fffb}",
            "\u{fffc}",
            "😀",
            "plain words",
        ];
        for _ in 0..20_000 {
            let n = rng.below(12);
            let s = rng.text(&pieces, n);
            let mut want = Vec::new();
            write_json(&mut want, &s, false).unwrap();
            let mut got = Vec::new();
            push_json_str(&mut got, &s);
            assert_eq!(String::from_utf8_lossy(&got), String::from_utf8_lossy(&want), "{s:?}");
        }
    }

    #[test]
    fn every_character_that_needs_escaping_starts_with_an_attention_byte() {
        for c in (0..=0x10ffffu32).filter_map(char::from_u32) {
            let needs = (c as u32) < 0x20 || c == '"' || c == '\\' || crate::sanitize::is_unsafe_for_terminal(c);
            let mut buf = [0u8; 4];
            let first = c.encode_utf8(&mut buf).as_bytes()[0];
            if needs {
                assert!(JSON_ATTENTION[first as usize], "{c:?}");
            }
            if (c as u32) < 0x80 {
                assert_eq!(JSON_ATTENTION[first as usize], needs, "{c:?}");
            }
        }
    }

    #[test]
    fn word_at_a_time_checks_are_the_byte_checks() {
        let printable = |b: &[u8]| b.iter().all(|b| (0x20..0x7f).contains(b));
        let plain = |b: &[u8]| printable(b) && !b.contains(&b'"') && !b.contains(&b'\\');
        // Every byte value at every place of strings of every length up to 24, among plain bytes.
        for len in 1..=24 {
            for at in 0..len {
                for v in 0..=255u8 {
                    let mut b = vec![b'a'; len];
                    b[at] = v;
                    assert_eq!(printable_ascii(&b), printable(&b), "{b:?}");
                    assert_eq!(printable_except(&b, b"\"\\"), plain(&b), "{b:?}");
                }
            }
        }
        // Random strings, two odd bytes next to each other included.
        let mut rng = crate::testrng::Rng(0x5eed_1234_5678_9abc);
        for _ in 0..20_000 {
            let len = rng.below(40);
            let b: Vec<u8> = (0..len)
                .map(|_| [b'a', b' ', b'~', b'"', b'\\', 0x1f, 0x7f, 0x80, 0x20, 0xff, 0x21][rng.below(11)])
                .collect();
            assert_eq!(printable_ascii(&b), printable(&b), "{b:?}");
            assert_eq!(printable_except(&b, b"\"\\"), plain(&b), "{b:?}");
        }
    }

    #[test]
    fn json_escapes_bidi_and_c1_but_reads_back_the_same() {
        let s = "a\u{202e}b\u{85}c\u{200b}d\u{1b}e 中文";
        let mut out = Vec::new();
        write_json(&mut out, &s, false).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, "\"a\\u202eb\\u0085c\\u200bd\\u001be 中文\"");
        let back: String = serde_json::from_str(&text).unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn ids_are_stable_hashes() {
        let id = |s: &str| hashed_id("x-", &[s]);
        assert_eq!(id("x"), id("x"));
        assert_eq!(id("x").len(), 14);
        assert_ne!(id("x"), id("y"));
        // 64-bit FNV-1a of "a" is af63dc4c8601ec8c; the id is its top 48 bits
        assert_eq!(id("a"), "x-af63dc4c8601");
        assert_eq!(id(""), "x-cbf29ce48422");
    }

    #[test]
    fn ids_hash_their_parts_joined_with_nul_bytes() {
        for parts in [&["d1", "accusation", "gb", "ru"][..], &["d1", "", ""], &[""], &["a\u{0}b", "c"]] {
            assert_eq!(hashed_id("c-", parts), hashed_id("c-", &[&parts.join("\u{0}")]));
        }
    }
}
