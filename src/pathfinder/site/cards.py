"""Printable route cards for schools: one A4 page per job, from the same graph as every other page."""

from __future__ import annotations

import networkx as nx

from ..graph import Pathways, stage_url
from ..schema import Stage
from .pages import onward_links
from .render import render
from .route_view import routes_between

__all__ = ["card_pages"]

_PREFIX = "../../../"
#: Most items of each list a card shows, so that every card fits on one sheet.
_MAX_ITEMS = 4


def _card(G: nx.DiGraph, stage: Stage) -> str:
    starts = sorted((n for n in G if G.nodes[n]["kind"] == "start"), key=lambda n: str(G.nodes[n]["title"]))
    origins = []
    for start in starts:
        found = routes_between(G, start, stage.id, _PREFIX, limit=1)
        if found:
            origins.append({"title": G.nodes[start]["title"], "route": found[0]})
    return render("card.md.j2", stage=stage, prefix=_PREFIX, page_url=stage_url(stage.id, stage.kind),
                  what_you_do=stage.what_you_do[:_MAX_ITEMS], origins=origins[:2],
                  onward=onward_links(G, stage.id, _PREFIX)[:_MAX_ITEMS])


def card_pages(pathways: Pathways) -> dict[str, str]:
    """A route card for every job, and the list of cards."""
    roles = sorted((loaded.stage for loaded in pathways.stages.values() if loaded.stage.kind == "role"),
                   key=lambda s: s.title)
    pages = {f"schools/cards/{s.id}/index.md": _card(pathways.graph, s) for s in roles}
    cards = [{"url": f"{s.id}/", "title": s.title} for s in roles]
    pages["schools/cards/index.md"] = render("cards_index.md.j2", cards=cards)
    return pages
