#!/usr/bin/env python3
"""Rewrites the Japanese fact sheet the way MOFA and the Kantei lay out their texts, with its
gold annotation carried over, for the layout tests.

    python3 Tests/PledgeExtractTests/Fixtures/ministry-layout/make.py

- `### **見出し**` and `## 見出し` become `１．見出し` (full-width numbers, in order);
- `**題名：**本文` becomes `（１）題名` on its own line with the text on the next (numbered
  within each section);
- `- ` bullets become `・`; the date line becomes `令和６年４月１０日`; `（了）` closes it.

Every gold span moves with the text it covers: a code point that is kept keeps its
annotation, and markup that is dropped maps to where its line now starts.
"""
import json
import pathlib
import re

here = pathlib.Path(__file__).resolve().parent
fixtures = here.parent
text = (fixtures / "2024-04-10-japan-us-fact-sheet.ja.txt").read_text(encoding="utf-8")
gold = json.loads((fixtures / "2024-04-10-japan-us-fact-sheet.ja.json").read_text(encoding="utf-8"))

WIDE = str.maketrans("0123456789", "０１２３４５６７８９")
out = []          # code points of the new text
where = {}        # old offset -> new offset
offset = 0        # old offset of the current line's start
section = 0
titled = 0


def keep(old_start, old_end):
    for k in range(old_start, old_end):
        where[k] = len(out)
        out.append(text[k])


def emit(s):
    out.extend(s)


for line in text.split("\n"):
    start = offset
    offset += len(line) + 1
    line_start_new = len(out)
    heading = re.match(r"^(#{1,6}) +(\*\*)?(.+?)(\*\*)? *$", line)
    title = re.match(r"^\*\*(.+?)(：)?\*\*(：)?", line)
    if line.strip() == "2024年4月10日":
        emit("令和６年４月１０日")
        for k in range(start, start + len(line)):
            where[k] = line_start_new
    elif heading:
        section += 1
        titled = 0
        emit(f"{section}．".translate(WIDE))
        a = start + heading.start(3)
        keep(a, start + heading.end(3))
        for k in range(start, a):
            where[k] = line_start_new
        for k in range(start + heading.end(3), start + len(line)):
            where[k] = len(out)
    elif title:
        titled += 1
        emit(f"（{titled}）".translate(WIDE))
        a = start + title.start(1)
        for k in range(start, a):
            where[k] = line_start_new
        keep(a, start + title.end(1))
        for k in range(start + title.end(1), start + title.end()):
            where[k] = len(out) + 1
        emit("\n")
        keep(start + title.end(), start + len(line))
    elif line.startswith("- "):
        emit("・")
        where[start] = where[start + 1] = line_start_new
        keep(start + 2, start + len(line))
    else:
        keep(start, start + len(line))
    where[start + len(line)] = len(out)
    emit("\n")
while out and out[-1] == "\n":
    out.pop()
emit("\n\n（了）\n")
new = "".join(out)


def move(record):
    record = dict(record)
    record["start"] = where[record["start"]]
    record["end"] = where[record["end"]] if record["end"] in where else len(new)
    return record


moved = dict(gold)
moved["document"] = dict(gold["document"], length=len(new), sha256=None)
moved["sections"] = [move(s) for s in gold["sections"]]
moved["items"] = [move(i) for i in gold["items"]]
moved["sentences"] = [move(s) for s in gold["sentences"]]
moved["amounts"] = [move(a) for a in gold["amounts"]]
times = []
for t in gold["times"]:
    t = move(t)
    if t["value"] == "2024-04-10" and t["start"] < 60:
        t["text"] = "令和６年４月１０日"
        t["end"] = t["start"] + len(t["text"])
    times.append(t)
moved["times"] = times
moved["terms"] = [move(t) for t in gold["terms"]]
for kind in ("items", "sentences", "amounts", "times", "terms"):
    for r in moved[kind]:
        if "text" in r and kind != "times":
            assert new[r["start"]:r["end"]] == r["text"], (kind, r)
(here / "ministry-layout.ja.txt").write_text(new, encoding="utf-8")
(here / "ministry-layout.ja.json").write_text(json.dumps(moved, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
print(f"{len(new)} code points, {section} headings")
