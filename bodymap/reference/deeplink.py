"""Deep links: the view as URL query parameters, and back, ignoring anything unknown or hostile.

Keys (see docs/deep-links.md): `region`, `muscle`, `condition` (ids), `pain` (a comma list of
`id` or `id:intensity`, intensity 0-10), `mode=present`, `side` (`left`, `right` or `both`) and
`step` (1, 2, ...). `parse_query` never raises: a value it cannot use is dropped with a short,
plain notice that never repeats the value unless it is a short, harmless id.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bodymap.content.atlas import Atlas, BodySide
from bodymap.reference.lookup import condition_muscle_ids

KEYS = ("region", "muscle", "condition", "pain", "mode", "side", "step")
MAX_VALUE = 500  # characters in one value; longer values are dropped whole
MAX_PAIN = 20  # marked regions kept from a link
MAX_STEP = 99
MAX_NOTICES = 8
_SAFE = re.compile(r"[a-z][a-z0-9-]{0,39}")
_NUMBER = re.compile(r"[0-9]{1,2}")


@dataclass(frozen=True, slots=True)
class ViewState:
    """What the app shows. `pain` keeps the marked regions in order, each with its intensity or None.

    `side` None means both sides; `step` counts from 1 (the presentation step).
    """

    region: str | None = None
    muscle: str | None = None
    condition: str | None = None
    pain: tuple[tuple[str, int | None], ...] = ()
    present: bool = False
    side: BodySide | None = None
    step: int = 1

    @property
    def pain_map(self) -> dict[str, int | None]:
        return dict(self.pain)


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


def parse_query(params: Mapping[str, Any], atlas: Atlas) -> tuple[ViewState, list[str]]:
    """The view a link asks for, and plain notices about what was ignored. Never raises."""
    p = _Parser(atlas)
    try:
        items = list(params.items())
    except Exception:  # a hostile mapping: treat as empty
        return ViewState(), ["Ignored the link’s settings: they could not be read."]
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

    side: BodySide | None = None
    if "side" in got and (value := p.single("side", got["side"])) is not None:
        if value in ("left", "right"):
            side = value  # type: ignore[assignment]
        elif value != "both":
            p.note("Ignored a side in the link: it must be left, right or both.")
    present = False
    if "mode" in got and (value := p.single("mode", got["mode"])) is not None:
        if value == "present":
            present = True
        else:
            p.note("Ignored a mode in the link: the only mode is “present”.")
    region = muscle = condition = None
    if "region" in got and (value := p.single("region", got["region"])) is not None:
        region = p.region(value, side)
    if "muscle" in got and (value := p.single("muscle", got["muscle"])) is not None:
        muscle = p.known(value, atlas.muscles, "muscle")
    if "condition" in got and (value := p.single("condition", got["condition"])) is not None:
        condition = p.known(value, atlas.conditions, "condition")
    pain = p.pain(got["pain"], side) if "pain" in got else ()
    step = 1
    if "step" in got and (value := p.single("step", got["step"])) is not None:
        if _NUMBER.fullmatch(value) and 1 <= int(value) <= MAX_STEP:
            step = int(value)
            if condition is not None:
                count = len(condition_muscle_ids(atlas.conditions[condition]))
                if step > count:
                    p.note(f"The link asks for step {step}, but there are {count} steps; showing the last one.")
                    step = count
        else:
            p.note(f"Ignored a step in the link: it must be a number from 1 to {MAX_STEP}.")
    state = ViewState(region, muscle, condition, pain, present, side, step)
    notices = p.notices[:MAX_NOTICES]
    return state, notices


def to_query(state: ViewState) -> dict[str, str]:
    """The query parameters for a view, leaving out defaults (a link that `parse_query` restores)."""
    out: dict[str, str] = {}
    if state.region:
        out["region"] = state.region
    if state.muscle:
        out["muscle"] = state.muscle
    if state.condition:
        out["condition"] = state.condition
    if state.pain:
        out["pain"] = ",".join(r if i is None else f"{r}:{i}" for r, i in state.pain)
    if state.present:
        out["mode"] = "present"
    if state.side:
        out["side"] = state.side
    if state.step != 1:
        out["step"] = str(state.step)
    return out
