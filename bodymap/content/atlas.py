"""The Atlas: validated, immutable content, with left/right expanded by code."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from bodymap.content.schema import Condition, Muscle, RegionNotes, Session, Source, TriggerPoint

Side = Literal["left", "right", "midline"]
BodySide = Literal["left", "right"]
SIDES: tuple[BodySide, BodySide] = ("left", "right")


Outline = tuple[tuple[float, float], ...]


@dataclass(frozen=True, slots=True)
class Region:
    """A place on one side (or the midline): drawn in its own `view`, and maybe again in close-ups.

    `shapes` are its (view, outline) drawings, its own first; `parent` is the body region a finer
    place of a close-up belongs to (its referred pain rolls up to it on the body views).
    """

    id: str
    base_id: str
    name: str
    clinical: str
    view: str
    side: Side
    notes: str
    outline: Outline
    parent: str | None = None
    shapes: tuple[tuple[str, Outline], ...] = ()

    @property
    def views(self) -> tuple[str, ...]:
        """Every view the region is drawn in (as a place, or as a parent its places fill)."""
        return tuple(v for v, _ in self.shapes) or (self.view,)

    def outline_in(self, view: str) -> Outline | None:
        """Its outline in a view, or None when it is not drawn there."""
        if view == self.view:
            return self.outline
        return next((o for v, o in self.shapes if v == view), None)

    @property
    def label(self) -> str:
        """Plain name with its side, e.g. "Temple (left)"."""
        return self.name if self.side == "midline" else f"{self.name} ({self.side})"


@dataclass(frozen=True, slots=True)
class PlacedTriggerPoint:
    """A muscle's trigger point on one side of the body, with its referral regions resolved."""

    muscle: str
    point: TriggerPoint
    side: BodySide
    region: str
    at: tuple[float, float]
    essential: tuple[str, ...]
    spillover: tuple[str, ...]


def sided_id(base_id: str, side: str) -> str:
    """Id of a bilateral region on one side: `temple` + `left` -> `temple-left`."""
    return f"{base_id}-{side}"


def _zones(
    regions: tuple[str, ...], sides: tuple[BodySide, ...], resolve: Callable[[str, BodySide], str]
) -> tuple[str, ...]:
    """Referral regions resolved on each of `sides` (own side first), without repeats."""
    return tuple(dict.fromkeys(resolve(region, s) for region in regions for s in sides))


def _place(
    muscle_id: str, point: TriggerPoint, side: BodySide, resolve: Callable[[str, BodySide], str]
) -> PlacedTriggerPoint:
    """A trigger point (written for the left side) on `side`: mirrored across x = 0 for the right.

    Its referral zones are on its own side, or on both sides when the point says `both_sides`.
    """
    x, y = point.at
    other: BodySide = "right" if side == "left" else "left"
    sides: tuple[BodySide, ...] = (side, other) if point.both_sides else (side,)
    return PlacedTriggerPoint(
        muscle=muscle_id,
        point=point,
        side=side,
        region=resolve(point.region, side),
        at=(x, y) if side == "left" else (-x, y),
        essential=_zones(point.essential, sides, resolve),
        spillover=_zones(point.spillover, sides, resolve),
    )


@dataclass(frozen=True)
class Atlas:
    """All content, validated. Mappings are read-only and keep file order."""

    regions: Mapping[str, Region]
    muscles: Mapping[str, Muscle]
    conditions: Mapping[str, Condition]
    region_notes: Mapping[str, RegionNotes]
    sources: Mapping[str, Source]
    session: Session

    def __post_init__(self):
        for name in ("regions", "muscles", "conditions", "region_notes", "sources"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))
        bases: dict[str, tuple[str, ...]] = {}
        for region in self.regions.values():
            bases[region.base_id] = bases.get(region.base_id, ()) + (region.id,)
        object.__setattr__(self, "_bases", MappingProxyType(bases))
        placed = {
            (muscle_id, side): tuple(_place(muscle_id, point, side, self.resolve) for point in muscle.trigger_points)
            for muscle_id, muscle in self.muscles.items()
            for side in SIDES
        }
        object.__setattr__(self, "_placed", MappingProxyType(placed))

    def resolve(self, base_id: str, side: BodySide) -> str:
        """The region a base id means on one side: itself for midline regions."""
        ids = self._bases[base_id]
        return ids[0] if len(ids) == 1 else sided_id(base_id, side)

    def region_ids_for(self, base_id: str) -> tuple[str, ...]:
        """Every drawn region of a base id (both sides, or the one midline region)."""
        return self._bases.get(base_id, ())

    def placed(self, muscle_id: str, side: BodySide) -> tuple[PlacedTriggerPoint, ...]:
        """The muscle's trigger points on one side, mirrored for the right side (computed once)."""
        return self._placed[(muscle_id, side)]

    def summary(self) -> str:
        """One line with the content counts."""
        tps = sum(len(m.trigger_points) for m in self.muscles.values())
        return (
            f"{len(self.regions)} regions, {len(self.muscles)} muscles, {tps} trigger points, "
            f"{len(self.conditions)} conditions, {len(self.region_notes)} region notes, "
            f"{len(self.sources)} sources"
        )
