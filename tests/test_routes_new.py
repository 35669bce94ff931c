"""New starting points (returners, trained abroad, first job, health and care workers), job searches on paid
training posts, and the "which of these is my job?" guide: real routes and generated pages from pathways/."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from pathfinder.graph import Pathways, load_pathways
from pathfinder.routes import routes
from pathfinder.site import generate_site
from pathfinder.site.job_search import training_job_searches

PATHWAYS = Path(__file__).resolve().parents[1] / "pathways"
BUILT = date(2026, 12, 5)


@pytest.fixture(scope="module")
def pathways() -> Pathways:
    return load_pathways(PATHWAYS)


@pytest.fixture(scope="module")
def site(pathways: Pathways) -> dict[str, str]:
    return {path: str(content) for path, content in generate_site(pathways, built=BUILT).items()}


@pytest.mark.parametrize("start", ["returning-to-pharmacy", "trained-outside-uk", "first-pharmacy-job",
                                   "health-or-care-worker"])
def test_new_starting_points_reach_pharmacy_technician(pathways: Pathways, start: str) -> None:
    found = routes(pathways.graph, start, "pharmacy-technician", limit=1)
    assert found and found[0].stages[0] == start and found[0].stages[-1] == "pharmacy-technician"


def test_returner_rejoins_the_register_in_about_a_month(pathways: Pathways) -> None:
    fastest = routes(pathways.graph, "returning-to-pharmacy", "pharmacy-technician")[0]
    assert fastest.stages == ("returning-to-pharmacy", "return-to-register", "pharmacy-technician")
    assert fastest.months == 1


def test_trained_abroad_takes_the_uk_qualification_and_pharmacists_take_ospap(pathways: Pathways) -> None:
    technician = routes(pathways.graph, "trained-outside-uk", "pharmacy-technician")[0]
    assert "trainee-pharmacy-technician" in technician.stages
    pharmacist = routes(pathways.graph, "trained-outside-uk", "pharmacist")[0]
    assert pharmacist.stages[1:3] == ("ospap", "foundation-training-pharmacist")


@pytest.mark.parametrize("stage_id", ["returning-to-pharmacy", "return-to-register", "trained-outside-uk"])
def test_returner_and_abroad_stages_cite_the_gphc(pathways: Pathways, stage_id: str) -> None:
    assert any(s.publisher == "General Pharmaceutical Council" for s in pathways.stage(stage_id).sources)


@pytest.mark.parametrize(("page", "words"), [
    ("start/trained-outside-uk/index.md", ["Spain", "overseas", "international"]),
    ("start/returning-to-pharmacy/index.md", ["returners", "restore"]),
])
def test_search_words_are_on_the_pages(site: dict[str, str], page: str, words: list[str]) -> None:
    for word in words:
        assert re.search(rf"\b{word}\b", site[page], flags=re.IGNORECASE), word


def test_paid_training_posts_get_job_searches_and_courses_do_not(pathways: Pathways, site: dict[str, str]) -> None:
    trainee = training_job_searches(pathways.stage("trainee-pharmacy-technician"))
    assert "pre-registration%20trainee%20pharmacy%20technician" in trainee[0].url
    assert "Find a job or apprenticeship" in site["training/trainee-pharmacy-technician/index.md"]
    for unpaid_or_not_a_post in ("mpharm", "accuracy-checking-training", "return-to-register"):
        assert training_job_searches(pathways.stage(unpaid_or_not_a_post)) == []
        assert "Find a job or apprenticeship" not in site[f"training/{unpaid_or_not_a_post}/index.md"]


def test_which_job_guide_splits_support_from_registered_jobs(site: dict[str, str]) -> None:
    page = site["which-job/index.md"]
    support, registered = page.split("## Registered jobs")
    assert ">Dispensing assistant</a>" in support and "Also called: Dispenser" in support
    assert ">Pharmacy technician</a>" in registered and ">Pharmacy technician</a>" not in support
    assert ">Medicines optimisation pharmacy technician</a>" in registered


@pytest.mark.parametrize(("page", "newcomer_start"), [
    ("careers/pharmacy-technician/index.md", "leaving school or college"),
    ("careers/medicines-optimisation-pharmacy-technician/index.md", "leaving school or college"),
    ("careers/pharmacist/index.md", "leaving school or college"),
])
def test_job_headline_training_time_is_from_a_start_open_to_newcomers(site: dict[str, str], page: str,
                                                                      newcomer_start: str) -> None:
    training = re.search(r'data-pf-fact="training">(.*?)</div>', site[page], flags=re.S)
    assert training is not None
    headline = training.group(1)
    assert newcomer_start in headline.lower()
    assert "returning to pharmacy" not in headline.lower() and "outside the uk" not in headline.lower()


def test_only_a_starting_point_can_be_for_the_already_qualified() -> None:
    from pydantic import ValidationError

    from pathfinder.schema import Stage
    common = {"title": "X", "summary": "A plain line.", "sources": [{"url": "https://example.org/a", "title": "A"}],
              "reviewed": date(2026, 1, 1)}
    assert Stage(id="back", kind="start", already_qualified=True, **common).already_qualified
    with pytest.raises(ValidationError, match="only a starting point"):
        Stage(id="job", kind="role", already_qualified=True, **common)
