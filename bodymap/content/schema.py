"""The content schema: one declarative, immutable model per YAML collection.

Field meanings are documented in docs/data-format.md. Models forbid unknown keys, are frozen, and
keep sequences as tuples so a loaded atlas cannot be changed by accident.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, Strict, StringConstraints

_MARKUP = re.compile(r"<\s*[a-zA-Z!/?]|javascript:|&#|&[a-zA-Z]+;", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _plain(text: str) -> str:
    if _MARKUP.search(text):
        raise ValueError("must be plain text: HTML tags, entities and script URLs are not allowed")
    if _CONTROL.search(text):
        raise ValueError("contains control characters")
    return text


ID_PATTERN = r"^[a-z][a-z0-9-]*$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=64)]
Text = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000), AfterValidator(_plain)
]
Term = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120), AfterValidator(_plain)
]
Coord = Annotated[float, Strict(), Field(allow_inf_nan=False)]
Point = tuple[Coord, Coord]
Ids = tuple[Id, ...]
View = Literal["front", "back"]


def _https(url: str) -> str:
    if not re.fullmatch(r"https://[^\s<>\"']+", url):
        raise ValueError("must be an https:// address without spaces or quotes")
    return url


class Model(BaseModel):
    """Base: unknown keys are errors, instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class RegionSpec(Model):
    """A region as written: `both` regions are written for the person's left side."""

    id: Id
    name: Term
    clinical: Term
    view: View
    side: Literal["both", "midline"]
    notes: Id
    outline: tuple[Point, ...] = Field(min_length=3)


class TriggerPoint(Model):
    """One trigger point, placed for the person's left side, with its referral zones."""

    id: Id
    label: Text
    region: Id
    at: Point
    essential: Ids = Field(min_length=1)
    spillover: Ids = ()


class Muscle(Model):
    """A muscle and its trigger points."""

    id: Id
    name: Term
    clinical: Term
    aka: tuple[Term, ...] = ()
    description: Text
    mimics: tuple[Text, ...] = ()
    perpetuating: tuple[Text, ...] = ()
    self_care: Text
    cautions: tuple[Text, ...] = ()
    sources: Ids = Field(min_length=1)
    trigger_points: tuple[TriggerPoint, ...] = Field(min_length=1)


class ConditionMuscles(Model):
    """Muscles classically implicated in a condition."""

    primary: Ids = Field(min_length=1)
    also: Ids = ()


class Condition(Model):
    """A condition people look up, and the muscles tied to it."""

    id: Id
    name: Term
    clinical: Term
    synonyms: tuple[Term, ...] = ()
    summary: Text
    regions: Ids = Field(min_length=1)
    muscles: ConditionMuscles
    red_flags: tuple[Text, ...] = ()
    sources: Ids = Field(min_length=1)


class RegionNotes(Model):
    """What a dry-needling session is like in one area of the body."""

    id: Id
    title: Term
    position: Text
    feel: Text
    cautions: tuple[Text, ...] = Field(min_length=1)
    sources: Ids = Field(min_length=1)


class SessionStep(Model):
    """One step of the general session guide."""

    id: Id
    title: Term
    text: Text
    sources: Ids = ()


class Contraindication(Model):
    """A reason not to needle (absolute) or to ask first and adapt (relative)."""

    id: Id
    name: Term
    clinical: Term
    kind: Literal["absolute", "relative"]
    text: Text
    sources: Ids = ()


class RedFlag(Model):
    """A symptom that needs medical care first."""

    id: Id
    name: Term
    text: Text
    sources: Ids = ()


class Session(Model):
    """The general guide to a dry-needling session."""

    intro: Text
    steps: tuple[SessionStep, ...] = Field(min_length=1)
    contraindications: tuple[Contraindication, ...] = Field(min_length=1)
    red_flags: tuple[RedFlag, ...] = Field(min_length=1)
    disclaimer: Text
    sources: Ids = Field(min_length=1)


class Source(Model):
    """A bibliography entry."""

    key: Id
    citation: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=10, max_length=600), AfterValidator(_plain)
    ]
    url: Annotated[str, AfterValidator(_https)] | None = None
    doi: Annotated[str, StringConstraints(pattern=r"^10\.\d{4,9}/\S+$", max_length=200)] | None = None


#: Top-level keys a data file may hold, and the model of one entry of each.
COLLECTIONS: dict[str, type[Model]] = {
    "regions": RegionSpec,
    "muscles": Muscle,
    "conditions": Condition,
    "region_notes": RegionNotes,
    "sources": Source,
}
