"""Shared browser-test fixtures: one `streamlit run app.py` per session, the system Chromium, pages.

Tests here are marked `browser`. Without /usr/bin/chromium they skip, except when CI=true, where a
missing browser is a failure. The server, the browser launch and the waits come from
tests/support/live_app.py (shared with bench/); the helpers that drive a page are in helpers.py.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from bodymap.content.atlas import Atlas
from tests.support.ci import require
from tests.support.live_app import CHROMIUM, ROOT, ServerError, launch_chromium, live_server, watch_runs

ARTIFACTS = ROOT / "tests" / "artifacts"
#: How long a page wait or an `expect` waits before failing (the machine may be busy).
TIMEOUT_MS = 20_000
expect.set_options(timeout=TIMEOUT_MS)


def _require_chromium() -> None:
    require(os.path.exists(CHROMIUM), f"{CHROMIUM} is not installed")


@pytest.fixture(scope="session")
def atlas(real_atlas) -> Atlas:
    """The shipped atlas (the app shows the same one)."""
    return real_atlas


@pytest.fixture(scope="session")
def app_url(tmp_path_factory) -> str:
    """A real `streamlit run app.py` on a free port, shared by the whole session."""
    _require_chromium()
    log_path = tmp_path_factory.mktemp("streamlit") / "server.log"
    try:
        with live_server("app.py", log_path) as server:
            yield server.url
    except ServerError as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="session")
def browser():
    """The system Chromium, headless (never a downloaded browser)."""
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch_chromium(p)
        yield b
        b.close()


def _app_page(browser, app_url):
    """A fresh page (1400 x 1000). `page.outside_requests` lists requests that left the app's server."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    watch_runs(context)
    pg = context.new_page()
    pg.outside_requests = []
    pg.on("request", lambda r: None if r.url.startswith((app_url, "data:")) else pg.outside_requests.append(r.url))
    pg.set_default_timeout(TIMEOUT_MS)
    yield pg
    context.close()


@pytest.fixture
def page(browser, app_url):
    """A fresh page (1400 x 1000) for one test. `page.outside_requests` lists requests that left the app's server."""
    yield from _app_page(browser, app_url)


@pytest.fixture(scope="module")
def module_page(browser, app_url):
    """Like `page`, but one page for a whole module (for many short checks in a row on the same app)."""
    yield from _app_page(browser, app_url)


#: A phone's User-Agent (the app shows phones one view at a time).
PHONE_AGENT = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
               "Version/17.0 Mobile/15E148 Safari/604.1")


@pytest.fixture
def phone_page(browser):
    """A fresh touch page the size of a 390 px-wide phone."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True, user_agent=PHONE_AGENT)
    watch_runs(context)
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    yield pg
    context.close()


@pytest.fixture
def artifacts() -> Path:
    """tests/artifacts/, for screenshots people can look at (git-ignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
