"""Overlays on the body map, built without a server: selection, muscle layers, highlight, marked pain, points."""

from __future__ import annotations

import plotly.io
import pytest
from figure_helpers import alpha, muscles, names, small_atlas, to_frame, trace

from bodymap.content import geometry
from bodymap.drawing import palette
from bodymap.drawing.figure import (
    BASE_NAME,
    HIGHLIGHT_NAME,
    LOOSE_POINTS_NAME,
    PAIN_LEGEND,
    PAIN_LEVELS_NAME,
    PAIN_NAME,
    UNDERLAY_NAME,
    base_figure,
    build_figure,
    chosen_in,
    pain_opacity,
    to_lonlat,
)
from bodymap.drawing.overlays import shown_ids
from bodymap.reference.lookup import condition_overlay, layer, muscle_overlay, region_overlay
from bodymap.reference.overlay import MuscleLayer, Overlay
from bodymap.reference.ranking import pain_overlay, rank_candidates


@pytest.fixture
def atlas(make_atlas):
    return small_atlas(make_atlas)


def _chosen(fig) -> list[str]:
    return chosen_in(fig.to_plotly_json())


def test_the_chosen_region_is_plotlys_selection_over_a_dark_underlay(atlas):
    fig = build_figure(atlas, Overlay(), "jaw-right", ("front",))
    body, under = trace(fig, BASE_NAME), trace(fig, UNDERLAY_NAME)
    assert _chosen(fig) == ["jaw-right"] and list(body.selectedpoints) == [list(body.locations).index("jaw-right")]
    # the chosen region turns almost see-through, the others stay opaque, so the underlay shows through it only
    assert body.selected.marker.opacity < 0.2 and body.unselected.marker.opacity == 1
    assert under.hoverinfo == "skip" and under.unselected.marker.opacity == 1
    assert [t.name for t in fig.data].index(UNDERLAY_NAME) < [t.name for t in fig.data].index(BASE_NAME)
    seen = palette.blend(palette.BODY_FILL, body.selected.marker.opacity, palette.CHOSEN)
    assert palette.contrast_ratio(seen, palette.BODY_FILL) >= 3.0
    assert len(fig.data) == len(base_figure(atlas, ("front",)).data)  # nothing is added for a chosen region


@pytest.mark.parametrize("selected", [None, "no-such-region", "<b>x</b>"])
def test_no_selection_style_without_a_known_selected_region(atlas, selected):
    fig = build_figure(atlas, Overlay(), selected, ("front",))
    assert _chosen(fig) == [] and trace(fig, BASE_NAME).selectedpoints is None


def test_a_selected_region_of_a_hidden_view_is_not_drawn(real_atlas):
    assert _chosen(build_figure(real_atlas, Overlay(), "crown", ("front",))) == []
    assert _chosen(build_figure(real_atlas, Overlay(), "crown", ("back",))) == ["crown"]


def test_the_underlay_covers_the_body_exactly(real_atlas):
    """The underlay is the union of each view's regions (holes kept), so it shows nowhere outside the body."""
    import shapely

    for views in (("front", "back"), ("hand-palm-left",), ("back-lower",)):
        fig = build_figure(real_atlas, Overlay(), None, views)
        under = trace(fig, UNDERLAY_NAME)
        assert list(under.locations) == [f"silhouette-{v}" for v in views]
        regions = {f["id"]: shapely.Polygon(f["geometry"]["coordinates"][0])
                   for f in trace(fig, BASE_NAME).geojson["features"]}
        body = shapely.unary_union(list(regions.values()))
        sil = shapely.unary_union([shapely.Polygon(part[0], part[1:])
                                   for f in under.geojson["features"] for part in f["geometry"]["coordinates"]])
        assert sil.symmetric_difference(body).area < 1e-6 * body.area


def test_a_muscle_shows_its_points_essential_and_spillover_zones(atlas):
    fig = build_figure(atlas, muscles(atlas, "trap"), None, ("front",))
    essential = trace(fig, "Upper trapezius: pain often felt here")
    spill = trace(fig, "Upper trapezius: pain sometimes felt here")
    assert set(essential.locations) == {"temple-left", "temple-right"}
    assert set(spill.locations) == {"jaw-left", "jaw-right"}  # temple is essential, so not spillover too
    assert essential.hoverinfo == "skip" and spill.hoverinfo == "skip"  # clicks and hover reach the body
    points = trace(fig, "Upper trapezius: trigger points")
    assert list(points.customdata) == ["neck-left", "neck-right"]
    assert list(points.hovertext) == ["Upper trapezius — Point 1"] * 2
    assert points.marker.symbol == "x"
    # Each marker sits where the content puts it (mirrored on the right).
    left, right = atlas.placed("trap", "left")[0].at, atlas.placed("trap", "right")[0].at
    assert (points.lon[0], points.lat[0]) == to_lonlat(("front",), "front", left)
    assert (points.lon[1], points.lat[1]) == to_lonlat(("front",), "front", right)
    assert left[0] == -right[0]


def test_spillover_zones_are_dotted_inside_their_regions(atlas):
    fig = build_figure(atlas, muscles(atlas, ("trap", "left")), None, ("front",))
    dots = trace(fig, "Upper trapezius: dots")
    assert dots.hoverinfo == "skip" and len(dots.lon) >= 3
    jaw = atlas.regions["jaw-left"].outline
    for lon, lat in zip(dots.lon, dots.lat, strict=True):
        assert geometry.contains(jaw, to_frame(("front",), "front", lon, lat))


def test_essential_zones_are_solid_and_spillover_light(atlas):
    fig = build_figure(atlas, muscles(atlas, ("trap", "left")), None, ("front",))
    solid = trace(fig, "Upper trapezius: pain often felt here").colorscale[0][1]
    light = trace(fig, "Upper trapezius: pain sometimes felt here").colorscale[0][1]
    assert alpha(solid) >= 0.7 and alpha(light) <= 0.3


def test_several_muscles_differ_in_colour_marker_and_number(atlas):
    fig = build_figure(atlas, muscles(atlas, "trap", ("scm", "left")), None, ("front",))
    trap = trace(fig, "1. Upper trapezius: trigger points")
    scm = trace(fig, "2. Scm: trigger points")
    assert trap.marker.color != scm.marker.color and trap.marker.symbol != scm.marker.symbol
    assert set(trap.text) == {"1"} and set(scm.text) == {"2"}
    assert len(trap.lon) == 2 and len(scm.lon) == 2  # both sides of trap in one trace, one style
    assert set(trace(fig, "2. Scm: pain often felt here").locations) == {"neck-left", "ear-left"}
    assert list(trace(fig, "2. Scm: pain sometimes felt here").locations) == ["sternum"]
    legend = [t.name for t in fig.data if t.showlegend]
    assert "Pain often felt here (solid)" in legend and "Pain sometimes felt here (dotted)" in legend


def test_unknown_muscles_and_sides_are_ignored(atlas):
    ghost = MuscleLayer("nope", "Nope", "muscle", 1, ("temple-left",), (), ())
    fig = build_figure(atlas, Overlay(layers=(ghost,), highlight=("no-such-region",)), None, ("front",))
    assert names(fig) == names(base_figure(atlas, ("front",)))


def test_highlighted_regions_are_outlined_and_hatched(atlas):
    overlay = Overlay(highlight=("ear-right", "sternum", "unknown"))
    fig = build_figure(atlas, overlay, None, ("front",), highlight_label="Where it hurts")
    zone = trace(fig, HIGHLIGHT_NAME)
    assert trace(fig, "Where it hurts").showlegend
    assert set(zone.locations) == {"ear-right", "sternum"}
    assert zone.marker.line.color == palette.HIGHLIGHT
    hatch = trace(fig, "Highlight hatching")
    pts = [(lon, lat) for lon, lat in zip(hatch.lon, hatch.lat, strict=True) if lon is not None]
    assert len(pts) >= 4
    shapes = [atlas.regions[r].outline for r in ("ear-right", "sternum")]
    for a, b in zip(pts[::2], pts[1::2], strict=True):
        mid = to_frame(("front",), "front", (a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
        assert any(geometry.contains(s, mid) for s in shapes)


def test_the_focus_point_is_drawn_larger(atlas):
    fig = build_figure(atlas, muscles(atlas, ("scm", "left")), None, ("front",), focus_point=("scm", "tp2"))
    sizes = list(trace(fig, "Scm: trigger points").marker.size)
    assert sizes[1] > sizes[0]


def test_a_chosen_region_draws_under_an_overlay_without_hiding_it(atlas):
    """The chosen region's colour comes from below the body, so overlay zones (drawn above it) stay visible."""
    fig = build_figure(atlas, muscles(atlas, ("trap", "left")), "temple-left", ("front",))
    order = [t.name for t in fig.data]
    assert _chosen(fig) == ["temple-left"]
    assert order.index("Upper trapezius: pain often felt here") > order.index(BASE_NAME) > order.index(UNDERLAY_NAME)


def test_build_does_not_change_the_shared_base(real_atlas):
    base = base_figure(real_atlas)
    before = base.to_json()
    overlay = Overlay(layers=muscles(real_atlas, ("upper-trapezius", "left")).layers, highlight=("sacrum",),
                      pain=(("calf-right", 6),))
    fig = build_figure(real_atlas, overlay, "calf-left", base=base)
    assert base.to_json() == before
    assert len(fig.data) > len(base.data)
    fig.layout.meta = {"drawn": 3}  # callers may change their copy (the map view does)
    fig.data[0].marker.line.width = 9
    assert base.to_json() == before


def test_every_muscle_of_the_shipped_atlas_draws(real_atlas):
    base = base_figure(real_atlas)
    for muscle in real_atlas.muscles:
        fig = build_figure(real_atlas, muscle_overlay(real_atlas, muscle), None, base=base)
        points = trace(fig, f"{real_atlas.muscles[muscle].name}: trigger points")
        assert len(points.lon) == 2 * len(real_atlas.muscles[muscle].trigger_points)


@pytest.mark.parametrize("view", ["front", "back"])
def test_each_views_json_stays_under_150_kb(real_atlas, view):
    layers = muscles(real_atlas, *list(real_atlas.muscles)[:4]).layers
    region = next(r for r in real_atlas.regions.values() if r.view == view)
    ids = list(real_atlas.regions)
    overlay = Overlay(layers=layers, highlight=tuple(ids[::3]), pain=tuple((r, 5) for r in ids[1::7]))
    size = len(plotly.io.to_json(build_figure(real_atlas, overlay, region.id, (view,)), validate=False))
    assert size < 150_000, size


# The shared overlay spec (bodymap.reference.overlay): numbers, pain, points in a region ------------------------


def test_layers_keep_their_number_as_on_the_handout(atlas):
    both = Overlay(layers=(layer(atlas, "trap", "primary", 1), layer(atlas, "scm", "also", 2)))
    fig = build_figure(atlas, both, None, ("front",))
    two = trace(fig, "2. Scm: trigger points")
    assert set(two.text) == {"2"} and two.mode == "markers+text"
    # One layer alone (a presentation step) is not numbered, but keeps its number's style.
    step = Overlay(layers=(both.layers[1],))
    alone = trace(build_figure(atlas, step, None, ("front",)), "Scm: trigger points")
    assert alone.text is None and alone.mode == "markers"
    assert (alone.marker.color, alone.marker.symbol) == (two.marker.color, two.marker.symbol)
    assert alone.marker.color != trace(fig, "1. Upper trapezius: trigger points").marker.color


def test_marked_pain_is_filled_by_level_outlined_dashed_and_labelled(atlas):
    overlay = Overlay(pain=(("jaw-left", 2), ("ear-left", 9), ("sternum", None)), highlight=("jaw-left", "neck-left"))
    fig = build_figure(atlas, overlay, None, ("front",))
    fills = {tuple(t.locations): alpha(t.colorscale[0][1]) for t in fig.data if t.name.startswith(PAIN_NAME + " (")}
    assert fills == {("jaw-left",): pain_opacity(2), ("ear-left",): pain_opacity(9), ("sternum",): pain_opacity(None)}
    assert pain_opacity(2) < pain_opacity(None) < pain_opacity(9)
    assert all(t.hoverinfo == "skip" for t in fig.data if t.name.startswith(PAIN_NAME + " ("))
    outline = trace(fig, f"{PAIN_NAME} outline")
    assert outline.line.dash == "dash" and outline.line.color == palette.PAIN
    levels = trace(fig, PAIN_LEVELS_NAME)
    assert list(levels.customdata) == ["jaw-left", "ear-left", "sternum"]
    assert list(levels.text) == ["<b>2</b>", "<b>9</b>", ""]
    assert levels.hovertext[1] == "Ear (left): pain marked here, 9 out of 10"
    assert levels.hovertext[2] == "Sternum: pain marked here"
    for rid, lon, lat in zip(levels.customdata, levels.lon, levels.lat, strict=True):
        assert geometry.contains(atlas.regions[rid].outline, to_frame(("front",), "front", lon, lat))
    # A marked place is drawn in the pain style only: the highlight keeps the other places.
    assert list(trace(fig, HIGHLIGHT_NAME).locations) == ["neck-left"]
    assert trace(fig, PAIN_LEGEND).showlegend


def test_pain_colour_stands_out_on_both_themes_and_the_body():
    for background in (*palette.BACKGROUNDS, palette.BODY_FILL):
        assert palette.contrast_ratio(palette.PAIN, background) >= 3.0, background


def test_a_regions_trigger_points_are_marked_without_zones(atlas):
    fig = build_figure(atlas, region_overlay(atlas, "neck-left"), "neck-left", ("front",))
    points = trace(fig, LOOSE_POINTS_NAME)
    assert sorted(points.hovertext) == ["Scm — Point 2", "Upper trapezius — Point 1"]
    assert set(points.customdata) == {"neck-left"}
    assert points.hoverinfo == "skip"  # hover and taps reach the region under the marks
    assert list(trace(fig, HIGHLIGHT_NAME).locations) == ["neck-left"]
    assert not [t for t in fig.data if "often felt" in t.name]
    sizes = dict(zip(points.hovertext, points.marker.size, strict=True))
    focused = build_figure(atlas, region_overlay(atlas, "neck-left"), None, ("front",), focus_point=("scm", "tp2"))
    big = dict(zip(trace(focused, LOOSE_POINTS_NAME).hovertext, trace(focused, LOOSE_POINTS_NAME).marker.size,
                   strict=True))
    assert big["Scm — Point 2"] > sizes["Scm — Point 2"] == big["Upper trapezius — Point 1"]


def test_ranked_candidates_are_drawn_over_the_marked_pain(atlas):
    pain = {"temple-left": 7, "neck-left": None}
    candidates = rank_candidates(atlas, pain)
    fig = build_figure(atlas, pain_overlay(atlas, pain, candidates), None, ("front",))
    for i, c in enumerate(candidates, start=1):
        assert trace(fig, f"{i}. {c.name}: trigger points").showlegend
    assert list(trace(fig, PAIN_LEVELS_NAME).customdata) == ["temple-left", "neck-left"]
    assert HIGHLIGHT_NAME not in names(fig)


def test_every_condition_of_the_shipped_atlas_draws_its_muscles_numbered(real_atlas):
    base = base_figure(real_atlas)
    for cid in real_atlas.conditions:
        overlay = condition_overlay(real_atlas, cid)
        fig = build_figure(real_atlas, overlay, None, base=base, highlight_label="Where it is usually felt")
        marks = [t.name for t in fig.data if t.name.endswith(": trigger points")]
        if len(overlay.layers) > 1:
            assert marks == [f"{lay.number}. {lay.name}: trigger points" for lay in overlay.layers], cid
        else:
            assert marks == [f"{overlay.layers[0].name}: trigger points"], cid
        # the places it is felt, as the body views draw them (a finer place shows on its parent)
        felt = shown_ids(real_atlas, ("front", "back"), overlay.highlight)
        assert set(trace(fig, HIGHLIGHT_NAME).locations) <= set(felt)

