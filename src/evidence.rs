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

/// What the earlier stages found in a document that evidence is linked to.
#[derive(Debug, Clone, Copy)]
pub struct Found<'a> {
    pub claims: &'a [Claim],
    /// Per sentence, the actor it names as speaking (`extract::Extraction::speakers`).
    pub speakers: &'a [Option<usize>],
    pub indicators: &'a [Indicator],
}

/// Finds the evidence of a document and links each item to the claims it backs.
pub fn find(text: &str, sentences: &[Sentence], recognized: &Recognized, found: &Found) -> Vec<Evidence> {
    find_with_cues(text, sentences, recognized, found, &Cues::get().scan_evidence(text))
}

/// `find`, given the document's evidence cues already scanned.
pub fn find_with_cues(
    text: &str,
    sentences: &[Sentence],
    recognized: &Recognized,
    found: &Found,
    hits: &[crate::lexicon::cues::CueHit],
) -> Vec<Evidence> {
    let indicators = found.indicators;
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
                if items.iter().any(|e| e.sentence == si && e.kind == kind)
                    || names_no_proof(text, &sentences[si], recognized, found.claims, h)
                {
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
    link(&mut items, text, found, sentences, recognized);
    items
}

/// Is the evidence word at `h` part of a name or of what was hit, not proof: inside an actor's
/// name ("the Cybersecurity and Infrastructure Security Agency"), the object of a verb of attack
/// ("attacking Russian infrastructure"), or inside the target of a claim its sentence makes
/// ("attacks targeting energy infrastructure in Ukraine")?
fn names_no_proof(
    text: &str,
    sentence: &Sentence,
    recognized: &Recognized,
    claims: &[Claim],
    h: &crate::lexicon::cues::CueHit,
) -> bool {
    if recognized.inside_a_name(h.start, h.end) {
        return true;
    }
    // "attacking Russian infrastructure", "breached the company's servers": a verb of attack a
    // few words before, in the same clause.
    let clause = crate::span::text_before(text, h.start, h.start.saturating_sub(sentence.span.start).min(48));
    let clause = clause.rsplit([',', ';', ':', '.', '(', '"', '\u{201c}', '\u{201d}']).next().unwrap_or("");
    if clause.is_ascii() {
        // The last four words, lower case, each between spaces: " was the one attacking ".
        let mut window = String::with_capacity(clause.len() + 2);
        let mut words: Vec<&str> = clause.split_whitespace().rev().take(4).collect();
        words.reverse();
        for w in words {
            window.push(' ');
            window.push_str(w);
        }
        window.push(' ');
        window.make_ascii_lowercase();
        let verbs = attack_verbs();
        let ends_a_verb = window.split(' ').any(|w| verbs.last_words.contains(w));
        if ends_a_verb && verbs.phrases.iter().any(|v| window.contains(v.as_str())) {
            return true;
        }
    }
    let within = sentence.span.slice(text);
    claims.iter().filter(|c| c.spans.iter().any(|s| s.start == sentence.span.start)).any(|c| {
        c.targets.iter().any(|t| {
            within.match_indices(t.as_str()).any(|(at, _)| {
                let start = sentence.span.start + at;
                start <= h.start && h.end <= start + t.len()
            })
        })
    })
}

/// The actor a sentence opens with, its subject ("The FBI recovered malware samples …").
fn opening_actor(text: &str, sentence: &Sentence, recognized: &Recognized) -> Option<usize> {
    let ms = &recognized.mentions;
    let m = ms.get(ms.partition_point(|m| m.span.start < sentence.span.start))?;
    let before = text.get(sentence.span.start..m.span.start)?;
    let before = before.trim_start_matches(['"', '\u{201c}', ' ', '\n']);
    let opens = before.is_empty() || before == "The " || before == "the ";
    (opens && m.span.end <= sentence.span.end).then_some(m.actor)
}

/// The verbs of attack (words.toml `target_verbs`): each lower case between spaces, and the set
/// of their last words, which a window must hold before the phrases are searched.
struct AttackVerbs {
    phrases: Vec<String>,
    last_words: std::collections::HashSet<String>,
}

fn attack_verbs() -> &'static AttackVerbs {
    static V: std::sync::OnceLock<AttackVerbs> = std::sync::OnceLock::new();
    V.get_or_init(|| {
        let verbs: Vec<String> = crate::lexicon::words().target_verbs.iter().map(|v| v.to_lowercase()).collect();
        AttackVerbs {
            phrases: verbs.iter().map(|v| format!(" {v} ")).collect(),
            last_words: verbs.iter().filter_map(|v| v.split(' ').next_back()).map(str::to_string).collect(),
        }
    })
}

/// An item backs the claims of its sentence and of the sentences beside it: accusations,
/// counter-accusations and corroborations; a denial only with proof of its own (counter-evidence)
/// in its own sentence. An item in a sentence where a party (a state and its bodies) makes claims,
/// or that a party is named as saying, is that party's: it backs no other party's claims outside
/// the sentence while that party has claims to back. A group's own boast backs the accusations
/// against that group.
fn link(items: &mut [Evidence], text: &str, found: &Found, sentences: &[Sentence], recognized: &Recognized) {
    let claims = found.claims;
    let sentence_of = |pos: usize| sentences.partition_point(|s| s.span.end <= pos);
    let party_of = |a: usize| recognized.actors[a].actor.country.as_deref().ok_or(a);
    // Per claim, once: the sentences that make it, and its claimant's party (its state, else
    // itself).
    let at: Vec<Vec<usize>> = claims.iter().map(|c| c.spans.iter().map(|s| sentence_of(s.start)).collect()).collect();
    let party: Vec<Option<Result<&str, usize>>> = claims.iter().map(|c| c.claimant.map(party_of)).collect();
    let in_sentence = |ci: usize, si: usize| at[ci].contains(&si);
    let first_sentence = |ci: usize| at[ci].iter().copied().min().unwrap_or(usize::MAX);
    let accusing = |ci: usize| {
        matches!(claims[ci].kind, ClaimKind::Accusation | ClaimKind::CounterAccusation | ClaimKind::Corroboration)
    };
    for e in items.iter_mut() {
        // Who makes claims in the item's own sentence: proof a party sets out with its own claim
        // is that party's, and backs no other party's claim beside it. In a sentence without
        // claims, the party it names as speaking ("The ministry said it had filed a case …"),
        // else the actor it opens with ("The FBI recovered malware samples …"), if that party
        // accuses anyone in the document.
        let mut speakers: Vec<Result<&str, usize>> =
            (0..claims.len()).filter(|&ci| in_sentence(ci, e.sentence)).filter_map(|ci| party[ci]).collect();
        if speakers.is_empty() {
            let said_by = found.speakers.get(e.sentence).copied().flatten();
            if let Some(k) = said_by.or_else(|| opening_actor(text, &sentences[e.sentence], recognized)).map(party_of) {
                if (0..claims.len()).any(|ci| accusing(ci) && party[ci] == Some(k)) {
                    speakers.push(k);
                }
            }
        }
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
            let candidate = |ci: &usize| accusing(*ci) && theirs(*ci);
            let before = (0..claims.len())
                .filter(|ci| candidate(ci) && first_sentence(*ci) <= e.sentence)
                .max_by_key(|&ci| first_sentence(ci));
            let after = (0..claims.len()).filter(candidate).min_by_key(|&ci| first_sentence(ci));
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

    #[test]
    fn proof_a_party_is_named_as_setting_out_backs_its_claim_not_the_next_sentences() {
        let b = backing(
            "China's Ministry of State Security accused Taiwan's military of running the hacking group. \
             The ministry said it had opened a case against three officers of the unit. \
             Taiwan's defence ministry denied the charge and accused China of attacking its networks.",
        );
        let legal = b.iter().find(|(cue, _)| cue == "opened a case").expect("the legal item");
        assert!(legal.1.contains(&("cn-mss".to_string(), "accusation")), "{b:?}");
        assert!(legal.1.iter().all(|(who, _)| !who.starts_with("tw")), "{b:?}");
    }

    #[test]
    fn evidence_words_in_a_name_or_a_target_are_no_proof() {
        let b = backing(
            "The Cybersecurity and Infrastructure Security Agency accused Sandworm of attacks targeting \
             energy infrastructure in Ukraine.",
        );
        assert!(b.iter().all(|(cue, _)| !cue.eq_ignore_ascii_case("infrastructure")), "{b:?}");
        let b = backing(
            "Britain accused Russia's GRU of the intrusions. Russia had nothing to do with them, the \
             embassy said, adding that Britain's own cyber force was the one attacking Russian infrastructure.",
        );
        assert!(b.is_empty(), "{b:?}");
        // Chinese text before a cue: the look back stays on character boundaries.
        let b = backing("中国国家计算机病毒应急处理中心称，APT41在受害单位的服务器上留下了木马样本，并发动网络攻击。");
        assert!(b.iter().any(|(cue, _)| cue == "服务器" || cue == "木马" || cue == "样本"), "{b:?}");
    }

    #[test]
    fn a_forensic_case_is_technical_undetailed_proof_weakened_and_means_of_attack_no_proof() {
        let a = analyze(Document::from_text(
            "t",
            "Researchers quickly built a forensic case against the Lazarus Group. \
             The adviser said the finding rested on evidence shared by allies, without giving details.",
        ));
        let kinds: Vec<&str> = a.evidence.iter().map(|e| e.kind.as_str()).collect();
        assert!(kinds.contains(&"technical") && !kinds.contains(&"legal"), "{kinds:?}");
        let allies = a.evidence.iter().find(|e| e.cue == "allies").expect("the third-party item");
        assert_eq!(allies.weakened.as_deref(), Some("no details were given"));
        // The means of attack offer no proof: "phishing emails", "文件系统".
        let a = analyze(Document::from_text(
            "t",
            "The FBI accused APT41 of sending phishing emails to the ministry. \
             国家计算机病毒应急处理中心称，美国情报机构利用文件系统漏洞发动网络攻击。",
        ));
        assert!(a.evidence.is_empty(), "{:?}", a.evidence);
    }

    #[test]
    fn proof_in_a_sentence_an_actor_opens_is_that_actors_partys() {
        let b = backing(
            "The United States accused APT41 of breaching the utility's network. \
             The FBI recovered malware samples that contact 203.0.113.5. \
             China's foreign ministry accused the United States of hacking Chinese universities.",
        );
        assert_eq!(b.len(), 1, "{b:?}");
        assert!(b[0].1.contains(&("us".to_string(), "accusation")), "{b:?}");
        assert!(b[0].1.iter().all(|(who, _)| who != "cn-mfa" && !who.starts_with("cn")), "{b:?}");
    }
}
