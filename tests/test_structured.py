"""Pages that share well: every generated page has its own description (a role page's is its summary), and every
job carries schema.org Occupation data whose pay is the pay table's."""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

import pytest
import yaml

from pathfinder.graph import Pathways, load_pathways
from pathfinder.pay import pay_range
from pathfinder.site import generate_site
from pathfinder.site.structured import DESCRIPTION_LENGTH, occupation_json_ld, with_description

from .conftest import DATA, ROOT


@pytest.fixture(scope="module")
def site() -> tuple[Pathways, dict[str, Any]]:
    pathways = load_pathways(ROOT / "pathways")
    return pathways, generate_site(pathways)


def _front(page: str) -> dict[str, Any]:
    assert page.startswith("---\n"), page[:80]
    meta = yaml.safe_load(page[4:page.index("\n---\n", 4)])
    assert isinstance(meta, dict)
    return meta


def test_every_generated_page_has_its_own_description(site: tuple[Pathways, dict[str, Any]]) -> None:
    pathways, files = site
    pages = {path: str(content) for path, content in files.items() if path.endswith(".md")}
    descriptions = {path: _front(page).get("description") for path, page in pages.items()}
    assert all(isinstance(d, str) and 20 <= len(d) <= DESCRIPTION_LENGTH for d in descriptions.values()), \
        [p for p, d in descriptions.items() if not isinstance(d, str) or len(d) > DESCRIPTION_LENGTH]
    repeated = [d for d, n in Counter(descriptions.values()).items() if n > 1]
    assert repeated == []
    for loaded in pathways.stages.values():
        stage = loaded.stage
        if stage.kind == "role":
            description = descriptions[f"careers/{stage.id}/index.md"]
            summary = " ".join(stage.summary.split())
            assert description == summary or summary.startswith(description.rstrip("…"))


def test_a_description_has_no_markup_and_front_matter_is_kept() -> None:
    page = '---\ntitle: "A"\n---\n# A\n<p class="pf-lede">Pay <abbr title="x">NHS</abbr> &amp; "more" <b>now</b>.</p>\n'
    meta = _front(with_description(page))
    assert meta["title"] == "A" and "<" not in meta["description"] and "NHS" in meta["description"]
    assert with_description(with_description(page)) == with_description(page)
    bare = with_description("# B\n\nFirst words of the page.\n")
    assert _front(bare)["description"] == "First words of the page."


def _occupations(files: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each job page's Occupation data, from its front matter (the theme puts it in the page's head)."""
    found = {}
    for path, content in files.items():
        if path.endswith("/index.md") and path.count("/") == 2:
            meta = _front(str(content))
            assert ("occupation" in meta) == path.startswith("careers/"), path
            if path.startswith("careers/"):
                found[path.split("/")[1]] = json.loads(meta["occupation"])
    return found


def _check_occupation(data: dict[str, Any]) -> None:
    """The properties schema.org defines for an Occupation, with the types it gives them, and those Google's
    Occupation guidance requires (name, estimatedSalary, occupationLocation)."""
    assert data["@context"] == "https://schema.org" and data["@type"] == "Occupation"
    allowed = {"@context", "@type", "name", "description", "url", "occupationLocation", "estimatedSalary",
               "qualifications", "responsibilities", "skills", "educationRequirements", "experienceRequirements",
               "occupationalCategory"}
    assert set(data) <= allowed, set(data) - allowed
    assert isinstance(data["name"], str) and data["name"]
    assert isinstance(data["description"], str) and data["description"]
    places = data["occupationLocation"]
    assert places and all(p["@type"] in ("AdministrativeArea", "Country", "City", "State") and p["name"]
                          for p in places)
    for salary in data.get("estimatedSalary", []):
        assert salary["@type"] == "MonetaryAmountDistribution"
        assert salary["currency"] == "GBP" and re.fullmatch(r"P\d+[YMWD]", salary["duration"])
        assert isinstance(salary["minValue"], int) and isinstance(salary["maxValue"], int)
        assert 0 < salary["minValue"] <= salary["maxValue"]
    for key in ("qualifications", "responsibilities"):
        if key in data:
            value = data[key]
            assert isinstance(value, str) or all(isinstance(v, str) for v in value)


def test_every_job_has_valid_occupation_data_with_the_pay_tables_pay(site: tuple[Pathways, dict[str, Any]]) -> None:
    pathways, files = site
    occupations = _occupations(files)
    roles = {s.stage.id: s.stage for s in pathways.stages.values() if s.stage.kind == "role"}
    assert set(occupations) == set(roles)
    for stage_id, data in occupations.items():
        _check_occupation(data)
        stage = roles[stage_id]
        assert data["name"] == stage.title and data["description"] == stage.summary
        if stage.pay is not None and stage.pay.bands:  # a job with NHS bands: pay from the pay table
            assert pathways.pay is not None
            found = pay_range(pathways.pay, stage.pay)
            (salary,) = data["estimatedSalary"]
            assert (salary["minValue"], salary["maxValue"]) == (found.low, found.high)
            assert found.year in salary["name"]
        else:
            assert "estimatedSalary" not in data


def test_occupation_data_cannot_close_its_script(monkeypatch: pytest.MonkeyPatch) -> None:
    pathways = load_pathways(DATA / "hostile")
    monkeypatch.setenv("SITE_URL", "https://careers.example.org/")
    for loaded in pathways.stages.values():
        if loaded.stage.kind == "role":
            text = occupation_json_ld(pathways, loaded.stage)
            assert "<" not in text and ">" not in text and "&" not in text
            data = json.loads(text)
            _check_occupation(data)
            assert data["url"].startswith("https://careers.example.org/careers/")
