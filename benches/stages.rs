//! Per-stage micro-benchmarks: building the lexicon, and each stage of the pipeline per MB of
//! news-like text. Run with `cargo bench --bench stages`.

use attrib::extract::extract;
use attrib::ingest::Document;
use attrib::lexicon::cues::Cues;
use attrib::lexicon::Lexicon;
use attrib::pipeline::analyze_document;
use attrib::recognize::recognize;
use attrib::segment::segment;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

const ARTICLE: &str = include_str!("../fixtures/articles/anonymous64-taiwan.txt");

/// About 1 MB of text made of the shipped article repeated, paragraphs kept apart.
fn corpus() -> String {
    let mut s = String::with_capacity(1 << 20);
    while s.len() < 1 << 20 {
        s.push_str(ARTICLE);
        s.push_str("\n\n");
    }
    s
}

fn lexicon(c: &mut Criterion) {
    c.bench_function("lexicon_build", |b| b.iter(|| black_box(Lexicon::build().unwrap())));
    c.bench_function("claim_cues_build", |b| b.iter(|| black_box(Cues::build().unwrap())));
}

fn stages(c: &mut Criterion) {
    let text = corpus();
    let lex = Lexicon::get();
    let sentences = segment(&text);
    let rec = recognize(&text, &sentences, lex);
    let mut g = c.benchmark_group("per_mb");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(10);
    g.bench_function("segment", |b| b.iter(|| black_box(segment(&text))));
    g.bench_function("recognize", |b| b.iter(|| black_box(recognize(&text, &sentences, lex))));
    g.bench_function("extract", |b| b.iter(|| black_box(extract(&text, &sentences, &rec, lex, None))));
    let doc = Document::from_text("bench", &text);
    g.bench_function("analyze_document", |b| b.iter(|| black_box(analyze_document(&doc))));
    g.finish();
}

criterion_group!(benches, lexicon, stages);
criterion_main!(benches);
