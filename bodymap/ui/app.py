"""Streamlit entry point (placeholder list view until the map lands)."""

from __future__ import annotations

import streamlit as st

from ..loader import check_data


def run() -> None:
    """Render the app."""
    st.set_page_config(page_title="bodymap", page_icon="🩺")
    st.title("bodymap")
    atlas, problems = check_data("data")
    if atlas is None:
        st.error("The content has problems:\n\n" + "\n".join(f"- {p}" for p in problems))
        return
    for region in atlas.regions.values():
        st.write(region.label)
