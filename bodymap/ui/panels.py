"""The panel beside the map: a subject's sheet (`bodymap.reference.text`) on screen, all text escaped.

The words come from the sheet, shared with the handout; the panel adds only what is interactive:
lines that open a subject become buttons, and a few controls (side, trigger points, presenting).
"""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from bodymap.content.atlas import Atlas, BodySide
from bodymap.reference import screen as sm
from bodymap.reference.lookup import points_in_region
from bodymap.reference.screen import Subject
from bodymap.reference.text import Line, Section, Sheet, sheet_for
from bodymap.ui import state
from bodymap.ui.handout_button import handout_button
from bodymap.ui.text import md, source_lines

SIDE_CHOICES = {"Both sides": None, "Left": "left", "Right": "right"}
#: Button keys of lines that open a subject, by (sheet kind, section id): the page's test hooks.
KEY_PREFIX = {
    ("region", "referring"): "refer", ("region", "conditions"): "region-condition",
    ("muscle", "conditions"): "muscle-condition", ("condition", "muscles"): "cond-muscle",
}
BOXES = {"good": st.success, "caution": st.warning, "danger": st.error}


def panel_title(kicker: str, heading: str, clinical: str = "") -> None:
    """The panel's heading (inside the `panel-title` container the benchmark and tests look for)."""
    with st.container(key="panel-title"):
        st.caption(md(kicker))
        st.subheader(md(heading), anchor=False)
    if clinical and clinical.casefold() not in (heading.casefold(), heading.removeprefix("Selected: ").casefold()):
        st.caption(f"Clinical term: *{md(clinical)}*")


def sources(atlas: Atlas, keys: Iterable[str]) -> None:
    """Sources in a collapsed expander: each citation with its DOI or address as a link."""
    lines = source_lines(atlas, keys)
    if lines:
        with st.expander(f"Sources ({len(lines)})"):
            st.markdown("\n".join(f"- {line}" for line in lines))


def line_text(line: Line) -> str:
    """A sheet line as escaped Markdown: its lead in italics, its text, its map hint."""
    lead = f"*{md(line.lead)}:* " if line.lead else ""
    note = f" {md(line.map_note)}" if line.map_note else ""
    return f"{lead}{md(line.text)}{note}"


def section_view(sheet: Sheet, section: Section, owner: str) -> None:
    """One section: boxed for self-care, cautions and warning signs; lines that open a subject as buttons."""
    bullets = "\n".join(f"{i}. {line_text(x)}" if section.style == "numbered" else f"- {line_text(x)}"
                        for i, x in enumerate(section.lines, start=1))
    intro = f"\n\n{md(section.intro)}" if section.intro else ""
    if section.style in BOXES:
        body = line_text(section.lines[0]) if section.style == "good" and len(section.lines) == 1 else bullets
        BOXES[section.style](f"**{md(section.heading)}**{intro}\n\n{body}")
        return
    if section.heading:
        st.markdown(f"**{md(section.heading)}**{intro}")
    elif intro:
        st.markdown(intro)
    links = [x for x in section.lines if x.opens is not None]
    if not links:
        st.markdown("\n\n".join(line_text(x) for x in section.lines) if section.style == "text" else bullets)
        return
    prefix = KEY_PREFIX.get((sheet.kind, section.id), f"{sheet.kind}-{section.id}")
    with st.container(gap=None):
        for i, x in enumerate(section.lines, start=1):
            number = f"{i}. " if section.style == "numbered" else ""
            if x.opens is None:
                st.markdown(line_text(x))
            else:
                st.button(f"→ {number}{x.text}", key=f"{prefix}-{owner}-{x.opens.id}", type="tertiary",
                          on_click=state.open_subject, args=(x.opens,))


def candidate_cards(section: Section) -> None:
    """Ranked candidates of marked pain, each a numbered card with its reason and a way to the muscle."""
    for i, x in enumerate(section.lines, start=1):
        if x.opens is None:
            st.markdown(line_text(x))
            continue
        name = x.lead or x.text
        with st.container(border=True, key=f"candidate-{x.opens.id}"):
            st.markdown(f"**{i}. {md(name)}**  \n{md(x.text) if x.lead else ''}")
            st.button(f"→ Learn about {name}", key=f"open-candidate-{x.opens.id}", type="tertiary",
                      on_click=state.open_subject, args=(x.opens,))


def side_control(key: str) -> BodySide | None:
    """Both sides / Left / Right, bound to the screen's side."""
    labels = {v: k for k, v in SIDE_CHOICES.items()}
    state.preset(key, labels.get(state.screen().side, "Both sides"))

    def changed() -> None:
        state.apply(sm.set_side, SIDE_CHOICES.get(state.widget(key) or "Both sides"))

    st.segmented_control("Side of the body", list(SIDE_CHOICES), key=key, on_change=changed, required=True)
    return state.screen().side


# Start ------------------------------------------------------------------------------------------------


def start_panel(atlas: Atlas) -> None:
    """What a newcomer sees before choosing anything."""
    panel_title("Start here", "Where do you feel pain?")
    st.markdown(
        "**Tap or click the body** to see the muscles that can cause pain there, or **search** above for a "
        "muscle or a condition such as *tennis elbow* or *headache*.\n\n"
        "To check several painful places at once, choose **Where does it hurt?** at the top."
    )
    st.markdown("**Common conditions**")
    with st.container(gap=None):
        for cid, cond in list(atlas.conditions.items())[:8]:
            st.button(f"→ {cond.name}", key=f"start-condition-{cid}", type="tertiary",
                      on_click=state.open_subject, args=(Subject("condition", cid),))


# A subject --------------------------------------------------------------------------------------------


def _trigger_points(atlas: Atlas, region_id: str) -> None:
    """The trigger points lying in a region as pills: choosing one draws them on the map (that one larger) and
    offers its muscle."""
    points = points_in_region(atlas, region_id)
    if not points:
        st.caption("No trigger points of this map lie in this area.")
        return
    seen = list(dict.fromkeys((p.muscle, p.point.id) for p in points))
    names = {(p.muscle, p.point.id): f"{atlas.muscles[p.muscle].name} — {p.point.label}" for p in points}
    key, focus = f"points-{region_id}", state.screen().focus_point
    state.preset(key, focus if focus in names else None)
    st.pills("Trigger points in this area (choose one to see them on the map)", seen,
             format_func=names.__getitem__, key=key, on_change=lambda: state.apply(sm.focus_on, state.widget(key)))
    if focus in names:
        muscle = atlas.muscles[focus[0]]
        if muscle.mimics:
            st.caption(f"{md(muscle.name)} trigger points can feel like: {md('; '.join(muscle.mimics))}")
        st.button(f"→ Open {muscle.name}", key=f"open-focus-{region_id}", type="tertiary",
                  on_click=state.open_subject, args=(Subject("muscle", muscle.id, from_region=region_id),))


def _controls(atlas: Atlas, sheet: Sheet, subject: Subject) -> None:
    """What a kind of subject adds above its sections: other names, the way back, the side."""
    if sheet.aka:
        st.caption(f"Also called: {md(', '.join(sheet.aka))}")
    if subject.kind == "muscle" and subject.from_region in atlas.regions:
        back = Subject("region", subject.from_region)
        st.button(f"← Back to {atlas.regions[subject.from_region].label}", key="back-to-region", type="tertiary",
                  on_click=state.open_subject, args=(back,))
    if subject.kind in ("muscle", "condition"):
        side_control(f"side-{subject.kind}")


def subject_panel(atlas: Atlas, subject: Subject, *, title: bool = True) -> None:
    """A region's, muscle's, condition's or marked pain's panel, with its sources and handout button."""
    sheet = sheet_for(atlas, subject, medium="screen")
    if title:
        heading = f"Selected: {sheet.title}" if subject.kind == "region" else sheet.title
        panel_title(sheet.kicker, heading, sheet.clinical)
    _controls(atlas, sheet, subject)
    for section in sheet.sections:
        if subject.kind == "region" and section.id == "points-here":
            _trigger_points(atlas, subject.id)
        elif subject.kind == "pain" and section.id == "candidates":
            if section.heading:
                st.markdown(f"**{md(section.heading)}**")
            candidate_cards(section)
        else:
            section_view(sheet, section, subject.id or "pain")
    if subject.kind == "condition":
        st.button("Present this condition step by step", key="present-condition",
                  on_click=state.apply, args=(sm.start_presenting,))
    sources(atlas, sheet.sources)
    handout_button(atlas, subject, sheet.title, key=f"handout-{subject.kind}")
