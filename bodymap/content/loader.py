"""Load and validate a data folder into an Atlas, collecting every problem at once."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bodymap.content import closeups, geometry
from bodymap.content.atlas import SIDES, Atlas, sided_id
from bodymap.content.geometry import X_MAX, X_MIN, Y_MAX, Y_MIN
from bodymap.content.problems import ContentError, Problem
from bodymap.content.references import references
from bodymap.content.schema import COLLECTIONS, ID_PATTERN, Model, RegionSpec, Session
from bodymap.content.sides import expand_regions
from bodymap.content.views import BODY_VIEWS
from bodymap.content.yaml_source import Path_, YamlDocument, read_yaml

MAX_FILES = 500
_TOP_KEYS = (*COLLECTIONS, "session")

_MESSAGES = {"missing": "required field is missing"}
_ID_MESSAGE = "must be an id: lower-case letters, digits and hyphens, starting with a letter"
#: One entry of each collection, as problems name it; and the field holding its id, when not `id`.
_WHAT = {"regions": "region", "muscles": "muscle", "conditions": "condition", "region_notes": "region notes",
         "sources": "source", "drawings": "drawing", "lessons": "lesson"}
_ID_FIELD = {"sources": "key", "drawings": "key"}


@dataclass
class _Entry:
    model: Any
    doc: YamlDocument
    path: Path_

    def problem(self, sub: Path_, message: str) -> Problem:
        return self.doc.problem(self.path + sub, message)


@dataclass
class _Collected:
    entries: dict[str, list[_Entry]] = field(default_factory=lambda: {name: [] for name in _TOP_KEYS})
    dropped: dict[str, set[str]] = field(default_factory=lambda: {name: set() for name in _TOP_KEYS})
    problems: list[Problem] = field(default_factory=list)
    unreadable: bool = False  # some file could not be parsed: its ids are unknown, so skip reference checks


def _pydantic_problems(exc: ValidationError, doc: YamlDocument, base: Path_) -> list[Problem]:
    """Pydantic's errors as problems at their place in the file, in plain words."""
    out = []
    for err in exc.errors(include_url=False):
        loc = base + tuple(err["loc"])
        kind = err["type"]
        if kind == "extra_forbidden":
            message = f"unknown field {err['loc'][-1]!r}"
        elif kind == "string_pattern_mismatch" and err.get("ctx", {}).get("pattern") == ID_PATTERN:
            message = _ID_MESSAGE
        else:
            message = _MESSAGES.get(kind) or err["msg"]
            if message.startswith("Value error, "):
                message = message[len("Value error, "):]
        out.append(doc.problem(loc, message))
    return out


def _collect(doc: YamlDocument, into: _Collected) -> None:
    """Validate each entry of one file on its own, noting the ids of entries dropped for problems."""
    data = doc.data
    if not isinstance(data, dict):
        into.problems.append(doc.problem((), "a data file must be a mapping of collections"))
        return
    for key, value in data.items():
        if key not in _TOP_KEYS:
            hint = difflib.get_close_matches(str(key), _TOP_KEYS, n=1)
            more = f" (did you mean {hint[0]!r}?)" if hint else f"; expected one of {', '.join(_TOP_KEYS)}"
            into.problems.append(doc.problem((key,), f"unknown collection {key!r}{more}"))
            continue
        if key == "session":
            try:
                into.entries["session"].append(_Entry(Session.model_validate(value), doc, ("session",)))
            except ValidationError as exc:
                into.problems += _pydantic_problems(exc, doc, ("session",))
                into.dropped["session"].add("session")
            continue
        if not isinstance(value, list):
            into.problems.append(doc.problem((key,), "must be a list"))
            continue
        model: type[Model] = COLLECTIONS[key]
        for i, item in enumerate(value):
            try:
                into.entries[key].append(_Entry(model.model_validate(item), doc, (key, i)))
            except ValidationError as exc:
                into.problems += _pydantic_problems(exc, doc, (key, i))
                ident = item.get(_ID_FIELD.get(key, "id")) if isinstance(item, dict) else None
                if isinstance(ident, str):
                    into.dropped[key].add(ident)


def _unique(entries: list[_Entry], attr: str, what: str, problems: list[Problem]) -> dict[str, _Entry]:
    """Entries by their `attr`, reporting each later entry with an id already seen."""
    seen: dict[str, _Entry] = {}
    for entry in entries:
        ident = getattr(entry.model, attr)
        if ident in seen:
            first = seen[ident]
            line = first.doc.where(first.path + (attr,))[0]
            problems.append(entry.problem((attr,), f"duplicate {what} {ident!r} (first in {first.doc.file}:{line})"))
        else:
            seen[ident] = entry
    return seen


def _check_unique(collected: _Collected) -> dict[str, dict[str, _Entry]]:
    """Each collection's entries by id, reporting every id used twice (the first one is kept)."""
    return {
        name: _unique(collected.entries[name], _ID_FIELD.get(name, "id"), _WHAT[name], collected.problems)
        for name in COLLECTIONS
    }


def _check_references(entries: Iterable[_Entry], known: dict[str, set[str]], collected: _Collected) -> None:
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
            collected.problems.append(entry.problem(path, f"unknown {_WHAT[collection]} {ident!r}{more}"))


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


def _check_regions(regions: dict[str, _Entry], problems: list[Problem]) -> None:
    """Each region's outline, and no sided id (`chest-left`) that is also a region's own id."""
    for entry in regions.values():
        spec: RegionSpec = entry.model
        problems += [entry.problem(("outline",), message) for message in _outline_problems(spec)]
        if spec.side == "both":
            for side in SIDES:
                rid = sided_id(spec.id, side)
                if rid in regions:
                    problems.append(entry.problem(("id",), f"{rid!r} (this region's {side} side) is also a region id"))


def _check_placements(entry: _Entry, i: int, point: Any, drawings: dict[str, _Entry]) -> Iterator[Problem]:
    """Each close-up position of a trigger point lies inside its region's drawing in that close-up."""
    for j, placement in enumerate(point.also_at):
        where = ("trigger_points", i, "also_at", j)
        drawing = drawings.get(f"{point.region} in {placement.view}")
        if drawing is None:
            yield entry.problem(where + ("view",), f"{point.region!r} is not drawn in the {placement.view!r} view")
        elif not geometry.contains(drawing.model.outline, placement.at):
            yield entry.problem(where + ("at",), f"point {list(placement.at)} is not inside {point.region!r} there")


def _check_trigger_points(muscles: dict[str, _Entry], regions: dict[str, _Entry], drawings: dict[str, _Entry],
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


def _check_conditions(conditions: dict[str, _Entry], problems: list[Problem]) -> None:
    """Each condition names at least two distinct muscles."""
    for entry in conditions.values():
        muscles = entry.model.muscles
        if len(set(muscles.primary) | set(muscles.also)) < 2:
            problems.append(entry.problem(("muscles",), "a condition needs at least two muscles (primary and also)"))


def _check_session(collected: _Collected) -> _Entry | None:
    """The one session guide: reports it written twice, or missing (unless dropped or unreadable)."""
    sessions = collected.entries["session"]
    for extra in sessions[1:]:
        message = f"the session guide is written twice (first in {sessions[0].doc.file})"
        collected.problems.append(extra.problem((), message))
    if not sessions and not collected.dropped["session"] and not collected.unreadable:
        message = "no session guide: one file must hold a `session:` mapping"
        collected.problems.append(Problem("(data)", 1, 1, "session", message))
    return sessions[0] if sessions else None


def _assemble(unique: dict[str, dict[str, _Entry]], session: _Entry) -> Atlas:
    """The atlas of validated entries, with regions expanded to both sides."""
    models = {name: {ident: entry.model for ident, entry in entries.items()} for name, entries in unique.items()}
    return Atlas(
        regions=expand_regions(models["regions"].values(), models["drawings"].values()),
        muscles=models["muscles"],
        conditions=models["conditions"],
        region_notes=models["region_notes"],
        sources=models["sources"],
        session=session.model,
        lessons=models["lessons"],
    )


def _cross_check(collected: _Collected) -> Atlas | None:
    """Checks across entries and files; the atlas, or None when any problem was found."""
    unique = _check_unique(collected)
    session = _check_session(collected)
    everything = [entry for entries in unique.values() for entry in entries.values()]
    known = {name: set(entries) for name, entries in unique.items()}
    _check_references(everything + ([session] if session else []), known, collected)
    _check_regions(unique["regions"], collected.problems)
    _check_trigger_points(unique["muscles"], unique["regions"], unique["drawings"], collected.problems)
    collected.problems += [entry.problem(path, message)
                           for entry, path, message in closeups.check(unique["regions"], unique["drawings"])]
    _check_conditions(unique["conditions"], collected.problems)
    if collected.problems or session is None:
        return None
    return _assemble(unique, session)


def data_files(data_dir: Path) -> list[Path]:
    """Every YAML file below `data_dir`, in a stable order."""
    return sorted(p for p in data_dir.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def check_data(data_dir: str | Path) -> tuple[Atlas | None, list[Problem]]:
    """Load and validate a data folder. Returns the atlas (None when there are problems)."""
    root = Path(data_dir)
    if not root.is_dir():
        return None, [Problem(str(root), 1, 1, "", "data folder not found")]
    files = data_files(root)
    if not files:
        return None, [Problem(str(root), 1, 1, "", "no .yaml files in the data folder")]
    if len(files) > MAX_FILES:
        return None, [Problem(str(root), 1, 1, "", f"{len(files)} files; the limit is {MAX_FILES}")]
    collected = _Collected()
    for path in files:
        doc, problems = read_yaml(path)
        collected.problems += problems
        if doc is None:
            collected.unreadable = True
        else:
            _collect(doc, collected)
    atlas = _cross_check(collected)
    return atlas, sorted(set(collected.problems))


def load_atlas(data_dir: str | Path) -> Atlas:
    """Load a data folder, raising ContentError with every problem if it is not valid."""
    atlas, problems = check_data(data_dir)
    if atlas is None:
        raise ContentError(problems)
    return atlas
