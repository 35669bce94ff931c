"""The visitor's situation as data: qualifications a step can need, and the rules that tie training to hours.

They live in ``pathways/figures/qualifications.yaml`` (not a stage, so the stage loader skips that folder).
``load_situation`` reads and checks the file; ``attach_situation`` puts it on the graph as plain dicts in
``G.graph`` (``qualifications``, ``hours_rules``, ``hours_note``), where the ``routes`` package reads it in the command
line, the site build and the browser alike, and checks every link's ``needs`` against it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import networkx as nx
from pydantic import Field

from .load import LoadedStage, display_path, load_data_file_of_entries
from .problems import Problem
from .schema import Months, ShortText, Source, StageId, Text, _Model

__all__ = ["SITUATION_FILE", "Course", "HoursRule", "Qualification", "Situation", "attach_situation",
           "load_situation"]

SITUATION_FILE = Path("figures") / "qualifications.yaml"


class Course(_Model):
    """A short course, outside the career map, that gets a qualification."""

    title: ShortText
    """The course as a visitor would look for it."""
    months: Months
    """Typical months the course takes."""
    months_vary: bool = False
    """True when courses differ a lot in length and ``months`` is only a guide."""
    earn_while_learning: bool
    """Whether people usually keep working (and earning) while they take it."""
    summary: Text
    """One or two plain sentences: what it is, who pays."""
    source: Source
    """The page that says so."""


class Qualification(_Model):
    """Something a step can need, which a visitor may already have."""

    id: StageId
    """Stable kebab-case id, used by links' ``needs`` and in the finder's address (``have=``)."""
    name: ShortText
    """What it is called, as a visitor would say it."""
    stage: StageId | None = None
    """A stage on the career map that gets it (reaching that stage on a route counts as having it)."""
    course: Course | None = None
    """The short course that gets it when the route does not."""
    ask: bool = True
    """Whether the finder asks visitors about it (false for what only a stage on the map gives)."""
    registration: bool = False
    """True for registration with the GPhC: a route that reaches it leads to a registered profession."""


class HoursRule(_Model):
    """An official rule that ties a stage to the hours a week someone works or trains."""

    stage: StageId
    """The stage the rule applies to."""
    min_hours_a_week: Annotated[int, Field(ge=1, le=60)]
    """Below this many hours a week the stage is not open to you."""
    rule: Text
    """The rule in plain words."""
    source: Source
    """The official page that sets it."""


class Situation(_Model):
    """The whole qualifications file."""

    qualifications: list[Qualification]
    """Every qualification a link's ``needs`` may name."""
    hours_rules: list[HoursRule] = Field(default_factory=list)
    """Rules that tie a stage's eligibility or length to hours a week."""
    hours_note: Text
    """What is known about hours for every other stage."""
    hours_source: Source
    """The page that says so."""


def load_situation(pathways_dir: Path) -> tuple[Situation | None, list[Problem]]:
    """Read the qualifications file under ``pathways_dir``; (None, []) when there is none."""
    return load_data_file_of_entries(pathways_dir, SITUATION_FILE, Situation, entries="qualifications", key="id",
                                     noun="qualification id")


def _as_graph_data(situation: Situation) -> dict[str, Any]:
    return {
        "qualifications": {q.id: q.model_dump(mode="json") for q in situation.qualifications},
        "hours_rules": {r.stage: r.model_dump(mode="json") for r in situation.hours_rules},
        "hours_note": {"text": situation.hours_note, "source": situation.hours_source.model_dump(mode="json")},
    }


def attach_situation(G: nx.DiGraph, pathways_dir: Path, stages: dict[str, LoadedStage]) -> list[Problem]:
    """Load the qualifications file onto ``G.graph``; problems for unknown ids in it and in links' ``needs``."""
    situation, problems = load_situation(pathways_dir)
    if situation is None:
        known: set[str] = set()
    else:
        G.graph.update(_as_graph_data(situation))
        known = {q.id for q in situation.qualifications}
        file = display_path(pathways_dir / SITUATION_FILE)
        named = [q.stage for q in situation.qualifications if q.stage] + [r.stage for r in situation.hours_rules]
        for stage_id in named:
            if stage_id not in G:
                problems.append(Problem(file, 1, 1, "unknown-stage", f"no stage is called {stage_id!r}"))
    for loaded in stages.values():
        for i, link in enumerate(loaded.stage.next):
            for j, need in enumerate(link.needs):
                if need not in known:
                    line, col = loaded.positions.of(("next", i, "needs", j))
                    problems.append(Problem(loaded.file, line, col, "unknown-qualification",
                                            f"no qualification is called {need!r} in pathways/{SITUATION_FILE}"))
    return problems
