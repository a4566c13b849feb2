#!/usr/bin/env python3
"""Typesets a long PDF for the load benchmark's upload: the bundled English fact sheet,
its paragraphs repeated page after page until about TEXT_MEGABYTES of text are drawn
(17.5, which makes a file of about 19.5 MB, under `pledge serve`'s 20 MB upload limit).

    pip install reportlab && python3 Benchmarks/large-pdf.py OUT.pdf [TEXT_MEGABYTES]

Pages are left uncompressed, so the file's size is mostly text for the reader to work through.
"""
import pathlib
import sys
import textwrap

from reportlab.lib.pagesizes import LETTER
from reportlab.pdfgen import canvas

out = sys.argv[1]
megabytes = float(sys.argv[2]) if len(sys.argv) > 2 else 17.5
source = pathlib.Path(__file__).resolve().parent.parent / "Sources/PledgeSeed/Documents/2024-04-10-japan-us-fact-sheet.en.txt"
paragraphs = [p.replace("**", "") for p in source.read_text(encoding="utf-8").split("\n\n") if p.strip()]

pdf = canvas.Canvas(out, pagesize=LETTER, pageCompression=0, invariant=1)
width, height = LETTER
page, written = 0, 0
lines = []
for paragraph in paragraphs:
    lines += textwrap.wrap(paragraph, 95) + [""]
while written < megabytes * 1_000_000:
    page += 1
    y = height - 60
    pdf.setFont("Helvetica", 9)
    pdf.drawString(72, height - 40, f"FACT SHEET (repeated for a load test) - page {page}")
    for i in range(60):
        line = lines[(page * 60 + i) % len(lines)]
        pdf.drawString(72, y, line)
        y -= 11
        written += len(line) + 29
    pdf.showPage()
pdf.save()
print(f"{out}: {page} pages")
