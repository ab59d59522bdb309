//! The claim graph of one document as inline SVG, laid out here without randomness: the actors
//! on an ellipse in order of first appearance, one arrow per claim from claimant to accused
//! (coloured by kind, numbered as in the claims table; several claims between the same two
//! actors bend apart, a claim on oneself is a loop), and a dashed arrow from each answer to the
//! claim it answers. All text is escaped.

use super::escape::{attr, attr_short, ident};
use super::kind_class;
use crate::report::DocReport;
use std::f64::consts::PI;
use std::fmt::Write;

const BADGE: f64 = 10.0;

struct Node {
    key: String,
    name: Vec<String>,
    note: String,
    title: String,
    x: f64,
    y: f64,
    hw: f64,
    hh: f64,
}

struct Bounds {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Bounds {
    fn add(&mut self, x: f64, y: f64) {
        self.x0 = self.x0.min(x);
        self.y0 = self.y0.min(y);
        self.x1 = self.x1.max(x);
        self.y1 = self.y1.max(y);
    }
}

/// The SVG figure for `doc`, or `None` when no claim names an actor. `prefix` makes the ids
/// unique in the page; claims are numbered as in the document's claims table.
pub fn svg(prefix: &str, doc: &DocReport) -> Option<String> {
    let label = |i: usize| format!("#{}", i + 1);
    let mut nodes: Vec<Node> = Vec::new();
    let mut ends: Vec<Option<(usize, usize)>> = Vec::new();
    for c in &doc.claims {
        if c.claimant.is_none() && c.accused.is_none() {
            ends.push(None);
            continue;
        }
        let mut side = |id: &Option<String>, name: &Option<String>, country: &Option<String>| -> usize {
            let key = id.clone().unwrap_or_else(|| "?".into());
            if let Some(i) = nodes.iter().position(|n| n.key == key) {
                return i;
            }
            let actor = id.as_ref().and_then(|id| doc.actors.iter().find(|a| &a.id == id));
            let (name, kind, country) = match actor {
                Some(a) => (a.name.clone(), a.kind.clone(), a.country.clone()),
                None => (name.clone().unwrap_or_else(|| "(unnamed)".into()), String::new(), country.clone()),
            };
            let note = [country.clone().unwrap_or_default(), kind.clone()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" \u{b7} ");
            let lines = wrap(&name, 24, 2);
            let w = lines.iter().map(|l| width(l, 8.0)).fold(width(&note, 6.4), f64::max) + 22.0;
            let h = 17.0 * lines.len() as f64 + if note.is_empty() { 10.0 } else { 24.0 };
            let title = if note.is_empty() { name.clone() } else { format!("{name} ({note})") };
            nodes.push(Node { key, name: lines, note, title, x: 0.0, y: 0.0, hw: w / 2.0, hh: h / 2.0 });
            nodes.len() - 1
        };
        let a = side(&c.claimant, &c.claimant_name, &c.claimant_country);
        let b = side(&c.accused, &c.accused_name, &c.accused_country);
        ends.push(Some((a, b)));
    }
    if nodes.is_empty() {
        return None;
    }
    place(&mut nodes);

    let mut b = Bounds { x0: f64::MAX, y0: f64::MAX, x1: f64::MIN, y1: f64::MIN };
    for n in &nodes {
        b.add(n.x - n.hw, n.y - n.hh);
        b.add(n.x + n.hw, n.y + n.hh);
    }
    // How many claims join each pair of nodes, and each claim's rank among them.
    let pair = |a: usize, b: usize| (a.min(b), a.max(b));
    let mut count: Vec<((usize, usize), usize)> = Vec::new();
    let mut rank = Vec::new();
    for e in &ends {
        let Some((a, b)) = *e else {
            rank.push(0);
            continue;
        };
        let p = pair(a, b);
        match count.iter_mut().find(|(q, _)| *q == p) {
            Some((_, n)) => {
                rank.push(*n);
                *n += 1;
            }
            None => {
                rank.push(0);
                count.push((p, 1));
            }
        }
    }

    let mut edges = String::new();
    let mut badges: Vec<Option<(f64, f64)>> = vec![None; doc.claims.len()];
    let mut kinds: Vec<&'static str> = Vec::new();
    for (i, c) in doc.claims.iter().enumerate() {
        let Some((from, to)) = ends[i] else { continue };
        let kind = kind_class(&c.kind);
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
        let (d, mid) = if from == to {
            self_loop(&nodes[from], rank[i], &mut b)
        } else {
            let total = count.iter().find(|(q, _)| *q == pair(from, to)).map_or(1, |x| x.1);
            arc(&nodes[from], &nodes[to], from < to, rank[i], total, &mut b)
        };
        badges[i] = Some(mid);
        let who = |n: &Option<String>| n.clone().unwrap_or_else(|| "(unnamed)".into());
        let _ = writeln!(
            edges,
            "<g class=\"edge {kind}\" data-claim-id=\"{}\"><title>{} {} ({}): {} \u{2192} {}</title>\
             <path d=\"{d}\" marker-end=\"url(#{prefix}-ah-{kind})\"/></g>",
            attr(&c.id),
            attr(&label(i)),
            attr(&c.kind.replace('_', "-")),
            attr(&c.certainty),
            attr_short(&who(&c.claimant_name), 80),
            attr_short(&who(&c.accused_name), 80),
        );
    }

    let mut answers = String::new();
    for (i, c) in doc.claims.iter().enumerate() {
        for r in &c.responds_to {
            let Some(j) = doc.claims.iter().position(|o| &o.id == r) else { continue };
            let (Some(p), Some(q)) = (badges[i], badges[j]) else { continue };
            let (dx, dy) = (q.0 - p.0, q.1 - p.1);
            let len = (dx * dx + dy * dy).sqrt();
            if len < 2.0 * BADGE + 8.0 {
                continue;
            }
            let (ux, uy) = (dx / len, dy / len);
            let s = (p.0 + ux * (BADGE + 2.0), p.1 + uy * (BADGE + 2.0));
            let e = (q.0 - ux * (BADGE + 3.0), q.1 - uy * (BADGE + 3.0));
            let bend = (len * 0.2).min(40.0);
            let ctl = ((s.0 + e.0) / 2.0 - uy * bend, (s.1 + e.1) / 2.0 + ux * bend);
            b.add(ctl.0, ctl.1);
            let _ = writeln!(
                answers,
                "<g class=\"answer\" data-from=\"{}\" data-to=\"{}\"><title>{} answers {}</title>\
                 <path d=\"M{:.1},{:.1} Q{:.1},{:.1} {:.1},{:.1}\" marker-end=\"url(#{prefix}-ah-answer)\"/></g>",
                attr(&c.id),
                attr(r),
                attr(&label(i)),
                attr(&label(j)),
                s.0,
                s.1,
                ctl.0,
                ctl.1,
                e.0,
                e.1
            );
        }
    }

    let mut boxes = String::new();
    for n in &nodes {
        let top = n.y - n.hh;
        let _ = write!(
            boxes,
            "<g class=\"node\" data-actor-id=\"{}\"><title>{}</title>\
             <rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"7\"/>",
            attr(&n.key),
            attr(&n.title),
            n.x - n.hw,
            top,
            2.0 * n.hw,
            2.0 * n.hh
        );
        for (k, line) in n.name.iter().enumerate() {
            let _ = write!(
                boxes,
                "<text class=\"name\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
                n.x,
                top + 18.0 + 17.0 * k as f64,
                attr(line)
            );
        }
        if !n.note.is_empty() {
            let _ = write!(
                boxes,
                "<text class=\"note\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
                n.x,
                top + 17.0 * n.name.len() as f64 + 17.0,
                attr(&n.note)
            );
        }
        boxes.push_str("</g>\n");
    }

    let mut numbers = String::new();
    for (i, c) in doc.claims.iter().enumerate() {
        let Some((x, y)) = badges[i] else { continue };
        b.add(x - BADGE, y - BADGE);
        b.add(x + BADGE, y + BADGE);
        let _ = writeln!(
            numbers,
            "<g class=\"badge {}\" data-claim-id=\"{}\"><title>{} {}</title><circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{BADGE}\"/>\
             <text x=\"{x:.1}\" y=\"{:.1}\">{}</text></g>",
            kind_class(&c.kind),
            attr(&c.id),
            attr(&label(i)),
            attr(&c.kind.replace('_', "-")),
            y + 4.0,
            i + 1
        );
    }

    let pad = 14.0;
    let (x0, y0) = (b.x0 - pad, b.y0 - pad);
    let (w, h) = (b.x1 - b.x0 + 2.0 * pad, b.y1 - b.y0 + 2.0 * pad);
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"graph\" viewBox=\"{x0:.1} {y0:.1} {w:.1} {h:.1}\" \
         width=\"{w:.0}\" height=\"{h:.0}\" role=\"img\" aria-labelledby=\"{prefix}-graph-title\">\n\
         <title id=\"{prefix}-graph-title\">Claim graph: {} actors, {} claims</title>\n<defs>\n",
        nodes.len(),
        ends.iter().flatten().count()
    );
    kinds.push("answer");
    for k in kinds {
        let _ = writeln!(
            s,
            "<marker id=\"{prefix}-ah-{k}\" class=\"ah {k}\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" \
             markerWidth=\"9\" markerHeight=\"9\" markerUnits=\"userSpaceOnUse\" orient=\"auto\">\
             <path d=\"M0,0 L10,5 L0,10 z\"/></marker>"
        );
    }
    s.push_str("</defs>\n");
    s.push_str(&edges);
    s.push_str(&answers);
    s.push_str(&boxes);
    s.push_str(&numbers);
    s.push_str("</svg>");
    // Ids made from data never reach the markup unescaped; the prefix is ours.
    debug_assert_eq!(ident(prefix), prefix);
    Some(s)
}

/// Positions: one node in the middle, two side by side, more on an ellipse from the left, clockwise.
fn place(nodes: &mut [Node]) {
    let n = nodes.len();
    match n {
        1 => {}
        2 => {
            let gap = (nodes[0].hw + nodes[1].hw + 200.0).max(420.0);
            nodes[0].x = -gap / 2.0;
            nodes[1].x = gap / 2.0;
        }
        _ => {
            let widest = nodes.iter().map(|n| n.hw).fold(0.0, f64::max);
            let rx = (170.0 + 30.0 * n as f64).min(460.0) + widest * 0.6;
            let ry = (90.0 + 20.0 * n as f64).min(280.0);
            for (i, node) in nodes.iter_mut().enumerate() {
                let t = PI + 2.0 * PI * i as f64 / n as f64;
                node.x = rx * t.cos();
                node.y = ry * t.sin();
            }
        }
    }
}

/// The point where the ray from the centre of `n` towards (x, y) leaves its box, plus `gap`.
fn exit(n: &Node, x: f64, y: f64, gap: f64) -> (f64, f64) {
    let (dx, dy) = (x - n.x, y - n.y);
    let len = (dx * dx + dy * dy).sqrt().max(1e-9);
    let t = (n.hw / dx.abs().max(1e-9)).min(n.hh / dy.abs().max(1e-9));
    (n.x + dx * t + dx / len * gap, n.y + dy * t + dy / len * gap)
}

/// A claim between two nodes: straight when it is the only one, else bent to its own side.
/// `forward` says whether it runs from the lower-numbered node, so the bends of two claims in
/// opposite directions do not coincide. Returns the path and its midpoint.
fn arc(p: &Node, q: &Node, forward: bool, rank: usize, total: usize, b: &mut Bounds) -> (String, (f64, f64)) {
    let (a, z) = if forward { (p, q) } else { (q, p) };
    let (dx, dy) = (z.x - a.x, z.y - a.y);
    let len = (dx * dx + dy * dy).sqrt().max(1e-9);
    let (nx, ny) = (-dy / len, dx / len);
    let offset = (rank as f64 - (total as f64 - 1.0) / 2.0) * 46.0;
    let (mx, my) = ((p.x + q.x) / 2.0, (p.y + q.y) / 2.0);
    let ctl = (mx + nx * offset * 2.0, my + ny * offset * 2.0);
    let s = exit(p, ctl.0, ctl.1, 3.0);
    let e = exit(q, ctl.0, ctl.1, 4.0);
    b.add(ctl.0, ctl.1);
    let mid = (0.25 * s.0 + 0.5 * ctl.0 + 0.25 * e.0, 0.25 * s.1 + 0.5 * ctl.1 + 0.25 * e.1);
    (format!("M{:.1},{:.1} Q{:.1},{:.1} {:.1},{:.1}", s.0, s.1, ctl.0, ctl.1, e.0, e.1), mid)
}

/// A claim an actor makes about itself: a loop on the outer side of its box.
fn self_loop(n: &Node, rank: usize, b: &mut Bounds) -> (String, (f64, f64)) {
    let len = (n.x * n.x + n.y * n.y).sqrt();
    let (ux, uy) = if len < 1.0 { (0.0, -1.0) } else { (n.x / len, n.y / len) };
    let rot = |a: f64| (ux * a.cos() - uy * a.sin(), ux * a.sin() + uy * a.cos());
    let (r1, r2) = (rot(-0.45), rot(0.45));
    let far = 80.0 + 34.0 * rank as f64;
    let s = exit(n, n.x + r1.0 * 1000.0, n.y + r1.1 * 1000.0, 3.0);
    let e = exit(n, n.x + r2.0 * 1000.0, n.y + r2.1 * 1000.0, 4.0);
    let c1 = (s.0 + (r1.0 + ux) * far * 0.6, s.1 + (r1.1 + uy) * far * 0.6);
    let c2 = (e.0 + (r2.0 + ux) * far * 0.6, e.1 + (r2.1 + uy) * far * 0.6);
    b.add(c1.0, c1.1);
    b.add(c2.0, c2.1);
    let mid = ((s.0 + 3.0 * c1.0 + 3.0 * c2.0 + e.0) / 8.0, (s.1 + 3.0 * c1.1 + 3.0 * c2.1 + e.1) / 8.0);
    (format!("M{:.1},{:.1} C{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}", s.0, s.1, c1.0, c1.1, c2.0, c2.1, e.0, e.1), mid)
}

/// Estimated width of `s` in pixels: wide (CJK) characters count double.
fn width(s: &str, unit: f64) -> f64 {
    s.chars().map(|c| if is_wide(c) { 1.9 * unit } else { unit }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// Word wrap to `max` columns (wide characters count two) and at most `lines` lines, the last
/// cut with an ellipsis when the text is longer.
fn wrap(s: &str, max: usize, lines: usize) -> Vec<String> {
    let cols = |c: char| if is_wide(c) { 2 } else { 1 };
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut used = 0;
    for word in s.split_whitespace() {
        let w: usize = word.chars().map(cols).sum();
        if used > 0 && used + 1 + w > max {
            out.push(std::mem::take(&mut cur));
            used = 0;
        }
        if used > 0 {
            cur.push(' ');
            used += 1;
        }
        for c in word.chars() {
            if used + cols(c) > max {
                out.push(std::mem::take(&mut cur));
                used = 0;
            }
            cur.push(c);
            used += cols(c);
        }
    }
    if !cur.is_empty() || out.is_empty() {
        out.push(cur);
    }
    if out.len() > lines {
        out.truncate(lines);
        if let Some(last) = out.last_mut() {
            while last.chars().map(cols).sum::<usize>() + 1 > max {
                last.pop();
            }
            *last = format!("{}\u{2026}", last.trim_end());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_to_two_lines() {
        assert_eq!(wrap("Ministry of State Security", 24, 2), vec!["Ministry of State", "Security"]);
        assert_eq!(
            wrap("Foreign, Commonwealth and Development Office of the United Kingdom", 24, 2),
            vec!["Foreign, Commonwealth", "and Development Office\u{2026}"]
        );
        assert_eq!(wrap("", 24, 2), vec![""]);
        assert_eq!(wrap("中华人民共和国国家安全部网络安全局", 24, 2), vec!["中华人民共和国国家安全部", "网络安全局"]);
        assert_eq!(
            wrap("中华人民共和国国家安全部网络安全局国家安全部网络安全", 24, 2),
            vec!["中华人民共和国国家安全部", "网络安全局国家安全部网\u{2026}"]
        );
    }
}
