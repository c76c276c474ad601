"""The one place the UI reads and writes `st.session_state`: the `Screen` on show, widget values, the link.

The screen (`bodymap.reference.screen.Screen`) is kept under one key. Widgets change it only through
`apply(transition, *args)`, used as their callback (callbacks run before the script, so the page shows
the change at once). Widget values are read with `widget(key)` and preset with `preset(key, value)`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import streamlit as st

from bodymap.content.atlas import Atlas
from bodymap.content.views import BODY_VIEWS
from bodymap.drawing.selection import Drawn, to_draw
from bodymap.reference import screen as sm
from bodymap.reference import showing
from bodymap.reference.deeplink import parse_query, to_query
from bodymap.reference.screen import Screen, Subject

SCREEN = "screen"
NOTICES = "notices"
PHONE = "phone"
ATLAS = "atlas"  # the content this session shows (the cached, shared Atlas: a reference, never changed)
#: What a phone shows when a link names no view: one view, as large as the screen allows.
PHONE_VIEWS = ("front",)
_MOBILE = re.compile(r"Mobi|iPhone|Android.+Mobile|Windows Phone")
_FULL_RERUN = "_full_rerun"
_TAPPED = "_tapped"


def init(atlas: Atlas) -> None:
    """On a session's first run: read the link into the screen (notices kept for the page to show)."""
    s = st.session_state
    if SCREEN in s:
        return
    try:
        params = {k: st.query_params.get_all(k) for k in st.query_params}
    except Exception:  # noqa: BLE001 - a link the server could not even split: start clean
        params = {}
    s[PHONE] = _on_a_phone()
    screen, notices = parse_query(params, atlas, default_views=PHONE_VIEWS if s[PHONE] else BODY_VIEWS)
    s[NOTICES] = notices
    s[ATLAS] = atlas
    s[SCREEN] = showing.reveal(atlas, screen)


def _on_a_phone() -> bool:
    """Whether the browser says it is a phone (its User-Agent), so one view at a time is shown, large."""
    try:
        agent = st.context.headers.get("User-Agent") or ""
    except Exception:  # noqa: BLE001 - no request headers (as in AppTest): not a phone
        return False
    return bool(_MOBILE.search(agent))


def on_a_phone() -> bool:
    """Whether this session is on a phone (read once, from the first request)."""
    return bool(st.session_state.get(PHONE, False))


def screen() -> Screen:
    """The screen on show."""
    return st.session_state.get(SCREEN) or Screen()


def notices() -> list[str]:
    """What the link asked for that was ignored (shown once at the top)."""
    return list(st.session_state.get(NOTICES, []))


def apply(transition: Callable[..., Screen], *args: Any) -> None:
    """Change the screen with a pure transition (`bodymap.reference.screen`); a widget callback."""
    old = screen()
    new = transition(old, *args)
    atlas = st.session_state.get(ATLAS)
    if atlas is not None and showing.focus_region(new) != showing.focus_region(old):
        new = showing.reveal(atlas, new)
    st.session_state[SCREEN] = new
    if new.page != old.page or new.presenting != old.presenting:
        request_full_rerun()


def open_subject(subject: Subject) -> None:
    """Open a region, muscle or condition panel (a widget callback)."""
    opens = {"region": sm.open_region, "muscle": sm.open_muscle, "condition": sm.open_condition}
    if subject.kind == "muscle":
        apply(sm.open_muscle, subject.id, subject.from_region)
    else:
        apply(opens[subject.kind], subject.id)


def widget(key: str, default: Any = None) -> Any:
    """A widget's current value."""
    return st.session_state.get(key, default)


def preset(key: str, value: Any) -> None:
    """Set a widget's value before it is drawn (so it shows the screen, not a stale choice)."""
    st.session_state[key] = value


def drawn(key: str, drawing: Any, chosen: str | None) -> Drawn:
    """How to write chart `key`'s figure on this run (`bodymap.drawing.selection.to_draw`), remembered with what
    the page will show as chosen once a redrawn figure arrives."""
    s = st.session_state
    last = s.get(f"{key}-drawn")
    new = to_draw(last, drawing, chosen, s.get(f"{key}-on-page"))
    if new is not last:
        s[f"{key}-drawn"] = new
        s[f"{key}-on-page"] = new.chosen
    return new


def chosen_on_page(key: str, region: str | None) -> None:
    """What chart `key` shows as chosen after a tap (plotly's own selection; None once it unselects); the run
    this tap starts is marked as one (`tapped`)."""
    st.session_state[f"{key}-on-page"] = region
    st.session_state[_TAPPED] = True


def tapped() -> bool:
    """Whether this run answers a tap on a map (asked once per run: the mark is cleared)."""
    return bool(st.session_state.pop(_TAPPED, False))


def sync_query() -> None:
    """Make the URL say what is on screen (only when it differs, so nothing is sent otherwise)."""
    want = to_query(screen())
    have = {k: st.query_params.get(k) for k in st.query_params}
    if have != want:
        st.query_params.from_dict(want)


def request_full_rerun() -> None:
    """Ask the running fragment to rerun the whole page (a change outside it, such as the page)."""
    st.session_state[_FULL_RERUN] = True


def full_rerun_if_asked() -> None:
    """Rerun the whole page if a callback asked for it (call first thing in a fragment)."""
    if st.session_state.pop(_FULL_RERUN, False):
        st.rerun(scope="app")


def full_run_started() -> None:
    """The whole page is running anyway: drop a pending request for a full rerun."""
    st.session_state.pop(_FULL_RERUN, None)
