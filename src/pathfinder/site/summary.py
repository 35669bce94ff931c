"""The summary box at the top of a role page: the facts people come for, in the first phone screen.

Each fact is taken from the data as it is (pay in pounds: the NHS pay table for the stage's bands and pay year,
sourced figures for other employers, the minimum wage for trainees; a job no source gives pay for says so in one
line), training time from the routes, typical hours with the sources that give them, the entry requirements and
the first registration rule); any other fact the data does not give is left out, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..graph import Pathways
from ..pay import NO_PAY_SOURCE, PRO_RATA, pay_parts
from ..schema import Hours, Source, Stage
from .origins import OriginGroup
from .render import lower_first, months_text

__all__ = ["Fact", "band_words", "headline_kinds", "hours_words", "pay_brief", "pay_sources", "pay_words", "role_facts",
           "route_line", "training_words"]


@dataclass(frozen=True)
class Fact:
    """One line of the summary box."""

    key: str
    """What the fact is about (pay, training, start, registration); browser tests find facts by it."""
    label: str
    text: str
    links: tuple[tuple[str, str], ...] = ()
    """(title, url) of stages the fact names, shown as links after the text."""


def band_words(stage: Stage) -> str | None:
    """The stage's NHS Agenda for Change band(s): "NHS band 4", "NHS bands 2 to 3"; None without pay."""
    if stage.pay is None or not stage.pay.bands:
        return None
    bands = stage.pay.bands
    return f"NHS band {bands[0]}" if len(bands) == 1 else f"NHS bands {bands[0]} to {bands[-1]}"


def pay_words(pathways: Pathways, stage: Stage) -> str | None:
    """Every sourced pay figure of the stage in pounds, NHS first, then other employers and (trainees) the minimum
    wage, ending with the part-time rule: "£28,392 to £31,157 a year in the NHS (band 4, 2026/27). £27,000 to ...".
    A job with no sourced figure gets the one plain line that says so; a course without pay gets None."""
    parts = pay_parts(pathways.pay, stage.pay)
    if not parts:
        return NO_PAY_SOURCE if stage.kind == "role" or stage.pay is not None else None
    return " ".join(f"{part[:1].upper()}{part[1:]}." for part in parts) + " " + PRO_RATA


def pay_brief(pathways: Pathways, stage: Stage) -> str | None:
    """The same figures in short, for lists of jobs that link to the full page: "£25,272 to £27,476 a year in the
    NHS; £16,000 to £21,000 a year at all kinds of employer." (no sources or pay year: the job's page gives them)."""
    parts = [re.sub(r" \([^)]*\)", "", part) for part in pay_parts(pathways.pay, stage.pay)]
    if not parts:
        return NO_PAY_SOURCE if stage.kind == "role" else None
    text = "; ".join(parts)
    return f"{text[:1].upper()}{text[1:]}."


def pay_sources(pathways: Pathways, stage: Stage) -> list[Source]:
    """The pages the stage's pay figures come from: the NHS pay table's year, other employers' figures and the
    minimum wage, for the page's list of sources."""
    pay, table = stage.pay, pathways.pay
    if pay is None:
        return []
    found = [table.year(pay.year) if table is not None and pay.year else None]
    sources = [y.source for y in found if y is not None] + [f.source for f in pay.elsewhere]
    if pay.minimum_wage and table is not None and table.minimum_wage is not None:
        sources.append(table.minimum_wage.source)
    return sources


def _route_words(group: OriginGroup) -> str:
    route = group.fastest
    names = " or ".join(lower_first(o.title) for o in group.origins[:3])
    if not route.short_time:
        return f"a direct step from {names}, with no set training time"
    paid = "earning a wage while you train" if route.earn_while_learning else "includes unpaid study"
    through = ", then ".join(step.title for step in route.steps[1:-1])
    if route.experience_varies or any(step.experience for step in route.steps):
        return f"from {names}{f' ({through})' if through else ''}: {route.time}; {paid}"
    return f"about {months_text(route.months)} from {names} ({through}), {paid}"


def headline_kinds(pathways: Pathways, ids: Iterable[str]) -> dict[str, str]:
    """Each origin's kind for ``training_words``: a starting point only for people who qualified before (a returner,
    someone trained abroad) is "qualified-start", so a job's headline training time is never a returner's month."""
    return {n: "qualified-start" if pathways.stage(n).already_qualified else str(pathways.graph.nodes[n]["kind"])
            for n in ids}


def route_line(group: OriginGroup) -> str:
    """The fastest route from one place a visitor may be now, in the words the summary box uses (the compare
    page shows one per starting point)."""
    return _route_words(group)


def training_words(groups: list[OriginGroup], kinds: dict[str, str]) -> str | None:
    """How long the training takes from the nearest starting point open to newcomers, and from the nearest job when
    that is nearer."""
    starts = [g for g in groups if kinds[g.id] == "start"]
    nearer_job = [g for g in groups[:1] if kinds[g.id] == "role" and g.fastest.short_time]
    parts = nearer_job + starts[:1]
    if not parts:
        return None
    words = "; ".join(_route_words(g) for g in parts)
    return words[:1].upper() + words[1:] + "."


def _number(hours: float) -> str:
    return f"{hours:g}"


def _one_figure(hours: Hours) -> str:
    amount = f"about {_number(hours.weekly)}" if hours.weekly_max in (None, hours.weekly) else \
        f"{_number(hours.weekly)} to {_number(hours.weekly_max or hours.weekly)}"
    where = " in the NHS" if hours.employer == "nhs" else ""
    note = f", {hours.note}" if hours.note else ""
    return f"{amount} a week{where}{note} ({hours.source.publisher or hours.source.title})"


def hours_words(stage: Stage) -> str | None:
    """Typical full-time hours, each figure named by its source: "37.5 a week in the NHS, may include shifts (NHS
    Health Careers)"; "Sources differ: ..." when their figures do not agree; None when no source gives hours."""
    if not stage.hours:
        return None
    words = "; ".join(_one_figure(h) for h in stage.hours)
    # Sources differ when no one figure fits every range given: 37.5 fits "37 to 40"; it does not fit "38 to 42".
    if max(h.weekly for h in stage.hours) > min(h.weekly_max or h.weekly for h in stage.hours):
        words = f"Sources differ: {words}"
    words = words[:1].upper() + words[1:]
    if all(h.employer == "nhs" for h in stage.hours):
        words += ". Outside the NHS, each employer sets its own hours"
    return words + "."


def _sentences(items: list[str]) -> str | None:
    """Every item as one run of sentences: the box holds all a role's entry requirements (there are few), so the
    page need not repeat them in a section of their own."""
    return " ".join(item if item.rstrip()[-1:] in ".!?" else f"{item.rstrip()}." for item in items) or None


def role_facts(pathways: Pathways, stage: Stage, groups: list[OriginGroup]) -> list[Fact]:
    """The summary box of a role page, in reading order; facts the data lacks are left out."""
    kinds = headline_kinds(pathways, (g.id for g in groups))  # only these: not every stage per page
    candidates = [
        ("pay", "Pay (salary)", pay_words(pathways, stage)),
        ("training", "Training", training_words(groups, kinds)),
        ("hours", "Hours (full time)", hours_words(stage)),
        ("start", "What you need to start", _sentences(stage.entry_requirements)),
        ("registration", "Registration", stage.regulation[0] if stage.regulation else None),
    ]
    return [Fact(key, label, text) for key, label, text in candidates if text]
