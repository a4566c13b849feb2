#!/usr/bin/env python3
"""Typesets the fact sheet as ministries and the White House publish it, for the PDF tests.

    pip install reportlab && python3 Tests/PledgeExtractTests/Fixtures/pdf/make.py

Writes, beside this script:

- `ministry-layout.ja.pdf`: the ministry-layout Japanese text (`../ministry-layout/`) on A4,
  with a running header on every page, `- N -` page numbers, lines wrapped mid-word as
  Japanese is typeset, and paragraphs cut by page breaks;
- `fact-sheet.en.pdf`: the English fact sheet on US Letter, with a running header and footer,
  `N/M` page numbers, lines wrapped between words and after hyphens, and paragraphs cut by
  page breaks.

reportlab's Japanese CID font (HeiseiMin-W3) needs no font file. The output is deterministic
(`invariant=1`), so the committed PDFs change only when this script or its input does.
"""
import pathlib

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

here = pathlib.Path(__file__).resolve().parent
fixtures = here.parent
pdfmetrics.registerFont(UnicodeCIDFont("HeiseiMin-W3"))


def wrap_japanese(text, font, size, width):
    lines, line = [], ""
    for ch in text:
        if pdfmetrics.stringWidth(line + ch, font, size) > width:
            lines.append(line)
            line = ""
        line += ch
    if line:
        lines.append(line)
    return lines


def wrap_english(text, font, size, width):
    """Between words, and after the hyphen of a hyphenated word that does not fit."""
    lines, line = [], ""
    for word in text.split(" "):
        candidate = (line + " " + word) if line else word
        if pdfmetrics.stringWidth(candidate, font, size) <= width:
            line = candidate
            continue
        if "-" in word[1:-1]:
            head, tail = word.split("-", 1)
            first = (line + " " + head + "-") if line else head + "-"
            if pdfmetrics.stringWidth(first, font, size) <= width:
                lines.append(first)
                line = tail
                continue
        if line:
            lines.append(line)
        line = word
    if line:
        lines.append(line)
    return lines


def typeset(path, text, *, pagesize, font, size, wrap, header, footer, number):
    width, height = pagesize
    margin = 64
    leading = size * 1.6
    # Paragraphs, as the text file has them: each non-blank line is one.
    blocks = [line.rstrip() for line in text.split("\n")]
    lines = []
    for block in blocks:
        if not block.strip():
            lines.append(None)  # paragraph gap
            continue
        lines.extend(wrap(block, font, size, width - 2 * margin))
    per_page = int((height - 2 * margin - 2 * leading) // leading)
    pages = []
    page = []
    for line in lines:
        if line is None and not page:
            continue
        page.append(line)
        if len(page) == per_page:
            pages.append(page)
            page = []
    if page:
        pages.append(page)
    c = canvas.Canvas(str(path), pagesize=pagesize, invariant=1)
    c.setTitle(header)
    for n, page in enumerate(pages, start=1):
        c.setFont(font, size - 2)
        c.drawString(margin, height - margin + leading, header)
        if footer:
            c.drawString(margin, margin - 2 * leading, footer)
        c.drawCentredString(width / 2, margin - leading, number(n, len(pages)))
        c.setFont(font, size)
        y = height - margin - leading
        for line in page:
            if line is not None:
                c.drawString(margin, y, line)
            y -= leading
        c.showPage()
    c.save()
    return len(pages)


ja = (fixtures / "ministry-layout" / "ministry-layout.ja.txt").read_text(encoding="utf-8")
n = typeset(here / "ministry-layout.ja.pdf", ja, pagesize=A4, font="HeiseiMin-W3", size=10.5, wrap=wrap_japanese,
            header="日米ファクトシート（仮訳）", footer=None, number=lambda n, total: f"- {n} -")
print(f"ministry-layout.ja.pdf: {n} pages")

en = (fixtures / "2024-04-10-japan-us-fact-sheet.en.txt").read_text(encoding="utf-8")
n = typeset(here / "fact-sheet.en.pdf", en, pagesize=LETTER, font="Times-Roman", size=11, wrap=wrap_english,
            header="FACT SHEET: Japan Official Visit with State Dinner to the United States",
            footer="The White House", number=lambda n, total: f"{n}/{total}")
print(f"fact-sheet.en.pdf: {n} pages")

# A scan: a page with drawings and no text layer.
c = canvas.Canvas(str(here / "scanned.pdf"), pagesize=A4, invariant=1)
c.rect(100, 400, 300, 200, fill=1)
c.showPage()
c.save()

# A PDF that opens only with a password.
c = canvas.Canvas(str(here / "encrypted.pdf"), pagesize=A4, invariant=1, encrypt="secret")
c.setFont("Times-Roman", 12)
c.drawString(72, 700, "The United States will open a consulate in 2025.")
c.showPage()
c.save()
print("scanned.pdf, encrypted.pdf")

# A release whose text states no date; the PDF's creation date stands in. reportlab's
# invariant mode writes 2000-01-01, replaced here by a date of the same length.
c = canvas.Canvas(str(here / "undated.en.pdf"), pagesize=LETTER, invariant=1)
c.setFont("Times-Roman", 12)
c.drawString(72, 700, "Joint Statement")
c.drawString(72, 660, "The two countries will open a joint office next year.")
c.showPage()
c.save()
pdf = (here / "undated.en.pdf").read_bytes()
stamp = b"D:20000101000000+00'00'"
assert pdf.count(stamp) == 2, "reportlab's invariant date moved"
(here / "undated.en.pdf").write_bytes(pdf.replace(stamp, b"D:20240410090000+09'00'"))
print("undated.en.pdf")
