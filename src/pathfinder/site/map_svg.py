"""The career map as SVG, drawn at build time: one column per career stage, every node a link.

No client library: the drawing is plain SVG text, escaped by the same autoescaping templates as every page.
"""

from __future__ import annotations

import textwrap
import types
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx
from markupsafe import Markup

from ..graph import stage_url
from .per_graph import per_graph
from .render import render

__all__ = ["MapNode", "MapSVG", "career_columns", "career_map", "career_map_print", "neighbourhood_map"]

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
class Look:
    """Box size and text sizes of one drawing: the wide map's, the printed one's, or the mini-map's (narrow)."""

    node_w: int
    node_h: int
    kind_size: int
    title_size: int
    line_gap: int
    wrap: int
    heading_size: int = 14
    col_gap: int = COL_GAP
    row_gap: int = ROW_GAP
    top: int = TOP
    heading_wrap: int = 0
    """Characters per heading line; 0 keeps each heading on one line."""
    pad: int = 10
    """Space between a box's left edge and its text."""


WIDE = Look(node_w=NODE_W, node_h=NODE_H, kind_size=12, title_size=14, line_gap=15, wrap=21)
#: For print: nine columns across a landscape A4 page (about 1,030 CSS px of content), so that shrunk to fit,
#: every text stays above 8 pt (10.7 px).
PRINT = Look(node_w=106, node_h=82, kind_size=12, title_size=12, line_gap=14, wrap=13, heading_size=12,
             col_gap=20, row_gap=14, top=40, heading_wrap=15, pad=5)
#: Two boxes side by side in 344 px: drawn at its own size on a 390 px phone, its smallest text is 11 px. The gap
#: between them carries the arrows.
NARROW = Look(node_w=152, node_h=68, kind_size=11, title_size=13, line_gap=15, wrap=16, heading_size=13)
NARROW_GAP, BAND_HEAD, BAND_GAP = 24, 24, 22
NARROW_W = 2 * MARGIN + 2 * NARROW.node_w + NARROW_GAP


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
    look: Look = WIDE
    heading_ys: tuple[int, ...] = ()
    """The y of each heading; empty for the wide map, whose headings all sit on the top line."""
    layout: str = "wide"

    def svg(self, links: bool = False) -> Markup:
        """The map as an SVG element (already escaped); with ``links``, each box is an SVG link, for the
        standalone file. Inside a page the links are HTML instead (``html``)."""
        return Markup(render("map.svg.j2", map=self, look=self.look, links=links))

    def html(self) -> Markup:
        """The map for a page: the drawing, hidden from screen readers, under one HTML link per box.

        HTML links, not SVG ones: Material's instant navigation rewrites every ``[href]`` element with
        ``el.href = el.href``, which throws on an SVG link (its href is a read-only SVGAnimatedString), and
        crawlers and Lighthouse only follow ``<a href>``.
        """
        return Markup(render("map_links.html.j2", map=self, look=self.look))

    def box_percent(self, node: MapNode) -> dict[str, float]:
        """Where a box sits, as percentages of the drawing, for the HTML link laid over it."""
        return {"left": round(100 * node.x / self.width, 3), "top": round(100 * node.y / self.height, 3),
                "width": round(100 * self.look.node_w / self.width, 3),
                "height": round(100 * self.look.node_h / self.height, 3)}


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


@per_graph
def career_columns(G: nx.DiGraph) -> Mapping[str, int]:
    """Column of each stage: starting points, then each career stage (by pay band) with its training just
    before it. Empty columns are closed up. Once per graph, read-only: every role page's maps and route groups
    share one copy."""
    return types.MappingProxyType(_career_columns(G))


def _career_columns(G: nx.DiGraph) -> dict[str, int]:
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


def _ordered(G: nx.DiGraph, columns: Mapping[str, int]) -> list[list[str]]:
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


def _edge_path(a: MapNode, b: MapNode, look: Look = WIDE, lane: int = 0) -> str:
    """An arrow that never passes behind a box: it runs only through the gaps between columns and between rows.

    Between neighbouring columns a curve crosses the one gap; a longer step runs along the gap beside its start,
    a row gap next to the box it reaches, then the gap before that box. ``lane`` shifts each such arrow by a few
    pixels so that arrows sharing a gap stay apart."""
    w, h = look.node_w, look.node_h
    column_step = look.node_w + look.col_gap
    shift = ((lane % 5) - 2) * max(look.col_gap // 10, 2)
    if b.x - a.x == column_step:  # the next column: a curve inside the gap between them
        x1, y1, x2, y2 = a.x + w, a.y + h // 2, b.x - 6, b.y + h // 2
        mid = (x1 + x2) // 2
        return f"M{x1},{y1} C{mid},{y1} {mid},{y2} {x2},{y2}"
    if b.x == a.x:  # a step within a column: an arc in the gap to its right
        x, y1, y2 = a.x + w, a.y + h // 2 + 8, b.y + h // 2 - 8
        bulge = x + look.col_gap // 2 + 4
        return f"M{x},{y1} C{bulge},{y1} {bulge},{y2} {x + 6},{y2}"
    forward = b.x > a.x
    start_x = a.x + w if forward else a.x
    end_x = b.x - 6 if forward else b.x + w + 6
    leave = start_x + (look.col_gap // 2 if forward else -(look.col_gap // 2)) + shift
    arrive = (b.x - look.col_gap // 2 if forward else b.x + w + look.col_gap // 2) + shift
    y1, y2 = a.y + h // 2, b.y + h // 2
    # The row gap just above the box it reaches; below it for a box in the first row, under the headings.
    lane_y = (b.y - look.row_gap // 2 if b.y > look.top else b.y + h + look.row_gap // 2) + shift // 2
    return f"M{start_x},{y1} H{leave} V{lane_y} H{arrive} V{y2} H{end_x}"


def _draw(G: nx.DiGraph, layout: list[list[str]], headings: Iterable[str], *, map_id: str, title: str,
          prefix: str, current: str | None = None, look: Look = WIDE) -> MapSVG:
    nodes: dict[str, MapNode] = {}
    for column, members in enumerate(layout):
        for row, node in enumerate(members):
            data = G.nodes[node]
            lines = tuple(textwrap.wrap(str(data["title"]), look.wrap, max_lines=3 if look is WIDE else 4,
                                        placeholder="…", break_long_words=False))
            nodes[node] = MapNode(id=node, kind=data["kind"], kind_label=_KIND_LABEL[data["kind"]], lines=lines,
                                  url=prefix + stage_url(node, data["kind"]),
                                  x=MARGIN + column * (look.node_w + look.col_gap),
                                  y=look.top + row * (look.node_h + look.row_gap), current=node == current)
    pairs = [(u, v) for u, v in G.edges if u in nodes and v in nodes]
    edges = tuple(MapEdge(_edge_path(nodes[u], nodes[v], look, lane)) for lane, (u, v) in enumerate(pairs))
    rows = max((len(m) for m in layout), default=0)
    # Room for the last heading to run on, or for the arcs between boxes of the last column.
    room = 40 if look is WIDE else look.col_gap
    width = MARGIN * 2 + len(layout) * look.node_w + max(len(layout) - 1, 0) * look.col_gap + room
    height = look.top + rows * (look.node_h + look.row_gap) + 40
    if look.heading_wrap:
        headings = ["\n".join(textwrap.wrap(h, look.heading_wrap)) for h in headings]
    placed_headings = tuple((MARGIN + i * (look.node_w + look.col_gap), h) for i, h in enumerate(headings))
    return MapSVG(id=map_id, title=title, width=width, height=height, headings=placed_headings,
                  nodes=tuple(nodes.values()), edges=edges, look=look, layout="wide" if look is WIDE else "print")


def _bus_edge(other: MapNode, current: MapNode, look: Look, into_current: bool) -> str:
    """An arrow between ``current`` (centred in its band) and a box of a band above or below it, along the gap
    between the two columns of boxes, so that it never passes behind a box: sideways from the inner side of
    ``other`` into the gap, then along the gap to the middle of ``current``'s top or bottom."""
    centre = current.x + look.node_w // 2
    inner = other.x + look.node_w if other.x < centre else other.x
    side_y = other.y + look.node_h // 2
    end_y = current.y if other.y < current.y else current.y + look.node_h
    if into_current:
        return f"M{inner},{side_y} H{centre} V{end_y + (-3 if other.y < current.y else 3)}"
    tip = inner + (3 if other.x < centre else -3)
    return f"M{centre},{end_y} V{side_y} H{tip}"


def _draw_stacked(G: nx.DiGraph, bands: list[tuple[str, list[str]]], *, map_id: str, title: str, prefix: str,
                  current: str, edges: Iterable[tuple[str, str]]) -> MapSVG:
    """Bands one under another, two boxes to a row with ``current`` alone in the middle of its band: for a narrow
    column, with no sideways scrolling. Every edge has ``current`` at one end (a neighbourhood)."""
    look = NARROW
    nodes: dict[str, MapNode] = {}
    headings: list[tuple[int, str]] = []
    heading_ys: list[int] = []
    y = 0
    for heading, members in bands:
        y += BAND_HEAD
        headings.append((MARGIN, heading))
        heading_ys.append(y - 8)
        for i, node in enumerate(members):
            data = G.nodes[node]
            row, col = divmod(i, 2)
            x = (NARROW_W - look.node_w) // 2 if node == current else MARGIN + col * (look.node_w + NARROW_GAP)
            lines = tuple(textwrap.wrap(str(data["title"]), look.wrap, max_lines=3, placeholder="…"))
            nodes[node] = MapNode(id=node, kind=data["kind"], kind_label=_KIND_LABEL[data["kind"]], lines=lines,
                                  url=prefix + stage_url(node, data["kind"]), x=x, y=y + row * (look.node_h + 12),
                                  current=node == current)
        rows = (len(members) + 1) // 2
        y += rows * (look.node_h + 12) - 12 + BAND_GAP
    here = nodes[current]
    drawn = tuple(MapEdge(_bus_edge(nodes[u], here, look, into_current=True) if v == current
                          else _bus_edge(nodes[v], here, look, into_current=False))
                  for u, v in edges if u in nodes and v in nodes and current in (u, v) and u != v)
    return MapSVG(id=map_id, title=title, width=NARROW_W, height=y, headings=tuple(headings),
                  nodes=tuple(nodes.values()), edges=drawn, look=look, heading_ys=tuple(heading_ys), layout="narrow")


def career_map_print(G: nx.DiGraph, prefix: str, map_id: str = "career-map-print") -> MapSVG:
    """The whole graph for a landscape A4 page: the wide layout in smaller boxes, text at least 8 pt."""
    layout = _ordered(G, career_columns(G))
    return _draw(G, layout, column_headings(G), map_id=map_id, prefix=prefix, look=PRINT,
                 title="Career map: every stage and the steps between them")


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
    """The stages one step before and after ``stage``, in bands one under another so it fits any column; None
    when it has no neighbours. Only the steps into and out of ``stage`` are drawn, up to NEIGHBOURHOOD_MAX a side
    (by title), so the drawing stays small however many stages link here."""
    leading_in = set(G.predecessors(stage))
    before = sorted(leading_in, key=lambda n: str(G.nodes[n]["title"]))[:NEIGHBOURHOOD_MAX]
    after = sorted((n for n in G.successors(stage) if n not in leading_in),
                   key=lambda n: str(G.nodes[n]["title"]))[:NEIGHBOURHOOD_MAX]
    if not before and not after:
        return None
    bands = [(h, column) for h, column in (("Comes before", before), ("This stage", [stage]), ("Leads to", after))
             if column]
    edges = [*G.in_edges(stage), *G.out_edges(stage)]
    return _draw_stacked(G, bands, map_id=f"map-{stage}", current=stage, edges=edges, prefix=prefix,
                         title=f"{G.nodes[stage]['title']}: the stages just before and after it")
