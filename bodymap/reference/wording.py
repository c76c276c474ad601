"""Small wording rules shared by the panel, the presentation and the handout (one place to change them)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from bodymap.content.atlas import Atlas, BodySide

HOW_OFTEN = {"essential": "often", "spillover": "sometimes"}
ROLE_WORDS = {"primary": "main", "also": "also common"}


def how_often(strength: Literal["essential", "spillover"]) -> str:
    """Travell & Simons' essential / spillover zone in plain words: "often" / "sometimes"."""
    return HOW_OFTEN[strength]


def role_words(role: Literal["primary", "also"]) -> str:
    """A condition muscle's role in plain words: "main" / "also common"."""
    return ROLE_WORDS[role]


def join_names(names: Iterable[str]) -> str:
    """"a", "a and b", "a, b and c" ("" for none)."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def region_names(atlas: Atlas, ids: Iterable[str], side: BodySide | None) -> list[str]:
    """Plain names of regions, each once; with both sides shown (side None), one name per left/right pair."""
    out: dict[str, None] = {}
    for rid in ids:
        r = atlas.regions[rid]
        out[r.name if side is None or r.side == "midline" else r.label] = None
    return list(out)


def level_text(level: int | None) -> str:
    """A pain level as shown: "7/10", or "no level" when none was given."""
    return "no level" if level is None else f"{level}/10"
