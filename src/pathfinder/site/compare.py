"""The compare page (``compare/``): every job side by side, in the facts its own page shows.

Each cell comes from the helpers the role pages use (the summary box's facts, the routes from each starting
point, the links on), so a fact is worded once. The page is one complete table without JavaScript: a row per
question, a column per job. ``docs/javascripts/compare.js`` only chooses which columns show, from
``?roles=a,b,c`` (at most three), and keeps the address in step so it can be shared.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..graph import Pathways
from .map_svg import career_columns
from .origins import OriginGroup, origin_groups
from .pages import onward_links
from .render import lower_first, render, setting_label
from .summary import role_facts, route_line
from .terms import explain_terms

__all__ = ["COMPARE_PATH", "MOST_COMPARED", "Cell", "Row", "compare_page"]

COMPARE_PATH = "compare/index.md"
#: The most jobs shown side by side, as NHS Health Careers allows.
MOST_COMPARED = 3
_PREFIX = "../"
#: Starting points in the order DESIGN.md lists them; any others follow by title.
_START_ORDER = ("school-leaver", "career-changer")
_NOT_GIVEN = "Not given on this site."


@dataclass(frozen=True)
class Cell:
    """What one job says to one question: words, and links to the stages they name."""

    text: str
    links: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Row:
    """One question (pay, hours, time from a starting point...) with a cell per job, in column order."""

    key: str
    label: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Column:
    """One job."""

    id: str
    title: str
    url: str


def _earn_words(starts: list[tuple[str, str]], groups: dict[str, OriginGroup]) -> str:
    """Whether some route from each starting point pays throughout (the routes the role page shows)."""
    paid = [title for start, title in starts if start in groups
            and any(route.earn_while_learning for route in groups[start].routes)]
    unpaid = [title for start, title in starts if start in groups and title not in paid]
    if not paid and not unpaid:
        return _NOT_GIVEN
    if not unpaid:
        return "Yes: from every starting point there is a route where you earn a wage while you train."
    if not paid:
        return "No: every route here includes study without pay."
    return (f"Yes from {', '.join(lower_first(t) for t in paid)}; from {', '.join(lower_first(t) for t in unpaid)} "
            "every route includes study without pay.")


def compare_rows(pathways: Pathways) -> tuple[list[Column], list[Row]]:
    """The jobs in career order (as on the careers page) and the rows of the comparison."""
    G = pathways.graph
    order = career_columns(G)
    roles = sorted((n for n, kind in G.nodes(data="kind") if kind == "role"),
                   key=lambda n: (order[n], str(G.nodes[n]["title"]).casefold()))
    starts = sorted((n for n, kind in G.nodes(data="kind") if kind == "start"),
                    key=lambda n: (_START_ORDER.index(n) if n in _START_ORDER else len(_START_ORDER),
                                   str(G.nodes[n]["title"]).casefold()))
    start_titles = [(s, str(G.nodes[s]["title"])) for s in starts]
    columns, cells = [], []
    for role in roles:
        stage = pathways.stage(role)
        groups = origin_groups(G, role, _PREFIX)
        by_origin = {origin.id: group for group in groups for origin in group.origins}
        facts = {fact.key: fact.text for fact in role_facts(pathways, stage, groups)}
        onward = onward_links(G, role, _PREFIX)
        column: dict[str, Cell] = {
            "pay": Cell(facts.get("pay") or _NOT_GIVEN),
            "hours": Cell(facts.get("hours") or _NOT_GIVEN),
            "start": Cell(facts.get("start") or _NOT_GIVEN),
            **{f"from-{s}": Cell(route_line(by_origin[s]) + "." if s in by_origin else
                                 "No route from here on this site.") for s in starts},
            "earn": Cell(_earn_words(start_titles, by_origin)),
            "registration": Cell(facts.get("registration") or _NOT_GIVEN),
            "settings": Cell("; ".join(setting_label(s) for s in stage.settings) + "." if stage.settings
                             else _NOT_GIVEN),
            "next": Cell("", tuple((link.title, link.url) for link in onward)) if onward else
            Cell("This is the top of its ladder on this site." if stage.final else _NOT_GIVEN),
        }
        columns.append(Column(role, stage.title, _PREFIX + str(G.nodes[role]["url"])))
        cells.append(column)
    labels = [("pay", "Pay"), ("hours", "Hours (full time)"), ("start", "What you need to start"),
              *((f"from-{s}", f"Time to get there from: {title}") for s, title in start_titles),
              ("earn", "Earn while you learn"), ("registration", "Registration"),
              ("settings", "Where you work"), ("next", "Where next")]
    rows = [Row(key, label, tuple(column[key] for column in cells)) for key, label in labels]
    return columns, rows


def compare_page(pathways: Pathways) -> dict[str, str]:
    """``compare/index.md``: the whole table, and the form the script shows to choose up to three jobs."""
    columns, rows = compare_rows(pathways)
    page = render("compare.md.j2", columns=columns, rows=rows, most=MOST_COMPARED)
    return {COMPARE_PATH: explain_terms(page, pathways.glossary, _PREFIX + "glossary/")}
