"""The "which of these is my job?" page: every job by what you do day to day and its NHS band, from the stage data.

Job titles differ between employers, so a person who cannot place themselves reads the tasks instead. Jobs are
grouped by whether they need registration: a job is "registered" when no starting point reaches it without going
through the registered pharmacy technician or the pharmacist's foundation year (a fact of the graph, not a flag).
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from ..graph import Pathways, stage_url
from ..schema import Stage
from .render import render

__all__ = ["which_job_page"]

#: Stages that every route into a registered job passes through.
REGISTRATION_GATES = ("pharmacy-technician", "foundation-training-pharmacist")
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


def _unregistered(G: nx.DiGraph) -> set[str]:
    open_graph = G.subgraph(n for n in G if n not in REGISTRATION_GATES)
    starts = [n for n, kind in G.nodes(data="kind") if kind == "start"]
    return set().union(*(nx.descendants(open_graph, s) for s in starts)) if starts else set()


def _view(stage: Stage) -> JobView:
    return JobView("../" + stage_url(stage.id, stage.kind), stage.title, tuple(stage.what_you_do[:TASKS_SHOWN]),
                   tuple(stage.pay.bands) if stage.pay else (), tuple(a.name for a in stage.also_called))


def which_job_page(pathways: Pathways) -> dict[str, str]:
    """``which-job/index.md``: support jobs first, then registered jobs, each by lowest NHS band then title."""
    G = pathways.graph
    roles = [loaded.stage for loaded in pathways.stages.values() if loaded.stage.kind == "role"]
    roles.sort(key=lambda s: (s.pay.bands[0] if s.pay and s.pay.bands else 99, s.title))
    unregistered = _unregistered(G)
    support = [_view(s) for s in roles if s.id in unregistered]
    registered = [_view(s) for s in roles if s.id not in unregistered]
    return {"which-job/index.md": render("which_job.md.j2", support=support, registered=registered)}
