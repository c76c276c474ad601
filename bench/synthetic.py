"""Synthetic content for benchmarks: the shipped content copied N times under fresh ids, on the same body.

Muscles (with their trigger points), conditions, lessons and sources are copied; the regions are the body's
geometry and are not (copies in the same places would overlap, which the loader rejects in close-ups), nor is
the session guide with its region notes. So 10x is ten times the reference on one body.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from bodymap.content.loader import data_files, load_atlas

#: Files (relative to the data folder) kept once: the body and the session guide.
ONCE = ("regions.yaml", "session.yaml", "views/")
#: Copies written to one file (their lists joined): the loader takes at most 500 files of 512 KB each.
GROUP = 5


def all_ids(data_dir: Path) -> list[str]:
    """Every muscle, condition, lesson and source id of the shipped atlas (what a copy renames)."""
    atlas = load_atlas(data_dir)
    ids = set(atlas.muscles) | set(atlas.conditions) | set(atlas.sources) | set(atlas.lessons)
    return sorted(ids, key=len, reverse=True)


def make_scaled(data_dir: Path, out_dir: Path, copies: int) -> Path:
    """Write `copies` renamed copies of the data into `out_dir`; copy 0 is the original.

    Every muscle, condition, lesson and source id and every reference to it gets the suffix `-xK` in copy K,
    so the result validates; the regions and the session guide are kept once (`ONCE`).
    """
    if out_dir.exists():
        shutil.rmtree(out_dir)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, all_ids(data_dir))) + r")(?![\w-])")
    for path in data_files(data_dir):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        rel = path.relative_to(data_dir)
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=200)
        _write(out_dir / "copy0" / rel, text)
        if rel.as_posix().startswith(ONCE):
            continue
        # copies 1.. go GROUP to a file (their top-level lists joined), to stay under the loader's file limit
        for first in range(1, copies, GROUP):
            merged: dict[str, list] = {}
            for k in range(first, min(first + GROUP, copies)):
                copy = yaml.safe_load(pattern.sub(lambda m, k=k: f"{m.group(1)}-x{k}", text))
                for key, items in copy.items():
                    merged.setdefault(key, []).extend(items)
            _write(out_dir / f"copies{first}" / rel, yaml.safe_dump(merged, allow_unicode=True, sort_keys=False,
                                                                     width=200))
    return out_dir


def _write(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
