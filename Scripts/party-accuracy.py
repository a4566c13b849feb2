#!/usr/bin/env python3
"""Party-set accuracy of `pledge extract` on the hand-annotated documents in
Tests/PledgeExtractTests/Fixtures/parties/: each annotated sentence is found among the
extracted ones by its text, and counts when its parties are the same set.

    python3 Scripts/party-accuracy.py [PATH-TO-pledge] [-v]

-v lists every sentence read otherwise, with the actor Pledge found.
"""
import glob, json, os, re, subprocess, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
args = [a for a in sys.argv[1:] if a != "-v"]
pledge = args[0] if args else os.path.join(root, ".build", "debug", "pledge")
verbose = "-v" in sys.argv

def norm(text):
    return re.sub(r"\s+", " ", text).strip()

totals = {}
for gold_file in sorted(glob.glob(os.path.join(root, "Tests/PledgeExtractTests/Fixtures/parties/*.parties.json"))):
    name = os.path.basename(gold_file)[: -len(".parties.json")]
    text_file = gold_file[: -len(".parties.json")] + ".txt"
    gold = json.load(open(gold_file, encoding="utf-8"))
    text = open(text_file, encoding="utf-8").read()
    run = subprocess.run([pledge, "extract", text_file], capture_output=True, text=True, check=True)
    extraction = json.loads(run.stdout)
    found = {norm(text[s["start"]:s["end"]]): s for s in extraction["sentences"]}
    good = 0
    for sentence in gold["sentences"]:
        mine = found.get(norm(sentence["text"]))
        if mine is not None and sorted(mine["parties"]) == sorted(sentence["parties"]):
            good += 1
        elif verbose:
            print("   expected %-24s read %-24s actor %s | %s" % (
                ",".join(sentence["parties"]) or "-", "(no such sentence)" if mine is None else ",".join(mine["parties"]) or "-",
                mine and mine.get("actor"), sentence["text"][:80]))
    n = len(gold["sentences"])
    document = extraction["document"]
    same = document["parties"] == gold["document"]["parties"]
    print("%-55s %5.3f  of %3d sentences  document parties %s%s" % (
        name, good / n, n, ",".join(document["parties"]), "" if same else "  (annotated " + ",".join(gold["document"]["parties"]) + ")"))
    language = name.rsplit(".", 1)[-1]
    g, t = totals.get(language, (0, 0))
    totals[language] = (g + good, t + n)
for language, (g, t) in sorted(totals.items()):
    print("%s: %.3f of %d sentences" % (language, g / t, t))
