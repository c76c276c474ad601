"""The "Download a one-page handout" button: the PDF is made only when clicked, and cached."""

from __future__ import annotations

from datetime import date

import streamlit as st

from bodymap.content.atlas import Atlas
from bodymap.handout.page import build_handout
from bodymap.reference.screen import Subject
from bodymap.ui.text import handout_file_name


def atlas_fingerprint(atlas: Atlas) -> int:
    """A hash of all the content a handout can print (a changed atlas makes new handouts)."""
    return hash((tuple(atlas.regions.values()), tuple(atlas.muscles.values()), tuple(atlas.conditions.values()),
                 tuple(atlas.region_notes.values()), tuple(atlas.sources.values()), atlas.session))


@st.cache_data(max_entries=32, show_spinner=False)
def handout_pdf(subject: Subject, day: str, fingerprint: int, _atlas: Atlas) -> bytes:
    """The handout's bytes, cached per subject, day and atlas fingerprint (shared by sessions)."""
    return build_handout(_atlas, subject, date.fromisoformat(day))


def handout_button(atlas: Atlas, subject: Subject, name: str, *, key: str) -> None:
    """A download button for the subject's one-page PDF handout (named bodymap-<name>-<date>.pdf)."""
    today = date.today()

    def make() -> bytes:
        return handout_pdf(subject, today.isoformat(), atlas_fingerprint(atlas), atlas)

    st.download_button(
        "Download a one-page handout (PDF)", data=make, file_name=handout_file_name(name, today),
        mime="application/pdf", key=key, on_click="ignore",
        help="A printable page with this body map, the key facts, session notes, cautions and sources.",
    )
