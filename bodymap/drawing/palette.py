"""Colours and styles of the body map, chosen to work on Streamlit's light and dark themes.

Muscle colours are Okabe-Ito hues (blue, vermillion, reddish purple, bluish green), darkened where
needed so that each has at least 3:1 contrast (WCAG 2.x, non-text) against both theme backgrounds
and against the body's fill. Colour is never the only cue: each muscle also gets its own marker
shape and number, essential zones are solid, spillover zones dotted and highlighted areas hatched.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Streamlit's default page backgrounds (light and dark theme).
LIGHT_BACKGROUND = "#ffffff"
DARK_BACKGROUND = "#0e1117"
BACKGROUNDS = (LIGHT_BACKGROUND, DARK_BACKGROUND)

#: The body: a light warm grey fill, hairline borders between regions, a darker silhouette outline.
BODY_FILL = "#e8e2dc"
REGION_BORDER = "#a89f97"
SILHOUETTE = "#6b6660"

#: Near-black: the marks of trigger points lying in an area.
SELECTED_OUTLINE = "#1b1b1b"

#: The chosen region (plotly's selection) shows this colour through the body: dark teal, >= 3:1 against
#: the body's fill, so it is found by lightness, not hue.
CHOSEN = "#0b5d66"

#: Highlighted regions (a condition's usual places, or places marked as painful): dark red hatch.
HIGHLIGHT = "#cc3344"

#: Places a person marked as painful: a pink-red fill (stronger for a higher level), dashed outline.
PAIN = "#d62f6b"

#: Numbers beside trigger points, in their muscle's colour: bold and this large (WCAG "large text", 3:1;
#: at 13 px they needed 4.5:1, which the muscle colours miss on the dark theme).
MARKER_NUMBER_PX = 19

#: Trigger point markers get a white rim so they stand out on any fill.
MARKER_RIM = "#ffffff"


@dataclass(frozen=True, slots=True)
class MuscleStyle:
    """How one muscle in focus is drawn: its colour and trigger-point marker symbol."""

    color: str
    symbol: str


MUSCLE_COLORS = ("#0072b2", "#c05000", "#aa4499", "#00806a")
#: Every symbol contains an X (the usual trigger-point mark) in a different frame.
MUSCLE_SYMBOLS = ("x", "circle-x", "square-x", "diamond-x", "x-dot")

#: Opacity of the fills laid over the body.
ESSENTIAL_OPACITY = 0.78
SPILLOVER_OPACITY = 0.22


def muscle_style(index: int) -> MuscleStyle:
    """Style of the index-th muscle in focus (0-based). Colours and symbols cycle independently,
    so the first 20 muscles all differ in at least one of the two."""
    return MuscleStyle(MUSCLE_COLORS[index % len(MUSCLE_COLORS)], MUSCLE_SYMBOLS[index % len(MUSCLE_SYMBOLS)])


def rgba(hex_color: str, alpha: float) -> str:
    """`#rrggbb` and an alpha as a CSS rgba() string."""
    r, g, b = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha:g})"


def relative_luminance(hex_color: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour `#rrggbb`."""
    channels = [int(hex_color[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2.x contrast ratio between two colours (1 to 21)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def blend(top: str, alpha: float, bottom: str) -> str:
    """The colour seen when `top` at opacity `alpha` lies over `bottom`."""
    mix = [
        round(alpha * int(top[i:i + 2], 16) + (1 - alpha) * int(bottom[i:i + 2], 16))
        for i in (1, 3, 5)
    ]
    return "#" + "".join(f"{c:02x}" for c in mix)
