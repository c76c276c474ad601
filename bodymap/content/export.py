"""The validated atlas as plain JSON-ready data (the shape is documented in docs/export.md)."""

from __future__ import annotations

from typing import Any

from bodymap.content.atlas import SIDES, Atlas

EXPORT_VERSION = 1


def atlas_to_dict(atlas: Atlas) -> dict[str, Any]:
    """Everything in the atlas, with regions expanded and trigger points placed on both sides."""
    muscles = []
    for mid, muscle in atlas.muscles.items():
        entry = muscle.model_dump(mode="json", exclude={"trigger_points"})
        entry["trigger_points"] = [
            {
                "id": tp.id,
                "label": tp.label,
                "sides": {
                    side: {
                        "region": placed.region,
                        "at": list(placed.at),
                        "essential": list(placed.essential),
                        "spillover": list(placed.spillover),
                    }
                    for side in SIDES
                    for placed in [atlas.placed(mid, side)[i]]
                },
            }
            for i, tp in enumerate(muscle.trigger_points)
        ]
        muscles.append(entry)
    return {
        "version": EXPORT_VERSION,
        "frame": {"x": [-60, 60], "y": [0, 200], "views": ["front", "back"]},
        "regions": [
            {
                "id": r.id, "base_id": r.base_id, "name": r.name, "clinical": r.clinical,
                "view": r.view, "side": r.side, "notes": r.notes,
                "outline": [list(p) for p in r.outline],
            }
            for r in atlas.regions.values()
        ],
        "muscles": muscles,
        "conditions": [c.model_dump(mode="json") for c in atlas.conditions.values()],
        "region_notes": [n.model_dump(mode="json") for n in atlas.region_notes.values()],
        "session": atlas.session.model_dump(mode="json"),
        "sources": [s.model_dump(mode="json", exclude_none=True) for s in atlas.sources.values()],
    }
