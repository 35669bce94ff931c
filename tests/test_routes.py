"""Route queries: ordering, filters, errors, what_next and routes_into, on small hand-made graphs."""

from __future__ import annotations

import doctest
from typing import Any

import networkx as nx
import pytest

import pathfinder.graph
import pathfinder.routes
import pathfinder.routes.answers
import pathfinder.routes.planning
import pathfinder.routes.search
import pathfinder.routes.wording
from pathfinder.routes import (
    NoRoute,
    UnknownStage,
    find_stage,
    route_step_months,
    routes,
    routes_into,
    what_next,
)


def _node(kind: str, months: int = 0, earn: bool | None = None, settings: list[str] | None = None) -> dict[str, Any]:
    return {"kind": kind, "title": "", "months": months, "earn_while_learning": earn, "settings": settings or []}


@pytest.fixture
def G() -> nx.DiGraph:
    """start -> (fast unpaid course | slow paid apprenticeship | hospital-only job) -> ... -> goal."""
    G = nx.DiGraph()
    nodes = {
        "start": _node("start"),
        "other-start": _node("start"),
        "unpaid-course": _node("training", 12, False, ["college-or-university"]),
        "apprenticeship": _node("training", 24, True, ["community-pharmacy", "hospital"]),
        "hospital-job": _node("role", 6, None, ["hospital"]),
        "hospital-training": _node("training", 18, True, ["hospital"]),
        "goal": _node("role", 99),
        "beyond": _node("role"),
        "island": _node("role"),
    }
    for node, data in nodes.items():
        G.add_node(node, **{**data, "title": node.replace("-", " ").capitalize()})
    G.add_edges_from([
        ("start", "unpaid-course"), ("unpaid-course", "goal"),
        ("start", "apprenticeship"), ("apprenticeship", "goal"),
        ("start", "hospital-job"), ("hospital-job", "hospital-training"), ("hospital-training", "goal"),
        ("goal", "beyond"), ("other-start", "hospital-job"),
    ], requires=[], note=None)
    return G


def test_routes_are_fastest_first_with_months_of_the_stages_between(G: nx.DiGraph) -> None:
    found = routes(G, "start", "goal")
    assert [r.stages for r in found] == [
        ("start", "unpaid-course", "goal"),
        ("start", "apprenticeship", "goal"),
        ("start", "hospital-job", "hospital-training", "goal"),
    ]
    assert [r.months for r in found] == [12, 24, 24]
    assert [r.earn_while_learning for r in found] == [False, True, True]


def test_the_goal_and_start_add_no_months(G: nx.DiGraph) -> None:
    assert routes(G, "goal", "beyond")[0].months == 0
    assert route_step_months(G, ("start", "hospital-job", "hospital-training", "goal")) == [0, 6, 18, 0]


def test_ties_are_broken_by_fewer_steps(G: nx.DiGraph) -> None:
    tied = [r for r in routes(G, "start", "goal") if r.months == 24]
    assert [len(r.stages) for r in tied] == [3, 4]


def test_earn_while_learning_drops_unpaid_training(G: nx.DiGraph) -> None:
    found = routes(G, "start", "goal", earn_while_learning=True)
    assert found and all(r.earn_while_learning for r in found)
    assert all("unpaid-course" not in r.stages for r in found)


def test_max_months_drops_slower_routes(G: nx.DiGraph) -> None:
    assert [r.months for r in routes(G, "start", "goal", max_months=20)] == [12]
    with pytest.raises(NoRoute) as caught:
        routes(G, "start", "goal", max_months=5)
    assert caught.value.filtered


def test_avoid_drops_stages_only_in_avoided_settings(G: nx.DiGraph) -> None:
    found = routes(G, "start", "goal", avoid_settings=["hospital"])
    kept = {s for r in found for s in r.stages}
    assert "hospital-job" not in kept and "apprenticeship" in kept  # apprenticeship is also in community pharmacy


def test_limit(G: nx.DiGraph) -> None:
    assert len(routes(G, "start", "goal", limit=2)) == 2
    with pytest.raises(ValueError):
        routes(G, "start", "goal", limit=0)


def test_no_route_and_unknown_stage(G: nx.DiGraph) -> None:
    with pytest.raises(NoRoute) as caught:
        routes(G, "start", "island")
    assert not caught.value.filtered
    with pytest.raises(NoRoute):
        routes(G, "goal", "goal")
    with pytest.raises(UnknownStage) as unknown:
        routes(G, "start", "gaol")
    assert "goal" in unknown.value.suggestions


def test_find_stage_matches_id_or_title_in_any_case(G: nx.DiGraph) -> None:
    assert find_stage(G, "HOSPITAL job") == "hospital-job"
    assert find_stage(G, "  hospital-JOB ") == "hospital-job"
    with pytest.raises(UnknownStage) as caught:
        find_stage(G, "hospitl job")
    assert caught.value.suggestions == ["hospital-job"]


def test_what_next_lists_onward_steps(G: nx.DiGraph) -> None:
    assert [step["to"] for step in what_next(G, "start")] == ["unpaid-course", "apprenticeship", "hospital-job"]
    assert what_next(G, "beyond") == []


def test_routes_into_covers_every_origin_that_can_reach(G: nx.DiGraph) -> None:
    into = routes_into(G, "hospital-training")
    assert set(into) == {"start", "other-start", "hospital-job"}
    assert into["other-start"][0].stages == ("other-start", "hospital-job", "hospital-training")
    assert routes_into(G, "start") == {}


def test_as_dict_is_the_json_contract(G: nx.DiGraph) -> None:
    route = routes(G, "start", "goal")[0].as_dict(G)
    assert route["stages"] == ["start", "unpaid-course", "goal"]
    assert route["months"] == sum(route["step_months"]) == 12
    assert route["earn_while_learning"] is False
    assert len(route["titles"]) == len(route["stages"])


def test_routes_package_imports_only_stdlib_networkx_and_itself() -> None:
    import ast
    import sys
    from pathlib import Path

    package = Path(pathfinder.routes.__file__).parent
    modules = sorted(package.glob("*.py"))
    assert len(modules) >= 4
    for module in modules:
        tree = ast.parse(module.read_text())
        imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                    for alias in node.names}
        imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                     if isinstance(node, ast.ImportFrom) and node.module and node.level == 0}
        assert imported - set(sys.stdlib_module_names) <= {"networkx", "__future__"}, module.name
        relative = {(node.level, node.module) for node in ast.walk(tree)
                    if isinstance(node, ast.ImportFrom) and node.level}
        assert all(level == 1 and name in {m.stem for m in modules} for level, name in relative), module.name


@pytest.mark.parametrize("module", [pathfinder.routes, pathfinder.routes.search, pathfinder.routes.wording,
                                    pathfinder.routes.planning, pathfinder.routes.answers, pathfinder.graph])
def test_docstring_examples_run(module: object) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)  # type: ignore[arg-type]
    assert result.attempted > 0 and result.failed == 0
