//! Prints, sentence by sentence, the actor mentions and claim cues attrib sees in a text file,
//! then the claims it makes: a tool for finding out why a claim was or was not found.
//! `cargo run --release --example trace -- FILE`

use attrib::ingest::Document;
use attrib::lexicon::cues::Cues;
use attrib::pipeline::analyze_document;

fn main() {
    let path = std::env::args().nth(1).expect("usage: trace FILE");
    let text = std::fs::read_to_string(&path).expect("readable UTF-8 file");
    let doc = Document::from_text(&path, &text);
    let a = analyze_document(&doc);
    let cues = Cues::get().scan(&a.doc.text);
    let t = &a.doc.text;
    for (i, s) in a.sentences.iter().enumerate() {
        println!("[{i}] {}", s.span.slice(t).replace('\n', " "));
        for m in a.recognized.mentions.iter().filter(|m| m.sentence == i) {
            let actor = &a.recognized.actors[m.actor].actor;
            println!("    actor {:?} = {} ({:?}, {:?})", m.span.slice(t), actor.id, actor.kind, m.via);
        }
        let hits: Vec<String> = cues
            .iter()
            .filter(|c| c.start >= s.span.start && c.start < s.span.end)
            .map(|c| format!("{:?}:{:?}", c.cue, &t[c.start..c.end]))
            .collect();
        if !hits.is_empty() {
            println!("    cues {}", hits.join(" "));
        }
        for c in a.claims.iter().filter(|c| c.sentence == i) {
            let name = |x: Option<usize>| x.map_or("-".to_string(), |k| a.recognized.actors[k].actor.id.clone());
            println!("    CLAIM {} {} -> {} {:?}", c.kind.as_str(), name(c.claimant), name(c.accused), c.cues);
        }
    }
}
