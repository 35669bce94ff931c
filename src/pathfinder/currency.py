"""Rules that need today's date: facts due for a check, reported by ``pathfinder check`` as located warnings.

- ``stale-review``: a stage last checked against its sources more than 18 months ago.
- ``lapsed-offer``: a funding offer past its ``valid_until`` and not marked ``closed``.
- ``pay-year-ended``: a stage whose NHS pay year has ended (move it to the current year in the pay table).
- ``date-passed``: a dated fact due to start or end whose date has passed, or whose ``check_by`` day has passed.

Pure functions over validated stages with "today" passed in, so tests never depend on the calendar.

>>> from datetime import date
>>> review_age_problem(date(2026, 1, 1), today=date(2026, 6, 1)) is None
True
>>> closing_date_text(date(2025, 2, 28))
'28 February 2025'
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from .load import LoadedStage
from .pay import PayTable
from .problems import Problem
from .schema import DatedFact, Funding, Stage

__all__ = [
    "DATED_CODES",
    "MAX_REVIEW_AGE_MONTHS",
    "TODAY_VARIABLE",
    "LapsedOffer",
    "closing_date_text",
    "current_date",
    "dated_fact_text",
    "dated_problems",
    "lapsed_offers",
    "months_between",
    "pay_year_end",
    "review_age_problem",
    "stage_dated_problems",
    "unannounced_lapsed_offers",
]

#: A stage must be checked against its sources at least this often.
MAX_REVIEW_AGE_MONTHS = 18
#: The warning codes these rules give: a page whose stage has one tells readers its facts are due for a check.
DATED_CODES = ("stale-review", "lapsed-offer", "pay-year-ended", "date-passed")

#: Environment variable that sets "today" for every dated rule (YYYY-MM-DD): tests pin it so no result depends on
#: the calendar, and a maintainer can ask what will be due later (PATHFINDER_TODAY=2027-04-02 pathfinder check).
TODAY_VARIABLE = "PATHFINDER_TODAY"

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


@dataclass(frozen=True)
class LapsedOffer:
    """A dated funding offer on a stage whose ``valid_until`` is before today."""

    stage_id: str
    index: int
    funding: Funding


def current_date() -> date:
    """Today, or the date in PATHFINDER_TODAY when it is set."""
    pinned = os.environ.get(TODAY_VARIABLE, "").strip()
    if not pinned:
        return date.today()
    try:
        return date.fromisoformat(pinned)
    except ValueError:
        raise ValueError(f"{TODAY_VARIABLE}={pinned!r} is not a date: write it as YYYY-MM-DD") from None


def months_between(earlier: date, later: date) -> int:
    """Whole calendar months from ``earlier`` to ``later``; negative when ``later`` comes first.

    >>> months_between(date(2025, 5, 25), date(2026, 11, 25))
    18
    >>> months_between(date(2025, 5, 26), date(2026, 11, 25))
    17
    """
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if later.day < earlier.day else months


def review_age_problem(reviewed: date, *, today: date, max_months: int = MAX_REVIEW_AGE_MONTHS) -> str | None:
    """Why a ``reviewed`` date is not acceptable today (in the future or too old), or None when it is fine."""
    if reviewed > today:
        return f"reviewed {reviewed.isoformat()} is in the future"
    age = months_between(reviewed, today)
    # Exactly max_months (same day of the month) is still fine; any day past it is too old.
    if age > max_months or (age == max_months and reviewed.day != today.day):
        return f"reviewed {reviewed.isoformat()} is more than {max_months} months ago"
    return None


def closing_date_text(day: date) -> str:
    """A date as GOV.UK style writes it, such as "28 February 2025": how a page tells readers an offer closed."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


_EVENT_WORDS = {"from": "from", "starts": "starts on", "ends": "ends on", "closed": "closed on"}


def dated_fact_text(fact: DatedFact) -> str:
    """A dated fact as a page shows it: the date in words, then the fact.

    >>> dated_fact_text(DatedFact(text="The consultation", event="closed", when=date(2025, 12, 24)))
    'Closed on 24 December 2025: The consultation.'
    >>> dated_fact_text(DatedFact(text="A fee of £138", event="from", when=date(2025, 9, 1), precision="month"))
    'From September 2025: A fee of £138.'
    """
    when = closing_date_text(fact.when) if fact.precision == "day" else closing_date_text(fact.when).split(" ", 1)[1]
    return f"{_EVENT_WORDS[fact.event].capitalize()} {when}: {fact.text.rstrip('.')}."


def lapsed_offers(stages: Iterable[Stage], *, today: date) -> Iterator[LapsedOffer]:
    """Every funding offer whose ``valid_until`` is before ``today``."""
    for stage in stages:
        for index, funding in enumerate(stage.funding):
            if funding.valid_until is not None and funding.valid_until < today:
                yield LapsedOffer(stage.id, index, funding)


def unannounced_lapsed_offers(stages: Iterable[Stage], *, today: date) -> list[LapsedOffer]:
    """Lapsed offers not marked ``closed``: a reader would take them for current offers."""
    return [offer for offer in lapsed_offers(stages, today=today) if not offer.funding.closed]


def pay_year_end(year: str, table: PayTable | None = None) -> date:
    """Last day of a pay year: the table's ``end`` when it lists the year, else 31 March of its second year.

    >>> pay_year_end("2025/26")
    datetime.date(2026, 3, 31)
    """
    listed = table.year(year) if table else None
    return listed.end if listed else date(int(year[:4]) + 1, 3, 31)


def _warning(loaded: LoadedStage, path: tuple[str | int, ...], code: str, message: str) -> Problem:
    return Problem(loaded.file, *loaded.positions.of(path), code, message, severity="warning")


def stage_dated_problems(loaded: LoadedStage, pay: PayTable | None, *, today: date) -> Iterator[Problem]:
    """The dated-fact warnings of one stage, each located on the value to update."""
    stage = loaded.stage
    if stage.reviewed <= today and review_age_problem(stage.reviewed, today=today):
        yield _warning(loaded, ("reviewed",), "stale-review",
                       f"last reviewed {stage.reviewed.isoformat()}, more than {MAX_REVIEW_AGE_MONTHS} months "
                       "ago: check the stage against its sources and update 'reviewed'")
    yield from _stale_cited_facts(loaded, today=today)
    for offer in unannounced_lapsed_offers([stage], today=today):
        yield _warning(loaded, ("funding", offer.index, "valid_until"), "lapsed-offer",
                       f"this offer ended on {closing_date_text(offer.funding.valid_until or today)}: "
                       "set 'closed: true' or remove it")
    if stage.pay is not None:
        end = pay_year_end(stage.pay.year, pay)
        if end < today:
            yield _warning(loaded, ("pay", "year"), "pay-year-ended",
                           f"pay year {stage.pay.year} ended on {closing_date_text(end)}: move the stage to the "
                           "current pay year in pathways/figures/pay.yaml")
    for index, fact in enumerate(stage.dated_facts):
        if fact.event in ("starts", "ends") and fact.when < today:
            yield _warning(loaded, ("dated_facts", index, "on"), "date-passed",
                           f"this was due to {fact.event.removesuffix('s')} on {closing_date_text(fact.when)}: "
                           "say what happened and update the fact")
        elif fact.check_by is not None and fact.check_by < today:
            yield _warning(loaded, ("dated_facts", index, "check_by"), "date-passed",
                           f"due for a check since {closing_date_text(fact.check_by)}: update the fact and "
                           "'check_by'")


def _stale_cited_facts(loaded: LoadedStage, *, today: date) -> Iterator[Problem]:
    """A role's hours and skills, a stage's other names and a link's experience are read from a source on a day; like
    the stage, they are due a check 18 months on (an advert is soon gone: the name may have gone with it)."""
    stage = loaded.stage
    cited: list[tuple[tuple[str | int, ...], date]] = [(("hours", i, "checked_on"), h.checked_on)
                                                        for i, h in enumerate(stage.hours)]
    if stage.skills is not None:
        cited.append((("skills", "checked_on"), stage.skills.checked_on))
    cited += [(("also_called", i, "checked_on"), also.checked_on) for i, also in enumerate(stage.also_called)]
    cited += [(("next", i, "experience", "checked_on"), link.experience.checked_on)
              for i, link in enumerate(stage.next) if link.experience is not None]
    for path, checked in cited:
        if checked <= today and review_age_problem(checked, today=today):
            yield _warning(loaded, path, "stale-review",
                           f"read on the source on {checked.isoformat()}, more than {MAX_REVIEW_AGE_MONTHS} months "
                           "ago: check the source again and update 'checked_on'")


def dated_problems(stages: Iterable[LoadedStage], pay: PayTable | None, *, today: date) -> list[Problem]:
    """Every dated-fact warning across the stages, as of ``today``."""
    return [problem for loaded in stages for problem in stage_dated_problems(loaded, pay, today=today)]
