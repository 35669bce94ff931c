"""The funded training page (``funded-training/``): every funding offer in the stages' data, open, coming up or
closed, by date, each with its source and the day it ends.

An offer is closed once it says so or its ``valid_until`` has passed (``pathfinder check`` warns about the second
until the data says so too); coming up when the year it applies to has not begun; otherwise open, the ones that
end soonest first and standing arrangements (no end date) after them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..graph import Pathways
from ..schema import Funding, Source, Stage
from .render import render

__all__ = ["FUNDING_PATH", "Offer", "funding_page", "offers"]

FUNDING_PATH = "funded-training/index.md"
_PREFIX = "../"


@dataclass(frozen=True)
class Offer:
    """One funding offer, where it leads and how it stands on the day the site was built."""

    stage_title: str
    stage_url: str
    summary: str
    year: str | None
    valid_until: date | None
    source: Source | None
    state: str
    """"open", "upcoming" or "closed"."""


def _year_started(year: str, today: date) -> bool:
    """Whether a year such as "2026/27" has begun: from April of its first year, when the earlier of the
    financial and academic years starts."""
    return today >= date(int(year[:4]), 4, 1)


def _state(funding: Funding, today: date) -> str:
    if funding.closed or (funding.valid_until is not None and funding.valid_until < today):
        return "closed"
    if funding.year is not None and not _year_started(funding.year, today):
        return "upcoming"
    return "open"


def offers(stages: list[Stage], urls: dict[str, str], today: date) -> dict[str, list[Offer]]:
    """Every offer by state, in date order: open ones ending soonest first (no end date last), upcoming ones by
    year, closed ones most recently closed first."""
    found: dict[str, list[Offer]] = {"open": [], "upcoming": [], "closed": []}
    for stage in sorted(stages, key=lambda s: s.title.casefold()):
        for funding in stage.funding:
            state = _state(funding, today)
            found[state].append(Offer(stage.title, _PREFIX + urls[stage.id], funding.summary, funding.year,
                                      funding.valid_until, funding.source, state))
    far = date.max
    found["open"].sort(key=lambda o: (o.valid_until or far, o.year or ""))
    found["upcoming"].sort(key=lambda o: (o.year or "", o.valid_until or far))
    found["closed"].sort(key=lambda o: o.valid_until or date.min, reverse=True)
    return found


def funding_page(pathways: Pathways, today: date) -> dict[str, str]:
    """``funded-training/index.md``."""
    G = pathways.graph
    stages = [loaded.stage for loaded in pathways.stages.values() if loaded.stage.funding]
    urls = {stage.id: str(G.nodes[stage.id]["url"]) for stage in stages}
    return {FUNDING_PATH: render("funding.md.j2", offers=offers(stages, urls, today), today=today)}
