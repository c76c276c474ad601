"""Reading data files into validated entries, each remembered with its file and place.

`collect` validates each entry of one file on its own (so one bad entry does not hide the others),
following `Keys`: the collections a folder may hold (lists of entries), its single mappings (the
session guide, a clinic), and the keys it refuses with a reason (a clinic pack may not touch the
shipped safety content).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bodymap.content.problems import Problem
from bodymap.content.schema import CLINIC_PACK, COLLECTIONS, ID_PATTERN, Model, Session
from bodymap.content.yaml_source import Path_, YamlDocument, read_yaml

MAX_FILES = 500

_MESSAGES = {"missing": "required field is missing"}
_ID_MESSAGE = "must be an id: lower-case letters, digits and hyphens, starting with a letter"
#: One entry of each collection, as problems name it; and the field holding its id, when not `id`.
WHAT = {"regions": "region", "muscles": "muscle", "conditions": "condition", "region_notes": "region notes",
        "sources": "source", "drawings": "drawing", "lessons": "lesson", "clinic_notes": "clinic note"}
ID_FIELD = {"sources": "key", "drawings": "key"}
#: Every key an entry can be collected under: the shipped collections, the session and a clinic pack's own.
ALL_KEYS = (*COLLECTIONS, "session", *CLINIC_PACK)


@dataclass(frozen=True)
class Keys:
    """What a folder may hold: lists of entries, single mappings, and refused keys (key -> why)."""

    lists: Mapping[str, type[Model]]
    singles: Mapping[str, type[Model]]
    refused: Mapping[str, str] = field(default_factory=dict)
    overlay: bool = False  # entries come from a clinic pack

    @property
    def allowed(self) -> tuple[str, ...]:
        return (*self.lists, *self.singles)


_PACK_ONLY = "belongs in a clinic pack (an overlay folder), not in the shipped content"
SHIPPED = Keys(lists=COLLECTIONS, singles={"session": Session},
               refused={key: f"`{key}` {_PACK_ONLY}" for key in CLINIC_PACK})


@dataclass
class Entry:
    """A validated entry, where it was written, and whether a clinic pack added it."""

    model: Any
    doc: YamlDocument
    path: Path_
    overlay: bool = False

    def problem(self, sub: Path_, message: str) -> Problem:
        return self.doc.problem(self.path + sub, message)


@dataclass
class Collected:
    """Entries of every file read so far, the ids of entries dropped for problems, and the problems."""

    entries: dict[str, list[Entry]] = field(default_factory=lambda: {name: [] for name in ALL_KEYS})
    dropped: dict[str, set[str]] = field(default_factory=lambda: {name: set() for name in ALL_KEYS})
    problems: list[Problem] = field(default_factory=list)
    unreadable: bool = False  # some file could not be parsed: its ids are unknown, so skip reference checks

    def shipped(self, name: str) -> list[Entry]:
        return [e for e in self.entries[name] if not e.overlay]

    def added(self, name: str) -> list[Entry]:
        return [e for e in self.entries[name] if e.overlay]


def pydantic_problems(exc: ValidationError, doc: YamlDocument, base: Path_) -> list[Problem]:
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


def _key_problem(doc: YamlDocument, key: Any, keys: Keys) -> Problem:
    """A top-level key the folder may not hold: refused with its reason, or unknown with a hint."""
    if key in keys.refused:
        return doc.problem((key,), keys.refused[key])
    hint = difflib.get_close_matches(str(key), keys.allowed, n=1)
    more = f" (did you mean {hint[0]!r}?)" if hint else f"; expected one of {', '.join(keys.allowed)}"
    return doc.problem((key,), f"unknown collection {key!r}{more}")


def collect(doc: YamlDocument, into: Collected, keys: Keys = SHIPPED) -> None:
    """Validate each entry of one file on its own, noting the ids of entries dropped for problems."""
    data = doc.data
    if not isinstance(data, dict):
        into.problems.append(doc.problem((), "a data file must be a mapping of collections"))
        return
    for key, value in data.items():
        if key not in keys.allowed:
            into.problems.append(_key_problem(doc, key, keys))
        elif key in keys.singles:
            try:
                into.entries[key].append(Entry(keys.singles[key].model_validate(value), doc, (key,), keys.overlay))
            except ValidationError as exc:
                into.problems += pydantic_problems(exc, doc, (key,))
                into.dropped[key].add(key)
        elif not isinstance(value, list):
            into.problems.append(doc.problem((key,), "must be a list"))
        else:
            _collect_list(doc, key, value, keys, into)


def _collect_list(doc: YamlDocument, key: str, value: list, keys: Keys, into: Collected) -> None:
    model = keys.lists[key]
    for i, item in enumerate(value):
        try:
            into.entries[key].append(Entry(model.model_validate(item), doc, (key, i), keys.overlay))
        except ValidationError as exc:
            into.problems += pydantic_problems(exc, doc, (key, i))
            ident = item.get(ID_FIELD.get(key, "id")) if isinstance(item, dict) else None
            if isinstance(ident, str):
                into.dropped[key].add(ident)


def unique(entries: list[Entry], attr: str, what: str, problems: list[Problem]) -> dict[str, Entry]:
    """Entries by their `attr`, reporting each later entry with an id already seen."""
    seen: dict[str, Entry] = {}
    for entry in entries:
        ident = getattr(entry.model, attr)
        if ident in seen:
            first = seen[ident]
            line = first.doc.where(first.path + (attr,))[0]
            problems.append(entry.problem((attr,), f"duplicate {what} {ident!r} (first in {first.doc.file}:{line})"))
        else:
            seen[ident] = entry
    return seen


def data_files(data_dir: Path) -> list[Path]:
    """Every YAML file below `data_dir`, in a stable order."""
    return sorted(p for p in data_dir.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def folder_files(root: Path, what: str) -> tuple[list[Path], list[Problem]]:
    """The YAML files of a folder, or the problem that it is missing, empty or too big."""
    if not root.is_dir():
        return [], [Problem(str(root), 1, 1, "", f"{what} not found")]
    files = data_files(root)
    if not files:
        return [], [Problem(str(root), 1, 1, "", f"no .yaml files in the {what}")]
    if len(files) > MAX_FILES:
        return [], [Problem(str(root), 1, 1, "", f"{len(files)} files; the limit is {MAX_FILES}")]
    return files, []


def read_files(files: list[Path], into: Collected, keys: Keys = SHIPPED) -> None:
    """Read and collect each file; a file that cannot be parsed makes the collection `unreadable`."""
    for path in files:
        doc, problems = read_yaml(path)
        into.problems += problems
        if doc is None:
            into.unreadable = True
        else:
            collect(doc, into, keys)
