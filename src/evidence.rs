//! Evidence: what each claim offers as proof. Items of the six kinds are found from the cue
//! lexicon (data/evidence-cues.toml) and from indicators, one item per kind and sentence; an item
//! supports the claims made in its sentence or the ones beside it. Redactions and vague wording
//! weaken an item, and the item says why.

use crate::extract::{Claim, ClaimKind};
use crate::ioc::Indicator;
use crate::lexicon::cues::{Cue, Cues, EvidenceKind};
use crate::segment::Sentence;
use crate::span::Span;

/// One piece of offered proof.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub kind: EvidenceKind,
    /// The words that show it ("screenshots", "indicted", "198.51.100.7").
    pub cue: String,
    /// The sentence that offers it.
    pub span: Span,
    pub sentence: usize,
    /// Indices into the document's indicators, for technical items.
    pub indicators: Vec<usize>,
    /// Indices of the claims it backs.
    pub supports: Vec<usize>,
    /// Why it counts for less (redacted, vague), if it does.
    pub weakened: Option<String>,
}

/// Finds the evidence of a document and links each item to the claims it backs.
pub fn find(text: &str, sentences: &[Sentence], claims: &[Claim], indicators: &[Indicator]) -> Vec<Evidence> {
    find_with_cues(text, sentences, claims, indicators, &Cues::get().scan_evidence(text))
}

/// `find`, given the document's evidence cues already scanned.
pub fn find_with_cues(
    text: &str,
    sentences: &[Sentence],
    claims: &[Claim],
    indicators: &[Indicator],
    hits: &[crate::lexicon::cues::CueHit],
) -> Vec<Evidence> {
    let cues = Cues::get();
    let sentence_of =
        |pos: usize| sentences.partition_point(|s| s.span.end <= pos).min(sentences.len().saturating_sub(1));
    let mut items: Vec<Evidence> = Vec::new();
    let mut weak: Vec<(usize, String)> = Vec::new();
    // Sentences that say proof is absent offer none.
    let absent: Vec<usize> = hits.iter().filter(|h| h.cue == Cue::Absence).map(|h| sentence_of(h.start)).collect();
    for h in hits {
        if sentences.is_empty() {
            break;
        }
        let si = sentence_of(h.start);
        if absent.contains(&si) {
            continue;
        }
        match h.cue {
            Cue::Evidence(kind) => {
                if items.iter().any(|e| e.sentence == si && e.kind == kind) {
                    continue;
                }
                items.push(Evidence {
                    kind,
                    cue: text[h.start..h.end].to_string(),
                    span: sentences[si].span,
                    sentence: si,
                    indicators: Vec::new(),
                    supports: Vec::new(),
                    weakened: None,
                });
            }
            Cue::Weakener(w) => weak.push((si, cues.weakener[w as usize].clone())),
            _ => {}
        }
    }
    // Indicators are technical evidence of their sentence.
    for (ii, ind) in indicators.iter().enumerate() {
        if sentences.is_empty() {
            break;
        }
        let si = sentence_of(ind.span.start);
        match items.iter_mut().find(|e| e.sentence == si && e.kind == EvidenceKind::Technical) {
            Some(e) => e.indicators.push(ii),
            None => items.push(Evidence {
                kind: EvidenceKind::Technical,
                cue: ind.raw.clone(),
                span: sentences[si].span,
                sentence: si,
                indicators: vec![ii],
                supports: Vec::new(),
                weakened: None,
            }),
        }
    }
    for (si, why) in weak {
        for e in items.iter_mut().filter(|e| e.sentence == si) {
            e.weakened.get_or_insert(why.clone());
        }
    }
    items.sort_by_key(|e| (e.span.start, e.kind));
    link(&mut items, claims, sentences);
    items
}

/// An item backs the claims of its sentence and of the sentences beside it: accusations,
/// counter-accusations and corroborations; a denial only with proof of its own (counter-evidence)
/// in its own sentence. A group's own boast backs the accusations against that group.
fn link(items: &mut [Evidence], claims: &[Claim], sentences: &[Sentence]) {
    let sentence_of = |pos: usize| sentences.partition_point(|s| s.span.end <= pos);
    for e in items.iter_mut() {
        for (ci, c) in claims.iter().enumerate() {
            let near = c.spans.iter().any(|s| sentence_of(s.start).abs_diff(e.sentence) <= 1);
            let same = c.spans.iter().any(|s| sentence_of(s.start) == e.sentence);
            let backs = match c.kind {
                ClaimKind::Accusation | ClaimKind::CounterAccusation | ClaimKind::Corroboration => {
                    near && e.kind != EvidenceKind::SelfClaim
                }
                ClaimKind::Denial | ClaimKind::Minimization => {
                    same && matches!(e.kind, EvidenceKind::Technical | EvidenceKind::Documentary)
                }
                ClaimKind::Responsibility => same && e.kind == EvidenceKind::Documentary,
            };
            if backs {
                e.supports.push(ci);
            }
        }
        // Proof set out further from the claim (a vendor report's technical paragraphs) backs the
        // accusation the text is developing: the nearest one before it, else the first after.
        if e.supports.is_empty() && e.kind != EvidenceKind::SelfClaim {
            let accusing = |c: &&Claim| {
                matches!(c.kind, ClaimKind::Accusation | ClaimKind::CounterAccusation | ClaimKind::Corroboration)
            };
            let first_sentence = |c: &Claim| c.spans.iter().map(|s| sentence_of(s.start)).min().unwrap_or(usize::MAX);
            let before = claims
                .iter()
                .enumerate()
                .filter(|(_, c)| accusing(c) && first_sentence(c) <= e.sentence)
                .max_by_key(|(_, c)| first_sentence(c));
            let after = claims.iter().enumerate().filter(|(_, c)| accusing(c)).min_by_key(|(_, c)| first_sentence(c));
            if let Some((ci, _)) = before.or(after) {
                e.supports.push(ci);
            }
        }
        if e.kind == EvidenceKind::SelfClaim {
            // The boast of group G backs every accusation against G in the document.
            let boasting: Vec<Option<usize>> = claims
                .iter()
                .filter(|c| {
                    c.kind == ClaimKind::Responsibility && c.spans.iter().any(|s| sentence_of(s.start) == e.sentence)
                })
                .map(|c| c.claimant)
                .collect();
            for (ci, c) in claims.iter().enumerate() {
                if matches!(c.kind, ClaimKind::Accusation | ClaimKind::Corroboration)
                    && c.accused.is_some()
                    && boasting.contains(&c.accused)
                    && !e.supports.contains(&ci)
                {
                    e.supports.push(ci);
                }
            }
        }
    }
}
