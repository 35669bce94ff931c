"""The career map as SVG, drawn at build time: one column per career stage, every node a link.

No client library: the drawing is plain SVG text, escaped by the same autoescaping templates as every page.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx
from markupsafe import Markup

from ..graph import stage_url
from .render import render

__all__ = ["MapNode", "MapSVG", "career_columns", "career_map", "neighbourhood_map"]

NODE_W, NODE_H, COL_GAP, ROW_GAP, TOP, MARGIN = 190, 74, 64, 18, 34, 8
_KIND_LABEL = {"start": "Starting point", "training": "Training", "role": "Job"}
_KIND_ORDER = {"start": 0, "training": 1, "role": 2}


@dataclass(frozen=True)
class MapNode:
    """A box on the map: where it is, what it says and where it leads."""

    id: str
    kind: str
    kind_label: str
    lines: tuple[str, ...]
    url: str
    x: int
    y: int
    current: bool = False


@dataclass(frozen=True)
class MapEdge:
    """An arrow between two boxes, as an SVG path."""

    path: str


@dataclass(frozen=True)
class MapSVG:
    """Everything the map template needs."""

    id: str
    title: str
    width: int
    height: int
    headings: tuple[tuple[int, str], ...]
    nodes: tuple[MapNode, ...]
    edges: tuple[MapEdge, ...]

    def svg(self) -> Markup:
        """The map as an SVG element (already escaped)."""
        return Markup(render("map.svg.j2", map=self, node_w=NODE_W, node_h=NODE_H))


#: Words above each career-stage column; odd columns hold the training that leads to the next column.
_STAGE_HEADINGS = ("Where you start", "Support jobs", "Pharmacy technician jobs", "Experienced jobs",
                   "Senior and specialist jobs")


def _band_tier(bands: list[int]) -> int:
    """Career stage of a job from its lowest NHS band: support (up to 3), technician (4), experienced (5), senior."""
    low = min(bands)
    return 1 if low <= 3 else 2 if low == 4 else 3 if low == 5 else 4


def _tiers(G: nx.DiGraph, order: list[str]) -> dict[str, int]:
    """Career stage of every start and job: from its pay band, else one stage on from the jobs that lead to it."""
    tier: dict[str, int] = {}
    reached: dict[str, int] = {}  # the latest stage seen on the way to each node
    for node in order:
        data = G.nodes[node]
        before = max((reached.get(p, 0) for p in G.predecessors(node)), default=0)
        if data["kind"] == "start":
            tier[node] = 0
        elif data["kind"] == "role":
            bands = data.get("pay_bands") or []
            tier[node] = _band_tier(bands) if bands else min(before + 1, len(_STAGE_HEADINGS) - 1)
        reached[node] = tier.get(node, before)
    return tier


def _topological(G: nx.DiGraph) -> list[str]:
    """Nodes in step order; the stages of a cycle come together, by id."""
    C = nx.condensation(G)
    return [n for c in nx.topological_sort(C) for n in sorted(C.nodes[c]["members"])]


def career_columns(G: nx.DiGraph) -> dict[str, int]:
    """Column of each stage: starting points, then each career stage (by pay band) with its training just
    before it. Empty columns are closed up."""
    order = _topological(G)
    tiers = _tiers(G, order)
    column = {node: 2 * t for node, t in tiers.items()}
    for node in reversed(order):
        if node not in column:
            after = [column[s] for s in G.successors(node) if s in column]
            column[node] = max(min(after, default=2) - 1, 1)
    used = sorted(set(column.values()))
    return {node: used.index(c) for node, c in column.items()}


def column_headings(G: nx.DiGraph) -> list[str]:
    """Words above each column that ``career_columns`` uses, in order."""
    tiers = _tiers(G, _topological(G))
    columns = career_columns(G)
    headings: dict[int, str] = {}
    for node, c in columns.items():
        data = G.nodes[node]
        if data["kind"] == "training":
            headings.setdefault(c, "Training")
        else:
            headings[c] = _STAGE_HEADINGS[tiers[node]]
    return [headings[c] for c in sorted(headings)]


def _ordered(G: nx.DiGraph, columns: dict[str, int]) -> list[list[str]]:
    """Stages per column, each column ordered near the stages that lead into it, to keep arrows short."""
    count = max(columns.values(), default=-1) + 1
    placed: dict[str, int] = {}
    result: list[list[str]] = []
    for column in range(count):
        members = [n for n in G if columns[n] == column]

        def key(node: str) -> tuple[float, int, str]:
            rows = [placed[p] for p in G.predecessors(node) if p in placed]
            return (sum(rows) / len(rows) if rows else 0.0, _KIND_ORDER[G.nodes[node]["kind"]],
                    str(G.nodes[node]["title"]))

        members.sort(key=key)
        placed.update({node: row for row, node in enumerate(members)})
        result.append(members)
    return result


def _edge_path(a: MapNode, b: MapNode) -> str:
    if b.x > a.x:
        x1, y1, x2, y2 = a.x + NODE_W, a.y + NODE_H // 2, b.x - 6, b.y + NODE_H // 2
        mid = (x1 + x2) // 2
        return f"M{x1},{y1} C{mid},{y1} {mid},{y2} {x2},{y2}"
    if b.x == a.x:  # a step within a column: an arc in the gap to its right
        x, y1, y2 = a.x + NODE_W, a.y + NODE_H // 2 + 8, b.y + NODE_H // 2 - 8
        bulge = x + COL_GAP // 2 + 8
        return f"M{x},{y1} C{bulge},{y1} {bulge},{y2} {x + 6},{y2}"
    # A step back to an earlier column: loop below the boxes.
    x1, y1, x2, y2 = a.x + NODE_W // 2 + 20, a.y + NODE_H, b.x + NODE_W // 2 - 20, b.y + NODE_H + 6
    low = max(y1, y2) + 28
    return f"M{x1},{y1} C{x1},{low} {x2},{low} {x2},{y2}"


def _draw(G: nx.DiGraph, layout: list[list[str]], headings: Iterable[str], *, map_id: str, title: str,
          prefix: str, current: str | None = None) -> MapSVG:
    nodes: dict[str, MapNode] = {}
    for column, members in enumerate(layout):
        for row, node in enumerate(members):
            data = G.nodes[node]
            lines = tuple(textwrap.wrap(str(data["title"]), 21, max_lines=3, placeholder="…"))
            nodes[node] = MapNode(id=node, kind=data["kind"], kind_label=_KIND_LABEL[data["kind"]], lines=lines,
                                  url=prefix + stage_url(node, data["kind"]),
                                  x=MARGIN + column * (NODE_W + COL_GAP), y=TOP + row * (NODE_H + ROW_GAP),
                                  current=node == current)
    edges = tuple(MapEdge(_edge_path(nodes[u], nodes[v])) for u, v in G.edges if u in nodes and v in nodes)
    rows = max((len(m) for m in layout), default=0)
    width = MARGIN * 2 + len(layout) * NODE_W + max(len(layout) - 1, 0) * COL_GAP + 40  # room for headings
    height = TOP + rows * (NODE_H + ROW_GAP) + 40
    placed_headings = tuple((MARGIN + i * (NODE_W + COL_GAP), h) for i, h in enumerate(headings))
    return MapSVG(id=map_id, title=title, width=width, height=height, headings=placed_headings,
                  nodes=tuple(nodes.values()), edges=edges)


def career_map(G: nx.DiGraph, prefix: str, map_id: str = "career-map") -> MapSVG:
    """The whole graph, one column per career stage."""
    layout = _ordered(G, career_columns(G))
    headings = column_headings(G)
    return _draw(G, layout, headings, map_id=map_id, title="Career map: every stage and the steps between them",
                 prefix=prefix)


#: Most stages a neighbourhood map draws on each side, so a page's map stays readable and its size bounded
#: however many stages link to one (the page's text lists every step on).
NEIGHBOURHOOD_MAX = 20


def neighbourhood_map(G: nx.DiGraph, stage: str, prefix: str) -> MapSVG | None:
    """The stages one step before and after ``stage`` (up to NEIGHBOURHOOD_MAX each, by title); None when it has
    no neighbours."""
    leading_in = set(G.predecessors(stage))
    before = sorted(leading_in, key=lambda n: str(G.nodes[n]["title"]))[:NEIGHBOURHOOD_MAX]
    after = sorted((n for n in G.successors(stage) if n not in leading_in),
                   key=lambda n: str(G.nodes[n]["title"]))[:NEIGHBOURHOOD_MAX]
    if not before and not after:
        return None
    layout = [column for column in (before, [stage], after) if column]
    headings = [h for h, column in zip(("Comes before", "This stage", "Leads to"), (before, [stage], after),
                                       strict=True) if column]
    sub = G.subgraph([*before, stage, *after])
    return _draw(sub, layout, headings, map_id=f"map-{stage}", current=stage,
                 title=f"{G.nodes[stage]['title']}: the stages just before and after it", prefix=prefix)
