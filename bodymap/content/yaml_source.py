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
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from bodymap.content.problems import Problem

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


class _PyLoader(Reader, Scanner, Parser, Composer, SafeConstructor, Resolver):
    """Pure-Python safe loader (used when PyYAML lacks libyaml) whose composer caps nesting depth.

    PyYAML's composer is recursive: without the cap, deep nesting would raise RecursionError.
    """

    def __init__(self, stream: str):
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)
        self._depth = 0

    def compose_node(self, parent, index):  # noqa: D102 - PyYAML hook
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _LimitError(self.peek_event().start_mark, f"nested deeper than {MAX_DEPTH} levels")
            return Composer.compose_node(self, parent, index)
        finally:
            self._depth -= 1


try:  # libyaml parses and composes in C, several times faster; the guards run on its node tree.
    from yaml._yaml import CParser

    class _CLoader(CParser, SafeConstructor, Resolver):
        """libyaml safe loader (the same classes as yaml.CSafeLoader)."""

        def __init__(self, stream: str):
            CParser.__init__(self, stream)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)

    LOADERS: tuple[type, ...] = (_CLoader, _PyLoader)
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    LOADERS = (_PyLoader,)


@dataclass(frozen=True)
class YamlDocument:
    """A parsed file: its data and the (line, column) of every value, keyed by path."""

    file: str
    data: Any
    positions: dict[Path_, Any]  # path -> the YAML mark where it starts (converted on demand)

    def where(self, path: Path_) -> tuple[int, int]:
        """Line and column of the deepest known prefix of `path` (1-based)."""
        for end in range(len(path), -1, -1):
            mark = self.positions.get(tuple(path[:end]))
            if mark is not None:
                return _mark(mark)
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


class _Walker:
    """Records every value's position and enforces the limits before anything is constructed.

    Aliases make a node reachable more than once: the walk counts those revisits, the nesting
    depth and the expanded size, and refuses non-standard tags, so hostile input never reaches
    the constructor.
    """

    def __init__(self, file: str):
        self.file = file
        self.positions: dict[Path_, Any] = {}
        self.problems: list[Problem] = []
        self._budget = MAX_NODES
        self._visited: set[int] = set()
        self._aliases = 0

    def walk(self, node: yaml.Node, path: Path_ = ()) -> None:
        self._budget -= 1
        if len(path) > MAX_DEPTH:
            raise _LimitError(node.start_mark, f"nested deeper than {MAX_DEPTH} levels")
        if self._budget < 0:
            raise _LimitError(node.start_mark, f"expands to more than {MAX_NODES} values (alias bomb?)")
        if node.tag not in _STANDARD_TAGS:
            raise _LimitError(node.start_mark, f"tag {node.tag!r} is not allowed")
        self.positions.setdefault(path, node.start_mark)
        if isinstance(node, yaml.ScalarNode):
            return
        if id(node) in self._visited:
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                message = f"more than {MAX_ALIASES} aliases (*name): the anchored value here is reused too often"
                raise _LimitError(node.start_mark, message)
        self._visited.add(id(node))
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, yaml.Node] = {}
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
                if key in seen:
                    line, col = _mark(key_node.start_mark)
                    first = _mark(seen[key].start_mark)[0]
                    self.problems.append(Problem(self.file, line, col, ".".join(map(str, path + (key,))),
                                                 f"duplicate key {key!r} (first at line {first})"))
                seen[key] = key_node
                self.positions[path + (key,)] = key_node.start_mark
                self.walk(value_node, path + (key,))
        else:
            for i, item in enumerate(node.value):
                self.walk(item, path + (i,))


def read_yaml(
    path: Path, display: str | None = None, loader_class: type | None = None
) -> tuple[YamlDocument | None, list[Problem]]:
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

    loader = (loader_class or LOADERS[0])(text)
    walker = _Walker(file)
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDocument(file, {}, {}), []
        walker.walk(node)
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
    return YamlDocument(file, data, walker.positions), walker.problems
