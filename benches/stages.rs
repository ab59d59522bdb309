//! Per-stage micro-benchmarks: what start-up compiles (lexicon, cues, scanner, indicator
//! patterns), and each stage of the pipeline per MB of statements: segmentation, the scan for
//! names and cues, recognition, claim extraction, indicators, evidence, the report, JSON Lines
//! rendering and run-level scoring. The text is every shipped statement (English and Chinese),
//! repeated to about 1 MB, analysed document by document as a run does.
//! Run with `cargo bench --bench stages`; end-to-end figures come from `benches/run.sh`.

use attrib::evidence::{self, Found};
use attrib::extract::extract_with_cues;
use attrib::ingest::{self, Document, Item, Options, Source};
use attrib::ioc;
use attrib::lexicon::cues::Cues;
use attrib::lexicon::scan::{Scanner, Want};
use attrib::lexicon::Lexicon;
use attrib::pipeline::{analyze_document, DocAnalysis};
use attrib::recognize::recognize_with_hits;
use attrib::render::{prerender, Format};
use attrib::report::DocReport;
use attrib::score::{Collected, DocRecords, RunScorer, Weights};
use attrib::segment::segment;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use std::hint::black_box;

/// The shipped statements, repeated until they hold about 1 MB of text.
fn corpus() -> Vec<Document> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let paths: Vec<_> = ["articles", "datasets/core", "scenarios"].iter().map(|d| root.join(d)).collect();
    let (sources, _) = ingest::collect_sources(&paths);
    let mut docs = Vec::new();
    for s in &sources {
        if matches!(s, Source::File(p) if p.extension().is_some_and(|e| e == "jsonl" || e == "py")) {
            continue;
        }
        ingest::read_source(s, &Options::default(), &mut |i| {
            if let Item::Document(d) = i {
                docs.push(d);
            }
        });
    }
    let one: usize = docs.iter().map(|d| d.text.len()).sum();
    let copies = (1 << 20) / one.max(1) + 1;
    (0..copies).flat_map(|_| docs.iter().cloned()).collect()
}

fn start_up(c: &mut Criterion) {
    let mut g = c.benchmark_group("start_up");
    g.sample_size(20);
    g.bench_function("lexicon_build", |b| b.iter(|| black_box(Lexicon::build().unwrap())));
    g.bench_function("cues_build", |b| b.iter(|| black_box(Cues::build().unwrap())));
    g.bench_function("scanner_build", |b| b.iter(|| black_box(Scanner::new(Lexicon::get(), Cues::get()))));
    g.bench_function("indicator_patterns_build", |b| b.iter(|| black_box(ioc::Extractor::new())));
    g.finish();
}

fn stages(c: &mut Criterion) {
    let docs = corpus();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let lex = Lexicon::get();
    let scanner = Scanner::get();
    let analyses: Vec<DocAnalysis> = docs.iter().map(analyze_document).collect();
    let reports: Vec<DocReport> = analyses.iter().map(DocReport::from_analysis).collect();
    let weights = Weights::default_weights();

    let mut g = c.benchmark_group("per_mb");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.bench_function("segment", |b| b.iter(|| docs.iter().map(|d| segment(&d.text).len()).sum::<usize>()));
    g.bench_function("scan", |b| {
        b.iter(|| docs.iter().map(|d| scanner.scan(&d.text, Want::ALL).lexicon.len()).sum::<usize>())
    });
    g.bench_function("recognize", |b| {
        b.iter(|| {
            analyses
                .iter()
                .map(|a| {
                    let s = scanner.scan(&a.doc.text, Want::ALL);
                    recognize_with_hits(&a.doc.text, &a.sentences, lex, &s.lexicon, &s.cues).mentions.len()
                })
                .sum::<usize>()
        })
    });
    g.bench_function("extract", |b| {
        b.iter(|| {
            analyses
                .iter()
                .map(|a| {
                    let s = scanner.scan(&a.doc.text, Want::ALL);
                    extract_with_cues(&a.doc.text, &a.sentences, &a.recognized, lex, None, s.cues).claims.len()
                })
                .sum::<usize>()
        })
    });
    g.bench_function("indicators", |b| {
        b.iter(|| docs.iter().map(|d| ioc::extractor().extract(&d.text).len()).sum::<usize>())
    });
    g.bench_function("evidence", |b| {
        b.iter(|| {
            analyses
                .iter()
                .map(|a| {
                    let found = Found { claims: &a.claims, speakers: &a.speakers, indicators: &a.indicators };
                    evidence::find(&a.doc.text, &a.sentences, &a.recognized, &found).len()
                })
                .sum::<usize>()
        })
    });
    g.bench_function("analyze_document", |b| {
        b.iter(|| docs.iter().map(|d| analyze_document(d).claims.len()).sum::<usize>())
    });
    g.bench_function("report", |b| {
        b.iter(|| analyses.iter().map(|a| DocReport::from_analysis(a).claims.len()).sum::<usize>())
    });
    g.bench_function("render_jsonl", |b| {
        b.iter(|| reports.iter().map(|r| prerender(Format::Jsonl, r).map_or(0, |p| p.bytes.len())).sum::<usize>())
    });
    g.bench_function("score", |b| {
        b.iter_batched(
            || RunScorer::new(&weights, 16 << 20),
            |mut run| {
                for r in &reports {
                    run.add(DocRecords::new(&r.claims, &r.evidence)).unwrap();
                }
                let mut out = Collected::default();
                run.finish(&mut out).unwrap();
                out.assessments.len()
            },
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

criterion_group!(benches, start_up, stages);
criterion_main!(benches);
