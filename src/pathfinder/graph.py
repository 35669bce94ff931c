"""The pathway graph: validated stages as a networkx DiGraph, and the checks that need the whole graph."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx

from .currency import current_date, dated_problems
from .figures import Figures, load_figures
from .glossary import Glossary, glossary_problems, load_glossary
from .load import LoadedStage, LoadResult, load_dir
from .pay import PayTable, load_pay, stage_pay_problems
from .problems import Problem, errors_in, warnings_in
from .schema import Stage
from .situation import attach_situation

__all__ = ["Pathways", "build_graph", "graph_problems", "load_pathways", "node_attributes", "stage_url"]

_URL_PREFIX = {"start": "start", "role": "careers", "training": "training"}

def stage_url(stage_id: str, kind: str) -> str:
    """Site-relative address of a stage's page, such as ``careers/pharmacy-technician/``."""
    return f"{_URL_PREFIX[kind]}/{stage_id}/"

def node_attributes(stage: Stage) -> dict[str, Any]:
    """The attributes a graph node carries: what the routes package needs plus what the finder shows."""
    return {
        "kind": stage.kind,
        "title": stage.title,
        "summary": stage.summary,
        "months": stage.months,
        "earn_while_learning": stage.earn_while_learning,
        "settings": list(stage.settings),
        "level": stage.level,
        "standard": stage.apprenticeship.standard if stage.apprenticeship else None,
        "pay_bands": list(stage.pay.bands) if stage.pay else [],
        "url": stage_url(stage.id, stage.kind),
    }

def build_graph(stages: Iterable[Stage]) -> nx.DiGraph:
    """A DiGraph with one node per stage (id order) and one edge per link between stages that exist.

    >>> from datetime import date
    >>> from pathfinder.schema import Stage
    >>> common = {"summary": "S", "sources": [{"url": "https://example.org/a", "title": "A"}],
    ...           "reviewed": date(2026, 1, 1)}
    >>> a = Stage(id="here", kind="start", title="A", next=[{"to": "there"}], **common)
    >>> b = Stage(id="there", kind="role", title="B", **common)
    >>> sorted(build_graph([a, b]).edges)
    [('here', 'there')]
    """
    stages = sorted(stages, key=lambda s: s.id)
    G = nx.DiGraph()
    for stage in stages:
        G.add_node(stage.id, **node_attributes(stage))
    for stage in stages:
        for link in stage.next:
            if link.to in G and link.to != stage.id:
                G.add_edge(stage.id, link.to, requires=list(link.requires), note=link.note,
                          needs=list(link.needs))
    return G

def _edit_distance(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, char_b in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (char_a != char_b))
    return row[-1]


def _likely_typo_of(missing: str, known: set[str]) -> str | None:
    """The id ``missing`` was probably meant to be: only a near spelling (a slip of a few letters), never a stage
    that merely shares words with it, which is usually a different stage (a removed course is not its role)."""
    close = difflib.get_close_matches(missing, sorted(known), n=3, cutoff=0.8)
    allowed = max(2, len(missing) // 8)
    return next((c for c in close if _edit_distance(missing, c) <= allowed), None)


def _link_problems(loaded: LoadedStage, known: set[str]) -> Iterator[Problem]:
    seen: set[str] = set()
    for i, link in enumerate(loaded.stage.next):
        where = loaded.positions.of(("next", i, "to"))
        if link.to == loaded.stage.id:
            yield Problem(loaded.file, *where, "self-link", "a stage cannot lead to itself")
        elif link.to not in known:
            close = _likely_typo_of(link.to, known)
            hint = (f"; did you mean {close!r}?" if close else
                    ": if that stage was removed or renamed, change or remove this link")
            yield Problem(loaded.file, *where, "unknown-stage", f"no stage has the id {link.to!r}{hint}")
        elif link.to in seen:
            yield Problem(loaded.file, *where, "duplicate-link", f"{link.to!r} is linked twice")
        seen.add(link.to)

def _reach_problems(G: nx.DiGraph, stages: dict[str, LoadedStage], all_loaded: bool) -> Iterator[Problem]:
    """Unreachable stages (only judged when every file loaded: a broken file may hold the missing link)
    and training that leads nowhere."""
    starts = [n for n, kind in G.nodes(data="kind") if kind == "start"]
    reached = set(starts).union(*(nx.descendants(G, s) for s in starts))
    for stage_id, loaded in stages.items():
        where = loaded.positions.of(("id",))
        if all_loaded and stage_id not in reached:
            yield Problem(loaded.file, *where, "unreachable",
                          "no starting point leads here: link to this stage from another stage's 'next'")
        if loaded.stage.kind == "training" and not loaded.stage.next:
            yield Problem(loaded.file, *loaded.positions.of_key(("kind",)), "dead-end",
                          "a training stage must lead somewhere: add at least one entry under 'next'")

def _dead_end_roles(G: nx.DiGraph, stages: dict[str, LoadedStage]) -> Iterator[Problem]:
    """Roles a visitor can reach but not leave: each needs a 'next' link unless it is marked final (the top of a
    ladder). Unreachable roles are skipped: they already have their own problem."""
    starts = [n for n, kind in G.nodes(data="kind") if kind == "start"]
    reached = set(starts).union(*(nx.descendants(G, s) for s in starts))
    for stage_id, loaded in stages.items():
        stage = loaded.stage
        if stage.kind == "role" and not stage.next and not stage.final and stage_id in reached:
            yield Problem(loaded.file, *loaded.positions.of_key(("kind",)), "dead-end-role",
                          "this role leads nowhere: add the roles or training it leads to under 'next', or "
                          "'final: true' if it is the top of a ladder", severity="warning")


def graph_problems(G: nx.DiGraph, result: LoadResult) -> list[Problem]:
    """Problems only the whole graph shows: bad links, unreachable stages and dead ends."""
    problems = [p for loaded in result.stages.values() for p in _link_problems(loaded, result.claimed_ids)]
    all_loaded = result.claimed_ids == set(result.stages)
    problems.extend(_reach_problems(G, result.stages, all_loaded))
    problems.extend(_dead_end_roles(G, result.stages))
    return problems

@dataclass(frozen=True)
class Pathways:
    """Everything loaded from a pathways folder: the stages, their graph, the workforce figures (if any) and
    every problem found."""

    stages: dict[str, LoadedStage]
    graph: nx.DiGraph
    problems: list[Problem]
    figures: Figures | None = None
    pay: PayTable | None = None
    """The NHS pay table (pathways/figures/pay.yaml), if there is one and it loaded cleanly."""
    glossary: Glossary | None = None
    """The glossary (pathways/glossary.yaml), if there is one and it loaded cleanly."""

    @property
    def errors(self) -> list[Problem]:
        """The problems that make the data unusable: nothing is routed or built while there are any."""
        return errors_in(self.problems)

    @property
    def warnings(self) -> list[Problem]:
        """Facts due for a check: reported, but the data can still be used."""
        return warnings_in(self.problems)

    def stage(self, stage_id: str) -> Stage:
        """The validated model of one stage."""
        return self.stages[stage_id].stage

def load_pathways(root: Path, *, today: date | None = None) -> Pathways:
    """Load, validate and link every stage under ``root`` (normally ``pathways/``); dated rules use ``today``."""
    today = today or current_date()
    result = load_dir(root, today=today)
    G = build_graph(loaded.stage for loaded in result.stages.values())
    figures, figure_problems = load_figures(root, today=today)
    pay, pay_problems = load_pay(root)
    if pay is not None:
        pay_problems.extend(stage_pay_problems(pay, result.stages.values()))
    situation_problems = attach_situation(G, root, result.stages)
    glossary, glossary_warnings = load_glossary(root)
    glossary_warnings.extend(glossary_problems(glossary, result.stages.values()))
    due = dated_problems(result.stages.values(), pay, today=today)
    problems = sorted([*result.problems, *graph_problems(G, result), *figure_problems, *pay_problems, *due,
                       *situation_problems, *glossary_warnings])
    return Pathways(stages=dict(sorted(result.stages.items())), graph=G, problems=problems, figures=figures,
                    pay=pay, glossary=glossary)
