"""Left and right by code: regions and their close-up drawings, written once, expanded to both sides.

A `both` region is written for the person's left side; its right side is the mirror image (x -> -x),
in the body views and in the close-ups alike. A close-up written as `head` is drawn as `head-left`
(as written) and `head-right` (mirrored); a midline place seen in a close-up is drawn in both.
"""

from __future__ import annotations

from collections.abc import Iterable

from bodymap.content import geometry
from bodymap.content.atlas import SIDES, Outline, Region, sided_id
from bodymap.content.schema import Drawing, RegionSpec
from bodymap.content.views import BODY_VIEWS, concrete, crop_box, crops_of

#: A place is drawn in a crop only when at least this much of it (square units) lies inside.
MIN_CROPPED_AREA = 4.0


def _on(side: str, outline: Outline) -> Outline:
    """An outline written for the left side, on `side`."""
    return tuple(outline) if side == "left" else tuple(geometry.mirror(outline))


def _cropped(outline: Outline, box: tuple[float, float, float, float]) -> Outline | None:
    """The part of an outline inside a crop's box (what the crop draws of it), or None when too little is."""
    part = geometry.clip(outline, box)
    return part if part and abs(geometry.signed_area(part)) > MIN_CROPPED_AREA else None


def _shapes(view: str, outline: Outline, sides: Iterable[str]) -> list[tuple[str, Outline]]:
    """(view, outline) of one outline on each side (a midline one once in a body view: it shows both sides)."""
    sides = tuple(sides)
    if view in BODY_VIEWS:
        drawn = _on(sides[0], outline) if len(sides) == 1 else tuple(outline)
        crops = ((crop, _cropped(drawn, crop_box(crop))) for crop in crops_of(view))
        return [(view, drawn), *((crop, part) for crop, part in crops if part)]
    return [(concrete(view, side), _on(side, outline)) for side in sides]


def expand_regions(specs: Iterable[RegionSpec], drawings: Iterable[Drawing] = ()) -> dict[str, Region]:
    """Drawn regions by id: a midline region as written (seen in a close-up on both sides), a `both`
    region as its left side and its mirrored right side, each with its parent on the same side."""
    specs = list(specs)
    extra: dict[str, list[Drawing]] = {}
    for drawing in drawings:
        extra.setdefault(drawing.region, []).append(drawing)
    midline = {s.id for s in specs if s.side == "midline"}
    regions: dict[str, Region] = {}
    for spec in specs:
        sides = SIDES if spec.side == "midline" else None
        for side in (None,) if sides else SIDES:
            own = sides or (side,)
            shapes = [*_shapes(spec.view, spec.outline, own)]
            shapes += [s for d in extra.get(spec.id, []) for s in _shapes(d.view, d.outline, own)]
            rid = spec.id if side is None else sided_id(spec.id, side)
            parent = spec.parent if spec.parent is None or spec.parent in midline or side is None else sided_id(
                spec.parent, side)
            view, outline = shapes[0]
            regions[rid] = Region(rid, spec.id, spec.name, spec.clinical, view, side or "midline", spec.notes,
                                  outline, parent, tuple(shapes))
    return regions
