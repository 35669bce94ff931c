"""The visitor's situation as data: qualifications a step can need, and the rules that tie training to hours.

They live in ``pathways/figures/qualifications.yaml`` (not a stage, so the stage loader skips that folder).
``load_situation`` reads and checks the file; ``attach_situation`` puts it on the graph as plain dicts in
``G.graph`` (``qualifications``, ``hours_rules``, ``hours_note``), where the ``routes`` package reads it in the command
line, the site build and the browser alike, and checks every link's ``needs`` against it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any

import networkx as nx
from pydantic import Field

from .load import LoadedStage, display_path, load_data_file_of_entries
from .problems import Problem
from .schema import Link, Months, ShortText, Source, StageId, Text, _Model

__all__ = ["SITUATION_FILE", "Advice", "Course", "HoursRule", "OldId", "Qualification", "Situation", "attach_situation",
           "load_situation"]

SITUATION_FILE = Path("figures") / "qualifications.yaml"
#: A requirement that speaks of time in a job.
_EXPERIENCE = re.compile(r"\bexperience\b", re.IGNORECASE)


class Course(_Model):
    """A short course, outside the career map, that gets a qualification."""

    title: ShortText
    """The course as a visitor would look for it."""
    months: Months
    """Typical months the course takes."""
    months_vary: bool = False
    """True when courses differ a lot in length and ``months`` is only a guide."""
    earn_while_learning: bool
    """True only for paid training (an apprenticeship or a trainee post that pays you to learn). A course taken
    alongside a job is not: say so with ``alongside_work``."""
    alongside_work: bool = False
    """True for a course people usually take part time alongside their job: shown as "study alongside work"."""
    taken_with: list[StageId] = Field(default_factory=list)
    """Qualifications whose courses people usually take in the same months (English and maths in one school
    year): when a route adds both, they are one step."""
    together_title: ShortText | None = None
    """The step's name when a route adds it with the ``taken_with`` courses, for example "Free English and maths
    courses for adults"."""
    summary: Text
    """One or two plain sentences: what it is, who pays."""
    source: Source
    """The page that says so."""


class Advice(_Model):
    """One piece of sourced advice about a qualification, such as what to do with a grade 3."""

    text: Text
    """The advice in plain words."""
    source: Source
    """The page that says so."""


class OldId(_Model):
    """A qualification id no longer used, kept so that old finder addresses and ``--have`` still work."""

    id: StageId
    """The old id."""
    means: list[StageId] = Field(min_length=1)
    """The ids it now means (all of them)."""


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
    advice: list[Advice] = Field(default_factory=list)
    """Sourced advice for someone who nearly has it, such as a grade 3 (resits, Functional Skills)."""


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
    old_ids: list[OldId] = Field(default_factory=list)
    """Ids no longer used and what they now mean, so shared finder addresses keep working."""


def load_situation(pathways_dir: Path) -> tuple[Situation | None, list[Problem]]:
    """Read the qualifications file under ``pathways_dir``; (None, []) when there is none."""
    return load_data_file_of_entries(pathways_dir, SITUATION_FILE, Situation, entries="qualifications", key="id",
                                     noun="qualification id")


def _as_graph_data(situation: Situation) -> dict[str, Any]:
    return {
        "qualifications": {q.id: q.model_dump(mode="json") for q in situation.qualifications},
        "hours_rules": {r.stage: r.model_dump(mode="json") for r in situation.hours_rules},
        "hours_note": {"text": situation.hours_note, "source": situation.hours_source.model_dump(mode="json")},
        "qualification_aliases": {old.id: list(old.means) for old in situation.old_ids},
    }


def attach_situation(G: nx.DiGraph, pathways_dir: Path, stages: dict[str, LoadedStage]) -> list[Problem]:
    """Load the qualifications file onto ``G.graph``; problems for unknown ids in it, in stages' ``needs`` and in
    links' ``waives``/``adds``, for a link that leaves out a need of the stage it enters, and a warning for a link
    whose requirement speaks of experience with no ``experience`` data."""
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
        for q in situation.qualifications:
            for together in (q.course.taken_with if q.course else []):
                if together not in known:
                    problems.append(Problem(file, 1, 1, "unknown-qualification",
                                            f"{q.id!r} is taken with {together!r}, which is not a qualification"))
        for old in situation.old_ids:
            for j, meant in enumerate(old.means):
                if meant not in known:
                    problems.append(Problem(file, 1, 1, "unknown-qualification",
                                            f"old id {old.id!r} means {meant!r}, which is not a qualification "
                                            f"(entry {j + 1})"))
    for loaded in stages.values():
        problems.extend(_need_problems(loaded, stages, known))
    return problems


def _unknown(loaded: LoadedStage, path: tuple[str | int, ...], need: str) -> Problem:
    line, col = loaded.positions.of(path)
    return Problem(loaded.file, line, col, "unknown-qualification",
                   f"no qualification is called {need!r} in pathways/{SITUATION_FILE}")


def _need_problems(loaded: LoadedStage, stages: dict[str, LoadedStage], known: set[str]) -> list[Problem]:
    stage = loaded.stage
    problems = [_unknown(loaded, ("needs", j), need) for j, need in enumerate(stage.needs) if need not in known]
    for i, link in enumerate(stage.next):
        entered = stages[link.to].stage.needs if link.to in stages else []
        for field in ("waives", "adds"):
            for j, change in enumerate(getattr(link, field)):
                path = ("next", i, field, j, "need")
                if change.need not in known:
                    problems.append(_unknown(loaded, path, change.need))
                elif field == "waives" and change.need not in entered:
                    problems.append(_problem(loaded, path, "waiver-not-needed",
                                             f"{link.to!r} does not need {change.need!r}, so there is nothing to "
                                             "waive: take this out"))
                elif field == "adds" and change.need in entered:
                    problems.append(_problem(loaded, path, "need-repeated",
                                             f"{link.to!r} already needs {change.need!r}: every way in needs it, "
                                             "so take this out"))
        problems.extend(_old_needs_problems(loaded, i, link, entered, known))
        if link.experience is None and any(_EXPERIENCE.search(text) for text in link.requires):
            problems.append(_problem(loaded, ("next", i, "requires"), "experience-missing",
                                     "this step asks for experience but gives no 'experience': add typical_months "
                                     "or min_months with a source, or 'varies: true' where no source gives a "
                                     "figure", severity="warning"))
    return problems


def _old_needs_problems(loaded: LoadedStage, i: int, link: Link, entered: list[str],
                        known: set[str]) -> list[Problem]:
    """A link's own ``needs`` (the old form) may only repeat what the stage it enters needs: leaving one out
    would let this way in skip it, and adding one needs a stated reason (``adds``)."""
    if not link.needs:
        return []
    problems = [_unknown(loaded, ("next", i, "needs", j), need) for j, need in enumerate(link.needs)
                if need not in known]
    waived = {change.need for change in link.waives}
    dropped = [need for need in entered if need not in link.needs and need not in waived]
    if dropped:
        problems.append(_problem(loaded, ("next", i, "needs"), "need-dropped",
                                 f"{link.to!r} needs {_quoted(dropped)}, which this link leaves out: a way in may "
                                 "skip a need only under 'waives', with a reason and a source. Take 'needs' off the "
                                 "link (the stage's own needs apply)"))
    extra = [need for need in link.needs if need in known and need not in entered]
    if extra:
        problems.append(_problem(loaded, ("next", i, "needs"), "need-unsourced",
                                 f"{link.to!r} does not need {_quoted(extra)}: put a need on the stage it belongs "
                                 "to, or under 'adds' with a reason and a source"))
    if not dropped and not extra:
        problems.append(_problem(loaded, ("next", i, "needs"), "needs-on-link",
                                 f"the needs of {link.to!r} are stated on that stage: take 'needs' off the link",
                                 severity="warning"))
    return problems


def _quoted(ids: list[str]) -> str:
    return ", ".join(repr(i) for i in ids)


def _problem(loaded: LoadedStage, path: tuple[str | int, ...], code: str, message: str,
             severity: str = "error") -> Problem:
    line, col = loaded.positions.of(path)
    return Problem(loaded.file, line, col, code, message, severity=severity)  # type: ignore[arg-type]
