"""Every invalid case gives exactly its golden located problems, from the library and from the CLI."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from pathfinder.graph import load_pathways
from tests.cases import GOLDEN, INVALID, case_names, materialise

LOCATED = re.compile(
    r"^(?P<where>[^\s:]+:\d+:\d+): (?P<severity>error|warning)\[(?P<code>[a-z-]+)\]: (?P<message>\S.*)$")


def _golden(case: str) -> list[tuple[str, str | None]]:
    """(FILE:LINE:COL: error[CODE], hint or None) per expected problem."""
    rows = []
    for line in (INVALID / case / GOLDEN).read_text().splitlines():
        located, _, hint = line.partition(" ~ ")
        rows.append((located, hint or None))
    return rows


@pytest.mark.parametrize("case", case_names())
def test_case_reports_its_golden_problems(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = materialise(case, tmp_path)
    monkeypatch.chdir(root)
    problems = load_pathways(Path("."), ).problems
    got = [f"{p.file}:{p.line}:{p.col}: {p.severity}[{p.code}]" for p in problems]
    expected = _golden(case)
    assert got == [located for located, _ in expected]
    for problem, (_, hint) in zip(problems, expected, strict=True):
        assert problem.message.strip()
        if hint:
            assert hint in problem.message, "the did-you-mean suggestion is missing"


@pytest.mark.parametrize("case", case_names())
def test_cli_prints_located_errors_and_exits_1(case: str, tmp_path: Path) -> None:
    root = materialise(case, tmp_path)
    run = subprocess.run([sys.executable, "-m", "pathfinder.cli", "check", "."], cwd=root,
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 1
    assert "Traceback" not in run.stdout + run.stderr
    problem_lines = [line for line in run.stdout.splitlines() if LOCATED.match(line)]
    assert [f"{found['where']}: {found['severity']}[{found['code']}]"
            for found in map(LOCATED.match, problem_lines) if found] == [located for located, _ in _golden(case)]


def test_unsafe_tag_is_never_constructed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    marker = Path("/tmp/pathfinder-unsafe-tag-ran")
    marker.unlink(missing_ok=True)
    monkeypatch.chdir(materialise("unsafe-tag", tmp_path))
    load_pathways(Path("."))
    assert not marker.exists()


REQUIRED_CODES = {
    "yaml-syntax", "empty-file", "not-a-mapping", "encoding", "unsafe-tag", "alias", "unknown-key",
    "missing-field", "wrong-type", "id-mismatch", "duplicate-id", "unknown-stage", "self-link", "out-of-range",
    "invalid-date", "future-review", "insecure-source", "unreachable", "dead-end",
    "bad-file-name", "wrong-extension", "duplicate-title", "invalid-character", "too-deep", "wrong-folder",
}


def test_every_bad_input_class_has_a_case() -> None:
    covered = {LOCATED.match(located + ": x")["code"]  # type: ignore[index]
               for case in case_names() for located, _ in _golden(case)}
    assert covered >= REQUIRED_CODES, f"no invalid case for {sorted(REQUIRED_CODES - covered)}"


def test_cases_exist_for_the_syntax_errors_named_in_the_issue() -> None:
    assert {"tab-indentation", "bad-nesting", "unclosed-quote", "top-level-list", "top-level-scalar",
            "alias-bomb", "negative-duration", "absurd-duration"} <= set(case_names())


def test_cases_exist_for_the_hostile_and_careless_inputs_named_in_the_issues() -> None:
    assert {"bad-file-name", "upper-case-extension", "duplicate-title", "control-characters", "yaml11-numbers",
            "yaml11-booleans", "id-read-as-false", "date-before-2000", "pay-mistakes", "deep-nesting",
            "unquoted-colon", "wrong-indent", "bands-as-pounds", "upper-case-id", "training-in-roles",
            "link-to-deleted-stage", "number-mistakes", "all-problems-at-once"} <= set(case_names())


@pytest.mark.parametrize("case", case_names())
def test_no_message_shows_a_raw_pattern_or_a_programmers_phrase(case: str, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(materialise(case, tmp_path))
    for problem in load_pathways(Path(".")).problems:
        assert "^" not in problem.message and "Input should be" not in problem.message, problem
