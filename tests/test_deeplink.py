"""Deep links: parse and build query parameters; hostile values are dropped with a notice, never raised."""

from __future__ import annotations

import random
import string
from pathlib import Path

import pytest

from bodymap.reference.deeplink import KEYS, MAX_PAIN, parse_query, to_query
from bodymap.reference.screen import Screen, Subject

ROOT = Path(__file__).resolve().parents[1]

HOSTILE = [
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "x" * 10_000,
    "temple-left" * 1000,
    "",
    " ",
    "\x00",
    "%00",
    "temple-left\x00",
    "javascript:alert(1)",
    "'; DROP TABLE regions; --",
    "${jndi:ldap://x}",
    "{{7*7}}",
    "a:b:c",
    ",,,",
    ":",
    "temple-left:",
    "temple-left:999999999999999999999",
    "temple-left:-1",
    "temple-left:1e3",
    "temple-left:five",
    "\u202etfel-elpmet",
    "TEMPLE-LEFT",
    "🙂",
    "__proto__",
    "constructor",
]


def view(region=None, muscle=None, condition=None, pain=(), present=False, side=None, step=1) -> Screen:
    """The screen a link describes, spelt out (the page follows the same rule as the app)."""
    subject = (Subject("muscle", muscle, from_region=region) if muscle else Subject("condition", condition)
               if condition else Subject("region", region) if region else None)
    page = "pain" if pain and (subject is None or subject.kind == "region") else "explore"
    return Screen(page=page, subject=subject, pain=pain, side=side, presenting=present, step=step)


@pytest.fixture(scope="module")
def atlas(make_atlas):
    return make_atlas(
        regions=["temple", "jaw", "neck"],
        midline=["sternum"],
        muscles={"trap": [("neck", ["temple"], ["jaw"])], "scm": [("neck", ["temple"], [])],
                 "masseter": [("jaw", ["jaw"], [])]},
        conditions={"headache": {"regions": ["temple"], "primary": ["trap"], "also": ["scm", "masseter"]}},
    )


@pytest.mark.parametrize(
    ("params", "state"),
    [
        ({}, view()),
        ({"region": "temple-left"}, view(region="temple-left")),
        ({"region": "sternum"}, view(region="sternum")),
        ({"region": "temple"}, view(region="temple-left")),  # a base id: left unless a side is given
        ({"region": "temple", "side": "right"}, view(region="temple-right", side="right")),
        ({"muscle": "trap", "side": "both"}, view(muscle="trap")),
        ({"condition": "headache", "mode": "present", "step": "2"},
         view(condition="headache", present=True, step=2)),
        ({"pain": "temple-left:7,jaw-right,sternum:0"},
         view(pain=(("temple-left", 7), ("jaw-right", None), ("sternum", 0)))),
        ({"pain": " temple-left : 7 , , jaw-right "}, view(pain=(("temple-left", 7), ("jaw-right", None)))),
        ({"pain": ["temple-left:3", "jaw-left:4"]}, view(pain=(("temple-left", 3), ("jaw-left", 4)))),
        ({"pain": "temple-left:3,temple-left:9"}, view(pain=(("temple-left", 3),))),  # first one kept
        ({"pain": "jaw:5", "side": "right"}, view(pain=(("jaw-right", 5),), side="right")),
    ],
)
def test_valid_links(atlas, params, state):
    assert parse_query(params, atlas) == (state, [])


@pytest.mark.parametrize(
    ("params", "state", "notice"),
    [
        ({"region": "tempel"}, view(), "Ignored an unknown body area “tempel” in the link."),
        ({"muscle": "../../etc/passwd"}, view(), "Ignored an unknown muscle in the link."),
        ({"condition": "<script>"}, view(), "Ignored an unknown condition in the link."),
        ({"region": "x" * 10_000}, view(), "Ignored a “region” in the link that is far too long."),
        ({"region": ["temple-left", "jaw-left"]}, view(region="temple-left"),
         "The link sets “region” more than once; the first one is used."),
        ({"mode": "admin"}, view(), "Ignored a mode in the link: the only mode is “present”."),
        ({"side": "up"}, view(), "Ignored a side in the link: it must be left, right or both."),
        ({"step": "0"}, view(), "Ignored a step in the link: it must be a number from 1 to 99."),
        ({"step": "-3"}, view(), "Ignored a step in the link: it must be a number from 1 to 99."),
        ({"condition": "headache", "step": "9"}, view(condition="headache", step=3),
         "The link asks for step 9, but there are 3 steps; showing the last one."),
        ({"debug": "1", "region": "jaw-left"}, view(region="jaw-left"),
         "Ignored settings in the link that this app does not know."),
        ({"pain": "temple-left:11,jaw-left:2"}, view(pain=(("jaw-left", 2),)),
         "Ignored painful places in the link that are not body areas, or whose level is not 0 to 10."),
        ({"pain": "<b>x</b>,jaw-left"}, view(pain=(("jaw-left", None),)),
         "Ignored painful places in the link that are not body areas, or whose level is not 0 to 10."),
        ({"region": 5}, view(), "Ignored a “region” in the link that is not text."),
        ({"region": ["jaw-left", 7]}, view(), "Ignored a “region” in the link that is not text."),
    ],
)
def test_bad_links_are_ignored_with_a_notice(atlas, params, state, notice):
    got, notices = parse_query(params, atlas)
    assert got == state
    assert notices == [notice]


def test_too_many_pain_places_keep_the_first(make_atlas):
    regions = [f"r{i}" for i in range(15)]
    atlas = make_atlas(regions=regions, muscles={"m": [("r0", ["r1"], [])]})
    value = ",".join(f"{r}-{s}" for r in regions for s in ("left", "right"))
    state, notices = parse_query({"pain": value}, atlas)
    assert len(state.pain) == MAX_PAIN and state.pain[0] == ("r0-left", None)
    assert notices == [f"The link marks more than {MAX_PAIN} painful places; the first {MAX_PAIN} are kept."]


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("key", KEYS)
def test_hostile_values_never_raise_and_never_echo(atlas, key, value):
    state, notices = parse_query({key: value}, atlas)
    assert isinstance(state, Screen)
    for notice in notices:
        assert len(notice) < 120
        assert "<" not in notice and "/" not in notice and "\x00" not in notice
        if len(value) > 40:
            assert value[:40] not in notice
    # whatever was kept is a real id
    assert_real_ids(atlas, state)


@pytest.mark.parametrize(
    "params",
    [
        {"<script>": "x"},
        {"x" * 10_000: "y"},
        {"region": None},
        {"region": b"temple-left"},
        {"region": {"a": 1}},
        {"region": []},
        {"pain": ["", ""]},
        {1: "temple-left"},
        {None: None},
        dict.fromkeys((f"k{i}" for i in range(1000)), "v"),
    ],
)
def test_odd_shapes_never_raise(atlas, params):
    state, notices = parse_query(params, atlas)
    assert isinstance(state, Screen) and isinstance(notices, list)
    assert all(isinstance(n, str) for n in notices)


def test_an_unreadable_mapping_never_raises(atlas):
    class Broken(dict):
        def items(self):
            raise RuntimeError("boom")

    state, notices = parse_query(Broken(), atlas)
    assert state == view() and len(notices) == 1


def assert_real_ids(atlas, state: Screen) -> None:
    """Whatever a link kept names something in the atlas."""
    subject = state.subject
    tables = {"region": atlas.regions, "muscle": atlas.muscles, "condition": atlas.conditions}
    if subject is not None:
        assert subject.id in tables[subject.kind]
        assert subject.from_region is None or subject.from_region in atlas.regions
    assert all(r in atlas.regions and (i is None or 0 <= i <= 10) for r, i in state.pain)


def _random_value(rng: random.Random, atlas) -> str | list[str]:
    ids = [*atlas.regions, *atlas.muscles, *atlas.conditions, "temple", "present", "left", "right", "both"]
    pieces = [
        lambda: rng.choice(ids),
        lambda: f"{rng.choice(ids)}:{rng.randint(-20, 30)}",
        lambda: "".join(rng.choice(string.printable) for _ in range(rng.randint(0, 40))),
        lambda: "".join(chr(rng.randint(0, 0x10FFFF)) for _ in range(rng.randint(0, 10)) if True),
        lambda: rng.choice(HOSTILE),
        lambda: str(rng.randint(-5, 200)),
        lambda: ",".join(rng.choice(ids) for _ in range(rng.randint(0, 30))),
    ]
    value = rng.choice(pieces)()
    value = value.encode("utf-8", "replace").decode("utf-8", "replace") if isinstance(value, str) else value
    return [value, rng.choice(pieces)()] if rng.random() < 0.15 else value


def test_fuzz_never_raises_and_keeps_only_valid_ids(atlas):
    rng = random.Random(20240505)
    keys = [*KEYS, "mode", "Region", "regions", "x", ""]
    for _ in range(3000):
        params = {rng.choice(keys): _random_value(rng, atlas) for _ in range(rng.randint(0, 8))}
        state, notices = parse_query(params, atlas)
        assert_real_ids(atlas, state)
        assert len({r for r, _ in state.pain}) == len(state.pain) <= MAX_PAIN
        assert state.side in (None, "left", "right") and 1 <= state.step <= 99
        assert len(notices) <= 8
        # a parsed state survives a round trip unchanged and without notices
        assert parse_query(to_query(state), atlas) == (state, [])


@pytest.mark.parametrize(
    ("state", "query"),
    [
        (view(), {}),
        (view(region="temple-left"), {"region": "temple-left"}),
        (view(condition="headache", present=True, step=2, side="right"),
         {"condition": "headache", "mode": "present", "step": "2", "side": "right"}),
        (view(pain=(("temple-left", 7), ("sternum", None))), {"pain": "temple-left:7,sternum"}),
        (view(muscle="trap", step=1), {"muscle": "trap"}),
        (view(region="neck-left", muscle="trap", side="left"),
         {"region": "neck-left", "muscle": "trap", "side": "left"}),
        (view(region="jaw-left", pain=(("temple-left", 2),)), {"region": "jaw-left", "pain": "temple-left:2"}),
        (view(condition="headache", pain=(("temple-left", None),)), {"condition": "headache", "pain": "temple-left"}),
    ],
)
def test_to_query_leaves_out_defaults_and_round_trips(atlas, state, query):
    assert to_query(state) == query
    assert parse_query(query, atlas) == (state, [])


def test_the_guide_page_has_a_bare_link_unless_presenting(atlas):
    guide = Screen(page="guide", subject=Subject("condition", "headache"))
    assert to_query(guide) == {}
    assert to_query(Screen(page="guide", subject=Subject("condition", "headache"), presenting=True)) == {
        "condition": "headache", "mode": "present"}


def test_every_key_is_documented():
    doc = (ROOT / "docs" / "deep-links.md").read_text(encoding="utf-8")
    for key in KEYS:
        assert f"`{key}`" in doc, key


def test_every_view_choice_is_documented_and_round_trips(atlas):
    from bodymap.content.views import CHOICES

    doc = (ROOT / "docs" / "deep-links.md").read_text(encoding="utf-8")
    for cid, (_, views) in CHOICES.items():
        assert f"| `{cid}` |" in doc, cid
        screen, notices = parse_query({"view": cid}, atlas)
        assert screen.views == views and notices == []
        assert to_query(screen) == ({} if cid == "both" else {"view": cid})


def test_a_phone_default_view_and_an_unknown_view(atlas):
    assert parse_query({}, atlas, default_views=("front",))[0].views == ("front",)
    screen, notices = parse_query({"view": "sideways"}, atlas)
    assert screen.views == ("front", "back")
    assert notices == ["Ignored a view “sideways” in the link: see the list of views under the map."]
