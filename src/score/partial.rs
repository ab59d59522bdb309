//! A hypothesis's records summed up in one pass, as a `Partial`, and several partials taken
//! together: a group's assessment takes in its state sponsors' records, and each sponsor's part
//! is summed up once for all of its groups instead of being re-read for each one.
//!
//! Everything the rubric takes "first" is kept with its position in the run and everything it
//! counts is kept as a set, so that partials taken together give what reading all their records
//! at once, in input order, would have given.

use super::{estimative, Item, Origin, Records, Weights, MAX_PEOPLE_LISTED};
use crate::report::SpanOut;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Where a record falls in the order records are read: the document's number, then 0 for a
/// claim or a denial and 1 for evidence, its place in the document and its place in a list it
/// gives (see `pos`). Packed in one number to keep long lists small.
pub(super) type Pos = u128;

/// The position of a record: `phase` 0 for claims and denials, 1 for evidence; `k`, a place
/// in a list the record gives (the people a sentence names).
fn pos(doc: u64, phase: u8, idx: u64, k: usize) -> Pos {
    const IDX_BITS: u32 = 43;
    const K_BITS: u32 = 20;
    let idx = idx.min((1 << IDX_BITS) - 1) as u128;
    let k = (k as u128).min((1 << K_BITS) - 1);
    (u128::from(doc) << 64) | (u128::from(phase & 1) << 63) | (idx << K_BITS) | k
}

/// (position, name, country) of a claim's accused.
type Named = (Pos, Option<String>, Option<String>);

/// A denial as an assessment weighs it.
pub(super) struct Contest {
    pub id: Box<str>,
    pub doc: Box<str>,
    pub claimant_name: Option<Box<str>>,
    pub span: SpanOut,
    /// The evidence it offers of its own: (kind, cue, weakened).
    pub offered: Vec<(String, String, bool)>,
}

/// What some of a hypothesis's records contribute to its assessment.
#[derive(Default)]
pub(super) struct Partial {
    /// The claimants and accused named, lowercased: never "named people" of the hypothesis.
    names: BTreeSet<String>,
    /// Per accused id, its first claim's name and country for it.
    first_by_accused: BTreeMap<String, Named>,
    /// The first claim's accused, and the first accused country given.
    fallback: Option<Named>,
    any_country: Option<(Pos, String)>,
    /// Whether an actor's own boast is cited as evidence for a claim.
    boast_cited: bool,
    /// Whether a claim other than one of responsibility is stated without hedging.
    asserted: bool,
    /// The first estimative term a claim uses.
    estimated: Option<(Pos, String)>,
    /// Every claim's id, in order.
    claims: Vec<(Pos, Box<str>)>,
    /// The denials answering the claims, in order.
    contesting: Vec<(Pos, Contest)>,
    /// The origins of the claims other than claims of responsibility, and of these: an
    /// actor's claim of its own operation counts as an origin only when its boast is not
    /// cited as evidence, which is known only once all the records are read.
    origins: HashMap<String, OriginPart>,
    boasts: HashMap<String, OriginPart>,
}

/// An origin's part: what its claims and the evidence behind them give, each "first" with
/// its position.
struct OriginPart {
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
    /// origin's country, known once the parts are together.
    items: BTreeMap<String, (Pos, Item)>,
    /// Fingerprints of its indicators: sorted and each once when the part is sealed.
    indicators: Vec<u64>,
    /// Each person its sentences name, where first named; once sealed, `named` instead.
    people: HashMap<String, (Pos, String, SpanOut)>,
    named: Vec<Person>,
    date: Option<(Pos, String, String, SpanOut)>,
}

/// A person an origin names, where first named, and whether the phrase names one of the
/// part's own actors (its claimants and accused).
struct Person {
    at: Pos,
    name: String,
    doc: String,
    span: SpanOut,
    actor: bool,
}

/// Keeps `b` in `a` when it comes first.
fn earlier<T: Clone>(a: &mut Option<T>, b: &Option<T>, pos: impl Fn(&T) -> Pos) {
    if let Some(b) = b {
        if a.as_ref().is_none_or(|a| pos(b) < pos(a)) {
            *a = Some(b.clone());
        }
    }
}

/// The entries of lists ordered by position, in order, an entry at a position several lists
/// hold taken once.
fn in_order<'a, T>(lists: impl Iterator<Item = &'a [(Pos, T)]>) -> Vec<&'a (Pos, T)> {
    let mut heads: Vec<std::iter::Peekable<std::slice::Iter<'a, (Pos, T)>>> =
        lists.map(|l| l.iter().peekable()).collect();
    let mut out = Vec::with_capacity(heads.iter().map(|h| h.len()).sum());
    while let Some(next) = heads.iter_mut().filter_map(|h| h.peek().map(|e| e.0)).min() {
        let mut taken = false;
        for h in &mut heads {
            if let Some(e) = h.next_if(|e| e.0 == next) {
                if !taken {
                    out.push(e);
                    taken = true;
                }
            }
        }
    }
    out
}

/// `mine` (owned) and `theirs` (borrowed), both in order, merged in order and made into `U`s;
/// an entry at a position both hold is taken once, from `mine`.
fn merged<T, U>(mine: Vec<(Pos, T)>, theirs: Vec<&(Pos, T)>, own: impl Fn(T) -> U, copy: impl Fn(&T) -> U) -> Vec<U> {
    let mut out = Vec::with_capacity(mine.len() + theirs.len());
    let mut theirs = theirs.into_iter().peekable();
    for (at, x) in mine {
        while let Some(y) = theirs.next_if(|y| y.0 < at) {
            out.push(copy(&y.1));
        }
        theirs.next_if(|y| y.0 == at);
        out.push(own(x));
    }
    out.extend(theirs.map(|y| copy(&y.1)));
    out
}

impl OriginPart {
    fn new(at: Pos, kind: &str, claimant_country: Option<&String>, doc: &str, span: SpanOut) -> Self {
        OriginPart {
            first: at,
            kind: kind.to_string(),
            claimant_country: claimant_country.cloned(),
            doc: doc.to_string(),
            span,
            names: Vec::new(),
            self_claim: None,
            targets: None,
            items: BTreeMap::new(),
            indicators: Vec::new(),
            people: HashMap::new(),
            named: Vec::new(),
            date: None,
        }
    }

    fn claim(&mut self, at: Pos, c: &super::Claim) {
        let name = c.claimant_name.clone().unwrap_or_else(|| "(unnamed)".into());
        if !self.names.iter().any(|(_, n)| *n == name) {
            self.names.push((at, name));
        }
        if c.kind == "responsibility" && self.self_claim.is_none() {
            self.self_claim = Some((at, c.doc.clone(), c.span));
        }
        if !c.targets.is_empty() && self.targets.is_none() {
            self.targets = Some((at, c.targets.clone(), c.doc.clone(), c.span));
        }
        self.sentence(at, &c.people, c.date.as_deref(), &c.doc, c.span);
    }

    fn evidence(&mut self, at: Pos, e: &super::Evidence, w: &Weights) {
        self.indicators.extend(e.indicators.iter().map(|i| super::fingerprint(i)));
        self.sentence(at, &e.people, e.date.as_deref(), &e.doc, e.span);
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
        self.items.insert(e.kind.clone(), (at, item));
    }

    /// A sentence the origin speaks in (a claim, or evidence behind one): the people and the
    /// date it names. `at` is the sentence's position, with no place in a list.
    fn sentence(&mut self, at: Pos, people: &[String], date: Option<&str>, doc: &str, span: SpanOut) {
        for (k, p) in people.iter().enumerate() {
            if !self.people.contains_key(p) {
                self.people.insert(p.clone(), (at + (k as Pos).min((1 << 20) - 1), doc.to_string(), span));
            }
        }
        if let (None, Some(d)) = (&self.date, date) {
            self.date = Some((at, d.to_string(), doc.to_string(), span));
        }
    }

    /// Done adding: indicators sorted and each once, the people in order with whether they
    /// are among `names`, the part's actors.
    fn seal(&mut self, names: &[String]) {
        self.indicators.sort_unstable();
        self.indicators.dedup();
        self.indicators.shrink_to_fit();
        let mut named: Vec<Person> = self
            .people
            .drain()
            .map(|(name, (at, doc, span))| Person { at, actor: super::names_an_actor(&name, names), name, doc, span })
            .collect();
        named.sort_by_key(|p| p.at);
        self.named = named;
        self.people = HashMap::new();
    }
}

/// An origin as the rubric weighs it, from its parts ((index of the partial, part)): each
/// "first" is the earliest of the parts', each count is of the parts' sets taken together.
/// A person is one of the hypothesis's actors if the phrase names one of its partial's actors
/// or one of `extra[index]`, the hypothesis's other actors.
fn origin_of_parts(parts: &[(usize, &OriginPart)], extra: &[Vec<String>]) -> Origin {
    let head = parts.iter().map(|p| p.1).min_by_key(|o| o.first).expect("an origin has a part");
    let mut names: Vec<(Pos, &str)> =
        parts.iter().flat_map(|p| p.1.names.iter().map(|(at, n)| (*at, n.as_str()))).collect();
    names.sort_unstable();
    let mut seen = HashSet::new();
    names.retain(|n| seen.insert(n.1));
    let self_claim = parts.iter().filter_map(|p| p.1.self_claim.as_ref()).min_by_key(|s| s.0);
    let targets = parts.iter().filter_map(|p| p.1.targets.as_ref()).min_by_key(|t| t.0);
    let date = parts.iter().filter_map(|p| p.1.date.as_ref()).min_by_key(|d| d.0);
    let mut items: BTreeMap<&str, &(Pos, Item)> = BTreeMap::new();
    for (_, o) in parts {
        for (kind, it) in &o.items {
            if items.get(kind.as_str()).is_none_or(|mine| it.0 < mine.0) {
                items.insert(kind, it);
            }
        }
    }
    // Third-party evidence is someone else confirming: a vendor citing "researchers at"
    // itself is not that.
    let country = head.claimant_country.is_some();
    let mut items: Vec<&(Pos, Item)> = items.into_values().filter(|it| country || it.1.kind != "third_party").collect();
    items.sort_by_key(|i| i.0);
    // Distinct indicators: the largest part's, and those of the others it lacks.
    let largest = parts.iter().map(|p| &p.1.indicators).max_by_key(|i| i.len()).expect("an origin has a part");
    let mut others: Vec<u64> = parts
        .iter()
        .filter(|p| !std::ptr::eq(&p.1.indicators, largest))
        .flat_map(|p| p.1.indicators.iter().copied())
        .filter(|i| largest.binary_search(i).is_err())
        .collect();
    others.sort_unstable();
    others.dedup();
    let mut people: Vec<(&Person, usize)> =
        parts.iter().flat_map(|(k, o)| o.named.iter().map(move |p| (p, *k))).collect();
    if parts.len() > 1 {
        people.sort_by_key(|p| p.0.at);
    }
    let mut seen = HashSet::new();
    let (mut listed, mut count, mut first) = (Vec::new(), 0, None);
    for (p, k) in people {
        if !seen.insert(p.name.as_str()) || p.actor || super::names_an_actor(&p.name, &extra[k]) {
            continue;
        }
        count += 1;
        first.get_or_insert((p.doc.clone(), p.span));
        if listed.len() < MAX_PEOPLE_LISTED {
            listed.push(p.name.clone());
        }
    }
    Origin {
        kind: head.kind.clone(),
        claimant_country: head.claimant_country.clone(),
        doc: head.doc.clone(),
        span: head.span,
        names: names.into_iter().map(|n| n.1.to_string()).collect(),
        self_claim: self_claim.map(|s| (s.1.clone(), s.2)),
        targets: targets.map(|t| (t.1.clone(), t.2.clone(), t.3)),
        seen_kinds: items.iter().map(|i| i.1.kind.clone()).collect(),
        items: items.into_iter().map(|i| i.1.clone()).collect(),
        indicators: largest.len() + others.len(),
        people_count: count,
        people_at: first,
        people: listed,
        date: date.map(|d| (d.1.clone(), d.2.clone(), d.3)),
    }
}

impl Partial {
    /// Takes in one document's records (documents in input order).
    pub fn add(&mut self, d: Records, w: &Weights) {
        let doc = d.doc;
        let Records { claims, denials, evidence, .. } = d;
        let ids: HashSet<&str> = claims.iter().map(|c| c.id.as_str()).collect();
        // Each claim's origin, and whether it is a claim of responsibility.
        let mut origin_of: HashMap<&str, (bool, &str)> = HashMap::new();
        for c in &claims {
            let at = pos(doc, 0, c.at.1, 0);
            self.names.extend([&c.claimant_name, &c.accused_name].into_iter().flatten().map(|n| n.to_lowercase()));
            let named = || (at, c.accused_name.clone(), c.accused_country.clone());
            if let Some(a) = &c.accused {
                if !self.first_by_accused.contains_key(a) {
                    self.first_by_accused.insert(a.clone(), named());
                }
            }
            if self.fallback.is_none() {
                self.fallback = Some(named());
            }
            if let (None, Some(country)) = (&self.any_country, &c.accused_country) {
                self.any_country = Some((at, country.clone()));
            }
            self.claims.push((at, c.id.as_str().into()));
            if c.kind != "responsibility" && c.certainty != "hedged" {
                self.asserted = true;
            }
            if self.estimated.is_none() {
                self.estimated = estimative(&c.cue).map(|e| (at, e));
            }
            let boast = c.kind == "responsibility";
            let parts = if boast { &mut self.boasts } else { &mut self.origins };
            parts
                .entry(c.origin.clone())
                .or_insert_with(|| OriginPart::new(at, &c.kind, c.claimant_country.as_ref(), &c.doc, c.span))
                .claim(at, c);
            origin_of.insert(&c.id, (boast, &c.origin));
        }
        for c in denials {
            if c.responds_to.iter().any(|r| ids.contains(r.as_str())) {
                self.names.extend([&c.claimant_name, &c.accused_name].into_iter().flatten().map(|n| n.to_lowercase()));
                let contest = Contest {
                    id: c.id.into(),
                    doc: c.doc.into(),
                    claimant_name: c.claimant_name.map(Into::into),
                    span: c.span,
                    offered: c.offered,
                };
                self.contesting.push((pos(doc, 0, c.at.1, 0), contest));
            }
        }
        for e in &evidence {
            let at = pos(doc, 1, e.at.1, 0);
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
                    o.evidence(at, e, w);
                }
            }
        }
    }

    /// Done adding: what is kept is made compact.
    pub fn seal(&mut self) {
        let names: Vec<String> = self.names.iter().cloned().collect();
        for o in self.origins.values_mut().chain(self.boasts.values_mut()) {
            o.seal(&names);
        }
        self.claims.shrink_to_fit();
        self.contesting.shrink_to_fit();
    }
}

/// A hypothesis's partials taken together: its own (what can be moved is taken from it) and
/// others (its sponsors', kept for their other groups).
pub(super) struct Together<'a> {
    parts: Vec<&'a Partial>,
    /// The own part's origins and boasts.
    origins: HashMap<String, OriginPart>,
    boasts: HashMap<String, OriginPart>,
    /// Per part, the hypothesis's actors (lowercased names) that are not the part's own.
    extra: Vec<Vec<String>>,
    /// The accused as first named (for the hypothesis's actor if a claim names it, else as the
    /// first claim names its accused) and the first accused country given.
    pub first_name: Option<String>,
    pub accused_country: Option<String>,
    pub hedged: bool,
    pub estimated: Option<String>,
    /// Every claim's id, in order.
    pub claims: Vec<String>,
    /// The denials answering them, in order.
    pub contesting: Vec<&'a Contest>,
}

impl<'a> Together<'a> {
    /// The parts of the records of the hypothesis whose actor is `actor`.
    pub fn new(own: &'a mut Partial, others: &[&'a Partial], actor: &str) -> Self {
        let claims = std::mem::take(&mut own.claims);
        let origins = std::mem::take(&mut own.origins);
        let boasts = std::mem::take(&mut own.boasts);
        let own: &'a Partial = own;
        let parts: Vec<&'a Partial> = std::iter::once(own).chain(others.iter().copied()).collect();
        let mut names = BTreeSet::new();
        let (mut first, mut fallback, mut any_country, mut estimated) = (None, None, None, None);
        let mut asserted = false;
        for p in &parts {
            names.extend(p.names.iter().cloned());
            earlier(&mut first, &p.first_by_accused.get(actor).cloned(), |n| n.0);
            earlier(&mut fallback, &p.fallback, |n| n.0);
            earlier(&mut any_country, &p.any_country, |c| c.0);
            earlier(&mut estimated, &p.estimated, |e| e.0);
            asserted |= p.asserted;
        }
        let (first_name, first_country) = first.or(fallback).map(|n| (n.1, n.2)).unwrap_or_default();
        let extra = parts.iter().map(|p| names.iter().filter(|n| !p.names.contains(*n)).cloned().collect()).collect();
        let theirs = in_order(others.iter().map(|p| p.claims.as_slice()));
        Together {
            claims: merged(claims, theirs, String::from, |id| id.to_string()),
            contesting: in_order(parts.iter().map(|p| p.contesting.as_slice())).into_iter().map(|c| &c.1).collect(),
            parts,
            origins,
            boasts,
            extra,
            first_name,
            accused_country: first_country.or(any_country.map(|c| c.1)),
            hedged: !asserted,
            estimated: estimated.map(|e| e.1),
        }
    }

    /// The origins in the order of their first claims (the actors' own boasts among them
    /// unless a boast is cited as evidence), the people who are the hypothesis's actors set
    /// aside.
    pub fn origins(&self) -> Vec<Origin> {
        let boast_cited = self.parts.iter().any(|p| p.boast_cited);
        let mut by_key: HashMap<&str, Vec<(usize, &OriginPart)>> = HashMap::new();
        let own = (&self.origins, &self.boasts);
        let sides = std::iter::once(own).chain(self.parts.iter().skip(1).map(|p| (&p.origins, &p.boasts)));
        for (k, (origins, boasts)) in sides.enumerate() {
            let boasts = if boast_cited { None } else { Some(boasts) };
            for (key, o) in origins.iter().chain(boasts.into_iter().flatten()) {
                by_key.entry(key).or_default().push((k, o));
            }
        }
        let mut all: Vec<(Pos, Origin)> = by_key
            .into_values()
            .map(|ps| (ps.iter().map(|p| p.1.first).min().unwrap_or_default(), origin_of_parts(&ps, &self.extra)))
            .collect();
        all.sort_by_key(|o| o.0);
        all.into_iter().map(|o| o.1).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::{DocRecords, Docs, RunScorer, Weights};
    use super::Partial;

    /// The run of every article, scenario and core-dataset statement, document by document.
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
            let together = run.assess_one(h, run.part_of(&buckets).unwrap(), &[]);
            // Each bucket apart, taken in either order.
            let apart: Vec<Partial> = buckets.iter().map(|b| run.part_of(&[*b]).unwrap()).collect();
            let forward: Vec<&Partial> = apart[1..].iter().collect();
            let backward: Vec<&Partial> = apart[..apart.len() - 1].iter().rev().collect();
            let own = run.part_of(&buckets[..1]).unwrap();
            assert_eq!(json(&together), json(&run.assess_one(h, own, &forward)), "{} {}", h.actor, h.action);
            let last = run.part_of(&buckets[buckets.len() - 1..]).unwrap();
            assert_eq!(json(&together), json(&run.assess_one(h, last, &backward)), "{} {}", h.actor, h.action);
            sponsored += usize::from(buckets.len() > 1);
        }
        assert!(sponsored >= 2, "the fixtures hold groups whose sponsors are accused too ({sponsored})");
    }

    #[test]
    fn a_hypothesis_read_in_two_parts_is_assessed_as_if_read_at_once() {
        let w = Weights::default_weights();
        let run = run(&w);
        let mut split = 0;
        for (h, (_, buckets)) in run.hyps.iter().zip(run.plans()) {
            let whole = run.part_of(&buckets).unwrap();
            // The same records as two parts: odd and even documents.
            let (mut odd, mut even) = (Partial::default(), Partial::default());
            let mut docs = Docs::new(&run.spill, &buckets);
            while let Some(d) = docs.next().unwrap() {
                if d.doc % 2 == 1 {
                    odd.add(d, &w)
                } else {
                    even.add(d, &w)
                }
            }
            split += usize::from(!odd.claims.is_empty() && !even.claims.is_empty());
            odd.seal();
            even.seal();
            assert_eq!(
                json(&run.assess_one(h, whole, &[])),
                json(&run.assess_one(h, odd, &[&even])),
                "{} {}",
                h.actor,
                h.action
            );
        }
        assert!(split >= 5, "hypotheses with claims in odd and even documents: {split}");
    }

    #[test]
    fn sponsors_past_the_cache_budget_are_read_with_each_group_to_the_same_result() {
        let w = Weights::default_weights();
        let finish = |budget: u64, threads: usize| {
            let mut run = run(&w);
            run.sponsor_cache = budget;
            let mut out = super::super::Collected::default();
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            run.finish_in(Some(&pool), &mut out).unwrap();
            out.assessments
        };
        let cached = finish(u64::MAX, 1);
        assert!(cached.len() > 10);
        // Some sponsors kept, others not, on one thread or several.
        for threads in [1, 2, 3] {
            for budget in [0, 200, u64::MAX] {
                assert_eq!(finish(budget, threads), cached, "budget {budget}, {threads} threads");
            }
        }
    }

    fn claim(doc: u64, id: &str, accused: (&str, &str), people: &[&str]) -> super::super::Claim {
        let span = crate::report::SpanOut { start: 0, end: 10, line: 1, column: 1 };
        super::super::Claim {
            at: (doc, 0),
            id: id.into(),
            doc: format!("d{doc}"),
            kind: "accusation".into(),
            accused: Some(accused.0.into()),
            accused_name: Some(accused.1.into()),
            accused_country: Some("RU".into()),
            claimant_name: Some("United Kingdom".into()),
            claimant_country: Some("GB".into()),
            origin: "state GB".into(),
            certainty: "asserted".into(),
            cue: vec!["accused".into()],
            targets: Vec::new(),
            span,
            people: people.iter().map(|p| p.to_string()).collect(),
            date: None,
        }
    }

    #[test]
    fn a_person_named_in_a_sponsors_part_is_an_actor_if_the_groups_own_claims_name_them() {
        let w = Weights::default_weights();
        let run = RunScorer::new(&w, usize::MAX);
        let span = crate::report::SpanOut { start: 0, end: 10, line: 1, column: 1 };
        let evidence = super::super::Evidence {
            at: (0, 0),
            doc: "d0".into(),
            kind: "technical".into(),
            cue: "malware".into(),
            weakened: None,
            span,
            indicators: Vec::new(),
            supports: vec!["c1".into()],
            people: Vec::new(),
            date: None,
        };
        // The sponsor's part names a person and, in passing, the group ("Fancy Bear"), which
        // only the group's own claim makes an actor of the hypothesis.
        let sponsor = super::super::Records {
            claims: vec![claim(0, "c1", ("ru", "Russia"), &["Ivan Petrov", "Fancy Bear"])],
            evidence: vec![evidence],
            denials: Vec::new(),
            doc: 0,
        };
        let own = || super::super::Records {
            claims: vec![claim(1, "c2", ("g-apt28", "Fancy Bear"), &[])],
            doc: 1,
            ..Default::default()
        };
        let h = super::super::Hyp {
            actor: "g-apt28".into(),
            action: "cyberattack".into(),
            bucket: 0,
            sponsor_names: Default::default(),
        };
        let mut theirs = Partial::default();
        theirs.add(sponsor, &w);
        theirs.seal();
        let mut mine = Partial::default();
        mine.add(own(), &w);
        mine.seal();
        let a = run.assess_one(&h, mine, &[&theirs]);
        let people: Vec<&str> =
            a.factors.iter().filter(|f| f.name == "specificity:people").map(|f| f.detail.as_str()).collect();
        assert_eq!(people, ["United Kingdom: named people: Ivan Petrov"]);
    }

    #[test]
    fn positions_order_documents_then_phases_then_places() {
        use super::pos;
        assert!(pos(1, 0, 0, 0) > pos(0, 1, 1 << 40, 1 << 19));
        assert!(pos(3, 1, 0, 0) > pos(3, 0, 1 << 40, 0));
        assert!(pos(3, 0, 2, 0) > pos(3, 0, 1, 5));
        assert!(pos(3, 0, 1, 5) > pos(3, 0, 1, 4));
        assert_eq!(pos(u64::MAX, 1, u64::MAX, usize::MAX) >> 64, u128::from(u64::MAX));
    }
}
