"""The graph in open formats: node-link JSON (what the finder loads), GraphML and CSV."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from typing import Any

import networkx as nx

from .graph import Pathways

__all__ = ["FORMATS", "csv_cell", "graph_json", "render"]

FORMATS = ("json", "graphml", "csv")
_CSV_COLUMNS = ("id", "kind", "title", "months", "earn_while_learning", "settings", "level", "standard",
                "pay_bands", "url", "next")


def graph_json(G: nx.DiGraph) -> dict[str, Any]:
    """Node-link data, the shape ``networkx.node_link_graph(data, edges="edges")`` reads back."""
    return dict(nx.node_link_data(G, edges="edges"))


def _flat(value: Any) -> str | int | bool:
    """GraphML and CSV hold scalars only: lists become '; '-joined text, None becomes ''."""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if value is None:
        return ""
    return value if isinstance(value, bool | int) else str(value)


def _graphml(G: nx.DiGraph) -> str:
    flat = nx.DiGraph()
    for node, data in G.nodes(data=True):
        flat.add_node(node, **{k: _flat(v) for k, v in data.items()})
    for u, v, data in G.edges(data=True):
        flat.add_edge(u, v, **{k: _flat(val) for k, val in data.items()})
    return "\n".join(nx.generate_graphml(flat)) + "\n"


#: What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection"), after any spaces; full-width and
#: small forms (U+FF1D, U+FE66, U+FF0B) count too, since they fold to these (NFKC) and some spreadsheets read them so.
_FORMULA_START = ("=", "+", "-", "@")
_CONTROL_START = ("\t", "\r", "\n")


def _starts_a_formula(text: str) -> bool:
    if text.startswith(_CONTROL_START):
        return True
    first = next((char for char in text if not (char.isspace() or unicodedata.category(char) == "Cf")), "")
    return unicodedata.normalize("NFKC", first).startswith(_FORMULA_START)


def csv_cell(value: Any) -> str | int | bool:
    """A value as a CSV cell a spreadsheet shows as text: text that would start a formula gets a leading ``'``,
    as OWASP's CSV-injection guidance says. Numbers stay numbers.

    >>> csv_cell("=SUM(A1:A9)")
    "'=SUM(A1:A9)"
    >>> csv_cell(" =1+1"), csv_cell("\uff1d1+1")
    ("' =1+1", "'\uff1d1+1")
    >>> csv_cell(-3), csv_cell("Pharmacy technician")
    (-3, 'Pharmacy technician')
    """
    flat = _flat(value)
    return f"'{flat}" if isinstance(flat, str) and _starts_a_formula(flat) else flat


def _csv(G: nx.DiGraph) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(_CSV_COLUMNS)
    for node, data in G.nodes(data=True):
        row = {**data, "id": node, "next": sorted(G.successors(node))}
        writer.writerow([csv_cell(row.get(column)) for column in _CSV_COLUMNS])
    return out.getvalue()


def render(pathways: Pathways, fmt: str) -> str:
    """The graph of ``pathways`` as text in the format named."""
    if fmt == "json":
        return json.dumps(graph_json(pathways.graph), indent=2) + "\n"
    if fmt == "graphml":
        return _graphml(pathways.graph)
    if fmt == "csv":
        return _csv(pathways.graph)
    raise ValueError(f"unknown export format {fmt!r}")
