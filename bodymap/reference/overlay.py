"""What to draw over the base body map: one spec shared by the on-screen map and the PDF handout.

An `Overlay` is plain data (region ids and placed trigger points), built by `bodymap.lookup` and
`bodymap.ranking`; drawing code only reads it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from bodymap.content.atlas import PlacedTriggerPoint

Role = Literal["muscle", "primary", "also", "candidate", "refers"]


@dataclass(frozen=True, slots=True)
class MuscleLayer:
    """One muscle's trigger points and referral zones, on the sides shown.

    `number` (1, 2, ...) tells muscles apart without colour: the map and the handout label each
    muscle's trigger points with it and list the muscles with the same numbers.
    """

    muscle: str
    name: str
    role: Role
    number: int
    essential: tuple[str, ...]
    spillover: tuple[str, ...]
    points: tuple[PlacedTriggerPoint, ...]


@dataclass(frozen=True, slots=True)
class Overlay:
    """Everything drawn over the map: muscle layers, highlighted regions and marked pain.

    `highlight` holds regions outlined strongly (the selected region, a condition's usual places);
    `pain` maps each region the person marked to its intensity (0-10, or None when not given).
    """

    layers: tuple[MuscleLayer, ...] = ()
    highlight: tuple[str, ...] = ()
    pain: tuple[tuple[str, int | None], ...] = ()
    points_in: tuple[PlacedTriggerPoint, ...] = field(default=())

    @property
    def essential_regions(self) -> tuple[str, ...]:
        """Regions in any layer's essential zone, in first-seen order."""
        return _unique(r for layer in self.layers for r in layer.essential)

    @property
    def spillover_regions(self) -> tuple[str, ...]:
        """Regions in some layer's spillover zone and in no layer's essential zone."""
        essential = set(self.essential_regions)
        return _unique(r for layer in self.layers for r in layer.spillover if r not in essential)

    @property
    def points(self) -> tuple[tuple[int, PlacedTriggerPoint], ...]:
        """Every trigger point to mark, with its layer's number (0 for `points_in`, points lying in a region)."""
        out = [(layer.number, p) for layer in self.layers for p in layer.points]
        seen = {(p.muscle, p.side, p.point.id) for _, p in out}
        out += [(0, p) for p in self.points_in if (p.muscle, p.side, p.point.id) not in seen]
        return tuple(out)

    @property
    def numbered(self) -> bool:
        """Layers carry their numbers (on the map and the handout) when there is more than one."""
        return len(self.layers) > 1

    @property
    def outlined(self) -> tuple[str, ...]:
        """Highlighted regions drawn hatched: the highlight minus the marked pain (which has its own outline)."""
        pain = set(self.pain_regions)
        return _unique(r for r in self.highlight if r not in pain)

    @property
    def pain_regions(self) -> tuple[str, ...]:
        """The regions the person marked as painful."""
        return tuple(r for r, _ in self.pain)


def _unique(items) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))
