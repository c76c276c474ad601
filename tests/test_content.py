"""The shipped content: valid, complete, cited, and written in plain language.

Only what the schema and the loader cannot enforce is tested here. When data/ does not load,
test_shipped_data_has_zero_problems fails with the problem list and the other tests skip.
"""

from __future__ import annotations

import re
import statistics
from pathlib import Path

import pytest
from readability import grade

from bodymap.content.atlas import Atlas
from bodymap.content.loader import check_data
from bodymap.content.problems import Problem

DATA = Path(__file__).resolve().parents[1] / "data"

REQUIRED_REGIONS = {
    "forehead", "temple", "cheek-jaw", "back-of-head", "crown", "neck-front", "neck-back", "shoulder-top",
    "shoulder-front", "shoulder-back", "upper-arm-front", "upper-arm-back", "elbow-inner", "elbow-outer",
    "forearm-front", "forearm-back", "hand-palm", "hand-back", "chest", "upper-back", "mid-back", "low-back",
    "between-shoulder-blades", "upper-abdomen", "lower-abdomen", "buttock", "sacrum", "hip-side", "groin",
    "thigh-front", "thigh-back", "thigh-outer", "thigh-inner", "knee-front", "knee-back", "calf", "shin",
    "ankle-inner", "ankle-outer", "heel", "sole",
}
REQUIRED_MUSCLES = {
    "upper-trapezius", "levator-scapulae", "sternocleidomastoid", "splenius-capitis", "suboccipitals", "temporalis",
    "masseter", "scalenes", "pectoralis-major", "pectoralis-minor", "infraspinatus", "supraspinatus", "teres-minor",
    "subscapularis", "deltoid", "biceps-brachii", "triceps-brachii", "brachioradialis",
    "extensor-carpi-radialis-longus", "extensor-carpi-radialis-brevis", "supinator", "extensor-digitorum",
    "rhomboids", "serratus-anterior", "latissimus-dorsi", "iliocostalis", "multifidus", "quadratus-lumborum",
    "iliopsoas", "gluteus-maximus", "gluteus-medius", "gluteus-minimus", "piriformis", "tensor-fasciae-latae",
    "vastus-lateralis", "vastus-medialis", "rectus-femoris", "hamstrings", "gastrocnemius", "soleus",
    "tibialis-anterior", "peroneus-longus", "quadratus-plantae", "abductor-hallucis",
}
# The seed explainer's six conditions, by the words people use for them.
SEED_CONDITIONS = ["back pain", "neck pain", "shoulder pain", "tennis elbow", "migraine", "tension", "fibromyalgia",
                   "plantar fasciitis"]


@pytest.fixture(scope="module")
def checked() -> tuple[Atlas | None, list[Problem]]:
    """The shipped data, checked once."""
    return check_data(DATA)


@pytest.fixture
def atlas(checked) -> Atlas:
    """The shipped atlas; skips (rather than errors) when it does not load."""
    atlas, problems = checked
    if atlas is None:
        pytest.skip(f"data/ does not load ({len(problems)} problems): see test_shipped_data_has_zero_problems")
    return atlas


def test_shipped_data_has_zero_problems(checked):
    atlas, problems = checked
    if problems:
        pytest.fail(f"{len(problems)} problem(s) in data/:\n" + "\n".join(map(str, problems)), pytrace=False)
    assert atlas is not None


def test_counts(atlas):
    assert len(atlas.regions) >= 60
    views = {"front", "back"} | {f"{b}-{s}" for b in ("head", "hand-palm", "hand-back", "foot-top", "foot-sole")
                                 for s in ("left", "right")} | {f"{v}-{c}" for v in ("front", "back")
                                                                 for c in ("upper", "lower")}
    assert {v for r in atlas.regions.values() for v in r.views} == views
    assert len(atlas.muscles) >= 45
    assert len(atlas.conditions) >= 12


def test_required_regions_and_muscles_exist(atlas):
    bases = {r.base_id for r in atlas.regions.values()}
    assert REQUIRED_REGIONS - bases == set()
    assert REQUIRED_MUSCLES - set(atlas.muscles) == set()


def test_seed_conditions_are_covered(atlas):
    def words(c):
        return " ".join([c.name, c.clinical, *c.synonyms]).lower()
    texts = [words(c) for c in atlas.conditions.values()]
    missing = [w for w in SEED_CONDITIONS if not any(w in t for t in texts)]
    assert missing == []


def test_every_muscle_has_needling_cautions(atlas):
    assert [m.id for m in atlas.muscles.values() if not m.cautions] == []


def test_every_condition_has_red_flags(atlas):
    assert [c.id for c in atlas.conditions.values() if not c.red_flags] == []


def test_every_source_is_cited(atlas):
    cited = set()
    for m in atlas.muscles.values():
        cited |= set(m.sources)
    for c in atlas.conditions.values():
        cited |= set(c.sources)
    for n in atlas.region_notes.values():
        cited |= set(n.sources)
    s = atlas.session
    cited |= set(s.sources)
    for part in (s.steps, s.contraindications, s.red_flags):
        for item in part:
            cited |= set(item.sources)
    assert set(atlas.sources) - cited == set()


def test_session_guide_covers_what_a_session_is_like(atlas):
    text = " ".join([atlas.session.intro] + [f"{s.title} {s.text}" for s in atlas.session.steps]).lower()
    for needed in ["assess", "consent", "sterile", "twitch", "seconds", "minutes", "sore", "72", "session"]:
        assert needed in text, needed
    kinds = {c.kind for c in atlas.session.contraindications}
    assert kinds == {"absolute", "relative"}
    contra = " ".join(f"{c.name} {c.clinical} {c.text}" for c in atlas.session.contraindications).lower()
    for needed in ["pregnan", "bleed", "infection", "lymph", "phobia", "implant", "allerg", "epilep", "child"]:
        assert needed in contra, needed
    flags = " ".join(f"{f.name} {f.text}" for f in atlas.session.red_flags).lower()
    for needed in ["chest", "calf", "numb", "fever", "headache"]:
        assert needed in flags, needed


# Region notes whose areas hold look-alikes of emergencies: each lists the warning signs that come first.
NOTES_WITH_RED_FLAGS = {
    "chest-wall": ["heart attack", "artery", "lung"],
    "abdomen": ["pregnan", "urgent"],
    "lower-leg": ["blood clot"],
    "head-face": ["thunderclap", "giant cell arteritis", "numb"],
    "neck-front": ["stiff neck", "weakness", "numb"],
    "neck-back": ["stiff neck", "weakness", "numb"],
    "low-back": ["urine", "saddle", "weakness"],
}


def test_region_notes_for_dangerous_areas_have_red_flags(atlas):
    for notes_id, needed in NOTES_WITH_RED_FLAGS.items():
        flags = " ".join(atlas.region_notes[notes_id].red_flags).lower()
        assert [word for word in needed if word not in flags] == [], notes_id


def test_chest_wall_notes_warn_about_the_lung(atlas):
    chest = atlas.regions["chest-left"]
    assert "lung" in " ".join(atlas.region_notes[chest.notes].cautions).lower()


def _plain_texts(atlas):
    for m in atlas.muscles.values():
        yield f"muscle {m.id}", " ".join([m.description, *m.mimics, *m.perpetuating, m.self_care, *m.cautions,
                                           *(tp.label for tp in m.trigger_points)])
    for c in atlas.conditions.values():
        yield f"condition {c.id}", " ".join([c.summary, *c.red_flags])
    for n in atlas.region_notes.values():
        yield f"notes {n.id}", " ".join([n.position, n.feel, *n.cautions, *n.red_flags])
    s = atlas.session
    yield "session intro", s.intro
    for part in (s.steps, s.contraindications, s.red_flags):
        for item in part:
            yield f"session {item.id}", item.text


def test_patient_text_is_plain_language(atlas):
    grades = {name: grade(text) for name, text in _plain_texts(atlas)}
    too_hard = {k: round(v, 1) for k, v in grades.items() if v > 10}
    assert too_hard == {}, "texts above grade 10 (aim at 8): rewrite with shorter sentences and words"
    assert statistics.median(grades.values()) <= 8


# A look-alike ("often mistaken for") that names something that can kill or maim must send the reader to
# a doctor (or dentist) first. Whole words, except the stems ending in "*" ("heart" does not match "heartburn").
DANGER_WORDS = [
    "angina", "heart", "heart attack", "appendicitis", "gallbladder", "gut", "kidney*", "claudication", "blood clot",
    "thrombosis", "giant cell arteritis", "arteritis", "stroke", "aneurysm", "tinnitus", "toothache", "tooth",
    "teeth", "dizz*", "visceral", "organ*", "cancer", "tumour", "tumor", "fracture*", "infect*", "meningitis",
    "pregnan*", "artery tear", "dissection",
]
DOCTOR_FIRST = [
    "doctor first", "dentist first", "checked first", "check first", "doctor must check", "doctor should check",
    "call an ambulance", "ruled out by a doctor",
]
_DANGER = [(w.rstrip("*"), re.compile(rf"\b{re.escape(w.rstrip('*'))}" + ("" if w.endswith("*") else r"\b"), re.I))
           for w in DANGER_WORDS]


def _dangers(text: str) -> list[str]:
    return [word for word, pattern in _DANGER if pattern.search(text)]


def test_danger_word_matching():
    assert _dangers("Chest pain that feels like a heart problem (angina)") == ["angina", "heart"]
    assert _dangers("Heartburn or an upset stomach") == []
    assert _dangers("Feeling dizzy") == ["dizz"]


def test_dangerous_look_alikes_say_see_a_doctor_first(atlas):
    missing = {
        f"{m.id}: {text[:60]}": _dangers(text)
        for m in atlas.muscles.values()
        for text in m.mimics
        if _dangers(text) and not any(phrase in text.lower() for phrase in DOCTOR_FIRST)
    }
    assert missing == {}, "these look-alikes name a danger but do not say to see a doctor (or dentist) first"
