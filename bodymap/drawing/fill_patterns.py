"""Patterns drawn inside region outlines (dots, hatch lines) and the silhouette's outer edge.

Pure plane geometry in body units, so the map can tell zones apart without relying on colour.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from bodymap.content import geometry
from bodymap.content.geometry import Polygon, Pt

Segment = tuple[Pt, Pt]


def dot_grid(poly: Polygon, spacing: float) -> list[Pt]:
    """Points of a staggered grid that lie inside `poly`, at least `spacing / 3` from its edges.

    A region too small for any grid point gets its interior point, so every region shows a dot.
    """
    x0, y0, x1, y1 = geometry.bounds(poly)
    margin = spacing / 3
    out = []
    row = 0
    y = y0 + spacing / 2
    while y < y1:
        x = x0 + (spacing / 2 if row % 2 else spacing)
        while x < x1:
            if geometry.contains(poly, (x, y)) and _edge_distance(poly, (x, y)) >= margin:
                out.append((x, y))
            x += spacing
        y += spacing * math.sqrt(3) / 2
        row += 1
    return out or [geometry.interior_point(poly)]


def hatch_segments(poly: Polygon, spacing: float) -> list[Segment]:
    """Pieces of the diagonal lines y = x + c (c a multiple of `spacing`) that lie inside `poly`."""
    vs = [y - x for x, y in poly]
    us = [x + y for x, y in poly]
    n = len(poly)
    out = []
    c = math.floor(min(vs) / spacing) * spacing
    while c <= max(vs):
        crossings = []
        for i in range(n):
            v0, v1 = vs[i], vs[(i + 1) % n]
            if (v0 > c) != (v1 > c):
                u0, u1 = us[i], us[(i + 1) % n]
                crossings.append(u0 + (c - v0) * (u1 - u0) / (v1 - v0))
        crossings.sort()
        for a, b in zip(crossings[::2], crossings[1::2], strict=False):
            out.append((((a - c) / 2, (a + c) / 2), ((b - c) / 2, (b + c) / 2)))
        c += spacing
    return out


def outer_edges(polygons: Iterable[Polygon]) -> list[list[Pt]]:
    """The outline of the union of tiling polygons, as closed paths (first point repeated).

    Edges shared by two polygons (same two vertices) are inner borders and are dropped; the rest
    are chained end to end.
    """
    counts: dict[frozenset[Pt], int] = {}
    directed: list[Segment] = []
    for poly in polygons:
        ring = _ccw([_key(p) for p in poly])
        for i in range(len(ring)):
            a, b = ring[i], ring[(i + 1) % len(ring)]
            if a == b:
                continue
            directed.append((a, b))
            k = frozenset((a, b))
            counts[k] = counts.get(k, 0) + 1
    nexts: dict[Pt, list[Pt]] = {}
    for a, b in directed:
        if counts[frozenset((a, b))] == 1:
            nexts.setdefault(a, []).append(b)
    paths = []
    while nexts:
        start = next(iter(nexts))
        path = [start]
        cur = start
        while cur in nexts:
            nxt = nexts[cur].pop()
            if not nexts[cur]:
                del nexts[cur]
            path.append(nxt)
            cur = nxt
            if cur == start:
                break
        paths.append(path)
    return paths


def _key(p: Pt) -> Pt:
    return (round(p[0], 6) + 0.0, round(p[1], 6) + 0.0)


def _ccw(ring: Sequence[Pt]) -> list[Pt]:
    return list(ring) if geometry.signed_area(ring) > 0 else list(reversed(ring))


def _edge_distance(poly: Polygon, pt: Pt) -> float:
    n = len(poly)
    return min(_segment_distance(pt, poly[i], poly[(i + 1) % n]) for i in range(n))


def _segment_distance(p: Pt, a: Pt, b: Pt) -> float:
    ax, ay = b[0] - a[0], b[1] - a[1]
    length2 = ax * ax + ay * ay
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * ax + (p[1] - a[1]) * ay) / length2))
    return math.hypot(p[0] - a[0] - t * ax, p[1] - a[1] - t * ay)
