//! Compiles the lexicon (gazetteer and actor cue data files), the claim and evidence cues and
//! the scanner's tables once, at build time, into compact binaries that the program embeds and
//! decodes at start-up in a fraction of the time compiling takes. The library compiles them
//! from the same sources, and its tests check that the embedded copies equal fresh ones.

#[allow(dead_code)]
#[path = "src/lexicon/compile.rs"]
mod compile;
#[allow(dead_code)]
#[path = "src/lexicon/cues.rs"]
mod cues;
#[allow(dead_code)]
#[path = "src/lexicon/tables.rs"]
mod tables;
#[allow(dead_code)]
#[path = "src/lexicon/wordscan.rs"]
mod wordscan;

use std::path::Path;
#[allow(dead_code)]
#[path = "src/lang.rs"]
mod lang;
#[allow(dead_code)]
#[path = "src/lexicon/model.rs"]
mod model;

fn main() {
    for input in [
        "build.rs",
        "src/lang.rs",
        "src/lexicon/model.rs",
        "src/lexicon/compile.rs",
        "src/lexicon/cues.rs",
        "src/lexicon/tables.rs",
        "src/lexicon/wordscan.rs",
        "data/claim-cues.toml",
        "data/evidence-cues.toml",
        "data/groups.jsonl",
        "data/states.json",
        "data/states-extra.json",
        "data/organisations.toml",
        "data/roles.toml",
        "data/references.toml",
        "data/actor-cues.toml",
    ] {
        println!("cargo:rerun-if-changed={input}");
    }
    let lexicon = compile::compile().unwrap_or_else(|e| panic!("the lexicon data does not compile: {e}"));
    let cues = cues::Cues::build().unwrap_or_else(|e| panic!("the cue data does not compile: {e}"));
    let tables = tables::ScanTables::of(&lexicon, &cues);
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    write(&out.join("lexicon.bin"), &lexicon);
    write(&out.join("cues.bin"), &cues);
    write(&out.join("scan.bin"), &tables);
}

fn write<T: serde::Serialize>(path: &Path, value: &T) {
    let bytes = postcard::to_stdvec(value).expect("the tables serialise");
    std::fs::write(path, bytes).expect("OUT_DIR is writable");
}
