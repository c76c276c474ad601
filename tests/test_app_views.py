"""The app's views driven through widgets and links with Streamlit's AppTest (no browser): each view shows
the right panel, draws the right overlay on the map, keeps the URL in sync, and never raises."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qsl

import pytest
from streamlit.testing.v1 import AppTest

from bodymap.drawing.figure import HIGHLIGHT_NAME, LOOSE_POINTS_NAME, PAIN_LEVELS_NAME, chosen_in
from bodymap.reference.lookup import condition_muscles, points_in_region, referring_muscles
from bodymap.reference.ranking import rank_candidates

PAIN, GUIDE = "pain", "guide"  # the page values of the page control

ROOT = Path(__file__).resolve().parents[1]

APP = str(ROOT / "app.py")
REGION = "elbow-outer-right"
MUSCLE = "supinator"
CONDITION = "tennis-elbow"


def app(query: str = "") -> AppTest:
    """Run the app once, as if opened at `?query` (repeated keys kept)."""
    at = AppTest.from_file(APP, default_timeout=60)
    grouped: dict[str, list[str]] = {}
    for key, value in parse_qsl(query, keep_blank_values=True):
        grouped.setdefault(key, []).append(value)
    for key, values in grouped.items():
        at.query_params[key] = values if len(values) > 1 else values[0]
    return checked(at.run())


def checked(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def spec(at: AppTest) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def traces(at: AppTest) -> dict[str, dict]:
    return {t.get("name"): t for t in spec(at)["data"]}


def plain(markdown: str) -> str:
    """Markdown as read: backslash escapes removed."""
    return re.sub(r"\\(.)", r"\1", markdown)


def heading(at: AppTest) -> str:
    return plain(at.subheader[0].value)


def header(at: AppTest) -> str:
    return plain(at.header[0].value)


def query(at: AppTest) -> dict[str, str]:
    return {k: v[0] if isinstance(v, list) else v for k, v in dict(at.query_params).items() if v not in ([], "")}


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    return plain("\n".join(parts + [e.value for e in (*at.info, *at.warning, *at.error, *at.success)]))


@pytest.fixture(scope="module", autouse=True)
def _needs_content(real_atlas):
    return real_atlas


def test_the_start_page_shows_the_disclaimer_the_map_and_ways_in(real_atlas):
    at = app()
    assert any("does not diagnose" in c.value for c in at.caption)
    assert heading(at) == "Where do you feel pain?"
    names = traces(at)
    assert "Body" in names and chosen_in(spec(at)) == [] and HIGHLIGHT_NAME not in names
    assert len(names["Body"]["locations"]) == len(real_atlas.drawn("front")) + len(real_atlas.drawn("back"))
    assert {w.key for w in at.selectbox} >= {"pick-region", "pick-muscle", "pick-condition"}
    assert at.text_input(key="search") is not None
    assert query(at) == {}


def test_a_region_from_the_link_shows_its_panel_and_map(real_atlas):
    at = app(f"region={REGION}")
    label = real_atlas.regions[REGION].label
    assert heading(at) == f"Selected: {label}"
    assert chosen_in(spec(at)) == [REGION]  # shown chosen by plotly's selection: nothing drawn over the body
    assert [t["name"] for t in spec(at)["data"]] == ["Chosen area colour", "Body", "Front outline", "Back outline",
                                                     "Labels"]
    assert at.selectbox(key="pick-region").value is None  # the lists stand ready for the next choice
    for r in referring_muscles(real_atlas, REGION):
        assert at.button(key=f"refer-{REGION}-{r.muscle}").label.startswith(f"→ {r.name}")
    assert query(at) == {"region": REGION}


def test_the_region_list_opens_the_area_on_the_map_and_the_link_then_stands_ready(real_atlas):
    at = app()
    at.selectbox(key="pick-region").set_value("neck-back-left").run()
    checked(at)
    assert heading(at) == f"Selected: {real_atlas.regions['neck-back-left'].label}"
    assert chosen_in(spec(at)) == ["neck-back-left"]
    assert LOOSE_POINTS_NAME not in traces(at)  # the panel lists them; drawn once one is chosen there
    assert query(at) == {"region": "neck-back-left"}
    assert at.selectbox(key="pick-region").value is None
    at.selectbox(key="pick-region").set_value("calf-left").run()  # the next choice from the same list
    assert heading(checked(at)) == f"Selected: {real_atlas.regions['calf-left'].label}"
    assert chosen_in(spec(at)) == ["calf-left"]


def test_a_trigger_point_chosen_in_the_region_panel_is_drawn_larger(real_atlas):
    at = app("region=neck-back-left")
    pills = at.button_group(key="points-neck-back-left")
    first = points_in_region(real_atlas, "neck-back-left")[0]
    pills.set_value((first.muscle, first.point.id)).run()
    checked(at)
    assert len(traces(at)[LOOSE_POINTS_NAME]["lon"]) == len(points_in_region(real_atlas, "neck-back-left"))
    assert chosen_in(spec(at)) == ["neck-back-left"]
    sizes = traces(at)[LOOSE_POINTS_NAME]["marker"]["size"]
    assert max(sizes) > min(sizes) or len(sizes) == 1 and sizes[0] > 14
    assert at.button(key="open-focus-neck-back-left").label == f"→ Open {real_atlas.muscles[first.muscle].name}"


def test_a_muscle_opened_from_the_region_panel(real_atlas):
    at = app(f"region={REGION}")
    at.button(key=f"refer-{REGION}-{MUSCLE}").click().run()
    checked(at)
    name = real_atlas.muscles[MUSCLE].name
    assert heading(at) == name
    t = traces(at)
    assert f"{name}: pain often felt here" in t and f"{name}: trigger points" in t
    assert t[HIGHLIGHT_NAME]["locations"] == [REGION]  # the area it was opened from stays marked
    assert query(at) == {"muscle": MUSCLE, "region": REGION}
    assert "What keeps it going" in texts(at) and "Needling cautions" in texts(at)
    # One side only, from the side control.
    at.segmented_control(key="side-muscle").set_value("Right").run()
    checked(at)
    points = traces(checked(at))[f"{name}: trigger points"]
    assert len(points["lon"]) == len(real_atlas.muscles[MUSCLE].trigger_points)
    assert query(at)["side"] == "right"
    at.button(key="back-to-region").click().run()
    assert heading(checked(at)) == f"Selected: {real_atlas.regions[REGION].label}"


def test_a_condition_from_its_list_draws_its_muscles_numbered(real_atlas):
    at = app()
    at.selectbox(key="pick-condition").set_value(CONDITION).run()
    checked(at)
    assert heading(at) == real_atlas.conditions[CONDITION].name
    muscles = condition_muscles(real_atlas, CONDITION)
    t = traces(at)
    for i, (mid, _) in enumerate(muscles, start=1):
        assert f"{i}. {real_atlas.muscles[mid].name}: trigger points" in t
    assert "See a doctor first" in texts(at)
    assert query(at) == {"condition": CONDITION}
    # A muscle from the condition's list.
    mid = muscles[1][0]
    at.button(key=f"cond-muscle-{CONDITION}-{mid}").click().run()
    assert heading(checked(at)) == real_atlas.muscles[mid].name
    assert query(at) == {"muscle": mid}


@pytest.mark.parametrize(("typed", "kind", "ident"), [
    ("tenis elbow", "condition", "tennis-elbow"),
    ("SCM", "muscle", "sternocleidomastoid"),
    ("heel", "region", "heel-left"),
])
def test_search_finds_and_opens(real_atlas, typed, kind, ident):
    at = app()
    at.text_input(key="search").input(typed).run()
    checked(at)
    hit = at.button(key=f"hit-{kind}-{ident}")
    hit.click().run()
    checked(at)
    assert query(at) == {kind: ident}


def test_marked_pain_from_the_link_ranks_candidates_and_draws_them(real_atlas):
    at = app("pain=elbow-outer-right:7,forearm-back-right")
    assert at.segmented_control(key="page-pick").value == PAIN
    pain = {"elbow-outer-right": 7, "forearm-back-right": None}
    ranked = rank_candidates(real_atlas, pain)
    assert ranked
    body = texts(at)
    for i, c in enumerate(ranked, start=1):
        assert f"{i}. {c.name}" in body
        assert c.explanation in body
    t = traces(at)
    assert t[PAIN_LEVELS_NAME]["customdata"] == ["elbow-outer-right", "forearm-back-right"]
    assert f"1. {ranked[0].name}: trigger points" in t
    assert at.multiselect(key="pain-pick").value == ["elbow-outer-right", "forearm-back-right"]
    # Setting a level updates the map and the link.
    at.select_slider(key="level-forearm-back-right").set_value(3).run()
    checked(at)
    assert "<b>3</b>" in traces(at)[PAIN_LEVELS_NAME]["text"]
    assert query(at) == {"pain": "elbow-outer-right:7,forearm-back-right:3"}


def test_pain_marked_from_the_list_and_cleared():
    at = app()
    at.segmented_control(key="page-pick").set_value(PAIN).run()
    checked(at)
    assert heading(at) == "Mark where it hurts"
    at.multiselect(key="pain-pick").set_value(["low-back-left", "buttock-left"]).run()
    checked(at)
    assert heading(at) == "Muscles that may explain your pain"
    assert query(at) == {"pain": "low-back-left,buttock-left"}
    at.button(key="pain-clear").click().run()
    checked(at)
    assert heading(at) == "Mark where it hurts" and query(at) == {}


def test_presentation_steps_through_a_condition(real_atlas):
    at = app(f"mode=present&condition={CONDITION}")
    muscles = condition_muscles(real_atlas, CONDITION)
    assert plain(at.title[0].value) == real_atlas.conditions[CONDITION].name
    assert header(at) == real_atlas.muscles[muscles[0][0]].name
    assert at.button(key="present-prev").disabled
    marks = [n for n in traces(at) if n.endswith(": trigger points")]
    assert marks == [f"{real_atlas.muscles[muscles[0][0]].name}: trigger points"]
    at.button(key="present-next").click().run()
    checked(at)
    assert header(at) == real_atlas.muscles[muscles[1][0]].name
    assert query(at) == {"condition": CONDITION, "mode": "present", "step": "2"}
    while not at.button(key="present-next").disabled:
        at.button(key="present-next").click().run()
    assert at.button(key="present-next").disabled
    assert query(checked(at))["step"] == str(len(muscles))
    at.button(key="present-exit").click().run()
    checked(at)
    assert heading(at) == real_atlas.conditions[CONDITION].name
    assert query(at) == {"condition": CONDITION}


def test_presentation_toggle_and_a_step_from_the_link(real_atlas):
    at = app(f"condition={CONDITION}&mode=present&step=3")
    muscles = condition_muscles(real_atlas, CONDITION)
    assert header(at) == real_atlas.muscles[muscles[2][0]].name
    at = app(f"region={REGION}")
    at.toggle(key="present-toggle").set_value(True).run()
    checked(at)
    refs = referring_muscles(real_atlas, REGION)
    assert header(at) == refs[0].name
    assert query(at) == {"region": REGION, "mode": "present"}


def test_the_session_guide_page(real_atlas):
    at = app()
    at.segmented_control(key="page-pick").set_value(GUIDE).run()
    checked(at)
    guide = real_atlas.session
    assert [e.label for e in at.expander][: len(guide.steps)] == [f"{i}. {s.title}" for i, s in
                                                                    enumerate(guide.steps, start=1)]
    body = texts(at)
    for flag in guide.red_flags:
        assert f"**{flag.name}**" in body
    assert "Do not needle" in body and "Ask first and adapt" in body
    assert any(e.label.startswith("Sources") for e in at.expander)
    assert query(at) == {}


@pytest.mark.parametrize("hostile", [
    "region=../../etc/passwd",
    "muscle=%3Cscript%3Ealert(1)%3C/script%3E",
    "condition=<script>alert(1)</script>",
    "region=" + "a" * 10_000,
    "region=temple-left&region=calf-right",
    "pain=knee:99,<b>,../x",
    "mode=edit&step=-1&side=up&debug=1",
])
def test_hostile_links_are_ignored_with_a_short_notice(hostile):
    at = app(hostile)
    notices = [i.value for i in at.info]
    assert notices and all(len(n) < 200 for n in notices)
    assert not any("<script" in n or "passwd" in n or "aaaa" in n for n in notices)
    assert "<script" not in json.dumps(dict(at.query_params))


def test_a_broken_content_folder_shows_every_problem_not_a_traceback(tmp_path, monkeypatch):
    data = tmp_path / "content"
    data.mkdir()
    (data / "regions.yaml").write_text("regions:\n  - id: Bad Id\n    name: x\n", encoding="utf-8")
    (data / "muscles.yaml").write_text("muscles: [\n", encoding="utf-8")
    monkeypatch.setenv("BODYMAP_DATA", str(data))
    at = checked(AppTest.from_file(APP, default_timeout=60).run())
    assert [t.value for t in at.title] == ["bodymap cannot start"]
    assert "problem" in at.error[0].value
    listing = at.code[0].value
    assert "regions.yaml:" in listing and "muscles.yaml:" in listing
    assert all(line.count(":") >= 3 for line in listing.splitlines())
    assert not at.get("plotly_chart")


def test_a_clinic_packs_problems_are_listed_like_content_problems(tmp_path, monkeypatch):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "clinic.yaml").write_text("clinic:\n  name: Harbour\n  contact: Call us\nmuscles: []\n", encoding="utf-8")
    monkeypatch.setenv("BODYMAP_OVERLAY", str(pack))
    at = checked(AppTest.from_file(APP, default_timeout=60).run())
    assert [t.value for t in at.title] == ["bodymap cannot start"]
    assert "clinic pack" in at.error[0].value
    assert f"{pack / 'clinic.yaml'}:4:1: muscles: a clinic pack cannot" in at.code[0].value
    assert not at.get("plotly_chart")


def test_a_missing_content_folder_is_reported(tmp_path, monkeypatch):
    monkeypatch.setenv("BODYMAP_DATA", str(tmp_path / "nowhere"))
    at = checked(AppTest.from_file(APP, default_timeout=60).run())
    assert "data folder not found" in at.code[0].value


def test_presentation_without_a_subject_offers_the_conditions(real_atlas):
    at = app("mode=present")
    assert plain(at.title[0].value) == "Presentation"
    at.selectbox(key="present-pick").set_value("neck-pain").run()
    checked(at)
    first = condition_muscles(real_atlas, "neck-pain")[0][0]
    assert header(at) == real_atlas.muscles[first].name
    assert query(at) == {"condition": "neck-pain", "mode": "present"}


def test_presentation_of_marked_pain_steps_through_the_candidates(real_atlas):
    pain = {"low-back-left": 8, "buttock-left": None}
    at = app("pain=low-back-left:8,buttock-left&mode=present")
    ranked = rank_candidates(real_atlas, pain)
    assert header(at) == ranked[0].name
    at.button(key="present-next").click().run()
    assert header(checked(at)) == ranked[1].name
    assert traces(at)[PAIN_LEVELS_NAME]["customdata"] == list(pain)
    assert query(at) == {"pain": "low-back-left:8,buttock-left", "mode": "present", "step": "2"}


def test_a_close_up_from_the_link_and_back_to_the_whole_body(real_atlas):
    at = app("region=upper-teeth-left&view=head-left")
    assert spec(at)["layout"]["meta"]["views"] == ["head-left"]
    assert heading(at) == "Selected: Upper teeth (left)"
    assert chosen_in(spec(at)) == ["upper-teeth-left"]
    assert at.selectbox(key="view-pick-closer").value == "head-left"
    back = next(b for b in at.button if b.label == "← Whole body")
    checked(back.click().run())
    assert spec(at)["layout"]["meta"]["views"] == ["front", "back"]
    assert chosen_in(spec(at)) == ["cheek-jaw-left"]  # the teeth, on the jaw of the body
    assert query(at) == {"region": "upper-teeth-left"}


def test_choosing_an_area_offers_its_close_up_and_the_list_opens_any_view(real_atlas):
    at = app("region=cheek-jaw-left")
    zoom = next(b for b in at.button if b.label.startswith("Zoom in"))
    assert zoom.label == "Zoom in: Head and neck, left →"
    checked(zoom.click().run())
    assert spec(at)["layout"]["meta"]["views"] == ["head-left"]
    assert set(chosen_in(spec(at))) == set(real_atlas.children("cheek-jaw-left"))
    assert query(at) == {"region": "cheek-jaw-left", "view": "head-left"}
    checked(at.selectbox(key="view-pick-closer").set_value("foot-sole-right").run())
    assert spec(at)["layout"]["meta"]["views"] == ["foot-sole-right"]
    assert query(at)["view"] == "foot-sole-right"
    assert not any(b.label.startswith("Zoom in") for b in at.button if b.label)
    checked(at.segmented_control(key="view-pick-body").set_value("Back").run())
    assert spec(at)["layout"]["meta"]["views"] == ["back"]


def test_a_lesson_from_its_link_steps_through_with_notes_on_request(real_atlas):
    lesson = real_atlas.lessons["neck-pain-and-headaches"]
    at = app("lesson=neck-pain-and-headaches&mode=present&step=2")
    assert plain(at.title[0].value) == lesson.title
    assert header(at) == lesson.steps[1].title
    notes = lesson.steps[1].notes
    assert not any(notes[0][:30] in plain(m.value) for m in at.markdown)  # the audience screen stays clean
    checked(at.toggle(key="present-notes-toggle").set_value(True).run())
    assert any(notes[0][:30] in plain(m.value) for m in at.markdown)
    checked(at.button(key="present-last").click().run())
    assert header(at) == lesson.steps[-1].title
    assert query(at) == {"lesson": "neck-pain-and-headaches", "mode": "present", "step": str(len(lesson.steps))}
    checked(at.button(key="present-first").click().run())
    assert header(at) == lesson.steps[0].title
    checked(at.button(key="present-exit").click().run())
    assert "lesson" not in query(at)


def test_the_presentation_start_screen_shows_the_map_and_lessons(real_atlas):
    at = app("mode=present")
    assert spec(at)["layout"]["meta"]["views"] == ["front", "back"]
    lessons = at.selectbox(key="present-lesson")
    assert set(lessons.options) == {lesson.title for lesson in real_atlas.lessons.values()}
    checked(lessons.set_value("low-back-hip-and-leg").run())
    assert plain(at.title[0].value) == "Low back, hip and leg"
    assert query(at)["lesson"] == "low-back-hip-and-leg"


def test_an_area_with_warning_signs_shows_them_on_its_panel_and_beside_the_ranked_muscles(real_atlas):
    flags = real_atlas.region_notes[real_atlas.regions["chest-left"].notes].red_flags
    assert flags
    for link in ("region=chest-left", "pain=chest-left:8"):
        at = app(link)
        shown = " ".join(plain(e.value) for e in at.error)
        assert " ".join(flags[0].split())[:60] in " ".join(shown.split()), link
