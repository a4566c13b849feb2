#!/usr/bin/env python3
"""How many phrases of another project's test suite Pledge finds, per suite file.

    python3 Scripts/phrase-coverage.py PLEDGE SUITE.tsv LANGUAGE DATE [times|amounts] [-v]

SUITE.tsv holds one phrase a line, `phrase<TAB>expected<TAB>source`, `#` lines aside
(the form the suites of ja-timex, Duckling and Recognizers-Text were gathered in). A
phrase counts as found when the times (or amounts) Pledge reads cover at least 60% of
its non-space characters; rows whose expectation says `NO MATCH` or `None` are counted
apart, as phrases Pledge should find nothing in. The suites are third-party and not
kept here; the figure is a proxy for detection, not a check of values.
"""
import json, os, subprocess, sys, tempfile
from concurrent.futures import ThreadPoolExecutor

pledge, suite, language, date = sys.argv[1:5]
dimension = sys.argv[5] if len(sys.argv) > 5 and not sys.argv[5].startswith("-") else "times"
rows = [l.rstrip("\n").split("\t") for l in open(suite, encoding="utf-8") if l.strip() and not l.startswith("#")]

def run(row):
    phrase, expected = row[0], row[1] if len(row) > 1 else ""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write(phrase + "\n")
    out = subprocess.run([pledge, "extract", f.name, "--date", date, "--language", language], capture_output=True, text=True).stdout
    os.remove(f.name)
    try:
        found = json.loads(out)[dimension]
    except (ValueError, KeyError):
        return phrase, expected, None, 0.0
    covered = set()
    for t in found:
        covered.update(range(t["start"], t["end"]))
    chars = [k for k, c in enumerate(phrase) if not c.isspace()]
    return phrase, expected, [t["text"] for t in found], len([k for k in chars if k in covered]) / max(1, len(chars))

with ThreadPoolExecutor(2) as pool:
    results = list(pool.map(run, rows))
negative = [r for r in results if "NO MATCH" in r[1] or r[1].startswith("None")]
positive = [r for r in results if r not in negative]
found = [r for r in positive if r[3] >= 0.6]
crashed = [r for r in results if r[2] is None]
print(f"{os.path.basename(suite)}: {len(found)}/{len(positive)} = {len(found) / max(1, len(positive)):.2f} found; "
      f"{len([r for r in negative if r[3] > 0.3])}/{len(negative)} negatives wrongly found; {len(crashed)} unreadable")
if "-v" in sys.argv:
    for r in positive:
        if r[3] < 0.6:
            print("MISS", r[0], "|", r[1][:60], "|", r[2])
