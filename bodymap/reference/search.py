"""One search box over regions, muscles and conditions, tolerant of case, accents, punctuation and typos.

Every entry has terms (names, clinical terms, other names). Both query and terms are normalised
(accents and case dropped, punctuation turned into spaces). A term matches the query in one of four
tiers, best first:

- exact: the whole term equals the query ("scm" = "SCM");
- prefix: the term starts with the query ("tennis" -> "Tennis elbow");
- word: every query word is a word of the term, or the start of one ("lateral epicondylalgia");
- fuzzy: every query word is within a small edit distance of a word of the term (one edit for
  words of 4-7 letters, two for longer words, counting a swap of neighbours as one edit), or the
  whole query is, ignoring spaces ("plantar fascitis" -> "Plantar fasciitis").

Each entry keeps its best term. Hits are ranked by tier, then by field (name, then other names,
then clinical term), then by closeness, then kind (muscle, condition, region) and label.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from bodymap.content.atlas import Atlas

Kind = Literal["muscle", "condition", "region"]
Field = Literal["name", "aka", "synonym", "label", "clinical"]

EXACT, PREFIX, WORD, FUZZY = 4, 3, 2, 1
TIER_NAMES = {EXACT: "exact", PREFIX: "prefix", WORD: "word", FUZZY: "fuzzy"}
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
        return (-self.tier, _FIELD_RANK[self.field], -self.closeness, _KIND_RANK[self.kind], self.label.casefold(),
                self.id)


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

    def _add(self, kind: Kind, ident: str, label: str, terms: list[tuple[str, Field]]) -> None:
        built = []
        for text, field in terms:
            norm = normalize(text)
            built.append(_Term(text, norm, tuple(norm.split()), field))
        self._entries.append((kind, ident, label, tuple(built)))

    def search(self, query: str, limit: int = 10, kinds: tuple[Kind, ...] | None = None) -> tuple[Hit, ...]:
        """The best `limit` hits for a query (nothing for an empty or punctuation-only query)."""
        if not isinstance(query, str):
            return ()
        q = normalize(query[:MAX_QUERY])
        qwords = tuple(q.split()[:MAX_WORDS])
        q = " ".join(qwords)
        if not q or limit <= 0:
            return ()
        hits = []
        for kind, ident, label, terms in self._entries:
            if kinds is not None and kind not in kinds:
                continue
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
        hits.sort(key=Hit.sort_key)
        return tuple(hits[:limit])


def search(atlas: Atlas, query: str, limit: int = 10) -> tuple[Hit, ...]:
    """Build an index and search it once (the UI keeps one SearchIndex instead)."""
    return SearchIndex(atlas).search(query, limit)
