#!/usr/bin/env python3
"""Indicator extraction side by side: `attrib iocs` and the Python extractors iocextract,
ioc-finder and iocsearcher on one generated corpus (examples/gencorpus.rs), scored against the
corpus's ground truth. Called by benches/run.sh; run it with the Python of the peers' venv.

  iocs_compare.py --corpus DIR --attrib BIN [--tools attrib,iocextract,ioc-finder,iocsearcher]
                  [--runs N] [--json FILE]

Throughput: attrib is timed end to end as a process (start-up, reading and parsing the JSON
Lines file, extraction, writing CSV), best of --runs; a peer is timed on its extraction calls
alone, one document at a time, texts already in memory (which favours the peers).

Quality: per document, the distinct (kind, value) pairs a tool reports are compared with the
truth's, values normalised the same way for every tool (refanged, host and hash lower-cased,
CVE upper-cased). Recall is split by how the indicator was written (plain or defanged).
A host or IP that a tool reports besides the URL or e-mail address it belongs to is not counted
against it (attrib reports the URL only; some peers report both). A peer is scored only on the
kinds it extracts.
"""
import argparse
import csv
import io
import json
import os
import re
import subprocess
import sys
import time
from collections import defaultdict

KINDS = [
    "ipv4", "ipv6", "domain", "url", "email", "md5", "sha1", "sha256", "sha512", "cve",
    "attack_technique", "bitcoin", "ethereum", "registry_key", "file_path", "handle",
]

# ---------------------------------------------------------------------------------------------
# normalisation, the same for every tool

_REFANG = [
    (re.compile(r"^h(?:xx|XX|tt)p", re.I), "http"),
    (re.compile(r"\[:\]//|\[://\]"), "://"),
    (re.compile(r"\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\}", re.I), "."),
    (re.compile(r"\[at\]|\(at\)|\{at\}|\[@\]|\(@\)", re.I), "@"),
]


def refang(v):
    for rx, rep in _REFANG:
        v = rx.sub(rep, v)
    return v


def norm(kind, v):
    v = refang(v.strip())
    if kind in ("ipv4", "ipv6", "domain", "md5", "sha1", "sha256", "sha512", "ethereum"):
        return v.lower()
    if kind in ("cve", "attack_technique"):
        return v.upper()
    if kind == "email":
        local, _, dom = v.rpartition("@")
        return f"{local}@{dom.lower()}"
    if kind == "url":
        m = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*://)([^/?#]*)(.*)$", v)
        if m:
            return m.group(1).lower() + m.group(2).lower() + m.group(3)
        return v
    return v


def url_host(u):
    m = re.match(r"^[a-z][a-z0-9+.-]*://([^/?#:]*)", u)
    return m.group(1) if m else None


# ---------------------------------------------------------------------------------------------
# the tools


def run_attrib(binary, corpus, runs):
    path = os.path.join(corpus, "corpus.jsonl")
    best = None
    out = None
    for _ in range(runs):
        t = time.perf_counter()
        p = subprocess.run([binary, "iocs", "--format", "csv", path], capture_output=True, check=True)
        dt = time.perf_counter() - t
        best = dt if best is None else min(best, dt)
        out = p.stdout
    found = defaultdict(set)
    for row in csv.DictReader(io.StringIO(out.decode("utf-8"))):
        value = row["value"]
        if value[:1] == "'" and value[1:2] in ("=", "+", "-", "@"):
            value = value[1:]  # the CSV cell was guarded against spreadsheet formulas
        found[row["doc"]].add((row["kind"], norm(row["kind"], value)))
    return found, best


def peer_iocextract():
    import iocextract

    kinds = {"ipv4", "ipv6", "url", "email", "md5", "sha1", "sha256", "sha512"}

    def run(text):
        out = set()
        for u in iocextract.extract_urls(text, refang=True):
            out.add(("url", u))
        for ip in iocextract.extract_ipv4s(text, refang=True):
            out.add(("ipv4", ip))
        for ip in iocextract.extract_ipv6s(text):
            out.add(("ipv6", ip))
        for e in iocextract.extract_emails(text, refang=True):
            out.add(("email", e))
        for k, f in (("md5", iocextract.extract_md5_hashes), ("sha1", iocextract.extract_sha1_hashes),
                     ("sha256", iocextract.extract_sha256_hashes), ("sha512", iocextract.extract_sha512_hashes)):
            for h in f(text):
                out.add((k, h))
        return out

    return kinds, run


def peer_ioc_finder():
    from ioc_finder import find_iocs

    names = {
        "ipv4s": "ipv4", "ipv6s": "ipv6", "domains": "domain", "urls": "url", "email_addresses": "email",
        "md5s": "md5", "sha1s": "sha1", "sha256s": "sha256", "sha512s": "sha512", "cves": "cve",
        "bitcoin_addresses": "bitcoin", "registry_key_paths": "registry_key", "file_paths": "file_path",
    }
    kinds = set(names.values()) | {"attack_technique"}

    def run(text):
        # each indicator once: no domains taken out of URLs and e-mail addresses, no scheme-less URLs
        r = find_iocs(text, parse_domain_from_url=False, parse_domain_from_email_address=False,
                      parse_urls_without_scheme=False)
        out = set()
        for key, kind in names.items():
            for v in r.get(key, []) or []:
                out.add((kind, v))
        tech = r.get("attack_techniques") or {}
        for vals in (tech.values() if isinstance(tech, dict) else [tech]):
            for v in vals:
                out.add(("attack_technique", v))
        return out

    return kinds, run


def peer_iocsearcher():
    from iocsearcher.searcher import Searcher

    names = {
        "ip4": "ipv4", "ip6": "ipv6", "fqdn": "domain", "url": "url", "email": "email", "md5": "md5",
        "sha1": "sha1", "sha256": "sha256", "cve": "cve", "bitcoin": "bitcoin", "ethereum": "ethereum",
        "ttp": "attack_technique", "registry": "registry_key",
    }
    searcher = Searcher()

    def run(text):
        out = set()
        for ioc in searcher.search_data(text):
            kind = names.get(ioc.name)
            if kind:
                out.add((kind, ioc.value))
        return out

    return set(names.values()), run


PEERS = {"iocextract": peer_iocextract, "ioc-finder": peer_ioc_finder, "iocsearcher": peer_iocsearcher}

# ---------------------------------------------------------------------------------------------


def load(corpus):
    docs = []
    with open(os.path.join(corpus, "corpus.jsonl"), encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            docs.append((r["id"], r["text"]))
    truth = {}
    with open(os.path.join(corpus, "truth.jsonl"), encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            items = {}
            for i in r["indicators"]:
                key = (i["kind"], norm(i["kind"], i["value"]))
                # written plainly anywhere in the document counts as plain
                items[key] = items.get(key, True) and i["defanged"]
            truth[r["id"]] = items
    return docs, truth


def score(found, truth, kinds):
    """Per kind: truth counts and hits by plain/defanged, reports, true positives."""
    s = {k: {"plain": 0, "plain_hit": 0, "defanged": 0, "defanged_hit": 0, "reported": 0, "tp": 0} for k in kinds}
    for doc, items in truth.items():
        got = {x for x in found.get(doc, set()) if x[0] in kinds}
        hosts = set()
        for (k, v) in items:
            if k == "url":
                h = url_host(v)
                if h:
                    hosts.add(h.strip("[]"))
            elif k == "email":
                hosts.add(v.rpartition("@")[2])
        for (k, v), defanged in items.items():
            if k not in kinds:
                continue
            w = "defanged" if defanged else "plain"
            s[k][w] += 1
            if (k, v) in got:
                s[k][w + "_hit"] += 1
        for (k, v) in got:
            if (k, v) in items:
                s[k]["reported"] += 1
                s[k]["tp"] += 1
            elif k in ("domain", "ipv4", "ipv6") and v in hosts:
                continue  # the host of a reported URL or e-mail address: neither right nor wrong
            else:
                s[k]["reported"] += 1
    return s


def fmt(n, d):
    return f"{n / d:.3f}" if d else "–"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--attrib", required=True)
    ap.add_argument("--tools", default="attrib,iocextract,ioc-finder,iocsearcher")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--json")
    ap.add_argument("--errors", type=int, default=0, help="print up to N misses and false reports per tool")
    a = ap.parse_args()

    docs, truth = load(a.corpus)
    text_bytes = sum(len(t.encode("utf-8")) for _, t in docs)
    mb = text_bytes / 1048576
    results = {}
    for tool in a.tools.split(","):
        if tool == "attrib":
            found, secs = run_attrib(a.attrib, a.corpus, a.runs)
            kinds = set(KINDS)
        else:
            kinds, run = PEERS[tool]()
            found = {}
            secs = 0.0
            for doc, text in docs:
                t = time.perf_counter()
                got = run(text)
                secs += time.perf_counter() - t
                found[doc] = {(k, norm(k, v)) for k, v in got}
        results[tool] = {"seconds": secs, "mb_s": mb / secs, "kinds": score(found, truth, kinds)}
        if a.errors:
            shown = 0
            for doc, items in truth.items():
                got = found.get(doc, set())
                for x in sorted(set(items) - got):
                    if x[0] in kinds and shown < a.errors:
                        print(f"  {tool} missed {doc} {x}", file=sys.stderr)
                        shown += 1
                for x in sorted(got - set(items)):
                    if x[0] in kinds and shown < a.errors:
                        print(f"  {tool} reported {doc} {x}", file=sys.stderr)
                        shown += 1

    print(f"corpus: {a.corpus}, {len(docs)} documents, {mb:.1f} MB of text\n")
    print("| tool | MB/s | seconds | vs attrib |")
    print("|---|---:|---:|---:|")
    base = results.get("attrib", {}).get("mb_s")
    for tool, r in results.items():
        ratio = f"{base / r['mb_s']:.0f}× slower" if base and tool != "attrib" else ""
        print(f"| {tool} | {r['mb_s']:.2f} | {r['seconds']:.2f} | {ratio} |")
    print()
    tools = list(results)
    print("Recall on plain / defanged indicators and precision, per kind (– : not written or not extracted)\n")
    print("| kind | in truth (plain/defanged) | " + " | ".join(tools) + " |")
    print("|---|---:|" + "---|" * len(tools))
    for k in KINDS:
        any_s = next((r["kinds"][k] for r in results.values() if k in r["kinds"]), None)
        if any_s is None:
            continue
        cells = []
        for tool in tools:
            s = results[tool]["kinds"].get(k)
            if s is None:
                cells.append("–")
                continue
            cells.append(
                f"R {fmt(s['plain_hit'], s['plain'])} / {fmt(s['defanged_hit'], s['defanged'])} · P {fmt(s['tp'], s['reported'])}"
            )
        print(f"| {k} | {any_s['plain']}/{any_s['defanged']} | " + " | ".join(cells) + " |")
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"documents": len(docs), "mb": mb, "results": results}, f, indent=1)


if __name__ == "__main__":
    main()
