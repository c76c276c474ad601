"""A one-page A4 PDF handout for a region, muscle, condition or "where does it hurt" result.

The body diagram is drawn as vectors from the region outlines with the same `Overlay` as the
on-screen map: regions outlined, essential zones shaded, spillover zones lighter and hatched,
trigger points as X (numbered per muscle when there are several), highlighted regions outlined
thickly and marked pain outlined dashed with its level. Text uses DejaVu Sans when installed
(Debian `fonts-dejavu-core`), else the PDF core font with the text folded to Latin-1. Text that
does not fit is set smaller, then shortened ("...and 3 more"), so the handout is always one page.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from pathlib import Path
from typing import Literal

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from . import geometry
from .atlas import Atlas, BodySide
from .lookup import (
    condition_muscles,
    muscle_referral,
    points_in_region,
    referring_muscles,
    related_conditions,
)
from .overlay import Overlay
from .ranking import rank_candidates

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
DISCLAIMER = "Educational information, not a diagnosis. Pain has many causes: ask a qualified clinician."

PAGE_W, PAGE_H, MARGIN = 210.0, 297.0, 12.0
LEFT_W, GAP = 78.0, 6.0
FOOTER_H = 14.0
SIZES = (9.5, 9.0, 8.5, 8.0, 7.5, 7.0, 6.5)
SOURCE_SIZES = (7.0, 6.5, 6.0, 5.5)
FOOTER_SIZES = (7.5, 7.0, 6.5, 6.0)

GREY, LINE = (244, 244, 244), (150, 150, 150)
ESSENTIAL, SPILLOVER, HATCH = (226, 106, 76), (251, 217, 196), (214, 96, 66)
HIGHLIGHT, PAIN, INK = (20, 20, 20), (33, 102, 172), (0, 0, 0)

Kind = Literal["region", "muscle", "condition", "pain"]


@dataclass(frozen=True, slots=True)
class Subject:
    """What the handout is about: a region, muscle or condition id, or marked pain (region, level)."""

    kind: Kind
    id: str = ""
    pain: tuple[tuple[str, int | None], ...] = ()
    side: BodySide | None = None


# ---------------------------------------------------------------- text content


@dataclass(slots=True)
class Section:
    """A heading with paragraphs (label, text) and a list of items; `more` counts items cut to fit."""

    heading: str
    paragraphs: list[tuple[str, str]] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    more: int = 0
    numbered: bool = False


@dataclass(slots=True)
class Content:
    title: str
    subtitle: str
    sections: list[Section]
    sources: list[str]


def _join(names: Iterable[str]) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""


def _region_names(atlas: Atlas, region_ids: Iterable[str], side: BodySide | None) -> list[str]:
    """Region names; with both sides shown, one name per base region."""
    out: dict[str, None] = {}
    for rid in region_ids:
        r = atlas.regions[rid]
        out[r.name if side is None or r.side == "midline" else r.label] = None
    return list(out)


def _citation(atlas: Atlas, key: str) -> str:
    s = atlas.sources[key]
    extra = f" doi:{s.doi}" if s.doi else f" {s.url}" if s.url else ""
    return s.citation + extra


def _notes_sections(atlas: Atlas, notes_ids: Iterable[str]) -> tuple[list[Section], list[str]]:
    sections, keys = [], []
    for nid in dict.fromkeys(notes_ids):
        n = atlas.region_notes[nid]
        paragraphs = [("How you lie", n.position), ("How it feels", n.feel)]
        sections.append(Section(f"Dry needling here: {n.title}", paragraphs, list(n.cautions)))
        keys += n.sources
    return sections, keys


def _red_flags(atlas: Atlas, extra: Sequence[str] = ()) -> Section:
    items = list(extra) + [f"{f.name}: {f.text}" for f in atlas.session.red_flags]
    return Section("See a doctor first (do not wait for needling) if you have", items=items)


def content_for(atlas: Atlas, subject: Subject) -> Content:
    """The handout's text for a subject. Raises KeyError for unknown ids."""
    a = atlas
    if subject.kind == "region":
        region = a.regions[subject.id]
        points = points_in_region(a, region.id)
        seen = dict.fromkeys((p.muscle, p.point.id) for p in points)
        here = [f"{a.muscles[m].name}: {next(tp.label for tp in a.muscles[m].trigger_points if tp.id == t)}"
                for m, t in seen]
        refer = [f"{r.name} ({'often' if r.strength == 'essential' else 'sometimes'})"
                 for r in referring_muscles(a, region.id)]
        conds = [c.name for c in related_conditions(a, region.id)]
        notes, keys = _notes_sections(a, [region.notes])
        sections = [
            Section("Trigger points found here", items=here or ["None in this map."]),
            Section("Muscles that can send pain here", items=refer or ["None in this map."]),
        ]
        if conds:
            sections.append(Section("Related conditions", items=conds))
        sections += notes + [_red_flags(a)]
        muscles = dict.fromkeys(m for m, _ in seen)
        keys += [k for m in muscles for k in a.muscles[m].sources]
        return Content(region.label, region.clinical, sections, keys)
    if subject.kind == "muscle":
        m = a.muscles[subject.id]
        ref = muscle_referral(a, m.id, subject.side)
        where = [("Often", _join(_region_names(a, ref.essential, subject.side)))]
        if ref.spillover:
            where.append(("Sometimes", _join(_region_names(a, ref.spillover, subject.side))))
        sections = [
            Section("What it is", [("", m.description)]),
            Section("Where its pain is felt", where),
            Section("Its trigger points (X on the diagram)", items=[tp.label for tp in m.trigger_points]),
            Section("Often mistaken for", items=list(m.mimics)),
            Section("What keeps it going", items=list(m.perpetuating)),
            Section("Self-care", [("", m.self_care)]),
            Section("Needling cautions", items=list(m.cautions)),
        ]
        notes_ids = [a.regions[a.resolve(tp.region, "left")].notes for tp in m.trigger_points]
        notes, keys = _notes_sections(a, notes_ids)
        sections = [s for s in sections if s.items or s.paragraphs] + notes + [_red_flags(a)]
        return Content(m.name, m.clinical, sections, list(m.sources) + keys)
    if subject.kind == "condition":
        c = a.conditions[subject.id]
        felt = _region_names(a, [r for b in c.regions for r in a.region_ids_for(b)
                                 if subject.side is None or a.regions[r].side in (subject.side, "midline")],
                             subject.side)
        muscles = [f"{a.muscles[mid].name} ({'main' if role == 'primary' else 'also common'})"
                   for mid, role in condition_muscles(a, c.id)]
        notes_ids = [a.regions[a.resolve(b, "left")].notes for b in c.regions]
        notes, keys = _notes_sections(a, notes_ids)
        sections = [
            Section("About it", [("", c.summary), ("Usually felt", _join(felt))]),
            Section("Muscles often involved (numbered as on the diagram)", items=muscles, numbered=True),
            _red_flags(a, c.red_flags),
            *notes,
        ]
        return Content(c.name, c.clinical, sections, list(c.sources) + keys)
    if subject.kind == "pain":
        pain = dict(subject.pain)
        candidates = rank_candidates(a, pain)
        marked = [f"{a.regions[r].label}: " + ("level not given" if i is None else f"{i} out of 10")
                  for r, i in pain.items()]
        found = [f"{c.name}. {c.explanation}" for c in candidates] or ["No muscle in this map refers pain there."]
        notes, keys = _notes_sections(a, [a.regions[r].notes for r in pain])
        sections = [
            Section("Where you marked pain", items=marked),
            Section("Muscles that may be involved",
                    [("", "Possibilities from pain maps, not a diagnosis; numbered as on the diagram. "
                          "A clinician can check them.")],
                    found, numbered=bool(candidates)),
            _red_flags(a),
            *notes,
        ]
        keys += [k for c in candidates for k in a.muscles[c.muscle].sources]
        return Content("Where it hurts", "Muscles whose trigger points can cause pain in the places you marked",
                       sections, keys)
    raise ValueError(f"unknown handout subject {subject.kind!r}")


# ---------------------------------------------------------------- fonts and text


class _Pdf(FPDF):
    def __init__(self, font_dir: Path | None):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.set_auto_page_break(False)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        regular, bold = (font_dir / "DejaVuSans.ttf", font_dir / "DejaVuSans-Bold.ttf") if font_dir else (None, None)
        self.unicode = bool(regular and bold and regular.is_file() and bold.is_file())
        if self.unicode:
            self.add_font("body", "", str(regular))
            self.add_font("body", "B", str(bold))
            self.family = "body"
        else:
            self.family = "helvetica"
        self.add_page()

    def txt(self, text: str) -> str:
        """Text the font can draw: as is with DejaVu, folded to Latin-1 with the core font."""
        return text if self.unicode else to_latin1(text)

    def font(self, size: float, bold: bool = False) -> None:
        self.set_font(self.family, "B" if bold else "", size)


_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
                       "\u2022": "-", "\u2026": "...", "\u2212": "-", "\u00a0": " ", "\u2265": ">=", "\u2264": "<="})


def to_latin1(text: str) -> str:
    """Fold text to Latin-1: typographic quotes and dashes to ASCII, accents kept where Latin-1 has them."""
    text = text.translate(_FOLD)
    out = []
    for ch in text:
        if ord(ch) < 256:
            out.append(ch)
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        out.append(base if base and all(ord(c) < 256 for c in base) else "?")
    return "".join(out)


def _leading(size: float) -> float:
    return size * 0.3528 * 1.22


def _flow(pdf: _Pdf, sections: Sequence[Section], x: float, y: float, w: float, size: float) -> float:
    """Set sections in a column from y; return the y below the last line."""
    pdf.set_left_margin(x)
    pdf.set_right_margin(PAGE_W - x - w)
    h = _leading(size)
    pdf.set_xy(x, y)
    for k, s in enumerate(sections):
        if k:
            pdf.set_y(pdf.get_y() + h * 0.5)
        if s.heading:
            pdf.font(size + 1.5, bold=True)
            pdf.multi_cell(w, _leading(size + 1.5), pdf.txt(s.heading), align="L", new_x=XPos.LMARGIN,
                           new_y=YPos.NEXT)
        for label, text in s.paragraphs:
            pdf.set_x(x)
            if label:
                pdf.font(size, bold=True)
                pdf.write(h, pdf.txt(label + ": "))
            pdf.font(size)
            pdf.write(h, pdf.txt(text))
            pdf.ln(h)
        pdf.font(size)
        items = list(s.items) + ([f"...and {s.more} more in the app."] if s.more else [])
        for i, item in enumerate(items, start=1):
            mark = f"{i}." if s.numbered and not (s.more and i == len(items)) else "\u2022"
            indent = 4.5 if s.numbered else 3.5
            pdf.set_x(x)
            pdf.cell(indent, h, pdf.txt(mark))
            pdf.multi_cell(w - indent, h, pdf.txt(item), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return pdf.get_y()


def _shorten(sections: list[Section]) -> bool:
    """Drop one item from the longest list (keeping one); else shorten the longest paragraph. False if stuck."""
    longest = max(sections, key=lambda s: len(s.items))
    if len(longest.items) > 1:
        longest.items.pop()
        longest.more += 1
        return True
    paragraphs = [(len(t), si, pi) for si, s in enumerate(sections) for pi, (_, t) in enumerate(s.paragraphs)]
    if paragraphs and max(paragraphs)[0] > 80:
        _, si, pi = max(paragraphs)
        label, text = sections[si].paragraphs[pi]
        cut = text[: int(len(text) * 0.8)].rsplit(" ", 1)[0]
        sections[si].paragraphs[pi] = (label, cut + " ...")
        return True
    longest_item = max(((len(t), si, ii) for si, s in enumerate(sections) for ii, t in enumerate(s.items)),
                       default=(0, 0, 0))
    if longest_item[0] > 80:
        _, si, ii = longest_item
        text = sections[si].items[ii]
        sections[si].items[ii] = text[: int(len(text) * 0.8)].rsplit(" ", 1)[0] + " ..."
        return True
    if len(sections) > 1:
        sections.pop()
        return True
    return False


def _fit(font_dir: Path | None, sections: list[Section], w: float, height: float,
         sizes: Sequence[float]) -> tuple[list[Section], float]:
    """The largest size at which the sections fit, shortening them at the smallest size if needed."""
    scratch = _Pdf(font_dir)
    for size in sizes:
        if _flow(scratch, sections, 0, 0, w, size) <= height:
            return sections, size
    work = [replace(s, paragraphs=list(s.paragraphs), items=list(s.items)) for s in sections]
    size = sizes[-1]
    while _flow(scratch, work, 0, 0, w, size) > height and _shorten(work):
        pass
    return work, size


# ---------------------------------------------------------------- diagram


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


def _hatch(poly: Sequence[tuple[float, float]], spacing: float) -> list[tuple[tuple[float, float], ...]]:
    """Diagonal hatch segments (page mm) inside a polygon given in page mm."""
    r = math.sqrt(0.5)
    rot = [((x - y) * r, (x + y) * r) for x, y in poly]  # v = (x + y) / sqrt 2 is constant along each line
    vs = [v for _, v in rot]
    segs = []
    v = math.floor(min(vs) / spacing) * spacing + spacing / 2
    while v < max(vs):
        xs = []
        for (u0, v0), (u1, v1) in zip(rot, rot[1:] + rot[:1], strict=True):
            if (v0 > v) != (v1 > v):
                xs.append(u0 + (v - v0) * (u1 - u0) / (v1 - v0))
        xs.sort()
        for a, b in zip(xs[::2], xs[1::2], strict=False):
            segs.append((((a + v) * r, (v - a) * r), ((b + v) * r, (v - b) * r)))
        v += spacing
    return segs


def _draw_view(pdf: _Pdf, atlas: Atlas, view: str, overlay: Overlay, frame: _Frame, size: float) -> None:
    regions = [r for r in atlas.regions.values() if r.view == view]
    essential, spillover = set(overlay.essential_regions), set(overlay.spillover_regions)
    pdf.set_line_width(0.15)
    pdf.set_draw_color(*LINE)
    for r in regions:
        fill = ESSENTIAL if r.id in essential else SPILLOVER if r.id in spillover else GREY
        pdf.set_fill_color(*fill)
        pdf.polygon([frame(p) for p in r.outline], style="DF")
    pdf.set_draw_color(*HATCH)
    pdf.set_line_width(0.12)
    for r in regions:
        if r.id in spillover:
            for a, b in _hatch([frame(p) for p in r.outline], 1.1):
                pdf.line(*a, *b)
    by_id = {r.id: r for r in regions}
    pdf.set_line_width(0.7)
    pdf.set_draw_color(*HIGHLIGHT)
    for rid in overlay.highlight:
        if rid in by_id and rid not in overlay.pain_regions:
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
    pdf.set_text_color(*INK)
    numbered = len(overlay.layers) > 1
    pdf.font(size - 1, bold=True)
    for number, p in overlay.points:
        if by_id.get(p.region) is None:
            continue
        x, y = frame(p.at)
        _cross(pdf, x, y, 1.0)
        if numbered and number:
            pdf.set_xy(x + 0.9, y - 3.2)
            pdf.cell(3, 2.4, str(number))


def _cross(pdf: _Pdf, x: float, y: float, d: float) -> None:
    pdf.set_draw_color(255, 255, 255)
    pdf.set_line_width(0.9)
    pdf.line(x - d, y - d, x + d, y + d)
    pdf.line(x - d, y + d, x + d, y - d)
    pdf.set_draw_color(*INK)
    pdf.set_line_width(0.4)
    pdf.line(x - d, y - d, x + d, y + d)
    pdf.line(x - d, y + d, x + d, y - d)


def _diagram(pdf: _Pdf, atlas: Atlas, overlay: Overlay, x: float, y: float, w: float, h: float) -> float:
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


def _legend(pdf: _Pdf, overlay: Overlay, x: float, y: float, w: float) -> float:
    rows = []
    if overlay.essential_regions:
        rows.append(("essential", "Pain often felt here (main zone)"))
    if overlay.spillover_regions:
        rows.append(("spillover", "Pain sometimes felt here (hatched)"))
    if overlay.points:
        rows.append(("point", "Trigger point (X)" + (", numbered by muscle" if len(overlay.layers) > 1 else "")))
    if [r for r in overlay.highlight if r not in overlay.pain_regions]:
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
                for a, b in _hatch(box, 1.1):
                    pdf.line(*a, *b)
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


# ---------------------------------------------------------------- page


def build_handout(atlas: Atlas, subject: Subject, map_state: Overlay, when: date,
                  font_dir: Path | None = FONT_DIR) -> bytes:
    """The handout as PDF bytes: one A4 page. `map_state` is the overlay drawn on the diagram."""
    content = content_for(atlas, subject)
    pdf = _Pdf(font_dir)
    pdf.set_title(pdf.txt(content.title))
    pdf.set_creator("bodymap")
    pdf.set_creation_date(datetime.combine(when, time(12, 0)))
    x, y, full = MARGIN, MARGIN, PAGE_W - 2 * MARGIN

    pdf.font(17, bold=True)
    pdf.multi_cell(full - 40, 7.2, pdf.txt(content.title), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.font(9.5)
    pdf.set_text_color(70, 70, 70)
    pdf.multi_cell(full - 40, 4.4, pdf.txt(content.subtitle), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    header_bottom = pdf.get_y()
    pdf.set_xy(PAGE_W - MARGIN - 40, y + 1)
    pdf.font(8.5)
    pdf.cell(40, 4, pdf.txt(f"{when.day} {when:%B %Y}"), align="R", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_x(PAGE_W - MARGIN - 40)
    pdf.cell(40, 4, "bodymap handout", align="R")
    pdf.set_text_color(*INK)
    top = max(header_bottom, y + 10) + 3
    pdf.set_draw_color(*LINE)
    pdf.set_line_width(0.2)
    pdf.line(x, top - 1.5, PAGE_W - MARGIN, top - 1.5)

    bottom = PAGE_H - MARGIN - FOOTER_H
    diagram_bottom = _diagram(pdf, atlas, map_state, x, top, LEFT_W, min(150.0, bottom - top - 70))
    legend_bottom = _legend(pdf, map_state, x, diagram_bottom + 2, LEFT_W)

    right_x = x + LEFT_W + GAP
    right_w = PAGE_W - MARGIN - right_x
    sections, size = _fit(pdf_font_dir(pdf, font_dir), content.sections, right_w, bottom - top, SIZES)
    _flow(pdf, sections, right_x, top, right_w, size)

    keys = list(dict.fromkeys(content.sources))
    if keys:
        sources = [Section("Sources", items=[_citation(atlas, k) for k in keys])]
        src_top = legend_bottom + 3
        sources, src_size = _fit(pdf_font_dir(pdf, font_dir), sources, LEFT_W, bottom - src_top, SOURCE_SIZES)
        _flow(pdf, sources, x, src_top, LEFT_W, src_size)

    pdf.set_draw_color(*LINE)
    pdf.set_line_width(0.2)
    pdf.line(x, bottom + 2, PAGE_W - MARGIN, bottom + 2)
    footer = [Section("", [("Not a diagnosis", DISCLAIMER + " " + atlas.session.disclaimer)])]
    footer, foot_size = _fit(pdf_font_dir(pdf, font_dir), footer, full, FOOTER_H - 3, FOOTER_SIZES)
    _flow(pdf, footer, x, bottom + 3, full, foot_size)
    return bytes(pdf.output())


def pdf_font_dir(pdf: _Pdf, font_dir: Path | None) -> Path | None:
    """The font folder a scratch PDF should use to measure text exactly as `pdf` sets it."""
    return font_dir if pdf.unicode else None

