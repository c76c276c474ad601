"""Close-ups in a real browser: every close-up opens from a link and its places answer clicks; zooming in from
the body and back; on a phone, every place of the body is large enough to tap in at least one view."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from bodymap.content.views import CHOICES, is_closeup
from tests.support.live_app import CHART, rerun

from .helpers import assert_no_exception, click_region, open_app, selected_in_chart, tap_region

pytestmark = pytest.mark.browser

#: Each close-up shown on its own (one view: one chart frame to aim at).
CLOSE_UPS = [cid for cid, (_, views) in CHOICES.items() if len(views) == 1 and is_closeup(views[0])]
#: Views a phone shows one at a time: the body's, its crops and the close-ups.
ONE_VIEW = [cid for cid, (_, views) in CHOICES.items() if len(views) == 1]
MIN_TAP_PX = 24


def _title_is(page, text: str) -> None:
    expect(page.locator(".st-key-panel-title").get_by_text(text, exact=True)).to_be_visible()


def _selected(page) -> list[str]:
    return selected_in_chart(page)


def _spread(places: tuple[str, ...]) -> list[str]:
    """First, middle and last place of a view: three clicks that cover its extent."""
    return list(dict.fromkeys((places[0], places[len(places) // 2], places[-1])))


@pytest.mark.timeout(120)
@pytest.mark.parametrize("choice", CLOSE_UPS)
def test_a_close_up_opens_from_its_link_and_its_places_answer_clicks(module_page, app_url, atlas, choice):
    page = module_page
    open_app(page, app_url, f"?view={choice}")
    (view,) = CHOICES[choice][1]
    expect(page.locator(CHART)).to_have_count(1)
    assert page.evaluate(f"() => document.querySelector('{CHART}').layout.meta.views") == [view]
    for region_id in _spread(atlas.drawn(view)):
        click_region(page, region_id, atlas)
        _title_is(page, f"Selected: {atlas.regions[region_id].label}")
        assert _selected(page) == [region_id]
        assert f"region={region_id}" in page.url and f"view={choice}" in page.url
    assert_no_exception(page)


@pytest.mark.timeout(120)
def test_zoom_into_the_head_from_the_body_and_back(page, app_url, atlas, artifacts):
    open_app(page, app_url, "?region=cheek-jaw-left")
    with rerun(page):
        page.get_by_role("button", name="Zoom in: Head and neck, left →").click()
    page.wait_for_function(f"() => document.querySelector('{CHART}')?.layout?.meta?.views?.join() === 'head-left'")
    # the parent is selected by all of its places in the close-up
    assert set(_selected(page)) == set(atlas.children("cheek-jaw-left"))
    click_region(page, "upper-teeth-left", atlas)
    _title_is(page, "Selected: Upper teeth (left)")
    expect(page.locator(".st-key-panel")).to_contain_text("Masseter")  # refers to the upper teeth
    page.screenshot(path=str(artifacts / "closeup-head.png"))
    with rerun(page):
        page.get_by_role("button", name="← Whole body").click()
    page.wait_for_function(f"() => document.querySelector('{CHART}')?.layout?.meta?.views?.join() === 'front,back'")
    assert _selected(page) == ["cheek-jaw-left"]  # the teeth are shown on the cheek and jaw of the body
    assert "view=" not in page.url
    assert_no_exception(page)


@pytest.mark.timeout(300)
def test_on_a_phone_every_place_is_large_enough_to_tap_in_some_view(phone_page, app_url, atlas):
    page = phone_page
    best: dict[str, float] = {}
    for choice in ONE_VIEW:
        open_app(page, app_url, f"?view={choice}")
        sizes = page.evaluate(
            """sel => {
                const gd = document.querySelector(sel), out = {};
                gd.querySelectorAll('.choroplethlocation').forEach(path => {
                    const id = path.__data__?.loc, box = path.getBoundingClientRect();
                    if (id && path.closest('.trace')?.__data__?.[0]?.trace?.name === 'Body')
                        out[id] = Math.min(box.width, box.height);
                });
                return out;
            }""", CHART)
        assert sizes, choice
        for region_id, size in sizes.items():
            best[region_id] = max(best.get(region_id, 0.0), size)
    assert set(best) == set(atlas.regions)  # every place is drawn (and tappable) in some view
    small = {r: round(s, 1) for r, s in best.items() if s < MIN_TAP_PX}
    assert not small, f"smaller than {MIN_TAP_PX} px in every view on a 390 px phone: {small}"


@pytest.mark.timeout(120)
@pytest.mark.parametrize("choice", CLOSE_UPS)
def test_a_tap_in_a_close_up_on_a_phone(phone_page, app_url, atlas, artifacts, choice):
    page = phone_page
    open_app(page, app_url, f"?view={choice}")
    places = atlas.drawn(CHOICES[choice][1][0])
    region = places[len(places) // 3]
    tap_region(page, region, atlas)
    _title_is(page, f"Selected: {atlas.regions[region].label}")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    # the panel follows the map (no search box or lists in between on a phone)
    panel_top = page.locator(".st-key-panel").bounding_box()["y"]
    chart = page.locator(CHART).bounding_box()
    assert panel_top - (chart["y"] + chart["height"]) < 250
    page.screenshot(path=str(artifacts / f"phone-{choice}.png"))
    assert_no_exception(page)
