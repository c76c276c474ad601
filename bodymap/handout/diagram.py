"""The body diagram on the PDF handout: front and back (and the close-ups the subject needs) as vectors.

It draws the same `Overlay` as the on-screen map, mapped to each view as the map maps it (see
`bodymap.handout.panels`): every place outlined, essential zones shaded, spillover zones lighter and
hatched, trigger points as X (numbered per muscle when there are several), highlighted regions
outlined thickly, and marked pain outlined dashed with its level.
Nothing relies on colour alone: hatching, outlines, dashes and numbers tell the layers apart.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from fpdf.enums import XPos, YPos

from bodymap.content import geometry
from bodymap.content.atlas import Atlas, Region
from bodymap.content.views import BODY_VIEWS
from bodymap.drawing.fill_patterns import hatch_segments
from bodymap.handout.layout import PdfPage
from bodymap.handout.panels import Panel, closeup_views, panel
from bodymap.reference.overlay import Overlay

GREY, LINE = (244, 244, 244), (150, 150, 150)
ESSENTIAL, SPILLOVER, HATCH = (226, 106, 76), (251, 217, 196), (214, 96, 66)
HIGHLIGHT, PAIN, INK = (20, 20, 20), (33, 102, 172), (0, 0, 0)
#: Distance between the hatch lines of spillover zones on paper, in mm.
HATCH_MM = 1.1
#: Least and most height of the row of close-ups under the body's front and back (titles included), and the
#: gap above it, in mm.
CLOSEUP_H, ROW_GAP = (46.0, 56.0), 1.5


@dataclass(frozen=True, slots=True)
class _Frame:
    """Maps body units of one view to page millimetres (y flipped)."""

    x0: float
    y0: float
    scale: float
    bx: float
    by: float

    def __call__(self, pt: tuple[float, float]) -> tuple[float, float]:
        return (self.x0 + (pt[0] - self.bx) * self.scale, self.y0 + (self.by - pt[1]) * self.scale)


def _hatch(pdf: PdfPage, frame: _Frame, outline: Sequence[tuple[float, float]]) -> None:
    """The map's diagonal hatch inside an outline (body units), its lines HATCH_MM apart on paper."""
    for a, b in hatch_segments(outline, HATCH_MM * math.sqrt(2) / frame.scale):
        pdf.line(*frame(a), *frame(b))


def _draw_panel(pdf: PdfPage, panel: Panel, frame: _Frame, size: float) -> None:
    """One view: the zones, then the highlight and pain outlines, then the trigger points on top."""
    _draw_zones(pdf, panel, frame)
    _draw_outlines(pdf, panel, frame, size)
    pdf.set_text_color(*INK)
    pdf.font(size - 1, bold=True)
    for number, at in panel.points:
        x, y = frame(at)
        _cross(pdf, x, y, 1.0)
        if number and panel.numbered:
            pdf.set_xy(x + 0.9, y - 3.2)
            pdf.cell(3, 2.4, str(number))


def _draw_zones(pdf: PdfPage, panel: Panel, frame: _Frame) -> None:
    """Every place outlined and filled (essential zones shaded, spillover lighter), spillover hatched."""
    pdf.set_line_width(0.15)
    pdf.set_draw_color(*LINE)
    for r in panel.regions:
        pdf.set_fill_color(*(ESSENTIAL if r.id in panel.essential else SPILLOVER if r.id in panel.spillover
                             else GREY))
        pdf.polygon([frame(p) for p in r.outline], style="DF")
    pdf.set_draw_color(*HATCH)
    pdf.set_line_width(0.12)
    for r in panel.regions:
        if r.id in panel.spillover:
            _hatch(pdf, frame, r.outline)


def _draw_outlines(pdf: PdfPage, panel: Panel, frame: _Frame, size: float) -> None:
    """Highlighted places outlined thickly; marked pain outlined dashed, with its level inside."""
    by_id = panel.by_id
    pdf.set_line_width(0.7)
    pdf.set_draw_color(*HIGHLIGHT)
    for rid in panel.outlined:
        pdf.polygon([frame(p) for p in by_id[rid].outline], style="D")
    pdf.set_draw_color(*PAIN)
    pdf.set_dash_pattern(dash=1.2, gap=0.8)
    for rid, _ in panel.pain:
        pdf.polygon([frame(p) for p in by_id[rid].outline], style="D")
    pdf.set_dash_pattern()
    pdf.set_text_color(*PAIN)
    pdf.font(size, bold=True)
    for rid, level in panel.pain:
        if level is not None:
            cx, cy = frame(geometry.interior_point(by_id[rid].outline))
            pdf.set_xy(cx - 3, cy - 1.5)
            pdf.cell(6, 3, str(level), align="C")


def _cross(pdf: PdfPage, x: float, y: float, d: float) -> None:
    pdf.set_draw_color(255, 255, 255)
    pdf.set_line_width(0.9)
    pdf.line(x - d, y - d, x + d, y + d)
    pdf.line(x - d, y + d, x + d, y - d)
    pdf.set_draw_color(*INK)
    pdf.set_line_width(0.4)
    pdf.line(x - d, y - d, x + d, y + d)
    pdf.line(x - d, y + d, x + d, y - d)


def draw_diagram(pdf: PdfPage, atlas: Atlas, overlay: Overlay, x: float, y: float, w: float, h: float) -> float:
    """Front and back side by side in the box and, under them, the close-ups that carry the subject's
    finer places (see `panels.closeup_views`); returns the y below them."""
    body = [panel(atlas, overlay, v) for v in BODY_VIEWS]
    closeups = [panel(atlas, overlay, v) for v in closeup_views(atlas, overlay)]
    bottom = _draw_row(pdf, body, x, y, w, h - (CLOSEUP_H[0] + ROW_GAP if closeups else 0.0), columns=2, size=7)
    if closeups:
        row_h = min(max(CLOSEUP_H[0], y + h - bottom - ROW_GAP), CLOSEUP_H[1])  # what the body leaves, in limits
        columns = max(len(closeups), 2)  # one close-up is as wide as a body view at most
        bottom = _draw_row(pdf, closeups, x, bottom + ROW_GAP, w, row_h, columns=columns, size=6)
    return bottom


def _extent(regions: Sequence[Region]) -> tuple[float, float, float, float]:
    boxes = [geometry.bounds(r.outline) for r in regions]
    return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)


def _draw_row(pdf: PdfPage, row: Sequence[Panel], x: float, y: float, w: float, h: float, columns: int,
              size: float) -> float:
    """Panels side by side at one scale, centred in `columns` columns, each titled under its view; the body
    views also name the person's left and right above. Returns the y below the titles."""
    row = [p for p in row if p.regions]
    if not row:
        return y
    gap, label_h = 4.0, 4.0
    col = (w - (columns - 1) * gap) / columns
    ext = {p.view: _extent(p.regions) for p in row}
    scale = min(min(col / (e[2] - e[0]), (h - 2 * label_h) / (e[3] - e[1])) for e in ext.values())
    left = x + (w - len(row) * col - (len(row) - 1) * gap) / 2  # close-ups centred; body views keep their column
    titles_y = y + label_h + max(e[3] - e[1] for e in ext.values()) * scale + 0.5  # one line for the row's titles
    for k, p in enumerate(row):
        bx0, by0, bx1, by1 = ext[p.view]
        cx = left + k * (col + gap)
        if p.view in BODY_VIEWS:
            cx = x + BODY_VIEWS.index(p.view) * (col + gap)
            _side_words(pdf, p.view, cx, y, col, label_h)
        frame = _Frame(cx + (col - (bx1 - bx0) * scale) / 2, y + label_h, scale, bx0, by1)
        pdf.set_text_color(*INK)
        _draw_panel(pdf, p, frame, size)
        pdf.font(size + 1, bold=True)
        pdf.set_xy(cx, titles_y)
        pdf.cell(col, label_h, pdf.txt(p.title), align="C")
    return titles_y + label_h


def _side_words(pdf: PdfPage, view: str, x: float, y: float, w: float, h: float) -> None:
    """The person's right is on the viewer's left in the front view, on the viewer's right behind."""
    left_word, right_word = ("Right", "Left") if view == "front" else ("Left", "Right")
    pdf.font(6.5)
    pdf.set_text_color(90, 90, 90)
    pdf.set_xy(x, y)
    pdf.cell(w / 2, h, left_word, align="L")
    pdf.cell(w / 2, h, right_word, align="R")


def draw_legend(pdf: PdfPage, overlay: Overlay, x: float, y: float, w: float) -> float:
    rows = []
    if overlay.essential_regions:
        rows.append(("essential", "Pain often felt here (main zone)"))
    if overlay.spillover_regions:
        rows.append(("spillover", "Pain sometimes felt here (hatched)"))
    if overlay.points:
        rows.append(("point", "Trigger point (X)" + (", numbered by muscle" if overlay.numbered else "")))
    if overlay.outlined:
        rows.append(("highlight", "Area shown (thick outline)"))
    if overlay.pain:
        rows.append(("pain", "Where you marked pain (dashed), with its level 0-10"))
    pdf.font(7)
    for kind, text in rows:
        sx, sy = x, y + 0.6
        if kind in ("essential", "spillover"):
            pdf.set_draw_color(*LINE)
            pdf.set_line_width(0.15)
            pdf.set_fill_color(*(ESSENTIAL if kind == "essential" else SPILLOVER))
            box = [(sx, sy), (sx + 5, sy), (sx + 5, sy + 3), (sx, sy + 3)]
            pdf.polygon(box, style="DF")
            if kind == "spillover":
                pdf.set_draw_color(*HATCH)
                pdf.set_line_width(0.12)
                _hatch(pdf, _Frame(sx, sy, 1.0, 0.0, 3.0), [(0.0, 0.0), (5.0, 0.0), (5.0, 3.0), (0.0, 3.0)])
        elif kind == "point":
            _cross(pdf, sx + 2.5, sy + 1.5, 1.0)
        else:
            pdf.set_line_width(0.6)
            pdf.set_draw_color(*(HIGHLIGHT if kind == "highlight" else PAIN))
            if kind == "pain":
                pdf.set_dash_pattern(dash=1.2, gap=0.8)
            pdf.polygon([(sx, sy), (sx + 5, sy), (sx + 5, sy + 3), (sx, sy + 3)], style="D")
            pdf.set_dash_pattern()
        pdf.set_xy(x + 7, y)
        pdf.multi_cell(w - 7, 4.2, pdf.txt(text), align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
        y = max(pdf.get_y(), y + 4.2)
    return y
