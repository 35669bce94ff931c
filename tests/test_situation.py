"""Routes for someone's situation: what they have, hours a week, how far they can get, and the dead-end hint.

All against the real pathways/ data, through the ``routes`` package and the command line.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import networkx as nx
import pytest

from pathfinder.cli import main
from pathfinder.graph import load_pathways
from pathfinder.routes import (
    QUALIFICATION_PREFIX,
    NoRoute,
    Situation,
    closed_by_hours,
    months_words,
    nearest_relaxation,
    plans,
    reach,
    read_have,
    route_words,
    routes,
)

from .conftest import ROOT, run_cli

ASKED = ("gcse-english", "gcse-maths", "gcse-science", "level-3-science")


@pytest.fixture(scope="module")
def G() -> nx.DiGraph:
    return load_pathways(ROOT / "pathways").graph


def _origins(G: nx.DiGraph) -> list[str]:
    return [str(n) for n, kind in G.nodes(data="kind") if kind in ("start", "role")]


def test_without_a_situation_plans_are_the_plain_routes(G: nx.DiGraph) -> None:
    for start in _origins(G):
        for goal in sorted(nx.descendants(G, start)):
            if G.nodes[goal]["kind"] != "role":
                continue
            plain = [r.as_dict(G) for r in routes(G, start, goal)]
            assert [p.as_dict(G) for p in plans(G, start, goal)] == plain


def test_having_everything_asked_changes_no_route(G: nx.DiGraph) -> None:
    for start in ("school-leaver", "career-changer", "dispensing-assistant"):
        for goal in ("pharmacy-technician", "pharmacist"):
            full = [p.route for p in plans(G, start, goal, Situation(have=ASKED))]
            assert full == routes(G, start, goal)


def test_without_gcse_maths_the_route_includes_the_step_that_gets_it(G: nx.DiGraph) -> None:
    plain = routes(G, "career-changer", "pharmacy-technician")[0]
    lacking = plans(G, "career-changer", "pharmacy-technician",
                    Situation(have=["gcse-english", "gcse-science", "level-3-science"]))[0]
    step = QUALIFICATION_PREFIX + "gcse-maths"
    course = G.graph["qualifications"]["gcse-maths"]["course"]
    assert step in lacking.route.stages
    assert lacking.route.stages.index(step) < lacking.route.stages.index("trainee-pharmacy-technician")
    assert lacking.route.months == plain.months + course["months"]
    shown = lacking.as_dict(G)
    assert [a["qualification"] for a in shown["added"]] == ["gcse-maths"]
    assert shown["step_months"][shown["stages"].index(step)] == course["months"]
    assert any("do not have" in note for note in lacking.notes)


def test_english_and_maths_are_two_needs_taken_in_one_step_and_the_old_id_means_both(G: nx.DiGraph) -> None:
    plain = routes(G, "career-changer", "pharmacy-technician")[0]
    neither = plans(G, "career-changer", "pharmacy-technician", Situation(have=["gcse-science"]))[0]
    together = QUALIFICATION_PREFIX + "gcse-english+gcse-maths"
    assert together in neither.route.stages  # one step: the courses run in the same months
    assert neither.route.months == plain.months + G.graph["qualifications"]["gcse-maths"]["course"]["months"]
    assert neither.as_dict(G)["added"][0]["qualifications"] == ["gcse-english", "gcse-maths"]
    old = read_have(G, ["gcse-english-maths", "gcse-science"])
    assert old == (frozenset({"gcse-english", "gcse-maths", "gcse-science"}), [])
    assert plans(G, "career-changer", "pharmacy-technician", Situation(have=old[0]))[0].route == plain
    words = route_words(G, neither.as_dict(G))
    assert "Study alongside work" in words["pay"] and "Study without pay" not in words["pay"]


def test_a_qualification_is_added_once_and_not_when_a_stage_gives_it(G: nx.DiGraph) -> None:
    for start in _origins(G):
        for goal in sorted(n for n in nx.descendants(G, start) if G.nodes[n]["kind"] == "role"):
            try:
                found = plans(G, start, goal, Situation(have=[]))
            except NoRoute:
                continue
            for plan in found:
                added = [s for s in plan.route.stages if s.startswith(QUALIFICATION_PREFIX)]
                assert len(added) == len(set(added)), plan
                assert QUALIFICATION_PREFIX + "gphc-registration" not in added


def test_an_hours_rule_closes_the_stage_and_says_why(G: nx.DiGraph) -> None:
    with pytest.raises(NoRoute):
        plans(G, "school-leaver", "pharmacy-technician", Situation(hours=13))
    assert closed_by_hours(G, 13) and "14 hours" in closed_by_hours(G, 13)[0]
    enough = plans(G, "school-leaver", "pharmacy-technician", Situation(hours=14))
    assert [p.route for p in enough] == routes(G, "school-leaver", "pharmacy-technician")
    assert any("14 hours" in note for note in enough[0].notes)
    assert closed_by_hours(G, 30) == []


def test_reach_lists_every_role_within_the_months_fastest_first(G: nx.DiGraph) -> None:
    everything = reach(G, "school-leaver")
    months = [plan.route.months for _, plan in everything]
    assert months == sorted(months)
    roles = {n for n in nx.descendants(G, "school-leaver") if G.nodes[n]["kind"] == "role"}
    assert {goal for goal, _ in everything} == roles
    within = reach(G, "school-leaver", Situation(max_months=24))
    # Within N means a sourced time within N: a route asking for time in a job that varies is never within it.
    assert [g for g, p in within] == [g for g, p in everything
                                      if p.route.months <= 24 and not p.route.experience_varies]
    for goal, plan in within:
        assert plan.route == routes(G, "school-leaver", goal)[0]
    for start in _origins(G):  # with a situation too, within N is the whole list cut at N
        for situation in ({"have": []}, {"have": ["gcse-science"], "hours": 20}, {"earn_while_learning": True}):
            whole = reach(G, start, Situation(**situation))  # type: ignore[arg-type]
            cut = reach(G, start, Situation(max_months=30, **situation))  # type: ignore[arg-type]
            assert all(p.route.months <= 30 and not p.route.experience_varies for _, p in cut), (start, situation)
            sure = [(g, p.route.months) for g, p in whole if not p.route.experience_varies]
            assert [(g, p.route.months) for g, p in cut if g in dict(sure)] == [(g, m) for g, m in sure if m <= 30]


def test_a_dead_end_names_the_nearest_relaxation(G: nx.DiGraph) -> None:
    with pytest.raises(NoRoute):
        plans(G, "school-leaver", "pharmacy-technician", Situation(max_months=12))
    hint = nearest_relaxation(G, "school-leaver", "pharmacy-technician", Situation(max_months=12))
    fastest = routes(G, "school-leaver", "pharmacy-technician")[0].months
    assert hint is not None and hint["max"] == fastest and months_words(fastest) in hint["text"]
    assert plans(G, "school-leaver", "pharmacy-technician", Situation(max_months=hint["max"]))


def test_months_words_are_one_wording(G: nx.DiGraph) -> None:
    from pathfinder.site.render import months_text

    assert all(months_text(n) == months_words(n) for n in range(0, 121))
    assert months_words(18) == "18 months (1 year 6 months)" and months_words(0) == "no extra time"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    return run_cli(capsys, *argv, "--pathways", str(ROOT / "pathways"))


def test_cli_route_have_and_hours(capsys: pytest.CaptureFixture[str], G: nx.DiGraph) -> None:
    code, out, _ = _run(capsys, "route", "school-leaver", "pharmacy-technician", "--json")
    plain = json.loads(out)
    code, out, _ = _run(capsys, "route", "school-leaver", "pharmacy-technician", "--json", "--have", "none")
    assert code == 0
    lacking = json.loads(out)["routes"]
    assert lacking[0]["months"] > plain["routes"][0]["months"] and lacking[0]["added"]
    assert lacking == [p.as_dict(G) for p in plans(G, "school-leaver", "pharmacy-technician", Situation(have=[]))]
    code, _, err = _run(capsys, "route", "school-leaver", "pharmacy-technician", "--have", "nonsense")
    assert code == 2 and "unknown qualification" in err
    code, _, err = _run(capsys, "route", "school-leaver", "pharmacy-technician", "--hours", "10")
    assert code == 1 and "14 hours" in err
    code, _, err = _run(capsys, "route", "school-leaver", "pharmacy-technician", "--max-months", "12")
    assert code == 1 and "With 24 months" in err


def test_cli_reach_json(capsys: pytest.CaptureFixture[str], G: nx.DiGraph) -> None:
    code, out, _ = _run(capsys, "reach", "career-changer", "--within", "30", "--have", "none", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["from"] == "career-changer" and data["within"] == 30
    assert data["reach"] and all(entry["months"] <= 30 for entry in data["reach"])
    assert set(data["reach"][0]) == {"to", "months", "route", "time"}
    expected = reach(G, "career-changer", Situation(max_months=30, have=[]))
    assert [e["to"] for e in data["reach"]] == [g for g, _ in expected]


def test_an_unknown_need_is_a_located_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy = tmp_path / "pathways"
    shutil.copytree(ROOT / "pathways", copy)
    stage = copy / "training" / "mpharm.yaml"
    stage.write_text(stage.read_text().replace("needs: [level-3-science]", "needs: [level-9-magic]"))
    code = main(["check", str(copy)])
    out, _ = capsys.readouterr()
    assert code == 1 and "mpharm.yaml:" in out and "unknown-qualification" in out


@pytest.mark.parametrize("situation", [["--have", "none"], ["--hours", "20"], []])
def test_cli_limit_means_the_same_with_and_without_a_situation(
        capsys: pytest.CaptureFixture[str], situation: list[str]) -> None:
    for limit in ("1", "100"):
        code, out, err = _run(capsys, "route", "school-leaver", "pharmacist", "--json", "--limit", limit, *situation)
        assert code == 0, err
        assert 1 <= len(json.loads(out)["routes"]) <= int(limit)
    code, _, err = _run(capsys, "route", "school-leaver", "pharmacist", "--limit", "101", *situation)
    assert code == 2 and "limit" in err


def test_cli_unknown_have_is_a_plain_usage_error_with_the_nearest_id(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "route", "school-leaver", "pharmacy-technician", "--have", "gcse-sciense")
    assert code == 2 and not out
    assert "'gcse-sciense' (did you mean 'gcse-science'?)" in err and "Traceback" not in err
    code, _, err = _run(capsys, "reach", "school-leaver", "--have", "gcse-science", "--have", "xyzzy")
    assert code == 2 and "'xyzzy'" in err and "did you mean" not in err.split("known ids")[0]


def test_reach_builds_the_situation_graph_once_not_once_per_goal(
        G: nx.DiGraph, monkeypatch: pytest.MonkeyPatch) -> None:
    import pathfinder.routes.planning as planning

    built = []
    original = planning._situation_graph
    monkeypatch.setattr(planning, "_situation_graph", lambda *a, **k: built.append(1) or original(*a, **k))
    found = reach(G, "school-leaver", Situation(have=[]))
    assert len(found) > 5 and len(built) == 1  # once for every goal: per goal, 2,000 stages took minutes
