"""Geometry checks for data/regions.yaml: the regions must tile one body silhouette per view.

The file is read with yaml.safe_load directly (no dependency on the app's loader), and
`side: both` regions are mirrored here (x -> -x) into their right-side twins. The checks are exact,
on shapely polygons: validity, pairwise overlap areas, the union's rings and shared vertices.
"""

from pathlib import Path

import numpy as np
import pytest
import shapely
import yaml

REGIONS_FILE = Path(__file__).resolve().parents[1] / "data" / "regions.yaml"
VIEWS = ("front", "back")
# Each view is drawn as one connected silhouette (arms touch the trunk at the armpit, legs
# meet at the crotch) without holes, so the outline of its union is exactly one closed loop.
EXPECTED_OUTER_LOOPS = {"front": 1, "back": 1}
X_RANGE = (-60.0, 60.0)
Y_RANGE = (0.0, 200.0)
#: Overlap areas and distances below these count as zero (vertices sit on a 0.1-unit grid).
EPS_AREA = 1e-9
EPS_DIST = 1e-9


def signed_area(poly):
    p = shapely.Polygon(poly)
    return p.area if p.exterior.is_ccw else -p.area


def simplicity_problems(poly):
    """Problems that make the outline something other than a simple polygon."""
    problems = []
    if len(set(poly)) != len(poly):
        problems.append("repeated vertex")
    p = shapely.Polygon(poly)
    if not p.is_valid:
        problems.append(shapely.is_valid_reason(p))  # e.g. "Self-intersection[1 1]" (crossing, touch, fold-back)
    return problems


def load_regions(path=REGIONS_FILE):
    """Expanded regions: list of dicts with id, base, view, side, outline (tuples)."""
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    out = []
    for r in data["regions"]:
        pts = [tuple(float(v) for v in p) for p in r["outline"]]
        if r["side"] == "both":
            out.append(dict(id=r["id"] + "-left", base=r["id"], view=r["view"], side="left", outline=pts))
            out.append(dict(id=r["id"] + "-right", base=r["id"], view=r["view"], side="right",
                            outline=[(-x + 0.0, y) for x, y in pts]))
        else:
            out.append(dict(id=r["id"], base=r["id"], view=r["view"], side=r["side"], outline=pts))
    return out


def _neighbours(regions):
    """Shapes of the regions and the pairs (i < j) whose shapes touch or overlap."""
    shapes = [shapely.Polygon(r["outline"]) for r in regions]
    left, right = shapely.STRtree(shapes).query(shapes, predicate="intersects")
    return shapes, [(i, j) for i, j in zip(left.tolist(), right.tolist(), strict=True) if i < j]


def overlap_problems(regions):
    """Every pair of regions whose interiors overlap, with the overlap's exact area."""
    shapes, pairs = _neighbours(regions)
    problems = []
    for i, j in pairs:
        area = shapes[i].intersection(shapes[j]).area
        if area > EPS_AREA:
            problems.append(f"{regions[i]['id']} and {regions[j]['id']} overlap by {area:.4g}")
    return problems


def junction_problems(regions):
    """Neighbours meet vertex to vertex: a vertex of one region on another's edge is a vertex of both
    (no T-junctions), so every shared border is the same chain of points on both sides."""
    shapes, pairs = _neighbours(regions)
    problems = []
    for i, j in pairs:
        for a, b in ((i, j), (j, i)):
            pts = regions[a]["outline"]
            on_edge = shapely.distance(shapes[b].exterior, shapely.points(pts)) < EPS_DIST
            theirs = set(regions[b]["outline"])
            problems += [f"{regions[a]['id']} vertex {pts[k]} lies on an edge of {regions[b]['id']}"
                         for k in np.flatnonzero(on_edge) if pts[k] not in theirs]
    return problems


def silhouette(regions):
    """The union of the regions' shapes."""
    return shapely.unary_union([shapely.Polygon(r["outline"]) for r in regions])


def count_loops(union):
    """Closed loops of the union's outline: each part's outer ring and its holes."""
    return sum(1 + len(part.interiors) for part in shapely.get_parts(union))


# ---------------------------------------------------------------------------------------------

ALL = load_regions()


def by_view(view):
    return [r for r in ALL if r["view"] == view]


def test_every_view_has_regions():
    for view in VIEWS:
        assert by_view(view), f"no regions in the {view} view"
    assert {r["view"] for r in ALL} <= set(VIEWS)


@pytest.mark.parametrize("view", VIEWS)
def test_polygons_simple_with_area_inside_bounds(view):
    problems = []
    for r in by_view(view):
        poly = r["outline"]
        if len(poly) < 3:
            problems.append(f"{r['id']}: fewer than 3 points")
            continue
        if poly[0] == poly[-1]:
            problems.append(f"{r['id']}: closed (first point repeated)")
        if abs(signed_area(poly)) <= 0.5:
            problems.append(f"{r['id']}: area {signed_area(poly):.2f} too small")
        for x, y in poly:
            if not (X_RANGE[0] <= x <= X_RANGE[1] and Y_RANGE[0] <= y <= Y_RANGE[1]):
                problems.append(f"{r['id']}: point {(x, y)} out of bounds")
        problems += [f"{r['id']}: {p}" for p in simplicity_problems(poly)]
    assert not problems, "\n".join(problems[:30])


def test_outlines_written_in_one_orientation():
    # As written in the file: the right-side twins are mirrored copies.
    signs = {r["base"]: signed_area(r["outline"]) > 0 for r in ALL if r["side"] != "right"}
    assert len(set(signs.values())) == 1, f"mixed orientations: {signs}"


@pytest.mark.parametrize("view", VIEWS)
def test_neighbours_share_their_border_vertex_for_vertex(view):
    problems = junction_problems(by_view(view))
    assert not problems, "\n".join(problems[:30])


@pytest.mark.parametrize("view", VIEWS)
def test_the_union_is_one_silhouette_without_holes(view):
    union = silhouette(by_view(view))
    assert union.geom_type == "Polygon", f"{view}: {len(shapely.get_parts(union))} separate pieces"
    assert count_loops(union) == EXPECTED_OUTER_LOOPS[view], f"{view}: {len(union.interiors)} holes (gaps)"


@pytest.mark.parametrize("view", VIEWS)
def test_no_overlaps(view):
    regions = by_view(view)
    problems = overlap_problems(regions)
    assert not problems, f"{len(problems)} overlapping pairs:\n" + "\n".join(problems[:20])
    total = sum(abs(signed_area(r["outline"])) for r in regions)
    assert total == pytest.approx(silhouette(regions).area, abs=1e-6)  # the regions add up to the body


@pytest.mark.parametrize("view", VIEWS)
def test_left_regions_on_the_persons_left(view):
    # front: the person's left is x > 0; back: x < 0. Points on the centre line are allowed.
    sign = 1 if view == "front" else -1
    bad = []
    for r in by_view(view):
        if r["side"] in ("left", "right"):
            want = sign if r["side"] == "left" else -sign
            xs = [x for x, _ in r["outline"]]
            if any(x * want < 0 for x in xs):
                bad.append(r["id"])
    assert not bad, f"regions on the wrong side of x = 0: {bad}"


@pytest.mark.parametrize("view", VIEWS)
def test_midline_regions_symmetric(view):
    bad = []
    for r in by_view(view):
        if r["side"] == "midline":
            pts = set(r["outline"])
            mirrored = {(-x + 0.0, y) for x, y in pts}
            if pts != mirrored or not any(x > 0 for x, _ in pts) or not any(x < 0 for x, _ in pts):
                bad.append(r["id"])
    assert not bad, f"midline regions not symmetric about x = 0: {bad}"


# --- the checks themselves must be able to fail -------------------------------------------------

def _square(x0, y0, s=2.0):
    return [(x0, y0), (x0 + s, y0), (x0 + s, y0 + s), (x0, y0 + s)]


def test_checks_detect_broken_data():
    good = [dict(id="a", outline=_square(0, 0)), dict(id="b", outline=[(2, 0), (4, 0), (4, 2), (2, 2)])]
    assert not overlap_problems(good) and not junction_problems(good) and count_loops(silhouette(good)) == 1
    # gap between two squares -> two loops
    apart = [dict(id="a", outline=_square(0, 0)), dict(id="b", outline=_square(3, 0))]
    assert count_loops(silhouette(apart)) == 2
    # a ring of squares around a missing one -> a hole: outer loop plus inner loop
    ring = [dict(id=f"{x},{y}", outline=_square(x, y)) for x in (0, 2, 4) for y in (0, 2, 4) if (x, y) != (2, 2)]
    assert not overlap_problems(ring) and count_loops(silhouette(ring)) == 2
    # T-junction: b's vertex (2, 1) lies in the middle of a's edge
    tj = [dict(id="a", outline=[(0, 0), (2, 0), (2, 2), (0, 2)]),
          dict(id="b", outline=[(2, 0), (4, 0), (4, 2), (2, 2), (2, 1)])]
    assert junction_problems(tj) == ["b vertex (2, 1) lies on an edge of a"]
    # overlaps, down to one a sampling grid would miss (0.05 x 2 units)
    ov = [dict(id="a", outline=_square(0, 0)), dict(id="b", outline=_square(1, 1))]
    assert overlap_problems(ov) == ["a and b overlap by 1"]
    sliver = [dict(id="a", outline=_square(0, 0)), dict(id="b", outline=_square(1.95, 0))]
    assert overlap_problems(sliver) == ["a and b overlap by 0.1"]
    # self-intersection (bow tie), a fold-back spike, a repeated vertex
    assert simplicity_problems([(0, 0), (2, 2), (2, 0), (0, 2)]) == ["Self-intersection[1 1]"]
    assert simplicity_problems([(0, 0), (4, 0), (4, 4), (4, 2), (4, 6), (0, 4)])
    assert simplicity_problems([(0, 0), (2, 0), (2, 0), (2, 2)]) == ["repeated vertex"]
    assert not simplicity_problems(_square(0, 0))
