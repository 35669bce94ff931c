"""A role's typical hours and skills: typed and sourced in the data, due a check 18 months after they were read,
worded in the summary box (hours) and a "Skills you need" section between "What you do" and "Where next"."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import markdown
import pytest
from pydantic import ValidationError

from pathfinder.currency import stage_dated_problems
from pathfinder.graph import load_pathways
from pathfinder.load import LoadedStage, Positions
from pathfinder.site import generate_site
from pathfinder.site.summary import hours_words

from .conftest import DATA, ROOT, made_role

BUILT = date(2026, 11, 25)
_SOURCE = {"url": "https://www.example.org/h", "title": "Hours page", "publisher": "Example"}


_stage = made_role


def _hours(weekly: float, weekly_max: float | None = None, employer: str = "any", **more: Any) -> dict[str, Any]:
    return {"weekly": weekly, "weekly_max": weekly_max, "employer": employer, "source": _SOURCE,
            "checked_on": date(2026, 11, 1), **more}


def test_hours_and_skills_are_optional_and_typed() -> None:
    assert _stage().hours == [] and _stage().skills is None
    stage = _stage(hours=[_hours(37.5, employer="nhs")],
                   skills={"items": ["Careful with detail"], "source": _SOURCE, "checked_on": date(2026, 11, 1)})
    assert stage.hours[0].weekly == 37.5 and stage.hours[0].source.publisher == "Example"
    assert stage.skills is not None and stage.skills.items == ["Careful with detail"]


@pytest.mark.parametrize("bad", [
    {"hours": [_hours(40, 37)]},                                   # range upside down
    {"hours": [_hours(0)]},                                        # no hours at all
    {"hours": [_hours(37.3)]},                                     # not a half hour
    {"hours": [{**_hours(37), "source": None}]},                  # no source
    {"hours": [_hours(37, employer="council")]},                   # unknown employer kind
    {"hours": [_hours(37, checked_on=date(2099, 1, 1))]},          # read in the future
    {"skills": {"items": [], "source": _SOURCE, "checked_on": date(2026, 11, 1)}},
    {"skills": {"items": ["A", "A"], "source": _SOURCE, "checked_on": date(2026, 11, 1)}},
    {"skills": {"items": ["A"], "checked_on": date(2026, 11, 1)}},
])
def test_bad_hours_and_skills_are_refused(bad: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        _stage(**bad)


def test_hours_name_each_source_and_say_when_they_differ() -> None:
    assert hours_words(_stage()) is None
    nhs_only = hours_words(_stage(hours=[_hours(37.5, employer="nhs", note="may include shifts")]))
    assert nhs_only is not None and "37.5" in nhs_only and "(Example)" in nhs_only
    assert "Outside the NHS" in nhs_only and "differ" not in nhs_only
    agreeing = hours_words(_stage(hours=[_hours(37.5, employer="nhs"), _hours(37, 40)]))
    assert agreeing is not None and "differ" not in agreeing and "37 to 40" in agreeing
    assert "Outside the NHS" not in agreeing  # a figure for any employer covers the rest
    differing = hours_words(_stage(hours=[_hours(37.5, employer="nhs"), _hours(38, 42)]))
    assert differing is not None and differing.startswith("Sources differ")


def test_hours_and_skills_are_due_a_check_18_months_after_they_were_read() -> None:
    stage = _stage(reviewed=date(2026, 11, 1),
                   hours=[_hours(37, 40, checked_on=date(2025, 5, 1))],
                   skills={"items": ["A"], "source": _SOURCE, "checked_on": date(2025, 6, 1)})
    loaded = LoadedStage(stage, "roles/made-up.yaml", Positions())
    warned = [p for p in stage_dated_problems(loaded, None, today=date(2026, 11, 26))]
    assert [(p.code, p.severity) for p in warned] == [("stale-review", "warning")]  # the hours; skills not yet due
    later = [p for p in stage_dated_problems(loaded, None, today=date(2026, 12, 2))]
    assert [p.code for p in later] == ["stale-review", "stale-review"]


def test_an_unexplained_acronym_in_a_skill_is_a_located_warning(tmp_path: Path) -> None:
    root = tmp_path / "pathways"
    shutil.copytree(ROOT / "pathways", root)
    role = root / "roles" / "pharmacy-technician.yaml"
    text = role.read_text(encoding="utf-8")
    assert "    - Careful with detail\n" in text
    role.write_text(text.replace("    - Careful with detail\n", "    - Careful with QZX records\n"), encoding="utf-8")
    line = role.read_text(encoding="utf-8").splitlines().index("    - Careful with QZX records") + 1
    found = [p for p in load_pathways(root).problems if p.code == "unexplained-term"]
    assert [(p.file.endswith("pharmacy-technician.yaml"), p.line, p.severity) for p in found] == [
        (True, line, "warning")]


@pytest.fixture(scope="module")
def valid_pages() -> dict[str, str]:
    pathways = load_pathways(DATA / "valid")
    assert pathways.problems == []
    files = generate_site(pathways, built=BUILT)
    return {path: text for path, text in files.items() if isinstance(text, str)}


def _html(page: str) -> str:
    return markdown.markdown(page.split("\n---\n", 1)[1], extensions=["toc", "attr_list", "md_in_html"])


def test_summary_box_has_an_hours_row_only_for_roles_with_hours(valid_pages: dict[str, str]) -> None:
    with_hours = _html(valid_pages["careers/dispensing-assistant/index.md"])
    box = with_hours[with_hours.index('class="pf-summary"'):with_hours.index("</dl>")]
    assert 'data-pf-fact="hours"' in box
    assert box.index('data-pf-fact="training"') < box.index('data-pf-fact="hours"')  # pay and training come first
    without = _html(valid_pages["careers/pharmacy-technician/index.md"])
    assert 'data-pf-fact="hours"' not in without


def test_skills_come_after_what_you_do_and_before_where_next_with_their_source(
        valid_pages: dict[str, str]) -> None:
    html = _html(valid_pages["careers/dispensing-assistant/index.md"])
    tops = [html.index(f'id="{anchor}"') for anchor in ("what-you-do", "skills-you-need", "where-next")]
    assert tops == sorted(tops)
    section = html[tops[1]:tops[2]]
    assert re.findall(r"<li>[^<]+</li>", section)  # the items, as a list
    assert 'href="https://www.example.org/skills"' in section  # cited where it is shown
    sources = html[html.index('id="sources"'):]
    for url in ("https://www.example.org/skills", "https://www.example.org/nhs-hours",
                "https://www.example.org/any-hours", "https://www.example.org/da"):
        assert sources.count(f'href="{url}"') == 1, url
    assert "against 5 public sources" in sources  # and the advert that calls the job "Dispenser"
    assert 'id="skills-you-need"' not in _html(valid_pages["careers/pharmacy-technician/index.md"])
