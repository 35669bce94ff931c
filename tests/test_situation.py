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
    closed_by_hours,
    months_words,
    nearest_relaxation,
    plans,
    reach,
    routes,
)

ROOT = Path(__file__).resolve().parents[1]
ASKED = ("gcse-english-maths", "gcse-science", "level-3-science")


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
            full = [p.route for p in plans(G, start, goal, have=ASKED)]
            assert full == routes(G, start, goal)


def test_without_gcse_maths_the_route_includes_the_step_that_gets_it(G: nx.DiGraph) -> None:
    plain = routes(G, "career-changer", "pharmacy-technician")[0]
    lacking = plans(G, "career-changer", "pharmacy-technician", have=["gcse-science", "level-3-science"])[0]
    step = QUALIFICATION_PREFIX + "gcse-english-maths"
    course = G.graph["qualifications"]["gcse-english-maths"]["course"]
    assert step in lacking.route.stages
    assert lacking.route.stages.index(step) < lacking.route.stages.index("trainee-pharmacy-technician")
    assert lacking.route.months == plain.months + course["months"]
    shown = lacking.as_dict(G)
    assert [a["qualification"] for a in shown["added"]] == ["gcse-english-maths"]
    assert shown["step_months"][shown["stages"].index(step)] == course["months"]
    assert any("do not have" in note for note in lacking.notes)


def test_a_qualification_is_added_once_and_not_when_a_stage_gives_it(G: nx.DiGraph) -> None:
    for start in _origins(G):
        for goal in sorted(n for n in nx.descendants(G, start) if G.nodes[n]["kind"] == "role"):
            try:
                found = plans(G, start, goal, have=[])
            except NoRoute:
                continue
            for plan in found:
                added = [s for s in plan.route.stages if s.startswith(QUALIFICATION_PREFIX)]
                assert len(added) == len(set(added)), plan
                assert QUALIFICATION_PREFIX + "gphc-registration" not in added


def test_an_hours_rule_closes_the_stage_and_says_why(G: nx.DiGraph) -> None:
    with pytest.raises(NoRoute):
        plans(G, "school-leaver", "pharmacy-technician", hours=13)
    assert closed_by_hours(G, 13) and "14 hours" in closed_by_hours(G, 13)[0]
    enough = plans(G, "school-leaver", "pharmacy-technician", hours=14)
    assert [p.route for p in enough] == routes(G, "school-leaver", "pharmacy-technician")
    assert any("14 hours" in note for note in enough[0].notes)
    assert closed_by_hours(G, 30) == []


def test_reach_lists_every_role_within_the_months_fastest_first(G: nx.DiGraph) -> None:
    everything = reach(G, "school-leaver")
    months = [plan.route.months for _, plan in everything]
    assert months == sorted(months)
    roles = {n for n in nx.descendants(G, "school-leaver") if G.nodes[n]["kind"] == "role"}
    assert {goal for goal, _ in everything} == roles
    within = reach(G, "school-leaver", within=24)
    assert [g for g, p in within] == [g for g, p in everything if p.route.months <= 24]
    for goal, plan in within:
        assert plan.route == routes(G, "school-leaver", goal)[0]
    for start in _origins(G):  # with a situation too, within N is the whole list cut at N
        for situation in ({"have": []}, {"have": ["gcse-science"], "hours": 20}, {"earn_while_learning": True}):
            whole = [(g, p.route.months) for g, p in reach(G, start, **situation)]  # type: ignore[arg-type]
            cut = [(g, p.route.months) for g, p in reach(G, start, within=30, **situation)]  # type: ignore[arg-type]
            assert cut == [(g, m) for g, m in whole if m <= 30], (start, situation)


def test_a_dead_end_names_the_nearest_relaxation(G: nx.DiGraph) -> None:
    with pytest.raises(NoRoute):
        plans(G, "school-leaver", "pharmacy-technician", max_months=12)
    hint = nearest_relaxation(G, "school-leaver", "pharmacy-technician", max_months=12)
    fastest = routes(G, "school-leaver", "pharmacy-technician")[0].months
    assert hint is not None and hint["max"] == fastest and months_words(fastest) in hint["text"]
    assert plans(G, "school-leaver", "pharmacy-technician", max_months=hint["max"])


def test_months_words_are_one_wording(G: nx.DiGraph) -> None:
    from pathfinder.site.render import months_text

    assert all(months_text(n) == months_words(n) for n in range(0, 121))
    assert months_words(18) == "18 months (1 year 6 months)" and months_words(0) == "no extra time"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main([*argv, "--pathways", str(ROOT / "pathways")])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_route_have_and_hours(capsys: pytest.CaptureFixture[str], G: nx.DiGraph) -> None:
    code, out, _ = _run(capsys, "route", "school-leaver", "pharmacy-technician", "--json")
    plain = json.loads(out)
    code, out, _ = _run(capsys, "route", "school-leaver", "pharmacy-technician", "--json", "--have", "none")
    assert code == 0
    lacking = json.loads(out)["routes"]
    assert lacking[0]["months"] > plain["routes"][0]["months"] and lacking[0]["added"]
    assert lacking == [p.as_dict(G) for p in plans(G, "school-leaver", "pharmacy-technician", have=[])]
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
    assert set(data["reach"][0]) == {"to", "months", "route"}
    assert [e["to"] for e in data["reach"]] == [g for g, _ in reach(G, "career-changer", within=30, have=[])]


def test_an_unknown_need_is_a_located_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy = tmp_path / "pathways"
    shutil.copytree(ROOT / "pathways", copy)
    stage = copy / "start" / "school-leaver.yaml"
    stage.write_text(stage.read_text().replace("needs: [level-3-science]", "needs: [level-9-magic]"))
    code = main(["check", str(copy)])
    out, _ = capsys.readouterr()
    assert code == 1 and "school-leaver.yaml:" in out and "unknown-qualification" in out
