"""Clinic content packs: an overlay folder adds a clinic's notes, conditions, lessons and contact line, is
checked with the pack's own file and line, and can never replace or remove the shipped safety content."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from bodymap.content.export import atlas_to_dict
from bodymap.content.loader import check_data, load_atlas
from bodymap.handout.page import build_handout
from bodymap.reference.screen import Subject
from bodymap.reference.text import CLINIC, sheet_for
from tests.support.ci import require

from minimal_data import write_minimal

ROOT = Path(__file__).resolve().parents[1]
#: A shipped lesson, so a pack can try to replace it.
SHIPPED_LESSON = """\
lessons:
  - id: chest-talk
    title: The chest
    audience: Patients
    summary: Where chest pain can come from.
    steps:
      - title: The chest muscle
        muscle: pec
"""
PACK_CLINIC = """\
clinic:
  name: Harbour Street Physiotherapy
  contact: "Call 01632 960 123 or book at www.example.org/harbour"
  note: Bring a list of your medicines.
clinic_notes:
  - region: chest
    text: We check your breathing before any needling of the chest.
  - region: upper-back
    text: Needling here is done lying face down.
"""
EXTRA = """\
sources:
  - key: clinic-leaflet
    citation: "Harbour Street Physiotherapy. Back care leaflet. 2024."
conditions:
  - id: desk-back
    name: Desk back ache
    clinical: Work-related upper back pain
    summary: An ache between the shoulder blades after long hours at a desk.
    regions: [upper-back]
    muscles:
      primary: [rhomboid]
      also: [pec]
    red_flags: [Back pain with fever needs a doctor.]
    sources: [clinic-leaflet]
lessons:
  - id: desk-talk
    title: Desk work and your back
    audience: Patients
    summary: Where a desk back ache can come from.
    steps:
      - title: Where it hurts
        region: upper-back
      - title: A muscle
        muscle: rhomboid
      - title: The condition
        condition: desk-back
"""
SAFETY = ("red-flags", "cautions", "notes", "notes-cautions")
SUBJECTS = [Subject("region", "chest-left"), Subject("region", "upper-back-right"), Subject("muscle", "pec"),
            Subject("condition", "chest-pain-muscular"), Subject("pain", pain=(("chest-left", 5),))]


def _write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def data(tmp_path) -> Path:
    return write_minimal(tmp_path, {"lessons.yaml": SHIPPED_LESSON})


@pytest.fixture
def pack(tmp_path) -> Path:
    return _write(tmp_path / "pack", {"clinic.yaml": PACK_CLINIC, "more/extra.yaml": EXTRA})


def _section(sheet, section_id):
    return next((s for s in sheet.sections if s.id == section_id), None)


def test_a_pack_adds_a_clinic_notes_conditions_lessons_and_sources(data, pack):
    atlas = load_atlas(data, pack)
    assert atlas.clinic.name == "Harbour Street Physiotherapy" and atlas.clinic.note.startswith("Bring")
    assert {base: [n.text[:8] for n in notes] for base, notes in atlas.clinic_notes.items()} == {
        "chest": ["We check"], "upper-back": ["Needling"]}
    assert list(atlas.conditions) == ["chest-pain-muscular", "desk-back"]  # shipped first
    assert list(atlas.lessons) == ["chest-talk", "desk-talk"] and "clinic-leaflet" in atlas.sources
    assert atlas.summary().endswith("; clinic pack: Harbour Street Physiotherapy, 2 clinic notes")


def test_the_clinic_section_comes_last_on_every_sheet(data, pack):
    atlas = load_atlas(data, pack)
    chest = sheet_for(atlas, Subject("region", "chest-left"))
    clinic = chest.sections[-1]
    assert (clinic.id, clinic.heading) == ("clinic", CLINIC)
    assert [(x.lead, x.text) for x in clinic.lines] == [
        ("Harbour Street Physiotherapy", "Bring a list of your medicines."),
        ("", "We check your breathing before any needling of the chest.")]
    for subject in SUBJECTS:
        sheet = sheet_for(atlas, subject, "paper")
        assert sheet.sections[-1].id == "clinic", subject
    pain = sheet_for(atlas, Subject("pain", pain=(("chest-left", 5), ("upper-back-right", 2))))
    assert [x.lead for x in pain.sections[-1].lines] == ["Harbour Street Physiotherapy", "Chest", "Shoulder blade"]
    desk = sheet_for(atlas, Subject("condition", "desk-back"))
    assert _section(desk, "red-flags").lines[0].text == "Back pain with fever needs a doctor."
    assert "clinic-leaflet" in desk.sources


def test_safety_sections_are_unchanged_with_a_pack(data, pack):
    shipped, with_pack = load_atlas(data), load_atlas(data, pack)
    for subject in SUBJECTS:
        for medium in ("screen", "paper"):
            before, after = sheet_for(shipped, subject, medium), sheet_for(with_pack, subject, medium)
            assert _section(before, "clinic") is None
            for section_id in SAFETY:
                assert _section(after, section_id) == _section(before, section_id), (subject, section_id)
            assert [s.id for s in after.sections if s.id != "clinic"] == [s.id for s in before.sections]


def test_export_holds_the_clinic_content(data, pack):
    out = atlas_to_dict(load_atlas(data, pack))
    assert out["clinic"] == {"name": "Harbour Street Physiotherapy",
                             "contact": "Call 01632 960 123 or book at www.example.org/harbour",
                             "note": "Bring a list of your medicines."}
    assert [n["region"] for n in out["clinic_notes"]] == ["chest", "upper-back"]
    assert [c["id"] for c in out["conditions"]] == ["chest-pain-muscular", "desk-back"]
    assert [lesson["id"] for lesson in out["lessons"]] == ["chest-talk", "desk-talk"]
    assert atlas_to_dict(load_atlas(data))["clinic"] is None


def test_the_handout_prints_the_contact_line_and_the_clinic_notes(data, pack):
    pdf = build_handout(load_atlas(data, pack), Subject("region", "chest-left"), date(2025, 3, 5), font_dir=None)
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(reader.pages[0].extract_text().split())
    assert len(reader.pages) == 1
    assert "Harbour Street Physiotherapy: Call 01632 960 123 or book at www.example.org/harbour" in text
    assert "From your clinic" in text and "We check your breathing before any needling" in text
    assert "Not a diagnosis" in text and "This is education, not a diagnosis." in text


REPLACED_CONDITION = """\
conditions:
  - id: chest-pain-muscular
    name: Chest wall pain
    clinical: Chest wall pain
    summary: Our own words.
    regions: [chest]
    muscles: {primary: [pec], also: [rhomboid]}
    sources: [book]
"""
REPLACED_LESSON = SHIPPED_LESSON.replace("title: The chest\n", "title: Our chest talk\n")
BAD_CASES = [
    # (case id, pack file text, line, field, message contains)
    ("replaces-a-condition", REPLACED_CONDITION, 2, "conditions[chest-pain-muscular].id",
     "cannot replace the shipped condition 'chest-pain-muscular'"),
    ("replaces-a-lesson", REPLACED_LESSON, 2, "lessons[chest-talk].id",
     "cannot replace the shipped lesson 'chest-talk'"),
    ("replaces-a-source", "sources:\n  - key: book\n    citation: Another book, 2024, a publisher.\n", 2,
     "sources[book].key", "cannot replace the shipped source 'book'"),
    ("session", "clinic_notes: []\nsession:\n  intro: Our own guide.\n", 2, "session", "cannot change the session"),
    ("regions", "regions:\n  - id: chest\n", 1, "regions", "cannot add or change regions"),
    ("muscles", "muscles: []\n", 1, "muscles", "cannot add or change muscles"),
    ("region-notes", "region_notes:\n  - id: trunk\n", 1, "region_notes", "write the clinic's own words"),
    ("drawings", "drawings: []\n", 1, "drawings", "cannot add or change drawings"),
    ("unknown-region", "clinic_notes:\n  - region: chset\n    text: A note.\n", 2, "clinic_notes[0].region",
     "unknown region 'chset' (did you mean 'chest'?)"),
    ("unknown-key", "clinic_note: []\n", 1, "clinic_note", "did you mean 'clinic_notes'"),
    ("bad-yaml", "clinic:\n  name: Harbour\n  contact: [Call us\n", 4, "", "YAML syntax"),
    ("markup", "clinic:\n  name: Harbour\n  contact: <a href=x>Call us</a>\n", 3, "clinic.contact", "plain text"),
    ("no-contact", "clinic:\n  name: Harbour\n", 1, "clinic.contact", "required"),
    ("long-contact", f"clinic:\n  name: Harbour\n  contact: {'x' * 161}\n", 3, "clinic.contact", "at most 160"),
]


@pytest.mark.parametrize("case", BAD_CASES, ids=[c[0] for c in BAD_CASES])
def test_each_forbidden_thing_is_one_problem_in_the_pack_file(data, tmp_path, case):
    _, text, line, field, message = case
    pack = _write(tmp_path / "pack", {"pack.yaml": text})
    atlas, problems = check_data(data, pack)
    assert atlas is None
    assert len(problems) == 1, problems
    (problem,) = problems
    assert (problem.file, problem.line, problem.field) == (str(pack / "pack.yaml"), line, field)
    assert message in problem.message


def test_the_clinic_is_written_once(data, tmp_path):
    pack = _write(tmp_path / "pack", {"a.yaml": PACK_CLINIC, "b.yaml": "clinic:\n  name: Other\n  contact: Call 123\n"})
    _, problems = check_data(data, pack)
    assert [(Path(p.file).name, p.line, p.message) for p in problems] == [
        ("b.yaml", 1, f"the clinic is written twice (first in {pack / 'a.yaml'})")]


def test_a_pack_may_not_add_the_same_id_twice(data, tmp_path):
    pack = _write(tmp_path / "pack", {"a.yaml": EXTRA, "b.yaml": EXTRA.split("conditions:")[0]})
    _, problems = check_data(data, pack)
    assert [(Path(p.file).name, p.line, p.message[:31]) for p in problems] == [
        ("b.yaml", 2, "duplicate source 'clinic-leafle")]


def test_a_missing_pack_folder_is_a_problem(data, tmp_path):
    atlas, problems = check_data(data, tmp_path / "nowhere")
    assert atlas is None and [p.message for p in problems] == ["clinic pack folder not found"]


def test_the_shipped_content_cannot_hold_clinic_keys(tmp_path):
    data = write_minimal(tmp_path, {"clinic.yaml": PACK_CLINIC})
    _, problems = check_data(data)
    assert [(p.line, p.field) for p in problems] == [(1, "clinic"), (5, "clinic_notes")]
    assert all("belongs in a clinic pack" in p.message for p in problems)


def _run(*args: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "bodymap", *args]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_cli_check_and_export_take_an_overlay(data, pack, tmp_path):
    result = _run("check", str(data), "--overlay", str(pack))
    assert result.returncode == 0, result.stderr
    assert "clinic pack: Harbour Street Physiotherapy, 2 clinic notes" in result.stdout
    export = _run("export", str(data), "--overlay", str(pack))
    assert export.returncode == 0 and '"contact": "Call 01632 960 123' in export.stdout
    bad = _write(tmp_path / "bad", {"pack.yaml": "muscles: []\n"})
    result = _run("check", str(data), "--overlay", str(bad))
    assert result.returncode == 1 and f"{bad / 'pack.yaml'}:1:1: muscles: a clinic pack cannot" in result.stderr
    assert result.stderr.strip().endswith(f"1 problem(s) in {data} with {bad}")


def test_the_example_pack_is_accepted():
    shipped, problems = check_data(ROOT / "data")
    require(shipped is not None, f"data/ does not validate yet ({len(problems)} problems)")
    result = _run("check", "data", "--overlay", "examples/clinic-pack")
    assert result.returncode == 0, result.stderr
    assert "clinic pack: Harbour Street Physiotherapy, 3 clinic notes" in result.stdout
    atlas = load_atlas(ROOT / "data", ROOT / "examples" / "clinic-pack")
    (lesson,) = [atlas.lessons[k] for k in atlas.lessons if k not in shipped.lessons]
    assert len(lesson.steps) == 3 and len(atlas.conditions) == len(shipped.conditions) + 1
