"""Checks of the close-ups: places and their parents, drawings of body regions, and the tiling of each view.

In a close-up, the *drawn* places are its own regions plus the drawings of body regions that have no
places of their own there; a drawing of a parent is a container that its places must fill exactly.
Each check answers with (entry, field path, message) triples for the loader to place in the files.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import shapely

from bodymap.content import geometry
from bodymap.content.views import BODY_VIEWS

#: Overlaps and gaps smaller than this (square units) are rounding, not mistakes.
TOLERANCE = 0.05
Found = tuple[Any, tuple, str]


def check(regions: Mapping[str, Any], drawings: Mapping[str, Any]) -> list[Found]:
    """Every close-up problem. `regions` and `drawings` map ids / keys to loader entries (`.model`)."""
    found: list[Found] = []
    found += _check_places(regions, drawings)
    found += _check_drawings(regions, drawings)
    if found:
        return found  # tiling is checked only on places whose parents and drawings are right
    for view in sorted({e.model.view for e in (*regions.values(), *drawings.values())} - set(BODY_VIEWS)):
        found += _check_view(view, regions, drawings)
    return found


def _check_places(regions: Mapping[str, Any], drawings: Mapping[str, Any]) -> Iterator[Found]:
    """A close-up place has a parent from the body views, drawn in the same close-up; body regions have none."""
    for entry in regions.values():
        spec = entry.model
        if spec.view in BODY_VIEWS:
            if spec.parent is not None:
                yield entry, ("parent",), "only a place of a close-up has a parent"
            continue
        if spec.parent is None:
            yield entry, ("view",), "a place of a close-up needs a `parent`: the body region it belongs to"
        elif spec.parent in regions and regions[spec.parent].model.view not in BODY_VIEWS:
            yield entry, ("parent",), f"the parent {spec.parent!r} must be a region of the front or back view"
        elif spec.parent in regions and spec.side == "midline" and regions[spec.parent].model.side != "midline":
            yield entry, ("side",), f"a midline place needs a midline parent; {spec.parent!r} has a left and a right"
        elif spec.parent in regions and f"{spec.parent} in {spec.view}" not in drawings:
            yield entry, ("parent",), f"its parent {spec.parent!r} has no drawing in the {spec.view!r} view"


def _check_drawings(regions: Mapping[str, Any], drawings: Mapping[str, Any]) -> Iterator[Found]:
    """A drawing shows a body region in a close-up, with a sound outline inside the frame."""
    for entry in drawings.values():
        drawing = entry.model
        if drawing.view in BODY_VIEWS:
            yield entry, ("view",), "a drawing is for a close-up view, not the front or back"
        elif drawing.region in regions and regions[drawing.region].model.view not in BODY_VIEWS:
            yield entry, ("region",), f"{drawing.region!r} is a place of a close-up: draw it as a region there"
        problem = geometry.outline_problem(drawing.outline)
        if problem:
            yield entry, ("outline",), problem
        elif not geometry.in_frame(drawing.outline):
            yield entry, ("outline",), "outline leaves the view's frame (x -60..60, y 0..200)"


def _check_view(view: str, regions: Mapping[str, Any], drawings: Mapping[str, Any]) -> Iterator[Found]:
    """In one close-up: places inside their parents, parents filled, drawn places not overlapping."""
    places = [e for e in regions.values() if e.model.view == view]
    containers = {e.model.region: e for e in drawings.values() if e.model.view == view}
    if any(e.model.parent not in containers for e in places):
        return  # a parent unknown (or dropped for its own problems) is reported elsewhere: no tiling to check
    parents = {e.model.parent for e in places}
    for entry in places:
        outside = geometry.shape(entry.model.outline).difference(geometry.shape(containers[entry.model.parent]
                                                                                .model.outline)).area
        if outside > TOLERANCE:
            yield entry, ("outline",), f"lies outside its parent {entry.model.parent!r} ({outside:.2g} square units)"
    for region, entry in containers.items():
        if region in parents:
            filled = shapely.union_all([geometry.shape(e.model.outline) for e in places if e.model.parent == region])
            gap = geometry.shape(entry.model.outline).difference(filled).area
            if gap > TOLERANCE:
                yield entry, ("outline",), f"its places leave a gap of {gap:.2g} square units in the {view!r} view"
    drawn = places + [e for r, e in containers.items() if r not in parents]
    yield from _overlaps(drawn)


def _overlaps(drawn: list[Any]) -> Iterator[Found]:
    """Pairs of drawn places of one view that overlap, reported on the later one."""
    shapes = [geometry.shape(e.model.outline) for e in drawn]
    for j, later in enumerate(drawn):
        for i in range(j):
            area = shapes[i].intersection(shapes[j]).area
            if area > TOLERANCE:
                other = drawn[i].model
                name = getattr(other, "id", None) or other.region
                yield later, ("outline",), f"overlaps {name!r} ({area:.2g} square units)"
