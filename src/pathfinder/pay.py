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
from datetime import date
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .load import LoadedStage, load_data_file_of_entries
from .problems import Problem
from .schema import AcademicYear, Pay, PayFigure, PoundsAYear, ReviewedDay, SensibleDay, ShortText, Source, Text, _Model

__all__ = ["NO_PAY_SOURCE", "PAY_FILE", "PRO_RATA", "BandPoints", "HourlyRate", "MinimumWage", "PayRange",
           "PayTable", "PayYear", "UnknownPay", "elsewhere_text", "load_pay", "minimum_wage_text", "nhs_pay_text",
           "pay_parts", "pay_range", "pay_text", "stage_pay_problems"]

PAY_FILE = Path("figures") / "pay.yaml"

#: An Agenda for Change band as NHS Employers names it: 1 to 7, 8a to 8d, or 9.
BandName = Annotated[str, Field(pattern=r"^([1-7]|8[a-d]|9)$")]
PoundsAnHour = Annotated[float, Field(gt=0, le=100)]

#: What every pay line adds: amounts are full time, and part-time pay is a share of them.
PRO_RATA = "All full time. Part-time pay is pro rata (in line with your hours)."
#: The one plain line a job without any sourced pay shows, instead of leaving pay out.
NO_PAY_SOURCE = "We found no national source that gives pay for this job. Each employer sets its own pay."


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


class HourlyRate(_Model):
    """One legal minimum hourly rate for an age group."""

    who: ShortText
    """Who the rate is for, as GOV.UK words it, for example "21 and over"."""
    pounds: PoundsAnHour
    """The rate in pounds an hour, for example 12.71."""


class MinimumWage(_Model):
    """The National Minimum Wage and National Living Wage rates in force for a period (they change each April)."""

    start: SensibleDay
    """First day the rates apply, normally 1 April."""
    end: SensibleDay
    """Last day before the next rates; after it, stages that show the minimum wage get a warning."""
    apprentice: PoundsAnHour
    """The apprentice rate: for apprentices under 19, or 19 and over in the first year of the apprenticeship."""
    rates: list[HourlyRate] = Field(min_length=1)
    """The rates by age that apply after an apprentice's first year (from 19), highest age first."""
    source: Source
    """The GOV.UK page that gives the rates."""
    checked_on: ReviewedDay
    """The day someone read the rates on the source."""


class PayTable(_Model):
    """Every NHS pay year the site knows, newest first, and the minimum wage in force."""

    country: Literal["England"]
    """Whose pay scale this is: the pay points differ in Scotland, Wales and Northern Ireland."""
    years: list[PayYear] = Field(min_length=1)
    """One entry per pay year, newest first."""
    minimum_wage: MinimumWage | None = None
    """The legal minimum hourly rates, which trainee and apprentice pages show."""
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
    year = table.year(pay.year) if pay.year else None
    if year is None:
        raise UnknownPay(f"the pay table has no year {pay.year}")
    points = []
    for band in pay.bands:
        found = year.band(band)
        if found is None:
            raise UnknownPay(f"the pay table has no band {band} in {pay.year}")
        points.extend(found.points)
    return PayRange(year=year.year, low=min(points), high=max(points), bands=tuple(sorted(pay.bands)),
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


def _bands(bands: tuple[int, ...]) -> str:
    return f"band {bands[0]}" if len(bands) == 1 else f"bands {bands[0]} to {bands[-1]}"


def nhs_pay_text(table: PayTable, pay: Pay) -> str | None:
    """NHS pay with its band and year, "£28,392 to £31,157 a year in the NHS (band 4, 2026/27)"; None without
    bands. Raises UnknownPay when the table lacks the year or a band (`pathfinder check` reports it)."""
    if not pay.bands:
        return None
    found = pay_range(table, pay)
    amount = pounds(found.low) if found.low == found.high else f"{pounds(found.low)} to {pounds(found.high)}"
    return f"{amount} a year in the NHS ({_bands(found.bands)}, {found.year})"


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def _month(day: date) -> str:
    return f"{_MONTHS[day.month - 1]} {day.year}"


def elsewhere_text(figure: PayFigure) -> str:
    """Pay with other employers, named by its source and the month it was read.

    >>> from pathfinder.schema import Source
    >>> elsewhere_text(PayFigure(low=16000, high=21000, checked_on=date(2026, 12, 5),
    ...     source=Source(url="https://nationalcareers.service.gov.uk/job-profiles/pharmacy-assistant",
    ...                   title="Pharmacy assistant", publisher="National Careers Service")))
    '£16,000 to £21,000 a year at all kinds of employer (National Careers Service, December 2026)'
    """
    amount = pounds(figure.low) if figure.high in (None, figure.low) else \
        f"{pounds(figure.low)} to {pounds(figure.high or figure.low)}"
    job = f" for {figure.job}" if figure.job else ""
    who = figure.source.publisher or figure.source.title
    return f"{amount} a year{job} at all kinds of employer ({who}, {_month(figure.checked_on)})"


def _rate(amount: float) -> str:
    return f"£{amount:,.2f}"


def minimum_wage_text(wage: MinimumWage) -> str:
    """The legal minimum for a trainee or apprentice, with the day the rates started.

    >>> from pathfinder.schema import Source
    >>> text = minimum_wage_text(MinimumWage(start=date(2026, 4, 1), end=date(2027, 3, 31), apprentice=8.0,
    ...     rates=[HourlyRate(who="21 and over", pounds=12.71), HourlyRate(who="18 to 20", pounds=10.85)],
    ...     source=Source(url="https://www.gov.uk/national-minimum-wage-rates", title="Rates"),
    ...     checked_on=date(2026, 12, 5)))
    >>> text[:70]
    'By law, at least £8.00 an hour as an apprentice under 19 or in your fi'
    >>> text[-86:]
    'at least £12.71 an hour at 21 and over or £10.85 at 18 to 20 (rates from 1 April 2026)'
    """
    rates = " or ".join(f"{_rate(r.pounds)}{' an hour' if i == 0 else ''} at {r.who}"
                        for i, r in enumerate(wage.rates))
    return (f"By law, at least {_rate(wage.apprentice)} an hour as an apprentice under 19 or in your first year; "
            f"after that, at least {rates} (rates from {wage.start.day} {_month(wage.start)})")


def pay_parts(table: PayTable | None, pay: Pay | None) -> list[str]:
    """Each sourced pay figure of a stage as a phrase, NHS first; the minimum wage where the stage shows it. Empty
    when the data gives no figure (the page then says so with NO_PAY_SOURCE)."""
    if pay is None:
        return []
    parts = []
    if table is not None:
        try:
            nhs = nhs_pay_text(table, pay)
        except UnknownPay:  # reported by `pathfinder check`; the page falls back to the band
            nhs = f"NHS {_bands(tuple(pay.bands))} ({pay.year} pay year)"
        if nhs:
            parts.append(nhs)
    elif pay.bands:
        parts.append(f"NHS {_bands(tuple(pay.bands))} ({pay.year} pay year)")
    parts.extend(elsewhere_text(f) for f in pay.elsewhere)
    if pay.minimum_wage and table is not None and table.minimum_wage is not None:
        parts.append(minimum_wage_text(table.minimum_wage))
    return parts


def load_pay(pathways_dir: Path) -> tuple[PayTable | None, list[Problem]]:
    """Load the pay table under ``pathways_dir``; (None, []) when there is no pay file."""
    return load_data_file_of_entries(pathways_dir, PAY_FILE, PayTable, entries="years", key="year", noun="pay year")


def stage_pay_problems(table: PayTable, stages: Iterable[LoadedStage]) -> Iterator[Problem]:
    """Errors for stages whose pay names a year or band the table lacks: their pages could not show pounds."""
    for loaded in stages:
        pay = loaded.stage.pay
        if pay is None or pay.year is None:
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
