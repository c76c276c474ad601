"""Patterns drawn inside region outlines (dots, hatch lines) and the silhouette's outer edge.

Plane geometry in body units, shared by the on-screen map and the PDF handout, so zones can be told
apart without relying on colour. Containment, edge distance and the union go through
`bodymap.content.geometry` (shapely); the hatch stays a hand-written scanline: it is exact, and five
times faster than intersecting the lines with shapely (docs/geometry.md).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from bodymap.content import geometry
from bodymap.content.geometry import Polygon, Pt

Segment = tuple[Pt, Pt]


def dot_grid(poly: Polygon, spacing: float) -> list[Pt]:
    """Points of a staggered grid that lie inside `poly`, at least `spacing / 3` from its edges.

    A region too small for any grid point gets its interior point, so every region shows a dot.
    """
    x0, y0, x1, y1 = geometry.bounds(poly)
    grid = []
    row = 0
    y = y0 + spacing / 2
    while y < y1:
        x = x0 + (spacing / 2 if row % 2 else spacing)
        while x < x1:
            grid.append((x, y))
            x += spacing
        y += spacing * math.sqrt(3) / 2
        row += 1
    return geometry.inside(poly, grid, margin=spacing / 3) or [geometry.interior_point(poly)]


def hatch_segments(poly: Polygon, spacing: float) -> list[Segment]:
    """Pieces of the diagonal lines y = x + c (c a multiple of `spacing`) that lie inside `poly`.

    A scanline in the rotated frame v = y - x, u = x + y: each line v = c crosses the edges at
    sorted u values, and the pieces inside run from the 1st to the 2nd crossing, the 3rd to the 4th...
    """
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
            if b > a:  # a line through a corner only touches it: no piece
                out.append((((a - c) / 2, (a + c) / 2), ((b - c) / 2, (b + c) / 2)))
        c += spacing
    return out


def outer_edges(polygons: Iterable[Polygon]) -> list[list[Pt]]:
    """The outline of the union of tiling polygons, as closed paths (first point repeated).

    Borders between the polygons are not part of it; a tiling without gaps gives one ring.
    """
    return geometry.union_rings(polygons)
