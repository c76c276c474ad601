"""The PDF handout: opens, is one A4 page even for the longest content, holds the names, draws the overlay."""

from __future__ import annotations

import dataclasses
import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from bodymap.content.schema import Clinic, ClinicNote
from bodymap.handout import page as handout
from bodymap.handout import panels
from bodymap.handout.diagram import ESSENTIAL, GREY, SPILLOVER
from bodymap.handout.layout import to_latin1
from bodymap.handout.page import build_handout
from bodymap.reference import lookup, ranking
from bodymap.reference.overlay import Overlay
from bodymap.reference.screen import Subject, subject_overlay
from bodymap.reference.text import sheet_for
from tests.support.ci import require
from tests.synthetic import HEAD_SPOTS

WHEN = date(2025, 3, 5)
FONTS_PRESENT = (handout.FONT_DIR / "DejaVuSans.ttf").is_file() and (handout.FONT_DIR / "DejaVuSans-Bold.ttf").is_file()
FONT_DIRS = [pytest.param(handout.FONT_DIR, id="dejavu"), pytest.param(None, id="core-font")]


def _needs_fonts(font_dir):
    require(font_dir is None or FONTS_PRESENT, "DejaVu fonts not installed (.ci/run installs fonts-dejavu-core)")


def read(pdf: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(reader.pages[0].extract_text().split())
    return reader, text


def fills(pdf: bytes) -> dict[tuple[int, int, int], int]:
    """How many filled shapes each fill colour paints (text colours are set inside BT ... ET)."""
    stream = PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data().decode("latin-1")
    counts: dict[tuple[int, int, int], int] = {}
    colour = None
    for line in stream.splitlines():
        line = line.strip()
        if m := re.fullmatch(r"([\d.]+) ([\d.]+) ([\d.]+) rg", line):
            colour = tuple(round(float(v) * 255) for v in m.groups())
        elif line == "B" and colour is not None:
            counts[colour] = counts.get(colour, 0) + 1
    return counts


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
        extra={"trap": {"mimics": ["Tension headache"], "cautions": ["The top of the lung lies below."],
                        "self_care": "Drop your shoulders and breathe out slowly."}},
    )


def _pain_overlay(atlas, pain):
    return ranking.pain_overlay(atlas, dict(pain), ranking.rank_candidates(atlas, dict(pain)))


def _subjects(atlas):
    pain = (("temple-right", 7), ("jaw-right", None))
    return {
        "region": (Subject("region", "neck-left"), lookup.region_overlay(atlas, "neck-left")),
        "muscle": (Subject("muscle", "trap", side="left"), lookup.muscle_overlay(atlas, "trap", "left")),
        "condition": (Subject("condition", "headache"), lookup.condition_overlay(atlas, "headache")),
        "pain": (Subject("pain", pain=pain), _pain_overlay(atlas, pain)),
    }


EXPECTED = {
    "region": ["Neck (left)", "Upper trapezius", "Sternocleidomastoid", "Trigger points found here", "This area"],
    "muscle": ["Upper trapezius", "Tension headache", "Drop your shoulders", "The top of the lung", "Temple (left)"],
    "condition": ["Tension-type headache", "Upper trapezius · main", "Sternocleidomastoid · also common",
                  "Sudden weakness needs a doctor.", "Also: Chest pain."],
    "pain": ["Where it hurts", "Temple (right): 7/10", "Cheek and jaw (right): no level",
             "Upper trapezius", "Its trigger points", "not a diagnosis"],
}


@pytest.mark.parametrize("font_dir", FONT_DIRS)
@pytest.mark.parametrize("kind", ["region", "muscle", "condition", "pain"])
def test_each_subject_gives_one_page_with_its_names(atlas, kind, font_dir):
    _needs_fonts(font_dir)
    subject, overlay = _subjects(atlas)[kind]
    pdf = build_handout(atlas, subject, WHEN, font_dir=font_dir)
    assert pdf.startswith(b"%PDF-")
    reader, text = read(pdf)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)  # A4
    for name in EXPECTED[kind]:
        assert name in text, name
    assert "5 March 2025" in text
    assert "not a diagnosis" in text.lower() and "Education, not a diagnosis." in text
    assert "Sources" in text and "A Book About Muscles" in text


def test_the_diagram_draws_the_overlay_from_the_region_geometry(atlas):
    """The handout computes its own overlay: the one the map draws for the subject."""
    subject, overlay = _subjects(atlas)["condition"]
    counts = fills(build_handout(atlas, subject, WHEN, font_dir=None))
    ess, spill = len(overlay.essential_regions), len(overlay.spillover_regions)
    assert ess and spill
    # one filled polygon per region (+1 swatch per zone kind in the legend)
    assert counts[ESSENTIAL] == ess + 1
    assert counts[SPILLOVER] == spill + 1
    assert counts[GREY] == len(atlas.regions) - ess - spill
    # a region view shades no zones
    subject, overlay = _subjects(atlas)["region"]
    counts = fills(build_handout(atlas, subject, WHEN, font_dir=None))
    assert ESSENTIAL not in counts and counts[GREY] == len(atlas.regions)


def test_the_diagram_draws_what_the_map_draws_for_the_subject(atlas, monkeypatch):
    drawn = []
    real = handout.draw_diagram
    monkeypatch.setattr(handout, "draw_diagram", lambda pdf, a, overlay, *rest: drawn.append(overlay) or
                        real(pdf, a, overlay, *rest))
    build_handout(atlas, Subject("muscle", "trap", side="left", from_region="neck-left"), WHEN, font_dir=None)
    assert drawn and set(drawn) == {lookup.muscle_overlay(atlas, "trap", "left", highlight=("neck-left",))}


def test_trigger_points_are_drawn_as_crosses(atlas):
    subject, overlay = _subjects(atlas)["muscle"]
    stream = PdfReader(io.BytesIO(build_handout(atlas, subject, WHEN, font_dir=None)))
    data = stream.pages[0].get_contents().get_data().decode("latin-1")
    # each X (and the legend's one) switches to the cross's 0.4 mm ink line once
    assert data.count(f"{0.4 * 72 / 25.4:.2f} w") == len(overlay.points) + 1


def test_same_input_same_bytes(atlas):
    subject, overlay = _subjects(atlas)["pain"]
    assert build_handout(atlas, subject, WHEN) == build_handout(atlas, subject, WHEN)
    reader = PdfReader(io.BytesIO(build_handout(atlas, subject, WHEN)))
    assert reader.metadata.title == "Where it hurts"


SENTENCE = "the muscle can send a deep ache to the side of the head and behind the eye when you sit for long hours"
WORDS = SENTENCE.split()


def _long(n: int, seed: int = 0) -> str:
    return " ".join(WORDS[(seed + i) % len(WORDS)] for i in range(n)).capitalize() + "."


@pytest.fixture(scope="module")
def longest(make_atlas):
    """Content at the schema's limits: long names and texts, many points, muscles, flags and sources."""
    regions = [f"r{i}" for i in range(24)]
    # every muscle also refers to a finer place of the close-up, so the diagram has its close-ups too
    muscles = {f"m{i}": [(regions[(i + k) % 24], [*regions[: 12], "upper-teeth"], regions[12:]) for k in range(8)]
               for i in range(30)}
    sources = [{"key": f"s{i}", "citation": _long(80, i)[:580] + " Journal; 2020.",
                "doi": f"10.1000/{'a' * 150}{i}"} for i in range(40)]
    long_name = ("Extraordinarily long muscle name with many words " * 3)[:120].strip()
    extra = {
        "m0": {
            "aka": [_long(15, k)[:120] for k in range(20)],
            "description": _long(330)[:2000],
            "mimics": [_long(50, k) for k in range(25)],
            "perpetuating": [_long(50, k) for k in range(25)],
            "self_care": _long(330)[:2000],
            "cautions": [_long(300, k)[:2000] for k in range(12)],
            "sources": [f"s{i}" for i in range(40)],
            "clinical": ("Musculus longissimus extraordinarius " * 5)[:120].strip(),
        },
        "c": {"summary": _long(330)[:2000], "red_flags": [_long(60, k) for k in range(20)],
              "synonyms": [_long(10, k) for k in range(10)], "sources": [f"s{i}" for i in range(40)]},
    }
    session = {"red_flags": [{"id": f"f{i}", "name": _long(12, i)[:120], "text": _long(90, i)} for i in range(15)],
               "disclaimer": _long(330)[:2000]}
    atlas = make_atlas(
        regions=regions,
        midline=["mid"],
        muscles=muscles,
        conditions={"c": {"regions": regions, "primary": list(muscles)[:15], "also": list(muscles)[15:]}},
        names={"m0": long_name, "c": ("Very long condition name " * 6)[:120].strip(),
               **{r: ("Region with a long plain name " * 3)[:100].strip() + f" {r}" for r in regions}},
        extra=extra,
        sources=sources,
        session=session,
        closeup=True,
    )
    return atlas


#: A clinic pack at the schema's limits: an 80-character name, a 160-character contact line.
CLINIC_NAME = "Harbour Street Physiotherapy and Sports Injury Clinic of the Old Town Quarter Co"
CONTACT = ("Call 01632 960 123 or 01632 960 456, Monday to Friday, 8am to 6.30pm; book online at "
           "www.example.org/harbour-street-physiotherapy/book or ask at the front desk.")


@pytest.fixture(scope="module")
def longest_clinic(longest):
    """The longest content with a clinic pack at its limits: long name, contact line, note and area notes."""
    clinic = Clinic(name=CLINIC_NAME, contact=CONTACT, note=_long(100)[:600])
    notes = {r: tuple(ClinicNote(region=r, text=_long(100, k)[:600]) for k in range(3)) for r in
             {rid.removesuffix("-left").removesuffix("-right") for rid in longest.regions if rid.startswith("r")}}
    return dataclasses.replace(longest, clinic=clinic, clinic_notes=notes)


def test_the_clinic_pack_limits_are_the_schemas():
    assert len(CLINIC_NAME) == 80 and len(CONTACT) == 160
    assert Clinic.model_fields["contact"].metadata[0].max_length == 160
    assert Clinic.model_fields["name"].metadata[0].max_length == 80


@pytest.mark.parametrize("font_dir", FONT_DIRS)
@pytest.mark.parametrize("kind", ["region", "muscle", "condition", "pain"])
def test_the_longest_content_with_a_clinic_pack_fits_one_page_with_the_whole_contact_line(
        longest_clinic, kind, font_dir):
    _needs_fonts(font_dir)
    a = longest_clinic
    pain = tuple((r, i % 11) for i, r in enumerate(list(a.regions)[:19]))
    subject = {"region": Subject("region", "r1-left"), "muscle": Subject("muscle", "m0"),
               "condition": Subject("condition", "c"), "pain": Subject("pain", pain=pain)}[kind]
    assert sheet_for(a, subject, "paper").sections[-1].id == "clinic"
    reader, text = read(build_handout(a, subject, WHEN, font_dir=font_dir))
    assert len(reader.pages) == 1
    assert f"{CLINIC_NAME}: {CONTACT}" in text  # never shortened: the contact line has room of its own
    assert "Not a diagnosis" in text and "5 March 2025" in text
    sheet = sheet_for(a, subject, "paper")
    overlay = lookup.muscle_overlay(a, "m0") if kind == "muscle" else subject_overlay(a, subject)
    _, overflow = handout._render(a, sheet, overlay, WHEN, font_dir, slack=0)
    assert overflow <= 0


@pytest.mark.parametrize("font_dir", FONT_DIRS)
@pytest.mark.parametrize("kind", ["region", "muscle", "condition", "pain"])
def test_the_longest_content_still_fits_one_page(longest, kind, font_dir):
    _needs_fonts(font_dir)
    a = longest
    pain = tuple((r, i % 11) for i, r in enumerate(list(a.regions)[:19])) + (("lower-teeth-right", 9),)
    subject = {"region": Subject("region", "r1-left"), "muscle": Subject("muscle", "m0"),
               "condition": Subject("condition", "c"), "pain": Subject("pain", pain=pain)}[kind]
    reader, text = read(build_handout(a, subject, WHEN, font_dir=font_dir))
    assert len(reader.pages) == 1
    title = {"region": a.regions["r1-left"].label, "muscle": a.muscles["m0"].name, "condition": a.conditions["c"].name,
             "pain": "Where it hurts"}[kind]
    assert title[:40] in text
    assert ("Head and neck, right" in text) == (kind != "region")  # the close-up row is drawn too
    assert "more in the app" in text  # lists were shortened, and the reader is told
    assert "5 March 2025" in text and "Not a diagnosis" in text


def test_everything_drawn_stays_on_the_page(longest):
    a = longest
    pdf = build_handout(a, Subject("muscle", "m0"), WHEN, font_dir=None)
    stream = PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data().decode("latin-1")
    ys = [float(m.group(1)) for m in re.finditer(r"BT [\d.]+ (-?[\d.]+) Td", stream)]
    assert ys and min(ys) > 0 and max(ys) < 842  # every line of text starts inside the A4 page (842 pt high)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Fernández-de-las-Peñas", "Fernández-de-las-Peñas"),
        ("“quoted” – dash — and ‘single’…", '"quoted" - dash - and \'single\'...'),
        ("Ω and 手", "? and ?"),
        ("\u0107", "c"),  # ć is not Latin-1: folded to its base letter
    ],
)
def test_latin1_folding(text, folded):
    assert to_latin1(text) == folded
    to_latin1(text).encode("latin-1")


def test_non_latin_text_with_the_core_font(make_atlas):
    atlas = make_atlas(regions=["a"], muscles={"m": [("a", ["a"], [])]},
                       names={"m": "Muscle “Ω” ć"}, extra={"m": {"mimics": ["Pain — like a 手 ache"]}})
    _, text = read(build_handout(atlas, Subject("muscle", "m"), WHEN, font_dir=None))
    assert 'Muscle "?" c' in text and "Pain - like a ? ache" in text


def test_unicode_text_with_dejavu(make_atlas):
    _needs_fonts(handout.FONT_DIR)
    atlas = make_atlas(regions=["a"], muscles={"m": [("a", ["a"], [])]}, names={"m": "Muscle “Ω” ć"})
    _, text = read(build_handout(atlas, Subject("muscle", "m"), WHEN))
    assert "Muscle “Ω” ć" in text


def test_a_missing_font_folder_falls_back_to_the_core_font(atlas, tmp_path):
    subject, overlay = _subjects(atlas)["muscle"]
    reader, text = read(build_handout(atlas, subject, WHEN, font_dir=tmp_path / "nowhere"))
    assert len(reader.pages) == 1 and "Upper trapezius" in text


def test_unknown_subject_ids_are_key_errors(atlas):
    with pytest.raises(KeyError):
        build_handout(atlas, Subject("muscle", "nope"), WHEN)
    with pytest.raises(ValueError):
        build_handout(atlas, Subject("pain", pain=(("nowhere", 3),)), WHEN)


@pytest.mark.parametrize("kind", ["region", "muscle", "condition", "pain"])
def test_real_atlas_handouts(real_atlas, kind):
    a = real_atlas
    cond = next(iter(a.conditions))
    muscle = max(a.muscles, key=lambda m: len(a.muscles[m].model_dump_json()))
    pain = (("elbow-outer-right", 7), ("forearm-back-right", None))
    subject = {"region": Subject("region", "chest-left"), "muscle": Subject("muscle", muscle),
               "condition": Subject("condition", cond), "pain": Subject("pain", pain=pain)}[kind]
    reader, text = read(build_handout(a, subject, WHEN))
    assert len(reader.pages) == 1
    name = {"region": a.regions["chest-left"].label, "muscle": a.muscles[muscle].name,
            "condition": a.conditions[cond].name, "pain": "Where it hurts"}[kind]
    assert name in text


@pytest.mark.parametrize("font_dir", FONT_DIRS)
@pytest.mark.parametrize("kind", ["muscle", "condition"])
def test_measuring_matches_setting(longest, kind, font_dir):
    """The fast measure fits the text on the first try: nothing runs into the footer or off the page."""
    _needs_fonts(font_dir)
    subject = Subject(kind, "m0" if kind == "muscle" else "c")
    overlay = lookup.muscle_overlay(longest, "m0") if kind == "muscle" else lookup.condition_overlay(longest, "c")
    sheet = sheet_for(longest, subject, "paper")
    _, overflow = handout._render(longest, sheet, overlay, WHEN, font_dir, slack=0)
    assert overflow <= 0


# -- close-ups: the diagram adds the close-up that draws the subject's finer places


@pytest.fixture(scope="module")
def closeups(make_atlas):
    """`jaw` drawn in the close-up `head`, tiled by the places upper and lower teeth (tests/synthetic.py)."""
    return make_atlas(
        regions=["neck", "temple", "jaw"], midline=["chin"], closeup=True,
        muscles={"masseter": [("jaw", ["upper-teeth"], ["temple"], [("head", HEAD_SPOTS["upper-teeth"])])],
                 "trap": [("neck", ["temple"], ["jaw"])]},
        names={"masseter": "Masseter", "trap": "Upper trapezius"},
    )


def _crosses(pdf: bytes) -> int:
    data = PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data().decode("latin-1")
    return data.count(f"{0.4 * 72 / 25.4:.2f} w") - 1  # each X switches to its 0.4 mm ink line once; minus the key


def test_a_muscle_referring_to_a_finer_place_gets_its_closeup(closeups):
    pdf = build_handout(closeups, Subject("muscle", "masseter", side="left"), WHEN, font_dir=None)
    reader, text = read(pdf)
    assert len(reader.pages) == 1
    assert "Head and neck, left" in text and "Head and neck, right" not in text
    counts = fills(pdf)
    front, head = closeups.drawn("front"), closeups.drawn("head-left")
    # the teeth are shaded on the jaw in the front view and on the upper teeth in the close-up (+1 legend swatch)
    assert counts[ESSENTIAL] == 2 + 1
    assert counts[SPILLOVER] == 1 + 1  # the temple: in the front view only (the close-up does not draw it)
    assert counts[GREY] == len(front) + len(head) - 3
    assert _crosses(pdf) == 2  # the point in the front view and again at its place in the close-up


def test_a_subject_without_finer_places_gets_no_closeup(closeups):
    pdf = build_handout(closeups, Subject("muscle", "trap", side="left"), WHEN, font_dir=None)
    _, text = read(pdf)
    assert "Head and neck" not in text
    assert sum(fills(pdf).values()) == len(closeups.drawn("front")) + 2  # the front view and two legend swatches


def test_both_sides_get_their_closeups(closeups):
    _, text = read(build_handout(closeups, Subject("muscle", "masseter"), WHEN, font_dir=None))
    assert "Head and neck, left" in text and "Head and neck, right" in text


@pytest.mark.parametrize("subject", [Subject("pain", pain=(("lower-teeth-right", 6),)),
                                     Subject("region", "upper-teeth-right")], ids=["pain", "region"])
def test_pain_or_a_highlight_on_a_finer_place_gets_its_closeup(closeups, subject):
    pdf = build_handout(closeups, subject, WHEN, font_dir=None)
    _, text = read(pdf)
    assert "Head and neck, right" in text and "Head and neck, left" not in text


def test_the_closeup_is_drawn_with_the_maps_rules(closeups):
    overlay = Overlay(layers=lookup.muscle_overlay(closeups, "masseter", "left").layers,
                      highlight=("chin",), pain=(("jaw-left", 4),))
    head = panels.panel(closeups, overlay, "head-left")
    assert head.title == "Head and neck, left"
    assert [r.id for r in head.regions] == list(closeups.drawn("head-left"))
    assert head.essential == {"upper-teeth-left"} and head.spillover == set()
    assert head.pain == (("upper-teeth-left", 4), ("lower-teeth-left", 4))  # a parent spreads over its places
    assert head.outlined == ("chin",) and head.points == ((1, (-20.0, 115.0)),)
    front = panels.panel(closeups, overlay, "front")
    assert front.essential == {"jaw-left"} and front.pain == (("jaw-left", 4),)
    assert front.points == ((1, closeups.placed("masseter", "left")[0].at),)
    assert panels.closeup_views(closeups, overlay) == ("head-left",)


def test_closeup_views_follow_the_overlay_and_keep_a_choices_views_together(real_atlas):
    a = real_atlas
    palm, back = a.drawn("hand-palm-left"), a.drawn("hand-back-left")
    palm_only = next(r for r in palm if r not in a.drawn("front") and r not in back)
    back_only = next(r for r in back if r not in a.drawn("front") and r not in palm)
    overlay = Overlay(pain=((back_only, 2), ("upper-teeth-right", 5), (palm_only, 1)))
    assert panels.closeup_views(a, overlay) == ("hand-palm-left", "hand-back-left", "head-right")
    many = Overlay(highlight=(*a.drawn("foot-sole-right")[-1:], "upper-teeth-left", "upper-teeth-right", palm_only))
    assert len(panels.closeup_views(a, many)) == panels.MAX_CLOSEUPS
    assert panels.closeup_views(a, Overlay(pain=(("cheek-jaw-left", 3),), highlight=("chest-left",))) == ()


def test_real_atlas_handout_with_a_closeup_fits_one_page(real_atlas):
    pain = (("upper-teeth-left", 6), ("jaw-joint-left", None), ("temple-left", 3))
    reader, text = read(build_handout(real_atlas, Subject("pain", pain=pain), WHEN))
    assert len(reader.pages) == 1 and "Head and neck, left" in text
