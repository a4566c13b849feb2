#!/usr/bin/env python3
"""Scores `pledge link` on every pair of documents with hand-made links in the test fixtures.

    python3 Scripts/link-scores.py PLEDGE [--scorer PATH/links_score.py] [-v]

Each pair's links are scored as pairs of items: gold `same` and `progress` links are to be
found, and a link to a pair gold calls `related` neither counts nor costs (the scorer's
`--relation same`). With --scorer, the shared scorer is run too and its figures shown with -v.
Prints precision, recall and F1 per pair, then over all pairs (micro).
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(HERE, "..", "Tests", "PledgeExtractTests", "Fixtures")
PAIRS = [
    ("links/2023-08-18-camp-david-fact-sheet.en.txt", "links/2023-08-18-camp-david-spirit.en.txt",
     "links/2023-08-18-camp-david-fact-sheet--2023-08-18-camp-david-spirit.links.json"),
    ("links/2021-04-16-us-japan-core-fact-sheet.en.txt", "links/2021-04-16-us-japan-joint-leaders-statement.en.txt",
     "links/2021-04-16-us-japan-core-fact-sheet--2021-04-16-us-japan-joint-leaders-statement.links.json"),
    ("links/2022-05-23-quad-tokyo-fact-sheet.en.txt", "links/2022-05-24-quad-joint-leaders-statement.en.txt",
     "links/2022-05-23-quad-tokyo-fact-sheet--2022-05-24-quad-joint-leaders-statement.links.json"),
    ("links/2024-04-11-japan-philippines-us-joint-vision-statement.en.txt", "2024-04-10-japan-us-fact-sheet.en.txt",
     "links/2024-04-11-joint-vision--2024-04-10-fact-sheet.links.json"),
    ("2024-04-10-japan-us-fact-sheet.en.txt", "links/2023-01-13-us-japan-joint-statement.en.txt",
     "links/2024-04-10-fact-sheet--2023-01-13-joint-statement.links.json"),
    # Across languages: the Japanese fact sheet has the English one's item numbering.
    ("links/2024-04-11-japan-philippines-us-joint-vision-statement.en.txt", "2024-04-10-japan-us-fact-sheet.ja.txt",
     "links/2024-04-11-joint-vision--2024-04-10-fact-sheet.links.json"),
    ("2024-04-10-japan-us-fact-sheet.ja.txt", "links/2023-01-13-us-japan-joint-statement.en.txt",
     "links/2024-04-10-fact-sheet--2023-01-13-joint-statement.links.json"),
]


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    pledge = args[0] if args else ".build/debug/pledge"
    total = {"same language": [0, 0, 0], "across languages": [0, 0, 0]}
    for source, target, gold_file in PAIRS:
        out = subprocess.run([pledge, "link", os.path.join(FIX, source), os.path.join(FIX, target)],
                             capture_output=True, text=True, check=True).stdout
        made = {(l["from"], l["to"]) for l in json.loads(out)["links"]}
        gold = json.load(open(os.path.join(FIX, gold_file)))["links"]
        wanted = {(l["from"], l["to"]) for l in gold if l["relation"] != "related"}
        neutral = {(l["from"], l["to"]) for l in gold if l["relation"] == "related"}
        made -= neutral
        tp = len(made & wanted)
        p = tp / len(made) if made else 1.0
        r = tp / len(wanted) if wanted else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        kind = "across languages" if (".ja." in source) != (".ja." in target) else "same language"
        for i, v in enumerate((tp, len(made), len(wanted))):
            total[kind][i] += v
        name = f"{os.path.basename(source)[:38]} → {os.path.basename(target)[:38]}"
        print(f"{name:80} P {p:.2f} R {r:.2f} F1 {f:.2f}  ({tp} of {len(made)} made, {len(wanted)} to find)")
        if "-v" in sys.argv:
            for pair in sorted(wanted - made):
                print(f"    missed {pair[0]} -> {pair[1]}")
            for pair in sorted(made - wanted):
                print(f"    extra  {pair[0]} -> {pair[1]}")
    for kind, (tp, n_made, n_wanted) in total.items():
        p = tp / n_made if n_made else 1.0
        r = tp / n_wanted if n_wanted else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"all pairs, {kind}: P {p:.3f} R {r:.3f} F1 {f:.3f}")


if __name__ == "__main__":
    main()
