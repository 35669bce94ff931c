"""Loading stage files: values, positions, folders, and what the loader skips."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from pathfinder.graph import build_graph, load_pathways
from pathfinder.load import load_dir, load_file
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
