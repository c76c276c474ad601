"""What a `Screen` shows: the overlay the map draws, the views, the selection and the presentation steps."""

from __future__ import annotations

from dataclasses import dataclass, replace

from bodymap.content.atlas import Atlas
from bodymap.content.schema import Lesson, LessonStep
from bodymap.content.views import CHOICES, closeup_choice, is_closeup
from bodymap.reference.lookup import condition_muscles, condition_overlay, layer, referring_muscles
from bodymap.reference.overlay import Overlay
from bodymap.reference.ranking import pain_overlay, rank_candidates
from bodymap.reference.screen import Screen, Subject, subject_overlay, valid_subject
from bodymap.reference.wording import how_often, role_words

AREA_CHOSEN = "Area chosen"
USUALLY_FELT = "Where it is usually felt"


def selected_region(screen: Screen) -> str | None:
    """The region drawn as chosen (a region's panel is open; not while presenting, where steps highlight it)."""
    s = screen.shown
    return s.id if s is not None and s.kind == "region" and not screen.presenting else None


def highlight_label(screen: Screen) -> str:
    """What the hatched highlight means in the map's legend."""
    s = screen.shown
    return USUALLY_FELT if s is not None and s.kind == "condition" else AREA_CHOSEN


def focus_region(screen: Screen) -> str | None:
    """The area the screen is about: the chosen region, or the place marked last."""
    s = screen.shown
    if s is not None and s.kind == "region":
        return s.id
    if s is not None and s.kind == "pain" and s.pain:
        return s.pain[-1][0]
    return None


def views_for(atlas: Atlas, screen: Screen) -> tuple[str, ...]:
    """The views to draw (the screen's own: `reveal` keeps them showing the area the screen is about)."""
    return screen.views


def reveal(atlas: Atlas, screen: Screen) -> Screen:
    """The screen with views that show the area it is about: when they cannot (a region chosen from a list
    lies on the other view, or only in a close-up), that area's own view, so the chosen place is on the map."""
    views = screen.views
    region = focus_region(screen)
    if region not in atlas.regions or any(atlas.shown_in(region, v) for v in views):
        return screen
    home = atlas.regions[region].view
    choice = closeup_choice(home, single=len(views) == 1)
    return replace(screen, views=CHOICES[choice][1] if choice else (home,))


def closeup_for(atlas: Atlas, region_id: str, single: bool = False) -> str | None:
    """The close-up choice that draws a region or its finer places (`cheek-jaw-left` -> `head-left`), if any."""
    if region_id not in atlas.regions:
        return None
    for rid in (region_id, *atlas.descendants(region_id)):
        for view in atlas.regions[rid].views:
            if is_closeup(view):
                return closeup_choice(view, single)
    return None


def overlay_for(atlas: Atlas, screen: Screen) -> Overlay:
    """What the map draws for a screen over the body: the subject's overlay, or the presentation step's.

    A chosen region draws nothing over the body: the map shows it as chosen (`selected_region`, plotly's own
    selection), so choosing another region on the map leaves the figure as it is. The panel names the trigger
    points lying there, and draws them once one is chosen; the handout, which cannot show a selection, draws
    them with the region hatched."""
    if screen.presenting:
        _, steps = steps_for(atlas, screen)
        return steps[min(screen.step, len(steps)) - 1].overlay if steps else Overlay()
    subject = valid_subject(atlas, screen.shown)
    if subject is not None and subject.kind == "region":
        # its trigger points only once one of them is chosen in the panel (drawn larger)
        return replace(subject_overlay(atlas, subject), highlight=()) if screen.focus_point else Overlay()
    return subject_overlay(atlas, subject)


# Presentation ------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Step:
    """One presentation step: the muscle it is about (if one), a short step label and the overlay drawn.

    A lesson's step also has its own `title`, the presenter's `notes`, its `subject` and the `views` it
    shows (None: the screen's views)."""

    muscle: str | None
    label: str
    overlay: Overlay
    title: str = ""
    notes: tuple[str, ...] = ()
    subject: Subject | None = None
    views: tuple[str, ...] | None = None


def lesson_subject(atlas: Atlas, step: LessonStep) -> Subject:
    """The subject a lesson step shows, resolved on its side (a region or a marked place: left when none)."""
    side = step.side
    if step.region:
        return Subject("region", atlas.resolve(step.region, side or "left"))
    if step.muscle:
        return Subject("muscle", step.muscle, side=side)
    if step.condition:
        return Subject("condition", step.condition, side=side)
    return Subject("pain", pain=tuple((atlas.resolve(r, side or "left"), None) for r in step.pain))


def _lesson_steps(atlas: Atlas, lesson: Lesson) -> tuple[Step, ...]:
    out = []
    for i, step in enumerate(lesson.steps, start=1):
        subject = lesson_subject(atlas, step)
        views = CHOICES[step.view][1] if step.view else None
        muscle = subject.id if subject.kind == "muscle" else None
        out.append(Step(muscle, f"Step {i} of {len(lesson.steps)}", subject_overlay(atlas, subject), step.title,
                        step.notes, subject, views))
    return tuple(out)


def steps_for(atlas: Atlas, screen: Screen) -> tuple[str, tuple[Step, ...]]:
    """The title and steps of a presentation of what is on screen (no steps when there is nothing to show)."""
    if screen.lesson in atlas.lessons:
        lesson = atlas.lessons[screen.lesson]
        return lesson.title, _lesson_steps(atlas, lesson)
    subject = valid_subject(atlas, screen.shown)
    if subject is None:
        return "", ()
    if subject.kind == "pain":
        return "Where it hurts", _pain_steps(atlas, subject)
    if subject.kind == "condition":
        roles = condition_muscles(atlas, subject.id)
        return atlas.conditions[subject.id].name, tuple(
            Step(m, f"{i} of {len(roles)} · {role_words(role)}",
                 condition_overlay(atlas, subject.id, subject.side, only=m))
            for i, (m, role) in enumerate(roles, start=1))
    if subject.kind == "muscle":
        return atlas.muscles[subject.id].name, (Step(subject.id, "Muscle", subject_overlay(atlas, subject)),)
    return f"Pain felt at {atlas.regions[subject.id].label}", _region_steps(atlas, subject.id)


def _pain_steps(atlas: Atlas, subject: Subject) -> tuple[Step, ...]:
    pain = dict(subject.pain)
    candidates = rank_candidates(atlas, pain)
    full = pain_overlay(atlas, pain, candidates)
    return tuple(Step(lay.muscle, f"Candidate {lay.number} of {len(candidates)}",
                      Overlay(layers=(lay,), pain=full.pain)) for lay in full.layers)


def _region_steps(atlas: Atlas, region: str) -> tuple[Step, ...]:
    refs = referring_muscles(atlas, region)
    out = []
    for i, r in enumerate(refs, start=1):
        lay = layer(atlas, r.muscle, "refers", i, r.sides[0] if len(r.sides) == 1 else None)
        out.append(Step(r.muscle, f"{i} of {len(refs)} · sends pain here {how_often(r.strength)}",
                        Overlay(layers=(lay,), highlight=(region,))))
    return tuple(out)
