"""atlas_to_dict: the whole atlas as JSON-ready data, consistent with the Atlas it comes from."""

from __future__ import annotations

import json

import pytest

from bodymap.content import geometry
from bodymap.content.atlas import SIDES
from bodymap.content.export import EXPORT_VERSION, atlas_to_dict
from bodymap.content.loader import load_atlas
from bodymap.content.schema import Muscle

from minimal_data import write_minimal


@pytest.fixture(scope="module")
def atlas(tmp_path_factory):
    return load_atlas(write_minimal(tmp_path_factory.mktemp("export")))


def test_export_is_json_ready(atlas):
    exported = atlas_to_dict(atlas)
    assert json.loads(json.dumps(exported)) == exported
    assert exported["version"] == EXPORT_VERSION


def test_frame_is_geometry_frame(atlas):
    frame = atlas_to_dict(atlas)["frame"]
    assert frame == {"x": [geometry.X_MIN, geometry.X_MAX], "y": [geometry.Y_MIN, geometry.Y_MAX],
                     "views": list(atlas.views())}
    assert {"front", "back"} <= set(frame["views"])


def test_regions_are_the_expanded_regions_in_order(atlas):
    regions = atlas_to_dict(atlas)["regions"]
    assert [r["id"] for r in regions] == list(atlas.regions)
    assert regions[0]["outline"] == [list(p) for p in atlas.regions["chest-left"].outline]


def test_each_trigger_point_side_matches_the_placed_point(atlas):
    for muscle in atlas_to_dict(atlas)["muscles"]:
        assert [tp["id"] for tp in muscle["trigger_points"]] == [
            tp.id for tp in atlas.muscles[muscle["id"]].trigger_points
        ]
        for i, point in enumerate(muscle["trigger_points"]):
            assert set(point["sides"]) == set(SIDES)
            for side in SIDES:
                placed = atlas.placed(muscle["id"], side)[i]
                assert point["sides"][side] == {
                    "region": placed.region, "at": list(placed.at),
                    "essential": list(placed.essential), "spillover": list(placed.spillover),
                }


def test_muscle_fields_are_kept_and_empty_optionals_of_sources_dropped(atlas):
    exported = atlas_to_dict(atlas)
    rhomboid = next(m for m in exported["muscles"] if m["id"] == "rhomboid")
    assert rhomboid["cautions"] == [] and rhomboid["sources"] == ["book"]
    assert set(rhomboid) == set(Muscle.model_fields)
    assert "url" not in exported["sources"][0] and exported["sources"][0]["doi"] == "10.1000/xyz123"
