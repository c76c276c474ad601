"""The shipped lessons: enough of them, long enough, every step with talking notes, cited, and plain.

The schema and the loader check the shape and the ids (one subject per step, known regions, muscles,
conditions, views and sources); what they cannot check is tested here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from readability import grade

from bodymap.content.atlas import Atlas
from bodymap.content.loader import check_data

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    """The shipped atlas; skips when data/ does not load (test_content.py reports the problems)."""
    loaded, problems = check_data(DATA)
    if loaded is None:
        pytest.skip(f"data/ does not load ({len(problems)} problems): see test_shipped_data_has_zero_problems")
    return loaded


def test_at_least_three_lessons(atlas):
    assert len(atlas.lessons) >= 3


def test_every_lesson_has_at_least_six_steps(atlas):
    assert {lid: len(lesson.steps) for lid, lesson in atlas.lessons.items() if len(lesson.steps) < 6} == {}


def test_every_step_has_a_note(atlas):
    missing = [
        f"{lid} step {n}: {step.title}"
        for lid, lesson in atlas.lessons.items()
        for n, step in enumerate(lesson.steps, 1)
        if not step.notes
    ]
    assert missing == []


def test_every_lesson_cites_a_source(atlas):
    assert [lid for lid, lesson in atlas.lessons.items() if not lesson.sources] == []


def test_notes_are_plain_language(atlas):
    too_hard = {
        f"{lid} step {n}: {note[:60]}": round(grade(note), 1)
        for lid, lesson in atlas.lessons.items()
        for n, step in enumerate(lesson.steps, 1)
        for note in step.notes
        if grade(note) > 10
    }
    assert too_hard == {}, "notes above grade 10 (aim at 8 for patients): use shorter sentences and words"
