"""Hostile files are refused with a clear problem, never a crash or a hang (pytest-timeout guards hangs; how fast
they are refused is measured by `python -m bench.hostile`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bodymap.content.loader import check_data
from bodymap.content.yaml_source import LOADERS, read_yaml
from tests.support.hostile_yaml import HOSTILE

from minimal_data import write_minimal


def _write(path, content: str | bytes) -> None:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


@pytest.mark.parametrize("case", HOSTILE, ids=[c[0] for c in HOSTILE])
@pytest.mark.timeout(10)
def test_hostile_file_is_rejected(tmp_path, case):
    _, text, line, message = case
    data = write_minimal(tmp_path)
    path = data / "hostile.yaml"
    _write(path, text)
    atlas, problems = check_data(data)
    assert atlas is None
    hits = [p for p in problems if p.file == str(path) and message in p.message]
    assert hits, "\n".join(map(str, problems))
    assert hits[0].line == line
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
    doc, problems = read_yaml(path, loader_class=loader)
    assert doc is None and message in problems[0].message


@pytest.mark.parametrize("loader", LOADERS, ids=[cls.__name__ for cls in LOADERS])
def test_both_parsers_give_the_same_data_and_lines(loader):
    path = Path(__file__).resolve().parents[1] / "data" / "conditions.yaml"
    doc, problems = read_yaml(path, loader_class=loader)
    reference, _ = read_yaml(path, loader_class=LOADERS[-1])
    assert problems == [] and doc.data == reference.data
    assert doc.positions.keys() == reference.positions.keys()
    assert all(doc.where(path) == reference.where(path) for path in doc.positions)
