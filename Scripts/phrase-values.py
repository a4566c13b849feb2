#!/usr/bin/env python3
"""How many phrases of another project's suite Pledge reads to the stated value.

    python3 Scripts/phrase-values.py PLEDGE numbers SUITE.tsv...   # numeral suites, each read as PHRASE円
    python3 Scripts/phrase-values.py PLEDGE money-en SUITE.tsv     # Duckling's English AmountOfMoney corpus
    python3 Scripts/phrase-values.py PLEDGE money-ja SUITE.tsv     # Recognizers-Text's Japanese currency suite
    (add -v to list the rows missed)

Suites are third-party TSVs (`phrase<TAB>expected<TAB>source`, `#` lines aside), not kept
here. `numbers`: a row passes when `PHRASE円` gives exactly one amount of the expected value.
`money-en`: when the values read are exactly the expected ones (both ends of an interval).
`money-ja`: when every expected value is read with its ISO code. Rows whose expectation has
no plain value (Duckling's unnamed currencies, invalid numerals) are left out.
"""
import json, os, re, subprocess, sys, tempfile
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

pledge, mode = sys.argv[1], sys.argv[2]
suites = [a for a in sys.argv[3:] if not a.startswith("-")]

def read(path):
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        cells = line.rstrip("\n").split("\t")
        yield cells[0], cells[1] if len(cells) > 1 else ""

def extract(text, language, date):
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write(text + "\n")
    out = subprocess.run([pledge, "extract", f.name, "--date", date, "--language", language], capture_output=True, text=True).stdout
    os.remove(f.name)
    try:
        return json.loads(out)["amounts"]
    except (ValueError, KeyError):
        return []

rows = []  # (phrase to read, expected, check)
for suite in suites:
    for phrase, expected in read(suite):
        if mode == "numbers":
            m = (re.search(r"numeral value=(-?[\d.]+)", expected) or re.search(r"kanji2number -> (-?\d+)$", expected)
                 or re.search(r"i\.e\. value (-?\d+)", expected) or re.search(r"to_i -> (-?\d+)", expected)
                 or re.search(r"from_kanji -> (-?\d+)", expected))
            t = re.fullmatch(r"to_arabic -> \[0\] number=(\d+) text=(\S+) index=0", expected)
            if m:
                rows.append((phrase + "円", expected, [Decimal(m.group(1))]))
            elif t:
                rows.append((t.group(2) + "円", expected, [Decimal(t.group(1))]))
        elif mode == "money-en":
            if "Unnamed" in expected:
                continue
            m = re.search(r"from=([\d.]+) to=([\d.]+)", expected) or re.search(r"(?:amount|to|from)=([\d.]+)", expected)
            if m:
                rows.append((phrase, expected, sorted(Decimal(g) for g in m.groups())))
        elif mode == "money-ja":
            want = [(Decimal(v), code) for v, code in re.findall(r"= ([\d.]+) ([A-Z]{3})", expected)]
            if want:
                rows.append((phrase, expected, want))

def check(row):
    phrase, expected, want = row
    if mode == "numbers":
        found = extract(phrase, "ja", "2024-01-01")
        return row, found, len(found) == 1 and Decimal(str(found[0]["value"])) == want[0]
    if mode == "money-en":
        found = extract(phrase, "en", "2013-02-12")
        got = sorted(Decimal(str(a["value"])) for a in found)
        return row, found, len(got) == len(want) and all(abs(a - b) <= Decimal("1e-6") * max(1, b) for a, b in zip(got, want))
    found = extract(phrase, "ja", "2021-07-18")
    return row, found, all(any(abs(Decimal(str(a["value"])) - v) <= Decimal("1e-6") * max(1, v) and a["unit"] == c for a in found) for v, c in want)

with ThreadPoolExecutor(2) as pool:
    results = list(pool.map(check, rows))
passed = [r for r in results if r[2]]
print(f"{mode} {' '.join(os.path.basename(s) for s in suites)}: {len(passed)}/{len(results)} = {len(passed) / max(1, len(results)):.2f} read to their value")
if "-v" in sys.argv:
    for (phrase, expected, _), found, ok in results:
        if not ok:
            print("MISS", phrase, "|", expected[:70], "|", [(a["text"], a["value"], a["unit"]) for a in found])
