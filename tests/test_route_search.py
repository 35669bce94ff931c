"""Route search at scale: the exact search lists the same routes, in the same order, as reading every simple
path would; Yen's algorithm (the fallback) agrees where it can; limits and origins are bounded."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pathfinder.routes.search
from pathfinder.routes import MAX_LIMIT, MAX_ORIGINS, NoRoute, routes, routes_into

from .conftest import DATA, ROOT

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
KINDS = ("start", "role", "training")


@st.composite
def graphs(draw: st.DrawFn, most: int = 7) -> nx.DiGraph:
    """Small graphs, loops allowed, with months, pay and settings that make ties and filters bite."""
    n = draw(st.integers(2, most))
    G = nx.DiGraph()
    for i in range(n):
        G.add_node(f"s{i}", kind=draw(st.sampled_from(KINDS)), title=f"S{i}",
                   months=draw(st.sampled_from([0, 0, 6, 12])),
                   earn_while_learning=draw(st.booleans()),
                   settings=draw(st.lists(st.sampled_from(["hospital", "community-pharmacy"]), max_size=2,
                                          unique=True)))
    pairs = [(f"s{a}", f"s{b}") for a, b in itertools.permutations(range(n), 2)]
    G.add_edges_from(draw(st.lists(st.sampled_from(pairs), unique=True, max_size=len(pairs))))
    return G


def _every_route(G: nx.DiGraph, start: str, goal: str, **filters: Any) -> list[tuple[tuple[str, ...], int, bool]]:
    """The definition: every simple path that passes the filters, in route order."""
    earn, max_months, avoid = filters.get("earn_while_learning", False), filters.get("max_months"), \
        set(filters.get("avoid_settings", ()))
    found = []
    for path in nx.all_simple_paths(G, start, goal):
        inner = path[1:-1]
        earns = all(G.nodes[s]["kind"] != "training" or G.nodes[s]["earn_while_learning"] for s in inner)
        months = sum(G.nodes[s]["months"] for s in inner)
        left_out = any(avoid and G.nodes[s]["settings"] and set(G.nodes[s]["settings"]) <= avoid for s in inner)
        if (earn and not earns) or left_out or (max_months is not None and months > max_months):
            continue
        found.append((tuple(path), months, earns))
    return sorted(found, key=lambda r: (r[1], len(r[0]), r[0]))


def _listed(G: nx.DiGraph, start: str, goal: str, **options: Any) -> list[tuple[tuple[str, ...], int, bool]]:
    try:
        return [(r.stages, r.months, r.earn_while_learning) for r in routes(G, start, goal, **options)]
    except NoRoute:
        return []


FILTERS = st.fixed_dictionaries({}, optional={
    "earn_while_learning": st.booleans(), "max_months": st.integers(0, 30),
    "avoid_settings": st.lists(st.sampled_from(["hospital", "community-pharmacy"]), max_size=2)})


@SETTINGS
@given(G=graphs(), limit=st.integers(1, 8), filters=FILTERS, data=st.data())
def test_the_search_lists_the_first_routes_of_every_simple_path(
        G: nx.DiGraph, limit: int, filters: dict[str, Any], data: st.DataObject) -> None:
    start, goal = data.draw(st.sampled_from(sorted(G))), data.draw(st.sampled_from(sorted(G)))
    if start == goal:
        return
    assert _listed(G, start, goal, limit=limit, **filters) == _every_route(G, start, goal, **filters)[:limit]


@SETTINGS
@given(G=graphs(most=5), limit=st.integers(1, 5), filters=FILTERS, data=st.data())
def test_yens_algorithm_gives_the_same_routes_when_the_search_gives_up(
        G: nx.DiGraph, limit: int, filters: dict[str, Any], data: st.DataObject) -> None:
    start, goal = data.draw(st.sampled_from(sorted(G))), data.draw(st.sampled_from(sorted(G)))
    if start == goal:
        return
    exact = _listed(G, start, goal, limit=limit, **filters)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pathfinder.routes.search, "_SEARCH_BUDGET", 0)
        assert _listed(G, start, goal, limit=limit, **filters) == exact


def _dense(n: int) -> nx.DiGraph:
    """Every job leads to every later job: more simple paths than could ever be listed."""
    G = nx.DiGraph()
    for i in range(n):
        G.add_node(f"r{i:03d}", kind="start" if i == 0 else "role", title=f"R{i}", months=0,
                   earn_while_learning=None, settings=[])
    G.add_edges_from((f"r{i:03d}", f"r{j:03d}") for i in range(n) for j in range(i + 1, n))
    return G


def test_the_largest_limit_on_a_dense_graph_lists_the_routes_with_fewest_steps_first() -> None:
    G = _dense(60)
    found = routes(G, "r000", "r059", limit=MAX_LIMIT)
    assert len(found) == MAX_LIMIT
    assert found[0].stages == ("r000", "r059")
    assert [len(r.stages) for r in found] == sorted(len(r.stages) for r in found)
    assert found[1].stages == ("r000", "r001", "r059")  # ties in ids order


@pytest.mark.parametrize("limit", [0, MAX_LIMIT + 1, 10**9])
def test_a_limit_out_of_range_is_refused(limit: int) -> None:
    with pytest.raises(ValueError, match="limit"):
        routes(_dense(3), "r000", "r002", limit=limit)


def test_routes_into_lists_starting_points_then_the_nearest_jobs_up_to_the_cap() -> None:
    G = _dense(40)
    G.remove_edges_from([(u, v) for u, v in G.edges if int(v[1:]) != int(u[1:]) + 1])  # a chain: r000 -> r001 ...
    into = routes_into(G, "r039")
    assert len(into) == MAX_ORIGINS
    assert "r000" in into  # the starting point, although every job is nearer
    assert set(into) - {"r000"} == {f"r{i:03d}" for i in range(39 - MAX_ORIGINS + 1, 39)}
    assert len(routes_into(G, "r039", max_origins=None)) == 39
    dense = _dense(40)
    assert routes_into(dense, "r039", max_origins=None)["r010"] == routes(dense, "r010", "r039", limit=3)


@pytest.mark.parametrize("limit", [str(MAX_LIMIT + 1), "1000000000", "99999999999999999999999"])
def test_route_limit_above_the_maximum_is_a_usage_error(capsys: pytest.CaptureFixture[str], limit: str) -> None:
    from pathfinder.cli import main

    with pytest.raises(SystemExit) as stopped:
        main(["route", "school-leaver", "pharmacy-technician", "--limit", limit, "--pathways", str(DATA / "valid")])
    assert stopped.value.code == 2
    error = capsys.readouterr().err
    assert f"at most {MAX_LIMIT}" in error and "Traceback" not in error


def test_a_starting_point_lists_the_nearest_jobs_up_to_the_cap() -> None:
    from pathfinder.site.route_view import nearest_goals

    G = _dense(60)
    G.remove_edges_from([(u, v) for u, v in G.edges if int(v[1:]) != int(u[1:]) + 1])  # r000 -> r001 -> ...
    G.add_edge("r000", "r059")  # one far job is a single step away
    assert nearest_goals(G, "r000", most=5) == {"r001", "r002", "r003", "r004", "r059"}
    assert len(nearest_goals(G, "r000", most=100)) == 59


def test_the_finder_knows_when_its_precomputed_answers_leave_questions_out(tmp_path: Path) -> None:
    import json
    import sys

    from pathfinder.graph import load_pathways
    from pathfinder.site.finder import _routes_json

    sys.path.insert(0, str(ROOT / "bench"))
    from bench_site import generate_dense

    generate_dense(tmp_path / "dense", MAX_ORIGINS + 6)
    dense = json.loads(_routes_json(load_pathways(tmp_path / "dense")))
    last = f"role-{MAX_ORIGINS + 3:05d}"
    assert dense["partial"] is True
    assert sum(last in by_goal for by_goal in dense["routes"].values()) == MAX_ORIGINS
    assert json.loads(_routes_json(load_pathways(DATA / "valid")))["partial"] is False
