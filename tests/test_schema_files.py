"""The committed JSON Schemas: current, named by every data file, and in agreement with `pathfinder check`.

An editor checks a file with the schema (through `yaml-language-server`); the build checks it with the models. The
test runs the real `check-jsonschema` over every fixture so that the two accept and refuse the same files, except
for what a schema cannot say (links between files, file names, today's date), listed below with the reason.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pathfinder.graph import load_pathways
from pathfinder.schema_files import SCHEMA_FILES, SchemaFile, schema_for, schema_line
from tests.cases import INVALID, case_names, materialise

from .conftest import DATA, ROOT

PATHWAYS = ROOT / "pathways"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"

#: Invalid cases whose problem no JSON Schema can express: the schema accepts the file, only `pathfinder check`
#: refuses it.
SCHEMA_CANNOT_EXPRESS = {
    "dead-end": "a link the graph needs", "unreachable": "a link the graph needs",
    "unknown-stage": "a link to another file", "link-to-deleted-stage": "a link to another file",
    "self-link": "the link's target is the file's own id", "duplicate-id": "two files",
    "duplicate-title": "two files", "duplicate-name": "names compared loosely, across files",
    "bad-file-name": "the file name", "wrong-extension": "the file name",
    "upper-case-extension": "the file name", "wrong-folder": "the folder", "id-mismatch": "the file name",
    "future-review": "today's date", "duration-below-minimum": "a comparison between two fields",
    "id-read-as-false": "editors read YAML 1.2, where `no` is the text 'no'",
    "experience-mistakes": "a figure and 'varies' together (a rule across fields)",
    "need-dropped": "the needs of the stage in another file",
}
#: Cases check-jsonschema cannot read at all, so there is no verdict to compare.
TOOL_CANNOT_READ = {"alias-bomb": "its YAML reader expands the aliases", "deep-nesting": "its YAML reader recurses"}


def test_committed_schemas_are_current() -> None:
    for entry in SCHEMA_FILES:
        path = PATHWAYS / entry.name
        assert path.is_file(), f"{path} is missing: run `make schema`"
        assert path.read_text(encoding="utf-8") == entry.text(), f"{path} is stale: run `make schema`"


def test_every_data_file_names_its_schema_on_its_first_line() -> None:
    for path in sorted(PATHWAYS.rglob("*.yaml")):
        relative = path.relative_to(PATHWAYS).as_posix()
        assert schema_for(relative) is not None, f"{relative} has no schema: add it to SCHEMA_FILES"
        assert path.read_text(encoding="utf-8").splitlines()[0] == schema_line(relative), relative


def test_the_schema_says_what_each_kind_requires() -> None:
    rules = json.loads((PATHWAYS / "stage.schema.json").read_text())["allOf"]
    [rule] = [r for r in rules if r["if"]["properties"]["kind"] == {"const": "training"}]
    assert set(rule["then"]["required"]) == {"duration", "earn_while_learning"}


def _verdicts(schema: Path, files: list[Path], cwd: Path) -> dict[str, bool]:
    """check-jsonschema's verdict (True: valid) per file, offline: the schema is a local file."""
    run = subprocess.run([str(CHECK_JSONSCHEMA), "--schemafile", str(schema), "--default-filetype", "yaml",
                          "-o", "json", *(str(f.relative_to(cwd)) for f in files)],
                         cwd=cwd, capture_output=True, text=True, timeout=120)
    report = json.loads(run.stdout)
    bad = {item["filename"] for item in [*report.get("errors", []), *report.get("parse_errors", [])]}
    return {str(f.relative_to(cwd)): str(f.relative_to(cwd)) not in bad for f in files}


def _stage_files(folder: Path) -> list[Path]:
    """Every file the stage schema is for: in a stage folder, or named .yml/.YAML by mistake; not the other data."""
    data_files = {p for entry in SCHEMA_FILES if entry.name != "stage.schema.json" for glob in entry.data
                  for p in folder.glob(glob)}
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in (".yaml", ".yml")
                  and "figures" not in p.parts and p not in data_files)


@pytest.mark.parametrize("entry", [e for e in SCHEMA_FILES if e.name != "stage.schema.json"], ids=lambda e: e.name)
def test_every_other_data_file_passes_its_schema_and_the_checker(entry: SchemaFile) -> None:
    files = sorted(p for glob in entry.data for p in PATHWAYS.glob(glob))
    assert files and load_pathways(PATHWAYS).errors == []
    assert all(_verdicts(PATHWAYS / entry.name, files, PATHWAYS).values())


@pytest.mark.parametrize("folder", [DATA / "valid", DATA / "hostile", PATHWAYS], ids=["valid", "hostile", "pathways"])
def test_both_accept_every_valid_stage_file(folder: Path) -> None:
    assert load_pathways(folder).errors == []
    verdicts = _verdicts(PATHWAYS / "stage.schema.json", _stage_files(folder), folder)
    assert all(verdicts.values()), [name for name, ok in verdicts.items() if not ok]


@pytest.mark.parametrize("folder", [DATA / "hostile", PATHWAYS], ids=["hostile", "pathways"])
def test_both_accept_the_workforce_figures(folder: Path) -> None:
    assert _verdicts(PATHWAYS / "figures.schema.json", [folder / "figures" / "workforce.yaml"], folder) == {
        "figures/workforce.yaml": True}


def test_both_refuse_every_invalid_case_the_schema_can_express(tmp_path: Path) -> None:
    cases = [c for c in case_names() if c not in TOOL_CANNOT_READ]
    stage_files = [f for case in cases for f in _stage_files(INVALID / case)]
    figure_files = [f for case in cases for f in (INVALID / case / "figures").glob("workforce.yaml")]
    verdicts = {**_verdicts(PATHWAYS / "stage.schema.json", stage_files, INVALID),
                **_verdicts(PATHWAYS / "figures.schema.json", figure_files, INVALID)}
    schema_refuses = {name.split("/", 1)[0] for name, ok in verdicts.items() if not ok}
    for case in cases:
        assert load_pathways(materialise(case, tmp_path / case)).errors, f"pathfinder accepts {case}"
    assert schema_refuses == set(cases) - set(SCHEMA_CANNOT_EXPRESS), (
        "the schema and pathfinder check disagree: update the schema, or SCHEMA_CANNOT_EXPRESS with the reason")
