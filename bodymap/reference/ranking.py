""""Where does it hurt?": rank muscles by how well their referral zones explain the marked pain.

Scoring rule (also in docs/ranking.md). The person marks regions, each with an intensity 0-10 or
none. For each muscle, on each side:

1. Each marked region the muscle's referral reaches scores `weight x intensity factor`, where the
   weight is 1.0 when the region is in an essential zone of one of its trigger points and 0.4 when
   it is only in a spillover zone, and the intensity factor is `0.5 + intensity / 20` (0 -> 0.5,
   10 -> 1.0; a region marked without an intensity counts as 5 -> 0.75). The scores add up, so a
   muscle explaining several marked regions ranks higher.
2. Sides: a marked region on the right is reached only by the right-side muscle, on the left only
   by the left-side muscle; a midline region by either. A muscle is one candidate, with the sides
   that explain the marked pain (both sides when only midline regions are reached).
3. Penalty: `0.2 x outside`, where `outside` is the share of the muscle's referral zone (on the
   sides used, essential regions counted 1.0 and spillover 0.4) lying outside the marked regions.
   A muscle that refers everywhere thus loses up to 0.2 against one whose zone matches the pain;
   the penalty never exceeds the smallest possible hit (0.4 x 0.5), so a muscle reaching a marked
   region never scores below zero.
4. Grain: a finer place of a close-up and the body region it belongs to count as the same place
   (pain marked on the jaw is reached by a zone on the teeth, and the other way round).
5. Only muscles reaching at least one marked region are candidates. Ties (scores equal to 6
   decimals) break on more essential hits, then more hits, then name, then id.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bodymap.content.atlas import SIDES, Atlas, BodySide
from bodymap.reference.lookup import layer, muscle_referral
from bodymap.reference.overlay import Overlay
from bodymap.reference.wording import join_names

ESSENTIAL_WEIGHT = 1.0
SPILLOVER_WEIGHT = 0.4
OUTSIDE_PENALTY = 0.2
DEFAULT_INTENSITY = 5
DEFAULT_TOP = 5

Pain = Mapping[str, "int | None"]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A muscle that may explain the marked pain, with its score and a one-line explanation.

    `essential_hits` / `spillover_hits` are the marked regions it reaches (in the order marked);
    `outside` is the weighted share of its referral zone outside the marked regions (0-1).
    """

    muscle: str
    name: str
    sides: tuple[BodySide, ...]
    score: float
    essential_hits: tuple[str, ...]
    spillover_hits: tuple[str, ...]
    outside: float
    explanation: str

    @property
    def hits(self) -> tuple[str, ...]:
        return self.essential_hits + self.spillover_hits


def intensity_factor(intensity: int | None) -> float:
    """0.5 + intensity / 20; no intensity counts as 5."""
    return 0.5 + (DEFAULT_INTENSITY if intensity is None else intensity) / 20


def check_pain(atlas: Atlas, pain: Pain) -> None:
    """Raise ValueError unless every key is a region id and every intensity is None or an int 0-10."""
    for region_id, intensity in pain.items():
        if region_id not in atlas.regions:
            raise ValueError(f"unknown region {region_id!r}")
        if intensity is not None and (
            isinstance(intensity, bool) or not isinstance(intensity, int) or not 0 <= intensity <= 10
        ):
            raise ValueError(f"intensity of {region_id!r} must be a whole number 0-10 or None, not {intensity!r}")


def _zone(atlas: Atlas, muscle_id: str, side: BodySide) -> dict[str, float]:
    ref = muscle_referral(atlas, muscle_id, side)
    return {**{r: SPILLOVER_WEIGHT for r in ref.spillover}, **{r: ESSENTIAL_WEIGHT for r in ref.essential}}


def _score_muscle(atlas: Atlas, muscle_id: str, pain: Pain) -> Candidate | None:
    zones = {side: _zone(atlas, muscle_id, side) for side in SIDES}
    essential, spillover, used = [], [], []
    total = 0.0
    for region_id, intensity in pain.items():
        region = atlas.regions[region_id]
        sides = SIDES if region.side == "midline" else (region.side,)
        family = atlas.family(region_id)
        weight = max((zones[s].get(r, 0.0) for s in sides for r in family), default=0.0)
        if weight == 0.0:
            continue
        total += weight * intensity_factor(intensity)
        (essential if weight == ESSENTIAL_WEIGHT else spillover).append(region_id)
        if region.side != "midline" and region.side not in used:
            used.append(region.side)
    if not essential and not spillover:
        return None
    counted = [s for s in SIDES if s in used] or [SIDES[0]]  # midline only: one side's zone (they mirror)
    zone: dict[str, float] = {}
    for s in counted:
        for r, w in zones[s].items():
            zone[r] = max(zone.get(r, 0.0), w)
    marked = {r for region_id in pain for r in atlas.family(region_id)}
    outside = sum(w for r, w in zone.items() if r not in marked) / sum(zone.values())
    score = round(total - OUTSIDE_PENALTY * outside, 6)
    muscle = atlas.muscles[muscle_id]
    sides = tuple(s for s in SIDES if s in used) or SIDES
    explanation = explain(atlas, tuple(essential), tuple(spillover), len(pain))
    return Candidate(muscle_id, muscle.name, sides, score, tuple(essential), tuple(spillover), outside, explanation)


def rank_candidates(atlas: Atlas, pain: Pain, top: int | None = DEFAULT_TOP) -> tuple[Candidate, ...]:
    """Muscles ranked by how well their referral zones explain the marked pain (see the module doc).

    `pain` maps region ids to an intensity 0-10 or None; `top` limits the result (None: all).
    Raises ValueError for unknown regions or bad intensities.
    """
    check_pain(atlas, pain)
    if top is not None and top < 0:
        raise ValueError("top must be zero or more")
    found = [c for m in atlas.muscles if (c := _score_muscle(atlas, m, pain)) is not None]
    found.sort(key=lambda c: (-c.score, -len(c.essential_hits), -len(c.hits), c.name.casefold(), c.muscle))
    return tuple(found if top is None else found[:top])


def _places(k: int, n: int) -> str:
    if n == 1:
        return "the place you marked"
    if k == n:
        return "both places you marked" if n == 2 else f"all {n} places you marked"
    return f"{k} of the {n} places you marked"


def _names(atlas: Atlas, region_ids: tuple[str, ...]) -> str:
    return join_names(atlas.regions[r].label for r in region_ids)


def explain(atlas: Atlas, essential: tuple[str, ...], spillover: tuple[str, ...], marked: int) -> str:
    """One plain line: which of the marked places the muscle's trigger points often or sometimes reach."""
    hits = len(essential) + len(spillover)
    if essential and spillover:
        return (f"Its trigger points can send pain to {_places(hits, marked)}: often to {_names(atlas, essential)}, "
                f"sometimes to {_names(atlas, spillover)}.")
    how, regions = ("often", essential) if essential else ("sometimes", spillover)
    return f"Its trigger points {how} send pain to {_places(hits, marked)}: {_names(atlas, regions)}."


def pain_overlay(atlas: Atlas, pain: Pain, candidates: tuple[Candidate, ...]) -> Overlay:
    """The marked regions with the candidates' zones drawn over them (numbered in rank order)."""
    layers = tuple(
        layer(atlas, c.muscle, "candidate", i, c.sides[0] if len(c.sides) == 1 else None)
        for i, c in enumerate(candidates, start=1)
    )
    marked = tuple((r, pain[r]) for r in pain)
    return Overlay(layers=layers, highlight=tuple(r for r, _ in marked), pain=marked)
