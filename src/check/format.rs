//! The check's CI formats: JUnit XML (one test case per document) and GitHub Actions
//! annotations pointing at the labels line of a missed claim and the document span of an
//! unexpected one.

use super::dataset::{Dataset, Problem};
use super::run::Outcome;
use std::io::{self, Write};

use crate::sanitize::xml;

fn describe_label(l: &super::matching::Label) -> String {
    format!(
        "missed {}: {} ({}) -> {} ({}){}",
        l.kind,
        l.claimant.as_deref().unwrap_or("-"),
        l.claimant_country.as_deref().unwrap_or("-"),
        l.accused.as_deref().unwrap_or("-"),
        l.accused_country.as_deref().unwrap_or("-"),
        l.anchor.as_deref().map(|a| format!(" | {a}")).unwrap_or_default()
    )
}

fn describe_claim(c: &crate::report::ClaimOut) -> String {
    format!(
        "unexpected {}: {} ({}) -> {} ({}) | {}",
        c.kind,
        c.claimant_name.as_deref().unwrap_or("-"),
        c.claimant_country.as_deref().unwrap_or("-"),
        c.accused_name.as_deref().unwrap_or("-"),
        c.accused_country.as_deref().unwrap_or("-"),
        c.text.chars().take(160).collect::<String>()
    )
}

pub fn junit(out: &mut dyn Write, ds: &Dataset, o: &Outcome) -> io::Result<()> {
    let failures = o.docs.iter().filter(|d| !d.passed()).count();
    let name = xml(&format!("attrib check {}", ds.dir.display()));
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<testsuites name="{name}" tests="{}" failures="{failures}" errors="0">"#, o.docs.len())?;
    writeln!(
        out,
        r#"  <testsuite name="{name}" tests="{}" failures="{failures}" errors="0" skipped="0">"#,
        o.docs.len()
    )?;
    let m = &o.metrics.overall;
    writeln!(
        out,
        r#"    <properties><property name="precision" value="{:.4}"/><property name="recall" value="{:.4}"/><property name="f1" value="{:.4}"/></properties>"#,
        m.precision(),
        m.recall(),
        m.f1()
    )?;
    for d in &o.docs {
        let case = xml(&d.doc);
        if d.passed() {
            writeln!(out, r#"    <testcase classname="attrib.check" name="{case}"/>"#)?;
            continue;
        }
        writeln!(out, r#"    <testcase classname="attrib.check" name="{case}">"#)?;
        let mut lines: Vec<String> = d.missed.iter().map(describe_label).collect();
        lines.extend(d.unexpected.iter().map(describe_claim));
        writeln!(
            out,
            r#"      <failure message="{} missed, {} unexpected">{}</failure>"#,
            d.missed.len(),
            d.unexpected.len(),
            xml(&lines.join("\n"))
        )?;
        writeln!(out, "    </testcase>")?;
    }
    writeln!(out, "  </testsuite>")?;
    writeln!(out, "</testsuites>")
}

/// Escapes the message of a workflow command.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value of a workflow command.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn github_problem(p: &Problem) -> String {
    let mut props = vec![format!("file={}", escape_property(&p.file))];
    if let Some(l) = p.line {
        props.push(format!("line={l}"));
        if let Some(c) = p.column {
            props.push(format!("col={c}"));
        }
    }
    props.push("title=invalid dataset".to_string());
    format!("::error {}::{}", props.join(","), escape_data(&p.message))
}

pub fn github(out: &mut dyn Write, ds: &Dataset, o: &Outcome) -> io::Result<()> {
    let labels = ds.labels_path.display().to_string();
    for d in &o.docs {
        for l in &d.missed {
            writeln!(
                out,
                "::warning file={},line={},title=missed claim::{}",
                escape_property(&labels),
                d.labels_line,
                escape_data(&format!("{}: {}", d.doc, describe_label(l)))
            )?;
        }
        let doc_path = ds.dir.join(&d.doc).display().to_string();
        for c in &d.unexpected {
            let end_line = c.span.line; // spans are one sentence; start and end lines are reported alike
            writeln!(
                out,
                "::warning file={},line={},endLine={},col={},title=unexpected claim::{}",
                escape_property(&doc_path),
                c.span.line,
                end_line,
                c.span.column,
                escape_data(&describe_claim(c))
            )?;
        }
    }
    let m = &o.metrics.overall;
    writeln!(
        out,
        "::notice title=attrib check::precision {:.3}, recall {:.3}, F1 {:.3} over {} documents",
        m.precision(),
        m.recall(),
        m.f1(),
        o.docs.len()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
        assert_eq!(xml("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&apos;");
        assert_eq!(xml("bell\u{7}"), "bell\u{FFFD}");
    }
}
