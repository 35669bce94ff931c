"""What a job is, not what it is called (issue 16 section 4): /careers/ groups jobs by the typed ``job_group`` of
each role, and start pages tell jobs you can start in from jobs you must train for first."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

from pathfinder.graph import Pathways, load_pathways
from pathfinder.schema import Stage
from pathfinder.site.job_groups import JOB_GROUP_HEADINGS
from pathfinder.site.pages import index_pages
from pathfinder.site.start_answers import jobs_in_reach, start_facts
from pathfinder.site.which_job import which_job_page

from .conftest import ROOT

TODAY = date(2026, 12, 5)


@pytest.fixture(scope="module")
def pathways() -> Pathways:
    return load_pathways(ROOT / "pathways", today=TODAY)


def _roles(pathways: Pathways) -> list[Stage]:
    return [loaded.stage for loaded in pathways.stages.values() if loaded.stage.kind == "role"]


def test_every_real_job_says_what_it_is(pathways: Pathways) -> None:
    assert all(stage.job_group for stage in _roles(pathways))


def test_the_group_follows_registration_not_the_title(pathways: Pathways) -> None:
    """A science manufacturing technician is not on a register, whatever the title says; a registered technician's
    jobs need GPhC registration."""
    assert pathways.stage("science-manufacturing-technician").job_group == "support"
    assert pathways.stage("pharmacy-technician").job_group == "technician"
    assert pathways.stage("pharmacist").job_group == "pharmacist"


def test_careers_list_groups_jobs_by_what_they_are(pathways: Pathways) -> None:
    page = index_pages(pathways)["careers/index.md"]
    sections = re.split(r"^## ", page, flags=re.M)[1:]
    headings = [s.splitlines()[0].replace("\\", "") for s in sections]
    assert headings == list(JOB_GROUP_HEADINGS.values())
    for section in sections:
        heading = section.splitlines()[0].replace("\\", "")
        group = next(g for g, h in JOB_GROUP_HEADINGS.items() if h == heading)
        ids = re.findall(r'href="\.\./careers/([a-z0-9-]+)/"', section)
        assert ids and all(pathways.stage(i).job_group == group for i in ids), heading
    listed = re.findall(r'href="\.\./careers/([a-z0-9-]+)/"', page)
    assert sorted(listed) == sorted(s.id for s in _roles(pathways))


def test_only_a_role_has_a_job_group() -> None:
    with pytest.raises(ValidationError):
        Stage.model_validate({"id": "x", "kind": "training", "title": "X", "summary": "A course.",
                              "duration": {"typical_months": 12}, "earn_while_learning": True,
                              "job_group": "support", "sources": [{"url": "https://www.example.org/x", "title": "X"}],
                              "reviewed": date(2026, 1, 1)})


@pytest.mark.parametrize("start", ["school-leaver", "career-changer"])
def test_start_pages_tell_jobs_you_start_in_from_jobs_you_train_for(pathways: Pathways, start: str) -> None:
    G = pathways.graph
    jobs = {j.title: j for j in jobs_in_reach(G, start, "")}
    facts = {f.key: f for f in start_facts(G, pathways.stage(start), list(jobs.values()))}
    train_for = facts["train-for"]
    assert train_for.label == "Jobs you can train for"
    assert train_for.links and all(jobs[title].months > 0 for title, _ in train_for.links)
    if "jobs" in facts:
        assert all(jobs[title].months == 0 for title, _ in facts["jobs"].links)
    # The pharmacist needs a degree first: never a job you can simply start in.
    assert "Pharmacist" in [title for title, _ in train_for.links]


def test_the_starting_points_list_gives_no_pay(pathways: Pathways) -> None:
    """A starting point is where a visitor is now, not a job: the /start/ list says nothing of pay for it."""
    page = index_pages(pathways)["start/index.md"]
    items = [line for line in page.splitlines() if line.startswith("<li>")]
    assert items and not any(re.search(r"NHS band|pay set by", line) for line in items)


def _grouped_ids(page: str) -> dict[str, set[str]]:
    """The job ids under each ``## `` heading of a generated page."""
    sections = re.split(r"^## ", page, flags=re.M)[1:]
    return {s.splitlines()[0].replace("\\", ""): set(re.findall(r'href="\.\./careers/([a-z0-9-]+)/"', s))
            for s in sections}


def test_the_which_job_guide_and_the_careers_list_group_jobs_alike(tmp_path: Path) -> None:
    """One grouping for both pages. A job whose data calls it a technician's job is a registered job in the guide
    too, even where a route reaches it without registering: here the science manufacturing technician, given the
    'technician' group for the test (a walk of the graph would still call it a support job)."""
    data = tmp_path / "pathways"
    shutil.copytree(ROOT / "pathways", data)
    moved = data / "roles" / "science-manufacturing-technician.yaml"
    moved.write_text(moved.read_text().replace("job_group: support", "job_group: technician"))
    pathways = load_pathways(data, today=TODAY)
    careers = _grouped_ids(index_pages(pathways)["careers/index.md"])
    guide = _grouped_ids(which_job_page(pathways)["which-job/index.md"])
    support = careers[JOB_GROUP_HEADINGS["support"]]
    registered = careers[JOB_GROUP_HEADINGS["technician"]] | careers[JOB_GROUP_HEADINGS["pharmacist"]]
    assert "science-manufacturing-technician" in registered
    assert guide == {"Support staff jobs (no registration needed)": support, "Registered jobs": registered}
