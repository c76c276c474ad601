"""The views: drawings of the body (front, back) and its close-ups (head, hands, feet), one frame each.

A close-up is written in the content for the person's LEFT side (`head`, `hand-palm`, ...) and drawn
for both sides by code: `head-left` as written, `head-right` mirrored (x -> -x). Every view uses the
same frame (x -60..60, y 0..200). A *view choice* is what a person picks (and a link names): one
view, or two shown side by side (the body's front and back, a hand's palm and back).
"""

from __future__ import annotations

from typing import Literal

BODY_VIEWS = ("front", "back")
CLOSEUP_BASES = ("head", "hand-palm", "hand-back", "foot-top", "foot-sole")
BaseView = Literal["front", "back", "head", "hand-palm", "hand-back", "foot-top", "foot-sole"]
SIDE_WORDS = {"left": "Left", "right": "Right"}
_BASE_TITLES = {"front": "Front", "back": "Back", "head": "Head and neck", "hand-palm": "Palm",
                "hand-back": "Back of the hand", "foot-top": "Top of the foot", "foot-sole": "Sole"}
#: Close-up choices by part: the base views each shows (side by side).
_PARTS = {"head": ("head",), "hand": ("hand-palm", "hand-back"), "foot": ("foot-top", "foot-sole")}
_PART_WORDS = {"head": "Head and neck", "hand": "Hand", "foot": "Foot"}


def concrete(base: str, side: str | None) -> str:
    """The drawn view of a base view on one side: `head` + `left` -> `head-left`; body views stay as they are."""
    return base if base in BODY_VIEWS else f"{base}-{side}"


def base_of(view: str) -> str:
    """The base view of a drawn view: `hand-palm-right` -> `hand-palm`."""
    return view if view in BODY_VIEWS else view.rsplit("-", 1)[0]


def side_of(view: str) -> str | None:
    """The side a close-up shows (`left` / `right`); None for the body views."""
    return None if view in BODY_VIEWS else view.rsplit("-", 1)[1]


def is_closeup(view: str) -> bool:
    return view not in BODY_VIEWS


ALL_VIEWS: tuple[str, ...] = (*BODY_VIEWS, *(concrete(b, s) for b in CLOSEUP_BASES for s in SIDE_WORDS))


def title(view: str) -> str:
    """A view's heading on the map: "Front", "Palm", ..."""
    return _BASE_TITLES[base_of(view)]


def choices() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Every view choice by id: (label, views shown). `both`, `front`, `back`, then each close-up by side."""
    out: dict[str, tuple[str, tuple[str, ...]]] = {
        "both": ("Front and back", BODY_VIEWS), "front": ("Front", ("front",)), "back": ("Back", ("back",)),
    }
    for part, bases in _PARTS.items():
        for side, word in SIDE_WORDS.items():
            out[f"{part}-{side}"] = (f"{_PART_WORDS[part]}, {word.lower()}", tuple(concrete(b, side) for b in bases))
    return out


CHOICES = choices()


def choice_for(views: tuple[str, ...]) -> str | None:
    """The choice id that shows exactly these views (None when no choice does)."""
    return next((cid for cid, (_, shown) in CHOICES.items() if shown == tuple(views)), None)


def closeup_choice(view: str) -> str | None:
    """The close-up choice that shows a close-up view: `hand-back-left` -> `hand-left`."""
    return next((cid for cid, (_, shown) in CHOICES.items() if view in shown and is_closeup(view)), None)
