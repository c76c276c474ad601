"""The Atlas: sided region ids, base-id resolution, and trigger points placed once on both sides."""

from __future__ import annotations

import pytest

from bodymap.content import geometry
from bodymap.content.atlas import SIDES, Atlas, sided_id
from bodymap.content.loader import load_atlas

from minimal_data import MUSCLES, write_minimal


@pytest.fixture(scope="module")
def atlas(tmp_path_factory) -> Atlas:
    return load_atlas(write_minimal(tmp_path_factory.mktemp("atlas")))


def test_sided_ids_for_both_regions_and_plain_ids_for_midline(atlas):
    assert sided_id("temple", "left") == "temple-left"
    assert list(atlas.regions) == ["chest-left", "chest-right", "sternum", "upper-back-left", "upper-back-right"]
    chest_right = atlas.regions["chest-right"]
    assert (chest_right.base_id, chest_right.side, chest_right.label) == ("chest", "right", "Chest (right)")
    assert (atlas.regions["sternum"].side, atlas.regions["sternum"].label) == ("midline", "Breastbone")


def test_resolve_gives_the_sided_region_or_the_midline_region_itself(atlas):
    assert [atlas.resolve("chest", side) for side in SIDES] == ["chest-left", "chest-right"]
    assert [atlas.resolve("sternum", side) for side in SIDES] == ["sternum", "sternum"]
    with pytest.raises(KeyError):
        atlas.resolve("nowhere", "left")


def test_region_ids_for_a_base_id(atlas):
    assert atlas.region_ids_for("upper-back") == ("upper-back-left", "upper-back-right")
    assert atlas.region_ids_for("sternum") == ("sternum",)
    assert atlas.region_ids_for("nowhere") == ()


def test_placed_points_are_mirrored_and_resolved_per_side(atlas):
    left, right = (atlas.placed("pec", side)[0] for side in SIDES)
    assert left.point is right.point is atlas.muscles["pec"].trigger_points[0]
    assert (left.muscle, left.side, right.side) == ("pec", "left", "right")
    assert (left.at, right.at) == ((15, 130), (-15, 130))
    assert (left.region, right.region) == ("chest-left", "chest-right")
    assert (left.essential, right.essential) == (("chest-left", "sternum"), ("chest-right", "sternum"))
    assert (left.spillover, right.spillover) == (("upper-back-left",), ("upper-back-right",))
    for placed in (left, right):
        assert geometry.contains(atlas.regions[placed.region].outline, placed.at)


def test_a_both_sides_point_refers_to_both_sides_and_a_midline_region_once(tmp_path):
    line = "        spillover: [upper-back]\n"
    both = MUSCLES.replace(line, line + "        both_sides: true\n")
    assert both != MUSCLES
    atlas = load_atlas(write_minimal(tmp_path, {"muscles/chest.yaml": both}))
    left, right = (atlas.placed("pec", side)[0] for side in SIDES)
    assert (left.region, right.region) == ("chest-left", "chest-right")
    assert left.essential == ("chest-left", "chest-right", "sternum")
    assert right.essential == ("chest-right", "chest-left", "sternum")
    assert (left.spillover, right.spillover) == (("upper-back-left", "upper-back-right"),
                                                 ("upper-back-right", "upper-back-left"))
    assert atlas.placed("rhomboid", "left")[0].essential == ("upper-back-left",)


def test_placed_points_are_computed_once(atlas, monkeypatch):
    first = atlas.placed("rhomboid", "right")
    assert atlas.placed("rhomboid", "right") is first

    def no_recomputing(*_):
        raise AssertionError("placed() resolved regions again")

    monkeypatch.setattr(Atlas, "resolve", no_recomputing)
    assert atlas.placed("pec", "left")[0].region == "chest-left"


def test_placed_for_an_unknown_muscle_raises(atlas):
    with pytest.raises(KeyError):
        atlas.placed("nobody", "left")


def test_summary_counts(atlas):
    assert atlas.summary() == "5 regions, 2 muscles, 2 trigger points, 1 conditions, 1 region notes, 1 sources"
