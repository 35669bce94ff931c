"""Time in a job is part of the route: no page, card or answer shows a senior job as reachable in its training
time alone, and every place that shows a route says training and time in a job apart."""

from __future__ import annotations

import json
import re
from datetime import date
from html import unescape
from pathlib import Path

import pytest

from pathfinder.cli import main
from pathfinder.graph import Pathways, load_pathways
from pathfinder.routes import NoRoute, Situation, answer_dict, reach_dict, routes
from pathfinder.site import generate_site

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def pathways() -> Pathways:
    return load_pathways(ROOT / "pathways")


@pytest.fixture(scope="module")
def pages(pathways: Pathways) -> dict[str, str]:
    files = generate_site(pathways, built=date(2026, 12, 5))
    return {path: unescape(re.sub(r"<[^>]+>", "", text)) for path, text in files.items()
            if path.endswith(".md") and isinstance(text, str)}


def _senior(pathways: Pathways) -> list[str]:
    """Jobs that start at band 6 or 7 (every band they list is 6 or above), other than a pharmacist's, whose first
    job after training is band 6. A job listed at bands 4 to 7 can be started at band 4, so it is not one."""
    return sorted(s for s, loaded in pathways.stages.items()
                  if loaded.stage.pay and min(loaded.stage.pay.bands, default=0) >= 6
                  and loaded.stage.job_group != "pharmacist")


def test_senior_routes_count_training_and_experience(pathways: Pathways) -> None:
    G = pathways.graph
    senior = _senior(pathways)
    assert {"specialist-pharmacy-technician", "pharmacy-technician-manager"} <= set(senior)
    for start in ("school-leaver", "career-changer"):
        for goal in senior:
            try:
                found = routes(G, start, goal, limit=100)
            except NoRoute:
                continue
            for route in found:
                training = sum(int(G.nodes[s]["months"]) for s in route.stages[1:-1])
                assert route.training_months == training
                assert route.months == training + route.experience_months
                # Every route to a senior job passes time in a job: asked by a step, or a job's own months (the
                # foundation years after registration).
                in_a_job = [s for s in route.stages[1:-1] if G.nodes[s]["kind"] == "role" and G.nodes[s]["months"]]
                assert route.experience or in_a_job, (start, goal, route.stages)


def test_start_pages_never_show_a_senior_job_in_its_training_time_alone(
        pathways: Pathways, pages: dict[str, str]) -> None:
    for start in ("school-leaver", "career-changer"):
        page = pages[f"start/{start}/index.md"]
        for goal in _senior(pathways):
            title = pathways.stages[goal].stage.title
            lines = [line for line in page.splitlines() if line.strip().startswith(f"{title}:")]
            assert lines, (start, goal)
            for line in lines:
                assert "training, then" in line and ("varies" in line or "usually" in line), line


def test_role_pages_and_cards_say_the_time_in_the_job(pathways: Pathways, pages: dict[str, str]) -> None:
    for goal in _senior(pathways):
        for path in (f"careers/{goal}/index.md", f"schools/cards/{goal}/index.md"):
            text = pages[path]
            assert "which varies" in text or "usually" in text, path
            assert not re.search(r"From leaving school or college: about 2 years\s*$", text, flags=re.M), path


def test_the_manager_route_from_school_shows_training_and_experience_apart(
        capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["route", "school-leaver", "pharmacy-technician-manager", "--pathways", str(ROOT / "pathways")])
    out = capsys.readouterr().out
    assert code == 0
    first = out.splitlines()[0]
    assert "of training, then" in first and "which varies" in first
    code = main(["route", "school-leaver", "pharmacy-technician-manager", "--json",
                 "--pathways", str(ROOT / "pathways")])
    found = json.loads(capsys.readouterr().out)["routes"]
    for route in found:
        assert route["months"] == route["training_months"] + route["experience_months"]
        assert route["experience_varies"] is True and route["experience"]


def test_a_time_that_varies_is_never_within_a_limit(pathways: Pathways) -> None:
    G = pathways.graph
    answer = reach_dict(G, "school-leaver", Situation(max_months=120))
    reached = {entry["to"] for entry in answer["reach"]}
    assert "pharmacy-technician-manager" not in reached
    assert "pharmacy-technician-manager" in {entry["to"] for entry in answer["varies"]} and answer["varies_text"]
    dead_end = answer_dict(G, "school-leaver", "pharmacy-technician-manager", Situation(max_months=120))
    assert dead_end["error"] == "no-route" and dead_end["relax"]["max"] is None
    assert "varies" in dead_end["relax"]["text"]


def test_a_sourced_minimum_is_counted_and_said(pathways: Pathways) -> None:
    answer = answer_dict(pathways.graph, "pharmacy-assistant", "accuracy-checking-dispenser")
    route = answer["routes"][0]
    assert route["experience_months"] == 12 and route["months"] == route["training_months"] + 12
    words = answer["groups"][0]["route"]["words"]
    assert "at least 12 months" in words["time"] and "at least 12 months (1 year) here" in words["steps"][0]


def test_a_route_through_one_of_several_jobs_says_the_others_would_do(pathways: Pathways) -> None:
    """Several technician jobs lead on to a manager's post after time that varies. The fastest route names one of
    them (the first the search meets), so its words must say that another would do as well; a job that stops
    leading there drops out of those words."""
    G = pathways.graph.copy()

    def first_route() -> dict:
        return answer_dict(G, "pharmacy-technician", "pharmacy-technician-manager")["groups"][0]["route"]

    route = first_route()
    job, others = route["experience"][-1]["title"], route["experience"][-1]["others"]
    assert others and job not in others
    assert all(o.lower() in route["words"]["time"] for o in others[:1]) and "(or " in route["words"]["time"]
    for other in [t for t in G if G.nodes[t]["title"] in others]:
        assert G.edges[other, "pharmacy-technician-manager"]["experience"]["varies"]
        G.remove_edge(other, "pharmacy-technician-manager")
    alone = first_route()
    assert alone["experience"][-1]["others"] == [] and "(or " not in alone["words"]["time"]
