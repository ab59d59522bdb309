//! The closing of a table-driven test: counts printed, known gaps listed (and flagged when they
//! pass now), every failure shown at once, and the table's size and pass-rate floors asserted.

/// A case marked as a known gap: its name, what is missing, and whether it passes now.
pub struct Gap<'a> {
    pub name: &'a str,
    pub reason: &'a str,
    pub passes_now: bool,
}

/// Asserts that no two cases of a table share a name.
pub fn unique_names<'a>(names: impl IntoIterator<Item = &'a str>) {
    let mut seen = std::collections::HashSet::new();
    for n in names {
        assert!(seen.insert(n), "duplicate case name {n}");
    }
}

/// Prints the tally and asserts the floors: at least `min_total` cases, at most `max_gaps`
/// known gaps, no failure, and at least `min_passing` (a fraction) of the cases passing.
#[allow(clippy::print_stdout)]
pub fn finish(
    what: &str,
    total: usize,
    gaps: &[Gap],
    failures: &[String],
    min_total: usize,
    max_gaps: usize,
    min_passing: f64,
) {
    let passing = total - gaps.len() - failures.len();
    println!("{what} cases: {total}, passing: {passing}, known gaps: {}, failing: {}", gaps.len(), failures.len());
    for g in gaps {
        println!("  known gap {}: {}", g.name, g.reason);
    }
    // A known gap that now passes should be promoted to a plain case.
    for g in gaps.iter().filter(|g| g.passes_now) {
        println!("  known gap {} passes now: drop its known_gap", g.name);
    }
    assert!(total >= min_total, "the table should hold at least {min_total} cases, has {total}");
    assert!(gaps.len() <= max_gaps, "at most {max_gaps} known gaps, have {}", gaps.len());
    assert!(
        failures.is_empty() && passing as f64 >= total as f64 * min_passing,
        "{} of {total} {what} cases failed ({passing} pass, {} known gaps):\n\n{}\n",
        failures.len(),
        gaps.len(),
        failures.join("\n\n")
    );
}
