"""What the app shows, kept in `st.session_state`, and its two-way link with the URL (`st.query_params`).

Canonical keys (never widget keys, so they survive widgets that are not drawn):
`nav` (one of MODES), `subject` ("region" | "muscle" | "condition" | None: what the Explore panel
shows), `region`, `muscle`, `muscle_from` (region a muscle was opened from), `condition`, `pain`
(dict region -> level or None, in marking order), `present`, `step`, `side`, `views`
("Both" | "Front" | "Back"), `focus_point` ((muscle, point) or None), `notices` (from the link).
Widgets are drawn from these keys and write back in their callbacks.
"""

from __future__ import annotations

import streamlit as st

from bodymap.content.atlas import Atlas
from bodymap.reference.deeplink import ViewState, parse_query, to_query

EXPLORE, PAIN, GUIDE = "Explore", "Where does it hurt?", "Session guide & safety"
MODES = (EXPLORE, PAIN, GUIDE)
VIEW_CHOICES = {"Both": ("front", "back"), "Front": ("front",), "Back": ("back",)}
MAX_PAIN = 20

DEFAULTS = {
    "nav": EXPLORE, "subject": None, "region": None, "muscle": None, "muscle_from": None, "condition": None,
    "present": False, "step": 1, "side": None, "views": "Both", "focus_point": None, "notices": [],
}


def ss():
    return st.session_state


def init(atlas: Atlas) -> None:
    """On a session's first run: read the link into the state (notices kept for the page to show)."""
    s = ss()
    if s.get("_ready"):
        return
    for key, value in DEFAULTS.items():
        s.setdefault(key, value)
    s.setdefault("pain", {})
    try:
        params = {k: st.query_params.get_all(k) for k in st.query_params}
    except Exception:  # noqa: BLE001 - a link the server could not even split: start clean
        params = {}
    view, notices = parse_query(params, atlas)
    apply_view(view)
    s["notices"] = notices
    s["_ready"] = True


def apply_view(view: ViewState) -> None:
    """Show what a ViewState describes."""
    s = ss()
    s["region"], s["muscle"], s["condition"] = view.region, view.muscle, view.condition
    s["muscle_from"] = view.region if view.muscle else None
    s["pain"] = dict(view.pain)
    s["side"], s["step"], s["present"] = view.side, view.step, view.present
    s["subject"] = ("muscle" if view.muscle else "condition" if view.condition else
                    "region" if view.region else None)
    s["nav"] = PAIN if view.pain and s["subject"] in (None, "region") else EXPLORE


def current_view() -> ViewState:
    """The ViewState of what is on screen (what the URL should say)."""
    s = ss()
    pain = tuple(s["pain"].items())
    if s["nav"] == GUIDE and not s["present"]:
        return ViewState()
    if s["nav"] == PAIN:
        return ViewState(pain=pain, present=s["present"], step=s["step"] if s["present"] else 1)
    subject = s["subject"]
    region = s["region"] if subject == "region" else s["muscle_from"] if subject == "muscle" else None
    muscle = s["muscle"] if subject == "muscle" else None
    condition = s["condition"] if subject == "condition" else None
    side = s["side"] if subject in ("muscle", "condition") else None
    step = s["step"] if s["present"] and subject in ("condition", "region") else 1
    return ViewState(region=region, muscle=muscle, condition=condition, present=s["present"], side=side, step=step)


def sync_query() -> None:
    """Make the URL say what is on screen (only when it differs, so nothing is sent otherwise)."""
    want = to_query(current_view())
    have = {k: st.query_params.get(k) for k in st.query_params}
    if have != want:
        st.query_params.from_dict(want)


# Changes (used as widget callbacks: they run before the script, so the page shows them at once) --------


def open_region(region: str) -> None:
    s = ss()
    s.update(region=region, subject="region", focus_point=None, nav=EXPLORE, step=1)


def open_muscle(muscle: str, from_region: str | None = None) -> None:
    s = ss()
    s.update(muscle=muscle, subject="muscle", muscle_from=from_region, focus_point=None, nav=EXPLORE)


def open_condition(condition: str) -> None:
    s = ss()
    s.update(condition=condition, subject="condition", focus_point=None, nav=EXPLORE, step=1)


def toggle_pain(region: str) -> None:
    """Mark a place as painful, or unmark it when it is already marked."""
    pain = dict(ss()["pain"])
    if region in pain:
        del pain[region]
    elif len(pain) < MAX_PAIN:
        pain[region] = None
    ss()["pain"] = pain
    ss()["step"] = 1


def set_level(region: str, level: int | None) -> None:
    pain = dict(ss()["pain"])
    if region in pain:
        pain[region] = level
        ss()["pain"] = pain


def request_full_rerun() -> None:
    """Ask the running fragment to rerun the whole page (a change outside it, such as the mode)."""
    ss()["_full_rerun"] = True


def full_rerun_if_asked() -> None:
    """Rerun the whole page if a callback asked for it (call first thing in a fragment)."""
    if ss().pop("_full_rerun", False):
        st.rerun(scope="app")
