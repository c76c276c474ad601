""""Where does it hurt?" ranking: the documented scoring rule, sides, ties, explanations."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from bodymap.reference import ranking

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def atlas(make_atlas):
    return make_atlas(
        regions=["a", "b", "c", "d", "e", "f", "g", "h"],
        midline=["mid"],
        muscles={
            "precise": [("a", ["a", "b"], [])],  # exactly a + b
            "broad": [("a", ["a", "b", "c", "d", "e", "f", "g", "h"], [])],  # a + b and everything else
            "spill": [("c", ["c"], ["a", "b"])],  # reaches a + b only as spillover
            "single": [("d", ["a"], [])],  # only a
            "midliner": [("e", ["mid"], ["a"])],
            "zed": [("d", ["a"], [])],  # same zone as "single": tie broken by name
        },
    )


def names(cands):
    return [c.muscle for c in cands]


@pytest.mark.parametrize(
    ("pain", "expected"),
    [
        # covering both marked regions beats covering one; a precise zone beats a zone that refers everywhere
        ({"a-left": None, "b-left": None}, ["precise", "broad", "single", "zed", "spill", "midliner"]),
        # one marked region: essential hits first, the smaller zone outside first; then spillover hits
        ({"a-left": None}, ["single", "zed", "precise", "broad", "midliner", "spill"]),
        # a midline region is reached by either side
        ({"mid": None}, ["midliner"]),
        # a region nobody refers to
        ({"h-left": None}, ["broad"]),
        ({}, []),
    ],
)
def test_ranking_table(atlas, pain, expected):
    assert names(ranking.rank_candidates(atlas, pain, top=None)) == expected


@pytest.mark.parametrize(
    ("intensity", "factor"), [(0, 0.5), (10, 1.0), (None, 0.75), (5, 0.75), (4, 0.7)]
)
def test_intensity_factor(intensity, factor):
    assert ranking.intensity_factor(intensity) == pytest.approx(factor)


def test_score_follows_the_documented_formula(atlas):
    # precise on a (8) + b (2): both essential, zone {a, b} all inside -> no penalty
    [c] = [c for c in ranking.rank_candidates(atlas, {"a-left": 8, "b-left": 2}, top=None) if c.muscle == "precise"]
    assert c.score == pytest.approx(1.0 * 0.9 + 1.0 * 0.6)
    assert c.outside == 0
    # broad: same hits, 6 of its 8 essential regions outside -> penalty 0.2 * 6/8
    [b] = [c for c in ranking.rank_candidates(atlas, {"a-left": 8, "b-left": 2}, top=None) if c.muscle == "broad"]
    assert b.outside == pytest.approx(6 / 8)
    assert b.score == pytest.approx(1.5 - 0.2 * 6 / 8)
    # spill: a and b as spillover (0.4 each), its own zone: c (1.0) outside, a + b (0.4 each) inside
    [s] = [c for c in ranking.rank_candidates(atlas, {"a-left": 8, "b-left": 2}, top=None) if c.muscle == "spill"]
    assert s.spillover_hits == ("a-left", "b-left") and s.essential_hits == ()
    assert s.score == pytest.approx(0.4 * 0.9 + 0.4 * 0.6 - 0.2 * 1.0 / 1.8)


def test_intensity_changes_the_order(make_atlas):
    atlas = make_atlas(regions=["a", "b"], muscles={"ma": [("a", ["a"], [])], "mb": [("b", ["b"], [])]})
    assert names(ranking.rank_candidates(atlas, {"a-left": 2, "b-left": 9})) == ["mb", "ma"]
    assert names(ranking.rank_candidates(atlas, {"a-left": 9, "b-left": 2})) == ["ma", "mb"]


def test_essential_outweighs_spillover_at_equal_zone_size(make_atlas):
    atlas = make_atlas(regions=["a", "b"], muscles={"zz-ess": [("a", ["a"], ["b"])], "aa-spill": [("a", ["b"], ["a"])]})
    assert names(ranking.rank_candidates(atlas, {"a-left": 5})) == ["zz-ess", "aa-spill"]


def test_a_muscle_referring_everywhere_does_not_win_on_one_region(make_atlas):
    regions = [f"r{i}" for i in range(12)]
    muscles = {"aa-everywhere": [("r0", regions, [])], "zz-local": [("r0", ["r3"], [])]}
    atlas = make_atlas(regions=regions, muscles=muscles)
    assert names(ranking.rank_candidates(atlas, {"r3-left": 5})) == ["zz-local", "aa-everywhere"]


@pytest.mark.parametrize(
    ("pain", "sides"),
    [
        ({"a-right": 5}, {"precise": ("right",), "broad": ("right",)}),
        ({"a-left": 5}, {"precise": ("left",)}),
        ({"a-left": 5, "b-right": 5}, {"precise": ("left", "right")}),
        ({"mid": 5}, {"midliner": ("left", "right")}),
        ({"mid": 5, "a-right": 5}, {"midliner": ("right",)}),
    ],
)
def test_sides(atlas, pain, sides):
    found = {c.muscle: c.sides for c in ranking.rank_candidates(atlas, pain, top=None)}
    for muscle, expected in sides.items():
        assert found[muscle] == expected


def test_a_right_side_region_is_not_explained_by_left_zones_only(make_atlas):
    # the muscle reaches only its own side: marking the right region hits only through the right-side muscle
    atlas = make_atlas(regions=["a", "b"], muscles={"m": [("a", ["b"], [])]})
    [c] = ranking.rank_candidates(atlas, {"b-right": 5})
    assert c.sides == ("right",) and c.essential_hits == ("b-right",)
    [c] = ranking.rank_candidates(atlas, {"b-right": 5, "b-left": 5})
    assert c.essential_hits == ("b-right", "b-left") and c.sides == ("left", "right")
    assert "both places you marked" in c.explanation


def test_bilateral_pain_keeps_the_same_penalty_as_one_side(atlas):
    one = {c.muscle: c for c in ranking.rank_candidates(atlas, {"a-left": 5}, top=None)}
    two = {c.muscle: c for c in ranking.rank_candidates(atlas, {"a-left": 5, "a-right": 5}, top=None)}
    assert two["broad"].outside == pytest.approx(one["broad"].outside)


@pytest.mark.parametrize(
    ("pain", "muscle", "explanation"),
    [
        ({"a-left": 5, "b-left": 5, "c-left": 5}, "precise",
         "Its trigger points often send pain to 2 of the 3 places you marked: A (left) and B (left)."),
        ({"a-left": 5, "c-left": 5}, "spill",
         "Its trigger points can send pain to both places you marked: often to C (left), sometimes to A (left)."),
        ({"b-right": 5}, "spill", "Its trigger points sometimes send pain to the place you marked: B (right)."),
        ({"a-left": 1, "b-left": 1, "c-left": 1, "d-left": 1}, "broad",
         "Its trigger points often send pain to all 4 places you marked: A (left), B (left), C (left) and D (left)."),
    ],
)
def test_explanations(atlas, pain, muscle, explanation):
    found = {c.muscle: c for c in ranking.rank_candidates(atlas, pain, top=None)}
    assert found[muscle].explanation == explanation


def test_top_limits_and_ties_are_deterministic(atlas):
    pain = {"a-left": None}
    full = ranking.rank_candidates(atlas, pain, top=None)
    assert ranking.rank_candidates(atlas, pain, top=2) == full[:2]
    assert ranking.rank_candidates(atlas, pain, top=0) == ()
    # single and zed have identical zones: equal scores, name order
    tied = [c for c in full if c.muscle in ("single", "zed")]
    assert tied[0].score == tied[1].score and names(tied) == ["single", "zed"]
    # the input's order does not change the ranking
    rng = random.Random(7)
    keys = ["a-left", "b-left", "c-right", "mid"]
    base = names(ranking.rank_candidates(atlas, dict.fromkeys(keys, 3), top=None))
    for _ in range(10):
        rng.shuffle(keys)
        assert names(ranking.rank_candidates(atlas, dict.fromkeys(keys, 3), top=None)) == base


def test_scores_never_negative_and_sorted(atlas):
    rng = random.Random(1)
    ids = list(atlas.regions)
    for _ in range(200):
        pain = {r: rng.choice([None, *range(11)]) for r in rng.sample(ids, rng.randint(1, len(ids)))}
        cands = ranking.rank_candidates(atlas, pain, top=None)
        assert all(c.score > 0 and c.hits for c in cands)
        assert [c.score for c in cands] == sorted((c.score for c in cands), reverse=True)
        assert all(set(c.hits) <= set(pain) for c in cands)


@pytest.mark.parametrize(
    "pain",
    [{"nowhere": 3}, {"a": 3}, {"a-left": 11}, {"a-left": -1}, {"a-left": 2.5}, {"a-left": True}, {"a-left": "5"}],
)
def test_bad_pain_is_a_value_error(atlas, pain):
    with pytest.raises(ValueError):
        ranking.rank_candidates(atlas, pain)


def test_pain_overlay(atlas):
    pain = {"a-right": 7, "mid": None}
    cands = ranking.rank_candidates(atlas, pain, top=3)
    overlay = ranking.pain_overlay(atlas, pain, cands)
    assert overlay.pain == (("a-right", 7), ("mid", None))
    assert overlay.highlight == ("a-right", "mid")
    assert [(lay.muscle, lay.number, lay.role) for lay in overlay.layers] == [
        (c.muscle, i, "candidate") for i, c in enumerate(cands, start=1)
    ]
    # a candidate explained on the right side is drawn on the right side only
    first = overlay.layers[0]
    assert cands[0].sides == ("right",) and all(p.side == "right" for p in first.points)


def test_the_rule_is_documented_with_the_same_numbers():
    doc = (ROOT / "docs" / "ranking.md").read_text(encoding="utf-8")
    module = ranking.__doc__ or ""
    for text in (doc, module):
        for number in (ranking.ESSENTIAL_WEIGHT, ranking.SPILLOVER_WEIGHT, ranking.OUTSIDE_PENALTY):
            assert re.search(rf"\b{number}\b", text), number
        assert "0.5 + intensity / 20" in text


@pytest.mark.parametrize(
    ("pain", "expected_any", "within"),
    [
        ({"elbow-outer-right": 7, "forearm-back-right": 5},
         {"supinator", "extensor-carpi-radialis-longus", "extensor-carpi-radialis-brevis", "brachioradialis"}, 3),
        ({"temple-right": 6, "neck-back-right": 6},
         {"upper-trapezius", "sternocleidomastoid", "suboccipitals", "splenius-capitis"}, 3),
        ({"low-back-left": 5, "buttock-left": 5}, {"quadratus-lumborum", "gluteus-medius", "iliocostalis"}, 3),
        ({"heel-left": 6}, {"soleus", "quadratus-plantae", "abductor-hallucis"}, 4),
    ],
)
def test_sanity_on_the_real_atlas(real_atlas, pain, expected_any, within):
    top = names(ranking.rank_candidates(real_atlas, pain, top=within))
    assert set(top) & expected_any, top
