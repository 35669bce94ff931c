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
import functools
import heapq
import itertools
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

__all__ = [
    "MAX_HOURS_A_WEEK",
    "MAX_LIMIT",
    "MAX_MONTHS",
    "MAX_ORIGINS",
    "QUALIFICATION_PREFIX",
    "ROUTE_LIMIT",
    "NoRoute",
    "Plan",
    "Route",
    "RouteError",
    "UnknownStage",
    "answer_dict",
    "closed_by_hours",
    "find_stage",
    "group_routes",
    "months_words",
    "nearest_relaxation",
    "plain_answers_into",
    "plans",
    "reach",
    "reach_dict",
    "registered_at_end",
    "route_step_months",
    "route_words",
    "routes",
    "routes_into",
    "steps_words",
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

    def weight(u: str, v: str, _data: dict[str, Any]) -> int | None:
        if not allowed(v):
            return None
        return (0 if u == start else int(G.nodes[u]["months"])) * scale + 1

    return weight


def _scale(G: nx.DiGraph) -> int:
    """Cost of a route = months * scale + steps: more than any number of steps, so cost orders by months, then
    by steps, as routes are listed."""
    return int(G.number_of_nodes()) + 1


def _costs_to(G: nx.DiGraph, goal: str, allowed: Callable[[str], bool]) -> dict[str, int]:
    """Least cost from each stage to ``goal`` through allowed stages, counting the months of the stage itself
    (Dijkstra on the reversed graph). A lower bound for any one route, so the search below is exact."""
    scale = _scale(G)
    cost = {goal: 0}
    queue = [(0, goal)]
    while queue:
        here, v = heapq.heappop(queue)
        if here > cost[v]:
            continue
        for u in G.predecessors(v):
            if u == goal or not allowed(u):
                continue
            there = here + int(G.nodes[u]["months"]) * scale + 1
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

    for v in G.successors(start):
        if v != start:
            push((start, v), 1)
    pushed = len(queue)
    while queue and len(found) < limit:
        _estimate, stages, before = heapq.heappop(queue)
        last = stages[-1]
        if last == goal:
            found.append(stages)
            continue
        through = before + int(G.nodes[last]["months"]) * scale + 1
        for v in G.successors(last):
            if v not in stages:
                push((*stages, v), through)
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
            if len(found) >= limit and last_key is not None and key > last_key:
                break
            if len(found) < limit:
                last_key = key
            found.append(tuple(path))
    except nx.NetworkXNoPath:
        pass
    return found


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
    limit: int = ROUTE_LIMIT,
) -> list[Route]:
    """Return up to ``limit`` simple routes from ``start`` to ``goal``, fastest first.

    Ties are ordered by number of steps, then by stage ids, so every caller sees the same order.
    ``earn_while_learning`` keeps routes whose training all pays; ``max_months`` drops slower routes;
    ``avoid_settings`` drops stages that happen only in the settings named.
    Raises ``UnknownStage`` for an id not in ``G`` and ``NoRoute`` when nothing is left.
    """
    _check_known(G, start, goal)
    if not 1 <= limit <= MAX_LIMIT:
        raise ValueError(f"limit must be from 1 to {MAX_LIMIT}")
    if start == goal:
        raise NoRoute(start, goal, filtered=False)
    avoid = frozenset(avoid_settings)
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


# ---- words: how months, steps and routes are said, everywhere ------------------------------------------------

def months_words(months: int) -> str:
    """Months in words, the same on every page, in the finder and in the command line.

    >>> [months_words(n) for n in (0, 1, 12, 18, 24)]
    ['no extra time', '1 month', '12 months (1 year)', '18 months (1 year 6 months)', '24 months (2 years)']
    """
    if months == 0:
        return "no extra time"
    plain = f"{months} month{'s' * (months != 1)}"
    years, rest = divmod(months, 12)
    if years == 0:
        return plain
    in_years = f"{years} year{'s' * (years != 1)}" + (f" {rest} month{'s' * (rest != 1)}" if rest else "")
    return f"{plain} ({in_years})"


def steps_words(count: int) -> str:
    """ "1 step", "2 steps"."""
    return f"{count} step{'s' * (count != 1)}"


def _and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


# ---- your situation: what you have, hours a week, how far you can get -------------------------------------------

#: Stage ids of steps added for a missing qualification start with this; the rest is the qualification's id.
QUALIFICATION_PREFIX = "qualification:"
#: The most hours a week a visitor can give.
MAX_HOURS_A_WEEK = 60


def _qualifications(G: nx.DiGraph) -> dict[str, dict[str, Any]]:
    return dict(G.graph.get("qualifications") or {})


def _title(G: nx.DiGraph, stage: str) -> str:
    if stage.startswith(QUALIFICATION_PREFIX):
        return str(_qualifications(G)[stage[len(QUALIFICATION_PREFIX):]]["course"]["title"])
    return str(G.nodes[stage]["title"])


def _months(G: nx.DiGraph, stage: str) -> int:
    if stage.startswith(QUALIFICATION_PREFIX):
        return int(_qualifications(G)[stage[len(QUALIFICATION_PREFIX):]]["course"]["months"])
    return int(G.nodes[stage]["months"])


def _earns_any(G: nx.DiGraph, stage: str) -> bool:
    if stage.startswith(QUALIFICATION_PREFIX):
        return bool(_qualifications(G)[stage[len(QUALIFICATION_PREFIX):]]["course"]["earn_while_learning"])
    return _earns(G, stage)


def _grants(G: nx.DiGraph, stage: str) -> set[str]:
    """Qualifications you hold once you reach ``stage`` (a course step gets its own)."""
    if stage.startswith(QUALIFICATION_PREFIX):
        return {stage[len(QUALIFICATION_PREFIX):]}
    return {q for q, data in _qualifications(G).items() if data.get("stage") == stage}


@dataclass(frozen=True)
class Plan:
    """A route for someone's situation: its stages may include ``qualification:ID`` steps added for what they
    lack, and ``notes`` says what the situation changed."""

    route: Route
    situation: bool
    """Whether the visitor said anything about their situation (else the plan is the plain route)."""
    notes: tuple[str, ...] = ()

    def as_dict(self, G: nx.DiGraph) -> dict[str, Any]:
        """``Route.as_dict`` plus, once a situation is given, ``added`` (the steps for missing qualifications)
        and ``notes``. Without a situation it is exactly ``Route.as_dict``."""
        stages = self.route.stages
        step_months = [0 if i in (0, len(stages) - 1) else _months(G, s) for i, s in enumerate(stages)]
        result: dict[str, Any] = {
            "stages": list(stages),
            "months": self.route.months,
            "earn_while_learning": self.route.earn_while_learning,
            "step_months": step_months,
            "titles": [_title(G, s) for s in stages],
        }
        if self.situation:
            quals = _qualifications(G)
            result["added"] = [
                {"at": i, "qualification": q, "name": quals[q]["name"], "months": quals[q]["course"]["months"],
                 "months_vary": bool(quals[q]["course"].get("months_vary")), "source": quals[q]["course"]["source"],
                 "summary": quals[q]["course"]["summary"],
                 "earn_while_learning": bool(quals[q]["course"]["earn_while_learning"])}
                for i, s in enumerate(stages) if s.startswith(QUALIFICATION_PREFIX)
                for q in [s[len(QUALIFICATION_PREFIX):]]]
            result["notes"] = list(self.notes)
        return result


def _situation_graph(G: nx.DiGraph, start: str, goal: str, have: Collection[str] | None,
                     hours: int | None) -> nx.DiGraph:
    """``G`` with the steps a situation adds or closes: a course before each link whose needs you lack
    (one node per link, so a path cannot jump between links), and no way into a stage an hours rule closes."""
    H = G.copy()
    if hours is not None:
        for stage, rule in (G.graph.get("hours_rules") or {}).items():
            if stage in H and stage not in (start, goal) and hours < int(rule["min_hours_a_week"]):
                H.remove_edges_from(list(H.in_edges(stage)))
    if have is not None:
        quals = _qualifications(G)
        for u, v, data in list(H.edges(data=True)):
            missing = [q for q in data.get("needs") or [] if q not in have and (quals.get(q) or {}).get("course")]
            if not missing:
                continue
            chain = [u, *(f"{QUALIFICATION_PREFIX}{q}|{u}|{v}" for q in missing), v]
            for q, node in zip(missing, chain[1:-1], strict=True):
                course = quals[q]["course"]
                H.add_node(node, kind="training", title=course["title"], months=int(course["months"]),
                           earn_while_learning=bool(course["earn_while_learning"]), settings=[], qualification=q)
            H.remove_edge(u, v)
            for a, b in itertools.pairwise(chain):
                H.add_edge(a, b, **(data if b == v else {"requires": [], "note": None, "needs": []}))
    return H


def _settle(G: nx.DiGraph, path: tuple[str, ...], have: Collection[str] | None) -> Route | None:
    """A route found in the situation graph, in ``G``'s terms: a course step only where the qualification is
    not yet held (from ``have`` or a stage earlier on the route); None when a need no course gets is unmet."""
    held = set(have or ()) | _grants(G, path[0])
    kept, previous = [path[0]], path[0]
    quals = _qualifications(G)
    for stage in path[1:]:
        if stage.startswith(QUALIFICATION_PREFIX):
            qualification = stage[len(QUALIFICATION_PREFIX):].split("|")[0]
            if qualification not in held:
                held.add(qualification)
                kept.append(QUALIFICATION_PREFIX + qualification)
            continue
        if have is not None:
            needs = G.edges[previous, stage].get("needs") or []
            if any(q not in held and not (quals.get(q) or {}).get("course") for q in needs):
                return None
        held |= _grants(G, stage)
        kept.append(stage)
        previous = stage
    inner = kept[1:-1]
    return Route(stages=tuple(kept), months=sum(_months(G, s) for s in inner),
                 earn_while_learning=all(_earns_any(G, s) for s in inner))


def _situation_notes(G: nx.DiGraph, route: Route, hours: int | None) -> tuple[str, ...]:
    notes = []
    quals = _qualifications(G)
    for i, stage in enumerate(route.stages):
        if stage.startswith(QUALIFICATION_PREFIX):
            q = quals[stage[len(QUALIFICATION_PREFIX):]]
            course = q["course"]
            guide = ", a guide: courses differ" if course.get("months_vary") else ""
            needed_by = next(s for s in route.stages[i + 1:] if not s.startswith(QUALIFICATION_PREFIX))
            notes.append(f"You said you do not have {q['name']}, which {_title(G, needed_by)} needs: "
                         f"this route adds {course['title']} ({months_words(int(course['months']))}{guide}).")
    if hours is not None:
        rules = G.graph.get("hours_rules") or {}
        for stage in route.stages:
            if stage in rules:
                notes.append(f"{rules[stage]['rule']} You said {hours} hours a week, which meets it.")
        note = G.graph.get("hours_note")
        if note:
            notes.append(str(note["text"]))
    return tuple(notes)


def plans(
    G: nx.DiGraph,
    start: str,
    goal: str,
    *,
    have: Collection[str] | None = None,
    hours: int | None = None,
    earn_while_learning: bool = False,
    max_months: int | None = None,
    avoid_settings: Collection[str] = (),
    limit: int = ROUTE_LIMIT,
) -> list[Plan]:
    """Routes from ``start`` to ``goal`` for someone's situation, fastest first.

    ``have`` is what they hold (qualification ids from ``G.graph["qualifications"]``): None assumes nothing
    and gives exactly ``routes``; once given, each link's ``needs`` they lack becomes a course step with its
    months. ``hours`` (a week) closes stages an official hours rule puts out of reach and adds what is known.
    Raises ``UnknownStage`` and ``NoRoute`` like ``routes``.
    """
    situation = have is not None or hours is not None
    if not situation:
        found = routes(G, start, goal, earn_while_learning=earn_while_learning, max_months=max_months,
                       avoid_settings=avoid_settings, limit=limit)
        return [Plan(route, situation=False) for route in found]
    _check_known(G, start, goal)
    if hours is not None and not 1 <= hours <= MAX_HOURS_A_WEEK:
        raise ValueError(f"hours must be from 1 to {MAX_HOURS_A_WEEK}")
    H = _situation_graph(G, start, goal, have, hours)
    try:
        # One route more than asked: settling can drop a route (a need nothing on it gets) or merge two.
        found = routes(H, start, goal, earn_while_learning=earn_while_learning, max_months=max_months,
                       avoid_settings=avoid_settings, limit=limit + 1)
    except NoRoute:
        raise NoRoute(start, goal, filtered=True) from None
    settled: dict[tuple[str, ...], Route] = {}
    for found_route in found:
        route = _settle(G, found_route.stages, have)
        if route is not None and (max_months is None or route.months <= max_months):
            settled.setdefault(route.stages, route)
    if not settled:
        raise NoRoute(start, goal, filtered=True)
    ordered = sorted(settled.values(), key=lambda r: (r.months, len(r.stages), r.stages))[:limit]
    return [Plan(route, situation=True, notes=_situation_notes(G, route, hours)) for route in ordered]


def reach(
    G: nx.DiGraph,
    start: str,
    *,
    within: int | None = None,
    earn_while_learning: bool = False,
    have: Collection[str] | None = None,
    hours: int | None = None,
    avoid_settings: Collection[str] = (),
) -> list[tuple[str, Plan]]:
    """Every role reachable from ``start`` within ``within`` months under the conditions given, each with its
    fastest plan; fastest first, then by title.

    >>> G = nx.DiGraph()
    >>> for n, kind, months in [("a", "start", 0), ("t", "training", 24), ("b", "role", 0), ("c", "role", 0)]:
    ...     G.add_node(n, kind=kind, title=n.upper(), months=months, earn_while_learning=True, settings=[])
    >>> G.add_edges_from([("a", "t"), ("t", "b"), ("a", "c")])
    >>> [(role, plan.route.months) for role, plan in reach(G, "a")]
    [('c', 0), ('b', 24)]
    >>> [role for role, _ in reach(G, "a", within=12)]
    ['c']
    """
    _check_known(G, start)
    goals = sorted(str(n) for n in nx.descendants(G, start) if G.nodes[n]["kind"] == "role")
    if within is not None:
        # A situation only adds steps or closes some, so the plain fastest time is a floor: skip what is beyond.
        floor = nx.single_source_dijkstra_path_length(
            G, start, weight=lambda u, _v, _d: 0 if u == start else int(G.nodes[u]["months"]))
        goals = [goal for goal in goals if floor.get(goal, within + 1) <= within]
    found = []
    for goal in goals:
        try:
            best = plans(G, start, goal, have=have, hours=hours, earn_while_learning=earn_while_learning,
                         max_months=within, avoid_settings=avoid_settings, limit=1)[0]
        except NoRoute:
            continue
        found.append((goal, best))
    found.sort(key=lambda pair: (pair[1].route.months, str(G.nodes[pair[0]]["title"]).casefold(), pair[0]))
    return found


def closed_by_hours(G: nx.DiGraph, hours: int | None) -> list[str]:
    """The official rules that close a stage to someone who has ``hours`` a week, in words."""
    if hours is None:
        return []
    rules = (G.graph.get("hours_rules") or {}).values()
    return [f"{rule['rule']} You said {hours} hours a week, so {_title(G, rule['stage'])} is not open to you."
            for rule in rules if hours < int(rule["min_hours_a_week"]) and rule["stage"] in G]


def registered_at_end(G: nx.DiGraph, stages: Iterable[str]) -> bool:
    """Whether someone who follows the route is registered with the GPhC at its end (or already was)."""
    quals = _qualifications(G)
    return any(quals.get(q, {}).get("registration") for s in stages for q in _grants(G, s))


def route_words(G: nx.DiGraph, plan: dict[str, Any]) -> dict[str, Any]:
    """How the finder says one route (a ``Plan.as_dict``): the time, each step, the pay and registration.

    The page shows these words as they are, so the command line, the pages and the finder say the same.
    """
    stages, step_months = plan["stages"], plan["step_months"]
    total, steps = 0, []
    for i, months in enumerate(step_months):
        total += months
        if i == 0:
            steps.append("where you are now")
        elif i == len(stages) - 1:
            steps.append(f"you arrive after about {months_words(total)}" if total else "no time in between")
        else:
            if not months:
                steps.append("no extra time")
            else:  # the running total only once it differs from the step's own time
                steps.append(months_words(months) if total == months else
                             f"{months_words(months)}, {months_words(total)} so far")
    unpaid = [plan["titles"][i] for i, s in enumerate(stages[1:-1], 1) if not _earns_any(G, s)]
    count = len(stages) - 1
    return {
        "time": f"about {months_words(plan['months'])}" if plan["months"] else "no extra time",
        "steps": steps,
        "count": steps_words(count),
        "pay": "You earn throughout" if not unpaid else f"Study without pay: {_and_list(unpaid)}",
        "registration": "Yes" if registered_at_end(G, stages) else "No",
    }


def _routes_count(count: int) -> str:
    return "there is 1 route" if count == 1 else f"there are {count} routes"


def nearest_relaxation(
    G: nx.DiGraph,
    start: str,
    goal: str,
    *,
    have: Collection[str] | None = None,
    hours: int | None = None,
    earn_while_learning: bool = False,
    max_months: int | None = None,
    avoid_settings: Collection[str] = (),
) -> dict[str, Any] | None:
    """For a question with no route: the smallest single change that gives one, with words such as
    "With 24 months (2 years) there is 1 route." Tries more months, then study without pay, then every
    setting; None when none of those helps."""
    asked: dict[str, Any] = {"have": have, "hours": hours, "earn_while_learning": earn_while_learning,
                             "max_months": max_months, "avoid_settings": avoid_settings}

    def found(**change: Any) -> list[Plan]:
        try:
            return plans(G, start, goal, **{**asked, **change})
        except NoRoute:
            return []

    if max_months is not None:
        longer = found(max_months=None)
        if longer:
            months = longer[0].route.months
            count = sum(1 for plan in longer if plan.route.months <= months)
            return {"change": "max", "max": months,
                    "text": f"With {months_words(months)} {_routes_count(count)}."}
    if earn_while_learning:
        unpaid = found(earn_while_learning=False)
        if unpaid:
            return {"change": "earn", "earn": False,
                    "text": f"If you can study without pay for part of the way, {_routes_count(len(unpaid))}."}
    if avoid_settings:
        anywhere = found(avoid_settings=())
        if anywhere:
            return {"change": "avoid", "avoid": [],
                    "text": f"Without leaving out any setting, {_routes_count(len(anywhere))}."}
    return None


# ---- the finder's answers: the same dicts at build time and in the browser's engine ---------------------------

def group_routes(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Routes (as dicts) that differ only in which one role you hold at one step become one group:
    ``{"route": the first, "choices": {"at": index, "stages": [...], "titles": [...]} or None, "size": n}``.

    >>> a = {"stages": ["s", "x", "g"], "titles": ["S", "X", "G"], "months": 1}
    >>> b = {"stages": ["s", "y", "g"], "titles": ["S", "Y", "G"], "months": 1}
    >>> [g["choices"]["stages"] for g in group_routes([a, b])]
    [['x', 'y']]
    """
    groups: list[dict[str, Any]] = []
    for route in found:
        for group in groups:
            first = group["route"]
            if first["months"] != route["months"] or len(first["stages"]) != len(route["stages"]):
                continue
            differ = [i for i, (a, b) in enumerate(zip(first["stages"], route["stages"], strict=True)) if a != b]
            at = group["choices"]["at"] if group["choices"] else None
            if len(differ) == 1 and at in (None, differ[0]) and route.get("roles", {}).get(differ[0], True):
                i = differ[0]
                if group["choices"] is None:
                    group["choices"] = {"at": i, "stages": [first["stages"][i]], "titles": [first["titles"][i]]}
                group["choices"]["stages"].append(route["stages"][i])
                group["choices"]["titles"].append(route["titles"][i])
                group["size"] += 1
                break
        else:
            groups.append({"route": route, "choices": None, "size": 1})
    return groups


def _groups(G: nx.DiGraph, shown: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``group_routes`` of routes as dicts, each given the finder's words."""
    worded = []
    for route in shown:
        # Only a role held on the way may be grouped with others (never training or an added course).
        roles = {i: s in G and G.nodes[s]["kind"] == "role" for i, s in enumerate(route["stages"])}
        worded.append({**route, "words": route_words(G, route), "roles": roles})
    groups = group_routes(worded)
    for group in groups:
        group["route"].pop("roles", None)
    return groups


def answer_dict(
    G: nx.DiGraph,
    start: str,
    goal: str,
    *,
    have: Collection[str] | None = None,
    hours: int | None = None,
    earn_while_learning: bool = False,
    max_months: int | None = None,
    avoid_settings: Collection[str] = (),
) -> dict[str, Any]:
    """The finder's answer to one question: ``{"from", "to", "routes", "groups"}`` (``routes`` as
    ``pathfinder route --json``), or for a dead end ``{"error": "no-route", "message", "relax", "closed"}``."""
    conditions: dict[str, Any] = {"have": have, "hours": hours, "earn_while_learning": earn_while_learning,
                                  "avoid_settings": avoid_settings}
    try:
        found = plans(G, start, goal, max_months=max_months, **conditions)
    except NoRoute as error:
        return {"error": "no-route", "message": str(error), "closed": closed_by_hours(G, hours),
                "relax": nearest_relaxation(G, start, goal, max_months=max_months, **conditions)}
    return _answer(G, start, goal, found)


def plain_answers_into(G: nx.DiGraph, goal: str, *, origins: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
    """``answer_dict`` with no filters into ``goal`` from each origin ``routes_into`` keeps, keyed by origin: the
    finder's precomputed answers. One cost table serves every origin (``routes_into``), so this costs one search
    per origin rather than one per origin and goal pair."""
    found = routes_into(G, goal, origins=origins, limit=ROUTE_LIMIT)
    return {start: _answer(G, start, goal, [Plan(route, situation=False) for route in routes])
            for start, routes in found.items()}


def _answer(G: nx.DiGraph, start: str, goal: str, found: list[Plan]) -> dict[str, Any]:
    shown = [plan.as_dict(G) for plan in found]
    return {"from": start, "to": goal, "routes": shown, "groups": _groups(G, shown)}


def reach_dict(
    G: nx.DiGraph,
    start: str,
    *,
    within: int | None = None,
    have: Collection[str] | None = None,
    hours: int | None = None,
    earn_while_learning: bool = False,
    avoid_settings: Collection[str] = (),
) -> dict[str, Any]:
    """``pathfinder reach --json``: ``{"from", "within", "reach": [{"to", "months", "route"}]}``, each route
    with the finder's words."""
    found = reach(G, start, within=within, have=have, hours=hours, earn_while_learning=earn_while_learning,
                  avoid_settings=avoid_settings)
    return {"from": start, "within": within,
            "reach": [{"to": goal, "months": plan.route.months, "route": plan.as_dict(G),
                       "time": f"about {months_words(plan.route.months)}" if plan.route.months else "no extra time"}
                      for goal, plan in found],
            "closed": closed_by_hours(G, hours)}
