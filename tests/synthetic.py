"""Small synthetic atlases for tests: regions laid out as squares in the front view, so a test only names
regions and says which trigger points refer where (see `synthetic_data`; the `make_atlas` fixture in
conftest.py builds one per call):

    atlas = make_atlas(
        regions=["temple", "jaw", "neck"],                 # bilateral regions (ids get -left / -right)
        midline=["sternum"],                               # midline regions (ids kept)
        muscles={"trap": [("neck", ["temple"], ["jaw"])]},  # per trigger point: (lies in, essential, spillover)
        conditions={"headache": {"regions": ["temple"], "primary": ["trap"], "also": ["scm"]}},
    )

With `closeup=True` the atlas also has the close-up `head` (see `closeup_data`): the body region `jaw` (added
when not named) drawn there as a container that two places, `upper-teeth` and `lower-teeth`, tile, and the
first midline region drawn beside it. A trigger point may then give a fourth item, its close-up positions:
`("jaw", ["upper-teeth"], [], [("head", HEAD_SPOTS["upper-teeth"])])`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from bodymap.content.atlas import Atlas
from bodymap.content.loader import load_atlas

TriggerSpec = tuple  # (lies in, essential, spillover) or (lies in, essential, spillover, [(view, [x, y]), ...])

#: The close-up `head` (written for the left side): the drawing of `jaw`, the places tiling it, the midline strip.
JAW_IN_HEAD = [[-30.0, 100.0], [-10.0, 100.0], [-10.0, 120.0], [-30.0, 120.0]]
HEAD_PLACES = {
    "upper-teeth": [[-30.0, 110.0], [-10.0, 110.0], [-10.0, 120.0], [-30.0, 120.0]],
    "lower-teeth": [[-30.0, 100.0], [-10.0, 100.0], [-10.0, 110.0], [-30.0, 110.0]],
}
MIDLINE_IN_HEAD = [[-5.0, 100.0], [5.0, 100.0], [5.0, 120.0], [-5.0, 120.0]]
#: A point inside each drawn place of the close-up (left side).
HEAD_SPOTS = {"upper-teeth": [-20.0, 115.0], "lower-teeth": [-20.0, 105.0], "midline": [0.0, 110.0]}

_CELL, _GAP, _PER_ROW = 10.0, 1.0, 5


def _cell(i: int) -> tuple[float, float, float, float]:
    """(x0, y0, x1, y1) of the i-th bilateral square, on the person's left side of the front view (x > 0)."""
    col, row = i % _PER_ROW, i // _PER_ROW
    x0 = 3.0 + col * (_CELL + _GAP)
    y0 = 5.0 + row * (_CELL + _GAP)
    return x0, y0, x0 + _CELL, y0 + _CELL


def _midline_cell(i: int) -> tuple[float, float, float, float]:
    y0 = 5.0 + i * (_CELL + _GAP)
    return -2.0, y0, 2.0, y0 + _CELL


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def _title(ident: str) -> str:
    return ident.replace("-", " ").capitalize()


def synthetic_data(
    root: Path,
    regions: Sequence[str] = (),
    midline: Sequence[str] = (),
    muscles: Mapping[str, Sequence[TriggerSpec]] | None = None,
    conditions: Mapping[str, Mapping[str, Any]] | None = None,
    names: Mapping[str, str] | None = None,
    extra: Mapping[str, Mapping[str, Any]] | None = None,
    sources: Sequence[Mapping[str, Any]] = (),
    session: Mapping[str, Any] | None = None,
    closeup: bool = False,
) -> Path:
    """Write a valid data folder under `root/data` and return its path.

    `names` overrides display names (of regions, muscles and conditions, by id); `extra` adds or
    overrides fields of a muscle or condition entry by id (e.g. `{"trap": {"aka": ["traps"]}}`), or of the
    one region-notes entry, id `area` (e.g. `{"area": {"red_flags": ["..."]}}`);
    `sources` adds entries to the bibliography (the source `book` is always there) and `session`
    overrides fields of the session guide. `closeup` adds the close-up `head` (see the module's docstring).
    """
    names = dict(names or {})
    extra = dict(extra or {})
    muscles = dict(muscles or {})
    conditions = dict(conditions or {})
    if closeup and "jaw" not in regions:
        regions = [*regions, "jaw"]
    if len(regions) > 5 * _PER_ROW or len(midline) > 15:
        raise ValueError("too many synthetic regions for the frame")
    centres: dict[str, list[float]] = {}
    region_list = []
    for i, rid in enumerate(regions):
        x0, y0, x1, y1 = _cell(i)
        centres[rid] = [(x0 + x1) / 2, (y0 + y1) / 2]
        region_list.append({"id": rid, "side": "both", "outline": [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]})
    for i, rid in enumerate(midline):
        x0, y0, x1, y1 = _midline_cell(i)
        centres[rid] = [0.0, (y0 + y1) / 2]
        region_list.append({"id": rid, "side": "midline", "outline": [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]})
    for r in region_list:
        r.update(name=names.get(r["id"], _title(r["id"])), clinical=f"{_title(r['id'])} region", view="front",
                 notes="area")
    views = closeup_data(midline[:1], names) if closeup else None
    if views:
        centres.update({r["id"]: HEAD_SPOTS[r["id"]] for r in views["regions"]})
    muscle_list = []
    for mid, points in muscles.items():
        entry = {
            "id": mid,
            "name": names.get(mid, _title(mid)),
            "clinical": f"Musculus {mid}",
            "description": f"A muscle called {_title(mid)}.",
            "self_care": "Move gently.",
            "sources": ["book"],
            "trigger_points": [
                _trigger_point(k, point, centres) for k, point in enumerate(points)
            ],
        }
        entry.update(extra.get(mid, {}))
        muscle_list.append(entry)
    condition_list = []
    for cid, spec in conditions.items():
        entry = {
            "id": cid,
            "name": names.get(cid, _title(cid)),
            "clinical": f"{_title(cid)} syndrome",
            "summary": "A condition used in tests.",
            "regions": list(spec["regions"]),
            "muscles": {"primary": list(spec["primary"]), "also": list(spec.get("also", ()))},
            "red_flags": ["Sudden weakness needs a doctor."],
            "sources": ["book"],
        }
        entry.update(extra.get(cid, {}))
        condition_list.append(entry)
    files = {
        "regions.yaml": {"regions": region_list},
        "muscles.yaml": {"muscles": muscle_list},
        "conditions.yaml": {"conditions": condition_list},
        "session.yaml": {
            "region_notes": [{"id": "area", "title": "This area", "position": "You lie on your front.",
                              "feel": "A dull ache.", "cautions": ["Take care over the ribs."], "sources": ["book"],
                              **extra.get("area", {})}],
            "session": {
                "intro": "Dry needling uses thin needles.",
                "steps": [{"id": "assessment", "title": "Assessment", "text": "You are asked about your pain."}],
                "contraindications": [{"id": "fear", "name": "Fear of needles", "clinical": "Needle phobia",
                                       "kind": "absolute", "text": "Say so."}],
                "red_flags": [{"id": "chest-pain", "name": "Chest pain", "text": "Get urgent care."}],
                "disclaimer": "Education, not a diagnosis.",
                "sources": ["book"],
                **(session or {}),
            },
        },
        "sources.yaml": {"sources": [{"key": "book", "citation": "Author A. A Book About Muscles. Publisher; 2000."},
                                     *sources]},
    }
    if views:
        files["views/head.yaml"] = views
    data = root / "data"
    for name, doc in files.items():
        if name == "conditions.yaml" and not condition_list:
            continue
        if name == "muscles.yaml" and not muscle_list:
            continue
        path = data / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.dump(doc, Dumper=_NoAliases, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return data


def closeup_data(midline: Sequence[str] = (), names: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The close-up `head`: places tiling the drawing of `jaw`, and the midline regions drawn beside it."""
    names = names or {}
    places = [{"id": pid, "name": names.get(pid, _title(pid)), "clinical": f"{_title(pid)} region", "view": "head",
               "side": "both", "parent": "jaw", "notes": "area", "outline": outline}
              for pid, outline in HEAD_PLACES.items()]
    drawings = [{"region": "jaw", "view": "head", "outline": JAW_IN_HEAD}]
    drawings += [{"region": mid, "view": "head", "outline": MIDLINE_IN_HEAD} for mid in midline[:1]]
    return {"regions": places, "drawings": drawings}


def _trigger_point(k: int, spec: TriggerSpec, centres: Mapping[str, list[float]]) -> dict[str, Any]:
    lies_in, essential, spillover, *also = spec
    point = {"id": f"tp{k + 1}", "label": f"Point {k + 1}", "region": lies_in, "at": centres[lies_in],
             "essential": list(essential), "spillover": list(spillover)}
    if also:
        point["also_at"] = [{"view": view, "at": list(at)} for view, at in also[0]]
    return point


def synthetic_atlas(root: Path, **kwargs: Any) -> Atlas:
    """Build and load a synthetic atlas (see `synthetic_data`); raises ContentError if it is not valid."""
    return load_atlas(synthetic_data(root, **kwargs))
