"""Load and validate a data folder into an Atlas, collecting every problem at once."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from bodymap.content import closeups, geometry, overlay
from bodymap.content.atlas import SIDES, Atlas, sided_id
from bodymap.content.collect import ID_FIELD, WHAT, Collected, Entry, data_files, folder_files, read_files, unique
from bodymap.content.geometry import X_MAX, X_MIN, Y_MAX, Y_MIN
from bodymap.content.problems import ContentError, Problem
from bodymap.content.references import references
from bodymap.content.schema import COLLECTIONS, RegionSpec
from bodymap.content.sides import expand_regions
from bodymap.content.views import BODY_VIEWS

__all__ = ["check_data", "data_files", "load_atlas"]


def _check_unique(collected: Collected) -> dict[str, dict[str, Entry]]:
    """Each collection's entries by id, reporting every id used twice (the first one is kept); a clinic
    pack's entries come after the shipped ones, and may not replace them."""
    found = {
        name: unique(collected.shipped(name), ID_FIELD.get(name, "id"), WHAT[name], collected.problems)
        for name in COLLECTIONS
    }
    overlay.merge_added(found, collected)
    return found


def _check_references(entries: Iterable[Entry], known: dict[str, set[str]], collected: Collected) -> None:
    """Report references to unknown ids, with a did-you-mean hint.

    Stays quiet about ids whose own entry was dropped for other problems, and about every reference
    when a file could not be read (its ids are unknown).
    """
    if collected.unreadable:
        return
    for entry in entries:
        for path, collection, ident in references(entry.model):
            if ident in known[collection] or ident in collected.dropped[collection]:
                continue
            hint = difflib.get_close_matches(ident, sorted(known[collection]), n=1)
            more = f" (did you mean {hint[0]!r}?)" if hint else ""
            collected.problems.append(entry.problem(path, f"unknown {WHAT[collection]} {ident!r}{more}"))


def _side_problem(spec: RegionSpec) -> str | None:
    """What is wrong with where a region lies for its `side`, if anything."""
    if spec.view not in BODY_VIEWS:
        return None  # a close-up is written for the left side; its places may lie anywhere in it
    xs = [x for x, _ in spec.outline]
    if spec.side == "midline":
        return None if min(xs) < 0 < max(xs) else "a midline region must straddle the centre line x = 0"
    # Written for the person's left: viewer's right (x >= 0) in front, x <= 0 behind.
    sign = 1 if spec.view == "front" else -1
    if min(x * sign for x in xs) < -1e-9:
        where = "x >= 0 in the front view" if sign == 1 else "x <= 0 in the back view"
        return f"a 'both' region is written for the person's left side: {where}"
    return None


def _outline_problems(spec: RegionSpec) -> list[str]:
    """What is wrong with a region's outline: its shape, its frame, its side of the centre line."""
    problem = geometry.outline_problem(spec.outline)
    if problem:
        return [problem]
    found = []
    if not geometry.in_frame(spec.outline):
        found.append(f"outline leaves the view's frame (x {X_MIN:g}..{X_MAX:g}, y {Y_MIN:g}..{Y_MAX:g})")
    side = _side_problem(spec)
    return found + ([side] if side else [])


def _check_regions(regions: dict[str, Entry], problems: list[Problem]) -> None:
    """Each region's outline, and no sided id (`chest-left`) that is also a region's own id."""
    for entry in regions.values():
        spec: RegionSpec = entry.model
        problems += [entry.problem(("outline",), message) for message in _outline_problems(spec)]
        if spec.side == "both":
            for side in SIDES:
                rid = sided_id(spec.id, side)
                if rid in regions:
                    problems.append(entry.problem(("id",), f"{rid!r} (this region's {side} side) is also a region id"))


def _check_placements(entry: Entry, i: int, point: Any, drawings: dict[str, Entry]) -> Iterator[Problem]:
    """Each close-up position of a trigger point lies inside its region's drawing in that close-up."""
    for j, placement in enumerate(point.also_at):
        where = ("trigger_points", i, "also_at", j)
        drawing = drawings.get(f"{point.region} in {placement.view}")
        if drawing is None:
            yield entry.problem(where + ("view",), f"{point.region!r} is not drawn in the {placement.view!r} view")
        elif not geometry.contains(drawing.model.outline, placement.at):
            yield entry.problem(where + ("at",), f"point {list(placement.at)} is not inside {point.region!r} there")


def _check_trigger_points(muscles: dict[str, Entry], regions: dict[str, Entry], drawings: dict[str, Entry],
                          problems: list[Problem]) -> None:
    """Trigger point ids are unique within their muscle, and each point lies inside its (known) region."""
    for entry in muscles.values():
        seen: set[str] = set()
        for i, point in enumerate(entry.model.trigger_points):
            where = ("trigger_points", i)
            if point.id in seen:
                problems.append(entry.problem(where + ("id",), f"duplicate trigger point {point.id!r} in this muscle"))
            seen.add(point.id)
            if point.region not in regions:
                continue  # an unknown region is reported by _check_references
            problems += _check_placements(entry, i, point, drawings)
            spec: RegionSpec = regions[point.region].model
            if not geometry.contains(spec.outline, point.at):
                side = "" if spec.side == "midline" else " (left side)"
                message = f"point {list(point.at)} is not inside region {point.region!r}{side}"
                problems.append(entry.problem(where + ("at",), message))


def _check_conditions(conditions: dict[str, Entry], problems: list[Problem]) -> None:
    """Each condition names at least two distinct muscles."""
    for entry in conditions.values():
        muscles = entry.model.muscles
        if len(set(muscles.primary) | set(muscles.also)) < 2:
            problems.append(entry.problem(("muscles",), "a condition needs at least two muscles (primary and also)"))


def _check_session(collected: Collected) -> Entry | None:
    """The one session guide: reports it written twice, or missing (unless dropped or unreadable)."""
    sessions = collected.entries["session"]
    for extra in sessions[1:]:
        message = f"the session guide is written twice (first in {sessions[0].doc.file})"
        collected.problems.append(extra.problem((), message))
    if not sessions and not collected.dropped["session"] and not collected.unreadable:
        message = "no session guide: one file must hold a `session:` mapping"
        collected.problems.append(Problem("(data)", 1, 1, "session", message))
    return sessions[0] if sessions else None


def _assemble(found: dict[str, dict[str, Entry]], session: Entry, clinic: Entry | None,
              clinic_notes: list[Entry]) -> Atlas:
    """The atlas of validated entries, with regions expanded to both sides."""
    models = {name: {ident: entry.model for ident, entry in entries.items()} for name, entries in found.items()}
    return Atlas(
        regions=expand_regions(models["regions"].values(), models["drawings"].values()),
        muscles=models["muscles"],
        conditions=models["conditions"],
        region_notes=models["region_notes"],
        sources=models["sources"],
        session=session.model,
        lessons=models["lessons"],
        clinic=clinic.model if clinic else None,
        clinic_notes=overlay.notes_by_region(clinic_notes),
    )


def _cross_check(collected: Collected) -> Atlas | None:
    """Checks across entries and files; the atlas, or None when any problem was found."""
    found = _check_unique(collected)
    session = _check_session(collected)
    clinic, clinic_notes = overlay.clinic_entry(collected), collected.entries["clinic_notes"]
    everything = [entry for entries in found.values() for entry in entries.values()] + clinic_notes
    known = {name: set(entries) for name, entries in found.items()}
    _check_references(everything + ([session] if session else []), known, collected)
    _check_regions(found["regions"], collected.problems)
    _check_trigger_points(found["muscles"], found["regions"], found["drawings"], collected.problems)
    collected.problems += [entry.problem(path, message)
                           for entry, path, message in closeups.check(found["regions"], found["drawings"])]
    _check_conditions(found["conditions"], collected.problems)
    if collected.problems or session is None:
        return None
    return _assemble(found, session, clinic, clinic_notes)


def check_data(data_dir: str | Path, overlay_dir: str | Path | None = None) -> tuple[Atlas | None, list[Problem]]:
    """Load and validate a data folder, and a clinic pack's folder over it when given (see
    `bodymap.content.overlay`). Returns the atlas (None when there are problems) and every problem."""
    files, problems = folder_files(Path(data_dir), "data folder")
    if problems:
        return None, problems
    collected = Collected()
    read_files(files, collected)
    if overlay_dir is not None:
        overlay.read_pack(Path(overlay_dir), collected)
    atlas = _cross_check(collected)
    return atlas, sorted(set(collected.problems))


def load_atlas(data_dir: str | Path, overlay_dir: str | Path | None = None) -> Atlas:
    """Load a data folder (and a clinic pack over it), raising ContentError with every problem if it is not valid."""
    atlas, problems = check_data(data_dir, overlay_dir)
    if atlas is None:
        raise ContentError(problems)
    return atlas
