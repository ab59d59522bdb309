//! Evidence: what each claim offers as proof. Items of the six kinds are found from the cue
//! lexicon (data/evidence-cues.toml) and from indicators, one item per kind and sentence; an item
//! supports the claims made in its sentence or the ones beside it. Redactions and vague wording
//! weaken an item, and the item says why.

use crate::extract::{Claim, ClaimKind};
use crate::ioc::Indicator;
use crate::lexicon::cues::{Cue, Cues, EvidenceKind};
use crate::recognize::Recognized;
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
pub fn find(
    text: &str,
    sentences: &[Sentence],
    recognized: &Recognized,
    claims: &[Claim],
    indicators: &[Indicator],
) -> Vec<Evidence> {
    find_with_cues(text, sentences, recognized, claims, indicators, &Cues::get().scan_evidence(text))
}

/// `find`, given the document's evidence cues already scanned.
pub fn find_with_cues(
    text: &str,
    sentences: &[Sentence],
    recognized: &Recognized,
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
    link(&mut items, claims, sentences, recognized);
    items
}

/// An item backs the claims of its sentence and of the sentences beside it: accusations,
/// counter-accusations and corroborations; a denial only with proof of its own (counter-evidence)
/// in its own sentence. An item in a sentence where a party (a state and its bodies) makes claims
/// is that party's: it backs no other party's claims outside the sentence. A group's own boast
/// backs the accusations against that group.
fn link(items: &mut [Evidence], claims: &[Claim], sentences: &[Sentence], recognized: &Recognized) {
    let sentence_of = |pos: usize| sentences.partition_point(|s| s.span.end <= pos);
    // Per claim, once: the sentences that make it, and its claimant's party (its state, else
    // itself).
    let at: Vec<Vec<usize>> = claims.iter().map(|c| c.spans.iter().map(|s| sentence_of(s.start)).collect()).collect();
    let party: Vec<Option<Result<&str, usize>>> =
        claims.iter().map(|c| c.claimant.map(|a| recognized.actors[a].actor.country.as_deref().ok_or(a))).collect();
    let in_sentence = |ci: usize, si: usize| at[ci].contains(&si);
    let first_sentence = |ci: usize| at[ci].iter().copied().min().unwrap_or(usize::MAX);
    for e in items.iter_mut() {
        // Who makes claims in the item's own sentence: proof a party sets out with its own claim
        // is that party's, and backs no other party's claim beside it.
        let speakers: Vec<Result<&str, usize>> =
            (0..claims.len()).filter(|&ci| in_sentence(ci, e.sentence)).filter_map(|ci| party[ci]).collect();
        let theirs = |ci: usize| speakers.iter().all(|&k| Some(k) == party[ci]);
        for (ci, c) in claims.iter().enumerate() {
            let same = in_sentence(ci, e.sentence);
            let near = same || (theirs(ci) && at[ci].iter().any(|&si| si.abs_diff(e.sentence) <= 1));
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
            let accusing = |ci: &usize| {
                matches!(
                    claims[*ci].kind,
                    ClaimKind::Accusation | ClaimKind::CounterAccusation | ClaimKind::Corroboration
                ) && theirs(*ci)
            };
            let before = (0..claims.len())
                .filter(|ci| accusing(ci) && first_sentence(*ci) <= e.sentence)
                .max_by_key(|&ci| first_sentence(ci));
            let after = (0..claims.len()).filter(accusing).min_by_key(|&ci| first_sentence(ci));
            if let Some(ci) = before.or(after) {
                e.supports.push(ci);
            }
        }
        if e.kind == EvidenceKind::SelfClaim {
            // The boast of group G backs every accusation against G in the document.
            let boasting: Vec<Option<usize>> = (0..claims.len())
                .filter(|&ci| claims[ci].kind == ClaimKind::Responsibility && in_sentence(ci, e.sentence))
                .map(|ci| claims[ci].claimant)
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

#[cfg(test)]
mod tests {
    use crate::ingest::Document;
    use crate::pipeline::analyze;

    /// Each evidence item's cue and the (claimant id, kind) of the claims it backs.
    fn backing(text: &str) -> Vec<(String, Vec<(String, &'static str)>)> {
        let a = analyze(Document::from_text("t", text));
        let who = |c: &crate::extract::Claim| {
            let id = c.claimant.map_or("?".to_string(), |k| a.recognized.actors[k].actor.id.clone());
            (id, c.kind.as_str())
        };
        a.evidence.iter().map(|e| (e.cue.clone(), e.supports.iter().map(|&i| who(&a.claims[i])).collect())).collect()
    }

    #[test]
    fn proof_set_out_by_one_party_backs_none_of_the_other_partys_claims() {
        let b = backing(
            "The United States accused APT41, a group backed by China, of breaching the utility's network. \
             China's foreign ministry rejected the charge and said American hackers had attacked Chinese \
             universities, citing server logs its engineers recovered.",
        );
        assert_eq!(b.len(), 1, "{b:?}");
        assert!(b[0].1.iter().all(|(who, _)| who != "us"), "China's logs back no US claim: {b:?}");
        assert!(b[0].1.iter().any(|(_, kind)| *kind == "counter_accusation"), "{b:?}");
    }

    #[test]
    fn proof_set_out_by_the_same_state_backs_its_claim_beside_it() {
        let b = backing(
            "The United States accused APT41 of breaching the utility's network. \
             The FBI said it had traced the intrusion through server logs and malware samples.",
        );
        assert!(b.iter().any(|(_, backs)| backs.contains(&("us".to_string(), "accusation"))), "{b:?}");
    }

    #[test]
    fn proof_in_a_sentence_without_claims_backs_the_accusation_before_it() {
        let b = backing(
            "The United States accused APT41 of breaching the utility's network. \
             The intrusion began in March. \
             Investigators recovered server logs that tie the malware to known infrastructure.",
        );
        assert!(b.iter().any(|(_, backs)| backs.contains(&("us".to_string(), "accusation"))), "{b:?}");
    }
}
