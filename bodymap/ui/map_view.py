"""The body map on the page: the only streamlit part of the map."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import plotly.graph_objects as go
import streamlit as st

from bodymap.content.atlas import Atlas
from bodymap.drawing.figure import HIGHLIGHT_LABEL, VIEWS, base_figure, build_figure, check_views
from bodymap.drawing.selection import region_from_event
from bodymap.reference.overlay import Overlay

#: Where plotly geo fetches its (empty) world topojson: a stub served by Streamlit's static serving
#: (`static/topojson/world_110m.json`, `server.enableStaticServing`), so no request leaves the app.
TOPOJSON_URL = "app/static/topojson/"
CHART_CONFIG = {
    "displayModeBar": False,
    "scrollZoom": False,
    "doubleClick": False,
    "showTips": False,
    "responsive": True,
    "topojsonURL": TOPOJSON_URL,
}


@st.cache_resource(max_entries=8, show_spinner=False)
def _cached_base(_atlas: Atlas, fingerprint: int, views: tuple[str, ...]) -> go.Figure:
    """The static base figure, shared by every session: never mutate it (build_figure copies it)."""
    return base_figure(_atlas, views)


def _fingerprint(atlas: Atlas) -> int:
    return hash(tuple(atlas.regions.values()))


def show_map(atlas: Atlas, overlay: Overlay, selected: str | None, on_region: Callable[[str], None], *,
             key: str = "bodymap", views: Sequence[str] = VIEWS, focus_point: tuple[str, str] | None = None,
             highlight_label: str = HIGHLIGHT_LABEL, height: int | None = None) -> None:
    """Draw the map; a click or tap on a region calls `on_region(region_id)` before the script reruns."""
    views = check_views(views)
    base = _cached_base(atlas, _fingerprint(atlas), views)
    fig = build_figure(atlas, overlay, selected, views, base=base, focus_point=focus_point,
                       highlight_label=highlight_label)
    if height:
        fig.layout.height = height
    # Every click changes the figure (here its meta), so plotly drops its own selection: otherwise a
    # second click on a region plotly still holds as selected would unselect it and go unreported.
    clicks_key = f"{key}-clicks"
    fig.layout.meta = {**fig.layout.meta, "clicks": st.session_state.get(clicks_key, 0)}

    def _on_select() -> None:
        st.session_state[clicks_key] = st.session_state.get(clicks_key, 0) + 1
        region = region_from_event(st.session_state.get(key), atlas.regions)
        if region is not None:
            on_region(region)

    st.plotly_chart(fig, on_select=_on_select, selection_mode="points", key=key, config=CHART_CONFIG,
                    width="stretch", alt=alt_text(atlas, overlay, selected, views))


def alt_text(atlas: Atlas, overlay: Overlay, selected: str | None, views: Sequence[str]) -> str:
    """A short description of the map for screen readers."""
    shown = " and ".join(v for v in views)
    parts = [f"Body map, {shown} view. Click or tap an area of the body to choose it, or use the list of areas."]
    if selected in atlas.regions:
        parts.append(f"Selected: {atlas.regions[selected].label}.")
    names = [lay.name for lay in overlay.layers]
    if names:
        parts.append("Showing trigger points and pain areas of: " + ", ".join(dict.fromkeys(names)) + ".")
    marked = [atlas.regions[r].label for r in overlay.pain_regions if r in atlas.regions]
    if marked:
        parts.append("Marked as painful: " + ", ".join(marked) + ".")
    return " ".join(parts)
