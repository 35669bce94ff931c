"""Typed models of one pathway stage: the only shape a file in ``pathways/`` may take.

Every model forbids unknown keys, so a typo is an error rather than a silently ignored field.
``stage_json_schema()`` publishes the same models as JSON Schema for editors.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .routes import MAX_MONTHS as ROUTES_MAX_MONTHS

__all__ = [
    "FOLDER_FOR_KIND",
    "KINDS",
    "SETTINGS",
    "Apprenticeship",
    "Duration",
    "Funding",
    "Link",
    "Pay",
    "Source",
    "Stage",
    "stage_json_schema",
]

SCHEMA_ID = "https://pharmacy-careers-pathways.invalid/schema/stage.json"

Kind = Literal["start", "role", "training"]
KINDS: tuple[str, ...] = ("start", "role", "training")
#: Folder under ``pathways/`` that holds each kind of stage.
FOLDER_FOR_KIND: dict[str, str] = {"start": "start", "role": "roles", "training": "training"}

Setting = Literal[
    "hospital",
    "community-pharmacy",
    "general-practice",
    "aseptic-unit",
    "care-home",
    "mental-health",
    "industry",
    "college-or-university",
]
SETTINGS: tuple[str, ...] = Setting.__args__  # type: ignore[attr-defined]

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
#: Longest duration any stage may claim (ten years; more is a typo, not a course), and the most months a route
#: question may allow: one number, kept in routes.py.
MAX_MONTHS = ROUTES_MAX_MONTHS

StageId = Annotated[str, Field(pattern=ID_PATTERN, min_length=2, max_length=80)]
Text = Annotated[str, Field(min_length=1, max_length=2000)]
ShortText = Annotated[str, Field(min_length=1, max_length=200)]
Months = Annotated[int, Field(ge=0, le=MAX_MONTHS)]
AcademicYear = Annotated[str, Field(pattern=r"^\d{4}/\d{2}$")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class Source(_Model):
    """A public page that supports what the stage says."""

    url: str
    """Full https address of the source page."""
    title: ShortText
    """What the page is called, as a visitor would recognise it."""
    publisher: ShortText | None = None
    """Who published it, for example "General Pharmaceutical Council"."""

    @field_validator("url")
    @classmethod
    def _must_be_https(cls, url: str) -> str:
        if not re.match(r"^https://[^\s/$.?#][^\s]*\.[^\s]+$", url):
            raise PydanticCustomError("insecure-source", "source url must be a full https:// address, got {url}",
                                      {"url": repr(url)})
        return url


class Duration(_Model):
    """How long a stage usually takes, in months."""

    typical_months: Months
    """The usual length: what route totals add up."""
    min_months: Months | None = None
    """The shortest it can take, if a source gives one."""
    max_months: Months | None = None
    """The longest it normally takes, if a source gives one."""
    note: Text | None = None
    """Plain-English detail, such as part-time options."""

    @model_validator(mode="after")
    def _ordered(self) -> Duration:
        low = self.min_months if self.min_months is not None else self.typical_months
        high = self.max_months if self.max_months is not None else self.typical_months
        if not low <= self.typical_months <= high:
            raise PydanticCustomError("out-of-range",
                                      "duration must satisfy min_months <= typical_months <= max_months")
        return self


class Pay(_Model):
    """Pay for the stage on the NHS Agenda for Change scale, with the year it applies to."""

    bands: list[Annotated[int, Field(ge=1, le=9)]] = Field(min_length=1, max_length=4)
    """Agenda for Change band numbers, lowest first, for example [4, 5]."""
    year: AcademicYear
    """The pay year the bands or amounts apply to, for example "2025/26"."""
    note: Text | None = None
    """Plain-English detail: amounts, employers outside the NHS, how pay rises."""


class Funding(_Model):
    """One way the training is paid for."""

    summary: Text
    """Who pays and how, in plain English."""
    valid_until: date | None = None
    """Last day a dated offer applies; leave out for standing arrangements."""
    year: AcademicYear | None = None
    """The year an amount applies to, if the summary gives one."""
    closed: bool = False
    """True once a dated offer has closed; the page then shows it as closed. An offer past valid_until must say so."""

    @model_validator(mode="after")
    def _closed_needs_a_date(self) -> Funding:
        if self.closed and self.valid_until is None:
            raise PydanticCustomError("missing-field", "a closed offer needs '{field}'", {"field": "valid_until"})
        return self


class Apprenticeship(_Model):
    """The apprenticeship standard a training stage follows."""

    standard: Annotated[str, Field(pattern=r"^ST\d{4}$")]
    """Reference of the apprenticeship standard, for example "ST0300"."""
    level: Annotated[int, Field(ge=1, le=8)]
    """Qualification level of the standard."""
    title: ShortText
    """Official title of the standard."""
    off_the_job_percent: Annotated[int, Field(ge=0, le=100)] | None = None
    """Share of paid hours spent in off-the-job training, if the standard sets one."""


class Link(_Model):
    """A step from this stage to another."""

    to: StageId
    """Id of the stage this one can lead to."""
    requires: list[Text] = Field(default_factory=list)
    """What you need before you can take this step."""
    note: Text | None = None
    """Anything else a visitor should know about the step."""
    needs: list[StageId] = Field(default_factory=list)
    """Qualifications the step needs, as ids from ``pathways/figures/qualifications.yaml``; the finder adds the
    step that gets one when a visitor says they lack it. ``requires`` keeps the words for everything else."""


class Stage(_Model):
    """One place on a career path: a starting point, a job, or a course of training."""

    id: StageId
    """Stable kebab-case id; must equal the file name without .yaml and is never reused."""
    kind: Kind
    """start, role or training; decides the folder and the page's address."""
    title: ShortText
    """Name of the stage as a visitor would say it."""
    summary: Text
    """Two or three plain sentences a 14-year-old can follow."""
    what_you_do: list[Text] = Field(default_factory=list)
    """The main things you do, one per item."""
    settings: list[Setting] = Field(default_factory=list)
    """Where the work or training happens."""
    entry_requirements: list[Text] = Field(default_factory=list)
    """What you usually need to start, one per item; say where sources differ."""
    pay: Pay | None = None
    """Pay band and the year it applies to."""
    duration: Duration | None = None
    """How long the stage usually lasts before the next step (required for training)."""
    level: Annotated[int, Field(ge=1, le=8)] | None = None
    """Qualification level (RQF) of the training or of the role's usual qualification."""
    apprenticeship: Apprenticeship | None = None
    """The apprenticeship standard, for training that can be done as an apprenticeship."""
    earn_while_learning: bool | None = None
    """True when people usually earn a wage during this training (required for training)."""
    funding: list[Funding] = Field(default_factory=list)
    """Who pays for the training; dated offers carry valid_until."""
    regulation: list[Text] = Field(default_factory=list)
    """What the regulator (the GPhC) requires, one rule per item."""
    caveats: list[Text] = Field(default_factory=list)
    """Where sources disagree or a fact is uncertain or changing, said plainly."""
    next: list[Link] = Field(default_factory=list)
    """Stages this one can lead to."""
    sources: list[Source] = Field(min_length=1)
    """Public pages that support what this stage says; at least one."""
    reviewed: date
    """The day someone last checked this stage against its sources."""

    @model_validator(mode="before")
    @classmethod
    def _training_needs_time_and_pay_status(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("kind") == "training":
            for field in ("duration", "earn_while_learning"):
                if data.get(field) is None:
                    raise PydanticCustomError("missing-field",
                                              "a training stage needs '{field}'", {"field": field})
        return data

    @property
    def months(self) -> int:
        """Typical months spent in this stage before moving on; 0 when not given."""
        return self.duration.typical_months if self.duration else 0

    @property
    def folder(self) -> str:
        """Folder under pathways/ that this kind of stage lives in."""
        return FOLDER_FOR_KIND[self.kind]


def stage_json_schema() -> dict[str, Any]:
    """JSON Schema for one stage file, for editors such as VS Code's YAML extension."""
    schema = Stage.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    return schema
