"""The NHS pay table: loading, located problems for a bad table, and how a stage's pay is worded from it."""

from __future__ import annotations

import doctest
import shutil
from datetime import date
from pathlib import Path

import pytest

import pathfinder.pay
from pathfinder.graph import load_pathways
from pathfinder.pay import PAY_FILE, PayTable, UnknownPay, load_pay, pay_range, pay_text
from pathfinder.schema import Pay

ROOT = Path(__file__).resolve().parents[1]
PATHWAYS = ROOT / "pathways"

GOOD_TABLE = """\
country: England
years:
  - year: 2026/27
    start: 2026-04-01
    end: 2027-03-31
    source: {url: "https://www.nhsemployers.org/articles/pay-scales-202627", title: Pay scales for 2026/27}
    bands:
      - {band: "2", points: [25272]}
      - {band: "3", points: [25760, 27476]}
      - {band: "4", points: [28392, 31157]}
reviewed: 2026-11-26
"""


def _table(text: str = GOOD_TABLE) -> PayTable:
    import yaml

    return PayTable.model_validate(yaml.safe_load(text))


def _write(folder: Path, text: str) -> Path:
    path = folder / PAY_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return folder


def test_doctests() -> None:
    assert doctest.testmod(pathfinder.pay).failed == 0


@pytest.mark.parametrize(("bands", "expected"), [
    ([4], "£28,392 to £31,157 a year (2026/27)"),
    ([2], "£25,272 a year (2026/27)"),
    ([2, 3], "£25,272 to £27,476 a year (2026/27)"),
])
def test_pay_text_words_the_bands_in_pounds(bands: list[int], expected: str) -> None:
    assert pay_text(_table(), Pay(bands=bands, year="2026/27")) == expected


def test_pay_range_gives_the_lowest_and_highest_points() -> None:
    found = pay_range(_table(), Pay(bands=[3, 4], year="2026/27"))
    assert (found.low, found.high, found.bands, found.year) == (25760, 31157, (3, 4), "2026/27")
    assert found.source.url.startswith("https://www.nhsemployers.org/")


@pytest.mark.parametrize("pay", [Pay(bands=[4], year="2024/25"), Pay(bands=[6], year="2026/27")])
def test_pay_range_refuses_a_year_or_band_the_table_lacks(pay: Pay) -> None:
    with pytest.raises(UnknownPay):
        pay_range(_table(), pay)


def test_the_real_table_loads_and_covers_every_band_the_stages_use() -> None:
    pathways = load_pathways(PATHWAYS)
    assert pathways.pay is not None
    assert not [p for p in pathways.problems if p.code.startswith("unknown-pay")]
    for loaded in pathways.stages.values():
        if loaded.stage.pay and loaded.stage.pay.bands:
            found = pay_range(pathways.pay, loaded.stage.pay)
            assert 20_000 < found.low <= found.high < 150_000


def test_the_real_table_has_2026_27_from_nhs_employers() -> None:
    table, problems = load_pay(PATHWAYS)
    assert problems == [] and table is not None
    year = table.year("2026/27")
    assert year is not None
    assert (year.start, year.end) == (date(2026, 4, 1), date(2027, 3, 31))
    assert year.source.url.startswith("https://www.nhsemployers.org/")
    older = table.year("2025/26")
    assert older is not None
    # The 2026/27 award was 3.3% on every point: a typo in one amount shows up here.
    for band in year.bands:
        before = older.band(band.band)
        assert before is not None
        assert [round(p * 1.033) for p in before.points] == pytest.approx(band.points, abs=1), band.band


@pytest.mark.parametrize(("change", "code", "line"), [
    (("points: [25760, 27476]", "points: [27476, 25760]"), "out-of-range", 9),
    (("end: 2027-03-31", "end: 2026-03-31"), "out-of-range", 3),
    (("- {band: \"4\"", "- {band: \"3\""), "invalid-value", 3),
    (("reviewed: 2026-11-26", "reviewed: 2026-11-26\nnotes: x"), "unknown-key", 12),
    (("band: \"2\"", "band: \"10\""), "invalid-value", 8),
])
def test_a_bad_table_gives_a_located_problem(tmp_path: Path, change: tuple[str, str], code: str,
                                             line: int) -> None:
    text = GOOD_TABLE.replace(*change)
    assert text != GOOD_TABLE
    table, problems = load_pay(_write(tmp_path, text))
    assert table is None
    assert [(p.file.endswith("figures/pay.yaml"), p.code, p.line) for p in problems] == [(True, code, line)]


def test_a_year_listed_twice_is_a_located_problem(tmp_path: Path) -> None:
    entry = GOOD_TABLE.split("years:\n", 1)[1].split("reviewed:")[0]
    text = GOOD_TABLE.replace("reviewed:", entry + "reviewed:", 1)
    table, problems = load_pay(_write(tmp_path, text))
    assert table is None
    assert [(p.code, p.line) for p in problems] == [("duplicate-id", 11)]


def test_a_stage_naming_a_missing_year_is_a_located_error(tmp_path: Path) -> None:
    folder = tmp_path / "pathways"
    shutil.copytree(ROOT / "tests" / "data" / "valid", folder)
    _write(folder, GOOD_TABLE)
    stage = folder / "roles" / "dispensing-assistant.yaml"
    lines = stage.read_text(encoding="utf-8").splitlines(keepends=True)
    year_line = next(i for i, line in enumerate(lines, 1) if line.strip().startswith("year:"))
    for year, expected in (("2026/27", []), ("2019/20", [(True, "unknown-pay-year", year_line)])):
        lines[year_line - 1] = f"  year: {year}\n"
        stage.write_text("".join(lines), encoding="utf-8")
        problems = [p for p in load_pathways(folder).errors if p.code.startswith("unknown-pay")]
        assert [(p.file.endswith("roles/dispensing-assistant.yaml"), p.code, p.line) for p in problems] == expected


def test_no_pay_file_means_no_table_and_no_problem(tmp_path: Path) -> None:
    assert load_pay(tmp_path) == (None, [])
