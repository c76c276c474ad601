"""The app's main flows in a real Chromium against the shared `streamlit run app.py`: a patient, an
educator, a deep link, a hostile link and a phone."""

from __future__ import annotations

import io
import re
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from bodymap.reference.lookup import condition_muscles
from bodymap.reference.ranking import rank_candidates
from tests.support.live_app import CHART, rerun, watch_runs

from .helpers import assert_no_exception, chart_traces, click_region, open_app, tap_region

pytestmark = pytest.mark.browser

TITLE = ".st-key-panel-title"


def title_is(page, text: str) -> None:
    """Wait until the panel heading names `text`."""
    expect(page.locator(TITLE).get_by_text(text, exact=True)).to_be_visible()


def press(page, key: str, option: str | None = None) -> None:
    """Click the button of the widget with that key (or the option of a segmented control), then wait for the
    run it causes to end."""
    scope = page.locator(f".st-key-{key}")
    button = scope.get_by_role("radio", name=option) if option else scope.locator("button")
    with rerun(page):
        button.first.click()


def only(page, selector: str):
    """The one element matching `selector`, once a rerun has replaced any stale copy of it."""
    page.wait_for_function("sel => document.querySelectorAll(sel).length === 1", arg=selector)
    return page.locator(selector)


def url_query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def wait_query(page, key: str, value: str) -> None:
    page.wait_for_function("([k, v]) => new URLSearchParams(location.search).get(k) === v", arg=[key, value])


@pytest.mark.timeout(150)
def test_patient_flow_region_muscle_pain_and_handout(page, app_url, atlas, artifacts):
    open_app(page, app_url)
    region = "elbow-outer-right"
    click_region(page, region, atlas)
    title_is(page, f"Selected: {atlas.regions[region].label}")
    wait_query(page, "region", region)

    # A muscle from the panel's list of muscles that send pain here.
    press(page, f"refer-{region}-supinator")
    title_is(page, atlas.muscles["supinator"].name)
    wait_query(page, "muscle", "supinator")
    names = {t["name"] for t in chart_traces(page)}
    assert "Supinator: pain often felt here" in names and "Supinator: trigger points" in names
    page.screenshot(path=str(artifacts / "flow-muscle.png"))

    # "Where does it hurt?": two painful places marked on the map.
    press(page, "page-pick", "Where does it hurt?")
    title_is(page, "Mark where it hurts")
    page.wait_for_selector(f"{CHART} .choroplethlocation", state="attached")
    marked = ["elbow-outer-right", "forearm-back-right"]
    for n, rid in enumerate(marked, start=1):
        click_region(page, rid, atlas)
        page.wait_for_function(
            "([sel, n]) => (document.querySelector(sel)?.data?.find(t => t.name === 'Marked pain levels')"
            "?.customdata?.length || 0) === n", arg=[CHART, n])
    title_is(page, "Muscles that may explain your pain")
    wait_query(page, "pain", ",".join(marked))
    ranked = rank_candidates(atlas, dict.fromkeys(marked))
    shown = [page.locator(f".st-key-candidate-{c.muscle}") for c in ranked]
    for i, (box, c) in enumerate(zip(shown, ranked, strict=True), start=1):
        expect(box).to_have_text(re.compile("^" + re.escape(f"{i}. {c.name}")), use_inner_text=True)
    tops = [box.bounding_box()["y"] for box in shown]
    assert tops == sorted(tops)  # listed in rank order
    page.screenshot(path=str(artifacts / "flow-pain.png"))

    # The handout: a one-page PDF named after the result.
    with page.expect_download() as info:
        only(page, ".st-key-handout-pain").locator("button").first.click()
    download = info.value
    assert download.suggested_filename.startswith("bodymap-where-it-hurts-") and download.suggested_filename.endswith(
        ".pdf")
    with open(download.path(), "rb") as f:
        pdf = f.read()
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Where it hurts" in text and ranked[0].name in text
    assert_no_exception(page)
    assert page.outside_requests == []  # nothing (icons, fonts, maps) is fetched from elsewhere


@pytest.mark.timeout(120)
def test_educator_presents_a_condition_step_by_step(browser, app_url, atlas, artifacts):
    condition = "tennis-elbow"
    muscles = [atlas.muscles[m].name for m, _ in condition_muscles(atlas, condition)]
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    watch_runs(context)
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        open_app(page, app_url, f"?mode=present&condition={condition}")
        header = page.locator(".st-key-present-caption h2")
        expect(header.get_by_text(muscles[0], exact=True)).to_be_visible()
        expect(page.locator("header[data-testid=stHeader]")).to_be_hidden()  # chrome hidden
        size = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector("
                             "'.st-key-present-caption h2')).fontSize)")
        assert size >= 36  # readable from across a room
        assert page.locator(CHART).bounding_box()["height"] >= 700  # the map large
        press(page, "present-next")
        expect(header.get_by_text(muscles[1], exact=True)).to_be_visible()
        wait_query(page, "step", "2")
        marks = [t["name"] for t in chart_traces(page) if t["name"].endswith(": trigger points")]
        assert marks == [f"{muscles[1]}: trigger points"]  # one muscle in focus per step
        page.keyboard.press("ArrowRight")  # a presenter's clicker or keyboard
        expect(header.get_by_text(muscles[2], exact=True)).to_be_visible()
        press(page, "present-prev")
        expect(header.get_by_text(muscles[1], exact=True)).to_be_visible()
        page.screenshot(path=str(artifacts / "present.png"))
        assert_no_exception(page)
    finally:
        context.close()


@pytest.mark.timeout(60)
def test_a_deep_link_is_restored(page, app_url, atlas):
    open_app(page, app_url, "?muscle=supinator&region=elbow-outer-right&side=right")
    title_is(page, atlas.muscles["supinator"].name)
    traces = {t["name"]: t for t in chart_traces(page)}
    points = traces["Supinator: trigger points"]
    assert len(points["hovertext"]) == len(atlas.muscles["supinator"].trigger_points)  # right side only
    assert traces["Highlight"]["locations"] == ["elbow-outer-right"]  # the area it was opened from
    assert url_query(page) == {"muscle": ["supinator"], "region": ["elbow-outer-right"], "side": ["right"]}
    assert_no_exception(page)


@pytest.mark.timeout(60)
def test_a_hostile_link_is_ignored_and_runs_no_script(page, app_url):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    hostile = ("?region=" + quote("<script>alert(1)</script>") + "&muscle=" + quote("../../etc/passwd")
               + "&condition=" + quote('"><img src=x onerror=alert(2)>') + "&pain=" + "x" * 10_000
               + "&region=calf-left&debug=" + quote("javascript:alert(3)"))
    open_app(page, app_url, hostile)
    notices = page.locator("[data-testid=stAlert]")
    expect(notices.filter(has_text="Ignored").first).to_be_visible()
    text = " ".join(notices.all_inner_texts())
    assert "<script" not in text and "passwd" not in text
    page.wait_for_function("() => !location.search.includes('script') && !location.search.includes('passwd')")
    # Nothing that could open a dialog reached the page (no injected script, handler or javascript: link), and
    # none opened while it loaded and ran.
    expect(page.locator("img[src=x]")).to_have_count(0)
    expect(page.locator("[onerror], a[href^='javascript:' i]")).to_have_count(0)
    expect(page.locator("script").filter(has_text="alert(")).to_have_count(0)
    assert dialogs == []
    assert_no_exception(page)


@pytest.mark.timeout(90)
def test_phone_shows_one_view_large_and_a_tap_names_the_area(phone_page, app_url, atlas, artifacts):
    page = phone_page
    open_app(page, app_url)
    # a phone gets the front alone, without asking
    page.wait_for_function(
        """sel => { const charts = document.querySelectorAll(sel);
                    return charts.length === 1 && charts[0].layout?.meta?.views?.join() === 'front'; }""",
        arg=CHART)
    only(page, CHART).scroll_into_view_if_needed()
    region = "knee-front-left"
    tap_region(page, region, atlas)
    title_is(page, f"Selected: {atlas.regions[region].label}")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    only(page, CHART).scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "phone-front.png"))
    page.locator(TITLE).scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "phone-panel.png"))
    assert_no_exception(page)


@pytest.mark.timeout(90)
def test_a_chest_area_shows_its_warning_signs_first(page, app_url, atlas):
    open_app(page, app_url, "?pain=chest-left:8")
    flag = atlas.region_notes[atlas.regions["chest-left"].notes].red_flags[0]
    alert = page.locator("[data-testid=stAlertContentError]").filter(has_text="Call an ambulance").first
    expect(alert).to_be_visible()
    assert " ".join(flag.split())[:40] in " ".join(alert.inner_text().split())
    assert_no_exception(page)
