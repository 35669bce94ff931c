"""Situation plans: routes for someone's situation (what they have, hours a week, how far they can get).

A situation adds a course step for each qualification a link needs and the visitor lacks, and closes stages an
hours rule puts out of reach; ``nearest_relaxation`` finds the smallest change that gives a route.
"""

from __future__ import annotations

import dataclasses
import difflib
import itertools
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from .search import (
    ROUTE_LIMIT,
    Leg,
    NoRoute,
    Route,
    _check_known,
    _earns,
    _edge_varies,
    _find,
    check_limit,
    experience_fields,
    experience_leg,
    routes,
)
from .wording import _and_list, _routes_count, months_words

__all__ = [
    "MAX_HOURS_A_WEEK",
    "QUALIFICATION_PREFIX",
    "Plan",
    "Situation",
    "closed_by_hours",
    "nearest_relaxation",
    "plans",
    "reach",
    "reach_if_time_varies",
    "read_have",
    "registered_at_end",
    "unknown_have_usage",
    "unknown_have_words",
]


#: Stage ids of steps added for a missing qualification start with this; the rest is the qualification's id.
QUALIFICATION_PREFIX = "qualification:"
#: The most hours a week a visitor can give.
MAX_HOURS_A_WEEK = 60


@dataclass(frozen=True)
class Situation:
    """What someone asks with: what they already have, their hours a week, whether they must earn throughout, the
    most months they can give and the settings they would rather avoid. One value passes through ``plans``,
    ``reach``, ``nearest_relaxation``, ``answer_dict`` and ``reach_dict``.

    ``have`` is None when they said nothing about qualifications (nothing is assumed either way); ``hours`` is None
    when they said nothing about hours. Collections become frozensets, so a situation can be a cache key.

    >>> Situation(have=["gcse-science"], avoid_settings=["hospital"]).given
    True
    >>> Situation(max_months=24).given
    False
    """

    have: frozenset[str] | None = None
    hours: int | None = None
    earn_while_learning: bool = False
    max_months: int | None = None
    avoid_settings: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if self.have is not None and not isinstance(self.have, frozenset):
            object.__setattr__(self, "have", frozenset(self.have))
        if not isinstance(self.avoid_settings, frozenset):
            object.__setattr__(self, "avoid_settings", frozenset(self.avoid_settings))

    @property
    def given(self) -> bool:
        """Whether they said anything about their own situation (else a plan is the plain route)."""
        return self.have is not None or self.hours is not None

    def but(self, **change: Any) -> Situation:
        """The same situation with some fields changed."""
        return dataclasses.replace(self, **change)


def read_have(G: nx.DiGraph, ids: Iterable[str]) -> tuple[frozenset[str], list[str]]:
    """What someone says they have, as (qualification ids, the ids not known). ``none`` means nothing; an old id
    (``G.graph["qualification_aliases"]``, such as ``gcse-english-maths``) means every id it was split into.

    >>> G = nx.DiGraph(qualifications={"a": {}, "b": {}}, qualification_aliases={"ab": ["a", "b"]})
    >>> held, unknown = read_have(G, ["none", "ab", "c"])
    >>> sorted(held), unknown
    (['a', 'b'], ['c'])
    """
    known, aliases = _qualifications(G), G.graph.get("qualification_aliases") or {}
    held: set[str] = set()
    unknown: list[str] = []
    for given in ids:
        if given == "none":
            continue
        if given in aliases:
            held.update(q for q in aliases[given] if q in known)
        elif given in known:
            held.add(given)
        elif given not in unknown:
            unknown.append(given)
    return frozenset(held), unknown


def unknown_have_words(G: nx.DiGraph, unknown: Iterable[str]) -> str:
    """One plain sentence about qualification ids nobody knows, with the nearest known ones.

    >>> G = nx.DiGraph(qualifications={"gcse-maths": {}, "gcse-science": {}})
    >>> unknown_have_words(G, ["gcse-math"])
    "We do not know the qualification 'gcse-math' (did you mean 'gcse-maths'?), so the answer leaves it out."
    """
    said = [_with_nearest(G, given) for given in unknown]
    what, it = ("the qualification", "it") if len(said) == 1 else ("the qualifications", "them")
    return f"We do not know {what} {_and_list(said)}, so the answer leaves {it} out."


def _with_nearest(G: nx.DiGraph, given: str) -> str:
    """``'gcse-math' (did you mean 'gcse-maths'?)``, or the id alone when nothing is near."""
    names = [*_qualifications(G), *(G.graph.get("qualification_aliases") or {})]
    close = difflib.get_close_matches(given, names, n=1, cutoff=0.6)
    return f"{given!r}" + (f" (did you mean {close[0]!r}?)" if close else "")


def unknown_have_usage(G: nx.DiGraph, unknown: Iterable[str]) -> str:
    """The command line's words for unknown ``--have`` ids: each with the nearest known id, then every id."""
    known = ", ".join([*sorted(_qualifications(G)), "none"])
    return f"unknown qualification {_and_list([_with_nearest(G, given) for given in unknown])}; known ids: {known}"


def _qualifications(G: nx.DiGraph) -> dict[str, dict[str, Any]]:
    return dict(G.graph.get("qualifications") or {})


def _course_ids(stage: str) -> list[str]:
    """The qualifications a course step gets: ``qualification:a+b|u|v`` (in the situation graph) or
    ``qualification:a+b`` (on a route) gets a and b, whose courses are taken at the same time."""
    return stage[len(QUALIFICATION_PREFIX):].split("|")[0].split("+")


def _courses(G: nx.DiGraph, stage: str) -> list[dict[str, Any]]:
    quals = _qualifications(G)
    return [quals[q]["course"] for q in _course_ids(stage)]


def _title(G: nx.DiGraph, stage: str) -> str:
    if stage.startswith(QUALIFICATION_PREFIX):
        courses = _courses(G, stage)
        together = {course.get("together_title") for course in courses}
        if len(courses) > 1 and len(together) == 1 and None not in together:
            return str(together.pop())
        return _and_list([str(course["title"]) for course in courses])
    return str(G.nodes[stage]["title"])


def _months(G: nx.DiGraph, stage: str) -> int:
    if stage.startswith(QUALIFICATION_PREFIX):  # courses taken together take as long as the longest
        return max(int(course["months"]) for course in _courses(G, stage))
    return int(G.nodes[stage]["months"])


def _earns_any(G: nx.DiGraph, stage: str) -> bool:
    if stage.startswith(QUALIFICATION_PREFIX):
        return all(bool(course["earn_while_learning"]) for course in _courses(G, stage))
    return _earns(G, stage)


def alongside_work(G: nx.DiGraph, stage: str) -> bool:
    """Whether a step is a course people take part time alongside their job (not paid training)."""
    if stage.startswith(QUALIFICATION_PREFIX):
        return all(bool(course.get("alongside_work")) for course in _courses(G, stage))
    return bool(G.nodes[stage].get("alongside_work")) if stage in G else False


def held_at(G: nx.DiGraph, stage: str) -> set[str]:
    """What someone at ``stage`` holds whatever they said: what the stage gives and what it needs to enter
    (a registered pharmacy technician's job means registration)."""
    return _grants(G, stage) | set(G.nodes[stage].get("needs") or [])


def _grants(G: nx.DiGraph, stage: str) -> set[str]:
    """Qualifications you hold once you reach ``stage`` (a course step gets its own)."""
    if stage.startswith(QUALIFICATION_PREFIX):
        return set(_course_ids(stage))
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
        if not self.situation:
            return self.route.as_dict(G)
        stages = self.route.stages
        step_months = [0 if i in (0, len(stages) - 1) else _months(G, s) for i, s in enumerate(stages)]
        result: dict[str, Any] = {
            "stages": list(stages),
            "months": self.route.months,
            "earn_while_learning": self.route.earn_while_learning,
            "step_months": step_months,
            "titles": [_title(G, s) for s in stages],
            **experience_fields(G, self.route),
        }
        quals = _qualifications(G)
        result["added"] = [_added(quals, i, s) for i, s in enumerate(stages) if s.startswith(QUALIFICATION_PREFIX)]
        result["notes"] = list(self.notes)
        return result


def _added(quals: dict[str, dict[str, Any]], at: int, stage: str) -> dict[str, Any]:
    """An added course step as the finder shows it (one step may get several qualifications at once)."""
    ids = _course_ids(stage)
    courses = [quals[q]["course"] for q in ids]
    return {"at": at, "qualification": ids[0], "qualifications": ids,
            "name": _and_list([str(quals[q]["name"]) for q in ids]),
            "months": max(int(c["months"]) for c in courses),
            "months_vary": any(bool(c.get("months_vary")) for c in courses), "source": courses[0]["source"],
            "summary": courses[0]["summary"] if len(courses) == 1 else " ".join(str(c["summary"]) for c in courses),
            "earn_while_learning": all(bool(c["earn_while_learning"]) for c in courses),
            "alongside_work": all(bool(c.get("alongside_work")) for c in courses),
            # Sourced advice for someone who nearly has it (a grade 3), once even when two share it.
            "advice": list({a["text"]: a for q in ids for a in quals[q].get("advice") or []}.values())}


def _situation_graph(G: nx.DiGraph, start: str, situation: Situation, keep_open: str | None = None) -> nx.DiGraph:
    """``G`` with the steps a situation adds or closes: a course before each link whose needs you lack
    (one node per link, so a path cannot jump between links), and no way into a stage an hours rule closes
    (except ``keep_open``, the stage asked about). Built once per start and situation: ``reach`` shares it."""
    H = G.copy()
    have, hours = situation.have, situation.hours
    if hours is not None:
        for stage, rule in (G.graph.get("hours_rules") or {}).items():
            if stage in H and stage not in (start, keep_open) and hours < int(rule["min_hours_a_week"]):
                H.remove_edges_from(list(H.in_edges(stage)))
    if have is not None:
        quals = _qualifications(G)
        for u, v, data in list(H.edges(data=True)):
            missing = [q for q in data.get("needs") or [] if q not in have and (quals.get(q) or {}).get("course")]
            if not missing:
                continue
            chain = [u, *(f"{QUALIFICATION_PREFIX}{'+'.join(group)}|{u}|{v}" for group in _together(quals, missing)), v]
            for node in chain[1:-1]:
                H.add_node(node, kind="training", title=_title(G, node), months=_months(G, node),
                           earn_while_learning=_earns_any(G, node), settings=[])
            H.remove_edge(u, v)
            for a, b in itertools.pairwise(chain):
                H.add_edge(a, b, **(data if b == v else {"requires": [], "note": None, "needs": []}))
    return H


def _together(quals: dict[str, dict[str, Any]], missing: list[str]) -> list[list[str]]:
    """Missing qualifications grouped into course steps: courses people take at the same time (a course's
    ``taken_with``, such as English and maths) make one step."""
    groups: list[list[str]] = []
    for q in missing:
        with_ = set(quals[q]["course"].get("taken_with") or [])
        group = next((g for g in groups if with_ & set(g)), None)
        if group is None:
            groups.append([q])
        else:
            group.append(q)
    return groups


def _closed_by_hours(G: nx.DiGraph, stage: str, hours: int | None) -> bool:
    rule = (G.graph.get("hours_rules") or {}).get(stage)
    return hours is not None and rule is not None and hours < int(rule["min_hours_a_week"])


def _settle(G: nx.DiGraph, path: tuple[str, ...], have: Collection[str] | None) -> Route | None:
    """A route found in the situation graph, in ``G``'s terms: a course step only for the qualifications not yet
    held (from ``have``, the starting stage or a stage earlier on the route); None when a need no course gets is
    unmet. The experience a step asks for is read off ``G``'s link between the two stages."""
    held = set(have or ()) | held_at(G, path[0])
    kept, previous = [path[0]], path[0]
    legs: list[Leg] = []
    for stage in path[1:]:
        if stage.startswith(QUALIFICATION_PREFIX):
            missing = [q for q in _course_ids(stage) if q not in held]
            if missing:
                held.update(missing)
                kept.append(QUALIFICATION_PREFIX + "+".join(missing))
            continue
        if have is not None:
            needs = G.edges[previous, stage].get("needs") or []
            if any(q not in held for q in needs):
                return None
        found = experience_leg(G, previous, stage)
        if found is not None:
            legs.append(found)
        held |= _grants(G, stage)
        kept.append(stage)
        previous = stage
    inner = kept[1:-1]
    return Route(stages=tuple(kept), months=sum(_months(G, s) for s in inner) + sum(leg[1] for leg in legs),
                 earn_while_learning=all(_earns_any(G, s) for s in inner), experience=tuple(legs))


def _situation_notes(G: nx.DiGraph, route: Route, hours: int | None) -> tuple[str, ...]:
    notes = []
    quals = _qualifications(G)
    for i, stage in enumerate(route.stages):
        if stage.startswith(QUALIFICATION_PREFIX):
            ids = _course_ids(stage)
            guide = ", a guide: courses differ" if any(quals[q]["course"].get("months_vary") for q in ids) else ""
            at_once = ", at the same time" if len(ids) > 1 else ""
            needed_by = next(s for s in route.stages[i + 1:] if not s.startswith(QUALIFICATION_PREFIX))
            notes.append(f"You said you do not have {_and_list([str(quals[q]['name']) for q in ids])}, which "
                         f"{_title(G, needed_by)} needs: this route adds {_title(G, stage)}{at_once} "
                         f"({months_words(_months(G, stage))}{guide}).")
    if hours is not None:
        rules = G.graph.get("hours_rules") or {}
        for stage in route.stages:
            if stage in rules:
                notes.append(f"{rules[stage]['rule']} You said {hours} hours a week, which meets it.")
        note = G.graph.get("hours_note")
        if note:
            notes.append(str(note["text"]))
    return tuple(notes)


def plans(G: nx.DiGraph, start: str, goal: str, situation: Situation | None = None, *,
          limit: int = ROUTE_LIMIT) -> list[Plan]:
    """Routes from ``start`` to ``goal`` for someone's situation, fastest first.

    ``situation.have`` is what they hold (qualification ids from ``G.graph["qualifications"]``): None assumes
    nothing and gives exactly ``routes``; once given, each link's ``needs`` they lack becomes a course step with its
    months. ``situation.hours`` (a week) closes stages an official hours rule puts out of reach and adds what is
    known. ``limit`` means the same with and without a situation. Raises ``UnknownStage`` and ``NoRoute`` like
    ``routes``.
    """
    situation = situation or Situation()
    check_limit(limit)
    if not situation.given:
        found = routes(G, start, goal, earn_while_learning=situation.earn_while_learning,
                       max_months=situation.max_months, avoid_settings=situation.avoid_settings, limit=limit)
        return [Plan(route, situation=False) for route in found]
    _check_known(G, start, goal)
    _check_hours(situation.hours)
    H = _situation_graph(G, start, situation, keep_open=goal)
    return _plans_in(G, H, start, goal, situation, limit)


def _check_hours(hours: int | None) -> None:
    if hours is not None and not 1 <= hours <= MAX_HOURS_A_WEEK:
        raise ValueError(f"hours must be from 1 to {MAX_HOURS_A_WEEK}")


def _plans_in(G: nx.DiGraph, H: nx.DiGraph, start: str, goal: str, situation: Situation, limit: int) -> list[Plan]:
    """``plans`` on a situation graph ``H`` already built from ``G``."""
    try:
        # One route more than asked: settling can drop a route (a need nothing on it gets) or merge two.
        found = _find(H, start, goal, situation.earn_while_learning, situation.max_months,
                      situation.avoid_settings, limit + 1)
    except NoRoute:
        raise NoRoute(start, goal, filtered=True) from None
    settled: dict[tuple[str, ...], Route] = {}
    for found_route in found:
        route = _settle(G, found_route.stages, situation.have)
        if route is not None and (situation.max_months is None or route.months <= situation.max_months):
            settled.setdefault(route.stages, route)
    if not settled:
        raise NoRoute(start, goal, filtered=True)
    ordered = sorted(settled.values(), key=lambda r: (r.months, len(r.stages), r.stages))[:limit]
    return [Plan(route, situation=True, notes=_situation_notes(G, route, situation.hours)) for route in ordered]


def reach(G: nx.DiGraph, start: str, situation: Situation | None = None) -> list[tuple[str, Plan]]:
    """Every role reachable from ``start`` within ``situation.max_months`` under the conditions given, each with
    its fastest plan; fastest first, then by title.

    >>> G = nx.DiGraph()
    >>> for n, kind, months in [("a", "start", 0), ("t", "training", 24), ("b", "role", 0), ("c", "role", 0)]:
    ...     G.add_node(n, kind=kind, title=n.upper(), months=months, earn_while_learning=True, settings=[])
    >>> G.add_edges_from([("a", "t"), ("t", "b"), ("a", "c")])
    >>> [(role, plan.route.months) for role, plan in reach(G, "a")]
    [('c', 0), ('b', 24)]
    >>> [role for role, _ in reach(G, "a", Situation(max_months=12))]
    ['c']
    """
    situation = situation or Situation()
    _check_known(G, start)
    _check_hours(situation.hours)
    within = situation.max_months
    goals = sorted(str(n) for n in nx.descendants(G, start) if G.nodes[n]["kind"] == "role")
    if within is not None:
        # A situation only adds steps or closes some, so the plain fastest time is a floor: skip what is beyond.
        floor = nx.single_source_dijkstra_path_length(
            G, start, weight=lambda u, _v, _d: 0 if u == start else int(G.nodes[u]["months"]))
        goals = [goal for goal in goals if floor.get(goal, within + 1) <= within]
    # The situation graph is built once for every goal (building it per goal made a big graph slow); only a goal
    # an hours rule closes, asked about directly, needs its own.
    shared = _situation_graph(G, start, situation) if situation.given else None
    found = []
    for goal in goals:
        try:
            if shared is None:
                best = plans(G, start, goal, situation, limit=1)[0]
            else:
                H = (_situation_graph(G, start, situation, keep_open=goal)
                     if _closed_by_hours(G, goal, situation.hours) else shared)
                best = _plans_in(G, H, start, goal, situation, 1)[0]
        except NoRoute:
            continue
        found.append((goal, best))
    found.sort(key=lambda pair: (pair[1].route.months, str(G.nodes[pair[0]]["title"]).casefold(), pair[0]))
    return found


def reach_if_time_varies(G: nx.DiGraph, start: str, situation: Situation,
                         reached: Collection[str] = ()) -> list[tuple[str, Plan]]:
    """Roles ``reach`` leaves out under ``situation.max_months`` only because a step asks for time in a job that
    no source puts a figure on: their training (and any sourced experience) fits, but nobody can promise the
    rest. Each with that plan; empty without a time limit."""
    within = situation.max_months
    if within is None or not any(_edge_varies(data) for _u, _v, data in G.edges(data=True)):
        return []
    found = []
    for goal in sorted(str(n) for n in nx.descendants(G, start) if G.nodes[n]["kind"] == "role"):
        if goal in reached:
            continue
        try:
            candidates = plans(G, start, goal, situation.but(max_months=None), limit=ROUTE_LIMIT)
        except NoRoute:
            continue
        best = next((p for p in candidates if p.route.experience_varies and p.route.months <= within), None)
        if best is not None:
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
    G: nx.DiGraph, start: str, goal: str, situation: Situation | None = None
) -> dict[str, Any] | None:
    """For a question with no route: the smallest single change that gives one, with words such as
    "With 24 months (2 years) there is 1 route." Tries more months, then study without pay, then every
    setting; None when none of those helps."""
    asked = situation or Situation()

    def found(**change: Any) -> list[Plan]:
        try:
            return plans(G, start, goal, asked.but(**change))
        except NoRoute:
            return []

    if asked.max_months is not None:
        # Only a route with a sourced time can be promised within a number of months.
        unlimited = found(max_months=None)
        longer = [plan for plan in unlimited if not plan.route.experience_varies]
        if unlimited and not longer:
            return {"change": "max", "max": None,
                    "text": "Every route there asks for time in a job, which varies, so no number of months can "
                            f"promise it. Without a time limit {_routes_count(len(unlimited))}."}
        if longer:
            months = longer[0].route.months
            count = sum(1 for plan in longer if plan.route.months <= months)
            return {"change": "max", "max": months,
                    "text": f"With {months_words(months)} {_routes_count(count)}."}
    if asked.earn_while_learning:
        unpaid = found(earn_while_learning=False)
        if unpaid:
            return {"change": "earn", "earn": False,
                    "text": f"If you can study without pay for part of the way, {_routes_count(len(unpaid))}."}
    if asked.avoid_settings:
        anywhere = found(avoid_settings=frozenset())
        if anywhere:
            return {"change": "avoid", "avoid": [],
                    "text": f"Without leaving out any setting, {_routes_count(len(anywhere))}."}
    return None
