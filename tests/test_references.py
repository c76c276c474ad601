"""References between collections: declared in the schema with `Ref`, checked by the loader in one walk."""

from __future__ import annotations

import typing

import pytest
from pydantic import BaseModel

from bodymap.content import schema
from bodymap.content.loader import check_data

from minimal_data import FILES, write_minimal


def _problems(tmp_path, name: str, old: str, new: str) -> list[str]:
    assert old in FILES[name], f"test setup: {old!r} not in {name}"
    _, problems = check_data(write_minimal(tmp_path, {name: FILES[name].replace(old, new, 1)}))
    return [f"{p.line} {p.field}: {p.message}" for p in problems]


def _marked_fields() -> set[tuple[str, str, str]]:
    """(model, field, collection) of every field whose type carries a `Ref`, however deeply nested."""

    def refs_in(annotation) -> set[str]:
        found = {m.collection for m in getattr(annotation, "__metadata__", ()) if isinstance(m, schema.Ref)}
        return found.union(*(refs_in(arg) for arg in typing.get_args(annotation)))

    models = [m for m in vars(schema).values() if isinstance(m, type) and issubclass(m, BaseModel)]
    return {
        (model.__name__, name, collection)
        for model in models
        for name, info in model.model_fields.items()
        for collection in refs_in(info.rebuild_annotation())
    }


def test_the_schema_marks_every_reference_and_only_references():
    assert _marked_fields() == {
        ("RegionSpec", "notes", "region_notes"),
        ("RegionSpec", "parent", "regions"),
        ("Drawing", "region", "regions"),
        ("LessonStep", "region", "regions"), ("LessonStep", "muscle", "muscles"),
        ("LessonStep", "condition", "conditions"), ("LessonStep", "pain", "regions"),
        ("Lesson", "sources", "sources"),
        ("TriggerPoint", "region", "regions"), ("TriggerPoint", "essential", "regions"),
        ("TriggerPoint", "spillover", "regions"),
        ("Muscle", "sources", "sources"),
        ("ConditionMuscles", "primary", "muscles"), ("ConditionMuscles", "also", "muscles"),
        ("Condition", "regions", "regions"), ("Condition", "sources", "sources"),
        ("RegionNotes", "sources", "sources"),
        ("SessionStep", "sources", "sources"), ("Contraindication", "sources", "sources"),
        ("RedFlag", "sources", "sources"), ("Session", "sources", "sources"),
        ("ClinicNote", "region", "regions"),
    }
    assert {collection for _, _, collection in _marked_fields()} <= set(schema.COLLECTIONS)


@pytest.mark.parametrize(
    ("name", "old", "new", "expected"),
    [
        ("session.yaml", "      text: The clinician asks about your pain and health first.\n      sources: [book]",
         "      text: The clinician asks about your pain and health first.\n      sources: [bok]",
         "14 session.steps[assessment].sources[0]: unknown source 'bok' (did you mean 'book'?)"),
        ("session.yaml", "diagnosis.\n  sources: [book]", "diagnosis.\n  sources: [book, zzz]",
         "26 session.sources[1]: unknown source 'zzz'"),
        ("conditions.yaml", "primary: [pec]", "primary: [pecc]",
         "9 conditions[chest-pain-muscular].muscles.primary[0]: unknown muscle 'pecc' (did you mean 'pec'?)"),
        ("muscles/chest.yaml", "spillover: [upper-back]", "spillover: [upper-bak]",
         "18 muscles[pec].trigger_points[tp1].spillover[0]: unknown region 'upper-bak' (did you mean 'upper-back'?)"),
    ],
)
def test_nested_references_are_checked(tmp_path, name, old, new, expected):
    assert _problems(tmp_path, name, old, new) == [expected]


def test_region_references_take_base_ids_not_sided_ids(tmp_path):
    problems = _problems(tmp_path, "conditions.yaml", "regions: [chest]", "regions: [chest-left, sternum]")
    assert problems == [
        "7 conditions[chest-pain-muscular].regions[0]: unknown region 'chest-left' (did you mean 'chest'?)"
    ]


def test_a_broken_source_does_not_cause_false_unknown_source_errors(tmp_path):
    problems = _problems(tmp_path, "sources/core.yaml", "doi: 10.1000/xyz123", "doi: nope")
    assert [p.split(":")[0] for p in problems] == ["4 sources[book].doi"]

