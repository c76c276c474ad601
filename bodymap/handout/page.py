"""A one-page A4 PDF handout for a region, muscle, condition or "where does it hurt" result.

`build_handout` puts a title and date on top, the body diagram with the subject's overlay (the same
`subject_overlay` the map draws) and its legend on the left, the subject's sheet (`sheet_for`, the
words the panel shows, for paper) on the right, sources under the legend and the disclaimer at the
foot, with the clinic's contact line under it when a clinic pack is loaded. Text is DejaVu Sans
when installed (Debian `fonts-dejavu-core`), else the PDF core font with text folded to Latin-1.
Text that does not fit is set smaller, then shortened ("...and 3 more in the app"), so it is always
one page.
"""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

from bodymap.content.atlas import Atlas
from bodymap.handout.diagram import LINE, draw_diagram, draw_legend
from bodymap.handout.layout import FONT_DIR, PAGE_H, PAGE_W, PdfPage, Section
from bodymap.reference.overlay import Overlay
from bodymap.reference.screen import Subject, subject_overlay
from bodymap.reference.text import Sheet, sheet_for

DISCLAIMER = "Educational information, not a diagnosis. Pain has many causes: ask a qualified clinician."

MARGIN, LEFT_W, GAP, FOOTER_H = 12.0, 78.0, 6.0, 14.0
CONTACT_H = 7.0  # the footer's extra room for a clinic's name and contact line (two lines at the longest)
SIZES = (9.5, 9.0, 8.5, 8.0, 7.5, 7.0, 6.5)
SOURCE_SIZES = (7.0, 6.5, 6.0, 5.5)
FOOTER_SIZES = (7.5, 7.0, 6.5, 6.0)
PARAGRAPH_STYLES = ("text", "good")  # set as paragraphs; every other style as a (numbered) list


def build_handout(atlas: Atlas, subject: Subject, when: date, font_dir: Path | None = FONT_DIR) -> bytes:
    """The handout as PDF bytes: one A4 page, its diagram drawing what the map draws for the subject.

    Raises KeyError for unknown ids and ValueError for bad marked pain.
    """
    sheet = sheet_for(atlas, subject, medium="paper")
    overlay = subject_overlay(atlas, subject)
    slack = 0.0
    while True:
        pdf, overflow = _render(atlas, sheet, overlay, when, font_dir, slack)
        if overflow <= 0 or slack > 60:
            return bytes(pdf.output())
        slack += overflow + 2  # measuring was short of the real setting: leave that much more room


def paper_sections(sheet: Sheet) -> list[Section]:
    """The sheet's sections as the layout sets them: intro first, leads bold in paragraphs, "lead: text" in lists."""
    out = []
    for s in sheet.sections:
        texts = [(line.lead, f"{line.text} {line.map_note}".strip()) for line in s.lines]
        paragraphs = [("", s.intro)] if s.intro else []
        if s.style in PARAGRAPH_STYLES:
            out.append(Section(s.heading, paragraphs + texts))
        else:
            items = [f"{lead}: {text}" if lead else text for lead, text in texts]
            out.append(Section(s.heading, paragraphs, items, numbered=s.style == "numbered"))
    return out


def _citation(atlas: Atlas, key: str) -> str:
    s = atlas.sources[key]
    extra = f" doi:{s.doi}" if s.doi else f" {s.url}" if s.url else ""
    return s.citation + extra


def _render(atlas: Atlas, sheet: Sheet, overlay: Overlay, when: date, font_dir: Path | None,
            slack: float) -> tuple[PdfPage, float]:
    """Lay the page out; also return by how many mm the text overran its boxes (<= 0 when it fits)."""
    pdf = PdfPage(font_dir)
    pdf.set_title(pdf.txt(sheet.title))
    pdf.set_creator("bodymap")
    pdf.set_creation_date(datetime.combine(when, time(12, 0)))
    x = MARGIN
    top = _header(pdf, sheet, when)
    bottom = PAGE_H - MARGIN - FOOTER_H - (CONTACT_H if atlas.clinic else 0.0)
    diagram_bottom = draw_diagram(pdf, atlas, overlay, x, top, LEFT_W, min(150.0, bottom - top - 70))
    legend_bottom = draw_legend(pdf, overlay, x, diagram_bottom + 2, LEFT_W)

    right_x = x + LEFT_W + GAP
    right_w = PAGE_W - MARGIN - right_x
    sections, size = pdf.fit(paper_sections(sheet), right_w, bottom - top - slack, SIZES)
    overflow = pdf.flow(sections, right_x, top, right_w, size) - bottom

    if sheet.sources:
        src_top = legend_bottom + 3
        sources = [Section("Sources", items=[_citation(atlas, k) for k in sheet.sources])]
        sources, size = pdf.fit(sources, LEFT_W, bottom - src_top - slack, SOURCE_SIZES)
        overflow = max(overflow, pdf.flow(sources, x, src_top, LEFT_W, size) - bottom)
    return pdf, max(overflow, _footer(pdf, atlas, bottom, slack))


def _header(pdf: PdfPage, sheet: Sheet, when: date) -> float:
    """Title, clinical term, date and a rule across; return the y where the body starts."""
    x, full = MARGIN, PAGE_W - 2 * MARGIN
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    header, size = pdf.fit([Section(sheet.title)], full - 42, 16, (17.0, 15.0, 13.0))
    header_bottom = pdf.flow(header, x, MARGIN, full - 42, size)
    pdf.set_text_color(70, 70, 70)
    if sheet.clinical:
        sub, size = pdf.fit([Section("", [("", sheet.clinical)])], full - 42, 9, (9.5, 8.5, 7.5))
        header_bottom = pdf.flow(sub, x, pdf.get_y() + 0.5, full - 42, size)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.font(8.5)
    pdf.set_xy(PAGE_W - MARGIN - 40, MARGIN + 1)
    pdf.cell(40, 4, pdf.txt(f"{when.day} {when:%B %Y}"), align="R")
    pdf.set_xy(PAGE_W - MARGIN - 40, MARGIN + 5)
    pdf.cell(40, 4, "bodymap handout", align="R")
    pdf.set_text_color(0, 0, 0)
    top = max(header_bottom, MARGIN + 10) + 3
    pdf.set_draw_color(*LINE)
    pdf.set_line_width(0.2)
    pdf.line(x, top - 1.5, PAGE_W - MARGIN, top - 1.5)
    return top


def _footer(pdf: PdfPage, atlas: Atlas, bottom: float, slack: float) -> float:
    """A rule, the disclaimer and the clinic's contact line below `bottom`; return by how many mm it overran
    the page. The contact line has room of its own, so it never shortens the disclaimer."""
    x, full = MARGIN, PAGE_W - 2 * MARGIN
    pdf.set_draw_color(*LINE)
    pdf.set_line_width(0.2)
    pdf.line(x, bottom + 2, PAGE_W - MARGIN, bottom + 2)
    footer = [Section("", [("Not a diagnosis", DISCLAIMER + " " + atlas.session.disclaimer)])]
    footer, size = pdf.fit(footer, full, FOOTER_H - 3 - slack / 4, FOOTER_SIZES)
    y = pdf.flow(footer, x, bottom + 3, full, size)
    if atlas.clinic:
        contact = [Section("", [(atlas.clinic.name, atlas.clinic.contact)])]
        contact, size = pdf.fit(contact, full, CONTACT_H - 1 - slack / 8, FOOTER_SIZES)
        y = pdf.flow(contact, x, y + 0.5, full, size)
    return y - (PAGE_H - MARGIN + 1)
