"""The validated atlas as plain JSON-ready data (the shape is documented in docs/export.md)."""

from __future__ import annotations

from typing import Any

from bodymap.content.atlas import SIDES, Atlas, PlacedTriggerPoint
from bodymap.content.geometry import X_MAX, X_MIN, Y_MAX, Y_MIN

EXPORT_VERSION = 1


def _placed_to_dict(placed: PlacedTriggerPoint) -> dict[str, Any]:
    """One trigger point on one side: its region, position and referral regions."""
    return {
        "region": placed.region,
        "at": list(placed.at),
        "essential": list(placed.essential),
        "spillover": list(placed.spillover),
    }


def _muscle_to_dict(atlas: Atlas, muscle_id: str) -> dict[str, Any]:
    """A muscle's fields, with each trigger point placed on both sides."""
    muscle = atlas.muscles[muscle_id]
    entry = muscle.model_dump(mode="json", exclude={"trigger_points"})
    by_side = {side: atlas.placed(muscle_id, side) for side in SIDES}
    entry["trigger_points"] = [
        {"id": point.id, "label": point.label, "sides": {side: _placed_to_dict(by_side[side][i]) for side in SIDES}}
        for i, point in enumerate(muscle.trigger_points)
    ]
    return entry


def atlas_to_dict(atlas: Atlas) -> dict[str, Any]:
    """Everything in the atlas, with regions expanded and trigger points placed on both sides."""
    return {
        "version": EXPORT_VERSION,
        "frame": {"x": [X_MIN, X_MAX], "y": [Y_MIN, Y_MAX], "views": list(atlas.views())},
        "regions": [
            {
                "id": region.id, "base_id": region.base_id, "name": region.name, "clinical": region.clinical,
                "view": region.view, "side": region.side, "notes": region.notes, "parent": region.parent,
                "outline": [list(point) for point in region.outline],
                "drawn_in": {view: [list(point) for point in outline] for view, outline in region.shapes
                             if view != region.view},
            }
            for region in atlas.regions.values()
        ],
        "muscles": [_muscle_to_dict(atlas, muscle_id) for muscle_id in atlas.muscles],
        "conditions": [condition.model_dump(mode="json") for condition in atlas.conditions.values()],
        "region_notes": [notes.model_dump(mode="json") for notes in atlas.region_notes.values()],
        "session": atlas.session.model_dump(mode="json"),
        "sources": [source.model_dump(mode="json", exclude_none=True) for source in atlas.sources.values()],
        "lessons": [lesson.model_dump(mode="json", exclude_none=True) for lesson in atlas.lessons.values()],
        "clinic": atlas.clinic.model_dump(mode="json", exclude_none=True) if atlas.clinic else None,
        "clinic_notes": [note.model_dump(mode="json") for notes in atlas.clinic_notes.values() for note in notes],
    }
