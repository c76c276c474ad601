"""The "Download a one-page handout" button: the PDF is made only when clicked, and cached."""

from __future__ import annotations

from datetime import date

import streamlit as st

from bodymap.content.atlas import Atlas
from bodymap.handout.page import Subject, build_handout
from bodymap.reference.lookup import condition_overlay, muscle_overlay, region_overlay
from bodymap.reference.overlay import Overlay
from bodymap.reference.ranking import pain_overlay, rank_candidates
from bodymap.ui.text import handout_file_name


def subject_overlay(atlas: Atlas, subject: Subject, context_region: str | None = None) -> Overlay:
    """The overlay a subject's view draws on the map (and so on the handout's diagram)."""
    if subject.kind == "region":
        return region_overlay(atlas, subject.id)
    if subject.kind == "muscle":
        return muscle_overlay(atlas, subject.id, subject.side, highlight=(context_region,) if context_region else ())
    if subject.kind == "condition":
        return condition_overlay(atlas, subject.id, subject.side)
    pain = dict(subject.pain)
    return pain_overlay(atlas, pain, rank_candidates(atlas, pain))


@st.cache_data(max_entries=32, show_spinner=False)
def handout_pdf(folder: str, subject: Subject, context_region: str | None, day: str, _atlas: Atlas) -> bytes:
    """The handout's bytes, cached per content folder, subject and day (shared by sessions)."""
    overlay = subject_overlay(_atlas, subject, context_region)
    return build_handout(_atlas, subject, overlay, date.fromisoformat(day))


def handout_button(atlas: Atlas, folder: str, subject: Subject, name: str, *, key: str,
                   context_region: str | None = None) -> None:
    """A download button for the subject's one-page PDF handout (named bodymap-<name>-<date>.pdf)."""
    today = date.today()

    def make() -> bytes:
        return handout_pdf(folder, subject, context_region, today.isoformat(), atlas)

    st.download_button(
        "Download a one-page handout (PDF)", data=make, file_name=handout_file_name(name, today),
        mime="application/pdf", key=key, on_click="ignore",
        help="A printable page with this body map, the key facts, session notes, cautions and sources.",
    )
