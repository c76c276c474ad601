"""The shared wording rules: plain words for clinical terms, name lists, region names by side."""

from __future__ import annotations

import pytest

from bodymap.reference.wording import how_often, join_names, level_text, region_names, role_words


def test_clinical_terms_in_plain_words():
    assert (how_often("essential"), how_often("spillover")) == ("often", "sometimes")
    assert (role_words("primary"), role_words("also")) == ("main", "also common")
    with pytest.raises(KeyError):
        how_often("rare")


@pytest.mark.parametrize(("names", "text"), [
    ([], ""), (["a"], "a"), (["a", "b"], "a and b"), (["a", "b", "c"], "a, b and c"), (iter(["x", "y"]), "x and y"),
])
def test_join_names(names, text):
    assert join_names(names) == text


def test_level_text():
    assert level_text(None) == "no level" and level_text(0) == "0/10" and level_text(7) == "7/10"


def test_region_names_pair_left_and_right_only_when_both_sides_are_shown(make_atlas):
    atlas = make_atlas(regions=["temple", "jaw"], midline=["sternum"], muscles={"m": [("jaw", ["temple"], [])]})
    ids = ["temple-left", "temple-right", "sternum", "jaw-right"]
    both = region_names(atlas, ids, None)
    assert both == [atlas.regions["temple-left"].name, "Sternum", atlas.regions["jaw-right"].name]
    one = region_names(atlas, ids, "left")
    assert one == [atlas.regions["temple-left"].label, atlas.regions["temple-right"].label, "Sternum",
                   atlas.regions["jaw-right"].label]
    assert len(set(one)) == 4
