//! Times building the lexicon once, as a fresh process does at start-up.
use std::time::Instant;
fn main() {
    let t = Instant::now();
    let l = attrib::lexicon::Lexicon::build().unwrap();
    let t1 = t.elapsed();
    let t = Instant::now();
    let _c = attrib::lexicon::cues::Cues::build().unwrap();
    eprintln!("lexicon {:?} ({} patterns), claim cues {:?}", t1, l.patterns.len(), t.elapsed());
}
