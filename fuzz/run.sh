#!/usr/bin/env bash
# Runs the fuzz targets one after another, each for SECONDS (default 600), seeding each corpus
# from the fixtures, and prints the executions each reached. cargo-fuzz needs a nightly
# compiler; on a stable one, RUSTC_BOOTSTRAP=1 lets it use the nightly-only flags.
#   fuzz/run.sh [SECONDS] [TARGET...]      (FUZZ_MAX_LEN: the longest input, default 16384)
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-600}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(ingest_text ingest_markdown ingest_html ingest_json ingest_jsonl segment iocs analyze)
fi
export RUSTC_BOOTSTRAP="${RUSTC_BOOTSTRAP:-1}"
# Built once, then run directly: editing the sources during a long run rebuilds nothing.
[ -n "${FUZZ_NO_BUILD:-}" ] || cargo fuzz build -O
bin=fuzz/target/x86_64-unknown-linux-gnu/release
seed() {
    local dir="fuzz/corpus/$1"
    shift
    mkdir -p "$dir"
    for f in "$@"; do
        [ -f "$f" ] && cp -n "$f" "$dir/$(basename "$f")" || true
    done
}
for t in "${targets[@]}"; do
    case "$t" in
        ingest_text | segment | iocs) seed "$t" fixtures/articles/*.txt fixtures/ingest/*.txt ;;
        ingest_markdown) seed "$t" fixtures/articles/*.md fixtures/ingest/*.md ;;
        ingest_html) seed "$t" fixtures/articles/*.html fixtures/ingest/*.html ;;
        ingest_json) seed "$t" fixtures/ingest/*.json ;;
        ingest_jsonl) seed "$t" fixtures/ingest/*.jsonl fixtures/ingest/*.ndjson ;;
        analyze) seed "$t" fixtures/articles/* fixtures/ingest/* ;;
    esac
    log="fuzz/artifacts/$t.log"
    mkdir -p "fuzz/artifacts/$t"
    status=0
    "$bin/$t" "fuzz/corpus/$t" -artifact_prefix="fuzz/artifacts/$t/" -max_total_time="$secs" \
        -max_len="${FUZZ_MAX_LEN:-16384}" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1 || status=$?
    execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo "?")
    echo "$t: exit $status, $execs executions in ${secs}s, coverage $cov"
done
