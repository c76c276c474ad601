"""Clinic content packs: an overlay folder in which a clinic adds its own content to the shipped content.

A pack may hold its `clinic` (name, a contact line for the handout, a note for every panel), its
`clinic_notes` on body areas, and extra `conditions`, `lessons` and `sources` (the shipped schema).
It adds, and never removes or weakens, the shipped content: it cannot replace a shipped id, and
cannot hold the session guide, region notes, regions, drawings or muscles, which carry the safety
content (warning signs, cautions) and the drawing of the map. Its entries are checked like shipped
ones, so a problem names the pack's file and line.
"""

from __future__ import annotations

from pathlib import Path

from bodymap.content.collect import ID_FIELD, WHAT, Collected, Entry, Keys, folder_files, read_files, unique
from bodymap.content.schema import COLLECTIONS, Clinic, ClinicNote

#: The shipped collections a pack may add entries to (new ids only).
ADDABLE = ("conditions", "lessons", "sources")
_CANNOT = "a clinic pack cannot"
REFUSED = {
    "session": f"{_CANNOT} change the session guide: its contraindications and warning signs are shipped "
               "safety content",
    "region_notes": f"{_CANNOT} change the shipped region notes (their cautions and warning signs are safety "
                    "content): write the clinic's own words about an area as `clinic_notes`",
    "regions": f"{_CANNOT} add or change regions: the drawing of the body map is shipped",
    "drawings": f"{_CANNOT} add or change drawings: the drawing of the body map is shipped",
    "muscles": f"{_CANNOT} add or change muscles: their trigger points and needling cautions are shipped",
}
KEYS = Keys(lists={**{name: COLLECTIONS[name] for name in ADDABLE}, "clinic_notes": ClinicNote},
            singles={"clinic": Clinic}, refused=REFUSED, overlay=True)


def read_pack(folder: Path, into: Collected) -> None:
    """Read a clinic pack's files into the collection, its entries marked as added by the pack."""
    files, problems = folder_files(folder, "clinic pack folder")
    into.problems += problems
    read_files(files, into, KEYS)


def merge_added(shipped: dict[str, dict[str, Entry]], collected: Collected) -> None:
    """Add the pack's conditions, lessons and sources after the shipped ones, reporting each shipped id
    the pack writes again (it may not replace shipped content) and ids the pack uses twice."""
    for name in ADDABLE:
        attr, what = ID_FIELD.get(name, "id"), WHAT[name]
        fresh = []
        for entry in collected.added(name):
            ident = getattr(entry.model, attr)
            if ident in shipped[name]:
                message = f"cannot replace the shipped {what} {ident!r}: give the clinic's {what} its own id"
                collected.problems.append(entry.problem((attr,), message))
            else:
                fresh.append(entry)
        shipped[name].update(unique(fresh, attr, what, collected.problems))


def clinic_entry(collected: Collected) -> Entry | None:
    """The pack's one clinic, reporting it written twice."""
    clinics = collected.entries["clinic"]
    for extra in clinics[1:]:
        collected.problems.append(extra.problem((), f"the clinic is written twice (first in {clinics[0].doc.file})"))
    return clinics[0] if clinics else None


def notes_by_region(entries: list[Entry]) -> dict[str, tuple[ClinicNote, ...]]:
    """The clinic notes by region base id, each area's in the order written."""
    out: dict[str, tuple[ClinicNote, ...]] = {}
    for entry in entries:
        out[entry.model.region] = out.get(entry.model.region, ()) + (entry.model,)
    return out
