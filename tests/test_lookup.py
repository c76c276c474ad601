"""Region, muscle and condition look-ups on small synthetic atlases."""

from __future__ import annotations

import pytest

from bodymap.reference import lookup


@pytest.fixture
def atlas(make_atlas):
    return make_atlas(
        regions=["neck", "temple", "jaw", "shoulder", "arm"],
        midline=["sternum", "belly"],
        muscles={
            # two points refer to temple (essential), so it outranks single-point muscles there
            "trap": [("neck", ["temple"], ["jaw"]), ("shoulder", ["temple", "neck"], [])],
            "scm": [("neck", ["temple", "sternum"], ["jaw"])],
            "masseter": [("jaw", ["jaw"], ["temple"])],
            "aardvark": [("shoulder", ["temple"], [])],
            "pec": [("sternum", ["sternum"], ["arm"])],
            "belly-muscle": [("belly", ["belly"], ["sternum"])],
        },
        conditions={
            "headache": {"regions": ["temple"], "primary": ["trap"], "also": ["scm"]},
            "bruxism": {"regions": ["jaw"], "primary": ["masseter"], "also": ["trap"]},
            "angina-like": {"regions": ["sternum"], "primary": ["pec"], "also": ["belly-muscle"]},
            "frozen": {"regions": ["shoulder"], "primary": ["pec"], "also": ["belly-muscle"]},
        },
        names={"aardvark": "Aardvark muscle"},
    )


def test_points_in_a_sided_region_are_on_that_side_only(atlas):
    points = lookup.points_in_region(atlas, "neck-right")
    assert [(p.muscle, p.point.id, p.side) for p in points] == [("trap", "tp1", "right"), ("scm", "tp1", "right")]
    assert all(p.region == "neck-right" for p in points)


def test_points_in_a_midline_region_come_from_both_sides(atlas):
    points = lookup.points_in_region(atlas, "sternum")
    assert [(p.muscle, p.side) for p in points] == [("pec", "left"), ("pec", "right")]


def test_points_in_a_region_without_points(atlas):
    assert lookup.points_in_region(atlas, "arm-left") == ()


def test_unknown_region_is_a_key_error(atlas):
    with pytest.raises(KeyError, match="unknown region"):
        lookup.region_info(atlas, "temple")  # a bilateral base id is not a drawn region


def test_referring_muscles_rank_essential_then_point_count_then_name(atlas):
    ranked = lookup.referring_muscles(atlas, "temple-left")
    assert [(r.muscle, r.strength, r.points) for r in ranked] == [
        ("trap", "essential", ("tp1", "tp2")),  # two points refer here
        ("aardvark", "essential", ("tp1",)),  # "Aardvark muscle" < "Scm" by name
        ("scm", "essential", ("tp1",)),
        ("masseter", "spillover", ("tp1",)),  # spillover comes last
    ]
    assert all(r.sides == ("left",) for r in ranked)


def test_referring_muscles_to_midline_region_reach_from_both_sides(atlas):
    ranked = lookup.referring_muscles(atlas, "sternum")
    assert [(r.muscle, r.strength, r.sides) for r in ranked] == [
        ("pec", "essential", ("left", "right")),
        ("scm", "essential", ("left", "right")),
        ("belly-muscle", "spillover", ("left", "right")),
    ]


def test_a_point_with_a_region_in_essential_and_spillover_counts_as_essential(make_atlas):
    atlas = make_atlas(regions=["a", "b"], muscles={"m": [("a", ["b"], ["b"]), ("a", ["a"], ["b"])]})
    [ref] = lookup.referring_muscles(atlas, "b-left")
    assert ref.strength == "essential" and ref.points == ("tp1", "tp2")


def test_related_conditions_felt_here_first_then_via_muscles(atlas):
    related = lookup.related_conditions(atlas, "temple-right")
    assert [(c.condition, c.reason) for c in related] == [
        ("headache", "felt-here"),
        ("bruxism", "muscle-refers"),  # masseter and trap refer to the temple
    ]
    assert related[1].muscles == ("masseter", "trap")
    assert related[0].muscles == ("trap", "scm")


def test_related_conditions_of_a_region_nobody_refers_to(atlas):
    assert lookup.related_conditions(atlas, "shoulder-left")[0].condition == "frozen"
    assert [c.condition for c in lookup.related_conditions(atlas, "shoulder-left")] == ["frozen"]


def test_region_info_bundles_everything(atlas):
    info = lookup.region_info(atlas, "jaw-left")
    assert info.region.label == "Jaw (left)"
    assert [p.muscle for p in info.points] == ["masseter"]
    assert info.referring[0].muscle == "masseter"
    assert info.notes.id == "area" and info.notes is lookup.region_notes(atlas, "jaw-left")
    assert [c.condition for c in info.conditions][0] == "bruxism"


@pytest.mark.parametrize(
    ("side", "essential", "spillover"),
    [
        ("left", ("temple-left", "neck-left"), ("jaw-left",)),
        ("right", ("temple-right", "neck-right"), ("jaw-right",)),
        (None, ("temple-left", "neck-left", "temple-right", "neck-right"), ("jaw-left", "jaw-right")),
    ],
)
def test_muscle_referral_by_side(atlas, side, essential, spillover):
    ref = lookup.muscle_referral(atlas, "trap", side)
    assert (ref.essential, ref.spillover) == (essential, spillover)


def test_muscle_referral_spillover_excludes_essential(atlas):
    # masseter: essential jaw, spillover temple; scm's spillover jaw is not in its essential
    assert lookup.muscle_referral(atlas, "masseter", "left").spillover == ("temple-left",)
    ref = lookup.muscle_referral(atlas, "scm", "left")
    assert ref.essential == ("temple-left", "sternum") and ref.spillover == ("jaw-left",)


def test_condition_muscles_primary_then_also_without_repeats(make_atlas):
    atlas = make_atlas(
        regions=["a"],
        muscles={"m1": [("a", ["a"], [])], "m2": [("a", ["a"], [])], "m3": [("a", ["a"], [])]},
        conditions={"c": {"regions": ["a"], "primary": ["m2", "m1"], "also": ["m1", "m3"]}},
    )
    assert lookup.condition_muscles(atlas, "c") == (("m2", "primary"), ("m1", "primary"), ("m3", "also"))


def test_condition_overlay_draws_each_muscle_numbered(atlas):
    overlay = lookup.condition_overlay(atlas, "headache", "right")
    layers = [(lay.muscle, lay.role, lay.number) for lay in overlay.layers]
    assert layers == [("trap", "primary", 1), ("scm", "also", 2)]
    assert overlay.highlight == ("temple-right",)
    assert set(overlay.essential_regions) == {"temple-right", "neck-right", "sternum"}
    assert overlay.spillover_regions == ("jaw-right",)  # jaw is spillover for both and essential for neither
    assert {n for n, _ in overlay.points} == {1, 2}
    assert all(p.side == "right" for _, p in overlay.points)


def test_condition_overlay_both_sides_and_only_one_muscle(atlas):
    both = lookup.condition_overlay(atlas, "headache")
    assert both.highlight == ("temple-left", "temple-right")
    one = lookup.condition_overlay(atlas, "headache", only="scm")
    assert [(lay.muscle, lay.number, lay.role) for lay in one.layers] == [("scm", 2, "also")]
    assert one.highlight == both.highlight
    with pytest.raises(KeyError):
        lookup.condition_overlay(atlas, "headache", only="pec")


def test_muscle_overlay_and_region_overlay(atlas):
    overlay = lookup.muscle_overlay(atlas, "masseter", "left", highlight=["jaw-left"])
    assert [lay.muscle for lay in overlay.layers] == ["masseter"] and overlay.highlight == ("jaw-left",)
    assert overlay.essential_regions == ("jaw-left",) and overlay.spillover_regions == ("temple-left",)
    region = lookup.region_overlay(atlas, "neck-left")
    assert region.layers == () and region.highlight == ("neck-left",)
    assert [(n, p.muscle) for n, p in region.points] == [(0, "trap"), (0, "scm")]


def test_region_lookups_on_the_real_atlas(real_atlas):
    for rid in real_atlas.regions:
        info = lookup.region_info(real_atlas, rid)
        within = {rid, *real_atlas.descendants(rid)}
        assert all(p.region in within or within.intersection(p.places) for p in info.points)
        strengths = [r.strength for r in info.referring]
        assert strengths == sorted(strengths, key=lambda s: s != "essential")
    elbow = [r.muscle for r in lookup.referring_muscles(real_atlas, "elbow-outer-right")]
    assert "supinator" in elbow
    # grain: a muscle referring to the teeth refers to the cheek and jaw, and a trigger point placed
    # over the jaw angle in the head close-up lies in the jaw angle as well as in the cheek and jaw
    jaw = {r.muscle for r in lookup.referring_muscles(real_atlas, "cheek-jaw-left")}
    teeth = {r.muscle for r in lookup.referring_muscles(real_atlas, "upper-teeth-left")}
    assert {"masseter", "temporalis"} <= teeth <= jaw
    angle = {p.muscle for p in lookup.points_in_region(real_atlas, "jaw-angle-left")}
    assert "masseter" in angle and angle <= {p.muscle for p in lookup.points_in_region(real_atlas, "cheek-jaw-left")}
