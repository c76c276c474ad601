"""Presentation mode for educators: chrome hidden, large type, the map large, and a Previous / Next
step-through where each step focuses one muscle with a large caption (readable across a room)."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from bodymap.content.atlas import Atlas
from bodymap.reference.lookup import (
    condition_muscles,
    condition_overlay,
    layer,
    muscle_overlay,
    muscle_referral,
    referring_muscles,
)
from bodymap.reference.overlay import Overlay
from bodymap.reference.ranking import pain_overlay, rank_candidates
from bodymap.ui import state
from bodymap.ui.map_view import show_map
from bodymap.ui.panels import region_names
from bodymap.ui.text import join_names, md

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


@dataclass(frozen=True)
class Step:
    """One presentation step: the muscle in focus, its caption and the overlay drawn."""

    muscle: str
    kicker: str
    overlay: Overlay


def steps(atlas: Atlas) -> tuple[str, list[Step]]:
    """The title and steps of what is on screen: a condition's muscles, a muscle, the muscles that refer to
    a region, or the ranked candidates of marked pain."""
    s = st.session_state
    if s["nav"] == state.PAIN:
        pain = {r: v for r, v in s["pain"].items() if r in atlas.regions}
        if not pain:
            return "", []
        candidates = rank_candidates(atlas, pain)
        full = pain_overlay(atlas, pain, candidates)
        return "Where it hurts", [
            Step(lay.muscle, f"Candidate {lay.number} of {len(candidates)}",
                 Overlay(layers=(lay,), pain=full.pain)) for lay in full.layers
        ]
    subject = s["subject"]
    if subject == "condition" and s["condition"] in atlas.conditions:
        cid = s["condition"]
        roles = condition_muscles(atlas, cid)
        return atlas.conditions[cid].name, [
            Step(m, f"{i} of {len(roles)} · {'main muscle' if role == 'primary' else 'also common'}",
                 condition_overlay(atlas, cid, s["side"], only=m)) for i, (m, role) in enumerate(roles, start=1)
        ]
    if subject == "muscle" and s["muscle"] in atlas.muscles:
        mid = s["muscle"]
        return atlas.muscles[mid].name, [Step(mid, "Muscle", muscle_overlay(atlas, mid, s["side"]))]
    if subject == "region" and s["region"] in atlas.regions:
        rid = s["region"]
        refs = referring_muscles(atlas, rid)
        out = []
        for i, r in enumerate(refs, start=1):
            lay = layer(atlas, r.muscle, "refers", i, r.sides[0] if len(r.sides) == 1 else None)
            how = "often" if r.strength == "essential" else "sometimes"
            out.append(Step(r.muscle, f"{i} of {len(refs)} · sends pain here {how}",
                            Overlay(layers=(lay,), highlight=(rid,))))
        return f"Pain felt at {atlas.regions[rid].label}", out
    return "", []


def _go(delta: int, count: int) -> None:
    s = st.session_state
    s["step"] = min(max(1, s["step"] + delta), count)


def _exit() -> None:
    st.session_state["present"] = False
    state.request_full_rerun()


def _choose() -> None:
    value = st.session_state.get("present-pick")
    if value:
        state.open_condition(value)


def _caption(atlas: Atlas, step: Step, count: int) -> None:
    """Step, muscle name and the Previous / Next buttons first (they stay on screen on a tablet), then facts."""
    s = st.session_state
    m = atlas.muscles[step.muscle]
    side = s["side"]
    ref = muscle_referral(atlas, m.id, side)
    with st.container(key="present-caption"):
        st.markdown(md(step.kicker))
        st.header(md(m.name), anchor=False)
    with st.container(key="present-nav", horizontal=True):
        st.button("Previous", key="present-prev", on_click=_go, args=(-1, count), disabled=s["step"] <= 1,
                  width="stretch", shortcut="Left")
        st.button("Next", key="present-next", on_click=_go, args=(1, count), disabled=s["step"] >= count,
                  width="stretch", type="primary", shortcut="Right")
    st.progress(s["step"] / count, text=f"Step {s['step']} of {count}")
    if m.clinical.casefold() != m.name.casefold():
        st.markdown(f"*{md(m.clinical)}*")
    st.markdown(f"**Pain often felt:** {md(join_names(region_names(atlas, ref.essential, side)))}")
    if ref.spillover:
        st.markdown(f"**Sometimes:** {md(join_names(region_names(atlas, ref.spillover, side)))}")
    if m.mimics:
        st.markdown(f"**Often mistaken for:** {md('; '.join(m.mimics[:2]))}")


@st.fragment
def presentation(atlas: Atlas) -> None:
    """The presentation page (its own fragment: Previous / Next rerun only this part)."""
    state.full_rerun_if_asked()
    s = st.session_state
    st.html(PRESENT_CSS)
    title, all_steps = steps(atlas)
    with st.container(key="present-root"):
        with st.container(horizontal=True, vertical_alignment="center", horizontal_alignment="distribute"):
            with st.container(key="panel-title", width="content"):
                st.title(md(title or "Presentation"), anchor=False)
            st.button("Exit presentation", key="present-exit", on_click=_exit, width="content")
        if not all_steps:
            names = {cid: c.name for cid, c in atlas.conditions.items()}
            st.markdown("Choose a condition to present its muscles one by one.")
            st.selectbox("Condition", list(names), index=None, key="present-pick", on_change=_choose,
                         format_func=names.__getitem__, placeholder="Choose a condition…")
            state.sync_query()
            return
        count = len(all_steps)
        s["step"] = min(max(1, s["step"]), count)
        step = all_steps[s["step"] - 1]
        left, right = st.columns([3, 2], gap="large")
        with left:
            condition = s["subject"] == "condition" and s["nav"] != state.PAIN
            legend = "Where it is usually felt" if condition else "Area chosen"
            show_map(atlas, step.overlay, None, lambda _r: None, key="present-map", height=MAP_HEIGHT,
                     highlight_label=legend)
        with right:
            _caption(atlas, step, count)
            st.caption(md(atlas.session.disclaimer))
    state.sync_query()
