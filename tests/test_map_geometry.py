"""Map arrows never pass behind a box: every arrow of the career map (screen and print) and of every stage's
mini-map, sampled along its path, stays outside every box but the two it joins."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from pathfinder.graph import load_pathways
from pathfinder.site.map_svg import MapSVG, career_map, career_map_print, neighbourhood_map

from .conftest import DATA, ROOT

_COMMAND = re.compile(r"([MCLHV])([^MCLHV]*)")
Point = tuple[float, float]


def _points(d: str, steps: int = 40) -> Iterator[tuple[Point, Point]]:
    """Consecutive points along an SVG path of M, L, H, V and C commands (absolute), finely sampled."""
    x = y = 0.0
    for command, args in _COMMAND.findall(d):
        numbers = [float(n) for n in re.findall(r"-?[\d.]+", args)]
        if command == "M":
            x, y = numbers
            continue
        if command == "C":
            (x1, y1, x2, y2, x3, y3) = numbers
            previous = (x, y)
            for i in range(1, steps + 1):
                t = i / steps
                u = 1 - t
                point = (u**3 * x + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t**3 * x3,
                         u**3 * y + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t**3 * y3)
                yield previous, point
                previous = point
            x, y = x3, y3
            continue
        end = {"L": (numbers[0], numbers[1]) if len(numbers) == 2 else (x, y),
               "H": (numbers[0], y), "V": (x, numbers[0])}[command]
        previous = (x, y)
        for i in range(1, steps + 1):
            point = (x + (end[0] - x) * i / steps, y + (end[1] - y) * i / steps)
            yield previous, point
            previous = point
        x, y = end


def _crossings(drawn: MapSVG) -> list[str]:
    """Each arrow that passes inside a box other than the two it joins (boxes shrunk by 1 px for its ends)."""
    w, h = drawn.look.node_w, drawn.look.node_h
    boxes = [(n.id, n.x + 1, n.y + 1, n.x + w - 1, n.y + h - 1) for n in drawn.nodes]
    found = []
    for edge in drawn.edges:
        samples = [p for segment in _points(edge.path) for p in segment]
        start, end = samples[0], samples[-1]

        def inside(point: Point, box: tuple[str, float, float, float, float]) -> bool:
            return box[1] < point[0] < box[3] and box[2] < point[1] < box[4]

        def near(point: Point, box: tuple[str, float, float, float, float]) -> bool:
            return box[1] - 8 <= point[0] <= box[3] + 8 and box[2] - 8 <= point[1] <= box[4] + 8

        joined = {b[0] for b in boxes if near(start, b) or near(end, b)}
        for box in boxes:
            if box[0] not in joined and any(inside(p, box) for p in samples):
                found.append(f"{edge.path} passes behind {box[0]}")
    return found


def _maps(root: Path) -> Iterator[MapSVG]:
    G = load_pathways(root).graph
    yield career_map(G, "../")
    yield career_map_print(G, "../")
    for stage in G:
        small = neighbourhood_map(G, stage, "../../")
        if small:
            yield small


@pytest.mark.parametrize("root", [ROOT / "pathways", DATA / "valid", DATA / "hostile"],
                         ids=["site", "valid", "hostile"])
def test_no_arrow_passes_behind_a_box(root: Path) -> None:
    problems = [problem for drawn in _maps(root) for problem in _crossings(drawn)]
    assert problems == []


def test_the_check_sees_an_arrow_through_a_box() -> None:
    G = load_pathways(ROOT / "pathways").graph
    drawn = career_map(G, "../")
    a, b, c = sorted(drawn.nodes, key=lambda n: (n.x, n.y))[:3]
    straight = type(drawn.edges[0])(f"M{a.x},{a.y + 5} L{c.x + 200},{c.y + 40}")
    crossing = MapSVG(id="x", title="x", width=drawn.width, height=drawn.height, headings=(), nodes=drawn.nodes,
                      edges=(straight,), look=drawn.look)
    assert _crossings(crossing), (a.id, b.id, c.id)
