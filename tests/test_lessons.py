"""Lessons: validated like the rest of the content, stepped through by the screen model, opened from a link."""

from __future__ import annotations

import pytest
import yaml

from bodymap.content.loader import check_data, load_atlas
from bodymap.reference import screen as sm
from bodymap.reference import showing
from bodymap.reference.deeplink import parse_query, to_query
from bodymap.reference.screen import Screen, Subject
from tests.synthetic import synthetic_data

LESSON = {
    "id": "jaw-talk", "title": "Jaw pain", "audience": "Patients", "summary": "What the jaw muscles do.",
    "sources": ["book"],
    "steps": [
        {"title": "The jaw muscle", "muscle": "masseter", "side": "left", "notes": ["It closes the jaw."]},
        {"title": "Where it hurts", "region": "jaw", "side": "right", "view": "front"},
        {"title": "A headache", "condition": "headache"},
        {"title": "Two places", "pain": ["temple", "jaw"]},
    ],
}


def _data(tmp_path, lessons):
    root = synthetic_data(tmp_path, regions=["temple", "jaw", "neck"], muscles={
        "trap": [("neck", ["temple"], ["jaw"])], "masseter": [("jaw", ["jaw"], ["temple"])]},
        conditions={"headache": {"regions": ["temple"], "primary": ["trap"], "also": ["masseter"]}})
    (root / "lessons.yaml").write_text(yaml.safe_dump({"lessons": lessons}, sort_keys=False), encoding="utf-8")
    return root


@pytest.fixture
def atlas(tmp_path):
    return load_atlas(_data(tmp_path, [LESSON]))


def test_lesson_steps_show_their_subjects_on_their_side_with_their_views_and_notes(atlas):
    title, steps = showing.steps_for(atlas, sm.open_lesson(Screen(), "jaw-talk"))
    assert title == "Jaw pain" and [s.label for s in steps] == [f"Step {i} of 4" for i in range(1, 5)]
    assert [s.subject for s in steps] == [
        Subject("muscle", "masseter", side="left"), Subject("region", "jaw-right"),
        Subject("condition", "headache"), Subject("pain", pain=(("temple-left", None), ("jaw-left", None)))]
    assert steps[0].muscle == "masseter" and steps[1].muscle is None
    assert steps[0].notes == ("It closes the jaw.",) and steps[1].notes == ()
    assert steps[1].views == ("front",) and steps[0].views is None
    assert steps[1].overlay.highlight == ("jaw-right",)
    assert {lay.muscle for lay in steps[3].overlay.layers} == {"trap", "masseter"}


def test_lesson_transitions():
    s = sm.open_lesson(Screen(subject=Subject("region", "jaw-left"), step=3), "jaw-talk")
    assert s.presenting and s.step == 1 and s.lesson == "jaw-talk" and not s.notes_shown
    assert sm.toggle_notes(s).notes_shown and not sm.toggle_notes(sm.toggle_notes(s)).notes_shown
    assert sm.stop_presenting(s).lesson is None
    assert sm.open_region(s, "jaw-left").lesson is None


def test_a_lesson_link_presents_it_and_round_trips(atlas):
    screen, notices = parse_query({"lesson": "jaw-talk", "step": "3"}, atlas)
    assert notices == [] and screen.lesson == "jaw-talk" and screen.presenting and screen.step == 3
    assert to_query(screen) == {"lesson": "jaw-talk", "mode": "present", "step": "3"}
    assert parse_query(to_query(screen), atlas) == (screen, [])
    far, notices = parse_query({"lesson": "jaw-talk", "mode": "present", "step": "9"}, atlas)
    assert far.step == 4 and notices == ["The link asks for step 9, but there are 4 steps; showing the last one."]
    unknown, notices = parse_query({"lesson": "jaw-tlak"}, atlas)
    assert unknown.lesson is None and notices == ["Ignored an unknown lesson “jaw-tlak” in the link."]


@pytest.mark.parametrize(("change", "where", "message"), [
    (lambda s: s.update(muscle="masseter"), "steps[0]", "exactly one of region, muscle, condition or pain"),
    (lambda s: s.update(view="sideways"), "steps[0].view", "unknown view 'sideways'"),
    (lambda s: s.update(muscle="maseter"), "steps[0].muscle", "did you mean 'masseter'"),
    (lambda s: s.pop("title"), "steps[0].title", "required"),
])
def test_bad_lessons_are_reported_with_file_line_and_field(tmp_path, change, where, message):
    lesson = yaml.safe_load(yaml.safe_dump(LESSON))
    step = lesson["steps"][0] if where != "steps[0]" else lesson["steps"][1]
    change(step)
    if where == "steps[0]":
        lesson["steps"] = [step]
    atlas, problems = check_data(_data(tmp_path, [lesson]))
    assert atlas is None
    text = "\n".join(str(p) for p in problems)
    assert "lessons.yaml:" in text and f"lessons[jaw-talk].{where}" in text and message in text, text
