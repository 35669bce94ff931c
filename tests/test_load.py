"""Loading stage files: values, positions, folders, and what the loader skips."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from pathfinder.graph import build_graph, load_pathways
from pathfinder.load import load_dir, load_file, title_key
from pathfinder.schema import Stage, stage_json_schema


def test_valid_fixture_loads_clean(valid_dir: Path) -> None:
    pathways = load_pathways(valid_dir)
    assert pathways.problems == []
    assert set(pathways.stages) == {p.stem for p in valid_dir.rglob("*.yaml")}
    assert pathways.graph.number_of_edges() == sum(len(s.stage.next) for s in pathways.stages.values())


def test_positions_point_at_each_value(valid_dir: Path) -> None:
    path = valid_dir / "training" / "level-2-pharmacy-services.yaml"
    loaded, problems = load_file(path)
    assert problems == [] and loaded is not None
    lines = path.read_text().splitlines()
    for key_path in [("id",), ("duration", "typical_months"), ("next", 0, "to"), ("sources", 0, "url")]:
        line, col = loaded.positions.of(key_path)
        assert lines[line - 1][col - 1:].startswith(str(_lookup(loaded.stage, key_path)))


def _lookup(stage: Stage, key_path: tuple[str | int, ...]) -> object:
    value: object = stage
    for part in key_path:
        value = value[part] if isinstance(part, int) else getattr(value, part)  # type: ignore[index]
    return value


def test_byte_order_mark_is_accepted(valid_dir: Path, tmp_path: Path) -> None:
    source = valid_dir / "roles" / "pharmacy-technician.yaml"
    target = tmp_path / "roles" / "pharmacy-technician.yaml"
    target.parent.mkdir()
    target.write_bytes(b"\xef\xbb\xbf" + source.read_bytes())
    loaded, problems = load_file(target)
    assert problems == [] and loaded is not None and loaded.stage.id == "pharmacy-technician"


def test_figures_folder_is_not_read_as_stages(valid_dir: Path, tmp_path: Path) -> None:
    root = tmp_path / "pathways"
    shutil.copytree(valid_dir, root)
    (root / "figures").mkdir()
    (root / "figures" / "workforce.yaml").write_text("figures: []\n")
    assert load_dir(root).problems == []


def test_stage_outside_the_kind_folders_is_reported(valid_dir: Path, tmp_path: Path) -> None:
    root = tmp_path / "pathways"
    shutil.copytree(valid_dir, root)
    (root / "role").mkdir()
    shutil.copy(valid_dir / "roles" / "pharmacy-technician.yaml", root / "role" / "extra.yaml")
    assert [p.code for p in load_dir(root).problems] == ["wrong-folder"]


def test_every_problem_in_every_file_is_collected(valid_dir: Path, tmp_path: Path) -> None:
    root = tmp_path / "pathways"
    shutil.copytree(valid_dir, root)
    for path in root.rglob("*.yaml"):
        path.write_text(path.read_text().replace("reviewed: 2026-11-01", "reviewed: 2999-01-01"))
    problems = load_dir(root).problems
    assert len(problems) == 5 and {p.code for p in problems} == {"future-review"}


def test_reviewed_today_is_not_the_future(valid_dir: Path) -> None:
    assert load_dir(valid_dir, today=date(2026, 11, 1)).problems == []
    assert {p.code for p in load_dir(valid_dir, today=date(2026, 10, 31)).problems} == {"future-review"}


def test_graph_nodes_carry_what_routes_need(valid_dir: Path) -> None:
    G = build_graph(s.stage for s in load_pathways(valid_dir).stages.values())
    node = G.nodes["level-2-pharmacy-services"]
    assert (node["kind"], node["months"], node["earn_while_learning"], node["standard"]) == (
        "training", 15, True, "ST0299")
    assert node["url"] == "training/level-2-pharmacy-services/"


def test_json_schema_forbids_unknown_keys_and_documents_fields() -> None:
    schema = stage_json_schema()
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) >= {"id", "kind", "title", "summary", "sources", "reviewed"}
    assert all(prop.get("description") for prop in schema["properties"].values())


@pytest.mark.parametrize("url", ["http://example.org", "ftp://example.org/x", "https://", "example.org"])
def test_sources_must_be_https(url: str) -> None:
    with pytest.raises(ValueError):
        Stage.model_validate({"id": "ab", "kind": "role", "title": "T", "summary": "S",
                              "sources": [{"url": url, "title": "x"}], "reviewed": "2026-01-01"})


def _copy(valid_dir: Path, tmp_path: Path) -> Path:
    root = tmp_path / "pathways"
    shutil.copytree(valid_dir, root)
    return root


def _codes(root: Path) -> dict[str, str]:
    return {Path(p.file).name: p.code for p in load_dir(root).problems}


def test_a_link_to_a_file_outside_the_tree_is_refused_and_not_loaded(valid_dir: Path, tmp_path: Path) -> None:
    root = _copy(valid_dir, tmp_path)
    outside = tmp_path / "secret.yaml"
    shutil.copy(root / "roles" / "pharmacy-technician.yaml", outside)
    (root / "roles" / "pharmacy-technician.yaml").unlink()
    (root / "roles" / "pharmacy-technician.yaml").symlink_to(outside)
    result = load_dir(root)
    assert _codes(root) == {"pharmacy-technician.yaml": "link-outside"}
    assert "pharmacy-technician" not in result.stages


def test_a_link_inside_the_tree_is_read(valid_dir: Path, tmp_path: Path) -> None:
    root = _copy(valid_dir, tmp_path)
    real = root / "roles" / "pharmacy-technician.yaml"
    (root / "real.txt").write_bytes(real.read_bytes())
    real.unlink()
    real.symlink_to(root / "real.txt")
    assert load_dir(root).problems == []


def test_broken_links_loops_and_linked_folders_are_reported(valid_dir: Path, tmp_path: Path) -> None:
    root = _copy(valid_dir, tmp_path)
    (root / "roles" / "gone.yaml").symlink_to(root / "roles" / "nowhere.yaml")
    (root / "roles" / "loop-a.yaml").symlink_to(root / "roles" / "loop-b.yaml")
    (root / "roles" / "loop-b.yaml").symlink_to(root / "roles" / "loop-a.yaml")
    (root / "more").symlink_to(tmp_path)
    assert _codes(root) == {"gone.yaml": "broken-link", "loop-a.yaml": "link-loop", "loop-b.yaml": "link-loop",
                            "more": "link-outside"}


@pytest.mark.parametrize("name", ["x\n::error file=forged.yaml::forged.yaml", "a,title=forged.yaml", "Ab.yaml",
                                  "a b.yaml", "café.yaml", "x\u202egpj.yaml"])
def test_stage_file_names_outside_the_safe_pattern_are_refused(valid_dir: Path, tmp_path: Path, name: str) -> None:
    root = _copy(valid_dir, tmp_path)
    shutil.copy(valid_dir / "roles" / "pharmacy-technician.yaml", root / "roles" / name)
    [problem] = load_dir(root).problems
    assert problem.code == "bad-file-name"
    assert problem.file.isprintable() and "\n" not in problem.as_text()


def test_an_empty_folder_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "roles").mkdir()
    assert [p.code for p in load_dir(tmp_path).problems] == ["no-stages"]


def test_nesting_deeper_than_the_limit_is_refused_without_recursion(valid_dir: Path, tmp_path: Path) -> None:
    root = _copy(valid_dir, tmp_path)
    path = root / "roles" / "pharmacy-technician.yaml"
    path.write_text(path.read_text() + "caveats: " + "[" * 100_000 + "]" * 100_000 + "\n")
    [problem] = load_dir(root).problems
    assert (problem.code, problem.line) == ("too-deep", path.read_text().count("\n"))


def test_dates_are_judged_against_the_day_given(valid_dir: Path, tmp_path: Path) -> None:
    root = _copy(valid_dir, tmp_path)
    path = root / "roles" / "pharmacy-technician.yaml"
    path.write_text(path.read_text().replace("reviewed: 2026-11-01", "reviewed: 2030-01-01"))
    assert [p.code for p in load_dir(root, today=date(2029, 12, 31)).problems] == ["future-review"]
    assert load_dir(root, today=date(2030, 1, 1)).problems == []


@pytest.mark.parametrize(("a", "b"), [("Pharmacy technician", "PHARMACY  technician"),
                                      ("Pharmacy technician", "\uff30harmacy technician"),
                                      ("Pharmacy technician", "Pharma\u200bcy technician")])
def test_titles_that_read_alike_share_a_key(a: str, b: str) -> None:
    assert title_key(a) == title_key(b)
    assert title_key(a) != title_key("Pharmacy technicians")
