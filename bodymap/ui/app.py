"""The app's router: page setup, content loading (or the error page), the link, the mode, and the page shown."""

from __future__ import annotations

import streamlit as st

from . import state
from .explore import explore, notices
from .guide import session_guide
from .loading import data_folder, load, show_problems
from .pain import where_it_hurts
from .present import presentation
from .text import md

#: Layout only (less empty space above the title); no content goes through HTML.
BASE_CSS = "<style>[data-testid='stMainBlockContainer'] { padding-top: 2.5rem; }</style>"
MODE_ICONS = {state.EXPLORE: ":material/accessibility_new:", state.PAIN: ":material/touch_app:",
              state.GUIDE: ":material/health_and_safety:"}


def _mode_changed() -> None:
    s = st.session_state
    s["nav"] = s["mode-pick"] or state.EXPLORE
    s["step"] = 1


def _present_changed() -> None:
    s = st.session_state
    s["present"] = bool(s["present-toggle"])
    s["step"] = 1


def header(disclaimer: str) -> None:
    """Title, the short disclaimer, link notices, the mode control and the presentation toggle."""
    s = st.session_state
    st.html(BASE_CSS)
    st.markdown("## :material/accessibility_new: bodymap")
    st.caption(f":material/info: {md(disclaimer)}")
    notices()
    s["mode-pick"] = s["nav"]
    s["present-toggle"] = s["present"]
    left, right = st.columns([4, 1], vertical_alignment="center")
    with left:
        st.segmented_control("What do you want to do?", state.MODES, key="mode-pick", required=True,
                             format_func=lambda m: f"{MODE_ICONS[m]} {m}", on_change=_mode_changed,
                             label_visibility="collapsed", wrap=True)
    with right:
        st.toggle("Presentation mode", key="present-toggle", on_change=_present_changed,
                  help="Large type and a large map for a clinic screen or a class, with Previous / Next steps.")


def run() -> None:
    """Render the app."""
    st.set_page_config(page_title="bodymap — trigger point body map", page_icon=":material/accessibility_new:",
                       layout="wide")
    folder = data_folder()
    atlas, problems = load(folder)
    if atlas is None:
        show_problems(folder, problems)
        return
    state.init(atlas)
    s = st.session_state
    if s["present"]:
        presentation(atlas)
        return
    header(atlas.session.disclaimer)
    if s["nav"] == state.PAIN:
        where_it_hurts(atlas, folder)
    elif s["nav"] == state.GUIDE:
        session_guide(atlas)
        state.sync_query()
    else:
        explore(atlas, folder)
