"""Plane geometry on region outlines, on shapely 2: the one geometry module of the app.

Outlines are sequences of (x, y) points, not closed (the first point is not repeated). `shape`
turns one into a prepared shapely polygon once (cached: the same outlines come back on every
click), and the functions below answer in plain tuples and floats.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

import numpy as np
import shapely

Pt = tuple[float, float]
Polygon = Sequence[Pt]

#: Each view's frame, in body units: x from -60 to 60, y from 0 (soles) to 200 (top of head).
X_MIN, X_MAX, Y_MIN, Y_MAX = -60.0, 60.0, 0.0, 200.0
#: Areas below this (square body units) count as zero.
EPS_AREA = 1e-6


def shape(poly: Polygon) -> shapely.Polygon:
    """The outline as a prepared shapely polygon (cached)."""
    return _shape(tuple((float(x), float(y)) for x, y in poly))


@functools.lru_cache(maxsize=4096)
def _shape(poly: tuple[Pt, ...]) -> shapely.Polygon:
    p = shapely.Polygon(poly)
    shapely.prepare(p)
    return p


def shapes(polys: Sequence[Polygon]) -> np.ndarray:
    """Outlines as an array of prepared shapely polygons, for `first_containing`."""
    return np.array([shape(p) for p in polys], dtype=object)


def first_containing(polys: np.ndarray, pt: Pt) -> int | None:
    """The index of the first of the polygons (`shapes`) that holds `pt` strictly inside, or None: one
    vectorised test over all of them."""
    if not len(polys):
        return None
    hits = np.flatnonzero(shapely.contains_xy(polys, pt[0], pt[1]))
    return int(hits[0]) if hits.size else None


def signed_area(poly: Polygon) -> float:
    """Shoelace area: positive when the outline runs counter-clockwise.

    Hand-written: shapely's area has no sign, and building the ring to ask `is_ccw` is ten times
    slower on the base figure's path (docs/geometry.md).
    """
    n = len(poly)
    return 0.5 * sum(poly[i][0] * poly[(i + 1) % n][1] - poly[(i + 1) % n][0] * poly[i][1] for i in range(n))


def contains(poly: Polygon, pt: Pt) -> bool:
    """True when `pt` lies strictly inside `poly` (not on its edge)."""
    return bool(shapely.contains_xy(shape(poly), pt[0], pt[1]))


def inside(poly: Polygon, pts: Sequence[Pt], margin: float = 0.0) -> list[Pt]:
    """The points strictly inside `poly` and at least `margin` from its edge, in their order."""
    if not pts:
        return []
    p = shape(poly)
    xy = np.asarray(pts, dtype=float)
    keep = shapely.contains_xy(p, xy[:, 0], xy[:, 1])
    if margin > 0:
        keep &= shapely.distance(p.exterior, shapely.points(xy)) >= margin
    return [pts[i] for i in np.flatnonzero(keep)]


def interior_point(poly: Polygon) -> Pt:
    """A point strictly inside `poly`, near the middle of its widest part (shapely's representative point).

    Used to place labels and to aim clicks in tests.
    """
    pt = shape(poly).representative_point()
    return (pt.x, pt.y)


def bounds(poly: Polygon) -> tuple[float, float, float, float]:
    """(x_min, y_min, x_max, y_max)."""
    return tuple(shape(poly).bounds)


def in_frame(poly: Polygon) -> bool:
    """True when the outline lies inside the view's frame."""
    x0, y0, x1, y1 = bounds(poly)
    return x0 >= X_MIN and x1 <= X_MAX and y0 >= Y_MIN and y1 <= Y_MAX


def mirror(poly: Polygon) -> tuple[Pt, ...]:
    """Mirror across the centre line (x -> -x), keeping the outline's winding direction."""
    return tuple((-x, y) for x, y in reversed(poly))


def outline_problem(poly: Polygon) -> str | None:
    """Why the outline cannot be a region (no area, or it crosses or touches itself), or None."""
    p = shape(poly)
    if p.convex_hull.area < EPS_AREA:
        return "outline has zero area (its points lie on one line)"
    if p.is_valid:
        return None if p.area >= EPS_AREA else "outline has zero area"
    reason = shapely.is_valid_reason(p)  # e.g. "Self-intersection[12.8 132]"
    at = re.search(r"\[(\S+) (\S+)\]", reason)
    where = f" at ({float(at[1]):g}, {float(at[2]):g})" if at else ""
    if "Self-intersection" in reason:
        return f"outline crosses itself{where}"
    return f"outline is not a simple polygon ({reason})"


def union_rings(polys: Iterable[Polygon]) -> list[list[Pt]]:
    """The boundary of the polygons' union as closed rings (first point repeated): each part's outer
    ring, then its holes."""
    union = shapely.unary_union([shape(p) for p in polys])
    return [[(x, y) for x, y in ring.coords]
            for part in shapely.get_parts(union) if not part.is_empty
            for ring in (part.exterior, *part.interiors)]


def union_parts(polys: Iterable[Polygon]) -> list[list[list[Pt]]]:
    """The polygons' union as parts, each [outer ring, *holes], closed; outer rings clockwise, holes
    counter-clockwise (signed area < 0 and > 0)."""
    union = shapely.unary_union([shape(p) for p in polys])
    return [[[(x, y) for x, y in ring.coords] for ring in (part.exterior, *part.interiors)]
            for part in shapely.get_parts(union) if not part.is_empty
            for part in [shapely.geometry.polygon.orient(part, -1.0)]]


def clip(poly: Polygon, box: tuple[float, float, float, float]) -> tuple[Pt, ...] | None:
    """The part of an outline inside a box (x0, x1, y0, y1), counter-clockwise and not closed; the largest
    piece when the box cuts it in several; None when nothing is inside."""
    x0, x1, y0, y1 = box
    part = shape(poly).intersection(shapely.box(x0, y0, x1, y1))
    pieces = [g for g in getattr(part, "geoms", [part]) if isinstance(g, shapely.Polygon) and not g.is_empty]
    if not pieces:
        return None
    ring = shapely.geometry.polygon.orient(max(pieces, key=lambda g: g.area), 1.0).exterior.coords[:-1]
    return tuple((round(x, 3), round(y, 3)) for x, y in ring)
