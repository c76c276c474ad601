"""Loading the content once per folder (cached for every session), and the page shown when it has problems."""

from __future__ import annotations

import os

import streamlit as st

from bodymap.content.atlas import Atlas
from bodymap.content.loader import check_data
from bodymap.content.problems import Problem
from bodymap.reference.search import SearchIndex
from bodymap.ui.text import md

DATA_ENV = "BODYMAP_DATA"
DEFAULT_DATA = "data"


def data_folder() -> str:
    """The content folder: $BODYMAP_DATA, or "data"."""
    return os.environ.get(DATA_ENV, "").strip() or DEFAULT_DATA


@st.cache_resource(max_entries=4, show_spinner="Loading the body map…")
def load(folder: str) -> tuple[Atlas | None, tuple[Problem, ...]]:
    """The atlas of a folder, or None with every problem found. Shared by all sessions: never mutate it."""
    try:
        atlas, problems = check_data(folder)
    except OSError as exc:  # an unreadable folder: report it like a content problem
        return None, (Problem(folder, 0, 0, "", f"cannot be read ({exc.strerror or type(exc).__name__})"),)
    return atlas, tuple(problems)


@st.cache_resource(max_entries=4, show_spinner=False)
def search_index(folder: str, _atlas: Atlas) -> SearchIndex:
    """The search index of a folder's atlas, built once."""
    return SearchIndex(_atlas)


def show_problems(folder: str, problems: tuple[Problem, ...]) -> None:
    """The error page: what is wrong with the content, every problem with its place, no traceback."""
    st.title("bodymap cannot start")
    count = len(problems)
    st.error(
        f"The content in the folder “{md(folder)}” has {count} problem{'s' if count != 1 else ''}, so the body map "
        "cannot be shown. Fix them and reload the page (run `python -m bodymap check <folder>` to check).",
    )
    st.code("\n".join(str(p) for p in problems) or f"{folder}: no content found", language=None, wrap_lines=True)
