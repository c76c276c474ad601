"""The text sheets: one spec of the words per subject, the same on screen and on paper but for the medium's words."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from bodymap.handout.page import build_handout
from bodymap.reference.ranking import rank_candidates
from bodymap.reference.screen import Subject
from bodymap.reference.text import NO_CANDIDATES, RED_FLAGS, Line, sheet_for

SUBJECTS = {
    "region": Subject("region", "neck-left"),
    "muscle": Subject("muscle", "trap", side="left"),
    "condition": Subject("condition", "headache"),
    "pain": Subject("pain", pain=(("temple-right", 7), ("jaw-right", None))),
}
NOTES = ["notes", "notes-cautions"]
ORDER = {
    "region": ["points-here", "referring", "conditions", "red-flags", *NOTES],
    "muscle": ["about", "where", "points", "mimics", "perpetuating", "self-care", "cautions", "conditions", *NOTES,
               "red-flags"],
    "condition": ["about", "felt", "muscles", "red-flags", *NOTES],
    "pain": ["marked", "candidates", "red-flags", *NOTES],
}
STYLES = {"about": "text", "where": "text", "felt": "text", "notes": "text", "self-care": "good",
          "cautions": "caution", "notes-cautions": "caution", "red-flags": "danger", "muscles": "numbered",
          "candidates": "numbered", "points-here": "list", "referring": "list", "conditions": "list",
          "points": "list", "mimics": "list", "perpetuating": "list", "marked": "list"}


@pytest.fixture(scope="module")
def atlas(make_atlas):
    return make_atlas(
        regions=["neck", "temple", "jaw", "shoulder", "arm"],
        midline=["sternum"],
        muscles={
            "trap": [("neck", ["temple"], ["jaw"]), ("shoulder", ["neck"], ["arm"])],
            "scm": [("neck", ["temple", "sternum"], [])],
        },
        conditions={"headache": {"regions": ["temple"], "primary": ["trap"], "also": ["scm"]}},
        names={"trap": "Upper trapezius", "scm": "Sternocleidomastoid", "headache": "Tension-type headache",
               "temple": "Temple", "jaw": "Cheek and jaw"},
        extra={"trap": {"mimics": ["Tension headache"], "perpetuating": ["Long hours at a desk"],
                        "cautions": ["The top of the lung lies below."], "aka": ["Traps"],
                        "self_care": "Drop your shoulders and breathe out slowly.", "sources": ["paper", "book"]}},
        sources=[{"key": "paper", "citation": "Doe J. Neck pain. J Pain 2020;1:1-2."}],
        session={"red_flags": [{"id": "chest-pain", "name": "Chest pain", "text": "Get urgent care."},
                               {"id": "fever", "name": "Fever", "text": "See a doctor today."}]},
    )


def _section(sheet, sid):
    return next(s for s in sheet.sections if s.id == sid)


def _texts(section):
    return [line.text for line in section.lines]


@pytest.mark.parametrize("medium", ["screen", "paper"])
@pytest.mark.parametrize("kind", list(SUBJECTS))
def test_each_kind_has_its_sections_in_order_with_their_styles(atlas, kind, medium):
    sheet = sheet_for(atlas, SUBJECTS[kind], medium)
    assert sheet.kind == kind
    assert [s.id for s in sheet.sections] == ORDER[kind]
    for s in sheet.sections:
        assert s.style == STYLES[s.id], s.id
        assert s.lines and s.heading


def test_titles_kickers_clinical_terms_and_other_names(atlas):
    sheets = {kind: sheet_for(atlas, s) for kind, s in SUBJECTS.items()}
    assert [sheets[k].kicker for k in SUBJECTS] == ["Body area", "Muscle", "Condition", "Where does it hurt?"]
    assert [sheets[k].title for k in SUBJECTS] == ["Neck (left)", "Upper trapezius", "Tension-type headache",
                                                    "Where it hurts"]
    assert sheets["muscle"].clinical == "Musculus trap" and sheets["muscle"].aka == ("Traps",)
    assert sheets["pain"].clinical == ""


def test_the_clinical_term_is_left_out_when_it_is_the_name(make_atlas):
    a = make_atlas(regions=["a"], muscles={"m": [("a", ["a"], [])]}, names={"m": "musculus M"})
    assert sheet_for(a, Subject("muscle", "m")).clinical == ""


def test_a_region_lists_its_points_and_opens_muscles_and_conditions_from_it(atlas):
    sheet = sheet_for(atlas, SUBJECTS["region"])
    here = _section(sheet, "points-here")
    assert _texts(here) == ["Upper trapezius: Point 1", "Sternocleidomastoid: Point 1"]
    assert [line.opens for line in here.lines] == [Subject("muscle", "trap", from_region="neck-left"),
                                                   Subject("muscle", "scm", from_region="neck-left")]
    referring = _section(sheet, "referring")
    assert _texts(referring) == ["Upper trapezius · often here"]
    assert referring.lines[0].opens == Subject("muscle", "trap", from_region="neck-left")
    assert [line.opens for line in _section(sheet, "conditions").lines] == [Subject("condition", "headache")]
    notes = _section(sheet, "notes")
    assert notes.heading == "Dry needling here: This area"
    assert [(line.lead, line.text) for line in notes.lines] == [("How you lie", "You lie on your front."),
                                                                 ("How it feels", "A dull ache.")]
    assert _texts(_section(sheet, "notes-cautions")) == ["Take care over the ribs."]


def test_a_region_without_points_or_referring_muscles_says_so(atlas):
    sheet = sheet_for(atlas, Subject("region", "shoulder-right"))
    assert _texts(_section(sheet, "referring")) == ["No muscle in this map sends pain here."]
    assert [s.id for s in sheet.sections][:2] == ["points-here", "referring"]
    assert "conditions" not in [s.id for s in sheet.sections]


def test_a_muscle_honours_the_side(atlas):
    left = _section(sheet_for(atlas, Subject("muscle", "trap", side="left")), "where")
    assert [(line.lead, line.text) for line in left.lines] == [("Often", "Temple (left) and Neck (left)"),
                                                                ("Sometimes", "Cheek and jaw (left) and Arm (left)")]
    both = _section(sheet_for(atlas, Subject("muscle", "trap")), "where")
    assert _texts(both) == ["Temple and Neck", "Cheek and jaw and Arm"]
    scm = _section(sheet_for(atlas, Subject("muscle", "scm", side="right")), "where")
    assert _texts(scm) == ["Temple (right) and Sternum"]  # no spillover: no "Sometimes" line


def test_a_muscle_shows_its_facts_and_opens_its_conditions(atlas):
    sheet = sheet_for(atlas, SUBJECTS["muscle"])
    assert _texts(_section(sheet, "about")) == ["A muscle called Trap."]
    assert _texts(_section(sheet, "points")) == ["Point 1", "Point 2"]
    assert _texts(_section(sheet, "mimics")) == ["Tension headache"]
    assert _texts(_section(sheet, "self-care")) == ["Drop your shoulders and breathe out slowly."]
    assert _texts(_section(sheet, "cautions")) == ["The top of the lung lies below."]
    linked = Line("Tension-type headache", opens=Subject("condition", "headache"))
    assert _section(sheet, "conditions").lines == (linked,)
    assert "mimics" not in [s.id for s in sheet_for(atlas, Subject("muscle", "scm")).sections]


def test_a_condition_numbers_its_muscles_and_puts_its_own_red_flags_first(atlas):
    sheet = sheet_for(atlas, SUBJECTS["condition"])
    assert _texts(_section(sheet, "felt")) == ["Temple"]
    assert _texts(sheet_for(atlas, Subject("condition", "headache", side="right")).sections[1]) == ["Temple (right)"]
    muscles = _section(sheet, "muscles")
    assert _texts(muscles) == ["Upper trapezius · main", "Sternocleidomastoid · also common"]
    assert [line.opens for line in muscles.lines] == [Subject("muscle", "trap"), Subject("muscle", "scm")]
    flags = _section(sheet, "red-flags")
    assert flags.heading == RED_FLAGS
    assert [(line.lead, line.text) for line in flags.lines] == [("", "Sudden weakness needs a doctor."),
                                                                 ("Also", "Chest pain; Fever.")]


def test_without_own_red_flags_the_general_ones_are_given_in_full(atlas):
    flags = _section(sheet_for(atlas, SUBJECTS["region"]), "red-flags")
    assert [(line.lead, line.text) for line in flags.lines] == [("Chest pain", "Get urgent care."),
                                                                 ("Fever", "See a doctor today.")]


def test_an_area_with_warning_signs_puts_them_first_on_its_region_and_pain_sheets(make_atlas):
    flagged = make_atlas(regions=["chest"], muscles={"pec": [("chest", ["chest"], [])]},
                         extra={"area": {"red_flags": ["Crushing chest pain: call an ambulance."]}})
    for subject in (Subject("region", "chest-left"), Subject("pain", pain=(("chest-left", 5),))):
        flags = _section(sheet_for(flagged, subject), "red-flags")
        assert [(line.lead, line.text) for line in flags.lines] == [
            ("", "Crushing chest pain: call an ambulance."), ("Also", "Chest pain.")]
    # the handout prints them too
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(
        build_handout(flagged, Subject("region", "chest-left"), date(2026, 1, 2)))).pages)
    assert "Crushing chest pain" in " ".join(text.split())


def test_marked_pain_gives_levels_and_ranked_muscles_with_their_explanations(atlas):
    subject = SUBJECTS["pain"]
    sheet = sheet_for(atlas, subject)
    assert [(line.lead, line.text) for line in _section(sheet, "marked").lines] == [
        ("Temple (right)", "7/10"), ("Cheek and jaw (right)", "no level")]
    candidates = rank_candidates(atlas, dict(subject.pain))
    found = _section(sheet, "candidates")
    assert [(line.lead, line.text, line.opens) for line in found.lines] == [
        (c.name, c.explanation, Subject("muscle", c.muscle)) for c in candidates]
    assert "not a diagnosis" in found.intro
    none = sheet_for(atlas, Subject("pain", pain=(("shoulder-left", 3),)))
    assert _texts(_section(none, "candidates")) == [NO_CANDIDATES]


def test_screen_and_paper_differ_only_in_the_medium_words(atlas):
    screen = {k: sheet_for(atlas, s, "screen") for k, s in SUBJECTS.items()}
    paper = {k: sheet_for(atlas, s, "paper") for k, s in SUBJECTS.items()}
    assert _section(screen["muscle"], "points").heading == "Its trigger points (X on the map)"
    assert _section(paper["muscle"], "points").heading == "Its trigger points (X on the diagram)"
    assert [line.map_note for line in _section(screen["muscle"], "where").lines] == ["(solid on the map)", "(dotted)"]
    assert _section(screen["condition"], "felt").lines[0].map_note == "(hatched on the map)"
    assert _section(screen["condition"], "muscles").intro == "Numbered as on the map; tap one to learn more."
    assert _section(paper["condition"], "muscles").intro == "Numbered as on the diagram."
    assert "numbered as on the map" in _section(screen["pain"], "candidates").intro
    assert "numbered as on the diagram" in _section(paper["pain"], "candidates").intro
    for kind in SUBJECTS:
        a, b = screen[kind], paper[kind]
        assert (a.title, a.clinical, a.sources) == (b.title, b.clinical, b.sources)
        assert [[(x.lead, x.text, x.opens) for x in s.lines] for s in a.sections] == \
            [[(x.lead, x.text, x.opens) for x in s.lines] for s in b.sections]
        assert all(not line.map_note for s in b.sections for line in s.lines)  # screen-only hints


def test_sources_are_each_given_once_in_first_seen_order(atlas):
    assert sheet_for(atlas, SUBJECTS["muscle"]).sources == ("paper", "book")  # the muscle's, then the notes'
    assert sheet_for(atlas, SUBJECTS["region"]).sources == ("book", "paper")  # the notes', then the muscles'
    for kind, subject in SUBJECTS.items():
        sources = sheet_for(atlas, subject).sources
        assert len(sources) == len(set(sources)) and set(sources) <= set(atlas.sources), kind


def test_every_line_is_plain_text(atlas, real_atlas):
    subjects = [*SUBJECTS.values(), Subject("region", "sternum")]
    real = [Subject("region", "chest-left"), Subject("muscle", "supinator", side="right"),
            Subject("condition", "tennis-elbow"), Subject("pain", pain=(("elbow-outer-right", 7),))]
    for a, group in ((atlas, subjects), (real_atlas, real)):
        for subject in group:
            for medium in ("screen", "paper"):
                sheet = sheet_for(a, subject, medium)
                for s in sheet.sections:
                    for text in (s.heading, s.intro, *(x for line in s.lines for x in (line.text, line.lead))):
                        assert text == " ".join(text.split())
                        assert not set(text) & set("*_`#\\<>[]|"), text  # nothing a renderer would read as markup


def test_unknown_subjects_are_errors(atlas):
    with pytest.raises(KeyError):
        sheet_for(atlas, Subject("muscle", "nope"))
    with pytest.raises(ValueError):
        sheet_for(atlas, Subject("pain", pain=(("nowhere", 3),)))
    with pytest.raises(ValueError):
        sheet_for(atlas, Subject("place", "neck-left"))  # type: ignore[arg-type]


def _paper_text(line: Line) -> str:
    return (f"{line.lead}: " if line.lead else "") + line.text + (f" {line.map_note}" if line.map_note else "")


@pytest.mark.parametrize("kind", list(SUBJECTS))
def test_the_handout_prints_the_paper_sheet(atlas, kind):
    subject = SUBJECTS[kind]
    pdf = build_handout(atlas, subject, date(2025, 3, 5), font_dir=None)
    text = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    sheet = sheet_for(atlas, subject, "paper")
    assert sheet.title in text and sheet.clinical in text
    for s in sheet.sections:
        assert s.heading in text and s.intro in text
        for line in s.lines:
            assert _paper_text(line) in text
    assert "X on the map" not in text and "solid on the map" not in text
