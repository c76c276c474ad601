"""Presentation mode for educators: chrome hidden, large type, the map large, and a Previous / Next
step-through where each step focuses one muscle with a large caption (readable across a room)."""

from __future__ import annotations

import streamlit as st

from bodymap.content.atlas import Atlas
from bodymap.reference import screen as sm
from bodymap.reference import showing
from bodymap.reference.lookup import muscle_referral
from bodymap.reference.screen import Subject
from bodymap.reference.showing import Step
from bodymap.reference.text import RED_FLAGS, area_red_flags
from bodymap.reference.wording import join_names, region_names
from bodymap.ui import state
from bodymap.ui.map_view import screen_map
from bodymap.ui.text import md

#: Only layout and type size: no content ever goes through HTML.
PRESENT_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 1rem 2rem 2rem 2rem; max-width: 100%; }
.st-key-present-root p, .st-key-present-root li { font-size: 1.45rem; line-height: 1.4; }
.st-key-present-root h1 { font-size: 2.6rem; }
.st-key-present-caption h2 { font-size: 2.6rem; line-height: 1.15; }
.st-key-present-caption p { font-size: 1.6rem; }
.st-key-present-nav button { min-height: 3.6rem; }
.st-key-present-nav button p { font-size: 1.5rem; font-weight: 600; }
</style>"""
MAP_HEIGHT = 720


def _choose() -> None:
    value = state.widget("present-pick")
    if value:
        state.open_subject(Subject("condition", value))


def _caption(atlas: Atlas, step: Step, count: int) -> None:
    """Step, muscle name and the Previous / Next buttons first (they stay on screen on a tablet), then facts."""
    screen = state.screen()
    m = atlas.muscles[step.muscle]
    side = screen.side
    ref = muscle_referral(atlas, m.id, side)
    with st.container(key="present-caption"):
        st.markdown(md(step.label))
        st.header(md(m.name), anchor=False)
    with st.container(key="present-nav", horizontal=True):
        st.button("Previous", key="present-prev", on_click=state.apply, args=(sm.previous_step, count),
                  disabled=screen.step <= 1, width="stretch", shortcut="Left")
        st.button("Next", key="present-next", on_click=state.apply, args=(sm.next_step, count),
                  disabled=screen.step >= count, width="stretch", type="primary", shortcut="Right")
    st.progress(screen.step / count, text=f"Step {screen.step} of {count}")
    if m.clinical.casefold() != m.name.casefold():
        st.markdown(f"*{md(m.clinical)}*")
    st.markdown(f"**Pain often felt:** {md(join_names(region_names(atlas, ref.essential, side)))}")
    if ref.spillover:
        st.markdown(f"**Sometimes:** {md(join_names(region_names(atlas, ref.spillover, side)))}")
    if m.mimics:
        st.markdown(f"**Often mistaken for:** {md('; '.join(m.mimics[:2]))}")


def _warning_signs(atlas: Atlas, screen) -> None:
    """The warning signs of the areas presented (a body area, or the marked places), so no class misses them."""
    subject = screen.shown
    regions = [subject.id] if subject and subject.kind == "region" else [r for r, _ in subject.pain] if subject else []
    flags = area_red_flags(atlas, [r for r in regions if r in atlas.regions])
    if flags:
        st.error(f"**{md(RED_FLAGS)}**\n\n" + "\n".join(f"- {md(f)}" for f in flags))


def _chooser(atlas: Atlas) -> None:
    names = {cid: c.name for cid, c in atlas.conditions.items()}
    st.markdown("Choose a condition to present its muscles one by one.")
    st.selectbox("Condition", list(names), index=None, key="present-pick", on_change=_choose,
                 format_func=names.__getitem__, placeholder="Choose a condition…")


@st.fragment
def presentation(atlas: Atlas) -> None:
    """The presentation page (its own fragment: Previous / Next rerun only this part)."""
    state.full_rerun_if_asked()
    st.html(PRESENT_CSS)
    screen = state.screen()
    title, steps = showing.steps_for(atlas, screen)
    with st.container(key="present-root"):
        with st.container(horizontal=True, vertical_alignment="center", horizontal_alignment="distribute"):
            with st.container(key="panel-title", width="content"):
                st.title(md(title or "Presentation"), anchor=False)
            st.button("Exit presentation", key="present-exit", on_click=state.apply, args=(sm.stop_presenting,),
                      width="content")
        if not steps:
            _chooser(atlas)
            state.sync_query()
            return
        count = len(steps)
        if not 1 <= screen.step <= count:
            state.apply(sm.go_to_step, screen.step, count)
            screen = state.screen()
        left, right = st.columns([3, 2], gap="large")
        with left:
            screen_map(atlas, screen, key="present-map", overlay=steps[screen.step - 1].overlay,
                       height=MAP_HEIGHT, clickable=False)
        with right:
            _caption(atlas, steps[screen.step - 1], count)
            _warning_signs(atlas, screen)
            st.caption(md(atlas.session.disclaimer))
    state.sync_query()
