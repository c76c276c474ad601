"""Overlay traces as plain dicts (validated once, when the figure is made): zones, patterns, markers, legend keys.

Plotly objects would be validated and copied twice: most of the cost of a click.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from bodymap.content.atlas import Atlas, PlacedTriggerPoint
from bodymap.content.geometry import Pt
from bodymap.drawing import palette
from bodymap.drawing.fill_patterns import dot_grid, hatch_segments
from bodymap.drawing.frame import drawn_as, lines, region_geojson, to_lonlat

#: Selection never dims a trace.
NO_DIM = {"marker": {"opacity": 1}}


def keep_text(color: str) -> dict:
    """`selected` style of a trace with text: markers never dimmed, selected text in `color`. Once a selected
    text colour is set, plotly leaves unselected text in its own colour instead of fading it when a region
    (a point of another trace) is chosen."""
    return {"marker": {"opacity": 1}, "textfont": {"color": color}}
#: Spacing of the spillover dots and of the highlight hatch lines, in body units.
DOT_SPACING = 2.4
HATCH_SPACING = 2.6


def zone(atlas: Atlas, views: Sequence[str], ids: list[str], color: str, opacity: float, width: float,
         name: str) -> dict:
    """Regions filled with one colour and outlined; not hoverable, so hover and clicks reach the base."""
    fill = palette.rgba(color, opacity)
    return dict(
        type="choropleth", name=name, geojson=region_geojson(atlas, ids, views), featureidkey="id",
        locations=ids, customdata=ids, z=[0] * len(ids), zmin=0, zmax=1, showscale=False,
        colorscale=[[0, fill], [1, fill]],
        marker={"line": {"color": color, "width": width}},
        hoverinfo="skip", selected=NO_DIM, unselected=NO_DIM, showlegend=False,
    )


def dots(atlas: Atlas, views: Sequence[str], ids: list[str], color: str, name: str) -> dict:
    """A dot pattern over spillover zones, so they differ from essential zones without colour."""
    lon, lat = _gather(atlas, views, ids, _dot_lonlat)
    return dict(type="scattergeo", name=name, lon=lon, lat=lat, mode="markers",
                marker={"size": 3.6, "color": color, "line": {"width": 0}}, hoverinfo="skip", showlegend=False)


def hatch(atlas: Atlas, views: Sequence[str], ids: list[str]) -> dict:
    """Diagonal hatching over highlighted regions."""
    lon, lat = _gather(atlas, views, ids, _hatch_lonlat)
    return dict(type="scattergeo", name="Highlight hatching", lon=lon, lat=lat, mode="lines",
                line={"color": palette.HIGHLIGHT, "width": 1.3}, hoverinfo="skip", showlegend=False)


def markers(atlas: Atlas, views: Sequence[str], placed: Sequence[PlacedTriggerPoint], name: str | None,
            focus: tuple[str, str] | None) -> dict[str, list]:
    """Positions and hover labels ("muscle — point") of trigger points; `focused` flags the focus point.

    `name` names the muscle in every label; None names each point's own muscle.
    """
    out: dict[str, list] = {"lon": [], "lat": [], "hovertext": [], "customdata": [], "focused": []}
    for p in placed:
        for view, at in p.spots:
            if view not in views:
                continue
            lon, lat = to_lonlat(views, view, at)
            out["lon"].append(lon)
            out["lat"].append(lat)
            out["hovertext"].append(f"{name or atlas.muscles[p.muscle].name} — {p.point.label}")
            out["customdata"].append(atlas.place_at(view, at) or p.region)
            out["focused"].append(focus == (p.muscle, p.point.id))
    return out



def legend_key(name: str, symbol: str, color: str, size: int = 13, width: float = 2.0) -> dict:
    """A legend entry only: a marker with no position."""
    return dict(type="scattergeo", name=name, lon=[None], lat=[None], mode="markers", hoverinfo="skip",
                marker={"symbol": symbol, "size": size, "color": color, "line": {"color": color, "width": width}},
                showlegend=True)


@functools.lru_cache(maxsize=2048)
def _dot_lonlat(views: tuple[str, ...], view: str, outline: tuple[Pt, ...]) -> tuple[tuple, tuple]:
    """lon and lat of a region's dot pattern (cached: the same regions come back on every click)."""
    pts = [to_lonlat(views, view, pt) for pt in dot_grid(outline, DOT_SPACING)]
    return tuple(p[0] for p in pts), tuple(p[1] for p in pts)


@functools.lru_cache(maxsize=2048)
def _hatch_lonlat(views: tuple[str, ...], view: str, outline: tuple[Pt, ...]) -> tuple[tuple, tuple]:
    """lon and lat of a region's hatch lines, None between segments (cached like the dots)."""
    lon, lat = lines(views, view, hatch_segments(outline, HATCH_SPACING))
    return tuple(lon), tuple(lat)


def _gather(atlas: Atlas, views: Sequence[str], ids: list[str], coords) -> tuple[list, list]:
    """Concatenate the pattern coordinates `coords(views, view, outline)` of several regions."""
    lon: list = []
    lat: list = []
    for rid in ids:
        region = drawn_as(atlas, rid, views)
        lo, la = coords(tuple(views), region.view, region.outline)
        lon += lo
        lat += la
    return lon, lat
