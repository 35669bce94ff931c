"""Content rules that need today's date: stale reviews and dated offers that have run out.

Pure functions over validated stages, so the same rules can run in tests, in ``pathfinder check`` or in a
scheduled job.

>>> from datetime import date
>>> review_age_problem(date(2026, 1, 1), today=date(2026, 6, 1)) is None
True
>>> closing_date_text(date(2025, 2, 28))
'28 February 2025'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from .schema import Funding, Stage

__all__ = [
    "MAX_REVIEW_AGE_MONTHS",
    "LapsedOffer",
    "closing_date_text",
    "lapsed_offers",
    "months_between",
    "review_age_problem",
    "unannounced_lapsed_offers",
]

#: A stage must be checked against its sources at least this often.
MAX_REVIEW_AGE_MONTHS = 18

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


@dataclass(frozen=True)
class LapsedOffer:
    """A dated funding offer on a stage whose ``valid_until`` is before today."""

    stage_id: str
    index: int
    funding: Funding


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


def lapsed_offers(stages: Iterable[Stage], *, today: date) -> Iterator[LapsedOffer]:
    """Every funding offer whose ``valid_until`` is before ``today``."""
    for stage in stages:
        for index, funding in enumerate(stage.funding):
            if funding.valid_until is not None and funding.valid_until < today:
                yield LapsedOffer(stage.id, index, funding)


def unannounced_lapsed_offers(stages: Iterable[Stage], *, today: date) -> list[LapsedOffer]:
    """Lapsed offers not marked ``closed``: a reader would take them for current offers."""
    return [offer for offer in lapsed_offers(stages, today=today) if not offer.funding.closed]
