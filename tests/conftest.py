"""Shared fixtures: a builder of small synthetic atlases (tests/synthetic.py), and the shipped atlas once it
validates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bodymap.content.atlas import Atlas
from bodymap.content.loader import check_data
from tests.support.ci import require
from tests.synthetic import synthetic_atlas

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def make_atlas(tmp_path_factory):
    """A function building a small synthetic atlas (see tests/synthetic.py), each in its own temporary folder.
    Session-scoped, so module-scoped fixtures can build theirs with it."""

    def make(**kwargs: Any) -> Atlas:
        return synthetic_atlas(tmp_path_factory.mktemp("atlas"), **kwargs)

    return make


@pytest.fixture(scope="session")
def real_atlas() -> Atlas:
    """The shipped atlas. Skips while the content is still being written, except in CI, where it fails."""
    atlas, problems = check_data(ROOT / "data")
    require(atlas is not None, f"data/ does not validate yet ({len(problems)} problems)")
    return atlas
