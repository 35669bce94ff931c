"""The answers at the top of a starting point's page, and its short list of jobs within reach.

Everything is read off the graph and the routes: the jobs you can get first, the training you can take from
here and whether it pays, what you need (the stage's first entry requirement) and how long the fastest route
to a registered pharmacy technician takes. No route to every job is listed: each job's page has those.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from ..graph import stage_url
from ..routes import NoRoute, Route, routes, time_words
from ..schema import Stage
from .render import short_months
from .route_view import nearest_goals
from .summary import Fact

__all__ = ["JobInReach", "jobs_in_reach", "start_facts"]

#: The registered role most visitors ask about (a DESIGN.md contract id).
HEADLINE_ROLE = "pharmacy-technician"


@dataclass(frozen=True)
class JobInReach:
    """A job a visitor can reach from a starting point, with its fastest route's length."""

    id: str
    title: str
    url: str
    months: int
    earns: bool
    first: bool
    """True when no other job comes before it on its fastest route."""
    time: str = ""
    """The fastest route's time in the fewest words, training and time in a job apart; "" for a direct step."""


def jobs_in_reach(G: nx.DiGraph, start: str, prefix: str) -> list[JobInReach]:
    """The jobs nearest to ``start`` (``route_view.nearest_goals``: a bounded list, however big the graph),
    fastest first, each with its fastest route's months."""
    found = []
    for goal in nearest_goals(G, start):
        try:
            fastest = routes(G, start, goal, limit=1)[0]
        except NoRoute:
            continue
        first = all(G.nodes[s]["kind"] != "role" for s in fastest.stages[1:-1])
        found.append(JobInReach(goal, str(G.nodes[goal]["title"]), prefix + stage_url(goal, "role"), fastest.months,
                                fastest.earn_while_learning, first, _short_time(G, fastest)))
    return sorted(found, key=lambda j: (j.months, j.title))


def _training_words(G: nx.DiGraph, start: str) -> str | None:
    paid: list[str] = []
    unpaid: list[str] = []
    for step in sorted(G.successors(start), key=lambda n: int(G.nodes[n]["months"])):
        data = G.nodes[step]
        if data["kind"] == "training":
            words = f"{data['title']} ({short_months(int(data['months']))})"
            (paid if data.get("earn_while_learning") else unpaid).append(words)
    parts = []
    if paid:
        parts.append("Paid while you train: " + "; ".join(paid) + ".")
    if unpaid:
        parts.append("Usually unpaid: " + "; ".join(unpaid) + ".")
    return " ".join(parts) or None


def _short_time(G: nx.DiGraph, route: Route) -> str:
    if not route.months and not route.experience:
        return ""
    shown = route.as_dict(G)
    return time_words(route.training_months, shown["experience"], short=True, step_months=shown["step_months"])


def _route_time(G: nx.DiGraph, start: str, goal: str) -> str:
    fastest = routes(G, start, goal, limit=1)[0]
    paid = "paid while you train" if fastest.earn_while_learning else "with some unpaid study"
    return f"{G.nodes[goal]['title']}: {_short_time(G, fastest) or 'no set training time'}, {paid}"


def _time_words(G: nx.DiGraph, start: str, jobs: list[JobInReach]) -> str | None:
    """The fastest first job with training, then the headline role, each with its time and whether it pays."""
    goals = [j.id for j in jobs if j.first and j.months][:1]
    if HEADLINE_ROLE in G and nx.has_path(G, start, HEADLINE_ROLE) and HEADLINE_ROLE not in goals:
        goals.append(HEADLINE_ROLE)
    return " ".join(f"{_route_time(G, start, goal)}." for goal in goals) or None


def start_facts(G: nx.DiGraph, stage: Stage, jobs: list[JobInReach]) -> list[Fact]:
    """Three or four plain answers for the top of a starting point's page; answers the data lacks are left out."""
    # A job you can apply for now is not the same as one you must train for first (issue 16 section 4).
    start_now = tuple((j.title, j.url) for j in jobs if j.first and not j.months)
    train_for = tuple((j.title, j.url) for j in jobs if j.first and j.months)
    facts = [Fact("jobs", "Jobs you can start in", "", start_now)] if start_now else []
    facts += [Fact("train-for", "Jobs you can train for", "", train_for)] if train_for else []
    candidates = [
        ("training", "Training", _training_words(G, stage.id)),
        ("start", "What you need", stage.entry_requirements[0] if stage.entry_requirements else None),
        ("time", "How long", _time_words(G, stage.id, jobs)),
    ]
    return facts + [Fact(key, label, text) for key, label, text in candidates if text]
