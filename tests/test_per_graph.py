"""Work done once per graph for a whole build: shared while the graph is unchanged, made again when a stage is
added, and never shared between two graphs."""

from __future__ import annotations

import networkx as nx

from pathfinder.site.per_graph import per_graph


def test_made_once_per_graph_and_again_when_a_stage_is_added() -> None:
    calls: list[int] = []

    @per_graph
    def stage_count(G: nx.DiGraph) -> int:
        calls.append(1)
        return G.number_of_nodes()

    first, second = nx.DiGraph([("a", "b")]), nx.DiGraph([("a", "b")])
    assert [stage_count(first), stage_count(first)] == [2, 2] and len(calls) == 1
    assert stage_count(second) == 2 and len(calls) == 2  # an equal graph is still another graph
    first.add_edge("b", "c")
    assert stage_count(first) == 3 and len(calls) == 3
