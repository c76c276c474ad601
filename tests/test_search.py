"""Search over regions, muscles and conditions: tiers, tolerance, ranking."""

from __future__ import annotations

import pytest

from bodymap.reference.search import EXACT, FUZZY, PREFIX, WORD, SearchIndex, edit_distance, normalize, search


@pytest.fixture(scope="module")
def index(make_atlas):
    atlas = make_atlas(
        regions=["elbow-outer", "heel", "temple", "neck-back"],
        midline=["sternum"],
        muscles={
            "sternocleidomastoid": [("neck-back", ["temple"], [])],
            "upper-trapezius": [("neck-back", ["temple"], [])],
            "supinator": [("elbow-outer", ["elbow-outer"], [])],
            "soleus": [("heel", ["heel"], [])],
        },
        conditions={
            "tennis-elbow": {"regions": ["elbow-outer"], "primary": ["supinator"], "also": ["upper-trapezius"]},
            "tension-headache": {"regions": ["temple"], "primary": ["upper-trapezius"],
                                 "also": ["sternocleidomastoid"]},
            "plantar-fasciitis": {"regions": ["heel"], "primary": ["soleus"], "also": ["supinator"]},
            "migraine": {"regions": ["temple"], "primary": ["upper-trapezius"], "also": ["sternocleidomastoid"]},
        },
        names={
            "elbow-outer": "Outer elbow", "heel": "Heel", "neck-back": "Back of neck", "sternum": "Breastbone",
            "sternocleidomastoid": "Sternocleidomastoid", "upper-trapezius": "Upper trapezius",
            "tennis-elbow": "Tennis elbow", "tension-headache": "Tension-type headache",
            "plantar-fasciitis": "Plantar fasciitis", "migraine": "Migraine",
        },
        extra={
            "sternocleidomastoid": {"aka": ["SCM", "sternomastoid"]},
            "upper-trapezius": {"aka": ["traps", "trapezius"], "clinical": "Trapezius, descending fibres"},
            "tennis-elbow": {"clinical": "Lateral elbow tendinopathy (lateral epicondylalgia)",
                             "synonyms": ["lateral epicondylitis", "tennis arm"]},
            "plantar-fasciitis": {"clinical": "Plantar heel pain", "synonyms": ["heel pain", "policeman's heel"]},
            "tension-headache": {"synonyms": ["stress headache"]},
            "migraine": {"clinical": "Migraine (with or without aura)", "synonyms": ["sick headache"]},
        },
    )
    return SearchIndex(atlas)


def first(index, query):
    hits = index.search(query)
    assert hits, query
    return hits[0]


@pytest.mark.parametrize(
    ("query", "kind", "ident", "tier"),
    [
        ("tennis elbow", "condition", "tennis-elbow", EXACT),
        ("Tennis Elbow", "condition", "tennis-elbow", EXACT),
        ("  tennis-elbow!! ", "condition", "tennis-elbow", EXACT),
        ("lateral epicondylalgia", "condition", "tennis-elbow", WORD),
        ("epicondylalgia lateral", "condition", "tennis-elbow", WORD),
        ("lateral epicondylitis", "condition", "tennis-elbow", EXACT),
        ("SCM", "muscle", "sternocleidomastoid", EXACT),
        ("scm", "muscle", "sternocleidomastoid", EXACT),
        ("s.c.m.", "muscle", "sternocleidomastoid", FUZZY),  # punctuation splits it; squashed it matches
        ("headache", "condition", "tension-headache", WORD),
        ("heel", "region", "heel-left", EXACT),
        ("plantar fascitis", "condition", "plantar-fasciitis", FUZZY),
        ("plantar fasciitis", "condition", "plantar-fasciitis", EXACT),
        ("plantar", "condition", "plantar-fasciitis", PREFIX),
        ("policemans heel", "condition", "plantar-fasciitis", EXACT),
        ("policeman’s heel", "condition", "plantar-fasciitis", EXACT),
        ("sternocleidomastiod", "muscle", "sternocleidomastoid", FUZZY),  # swapped letters
        ("trapezuis", "muscle", "upper-trapezius", FUZZY),
        ("traps", "muscle", "upper-trapezius", EXACT),
        ("upper trap", "muscle", "upper-trapezius", PREFIX),
        ("migrane", "condition", "migraine", FUZZY),
        ("MIGRAINE", "condition", "migraine", EXACT),
        ("Mïgraíne", "condition", "migraine", EXACT),
        ("supinator", "muscle", "supinator", EXACT),
        ("outer elbow", "region", "elbow-outer-left", EXACT),
        ("right outer elbow", "region", "elbow-outer-right", WORD),
        ("breastbone", "region", "sternum", EXACT),
    ],
)
def test_finds_the_right_thing(index, query, kind, ident, tier):
    hit = first(index, query)
    assert (hit.kind, hit.id, hit.tier) == (kind, ident, tier), hit


def test_headache_lists_every_headache_condition(index):
    hits = index.search("headache")
    # both match a word; a match in the name ranks above one in another name
    assert [(h.id, h.field) for h in hits] == [("tension-headache", "name"), ("migraine", "synonym")]


def test_heel_finds_the_region_first_then_the_condition(index):
    hits = index.search("heel")
    assert [h.id for h in hits[:2]] == ["heel-left", "heel-right"]
    assert "plantar-fasciitis" in [h.id for h in hits]
    pf = next(h for h in hits if h.id == "plantar-fasciitis")
    assert pf.tier == PREFIX and pf.matched == "heel pain" and pf.field == "synonym"


def test_tiers_rank_exact_prefix_word_fuzzy(index):
    hits = index.search("elbow", limit=50)
    tiers = [h.tier for h in hits]
    assert tiers == sorted(tiers, reverse=True)
    assert hits[0].kind == "region" or hits[0].tier >= PREFIX
    # "tennis" is the start of "Tennis elbow" (prefix) and "tennis arm": the condition once, best term kept
    hits = index.search("tennis")
    assert [h.id for h in hits] == ["tennis-elbow"] and hits[0].matched == "Tennis elbow"


def test_each_entity_appears_once_with_its_best_term(index):
    hits = index.search("trapezius", limit=50)
    ids = [h.id for h in hits]
    assert len(ids) == len(set(ids))
    trap = next(h for h in hits if h.id == "upper-trapezius")
    assert trap.tier == EXACT and trap.field == "aka"


@pytest.mark.parametrize(
    "query", ["", "   ", "!!!", "xyzzy", "zzzzzzzzzzzz", "a" * 10_000, "<script>alert(1)</script>", "../../etc/passwd"]
)
def test_nothing_found_for_junk(index, query):
    assert index.search(query) == ()


def test_short_words_need_an_exact_word(index):
    assert index.search("scn") == ()  # three letters: no typo allowed
    assert index.search("x") == ()


def test_limit_and_kinds(index):
    assert len(index.search("e", limit=3)) <= 3
    assert index.search("heel", limit=0) == ()
    assert {h.kind for h in index.search("heel", kinds=("condition",))} == {"condition"}
    assert index.search(None) == ()  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("Golfer's  Élbow!", "golfers elbow"),
        ("Musculus-sternocleidomastoïdeus", "musculus sternocleidomastoideus"),
        ("C7/C8 radiculopathy", "c7 c8 radiculopathy"),
        ("ÆSTHETIC straße", "æsthetic strasse"),
        ("", ""),
    ],
)
def test_normalize(text, normal):
    assert normalize(text) == normal


@pytest.mark.parametrize(
    ("a", "b", "limit", "distance"),
    [
        ("fascitis", "fasciitis", 2, 1),
        ("migrane", "migraine", 1, 1),
        ("sternocleidomastiod", "sternocleidomastoid", 2, 1),  # a swap counts once
        ("abc", "abc", 0, 0),
        ("kitten", "sitting", 3, 3),
        ("kitten", "sitting", 2, 3),  # over the limit: limit + 1
        ("short", "a much longer word", 2, 3),
    ],
)
def test_edit_distance(a, b, limit, distance):
    assert edit_distance(a, b, limit) == distance


def test_search_on_the_real_atlas(real_atlas):
    idx = SearchIndex(real_atlas)
    assert first(idx, "tennis elbow").kind == "condition"
    assert first(idx, "lateral epicondylalgia").id == first(idx, "tennis elbow").id
    assert first(idx, "SCM").id == "sternocleidomastoid"
    assert any(h.kind == "condition" for h in idx.search("headache"))
    assert first(idx, "heel").id.startswith("heel")
    assert "fasciitis" in first(idx, "plantar fascitis").label.lower()
    assert search(real_atlas, "traps")[0].id == "upper-trapezius"
