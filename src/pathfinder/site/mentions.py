"""Stage names in a page's text become links to those stages' pages ("see the specialist pharmacy technician
page"). The first mention of each other stage on a page is linked; text already in a link, a heading, a
disclosure's summary or the map is left alone, and a page never links to itself."""

from __future__ import annotations

import re
import weakref

import networkx as nx
from markupsafe import escape

from ..graph import stage_url
from .terms import NO_LINK, rewrite_page_text

__all__ = ["link_stage_mentions"]


#: Each graph's title pattern, made once per build rather than once per page (a pattern of every title is costly
#: to compile on a big graph); keyed by the graph itself and its number of stages (titles belong to stages, and
#: the site treats a loaded graph as read-only).
_PATTERNS: weakref.WeakKeyDictionary[nx.DiGraph, tuple[int, dict[str, str], re.Pattern[str]]] = (
    weakref.WeakKeyDictionary())


def _titles_and_pattern(G: nx.DiGraph) -> tuple[dict[str, str], re.Pattern[str]]:
    size = G.number_of_nodes()
    cached = _PATTERNS.get(G)
    if cached is None or cached[0] != size:
        titles = {str(d["title"]).casefold(): str(n) for n, d in G.nodes(data=True)}
        names = sorted(titles, key=len, reverse=True)  # "pharmacy technician manager" before "pharmacy technician"
        pattern = re.compile(rf"(?<![\w-])({'|'.join(re.escape(n) for n in names)})s?(?![\w-])", re.IGNORECASE)
        cached = _PATTERNS[G] = (size, titles, pattern)
    return cached[1], cached[2]


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
