"""Load and validate a data folder into an Atlas, collecting every problem at once."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bodymap.content import geometry
from bodymap.content.atlas import Atlas, Region, sided_id
from bodymap.content.problems import ContentError, Problem
from bodymap.content.schema import COLLECTIONS, ID_PATTERN, Model, RegionSpec, Session
from bodymap.content.yaml_source import Path_, YamlDocument, read_yaml

MAX_FILES = 500
_TOP_KEYS = (*COLLECTIONS, "session")

_MESSAGES = {"missing": "required field is missing"}
_ID_MESSAGE = "must be an id: lower-case letters, digits and hyphens, starting with a letter"


@dataclass
class _Entry:
    model: Any
    doc: YamlDocument
    path: Path_

    def problem(self, sub: Path_, message: str) -> Problem:
        return self.doc.problem(self.path + sub, message)


@dataclass
class _Collected:
    entries: dict[str, list[_Entry]] = field(default_factory=lambda: {k: [] for k in _TOP_KEYS})
    dropped: dict[str, set[str]] = field(default_factory=lambda: {k: set() for k in _TOP_KEYS})
    problems: list[Problem] = field(default_factory=list)
    unreadable: bool = False  # some file could not be parsed: its ids are unknown, so skip reference checks


def _pydantic_problems(exc: ValidationError, doc: YamlDocument, base: Path_) -> list[Problem]:
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
                ident = item.get("key" if key == "sources" else "id") if isinstance(item, dict) else None
                if isinstance(ident, str):
                    into.dropped[key].add(ident)


def _unique(entries: list[_Entry], attr: str, what: str, problems: list[Problem]) -> dict[str, _Entry]:
    seen: dict[str, _Entry] = {}
    for e in entries:
        ident = getattr(e.model, attr)
        if ident in seen:
            first = seen[ident]
            line = first.doc.where(first.path + (attr,))[0]
            problems.append(e.problem((attr,), f"duplicate {what} {ident!r} (first in {first.doc.file}:{line})"))
        else:
            seen[ident] = e
    return seen


class _Refs:
    """Checks references against known ids, staying quiet about ids dropped for other problems."""

    def __init__(self, problems: list[Problem], known: dict[str, set[str]], dropped: dict[str, set[str]], quiet: bool):
        self.problems, self.known, self.dropped, self.quiet = problems, known, dropped, quiet

    def check(self, entry: _Entry, sub: Path_, kind: str, ident: str, label: str) -> bool:
        if ident in self.known[kind]:
            return True
        if ident not in self.dropped[kind] and not self.quiet:
            hint = difflib.get_close_matches(ident, sorted(self.known[kind]), n=1)
            more = f" (did you mean {hint[0]!r}?)" if hint else ""
            self.problems.append(entry.problem(sub, f"unknown {label} {ident!r}{more}"))
        return False

    def many(self, entry: _Entry, sub: Path_, kind: str, idents, label: str) -> None:
        for i, ident in enumerate(idents):
            self.check(entry, sub + (i,), kind, ident, label)


def _check_region(e: _Entry, problems: list[Problem]) -> None:
    spec: RegionSpec = e.model
    poly = spec.outline
    problem = geometry.outline_problem(poly)
    if problem:
        problems.append(e.problem(("outline",), problem))
        return
    if not geometry.in_frame(poly):
        problems.append(e.problem(("outline",), "outline leaves the view's frame (x -60..60, y 0..200)"))
    xs = [x for x, _ in poly]
    if spec.side == "both":
        # Written for the person's left: viewer's right (x >= 0) in front, x <= 0 behind.
        sign = 1 if spec.view == "front" else -1
        if min(x * sign for x in xs) < -1e-9:
            where = "x >= 0 in the front view" if sign == 1 else "x <= 0 in the back view"
            problems.append(e.problem(("outline",), f"a 'both' region is written for the person's left side: {where}"))
    elif not (min(xs) < 0 < max(xs)):
        problems.append(e.problem(("outline",), "a midline region must straddle the centre line x = 0"))


def _expand_regions(specs: list[_Entry]) -> dict[str, Region]:
    regions: dict[str, Region] = {}
    for e in specs:
        s: RegionSpec = e.model
        if s.side == "midline":
            regions[s.id] = Region(s.id, s.id, s.name, s.clinical, s.view, "midline", s.notes, s.outline)
            continue
        for side, outline in (("left", s.outline), ("right", geometry.mirror(s.outline))):
            rid = sided_id(s.id, side)
            regions[rid] = Region(rid, s.id, s.name, s.clinical, s.view, side, s.notes, tuple(outline))
    return regions


def _cross_check(c: _Collected) -> Atlas | None:
    p = c.problems
    regions = _unique(c.entries["regions"], "id", "region", p)
    muscles = _unique(c.entries["muscles"], "id", "muscle", p)
    conditions = _unique(c.entries["conditions"], "id", "condition", p)
    notes = _unique(c.entries["region_notes"], "id", "region notes", p)
    sources = _unique(c.entries["sources"], "key", "source", p)
    known = {
        "regions": set(regions), "muscles": set(muscles), "conditions": set(conditions),
        "region_notes": set(notes), "sources": set(sources),
    }
    refs = _Refs(p, known, c.dropped, c.unreadable)

    for e in regions.values():
        refs.check(e, ("notes",), "region_notes", e.model.notes, "region notes")
        _check_region(e, p)
    expanded = _expand_regions(list(regions.values()))
    for e in regions.values():
        if e.model.side == "both":
            for side in ("left", "right"):
                rid = sided_id(e.model.id, side)
                if rid in regions:
                    p.append(e.problem(("id",), f"{rid!r} (this region's {side} side) is also a region id"))

    for e in muscles.values():
        m = e.model
        refs.many(e, ("sources",), "sources", m.sources, "source")
        seen_tp: set[str] = set()
        for i, tp in enumerate(m.trigger_points):
            sub = ("trigger_points", i)
            if tp.id in seen_tp:
                p.append(e.problem(sub + ("id",), f"duplicate trigger point {tp.id!r} in this muscle"))
            seen_tp.add(tp.id)
            if refs.check(e, sub + ("region",), "regions", tp.region, "region"):
                spec: RegionSpec = regions[tp.region].model
                if not geometry.contains(spec.outline, tp.at):
                    side = "" if spec.side == "midline" else " (left side)"
                    p.append(e.problem(sub + ("at",), f"point {list(tp.at)} is not inside region {tp.region!r}{side}"))
            refs.many(e, sub + ("essential",), "regions", tp.essential, "region")
            refs.many(e, sub + ("spillover",), "regions", tp.spillover, "region")

    for e in conditions.values():
        cnd = e.model
        refs.many(e, ("regions",), "regions", cnd.regions, "region")
        refs.many(e, ("muscles", "primary"), "muscles", cnd.muscles.primary, "muscle")
        refs.many(e, ("muscles", "also"), "muscles", cnd.muscles.also, "muscle")
        if len(set(cnd.muscles.primary) | set(cnd.muscles.also)) < 2:
            p.append(e.problem(("muscles",), "a condition needs at least two muscles (primary and also)"))
        refs.many(e, ("sources",), "sources", cnd.sources, "source")

    for e in notes.values():
        refs.many(e, ("sources",), "sources", e.model.sources, "source")

    sessions = c.entries["session"]
    if len(sessions) > 1:
        for e in sessions[1:]:
            p.append(e.problem((), f"the session guide is written twice (first in {sessions[0].doc.file})"))
    session = sessions[0] if sessions else None
    if session is None and not c.dropped["session"] and not c.unreadable:
        p.append(Problem("(data)", 1, 1, "session", "no session guide: one file must hold a `session:` mapping"))
    if session is not None:
        s: Session = session.model
        refs.many(session, ("sources",), "sources", s.sources, "source")
        for part in ("steps", "contraindications", "red_flags"):
            for i, item in enumerate(getattr(s, part)):
                refs.many(session, (part, i, "sources"), "sources", item.sources, "source")

    if p or session is None:
        return None
    return Atlas(
        regions=expanded,
        muscles={k: e.model for k, e in muscles.items()},
        conditions={k: e.model for k, e in conditions.items()},
        region_notes={k: e.model for k, e in notes.items()},
        sources={k: e.model for k, e in sources.items()},
        session=session.model,
    )


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
