"""Choosing the views of the map: the body (both, front, back), closer views and close-ups, and the way back.

Above the map: an offer to zoom into the close-up of the chosen area (the head, a hand, a foot),
or, in a closer view, the way back to the whole body. Under it: Both / Front / Back, and a list of
every closer view and close-up, so keyboard users reach them too.
"""

from __future__ import annotations

import streamlit as st

from bodymap.content.atlas import Atlas
from bodymap.content.views import BODY_VIEWS, CHOICES, choice_for
from bodymap.reference import screen as sm
from bodymap.reference import showing
from bodymap.reference.screen import Screen
from bodymap.ui import state

#: Height in px of the row above the map (one button).
BAR_HEIGHT = 48
BODY_CHOICES = {"Both": "both", "Front": "front", "Back": "back"}
CLOSER = [cid for cid in CHOICES if cid not in BODY_CHOICES.values()]


def _show(choice: str) -> None:
    state.apply(sm.set_views, CHOICES[choice][1])


def whole_body() -> tuple[str, ...]:
    """The body views a person returns to: one on a phone, both elsewhere."""
    return state.PHONE_VIEWS if state.on_a_phone() else BODY_VIEWS


def zoom_bar(atlas: Atlas, screen: Screen, key: str) -> None:
    """The way back from a closer view, or an offer of the chosen area's close-up, in a row of fixed height:
    the map below never moves when the offer comes and goes (a second tap lands where it was aimed)."""
    with st.container(height=BAR_HEIGHT, border=False, key=f"{key}-bar"):
        _zoom_button(atlas, screen, key)


def _zoom_button(atlas: Atlas, screen: Screen, key: str) -> None:
    views = showing.views_for(atlas, screen)
    if not set(views) <= set(BODY_VIEWS):
        st.button("← Whole body", key=f"{key}-whole-body", type="secondary",
                  on_click=state.apply, args=(sm.set_views, whole_body()),
                  help="Back to the front and back of the whole body.")
        return
    region = showing.focus_region(screen)
    choice = showing.closeup_for(atlas, region, single=state.on_a_phone()) if region else None
    if choice:
        st.button(f"Zoom in: {CHOICES[choice][0]} →", key=f"{key}-zoom", type="secondary",
                  on_click=_show, args=(choice,),
                  help="A close-up with the finer places (teeth, ear, fingers, toes, ...).")


def view_control(atlas: Atlas, screen: Screen, key: str) -> None:
    """Both / Front / Back, and every closer view and close-up in a list."""
    current = choice_for(showing.views_for(atlas, screen))
    names = {v: k for k, v in BODY_CHOICES.items()}
    state.preset(f"{key}-body", names.get(current))
    state.preset(f"{key}-closer", current if current in CLOSER else None)

    def body_changed() -> None:
        picked = state.widget(f"{key}-body")
        if picked:
            _show(BODY_CHOICES[picked])

    def closer_changed() -> None:
        picked = state.widget(f"{key}-closer")
        _show(picked or choice_for(whole_body()))

    left, right = st.columns([2, 3], vertical_alignment="bottom")
    with left:
        st.segmented_control("Show", list(BODY_CHOICES), key=f"{key}-body", on_change=body_changed,
                             help="Show both views of the body, or one larger.")
    with right:
        st.selectbox("Closer view", CLOSER, key=f"{key}-closer", on_change=closer_changed,
                     format_func=lambda c: CHOICES[c][0], placeholder="Head, hands, feet, upper body, legs…",
                     help="Close-ups of the head, the hands and the feet, and the body framed closer.")
