//! The lexicon's data model: actors, name forms and their meanings, roles and reference
//! classes. Plain serialisable types, shared by the runtime and the build script that compiles
//! the embedded data ahead of time (see `compile`).

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What an actor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ActorKind {
    /// A state or state-like polity, or an organisation of states (EU, NATO); stands for its government.
    State,
    /// A body of a state: ministry, intelligence or security service, military unit, CERT.
    Body,
    /// A threat group, hacktivist persona or unnamed group of hackers.
    Group,
    /// A company, vendor, international body or news outlet.
    Organisation,
}

impl ActorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::State => "state",
            ActorKind::Body => "body",
            ActorKind::Group => "group",
            ActorKind::Organisation => "organisation",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "state" => ActorKind::State,
            "body" => ActorKind::Body,
            "group" => ActorKind::Group,
            "organisation" => ActorKind::Organisation,
            _ => return None,
        })
    }
}

/// A canonical actor of the gazetteer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    /// Body kind (`intelligence`, `military_cyber`, …), organisation kind (`vendor`, `outlet`, …),
    /// or the state's type (`polity`, `organisation`, `sar`).
    pub subkind: String,
    /// ISO 3166 alpha-2 (or `EU`, `NATO`); for a group, the country its sources tie it to.
    pub country: Option<String>,
    /// For a group: the actor id of its state sponsor, where the gazetteer names one.
    pub sponsor: Option<String>,
    /// For a body: the actor id of the body or state it belongs to.
    pub parent: Option<String>,
    pub short: Option<String>,
}

/// How a name form relates to its actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Via {
    Name,
    Alias,
    Demonym,
    Metonym,
    Role,
    Reference,
    Learned,
}

impl Via {
    pub fn as_str(self) -> &'static str {
        match self {
            Via::Name => "name",
            Via::Alias => "alias",
            Via::Demonym => "demonym",
            Via::Metonym => "metonym",
            Via::Role => "role",
            Via::Reference => "reference",
            Via::Learned => "learned",
        }
    }
}

/// Why a form needs care before it counts as a mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Ambiguity {
    None,
    /// An ordinary word or a form shared by several actors: exact case, and context.
    Word,
    /// Three letters or fewer: exact case and a group noun right beside it.
    Short,
}

/// One meaning of a pattern.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Meaning {
    /// A name form of one actor, or of several (a shared form such as "Ministry of State Security").
    Actor {
        candidates: Vec<u32>,
        via: Via,
        ambiguity: Ambiguity,
    },
    /// A demonym of a state ("Chinese"): a state link, not the state itself.
    Demonym {
        state: u32,
    },
    Role {
        role: u16,
    },
    Reference {
        class: u16,
    },
    GroupNoun,
    Learn {
        need_group_noun: bool,
    },
    Cyber,
    /// Shadows the names inside it and names nothing ("Beijing time").
    Stop,
}

/// A pattern of the automaton: its meanings and whether its case must match exactly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pattern {
    /// The pattern as the automaton holds it (ASCII lower case).
    pub text: String,
    pub case_exact: bool,
    /// With `case_exact`, the spellings that count.
    pub forms: Vec<String>,
    pub meanings: Vec<Meaning>,
}

/// A role ("defence ministry") and, per state, the body it names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    pub name: String,
    /// state actor index → actor index the role names (a body, or the state itself).
    #[serde(serialize_with = "sorted")]
    pub by_state: HashMap<u32, u32>,
}

/// A class of references ("the ministry", "it") and what they may point to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferenceClass {
    pub accepts: Vec<ActorKind>,
    /// Words of which one in an actor's name makes it the preferred antecedent.
    pub prefer: Vec<String>,
    /// Kinds tried first (nearest first) before the subject rule.
    pub prefer_kinds: Vec<ActorKind>,
    pub subject: bool,
    /// Latin phrases need "the", "this" or "that" right before them.
    pub determiner: bool,
    /// "a" and "an" serve as well ("a spokesperson said"), unless a name follows ("a
    /// spokesperson for Microsoft").
    pub indefinite: bool,
}

/// The compiled lexicon.
#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lexicon {
    pub actors: Vec<Actor>,
    #[serde(serialize_with = "sorted")]
    pub by_id: HashMap<String, u32>,
    pub patterns: Vec<Pattern>,
    pub roles: Vec<Role>,
    pub references: Vec<ReferenceClass>,
}

/// Writes a map in key order, so that the compiled tables are the same bytes at every build.
pub(crate) fn sorted<K: Ord + Serialize, V: Serialize, H, S: serde::Serializer>(
    map: &HashMap<K, V, H>,
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_map(map.iter().collect::<std::collections::BTreeMap<_, _>>())
}
