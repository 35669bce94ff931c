"""Situation plans: routes for someone's situation (what they have, hours a week, how far they can get).

A situation adds a course step for each qualification a link needs and the visitor lacks, and closes stages an
hours rule puts out of reach; ``nearest_relaxation`` finds the smallest change that gives a route.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from .search import ROUTE_LIMIT, NoRoute, Route, _check_known, _earns, routes
from .wording import _routes_count, months_words

__all__ = [
    "MAX_HOURS_A_WEEK",
    "QUALIFICATION_PREFIX",
    "Plan",
    "closed_by_hours",
    "nearest_relaxation",
    "plans",
    "reach",
    "registered_at_end",
]


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
