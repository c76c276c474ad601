"""Safe YAML reading that remembers where every value came from.

Built on PyYAML's SafeLoader (never `yaml.load`). Hostile files are refused with a clear problem:
a size cap, a cap on aliases and on the expanded node count (alias bombs), a nesting cap (no
RecursionError escapes), and only the standard YAML tags. Duplicate mapping keys, which PyYAML
would silently overwrite, are reported too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

MAX_BYTES = 512 * 1024
MAX_DEPTH = 40
MAX_ALIASES = 50
MAX_NODES = 200_000

_STANDARD_TAGS = frozenset(
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp", "merge")
)

Path_ = tuple[str | int, ...]


class _LimitError(Exception):
    def __init__(self, mark: yaml.Mark | None, message: str):
        self.mark = mark
        self.message = message


class _GuardedLoader(yaml.SafeLoader):
    """SafeLoader whose composer counts nesting depth and aliases."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self._depth = 0
        self._aliases = 0

    def compose_node(self, parent, index):  # noqa: D102 - PyYAML hook
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise _LimitError(event.start_mark, f"more than {MAX_ALIASES} aliases (*name)")
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _LimitError(event.start_mark, f"nested deeper than {MAX_DEPTH} levels")
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        if node.tag not in _STANDARD_TAGS:
            raise _LimitError(node.start_mark, f"tag {node.tag!r} is not allowed")
        return node


@dataclass(frozen=True)
class YamlDocument:
    """A parsed file: its data and the (line, column) of every value, keyed by path."""

    file: str
    data: Any
    positions: dict[Path_, tuple[int, int]]

    def where(self, path: Path_) -> tuple[int, int]:
        """Line and column of the deepest known prefix of `path` (1-based)."""
        for end in range(len(path), -1, -1):
            pos = self.positions.get(tuple(path[:end]))
            if pos is not None:
                return pos
        return (1, 1)

    def problem(self, path: Path_, message: str) -> Problem:
        """A problem at `path` in this document."""
        line, col = self.where(path)
        return Problem(self.file, line, col, format_path(path, self.data), message)


def format_path(path: Path_, data: Any = None) -> str:
    """`muscles[upper-trapezius].trigger_points[tp1].at`: list indices become ids where known."""
    out = ""
    node = data
    for part in path:
        if isinstance(part, int):
            label = str(part)
            item = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            if isinstance(item, dict):
                ident = item.get("id", item.get("key"))
                if isinstance(ident, str) and ident:
                    label = ident
            out += f"[{label}]"
            node = item
        else:
            out += f".{part}" if out else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return out


def _mark(m: yaml.Mark | None) -> tuple[int, int]:
    return (m.line + 1, m.column + 1) if m is not None else (1, 1)


def _walk(node: yaml.Node, path: Path_, doc: dict, problems: list, file: str, budget: list[int]):
    budget[0] -= 1
    if len(path) > MAX_DEPTH:
        raise _LimitError(node.start_mark, f"nested deeper than {MAX_DEPTH} levels (an alias inside itself?)")
    if budget[0] < 0:
        raise _LimitError(node.start_mark, f"expands to more than {MAX_NODES} values (alias bomb?)")
    doc.setdefault(path, _mark(node.start_mark))
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key in seen:
                line, col = _mark(key_node.start_mark)
                first = _mark(seen[key].start_mark)[0]
                problems.append(
                    Problem(file, line, col, ".".join(map(str, path + (key,))),
                            f"duplicate key {key!r} (first at line {first})")
                )
            seen[key] = key_node
            doc[path + (key,)] = _mark(key_node.start_mark)
            _walk(value_node, path + (key,), doc, problems, file, budget)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, path + (i,), doc, problems, file, budget)


def read_yaml(path: Path, display: str | None = None) -> tuple[YamlDocument | None, list[Problem]]:
    """Read one YAML file safely. Returns the document (None if unusable) and its problems."""
    file = display or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [Problem(file, 1, 1, "", f"file is {size:,} bytes; the limit is {MAX_BYTES:,}")]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(file, 1, 1, "", f"cannot read file: {exc.strerror or exc}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(file, line, 1, "", "file is not valid UTF-8 text")]

    loader = _GuardedLoader(text)
    problems: list[Problem] = []
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDocument(file, {}, {(): (1, 1)}), []
        positions: dict[Path_, tuple[int, int]] = {}
        _walk(node, (), positions, problems, file, [MAX_NODES])
        data = loader.construct_document(node)
    except _LimitError as exc:
        line, col = _mark(exc.mark)
        return None, [Problem(file, line, col, "", exc.message)]
    except yaml.MarkedYAMLError as exc:
        line, col = _mark(exc.problem_mark or exc.context_mark)
        what = " ".join(filter(None, [exc.context, exc.problem]))
        return None, [Problem(file, line, col, "", f"YAML syntax: {what}")]
    except yaml.YAMLError as exc:
        return None, [Problem(file, 1, 1, "", f"YAML error: {exc}")]
    finally:
        loader.dispose()
    return YamlDocument(file, data, positions), problems
