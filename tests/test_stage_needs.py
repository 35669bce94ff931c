"""Entry needs belong to the stage entered: no route, in the command line or in the finder, reaches a stage
without a step for each need the visitor said they lack, whichever way in it takes.

The check below reads the needs from the stage files themselves (``Stage.needs``, a link's ``waives`` and
``adds``), not from the graph the route code reads, so a route that skips a need fails it however it was found.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from pathfinder.cli import main
from pathfinder.graph import Pathways, load_pathways
from pathfinder.routes import QUALIFICATION_PREFIX, NoRoute, Situation, plans
from tests.test_finder_engine import _run_engine

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def pathways() -> Pathways:
    loaded = load_pathways(ROOT / "pathways")
    assert not loaded.errors
    return loaded


def _asked(pathways: Pathways) -> list[str]:
    return sorted(q for q, data in pathways.graph.graph["qualifications"].items() if data.get("ask", True))


def _situations(pathways: Pathways) -> list[frozenset[str]]:
    """Every subset of the qualifications the finder asks about."""
    asked = _asked(pathways)
    return [frozenset(c) for n in range(len(asked) + 1) for c in itertools.combinations(asked, n)]


def _origins(pathways: Pathways) -> list[str]:
    return sorted(s for s, loaded in pathways.stages.items() if loaded.stage.kind in ("start", "role"))


def _given_by(pathways: Pathways, stage: str) -> set[str]:
    return {q for q, data in pathways.graph.graph["qualifications"].items() if data.get("stage") == stage}


def _unmet_needs(pathways: Pathways, stages: list[str], have: frozenset[str]) -> list[str]:
    """Each stage on the route whose needs (as the stage files say, with the link's stated waivers and
    additions) are not all held on arrival, from ``have``, the starting stage or a step earlier on the route."""
    start = pathways.stages[stages[0]].stage
    held = set(have) | set(start.needs) | _given_by(pathways, start.id)
    previous, unmet = start, []
    for stage_id in stages[1:]:
        if stage_id.startswith(QUALIFICATION_PREFIX):
            held.update(stage_id[len(QUALIFICATION_PREFIX):].split("+"))
            continue
        stage = pathways.stages[stage_id].stage
        link = next(link for link in previous.next if link.to == stage_id)
        needed = (set(stage.needs) - {w.need for w in link.waives}) | {a.need for a in link.adds}
        unmet += [f"{previous.id} -> {stage_id} needs {need}" for need in sorted(needed - held)]
        held |= _given_by(pathways, stage_id)
        previous = stage
    return unmet


def test_the_trainee_stage_states_its_needs_once(pathways: Pathways) -> None:
    trainee = pathways.stages["trainee-pharmacy-technician"].stage
    assert {"gcse-english", "gcse-maths", "gcse-science"} <= set(trainee.needs)
    for loaded in pathways.stages.values():  # the old per-link form is gone from the data
        assert all(not link.needs for link in loaded.stage.next), loaded.file


def test_no_route_skips_a_need_the_situation_lacks(pathways: Pathways) -> None:
    G = pathways.graph
    roles = sorted(s for s, loaded in pathways.stages.items() if loaded.stage.kind == "role")
    checked = 0
    for origin, have in itertools.product(_origins(pathways), _situations(pathways)):
        for goal in roles:
            if goal == origin:
                continue
            try:
                found = plans(G, origin, goal, Situation(have=have))
            except NoRoute:
                continue
            for plan in found:
                assert not _unmet_needs(pathways, list(plan.route.stages), have), (origin, sorted(have), plan)
                checked += 1
    assert checked > 1000


def test_the_detours_into_the_trainee_post_now_add_the_gcse_steps(pathways: Pathways) -> None:
    found = plans(pathways.graph, "dispensing-assistant", "pharmacy-technician", Situation(have=frozenset()))
    through = {s for plan in found for s in plan.route.stages}
    assert {"accuracy-checking-dispenser", "science-manufacturing-technician"} <= through  # the old detours
    for plan in found:
        added = {q for s in plan.route.stages if s.startswith(QUALIFICATION_PREFIX)
                 for q in s[len(QUALIFICATION_PREFIX):].split("+")}
        assert {"gcse-english", "gcse-maths", "gcse-science"} <= added, plan.route.stages


def test_the_command_line_adds_a_step_for_every_need(pathways: Pathways, capsys: pytest.CaptureFixture[str]) -> None:
    for origin in ("dispensing-assistant", "career-changer", "assistant-technical-officer"):
        for have in ([], ["gcse-science"], ["gcse-english"]):
            code = main(["route", origin, "pharmacy-technician", "--json", "--limit", "100", "--have", "none",
                         *itertools.chain.from_iterable(("--have", h) for h in have),
                         "--pathways", str(ROOT / "pathways")])
            out = capsys.readouterr().out
            assert code == 0
            for route in json.loads(out)["routes"]:
                assert not _unmet_needs(pathways, route["stages"], frozenset(have)), (origin, have, route)


def test_the_finder_engine_adds_a_step_for_every_need(tmp_path: Path, pathways: Pathways) -> None:
    asked = _asked(pathways)
    # Nothing, everything, and each one missing: every need is lacked in some situation.
    situations = [[], asked, *([q for q in asked if q != missing] for missing in asked)]
    roles = sorted(s for s, loaded in pathways.stages.items() if loaded.stage.kind == "role")
    questions: list[dict[str, Any]] = [{"from": origin, "to": goal, "have": have}
                                       for origin in _origins(pathways) for goal in roles if goal != origin
                                       for have in situations]
    answers = _run_engine(tmp_path, pathways, questions)["answers"]
    checked = 0
    for question, answer in zip(questions, answers, strict=True):
        for route in answer.get("routes", []):
            assert not _unmet_needs(pathways, route["stages"], frozenset(question["have"])), (question, route)
            checked += 1
    assert checked > 500
