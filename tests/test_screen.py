"""The screen model: every transition, what a screen shows and draws, and presentation steps (no server)."""

from __future__ import annotations

import pytest

from bodymap.reference import screen as sm
from bodymap.reference import showing
from bodymap.reference.lookup import condition_overlay, muscle_overlay, region_overlay
from bodymap.reference.ranking import pain_overlay, rank_candidates
from bodymap.reference.screen import Screen, Subject


@pytest.fixture(scope="module")
def atlas(make_atlas):
    return make_atlas(
        regions=["temple", "jaw", "neck", "calf"],
        midline=["sternum"],
        muscles={"trap": [("neck", ["temple"], ["jaw"])], "scm": [("neck", ["temple"], ["sternum"])],
                 "masseter": [("jaw", ["jaw"], [])]},
        conditions={"headache": {"regions": ["temple"], "primary": ["trap"], "also": ["scm", "masseter"]}},
    )


# Transitions -------------------------------------------------------------------------------------------


def test_open_region_shows_its_panel_and_resets_focus_and_step():
    before = Screen(page="pain", focus_point=("trap", "tp1"), step=3, presenting=True)
    after = sm.open_region(before, "jaw-left")
    assert after.page == "explore" and after.subject == Subject("region", "jaw-left")
    assert after.focus_point is None and after.step == 1 and after.presenting  # presenting is kept
    assert before.subject is None  # values are immutable: the old screen is unchanged


def test_open_muscle_keeps_where_it_was_opened_from():
    after = sm.open_muscle(Screen(), "trap", "neck-left")
    assert after.subject == Subject("muscle", "trap", from_region="neck-left")
    assert sm.open_muscle(Screen(), "trap").subject.from_region is None


def test_open_condition():
    after = sm.open_condition(Screen(page="guide"), "headache")
    assert after.page == "explore" and after.subject == Subject("condition", "headache")


def test_a_tap_opens_a_region_or_marks_pain_by_page():
    assert sm.tap_region(Screen(), "jaw-left").subject == Subject("region", "jaw-left")
    on_pain = sm.tap_region(Screen(page="pain"), "jaw-left")
    assert on_pain.pain == (("jaw-left", None),) and on_pain.subject is None
    assert sm.tap_region(on_pain, "jaw-left").pain == ()


def test_toggle_pain_keeps_order_and_caps_the_count():
    s = Screen(page="pain")
    for i in range(sm.MAX_PAIN + 3):
        s = sm.toggle_pain(s, f"r{i}")
    assert len(s.pain) == sm.MAX_PAIN and s.pain[0] == ("r0", None)
    s = sm.toggle_pain(s, "r1")
    assert [r for r, _ in s.pain][:2] == ["r0", "r2"]


def test_mark_pain_keeps_known_levels_and_order():
    s = sm.set_level(sm.mark_pain(Screen(), ["a", "b"]), "b", 6)
    s = sm.mark_pain(s, ["c", "b", "c"])
    assert s.pain == (("c", None), ("b", 6))


def test_set_level_checks_the_range_and_ignores_unmarked_places():
    s = sm.mark_pain(Screen(), ["a"])
    assert sm.set_level(s, "a", 0).pain == (("a", 0),)
    assert sm.set_level(s, "a", None).pain == (("a", None),)
    assert sm.set_level(s, "zzz", 5) == s
    with pytest.raises(ValueError):
        sm.set_level(s, "a", 11)


def test_clear_pain_and_set_page():
    s = sm.mark_pain(Screen(step=2), ["a"])
    assert sm.clear_pain(s).pain == ()
    assert sm.set_page(Screen(step=4), "guide") == Screen(page="guide")
    with pytest.raises(ValueError):
        sm.set_page(Screen(), "admin")


def test_side_views_and_focus():
    assert sm.set_side(Screen(), "left").side == "left"
    assert sm.set_side(Screen(side="left"), None).side is None
    with pytest.raises(ValueError):
        sm.set_side(Screen(), "up")
    assert sm.set_views(Screen(), ("back",)).views == ("back",)
    for bad in ((), ("front", "front"), ("side",)):
        with pytest.raises(ValueError):
            sm.set_views(Screen(), bad)
    assert sm.focus_on(Screen(), ("trap", "tp1")).focus_point == ("trap", "tp1")


def test_presenting_and_steps_are_clamped():
    s = sm.start_presenting(Screen(step=5))
    assert s.presenting and s.step == 1
    assert sm.next_step(s, 3).step == 2
    assert sm.next_step(sm.go_to_step(s, 3, 3), 3).step == 3
    assert sm.previous_step(s, 3).step == 1
    assert sm.go_to_step(s, 99, 0).step == 1
    assert sm.stop_presenting(sm.go_to_step(s, 2, 3)) == Screen()


# What a screen shows -------------------------------------------------------------------------------------


def test_shown_subject_by_page():
    s = Screen(subject=Subject("muscle", "trap", from_region="neck-left"), side="right", pain=(("jaw-left", 3),))
    assert s.shown == Subject("muscle", "trap", side="right", from_region="neck-left")
    assert sm.set_page(s, "pain").shown == Subject("pain", pain=(("jaw-left", 3),))
    assert sm.set_page(s, "guide").shown is None
    assert sm.start_presenting(sm.set_page(s, "guide")).shown.kind == "muscle"
    region = Screen(subject=Subject("region", "jaw-left"), side="left")
    assert region.shown.side is None  # a region is one side already
    assert Screen(page="pain").shown is None


def test_the_map_and_the_handout_draw_the_same_overlay(atlas):
    """`overlay_for` (map) and `subject_overlay` (handout) agree for every kind of subject but a region."""
    cases = {
        Screen(subject=Subject("muscle", "trap", from_region="neck-left"), side="left"):
            muscle_overlay(atlas, "trap", "left", highlight=("neck-left",)),
        Screen(subject=Subject("condition", "headache")): condition_overlay(atlas, "headache"),
    }
    pain = {"temple-left": 7}
    cases[Screen(page="pain", pain=tuple(pain.items()))] = pain_overlay(atlas, pain, rank_candidates(atlas, pain))
    for screen, expected in cases.items():
        assert showing.overlay_for(atlas, screen) == expected
        assert sm.subject_overlay(atlas, screen.shown) == expected


def test_a_chosen_region_draws_nothing_over_the_map_until_a_point_is_chosen(atlas):
    """The map shows a region as chosen (plotly's selection), so a tap on another region changes nothing
    drawn; the handout, which cannot show a selection, hatches it and marks the points lying there."""
    screen = Screen(subject=Subject("region", "neck-left"))
    assert showing.overlay_for(atlas, screen).layers == () and showing.overlay_for(atlas, screen).highlight == ()
    assert showing.overlay_for(atlas, screen).points == ()
    assert showing.selected_region(screen) == "neck-left"
    handout = sm.subject_overlay(atlas, screen.shown)
    assert handout == region_overlay(atlas, "neck-left") and handout.highlight == ("neck-left",)
    point = (handout.points[0][1].muscle, handout.points[0][1].point.id)
    focused = showing.overlay_for(atlas, sm.focus_on(screen, point))
    assert focused.points == handout.points and focused.highlight == ()
    assert showing.selected_region(sm.start_presenting(screen)) is None  # steps hatch it instead


def test_a_second_tap_on_the_chosen_region_closes_it_on_the_explore_page_only():
    open_ = sm.tap_region(Screen(), "jaw-left")
    assert sm.untap(open_).subject is None
    muscle = sm.open_muscle(Screen(), "trap")
    assert sm.untap(muscle) == muscle
    pain = sm.tap_region(Screen(page="pain"), "jaw-left")
    assert sm.untap(pain) == pain


def test_unknown_ids_draw_nothing(atlas):
    assert showing.overlay_for(atlas, Screen(subject=Subject("muscle", "gone"))).layers == ()
    assert showing.overlay_for(atlas, Screen(page="pain", pain=(("gone", 2),))).pain == ()
    assert sm.valid_subject(atlas, Subject("pain", pain=(("gone", 1), ("jaw-left", 2)))).pain == (("jaw-left", 2),)


def test_selected_region_and_highlight_label():
    assert showing.selected_region(Screen(subject=Subject("region", "jaw-left"))) == "jaw-left"
    assert showing.selected_region(Screen(subject=Subject("muscle", "trap"))) is None
    assert showing.highlight_label(Screen(subject=Subject("condition", "headache"))) == showing.USUALLY_FELT
    assert showing.highlight_label(Screen()) == showing.AREA_CHOSEN


def test_revealing_the_chosen_area_switches_a_view_that_cannot_show_it(atlas):
    back_only = Screen(subject=Subject("region", "jaw-left"), views=("back",))
    assert showing.reveal(atlas, back_only).views == ("front",)  # the synthetic regions are all on the front
    assert showing.reveal(atlas, sm.set_views(Screen(), ("back",))).views == ("back",)  # nothing chosen
    assert showing.reveal(atlas, Screen()) == Screen()
    pain = Screen(page="pain", pain=(("jaw-left", None),), views=("back",))
    assert showing.reveal(atlas, pain).views == ("front",)
    assert showing.views_for(atlas, back_only) == ("back",)  # drawing follows the screen as it is


def test_reveal_and_zoom_with_close_ups(real_atlas):
    a = real_atlas
    teeth = Screen(subject=Subject("region", "upper-teeth-left"))
    assert showing.reveal(a, teeth) == teeth  # the body views show the teeth on the cheek and jaw
    in_hand = sm.set_views(teeth, ("hand-palm-left", "hand-back-left"))
    assert showing.reveal(a, in_hand).views == ("head-left",)  # its own view: the head close-up
    thumb = sm.set_views(Screen(subject=Subject("region", "thumb-back-right")), ("head-left",))
    assert showing.reveal(a, thumb).views == ("hand-back-right",)  # a one-view screen gets one view
    assert showing.closeup_for(a, "cheek-jaw-left") == "head-left"
    assert showing.closeup_for(a, "temple-right") == "head-right"
    assert showing.closeup_for(a, "hand-palm-left") == "hand-left"
    assert showing.closeup_for(a, "hand-palm-left", single=True) == "hand-palm-left"
    assert showing.closeup_for(a, "heel-right") == "foot-right"
    assert showing.closeup_for(a, "chest-left") is None and showing.closeup_for(a, "nowhere") is None


# Presentation steps ------------------------------------------------------------------------------------


def test_condition_steps_show_one_muscle_each_with_its_role(atlas):
    title, steps = showing.steps_for(atlas, Screen(subject=Subject("condition", "headache"), presenting=True))
    assert title == "Headache"
    assert [(s.muscle, s.label) for s in steps] == [
        ("trap", "1 of 3 · main"), ("scm", "2 of 3 · also common"), ("masseter", "3 of 3 · also common")]
    assert [lay.muscle for lay in steps[1].overlay.layers] == ["scm"]


def test_region_steps_are_the_referring_muscles(atlas):
    title, steps = showing.steps_for(atlas, Screen(subject=Subject("region", "jaw-left")))
    assert title.startswith("Pain felt at ")
    assert [s.muscle for s in steps] == ["masseter", "trap"]
    assert steps[0].label == "1 of 2 · sends pain here often"
    assert steps[1].label == "2 of 2 · sends pain here sometimes"
    assert all(s.overlay.highlight == ("jaw-left",) for s in steps)


def test_muscle_and_pain_steps(atlas):
    _, steps = showing.steps_for(atlas, Screen(subject=Subject("muscle", "trap")))
    assert [(s.muscle, s.label) for s in steps] == [("trap", "Muscle")]
    title, steps = showing.steps_for(atlas, Screen(page="pain", pain=(("temple-left", 8),)))
    assert title == "Where it hurts" and {s.muscle for s in steps} == {"trap", "scm"}
    assert steps[0].label.startswith("Candidate 1 of 2") and steps[0].overlay.pain == (("temple-left", 8),)
    assert showing.steps_for(atlas, Screen()) == ("", ())


def test_presenting_draws_the_current_step(atlas):
    s = Screen(subject=Subject("condition", "headache"), presenting=True, step=2)
    assert [lay.muscle for lay in showing.overlay_for(atlas, s).layers] == ["scm"]
    far = Screen(subject=Subject("condition", "headache"), presenting=True, step=9)
    assert [lay.muscle for lay in showing.overlay_for(atlas, far).layers] == ["masseter"]
