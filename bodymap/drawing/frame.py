"""Where things sit on the map: each view's frame in body units, mapped linearly to lon/lat.

Each view's frame (x -60..60, y 0..200, body units) maps to lon/lat with the same scale on both
axes, so shapes are not distorted; views shown together sit side by side.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable, Sequence

from bodymap.content import geometry
from bodymap.content.atlas import Atlas, Region
from bodymap.content.geometry import Pt
from bodymap.content.views import ALL_VIEWS, BODY_VIEWS, body_view, crop_box

VIEWS = BODY_VIEWS
#: Degrees of lon/lat per body unit. Small, so the map stays near the equator where plotly's
#: great-circle edges are straight to well under a pixel.
DEG_PER_UNIT = 0.1
#: Distance between the centre lines of two views shown side by side, in body units.
VIEW_SPACING = 100.0
#: Where the "Left"/"Right" labels and the view title sit in each view's frame.
SIDE_LABEL_AT = (31.0, 182.0)
#: The view title sits this far above the highest point drawn in its view.
TITLE_ABOVE = 11.0
#: Empty space around the body, in body units.
FRAME_MARGIN = 2.0
DIGITS = 4


def check_views(views: Sequence[str]) -> tuple[str, ...]:
    """The views as a tuple; raises ValueError unless they are known views (front, back, close-ups), once each."""
    views = tuple(views)
    if not views or len(set(views)) != len(views) or not set(views) <= set(ALL_VIEWS):
        raise ValueError(f"views must be some of {ALL_VIEWS}, each once; got {views!r}")
    return views


def view_offsets(views: Sequence[str]) -> dict[str, float]:
    """Horizontal shift of each view's frame (body units), centring the views side by side."""
    views = check_views(views)
    n = len(views)
    return {v: (i - (n - 1) / 2) * VIEW_SPACING for i, v in enumerate(views)}


def to_lonlat(views: Sequence[str], view: str, pt: Pt) -> tuple[float, float]:
    """A point of a view's frame as (lon, lat) on the figure's geo."""
    offset = view_offsets(views)[view]
    return (round((pt[0] + offset) * DEG_PER_UNIT, DIGITS), round((pt[1] - 100.0) * DEG_PER_UNIT, DIGITS))


def shown_regions(atlas: Atlas, views: Sequence[str]) -> list[Region]:
    """The places drawn in the given views (view by view, in atlas order), each as drawn in its view."""
    return [in_view(atlas.regions[rid], view) for view in views for rid in atlas.drawn(view)]


def in_view(region: Region, view: str) -> Region:
    """A region as drawn in one of its views (its `view` and `outline` those of that drawing)."""
    return region if region.view == view else _in_view(region, view)


@functools.lru_cache(maxsize=4096)
def _in_view(region: Region, view: str) -> Region:
    outline = region.outline_in(view)
    if outline is None:
        raise KeyError(f"{region.id!r} is not drawn in the {view!r} view")
    return dataclasses.replace(region, view=view, outline=outline)


def drawn_as(atlas: Atlas, region_id: str, views: Sequence[str]) -> Region:
    """A region as drawn in the first of `views` that draws it."""
    region = atlas.regions[region_id]
    return in_view(region, next(v for v in views if region_id in atlas.drawn(v)))


def ring(views: Sequence[str], region: Region) -> list[list[float]]:
    """The region's outline as a closed lon/lat ring, clockwise (plotly geo fills the outside of
    counter-clockwise outer rings)."""
    return [list(p) for p in _ring_cached(tuple(views), region.view, region.outline)]


@functools.lru_cache(maxsize=4096)
def _ring_cached(views: tuple[str, ...], view: str, outline: tuple[Pt, ...]) -> tuple[tuple[float, float], ...]:
    pts = list(outline)
    if geometry.signed_area(pts) > 0:
        pts.reverse()
    lonlat = [to_lonlat(views, view, p) for p in pts]
    return tuple(lonlat + [lonlat[0]])


def region_geojson(atlas: Atlas, region_ids: Iterable[str], views: Sequence[str]) -> dict:
    """A GeoJSON FeatureCollection of the given regions; each feature's id is the region id."""
    features = []
    for rid in region_ids:
        region = drawn_as(atlas, rid, views)
        features.append({"type": "Feature", "id": rid, "properties": {},
                         "geometry": {"type": "Polygon", "coordinates": [ring(views, region)]}})
    return {"type": "FeatureCollection", "features": features}


def silhouette_geojson(regions: Sequence[Region], views: Sequence[str]) -> dict:
    """A GeoJSON FeatureCollection with one feature per view (id `silhouette-<view>`): the union of its
    regions, holes kept, so a fill of it shows only where the body is."""
    features = []
    for view in views:
        parts = geometry.union_parts(r.outline for r in regions if r.view == view)
        coords = [[[list(to_lonlat(views, view, p)) for p in ring] for ring in part] for part in parts]
        features.append({"type": "Feature", "id": f"silhouette-{view}", "properties": {},
                         "geometry": {"type": "MultiPolygon", "coordinates": coords}})
    return {"type": "FeatureCollection", "features": features}


def lines(views: Sequence[str], view: str, paths: Iterable[Sequence[Pt]]) -> tuple[list, list]:
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


def geo_ranges(regions: Sequence[Region], views: Sequence[str]) -> tuple[list[float], list[float]]:
    """lon and lat ranges framing the drawn body and its labels with a small margin.

    Explicit ranges (rather than fitbounds) also set the geo frame's aspect ratio to the body's,
    so the body fills the chart's height instead of a 2:1 world frame.
    """
    xs = [to_lonlat(views, v, (x, 0))[0] for v in views for x in _x_extent(regions, v)]
    xs += [to_lonlat(views, v, (s * (SIDE_LABEL_AT[0] + 8), 0))[0] for v in views if v in BODY_VIEWS for s in (-1, 1)]
    # a crop keeps its "Left" / "Right" inside its box (see `side_labels`)
    pad = FRAME_MARGIN * DEG_PER_UNIT
    y_lo = min(_y_extent(regions, v)[0] for v in views)
    lat_lo = to_lonlat(views, views[0], (0, y_lo - FRAME_MARGIN))[1]
    lat_hi = to_lonlat(views, views[0], (0, max(title_y(regions, v) for v in views) + 5))[1]
    return [round(min(xs) - pad, DIGITS), round(max(xs) + pad, DIGITS)], [lat_lo, lat_hi]


def _extent(regions: Sequence[Region], view: str, axis: int) -> tuple[float, float]:
    """Lowest and highest x (axis 0) or y (axis 1) drawn in a view: a crop's box, or its outlines'."""
    box = crop_box(view)
    if box:
        return box[2 * axis], box[2 * axis + 1]
    values = [p[axis] for r in regions if r.view == view for p in r.outline]
    return min(values), max(values)


def _x_extent(regions: Sequence[Region], view: str) -> tuple[float, float]:
    return _extent(regions, view, 0)


def _y_extent(regions: Sequence[Region], view: str) -> tuple[float, float]:
    return _extent(regions, view, 1)


def title_y(regions: Sequence[Region], view: str) -> float:
    """Height of a view's title: just above the highest point drawn in the view (or its crop)."""
    return _y_extent(regions, view)[1] + TITLE_ABOVE


def side_labels(view: str) -> tuple[Pt, Pt]:
    """Where the person's "Left" and "Right" go in a body view or crop (front: left on the viewer's right).

    Beside the head in a whole view; in the empty top corners of an upper-body crop; in the bottom
    corners (beside the feet) of a legs crop."""
    left_sign = 1 if body_view(view) == "front" else -1
    box = crop_box(view)
    if box is None:
        x, y = SIDE_LABEL_AT
    else:
        x, y = box[1] - 5, (box[3] - 6 if box[2] > 0 else box[2] + 4)
    return (left_sign * x, y), (-left_sign * x, y)
