""""Where does it hurt?": mark painful places on the map or in a list, set levels, see ranked muscles."""

from __future__ import annotations

import streamlit as st

from bodymap.content.atlas import Atlas
from bodymap.reference import screen as sm
from bodymap.ui import state
from bodymap.ui.loading import name_tables
from bodymap.ui.map_view import screen_map
from bodymap.ui.panels import panel_title, subject_panel
from bodymap.ui.view_picker import view_control, zoom_bar

NO_LEVEL = "not set"
LEVELS = [NO_LEVEL, *range(11)]


def _pain_list(atlas: Atlas, pain: dict[str, int | None]) -> None:
    """The marked places as a searchable multi-select (mirrors the map), each with a 0-10 level."""
    names = name_tables(atlas)["region"]
    state.preset("pain-pick", [r for r in pain if r in names])
    st.multiselect("Painful places", list(names), key="pain-pick", format_func=names.__getitem__,
                   on_change=lambda: state.apply(sm.mark_pain, list(state.widget("pain-pick", []))),
                   placeholder="Tap the body, or choose places here", max_selections=sm.MAX_PAIN)
    for rid, level in pain.items():
        key = f"level-{rid}"
        state.preset(key, NO_LEVEL if level is None else level)

        def set_level(rid: str = rid, key: str = key) -> None:
            value = state.widget(key)
            state.apply(sm.set_level, rid, None if value == NO_LEVEL else int(value))

        st.select_slider(f"How bad is it at {names[rid]}? (0 = no pain, 10 = worst)", LEVELS, key=key,
                         on_change=set_level)


@st.fragment
def where_it_hurts(atlas: Atlas) -> None:
    """Map left (a tap marks or unmarks a place), the list, levels and ranked candidates right."""
    state.full_rerun_if_asked()
    screen = state.screen()
    subject = sm.valid_subject(atlas, screen.shown)
    pain = dict(subject.pain) if subject else {}
    left, right = st.columns([3, 2], gap="large")
    # The panel first: its text reaches the page before the map is redrawn.
    with right:
        panel_title("Where does it hurt?", "Muscles that may explain your pain" if pain else "Mark where it hurts")
        st.markdown("Tap each painful place on the body (tap again to remove it), or choose places in the list. "
                    "Add how bad each one is if you like.")
        _pain_list(atlas, pain)
        if subject is not None:
            st.button("Clear all marks", key="pain-clear", type="tertiary", on_click=state.apply,
                      args=(sm.clear_pain,))
            subject_panel(atlas, subject, title=False)
    with left:
        zoom_bar(atlas, screen, "pain-map")
        screen_map(atlas, screen, key="pain-map")
        view_control(atlas, screen, "view-pick-pain")
    state.sync_query()
