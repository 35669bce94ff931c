"""Routes as templates show them: numbered steps with months, a running total and earn-while-you-learn marks."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from ..graph import stage_url
from ..routes import NoRoute, Route, route_step_months, routes

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


@dataclass(frozen=True)
class RouteView:
    """One route ready to print."""

    number: int
    months: int
    earn_while_learning: bool
    steps: tuple[StepView, ...]

    @property
    def start(self) -> StepView:
        """The step you start from."""
        return self.steps[0]

    @property
    def goal(self) -> StepView:
        """The step you arrive at."""
        return self.steps[-1]


def _step(G: nx.DiGraph, number: int, stage_id: str, months: int, total: int, prefix: str) -> StepView:
    data = G.nodes[stage_id]
    earns = bool(data.get("earn_while_learning")) if data["kind"] == "training" else None
    return StepView(number=number, id=stage_id, title=str(data["title"]), kind=str(data["kind"]),
                    url=prefix + stage_url(stage_id, data["kind"]), months=months, total=total, earns=earns)


def route_view(G: nx.DiGraph, route: Route, number: int, prefix: str) -> RouteView:
    """A route with each step's months and the running total; ``prefix`` leads from the page to the site root."""
    steps, total = [], 0
    for i, (stage_id, months) in enumerate(zip(route.stages, route_step_months(G, route.stages), strict=True)):
        total += months
        steps.append(_step(G, i + 1, stage_id, months, total, prefix))
    return RouteView(number=number, months=route.months, earn_while_learning=route.earn_while_learning,
                     steps=tuple(steps))


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
