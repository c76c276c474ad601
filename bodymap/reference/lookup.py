"""Look-ups behind the region, muscle and condition views: pure functions on an Atlas.

Sides: a bilateral region (`temple-left`) is reached by the muscle on the same side; a midline
region (`sternum`) by the muscle on either side. A trigger point lies in a region when its placed
region (`atlas.placed(...)[i].region`) is that region.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from bodymap.content.atlas import SIDES, Atlas, BodySide, PlacedTriggerPoint, Region
from bodymap.content.schema import Condition, RegionNotes
from bodymap.reference.overlay import MuscleLayer, Overlay, Role

Strength = Literal["essential", "spillover"]


@dataclass(frozen=True, slots=True)
class ReferringMuscle:
    """A muscle whose trigger points can send pain to a region.

    `strength` is "essential" when at least one of its points has the region in its essential zone;
    `points` are the ids of the muscle's points that refer there (essential or spillover);
    `sides` are the muscle sides that reach the region (one side, or both for a midline region).
    """

    muscle: str
    name: str
    strength: Strength
    points: tuple[str, ...]
    sides: tuple[BodySide, ...]


@dataclass(frozen=True, slots=True)
class RelatedCondition:
    """A condition tied to a region: felt there ("felt-here") or through a muscle that refers there."""

    condition: str
    name: str
    reason: Literal["felt-here", "muscle-refers"]
    muscles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RegionInfo:
    """Everything the region panel shows."""

    region: Region
    points: tuple[PlacedTriggerPoint, ...]
    referring: tuple[ReferringMuscle, ...]
    conditions: tuple[RelatedCondition, ...]
    notes: RegionNotes


@dataclass(frozen=True, slots=True)
class Referral:
    """Where a muscle's trigger points send pain on the given sides (spillover excludes essential)."""

    essential: tuple[str, ...]
    spillover: tuple[str, ...]


def sides_for(side: BodySide | None) -> tuple[BodySide, ...]:
    """`None` means both sides."""
    return SIDES if side is None else (side,)


def _region(atlas: Atlas, region_id: str) -> Region:
    try:
        return atlas.regions[region_id]
    except KeyError:
        raise KeyError(f"unknown region {region_id!r}") from None


def _reach_sides(region: Region) -> tuple[BodySide, ...]:
    """Muscle sides whose referral can land in a region."""
    return SIDES if region.side == "midline" else (region.side,)


def points_in_region(atlas: Atlas, region_id: str) -> tuple[PlacedTriggerPoint, ...]:
    """Trigger points lying in a region (or in its finer places, or placed in it in a close-up), in content
    order (muscle by muscle), left side before right."""
    region = _region(atlas, region_id)
    within = {region_id, *atlas.descendants(region_id)}
    return tuple(
        p
        for side in _reach_sides(region)
        for m in atlas.muscles
        for p in atlas.placed(m, side)
        if p.region in within or within.intersection(p.places)
    )


def referring_muscles(atlas: Atlas, region_id: str) -> tuple[ReferringMuscle, ...]:
    """Muscles whose trigger points refer pain to a region.

    Ranked: essential before spillover, then by how many of the muscle's points refer there (more
    first), then by name, then id.
    """
    region = _region(atlas, region_id)
    family = set(atlas.family(region_id))
    out = []
    for mid, muscle in atlas.muscles.items():
        hits: dict[str, Strength] = {}
        sides: list[BodySide] = []
        for side in _reach_sides(region):
            side_hit = False
            for p in atlas.placed(mid, side):
                if family.intersection(p.essential):
                    hits[p.point.id] = "essential"
                elif family.intersection(p.spillover):
                    hits.setdefault(p.point.id, "spillover")
                else:
                    continue
                side_hit = True
            if side_hit:
                sides.append(side)
        if hits:
            strength: Strength = "essential" if "essential" in hits.values() else "spillover"
            points = tuple(tp.id for tp in muscle.trigger_points if tp.id in hits)
            out.append(ReferringMuscle(mid, muscle.name, strength, points, tuple(sides)))
    out.sort(key=lambda r: (r.strength != "essential", -len(r.points), r.name.casefold(), r.muscle))
    return tuple(out)


def related_conditions(atlas: Atlas, region_id: str) -> tuple[RelatedCondition, ...]:
    """Conditions felt in the region's base id first, then conditions with a muscle referring there.

    Within each kind, by name. `muscles` lists the condition's muscles that refer to the region.
    """
    bases = {atlas.regions[r].base_id for r in atlas.family(_region(atlas, region_id).id)}
    referring = {r.muscle for r in referring_muscles(atlas, region_id)}
    felt, via = [], []
    for cid, cond in atlas.conditions.items():
        linked = tuple(m for m in condition_muscle_ids(cond) if m in referring)
        if bases.intersection(cond.regions):
            felt.append(RelatedCondition(cid, cond.name, "felt-here", linked))
        elif linked:
            via.append(RelatedCondition(cid, cond.name, "muscle-refers", linked))
    key = lambda c: (c.name.casefold(), c.condition)  # noqa: E731
    return tuple(sorted(felt, key=key)) + tuple(sorted(via, key=key))


def region_notes(atlas: Atlas, region_id: str) -> RegionNotes:
    """The session notes of a region."""
    return atlas.region_notes[_region(atlas, region_id).notes]


def region_info(atlas: Atlas, region_id: str) -> RegionInfo:
    """The region panel's content."""
    return RegionInfo(
        region=_region(atlas, region_id),
        points=points_in_region(atlas, region_id),
        referring=referring_muscles(atlas, region_id),
        conditions=related_conditions(atlas, region_id),
        notes=region_notes(atlas, region_id),
    )


def muscle_referral(atlas: Atlas, muscle_id: str, side: BodySide | None = None) -> Referral:
    """Regions a muscle refers pain to on one side (or both when `side` is None), in content order."""
    placed = [p for s in sides_for(side) for p in atlas.placed(muscle_id, s)]
    essential = _unique(r for p in placed for r in p.essential)
    spillover = _unique(r for p in placed for r in p.spillover if r not in essential)
    return Referral(essential, spillover)


def condition_muscle_ids(condition: Condition) -> tuple[str, ...]:
    """A condition's muscles, primary first, without repeats."""
    return _unique((*condition.muscles.primary, *condition.muscles.also))


def condition_muscles(atlas: Atlas, condition_id: str) -> tuple[tuple[str, Literal["primary", "also"]], ...]:
    """A condition's muscles with their role: primary first, then also common."""
    cond = atlas.conditions[condition_id]
    primary = set(cond.muscles.primary)
    return tuple((m, "primary" if m in primary else "also") for m in condition_muscle_ids(cond))


def condition_regions(atlas: Atlas, condition_id: str, side: BodySide | None = None) -> tuple[str, ...]:
    """The drawn regions where a condition is usually felt, on one side (or both)."""
    cond = atlas.conditions[condition_id]
    return _unique(atlas.resolve(b, s) for b in cond.regions for s in sides_for(side))


def layer(atlas: Atlas, muscle_id: str, role: Role, number: int, side: BodySide | None = None) -> MuscleLayer:
    """One muscle's overlay layer on one side (or both)."""
    ref = muscle_referral(atlas, muscle_id, side)
    points = tuple(p for s in sides_for(side) for p in atlas.placed(muscle_id, s))
    return MuscleLayer(muscle_id, atlas.muscles[muscle_id].name, role, number, ref.essential, ref.spillover, points)


def region_overlay(atlas: Atlas, region_id: str) -> Overlay:
    """The region highlighted, with the trigger points lying in it."""
    _region(atlas, region_id)
    return Overlay(highlight=(region_id,), points_in=points_in_region(atlas, region_id))


def muscle_overlay(
    atlas: Atlas, muscle_id: str, side: BodySide | None = None, highlight: Sequence[str] = ()
) -> Overlay:
    """One muscle's trigger points and referral zones; `highlight` keeps e.g. the region it was opened from."""
    return Overlay(layers=(layer(atlas, muscle_id, "muscle", 1, side),), highlight=tuple(highlight))


def condition_overlay(
    atlas: Atlas, condition_id: str, side: BodySide | None = None, only: str | None = None
) -> Overlay:
    """A condition's muscles drawn together (numbered 1, 2, ... in condition order), its places highlighted.

    With `only` (one of its muscles, as in a presentation step) only that muscle's layer is drawn,
    keeping its number and role.
    """
    layers = tuple(
        layer(atlas, m, role, i, side) for i, (m, role) in enumerate(condition_muscles(atlas, condition_id), start=1)
    )
    if only is not None:
        layers = tuple(lay for lay in layers if lay.muscle == only)
        if not layers:
            raise KeyError(f"{only!r} is not one of {condition_id!r}'s muscles")
    return Overlay(layers=layers, highlight=condition_regions(atlas, condition_id, side))


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))
