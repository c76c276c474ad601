"""bodymap.content.geometry: area and orientation, containment, outline problems, interior points,
the union's outline, and the fill patterns built on them, on small shapes."""

from __future__ import annotations

import pytest

from bodymap.content import geometry
from bodymap.drawing.fill_patterns import dot_grid, hatch_segments, outer_edges

SQUARE = [(0.0, 0.0), (4.0, 0.0), (4.0, 4.0), (0.0, 4.0)]
# A C shape opening to the right: its centroid (about (2.2, 5)) lies in the notch, outside the shape.
C_SHAPE = [(0.0, 0.0), (8.0, 0.0), (8.0, 3.0), (3.0, 3.0), (3.0, 7.0), (8.0, 7.0), (8.0, 10.0), (0.0, 10.0)]


def test_signed_area_is_positive_counter_clockwise_and_negative_clockwise():
    assert geometry.signed_area(SQUARE) == 16.0
    assert geometry.signed_area(SQUARE[::-1]) == -16.0
    assert geometry.signed_area(C_SHAPE) == 80.0 - 20.0
    assert geometry.signed_area(geometry.mirror(C_SHAPE)) == 60.0  # mirroring keeps the winding


def test_contains_is_strict_and_handles_the_notch():
    assert geometry.contains(C_SHAPE, (1.0, 5.0))
    assert not geometry.contains(C_SHAPE, (5.0, 5.0))  # in the notch
    assert not geometry.contains(C_SHAPE, (0.0, 5.0))  # on the edge
    assert not geometry.contains(C_SHAPE, (3.0, 3.0))  # on a vertex
    assert geometry.contains([list(p) for p in SQUARE], (2, 2))  # lists work as well as tuples


def test_inside_keeps_the_points_inside_and_off_the_edge_in_order():
    pts = [(1.0, 1.0), (0.2, 2.0), (5.0, 5.0), (1.0, 9.0), (2.0, 5.0)]
    assert geometry.inside(C_SHAPE, pts) == [(1.0, 1.0), (0.2, 2.0), (1.0, 9.0), (2.0, 5.0)]
    assert geometry.inside(C_SHAPE, pts, margin=0.5) == [(1.0, 1.0), (1.0, 9.0), (2.0, 5.0)]
    assert geometry.inside(C_SHAPE, []) == []


def test_bounds_and_frame():
    assert geometry.bounds(C_SHAPE) == (0.0, 0.0, 8.0, 10.0)
    assert geometry.in_frame([(-60.0, 0.0), (60.0, 0.0), (0.0, 200.0)])
    assert not geometry.in_frame([(-60.0, 0.0), (61.0, 0.0), (0.0, 200.0)])


@pytest.mark.parametrize(("outline", "message"), [
    (SQUARE, None),
    (C_SHAPE, None),
    ([(0.0, 0.0), (4.0, 0.0), (4.0, 4.0), (4.0, 4.0), (0.0, 4.0)], None),  # a repeated point is harmless
    ([(0, 0), (2, 2), (2, 0), (0, 2)], "outline crosses itself at (1, 1)"),  # a bow tie
    ([(2, 120), (20, 140), (20, 120), (2, 150)], "outline crosses itself at (12.8, 132)"),
    ([(0, 0), (4, 0), (4, 4), (2, 0), (0, 4)], "outline crosses itself at (2, 0)"),  # touches itself
    ([(0, 0), (4, 0), (4, 4), (4, 2), (4, 6), (0, 4)], "outline crosses itself at (4, 4)"),  # folds back
    ([(2, 120), (20, 120), (30, 120)], "outline has zero area (its points lie on one line)"),
    ([(0, 0), (1, 1), (0, 0)], "outline has zero area (its points lie on one line)"),
])
def test_outline_problems_name_the_fault_and_where(outline, message):
    assert geometry.outline_problem(outline) == message


def test_the_interior_point_lies_inside_concave_shapes():
    u_shape = [(0.0, 0.0), (9.0, 0.0), (9.0, 9.0), (6.0, 9.0), (6.0, 3.0), (3.0, 3.0), (3.0, 9.0), (0.0, 9.0)]
    thin_l = [(0.0, 0.0), (20.0, 0.0), (20.0, 0.5), (0.5, 0.5), (0.5, 20.0), (0.0, 20.0)]
    for shape in (C_SHAPE, u_shape, thin_l, SQUARE):
        assert geometry.contains(shape, geometry.interior_point(shape)), shape


def test_dots_and_hatch_stay_inside_a_concave_shape():
    dots = dot_grid(C_SHAPE, 1.2)
    assert len(dots) > 20 and geometry.inside(C_SHAPE, dots, margin=0.4 - 1e-9) == dots
    segs = hatch_segments(C_SHAPE, 0.8)
    assert len(segs) > 10
    for a, b in segs:  # every piece lies inside: its middle and points near both ends
        for t in (0.01, 0.5, 0.99):
            assert geometry.contains(C_SHAPE, (a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])))


def test_the_union_outline_of_a_tiling_is_one_loop():
    left = [(0.0, 0.0), (4.0, 0.0), (4.0, 10.0), (0.0, 10.0)]
    right = [(4.0, 0.0), (8.0, 0.0), (8.0, 10.0), (4.0, 10.0)]
    (ring,) = geometry.union_rings([left, right])
    assert ring[0] == ring[-1] and abs(geometry.signed_area(ring[:-1])) == 80.0
    assert outer_edges([left, right]) == [ring]
    assert len(geometry.union_rings([left, [(9.0, 0.0), (10.0, 0.0), (10.0, 1.0)]])) == 2  # apart: two loops
