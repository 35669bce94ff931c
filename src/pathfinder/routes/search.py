"""Path search: the fastest simple routes between two stages, and into one stage from many.

Pure functions, graph first; standard library and networkx only (the finder runs this in Pyodide). See the
package docstring for what each node of ``G`` carries.
"""

from __future__ import annotations

import difflib
import functools
import heapq
import itertools
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

__all__ = [
    "MAX_LIMIT",
    "MAX_MONTHS",
    "MAX_ORIGINS",
    "ROUTE_LIMIT",
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


#: The most routes any answer lists: the finder, the CLI's default and the role pages.
ROUTE_LIMIT = 5
#: The most months a question may allow (the stage files' own limit for one stage, too).
MAX_MONTHS = 120

#: How many extra equally-long routes Yen's algorithm reads past ``limit`` so that ties are ordered the same way
#: everywhere (the exact search needs none).
_TIE_LOOKAHEAD = 50
#: Most routes one query may ask for, so that a query's work stays polynomial in the size of the graph.
MAX_LIMIT = 100
#: Most origins ``routes_into`` lists by default: a page (and the finder's precomputed answers) stays bounded
#: however many stages lead to a job. 24 leaves room above the 21 starting points and jobs that lead to the
#: manager role today, so every real question has a precomputed answer.
MAX_ORIGINS = 24
#: Queue entries the exact search may make before it hands over to Yen's algorithm (only loops can use it up).
_SEARCH_BUDGET = 200_000


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


#: One stretch of time in a job that a step asks for: (the job's stage id, months, whether the time varies, what the
#: source says in words, whether the months are a minimum rather than the usual time).
Leg = tuple[str, int, bool, str, bool]


@dataclass(frozen=True)
class Route:
    """One route: the stages in order, the typical total months and whether you earn throughout.

    ``months`` is training plus experience: the time in the stages between the ends, plus ``experience``, the
    time in a job that later steps ask for (a leg whose time varies counts 0 and makes ``experience_varies``).
    """

    stages: tuple[str, ...]
    months: int
    earn_while_learning: bool
    experience: tuple[Leg, ...] = ()

    @property
    def experience_months(self) -> int:
        """Months of time in a job counted in ``months`` (sourced figures only)."""
        return sum(leg[1] for leg in self.experience)

    @property
    def training_months(self) -> int:
        """Months of training and courses: ``months`` less the experience."""
        return self.months - self.experience_months

    @property
    def experience_varies(self) -> bool:
        """Whether a step asks for time in a job that no source puts a figure on."""
        return any(leg[2] for leg in self.experience)

    def as_dict(self, G: nx.DiGraph) -> dict[str, Any]:
        """JSON-ready form: the contract of ``pathfinder route --json`` and the finder."""
        step_months = route_step_months(G, self.stages)
        return {
            "stages": list(self.stages),
            "months": self.months,
            "earn_while_learning": self.earn_while_learning,
            "step_months": step_months,
            "titles": [G.nodes[s]["title"] for s in self.stages],
            **experience_fields(G, self),
        }


def experience_fields(G: nx.DiGraph, route: Route) -> dict[str, Any]:
    """The route's months apart (training, experience) and each stretch of time in a job, for its dict."""
    return {
        "training_months": route.training_months,
        "experience_months": route.experience_months,
        "experience_varies": route.experience_varies,
        "experience": [{"at": route.stages.index(stage), "title": str(G.nodes[stage]["title"]), "months": months,
                        "varies": varies, "at_least": at_least, "text": text,
                        "others": _like_jobs(G, route.stages, route.stages.index(stage)) if varies else []}
                       for stage, months, varies, text, at_least in route.experience],
    }


def _like_jobs(G: nx.DiGraph, stages: Sequence[str], at: int) -> list[str]:
    """Other jobs that would do as well as ``stages[at]`` on this route: reached from the same step in the same
    way and leading on to the same next step after time that varies. Without them a route reads as if only the
    job the search met first (say aseptic) led on, when several do (say to a specialist post)."""
    if not 0 < at < len(stages) - 1:
        return []
    before, job, after = stages[at - 1], stages[at], stages[at + 1]

    def way_in(stage: str) -> tuple[Any, ...]:
        data = G.edges[before, stage]
        return (G.nodes[stage]["kind"], G.nodes[stage].get("months"), _edge_months(data), _edge_varies(data))

    return sorted(str(G.nodes[other]["title"]) for other in G.successors(before)
                  if other not in (job, after) and G.has_edge(other, after) and way_in(other) == way_in(job)
                  and _edge_varies(G.edges[other, after]))


def experience_leg(G: nx.DiGraph, u: str, v: str) -> Leg | None:
    """The time in ``u`` that the step to ``v`` asks for, or None (no experience asked, or it is the training's
    own time)."""
    experience = G.edges[u, v].get("experience")
    if not experience or experience.get("within_training"):
        return None
    at_least = experience.get("min_months") is not None and int(experience["min_months"]) == int(experience["months"])
    return (u, int(experience.get("months") or 0), bool(experience.get("varies")), str(experience.get("text", "")),
            at_least)


def _edge_months(data: dict[str, Any]) -> int:
    """Months of experience an edge's data asks for (0 when none, when it varies or when training covers it)."""
    experience = data.get("experience")
    if not experience or experience.get("within_training"):
        return 0
    return int(experience.get("months") or 0)


def _edge_varies(data: dict[str, Any]) -> bool:
    experience = data.get("experience")
    return bool(experience and experience.get("varies") and not experience.get("within_training"))


def find_stage(G: nx.DiGraph, name: str) -> str:
    """Return the id of the stage whose id, title or other name (``also_called``) is ``name``, ignoring case and
    spaces at the ends.

    >>> G = nx.DiGraph(); G.add_node("pharmacy-technician", title="Pharmacy technician", also_called=["PTPT"])
    >>> find_stage(G, "PHARMACY technician "), find_stage(G, "ptpt")
    ('pharmacy-technician', 'pharmacy-technician')
    """
    wanted = " ".join(name.split()).casefold()
    names: dict[str, str] = {}
    for node, data in G.nodes(data=True):
        for known in (node, data.get("title", ""), *(data.get("also_called") or ())):
            names.setdefault(" ".join(str(known).split()).casefold(), str(node))
    if wanted in names:
        return names[wanted]
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
    if not avoid:  # the usual case, checked first: route search calls this for every edge it weighs
        return False
    settings = G.nodes[stage].get("settings") or []
    return bool(settings) and set(settings) <= avoid


def _allowed(
    G: nx.DiGraph, start: str, goal: str, earn_while_learning: bool, avoid: frozenset[str]
) -> Callable[[str], bool]:
    """Whether a route may pass through a stage under the filters; the two ends always may."""

    def allowed(v: str) -> bool:
        return v in (start, goal) or not ((earn_while_learning and not _earns(G, v)) or _avoided(G, v, avoid))

    return allowed


def _edge_weight(
    G: nx.DiGraph, start: str, goal: str, earn_while_learning: bool, avoid: frozenset[str]
) -> Callable[[str, str, dict[str, Any]], int | None]:
    """Weight of u -> v is the time spent in u, then one step (see ``_scale``); None hides the edge when v
    breaks a filter."""
    allowed = _allowed(G, start, goal, earn_while_learning, avoid)
    scale = _scale(G)

    def weight(u: str, v: str, data: dict[str, Any]) -> int | None:
        if not allowed(v):
            return None
        return ((0 if u == start else int(G.nodes[u]["months"])) + _edge_months(data)) * scale + 1

    return weight


def _scale(G: nx.DiGraph) -> int:
    """Cost of a route = months * scale + steps: more than any number of steps, so cost orders by months, then
    by steps, as routes are listed."""
    return int(G.number_of_nodes()) + 1


def _costs_to(G: nx.DiGraph, goal: str, allowed: Callable[[str], bool]) -> dict[str, int]:
    """Least cost from each stage to ``goal`` through allowed stages, counting the months of the stage itself and
    the experience each step asks for (Dijkstra on the reversed graph). A lower bound for any one route, so the
    search below is exact."""
    scale = _scale(G)
    cost = {goal: 0}
    queue = [(0, goal)]
    while queue:
        here, v = heapq.heappop(queue)
        if here > cost[v]:
            continue
        for u, data in G.pred[v].items():
            if u == goal or not allowed(u):
                continue
            there = here + (int(G.nodes[u]["months"]) + _edge_months(data)) * scale + 1
            if there < cost.get(u, there + 1):
                cost[u] = there
                heapq.heappush(queue, (there, u))
    return cost


def _search(
    G: nx.DiGraph, start: str, goal: str, costs: dict[str, int], max_months: int | None, limit: int
) -> list[tuple[str, ...]] | None:
    """The first ``limit`` simple paths in route order, by best-first search with exact costs to the goal.

    Each entry is (cost of the best route through it, stages so far); the queue pops partial routes in that
    order, and as no entry is a prefix of another, complete routes come out in (months, steps, stage ids)
    order. With exact costs (always, on a graph without loops) each route costs one expansion per step, so the
    work is about ``limit`` x steps x links per stage. A loop can make the costs too low and the search wander,
    so it gives up (None) after ``_SEARCH_BUDGET`` entries and the caller uses Yen's algorithm instead.
    """
    scale = _scale(G)
    found: list[tuple[str, ...]] = []
    queue: list[tuple[int, tuple[str, ...], int]] = []  # (estimate, stages, cost so far without the last stage)

    def push(stages: tuple[str, ...], before: int) -> None:
        last = stages[-1]
        if last not in costs:  # it cannot reach the goal, or a filter leaves it out
            return
        estimate = before + costs[last]
        if max_months is None or estimate // scale <= max_months:
            heapq.heappush(queue, (estimate, stages, before))

    for v, data in G.succ[start].items():
        if v != start:
            push((start, v), _edge_months(data) * scale + 1)
    pushed = len(queue)
    while queue and len(found) < limit:
        _estimate, stages, before = heapq.heappop(queue)
        last = stages[-1]
        if last == goal:
            # Under a time limit, a route asking for time in a job that varies cannot be promised within it.
            if max_months is None or not _varies(G, stages):
                found.append(stages)
            continue
        through = before + int(G.nodes[last]["months"]) * scale
        for v, data in G.succ[last].items():
            if v not in stages:
                push((*stages, v), through + _edge_months(data) * scale + 1)
                pushed += 1
        if pushed > _SEARCH_BUDGET:
            return None
    return found


def _yen(
    G: nx.DiGraph, start: str, goal: str, weight: Callable[[str, str, dict[str, Any]], int | None],
    max_months: int | None, limit: int,
) -> list[tuple[str, ...]]:
    """Yen's k shortest simple paths (networkx), consumed lazily and capped: polynomial whatever the graph."""
    found: list[tuple[str, ...]] = []
    last_key: tuple[int, int] | None = None
    try:
        for path in itertools.islice(nx.shortest_simple_paths(G, start, goal, weight=weight),
                                     limit + _TIE_LOOKAHEAD):
            route = _route(G, path)
            key = (route.months, len(path))
            if max_months is not None and route.months > max_months:
                break
            if max_months is not None and route.experience_varies:
                continue
            if len(found) >= limit and last_key is not None and key > last_key:
                break
            if len(found) < limit:
                last_key = key
            found.append(tuple(path))
    except nx.NetworkXNoPath:
        pass
    return found


def _varies(G: nx.DiGraph, stages: tuple[str, ...]) -> bool:
    return any(_edge_varies(G.edges[u, v]) for u, v in itertools.pairwise(stages))


def _route(G: nx.DiGraph, path: list[str]) -> Route:
    inner = path[1:-1]
    legs = tuple(found for u, v in itertools.pairwise(path) if (found := experience_leg(G, u, v)) is not None)
    return Route(
        stages=tuple(path),
        months=sum(int(G.nodes[s]["months"]) for s in inner) + sum(leg[1] for leg in legs),
        earn_while_learning=all(_earns(G, s) for s in inner),
        experience=legs,
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
    limit: int = ROUTE_LIMIT,
) -> list[Route]:
    """Return up to ``limit`` simple routes from ``start`` to ``goal``, fastest first.

    Ties are ordered by number of steps, then by stage ids, so every caller sees the same order.
    ``earn_while_learning`` keeps routes whose training all pays; ``max_months`` drops slower routes;
    ``avoid_settings`` drops stages that happen only in the settings named.
    Raises ``UnknownStage`` for an id not in ``G`` and ``NoRoute`` when nothing is left.
    """
    _check_known(G, start, goal)
    check_limit(limit)
    return _find(G, start, goal, earn_while_learning, max_months, frozenset(avoid_settings), limit)


def check_limit(limit: int) -> None:
    """A question may ask for 1 to ``MAX_LIMIT`` routes, with or without a situation."""
    if not 1 <= limit <= MAX_LIMIT:
        raise ValueError(f"limit must be from 1 to {MAX_LIMIT}")


def _find(G: nx.DiGraph, start: str, goal: str, earn_while_learning: bool, max_months: int | None,
          avoid: frozenset[str], limit: int) -> list[Route]:
    """``routes`` without the checks of its arguments: a situation's plan asks for one route past the limit."""
    if start == goal:
        raise NoRoute(start, goal, filtered=False)
    allowed = _allowed(G, start, goal, earn_while_learning, avoid)
    found = _routes_by_cost(G, start, goal, _costs_to(G, goal, allowed), max_months, limit,
                            lambda: _edge_weight(G, start, goal, earn_while_learning, avoid))
    if not found:
        filtered = earn_while_learning or max_months is not None or bool(avoid)
        raise NoRoute(start, goal, filtered=filtered)
    return found


def _routes_by_cost(
    G: nx.DiGraph, start: str, goal: str, costs: dict[str, int], max_months: int | None, limit: int,
    weight: Callable[[], Callable[[str, str, dict[str, Any]], int | None]],
) -> list[Route]:
    """Up to ``limit`` routes in order: the exact search, or Yen's algorithm when the search gives up."""
    if start not in G or not any(v in costs for v in G.successors(start)):
        return []
    paths = _search(G, start, goal, costs, max_months, limit)
    if paths is None:
        paths = _yen(G, start, goal, weight(), max_months, limit)
    found = [_route(G, list(path)) for path in paths]
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


def _origins_and_costs(
    G: nx.DiGraph, stage: str, origins: Iterable[str] | None, max_origins: int | None
) -> tuple[list[str], dict[str, int]]:
    _check_known(G, stage)
    costs = _costs_to(G, stage, lambda _v: True)  # unfiltered, and shared by every origin
    if origins is None:
        # Only the stages that can reach ``stage`` have a cost: looking through those rather than the whole graph
        # keeps a page's work to the part of the graph that leads to it.
        origins = [n for n in costs if G.nodes[n]["kind"] in ("start", "role")]
    scale = _scale(G)
    reachable = [o for o in origins if o != stage and o in costs]
    if max_origins is not None and len(reachable) > max_origins:
        # Starting points first, then the nearest jobs: the origins a reader of the page most likely has.
        def nearness(o: str) -> tuple[bool, int, str]:
            return (G.nodes[o]["kind"] != "start", costs[o] - int(G.nodes[o]["months"]) * scale, str(o))

        kept = set(sorted(reachable, key=nearness)[:max_origins])
        reachable = [o for o in reachable if o in kept]
    return reachable, costs


def routes_into(
    G: nx.DiGraph,
    stage: str,
    *,
    origins: Iterable[str] | None = None,
    limit: int = 3,
    max_origins: int | None = MAX_ORIGINS,
) -> dict[str, list[Route]]:
    """Routes into ``stage`` from each origin that can reach it, keyed by origin id.

    Origins default to every starting point and every role; origins with no route are left out. At most
    ``max_origins`` are kept (None: all): starting points first, then the jobs nearest to ``stage``. The cost of
    reaching ``stage`` is worked out once for every origin, so a page costs one search per origin listed.
    """
    reachable, costs = _origins_and_costs(G, stage, origins, max_origins)
    return {origin: _routes_by_cost(G, origin, stage, costs, None, limit,
                                    functools.partial(_edge_weight, G, origin, stage, False, frozenset()))
            for origin in reachable}
