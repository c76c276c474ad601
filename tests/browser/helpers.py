"""Helpers that drive the app in a page: open it, aim at regions, click them, read the chart.

Clicks are aimed with plotly's own transforms: a region's interior point (bodymap.content.geometry) goes
through the figure's frame -> lon/lat mapping (bodymap.drawing.figure) and then through the rendered geo
subplot's projection, read from the page; the click is sent once plotly's hover there is on the region
(plotly's click-select uses the last, throttled, hover), and returns once the rerun it causes is over.
"""

from __future__ import annotations

import functools

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from bodymap.content import geometry
from bodymap.content.atlas import Atlas
from bodymap.content.loader import load_atlas
from bodymap.drawing.figure import BASE_NAME, to_lonlat
from tests.support.live_app import CHART, ROOT, hover_then_click, script_runs, wait_idle

#: How long a click may take to start and finish its run before it is taken as dropped and made again.
CLICK_ANSWER_MS = 8000


@functools.cache
def shipped_atlas() -> Atlas:
    """The atlas in data/, loaded once."""
    return load_atlas(ROOT / "data")


def open_app(page, url: str, query: str = "") -> None:
    """Load the app and wait until the script has finished and the map is drawn."""
    page.goto(url + query)
    wait_idle(page)
    page.wait_for_selector(f"{CHART} .choroplethlocation", state="attached")


def assert_no_exception(page) -> None:
    errors = page.locator("[data-testid=stException]")
    assert errors.count() == 0, errors.first.inner_text()


def frame_xy(page, view: str, at: tuple[float, float]) -> tuple[float, float]:
    """Page pixel coordinates of a point of a view's frame (body units), through plotly's own projection."""
    page.wait_for_function(f"() => !!document.querySelector('{CHART}')?._fullLayout?.geo?._subplot")
    views = tuple(page.evaluate(f"() => document.querySelector('{CHART}').layout.meta.views"))
    lon, lat = to_lonlat(views, view, at)
    x, y = page.evaluate(
        """([sel, lonlat]) => {
            const gd = document.querySelector(sel), fl = gd._fullLayout, box = gd.getBoundingClientRect();
            const [px, py] = fl.geo._subplot.projection(lonlat);
            return [box.left + fl._size.l + px, box.top + fl._size.t + py];
        }""",
        [CHART, [lon, lat]],
    )
    return x, y


def region_xy(page, region_id: str, atlas: Atlas | None = None) -> tuple[float, float]:
    """Page pixel coordinates of a point well inside the region (of the shipped atlas unless given), in the
    first view on the chart that draws it."""
    atlas = atlas or shipped_atlas()
    page.wait_for_function(f"() => !!document.querySelector('{CHART}')?.layout?.meta?.views")
    views = page.evaluate(f"() => document.querySelector('{CHART}').layout.meta.views")
    view = next(v for v in views if region_id in atlas.drawn(v))
    at = geometry.interior_point(atlas.regions[region_id].outline_in(view))
    x, y = frame_xy(page, view, at)
    height = page.evaluate("() => window.innerHeight")
    if not 10 <= y <= height - 10:  # bring the point into the window: the pointer cannot reach it outside
        page.evaluate("dy => window.scrollBy(0, dy)", y - height / 2)
        page.wait_for_function("y => Math.abs(window.scrollY - y) < 2", arg=page.evaluate("() => window.scrollY"))
        x, y = frame_xy(page, view, at)
    return x, y


def _until_answered(page, region_id: str, atlas: Atlas | None, act, tries: int) -> None:
    """Aim at the region's interior point, `act(x, y)`, and wait for the run it causes to finish.

    An action that starts no run at all (plotly can drop one while Streamlit re-lays the chart out just
    after it is drawn) is made again, up to `tries` times, unless plotly did take it (the chart's choice changed:
    a second click would unselect the region); one that is answered wrongly still fails the test."""
    for attempt in range(1, tries + 1):
        x, y = region_xy(page, region_id, atlas)
        before = script_runs(page)
        shown = selected_in_chart(page)
        act(x, y)
        try:
            wait_idle(page, since=before, timeout=CLICK_ANSWER_MS)
            return
        except PlaywrightTimeoutError:
            if attempt == tries:
                raise
            if selected_in_chart(page) != shown:  # plotly took the click (a second one would undo it): wait on
                wait_idle(page, since=before, timeout=CLICK_ANSWER_MS)
                return


def click_region(page, region_id: str, atlas: Atlas | None = None, tries: int = 3) -> None:
    """Click the region once plotly's hover is on it (or on a trigger point lying in it); see `_until_answered`."""
    _until_answered(page, region_id, atlas, lambda x, y: hover_then_click(page, x, y, region_id), tries)


def tap_region(page, region_id: str, atlas: Atlas | None = None, tries: int = 3) -> None:
    """Tap the region on a touch page; see `_until_answered`."""
    _until_answered(page, region_id, atlas, page.touchscreen.tap, tries)


def chart_traces(page) -> list[dict]:
    """Name, locations and hover texts of every trace the chart in the page holds."""
    return page.evaluate(
        f"""() => document.querySelector('{CHART}').data.map(t => ({{
            name: t.name, type: t.type, locations: t.locations || null, hovertext: t.hovertext || null}}))"""
    )


#: The regions the chart in the page shows as chosen: its body trace's selected points, as plotly holds them
#: (set by the figure, or by plotly itself on a tap).
CHOSEN_JS = f"""(sel) => {{
    const gd = document.querySelector(sel), t = gd?._fullData?.find(t => t.name === '{BASE_NAME}');
    if (!t || !Array.isArray(t.selectedpoints)) return [];
    return t.selectedpoints.map(i => t.locations[i]);
}}"""


def selected_in_chart(page) -> list[str]:
    """Region ids the chart shows as chosen (plotly's selection on the body trace)."""
    return page.evaluate(CHOSEN_JS, CHART)


def wait_chosen(page, region_ids: list[str]) -> None:
    """Wait until the chart shows exactly these regions as chosen."""
    page.wait_for_function(f"([sel, want]) => JSON.stringify(({CHOSEN_JS})(sel)) === JSON.stringify(want)",
                           arg=[CHART, list(region_ids)])


def hover_label(page):
    """Plotly's hover label (a locator: `expect(hover_label(page)).to_have_text(...)` waits for it)."""
    return page.locator(f"{CHART} .hoverlayer .hovertext").first
