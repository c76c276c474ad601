"""Keyboard only, in a real Chromium: reach the body-area list under the map, choose an area, open a muscle from
its panel, go back, present the area with the "Present" switch, step with the arrow keys and stop presenting.

Nothing here clicks: every move is Tab / Shift+Tab, Enter, Space, the arrow keys or typing into a list's filter.
Each element that takes the focus on the way must show it (WCAG 2.4.7): an outline or a ring (box-shadow) on the
element, or on a wrapper around it when the element itself is hidden (a switch's input) or is a bare text field.
When a press removes the focused element (a button that opens another panel), the browser goes on from where it
was; Tab past either end of the page leaves it for the browser's own controls, and the next press comes back.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.live_app import rerun

from .helpers import assert_no_exception, open_app

pytestmark = pytest.mark.browser

REGION = "elbow-outer-right"
#: How many Tab presses may lie between two stops of the walk before it counts as unreachable.
MAX_TABS = 60

#: The focused element, described for messages.
_DESCRIBE_JS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return 'nothing (the page body)';
  const key = e.closest('[class*="st-key-"]');
  const k = key ? [...key.classList].find(c => c.startsWith('st-key-')) : '';
  const name = e.getAttribute('aria-label') || (e.innerText || e.value || '').trim().slice(0, 50);
  const role = e.getAttribute('role') ? `[role=${e.getAttribute('role')}]` : '';
  return `${e.tagName.toLowerCase()}${role} "${name}" ${k}`;
}"""

#: The visible focus indicator of the focused element: an outline or box-shadow on it or on one of its three
#: nearest wrappers, on a box at least 4 px each way that is not clipped away (a visually hidden input's own
#: outline does not count). Null when there is none.
_FOCUS_RING_JS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const big = el => { const r = el.getBoundingClientRect(); return r.width >= 4 && r.height >= 4; };
  const clipped = el => {
    for (let a = el.parentElement, i = 0; a && i < 4; a = a.parentElement, i++)
      if (getComputedStyle(a).overflow !== 'visible' && !big(a)) return true;
    return false;
  };
  for (let el = e, i = 0; el && i < 4; el = el.parentElement, i++) {
    const s = getComputedStyle(el);
    const ring = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0
      ? `outline ${s.outlineWidth} ${s.outlineStyle} ${s.outlineColor}`
      : s.boxShadow !== 'none' ? `box-shadow ${s.boxShadow}` : null;
    if (ring && big(el) && !clipped(el)) return ring;
  }
  return null;
}"""

#: The text of a list's active option (the one Enter chooses) equals the argument.
_ACTIVE_OPTION_JS = """label => {
  const id = document.activeElement?.getAttribute('aria-activedescendant');
  return !!id && document.getElementById(id)?.textContent.trim() === label;
}"""


def focused(page) -> str:
    return page.evaluate(_DESCRIBE_JS)


def assert_focus_visible(page) -> str:
    """The focused element shows its focus; returns its description."""
    what = focused(page)
    assert page.evaluate(_FOCUS_RING_JS), f"no visible focus indicator on {what}"
    return what


def tab_to(page, is_target: str, *, back: bool = False) -> list[str]:
    """Press Tab (Shift+Tab with `back`) until the focused element matches the JS predicate `is_target`
    (`e => ...`, given document.activeElement), checking the focus is visible at every stop; returns the stops."""
    stops = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        if page.evaluate("() => document.activeElement === document.body"):
            stops.append("(out of the page: the browser's own controls)")  # Tab wraps around past the page's ends
            continue
        stops.append(assert_focus_visible(page))
        if page.evaluate(f"() => !!document.activeElement && ({is_target})(document.activeElement)"):
            return stops
    raise AssertionError(f"not reached by keyboard in {MAX_TABS} presses; stops: {stops}")


def in_key(key: str, tag: str = "") -> str:
    """A predicate: the focused element lies in the widget with that key (and is a `tag`, when given)."""
    check = f" && e.tagName === '{tag.upper()}'" if tag else ""
    return f"e => !!e.closest('.st-key-{key}'){check}"


def title_is(page, text: str) -> None:
    expect(page.locator(".st-key-panel-title").get_by_text(text, exact=True)).to_be_visible()


def step_is(page, n: int, count: int) -> None:
    expect(page.get_by_text(f"Step {n} of {count}", exact=True)).to_be_visible()


@pytest.mark.timeout(180)
def test_choose_an_area_open_a_muscle_and_present_with_the_keyboard_only(page, app_url, atlas):
    region = atlas.regions[REGION]
    open_app(page, app_url)

    # The body-area list under the map (the map as a list, for keyboard users): filter it, choose with Enter.
    tab_to(page, in_key("pick-region", "input"))
    page.keyboard.type(region.label)
    expect(page.get_by_role("option", name=region.label, exact=True)).to_be_visible()
    page.wait_for_function(_ACTIVE_OPTION_JS, arg=region.label)  # the list has moved to it: Enter takes it
    with rerun(page):
        page.keyboard.press("Enter")
    title_is(page, f"Selected: {region.label}")

    # A muscle from the area's panel (the muscles that send pain here), opened with Enter.
    tab_to(page, f"e => !!e.closest('[class*=\"st-key-refer-{REGION}-\"]') && e.tagName === 'BUTTON'")
    classes = page.evaluate("() => document.activeElement.closest('[class*=\"st-key-refer-\"]').className").split()
    muscle = next(m for m in atlas.muscles if f"st-key-refer-{REGION}-{m}" in classes)
    with rerun(page):
        page.keyboard.press("Enter")
    title_is(page, atlas.muscles[muscle].name)

    # Back to the area (its panel's first control), with Space this time.
    tab_to(page, in_key("back-to-region", "button"), back=True)
    with rerun(page):
        page.keyboard.press("Space")
    title_is(page, f"Selected: {region.label}")

    # Present the area: the "Present" switch at the top, toggled with Space.
    tab_to(page, in_key("present-toggle", "input"), back=True)
    with rerun(page):
        page.keyboard.press("Space")
    nav = page.locator(".st-key-present-nav")
    expect(nav).to_be_visible()
    count = int(page.get_by_text("Step 1 of", exact=False).inner_text().rsplit(" ", 1)[-1])
    assert count >= 2, "the area's presentation should have several steps to walk through"
    step_is(page, 1, count)

    # Step with the arrow keys (the Previous / Next buttons' shortcuts), wherever the focus is.
    with rerun(page):
        page.keyboard.press("ArrowRight")
    step_is(page, 2, count)
    with rerun(page):
        page.keyboard.press("ArrowLeft")
    step_is(page, 1, count)

    # Stop presenting: Tab to "Exit presentation", Enter.
    tab_to(page, in_key("present-exit", "button"))
    with rerun(page):
        page.keyboard.press("Enter")
    title_is(page, f"Selected: {region.label}")
    expect(page.locator(".st-key-present-toggle")).to_be_visible()
    assert_no_exception(page)
