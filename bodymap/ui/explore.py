"""Explore: the map and the panel in one fragment (a tap reruns only this part), with search and lists.

Three ways to the same panels: a tap on the map, the searchable lists (the area list is the map as a list,
for keyboard and screen-reader users) and the search box.
"""

from __future__ import annotations

import streamlit as st

from bodymap.content.atlas import Atlas
from bodymap.reference import screen as sm
from bodymap.reference.screen import Subject
from bodymap.ui import state
from bodymap.ui.loading import name_tables, search_index
from bodymap.ui.map_view import screen_map
from bodymap.ui.panels import start_panel, subject_panel
from bodymap.ui.view_picker import view_control, zoom_bar

MAX_HITS = 6
KIND_WORDS = {"region": "body area", "muscle": "muscle", "condition": "condition"}
LIST_LABELS = {"region": "Body area", "muscle": "Muscle", "condition": "Condition"}


def _pick(kind: str, key: str) -> None:
    value = state.widget(key)
    if value is not None:
        state.open_subject(Subject(kind, value))
        state.preset(key, None)  # ready for the next choice: the panel's title says what is open


def pick_lists(atlas: Atlas, which: tuple[str, ...]) -> None:
    """Searchable lists that open what is chosen in them and then stand ready for the next choice.

    They do not mirror what is open (the panel's title says that), so a tap on the map leaves them unchanged
    and Streamlit sends them again as short references only."""
    tables = name_tables(atlas)
    for kind in which:
        label, names, key = LIST_LABELS[kind], tables[kind], f"pick-{kind}"
        st.selectbox(label, list(names), key=key, format_func=names.__getitem__, on_change=_pick, args=(kind, key),
                     index=None, placeholder=f"Choose a {label.lower()}…",
                     help=f"Type to filter the list of {label.lower()}s; the one you choose opens.")


def search_box(atlas: Atlas) -> None:
    """One box over areas, muscles and conditions (typos and other names allowed); results open on a tap."""
    query = st.text_input("Search", key="search", placeholder="e.g. tennis elbow, SCM, headache, heel", max_chars=80)
    if not query.strip():
        return
    hits = search_index(atlas).search(query, limit=MAX_HITS)
    if not hits:
        st.caption("Nothing found. Try another word, or tap the body.")
        return
    with st.container(gap=None, key="search-hits"):
        for hit in hits:
            extra = f" (“{hit.matched}”)" if hit.matched != hit.label else ""
            st.button(f"→ {hit.label}{extra} · {KIND_WORDS[hit.kind]}", key=f"hit-{hit.kind}-{hit.id}",
                      type="tertiary", on_click=state.open_subject, args=(Subject(hit.kind, hit.id),))


def _finders(atlas: Atlas) -> None:
    """Search and the three lists: one row on a wide screen, one under the other on a phone."""
    if state.on_a_phone():
        search_box(atlas)
        pick_lists(atlas, ("region", "muscle", "condition"))
        return
    cols = st.columns([2, 1, 1, 1])
    with cols[0]:
        search_box(atlas)
    for col, kind in zip(cols[1:], ("region", "muscle", "condition"), strict=True):
        with col:
            pick_lists(atlas, (kind,))


def _panel(atlas: Atlas, subject) -> None:
    with st.container(key="panel"):
        if subject is None:
            start_panel(atlas)
        else:
            subject_panel(atlas, subject)


def _map(atlas: Atlas, screen) -> None:
    zoom_bar(atlas, screen, "map")
    screen_map(atlas, screen, key="map")
    view_control(atlas, screen, "view-pick")


def explore(atlas: Atlas) -> None:
    """The search and the lists, and the map and the panel; on a phone the map and the panel come first.

    The finders stay outside the fragment: a tap on the map reruns only the map and the panel. The map is sent
    first (the finders' row above it is filled after it): the browser starts loading its chart code sooner, the
    longest step of opening the page."""
    if state.on_a_phone():
        _map_and_panel(atlas)
        st.divider()
        _finders(atlas)
    else:
        top = st.container()
        _map_and_panel(atlas)
        with top:
            _finders(atlas)


@st.fragment
def _map_and_panel(atlas: Atlas) -> None:
    """Map left, panel right (on a phone the map, then the panel). Only this fragment reruns on a tap."""
    state.full_rerun_if_asked()
    screen = state.screen()
    subject = sm.valid_subject(atlas, screen.shown)
    tapped = state.tapped()
    if state.on_a_phone():
        _map(atlas, screen)
        _panel(atlas, subject)
    else:
        # Sent in the order that answers soonest: on a tap the panel first (the map is unchanged, but the browser
        # still spends tens of ms taking it in again), otherwise the map first (its chart code then loads sooner).
        left, right = st.columns([3, 2], gap="large")
        parts = [(right, lambda: _panel(atlas, subject)), (left, lambda: _map(atlas, screen))]
        for column, draw in parts if tapped else parts[::-1]:
            with column:
                draw()
    state.sync_query()
