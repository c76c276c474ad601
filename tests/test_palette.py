"""Map colours: WCAG 3:1 non-text contrast on Streamlit's light and dark backgrounds, distinct muscle styles."""

from __future__ import annotations

import pytest

from bodymap.drawing import palette
from bodymap.drawing.palette import BACKGROUNDS, BODY_FILL, blend, contrast_ratio, muscle_style


def test_contrast_ratio_matches_the_wcag_formula():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the classic AA grey
    assert contrast_ratio("#ffffff", "#0e1117") == contrast_ratio("#0e1117", "#ffffff")


@pytest.mark.parametrize("color", [*palette.MUSCLE_COLORS, palette.SILHOUETTE, palette.HIGHLIGHT])
@pytest.mark.parametrize("background", BACKGROUNDS)
def test_shapes_meet_3_to_1_on_light_and_dark_backgrounds(color, background):
    assert contrast_ratio(color, background) >= 3.0, (color, background)


@pytest.mark.parametrize("color", [*palette.MUSCLE_COLORS, palette.HIGHLIGHT, palette.SELECTED_OUTLINE])
def test_overlay_outlines_stand_out_on_the_body(color):
    assert contrast_ratio(color, BODY_FILL) >= 3.0, color


def test_the_body_stands_out_on_the_dark_theme_and_its_outline_on_the_light_one():
    assert contrast_ratio(BODY_FILL, palette.DARK_BACKGROUND) >= 3.0
    assert contrast_ratio(palette.SILHOUETTE, palette.LIGHT_BACKGROUND) >= 3.0


def test_essential_fill_is_clearly_darker_than_spillover_fill():
    for color in palette.MUSCLE_COLORS:
        solid = blend(color, palette.ESSENTIAL_OPACITY, BODY_FILL)
        light = blend(color, palette.SPILLOVER_OPACITY, BODY_FILL)
        assert contrast_ratio(solid, BODY_FILL) >= 2.5
        assert contrast_ratio(solid, light) >= 2.0


def test_muscle_styles_differ_and_always_mark_with_an_x():
    styles = [muscle_style(i) for i in range(len(palette.MUSCLE_COLORS) * len(palette.MUSCLE_SYMBOLS))]
    assert len(set(styles)) == len(styles)
    first = styles[: len(palette.MUSCLE_COLORS)]
    assert len({s.color for s in first}) == len(first) and len({s.symbol for s in first}) == len(first)
    assert all("x" in s.symbol for s in styles)


def test_rgba_and_blend():
    assert palette.rgba("#0072b2", 0.5) == "rgba(0,114,178,0.5)"
    assert blend("#000000", 0.5, "#ffffff") == "#808080"
    assert blend("#123456", 1.0, "#ffffff") == "#123456"


@pytest.mark.parametrize("color", palette.MUSCLE_COLORS)
def test_trigger_point_numbers_are_large_text_in_a_colour_that_reads(color):
    """Bold numbers of at least 18.66 px count as large text (3:1), on both backgrounds and on the body."""
    assert palette.MARKER_NUMBER_PX >= 18.66
    for ground in (*palette.BACKGROUNDS, palette.BODY_FILL):
        assert palette.contrast_ratio(color, ground) >= 3.0
