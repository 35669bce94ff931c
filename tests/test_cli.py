"""The pathfinder command as a maintainer or a script uses it: output shapes and exit codes."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from pathfinder.cli import CLOSED_PIPE
from pathfinder.graph import load_pathways
from pathfinder.routes import routes
from tests.cases import materialise

from .conftest import ROOT, run_cli

run = run_cli


def test_check_clean_data_exits_0(capsys: pytest.CaptureFixture[str], valid_dir: Path) -> None:
    code, out, _ = run(capsys, "check", str(valid_dir))
    assert code == 0 and "no problems" in out


def test_check_formats(capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(materialise("unknown-key", tmp_path))
    code, out, _ = run(capsys, "check", ".", "--format", "json")
    problems = json.loads(out)
    assert code == 1 and [p["code"] for p in problems] == ["unknown-key", "unknown-key"]
    assert {"file", "line", "col", "code", "message", "severity"} == set(problems[0])
    code, out, _ = run(capsys, "check", ".", "--format", "github")
    assert code == 1 and out.splitlines()[0].startswith("::error file=roles/pharmacy-technician.yaml,line=4,col=1,")


def test_check_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run(capsys, "check", str(tmp_path / "missing"))[0] == 2
    assert run(capsys, "check", "--format", "xml")[0] == 2
    assert run(capsys)[0] == 2


def test_route_json_matches_the_library(capsys: pytest.CaptureFixture[str], valid_dir: Path) -> None:
    code, out, _ = run(capsys, "route", "Leaving school or college", "PHARMACY TECHNICIAN", "--json",
                       "--pathways", str(valid_dir))
    answer = json.loads(out)
    G = load_pathways(valid_dir).graph
    expected = routes(G, "school-leaver", "pharmacy-technician")
    assert code == 0 and (answer["from"], answer["to"]) == ("school-leaver", "pharmacy-technician")
    assert [r["stages"] for r in answer["routes"]] == [list(r.stages) for r in expected]
    assert [r["months"] for r in answer["routes"]] == sorted(r["months"] for r in answer["routes"])
    assert all(isinstance(r["earn_while_learning"], bool) for r in answer["routes"])


def test_route_filters_and_limit(capsys: pytest.CaptureFixture[str], valid_dir: Path) -> None:
    args = ("route", "school-leaver", "pharmacy-technician", "--json", "--pathways", str(valid_dir))
    _, out, _ = run(capsys, *args, "--limit", "1")
    assert len(json.loads(out)["routes"]) == 1
    _, out, _ = run(capsys, *args, "--max-months", "30", "--earn-while-learning")
    assert all(r["months"] <= 30 and r["earn_while_learning"] for r in json.loads(out)["routes"])


def test_route_text_numbers_the_steps(capsys: pytest.CaptureFixture[str], valid_dir: Path) -> None:
    code, out, _ = run(capsys, "route", "school-leaver", "pharmacy-technician", "--pathways", str(valid_dir))
    assert code == 0 and "1. " in out and "[trainee-pharmacy-technician]" in out


def test_unknown_name_exits_2_with_suggestion(capsys: pytest.CaptureFixture[str], valid_dir: Path) -> None:
    code, _, err = run(capsys, "route", "school-leaver", "pharmacy technican", "--pathways", str(valid_dir))
    assert code == 2 and "pharmacy-technician" in err and "Traceback" not in err


def test_no_route_exits_1_with_a_sentence(capsys: pytest.CaptureFixture[str], valid_dir: Path) -> None:
    code, out, err = run(capsys, "route", "pharmacy-technician", "school-leaver", "--pathways", str(valid_dir))
    assert code == 1 and out == "" and err.strip().endswith(".")
    code, _, err = run(capsys, "route", "school-leaver", "pharmacy-technician", "--max-months", "3",
                       "--pathways", str(valid_dir))
    assert code == 1 and "filter" in err


@pytest.mark.parametrize("bad", ["0", "-4", "soon"])
def test_bad_numbers_are_usage_errors(capsys: pytest.CaptureFixture[str], valid_dir: Path, bad: str) -> None:
    code, _, err = run(capsys, "route", "school-leaver", "pharmacy-technician", "--max-months", bad,
                       "--pathways", str(valid_dir))
    assert code == 2 and "Traceback" not in err


def test_route_on_broken_data_prints_problems(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    root = materialise("unknown-stage", tmp_path)
    code, _, err = run(capsys, "route", "school-leaver", "pharmacy-technician", "--pathways", str(root))
    assert code == 1 and "error[unknown-stage]" in err


def test_export_formats_round_trip(capsys: pytest.CaptureFixture[str], valid_dir: Path) -> None:
    G = load_pathways(valid_dir).graph
    _, out, _ = run(capsys, "export", "--format", "json", "--pathways", str(valid_dir))
    assert nx.utils.graphs_equal(nx.node_link_graph(json.loads(out), edges="edges"), G)
    _, out, _ = run(capsys, "export", "--format", "graphml", "--pathways", str(valid_dir))
    assert set(nx.parse_graphml(out).edges) == set(G.edges)
    _, out, _ = run(capsys, "export", "--format", "csv", "--pathways", str(valid_dir))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["id"] for r in rows} == set(G) and {r["id"]: r["kind"] for r in rows} == dict(G.nodes(data="kind"))


def test_schema_prints_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    schema = json.loads(out)
    assert code == 0 and schema["title"] == "Stage" and "next" in schema["properties"]


def test_generate_writes_pages(capsys: pytest.CaptureFixture[str], valid_dir: Path, tmp_path: Path) -> None:
    code, _, _ = run(capsys, "generate", str(tmp_path / "out"), "--pathways", str(valid_dir))
    assert code == 0 and (tmp_path / "out" / "careers" / "pharmacy-technician" / "index.md").is_file()


def test_generate_refuses_broken_figures(capsys: pytest.CaptureFixture[str], valid_dir: Path, tmp_path: Path) -> None:
    root = materialise("unreachable", tmp_path)
    (root / "roles" / "pharmacist.yaml").unlink()
    (root / "figures").mkdir()
    (root / "figures" / "workforce.yaml").write_text("figures:\n  - id: x\nreviewed: 2026-01-01\n")
    code, _, err = run(capsys, "generate", str(tmp_path / "out"), "--pathways", str(root))
    assert code == 1 and "figures/workforce.yaml:2:" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_github_annotations_survive_a_hostile_file_name(tmp_path: Path) -> None:
    root = materialise("unknown-key", tmp_path)
    hostile = "x\n::error file=forged.yaml,line=1::forged,title=x.yaml"
    shutil.copy(root / "roles" / "dispensing-assistant.yaml", root / "roles" / hostile)
    run_ = subprocess.run([sys.executable, "-m", "pathfinder.cli", "check", ".", "--format", "github"], cwd=root,
                          capture_output=True, text=True, timeout=60)
    assert run_.returncode == 1 and run_.stderr == ""
    lines = run_.stdout.splitlines()
    assert all(line.startswith("::error file=") for line in lines), "a file name started its own command"
    files = [dict(part.split("=", 1) for part in line[len("::error "):].split("::")[0].split(","))["file"]
             for line in lines]
    assert not any(f == "forged" or "," in f or ":" in f or "\n" in f for f in files)
    named = [line for line in lines if "forged" in line]
    assert len(named) == 1 and "title=bad-file-name::" in named[0]


def test_check_an_empty_folder_fails_with_one_clear_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "check", str(tmp_path))
    assert code == 1 and "error[no-stages]" in out and "no problems" not in out


def test_generate_from_an_empty_folder_fails(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, _, err = run(capsys, "generate", str(tmp_path / "out"), "--pathways", str(tmp_path / "empty"))
    assert code == 1 and "no-stages" in err and not (tmp_path / "out").exists()


def test_generate_onto_an_existing_file_is_one_line(capsys: pytest.CaptureFixture[str], valid_dir: Path,
                                                    tmp_path: Path) -> None:
    (tmp_path / "out").write_text("keep me")
    code, out, err = run(capsys, "generate", str(tmp_path / "out"), "--pathways", str(valid_dir))
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert (tmp_path / "out").read_text() == "keep me"


def test_generate_where_a_folder_cannot_be_made_is_one_line(capsys: pytest.CaptureFixture[str], valid_dir: Path,
                                                            tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "careers").write_text("a file where a folder must go")
    code, _, err = run(capsys, "generate", str(tmp_path / "out"), "--pathways", str(valid_dir))
    assert code == 1 and len(err.strip().splitlines()) == 1 and "Traceback" not in err


@pytest.mark.parametrize("argv", [["schema"], ["export", "--format", "json", "--pathways", "tests/data/valid"]])
def test_writing_into_a_closed_pipe_is_quiet(argv: list[str]) -> None:
    with subprocess.Popen([sys.executable, "-m", "pathfinder.cli", *argv], cwd=ROOT,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()  # the reader goes away before the command writes a byte
        err = process.stderr.read()
        assert process.wait(timeout=60) == CLOSED_PIPE
    assert err == b"", err.decode()


def test_avoid_an_unknown_setting_is_a_usage_error(capsys: pytest.CaptureFixture[str], valid_dir: Path) -> None:
    code, out, err = run(capsys, "route", "school-leaver", "pharmacy-technician", "--avoid", "hopsital",
                         "--pathways", str(valid_dir))
    assert code == 2 and out == "" and "did you mean 'hospital'" in err and len(err.strip().splitlines()) == 1
    code, _, _ = run(capsys, "route", "school-leaver", "pharmacy-technician", "--avoid", "hospital",
                     "--pathways", str(valid_dir))
    assert code in (0, 1)


def test_schema_write_makes_the_committed_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, _ = run(capsys, "schema", "--write", str(tmp_path))
    committed = {p.name for p in (ROOT / "pathways").glob("*.schema.json")}
    registered = {"stage.schema.json", "figures.schema.json", "pay.schema.json", "qualifications.schema.json",
                  "glossary.schema.json"}
    assert code == 0 and {p.name for p in tmp_path.iterdir()} == committed == registered
    for path in tmp_path.iterdir():
        assert path.read_text() == (ROOT / "pathways" / path.name).read_text()


def test_deep_nesting_is_a_located_error_for_check_and_generate(capsys: pytest.CaptureFixture[str],
                                                                tmp_path: Path) -> None:
    root = materialise("deep-nesting", tmp_path)
    code, out, _ = run(capsys, "check", str(root))
    assert code == 1 and "error[too-deep]" in out
    code, _, err = run(capsys, "generate", str(tmp_path / "out"), "--pathways", str(root))
    assert code == 1 and "error[too-deep]" in err and "RecursionError" not in err


def test_figures_linked_from_outside_the_tree_are_refused(capsys: pytest.CaptureFixture[str], valid_dir: Path,
                                                          tmp_path: Path) -> None:
    root = tmp_path / "pathways"
    shutil.copytree(valid_dir, root)
    (root / "figures").mkdir()
    (tmp_path / "elsewhere.yaml").write_text("figures: []\n")
    (root / "figures" / "workforce.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    code, out, _ = run(capsys, "check", str(root))
    assert code == 1 and "error[link-outside]" in out
