"""Reading level of patient-facing text (Flesch-Kincaid grade), used by the content tests.

Text in brackets is left out: it holds the clinical term given alongside the plain words.
"""

from __future__ import annotations

import re

_BRACKETS = re.compile(r"\([^()]*\)")
_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
_SENTENCE_END = re.compile(r"[.!?;:]+(?=\s|$)")


def syllables(word: str) -> int:
    """Heuristic English syllable count (vowel groups, silent final e), at least 1."""
    w = word.lower().replace("'", "")
    groups = re.findall(r"[aeiouy]+", w)
    n = len(groups)
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and n > 1:
        n -= 1
    return max(1, n)


def grade(text: str) -> float:
    """Flesch-Kincaid grade level of `text` (0 for text without words)."""
    plain = _BRACKETS.sub(" ", text)
    words = _WORD.findall(plain)
    if not words:
        return 0.0
    sentences = max(1, len(_SENTENCE_END.findall(plain.strip())) + (0 if re.search(r"[.!?;:]\s*$", plain) else 1))
    syl = sum(syllables(w) for w in words)
    return 0.39 * len(words) / sentences + 11.8 * syl / len(words) - 15.59
