"""The compare page and the funded training page: built from the same facts as the stage pages, complete
without JavaScript, and dated offers sorted by how they stand on the day of the build."""

from __future__ import annotations

import html
import re
from datetime import date
from typing import Any

import pytest

from pathfinder.graph import Pathways, load_pathways
from pathfinder.routes import NoRoute, routes
from pathfinder.schema import Stage
from pathfinder.site import generate_site
from pathfinder.site.compare import COMPARE_PATH, compare_rows
from pathfinder.site.funding_page import FUNDING_PATH, offers
from pathfinder.site.route_view import route_view

from .conftest import ROOT

BUILT = date(2026, 12, 5)


@pytest.fixture(scope="module")
def real() -> tuple[Pathways, dict[str, str]]:
    pathways = load_pathways(ROOT / "pathways", today=BUILT)
    files = generate_site(pathways, built=BUILT)
    return pathways, {path: text for path, text in files.items() if isinstance(text, str)}


def _fact(page: str, key: str) -> str | None:
    found = re.search(rf'data-pf-fact="{key}"><dt>[^<]*</dt><dd>(.*?)</dd>', page)
    return html.unescape(re.sub(r"<[^>]+>", "", found[1])) if found else None  # glossary links aside


def test_every_role_is_a_column_and_every_question_a_row(real: tuple[Pathways, dict[str, str]]) -> None:
    pathways, pages = real
    G = pathways.graph
    roles = {n for n, kind in G.nodes(data="kind") if kind == "role"}
    starts = {n for n, kind in G.nodes(data="kind") if kind == "start"}
    page = pages[COMPARE_PATH]
    assert set(re.findall(r'<th scope="col" role="columnheader" data-role-id="([^"]+)"', page)) == roles
    assert not re.search(r"<option[^>]*>[^<]*<(?!/option>)", page)  # no glossary link inside a list's options
    rows = re.findall(r'<tr role="row" data-row="([^"]+)">(.*?)</tr>', page)
    assert {key for key, _ in rows} >= {"pay", "hours", "start", "earn", "registration", "settings", "next",
                                        *(f"from-{s}" for s in starts)}
    for key, row in rows:  # a cell per job in every row: the table is whole without JavaScript
        assert len(re.findall(r"<td ", row)) == len(roles), key
        assert "None" not in row and "null" not in row


def test_cells_say_what_the_role_pages_say(real: tuple[Pathways, dict[str, str]]) -> None:
    pathways, pages = real
    columns, rows = compare_rows(pathways)
    by_key = {row.key: row for row in rows}
    for index, column in enumerate(columns):
        role_page = pages[f"careers/{column.id}/index.md"]
        for key in ("pay", "hours", "start", "registration"):
            shown = _fact(role_page, key)
            cell = by_key[key].cells[index].text
            assert cell == (shown if shown is not None else "Not given on this site."), (column.id, key)


def test_time_from_each_starting_point_is_the_route_engines(real: tuple[Pathways, dict[str, str]]) -> None:
    pathways, _ = real
    G = pathways.graph
    columns, rows = compare_rows(pathways)
    for row in (r for r in rows if r.key.startswith("from-")):
        start = row.key.removeprefix("from-")
        for column, cell in zip(columns, row.cells, strict=True):
            try:
                view = route_view(G, routes(G, start, column.id, limit=1)[0], 1, "")
            except NoRoute:
                assert "No route" in cell.text, (start, column.id, cell.text)
                continue
            # The engine's own words for the time: training and any time in a job apart.
            expected = view.time if view.short_time else "direct step"
            assert expected in html.unescape(cell.text), (start, column.id, cell.text)


def test_role_pages_link_to_the_comparison_with_their_job_chosen(real: tuple[Pathways, dict[str, str]]) -> None:
    pathways, pages = real
    for stage_id, loaded in pathways.stages.items():
        if loaded.stage.kind == "role":
            assert f'href="../../compare/?roles={stage_id}"' in pages[f"careers/{stage_id}/index.md"]


def _stage(funding: list[dict[str, Any]], title: str = "Course") -> Stage:
    return Stage.model_validate({
        "id": title.lower(), "kind": "training", "title": title, "summary": "S.", "duration": {"typical_months": 12},
        "earn_while_learning": True, "funding": funding, "reviewed": date(2026, 11, 1),
        "sources": [{"url": "https://www.example.org/x", "title": "X"}]})


def test_offers_are_open_coming_or_closed_by_date() -> None:
    source = {"url": "https://www.example.org/offer", "title": "Offer", "publisher": "NHS England"}
    stage = _stage([
        {"summary": "Standing.", "source": source},
        {"summary": "Ends later.", "valid_until": date(2027, 3, 31)},
        {"summary": "Ends soon.", "valid_until": date(2026, 12, 31)},
        {"summary": "Next year's.", "year": "2027/28"},
        {"summary": "This year's.", "year": "2026/27"},
        {"summary": "Lapsed, not yet marked.", "valid_until": date(2026, 12, 4)},
        {"summary": "Closed long ago.", "valid_until": date(2025, 2, 28), "closed": True},
    ])
    found = offers([stage], {stage.id: "training/course/"}, today=BUILT)
    assert [o.summary for o in found["open"]] == ["Ends soon.", "Ends later.", "Standing.", "This year's."]
    assert [o.summary for o in found["upcoming"]] == ["Next year's."]
    assert [o.summary for o in found["closed"]] == ["Lapsed, not yet marked.", "Closed long ago."]
    assert found["open"][2].source is not None and found["open"][2].source.publisher == "NHS England"


def test_the_funded_page_lists_every_offer_with_its_date_and_source(real: tuple[Pathways, dict[str, str]]) -> None:
    pathways, pages = real
    page = pages[FUNDING_PATH]
    every = [f for loaded in pathways.stages.values() for f in loaded.stage.funding]
    items = re.findall(r'<li class="pf-offer" data-state="(\w+)">(.*?)</li>', page, flags=re.S)
    assert len(items) == len(every) > 0
    for state, item in items:
        assert "Source: <a href=" in item
        if state == "closed":
            assert "Closed on <time" in item
    for funding in every:
        if funding.valid_until is not None:
            assert f'datetime="{funding.valid_until.isoformat()}"' in page
