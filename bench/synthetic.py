"""Synthetic content for benchmarks: the shipped atlas copied N times under fresh ids."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from bodymap.content.loader import data_files, load_atlas


def all_ids(data_dir: Path) -> list[str]:
    """Every id and source key in the shipped atlas (base region ids, not the sided ones)."""
    atlas = load_atlas(data_dir)
    ids = {r.base_id for r in atlas.regions.values()}
    ids |= set(atlas.muscles) | set(atlas.conditions) | set(atlas.region_notes) | set(atlas.sources)
    return sorted(ids, key=len, reverse=True)


def make_scaled(data_dir: Path, out_dir: Path, copies: int) -> Path:
    """Write `copies` renamed copies of the data into `out_dir`; copy 0 is the original.

    Every id and every reference to it gets the suffix `-xK` in copy K, so the result validates.
    Only one session guide is kept.
    """
    if out_dir.exists():
        shutil.rmtree(out_dir)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, all_ids(data_dir))) + r")(?![\w-])")
    for path in data_files(data_dir):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        rel = path.relative_to(data_dir)
        for k in range(copies):
            if k:
                data.pop("session", None)
            text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=200)
            if k:
                text = pattern.sub(lambda m, k=k: f"{m.group(1)}-x{k}", text)
            target = out_dir / f"copy{k}" / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    return out_dir
