"""Hostile files are refused quickly with a clear problem, never a crash or a hang."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from bodymap.content.loader import check_data
from bodymap.content.yaml_source import LOADERS, MAX_BYTES, read_yaml

from minimal_data import write_minimal


def _alias_bomb() -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    prev = "a"
    for name in "bcdefghi":
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
        prev = name
    return "\n".join(lines) + "\n"


HOSTILE = [
    ("alias-bomb", _alias_bomb(), 1, "aliases"),
    ("deep-flow-sequence", "muscles: " + "[" * 2000 + "]" * 2000 + "\n", 1, "nest"),
    ("deep-flow-mapping", "muscles: " + "{a: " * 2000 + "1" + "}" * 2000 + "\n", 1, "nest"),
    ("self-alias", "muscles: &a [*a]\n", 1, "nested deeper"),
    ("oversized", "sources: []\n" + "# padding\n" * (MAX_BYTES // 10 + 10), 1, "limit"),
    ("python-object", "muscles: !!python/object/apply:os.system ['echo owned']\n", 1, "not allowed"),
    ("python-name", "regions:\n  - !!python/name:os.system\n", 2, "not allowed"),
    ("custom-tag", "sources: !include /etc/passwd\n", 1, "not allowed"),
    ("not-utf8", b"sources:\n  - key: x\n    citation: \xff\xfe broken bytes\n", 3, "UTF-8"),
]


def _write(path, content: str | bytes) -> None:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


@pytest.mark.parametrize("case", HOSTILE, ids=[c[0] for c in HOSTILE])
@pytest.mark.timeout(10)
def test_hostile_file_is_rejected_fast(tmp_path, case):
    _, text, line, message = case
    data = write_minimal(tmp_path)
    path = data / "hostile.yaml"
    _write(path, text)
    start = time.perf_counter()
    atlas, problems = check_data(data)
    elapsed = time.perf_counter() - start
    assert atlas is None
    hits = [p for p in problems if p.file == str(path) and message in p.message]
    assert hits, "\n".join(map(str, problems))
    assert hits[0].line == line
    assert elapsed < 1.0, f"took {elapsed:.2f}s"
    # Only the hostile file is reported: the rest of the data is still checked, without noise.
    assert {p.file for p in problems} == {str(path)}


def test_the_hostile_tag_never_runs(tmp_path):
    marker = tmp_path / "owned"
    data = write_minimal(tmp_path)
    (data / "x.yaml").write_text(f"muscles: !!python/object/apply:os.system ['touch {marker}']\n")
    check_data(data)
    assert not marker.exists()


@pytest.mark.parametrize("loader", LOADERS, ids=[cls.__name__ for cls in LOADERS])
@pytest.mark.parametrize("case", HOSTILE, ids=[c[0] for c in HOSTILE])
@pytest.mark.timeout(10)
def test_both_parsers_refuse_hostile_files(tmp_path, case, loader):
    _, text, _, message = case
    path = tmp_path / "hostile.yaml"
    _write(path, text)
    start = time.perf_counter()
    doc, problems = read_yaml(path, loader_class=loader)
    assert doc is None and message in problems[0].message
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize("loader", LOADERS, ids=[cls.__name__ for cls in LOADERS])
def test_both_parsers_give_the_same_data_and_lines(loader):
    path = Path(__file__).resolve().parents[1] / "data" / "conditions.yaml"
    doc, problems = read_yaml(path, loader_class=loader)
    reference, _ = read_yaml(path, loader_class=LOADERS[-1])
    assert problems == [] and doc.data == reference.data
    assert doc.positions.keys() == reference.positions.keys()
    assert all(doc.where(path) == reference.where(path) for path in doc.positions)
