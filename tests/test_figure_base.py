"""The static body map, built without a server: regions, ids, rings, views, labels and the silhouette."""

from __future__ import annotations

import math

import pytest
import shapely
from figure_helpers import ring_area, small_atlas, to_frame, trace

from bodymap.drawing.figure import BASE_NAME, DEG_PER_UNIT, base_figure, to_lonlat, view_offsets


@pytest.fixture
def atlas(make_atlas):
    return small_atlas(make_atlas)


def test_every_region_is_one_location_carrying_its_id(atlas):
    fig = base_figure(atlas, ("front",))
    body = trace(fig, BASE_NAME)
    ids = list(atlas.regions)
    assert list(body.locations) == ids
    assert list(body.customdata) == ids
    assert [f["id"] for f in body.geojson["features"]] == ids
    assert list(body.text) == [atlas.regions[r].label for r in ids]
    assert body.featureidkey == "id" and "%{text}" in body.hovertemplate


def test_rings_are_closed_clockwise_and_follow_the_outline(atlas):
    fig = base_figure(atlas, ("front",))
    for feature in trace(fig, BASE_NAME).geojson["features"]:
        ring = feature["geometry"]["coordinates"][0]
        assert ring[0] == ring[-1]
        assert ring_area(ring) < 0, "plotly geo fills the outside of counter-clockwise rings"
        outline = atlas.regions[feature["id"]].outline
        back = {tuple(round(c, 6) for c in to_frame(("front",), "front", *p)) for p in ring}
        assert back == {tuple(round(c, 6) for c in p) for p in outline}


def test_the_frame_maps_to_lonlat_with_one_scale_and_views_side_by_side(real_atlas):
    views = ("front", "back")
    (x0, y0), (x1, y1) = to_lonlat(views, "front", (0, 0)), to_lonlat(views, "front", (10, 10))
    assert x1 - x0 == pytest.approx(y1 - y0)  # same scale on both axes: shapes are not distorted
    lons = {v: [to_lonlat(views, r.view, p)[0] for r in real_atlas.regions.values() if r.view == v
                for p in r.outline] for v in views}
    assert max(lons["front"]) < min(lons["back"])
    geo = base_figure(real_atlas, views).layout.geo
    assert geo.projection.type == "equirectangular" and geo.visible is False
    assert geo.lonaxis.range[0] < min(lons["front"]) and geo.lonaxis.range[1] > max(lons["back"])


def test_right_side_regions_mirror_the_left_side(real_atlas):
    fig = base_figure(real_atlas)
    rings = {f["id"]: f["geometry"]["coordinates"][0] for f in trace(fig, BASE_NAME).geojson["features"]}
    pairs = [r for r in real_atlas.regions.values() if r.side == "left" and r.view in ("front", "back")]
    assert len(pairs) > 30
    for left in pairs:
        right_id = f"{left.base_id}-right"
        centre = view_offsets(("front", "back"))[left.view] * DEG_PER_UNIT
        mirrored = {(round(2 * centre - lon, 6), round(lat, 6)) for lon, lat in rings[left.id]}
        assert mirrored == {(round(lon, 6), round(lat, 6)) for lon, lat in rings[right_id]}, left.id


def test_views_are_titled_and_left_right_labelled_from_the_persons_side(real_atlas):
    views = ("front", "back")
    labels = trace(base_figure(real_atlas, views), "Labels")
    placed = list(zip(labels.text, labels.lon, strict=True))
    centre = {v: view_offsets(views)[v] * DEG_PER_UNIT for v in views}
    texts = [t for t, _ in placed]
    assert "<b>Front</b>" in texts and "<b>Back</b>" in texts
    lefts = sorted(lon for t, lon in placed if t == "Left")
    rights = sorted(lon for t, lon in placed if t == "Right")
    # Front: the person's left is on the viewer's right. Back: on the viewer's left.
    assert lefts[0] > centre["front"] and rights[0] < centre["front"]
    assert lefts[1] < centre["back"] and rights[1] > centre["back"]


def test_one_view_draws_only_its_regions(real_atlas):
    for view in ("front", "back"):
        body = trace(base_figure(real_atlas, (view,)), BASE_NAME)
        assert set(body.locations) == {r.id for r in real_atlas.regions.values() if r.view == view}


@pytest.mark.parametrize("views", [(), ("side",), ("front", "front"), ("front", "back", "front")])
def test_bad_views_are_refused(atlas, views):
    with pytest.raises(ValueError):
        base_figure(atlas, views)


def test_no_axes_zoom_or_background(real_atlas):
    fig = base_figure(real_atlas)
    assert fig.layout.dragmode is False
    assert fig.layout.paper_bgcolor == "rgba(0,0,0,0)" and fig.layout.geo.bgcolor == "rgba(0,0,0,0)"
    assert fig.layout.geo.showframe is False


def test_silhouette_outline_follows_the_outer_edge_only(real_atlas):
    views = ("front",)
    outline = trace(base_figure(real_atlas, views), "Front outline")
    pts = [None if lon is None else to_frame(views, "front", lon, lat)
           for lon, lat in zip(outline.lon, outline.lat, strict=True)]
    segments = [(a, b) for a, b in zip(pts, pts[1:], strict=False) if a is not None and b is not None]
    assert len(segments) > 50
    regions = [r for r in real_atlas.regions.values() if r.view == "front"]
    edges = [shapely.LinearRing(r.outline) for r in regions]
    for a, b in segments:
        mid = shapely.Point((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
        # On exactly one region's edge: a border between two regions would lie on both of theirs.
        assert int((shapely.distance(edges, mid) < 1e-6).sum()) == 1, (a, b)
    # ... and the whole outer edge is drawn, as one closed loop as long as the union's outline.
    assert pts[0] == pts[-2] and pts.count(None) == 1
    union = shapely.unary_union([shapely.Polygon(r.outline) for r in regions])
    assert sum(math.dist(a, b) for a, b in segments) == pytest.approx(union.exterior.length)
