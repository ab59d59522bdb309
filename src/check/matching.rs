//! The matching rule of curated datasets (DESIGN §6): a predicted claim matches a labelled one
//! when the kinds are equal and both claimant and accused match; an actor matches when the ISO
//! country codes are equal, or the names match (case and punctuation ignored, one containing the
//! other, or a known alias); a label that leaves an actor null accepts any.

use crate::lexicon::{Lexicon, Meaning};
use crate::report::ClaimOut;
use serde::{Deserialize, Serialize};

/// One labelled claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Label {
    pub kind: String,
    pub claimant: Option<String>,
    #[serde(default)]
    pub claimant_country: Option<String>,
    pub accused: Option<String>,
    #[serde(default)]
    pub accused_country: Option<String>,
    #[serde(default)]
    pub action: Option<String>,
    #[serde(default)]
    pub evidence: Vec<String>,
    #[serde(default)]
    pub certainty: Option<String>,
    #[serde(default)]
    pub anchor: Option<String>,
}

fn norm(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The gazetteer actors a label's name can stand for.
fn aliases_of(name: &str) -> Vec<String> {
    let lex = Lexicon::get();
    let mut ids = Vec::new();
    for h in lex.scan(name) {
        if h.end - h.start < name.trim().len() / 2 {
            continue;
        }
        for m in &lex.patterns[h.pattern as usize].meanings {
            if let Meaning::Actor { candidates, .. } = m {
                ids.extend(candidates.iter().map(|&c| lex.actor(c).id.clone()));
            }
        }
    }
    ids
}

/// Does a predicted actor (id, name, country) match a labelled one (name, country)?
pub fn actor_matches(
    label_name: Option<&str>,
    label_country: Option<&str>,
    id: Option<&str>,
    name: Option<&str>,
    country: Option<&str>,
) -> bool {
    if label_name.is_none() && label_country.is_none() {
        return true;
    }
    if let (Some(a), Some(b)) = (label_country, country) {
        if a.eq_ignore_ascii_case(b) {
            return true;
        }
    }
    let (Some(ln), Some(pn)) = (label_name, name) else { return false };
    let (a, b) = (norm(ln), norm(pn));
    if !a.is_empty() && !b.is_empty() && (a.contains(&b) || b.contains(&a)) {
        return true;
    }
    id.is_some_and(|id| aliases_of(ln).iter().any(|x| x == id))
}

pub fn claim_matches(label: &Label, c: &ClaimOut) -> bool {
    label.kind == c.kind
        && actor_matches(
            label.claimant.as_deref(),
            label.claimant_country.as_deref(),
            c.claimant.as_deref(),
            c.claimant_name.as_deref(),
            c.claimant_country.as_deref(),
        )
        && actor_matches(
            label.accused.as_deref(),
            label.accused_country.as_deref(),
            c.accused.as_deref(),
            c.accused_name.as_deref(),
            c.accused_country.as_deref(),
        )
}

/// Pairs of (label index, prediction index) matched greedily in label order; then the labels
/// left unmatched and the predictions left unmatched.
pub fn match_claims(labels: &[Label], predicted: &[ClaimOut]) -> (Vec<(usize, usize)>, Vec<usize>, Vec<usize>) {
    let mut used = vec![false; predicted.len()];
    let mut pairs = Vec::new();
    let mut missed = Vec::new();
    for (li, l) in labels.iter().enumerate() {
        match (0..predicted.len()).find(|&pi| !used[pi] && claim_matches(l, &predicted[pi])) {
            Some(pi) => {
                used[pi] = true;
                pairs.push((li, pi));
            }
            None => missed.push(li),
        }
    }
    let unexpected = (0..predicted.len()).filter(|&i| !used[i]).collect();
    (pairs, missed, unexpected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actors_match_by_country_name_or_alias() {
        assert!(actor_matches(
            Some("Chinese government"),
            Some("CN"),
            Some("cn-mss"),
            Some("Ministry of State Security"),
            Some("CN")
        ));
        assert!(actor_matches(Some("APT31"), Some("CN"), Some("g-zirconium"), Some("ZIRCONIUM"), Some("US")));
        assert!(actor_matches(Some("Microsoft"), None, Some("o-microsoft"), Some("Microsoft"), None));
        assert!(actor_matches(None, None, Some("x"), Some("anything"), None));
        assert!(!actor_matches(Some("Apple"), None, Some("o-microsoft"), Some("Microsoft"), None));
        assert!(actor_matches(
            Some("Anonymous 64"),
            Some("TW"),
            Some("g-anonymous64"),
            Some("Anonymous64"),
            Some("TW")
        ));
    }
}
