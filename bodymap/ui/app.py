"""Streamlit entry point: a minimal page with the body map (the full panels come later)."""

from __future__ import annotations

import streamlit as st

from ..atlas import Atlas
from ..loader import check_data
from ..lookup import layer
from ..overlay import Overlay
from .map_view import show_map


@st.cache_resource(show_spinner=False)
def _load(data_dir: str):
    return check_data(data_dir)


def _select(region_id: str) -> None:
    st.session_state["region"] = region_id


def _overlay(atlas: Atlas) -> Overlay:
    """Muscles in focus from `?muscle=<id>` (repeatable), on both sides."""
    ids = [m for m in st.query_params.get_all("muscle") if m in atlas.muscles]
    return Overlay(layers=tuple(layer(atlas, m, "focus", i) for i, m in enumerate(dict.fromkeys(ids), start=1)))


def run() -> None:
    """Render the app."""
    st.set_page_config(page_title="bodymap", page_icon="🩺")
    st.title("bodymap")
    atlas, problems = _load("data")
    if atlas is None:
        st.error("The content has problems:\n\n" + "\n".join(f"- {p}" for p in problems))
        return
    region = st.session_state.get("region")
    show_map(atlas, _overlay(atlas), region, _select)
    label = atlas.regions[region].label if region in atlas.regions else "nothing yet"
    with st.container(key="panel-title"):
        st.text(f"Selected: {label}")
