#!/usr/bin/env python3
"""Writes the ingest fixtures under fixtures/ingest/ and their manifest, expected.json.

Python 3 standard library only; the output is the same on every run (no clocks, no randomness).
Run from anywhere:  python3 tools/gen_ingest_fixtures.py

expected.json is a JSON array with one entry per fixture file:

  file                 name of the file inside fixtures/ingest/
  format               the format a reader should settle on (txt, md, html, json, jsonl, binary)
  encoding             the character encoding of the bytes (encoding_rs names; GBK bytes here decode
                       identically as GB18030), or null for a skipped file
  skipped              true when the reader yields no document for the file
  documents            what the reader yields, in order:
      id               the id the input gives, or null when none is given (the reader then derives
                       one from the path; its form is the reader's choice)
      title, source, url, speaker, lang
                       metadata as given in the input (entities decoded, quotes stripped), or null
                       when the input gives none. For Markdown with no front matter the title is the
                       first level-1 heading; for HTML it is <title>. lang is the metadata language
                       (front matter, JSON field, <html lang>), not a guess from the script.
      published        "YYYY-MM-DD" when the input gives a date only; RFC 3339 with "Z" kept as given
                       when it gives a time; null when absent or unparseable.
      text             (txt and json only) the exact decoded text: BOM removed, nothing else changed
                       (line endings and the final newline are kept).
      text_contains    exact substrings that must occur in Document.text.
      text_excludes    substrings that must not occur (markup, boilerplate, front-matter keys).
  diagnostics_contain  substrings (case-insensitive) each found in the message of some diagnostic
                       reported for the file.
  diagnostics_lines    1-based line numbers that some diagnostic for the file must carry.
  diagnostics_none     true when the file must produce no error or warning (info is allowed).
"""

import codecs
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "fixtures", "ingest")

FILES = {}      # name -> bytes
EXPECTED = []   # manifest entries, in the order files are defined


def meta(id=None, title=None, source=None, url=None, published=None, speaker=None, lang=None):
    return {"id": id, "title": title, "source": source, "url": url, "published": published,
            "speaker": speaker, "lang": lang}


def doc(m, text=None, contains=(), excludes=()):
    d = dict(m)
    if text is not None:
        d["text"] = text
    d["text_contains"] = list(contains)
    d["text_excludes"] = list(excludes)
    return d


def add(name, data, fmt, encoding, documents, skipped=False, diag=(), lines=(), clean=None):
    assert name not in FILES, name
    for d in documents:
        for s in d["text_contains"]:
            if "text" in d:
                assert s in d["text"], (name, s)
        for s in d["text_excludes"]:
            if "text" in d:
                assert s not in d["text"], (name, s)
    FILES[name] = data
    if clean is None:
        clean = not diag and not lines
    EXPECTED.append({
        "file": name,
        "format": fmt,
        "encoding": encoding,
        "skipped": skipped,
        "documents": documents,
        "diagnostics_contain": list(diag),
        "diagnostics_lines": list(lines),
        "diagnostics_none": clean,
    })


def jline(obj):
    return json.dumps(obj, ensure_ascii=False)


# ---------------------------------------------------------------- plain text and Unicode encodings

plain = ("The security ministry said Anonymous64 attacked government websites.\n"
         "Taiwan’s defence ministry denied the accusation.\n"
         "It said China was the real source of the attacks.\n")
add("plain.txt", plain.encode("utf-8"), "txt", "UTF-8",
    [doc(meta(), plain, ["Anonymous64 attacked government websites.", "Taiwan’s defence ministry",
                         "the real source of the attacks.\n"])])

bom8 = ("The embassy called the report groundless.\n"
        "It said Britain was itself spying on other countries.\n")
add("bom-utf8.txt", codecs.BOM_UTF8 + bom8.encode("utf-8"), "txt", "UTF-8",
    [doc(meta(), bom8, ["The embassy called the report groundless.", "spying on other countries"],
         ["\ufeff"])])

u16le = ("US agencies blamed Volt Typhoon for intrusions into critical infrastructure.\n"
         "中国驻美国大使馆表示，美方的指控毫无根据。\n")
add("utf16le.txt", codecs.BOM_UTF16_LE + u16le.encode("utf-16-le"), "txt", "UTF-16LE",
    [doc(meta(), u16le, ["Volt Typhoon", "美方的指控毫无根据。"], ["\ufeff", "\x00"])])

u16be = ("Ukraine’s security service said Sandworm was behind the outage.\n"
         "俄罗斯方面否认参与了这次网络攻击。\n")
add("utf16be.txt", codecs.BOM_UTF16_BE + u16be.encode("utf-16-be"), "txt", "UTF-16BE",
    [doc(meta(), u16be, ["Sandworm was behind the outage.", "俄罗斯方面否认参与了这次网络攻击。"],
         ["\ufeff", "\x00"])])

# ---------------------------------------------------------------- legacy Chinese encodings

gbk = ("国家安全部今天在官方微信公众号发文称，一个自称“Anonymous64”的黑客组织近期对中国大陆、"
       "香港和澳门的多个网站发动网络攻击。文章说，该组织在社交媒体上声称已经控制了大量政府网站，"
       "但经过核查，这些说法大多是虚假的，实际造成的影响非常有限。国家安全部表示，已经对该组织的"
       "三名成员立案侦查，并指出该组织受台湾地区军方的资讯电战指挥部操控。文章呼吁广大网民不信谣、"
       "不传谣，发现可疑的网络攻击活动应当及时向国家安全机关举报。台湾方面随后否认上述指控，"
       "并反指大陆长期对台湾发动网络攻击。\n")
add("gbk.txt", gbk.encode("gbk"), "txt", "GBK",
    [doc(meta(), gbk, ["国家安全部", "“Anonymous64”的黑客组织", "已经对该组织的三名成员立案侦查",
                       "并反指大陆长期对台湾发动网络攻击。"])])

big5 = ("國防部資通電軍指揮部今天發表聲明，否認中國國家安全部的相關指控，強調所謂駭客組織與國軍毫無關係。"
        "聲明指出，中共軍方長期派遣軍機與軍艦在臺灣周邊活動，並且持續利用網路攻擊騷擾臺灣，"
        "才是破壞區域和平穩定的根源。國防部表示，近年來政府機關每天都遭受大量來自境外的網路攻擊，"
        "國軍將持續強化資通安全防護能力，並與民間企業及國際夥伴密切合作，共同維護臺灣的數位安全。"
        "國防部也呼籲民眾不要輕信來路不明的訊息，以免遭到有心人士利用。\n")
add("big5.txt", big5.encode("big5"), "txt", "Big5",
    [doc(meta(), big5, ["國防部資通電軍指揮部", "否認中國國家安全部的相關指控", "利用網路攻擊騷擾臺灣",
                        "以免遭到有心人士利用。"])])

# ---------------------------------------------------------------- UTF-8 with two stray Latin-1 bytes

broken_parts = ["Analysts said the phishing emails were sent from a caf", "\xe9",
                " in Lyon.\nThe agency’s report called the evidence “strong but circumstantial”.\n"
                "Its author, Andr", "\xe9", " Moreau, declined to comment.\n"]
broken_bytes = b"".join(p.encode("latin-1") if p == "\xe9" else p.encode("utf-8") for p in broken_parts)
broken_text = "".join("\ufffd" if p == "\xe9" else p for p in broken_parts)
assert broken_bytes.decode("utf-8", errors="replace") == broken_text
add("latin1-broken.txt", broken_bytes, "txt", "UTF-8",
    [doc(meta(), broken_text, ["caf\ufffd in Lyon.", "Andr\ufffd Moreau", "“strong but circumstantial”"],
         ["café", "André"])],
    diag=["utf-8"])

# ---------------------------------------------------------------- binary

binary = (b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00"
          + bytes((i * 37 + 11) % 256 for i in range(240)))
assert b"\x00" in binary[:16]
add("binary.bin", binary, "binary", None, [], skipped=True, diag=["binary"])

# ---------------------------------------------------------------- Markdown

fm = ("---\n"
      "title: \"Taiwan rejects Chinese hacking accusation\"\n"
      "source: Example Daily\n"
      "url: https://daily.example.org/2024/09/23/taiwan-rejects-hacking-accusation\n"
      "published: Sept. 23, 2024\n"
      "speaker: Taiwan Ministry of National Defense\n"
      "lang: en\n"
      "---\n"
      "\n"
      "Taiwan’s defence ministry on Monday *rejected* claims that it runs a hacking group.\n"
      "\n"
      "- It called the accusation baseless.\n"
      "- It said China attacks Taiwan’s networks every day.\n")
add("front-matter.md", fm.encode("utf-8"), "md", "UTF-8",
    [doc(meta(title="Taiwan rejects Chinese hacking accusation", source="Example Daily",
              url="https://daily.example.org/2024/09/23/taiwan-rejects-hacking-accusation",
              published="2024-09-23", speaker="Taiwan Ministry of National Defense", lang="en"),
         contains=["Taiwan’s defence ministry on Monday", "claims that it runs a hacking group.",
                   "It called the accusation baseless.", "It said China attacks Taiwan’s networks every day."],
         excludes=["title:", "source:", "published:", "speaker:", "lang: en", "Sept. 23, 2024", "---",
                   "*rejected*"])])

nofm = ("# Kyivstar outage blamed on Russian military hackers\n"
        "\n"
        "Ukraine’s security service said **Sandworm**, a unit of Russia’s GRU, was behind the attack on "
        "the mobile operator.\n"
        "\n"
        "- Millions of subscribers lost service for days.\n"
        "- The operator said customer data was *not* stolen.\n"
        "\n"
        "Read the [full statement](https://ssu.example.gov.ua/statement) for details.\n")
add("no-front-matter.md", nofm.encode("utf-8"), "md", "UTF-8",
    [doc(meta(title="Kyivstar outage blamed on Russian military hackers"),
         contains=["Kyivstar outage blamed on Russian military hackers\n", "Ukraine’s security service said",
                   "a unit of Russia’s GRU, was behind the attack", "Millions of subscribers lost service for days.",
                   "full statement"],
         excludes=["# Kyivstar", "**Sandworm**", "*not*", "](https://"])])

# ---------------------------------------------------------------- HTML

page = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Kyiv says Russian hackers hit energy firm</title>
<meta property="article:published_time" content="2024-09-23T08:30:00Z">
<meta property="og:site_name" content="Harbour &amp; Hill News">
<link rel="canonical" href="https://harbour.example.net/cyber/kyiv-energy-hack">
<style>.promo { font-weight: bold; color: #c00; }</style>
<script>window.trackPageview("kyiv-energy-hack");</script>
</head>
<body>
<nav><a href="/">Home</a> <a href="/subscribe">Subscribe now</a></nav>
<article>
<h1>Kyiv says Russian hackers hit energy firm</h1>
<p>Ukraine&rsquo;s cyber agency said the GRU-linked group Sandworm attacked a regional energy company &amp; its suppliers.</p>
<h2>Moscow denies</h2>
<p>The Kremlin called the claim &#8220;absurd&#8221; and said Russia does not carry out cyberattacks.</p>
<ul>
<li>Three substations lost power.</li>
<li>Repairs took two days.</li>
</ul>
</article>
<footer><p>All rights reserved. Harbour &amp; Hill News 2024.</p></footer>
</body>
</html>
"""
html_excludes = ["trackPageview", "font-weight", "Subscribe now", "All rights reserved", "&amp;", "&rsquo;",
                 "&#8220;", "<p>", "<li>", "<h2>"]
add("page.html", page.encode("utf-8"), "html", "UTF-8",
    [doc(meta(title="Kyiv says Russian hackers hit energy firm", source="Harbour & Hill News",
              url="https://harbour.example.net/cyber/kyiv-energy-hack", published="2024-09-23T08:30:00Z",
              lang="en"),
         contains=["Kyiv says Russian hackers hit energy firm", "Ukraine’s cyber agency said",
                   "a regional energy company & its suppliers.", "Moscow denies\n",
                   "The Kremlin called the claim “absurd”", "Three substations lost power.",
                   "Repairs took two days."],
         excludes=html_excludes)])

sniff_html = """
  <!doctype html>
<html lang="en">
<head><title>Embassy rejects APT31 accusation</title>
<meta property="og:site_name" content="Riverside Courier">
<script>var adSlots = ["top", "side"];</script>
</head>
<body>
<nav><a href="/politics">Politics desk</a></nav>
<h1>Embassy rejects APT31 accusation</h1>
<p>The Chinese embassy said the charges were &quot;groundless&quot; and politically motivated.</p>
</body>
</html>
"""
add("sniff-html-no-ext", sniff_html.encode("utf-8"), "html", "UTF-8",
    [doc(meta(title="Embassy rejects APT31 accusation", source="Riverside Courier", lang="en"),
         contains=["Embassy rejects APT31 accusation",
                   "The Chinese embassy said the charges were \"groundless\" and politically motivated."],
         excludes=["adSlots", "Politics desk", "&quot;", "<p>"])])

# ---------------------------------------------------------------- JSON, JSON Lines

one = {"id": "tw-mnd-2024-09-23", "title": "Defence ministry statement on hacking allegation",
       "source": "Example Wire", "url": "https://wire.example.com/tw/mnd-statement",
       "published": "2024-09-23", "speaker": "Taiwan Ministry of National Defense", "lang": "en",
       "text": "The ministry denied any link to Anonymous64.\nIt said Beijing’s military uses cyberattacks "
               "to harass Taiwan.\n"}
add("doc.json", (json.dumps(one, ensure_ascii=True, indent=2) + "\n").encode("utf-8"), "json", "UTF-8",
    [doc(meta(**{k: one[k] for k in ("id", "title", "source", "url", "published", "speaker", "lang")}),
         one["text"], ["denied any link to Anonymous64.", "Beijing’s military uses cyberattacks"])])

arr = [
    {"id": "uk-fcdo-apt31", "title": "UK names APT31", "source": "Example Wire", "url": "https://wire.example.com/uk/apt31",
     "published": "2024-03-25", "speaker": "UK Foreign Office", "lang": "en",
     "text": "Britain said APT31 targeted MPs and was linked to China’s Ministry of State Security."},
    {"title": "Embassy response", "source": "Example Wire", "published": "2024-03-26",
     "speaker": "Chinese Embassy in London", "lang": "en",
     "text": "The embassy said the accusation was groundless and a political smear."},
]
add("docs.json", (json.dumps(arr, ensure_ascii=False, indent=2) + "\n").encode("utf-8"), "json", "UTF-8",
    [doc(meta(id=arr[0]["id"], title=arr[0]["title"], source=arr[0]["source"], url=arr[0]["url"],
              published=arr[0]["published"], speaker=arr[0]["speaker"], lang=arr[0]["lang"]),
         arr[0]["text"], ["APT31 targeted MPs", "China’s Ministry of State Security."]),
     doc(meta(title=arr[1]["title"], source=arr[1]["source"], published=arr[1]["published"],
              speaker=arr[1]["speaker"], lang=arr[1]["lang"]),
         arr[1]["text"], ["groundless and a political smear."])])

jl = [
    {"id": "jl-1", "published": "2024-09-23", "lang": "en",
     "text": "Researchers tied the phishing kit to a North Korean group."},
    {"source": "Example Daily", "lang": "zh", "text": "外交部发言人表示，中方坚决反对无端指责。"},
    None,  # broken line
    {"id": "jl-4", "title": "Vendor report", "speaker": "Example Security Labs", "lang": "en",
     "text": "The vendor said the malware shared code with earlier Lazarus tools."},
]
jl_lines = [jline(r) if r is not None else '{"id": "jl-3", "text": "this line never ends' for r in jl]
add("docs.jsonl", ("\n".join(jl_lines) + "\n").encode("utf-8"), "jsonl", "UTF-8",
    [doc(meta(id="jl-1", published="2024-09-23", lang="en"), jl[0]["text"], ["North Korean group."]),
     doc(meta(source="Example Daily", lang="zh"), jl[1]["text"], ["中方坚决反对无端指责。"]),
     doc(meta(id="jl-4", title="Vendor report", speaker="Example Security Labs", lang="en"), jl[3]["text"],
         ["earlier Lazarus tools."])],
    diag=["json"], lines=[3])

nd = [
    {"id": "nd-1", "title": "Kremlin denial", "published": "2024-09-24", "speaker": "Kremlin", "lang": "en",
     "text": "A Kremlin spokesman said Russia had nothing to do with the attack."},
    {"id": "nd-2", "title": "外交部回应", "published": "2024-09-24", "speaker": "中华人民共和国外交部", "lang": "zh",
     "text": "外交部发言人称，美方才是全球最大的网络攻击者。"},
]
add("records.ndjson", ("\n".join(jline(r) for r in nd) + "\n").encode("utf-8"), "jsonl", "UTF-8",
    [doc(meta(**{k: r.get(k) for k in ("id", "title", "source", "url", "published", "speaker", "lang")}),
         r["text"], [r["text"][:12]]) for r in nd])

bad = {"id": "bad-date-1", "title": "Undated statement", "published": "not a date", "lang": "en",
       "text": "The agency said the intrusion came from servers abroad."}
add("bad-date.json", (json.dumps(bad, ensure_ascii=False, indent=2) + "\n").encode("utf-8"), "json", "UTF-8",
    [doc(meta(id="bad-date-1", title="Undated statement", lang="en"), bad["text"], ["servers abroad."])],
    diag=["not a date"])

missing = {"id": "no-text-1", "title": "Headline without a body", "published": "2024-09-23", "lang": "en"}
add("missing-text.json", (json.dumps(missing, indent=2) + "\n").encode("utf-8"), "json", "UTF-8",
    [], skipped=True, diag=["text"])

sj = {"id": "sniffed-json", "title": "Sniffed JSON record", "source": "Example Wire", "published": "2024-09-23",
      "lang": "en", "text": "Officials said the attackers used stolen VPN credentials."}
add("sniff-json-no-ext", ("  " + json.dumps(sj, ensure_ascii=False) + "\n").encode("utf-8"), "json", "UTF-8",
    [doc(meta(id="sniffed-json", title="Sniffed JSON record", source="Example Wire", published="2024-09-23",
              lang="en"), sj["text"], ["stolen VPN credentials."])])

date_forms = [
    ("date-rfc3339", "2024-09-23T08:30:00Z", "2024-09-23T08:30:00Z"),
    ("date-iso", "2024-09-23", "2024-09-23"),
    ("date-sept-abbrev", "Sept. 23, 2024", "2024-09-23"),
    ("date-day-month", "23 September 2024", "2024-09-23"),
    ("date-zh", "2024年9月23日", "2024-09-23"),
    ("date-month-day", "September 23, 2024", "2024-09-23"),
    ("date-sep-short", "Sep 23, 2024", "2024-09-23"),
]
drecs = [{"id": i, "published": raw, "text": f"Statement dated {raw}."} for i, raw, _ in date_forms]
add("dates.jsonl", ("\n".join(jline(r) for r in drecs) + "\n").encode("utf-8"), "jsonl", "UTF-8",
    [doc(meta(id=i, published=norm), f"Statement dated {raw}.", [f"Statement dated {raw}."])
     for i, raw, norm in date_forms])


# ---------------------------------------------------------------- write and check

def main():
    os.makedirs(OUT, exist_ok=True)
    for name, data in FILES.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
    with open(os.path.join(OUT, "expected.json"), "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(EXPECTED, ensure_ascii=False, indent=2) + "\n")

    # Round trips: the bytes on disk decode back to the expected text.
    def read(name):
        with open(os.path.join(OUT, name), "rb") as f:
            return f.read()
    assert read("gbk.txt").decode("gbk") == gbk
    assert read("gbk.txt").decode("gb18030") == gbk
    assert read("big5.txt").decode("big5") == big5
    assert read("big5.txt").decode("cp950") == big5
    assert read("utf16le.txt").decode("utf-16") == u16le
    assert read("utf16be.txt").decode("utf-16") == u16be
    assert read("bom-utf8.txt").decode("utf-8-sig") == bom8
    for bad_utf8 in ("gbk.txt", "big5.txt", "latin1-broken.txt"):
        try:
            read(bad_utf8).decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            raise AssertionError(bad_utf8 + " must not be valid UTF-8")
    han = lambda s: sum(1 for c in s if "\u4e00" <= c <= "\u9fff")
    assert han(gbk) >= 150 and han(big5) >= 150, (han(gbk), han(big5))
    print(f"wrote {len(FILES)} fixtures and expected.json to {os.path.relpath(OUT, ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
