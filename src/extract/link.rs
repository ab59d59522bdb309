//! Within one document: merging repeats of a claim, telling counter-accusations and
//! corroborations from plain accusations, and linking answers to what they answer.

use super::{Claim, ClaimKind, Ctx};
use crate::lexicon::cues::{Cue, Cues};
use crate::lexicon::ActorKind;

/// The side an actor is on: its country, else itself.
fn side(ctx: &Ctx, actor: Option<usize>) -> Option<String> {
    let a = actor?;
    Some(ctx.country(a).map(str::to_string).unwrap_or_else(|| format!("#{a}")))
}

fn accused_side(ctx: &Ctx, c: &Claim) -> Option<String> {
    c.accused_country.clone().or_else(|| side(ctx, c.accused))
}

pub(super) fn finish(ctx: &Ctx, mut claims: Vec<Claim>) -> Vec<Claim> {
    // An accusation of oneself is no accusation.
    claims.retain(|c| {
        c.kind != ClaimKind::Accusation
            || (c.claimant != c.accused && side(ctx, c.claimant) != accused_side(ctx, c) || is_group(ctx, c.accused))
    });
    // A bare corroboration supports the attribution made before it; with none, it is no claim.
    let snapshot = claims.clone();
    claims.retain_mut(|c| {
        if c.kind != ClaimKind::Corroboration {
            return true;
        }
        let earlier = snapshot
            .iter()
            .filter(|o| o.kind == ClaimKind::Accusation && o.sentence < c.sentence && o.claimant != c.claimant)
            .filter(|o| side(ctx, o.claimant) != side(ctx, c.claimant))
            .rfind(|o| c.accused.is_none() || o.accused == c.accused || accused_side(ctx, o) == side(ctx, c.accused));
        match earlier {
            Some(o) => {
                if c.accused.is_none() {
                    c.accused = o.accused;
                    c.accused_country = o.accused_country.clone();
                    c.accused_sponsor = o.accused_sponsor;
                }
                true
            }
            None => false,
        }
    });
    // A denial in a document that makes no attribution, in a sentence not about cyber operations,
    // denies something else.
    let attributes = claims.iter().any(|c| c.kind != ClaimKind::Denial && c.kind != ClaimKind::Minimization);
    claims.retain(|c| {
        c.kind != ClaimKind::Denial
            || attributes
            || c.spans
                .iter()
                .any(|s| ctx.cues_in(*s).any(|h| matches!(h.cue, Cue::Action(_) | Cue::Attack | Cue::ClaimRef)))
    });
    // "…发动网络攻击，…停止抹黑": a smear word closing an accusation is no denial.
    let snapshot = claims.clone();
    claims.retain(|c| {
        c.kind != ClaimKind::Denial
            || c.cues.first().is_none_or(|w| super::is_deny_verb(w))
            || c.spans.iter().any(|s| ctx.cues_in(*s).any(|h| h.cue == Cue::ClaimRef))
            || !snapshot
                .iter()
                .any(|o| o.kind == ClaimKind::Accusation && o.sentence == c.sentence && o.claimant == c.claimant)
            || c.spans.first().is_some_and(|s| {
                // Only a smear word after the accusing words closes the accusation.
                let hits: Vec<_> = ctx.cues_in(*s).collect();
                let deny = hits.iter().find(|h| h.cue == Cue::Deny).map(|h| h.start);
                let act = hits.iter().find(|h| matches!(h.cue, Cue::Attack | Cue::Accuse)).map(|h| h.start);
                !matches!((deny, act), (Some(d), Some(a)) if d > a)
            })
    });
    classify(ctx, &mut claims);
    let mut merged = merge(ctx, claims);
    link(ctx, &mut merged);
    merged
}

fn is_group(ctx: &Ctx, a: Option<usize>) -> bool {
    a.is_some_and(|a| ctx.rec.actors[a].actor.kind == ActorKind::Group)
}

/// Counter-accusations (the accused side accusing the accuser's side) and corroborations (a third
/// party backing an attribution someone else made first).
fn classify(ctx: &Ctx, claims: &mut [Claim]) {
    let snapshot: Vec<Claim> = claims.to_vec();
    for c in claims.iter_mut() {
        if c.kind != ClaimKind::Accusation {
            continue;
        }
        let me = side(ctx, c.claimant);
        let them = accused_side(ctx, c);
        let denied = snapshot.iter().any(|d| d.kind == ClaimKind::Denial && side(ctx, d.claimant) == me);
        // An accusation in the other direction, before this one or answered by our denial.
        let reverse = snapshot.iter().find(|o| {
            o.kind == ClaimKind::Accusation
                && side(ctx, o.claimant) == them
                && accused_side(ctx, o) == me
                && (o.sentence < c.sentence || denied)
        });
        if reverse.is_some() && me.is_some() && me != them {
            c.kind = ClaimKind::CounterAccusation;
            continue;
        }
        // The side that denies an accusation and accuses another state or body in return, or
        // says the other side is itself the culprit ("none other than", "才是").
        let state_like = c.accused.is_some_and(|a| {
            matches!(ctx.rec.actors[a].actor.kind, ActorKind::State | ActorKind::Body) && ctx.country(a).is_some()
        });
        let accused_me = snapshot.iter().any(|o| {
            matches!(o.kind, ClaimKind::Accusation | ClaimKind::Corroboration)
                && accused_side(ctx, o) == me
                && side(ctx, o.claimant) != me
                && o.sentence < c.sentence
        });
        let counter_cue =
            c.cues.iter().any(|w| super::is_cleft(w) || Cues::get().scan(w).iter().any(|h| h.cue == Cue::Counter));
        let own_denial = snapshot
            .iter()
            .any(|d| d.kind == ClaimKind::Denial && side(ctx, d.claimant) == me && d.sentence <= c.sentence);
        if me.is_some()
            && me != them
            && ctx.country(c.claimant.unwrap_or(0)).is_some()
            && (own_denial || accused_me)
            && (state_like || counter_cue)
        {
            c.kind = ClaimKind::CounterAccusation;
            continue;
        }
        // Someone else accused the same side first: this one corroborates, when it says so or
        // when it is an independent organisation (a vendor).
        let earlier = snapshot.iter().any(|o| {
            o.kind == ClaimKind::Accusation
                && o.sentence < c.sentence
                && side(ctx, o.claimant) != me
                && accused_side(ctx, o) == them
        });
        let says_so = c.cues.iter().any(|w| {
            let w = w.to_lowercase();
            [
                "confirm",
                "corroborat",
                "joined",
                "concur",
                "agree",
                "independent",
                "echo",
                "same conclusion",
                "证实",
                "證實",
            ]
            .iter()
            .any(|k| w.contains(k))
        });
        let says_so = says_so || c.cues.iter().any(|w| Cues::get().scan(w).iter().any(|h| h.cue == Cue::Corroborate));
        // A company or researcher (no state of its own) backing a government's attribution.
        let vendor = c.claimant.is_some_and(|a| {
            let x = &ctx.rec.actors[a].actor;
            x.kind == ActorKind::Organisation && matches!(x.subkind.as_str(), "vendor" | "company")
        });
        // Another government or an international body backing it counts too.
        let third = c.claimant.is_some_and(|a| {
            let x = &ctx.rec.actors[a].actor;
            (x.kind == ActorKind::Organisation && x.subkind == "international")
                || (x.kind == ActorKind::State && x.country.as_deref() == Some("EU"))
                || x.country.as_deref().is_some_and(|k| k == "EU" || k == "NATO")
        });
        if earlier && (says_so || vendor || third) {
            c.kind = ClaimKind::Corroboration;
        }
    }
    // A side that has said it backs an attribution goes on backing it ("The US government has
    // joined the UK in attributing … The White House press secretary stated …").
    for i in 0..claims.len() {
        if claims[i].kind != ClaimKind::Accusation {
            continue;
        }
        let (me, them) = (side(ctx, claims[i].claimant), accused_side(ctx, &claims[i]));
        let backed = claims[..i].iter().any(|o| {
            o.kind == ClaimKind::Corroboration
                && o.sentence < claims[i].sentence
                && side(ctx, o.claimant) == me
                && accused_side(ctx, o) == them
        });
        if me.is_some() && backed {
            claims[i].kind = ClaimKind::Corroboration;
        }
    }
}

/// One claim per kind, claimant side and accused side within a few sentences (a headline and
/// the body, a statement and its spokesperson); distinct claimants of one state stay apart when
/// they speak far apart.
fn merge(ctx: &Ctx, claims: Vec<Claim>) -> Vec<Claim> {
    let mut out: Vec<Claim> = Vec::new();
    for c in claims {
        let is_state = |a: Option<usize>| a.is_some_and(|a| ctx.rec.actors[a].actor.kind == ActorKind::State);
        let same = out.iter_mut().find(|o| {
            o.kind == c.kind
                && accused_side(ctx, o) == accused_side(ctx, &c)
                && (o.claimant == c.claimant
                    || (side(ctx, o.claimant) == side(ctx, c.claimant)
                        && (is_state(o.claimant) || is_state(c.claimant))))
        });
        match same {
            Some(o) => {
                for s in &c.spans {
                    if !o.spans.contains(s) {
                        o.spans.push(*s);
                    }
                }
                for w in &c.cues {
                    if !o.cues.contains(w) {
                        o.cues.push(w.clone());
                    }
                }
                for t in &c.targets {
                    if !o.targets.contains(t) {
                        o.targets.push(t.clone());
                    }
                }
                if o.accused_sponsor.is_none() && c.accused_sponsor.is_some() {
                    o.accused_sponsor = c.accused_sponsor;
                    o.accused_country = c.accused_country.clone();
                }
                // A body is a more precise claimant than its state.
                let is_state = |a: Option<usize>| a.is_some_and(|a| ctx.rec.actors[a].actor.kind == ActorKind::State);
                if is_state(o.claimant) && c.claimant.is_some() && !is_state(c.claimant) {
                    o.claimant = c.claimant;
                }
                // A group is a more precise accused than its state.
                if !is_group(ctx, o.accused) && is_group(ctx, c.accused) {
                    o.accused = c.accused;
                }
                if o.certainty == super::Certainty::Asserted
                    && c.certainty == super::Certainty::Hedged
                    && o.kind != ClaimKind::Denial
                {
                    // Keep the main statement's certainty: the first one.
                }
            }
            None => out.push(c),
        }
    }
    out
}

/// A denial answers the accusation against its side; a counter-accusation answers the accusation
/// it reverses; a minimisation answers the responsibility claim it dismisses.
fn link(ctx: &Ctx, claims: &mut [Claim]) {
    let snapshot: Vec<Claim> = claims.to_vec();
    for c in claims.iter_mut() {
        let targets: Vec<usize> = match c.kind {
            ClaimKind::Denial => snapshot
                .iter()
                .enumerate()
                .filter(|(_, o)| {
                    matches!(o.kind, ClaimKind::Accusation | ClaimKind::Corroboration)
                        && accused_side(ctx, o) == accused_side(ctx, c)
                })
                .map(|(i, _)| i)
                .take(1)
                .collect(),
            ClaimKind::CounterAccusation => snapshot
                .iter()
                .enumerate()
                .filter(|(_, o)| {
                    o.kind == ClaimKind::Accusation
                        && side(ctx, o.claimant) == accused_side(ctx, c)
                        && accused_side(ctx, o) == side(ctx, c.claimant)
                })
                .map(|(i, _)| i)
                .take(1)
                .collect(),
            ClaimKind::Minimization => snapshot
                .iter()
                .enumerate()
                .filter(|(_, o)| {
                    o.kind == ClaimKind::Responsibility && (c.accused.is_none() || o.claimant == c.accused)
                })
                .map(|(i, _)| i)
                .take(1)
                .collect(),
            ClaimKind::Corroboration => snapshot
                .iter()
                .enumerate()
                .filter(|(_, o)| o.kind == ClaimKind::Accusation && accused_side(ctx, o) == accused_side(ctx, c))
                .map(|(i, _)| i)
                .take(1)
                .collect(),
            _ => Vec::new(),
        };
        c.responds_to = targets;
    }
    // A minimisation of a group's own claim names that group.
    for i in 0..claims.len() {
        if claims[i].kind == ClaimKind::Minimization && claims[i].accused.is_none() {
            if let Some(&r) = claims[i].responds_to.first() {
                claims[i].accused = claims[r].claimant;
                claims[i].accused_country = claims[r].claimant.and_then(|a| ctx.country(a).map(str::to_string));
            } else if let Some(o) = snapshot
                .iter()
                .filter(|o| o.kind == ClaimKind::Accusation && o.sentence <= claims[i].sentence)
                .rfind(|o| is_group(ctx, o.accused))
            {
                // No self-claim to dismiss: the harm played down is that of the attack attributed
                // to the group before it.
                claims[i].accused = o.accused;
                claims[i].accused_country = o.accused_country.clone();
            }
        }
    }
}
