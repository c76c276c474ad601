"""Geometry checks for data/regions.yaml: the regions must tile one body silhouette per view.

The file is read with yaml.safe_load directly (no dependency on the app's loader), and
`side: both` regions are mirrored here (x -> -x) into their right-side twins.
"""

from collections import Counter, defaultdict
from pathlib import Path

import pytest
import yaml

REGIONS_FILE = Path(__file__).resolve().parents[1] / "data" / "regions.yaml"
VIEWS = ("front", "back")
# Each view is drawn as one connected silhouette (arms touch the trunk at the armpit, legs
# meet at the crotch), so its outer boundary is exactly one closed loop.
EXPECTED_OUTER_LOOPS = {"front": 1, "back": 1}
X_RANGE = (-60.0, 60.0)
Y_RANGE = (0.0, 200.0)


def signed_area(poly):
    s = 0.0
    for i, (x1, y1) in enumerate(poly):
        x2, y2 = poly[(i + 1) % len(poly)]
        s += x1 * y2 - x2 * y1
    return s / 2.0


def _orient(a, b, c):
    v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    return (v > 1e-12) - (v < -1e-12)


def _on_segment(a, b, p):
    return min(a[0], b[0]) - 1e-12 <= p[0] <= max(a[0], b[0]) + 1e-12 and \
        min(a[1], b[1]) - 1e-12 <= p[1] <= max(a[1], b[1]) + 1e-12


def segments_intersect(p1, p2, p3, p4):
    """True if closed segments p1p2 and p3p4 share at least one point."""
    o1, o2 = _orient(p1, p2, p3), _orient(p1, p2, p4)
    o3, o4 = _orient(p3, p4, p1), _orient(p3, p4, p2)
    if o1 != o2 and o3 != o4:
        return True
    if o1 == 0 and _on_segment(p1, p2, p3):
        return True
    if o2 == 0 and _on_segment(p1, p2, p4):
        return True
    if o3 == 0 and _on_segment(p3, p4, p1):
        return True
    return bool(o4 == 0 and _on_segment(p3, p4, p2))


def simplicity_problems(poly):
    """Return a list of problems that make the polygon non-simple."""
    n = len(poly)
    problems = []
    if len(set(poly)) != n:
        problems.append("repeated vertex")
    for i in range(n):
        a, b = poly[i], poly[(i + 1) % n]
        if a == b:
            problems.append(f"zero-length edge at {a}")
            continue
        for j in range(i + 1, n):
            if j == i or (j + 1) % n == i or j == (i + 1) % n:
                # adjacent edges: they may only share their common vertex (no fold-back)
                if j == (i + 1) % n:
                    c = poly[(j + 1) % n]
                    if _orient(a, b, c) == 0 and (c[0] - b[0]) * (a[0] - b[0]) + (c[1] - b[1]) * (a[1] - b[1]) > 0:
                        problems.append(f"edge folds back at {b}")
                continue
            c, d = poly[j], poly[(j + 1) % n]
            if segments_intersect(a, b, c, d):
                problems.append(f"edges {a}-{b} and {c}-{d} intersect")
    return problems


def point_in_polygon(x, y, poly):
    inside = False
    n = len(poly)
    for i in range(n):
        x1, y1 = poly[i]
        x2, y2 = poly[(i + 1) % n]
        if (y1 > y) != (y2 > y):
            xi = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            if x < xi:
                inside = not inside
    return inside


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


def ccw(poly):
    return poly if signed_area(poly) > 0 else poly[::-1]


def edge_problems(regions):
    """Edges of each (counter-clockwise) polygon must be shared reversed by exactly one other
    region, or lie on the outer silhouette. Returns (problems, outer directed edges)."""
    owners = defaultdict(list)
    for r in regions:
        poly = ccw(r["outline"])
        for i, a in enumerate(poly):
            owners[(a, poly[(i + 1) % len(poly)])].append(r["id"])
    problems = []
    outer = []
    for (a, b), ids in owners.items():
        if len(ids) > 1:
            problems.append(f"edge {a}->{b} used in the same direction by {ids} (overlap)")
        rev = owners.get((b, a), [])
        if len(rev) > 1:
            continue  # reported from the other direction
        if not rev:
            outer.append((a, b))
    return problems, outer


def count_loops(outer_edges):
    """Number of closed loops formed by the outer edges; raises AssertionError if they do not
    form clean loops (every vertex one edge in, one edge out)."""
    nxt = {}
    indeg = Counter()
    for a, b in outer_edges:
        assert a not in nxt, f"silhouette branches at {a}"
        nxt[a] = b
        indeg[b] += 1
    for v in nxt:
        assert indeg[v] == 1, f"silhouette vertex {v} has {indeg[v]} incoming outer edges"
    seen = set()
    loops = 0
    for start in nxt:
        if start in seen:
            continue
        loops += 1
        v = start
        while v not in seen:
            seen.add(v)
            assert v in nxt, f"silhouette is open at {v}"
            v = nxt[v]
        assert v == start, f"silhouette loop does not close at {start}"
    return loops


def overlap_problems(regions, step=0.5):
    """Sample a grid of points; each may lie in at most one region."""
    boxes = []
    for r in regions:
        xs = [p[0] for p in r["outline"]]
        ys = [p[1] for p in r["outline"]]
        boxes.append((min(xs), max(xs), min(ys), max(ys), r))
    problems = []
    nx = int((X_RANGE[1] - X_RANGE[0]) / step)
    ny = int((Y_RANGE[1] - Y_RANGE[0]) / step)
    for i in range(nx + 1):
        # offset by a quarter step so samples never sit exactly on the 0.1-unit vertex grid
        x = X_RANGE[0] + i * step + step / 4
        cands = [bx for bx in boxes if bx[0] <= x <= bx[1]]
        for j in range(ny + 1):
            y = Y_RANGE[0] + j * step + step / 4
            hits = [bx[4]["id"] for bx in cands if bx[2] <= y <= bx[3] and point_in_polygon(x, y, bx[4]["outline"])]
            if len(hits) > 1:
                problems.append(f"({x:.2f}, {y:.2f}) lies in {hits}")
    return problems


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
    with open(REGIONS_FILE, encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)["regions"]
    signs = {r["id"]: signed_area([tuple(p) for p in r["outline"]]) > 0 for r in raw}
    assert len(set(signs.values())) == 1, f"mixed orientations: {signs}"


@pytest.mark.parametrize("view", VIEWS)
def test_edges_shared_exactly_or_on_silhouette(view):
    problems, outer = edge_problems(by_view(view))
    assert not problems, "\n".join(problems[:30])
    # vertices in the middle of a neighbour's edge (T-junctions) show up as unmatched inner
    # edges; they would break the single-loop check below, and are caught here as well:
    verts = Counter(a for a, _ in outer)
    assert all(c == 1 for c in verts.values()), "outer boundary visits a vertex twice"


@pytest.mark.parametrize("view", VIEWS)
def test_outer_boundary_is_expected_number_of_loops(view):
    _, outer = edge_problems(by_view(view))
    assert count_loops(outer) == EXPECTED_OUTER_LOOPS[view]


@pytest.mark.parametrize("view", VIEWS)
def test_no_overlaps(view):
    problems = overlap_problems(by_view(view))
    assert not problems, f"{len(problems)} overlapping samples, e.g.\n" + "\n".join(problems[:20])


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
    probs, outer = edge_problems(good)
    assert not probs and count_loops(outer) == 1
    # gap between two squares -> two loops
    apart = [dict(id="a", outline=_square(0, 0)), dict(id="b", outline=_square(3, 0))]
    assert count_loops(edge_problems(apart)[1]) == 2
    # T-junction (neighbour's vertex not matched) -> outer boundary not clean
    tj = [dict(id="a", outline=[(0, 0), (2, 0), (2, 2), (0, 2)]),
          dict(id="b", outline=[(2, 0), (4, 0), (4, 2), (2, 2), (2, 1)])]
    with pytest.raises(AssertionError):
        count_loops(edge_problems(tj)[1])
    # overlap
    ov = [dict(id="a", outline=_square(0, 0)), dict(id="b", outline=_square(1, 1))]
    assert overlap_problems(ov)
    # self-intersection (bow tie)
    assert simplicity_problems([(0, 0), (2, 2), (2, 0), (0, 2)])
    assert not simplicity_problems(_square(0, 0))
