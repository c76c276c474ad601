"""What each panel of the handout's diagram shows: one view's places and the overlay as the map draws it there.

The mapping is the map's: a finer place of a close-up rolls up to its parent on the body views, a parent
spreads over its places in a close-up (`atlas.shown_in`, via `shown_ids`), and trigger points are marked
at their position in the view (`PlacedTriggerPoint.at_in`). A close-up gets its own panel when the
subject has something that only a close-up draws: a zone, pain or highlight on a finer place, or a
trigger point placed in a close-up.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from bodymap.content import views as view_names
from bodymap.content.atlas import Atlas, Region
from bodymap.drawing.frame import shown_regions
from bodymap.drawing.overlays import shown_ids
from bodymap.reference.overlay import Overlay

#: At most this many close-ups are drawn under the body's front and back.
MAX_CLOSEUPS = 3


@dataclass(frozen=True, slots=True)
class Panel:
    """One view of the diagram: its places (as drawn in it) and the overlay there, by region id."""

    view: str
    title: str
    regions: tuple[Region, ...]
    essential: frozenset[str]
    spillover: frozenset[str]
    outlined: tuple[str, ...]
    pain: tuple[tuple[str, int | None], ...]
    points: tuple[tuple[int, tuple[float, float]], ...]
    numbered: bool = False

    @property
    def by_id(self) -> dict[str, Region]:
        return {r.id: r for r in self.regions}


def heading(view: str) -> str:
    """A view's title as on the map: "Front", "Head and neck, left"."""
    side = view_names.side_of(view)
    return view_names.title(view) + (f", {side}" if side else "")


def panel(atlas: Atlas, overlay: Overlay, view: str) -> Panel:
    """The overlay as drawn in one view (each place once, the highest pain level marked on it)."""
    views = (view,)
    essential = shown_ids(atlas, views, overlay.essential_regions)
    spillover = [r for r in shown_ids(atlas, views, overlay.spillover_regions) if r not in essential]
    pain: dict[str, int | None] = {}
    for rid, level in overlay.pain:
        for shown in shown_ids(atlas, views, [rid]):
            old = pain.get(shown, level)
            pain[shown] = level if old is None else old if level is None else max(old, level)
    outlined = [r for r in shown_ids(atlas, views, overlay.highlight) if r not in pain]
    points = [(number, at) for number, p in overlay.points if (at := p.at_in(view)) is not None]
    return Panel(view, heading(view), tuple(shown_regions(atlas, views)), frozenset(essential),
                 frozenset(spillover), tuple(outlined), tuple(pain.items()), tuple(points), overlay.numbered)


def closeup_views(atlas: Atlas, overlay: Overlay) -> tuple[str, ...]:
    """The close-ups the subject needs (at most MAX_CLOSEUPS, in the order the overlay names them): those
    drawing a place of its zones, pain or highlight that no body view draws, or one of its trigger points."""
    ids = [*overlay.pain_regions, *overlay.essential_regions, *overlay.spillover_regions, *overlay.highlight]
    found = [v for rid in ids if rid in atlas.regions and not _on_the_body(atlas, rid)
             for v in atlas.regions[rid].views if view_names.is_closeup(v) and atlas.shown_in(rid, v)]
    found += [v for _, p in overlay.points for v, _ in p.spots if view_names.is_closeup(v)]
    return tuple(_in_choice_order(dict.fromkeys(found)))[:MAX_CLOSEUPS]


def _on_the_body(atlas: Atlas, region_id: str) -> bool:
    return any(region_id in atlas.drawn(v) for v in view_names.BODY_VIEWS)


def _in_choice_order(found: Collection[str]) -> list[str]:
    """The views in first-needed order, each close-up choice's views together in the choice's order
    (a hand's palm before its back)."""
    out: list[str] = []
    for view in found:
        choice = view_names.closeup_choice(view)
        shown = view_names.CHOICES[choice][1] if choice else (view,)
        out += [v for v in shown if v in found and v not in out]
    return out
