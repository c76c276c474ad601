"""Shared browser-test fixtures: one `streamlit run app.py` per session, the system Chromium, helpers.

Tests here are marked `browser`. Without /usr/bin/chromium they skip, except when CI=true, where a
missing browser is a failure. Clicks are aimed with plotly's own transforms: a region's interior
point (bodymap.content.geometry) goes through the figure's frame -> lon/lat mapping (bodymap.drawing.figure) and then
through the rendered geo subplot's projection, read from the page.
"""

from __future__ import annotations

import functools
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from bodymap.content import geometry
from bodymap.content.atlas import Atlas
from bodymap.content.loader import load_atlas
from bodymap.drawing.figure import SELECTED_NAME, to_lonlat

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
READY = "[data-testid=stApp][data-test-script-state=notRunning]"
CHART = ".js-plotly-plot"
#: Pause between moving the pointer and clicking: plotly's click-select uses the last (throttled) hover.
HOVER_PAUSE_MS = 120


def _require_chromium() -> None:
    if not os.path.exists(CHROMIUM):
        message = f"{CHROMIUM} is not installed"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@functools.cache
def shipped_atlas() -> Atlas:
    """The atlas in data/, loaded once."""
    return load_atlas(ROOT / "data")


@pytest.fixture(scope="session")
def atlas(real_atlas) -> Atlas:
    """The shipped atlas (the app shows the same one)."""
    return real_atlas


@pytest.fixture(scope="session")
def app_url(tmp_path_factory) -> str:
    """A real `streamlit run app.py` on a free port, shared by the whole session."""
    _require_chromium()
    port = _free_port()
    log_path = tmp_path_factory.mktemp("streamlit") / "server.log"
    cmd = [
        sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
        "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none", "--server.runOnSave", "false",
    ]
    with open(log_path, "w") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                pytest.fail(f"streamlit exited early:\n{log_path.read_text()}")
            try:
                with urllib.request.urlopen(f"{url}_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"streamlit did not start in 60 s:\n{log_path.read_text()}")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="session")
def browser():
    """The system Chromium, headless (never a downloaded browser)."""
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, app_url):
    """A fresh page (1400 x 1000). `page.outside_requests` lists requests that left the app's server."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.outside_requests = []
    pg.on("request", lambda r: None if r.url.startswith((app_url, "data:")) else pg.outside_requests.append(r.url))
    pg.set_default_timeout(20_000)
    yield pg
    context.close()


@pytest.fixture
def phone_page(browser):
    """A fresh touch page the size of a 390 px-wide phone."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True)
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    yield pg
    context.close()


@pytest.fixture
def artifacts() -> Path:
    """tests/artifacts/, for screenshots people can look at (git-ignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def open_app(page, url: str, query: str = "") -> None:
    """Load the app and wait until the script has finished and the map is drawn."""
    page.goto(url + query)
    wait_idle(page)
    page.wait_for_selector(f"{CHART} .choroplethlocation", state="attached")


def wait_idle(page) -> None:
    """Wait for the script run to finish (the app marks itself `notRunning`)."""
    page.wait_for_selector(READY, state="attached")


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
    """Page pixel coordinates of a point well inside the region (of the shipped atlas unless given)."""
    region = (atlas or shipped_atlas()).regions[region_id]
    return frame_xy(page, region.view, geometry.interior_point(region.outline))


def click_region(page, region_id: str, atlas: Atlas | None = None) -> None:
    """Move onto the region's interior point, pause (so plotly's hover catches up), then click."""
    x, y = region_xy(page, region_id, atlas)
    page.mouse.move(x, y)
    page.wait_for_timeout(HOVER_PAUSE_MS)
    page.mouse.click(x, y)


def chart_traces(page) -> list[dict]:
    """Name, locations and hover texts of every trace the chart in the page holds."""
    return page.evaluate(
        f"""() => document.querySelector('{CHART}').data.map(t => ({{
            name: t.name, type: t.type, locations: t.locations || null, hovertext: t.hovertext || null}}))"""
    )


def selected_in_chart(page) -> list[str]:
    """Region ids drawn in the chart's selected-area style."""
    for trace in chart_traces(page):
        if trace["name"] == SELECTED_NAME:
            return list(trace["locations"])
    return []


def hover_label(page) -> str:
    """The text of plotly's hover label, waiting for it to appear."""
    label = page.locator(f"{CHART} .hoverlayer .hovertext")
    label.first.wait_for(state="visible", timeout=5_000)
    return label.first.text_content() or ""
