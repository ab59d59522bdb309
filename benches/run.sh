#!/usr/bin/env bash
# Speed and scale of attrib, end to end: generates a corpus (examples/gencorpus.rs), times the
# release binary on it and prints a table (MB/s, documents/s, peak RSS, start-up time), then
# runs `attrib iocs` side by side with the Python extractors iocextract, ioc-finder and
# iocsearcher (installed into a venv under target/) and scores all of them against the corpus's
# ground truth (benches/iocs_compare.py).
#
#   benches/run.sh            # the full run: 50 MB corpora, a 1 GiB streaming run, the peers
#   benches/run.sh --smoke    # a tiny corpus, no peers, no big run: a check that it all works
#
# Environment: MB (size of each corpus, default 50), BIG_MB (the streaming run, default 1024;
# 0 skips it), IOC_MB (the corpus the peers are compared on, default 4: they are slow),
# RUNS (timed runs per measurement, default 5), PEERS=0 skips the peers, SEED (default 1).
# Timing uses hyperfine when it is installed (Debian: apt-get install hyperfine), else repeated
# /usr/bin/time; peak RSS always comes from /usr/bin/time. Work files go to target/bench/.
set -euo pipefail
cd "$(dirname "$0")/.."

SMOKE=0
[ "${1:-}" = "--smoke" ] && SMOKE=1
if [ "$SMOKE" = 1 ]; then
    MB=${MB:-1} BIG_MB=${BIG_MB:-0} IOC_MB=${IOC_MB:-0.5} RUNS=${RUNS:-2} PEERS=${PEERS:-0}
else
    MB=${MB:-50} BIG_MB=${BIG_MB:-1024} IOC_MB=${IOC_MB:-4} RUNS=${RUNS:-5} PEERS=${PEERS:-1}
fi
SEED=${SEED:-1}
WORK=target/bench
mkdir -p "$WORK"
BIN=target/release/attrib
GEN=target/release/examples/gencorpus
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "benches/run.sh: needs GNU time (/usr/bin/time; Debian package: time)" >&2; exit 2; }

echo "== building the release binary and the corpus generator" >&2
cargo build --release --quiet --bin attrib --example gencorpus

# A corpus: gen NAME MB LANG [--no-txt]; kept between runs while its parameters are unchanged.
gen() {
    local dir="$WORK/$1" stamp="$2 $3 $SEED ${4:-} $(stat -c %Y "$GEN")"
    if [ "$(cat "$dir/.stamp" 2>/dev/null)" != "$stamp" ]; then
        rm -rf "$dir"
        "$GEN" --out "$dir" --mb "$2" --lang "$3" --seed "$SEED" ${4:-} 2>/dev/null
        echo "$stamp" > "$dir/.stamp"
    fi
}
echo "== generating corpora ($MB MB each)" >&2
gen en "$MB" en --no-txt
gen zh "$MB" zh --no-txt
gen mix "$MB" mix
gen ioc "$IOC_MB" mix
# Write the new corpora out now, so that the kernel's writing them back does not run during the
# timings; the start-up measurement, which comes first, gets a few warm-up runs as well.
sync

text_mb() { # MB of document text in a corpus (what the throughput is per)
    python3 -c 'import json,sys; print(sum(len(json.loads(l)["text"].encode()) for l in open(sys.argv[1])) / 1048576)' "$1"
}
docs() { wc -l < "$1" | tr -d ' '; }

ROWS="$WORK/rows.tsv"
: > "$ROWS"
# measure LABEL MB DOCS COMMAND...: mean wall time over RUNS, CPU time, peak RSS.
measure() {
    local label=$1 mb=$2 ndocs=$3
    shift 3
    local mean sd cpu
    if command -v hyperfine >/dev/null; then
        hyperfine -N --warmup "${WARMUP:-1}" --runs "$RUNS" --output null --export-json "$WORK/h.json" "$*" >/dev/null 2>&1
        read -r mean sd cpu < <(python3 -c 'import json; r = json.load(open("'"$WORK"'/h.json"))["results"][0]; print(r["mean"], r["stddev"] or 0, r["user"] + r["system"])')
    else
        local times=()
        "$@" > /dev/null 2>&1 || true
        for _ in $(seq "$RUNS"); do
            $TIME -o "$WORK/time.txt" -f '%e %U %S' "$@" > /dev/null 2>&1 || true
            times+=("$(tail -1 "$WORK/time.txt")")
        done
        read -r mean sd cpu < <(printf '%s\n' "${times[@]}" | awk '{w+=$1; ww+=$1*$1; c+=$2+$3; n++} END {m=w/n; v=ww/n-m*m; if (v<0) v=0; print m, sqrt(v), c/n}')
    fi
    local rss
    $TIME -o "$WORK/time.txt" -f '%M' "$@" > /dev/null 2>&1 || true
    rss=$(tail -1 "$WORK/time.txt")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$mb" "$ndocs" "$mean" "$sd" "$cpu" "$rss" >> "$ROWS"
}

EN_MB=$(text_mb "$WORK/en/corpus.jsonl"); EN_DOCS=$(docs "$WORK/en/corpus.jsonl")
ZH_MB=$(text_mb "$WORK/zh/corpus.jsonl"); ZH_DOCS=$(docs "$WORK/zh/corpus.jsonl")
MIX_MB=$(text_mb "$WORK/mix/corpus.jsonl"); MIX_DOCS=$(docs "$WORK/mix/corpus.jsonl")
SEEDDOC=fixtures/articles/anonymous64-taiwan.txt
SEED_MB=$(python3 -c "import os; print(os.path.getsize('$SEEDDOC') / 1048576)")

echo "== timing ($RUNS runs each)" >&2
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
RUNS_SAVED=$RUNS; RUNS=$((RUNS * 10))
WARMUP=5 measure "start-up + analysis of $SEEDDOC (text)" "$SEED_MB" 1 "$BIN" analyze --no-config "$SEEDDOC"
RUNS=$RUNS_SAVED
measure "analyze --format jsonl, English JSON Lines, --threads 1" "$EN_MB" "$EN_DOCS" "$BIN" analyze --no-config --format jsonl --threads 1 "$WORK/en/corpus.jsonl"
measure "analyze --format jsonl, English JSON Lines, --threads 2" "$EN_MB" "$EN_DOCS" "$BIN" analyze --no-config --format jsonl --threads 2 "$WORK/en/corpus.jsonl"
measure "analyze --format jsonl, Chinese JSON Lines, --threads 1" "$ZH_MB" "$ZH_DOCS" "$BIN" analyze --no-config --format jsonl --threads 1 "$WORK/zh/corpus.jsonl"
measure "analyze --format jsonl, mixed .txt files, --threads 2" "$MIX_MB" "$MIX_DOCS" "$BIN" analyze --no-config --format jsonl --threads 2 "$WORK/mix/txt"
measure "iocs --format csv, mixed JSON Lines (one thread)" "$MIX_MB" "$MIX_DOCS" "$BIN" iocs --format csv "$WORK/mix/corpus.jsonl"

IDENTICAL=no
if cmp -s <("$BIN" analyze --no-config --format jsonl --threads 1 "$WORK/en/corpus.jsonl") \
          <("$BIN" analyze --no-config --format jsonl --threads 2 "$WORK/en/corpus.jsonl"); then
    IDENTICAL=yes
fi

if [ "$BIG_MB" != 0 ]; then
    echo "== the streaming run ($BIG_MB MB)" >&2
    gen big "$BIG_MB" en --no-txt
    BIG_TEXT_MB=$(text_mb "$WORK/big/corpus.jsonl"); BIG_DOCS=$(docs "$WORK/big/corpus.jsonl")
    RUNS_SAVED=$RUNS; RUNS=1; WARMUP=0
    measure "analyze --format jsonl, $BIG_MB MB English JSON Lines, --threads 2 (streaming)" "$BIG_TEXT_MB" "$BIG_DOCS" "$BIN" analyze --no-config --format jsonl --threads 2 "$WORK/big/corpus.jsonl"
    RUNS=$RUNS_SAVED
fi
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

echo
echo "attrib $("$BIN" --version | awk '{print $2}') ($(git rev-parse --short HEAD 2>/dev/null || echo '?')) on $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p' | head -1)), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "load average before/after: $LOAD_BEFORE / $LOAD_AFTER (other work on the machine slows wall times; CPU MB/s is MB per CPU-second)"
echo
python3 - "$ROWS" <<'EOF'
import sys
print("| measurement | MB | docs | wall s (mean ± sd) | MB/s | docs/s | CPU MB/s | peak RSS MiB |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for line in open(sys.argv[1]):
    label, mb, docs, mean, sd, cpu, rss = line.rstrip("\n").split("\t")
    mb, docs, mean, sd, cpu, rss = float(mb), int(docs), float(mean), float(sd), float(cpu), int(rss)
    wall = f"{mean * 1000:.1f} ms ± {sd * 1000:.1f}" if mean < 1 else f"{mean:.2f} ± {sd:.2f}"
    print(f"| {label} | {mb:.1f} | {docs} | {wall} | {mb / mean:.1f} | {docs / mean:.0f} | {mb / cpu if cpu else 0:.1f} | {rss / 1024:.1f} |")
EOF
echo
echo "Output of --threads 1 and --threads 2 byte-identical: $IDENTICAL"

if [ "$PEERS" = 1 ]; then
    echo "== the peers (venv in $WORK/venv)" >&2
    if [ ! -x "$WORK/venv/bin/python" ]; then
        python3 -m venv "$WORK/venv"
    fi
    "$WORK/venv/bin/python" -m pip install --quiet --disable-pip-version-check \
        "iocextract==1.16.1" "requests==2.34.2" "ioc-finder==9.4.1" "iocsearcher==3.1.0" >&2
    echo
    "$WORK/venv/bin/python" benches/iocs_compare.py --corpus "$WORK/ioc" --attrib "$BIN" --runs "$RUNS"
fi
if [ "$IDENTICAL" != yes ]; then
    echo "benches/run.sh: output differs between --threads 1 and --threads 2" >&2
    exit 1
fi
