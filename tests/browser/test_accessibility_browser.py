"""An axe-core audit (axe-playwright-python, which bundles axe-core) of the main pages in a real Chromium: no
violation of WCAG 2.2 levels A and AA, in the light theme and in the dark one (the app follows the reader's
system setting, and each theme has its own colours).

Nothing is excluded: every violation axe found here was fixed in the app (theme colours in
.streamlit/config.toml, CSS in bodymap/ui/app.py's BASE_CSS). Should one ever sit inside Streamlit's own widget
where the app cannot reach it, exclude that one node in EXCLUDE with a precise selector and the reason.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from bodymap.drawing import palette
from tests.support.live_app import CHART, rerun, wait_idle, watch_runs

from .conftest import TIMEOUT_MS

pytestmark = pytest.mark.browser

#: WCAG 2.0, 2.1 and 2.2 at levels A and AA (axe has no wcag22a tag: 2.2's new A criteria have no axe rule).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
#: Nodes axe may skip, each a CSS selector with the reason. Empty: nothing needed excluding.
EXCLUDE: list[str] = []
GUIDE = "guide"
LESSON = "lesson"
#: Page name -> the link's query (GUIDE is reached through the page control, as a reader would).
PAGES = {
    "home": "",
    "region": "?region=elbow-outer-right",
    "muscle": "?muscle=supinator",
    "condition": "?condition=tennis-elbow",
    "pain": "?pain=elbow-outer-right:7,forearm-back-right",
    "presentation": "?condition=tennis-elbow&mode=present",
    "close-up": "?view=head-left&region=upper-teeth-left",
    GUIDE: "",
    LESSON: "?lesson=neck-pain-and-headaches&mode=present",
}

_axe = Axe()


@pytest.fixture(scope="module", params=["light", "dark"])
def themed_page(request, browser):
    """One page per colour scheme for the whole module (Streamlit picks its theme from it)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, color_scheme=request.param)
    watch_runs(context)
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    yield pg
    context.close()


def audit(page) -> list[dict]:
    """axe's violations on the page at WCAG 2.2 A and AA."""
    context = {"exclude": [[s] for s in EXCLUDE]} if EXCLUDE else None
    results = _axe.run(page, context=context, options={"runOnly": {"type": "tag", "values": TAGS}})
    return results.response["violations"]


def report(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {v['helpUrl']}")
        for node in v["nodes"][:8]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {node['target']}: {summary[:240]}")
    return "\n".join(lines)


def _open(page, app_url: str, name: str) -> None:
    page.goto(app_url + PAGES[name])
    wait_idle(page)
    if name == GUIDE:  # from the home page, once it is drawn
        page.wait_for_selector(f"{CHART} .choroplethlocation", state="attached")
        with rerun(page):
            page.locator(".st-key-page-pick").get_by_role("radio", name="Session guide & safety").click()
        expect(page.locator(".st-key-red-flags")).to_be_visible()
    elif name == LESSON:
        _skip_unless_lesson_known(page)
    else:
        page.wait_for_selector(f"{CHART} .choroplethlocation", state="attached")


def _skip_unless_lesson_known(page) -> None:
    """An app that does not know the lesson presents nothing (no steps, so no Previous / Next): then there is no
    lesson page to audit."""
    text = page.locator("[data-testid=stMain]").inner_text()
    if page.locator(".st-key-present-nav").count() == 0:
        first = " / ".join(line for line in text.splitlines() if line.strip())[:160]
        pytest.skip(f"the app does not know the lesson in {PAGES[LESSON]!r} yet (it shows: {first!r})")
    page.wait_for_selector(f"{CHART} .choroplethlocation", state="attached")


@pytest.mark.timeout(120)
@pytest.mark.parametrize("name", list(PAGES))
def test_no_wcag_a_or_aa_violations(themed_page, app_url, name):
    _open(themed_page, app_url, name)
    violations = audit(themed_page)
    if violations:
        pytest.fail(f"axe found on the {name} page:\n{report(violations)}", pytrace=False)


def test_the_audit_catches_a_violation(themed_page):
    """The audit can fail: grey text too faint for its background is reported."""
    themed_page.set_content('<html lang="en"><title>t</title><main><p style="color:#aaa;background:#fff">faint'
                            "</p></main></html>")
    assert [v["id"] for v in audit(themed_page)] == ["color-contrast"]


@pytest.mark.timeout(90)
def test_the_map_as_text_opens_under_the_map_and_passes_the_audit(themed_page, app_url, atlas):
    themed_page.goto(app_url + "?muscle=supinator")
    wait_idle(themed_page)
    expander = themed_page.locator("[data-testid=stExpander]").filter(has_text="What the map shows (as text)").first
    expander.locator("summary").click()
    expect(expander).to_contain_text(f"{atlas.muscles['supinator'].name}: pain often felt at")
    expect(expander).to_contain_text("trigger points shown:")
    violations = audit(themed_page)
    if violations:
        pytest.fail(f"axe found with the map's text open:\n{report(violations)}", pytrace=False)


# Text drawn inside the chart (SVG: axe does not check it) ------------------------------------------------

_CHART_TEXT_JS = """(sel) => [...document.querySelectorAll(
        sel + ' .trace.scattergeo text, ' + sel + ' .legendtext')]
    .map(t => { const c = getComputedStyle(t);
                return [t.textContent, c.fill, parseFloat(c.fontSize), parseInt(c.fontWeight, 10)]; })"""


def _hex(css: str) -> str:
    return "#" + "".join(f"{int(c):02x}" for c in re.findall(r"\d+", css)[:3])


@pytest.mark.timeout(90)
def test_text_in_the_chart_meets_wcag_contrast_on_each_theme(themed_page, app_url):
    """View titles, Left/Right, the legend and the numbers beside trigger points, against the page's own
    background: 4.5:1 for small text, 3:1 for large (>= 18.66 px bold)."""
    page = themed_page
    page.goto(app_url + "?condition=tennis-elbow")  # numbered muscles: numbers and a legend
    wait_idle(page)
    page.wait_for_selector(f"{CHART} .legendtext", state="attached")
    ground = _hex(page.evaluate("() => getComputedStyle(document.querySelector('.stApp')).backgroundColor"))
    texts = page.evaluate(_CHART_TEXT_JS, CHART)
    assert any(t[0] == "Front" for t in texts) and len(texts) > 8
    for text, fill, size, weight in texts:
        large = size >= 18.66 and weight >= 700
        ratio = palette.contrast_ratio(_hex(fill), ground)
        assert ratio >= (3.0 if large else 4.5), (text, fill, size, weight, ground, round(ratio, 2))
