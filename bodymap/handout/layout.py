"""Text on a one-page PDF: fonts, a column of sections, and fitting it into a box.

Measuring runs on a cache of word widths (fpdf2's own line breaking is slow), with the same greedy
wrap at spaces as fpdf2 and a little slack; `PdfPage.flow` then sets the text for real.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

PAGE_W, PAGE_H = 210.0, 297.0
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
BULLET = "\u2022"
_SLACK = 1.2  # mm kept free at the right of each measured line


@dataclass(slots=True)
class Section:
    """A heading, paragraphs (bold label, text) and a list of items; `more` counts items cut to fit."""

    heading: str
    paragraphs: list[tuple[str, str]] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    more: int = 0
    numbered: bool = False

    def shown_items(self) -> list[tuple[str, str]]:
        """(mark, text) of each item as set, with the "...and N more" line."""
        out = [(f"{i}." if self.numbered else BULLET, t) for i, t in enumerate(self.items, start=1)]
        if self.more:
            out.append((BULLET, f"...and {self.more} more in the app."))
        return out


_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
                       "\u2022": "-", "\u2026": "...", "\u2212": "-", "\u00a0": " ", "\u2265": ">=", "\u2264": "<="})


def to_latin1(text: str) -> str:
    """Fold text to Latin-1: typographic quotes and dashes to ASCII, other letters to their base or "?"."""
    out = []
    for ch in text.translate(_FOLD):
        if ord(ch) < 256:
            out.append(ch)
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        out.append(base if base and all(ord(c) < 256 for c in base) else "?")
    return "".join(out)


def clean(text: str) -> str:
    """One line of text: runs of whitespace (including newlines) become one space."""
    return " ".join(text.split())


def leading(size: float) -> float:
    """Line height in mm for a font size in points."""
    return size * 0.3528 * 1.22


def indent(section: Section) -> float:
    return 4.5 if section.numbered else 3.5


class PdfPage(FPDF):
    """One A4 page in mm, no automatic page breaks, DejaVu Sans when available (else the core font)."""

    def __init__(self, font_dir: Path | None = FONT_DIR):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.set_auto_page_break(False)
        self.c_margin = 0  # cells start flush with written paragraphs, and measure like them
        regular, bold = (font_dir / "DejaVuSans.ttf", font_dir / "DejaVuSans-Bold.ttf") if font_dir else (None, None)
        self.unicode = bool(regular and bold and regular.is_file() and bold.is_file())
        if self.unicode:
            self.add_font("body", "", str(regular))
            self.add_font("body", "B", str(bold))
        self.family = "body" if self.unicode else "helvetica"
        self._widths: dict[tuple[str, bool], float] = {}
        self.add_page()

    def txt(self, text: str) -> str:
        """Text the font can draw: as is with DejaVu, folded to Latin-1 with the core font."""
        text = clean(text)
        return text if self.unicode else to_latin1(text)

    def font(self, size: float, bold: bool = False) -> None:
        self.set_font(self.family, "B" if bold else "", size)

    # -- measuring

    def _width(self, word: str, bold: bool) -> float:
        """Width of a word at 1 pt."""
        key = (word, bold)
        if key not in self._widths:
            self.font(10, bold)
            self._widths[key] = self.get_string_width(word) / 10
        return self._widths[key]

    def count_lines(self, runs: Sequence[tuple[str, bool]], width: float, size: float) -> int:
        """Lines a greedy wrap at spaces needs for text runs (text, bold) in a column `width` mm wide."""
        room = width - _SLACK
        lines, used = 1, 0.0
        for text, bold in runs:
            space = self._width(" ", bold) * size
            for word in self.txt(text).split(" "):
                w = self._width(word, bold) * size
                if used and used + space + w <= room:
                    used += space + w
                    continue
                if used:
                    lines += 1
                if w > room:  # a word longer than the line is broken by characters
                    lines += math.ceil(w / room) - 1
                    used = w - (math.ceil(w / room) - 1) * room
                else:
                    used = w
        return lines

    def measure(self, sections: Sequence[Section], width: float, size: float) -> float:
        """Height in mm that `flow` takes for the sections."""
        h = leading(size)
        total = 0.0
        for k, s in enumerate(sections):
            if k:
                total += h * 0.5
            if s.heading:
                total += self.count_lines([(s.heading, True)], width, size + 1.5) * leading(size + 1.5)
            for label, text in s.paragraphs:
                runs = ([(label + ":", True)] if label else []) + [(text, False)]
                total += self.count_lines(runs, width, size) * h
            for _, text in s.shown_items():
                total += self.count_lines([(text, False)], width - indent(s), size) * h
        return total

    # -- setting

    def flow(self, sections: Sequence[Section], x: float, y: float, width: float, size: float) -> float:
        """Set sections in a column from (x, y); return the y below the last line."""
        self.set_left_margin(x)
        self.set_right_margin(PAGE_W - x - width)
        h = leading(size)
        self.set_xy(x, y)
        for k, s in enumerate(sections):
            if k:
                self.set_y(self.get_y() + h * 0.5)
            if s.heading:
                self.font(size + 1.5, bold=True)
                self.multi_cell(width, leading(size + 1.5), self.txt(s.heading), align="L", new_x=XPos.LMARGIN,
                                new_y=YPos.NEXT)
            for label, text in s.paragraphs:
                self.set_x(x)
                if label:
                    self.font(size, bold=True)
                    self.write(h, self.txt(label + ":") + " ")
                self.font(size)
                self.write(h, self.txt(text))
                self.ln(h)
            self.font(size)
            for mark, text in s.shown_items():
                self.set_x(x)
                self.cell(indent(s), h, self.txt(mark))
                self.multi_cell(width - indent(s), h, self.txt(text), align="L", new_x=XPos.LMARGIN,
                                new_y=YPos.NEXT)
        return self.get_y()

    def fit(self, sections: Sequence[Section], width: float, height: float,
            sizes: Sequence[float]) -> tuple[list[Section], float]:
        """The largest size at which the sections fit the box; at the smallest, shortened until they fit."""
        for size in sizes:
            if self.measure(sections, width, size) <= height:
                return list(sections), size
        work = [replace(s, paragraphs=list(s.paragraphs), items=list(s.items)) for s in sections]
        size = sizes[-1]
        while self.measure(work, width, size) > height and shorten(work):
            pass
        return work, size


def _cut(text: str) -> str:
    return text[: int(len(text) * 0.8)].rsplit(" ", 1)[0] + " ..."


def shorten(sections: list[Section]) -> bool:
    """One step shorter: drop the last item of the longest list (keeping one), else cut the longest
    text over 80 characters, else drop the last section (keeping one). False when nothing is left to cut."""
    longest = max(sections, key=lambda s: len(s.items))
    if len(longest.items) > 1:
        longest.items.pop()
        longest.more += 1
        return True
    texts = [(len(t), si, pi, True) for si, s in enumerate(sections) for pi, (_, t) in enumerate(s.paragraphs)]
    texts += [(len(t), si, ii, False) for si, s in enumerate(sections) for ii, t in enumerate(s.items)]
    if texts and max(texts)[0] > 80:
        _, si, i, paragraph = max(texts)
        s = sections[si]
        if paragraph:
            s.paragraphs[i] = (s.paragraphs[i][0], _cut(s.paragraphs[i][1]))
        else:
            s.items[i] = _cut(s.items[i])
        return True
    if len(sections) > 1:
        sections.pop()
        return True
    return False
