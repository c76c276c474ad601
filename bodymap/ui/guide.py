"""The session guide and safety page: what a dry-needling session is like, who should not have it, warning signs."""

from __future__ import annotations

import streamlit as st

from bodymap.content.atlas import Atlas
from bodymap.ui.panels import panel_title, sources
from bodymap.ui.text import md


def session_guide(atlas: Atlas) -> None:
    """Intro, steps, contraindications (absolute and relative), red flags and sources."""
    g = atlas.session
    panel_title("Session guide & safety", "What happens in a dry-needling session")
    st.info(md(g.disclaimer))
    first, second = st.columns([3, 2], gap="large")
    with first:
        st.markdown(md(g.intro))
        st.markdown("#### Step by step")
        for i, step in enumerate(g.steps, start=1):
            with st.expander(f"{i}. {step.title}", expanded=i == 1):
                st.markdown(md(step.text))
    with second, st.container(key="red-flags"):
        st.error("**Warning signs: get medical care first** (do not wait for a needling session)")
        for flag in g.red_flags:
            st.markdown(f"**{md(flag.name)}**: {md(flag.text)}")
    st.markdown("#### Who should not have dry needling, and when to take care")
    absolute = [c for c in g.contraindications if c.kind == "absolute"]
    relative = [c for c in g.contraindications if c.kind == "relative"]
    a, r = st.columns(2, gap="large")
    with a:
        st.markdown("**Do not needle** (absolute contraindications)")
        for c in absolute:
            st.markdown(f"- **{md(c.name)}** (*{md(c.clinical)}*): {md(c.text)}")
    with r:
        st.markdown("**Ask first and adapt** (relative contraindications, precautions)")
        for c in relative:
            st.markdown(f"- **{md(c.name)}** (*{md(c.clinical)}*): {md(c.text)}")
    keys = [*g.sources, *(k for s in g.steps for k in s.sources), *(k for c in g.contraindications for k in c.sources),
            *(k for f in g.red_flags for k in f.sources)]
    sources(atlas, keys)
