"""The words about a subject, written once: a `Sheet` that the panel and the handout both render.

`sheet_for(atlas, subject, medium)` gives a region, muscle, condition or marked pain as a title and
sections of plain-text lines (renderers escape them for their medium). The medium decides the one
word that differs, "map" on screen and "diagram" on paper, and whether screen-only hints such as
"(solid on the map)" are set (`Line.map_note`; the paper diagram has a legend instead).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from bodymap.content.atlas import Atlas
from bodymap.reference.lookup import (
    condition_muscle_ids,
    condition_muscles,
    condition_regions,
    muscle_referral,
    region_info,
)
from bodymap.reference.ranking import rank_candidates
from bodymap.reference.screen import Subject
from bodymap.reference.wording import how_often, join_names, level_text, region_names, role_words

Medium = Literal["screen", "paper"]
Style = Literal["text", "list", "numbered", "good", "caution", "danger"]

RED_FLAGS = "See a doctor first (do not wait for needling) if you have"
NO_POINTS = "No trigger points of this map lie in this area."
NO_REFERRING = "No muscle in this map sends pain here."
NO_CANDIDATES = "No muscle in this map sends pain to the places you marked. A clinician can help find the cause."
CLINIC = "From your clinic"


@dataclass(frozen=True, slots=True)
class Line:
    """One line: plain text, an optional bold lead-in, the subject it opens on screen, a screen-only hint."""

    text: str
    lead: str = ""
    opens: Subject | None = None
    map_note: str = ""


@dataclass(frozen=True, slots=True)
class Section:
    """A heading, an optional sentence before the lines, the lines and how they are set.

    `style`: "text" paragraphs, "list" bullets, "numbered" (as on the map), "good" (self-care),
    "caution" and "danger" (red flags) boxes.
    """

    id: str
    heading: str
    lines: tuple[Line, ...] = ()
    style: Style = "list"
    intro: str = ""


@dataclass(frozen=True, slots=True)
class Sheet:
    """Everything said about a subject: kicker and title, clinical term ("" when the same), other names,
    sections in reading order and source keys (each once, first seen first)."""

    kind: str
    kicker: str
    title: str
    clinical: str = ""
    aka: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    sources: tuple[str, ...] = ()


def sheet_for(atlas: Atlas, subject: Subject, medium: Medium = "screen") -> Sheet:
    """The sheet of a subject for the screen or for paper.

    Raises KeyError for unknown ids, ValueError for bad marked pain or an unknown kind.
    """
    builders = {"region": region_sheet, "muscle": muscle_sheet, "condition": condition_sheet, "pain": pain_sheet}
    if subject.kind not in builders:
        raise ValueError(f"unknown subject kind {subject.kind!r}")
    return builders[subject.kind](atlas, subject, medium)


def region_sheet(atlas: Atlas, subject: Subject, medium: Medium = "screen") -> Sheet:
    """A body area: its trigger points, the muscles that send pain there, conditions, session notes."""
    info = region_info(atlas, subject.id)
    region = info.region

    def muscle(mid: str) -> Subject:
        return Subject("muscle", mid, from_region=region.id)

    points = {(p.muscle, p.point.id): p for p in info.points}  # a midline area holds both sides' points
    here = [Line(f"{atlas.muscles[p.muscle].name}: {p.point.label}", opens=muscle(p.muscle)) for p in points.values()]
    refer = [Line(f"{r.name} · {how_often(r.strength)} here", opens=muscle(r.muscle)) for r in info.referring]
    notes, keys = notes_sections(atlas, [region.notes])
    sections = [
        Section("points-here", "Trigger points found here", tuple(here) or (Line(NO_POINTS),)),
        Section("referring", "Muscles that can send pain here", tuple(refer) or (Line(NO_REFERRING),),
                intro="Most likely first." if refer else ""),
        Section("conditions", "Related conditions",
                tuple(Line(c.name, opens=Subject("condition", c.condition)) for c in info.conditions)),
        red_flags(atlas, area_red_flags(atlas, [region.id])),
        *notes,
        clinic_section(atlas, [region.id]),
    ]
    keys += [k for p in info.points for k in atlas.muscles[p.muscle].sources]
    return _sheet(subject, "Body area", region.label, region.clinical, (), sections, keys)


def muscle_sheet(atlas: Atlas, subject: Subject, medium: Medium = "screen") -> Sheet:
    """A muscle: where its pain is felt (on the subject's side), its points, mimics, care and cautions."""
    m = atlas.muscles[subject.id]
    ref = muscle_referral(atlas, m.id, subject.side)
    names = lambda ids: join_names(region_names(atlas, ids, subject.side))  # noqa: E731
    where = [Line(names(ref.essential), lead="Often", map_note=_hint(medium, "(solid on the map)"))]
    if ref.spillover:
        where.append(Line(names(ref.spillover), lead="Sometimes", map_note=_hint(medium, "(dotted)")))
    linked = [Line(c.name, opens=Subject("condition", cid))
              for cid, c in atlas.conditions.items() if m.id in condition_muscle_ids(c)]
    areas = [atlas.resolve(tp.region, "left") for tp in m.trigger_points]
    notes, keys = notes_sections(atlas, [atlas.regions[r].notes for r in areas])
    sections = [
        Section("about", "What it is", (Line(m.description),), "text"),
        Section("where", "Where its pain is felt", tuple(where), "text"),
        Section("points", f"Its trigger points (X on the {_place(medium)})",
                _lines(tp.label for tp in m.trigger_points)),
        Section("mimics", "Often mistaken for", _lines(m.mimics)),
        Section("perpetuating", "What keeps it going", _lines(m.perpetuating)),
        Section("self-care", "Self-care", (Line(m.self_care),), "good"),
        Section("cautions", "Needling cautions", _lines(m.cautions), "caution"),
        Section("conditions", "Conditions it is linked to", tuple(linked)),
        *notes,
        red_flags(atlas),
        clinic_section(atlas, areas),
    ]
    return _sheet(subject, "Muscle", m.name, m.clinical, m.aka, sections, [*m.sources, *keys])


def condition_sheet(atlas: Atlas, subject: Subject, medium: Medium = "screen") -> Sheet:
    """A condition: where it is usually felt (on the subject's side), its muscles numbered, red flags."""
    c = atlas.conditions[subject.id]
    felt = join_names(region_names(atlas, condition_regions(atlas, c.id, subject.side), subject.side))
    muscles = tuple(Line(f"{atlas.muscles[mid].name} · {role_words(role)}", opens=Subject("muscle", mid))
                    for mid, role in condition_muscles(atlas, c.id))
    tap = "; tap one to learn more." if medium == "screen" else "."
    areas = [atlas.resolve(b, "left") for b in c.regions]
    notes, keys = notes_sections(atlas, [atlas.regions[r].notes for r in areas])
    sections = [
        Section("about", "About it", (Line(c.summary),), "text"),
        Section("felt", "Usually felt", (Line(felt, map_note=_hint(medium, "(hatched on the map)")),), "text"),
        Section("muscles", "Muscles often involved", muscles, "numbered",
                intro=f"Numbered as on the {_place(medium)}{tap}"),
        red_flags(atlas, c.red_flags),
        *notes,
        clinic_section(atlas, areas),
    ]
    return _sheet(subject, "Condition", c.name, c.clinical, c.synonyms, sections, [*c.sources, *keys])


def pain_sheet(atlas: Atlas, subject: Subject, medium: Medium = "screen") -> Sheet:
    """Marked pain: the places and levels, the muscles that may explain it (ranked), red flags, notes."""
    pain = dict(subject.pain)
    candidates = rank_candidates(atlas, pain)
    marked = tuple(Line(level_text(level), lead=atlas.regions[r].label) for r, level in pain.items())
    found = tuple(Line(c.explanation, lead=c.name, opens=Subject("muscle", c.muscle)) for c in candidates)
    intro = (f"Possibilities from pain maps, not a diagnosis; numbered as on the {_place(medium)}, most likely "
             "first. A clinician can check them.")
    notes, keys = notes_sections(atlas, [atlas.regions[r].notes for r in pain])
    sections = [
        Section("marked", "Where you marked pain", marked),
        Section("candidates", "Muscles that may be involved", found, "numbered", intro) if found
        else Section("candidates", "Muscles that may be involved", (Line(NO_CANDIDATES),), "text"),
        red_flags(atlas, area_red_flags(atlas, pain)),
        *notes,
        clinic_section(atlas, pain),
    ]
    keys += [k for c in candidates for k in atlas.muscles[c.muscle].sources]
    return _sheet(subject, "Where does it hurt?", "Where it hurts", "", (), sections, keys)


# Shared parts --------------------------------------------------------------------------------------------


def notes_sections(atlas: Atlas, notes_ids: Iterable[str]) -> tuple[list[Section], list[str]]:
    """Each area's dry-needling notes once ("notes": how you lie, how it feels; "notes-cautions"),
    with their source keys."""
    sections: list[Section] = []
    keys: list[str] = []
    for nid in dict.fromkeys(notes_ids):
        n = atlas.region_notes[nid]
        sections += [
            Section("notes", f"Dry needling here: {n.title}",
                    (Line(n.position, lead="How you lie"), Line(n.feel, lead="How it feels")), "text"),
            Section("notes-cautions", "Cautions", _lines(n.cautions), "caution"),
        ]
        keys += n.sources
    return sections, keys


def clinic_section(atlas: Atlas, region_ids: Iterable[str]) -> Section:
    """The "From your clinic" section: the clinic pack's note and its notes on the areas (drawn region ids;
    a finer place gets the notes of the areas it lies in too), each area once. Empty (so left out) without them."""
    bases = dict.fromkeys(atlas.regions[r].base_id for rid in region_ids for r in (rid, *atlas.ancestors(rid)))
    noted = [b for b in bases if atlas.clinic_notes.get(b)]
    lines = [Line(atlas.clinic.note, lead=atlas.clinic.name)] if atlas.clinic and atlas.clinic.note else []
    for base in noted:
        name = atlas.regions[atlas.region_ids_for(base)[0]].name if len(noted) > 1 else ""
        lines += [Line(note.text, lead=name) for note in atlas.clinic_notes[base]]
    return Section("clinic", CLINIC, tuple(lines), "text")


def area_red_flags(atlas: Atlas, region_ids: Iterable[str]) -> tuple[str, ...]:
    """The warning signs of the areas' session notes (e.g. chest: heart attack signs), each once."""
    notes = dict.fromkeys(atlas.regions[r].notes for r in region_ids)
    return tuple(dict.fromkeys(flag for n in notes for flag in atlas.region_notes[n].red_flags))


def red_flags(atlas: Atlas, own: Sequence[str] = ()) -> Section:
    """The subject's own red flags in full with the general ones by name; or the general ones in full."""
    general = atlas.session.red_flags
    if own:
        also = (Line("; ".join(f.name for f in general) + ".", lead="Also"),) if general else ()
        lines = (*_lines(own), *also)
    else:
        lines = tuple(Line(f.text, lead=f.name) for f in general)
    return Section("red-flags", RED_FLAGS, lines, "danger")


def _place(medium: Medium) -> str:
    return "map" if medium == "screen" else "diagram"


def _hint(medium: Medium, note: str) -> str:
    """A screen-only hint: kept on screen, dropped on paper (the diagram has its own legend)."""
    return note if medium == "screen" else ""


def _lines(texts: Iterable[str]) -> tuple[Line, ...]:
    return tuple(Line(t) for t in texts)


def _sheet(subject: Subject, kicker: str, title: str, clinical: str, aka: Iterable[str],
           sections: Iterable[Section], sources: Iterable[str]) -> Sheet:
    """The sheet, without empty sections, the clinical term only when it differs, sources each once."""
    return Sheet(subject.kind, kicker, title, "" if clinical.casefold() == title.casefold() else clinical,
                 tuple(aka), tuple(s for s in sections if s.lines), tuple(dict.fromkeys(sources)))
