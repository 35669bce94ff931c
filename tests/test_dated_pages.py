"""Stage pages say what expires: NHS pay in pounds from the pay table, and one line when facts are due for a check."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from pathfinder.graph import load_pathways

from .conftest import DATA

TODAY = date(2026, 11, 26)


def _pages_of(root: Path, built: date) -> dict[str, str]:
    from pathfinder.site import generate_site

    pathways = load_pathways(root, today=built)
    assert pathways.errors == []
    return {path: str(content) for path, content in generate_site(pathways, built=built).items()
            if path.endswith(".md")}


def _valid_with_pay(tmp_path: Path) -> Path:
    root = tmp_path / "pathways"
    shutil.copytree(DATA / "valid", root)
    (root / "figures").mkdir()
    shutil.copyfile(Path(__file__).resolve().parents[1] / "pathways" / "figures" / "pay.yaml",
                    root / "figures" / "pay.yaml")
    return root


def test_role_page_shows_nhs_pay_in_pounds_from_the_table(tmp_path: Path) -> None:
    page = _pages_of(_valid_with_pay(tmp_path), TODAY)["careers/dispensing-assistant/index.md"]
    assert "£25,272 to £27,476 a year in the NHS (bands 2 to 3, 2026/27)" in page
    assert DUE_LINE not in page


def test_a_page_whose_facts_are_due_says_so_in_one_line(tmp_path: Path) -> None:
    root = _valid_with_pay(tmp_path)
    later = date(2027, 4, 1)  # the 2026/27 pay year has ended
    pages = _pages_of(root, later)
    assert pages["careers/dispensing-assistant/index.md"].count(DUE_LINE) == 1
    assert DUE_LINE not in pages["careers/pharmacy-technician/index.md"]  # no dated facts there


DUE_LINE = "Some facts on this page are due for a check."
