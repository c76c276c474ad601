"""The body map's content as plain lines, for screen readers and anyone who cannot see the drawing.

The same things the map draws for an `Overlay` in the views shown (the drawing code's rules, in words): the
views, the area chosen, the other outlined places, each muscle with where its pain is often and sometimes felt,
the trigger points shown and the places marked as painful with their levels. Places are named as they are
drawn in these views: a finer place rolls up to the place that stands for it (teeth -> jaw on the whole body).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from bodymap.content.atlas import Atlas, PlacedTriggerPoint
from bodymap.content.views import side_of, title
from bodymap.reference.overlay import MuscleLayer, Overlay
from bodymap.reference.wording import join_names, level_text

AREA_CHOSEN = "Area chosen"
NOTHING_YET = "Nothing is marked on the map yet: choose an area on the body or in the list of body areas."


def view_name(view: str) -> str:
    """A view as read: "Front", "Upper body, front", "Head and neck, left"."""
    side = side_of(view)
    return f"{title(view)}, {side}" if side else title(view)


def drawn_ids(atlas: Atlas, views: Sequence[str], ids: Iterable[str]) -> list[str]:
    """What stands for these regions in the views, each once (unknown ids and places not drawn are left out)."""
    return list(dict.fromkeys(s for rid in ids for view in views for s in atlas.shown_in(rid, view)))


def _labels(atlas: Atlas, ids: Iterable[str]) -> str:
    return join_names(atlas.regions[r].label for r in ids)


def _point(atlas: Atlas, p: PlacedTriggerPoint, focus: tuple[str, str] | None, *, muscle: bool = False) -> str:
    name = f"{atlas.muscles[p.muscle].name}: " if muscle else ""
    larger = ", shown larger" if focus == (p.muscle, p.point.id) else ""
    return f"{name}{p.point.label} ({p.side} side{larger})"


def _drawn_points(points: Iterable[PlacedTriggerPoint], views: Sequence[str]) -> list[PlacedTriggerPoint]:
    return [p for p in points if any(v in views for v, _ in p.spots)]


def _muscle_lines(atlas: Atlas, lay: MuscleLayer, views: Sequence[str], numbered: bool,
                  focus: tuple[str, str] | None) -> list[str]:
    """A muscle layer: where its pain is often / sometimes felt, then its trigger points shown."""
    name = f"{lay.number}. {lay.name}" if numbered else lay.name
    often = drawn_ids(atlas, views, lay.essential)
    sometimes = [r for r in drawn_ids(atlas, views, lay.spillover) if r not in often]
    parts = [f"often felt at {_labels(atlas, often)}"] if often else []
    parts += [f"sometimes at {_labels(atlas, sometimes)}"] if sometimes else []
    zones = f"pain {'; '.join(parts)}" if parts else "where its pain is felt is not in the views shown"
    lines = [f"{name}: {zones}."]
    points = _drawn_points(lay.points, views)
    if points:
        lines.append(f"{name}, trigger points shown: " + "; ".join(_point(atlas, p, focus) for p in points) + ".")
    elif lay.points:
        lines.append(f"{name}, trigger points: none in the views shown.")
    return lines


def map_lines(atlas: Atlas, overlay: Overlay, selected: str | None, views: Sequence[str], *,
              highlight_label: str = AREA_CHOSEN, focus_point: tuple[str, str] | None = None) -> tuple[str, ...]:
    """What the map shows, one plain sentence a line (no markup)."""
    lines = [f"Views shown: {join_names(view_name(v) for v in views)}."]
    if selected in atlas.regions:
        lines.append(f"{AREA_CHOSEN}: {atlas.regions[selected].label}.")
    pain = [(r, level) for r, level in overlay.pain if r in atlas.regions]
    skip = {*drawn_ids(atlas, views, [r for r, _ in pain]), *drawn_ids(atlas, views, [selected] if selected else [])}
    outlined = [r for r in drawn_ids(atlas, views, overlay.highlight) if r not in skip]
    if outlined:
        lines.append(f"{highlight_label}: {_labels(atlas, outlined)}.")
    layers = [lay for lay in overlay.layers if lay.muscle in atlas.muscles]
    for lay in layers:
        lines += _muscle_lines(atlas, lay, views, overlay.numbered, focus_point)
    in_layers = {(p.muscle, p.side, p.point.id) for lay in layers for p in lay.points}
    loose = [p for n, p in overlay.points
             if n == 0 and p.muscle in atlas.muscles and (p.muscle, p.side, p.point.id) not in in_layers]
    loose = _drawn_points(loose, views)
    if loose:
        lines.append("Trigger points lying here: " + "; ".join(_point(atlas, p, focus_point, muscle=True)
                                                               for p in loose) + ".")
    if pain:
        marks = "; ".join(f"{atlas.regions[r].label}, {level_text(level)}" for r, level in pain)
        lines.append(f"Marked as painful: {marks}.")
    if len(lines) == 1:
        lines.append(NOTHING_YET)
    return tuple(lines)
