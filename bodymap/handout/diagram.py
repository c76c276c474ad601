"""The body diagram on the PDF handout: both views drawn as vectors from the region outlines.

It draws the same `Overlay` as the on-screen map: every region outlined, essential zones shaded,
spillover zones lighter and hatched, trigger points as X (numbered per muscle when there are
several), highlighted regions outlined thickly, and marked pain outlined dashed with its level.
Nothing relies on colour alone: hatching, outlines, dashes and numbers tell the layers apart.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from fpdf.enums import XPos, YPos

from bodymap.content import geometry
from bodymap.content.atlas import Atlas, Region
from bodymap.drawing.fill_patterns import hatch_segments
from bodymap.handout.layout import PdfPage
from bodymap.reference.overlay import Overlay

GREY, LINE = (244, 244, 244), (150, 150, 150)
ESSENTIAL, SPILLOVER, HATCH = (226, 106, 76), (251, 217, 196), (214, 96, 66)
HIGHLIGHT, PAIN, INK = (20, 20, 20), (33, 102, 172), (0, 0, 0)
#: Distance between the hatch lines of spillover zones on paper, in mm.
HATCH_MM = 1.1


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


def _draw_view(pdf: PdfPage, atlas: Atlas, view: str, overlay: Overlay, frame: _Frame, size: float) -> None:
    """One view: the zones, then the highlight and pain outlines, then the trigger points on top."""
    by_id = {r.id: r for r in atlas.regions.values() if r.view == view}
    _draw_zones(pdf, list(by_id.values()), overlay, frame)
    _draw_outlines(pdf, by_id, overlay, frame, size)
    pdf.set_text_color(*INK)
    pdf.font(size - 1, bold=True)
    for number, p in overlay.points:
        if p.region in by_id:
            x, y = frame(p.at)
            _cross(pdf, x, y, 1.0)
            if overlay.numbered and number:
                pdf.set_xy(x + 0.9, y - 3.2)
                pdf.cell(3, 2.4, str(number))


def _draw_zones(pdf: PdfPage, regions: list[Region], overlay: Overlay, frame: _Frame) -> None:
    """Every region outlined and filled (essential zones shaded, spillover lighter), spillover hatched."""
    essential, spillover = set(overlay.essential_regions), set(overlay.spillover_regions)
    pdf.set_line_width(0.15)
    pdf.set_draw_color(*LINE)
    for r in regions:
        pdf.set_fill_color(*(ESSENTIAL if r.id in essential else SPILLOVER if r.id in spillover else GREY))
        pdf.polygon([frame(p) for p in r.outline], style="DF")
    pdf.set_draw_color(*HATCH)
    pdf.set_line_width(0.12)
    for r in regions:
        if r.id in spillover:
            _hatch(pdf, frame, r.outline)


def _draw_outlines(pdf: PdfPage, by_id: dict[str, Region], overlay: Overlay, frame: _Frame, size: float) -> None:
    """Highlighted regions outlined thickly; marked pain outlined dashed, with its level inside."""
    pdf.set_line_width(0.7)
    pdf.set_draw_color(*HIGHLIGHT)
    for rid in overlay.outlined:
        if rid in by_id:
            pdf.polygon([frame(p) for p in by_id[rid].outline], style="D")
    pdf.set_draw_color(*PAIN)
    pdf.set_dash_pattern(dash=1.2, gap=0.8)
    for rid, _ in overlay.pain:
        if rid in by_id:
            pdf.polygon([frame(p) for p in by_id[rid].outline], style="D")
    pdf.set_dash_pattern()
    pdf.set_text_color(*PAIN)
    pdf.font(size, bold=True)
    for rid, level in overlay.pain:
        if rid in by_id and level is not None:
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
    """Front and back views side by side in the box; returns the y below them."""
    views = ("front", "back")
    boxes = {v: [geometry.bounds(r.outline) for r in atlas.regions.values() if r.view == v] for v in views}
    ext = {v: (min(b[0] for b in bs), min(b[1] for b in bs), max(b[2] for b in bs), max(b[3] for b in bs))
           for v, bs in boxes.items() if bs}
    if not ext:
        return y
    gap, label_h = 4.0, 4.0
    col = (w - gap) / 2
    scale = min(min(col / (e[2] - e[0]), (h - 2 * label_h) / (e[3] - e[1])) for e in ext.values())
    bottom = y
    for k, v in enumerate(views):
        if v not in ext:
            continue
        bx0, by0, bx1, by1 = ext[v]
        cx = x + k * (col + gap) + (col - (bx1 - bx0) * scale) / 2
        frame = _Frame(cx, y + label_h, scale, bx0, by1)
        # The person's right is on the viewer's left in the front view, on the viewer's right behind.
        left_word, right_word = ("Right", "Left") if v == "front" else ("Left", "Right")
        pdf.font(6.5)
        pdf.set_text_color(90, 90, 90)
        pdf.set_xy(x + k * (col + gap), y)
        pdf.cell(col / 2, label_h, left_word, align="L")
        pdf.cell(col / 2, label_h, right_word, align="R")
        pdf.set_text_color(*INK)
        _draw_view(pdf, atlas, v, overlay, frame, 7)
        pdf.font(8, bold=True)
        view_bottom = y + label_h + (by1 - by0) * scale
        pdf.set_xy(x + k * (col + gap), view_bottom + 0.5)
        pdf.cell(col, label_h, "Front" if v == "front" else "Back", align="C")
        bottom = max(bottom, view_bottom + 0.5 + label_h)
    return bottom


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
