"""Work done once per loaded graph and shared by every page of a build (the career columns, the title pattern):
worked out per page it would cost a pass over the whole graph on each of thousands of pages."""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from typing import TypeVar

import networkx as nx

__all__ = ["per_graph"]

T = TypeVar("T")


def per_graph(make: Callable[[nx.DiGraph], T]) -> Callable[[nx.DiGraph], T]:
    """``make(G)`` worked out once per graph and shared by later calls. Keyed by the graph itself (dropped with
    it) and its number of stages: the site treats a loaded graph as read-only, and counting its links on every
    call would itself walk the whole graph. What ``make`` returns is shared, so it must not be changed."""
    cache: weakref.WeakKeyDictionary[nx.DiGraph, tuple[int, T]] = weakref.WeakKeyDictionary()

    @functools.wraps(make)
    def cached(G: nx.DiGraph) -> T:
        size = G.number_of_nodes()
        found = cache.get(G)
        if found is None or found[0] != size:
            found = cache[G] = (size, make(G))
        return found[1]

    return cached
