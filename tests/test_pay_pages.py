"""Pay for every job (issue 16 section 3): NHS bands in pounds, sourced figures for other employers, the minimum
wage for trainees and apprentices, the part-time rule, and one plain line where no source gives pay."""

from __future__ import annotations

import html
import re
from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from pathfinder.currency import dated_fact_text, stage_dated_problems
from pathfinder.graph import Pathways, load_pathways
from pathfinder.pay import NO_PAY_SOURCE, PRO_RATA
from pathfinder.schema import DatedFact, Pay
from pathfinder.site import generate_site
from pathfinder.site.summary import pay_words

from .conftest import ROOT

TODAY = date(2026, 12, 5)


@pytest.fixture(scope="module")
def pathways() -> Pathways:
    return load_pathways(ROOT / "pathways", today=TODAY)


@pytest.fixture(scope="module")
def pages(pathways: Pathways) -> dict[str, str]:
    return {path: str(content) for path, content in generate_site(pathways, built=TODAY).items()
            if path.endswith("index.md")}


def _roles(pathways: Pathways) -> list[str]:
    return sorted(i for i, loaded in pathways.stages.items() if loaded.stage.kind == "role")


def _pounds(text: str) -> list[int]:
    return [int(m.replace(",", "")) for m in re.findall(r"£(\d[\d,]*)(?!\.\d)", text)]


def test_every_role_has_pay_in_pounds_or_says_no_source_gives_it(pathways: Pathways) -> None:
    without = []
    for stage_id in _roles(pathways):
        words = pay_words(pathways, pathways.stage(stage_id))
        assert words, stage_id  # never silently nothing
        if words.startswith(NO_PAY_SOURCE):
            without.append(stage_id)
        else:
            assert _pounds(words), stage_id
            assert words.endswith(PRO_RATA), stage_id
    # Only the job whose sole evidence is one advert lacks a sourced figure; every other job shows pounds.
    assert without == ["science-manufacturing-technician"]


def test_pharmacist_shows_the_band_6_national_profile_in_pounds(pathways: Pathways) -> None:
    table = pathways.pay
    assert table is not None
    year = table.year("2026/27")
    assert year is not None and (band := year.band(6)) is not None
    words = pay_words(pathways, pathways.stage("pharmacist")) or ""
    assert f"£{band.points[0]:,} to £{band.points[-1]:,} a year in the NHS (band 6, 2026/27)" in words


@pytest.mark.parametrize("stage_id", ["pharmacy-assistant", "dispensing-assistant", "pharmacy-technician"])
def test_nhs_and_other_employers_figures_are_both_shown_with_their_source(pathways: Pathways, stage_id: str) -> None:
    stage = pathways.stage(stage_id)
    assert stage.pay is not None and stage.pay.bands and stage.pay.elsewhere
    words = pay_words(pathways, stage) or ""
    assert "in the NHS" in words and "at all kinds of employer (National Careers Service" in words
    figure = stage.pay.elsewhere[0]
    assert figure.low in _pounds(words) and figure.high in _pounds(words)


def test_the_pharmacy_assistant_figure_for_other_employers_is_below_nhs_band_2(pathways: Pathways) -> None:
    """The issue's example: full-time NHS pay alone (£25,272 upward) overstated what most assistants earn."""
    stage = pathways.stage("pharmacy-assistant")
    assert stage.pay is not None and pathways.pay is not None
    year = pathways.pay.year("2026/27")
    assert year is not None and (band := year.band(2)) is not None
    assert stage.pay.elsewhere[0].high is not None and stage.pay.elsewhere[0].high < band.points[0]


def test_role_pages_show_pay_in_the_summary_box_and_in_the_pay_section(pathways: Pathways,
                                                                       pages: dict[str, str]) -> None:
    for stage_id in _roles(pathways):
        page = pages[f"careers/{stage_id}/index.md"]
        box = page.split('data-pf-fact="pay"', 1)[1].split("</div>", 1)[0]
        assert "£" in box or NO_PAY_SOURCE in box, stage_id
        stage = pathways.stage(stage_id)
        if stage.pay is not None and stage.pay.note:
            section = html.unescape(re.sub(r"<[^>]+>", "", page.split("## Pay and salary", 1)[1]))  # terms are links
            assert stage.pay.note in section, stage_id


@pytest.mark.parametrize("stage_id", ["trainee-pharmacy-technician", "level-2-pharmacy-services",
                                      "science-manufacturing-technician-apprenticeship"])
def test_paid_training_pages_say_what_trainees_are_paid(pathways: Pathways, pages: dict[str, str],
                                                         stage_id: str) -> None:
    wage = pathways.pay.minimum_wage if pathways.pay else None
    assert wage is not None
    page = pages[f"training/{stage_id}/index.md"]
    fact = page.split('data-pf-fact="pay"', 1)[1].split("</li>", 1)[0]
    assert f"£{wage.apprentice:.2f} an hour" in fact
    assert all(f"£{rate.pounds:.2f}" in fact for rate in wage.rates)
    assert f"from {wage.start.day} April {wage.start.year}" in fact
    assert "pro rata" in fact
    assert wage.source.url in page  # cited


def test_the_trainee_technician_page_explains_nhs_trainee_pay(pages: dict[str, str]) -> None:
    page = pages["training/trainee-pharmacy-technician/index.md"]
    assert "Annex 21" in page


def test_pay_sources_are_cited_on_the_role_page(pathways: Pathways, pages: dict[str, str]) -> None:
    stage = pathways.stage("pharmacy-assistant")
    assert stage.pay is not None and pathways.pay is not None
    page = pages["careers/pharmacy-assistant/index.md"]
    sources = page.split("## Sources", 1)[1]
    assert stage.pay.elsewhere[0].source.url in sources
    year = pathways.pay.year("2026/27")
    assert year is not None and year.source.url in sources


# --- The model and the checker ----------------------------------------------------------------------------------

_FIGURE: dict[str, Any] = {"low": 16000, "high": 21000, "checked_on": date(2026, 12, 5),
                           "source": {"url": "https://nationalcareers.service.gov.uk/job-profiles/x", "title": "X"}}


@pytest.mark.parametrize("data", [
    {"bands": [4]},                                              # bands need their pay year
    {"year": "2026/27"},                                         # a year with no bands
    {"elsewhere": [{**_FIGURE, "low": 30000, "high": 20000}]},   # high below low
    {"elsewhere": [{**_FIGURE, "checked_on": date(2099, 1, 1)}]},  # read in the future
])
def test_pay_refuses_contradictory_data(data: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        Pay.model_validate(data, context={"today": TODAY})


def test_a_figure_for_other_employers_is_due_a_check_18_months_after_it_was_read(pathways: Pathways) -> None:
    loaded = pathways.stages["medicines-counter-assistant"]
    figure = loaded.stage.pay.elsewhere[0] if loaded.stage.pay else None
    assert figure is not None
    line, _ = loaded.positions.of(("pay", "elsewhere", 0, "checked_on"))
    soon = date(figure.checked_on.year + 1, figure.checked_on.month, figure.checked_on.day)
    later = date(figure.checked_on.year + 2, figure.checked_on.month, figure.checked_on.day)
    assert not [p for p in stage_dated_problems(loaded, pathways.pay, today=soon) if p.line == line]
    stale = [p for p in stage_dated_problems(loaded, pathways.pay, today=later) if p.line == line]
    assert [p.code for p in stale] == ["stale-review"]


def test_minimum_wage_rates_are_due_an_update_once_they_end(pathways: Pathways) -> None:
    loaded = pathways.stages["trainee-pharmacy-technician"]
    wage = pathways.pay.minimum_wage if pathways.pay else None
    assert wage is not None
    line, _ = loaded.positions.of(("pay", "minimum_wage"))
    on_the_day = [p for p in stage_dated_problems(loaded, pathways.pay, today=wage.end) if p.line == line]
    after = [p for p in stage_dated_problems(loaded, pathways.pay, today=date.fromordinal(wage.end.toordinal() + 1))
             if p.line == line]
    assert on_the_day == [] and [p.code for p in after] == ["pay-year-ended"]


# --- Dated facts that read right on both sides of their day ---------------------------------------------------

def test_a_rule_due_to_start_reads_as_in_force_from_its_day() -> None:
    fact = DatedFact(text="Pharmacy technicians will be able to supervise", event="starts", when=date(2026, 12, 10),
                     after="Pharmacy technicians can supervise")
    assert dated_fact_text(fact, date(2026, 12, 9)) == \
        "Starts on 10 December 2026: Pharmacy technicians will be able to supervise."
    assert dated_fact_text(fact, date(2026, 12, 10)) == "From 10 December 2026: Pharmacy technicians can supervise."


@pytest.mark.parametrize("today", [date(2026, 12, 5), date(2026, 12, 12)])
def test_the_real_data_is_clean_on_both_sides_of_the_supervision_change(today: date) -> None:
    pathways = load_pathways(ROOT / "pathways", today=today)
    assert [str(p) for p in pathways.problems] == []
    warnings = [str(p) for loaded in pathways.stages.values()
                for p in stage_dated_problems(loaded, pathways.pay, today=today)]
    assert warnings == []


def test_the_technician_page_switches_to_in_force_wording_on_10_december_2026() -> None:
    def page(today: date) -> str:
        pathways = load_pathways(ROOT / "pathways", today=today)
        return str(generate_site(pathways, built=today)["careers/pharmacy-technician/index.md"])
    before, after = page(date(2026, 12, 9)), page(date(2026, 12, 10))
    assert "Starts on 10 December 2026" in before and "From 10 December 2026" not in before
    assert "From 10 December 2026" in after and "Starts on 10 December 2026" not in after


def test_no_page_types_an_nhs_amount_into_a_pay_note(pathways: Pathways) -> None:
    for loaded in pathways.stages.values():
        pay = loaded.stage.pay
        if pay is not None and pay.note:
            assert "£" not in pay.note, loaded.stage.id

