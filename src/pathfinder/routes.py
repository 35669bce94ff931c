"""Route queries on the pathway graph.

Pure functions, graph first. This module imports only the standard library and networkx, so the same file
runs in the command line, the site build and the browser (Pyodide). Each node of ``G`` carries:

- ``kind``: "start", "role" or "training"
- ``title``: the stage's name
- ``months``: typical months spent in the stage before moving on (0 when not given)
- ``earn_while_learning``: for training, whether people usually earn during it
- ``settings``: list of settings the stage happens in

A route's ``months`` is the typical time from leaving ``start`` to arriving at ``goal``: the sum of ``months``
of every stage strictly between them. It earns throughout when every training stage between them earns.

>>> import networkx as nx
>>> G = nx.DiGraph()
>>> G.add_node("a", kind="start", title="A", months=0, earn_while_learning=None, settings=[])
>>> G.add_node("b", kind="training", title="B", months=24, earn_while_learning=True, settings=[])
>>> G.add_node("c", kind="role", title="C", months=0, earn_while_learning=None, settings=[])
>>> G.add_edges_from([("a", "b"), ("b", "c")])
>>> [(r.stages, r.months) for r in routes(G, "a", "c")]
[(('a', 'b', 'c'), 24)]
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

__all__ = [
    "NoRoute",
    "Route",
    "RouteError",
    "UnknownStage",
    "find_stage",
    "route_step_months",
    "routes",
    "routes_into",
    "what_next",
]

#: How many extra equally-long routes to read past ``limit`` so that ties are ordered the same way everywhere.
_TIE_LOOKAHEAD = 50


class RouteError(Exception):
    """Base class for route query errors."""


class UnknownStage(RouteError):
    """A name matched no stage; ``suggestions`` lists close ids."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.name = name
        self.suggestions = suggestions
        hint = f" Did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        super().__init__(f"No stage is called {name!r}.{hint}")


class NoRoute(RouteError):
    """No route joins the two stages under the filters given."""

    def __init__(self, start: str, goal: str, filtered: bool) -> None:
        self.start = start
        self.goal = goal
        self.filtered = filtered
        why = " with the filters you chose" if filtered else ""
        super().__init__(f"There is no route from {start} to {goal}{why}.")


@dataclass(frozen=True)
class Route:
    """One route: the stages in order, the typical total months and whether you earn throughout."""

    stages: tuple[str, ...]
    months: int
    earn_while_learning: bool

    def as_dict(self, G: nx.DiGraph) -> dict[str, Any]:
        """JSON-ready form: the contract of ``pathfinder route --json`` and the finder."""
        step_months = route_step_months(G, self.stages)
        return {
            "stages": list(self.stages),
            "months": self.months,
            "earn_while_learning": self.earn_while_learning,
            "step_months": step_months,
            "titles": [G.nodes[s]["title"] for s in self.stages],
        }


def find_stage(G: nx.DiGraph, name: str) -> str:
    """Return the id of the stage whose id or title is ``name``, ignoring case and spaces at the ends.

    >>> G = nx.DiGraph(); G.add_node("pharmacy-technician", title="Pharmacy technician")
    >>> find_stage(G, "PHARMACY technician ")
    'pharmacy-technician'
    """
    wanted = " ".join(name.split()).casefold()
    for node, data in G.nodes(data=True):
        if wanted in (node.casefold(), str(data.get("title", "")).casefold()):
            return str(node)
    names = {str(n).casefold(): str(n) for n in G}
    names.update({str(d.get("title", "")).casefold(): str(n) for n, d in G.nodes(data=True)})
    close = difflib.get_close_matches(wanted, list(names), n=3, cutoff=0.6)
    suggestions = list(dict.fromkeys(names[c] for c in close))
    raise UnknownStage(name, suggestions)


def route_step_months(G: nx.DiGraph, stages: Iterable[str]) -> list[int]:
    """Months each stage adds to a route: 0 for the first (where you are) and the last (where you arrive)."""
    stages = list(stages)
    return [0 if i in (0, len(stages) - 1) else int(G.nodes[s]["months"]) for i, s in enumerate(stages)]


def _earns(G: nx.DiGraph, stage: str) -> bool:
    data = G.nodes[stage]
    return data["kind"] != "training" or bool(data.get("earn_while_learning"))


def _avoided(G: nx.DiGraph, stage: str, avoid: frozenset[str]) -> bool:
    settings = G.nodes[stage].get("settings") or []
    return bool(avoid) and bool(settings) and set(settings) <= avoid


def _edge_weight(
    G: nx.DiGraph, start: str, goal: str, earn_while_learning: bool, avoid: frozenset[str]
) -> Callable[[str, str, dict[str, Any]], int | None]:
    """Weight of u -> v is the time spent in u; None hides the edge when v breaks a filter."""

    def weight(u: str, v: str, _data: dict[str, Any]) -> int | None:
        if v not in (start, goal) and (
            (earn_while_learning and not _earns(G, v)) or _avoided(G, v, avoid)
        ):
            return None
        return 0 if u == start else int(G.nodes[u]["months"])

    return weight


def _route(G: nx.DiGraph, path: list[str]) -> Route:
    inner = path[1:-1]
    return Route(
        stages=tuple(path),
        months=sum(int(G.nodes[s]["months"]) for s in inner),
        earn_while_learning=all(_earns(G, s) for s in inner),
    )


def _check_known(G: nx.DiGraph, *stages: str) -> None:
    for stage in stages:
        if stage not in G:
            close = difflib.get_close_matches(stage, [str(n) for n in G], n=3, cutoff=0.6)
            raise UnknownStage(stage, close)


def routes(
    G: nx.DiGraph,
    start: str,
    goal: str,
    *,
    earn_while_learning: bool = False,
    max_months: int | None = None,
    avoid_settings: Collection[str] = (),
    limit: int = 5,
) -> list[Route]:
    """Return up to ``limit`` simple routes from ``start`` to ``goal``, fastest first.

    Ties are ordered by number of steps, then by stage ids, so every caller sees the same order.
    ``earn_while_learning`` keeps routes whose training all pays; ``max_months`` drops slower routes;
    ``avoid_settings`` drops stages that happen only in the settings named.
    Raises ``UnknownStage`` for an id not in ``G`` and ``NoRoute`` when nothing is left.
    """
    _check_known(G, start, goal)
    if limit < 1:
        raise ValueError("limit must be at least 1")
    if start == goal:
        raise NoRoute(start, goal, filtered=False)
    avoid = frozenset(avoid_settings)
    weight = _edge_weight(G, start, goal, earn_while_learning, avoid)
    found: list[Route] = []
    try:
        for path in itertools.islice(nx.shortest_simple_paths(G, start, goal, weight=weight),
                                     limit + _TIE_LOOKAHEAD):
            route = _route(G, path)
            if max_months is not None and route.months > max_months:
                break
            if len(found) >= limit and route.months > found[limit - 1].months:
                break
            found.append(route)
    except nx.NetworkXNoPath:
        pass
    if not found:
        filtered = earn_while_learning or max_months is not None or bool(avoid)
        raise NoRoute(start, goal, filtered=filtered)
    found.sort(key=lambda r: (r.months, len(r.stages), r.stages))
    return found[:limit]


def what_next(G: nx.DiGraph, stage: str) -> list[dict[str, Any]]:
    """The stages one step on from ``stage``, each with what the step requires and any note.

    >>> G = nx.DiGraph(); G.add_edge("a", "b", requires=["GCSEs"], note=None)
    >>> what_next(G, "a")
    [{'to': 'b', 'requires': ['GCSEs'], 'note': None}]
    """
    _check_known(G, stage)
    return [
        {"to": str(v), "requires": list(d.get("requires") or []), "note": d.get("note")}
        for _, v, d in G.out_edges(stage, data=True)
    ]


def routes_into(
    G: nx.DiGraph,
    stage: str,
    *,
    origins: Iterable[str] | None = None,
    limit: int = 3,
) -> dict[str, list[Route]]:
    """Routes into ``stage`` from each origin that can reach it, keyed by origin id.

    Origins default to every starting point and every role; origins with no route are left out.
    """
    _check_known(G, stage)
    if origins is None:
        origins = [n for n, d in G.nodes(data=True) if d["kind"] in ("start", "role")]
    found: dict[str, list[Route]] = {}
    ancestors = nx.ancestors(G, stage)
    for origin in origins:
        if origin != stage and origin in ancestors:
            found[origin] = routes(G, origin, stage, limit=limit)
    return found
