#!/usr/bin/env python3
"""Scores `pledge align` on the two versions of the seed fact sheet as published and perturbed.

    python3 Scripts/alignment-perturbed.py PLEDGE

The perturbations are those of `AlignmentTests`: five English items dropped and the first
section moved to the end; sections reordered on both sides; an English paragraph split in two
and two Japanese paragraphs merged. Each perturbed item is traced back to the published items
whose text it holds or is held in, and the hand-made pairing (`alignment.ja-en.tsv`) gives the
pairs to find. Prints the share of those found, the pairs made that are not among them, and
whether a Japanese item whose English counterpart was dropped was paired all the same.
"""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(HERE, "..", "Tests", "PledgeExtractTests", "Fixtures")
PLEDGE = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/pledge"


def extract(text):
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write(text)
    x = json.loads(subprocess.run([PLEDGE, "extract", f.name], capture_output=True, text=True, check=True).stdout)
    os.unlink(f.name)
    return x


def item_text(text, item):
    return text[item["start"]:item["end"]].strip()


def edited(text, removing=(), moving=(), split_at=(), join=()):
    keep = [True] * len(text)
    for start, end in list(removing) + list(moving):
        while end < len(text) and text[end] == "\n":
            end += 1
        for k in range(start, end):
            keep[k] = False
    out = []
    for k, c in enumerate(text):
        if k in split_at:
            out.append("\n\n")
        if k in join:
            continue
        if keep[k]:
            out.append(c)
    for start, end in moving:
        out.append("\n\n" + text[start:end])
    return "".join(out)


def origins(text, x, original_text, original):
    old = [(i["id"], item_text(original_text, i)) for i in original["items"]]
    return {i["id"]: [oid for oid, t in old if item_text(text, i) in t or t in item_text(text, i)] for i in x["items"]}


def score(name, ja_text, en_text, ja0, en0, orphans=()):
    ja_text0, xa0 = ja0
    en_text0, xb0 = en0
    xa, xb = extract(ja_text), extract(en_text)
    oa, ob = origins(ja_text, xa, ja_text0, xa0), origins(en_text, xb, en_text0, xb0)
    hand = [tuple(l.split("\t")[:2]) for l in open(os.path.join(FIX, "alignment.ja-en.tsv"), encoding="utf-8").read().splitlines()[1:] if l]
    expected = {(a["id"], b["id"]) for a in xa["items"] for b in xb["items"]
                if any(h[0] in oa[a["id"]] and h[1] in ob[b["id"]] for h in hand)}
    with tempfile.TemporaryDirectory() as d:
        fa, fb = os.path.join(d, "ja.txt"), os.path.join(d, "en.txt")
        open(fa, "w", encoding="utf-8").write(ja_text)
        open(fb, "w", encoding="utf-8").write(en_text)
        out = json.loads(subprocess.run([PLEDGE, "align", fa, fb], capture_output=True, text=True, check=True).stdout)
    made = {(p["ja"], p["en"]) for p in out["pairs"] if p["ja"] and p["en"]}
    false_orphans = [p for p in made if p[0] in orphans]
    right = len(made & expected)
    print(f"{name:55} {right}/{len(expected)} = {right / len(expected):.3f} right, {len(made - expected)} pairs not made by hand"
          + (f", {len(false_orphans)} pairs for dropped items' counterparts" if orphans else ""))


def main():
    ja_text = open(os.path.join(FIX, "2024-04-10-japan-us-fact-sheet.ja.txt"), encoding="utf-8").read()
    en_text = open(os.path.join(FIX, "2024-04-10-japan-us-fact-sheet.en.txt"), encoding="utf-8").read()
    xa, xb = extract(ja_text), extract(en_text)
    ja0, en0 = (ja_text, xa), (en_text, xb)
    score("published", ja_text, en_text, ja0, en0)

    dropped = [xb["items"][k] for k in (5, 20, 41, 60, 88)]
    first = next(s for s in xb["sections"] if s["heading"] is not None)
    hand = dict(tuple(l.split("\t")[:2]) for l in open(os.path.join(FIX, "alignment.ja-en.tsv"), encoding="utf-8").read().splitlines()[1:] if l)
    orphans = {ja for ja, en in hand.items() if en in {d["id"] for d in dropped}}
    score("5 English items dropped, first section moved to the end",
          ja_text, edited(en_text, removing=[(d["start"], d["end"]) for d in dropped], moving=[(first["start"], first["end"])]),
          ja0, en0, orphans)

    js = [s for s in xa["sections"] if s["heading"] is not None]
    es = [s for s in xb["sections"] if s["heading"] is not None]
    score("sections reordered on both sides",
          edited(ja_text, moving=[(js[-2]["start"], js[-2]["end"])]),
          edited(en_text, moving=[(es[1]["start"], es[1]["end"]), (es[0]["start"], es[0]["end"])]), ja0, en0)

    long = next(i for i in xb["items"] if i["kind"] == "titled" and sum(1 for s in xb["sentences"] if s["item"] == i["id"]) >= 3)
    second = [s for s in xb["sentences"] if s["item"] == long["id"]][1]
    items = xa["items"]
    k = next(k for k in range(30, len(items) - 1) if items[k]["kind"] == "titled" and items[k + 1]["kind"] == "titled"
             and items[k]["section"] == items[k + 1]["section"])
    score("an English paragraph split, two Japanese merged",
          edited(ja_text, join=set(range(items[k]["end"], items[k + 1]["start"]))),
          edited(en_text, split_at={second["start"]}), ja0, en0)


if __name__ == "__main__":
    main()
