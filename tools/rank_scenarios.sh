#!/usr/bin/env bash
# Scores each statement of fixtures/scenarios with the release binary and compares the ranking
# with the intended order (fixtures/scenarios/order.txt): prints each score and Spearman's rho.
# The test `ranking` (tests/it/ranking.rs) asserts the same rho is at least 0.9.
# Usage: tools/rank_scenarios.sh   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
python3 - <<'PY'
import json, subprocess
order = [l.strip() for l in open("fixtures/scenarios/order.txt") if l.strip() and not l.startswith("#")]
scores = []
for f in order:
    out = subprocess.run(["target/release/attrib", "analyze", "--format", "json", "--no-config",
                          "fixtures/scenarios/" + f], capture_output=True, text=True).stdout
    a = json.loads(out)["assessments"]
    s = max((x["score"] for x in a), default=0)
    scores.append(s)
    print(f"{s:4d}  {f}")
def ranks(xs):
    idx = sorted(range(len(xs)), key=lambda i: xs[i])
    r = [0.0] * len(xs)
    i = 0
    while i < len(idx):
        j = i
        while j + 1 < len(idx) and xs[idx[j + 1]] == xs[idx[i]]:
            j += 1
        for k in range(i, j + 1):
            r[idx[k]] = (i + j) / 2 + 1
        i = j + 1
    return r
n = len(order)
a, b = list(range(1, n + 1)), ranks(scores)
ma, mb = sum(a) / n, sum(b) / n
cov = sum((x - ma) * (y - mb) for x, y in zip(a, b))
va = sum((x - ma) ** 2 for x in a) ** 0.5
vb = sum((y - mb) ** 2 for y in b) ** 0.5
print(f"Spearman rho = {cov / (va * vb) if vb else 0:.3f} over {n} scenarios (target >= 0.9)")
PY
