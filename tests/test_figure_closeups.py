"""Close-ups on the map: what a close-up draws and how an overlay given on finer or coarser places lands in it."""

from __future__ import annotations

import pytest
from figure_helpers import muscles, names, trace

from bodymap.content.views import CHOICES, is_closeup
from bodymap.drawing.figure import (
    BASE_NAME,
    HIGHLIGHT_NAME,
    PAIN_LEVELS_NAME,
    PAIN_NAME,
    UNDERLAY_NAME,
    base_figure,
    build_figure,
    pain_opacity,
    to_lonlat,
)
from bodymap.reference.overlay import MuscleLayer, Overlay
from tests.synthetic import HEAD_SPOTS

HEAD = ("head-left",)
TEETH = "upper-teeth-left"
JAW = "cheek-jaw-left"


def _labels(fig) -> list[str]:
    return list(trace(fig, "Labels").text)


def _layer(atlas, essential=(), spillover=()) -> Overlay:
    """One hand-made muscle layer (the shipped content refers to no finer place yet)."""
    muscle = next(iter(atlas.muscles))
    return Overlay(layers=(MuscleLayer(muscle, "Test muscle", "muscle", 1, tuple(essential), tuple(spillover), ()),))


def test_the_head_closeup_draws_exactly_its_places_once_with_its_title(real_atlas):
    fig = base_figure(real_atlas, HEAD)
    body = trace(fig, BASE_NAME)
    assert list(body.locations) == list(real_atlas.drawn("head-left"))
    assert len(set(body.locations)) == len(body.locations)
    assert JAW not in body.locations and TEETH in body.locations
    assert _labels(fig) == ["<b>Head and neck, left</b>"]
    for feature in body.geojson["features"]:
        ring = {tuple(p) for p in feature["geometry"]["coordinates"][0]}
        outline = real_atlas.regions[feature["id"]].outline_in("head-left")
        assert ring == {to_lonlat(HEAD, "head-left", p) for p in outline}


@pytest.mark.parametrize("choice", [c for c, (_, views) in CHOICES.items() if is_closeup(views[0])])
def test_closeups_are_titled_by_view_and_side_without_left_right_labels(real_atlas, choice):
    label, views = CHOICES[choice]
    texts = _labels(base_figure(real_atlas, views))
    side = views[0].rsplit("-", 1)[1]
    assert len(texts) == len(views) and all(t.endswith(f", {side}</b>") for t in texts)
    assert "Left" not in texts and "Right" not in texts
    if choice.startswith("head"):
        assert texts == [f"<b>{label}</b>"]  # "Head and neck, left"


def test_the_body_views_keep_their_side_labels(real_atlas):
    texts = _labels(base_figure(real_atlas, ("front", "back")))
    assert texts.count("Left") == 2 and texts.count("Right") == 2


@pytest.mark.parametrize("choice", list(CHOICES))
def test_each_region_is_drawn_in_at_most_one_view_of_a_choice(real_atlas, choice):
    _, views = CHOICES[choice]
    drawn = [rid for view in views for rid in real_atlas.drawn(view)]
    assert len(drawn) == len(set(drawn)), f"{choice}: a region drawn in two of {views}"
    everything = Overlay(highlight=tuple(real_atlas.regions), pain=((JAW, 4), (TEETH, 7)))
    fig = build_figure(real_atlas, everything, JAW, views)
    for t in fig.data:
        if t.type == "choropleth" and t.name != UNDERLAY_NAME:
            assert len(set(t.locations)) == len(t.locations), f"{choice}: {t.name} repeats a location"
            assert set(t.locations) <= set(drawn), t.name
    assert list(trace(fig, BASE_NAME).locations) == drawn
    assert list(trace(fig, UNDERLAY_NAME).locations) == [f"silhouette-{v}" for v in views]


def test_a_finer_essential_zone_colours_its_parent_in_the_body_view_and_itself_in_the_closeup(real_atlas):
    overlay = _layer(real_atlas, essential=(TEETH,))
    name = "Test muscle: pain often felt here"
    assert list(trace(build_figure(real_atlas, overlay, None, ("front", "back")), name).locations) == [JAW]
    assert list(trace(build_figure(real_atlas, overlay, None, HEAD), name).locations) == [TEETH]
    assert name not in names(build_figure(real_atlas, overlay, None, ("head-right",)))


def test_a_coarse_spillover_zone_spreads_over_its_places_but_not_over_an_essential_one(real_atlas):
    overlay = _layer(real_atlas, essential=(TEETH,), spillover=(JAW,))
    fig = build_figure(real_atlas, overlay, None, HEAD)
    assert list(trace(fig, "Test muscle: pain often felt here").locations) == [TEETH]
    spill = list(trace(fig, "Test muscle: pain sometimes felt here").locations)
    assert spill == [r for r in real_atlas.children(JAW) if r != TEETH]
    front = build_figure(real_atlas, overlay, None, ("front",))
    assert list(trace(front, "Test muscle: pain often felt here").locations) == [JAW]
    assert "Test muscle: pain sometimes felt here" not in names(front)  # the jaw is essential there


def test_pain_on_a_parent_fills_all_its_places_in_the_closeup(real_atlas):
    overlay = Overlay(pain=((JAW, 5),))
    fig = build_figure(real_atlas, overlay, None, HEAD)
    places = real_atlas.children(JAW)
    assert len(places) >= 2
    assert list(trace(fig, f"{PAIN_NAME} ({pain_opacity(5):g})").locations) == list(places)
    levels = trace(fig, PAIN_LEVELS_NAME)
    assert list(levels.customdata) == list(places) and set(levels.text) == {"<b>5</b>"}
    front = build_figure(real_atlas, overlay, None, ("front", "back"))
    assert list(trace(front, PAIN_LEVELS_NAME).customdata) == [JAW]


def test_pain_on_two_places_rolls_up_to_their_parent_once_with_the_higher_level(real_atlas):
    overlay = Overlay(pain=((TEETH, 3), ("lower-teeth-left", 8)))
    levels = trace(build_figure(real_atlas, overlay, None, ("front",)), PAIN_LEVELS_NAME)
    assert (list(levels.customdata), list(levels.text)) == ([JAW], ["<b>8</b>"])
    levels = trace(build_figure(real_atlas, overlay, None, HEAD), PAIN_LEVELS_NAME)
    assert list(levels.customdata) == [TEETH, "lower-teeth-left"]


def test_a_highlighted_place_is_hatched_on_its_parent_in_the_body_view(real_atlas):
    overlay = Overlay(highlight=(TEETH,))
    assert list(trace(build_figure(real_atlas, overlay, None, ("front",)), HIGHLIGHT_NAME).locations) == [JAW]
    assert list(trace(build_figure(real_atlas, overlay, None, HEAD), HIGHLIGHT_NAME).locations) == [TEETH]


# -- trigger points placed in a close-up (synthetic: the shipped content places none yet)


@pytest.fixture(scope="module")
def atlas(make_atlas):
    return make_atlas(regions=["temple", "jaw"], midline=["chin"], closeup=True,
                      muscles={"masseter": [("jaw", ["upper-teeth"], ["chin"], [("head", HEAD_SPOTS["upper-teeth"])])]},
                      names={"masseter": "Masseter"})


@pytest.mark.parametrize("side", ["left", "right"])
def test_a_point_with_also_at_is_marked_in_the_closeup_on_the_place_under_it(atlas, side):
    overlay = muscles(atlas, ("masseter", side))
    views = (f"head-{side}",)
    points = trace(build_figure(atlas, overlay, None, views), "Masseter: trigger points")
    x, y = HEAD_SPOTS["upper-teeth"]
    at = (x if side == "left" else -x, y)
    assert list(zip(points.lon, points.lat, strict=True)) == [to_lonlat(views, views[0], at)]
    assert list(points.customdata) == [f"upper-teeth-{side}"]
    front = trace(build_figure(atlas, overlay, None, ("front",)), "Masseter: trigger points")
    assert list(front.customdata) == [f"jaw-{side}"]
    assert (front.lon[0], front.lat[0]) == to_lonlat(("front",), "front", atlas.placed("masseter", side)[0].at)


def test_the_other_sides_closeup_shows_no_point_and_no_zone(atlas):
    fig = build_figure(atlas, muscles(atlas, ("masseter", "left")), None, ("head-right",))
    points = trace(fig, "Masseter: trigger points")
    assert list(points.lon) == [None]  # only its legend entry
    assert "Masseter: pain often felt here" not in names(fig)
    spill = trace(fig, "Masseter: pain sometimes felt here")
    assert list(spill.locations) == ["chin"]  # a midline place is drawn in both sides' close-ups


def test_the_synthetic_closeup_overlay_rolls_up_and_spreads(atlas):
    overlay = muscles(atlas, ("masseter", "left"))
    front = build_figure(atlas, overlay, None, ("front",))
    assert list(trace(front, "Masseter: pain often felt here").locations) == ["jaw-left"]
    head = build_figure(atlas, Overlay(pain=(("jaw-left", None),)), None, HEAD)
    assert list(trace(head, PAIN_LEVELS_NAME).customdata) == ["upper-teeth-left", "lower-teeth-left"]
