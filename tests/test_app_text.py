"""The UI's pure helpers: Markdown escaping, source links, handout file names, overlays and the cached handout."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from bodymap.reference.lookup import condition_overlay, muscle_overlay, region_overlay
from bodymap.reference.ranking import pain_overlay, rank_candidates
from bodymap.reference.screen import Subject, subject_overlay
from bodymap.ui.handout_button import atlas_fingerprint, handout_pdf
from bodymap.ui.text import handout_file_name, md, slug, source_line, url_for_markdown

_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def rendered_text(markdown: str) -> str:
    """The text of escaped Markdown: CommonMark shows a backslash-escaped ASCII punctuation mark as itself."""
    return _ESCAPE.sub(r"\1", markdown)


@pytest.mark.parametrize("text", [
    "Plain words.", "*not bold* and _not italic_", "[a link](https://evil.example)", "# not a heading",
    "1. not a list", "- not a bullet", "`code`", ":red[colour] and :smile: and :material/home:", "$x^2$ maths",
    "<b>tag</b> & &amp;", "back\\slash", "a|table|row", "~~strike~~", "!image",
])
def test_md_shows_content_exactly_as_written(text):
    escaped = md(text)
    assert rendered_text(escaped) == text
    # Nothing Streamlit reads as a directive survives unescaped.
    for ch in ":*_[]`$<>#|~!-.&":
        assert escaped.count(ch) == escaped.count("\\" + ch), ch


def test_md_joins_lines():
    assert md("one\n  two\tthree") == "one two three"


def test_source_line_links_a_doi_or_an_address(make_atlas):
    atlas = make_atlas(regions=["neck"], sources=[
        {"key": "paper", "citation": "Doe J. Trigger points (a review). J Pain 2020;1:1-2.", "doi": "10.1000/x(1)"},
        {"key": "site", "citation": "A website about needling, 2021.", "url": "https://example.org/a b"[:-2]},
    ])
    paper = source_line(atlas, "paper")
    assert paper.startswith(md(atlas.sources["paper"].citation))
    assert paper.endswith("(https://doi.org/10.1000/x%281%29)")
    assert rendered_text(paper).startswith("Doe J. Trigger points (a review).")
    assert source_line(atlas, "site").endswith("(https://example.org/a)")
    assert source_line(atlas, "book") == md(atlas.sources["book"].citation)


def test_url_for_markdown_encodes_what_would_end_a_link():
    assert url_for_markdown("https://x.org/a (b)<c>[d]") == "https://x.org/a%20%28b%29%3Cc%3E%5Bd%5D"


def test_slugs_and_file_names():
    assert slug("Tennis elbow (left)") == "tennis-elbow-left"
    assert slug("../../etc/passwd") == "etc-passwd"
    assert slug("***") == "handout"
    assert len(slug("x" * 500)) <= 40
    assert handout_file_name("Outer elbow (right)", date(2026, 3, 4)) == "bodymap-outer-elbow-right-2026-03-04.pdf"


def test_each_subject_draws_the_overlay_its_view_shows(real_atlas):
    a = real_atlas
    assert subject_overlay(a, Subject("region", "calf-left")) == region_overlay(a, "calf-left")
    assert subject_overlay(a, Subject("muscle", "supinator", side="right", from_region="elbow-outer-right")) == \
        muscle_overlay(a, "supinator", "right", highlight=("elbow-outer-right",))
    assert subject_overlay(a, Subject("condition", "tennis-elbow")) == condition_overlay(a, "tennis-elbow")
    pain = {"calf-left": 6, "heel-left": None}
    assert subject_overlay(a, Subject("pain", pain=tuple(pain.items()))) == \
        pain_overlay(a, pain, rank_candidates(a, pain))


def test_the_handout_is_cached_and_one_page(real_atlas, monkeypatch):
    import bodymap.ui.handout_button as hb

    calls = []
    real_build = hb.build_handout
    monkeypatch.setattr(hb, "build_handout", lambda *a, **k: calls.append(a[1]) or real_build(*a, **k))
    subject = Subject("condition", "tennis-elbow")
    fingerprint = atlas_fingerprint(real_atlas)
    first = handout_pdf(subject, "2026-01-02", fingerprint, real_atlas)
    assert handout_pdf(subject, "2026-01-02", fingerprint, real_atlas) == first
    assert calls == [subject]  # built once, then served from the cache
    handout_pdf(subject, "2026-01-03", fingerprint, real_atlas)
    assert len(calls) == 2  # a new day makes a new handout (its date is printed)
    handout_pdf(subject, "2026-01-03", fingerprint + 1, real_atlas)
    assert len(calls) == 3  # so does changed content
    reader = PdfReader(io.BytesIO(first))
    assert len(reader.pages) == 1
    assert "Tennis elbow" in reader.pages[0].extract_text()
