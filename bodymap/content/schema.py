"""The content schema: one declarative, immutable model per YAML collection.

Field meanings are documented in docs/data-format.md (a test keeps the two in step). Models forbid
unknown keys, are frozen, and keep sequences as tuples so a loaded atlas cannot be changed by
accident. Ids that point at an entry of another collection are typed with a `Ref` marker
(`RegionRef`, `MuscleRef`, ...); the loader checks every marked field in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, Strict, StringConstraints, model_validator

from bodymap.content.views import CHOICES

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


def _text(max_length: int) -> Any:
    """Plain text, stripped, of 1 to `max_length` characters."""
    return Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length),
                     AfterValidator(_plain)]


Text = _text(2000)
Term = _text(120)
ClinicName, ContactLine, ShortText = _text(80), _text(160), _text(600)
Coord = Annotated[float, Strict(), Field(allow_inf_nan=False)]
Point = tuple[Coord, Coord]
#: The views a region can be written in: the body's front and back, and the close-ups (written for the left side).
View = Literal["front", "back", "head", "hand-palm", "hand-back", "foot-top", "foot-sole"]


@dataclass(frozen=True, slots=True)
class Ref:
    """Marks an id as a reference to an entry of `collection` (a key of COLLECTIONS)."""

    collection: str


#: A region's base id (`temple`, never `temple-left`): `both` regions resolve to a side later.
RegionRef = Annotated[Id, Ref("regions")]
MuscleRef = Annotated[Id, Ref("muscles")]
SourceRef = Annotated[Id, Ref("sources")]
NotesRef = Annotated[Id, Ref("region_notes")]
ConditionRef = Annotated[Id, Ref("conditions")]
RegionRefs = tuple[RegionRef, ...]
SourceRefs = tuple[SourceRef, ...]


def _view_choice(value: str) -> str:
    if value not in CHOICES:
        raise ValueError(f"unknown view {value!r}: see the view choices in docs/deep-links.md")
    return value


def _https(url: str) -> str:
    if not re.fullmatch(r"https://[^\s<>\"']+", url):
        raise ValueError("must be an https:// address without spaces or quotes")
    return url


class Model(BaseModel):
    """Base: unknown keys are errors, instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class RegionSpec(Model):
    """A region as written: `both` regions are written for the person's left side."""

    id: Id = Field(description="base id; a `both` region becomes `<id>-left` and `<id>-right`")
    name: Term = Field(description="plain name, e.g. Temple")
    clinical: Term = Field(description="clinical term, e.g. Temporal region")
    view: View = Field(description="the view the region is drawn in")
    side: Literal["both", "midline"] = Field(description="`both`: written for the left side and mirrored")
    notes: NotesRef = Field(description="the session notes for this region")
    outline: tuple[Point, ...] = Field(min_length=3, description="polygon in the view's frame, not closed")
    parent: RegionRef | None = Field(None, description="for a finer place of a close-up: the body region it "
                                                       "belongs to (its referred pain rolls up to it)")


class Drawing(Model):
    """A region of the body views drawn again in a close-up (the same place, so the same id)."""

    region: RegionRef = Field(description="the region drawn")
    view: View = Field(description="the close-up it is drawn in")
    outline: tuple[Point, ...] = Field(min_length=3, description="polygon in the close-up's frame, not closed; "
                                                                 "for a parent, the outline its places tile")

    @property
    def key(self) -> str:
        """What makes a drawing unique: its region in its view."""
        return f"{self.region} in {self.view}"


class Placement(Model):
    """Where a trigger point lies in a close-up (written for the left side)."""

    view: View = Field(description="the close-up")
    at: Point = Field(description="its position in that close-up, inside its region's drawing there")


class TriggerPoint(Model):
    """One trigger point, placed for the person's left side, with its referral zones."""

    id: Id = Field(description="unique within its muscle")
    label: Text = Field(description="where it lies, in plain words")
    region: RegionRef = Field(description="the region it lies in")
    at: Point = Field(description="position for the person's left side, inside `region`")
    essential: RegionRefs = Field(min_length=1, description="where its referred pain is usually felt")
    spillover: RegionRefs = Field((), description="where its referred pain is sometimes felt")
    both_sides: bool = Field(
        False, description="referred pain on both sides: each `both` referral region resolves to left and right"
    )
    also_at: tuple[Placement, ...] = Field((), description="where it lies in close-ups that show its region")


class Muscle(Model):
    """A muscle and its trigger points."""

    id: Id
    name: Term = Field(description="plain name")
    clinical: Term = Field(description="anatomical name")
    aka: tuple[Term, ...] = Field((), description="other names people search for")
    description: Text = Field(description="where the muscle is and what it does")
    mimics: tuple[Text, ...] = Field((), description="problems its trigger points are mistaken for")
    perpetuating: tuple[Text, ...] = Field((), description="what keeps its trigger points going")
    self_care: Text = Field(description="one safe self-care line")
    cautions: tuple[Text, ...] = Field((), description="needling cautions: what lies beneath")
    sources: SourceRefs = Field(min_length=1)
    trigger_points: tuple[TriggerPoint, ...] = Field(min_length=1)


class ConditionMuscles(Model):
    """Muscles classically implicated in a condition."""

    primary: tuple[MuscleRef, ...] = Field(min_length=1, description="muscles classically implicated")
    also: tuple[MuscleRef, ...] = Field((), description="muscles also commonly involved")


class Condition(Model):
    """A condition people look up, and the muscles tied to it."""

    id: Id
    name: Term = Field(description="plain name")
    clinical: Term = Field(description="clinical term")
    synonyms: tuple[Term, ...] = Field((), description="other names people search for")
    summary: Text = Field(description="2-4 sentences, with what is known about trigger points' part")
    regions: RegionRefs = Field(min_length=1, description="where it is usually felt")
    muscles: ConditionMuscles
    red_flags: tuple[Text, ...] = Field((), description="signs that need a doctor first")
    sources: SourceRefs = Field(min_length=1)


class RegionNotes(Model):
    """What a dry-needling session is like in one area of the body."""

    id: Id
    title: Term = Field(description="name of the area")
    position: Text = Field(description="how you are usually placed")
    feel: Text = Field(description="what needling here usually feels like")
    cautions: tuple[Text, ...] = Field(min_length=1, description="cautions for this area")
    red_flags: tuple[Text, ...] = Field((), description="warning signs in this area that need a doctor first")
    sources: SourceRefs = Field(min_length=1)


class SessionStep(Model):
    """One step of the general session guide."""

    id: Id
    title: Term
    text: Text
    sources: SourceRefs = ()


class Contraindication(Model):
    """A reason not to needle (absolute) or to ask first and adapt (relative)."""

    id: Id
    name: Term
    clinical: Term
    kind: Literal["absolute", "relative"] = Field(description="`absolute`: do not needle; `relative`: ask, adapt")
    text: Text
    sources: SourceRefs = ()


class RedFlag(Model):
    """A symptom that needs medical care first."""

    id: Id
    name: Term
    text: Text
    sources: SourceRefs = ()


class Session(Model):
    """The general guide to a dry-needling session."""

    intro: Text = Field(description="what dry needling is, and an honest line on the evidence")
    steps: tuple[SessionStep, ...] = Field(min_length=1, description="the session, in order")
    contraindications: tuple[Contraindication, ...] = Field(min_length=1)
    red_flags: tuple[RedFlag, ...] = Field(min_length=1, description="symptoms that need urgent care")
    disclaimer: Text = Field(description="the short, always-visible disclaimer")
    sources: SourceRefs = Field(min_length=1)


class Source(Model):
    """A bibliography entry."""

    key: Id = Field(description="the id other entries cite it by")
    citation: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=10, max_length=600), AfterValidator(_plain)
    ] = Field(description="full citation")
    url: Annotated[str, AfterValidator(_https)] | None = Field(None, description="https address")
    doi: Annotated[str, StringConstraints(pattern=r"^10\.\d{4,9}/\S+$", max_length=200)] | None = None


class LessonStep(Model):
    """One step of a lesson: one subject (a region, a muscle, a condition or marked places), how to show it,
    and what the presenter may say."""

    title: Term = Field(description="the step's heading on screen, e.g. 'The jaw muscles'")
    region: RegionRef | None = Field(None, description="a body area: its referring muscles are shown")
    muscle: MuscleRef | None = Field(None, description="a muscle: its trigger points and referral zones")
    condition: ConditionRef | None = Field(None, description="a condition: its muscles and where it is felt")
    pain: tuple[RegionRef, ...] = Field((), description="places marked as painful: the muscles that may explain them")
    side: Literal["left", "right"] | None = Field(None, description="the side shown (both when not given)")
    view: Annotated[str, AfterValidator(_view_choice)] | None = Field(
        None, description="the view shown: an id of the view choices in docs/deep-links.md, e.g. head-left")
    notes: tuple[Text, ...] = Field((), description="talking notes for the presenter (hidden from the audience)")

    @model_validator(mode="after")
    def _one_subject(self) -> LessonStep:
        given = [name for name in ("region", "muscle", "condition", "pain") if getattr(self, name)]
        if len(given) != 1:
            raise ValueError(f"a step shows exactly one of region, muscle, condition or pain (got {given or 'none'})")
        return self


class Lesson(Model):
    """A prepared sequence of steps to present, e.g. for a class or a patient talk."""

    id: Id
    title: Term = Field(description="e.g. 'Neck pain and headaches'")
    audience: Term = Field(description="who it is written for, e.g. 'Patients' or 'Physiotherapy students'")
    summary: Text = Field(description="one or two sentences on what it covers")
    steps: tuple[LessonStep, ...] = Field(min_length=1, max_length=40)
    sources: SourceRefs = Field((), description="sources for what the notes say")


class Clinic(Model):
    """A clinic pack's clinic: its name and contact line on every handout, and a note on every panel."""

    name: ClinicName = Field(description="the clinic's name, e.g. 'Harbour Physiotherapy'")
    contact: ContactLine = Field(description="one contact line printed on the handout, e.g. phone and web address")
    note: ShortText | None = Field(None, description="a short note shown on every panel, e.g. how to book")


class ClinicNote(Model):
    """The clinic's own words about a body area, shown on that area's panel and handout."""

    region: RegionRef = Field(description="the body area (a region's base id, e.g. `neck-back`)")
    text: ShortText = Field(description="the note, in plain words")


#: Top-level keys a data file may hold, and the model of one entry of each.
COLLECTIONS: dict[str, type[Model]] = {
    "regions": RegionSpec,
    "muscles": Muscle,
    "conditions": Condition,
    "region_notes": RegionNotes,
    "sources": Source,
    "drawings": Drawing,
    "lessons": Lesson,
}

#: What only a clinic pack (an overlay folder) holds: its clinic (one mapping) and its notes (a list).
CLINIC_PACK: dict[str, type[Model]] = {"clinic": Clinic, "clinic_notes": ClinicNote}
