"""Answer dictionaries: the finder's answers and ``--json`` output, the same at build time and in the browser."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

import networkx as nx

from .planning import Plan, _earns_any, closed_by_hours, nearest_relaxation, plans, reach, registered_at_end
from .search import ROUTE_LIMIT, NoRoute, routes_into
from .wording import _and_list, months_words, steps_words

__all__ = ["answer_dict", "group_routes", "plain_answers_into", "reach_dict", "route_words"]


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
