"""The static part of the map: every region (clickable), the silhouette outline and the view labels.

`base_figure` is pure and cacheable; `bodymap.drawing.overlays` draws over a copy and never mutates it.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from bodymap.content import views as view_names
from bodymap.content.atlas import Atlas, Region
from bodymap.drawing import palette
from bodymap.drawing.fill_patterns import outer_edges
from bodymap.drawing.frame import (
    DEG_PER_UNIT,
    VIEWS,
    check_views,
    geo_ranges,
    lines,
    region_geojson,
    shown_regions,
    side_labels,
    silhouette_geojson,
    title_y,
    to_lonlat,
    view_offsets,
)
from bodymap.drawing.traces import NO_DIM, keep_text

#: The labels are bold and at least 19 px (WCAG "large text", 3:1): they are drawn in the chart's theme colour,
#: Streamlit's grey, which is 3.8:1 on the light background (too faint for small text, enough for large).
TITLE_PX, SIDE_PX = 20, 19
#: Height of the chart in px for one and for two views.
HEIGHTS = {1: 600, 2: 620}
BASE_NAME = "Body"
BODY_UID = "body"
UNDERLAY_NAME = "Chosen area colour"
#: The body's regions are opaque; the chosen one (plotly's own selection) turns almost see-through, so the
#: underlay's colour beneath it shows: the browser marks a tapped region at once, and the figure need not
#: change (or be sent again) when only the chosen region changes.
CHOSEN_BODY_OPACITY = 0.12
CHOSEN = {"marker": {"opacity": CHOSEN_BODY_OPACITY}}


def base_figure(atlas: Atlas, views: Sequence[str] = VIEWS) -> go.Figure:
    """The static map: every region of the views, the silhouette outline and the view labels."""
    views = check_views(views)
    regions = shown_regions(atlas, views)
    fig = go.Figure()
    fig.add_trace(_underlay(regions, views))
    fig.add_trace(_body(atlas, regions, views))
    for view in views:
        fig.add_trace(_silhouette(regions, views, view))
    fig.add_trace(_labels(regions, views))
    lon_range, lat_range = geo_ranges(regions, views)
    fig.update_geos(
        visible=False, projection_type="equirectangular", lonaxis_range=lon_range, lataxis_range=lat_range,
        bgcolor="rgba(0,0,0,0)", showframe=False, domain={"x": [0, 1], "y": [0, 1]},
    )
    fig.update_layout(**_layout(views))
    return fig


def _body(atlas: Atlas, regions: Sequence[Region], views: Sequence[str]) -> go.Choropleth:
    """Every region as one location carrying its id: hover names it, a click or tap selects it."""
    ids = [r.id for r in regions]
    return go.Choropleth(
        name=BASE_NAME, uid=BODY_UID,
        geojson=region_geojson(atlas, ids, views), featureidkey="id",
        locations=ids, customdata=ids, text=[r.label for r in regions],
        z=[0] * len(ids), zmin=0, zmax=1, showscale=False,
        colorscale=[[0, palette.BODY_FILL], [1, palette.BODY_FILL]],
        marker={"line": {"color": palette.REGION_BORDER, "width": 0.7}},
        hovertemplate="%{text}<extra></extra>",
        selected=CHOSEN, unselected=NO_DIM, showlegend=False,
    )


def _underlay(regions: Sequence[Region], views: Sequence[str]) -> go.Choropleth:
    """The body's silhouette in the chosen-area colour, under the regions: seen only through the chosen one."""
    geojson = silhouette_geojson(regions, views)
    ids = [f["id"] for f in geojson["features"]]
    return go.Choropleth(
        name=UNDERLAY_NAME, uid="underlay", geojson=geojson, featureidkey="id", locations=ids,
        z=[0] * len(ids), zmin=0, zmax=1, showscale=False,
        colorscale=[[0, palette.CHOSEN], [1, palette.CHOSEN]], marker={"line": {"width": 0}},
        hoverinfo="skip", selected=NO_DIM, unselected=NO_DIM, showlegend=False,
    )


def _silhouette(regions: Sequence[Region], views: Sequence[str], view: str) -> go.Scattergeo:
    """The outer edge of one view's body, drawn darker than the borders between regions."""
    lons, lats = lines(views, view, outer_edges(r.outline for r in regions if r.view == view))
    return go.Scattergeo(
        name=f"{view_names.title(view)} outline", uid=f"outline-{view}", lon=lons, lat=lats, mode="lines",
        line={"color": palette.SILHOUETTE, "width": 1.5}, hoverinfo="skip", showlegend=False,
    )


def _labels(regions: Sequence[Region], views: Sequence[str]) -> go.Scattergeo:
    """View titles ("Front", "Palm, left") and, on the body views, the person's "Left"/"Right"."""
    lon, lat, text, size = [], [], [], []
    for view in views:
        side = view_names.side_of(view)
        heading = view_names.title(view) + (f", {side}" if side else "")
        labels = [((0.0, title_y(regions, view)), f"<b>{heading}</b>", TITLE_PX)]
        if side is None:
            left, right = side_labels(view)
            labels += [(left, "Left", SIDE_PX), (right, "Right", SIDE_PX)]
        for pt, label, px in labels:
            lo, la = to_lonlat(views, view, pt)
            lon.append(lo)
            lat.append(la)
            text.append(label)
            size.append(px)
    return go.Scattergeo(name="Labels", uid="labels", lon=lon, lat=lat, text=text, mode="text",
                         textfont={"size": size, "weight": "bold"}, hoverinfo="skip", showlegend=False,
                         selected=keep_text(palette.SILHOUETTE))  # never selected: it takes no hover


def _layout(views: Sequence[str]) -> dict:
    """Layout settings: no template, no zoom, a transparent background and a legend below the body."""
    return dict(
        template=go.layout.Template(),  # no plotly template: Streamlit themes the chart, and it is ~10 KB
        height=HEIGHTS[len(views)], margin={"l": 0, "r": 0, "t": 0, "b": 0},
        paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)",
        dragmode=False, hovermode="closest", clickmode="event+select",
        hoverlabel={"bgcolor": "#ffffff", "bordercolor": palette.SILHOUETTE, "font": {"color": "#1b1b1b", "size": 14}},
        showlegend=True,
        legend={"orientation": "h", "x": 0.5, "xanchor": "center", "y": 0, "yanchor": "top",
                "bgcolor": "rgba(0,0,0,0)", "itemclick": False, "itemdoubleclick": False, "font": {"size": 13}},
        meta={"views": list(views), "deg_per_unit": DEG_PER_UNIT, "offsets": view_offsets(views)},
    )
