"""Plane geometry on region outlines: pure functions on tuples of (x, y) points."""

from __future__ import annotations

from collections.abc import Sequence

Pt = tuple[float, float]
Polygon = Sequence[Pt]

#: Each view's frame, in body units: x from -60 to 60, y from 0 (soles) to 200 (top of head).
X_MIN, X_MAX, Y_MIN, Y_MAX = -60.0, 60.0, 0.0, 200.0


def signed_area(poly: Polygon) -> float:
    """Shoelace area: positive when the outline runs counter-clockwise."""
    n = len(poly)
    return 0.5 * sum(
        poly[i][0] * poly[(i + 1) % n][1] - poly[(i + 1) % n][0] * poly[i][1] for i in range(n)
    )


def centroid(poly: Polygon) -> Pt:
    """Area centroid of a simple polygon (the vertex mean if the area is zero)."""
    a = signed_area(poly)
    n = len(poly)
    if abs(a) < 1e-12:
        return (sum(p[0] for p in poly) / n, sum(p[1] for p in poly) / n)
    cx = cy = 0.0
    for i in range(n):
        (x0, y0), (x1, y1) = poly[i], poly[(i + 1) % n]
        cross = x0 * y1 - x1 * y0
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return (cx / (6 * a), cy / (6 * a))


def contains(poly: Polygon, pt: Pt) -> bool:
    """True when `pt` lies strictly inside `poly` (even-odd ray casting)."""
    x, y = pt
    inside = False
    n = len(poly)
    for i in range(n):
        (x0, y0), (x1, y1) = poly[i], poly[(i + 1) % n]
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def mirror(poly: Polygon) -> tuple[Pt, ...]:
    """Mirror across the centre line (x -> -x), keeping the outline's winding direction."""
    return tuple((-x, y) for x, y in reversed(poly))


def mirror_point(pt: Pt) -> Pt:
    """Mirror one point across the centre line."""
    return (-pt[0], pt[1])


def bounds(poly: Polygon) -> tuple[float, float, float, float]:
    """(x_min, y_min, x_max, y_max)."""
    xs = [p[0] for p in poly]
    ys = [p[1] for p in poly]
    return (min(xs), min(ys), max(xs), max(ys))


def in_frame(poly: Polygon) -> bool:
    """True when every vertex lies inside the view's frame."""
    return all(X_MIN <= x <= X_MAX and Y_MIN <= y <= Y_MAX for x, y in poly)


def _cross(o: Pt, a: Pt, b: Pt) -> float:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _segments_cross(p1: Pt, p2: Pt, p3: Pt, p4: Pt) -> bool:
    d1, d2 = _cross(p3, p4, p1), _cross(p3, p4, p2)
    d3, d4 = _cross(p1, p2, p3), _cross(p1, p2, p4)
    return ((d1 > 0) != (d2 > 0)) and ((d3 > 0) != (d4 > 0)) and 0 not in (d1, d2, d3, d4)


def self_intersection(poly: Polygon) -> tuple[int, int] | None:
    """Indices of two non-adjacent edges that cross, or None for a simple outline.

    A sweep over the edges sorted by their lowest y only compares edges whose y ranges overlap.
    """
    n = len(poly)
    edges = []
    for i in range(n):
        a, b = poly[i], poly[(i + 1) % n]
        edges.append((min(a[1], b[1]), max(a[1], b[1]), min(a[0], b[0]), max(a[0], b[0]), i))
    edges.sort()
    for k, (_, y_hi, x_lo, x_hi, i) in enumerate(edges):
        for y_lo2, _, x_lo2, x_hi2, j in edges[k + 1:]:
            if y_lo2 > y_hi:
                break
            if x_lo2 > x_hi or x_hi2 < x_lo or abs(i - j) in (1, n - 1):
                continue
            if _segments_cross(poly[i], poly[(i + 1) % n], poly[j], poly[(j + 1) % n]):
                return (min(i, j), max(i, j))
    return None


def interior_point(poly: Polygon) -> Pt:
    """A point well inside `poly`: the centroid if inside, else the widest horizontal chord's middle.

    Used to place labels and to aim clicks in tests; always strictly inside a simple polygon.
    """
    c = centroid(poly)
    if contains(poly, c):
        best, best_w = c, _chord_width(poly, c)
    else:
        best, best_w = c, -1.0
    y0, _, y1 = bounds(poly)[1], None, bounds(poly)[3]
    for k in range(1, 20):
        y = y0 + (y1 - y0) * k / 20
        xs = sorted(_crossings(poly, y))
        for a, b in zip(xs[::2], xs[1::2], strict=False):
            if b - a > best_w:
                best, best_w = ((a + b) / 2, y), b - a
    return best


def _crossings(poly: Polygon, y: float) -> list[float]:
    out = []
    n = len(poly)
    for i in range(n):
        (x0, y0), (x1, y1) = poly[i], poly[(i + 1) % n]
        if (y0 > y) != (y1 > y):
            out.append(x0 + (y - y0) * (x1 - x0) / (y1 - y0))
    return out


def _chord_width(poly: Polygon, pt: Pt) -> float:
    xs = sorted(_crossings(poly, pt[1]))
    for a, b in zip(xs[::2], xs[1::2], strict=False):
        if a <= pt[0] <= b:
            return min(pt[0] - a, b - pt[0]) * 2
    return -1.0
