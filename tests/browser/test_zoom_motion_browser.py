"""Zoomed to 200 % and with reduced motion, in a real Chromium.

- 200 % zoom (WCAG 1.4.4 / 1.4.10): a 1280 x 800 screen zoomed to 200 % is a 640 x 400 CSS-pixel window at device
  scale 2. Nothing scrolls sideways (no horizontal scroll on the page or the main column), and the panel, the
  map's text and the body-area list are all reached by scrolling down.
- Reduced motion (WCAG 2.3.3, and readers who get sick from motion): with the system asking for less motion, no
  CSS animation or transition lasts longer than a moment (BASE_CSS in bodymap/ui/app.py ends them at once).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.live_app import CHART, wait_idle, watch_runs

from .conftest import TIMEOUT_MS

pytestmark = pytest.mark.browser

#: Longest a transition or animation may run under reduced motion, in seconds ("a moment").
MOMENT_S = 0.01

#: Sideways overflow of the page and of the main column, in CSS pixels (0 when nothing scrolls sideways).
_SIDEWAYS_JS = """() => {
  const main = document.querySelector('[data-testid=stMain]');
  const page = document.scrollingElement;
  return {page: page.scrollWidth - page.clientWidth, main: main.scrollWidth - main.clientWidth};
}"""

#: The longest transition and animation (seconds) of every element on the page, and the running animations.
_MOTION_JS = """() => {
  const secs = v => Math.max(...v.split(',').map(s => s.trim().endsWith('ms') ? parseFloat(s) / 1000 : parseFloat(s)));
  let transition = 0, animation = 0, where = '';
  for (const e of document.querySelectorAll('*')) {
    const s = getComputedStyle(e);
    const t = secs(s.transitionDuration) + secs(s.transitionDelay);
    const a = s.animationName === 'none' ? 0 : secs(s.animationDuration) * (s.animationIterationCount === 'infinite'
      ? Infinity : parseFloat(s.animationIterationCount)) + secs(s.animationDelay);
    if (t > transition) { transition = t; if (t >= animation) where = e.tagName + '.' + e.className; }
    if (a > animation) { animation = a; where = e.tagName + '.' + e.className; }
  }
  const running = document.getAnimations().map(x => x.effect.getComputedTiming())
    .map(t => t.endTime).filter(end => end > 10);
  return {transition, animation, running: running.length, where: String(where).slice(0, 120)};
}"""


def _context(browser, **options):
    context = browser.new_context(**options)
    watch_runs(context)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    return context, page


def _open(page, url: str) -> None:
    page.goto(url)
    wait_idle(page)
    page.wait_for_selector(f"{CHART} .choroplethlocation", state="attached")


@pytest.mark.timeout(90)
def test_at_200_percent_zoom_nothing_scrolls_sideways_and_the_panel_is_reached(browser, app_url, atlas):
    context, page = _context(browser, viewport={"width": 640, "height": 400}, device_scale_factor=2)
    try:
        for query in ("", "?region=elbow-outer-right", "?pain=elbow-outer-right:7,forearm-back-right"):
            _open(page, app_url + query)
            sideways = page.evaluate(_SIDEWAYS_JS)
            assert sideways == {"page": 0, "main": 0}, f"{query or 'home'} scrolls sideways at 200 %: {sideways}"
            listing = ".st-key-pain-pick" if "pain" in query else ".st-key-pick-region"
            for target in (".st-key-panel-title", listing):
                box = page.locator(target).first
                box.scroll_into_view_if_needed()
                expect(box).to_be_in_viewport()
                bounds = box.bounding_box()
                assert bounds["x"] >= 0 and bounds["x"] + bounds["width"] <= 640, f"{target} is cut off: {bounds}"
        expect(page.locator(".st-key-panel-title")).to_contain_text("Where does it hurt?")
        region = atlas.regions["elbow-outer-right"].label
        _open(page, app_url + "?region=elbow-outer-right")
        expect(page.locator(".st-key-panel-title").get_by_text(f"Selected: {region}")).to_be_visible()
    finally:
        context.close()


@pytest.mark.timeout(90)
def test_reduced_motion_ends_animations_and_transitions_at_once(browser, app_url):
    context, page = _context(browser, viewport={"width": 1400, "height": 1000}, reduced_motion="reduce")
    try:
        _open(page, app_url + "?condition=tennis-elbow")
        motion = page.evaluate(_MOTION_JS)
        assert motion["transition"] <= MOMENT_S and motion["animation"] <= MOMENT_S, motion
        assert motion["running"] == 0, motion
    finally:
        context.close()


@pytest.mark.timeout(60)
def test_without_reduced_motion_streamlit_keeps_its_transitions(browser, app_url):
    """The check above can fail: without the reader's request, buttons keep Streamlit's transitions."""
    context, page = _context(browser, viewport={"width": 1400, "height": 1000}, reduced_motion="no-preference")
    try:
        _open(page, app_url + "?condition=tennis-elbow")
        assert page.evaluate(_MOTION_JS)["transition"] > MOMENT_S
    finally:
        context.close()
