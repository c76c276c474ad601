"""Loading the content once per folder (cached for every session), and the page shown when it has problems."""

from __future__ import annotations

import gc
import os

import streamlit as st

from bodymap.content.atlas import Atlas
from bodymap.content.loader import check_data
from bodymap.content.problems import Problem
from bodymap.reference.search import SearchIndex
from bodymap.ui.text import md

DATA_ENV = "BODYMAP_DATA"
OVERLAY_ENV = "BODYMAP_OVERLAY"
DEFAULT_DATA = "data"


def data_folder() -> str:
    """The content folder: $BODYMAP_DATA, or "data"."""
    return os.environ.get(DATA_ENV, "").strip() or DEFAULT_DATA


def overlay_folder() -> str:
    """The clinic content pack's folder: $BODYMAP_OVERLAY, or "" for none."""
    return os.environ.get(OVERLAY_ENV, "").strip()


def load(folder: str, overlay: str | None = None) -> tuple[Atlas | None, tuple[Problem, ...]]:
    """The atlas of a folder with a clinic pack's folder over it ("" for none; None: $BODYMAP_OVERLAY),
    or None with every problem found (the pack's too). Shared by all sessions: never mutate it."""
    return _load(folder, overlay_folder() if overlay is None else overlay)


@st.cache_resource(max_entries=4, show_spinner="Loading the body map…")
def _load(folder: str, overlay: str) -> tuple[Atlas | None, tuple[Problem, ...]]:
    """Cached by the data folder and the pack's folder together."""
    try:
        atlas, problems = check_data(folder, overlay or None)
        gc.collect()
        gc.freeze()  # the loaded content lives as long as the app: keep it out of every later collection
    except OSError as exc:  # an unreadable folder: report it like a content problem
        where = str(exc.filename) if exc.filename else folder  # the data folder's or the pack's
        return None, (Problem(where, 0, 0, "", f"cannot be read ({exc.strerror or type(exc).__name__})"),)
    return atlas, tuple(problems)


_FINGERPRINTS: dict[int, tuple[Atlas, int]] = {}


def fingerprint(atlas: Atlas) -> int:
    """A cache key for an atlas (its regions' hash), worked out once per atlas object."""
    held = _FINGERPRINTS.get(id(atlas))
    if held is None or held[0] is not atlas:
        if len(_FINGERPRINTS) >= 8:
            _FINGERPRINTS.clear()
        held = _FINGERPRINTS[id(atlas)] = (atlas, hash(tuple(atlas.regions.values())))
    return held[1]


@st.cache_resource(max_entries=4, show_spinner=False)
def _search_index(atlas_key: int, _atlas: Atlas) -> SearchIndex:
    return SearchIndex(_atlas)


def search_index(atlas: Atlas) -> SearchIndex:
    """The search index of an atlas, built once."""
    return _search_index(fingerprint(atlas), atlas)


@st.cache_resource(max_entries=4, show_spinner=False)
def _name_tables(atlas_key: int, _atlas: Atlas) -> dict[str, dict[str, str]]:
    def by_name(table, name) -> dict[str, str]:
        return {k: name(v) for k, v in sorted(table.items(), key=lambda kv: name(kv[1]))}

    return {"region": by_name(_atlas.regions, lambda r: r.label),
            "muscle": by_name(_atlas.muscles, lambda m: m.name),
            "condition": by_name(_atlas.conditions, lambda c: c.name)}


def name_tables(atlas: Atlas) -> dict[str, dict[str, str]]:
    """Regions, muscles and conditions as id -> name, sorted by name (for the lists)."""
    return _name_tables(fingerprint(atlas), atlas)


def show_problems(folder: str, problems: tuple[Problem, ...]) -> None:
    """The error page: what is wrong with the content, every problem with its place, no traceback."""
    st.title("bodymap cannot start")
    count = len(problems)
    overlay = overlay_folder()
    where = f"“{md(folder)}” with the clinic pack “{md(overlay)}”" if overlay else f"“{md(folder)}”"
    check = "`python -m bodymap check <folder> --overlay <pack>`" if overlay else "`python -m bodymap check <folder>`"
    st.error(
        f"The content in the folder {where} has {count} problem{'s' if count != 1 else ''}, so the body map "
        f"cannot be shown. Fix them and reload the page (run {check} to check).",
    )
    st.code("\n".join(str(p) for p in problems) or f"{folder}: no content found", language=None, wrap_lines=True)
