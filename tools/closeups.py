"""Generate the close-up views (data/views/*.yaml) from shared named points and curves.

Five close-up base views are drawn for the person's LEFT side, in the same frame as the body
views (x in [-60, 60], y in [0, 200], y up); the app mirrors them (x -> -x) into `<view>-left`
and `<view>-right`:

    head       the head and neck in profile, seen from the left (the face towards x < 0)
    hand-palm  the left hand, palm towards the viewer, fingers up (the thumb towards x > 0)
    hand-back  the left hand, back towards the viewer, fingers up (the thumb towards x < 0)
    foot-top   the left foot from above, toes up (the big toe towards x > 0)
    foot-sole  the left sole, toes up, heel down (the big toe towards x < 0), and the Achilles
               tendon as a strip past the heel, as if the heel were seen from behind and below

The named-points approach
-------------------------
Every view is a `Sheet`: a set of named points and of curves between named points.

* A named point is where three places meet, or where a boundary between two places leaves the
  outer silhouette. Its coordinates are rounded to 0.1 once, when it is defined.
* A curve joins two named points: a straight line, or a centripetal Catmull-Rom spline through
  extra (unnamed) control points. It is sampled about every `STEP` units and every sample is
  rounded to 0.1 once, so a curve is one fixed list of vertices.
* The silhouette is one closed spline through named points and control points (control points
  marked with `C(x, y)` are sharp corners: the spline breaks there); it is cut into curves at its
  named points.
* A place is a cycle of named points; between two consecutive names the place uses the one curve
  registered for that pair (in either direction). Two neighbours therefore walk the very same
  vertex list along their common edge, and every junction is a vertex of all places that meet
  there: shared edges are exact by construction, with no T-junctions.
* A container (a body region split into finer places in this view) is computed from its
  children: the curves used by exactly one child form its outline.

Outlines are written counter-clockwise (y up), not closed. Running this file rewrites
data/views/<view>.yaml for all five views after checking the rules the app relies on (no
overlaps, one outline loop without holes per view, containers tiled exactly by their children,
and a 9 x 9 axis-aligned square inside every drawn place). `--preview DIR` also renders labelled
PNG previews (needs Pillow).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import shapely
from shapely.geometry import Polygon
from shapely.ops import polylabel

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "data" / "views"
STEP = 2.5  # spline sampling distance, frame units
MIN_SQUARE = 9.0  # every drawn place must hold an axis-aligned square this large (>= 24 px on a phone)
X_RANGE = (-60.0, 60.0)
Y_RANGE = (0.0, 200.0)


def _r(v: float) -> float:
    v = float(round(v, 1))
    return 0.0 if v == 0 else v


class C(tuple):
    """A sharp corner control point of a silhouette: C(x, y)."""

    def __new__(cls, x: float, y: float):
        return super().__new__(cls, (x, y))


# ---------------------------------------------------------------------------------------------
# splines
# ---------------------------------------------------------------------------------------------


def _cr_point(p0, p1, p2, p3, u: float):
    """Centripetal Catmull-Rom point between p1 (u=0) and p2 (u=1)."""

    def knot(t, a, b):
        d = math.dist(a, b) ** 0.5
        return t + max(d, 1e-6)

    t0 = 0.0
    t1 = knot(t0, p0, p1)
    t2 = knot(t1, p1, p2)
    t3 = knot(t2, p2, p3)
    t = t1 + u * (t2 - t1)

    def lerp(a, b, ta, tb):
        wa, wb = (tb - t) / (tb - ta), (t - ta) / (tb - ta)
        return (wa * a[0] + wb * b[0], wa * a[1] + wb * b[1])

    a1, a2, a3 = lerp(p0, p1, t0, t1), lerp(p1, p2, t1, t2), lerp(p2, p3, t2, t3)
    b1, b2 = lerp(a1, a2, t0, t2), lerp(a2, a3, t1, t3)
    return lerp(b1, b2, t1, t2)


def _open_spline(ctrl: list[tuple[float, float]], step: float) -> tuple[list[tuple[float, float]], list[int]]:
    """Sample an open spline through ctrl; returns the samples and the index of each control point
    among them (control points are kept exactly)."""
    if len(ctrl) == 2:
        return list(ctrl), [0, 1]
    first = (2 * ctrl[0][0] - ctrl[1][0], 2 * ctrl[0][1] - ctrl[1][1])
    last = (2 * ctrl[-1][0] - ctrl[-2][0], 2 * ctrl[-1][1] - ctrl[-2][1])
    ext = [first, *ctrl, last]
    out: list[tuple[float, float]] = []
    marks: list[int] = []
    for i in range(len(ctrl) - 1):
        p0, p1, p2, p3 = ext[i], ext[i + 1], ext[i + 2], ext[i + 3]
        k = max(1, math.ceil(math.dist(p1, p2) / step))
        marks.append(len(out))
        out.append(p1)
        out.extend(_cr_point(p0, p1, p2, p3, j / k) for j in range(1, k))
    marks.append(len(out))
    out.append(ctrl[-1])
    return out, marks


# ---------------------------------------------------------------------------------------------
# sheets: named points, curves, places
# ---------------------------------------------------------------------------------------------


@dataclass
class Sheet:
    view: str
    points: dict[str, tuple[float, float]] = field(default_factory=dict)
    curves: dict[tuple[str, str], list[tuple[float, float]]] = field(default_factory=dict)
    # a drawing is designed in its own units and placed in the frame by x' = sx*x + dx, y' = sy*y + dy
    place_in_frame: tuple[float, float, float, float] = (1.0, 0.0, 1.0, 0.0)

    def _xf(self, x: float, y: float) -> tuple[float, float]:
        sx, dx, sy, dy = self.place_in_frame
        return (sx * x + dx, sy * y + dy)

    def point(self, name: str, x: float, y: float) -> None:
        if name in self.points:
            raise ValueError(f"{self.view}: point {name} defined twice")
        x, y = self._xf(x, y)
        self.points[name] = (_r(x), _r(y))

    def _add_curve(self, a: str, b: str, pts: list[tuple[float, float]]) -> None:
        if (a, b) in self.curves or (b, a) in self.curves:
            raise ValueError(f"{self.view}: a second curve between {a} and {b}")
        clean: list[tuple[float, float]] = []
        for x, y in pts:
            q = (_r(x), _r(y))
            if not clean or q != clean[-1]:
                clean.append(q)
        clean[0], clean[-1] = self.points[a], self.points[b]
        if len(clean) > 2 and clean[-2] == clean[-1]:
            clean.pop(-2)
        self.curves[(a, b)] = clean

    def _resolve(self, item):
        """-> (coords, name or None, is_corner)"""
        if isinstance(item, str):
            corner = item.startswith("!")
            name = item.lstrip("!")
            return self.points[name], name, corner
        return self._xf(float(item[0]), float(item[1])), None, isinstance(item, C)

    def path(self, *seq, step: float = STEP, closed: bool = False) -> None:
        """A spline through seq (point names, '!name' for a corner, (x, y) / C(x, y) control points),
        cut into curves at the named points. Open paths must start and end at named points; a closed
        path is one smooth loop unless it has corners (then it breaks at each corner)."""
        items = [self._resolve(s) for s in seq]
        if not closed and not (items[0][1] and items[-1][1]):
            raise ValueError(f"{self.view}: an open path must start and end at named points")
        samples: list[tuple[float, float]] = []
        marks: list[int] = []
        if closed and not any(it[2] for it in items):
            coords, n = [it[0] for it in items], len(items)
            for i in range(n):
                p0, p1, p2, p3 = coords[i - 1], coords[i], coords[(i + 1) % n], coords[(i + 2) % n]
                marks.append(len(samples))
                samples.append(p1)
                k = max(1, math.ceil(math.dist(p1, p2) / step))
                samples.extend(_cr_point(p0, p1, p2, p3, j / k) for j in range(1, k))
        else:
            if closed:  # start at a corner; the loop becomes an open path back to it
                start = next(i for i, it in enumerate(items) if it[2])
                items = items[start:] + items[:start] + [items[start]]
            run = [0]
            for i in range(1, len(items)):
                run.append(i)
                if items[i][2] or i == len(items) - 1:
                    pts, idx = _open_spline([items[j][0] for j in run], step)
                    base = len(samples) - 1 if samples else 0
                    if samples:
                        samples.pop()
                        marks.pop()
                    marks.extend(base + k for k in idx)
                    samples.extend(pts)
                    run = [i]
            if closed:
                items, samples, marks = items[:-1], samples[:-1], marks[:-1]
        named = [(marks[i], it[1]) for i, it in enumerate(items) if it[1]]
        pairs = list(zip(named, named[1:], strict=False))
        if closed:
            pairs.append((named[-1], named[0]))
        for (ia, a), (ib, b) in pairs:
            seg = samples[ia : ib + 1] if ib > ia else samples[ia:] + samples[: ib + 1]
            self._add_curve(a, b, seg)

    def line(self, *seq, step: float = STEP) -> None:
        """An inner boundary: from a named point, through control points, to a named point."""
        self.path(*seq, step=step)

    def curve(self, a: str, b: str) -> list[tuple[float, float]]:
        if (a, b) in self.curves:
            return self.curves[(a, b)]
        if (b, a) in self.curves:
            return self.curves[(b, a)][::-1]
        raise KeyError(f"{self.view}: no curve between {a} and {b}")

    def ccw_cycle(self, names: list[str]) -> list[str]:
        """The cycle of names, reversed if needed so that its outline runs counter-clockwise."""
        if _signed_area(self._walk(names)) < 0:
            names = [names[0], *names[:0:-1]]
        return names

    def _walk(self, names: list[str]) -> list[tuple[float, float]]:
        out: list[tuple[float, float]] = []
        for a, b in zip(names, names[1:] + names[:1], strict=True):
            out.extend(self.curve(a, b)[:-1])
        return out

    def outline(self, names: list[str]) -> list[tuple[float, float]]:
        return self._walk(self.ccw_cycle(names))

    def union_cycle(self, cycles: list[list[str]]) -> list[str]:
        """The cycle of names around the union of places given as cycles (shared curves cancel)."""
        edges: set[tuple[str, str]] = set()
        for cyc in cycles:
            cyc = self.ccw_cycle(cyc)
            edges.update(zip(cyc, cyc[1:] + cyc[:1], strict=True))
        boundary = {e for e in edges if (e[1], e[0]) not in edges}
        nxt = {}
        for a, b in boundary:
            if a in nxt:
                raise ValueError(f"{self.view}: union boundary branches at {a}")
            nxt[a] = b
        start = min(nxt)
        out = [start]
        while nxt[out[-1]] != start:
            out.append(nxt[out[-1]])
        if len(out) != len(nxt):
            raise ValueError(f"{self.view}: the union has more than one boundary loop")
        return out

    def mirrored(self, view: str) -> Sheet:
        m = Sheet(view)
        m.points = {k: (_r(-x), y) for k, (x, y) in self.points.items()}
        m.curves = {k: [(_r(-x), y) for x, y in v] for k, v in self.curves.items()}
        return m


def _signed_area(pts) -> float:
    s = 0.0
    for (x1, y1), (x2, y2) in zip(pts, pts[1:] + pts[:1], strict=True):
        s += x1 * y2 - x2 * y1
    return s / 2


@dataclass
class Place:
    id: str
    name: str
    clinical: str
    parent: str
    notes: str
    cycle: list[str]


@dataclass
class View:
    sheet: Sheet
    places: list[Place]  # new close-up places (`regions`)
    drawings: list[tuple[str, list[str]]]  # body regions drawn whole: (region id, cycle)
    containers: list[str]  # parents split into places in this view (outline = union of children)
    title: str = ""

    def region_outlines(self) -> list[tuple[Place, list[tuple[float, float]]]]:
        return [(p, self.sheet.outline(p.cycle)) for p in self.places]

    def drawing_outlines(self) -> list[tuple[str, list[tuple[float, float]]]]:
        out = [(rid, self.sheet.outline(cyc)) for rid, cyc in self.drawings]
        for parent in self.containers:
            kids = [p.cycle for p in self.places if p.parent == parent]
            out.append((parent, self.sheet.outline(self.sheet.union_cycle(kids))))
        return out


# ---------------------------------------------------------------------------------------------
# head (profile from the left, face towards x < 0)
# ---------------------------------------------------------------------------------------------

HEAD_FACE = ("cheek-jaw", "head-face")


def head_view() -> View:
    s = Sheet("head")
    P = s.point
    # silhouette junctions
    P("crown_f", -31, 186)  # forehead | crown
    P("brow", -45, 153)  # forehead | eye (brow ridge)
    P("nasion", -43.5, 143.5)  # eye | nose
    P("lip_chin", -44, 89)  # lower lip | chin (labiomental fold)
    P("jaw_front", -32, 67.5)  # chin | throat, under the chin
    P("base_front", -33, 3)
    P("base_sf", -18, 3)  # throat | side of neck
    P("base_sb", 14, 3)  # side | back of neck
    P("base_back", 41, 3)
    P("nape_top", 36, 109)  # back of head | back of neck (hairline at the nape)
    P("crown_b", 36, 186)  # crown | back of head
    s.path(
        "crown_f", (-38.5, 178), (-43, 167), "brow", (-44.8, 148), "nasion",
        (-46.5, 136), (-50.5, 127), (-54.5, 120.5), (-54.3, 116.5), (-51, 114), C(-46.5, 112.5),
        (-47.5, 108), (-49, 104), C(-46.5, 100.5), (-48.5, 97), (-47.5, 93), "lip_chin",
        (-45.5, 83), (-46, 78), (-44, 73.5), (-40, 70), "jaw_front", (-26, 66), (-23, 62),
        (-24, 55), (-25.5, 47), (-27, 30), (-30, 15), "!base_front", "base_sf", "base_sb", "!base_back",
        (38, 15), (34, 35), (31.5, 60), (31.5, 85), (33, 100), "nape_top", (42, 118), (47.5, 130),
        (50, 145), (49.5, 160), (46, 173), "crown_b", (25, 193), (12, 196.5), (0, 197), (-12, 195.5),
        (-23, 191.5),
        closed=True,
    )
    # inner junctions
    P("T_fc", -24, 177)  # forehead | crown | temple
    P("T_cb", 25, 178)  # crown | back of head | temple
    P("T_fe", -27, 151)  # forehead | eye | temple
    P("E_mc", -36, 132)  # eye | nose | cheek
    P("E_ct", -24, 135)  # eye | cheek | temple
    P("M_cu", -35, 113)  # nose | cheek | upper teeth
    P("M_ul", -36, 100)  # mouth corner: upper | lower teeth
    P("M_lc", -35, 89)  # lower lip | lower teeth | chin
    P("C_ut", -12, 114)  # cheek | upper teeth | jaw angle
    P("O_b", -12, 101)  # back end of the bite line
    P("L_back", -12, 79)  # lower teeth | jaw angle | throat (on the jaw line)
    P("G", 0, 87)  # gonion: jaw angle | throat | side of neck
    P("J_fb", -11, 121)  # jaw joint corners
    P("J_ft", -11, 137)
    P("J_bt", 2, 139)  # jaw joint | temple | ear
    P("J_bb", 2, 121)  # jaw joint | ear | jaw angle
    P("A_tb", 16, 150)  # ear | temple | back of head
    P("A_nb", 15, 112)  # ear | back of head | side of neck
    P("A_l", 9, 110.5)  # ear lobe: ear | jaw angle | side of neck
    P("N_mb", 23, 104)  # mastoid: back of head | side | back of neck

    s.line("crown_f", "T_fc")
    s.line("T_fc", (0, 175.5), "T_cb")
    s.line("T_cb", "crown_b")
    s.line("T_fc", (-24.5, 165), "T_fe")
    s.line("brow", (-36, 156), "T_fe")
    s.line("nasion", (-38.5, 139), "E_mc")
    s.line("E_mc", (-30, 132.5), "E_ct")
    s.line("E_ct", "T_fe")
    s.line("E_mc", (-37, 121), "M_cu")
    s.line("M_cu", "M_ul")
    s.line("M_ul", "M_lc")
    s.line("M_lc", "lip_chin")
    s.line("M_lc", (-32, 78), "jaw_front")
    s.line("jaw_front", (-22, 73.5), "L_back")
    s.line("L_back", "G")
    s.line("M_ul", (-24, 100.5), "O_b")
    s.line("M_cu", (-24, 114.5), "C_ut")
    s.line("C_ut", "O_b")
    s.line("O_b", "L_back")
    s.line("C_ut", "J_fb")
    s.line("J_fb", "J_ft")
    s.line("E_ct", (-17, 136.5), "J_ft")
    s.line("J_ft", "J_bt")
    s.line("J_bb", "J_fb")
    s.line("J_bt", (3.5, 130), "J_bb")
    s.path("J_bt", (4, 146), (9, 150.5), "A_tb", (21.5, 145), (23.5, 136), (22, 126), (19, 118), "A_nb",
           "A_l", (5, 114), "J_bb")
    s.line("A_tb", (22, 162), "T_cb")
    s.line("G", (4, 99), "A_l")
    s.line("G", (-6, 50), (-13, 22), "base_sf")
    s.line("A_nb", "N_mb")
    s.line("N_mb", (20, 70), (16, 35), "base_sb")
    s.line("nape_top", (30, 106), "N_mb")

    def place(pid, name, clinical, cycle, parent=HEAD_FACE):
        return Place(pid, name, clinical, parent[0], parent[1], cycle)

    neck = ("neck-front", "neck-front")
    places = [
        place("cheek", "Cheek", "Zygomatic and buccal region (over the cheekbone and upper jaw)",
              ["E_mc", "M_cu", "C_ut", "J_fb", "J_ft", "E_ct"]),
        place("jaw-joint", "Jaw joint", "Temporomandibular joint (TMJ)", ["J_fb", "J_bb", "J_bt", "J_ft"]),
        place("ear", "Ear", "Auricular region (ear and ear canal)", ["J_bt", "A_tb", "A_nb", "A_l", "J_bb"]),
        place("upper-teeth", "Upper teeth", "Maxillary teeth", ["M_cu", "M_ul", "O_b", "C_ut"]),
        place("lower-teeth", "Lower teeth", "Mandibular teeth", ["M_ul", "M_lc", "jaw_front", "L_back", "O_b"]),
        place("jaw-angle", "Jaw angle", "Angle and ramus of the mandible",
              ["J_fb", "C_ut", "O_b", "L_back", "G", "A_l", "J_bb"]),
        place("chin", "Chin", "Mental region", ["M_lc", "lip_chin", "jaw_front"]),
        place("throat", "Front of the neck (throat)", "Anterior triangle of the neck (below the jaw)",
              ["jaw_front", "base_front", "base_sf", "G", "L_back"], neck),
        place("neck-side", "Side of the neck", "Lateral cervical region (sternocleidomastoid and scalenes)",
              ["G", "base_sf", "base_sb", "N_mb", "A_nb", "A_l"], neck),
    ]
    drawings = [
        ("forehead", ["crown_f", "brow", "T_fe", "T_fc"]),
        ("eye", ["brow", "nasion", "E_mc", "E_ct", "T_fe"]),
        ("mid-face", ["nasion", "lip_chin", "M_lc", "M_ul", "M_cu", "E_mc"]),
        ("temple", ["T_fc", "T_fe", "E_ct", "J_ft", "J_bt", "A_tb", "T_cb"]),
        ("crown", ["crown_f", "T_fc", "T_cb", "crown_b"]),
        ("back-of-head", ["crown_b", "T_cb", "A_tb", "A_nb", "N_mb", "nape_top"]),
        ("neck-back", ["N_mb", "base_sb", "base_back", "nape_top"]),
    ]
    return View(s, places, drawings, ["cheek-jaw", "neck-front"], "Head and neck, seen from the left")


# ---------------------------------------------------------------------------------------------
# hands (the palm view is built; the back view is its mirror image with other places)
# ---------------------------------------------------------------------------------------------


def hand_sheet() -> Sheet:
    """The left hand seen from the palm side, fingers up, thumb towards x > 0."""
    # designed at about 7.5 units per cm, then enlarged to fill the frame
    s = Sheet("hand-palm", place_in_frame=(1.15, -11.2, 1.15, -0.45))
    P = s.point
    P("wb_l", -25, 3)  # the cut across the forearm, just below the wrist
    P("wb_r", 19, 3)
    P("Wr_r", 22, 30)  # wrist crease, thumb side
    P("T_r", 46, 60)  # thumb base, outer side
    P("tip_t", 55.5, 107)
    P("TW", 33, 73)  # first web (between thumb and index)
    P("P_lt", 31, 82)  # start of the thenar crease (life line)
    P("I_r", 28, 96)  # index base, thumb side
    P("tip_i", 24.5, 151)
    P("W3", 13, 103)  # web index | middle
    P("tip_m", 4, 166)
    P("W2", -4.5, 104)  # web middle | ring
    P("tip_r", -15.5, 156)
    P("W1", -21, 98)  # web ring | little
    P("tip_l", -33.5, 132)
    P("L_u", -37.5, 90)  # little-finger base, outer side
    P("P_hu", -38.5, 72)  # hypothenar top on the outer edge
    P("Wr_u", -28, 30)  # wrist crease, little-finger side
    s.path(
        "!wb_l", "!wb_r", (20, 16), "Wr_r", (30, 37), (38, 46), (43, 54), "T_r", (50, 70), (54, 82), (57, 94),
        (58, 101), "tip_t", (51, 106), (48, 100), (44, 90), (39, 80), "TW", "P_lt", "I_r",
        (29.5, 115), (30, 133), (29, 145), "tip_i", (19.5, 148), (18, 133), (16.5, 115), "!W3",
        (12, 120), (11.5, 140), (10, 158), "tip_m", (-2, 160), (-3, 140), (-3.5, 120), "!W2",
        (-6, 120), (-7.5, 138), (-10, 152), "tip_r", (-21, 150), (-21.5, 135), (-21, 118), "!W1",
        (-23, 112), (-25.5, 124), (-28.5, 131), "tip_l", (-37.5, 126), (-37, 112), (-37, 100), "L_u",
        "P_hu", (-37.5, 55), (-34, 40), "Wr_u", (-26, 16),
        closed=True,
    )
    P("Wc_h", -12, 30.5)  # wrist crease | hypothenar | centre of palm
    P("Wc_t", 4, 31)  # wrist crease | thenar | centre of palm
    s.line("Wr_u", "Wc_h")
    s.line("Wc_h", "Wc_t")
    s.line("Wc_t", "Wr_r")
    s.line("TW", (40, 66), "T_r")
    s.line("Wc_t", (10, 50), (18, 68), "P_lt")
    s.line("P_hu", (-26, 66), (-17, 52), (-14, 40), "Wc_h")
    s.line("L_u", (-29, 95), "W1")
    s.line("W1", (-13, 102), "W2")
    s.line("W2", (4.5, 104.5), "W3")
    s.line("W3", (21, 100.5), "I_r")
    return s


FINGERS = [  # (key, plain name, clinical digit, cycle on the hand sheet)
    ("thumb", "Thumb", "thumb (pollex)", ["T_r", "tip_t", "TW"]),
    ("index", "Index finger", "index finger (2nd digit)", ["I_r", "tip_i", "W3"]),
    ("middle", "Middle finger", "middle finger (3rd digit)", ["W3", "tip_m", "W2"]),
    ("ring", "Ring finger", "ring finger (4th digit)", ["W2", "tip_r", "W1"]),
    ("little", "Little finger", "little finger (5th digit)", ["W1", "tip_l", "L_u"]),
]
PALM_CYCLES = {
    "thenar": ["Wc_t", "Wr_r", "T_r", "TW", "P_lt"],
    "hypothenar": ["Wr_u", "Wc_h", "P_hu"],
    "centre": ["L_u", "P_hu", "Wc_h", "Wc_t", "P_lt", "I_r", "W3", "W2", "W1"],
    "wrist": ["wb_l", "wb_r", "Wr_r", "Wc_t", "Wc_h", "Wr_u"],
}


def hand_palm_view() -> View:
    s = hand_sheet()
    par = ("hand-palm", "hand-foot")
    places = [
        Place(f"{key}-palm-side", f"{name} (palm side)", f"Palmar surface of the {clin}", *par, cyc)
        for key, name, clin, cyc in FINGERS
    ]
    places += [
        Place("thenar", "Thumb pad", "Thenar eminence", *par, PALM_CYCLES["thenar"]),
        Place("hypothenar", "Little-finger pad", "Hypothenar eminence", *par, PALM_CYCLES["hypothenar"]),
        Place("palm-centre", "Centre of the palm", "Central palm (midpalmar region)", *par, PALM_CYCLES["centre"]),
        Place("wrist-front", "Wrist (front)", "Anterior (volar) wrist", *par, PALM_CYCLES["wrist"]),
    ]
    return View(s, places, [], ["hand-palm"], "Left hand, palm side")


def hand_back_view() -> View:
    s = hand_sheet().mirrored("hand-back")
    par = ("hand-back", "hand-foot")
    places = [
        Place(f"{key}-back", f"{name} (back)", f"Dorsal surface of the {clin}", *par, cyc)
        for key, name, clin, cyc in FINGERS
    ]
    dorsum = s.union_cycle([PALM_CYCLES[k] for k in ("thenar", "hypothenar", "centre")])
    places += [
        Place("hand-dorsum", "Back of the hand", "Dorsum of the hand (metacarpal region)", *par, dorsum),
        Place("wrist-back", "Wrist (back)", "Dorsal wrist", *par, PALM_CYCLES["wrist"]),
    ]
    return View(s, places, [], ["hand-back"], "Left hand, back")


# ---------------------------------------------------------------------------------------------
# feet
# ---------------------------------------------------------------------------------------------


def foot_top_view() -> View:
    """The left foot from above, toes up, big toe towards x > 0; the ankle at the bottom."""
    s = Sheet("foot-top")
    P = s.point
    P("fb_l", -16, 3)  # the cut across the lower leg
    P("fb_a", -7, 3)  # outer ankle | front of ankle
    P("fb_b", 7, 3)  # front of ankle | inner ankle
    P("fb_r", 16, 3)
    P("A_m", 24, 62)  # inner ankle | top of foot, on the inner edge
    P("B_r", 35, 157)  # big-toe base, inner edge
    P("tip_b", 22.5, 193.5)
    P("B_l", 11, 163)  # web big toe | 2nd toe
    P("tip_2", 4.5, 188)
    P("L5", -38, 140)  # little-toe base, outer edge
    P("A_l", -24, 60)  # outer ankle | top of foot, on the outer edge
    s.path(
        "!fb_l", "fb_a", "fb_b", "!fb_r", (18, 12), (24, 22), (28.5, 34), (28.5, 46), (26, 56), "A_m",
        (27, 85), (31, 110), (34, 135), "B_r", (35.5, 172), (33.5, 184), (29, 191), "tip_b", (16, 191),
        (12.5, 184), (11.5, 172), "!B_l", (10.5, 178), "tip_2", (-1.5, 183), C(-3, 175),
        (-4.5, 179), (-9.5, 181.5), (-14, 177), C(-15, 167), (-16.5, 171.5), (-21, 173), (-25, 168),
        C(-26, 158), (-27.5, 162), (-31.5, 163), (-35, 158), (-37, 150), "L5", (-36.5, 118), (-33, 98),
        (-28.5, 78), "A_l", (-27.5, 53), (-29.5, 44), (-30, 34), (-26, 20), (-19, 10),
        closed=True,
    )
    P("K_l", -9, 59)  # ankle crease corners
    P("K_r", 9, 60)
    s.line("B_l", (23, 158), "B_r")
    s.line("L5", (-25, 148), (-10, 155), "B_l")
    s.line("A_l", "K_l")
    s.line("K_l", (0, 61), "K_r")
    s.line("K_r", "A_m")
    s.line("K_l", (-8, 30), "fb_a")
    s.line("K_r", (8, 30), "fb_b")
    par = ("foot-top", "hand-foot")
    places = [
        Place("big-toe", "Big toe", "Hallux (upper side)", *par, ["B_l", "B_r", "tip_b"]),
        Place("other-toes", "Other toes", "Lesser toes (2nd to 5th), upper side", *par, ["B_l", "tip_2", "L5"]),
        Place("instep", "Top of the foot (instep)", "Dorsum of the foot (metatarsal region)", *par,
              ["A_m", "B_r", "B_l", "L5", "A_l", "K_l", "K_r"]),
        Place("ankle-front", "Front of the ankle", "Anterior ankle (extensor retinaculum)", *par,
              ["K_l", "fb_a", "fb_b", "K_r"]),
    ]
    drawings = [
        ("ankle-inner", ["fb_b", "fb_r", "A_m", "K_r"]),
        ("ankle-outer", ["fb_l", "fb_a", "K_l", "A_l"]),
    ]
    return View(s, places, drawings, ["foot-top"], "Left foot from above")


def foot_sole_view() -> View:
    """The left sole, toes up, heel down, big toe towards x < 0; the Achilles tendon below the heel."""
    s = Sheet("foot-sole")
    P = s.point
    P("ab_l", -13, 3)  # the cut across the Achilles tendon / lower calf
    P("ab_r", 13, 3)
    P("H_ar", 13, 33)  # heel | Achilles, outer side
    P("H_r", 27, 70)  # heel | outer edge
    P("O_t", 34.5, 140)  # outer edge | ball
    P("T5", 34, 154)  # ball | toes, outer edge
    P("B_r2", -11, 180)  # web 2nd toe | big toe
    P("tip_b", -22, 196)
    P("B_m", -34, 162)  # big toe | ball, inner edge
    P("Ar_t", -35, 132)  # ball | arch, inner edge
    P("Ar_b", -23.5, 72)  # arch | heel, inner edge
    P("H_al", -13, 33)  # heel | Achilles, inner side
    s.path(
        "!ab_l", "!ab_r", (10, 15), (9.5, 20), (10, 26), "H_ar", (19, 38), (24, 47), (26.5, 58), "H_r", (28, 90),
        (30, 110), (33, 130), "O_t", (35, 148), "T5", (35, 160), (31, 166.5), (27, 165), C(24.5, 162),
        (24, 170), (20.5, 176), (16, 174), C(14, 170), (13, 180), (8.5, 185), (3.5, 182), C(2, 176),
        (1, 186), (-4, 191.5), (-9, 189), "!B_r2", (-12, 188), (-16, 194), "tip_b", (-28, 193), (-32, 185),
        (-33.5, 172), "B_m", (-35.5, 148), "Ar_t", (-29, 118), (-24.5, 102), (-22.5, 88), "Ar_b", (-26.5, 58),
        (-25, 46), (-20, 38), "H_al", (-10, 26), (-9.5, 20), (-10, 15),
        closed=True,
    )
    P("B_x", -12, 166)  # big toe | other toes | ball
    P("Ba_m", 5, 132)  # ball | arch | outer edge
    P("H_m", 2, 74)  # arch | outer edge | heel
    s.line("B_r2", "B_x")
    s.line("B_x", (-23, 163), "B_m")
    s.line("T5", (20, 158), (4, 163), "B_x")
    s.line("Ar_t", (-15, 131), "Ba_m")
    s.line("Ba_m", (18, 135), "O_t")
    s.line("Ba_m", (4, 110), (3, 90), "H_m")
    s.line("Ar_b", (-12, 75), "H_m")
    s.line("H_m", (15, 73), "H_r")
    s.line("H_al", (0, 31), "H_ar")
    sole = ("sole", "hand-foot")
    heel = ("heel", "hand-foot")
    places = [
        Place("big-toe-pad", "Big toe (pad)", "Plantar surface of the hallux", *sole, ["B_m", "B_x", "B_r2", "tip_b"]),
        Place("toe-pads", "Other toes (pads)", "Plantar surface of the lesser toes (2nd to 5th)", *sole,
              ["T5", "B_r2", "B_x"]),
        Place("ball-of-foot", "Ball of the foot", "Metatarsal heads region", *sole,
              ["Ar_t", "Ba_m", "O_t", "T5", "B_x", "B_m"]),
        Place("arch", "Arch of the foot", "Medial longitudinal arch", *sole, ["Ar_t", "Ar_b", "H_m", "Ba_m"]),
        Place("sole-outer-edge", "Outer edge of the sole", "Lateral plantar border", *sole,
              ["H_m", "H_r", "O_t", "Ba_m"]),
        Place("heel-pad", "Heel pad", "Plantar heel (calcaneal tuberosity)", *heel,
              ["H_al", "H_ar", "H_r", "H_m", "Ar_b"]),
        Place("achilles", "Achilles", "Achilles tendon", *heel, ["ab_l", "ab_r", "H_ar", "H_al"]),
    ]
    return View(s, places, [], ["sole", "heel"], "Left sole (and the Achilles tendon past the heel)")


VIEWS = {
    "head": head_view,
    "hand-palm": hand_palm_view,
    "hand-back": hand_back_view,
    "foot-top": foot_top_view,
    "foot-sole": foot_sole_view,
}

# ---------------------------------------------------------------------------------------------
# checks
# ---------------------------------------------------------------------------------------------


def largest_square(poly: Polygon) -> float:
    """Side of the largest axis-aligned square inside poly (to 0.05), by exact square erosion."""
    coords = list(poly.exterior.coords)
    lo, hi = 0.0, 60.0
    while hi - lo > 0.05:
        h = (lo + hi) / 2 / 2
        if not square_erosion(poly, h, coords).is_empty:
            lo = 2 * h
        else:
            hi = 2 * h
    return lo


def square_erosion(poly: Polygon, h: float, coords=None):
    """Centres of the squares of half-side h that fit inside poly (poly minus its boundary swept by
    the square)."""
    coords = coords or list(poly.exterior.coords)
    swept = []
    for (x1, y1), (x2, y2) in zip(coords, coords[1:], strict=False):
        corners = [(x + dx, y + dy) for x, y in ((x1, y1), (x2, y2)) for dx in (-h, h) for dy in (-h, h)]
        swept.append(shapely.MultiPoint(corners).convex_hull)
    return poly.difference(shapely.union_all(swept))


def check_view(view: View) -> list[str]:
    problems = []
    drawn = [(p.id, Polygon(o)) for p, o in view.region_outlines()]
    drawn += [(rid, Polygon(o)) for rid, o in view.drawing_outlines() if rid not in view.containers]
    containers = {rid: Polygon(o) for rid, o in view.drawing_outlines() if rid in view.containers}
    for rid, poly in drawn + list(containers.items()):
        if not poly.is_valid:
            problems.append(f"{rid}: invalid polygon ({shapely.is_valid_reason(poly)})")
        if _signed_area(list(poly.exterior.coords)[:-1]) <= 0:
            problems.append(f"{rid}: not counter-clockwise")
        x0, y0, x1, y1 = poly.bounds
        if x0 < X_RANGE[0] or x1 > X_RANGE[1] or y0 < Y_RANGE[0] or y1 > Y_RANGE[1]:
            problems.append(f"{rid}: outside the frame")
    for i, (a, pa) in enumerate(drawn):
        for b, pb in drawn[i + 1 :]:
            if pa.intersection(pb).area > 1e-6:
                problems.append(f"{a} overlaps {b}")
    union = shapely.union_all([p for _, p in drawn])
    if union.geom_type != "Polygon" or list(union.interiors):
        problems.append(f"union is {union.geom_type} with holes={len(getattr(union, 'interiors', []))}")
    for parent, cont in containers.items():
        kids = shapely.union_all([Polygon(o) for p, o in view.region_outlines() if p.parent == parent])
        if kids.symmetric_difference(cont).area > 1e-6:
            problems.append(f"{parent}: children do not tile the container")
    for rid, poly in drawn:
        side = largest_square(poly)
        if side < MIN_SQUARE:
            problems.append(f"{rid}: largest square {side:.2f} < {MIN_SQUARE}")
    return problems


# ---------------------------------------------------------------------------------------------
# YAML output
# ---------------------------------------------------------------------------------------------

HEADER = """\
# Close-up view `{view}`: {title}.
# GENERATED by tools/closeups.py from shared named points and curves (neighbouring places share
# their edge vertices exactly); edit the generator, not this file.
# Frame: x in [-60, 60], y in [0, 200], y up (the same frame as the body views).
# Drawn for the person's LEFT side; the app mirrors it (x -> -x) into `{view}-left` / `{view}-right`.
# `regions`: new places that only this close-up draws; `parent` is the body region they belong to.
# `drawings`: body regions drawn again here (same id, same place); a parent drawn here is a container
# whose outline is exactly the union of its children (the children are drawn, not the container).
# All outlines are listed COUNTER-CLOCKWISE (y up), not closed (first point not repeated).
"""

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ,()'/.-]*")


def _scalar(v: str) -> str:
    return v if _PLAIN.fullmatch(v) and not v.endswith(" ") else json.dumps(v)


def _outline_lines(pts, indent: str) -> list[str]:
    items = [f"[{x}, {y}]" for x, y in pts]
    lines, cur = [], f"{indent}outline: ["
    first = True
    for i, it in enumerate(items):
        piece = it + ("]" if i == len(items) - 1 else ",")
        if not first and len(cur) + 1 + len(piece) > 110:
            lines.append(cur)
            cur = indent + "  " + piece
        else:
            cur = cur + ("" if first else " ") + piece
        first = False
    lines.append(cur)
    return lines


def render_yaml(name: str, view: View) -> str:
    out = [HEADER.format(view=name, title=view.title), "regions:"]
    for p, pts in view.region_outlines():
        out += [
            f"  - id: {p.id}",
            f"    name: {_scalar(p.name)}",
            f"    clinical: {_scalar(p.clinical)}",
            f"    view: {name}",
            "    side: both",
            f"    parent: {p.parent}",
            f"    notes: {p.notes}",
            *_outline_lines(pts, "    "),
        ]
    out.append("drawings:")
    for rid, pts in view.drawing_outlines():
        out += [f"  - region: {rid}", f"    view: {name}", *_outline_lines(pts, "    ")]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------
# previews
# ---------------------------------------------------------------------------------------------

PALETTE = [
    "#f4c7a1", "#a8d5e2", "#c5e0b4", "#f7e3a3", "#d9c2e9", "#f2b8c6", "#b4d3b2", "#ffd8a8",
    "#c9d7f0", "#e6c9a8", "#b8e0d2", "#f0c4a8", "#d6e4aa", "#e0bbe4",
]


def render_preview(name: str, view: View, path: Path, scale: float = 4.0) -> None:
    from PIL import Image, ImageDraw, ImageFont

    w, h = int(120 * scale) + 20, int(200 * scale) + 20

    def tx(pt):
        return (10 + (pt[0] + 60) * scale, 10 + (200 - pt[1]) * scale)

    img = Image.new("RGB", (w, h), "white")
    d = ImageDraw.Draw(img)
    font = ImageFont.load_default(size=13)
    d.rectangle([tx((-60, 200)), tx((60, 0))], outline="#dddddd")
    drawn = [(p.id, o) for p, o in view.region_outlines()]
    drawn += [(rid, o) for rid, o in view.drawing_outlines() if rid not in view.containers]
    for i, (_rid, pts) in enumerate(drawn):
        d.polygon([tx(p) for p in pts], fill=PALETTE[i % len(PALETTE)], outline="#555555")
    for rid, pts in view.drawing_outlines():
        if rid in view.containers:
            d.line([tx(p) for p in [*pts, pts[0]]], fill="#222222", width=3)
    for rid, pts in drawn:
        poly = Polygon(pts)
        c = polylabel(poly, tolerance=0.2)
        # the largest square, to see the tap target
        side = largest_square(poly)
        cen = square_erosion(poly, side / 2 - 0.01).representative_point()
        a, b = tx((cen.x - side / 2, cen.y + side / 2)), tx((cen.x + side / 2, cen.y - side / 2))
        d.rectangle([a, b], outline="#999999")
        x, y = tx((c.x, c.y))
        d.text((x, y), rid, fill="black", font=font, anchor="mm")
    d.text((14, 14), f"{name} (left)", fill="black", font=font)
    img.save(path)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--preview", type=Path, help="also write labelled PNG previews into this directory")
    ap.add_argument("--check", action="store_true", help="check only, write nothing")
    args = ap.parse_args(argv)
    bad = False
    for name, build in VIEWS.items():
        view = build()
        problems = check_view(view)
        sizes = [largest_square(Polygon(o)) for _, o in view.region_outlines()]
        sizes += [largest_square(Polygon(o)) for r, o in view.drawing_outlines() if r not in view.containers]
        print(f"{name}: {len(view.places)} places, {len(view.drawings)} drawings, smallest square {min(sizes):.1f}")
        for p in problems:
            print(f"  PROBLEM {p}")
        bad = bad or bool(problems)
        if not args.check:
            OUT_DIR.mkdir(parents=True, exist_ok=True)
            (OUT_DIR / f"{name}.yaml").write_text(render_yaml(name, view))
        if args.preview:
            args.preview.mkdir(parents=True, exist_ok=True)
            render_preview(name, view, args.preview / f"{name}.png")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
