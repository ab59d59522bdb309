//! A hypothesis's records summed up in one pass, as a `Partial` that can be merged with
//! another: a group's assessment takes in its state sponsor's records, and the sponsor's part
//! is summed up once for all of its groups instead of being re-read for each one.
//!
//! Everything the rubric takes "first" is kept with its position in the run, and everything
//! it counts is kept as a set, so that merging two partials gives what reading both sets of
//! records together, in input order, would have given.

use super::{estimative, Denial, Item, Origin, Records, Weights, MAX_PEOPLE_LISTED};
use crate::report::SpanOut;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Where a record falls in the order the records are read: (document number, 0 for a claim or
/// a denial and 1 for evidence, its place in the document, its place in a list it gives).
pub(super) type Pos = (u64, u8, u64, u32);

/// (position, name, country) of a claim's accused.
type Named = (Pos, Option<String>, Option<String>);

/// What a hypothesis's records (or some of them) contribute to its assessment.
#[derive(Clone, Default)]
pub(super) struct Partial {
    /// The claimants and accused named, lowercased: never "named people" of the hypothesis.
    pub names: BTreeSet<String>,
    /// Per accused id, its first claim's name and country for it.
    pub first_by_accused: BTreeMap<String, Named>,
    /// The first claim's accused, and the first accused country given.
    pub fallback: Option<Named>,
    pub any_country: Option<(Pos, String)>,
    /// Whether an actor's own boast is cited as evidence for a claim.
    pub boast_cited: bool,
    /// Every claim's id, in order.
    pub claims: Vec<(Pos, String)>,
    /// Whether a claim other than one of responsibility is stated without hedging.
    pub asserted: bool,
    /// The first estimative term a claim uses.
    pub estimated: Option<(Pos, String)>,
    /// The origins of the claims other than claims of responsibility, and of these: an
    /// actor's claim of its own operation counts as an origin only when its boast is not
    /// cited as evidence, which is known only once all the records are read.
    pub origins: HashMap<String, OriginPart>,
    pub boasts: HashMap<String, OriginPart>,
    /// The denials answering the claims, in order.
    pub contesting: Vec<(Pos, Denial)>,
}

/// An origin's part: what its claims and the evidence behind them give, each "first" with
/// its position.
#[derive(Clone)]
pub(super) struct OriginPart {
    /// Its first claim: where, its kind and its claimant's country.
    first: Pos,
    kind: String,
    claimant_country: Option<String>,
    doc: String,
    span: SpanOut,
    /// Its claimants' names, each at its first.
    names: Vec<(Pos, String)>,
    self_claim: Option<(Pos, String, SpanOut)>,
    targets: Option<(Pos, Vec<String>, String, SpanOut)>,
    /// The first item of each kind. Whether third-party evidence counts depends on the
    /// origin's country, known once the parts are merged.
    items: BTreeMap<String, (Pos, Item)>,
    indicators: HashSet<u64>,
    /// Each person its sentences name, where first named.
    people: HashMap<String, (Pos, String, SpanOut)>,
    date: Option<(Pos, String, String, SpanOut)>,
}

/// Keeps `b` in `a` when it comes first.
fn earlier<T>(a: &mut Option<T>, b: Option<T>, pos: impl Fn(&T) -> Pos) {
    if let Some(b) = b {
        if a.as_ref().is_none_or(|a| pos(&b) < pos(a)) {
            *a = Some(b);
        }
    }
}

/// Merges two lists in position order; an entry at a position both hold is kept once.
fn merge_ordered<T: Clone>(a: Vec<(Pos, T)>, b: &[(Pos, T)]) -> Vec<(Pos, T)> {
    if b.is_empty() {
        return a;
    }
    let mut out = Vec::with_capacity(a.len() + b.len());
    let mut b = b.iter().peekable();
    for x in a {
        while let Some(y) = b.next_if(|y| y.0 < x.0) {
            out.push(y.clone());
        }
        b.next_if(|y| y.0 == x.0);
        out.push(x);
    }
    out.extend(b.cloned());
    out
}

impl OriginPart {
    fn new(pos: Pos, kind: &str, claimant_country: Option<&String>, doc: &str, span: SpanOut) -> Self {
        OriginPart {
            first: pos,
            kind: kind.to_string(),
            claimant_country: claimant_country.cloned(),
            doc: doc.to_string(),
            span,
            names: Vec::new(),
            self_claim: None,
            targets: None,
            items: BTreeMap::new(),
            indicators: HashSet::new(),
            people: HashMap::new(),
            date: None,
        }
    }

    fn claim(&mut self, pos: Pos, c: &super::Claim) {
        let name = c.claimant_name.clone().unwrap_or_else(|| "(unnamed)".into());
        if !self.names.iter().any(|(_, n)| *n == name) {
            self.names.push((pos, name));
        }
        if c.kind == "responsibility" && self.self_claim.is_none() {
            self.self_claim = Some((pos, c.doc.clone(), c.span));
        }
        if !c.targets.is_empty() && self.targets.is_none() {
            self.targets = Some((pos, c.targets.clone(), c.doc.clone(), c.span));
        }
        self.sentence(pos, &c.people, c.date.as_deref(), &c.doc, c.span);
    }

    fn evidence(&mut self, pos: Pos, e: &super::Evidence, w: &Weights) {
        self.indicators.extend(e.indicators.iter().map(|i| super::fingerprint(i)));
        self.sentence(pos, &e.people, e.date.as_deref(), &e.doc, e.span);
        if self.items.contains_key(&e.kind) {
            return;
        }
        let mut weight = w.evidence.get(&e.kind).copied().unwrap_or(0.0);
        if e.weakened.is_some() {
            weight *= w.discounts.weakened;
        }
        let item = Item {
            kind: e.kind.clone(),
            cue: e.cue.clone(),
            weakened: e.weakened.clone(),
            weight,
            doc: e.doc.clone(),
            span: e.span,
        };
        self.items.insert(e.kind.clone(), (pos, item));
    }

    fn sentence(&mut self, pos: Pos, people: &[String], date: Option<&str>, doc: &str, span: SpanOut) {
        for (k, p) in people.iter().enumerate() {
            if !self.people.contains_key(p) {
                self.people.insert(p.clone(), ((pos.0, pos.1, pos.2, k as u32), doc.to_string(), span));
            }
        }
        if let (None, Some(d)) = (&self.date, date) {
            self.date = Some((pos, d.to_string(), doc.to_string(), span));
        }
    }

    fn merge(&mut self, o: &OriginPart) {
        if o.first < self.first {
            self.first = o.first;
            self.kind.clone_from(&o.kind);
            self.claimant_country.clone_from(&o.claimant_country);
            self.doc.clone_from(&o.doc);
            self.span = o.span;
        }
        for (pos, name) in &o.names {
            match self.names.iter_mut().find(|(_, n)| n == name) {
                Some(mine) => mine.0 = mine.0.min(*pos),
                None => self.names.push((*pos, name.clone())),
            }
        }
        self.names.sort();
        earlier(&mut self.self_claim, o.self_claim.clone(), |s| s.0);
        earlier(&mut self.targets, o.targets.clone(), |t| t.0);
        for (kind, item) in &o.items {
            match self.items.get_mut(kind) {
                Some(mine) if mine.0 <= item.0 => {}
                Some(mine) => *mine = item.clone(),
                None => {
                    self.items.insert(kind.clone(), item.clone());
                }
            }
        }
        self.indicators.extend(&o.indicators);
        for (p, at) in &o.people {
            match self.people.get_mut(p) {
                Some(mine) if mine.0 <= at.0 => {}
                Some(mine) => *mine = at.clone(),
                None => {
                    self.people.insert(p.clone(), at.clone());
                }
            }
        }
        earlier(&mut self.date, o.date.clone(), |d| d.0);
    }

    /// The origin as the rubric weighs it, the people who are actors of the hypothesis set
    /// aside.
    fn finish(self, is_actor: &mut dyn FnMut(&str) -> bool) -> Origin {
        // Third-party evidence is someone else confirming: a vendor citing "researchers at"
        // itself is not that.
        let country = self.claimant_country.is_some();
        let mut items: Vec<(Pos, Item)> =
            self.items.into_values().filter(|(_, it)| country || it.kind != "third_party").collect();
        items.sort_by_key(|i| i.0);
        let mut people: Vec<(Pos, String, String, SpanOut)> =
            self.people.into_iter().filter(|(p, _)| !is_actor(p)).map(|(p, (pos, d, s))| (pos, p, d, s)).collect();
        people.sort_by_key(|p| p.0);
        Origin {
            kind: self.kind,
            claimant_country: self.claimant_country,
            doc: self.doc,
            span: self.span,
            names: self.names.into_iter().map(|n| n.1).collect(),
            self_claim: self.self_claim.map(|s| (s.1, s.2)),
            targets: self.targets.map(|t| (t.1, t.2, t.3)),
            seen_kinds: items.iter().map(|i| i.1.kind.clone()).collect(),
            items: items.into_iter().map(|i| i.1).collect(),
            indicators: self.indicators.len(),
            people_count: people.len(),
            people_at: people.first().map(|p| (p.2.clone(), p.3)),
            people: people.into_iter().take(MAX_PEOPLE_LISTED).map(|p| p.1).collect(),
            date: self.date.map(|d| (d.1, d.2, d.3)),
        }
    }
}

impl Partial {
    /// Takes in one document's records.
    pub fn add(&mut self, d: Records, w: &Weights) {
        let doc = d.doc;
        let Records { claims, denials, evidence, .. } = d;
        let ids: HashSet<&str> = claims.iter().map(|c| c.id.as_str()).collect();
        // Each claim's origin, and whether it is a claim of responsibility.
        let mut origin_of: HashMap<&str, (bool, &str)> = HashMap::new();
        for c in &claims {
            let pos = (doc, 0, c.at.1, 0);
            self.names.extend([&c.claimant_name, &c.accused_name].into_iter().flatten().map(|n| n.to_lowercase()));
            let named = || (pos, c.accused_name.clone(), c.accused_country.clone());
            if let Some(a) = &c.accused {
                self.first_by_accused.entry(a.clone()).or_insert_with(named);
            }
            if self.fallback.is_none() {
                self.fallback = Some(named());
            }
            if let (None, Some(country)) = (&self.any_country, &c.accused_country) {
                self.any_country = Some((pos, country.clone()));
            }
            self.claims.push((pos, c.id.clone()));
            if c.kind != "responsibility" && c.certainty != "hedged" {
                self.asserted = true;
            }
            if self.estimated.is_none() {
                self.estimated = estimative(&c.cue).map(|e| (pos, e));
            }
            let boast = c.kind == "responsibility";
            let parts = if boast { &mut self.boasts } else { &mut self.origins };
            parts
                .entry(c.origin.clone())
                .or_insert_with(|| OriginPart::new(pos, &c.kind, c.claimant_country.as_ref(), &c.doc, c.span))
                .claim(pos, c);
            origin_of.insert(&c.id, (boast, &c.origin));
        }
        for mut c in denials {
            if c.responds_to.iter().any(|r| ids.contains(r.as_str())) {
                self.names.extend([&c.claimant_name, &c.accused_name].into_iter().flatten().map(|n| n.to_lowercase()));
                c.responds_to = Vec::new();
                self.contesting.push(((doc, 0, c.at.1, 0), c));
            }
        }
        for e in &evidence {
            let pos = (doc, 1, e.at.1, 0);
            if e.kind == "self_claim" && e.supports.iter().any(|s| ids.contains(s.as_str())) {
                self.boast_cited = true;
            }
            let mut os: Vec<(bool, &str)> =
                e.supports.iter().filter_map(|s| origin_of.get(s.as_str()).copied()).collect();
            os.sort_unstable();
            os.dedup();
            for (boast, key) in os {
                let parts = if boast { &mut self.boasts } else { &mut self.origins };
                if let Some(o) = parts.get_mut(key) {
                    o.evidence(pos, e, w);
                }
            }
        }
    }

    /// Takes in another part of the same hypothesis's records.
    pub fn merge(&mut self, o: &Partial) {
        self.names.extend(o.names.iter().cloned());
        for (a, named) in &o.first_by_accused {
            match self.first_by_accused.get_mut(a) {
                Some(mine) if mine.0 <= named.0 => {}
                Some(mine) => *mine = named.clone(),
                None => {
                    self.first_by_accused.insert(a.clone(), named.clone());
                }
            }
        }
        earlier(&mut self.fallback, o.fallback.clone(), |n| n.0);
        earlier(&mut self.any_country, o.any_country.clone(), |c| c.0);
        self.boast_cited |= o.boast_cited;
        self.claims = merge_ordered(std::mem::take(&mut self.claims), &o.claims);
        self.asserted |= o.asserted;
        earlier(&mut self.estimated, o.estimated.clone(), |e| e.0);
        for (mine, theirs) in [(&mut self.origins, &o.origins), (&mut self.boasts, &o.boasts)] {
            for (key, part) in theirs {
                match mine.get_mut(key) {
                    Some(m) => m.merge(part),
                    None => {
                        mine.insert(key.clone(), part.clone());
                    }
                }
            }
        }
        self.contesting = merge_ordered(std::mem::take(&mut self.contesting), &o.contesting);
    }

    /// The origins in the order of their first claims, the actors' own boasts among them
    /// unless cited as evidence.
    pub fn origins(&mut self, is_actor: &mut dyn FnMut(&str) -> bool) -> Vec<Origin> {
        let mut parts = std::mem::take(&mut self.origins);
        if !self.boast_cited {
            for (key, part) in std::mem::take(&mut self.boasts) {
                match parts.get_mut(&key) {
                    Some(m) => m.merge(&part),
                    None => {
                        parts.insert(key, part);
                    }
                }
            }
        }
        let mut parts: Vec<OriginPart> = parts.into_values().collect();
        parts.sort_by_key(|p| p.first);
        parts.into_iter().map(|p| p.finish(is_actor)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::{DocRecords, RunScorer, Weights};
    use super::Partial;

    /// The run of every article and core-dataset statement, document by document.
    fn run(w: &Weights) -> RunScorer<'_> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut paths: Vec<_> = ["articles", "datasets/core", "scenarios"]
            .iter()
            .flat_map(|d| std::fs::read_dir(root.join(d)).unwrap().map(|e| e.unwrap().path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
            .collect();
        paths.sort();
        let mut run = RunScorer::new(w, usize::MAX);
        for p in &paths {
            let doc =
                crate::ingest::Document::from_text(&p.display().to_string(), &std::fs::read_to_string(p).unwrap());
            let r = crate::report::DocReport::from_analysis(&crate::pipeline::analyze_document(&doc));
            run.add(DocRecords::new(&r.claims, &r.evidence)).unwrap();
        }
        run
    }

    fn json(a: &crate::report::AssessmentOut) -> String {
        serde_json::to_string(a).unwrap()
    }

    #[test]
    fn a_group_with_its_sponsors_summed_up_apart_is_assessed_as_if_read_together() {
        let w = Weights::default_weights();
        let run = run(&w);
        let mut sponsored = 0;
        for (h, (_, buckets)) in run.hyps.iter().zip(run.plans()) {
            let together = run.assess_one(h, run.part_of(&buckets).unwrap());
            // Each bucket apart, merged in either order.
            let mut mine = run.part_of(&buckets[..1]).unwrap();
            let mut theirs = Partial::default();
            for b in &buckets[1..] {
                theirs.merge(&run.part_of(&[*b]).unwrap());
            }
            let mut reversed = theirs.clone();
            mine.merge(&theirs);
            reversed.merge(&run.part_of(&buckets[..1]).unwrap());
            assert_eq!(json(&together), json(&run.assess_one(h, mine)), "{} {}", h.actor, h.action);
            assert_eq!(json(&together), json(&run.assess_one(h, reversed)), "{} {}", h.actor, h.action);
            sponsored += usize::from(buckets.len() > 1);
        }
        assert!(sponsored >= 2, "the fixtures hold groups whose sponsors are accused too ({sponsored})");
    }

    #[test]
    fn a_hypothesis_split_in_two_by_document_merges_back_into_one() {
        let w = Weights::default_weights();
        let run = run(&w);
        let mut split = 0;
        for (h, (_, buckets)) in run.hyps.iter().zip(run.plans()) {
            let whole = run.part_of(&buckets).unwrap();
            // The same records read as two parts: odd and even documents.
            let (mut odd, mut even) = (Partial::default(), Partial::default());
            let mut docs = super::super::Docs::new(&run.spill, &buckets);
            while let Some(d) = docs.next().unwrap() {
                if d.doc % 2 == 1 {
                    odd.add(d, &w)
                } else {
                    even.add(d, &w)
                }
            }
            split += usize::from(!odd.claims.is_empty() && !even.claims.is_empty());
            even.merge(&odd);
            assert_eq!(json(&run.assess_one(h, whole)), json(&run.assess_one(h, even)), "{} {}", h.actor, h.action);
        }
        assert!(split >= 5, "hypotheses with claims in odd and even documents: {split}");
    }
}
