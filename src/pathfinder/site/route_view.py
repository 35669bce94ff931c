"""Routes as templates show them: numbered steps with months, a running total and earn-while-you-learn marks."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from ..graph import stage_url
from ..routes import NoRoute, Route, route_step_months, routes, time_words
from ..routes.search import experience_fields
from ..routes.wording import experience_amount

__all__ = ["NEAREST_GOALS", "RouteView", "StepView", "nearest_goals", "route_views", "routes_between"]

#: Most jobs a starting point's page lists: the nearest ones, so a page stays bounded however big the graph.
NEAREST_GOALS = 40


@dataclass(frozen=True)
class StepView:
    """One numbered step of a route."""

    number: int
    id: str
    title: str
    kind: str
    url: str
    months: int
    total: int
    earns: bool | None
    """For training: whether you are usually paid during it; None for other kinds of stage."""
    experience: str = ""
    """The time in this job the next step asks for, in words ("then usually 1 year in this job"); "" for none."""


@dataclass(frozen=True)
class RouteView:
    """One route ready to print."""

    number: int
    months: int
    earn_while_learning: bool
    steps: tuple[StepView, ...]
    time: str = ""
    """The route's time in words, training and time in a job apart (``routes.time_words``)."""
    short_time: str = ""
    """The same in the fewest words, for lists ("about 2 years' training, then ..."); "" for a direct step."""
    experience_varies: bool = False
    """Whether a step asks for time in a job that no source puts a figure on."""

    @property
    def start(self) -> StepView:
        """The step you start from."""
        return self.steps[0]

    @property
    def goal(self) -> StepView:
        """The step you arrive at."""
        return self.steps[-1]


def _step(G: nx.DiGraph, number: int, stage_id: str, months: int, total: int, prefix: str,
          experience: str = "") -> StepView:
    data = G.nodes[stage_id]
    earns = bool(data.get("earn_while_learning")) if data["kind"] == "training" else None
    return StepView(number=number, id=stage_id, title=str(data["title"]), kind=str(data["kind"]),
                    url=prefix + stage_url(stage_id, data["kind"]), months=months, total=total, earns=earns,
                    experience=experience)


def _in_job(job: dict[str, object], first: bool) -> str:
    here = "here" if first else "in this job"
    if job["varies"] or not job["months"]:
        return f"then time {here}, which varies"
    return f"then {experience_amount(job)} {here}"


def route_view(G: nx.DiGraph, route: Route, number: int, prefix: str) -> RouteView:
    """A route with each step's months (training, then any time in the job the next step asks for) and the
    running total of both; ``prefix`` leads from the page to the site root."""
    step_months = route_step_months(G, route.stages)
    fields = experience_fields(G, route)
    in_job = {int(job["at"]): job for job in fields["experience"]}
    steps, total = [], 0
    for i, (stage_id, months) in enumerate(zip(route.stages, step_months, strict=True)):
        total += months
        words = _in_job(in_job[i], i == 0) if i in in_job else ""
        total += int(in_job[i]["months"]) if i in in_job else 0
        steps.append(_step(G, i + 1, stage_id, months, total, prefix, words))
    direct = not route.months and not route.experience
    return RouteView(number=number, months=route.months, earn_while_learning=route.earn_while_learning,
                     steps=tuple(steps),
                     time=time_words(route.training_months, fields["experience"], step_months=step_months),
                     short_time="" if direct else time_words(route.training_months, fields["experience"], short=True,
                                                            step_months=step_months),
                     experience_varies=route.experience_varies)


def route_views(G: nx.DiGraph, found: list[Route], prefix: str) -> list[RouteView]:
    """Numbered views of routes, in the order given (fastest first from ``routes``)."""
    return [route_view(G, route, number, prefix) for number, route in enumerate(found, 1)]


def nearest_goals(G: nx.DiGraph, start: str, kind: str = "role", most: int = NEAREST_GOALS) -> set[str]:
    """The stages of ``kind`` that ``start`` reaches, at most ``most``: the fastest to reach first (months, then
    steps, then id). One Dijkstra from ``start``, so choosing costs no more than the graph."""
    scale = int(G.number_of_nodes()) + 1

    def weight(u: str, _v: str, _data: object) -> int:
        return (0 if u == start else int(G.nodes[u]["months"])) * scale + 1

    cost = nx.single_source_dijkstra_path_length(G, start, weight=weight)
    reached = sorted((c, str(n)) for n, c in cost.items() if n != start and G.nodes[n]["kind"] == kind)
    return {n for _c, n in reached[:most]}


def routes_between(G: nx.DiGraph, start: str, goal: str, prefix: str, limit: int = 3) -> list[RouteView]:
    """Views of up to ``limit`` routes from ``start`` to ``goal``; empty when there is none."""
    try:
        return route_views(G, routes(G, start, goal, limit=limit), prefix)
    except NoRoute:
        return []
