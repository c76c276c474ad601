"""Content text as safe Markdown, source lines and file names: pure helpers for the UI (no streamlit).

Content is plain text (the schema refuses HTML), but Streamlit's Markdown would still read `*`,
`_`, `[`, `:emoji:`, `$math$` and friends in it; `md()` escapes every such character so content
always shows exactly as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from bodymap.content.atlas import Atlas

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=^&])")
_SLUG = re.compile(r"[^a-z0-9]+")


def md(text: str) -> str:
    """Text escaped for Streamlit Markdown: every Markdown/directive character backslash-escaped, lines joined."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def url_for_markdown(url: str) -> str:
    """A URL safe inside a Markdown link target (spaces, brackets and angle brackets percent-encoded)."""
    for ch, code in ((" ", "%20"), ("(", "%28"), (")", "%29"), ("<", "%3C"), (">", "%3E"), ("[", "%5B"),
                     ("]", "%5D")):
        url = url.replace(ch, code)
    return url


def source_line(atlas: Atlas, key: str) -> str:
    """One source as Markdown: the citation escaped, then its DOI or address as a link."""
    s = atlas.sources[key]
    line = md(s.citation)
    if s.doi:
        line += f" [doi\\:{md(s.doi)}]({url_for_markdown('https://doi.org/' + s.doi)})"
    elif s.url:
        line += f" [{md(s.url)}]({url_for_markdown(s.url)})"
    return line


def source_lines(atlas: Atlas, keys: Iterable[str]) -> list[str]:
    """Each known source once, in first-seen order, as Markdown."""
    return [source_line(atlas, k) for k in dict.fromkeys(keys) if k in atlas.sources]


def slug(text: str, limit: int = 40) -> str:
    """A file-name-safe lower-case slug ("Tennis elbow (left)" -> "tennis-elbow-left")."""
    return _SLUG.sub("-", text.casefold()).strip("-")[:limit].strip("-") or "handout"


def handout_file_name(subject: str, when: date) -> str:
    """`bodymap-<subject>-<yyyy-mm-dd>.pdf`."""
    return f"bodymap-{slug(subject)}-{when.isoformat()}.pdf"
