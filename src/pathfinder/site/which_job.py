"""The "which of these is my job?" page: every job by what you do day to day and its NHS band, from the stage data.

Job titles differ between employers, so a person who cannot place themselves reads the tasks instead. Jobs are
grouped by whether they need registration, from the same typed ``job_group`` that groups /careers/ (job_groups.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..graph import Pathways, stage_url
from ..schema import Stage
from .job_groups import REGISTERED_GROUPS, roles_by_group
from .render import render

__all__ = ["which_job_page"]

#: Day-to-day tasks shown for each job: enough to recognise it, short enough to scan.
TASKS_SHOWN = 3


@dataclass(frozen=True)
class JobView:
    """One job as the guide shows it."""

    url: str
    title: str
    tasks: tuple[str, ...]
    bands: tuple[int, ...]
    also_called: tuple[str, ...]


def _view(stage: Stage) -> JobView:
    return JobView("../" + stage_url(stage.id, stage.kind), stage.title, tuple(stage.what_you_do[:TASKS_SHOWN]),
                   tuple(stage.pay.bands) if stage.pay else (), tuple(a.name for a in stage.also_called))


def which_job_page(pathways: Pathways) -> dict[str, str]:
    """``which-job/index.md``: support jobs first, then registered jobs, then any job that gives no group; each
    by lowest NHS band then title."""
    groups = roles_by_group(pathways)

    def listed(stages: list[Stage]) -> list[JobView]:
        return [_view(s) for s in sorted(stages, key=lambda s: (s.pay.bands[0] if s.pay and s.pay.bands else 99,
                                                                 s.title))]

    support = listed(groups.get("support", []))
    registered = listed([s for group in REGISTERED_GROUPS for s in groups.get(group, [])])
    other = listed(groups.get(None, []))
    return {"which-job/index.md": render("which_job.md.j2", support=support, registered=registered, other=other)}
