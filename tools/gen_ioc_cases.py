#!/usr/bin/env python3
"""Convert the peers' IOC test vectors (shared/ioc-cases/*.json) into attrib's test data.

Usage: tools/gen_ioc_cases.py [SHARED_IOC_CASES_DIR] [OUT_DIR]
Defaults: ../shared/ioc-cases (next to the repo) and tests/data/ioc.

Each output file holds, per peer case that attrib can be measured on, the input text and a list
of checks in attrib's terms:

  {"view": V, "by": "raw"|"value", "assert": A, "values": [...], "count": n}

  view   which of attrib's indicators a peer type is compared with (tests/it/ioc_cases.rs):
         ipv4, ipv6, ip, domain, url, url_like, email, md5, sha1, sha256, sha512, hash, cve,
         attack_technique, bitcoin, registry_key, file_path, any
  by     "raw": compare with the text as written (the peer asserted un-refanged values);
         "value": compare with attrib's refanged, normalised value
  assert exact (same set), include (all listed found), exclude (none listed found),
         include_if_any (nothing found, or the listed value found), only (everything found is
         listed), count (number of distinct values)

Cases and assertions attrib is not measured on are left out and counted in "skipped" and
"dropped_assertions" with the reason (see docs/indicators.md). Everything else is kept, including
the cases attrib fails on purpose: the test checks those against the allow-list in the doc.
"""
import json
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

# attrib's comparable views for a peer type name
DIRECT = {
    "ipv4", "ipv6", "domain", "url", "email", "md5", "sha1", "sha256", "sha512", "cve",
    "attack_technique", "bitcoin", "registry_key", "file_path", "ip", "hash", "any",
}
# peer types attrib reports under another kind (it has no labelled-hash or XMPP types)
MAPPED = {"imphash": "md5", "authentihash": "sha256", "xmpp": "email"}
# peer types with no counterpart in attrib (their assertions are dropped)
UNSUPPORTED = {
    "url_complete", "email_complete", "ipv4_cidr", "monero", "mac", "asn", "ssdeep", "tlp",
    "user_agent", "google_adsense_id", "google_analytics_id", "attack_tactic",
    "attack_mitigation", "yara_rule", "telephone",
}
# the types ioc-finder's "exhaustive" cases say must come back empty when not listed
EXHAUSTIVE_VIEWS = [
    "ipv4", "ipv6", "domain", "url", "email", "md5", "sha1", "sha256", "sha512", "cve",
    "attack_technique", "bitcoin", "registry_key", "file_path",
]
MATCH = {
    "exact": "exact", "includes": "include", "first": "include",
    "first_if_any": "include_if_any", "all_if_any": "only", "count": "count",
}
# ioc-finder options attrib's test can mirror (anything else: the case is skipped)
MIRRORED_OPTIONS = {
    "parse_domain_from_url": "url_hosts",
    "parse_domain_from_email_address": "email_domains",
    "parse_from_url_path": "inside_urls",
    "parse_urls_without_scheme": "schemeless_urls",
}

HEX_HASH = re.compile(r"^[0-9a-fA-F]{32}$|^[0-9a-fA-F]{40}$|^[0-9a-fA-F]{64}$")
BRACKETED = re.compile(r"\s*\\?[\[\(\{][^\]\)\}]*[\]\)\}]\s*")


def url_host(v):
    """The host part of a URL-ish expectation, refanged the simple way."""
    h = re.sub(r"^[A-Za-z0-9*]+(?:\[?:\]?|\(:\))?(?://|__|\\\\|\[://\])\s?", "", v)
    h = re.split(r"[/?#]", h)[0]
    h = re.sub(r"[\[\(\{]+\.[\]\)\}]*|\.[\]\)\}]+", ".", h)
    return h.split(":")[0] if h.count(":") == 1 else h


def not_registrable(v):
    """iocextract's URL product uses hosts with no public suffix (`example`, `a.a`)."""
    h = url_host(v).strip()
    if re.fullmatch(r"[0-9.]+", h) or ":" in h:
        return False
    labels = h.split(".")
    return len(labels) < 2 or labels[-1] in ("a",)


def tld_less(v):
    """An address ending in the placeholder `.tld` (iocextract's e-mail tests)."""
    return bool(re.search(r"(?i)(^|[^a-z])tld[\]\)\}\s]*$", v))


LABELLED_HASH = re.compile(r"(?i)imphash|import hash|authentihash")


def spaced(v):
    """Whitespace inside a URL that is not part of a bracketed defang or `scheme:// host`."""
    rest = BRACKETED.sub("", v)
    rest = re.sub(r"://\s", "://", rest)
    return bool(re.search(r"\s", rest.strip()))


XMPP = set()


def convert(peer, cases):
    out, skipped, dropped = [], Counter(), Counter()
    XMPP.clear()
    for c in cases:
        XMPP.update((c.get("expected") or {}).get("xmpp", []))
    for c in cases:
        cid = c["id"]
        if c["kind"] == "defang":
            skipped["defang: attrib has no defang function"] += 1
            continue
        if c.get("disabled_in_peer"):
            skipped["disabled in the peer's own suite"] += 1
            continue
        if c["kind"] == "refang":
            inp, exp = c["input"], c["expected_output"]
            added = exp.startswith("http://") and not re.match(r"^[A-Za-z*]+(\[?:|__|\[://\])", inp)
            out.append({"id": cid, "type": "refang", "input": inp, "expected": exp,
                        "ignore_added_scheme": added})
            continue
        call = c.get("peer_call", "")
        if "yara" in cid or "telephone" in cid:
            skipped["asserts only types attrib does not extract"] += 1
            continue
        if call == "extract_encoded_urls" or "b64" in cid or "base64" in cid:
            skipped["encoded input: attrib does not decode base64/hex/percent-encoded text"] += 1
            continue
        opts = dict(c.get("options") or {})
        opts.pop("refang", None)
        included = opts.pop("included_types", None)
        # attrib cannot tell XMPP addresses from e-mail: both switches off is mirrorable
        if opts.get("parse_domain_name_from_xmpp_address") is False and \
                opts.get("parse_domain_from_email_address") is False:
            opts.pop("parse_domain_name_from_xmpp_address")
        case_opts = {}
        unmirrored = False
        for k, v in opts.items():
            if k in MIRRORED_OPTIONS and v is False:
                case_opts[MIRRORED_OPTIONS[k]] = False
            elif k not in MIRRORED_OPTIONS or v is not True:
                unmirrored = True
        if unmirrored:
            skipped["peer option attrib's test does not mirror"] += 1
            continue
        by = "value" if c.get("refanged") else "raw"
        checks, reason = [], None
        expected = c.get("expected", {})
        match = c.get("match", {})
        counts = c.get("count", {})
        mapped_views = {MAPPED[t] for t in expected if t in MAPPED}
        for t, mode in match.items():
            vals = expected.get(t, [])
            if t in UNSUPPORTED:
                dropped[f"type {t} (not an attrib kind)"] += 1
                continue
            view = MAPPED.get(t, t)
            if view not in DIRECT:
                dropped[f"type {t} (unknown)"] += 1
                continue
            if t not in MAPPED and view in mapped_views and mode == "exact" and not vals:
                dropped[f"'{view} is empty' where the peer labels the hash ({view} reported instead)"] += 1
                continue
            if peer == "iocextract" and view in ("email", "any", "url", "ip") and any(tld_less(v) for v in vals):
                reason = "host without a public suffix (iocextract's design, `example`, `a.a`, `.tld`)"
            if peer == "ioc-finder" and view in ("md5", "sha256") and mode == "exact" and LABELLED_HASH.search(c["input"]):
                dropped["exact hash list where the peer labels some hashes imphash/authentihash (made 'include')"] += 1
                mode = "includes"
            if peer == "ioc-finder" and view == "email" and any(x in c["input"] for x in XMPP):
                if mode == "count":
                    dropped["e-mail count where the peer splits XMPP addresses out of e-mail"] += 1
                    continue
                if mode == "exact":
                    dropped["exact e-mail list where the peer splits XMPP addresses out (made 'include')"] += 1
                    mode = "includes"
            if peer == "iocextract" and view == "url":
                view = "url_like"
                if any(not_registrable(v) for v in vals):
                    reason = "host without a public suffix (iocextract's design, `example`, `a.a`, `.tld`)"
                elif any(spaced(v) for v in vals):
                    reason = "URL with a space inside (attrib ends a URL at whitespace)"
                if mode == "count" and not vals:
                    reason = reason or "host without a public suffix (iocextract's design, `example`, `a.a`, `.tld`)"
            if t == "bitcoin" and "issue_226" in cid or (t == "bitcoin" and peer == "ioc-finder"):
                keep = [v for v in vals if not HEX_HASH.match(v)]
                if len(keep) != len(vals):
                    dropped["bitcoin expectation that is a hex hash (ioc-finder issue #226, a known peer bug)"] += 1
                    if not keep and mode != "exact":
                        continue
                    vals = keep
                    if mode == "exact":
                        mode = "includes"
            if t in MAPPED:
                mode = "includes" if mode == "exact" else mode
            chk = {"view": view, "by": by, "assert": MATCH[mode], "values": vals}
            if mode == "count":
                chk["count"] = counts[t]
            checks.append(chk)
        for t, vals in (c.get("not_expected") or {}).items():
            if t in UNSUPPORTED:
                continue
            checks.append({"view": MAPPED.get(t, t), "by": by, "assert": "exclude", "values": vals})
        if c.get("exhaustive"):
            present = {MAPPED.get(t, t) for t in expected} | {MAPPED.get(t, t) for t in match}
            allowed = None
            if included:
                allowed = {MAPPED.get(t, t) for t in included}
            for v in EXHAUSTIVE_VIEWS:
                if v in present or (allowed is not None and v not in allowed):
                    continue
                if v in mapped_views:
                    continue
                checks.append({"view": v, "by": by, "assert": "exact", "values": []})
        if reason:
            skipped[reason] += 1
            continue
        if not checks:
            skipped["asserts only types attrib does not extract"] += 1
            continue
        case = {"id": cid, "type": "extract", "input": c["input"], "checks": checks}
        if case_opts:
            case["options"] = case_opts
        out.append(case)
    return out, skipped, dropped


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "..", "shared", "ioc-cases")
    dst = sys.argv[2] if len(sys.argv) > 2 else os.path.join(REPO, "tests", "data", "ioc")
    os.makedirs(dst, exist_ok=True)
    for peer in ("iocextract", "ioc-finder"):
        with open(os.path.join(src, f"{peer}.json"), encoding="utf-8") as f:
            cases = json.load(f)
        conv, skipped, dropped = convert(peer, cases)
        doc = {
            "peer": peer,
            "source": f"shared/ioc-cases/{peer}.json",
            "generated_by": "tools/gen_ioc_cases.py",
            "peer_cases": len(cases),
            "skipped": dict(sorted(skipped.items())),
            "dropped_assertions": dict(sorted(dropped.items())),
            "cases": conv,
        }
        path = os.path.join(dst, f"{peer}.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False, indent=0)
            f.write("\n")
        print(f"{peer}: {len(cases)} peer cases -> {len(conv)} kept, {sum(skipped.values())} skipped")
        for k, v in sorted(skipped.items()):
            print(f"  skip {v:5d}  {k}")
        for k, v in sorted(dropped.items()):
            print(f"  drop {v:5d}  {k}")


if __name__ == "__main__":
    main()
