//! `--format dot`: the claim graph for Graphviz — actors as nodes, claims as edges from claimant
//! to accused (coloured by kind), dashed edges from an answer to the claim it answers.

use super::{Renderer, RunReport};
use crate::report::DocReport;
use std::collections::BTreeMap;
use std::io::{self, Write};

#[derive(Default)]
pub struct DotRenderer {
    nodes: BTreeMap<String, String>,
    edges: Vec<String>,
}

/// A DOT string literal: quotes and backslashes escaped, control characters dropped.
fn q(s: &str) -> String {
    let mut out = String::from("\"");
    for c in crate::sanitize::terminal_line(s).chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl Renderer for DotRenderer {
    fn document(&mut self, _out: &mut dyn Write, doc: &DocReport) -> io::Result<()> {
        for a in &doc.actors {
            let label = match &a.country {
                Some(c) => format!("{} [{c}]", a.name),
                None => a.name.clone(),
            };
            self.nodes.entry(a.id.clone()).or_insert(label);
        }
        for c in &doc.claims {
            let (Some(from), Some(to)) = (&c.claimant, &c.accused) else { continue };
            let color = match c.kind.as_str() {
                "accusation" | "counter_accusation" => "red",
                "denial" | "minimization" => "darkgreen",
                "responsibility" => "purple",
                _ => "blue",
            };
            self.edges.push(format!(
                "  {} -> {} [label={}, color={color}, fontcolor={color}, id={}];",
                q(from),
                q(to),
                q(&format!("{} ({})", c.kind, c.certainty)),
                q(&c.id)
            ));
            for r in &c.responds_to {
                self.edges.push(format!(
                    "  {} -> {} [style=dashed, arrowhead=empty, label=\"answers\"];",
                    q(&c.id),
                    q(r)
                ));
                self.nodes.entry(c.id.clone()).or_insert_with(|| c.kind.clone());
            }
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _run: &RunReport) -> io::Result<()> {
        writeln!(out, "digraph attrib {{")?;
        writeln!(out, "  rankdir=LR;")?;
        writeln!(out, "  node [shape=box, fontname=\"Helvetica\"];")?;
        for (id, label) in &self.nodes {
            let shape = if id.starts_with("c-") { ", shape=note" } else { "" };
            writeln!(out, "  {} [label={}{shape}];", q(id), q(label))?;
        }
        for e in &self.edges {
            writeln!(out, "{e}")?;
        }
        writeln!(out, "}}")
    }
}
