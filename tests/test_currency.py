"""Facts due for a check: located warnings from ``pathfinder check`` as of an injected "today", never the calendar.

The golden fixture tests/data/warnings/ holds a 2024 review, a lapsed offer and an ended pay year; expected.txt
lists the three located warnings it must give.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from pathfinder.currency import TODAY_VARIABLE, current_date, dated_fact_text, stage_dated_problems
from pathfinder.graph import load_pathways
from pathfinder.load import LoadedStage, Positions
from pathfinder.schema import DatedFact, Stage

from .conftest import DATA

WARNINGS = DATA / "warnings"
TODAY = date(2026, 11, 26)


def _golden() -> list[str]:
    return (WARNINGS / "expected.txt").read_text(encoding="utf-8").splitlines()


def _located(problems: list[object]) -> list[str]:
    return [f"{p.file}:{p.line}:{p.col}: {p.severity}[{p.code}]" for p in problems]  # type: ignore[attr-defined]


def test_golden_fixture_gives_its_three_located_warnings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(WARNINGS)
    pathways = load_pathways(Path("."), today=TODAY)
    assert pathways.errors == []
    assert _located(pathways.warnings) == _golden()
    assert all(p.message.strip() for p in pathways.warnings)


def _run_check(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, TODAY_VARIABLE: TODAY.isoformat()}
    return subprocess.run([sys.executable, "-m", "pathfinder.cli", "check", ".", *extra], cwd=root, env=env,
                          capture_output=True, text=True, timeout=60)


def test_check_exits_0_with_warnings_and_strict_exits_1(tmp_path: Path) -> None:
    root = tmp_path / "pathways"
    shutil.copytree(WARNINGS, root)
    (root / "expected.txt").unlink()
    plain, strict = _run_check(root), _run_check(root, "--strict")
    assert (plain.returncode, strict.returncode) == (0, 1)
    for run in (plain, strict):
        assert [line.split(": ", 2)[0] + ": " + line.split(": ", 2)[1].split("]")[0] + "]"
                for line in run.stdout.splitlines() if "warning[" in line] == _golden()
    github = _run_check(root, "--format", "github")
    assert github.returncode == 0
    assert sum(line.startswith("::warning file=") for line in github.stdout.splitlines()) == 3


def test_today_can_be_pinned_and_a_bad_value_is_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TODAY_VARIABLE, "2030-01-02")
    assert current_date() == date(2030, 1, 2)
    monkeypatch.setenv(TODAY_VARIABLE, "next week")
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        current_date()
    monkeypatch.delenv(TODAY_VARIABLE)
    assert current_date() == date.today()


def _loaded(**changes: object) -> LoadedStage:
    data: dict[str, object] = {"id": "made-up", "kind": "role", "title": "X", "summary": "S.",
                               "sources": [{"url": "https://www.example.org/x", "title": "X"}],
                               "reviewed": date(2026, 11, 1)}
    data.update(changes)
    return LoadedStage(Stage.model_validate(data), "roles/made-up.yaml", Positions())


@pytest.mark.parametrize(("fact", "warns_from"), [
    ({"text": "A new rule", "event": "starts", "when": date(2026, 12, 10)}, date(2026, 12, 11)),
    ({"text": "An old rule", "event": "ends", "when": date(2026, 12, 10)}, date(2026, 12, 11)),
    ({"text": "The consultation", "event": "closed", "when": date(2025, 12, 24), "check_by": date(2027, 3, 31)},
     date(2027, 4, 1)),
])
def test_a_dated_fact_warns_the_day_after_its_date(fact: dict[str, object], warns_from: date) -> None:
    loaded = _loaded(dated_facts=[fact])
    day_before = date.fromordinal(warns_from.toordinal() - 1)
    assert list(stage_dated_problems(loaded, None, today=day_before)) == []
    assert [p.code for p in stage_dated_problems(loaded, None, today=warns_from)] == ["date-passed"]


def test_a_fact_in_force_from_a_date_never_expires_by_itself() -> None:
    loaded = _loaded(dated_facts=[{"text": "A fee", "event": "from", "when": date(2025, 9, 1)}])
    assert "date-passed" not in [p.code for p in stage_dated_problems(loaded, None, today=date(2030, 1, 1))]


def test_a_dated_fact_is_worded_with_its_date() -> None:
    fact = DatedFact(text="The renewal fee is £138.", event="from", when=date(2025, 9, 1))
    assert dated_fact_text(fact) == "From 1 September 2025: The renewal fee is £138."


@pytest.mark.parametrize(("year", "fine_until"), [("2025/26", date(2026, 3, 31)), ("2026/27", date(2027, 3, 31))])
def test_pay_year_ends_on_31_march(year: str, fine_until: date) -> None:
    loaded = _loaded(pay={"bands": [4], "year": year})
    assert list(stage_dated_problems(loaded, None, today=fine_until)) == []
    after = date.fromordinal(fine_until.toordinal() + 1)
    assert [p.code for p in stage_dated_problems(loaded, None, today=after)] == ["pay-year-ended"]


def test_review_warns_after_eighteen_months() -> None:
    loaded = _loaded(reviewed=date(2025, 5, 26))
    assert list(stage_dated_problems(loaded, None, today=date(2026, 11, 26))) == []
    assert [p.code for p in stage_dated_problems(loaded, None, today=date(2026, 11, 27))] == ["stale-review"]


def test_a_reachable_role_with_nowhere_to_go_warns_unless_final(tmp_path: Path) -> None:
    root = tmp_path / "pathways"
    shutil.copytree(DATA / "valid", root)
    technician = root / "roles" / "pharmacy-technician.yaml"
    technician.write_text(technician.read_text(encoding="utf-8").replace("final: true\n", ""), encoding="utf-8")
    problems = load_pathways(root, today=TODAY).problems
    assert [(Path(p.file).name, p.line, p.code, p.severity) for p in problems] == [
        ("pharmacy-technician.yaml", 2, "dead-end-role", "warning")]

