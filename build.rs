//! Compiles the lexicon (gazetteer and actor cue data files) once, at build time, into a
//! compact binary that the program embeds and decodes at start-up in a fraction of the time
//! the compilation takes. The same source compiles it in the library, where tests check that
//! the embedded copy equals a fresh compilation.

#[allow(dead_code)]
#[path = "src/lexicon/compile.rs"]
mod compile;
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
    let lexicon = match compile::compile() {
        Ok(l) => l,
        Err(e) => panic!("the lexicon data does not compile: {e}"),
    };
    let bytes = postcard::to_stdvec(&lexicon).expect("the lexicon serialises");
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("lexicon.bin"), bytes).expect("OUT_DIR is writable");
}
