"""The finder's Python side (finder_engine.py, run in Pyodide) in a fresh plain interpreter: networkx from the
wheel with the light import, answers equal to the routes package for every pair with and without filters and
situations."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from pathfinder.graph import Pathways, load_pathways
from pathfinder.routes import answer_dict, reach_dict
from pathfinder.site.finder import SETTINGS, engine_bundle, finder_files, networkx_wheel

ROOT = Path(__file__).resolve().parents[1]
FILTERS: list[dict[str, Any]] = [
    {}, {"earn": 1}, {"max": 30}, {"avoid": ["hospital"]},
    {"earn": 1, "max": 48, "avoid": ["community-pharmacy", "aseptic-unit"]}, {"avoid": sorted(SETTINGS)},
    {"have": []}, {"have": ["gcse-english-maths"], "hours": 20}, {"hours": 10, "max": 60},
]
# Runs in a fresh interpreter whose sys.path starts with the engine bundle and the networkx wheel, as in the worker.
_RUNNER = """
import json, sys
questions = json.load(sys.stdin)
import finder_engine
finder_engine.load_graph(open(sys.argv[1], encoding="utf-8").read())
answers = [json.loads(finder_engine.answer(json.dumps(q))) for q in questions]
import networkx
print(json.dumps({"answers": answers, "full": finder_engine.full_import_used(), "networkx": networkx.__file__,
                  "modules": sorted(m for m in sys.modules if m.startswith("networkx"))}))
"""


def _pathways() -> list[Pathways]:
    found = []
    for folder in (Path(__file__).parent / "data" / "valid", ROOT / "pathways"):
        if any(folder.rglob("*.yaml")):
            loaded = load_pathways(folder)
            if not loaded.problems:
                found.append(loaded)
    return found


def _expected(pathways: Pathways, question: dict[str, Any]) -> dict[str, Any]:
    G = pathways.graph
    conditions = {"have": question.get("have"), "hours": question.get("hours"),
                  "earn_while_learning": bool(question.get("earn")), "avoid_settings": question.get("avoid", ())}
    if "to" not in question:
        return reach_dict(G, question["from"], within=question.get("within"), **conditions)
    return answer_dict(G, question["from"], question["to"], max_months=question.get("max"), **conditions)


def _run_engine(tmp_path: Path, pathways: Pathways, questions: list[dict[str, Any]]) -> dict[str, Any]:
    bundle = tmp_path / "engine.zip"
    bundle.write_bytes(engine_bundle())
    graph = tmp_path / "graph.json"
    graph.write_text(str(finder_files(pathways)["finder/graph.json"]), encoding="utf-8")
    path = [str(bundle), str(networkx_wheel())]
    code = f"import sys; sys.path[:0] = {path!r}\n" + _RUNNER
    done = subprocess.run([sys.executable, "-I", "-c", code, str(graph)], input=json.dumps(questions),
                          capture_output=True, text=True, check=True, cwd=tmp_path)
    result: dict[str, Any] = json.loads(done.stdout)
    return result


@pytest.mark.parametrize("pathways", _pathways(), ids=lambda p: f"{len(p.stages)}-stages")
def test_engine_answers_equal_routes_py_for_every_pair(tmp_path: Path, pathways: Pathways) -> None:
    G = pathways.graph
    origins = [n for n, kind in G.nodes(data="kind") if kind in ("start", "role")]
    goals = [n for n, kind in G.nodes(data="kind") if kind == "role"]
    questions = [{"from": a, "to": b, **f} for a, b in itertools.product(origins, goals) if a != b for f in FILTERS]
    questions += [{"from": a, "within": 36, **f} for a in origins for f in FILTERS[-3:]]
    result = _run_engine(tmp_path, pathways, questions)
    assert result["networkx"].startswith(str(networkx_wheel())), "networkx must come from the wheel"
    for question, answer in zip(questions, result["answers"], strict=True):
        assert answer == json.loads(json.dumps(_expected(pathways, question))), question
    assert result["full"] is False, "the light networkx import fell back to importing everything"
    assert "networkx.drawing" not in result["modules"] and "networkx.generators" not in result["modules"]


def test_engine_reports_unknown_stages(tmp_path: Path) -> None:
    pathways = _pathways()[0]
    result = _run_engine(tmp_path, pathways, [{"from": "<b>nope</b>", "to": "pharmacy-technician"}])
    assert result["answers"][0]["error"] == "unknown-stage"


def test_anything_else_asked_of_networkx_completes_the_import(tmp_path: Path) -> None:
    bundle = tmp_path / "engine.zip"
    bundle.write_bytes(engine_bundle())
    code = (f"import sys; sys.path[:0] = {[str(bundle), str(networkx_wheel())]!r}\n"
            "import finder_engine; finder_engine._import_networkx_light(); import networkx as nx\n"
            "print(nx.number_of_nodes(nx.complete_graph(4)), finder_engine.full_import_used())")
    done = subprocess.run([sys.executable, "-I", "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["4", "True"]
