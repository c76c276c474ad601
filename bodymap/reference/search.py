"""One search box over regions, muscles and conditions, tolerant of case, accents, punctuation and typos.

Every entry has terms (names, clinical terms, other names). Both query and terms are normalised
(accents and case dropped, punctuation turned into spaces). A term matches the query in one of five
tiers, best first:

- exact: the whole term equals the query ("scm" = "SCM");
- prefix: the term starts with the query ("tennis" -> "Tennis elbow");
- word: every query word is a word of the term, or the start of one ("lateral epicondylalgia");
- fuzzy: every query word is within a small edit distance of a word of the term (one edit for
  words of 4-7 letters, two for longer words, counting a swap of neighbours as one edit), or the
  whole query is, ignoring spaces ("plantar fascitis" -> "Plantar fasciitis");
- partial, only when no term matches in the four tiers above: some of the query's words (not
  "and", "my", "the"...) match a word of the term: the same word, the start of it, a word it starts
  with (4+ letters: "knees" -> "knee"), or one within the typo limits above ("ringing ear" -> "Ear").
  Each matched query word counts by how rare it is among the entries (so "pain" counts little) and
  by how well it matches; the score, normalised to 0-1, is the closeness.

Each entry keeps its best term. Hits are ranked by tier, then by field (name, then other names,
then clinical term), then by closeness, then kind (muscle, condition, region) and label; in the
partial tier closeness comes before field.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from bodymap.content.atlas import Atlas

Kind = Literal["muscle", "condition", "region"]
Field = Literal["name", "aka", "synonym", "label", "clinical"]

EXACT, PREFIX, WORD, FUZZY, PARTIAL = 4, 3, 2, 1, 0
TIER_NAMES = {EXACT: "exact", PREFIX: "prefix", WORD: "word", FUZZY: "fuzzy", PARTIAL: "partial"}
#: Words that say nothing about where or what: left out of the partial tier.
STOP_WORDS = frozenset({
    "a", "an", "and", "are", "at", "be", "by", "can", "do", "does", "feel", "feels", "for", "from", "get", "got",
    "have", "how", "i", "im", "in", "is", "it", "its", "me", "my", "of", "off", "on", "or", "really", "so", "the",
    "to", "up", "very", "what", "when", "where", "why", "with",
})
#: Words that say how, not where or what: in the partial tier they weigh a quarter and never match alone.
GENERIC_WORDS = frozenset({
    "ache", "aches", "aching", "hurt", "hurting", "hurts", "pain", "painful", "pains", "sore", "tender",
})
_GENERIC_WEIGHT = 0.25
MAX_QUERY = 80
MAX_WORDS = 8
_FIELD_RANK: dict[str, int] = {"name": 0, "label": 0, "aka": 1, "synonym": 1, "clinical": 2}
_KIND_RANK: dict[str, int] = {"muscle": 0, "condition": 1, "region": 2}
_NON_WORD = re.compile(r"[\W_]+")


def normalize(text: str) -> str:
    """Lower-case words without accents or punctuation: "Golfer's  Élbow!" -> "golfers elbow"."""
    text = unicodedata.normalize("NFKD", text[: MAX_QUERY * 10])
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("'", "").replace("\u2019", "")
    return _NON_WORD.sub(" ", text).strip()


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance (a swap of neighbours counts once); `limit + 1` once it exceeds `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1] if prev[-1] <= limit else limit + 1


def allowed_edits(word: str) -> int:
    """Typos tolerated in a query word: none up to 3 letters, one up to 7, two beyond."""
    return 0 if len(word) <= 3 else 1 if len(word) <= 7 else 2


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result: what it is, how it is shown, and which term matched how."""

    kind: Kind
    id: str
    label: str
    matched: str
    field: Field
    tier: int
    closeness: float

    @property
    def how(self) -> str:
        """The tier's name: exact, prefix, word or fuzzy."""
        return TIER_NAMES[self.tier]

    def sort_key(self) -> tuple:
        field, close = _FIELD_RANK[self.field], -self.closeness
        first, second = (close, field) if self.tier == PARTIAL else (field, close)
        return (-self.tier, first, second, _KIND_RANK[self.kind], self.label.casefold(), self.id)


@dataclass(frozen=True, slots=True)
class _Term:
    text: str
    norm: str
    words: tuple[str, ...]
    field: Field


def _match(q: str, qwords: tuple[str, ...], term: _Term) -> tuple[int, float] | None:
    """(tier, closeness 0-1) of a query against one term, or None."""
    t = term.norm
    if not t:
        return None
    if q == t:
        return EXACT, 1.0
    if t.startswith(q):
        return PREFIX, len(q) / len(t)
    if all(any(w == tw or (len(w) >= 3 and tw.startswith(w)) for tw in term.words) for w in qwords):
        return WORD, len(q) / len(t)
    edits = 0
    for w in qwords:
        limit = allowed_edits(w)
        best = min((edit_distance(w, tw, limit) for tw in term.words), default=limit + 1)
        if best > limit:
            break
        edits += best
    else:
        return FUZZY, 1.0 / (1 + edits)
    squashed, t_squashed = q.replace(" ", ""), t.replace(" ", "")
    limit = allowed_edits(squashed)
    d = edit_distance(squashed, t_squashed, limit)
    if d <= limit:
        return FUZZY, 1.0 / (1 + d)
    return None


def word_likeness(word: str, term_word: str) -> float:
    """How well a query word matches a word of a term in the partial tier (0 = not at all): the same word 1;
    the start of the term word (3+ letters) 0.8-1 by how much of it; a word the query word starts with ("knees"
    -> "knee"; a 3-letter one only in a 6+ letter word: "earache" -> "ear", not "arch" -> "arc") 0.5-0.9 by how
    much of the query word; one or two typos 0.6 or 0.3 (within the limits of `allowed_edits`)."""
    if word == term_word:
        return 1.0
    if len(word) >= 3 and term_word.startswith(word):
        return 0.8 + 0.2 * len(word) / len(term_word)
    if word.startswith(term_word) and (len(term_word) >= 4 or len(term_word) == 3 and len(word) >= 6):
        return 0.5 + 0.4 * len(term_word) / len(word)
    limit = allowed_edits(word)
    d = edit_distance(word, term_word, limit) if limit else 1
    return 0.6 / d if d <= limit else 0.0


def _weights(words: list[str], rows: list[tuple], total: int) -> list[float]:
    """Each query word's weight: rarer among the entries (fewer rows with a term matching it) weighs more; a
    generic word a quarter."""
    def matches(i: int, quality: list[list[float]]) -> bool:
        return any(q[i] > 0 for q in quality)
    return [math.log(1 + total / (1 + sum(matches(i, row[-1]) for row in rows)))
            * (_GENERIC_WEIGHT if w in GENERIC_WORDS else 1.0) for i, w in enumerate(words)]


class SearchIndex:
    """An index of an atlas's regions, muscles and conditions. Build once, query many times."""

    def __init__(self, atlas: Atlas):
        self._entries: list[tuple[Kind, str, str, tuple[_Term, ...]]] = []
        for mid, m in atlas.muscles.items():
            self._add("muscle", mid, m.name, [(m.name, "name"), *((a, "aka") for a in m.aka), (m.clinical, "clinical")])
        for cid, c in atlas.conditions.items():
            self._add("condition", cid, c.name,
                      [(c.name, "name"), *((s, "synonym") for s in c.synonyms), (c.clinical, "clinical")])
        for rid, r in atlas.regions.items():
            self._add("region", rid, r.label, [(r.name, "name"), (r.label, "label"), (r.clinical, "clinical")])
        self._vocab = tuple(sorted({w for *_, terms in self._entries for t in terms for w in t.words}))

    def _add(self, kind: Kind, ident: str, label: str, terms: list[tuple[str, Field]]) -> None:
        built = []
        for text, field in terms:
            norm = normalize(text)
            built.append(_Term(text, norm, tuple(norm.split()), field))
        self._entries.append((kind, ident, label, tuple(built)))

    def _chosen(self, kinds: tuple[Kind, ...] | None) -> Iterable[tuple[Kind, str, str, tuple[_Term, ...]]]:
        return (e for e in self._entries if kinds is None or e[0] in kinds)

    def search(self, query: str, limit: int = 10, kinds: tuple[Kind, ...] | None = None) -> tuple[Hit, ...]:
        """The best `limit` hits for a query (nothing for an empty or punctuation-only query). The partial
        tier is searched only when no entry matches in the other four."""
        if not isinstance(query, str):
            return ()
        q = normalize(query[:MAX_QUERY])
        qwords = tuple(q.split()[:MAX_WORDS])
        q = " ".join(qwords)
        if not q or limit <= 0:
            return ()
        hits = self._tiered(q, qwords, kinds) or self._partial(qwords, kinds)
        hits.sort(key=Hit.sort_key)
        return tuple(hits[:limit])

    def _tiered(self, q: str, qwords: tuple[str, ...], kinds: tuple[Kind, ...] | None) -> list[Hit]:
        """Each entry's best hit in the exact, prefix, word and fuzzy tiers."""
        hits = []
        for kind, ident, label, terms in self._chosen(kinds):
            best: Hit | None = None
            for term in terms:
                m = _match(q, qwords, term)
                if m is None:
                    continue
                hit = Hit(kind, ident, label, term.text, term.field, m[0], round(m[1], 6))
                if best is None or hit.sort_key() < best.sort_key():
                    best = hit
            if best is not None:
                hits.append(best)
        return hits

    def _likeness(self, word: str) -> dict[str, float]:
        """The index's words a query word matches in the partial tier, each with how well."""
        found = ((tw, word_likeness(word, tw)) for tw in self._vocab)
        return {tw: x for tw, x in found if x > 0}

    def _partial(self, qwords: tuple[str, ...], kinds: tuple[Kind, ...] | None) -> list[Hit]:
        """The partial tier: entries whose terms share some words with the query, scored by rarity and match."""
        found = [(w, self._likeness(w)) for w in dict.fromkeys(qwords) if w not in STOP_WORDS]
        words, likes = [w for w, m in found if m], [m for _, m in found if m]
        telling = [i for i, w in enumerate(words) if w not in GENERIC_WORDS]
        rows = []
        for kind, ident, label, terms in self._chosen(kinds):
            quality = [[max((m.get(tw, 0.0) for tw in t.words), default=0.0) for m in likes] for t in terms]
            if any(q[i] for q in quality for i in telling):
                rows.append((kind, ident, label, terms, quality))
        weights = _weights(words, rows, len(self._entries))
        most = sum(weights) + 0.1
        hits = []
        for kind, ident, label, terms, quality in rows:
            best: Hit | None = None
            for term, q in zip(terms, quality, strict=True):
                score = sum(w * x for w, x in zip(weights, q, strict=True))
                if score <= 0:
                    continue
                own = [tw for tw in term.words if tw not in STOP_WORDS] or term.words
                covered = sum(any(tw in m for m in likes) for tw in own) / len(own)
                hit = Hit(kind, ident, label, term.text, term.field, PARTIAL, round((score + 0.1 * covered) / most, 6))
                if best is None or hit.sort_key() < best.sort_key():
                    best = hit
            hits.append(best)
        return hits


def search(atlas: Atlas, query: str, limit: int = 10) -> tuple[Hit, ...]:
    """Build an index and search it once (the UI keeps one SearchIndex instead)."""
    return SearchIndex(atlas).search(query, limit)
