"""`python -m bodymap check` and `export`, run as a user would."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from minimal_data import FILES, write_minimal

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "bodymap", *args]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_check_ok_prints_counts(tmp_path):
    result = _run("check", str(write_minimal(tmp_path)))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "ok: 5 regions, 2 muscles, 2 trigger points, 1 conditions, 1 region notes, 1 sources"
    )


def test_check_bad_prints_file_line_field_and_exits_1(tmp_path):
    data = write_minimal(tmp_path, {"regions.yaml": FILES["regions.yaml"].replace("view: front", "view: side", 1)})
    result = _run("check", str(data))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert re.fullmatch(rf"{re.escape(str(data / 'regions.yaml'))}:5:\d+: regions\[chest\]\.view: .+", lines[0])
    assert lines[-1] == f"1 problem(s) in {data}"
    assert result.stdout == ""


def test_export_emits_the_whole_atlas(tmp_path):
    result = _run("export", str(write_minimal(tmp_path)), "--format", "json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["version"] == 1
    regions = {r["id"]: r for r in out["regions"]}
    assert regions["chest-right"]["outline"][0] == [-2.0, 140.0]  # mirrored, winding kept
    assert regions["chest-right"]["side"] == "right" and regions["sternum"]["side"] == "midline"
    pec = next(m for m in out["muscles"] if m["id"] == "pec")
    tp = pec["trigger_points"][0]
    assert tp["sides"]["right"] == {
        "region": "chest-right", "at": [-15.0, 130.0], "essential": ["chest-right", "sternum"],
        "spillover": ["upper-back-right"],
    }
    assert pec["sources"] == ["book"] and pec["aka"] == ["pecs"]
    assert out["conditions"][0]["muscles"] == {"primary": ["pec"], "also": ["rhomboid"]}
    assert out["session"]["contraindications"][0]["kind"] == "absolute"
    assert out["region_notes"][0]["id"] == "trunk"
    assert out["sources"] == [
        {"key": "book", "citation": "Author A. A Book About Muscles. City: Publisher; 2000.", "doi": "10.1000/xyz123"}
    ]


def test_export_refuses_bad_data(tmp_path):
    data = write_minimal(tmp_path, {"conditions.yaml": "conditions: 5\n"})
    result = _run("export", str(data))
    assert result.returncode == 1 and result.stdout == "" and "must be a list" in result.stderr


def test_usage_error_exits_2():
    assert _run("frobnicate").returncode == 2
