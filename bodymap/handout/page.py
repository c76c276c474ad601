"""A one-page A4 PDF handout for a region, muscle, condition or "where does it hurt" result.

`build_handout` puts a title and date on top, the body diagram with the map's overlay and its
legend on the left (see `pdf_diagram`), the key facts, session notes, cautions and red flags on the
right, sources under the legend and the disclaimer at the foot. Text is DejaVu Sans when installed
(Debian `fonts-dejavu-core`), else the PDF core font with text folded to Latin-1. Text that does
not fit is set smaller, then shortened ("...and 3 more in the app"), so it is always one page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Literal

from bodymap.content.atlas import Atlas, BodySide
from bodymap.handout.diagram import LINE, draw_diagram, draw_legend
from bodymap.handout.layout import FONT_DIR, PAGE_H, PAGE_W, PdfPage, Section
from bodymap.reference.lookup import (
    condition_muscles,
    muscle_referral,
    points_in_region,
    referring_muscles,
    related_conditions,
)
from bodymap.reference.overlay import Overlay
from bodymap.reference.ranking import rank_candidates

DISCLAIMER = "Educational information, not a diagnosis. Pain has many causes: ask a qualified clinician."

MARGIN, LEFT_W, GAP, FOOTER_H = 12.0, 78.0, 6.0, 14.0
SIZES = (9.5, 9.0, 8.5, 8.0, 7.5, 7.0, 6.5)
SOURCE_SIZES = (7.0, 6.5, 6.0, 5.5)
FOOTER_SIZES = (7.5, 7.0, 6.5, 6.0)

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


def _red_flags(atlas: Atlas, specific: Sequence[str] = ()) -> Section:
    """The subject's own red flags in full, with the general ones by name; or the general ones in full."""
    general = atlas.session.red_flags
    if specific:
        items = [*specific, "Also: " + "; ".join(f.name for f in general) + "."]
    else:
        items = [f"{f.name}: {f.text}" for f in general]
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


# ---------------------------------------------------------------- page


def build_handout(atlas: Atlas, subject: Subject, map_state: Overlay, when: date,
                  font_dir: Path | None = FONT_DIR) -> bytes:
    """The handout as PDF bytes: one A4 page. `map_state` is the overlay drawn on the diagram.

    Raises KeyError for unknown ids and ValueError for bad marked pain.
    """
    content = content_for(atlas, subject)
    slack = 0.0
    while True:
        pdf, overflow = _render(atlas, content, map_state, when, font_dir, slack)
        if overflow <= 0 or slack > 60:
            return bytes(pdf.output())
        slack += overflow + 2  # measuring was short of the real setting: leave that much more room


def _render(atlas: Atlas, content: Content, overlay: Overlay, when: date, font_dir: Path | None,
            slack: float) -> tuple[PdfPage, float]:
    """Lay the page out; also return by how many mm the text overran its boxes (<= 0 when it fits)."""
    pdf = PdfPage(font_dir)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_title(pdf.txt(content.title))
    pdf.set_creator("bodymap")
    pdf.set_creation_date(datetime.combine(when, time(12, 0)))
    x, full = MARGIN, PAGE_W - 2 * MARGIN
    overflow = -1.0

    header = [Section(content.title)]
    header, size = pdf.fit(header, full - 42, 16, (17.0, 15.0, 13.0))
    pdf.flow(header, x, MARGIN, full - 42, size)
    pdf.set_text_color(70, 70, 70)
    sub = [Section("", [("", content.subtitle)])]
    sub, size = pdf.fit(sub, full - 42, 9, (9.5, 8.5, 7.5))
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

    bottom = PAGE_H - MARGIN - FOOTER_H
    diagram_bottom = draw_diagram(pdf, atlas, overlay, x, top, LEFT_W, min(150.0, bottom - top - 70))
    legend_bottom = draw_legend(pdf, overlay, x, diagram_bottom + 2, LEFT_W)

    right_x = x + LEFT_W + GAP
    right_w = PAGE_W - MARGIN - right_x
    sections, size = pdf.fit(content.sections, right_w, bottom - top - slack, SIZES)
    overflow = max(overflow, pdf.flow(sections, right_x, top, right_w, size) - bottom)

    keys = list(dict.fromkeys(content.sources))
    if keys:
        src_top = legend_bottom + 3
        sources = [Section("Sources", items=[_citation(atlas, k) for k in keys])]
        sources, size = pdf.fit(sources, LEFT_W, bottom - src_top - slack, SOURCE_SIZES)
        overflow = max(overflow, pdf.flow(sources, x, src_top, LEFT_W, size) - bottom)

    pdf.set_draw_color(*LINE)
    pdf.set_line_width(0.2)
    pdf.line(x, bottom + 2, PAGE_W - MARGIN, bottom + 2)
    footer = [Section("", [("Not a diagnosis", DISCLAIMER + " " + atlas.session.disclaimer)])]
    footer, size = pdf.fit(footer, full, FOOTER_H - 3 - slack / 4, FOOTER_SIZES)
    overflow = max(overflow, pdf.flow(footer, x, bottom + 3, full, size) - (PAGE_H - MARGIN + 1))
    return pdf, overflow
