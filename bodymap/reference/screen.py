"""What is on screen: one immutable `Screen`, pure transitions, and what it draws and presents.

Words, each with one meaning across the code:
- **page**: one of the app's three pages (`explore`, `pain` = "Where does it hurt?", `guide`);
- **view**: a drawing of the body (`front`, `back`); `Screen.views` are the views on screen;
- **presenting** (the link's `mode=present`): the large step-by-step screen for educators;
- **focus point**: the one trigger point (muscle id, point id) drawn larger on the map;
- **subject**: what a panel, a presentation and a handout are about (a region, muscle, condition or
  marked pain).

The UI keeps one `Screen` in its session state (`bodymap.ui.state`); the deep link parses to it and
prints from it (`bodymap.reference.deeplink`); what it draws and presents is in
`bodymap.reference.showing`; the handout draws `subject_overlay` of its subject, as the map does.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from bodymap.content.atlas import Atlas, BodySide
from bodymap.content.views import BODY_VIEWS, CHOICES
from bodymap.reference.lookup import condition_overlay, muscle_overlay, region_overlay
from bodymap.reference.overlay import Overlay
from bodymap.reference.ranking import pain_overlay, rank_candidates

Page = Literal["explore", "pain", "guide"]
PAGES: tuple[Page, ...] = ("explore", "pain", "guide")
SubjectKind = Literal["region", "muscle", "condition", "pain"]
MAX_PAIN = 20

Pain = tuple[tuple[str, "int | None"], ...]


@dataclass(frozen=True, slots=True)
class Subject:
    """What a panel, a presentation or a handout is about.

    `id` names a region, muscle or condition; `pain` holds the marked places (region, level 0-10 or
    None) of a "where does it hurt?" subject; `side` None means both sides; `from_region` is the
    region a muscle was opened from (kept highlighted, and the panel offers a way back to it).
    """

    kind: SubjectKind
    id: str = ""
    pain: Pain = ()
    side: BodySide | None = None
    from_region: str | None = None


@dataclass(frozen=True, slots=True)
class Screen:
    """Everything that decides what is shown. Change it only through the transitions below."""

    page: Page = "explore"
    subject: Subject | None = None
    pain: Pain = ()
    side: BodySide | None = None
    presenting: bool = False
    step: int = 1
    views: tuple[str, ...] = BODY_VIEWS
    focus_point: tuple[str, str] | None = None
    lesson: str | None = None
    notes_shown: bool = False

    @property
    def shown(self) -> Subject | None:
        """The subject of the page on screen (marked pain on the pain page), with the screen's side.

        The guide page shows none, unless presenting (which presents the explore subject).
        """
        if self.page == "pain":
            return Subject("pain", pain=self.pain) if self.pain else None
        if self.page == "guide" and not self.presenting or self.subject is None:
            return None
        side = self.side if self.subject.kind in ("muscle", "condition") else None
        return replace(self.subject, side=side)


# Transitions: Screen -> Screen ------------------------------------------------------------------------


def open_region(screen: Screen, region: str) -> Screen:
    """Show a region's panel (leaving presentation steps at the start, and any lesson)."""
    return replace(screen, page="explore", subject=Subject("region", region), focus_point=None, step=1, lesson=None)


def open_muscle(screen: Screen, muscle: str, from_region: str | None = None) -> Screen:
    """Show a muscle's panel; `from_region` is the region it was opened from."""
    return replace(screen, page="explore", subject=Subject("muscle", muscle, from_region=from_region),
                   focus_point=None, step=1, lesson=None)


def open_condition(screen: Screen, condition: str) -> Screen:
    """Show a condition's panel."""
    return replace(screen, page="explore", subject=Subject("condition", condition), focus_point=None, step=1,
                   lesson=None)


def open_lesson(screen: Screen, lesson: str) -> Screen:
    """Present a lesson from its first step."""
    return replace(screen, lesson=lesson, presenting=True, step=1, focus_point=None)


def toggle_notes(screen: Screen) -> Screen:
    """Show or hide the presenter's notes (the audience screen stays clean by default)."""
    return replace(screen, notes_shown=not screen.notes_shown)


def tap_region(screen: Screen, region: str) -> Screen:
    """A tap on the map: on the pain page it marks or unmarks the place, elsewhere it opens the region."""
    return toggle_pain(screen, region) if screen.page == "pain" else open_region(screen, region)


def untap(screen: Screen) -> Screen:
    """A tap that unselects the chosen region on the map (plotly unselects on a second tap): on the explore
    page the region's panel closes, so the panel always says what the map shows."""
    s = screen.subject
    if screen.page == "explore" and not screen.presenting and s is not None and s.kind == "region":
        return replace(screen, subject=None, focus_point=None, step=1)
    return screen


def toggle_pain(screen: Screen, region: str) -> Screen:
    """Mark a place as painful, or unmark it when it is already marked (at most MAX_PAIN places)."""
    pain = dict(screen.pain)
    if region in pain:
        del pain[region]
    elif len(pain) < MAX_PAIN:
        pain[region] = None
    return replace(screen, pain=tuple(pain.items()), step=1)


def mark_pain(screen: Screen, regions: tuple[str, ...] | list[str]) -> Screen:
    """Mark exactly these places (in this order), keeping the levels of places already marked."""
    old = dict(screen.pain)
    chosen = list(dict.fromkeys(regions))[:MAX_PAIN]
    return replace(screen, pain=tuple((r, old.get(r)) for r in chosen), step=1)


def set_level(screen: Screen, region: str, level: int | None) -> Screen:
    """Set a marked place's level (0-10, or None); unmarked places are left alone."""
    if region not in dict(screen.pain):
        return screen
    if level is not None and not 0 <= level <= 10:
        raise ValueError(f"pain level must be 0-10, got {level}")
    return replace(screen, pain=tuple((r, level if r == region else v) for r, v in screen.pain))


def clear_pain(screen: Screen) -> Screen:
    """Remove every mark."""
    return replace(screen, pain=(), step=1)


def set_page(screen: Screen, page: Page) -> Screen:
    """Go to another page (presentation steps start again)."""
    if page not in PAGES:
        raise ValueError(f"unknown page {page!r}")
    return replace(screen, page=page, step=1)


def set_side(screen: Screen, side: BodySide | None) -> Screen:
    """Show one side (left or right) or both (None)."""
    if side not in (None, "left", "right"):
        raise ValueError(f"side must be left, right or None, got {side!r}")
    return replace(screen, side=side)


def set_views(screen: Screen, views: tuple[str, ...]) -> Screen:
    """Show these views: one of the view choices (the body's front and back, a crop, a close-up, ...)."""
    views = tuple(views)
    if views not in {shown for _, shown in CHOICES.values()}:
        raise ValueError(f"views must be those of a view choice, got {views!r}")
    return replace(screen, views=views)


def focus_on(screen: Screen, point: tuple[str, str] | None) -> Screen:
    """Draw one trigger point (muscle id, point id) larger, or none."""
    return replace(screen, focus_point=point)


def start_presenting(screen: Screen) -> Screen:
    """Present what is on screen, from the first step."""
    return replace(screen, presenting=True, step=1)


def stop_presenting(screen: Screen) -> Screen:
    """Back to the normal page, on the same subject (a lesson ends)."""
    return replace(screen, presenting=False, step=1, lesson=None)


def go_to_step(screen: Screen, step: int, count: int) -> Screen:
    """Show step `step` of `count` (clamped to 1..count)."""
    return replace(screen, step=min(max(1, step), max(count, 1)))


def next_step(screen: Screen, count: int) -> Screen:
    return go_to_step(screen, screen.step + 1, count)


def previous_step(screen: Screen, count: int) -> Screen:
    return go_to_step(screen, screen.step - 1, count)


# What the screen draws -----------------------------------------------------------------------------------


def subject_overlay(atlas: Atlas, subject: Subject | None) -> Overlay:
    """The overlay a subject draws on the map, and so on its handout's diagram."""
    if subject is None:
        return Overlay()
    if subject.kind == "region":
        return region_overlay(atlas, subject.id)
    if subject.kind == "muscle":
        ctx = (subject.from_region,) if subject.from_region in atlas.regions else ()
        return muscle_overlay(atlas, subject.id, subject.side, highlight=ctx)
    if subject.kind == "condition":
        return condition_overlay(atlas, subject.id, subject.side)
    pain = dict(subject.pain)
    return pain_overlay(atlas, pain, rank_candidates(atlas, pain))


def valid_subject(atlas: Atlas, subject: Subject | None) -> Subject | None:
    """The subject when everything it names is in the atlas, else None (content may have changed)."""
    if subject is None:
        return None
    tables = {"region": atlas.regions, "muscle": atlas.muscles, "condition": atlas.conditions}
    if subject.kind == "pain":
        pain = tuple((r, v) for r, v in subject.pain if r in atlas.regions)
        return replace(subject, pain=pain) if pain else None
    return subject if subject.id in tables[subject.kind] else None
