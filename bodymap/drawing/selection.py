"""Turn a raw `st.plotly_chart` selection event into the clicked region's id.

The event is whatever Streamlit hands over (a dict-like `{"selection": {"points": [...]}}`, or None).
A region's choropleth point carries the region id as `location` (its GeoJSON feature id) and as
`customdata`; a trigger-point marker carries the id of the region it lies in as `customdata`.
Anything else (empty, malformed or hostile payloads) gives None.
"""

from __future__ import annotations

import re
from collections.abc import Container, Hashable, Mapping
from dataclasses import dataclass
from typing import Any

_ID = re.compile(r"[a-z][a-z0-9-]{0,99}")


def region_from_event(event: Any, known: Container[str] | None = None) -> str | None:
    """The region id of the first selected point that names one, or None.

    `known`, when given, limits the answer to those ids (e.g. the atlas's regions).
    """
    for point in _points(event):
        for candidate in (point.get("location"), _first(point.get("customdata"))):
            if isinstance(candidate, str) and _ID.fullmatch(candidate) and (known is None or candidate in known):
                return candidate
    return None


def _get(obj: Any, key: str) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(key)
    try:
        return obj[key]
    except (KeyError, TypeError, IndexError, AttributeError):
        return getattr(obj, key, None)


def _points(event: Any) -> list[Mapping]:
    if event is None:
        return []
    points = _get(_get(event, "selection"), "points")
    if not isinstance(points, list | tuple):
        return []
    return [p for p in points if isinstance(p, Mapping)]


def _first(value: Any) -> Any:
    """customdata is a plain value for one-dimensional customdata, or a list of values."""
    if isinstance(value, list | tuple):
        return value[0] if value else None
    return value


@dataclass(frozen=True, slots=True)
class Drawn:
    """What a chart's figure was last written with: `drawing` (everything it shows except the chosen region),
    the `chosen` region written into it, and a `serial` that changes whenever the figure must be redrawn."""

    drawing: Hashable
    chosen: str | None
    serial: int = 0


def to_draw(last: Drawn | None, drawing: Hashable, chosen: str | None, on_page: str | None) -> Drawn:
    """How to write the chart's figure on this run.

    When the figure would show the same drawing and the page already shows the chosen region (plotly selected
    it on the tap that made it the chosen one), the figure is left exactly as last written, even if it names
    another region as chosen: Streamlit then sends a reference, not the figure, and the chart is not redrawn.
    Otherwise it is written anew, with the chosen region and a new serial (so it differs from the last figure
    even when the same region is chosen again after a tap moved the page away from it)."""
    if last is not None and last.drawing == drawing and on_page == chosen:
        return last
    return Drawn(drawing, chosen, 0 if last is None else last.serial + 1)
