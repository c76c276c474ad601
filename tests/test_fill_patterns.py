"""Dot grids, hatch lines and the silhouette edge, on simple shapes."""

from __future__ import annotations

import math

from bodymap.content import geometry
from bodymap.drawing.fill_patterns import dot_grid, hatch_segments, outer_edges

SQUARE = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]
L_SHAPE = [(0.0, 0.0), (10.0, 0.0), (10.0, 4.0), (4.0, 4.0), (4.0, 10.0), (0.0, 10.0)]


def test_dots_fill_the_inside_evenly_and_keep_off_the_edges():
    dots = dot_grid(L_SHAPE, 2.0)
    assert len(dots) >= 8
    assert all(geometry.contains(L_SHAPE, d) for d in dots)
    assert all(min(x, y, 10 - x, 10 - y) >= 2.0 / 3 - 1e-9 for x, y in dots)
    nearest = [min(math.dist(a, b) for b in dots if b != a) for a in dots]
    assert min(nearest) >= 1.9


def test_a_region_too_small_for_the_grid_still_gets_one_dot():
    tiny = [(0.0, 0.0), (0.8, 0.0), (0.8, 0.8), (0.0, 0.8)]
    dots = dot_grid(tiny, 3.0)
    assert len(dots) == 1 and geometry.contains(tiny, dots[0])


def test_hatch_segments_are_diagonal_and_inside():
    segs = hatch_segments(L_SHAPE, 1.5)
    assert len(segs) >= 8
    for (x0, y0), (x1, y1) in segs:
        assert abs((y1 - y0) - (x1 - x0)) < 1e-9  # along y = x + c
        assert geometry.contains(L_SHAPE, ((x0 + x1) / 2, (y0 + y1) / 2))


def test_hatch_lines_split_at_a_concave_notch():
    # A U shape: the line y = x - 2 crosses the bottom bar from (2, 0) to (5, 3), leaves it into the
    # gap, and enters the right arm at (6, 4) up to (9, 7): two pieces.
    u_shape = [(0.0, 0.0), (9.0, 0.0), (9.0, 9.0), (6.0, 9.0), (6.0, 3.0), (3.0, 3.0), (3.0, 9.0), (0.0, 9.0)]
    segs = [s for s in hatch_segments(u_shape, 1.0) if abs((s[0][1] - s[0][0]) - (-2.0)) < 1e-9]
    assert [tuple(map(tuple, s)) for s in segs] == [((2.0, 0.0), (5.0, 3.0)), ((6.0, 4.0), (9.0, 7.0))]


def test_outer_edges_drop_shared_borders():
    left = [(0.0, 0.0), (5.0, 0.0), (5.0, 5.0), (0.0, 5.0)]
    right = [(5.0, 5.0), (5.0, 0.0), (10.0, 0.0), (10.0, 5.0)]  # clockwise: orientation does not matter
    paths = outer_edges([left, right])
    assert len(paths) == 1
    ring = paths[0]
    assert ring[0] == ring[-1] and len(ring) == 7
    assert set(ring) == {(0.0, 0.0), (5.0, 0.0), (10.0, 0.0), (10.0, 5.0), (5.0, 5.0), (0.0, 5.0)}
    assert abs(geometry.signed_area(ring[:-1])) == 50.0  # the union, not the shared edge


def test_outer_edges_follow_the_union_across_t_junctions_and_holes():
    # b's vertex (5, 2) sits on a's edge: the union still has one outline, without the inner border.
    a = [(0.0, 0.0), (5.0, 0.0), (5.0, 5.0), (0.0, 5.0)]
    b = [(5.0, 0.0), (10.0, 0.0), (10.0, 5.0), (5.0, 5.0), (5.0, 2.0)]
    (ring,) = outer_edges([a, b])
    assert abs(geometry.signed_area(ring[:-1])) == 50.0 and all(x in (0.0, 10.0) or y in (0.0, 5.0) for x, y in ring)
    # Eight squares around a missing one: the outline is the outer ring and the hole's ring.
    squares = [[(x, y), (x + 1.0, y), (x + 1.0, y + 1.0), (x, y + 1.0)]
               for x in (0.0, 1.0, 2.0) for y in (0.0, 1.0, 2.0) if (x, y) != (1.0, 1.0)]
    assert sorted(abs(geometry.signed_area(r[:-1])) for r in outer_edges(squares)) == [1.0, 9.0]


def test_the_shipped_silhouettes_are_one_closed_ring_per_view(real_atlas):
    # As tests/test_region_tiling.py checks on the raw data: one loop per view, no gaps or holes.
    for view in ("front", "back"):
        paths = outer_edges(r.outline for r in real_atlas.regions.values() if r.view == view)
        assert len(paths) == 1, f"{view}: {len(paths)} outline loops (tiling gaps?)"
        assert paths[0][0] == paths[0][-1], view
