"""The Atlas: validated, immutable content, with left/right expanded by code."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from bodymap.content import geometry
from bodymap.content.schema import (
    Clinic,
    ClinicNote,
    Condition,
    Lesson,
    Muscle,
    RegionNotes,
    Session,
    Source,
    TriggerPoint,
)
from bodymap.content.views import concrete, crop_box, crops_of, is_closeup

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
    spots: tuple[tuple[str, tuple[float, float]], ...] = ()
    places: tuple[str, ...] = ()

    def at_in(self, view: str) -> tuple[float, float] | None:
        """Where it is drawn in a view (its region's own view, or a close-up placement), or None."""
        return next((at for v, at in self.spots if v == view), None)


def sided_id(base_id: str, side: str) -> str:
    """Id of a bilateral region on one side: `temple` + `left` -> `temple-left`."""
    return f"{base_id}-{side}"


def _zones(
    regions: tuple[str, ...], sides: tuple[BodySide, ...], resolve: Callable[[str, BodySide], str]
) -> tuple[str, ...]:
    """Referral regions resolved on each of `sides` (own side first), without repeats."""
    return tuple(dict.fromkeys(resolve(region, s) for region in regions for s in sides))


def _place(
    muscle_id: str, point: TriggerPoint, side: BodySide, resolve: Callable[[str, BodySide], str],
    views_of: Callable[[str], tuple[str, ...]], place_at: Callable[[str, tuple[float, float]], str | None],
) -> PlacedTriggerPoint:
    """A trigger point (written for the left side) on `side`: mirrored across x = 0 for the right.

    Its referral zones are on its own side, or on both sides when the point says `both_sides`.
    """
    other: BodySide = "right" if side == "left" else "left"
    sides: tuple[BodySide, ...] = (side, other) if point.both_sides else (side,)
    region = resolve(point.region, side)
    at = _mirrored(point.at, side)
    home = next((v for v in views_of(region) if not is_closeup(v)), None) or views_of(region)[0]
    crops = tuple((c, at) for c in crops_of(home) if _inside(at, crop_box(c)))
    spots = ((home, at), *crops, *((concrete(p.view, side), _mirrored(p.at, side)) for p in point.also_at))
    return PlacedTriggerPoint(
        muscle=muscle_id,
        point=point,
        side=side,
        region=region,
        at=at,
        essential=_zones(point.essential, sides, resolve),
        spillover=_zones(point.spillover, sides, resolve),
        spots=spots,
        places=tuple(dict.fromkeys(p for v, a in spots if (p := place_at(v, a)) is not None)),
    )


def _inside(pt: tuple[float, float], box: tuple[float, float, float, float] | None) -> bool:
    return box is not None and box[0] <= pt[0] <= box[1] and box[2] <= pt[1] <= box[3]


def _mirrored(pt: tuple[float, float], side: str) -> tuple[float, float]:
    return (pt[0], pt[1]) if side == "left" else (-pt[0], pt[1])


@dataclass(frozen=True)
class Atlas:
    """All content, validated. Mappings are read-only and keep file order.

    `clinic` and `clinic_notes` (by region base id, in file order) come from a clinic pack, if one was loaded.
    """

    regions: Mapping[str, Region]
    muscles: Mapping[str, Muscle]
    conditions: Mapping[str, Condition]
    region_notes: Mapping[str, RegionNotes]
    sources: Mapping[str, Source]
    session: Session
    lessons: Mapping[str, Lesson] = field(default_factory=dict)
    clinic: Clinic | None = None
    clinic_notes: Mapping[str, tuple[ClinicNote, ...]] = field(default_factory=dict)

    def __post_init__(self):
        for name in ("regions", "muscles", "conditions", "region_notes", "sources", "lessons", "clinic_notes"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))
        bases: dict[str, tuple[str, ...]] = {}
        for region in self.regions.values():
            bases[region.base_id] = bases.get(region.base_id, ()) + (region.id,)
        object.__setattr__(self, "_bases", MappingProxyType(bases))
        self._index_places()
        views_of = lambda rid: self.regions[rid].views  # noqa: E731
        placed = {
            (muscle_id, side): tuple(_place(muscle_id, point, side, self.resolve, views_of, self.place_at)
                                     for point in muscle.trigger_points)
            for muscle_id, muscle in self.muscles.items()
            for side in SIDES
        }
        object.__setattr__(self, "_placed", MappingProxyType(placed))

    def _index_places(self) -> None:
        """Children of each region, and the places drawn in each view (a parent with places there is not)."""
        children: dict[str, tuple[str, ...]] = {}
        for region in self.regions.values():
            if region.parent is not None:
                children[region.parent] = children.get(region.parent, ()) + (region.id,)
        drawn: dict[str, list[str]] = {}
        for region in self.regions.values():
            for view in region.views:
                if not any(view in self.regions[c].views for c in children.get(region.id, ())):
                    drawn.setdefault(view, []).append(region.id)
        object.__setattr__(self, "_children", MappingProxyType(children))
        object.__setattr__(self, "_drawn", MappingProxyType({v: tuple(ids) for v, ids in drawn.items()}))
        outlines = {v: geometry.shapes([self.regions[rid].outline_in(v) for rid in ids]) for v, ids in drawn.items()}
        object.__setattr__(self, "_outlines", MappingProxyType(outlines))

    def children(self, region_id: str) -> tuple[str, ...]:
        """The finer places of a region (in its close-ups), in content order."""
        return self._children.get(region_id, ())

    def ancestors(self, region_id: str) -> tuple[str, ...]:
        """The region's parent, its parent's parent, ... (nearest first)."""
        out: list[str] = []
        parent = self.regions[region_id].parent
        while parent is not None and parent not in out:
            out.append(parent)
            parent = self.regions[parent].parent
        return tuple(out)

    def descendants(self, region_id: str) -> tuple[str, ...]:
        """Every finer place within a region, at any depth."""
        out: list[str] = []
        for child in self.children(region_id):
            out += [child, *self.descendants(child)]
        return tuple(out)

    def place_at(self, view: str, at: tuple[float, float]) -> str | None:
        """The place drawn in a view that holds a point, or None."""
        if view not in self._outlines:
            return None
        hit = geometry.first_containing(self._outlines[view], at)
        return None if hit is None else self._drawn[view][hit]

    def family(self, region_id: str) -> tuple[str, ...]:
        """A region, its ancestors and its finer places: the ids that mean the same place at another grain."""
        return (region_id, *self.ancestors(region_id), *self.descendants(region_id))

    def views(self) -> tuple[str, ...]:
        """Every view something is drawn in."""
        return tuple(self._drawn)

    def drawn(self, view: str) -> tuple[str, ...]:
        """The places drawn (and tappable) in a view, in content order."""
        return self._drawn.get(view, ())

    def shown_in(self, region_id: str, view: str) -> tuple[str, ...]:
        """What stands for a region in a view: itself; else its places drawn there; else its nearest ancestor
        drawn there; else nothing. So pain given on the teeth shows on the jaw in the body view, and pain given
        on the jaw fills all of its places in the head close-up."""
        if region_id not in self.regions:
            return ()
        drawn = set(self.drawn(view))
        if region_id in drawn:
            return (region_id,)
        inside = tuple(d for d in self.descendants(region_id) if d in drawn)
        if inside:
            return inside
        return next(((a,) for a in self.ancestors(region_id) if a in drawn), ())

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
        line = (
            f"{len(self.regions)} regions, {len(self.muscles)} muscles, {tps} trigger points, "
            f"{len(self.conditions)} conditions, {len(self.region_notes)} region notes, "
            f"{len(self.sources)} sources"
        )
        if self.clinic is None and not self.clinic_notes:
            return line
        notes = sum(len(n) for n in self.clinic_notes.values())
        return f"{line}; clinic pack: {self.clinic.name if self.clinic else 'no clinic'}, {notes} clinic notes"
