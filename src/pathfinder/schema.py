"""Typed models of one pathway stage: the only shape a file in ``pathways/`` may take.

Every model forbids unknown keys, so a typo is an error rather than a silently ignored field.
``stage_json_schema()`` publishes the same models as JSON Schema for editors.
"""

from __future__ import annotations

import itertools
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .routes import MAX_MONTHS as ROUTES_MAX_MONTHS

__all__ = [
    "FOLDER_FOR_KIND",
    "KINDS",
    "SETTINGS",
    "Apprenticeship",
    "DatedFact",
    "Duration",
    "Funding",
    "Hours",
    "Link",
    "Pay",
    "Skills",
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
#: Characters no text field may hold: control characters (tab and newline aside), bidirectional overrides and
#: invisible (zero-width) characters and Unicode noncharacters. They corrupt exports (XML has no U+FFFE), spoof
#: titles and write raw escapes to terminals.
#: Written with \\u escapes that Python, pydantic's Rust engine and JSON Schema's ECMA-262 regexes all read alike.
TEXT_PATTERN = (r"^[^\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064"
                r"\u2066-\u2069\ufdd0-\ufdef\ufeff\ufffe\uffff]*$")
#: A full https address with a host name and no user name or password in it.
URL_PATTERN = r"^https://[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(:[0-9]{1,5})?([/?#][^\s\u0000-\u001f\u007f-\u009f]*)?$"
YEAR_PATTERN = r"^[0-9]{4}/[0-9]{2}$"
STANDARD_PATTERN = r"^ST[0-9]{4}$"
#: Longest duration any stage may claim (ten years; more is a typo, not a course), and the most months a route
#: question may allow: one number, kept in the routes package.
MAX_MONTHS = ROUTES_MAX_MONTHS
#: Earliest date any file may give: the data describes current careers, so an older date is a typo.
EARLIEST_DATE = date(2000, 1, 1)
#: Fields a stage of each kind must have on top of those every stage needs.
REQUIRED_FOR_KIND: dict[str, tuple[str, ...]] = {"training": ("duration", "earn_while_learning")}


def _today(info: ValidationInfo) -> date:
    """Today, or the day a caller (a test, a check of old data) passes as ``context={"today": ...}``."""
    context = info.context if isinstance(info.context, dict) else {}
    today = context.get("today")
    return today if isinstance(today, date) else date.today()


def _not_too_early(day: date) -> date:
    if day < EARLIEST_DATE:
        raise PydanticCustomError("invalid-date", "{day} is before {earliest}: check the year",
                                  {"day": day.isoformat(), "earliest": EARLIEST_DATE.year})
    return day


def _not_in_the_future(day: date, info: ValidationInfo) -> date:
    if day > _today(info):
        raise PydanticCustomError("future-review", "reviewed date {day} is in the future",
                                  {"day": day.isoformat()})
    return day


def _consecutive_years(year: str) -> str:
    first, second = int(year[:4]), int(year[5:])
    if second != (first + 1) % 100:
        raise PydanticCustomError("invalid-value", "{year} does not run into the next year: write {fixed}",
                                  {"year": repr(year), "fixed": f'"{first}/{(first + 1) % 100:02d}"'})
    return year


def _ascending(values: list[int]) -> list[int]:
    if any(a >= b for a, b in itertools.pairwise(values)):
        raise PydanticCustomError("invalid-value", "list the bands lowest first, each once, for example [4, 5]; "
                                  "got {values}", {"values": values})
    return values


def _unique(values: list[str]) -> list[str]:
    repeated = sorted({v for v in values if values.count(v) > 1})
    if repeated:
        raise PydanticCustomError("invalid-value", "{repeated} is listed more than once: list each once",
                                  {"repeated": ", ".join(repeated)})
    return values


StageId = Annotated[str, Field(pattern=ID_PATTERN, min_length=2, max_length=80)]
Text = Annotated[str, Field(min_length=1, max_length=2000, pattern=TEXT_PATTERN)]
ShortText = Annotated[str, Field(min_length=1, max_length=200, pattern=TEXT_PATTERN)]
Months = Annotated[int, Field(ge=0, le=MAX_MONTHS)]
AcademicYear = Annotated[str, Field(pattern=YEAR_PATTERN), AfterValidator(_consecutive_years)]
#: Tells an editor the same as _not_too_early: a day written YYYY-MM-DD from the year 2000 on.
_FROM_2000 = Field(json_schema_extra={"pattern": "^2[0-9]{3}-"})
Day = Annotated[date, _FROM_2000, AfterValidator(_not_too_early)]
ReviewedDay = Annotated[date, _FROM_2000, AfterValidator(_not_too_early), AfterValidator(_not_in_the_future)]
Url = Annotated[str, Field(pattern=URL_PATTERN, max_length=2000)]


class _Model(BaseModel):
    # strict: a value must already have the type the field names ("3" is not 3, "yes" is not true), which is
    # exactly what the JSON Schema says, so the editor and the checker accept the same files.
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True, strict=True)


class Source(_Model):
    """A public page that supports what the stage says."""

    url: Url
    """Full https address of the source page."""
    title: ShortText
    """What the page is called, as a visitor would recognise it."""
    publisher: ShortText | None = None
    """Who published it, for example "General Pharmaceutical Council"."""


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

    bands: Annotated[list[Annotated[int, Field(ge=1, le=9)]], AfterValidator(_ascending)] = Field(
        min_length=1, max_length=4, json_schema_extra={"uniqueItems": True})
    """Agenda for Change band numbers, lowest first, for example [4, 5]."""
    year: AcademicYear
    """The NHS pay year the bands apply to, for example "2026/27"; it must be listed in pathways/figures/pay.yaml."""
    note: Text | None = None
    """Plain-English detail, such as pay outside the NHS; never NHS amounts in pounds (they come from the pay table)."""


class Funding(_Model):
    """One way the training is paid for."""

    summary: Text
    """Who pays and how, in plain English."""
    valid_until: Day | None = None
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

    standard: Annotated[str, Field(pattern=STANDARD_PATTERN)]
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


class DatedFact(_Model):
    """A fact that holds from, until or on a date: a fee, a rule due to start, a consultation awaiting its outcome.

    ``pathfinder check`` warns (date-passed) once a rule due to start or end has reached its date, or once
    ``check_by`` has passed, so the page is updated instead of going stale.
    """

    text: Text
    """The fact in plain words, without its date: the page adds the date."""
    event: Literal["from", "starts", "ends", "closed"]
    """How the date matters: in force from it, due to start or end on it, or (a consultation) closed on it."""
    when: date
    """The date itself."""
    precision: Literal["day", "month"] = "day"
    """"month" when sources give only the month (write the 1st in ``when``): the page then shows "September 2025"."""
    check_by: date | None = None
    """The day to look again, for example when a consultation's outcome is expected."""


WeeklyHours = Annotated[float, Field(gt=0, le=60, multiple_of=0.5)]


class Hours(_Model):
    """Typical full-time hours a week for a role, as one public source gives them.

    A role may list several: the NHS figure and a national careers figure, say. When they differ the page says
    that sources differ, and names each source.
    """

    weekly: WeeklyHours
    """Hours a week, or the lower end of a range, for example 37.5 or 37."""
    weekly_max: WeeklyHours | None = None
    """The upper end when the source gives a range, for example 40 for "37 to 40 a week"."""
    employer: Literal["nhs", "any"]
    """"nhs" when the figure is for NHS jobs only (Agenda for Change terms); "any" when a source gives it for the
    job wherever it is done. With only NHS figures, the page adds that other employers set their own hours."""
    note: ShortText | None = None
    """When the hours fall, in plain words and without the number, for example "may include shifts"."""
    source: Source
    """The page that gives the figure."""
    checked_on: ReviewedDay
    """The day someone read the figure on the source; `pathfinder check` warns when it is 18 months old."""

    @model_validator(mode="after")
    def _range_ordered(self) -> Hours:
        if self.weekly_max is not None and self.weekly_max < self.weekly:
            raise PydanticCustomError("out-of-range", "weekly_max must not be less than weekly")
        return self


class Skills(_Model):
    """The skills and personal qualities a role needs, as one public source lists them."""

    items: Annotated[list[ShortText], AfterValidator(_unique)] = Field(
        min_length=1, max_length=8, json_schema_extra={"uniqueItems": True})
    """Short plain items, one skill or quality each, in your own words, for example "Careful with detail"."""
    source: Source
    """The page that lists them."""
    checked_on: ReviewedDay
    """The day someone read the list on the source; `pathfinder check` warns when it is 18 months old."""


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
    settings: Annotated[list[Setting], AfterValidator(_unique)] = Field(
        default_factory=list, json_schema_extra={"uniqueItems": True})
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
    reviewed: ReviewedDay
    """The day someone last checked this stage against its sources."""
    dated_facts: list[DatedFact] = Field(default_factory=list)
    """Facts that change on a date (fees, rules due to start, consultations); each shown with its date."""
    final: bool = False
    """True for a role at the top of a ladder, with nowhere further to go; any other role needs a 'next' link."""
    hours: list[Hours] = Field(default_factory=list, max_length=4)
    """Typical full-time hours a week (roles), each figure with its source; leave out when no source gives them."""
    skills: Skills | None = None
    """The skills a role needs, with their source (roles); leave out when no source lists them."""

    model_config = ConfigDict(json_schema_extra=lambda schema: _require_for_kind(schema))

    @model_validator(mode="before")
    @classmethod
    def _kind_needs_its_fields(cls, data: Any, info: ValidationInfo) -> Any:
        # The loader checks this itself (with a better location, and without stopping the other checks).
        already_checked = isinstance(info.context, dict) and info.context.get("kind_checked")
        if isinstance(data, dict) and not already_checked:
            for field in REQUIRED_FOR_KIND.get(str(data.get("kind")), ()):
                if data.get(field) is None:
                    raise PydanticCustomError("missing-field",
                                              "a {kind} stage needs '{field}'", {"field": field, "kind": data["kind"]})
        return data

    @field_validator("hours", "skills")
    @classmethod
    def _only_for_roles(cls, value: Any, info: ValidationInfo) -> Any:
        # A job's hours and skills: a course or a starting point has neither, and its page would not show them.
        if value and info.data.get("kind", "role") != "role":
            raise PydanticCustomError("invalid-value", "only a role has '{field}': take it out of this {kind} stage",
                                      {"field": info.field_name, "kind": info.data["kind"]})
        return value

    @property
    def months(self) -> int:
        """Typical months spent in this stage before moving on; 0 when not given."""
        return self.duration.typical_months if self.duration else 0

    @property
    def folder(self) -> str:
        """Folder under pathways/ that this kind of stage lives in."""
        return FOLDER_FOR_KIND[self.kind]


def _require_for_kind(schema: dict[str, Any]) -> None:
    """Say in the JSON Schema what each kind needs, so an editor flags a training stage without a duration."""
    schema["allOf"] = [{"if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]},
                        "then": {"required": list(fields),
                                 "properties": {field: {"not": {"type": "null"}} for field in fields}}}
                       for kind, fields in REQUIRED_FOR_KIND.items()]
    # Only a role has hours and skills (an empty list or null is harmless anywhere).
    schema["allOf"].append({"if": {"properties": {"kind": {"not": {"const": "role"}}}, "required": ["kind"]},
                            "then": {"properties": {"hours": {"maxItems": 0}, "skills": {"type": "null"}}}})


def stage_json_schema() -> dict[str, Any]:
    """JSON Schema for one stage file, for editors such as VS Code's YAML extension."""
    schema = Stage.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    return schema
