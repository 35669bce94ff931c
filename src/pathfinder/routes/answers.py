"""Answer dictionaries: the finder's answers and ``--json`` output, the same at build time and in the browser."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from .planning import (
    Plan,
    Situation,
    _earns_any,
    alongside_work,
    closed_by_hours,
    nearest_relaxation,
    plans,
    reach,
    reach_if_time_varies,
    registered_at_end,
)
from .search import ROUTE_LIMIT, NoRoute, routes_into
from .wording import _and_list, experience_amount, months_words, steps_words, time_words

__all__ = ["answer_dict", "group_routes", "plain_answers_into", "reach_dict", "route_words"]


def route_words(G: nx.DiGraph, plan: dict[str, Any]) -> dict[str, Any]:
    """How the finder says one route (a ``Plan.as_dict``): the time (training and time in a job apart), each
    step, the pay and registration, and each step's pay mark.

    The page shows these words as they are, so the command line, the pages and the finder say the same.
    """
    stages, step_months = plan["stages"], plan["step_months"]
    in_job = {e["at"]: e for e in plan.get("experience") or []}
    total, steps = 0, []
    for i, months in enumerate(step_months):
        total += months
        if i == len(stages) - 1:
            steps.append(_arrive_words(total, bool(plan.get("experience_varies"))))
            continue
        if i == 0:
            said = "where you are now"
        elif not months:
            said = "no extra time"
        else:  # the running total only once it differs from the step's own time
            said = months_words(months) if total == months else f"{months_words(months)}, {months_words(total)} so far"
        if i in in_job:
            job = in_job[i]
            total += int(job["months"])
            here = "here" if i == 0 else "in this job"
            said += (f"; then time {here}, which varies" if job["varies"] or not job["months"] else
                     f"; then {experience_amount(job)} {here}")
        steps.append(said)
    inner = list(enumerate(stages[1:-1], 1))
    alongside = [plan["titles"][i] for i, s in inner if not _earns_any(G, s) and alongside_work(G, s)]
    unpaid = [plan["titles"][i] for i, s in inner if not _earns_any(G, s) and not alongside_work(G, s)]
    pay = [f"Study without pay: {_and_list(unpaid)}"] if unpaid else []
    pay += [f"Study alongside work: {_and_list(alongside)}"] if alongside else []
    return {
        "time": time_words(int(plan.get("training_months", plan["months"])), plan.get("experience") or [],
                           step_months=step_months),
        "steps": steps,
        "count": steps_words(len(stages) - 1),
        "pay": "; ".join(pay) or "You earn throughout",
        "marks": [_pay_mark(G, s) if 0 < i < len(stages) - 1 else None for i, s in enumerate(stages)],
        "registration": "Yes" if registered_at_end(G, stages) else "No",
    }


def _arrive_words(total: int, varies: bool) -> str:
    if varies:
        return (f"you arrive after about {months_words(total)}, plus time in a job, which varies" if total else
                "you arrive after time in a job, which varies")
    return f"you arrive after about {months_words(total)}" if total else "no time in between"


def _pay_mark(G: nx.DiGraph, stage: str) -> str | None:
    """The mark a training or course step carries: paid training, study alongside work, or unpaid study."""
    if stage in G and G.nodes[stage]["kind"] != "training":
        return None
    if _earns_any(G, stage):
        return "Earn while you learn"
    return "Study alongside work" if alongside_work(G, stage) else "Study without pay"


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


def answer_dict(G: nx.DiGraph, start: str, goal: str, situation: Situation | None = None) -> dict[str, Any]:
    """The finder's answer to one question: ``{"from", "to", "routes", "groups"}`` (``routes`` as
    ``pathfinder route --json``), or for a dead end ``{"error": "no-route", "message", "relax", "closed"}``."""
    situation = situation or Situation()
    try:
        found = plans(G, start, goal, situation)
    except NoRoute as error:
        return {"error": "no-route", "message": str(error), "closed": closed_by_hours(G, situation.hours),
                "relax": nearest_relaxation(G, start, goal, situation)}
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


def reach_dict(G: nx.DiGraph, start: str, situation: Situation | None = None) -> dict[str, Any]:
    """``pathfinder reach --json``: ``{"from", "within", "reach": [{"to", "months", "route", "time"}], "varies",
    "closed"}`` (``within`` is ``situation.max_months``), each route with the finder's words. ``varies`` lists,
    the same way, the roles whose training fits within the months but whose route asks for time in a job that
    varies: never counted as within them."""
    situation = situation or Situation()
    found = reach(G, start, situation)
    later = reach_if_time_varies(G, start, situation, reached={goal for goal, _ in found})
    return {"from": start, "within": situation.max_months,
            "reach": [_reached(G, goal, plan) for goal, plan in found],
            "varies": [_reached(G, goal, plan) for goal, plan in later],
            "varies_text": (f"Also, if the time in a job allows: these ask for time in a job, which varies, so they "
                            f"are not counted as within {situation.max_months} months." if later else ""),
            "closed": closed_by_hours(G, situation.hours)}


def _reached(G: nx.DiGraph, goal: str, plan: Plan) -> dict[str, Any]:
    shown = plan.as_dict(G)
    return {"to": goal, "months": plan.route.months, "route": shown,
            "time": time_words(shown["training_months"], shown["experience"], step_months=shown["step_months"])}
