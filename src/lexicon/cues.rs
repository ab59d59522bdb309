//! The claim cues of `data/claim-cues.toml` (saying, accusing, denying, claiming, minimising,
//! corroborating, hedging, negating, the act itself) and the evidence cues of
//! `data/evidence-cues.toml`, compiled into patterns and their meanings (by the build script;
//! `scan` decodes them and finds them in a document in one pass).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

const CLAIM_CUES: &str = include_str!("../../data/claim-cues.toml");
const EVIDENCE_CUES: &str = include_str!("../../data/evidence-cues.toml");

/// What a cue signals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Cue {
    Report,
    According,
    Accuse,
    Behind,
    Attack,
    Deny,
    Responsibility,
    Minimize,
    Dismiss,
    Corroborate,
    Counter,
    Hedge,
    Negation,
    ClaimRef,
    Target,
    Action(Action),
    /// Proof offered, by kind.
    Evidence(EvidenceKind),
    /// Makes the evidence beside it weaker; the index names the reason in `Cues::weakener`.
    Weakener(u16),
    /// Says proof is absent: the evidence words of its sentence offer nothing.
    Absence,
}

/// The kinds of evidence of the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum EvidenceKind {
    Technical,
    Legal,
    Documentary,
    Testimony,
    SelfClaim,
    ThirdParty,
}

impl EvidenceKind {
    pub const ALL: [EvidenceKind; 6] = [
        EvidenceKind::Technical,
        EvidenceKind::Legal,
        EvidenceKind::Documentary,
        EvidenceKind::Testimony,
        EvidenceKind::SelfClaim,
        EvidenceKind::ThirdParty,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EvidenceKind::Technical => "technical",
            EvidenceKind::Legal => "legal",
            EvidenceKind::Documentary => "documentary",
            EvidenceKind::Testimony => "testimony",
            EvidenceKind::SelfClaim => "self_claim",
            EvidenceKind::ThirdParty => "third_party",
        }
    }

    pub fn parse(s: &str) -> Option<EvidenceKind> {
        EvidenceKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// The act a claim is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Action {
    Cyberattack,
    Espionage,
    InfluenceOperation,
    Ransomware,
    Theft,
    Sabotage,
    Other,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Cyberattack => "cyberattack",
            Action::Espionage => "espionage",
            Action::InfluenceOperation => "influence_operation",
            Action::Ransomware => "ransomware",
            Action::Theft => "theft",
            Action::Sabotage => "sabotage",
            Action::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Action> {
        Some(match s {
            "cyberattack" => Action::Cyberattack,
            "espionage" => Action::Espionage,
            "influence_operation" => Action::InfluenceOperation,
            "ransomware" => Action::Ransomware,
            "theft" => Action::Theft,
            "sabotage" => Action::Sabotage,
            "other" => Action::Other,
            _ => return None,
        })
    }

    /// Specific acts before the general one.
    pub fn specificity(self) -> u8 {
        match self {
            Action::Ransomware => 0,
            Action::Espionage => 1,
            Action::InfluenceOperation => 2,
            Action::Theft => 3,
            Action::Sabotage => 4,
            Action::Cyberattack => 5,
            Action::Other => 6,
        }
    }
}

/// A cue found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CueHit {
    pub start: usize,
    pub end: usize,
    pub cue: Cue,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CueFile {
    report: Vec<String>,
    according: Vec<String>,
    accuse: Vec<String>,
    behind: Vec<String>,
    attack: Vec<String>,
    deny: Vec<String>,
    responsibility: Vec<String>,
    minimize: Vec<String>,
    dismiss: Vec<String>,
    corroborate: Vec<String>,
    counter: Vec<String>,
    hedge: Vec<String>,
    negation: Vec<String>,
    claim_ref: Vec<String>,
    target: Vec<String>,
    action: BTreeMap<String, Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EvidenceFile {
    technical: Vec<String>,
    legal: Vec<String>,
    documentary: Vec<String>,
    testimony: Vec<String>,
    self_claim: Vec<String>,
    third_party: Vec<String>,
    absence: Vec<String>,
    not_evidence: Vec<String>,
    weakeners: BTreeMap<String, String>,
}

#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cues {
    /// Claim cue patterns (lower case) and what each signals.
    pub(crate) texts: Vec<String>,
    pub(crate) meanings: Vec<Vec<Cue>>,
    /// Evidence cue patterns, kept apart so that "officials said" (testimony) never hides
    /// "said" from the claim cues.
    pub(crate) etexts: Vec<String>,
    pub(crate) evidence_meanings: Vec<Vec<Cue>>,
    /// Why each weakener weakens.
    pub weakener: Vec<String>,
}

impl Cues {
    pub fn build() -> Result<Cues, String> {
        let f: CueFile = toml::from_str(CLAIM_CUES).map_err(|e| format!("data/claim-cues.toml: {e}"))?;
        let mut map: BTreeMap<String, Vec<Cue>> = BTreeMap::new();
        let mut add = |list: &[String], cue: Cue| {
            for p in list {
                let key = p.trim().to_ascii_lowercase();
                if key.is_empty() {
                    continue;
                }
                for k in [key.clone(), key.replace('\'', "\u{2019}")] {
                    let e = map.entry(k).or_default();
                    if !e.contains(&cue) {
                        e.push(cue);
                    }
                }
            }
        };
        add(&f.report, Cue::Report);
        add(&f.according, Cue::According);
        add(&f.accuse, Cue::Accuse);
        add(&f.behind, Cue::Behind);
        add(&f.attack, Cue::Attack);
        add(&f.deny, Cue::Deny);
        add(&f.responsibility, Cue::Responsibility);
        add(&f.minimize, Cue::Minimize);
        add(&f.dismiss, Cue::Dismiss);
        add(&f.corroborate, Cue::Corroborate);
        add(&f.counter, Cue::Counter);
        add(&f.hedge, Cue::Hedge);
        add(&f.negation, Cue::Negation);
        add(&f.claim_ref, Cue::ClaimRef);
        add(&f.target, Cue::Target);
        for (name, list) in &f.action {
            let a = Action::parse(name).ok_or_else(|| format!("data/claim-cues.toml: unknown action {name:?}"))?;
            add(list, Cue::Action(a));
        }
        let (texts, meanings): (Vec<String>, Vec<Vec<Cue>>) = map.into_iter().unzip();
        // Evidence cues get an automaton of their own, so that "officials said" (testimony)
        // never hides "said" from the claim cues.
        let e: EvidenceFile = toml::from_str(EVIDENCE_CUES).map_err(|e| format!("data/evidence-cues.toml: {e}"))?;
        let mut emap: BTreeMap<String, Vec<Cue>> = BTreeMap::new();
        let mut eadd = |list: &[String], cue: Cue| {
            for p in list {
                let key = p.trim().to_ascii_lowercase();
                if !key.is_empty() {
                    let e = emap.entry(key).or_default();
                    if !e.contains(&cue) {
                        e.push(cue);
                    }
                }
            }
        };
        eadd(&e.technical, Cue::Evidence(EvidenceKind::Technical));
        eadd(&e.legal, Cue::Evidence(EvidenceKind::Legal));
        eadd(&e.documentary, Cue::Evidence(EvidenceKind::Documentary));
        eadd(&e.testimony, Cue::Evidence(EvidenceKind::Testimony));
        eadd(&e.self_claim, Cue::Evidence(EvidenceKind::SelfClaim));
        eadd(&e.third_party, Cue::Evidence(EvidenceKind::ThirdParty));
        eadd(&e.absence, Cue::Absence);
        let mut weakener = Vec::new();
        for (i, (phrase, why)) in e.weakeners.iter().enumerate() {
            eadd(std::slice::from_ref(phrase), Cue::Weakener(i as u16));
            weakener.push(why.clone());
        }
        // Phrases that hold an evidence word but offer no proof ("phishing emails", "文件系统"):
        // patterns without a meaning, which win over the shorter cue inside them and give nothing.
        for p in &e.not_evidence {
            let key = p.trim().to_ascii_lowercase();
            if !key.is_empty() {
                emap.entry(key).or_default();
            }
        }
        let (etexts, emeanings): (Vec<String>, Vec<Vec<Cue>>) = emap.into_iter().unzip();
        Ok(Cues { texts, meanings, etexts, evidence_meanings: emeanings, weakener })
    }

    pub(crate) fn claim_patterns(&self) -> &[String] {
        &self.texts
    }

    pub(crate) fn evidence_patterns(&self) -> &[String] {
        &self.etexts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_build_and_match() {
        let c = Cues::build().unwrap();
        let hits = c.scan("Taiwan denied the accusations, accusing China of cyberattacks.");
        let kinds: Vec<Cue> = hits.iter().map(|h| h.cue).collect();
        assert!(kinds.contains(&Cue::Deny));
        assert!(kinds.contains(&Cue::ClaimRef));
        assert!(kinds.contains(&Cue::Accuse));
        assert!(kinds.contains(&Cue::Action(Action::Cyberattack)));
        // Word boundaries: "said" inside "saidx" is no cue.
        assert!(c.scan("saidx").is_empty());
        assert!(c.scan("外交部发言人否认了指控").iter().any(|h| h.cue == Cue::Deny));
    }
}
