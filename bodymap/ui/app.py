"""The app's router: page setup, content loading (or the error page), the link, and the page shown."""

from __future__ import annotations

import streamlit as st

from bodymap.reference import screen as sm
from bodymap.ui import state
from bodymap.ui.explore import explore
from bodymap.ui.guide import session_guide
from bodymap.ui.loading import data_folder, load, show_problems
from bodymap.ui.pain import where_it_hurts
from bodymap.ui.present import presentation
from bodymap.ui.text import md

#: Layout and accessibility only, on every page (presenting too); no content goes through HTML.
#: - less empty space above the title;
#: - text on the accent colour (primary buttons, the places chosen in a multi-select): Streamlit draws it white,
#:   fine on the light theme's dark teal but 2:1 on the dark theme's light teal, so there it is near-black
#:   (9.6:1). `light-dark()` follows the app's own theme (stApp's `color-scheme`), not the system's;
#: - focus you can see where Streamlit shows none or only a faint tint (its buttons keep their own ring): the
#:   scrollable main area (a tab stop), switches and checkboxes (their input is hidden, so the ring goes on the
#:   label) and the text and list boxes (only their 1 px border changes colour);
#: - readers who ask their system for less motion get none: animations and transitions end at once (a
#:   hundredth of a millisecond rather than `none`, so code waiting for their end events still gets them).
BASE_CSS = """<style>
[data-testid='stMainBlockContainer'] { padding-top: 2.5rem; }
[data-testid='stBaseButton-primary'], [data-testid='stBaseButton-primary'] *, .stMultiSelect [data-tag] * {
  color: light-dark(#ffffff, #111111); }
[data-testid='stMain']:focus-visible { outline: 2px solid light-dark(#09646d, #5cc8d2); outline-offset: -3px; }
.stCheckbox label:has(input:focus-visible), .react-aria-ComboBox > div:focus-within,
.react-aria-TextField > div:focus-within {
  outline: 2px solid light-dark(#09646d, #5cc8d2); outline-offset: 2px; }
@media (prefers-reduced-motion: reduce) {
  *, *::before, *::after { animation-duration: 0.01ms !important; animation-iteration-count: 1 !important;
    animation-delay: 0s !important; transition-duration: 0.01ms !important; transition-delay: 0s !important;
    scroll-behavior: auto !important; } }
</style>"""
PAGE_LABELS = {"explore": "Explore", "pain": "Where does it hurt?", "guide": "Session guide & safety"}


def _page_changed() -> None:
    state.apply(sm.set_page, state.widget("page-pick") or "explore")


def _present_changed() -> None:
    state.apply(sm.start_presenting if state.widget("present-toggle") else sm.stop_presenting)


def short_disclaimer(text: str, sentences: int = 2) -> str:
    """The first sentences of the disclaimer (the whole text is on the session guide page)."""
    parts = text.replace("\n", " ").split(". ")
    return text if len(parts) <= sentences else ". ".join(parts[:sentences]) + "."


def header(disclaimer: str) -> None:
    """Title and presentation toggle, the short disclaimer, link notices and the page control."""
    screen = state.screen()
    state.preset("page-pick", screen.page)
    state.preset("present-toggle", screen.presenting)
    with st.container(horizontal=True, vertical_alignment="center", horizontal_alignment="distribute"):
        st.markdown("## bodymap", width="content")
        st.toggle("Present", key="present-toggle", on_change=_present_changed, width="content",
                  help="Presentation mode: large type and a large map for a clinic screen or a class, "
                       "with Previous / Next steps.")
    st.caption(f"{md(short_disclaimer(disclaimer))} "
               "Warning signs and safety: see *Session guide & safety*.")
    for note in state.notices():
        st.info(md(note))
    st.segmented_control("What do you want to do?", sm.PAGES, key="page-pick", required=True,
                         on_change=_page_changed, format_func=PAGE_LABELS.__getitem__,
                         label_visibility="collapsed", wrap=True)


def run() -> None:
    """Render the app."""
    st.set_page_config(page_title="bodymap — trigger point body map", page_icon="🩺", layout="wide")
    st.html(BASE_CSS)
    folder = data_folder()
    atlas, problems = load(folder)
    if atlas is None:
        show_problems(folder, problems)
        return
    state.init(atlas)
    state.full_run_started()
    screen = state.screen()
    if screen.presenting:
        presentation(atlas)
        return
    header(atlas.session.disclaimer)
    if screen.page == "pain":
        where_it_hurts(atlas)
    elif screen.page == "guide":
        session_guide(atlas)
        state.sync_query()
    else:
        explore(atlas)
