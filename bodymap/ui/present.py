"""Presentation mode for educators: chrome hidden, large type, the map large, and a Previous / Next
step-through where each step focuses one muscle with a large caption (readable across a room)."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from bodymap.content.atlas import Atlas
from bodymap.reference import screen as sm
from bodymap.reference import showing
from bodymap.reference.lookup import muscle_referral
from bodymap.reference.screen import Subject
from bodymap.reference.showing import Step
from bodymap.reference.text import RED_FLAGS, area_red_flags, sheet_for
from bodymap.reference.wording import join_names, region_names
from bodymap.ui import state
from bodymap.ui.loading import name_tables
from bodymap.ui.map_view import screen_map
from bodymap.ui.panels import line_text
from bodymap.ui.text import md

#: Only layout and type size: no content ever goes through HTML.
PRESENT_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 1rem 2rem 2rem 2rem; max-width: 100%; }
.st-key-present-root p, .st-key-present-root li { font-size: 1.45rem; line-height: 1.4; }
.st-key-present-root h1 { font-size: 2.6rem; }
.st-key-present-caption h2 { font-size: 2.6rem; line-height: 1.15; }
.st-key-present-caption p { font-size: 1.6rem; }
.st-key-present-nav button { min-height: 3.6rem; }
.st-key-present-nav button p { font-size: 1.5rem; font-weight: 600; }
</style>"""
MAP_HEIGHT = 720


def _choose(kind: str, key: str) -> None:
    value = state.widget(key)
    if value and kind == "lesson":
        state.apply(sm.open_lesson, value)
    elif value:
        state.open_subject(Subject(kind, value))


def _nav(count: int) -> None:
    """First / Previous / Next / Last (Home, the arrow keys and End), large enough for a tablet."""
    step = state.screen().step
    with st.container(key="present-nav", horizontal=True):
        st.button("First", key="present-first", on_click=state.apply, args=(sm.go_to_step, 1, count),
                  disabled=step <= 1, width="stretch", shortcut="Home")
        st.button("Previous", key="present-prev", on_click=state.apply, args=(sm.previous_step, count),
                  disabled=step <= 1, width="stretch", shortcut="Left")
        st.button("Next", key="present-next", on_click=state.apply, args=(sm.next_step, count),
                  disabled=step >= count, width="stretch", type="primary", shortcut="Right")
        st.button("Last", key="present-last", on_click=state.apply, args=(sm.go_to_step, count, count),
                  disabled=step >= count, width="stretch", shortcut="End")
    st.progress(step / count, text=f"Step {step} of {count}")


def _muscle_facts(atlas: Atlas, muscle_id: str, side) -> None:
    m = atlas.muscles[muscle_id]
    ref = muscle_referral(atlas, m.id, side)
    if m.clinical.casefold() != m.name.casefold():
        st.markdown(f"*{md(m.clinical)}*")
    st.markdown(f"**Pain often felt:** {md(join_names(region_names(atlas, ref.essential, side)))}")
    if ref.spillover:
        st.markdown(f"**Sometimes:** {md(join_names(region_names(atlas, ref.spillover, side)))}")
    if m.mimics:
        st.markdown(f"**Often mistaken for:** {md('; '.join(m.mimics[:2]))}")


#: The sections of a subject's sheet a presentation shows, beside the map, by kind.
KEY_SECTIONS = {"region": ("referring",), "condition": ("felt", "muscles"), "pain": ("candidates",)}


def _subject_facts(atlas: Atlas, subject: Subject) -> None:
    """A few lines of the subject's sheet (the panel's words) for a lesson step that is not one muscle."""
    sheet = sheet_for(atlas, subject)
    for section in sheet.sections:
        if section.id in KEY_SECTIONS.get(subject.kind, ()):
            lines = section.lines[:5]
            st.markdown(f"**{md(section.heading)}**\n\n" + "\n".join(f"- {line_text(x)}" for x in lines))


def _caption(atlas: Atlas, step: Step, count: int) -> None:
    """Step, its heading and the navigation first (they stay on screen on a tablet), then facts."""
    screen = state.screen()
    subject = step.subject
    heading = step.title or (atlas.muscles[step.muscle].name if step.muscle else "")
    with st.container(key="present-caption"):
        st.markdown(md(step.label))
        st.header(md(heading), anchor=False)
        if step.title and subject is not None:
            st.markdown(f"**{md(sheet_for(atlas, subject).title)}**")
    _nav(count)
    if step.muscle:
        _muscle_facts(atlas, step.muscle, subject.side if subject else screen.side)
    elif subject is not None:
        _subject_facts(atlas, subject)
    if step.notes and screen.notes_shown:
        with st.container(border=True, key="present-notes"):
            st.markdown("**Presenter notes**\n\n" + "\n".join(f"- {md(n)}" for n in step.notes))


def _warning_signs(atlas: Atlas, subject: Subject | None) -> None:
    """The warning signs of the areas presented (a body area, or the marked places), so no class misses them."""
    regions = [subject.id] if subject and subject.kind == "region" else [r for r, _ in subject.pain] if subject else []
    flags = area_red_flags(atlas, [r for r in regions if r in atlas.regions])
    if flags:
        st.error(f"**{md(RED_FLAGS)}**\n\n" + "\n".join(f"- {md(f)}" for f in flags))


def _start(atlas: Atlas, screen) -> None:
    """The start screen: tap the map to present an area, or choose a lesson, a condition or a muscle."""
    left, right = st.columns([3, 2], gap="large")
    with left:
        screen_map(atlas, screen, key="present-start-map", height=MAP_HEIGHT)
    with right:
        st.markdown("**Tap an area of the body** to present the muscles that send pain there, one by one. "
                    "Or choose a prepared lesson, a condition or a muscle.")
        tables = name_tables(atlas)
        lists = [("lesson", "Lesson", {lid: lesson.title for lid, lesson in atlas.lessons.items()}, "present-lesson"),
                 ("condition", "Condition", tables["condition"], "present-pick"),
                 ("muscle", "Muscle", tables["muscle"], "present-muscle")]
        for kind, label, names, key in lists:
            if names:
                st.selectbox(label, list(names), index=None, key=key, on_change=_choose, args=(kind, key),
                             format_func=names.__getitem__, placeholder=f"Choose a {label.lower()}…")


def _top(title: str, screen) -> None:
    with st.container(horizontal=True, vertical_alignment="center", horizontal_alignment="distribute"):
        with st.container(key="panel-title", width="content"):
            st.title(md(title or "Presentation"), anchor=False)
        if screen.lesson:
            state.preset("present-notes-toggle", screen.notes_shown)
            st.toggle("Presenter notes", key="present-notes-toggle", on_change=state.apply,
                      args=(sm.toggle_notes,), help="Show your talking notes (hide them when the screen is shared).")
        st.button("Exit presentation", key="present-exit", on_click=state.apply, args=(sm.stop_presenting,),
                  width="content")


@st.fragment
def presentation(atlas: Atlas) -> None:
    """The presentation page (its own fragment: the navigation reruns only this part)."""
    state.full_rerun_if_asked()
    st.html(PRESENT_CSS)
    screen = state.screen()
    title, steps = showing.steps_for(atlas, screen)
    with st.container(key="present-root"):
        _top(title, screen)
        if not steps:
            _start(atlas, screen)
            state.sync_query()
            return
        count = len(steps)
        if not 1 <= screen.step <= count:
            state.apply(sm.go_to_step, screen.step, count)
            screen = state.screen()
        step = steps[screen.step - 1]
        shown = replace(screen, views=step.views or screen.views, subject=None) if screen.lesson else screen
        left, right = st.columns([3, 2], gap="large")
        with left:
            screen_map(atlas, shown, key="present-map", overlay=step.overlay, height=MAP_HEIGHT, clickable=False)
        with right:
            _caption(atlas, step, count)
            _warning_signs(atlas, step.subject or screen.shown)
            st.caption(md(atlas.session.disclaimer))
    state.sync_query()
