"""The body map on the page: the only streamlit part of the map."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from bodymap.content.atlas import Atlas
from bodymap.drawing.figure import base_figure, check_views
from bodymap.drawing.overlays import build_spec
from bodymap.drawing.selection import region_from_event
from bodymap.reference import screen as sm
from bodymap.reference import showing
from bodymap.reference.map_text import map_lines
from bodymap.reference.overlay import Overlay
from bodymap.reference.screen import Screen
from bodymap.ui import state
from bodymap.ui.loading import fingerprint
from bodymap.ui.text import md

#: Where plotly geo fetches its (empty) world topojson: a stub served by Streamlit's static serving
#: (`static/topojson/world_110m.json`, `server.enableStaticServing`), so no request leaves the app.
TOPOJSON_URL = "app/static/topojson/"
#: On a phone one view fills the width; this tall, it is as large as a phone screen allows.
PHONE_HEIGHT = 680
TEXT_LABEL = "What the map shows (as text)"
CHART_CONFIG = {
    "displayModeBar": False,
    "scrollZoom": False,
    "doubleClick": False,
    "showTips": False,
    "responsive": True,
    "topojsonURL": TOPOJSON_URL,
}


@st.cache_resource(max_entries=16, show_spinner=False)
def _cached_base(_atlas: Atlas, atlas_key: int, views: tuple[str, ...]) -> dict:
    """The static base map as a plain dict, shared by every session: never mutate it (build_spec does not)."""
    return base_figure(_atlas, views).to_plotly_json()


class ReadyFigure(go.Figure):
    """A figure handed to `st.plotly_chart` as its finished dict. Streamlit asks a figure for `to_dict()` and
    serializes that; answering with the dict built for this click means no figure is built, validated or
    deep-copied per click (measured: the chart's server time per click falls from ~36 ms to ~8 ms). Nothing
    else is asked of it, so plotly's own set-up (an empty figure and its template, ~1 ms) is skipped."""

    def __init__(self, spec: dict):  # noqa: D107 - deliberately no super().__init__(): see the class
        self._ready = spec

    def to_dict(self) -> dict:
        return self._ready


def screen_map(atlas: Atlas, screen: Screen, *, key: str, overlay: Overlay | None = None,
               height: int | None = None, clickable: bool = True) -> None:
    """Draw the map of a screen; a tap on a region goes through `screen.tap_region` before the rerun.

    The figure is written anew only when what it draws changes (`state.drawn`): a tap that only chooses
    another region leaves it as it is (plotly shows the choice at once), so Streamlit resends nothing."""
    views = check_views(showing.views_for(atlas, screen))
    overlay = showing.overlay_for(atlas, screen) if overlay is None else overlay
    height = height or (PHONE_HEIGHT if state.on_a_phone() else None)
    label = showing.highlight_label(screen)
    drawn = state.drawn(key, (views, overlay, screen.focus_point, label, height), showing.selected_region(screen))
    spec = build_spec(atlas, overlay, drawn.chosen, views, base=_cached_base(atlas, fingerprint(atlas), views),
                      focus_point=screen.focus_point, highlight_label=label)
    layout = spec["layout"]
    if height:
        layout["height"] = height
    layout["meta"] = {**layout["meta"], "drawn": drawn.serial}

    def _on_select() -> None:
        region = region_from_event(state.widget(key), atlas.regions)
        state.chosen_on_page(key, region)
        if clickable:
            state.apply(sm.untap if region is None else sm.tap_region, *(() if region is None else (region,)))

    st.plotly_chart(ReadyFigure(spec), on_select=_on_select, selection_mode="points", key=key,
                    config=CHART_CONFIG, width="stretch", alt=alt_text(atlas, overlay, views))
    map_as_text(map_lines(atlas, overlay, showing.selected_region(screen), views, highlight_label=label,
                          focus_point=screen.focus_point))


def map_as_text(lines: tuple[str, ...]) -> None:
    """Everything the map shows, in words, under it (collapsed): for screen readers, and for anyone who cannot
    tell the drawing's colours and patterns apart."""
    with st.expander(TEXT_LABEL):
        st.markdown("\n".join(f"- {md(line)}" for line in lines))


def alt_text(atlas: Atlas, overlay: Overlay, views: tuple[str, ...]) -> str:
    """A short description of the map for screen readers (the chosen area is left to the panel and the text
    under the map: the description is part of the chart's identity, and a tap must not change it)."""
    shown = " and ".join(v for v in views)
    parts = [f"Body map, {shown} view. Click or tap an area of the body to choose it, or use the list of areas. "
             f"All it shows is also written out under it: {TEXT_LABEL}."]
    names = [lay.name for lay in overlay.layers]
    if names:
        parts.append("Showing trigger points and pain areas of: " + ", ".join(dict.fromkeys(names)) + ".")
    marked = [atlas.regions[r].label for r in overlay.pain_regions if r in atlas.regions]
    if marked:
        parts.append("Marked as painful: " + ", ".join(marked) + ".")
    return " ".join(parts)
