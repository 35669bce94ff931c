"""Other names a stage is known by (``also_called``): typed and sourced in the data, unique across the graph,
due a check 18 months after they were seen, and accepted wherever a title is."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import markdown
import pytest
from pydantic import ValidationError

from pathfinder.currency import stage_dated_problems
from pathfinder.graph import load_pathways
from pathfinder.load import LoadedStage, Positions
from pathfinder.routes import find_stage
from pathfinder.site import generate_site

from .conftest import DATA, ROOT, made_role, run_cli

_SOURCE = {"url": "https://www.example.org/advert", "title": "Dispenser, Example Pharmacy", "publisher": "Jobs"}


_stage = made_role


def _name(name: str = "Dispenser", **more: Any) -> dict[str, Any]:
    return {"name": name, "source": _SOURCE, "checked_on": date(2026, 11, 1), **more}


def test_names_are_optional_typed_and_sourced() -> None:
    assert _stage().also_called == []
    [also] = _stage(also_called=[_name(advert=True)]).also_called
    assert (also.name, also.advert, also.source.publisher) == ("Dispenser", True, "Jobs")
    assert _stage(also_called=[_name()]).also_called[0].advert is False


@pytest.mark.parametrize("bad", [
    {"also_called": ["Dispenser"]},                                   # a bare name, with no source
    {"also_called": [{**_name(), "source": None}]},                    # no source
    {"also_called": [_name("")]},                                      # no name
    {"also_called": [_name("Dispenser\u202e")]},                       # a spoofing character
    {"also_called": [_name(checked_on=date(2099, 1, 1))]},             # seen in the future
    {"also_called": [{**_name(), "source": {**_SOURCE, "url": "http://www.example.org/a"}}]},
])
def test_bad_names_are_refused(bad: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        _stage(**bad)


def test_names_are_due_a_check_18_months_after_they_were_seen() -> None:
    stage = _stage(also_called=[_name(checked_on=date(2025, 5, 1)), _name("PTPT", checked_on=date(2025, 7, 1))])
    loaded = LoadedStage(stage, "roles/made-up.yaml", Positions())
    warned = list(stage_dated_problems(loaded, None, today=date(2026, 11, 26)))
    assert [p.code for p in warned] == ["stale-review"]
    assert "checked_on" in warned[0].message


_run = run_cli


def test_route_and_reach_take_another_name_as_they_take_the_title(capsys: pytest.CaptureFixture[str],
                                                                   valid_dir: Path) -> None:
    by_title = _run(capsys, "route", "Dispensing assistant", "Pharmacy technician", "--json", "--pathways",
                    str(valid_dir))
    by_name = _run(capsys, "route", " dispenser ", "pharmacy technician", "--json", "--pathways", str(valid_dir))
    assert by_name[0] == 0 and json.loads(by_name[1])["from"] == "dispensing-assistant"
    assert by_name[1] == by_title[1]
    code, out, _ = _run(capsys, "route", "ptpt", "pharmacy-technician", "--json", "--pathways", str(valid_dir))
    assert code == 0 and json.loads(out)["from"] == "trainee-pharmacy-technician"
    reach_by_name = _run(capsys, "reach", "DISPENSER", "--json", "--pathways", str(valid_dir))
    reach_by_id = _run(capsys, "reach", "dispensing-assistant", "--json", "--pathways", str(valid_dir))
    assert reach_by_name[0] == 0 and reach_by_name[1] == reach_by_id[1]


def test_a_near_miss_of_a_name_is_suggested_as_its_stage(capsys: pytest.CaptureFixture[str], valid_dir: Path) -> None:
    code, _, err = _run(capsys, "route", "dispensr", "pharmacy technician", "--pathways", str(valid_dir))
    assert code == 2 and "'dispensing-assistant'" in err


def test_the_real_data_answers_to_the_names_the_issue_names() -> None:
    G = load_pathways(ROOT / "pathways").graph
    assert find_stage(G, "dispenser") == "dispensing-assistant"
    assert find_stage(G, "pre-registration trainee pharmacy technician") == "trainee-pharmacy-technician"


@pytest.fixture(scope="module")
def valid_pages() -> dict[str, str]:
    pathways = load_pathways(DATA / "valid")
    assert pathways.problems == []
    files = generate_site(pathways, built=date(2026, 11, 25))
    return {path: text for path, text in files.items() if isinstance(text, str)}


def test_pages_say_what_else_a_stage_is_called_and_cite_where(valid_pages: dict[str, str]) -> None:
    role = markdown.markdown(valid_pages["careers/dispensing-assistant/index.md"].split("\n---\n", 1)[1],
                             extensions=["toc", "attr_list", "md_in_html"])
    heading = role.index("<h1")
    also = re.search(r'<p class="pf-also">(.*?)</p>', role)
    assert also and "<b>Dispenser</b>" in also[1] and also.start() > heading
    assert role.index('href="https://www.example.org/dispenser-advert"') > role.index('id="sources"')
    # Each other name is also a heading of its own, after the page's own sections: site search lists a page by a
    # heading that holds every word typed (tests/browser/test_other_names.py measures the ranking).
    names = re.search(r'<h2 id="other-names">Other names</h2>(.*?)<h2 id="sources"', role, re.S)
    assert names and [re.sub("<[^>]+>", "", h) for h in re.findall(r"<h3[^>]*>(.*?)</h3>", names[1])] == ["Dispenser"]
    assert "Other names" not in valid_pages["careers/pharmacy-technician/index.md"]
    training = valid_pages["training/trainee-pharmacy-technician/index.md"]
    assert "<b>PTPT</b>" in training
    assert 'class="pf-also"' not in valid_pages["careers/pharmacy-technician/index.md"]


def test_the_finder_offers_each_name_for_its_stage(valid_pages: dict[str, str]) -> None:
    page = valid_pages["finder/index.md"]
    for field in ("pf-from-list", "pf-to-list"):
        options = re.search(rf'<datalist id="{field}">(.*?)</datalist>', page)
        assert options
        assert '<option value="Dispenser" data-id="dispensing-assistant" label="Dispensing assistant">' in options[1]
    assert 'value="PTPT"' not in page  # a course is neither a place you start from nor a role to aim for


def test_other_names_stay_whole_on_the_real_pages() -> None:
    """No other name is cut into a link to another stage or the glossary: "Pharmacist specialist" is a name, not a
    mention of the pharmacist."""
    from datetime import date

    from pathfinder.graph import load_pathways
    from pathfinder.site.pages import stage_page

    from .conftest import ROOT

    pathways = load_pathways(ROOT / "pathways")
    lines = [re.search(r'<p class="pf-also">(.*?)</p>', stage_page(pathways, loaded.stage, date(2026, 12, 5)))
             for loaded in pathways.stages.values() if loaded.stage.also_called]
    assert len(lines) >= 5 and all(line for line in lines)
    assert [line[1] for line in lines if line and "<a " in line[1]] == []
