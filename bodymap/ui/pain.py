""""Where does it hurt?": mark painful places on the map or in a list, set levels, see ranked muscles."""

from __future__ import annotations

import streamlit as st

from bodymap.content.atlas import Atlas
from bodymap.handout.page import Subject
from bodymap.reference.ranking import Candidate, pain_overlay, rank_candidates
from bodymap.ui import state
from bodymap.ui.explore import shown_views, view_control
from bodymap.ui.handout_button import handout_button
from bodymap.ui.map_view import show_map
from bodymap.ui.panels import panel_title, sources
from bodymap.ui.text import level_text, md

NO_LEVEL = "not set"
LEVELS = [NO_LEVEL, *range(11)]


def _pain_list(atlas: Atlas) -> None:
    """The marked places as a searchable multi-select (mirrors the map), each with a 0-10 level."""
    s = st.session_state
    names = {rid: r.label for rid, r in sorted(atlas.regions.items(), key=lambda kv: kv[1].label)}
    s["pain-pick"] = [r for r in s["pain"] if r in names]

    def changed() -> None:
        chosen = list(s["pain-pick"])[: state.MAX_PAIN]
        old = s["pain"]
        s["pain"] = {r: old.get(r) for r in chosen}
        s["step"] = 1

    st.multiselect("Painful places", list(names), key="pain-pick", format_func=names.__getitem__, on_change=changed,
                   placeholder="Tap the body, or choose places here", max_selections=state.MAX_PAIN)
    for rid, level in s["pain"].items():
        key = f"level-{rid}"
        s[key] = NO_LEVEL if level is None else level

        def set_level(rid: str = rid, key: str = key) -> None:
            value = s[key]
            state.set_level(rid, None if value == NO_LEVEL else int(value))

        st.select_slider(f"How bad is it at {names[rid]}? (0 = no pain, 10 = worst)", LEVELS, key=key,
                         on_change=set_level)


def _clear() -> None:
    st.session_state["pain"] = {}


def _open(muscle: str) -> None:
    state.open_muscle(muscle)
    state.request_full_rerun()


def _results(atlas: Atlas, folder: str, candidates: tuple[Candidate, ...]) -> None:
    pain = st.session_state["pain"]
    marked = ", ".join(f"{atlas.regions[r].label} ({level_text(v)})" for r, v in pain.items())
    st.caption(f"Marked: {md(marked)}")
    if not candidates:
        st.info("No muscle in this map sends pain to the places you marked. A clinician can help find the cause.")
        return
    st.markdown("**Muscles that may be involved** (numbered as on the map; most likely first)")
    for i, c in enumerate(candidates, start=1):
        with st.container(border=True, key=f"candidate-{c.muscle}"):
            st.markdown(f"**{i}. {md(c.name)}**  \n{md(c.explanation)}")
            st.button(f"→ Learn about {c.name}", key=f"open-candidate-{c.muscle}", type="tertiary",
                      on_click=_open, args=(c.muscle,))
    st.caption("These are possibilities from pain maps, not a diagnosis. A clinician can check them.")
    sources(atlas, [k for c in candidates for k in atlas.muscles[c.muscle].sources])
    handout_button(atlas, folder, Subject("pain", pain=tuple(pain.items())), "where-it-hurts", key="handout-pain")


@st.fragment
def where_it_hurts(atlas: Atlas, folder: str) -> None:
    """Map left (a tap marks or unmarks a place), the list, levels and ranked candidates right."""
    state.full_rerun_if_asked()
    s = st.session_state
    pain = {r: v for r, v in s["pain"].items() if r in atlas.regions}
    candidates = rank_candidates(atlas, pain) if pain else ()
    overlay = pain_overlay(atlas, pain, candidates)
    left, right = st.columns([3, 2], gap="large")
    # The panel first: its text reaches the page before the map is redrawn.
    with right:
        panel_title("Where does it hurt?", "Muscles that may explain your pain" if pain else "Mark where it hurts")
        st.markdown("Tap each painful place on the body (tap again to remove it), or choose places in the list. "
                    "Add how bad each one is if you like.")
        _pain_list(atlas)
        if pain:
            st.button("Clear all marks", key="pain-clear", type="tertiary", on_click=_clear)
            _results(atlas, folder, candidates)
    with left:
        last = next(reversed(pain), None)
        views = shown_views(atlas, state.VIEW_CHOICES[s["views"]], last)
        show_map(atlas, overlay, None, state.toggle_pain, key="pain-map", views=views)
        view_control("view-pick-pain")
    state.sync_query()
