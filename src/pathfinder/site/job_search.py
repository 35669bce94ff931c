"""Links to job and apprenticeship searches for a role or a paid training post: plain links, nothing is fetched."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

import networkx as nx

from ..schema import Stage
from .origins import OriginGroup

__all__ = ["JobSearch", "job_searches", "training_job_searches"]

#: Search pages as the services themselves link to them (keyword / searchTerm query parameters).
NHS_JOBS_SEARCH = "https://www.jobs.nhs.uk/candidate/search/results?keyword="
FIND_APPRENTICESHIP_SEARCH = "https://www.findapprenticeship.service.gov.uk/apprenticeships?searchTerm="


@dataclass(frozen=True)
class JobSearch:
    """One search link, worded for the visitor."""

    url: str
    text: str
    where: str


def _apprenticeship_on_the_way(G: nx.DiGraph, groups: list[OriginGroup]) -> bool:
    return any(G.nodes[step.id].get("standard") for group in groups for route in group.routes
               for step in route.steps)


def job_searches(G: nx.DiGraph, stage_id: str, groups: list[OriginGroup]) -> list[JobSearch]:
    """An NHS Jobs search for the role, and a Find an apprenticeship search when a route into it has one."""
    title = str(G.nodes[stage_id]["title"])
    found = [JobSearch(NHS_JOBS_SEARCH + quote(title.lower()), f"{title} jobs on NHS Jobs",
                       "NHS hospitals, GP practices and other NHS employers")]
    if _apprenticeship_on_the_way(G, groups):
        found.append(JobSearch(FIND_APPRENTICESHIP_SEARCH + quote("pharmacy"),
                               "Pharmacy apprenticeships on Find an apprenticeship",
                               "the government's site for paid training jobs in England"))
    return found


def training_job_searches(stage: Stage) -> list[JobSearch]:
    """Searches for a training stage that is itself a paid job (an apprenticeship you apply for), else none.

    Adverts use the post's own name, so the NHS Jobs search uses the first name the stage is also called (for the
    trainee technician, "Pre-registration trainee pharmacy technician"), or its title when it has none.
    """
    if stage.kind != "training" or not stage.earn_while_learning or stage.apprenticeship is None:
        return []
    name = stage.also_called[0].name if stage.also_called else stage.title
    return [JobSearch(NHS_JOBS_SEARCH + quote(name.lower()), f"{name} jobs on NHS Jobs",
                      "NHS hospitals, GP practices and other NHS employers"),
            JobSearch(FIND_APPRENTICESHIP_SEARCH + quote("pharmacy"),
                      "Pharmacy apprenticeships on Find an apprenticeship",
                      "the government's site for paid training jobs in England")]
