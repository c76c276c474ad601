"""Deep links: the `Screen` as URL query parameters, and back, ignoring anything unknown or hostile.

Keys (see docs/deep-links.md): `region`, `muscle`, `condition` (ids), `pain` (a comma list of
`id` or `id:intensity`, intensity 0-10), `mode=present`, `side` (`left`, `right` or `both`) and
`step` (1, 2, ...). `parse_query` never raises: a value it cannot use is dropped with a short,
plain notice that never repeats the value unless it is a short, harmless id.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bodymap.content.atlas import Atlas, BodySide
from bodymap.content.views import BODY_VIEWS, CHOICES, choice_for
from bodymap.reference.lookup import condition_muscle_ids
from bodymap.reference.screen import MAX_PAIN, Page, Screen, Subject

KEYS = ("region", "muscle", "condition", "pain", "mode", "side", "step", "view", "lesson")
MAX_VALUE = 500  # characters in one value; longer values are dropped whole
MAX_STEP = 99
MAX_NOTICES = 8
_SAFE = re.compile(r"[a-z][a-z0-9-]{0,39}")
_NUMBER = re.compile(r"[0-9]{1,2}")


def _shown(value: str) -> str:
    """The value quoted in a notice only when it is a short plain id; otherwise nothing of it."""
    return f" “{value}”" if _SAFE.fullmatch(value) else ""


def _values(raw: Any) -> list[str] | None:
    """The string values of one parameter, or None when the parameter is not strings."""
    if isinstance(raw, str):
        return [raw]
    if isinstance(raw, list | tuple) and all(isinstance(v, str) for v in raw):
        return list(raw)
    return None


def find_region(atlas: Atlas, value: str, side: BodySide | None = None) -> str | None:
    """A region id, or a base id resolved on `side` (left when not given); None when unknown."""
    if value in atlas.regions:
        return value
    ids = atlas.region_ids_for(value)
    if not ids:
        return None
    return ids[0] if len(ids) == 1 else atlas.resolve(value, side or "left")


class _Parser:
    def __init__(self, atlas: Atlas):
        self.atlas = atlas
        self.notices: list[str] = []

    def note(self, text: str) -> None:
        if text not in self.notices:
            self.notices.append(text)

    def single(self, key: str, values: list[str]) -> str | None:
        if len(values) > 1:
            self.note(f"The link sets “{key}” more than once; the first one is used.")
        value = values[0].strip() if values else ""
        if len(value) > MAX_VALUE:
            self.note(f"Ignored a “{key}” in the link that is far too long.")
            return None
        return value or None

    def region(self, value: str, side: BodySide | None) -> str | None:
        region = find_region(self.atlas, value, side)
        if region is None:
            self.note(f"Ignored an unknown body area{_shown(value)} in the link.")
        return region

    def known(self, value: str, table: Mapping[str, Any], what: str) -> str | None:
        if value in table:
            return value
        self.note(f"Ignored an unknown {what}{_shown(value)} in the link.")
        return None

    def pain(self, values: list[str], side: BodySide | None) -> tuple[tuple[str, int | None], ...]:
        marked: dict[str, int | None] = {}
        bad = False
        for value in values:
            if len(value) > MAX_VALUE:
                self.note("Ignored a list of painful places in the link that is far too long.")
                continue
            for item in value.split(","):
                item = item.strip()
                if not item:
                    continue
                name, colon, level = item.partition(":")
                region = find_region(self.atlas, name.strip(), side)
                intensity: int | None = None
                if colon:
                    level = level.strip()
                    intensity = int(level) if _NUMBER.fullmatch(level) else -1
                if region is None or intensity is not None and not 0 <= intensity <= 10:
                    bad = True
                    continue
                if region in marked:
                    continue
                if len(marked) >= MAX_PAIN:
                    self.note(f"The link marks more than {MAX_PAIN} painful places; the first {MAX_PAIN} are kept.")
                    break
                marked[region] = intensity
        if bad:
            self.note("Ignored painful places in the link that are not body areas, or whose level is not 0 to 10.")
        return tuple(marked.items())


def parse_query(params: Mapping[str, Any], atlas: Atlas,
                default_views: tuple[str, ...] = BODY_VIEWS) -> tuple[Screen, list[str]]:
    """The screen a link asks for, and plain notices about what was ignored. Never raises.

    `default_views` are shown when the link names no view (one view on a phone)."""
    p = _Parser(atlas)
    try:
        items = list(params.items())
    except Exception:  # a hostile mapping: treat as empty
        return Screen(views=default_views), ["Ignored the link’s settings: they could not be read."]
    got = _known_keys(p, items)
    side = _side(p, got)
    present = _present(p, got)
    region = muscle = condition = None
    if (value := _one(p, got, "region")) is not None:
        region = p.region(value, side)
    if (value := _one(p, got, "muscle")) is not None:
        muscle = p.known(value, atlas.muscles, "muscle")
    if (value := _one(p, got, "condition")) is not None:
        condition = p.known(value, atlas.conditions, "condition")
    pain = p.pain(got["pain"], side) if "pain" in got else ()
    lesson = None
    if (value := _one(p, got, "lesson")) is not None:
        lesson = p.known(value, atlas.lessons, "lesson")
    count = len(atlas.lessons[lesson].steps) if lesson else (
        len(condition_muscle_ids(atlas.conditions[condition])) if condition else None)
    step = _step(p, got, count)
    subject = (Subject("muscle", muscle, from_region=region) if muscle else
               Subject("condition", condition) if condition else Subject("region", region) if region else None)
    page: Page = "pain" if pain and (subject is None or subject.kind == "region") else "explore"
    screen = Screen(page=page, subject=subject, pain=pain, side=side, presenting=present or lesson is not None,
                    step=step, views=_views(p, got, default_views), lesson=lesson)
    return screen, p.notices[:MAX_NOTICES]


def _known_keys(p: _Parser, items: list) -> dict[str, list[str]]:
    """The string values of each known key; unknown keys and non-text values noted."""
    got: dict[str, list[str]] = {}
    unknown = 0
    for key, raw in items:
        if not isinstance(key, str) or key not in KEYS:
            unknown += 1
            continue
        values = _values(raw)
        if values is None:
            p.note(f"Ignored a “{key}” in the link that is not text.")
            continue
        got.setdefault(key, []).extend(values)
    if unknown:
        p.note("Ignored settings in the link that this app does not know.")
    return got


def _one(p: _Parser, got: dict[str, list[str]], key: str) -> str | None:
    return p.single(key, got[key]) if key in got else None


def _views(p: _Parser, got: dict[str, list[str]], default: tuple[str, ...]) -> tuple[str, ...]:
    value = _one(p, got, "view")
    if value in CHOICES:
        return CHOICES[value][1]
    if value is not None:
        p.note(f"Ignored a view{_shown(value)} in the link: see the list of views under the map.")
    return default


def _side(p: _Parser, got: dict[str, list[str]]) -> BodySide | None:
    value = _one(p, got, "side")
    if value in ("left", "right"):
        return value  # type: ignore[return-value]
    if value not in (None, "both"):
        p.note("Ignored a side in the link: it must be left, right or both.")
    return None


def _present(p: _Parser, got: dict[str, list[str]]) -> bool:
    value = _one(p, got, "mode")
    if value not in (None, "present"):
        p.note("Ignored a mode in the link: the only mode is “present”.")
    return value == "present"


def _step(p: _Parser, got: dict[str, list[str]], count: int | None) -> int:
    value = _one(p, got, "step")
    if value is None:
        return 1
    if not (_NUMBER.fullmatch(value) and 1 <= int(value) <= MAX_STEP):
        p.note(f"Ignored a step in the link: it must be a number from 1 to {MAX_STEP}.")
        return 1
    step = int(value)
    if count is not None and step > count:
        p.note(f"The link asks for step {step}, but there are {count} steps; showing the last one.")
        step = count
    return step


def to_query(screen: Screen) -> dict[str, str]:
    """The query parameters of a screen, leaving out defaults (a link that `parse_query` restores).

    The page is not written: a link with marked pain and no muscle or condition opens "Where does
    it hurt?"; the guide page (when not presenting) has a bare link.
    """
    if screen.page == "guide" and not screen.presenting:
        return {}
    out: dict[str, str] = {}
    subject = screen.subject
    if subject is not None:
        region = subject.id if subject.kind == "region" else subject.from_region
        if region:
            out["region"] = region
        if subject.kind in ("muscle", "condition"):
            out[subject.kind] = subject.id
    if screen.pain:
        out["pain"] = ",".join(r if i is None else f"{r}:{i}" for r, i in screen.pain)
    if screen.lesson:
        out["lesson"] = screen.lesson
    if screen.presenting:
        out["mode"] = "present"
    if screen.side:
        out["side"] = screen.side
    if screen.step != 1:
        out["step"] = str(screen.step)
    if screen.views != BODY_VIEWS and (choice := choice_for(screen.views)):
        out["view"] = choice
    return out
