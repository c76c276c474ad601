"""An `Overlay` (the spec the PDF handout draws too) and the selected region, drawn over the base map.

Layers are told apart by colour, marker shape and, when there are several, their number (as on the
handout); marked pain is filled more strongly the higher its level, outlined with dashes and
labelled with the level.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import plotly.graph_objects as go

from bodymap.content import geometry
from bodymap.content.atlas import Atlas, PlacedTriggerPoint
from bodymap.drawing import palette
from bodymap.drawing.base import BASE_NAME, base_figure
from bodymap.drawing.frame import VIEWS, check_views, drawn_as, lines, shown_regions, to_lonlat
from bodymap.drawing.traces import NO_DIM, dots, hatch, keep_text, legend_key, markers, zone
from bodymap.reference.overlay import MuscleLayer, Overlay

HIGHLIGHT_NAME = "Highlight"
HIGHLIGHT_LABEL = "Area shown"
PAIN_NAME = "Marked pain"
PAIN_LEVELS_NAME = "Marked pain levels"
PAIN_LEGEND = "Where you marked pain (dashed; number = level 0-10)"
LOOSE_POINTS_NAME = "Trigger points in this area"

Pain = list[tuple[str, int | None]]


def build_figure(atlas: Atlas, overlay: Overlay, selected: str | None = None, views: Sequence[str] = VIEWS, *,
                 base: go.Figure | None = None, focus_point: tuple[str, str] | None = None,
                 highlight_label: str = HIGHLIGHT_LABEL) -> go.Figure:
    """The map with an overlay and the selected region, on a copy of `base` (which is never changed).

    `focus_point` (muscle id, trigger point id) draws that point larger. Region ids the atlas does
    not know, and regions outside the views, are ignored. (`build_spec` is the same map as a plain
    dict, for the page: no figure is built or copied per click.)
    """
    views = check_views(views)
    spec = build_spec(atlas, overlay, selected, views, base=(base or base_figure(atlas, views)).to_plotly_json(),
                      focus_point=focus_point, highlight_label=highlight_label)
    return go.Figure(spec)


def build_spec(atlas: Atlas, overlay: Overlay, selected: str | None, views: Sequence[str], *, base: dict,
               focus_point: tuple[str, str] | None = None, highlight_label: str = HIGHLIGHT_LABEL) -> dict:
    """The map as a plotly figure dict: `base` (the static map as a dict, shared and never changed) and the
    overlay traces after it; the layout is base's own (a new dict, so the page may set its height or meta)."""
    views = check_views(views)
    shown = {r.id for r in shown_regions(atlas, views)}
    layers = [lay for lay in overlay.layers if lay.muscle in atlas.muscles]
    pain = _shown_pain(atlas, views, overlay.pain)
    painted = {r for r, _ in pain}
    highlight = [r for r in shown_ids(atlas, views, overlay.highlight) if r not in painted]
    chosen = shown_ids(atlas, views, [selected] if selected else [])
    traces = _pain_fills(atlas, views, pain)
    marks = []
    for lay in layers:
        zones, points = _layer(atlas, views, lay, shown, overlay.numbered, focus_point)
        traces += zones
        marks.append(points)
    marks += _loose_points(atlas, views, overlay, shown, focus_point)
    if highlight:
        traces += [zone(atlas, views, highlight, palette.HIGHLIGHT, 0.0, 2.4, HIGHLIGHT_NAME),
                   hatch(atlas, views, highlight)]
    traces += _pain_marks(atlas, views, pain)
    traces += marks
    traces += _legend(bool(layers), bool(highlight), bool(pain), highlight_label)
    return {"data": [*_chosen(base["data"], chosen), *traces], "layout": dict(base["layout"])}


def _chosen(data: list[dict], chosen: list[str]) -> list[dict]:
    """The base traces with the chosen regions selected in the body trace (plotly's own selected style: the
    underlay's colour shows through them); the shared base is not changed."""
    if not chosen:
        return data
    out = list(data)
    for i, trace in enumerate(out):
        if trace.get("name") == BASE_NAME:
            where = {rid: n for n, rid in enumerate(trace["locations"])}
            out[i] = {**trace, "selectedpoints": [where[r] for r in chosen if r in where]}
    return out


def chosen_in(spec: dict) -> list[str]:
    """The regions a figure dict draws as chosen (its body trace's selected points; found by name: plotly's JSON
    leaves out trace uids)."""
    for trace in spec.get("data", []):
        if trace.get("name") == BASE_NAME and trace.get("selectedpoints") is not None:
            return [trace["locations"][i] for i in trace["selectedpoints"]]
    return []


def pain_opacity(level: int | None) -> float:
    """Fill opacity of a marked painful region: 0.15 at level 0 up to 0.65 at 10 (0.4 without a level)."""
    return round(0.4 if level is None else 0.15 + 0.05 * level, 3)


def _layer(atlas: Atlas, views: Sequence[str], lay: MuscleLayer, shown: set[str], numbered: bool,
           focus: tuple[str, str] | None) -> tuple[list[dict], dict]:
    """One muscle layer: its zone traces (spillover, its dots, essential) and its trigger-point marks."""
    color = palette.muscle_style(max(lay.number, 1) - 1).color
    essential = shown_ids(atlas, views, lay.essential)
    spillover = [r for r in shown_ids(atlas, views, lay.spillover) if r not in essential]
    tag = f"{lay.number}. " if numbered else ""
    zones = []
    if spillover:
        zones.append(zone(atlas, views, spillover, color, palette.SPILLOVER_OPACITY, 1.0,
                          f"{tag}{lay.name}: pain sometimes felt here"))
        zones.append(dots(atlas, views, spillover, color, f"{tag}{lay.name}: dots"))
    if essential:
        zones.append(zone(atlas, views, essential, color, palette.ESSENTIAL_OPACITY, 1.2,
                          f"{tag}{lay.name}: pain often felt here"))
    placed = [p for p in lay.points if any(v in views for v, _ in p.spots)]
    return zones, _trigger_points(atlas, views, lay, placed, tag, focus)


def _trigger_points(atlas: Atlas, views: Sequence[str], lay: MuscleLayer, placed: Sequence[PlacedTriggerPoint],
                    tag: str, focus: tuple[str, str] | None) -> dict:
    """A layer's trigger points as markers of its style, numbered (as on the handout) when `tag` is set."""
    style = palette.muscle_style(max(lay.number, 1) - 1)
    m = markers(atlas, views, placed, lay.name, focus)
    if not placed:  # no point in the views shown: keep the muscle's legend entry
        m = {"lon": [None], "lat": [None], "hovertext": [""], "customdata": [None], "focused": [False]}
    return dict(
        type="scattergeo", name=f"{tag}{lay.name}: trigger points", legendgroup=f"muscle-{lay.number}",
        lon=m["lon"], lat=m["lat"], customdata=m["customdata"], hovertext=m["hovertext"],
        hovertemplate="%{hovertext}<extra></extra>",
        mode="markers+text" if tag else "markers", text=[tag.rstrip(". ")] * len(m["lon"]) if tag else None,
        textposition="top right", textfont={"size": palette.MARKER_NUMBER_PX, "color": style.color, "weight": "bold"},
        marker={"symbol": style.symbol, "size": [22 if f else 14 for f in m["focused"]], "color": style.color,
                "line": {"color": palette.MARKER_RIM, "width": [2.2 if f else 1.3 for f in m["focused"]]}},
        selected=keep_text(style.color), unselected=NO_DIM, showlegend=True,
    )


def _loose_points(atlas: Atlas, views: Sequence[str], overlay: Overlay, shown: set[str],
                  focus: tuple[str, str] | None) -> list[dict]:
    """Trigger points lying in a region (in no muscle layer) as dark X markers. They take no hover or
    click, so hover keeps naming the region and a tap on a mark still selects the region under it."""
    loose = [p for n, p in overlay.points
             if n == 0 and p.muscle in atlas.muscles and any(v in views for v, _ in p.spots)]
    if not loose:
        return []
    m = markers(atlas, views, loose, None, focus)
    return [dict(
        type="scattergeo", name=LOOSE_POINTS_NAME, lon=m["lon"], lat=m["lat"], customdata=m["customdata"],
        hovertext=m["hovertext"], hoverinfo="skip", mode="markers",
        marker={"symbol": "x", "size": [22 if f else 14 for f in m["focused"]], "color": palette.SELECTED_OUTLINE,
                "line": {"color": palette.MARKER_RIM, "width": 1.3}},
        selected=NO_DIM, unselected=NO_DIM, showlegend=True,
    )]


def _pain_fills(atlas: Atlas, views: Sequence[str], pain: Pain) -> list[dict]:
    """Marked regions filled in the pain colour, one trace per opacity (stronger for a higher level)."""
    by_opacity: dict[float, list[str]] = {}
    for rid, level in pain:
        by_opacity.setdefault(pain_opacity(level), []).append(rid)
    return [zone(atlas, views, ids, palette.PAIN, opacity, 0.0, f"{PAIN_NAME} ({opacity:g})")
            for opacity, ids in sorted(by_opacity.items())]


def _pain_marks(atlas: Atlas, views: Sequence[str], pain: Pain) -> list[dict]:
    """Dashed outlines of the marked regions and, inside each, its level (hover: the place and level)."""
    if not pain:
        return []
    regions = [drawn_as(atlas, rid, views) for rid, _ in pain]
    lons: list = []
    lats: list = []
    for region in regions:
        lo, la = lines(views, region.view, [(*region.outline, region.outline[0])])
        lons += lo
        lats += la
    at = [to_lonlat(views, r.view, geometry.interior_point(r.outline)) for r in regions]
    text = ["" if level is None else f"<b>{level}</b>" for _, level in pain]
    hover = [f"{r.label}: pain marked here" + ("" if level is None else f", {level} out of 10")
             for r, (_, level) in zip(regions, pain, strict=True)]
    outline = dict(type="scattergeo", name=f"{PAIN_NAME} outline", lon=lons, lat=lats, mode="lines",
                   line={"color": palette.PAIN, "width": 2.4, "dash": "dash"}, hoverinfo="skip", showlegend=False)
    levels = dict(type="scattergeo", name=PAIN_LEVELS_NAME, lon=[p[0] for p in at], lat=[p[1] for p in at],
                  mode="markers+text", text=text, textposition="middle center",
                  textfont={"size": 15, "color": "#ffffff"}, customdata=[rid for rid, _ in pain],
                  hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
                  marker={"size": [22 if t else 10 for t in text], "color": palette.PAIN, "symbol": "circle",
                          "line": {"color": palette.MARKER_RIM, "width": 1.5}},
                  selected=keep_text("#ffffff"), unselected=NO_DIM, showlegend=False)
    return [outline, levels]


def _legend(layers: bool, highlight: bool, pain: bool, highlight_label: str) -> list[dict]:
    """Legend entries for what is drawn: the zone styles (in a neutral grey), the highlight and marked pain."""
    keys = []
    if layers:
        keys += [legend_key("Pain often felt here (solid)", "square", palette.SILHOUETTE),
                 legend_key("Pain sometimes felt here (dotted)", "circle", palette.SILHOUETTE, size=6)]
    if highlight:
        keys.append(legend_key(highlight_label, "square-open", palette.HIGHLIGHT))
    if pain:
        keys.append(legend_key(PAIN_LEGEND, "square", palette.PAIN, width=2.0))
    return keys


def shown_ids(atlas: Atlas, views: Sequence[str], ids: Iterable[str]) -> list[str]:
    """What stands for these regions in the views (a finer place rolls up to its parent on the body views,
    a parent spreads over its places in a close-up), each once; unknown ids are ignored."""
    return list(dict.fromkeys(s for rid in ids for view in views for s in atlas.shown_in(rid, view)))


def _shown_pain(atlas: Atlas, views: Sequence[str], pain: Iterable[tuple[str, int | None]]) -> Pain:
    """Marked pain as drawn in the views: each drawn place once, with the highest level marked on it."""
    out: dict[str, int | None] = {}
    for rid, level in pain:
        for shown in shown_ids(atlas, views, [rid]):
            old = out.get(shown, level)
            out[shown] = level if old is None else old if level is None else max(old, level)
    return list(out.items())
