"""The validator: every bad case names the file, the line and the field; good data loads."""

from __future__ import annotations

import pytest

from bodymap.content import geometry
from bodymap.content.loader import check_data, load_atlas
from bodymap.content.problems import ContentError

from minimal_data import FILES, write_minimal


def _edit(name: str, old: str, new: str) -> dict[str, str]:
    text = FILES[name]
    assert old in text, f"test setup: {old!r} not in {name}"
    return {name: text.replace(old, new, 1)}


BAD_CASES = [
    # (case id, file, old, new, line, field contains, message contains)
    ("wrong-enum", "regions.yaml", "view: front", "view: side", 5, "regions[chest].view", "'foot-top' or 'foot-sole'"),
    ("missing-field", "regions.yaml", "    clinical: Pectoral region\n", "", 2, "regions[chest].clinical", "required"),
    ("unknown-key", "regions.yaml", "    name: Chest\n", "    name: Chest\n    colour: red\n", 4,
     "regions[chest].colour", "unknown field 'colour'"),
    ("duplicate-id", "regions.yaml", "id: sternum", "id: chest", 9, "regions[chest].id", "duplicate region 'chest'"),
    ("bool-not-text", "regions.yaml", "name: Chest", "name: yes", 3, "regions[chest].name", "valid string"),
    ("zero-area", "regions.yaml", "[[2, 120], [20, 120], [20, 140], [2, 140]]", "[[2, 120], [20, 120], [30, 120]]",
     8, "regions[chest].outline", "zero area"),
    ("out-of-frame", "regions.yaml", "[[2, 120], [20, 120], [20, 140], [2, 140]]",
     "[[2, 120], [80, 120], [80, 140], [2, 140]]", 8, "regions[chest].outline", "frame"),
    ("too-few-points", "regions.yaml", "[[2, 120], [20, 120], [20, 140], [2, 140]]", "[[2, 120], [20, 120]]",
     8, "regions[chest].outline", "at least 3"),
    ("self-crossing", "regions.yaml", "[[2, 120], [20, 120], [20, 140], [2, 140]]",
     "[[2, 120], [20, 140], [20, 120], [2, 150]]", 8, "regions[chest].outline", "crosses itself"),
    ("wrong-side", "regions.yaml", "[[2, 120], [20, 120], [20, 140], [2, 140]]",
     "[[-20, 120], [-2, 120], [-2, 140], [-20, 140]]", 8, "regions[chest].outline", "left side"),
    ("midline-off-centre", "regions.yaml", "[[-2, 120], [2, 120], [2, 140], [-2, 140]]",
     "[[1, 120], [2, 120], [2, 140], [1, 140]]", 15, "regions[sternum].outline", "centre line"),
    ("unknown-notes", "regions.yaml", "notes: trunk", "notes: trunkk", 7, "regions[chest].notes",
     "unknown region notes 'trunkk'"),
    ("bad-id", "muscles/chest.yaml", "id: pec", "id: Pec", 2, "muscles[Pec].id", "must be an id"),
    ("html-in-text", "muscles/chest.yaml", "description: A big fan-shaped muscle on the front of the chest.",
     "description: <script>alert(1)</script>", 6, "muscles[pec].description", "plain text"),
    ("entity-in-text", "muscles/chest.yaml", "self_care: Stretch gently in a doorway.",
     "self_care: Stretch &lt;gently&gt;", 9, "muscles[pec].self_care", "plain text"),
    ("scalar-not-list", "muscles/chest.yaml", "mimics: [Chest pain]", "mimics: 5", 7, "muscles[pec].mimics",
     "valid tuple"),
    ("unknown-source", "muscles/chest.yaml", "sources: [book]", "sources: [bok]", 11, "muscles[pec].sources[0]",
     "unknown source 'bok'"),
    ("unknown-tp-region", "muscles/chest.yaml", "region: chest", "region: chst", 15,
     "muscles[pec].trigger_points[tp1].region", "did you mean 'chest'"),
    ("tp-outside-region", "muscles/chest.yaml", "at: [15, 130]", "at: [30, 130]", 16,
     "muscles[pec].trigger_points[tp1].at", "not inside region 'chest'"),
    ("unknown-referral", "muscles/chest.yaml", "essential: [chest, sternum]", "essential: [chest, sternumm]", 17,
     "muscles[pec].trigger_points[tp1].essential[1]", "unknown region 'sternumm'"),
    ("no-trigger-points", "muscles/chest.yaml", "essential: [upper-back]\n", "essential: []\n", 30,
     "muscles[rhomboid].trigger_points[tp1].essential", "at least 1"),
    ("duplicate-key", "muscles/chest.yaml", "    name: Rhomboids\n", "    name: Rhomboids\n    name: Again\n", 21,
     "name", "duplicate key 'name'"),
    ("unknown-muscle", "conditions.yaml", "also: [rhomboid]", "also: [rhomboids]", 10,
     "conditions[chest-pain-muscular].muscles.also[0]", "unknown muscle 'rhomboids'"),
    ("one-muscle-condition", "conditions.yaml", "      also: [rhomboid]\n", "", 8,
     "conditions[chest-pain-muscular].muscles", "at least two muscles"),
    ("unknown-collection", "conditions.yaml", "conditions:\n", "muscels: []\nconditions:\n", 1, "muscels",
     "did you mean 'muscles'"),
    ("yaml-syntax", "conditions.yaml", "regions: [chest]", "regions: [chest", 8, "", "YAML syntax"),
    ("yaml-syntax-hides-references", "sources/core.yaml", "key: book", "key: [book", 3, "", "YAML syntax"),
    ("bad-kind", "session.yaml", "kind: absolute", "kind: never", 19, "session.contraindications[needle-fear].kind",
     "'absolute' or 'relative'"),
    ("bad-doi", "sources/core.yaml", "doi: 10.1000/xyz123", "doi: nope", 4, "sources[book].doi",
     "should match pattern"),
    ("script-url", "sources/core.yaml", "    doi: 10.1000/xyz123\n", "    url: javascript:alert(1)\n", 4,
     "sources[book].url", "https://"),
]


@pytest.mark.parametrize("case", BAD_CASES, ids=[c[0] for c in BAD_CASES])
def test_bad_case_names_file_line_and_field(tmp_path, case):
    _, name, old, new, line, field, message = case
    data = write_minimal(tmp_path, _edit(name, old, new))
    atlas, problems = check_data(data)
    assert atlas is None
    path = str(data / name)
    hits = [p for p in problems if p.file == path and p.line == line and field in p.field and message in p.message]
    assert hits, "expected a problem like {}:{}: {}: {} — got:\n{}".format(
        name, line, field, message, "\n".join(map(str, problems))
    )
    text = str(hits[0])
    assert text.startswith(f"{path}:{line}:") and field in text


def test_minimal_data_is_valid(tmp_path):
    atlas, problems = check_data(write_minimal(tmp_path))
    assert problems == []
    assert atlas is not None
    assert set(atlas.regions) == {"chest-left", "chest-right", "sternum", "upper-back-left", "upper-back-right"}


def test_every_problem_is_reported_at_once(tmp_path):
    changes = {
        **_edit("regions.yaml", "view: front", "view: side"),
        **_edit("conditions.yaml", "also: [rhomboid]", "also: [nobody]"),
        **_edit("sources/core.yaml", "doi: 10.1000/xyz123", "doi: nope"),
    }
    _, problems = check_data(write_minimal(tmp_path, changes))
    files = {p.file.rsplit("data/", 1)[1] for p in problems}
    assert files == {"regions.yaml", "conditions.yaml", "sources/core.yaml"}


def test_a_broken_item_does_not_cause_false_reference_errors(tmp_path):
    # The muscle 'rhomboid' is invalid (bad enum in its point), so the condition's reference to it is not reported.
    _, problems = check_data(write_minimal(tmp_path, _edit("muscles/chest.yaml", "region: upper-back", "region: 5")))
    assert any("rhomboid" in p.field for p in problems)
    assert not any("unknown muscle" in p.message for p in problems)


def test_duplicate_across_files_names_both(tmp_path):
    extra = {"sources/more.yaml": "sources:\n  - key: book\n    citation: Another Book. Publisher; 2001.\n"}
    _, problems = check_data(write_minimal(tmp_path, extra))
    [p] = problems
    assert p.file.endswith("sources/more.yaml") and p.line == 2
    assert "duplicate source 'book'" in p.message and "sources/core.yaml:2" in p.message


def test_session_must_exist_once(tmp_path):
    data = write_minimal(tmp_path, {"extra.yaml": "session:\n" + FILES["session.yaml"].split("session:\n", 1)[1]})
    _, problems = check_data(data)
    assert any("written twice" in p.message for p in problems)
    data2 = write_minimal(tmp_path / "b", {"session.yaml": FILES["session.yaml"].split("session:\n", 1)[0]})
    _, problems = check_data(data2)
    assert any("no session guide" in p.message for p in problems)


def test_missing_folder_and_empty_folder(tmp_path):
    assert "not found" in check_data(tmp_path / "nope")[1][0].message
    (tmp_path / "empty").mkdir()
    assert "no .yaml files" in check_data(tmp_path / "empty")[1][0].message


def test_load_atlas_raises_with_all_problems(tmp_path):
    data = write_minimal(tmp_path, _edit("regions.yaml", "view: front", "view: side"))
    with pytest.raises(ContentError) as err:
        load_atlas(data)
    assert err.value.problems and "regions[chest].view" in str(err.value)


def test_left_and_right_are_mirrored_by_code(tmp_path):
    atlas = load_atlas(write_minimal(tmp_path))
    left, right = atlas.regions["chest-left"], atlas.regions["chest-right"]
    assert {(-x, y) for x, y in left.outline} == set(right.outline)
    assert geometry.signed_area(left.outline) == pytest.approx(geometry.signed_area(right.outline))
    assert (left.side, right.side, left.base_id) == ("left", "right", "chest")
    [tp_right] = atlas.placed("pec", "right")
    assert tp_right.region == "chest-right" and tp_right.at == (-15, 130)
    assert geometry.contains(right.outline, tp_right.at)
    assert tp_right.essential == ("chest-right", "sternum")  # the midline region stays itself
    assert tp_right.spillover == ("upper-back-right",)


def test_atlas_is_read_only(tmp_path):
    atlas = load_atlas(write_minimal(tmp_path))
    with pytest.raises(TypeError):
        atlas.regions["x"] = atlas.regions["sternum"]  # type: ignore[index]
    with pytest.raises(Exception):  # noqa: B017 - pydantic's frozen error type is an implementation detail
        atlas.muscles["pec"].name = "changed"  # type: ignore[misc]


def test_unreadable_file_does_not_flood_reference_errors(tmp_path):
    _, problems = check_data(write_minimal(tmp_path, _edit("sources/core.yaml", "key: book", "key: [book")))
    assert [p.message.split(":")[0] for p in problems] == ["YAML syntax"]
