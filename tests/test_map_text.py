"""The map's content as text (bodymap.reference.map_text): what the map draws, in plain lines."""

from __future__ import annotations

import pytest
from figure_helpers import muscles, small_atlas

from bodymap.reference import showing
from bodymap.reference.lookup import region_overlay
from bodymap.reference.map_text import AREA_CHOSEN, NOTHING_YET, map_lines, view_name
from bodymap.reference.overlay import MuscleLayer, Overlay
from bodymap.reference.screen import Screen, Subject


@pytest.fixture
def atlas(make_atlas):
    return small_atlas(make_atlas)


def test_an_empty_map_names_its_views_and_says_how_to_start(atlas):
    assert map_lines(atlas, Overlay(), None, ("front", "back")) == ("Views shown: Front and Back.", NOTHING_YET)


def test_view_names_read_as_on_the_map():
    assert view_name("front") == "Front"
    assert view_name("back-upper") == "Upper body, back"
    assert view_name("head-left") == "Head and neck, left"
    assert view_name("hand-palm-right") == "Palm, right"


def test_the_area_chosen_is_named(atlas):
    assert map_lines(atlas, Overlay(highlight=("neck-left",)), "neck-left", ("front",)) == (
        "Views shown: Front.", f"{AREA_CHOSEN}: Neck (left).")


def test_each_muscle_with_where_its_pain_is_often_and_sometimes_felt_and_its_points(atlas):
    lines = map_lines(atlas, muscles(atlas, "trap"), None, ("front",))
    assert lines[1:] == (
        # temple is in both zones: it counts as "often" only, as on the map
        "Upper trapezius: pain often felt at Temple (left) and Temple (right); "
        "sometimes at Jaw (left) and Jaw (right).",
        "Upper trapezius, trigger points shown: Point 1 (left side); Point 1 (right side).",
    )


def test_several_muscles_keep_their_numbers_and_the_focus_point_is_told(atlas):
    lines = map_lines(atlas, muscles(atlas, "trap", ("scm", "left")), None, ("front",), focus_point=("scm", "tp2"))
    assert lines[1].startswith("1. Upper trapezius: pain often felt at Temple (left)")
    assert lines[3] == "2. Scm: pain often felt at Neck (left) and Ear (left); sometimes at Sternum."
    assert lines[4] == "2. Scm, trigger points shown: Point 1 (left side); Point 2 (left side, shown larger)."


def test_what_lies_outside_the_views_shown_is_said_not_listed(atlas):
    assert map_lines(atlas, muscles(atlas, "trap"), None, ("back",))[1:] == (
        "Upper trapezius: where its pain is felt is not in the views shown.",
        "Upper trapezius, trigger points: none in the views shown.",
    )


def test_marked_pain_with_levels_and_other_outlined_places(atlas):
    overlay = Overlay(pain=(("jaw-left", 2), ("sternum", None), ("no-such-place", 3)),
                      highlight=("ear-right", "jaw-left", "unknown"))
    assert map_lines(atlas, overlay, None, ("front",), highlight_label="Where it is usually felt") == (
        "Views shown: Front.",
        "Where it is usually felt: Ear (right).",  # the marked jaw has its own line
        "Marked as painful: Jaw (left), 2/10; Sternum, no level.",
    )


def test_trigger_points_lying_in_the_area_are_named_with_their_muscle(atlas):
    overlay = region_overlay(atlas, "neck-left")
    lines = map_lines(atlas, overlay, "neck-left", ("front",))
    assert "Trigger points lying here: Upper trapezius: Point 1 (left side); Scm: Point 2 (left side)." in lines


def test_unknown_muscles_are_left_out(atlas):
    ghost = MuscleLayer(muscle="ghost", name="Ghost", role="muscle", number=2, essential=("ear-left",), spillover=(),
                        points=())
    assert not any("Ghost" in line for line in map_lines(atlas, Overlay(layers=(ghost,)), None, ("front",)))


def test_on_the_shipped_map_a_close_up_place_rolls_up_as_drawn(real_atlas):
    """Teeth are drawn in the head close-up; on the whole body they stand as the jaw (as the map draws them)."""
    teeth, label = "upper-teeth-left", "Where it is usually felt"
    closeup = map_lines(real_atlas, Overlay(highlight=(teeth,)), None, ("head-left",), highlight_label=label)
    assert closeup == ("Views shown: Head and neck, left.", f"{label}: {real_atlas.regions[teeth].label}.")
    jaw = real_atlas.shown_in(teeth, "front")
    assert jaw and jaw != (teeth,)
    body = map_lines(real_atlas, Overlay(highlight=(teeth,)), None, ("front",), highlight_label=label)
    assert body[1] == f"{label}: {real_atlas.regions[jaw[0]].label}."
    screen = Screen(subject=Subject("muscle", "supinator"))
    lines = map_lines(real_atlas, showing.overlay_for(real_atlas, screen), None, ("front", "back"))
    assert lines[1].startswith("Supinator: pain often felt at Outer elbow (left)")
    assert any(line.startswith("Supinator, trigger points shown: ") for line in lines)
