"""The shipped content: valid, complete, cited, and written in plain language.

Only what the schema and the loader cannot enforce is tested here. When data/ does not load,
test_shipped_data_has_zero_problems fails with the problem list and the other tests skip.
"""

from __future__ import annotations

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
    assert {r.view for r in atlas.regions.values()} == {"front", "back"}
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
        yield f"notes {n.id}", " ".join([n.position, n.feel, *n.cautions])
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
