"""The body map in a real Chromium against a real `streamlit run app.py`: clicks, taps, hover, overlays."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from bodymap.drawing import palette
from tests.support.live_app import CHART, rerun, wait_hover

from .helpers import (
    assert_no_exception,
    chart_traces,
    click_region,
    frame_xy,
    hover_label,
    open_app,
    region_xy,
    selected_in_chart,
    tap_region,
    wait_chosen,
)

pytestmark = pytest.mark.browser

#: Both views, large and small regions (temple, eye, ankle, heel), both sides and the midline.
CLICKED = (
    "temple-left", "eye-right", "forehead", "ankle-outer-right", "ankle-inner-left", "hand-palm-left",
    "knee-front-right", "crown", "heel-left", "sole-right", "neck-back-left", "sacrum", "elbow-back-right",
    "calf-left",
)
MUSCLE = "upper-trapezius"


def _panel_names(page, text: str) -> None:
    expect(page.locator(".st-key-panel-title").get_by_text(text, exact=True)).to_be_visible()


def _wait_selected(page, region_id: str) -> None:
    wait_chosen(page, [region_id])


def _drawn(page) -> int:
    """The serial of the figure on the page (`layout.meta.drawn`): it changes only when the server writes a new one."""
    return page.evaluate(f"() => document.querySelector('{CHART}').layout.meta.drawn")


@pytest.fixture(scope="module")
def map_page(module_page, app_url):
    """One page for the module's clicks, opened once (a fresh page per click would double the runtime)."""
    open_app(module_page, app_url)
    return module_page


@pytest.mark.timeout(60)
def test_the_map_opens_without_errors(map_page, atlas, artifacts):
    assert_no_exception(map_page)
    map_page.screenshot(path=str(artifacts / "default.png"), full_page=True)
    assert {atlas.regions[r].view for r in CLICKED} == {"front", "back"}


@pytest.mark.timeout(60)
@pytest.mark.parametrize("region_id", CLICKED)
def test_a_click_inside_a_region_selects_exactly_that_region(map_page, atlas, region_id):
    page = map_page
    drawn = _drawn(page)
    click_region(page, region_id, atlas)
    _panel_names(page, f"Selected: {atlas.regions[region_id].label}")
    _wait_selected(page, region_id)
    assert_no_exception(page)
    # Plotly's own selection shows the region chosen: the server wrote no new figure for the click.
    assert selected_in_chart(page) == [region_id]
    assert _drawn(page) == drawn


@pytest.mark.timeout(60)
def test_the_selected_region_is_named_on_hover(map_page, atlas, artifacts):
    page, region_id = map_page, CLICKED[-1]
    if selected_in_chart(page) != [region_id]:
        click_region(page, region_id, atlas)  # run on its own (e.g. with -k)
        _wait_selected(page, region_id)
    x, y = region_xy(page, region_id, atlas)
    page.mouse.move(x + 1, y)  # hover again after the rerun redrew the chart: the name shows in the screenshot
    expect(hover_label(page)).to_have_text(atlas.regions[region_id].label)
    page.screenshot(path=str(artifacts / "selected.png"), full_page=True)
    assert page.outside_requests == []  # the topojson stub is served by the app: nothing leaves it


@pytest.mark.timeout(60)
def test_a_second_click_on_the_chosen_region_unselects_it_and_a_third_chooses_it_again(page, app_url, atlas):
    open_app(page, app_url)
    label = atlas.regions["chest-left"].label
    for n in (1, 2, 3):
        click_region(page, "chest-left", atlas)
        if n == 2:  # plotly unselects a chosen point on a second click: the panel closes with it
            _panel_names(page, "Where do you feel pain?")
            wait_chosen(page, [])
        else:
            _panel_names(page, f"Selected: {label}")
            _wait_selected(page, "chest-left")
    assert _drawn(page) == 0  # and none of it needed a new figure
    assert_no_exception(page)


@pytest.mark.timeout(90)
def test_a_region_chosen_again_by_search_after_a_tap_moved_away_is_drawn_chosen(page, app_url, atlas):
    """A link or search choice needs a new figure (the page does not show it yet); a tap then moves the choice on
    the page only; choosing the first region again must still reach the page (a new figure, not the old one)."""
    open_app(page, app_url, "?region=neck-back-left")
    _wait_selected(page, "neck-back-left")
    click_region(page, "calf-left", atlas)
    _wait_selected(page, "calf-left")
    before = _drawn(page)
    search = page.locator(".st-key-search input")
    with rerun(page):
        search.fill(atlas.regions["neck-back-left"].label)
        search.press("Enter")
    with rerun(page):
        page.locator(".st-key-hit-region-neck-back-left button").click()
    _panel_names(page, f"Selected: {atlas.regions['neck-back-left'].label}")
    _wait_selected(page, "neck-back-left")
    assert _drawn(page) > before
    assert_no_exception(page)


_TEXT_FILLS_JS = """(sel) => [...document.querySelectorAll(sel + ' .trace.scattergeo text')]
    .map(t => getComputedStyle(t).fill)"""
_TEXT_LOOKS_JS = """(sel) => [...document.querySelectorAll(sel + ' .trace.scattergeo text')]
    .map(t => { const c = getComputedStyle(t);
                return [t.textContent, c.fill, parseFloat(c.fontSize), c.fontWeight]; })"""


@pytest.mark.timeout(60)
def test_choosing_a_region_fades_nothing_but_the_region(page, app_url, atlas):
    """Plotly fades the points of other traces when one is selected; the view titles and side labels keep
    their colour (see `keep_text`)."""
    open_app(page, app_url)
    # WCAG large text (>= 18.66 px bold) at >= 3:1 on the page's white: the titles and Left/Right are drawn in
    # Streamlit's grey theme colour, too faint for small text.
    for text, fill, size, weight in page.evaluate(_TEXT_LOOKS_JS, CHART):
        rgb = "#" + "".join(f"{int(c):02x}" for c in re.findall(r"\d+", fill)[:3])
        assert size >= 18.66 and int(weight) >= 700, (text, size, weight)
        assert palette.contrast_ratio(rgb, palette.LIGHT_BACKGROUND) >= 3.0, (text, rgb)
    before = page.evaluate(_TEXT_FILLS_JS, CHART)
    assert len(before) >= 6  # Front, Back, and Left/Right under each
    click_region(page, "chest-left", atlas)
    _wait_selected(page, "chest-left")
    assert page.evaluate(_TEXT_FILLS_JS, CHART) == before


@pytest.mark.timeout(60)
def test_hover_shows_the_region_name(page, app_url, atlas):
    open_app(page, app_url)
    for region_id in ("temple-right", "low-back-left", "thigh-front-left"):
        x, y = region_xy(page, region_id, atlas)
        page.mouse.move(x, y)
        wait_hover(page, atlas.regions[region_id].label)
    expect(hover_label(page)).to_have_text(atlas.regions["thigh-front-left"].label)


@pytest.mark.timeout(90)
def test_muscle_overlay_shows_points_and_zones_and_keeps_regions_clickable(page, app_url, atlas, artifacts):
    open_app(page, app_url, f"?muscle={MUSCLE}")
    assert_no_exception(page)
    placed = [p for side in ("left", "right") for p in atlas.placed(MUSCLE, side)]
    def drawn(ids):  # finer places show on their parent in the body views (unit-tested in test_figure_closeups)
        return {s for r in ids for v in ("front", "back") for s in atlas.shown_in(r, v)}

    essential = drawn(r for p in placed for r in p.essential)
    spillover = drawn(r for p in placed for r in p.spillover) - essential
    traces = chart_traces(page)
    zones = {t["name"]: set(t["locations"]) for t in traces if t["type"] == "choropleth"}
    name = atlas.muscles[MUSCLE].name
    assert zones[f"{name}: pain often felt here"] == essential
    if spillover:
        assert zones[f"{name}: pain sometimes felt here"] == spillover
    marks = [t for t in traces if t["name"] == f"{name}: trigger points"]
    assert len(marks) == 1 and len(marks[0]["hovertext"]) == len(placed)
    page.screenshot(path=str(artifacts / "muscle-overlay.png"), full_page=True)

    # Hovering a trigger point names the muscle and the point.
    point = placed[0]
    region = atlas.regions[point.region]
    x, y = frame_xy(page, region.view, point.at)
    page.mouse.move(x, y)
    expect(hover_label(page)).to_have_text(f"{name} — {point.point.label}")

    # A region under a referral zone still selects on click.
    target = sorted(essential)[0]
    click_region(page, target, atlas)
    _panel_names(page, f"Selected: {atlas.regions[target].label}")
    _wait_selected(page, target)
    assert_no_exception(page)


@pytest.mark.timeout(90)
def test_phone_width_fits_and_taps_select(phone_page, app_url, atlas, artifacts):
    page = phone_page
    open_app(page, app_url)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(artifacts / "phone.png"), full_page=True)
    for region_id, view in (("chest-left", None), ("calf-right", "Back")):
        if view:  # a phone shows one view at a time: the back is one tap away
            with rerun(page):
                page.locator(".st-key-view-pick-body").get_by_role("radio", name=view).tap()
            page.wait_for_function(f"() => document.querySelector('{CHART}')?.layout?.meta?.views?.join() === 'back'")
        tap_region(page, region_id, atlas)
        _panel_names(page, f"Selected: {atlas.regions[region_id].label}")
        _wait_selected(page, region_id)
    assert_no_exception(page)

