""""How to get here" on a role page: one choice per place a visitor may be now, nearest first.

Routes that differ only in which support job you hold now (pharmacy assistant, dispensing assistant, ...) are
shown once, for all of those jobs together, so the page does not repeat the same steps under each job.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from ..graph import stage_url
from ..routes import ROUTE_LIMIT, Route, routes_into
from .map_svg import career_columns
from .route_view import RouteView, route_views

__all__ = ["ROUTES_SHOWN", "OriginGroup", "origin_groups"]

#: As many routes as the finder shows for the same question, so every route it can show is on a page too.
ROUTES_SHOWN = ROUTE_LIMIT


@dataclass(frozen=True)
class Origin:
    """One place a visitor may be now."""

    id: str
    title: str
    url: str


@dataclass(frozen=True)
class OriginGroup:
    """Places a visitor may be now that share the same routes (after the first step), with those routes."""

    origins: tuple[Origin, ...]
    routes: list[RouteView]

    @property
    def id(self) -> str:
        """The first origin's id, for the route finder's link."""
        return self.origins[0].id

    @property
    def fastest(self) -> RouteView:
        """The fastest route (routes come fastest first)."""
        return self.routes[0]

    @property
    def also_from(self) -> tuple[str, ...]:
        """Ids of the other origins whose routes these are too."""
        return tuple(o.id for o in self.origins[1:])


def _shape(found: list[Route]) -> tuple[tuple[tuple[str, ...], int, bool], ...]:
    """What the routes look like after the first step: two origins with the same shape share one choice."""
    return tuple((tuple(r.stages[1:]), r.months, r.earn_while_learning) for r in found)


#: Starting points in the order DESIGN.md lists them: school and college leavers first, then career changers.
_START_ORDER = ("school-leaver", "career-changer")


def _nearness(G: nx.DiGraph, origin: str, found: list[Route]) -> tuple[int, int, int, int, str]:
    """Nearest first: fewest steps, then starting points before jobs, then shortest time, then title."""
    fastest = found[0]
    start_rank = _START_ORDER.index(origin) if origin in _START_ORDER else len(_START_ORDER)
    return (len(fastest.stages), 0 if G.nodes[origin]["kind"] == "start" else 1, fastest.months, start_rank,
            str(G.nodes[origin]["title"]))


def origin_groups(G: nx.DiGraph, stage_id: str, prefix: str) -> list[OriginGroup]:
    """Every starting point and job that leads to ``stage_id``, grouped by the routes they share, nearest first.

    Within a group the origins keep the same order; each group's routes are those of its first origin.
    """
    found = routes_into(G, stage_id, limit=ROUTES_SHOWN)
    ordered = sorted(found, key=lambda o: _nearness(G, o, found[o]))
    column = career_columns(G)  # jobs at the same career stage, such as the support jobs, may share a choice
    groups: dict[tuple[object, ...], list[str]] = {}
    for origin in ordered:
        is_job = G.nodes[origin]["kind"] == "role"
        key: tuple[object, ...] = ("job", column[origin], _shape(found[origin])) if is_job else (origin,)
        groups.setdefault(key, []).append(origin)
    return [OriginGroup(origins=tuple(Origin(o, str(G.nodes[o]["title"]), prefix + stage_url(o, G.nodes[o]["kind"]))
                                      for o in members),
                        routes=route_views(G, found[members[0]], prefix))
            for members in groups.values()]
