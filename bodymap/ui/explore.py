"""Explore: the map and the panel in one fragment (a click reruns only this part), with search and lists.

Three ways to the same panels: a click on the map, the searchable lists (the area list mirrors the
map for keyboard and screen-reader users) and the search box.
"""

from __future__ import annotations

import streamlit as st

from bodymap.content.atlas import Atlas
from bodymap.reference.lookup import condition_overlay, muscle_overlay, region_overlay
from bodymap.reference.overlay import Overlay
from bodymap.ui import state
from bodymap.ui.loading import search_index
from bodymap.ui.map_view import show_map
from bodymap.ui.panels import condition_panel, muscle_panel, region_panel, start_panel
from bodymap.ui.text import md

MAX_HITS = 6
KIND_WORDS = {"region": "body area", "muscle": "muscle", "condition": "condition"}


def explore_overlay(atlas: Atlas) -> tuple[Overlay, str | None, str]:
    """The overlay, selected region and highlight legend of the Explore view."""
    s = st.session_state
    subject = s["subject"]
    if subject == "region" and s["region"] in atlas.regions:
        return region_overlay(atlas, s["region"]), s["region"], "Area chosen"
    if subject == "muscle" and s["muscle"] in atlas.muscles:
        ctx = s["muscle_from"] if s["muscle_from"] in atlas.regions else None
        return muscle_overlay(atlas, s["muscle"], s["side"], highlight=(ctx,) if ctx else ()), None, "Area chosen"
    if subject == "condition" and s["condition"] in atlas.conditions:
        return condition_overlay(atlas, s["condition"], s["side"]), None, "Where it is usually felt"
    return Overlay(), None, "Area chosen"


def view_control(key: str = "view-pick") -> tuple[str, ...]:
    """Both / Front / Back: one view is shown larger (handy on a phone)."""
    s = st.session_state
    s[key] = s["views"]

    def changed() -> None:
        s["views"] = s[key] or "Both"

    st.segmented_control("Show", list(state.VIEW_CHOICES), key=key, on_change=changed, required=True,
                         help="Show both views, or one view larger.")
    return state.VIEW_CHOICES[s["views"]]


def shown_views(atlas: Atlas, views: tuple[str, ...], region: str | None) -> tuple[str, ...]:
    """The views to draw: a single view switches to the chosen area's view so it is always visible."""
    if len(views) == 1 and region in atlas.regions and atlas.regions[region].view != views[0]:
        return (atlas.regions[region].view,)
    return views


def _pick(kind: str, key: str) -> None:
    value = st.session_state[key]
    if value is None:
        return
    {"region": state.open_region, "muscle": state.open_muscle, "condition": state.open_condition}[kind](value)


def pick_lists(atlas: Atlas, which: tuple[str, ...]) -> None:
    """Searchable lists, each showing the current choice (set from the state before it is drawn)."""
    s = st.session_state
    tables = {
        "region": ("Body area", {rid: r.label for rid, r in sorted(atlas.regions.items(), key=lambda kv: kv[1].label)}),
        "muscle": ("Muscle", {mid: m.name for mid, m in sorted(atlas.muscles.items(), key=lambda kv: kv[1].name)}),
        "condition": ("Condition", {cid: c.name for cid, c in sorted(atlas.conditions.items(),
                                                                       key=lambda kv: kv[1].name)}),
    }
    for kind in which:
        label, names = tables[kind]
        key = f"pick-{kind}"
        current = s[kind] if s["subject"] == kind else None
        s[key] = current if current in names else None
        st.selectbox(label, list(names), key=key, format_func=names.__getitem__, on_change=_pick, args=(kind, key),
                     placeholder=f"Choose a {label.lower()}…", help=f"Type to filter the list of {label.lower()}s.")


def search_box(atlas: Atlas, folder: str) -> None:
    """One box over areas, muscles and conditions (typos and other names allowed); results open on a tap."""
    query = st.text_input("Search", key="search", placeholder="e.g. tennis elbow, SCM, headache, heel", max_chars=80)
    if not query.strip():
        return
    hits = search_index(folder, atlas).search(query, limit=MAX_HITS)
    if not hits:
        st.caption("Nothing found. Try another word, or tap the body.")
        return
    opens = {"region": state.open_region, "muscle": state.open_muscle, "condition": state.open_condition}
    with st.container(gap=None, key="search-hits"):
        for hit in hits:
            extra = f" (“{hit.matched}”)" if hit.matched != hit.label else ""
            st.button(f"→ {hit.label}{extra} · {KIND_WORDS[hit.kind]}", key=f"hit-{hit.kind}-{hit.id}",
                      type="tertiary", on_click=opens[hit.kind], args=(hit.id,))


@st.fragment
def explore(atlas: Atlas, folder: str) -> None:
    """Map left, panel right (stacked on a phone); only this fragment reruns on a click."""
    state.full_rerun_if_asked()
    s = st.session_state
    overlay, selected, legend = explore_overlay(atlas)
    left, right = st.columns([3, 2], gap="large")
    # The panel is drawn first: its text reaches the page before the map is redrawn.
    with right:
        search_box(atlas, folder)
        c1, c2 = st.columns(2)
        with c1:
            pick_lists(atlas, ("muscle",))
        with c2:
            pick_lists(atlas, ("condition",))
        st.divider()
        with st.container(key="panel"):
            subject = s["subject"]
            if subject == "region" and s["region"] in atlas.regions:
                region_panel(atlas, folder, s["region"])
            elif subject == "muscle" and s["muscle"] in atlas.muscles:
                muscle_panel(atlas, folder, s["muscle"], s["muscle_from"])
            elif subject == "condition" and s["condition"] in atlas.conditions:
                condition_panel(atlas, folder, s["condition"])
            else:
                start_panel(atlas)
    with left:
        views = shown_views(atlas, state.VIEW_CHOICES[s["views"]], selected)
        show_map(atlas, overlay, selected, state.open_region, key="map", views=views,
                 focus_point=s["focus_point"], highlight_label=legend)
        view_control()
        pick_lists(atlas, ("region",))
    state.sync_query()


def notices() -> None:
    """What was ignored in the link, once, as short escaped notes."""
    for note in st.session_state.get("notices", []):
        st.info(md(note))
