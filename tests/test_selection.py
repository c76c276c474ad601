"""region_from_event: raw st.plotly_chart selection events -> region id (payloads captured from Chromium)."""

from __future__ import annotations

import pytest

from bodymap.drawing.selection import region_from_event

# Captured from the app in Chromium (streamlit 1.67, plotly 7): a click inside a region (the base
# choropleth), a click on a trigger-point marker, and a second click that unselects.
REGION_CLICK = {"selection": {"points": [{
    "curve_number": 0, "point_number": 2, "point_index": 2, "location": "temple-left", "z": 0,
    "ct": [-4.3147, 8.7163], "customdata": "temple-left", "text": "Temple (left)",
}], "point_indices": [2], "box": [], "lasso": []}}
MARKER_CLICK = {"selection": {"points": [{
    "curve_number": 7, "point_number": 0, "point_index": 0, "lon": 3.95, "lat": 6.1, "location": None,
    "customdata": "shoulder-top-left", "hovertext": "Upper trapezius — Top of the shoulder",
    "marker_size": 14, "marker_line.width": 1.3, "legendgroup": "muscle-0",
}], "point_indices": [0], "box": [], "lasso": []}}
UNSELECT = {"selection": {"points": [], "point_indices": [], "box": [], "lasso": []}}


class AttrDict(dict):
    """Like Streamlit's PlotlyState: a dict that also answers attribute access."""

    __getattr__ = dict.__getitem__


def test_a_click_inside_a_region_gives_its_location():
    assert region_from_event(REGION_CLICK) == "temple-left"


def test_a_click_on_a_trigger_point_gives_the_region_it_lies_in():
    assert region_from_event(MARKER_CLICK) == "shoulder-top-left"


def test_streamlit_state_objects_are_read_like_dicts():
    event = AttrDict(selection=AttrDict(points=REGION_CLICK["selection"]["points"]))
    assert region_from_event(event) == "temple-left"


def test_location_wins_over_customdata_and_lists_of_customdata_use_their_first_item():
    point = {"location": "calf-left", "customdata": "heel-left"}
    assert region_from_event({"selection": {"points": [point]}}) == "calf-left"
    assert region_from_event({"selection": {"points": [{"customdata": ["heel-left", "x"]}]}}) == "heel-left"


def test_the_first_point_naming_a_region_is_used():
    points = [{"lon": 1, "lat": 2}, {"customdata": 7}, {"location": "sacrum"}, {"location": "crown"}]
    assert region_from_event({"selection": {"points": points}}) == "sacrum"


def test_known_limits_the_answer_to_real_regions():
    assert region_from_event(REGION_CLICK, known={"temple-left"}) == "temple-left"
    assert region_from_event(REGION_CLICK, known={"temple-right"}) is None
    two = {"selection": {"points": [{"location": "nope"}, {"location": "temple-left"}]}}
    assert region_from_event(two, known={"temple-left"}) == "temple-left"


@pytest.mark.parametrize("event", [
    None, UNSELECT, {}, [], "temple-left", 42, {"selection": None}, {"selection": {}},
    {"selection": {"points": None}}, {"selection": {"points": "temple-left"}}, {"selection": {"points": {}}},
    {"selection": {"points": [None, 3, "x", []]}}, {"selection": {"points": [{}]}},
    {"selection": {"points": [{"location": None, "customdata": None}]}},
    {"selection": {"points": [{"customdata": []}]}},
    {"selection": {"points": [{"location": 12, "customdata": 3.5}]}},
    {"selection": {"points": [{"location": {"id": "temple-left"}}]}},
    {"points": REGION_CLICK["selection"]["points"]},
])
def test_empty_and_malformed_events_give_none(event):
    assert region_from_event(event) is None


@pytest.mark.parametrize("value", [
    "Temple-Left", "temple left", "<script>", "temple-left\n", "-temple", "1temple", "", "a" * 101,
    "javascript:alert(1)",
])
def test_values_that_are_not_ids_are_refused(value):
    assert region_from_event({"selection": {"points": [{"location": value, "customdata": value}]}}) is None


# When the chart's figure is written anew (bodymap.drawing.selection.to_draw) --------------------------------


def test_a_first_figure_is_written_with_the_chosen_region():
    from bodymap.drawing.selection import Drawn, to_draw

    assert to_draw(None, "d", "calf-left", None) == Drawn("d", "calf-left", 0)


def test_a_tap_that_only_chooses_another_region_keeps_the_figure_as_written():
    from bodymap.drawing.selection import to_draw

    first = to_draw(None, "d", None, None)
    # the page shows calf-left as chosen (plotly selected it on the tap): same drawing, so the same figure
    assert to_draw(first, "d", "calf-left", "calf-left") is first
    # a second tap unselects it on the page and the region closes: still nothing to send
    assert to_draw(first, "d", None, None) is first


def test_the_figure_is_written_anew_when_the_page_does_not_show_the_choice():
    from bodymap.drawing.selection import to_draw

    first = to_draw(None, "d", "calf-left", "calf-left")
    # chosen from a list while the page still shows another region
    listed = to_draw(first, "d", "heel-left", "calf-left")
    assert (listed.chosen, listed.serial) == ("heel-left", 1)
    # the same region chosen again after a tap moved the page away: a new serial, so the figure differs
    again = to_draw(to_draw(listed, "d", "crown", "crown"), "d", "heel-left", "crown")
    assert again.chosen == "heel-left" and again.serial == 2


def test_a_new_drawing_is_always_written():
    from bodymap.drawing.selection import to_draw

    first = to_draw(None, "d", "calf-left", "calf-left")
    moved = to_draw(first, "other", "calf-left", "calf-left")
    assert moved is not first and (moved.drawing, moved.chosen, moved.serial) == ("other", "calf-left", 1)
