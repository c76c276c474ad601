"""docs/data-format.md documents every field of the schema, and no field that does not exist.

Each model has a table in the doc under a heading naming its path: `## `muscles`` for a collection,
`### `muscles.trigger_points`` for entries nested in another. A table row names its field in
backticks in the first cell.
"""

from __future__ import annotations

import re
import typing
from pathlib import Path

from pydantic import BaseModel

from bodymap.content.schema import CLINIC_PACK, COLLECTIONS, Session

DOC = Path(__file__).resolve().parents[1] / "docs" / "data-format.md"
_HEADING = re.compile(r"^#{2,3} .*?`([a-z_.]+)`")
_ROW = re.compile(r"^\| `([a-z_]+)` \|")


def documented_fields(text: str) -> dict[str | None, set[str]]:
    """Field names of each table row, by the path in the heading above it (None: a heading without one)."""
    sections: dict[str | None, set[str]] = {}
    path: str | None = None
    for line in text.splitlines():
        if line.startswith("#"):
            heading = _HEADING.match(line)
            path = heading.group(1) if heading else None
        elif row := _ROW.match(line):
            sections.setdefault(path, set()).add(row.group(1))
    return sections


def _nested_models(annotation: typing.Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in typing.get_args(annotation) for model in _nested_models(arg)]


def schema_fields(path: str, model: type[BaseModel]) -> dict[str, set[str]]:
    """Field names of a model and of every model nested in it, by dotted path."""
    fields = {path: set(model.model_fields)}
    for name, info in model.model_fields.items():
        for nested in _nested_models(info.annotation):
            fields |= schema_fields(f"{path}.{name}", nested)
    return fields


def _all_schema_fields() -> dict[str, set[str]]:
    fields: dict[str, set[str]] = {}
    for name, model in {**COLLECTIONS, "session": Session, **CLINIC_PACK}.items():
        fields |= schema_fields(name, model)
    return fields


def test_schema_walk_reaches_nested_models():
    fields = _all_schema_fields()
    assert fields["muscles.trigger_points"] >= {"region", "at", "essential", "spillover"}
    assert fields["conditions.muscles"] == {"primary", "also"}
    assert {"session.steps", "session.contraindications", "session.red_flags"} <= set(fields)
    assert fields["clinic"] == {"name", "contact", "note"} and fields["clinic_notes"] == {"region", "text"}


def test_doc_names_every_field_and_no_other():
    documented = documented_fields(DOC.read_text(encoding="utf-8"))
    expected = _all_schema_fields()
    missing = {path: sorted(names - documented.get(path, set())) for path, names in expected.items()}
    unknown = {path: sorted(names - expected.get(path, set())) for path, names in documented.items()}
    assert {path: names for path, names in missing.items() if names} == {}, "fields missing from the doc"
    assert {path: names for path, names in unknown.items() if names} == {}, "doc names fields the schema lacks"


def test_documented_fields_reads_rows_under_their_heading():
    text = "## `muscles`\n\n| field | type |\n|---|---|\n| `id` | id |\n\n### `muscles.trigger_points`\n| `at` | x |\n"
    assert documented_fields(text) == {"muscles": {"id"}, "muscles.trigger_points": {"at"}}
