"""The body map as a plotly figure: pure code, no streamlit.

Regions are drawn as a `go.Choropleth` over a custom GeoJSON on an invisible equirectangular geo,
so a click or tap anywhere inside a region selects it (plotly reports the feature id as the point's
`location`). Each view's frame (x -60..60, y 0..200, body units) maps linearly to lon/lat with the
same scale on both axes, so shapes are not distorted; views shown together sit side by side.

`base_figure` is the static part (cacheable, never mutated); `build_figure` lays an `Overlay` (the
spec the PDF handout draws too) and the selected region over a copy of it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence

import plotly.graph_objects as go

from bodymap.content import geometry
from bodymap.content.atlas import Atlas, PlacedTriggerPoint, Region
from bodymap.content.geometry import Pt
from bodymap.drawing import palette
from bodymap.drawing.fill_patterns import dot_grid, hatch_segments, outer_edges
from bodymap.reference.overlay import Overlay

VIEWS = ("front", "back")
VIEW_TITLES = {"front": "Front", "back": "Back"}
#: Degrees of lon/lat per body unit. Small, so the map stays near the equator where plotly's
#: great-circle edges are straight to well under a pixel.
DEG_PER_UNIT = 0.1
#: Distance between the centre lines of two views shown side by side, in body units.
VIEW_SPACING = 100.0
#: Height of the chart in px for one and for two views.
HEIGHTS = {1: 600, 2: 620}
#: Spacing of the spillover dots and of the highlight hatch lines, in body units.
DOT_SPACING = 2.4
HATCH_SPACING = 2.6
#: Where the "Left"/"Right" labels and the view title sit in each view's frame.
SIDE_LABEL_AT = (31.0, 182.0)
TITLE_AT = (0.0, 207.0)
_DIGITS = 4
#: Empty space around the body, in body units.
FRAME_MARGIN = 2.0
_NO_DIM = {"marker": {"opacity": 1}}
BASE_NAME = "Body"
SELECTED_NAME = "Selected area"
HIGHLIGHT_NAME = "Highlight"
HIGHLIGHT_LABEL = "Area shown"
PAIN_NAME = "Marked pain"
PAIN_LEVELS_NAME = "Marked pain levels"
PAIN_LEGEND = "Where you marked pain (dashed; number = level 0-10)"
LOOSE_POINTS_NAME = "Trigger points in this area"


# Coordinates --------------------------------------------------------------------------------------


def check_views(views: Sequence[str]) -> tuple[str, ...]:
    """The views as a tuple; raises ValueError unless they are one or both of front/back, once each."""
    views = tuple(views)
    if not views or len(set(views)) != len(views) or not set(views) <= set(VIEWS):
        raise ValueError(f"views must be one or both of {VIEWS}, each once; got {views!r}")
    return views


def view_offsets(views: Sequence[str]) -> dict[str, float]:
    """Horizontal shift of each view's frame (body units), centring the views side by side."""
    views = check_views(views)
    n = len(views)
    return {v: (i - (n - 1) / 2) * VIEW_SPACING for i, v in enumerate(views)}


def to_lonlat(views: Sequence[str], view: str, pt: Pt) -> tuple[float, float]:
    """A point of a view's frame as (lon, lat) on the figure's geo."""
    offset = view_offsets(views)[view]
    return (round((pt[0] + offset) * DEG_PER_UNIT, _DIGITS), round((pt[1] - 100.0) * DEG_PER_UNIT, _DIGITS))


def _ring(views: Sequence[str], region: Region) -> list[list[float]]:
    """The region's outline as a closed lon/lat ring, clockwise (plotly geo fills the outside of
    counter-clockwise outer rings)."""
    return [list(p) for p in _ring_cached(tuple(views), region.view, region.outline)]


@functools.lru_cache(maxsize=4096)
def _ring_cached(views: tuple[str, ...], view: str, outline: tuple[Pt, ...]) -> tuple[tuple[float, float], ...]:
    pts = list(outline)
    if geometry.signed_area(pts) > 0:
        pts.reverse()
    ring = [to_lonlat(views, view, p) for p in pts]
    return tuple(ring + [ring[0]])


def region_geojson(atlas: Atlas, region_ids: Iterable[str], views: Sequence[str]) -> dict:
    """A GeoJSON FeatureCollection of the given regions; each feature's id is the region id."""
    features = []
    for rid in region_ids:
        region = atlas.regions[rid]
        features.append({"type": "Feature", "id": rid, "properties": {},
                         "geometry": {"type": "Polygon", "coordinates": [_ring(views, region)]}})
    return {"type": "FeatureCollection", "features": features}


def _lines(views: Sequence[str], view: str, paths: Iterable[Sequence[Pt]]) -> tuple[list, list]:
    """lon and lat lists of several polylines, separated by None gaps."""
    lons: list[float | None] = []
    lats: list[float | None] = []
    for path in paths:
        for p in path:
            lon, lat = to_lonlat(views, view, p)
            lons.append(lon)
            lats.append(lat)
        lons.append(None)
        lats.append(None)
    return lons, lats


# The static base ----------------------------------------------------------------------------------


def shown_regions(atlas: Atlas, views: Sequence[str]) -> list[Region]:
    """Regions drawn in the given views, in atlas order."""
    return [r for r in atlas.regions.values() if r.view in views]


def base_figure(atlas: Atlas, views: Sequence[str] = VIEWS) -> go.Figure:
    """The static map: every region of the views, the silhouette outline and the view labels."""
    views = check_views(views)
    regions = shown_regions(atlas, views)
    ids = [r.id for r in regions]
    fig = go.Figure()
    fig.add_trace(go.Choropleth(
        name=BASE_NAME, uid="body",
        geojson=region_geojson(atlas, ids, views), featureidkey="id",
        locations=ids, customdata=ids, text=[r.label for r in regions],
        z=[0] * len(ids), zmin=0, zmax=1, showscale=False,
        colorscale=[[0, palette.BODY_FILL], [1, palette.BODY_FILL]],
        marker={"line": {"color": palette.REGION_BORDER, "width": 0.7}},
        hovertemplate="%{text}<extra></extra>",
        selected=_NO_DIM, unselected=_NO_DIM, showlegend=False,
    ))
    for view in views:
        outline = outer_edges(r.outline for r in regions if r.view == view)
        lons, lats = _lines(views, view, outline)
        fig.add_trace(go.Scattergeo(
            name=f"{VIEW_TITLES[view]} outline", uid=f"outline-{view}", lon=lons, lat=lats, mode="lines",
            line={"color": palette.SILHOUETTE, "width": 1.5}, hoverinfo="skip", showlegend=False,
        ))
    fig.add_trace(_labels(views))
    lon_range, lat_range = geo_ranges(regions, views)
    fig.update_geos(
        visible=False, projection_type="equirectangular", lonaxis_range=lon_range, lataxis_range=lat_range,
        bgcolor="rgba(0,0,0,0)", showframe=False, domain={"x": [0, 1], "y": [0, 1]},
    )
    fig.update_layout(
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
    return fig


def geo_ranges(regions: Sequence[Region], views: Sequence[str]) -> tuple[list[float], list[float]]:
    """lon and lat ranges framing the drawn body and its labels with a small margin.

    Explicit ranges (rather than fitbounds) also set the geo frame's aspect ratio to the body's,
    so the body fills the chart's height instead of a 2:1 world frame.
    """
    xs = [to_lonlat(views, r.view, p)[0] for r in regions for p in r.outline]
    xs += [to_lonlat(views, v, (s * (SIDE_LABEL_AT[0] + 8), 0))[0] for v in views for s in (-1, 1)]
    pad = FRAME_MARGIN * DEG_PER_UNIT
    lat_lo = to_lonlat(views, views[0], (0, -FRAME_MARGIN))[1]
    lat_hi = to_lonlat(views, views[0], (0, TITLE_AT[1] + 5))[1]
    return [round(min(xs) - pad, _DIGITS), round(max(xs) + pad, _DIGITS)], [lat_lo, lat_hi]


def _labels(views: Sequence[str]) -> go.Scattergeo:
    """View titles ("Front", "Back") and the person's "Left"/"Right" on each view."""
    lon, lat, text, size = [], [], [], []
    for view in views:
        # Front view: the person's left is on the viewer's right; back view: on the viewer's left.
        left_sign = 1 if view == "front" else -1
        for pt, label, px in (
            (TITLE_AT, f"<b>{VIEW_TITLES[view]}</b>", 17),
            ((left_sign * SIDE_LABEL_AT[0], SIDE_LABEL_AT[1]), "Left", 13),
            ((-left_sign * SIDE_LABEL_AT[0], SIDE_LABEL_AT[1]), "Right", 13),
        ):
            lo, la = to_lonlat(views, view, pt)
            lon.append(lo)
            lat.append(la)
            text.append(label)
            size.append(px)
    return go.Scattergeo(name="Labels", uid="labels", lon=lon, lat=lat, text=text, mode="text",
                         textfont={"size": size}, hoverinfo="skip", showlegend=False)


# Overlays -----------------------------------------------------------------------------------------


def build_figure(atlas: Atlas, overlay: Overlay, selected: str | None = None, views: Sequence[str] = VIEWS, *,
                 base: go.Figure | None = None, focus_point: tuple[str, str] | None = None,
                 highlight_label: str = HIGHLIGHT_LABEL) -> go.Figure:
    """The map with an overlay (the same spec the handout draws) and the selected region, on a copy of `base`.

    Layers are told apart by colour, marker shape and, when there are several, their number (as on
    the handout); marked pain is filled more strongly the higher its level, outlined with dashes and
    labelled with the level. `focus_point` (muscle id, trigger point id) draws that point larger.
    Region ids the atlas does not know, and regions outside the views, are ignored.
    """
    views = check_views(views)
    if base is None:
        base = base_figure(atlas, views)
    shown = {r.id for r in shown_regions(atlas, views)}
    layers = [lay for lay in overlay.layers if lay.muscle in atlas.muscles]
    numbered = len(layers) > 1
    # Overlays are plain dicts, validated once when the figure is made (plotly objects would be
    # validated and copied twice: most of the cost of a click).
    overlays: list[dict] = []
    pain = [(r, level) for r, level in overlay.pain if r in shown]
    pain_ids = {r for r, _ in pain}
    if pain:
        overlays += _pain_fills(atlas, views, pain)
    marks = []
    zoned: set[str] = set()
    for lay in layers:
        style = palette.muscle_style(max(lay.number, 1) - 1)
        essential = _unique(r for r in lay.essential if r in shown)
        spillover = [r for r in lay.spillover if r in shown and r not in essential]
        zoned.update(essential, spillover)
        tag = f"{lay.number}. " if numbered else ""
        if spillover:
            overlays.append(_zone(atlas, views, spillover, style.color, palette.SPILLOVER_OPACITY, 1.0,
                                  f"{tag}{lay.name}: pain sometimes felt here"))
            overlays.append(_dots(atlas, views, spillover, style.color, f"{tag}{lay.name}: dots"))
        if essential:
            overlays.append(_zone(atlas, views, essential, style.color, palette.ESSENTIAL_OPACITY, 1.2,
                                  f"{tag}{lay.name}: pain often felt here"))
        placed = [p for p in lay.points if p.region in shown]
        marks.append(_trigger_points(atlas, views, lay.name, style, placed, tag, focus_point, lay.number))
    layered = {(p.muscle, p.side, p.point.id) for lay in layers for p in lay.points}
    loose = [p for p in overlay.points_in if p.region in shown and p.muscle in atlas.muscles
             and (p.muscle, p.side, p.point.id) not in layered]
    if loose:
        marks.append(_loose_points(atlas, views, loose, focus_point))
    highlight = [r for r in _unique(overlay.highlight) if r in shown and r not in pain_ids]
    if highlight:
        overlays.append(_zone(atlas, views, highlight, palette.HIGHLIGHT, 0.0, 2.4, HIGHLIGHT_NAME))
        overlays.append(_hatch(atlas, views, highlight))
    if pain:
        overlays += _pain_marks(atlas, views, pain)
    if selected in shown:
        # The yellow tint is only laid on a plain region, so it never hides (or mixes with) an overlay's colour.
        overlaid = selected in zoned or selected in highlight or selected in pain_ids
        tint = 0.0 if overlaid else palette.SELECTED_OPACITY
        overlays.append(_zone(atlas, views, [selected], palette.SELECTED_FILL, tint, 2.8,
                              SELECTED_NAME, line_color=palette.SELECTED_OUTLINE))
    overlays += marks
    if layers:
        overlays += _legend_keys()
    if highlight:
        overlays.append(_legend_key(highlight_label, "square-open", palette.HIGHLIGHT))
    if pain:
        overlays.append(_legend_key(PAIN_LEGEND, "square", palette.PAIN, width=2.0))
    return go.Figure(data=[*base.data, *overlays], layout=base.layout)


def pain_opacity(level: int | None) -> float:
    """Fill opacity of a marked painful region: 0.15 at level 0 up to 0.65 at 10 (0.4 without a level)."""
    return round(0.4 if level is None else 0.15 + 0.05 * level, 3)


def _pain_fills(atlas: Atlas, views: Sequence[str], pain: list[tuple[str, int | None]]) -> list[dict]:
    """Marked regions filled in the pain colour, one trace per opacity (stronger for a higher level)."""
    by_opacity: dict[float, list[str]] = {}
    for rid, level in pain:
        by_opacity.setdefault(pain_opacity(level), []).append(rid)
    return [_zone(atlas, views, ids, palette.PAIN, opacity, 0.0, f"{PAIN_NAME} ({opacity:g})")
            for opacity, ids in sorted(by_opacity.items())]


def _pain_marks(atlas: Atlas, views: Sequence[str], pain: list[tuple[str, int | None]]) -> list[dict]:
    """Dashed outlines of the marked regions and, inside each, its level (hover: the place and level)."""
    lons: list = []
    lats: list = []
    lon, lat, text, hover, ids = [], [], [], [], []
    for rid, level in pain:
        region = atlas.regions[rid]
        lo, la = _lines(views, region.view, [(*region.outline, region.outline[0])])
        lons += lo
        lats += la
        x, y = to_lonlat(views, region.view, geometry.interior_point(region.outline))
        lon.append(x)
        lat.append(y)
        text.append("" if level is None else f"<b>{level}</b>")
        hover.append(f"{region.label}: pain marked here" + ("" if level is None else f", {level} out of 10"))
        ids.append(rid)
    outline = dict(type="scattergeo", name=f"{PAIN_NAME} outline", lon=lons, lat=lats, mode="lines",
                   line={"color": palette.PAIN, "width": 2.4, "dash": "dash"}, hoverinfo="skip", showlegend=False)
    levels = dict(type="scattergeo", name=PAIN_LEVELS_NAME, lon=lon, lat=lat, mode="markers+text", text=text,
                  textposition="middle center", textfont={"size": 15, "color": "#ffffff"},
                  customdata=ids, hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
                  marker={"size": [22 if t else 10 for t in text], "color": palette.PAIN, "symbol": "circle",
                          "line": {"color": palette.MARKER_RIM, "width": 1.5}},
                  selected=_NO_DIM, unselected=_NO_DIM, showlegend=False)
    return [outline, levels]


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _zone(atlas: Atlas, views: Sequence[str], ids: list[str], color: str, opacity: float, width: float,
          name: str, line_color: str | None = None) -> dict:
    """Regions filled with one colour and outlined; not hoverable, so hover and clicks reach the base."""
    fill = palette.rgba(color, opacity)
    return dict(
        type="choropleth", name=name, geojson=region_geojson(atlas, ids, views), featureidkey="id",
        locations=ids, customdata=ids, z=[0] * len(ids), zmin=0, zmax=1, showscale=False,
        colorscale=[[0, fill], [1, fill]],
        marker={"line": {"color": line_color or color, "width": width}},
        hoverinfo="skip", selected=_NO_DIM, unselected=_NO_DIM, showlegend=False,
    )


@functools.lru_cache(maxsize=2048)
def _dot_lonlat(views: tuple[str, ...], view: str, outline: tuple[Pt, ...]) -> tuple[tuple, tuple]:
    """lon and lat of a region's dot pattern (cached: the same regions come back on every click)."""
    pts = [to_lonlat(views, view, pt) for pt in dot_grid(outline, DOT_SPACING)]
    return tuple(p[0] for p in pts), tuple(p[1] for p in pts)


@functools.lru_cache(maxsize=2048)
def _hatch_lonlat(views: tuple[str, ...], view: str, outline: tuple[Pt, ...]) -> tuple[tuple, tuple]:
    lons, lats = _lines(views, view, hatch_segments(outline, HATCH_SPACING))
    return tuple(lons), tuple(lats)


def _gather(atlas: Atlas, views: Sequence[str], ids: list[str], coords) -> tuple[list, list]:
    """Concatenate the pattern coordinates `coords(views, view, outline)` of several regions."""
    lon: list = []
    lat: list = []
    for rid in ids:
        region = atlas.regions[rid]
        lo, la = coords(tuple(views), region.view, region.outline)
        lon += lo
        lat += la
    return lon, lat


def _dots(atlas: Atlas, views: Sequence[str], ids: list[str], color: str, name: str) -> dict:
    """A dot pattern over spillover zones, so they differ from essential zones without colour."""
    lon, lat = _gather(atlas, views, ids, _dot_lonlat)
    return dict(type="scattergeo", name=name, lon=lon, lat=lat, mode="markers",
                marker={"size": 3.6, "color": color, "line": {"width": 0}}, hoverinfo="skip", showlegend=False)


def _hatch(atlas: Atlas, views: Sequence[str], ids: list[str]) -> dict:
    """Diagonal hatching over highlighted regions."""
    lons, lats = _gather(atlas, views, ids, _hatch_lonlat)
    return dict(type="scattergeo", name="Highlight hatching", lon=lons, lat=lats, mode="lines",
                line={"color": palette.HIGHLIGHT, "width": 1.3}, hoverinfo="skip", showlegend=False)


def _trigger_points(atlas: Atlas, views: Sequence[str], name: str, style: palette.MuscleStyle,
                    placed: Sequence[PlacedTriggerPoint], tag: str, focus: tuple[str, str] | None,
                    number: int) -> dict:
    """A layer's trigger points as X-type markers, each with a hover label "muscle — point"; numbered
    (as on the handout) when several layers are shown."""
    lon, lat, hover, regions, sizes, widths = [], [], [], [], [], []
    for p in placed:
        lo, la = to_lonlat(views, atlas.regions[p.region].view, p.at)
        lon.append(lo)
        lat.append(la)
        hover.append(f"{name} — {p.point.label}")
        regions.append(p.region)
        focused = focus == (p.muscle, p.point.id)
        sizes.append(22 if focused else 14)
        widths.append(2.2 if focused else 1.3)
    if not lon:  # no point in the views shown: keep the muscle's legend entry
        lon, lat, hover, regions, sizes, widths = [None], [None], [""], [None], [14], [1.3]
    return dict(
        type="scattergeo", name=f"{tag}{name}: trigger points", legendgroup=f"muscle-{number}",
        lon=lon, lat=lat, customdata=regions, hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
        mode="markers+text" if tag else "markers", text=[tag.rstrip(". ")] * len(lon) if tag else None,
        textposition="top right", textfont={"size": 13, "color": style.color, "weight": "bold"},
        marker={"symbol": style.symbol, "size": sizes, "color": style.color,
                "line": {"color": palette.MARKER_RIM, "width": widths}},
        selected=_NO_DIM, unselected=_NO_DIM, showlegend=True,
    )


def _loose_points(atlas: Atlas, views: Sequence[str], placed: Sequence[PlacedTriggerPoint],
                  focus: tuple[str, str] | None) -> dict:
    """Trigger points lying in a region (not part of a muscle layer): dark X markers. They take no hover or
    click, so hover keeps naming the region and a tap on a mark still selects the region under it."""
    lon, lat, hover, regions, sizes = [], [], [], [], []
    for p in placed:
        lo, la = to_lonlat(views, atlas.regions[p.region].view, p.at)
        lon.append(lo)
        lat.append(la)
        hover.append(f"{atlas.muscles[p.muscle].name} — {p.point.label}")
        regions.append(p.region)
        sizes.append(22 if focus == (p.muscle, p.point.id) else 14)
    return dict(
        type="scattergeo", name=LOOSE_POINTS_NAME, lon=lon, lat=lat, customdata=regions, hovertext=hover,
        hoverinfo="skip", mode="markers",
        marker={"symbol": "x", "size": sizes, "color": palette.SELECTED_OUTLINE,
                "line": {"color": palette.MARKER_RIM, "width": 1.3}},
        selected=_NO_DIM, unselected=_NO_DIM, showlegend=True,
    )


def _legend_key(name: str, symbol: str, color: str, size: int = 13, width: float = 2.0) -> dict:
    """A legend entry only: a marker with no position."""
    return dict(type="scattergeo", name=name, lon=[None], lat=[None], mode="markers", hoverinfo="skip",
                marker={"symbol": symbol, "size": size, "color": color, "line": {"color": color, "width": width}},
                showlegend=True)


def _legend_keys() -> list[dict]:
    """Legend entries telling the zone styles apart (shown in a neutral grey)."""
    grey = palette.SILHOUETTE
    return [
        _legend_key("Pain often felt here (solid)", "square", grey),
        _legend_key("Pain sometimes felt here (dotted)", "circle", grey, size=6),
    ]
