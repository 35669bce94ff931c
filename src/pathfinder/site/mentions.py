"""Stage names in a page's text become links to those stages' pages ("see the specialist pharmacy technician
page"). The first mention of each other stage on a page is linked; text already in a link, a heading, a
disclosure's summary or the map is left alone, and a page never links to itself."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import networkx as nx
from markupsafe import escape

from ..graph import stage_url
from .per_graph import per_graph
from .terms import NO_LINK, rewrite_page_text

__all__ = ["link_stage_mentions"]


@per_graph  # a pattern of every title is costly to make on a big graph: once per build, not once per page
def _titles_and_pattern(G: nx.DiGraph) -> tuple[dict[str, str], re.Pattern[str]]:
    titles = {str(d["title"]).casefold(): str(n) for n, d in G.nodes(data=True)}
    return titles, re.compile(rf"(?<![\w-])({_any_of(titles)})s?(?![\w-])", re.IGNORECASE)


def _any_of(names: Iterable[str]) -> str:
    """A pattern matching any of ``names``, longest first ("pharmacy technician manager" before "pharmacy
    technician"), as a trie: a plain alternation of every title makes the engine try each title at each letter
    of a page, so a page's cost would grow with the number of stages; the trie tries only titles that fit so far."""
    trie: dict[str, Any] = {}
    for name in names:
        node = trie
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}  # a name ends here

    def pattern(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        # Greedy: a longer name that continues here is tried before the name that ends here.
        return f"(?:{body})?" if "" in node else body

    return pattern(trie)


def link_stage_mentions(page: str, G: nx.DiGraph, stage_id: str, prefix: str) -> str:
    """``page`` with the first mention of each other stage's title linked to its page; its own title stays text."""
    if G.number_of_nodes() < 2:
        return page
    titles, pattern = _titles_and_pattern(G)
    linked: set[str] = {stage_id}

    def rewrite(text: str, tags: set[str]) -> str:
        if NO_LINK & tags:
            return text

        def link(match: re.Match[str]) -> str:
            target = titles[match.group(1).casefold()]
            if target in linked:
                return match.group(0)
            linked.add(target)
            url = prefix + stage_url(target, str(G.nodes[target]["kind"]))
            return f'<a class="pf-stage-link" href="{escape(url)}">{match.group(0)}</a>'
        return pattern.sub(link, text)

    return rewrite_page_text(page, rewrite)
