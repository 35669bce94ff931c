"""Checks on the real pathway content in pathways/: coverage, sources, freshness, readability, key facts, routes.

These test structure and behaviour (ids, kinds, numbers, dates, graph paths), never the wording, so a copy edit
does not break them. Each rule helper is also tested on small made-up stages, so the checks are shown to fail.
"""

from __future__ import annotations

import doctest
import itertools
import re
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx
import pyphen
import pytest
import textstat

import pathfinder.currency
from pathfinder.currency import (
    MAX_REVIEW_AGE_MONTHS,
    closing_date_text,
    current_date,
    lapsed_offers,
    review_age_problem,
    unannounced_lapsed_offers,
)
from pathfinder.figures import load_figures
from pathfinder.graph import Pathways, load_pathways
from pathfinder.routes import NoRoute, routes
from pathfinder.schema import Stage

ROOT = Path(__file__).resolve().parents[1]
PATHWAYS = ROOT / "pathways"
TODAY = current_date()

STARTS = ("school-leaver", "career-changer")
SUPPORT_ROLES = ("pharmacy-assistant", "dispensing-assistant", "medicines-counter-assistant",
                 "assistant-technical-officer")
REQUIRED: dict[str, tuple[str, ...]] = {
    "start": STARTS,
    "role": (*SUPPORT_ROLES, "pharmacy-technician", "foundation-pharmacy-technician",
             "primary-care-pharmacy-technician", "aseptic-pharmacy-technician", "science-manufacturing-technician",
             "accuracy-checking-pharmacy-technician", "mental-health-pharmacy-technician",
             "specialist-pharmacy-technician", "pharmacy-technician-manager", "pharmacist",
             "accuracy-checking-dispenser"),
    "training": ("level-2-pharmacy-services", "trainee-pharmacy-technician",
                 "science-manufacturing-technician-apprenticeship", "primary-care-pathway", "mpharm",
                 "accuracy-checking-dispenser-training"),
}
MIN_READING_EASE = 50


@pytest.fixture(scope="module")
def pathways() -> Pathways:
    return load_pathways(PATHWAYS)


@pytest.fixture(scope="module")
def G(pathways: Pathways) -> nx.DiGraph:
    return pathways.graph


def _stages() -> list[Stage]:
    return [loaded.stage for loaded in load_pathways(PATHWAYS).stages.values()]


def _ids_of_kind(kind: str) -> list[str]:
    return [stage.id for stage in _stages() if stage.kind == kind]


def _stage(**changes: Any) -> Stage:
    """A small valid stage for testing the rules themselves."""
    data: dict[str, Any] = {"id": "made-up", "kind": "training", "title": "X", "summary": "A short summary.",
                            "duration": {"typical_months": 12}, "earn_while_learning": True,
                            "sources": [{"url": "https://www.example.org/x", "title": "X"}],
                            "reviewed": date(2026, 1, 1)}
    data.update(changes)
    return Stage.model_validate(data)


# --- The whole folder loads -------------------------------------------------------------------------------------

def test_pathways_load_without_problems(pathways: Pathways) -> None:
    assert [str(p) for p in pathways.problems] == []


@pytest.mark.parametrize(("kind", "stage_id"), [(k, i) for k, ids in REQUIRED.items() for i in ids])
def test_required_stage_exists_with_its_kind(pathways: Pathways, kind: str, stage_id: str) -> None:
    assert stage_id in pathways.stages
    assert pathways.stage(stage_id).kind == kind


# --- Sources and freshness --------------------------------------------------------------------------------------

@pytest.mark.parametrize("stage", _stages(), ids=lambda s: s.id)
def test_stage_has_an_https_source(stage: Stage) -> None:
    assert any(source.url.startswith("https://") for source in stage.sources)


@pytest.mark.parametrize("stage", _stages(), ids=lambda s: s.id)
def test_stage_review_is_recent_and_not_in_the_future(stage: Stage) -> None:
    assert review_age_problem(stage.reviewed, today=TODAY) is None


@pytest.mark.parametrize(("reviewed", "today", "fine"), [
    (date(2026, 11, 25), date(2026, 11, 25), True),
    (date(2025, 5, 25), date(2026, 11, 25), True),     # exactly 18 months
    (date(2025, 5, 24), date(2026, 11, 25), False),    # a day over
    (date(2025, 4, 30), date(2026, 11, 25), False),
    (date(2026, 11, 26), date(2026, 11, 25), False),   # future
])
def test_review_age_rule(reviewed: date, today: date, fine: bool) -> None:
    assert (review_age_problem(reviewed, today=today) is None) is fine


def test_review_age_limit_is_eighteen_months() -> None:
    assert MAX_REVIEW_AGE_MONTHS == 18


# --- Dated money and offers -------------------------------------------------------------------------------------

def test_no_lapsed_offer_without_a_closing_note(pathways: Pathways) -> None:
    stages = [loaded.stage for loaded in pathways.stages.values()]
    assert unannounced_lapsed_offers(stages, today=TODAY) == []


def test_lapsed_offer_rule_flags_a_silent_lapsed_offer() -> None:
    offer = {"summary": "Employers get £100 a year per trainee.", "valid_until": date(2025, 2, 28)}
    silent = _stage(funding=[offer])
    announced = _stage(funding=[{**offer, "closed": True}])
    current = _stage(funding=[{**offer, "valid_until": date(2027, 1, 1)}])
    today = date(2026, 11, 25)
    assert [o.stage_id for o in unannounced_lapsed_offers([silent], today=today)] == ["made-up"]
    assert unannounced_lapsed_offers([announced], today=today) == []
    assert list(lapsed_offers([current], today=today)) == []
    assert closing_date_text(date(2025, 2, 28)) == "28 February 2025"


def test_the_closed_community_pharmacy_offer_is_kept_as_history(pathways: Pathways) -> None:
    """The NHS England community pharmacy technician programme took trainees enrolled by 28 February 2025."""
    dated = [f for f in pathways.stage("trainee-pharmacy-technician").funding if f.valid_until]
    assert date(2025, 2, 28) in [f.valid_until for f in dated]


@pytest.mark.parametrize("stage", _stages(), ids=lambda s: s.id)
def test_money_carries_a_year_or_end_date(stage: Stage) -> None:
    for funding in stage.funding:
        if re.search(r"£\d", funding.summary):
            assert funding.year or funding.valid_until, funding.summary
    if stage.pay and stage.pay.note:
        assert not re.search(r"£\s?\d", stage.pay.note), "NHS pay in pounds comes from pathways/figures/pay.yaml"


# --- Readability ------------------------------------------------------------------------------------------------

_HYPHENATOR = pyphen.Pyphen(lang="en_GB")
_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")


def _syllables(word: str) -> int:
    """Syllables in a word: the larger of pyphen's hyphenation count and a vowel-group count.

    textstat's own English syllable count needs the NLTK CMU dictionary, a network download; pyphen is what
    textstat falls back to for words outside that dictionary. Taking the larger count keeps the bound strict.
    """
    lower = word.lower()
    groups = len(re.findall(r"[aeiouy]+", lower))
    if lower.endswith("e") and not lower.endswith(("le", "ee")) and groups > 1:
        groups -= 1
    return max(len(_HYPHENATOR.positions(lower)) + 1, groups, 1)


def flesch_reading_ease(text: str) -> float:
    """Flesch reading ease: textstat's sentence count, with syllables counted as ``_syllables`` does."""
    words = _WORD.findall(text)
    sentences = max(textstat.sentence_count(text), 1)
    syllables = sum(_syllables(w) for w in words)
    return 206.835 - 1.015 * (len(words) / sentences) - 84.6 * (syllables / len(words))


def test_reading_ease_measure_tells_plain_from_dense_text() -> None:
    plain = "You work in a shop. You help people get their medicines. It is a paid job."
    dense = ("Pharmaceutical professionals' interprofessional accountability necessitates comprehensive "
             "organisational infrastructure facilitating evidence-based medicines optimisation initiatives.")
    assert flesch_reading_ease(plain) >= MIN_READING_EASE > flesch_reading_ease(dense)


@pytest.mark.parametrize("stage", _stages(), ids=lambda s: s.id)
def test_summary_is_plain_english(stage: Stage) -> None:
    assert flesch_reading_ease(stage.summary) >= MIN_READING_EASE


# --- Key facts in structured fields -----------------------------------------------------------------------------

@pytest.mark.parametrize(("stage_id", "standard", "level", "typical", "minimum"), [
    ("level-2-pharmacy-services", "ST0299", 2, 15, 8),  # 8-month minimum for starts from 1 August 2025
    ("trainee-pharmacy-technician", "ST0300", 3, 24, 24),
    ("science-manufacturing-technician-apprenticeship", "ST1406", 3, 36, None),
])
def test_apprenticeship_facts(pathways: Pathways, stage_id: str, standard: str, level: int, typical: int,
                              minimum: int | None) -> None:
    stage = pathways.stage(stage_id)
    assert stage.apprenticeship is not None and stage.duration is not None
    assert (stage.apprenticeship.standard, stage.apprenticeship.level) == (standard, level)
    assert stage.duration.typical_months == typical
    assert stage.duration.min_months == minimum
    assert stage.earn_while_learning is True


def test_no_apprenticeship_claims_the_old_twenty_percent_rule(pathways: Pathways) -> None:
    """Since 1 August 2025 each standard has its own minimum off-the-job hours, not 20% of paid hours."""
    for loaded in pathways.stages.values():
        apprenticeship = loaded.stage.apprenticeship
        assert apprenticeship is None or apprenticeship.off_the_job_percent is None, loaded.stage.id
        assert not any("20%" in text for text in loaded.stage.what_you_do), loaded.stage.id


@pytest.mark.parametrize(("stage_id", "typical", "earns"), [
    ("primary-care-pathway", 18, True),
    ("mpharm", 48, False),  # five years with a foundation or preparatory year: max_months
    ("foundation-training-pharmacist", 12, True),
    ("foundation-pharmacy-technician", 24, None),
])
def test_durations(pathways: Pathways, stage_id: str, typical: int, earns: bool | None) -> None:
    stage = pathways.stage(stage_id)
    assert stage.duration is not None and stage.duration.typical_months == typical
    assert stage.earn_while_learning is earns


@pytest.mark.parametrize(("stage_id", "bands"), [
    ("pharmacy-assistant", [2, 3]),
    ("dispensing-assistant", [2, 3]),
    ("assistant-technical-officer", [2]),
    ("senior-assistant-technical-officer", [3]),
    ("pharmacy-technician", [4]),
    ("foundation-pharmacy-technician", [4, 5]),
    ("primary-care-pharmacy-technician", [5]),
    ("aseptic-pharmacy-technician", [4]),
    ("specialist-pharmacy-technician", [6]),
    ("pharmacy-technician-manager", [7]),
])
def test_pay_bands(pathways: Pathways, stage_id: str, bands: list[int]) -> None:
    pay = pathways.stage(stage_id).pay
    assert pay is not None and pay.bands == bands and pay.year == "2026/27"


@pytest.mark.parametrize("stage_id", ["trainee-pharmacy-technician", "science-manufacturing-technician",
                                      "science-manufacturing-technician-apprenticeship"])
def test_no_band_where_only_job_adverts_gave_one(pathways: Pathways, stage_id: str) -> None:
    pay = pathways.stage(stage_id).pay
    assert pay is None or not pay.bands


def test_every_nhs_pay_year_is_in_the_pay_table_and_current(pathways: Pathways) -> None:
    assert pathways.pay is not None
    for loaded in pathways.stages.values():
        if loaded.stage.pay and loaded.stage.pay.year:
            year = pathways.pay.year(loaded.stage.pay.year)
            assert year is not None and year.start <= TODAY <= year.end, loaded.stage.id


_WEAK_SOURCES = ("pdfslide", "calculator", "payscales", "nhsjob")


@pytest.mark.parametrize("stage", _stages(), ids=lambda s: s.id)
def test_no_copy_sites_or_pay_calculators_as_sources(stage: Stage) -> None:
    for source in stage.sources:
        assert not any(word in source.url.lower() for word in _WEAK_SOURCES), source.url


def test_weak_source_rule_catches_the_old_sources() -> None:
    old = ["https://pdfslide.net/documents/x.html", "https://nhstakehomepaycalculator.co.uk/guides/x"]
    assert all(any(word in url for word in _WEAK_SOURCES) for url in old)


@pytest.mark.parametrize("stage_id", _ids_of_kind("training"))
def test_training_takes_time(pathways: Pathways, stage_id: str) -> None:
    duration = pathways.stage(stage_id).duration
    assert duration is not None and duration.typical_months > 0


# --- Routes -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("start", STARTS)
@pytest.mark.parametrize("role", _ids_of_kind("role"))
def test_every_role_is_reachable_from_both_starting_points(G: nx.DiGraph, start: str, role: str) -> None:
    assert routes(G, start, role, limit=1)


def test_dispensing_assistant_can_earn_all_the_way_to_pharmacy_technician(G: nx.DiGraph) -> None:
    found = routes(G, "dispensing-assistant", "pharmacy-technician", earn_while_learning=True)
    assert found[0].stages == ("dispensing-assistant", "trainee-pharmacy-technician", "pharmacy-technician")
    assert found[0].months == 24 and found[0].earn_while_learning


def test_school_leaver_to_pharmacy_technician_takes_two_years_of_paid_training(G: nx.DiGraph) -> None:
    fastest = routes(G, "school-leaver", "pharmacy-technician")[0]
    assert (fastest.months, fastest.earn_while_learning) == (24, True)


def test_support_roles_are_reached_only_through_level_2_training(G: nx.DiGraph) -> None:
    without = G.copy()
    without.remove_node("level-2-pharmacy-services")
    for start in STARTS:
        assert not set(SUPPORT_ROLES) & nx.descendants(without, start)


@pytest.mark.parametrize(("gate", "goal"), [
    ("trainee-pharmacy-technician", "pharmacy-technician"),
    ("mpharm", "pharmacist"),
    ("foundation-training-pharmacist", "pharmacist"),
    ("primary-care-pathway", "primary-care-pharmacy-technician"),
    ("accuracy-checking-training", "accuracy-checking-pharmacy-technician"),
    ("science-manufacturing-technician-apprenticeship", "science-manufacturing-technician"),
    ("accuracy-checking-dispenser-training", "accuracy-checking-dispenser"),
])
def test_registered_and_qualified_roles_need_their_training(G: nx.DiGraph, gate: str, goal: str) -> None:
    without = G.copy()
    without.remove_node(gate)
    for start in STARTS:
        assert not nx.has_path(without, start, goal)


def test_pharmacist_route_includes_unpaid_degree_and_foundation_year(G: nx.DiGraph) -> None:
    fastest = routes(G, "pharmacy-technician", "pharmacist")[0]
    assert fastest.stages == ("pharmacy-technician", "mpharm", "foundation-training-pharmacist", "pharmacist")
    assert (fastest.months, fastest.earn_while_learning) == (60, False)
    with pytest.raises(NoRoute):  # no approved pharmacist degree apprenticeship
        routes(G, "school-leaver", "pharmacist", earn_while_learning=True)


def test_specialist_comes_after_foundation_years_or_a_specialist_area(G: nx.DiGraph) -> None:
    """No jump from newly registered straight to specialist: a foundation stage or specialist-area job comes first."""
    assert not G.has_edge("pharmacy-technician", "specialist-pharmacy-technician")
    for route in routes(G, "pharmacy-technician", "specialist-pharmacy-technician", limit=10):
        assert set(route.stages[1:-1]) & {"foundation-pharmacy-technician", *SPECIALIST_AREA_ROLES}


# --- No dead ends -----------------------------------------------------------------------------------------------

SPECIALIST_AREA_ROLES = ("accuracy-checking-pharmacy-technician", "aseptic-pharmacy-technician",
                         "mental-health-pharmacy-technician", "primary-care-pharmacy-technician",
                         "medicines-optimisation-pharmacy-technician")


@pytest.mark.parametrize("role", SPECIALIST_AREA_ROLES)
@pytest.mark.parametrize("goal", ["specialist-pharmacy-technician", "pharmacy-technician-manager"])
def test_finder_reaches_specialist_and_manager_roles_from_each_specialist_area(G: nx.DiGraph, role: str,
                                                                             goal: str) -> None:
    assert routes(G, role, goal, limit=1)


def test_only_the_tops_of_ladders_are_final(pathways: Pathways) -> None:
    final = {s for s, loaded in pathways.stages.items() if loaded.stage.final}
    assert final == {"specialist-pharmacist", "pharmacy-technician-manager"}  # the pharmacist moves on to specialist
    for stage_id, loaded in pathways.stages.items():
        if loaded.stage.kind == "role" and stage_id not in final:
            assert loaded.stage.next, f"{stage_id} is a dead end"


@pytest.mark.parametrize("start", ["pharmacy-assistant", "dispensing-assistant"])
def test_support_staff_can_train_for_accuracy_checking(G: nx.DiGraph, start: str) -> None:
    route = routes(G, start, "accuracy-checking-dispenser", limit=1)[0]
    assert route.stages == (start, "accuracy-checking-dispenser-training", "accuracy-checking-dispenser")
    assert route.earn_while_learning


def test_support_staff_accuracy_checking_does_not_make_you_a_technician(G: nx.DiGraph) -> None:
    without = G.copy()
    without.remove_node("trainee-pharmacy-technician")
    assert not nx.has_path(without, "accuracy-checking-dispenser", "accuracy-checking-pharmacy-technician")


@pytest.mark.parametrize("role", ["pharmacy-assistant", "dispensing-assistant", "medicines-counter-assistant"])
def test_support_roles_link_to_the_science_manufacturing_apprenticeship(G: nx.DiGraph, role: str) -> None:
    assert G.has_edge(role, "science-manufacturing-technician-apprenticeship")


def test_mpharm_can_take_five_years(pathways: Pathways) -> None:
    duration = pathways.stage("mpharm").duration
    assert duration is not None and (duration.typical_months, duration.max_months) == (48, 60)


def test_avoiding_aseptic_units_rules_out_manufacturing_roles(G: nx.DiGraph) -> None:
    with pytest.raises(NoRoute):
        routes(G, "school-leaver", "science-manufacturing-technician", avoid_settings=["aseptic-unit"])


# --- Workforce figures ------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def figures() -> Any:
    loaded, problems = load_figures(PATHWAYS)
    assert problems == []
    assert loaded is not None
    return loaded


def _figure(figures: Any, figure_id: str) -> Any:
    return next(f for f in figures.figures if f.id == figure_id)


def test_register_matches_the_strategy(figures: Any) -> None:
    register = _figure(figures, "register-england")
    assert register.chart == "line"
    assert register.columns == ["2016/17", "2017/18", "2018/19", "2019/20", "2020/21"]
    values = register.rows[0].values
    assert values == [19437, 19480, 19454, 19736, 20372]
    assert [b - a for a, b in itertools.pairwise(values)] == [43, -26, 282, 636]
    assert values[-1] - values[0] + 249 == 1184  # the strategy's five-year growth counts 2016/17's rise of 249
    growth = values[-1] - values[0]
    assert (growth, round(100 * growth / values[0], 1)) == (935, 4.8)
    assert register.note is not None and "935" in register.note and "4.8%" in register.note


def test_trainee_places_add_up_to_the_strategy_totals(figures: Any) -> None:
    places = _figure(figures, "trainee-places-by-region")
    assert places.columns == ["2018/19", "2019/20", "2020/21"]
    totals = [sum(row.values[i] for row in places.rows) for i in range(len(places.columns))]
    assert totals == [380, 464, 635]
    assert "TOTAL" not in {row.label.upper() for row in places.rows}


def test_acute_workforce_mix(figures: Any) -> None:
    mix = {row.label: row.values for row in _figure(figures, "acute-workforce-mix").rows}
    assert sorted(v[0] for v in mix.values()) == [20, 35]


def test_key_facts_present_with_year_and_https_source(figures: Any) -> None:
    values = {fact.value for fact in figures.key_facts}
    assert {"2,500", "9%", "26,193", "about 1,977"} <= values
    for fact in figures.key_facts:
        assert fact.year and fact.source.url.startswith("https://")
    for figure in figures.figures:
        assert figure.source.url.startswith("https://") and figure.period


def test_figures_review_is_recent(figures: Any) -> None:
    assert review_age_problem(figures.reviewed, today=TODAY) is None


def test_content_helpers_doctests() -> None:
    assert doctest.testmod(pathfinder.currency).failed == 0


def test_course_recognition_end_dates_are_dated_facts_the_checker_watches(pathways: Pathways) -> None:
    """The GPhC's recognition periods of the trainee's qualifications end on dates: each is a dated fact with a day
    to look again (so `pathfinder check` warns when it is due), never a date written into a caveat."""
    stage = pathways.stage("trainee-pharmacy-technician")
    recognition = [fact for fact in stage.dated_facts if "recognition" in fact.text]
    assert len(recognition) >= 2
    assert all(fact.event == "ends" and fact.check_by and fact.after for fact in recognition)
    assert not [c for c in stage.caveats if re.search(r"recognition period|20\d\d", c)]
    assert any("pharmacyregulation.org" in str(s.url) for s in stage.sources)
