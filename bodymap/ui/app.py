"""The app's router: page setup, content loading (or the error page), the link, the mode, and the page shown."""

from __future__ import annotations

import streamlit as st

from bodymap.ui import state
from bodymap.ui.explore import explore, notices
from bodymap.ui.guide import session_guide
from bodymap.ui.loading import data_folder, load, show_problems
from bodymap.ui.pain import where_it_hurts
from bodymap.ui.present import presentation
from bodymap.ui.text import md

#: Layout only (less empty space above the title); no content goes through HTML.
BASE_CSS = "<style>[data-testid='stMainBlockContainer'] { padding-top: 2.5rem; }</style>"


def _mode_changed() -> None:
    s = st.session_state
    s["nav"] = s["mode-pick"] or state.EXPLORE
    s["step"] = 1


def _present_changed() -> None:
    s = st.session_state
    s["present"] = bool(s["present-toggle"])
    s["step"] = 1


def short_disclaimer(text: str, sentences: int = 2) -> str:
    """The first sentences of the disclaimer (the whole text is on the session guide page)."""
    parts = text.replace("\n", " ").split(". ")
    return text if len(parts) <= sentences else ". ".join(parts[:sentences]) + "."


def header(disclaimer: str) -> None:
    """Title and presentation toggle, the short disclaimer, link notices and the mode control."""
    s = st.session_state
    st.html(BASE_CSS)
    s["mode-pick"] = s["nav"]
    s["present-toggle"] = s["present"]
    with st.container(horizontal=True, vertical_alignment="center", horizontal_alignment="distribute"):
        st.markdown("## bodymap", width="content")
        st.toggle("Present", key="present-toggle", on_change=_present_changed, width="content",
                  help="Presentation mode: large type and a large map for a clinic screen or a class, "
                       "with Previous / Next steps.")
    st.caption(f"{md(short_disclaimer(disclaimer))} "
               "Warning signs and safety: see *Session guide & safety*.")
    notices()
    st.segmented_control("What do you want to do?", state.MODES, key="mode-pick", required=True,
                         on_change=_mode_changed,
                         label_visibility="collapsed", wrap=True)


def run() -> None:
    """Render the app."""
    st.set_page_config(page_title="bodymap — trigger point body map", page_icon="🩺", layout="wide")
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
