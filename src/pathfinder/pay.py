"""NHS pay in pounds: the Agenda for Change pay points for England by pay year, and how a stage's pay is worded.

Stages name only their band(s) and pay year (``pay: {bands: [4], year: 2026/27}``); the amounts live once, in
``pathways/figures/pay.yaml``, so updating pay each April is one file. ``pay_text`` and ``pay_range`` turn a
stage's bands into pounds for the pages.

>>> from datetime import date
>>> table = PayTable.model_validate({"country": "England", "reviewed": date(2026, 11, 26), "years": [{
...     "year": "2026/27", "start": date(2026, 4, 1), "end": date(2027, 3, 31),
...     "source": {"url": "https://www.nhsemployers.org/articles/pay-scales-202627", "title": "Pay scales"},
...     "bands": [{"band": "3", "points": [25760, 27476]}, {"band": "4", "points": [28392, 31157]}]}]})
>>> from pathfinder.schema import Pay
>>> pay_text(table, Pay(bands=[4], year="2026/27"))
'£28,392 to £31,157 a year (2026/27)'
>>> pay_range(table, Pay(bands=[3, 4], year="2026/27")).low
25760
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .load import LoadedStage, load_data_file_of_entries
from .problems import Problem
from .schema import AcademicYear, Pay, SensibleDay, Source, Text, _Model

__all__ = ["PAY_FILE", "BandPoints", "PayRange", "PayTable", "PayYear", "UnknownPay", "load_pay", "pay_range",
           "pay_text", "stage_pay_problems"]

PAY_FILE = Path("figures") / "pay.yaml"

#: An Agenda for Change band as NHS Employers names it: 1 to 7, 8a to 8d, or 9.
BandName = Annotated[str, Field(pattern=r"^([1-7]|8[a-d]|9)$")]
#: Full-time pay in pounds a year: below the lowest apprentice wage or far above the top of Agenda for Change
#: band 9 is a typo (a monthly amount, an extra digit), not pay.
MIN_POUNDS_A_YEAR, MAX_POUNDS_A_YEAR = 5_000, 250_000
PoundsAYear = Annotated[int, Field(ge=MIN_POUNDS_A_YEAR, le=MAX_POUNDS_A_YEAR)]


class BandPoints(_Model):
    """The pay points of one band in one pay year."""

    band: BandName
    """The band, for example "4" or "8a"."""
    points: list[PoundsAYear] = Field(min_length=1, max_length=5)
    """Annual full-time pay at each point of the band, in whole pounds, lowest first."""

    @model_validator(mode="after")
    def _lowest_first(self) -> BandPoints:
        if self.points != sorted(self.points):
            raise PydanticCustomError("out-of-range", "band {band} points must go from lowest to highest",
                                      {"band": self.band})
        return self


class PayYear(_Model):
    """The pay points for one pay year (1 April to 31 March), with the page they come from."""

    year: AcademicYear
    """The pay year, for example "2026/27"; stages name it in ``pay.year``."""
    start: SensibleDay
    """First day the amounts apply, normally 1 April."""
    end: SensibleDay
    """Last day the amounts apply, normally 31 March; after it, stages still on this year get a warning."""
    source: Source
    """The official page the amounts come from (NHS Employers' pay scales page for the year)."""
    checked_on_source: bool = True
    """False when the amounts were copied from a reliable copy of the source, not read on the page itself."""
    note: Text | None = None
    """Anything a maintainer should know: the award, how the amounts were checked."""
    bands: list[BandPoints] = Field(min_length=1)
    """The pay points of each band."""

    @model_validator(mode="after")
    def _sound(self) -> PayYear:
        if self.end <= self.start:
            raise PydanticCustomError("out-of-range", "pay year {year} must end after it starts", {"year": self.year})
        names = [b.band for b in self.bands]
        for name in names:
            if names.count(name) > 1:
                raise PydanticCustomError("invalid-value", "band {band} is listed twice in {year}",
                                          {"band": name, "year": self.year})
        return self

    def band(self, band: int | str) -> BandPoints | None:
        """The points of ``band`` (a stage's band number or a name such as "8a"), or None when not listed."""
        return next((b for b in self.bands if b.band == str(band)), None)


class PayTable(_Model):
    """Every NHS pay year the site knows, newest first."""

    country: Literal["England"]
    """Whose pay scale this is: the pay points differ in Scotland, Wales and Northern Ireland."""
    years: list[PayYear] = Field(min_length=1)
    """One entry per pay year, newest first."""
    reviewed: SensibleDay
    """The day someone last checked the amounts against their sources."""

    def year(self, year: str) -> PayYear | None:
        """The entry for ``year`` (such as "2026/27"), or None."""
        return next((y for y in self.years if y.year == year), None)


class UnknownPay(LookupError):
    """A stage names a pay year or band that the pay table does not hold."""


@dataclass(frozen=True)
class PayRange:
    """A stage's NHS pay in pounds: the lowest and highest annual full-time pay points of its bands."""

    year: str
    """The pay year, for example "2026/27"."""
    low: int
    """Lowest point of the lowest band, in pounds a year."""
    high: int
    """Highest point of the highest band, in pounds a year (equal to ``low`` for a one-point band)."""
    bands: tuple[int, ...]
    """The stage's bands, lowest first."""
    source: Source
    """Where the amounts come from."""


def pay_range(table: PayTable, pay: Pay) -> PayRange:
    """The lowest and highest pay of a stage's bands in its pay year; raises UnknownPay when the table lacks them."""
    year = table.year(pay.year)
    if year is None:
        raise UnknownPay(f"the pay table has no year {pay.year}")
    points = []
    for band in pay.bands:
        found = year.band(band)
        if found is None:
            raise UnknownPay(f"the pay table has no band {band} in {pay.year}")
        points.extend(found.points)
    return PayRange(year=pay.year, low=min(points), high=max(points), bands=tuple(sorted(pay.bands)),
                    source=year.source)


def pounds(amount: int) -> str:
    """Whole pounds as a page writes them.

    >>> pounds(108814)
    '£108,814'
    """
    return f"£{amount:,}"


def pay_text(table: PayTable, pay: Pay) -> str:
    """A stage's NHS pay in words, such as "£28,392 to £31,157 a year (2026/27)"; one amount for a one-point band."""
    found = pay_range(table, pay)
    amount = pounds(found.low) if found.low == found.high else f"{pounds(found.low)} to {pounds(found.high)}"
    return f"{amount} a year ({found.year})"


def load_pay(pathways_dir: Path) -> tuple[PayTable | None, list[Problem]]:
    """Load the pay table under ``pathways_dir``; (None, []) when there is no pay file."""
    return load_data_file_of_entries(pathways_dir, PAY_FILE, PayTable, entries="years", key="year", noun="pay year")


def stage_pay_problems(table: PayTable, stages: Iterable[LoadedStage]) -> Iterator[Problem]:
    """Errors for stages whose pay names a year or band the table lacks: their pages could not show pounds."""
    for loaded in stages:
        pay = loaded.stage.pay
        if pay is None:
            continue
        year = table.year(pay.year)
        if year is None:
            known = ", ".join(y.year for y in table.years)
            yield Problem(loaded.file, *loaded.positions.of(("pay", "year")), "unknown-pay-year",
                          f"pay year {pay.year} is not in pathways/{PAY_FILE.as_posix()} (it has {known})")
            continue
        for i, band in enumerate(pay.bands):
            if year.band(band) is None:
                yield Problem(loaded.file, *loaded.positions.of(("pay", "bands", i)), "unknown-pay-band",
                              f"band {band} has no pay points for {pay.year} in pathways/{PAY_FILE.as_posix()}")
