//! `--format html`: one self-contained page (inline CSS, no script, no remote load, a CSP that
//! forbids both). Per document: its claims, the claim graph as SVG, the text with claim and
//! evidence spans highlighted, its evidence; then the assessments and the hypothesis matrices.

mod escape;
mod graph;
mod spans;

use super::{Renderer, RunReport};
use crate::report::{AssessmentOut, ClaimOut, DocReport, MatrixOut};
use escape::{attr, attr_short, ident, text as esc};
use spans::Highlight;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{self, Write};

const CSS: &str = include_str!("style.css");

/// Scripts and every remote or local load forbidden; only the inline style and data: images.
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const KINDS: [&str; 6] =
    ["accusation", "counter_accusation", "denial", "minimization", "responsibility", "corroboration"];

/// The CSS class of a claim kind (`k-other` for a kind this page has no colour for).
pub(crate) fn kind_class(kind: &str) -> &'static str {
    match kind {
        "accusation" => "k-accusation",
        "counter_accusation" => "k-counter_accusation",
        "denial" => "k-denial",
        "minimization" => "k-minimization",
        "responsibility" => "k-responsibility",
        "corroboration" => "k-corroboration",
        _ => "k-other",
    }
}

#[derive(Default)]
pub struct HtmlRenderer {
    started: bool,
    docs: usize,
    claims: usize,
    evidence: usize,
    /// Where each claim and evidence item is: (document number, number in the document).
    claim_at: HashMap<String, (usize, usize)>,
    evidence_at: HashMap<String, (usize, usize)>,
    doc_at: HashMap<String, usize>,
}

fn who(name: &Option<String>, country: &Option<String>) -> String {
    let mut s = match name {
        Some(n) => format!("<bdi>{}</bdi>", esc(n)),
        None => "<span class=\"none\">unnamed</span>".into(),
    };
    if let Some(c) = country {
        let _ = write!(s, " <span class=\"cc\">{}</span>", esc(c));
    }
    s
}

fn plain_who(name: &Option<String>) -> &str {
    name.as_deref().unwrap_or("unnamed")
}

fn words(s: &str) -> String {
    esc(&s.replace('_', " "))
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl HtmlRenderer {
    fn start(&mut self, out: &mut dyn Write, first_title: Option<&str>) -> io::Result<()> {
        self.started = true;
        let title = match first_title {
            Some(t) => format!("attrib report \u{2014} {}", escape::shorten(t, 90)),
            None => "attrib report".to_string(),
        };
        write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
             <meta name=\"referrer\" content=\"no-referrer\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"color-scheme\" content=\"light dark\">\n\
             <meta name=\"generator\" content=\"attrib {}\">\n\
             <title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n\
             <header class=\"top\">\n<h1>attrib report</h1>\n\
             <p class=\"lede\">Who accuses whom, who denies, what proof is offered, and what it is worth \u{2014} \
             read by a program from the documents below. Scores weigh the claims and evidence as stated; \
             they are not findings.</p>\n\
             <nav aria-label=\"Sections\"><a href=\"#documents\">Documents</a> \
             <a href=\"#assessments\">Assessments</a> <a href=\"#hypotheses\">Competing hypotheses</a> \
             <a href=\"#diagnostics\">Diagnostics</a></nav>\n</header>\n<main>\n\
             <section id=\"documents\" aria-label=\"Documents\">\n",
            attr(crate::VERSION),
            attr(&title)
        )
    }

    fn claim_link(&self, id: &str) -> String {
        match self.claim_at.get(id) {
            Some(&(d, n)) => {
                let label = if self.docs > 1 { format!("{d}\u{b7}#{n}") } else { format!("#{n}") };
                format!("<a href=\"#d{d}-claim-{n}\" title=\"{}\">{label}</a>", attr(id))
            }
            None => format!("<code>{}</code>", esc(id)),
        }
    }

    /// A place in a document: the line and column, and which document when there are several.
    fn place(&self, doc: &str, span: Option<&crate::report::SpanOut>) -> String {
        let at = span.map(|sp| format!("{}:{}", sp.line, sp.column)).unwrap_or_default();
        match self.doc_at.get(doc) {
            Some(_) if self.docs == 1 => at,
            Some(&d) => format!("<a href=\"#doc-{d}\" title=\"{}\">doc {d}</a> {at}", attr(doc)),
            None => format!("<code>{}</code> {at}", esc(doc)),
        }
    }

    fn evidence_link(&self, id: &str, text: &str) -> String {
        match self.evidence_at.get(id) {
            Some(&(d, n)) => format!("<a href=\"#d{d}-ev-{n}\" title=\"{}\">{text}</a>", attr(id)),
            None => text.to_string(),
        }
    }
}

impl Renderer for HtmlRenderer {
    fn document(&mut self, out: &mut dyn Write, doc: &DocReport) -> io::Result<()> {
        if !self.started {
            let d = &doc.document;
            self.start(out, Some(d.title.as_deref().unwrap_or(&d.id)))?;
        }
        self.docs += 1;
        let n = self.docs;
        self.doc_at.entry(doc.document.id.clone()).or_insert(n);
        for (i, c) in doc.claims.iter().enumerate() {
            self.claim_at.entry(c.id.clone()).or_insert((n, i + 1));
        }
        for (i, e) in doc.evidence.iter().enumerate() {
            self.evidence_at.entry(e.id.clone()).or_insert((n, i + 1));
        }
        self.claims += doc.claims.len();
        self.evidence += doc.evidence.len();
        let page = document(n, doc);
        out.write_all(page.as_bytes())
    }

    fn finish(&mut self, out: &mut dyn Write, run: &RunReport) -> io::Result<()> {
        if !self.started {
            self.start(out, None)?;
            writeln!(out, "<p class=\"empty\">No documents were read.</p>")?;
        }
        let mut s = String::from("</section>\n");
        self.assessments(&mut s, &run.assessments);
        self.matrices(&mut s, &run.matrices, &run.assessments);
        diagnostics(&mut s, run);
        let _ = write!(
            s,
            "</main>\n<footer>\n<p>{} \u{b7} {} \u{b7} {} \u{b7} {} \u{b7} made by attrib {}. \
             This page runs no script and loads nothing.</p>\n</footer>\n</body>\n</html>\n",
            plural(self.docs, "document", "documents"),
            plural(self.claims, "claim", "claims"),
            plural(self.evidence, "evidence item", "evidence items"),
            plural(run.assessments.len(), "assessment", "assessments"),
            esc(crate::VERSION)
        );
        out.write_all(s.as_bytes())
    }
}

/// One document's section.
fn document(n: usize, doc: &DocReport) -> String {
    let d = &doc.document;
    let mut s = String::with_capacity(doc.text.len() * 2 + 8192);
    let _ = write!(
        s,
        "<article class=\"doc\" id=\"doc-{n}\" aria-labelledby=\"doc-{n}-title\" data-doc-id=\"{}\">\n\
         <h2 id=\"doc-{n}-title\"><span class=\"num\">{n}</span> <bdi>{}</bdi></h2>\n<dl class=\"facts\">",
        attr(&d.id),
        esc(d.title.as_deref().unwrap_or(&d.id))
    );
    let mut fact = |k: &str, v: String| {
        let _ = write!(s, "<div><dt>{k}</dt><dd>{v}</dd></div>");
    };
    fact("file", format!("<code>{}</code>", esc(d.path.as_deref().unwrap_or(&d.id))));
    if let Some(v) = &d.source {
        fact("source", format!("<bdi>{}</bdi>", esc(v)));
    }
    if let Some(v) = &d.url {
        // Shown, not linked: a link could lead anywhere.
        fact("url", format!("<code class=\"url\">{}</code>", esc(v)));
    }
    if let Some(v) = &d.published {
        fact("published", esc(v));
    }
    if let Some(v) = &d.speaker {
        fact("speaker", format!("<bdi>{}</bdi>", esc(v)));
    }
    fact("language", esc(&d.lang));
    fact("size", format!("{} bytes, {}", d.bytes, plural(d.sentences, "sentence", "sentences")));
    fact(
        "found",
        format!(
            "{}, {}, {}",
            plural(doc.claims.len(), "claim", "claims"),
            plural(doc.evidence.len(), "evidence item", "evidence items"),
            plural(doc.indicators.len(), "indicator", "indicators")
        ),
    );
    s.push_str("</dl>\n");

    claims_table(&mut s, n, doc);
    if let Some(svg) = graph::svg(&format!("d{n}"), doc) {
        let _ = write!(
            s,
            "<figure class=\"graph\">\n{svg}\n<figcaption>Who claims what about whom. Arrows run from \
             claimant to accused; numbers are the claims above; dashed grey arrows run from an answer to \
             the claim it answers.{}</figcaption>\n</figure>\n",
            legend(doc, false)
        );
    }
    source_text(&mut s, n, doc);
    evidence_table(&mut s, n, doc);
    indicators_table(&mut s, doc);
    actors_table(&mut s, doc);
    s.push_str("</article>\n");
    s
}

/// The colour key: the claim kinds present (and evidence, for the text).
fn legend(doc: &DocReport, evidence: bool) -> String {
    let mut s = String::from("<span class=\"legend\">");
    let mut kinds: Vec<&str> = KINDS.iter().copied().filter(|k| doc.claims.iter().any(|c| c.kind == *k)).collect();
    if doc.claims.iter().any(|c| kind_class(&c.kind) == "k-other") {
        kinds.push("other");
    }
    for k in kinds {
        let class = if k == "other" { "k-other" } else { kind_class(k) };
        let _ = write!(s, " <span class=\"key {class}\">{}</span>", words(&k.replace('_', "-")));
    }
    if evidence && !doc.evidence.is_empty() {
        s.push_str(" <span class=\"key ev\">evidence</span>");
    }
    s.push_str("</span>");
    s
}

fn claim_title(n: usize, c: &ClaimOut) -> String {
    let mut t = format!(
        "#{n} {} ({}): {} \u{2192} {} \u{b7} {}",
        c.kind.replace('_', "-"),
        c.certainty,
        plain_who(&c.claimant_name),
        plain_who(&c.accused_name),
        c.id
    );
    if !c.responds_to.is_empty() {
        let _ = write!(t, " \u{b7} answers {}", c.responds_to.join(", "));
    }
    attr_short(&t, 300)
}

fn claims_table(s: &mut String, n: usize, doc: &DocReport) {
    s.push_str("<section class=\"claims\">\n<h3>Claims</h3>\n");
    if doc.claims.is_empty() {
        s.push_str("<p class=\"empty\">No claims found.</p>\n</section>\n");
        return;
    }
    s.push_str(
        "<div class=\"scroll\"><table class=\"claims\">\n<thead><tr><th scope=\"col\">#</th><th scope=\"col\">kind</th>\
         <th scope=\"col\">claimant</th><th scope=\"col\">accused</th><th scope=\"col\">action</th>\
         <th scope=\"col\">certainty</th><th scope=\"col\">evidence</th><th scope=\"col\">where</th>\
         <th scope=\"col\">answers</th><th scope=\"col\">id</th></tr></thead>\n<tbody>\n",
    );
    let number = |id: &str| doc.claims.iter().position(|c| c.id == id).map(|i| i + 1);
    for (i, c) in doc.claims.iter().enumerate() {
        let k = i + 1;
        let mut accused = who(&c.accused_name, &c.accused_country);
        if let Some(sp) = &c.accused_sponsor {
            let _ = write!(accused, "<br><small>for <bdi>{}</bdi></small>", esc(sp));
        }
        let mut action = words(&c.action);
        if !c.targets.is_empty() {
            let t: Vec<String> = c.targets.iter().map(|t| format!("<bdi>{}</bdi>", esc(t))).collect();
            let _ = write!(action, "<br><small>against {}</small>", t.join(", "));
        }
        let spans: Vec<String> = claim_spans(c)
            .iter()
            .enumerate()
            .map(|(j, sp)| format!("<a href=\"#d{n}-c{k}-s{j}\">{}:{}</a>", sp.line, sp.column))
            .collect();
        let answers: Vec<String> = c
            .responds_to
            .iter()
            .map(|r| match number(r) {
                Some(m) => format!("<a href=\"#d{n}-claim-{m}\" title=\"{}\">#{m}</a>", attr(r)),
                None => format!("<code>{}</code>", esc(r)),
            })
            .collect();
        let evidence = if c.evidence.is_empty() {
            "<span class=\"none\">\u{2014}</span>".to_string()
        } else {
            c.evidence.iter().map(|e| words(e)).collect::<Vec<_>>().join(", ")
        };
        let cue = if c.cue.is_empty() {
            String::new()
        } else {
            format!("<br><small>cue: {}</small>", esc(&escape::shorten(&c.cue.join(", "), 80)))
        };
        let _ = writeln!(
            s,
            "<tr id=\"d{n}-claim-{k}\" data-claim-id=\"{}\" data-kind=\"{}\" data-claimant=\"{}\" data-accused=\"{}\">\
             <td class=\"num\"><span class=\"badge {}\">{k}</span></td><td><span class=\"kind {}\">{}</span>{cue}</td>\
             <td>{}</td><td>{accused}</td><td>{action}</td><td><span class=\"cert c-{}\">{}</span></td><td>{evidence}</td>\
             <td class=\"where\">{}</td><td>{}</td><td><code>{}</code></td></tr>",
            attr(&c.id),
            attr(&c.kind),
            attr(plain_who(&c.claimant_name)),
            attr(plain_who(&c.accused_name)),
            kind_class(&c.kind),
            kind_class(&c.kind),
            words(&c.kind.replace('_', "-")),
            who(&c.claimant_name, &c.claimant_country),
            ident(&c.certainty),
            esc(&c.certainty),
            spans.join(" "),
            if answers.is_empty() { "<span class=\"none\">\u{2014}</span>".to_string() } else { answers.join(" ") },
            esc(&c.id)
        );
    }
    s.push_str("</tbody>\n</table></div>\n</section>\n");
}

fn claim_spans(c: &ClaimOut) -> Vec<crate::report::SpanOut> {
    if c.spans.is_empty() {
        vec![c.span]
    } else {
        c.spans.clone()
    }
}

fn source_text(s: &mut String, n: usize, doc: &DocReport) {
    let mut marks = Vec::new();
    for (i, c) in doc.claims.iter().enumerate() {
        let title = claim_title(i + 1, c);
        for (j, sp) in claim_spans(c).iter().enumerate() {
            marks.push(Highlight {
                start: sp.start,
                end: sp.end,
                attrs: format!(
                    "class=\"claim {}\" data-claim-id=\"{}\" data-kind=\"{}\" title=\"{title}\"",
                    kind_class(&c.kind),
                    attr(&c.id),
                    attr(&c.kind)
                ),
                anchor: Some(format!("d{n}-c{}-s{j}", i + 1)),
            });
        }
    }
    for (i, e) in doc.evidence.iter().enumerate() {
        let supports: Vec<String> = e
            .supports
            .iter()
            .map(|id| match doc.claims.iter().position(|c| &c.id == id) {
                Some(k) => format!("#{}", k + 1),
                None => id.clone(),
            })
            .collect();
        let mut title = format!("evidence E{} {}: {} \u{b7} {}", i + 1, e.kind.replace('_', " "), e.cue, e.id);
        if !supports.is_empty() {
            let _ = write!(title, " \u{b7} supports {}", supports.join(", "));
        }
        marks.push(Highlight {
            start: e.span.start,
            end: e.span.end,
            attrs: format!(
                "class=\"ev\" data-evidence-id=\"{}\" data-kind=\"{}\" title=\"{}\"",
                attr(&e.id),
                attr(&e.kind),
                attr_short(&title, 300)
            ),
            anchor: Some(format!("d{n}-e{}", i + 1)),
        });
    }
    let lang = &doc.document.lang;
    let lang_attr =
        if !lang.is_empty() && lang.len() <= 12 && lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            format!(" lang=\"{lang}\"")
        } else {
            String::new()
        };
    let _ = write!(
        s,
        "<section class=\"text\">\n<h3>Text</h3>\n<p class=\"hint\">Claims are shaded by kind and evidence is \
         underlined; hover a passage for who claims what.{}</p>\n<div class=\"source\"{lang_attr} dir=\"auto\">{}</div>\n</section>\n",
        legend(doc, true),
        spans::highlight(&doc.text, &marks)
    );
}

fn evidence_table(s: &mut String, n: usize, doc: &DocReport) {
    s.push_str("<section class=\"evidence\">\n<h3>Evidence</h3>\n");
    if doc.evidence.is_empty() {
        s.push_str("<p class=\"empty\">No evidence offered.</p>\n</section>\n");
        return;
    }
    s.push_str("<ol class=\"evidence\">\n");
    for (i, e) in doc.evidence.iter().enumerate() {
        let supports: Vec<String> = e
            .supports
            .iter()
            .map(|id| match doc.claims.iter().position(|c| &c.id == id) {
                Some(k) => format!(
                    "<a href=\"#d{n}-claim-{}\" class=\"badge {}\" title=\"{}\">{}</a>",
                    k + 1,
                    kind_class(&doc.claims[k].kind),
                    attr(id),
                    k + 1
                ),
                None => format!("<code>{}</code>", esc(id)),
            })
            .collect();
        let _ = write!(
            s,
            "<li id=\"d{n}-ev-{}\" data-evidence-id=\"{}\"><div class=\"evhead\"><span class=\"kind ev\">{}</span> \
             <span class=\"cue\">\u{201c}{}\u{201d}</span> <a class=\"where\" href=\"#d{n}-e{}\">{}:{}</a>",
            i + 1,
            attr(&e.id),
            words(&e.kind),
            esc(&e.cue),
            i + 1,
            e.span.line,
            e.span.column
        );
        if supports.is_empty() {
            s.push_str(" <span class=\"none\">supports no claim</span>");
        } else {
            let _ = write!(s, " <span class=\"supports\">supports {}</span>", supports.join(" "));
        }
        if let Some(w) = &e.weakened {
            let _ = write!(s, " <span class=\"weak\">weakened: {}</span>", esc(w));
        }
        let _ = write!(s, "</div>\n<blockquote>{}</blockquote>", esc(&escape::shorten(&e.text, 400)));
        if !e.indicators.is_empty() {
            let inds: Vec<String> = e.indicators.iter().map(|v| format!("<code>{}</code>", esc(v))).collect();
            let _ = write!(s, "<p class=\"inds\">indicators: {}</p>", inds.join(" "));
        }
        s.push_str("</li>\n");
    }
    s.push_str("</ol>\n</section>\n");
}

fn indicators_table(s: &mut String, doc: &DocReport) {
    if doc.indicators.is_empty() {
        return;
    }
    s.push_str(
        "<details class=\"indicators\"><summary>Indicators</summary>\n<div class=\"scroll\"><table>\n<thead><tr>\
         <th scope=\"col\">kind</th><th scope=\"col\">value</th><th scope=\"col\">as written</th><th scope=\"col\">where</th>\
         </tr></thead>\n<tbody>\n",
    );
    for i in &doc.indicators {
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td><code>{}</code></td><td><code>{}</code>{}</td><td>{}:{}</td></tr>",
            words(&i.kind),
            esc(&i.value),
            esc(&i.raw),
            if i.defanged { " <small>(defanged)</small>" } else { "" },
            i.span.line,
            i.span.column
        );
    }
    s.push_str("</tbody>\n</table></div>\n</details>\n");
}

fn actors_table(s: &mut String, doc: &DocReport) {
    if doc.actors.is_empty() {
        return;
    }
    s.push_str(
        "<details class=\"actors\"><summary>Actors named</summary>\n<div class=\"scroll\"><table>\n<thead><tr>\
         <th scope=\"col\">actor</th><th scope=\"col\">kind</th><th scope=\"col\">country</th>\
         <th scope=\"col\">named as</th><th scope=\"col\">mentions</th></tr></thead>\n<tbody>\n",
    );
    for a in &doc.actors {
        let forms: Vec<String> = a.aliases_seen.iter().map(|f| format!("<bdi>{}</bdi>", esc(f))).collect();
        let mut kind = esc(&a.kind);
        if let Some(sp) = &a.sponsor_name {
            let _ = write!(kind, "<br><small>sponsor: <bdi>{}</bdi></small>", esc(sp));
        }
        let _ = writeln!(
            s,
            "<tr data-actor-id=\"{}\"><td><bdi>{}</bdi></td><td>{kind}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            attr(&a.id),
            esc(&a.name),
            a.country.as_deref().map(esc).unwrap_or_else(|| "\u{2014}".into()),
            forms.join(", "),
            a.mentions.len()
        );
    }
    s.push_str("</tbody>\n</table></div>\n</details>\n");
}

impl HtmlRenderer {
    fn assessments(&self, s: &mut String, list: &[AssessmentOut]) {
        s.push_str("<section id=\"assessments\" aria-labelledby=\"assessments-title\">\n<h2 id=\"assessments-title\">Assessments</h2>\n");
        if list.is_empty() {
            s.push_str("<p class=\"empty\">No one is accused, so there is nothing to assess.</p>\n</section>\n");
            return;
        }
        s.push_str(
            "<p class=\"hint\">One hypothesis per actor and act: how well the claims and evidence read here \
             support it, from 0 to 100, with the confidence band (none, low 1\u{2013}29, moderate 30\u{2013}69, \
             high 70\u{2013}100) and the factors that make up the score.</p>\n",
        );
        for (k, a) in list.iter().enumerate() {
            let score = a.score.min(100);
            let _ = write!(
                s,
                "<article class=\"assessment\" id=\"assessment-{}\" data-assessment-id=\"{}\">\n\
                 <h3><bdi>{}</bdi>{} <span class=\"act\">\u{2014} {}</span></h3>\n\
                 <div class=\"scoreline\"><span class=\"score\">{}</span><span class=\"band b-{}\">{}</span>\
                 <div class=\"bar\" role=\"img\" aria-label=\"score {} of 100\"><span class=\"b-{}\" style=\"width:{}%\"></span></div></div>\n",
                k + 1,
                attr(&a.id),
                esc(&a.actor_name),
                a.country.as_deref().map(|c| format!(" <span class=\"cc\">{}</span>", esc(c))).unwrap_or_default(),
                words(&a.action),
                a.score,
                ident(&a.confidence),
                esc(&a.confidence),
                a.score,
                ident(&a.confidence),
                score
            );
            let _ = write!(s, "<p class=\"stated\">stated certainty: <strong>{}</strong>", esc(&a.stated_certainty));
            if let Some(e) = &a.estimative {
                let _ = write!(s, " \u{b7} in estimative terms: <strong>{}</strong>", esc(e));
            }
            s.push_str("</p>\n");
            let _ = writeln!(s, "<p class=\"summary\">{}</p>", esc(&a.summary));
            if !a.factors.is_empty() {
                let scale = a
                    .factors
                    .iter()
                    .map(|f| if f.contribution.is_finite() { f.contribution.abs() } else { 0.0 })
                    .fold(1.0, f64::max);
                s.push_str(
                    "<table class=\"factors\">\n<thead><tr><th scope=\"col\">factor</th><th scope=\"col\" colspan=\"2\">points</th>\
                     <th scope=\"col\">detail</th><th scope=\"col\">where</th></tr></thead>\n<tbody>\n",
                );
                for f in &a.factors {
                    let c = if f.contribution.is_finite() { f.contribution } else { 0.0 };
                    let w = (c.abs() / scale * 50.0).min(50.0);
                    let (side, pos) = if c < 0.0 {
                        ("neg", format!("right:50%;width:{w:.1}%"))
                    } else if c > 0.0 {
                        ("pos", format!("left:50%;width:{w:.1}%"))
                    } else {
                        ("zero", "width:0".to_string())
                    };
                    let name = match f.name.split_once(':') {
                        Some((group, rest)) => format!("<span class=\"group\">{}</span> {}", words(group), words(rest)),
                        None => words(&f.name),
                    };
                    let place = match &f.doc {
                        Some(d) => self.place(d, f.span.as_ref()),
                        None => String::new(),
                    };
                    let _ = writeln!(
                        s,
                        "<tr><td>{}</td><td class=\"pts {side}\">{:+.1}</td><td class=\"fbar\" aria-hidden=\"true\"><span class=\"{side}\" style=\"{pos}\"></span></td>\
                         <td>{}</td><td class=\"where\">{place}</td></tr>",
                        name,
                        c,
                        esc(&f.detail)
                    );
                }
                s.push_str("</tbody>\n</table>\n");
            }
            let claims: Vec<String> = a.claims.iter().map(|c| self.claim_link(c)).collect();
            let _ = write!(
                s,
                "<p class=\"refs\">claims: {}",
                if claims.is_empty() { "\u{2014}".into() } else { claims.join(" ") }
            );
            if !a.contested_by.is_empty() {
                let c: Vec<String> = a.contested_by.iter().map(|c| self.claim_link(c)).collect();
                let _ = write!(s, " \u{b7} contested by: {}", c.join(" "));
            }
            s.push_str("</p>\n</article>\n");
        }
        s.push_str("</section>\n");
    }

    fn matrices(&self, s: &mut String, list: &[MatrixOut], assessments: &[AssessmentOut]) {
        s.push_str(
            "<section id=\"hypotheses\" aria-labelledby=\"hypotheses-title\">\n<h2 id=\"hypotheses-title\">Competing hypotheses</h2>\n",
        );
        if list.is_empty() {
            s.push_str("<p class=\"empty\">No act is blamed on more than one actor.</p>\n</section>\n");
            return;
        }
        s.push_str(
            "<p class=\"hint\">Several actors are blamed for the same act. Each row is a piece of evidence and how it \
             bears on each hypothesis, with its weight (credibility).</p>\n",
        );
        for m in list {
            let _ = write!(
                s,
                "<div class=\"scroll\"><table class=\"matrix\">\n<caption>Who did the {}?</caption>\n<thead><tr>\
                 <th scope=\"col\">evidence</th><th scope=\"col\">weight</th>",
                words(&m.action)
            );
            for (k, h) in m.hypotheses.iter().enumerate() {
                let name = m.hypothesis_names.get(k).map(String::as_str).unwrap_or(h);
                let link = if let Some(i) = assessments.iter().position(|a| &a.id == h) {
                    format!("<a href=\"#assessment-{}\"><bdi>{}</bdi></a>", i + 1, esc(name))
                } else {
                    format!("<bdi>{}</bdi>", esc(name))
                };
                let _ = write!(s, "<th scope=\"col\" data-hypothesis=\"{}\">{link}</th>", attr(h));
            }
            s.push_str("</tr></thead>\n<tbody>\n");
            for r in &m.rows {
                let label = format!("{}: {}", words(&r.kind), esc(&escape::shorten(&r.cue, 80)));
                let _ = write!(
                    s,
                    "<tr data-evidence-id=\"{}\"><th scope=\"row\">{} <small>{}</small></th><td class=\"w\">{:.2}</td>",
                    attr(&r.evidence),
                    self.evidence_link(&r.evidence, &label),
                    self.place(&r.doc, None),
                    if r.weight.is_finite() { r.weight } else { 0.0 }
                );
                for k in 0..m.hypotheses.len() {
                    let cell = r.cells.get(k).map(String::as_str).unwrap_or("neutral");
                    let mark = match cell {
                        "consistent" => "\u{2713} consistent",
                        "inconsistent" => "\u{2717} inconsistent",
                        "neutral" => "\u{b7} neutral",
                        other => other,
                    };
                    let _ = write!(s, "<td class=\"cell m-{}\">{}</td>", ident(cell), esc(mark));
                }
                s.push_str("</tr>\n");
            }
            s.push_str("</tbody>\n</table></div>\n");
        }
        s.push_str("</section>\n");
    }
}

fn diagnostics(s: &mut String, run: &RunReport) {
    s.push_str("<section id=\"diagnostics\" aria-labelledby=\"diagnostics-title\">\n<h2 id=\"diagnostics-title\">Diagnostics</h2>\n");
    let problems: Vec<_> = run.diagnostics.iter().filter(|d| d.level != crate::diag::Level::Info).collect();
    if problems.is_empty() {
        s.push_str("<p class=\"empty\">No problems reading the inputs.</p>\n");
    } else {
        s.push_str("<ul class=\"diags\">\n");
        for d in problems {
            let _ = writeln!(
                s,
                "<li class=\"{}\"><span class=\"lvl\">{}</span> {}</li>",
                d.level.as_str(),
                d.level.as_str(),
                esc(&d.to_string())
            );
        }
        s.push_str("</ul>\n");
    }
    s.push_str("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{DocumentOut, EvidenceOut, SpanOut};

    fn span(start: usize, end: usize) -> SpanOut {
        SpanOut { start, end, line: 1, column: start + 1 }
    }

    fn claim(id: &str, kind: &str, claimant: &str, accused: &str, sp: SpanOut) -> ClaimOut {
        ClaimOut {
            id: id.into(),
            doc: "d".into(),
            kind: kind.into(),
            claimant: Some(format!("a-{claimant}")),
            claimant_name: Some(claimant.into()),
            claimant_country: None,
            accused: Some(format!("a-{accused}")),
            accused_name: Some(accused.into()),
            accused_country: Some("XX".into()),
            accused_sponsor: None,
            action: "cyberattack".into(),
            targets: vec![],
            evidence: vec![],
            certainty: "asserted".into(),
            cue: vec!["accused".into()],
            responds_to: vec![],
            span: sp,
            spans: vec![sp],
            text: String::new(),
        }
    }

    fn hostile_doc() -> DocReport {
        let text =
            "The <script>alert(1)</script> ministry accused \u{1b}[31m\u{202e}hackers\" of =cmd|'/c calc'!A1 attacks.";
        let mut denial = claim("c-2", "denial", "hackers\u{202e}", "<b>x</b>", span(4, 60));
        denial.responds_to = vec!["c-1".into()];
        DocReport {
            document: DocumentOut {
                id: "<doc>".into(),
                path: Some("/tmp/\"evil\"<script>.txt".into()),
                title: Some("Title <script>alert(2)</script>\u{202e}".into()),
                source: None,
                url: Some("javascript:alert(3)".into()),
                published: None,
                speaker: None,
                lang: "en\"><script>".into(),
                bytes: text.len(),
                sentences: 1,
            },
            actors: vec![],
            claims: vec![
                claim("c-1", "accusation", "<img src=x onerror=alert(4)>", "hackers", span(0, text.len())),
                denial,
            ],
            evidence: vec![EvidenceOut {
                id: "e-1".into(),
                doc: "d".into(),
                kind: "technical".into(),
                cue: "'cue\"".into(),
                text: text.into(),
                span: span(30, 200),
                indicators: vec!["<i>".into()],
                supports: vec!["c-1".into()],
                weakened: None,
            }],
            indicators: vec![],
            text: text.into(),
        }
    }

    fn render(docs: &[DocReport]) -> String {
        let mut r = HtmlRenderer::default();
        let mut out = Vec::new();
        for d in docs {
            r.document(&mut out, d).unwrap();
        }
        r.finish(&mut out, &RunReport::default()).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn hostile_input_never_becomes_markup() {
        let page = render(&[hostile_doc()]);
        assert!(!page.contains("<script"), "a script tag got through");
        assert!(!page.contains("<img"));
        assert!(!page.contains("<b>"));
        assert!(!page.contains("<i>"));
        assert!(!page.contains("href=\"javascript"));
        for c in ['\u{1b}', '\u{202e}'] {
            assert!(!page.contains(c), "{c:?} reached the page");
        }
        assert!(page.contains("=cmd|&#39;/c calc&#39;!A1"));
        assert!(page.contains("<div class=\"source\" dir=\"auto\">"), "a bad language tag is left out, not half-used");
        assert!(page.contains(CSP));
    }

    #[test]
    fn page_is_deterministic_and_complete() {
        let a = render(&[hostile_doc(), hostile_doc()]);
        let b = render(&[hostile_doc(), hostile_doc()]);
        assert_eq!(a, b);
        assert!(a.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"));
        assert!(a.ends_with("</html>\n"));
        assert_eq!(a.matches("<svg ").count(), 2);
        assert!(a.contains("id=\"d1-ah-k-accusation\"") && a.contains("id=\"d2-ah-k-accusation\""));
        assert_eq!(a.matches("<tr id=\"d1-claim-1\" data-claim-id=\"c-1\"").count(), 1);
        assert_eq!(a.matches("<tr id=\"d2-claim-1\" data-claim-id=\"c-1\"").count(), 1);
    }

    #[test]
    fn no_documents_is_still_a_page() {
        let page = render(&[]);
        assert!(page.contains("No documents were read."));
        assert!(page.contains("<title>attrib report</title>"));
        assert!(page.ends_with("</html>\n"));
    }
}
