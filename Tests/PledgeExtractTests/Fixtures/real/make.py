#!/usr/bin/env python3
"""Builds the real-document fixtures from the sources listed in README.md.

White House releases come from a Markdown mirror of the published pages: the front
matter gives the title and publication time, and the body is turned back into the
HTML the page carried (`<p><strong><u>Heading</u></strong></p>`, lists, links), so
Pledge reads them as a user who saved the page would. Diet speeches are the record's
text as published, CRLF line ends and full-width indents included.

    python3 make.py SOURCE_DIR    (needs `pip install markdown pyyaml`)
"""
import html, re, sys
from pathlib import Path
import markdown
import yaml

here = Path(__file__).parent
src = Path(sys.argv[1])

def front(text):
    m = re.match(r"---\n(.*?)\n---\n", text, re.S)
    return yaml.safe_load(m.group(1)), text[m.end():]

for name in ["2021-03-12-quad-leaders-joint-statement-spirit-of-the-quad", "2021-09-24-fact-sheet-quad-leaders-summit",
             "2025-02-07-us-japan-joint-leaders-statement"]:
    meta, body = front((src / f"{name}.en.txt").read_text())
    body = body.replace("\\###", "###")
    # A closing ### is a paragraph of its own on the page, not a Markdown heading.
    body = re.sub(r"^###\s*$", "<p>###</p>", body, flags=re.M)
    page = (f'<!DOCTYPE html>\n<html lang="en-US"><head><meta charset="utf-8">\n'
            f'<meta property="article:published_time" content="{str(meta["published_time"]).replace(" ", "T")}">\n'
            f'<title>{html.escape(meta["title"])} | The White House</title></head>\n<body>\n'
            f'<h1>{html.escape(meta["title"])}</h1>\n{markdown.markdown(body)}\n</body></html>\n')
    (here / f"{name}.en.html").write_text(page)

for name in ["2023-01-23-hayashi-gaiko-enzetsu", "2024-11-29-ishiba-shoshin-hyomei-enzetsu"]:
    (here / f"{name}.ja.txt").write_bytes((src / f"{name}.ja.txt").read_bytes())
