"""The views: drawings of the body (front, back) and its close-ups (head, hands, feet), one frame each.

A body view can be framed closer (`front-upper`, `front-lower`, ...: a *crop*, the same outlines).
A close-up is written in the content for the person's LEFT side (`head`, `hand-palm`, ...) and drawn
for both sides by code: `head-left` as written, `head-right` mirrored (x -> -x). Every view uses the
same frame (x -60..60, y 0..200). A *view choice* is what a person picks (and a link names): one
view, or two shown side by side (the body's front and back, a hand's palm and back).
"""

from __future__ import annotations

from typing import Literal

BODY_VIEWS = ("front", "back")
#: Closer views of the body views: the same outlines, framed tighter (x0, x1, y0, y1), so that on a
#: phone every place of the body is large enough to tap.
CROPS = {
    "front-upper": ("front", (-40.0, 40.0, 96.0, 200.0)), "front-lower": ("front", (-28.0, 28.0, 0.0, 100.0)),
    "back-upper": ("back", (-40.0, 40.0, 96.0, 200.0)), "back-lower": ("back", (-28.0, 28.0, 0.0, 100.0)),
}
_CROP_WORDS = {"upper": "Upper body", "lower": "Legs"}
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


def is_crop(view: str) -> bool:
    return view in CROPS


def body_view(view: str) -> str | None:
    """The body view a view frames (`front-upper` -> `front`), or None for a close-up."""
    return view if view in BODY_VIEWS else CROPS[view][0] if view in CROPS else None


def base_of(view: str) -> str:
    """The base view of a drawn view: `hand-palm-right` -> `hand-palm`, `front-upper` -> `front`."""
    return body_view(view) or view.rsplit("-", 1)[0]


def side_of(view: str) -> str | None:
    """The side a close-up shows (`left` / `right`); None for the body views and their crops."""
    return None if body_view(view) else view.rsplit("-", 1)[1]


def is_closeup(view: str) -> bool:
    return body_view(view) is None


def crops_of(view: str) -> tuple[str, ...]:
    """The closer views of a body view."""
    return tuple(crop for crop, (base, _) in CROPS.items() if base == view)


def crop_box(view: str) -> tuple[float, float, float, float] | None:
    """(x0, x1, y0, y1) of a crop, None for a whole view."""
    return CROPS[view][1] if view in CROPS else None


ALL_VIEWS: tuple[str, ...] = (*BODY_VIEWS, *CROPS, *(concrete(b, s) for b in CLOSEUP_BASES for s in SIDE_WORDS))


def title(view: str) -> str:
    """A view's heading on the map: "Front", "Upper body, front", "Palm", ..."""
    if view in CROPS:
        return f"{_CROP_WORDS[view.rsplit('-', 1)[1]]}, {CROPS[view][0]}"
    return _BASE_TITLES[base_of(view)]


def choices() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Every view choice by id: (label, views shown). `both`, `front`, `back`, then each close-up by side."""
    out: dict[str, tuple[str, tuple[str, ...]]] = {
        "both": ("Front and back", BODY_VIEWS), "front": ("Front", ("front",)), "back": ("Back", ("back",)),
    }
    out.update({crop: (title(crop), (crop,)) for crop in CROPS})
    for part, bases in _PARTS.items():
        for side, word in SIDE_WORDS.items():
            views = tuple(concrete(b, side) for b in bases)
            out[f"{part}-{side}"] = (f"{_PART_WORDS[part]}, {word.lower()}", views)
            if len(views) > 1:  # each of two views on its own too (one view at a time on a phone)
                out.update({v: (f"{title(v)}, {word.lower()}", (v,)) for v in views})
    return out


CHOICES = choices()


def choice_for(views: tuple[str, ...]) -> str | None:
    """The choice id that shows exactly these views (None when no choice does)."""
    return next((cid for cid, (_, shown) in CHOICES.items() if shown == tuple(views)), None)


def closeup_choice(view: str, single: bool = False) -> str | None:
    """The close-up choice that shows a close-up view: `hand-back-left` -> `hand-left` (with its palm), or
    `hand-back-left` alone when `single` (one view at a time, on a phone)."""
    if not is_closeup(view):
        return None
    return next((cid for cid, (_, shown) in CHOICES.items() if view in shown and (not single or len(shown) == 1)))
