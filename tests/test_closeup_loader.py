"""Close-ups in the loader: every bad case names the file, line, column and field; a good close-up loads and
the atlas answers where each place is drawn (its parent, its places, both sides)."""

from __future__ import annotations

import pytest

from bodymap.content import geometry
from bodymap.content.loader import check_data
from bodymap.content.views import ALL_VIEWS, is_crop
from tests.synthetic import HEAD_PLACES, HEAD_SPOTS, JAW_IN_HEAD, MIDLINE_IN_HEAD

from minimal_data import FILES, write_minimal

#: A body region `jaw`, drawn in the close-up `head` as a container its two places tile, and the midline
#: `sternum` drawn beside it (the line numbers below are those of this text).
HEAD = """\
regions:
  - id: jaw
    name: Jaw
    clinical: Mandibular region
    view: front
    side: both
    notes: trunk
    outline: [[2, 150], [20, 150], [20, 160], [2, 160]]
  - id: upper-teeth
    name: Upper teeth
    clinical: Maxillary teeth
    view: head
    side: both
    parent: jaw
    notes: trunk
    outline: [[-30, 110], [-10, 110], [-10, 120], [-30, 120]]
  - id: lower-teeth
    name: Lower teeth
    clinical: Mandibular teeth
    view: head
    side: both
    parent: jaw
    notes: trunk
    outline: [[-30, 100], [-10, 100], [-10, 110], [-30, 110]]
drawings:
  - region: jaw
    view: head
    outline: [[-30, 100], [-10, 100], [-10, 120], [-30, 120]]
  - region: sternum
    view: head
    outline: [[-5, 100], [5, 100], [5, 120], [-5, 120]]
"""

JAW_MUSCLE = """\
muscles:
  - id: masseter
    name: Chewing muscle
    clinical: Masseter
    description: A thick muscle at the angle of the jaw.
    self_care: Rest your jaw.
    sources: [book]
    trigger_points:
      - id: tp1
        label: Over the angle of the jaw
        region: jaw
        at: [10, 155]
        essential: [upper-teeth]
        also_at:
          - view: head
            at: [-20, 115]
"""

CLOSEUP_FILES = {"views/head.yaml": HEAD, "muscles/jaw.yaml": JAW_MUSCLE}
UPPER = "parent: jaw\n    notes: trunk\n    outline: [[-30, 110]"  # unique anchors in the two places
LOWER = "parent: jaw\n    notes: trunk\n    outline: [[-30, 100]"


def _edit(name: str, old: str, new: str) -> dict[str, str]:
    text = {**FILES, **CLOSEUP_FILES}[name]
    assert text.count(old) == 1, f"test setup: {old!r} is not once in {name}"
    return {**CLOSEUP_FILES, name: text.replace(old, new)}


BAD_CASES = [
    # (case id, file, old, new, line, column, field, message contains)
    ("place-outside-parent", "views/head.yaml", "[[-30, 110], [-10, 110], [-10, 120], [-30, 120]]",
     "[[-30, 110], [-10, 110], [-10, 125], [-30, 125]]", 16, 5, "regions[upper-teeth].outline",
     "lies outside its parent 'jaw' (1e+02 square units)"),
    ("gap-in-parent", "views/head.yaml", "[[-30, 110], [-10, 110], [-10, 120], [-30, 120]]",
     "[[-30, 110], [-10, 110], [-10, 118], [-30, 118]]", 28, 5, "drawings[0].outline",
     "its places leave a gap of 40 square units in the 'head' view"),
    ("places-overlap", "views/head.yaml", "[[-30, 100], [-10, 100], [-10, 110], [-30, 110]]",
     "[[-30, 100], [-10, 100], [-10, 112], [-30, 112]]", 24, 5, "regions[lower-teeth].outline",
     "overlaps 'upper-teeth' (40 square units)"),
    ("drawing-overlaps-place", "views/head.yaml", "[[-5, 100], [5, 100], [5, 120], [-5, 120]]",
     "[[-12, 100], [5, 100], [5, 120], [-12, 120]]", 31, 5, "drawings[1].outline", "overlaps 'upper-teeth'"),
    ("unknown-parent", "views/head.yaml", UPPER, UPPER.replace("jaw", "jaww"), 14, 5,
     "regions[upper-teeth].parent", "unknown region 'jaww' (did you mean 'jaw'?)"),
    ("parent-not-drawn-there", "views/head.yaml", UPPER, UPPER.replace("jaw", "chest"), 14, 5,
     "regions[upper-teeth].parent", "its parent 'chest' has no drawing in the 'head' view"),
    ("place-without-parent", "views/head.yaml", UPPER, UPPER.replace("parent: jaw\n    ", ""), 12, 5,
     "regions[upper-teeth].view", "a place of a close-up needs a `parent`"),
    ("parent-is-a-place", "views/head.yaml", LOWER, LOWER.replace("jaw", "upper-teeth"), 22, 5,
     "regions[lower-teeth].parent", "the parent 'upper-teeth' must be a region of the front or back view"),
    ("body-region-with-parent", "views/head.yaml", "    notes: trunk\n    outline: [[2, 150]",
     "    parent: chest\n    notes: trunk\n    outline: [[2, 150]", 7, 5, "regions[jaw].parent",
     "only a place of a close-up has a parent"),
    ("midline-place-of-a-sided-parent", "views/head.yaml", "side: both\n    " + LOWER,
     "side: midline\n    " + LOWER, 21, 5, "regions[lower-teeth].side", "a midline place needs a midline parent"),
    ("drawing-in-a-body-view", "views/head.yaml", "region: sternum\n    view: head",
     "region: sternum\n    view: front", 30, 5, "drawings[1].view", "for a close-up view, not the front or back"),
    ("drawing-of-a-place", "views/head.yaml", "[[-5, 100], [5, 100], [5, 120], [-5, 120]]\n",
     "[[-5, 100], [5, 100], [5, 120], [-5, 120]]\n  - region: upper-teeth\n    view: head\n"
     "    outline: [[-30, 110], [-10, 110], [-10, 120], [-30, 120]]\n", 32, 5, "drawings[2].region",
     "'upper-teeth' is a place of a close-up: draw it as a region there"),
    ("drawing-crosses-itself", "views/head.yaml", "[[-30, 100], [-10, 100], [-10, 120], [-30, 120]]",
     "[[-30, 100], [-10, 120], [-10, 100], [-30, 120]]", 28, 5, "drawings[0].outline", "crosses itself"),
    ("drawing-out-of-frame", "views/head.yaml", "[[-5, 100], [5, 100], [5, 120], [-5, 120]]",
     "[[-5, 190], [5, 190], [5, 220], [-5, 220]]", 31, 5, "drawings[1].outline", "leaves the view's frame"),
    ("also-at-where-not-drawn", "muscles/jaw.yaml", "- view: head", "- view: hand-palm", 15, 13,
     "muscles[masseter].trigger_points[tp1].also_at[0].view", "'jaw' is not drawn in the 'hand-palm' view"),
    ("also-at-outside-drawing", "muscles/jaw.yaml", "at: [-20, 115]", "at: [20, 115]", 16, 13,
     "muscles[masseter].trigger_points[tp1].also_at[0].at", "point [20.0, 115.0] is not inside 'jaw' there"),
]


@pytest.mark.parametrize("case", BAD_CASES, ids=[c[0] for c in BAD_CASES])
def test_bad_closeup_names_file_line_column_and_field(tmp_path, case):
    _, name, old, new, line, col, field, message = case
    data = write_minimal(tmp_path, _edit(name, old, new))
    atlas, problems = check_data(data)
    assert atlas is None
    path = str(data / name)
    hits = [p for p in problems if p.file == path and field == p.field and message in p.message]
    assert hits, "expected a problem like {}:{}:{}: {}: {} — got:\n{}".format(
        name, line, col, field, message, "\n".join(map(str, problems)))
    assert str(hits[0]).startswith(f"{path}:{line}:{col}: {field}: ")


def test_the_closeup_files_are_valid_and_one_problem_gives_one_report(tmp_path):
    atlas, problems = check_data(write_minimal(tmp_path, CLOSEUP_FILES))
    assert problems == [] and atlas is not None
    assert atlas.drawn("head-left") == ("sternum", "upper-teeth-left", "lower-teeth-left")
    # an unknown parent is told once (the tiling of its view is not checked, so no gap or KeyError follows)
    _, problems = check_data(write_minimal(tmp_path / "b", _edit("views/head.yaml", UPPER, UPPER.replace("jaw", "x"))))
    assert [p.field for p in problems] == ["regions[upper-teeth].parent"]


# -- a valid synthetic close-up, and what the atlas answers


@pytest.fixture(scope="module")
def atlas(make_atlas):
    return make_atlas(
        regions=["temple", "jaw"], midline=["chin"], closeup=True,
        muscles={"masseter": [("jaw", ["upper-teeth"], ["temple"], [("head", HEAD_SPOTS["upper-teeth"])])],
                 "pterygoid": [("upper-teeth", ["lower-teeth"], ["chin"])]},
    )


def _mirror(outline):
    return {(-x, y) for x, y in outline}


def test_the_synthetic_closeup_loads_with_both_sides(atlas):
    assert {"upper-teeth-left", "upper-teeth-right", "lower-teeth-left", "lower-teeth-right"} <= set(atlas.regions)
    left, right = atlas.regions["upper-teeth-left"], atlas.regions["upper-teeth-right"]
    assert (left.view, left.side, left.parent) == ("head-left", "left", "jaw-left")
    assert (right.view, right.side, right.parent) == ("head-right", "right", "jaw-right")
    assert set(left.views) <= set(ALL_VIEWS) and whole(atlas.views()) == ("front", "head-left", "head-right")


def test_children_ancestors_and_descendants(atlas):
    assert atlas.children("jaw-left") == ("upper-teeth-left", "lower-teeth-left")
    assert atlas.children("jaw-right") == ("upper-teeth-right", "lower-teeth-right")
    assert atlas.children("temple-left") == () and atlas.children("upper-teeth-left") == ()
    assert atlas.ancestors("lower-teeth-right") == ("jaw-right",)
    assert atlas.ancestors("jaw-left") == () and atlas.ancestors("chin") == ()
    assert atlas.descendants("jaw-left") == atlas.children("jaw-left")
    assert atlas.descendants("temple-right") == ()


def test_a_parent_with_places_is_not_drawn_in_the_closeup_its_places_are(atlas):
    assert atlas.drawn("head-left") == ("chin", "upper-teeth-left", "lower-teeth-left")
    assert atlas.drawn("head-right") == ("chin", "upper-teeth-right", "lower-teeth-right")
    front = atlas.drawn("front")
    assert {"jaw-left", "jaw-right", "chin", "temple-left"} <= set(front)
    assert not any("teeth" in rid for rid in front)
    assert atlas.drawn("hand-palm-left") == () and atlas.drawn("nowhere") == ()
    # the parent still knows its outline in the close-up (the container its places fill)
    assert whole(atlas.regions["jaw-left"].views) == ("front", "head-left")
    assert set(atlas.regions["jaw-left"].outline_in("head-left")) == {tuple(p) for p in JAW_IN_HEAD}
    assert atlas.regions["jaw-left"].outline_in("head-right") is None


def test_shown_in_rolls_places_up_and_spreads_parents_over_their_places(atlas):
    assert atlas.shown_in("upper-teeth-left", "front") == ("jaw-left",)
    assert atlas.shown_in("lower-teeth-right", "front") == ("jaw-right",)
    assert atlas.shown_in("jaw-left", "head-left") == ("upper-teeth-left", "lower-teeth-left")
    assert atlas.shown_in("jaw-left", "front") == ("jaw-left",)
    assert atlas.shown_in("upper-teeth-left", "head-left") == ("upper-teeth-left",)
    assert atlas.shown_in("jaw-left", "head-right") == ()  # the other side's close-up
    assert atlas.shown_in("upper-teeth-left", "head-right") == ()
    assert atlas.shown_in("temple-left", "head-left") == ()  # not drawn in the close-up at all
    assert atlas.shown_in("chin", "head-right") == ("chin",)
    assert atlas.shown_in("nowhere", "front") == () and atlas.shown_in("nowhere", "head-left") == ()


def test_right_closeup_outlines_are_the_left_ones_mirrored(atlas):
    for place, outline in HEAD_PLACES.items():
        left, right = atlas.regions[f"{place}-left"], atlas.regions[f"{place}-right"]
        assert set(left.outline) == {tuple(p) for p in outline}
        assert set(right.outline) == _mirror(left.outline)
        assert geometry.signed_area(right.outline) == pytest.approx(geometry.signed_area(left.outline))
    jaw_left = atlas.regions["jaw-left"].outline_in("head-left")
    assert set(atlas.regions["jaw-right"].outline_in("head-right")) == _mirror(jaw_left)


def test_midline_regions_are_drawn_in_both_sided_closeups(atlas):
    chin = atlas.regions["chin"]
    assert whole(chin.views) == ("front", "head-left", "head-right")
    assert set(chin.outline_in("head-left")) == {tuple(p) for p in MIDLINE_IN_HEAD}
    assert set(chin.outline_in("head-right")) == _mirror(chin.outline_in("head-left"))
    assert "chin" in atlas.drawn("head-left") and "chin" in atlas.drawn("head-right")


def whole(views) -> tuple[str, ...]:
    """Views without the body's crops (which draw the same outlines, framed closer)."""
    return tuple(v for v in views if not is_crop(v))


def test_also_at_spots_are_mirrored_with_their_point(atlas):
    left, right = atlas.placed("masseter", "left")[0], atlas.placed("masseter", "right")[0]
    x, y = left.at
    assert tuple(s for s in left.spots if not is_crop(s[0])) == (("front", (x, y)), ("head-left", (-20.0, 115.0)))
    assert tuple(s for s in right.spots if not is_crop(s[0])) == (("front", (-x, y)), ("head-right", (20.0, 115.0)))
    assert right.at_in("head-right") == (20.0, 115.0) and right.at_in("head-left") is None
    assert left.at_in("front") == left.at and left.at_in("back") is None
    assert (left.essential, right.essential) == (("upper-teeth-left",), ("upper-teeth-right",))
    assert geometry.contains(atlas.regions["upper-teeth-right"].outline, right.at_in("head-right"))


def test_a_point_lying_in_a_closeup_place_is_drawn_there_only(atlas):
    left, right = atlas.placed("pterygoid", "left")[0], atlas.placed("pterygoid", "right")[0]
    assert left.region == "upper-teeth-left" and left.spots == (("head-left", (-20.0, 115.0)),)
    assert right.spots == (("head-right", (20.0, 115.0)),)
    assert left.essential == ("lower-teeth-left",) and left.spillover == ("chin",)


def test_without_closeup_the_synthetic_atlas_has_the_front_view_only(make_atlas):
    plain = make_atlas(regions=["jaw"], midline=["chin"])
    assert whole(plain.views()) == ("front",) and plain.children("jaw-left") == ()
